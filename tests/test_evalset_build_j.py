"""The test9 builder on a tiny synthetic source folder: deterministic, consistent gold."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tools.evalset import build_spam_eval_j as b
from evalset_support import (assert_clusters_share_their_must_keep, assert_gold_strings_in_pages,
                             assert_html_pages_declare_their_charset_unless_noted, assert_identical_builds,
                             build_twice, checked_gold_rows)

_POOL = "晨光田野溪流村庄桥梁道路学校医院工厂码头仓库果园茶园稻谷小麦棉花渔船车站广场公园图书馆"
_COUNTS = {"wrap": 6, "inject": 5, "pasted": 4, "real_html": 1, "stuffing": 3, "gambling": 4,
           "template_one": 3, "template_spread": 3, "en_html": 2, "en_txt": 2, "clusters": 3,
           "junk": 5, "spam_only": 2, "guard_cn": 4, "guard_en": 2, "guard_short": 2, "guard_table": 2}


def _w(rng: random.Random, lo: int, hi: int) -> str:
    return "".join(rng.choice(_POOL) for _ in range(rng.randrange(lo, hi)))


def _para(rng: random.Random, k: int) -> str:
    kinds = (lambda: f"{_w(rng, 4, 6)}、{_w(rng, 2, 4)}、{_w(rng, 2, 4)}都已{_w(rng, 4, 8)}。",
             lambda: f"{_w(rng, 3, 5)}表示：“{_w(rng, 8, 14)}，{_w(rng, 6, 9)}。”",
             lambda: f"{_w(rng, 5, 8)}，{_w(rng, 6, 10)}，{_w(rng, 5, 9)}{rng.randrange(10, 99)}处。",
             lambda: f"去年{_w(rng, 4, 7)}，共有{rng.randrange(100, 999)}名{_w(rng, 2, 4)}参加，{_w(rng, 6, 9)}。")
    return "".join(kinds[(k + j) % 4]() for j in range(3))


def _write_sources(root: Path) -> Path:
    src = root / "src"
    rng = random.Random(3)
    items = src / "uhgeval" / "src" / "eval_suite" / "benchs" / "uhgeval"
    items.mkdir(parents=True)
    lines = []
    for i in range(120):
        paras = [_para(rng, i + k) for k in range(6)]
        lines.append(json.dumps({"id": f"doc_{i:06d}", "headLine": f"（社会）{_w(rng, 8, 14)}{i}",
                                 "newsBeginning": "  " + paras[0], "newsRemainder": "\n  " + "\n  ".join(paras[1:])},
                                ensure_ascii=False))
    (items / "dataset_uhgeval_concise.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pages = src / "readability" / "test" / "test-pages"
    words = ["harbour", "council", "library", "orchard", "bridge", "station", "market", "museum"]
    for i in range(8):
        d = pages / f"site-{i}"
        d.mkdir(parents=True)
        paras = [" ".join(f"The {rng.choice(words)} by the {rng.choice(words)} reopened on day {k + j} after "
                          f"long repairs, residents of the town said." for k in range(3)) for j in range(8)]
        body = "".join(f"<p>{p}</p>" for p in paras)
        (d / "expected.html").write_text(f"<div>{body}</div>", encoding="utf-8")
        (d / "source.html").write_text(f"<html><head><meta charset=\"iso-8859-1\"><title>Town {words[i]}</title>"
                                       f"</head><body><div class=\"story\">{body}</div></body></html>", encoding="utf-8")
        (d / "expected-metadata.json").write_text(json.dumps({"title": f"The {words[i]} reopens", "lang": "en"}),
                                                  encoding="utf-8")
    d = pages / "cnpage"
    d.mkdir()
    paras = [_para(rng, k) for k in range(20)]
    body = "".join(f"<p>{p}</p>" for p in paras)
    (d / "expected.html").write_text(f"<div>{body}</div>", encoding="utf-8")
    (d / "source.html").write_text(f"<html><head><meta charset=\"gb2312\"><title>{_w(rng, 8, 12)}</title></head>"
                                   f"<body><div id=\"text\">{body}</div></body></html>", encoding="utf-8")
    (d / "expected-metadata.json").write_text(json.dumps({"title": _w(rng, 8, 12)}, ensure_ascii=False),
                                              encoding="utf-8")
    comp = src / "companies"
    comp.mkdir()
    (comp / "Company-Shorter-Form（28W）.txt").write_text(
        "\ufeffheader\n\n" + "\n".join(sorted({_w(rng, 2, 4) for _ in range(200)})) + "\n", encoding="utf-8")
    gb = src / "gb2260" / "mca"
    gb.mkdir(parents=True)
    rows = ["Source\tRevision\tCode\tName", "mca\t201904\t910000\t云岭省"]
    for c in range(3):
        rows.append(f"mca\t201904\t91{c + 1:02d}00\t{'青白赤'[c]}岩市")
        rows += [f"mca\t201904\t91{c + 1:02d}{k + 1:02d}\t{_w(rng, 2, 3)}{'区县'[k % 2]}" for k in range(9)]
    (gb / "201904.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    tpl = src / "gamedice" / "web" / "Template" / "Mobile"
    tpl.mkdir(parents=True)
    promo = "".join(f"<p>凡在本站充值{k}00元以上的会员，次日即可申请{_w(rng, 4, 6)}彩金，最高可达{k}888元！</p>" for k in range(1, 9))
    (tpl.parent / "index.html").write_text(f"<title>欢迎来到云岭快三网</title><li>青岩快3</li><li>白岩时时彩</li>{promo}",
                                           encoding="utf-8")
    (tpl / "Game_k3.php").write_text("<h2>赤岩快3</h2><span>赤岩11选5</span>", encoding="utf-8")
    lst = src / "gerapy" / "samples" / "list"
    lst.mkdir(parents=True)
    (lst / "news.html").write_text("".join(f"<a href=\"/n/{k}\">{_w(rng, 10, 18)}</a>" for k in range(40)),
                                   encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_twice(lambda s, o, seed: b.build(s, o, seed, _COUNTS), _write_sources,
                       tmp_path_factory.mktemp("j"), seed=9)


def test_two_builds_are_byte_identical(built):
    assert_identical_builds(built)


def test_gold_is_consistent_and_covers_the_families(built):
    root, info, _ = built
    rows = checked_gold_rows(root / "one")
    assert info["pages"] == len(rows) == sum(_COUNTS.values()) + 2 * _COUNTS["clusters"]
    assert set(info["families"]) == {str(f) for f in range(1, 13)}
    assert {r["kind"] for r in rows} == {"article", "junk", "spam_only"}
    assert all(not r["article"] and not r["must_keep"] for r in rows if r["kind"] != "article")
    assert all(r["must_keep"] for r in rows if r["kind"] == "article")


def test_gold_strings_are_borne_out_by_the_written_pages(built):
    root, _, _ = built
    assert_gold_strings_in_pages(root / "one")


def test_spam_pages_name_their_spam_and_injections_carry_context(built):
    root, _, _ = built
    rows = checked_gold_rows(root / "one")
    spam = [r for r in rows if r["kind"] != "junk" and r["families"] not in ([12], [1, 12])]
    assert spam and all(r["must_drop"] for r in spam)
    injected = [d for r in rows if "injected at a comma" in r["notes"] for d in r["must_drop"]]
    assert injected and all(d.count(",") == 2 and not d.startswith(",") for d in injected)


def test_html_pages_declare_their_charset_unless_noted(built):
    root, _, _ = built
    assert_html_pages_declare_their_charset_unless_noted(root / "one")
    charsets = {r["charset"] for r in checked_gold_rows(root / "one") if r["format"] == "html"}
    assert {"gbk", "gb18030", "gbk undeclared"} <= charsets


def test_clusters_share_their_must_keep(built):
    root, _, _ = built
    assert_clusters_share_their_must_keep(root / "one", _COUNTS["clusters"])
