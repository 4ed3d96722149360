"""Doorway pages: a commercial name as the headline over sentences that never return to a rare
word (doorway_page; transforms/quality/doorway.py, docs/QUALITY.md)."""
from pagewash.transforms.quality.doorway import (commercial_title, recurring_rare_words, title_name)
from pagewash.transforms.quality.filters import filter_reasons, tag_document
from pagewash.transforms.quality.signals import quality_signals
from pagewash.transforms.reasons import Reason
from pagewash.transforms.record import Doc

# Sentences on one subject (the stock market) from different imagined reports: they share the
# subject's everyday words (市场, 股票, 投资者) and no name, place or term comes back.
PASTED = [
    "上周市场整体表现平稳,成交量比前一周略有放大,投资者情绪有所回暖。本周将有多家公司披露季度报告。",
    "分析人士指出,利率下调对股票估值有一定支撑作用,但短期内难以改变震荡格局。部分资金开始流向防御性行业。",
    "一位私募经理表示,今年以来他一直保持较低仓位,等待更明确的入场信号。他认为耐心比判断更重要。",
    "数据显示,上月新开户数量环比下降,显示新增资金入市意愿仍然不强。业内普遍预计下半年会有所改善。",
]

# A real article: it comes back to its subject (the museum, the exhibition, the bronzes).
ARTICLE = [
    "本市博物馆新馆将于下月正式开放,首个特展以青铜器为主题,展出文物三百余件。",
    "据博物馆负责人介绍,此次特展的青铜器大多来自近年的考古发掘,其中不少是首次公开展出。",
    "为了保护文物,新馆的展厅采用恒温恒湿设计,观众需要提前在网上预约参观。",
    "负责人说,特展期间博物馆还将举办系列讲座,邀请考古学者讲述青铜器背后的故事。",
]


def _doc(lines, title):
    return tag_document(Doc(id="t", source="t.html", text="\n".join(lines), title=title))


def _reasons(lines, title):
    return [f.reason for f in filter_reasons(_doc(lines, title))]


def test_a_commercial_name_over_pasted_sentences_is_a_doorway_page():
    reasons = _reasons(PASTED, "某某娱乐场官网")
    # the page model takes it for junk too (not_article); the doorway test is the first reason
    assert reasons[0] == Reason.DOORWAY_PAGE and set(reasons) <= {Reason.DOORWAY_PAGE, Reason.NOT_ARTICLE}
    q = _doc(PASTED, "某某娱乐场官网").quality
    assert (q["title_commercial_name"], q["title_echo_count"], q["recurring_rare_word_count"]) == (1.0, 0.0, 0.0)
    # a loan search phrase as the headline, with the site's name after a separator
    assert _reasons(PASTED, "某某县汽车抵押贷款_某某信息网")[0] == Reason.DOORWAY_PAGE


def test_the_same_sentences_under_a_headline_that_is_a_sentence_are_judged_as_before():
    assert Reason.DOORWAY_PAGE not in _reasons(PASTED, "市场震荡中投资者等待入场信号")
    assert Reason.DOORWAY_PAGE not in _reasons(PASTED, None)
    assert _doc(PASTED, None).quality["title_commercial_name"] == 0.0


def test_a_hijacked_article_under_an_injected_gambling_headline_is_kept():
    # the headline is spam, the text a real article that returns to its subject
    q = _doc(ARTICLE, "某某国际娱乐").quality
    assert q["title_commercial_name"] == 1.0 and q["title_echo_count"] == 0.0
    assert q["recurring_rare_word_count"] >= 2  # 青铜器, 博物馆 ...
    assert _reasons(ARTICLE, "某某国际娱乐") == []


def test_a_page_that_names_its_headline_business_is_not_a_doorway():
    lines = ["今年春节期间,明光医院的急诊科接诊病人比往年增加了两成。"] + ARTICLE[1:]
    q = _doc(lines, "明光医院").quality
    assert q["title_commercial_name"] == 1.0 and q["title_echo_count"] == 1.0
    assert Reason.DOORWAY_PAGE not in _reasons(lines, "明光医院")
    # the echo does not save sentences that do not hold together (pasted_page_probability >= 0.9
    # with half of them isolated): a doorway's search phrase shares a word with what was pasted
    pasted = ["今年春节期间,明光医院的急诊科接诊病人比往年增加了两成。"] + PASTED[1:]
    assert _doc(pasted, "明光医院").quality["title_echo_count"] == 1.0
    assert Reason.DOORWAY_PAGE in _reasons(pasted, "明光医院")


def test_a_hijacked_headline_that_keeps_the_article_headline_after_the_name_is_an_echo():
    # the injected name, then the article's own headline, which its text repeats
    title = "某某娱乐场官网-博物馆新馆下月开放"
    q = _doc(ARTICLE, title).quality
    assert q["title_commercial_name"] == 1.0 and q["title_echo_count"] >= 1.0
    assert Reason.DOORWAY_PAGE not in _reasons(ARTICLE, title)


def test_a_headline_echoed_at_the_start_of_the_text_is_not_an_echo():
    lines = ["某某娱乐场官网 " + PASTED[0]] + PASTED[1:]
    assert _reasons(lines, "某某娱乐场官网")[0] == Reason.DOORWAY_PAGE


def test_space_separated_text_is_never_judged():
    text = ("Markets were calm last week. Analysts expect rates to fall. "
            "A fund manager said patience matters more than judgement. New accounts fell last month.")
    s = quality_signals(text, None, "Lucky Casino app")
    assert s["title_commercial_name"] == 0.0 and s["recurring_rare_word_count"] == 0.0


def test_title_shapes():
    assert title_name("某某娱乐场官网_首页") == "某某娱乐场官网"
    assert title_name("某某娱乐场官网 - 首页") == "某某娱乐场官网"
    assert title_name("市场震荡,投资者等待入场信号") is None  # punctuation: a sentence, not a name
    assert title_name("这是一个长度远远超过十六个字的标题不是名称") is None
    assert commercial_title("市场震荡中投资者等待入场信号") is None
    found = commercial_title("某某县汽车抵押贷款")
    assert found is not None and found[1] == "贷款"
    # a local portal's name is a name like 某某网; a forum's or a channel's section title is none
    found = commercial_title("某地装修公司信息港")
    assert found is not None and found[1] == "信息港"
    assert commercial_title("新闻频道") is None and commercial_title("本地论坛") is None


def test_pasted_sentences_under_a_local_portals_name_are_a_doorway_the_article_is_kept():
    assert Reason.DOORWAY_PAGE in _reasons(PASTED, "某地装修公司信息港")
    assert _reasons(ARTICLE, "某地装修公司信息港") == []


def test_recurring_rare_words_count_sentences_not_lines():
    judged, words = recurring_rare_words(ARTICLE)
    assert judged == 4 and "青铜器" in words
    judged, words = recurring_rare_words(PASTED)
    assert judged == 8 and words == []


# The same texts opening with a paragraph longer than a headline.
PASTED_PARAGRAPHS = [PASTED[0] + PASTED[1]] + PASTED[2:]
ARTICLE_PARAGRAPHS = ["".join(ARTICLE[:3])] + ARTICLE[3:]


def _cleaned_dump(first_line, lines):
    from pagewash.transforms.record import Kind
    from pagewash.transforms.spam.clean import clean_doc

    doc = Doc(id="t", source="t.txt", kind=Kind.TEXT, text="\n".join([first_line] + lines))
    return clean_doc(doc)[0]


def test_the_spam_stage_records_a_first_line_it_cut_as_a_site_name():
    doc = _cleaned_dump("宏远国际app", PASTED_PARAGRAPHS)
    assert doc.cut_headline == "宏远国际app"
    assert "宏远国际app" not in doc.text
    # a page whose first line stays, or that has a title of its own, records nothing
    assert _cleaned_dump("上周股市回顾", PASTED_PARAGRAPHS).cut_headline is None
    from pagewash.transforms.spam.clean import clean_doc

    titled = Doc(id="t", source="t.html", text="\n".join(["宏远国际app"] + PASTED_PARAGRAPHS), title="上周股市回顾")
    assert clean_doc(titled)[0].cut_headline is None
    # a short first line of two sentences is a paragraph too
    assert _cleaned_dump("宏远国际app", PASTED).cut_headline == "宏远国际app"
    # nor one whose cut name stood over a headline of its own (a question over its answer)
    assert _cleaned_dump("宏远国际app", ["最近的股市行情怎么看?"] + PASTED_PARAGRAPHS).cut_headline is None


def test_pasted_sentences_under_a_cut_site_name_headline_are_a_doorway_page():
    # the text dump's headline was a betting site's name, which the spam stage cut: the
    # title left is none (the next line is a sentence), the cut headline is judged instead
    doc = tag_document(_cleaned_dump("宏远国际app", PASTED_PARAGRAPHS))
    assert doc.title is None and doc.quality["title_commercial_name"] == 1.0
    assert [f.reason for f in filter_reasons(doc)][0] == Reason.DOORWAY_PAGE


def test_a_real_article_under_a_cut_site_name_headline_is_kept():
    doc = tag_document(_cleaned_dump("宏远国际app", ARTICLE_PARAGRAPHS))
    assert doc.quality["title_commercial_name"] == 1.0
    assert doc.quality["recurring_rare_word_count"] >= 2
    assert filter_reasons(doc) == []


def test_a_cut_headline_does_not_replace_a_title_that_is_a_commercial_name():
    signals = quality_signals("\n".join(ARTICLE), None, "博物馆官网", cut_headline="宏远国际app")
    # the title's own word is echoed by the text: judged under the title, as before
    assert signals["title_commercial_name"] == 1.0 and signals["title_echo_count"] >= 1.0


def test_a_site_name_as_the_titles_second_part_is_judged_like_one_in_front():
    # a headline that names nothing, then a site's name: pasted sentences under it are a doorway
    q = _doc(PASTED, "两限房_某某建材便民网").quality
    assert q["title_commercial_name"] == 1.0 and q["title_echo_count"] == 0.0
    assert _reasons(PASTED, "两限房_某某建材便民网")[0] == Reason.DOORWAY_PAGE
    # a real page's headline before the site's name is echoed by its text: kept
    assert _reasons(ARTICLE, "博物馆新馆下月开放青铜器特展_某某建材便民网") == []


def test_a_search_phrase_written_twice_as_the_title_is_judged_like_a_commercial_name():
    # a site group's template writes the search phrase twice; the sentences pasted under it never
    # come back to a rare word, and the text never echoes the phrase
    title = "基金定投是什么意思_基金定投是什么意思"
    q = _doc(PASTED, title).quality
    assert (q["title_commercial_name"], q["title_doubled_phrase"], q["title_echo_count"]) == (0.0, 2.0, 0.0)  # a query
    assert Reason.DOORWAY_PAGE in _reasons(PASTED, title)
    # the same phrase once, and the real article under the doubled phrase, are no doorway
    assert Reason.DOORWAY_PAGE not in _reasons(PASTED, "基金定投是什么意思")
    assert _doc(PASTED, "基金定投是什么意思").quality["title_doubled_phrase"] == 0.0
    assert _reasons(ARTICLE, "青铜器特展大全_青铜器特展大全") == []  # it echoes 青铜器 and returns to it


def test_doubled_phrase_shapes():
    from pagewash.transforms.quality.doorway import doubled_phrase

    assert doubled_phrase("某某的历史是什么意思_某某的历史是什么意思") == "某某的历史是什么意思"
    assert doubled_phrase("Quip 的历史 | Quip 的历史 | 资讯") == "Quip 的历史"
    assert doubled_phrase("基金定投大全基金定投大全") == "基金定投大全"  # glued
    assert doubled_phrase("博物馆新馆下月开放_某某新闻网") is None  # a headline and the site's name
    assert doubled_phrase("哈哈哈哈哈哈") is None and doubled_phrase("Home_Home") is None
    assert doubled_phrase(None) is None
    assert doubled_phrase("某地信息港_某地信息港") is None  # a site's name twice: a hijacked page's header


def test_under_a_query_written_twice_the_echo_decides_even_when_rare_words_recur():
    # blurbs of one trade pasted under a search query share its terms (青铜器 twice) but never name it
    title = "宋代瓷器的鉴别方法_宋代瓷器的鉴别方法"
    q = _doc(ARTICLE, title).quality
    assert q["title_doubled_phrase"] == 2.0 and q["title_echo_count"] == 0.0 and q["recurring_rare_word_count"] >= 2
    assert Reason.DOORWAY_PAGE in _reasons(ARTICLE, title)
    # a name written twice may be a hijacked page's header: judged as a commercial name is, the
    # article that returns to its subject keeps its record
    q = _doc(ARTICLE, "宋代瓷器大全_宋代瓷器大全").quality
    assert q["title_doubled_phrase"] == 1.0
    assert _reasons(ARTICLE, "宋代瓷器大全_宋代瓷器大全") == []
    assert _reasons(ARTICLE, "某某国际娱乐") == []


ENGLISH_PASTED = [
    "Sources say the campaign may even be vetting a talk show host for vice president.",
    "The gun laws are restrictive and you won't see anyone carrying handguns openly in the city.",
    "Officials said the crew also included several unnamed members of the committee.",
]


def test_a_latin_phrase_written_twice_as_the_title_over_text_that_never_names_it_is_a_doorway():
    title = "Sunny Saves Bo From - Sunny Saves Bo From news, Sunny Saves Bo From videos"
    q = _doc(ENGLISH_PASTED, title).quality
    assert (q["title_doubled_phrase"], q["title_echo_count"]) == (2.0, 0.0)
    assert Reason.DOORWAY_PAGE in _reasons(ENGLISH_PASTED, title)
    # a text dump without a title: its first line is the title
    assert Reason.DOORWAY_PAGE in _reasons([title] + ENGLISH_PASTED, None)
    # a page that names the phrase's words is the phrase's own page; a headline once is no doorway
    named = ENGLISH_PASTED + ["Sunny saves the day again, the officials said."]
    assert _doc(named, title).quality["title_echo_count"] >= 1.0
    assert Reason.DOORWAY_PAGE not in _reasons(named, title)
    assert Reason.DOORWAY_PAGE not in _reasons(ENGLISH_PASTED, "Campaign vets a talk show host - Daily News")


def test_a_chinese_text_dump_whose_first_line_writes_its_phrase_twice_is_judged_by_that_line():
    lines = ["基金定投是什么意思_基金定投是什么意思"] + PASTED
    q = _doc(lines, None).quality
    assert q["title_doubled_phrase"] == 2.0 and q["title_echo_count"] == 0.0
    assert Reason.DOORWAY_PAGE in _reasons(lines, None)


def test_a_latin_word_of_the_title_is_echoed_in_any_case():
    lines = ["今天小编就带大家一起来盘点一下Mac平台上的这款游戏,它用Java编写,自然也有跨平台性。"] + PASTED[1:]
    q = _doc(lines, "某某游戏mac版下载").quality
    assert q["title_commercial_name"] == 1.0 and q["title_echo_count"] >= 1.0


# A betting site's own sentences (written for the test): its rules and its deposit bonus.
BETTING = [
    "豹子:中奖号码的三位数字都相同,则投注豹子者视为中奖,其它视为不中奖。",
    "在本站投注网注册会员成功后进行第一次有效存款,即能获得首存红利。",
    "客户在投注前必须成为本网站的注册用户,并对自己账户的投注负责。",
]


def test_a_name_framed_by_a_template_symbol_is_judged_as_the_title():
    assert title_name("某某开户网址〓唯一官方入口〓") == "某某开户网址"
    assert _reasons(BETTING, "某某开户网址〓唯一官方入口〓")[0] == Reason.DOORWAY_PAGE


def test_an_article_that_kept_two_betting_sentences_under_a_betting_title_is_kept():
    lines = ARTICLE + [s.replace("。", ",") + "馆方提醒观众注意安全。" for s in ARTICLE] + BETTING[1:]
    title = "某某开户网址〓秋日随想"  # a headline the text does not echo
    q = _doc(lines, title).quality
    assert (q["title_commercial_name"], q["title_echo_count"]) == (1.0, 0.0) and q["gambling_sentence_count"] >= 2
    assert Reason.DOORWAY_PAGE not in _reasons(lines, title)
    assert _reasons(BETTING, title)[0] == Reason.DOORWAY_PAGE  # the betting sentences alone: the site's own page
