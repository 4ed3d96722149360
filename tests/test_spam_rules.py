"""Each rule on small cases, both what it must cut and what it must leave."""
from pagewash.transforms.record import Doc, Kind, Reason
from pagewash.transforms.spam import clean_doc, clean_text
from pagewash.transforms.spam.gazetteer import gazetteer
from pagewash.transforms.spam.lexicon import lexicon
from pagewash.transforms.spam.rules import (
    broken_edges,
    fragment_stuffing,
    glued_fragment_stuffing,
    injected_segments,
    interleaved_names,
    is_coherent_place_list,
    is_page_furniture,
    link_verdict,
    metadata_from_line,
    place_list_tokens,
    stuffing_tokens,
    table_lines,
    title_parts,
)
from pagewash.transforms.spam.vocabulary import CorpusVocabulary, repeated_site_title

PARA = "记者从有关部门获悉,今年以来各地持续推进老旧小区改造,惠及居民超过一百万户,群众满意度明显提高。"
PARA2 = "专家表示,下一步要把改造和完善社区服务结合起来,让居民住得更舒心,这项工作还将持续推进。"
SPAM_LIST = ("荣成| 楚雄| 麦积| 吉林| 丹江口| 茶陵| 高州| 蠡县| 藁城| 蒲城| 临猗| 东丽| 玉龙| 马边| 屯留| "
             "张家界| 日土| 金堂| 湟源| 茌平| 沂水| 浦北")


def reasons(result):
    return [r.reason for r in result.removals]


def never_known(_token):
    return False


# ---- metadata -------------------------------------------------------------------


def test_metadata_lines_and_their_values():
    assert metadata_from_line("2019-09-2107:10 来源:法制日报") == {
        "published": "2019-09-21T07:10", "source_name": "法制日报"}
    assert metadata_from_line("2020年09月11日 18:05") == {"published": "2020-09-11T18:05"}
    assert metadata_from_line("原标题:重拳打击遏制个人信息贩卖") == {"original_title": "重拳打击遏制个人信息贩卖"}
    assert metadata_from_line("(责编:宋心蕊、赵光霞)") == {"editor": "宋心蕊、赵光霞"}
    assert metadata_from_line("编辑:李华") == {"editor": "李华"}
    assert metadata_from_line("Copyright © 2015, Eklektix, Inc.")["copyright"].startswith("Copyright")


def test_dialogue_and_dated_sentences_are_not_metadata():
    assert metadata_from_line("记者:骚扰电话为何一直存在?该如何治理?") is None
    assert metadata_from_line("编辑:你觉得这篇稿子还要改吗?") is None
    assert metadata_from_line("2019年6月13日,四川省宜宾市市场监督管理局接到群众举报,反映喻某等人非法收集消费者个人信息。") is None


def test_published_is_filled_only_when_empty_and_meta_not_overwritten():
    text = "2019-09-21 07:10 来源:法制日报\n" + PARA
    doc = Doc(id="a/1", source="s", kind=Kind.TEXT, text=text, published="2019-01-01",
              meta={"source_name": "原有来源"}, removed={Reason.METADATA_LINE: 3})
    cleaned, _ = clean_doc(doc)
    assert cleaned.published == "2019-01-01"
    assert cleaned.meta["source_name"] == "原有来源"
    assert cleaned.removed[Reason.METADATA_LINE] == 3 + len("2019-09-21 07:10 来源:法制日报")
    assert cleaned.text == PARA


# ---- links ------------------------------------------------------------------------


def test_url_only_lines_link_lists_and_sitemaps_go():
    assert link_verdict("https://www.whr.cc/bbsitemap.htm") == (True, [])
    assert link_verdict("友情链接: http://www.a-b.com http://www.c-d.com")[0]
    drop, spans = link_verdict("本站地图见 https://x.example.com/sitemap.xml ,欢迎大家浏览本站的全部栏目和文章。")
    assert not drop and spans == ["https://x.example.com/sitemap.xml"]


def test_bare_url_after_the_last_sentence_goes():
    line = "培养用户举报意识和习惯,才能真正做到切断数据泄露源头。 http://www.spam-example.com/a.html"
    result = clean_text(line)
    assert result.text == "培养用户举报意识和习惯,才能真正做到切断数据泄露源头。"
    assert reasons(result) == [Reason.SPAM_LINK]


def test_url_in_a_real_sentence_stays():
    line = "旅客可通过 https://www.12306.cn 或铁路客户端购票,车站也保留了人工售票窗口。"
    assert link_verdict(line) == (False, [])
    assert clean_text(line + "\n" + PARA).text == line + "\n" + PARA


# ---- furniture --------------------------------------------------------------------


def test_page_furniture():
    for line in ("返回顶部", "分享到:", "首页 > 资讯 > 正文", "京ICP备12345678号", "Share this article", "(完)"):
        assert is_page_furniture(line), line
    for line in ("entries > 10 AND zscore > 3 AS alert", "严控传播渠道", PARA):
        assert not is_page_furniture(line), line


def test_footer_links_and_forum_labels_are_furniture_and_names_with_dots_are_not():
    for line in ("Terms of Use | Privacy Policy | Contact Us", "Powered by WordPress · 备案中",
                 "本站内容转载请注明出处 | 联系我们", "打印本页 关闭窗口 | 返回顶部", "楼主", "»"):
        assert is_page_furniture(line), line
    for line in ("弗里德里希·威廉·尼采", "Contact the author for details.", "我们 | 你们", "About the author"):
        assert not is_page_furniture(line), line


def test_a_login_forms_labels_an_error_pages_notices_and_a_search_pages_pager_are_furniture():
    for line in ("Sign in to your account", "Username or email", "Password", "Remember me", "Forgot your password?",
                 "Don't have an account? Sign up", "404 - Page not found", "Return to homepage", "Search our site",
                 "用户名", "忘记密码?", "抱歉,页面不存在!", "找到相关结果约66305个,用时0.32秒",
                 "上一页 1 2 3 4 5 6 7 8 9 10 下一页"):
        assert is_page_furniture(line), line
    # sentences that speak of these things are text; a long run of digits is no pager (and is read in linear
    # time: a pager's numbers are set apart by spaces, never split inside a run)
    for line in ("Password reset is required for all users.", "The page you are looking for might have been removed.",
                 "密码泄露事件引发关注", "第1 2 3名的选手将进入下一轮。", "1" * 70, "1 " * 39):
        assert not is_page_furniture(line), line


def test_a_keyword_heading_alone_on_its_line_takes_the_lines_of_keywords_under_it():
    cloud = "\n".join(["热门关键词", "思无邪,四叠半神话大系,东京喰种,狐妖小红娘,逢坂大河", "这是僵尸吗?,天行九歌,吹响!上低音号,空之境界"])
    result = clean_text(cloud + "\n" + PARA)
    assert result.text == PARA
    assert {r.evidence_or_rule()["detector"] for r in result.removals} == {"keyword_line"}
    # the heading over prose goes alone; a list of fewer than three items or with a sentence stays
    for kept in ("北京 上海", "关注我们的公众号,每天推送最新资讯。"):
        result = clean_text("\n".join(["相关搜索", kept, PARA]))
        assert result.text == kept + "\n" + PARA, kept


def test_a_keyword_line_glued_after_a_lines_last_sentence_goes_and_the_paragraph_stays():
    line = PARA + " 本文关键词:9188彩票app下载,干粽叶要泡多"
    result = clean_text(line + "\n" + PARA)
    assert result.text == PARA + "\n" + PARA
    (removal,) = result.removals
    assert removal.evidence["position"] == "tail" and removal.evidence["keywords"] == ["9188彩票app下载", "干粽叶要泡多"]
    # a label quoted inside a sentence is the sentence's
    quoted = "他在文章中写道:“标签:不是我们的目的。”这是他的观点。"
    assert clean_text(quoted + "\n" + PARA).text == quoted + "\n" + PARA


# ---- site titles ------------------------------------------------------------------


def test_repeated_site_title_and_its_keyword_injected_later():
    assert repeated_site_title("深圳小产权房网深圳小产权房网") == "深圳小产权房网"
    assert repeated_site_title("哈哈哈哈哈哈哈哈") is None
    assert repeated_site_title("加大整治力度") is None
    text = "东莞钩机租赁网东莞钩机租赁网\n" + "其次,钩机租赁,违法行为具有隐蔽性,此类违法行为较为隐蔽,不容易被发现。"
    result = clean_text(text)
    assert result.text == "其次,违法行为具有隐蔽性,此类违法行为较为隐蔽,不容易被发现。"
    assert reasons(result) == [Reason.SITE_TITLE, Reason.INJECTED_KEYWORD]


def test_a_tables_header_row_written_twice_is_no_site_title():
    # a table laid out in two blocks of columns repeats its header cells; a site's name written twice
    # on a line above such a table still goes
    table = "城市 人口 城市 人口\n广州 1880万 深圳 1760万\n佛山 950万 东莞 1050万"
    text = PARA + "\n" + table + "\n" + PARA
    assert clean_text(text).text == text
    result = clean_text("东莞钩机租赁网 东莞钩机租赁网\n" + table + "\n" + PARA)
    assert result.text == table + "\n" + PARA
    assert reasons(result) == [Reason.SITE_TITLE]


def test_keyword_stuffed_title_is_cleaned_and_teaches_keywords():
    assert title_parts("老厂房变身图书馆_二手钩机_挖机配件_东莞钩机网") == ["老厂房变身图书馆", "二手钩机", "挖机配件", "东莞钩机网"]
    text = "老厂房变身图书馆\n" + "走进图书馆,挖机配件,高大的红砖墙和钢结构屋顶保留了厂房原有的风貌,书架之间摆放着沙发。"
    result = clean_text(text, title="老厂房变身图书馆_二手钩机_挖机配件_东莞钩机网")
    assert result.title == "老厂房变身图书馆"
    assert "挖机配件" not in result.text and "老厂房变身图书馆" in result.text


# ---- place lists ------------------------------------------------------------------


def test_spam_place_list_goes_with_its_trailing_keyword():
    result = clean_text(SPAM_LIST + "| 钩机网\n" + PARA)
    assert result.text == PARA
    assert reasons(result) == [Reason.PLACE_LIST]


def test_address_block_goes():
    block = ("信宜市 遮浪中学 旗星 滨湖南街 前爿 垵固村 芦花路 越秀外语学院西大门 迳脑乡\n"
             "四分场 长福镇 罗经嶂林场 新门口 古店乡 石门西沟 瀍河区 临沂路 羊册镇 和平宾馆")
    assert clean_text(PARA + "\n" + block).text == PARA


def test_names_written_without_separators():
    run = "荣成楚雄麦积吉林丹江口茶陵高州蠡县藁城蒲城临猗东丽"
    assert place_list_tokens(run, gazetteer()) is not None
    assert clean_text(PARA + "\n" + run).text == PARA


def test_place_lists_with_other_separators_and_a_label_go():
    names = ["荣成市", "楚雄市", "麦积区", "蠡县", "藁城区", "临猗县", "玉龙县", "东丽区"]
    for sep in (" · ", "丨", ";", "・"):
        line = sep.join(names)
        found = place_list_tokens(line, gazetteer())
        assert found is not None and len(found.places) == len(names)
        assert clean_text(PARA + "\n" + line).text == PARA
    for line in ("服务网点:" + "丨".join(names), "本站分站:" + "、".join(names),
                 "某某房产网 " + ";".join(names) + ";"):
        result = clean_text(PARA + "\n" + PARA2 + "\n" + line)
        assert result.text == PARA + "\n" + PARA2
        assert reasons(result) == [Reason.PLACE_LIST]


def test_place_lists_strung_with_hyphens_stars_and_plus_signs_go():
    names = ["荣成", "楚雄", "麦积", "蠡县", "藁城", "临猗", "玉龙", "东丽", "茶陵", "高州"]
    for sep in ("-", "☆", "★", "+"):
        line = sep.join(names)
        assert clean_text(PARA + "\n" + PARA2 + "\n" + line).text == PARA + "\n" + PARA2
    assert clean_text(PARA + "\n" + "服务范围:" + "-".join(names)).text == PARA


def test_a_route_written_with_dashes_inside_a_paragraph_is_no_place_list():
    route = ("线路起于北站,沿建设路-解放路-人民路-中山路-和平路-胜利路-新华路-东风路-长江路-黄河路走行,"
             "终于南站,全长二十公里,其中高架段约八公里。")
    assert place_list_tokens(route, gazetteer()) is None
    text = PARA + "\n" + route + "\n" + PARA2
    assert clean_text(text).text == text


def test_a_run_of_street_addresses_across_the_country_goes():
    gaz = gazetteer()
    assert gaz.street_address("荣成市青山路12号") == "荣成市"
    assert gaz.street_address("楚雄市鹿城南路305号") == "楚雄市"
    assert gaz.street_address("他住在荣成市已经3年") is None
    block = "\n".join(["门店地址:荣成市青山路12号", "门店地址:楚雄市鹿城南路305号", "门店地址:高州市人民大道7号",
                       "门店地址:临猗县解放街88号"])
    result = clean_text(PARA + "\n" + PARA2 + "\n" + block)
    assert result.text == PARA + "\n" + PARA2
    assert set(reasons(result)) == {Reason.PLACE_LIST}
    assert result.removals[0].evidence["detector"] == "address_list"


def test_a_short_form_with_its_suffix_opens_an_address():
    assert gazetteer().street_address("孟连县勐马路12号") == "孟连县"  # 孟连傣族拉祜族佤族自治县


def test_a_business_name_in_han_script_on_a_latin_page_goes():
    english = ("The committee met on Monday to discuss the new budget proposal for the coming year.\n"
               "Members agreed that spending on schools and roads should rise by two percent.\n")
    result = clean_text(english + "金龙彩票网")
    assert result.text == english.rstrip("\n")
    assert result.removals[0].evidence["detector"] == "foreign_script_name"
    for line in ("北京大学", "《红楼梦》"):  # a name without a commercial head, a quoted title
        assert clean_text(english + line).text == english + line


def test_an_authors_addresses_stay():
    one = "联系地址:荣成市青山路12号"  # a business gives its one address
    introduced = "三家门店的地址如下:\n荣成市青山路12号\n楚雄市鹿城南路305号\n高州市人民大道7号"
    one_city = ("荣成市青山路12号\n荣成市海滨路3号\n荣成市成山大道71号")  # one division
    for text in (PARA + "\n" + one, PARA + "\n" + introduced + "\n" + PARA2, PARA + "\n" + one_city):
        assert clean_text(text).text == text


def test_a_line_of_business_names_strung_with_other_separators_is_stuffing():
    for sep in ("丨", "/", "+", "☆"):
        line = sep.join(["荣成男科医院", "某某彩票网", "楚雄开锁", "鑫达家电维修"])
        assert clean_text(PARA + "\n" + PARA2 + "\n" + line).text == PARA + "\n" + PARA2
    text = PARA + "\n" + "配料:面粉/白糖/鸡蛋/牛奶" + "\n" + PARA2  # a labelled list of plain nouns
    assert clean_text(text).text == text
    text = PARA + "\n" + "面粉/白糖/鸡蛋/牛奶/黄油" + "\n" + PARA2  # plain nouns between paragraphs
    assert clean_text(text).text == text


def test_business_names_glued_after_the_last_sentence_go():
    for tail in ("荣成男科医院楚雄开锁", "某某体育官网鑫达家电维修临猗小额贷款", "快乐的猴子体育官网楚雄开锁高州医院"):
        result = clean_text(PARA + tail + "\n" + PARA2)
        assert result.text == PARA + "\n" + PARA2
        assert result.removals[0].evidence["detector"] == "glued_keyword_tail"


def test_names_glued_to_the_end_of_a_line_after_its_last_clause_go():
    line = "转发出去让更多的人看到吧!我们每天都会推送这样的好文章长按识别二维码荣成房贷中介楚雄开锁换锁"
    result = clean_text(PARA + "\n" + line + "\n" + PARA2)
    assert "荣成房贷中介" not in result.text and "长按识别二维码" in result.text
    assert result.removals[0].evidence["position"] == "line_end"


def test_a_sentence_written_between_spaces_after_a_full_stop_is_no_keyword_tail():
    line = PARA + "就我和我的同伴而言 不是我们喜欢游戏 是生活抛弃了我们 而游戏收留了我们"
    text = line + "\n" + PARA2
    assert clean_text(text).text == text


def test_the_start_of_an_unfinished_sentence_or_one_name_after_the_last_sentence_stays():
    for tail in ("他说这家医院的医生", "楚雄开锁", "下一步的工作重点是", "北京协和医院", "位于上海市的第一人民医院"):
        text = PARA + tail + "\n" + PARA2
        assert clean_text(text).text == text


def test_a_labelled_line_of_business_names_goes_whatever_its_label():
    for line in ("热搜词:荣成男科医院,某某体育官网,楚雄开锁", "TAG标签:鑫达家电维修 临猗小额贷款"):
        result = clean_text(PARA + "\n" + PARA2 + "\n" + line)
        assert result.text == PARA + "\n" + PARA2
        assert result.removals[0].evidence["detector"] == "keyword_line"
    for line in ("主演:张三 李四 王五", "配料:面粉、白糖、鸡蛋", "协办单位:荣成男科医院、市第一中学、市图书馆"):
        text = PARA + "\n" + line + "\n" + PARA2
        assert clean_text(text).text == text


def test_a_line_labelled_as_searched_words_is_a_keyword_line_whatever_its_keywords():
    for line in ("热搜词:湛江婚纱摄影|莱芜开荒保洁", "相关搜索:某某的历史是什么意思 某某下载 某某视频"):
        result = clean_text(PARA + "\n" + PARA2 + "\n" + line)
        assert result.text == PARA + "\n" + PARA2, line
        assert result.removals[0].evidence["detector"] == "keyword_line"
    kept = PARA + "\n" + "搜索:北京天气" + "\n" + PARA2  # a bare 搜索 label is no keyword line
    assert clean_text(kept).text == kept


def test_a_site_header_above_the_headline_goes():
    head = "如何选择适合自己的跑鞋?"
    for header in ("某某叉车租赁网企业简介", "快乐的猴子体育官网-楚雄刻章平台", "某某彩票网_某某国际娱乐", "荣成二手房信息港"):
        result = clean_text(header + "\n" + head + "\n" + PARA + "\n" + PARA2)
        assert result.text == head + "\n" + PARA + "\n" + PARA2
        assert result.removals[0].evidence["detector"] == "site_header"


def test_headings_that_name_a_business_or_stand_alone_stay():
    for text in ("北京协和医院\n专家提醒冬季注意保暖\n" + PARA,  # a clinic's name above a headline
                 "某某叉车租赁网\n" + PARA,  # the headline itself
                 "市第一医院开展义诊活动\n" + PARA):
        assert Reason.SITE_TITLE not in reasons(clean_text(text))


def test_business_names_strung_between_clauses_of_other_texts_are_stuffing():
    spaced = "荣成男科医院 我是再也不会去了 楚雄家电维修 但是服务态度还可以 高州小额贷款 但因为是送的就算了"
    glued = "快乐猴子体育官网发现床头灯罩上满是灰尘荣成信用卡代办请多放水应该会好楚雄家电维修突出之处就是节能"
    lex, gaz = lexicon(), gazetteer()
    for line in (spaced, glued):
        assert interleaved_names(line, lex, gaz.is_division)["detector"] == "interleaved_names"
        assert clean_text(PARA + "\n" + line + "\n" + PARA2).text == PARA + "\n" + PARA2


def test_a_post_or_heading_that_names_businesses_in_its_clauses_stays():
    post = "今天带孩子去了荣成人民医院 排队的人特别多 医生说没什么大问题 回来的路上又去了超市 买了很多水果"
    heading = "荣成人民医院与楚雄家电维修中心和高州小额贷款公司联合举办公益活动"
    for line in (post, heading):
        text = PARA + "\n" + line + "\n" + PARA2
        assert clean_text(text).text == text


def test_genuine_lists_with_other_separators_stay():
    cities = "北京 · 上海 · 广州 · 深圳 · 天津 · 重庆 · 成都 · 武汉"
    hubei = "巡演城市:恩施丨宜昌丨十堰丨襄阳丨咸宁丨黄冈丨随州丨孝感"
    prose = "会议强调:各地要抓好春耕;要做好防汛准备;要稳定粮食生产;要保障农民收入;要加强市场监管。"
    for text in (cities + "\n" + PARA, PARA + "\n" + hubei + "\n" + PARA2, PARA + "\n" + prose):
        assert clean_text(text).text == text


def test_genuine_place_lists_stay():
    gaz = gazetteer()
    provinces = "内蒙古、黑龙江、吉林、辽宁、河北、山西、陕西、甘肃"
    hubei = "恩施 宜昌 十堰 襄阳 咸宁 黄冈 随州 孝感"
    assert is_coherent_place_list(provinces.split("、"), gaz)
    assert is_coherent_place_list(hubei.split(" "), gaz)
    for text in ("预计受影响较大的省份有:\n" + provinces + "\n" + PARA,
                 "主要产区\n" + hubei + "\n" + PARA,
                 "主产区包括黑龙江、吉林、辽宁、内蒙古、河北、山西、山东等省区,今年长势良好。\n" + PARA):
        assert clean_text(text).text == text


def test_an_authors_short_list_of_towns_between_paragraphs_stays():
    towns = "乌镇 周庄 西塘 同里 宏村 凤凰 丽江 平遥"
    text = PARA + "\n" + towns + "\n" + PARA2
    assert clean_text(text).text == text
    assert clean_text(text + "\n" + towns).text == PARA + "\n" + towns + "\n" + PARA2  # at the tail: spam


def test_scattered_counties_are_not_a_coherent_list():
    gaz = gazetteer()
    assert not is_coherent_place_list(["荣成", "楚雄", "麦积", "蠡县", "藁城", "临猗", "玉龙"], gaz)
    assert not is_coherent_place_list(["北京", "上海", "北京"], gaz)  # a repeat: sampled, not written


def test_real_place_names_inside_sentences_stay():
    text = ("2019年1月,浙江省诸暨市市场监管局通过对案件的梳理分析,发现某公司涉嫌泄露业主个人信息。\n"
            "刚刚在北京市海淀区置换了一套大三居的王女士向记者诉说,买房之后,她每天都会接到推销电话。")
    assert clean_text("东莞钩机网东莞钩机网\n" + text).text == text


# ---- keyword stuffing -------------------------------------------------------------


def test_stuffing_between_pasted_sentences_goes_whole():
    line = ("钩机论坛 围绕电池隔膜、电解液的产业短板,当地积极谋划对接产业链的上下游。 挖机配件 铲车报价 "
            "“这是地方合作的最重要伙伴。 压路机出租 椒江区 吊车租赁")
    assert stuffing_tokens(line, never_known) is not None
    result = clean_text(PARA + "\n" + line + "\n" + PARA2)
    assert result.text == PARA + "\n" + PARA2
    assert reasons(result) == [Reason.KEYWORD_STUFFING]


def test_pure_keyword_line_goes_and_teaches_its_keywords():
    sentence = "接近年末,吊车租赁,国家市场监管总局又交出一份成绩单,立案查办案件一千多件。"
    for stuffing in ("二手钩机 挖机配件 铲车报价 椒江区 工程机械 吊车租赁",  # keywords mixed with places
                     "东莞钩机网东莞钩机网\n二手钩机 挖机配件 铲车报价 工程机械 吊车租赁"):  # other spam on the page
        result = clean_text(stuffing + "\n" + sentence)
        assert result.text == "接近年末,国家市场监管总局又交出一份成绩单,立案查办案件一千多件。"


def test_short_unsupported_word_lists_stay():
    for line in ("五花肉 冰糖 生抽 老抽 料酒 八角", "老旧小区 城市更新 民生工程 社区治理 居住环境"):
        text = PARA + "\n" + line + "\n" + PARA2
        assert clean_text(text).text == text


def test_a_post_with_spaces_between_its_clauses_is_not_stuffing():
    # microblog and forum posts often separate clauses by spaces, not commas
    post = ("今天早上 我们小区门口的那家早餐店 终于重新开张了 排队的人特别多 "
            "老板说 以后每天六点就开门 大家可以早点去 晚了就卖完了 真的很好吃")
    assert clean_text(post).text == post
    stuffing = "二手钩机 挖机配件 铲车报价 工程机械 吊车租赁 钩机出租 挖机维修 铲车配件"
    assert clean_text(stuffing + "\n" + PARA).text == PARA


def test_latin_sentences_are_no_table_rows_beside_a_stuffing_line():
    steps = ["Copy the new settings file to your phone and open app 2.",
             "Restart the app (it's quick; the old settings stay as a backup.)"]
    stuffing = "华联网 金桥网 南山体育 棋牌论坛 石门镇 健康之家 网络推广 学习社区 美食资讯 青山镇 维修服务 摄影社区"
    assert len(steps[0].split()) == len(steps[1].split()) == len(stuffing.split())
    assert table_lines(steps + [stuffing]) == [False, False, False]
    assert table_lines(["姓名 年龄 城市", "张三 34 北京", "李四 28 上海"]) == [True, True, True]
    assert clean_text("\n".join(steps + [stuffing])).text == "\n".join(steps)


def test_keywords_strung_with_fragments_of_sentences_are_stuffing():
    # commercial names between chunks cut out of other sentences (mid-phrase: 的..., ...和, 好..., a bound 园)
    line = "长岭开锁公司,的技术改造投资是,平川装修公司,进一步加强和,现场管理,好中小企业服务中,园,汽车租赁服务"
    result = clean_text(line + "\n" + PARA)
    assert result.text == PARA
    (removal,) = result.removals
    assert removal.reason == Reason.KEYWORD_STUFFING
    assert removal.evidence["detector"] == "fragment_stuffing"
    assert "长岭开锁公司" in removal.evidence["keywords"]
    assert "进一步加强和" in removal.evidence["fragments"]


def test_broken_edges_of_a_chunk():
    lex = lexicon()
    assert broken_edges(lex.tagged("的技术改造投资是")) == ["start"]  # a clause never opens with 的
    assert broken_edges(lex.tagged("进一步加强和")) == ["end"]  # nor ends in a conjunction
    assert broken_edges(lex.tagged("园")) == ["start", "end"]  # a bound morpheme alone
    assert broken_edges(lex.tagged("要加快推进农村公路建设")) == []
    assert broken_edges(lex.tagged("对不对")) == []
    assert broken_edges(lex.tagged("洪景仁")) == []  # a name jieba cannot cut is no fragment


def test_whole_clauses_names_and_places_between_commas_are_not_fragment_stuffing():
    lex = lexicon()
    for line in ("会议指出,要加快推进农村公路建设,提高农民收入,改善农村人居环境,让广大农民群众过上好日子",
                 "出席会议的有,王建国,李小龙,张三丰,刘德华",
                 "受灾的有,长岭县,平川区,青河县,石门镇",
                 "@某某网友 @小红帽 @大灰狼 @兔子先生 @森林小屋"):
        assert fragment_stuffing(line, lex.tagged, is_keyword=lambda t: False) is None
        assert clean_text(line + "\n" + PARA).text == line + "\n" + PARA
    # a sentence end anywhere on the line: prose, judged by the other rules
    assert fragment_stuffing("长岭开锁公司,的技术改造投资是,平川装修公司,进一步加强和。", lex.tagged,
                             is_keyword=lambda t: True) is None


def test_commercial_names_glued_into_chunks_of_foreign_sentences_are_stuffing():
    line = "今年我市农业生产形势较好长岭彩票网的建设进度明显加快石门医院比去年同期增长了三个百分点"
    result = clean_text(line + "\n" + PARA)
    assert result.text == PARA
    (removal,) = result.removals
    assert removal.evidence == {"detector": "glued_fragment_stuffing", "names": ["长岭彩票网", "石门医院"]}


def test_an_enumeration_of_two_names_or_a_sentence_is_not_glued_stuffing():
    lex, gaz = lexicon(), gazetteer()
    for line in ("记者从市卫生局获悉长岭医院和石门医院的新门诊大楼已经全面投入使用并开始接诊病人",
                 "今年我市农业生产形势较好长岭彩票网的建设进度明显加快石门医院比去年同期增长了三个百分点。",
                 "We have learned nothing new today, the spokesman said 长岭彩票网 石门医院"):
        assert glued_fragment_stuffing(line, lex, gaz.is_division) is None


def test_keywords_strung_only_after_a_paragraphs_sentences_cut_the_tail_not_the_paragraph():
    para = "今年 全市将新建社区公园二十个,并对一百个老旧小区进行改造,工程预计明年完工。"
    result = clean_text(para + " 汽车论坛 母婴频道 游戏天地\n" + PARA)
    assert result.text == para + "\n" + PARA
    [removal] = result.removals
    assert removal.evidence["detector"] == "keyword_tail" and "今年" not in removal.evidence["tokens"]


def test_headings_verse_tables_credits_and_labels_are_not_stuffing():
    assert stuffing_tokens("床前明月光 疑是地上霜 举头望明月 低头思故乡", never_known) is None
    assert stuffing_tokens("主演: 刘德华 张学友 郭富城 黎明 王菲", never_known) is None
    assert stuffing_tokens("北京师范大学法学院教授 刘德良", never_known) is None
    assert stuffing_tokens("The quick brown fox jumps over the lazy dog", never_known) is None
    table = ["城市 最高气温 最低气温", "哈尔滨 -12 -25", "长春 -9 -21"]
    assert table_lines(table) == [True, True, True]
    text = "严控传播渠道\n加大整治力度\n" + "\n".join(table) + "\n" + PARA
    assert clean_text(text).text == text


def test_short_headings_stay_even_on_spam_pages():
    text = "严控传播渠道\n加大整治力度\n" + PARA
    assert clean_text(SPAM_LIST + "\n" + text).text == text


# ---- related blocks ---------------------------------------------------------------


def test_related_block_and_its_headlines_go():
    block = ("推荐阅读\n"
             "“2018新闻传播学院院长论坛”举行 论坛11月10日在厦门大学举行。 【详细】\n"
             "· 跨江大桥主体结构完工 预计明年年中通车\n"
             "2023-04-12 秋粮收获进度过半")
    result = clean_text(PARA + "\n" + block + "\n" + PARA2)
    assert result.text == PARA + "\n" + PARA2
    assert set(reasons(result)) == {Reason.RELATED_BLOCK}


def test_headlines_with_read_counters_belong_to_the_block():
    block = "大家都在看\n跨江大桥主体结构完工(5321人阅读)\n秋粮收获进度过半(点击:120)\n冬季供暖全面启动(87人阅读)"
    assert clean_text(PARA + "\n" + PARA2 + "\n" + block).text == PARA + "\n" + PARA2


def test_a_headline_list_under_a_heading_of_any_wording_goes_in_the_tail():
    marked = "本站快讯\n◆跨江大桥主体结构完工 查看>>\n◆秋粮收获进度过半 查看>>\n◆冬季供暖全面启动 查看>>"
    bulleted = ("专题汇编\n· 跨江大桥主体结构完工预计明年通车\n· 秋粮收获进度过半各地抢收\n"
                "· 百年老街\n· 冬季供暖全面启动居民室温达标\n· 老旧小区改造惠及百万居民")
    for block in (marked, bulleted):
        result = clean_text(PARA + "\n" + PARA2 + "\n" + block)
        assert result.text == PARA + "\n" + PARA2
        assert {r.evidence["detector"] for r in result.removals} == {"related_block"}


def test_headlines_that_ask_questions_or_carry_other_markers_belong_to_the_block():
    questions = "\n".join(["如何评价这部新上映的纪录片?", "城市里的老房子还值得买吗?", "为什么秋天的天空特别蓝?",
                           "有哪些适合周末读完的小书?", "第一次养猫需要准备什么?"])
    for block in ("猜你喜欢\n" + questions, "看了这篇文章的人还看了\n" + questions,
                  "本站推荐\n" + "\n".join(q + " (阅读全文)" for q in questions.split("\n")),
                  "大家还在看\n" + "\n".join(q + " 〉〉" for q in questions.split("\n"))):
        result = clean_text(PARA + "\n" + PARA2 + "\n" + block)
        assert result.text == PARA + "\n" + PARA2


def test_questions_and_tables_under_a_heading_that_do_not_end_the_page_stay():
    questions = "\n".join(["如何评价这部新上映的纪录片?", "城市里的老房子还值得买吗?", "为什么秋天的天空特别蓝?",
                           "有哪些适合周末读完的小书?"])
    codes = "\n".join(["330702 婺城区", "330703 金东区", "330723 武义县", "330726 浦江县"])
    for text in (PARA + "\n常见的问题\n" + questions + "\n" + PARA2,  # the article goes on after them
                 PARA + "\n" + PARA2 + "\n金华市行政区划代码表\n" + codes):
        assert Reason.RELATED_BLOCK not in reasons(clean_text(text))
    text = PARA + "\n" + PARA2 + "\n金华市行政区划代码表\n" + codes
    assert clean_text(text).text == text


def test_an_authors_bulleted_list_stays():
    tips = "注意事项\n· 出门前查看天气预报,注意保暖\n· 驾车出行要减速慢行,保持车距\n· 老人和儿童尽量减少外出\n· 备好常用药品"
    middle = "四个要点\n· 跨江大桥主体结构完工预计明年通车\n· 秋粮收获进度过半各地抢收\n· 冬季供暖全面启动居民室温达标\n· 老旧小区改造惠及百万居民"
    short = "准备清单\n· 身份证件\n· 常用药品\n· 保暖衣物\n· 充电宝和数据线"
    for text in (PARA + "\n" + PARA2 + "\n" + tips, PARA + "\n" + middle + "\n" + PARA2,
                 PARA + "\n" + PARA2 + "\n" + short):
        assert clean_text(text).text == text


def test_recommendation_words_in_a_sentence_stay():
    text = "老师推荐阅读的书目很多,我们应当根据自己的兴趣去选择,不必全部读完。\n" + PARA
    assert clean_text(text).text == text


# ---- injected keywords ------------------------------------------------------------


def test_place_injected_goes_on_a_spam_page_and_alone_on_a_clean_page():
    line = "接近2019年年末,大岭山,国家市场监管总局又交出一份含金量极高的成绩单。"
    clean_page = clean_text(line)  # no other spam: the name alone between commas is the evidence
    assert clean_page.text == "接近2019年年末,国家市场监管总局又交出一份含金量极高的成绩单。"
    assert [r.evidence["detector"] for r in clean_page.removals] == ["lone_place"]
    spam_page = clean_text(SPAM_LIST + "\n" + line)
    assert spam_page.text == "接近2019年年末,国家市场监管总局又交出一份含金量极高的成绩单。"


def test_enumerations_of_places_are_not_injections():
    class Spam:
        def __call__(self, seg):
            return gazetteer().is_strong_place(seg)

        def neighbour_is_place(self, before, after):
            return gazetteer().is_place(before.strip()) or gazetteer().is_place(after.strip())

    assert injected_segments("记者先后走访了南京市,苏州市,无锡市,常州市等地。", Spam()) == []
    line = "接近年末,大岭山,国家市场监管总局又交出成绩单。"
    assert [line[a:b] for a, b in injected_segments(line, Spam())] == ["大岭山,"]
    line = "其次,大岭山,小产权房,违法行为具有隐蔽性。"  # two in a row: the second has a place before it
    assert [line[a:b] for a, b in injected_segments(line, Spam())] == ["大岭山,"]


def test_corpus_vocabulary_teaches_keywords_a_page_does_not_show():
    index = {"dir:site": {"t:挖机配件": 5}}
    vocab = CorpusVocabulary.for_scopes(index, ["dir:site", "*"])
    line = "走进图书馆,挖机配件,高大的红砖墙和钢结构屋顶保留了厂房原有的风貌。"
    assert clean_text(line).text == line
    assert clean_text(line, vocabulary=vocab).text == "走进图书馆,高大的红砖墙和钢结构屋顶保留了厂房原有的风貌。"


def test_corpus_template_lines_go_in_head_and_tail_not_mid_article():
    index = {"dir:site": {"l:东莞钩机网 专业服务": 9, "l:严控传播渠道": 9}}
    vocab = CorpusVocabulary.for_scopes(index, ["dir:site"])
    text = "东莞钩机网 专业服务\n" + PARA + "\n严控传播渠道\n" + PARA2 + "\n东莞钩机网 专业服务"
    result = clean_text(text, vocabulary=vocab)
    assert result.text == PARA + "\n严控传播渠道\n" + PARA2
    assert reasons(result) == [Reason.TEMPLATE_LINE, Reason.TEMPLATE_LINE]


def test_clean_english_page_is_untouched():
    text = ("How to start a vegetable garden on a small balcony\n"
            "You do not need a large yard to grow your own vegetables. A sunny balcony will do.\n"
            "Choose the right containers\n"
            "Monday to Friday 9:00 to 20:00")
    assert clean_text(text).text == text


def test_repeated_site_title_takes_linear_time_on_a_line_of_separators():
    import time

    from pagewash.transforms.spam.vocabulary import repeated_site_title

    start = time.process_time()
    assert repeated_site_title("_" * 81 + "。") is None
    assert repeated_site_title("-" * 60 + "x") is None
    assert time.process_time() - start < 1.0
    assert repeated_site_title("深圳小产权房网深圳小产权房网") == "深圳小产权房网"
    assert repeated_site_title("深圳小产权房网 | 深圳小产权房网") == "深圳小产权房网"
    assert repeated_site_title("深圳小产权房网深圳小产权房网_") is None


def test_a_quizs_lettered_choices_are_no_keyword_stuffing():
    quiz = ("1、端午节佩香囊代表的意义是什么?A 吉祥 B 装饰 C 治病防身 D 驱邪避瘟正确答案 D "
            "2、南方的粽子一般是什么口味?A 甜味 B 咸味 C 都不是正确答案 B")
    text = PARA + "\n" + quiz + "\n" + PARA2
    assert clean_text(text).text == text


def test_a_known_keyword_written_as_a_sentence_of_its_own_inside_a_paragraph_goes():
    # the doubled title tail names the site's keyword; the same keyword as a sentence between two
    # of the paragraph's goes with its full stop, the paragraph's sentences stay
    text = "\n".join([
        "春季如何预防过敏性鼻炎_某城婚纱摄影_某城婚纱摄影",
        "春季是过敏性鼻炎的高发季节,空气中的过敏原明显增多。某城婚纱摄影。很多患者会出现鼻塞、流涕等症状。",
        "专家提醒,外出时可以佩戴口罩,回家后及时清洗面部和鼻腔,减少花粉在身体上的停留。",
    ])
    result = clean_text(text)
    assert "春季是过敏性鼻炎的高发季节,空气中的过敏原明显增多。很多患者会出现鼻塞、流涕等症状。" in result.text
    cut = [r for r in result.removals if (r.evidence or {}).get("detector") == "keyword_sentence"]
    assert [r.text for r in cut] == ["某城婚纱摄影。"]
    # a line that is the keyword alone is the site title rule's, and a page without the keyword keeps the sentence
    plain = "\n".join(["春季如何预防过敏性鼻炎", text.split("\n")[1], text.split("\n")[2]])
    assert "某城婚纱摄影。" in clean_text(plain).text


def test_a_classical_naming_clause_is_no_lone_place():
    # 曰 names the mountain of a classical text (又北三百里,曰带山): a clause, not a place injected
    text = "\n".join(["北山经", "又北三百里,曰带山,其上多玉,其下多青碧。",
                      "有兽焉,其状如马,一角有错,其名曰䑏疏,可以辟火。"])
    assert clean_text(text).text == text


def test_names_set_apart_by_spaces_inside_a_sentence_are_no_stuffing():
    # a run of user names the sentence runs into and goes on after; a run of commercial names stays stuffing
    head = "律师的收入算高吗"
    para = "一位从业十年的律师表示,律师的收入差距很大,刚入行的年轻律师收入并不高,需要长期积累经验。"
    line = "这几年,问答社区的风气是越来越能装了。实名鄙视 小小马 边境牧羊犬 以七桑 钝初 王弓虽 这些装x的。律师的收入算高吗?"
    assert line in clean_text("\n".join([head, para, line, para])).text
    from pagewash.transforms.spam.rules import _names_inside_a_sentence
    names = ["小小马", "边境牧羊犬", "以七桑", "钝初", "王弓虽"]
    never = lambda _t: False  # noqa: E731
    assert _names_inside_a_sentence(line, names, never, never)
    assert not _names_inside_a_sentence(line, names, never, lambda t: t == "钝初")  # a commercial name among them
    # after a full stop the run is strung between sentences
    between = "这几年,问答社区的风气是越来越能装了。 小小马 边境牧羊犬 以七桑 钝初 王弓虽 这些装x的。"
    assert not _names_inside_a_sentence(between, names, never, never)
    # a name of one character or of Latin letters stands in the run too (a game's heroes: 烬, ez)
    heroes = "先说说双方阵容。我方阵容甲乙 纳尔 发条 琴女 女警 敌方阵容剑魔 锐雯 拉克丝 ez 烬 每场进游戏前我有个习惯,就是看双方的段位。"
    tokens = ["纳尔", "发条", "琴女", "女警", "敌方阵容剑魔", "锐雯", "拉克丝"]
    assert _names_inside_a_sentence(heroes, tokens, never, never)


def test_an_article_whose_paragraphs_and_headings_a_dump_ran_together_with_spaces_is_no_stuffing():
    # a news corpus's one-line article: headline, subheadings and a table's cells between spaces, and
    # paragraphs of prose; cut whole as stuffing it would be the whole article lost
    para = ("统计显示,今年前八个月全市商品房销售面积同比增长三成以上,其中住宅销售面积增长较快,"
            "主城区的销售占比继续提高。业内人士认为,这与经济回暖和信贷环境宽松有关,后市仍将保持平稳。")
    line = " ".join(["某市商品房销售面积", "前八月同比增长", para, "经济向好财政收入回升", para,
                     "商品房销量增幅下降", para, "工业总产值", "同比增", "固定资产投资", "同比增", "地方财政收入"])
    text = "\n".join(["某市前八月经济发展状况", line])
    kept = clean_text(text).text
    assert kept.count(para) == 3 and "经济向好财政收入回升" in kept  # (the table's cells after it may go as a tail)
    # pasted sentences between keywords, none of them a paragraph, still go
    stuffed = " ".join(["某地代理记账", "他在会上强调要做好工作。", "某市装修公司", "据不完全统计。",
                        "某县搬家公司", "随着经济的发展。", "某地开锁公司"])
    assert stuffed not in clean_text("\n".join(["某市前八月经济发展状况", para, stuffed, para])).text


def test_a_run_of_lines_each_one_business_name_after_the_article_goes():
    article = ("很多人在收房的时候都会遇到问题,今天我们来看看市面上智能家居十大品牌的排名情况,以及该如何选择这些品牌的产品。\n"
               "如何收房?详细交房流程教会你收房!\n")
    r = clean_text(article + "固安娱乐\n遂平体育\n徐汇家电维修\n扶绥不孕不育医院")
    assert "固安娱乐" not in r.text and "徐汇家电维修" not in r.text and "扶绥不孕不育医院" not in r.text
    assert "智能家居十大品牌" in r.text
    assert any((m.evidence or {}).get("detector") == "name_line_run" for m in r.removals)
    # two names are no list; the page's own business (named in its text) stays; an article's list of
    # bodies has no commercial head
    assert "遂平体育" in clean_text(article + "固安娱乐\n遂平体育").text
    own = article.replace("今天我们", "徐汇家电维修的师傅说,今天我们")
    assert "徐汇家电维修" in clean_text(own + "固安娱乐\n遂平体育\n徐汇家电维修").text
    bodies = clean_text(article + "主办单位\n北京市体育局\n北京体育大学\n首都师范大学").text
    assert "北京市体育局" in bodies and "首都师范大学" in bodies


def test_a_run_of_betting_names_on_a_page_that_speaks_of_gambling_is_left_to_the_quality_stage():
    page = ("亚洲第一博彩品牌,专员一对一教您如何做好代理,发展会员!手把手教程,让您发展无忧!\n"
            "日结算(北京时间)次日18:00~23:00之间自动到账。\n网上赌球网址\n赌球代理\n皇冠网址导航\n某某体育")
    assert "赌球代理" in clean_text(page).text
