"""Detectors that need no repetition: injected commercial names and lone places
judged by their words (jieba) and sentence, keyword tails and keyword lines,
link lists; each removal carries its evidence."""
import importlib.metadata
from pathlib import Path

import pytest

from pagewash.transforms.record import Reason
from pagewash.transforms.spam import clean_text
from pagewash.transforms.spam.gazetteer import gazetteer
from pagewash.transforms.spam.injected import InjectedSegmentFinder, commercial_head, is_bare_place
from pagewash.transforms.spam.lexicon import lexicon
from pagewash.transforms.spam.sources import COMMERCIAL_HEADS, SOURCES

ARTICLES = Path(__file__).resolve().parent.parent / "fixtures" / "spam_dev" / "articles"
PARA = "中央气象台今天上午继续发布寒潮蓝色预警,受强冷空气影响,未来三天我国中东部地区将出现大风降温天气。"
PARA2 = "气象专家提醒,上述地区的公众要及时添加衣物,注意防寒保暖,设施农业和交通运输等行业要提前做好防范准备。"


def hits(line, page_text=None, spam_page=False):
    finder = InjectedSegmentFinder(lexicon(), gazetteer(), page_text or line, spam_page)
    return [(line[h.start:h.end], h.evidence["detector"]) for h in finder.find(line)]


@pytest.mark.parametrize("line, span", [
    ("中央气象台今天上午继续发布寒潮蓝色预警,鑫达家电维修,受强冷空气影响,大风降温。", ",鑫达家电维修"),
    ("气象专家提醒,上述地区的公众要及时添加衣物,皇冠体育,注意防寒保暖。", ",皇冠体育"),
    ("据介绍,这次寒潮过程具有降温幅度大,金沙国际app,影响范围广的特点。", ",金沙国际app"),
    ("这是一场比赛,比分为3比1,新葡京娱乐城,球迷们非常兴奋。", ",新葡京娱乐城"),
    ("记者了解到,今年春茶产量增长,永利娱乐,价格总体平稳。", ",永利娱乐"),
    ("他在二十年前来到这里,普格小额贷款,开了一家小店。", ",普格小额贷款"),
    ("这项工程已经完工,金堂开锁公司,预计明年通车。", ",金堂开锁公司"),
    ("这种鱼体形略侧扁,皇冠娛樂,体色淡黄。", ",皇冠娛樂"),
    ("这座桥于去年建成,修水男科医院,连接两岸的村庄。", ",修水男科医院"),  # 修水/v is a county
    ("这条河发源于山区,垦利广告公司,全长一百余公里。", ",垦利广告公司"),  # jieba's 广告公司
    ("这家酒店是本地最老的宾馆之一,金沙娱乐城,位于江边。", ",金沙娱乐城"),  # 位于 is said of the hotel
])
def test_bare_commercial_noun_phrase_between_commas_is_cut(line, span):
    assert hits(line) == [(span, "pos_np")]


@pytest.mark.parametrize("line, span", [
    ("接近2019年年末,大岭山,国家市场监管总局发布通知。", ",大岭山"),
    ("这一物质的毒性较低,襄汾县,常用于工业生产。", ",襄汾县"),
    ("这一物质的毒性较低,历城区,常用于工业生产。", ",历城区"),  # a division in full, tagged n by jieba
    ("这种鸟的体形较大,延长县,以昆虫为食。", ",延长县"),  # 体形较大 does not end in the county 大
])
def test_lone_place_on_a_clean_page_is_cut(line, span):
    assert hits(line) == [(span, "lone_place")]


@pytest.mark.parametrize("line", [
    "他说,北京协和医院,是一家三甲医院。",  # the subject of what follows
    "患者被送往医院,北京协和医院,湘雅医院,华西医院都派出了专家。",  # an enumeration
    "如今,互联网,已经深入生活。",  # a common word, not a brand
    "家门口,社区医院,就能看病。",  # a common noun as brand
    "据悉,该平台,已经关闭。",  # a pronoun
    "我们来到东莞,大岭山,这里风景优美。",  # the place is what the next clause describes
    "今年以来,各地,纷纷出台政策。",
    "这座小学,位于杭州市西湖区文三路,紧挨着一座公园。",  # a clause that ends in an address
    "洪水波及了湖北,安徽,江西等地。",  # places hit by a flood
    "受灾的有大岭山,羊册镇,石碣镇等地。",  # a place next to places
    "这次旅行先到西宁,青海湖,再去敦煌。",  # the stops of a tour
])
def test_what_reads_as_part_of_the_sentence_stays(line):
    assert hits(line) == []


def test_two_business_names_wedged_between_clauses_go():
    line = "市场上的苹果价格回落,金沙娱乐城,永利博彩,蔬菜价格则保持平稳。"
    assert hits(line) == [(",金沙娱乐城", "pos_np"), (",永利博彩", "pos_np")]


@pytest.mark.parametrize("line", [
    "1998年,鑫达家电维修,成立于北京。",  # after a lead without a verb, the name is what 成立于 is said of
    "他先后任职于北京协和医院,湘雅医院,华西医院。",  # the list begins in the clause before
])
def test_names_the_sentence_is_about_stay(line):
    assert hits(line) == []


def test_a_run_of_labelled_links_goes():
    text = PARA + "\n鑫达家电维修 http://www.example.com/a\n金沙国际app http://example.org/b\n" + PARA2
    result = clean_text(text)
    assert result.text == PARA + "\n" + PARA2
    assert [r.evidence_or_rule()["detector"] for r in result.removals] == ["link_list", "link_list"]


def test_a_bare_host_name_glued_to_a_lines_first_word_or_last_sentence_goes_and_a_source_link_stays():
    for spam, line in (("shssl999.com", PARA + "shssl999.com"), ("sd11x5188.com", "sd11x5188.com_而且转氨酶升高"),
                       ("ll11x5777.com", "ll11x5777.com增进红细胞血红蛋白的产生")):
        result = clean_text(line + "\n" + PARA2)
        assert spam not in result.text and PARA2 in result.text, line
    for kept in (PARA + "http://www.example.ru/languages/zh/index.php", PARA + "详见www.example.gov.cn。"):
        text = kept + "\n" + PARA2
        assert clean_text(text).text == text, kept


def test_a_bare_host_between_the_commas_of_a_sentence_goes_and_an_address_the_clause_introduces_stays():
    line = "记者了解到,今年的报名条件有所调整,sd115999.com,考生年龄不小于17周岁。"
    result = clean_text(line + "\n" + PARA2)
    assert result.text == "记者了解到,今年的报名条件有所调整,考生年龄不小于17周岁。\n" + PARA2
    assert [r.text for r in result.removals] == [",sd115999.com"]
    # 认为 ends in 为 but introduces an opinion, not an address
    result = clean_text("专家认为,lhc999.com,今年的报名条件有所调整。\n" + PARA2)
    assert [r.text for r in result.removals] == [",lhc999.com"]
    for kept in ("详情可登录中国政府网,www.example.gov.cn,进行查询。", "报名请访问,www.example.edu.cn,按提示填写。",
                 "本站的网址为,www.example.edu.cn,欢迎访问。",
                 "软件的版本号为1.2.3,已于去年发布。"):
        text = kept + "\n" + PARA2
        assert clean_text(text).text == text, kept


def test_a_bare_host_in_square_brackets_inside_a_sentence_goes():
    line = "记者了解到,今年的报名条件〖sd115999.com〗有所调整,考生年龄不小于17周岁。"
    result = clean_text(line + "\n" + PARA2)
    assert result.text == "记者了解到,今年的报名条件有所调整,考生年龄不小于17周岁。\n" + PARA2
    for kept in ("详见〖第3.2节〗的说明,考生年龄不小于17周岁。", "报名请访问【www.example.edu.cn/apply】按提示填写。"):
        text = kept + "\n" + PARA2
        assert clean_text(text).text == text, kept


def test_one_labelled_link_alone_stays():
    text = PARA + "\n中央气象台天气预报 http://www.example.gov.cn/\n" + PARA2
    assert clean_text(text).text == text


def test_a_gambling_name_glued_to_a_sentence_goes():
    text = PARA + "\n" + "气象专家提醒,上述地区的公众要及时添加衣物。金沙百家乐开户设施农业和交通运输等行业要提前做好准备。"
    result = clean_text(text)
    assert "百家乐" not in result.text and "设施农业和交通运输等行业要提前做好准备" in result.text
    (removal,) = [r for r in result.removals if r.evidence_or_rule()["detector"] == "glued_gambling_name"]
    assert removal.text == "金沙百家乐开户" and removal.evidence["heads"] == ["百家乐", "开户"]


def test_a_page_about_gambling_keeps_its_names():
    text = ("澳门特区政府今天公布博彩业收入数据,赌场收入同比上升。\n"
            "百家乐仍是各赌场收入最高的项目,占全部收入的八成以上。")
    assert clean_text(text).text == text


def test_a_line_that_repeats_its_opening_fragment_goes():
    pasted = "这条铁路始建于上世纪 这条铁路始建于上世纪五十年代,全长三百余公里。"
    text = PARA + "\n" + pasted + "\n" + PARA2
    result = clean_text(text)
    assert result.text == PARA + "\n" + PARA2
    assert [r.evidence_or_rule()["detector"] for r in result.removals] == ["doubled_fragment"]


def test_town_and_commercial_names_strung_between_paragraphs_go():
    text = PARA + "\n鑫达家电维修 羊册镇 宠物之家 金沙国际app 教育论坛\n" + PARA2
    assert clean_text(text).text == PARA + "\n" + PARA2


def test_a_stuffing_line_next_to_a_keyword_line_is_no_table():
    stuffing = "健身论坛 鑫达家电维修 金沙娱乐 这条铁路始建于上世纪五十年代,全长三百余公里。 普格小额贷款"
    text = PARA + "\n" + stuffing + "\n关键词:装修在线 靓号qq 花卉之家 mp3下载\n" + PARA2
    assert clean_text(text).text == PARA + "\n" + PARA2


def test_a_name_the_article_is_about_stays():
    page = "鑫达家电维修成立于2005年,是本地老字号。\n去年冬天,鑫达家电维修,为居民免费上门服务。"
    assert hits(page.split("\n")[1], page_text=page) == []


def test_heads_and_bare_places_use_the_tags():
    lex = lexicon()
    assert commercial_head("鑫达家电维修", lex.tagged("鑫达家电维修"))[0] == "维修"
    assert commercial_head("互联网", lex.tagged("互联网"), lex.zipf) is None
    assert is_bare_place(lex.tagged("大岭山")) and is_bare_place(lex.tagged("绥德县"))
    assert not is_bare_place(lex.tagged("位于北京市海淀区巴沟路"))
    assert not is_bare_place(lex.tagged("外国人居住区"))
    assert all(h == h.lower() for h in COMMERCIAL_HEADS)


def test_clean_text_cuts_the_segment_with_its_evidence():
    text = PARA + "\n" + "气象专家提醒,上述地区的公众要及时添加衣物,鑫达家电维修,注意防寒保暖。"
    result = clean_text(text)
    assert "鑫达家电维修" not in result.text and "注意防寒保暖" in result.text
    (removal,) = [r for r in result.removals if r.reason == Reason.INJECTED_KEYWORD]
    assert removal.text == ",鑫达家电维修"
    assert removal.evidence["detector"] == "pos_np" and removal.evidence["head"] == "维修"
    assert removal.evidence["brand"] == "鑫达家电"


def test_keyword_tail_after_the_last_sentence_goes():
    text = PARA + " 曲水县 开锁换锁 管道疏通 家电维修\n" + PARA2
    result = clean_text(text)
    assert result.text == PARA + "\n" + PARA2
    (removal,) = result.removals
    assert removal.reason == Reason.KEYWORD_STUFFING and removal.evidence["detector"] == "keyword_tail"


def test_a_short_credit_after_a_paragraph_stays():
    text = PARA + " 图片 网络\n" + PARA2
    assert clean_text(text).text == text


def test_keyword_line_goes_and_teaches_its_words():
    text = PARA + "\n本文关键词:鑫达家电维修 开锁换锁\n" + PARA2.replace("注意防寒保暖,", "注意防寒保暖,开锁换锁,")
    result = clean_text(text)
    assert "本文关键词" not in result.text and "开锁换锁" not in result.text
    assert {r.evidence_or_rule()["detector"] for r in result.removals} >= {"keyword_line"}


def _article(name):
    return (ARTICLES / name).read_text(encoding="utf-8").strip()


@pytest.mark.parametrize("name", sorted(p.name for p in ARTICLES.glob("a*.txt")))
def test_real_articles_lose_nothing_to_the_new_detectors(name):
    text = _article(name)
    result = clean_text(text)
    new = [r for r in result.removals
           if r.evidence_or_rule()["detector"] in ("pos_np", "lone_place", "keyword_tail", "link_list")]
    assert new == []


def test_sources_name_the_installed_packages():
    for source in SOURCES.values():
        assert importlib.metadata.version(source["package"]) == source["version"]


def _detectors(result):
    return [r.evidence_or_rule()["detector"] for r in result.removals]


def test_a_heading_copied_with_a_gambling_prefix_goes():
    text = "宏运博彩寒潮预警\n寒潮预警\n" + PARA + "\n" + PARA2
    result = clean_text(text)
    assert result.text == "寒潮预警\n" + PARA + "\n" + PARA2
    (removal,) = [r for r in result.removals if r.evidence_or_rule()["detector"] == "prefixed_title"]
    assert removal.evidence["prefix"] == "宏运博彩" and removal.evidence["title"] == "寒潮预警"


def test_a_heading_that_only_shares_an_ending_with_the_next_line_stays():
    for heading in ("全国寒潮预警发布后的第一天\n第一天\n", "寒潮预警\n预警\n", "全国网络安全宣传周\n宣传周\n"):
        text = heading + PARA  # no commercial prefix; in the last, 网 stands inside 网络
        assert clean_text(text).text == text


def test_a_gambling_name_glued_after_the_last_sentence_goes():
    text = PARA + "\n" + PARA2 + "宏运娱乐城"
    result = clean_text(text)
    assert result.text == PARA + "\n" + PARA2
    (removal,) = [r for r in result.removals if r.evidence_or_rule()["detector"] == "glued_gambling_name"]
    assert removal.text == "宏运娱乐城" and removal.evidence["position"] == "tail"


def test_a_gambling_head_alone_between_commas_goes():
    text = PARA + "\n气象专家提醒,赌球,上述地区的公众要及时添加衣物,注意防寒保暖。"
    result = clean_text(text)
    assert "赌球" not in result.text and "气象专家提醒,上述地区的公众" in result.text
    assert "glued_gambling_name" in _detectors(result)


def test_a_gambling_head_matched_across_jiebas_words_at_a_sentence_start():
    text = PARA + "\n气象专家提醒公众要及时添加衣物。宏运备用网址官网设施农业和交通运输等行业要提前做好准备。"
    result = clean_text(text)
    assert "备用网址" not in result.text and "设施农业和交通运输等行业要提前做好准备" in result.text


def test_a_chinese_domain_alone_on_a_line_goes():
    text = PARA + "\n天气预报.com\n" + PARA2
    result = clean_text(text)
    assert result.text == PARA + "\n" + PARA2 and [r.reason for r in result.removals] == [Reason.SPAM_LINK]


def test_a_sentence_naming_a_domain_stays():
    text = PARA + "\n公众可登录中国天气网查询,网址是weather.com.cn。\n" + PARA2
    assert clean_text(text).text == text


def test_a_business_name_before_a_definition_of_something_else_goes():
    page = PARA + "\n短尾鲷,又名短牙鲷,俗名大目仔,鑫达家电维修,为鲈形目鲷科的其中一个种。"
    line = page.split("\n")[1]
    assert hits(line, page_text=page) == [(",鑫达家电维修", "pos_np")]


def test_a_business_the_page_speaks_of_keeps_its_definition():
    page = "鑫达家电维修由两兄弟创办。\n去年,鑫达家电维修,为本地居民免费上门服务。"
    assert hits(page.split("\n")[1], page_text=page) == []


def test_a_place_beside_an_injected_business_name_is_no_list_item():
    line = "这个词未必用作书名,有的直接写作一字,鑫达家电维修,绥德县,意思是记载当时的言行。"
    assert [span for span, _d in hits(line)] == [",鑫达家电维修", ",绥德县"]


def test_a_place_before_a_definition_of_something_else_goes_unless_the_page_speaks_of_it():
    line = "短尾鲷,又名短牙鲷,俗名大目仔,绥德县,为鲈形目鲷科的其中一个种。"
    assert hits(line, page_text=PARA + "\n" + line) == [(",绥德县", "lone_place")]
    page = "绥德地处陕北。\n" + line
    assert hits(line, page_text=page) == []


def test_a_two_character_county_alone_between_commas_goes_and_a_list_of_them_stays():
    assert hits("气象专家提醒,上述地区的公众,沛县,要及时添加衣物。") == [(",沛县", "lone_place")]
    assert hits("暴雨袭击了苏北,沛县,丰县,砀山县等地受灾。") == []


def test_latin_letters_are_no_grammar_word():
    # jieba tags Latin letters "eng"; an interjection is "e": only the second makes a clause
    from pagewash.transforms.spam.injected import holds_grammar_word, is_grammar_tag

    lex = lexicon()
    assert not is_grammar_tag("eng") and is_grammar_tag("e") and is_grammar_tag("uj")
    assert not holds_grammar_word(lex.tagged("QZ官方网站"))
    assert not holds_grammar_word(lex.tagged("KPL体育app下载"))
    assert holds_grammar_word((("哎呀", "e"), ("好", "a")))
    assert holds_grammar_word(lex.tagged("QZ的官方网站"))


def test_a_review_line_of_sizes_and_weights_between_spaces_is_no_keyword_stuffing():
    # its tokens with Latin letters or digits (约75mm, 10斤装) are the author's, not keywords
    line = "买的果园鲜AB 橙子 赣南脐橙 10斤装 约75mm 单果约200g 新鲜水果 橙子很甜,家里人都爱吃,还会回购。"
    assert clean_text(line).removals == ()
