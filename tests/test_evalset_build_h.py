"""The test7 builder on a tiny synthetic source folder: deterministic, consistent gold."""

from __future__ import annotations

import csv
import io
import json
import random
import zipfile
from pathlib import Path

import pytest

from tools.evalset import build_spam_eval_h as b
from tools.evalset.gold import norm
from evalset_support import assert_identical_builds, build_twice, checked_gold_rows, decoded_page

_POOL = "春夏秋冬东南西北山水花木鸟虫鱼云雨风雪江河湖海金银铜铁石土田园林桥路街巷门窗楼台亭阁书画琴棋诗酒茶米面油盐酱醋"


def _clause(rng: random.Random) -> str:
    return "".join(rng.choice(_POOL) for _ in range(rng.randrange(6, 10)))


def _doc(rng: random.Random) -> dict:
    paras = ["".join(",".join(_clause(rng) for _ in range(3)) + "。" for _ in range(3)) for _ in range(4)]
    return {"title": "".join(rng.choice(_POOL) for _ in range(9)) + "_某某知道", "paragraphs": paras}


def _english(i: int) -> dict:
    rng = random.Random(100 + i)
    words = ["river", "council", "bridge", "market", "station", "school", "harbour", "museum", "garden", "office"]
    sents = [f"The {rng.choice(words)} near the {rng.choice(words)} was opened on day {k} of the project, "
             f"officials said after a long meeting with residents." for k in range(12)]
    return {"": str(i), "id": f"en{i:03d}", "article": " ".join(sents),
            "highlights": f"A new {words[i % len(words)]} opens after years of planning"}


def _write_sources(root: Path) -> Path:
    src = root / "src"
    rng = random.Random(7)
    demo = src / "dureader" / "DuReader-2.0" / "data" / "demo"
    for part, name in (("trainset", "search.train.json"), ("devset", "search.dev.json"), ("testset", "search.test.json")):
        (demo / part).mkdir(parents=True)
        lines = [json.dumps({"documents": [_doc(rng) for _ in range(5)]}, ensure_ascii=False) for _ in range(5)]
        (demo / part / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (src / "cnndm" / "data").mkdir(parents=True)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["", "id", "article", "highlights"])
    w.writeheader()
    for i in range(4):
        w.writerow(_english(i))
    with zipfile.ZipFile(src / "cnndm" / "data" / "train_sample.zip", "w") as z:
        z.writestr("train_sample.csv", buf.getvalue())
    counties = [{"id": 100 + k, "level": 4, "name": _POOL[k] + _POOL[k + 5] + "县"} for k in range(30)]
    tree = {"id": 1, "level": 1, "name": "中国", "children": [
        {"id": 11, "level": 2, "name": "某省", "children": [
            {"id": 1101, "level": 3, "name": "江城市", "children": counties[:15]},
            {"id": 1102, "level": 3, "name": "山城市", "children": counties[15:]}]}]}
    (src / "cndiv" / "scripts" / "output").mkdir(parents=True)
    (src / "cndiv" / "scripts" / "output" / "level4-mini.json").write_text(json.dumps(tree, ensure_ascii=False),
                                                                           encoding="utf-8")
    rule = src / "sscweb" / "main" / "src" / "main" / "webapp" / "WEB-INF" / "view" / "theme" / "88" / "help"
    rule.mkdir(parents=True)
    (rule / "rule.jsp").write_text(
        "<div><p>重庆时时彩每天开奖一百二十期，开奖号码由官方公布。</p><p>重庆时时彩的投注截止时间为开奖前一分钟。</p>"
        "<p>天津时时彩由天津市福利彩票发行中心承销，按期开奖。</p><p>天津时时彩单注最高奖金以官方公告为准。</p></div>",
        encoding="utf-8")
    return src


def _build(src: Path, out: Path, seed: int) -> dict:
    return b.build(src, out, seed, scale=0.1)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_twice(_build, _write_sources, tmp_path_factory.mktemp("h"), seed=9)


def test_two_builds_are_byte_identical(built):
    assert_identical_builds(built)


def test_gold_is_consistent_and_borne_out_by_the_pages(built):
    root = built[0]
    rows = checked_gold_rows(root / "one")
    kinds = {r["kind"] for r in rows}
    assert {"article", "junk"} <= kinds
    assert any(r["cluster"] for r in rows)
    for r in rows:
        page = norm(decoded_page(root / "one", r))
        for d in r["must_drop"]:
            assert norm(d) in page and norm(d) not in norm(r["article"]), (r["id"], d)
        if r["format"] == "html" and r["kind"] == "article":
            assert not norm(r["article"]).startswith(norm(r["title"])), r["id"]
        if r["format"] == "txt" and r["kind"] == "article":
            assert r["article"].split("\n")[0] == r["title"]


def test_injected_names_leave_the_restored_sentence_as_must_keep(built):
    rows = checked_gold_rows(built[0] / "one")
    injected = [r for r in rows if "injection at a comma" in r["notes"]]
    assert injected
    for r in injected:
        page = norm(decoded_page(built[0] / "one", r))
        assert r["must_drop"]
        assert any(norm(k) not in page for k in r["must_keep"]), r["id"]
