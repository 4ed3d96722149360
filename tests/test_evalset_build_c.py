"""The test2 builder on a tiny synthetic source folder: deterministic, consistent gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tools.evalset import build_spam_eval_c as b
from evalset_support import assert_identical_builds, build_twice, checked_gold_rows

_PLACES = ["东城区", "西城区", "朝阳区", "海淀区", "丰台区", "通州区", "顺义区", "昌平区", "大兴区", "怀柔区",
           "平谷区", "密云区", "延庆区", "房山区"]
_SENTS = [
    "记者从市农业部门获悉，今年全市新增设施农业面积两万亩，比去年同期增长一成多。",
    "这些大棚主要种植番茄和黄瓜，产品供应本地市场，部分销往周边省份。",
    "一位种植户算了一笔账，一个大棚一年的纯收入可达两万元左右。",
    "为了解决销售难题，当地还建起了三个批发市场，方便客商前来收购。",
    "专家认为，发展设施农业是增加农民收入的重要途径，应当继续稳步推进。",
    "今年冬天气温偏低，有关部门提醒农户做好大棚的保温工作，防止冻害发生。",
]


def _article(i: int, n_paras: int) -> list[str]:
    paras = []
    for k in range(n_paras):
        paras.append("".join(_SENTS[(i + k + j) % len(_SENTS)] for j in range(3)).replace("两万", f"{i + 2}万"))
    return [f"郊区第{i}号蔬菜基地见闻"] + paras


def _write_sources(root: Path) -> Path:
    src = root / "sources"
    lines = []
    for i in range(30):
        lines += _article(i, 3 if i % 4 else 1)
    (src / "icwb2/testing").mkdir(parents=True)
    (src / "icwb2/testing/pku_test.utf8").write_text("\n".join(lines) + "\n", encoding="utf-8")
    msr = [f"第{i}个试验区的粮食单产比上年提高了百分之{i % 9 + 1}，效果明显。" for i in range(40)]
    (src / "icwb2/testing/msr_test.utf8").write_text("\n".join(msr) + "\n", encoding="utf-8")
    en = {}
    for i in range(6):
        body = "\n".join(f"Paragraph {k} of story {i} explains how the city council voted on the new budget, "
                         f"and why residents asked for more parks and better buses." for k in range(20))
        en[f"{i:064d}"] = {"articleBody": body, "url": f"https://news.example.org/2020/city-council-votes-budget-{i}"}
    (src / "zyte").mkdir()
    (src / "zyte/ground-truth.json").write_text(json.dumps(en), encoding="utf-8")
    res = src / "houbb/src/main/resources"
    res.mkdir(parents=True)
    (res / "房产.txt").write_text("特惠房源\n全户型在售\n旺铺招租中\n", encoding="utf-8")
    (res / "不正当竞争.txt").write_text("短信群发平台\n代办营业执照\n", encoding="utf-8")
    (src / "ading/option").mkdir(parents=True)
    words = ["甲乙娱乐", "丙丁国际", "XY棋牌", "戊己彩票", "代开甲乙发票", "兼职丙丁日结"]
    (src / "ading/option/ips_ban_words.js").write_text(
        "const wordJson = [" + ",".join(json.dumps({"word": w}, ensure_ascii=False) for w in words) + "]",
        encoding="utf-8")
    wj = src / "wecatch/json"
    wj.mkdir(parents=True)
    (wj / "province.json").write_text(json.dumps([{"id": "110000000000", "name": "北京市"}]), encoding="utf-8")
    (wj / "city.json").write_text(json.dumps({"110000000000": [
        {"province": "北京市", "name": "市辖区", "id": "110100000000"}]}), encoding="utf-8")
    (wj / "county.json").write_text(json.dumps({"110100000000": [
        {"city": "北京市", "name": n, "id": f"1101{k:02d}000000"} for k, n in enumerate(_PLACES, 1)]},
        ensure_ascii=False), encoding="utf-8")
    views = src / "qianbao/view/home"
    views.mkdir(parents=True)
    (views / "index.ftl").write_text("<html><body><p>欢迎光临庚辛娱乐城，新会员首存即送彩金</p>"
                                     "<p>真人视讯与电子游艺全天开放</p><p>XY国际官方授权平台</p></body></html>",
                                     encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_twice(b.build, _write_sources, tmp_path_factory.mktemp("c"), seed=3)


def test_same_sources_and_seed_give_identical_files(built):
    assert_identical_builds(built)


def test_gold_is_consistent_and_names_every_page(built):
    root, info, _ = built
    rows = checked_gold_rows(root / "one")
    assert info["pages"] == len(rows)
    kinds = {r["kind"] for r in rows}
    assert {"article", "junk", "spam_only"} <= kinds
    fams = {f for r in rows for f in r["families"]}
    assert {1, 2, 3, 9, 10, 11, 12} <= fams
    for r in rows:
        if r["kind"] == "article":
            art = b.norm(r["article"])
            assert all(b.norm(k) in art for k in r["must_keep"])
            assert not any(b.norm(d) in art for d in r["must_drop"])


def test_html_pages_decode_with_their_declared_charset(built):
    root, _, _ = built
    rows = [json.loads(x) for x in (root / "one/gold.jsonl").read_text(encoding="utf-8").splitlines()]
    for r in rows:
        if r["format"] == "html":
            data = (root / "one/pages" / r["id"]).read_bytes()
            text = data.decode({"gb2312": "gbk"}.get(r["charset"], r["charset"]))
            assert f'charset={r["charset"]}' in text.replace('"', "")


def test_injection_keeps_context_and_repairs_to_the_article():
    import random
    para = "记者从市农业部门获悉，今年全市新增设施农业面积两万亩，比去年同期增长一成多。"
    new, drop = b.inject_between_commas(random.Random(1), para, "某某维修", "comma")
    assert "某某维修" in new and drop in new and drop not in para
    assert new.replace("某某维修，", "", 1) == para
