"""Each quality signal on small Chinese and English inputs, and language identification."""
from __future__ import annotations

import pytest

from pagewash.transforms.quality import SIGNAL_NAMES, identify_language, quality_score, quality_signals
from pagewash.transforms.quality.signals import ends_sentence, is_table_line, tokenize


def test_every_signal_is_a_float_and_names_are_the_schema():
    signals = quality_signals("记者:骚扰电话为何一直存在?\nThe quick brown fox.", {"spam": 10})
    assert tuple(signals) == SIGNAL_NAMES
    assert all(isinstance(v, float) for v in signals.values())


def test_empty_text_gives_zeros():
    signals = quality_signals("", None)
    assert signals["char_count"] == 0.0
    assert signals["word_count"] == 0.0
    assert signals["line_punct_ratio"] == 0.0


def test_tokens_are_cjk_characters_and_latin_words():
    assert tokenize("iPhone 15 发布了") == ["iphone", "15", "发", "布", "了"]
    s = quality_signals("新闻发布会 was held", None)
    assert s["word_count"] == 7.0
    assert s["cjk_char_count"] == 5.0
    assert s["cjk_ratio"] == pytest.approx(5 / 12, abs=1e-6)


def test_sentence_end_punctuation_chinese_and_latin():
    assert ends_sentence("这是一句话。")
    assert ends_sentence("他说:“好。”")
    assert ends_sentence("记者:骚扰电话为何一直存在?")  # NFKC ? of ？
    assert ends_sentence("总体全县投资结构趋稳趋优。(德清县发改局)")  # source after the sentence
    assert ends_sentence("The end.")
    assert not ends_sentence("首页")
    assert not ends_sentence("Read more")
    s = quality_signals("第一句。\n标题\n第三句!\nFourth line", None)
    assert s["line_punct_ratio"] == 0.5


def test_table_rows_are_not_prose_lines():
    assert is_table_line("| 年份 | 金额 |")
    assert is_table_line("|---|---|")
    assert not is_table_line("| " + "长段落" * 30 + " |")  # a layout table holding prose
    s = quality_signals("正文第一句。\n| 年份 | 金额 |\n|---|---|\n| 2019 | 100 |\n正文第二句。", None)
    assert s["table_line_ratio"] == 0.6
    assert s["line_punct_ratio"] == 1.0
    assert s["symbol_ratio"] == 0.0  # the pipes of table rows are not decoration


def test_mean_line_length():
    assert quality_signals("一二三\n四五六七八", None)["mean_line_length"] == 4.0


def test_duplicate_lines_ignore_separator_lines():
    s = quality_signals("点击查看\n正文。\n点击查看\n-\n-\n点击查看", None)
    assert s["dup_line_frac"] == 0.5  # 2 of the 4 content lines repeat an earlier line
    assert s["dup_line_char_frac"] == pytest.approx(8 / 15, abs=1e-6)


def test_ngram_repetition_on_characters_for_cjk():
    repeated = "东莞搬家公司电话。" * 10
    s = quality_signals(repeated, None)
    assert s["dup_5gram_char_frac"] > 0.7  # all but the first copy; 。 is not a token
    assert s["top_2gram_char_frac"] > 0.15
    varied = "今天天气很好,我们去公园散步,看见许多孩子在草地上放风筝,也有老人坐在长椅上聊天。"
    assert quality_signals(varied, None)["dup_5gram_char_frac"] == 0.0


def test_ngram_repetition_on_words_for_english():
    text = "buy cheap watches online today " * 8
    s = quality_signals(text, None)
    assert s["dup_5gram_char_frac"] > 0.7
    assert s["top_2gram_char_frac"] > 0.2
    assert quality_signals("the cat sat on the mat while a dog slept by the door", None)["dup_5gram_char_frac"] == 0.0


def test_top_ngram_follows_gopher_definition():
    # "a b" occurs 3 times, 2 characters each: 6 of the 17 characters
    s = quality_signals("a b a b a b c d e", None)
    assert s["top_2gram_char_frac"] == pytest.approx(6 / 17, abs=1e-6)


def test_symbol_digit_url_and_alpha_ratios():
    s = quality_signals("荣成| 楚雄| 麦积| 吉林", None)
    assert s["symbol_ratio"] == pytest.approx(3 / 8, abs=1e-6)
    s = quality_signals("开奖 03 08 15 22", None)
    assert s["digit_ratio"] == pytest.approx(8 / 10, abs=1e-6)
    assert s["alpha_token_ratio"] == pytest.approx(2 / 6, abs=1e-6)
    s = quality_signals("see www.example.com now", None)
    assert s["url_ratio"] == pytest.approx(15 / 23, abs=1e-6)
    assert quality_signals("友情链接 whr.cc", None)["url_ratio"] > 0.4


def test_stopwords_chinese_and_english():
    s = quality_signals("我的书在桌子上", None)
    assert s["stopword_count"] == 2.0  # 的, 在
    s = quality_signals("the cat and the dog", None)
    assert s["stopword_count"] == 3.0
    assert s["stopword_ratio"] == 0.6


def test_flagged_words_chinese_substrings_and_english_whole_words():
    s = quality_signals("香港六合彩 时时彩 开奖", None)
    assert s["flagged_word_count"] == 3.0  # 香港六合彩, 六合彩 inside it, 时时彩
    assert s["flagged_word_ratio"] == pytest.approx(8 / 10, abs=1e-6)  # overlap counted once
    assert quality_signals("best online casino bonus", None)["flagged_word_count"] == 1.0
    # whole words only in Latin script; everyday Chinese words containing listed characters stay clean
    assert quality_signals("occasional casinoes analysis", None)["flagged_word_count"] == 0.0
    assert quality_signals("这种可能性很大,他喝了一杯牛奶,成人教育", None)["flagged_word_count"] == 0.0


def test_traditional_simplified_mixing():
    simplified = quality_signals("这是一篇简体中文的新闻报道,内容关于经济发展。", None)
    assert simplified["traditional_ratio"] == 0.0
    assert simplified["trad_simp_mix"] == 0.0
    traditional = quality_signals("這是一篇繁體中文的新聞報導,內容關於經濟發展。", None)
    assert traditional["traditional_ratio"] == 1.0
    assert traditional["trad_simp_mix"] == 0.0
    mixed = quality_signals("这是一篇简体中文的新闻。這是一篇繁體中文的新聞。", None)
    assert 0.4 <= mixed["trad_simp_mix"] <= 0.5


def test_pinyin_annotations():
    s = quality_signals("創(chuàng)業資(zī)訊是一個平(ping2)台", None)
    assert s["pinyin_annotation_count"] == 3.0
    # a parenthesised Latin word without tone is not an annotation
    assert quality_signals("图(a)和图(b)", None)["pinyin_annotation_count"] == 0.0
    assert quality_signals("世界卫生组织(WHO)", None)["pinyin_annotation_count"] == 0.0


def test_spam_removed_fraction():
    s = quality_signals("x" * 200, {"place_list": 600, "keyword_stuffing": 200})
    assert s["spam_removed_frac"] == 0.8
    assert quality_signals("x" * 200, {})["spam_removed_frac"] == 0.0
    # page furniture and markup the extractor dropped are not spam
    furniture = {"html_navigation": 5000, "html_related": 900, "related_block": 300, "page_furniture": 100}
    assert quality_signals("x" * 200, furniture)["spam_removed_frac"] == 0.0


def test_signals_are_deterministic():
    text = "记者:骚扰电话为何一直存在?\n" * 3 + "The quick brown fox jumps over the lazy dog."
    assert quality_signals(text, {"a": 3}) == quality_signals(text, {"a": 3})


def test_quality_score_in_unit_interval_and_orders_article_above_junk():
    article = ("本报讯 记者从市公安局获悉,经过半年侦查,警方近日破获一起案件,抓获犯罪嫌疑人37名。\n"
               "据介绍,今年3月,警方在工作中发现线索,随即展开调查,逐步摸清了团伙的组织架构。")
    junk = "首页\n新闻\n体育\n财经\n首页\n新闻"
    good, bad = quality_score(quality_signals(article, None)), quality_score(quality_signals(junk, None))
    assert 0.0 <= bad < good <= 1.0


@pytest.mark.parametrize("text, lang", [
    ("对话专家:重拳打击遏制个人信息贩卖", "zh"),  # short Simplified headline (py3langid alone says wuu)
    ("2019打击侵害个人信息行动收官 装修等领域高发", "zh"),
    ("颱風過境 全臺停班停課,中央氣象局表示颱風中心今天清晨登陸。", "zh"),  # Traditional
    ("創(chuàng)業資(zī)訊,臺灣經濟發展迅速。", "zh"),  # Traditional with pinyin
    ("The city council voted on Tuesday to add protected bike lanes.", "en"),
    ("市立図書館は来月一日から開館時間を延長すると発表した。", "ja"),
])
def test_identify_language_short_texts(text, lang):
    got, score = identify_language(text)
    assert got == lang
    assert 0.5 < score <= 1.0


def test_identify_language_without_letters():
    assert identify_language("12345 !!! ...") == ("und", 0.0)
    assert identify_language("") == ("und", 0.0)


def test_cjk_char_count_is_the_count_of_cjk_characters():
    from pagewash.transforms.quality.signals import _CJK_CHAR_RE, cjk_char_count

    for text in ("", "plain ASCII line.", "新闻 news 发布会", "ひらがなとカタカナ漢字", "𠀀𠀁 ext-B 㐀", "한국어 text"):
        assert cjk_char_count(text) == len(_CJK_CHAR_RE.findall(text))


def test_shared_line_statistics_give_the_public_functions_values():
    """quality_signals computes the lines' CJK counts, sentence ends and paragraphs once; the
    values are those of the functions that compute them from the lines alone."""
    from pagewash.transforms.quality import signals as s

    text = "\n".join([
        "健身社区 由于偷窃犯身分不明,警方正在调查此案的具体情况和相关线索。",
        "这是一个被换行打断的句子,前半部分有足够多的汉字来构成段落的一行",
        "后半部分在这里结束了这个句子。供应发票",
        "| 名称 | 数量 |",
        "Prices rose. Then they fell again; nobody knew why.",
        "记者:骚扰电话为何一直存在?是因为利益链条仍然存在吗?",
        "物流挺快的,质量还不错,包装也很结实,下次还来这家店买东西的,客服态度很好的",
    ])
    lines = text.split("\n")
    got = quality_signals(text, None)
    line_chars = len(text) - (len(lines) - 1)
    assert got["prose_char_count"] == s.prose_chars_of(lines) > 0
    assert got["prose_char_frac"] == round(s.prose_chars_of(lines) / line_chars, 6)
    assert got["clause_prose_char_count"] == s.clause_prose_chars_of(lines) > 0
    assert got["keyword_led_line_ratio"] == round(s.keyword_led_share(lines), 6) > 0
    assert got["keyword_tailed_line_ratio"] == round(s.keyword_tailed_share(lines), 6) > 0
    assert got["max_paragraph_length"] == s.longest_paragraph(lines)
    judged, isolated = s.sentence_isolation(text)
    assert (got["judged_sentence_count"], got["isolated_sentence_ratio"]) == (judged, round(isolated, 6))
    assert got["long_line_count"] == sum(1 for line in lines if s.cjk_char_count(line) >= s.PROSE_MIN_CJK_CHARS)
