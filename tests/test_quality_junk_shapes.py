"""Junk judged by what remains, and the articles that must stay (docs/QUALITY.md, "Junk that
still had a record: betting-site pages, pasted pages, mixed stuffing; articles rescued").

Every text here is written for these tests (made-up sites, names and events)."""
from pagewash.transforms.lexicon import is_lottery_rule
from pagewash.transforms.quality.doorway import doorway_signals, gambling_sentences, title_echo_words
from pagewash.transforms.quality.filters import filter_reasons, tag_document
from pagewash.transforms.quality.pasted_page import MIN_SENTENCES, page_features, pasted_page_probability
from pagewash.transforms.quality.signals import is_clause_prose, quality_signals, unflagged_prose_chars
from pagewash.transforms.reasons import Reason
from pagewash.transforms.record import Doc
from pagewash.transforms.spam.lexicon import lexicon


def _doc(lines, title=None):
    return tag_document(Doc(id="t", source="t.html", text="\n".join(lines), title=title))


def _reasons(lines, title=None):
    return [f.reason for f in filter_reasons(_doc(lines, title))]


# The help pages of an imagined lottery site: rules, odds, deposit steps.
BETTING_RULES = [
    "本站分分彩每天开奖一百二十期,每期间隔十分钟,会员可在购彩大厅选择喜欢的玩法进行投注。",
    "2)选择存款银行并填写存款金额,确认信息无误后点击提交按钮,款项将在五分钟内到账。",
    "定位胆:从万位至个位任选一个位置投注,所选号码与开奖号码对应位置相同即视为中奖。",
    "所有赔率均为浮动赔率,派彩时以本公司确认投注时的赔率为准,如有争议以系统记录为准。",
    "若当期开奖结果为豹子号,则大小单双玩法一律视为不中奖,其余玩法按规则派彩。",
]
# A real article under an injected gambling title: it is about a flood, not about betting.
FLOOD = [
    "连日暴雨使青河水位迅速上涨,沿岸三个乡镇的低洼地带出现内涝,部分道路一度中断。",
    "青河防汛指挥部启动三级应急响应,组织人员转移低洼地带的群众一千二百余人。",
    "指挥部负责人介绍,青河上游的水库已经开闸泄洪,下游堤防由专人二十四小时巡查。",
    "截至昨天傍晚,转移群众已全部安置在学校和村委会,暂无人员伤亡报告。",
]
FLOOD_LONG = FLOOD + [
    "青河沿岸的农田受淹面积约三千亩,农业部门已组织技术人员下乡指导排涝。",
    "气象部门预计,青河流域未来三天仍有中到大雨,防汛形势依然严峻。",
]


def test_a_betting_site_page_under_its_own_name_is_a_doorway_page():
    title = "金鲤彩票官方网址"
    q = _doc(BETTING_RULES, title).quality
    assert q["title_commercial_name"] == 1.0 and q["title_echo_count"] == 0.0
    assert q["gambling_sentence_count"] >= 2  # 投注 in its rules
    assert Reason.DOORWAY_PAGE in _reasons(BETTING_RULES, title)


def test_an_article_under_an_injected_gambling_title_is_kept():
    title = "金鲤彩票官方网址"
    q = _doc(FLOOD, title).quality
    assert q["title_commercial_name"] == 1.0 and q["gambling_sentence_count"] == 0.0
    assert _reasons(FLOOD, title) == []


def test_news_about_a_gambling_raid_names_its_subject_and_is_kept():
    lines = [
        "警方近日捣毁一个利用境外网站组织赌博的团伙,抓获犯罪嫌疑人十二名。",
        "据警方介绍,该团伙自去年起招揽会员在网上投注,涉案资金达三千余万元。",
        "目前,十二名犯罪嫌疑人已被依法刑事拘留,案件正在进一步侦办中。",
        "警方提醒市民,网络赌博违法,切勿轻信高额回报的宣传。",
    ]
    title = "警方捣毁一网络赌博团伙"  # a headline, not a bare name
    assert _doc(lines, title).quality["title_commercial_name"] == 0.0
    assert Reason.DOORWAY_PAGE not in _reasons(lines, title)


def test_gambling_sentences_are_those_with_a_flagged_term_or_a_gambling_head():
    found = gambling_sentences(BETTING_RULES)
    assert len(found) == 3 and all("投注" in s for s in found)
    assert gambling_sentences(FLOOD) == []


def test_the_commonest_words_of_a_title_are_no_echo():
    words = lexicon().tagged("某某生活网")
    assert title_echo_words(words, ["周末的生活节奏慢了下来。"]) == []
    words = lexicon().tagged("青河防汛网")
    assert title_echo_words(words, FLOOD) == ["防汛", "青河"]


# Sentences of imagined unrelated columns (a recipe, a toy review, home safety, a concert, a car
# test, a garden tip, a market brief, a school notice), two of them sharing a rare word.
PASTED = [
    "把腌好的排骨放进砂锅,小火慢炖四十分钟,出锅前撒上葱花即可。",
    "这款积木的零件边角打磨得很圆润,小朋友拼装时不容易划伤手指。",
    "阳台栏杆的高度不应低于一米一,栏杆之间的缝隙也要小于十厘米。",
    "音乐会的下半场以一首改编的民谣收尾,全场观众起立鼓掌。",
    "试驾时我们发现,这台车在低速过弯时方向盘的回正力度偏轻。",
    "月季喜欢阳光充足的环境,夏季浇水最好安排在清晨或傍晚。",
    "受外盘走弱影响,昨日两市小幅低开,午后成交量逐步萎缩。",
    "学校提醒家长,下周一起学生需穿校服入校,并佩戴校徽。",
    "砂锅炖菜讲究火候,汤汁收到一半时味道最浓。",
]


def test_a_page_of_pasted_sentences_scores_high_and_an_article_low():
    assert page_features(PASTED) is not None
    assert pasted_page_probability("\n".join(PASTED)) >= 0.5
    assert pasted_page_probability("\n".join(FLOOD_LONG)) < 0.5
    # too few sentences to judge: 0
    assert page_features(PASTED[:MIN_SENTENCES - 1]) is None
    assert pasted_page_probability("\n".join(PASTED[:MIN_SENTENCES - 1])) == 0.0


def test_pasted_sentences_under_an_unechoed_commercial_title_are_a_doorway_even_with_a_recurring_word():
    title = "某某驾校报名网"
    signals = doorway_signals("\n".join(PASTED), title, True)
    assert signals["title_commercial_name"] == 1.0 and signals["title_echo_count"] == 0.0
    assert signals["recurring_rare_word_count"] >= 1  # 砂锅 in two sentences
    assert signals["pasted_page_probability"] >= 0.5
    assert Reason.DOORWAY_PAGE in _reasons(PASTED, title)
    # the same sentences without such a title are not judged by the title checks
    assert Reason.DOORWAY_PAGE not in _reasons(PASTED, "周末杂谈")


def test_an_article_with_a_gambling_banner_and_tail_is_kept():
    lines = ["【某某时时彩官网】进入投注。以某某六合彩为例。", "青河水位回落 转移群众陆续返家"] + [
        "".join(FLOOD_LONG) + "某某百家乐投注网站某某六合彩平台登录"]
    s = quality_signals("\n".join(lines))
    assert s["flagged_word_ratio"] > 0.04
    assert s["unflagged_prose_char_count"] >= 200
    assert Reason.FLAGGED_WORDS not in _reasons(lines)


def test_a_gambling_listing_with_a_few_clean_sentences_stays_flagged():
    lines = ["某某百家乐 某某六合彩 某某时时彩", "注册送彩金,首存返水百分之十,六合彩特码天天开。",
             "百家乐真人视讯,老虎机每日派彩。", "客服在线,欢迎咨询。", "某某娱乐城 某某赌场 某某百家乐"]
    s = quality_signals("\n".join(lines))
    assert s["unflagged_prose_char_count"] < 200
    assert _reasons(lines)[0] == Reason.FLAGGED_WORDS


def test_unflagged_prose_counts_sentences_without_a_flagged_term():
    assert unflagged_prose_chars(["连日暴雨使青河水位迅速上涨,沿岸三个乡镇出现内涝。", "某某六合彩特码天天开,欢迎投注。"]) == 25


def test_a_line_of_commercial_names_between_fragments_is_not_clause_prose():
    stuffing = "金鲤快3注册开户...冬天的河面结了很厚的一层冰...青禾婚庆公司...说起来其实也简单...银杏快3娱乐平台...口感才是最重要的"
    assert not is_clause_prose(stuffing)
    # clauses of a real post or review stay clause prose, a request naming a hospital included
    assert is_clause_prose("物流挺快的,质量还不错,就是包装有点简陋,客服态度也很好,总体来说很满意,下次还会再来")
    assert is_clause_prose("一位女孩请速回某某县人民医院,妈妈伤重想见她最后一面,另一位学生请速回某某县医院,爸爸在等你")


def test_a_district_table_under_navigation_lines_is_kept():
    names = ["东湖区", "西岭县", "南坪县", "北川县", "青石县"]
    lines = ["首页", "新闻", "导航", "某市县级行政区划代码",
             "本页按代码顺序给出某市五个区县的正式名称,供查询时对照(去年底数据)。", "区划代码", "名称"]
    lines += [cell for k, name in enumerate(names) for cell in (str(910101 + 7 * k), name)] + ["【打印本页】【关闭窗口】"]
    s = quality_signals("\n".join(lines))
    assert s["name_table_row_count"] == 5 and s["name_table_char_frac"] < 0.5
    assert _reasons(lines) == []


def test_the_shipped_pasted_page_model_names_its_features_training_and_sources():
    import json
    from importlib import resources
    from pathlib import Path

    from pagewash.transforms.quality.pasted_page import MODEL_FILE, PAGE_FEATURES

    raw = json.loads(resources.files("pagewash.transforms.quality").joinpath("data", MODEL_FILE).read_text("utf-8"))
    assert raw["features"] == list(PAGE_FEATURES) and sorted(raw["weights"]) == sorted(PAGE_FEATURES)
    assert 0.0 < raw["threshold"] < 1.0 and raw["min_sentences"] == MIN_SENTENCES
    assert (Path(__file__).resolve().parents[1] / raw["trained_by"]).is_file()
    assert raw["fitted_on"] and raw["measured_on"]
    # measured on held-out real pages: it takes next to none of them for pasted ones
    assert all(part["real_taken"] <= 0.02 for part in raw["held_out"].values())


# A quotation site's numbered "sentences of the day", each from another text.
QUOTATIONS = [
    "每日一句",
    "1. 起初,青河镇的文化站人手和经费都不足,虽然有几家企业提供赞助,但远远不够。",
    "2. 同时,国家要从顶层设计上加快相关法规的出台,明确网络借贷平台的业务边界。",
    "3. 那位老教师告诉大家,学画画最关键的是要学会观察和对比。",
    "4. 要落实数据中心的防护责任,运营单位承担主体责任,主管部门履行监管职责。",
    "5. 一方面,移动互联网用户暴增为电子竞技带来了空前的新生力量。",
    "6. 研究发现,大蒜中的含硫化合物能促进肠道产生一种酶,增强机体的免疫能力。",
]
# An article's numbered tips: every line comes back to the subject.
TIPS = [
    "冬季养护月季的五个要点",
    "1. 月季在冬季要减少浇水,盆土干透再浇,浇水过多会让月季的根系腐烂。",
    "2. 月季冬季要放在阳光充足的地方,每天至少晒四个小时,月季才能积蓄养分。",
    "3. 入冬前给月季剪掉弱枝和病枝,月季的主枝留三到五根,来年开花更多。",
    "4. 月季冬季不要施浓肥,可以在盆土表面撒一层腐熟的有机肥保温。",
    "5. 气温低于零下五度时,要把盆栽月季搬进室内或者给月季套上保温袋。",
]


def test_numbered_sentences_from_unrelated_texts_are_incoherent_and_numbered_tips_stay():
    s = quality_signals("\n".join(QUOTATIONS))
    assert s["numbered_line_ratio"] == 1.0
    assert Reason.INCOHERENT_SENTENCES in _reasons(QUOTATIONS)
    assert quality_signals("\n".join(TIPS))["numbered_line_ratio"] == 1.0
    assert Reason.INCOHERENT_SENTENCES not in _reasons(TIPS)
    # the same sentences, not numbered: too few for the bare isolation test
    assert Reason.INCOHERENT_SENTENCES not in _reasons([q.split(" ", 1)[-1] for q in QUOTATIONS])


def test_a_citys_name_and_a_trade_as_the_title_is_a_commercial_title_that_an_article_echoes():
    from pagewash.transforms.quality.doorway import commercial_title

    assert commercial_title("钦州代理记账_中卫化粪池清理")[0] == "钦州代理记账"
    assert commercial_title("湘潭的天气") is None  # a function word: a clause
    assert Reason.DOORWAY_PAGE in _reasons(PASTED, "钦州代理记账_中卫化粪池清理")
    # a real headline of that shape is echoed by its article
    flood_title = "北京防汛抢险"
    flood = [line.replace("青河", "北京") for line in FLOOD_LONG] + ["北京防汛部门提醒市民注意抢险通告。"]
    assert commercial_title(flood_title) is not None
    assert Reason.DOORWAY_PAGE not in _reasons(flood, flood_title)


# A list of sayings, each closed by its speaker or work (made-up sayings and names).
ATTRIBUTED_QUOTATIONS = [
    "经典语录(6句)",
    "1. 走得最慢的人,只要不停下脚步,也能走得很远。——某某《远行集》",
    "2. 把每一天都当作新的开始,昨天的烦恼就留给昨天吧。——某作家",
    "3. 真正的朋友不是在顺境中陪你笑的人,而是在逆境中拉你一把的人。——《旧城故事》",
    "4. 书读得越多,越明白自己知道得太少,这正是读书的乐趣所在。——某学者《读书札记》",
    "5. 种一棵树最好的时间是十年前,其次是现在,所以不要再等待了。——某某",
]
# A digest of news items, a paragraph each under a bullet (made-up events).
DIGEST = [
    "- 某市地铁三号线昨日开通运营,全长二十二公里,设站十八座。首日客流超过十万人次,高峰时段发车间隔四分钟。",
    "- 某省今年夏粮喜获丰收,总产量比去年增长百分之三。专家表示,良种推广和节水灌溉是增产的主要原因。",
    "- 某大学研究团队研制出一种新型电池材料,充电速度提高一倍。该成果已发表在国际期刊上,有望用于电动汽车。",
    "- 某县启动老旧小区改造工程,涉及居民四千余户。工程计划年底前完工,改造内容包括加装电梯和更新管网。",
]


def test_lines_of_quotations_closed_by_their_attributions_are_a_quotation_list():
    assert quality_signals("\n".join(ATTRIBUTED_QUOTATIONS))["attributed_line_ratio"] == 1.0
    assert Reason.INCOHERENT_SENTENCES in _reasons(ATTRIBUTED_QUOTATIONS)
    bulleted = [ATTRIBUTED_QUOTATIONS[0]] + ["- " + line.split(". ", 1)[1] for line in ATTRIBUTED_QUOTATIONS[1:]]
    assert Reason.INCOHERENT_SENTENCES in _reasons(bulleted)
    # an article that quotes one saying stays
    article = [BETTING_RULES[0].replace("分分彩", "图书馆"), ATTRIBUTED_QUOTATIONS[1][3:], DIGEST[0][2:], DIGEST[3][2:]]
    assert quality_signals("\n".join(article))["attributed_line_ratio"] < 0.5


def test_a_digest_of_news_items_under_bullets_is_prose_not_a_bullet_list():
    assert quality_signals("\n".join(DIGEST))["bullet_line_ratio"] == 1.0
    assert _reasons(DIGEST) == []
    # bulleted headlines without a sentence are still a bullet list
    headlines = ["- 某市地铁三号线昨日开通运营", "- 某省今年夏粮喜获丰收", "- 某大学研制出新型电池材料",
                 "- 某县启动老旧小区改造工程", "- 某地举办首届读书节"]
    assert Reason.BULLET_LINES in _reasons(headlines)


# A betting site's help page of lottery rules (made-up games), and a lottery news report.
LOTTERY_RULES = [
    "某某彩玩法说明",
    "从0至9中任意选择1个号码组成一注,所选号码与开奖号码的个位相同,即为中奖。",
    "投注方案:和值5,开奖号码前三位相加之和为5,即中前三和值。",
    "每位号码可从0至9全选,投注号码与开奖号码按位一致,即为中奖。",
    "本玩法每天销售八十期,每期间隔十分钟,会员可在购彩大厅查看历史开奖记录。",
]
LOTTERY_NEWS = [
    "某某彩第2019001期开奖结果揭晓,本期一等奖中出3注,单注奖金为五百万元,分落两省。",
    "据介绍,本期全国销量为三亿元,奖池累计金额超过十亿元,下期一等奖最高可中一千万元。",
    "中奖彩民可持彩票到当地福彩中心兑奖,兑奖期限为开奖之日起六十个自然日。",
]


def test_a_page_of_a_lotterys_winning_rules_is_gambling_and_a_lottery_report_is_not():
    assert [is_lottery_rule(s) for s in LOTTERY_RULES[1:]] == [True, True, True, False]
    assert not any(is_lottery_rule(s) for s in LOTTERY_NEWS)
    # the prize of the condition stated instead of the words for a win
    assert is_lottery_rule("从0至9中任意选择2个号码组成一注,所选号码与开奖号码的后两位相同,顺序不限,奖金50元。")
    assert not is_lottery_rule("本期中奖号码与上期相同的有两个,一等奖奖金500万元。")
    # the condition stated on the draw's numbers (中奖号码), as a betting site's help on a game does
    assert is_lottery_rule("对子:中奖号码的后两位数字相同,则投注对子者视为中奖,其它视为不中奖。")
    assert not is_lottery_rule("本期双色球中奖号码为03、07、12、19、25、31,蓝球为08。")
    assert quality_signals("\n".join(LOTTERY_RULES))["lottery_rule_sentence_count"] == 3
    assert Reason.FLAGGED_WORDS in _reasons(LOTTERY_RULES)
    assert Reason.FLAGGED_WORDS not in _reasons(LOTTERY_NEWS + LOTTERY_NEWS[:1])


def test_a_doorway_whose_title_is_echoed_goes_when_its_sentences_do_not_hold_together():
    from pagewash.transforms.quality.filters import check_signals
    base = dict(quality_signals("\n".join(FLOOD_LONG)))
    reasons = lambda **kw: [f.reason for f in check_signals({**base, **kw}, "zh", 0.99)]  # noqa: E731
    doorway = dict(title_commercial_name=1.0, title_echo_count=2.0, pasted_page_probability=0.97,
                   isolated_sentence_ratio=0.65)
    assert Reason.DOORWAY_PAGE in reasons(**doorway)
    # an article under such a title: its sentences hold together (few isolated), or the model is unsure
    assert Reason.DOORWAY_PAGE not in reasons(**{**doorway, "isolated_sentence_ratio": 0.1})
    assert Reason.DOORWAY_PAGE not in reasons(**{**doorway, "pasted_page_probability": 0.82})
    assert Reason.DOORWAY_PAGE not in reasons(**{**doorway, "title_commercial_name": 0.0})
