"""Shapes of the templates of local-service site groups (a city's name and a trade on every
line): coverage lists of one prefecture's counties under a label, names glued to pieces of other
texts item after item, contact cards, welcome lines, headlines with a local portal's name, names
in brackets or with an official-site tag or after a space where a clause part opens, bulleted
recommendation blocks.  Each rule on small cases: what it must cut and what it must leave
(strings written for these tests)."""
import pytest

from pagewash.transforms.reasons import Reason
from pagewash.transforms.spam import clean_text
from pagewash.transforms.spam.gazetteer import gazetteer
from pagewash.transforms.spam.injected import BracketedKeywords, InjectedSegmentFinder
from pagewash.transforms.spam.lexicon import lexicon
from pagewash.transforms.spam.line_model import is_template_place_list
from pagewash.transforms.spam.rules import contact_line, place_led_items, welcome_banner

PARA = "记者从有关部门获悉,今年以来各地持续推进老旧小区改造,惠及居民超过一百万户,群众满意度明显提高。"
PARA2 = "专家表示,下一步要把改造和完善社区服务结合起来,让居民住得更舒心,这项工作还将持续推进。"
PARA3 = "据介绍,改造内容包括加装电梯、更新管网和整治环境,多数项目将在年底前完工并交付使用。"
HEADLINE = "老旧小区改造惠及百万居民"


def _page(*middle, tail=()):
    return "\n".join([HEADLINE, PARA, *middle, PARA2, PARA3, *tail])


def _detectors(result):
    return [(r.reason, (r.evidence or {}).get("detector")) for r in result.removals]


# --------------------------------------------------------------------------- coverage lists


def test_places_strung_with_a_templates_mark_under_a_label_are_no_authors_list():
    gaz = gazetteer()
    assert is_template_place_list("青州市 ● 安丘市 ● 昌邑市 ● 昌乐县", gaz)
    assert is_template_place_list("丁青县/左贡县/芒康县/卡若区", gaz)
    assert is_template_place_list("伊通满族自治县;梨树县;铁东区;双辽市", gaz)
    # an author lists places under a label with 、 or commas
    assert not is_template_place_list("北京、天津、济南、南京", gaz)
    # a template's mark between things that are no places
    assert not is_template_place_list("产品中心 ● 新闻动态 ● 联系我们", gaz)


def test_a_labelled_coverage_list_of_one_prefecture_goes_and_an_authors_route_stays():
    spam = "服务站点:潍坊代理记账青州市 ● 安丘市 ● 昌邑市 ● 昌乐县 ● 诸城市 ● 寿光市 ● 临朐县"
    result = clean_text(_page(spam))
    assert "安丘市" not in result.text and PARA2 in result.text
    route = "途经:济南、泰安、曲阜"
    assert route in clean_text(_page(route)).text


# --------------------------------------------------------------------------- names led by a place


def test_items_that_open_with_a_city_and_a_trade_glued_to_pieces_of_other_texts_go():
    gaz = gazetteer()
    line = "湘潭月嫂服务 有了高血压之后...四平搬家公司只要留意日常保健...济宁钢结构厂房 有很好的补养作用"
    found = place_led_items(line, gaz)
    assert found is not None and found["places"] == ["四平", "济宁", "湘潭"]
    result = clean_text(_page(line))
    assert "四平搬家公司" not in result.text and PARA2 in result.text
    assert ("keyword_stuffing", "place_led_items") in _detectors(result)


def test_two_places_and_a_search_query_or_a_business_name_leading_items_are_such_a_line():
    gaz = gazetteer()
    for line in ("某病能根治吗_首先要按时服药——湛江婚纱摄影关于您所说的情况——莱芜开荒保洁 患者直面这种困恼",
                 "湛江婚纱摄影关于您所说的情况...莱芜开荒保洁 患者直面这种困恼...某某彩票官网_患者要是得了这种病"):
        found = place_led_items(line, gaz)
        assert found is not None and found["places"] == ["湛江", "莱芜"], line
    # two places alone are not enough, nor a query that is the line's own question
    assert place_led_items("湛江婚纱摄影关于您所说的情况...莱芜开荒保洁 患者直面这种困恼...今天天气很好呢", gaz) is None
    assert place_led_items("北京的游客很多...上海的游客也不少...哪家好吃的店都去了", gaz) is None


def test_a_round_up_of_places_and_values_is_no_such_line():
    gaz = gazetteer()
    assert place_led_items("北京晴转多云 上海小雨 广州雷阵雨", gaz) is None  # no piece of a sentence
    assert place_led_items("北京 上海 广州 深圳", gaz) is None  # names only
    # two places are not enough, nor a sentence
    assert place_led_items("北京的游客很多...上海的游客也不少...今天天气很好", gaz) is None
    assert place_led_items("湘潭月嫂服务有了高血压之后。四平搬家公司只要留意。济宁钢结构厂房很好的。", gaz) is None


def test_the_place_a_name_opens_with_is_a_city_or_a_full_county_name():
    gaz = gazetteer()
    assert gaz.leading_place("湘潭月嫂服务") == "湘潭"
    assert gaz.leading_place("宁明县高薪招聘") == "宁明县"
    assert gaz.leading_place("湘潭的天气") is None  # a function word after it: a clause
    assert gaz.leading_place("和平年代") is None  # a county's short form is a word
    assert gaz.leading_place("北京") is None  # nothing after it


# --------------------------------------------------------------------------- contact cards


def test_a_contact_card_goes_on_a_page_with_spam_and_stays_on_a_clean_page():
    gaz = gazetteer()
    card = "门店地址:丹东宽甸满族自治县东港街264号  咨询热线:18010408330"
    assert contact_line(card, gaz) == {"detector": "contact_line", "items": 2,
                                       "address": "丹东宽甸满族自治县东港街264号"}
    assert contact_line("咨询热线:18010408330", gaz) is None  # a number alone
    assert contact_line("报名地址:学校大门 电话:123", gaz) is None  # no address, no number
    sitemap = "https://www.example-spam.vip/abc/sitemap.xml"
    hijacked = clean_text(_page(card, tail=(sitemap,)))
    assert "18010408330" not in hijacked.text and PARA2 in hijacked.text
    assert ("place_list", "contact_line") in _detectors(hijacked)
    # without other spam the rule leaves it (the line scorer still reads it, as any line the rules leave)
    assert ("place_list", "contact_line") not in _detectors(clean_text(_page(card)))


# --------------------------------------------------------------------------- a site's welcome line, a portal's name


def test_a_welcome_line_naming_a_site_is_its_header():
    lex = lexicon()
    found = welcome_banner("欢迎访问金华驾校信息港 ~ 权威资讯 一网打尽", lex)
    assert found is not None and found["names"] == ["金华驾校信息港"]
    assert welcome_banner("欢迎访问我们的网站。", lex) is None
    assert welcome_banner("欢迎来到北京", lex) is None  # a place is no site
    result = clean_text("\n".join(["欢迎访问玉林开荒门户 ~ 本地生活第一站", HEADLINE, PARA, PARA2, PARA3]))
    assert "玉林开荒门户" not in result.text and HEADLINE in result.text


def test_a_local_portals_name_after_the_headline_goes():
    result = clean_text("\n".join([HEADLINE + "_白城防水百事通", PARA, PARA2, PARA3]))
    assert "百事通" not in result.text and result.text.startswith(HEADLINE)


# --------------------------------------------------------------------------- names where a clause part opens


def _bracketed(line):
    finder = BracketedKeywords(lexicon(), gazetteer(), line)
    return [line[h.start:h.end] for h in finder.find(line)]


@pytest.mark.parametrize("line, spans", [
    ("为了解释这一现象,【十堰治疗糖尿病哪家好】【大同开荒保洁】有学者提出了一些假说。",
     ["【十堰治疗糖尿病哪家好】", "【大同开荒保洁】"]),
    ("进食会延缓药物的吸收,【上饶办理营业执照】宜在饭前服用。", ["【上饶办理营业执照】"]),
    ("若平时总不注意保暖,kxss365.com(官网)痛经发作时才补救。", ["kxss365.com(官网)"]),
    ("调节唾液分泌的功能,吉林办理营业执照(官网)但是效果不佳。", ["吉林办理营业执照(官网)"]),
    # in parentheses a city's name and a commercial head together; before a comma it goes with the one before it
    ("进食会延缓药物的吸收,(云浮无抵押贷款)宜在饭前服用。", ["(云浮无抵押贷款)"]),
    ("进食会延缓药物的吸收,(云浮无抵押贷款),宜在饭前服用。", [",(云浮无抵押贷款)"]),
])
def test_a_name_in_brackets_or_with_a_site_tag_after_a_comma_goes(line, spans):
    assert _bracketed(line) == spans


@pytest.mark.parametrize("line", [
    "如果你要参加考试,【注意】语法很重要。",  # a label
    "他说,【北京】记者报道了这件事。",  # a place alone is a dateline
    "你可以在考试前,登录教育部(官网)查询成绩。",  # a clause that names a site opens with its verb
    "用户可以,在小米(官网)购买。",
    "进食会延缓药物的吸收,(下同)宜在饭前服用。",  # an aside in parentheses
    "进食会延缓药物的吸收,(急用钱当天放款)宜在饭前服用。",  # no city's name: not judged in parentheses
    "进食会延缓药物的吸收,(云浮无抵押贷款)宜在饭前服用,云浮无抵押贷款很方便。",  # the page speaks of it
    "为了解释这一现象,【大同开荒保洁】有学者提出假说,大同开荒保洁公司回应。",  # the page speaks of it
])
def test_a_label_a_dateline_or_a_clause_naming_a_site_stays(line):
    assert _bracketed(line) == []


def test_a_name_joined_by_a_space_where_a_comma_would_stand_goes():
    lex, gaz = lexicon(), gazetteer()
    line = "营收、利润、欧美市场用户增长这些财务相关数字都在放缓 宝开彩票平台,也低于华尔街的预期。"
    hits = InjectedSegmentFinder(lex, gaz, line, False).find(line)
    assert [line[h.start:h.end] for h in hits] == [" 宝开彩票平台"]
    assert hits[0].evidence["joined_by"] == "space"
    for kept in ("我们今天 去了北京,天气很好。", "他来自 Apple 公司,今年三十岁。", "这家店叫 老王烧烤,味道不错。"):
        assert InjectedSegmentFinder(lex, gaz, kept, False).find(kept) == []


# --------------------------------------------------------------------------- recommendation blocks


def test_a_block_of_bulleted_headlines_under_a_heading_goes_and_a_list_of_tips_stays():
    block = ["看了又看", "△ 某某:我们创造了手机开箱人数最多的纪录", "△ 重庆大学网红教室:一扇窗览四季景(图)",
             "△ 瑞思学科英语老师:终身学习成就更好的教师", "△ 某某科技亡羊补牢:凿通一条连接两端的“运河”"]
    result = clean_text(_page(tail=block))
    assert "网红教室" not in result.text and "看了又看" not in result.text and PARA3 in result.text
    tagged = ["延伸阅读", "【荐】某地高考报名时间已确定", "【荐】中考英语易混词组辨析一百例",
              "【荐】某学校食品服务商被列入经营异常名录", "【荐】某工程学院硕士研究生招生简章"]
    result = clean_text(_page(tail=tagged))
    assert "【荐】" not in result.text and PARA3 in result.text
    tips = ["小贴士", "◎ 多喝水。", "◎ 早睡早起。", "◎ 适量运动,每天半小时。", "◎ 少吃油腻的食物。"]
    kept = clean_text(_page(tail=tips)).text
    assert all(t in kept for t in tips[1:])


def test_a_name_joined_by_a_dun_to_the_end_of_a_clause_goes_and_a_list_of_businesses_stays():
    lex, gaz = lexicon(), gazetteer()
    line = "目前使用的雾化原理主要有两种、松北家电维修,一种是超声波雾化器,一种是压缩式。"
    hits = InjectedSegmentFinder(lex, gaz, line, False).find(line)
    assert [line[h.start:h.end] for h in hits] == ["、松北家电维修"]
    assert hits[0].evidence["joined_by"] == "、"
    for kept in ("参加会诊的有市人民医院、县中医院,专家们一致认为。",  # a list of businesses
                 "他去过的地方有北京、上海,都很喜欢。",  # places
                 "这种药能止咳、补肾的功能、松江空调维修点,效果很好。"):  # inside a longer list: not judged
        assert InjectedSegmentFinder(lex, gaz, kept, False).find(kept) == []


def test_a_place_after_a_stray_space_is_no_joined_name():
    lex, gaz = lexicon(), gazetteer()
    line = "据通报,在某市黄岩区院 桥中学,初二某男生本周因琐事与人发生纠纷。"
    assert InjectedSegmentFinder(lex, gaz, line, False).find(line) == []


def test_a_lotterys_winning_rule_pasted_into_an_article_goes_and_a_rules_page_is_left_whole():
    rule = "从0至9中任意选择1个号码组成一注,所选号码与开奖号码的个位相同,即为中奖。"
    article = ["记者从市交通运输局获悉,新开通的三条公交线路将于下周一起正式运营,沿线设站二十二个。" + rule,
               "线路开通前,工作人员开展了为期两个月的出行需求调查,共收集居民意见一千三百余条。",
               "【某某彩开奖直播】" + rule]
    result = clean_text("\n".join(article))
    assert rule not in result.text and "开奖直播" not in result.text
    assert "沿线设站二十二个。" in result.text and "一千三百余条" in result.text
    assert {r.evidence.get("detector") for r in result.removals if r.reason == Reason.PASTED_SENTENCE} == {"lottery_rule"}
    # three rules or more: a betting site's rules page, judged whole by the quality stage
    page = [rule, "投注方案:和值5,开奖号码前三位相加之和为5,即中前三和值。", "每位号码可从0至9全选,投注号码与开奖号码按位一致,即为中奖。"]
    assert not any(r.reason == Reason.PASTED_SENTENCE for r in clean_text("\n".join(page)).removals)


def test_a_sites_reminder_that_speaks_of_gambling_goes_and_one_that_does_not_stays():
    reminder = "某某驾校信息港提醒您:骰宝大小单双和六合彩的销量不计算在活动销量内。"
    result = clean_text("\n".join([PARA, PARA2 + reminder]))
    assert reminder not in result.text and PARA2 in result.text
    assert [r.evidence.get("detector") for r in result.removals] == ["gambling_reminder"]
    for kept in ("某某网提醒您:注意防范电信诈骗,不要轻信陌生来电。",):
        text = "\n".join([PARA, PARA2 + kept])
        assert clean_text(text).text == text
    # on a page that speaks of gambling the reminder is the page's own, judged whole
    page = "\n".join([PARA, "警方提醒,六合彩等赌博活动均属违法,市民切勿参与。" + reminder])
    assert reminder in clean_text(page).text


def test_a_name_after_a_connective_set_off_by_commas_goes_and_one_after_a_governing_word_stays():
    # 因为, opens a clause and takes no object; 包括, governs the name after it
    lex, gaz = lexicon(), gazetteer()
    line = "使用起来很方便,因为,敖汉空调维修点,师傅每天都很忙。"
    hits = InjectedSegmentFinder(lex, gaz, line, False).find(line)
    assert [line[h.start:h.end] for h in hits] == [",敖汉空调维修点"]
    for kept in ("使用起来很方便,包括,敖汉空调维修点,师傅每天都很忙。",
                 "使用起来很方便,但是,北京协和医院,是一家很好的医院。"):  # the name is the subject of what follows
        assert InjectedSegmentFinder(lex, gaz, kept, False).find(kept) == []


@pytest.mark.parametrize("name", ["汤旺快速办证", "大额信用卡办理", "东阳月嫂"])
def test_service_and_loan_heads_of_local_service_names(name):
    result = clean_text(_page(f"小区的环境很好,{name},师傅每天都很忙。"))
    assert [r.text for r in result.removals] == ["," + name]
    assert "小区的环境很好,师傅每天都很忙。" in result.text


def test_a_repair_shop_is_a_commercial_name():
    # 专修厂 / 修理厂 end a car-repair shop's name as 维修 ends a repair service's
    line = "记者从有关部门获悉,今年以来,维努斯专修厂,各地持续推进老旧小区改造,惠及居民超过一百万户。"
    assert "维努斯专修厂" not in clean_text("\n".join([HEADLINE, line, PARA2, PARA3])).text
    from pagewash.transforms.quality.doorway import commercial_title
    found = commercial_title("维努斯专修厂")
    assert found is not None and found[1] == "专修厂"
