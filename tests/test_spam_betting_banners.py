"""Betting-site banners opening a page (names only, the promotion line under them) and betting
names glued after a paragraph's last sentence: judged by their shape, whether or not the
hijacker repeats them elsewhere on the page.  Every string here is written for the test."""
import pytest

from pagewash.transforms.record import Reason
from pagewash.transforms.spam import clean_text
from pagewash.transforms.spam.gazetteer import gazetteer
from pagewash.transforms.spam.injected import GamblingHeaderLines, GluedGamblingNames
from pagewash.transforms.spam.lexicon import lexicon

HEADLINE = "城郊水库完成除险加固工程"
PARA = "记者从市水务局了解到,城郊水库的除险加固工程已于本月中旬全部完工,大坝的防洪标准由五十年一遇提高到百年一遇。"
PARA2 = "据工程负责人介绍,施工期间共清理库区淤泥十二万立方米,新建了一条长约三公里的防汛道路,方便汛期抢险。"


def banner(line):
    return GamblingHeaderLines(lexicon(), gazetteer(), "").banner_names(line)


@pytest.mark.parametrize("line", [
    "KX国际平台-金马真人视讯",
    "金马娱乐官网_HB在线投注",
    "红鲸app下载-金马国际开户",
    "金马真人视讯",
])
def test_banner_lines_of_betting_names(line):
    assert banner(line) is not None


@pytest.mark.parametrize("line", [
    "腾讯体育",  # a portal's sports channel: one betting head, no name only a gambling site has
    "新浪体育-中超直播",
    "城郊水库完成除险加固工程",
    "金马国际平台,欢迎您",  # punctuation: not a line of names
])
def test_other_lines_are_no_banner(line):
    assert banner(line) is None


def test_banner_parts_beside_a_name_may_be_slogans_only_when_asked():
    judge = GamblingHeaderLines(lexicon(), gazetteer(), "")
    line = "金马注册送彩金|红鲸app下载"
    assert judge.banner_names(line) is None
    found = judge.banner_names(line, with_slogans=True)
    assert found["names"] == ["红鲸app下载"] and found["slogans"] == ["金马注册送彩金"]
    # a headline beside a weak name is no slogan: long, and it holds grammatical words
    assert judge.banner_names("金马娱乐|城郊水库的除险加固工程已经全部完工", with_slogans=True) is None


def cleaned(text, **kw):
    result = clean_text(text, **kw)
    return result.text, result.removals


def test_banner_and_promotion_line_go_though_the_names_recur():
    text = "\n".join([
        "KX国际平台-金马真人视讯",
        "存款满一百元即送彩金,活动期间每日可领取一次。 金马真人视讯",
        HEADLINE,
        PARA,
        PARA2 + "金马真人视讯",
    ])
    out, removals = cleaned(text)
    assert out.split("\n")[0] == HEADLINE
    assert "金马真人视讯" not in out and "KX国际平台" not in out and "彩金" not in out
    assert PARA in out and PARA2 in out
    banners = [r for r in removals if r.evidence and r.evidence.get("detector") == "betting_banner"]
    assert banners and all(r.reason == Reason.SITE_TITLE for r in banners)


def test_name_after_a_headline_like_line_cuts_only_the_name():
    text = "\n".join(["金马娱乐官网-HB在线投注", "每日签到领好礼 HB在线投注", HEADLINE, PARA, PARA2])
    out, _ = cleaned(text)
    assert out.split("\n")[:2] == ["每日签到领好礼", HEADLINE]


def _banner_removals(removals):
    return [r for r in removals if r.evidence and r.evidence.get("detector") == "betting_banner"]


def test_single_name_banner_is_not_judged_by_shape_on_a_page_about_gambling():
    casino = "澳门一家娱乐场的负责人表示,今年前三季度赌场的博彩收入同比增长了两成,旅客人数也明显回升。"
    text = "\n".join(["金马娱乐场", HEADLINE, casino, PARA2])
    _out, removals = cleaned(text)
    assert not _banner_removals(removals)  # left to the header rule, which asks whether the page names it


def test_banner_needs_an_article_below():
    _out, removals = cleaned("KX国际平台-金马真人视讯\n红鲸app下载")
    assert not _banner_removals(removals)


def glued_tail(line):
    finder = GluedGamblingNames(lexicon(), gazetteer())
    return [line[h.start:h.end] for h in finder.find(line)]


@pytest.mark.parametrize("tail", ["金马国际平台", "KX娱乐城官网、金马国际平台", "金马开户网址、HB体育投注"])
def test_betting_names_glued_after_the_last_sentence(tail):
    assert glued_tail(PARA + tail) == [tail]


def test_glued_tail_stays_on_a_page_that_speaks_of_gambling():
    casino = "游客可以在酒店里参观著名的娱乐场,每年都有大批旅客专程前来。"
    text = "\n".join([HEADLINE, casino + "这座城市的夜景也很有名。金马娱乐场", PARA2])
    out, _ = cleaned(text)
    assert "金马娱乐场" in out


def test_bracketed_betting_label_line_above_the_headline_goes():
    text = "\n".join(["【金马时时彩彩票网】请在确认金额无误后点击下方的提交按钮。", HEADLINE, PARA, PARA2])
    out, removals = cleaned(text)
    assert out.split("\n")[0] == HEADLINE
    assert any(r.evidence and r.evidence.get("position") == "label" for r in removals)


def test_bracketed_news_label_stays():
    line = "【本报综合报道】" + PARA
    out, _ = cleaned("\n".join([HEADLINE, line, PARA2]))
    assert line in out


def test_betting_name_before_the_headline_goes_with_its_separator():
    out, _ = cleaned("\n".join(["金马彩票官方网址_" + HEADLINE, PARA, PARA2]))
    assert out.split("\n")[0] == HEADLINE
    # the headline again below: the prefixed copy goes whole
    out, _ = cleaned("\n".join(["金马彩票官方网址_" + HEADLINE, HEADLINE, PARA, PARA2]))
    assert out.split("\n")[:2] == [HEADLINE, PARA]


@pytest.mark.parametrize("mark", ["〓", "◆", "★"])
def test_betting_name_before_the_headline_apart_by_a_templates_symbol_goes(mark):
    out, _ = cleaned("\n".join(["金马国际娱乐" + mark + HEADLINE, PARA, PARA2]))
    assert out.split("\n")[0] == HEADLINE


def test_betting_names_of_a_segmented_title_become_page_vocabulary():
    text = "\n".join([PARA, "金马体育投注", PARA2])
    assert "金马体育投注" in cleaned(text, title=HEADLINE)[0]  # a line of one name, the page names it once
    out, _ = cleaned(text, title="金马体育投注_" + HEADLINE)
    assert out == PARA + "\n" + PARA2


def test_bracketed_betting_label_further_down_goes_alone():
    text = "\n".join([HEADLINE, PARA, "【金马时时彩彩票网】" + PARA2])
    out, removals = cleaned(text)
    assert out == "\n".join([HEADLINE, PARA, PARA2])


def test_banner_of_weak_names_goes_when_the_pages_keyword_line_lists_them():
    text = "\n".join(["金马注册送彩金-红鲸娱乐", HEADLINE, PARA, PARA2, "关键字:金马注册送彩金,红鲸娱乐,银鲨开户"])
    out, removals = cleaned(text)
    assert out.split("\n")[0] == HEADLINE and "红鲸娱乐" not in out
    # without the keyword line the two weak names are no banner
    _out, removals = cleaned("\n".join(["金马注册送彩金-红鲸娱乐", HEADLINE, PARA, PARA2]))
    assert not _banner_removals(removals)


@pytest.mark.parametrize("tail", ["(金马国际平台)", "【KX娱乐城官网】"])
def test_betting_name_in_brackets_after_the_last_sentence(tail):
    assert glued_tail(PARA + tail) == [tail]


@pytest.mark.parametrize("tail", ["(新华社记者)", "(图)", "(金马娱乐)"])
def test_other_bracketed_tails_are_no_glued_betting_name(tail):
    assert glued_tail(PARA + tail) == []
