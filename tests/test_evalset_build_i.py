"""The test8 builder on a tiny synthetic source folder: deterministic, consistent gold."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tools.evalset import build_spam_eval_i as b
from tools.evalset.gold import norm
from evalset_support import (assert_html_pages_declare_their_charset_unless_noted, assert_identical_builds,
                             build_twice, checked_gold_rows, decoded_page)

_POOL = "春夏秋冬东南西北山水花木鸟虫鱼云雨风雪江河湖海金银铜铁石土田园林桥路街巷门窗楼台亭阁书画琴棋诗酒茶米面油盐"
_PLACES = [("110000", "京华省", "jhs", 0), ("110100", "青岩市", "qys", "110000"),
           ("110101", "东湖区", "dhq", "110100"), ("110102", "西岭区", "xlq", "110100"),
           ("110103", "南浦县", "npx", "110100"), ("110104", "北塘县", "btx", "110100"),
           ("110105", "石门县", "smx", "110100"), ("110200", "白沙市", "bss", "110000"),
           ("110201", "柳溪区", "lxq", "110200"), ("110202", "枫林县", "flx", "110200"),
           ("110203", "桃源县", "tyx", "110200"), ("110204", "松岗区", "sgq", "110200")]

_COUNTS = {"seed_wrappers": 6, "injections": 4, "pasted": 4, "stuffing": 3, "gambling": 5,
           "long_templates": 4, "clusters": 2, "junk": 6, "guards": 10}


def _words(rng: random.Random, lo: int, hi: int) -> str:
    return "".join(rng.choice(_POOL) for _ in range(rng.randrange(lo, hi)))


def _sentence(rng: random.Random, k: int) -> str:
    kind = k % 7
    if kind == 0:
        return f"{_words(rng, 3, 5)}、{_words(rng, 2, 4)}、{_words(rng, 2, 4)}、{_words(rng, 2, 4)}都在{_words(rng, 4, 7)}。"
    if kind == 1:
        return f"{_words(rng, 3, 6)}说：“{_words(rng, 8, 14)}。”"
    if kind == 2:
        return f"{_words(rng, 3, 5)}从东湖区到西岭区，{_words(rng, 6, 10)}。"
    if kind == 3:
        return f"{_words(rng, 3, 5)}有{rng.randrange(10, 99)}人，{rng.randrange(2, 9)}座{_words(rng, 2, 3)}，{rng.randrange(100, 999)}户。"
    return "，".join(_words(rng, 6, 10) for _ in range(3)) + "。"


def _write_sources(root: Path) -> Path:
    src = root / "src"
    rng = random.Random(5)
    for i in range(150):
        chan = ("newsA", "newsB", "newsC")[i % 3]
        folder = src / "cnclust" / chan
        folder.mkdir(parents=True, exist_ok=True)
        n = 14 if i < 90 else 3  # the short pages are not articles: headlines and pasted sentences
        text = "".join(_sentence(rng, k + i) for k in range(n))
        (folder / f"{_words(rng, 10, 16)}.txt").write_text(f"来源：某报{text}编辑：某某", encoding="utf-8")
    med = src / "medqa" / "Data_数据" / "IM_内科"
    med.mkdir(parents=True)
    blocks = [f"{('胃炎', '肝病', '肾结石')[i % 3]}怎么办{i},{_words(rng, 12, 20)}\n"
              f"{_words(rng, 8, 12)}，{_words(rng, 8, 12)}，{_words(rng, 8, 12)}。\n\n\n" for i in range(60)]
    (med / "内科.txt").write_bytes("".join(blocks).encode("gb18030"))
    news = src / "newspaper" / "tests" / "data"
    (news / "text").mkdir(parents=True)
    (news / "html").mkdir(parents=True)
    words = ["river", "council", "bridge", "market", "station", "school", "harbour", "museum"]
    for i in range(6):
        paras = [" ".join(f"The {rng.choice(words)} near the {rng.choice(words)} reopened on day {k + j} "
                          f"after repairs, residents said." for k in range(3)) for j in range(6)]
        (news / "text" / f"site{i}.txt").write_text("\n\n".join(paras), encoding="utf-8")
        (news / "html" / f"site{i}.html").write_text(
            f"<html><head><title>New {words[i]} opens after long repairs - Daily</title></head></html>", encoding="utf-8")
    city = src / "citystats" / "build" / "json"
    city.mkdir(parents=True)
    city.joinpath("city.json").write_text(json.dumps(
        [{"id": c, "pid": p, "name": n, "en_simple": a} for c, n, a, p in _PLACES], ensure_ascii=False),
        encoding="utf-8")
    lot = src / "lotwork" / "views" / "gametip"
    lot.mkdir(parents=True)
    rules = "".join(f"<p>每期从{_words(rng, 4, 6)}中选择号码，号码与开奖号码相同即中奖{k}元。</p>" for k in range(20))
    (lot / "xyssc.html").write_text(f"<h1>青岩时时彩</h1>{rules}<p>南浦11选5每十分钟开奖一次，全天开奖八十期。</p>",
                                    encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_twice(lambda s, o, seed: b.build(s, o, seed, _COUNTS), _write_sources,
                       tmp_path_factory.mktemp("i"), seed=9)


def test_two_builds_are_byte_identical(built):
    assert_identical_builds(built)


def test_gold_is_consistent_and_covers_the_families(built):
    root, info, _ = built
    rows = checked_gold_rows(root / "one")
    assert info["pages"] == len(rows) == sum(_COUNTS.values()) + 2 * _COUNTS["clusters"]
    assert set(info["families"]) == {str(f) for f in range(1, 13)}
    assert {r["kind"] for r in rows} == {"article", "junk", "spam_only"}
    assert all(not r["article"] and not r["must_keep"] for r in rows if r["kind"] != "article")


def test_gold_strings_are_borne_out_by_the_written_pages(built):
    root, _, _ = built
    part = root / "one"
    for r in checked_gold_rows(part):
        seen = norm(decoded_page(part, r).replace("&quot;", '"').replace("&#x27;", "'"))
        for d in r["must_drop"]:
            assert norm(d) in seen, (r["id"], d)
        if r["format"] == "txt" and r["kind"] == "article":
            assert norm(r["title"]) in seen


def test_html_pages_declare_their_charset_unless_noted(built):
    root, _, _ = built
    assert_html_pages_declare_their_charset_unless_noted(root / "one")


def test_clusters_share_their_must_keep_and_notices_are_cut(built):
    root, _, _ = built
    rows = checked_gold_rows(root / "one")
    clusters: dict[str, list[dict]] = {}
    for r in rows:
        if r["cluster"]:
            clusters.setdefault(r["cluster"], []).append(r)
    assert len(clusters) == _COUNTS["clusters"] and all(len(v) == 3 for v in clusters.values())
    for members in clusters.values():
        assert members[0]["must_keep"] and all(m["must_keep"] == members[0]["must_keep"] for m in members)
    assert not any("来源" in r["article"] or "编辑" in r["article"] for r in rows)
