"""The shared lexicon: one definition of each pattern the stages share, and every stage reads it."""
from __future__ import annotations

import re
from importlib import resources

from pagewash.transforms import lexicon
from source_scan import lines_matching



def test_every_top_level_domain_is_a_real_one():
    # the Public Suffix List (ICANN and private sections) as the tld package ships it
    psl = (resources.files("tld") / "res" / "effective_tld_names.dat.txt").read_text(encoding="utf-8")
    known = {line.strip() for line in psl.splitlines()
             if line.strip() and not line.startswith("//") and "." not in line and not line.startswith("!")}
    assert known and set(lexicon.TLDS) <= known


def test_urls_end_at_the_first_character_that_is_not_part_of_one():
    found = lambda text: lexicon.URL.findall(text)  # noqa: E731
    assert found("访问www.12306.cn购票") == ["www.12306.cn"]
    assert found("见 http://example.com/a?b=1)。") == ["http://example.com/a?b=1"]
    assert found("bbs.abc.com.cn/forum 和 whr.cc") == ["bbs.abc.com.cn/forum", "whr.cc"]
    assert found("ftp://files.example.org/x") == ["ftp://files.example.org/x"]
    assert found("example.company and version 1.2.3") == []
    assert all(lexicon.URL_HINT.search(url) for url in ("www.x.y", "a.gov", "https://z", "ftp://q"))


def test_editor_credits_alone_or_at_the_end_of_a_line():
    assert lexicon.EDITOR_CREDIT_ONLY.match("（责任编辑：张伟）").group("name") == "张伟"
    assert lexicon.EDITOR_CREDIT_ONLY.match("本文编辑: 李明").group("name") == "李明"
    assert lexicon.EDITOR_CREDIT_ONLY.match("编辑部的故事") is None
    assert lexicon.EDITOR_CREDIT_AT_END.search("会议于昨日闭幕。(编辑:王芳)").group("name") == "王芳"
    assert lexicon.EDITOR_CREDIT_AT_END.search("编辑:王芳 说") is None


def test_character_classes_come_from_the_named_blocks():
    assert lexicon.HAN_CHAR.search("abc中") and not lexicon.HAN_CHAR.search("abcかな")
    assert re.fullmatch(f"[{lexicon.CJK_TOKEN}]+", "かな中文\U00020000")
    assert lexicon.SHORT_TOKEN.match("深圳SEO") and not lexicon.SHORT_TOKEN.match("seo")
    for first, last in lexicon.CJK_SHINGLE_RANGES + lexicon.CJK_TOKEN_RANGES:
        assert first <= last


def test_the_stages_read_the_shared_definitions():
    from pagewash.transforms import extract, html_prepass
    from pagewash.transforms.dedup import carry, normalize
    from pagewash.transforms.quality import signals
    from pagewash.transforms.spam import gazetteer, patterns, vocabulary

    assert patterns.URL is signals._URL_RE is extract._URL is lexicon.URL
    assert patterns.RELATED_HEADERS is lexicon.RELATED_HEADINGS
    assert html_prepass.RELATED_HEADINGS == {h.replace(" ", "").casefold() for h in lexicon.RELATED_HEADINGS}
    assert html_prepass._EDITOR_CREDIT is extract._EDITOR_LINE is lexicon.EDITOR_CREDIT_ONLY
    assert vocabulary.SHORT_TOKEN is carry._SHORT_TOKEN is lexicon.SHORT_TOKEN
    assert normalize._CJK_RANGES is lexicon.CJK_SHINGLE_RANGES and gazetteer._CJK == lexicon.HAN


def test_no_stage_writes_its_own_copy_of_a_shared_pattern():
    """Literal code-point ranges and TLD alternations live in the lexicon only."""
    copies = re.compile(r"\\u4e00|\\u3400|0x4E00|\|cn\||\(\?:com\|")
    offenders = lines_matching(copies, ["pipeline", "transforms"], allowed="transforms/lexicon.py")
    assert not offenders, offenders
