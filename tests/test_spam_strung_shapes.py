"""Shapes of the seed-like families written with the marks of prose or of a title: street addresses
strung on one line, labelled lists of places and business names, keywords and pieces of other texts
strung with a semicolon or an ellipsis, a headline's doubled site-name tail, headlines with figures
in a recommendation block.  Each rule on small cases: what it must cut and what it must leave
(strings written for these tests)."""
from pagewash.transforms.spam import clean_text
from pagewash.transforms.spam.gazetteer import gazetteer
from pagewash.transforms.spam.lexicon import lexicon
from pagewash.transforms.spam.rules import (
    doubled_title_tail,
    numbered_headline,
    prose_list_separator,
    separated_address_line,
)
from pagewash.transforms.spam.vocabulary import repeated_site_title

PARA = "记者从有关部门获悉,今年以来各地持续推进老旧小区改造,惠及居民超过一百万户,群众满意度明显提高。"
PARA2 = "专家表示,下一步要把改造和完善社区服务结合起来,让居民住得更舒心,这项工作还将持续推进。"
PARA3 = "据介绍,改造内容包括加装电梯、更新管网和整治环境,多数项目将在年底前完工并交付使用。"


def _detectors(result):
    return [(r.reason, (r.evidence or {}).get("detector")) for r in result.removals]


# --------------------------------------------------------------------------- addresses on one line


def test_the_place_an_address_opens_with_is_written_with_its_suffix():
    gaz = gazetteer()
    assert gaz.address_place("荣成市路12号") == "荣成市"
    assert gaz.address_place("石门镇大道3号") == "石门镇"
    assert gaz.address_place("长安街道街45号") == "长安街道"
    assert gaz.address_place("朝阳区建国路88号") == "朝阳区"
    # a street named after a city names no place; nor does a street alone
    assert gaz.address_place("中山路56号") is None
    assert gaz.address_place("福州路12号") is None
    assert gaz.address_place("人民路12号") is None
    assert gaz.is_street_address("人民路12号") and not gaz.is_street_address("人民医院")


def test_street_addresses_strung_between_separators_go():
    gaz = gazetteer()
    for sep in (";", "、", " ", "|"):
        line = "门店地址:" + sep.join(["荣成市路12号", "楚雄市大道3号", "麦积区街45号", "石门镇路8号"])
        found = separated_address_line(line, gaz)
        assert found is not None and found[0] == "门店地址", sep
        result = clean_text(PARA + "\n" + PARA2 + "\n" + line)
        assert result.text == PARA + "\n" + PARA2, sep
        assert _detectors(result) == [("place_list", "separated_addresses")]
    # no label, one item without a place of its own among them
    line = "东丽区大道7号;茶陵县路30号;新华垦殖场路5号;蠡县街9号"
    assert separated_address_line(line, gaz) is not None


def test_one_address_a_cities_streets_and_offices_in_large_cities_stay():
    gaz = gazetteer()
    assert separated_address_line("地址:北京市朝阳区建国路88号", gaz) is None
    # a chain's shops in one city
    assert separated_address_line("门店:朝阳区建国路88号;海淀区中关村大街1号;西城区金融街9号", gaz) is None
    # streets with no place before them
    assert separated_address_line("营业网点:人民路12号;解放路34号;中山路56号", gaz) is None
    # offices in the country's largest cities
    assert separated_address_line("北京市长安街1号;上海市南京路2号;广州市环市路3号", gaz) is None
    # prose that gives addresses
    line = "三家门店分别位于荣成市路12号、楚雄市大道3号和麦积区街45号,欢迎市民前往。"
    assert separated_address_line(line, gaz) is None
    text = PARA + "\n" + line + "\n" + PARA2
    assert clean_text(text).text == text


# --------------------------------------------------------------------------- labelled lists of names


def test_a_labelled_list_of_places_and_business_names_from_scattered_places_goes():
    for line in ("热门搜索:荣成市 茶陵县开锁公司 东丽区国际app下载",
                 "大家都在搜:麦积区、楚雄市小额贷款、蠡县装饰公司、石门镇"):
        result = clean_text(PARA + "\n" + PARA2 + "\n" + line)
        assert result.text == PARA + "\n" + PARA2, line
        assert _detectors(result) == [("page_furniture", "keyword_line")]


def test_an_authors_labelled_list_stays():
    for line in ("途经:荣成市、楚雄市、麦积区、茶陵县",  # places only
                 "主演:张伟 李娜 王芳",  # people
                 "配料:面粉、白糖、鸡蛋"):
        text = PARA + "\n" + line + "\n" + PARA2
        assert clean_text(text).text == text, line
    # the bodies of one place the article speaks of
    article = "茶陵县今年举办了第五届文化节,吸引游客超过十万人次,带动当地旅游收入明显增长。"
    text = article + "\n" + "主办:茶陵县人民政府、茶陵县文化馆、茶陵县旅游协会" + "\n" + PARA2
    assert clean_text(text).text == text


# --------------------------------------------------------------------------- strung with prose marks


def test_a_mark_of_prose_strings_items_only_on_a_line_without_a_sentence_end():
    assert prose_list_separator("甲乙丙;丁戊己;庚辛壬;癸子丑") == ";"
    assert prose_list_separator("甲乙丙...丁戊己...庚辛壬...癸子丑") == "..."
    assert prose_list_separator("甲乙丙;丁戊己;庚辛壬;癸子丑。") is None
    assert prose_list_separator("甲乙丙;丁戊己") is None  # two marks are no string
    assert prose_list_separator("甲乙丙;;丁戊己;庚辛壬") is None  # an empty item
    assert prose_list_separator("...甲乙丙...丁戊己...庚辛壬...癸子丑") == "..."  # a mark may open the line


def test_keywords_and_pieces_of_text_strung_with_a_semicolon_or_an_ellipsis_go():
    items = ["茶陵县小额贷款", "今年以来各地都在持续推进这项工作", "楚雄国际app下载", "专家认为这是一个好办法",
             "东丽区装饰公司", "然而多数项目还在"]
    for sep in (";", "…", "......"):
        line = sep.join(items)
        result = clean_text(PARA + "\n" + line + "\n" + PARA2)
        assert result.text == PARA + "\n" + PARA2, sep
        assert _detectors(result) == [("keyword_stuffing", "strung_keyword_fragments")]


def test_an_authors_semicolons_and_ellipses_stay():
    for line in ("一是加强日常监管;二是完善各项制度;三是落实主体责任;四是强化年度考核",
                 "他说...我真的不知道...后来的事情...就这样了吧",
                 "北京协和医院;上海瑞金医院;广州中山医院;四川华西医院",  # names with no text between
                 "今年去了楚雄市医院复查;排队的人特别多;医生很耐心;总的来说还不错"):
        text = PARA + "\n" + line + "\n" + PARA2
        assert clean_text(text).text == text, line


# --------------------------------------------------------------------------- titles


def test_a_headlines_doubled_site_name_tail_goes_and_the_headline_stays():
    assert doubled_title_tail("某地老旧小区改造惠及百万户_茶陵开锁热线_茶陵开锁热线") == (13, "茶陵开锁热线")
    assert doubled_title_tail("某地老旧小区改造惠及百万户 - 楚雄装饰网 - 楚雄装饰网") is not None
    assert doubled_title_tail("某地老旧小区改造惠及百万户_新闻中心_某某网") is None  # parts written once
    assert doubled_title_tail("北京-上海-北京-上海") is None  # nothing before the doubled part
    title = "某地老旧小区改造惠及百万户"
    result = clean_text(title + "_茶陵开锁热线_茶陵开锁热线\n" + PARA + "\n" + PARA2)
    assert result.text == title + "\n" + PARA + "\n" + PARA2
    assert _detectors(result) == [("site_title", "doubled_title_tail")]


def test_a_doubled_title_with_a_separator_before_it_and_a_tables_row_of_empty_cells():
    assert repeated_site_title("_茶陵开锁热线_茶陵开锁热线") == "茶陵开锁热线"
    assert repeated_site_title("| | | | 37 € | 37 € |") is None


# --------------------------------------------------------------------------- recommendation blocks


def test_news_headlines_with_figures_are_headlines_and_table_rows_are_not():
    assert numbered_headline("某地发生3.8级地震 暂无人员伤亡")
    assert numbered_headline("两辆货车相撞致3人受伤·")
    assert numbered_headline("气象台:暴雨致12条道路中断")
    assert not numbered_headline("北京 晴 2°C/9°C")
    assert not numbered_headline("110000 北京市")
    assert not numbered_headline("两辆货车相撞,致3人受伤。")
    assert not numbered_headline("一个 两个 三个 四个 五个")


def test_a_heading_over_headlines_with_figures_in_the_page_tail_goes():
    block = ["今日看点", "某地发生3.8级地震 暂无人员伤亡", "两辆货车相撞致3人受伤·", "气象台:暴雨致12条道路中断",
             "一工厂起火过火面积200平方米"]
    result = clean_text("\n".join([PARA, PARA2, PARA3] + block))
    assert result.text == "\n".join([PARA, PARA2, PARA3])
    # a table of figures under its heading stays
    table = ["天气预报", "北京 晴 2°C/9°C", "上海 多云 8°C/14°C", "广州 阴 15°C/21°C", "成都 小雨 9°C/12°C"]
    text = "\n".join([PARA, PARA2, PARA3] + table)
    assert clean_text(text).text == text


# --------------------------------------------------------------------------- names glued together


def test_a_line_of_glued_betting_site_names_goes_and_one_name_stays():
    from pagewash.transforms.spam.rules import PageState, glued_name_line

    def judge(line, *others):
        page = PageState(lines=[line, *others], gazetteer=gazetteer(), corpus=None, lexicon=lexicon())
        return glued_name_line(line, page)

    found = judge("茶陵时时彩娱乐平台楚雄快3注册开户")
    assert found is not None and found["detector"] == "glued_name_line" and len(found["names"]) == 2
    assert judge("东丽区体育官网荣成彩票网麦积区国际app下载") is not None
    assert judge("北京协和医院皮肤科") is None  # one name: a heading
    assert judge("某某体育直播平台") is None
    assert judge("茶陵县人民医院今天开诊") is None  # a clause
    # a page that speaks of one of them
    assert judge("茶陵时时彩娱乐平台楚雄快3注册开户", "记者调查了茶陵时时彩娱乐平台的运营情况。") is None
    result = clean_text(PARA + "\n" + "茶陵时时彩娱乐平台楚雄快3注册开户" + "\n" + PARA2)
    assert result.text == PARA + "\n" + PARA2
    assert _detectors(result) == [("keyword_stuffing", "glued_name_line")]


def test_names_glued_after_a_paragraphs_closing_credit_or_a_space_go():
    for glue in ("(完)", " ", "(完) "):
        result = clean_text(PARA + "\n" + PARA2 + glue + "茶陵时时彩娱乐平台楚雄快3注册开户荣成体育官网")
        assert result.text == PARA + "\n" + PARA2 + glue.rstrip(), repr(glue)
    # a closing credit alone stays
    text = PARA + "\n" + PARA2 + "(完)"
    assert clean_text(text).text == text
