"""The junk1 builder on a tiny synthetic source folder: deterministic, consistent gold, every junk kind."""

from __future__ import annotations

import json
import random
import zipfile
from pathlib import Path

import pytest

from tools.evalset import build_junk_eval as b
from tools.evalset import manifest
from evalset_support import (assert_gold_strings_in_pages, assert_html_pages_declare_their_charset_unless_noted,
                             assert_identical_builds, build_twice, checked_gold_rows)

_POOL = "春夏秋冬东南西北山水花木鸟虫鱼云雨风雪江河湖海金银铜铁石土田园林桥路街巷门窗楼台亭阁书画琴棋诗酒茶米面油盐"
_COUNTS = {"zh_essays": 4, "zh_news": 4, "en": 2, "junk": {k: 1 for k in b.JUNK_KINDS}}


def _w(rng: random.Random, lo: int, hi: int) -> str:
    return "".join(rng.choice(_POOL) for _ in range(rng.randrange(lo, hi)))


def _para(rng: random.Random, n: int) -> str:
    return "".join(f"{_w(rng, 6, 12)}，{_w(rng, 6, 14)}。" for _ in range(n))


def _write_weekly(src: Path, rng: random.Random) -> None:
    docs = src / "rfweekly" / "docs"
    docs.mkdir(parents=True)
    for i in range(1, 7):
        essay = "\n\n".join(_para(rng, 5) for _ in range(5))
        news = "\n\n".join(f"{k}、[{_w(rng, 5, 9)}](https://example.org/{i}/{k})\n\n![](https://img.example/{k}.png)\n\n"
                           + "\n\n".join(_para(rng, 2) for _ in range(3)) for k in range(1, 4))
        links = "\n\n".join(f"{k}、[{_w(rng, 6, 10)}](https://example.org/a{k})（英文）\n\n{_para(rng, 2)}" for k in range(1, 6))
        sayings = "\n\n".join(f"{k}、\n\n{_para(rng, 1)}\n\n-- [{_w(rng, 2, 4)}](https://example.org/s{k})" for k in range(1, 4))
        (docs / f"issue-{i}.md").write_text(
            f"# 科技爱好者周刊（第 {i} 期）：{_w(rng, 4, 8)}\n\n这里记录每周值得分享的科技内容。\n\n"
            f"## 本周话题：{_w(rng, 5, 9)}\n\n{essay}\n\n## 科技动态\n\n{news}\n\n## 文章\n\n{links}\n\n"
            f"## 言论\n\n{sayings}\n", encoding="utf-8")


def _write_horne(src: Path, rng: random.Random) -> None:
    words = ["council", "senator", "bridge", "election", "market", "school", "budget", "court"]
    folder = src / "horne"
    folder.mkdir(parents=True)
    with zipfile.ZipFile(folder / "Horne2017_FakeNewsData.zip", "w") as z:
        for kind in ("Real", "Fake", "Satire"):
            for i in range(4):
                title = f"The {words[i]} and the {words[i + 2]} agree on a new plan for the city"
                paras = [" ".join(f"The {rng.choice(words)} near the {rng.choice(words)} met on day {k + j} "
                                  f"and talked for hours, officials said." for k in range(3)) for j in range(5)]
                base = f"Public Data/Random Poltical News Dataset/{kind}"
                z.writestr(f"{base}/{i}_{kind}.txt", "\r\n\r\n".join(paras).encode("cp1252"))
                z.writestr(f"{base}_titles/{i}_{kind}.txt", (title + "\r\n").encode("cp1252"))


def _write_hitokoto(src: Path, rng: random.Random) -> None:
    folder = src / "hitokoto" / "sentences"
    folder.mkdir(parents=True)
    for cat in "acdefhikl":
        rows = [{"hitokoto": f"{_w(rng, 6, 12)}，{_w(rng, 4, 10)}。", "from": _w(rng, 2, 6),
                 "from_who": _w(rng, 2, 4) if k % 2 else None, "creator": f"user{k}"} for k in range(30)]
        (folder / f"{cat}.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")


def _write_lottery(src: Path, rng: random.Random) -> None:
    folder = src / "lothist" / "data"
    folder.mkdir(parents=True)
    ssq = [{"issueNumber": f"26{k:03d}", "redBalls": sorted(rng.sample(range(1, 34), 6)),
            "blueBall": rng.randrange(1, 17), "drawDate": f"2026-01-{k % 28 + 1:02d}"} for k in range(40)]
    dlt = [{"issueNumber": f"26{k:03d}", "frontBalls": sorted(rng.sample(range(1, 36), 5)),
            "backBalls": sorted(rng.sample(range(1, 13), 2)), "drawDate": f"2026-02-{k % 28 + 1:02d}"} for k in range(40)]
    (folder / "ssq.json").write_text(json.dumps(ssq), encoding="utf-8")
    (folder / "dlt.json").write_text(json.dumps(dlt), encoding="utf-8")


def _write_views(src: Path, rng: random.Random) -> None:
    views = {
        "application/app/views/help/play_ssq.php5": ["青岩球玩法说明", "开奖时间", "每周二、四、日开奖", "玩法规则",
                                                   "红球选6个，蓝球选1个，即为1注", "奖项设置", "一等奖", "中6红+1蓝", "浮动"],
        "application/app/views/help/download.php5": ["某某彩票", "请点击右上角按钮", "官方网站："],
        "application/app/views/help/download_ios.php5": ["某某彩票", "在浏览器中打开"],
        "application/app/views/activity/newUser.php5": ["新用户免费领彩票", "领取彩票红包", "活动时间：全年",
                                                      "每位用户限领一次；", "红包有效期为30天；", "规则"],
        "application/app/views/error/error_404.php5": ["出错啦", "返回我的账户"],
        "application/views/v1.1/elements/common/footer.php5": ["账户安全", "投注便捷", "新手教程", "帮助中心",
                                                            "某某彩票提醒：理性购彩", "版权所有", "京ICP备00000000号",
                                                            "客服热线：400-000-0000", "免费下载手机客户端"],
        "application/views/v1.1/elements/common/header_topbar_notlogin.php5": ["hi，欢迎来到某某彩票！", "免费注册", "登录"],
        "application/views/v1.1/elements/common/fast_login.php5": ["用户登录", "免费注册", "退出"],
        "application/views/v1.1/elements/common/appdownload.php5": ["扫码下载客户端", "手机购彩更方便"],
        "application/views/v1.1/kaijiang/ssq.php5": ["青岩球开奖结果", "开奖期次：", "开奖号码："],
    }
    for path, lines in views.items():
        f = src / "cai166" / path
        f.parent.mkdir(parents=True, exist_ok=True)
        body = "".join(f'<div class="x"><?php echo $a; ?>{x}</div>\n' for x in lines)
        f.write_text(f"<html><head><script>var a = 1;</script></head><body>\n{body}</body></html>\n", encoding="utf-8")


def _write_sources(root: Path) -> Path:
    src = root / "src"
    rng = random.Random(11)
    _write_weekly(src, rng)
    _write_horne(src, rng)
    _write_hitokoto(src, rng)
    _write_lottery(src, rng)
    _write_views(src, rng)
    return src


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_twice(lambda s, o, seed: b.build(s, o, seed, _COUNTS), _write_sources,
                       tmp_path_factory.mktemp("junk"), seed=9)


def test_two_builds_are_byte_identical(built):
    assert_identical_builds(built)


def test_gold_is_consistent_and_names_every_kind(built):
    root, info, _ = built
    rows = checked_gold_rows(root / "one")
    n_articles = _COUNTS["zh_essays"] + _COUNTS["zh_news"] + _COUNTS["en"]
    assert info["pages"] == len(rows) == n_articles + len(b.JUNK_KINDS)
    assert info["kinds"] == {"article": n_articles, "junk": len(b.JUNK_KINDS), "spam_only": 0}
    assert info["junk_kinds"] == {k: 1 for k in b.JUNK_KINDS}
    for r in rows:
        if r["kind"] == "junk":
            assert r["families"] == [10] and not r["article"] and not r["must_keep"] and not r["must_drop"]
            assert r["notes"].startswith("junk: ")
        else:
            assert r["families"] == [12] and 1 <= len(r["must_keep"]) <= 6, r["id"]
            if r["format"] == "txt":
                assert r["article"].split("\n", 1)[0] == r["title"]
    assert {r["lang"] for r in rows} == {"zh", "en"}


def test_gold_strings_are_on_the_pages_and_charsets_declared(built):
    root, _, _ = built
    assert_gold_strings_in_pages(root / "one")
    assert_html_pages_declare_their_charset_unless_noted(root / "one")


def test_markdown_and_template_markup_stay_out_of_the_pages(built):
    root, _, _ = built
    for f in (root / "one" / "pages").rglob("*"):
        if f.is_file():
            text = f.read_bytes().decode("gb18030" if f.suffix == ".html" else "utf-8", errors="replace")
            assert "](" not in text and "<?php" not in text and "![" not in text, f


def test_command_line_freezes_and_checks(built, tmp_path):
    root, _, _ = built
    src, out = root / "src", tmp_path / "part"
    build = lambda s, o, seed: b.build(s, o, seed, _COUNTS)  # noqa: E731  (the tiny folder has few articles)
    assert manifest.run_builder(["--source", str(src), "--out", str(out), "--freeze"], "t", build, ("pages",)) == 0
    assert (out / manifest.NAME).exists()
    assert manifest.run_builder(["--source", str(src), "--out", str(out), "--check"], "t", build, ("pages",)) == 0
