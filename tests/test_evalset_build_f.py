"""The test5 builder on a tiny synthetic source folder: deterministic, consistent gold."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tools.evalset import build_spam_eval_f as b
from evalset_support import (assert_html_pages_declare_their_charset_unless_noted, assert_identical_builds, build_twice,
                             checked_gold_rows, decoded_page, gold_rows)

_KINDS = ["火灾", "地震", "交通事故", "食物中毒", "恐怖袭击"]
_CLAUSES = ["记者从市消防支队获悉", "昨天下午三点左右", "一栋居民楼的三层突然起火", "消防人员接警后迅速赶到现场",
            "经过四十分钟的扑救", "大火被完全扑灭", "事故没有造成人员伤亡", "起火原因正在进一步调查之中",
            "附近居民被及时疏散", "有关部门提醒市民注意用电安全", "据现场目击者介绍", "当时楼道里冒出了浓烟"]
_POOL = "春夏秋冬东南西北山水花木鸟虫鱼云雨风雪江河湖海金银铜铁石土田园林桥路街巷门窗楼台亭阁书画琴棋诗酒茶米面油盐酱醋"
_CITIES = {"1101": "北京市", "1201": "天津市"}
_COUNTIES = {"110101": "东城区", "110102": "西城区", "110105": "朝阳区", "110106": "丰台区", "110107": "石景山区",
             "110108": "海淀区", "120101": "和平区", "120102": "河东区", "120103": "河西区", "120104": "南开区",
             "120105": "河北区", "120106": "红桥区"}


def _xml(i: int) -> str:
    rng = random.Random(i)
    paras = []
    for p in range(3):
        sents = []
        for k in range(3):
            a, c = rng.sample(_CLAUSES, 2)
            word = "".join(rng.choice(_POOL) for _ in range(10))
            sents.append(f"{a}，{word}第{i}号报道第{p}{k}段，{c}。")
        if i % 6 == 0 and p == 1:
            sents[0] = "东城区、西城区、朝阳区和丰台区的消防站都派出了车辆。"
        if i % 5 == 0 and p == 2:
            sents[1] = "一位居民说：“当时烟很大，我们赶紧往楼下跑。”"
        paras.append("<Paragraph><Sentence>" + "</Sentence><Sentence>".join(sents) + "</Sentence></Paragraph>")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<Body><Title>第{i}号报道 居民楼起火无人伤亡</Title>'
            f'<ReportTime type="absTime">2008年04月0{i % 9 + 1}日</ReportTime><Content>{"".join(paras)}</Content></Body>')


def _write_sources(root: Path) -> Path:
    src = root / "sources"
    for i in range(150):
        d = src / "cec/CEC" / _KINDS[i % 5]
        d.mkdir(parents=True, exist_ok=True)
        (d / f"r{i:03d}.xml").write_text(_xml(i), encoding="utf-8")
    clts = src / "clts"
    clts.mkdir(parents=True)
    arts = ["".join(f"第{k}篇文章写到春天的菜市场里，新鲜的笋和荠菜摆满了第{j}个摊位。" for j in range(8))
            for k in range(12)]
    (clts / "samples.txt").write_text("".join(json.dumps({"summarization": "", "article": a}, ensure_ascii=False) + "\n"
                                              for a in arts), encoding="utf-8")
    adcn = src / "adcn/json/2021"
    adcn.mkdir(parents=True)
    (adcn / "2.json").write_text(json.dumps(_CITIES, ensure_ascii=False), encoding="utf-8")
    (adcn / "3.json").write_text(json.dumps(_COUNTIES, ensure_ascii=False), encoding="utf-8")
    towns = {f"110101{k:03d}": n for k, n in enumerate(["东华门街道", "景山街道", "青石镇", "白沙乡", "龙泉镇"])}
    (adcn / "4.json").write_text(json.dumps(towns, ensure_ascii=False), encoding="utf-8")
    g = src / "gbrc/zh_CN"
    g.mkdir(parents=True)
    (g / "help.ftl").write_text(
        "<li>重庆时时彩</li><li>北京PK10</li><li>幸运飞艇</li><li>安徽快3</li>"
        "<p>examplebet的赛事频道每天更新五十多场球赛的盘口。</p>"
        "<p>三个开奖号码总和值十一到十七为大，总和值四到十为小。</p>"
        "<p>代理合作请联系在线客服，佣金按周结算。</p>${data.siteInfo.title}", encoding="utf-8")
    bbc = src / "bbc2005/bbc/business"
    bbc.mkdir(parents=True)
    for k in range(6):
        body = "\n\n".join(f"The town council of Riverside met on Monday and agreed to add {k + j} more evening bus "
                           f"services to the northern estates from next month." for j in range(5))
        (bbc / f"{k:03d}.txt").write_bytes(f"Buses for the north {k}\n\n{body}\n".encode("latin-1"))
    return src


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_twice(b.build, _write_sources, tmp_path_factory.mktemp("f"), seed=5)


def test_same_sources_and_seed_give_identical_files(built):
    assert_identical_builds(built)


def test_gold_is_consistent_and_names_every_page(built):
    root, info, _ = built
    rows = checked_gold_rows(root / "one")
    assert info["pages"] == len(rows) > 150
    assert {"article", "junk", "spam_only"} <= {r["kind"] for r in rows}
    assert set(range(1, 13)) <= {f for r in rows for f in r["families"]}
    assert all(r["must_keep"] for r in rows if r["kind"] == "article")


def test_every_must_drop_is_on_its_page_and_every_must_keep_in_its_article(built):
    root, _, _ = built
    for r in gold_rows(root / "one"):
        raw = decoded_page(root / "one", r)
        shown = b.norm(b.html.unescape(raw))
        art = b.norm(r["article"])
        for d in r["must_drop"]:
            assert b.norm(d) in shown and b.norm(d) not in art, (r["id"], d)
        for k in r["must_keep"]:
            assert b.norm(k) in art, (r["id"], k)


def test_injection_is_removable_to_the_original_sentence():
    art = b.Article("k", "标题", ("记者从市交通部门获悉，今年全市新增公交线路十二条，比去年同期增加了三成。",), "s", "zh")
    for style in ("full", "half", "paren", "lent", "space"):
        page = b.Page(pid="x.txt", kind="article", lang="zh", title=art.title, paras=list(art.paras),
                      shown=list(art.paras), source="s")
        assert b.inject(page, random.Random(3), "某某维修中心", style)
        shown, drop, keep = page.shown[0], page.must_drop[0], page.must_keep[0]
        assert "某某维修中心" in shown and b.norm(drop) in b.norm(shown) and b.norm(drop) not in b.norm(keep)
        shown = shown.replace(" ", "")
        for junk in ("（某某维修中心）", "【某某维修中心】", "某某维修中心，", "某某维修中心,"):
            shown = shown.replace(junk, "", 1)
        assert b.norm(shown) == b.norm(art.paras[0]), style


def test_html_pages_declare_their_charset_unless_noted(built):
    assert_html_pages_declare_their_charset_unless_noted(built[0] / "one")
