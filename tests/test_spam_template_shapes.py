"""The layouts a site-group template strings its material in, each on small cases: what the
rule must cut and what it must leave (strings written for these tests)."""
from pagewash.transforms.reasons import Reason
from pagewash.transforms.spam import clean_text
from pagewash.transforms.spam.gazetteer import gazetteer
from pagewash.transforms.spam.lexicon import lexicon
from pagewash.transforms.spam.rules import (
    PageState,
    bracketed_name_tail,
    drop_related_blocks,
    glued_address_line,
    glued_place_brands,
    news_headline,
    place_list_tokens,
    plain_separators,
    strung_keyword_fragments,
    strung_separator,
    trailing_mark,
)
from pagewash.transforms.spam.vocabulary import EMPTY_CORPUS_VOCABULARY

PARA = "记者从有关部门获悉,今年以来各地持续推进老旧小区改造,惠及居民超过一百万户,群众满意度明显提高。"
PARA2 = "专家表示,下一步要把改造和完善社区服务结合起来,让居民住得更舒心,这项工作还将持续推进。"
PARA3 = "据介绍,改造内容包括加装电梯、更新管网和整治环境,多数项目将在年底前完工并交付使用。"


def test_a_templates_own_separator_is_found_and_a_rating_or_prose_has_none():
    assert strung_separator("荣成市〓楚雄市〓麦积区〓茶陵县〓高州市") == "〓"
    assert strung_separator("荣成市*楚雄市*麦积区*茶陵县") == "*"
    assert strung_separator("荣成市 > 楚雄市 > 麦积区 > 茶陵县") == ">"
    assert strung_separator("某某维修◆今年以来,各地◆某某娱乐◆持续推进") == "◆"
    assert strung_separator("服务评分★★★★★") is None  # nothing between the marks
    assert strung_separator("首页 > 资讯 > 正文") is None  # a breadcrumb of three parts
    assert strung_separator("他说:3>2,5>4,这是常识。") is None
    assert strung_separator("\ue40c姓名\ue40c性别\ue40c民族\ue40c年龄") is None  # private-use layout glyphs
    assert plain_separators("荣成市〓楚雄市〓麦积区〓茶陵县", "丨") == "荣成市丨楚雄市丨麦积区丨茶陵县"


def test_place_lists_strung_with_a_templates_separator_go_and_the_article_stays():
    for sep in ("〓", "*", " > ", " ◇ "):
        places = sep.join(["荣成市", "楚雄市", "麦积区", "茶陵县", "高州市", "蠡县", "藁城区", "蒲城县",
                           "临猗县", "东丽区", "玉龙纳西族自治县", "屯留区"])
        result = clean_text(places + "\n" + PARA + "\n" + PARA2)
        assert result.text == PARA + "\n" + PARA2, sep
        # a short A > B > C line is a breadcrumb to the furniture rule, which runs first
        assert [r.reason for r in result.removals] == ["page_furniture" if sep == " > " else "place_list"]


def test_towns_and_streets_glued_among_divisions_are_cut_at_their_suffixes():
    gaz = gazetteer()
    run = "荣成市楚雄市和平街道麦积区石门镇茶陵县高州市白云乡蠡县东丽区"
    assert gaz.segment_by_suffix(run) == ["荣成市", "楚雄市", "和平街道", "麦积区", "石门镇", "茶陵县",
                                          "高州市", "白云乡", "蠡县", "东丽区"]
    found = place_list_tokens(run, gaz)
    assert found is not None and len(found.places) == 10
    labelled = "服务网点:" + run
    assert place_list_tokens(labelled, gaz) is not None
    assert clean_text(PARA + "\n" + PARA2 + "\n" + labelled).text == PARA + "\n" + PARA2
    # prose without punctuation is not a run of places
    assert place_list_tokens("我在北京市海淀区上班每天坐地铁去公司开会", gaz) is None


def test_a_line_of_glued_addresses_goes_and_one_address_stays():
    gaz = gazetteer()
    line = "门店地址:荣成市21号石门镇35号茶陵县108号"
    assert glued_address_line(line, gaz) == ("门店地址", ["荣成市", "石门镇", "茶陵县"])
    result = clean_text(PARA + "\n" + PARA2 + "\n" + line)
    assert result.text == PARA + "\n" + PARA2
    assert result.removals[0].evidence["detector"] == "glued_addresses"
    for kept in ("联系地址:荣成市成山大道21号", "门店地址:荣成市21号茶陵县108号"):  # one address; two places
        assert glued_address_line(kept, gaz) is None
        assert clean_text(PARA + "\n" + kept + "\n" + PARA2).text == PARA + "\n" + kept + "\n" + PARA2


HEADLINES = [
    "某歌手新专辑首周销量破纪录,粉丝:实至名归!",
    "老街改造后游客翻倍,商户却高兴不起来",
    "一场大雨过后,城市内涝为何年年上演?",
    "他从保安做到董事长,只用了十二年",
    "这道家常菜做对了,孩子多吃两碗饭",
]


def test_news_headlines_of_clauses_are_headlines_and_paragraphs_are_not():
    assert all(news_headline(h) for h in HEADLINES)
    assert news_headline("某歌手新专辑首周销量破纪录,粉丝:实至名归![详情]")
    assert trailing_mark("他从保安做到董事长,只用了十二年[详情]") == "[详情]"
    assert trailing_mark("他从保安做到董事长,只用了十二年 〉") == "〉"
    assert not news_headline(PARA)  # a full stop closes an article's sentence
    assert not news_headline("注意事项:")
    assert not news_headline("他说!你好!再见!明天见")  # a run of exclamations is dialogue


def test_a_related_header_takes_headlines_with_commas_and_exclamations():
    text = "\n".join([PARA, PARA2, "相关阅读"] + HEADLINES)
    result = clean_text(text)
    assert result.text == PARA + "\n" + PARA2


def test_a_related_header_addressing_the_reader_politely_or_naming_other_readers_heads_its_list():
    for heading in ("猜您喜欢", "网友还看了", "相关资讯", "您可能感兴趣"):
        text = "\n".join([PARA, PARA2, heading] + ["● " + h for h in HEADLINES[1:3]])
        assert clean_text(text).text == PARA + "\n" + PARA2, heading


def test_a_related_header_already_cut_by_another_rule_still_heads_its_list():
    lines = [PARA, "最新文章", "> " + HEADLINES[1], "> " + HEADLINES[3], PARA2]
    page = PageState(lines=lines, gazetteer=gazetteer(), corpus=EMPTY_CORPUS_VOCABULARY, lexicon=lexicon())
    page.remove_line(1, Reason.KEYWORD_STUFFING)  # a site's frequent template line
    drop_related_blocks(page)
    assert page.kept_indices() == [0, 4]


def test_a_heading_of_any_wording_over_clause_headlines_in_the_page_tail_goes():
    text = "\n".join([PARA, PARA2, "本周热门"] + HEADLINES)
    assert clean_text(text).text == PARA + "\n" + PARA2
    # a weather table under its heading has no clauses: the article's own
    table = ["各地天气预报", "荣成市晴转多云2°C/9°C", "楚雄市小雨6°C/13°C", "茶陵县阴4°C/11°C",
             "高州市多云12°C/20°C"]
    kept = "\n".join([PARA, PARA2] + table)
    assert clean_text(kept).text == kept


def test_headlines_sharing_one_link_marker_go_without_a_heading():
    marked = [h + "[详情]" for h in HEADLINES[:4]]
    text = "\n".join([PARA, PARA2] + marked + [PARA3])
    result = clean_text(text)
    assert result.text == "\n".join([PARA, PARA2, PARA3])
    assert result.removals[0].evidence == {"detector": "marked_headlines", "marker": "[详情]", "items": 4}
    # three are not enough, and lines without the marker stay
    few = "\n".join([PARA] + marked[:3] + [PARA2])
    assert clean_text(few).text == few


def test_link_markers_in_corner_brackets_or_after_an_arrow_are_shared_markers():
    assert trailing_mark("海信电视怎么样 「详情」") == "「详情」"
    assert trailing_mark("> 三星手机一直重启不能进入待机→点击查看") == "→点击查看"
    assert trailing_mark("列车从北京开往上海") == ""
    for marker in (" 「详情」", "→点击查看"):
        text = "\n".join([PARA, PARA2] + [h + marker for h in HEADLINES[:4]] + [PARA3])
        assert clean_text(text).text == "\n".join([PARA, PARA2, PARA3]), marker


def test_keywords_and_pieces_of_text_strung_in_turn_are_stuffing():
    lex, gaz = lexicon(), gazetteer()
    line = ("荣成市空调维修◆今年以来,各地持续推进◆石门娱乐城◆专家表示,下一步要把◆"
            "茶陵县小额贷款◆据介绍,改造内容包括")
    found = strung_keyword_fragments(line, lex, gaz, is_keyword=lambda t: False)
    assert found is not None and found["separator"] == "◆"
    assert found["keywords"] == ["荣成市空调维修", "石门娱乐城", "茶陵县小额贷款"]
    assert clean_text(PARA + "\n" + line + "\n" + PARA2).text == PARA + "\n" + PARA2
    # a list of features or of names strung with one mark does not alternate
    for kept in ("防水◆耐磨◆轻便◆透气◆价格实惠", "荣成市人民医院◆茶陵县人民医院◆高州市人民医院◆楚雄市人民医院"):
        assert strung_keyword_fragments(kept, lex, gaz, is_keyword=lambda t: False) is None


def test_business_names_opening_with_a_division_glued_into_pieces_of_text_are_stuffing():
    lex, gaz = lexicon(), gazetteer()
    line = "荣成市中医院今年以来各地持续推进楚雄市小额贷款下一步要把改造做好茶陵县空调维修据介绍改造内容包括"
    assert glued_place_brands(line, lex, gaz.is_division) == ["荣成市中医院", "楚雄市小额贷款", "茶陵县空调维修"]
    assert clean_text(PARA + "\n" + line + "\n" + PARA2).text == PARA + "\n" + PARA2
    # names listed side by side, or joined by an enumerator, are an author's
    for kept in ("荣成市中医院 楚雄市中医院 茶陵县中医院 高州市中医院 蠡县中医院联合举办义诊活动",
                 "荣成市中医院与楚雄市中医院和茶陵县中医院今年以来持续推进合作"):
        assert glued_place_brands(kept, lex, gaz.is_division) is None


def test_a_bracketed_list_of_business_names_after_the_last_clause_goes():
    lex, gaz = lexicon(), gazetteer()
    line = "申请人需提交身份证明、学历证明等材料;(鑫旺娱乐、楚雄市空调维修、宏泰体育投注)"
    page = PARA + "\n" + line
    found = bracketed_name_tail(line, lex, gaz, page)
    assert found is not None and found[1]["detector"] == "bracketed_name_tail"
    assert clean_text(page).text == PARA + "\n" + "申请人需提交身份证明、学历证明等材料;"
    # a bracket inside its sentence explains a word of it; names the page speaks of are its own
    inside = "三家医院(荣成市中医院、楚雄市中医院)参与了这项试验,结果将于明年公布。"
    assert bracketed_name_tail(inside, lex, gaz, inside) is None
    spoken = "鑫旺娱乐和宏泰体育是本地两家公司。"
    assert bracketed_name_tail(line, lex, gaz, spoken + "\n" + line) is None


def test_names_each_in_its_own_brackets_glued_to_a_lines_end_go_and_emoticons_stay():
    line = "会议将于下月在京举行,届时将发布年度报告。[楚雄市空调维修中心][荣成搬家公司][鑫旺真人娱乐]"
    result = clean_text(PARA + "\n" + line)
    assert result.text == PARA + "\n" + "会议将于下月在京举行,届时将发布年度报告。"
    assert any(r.evidence and r.evidence.get("run") for r in result.removals)
    for kept in ("今天终于放假啦,出去玩了一整天。[哈哈][爱你][太开心]",
                 "这本书推荐给大家,值得一读。[读书笔记][好书推荐]"):
        assert clean_text(PARA + "\n" + kept).text == PARA + "\n" + kept
