"""The test10 builder on a tiny synthetic source folder: deterministic, consistent gold."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

from tools.evalset import build_spam_eval_k as b
from evalset_support import (assert_clusters_share_their_must_keep, assert_gold_strings_in_pages,
                             assert_html_pages_declare_their_charset_unless_noted, assert_identical_builds,
                             build_twice, checked_gold_rows, QUOTE_ENTITIES)

_POOL = "晨光田野溪流村庄桥梁道路学校医院工厂码头仓库果园茶园稻谷小麦棉花渔船车站广场公园图书馆"
_COUNTS = {"wrap": 6, "inject": 5, "pasted": 4, "stuffing": 3, "gambling": 4, "template_one": 3,
           "template_spread": 3, "real_html": 1, "en_html": 2, "en_txt": 2, "clusters": 3, "junk": 6,
           "spam_only": 2, "guard_cn": 4, "guard_places": 1, "guard_en": 2, "guard_table": 2, "guard_short": 2}
_CITIES = ("青岩市", "白岩市", "赤岩市")


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
    rng = random.Random(5)
    news = src / "sogouc" / "chapter-3" / "data" / "news"
    for c, ch in enumerate(("C000008", "C000013", "C000024")):
        (news / ch).mkdir(parents=True)
        for i in range(45):
            paras = [_para(rng, i + k) for k in range(5)]
            if i % 9 == 0:
                paras[1] = f"{_CITIES[0]}、{_CITIES[1]}和{_CITIES[2]}的{_w(rng, 4, 6)}，{_w(rng, 6, 9)}。"
            head = [] if i % 3 == 2 else [f"{_w(rng, 6, 12)}{c}{i}"]
            text = "\r\n".join(head + ["\u3000\u3000" + p for p in paras]) + "\r\n"
            (news / ch / f"{i + 10}.txt").write_bytes(text.encode("gb18030"))
    words = ["harbour", "council", "library", "orchard", "bridge", "station", "market", "museum"]
    for country in ("us", "uk", "cn"):
        folder = src / "fundus" / "tests" / "resources" / "parser" / "test_data" / country
        folder.mkdir(parents=True)
        for p in range(4 if country != "cn" else 1):
            pub = f"Pub{p}"
            data = {}
            for v in ("V1", "V2"):
                if country == "cn":
                    title = _w(rng, 8, 12)
                    paras = [_para(rng, k) for k in range(8)]
                else:
                    title = f"The {rng.choice(words)} of {country} reopens {p}{v}"
                    paras = [" ".join(f"The {rng.choice(words)} and the {rng.choice(words)} reopened on day {k + j} "
                                      f"after long repairs, residents of the town said." for k in range(3))
                             for j in range(6)]
                data[v] = {"title": title, "body": {"summary": [], "sections": [{"headline": [], "paragraphs": paras}]}}
                body = "".join(f"<p>{x}</p>" for x in paras)
                page = (f"<html><head><meta charset=\"utf-8\"><title>{title}</title></head><body>"
                        f"<article>{body}</article></body></html>")
                (folder / f"{pub}_2024_0{1 + len(data)}_01.html.gz").write_bytes(
                    gzip.compress(page.encode("utf-8"), mtime=0))
            (folder / f"{pub}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    area = src / "areacity" / "src" / "采集到的数据"
    area.mkdir(parents=True)
    l3 = ["\ufeffid,pid,deep,name,pinyin_prefix,pinyin,ext_id,ext_name", '91,0,0,"云岭","y","yun ling","910000000000","云岭省"']
    l4 = list(l3)
    for c, city in enumerate(_CITIES):
        l3.append(f'91{c + 1:02d},91,1,"{city[:2]}","q","qing yan","91{c + 1:02d}00000000","{city}"')
        for k in range(9):
            name = f"{_w(rng, 2, 3)}{'区县'[k % 2]}"
            cid = f"91{c + 1:02d}{k + 1:02d}"
            row = f'{cid},91{c + 1:02d},2,"{name[:-1]}","x","xi an","{cid}000000","{name}"'
            l3.append(row)
            l4.append(row)
            l4 += [f'{cid}{t:03d},{cid},3,"{_w(rng, 2, 3)}","z","zhen","{cid}{t:03d}000","{_w(rng, 2, 3)}镇"'
                   for t in range(1, 8)]
    (area / "ok_data_level3.csv").write_text("\n".join(l3) + "\n", encoding="utf-8")
    (area / "ok_data_level4.csv").write_text("\n".join(l4) + "\n", encoding="utf-8")
    brands = src / "wdbrands" / "src" / "assets" / "static"
    brands.mkdir(parents=True)
    names = sorted({_w(rng, 2, 4) for _ in range(80)})
    (brands / "BrandSort.js").write_text("export default {\"list\": [" + ",".join(
        f'{{"name": "AB {n}"}}' for n in names) + "]}\n", encoding="utf-8")
    lb = src / "lbhelp" / "LB" / "src" / "lang"
    lb.mkdir(parents=True)
    rules = "".join(f"<p>{k}.凡在本平台充值{k}00元以上的会员，次日即可申请{_w(rng, 4, 6)}彩金，最高可达{k}888元！</p>"
                    for k in range(1, 9))
    (lb / "help.js").write_text(f"export default {{ html: `<p>重庆时时彩</p><p>广东11选5</p><p>AG平台</p>"
                                f"<p>GG体育</p>{rules}` }}\n", encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_twice(lambda s, o, seed: b.build(s, o, seed, _COUNTS), _write_sources,
                       tmp_path_factory.mktemp("k"), seed=9)


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
    assert injected and all(d.count(",") == 2 and not d.startswith(",") for d in injected)


def test_html_pages_declare_their_charset_unless_noted(built):
    root, _, _ = built
    assert_html_pages_declare_their_charset_unless_noted(root / "one")
    charsets = {r["charset"] for r in checked_gold_rows(root / "one") if r["format"] == "html"}
    assert {"gbk", "gb18030", "gbk undeclared"} <= charsets


def test_clusters_share_their_must_keep(built):
    root, _, _ = built
    assert_clusters_share_their_must_keep(root / "one", _COUNTS["clusters"])
