"""Keywords injected without a comma on both sides or without any other spam on the page:
keywords in brackets before a comma, names glued after a comma to the start of a clause,
gambling-site banners above the headline, keyword tails in brackets or after a dash.
Every string here is written for the test."""
import pytest

from pagewash.transforms.record import Reason
from pagewash.transforms.spam import clean_text
from pagewash.transforms.spam.gazetteer import gazetteer
from pagewash.transforms.spam.injected import (
    last_sentence_end,
    BracketedKeywords,
    GamblingHeaderLines,
    GluedClauseNames,
    InjectedSegmentFinder,
    WrappedKeywordTails,
    commercial_head,
)
from pagewash.transforms.spam.lexicon import lexicon

PARA = "中央气象台今天上午继续发布寒潮蓝色预警,受强冷空气影响,未来三天我国中东部地区将出现大风降温天气。"
PARA2 = "气象专家提醒,上述地区的公众要及时添加衣物,注意防寒保暖,设施农业和交通运输等行业要提前做好防范准备。"


def bracketed(line, page=None):
    finder = BracketedKeywords(lexicon(), gazetteer(), page or line)
    return [(line[h.start:h.end], h.evidence["detector"]) for h in finder.find(line)]


def glued(line, page=None):
    finder = GluedClauseNames(lexicon(), gazetteer(), page or line)
    return [line[h.start:h.end] for h in finder.find(line)]


@pytest.mark.parametrize("line, span", [
    ("据介绍,这座水电站的四台机组已经完成调试【金鼎娱乐】,将在下月并网发电。", "【金鼎娱乐】"),
    ("这场寒潮影响范围之广实属罕见【临泽县】,各地都做好了准备。", "【临泽县】"),
    ("记者今天下午三时【百利彩票】,在市中心广场看到了这一幕。", "【百利彩票】"),
    ("这座桥梁的设计寿命为一百年(鸿运国际娱乐),建成后将缩短两地距离。", "(鸿运国际娱乐)"),
])
def test_keyword_in_brackets_before_a_comma_is_cut(line, span):
    assert bracketed(line) == [(span, "bracketed_keyword")]


@pytest.mark.parametrize("line", [
    "【本报讯】今天上午,全市举行了植树活动,参加者有两千多人。",  # a label at the start of the line
    "这项规定(下同),自公布之日起施行,各单位要认真执行。",  # an aside in parentheses, no business name
    "会议由主任(张明)主持,与会者讨论了明年的工作计划。",  # a person's name in parentheses
    "这座桥梁的设计寿命为一百年【金鼎娱乐】,金鼎娱乐的门店就在桥边。",  # the page speaks of it
    "看到这里的人都说【好】,这让他们很高兴。",  # too short to be a keyword
])
def test_brackets_an_author_writes_stay(line):
    assert bracketed(line) == []


@pytest.mark.parametrize("line, span", [
    ("全省财政收入比上年同期增长百分之十二,鸿泰国际娱乐内蒙古、贵州两省区的增幅居全国前列。", "鸿泰国际娱乐"),
    ("这项工作由交通部门负责,金鼎彩票由其代为征收有关费用。", "金鼎彩票"),
])
def test_betting_name_glued_to_a_clause_start_is_cut(line, span):
    assert glued(line) == [span]


@pytest.mark.parametrize("line", [
    "全省财政收入比上年同期增长,中国国际航空公司的客运量也有提高。",  # the head is inside a longer name
    "他们于去年成立,由香港体育记者组成,会长由一位老记者担任。",  # a preposition before the brand
    "双方同意,招商局国际与本地企业共同开发这片土地。",  # a conjunct: the clause's subject
    "2003年7月9日,宁洱县遭遇暴雨,多处道路中断。",  # a county as the clause's subject
    "两市之间通了城际公交,武陟县的站点也在规划之中。",  # a county that modifies what follows
    "据了解,北京国际机场扩建工程已经开工,预计三年后完工。",  # 国际 + 机场 is one term
    "两天之后的1月6日,东能国际发布公告表示,电价将有调整。",  # a company's name ending in 国际: a Latin brand only
    "可这人要是转运了,头奖彩票它自己往你兜里飞啊。",  # a pronoun takes it up: the topic
    "会议结束以后,金鼎彩票宣布了新的计划,引起关注。",  # a verb after it: the subject
    "这家公司的母公司是金鼎集团,金鼎彩票由其代为经营。",  # the page names the brand otherwise
])
def test_clause_subjects_and_longer_names_stay(line):
    assert glued(line) == []


def test_county_juxtaposed_with_another_place_is_cut():
    line = "针对校园周边的交通安全问题,汤原县合肥市检察院与有关部门联合开展了专项检查。"
    assert glued(line) == ["汤原县"]


def header(lines, title=None):
    text = "\n".join(lines)
    return clean_text(text, title=title, gazetteer=gazetteer(), lexicon=lexicon())


@pytest.mark.parametrize("banner", ["鸿泰国际欢迎您", "金鼎娱乐·官方入口", "8888彩票 注册送彩金", "好运彩票【官方网站】"])
def test_gambling_banner_above_the_headline_goes(banner):
    result = header([banner, "寒潮来袭 各地做好防范", PARA, PARA2])
    assert banner not in result.text
    assert "寒潮来袭 各地做好防范" in result.text and PARA in result.text
    evidence = [r.evidence for r in result.removals if r.text.strip() == banner]
    # a number before a betting head names a gambling site by itself (8888彩票): the banner rule, which runs
    # before this one, takes that line; the others are this rule's
    assert evidence and evidence[0]["detector"] == ("betting_banner" if banner[0].isdigit() else "gambling_header")
    assert [r.reason for r in result.removals if r.text.strip() == banner] == [Reason.SITE_TITLE]


@pytest.mark.parametrize("lines", [
    ["金鼎娱乐城开业", PARA, PARA2],  # the headline itself is never judged
    ["国际观察", "寒潮来袭 各地做好防范", PARA, PARA2],  # a kicker: no brand before the head
    ["金鼎娱乐欢迎您", "寒潮来袭 各地做好防范", PARA, "金鼎娱乐的负责人说,寒潮对经营没有影响。"],  # the page speaks of it
    ["歌手小传", "星光娱乐(2005年)", "寒潮来袭 各地做好防范", PARA, PARA2],  # an item of a list with its years
])
def test_headlines_and_kickers_stay(lines):
    result = header(lines)
    assert result.text.split("\n")[:2] == lines[:2]


def judge_banner(line, page=""):
    return GamblingHeaderLines(lexicon(), gazetteer(), page or line).judge(line)


def test_banner_of_common_words_needs_a_slogan():
    assert judge_banner("久久娱乐 注册送彩金") is not None
    assert judge_banner("久久娱乐") is None


def tail(line):
    hit = WrappedKeywordTails(lexicon(), gazetteer()).find(line)
    return None if hit is None else line[hit.start:]


@pytest.mark.parametrize("suffix", [
    "(平阳二手车市场 AG国际)",
    "——风水宝地,金鼎娱乐",
    "【鸿泰国际 安福月子中心】",
    "【临泽装修公司永登搬家公司】",
])
def test_wrapped_keyword_tail_is_cut(suffix):
    assert tail(PARA + suffix) == suffix


@pytest.mark.parametrize("suffix", [
    "——鲁迅",  # an attribution
    "(新华社记者 张明 摄)",  # a photo credit
    "(完)",
    "(北京协和医院 张明)",  # one clinic name: the article's own credit
    "(来源:人民网)",  # punctuation inside: a source line, judged elsewhere
])
def test_attributions_and_credits_after_a_sentence_stay(suffix):
    assert tail(PARA + suffix) is None


EN = "The council approved the new budget on Monday after a long debate about schools and roads, officials said."


@pytest.mark.parametrize("lead, suffix", [
    (EN, "【临泽装修公司永登搬家公司】"),  # after a Latin sentence
    (PARA, "【临泽县装修公司永登搬家公司安福家电维修】"),  # three names strung: longer than one name
    (EN + "”", "(鸿泰国际 安福月子中心)"),  # after its closing quote
    (PARA + "”(本报北京1月1日电)", "(鸿泰棋牌,金鼎娱乐)"),  # after the paragraph's own credit
])
def test_wrapped_tail_after_other_sentence_ends_is_cut(lead, suffix):
    assert tail(lead + suffix) == suffix


@pytest.mark.parametrize("suffix", ["(动5感地带样板房)", "【临泽装修公司永登搬家公司安福月子中心】"])
def test_han_keywords_in_brackets_after_latin_prose_need_one_sign_of_a_name(suffix):
    hit = WrappedKeywordTails(lexicon(), gazetteer()).find(EN + suffix)
    assert hit is not None and (EN + suffix)[hit.start:] == suffix
    assert hit.evidence["after_latin_prose"]


def test_one_bracketed_name_after_chinese_prose_still_needs_the_usual_evidence():
    assert tail(PARA + "(动5感地带样板房)") is None


@pytest.mark.parametrize("line", [
    EN + "(李伟)",  # a name in the paper's own script
    EN + "(人民日报)",
    "In brief (动5感地带样板房)",  # too short a lead
])
def test_han_names_after_latin_prose_without_a_sign_stay(line):
    assert tail(line) is None


@pytest.mark.parametrize("line", [
    EN + "(Reuters)",
    PARA + "(本报北京1月1日电)(记者 张明)",
    "The firm, Acme Inc.(鸿泰国际 安福月子中心) said it sold 3.5 million units last year.",
])
def test_credits_after_other_sentence_ends_stay(line):
    assert tail(line) is None


def test_last_sentence_end():
    assert last_sentence_end("他说。”后面") == 3
    assert last_sentence_end(EN + "某某") == len(EN) - 1
    assert last_sentence_end("苹果公司Apple Inc.推出新款") == -1  # an abbreviation inside a Chinese sentence
    assert last_sentence_end("sold 3.5 million") == -1


def test_keyword_tail_after_a_latin_sentence_goes():
    result = clean_text(EN + " 鸿泰娱乐 金鼎国际娱乐 安福体育直播\n" + PARA, gazetteer=gazetteer(), lexicon=lexicon())
    assert result.text == EN + "\n" + PARA
    assert [r.evidence["detector"] for r in result.removals] == ["keyword_tail"]


def test_keywords_in_square_brackets_glued_to_a_heading_go():
    for heading, suffix in (("多地今年春季降雨明显偏多", "【鸿泰国际 安福月子中心】"),
                            ("将建铁路快速客运网", "【航空售票临泽维修永登家电维修】")):
        result = clean_text(heading + suffix + "\n" + PARA, gazetteer=gazetteer(), lexicon=lexicon())
        assert result.text == heading + "\n" + PARA
        assert result.removals[0].evidence["wrapper"] == "【】"


@pytest.mark.parametrize("heading", ["多地今年春季降雨明显偏多【图】", "多地今年春季降雨明显偏多【北京协和医院】",
                                     "【本报特稿】多地今年春季降雨明显偏多"])
def test_headings_with_their_own_brackets_stay(heading):
    text = heading + "\n" + PARA
    assert clean_text(text, gazetteer=gazetteer(), lexicon=lexicon()).text == text


@pytest.mark.parametrize("suffix, cut", [
    (" 移3动,鸿泰代孕中心,远航娱乐,金鼎维修", True),
    (" 全1球通,远航娱乐,安福月子中心", True),  # a digit slipped into a word and a betting name
    (" 他说,这个办法好,大家都同意", False),  # an unfinished sentence
    (" 北京,上海,广州", False),  # no business name
])
def test_comma_strung_keyword_tail(suffix, cut):
    result = clean_text(PARA + suffix, gazetteer=gazetteer(), lexicon=lexicon())
    assert result.text == (PARA if cut else PARA + suffix)


def test_keyword_line_with_an_arrow():
    result = clean_text(PARA + "\n相关标签 →成本价,鸿泰维修,金鼎娱乐", gazetteer=gazetteer(), lexicon=lexicon())
    assert result.text == PARA
    assert result.removals[0].evidence == {"detector": "keyword_line", "keywords": ["成本价", "鸿泰维修", "金鼎娱乐"]}


def test_wrapped_tail_in_clean_text_teaches_its_tokens():
    result = clean_text(PARA + "(平阳二手车市场 AG国际)\n" + PARA2, gazetteer=gazetteer(), lexicon=lexicon())
    assert "AG国际" not in result.text and PARA in result.text and PARA2 in result.text
    found = [r for r in result.removals if (r.evidence or {}).get("detector") == "keyword_tail"]
    assert found and found[0].reason == Reason.KEYWORD_STUFFING and found[0].evidence["wrapper"] == "()"


def test_two_heads_in_a_row_and_company_words():
    finder = InjectedSegmentFinder(lexicon(), gazetteer(), "", False)
    ev = finder.name_evidence("井冈不孕不育医院", lexicon().tagged("井冈不孕不育医院"))
    assert ev is not None and ev["brand"] == "井冈" and ev["head"] == "不孕不育医院"
    words = lexicon().tagged("澳门彩票有限公司")
    assert commercial_head("澳门彩票有限公司", words) == ("彩票有限公司", "betting")


def test_latin_and_digit_brands_are_names():
    finder = InjectedSegmentFinder(lexicon(), gazetteer(), "", False)
    for name in ("AG国际", "1980娱乐"):
        ev = finder.name_evidence(name, lexicon().tagged(name))
        assert ev is not None and ev["detector"] == "pos_np"


def test_new_detectors_leave_a_clean_article_alone():
    text = "\n".join(["寒潮来袭 各地做好防范", PARA, PARA2,
                      "据统计,全市共有医院、学校、车站等公共场所三百余处做好了防寒准备(下同)。"])
    result = clean_text(text, gazetteer=gazetteer(), lexicon=lexicon())
    assert result.text == text and result.removals == ()


def test_one_long_name_with_two_heads_is_no_strung_tail():
    assert tail(PARA + "(首都国际机场集团)") is None


@pytest.mark.parametrize("segment, word", [("大2众卡", "大众卡"), ("全1球通", "全球通"), ("动5感地带", "动感地带")])
def test_digit_slipped_into_a_word_is_found(segment, word):
    finder = InjectedSegmentFinder(lexicon(), gazetteer(), "", False)
    ev = finder.digit_in_word(segment)
    assert ev is not None and ev["word"] == word and ev["detector"] == "digit_in_word"
    line = f"据介绍,这座大桥已经建成通车,{segment},两地之间的车程缩短了一半。"
    cut = InjectedSegmentFinder(lexicon(), gazetteer(), line, False).find(line)
    assert [line[h.start:h.end] for h in cut] == ["," + segment]


@pytest.mark.parametrize("segment", ["每2年", "近3天", "第5届", "查获生产线2条", "住宅3套"])
def test_counts_and_ordinals_are_no_slipped_digit(segment):
    assert InjectedSegmentFinder(lexicon(), gazetteer(), "", False).digit_in_word(segment) is None


def test_bracketed_keyword_in_a_paragraph_without_a_sentence_end():
    line = "各地要进一步认清形势、坚定信心【鸿泰体育直播】,统揽全局、把握重点,狠抓落实、乘势前进(附图)"
    result = clean_text("寒潮来袭\n" + line + "\n" + PARA, gazetteer=gazetteer(), lexicon=lexicon())
    assert "鸿泰体育直播" not in result.text and "坚定信心,统揽全局" in result.text


def test_a_noun_glued_after_the_name_makes_a_heading():
    assert judge_banner("金鼎彩票合营计划") is None
    assert judge_banner("金鼎彩票欢迎您") is not None


def comma_hits(line, page=None):
    finder = InjectedSegmentFinder(lexicon(), gazetteer(), page or line, False)
    return [(line[h.start:h.end], h.evidence["detector"]) for h in finder.find(line)]


@pytest.mark.parametrize("line, span, detector", [
    # a site's name of stacked betting heads, whatever its brand (的 and 和 included)
    ("由于原材料价格的上涨,飞翔的鱼体育官网,厂方决定推迟新生产线的投产时间。", ",飞翔的鱼体育官网", "stacked_betting_heads"),
    ("老人每天清晨都去公园散步,星星和月亮真人娱乐,风雨无阻已经坚持了二十年。", ",星星和月亮真人娱乐", "stacked_betting_heads"),
    # a division's name before a bare noun phrase that the page never speaks of
    ("这种面包的口感比较松软,溧阳装饰公司,适合老人和孩子当早餐。", ",溧阳装饰公司", "place_brand"),
    ("馆内收藏的古籍数量众多,延吉房贷中介,其中不少是孤本。", ",延吉房贷中介", "place_brand"),
    # a framing phrase closed by 而言 governs nothing after the comma
    ("就长远而言,快乐的猫棋牌app,这项投资的回报相当可观。", ",快乐的猫棋牌app", "stacked_betting_heads"),
])
def test_names_of_new_shapes_between_commas_are_cut(line, span, detector):
    assert comma_hits(line) == [(span, detector)]


@pytest.mark.parametrize("line, page", [
    # where a person is from: a demonym, not a business
    ("王建国,山东青岛人,著名的桥梁专家,曾主持多座大桥的设计。", None),
    # the page speaks of the place
    ("这种面包的口感比较松软,溧阳装饰公司,适合老人和孩子当早餐。",
     "这种面包的口感比较松软,溧阳装饰公司,适合老人和孩子当早餐。\n溧阳的面包店很多。"),
    # the page speaks of what the name offers
    ("这种面包的口感比较松软,溧阳装饰公司,适合老人和孩子当早餐。",
     "这种面包的口感比较松软,溧阳装饰公司,适合老人和孩子当早餐。\n新房的装饰要简洁。"),
    # a clause: a place, a verb and its object
    ("今年十月,杭州举行会议,讨论了明年的工作计划。", None),
    # the page names the portal's brand: the article's own subject
    ("据报道,飞翔的鱼体育官网,今天发布了新的赛程。", "据报道,飞翔的鱼体育官网,今天发布了新的赛程。\n飞翔的鱼是一家网站。"),
    # a preposition before the portal's name: the clause's own words
    ("他们在比赛结束后,据新浪体育官网,球队已经返回了驻地。", None),
])
def test_names_of_new_shapes_an_author_writes_stay(line, page):
    assert comma_hits(line, page) == []


@pytest.mark.parametrize("line, span", [
    ("这座桥梁的设计寿命为一百年(溧阳房贷中介),建成后将缩短两地距离。", "(溧阳房贷中介)"),
    ("他最近的工作非常忙碌(飞翔的鱼体育官网),很少有时间回家。", "(飞翔的鱼体育官网)"),
])
def test_names_of_new_shapes_in_parentheses_are_cut(line, span):
    assert bracketed(line) == [(span, "bracketed_keyword")]


@pytest.mark.parametrize("line, span", [
    # a site's name of stacked heads glued to a clause, whatever follows it
    ("这项工程的进度比预期快得多,飞翔的鱼体育官网工人们每天加班到深夜。", "飞翔的鱼体育官网"),
    ("他每天早上都要跑步,星空官方下载风雨无阻地坚持了二十年。", "星空官方下载"),
    # a division's name before a commercial noun phrase, then the clause's own grammar
    ("孩子们在操场上做游戏,溧阳装饰公司我们在一旁看着他们。", "溧阳装饰公司"),
])
def test_names_of_new_shapes_glued_to_a_clause_are_cut(line, span):
    assert glued(line) == [span]


@pytest.mark.parametrize("line", [
    # a common word that spells a division, before a head that ends ordinary phrases
    "几位大侠之中,武功排名谁最靠前,网友们争论不休。",
    # the place is the clause's own subject: a noun follows the name (the name goes on)
    "孩子们在操场上做游戏,溧阳装饰公司员工在一旁看着他们。",
])
def test_glued_words_an_author_writes_stay(line):
    assert glued(line) == []


def name_line(line, page=None):
    judge = GamblingHeaderLines(lexicon(), gazetteer(), page or line)
    found = judge.name_line(line)
    return found and found["names"]


@pytest.mark.parametrize("line, names", [
    ("飞翔的鱼体育官网-溧阳刻章平台", ["飞翔的鱼体育官网", "溧阳刻章平台"]),
    ("星星和月亮真人娱乐", ["星星和月亮真人娱乐"]),
    ("快乐的猫彩票网_金色海岸国际娱乐", ["快乐的猫彩票网", "金色海岸国际娱乐"]),
])
def test_a_line_of_site_names_is_cut(line, names):
    assert name_line(line) == names


@pytest.mark.parametrize("line, page", [
    ("新华网体育频道", None),  # one site word, no betting site of stacked heads
    ("溧阳装饰公司-溧阳刻章平台", None),  # businesses, no betting site
    ("快乐的猫彩票网", "快乐的猫彩票网\n快乐的猫彩票网是一家公司的名字。"),  # the page speaks of it
    ("今年的体育官网改版了", None),  # a clause
])
def test_lines_an_author_writes_stay(line, page):
    assert not name_line(line, page)


def test_site_names_strung_after_the_last_sentence_are_cut():
    line = PARA + "飞翔的鱼体育官网溧阳装饰公司金色海岸娱乐城"
    result = clean_text(line + "\n" + PARA2)
    assert "体育官网" not in result.text and "娱乐城" not in result.text
    assert PARA in result.text


@pytest.mark.parametrize("tail", ["(新浪体育 张明)", "(新浪体育 王小明 发自洛杉矶)", "(中国新闻网)"])
def test_a_news_credit_after_a_paragraph_stays(tail):
    assert WrappedKeywordTails(lexicon(), gazetteer()).find(PARA + tail) is None


def test_a_keyword_after_an_arrow_is_a_tail():
    hit = WrappedKeywordTails(lexicon(), gazetteer()).find(PARA + "→金鼎娱乐")
    assert hit is not None and hit.evidence["tokens"] == ["金鼎娱乐"]


def test_site_name_lines_of_a_page_about_gambling_stay():
    page = "\n".join([PARA, "飞翔的鱼体育官网", PARA2, "快乐的猫彩票网", "本站的百家乐和老虎机游戏每天更新。"])
    assert "飞翔的鱼体育官网" in clean_text(page).text
    cleaned = clean_text("\n".join([PARA, "飞翔的鱼体育官网", PARA2])).text
    assert "飞翔的鱼体育官网" not in cleaned and PARA2 in cleaned


def test_microblog_emoticons_in_square_brackets_stay():
    assert bracketed("今天终于考完试了,心情好得不得了[太开心],晚上去吃火锅。") == []


def test_a_betting_name_in_parentheses_after_a_short_lead_is_cut():
    line = "大家都说头晕、恶心(飞翔的鱼真人娱乐),但还是坚持上完了课。"
    assert bracketed(line) == [("(飞翔的鱼真人娱乐)", "bracketed_keyword")]


@pytest.mark.parametrize("line, span, page", [
    ("墙角也可以铺上一块地毯,鑫华售后服务电话,然后坐在上面看书。", ",鑫华售后服务电话", None),
    ("这部电影讲述了三位女性创业的故事,金鹿加盟店,展开了一段励志的旅程。", ",金鹿加盟店", None),
])
def test_a_commercial_name_with_a_contact_or_outlet_word_is_cut(line, span, page):
    assert comma_hits(line, page) == [(span, "suffixed_head")]


def test_a_commercial_name_with_an_outlet_word_the_page_speaks_of_stays():
    line = "这部电影讲述了三位女性创业的故事,金鹿加盟店,展开了一段励志的旅程。"
    assert comma_hits(line, line + "\n金鹿是她们的品牌。") == []


def test_a_clause_ending_like_a_place_is_no_lone_place():
    line = "他认为城里的学校条件更好,乡下孩子上大学,机会就会少很多。"
    assert comma_hits(line) == []


@pytest.mark.parametrize("line, span", [
    ("如果他觉得无辜,请亲自出来对质,池上乡,不要借别人的口诋毁。", ",池上乡"),  # 池上/s 乡/n
    ("新开国际航线包括上海至芝加哥航线,旭光镇,以及温州至曼谷航线。", ",旭光镇"),  # 旭光/n 镇/n
])
def test_a_towns_name_alone_between_commas_is_a_lone_place(line, span):
    assert comma_hits(line) == [(span, "lone_place")]


@pytest.mark.parametrize("line", [
    "这里被评为全省的示范镇,重点镇,吸引了不少游客。",  # common stems: a town's rank, no name
    "会议要求,各乡镇,各部门要把防汛工作放在首位。",  # a determiner before a kind of division
    "会议要求,各县区,要把防汛工作放在首位。",
    "这里是有名的工业重镇,商贸重镇,交通十分便利。",
])
def test_a_towns_rank_or_a_determiner_is_no_town_name(line):
    assert comma_hits(line) == []


@pytest.mark.parametrize("line, span, detector", [
    # 投注 stacks before a site word: a betting site's name, whatever its brand
    ("事故造成两人死亡,八分快乐彩投注网站,另有五人受伤。", ",八分快乐彩投注网站", "stacked_betting_heads"),
    # a town written in full opens a place brand like a division's name
    ("这种面包的口感比较松软,枫林镇装饰公司,适合老人和孩子当早餐。", ",枫林镇装饰公司", "place_brand"),
    # a trade jieba tags as a time (婚庆/t) before the company word
    ("馆内收藏的古籍数量众多,溧阳婚庆公司,其中不少是孤本。", ",溧阳婚庆公司", "place_brand"),
])
def test_stacked_heads_towns_and_trades_between_commas_are_cut(line, span, detector):
    assert comma_hits(line) == [(span, detector)]


@pytest.mark.parametrize("line", [
    "经过一个月的整治,枫林镇政府,对辖区内的摊点进行了登记。",  # a body of the town
    "馆内收藏的古籍数量众多,溧阳今天公司,其中不少是孤本。",  # a time word is no trade
])
def test_towns_and_time_words_an_author_writes_stay(line):
    assert comma_hits(line) == []


@pytest.mark.parametrize("suffix", [" 金鼎体育官网宏利真人娱乐 |", " 金鼎体育官网宏利真人娱乐", "金鼎体育官网宏利真人娱乐 |"])
def test_names_strung_after_the_last_sentence_set_apart_by_a_space_or_a_cell_border(suffix):
    from pagewash.transforms.spam.injected import GluedGamblingNames

    line = "| " + PARA + PARA2 + suffix
    found = GluedGamblingNames(lexicon(), gazetteer()).find(line)
    assert [line[h.start:h.end] for h in found] == ["金鼎体育官网宏利真人娱乐"]


def test_a_common_verb_and_its_object_between_commas_is_no_commercial_name():
    finder = InjectedSegmentFinder(lexicon(), gazetteer(), "", False)
    # 建设 + 全区政务大数据 + 平台: the sentence's verb and object, though it ends in a betting head
    assert finder.name_evidence("建设全区政务大数据平台", lexicon().tagged("建设全区政务大数据平台")) is None
    # a trade's verb (维修 4.5, 搭建 4.0) in a name stays a name
    found = finder.name_evidence("鑫达家电维修", lexicon().tagged("鑫达家电维修"))
    assert found is not None and found["detector"] == "pos_np"
