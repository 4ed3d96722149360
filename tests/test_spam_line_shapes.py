"""Line-level spam that carries its evidence in its own shape: addresses that cannot exist, a
site's name with its menu or glued after the headline, keywords strung between pieces of other
texts, labelled keyword lines, headline lists.  Strings written for these tests."""
from pagewash.transforms.record import Reason
from pagewash.transforms.spam import clean_text
from pagewash.transforms.spam.gazetteer import gazetteer
from pagewash.transforms.spam.lexicon import lexicon
from pagewash.transforms.spam.rules import (
    address_line,
    alternating_keywords,
    headline_site_tail,
    menu_header_names,
    nameless_street,
    separated_address_line,
)

HEAD = "市图书馆推出夜间阅读服务"
PARA = "记者从市文化部门获悉,市图书馆自本月起延长开放时间,每晚开放到十点,方便上班族读书学习。"
PARA2 = "馆方表示,夜间开放期间将增加志愿者和安保人员,读者可以通过微信公众号预约座位。"


def reasons(result):
    return [r.reason for r in result.removals]


def detectors(result):
    return [r.evidence_or_rule().get("detector") for r in result.removals]


def test_a_division_chain_nests_by_adcode():
    gaz = gazetteer()
    assert gaz.division_chain("广东省深圳市南山区科技园1号") == (["广东省", "深圳市", "南山区"], 9)
    assert gaz.chain_mismatch(["广东省", "深圳市", "南山区"]) is None
    assert gaz.chain_mismatch(["南京市", "鼓楼区"]) is None  # 鼓楼区 of Nanjing, among four of that name
    assert gaz.chain_mismatch(["北京市", "海淀区"]) is None  # a municipality holds its districts
    assert gaz.chain_mismatch(["兰州市", "海淀区"]) == ("兰州市", "海淀区")
    assert gaz.chain_mismatch(["杭州市", "丰台区"]) == ("杭州市", "丰台区")


def test_an_address_that_cannot_exist_goes_alone_and_a_real_one_stays():
    gaz = gazetteer()
    fake = "总部地址:兰州市海淀区青云镇18号6楼"
    found = address_line(fake, gaz)
    assert found is not None and found.false and found.mismatch == ("兰州市", "海淀区")
    result = clean_text(HEAD + "\n" + PARA + "\n" + PARA2 + "\n" + fake)
    assert result.text == HEAD + "\n" + PARA + "\n" + PARA2
    assert detectors(result) == ["false_address"] and reasons(result) == [Reason.PLACE_LIST]
    # a business's own contact line, and an address inside a sentence, stay
    for line in ("地址:北京市海淀区中关村大街59号", "联系地址:浙江省杭州市西湖区文三路90号3楼(近地铁站)",
                 "活动地点设在兰州市海淀区青云镇18号,欢迎市民参加。"):
        text = HEAD + "\n" + PARA + "\n" + PARA2 + "\n" + line
        assert clean_text(text).text == text, line


def test_addresses_run_next_to_a_false_one_go_with_it():
    lines = ["门店地址:杭州市丰台区石桥乡25号(近地铁站)", "公司地址:南京市某某区北山乡7号12楼",
             "联系地址:成都市武侯区红星路二段70号"]
    result = clean_text(HEAD + "\n" + PARA + "\n" + PARA2 + "\n" + "\n".join(lines))
    assert result.text == HEAD + "\n" + PARA + "\n" + PARA2
    assert set(detectors(result)) == {"false_address"}


def test_a_street_without_a_name_is_no_address():
    gaz = gazetteer()
    assert nameless_street("兰州市路52号", gaz)
    assert not nameless_street("兰州市庆阳路52号", gaz)
    line = "门店地址:兰州市大道8号;南宁市路31号;沈阳市街260号;拉萨市路9号"
    assert separated_address_line(line, gaz) is not None  # cities of the country over, streets unnamed
    assert separated_address_line("北京市长安街1号;上海市南京路2号;广州市环市路3号", gaz) is None


def test_a_sites_name_with_its_menu_goes_on_any_head_line():
    lex = lexicon()
    header = "城阳家电维修资讯网 网站首页·服务项目·在线留言·联系我们"
    assert menu_header_names(header, lex)["names"] == ["城阳家电维修资讯网"]
    assert menu_header_names("城阳家电维修资讯网 今天发布了新的通知", lex) is None  # a clause, no menu
    result = clean_text(header + "\n" + HEAD + "\n" + PARA + "\n" + PARA2)
    assert result.text == HEAD + "\n" + PARA + "\n" + PARA2
    # the headline written twice above itself loses the copy, never the headline
    doubled = "市图书馆推出夜间阅读服务延长开放|市图书馆推出夜间阅读服务延长开放"
    result = clean_text(doubled + "\n" + header + "\n" + "市图书馆推出夜间阅读服务延长开放\n" + PARA + "\n" + PARA2)
    assert result.text == "市图书馆推出夜间阅读服务延长开放\n" + PARA + "\n" + PARA2


def test_a_local_sites_name_glued_after_the_headline_is_cut_off_it():
    lex, gaz = lexicon(), gazetteer()
    line = HEAD + "-城阳家电维修信息港"
    start, evidence = headline_site_tail(line, lex, gaz)
    assert line[:start] == HEAD and evidence["place"] == "城阳"
    result = clean_text(line + "\n" + PARA + "\n" + PARA2)
    assert result.text == HEAD + "\n" + PARA + "\n" + PARA2
    # a publisher's name opens with no division; a headline that ends in a place stays whole
    for kept in (HEAD + "_中国新闻网", "夜间阅读服务走进城阳", HEAD + " 城阳"):
        assert headline_site_tail(kept, lex, gaz) is None, kept


def test_keywords_strung_between_pieces_of_other_texts_go():
    lex, gaz = lexicon(), gazetteer()
    never = lambda _token: False  # noqa: E731
    for line in ("青云镇 市场监管部门昨日通报 北山乡 游客在景区门口排起长队 城阳小额贷款 再次引发热议",
                 "红星街道;不过这个办法今天看来已经过时;AB体育app;骨折以后要注意休息",
                 "青云镇...市场监管部门昨日通报...城阳小额贷款...游客在景区门口排起长队...北山乡",
                 "青云镇,市场监管部门昨日通报,北山乡,游客在景区门口排起长队,再次引发热议"):
        assert alternating_keywords(line, lex, gaz, is_keyword=never)["detector"] == "alternating_keywords", line
        assert clean_text(PARA + "\n" + line + "\n" + PARA2).text == PARA + "\n" + PARA2
    # an author's enumeration puts its names side by side; a heading names one place
    for line in ("青云镇、北山乡、石桥乡,受灾较重,救援队已经赶到", "青云镇 北山乡 石桥乡 红星镇 东风镇",
                 "走进青云镇,看乡村振兴新面貌,听农民讲致富故事", "受灾较重的青云镇,救援队已经赶到现场,北山乡也有损失",
                 "市中心医院,专家团队正在会诊,市第一医院,救护车已经出发"):  # institutions, no brands
        assert alternating_keywords(line, lex, gaz, is_keyword=never) is None, line


def test_a_labelled_keyword_line_goes_even_when_its_names_are_glued():
    for line in ("本文关键词:城阳家电维修北山乡妇科医院兰州市搬家公司", "TAG标签:城阳小额贷款"):
        result = clean_text(PARA + "\n" + PARA2 + "\n" + line)
        assert result.text == PARA + "\n" + PARA2, line
        assert detectors(result) == ["keyword_line"]


def test_a_block_of_bulleted_headlines_goes_with_headlines_of_clauses_among_them():
    items = ["[图文] 南方多地迎来强降雨天气", "[图文] 老人摔倒路人纷纷上前搀扶,暖心一幕", "[图文] 高铁新线下月开通运营",
             "[图文] 大学生暑期支教走进山村学校"]
    result = clean_text(HEAD + "\n" + PARA + "\n" + PARA2 + "\n热点资讯\n" + "\n".join(items))
    assert result.text == HEAD + "\n" + PARA + "\n" + PARA2
    # an author's closing tips are clauses throughout and stay
    tips = ["● 出门前查看天气预报,带好雨具", "● 雨天驾车要减速慢行,保持车距", "● 遇到积水路段不要强行通过,注意绕行",
            "● 老人和孩子尽量减少外出,注意安全"]
    text = HEAD + "\n" + PARA + "\n" + PARA2 + "\n温馨提示\n" + "\n".join(tips)
    assert clean_text(text).text == text


def test_the_label_of_a_sitemap_link_goes_with_it():
    result = clean_text(HEAD + "\n" + PARA + "\n" + PARA2 + "\nSitemap:http://www.example-site.cn/baidusitemap.xml")
    assert result.text == HEAD + "\n" + PARA + "\n" + PARA2
    assert "link_label" in detectors(result)
