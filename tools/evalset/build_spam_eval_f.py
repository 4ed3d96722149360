"""The fifth frozen test part (``test5``): template family F, its own generators and sources.

Written from the spam families (README.md) and the pipeline's input/output formats only. Material
(prepare_sources keys): ``cec`` (the Chinese Emergency Corpus: crawled news reports, title, report
time and paragraphs of its annotated XML) for Chinese articles, ``clts`` (The Paper articles of the
CLTS samples) for pasted sentences and the foreign fragments of stuffing lines, ``adcn`` (city,
county and town names and district codes) for place names, commercial and loan names and tables,
``gbrc`` (three real gambling/lottery-site templates) for gambling names, junk listings and
gambling sentences, ``bbc2005`` (BBC News business/technology articles) for English pages.

    python -m tools.evalset.build_spam_eval_f --source /data/evalsets/sources \\
        --out /data/evalsets/spam9/test5 --seed 9 --freeze      # then --check

Deterministic: the same sources and seed give byte-identical files.
"""

from __future__ import annotations

import html
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tools.evalset.gold import check_gold, norm, summary, write_build_info, write_part
from tools.evalset.manifest import run_builder
from tools.evalset.material import CJK, Article, split_sentences, stable_hash

PART = "test5"


# --------------------------------------------------------------------------- template family F

@dataclass(frozen=True)
class FamilyF:
    list_seps: tuple[str, ...] = ("；", " · ", "▪", "~", "\u3000", "、")
    stuff_seps: tuple[str, ...] = ("", " ", "，", "…", "；")
    related_headers: tuple[str, ...] = ("相关新闻", "猜你还想看", "最新资讯", "精选阅读", "推荐阅读", "大家都在看")
    related_marks: tuple[str, ...] = ("", " [阅读]", "（详情）", " →", "·")
    keyword_labels: tuple[str, ...] = ("本文关键词:", "关键词：", "文章标签：", "标签:", "热搜词：")
    area_labels: tuple[str, ...] = ("服务区域：", "业务覆盖：", "本站分站：", "热门城市：", "周边地区：")
    address_labels: tuple[str, ...] = ("门店地址：", "分公司地址：", "联系地址：")
    sitemap_paths: tuple[str, ...] = ("/sitemap.xml.gz", "/map/index.html", "/seo/sitemap.html",
                                      "/news_sitemap.xml", "/wapmap.html")
    site_suffixes: tuple[str, ...] = ("信息港", "在线网", "资讯网", "生活网", "之窗", "热线")
    products: tuple[str, ...] = ("装修公司", "月子中心", "搬家公司", "家教", "废品回收", "防水补漏", "驾校报名")
    services: tuple[str, ...] = ("维修中心", "中医院", "皮肤病医院", "体育官网", "国际app下载", "娱乐城", "网",
                                 "开锁换锁", "管道疏通", "口腔医院", "婚庆公司", "装饰公司", "律师事务所",
                                 "培训学校", "男科医院", "二手车收购")
    loan_heads: tuple[str, ...] = ("私人借钱", "无抵押小额贷款", "信用卡代还", "贷款公司电话", "刷单兼职日结",
                                   "代开发票", "办证刻章", "网贷口子", "急用钱当天到账", "车辆抵押贷款")
    gambling_suffixes: tuple[str, ...] = ("娱乐平台", "官方网址", "注册开户", "彩票网", "app官网下载",
                                          "投注网站", "在线娱乐", "平台登录")
    header_links: tuple[str, ...] = ("本站首页", "新闻动态", "便民服务", "网站导航", "手机版")
    greetings: tuple[str, ...] = ("欢迎访问本站，您是今天第{n}位访客", "本站今日IP：{n}  PV：{m}",
                                  "祝您阅读愉快，天天好心情！", "本站已运行{n}天{k}小时",
                                  "加入收藏 | 设为主页 | 联系我们", "当前在线人数：{n}人，历史最高{m}人",
                                  "感谢您的光临，欢迎再次访问！")
    essay_topics: tuple[str, ...] = ("我的家乡", "读书的乐趣", "一件小事", "我的理想", "母爱", "坚持", "奋斗", "秋游")
    essay_kinds: tuple[str, ...] = ("作文{n}字初中", "作文精选", "作文{n}字小学", "优秀范文", "满分作文{n}字")
    quote_kinds: tuple[str, ...] = ("名言名句大全", "经典语录", "美文摘抄", "语录短句", "励志名言")


FAM = FamilyF()


# --------------------------------------------------------------------------- material

def _flat(s: str) -> str:
    s = s.replace("\u3000", "")
    s = re.sub(r"\s*\n\s*", "", s)
    return re.sub(r"[ \t]+", " ", s).strip()


_CREDIT = re.compile(r"(?:[（(]?(?:来源|稿源|责编|责任编辑|编辑|原标题)[：:][^。！？]*)+$")


def load_cec(folder: Path) -> list[Article]:
    """Chinese articles: every CEC report (title and paragraphs of the annotated XML, tags removed)."""
    out = []
    for f in sorted(folder.glob("CEC/*/*.xml")):
        text = f.read_text(encoding="utf-8", errors="replace")
        title = re.search(r"<Title>(.*?)</Title>", text, re.S)
        paras = [_flat(html.unescape(re.sub(r"<[^>]+>", "", p)))
                 for p in re.findall(r"<Paragraph>(.*?)</Paragraph>", text, re.S)]
        paras = [_CREDIT.sub("", p).strip() for p in paras]
        paras = [p for p in paras if len(CJK.findall(p)) >= 8 and "\ufffd" not in p]
        if not title or not paras:
            continue
        t = _flat(html.unescape(re.sub(r"<[^>]+>", "", title.group(1))))
        rel = f.relative_to(folder).as_posix()
        out.append(Article(f"cec:{rel}", t, tuple(paras), f"shijiebei2009/CEC-Corpus:{rel}", "zh"))
    return out


def load_clts_sentences(path: Path) -> list[str]:
    sents, seen = [], set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            continue
        for key in ("article", "summarization"):
            for s in split_sentences(item.get(key, "")):
                if 16 <= len(s) <= 80 and s[-1] in "。！？" and s not in seen and "@" not in s \
                        and len(CJK.findall(s)) >= 12:
                    seen.add(s)
                    sents.append(s)
    return sents


def load_places(folder: Path) -> dict:
    d2 = json.loads((folder / "json/2021/2.json").read_text(encoding="utf-8"))
    d3 = json.loads((folder / "json/2021/3.json").read_text(encoding="utf-8"))
    d4 = json.loads((folder / "json/2021/4.json").read_text(encoding="utf-8"))
    bad = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
    cities = sorted({n for n in d2.values() if n not in bad and len(n) <= 6})
    counties = sorted({n for n in d3.values() if n not in bad and 2 <= len(n) <= 5})
    towns = sorted({n for n in d4.values() if 3 <= len(n) <= 5 and re.fullmatch(r"[\u4e00-\u9fff]+", n)})
    tables = []
    for code, city in sorted(d2.items()):
        rows = [(c, n) for c, n in sorted(d3.items()) if c[:4] == code and n not in bad]
        if city not in bad and 5 <= len(rows) <= 14:
            tables.append((city, rows))
    return {"cities": cities, "counties": counties, "towns": towns, "tables": tables}


def load_gambling(folder: Path) -> dict:
    text = "\n".join(f.read_text(encoding="utf-8", errors="replace")
                     for f in sorted(folder.rglob("*.ftl")))
    text = re.sub(r"<#--.*?-->|<script.*?</script>|<style.*?</style>", " ", text, flags=re.S | re.I)
    text = re.sub(r"<[^>]+>|\$\{[^}]*\}|&nbsp;", "\n", text)
    lines, seen = [], set()
    for line in text.splitlines():
        line = re.sub(r"\s+", " ", line).strip()
        if len(CJK.findall(line)) >= 12 and line not in seen and not re.search(r"[{}$<>=\\]|//", line) \
                and len(line) <= 90:
            seen.add(line)
            lines.append(line)
    lotteries = sorted({x.strip() for x in text.splitlines()
                        if re.fullmatch(r"\s*[\u4e00-\u9fff]{2,5}(?:时时彩|快3|快乐8|快乐十分|PK10|六合彩|排列3|3D|农场|飞艇|28)\s*", x)})
    brands = sorted({m.lower() for m in re.findall(r"[A-Za-z]{3,}bet", text)}
                    | set(re.findall(r"天天彩票", text)))
    return {"lines": lines, "lotteries": lotteries, "brands": brands}


def load_bbc(folder: Path) -> list[Article]:
    out = []
    for f in sorted(folder.glob("bbc/*/*.txt")):
        raw = f.read_bytes().decode("latin-1")
        lines = [x.strip() for x in raw.splitlines() if x.strip()]
        if len(lines) < 5:
            continue
        paras = [x for x in lines[1:] if len(x) >= 60]
        if len(paras) < 4 or any(ord(c) > 126 and c not in "£" for c in "".join(paras)):
            continue
        rel = f.relative_to(folder).as_posix()
        out.append(Article(f"bbc:{rel}", lines[0], tuple(paras[:8]),
                           f"dejanbatanjac/bbc-article-classify-bert:{rel}", "en"))
    return out


def _shingles(s: str) -> set[str]:
    s = re.sub(r"\s+", "", s)
    return {s[i:i + 5] for i in range(0, max(1, len(s) - 4))}


def distinct_articles(arts: list[Article], limit: float = 0.3) -> list[Article]:
    """Articles with no near-duplicate among the ones kept before them (5-gram Jaccard)."""
    kept, sh = [], []
    for a in arts:
        s = _shingles("".join(a.paras))
        if all(len(s & t) / max(1, len(s | t)) < limit for t in sh):
            kept.append(a)
            sh.append(s)
    return kept


# --------------------------------------------------------------------------- pages

@dataclass
class Page:
    pid: str
    kind: str
    lang: str
    title: str
    paras: list[str]  # gold article paragraphs
    shown: list[str]  # paragraphs as written (spam included)
    source: str
    fmt: str = "txt"
    charset: str = "utf-8"
    declare: str = "meta"  # meta | http-equiv | none
    layout: int = 0
    single_p: bool = False
    header: list[str] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    title_tag: str = ""
    keywords: str = ""
    site: str = ""
    info: str = ""
    table: list = field(default_factory=list)
    table_caption: str = ""
    must_keep: list[str] = field(default_factory=list)
    must_drop: list[str] = field(default_factory=list)
    families: set = field(default_factory=set)
    cluster: str | None = None
    notes: list[str] = field(default_factory=list)
    restored: set = field(default_factory=set)  # must_keep sentences an injection's removal restores

    def gold_article(self) -> str:
        if self.kind != "article":
            return ""
        body = list(self.paras)
        if self.table:
            body += [f"{c} {n}" for c, n in self.table]
        if self.fmt == "txt":
            return "\n".join([self.title] + body)
        return "\n".join(body)


def _pick(r: random.Random, items: list, k: int) -> list:
    return r.sample(items, min(k, len(items)))


def _sentences(paras: list[str]) -> list[str]:
    out = []
    for p in paras:
        out.extend(s for s in split_sentences(p) if 8 <= len(s) <= 160 and "\ufffd" not in s)
    return out


class Gen:
    def __init__(self, mat: dict, seed: int):
        self.m = mat
        self.seed = seed

    def rng(self, key: str) -> random.Random:
        return random.Random(stable_hash(f"{self.seed}:{key}"))

    # --- vocabulary
    def place(self, r):
        pool = r.choice(("counties", "counties", "towns", "cities"))
        return r.choice(self.m["places"][pool])

    def commercial(self, r):
        p = self.place(r)
        stem = re.sub(r"(?:市|县|区|镇|乡|街道)$", "", p) if r.random() < 0.6 else p
        return (stem if len(stem) >= 2 else p) + r.choice(FAM.services)

    def loan(self, r):
        p = self.place(r)
        stem = re.sub(r"(?:市|县|区)$", "", p)
        return (stem if len(stem) >= 2 else p) + r.choice(FAM.loan_heads)

    def gambling(self, r):
        stems = self.m["gambling"]["brands"] + self.m["gambling"]["lotteries"]
        return r.choice(stems) + r.choice(FAM.gambling_suffixes)

    def site_name(self, r):
        p = r.choice(self.m["places"]["cities"] + self.m["places"]["counties"])
        stem = re.sub(r"(?:市|县|区)$", "", p)
        return (stem if len(stem) >= 2 else p) + r.choice(FAM.products) + r.choice(FAM.site_suffixes)

    def place_list(self, r, n=None):
        n = n or r.randint(6, 14)
        sep = r.choice(FAM.list_seps)
        return sep.join(self.place(r) for _ in range(n))

    def stuffing(self, r):
        frags = []
        for s in _pick(r, self.m["pasted"], 3):
            parts = [x for x in re.split(r"[，。！？；]", s) if len(x) >= 4]
            if parts:
                frags.append(r.choice(parts))
        sep = r.choice(FAM.stuff_seps)
        items = []
        for f in frags:
            items.append(r.choice((self.commercial, self.loan, self.gambling))(r))
            items.append(f)
        return sep.join(items)

    def related_block(self, r):
        head = r.choice(FAM.related_headers)
        mark = r.choice(FAM.related_marks)
        heads = [a.title for a in _pick(r, self.m["headlines"], r.randint(3, 6))]
        return [head] + [h + mark for h in heads]

    def keyword_line(self, r, words=None):
        words = words or [r.choice((self.commercial, self.loan, self.place))(r) for _ in range(r.randint(3, 6))]
        return r.choice(FAM.keyword_labels) + r.choice(("、", " ", "，", ",")).join(words)

    def sitemap(self, r, site):
        dom = "www." + "".join(r.choice("abcdefghjkmnpqrstwxyz") for _ in range(r.randint(5, 8))) + r.choice((".com", ".cn", ".net", ".com.cn"))
        return f"{dom}{r.choice(FAM.sitemap_paths)}"

    def greeting(self, r):
        return r.choice(FAM.greetings).format(n=r.randint(100, 99999), m=r.randint(100000, 9999999), k=r.randint(1, 23))


# --------------------------------------------------------------------------- spam recipes

def inject(page: Page, r: random.Random, kw: str, style: str | None = None) -> bool:
    """Inject ``kw`` after a comma inside a sentence of the shown paragraphs."""
    cands = []
    for pi, p in enumerate(page.shown):
        for s in split_sentences(p):
            for m in re.finditer("，", s):
                if 4 <= m.start() <= len(s) - 5 and any(s in q for q in page.paras):
                    cands.append((pi, s, m.start()))
    if not cands:
        return False
    pi, s, i = r.choice(cands)
    style = style or r.choice(("full", "full", "full", "half", "paren", "lent", "space"))
    a, b = s[:i], s[i + 1:]
    if style == "full":
        new, drop = f"{a}，{kw}，{b}", f"{a[-2:]}，{kw}，"
    elif style == "half":
        new, drop = f"{a},{kw},{b}", f"{a[-2:]},{kw},"
    elif style == "paren":
        new, drop = f"{a}（{kw}），{b}", f"{a[-2:]}（{kw}）"
    elif style == "lent":
        new, drop = f"{a}，【{kw}】{b}", f"【{kw}】{b[:2]}"
    else:
        new, drop = f"{a}， {kw} ，{b}", f"{a[-2:]}，{kw}，"
    page.shown[pi] = page.shown[pi].replace(s, new, 1)
    page.must_drop.append(drop)
    page.must_keep.append(s)
    page.restored.add(s)
    return True


def paste(page: Page, r: random.Random, sent: str, as_para: bool) -> bool:
    if as_para or len(page.shown) == 0:
        at = r.randint(1, max(1, len(page.shown) - 1)) if len(page.shown) > 1 else len(page.shown)
        page.shown.insert(at, sent)
        page.must_drop.append(sent)
        return True
    for pi in r.sample(range(len(page.shown)), len(page.shown)):
        ss = split_sentences(page.shown[pi])
        if len(ss) >= 2:
            j = r.randint(1, len(ss) - 1)
            page.shown[pi] = "".join(ss[:j]) + sent + "".join(ss[j:])
            page.must_drop.append(sent)
            page.must_keep += [x for x in (ss[j - 1], ss[j]) if any(x in q for q in page.paras)]
            return True
    return paste(page, r, sent, True)


def default_keep(page: Page, r: random.Random, n: int = 3) -> None:
    ss = [s for s in _sentences(page.paras) if len(s) >= 10 and s[-1] in "。！？”」!?."]
    if not ss:
        return
    pick = [ss[0], ss[-1]] + r.sample(ss, min(len(ss), n))
    for s in pick:
        if s not in page.must_keep:
            page.must_keep.append(s)


def seed_wrapper(g: Gen, page: Page, r: random.Random, heavy: bool = False) -> None:
    """Seed-like hijacking: place lists, doubled titles, site-name headers, blocks, sitemap URLs."""
    site = page.site or g.site_name(r)
    page.site = site
    kinds = r.sample(["places", "double", "sitehead", "related", "sitemap", "kwline", "address", "hidden"],
                     r.randint(2, 4) if not heavy else 6)
    for k in kinds:
        if k == "places":
            line = r.choice(FAM.area_labels + ("",)) + g.place_list(r)
            (page.header if r.random() < 0.6 else page.footer).append(line)
            page.must_drop.append(line)
            page.families.add(1)
        elif k == "double":
            line = r.choice((f"{site}-{site}", f"{site}_{site}", f"{site} {site}", f"{page.title}_{site}_{site}"))
            page.header.insert(0, line)
            page.must_drop.append(f"_{site}_{site}" if line.startswith(page.title) else line)
            page.families.add(4)
        elif k == "sitehead":
            line = f"{site} " + " | ".join(FAM.header_links[:r.randint(3, 5)])
            page.header.insert(0, line)
            page.must_drop.append(line)
            page.families.add(4)
        elif k == "related":
            block = g.related_block(r)
            page.footer += block
            page.must_drop += block[1:3]
            page.families.add(7)
        elif k == "sitemap":
            line = g.sitemap(r, site)
            page.footer.append(line)
            page.must_drop.append(line)
            page.families.add(7)
        elif k == "kwline":
            line = g.keyword_line(r)
            page.footer.append(line)
            page.must_drop.append(line)
            page.families.update({2, 7})
        elif k == "address":
            addrs = [f"{g.place(r)}{r.choice(('路', '大道', '街'))}{r.randint(1, 999)}号" for _ in range(r.randint(3, 6))]
            line = r.choice(FAM.address_labels) + "；".join(addrs)
            page.footer.append(line)
            page.must_drop.append(line)
            page.families.add(1)
        elif k == "hidden" and page.fmt == "html":
            items = [g.commercial(r) for _ in range(r.randint(5, 10))]
            page.hidden += items
            page.must_drop += items[:2]
            page.families.add(1)
    if page.fmt == "html" and r.random() < 0.5:
        page.title_tag = f"{page.title}_{site}"
        kws = [g.commercial(r) for _ in range(4)]
        page.keywords = ",".join(kws)
        page.must_drop.append(kws[0])
        page.families.add(4)


def crawled_gambling(g: Gen, page: Page, r: random.Random) -> None:
    name = g.gambling(r)
    ways = r.sample(["title", "sentence", "kwline", "tail", "headline", "gsent"], r.randint(2, 3))
    for w in ways:
        if w == "title":
            if page.fmt == "html":
                page.title_tag = f"{name}-{page.title}"
                page.keywords = f"{name},{g.gambling(r)},{g.gambling(r)}"
            else:
                page.header.insert(0, f"{name}_{page.title}")
            page.must_drop.append(name)
        elif w == "sentence":
            if inject(page, r, name, r.choice(("full", "half", "paren"))):
                pass
        elif w == "kwline":
            line = "本文关键词:" + r.choice(("，", "、", " ")).join([name, g.gambling(r), g.gambling(r)])
            page.footer.append(line)
            page.must_drop.append(line)
            page.families.add(2)
        elif w == "tail":
            tail = "".join(g.gambling(r) for _ in range(r.randint(2, 4)))
            wrap = r.choice(("{}", "——{}", "〔{}〕", " {}"))
            page.shown[-1] = page.shown[-1] + wrap.format(tail)
            page.must_drop.append(tail)
            page.families.add(2)
        elif w == "headline":
            line = f"【{name}】{r.choice(g.m['gambling']['lines'])}"
            page.header.append(line)
            page.must_drop.append(line)
        elif w == "gsent":
            s = r.choice(g.m["gambling"]["lines"])
            page.shown.insert(r.randint(1, len(page.shown)), s)
            page.must_drop.append(s)
            page.families.add(5)
    page.families.add(8)


def stuffing_lines(g: Gen, page: Page, r: random.Random) -> None:
    for _ in range(r.randint(1, 2)):
        line = g.stuffing(r)
        where = r.choice(("header", "footer", "para"))
        if where == "header":
            page.header.append(line)
        elif where == "footer":
            page.footer.append(line)
        else:
            page.shown.insert(r.randint(0, len(page.shown)), line)
        page.must_drop.append(line)
    page.families.add(6)


# --------------------------------------------------------------------------- rendering

def render_html(p: Page) -> str:
    e = lambda s: html.escape(s, quote=True)  # noqa: E731
    if p.declare == "meta":
        meta = f'<meta charset="{p.charset}">'
    elif p.declare == "http-equiv":
        meta = f'<meta http-equiv="Content-Type" content="text/html; charset={p.charset}">'
    else:
        meta = ""
    kw = f'\n<meta name="keywords" content="{e(p.keywords)}">' if p.keywords else ""
    title = p.title_tag or p.title
    if p.single_p:  # one <p>, a sentence a line (half of them with <br>, half with bare newlines)
        body = "<p>" + ("<br>\n" if p.layout != 1 else "\n").join(e(x) for x in p.shown) + "</p>"
    elif p.layout == 1:
        body = "<br />\n".join(f"\u3000\u3000{e(x)}" for x in p.shown)
    else:
        body = "\n".join(f"<p>{e(x)}</p>" for x in p.shown)
    if p.table:
        rows = "".join(f"<tr><td>{e(c)}</td><td>{e(n)}</td></tr>" for c, n in p.table)
        body += f'\n<table border="1"><caption>{e(p.table_caption)}</caption><tr><th>区划代码</th><th>名称</th></tr>{rows}</table>'
    head = "".join(f'<div class="topbar">{e(x)}</div>\n' for x in p.header)
    foot = "".join(f'<li>{e(x)}</li>\n' for x in p.footer)
    foot = f'<ul class="extra">\n{foot}</ul>\n' if foot else ""
    hid = ('\n<div style="display:none">' + " ".join(f'<a href="/t/{i}.html">{e(x)}</a>' for i, x in enumerate(p.hidden))
           + "</div>") if p.hidden else ""
    site = e(p.site or "新闻中心")
    info = f'<div class="pubinfo">{e(p.info)}</div>\n' if p.info else ""
    h = e(p.title)
    if p.layout == 0:  # portal article page
        return f"""<!DOCTYPE html>
<html>
<head>
{meta}
<title>{e(title)}</title>{kw}
<link href="/css/news.css" rel="stylesheet" type="text/css">
</head>
<body>
<div class="top"><a href="/">{site}</a> <a href="/news/">新闻</a> <a href="/society/">社会</a> <a href="/map/">导航</a></div>
{head}<div class="wrap">
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/news/">社会新闻</a></div>
<h1 class="art-title">{h}</h1>
{info}<div class="TRS_Editor">
{body}
</div>
<div class="editor">【打印本页】【关闭窗口】</div>
{foot}</div>{hid}
<div class="copyright">版权所有 {site} 未经授权禁止转载</div>
</body>
</html>
"""
    if p.layout == 1:  # forum thread
        return f"""<html>
<head>
{meta}
<title>{e(title)} - {site}论坛</title>{kw}
</head>
<body>
<div id="hd"><a href="/forum.php">{site}论坛</a> » <a href="/forum-2-1.html">社会杂谈</a></div>
{head}<table class="plhin" cellspacing="0"><tr><td class="pls">楼主</td>
<td class="plc"><h3 class="ts">{h}</h3>
<div class="t_fsz"><table><tr><td class="t_f" id="postmessage_1">
{body}
</td></tr></table></div>
{foot}</td></tr></table>{hid}
<div id="ft">Powered by Discuz! {site}</div>
</body>
</html>
"""
    return f"""<!doctype html>
<html lang="zh">
<head>
{meta}
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{e(title)}</title>{kw}
</head>
<body>
<header><span class="logo">{site}</span><nav><a href="/">首页</a><a href="/hot/">热点</a></nav></header>
{head}<article class="article">
<h2>{h}</h2>
{info}<section class="content">
{body}
</section>
</article>
{foot}<footer>{site} · 手机版</footer>{hid}
</body>
</html>
"""


def render_txt(p: Page) -> str:
    lines = list(p.header) + [p.title] + list(p.shown) + list(p.footer)
    return "\n".join(lines) + "\n"


def encode(p: Page) -> bytes:
    text = render_html(p) if p.fmt == "html" else render_txt(p)
    return text.encode(p.charset if p.fmt == "html" else "utf-8")


def page_text(p: Page, data: bytes) -> str:
    """What a reader could see on the written page (with <title> and <meta> contents)."""
    t = data.decode(p.charset if p.fmt == "html" else "utf-8")
    if p.fmt == "txt":
        return t
    metas = " ".join(re.findall(r'<meta name="keywords" content="([^"]*)"', t))
    titles = " ".join(re.findall(r"<title>(.*?)</title>", t, re.S))
    body = re.sub(r"<[^>]+>", " ", t)
    return html.unescape(titles + " " + metas + " " + body)


def validate(p: Page, data: bytes) -> None:
    seen = norm(page_text(p, data))
    art = norm(p.gold_article())
    keep, drop = [], []
    for k in p.must_keep:
        if norm(k) in art and (norm(k) in seen or k in p.restored) and k not in keep:
            keep.append(k)
        elif k not in keep:
            p.notes.append(f"must_keep left out (not on the page or not in the article): {k[:20]}")
    for d in p.must_drop:
        if norm(d) in seen and not (art and norm(d) in art) and d not in drop and norm(d):
            drop.append(d)
        elif d not in drop:
            p.notes.append(f"must_drop left out (not on the page or in the article): {d[:20]}")
    p.must_keep, p.must_drop = keep, drop


def gold_row(p: Page) -> dict:
    return {"id": p.pid, "kind": p.kind, "title": p.title, "article": p.gold_article(),
            "must_keep": p.must_keep, "must_drop": p.must_drop, "cluster": p.cluster,
            "families": sorted(p.families), "source": p.source, "notes": "; ".join(p.notes),
            "format": p.fmt, "charset": ("gbk (undeclared)" if p.declare == "none" and p.fmt == "html"
                                         else p.charset)}


# --------------------------------------------------------------------------- the part

CHARSETS = (("utf-8", "meta"), ("gbk", "meta"), ("gb18030", "http-equiv"), ("utf-8", "http-equiv"),
            ("gb2312", "http-equiv"), ("gbk", "none"), ("gb18030", "meta"), ("utf-8", "meta"))


def _encodable(p: Page) -> bool:
    try:
        encode(p)
        return True
    except UnicodeEncodeError:
        return False


def new_page(g: Gen, art: Article, pid: str, r: random.Random, fmt: str | None = None) -> Page:
    fmt = fmt or ("html" if pid.endswith(".html") else "txt")
    p = Page(pid=pid, kind="article", lang=art.lang, title=art.title, paras=list(art.paras),
             shown=list(art.paras), source=art.source, fmt=fmt)
    if fmt == "html":
        p.charset, p.declare = r.choice(CHARSETS)
        p.layout = r.randint(0, 2)
        p.info = r.choice(("", f"来源：{r.choice(('新华网', '中新网', '人民网', '本地新闻网'))}"))
    return p


def finish(p: Page) -> Page:
    if p.fmt == "html" and not _encodable(p):
        p.charset, p.declare = "utf-8", "meta"
    return p


def build_pages(mat: dict, seed: int) -> list[Page]:
    g = Gen(mat, seed)
    zh = list(mat["zh"])
    random.Random(seed).shuffle(zh)
    pages: list[Page] = []
    it = iter(zh)
    n_total = len(zh)

    def take(k):
        out = []
        for _ in range(k):
            a = next(it, None)
            if a is None:
                break
            out.append(a)
        return out

    scale = min(1.0, n_total / 330)
    q = lambda k: max(1, int(round(k * scale)))  # noqa: E731

    # 11: near-duplicate clusters (three copies; the third lightly edited with one injected name)
    for ci, art in enumerate(take(9)):
        cid = f"t5-c{ci + 1:02d}"
        common = [s for s in _sentences(list(art.paras[:-1] if len(art.paras) > 1 else art.paras))]
        for k in range(3):
            r = g.rng(f"{cid}:{k}")
            pid = f"dup{(ci * 3 + k) % 7 + 1:02d}/c{ci + 1:02d}_{k}.{'html' if k == 1 else 'txt'}"
            p = new_page(g, art, pid, r, "html" if k == 1 else "txt")
            p.cluster = cid
            if k == 2:
                if len(p.paras) > 1:
                    p.paras = p.paras[:-1]
                    p.shown = list(p.paras)
                inject(p, r, g.commercial(r))
                p.families.add(3)
            else:
                seed_wrapper(g, p, r)
            p.must_keep += [s for s in r.sample(common, min(3, len(common)))]
            p.families.add(11)
            pages.append(finish(p))

    # 9: two shared long templates: one folder of GBK HTML, text dumps spread over folders
    r0 = g.rng("tpl1")
    tpl1_head = [g.place_list(r0, 18), "【" + g.gambling(r0) + "】" + r0.choice(mat["gambling"]["lines"])]
    tpl1_foot = g.related_block(r0) + [r0.choice(mat["gambling"]["lines"]) for _ in range(4)] + [g.keyword_line(r0)]
    tpl1_site = g.site_name(r0)
    for i, art in enumerate(take(q(11))):
        r = g.rng(f"tpl1:{i}")
        p = new_page(g, art, f"tplsite/a{i + 1:03d}.html", r, "html")
        p.charset, p.declare, p.layout, p.site = "gbk", "meta", 0, tpl1_site
        p.header, p.footer = list(tpl1_head), list(tpl1_foot)
        p.must_drop += [tpl1_head[0], tpl1_head[1], tpl1_foot[1], tpl1_foot[-2], tpl1_foot[-1]]
        p.families.update({9, 1, 8})
        default_keep(p, r)
        pages.append(finish(p))
    r0 = g.rng("tpl2")
    tpl2_site = g.site_name(r0)
    tpl2_head = [f"{tpl2_site}_{tpl2_site}", r0.choice(FAM.area_labels) + g.place_list(r0, 12)]
    tpl2_foot = [g.stuffing(r0), g.stuffing(r0), g.keyword_line(r0), g.sitemap(r0, tpl2_site)]
    for i, art in enumerate(take(q(11))):
        r = g.rng(f"tpl2:{i}")
        p = new_page(g, art, f"net{i % 6 + 1:02d}/t{i + 1:03d}.txt", r, "txt")
        p.header, p.footer = list(tpl2_head), list(tpl2_foot)
        p.must_drop += tpl2_head + tpl2_foot
        p.families.update({9, 1, 4, 6, 7})
        default_keep(p, r)
        pages.append(finish(p))

    # 1/4/7: seed-like wrappers, by site groups of shared profile
    for i, art in enumerate(take(q(50))):
        grp = f"site{i % 12 + 1:02d}"
        rs = g.rng(f"profile:{grp}")
        r = g.rng(f"seed:{i}")
        p = new_page(g, art, f"{grp}/s{i + 1:03d}.{'html' if r.random() < 0.55 else 'txt'}", r)
        p.site = g.site_name(rs)
        seed_wrapper(g, p, r)
        default_keep(p, r)
        pages.append(finish(p))

    # 1: heavily hijacked short articles (spam outweighs the article)
    for i, art in enumerate(take(q(16))):
        r = g.rng(f"heavy:{i}")
        p = new_page(g, art, f"hj{i % 4 + 1:02d}/h{i + 1:03d}.{'html' if i % 2 else 'txt'}", r,
                     "html" if i % 2 else "txt")
        seed_wrapper(g, p, r, heavy=True)
        stuffing_lines(g, p, r)
        p.footer += g.related_block(r)
        p.families.add(1)
        default_keep(p, r)
        pages.append(finish(p))

    # 3: one injected name and no other evidence (commercial, place, gambling, loan/ad)
    kinds = ["commercial"] * 32 + ["place"] * 15 + ["gambling"] * 14 + ["loan"] * 11
    for i, art in enumerate(take(q(len(kinds)))):
        kind = kinds[i % len(kinds)]
        r = g.rng(f"inj:{i}")
        p = new_page(g, art, f"news{i % 10 + 1:02d}/i{i + 1:03d}.{'html' if r.random() < 0.6 else 'txt'}", r)
        n = 2 if r.random() < 0.3 else 1
        ok = False
        for _ in range(n):
            kw = {"commercial": g.commercial, "place": g.place, "gambling": g.gambling, "loan": g.loan}[kind](r)
            ok = inject(p, r, kw) or ok
        p.families.add(3)
        if kind == "gambling":
            p.families.add(8)
        if not ok:
            p.notes.append("no comma to inject at: a clean page")
            p.families = {12}
        default_keep(p, r, 2)
        pages.append(finish(p))

    # 5: pasted sentences, inside a paragraph or as an extra paragraph
    for i, art in enumerate(take(q(36))):
        r = g.rng(f"paste:{i}")
        p = new_page(g, art, f"blog{i % 8 + 1:02d}/p{i + 1:03d}.{'html' if r.random() < 0.55 else 'txt'}", r)
        for _ in range(r.randint(1, 2)):
            paste(p, r, r.choice(mat["pasted"]), r.random() < 0.45)
        p.families.add(5)
        default_keep(p, r, 2)
        pages.append(finish(p))

    # 6: stuffing lines of keywords and foreign fragments
    for i, art in enumerate(take(q(26))):
        r = g.rng(f"stuff:{i}")
        p = new_page(g, art, f"info{i % 6 + 1:02d}/f{i + 1:03d}.{'html' if r.random() < 0.5 else 'txt'}", r)
        stuffing_lines(g, p, r)
        default_keep(p, r)
        pages.append(finish(p))

    # 8/2: crawled-style gambling spam
    for i, art in enumerate(take(q(30))):
        r = g.rng(f"gamb:{i}")
        p = new_page(g, art, f"bet{i % 6 + 1:02d}/g{i + 1:03d}.{'html' if r.random() < 0.6 else 'txt'}", r)
        crawled_gambling(g, p, r)
        default_keep(p, r)
        pages.append(finish(p))

    # 12: guards
    rest = take(len(zh))
    enum_re = re.compile(r"[\u4e00-\u9fff]{2,}、[\u4e00-\u9fff]{2,}、[\u4e00-\u9fff]{2,}")
    quote_re = re.compile(r"“[^”]{6,}”")
    fig_re = re.compile(r"\d+(?:\.\d+)?(?:人|万|元|级|公里|辆|户|%)")
    guards = [a for a in rest if any(enum_re.search(s) or quote_re.search(s) or len(fig_re.findall(s)) >= 2
                                     for s in _sentences(list(a.paras)))]
    others = [a for a in rest if a not in guards]
    for i, art in enumerate(guards[:q(34)]):
        r = g.rng(f"guard:{i}")
        p = new_page(g, art, f"zx{i % 8 + 1:02d}/k{i + 1:03d}.{'html' if r.random() < 0.5 else 'txt'}", r)
        special = [s for s in _sentences(p.paras) if enum_re.search(s) or quote_re.search(s) or len(fig_re.findall(s)) >= 2]
        p.must_keep += special[:4]
        if i % 3 == 0:  # the same kind of text next to real spam
            seed_wrapper(g, p, r)
        p.families.add(12)
        default_keep(p, r, 1)
        pages.append(finish(p))
    more = others + guards[q(34):]
    for i, art in enumerate(more[:q(40)]):
        r = g.rng(f"clean:{i}")
        kind = ("clean", "short", "singlep", "clean")[i % 4]
        fmt = "html" if kind == "singlep" or r.random() < 0.5 else "txt"
        p = new_page(g, art, f"cn{i % 6 + 1:02d}/n{i + 1:03d}.{fmt}", r, fmt)
        if kind == "short" and len(p.paras[0]) >= 60:
            p.paras = p.paras[:1]
            p.shown = list(p.paras)
        if kind == "singlep" and p.fmt == "html":
            ss = _sentences(p.paras)
            if len(ss) >= 3:
                p.paras = ss
                p.shown = list(ss)
                p.single_p = True
        p.families.add(12)
        default_keep(p, r, 2)
        pages.append(finish(p))
    # tables of districts and codes (a data page: an introduction and the table)
    for i, (city, rows) in enumerate(g.rng("tables").sample(mat["places"]["tables"], min(5, len(mat["places"]["tables"])))):
        r = g.rng(f"table:{i}")
        intro = f"下表列出{city}所辖的{len(rows)}个县级行政区划的名称和统计用区划代码（2021年）。"
        art = Article(f"adcn:{city}", f"{city}县级行政区划代码", (intro,), f"liyanjie2048/AdministrativeDivisionCn:json/2021/3.json#{city}", "zh")
        p = new_page(g, art, f"data{i + 1:02d}/table{i + 1}.html", r, "html")
        p.table, p.table_caption = rows, f"{city}县级行政区划"
        p.must_keep += [intro] + _pick(r, [n for _, n in rows if len(n) >= 3], 3)
        p.families.add(12)
        pages.append(finish(p))

    # English articles (clean, or with a Chinese hijacking wrapper)
    for i, art in enumerate(mat["en"]):
        r = g.rng(f"en:{i}")
        p = new_page(g, art, f"world{i % 3 + 1:02d}/e{i + 1:03d}.{'html' if i % 2 else 'txt'}", r,
                     "html" if i % 2 else "txt")
        if p.fmt == "html":
            p.charset, p.declare, p.info = "utf-8", "meta", ""
        ss = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", " ".join(p.paras)) if len(s) > 40]
        p.must_keep += r.sample(ss, min(3, len(ss)))
        if i % 3 == 2:
            seed_wrapper(g, p, r)
        p.families.add(12)
        pages.append(finish(p))

    pages += junk_pages(g, seed)
    return pages


def junk_pages(g: Gen, seed: int) -> list[Page]:
    out = []
    m = g.m

    def jp(pid, kind, title, lines, fams, src, fmt="html", r=None):
        p = Page(pid=pid, kind=kind, lang="zh", title=title, paras=[], shown=list(lines), source=src, fmt=fmt)
        if fmt == "html":
            p.charset, p.declare = r.choice(CHARSETS)
            p.layout = 2 if r.random() < 0.5 else 0
        p.must_drop += [x for x in lines if len(x) >= 6][:3]
        p.families.update(fams)
        return finish(p)

    for i in range(6):
        r = g.rng(f"junk:greet:{i}")
        lines = [g.greeting(r) for _ in range(r.randint(3, 6))]
        out.append(jp(f"junk{i % 3 + 1:02d}/visit{i + 1}.{'html' if i % 2 else 'txt'}", "junk",
                      r.choice(("欢迎光临", "访客统计", "本站公告")), lines, {10}, "template family F",
                      "html" if i % 2 else "txt", r))
    for i in range(5):
        r = g.rng(f"junk:essay:{i}")
        lines = [f"{t}{r.choice(FAM.essay_kinds).format(n=r.choice((300, 400, 500, 600, 800)))}"
                 for t in r.sample(FAM.essay_topics, 6)]
        out.append(jp(f"junk{i % 3 + 4:02d}/essay{i + 1}.html", "junk", f"{lines[0]}_作文网", lines, {10},
                      "template family F", "html", r))
    for i in range(4):
        r = g.rng(f"junk:quote:{i}")
        lines = [f"关于{t}的{r.choice(FAM.quote_kinds)}" for t in r.sample(FAM.essay_topics, 6)]
        out.append(jp(f"junk{i % 3 + 4:02d}/quote{i + 1}.{'txt' if i % 2 else 'html'}", "junk", lines[0], lines, {10},
                      "template family F", "txt" if i % 2 else "html", r))
    for i in range(5):
        r = g.rng(f"junk:lottery:{i}")
        lines = []
        for name in r.sample(m["gambling"]["lotteries"], min(6, len(m["gambling"]["lotteries"]))):
            nums = " ".join(f"{r.randint(0, 9)}" for _ in range(5))
            lines.append(f"{name} 第{r.randint(20190001, 20199999)}期 开奖号码：{nums}")
        out.append(jp(f"cp{i % 2 + 1:02d}/kj{i + 1}.html", "junk", "开奖结果_" + g.gambling(r), lines, {10, 8},
                      "MyAllures/gb-rcenter:WebContent/msites/ftl/ (lottery names)", "html", r))
    for i in range(5):
        r = g.rng(f"junk:lobby:{i}")
        lines = [g.gambling(r) + " " + " | ".join(_pick(r, m["gambling"]["lotteries"], 4))] + \
            _pick(r, m["gambling"]["lines"], r.randint(4, 7))
        out.append(jp(f"cp{i % 2 + 1:02d}/lobby{i + 1}.{'html' if i % 2 == 0 else 'txt'}", "junk", g.gambling(r), lines,
                      {10, 8}, "MyAllures/gb-rcenter:WebContent/msites/ftl/", "html" if i % 2 == 0 else "txt", r))
    for i in range(5):
        r = g.rng(f"spam:kw:{i}")
        lines = [g.keyword_line(r), g.place_list(r), g.stuffing(r)] + [g.commercial(r) for _ in range(3)]
        out.append(jp(f"kw{i % 2 + 1:02d}/k{i + 1}.{'txt' if i % 2 else 'html'}", "spam_only", g.commercial(r), lines,
                      {10, 2}, "template family F", "txt" if i % 2 else "html", r))
    for i in range(4):
        r = g.rng(f"spam:door:{i}")
        lines = ["".join(_pick(r, m["pasted"], 3)) for _ in range(3)]
        out.append(jp(f"kw{i % 2 + 1:02d}/door{i + 1}.{'html' if i % 2 else 'txt'}", "spam_only", g.site_name(r), lines,
                      {10, 5}, "lxj5957/CLTS-Dataset:samples.txt (pasted sentences)", "html" if i % 2 else "txt", r))
    return out


def load_material(source: Path, seed: int) -> dict:
    zh = distinct_articles([a for a in load_cec(source / "cec")
                            if a.chars >= 110 and len(_sentences(list(a.paras))) >= 2])
    en_all = load_bbc(source / "bbc2005")
    en = sorted(en_all, key=lambda a: stable_hash(f"{seed}:{a.key}"))[:16]
    pasted = load_clts_sentences(source / "clts" / "samples.txt")
    # recommendation blocks list headlines of other reports of the same corpus that are not used
    # as articles: the titles of the reports dropped as near-duplicates or too short
    used = {a.key for a in zh}
    heads = [a for a in load_cec(source / "cec") if a.key not in used]
    if len(heads) < 12:
        heads = heads + zh[-12:]
    return {"zh": zh, "en": en, "pasted": pasted, "headlines": heads,
            "places": load_places(source / "adcn"), "gambling": load_gambling(source / "gbrc")}


def build(source: Path, out: Path, seed: int = 9) -> dict:
    mat = load_material(source, seed)
    pages = build_pages(mat, seed)
    ids = [p.pid for p in pages]
    if len(ids) != len(set(ids)):
        raise ValueError("duplicate page ids")
    rows = write_part(out, pages, encode, validate, gold_row)
    problems = check_gold(rows)
    if problems:
        raise ValueError("\n".join(problems[:20]))
    info = summary(rows, charsets=True)
    info.update({
        "part": PART, "seed": seed, "template_family": "F",
        "langs": {lang: sum(p.lang == lang for p in pages) for lang in ("en", "zh")},
        "formats": {f: sum(p.fmt == f for p in pages) for f in ("txt", "html")},
        "material": {
            "zh": "shijiebei2009/CEC-Corpus CEC/*/*.xml (crawled emergency news reports)",
            "pasted": "lxj5957/CLTS-Dataset samples.txt (The Paper articles)",
            "places": "liyanjie2048/AdministrativeDivisionCn json/2021/2.json, 3.json, 4.json",
            "gambling": "MyAllures/gb-rcenter WebContent/msites/ftl/{todaybet,chaoBet,newChaoBet}/zh_CN/",
            "en": "dejanbatanjac/bbc-article-classify-bert bbc/business, bbc/tech (BBC News 2004-2005)",
        },
        "vocab_sizes": {"zh_articles": len(mat["zh"]), "pasted": len(mat["pasted"]),
                        "cities": len(mat["places"]["cities"]), "counties": len(mat["places"]["counties"]),
                        "towns": len(mat["places"]["towns"]), "gambling_lines": len(mat["gambling"]["lines"]),
                        "lotteries": len(mat["gambling"]["lotteries"]), "brands": len(mat["gambling"]["brands"])},
    })
    return write_build_info(out, info)


def main(argv: list[str] | None = None) -> int:
    return run_builder(argv, "Build the fifth frozen spam test part (template family F).", build,
                       ("pages", "kinds", "html", "non_utf8_html", "families", "clusters", "must_keep", "must_drop"))


if __name__ == "__main__":
    sys.exit(main())
