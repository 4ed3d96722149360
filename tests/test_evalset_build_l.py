"""The test11 builder on a tiny synthetic source folder: deterministic, consistent gold."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import pytest

from tools.evalset import build_spam_eval_l as b
from evalset_support import (assert_clusters_share_their_must_keep, assert_gold_strings_in_pages,
                             assert_html_pages_declare_their_charset_unless_noted, assert_identical_builds,
                             build_twice, checked_gold_rows, QUOTE_ENTITIES)

_POOL = "晨光田野溪流村庄桥梁道路学校医院工厂码头仓库果园茶园稻谷小麦棉花渔船车站广场公园图书馆"
_COUNTS = {"wrap": 6, "inject": 6, "pasted": 4, "stuffing": 3, "gambling": 4, "template_one": 3,
           "template_spread": 3, "en_html": 2, "en_txt": 2, "clusters": 3, "junk": 8, "spam_only": 2,
           "guard_cn": 4, "guard_places": 1, "guard_en": 2, "guard_table": 2, "guard_short": 2}
_CITIES = ("青岩市", "白岩市", "赤岩市")


def _w(rng: random.Random, lo: int, hi: int) -> str:
    return "".join(rng.choice(_POOL) for _ in range(rng.randrange(lo, hi)))


def _para(rng: random.Random, k: int) -> str:
    kinds = (lambda: f"{_w(rng, 4, 6)}、{_w(rng, 2, 4)}、{_w(rng, 2, 4)}都已{_w(rng, 4, 8)}。",
             lambda: f"{_w(rng, 3, 5)}告诉记者：“{_w(rng, 8, 14)}，{_w(rng, 6, 9)}。”",
             lambda: f"{_w(rng, 5, 8)}，{_w(rng, 6, 10)}，{_w(rng, 5, 9)}一共{rng.randrange(10, 99)}处。",
             lambda: f"去年{_w(rng, 4, 7)}，共有{rng.randrange(100, 999)}名{_w(rng, 2, 4)}参加，{_w(rng, 6, 9)}。")
    return "".join(kinds[(k + j) % 4]() for j in range(3))


def _write_sources(root: Path) -> Path:
    src = root / "src"
    rng = random.Random(11)
    posts = src / "terminus" / "_posts"
    posts.mkdir(parents=True)
    for i in range(52):
        paras = [_para(rng, i + k) for k in range(6 + i % 5)]
        if i % 9 == 0:
            paras[1] = f"{_CITIES[0]}、{_CITIES[1]}和{_CITIES[2]}的{_w(rng, 4, 6)}，{_w(rng, 6, 9)}。"
        body = [f"原文来自公众号「{_w(rng, 3, 5)}」", "---", f"![图](https://img.example/{i}.jpg)"]
        for k, p in enumerate(paras):
            body.append(p)
            if k == 2:
                body.append(f"### 二、{_w(rng, 6, 10)}")
        text = (f"---\n\nlayout: post\n\ntitle: {_w(rng, 8, 14)}{i}\n\ntags: {_w(rng, 2, 4)}\n\n---\n\n"
                + "\n\n".join(body) + "\n")
        (posts / f"2018-0{1 + i % 9}-{i:02d}-post{i}.md").write_text(text, encoding="utf-8")
    words = ["harbour", "council", "library", "orchard", "bridge", "station", "market", "museum"]
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["", "title", "text", "label"])
    for i in range(14):
        paras = [" ".join(f"The {rng.choice(words)} and the {rng.choice(words)} reopened on day {k + j} after "
                          f"long repairs, residents of the town said." for k in range(3)) for j in range(6)]
        w.writerow([i, f"The {rng.choice(words)} reopens in town {i}", "\n\n".join(paras), "REAL" if i % 5 else "FAKE"])
    (src / "fakereal").mkdir(parents=True)
    (src / "fakereal" / "fake_or_real_news.csv").write_text(buf.getvalue(), encoding="utf-8")
    tree = [{"value": 910000, "label": "云岭省", "children": [
        {"value": f"91{c + 1:02d}00", "label": city, "children": [
            {"value": f"91{c + 1:02d}{k + 1:02d}", "label": f"{_w(rng, 2, 3)}{'区县'[k % 2]}"} for k in range(9)]}
        for c, city in enumerate(_CITIES)]}]
    area = src / "tencentarea" / "dist" / "data"
    area.mkdir(parents=True)
    (area / "tree.json").write_text(json.dumps(tree, ensure_ascii=False), encoding="utf-8")
    names = sorted({_w(rng, 2, 4) for _ in range(60)})
    rows = ["code,code_name,ipoDate,outDate,type,status"] + [f"sh.{600000 + k},{n},2001-01-01,,1,1"
                                                            for k, n in enumerate(names)]
    (src / "stocknames").mkdir(parents=True)
    (src / "stocknames" / "stock_basic.csv").write_bytes(("\n".join(rows) + "\n").encode("gbk"))
    lb = src / "betcp" / "gtest" / "userlib"
    lb.mkdir(parents=True)
    rules = "".join(f"<p>{k}.凡在新2现金网充值{k}00元以上的会员，次日即可申请{_w(rng, 4, 6)}彩金，最高可达{k}888元！</p>"
                    for k in range(1, 9))
    (lb / "rule.html").write_text(f"<html><body><p>重庆时时彩</p><p>幸运农场</p><p>CC国际</p>{rules}</body></html>\n",
                                  encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_twice(lambda s, o, seed: b.build(s, o, seed, _COUNTS), _write_sources,
                       tmp_path_factory.mktemp("l"), seed=9)


def test_two_builds_are_byte_identical(built):
    assert_identical_builds(built)


def test_gold_is_consistent_and_covers_the_families(built):
    root, info, _ = built
    rows = checked_gold_rows(root / "one")
    assert info["pages"] == len(rows)
    assert set(info["families"]) == {str(f) for f in range(1, 13)}
    assert {r["kind"] for r in rows} == {"article", "junk", "spam_only"}
    assert {r["lang"] for r in rows} == {"zh", "en"}
    assert all(not r["article"] and not r["must_keep"] for r in rows if r["kind"] != "article")
    assert all(r["must_keep"] for r in rows if r["kind"] == "article")


def test_gold_strings_are_borne_out_by_the_written_pages(built):
    root, _, _ = built
    assert_gold_strings_in_pages(root / "one", QUOTE_ENTITIES + (("&amp;", "&"),))


def test_spam_pages_name_their_spam_and_injections_carry_context(built):
    root, _, _ = built
    rows = checked_gold_rows(root / "one")
    spam = [r for r in rows if r["kind"] != "junk" and 12 not in r["families"]]
    assert spam and all(r["must_drop"] for r in spam)
    injected = [d for r in rows if "injected at a comma" in r["notes"] for d in r["must_drop"]]
    assert injected and all(d.count(",") in (1, 2) and not d.startswith(",") for d in injected)
    assert all(d.index(",") == 2 for d in injected)


def test_html_pages_declare_their_charset_unless_noted(built):
    root, _, _ = built
    assert_html_pages_declare_their_charset_unless_noted(root / "one")
    charsets = {r["charset"] for r in checked_gold_rows(root / "one") if r["format"] == "html"}
    assert len({c for c in charsets if not c.startswith("utf-8")}) >= 2
    assert any("undeclared" in c for c in charsets)


def test_clusters_share_their_must_keep(built):
    root, _, _ = built
    assert_clusters_share_their_must_keep(root / "one", _COUNTS["clusters"])
