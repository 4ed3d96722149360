"""Precision guards: an address read from the top and a tally (rule 14 and rule 10's guards in
injected.py), a source that writes stray spaces and the last item of a place enumeration
(transforms/spam/guards.py) stay the article's own."""
from pagewash.transforms.spam import clean_text
from pagewash.transforms.spam.gazetteer import gazetteer
from pagewash.transforms.spam.guards import opens_place_enumeration_end, spaced_prose, stray_spaces
from pagewash.transforms.spam.lexicon import lexicon

# Sentences written for these tests.
FIRE = "消防部门接到报警后,立即调派三个中队的十二辆消防车赶到现场,经过两个小时的扑救,大火被扑灭,没有人员伤亡。"
CAUSE = "目前,起火原因正在进一步调查之中,有关部门已经对周边的商铺开展了消防安全检查,排查隐患。"


def test_a_division_glued_before_its_own_county_or_town_stays():
    # without the guard, each of these divisions is cut as a name glued to the clause after a comma
    for lead in ("18日,韶关市乐昌市一所中学发生火灾,", "5日凌晨,昆山市周市镇一家工厂发生火灾,",
                 "12日下午,绍兴市新昌县一处仓库起火,", "6日晚,宜宾市南溪区一家饭店发生火灾,"):
        text = lead + FIRE + "\n" + CAUSE
        assert clean_text(text).text == text, lead


def test_stray_spaces_are_spaces_before_commas_and_inside_words():
    words = lexicon().words
    assert stray_spaces("今天上午 , 我们两个人一起去看 到了大海。", words) == 2
    assert stray_spaces("今天上午,我们说 某某开锁 而他说了很多话。", words) == 0
    assert stray_spaces("某某开锁 某某维修 某某贷款", words) == 0  # no sentence: not prose
    spaced = "\n".join(["昨天下午 三点,一辆货车 在路口侧翻。", "司机 受了轻伤。", "交警 赶到现场。"])
    assert spaced_prose(spaced, words)  # spaces between Han characters in three paragraphs
    assert not spaced_prose(FIRE + "\n" + CAUSE, words)


def test_a_paragraph_written_with_stray_spaces_is_not_keyword_stuffing():
    para = ("上周六 中午 , 城里三家医院 先后接诊 二十多名头晕乏力的工人。疾控部门 马上派人到工地调查 ,"
            "怀疑是午饭出了问题。到周日晚上 ,还有五人留院观察,情况 都已稳定。")
    text = "\n".join(["某工地多名工人身体不适", para, "据工友介绍 ,他们 都吃了同一家送来的盒饭。", CAUSE])
    assert "先后接诊" in clean_text(text).text


def test_the_last_item_of_a_place_enumeration_closes_it():
    gaz = gazetteer()
    assert opens_place_enumeration_end(gaz, "伊宁两县受灾") == "伊宁"
    assert opens_place_enumeration_end(gaz, "霍城等地") == "霍城"
    assert opens_place_enumeration_end(gaz, "北京两个人") is None
    assert opens_place_enumeration_end(gaz, "今天下午") is None


def test_a_tally_between_commas_stays():
    text = "据了解,车上的乘客,3男2女,都是附近工厂的工人,他们在下班途中遇到了这起事故。\n" + CAUSE
    assert "3男2女" in clean_text(text).text


def test_a_division_glued_before_a_place_it_does_not_contain_still_goes():
    for lead, kept in (("18日,乐昌市宜宾市一所中学发生火灾,", "18日,宜宾市一所中学"),
                       ("6日晚,南溪区昆山市一家饭店发生火灾,", "6日晚,昆山市一家饭店"),
                       ("12日下午,新昌县绍兴市一处仓库起火,", "12日下午,绍兴市一处仓库")):  # bottom-up: no address
        assert clean_text(lead + FIRE + "\n" + CAUSE).text.startswith(kept), lead
