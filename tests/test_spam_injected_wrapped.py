"""Injected names at a clause start set apart by spaces or brackets after a comma, and the
precision guards of the comma-segment detectors on an author's own clauses.
Every string here is written for the test."""
import pytest

from pagewash.transforms.spam.gazetteer import gazetteer
from pagewash.transforms.spam import clean_text
from pagewash.transforms.spam.injected import InjectedSegmentFinder, WrappedClauseNames, clause_character, commercial_head
from pagewash.transforms.spam.lexicon import lexicon


def hits(line, page_text=None, spam_page=False):
    finder = InjectedSegmentFinder(lexicon(), gazetteer(), page_text or line, spam_page)
    return [(line[h.start:h.end], h.evidence["detector"]) for h in finder.find(line)]


@pytest.mark.parametrize("line", [
    "昨天傍晚突然发高烧,直接到县中心医院,挂了急诊才退烧。",  # 到/v between words jieba knows
    "手机用了三天就黑屏,打华硕售后服务,对方让我寄回去。",  # 打/v opens the clause
    "收到的耳机有杂音,拿去售后,说要等两周。",  # two verbs in a row
    "房子还没交付,开发商要贷款,业主们很担心。",  # 要/v between two words
    "毕业那年,上到大学,才知道自己有多无知。",  # 上 到: a clause that ends in a place
    "这次展览形式多样,内容丰富多彩,吸引了不少市民。",  # 彩 inside an idiom is no betting head
    "这款锅的涂层很好,非常容易清洗,推荐购买。",  # an adverbial phrase is no brand
])
def test_an_authors_clause_between_commas_stays(line):
    assert hits(line) == []


def test_a_name_jieba_cuts_into_characters_is_still_a_name():
    assert hits("这条河发源于山区,鑫达家电维修,全长一百余公里。") == [(",鑫达家电维修", "pos_np")]


def test_clause_character_reads_single_characters_in_context():
    lex = lexicon()
    assert clause_character(lex.tagged("直接到三峡"))  # 到/v between two words
    assert not clause_character(lex.tagged("鑫达家电"))  # 鑫/nr 达/v: an unknown name
    # before a betting head any run of single characters names a site
    assert clause_character(lex.tagged("兴胜")) and not clause_character(lex.tagged("兴胜"), runs_name=True)


def test_no_head_is_found_inside_an_idiom():
    lex = lexicon()
    assert commercial_head("系统丰富多彩", lex.tagged("系统丰富多彩"), lex.zipf) is None


def wrapped(line, page=None):
    finder = WrappedClauseNames(lexicon(), gazetteer(), page or line)
    return [(line[h.start:h.end], h.evidence["detector"]) for h in finder.find(line)]


@pytest.mark.parametrize("line, span", [
    ("比赛进行到第三节,主队与客队发生了争执, 金鼎国际娱乐城 而被裁判吹了技术犯规。", " 金鼎国际娱乐城 "),
    ("在下半个赛季里, 桃源商贸网 他的作用显得越来越重要。", " 桃源商贸网 "),
    ("我们做了多次调查,(宏利体育官方网址)结果显示市民普遍满意。", "(宏利体育官方网址)"),
    ("走访中记者发现,(临泽县车辆抵押贷款)不少商户已经恢复营业。", "(临泽县车辆抵押贷款)"),
    ("会议强调,当前形势总体平稳, 临泽县 但也存在不少困难和问题。", " 临泽县 "),
    ("他在比赛中拿下了全队最高分, 临泽县小额贷款快速审批 再次成为球队的功臣。", " 临泽县小额贷款快速审批 "),
    ("新产品发布以后,(ABCD真人娱乐)销量一直稳步上升。", "(ABCD真人娱乐)"),
])
def test_name_set_apart_at_a_clause_start_is_cut(line, span):
    assert wrapped(line) == [(span, "wrapped_name")]


def test_only_the_name_and_its_wrapper_go():
    line = "比赛进行到第三节,双方发生了争执, 金鼎国际娱乐城 而被裁判吹了技术犯规。"
    text = clean_text(line + "\n" + "这是另一段话,记者了解到,今年春茶产量增长,价格总体平稳。").text
    assert text.splitlines()[0] == "比赛进行到第三节,双方发生了争执,而被裁判吹了技术犯规。"


@pytest.mark.parametrize("line", [
    "据报道,(记者 王明)昨天市里召开了会议。",  # a credit in brackets
    "消息传出后, 美国国务卿希拉里 表示将访问该地区。",  # a person's title and name
    "据介绍,(一)所有车辆必须按时年检,不得上路。",  # a list number
    "他笑着说,(大笑)我们一定能赢下这场比赛。",  # an emoticon, no name
    "经过三个月的筹备,(金鼎国际娱乐城)终于开业,金鼎国际娱乐城的老板很高兴。",  # the page speaks of it
    "这部电影上映以后, 哗众取宠 的评价很多。",  # an idiom
    "今天的比赛结束后,(张伟)说球队打得很好。",  # a person's name
])
def test_what_an_author_sets_apart_stays(line):
    assert wrapped(line) == []


def test_a_count_of_goals_is_no_digit_slipped_into_a_word():
    assert hits("他在第三节突破上篮,罚进4球,全场拿下了二十分。") == []  # a verb before the number: a count of goals
    assert hits("这条河发源于山区,大2众卡,全长一百余公里。") == [(",大2众卡", "digit_in_word")]


@pytest.mark.parametrize("line, span", [
    ("奇才又发动反击,临泽县刷单兼职,布莱切轻松命中,凯尔特人请求暂停。", ",临泽县刷单兼职"),
    ("有助于刚毕业的学生,临泽县征信不好也能贷,尽快找到合适的工作。", ",临泽县征信不好也能贷"),
])
def test_division_before_an_advertising_phrase_is_cut(line, span):
    assert hits(line) == [(span, "division_phrase")]


@pytest.mark.parametrize("line", [
    "会议结束后,临泽县县长助理,接受了记者的采访。",  # an office of the county: a title
    "昨天上午,临泽县公安局接到报警,民警迅速赶到现场。",  # a body of the county
    "去年以来,临泽县委高度重视这项工作,多次召开会议。",  # 县委
    "我们走访了几个地方,临泽县经济发展很快,临泽的农民收入也增加了。",  # the page names the place
])
def test_division_before_its_own_bodies_and_people_stays(line):
    assert [d for _s, d in hits(line) if d == "division_phrase"] == []


def test_a_gambling_name_is_no_subject_of_what_follows_on_a_page_without_gambling():
    line = "昨日,一位物流企业的负责人告诉记者,金鼎娱乐场体育投注,该公司今年的订单量明显高于往年。"
    assert hits(line) == [(",金鼎娱乐场体育投注", "pos_np")]
    other = "他说,这家娱乐场的投注额去年增长了一成。"  # a page about a casino keeps the guard
    assert hits(line, page_text=line + "\n" + other) == []


def test_two_site_names_glued_after_quoted_speech_go():
    from pagewash.transforms.spam.injected import GluedGamblingNames

    line = "他说:“我们依然坚持贴近生活,贴近普通人,这是我们一直以来的追求。”金鼎官方网址宏利永胜app下载"
    hits_ = GluedGamblingNames(lexicon(), gazetteer()).find(line)
    assert [line[h.start:h.end] for h in hits_] == ["金鼎官方网址宏利永胜app下载"]
    assert len(hits_[0].evidence["names"]) == 2
    # one business name glued after a sentence stays (the article's own closing credit)
    assert GluedGamblingNames(lexicon(), gazetteer()).find("他说:“我们依然坚持贴近生活,这是我们的追求。”北京协和医院") == []


def test_a_time_word_ends_an_advertising_phrase_only_after_a_commercial_head():
    line = "四名替补球员得分上双,临泽县信用贷款当天放款,两名主力各得十二分。"
    assert hits(line) == [(",临泽县信用贷款当天放款", "division_phrase")]
    assert [d for _s, d in hits("据介绍,临泽县昨天召开会议,部署了明年的工作。") if d == "division_phrase"] == []


@pytest.mark.parametrize("line", [
    # crawled text that writes spaces between its words: the space after a comma proves nothing
    "据了解,造成南城商业中心一楼 部分商铺 被毁,最先起火的是一家面包店。",
    "记者今天 从省地震局获悉,临泽县 发生4.1级地震 后,周边多地震感明显。",
])
def test_a_space_sets_nothing_apart_on_a_line_written_with_spaces(line):
    assert wrapped(line) == []


def test_spaces_inside_clauses_leave_out_credits_datelines_and_the_name_after_a_comma():
    from pagewash.transforms.spam.injected import spaces_inside_clauses

    assert spaces_inside_clauses("比赛进行到第三节,双方发生了争执, 金鼎国际娱乐城 而被裁判吹了技术犯规。") == 0
    assert spaces_inside_clauses("本报记者 王明 李华 北京报道 今年以来,全市粮食产量稳步增长。") == 0
    assert spaces_inside_clauses("春茶开采。5月2日讯 在昨天的推介会上,多家茶企签约。(记者 王明 摄)") == 0
    assert spaces_inside_clauses("记者今天 从省地震局获悉,临泽县 发生4.1级地震 后,多地震感明显。") == 1


@pytest.mark.parametrize("line, span", [
    ("吊车来到了现场,车头被吊起一截,【宏伟区驾驶培训学校】卡在驾驶室里的司机被救出。", "【宏伟区驾驶培训学校】"),
    ("记者昨天在市委宣传部获悉,【金鼎开锁换锁】18日,一村民家中发生火灾。", "【金鼎开锁换锁】"),
])
def test_any_keyword_in_square_brackets_opening_a_clause_is_cut(line, span):
    assert [s for s, _d in wrapped(line)] == [span]


@pytest.mark.parametrize("line", [
    "据本报记者报道,【记者 王明】昨天市里召开了会议。",  # a credit
    "会议指出,【重点】各地要抓好春耕生产。",  # the page's own label, named again below
])
def test_an_authors_square_brackets_after_a_comma_stay(line):
    page = line + "\n【重点】春耕生产要抓早抓实。"
    assert wrapped(line, page) == []


def glued(line, page=None):
    from pagewash.transforms.spam.injected import GluedClauseNames

    finder = GluedClauseNames(lexicon(), gazetteer(), page or line)
    return [line[h.start:h.end] for h in finder.find(line)]


@pytest.mark.parametrize("line", [
    "27日,河源市连平县一所中学发生食物中毒事故,多名学生被送医。",  # a county inside the city
    "8月4日上午,虹口区赤峰路一户居民家中的厨房突然起火。",  # a road
    "12月26日凌晨,吴江区盛泽镇一幢住宅楼着火,火势很猛。",  # a town
    "4月17日上午,晋江市灵源街道一家超市门口,两辆货车相撞。",  # a street
])
def test_a_division_opening_an_address_stays(line):
    assert glued(line) == []


def test_a_division_glued_before_another_division_it_does_not_contain_goes():
    line = "该项目已通过审批,临泽县合肥市检察院对此进行了监督。"
    assert glued(line) == ["临泽县"]


@pytest.mark.parametrize("line", [
    "据了解,死者均为同一辆客车上的乘客,2男3女,两名司机均受重伤。",  # counts of people
    "据介绍,这所大学有6所食堂,每天供应上万份饭菜。",  # a measure word after the digit
])
def test_counts_between_commas_are_no_digit_slipped_into_a_word(line):
    assert hits(line) == []


def test_an_organisation_after_a_division_is_its_own():
    line = "今年春节前夕,涿州市新华书店推出了一批新书,受到读者欢迎。"
    assert glued(line) == []


def test_a_place_set_apart_whose_pieces_the_headline_writes_stays():
    line = "昨天早上8点41分,消防接到报警称,枫林路艺术学校 舞台发生火灾,消防指挥中心 一次性调派了两个中队赶赴现场。"
    page = "枫林路艺术学校舞台发生火灾\n" + line
    assert wrapped(line, page) == []


def test_a_common_city_written_in_full_alone_between_commas_goes_unless_the_page_speaks_of_it():
    line = "昨天上午11点左右,国道往北方向500米处,广州市,一辆中巴客车在超车时撞上山体。"
    assert hits(line) == [(",广州市", "lone_place")]
    assert hits(line, page_text=line + "\n广州的交警赶到了现场。") == []
    # glued to a clause, a common city opens the clause's own address or subject
    assert glued("今年春节前夕,广州市青少年宫推出了一批新课程,受到欢迎。") == []
