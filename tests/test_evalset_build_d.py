"""The test3 builder on a tiny synthetic source folder: deterministic, consistent gold."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tools.evalset import build_spam_eval_d as b
from evalset_support import assert_identical_builds, build_twice, checked_gold_rows

_CITIES = ["东平市", "西岭县", "南湖区", "北川县", "青石镇", "白沙市", "红河县", "黄埔区", "金水区", "银川县",
           "长宁区", "新安县", "安平市", "永和镇", "德化县", "福清市", "宁远县", "广丰区", "泰和县", "江华县"]
_CLAUSES = ["记者从市交通部门获悉", "今年全市新增公交线路十二条", "比去年同期增加了三成",
            "这些线路主要连接新建住宅区和地铁站", "部分线路还延长了夜间运营时间", "市民普遍反映出行更加方便",
            "一位每天乘车上班的市民说", "以前下了地铁还要步行二十分钟", "有关部门表示将继续优化线网",
            "下一步还会增加新能源车辆的比例", "专家认为公共交通的改善有助于缓解拥堵", "同时也能减少尾气排放"]


def _doc(i: int) -> str:
    rng = random.Random(i)
    sents = []
    for _ in range(9):
        a, c = rng.sample(_CLAUSES, 2)
        sents.append(f"{a}，第{i}批{c}。")
    body = "".join(sents)
    if i % 3 == 0:
        return f"第{i}条公交线路为什么要调整？{body}"
    if i % 3 == 1:
        return f"本市第{i}批公交线路调整方案公布原标题：第{i}批公交线路调整{body}"
    return body


def _write_sources(root: Path) -> Path:
    src = root / "sources"
    corp = src / "uer/corpora"
    corp.mkdir(parents=True)
    (corp / "CLUECorpusSmall_sampled.txt").write_text("\n".join(_doc(i) for i in range(400)) + "\n", encoding="utf-8")
    nc = []
    for k in range(4):
        nc.append(f"A Plan for City Buses Number {k}\t城市公交计划{k}")
        for j in range(9):
            nc.append(f"The council of town {k} discussed bus route {j} and agreed to add more evening services. "
                      f"\t欧洲第{k}个城市的议会讨论了第{j}条线路的财政预算问题。")
    (corp / "news-commentary-v13-en-zh_sampled.txt").write_text("\n".join(nc) + "\n", encoding="utf-8")
    (corp / "chnsenticorp.txt").write_text("房间很干净服务也热情，早餐品种比较少。\n键盘手感不错屏幕有点暗，电池续航一般。\n",
                                           encoding="utf-8")
    th = src / "thuocl/data"
    th.mkdir(parents=True)
    (th / "THUOCL_diming.txt").write_text("".join(f"{c}\t{5000 - k}\n" for k, c in enumerate(_CITIES))
                                          + "人民路\t900\n解放大道\t800\n中山街\t700\n", encoding="utf-8")
    (th / "THUOCL_medical.txt").write_text("皮肤炎\t9000\n关节病\t8000\n", encoding="utf-8")
    (th / "THUOCL_car.txt").write_text("飞驰\t90000\n远行者\t80000\n", encoding="utf-8")
    (th / "THUOCL_food.txt").write_text("酸菜鱼\t90000\n牛肉面\t80000\n", encoding="utf-8")
    (th / "THUOCL_caijing.txt").write_text("贷款 \t 9000\n信用卡 \t 8000\n", encoding="utf-8")
    data = src / "s36/src/data"
    data.mkdir(parents=True)
    (data / "slotgame.ts").write_text('export default [{title:"金龙献宝"},{title:"海岛探险"},{title:"幸运星辰"}]',
                                      encoding="utf-8")
    (data / "lotto.ts").write_text('export default [{title:"重庆时时彩",desc:"每期开奖结果都实时公布，欢迎会员投注参与。"}]',
                                   encoding="utf-8")
    views = src / "qucai/application/views/h5"
    views.mkdir(parents=True)
    (views / "promotions_show.php").write_text("<p>新会员注册即送体验彩金，充值再享额外返利。</p>", encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_twice(b.build, _write_sources, tmp_path_factory.mktemp("d"), seed=5)


def test_same_sources_and_seed_give_identical_files(built):
    assert_identical_builds(built)


def test_gold_is_consistent_and_names_every_page(built):
    root, info, _ = built
    rows = checked_gold_rows(root / "one")
    assert info["pages"] == len(rows)
    assert {"article", "junk", "spam_only"} <= {r["kind"] for r in rows}
    assert {1, 2, 3, 5, 7, 9, 10, 11, 12} <= {f for r in rows for f in r["families"]}
    for r in rows:
        if r["kind"] == "article":
            art = b.norm(r["article"])
            assert r["article"] and all(b.norm(k) in art for k in r["must_keep"])
            assert not any(b.norm(d) in art for d in r["must_drop"])


def test_html_pages_decode_with_their_charset(built):
    root, _, _ = built
    rows = [json.loads(x) for x in (root / "one/gold.jsonl").read_text(encoding="utf-8").splitlines()]
    for r in rows:
        if r["format"] == "html":
            charset = r["charset"].split(" ")[0]
            text = (root / "one/pages" / r["id"]).read_bytes().decode({"gb2312": "gbk"}.get(charset, charset))
            declared = f"charset={charset}" in text.replace('"', "")
            assert declared == ("undeclared" not in r["charset"])


def test_injection_keeps_context_and_repairs_to_the_article():
    para = "记者从市交通部门获悉，今年全市新增公交线路十二条，比去年同期增加了三成。"
    for style in ("comma", "ascii", "paren", "glued"):
        shown, drop, keep = b.inject(random.Random(1), para, "某某维修", style)
        assert "某某维修" in shown and drop in shown and drop not in para
        assert keep in para and len(keep) >= 8


def test_headline_forms_of_the_crawled_text(tmp_path):
    f = tmp_path / "c.txt"
    f.write_text("\n".join(_doc(i) for i in range(6)) + "\n", encoding="utf-8")
    titled, untitled = b.load_clue_articles(f)
    assert {a.title for a in titled} >= {"第0条公交线路为什么要调整？", "本市第1批公交线路调整方案公布"}
    assert all(not a.paras[0].startswith("第1批公交线路调整方案公布") for a in titled)
    assert untitled and all(a.title for a in untitled)
