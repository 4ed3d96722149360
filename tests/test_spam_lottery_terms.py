"""A betting site's lottery or its draw tips named in a bare phrase between the commas of an
article that speaks of lotteries nowhere else (rule 12''', ``drop_lottery_segments``); a lottery
report, which names its games, draws and prizes in its own clauses, keeps them (strings written
for these tests)."""
from pagewash.transforms.reasons import Reason
from pagewash.transforms.spam import clean_text
from pagewash.transforms.spam.sources import LOTTERY_REPORT_WORDS, LOTTERY_TERMS

PARA = "心脏跳得太快,肯定会让心脏耗费太多力量,引起劳损,缩短寿命。"
PARA2 = "研究人员表示,规律运动可以让静息心率慢下来,这对中老年人尤其重要。"
PARA3 = "专家建议,每周至少进行三次中等强度的有氧运动,每次半小时左右。"


def _lottery_cuts(result):
    return [r.text for r in result.removals if (r.evidence or {}).get("detector") == "lottery_term"]


def test_a_lottery_chart_between_the_commas_of_a_health_article_goes_with_its_comma():
    line = "心脏跳得太快,上海时时彩走势图,肯定会让心脏耗费太多力量,引起劳损,缩短寿命。"
    result = clean_text("\n".join(["心率与寿命", line, PARA2, PARA3]))
    assert _lottery_cuts(result) == [",上海时时彩走势图"]
    assert PARA in result.text
    removal = next(r for r in result.removals if r.text == ",上海时时彩走势图")
    assert removal.reason == Reason.INJECTED_KEYWORD and removal.evidence["term"] == "时时彩"


def test_one_opening_a_sentence_goes_with_the_comma_after_it_and_several_on_a_page_all_go():
    line = "幸运飞艇开奖直播,研究人员表示,规律运动可以让静息心率慢下来,宝开11选5计划软件,这对中老年人尤其重要。"
    result = clean_text("\n".join(["心率与寿命", PARA, line, PARA3]))
    assert sorted(_lottery_cuts(result)) == sorted(["幸运飞艇开奖直播,", ",宝开11选5计划软件"])
    assert PARA2 in result.text


def test_a_lottery_report_keeps_its_draws_and_games():
    report = "\n".join([
        "双色球第2024001期开奖",
        "中国福利彩票双色球昨晚开奖,本期开奖结果,红球号码为01、05、12、18、25、33。",
        "本期全国共中出一等奖5注,单注奖金为650万元,彩民朋友可前往各地兑奖。",
        "据介绍,本期销售额为3.6亿元,奖池累计金额超过20亿元,下期将继续派奖。",
    ])
    result = clean_text(report)
    assert _lottery_cuts(result) == []
    assert "本期开奖结果" in result.text


def test_a_phrase_with_a_grammatical_word_or_a_report_word_is_no_keyword():
    # a clause (就: a grammatical word), and a segment naming the state lottery it reports on
    line = "记者了解到,他就想着开奖,当晚便赶到了现场,中国福利彩票昨晚开奖,结果出乎意料。"
    result = clean_text("\n".join(["一次意外", line, PARA2, PARA3]))
    assert _lottery_cuts(result) == []


def test_the_terms_name_betting_games_and_tips_and_the_report_words_are_no_terms():
    for term in ("重庆时时彩", "11选5", "北京赛车PK10", "幸运飞艇", "开奖直播", "计划软件", "注册就送"):
        assert LOTTERY_TERMS.search(term), term
    for word in ("双色球", "大乐透", "福利彩票", "彩民", "中奖"):
        assert not LOTTERY_TERMS.search(word) and LOTTERY_REPORT_WORDS.search(word), word
    # common words that hold no term
    for text in ("快三年了", "选5个", "时时刻刻", "开车", "注册会计师"):
        assert not LOTTERY_TERMS.search(text), text


def test_one_after_the_last_sentence_of_a_line_goes_after_a_dash_or_in_brackets():
    for tail in ("cp365注册送38元", "——分分PK10开奖直播", "〔幸运飞艇计划群〕"):
        result = clean_text("\n".join(["心率与寿命", PARA + tail, PARA2, PARA3]))
        assert result.text.split("\n")[1] == PARA, tail  # cut by this rule or the keyword tails' (a dash and a name)
    result = clean_text("\n".join(["心率与寿命", PARA + "cp365注册送38元", PARA2, PARA3]))
    assert _lottery_cuts(result) == ["cp365注册送38元"]
    # a tail that is a clause (了: a grammatical word) is the article's
    text = "\n".join(["心率与寿命", PARA + "后来开奖了", PARA2, PARA3])
    assert _lottery_cuts(clean_text(text)) == []


def test_a_set_phrase_of_the_terms_holds_no_grammatical_word_and_a_brand_before_a_head_goes_whole():
    # 就 is the set phrase's (注册就送), not a clause's
    result = clean_text("\n".join(["报名须知", "宝开注册就送,逾期未进行网上确认的,其报名程序未完成,将不予准考。", PARA2, PARA3]))
    assert _lottery_cuts(result) == ["宝开注册就送,"]
    # a place and a gambling head open the phrase: the whole phrase goes, not the place and the head alone
    result = clean_text("\n".join(["心率与寿命", "江西时时彩走势图," + PARA, PARA2, PARA3]))
    assert _lottery_cuts(result) == ["江西时时彩走势图,"] and PARA in result.text.split("\n")


def test_a_betting_site_named_by_a_number_over_the_headline_goes_and_a_year_is_no_brand():
    text = "\n".join(["138彩票_心率与寿命", PARA, PARA2, PARA3])
    result = clean_text(text)
    assert result.text.split("\n")[0] == "心率与寿命"
    assert [r.evidence["detector"] for r in result.removals] == ["betting_banner"]
    text = "\n".join(["2018娱乐圈大事件_心率与寿命", PARA, PARA2, PARA3])
    assert not [r for r in clean_text(text).removals if (r.evidence or {}).get("detector") == "betting_banner"]


def test_a_phrase_after_a_connective_set_off_by_commas_is_not_governed_by_it():
    # 所以, opens a clause; it takes no object, so the phrase after it is no object of the clause before
    line = "心脏跳得太快,所以,吉林快3开奖直播,肯定会让心脏耗费太多力量,引起劳损,缩短寿命。"
    result = clean_text("\n".join(["心率与寿命", line, PARA2, PARA3]))
    assert [r.text for r in result.removals] == [",吉林快3开奖直播"]  # (a name with a betting head, 直播)
    line = "心脏跳得太快,所以,北京快乐8计划群,肯定会让心脏耗费太多力量,引起劳损,缩短寿命。"
    assert _lottery_cuts(clean_text("\n".join(["心率与寿命", line, PARA2, PARA3]))) == [",北京快乐8计划群"]
