"""The test4 builder on a tiny synthetic source folder: deterministic, consistent gold."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tools.evalset import build_spam_eval_e as b
from evalset_support import (assert_html_pages_declare_their_charset_unless_noted, assert_identical_builds, build_twice,
                             checked_gold_rows, decoded_page, gold_rows)

_LABELS = ["体育", "财经", "教育", "科技", "时政"]
_CLAUSES = ["市体育局昨天公布了今年的场馆开放计划", "全市新增社区健身点一百二十个", "比去年同期增加了三成",
            "这些场馆主要分布在新建住宅区附近", "部分场馆还延长了夜间开放时间", "市民普遍反映锻炼更加方便",
            "一位每天晨练的老人说", "以前要坐半小时公交才能找到球场", "有关部门表示将继续增加投入",
            "下一步还会引入社会资本参与运营", "专家认为公共体育设施的改善有助于全民健身", "同时也能带动相关消费"]
_COUNTIES = [("110101", "东城区"), ("110102", "西城区"), ("110105", "朝阳区"), ("110106", "丰台区"),
             ("110107", "石景山区"), ("110108", "海淀区"), ("120101", "和平区"), ("120102", "河东区"),
             ("120103", "河西区"), ("120104", "南开区"), ("120105", "河北区"), ("120106", "红桥区")]


def _article(i: int) -> str:
    rng = random.Random(i)
    sents = []
    for k in range(9):
        a, c = rng.sample(_CLAUSES, 2)
        sents.append(f"{a}，第{i}批第{k}项{c}。")
    if i % 7 == 0:
        sents[2] = "东城区、西城区、朝阳区和丰台区都在今年的计划之中。"
    if i % 5 == 0:
        sents[3] = "他说：“我们会把更多的场地向市民开放。”"
    head = "新浪体育讯北京时间4月12日，" if i % 2 else "本报讯 "
    return f"{_LABELS[i % 5]}\t第{i}批社区健身场馆开放计划公布 夜间也能锻炼{head}{''.join(sents)}"


def _write_sources(root: Path) -> Path:
    src = root / "sources"
    thuc = src / "thucnews/data/cnews"
    thuc.mkdir(parents=True)
    (thuc / "cnews.val.txt").write_text("\n".join(_article(i) for i in range(420)) + "\n", encoding="utf-8")
    fin = src / "thucfin/data/cnews-b"
    fin.mkdir(parents=True)
    lines = [f"{'财经' if k % 2 else '体育'}\t基金第{k}期公告发布本报讯 记者昨日获悉。"
             f"第{k}只基金本周净值上涨了百分之二左右。投资者普遍看好第{k}季度的市场行情走势。" for k in range(60)]
    (fin / "cnews.val.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (fin / "cnews.test.txt").write_text("", encoding="utf-8")
    (src / "thucfin/data/cnews").mkdir(parents=True)
    (src / "thucfin/data/cnews/cnews.test.txt").write_text(
        "\n".join(f"普通---第{k}位演员的新剧今晚开播观众好评如潮" for k in range(40)) + "\n", encoding="utf-8")
    bbc = src / "bbc/data"
    bbc.mkdir(parents=True)
    text = "  ".join(f"The town council of Riverside met on Monday and agreed to add {k} more evening bus "
                     f"services to the northern estates from next month." for k in range(8))
    (bbc / "res.csv").write_text("".join(f'https://example.org/{k},uk,Buses for the north {k},1,img,"{text}"\n'
                                         for k in range(6)), encoding="utf-8")
    dist = src / "uiwjs/packages/core/dist"
    dist.mkdir(parents=True)
    (dist / "area.csv").write_text("code,name,province,city,area\n" + "".join(
        f"{c},{n},{c[:2]},{c[2:4]},{c[4:]}\n" for c, n in _COUNTIES), encoding="utf-8")
    (dist / "town.csv").write_text("code,name,province,city,area,town\n" + "".join(
        f"110101,{n},11,01,01,00{k}000\n" for k, n in enumerate(["东华门街道", "景山街道", "青石镇", "白沙乡"])),
        encoding="utf-8")
    (dist / "city.csv").write_text("code,name,province,city\n1101,北京市,11,01\n1201,天津市,12,01\n",
                                   encoding="utf-8")
    cars = src / "carbrands/src"
    cars.mkdir(parents=True)
    (cars / "data.ts").write_text('[{"name": "飞驰"}, {"name": "远行者"}, {"name": "Abarth"}]', encoding="utf-8")
    bbin = src / "bbin"
    bbin.mkdir()
    (bbin / "about.php").write_text(
        "<li>首页</li><li>体育赛事</li><li>视讯直播</li><p>BBIN是一个可看见真实游戏环境的娱乐平台，玩家可以在这里体验游戏。"
        "我们以服务会员不打烊的精神，全天处理会员出入款相关事宜。新会员注册即可领取体验金，首存再享额外返利。</p>",
        encoding="utf-8")
    mac = src / "macau/值得体验"
    mac.mkdir(parents=True)
    for name in ("金殿娱乐场", "海湾娱乐场"):
        (mac / f"详情-娱乐-{name}.php").write_text(f"<title>详情-娱乐-{name}</title>", encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_twice(b.build, _write_sources, tmp_path_factory.mktemp("e"), seed=5)


def test_same_sources_and_seed_give_identical_files(built):
    assert_identical_builds(built)


def test_gold_is_consistent_and_names_every_page(built):
    root, info, _ = built
    rows = checked_gold_rows(root / "one")
    assert info["pages"] == len(rows) > 300
    assert {"article", "junk", "spam_only"} <= {r["kind"] for r in rows}
    assert set(range(1, 13)) <= {f for r in rows for f in r["families"]}
    assert sum(len(r["must_drop"]) for r in rows) > 300


def test_every_must_drop_is_on_its_page(built):
    root, _, _ = built
    for r in gold_rows(root / "one"):
        raw = decoded_page(root / "one", r)
        shown = b.norm(b.html.unescape(raw))
        for d in r["must_drop"]:
            assert b.norm(d) in shown, (r["id"], d)


def test_html_pages_declare_their_charset_unless_noted(built):
    assert_html_pages_declare_their_charset_unless_noted(built[0] / "one")


def test_injection_keeps_context_and_repairs_to_the_article():
    para = "记者从市交通部门获悉，今年全市新增公交线路十二条，比去年同期增加了三成。"
    for style in ("comma", "ascii", "paren", "bracket", "space"):
        shown, drop, keep = b.inject(random.Random(1), para, "某某维修", style)
        assert "某某维修" in shown and b.norm(drop) in b.norm(shown) and b.norm(drop) not in b.norm(para)
        assert keep in para and len(keep) >= 10


def test_headline_is_split_only_where_the_text_shows_it():
    assert b._split_headline("湖人小将伤愈复出 季后赛有望登场新浪体育讯北京时间4月12日，湖人宣布。") == (
        "湖人小将伤愈复出 季后赛有望登场", "新浪体育讯北京时间4月12日，湖人宣布。")
    assert b._split_headline("第二届论坛在京闭幕人民网北京7月23日电 论坛闭幕。")[0] == "第二届论坛在京闭幕"
    assert b._split_headline("没有任何标记的一段文字，看不出标题在哪里结束。") is None
