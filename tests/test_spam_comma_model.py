"""The learned scorer of names injected between commas (transforms/spam/comma_model.py) and its
training script's pure parts.  Every string here is written for the test."""
import random

import pytest

from pagewash.transforms.record import Reason
from pagewash.transforms.spam import clean_text
from pagewash.transforms.spam.comma_model import (
    DETECTOR,
    CommaModel,
    ScoredSegmentFinder,
    candidates,
    coarse_tag,
    feature_index,
    is_bare,
    is_candidate_text,
    model,
    model_from_json,
    segment_features,
)
from pagewash.transforms.spam.gazetteer import gazetteer
from pagewash.transforms.spam.lexicon import lexicon

from tools.train_comma_model import fit, inject, measure, predict, threshold_for


def test_candidates_are_segments_between_two_clause_parts():
    line = "今年春天,城东新修的公园正式开放,金樽娱乐,市民周末常来这里散步。"
    found = [(c.text, c.left, c.right) for c in candidates(line)]
    assert ("金樽娱乐", "城东新修的公园正式开放", "市民周末常来这里散步") in found
    assert all(c.text != "今年春天" for c in candidates(line))  # the line's first part has nothing before it


def test_candidate_before_the_sentence_end_has_no_right_part():
    line = "工人们连夜抢修了这段管道,天亮前恢复了供水,鼎盛维修。"
    last = [c for c in candidates(line)][-1]
    assert (last.text, last.right, last.right_delimiter) == ("鼎盛维修", "", "。")


@pytest.mark.parametrize("text, ok", [("鼎盛维修", True), ("A", False), ("这是一个很长很长的句子片段没有标点符号", False),
                                      ("QT在线投注", True), ("123", False)])
def test_candidate_text(text, ok):
    assert is_candidate_text(text) is ok


def test_bare_noun_phrases_only():
    lex = lexicon()
    assert is_bare(lex.tagged("鼎盛维修"))
    assert not is_bare(lex.tagged("我们也去了"))
    assert not is_bare(lex.tagged("他的朋友"))


def test_coarse_tag_keeps_names_apart():
    assert coarse_tag("nrfg") == "nr" and coarse_tag("ns") == "ns" and coarse_tag("vd") == "v"
    assert coarse_tag("") == "x"


def test_features_are_deterministic_and_see_the_page():
    lex, gaz = lexicon(), gazetteer()
    args = ("鼎盛维修", "城东新修的公园正式开放", "市民周末常来这里散步", ",")
    alone = segment_features(lex, gaz, *args, page_text="城东新修的公园正式开放,鼎盛维修,市民周末常来这里散步。")
    assert alone == segment_features(lex, gaz, *args, page_text="城东新修的公园正式开放,鼎盛维修,市民周末常来这里散步。")
    assert "head_kind=service" in alone and "page_count=1" in alone
    twice = segment_features(lex, gaz, *args, page_text="鼎盛维修\n城东新修的公园正式开放,鼎盛维修,市民周末常来这里散步。")
    assert "page_count=2" in twice


def test_topic_feature_measures_the_segment_against_the_rest_of_the_page():
    lex, gaz = lexicon(), gazetteer()
    page = "球队在主场以三比一击败对手,前锋梅开二度,二手车评估,教练赛后表示球员发挥出色。"
    args = ("球队在主场以三比一击败对手", "教练赛后表示球员发挥出色", ",")

    def topic(segment):
        return next(f for f in segment_features(lex, gaz, segment, *args, page_text=page) if f.startswith("topic="))

    # another trade's words are far from a match report's, a footballer's close to it
    assert int(topic("二手车评估")[len("topic="):]) < int(topic("前锋")[len("topic="):])
    assert topic("ABCD") == "topic=none"  # no word with a vector: no evidence either way


def test_feature_index_is_stable():
    assert feature_index("head_kind=service", 18) == feature_index("head_kind=service", 18) < (1 << 18)


def test_model_probability_and_json_round_trip():
    raw = {"bits": 10, "bias": -1.0, "threshold": 0.5,
           "weights": {str(feature_index("head_kind=service", 10)): 3.0}}
    m = model_from_json(raw)
    assert isinstance(m, CommaModel)
    assert m.probability(["head_kind=service"]) > 0.8 > 0.3 > m.probability(["head_kind=none"])


def test_shipped_model_loads():
    m = model()
    assert 0.0 < m.threshold < 1.0 and m.weights


def _scored(line, page=None):
    finder = ScoredSegmentFinder(lexicon(), gazetteer(), page or line)
    return [(line[h.start:h.end], h.evidence) for h in finder.find(line)]


def test_a_name_between_two_clauses_is_cut_with_its_evidence():
    line = "今年春天,城东新修的公园正式开放,鑫隆开锁,市民周末常来这里散步。"
    hits = _scored(line)
    assert [span for span, _e in hits] == [",鑫隆开锁"]
    evidence = hits[0][1]
    assert evidence["detector"] == DETECTOR and evidence["score"] >= model().threshold
    assert evidence["features"] and evidence["words"]


@pytest.mark.parametrize("line", [
    "洪水过后,桃源县,石门县,慈利县都派出了救援队。",  # an enumeration of places
    "他出生在一个普通的家庭,父亲是一名教师,母亲在工厂上班。",  # clauses, no name
    "据介绍,红星医院,是本市最早的一家综合医院。",  # the subject of the clause after it
    "今年的义诊活动将在,红星医院,举行。",  # what the clause before governs
])
def test_guards_hold(line):
    assert _scored(line) == []


def test_a_name_the_article_speaks_of_stays():
    line = "今年春天,城东新修的公园正式开放,鑫隆开锁,市民周末常来这里散步。"
    page = "鑫隆开锁是一家老店。\n" + line
    assert _scored(line, page) == []


def test_clean_text_cuts_and_audits():
    text = "今年春天,城东新修的公园正式开放,鑫隆开锁,市民周末常来这里散步。\n公园里种了许多樱花,吸引了不少游客。"
    result = clean_text(text)
    assert "鑫隆开锁" not in result.text and "市民周末常来这里散步" in result.text
    cut = [r for r in result.removals if r.reason == Reason.INJECTED_KEYWORD]
    assert cut and cut[0].evidence_or_rule()["detector"] in (DETECTOR, "pos_np")


def test_inject_sets_the_name_apart():
    rng = random.Random(1)
    for _ in range(20):
        out = inject(rng, "天气转暖以后,河边的柳树发了新芽,孩子们在岸边放风筝。", "鑫隆开锁")
        if out is None:
            continue
        sentence, cand = out
        assert cand.text == "鑫隆开锁" and cand.delimiter in ("comma", "space")
        assert sentence[:cand.start] + sentence[cand.end:] == "天气转暖以后,河边的柳树发了新芽,孩子们在岸边放风筝。"
    assert inject(rng, "没有逗号的一句话。", "鑫隆开锁") is None


def test_fit_separates_a_toy_problem():
    feats = [["a", "x"], ["a", "y"], ["b", "x"], ["b", "y"]] * 20
    labels = [1, 1, 0, 0] * 20
    w, b = fit(feats, labels, bits=8, steps=200)
    p = predict(w, b, feats, bits=8)
    t = threshold_for(p, __import__("numpy").asarray(labels), 0.0)
    m = measure(p, __import__("numpy").asarray(labels), t)
    assert m["recall"] == 1.0 and m["precision"] == 1.0


def test_a_name_set_apart_by_spaces_is_a_candidate_and_its_spaces_go():
    line = "今年春天,城东新修的公园正式开放 鑫隆开锁 ,市民周末常来这里散步。"
    spaced = [c for c in candidates(line) if c.delimiter == "space" and c.text == "鑫隆开锁"]
    assert len(spaced) == 1  # (the clause before it is a candidate too; the bare test refuses it)
    c = spaced[0]
    assert line[:c.start] + line[c.end:] == "今年春天,城东新修的公园正式开放,市民周末常来这里散步。"


def test_no_spaced_candidate_in_a_headline_glued_to_the_text():
    line = "城东公园正式开放 鑫隆开锁 市民周末常来这里散步,公园里种了许多樱花。"
    assert [c for c in candidates(line) if c.delimiter == "space"] == []


def test_no_spaced_candidate_on_a_line_that_writes_spaces_between_words():
    line = "记者 昨天 获悉,城东新修的公园 鑫隆开锁 ,市民周末常来这里散步。"
    assert [c for c in candidates(line) if c.delimiter == "space"] == []


def test_a_name_before_a_dun_goes_with_it_and_the_comma_stays():
    line = "今年春天,城东新修的公园正式开放,鑫隆开锁、市民周末常来这里散步。"
    cand = [c for c in candidates(line) if c.text == "鑫隆开锁"][0]
    assert line[:cand.start] + line[cand.end:] == "今年春天,城东新修的公园正式开放,市民周末常来这里散步。"


def test_the_first_item_of_a_list_joined_by_dun_is_guarded():
    line = "大火扑灭以后,公安、消防、民政等部门的人员连夜赶到现场。"
    assert _scored(line) == []


@pytest.mark.parametrize("text, bare", [
    ("犹太商会提出出售房产", False),  # a very common verb: a clause
    ("伽师县发生6级地震", False),  # a number with its measure word
    ("打鑫隆客服电话", False),  # a common single-character verb first
    ("好几个房间", False),  # a count
    ("BBIN真人娱乐", True),  # a Latin word is no interjection
])
def test_bare_shapes(text, bare):
    assert is_bare(lexicon().tagged(text), gazetteer(), lexicon()) is bare


def test_a_segment_ending_the_line_without_a_full_stop_is_a_candidate():
    line = "工人们连夜抢修了这段管道,天亮前恢复了供水,鑫隆开锁"
    last = [c for c in candidates(line)][-1]
    assert (last.text, last.right, last.right_delimiter, last.delimiter) == ("鑫隆开锁", "", "", "comma")
    assert line[:last.start] + line[last.end:] == "工人们连夜抢修了这段管道,天亮前恢复了供水"


def test_a_bracketed_phrase_glued_to_a_clause_is_a_candidate_and_its_brackets_go():
    line = "工人们说(鑫隆开锁换锁)这段管道已经修好,天亮前恢复了供水。"
    cand = [c for c in candidates(line) if c.delimiter.startswith("bracket")]
    assert [(c.text, c.delimiter, c.left) for c in cand] == [("鑫隆开锁换锁", "bracket_round", "工人们说")]
    c = cand[0]
    assert line[:c.start] + line[c.end:] == "工人们说这段管道已经修好,天亮前恢复了供水。"


def test_a_bracketed_name_after_the_last_comma_takes_the_comma_with_it():
    line = "工人们连夜抢修了这段管道,【鑫隆搬家公司】"
    c = [c for c in candidates(line) if c.delimiter == "bracket_square"][0]
    assert c.text == "鑫隆搬家公司" and line[:c.start] + line[c.end:] == "工人们连夜抢修了这段管道"


@pytest.mark.parametrize("line", [
    "【本报讯】记者昨天从市里获悉,城东新修的公园正式开放。",  # a label opening the line
    "城东新修的公园正式开放,(一)市民周末常来这里散步。",  # a list's number after a comma
])
def test_no_bracket_candidate_at_a_line_or_clause_start(line):
    assert [c for c in candidates(line) if c.delimiter.startswith("bracket")] == []


def test_char_shape():
    from pagewash.transforms.spam.comma_model import char_shape
    assert char_shape("鑫隆app下载") == "HLH" and char_shape("qq365注册") == "LDH" and char_shape("鑫隆") == "H"


@pytest.mark.parametrize("line, span", [
    ("工人们连夜抢修了这段管道,天亮前恢复了供水,鑫隆开锁", ",鑫隆开锁"),  # a name ending the line
    ("工人们连夜抢修了这段管道,【鑫隆搬家公司】", ",【鑫隆搬家公司】"),  # a bracketed name after the last comma
    ("工人们连夜抢修了这段管道(鑫隆国际app下载),天亮前恢复了供水。", "(鑫隆国际app下载)"),  # glued in brackets
    ("城东新修的公园正式开放,金樽娱乐城官网,市民周末常来这里散步。", ",金樽娱乐城官网"),
])
def test_new_shapes_are_cut(line, span):
    assert [s for s, _e in _scored(line)] == [span]


@pytest.mark.parametrize("line", [
    "城东新修的公园正式开放(资料图片),市民周末常来这里散步。",  # a caption's aside
    "城东新修的公园正式开放(记者王明),市民周末常来这里散步。",  # a byline
    "城东新修的公园正式开放(见下图),市民周末常来这里散步。",
    "这种药材主要产于四川(阿坝州),采收期在秋季。",  # a place the author explains
    "他们买了一台新冰箱,海尔冰箱,用起来很方便。",  # an apposition
    "比赛结束后,主教练,张志强,接受了记者的采访。",  # a person's name in apposition
    "他在北京读书,后来去了上海,现在住在杭州",  # clauses ending a line without a full stop
    "今年的收成不错,价格也还可以,总体满意",
])
def test_genuine_segments_stay(line):
    assert _scored(line) == []


@pytest.mark.parametrize("line", [
    "城东新修的公园今天正式开放,市民纷纷前来参观。(城东日报)",  # a credit ending the line
    "这家公司的股东Fooland(鑫隆资产管理集团)今年增持了股份。",  # a Latin name and its translation
    "我们住进了城东快捷酒店(人民路店),房间很干净。",  # a name and its branch
])
def test_round_brackets_that_explain_are_no_candidates(line):
    assert [c for c in candidates(line) if c.delimiter.startswith("bracket")] == []
