"""The test12 builder on a tiny synthetic source folder: deterministic, consistent gold."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tools.evalset import build_spam_eval_m as b
from evalset_support import (assert_clusters_share_their_must_keep, assert_gold_strings_in_pages,
                             assert_html_pages_declare_their_charset_unless_noted, assert_identical_builds,
                             build_twice, checked_gold_rows, QUOTE_ENTITIES)

_POOL = "河岸山谷小镇街道学校工厂码头菜园稻田小麦茶叶渔船车站广场公园书店面馆集市屋檐灯笼"
_COUNTS = {"wrap": 6, "inject": 6, "pasted": 4, "stuffing": 3, "gambling": 4, "template_one": 3,
           "template_spread": 3, "en_html": 2, "en_txt": 2, "clusters": 3, "junk": 8, "spam_only": 4,
           "guard_cn": 4, "guard_places": 1, "guard_en": 2, "guard_table": 2, "guard_short": 2}
_CITIES = ("青川市", "白川市", "赤川市")


def _w(rng: random.Random, lo: int, hi: int) -> str:
    return "".join(rng.choice(_POOL) for _ in range(rng.randrange(lo, hi)))


def _para(rng: random.Random, k: int) -> str:
    kinds = (lambda: f"{_w(rng, 4, 6)}、{_w(rng, 2, 4)}、{_w(rng, 2, 4)}都已{_w(rng, 4, 8)}。",
             lambda: f"{_w(rng, 3, 5)}跟我说：“{_w(rng, 8, 14)}，{_w(rng, 6, 9)}。”",
             lambda: f"{_w(rng, 5, 8)}，{_w(rng, 6, 10)}，{_w(rng, 5, 9)}一共{rng.randrange(10, 99)}处。",
             lambda: f"上周{_w(rng, 4, 7)}，来了{rng.randrange(100, 999)}位{_w(rng, 2, 4)}，{_w(rng, 6, 9)}。")
    return "".join(kinds[(k + j) % 4]() for j in range(3))


def _write_sources(root: Path) -> Path:
    src = root / "src"
    rng = random.Random(12)
    blog = src / "gitblog" / "BACKUP"
    blog.mkdir(parents=True)
    for i in range(30):
        paras = [_para(rng, i + k) for k in range(5 + i % 4)]
        if i % 7 == 0:
            paras[1] = f"{_CITIES[0]}和{_CITIES[1]}的{_w(rng, 4, 6)}，{_w(rng, 6, 9)}。"
        body = "\n\n".join(paras) + "\n\n```\ncode line\n```\n\n---\n" + _para(rng, i) + "\n"
        (blog / f"{i + 1}_{_w(rng, 3, 6)}.md").write_text(
            f"# [{_w(rng, 6, 12)}{i}](https://example.org/issues/{i + 1})\n\n{body}", encoding="utf-8")
    for i in range(30):
        folder = src / "howtocook" / "dishes" / ("meat_dish", "soup", "staple")[i % 3] / f"菜{i}"
        folder.mkdir(parents=True)
        lines = [f"# {_w(rng, 3, 5)}{i}的做法", "", _para(rng, i), "", "## 必备原料和工具", ""]
        lines += [f"- {_w(rng, 2, 4)}", "", "## 操作", ""]
        lines += [f"{k + 1}. {_para(rng, i + k)}" for k in range(4 + i % 3)]
        (folder / f"菜{i}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    words = ["harbour", "council", "library", "orchard", "bridge", "station", "market", "museum"]
    for i in range(16):
        paras = [" ".join(f"The {rng.choice(words)} and the {rng.choice(words)} opened on day {k + j} after "
                          f"long repairs, and people in the town said it was good." for k in range(3))
                 for j in range(6)]
        name = f"{i:03d}_Essay_{i}"
        page = (f"<html><head><title>The {rng.choice(words)} essay {i}</title></head><body><font size=2>"
                f"March 2009<br><br>" + "<br><br>".join(paras) + "<br><br>Notes<br><br>[1] A note.</font></body></html>")
        (src / "pgessays" / "prep" / name).mkdir(parents=True)
        (src / "pgessays" / "prep" / name / f"{name}.html").write_text(page, encoding="utf-8")
    rows = [{"id": "910000", "name": "云岭省", "parent_id": "0", "level": "1"}]
    for c, city in enumerate(_CITIES):
        rows.append({"id": f"91{c + 1:02d}00", "name": city, "parent_id": "910000", "level": "2"})
        rows += [{"id": f"91{c + 1:02d}{k + 1:02d}", "name": f"{_w(rng, 2, 3)}{'区县'[k % 2]}",
                  "parent_id": f"91{c + 1:02d}00", "level": "3"} for k in range(9)]
    seeder = src / "xigeregion" / "database" / "seeds"
    seeder.mkdir(parents=True)
    (seeder / "RegionSeeder.php").write_text("<?php\n$json = '" + json.dumps(rows, ensure_ascii=False, indent=1)
                                             + "';\n", encoding="utf-8")
    phones = [{"brand": f"{b}手机", "series": "X 系列", "product_name": f"{b} X{k}", "sales_model": "A1"}
              for b in ("青果", "山竹", "Nova") for k in range(4)]
    (src / "mobiledom").mkdir(parents=True)
    (src / "mobiledom" / "definition.go").write_text(
        "package mobiledom\n\nvar DefinitionJson = []byte(`\n" + json.dumps(phones, ensure_ascii=False, indent=2)
        + "\n`)\n", encoding="utf-8")
    lot = src / "leadsurf" / "20130702 tenth"
    lot.mkdir(parents=True)
    rules = "".join(f"<p>{k}.凡在凤凰娱乐投注满{k}000元的用户，次日即可领取{_w(rng, 4, 6)}奖励，最高{k}888元！</p>"
                    for k in range(1, 9))
    (lot / "rules.html").write_text(f"<html><body><p>重庆时时彩</p><p>分分彩</p><p>博猫游戏</p>{rules}</body></html>\n",
                                    encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_twice(lambda s, o, seed: b.build(s, o, seed, _COUNTS), _write_sources,
                       tmp_path_factory.mktemp("m"), seed=9)


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


def test_blog_comments_and_code_stay_out_of_the_articles(built):
    root, _, _ = built
    rows = checked_gold_rows(root / "one")
    assert not any("code line" in r["article"] or "https://example.org" in r["article"] for r in rows)


def test_clusters_share_their_must_keep(built):
    root, _, _ = built
    assert_clusters_share_their_must_keep(root / "one", _COUNTS["clusters"])
