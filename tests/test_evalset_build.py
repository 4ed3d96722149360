"""Pure pieces of the evaluation-set builders, on tiny inputs."""

from __future__ import annotations

import random

from tools.evalset.build_articles_eval import guess_lang
from tools.evalset.build_spam_eval import guard_strings, inject_in_sentence, insert_foreign
from tools.evalset.material import group_paragraphs, half, split_sentences


def test_split_sentences_keeps_closing_quotes_with_their_sentence():
    text = "他说：“今晚例外。”大家都笑了。真的吗？是的！"
    assert split_sentences(text) == ["他说：“今晚例外。”", "大家都笑了。", "真的吗？", "是的！"]


def test_group_paragraphs_joins_sentences_to_a_target_length():
    sents = ["甲" * 50 + "。", "乙" * 50 + "。", "丙" * 50 + "。", "丁。"]
    paras = group_paragraphs(sents, 100)
    assert paras == ["甲" * 50 + "。" + "乙" * 50 + "。", "丙" * 50 + "。" + "丁。"]
    assert "".join(paras) == "".join(sents)


def test_inject_in_sentence_puts_the_keyword_between_commas_and_gives_context():
    para = "接近2019年年末，国家市场监管总局又交出一份成绩单。"
    new, drop, original = inject_in_sentence(random.Random(1), para, "大岭山")
    assert new == "接近2019年年末，大岭山，国家市场监管总局又交出一份成绩单。"
    assert drop == "年年末，大岭山，"
    assert original == para
    assert inject_in_sentence(random.Random(1), "没有逗号的句子。", "大岭山") is None


def test_insert_foreign_goes_between_sentences():
    out = insert_foreign(random.Random(0), "第一句。第二句。", "外来句子。")
    assert out == "第一句。外来句子。第二句。"


def test_guard_strings_finds_enumerations_and_quotes():
    paras = ["受灾地区：北京、天津、河北、山西。", "他说“一只手推不倒万里长城”。"]
    assert guard_strings(paras) == ["北京、天津、河北、山西", "“一只手推不倒万里长城”"]


def test_half_splits_deterministically_into_disjoint_halves():
    items = [f"w{i}" for i in range(200)]
    a, b = half(items, 0), half(items, 1)
    assert set(a).isdisjoint(b) and sorted(a + b) == sorted(items)
    assert a == half(items, 0) and 60 < len(a) < 140


def test_guess_lang_from_snippets():
    assert guess_lang(["Die Lebensdauer von Bauteilen erhöht sich", "für die Kunden"]) == "de"
    assert guess_lang(["The importance of going first", "and the rest of the story"]) == "en"
    assert guess_lang(["12345"]) is None
