"""The test6 builder on a tiny synthetic source folder: deterministic, consistent gold."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tools.evalset import build_spam_eval_g as b
from evalset_support import (assert_html_pages_declare_their_charset_unless_noted, assert_identical_builds, build_twice,
                             checked_gold_rows, decoded_page, gold_rows)

_CLAUSES = ["记者从市交通部门获悉", "昨天上午九点左右", "新建的跨江大桥正式通车", "施工单位提前完成了全部工程",
            "过江时间由半小时缩短到五分钟", "沿线居民纷纷前来参观", "有关部门提醒司机注意限速", "据现场工作人员介绍",
            "大桥全长三千二百米", "附近的公交线路也作了调整", "项目总投资约十二亿元", "市民对此普遍表示欢迎"]
_POOL = "春夏秋冬东南西北山水花木鸟虫鱼云雨风雪江河湖海金银铜铁石土田园林桥路街巷门窗楼台亭阁书画琴棋诗酒茶米面油盐酱醋"
_NAMES = {"110000": "北京市", "110100": "北京市", "110101": "东城区", "110102": "西城区", "110105": "朝阳区",
          "110106": "丰台区", "110107": "石景山区", "110108": "海淀区", "120000": "天津市", "120100": "天津市",
          "120101": "和平区", "120102": "河东区", "120103": "河西区", "120104": "南开区", "120105": "河北区",
          "120106": "红桥区", "130100": "石家庄市", "130102": "长安区", "130104": "桥西区", "130105": "新华区"}


def _article(i: int) -> dict:
    rng = random.Random(i)
    paras = []
    for p in range(4):
        sents = []
        for k in range(3):
            a, c = rng.sample(_CLAUSES, 2)
            word = "".join(rng.choice(_POOL) for _ in range(12))
            sents.append(f"{a}，{word}第{i}号消息第{p}{k}段，{c}。")
        if i % 7 == 0 and p == 1:
            sents[0] = "东城区、西城区、朝阳区和丰台区的居民都赶来参观。"
        if i % 5 == 0 and p == 2:
            sents[1] = "一位司机说：“以前过江要排很久的队，现在方便多了。”"
        paras.append("".join(sents))
    content = "（原标题：第{0}号消息）\n".format(i) + "\n".join(paras) + "\n图片来源：本地摄影\n"
    return {"url": f"http://news.example.com/{i}.html", "title": f"第{i}号消息 跨江大桥正式通车",
            "time": 1459308120 + i, "content": content}


def _write_sources(root: Path) -> Path:
    src = root / "sources"
    news = src / "netease/testdata/data/orinews"
    news.mkdir(parents=True)
    (news / "0.txt").write_text("".join(json.dumps(_article(i), ensure_ascii=False) + "\n" for i in range(700)),
                                encoding="utf-8")
    farm = src / "newsfarm"
    farm.mkdir(parents=True)
    lines = [" ".join(f"第{k}条摘要说，城郊的{_POOL[k % 40]}{_POOL[(k * 7) % 40]}农场今年迎来了丰收，游客数量明显增加。")
             for k in range(200)]
    (farm / "NEWSFARM_SAMPLE.tgt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    mm = src / "mumuy"
    (mm / "code").mkdir(parents=True)
    (mm / "list.json").write_text(json.dumps(_NAMES, ensure_ascii=False), encoding="utf-8")
    towns = {f"110101{k:03d}": n for k, n in enumerate(["东华门街道", "景山街道", "青石镇", "白沙乡", "龙泉镇", "柳河镇"])}
    (mm / "code/110101.json").write_text(json.dumps(towns, ensure_ascii=False), encoding="utf-8")
    tw = src / "tianwei/ld_web/WebRoot/data/promotion"
    tw.mkdir(parents=True)
    (tw / "p1.jsp").write_text(
        "<%@page pageEncoding=\"UTF-8\"%><title>星河娱乐场--移动版</title><p>活动对象：天威所有会员</p>"
        "<p>每笔充值另赠百分之二的红利，次数不限。</p><p>电子游艺各馆的流水每周一统一结算。</p>"
        "<p>本优惠的最终解释权归星河娱乐所有。</p><li>招商银行</li><li>民生银行</li><p>3.优惠只适用于真人百家乐厅的下注</p>"
        "<p>沙巴体育每日返水，存款越多返水越多！</p><p>龙8国际欢迎您的加入，注册即送体验金。</p>", encoding="utf-8")
    rt = src / "reuters/data"
    rt.mkdir(parents=True)
    stories = []
    for k in range(20):
        body = "\n    ".join(f"The harbour board of Port Alder said on Monday it would add {k + j} more berths to "
                              f"the northern quay, raising capacity by about {j + 2} pct next year." for j in range(6))
        stories.append(f'<REUTERS TOPICS="YES" NEWID="{k + 1}"><TEXT><TITLE>PORT ALDER TO EXPAND QUAY {k}</TITLE>'
                       f"<BODY>    {body}\n Reuter\n&#3;</BODY></TEXT></REUTERS>")
    (rt / "reut2-000.sgm").write_bytes("\n".join(stories).encode("latin-1"))
    return src


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_twice(b.build, _write_sources, tmp_path_factory.mktemp("g"), seed=5)


def test_same_sources_and_seed_give_identical_files(built):
    assert_identical_builds(built)


def test_gold_is_consistent_and_names_every_page(built):
    root, info, _ = built
    rows = checked_gold_rows(root / "one")
    assert info["pages"] == len(rows) > 300
    assert {"article", "junk", "spam_only"} <= {r["kind"] for r in rows}
    assert set(range(1, 13)) <= {f for r in rows for f in r["families"]}
    assert all(r["must_keep"] for r in rows if r["kind"] == "article")
    assert len({r["cluster"] for r in rows if r["cluster"]}) == 10


def test_crawl_noise_is_not_article_text(built):
    for r in gold_rows(built[0] / "one"):
        assert "原标题" not in r["article"] and "图片来源" not in r["article"], r["id"]


def test_every_must_drop_is_on_its_page_and_every_must_keep_in_its_article(built):
    root, _, _ = built
    for r in gold_rows(root / "one"):
        raw = decoded_page(root / "one", r)
        shown = b.norm(b.html.unescape(raw))
        art = b.norm(r["article"])
        for d in r["must_drop"]:
            assert b.norm(d) in shown and b.norm(d) not in art, (r["id"], d)
        for k in r["must_keep"]:
            assert b.norm(k) in art and "<" not in k and ">" not in k, (r["id"], k)


def test_injection_removal_restores_the_sentence():
    sent = "记者从市交通部门获悉，今年全市新增公交线路十二条，比去年同期增加了三成。"
    for seed in range(12):
        page = b.Page(pid="x.txt", kind="article", lang="zh", title="标题", paras=[sent], shown=[sent], source="s")
        assert b.inject(page, random.Random(seed), "某某维修中心")
        shown, drop = page.shown[0], page.must_drop[0]
        assert page.must_keep == [sent] and b.norm(drop) in b.norm(shown) and "某某维修中心" in drop
        ins = drop[2:]
        assert b.norm(shown.replace(ins, "，", 1)) == b.norm(sent), (seed, shown)


def test_html_pages_declare_their_charset_unless_noted(built):
    assert_html_pages_declare_their_charset_unless_noted(built[0] / "one")
