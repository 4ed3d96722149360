"""The learned scorer of whole spam lines (transforms/spam/line_model.py) and its training script.
Every string here is written for the test."""
import json

from pagewash.transforms.record import Reason
from pagewash.transforms.spam import clean_text, rules
from pagewash.transforms.spam.gazetteer import gazetteer
from pagewash.transforms.spam.lexicon import lexicon
from pagewash.transforms.spam.line_model import (
    DETECTOR,
    LineModel,
    PageContext,
    drop_scored_lines,
    line_features,
    model,
    tokens_of,
)
from pagewash.transforms.spam.sources import TRAINED_MODELS
from pagewash.transforms.spam.vocabulary import EMPTY_CORPUS_VOCABULARY

from tools.train_line_model import label_line, main as train_main

PROSE_A = ("城东的老街去年开始整修,施工队先把地下的旧管道换成了新的,又在路面下铺设了排水沟。"
           "街坊们说,以前一下大雨门口就积水,现在再也不用担心了。")
PROSE_B = ("整修完成后,街道办请来几位老师傅,把沿街店铺的木门窗按照原来的样子重新做了一遍,"
           "不少老住户特意回来看看,说这条街又有了小时候的味道。")
PROSE_C = ("接下来,街道还打算在街口建一个小型展厅,把整修前后的照片和老物件放在一起展出,"
           "让来往的游客了解这条街的来历。")
PROSE_D = ("负责这项工作的社区干部介绍,整修用的青砖大多是从拆下来的旧墙里挑出来的,"
           "能用的都尽量用上,既省了钱,也保住了老街原来的颜色。")


def _cut_lines(text, title=None):
    result = clean_text(text, title=title)
    return [(r.text, r.reason, (r.evidence or {}).get("detector")) for r in result.removals]


def test_model_loads_with_its_threshold_and_sources():
    lm = model()
    assert isinstance(lm, LineModel)
    assert 0.5 <= lm.threshold < 1.0
    assert len(lm.weights) > 50
    assert TRAINED_MODELS["line_model"]["file"].endswith("line_model.json")
    assert TRAINED_MODELS["line_model"]["trained_by"] == "tools/train_line_model.py"


def test_features_describe_shape_and_are_deterministic():
    lines = [PROSE_A, "春季特惠 家电清洗 空调维修 上门服务 价格实惠 欢迎来电", PROSE_B]
    ctx = PageContext.of(lines, [True] * 3, None)
    a = line_features(ctx, 1, gazetteer(), lexicon())
    b = line_features(PageContext.of(lines, [True] * 3, None), 1, gazetteer(), lexicon())
    assert a == b
    assert "sep:space" in a and "ntok:6-10" in a and "nbprose:11" in a
    assert not any("清洗" in f or "维修" in f for f in a)  # no words of the line: its shape


def test_tokens_split_on_every_separator():
    assert tokens_of("甲乙 丙丁|戊己、庚辛/壬癸") == ["甲乙", "丙丁", "戊己", "庚辛", "壬癸"]


def test_scored_line_cut_carries_its_evidence():
    stuffing = "金辉娱乐 鸿运彩票 博信网贷 众发体育 顺达开锁 华美整形"
    lines = [PROSE_A, stuffing, PROSE_B, PROSE_C, PROSE_D]
    lm = model()
    page = rules.PageState(lines=list(lines), gazetteer=gazetteer(), corpus=EMPTY_CORPUS_VOCABULARY,
                           lexicon=lexicon())
    drop_scored_lines(page, lm=LineModel(weights=lm.weights, bias=lm.bias, threshold=0.0))
    cut = {page.lines[i] for i in range(len(lines)) if not page.kept(i)}
    assert stuffing in cut
    assert PROSE_A not in cut and PROSE_B not in cut  # prose is guarded whatever the threshold
    removal = [r for _i, _o, r in page.cuts if r.text == stuffing][0]
    assert removal.reason == Reason.KEYWORD_STUFFING
    assert removal.evidence["detector"] == DETECTOR
    assert 0.0 <= removal.evidence["score"] <= 1.0 and removal.evidence["features"]


def test_cuts_stuffing_lines_of_shapes_the_rules_miss():
    for spam in ("· 城南老宅翻新要花多少钱 (图)",  # a recommendation link alone under the article
                 "平安小额贷款 - 截止2020年 - 城西月子中心 - 他笑着走过去 - 加微信送礼品"):  # names and fragments
        text = "\n".join([PROSE_A, spam, PROSE_B, PROSE_C, PROSE_D])
        cuts = _cut_lines(text, title="城东老街整修完成")
        assert (spam, Reason.KEYWORD_STUFFING, DETECTOR) in cuts, (spam, cuts)
        assert len(cuts) == 1


def test_keeps_enumerations_tables_headings_and_short_article_lines():
    keep = [
        "整修的三个阶段",  # a heading between paragraphs
        "节日期间老街游客秩序良好",  # a headline written as a clause (an adjective for its predicate)
        "受灾的乡镇有:东坝镇、西河乡、南岭镇、北塘乡",  # the article's own enumeration of places
        "“这条街是我们的根。”一位老住户说。",  # quoted speech
    ]
    for line in keep:
        text = "\n".join([PROSE_A, line, PROSE_B, PROSE_C, PROSE_D])
        cuts = _cut_lines(text, title="城东老街整修完成")
        assert not any(d == DETECTOR for _t, _r, d in cuts), (line, cuts)
    table = "\n".join([PROSE_A, "项目 2022年 2023年", "排水沟 120米 340米", "路面 800平方米 1500平方米", PROSE_B, PROSE_C, PROSE_D])
    assert not any(d == DETECTOR for _t, _r, d in _cut_lines(table))


def test_label_line_positive_negative_and_mixed():
    gold = PROSE_A + "\n" + PROSE_B
    gold_lines = frozenset(gold.split("\n"))
    drops = ["金辉娱乐 鸿运彩票"]
    assert label_line(PROSE_A, gold_lines, gold, drops) == 0
    assert label_line("金辉娱乐 鸿运彩票 博信网贷", gold_lines, gold, drops) == 1
    assert label_line("金辉娱乐 鸿运彩票 " + PROSE_B[:30], gold_lines, gold, drops) is None  # mixed
    assert label_line("与本页无关的一行字", gold_lines, gold, drops) is None


def _tiny_part(root, name, n):
    pages = root / name / "pages" / "site"
    pages.mkdir(parents=True)
    gold = []
    for k in range(n):
        spam = f"甲{k}娱乐 乙{k}彩票 丙{k}网贷 丁{k}体育 戊{k}维修"
        text = "\n".join([PROSE_A, spam, PROSE_B, PROSE_C])
        (pages / f"p{k}.txt").write_text(text, encoding="utf-8")
        gold.append({"id": f"site/p{k}.txt", "kind": "article", "format": "txt", "families": [2],
                     "article": "\n".join([PROSE_A, PROSE_B, PROSE_C]), "must_drop": [spam], "must_keep": [PROSE_A]})
    (root / name / "gold.jsonl").write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold),
                                            encoding="utf-8")


def test_training_script_runs_on_a_tiny_folder_and_is_deterministic(tmp_path):
    sets = tmp_path / "sets"
    _tiny_part(sets, "a", 3)
    _tiny_part(sets, "b", 3)
    outs = []
    for k in range(2):
        out = tmp_path / f"model{k}.json"
        assert train_main(["--sets", str(sets), "--parts", "a,b", "--source", str(tmp_path / "none"),
                           "--out", str(out), "--steps", "50"]) == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    data = json.loads(outs[0])
    assert set(data["leave_one_part_out"]) == {"a", "b"}
    assert data["weights"] and data["lines"]["a"][1] == 3


def test_a_name_cut_from_the_first_line_is_the_sites_headline():
    text = "\n".join(["平阳家教热线", PROSE_A, PROSE_B, PROSE_C, PROSE_D])
    result = clean_text(text)
    assert [(r.text, r.reason, r.evidence["detector"]) for r in result.removals] == [
        ("平阳家教热线", Reason.SITE_TITLE, DETECTOR)]
    assert result.cut_headline == "平阳家教热线"  # the quality stage judges the page under it


def test_lines_the_rules_judge_or_an_author_writes_stay_on_a_full_page():
    article = [PROSE_A, PROSE_B, PROSE_C, PROSE_D]
    keep = [
        "途经:东坝镇、西河乡、南岭镇、北塘乡",  # a labelled line: the rules read every label's items
        "主办:城东街道办事处、区文化馆、区旅游协会",
        # clauses written without full stops, a business named in one
        "今天带孩子去了城东社区医院 排队的人特别多 医生说没什么大问题 回来的路上又去了超市 买了很多水果",
        "今年去了区中心医院复查;排队的人特别多;医生很耐心;总的来说还不错",
        "乌镇 周庄 西塘 同里 宏村 凤凰 丽江 平遥",  # a short place list between paragraphs
    ]
    for line in keep:
        text = "\n".join([PROSE_A, line] + article[1:])
        assert not any(d == DETECTOR for _t, _r, d in _cut_lines(text)), line
    # a list under a line that introduces it
    listed = "\n".join([PROSE_A, "新开的三家店铺地址如下:", "老街东段18号", "老街中段42号", "老街西段7号"] + article[1:])
    assert not any(d == DETECTOR for _t, _r, d in _cut_lines(listed))


def test_a_page_with_too_little_article_is_left_to_the_rules():
    stuffing = "金辉娱乐 鸿运彩票 博信网贷 众发体育 顺达开锁 华美整形"
    lm = model()
    for lines, cut in (([PROSE_C, stuffing], False), ([PROSE_A, stuffing, PROSE_B, PROSE_C, PROSE_D], True)):
        page = rules.PageState(lines=list(lines), gazetteer=gazetteer(), corpus=EMPTY_CORPUS_VOCABULARY,
                               lexicon=lexicon())
        drop_scored_lines(page, lm=LineModel(weights=lm.weights, bias=lm.bias, threshold=0.0))
        assert (not page.kept(1)) == cut, len(lines)


def _bucket_by_scan(value, edges):
    # the buckets as a scan of the edges names them
    for k, edge in enumerate(edges):
        if value < edge:
            return f"<{edge:g}" if k == 0 else f"{edges[k - 1]:g}-{edge:g}"
    return f">={edges[-1]:g}"


def test_buckets_are_those_a_scan_of_the_edges_gives():
    import random

    from pagewash.transforms.spam.line_model import _b

    rng = random.Random(3)
    for edges in ((6, 10, 16, 24, 40, 60, 100, 200), (0.01, 0.1), (1, 2, 3), (0.3, 0.6, 0.85, 0.95)):
        values = list(edges) + [e - 1e-12 for e in edges] + [e + 1e-12 for e in edges] + [-1, 0, 1e9]
        values += [rng.uniform(-1, 1.2 * edges[-1]) for _ in range(300)] + list(range(0, 250))
        for value in values:
            assert _b(value, edges) == _bucket_by_scan(value, edges), (value, edges)


def test_lines_without_dashes_split_and_count_as_the_full_patterns_do():
    import random

    from pagewash.transforms.spam.line_model import _SEPARATORS, _TOKEN_SPLIT, _separator_counts

    rng = random.Random(5)
    alphabet = list("|｜¦、,;/·•>»→ -_—–ab北京") + ["  ", " - ", " — "]
    lines = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(2000)]
    for line in lines:
        assert _separator_counts(line) == [(name, len(rx.findall(line))) for name, rx in _SEPARATORS], line
        assert tokens_of(line) == [t for t in _TOKEN_SPLIT.split(line.strip()) if t], line


def test_characters_counted_by_their_classes_complements_as_the_classes_count_them():
    import random

    from pagewash.transforms.lexicon import HAN_CHAR
    from pagewash.transforms.spam.line_model import _LATIN, _NOT_HAN, _NOT_LATIN, _count_in_class

    rng = random.Random(17)
    alphabet = list("aZq 北京㐀鿿䶿\u4dc0\u3fff,。1\t\n") + ["\U00020000", "\ud800", "é", "Ａ"]
    lines = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(2000)]
    for line in lines:
        assert _count_in_class(_NOT_LATIN, line) == len(_LATIN.findall(line)), line
        assert _count_in_class(_NOT_HAN, line) == len(HAN_CHAR.findall(line)), line
