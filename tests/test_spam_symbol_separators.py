"""Lists, headings and bullets a template writes with a symbol of its own (transforms/lexicon.py
SYMBOL_SEPARATOR, its users in transforms/spam/).  Every string here is written for the test."""
import re

import pytest

from pagewash.transforms.lexicon import (ITEM_SEPARATORS, KEYWORD_SEPARATORS, SYMBOL_MARK_CLASS,
                                         SYMBOL_SEPARATOR)
from pagewash.transforms.record import Reason
from pagewash.transforms.spam import clean_text
from pagewash.transforms.spam import patterns

PARA = "记者从有关部门获悉,今年以来各地持续推进老旧小区改造,惠及居民超过一百万户,群众满意度明显提高。"
PARA2 = "专家表示,下一步要把改造和完善社区服务结合起来,让居民住得更舒心,这项工作还将持续推进。"
PARA3 = "居民们说,改造以后楼道亮了,路面平了,出门买菜和接送孩子都方便了不少。"
# one prefecture's divisions: a coherent list, which an author might write with 、 and commas
CITY = ["济宁市", "任城区", "兖州区", "微山县", "鱼台县", "金乡县", "嘉祥县", "汶上县"]
_MARK = re.compile(f"[{SYMBOL_MARK_CLASS}]")


def reasons(result):
    return [r.reason for r in result.removals]


@pytest.mark.parametrize("char", list("☆★╋⊙〓→◆▪➢㊣∣╱~+|"))
def test_symbols_of_any_template_separate_items(char):
    assert SYMBOL_SEPARATOR.match(char)
    assert ITEM_SEPARATORS.split(f"甲乙市{char}丙丁县") == ["甲乙市", "丙丁县"]
    assert KEYWORD_SEPARATORS.split(f"某某维修{char}某某医院") == ["某某维修", "某某医院"]


@pytest.mark.parametrize("char", list("©®™°℃<=>·—-、,。¥%"))
def test_marks_that_belong_to_words_or_prose_do_not(char):
    assert not SYMBOL_SEPARATOR.match(char)


def test_a_table_border_or_an_ascii_sign_is_no_bullet_or_frame():
    assert all(_MARK.match(c) for c in "☆◆〓→➢")
    assert not any(_MARK.match(c) for c in "|│┃+~╋")
    assert patterns.BULLET.match("◆ 某某新闻标题") and patterns.BULLET.match("➢ 某某新闻标题")
    assert not patterns.BULLET.match("| 510104 | 某某区 |")


@pytest.mark.parametrize("sep", ["╋", "⊙", "→", "〓"])
def test_one_city_strung_by_a_symbol_goes_however_coherent(sep):
    line = "分站导航☆" + sep.join(CITY)
    result = clean_text(PARA + "\n" + PARA2 + "\n" + line)
    assert result.text == PARA + "\n" + PARA2
    assert reasons(result) == [Reason.PLACE_LIST]
    # between two paragraphs too: no author strings places with a symbol
    result = clean_text(PARA + "\n" + line + "\n" + PARA2)
    assert result.text == PARA + "\n" + PARA2


def test_the_same_city_listed_as_an_author_writes_it_stays():
    line = "、".join(CITY)
    text = PARA + "\n" + line + "\n" + PARA2
    assert clean_text(text).text == text


def test_a_table_of_the_city_divisions_stays():
    rows = ["| 代码 | 名称 |", "|---|---|"] + [f"| 3708{k:02d} | {name} |" for k, name in enumerate(CITY)]
    text = PARA + "\n" + "\n".join(rows) + "\n" + PARA2
    assert clean_text(text).text == text


def test_a_framed_heading_with_dated_headlines_goes_between_paragraphs():
    block = ["〓本月排行〓", "☆ 某地老街修缮完工 [12月24日]", "☆ 新的公交线路开通 [1月20日]",
             "☆ 社区食堂迎来第一批老人 [10月14日]"]
    result = clean_text(PARA + "\n" + PARA2 + "\n" + "\n".join(block) + "\n" + PARA3)
    assert result.text == PARA + "\n" + PARA2 + "\n" + PARA3
    assert set(reasons(result)) == {Reason.RELATED_BLOCK}


def test_an_author_heading_with_a_list_of_steps_stays():
    text = "\n".join([PARA, "改造分三步", "☆ 先修屋顶和外墙", "☆ 再换水管和电线", "☆ 最后装电梯", PARA2])
    assert clean_text(text).text == text


@pytest.mark.parametrize("heading", ["◆ 推荐阅读 ◆", "〓你可能还喜欢〓", "➢相关新闻"])
def test_a_named_related_heading_between_symbols(heading):
    assert patterns.RELATED_HEADER.match(heading)


def test_a_headline_with_its_date_in_brackets_is_a_link_list_item():
    for line in ("某地老街修缮完工 [12月24日]", "某地老街修缮完工(2018-01-05)", "某地老街修缮完工【2018年1月5日】"):
        assert patterns.HEADLINE_MARKERS.search(line)
    assert not patterns.HEADLINE_MARKERS.search("他在会上说,这项工作要在3月底前完成。")


def test_a_table_whose_rows_name_three_divisions_each_stays():
    rows = ["| 城区 | 县 | 县级市 |", "|---|---|---|", "| 任城区 | 微山县 | 曲阜市 |", "| 兖州区 | 鱼台县 | 邹城市 |",
            "| 市中区 | 金乡县 | 滕州市 |"]
    text = PARA + "\n" + "\n".join(rows) + "\n" + PARA2
    assert clean_text(text).text == text


def test_a_position_line_with_a_template_symbol_is_furniture():
    for line in ("您所在的位置 ⊙ 某地便民门户 ⊙ 新闻中心 ⊙ 详细内容", "当前位置 → 首页 → 正文"):
        assert patterns.FURNITURE.match(line)


def test_the_site_name_after_the_headline_goes_when_the_page_header_names_the_site():
    head = "您所在的位置 ⊙ 某地家居热线 ⊙ 新闻中心 ⊙ 详细内容"
    headline = "老旧小区改造惠及百万户——某地家居热线"
    result = clean_text("\n".join([head, headline, PARA, PARA2]))
    assert result.text == "\n".join(["老旧小区改造惠及百万户", PARA, PARA2])
    # a column's name after the headline is written nowhere else: it stays
    text = "\n".join(["老旧小区改造惠及百万户 | 民生观察", PARA, PARA2])
    assert clean_text(text).text == text


def test_an_english_breadcrumb_with_arrows_is_furniture_and_a_sentence_is_not():
    from pagewash.transforms.spam.rules import is_page_furniture

    assert is_page_furniture("Lucky Reels Casino → Home → Politics → Story")
    assert not is_page_furniture("He went home → then left. → ok")
    assert not is_page_furniture("entries > 10 AND zscore > 3 AS alert")  # a query's comparisons


def test_keyword_labels_of_a_search_box_and_a_recommending_label():
    for line in ("关键字推荐:某某国际手机版", "猜你想搜:某某乡上门回收", "大家都在搜:某某搬家拉货"):
        assert patterns.KEYWORD_LINE.match(line)


def test_a_tag_cloud_headline_with_the_site_name_heads_its_keyword_block():
    assert patterns.KEYWORD_HEADING.match("标签云 - 某地便民在线")
    assert not patterns.KEYWORD_HEADING.match("标签 - 这是一个句子,很长。")
    result = clean_text("\n".join(["标签云 - 某地便民在线", "某某区 某某县 某某招商加盟 某某县 某某区", PARA, PARA2]))
    assert result.text == PARA + "\n" + PARA2
