"""Build the ninth test part (``spam9/test8``): template family I around real crawled Chinese news.

    python -m tools.evalset.build_spam_eval_i --source /data/evalsets/sources \\
        --out /data/evalsets/spam9/test8 --seed 9 [--freeze | --check]

Material (``prepare_sources`` keys, none of them used by another part):

- ``cnclust``: Chinese news pages of autumn 2018 as a crawler saved them (the ``<p>`` texts of a
  page joined into one line, the headline as file name): the articles; the pages not used as
  articles give the pasted sentences (always from another channel than the article's), the
  doorway and quotation pages and the headlines of recommendation blocks and link lists;
- ``medqa``: questions and answers of an online medical consultation site: the foreign clauses of
  stuffing lines (answers) and disease names of medical commercial names (question titles);
- ``newspaper``: English news and magazine article texts with the pages' ``<title>``;
- ``citystats``: provinces, cities and counties/districts with their codes and pinyin initials;
- ``lotwork``: a real lottery site's promotion pages and game rules: its brand, lottery names,
  game codes and sentences.

Family I (``FamilyI`` below) is this part's own spam vocabulary: separators, area labels, keyword
labels, block headings, site-name suffixes, service heads, sitemap layouts, junk-page phrasing and
four HTML layouts.  Every page is built by a pure function of the material and the seed; the gold
keeps only strings the written page bears out (``validate``).
"""

from __future__ import annotations

import html
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from tools.evalset import gold as gold_mod
from tools.evalset import manifest
from tools.evalset.material import CJK, group_paragraphs, nfkc, split_sentences, stable_hash

PART = "test8"

# ---------------------------------------------------------------------------------------------
# Template family I: the spam vocabulary of this part (shared with no other builder).


class FamilyI:
    place_seps = (" ● ", "；", "／", " > ", "◆", " ～ ")
    area_labels = ("业务覆盖：", "上门区域：", "城市频道：", "就近网点：", "热门城市：", "服务站点：")
    keyword_labels = ("热搜词：", "本页关键字：", "搜索热词：", "相关搜索：", "标签云：", "SEO标签：")
    block_heads = ("延伸阅读", "热点推荐", "本周热读", "编辑精选", "看了又看", "阅读排行")
    bullets = ("◎ ", "△ ", "※ ", "【荐】")
    site_suffixes = ("信息港", "资讯台", "百事通", "生活网", "便民网", "热线", "门户", "在线")
    site_slogans = ("本地生活第一站", "权威资讯 一网打尽", "您身边的生活助手", "每日更新 有问必答")
    service_heads = ("搬家公司", "空调加氟", "甲醛检测", "防水补漏", "月嫂服务", "代理记账", "驾校报名",
                     "二手房中介", "婚纱摄影", "开荒保洁", "电动车维修", "除四害", "钢结构厂房",
                     "装修公司", "化粪池清理", "收购旧手机", "办理营业执照", "叉车培训")
    medical_forms = ("{city}{disease}医院", "{city}治疗{disease}哪家好", "{disease}专科门诊",
                     "{city}{disease}专家挂号", "{disease}能根治吗")
    gambling_suffixes = ("彩票官网", "彩票平台", "娱乐注册", "彩票开户", "时时彩平台", "注册就送", "官方网址")
    lottery_suffixes = ("计划软件", "开奖结果", "稳赚技巧", "在线投注", "人工计划", "走势图")
    tlds = ("com", "cn", "net", "cc", "top", "vip")
    sitemap_forms = ("http://{abbr}.{dom}/list_{n}.html", "https://www.{dom}/{abbr}/sitemap.xml",
                     "http://{dom}/city/{abbr}/", "https://m.{dom}/{abbr}/{n}.shtml")
    repost_lines = ("本文来源于网络，如有侵权请联系删除。", "文章转载自互联网，版权归原作者所有。")
    header_forms = ("{site}｜{site}官网", "欢迎访问{site} ～ {slogan}", "{site}_{site}_{slogan}")
    title_forms = ("{title}_{site}", "{title}-{site}-{site}", "{title}|{site}")
    visitor_lines = ("您是本站第{n}位访客", "今日访问量：{n}人次", "欢迎您！您是第{n}位来到{site}的朋友")
    greetings = ("祝您工作顺利，万事如意！", "愿您天天好心情！", "感谢您的光临，欢迎常来看看！",
                 "本站每日更新，敬请收藏本页。")
    essay_heads = ("美文欣赏", "精选好文", "热门文章列表")
    quote_heads = ("健康语录大全", "医生说得好", "每日一句")
    lottery_heads = ("最新开奖", "开奖公告", "今日开奖号码")


# ---------------------------------------------------------------------------------------------
# Material readers (pure functions over the prepared folders).

_NOTICE = re.compile(r"原标题|来源[：:]|编辑[：:]|作者[：:]|责任编辑|转载|版权|微信|公众号|扫码|二维码|点击|"
                     r"https?:|www\.|[↓↑|｜]|图片|声明|本文|关注|订阅|下载|客户端|APP|App|(?<!\w)摄(?!\w)")
_SPACES_CJK = re.compile(r"(?<=[\u4e00-\u9fff，。；：、！？”“）（])\s+(?=[\u4e00-\u9fff，。；：、！？”“）（])")


@dataclass(frozen=True)
class Doc:
    key: str
    title: str
    paras: tuple[str, ...]
    source: str
    lang: str

    @property
    def sentences(self) -> list[str]:
        out = []
        for p in self.paras:
            out.extend(split_sentences(p) if self.lang == "zh" else _en_sentences(p))
        return out


def _clean_ws(s: str) -> str:
    s = s.replace("\u3000", " ").replace("\xa0", " ")
    s = re.sub(r"\s+", " ", s).strip()
    return _SPACES_CJK.sub("", s)


def read_cnclust(folder: Path, repo: str = "Patrick233/Cluster-Chinese-news-Article") -> list[tuple[str, str, list[str]]]:
    """(key, headline, sentences) of every crawled page, notices and unterminated tails removed."""
    out = []
    for f in sorted(folder.rglob("*.txt")):
        title = _clean_ws(f.stem)
        text = _clean_ws(f.read_text(encoding="utf-8", errors="replace"))
        sents = split_sentences(text)
        if sents and sents[-1][-1] not in "。！？；”":
            sents = sents[:-1]
        sents = [s for s in sents if not _NOTICE.search(s) and len(s) >= 6 and "\ufffd" not in s]
        out.append((f"{f.parent.name}/{f.name}", title, sents))
    return out


def cn_articles(rows, seed: int) -> tuple[list[Doc], list[str], dict[str, list[str]]]:
    """Articles (280-2,400 characters, 4+ sentences, no sentence over 220, not a near-repost of a
    chosen one), the headlines of every other page and, by channel, the sentences of the other
    pages (14-70 characters, ending with 。, no quotes or brackets) that are pasted into articles."""
    chosen: list[Doc] = []
    seen_grams: set[str] = set()
    headlines = []
    foreign: dict[str, list[str]] = {}
    for key, title, sents in sorted(rows, key=lambda r: stable_hash(f"{seed}:{r[0]}")):
        body = "".join(sents)
        ok = (4 <= len(sents) and 280 <= len(body) <= 2400 and max(map(len, sents)) <= 220
              and 6 <= len(title) <= 40 and CJK.search(title) and not re.search(r"[<>|]", title))
        grams = {body[i:i + 8] for i in range(0, max(len(body) - 8, 1), 5)}
        if ok and grams and len(grams & seen_grams) / len(grams) < 0.1:
            seen_grams |= {body[i:i + 8] for i in range(len(body) - 8)}
            target = (110, 150, 190)[stable_hash(key) % 3]
            paras = group_paragraphs(sents, target)
            chosen.append(Doc(f"cn:{key}", title, tuple(paras),
                              f"Patrick233/Cluster-Chinese-news-Article:{key}", "zh"))
        else:
            if 8 <= len(title) <= 30 and CJK.search(title):
                headlines.append(title)
            foreign.setdefault(key.split("/")[0], []).extend(
                x for x in sents if 14 <= len(x) <= 70 and x[-1] == "。" and not re.search(r"[“”\"「」（）()：:]", x))
    for k in foreign:
        foreign[k] = sorted(dict.fromkeys(foreign[k]), key=lambda x: stable_hash(f"{seed}:f:{x}"))
    return chosen, sorted(set(headlines), key=lambda h: stable_hash(f"{seed}:h:{h}")), foreign


def read_medqa(path: Path) -> tuple[list[str], list[str], list[str]]:
    """(answer sentences, answer clauses, disease names) of the consultation file (GB18030).  The
    published answers have characters dropped here and there, so only clauses are used."""
    text = path.read_bytes().decode("gb18030", errors="replace")
    sents, clauses, counts = [], [], {}
    for block in text.split("\n\n\n"):
        lines = [x.strip() for x in block.strip().split("\n") if x.strip()]
        if len(lines) < 2:
            continue
        q_title = lines[0].split(",", 1)[0]
        # a disease name is a title's opening word of this shape (titles name the disease first)
        m = re.match(r"[\u4e00-\u9fff]{1,5}?(?:病|炎|症|癌|瘤|结石|溃疡|癫痫)", q_title)
        if m:
            w = re.sub(r"^(?:哪里有|比较好的|好的|中医|中药|会)?(?:治疗|治|得了|得|患有|患了|患|有|诱发|导致|检查|感染|目前)?",
                       "", m.group(0))
            if len(w) >= 2 and not re.search(r"这种|对|跟|犯病|发病|期", w):
                counts[w] = counts.get(w, 0) + 1
        for s in split_sentences(_clean_ws(lines[1])):
            if 14 <= len(s) <= 70 and s[-1] in "。！" and not re.search(r"[“”\"（）()]", s):
                sents.append(s)
            for c in re.split(r"[，。；！？,]", s):
                if 6 <= len(c) <= 16 and CJK.search(c):
                    clauses.append(c)
    diseases = sorted((w for w, n in counts.items() if n >= 2 and len(w) >= 2 and not re.match(r"(?:请问|求问|想|我|什么|怎么|如何)", w)),
                      key=lambda w: (-counts[w], w))
    return list(dict.fromkeys(sents)), list(dict.fromkeys(clauses)), diseases[:80]


def _en_sentences(p: str) -> list[str]:
    parts = re.split(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[A-Z“\"])", p)
    return [x.strip() for x in parts if x.strip()]


def read_newspaper(folder: Path, repo: str = "codelucas/newspaper") -> list[Doc]:
    """English articles: paragraphs of the expected text, title from the page's <title>."""
    out = []
    for f in sorted((folder / "tests/data/text").glob("*.txt")):
        raw = f.read_text(encoding="utf-8", errors="replace")
        if sum(ord(c) > 0x24F for c in raw) > 10:
            continue
        page = folder / "tests/data/html" / (f.stem + ".html")
        if not page.exists():
            continue
        m = re.search(r"<title[^>]*>(.*?)</title>", page.read_text(encoding="utf-8", errors="replace"), re.S | re.I)
        if not m:
            continue
        title = _clean_ws(html.unescape(m.group(1)))
        title = re.split(r"\s+[|\-–—:]\s+", title)[0].strip()
        paras = [_clean_ws(x) for x in raw.split("\n")]
        paras = [x for x in paras if len(x) >= 60 and x[-1] in ".!?\"”’)"]
        if not (3 <= len(title.split()) <= 16) or len(paras) < 4 or sum(map(len, paras)) < 900:
            continue
        out.append(Doc(f"en:{f.name}", title, tuple(paras[:10]), f"{repo}:tests/data/text/{f.name}", "en"))
    return out


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    abbr: str
    parent: str


def read_citystats(path: Path) -> list[Division]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [Division(str(r["id"]), r["name"], r.get("en_simple") or "", str(r["pid"])) for r in rows]


def read_lotwork(folder: Path) -> tuple[list[str], list[str], list[str]]:
    """(site sentences, lottery names, game codes) of the lottery site's pages."""
    sents, lots, codes = [], set(), set()
    for f in sorted(p for p in folder.rglob("*") if p.is_file()):
        text = f.read_text(encoding="utf-8", errors="replace")
        text = re.sub(r"<\?php.*?\?>|<script.*?</script>|<style.*?</style>|\{[^{}]*\}", " ", text, flags=re.S | re.I)
        text = re.sub(r"<[^>]+>", "\n", text)
        if "gametip" in f.parts:
            codes.add(f.stem)
        for line in text.splitlines():
            line = _clean_ws(html.unescape(line))
            for m in re.finditer(r"[\u4e00-\u9fff]{2,3}(?:时时彩|11选5|快3|分分彩|六合彩|福彩3D|排列三|双色球|秒秒彩)", line):
                if not re.search(r"的|怎|周|版|分彩|^彩", m.group(0)):
                    lots.add(m.group(0))
            line = re.sub(r"^\d+[.、．]\s*", "", line)
            if 14 <= len(line) <= 60 and not line.startswith("号码") and len(CJK.findall(line)) >= 8 and line[-1] in "。！" \
                    and not re.search(r"[{}$;=<>]|//", line) and line[0] not in "，。、个的和或与即":
                sents.append(line)
    return list(dict.fromkeys(sents)), sorted(lots), sorted(c for c in codes if re.fullmatch(r"[a-z0-9]{2,8}", c))


# ---------------------------------------------------------------------------------------------
# Pages


@dataclass
class Page:
    pid: str
    kind: str
    fmt: str  # txt | html
    title: str
    gold_paras: list[str]
    shown_paras: list[str]
    families: list[int]
    source: str
    lang: str = "zh"
    charset: str = "utf-8"
    declared: bool = True
    layout: int = 0
    header: list[str] = field(default_factory=list)
    after_title: list[str] = field(default_factory=list)
    between: list[tuple[int, str]] = field(default_factory=list)  # (after paragraph i, line)
    end: list[str] = field(default_factory=list)
    sidebar: list[str] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    html_title: str = ""
    txt_title: str = ""
    keywords: str = ""
    must_keep: list[str] = field(default_factory=list)
    must_drop: list[str] = field(default_factory=list)
    restored: set[str] = field(default_factory=set)
    cluster: str | None = None
    notes: list[str] = field(default_factory=list)
    single_p: bool = False

    @property
    def article(self) -> str:
        if self.kind != "article":
            return ""
        body = "\n".join(self.gold_paras)
        return nfkc(body if self.fmt == "html" else f"{self.title}\n{body}")


def render_txt(p: Page) -> str:
    lines = list(p.header) + [p.txt_title or p.title] + list(p.after_title) + [""]
    for i, para in enumerate(p.shown_paras):
        lines += [para, ""]
        lines += [x + "\n" for i2, x in p.between if i2 == i]
    for x in p.end + p.sidebar + p.footer + p.hidden:
        lines += [x, ""]
    return "\n".join(lines).rstrip() + "\n"


def _e(s: str) -> str:
    return html.escape(s, quote=True)


def _meta_charset(p: Page) -> str:
    if not p.declared:
        return ""
    if stable_hash(p.pid) % 2:
        return f'<meta charset="{p.charset}">'
    return f'<meta http-equiv="Content-Type" content="text/html; charset={p.charset}">'


def _body_paras(p: Page) -> str:
    if p.single_p:
        return "<p>" + "<br>\n".join(_e(s) for para in p.shown_paras for s in split_sentences(para)) + "</p>"
    out = []
    for i, para in enumerate(p.shown_paras):
        out.append(f"<p>{_e(para)}</p>")
        out += [f"<p>{_e(x)}</p>" for i2, x in p.between if i2 == i]
    out += [f"<p>{_e(x)}</p>" for x in p.end]
    return "\n".join(out)


def render_html(p: Page) -> str:
    head = [f"<!DOCTYPE html>\n<html lang=\"{'zh-CN' if p.lang == 'zh' else 'en'}\">\n<head>",
            _meta_charset(p), f"<title>{_e(p.html_title or p.title)}</title>"]
    if p.keywords:
        head.append(f'<meta name="keywords" content="{_e(p.keywords)}">')
    head.append("</head>")
    top = "".join(f'<div class="bar">{_e(x)}</div>\n' for x in p.header)
    tags = "".join(f'<div class="tag-line">{_e(x)}</div>\n' for x in p.after_title)
    side = "<ul>" + "".join(f"<li>{_e(x)}</li>" for x in p.sidebar) + "</ul>" if p.sidebar else ""
    foot = "".join(f"<span>{_e(x)}</span><br>\n" for x in p.footer)
    hide = ('<div style="display:none">' + "".join(f"<a href=\"#\">{_e(x)}</a> " for x in p.hidden) + "</div>") \
        if p.hidden else ""
    body = _body_paras(p)
    t = _e(p.title)
    if p.layout == 0:  # portal article page
        main = (f'<div id="top">{top}</div>\n<div class="crumb"><a href="/">首页</a> &gt; 正文</div>\n'
                f'<div class="main"><h1>{t}</h1>\n{tags}<div id="artibody">\n{body}\n</div></div>\n'
                f'<div class="side">{side}</div>\n<div id="foot">{foot}</div>{hide}')
    elif p.layout == 1:  # blog post
        main = (f'<header class="blog-head">{top}</header>\n<article><h2 class="post-title">{t}</h2>\n{tags}'
                f'<div class="post-content">\n{body}\n</div></article>\n<aside class="widget">{side}</aside>\n'
                f'<footer>{foot}</footer>{hide}')
    elif p.layout == 2:  # forum thread, the post in a table cell
        post = "<br><br>\n".join(_e(x) for x in p.shown_paras)
        extra = "".join(f"<br><br>\n{_e(x)}" for _, x in p.between) + "".join(f"<br><br>\n{_e(x)}" for x in p.end)
        main = (f'<table class="header"><tr><td>{top}</td></tr></table>\n<table class="thread">'
                f'<tr><td class="subject"><b>{t}</b>{tags}</td></tr>\n'
                f'<tr><td class="postmessage">{post}{extra}</td></tr></table>\n'
                f'<table class="sidebar"><tr><td>{side}</td></tr></table>\n<div class="copyright">{foot}</div>{hide}')
    else:  # mobile page
        main = (f'<div class="m-top">{top}</div>\n<section class="article"><h1 class="art-title">{t}</h1>\n{tags}'
                f'{body}\n</section>\n<nav class="m-more">{side}</nav>\n<div class="m-foot">{foot}</div>{hide}')
    return "\n".join(x for x in head if x) + "\n<body>\n" + main + "\n</body>\n</html>\n"


def encode(p: Page) -> bytes:
    if p.fmt == "txt":
        return render_txt(p).encode("utf-8")
    return render_html(p).encode(p.charset)


def page_text(p: Page, data: bytes) -> str:
    """What a reader of the written page sees: decoded, tags removed, entities decoded, <title> and
    <meta> contents included."""
    if p.fmt == "txt":
        return data.decode("utf-8")
    s = data.decode(p.charset)
    metas = " ".join(re.findall(r'<meta name="keywords" content="([^"]*)"', s))
    s = re.sub(r"<[^>]+>", "\n", s)
    return html.unescape(s + "\n" + metas)


def validate(p: Page, data: bytes) -> None:
    seen = gold_mod.norm(page_text(p, data))
    art = gold_mod.norm(p.article)
    keep, drop = [], []
    for k in dict.fromkeys(nfkc(x) for x in p.must_keep):
        nk = gold_mod.norm(k)
        if nk and nk in art and (nk in seen or k in p.restored) and not re.search(r"[<>&]", k):
            keep.append(k)
        else:
            p.notes.append(f"must_keep left out: {k[:30]}")
    for d in dict.fromkeys(nfkc(x) for x in p.must_drop):
        nd = gold_mod.norm(d)
        if nd and nd in seen and nd not in art:
            drop.append(d)
        else:
            p.notes.append(f"must_drop left out: {d[:30]}")
    p.must_keep, p.must_drop = keep, drop


def gold_row(p: Page) -> dict:
    charset = p.charset if p.fmt == "html" else "utf-8"
    if p.fmt == "html" and not p.declared:
        charset = f"{p.charset} (undeclared)"
    return {"id": p.pid, "kind": p.kind, "title": nfkc(p.title), "article": p.article,
            "must_keep": p.must_keep, "must_drop": p.must_drop, "cluster": p.cluster,
            "families": sorted(set(p.families)), "source": p.source, "notes": "; ".join(p.notes),
            "format": p.fmt, "charset": charset, "lang": p.lang}


# ---------------------------------------------------------------------------------------------
# Generators


class Builder:
    def __init__(self, source: Path, seed: int):
        self.seed = seed
        self.rng = random.Random(seed * 7919 + 8)
        rows = read_cnclust(source / "cnclust")
        self.cn, self.headlines, self.foreign = cn_articles(rows, seed)
        self._foreign_i = {k: 0 for k in self.foreign}
        self.en = sorted(read_newspaper(source / "newspaper"), key=lambda d: stable_hash(f"{seed}:{d.key}"))
        self.pasted, self.clauses, self.diseases = read_medqa(source / "medqa/Data_数据/IM_内科/内科.txt")
        self.rng.shuffle(self.pasted)
        self.rng.shuffle(self.clauses)
        divs = read_citystats(source / "citystats/build/json/city.json")
        self.divs = {d.code: d for d in divs}
        bad = {"市辖区", "县", "城区", "郊区", "矿区", "省直辖县级行政区划", "自治区直辖县级行政区划"}
        self.counties = [d for d in divs if d.code[-2:] != "00" and d.name not in bad and len(d.name) >= 2]
        self.cities = [d for d in divs if d.code[-2:] == "00" and d.code[-4:] != "0000" and d.name not in bad]
        self.site_sents, self.lotteries, self.codes = read_lotwork(source / "lotwork")
        self.rng.shuffle(self.site_sents)
        self.brand = "宝开彩票"
        self.pages: list[Page] = []
        self._cn_i = 0
        self._en_i = 0
        self._pasted_i = 0
        self._clause_i = 0
        self._head_i = 0
        self._site_i = 0
        self.used_sites: set[str] = set()
        self.cluster_n = 0

    # ---- material cursors (each piece is used once) ----
    def next_cn(self, pred: Callable[[Doc], bool] = lambda d: True) -> Doc:
        for i in range(self._cn_i, len(self.cn)):
            d = self.cn[i]
            if d is not None and pred(d):
                self.cn[i] = None  # type: ignore[call-overload]
                while self._cn_i < len(self.cn) and self.cn[self._cn_i] is None:
                    self._cn_i += 1
                return d
        raise RuntimeError("out of Chinese articles")

    def next_en(self) -> Doc:
        if self._en_i >= len(self.en):
            raise RuntimeError("out of English articles")
        self._en_i += 1
        return self.en[self._en_i - 1]

    def next_pasted(self, not_from: str = "") -> str:
        """A sentence of a page not used as an article, from another channel than ``not_from``."""
        chans = sorted(k for k in self.foreign if k != not_from)
        k = chans[self.rng.randrange(len(chans))]
        s = self.foreign[k][self._foreign_i[k]]
        self._foreign_i[k] += 1
        return s

    def next_clause(self) -> str:
        s = self.clauses[self._clause_i]
        self._clause_i += 1
        return s

    def next_headlines(self, n: int) -> list[str]:
        out = self.headlines[self._head_i:self._head_i + n]
        self._head_i += n
        return out

    def next_site_sent(self) -> str:
        s = self.site_sents[self._site_i % len(self.site_sents)]
        self._site_i += 1
        return s

    # ---- vocabulary ----
    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def city(self) -> Division:
        return self.pick(self.cities)

    def city_short(self, d: Division) -> str:
        n = d.name
        for suf in ("市", "地区", "盟", "自治州"):
            if n.endswith(suf) and len(n) > len(suf) + 1:
                return n[: -len(suf)]
        return n

    def counties_of(self, city: Division) -> list[Division]:
        out = [d for d in self.counties if d.code[:4] == city.code[:4]]
        return out if len(out) >= 4 else self.rng.sample(self.counties, min(8, len(self.counties)))

    def site_name(self) -> str:
        while True:
            name = self.city_short(self.city()) + self.pick(FamilyI.service_heads)[:2] + self.pick(FamilyI.site_suffixes)
            if name not in self.used_sites:
                self.used_sites.add(name)
                return name

    def commercial(self) -> str:
        c = self.city_short(self.city())
        if self.rng.random() < 0.35 and self.diseases:
            return self.pick(FamilyI.medical_forms).format(city=c, disease=self.pick(self.diseases[:40]))
        return c + self.pick(FamilyI.service_heads)

    def gambling(self) -> str:
        r = self.rng.random()
        if r < 0.4:
            return "宝开" + self.pick(FamilyI.gambling_suffixes)
        if r < 0.8 and self.lotteries:
            return self.pick(self.lotteries) + self.pick(FamilyI.lottery_suffixes)
        return self.pick(self.codes) + str(self.rng.choice((188, 365, 777, 888, 999))) + ".com"

    def domain(self) -> str:
        d = self.pick(self.counties)
        return f"{d.abbr or 'web'}{self.rng.randrange(10, 99)}.{self.pick(FamilyI.tlds)}"

    # ---- spam lines; each returns (line, drop strings) ----
    def place_line(self, labelled: bool = True) -> tuple[str, list[str]]:
        city = self.city()
        names = [d.name for d in self.counties_of(city)]
        names = self.rng.sample(names, min(len(names), self.rng.randrange(6, 13)))
        sep = self.pick(FamilyI.place_seps)
        label = self.pick(FamilyI.area_labels) if labelled else ""
        prefix = self.city_short(city) + self.pick(FamilyI.service_heads) if self.rng.random() < 0.5 else ""
        items = [prefix + names[0]] + names[1:] if prefix else names
        line = label + sep.join(items)
        drops = [label + sep.join(items[:3])] + [sep.join(items[i:i + 3]) for i in range(3, len(items), 3)
                                                  if len(items[i:i + 3]) >= 2]
        return line, drops

    def address_line(self) -> tuple[str, list[str]]:
        city = self.city()
        cs = self.counties_of(city)
        a, b = self.rng.sample(cs, 2)
        road = b.name[:2] + self.pick(("路", "大道", "街", "中路"))
        line = f"{self.pick(('联系地址', '门店地址', '总部地址'))}：{self.city_short(city)}{a.name}{road}{self.rng.randrange(3, 400)}号"
        tel = f"咨询热线：{self.rng.randrange(130, 199)}{self.rng.randrange(10000000, 99999999)}"
        return line + "  " + tel, [line, tel]

    def keyword_line(self, n: int | None = None) -> tuple[str, list[str]]:
        n = n or self.rng.randrange(5, 10)
        kws = list(dict.fromkeys(self.commercial() for _ in range(n)))
        label = self.pick(FamilyI.keyword_labels)
        sep = self.pick((" ", "，", "|", "、"))
        line = label + sep.join(kws)
        return line, [label + kws[0]] + kws[1:]

    def keyword_tail(self) -> tuple[str, list[str]]:
        kws = list(dict.fromkeys(self.commercial() for _ in range(self.rng.randrange(4, 8))))
        return " ".join(kws), kws

    def rec_block(self, n: int = 5) -> tuple[list[str], list[str]]:
        head = self.pick(FamilyI.block_heads)
        bullet = self.pick(FamilyI.bullets)
        items = self.next_headlines(n)
        lines = [head] + [bullet + h for h in items]
        return lines, [bullet + h for h in items]

    def sitemap_lines(self, n: int = 5) -> tuple[list[str], list[str]]:
        dom = self.domain()
        form = self.pick(FamilyI.sitemap_forms)
        urls = []
        for d in self.rng.sample(self.counties, min(n, len(self.counties))):
            if d.abbr:
                urls.append(form.format(abbr=d.abbr, dom=dom, n=self.rng.randrange(100, 9999)))
        lines = ["网站地图："] + urls if self.rng.random() < 0.5 else urls
        return lines, urls

    def stuffing_line(self) -> tuple[str, list[str]]:
        parts, drops = [], []
        for _ in range(self.rng.randrange(3, 6)):
            kw = self.commercial() if self.rng.random() < 0.75 else self.gambling()
            frag = self.next_clause()
            chunk = kw + self.pick(("", " ", "_")) + frag
            parts.append(chunk)
            drops.append(chunk)
        return self.pick(("…", " ", "_", "——")).join(parts), drops

    def site_header(self, site: str) -> tuple[str, list[str]]:
        line = self.pick(FamilyI.header_forms).format(site=site, slogan=self.pick(FamilyI.site_slogans))
        return line, [line]

    # ---- page scaffolding ----
    def new_page(self, group: str, n: int, doc: Doc, families: list[int], fmt: str | None = None,
                 kind: str = "article") -> Page:
        fmt = fmt or ("html" if stable_hash(f"{self.seed}:{group}:{n}") % 2 else "txt")
        ext = "html" if fmt == "html" else "txt"
        p = Page(pid=f"{group}/p{n:04d}.{ext}", kind=kind, fmt=fmt, title=doc.title,
                 gold_paras=list(doc.paras), shown_paras=list(doc.paras), families=families,
                 source=doc.source, lang=doc.lang)
        p.layout = stable_hash(p.pid) % 4
        if fmt == "html":
            self.set_charset(p)
        return p

    def set_charset(self, p: Page, want: str | None = None) -> None:
        r = stable_hash(f"cs:{p.pid}") % 10
        want = want or ("utf-8", "utf-8", "utf-8", "gbk", "gbk", "gb18030", "gb18030", "gb2312", "gb2312", "gbk-undeclared")[r]
        p.declared = want != "gbk-undeclared"
        p.charset = "gbk" if want == "gbk-undeclared" else want

    def fix_charset(self, p: Page) -> None:
        """Widens the encoding (GB2312 -> GBK -> GB18030) when the page has characters the chosen
        one lacks; a page that leaves GBK declares its charset."""
        if p.fmt != "html" or p.charset == "utf-8":
            return
        order = ["gb2312", "gbk", "gb18030"]
        while p.charset != "gb18030":
            try:
                render_html(p).encode(p.charset)
                return
            except UnicodeEncodeError:
                p.charset = order[order.index(p.charset) + 1]
                if p.charset == "gb18030":
                    p.declared = True

    def keep_sentences(self, p: Page, n: int = 3, avoid: Iterable[str] = ()) -> None:
        avoid = set(avoid)
        doc_sents = []
        for para in p.gold_paras:
            doc_sents += split_sentences(para) if p.lang == "zh" else _en_sentences(para)
        cands = [s for s in doc_sents if 12 <= len(s) <= 140 and s not in avoid and _balanced(s)]
        if not cands:
            return
        idx = sorted(self.rng.sample(range(len(cands)), min(n, len(cands))))
        p.must_keep += [cands[i] for i in idx]

    def add(self, p: Page) -> Page:
        self.fix_charset(p)
        self.pages.append(p)
        return p


def _balanced(s: str) -> bool:
    return s.count("“") == s.count("”") and s.count("（") == s.count("）") and s.count('"') % 2 == 0


# ---- families ----


def seed_wrappers(b: Builder, groups: list[str], count: int, start: int) -> int:
    """Seed-like wrappers: site headers / doubled titles (4), place lines and addresses (1), keyword
    lines and tails (2), recommendation blocks, link lists and sitemap URLs (7)."""
    n = start
    for i in range(count):
        group = groups[i % len(groups)]
        english = i % 9 == 4
        doc = b.next_en() if english else b.next_cn()
        p = b.new_page(group, n, doc, [])
        site = b.site_name()
        fams = set()
        variant = i % 6
        # 4: doubled titles and site-name headers
        if variant in (0, 2, 4) or i % 4 == 0:
            form = b.pick(FamilyI.title_forms)
            shown = form.format(title=doc.title, site=site)
            if p.fmt == "html":
                p.html_title = shown
            else:
                p.txt_title = shown
            p.must_drop.append(shown)
            line, d = b.site_header(site)
            p.header.append(line)
            p.must_drop += d
            fams.add(4)
        # 1: place lines and an address
        if variant in (0, 1, 3, 5):
            line, d = b.place_line(labelled=i % 3 != 0)
            (p.end if i % 2 else p.header).append(line)
            p.must_drop += d
            if variant == 3 and len(p.shown_paras) > 2:
                line, d = b.address_line()
                p.between.append((0, line))
                p.must_drop += d
            fams.add(1)
        # 2: keyword lines and tails
        if variant in (1, 2, 4, 5):
            if i % 2:
                line, d = b.keyword_line()
                (p.after_title if p.fmt == "html" and i % 4 == 1 else p.end).append(line)
            else:
                line, d = b.keyword_tail()
                if p.fmt == "html":
                    p.hidden.append(line)
                else:
                    p.end.append(line)
            p.must_drop += d
            if p.fmt == "html" and variant == 2:
                p.keywords = ",".join(d[1:] + [b.commercial()])
            fams.add(2)
        # 7: recommendation blocks, link lists, sitemap URLs
        if variant in (0, 2, 3, 5) or i % 5 == 0:
            if i % 3 == 0:
                lines, d = b.sitemap_lines()
            else:
                lines, d = b.rec_block()
            if p.fmt == "html":
                p.sidebar += lines
            else:
                p.end += lines
            p.must_drop += d
            fams.add(7)
        p.families = sorted(fams)
        b.keep_sentences(p, 3)
        b.add(p)
        n += 1
    return n


def injections(b: Builder, groups: list[str], count: int, start: int) -> int:
    """One or two names injected at a comma of a sentence; no other spam on most pages (3, and 8 for
    gambling names)."""
    n = start
    for i in range(count):
        group = groups[i % len(groups)]
        doc = b.next_cn(lambda d: sum(s.count("，") >= 2 for s in d.sentences) >= 2)
        p = b.new_page(group, n, doc, [3])
        k = 1 + (i % 3 == 0)
        done = set()
        for j in range(k):
            kind = (i + j) % 4
            if kind == 0:
                kw = b.commercial()
            elif kind == 1:
                kw = b.gambling()
                p.families.append(8)
            elif kind == 2:
                kw = b.pick(b.counties).name
            else:
                kw = b.commercial()
            inject_at_comma(b, p, kw, done)
        if i % 5 == 4:
            line, d = b.keyword_line(4)
            p.end.append(line)
            p.must_drop += d
            p.families.append(2)
        b.keep_sentences(p, 2, avoid=done)
        b.add(p)
        n += 1
    return n


_INJECT_FORMS = ("，{kw}，", "，{kw}，", "，{kw}，", "，【{kw}】", "，{kw}（官网）", " {kw}，")


def inject_at_comma(b: Builder, p: Page, kw: str, done: set[str]) -> bool:
    """Puts ``kw`` after a comma of a sentence not touched yet; records the drop string (the two
    characters before it, with its commas) and the sentence the removal restores."""
    for pi in b.rng.sample(range(len(p.shown_paras)), len(p.shown_paras)):
        sents = split_sentences(p.shown_paras[pi])
        for si, s in enumerate(sents):
            if s in done or s.count("，") < 1 or not (16 <= len(s) <= 140) or not _balanced(s):
                continue
            commas = [m.start() for m in re.finditer("，", s)]
            c = commas[b.rng.randrange(len(commas))]
            if c < 3 or c > len(s) - 4:
                continue
            form = b.pick(_INJECT_FORMS)
            ins = form.format(kw=kw)
            new = s[:c] + ins + s[c + 1:]
            sents[si] = new
            p.shown_paras[pi] = "".join(sents)
            done.add(s)
            p.must_drop.append(s[max(0, c - 2):c] + ins)
            p.must_keep.append(s)
            p.restored.add(nfkc(s))
            return True
    p.notes.append("no sentence for an injection")
    return False


def pasted(b: Builder, groups: list[str], count: int, start: int) -> int:
    """Sentences of unrelated consultation answers pasted into the article (5)."""
    n = start
    for i in range(count):
        group = groups[i % len(groups)]
        doc = b.next_cn(lambda d: len(d.paras) >= 3)
        p = b.new_page(group, n, doc, [5])
        chan = doc.key.split(":", 1)[1].split("/")[0]
        mode = i % 4
        for _ in range(1 + (i % 3 == 1)):
            s = b.next_pasted(chan)
            pi = b.rng.randrange(len(p.shown_paras))
            sents = split_sentences(p.shown_paras[pi])
            if mode == 0 and len(sents) >= 2:  # between two sentences
                at = b.rng.randrange(1, len(sents))
                p.must_keep += [sents[at - 1], sents[at]]
                sents.insert(at, s)
                p.shown_paras[pi] = "".join(sents)
            elif mode == 1:  # glued to the end of a paragraph
                p.must_keep.append(sents[-1])
                p.shown_paras[pi] = p.shown_paras[pi] + s
            elif mode == 2:  # an extra paragraph / <p>
                p.between.append((pi, s))
            else:  # two pasted sentences as a paragraph of their own
                s2 = b.next_pasted(chan)
                p.between.append((pi, s + s2))
                p.must_drop.append(s2)
            p.must_drop.append(s)
        b.keep_sentences(p, 2)
        p.must_keep = [k for k in p.must_keep if 12 <= len(k) <= 140]
        b.add(p)
        n += 1
    return n


def stuffing(b: Builder, groups: list[str], count: int, start: int) -> int:
    """Lines alternating names and fragments of foreign sentences (6), in a header, between
    paragraphs or in a footer, some with the names again in a sidebar (2)."""
    n = start
    for i in range(count):
        group = groups[i % len(groups)]
        doc = b.next_en() if i % 11 == 7 else b.next_cn()
        p = b.new_page(group, n, doc, [6])
        for j in range(1 + (i % 2)):
            line, d = b.stuffing_line()
            where = (i + j) % 3
            if where == 0:
                p.header.append(line)
            elif where == 1 and len(p.shown_paras) > 1:
                p.between.append((b.rng.randrange(len(p.shown_paras) - 1), line))
            else:
                (p.footer if p.fmt == "html" else p.end).append(line)
            p.must_drop += d
        if i % 4 == 3:
            line, d = b.keyword_line(5)
            (p.sidebar if p.fmt == "html" else p.end).append(line)
            p.must_drop += d
            p.families.append(2)
        b.keep_sentences(p, 3)
        b.add(p)
        n += 1
    return n


def gambling_pages(b: Builder, groups: list[str], count: int, start: int) -> int:
    """Gambling names in titles, keyword metadata and sentences, with the real site's sentences (8)."""
    n = start
    for i in range(count):
        group = groups[i % len(groups)]
        doc = b.next_cn()
        p = b.new_page(group, n, doc, [8])
        name = b.gambling()
        mode = i % 5
        if mode == 0:  # title and keywords
            if p.fmt == "html":
                p.html_title = f"{doc.title}-{name}"
                p.keywords = f"{name},{b.gambling()},{b.brand}"
                p.must_drop += [f"{doc.title}-{name}", p.keywords.split(",")[1]]
            else:
                p.header.append(f"{name}【{b.brand}】")
                p.must_drop.append(f"{name}【{b.brand}】")
        elif mode == 1:  # glued bare to the end of the last paragraph
            last = split_sentences(p.shown_paras[-1])[-1]
            p.shown_paras[-1] += name
            p.must_drop.append(last[-4:] + name)
            p.must_keep.append(last)
        elif mode == 2:  # after a dash, with a real site sentence as an extra paragraph
            s = b.next_site_sent()
            p.between.append((len(p.shown_paras) - 1, f"——{name}：{s}"))
            p.must_drop += [f"——{name}", s]
        elif mode == 3:  # a bracketed name line with a site sentence
            s = b.next_site_sent()
            p.end.append(f"〖{name}〗{s}")
            p.must_drop += [f"〖{name}〗", s]
        else:  # a tag line of gambling names
            names = list(dict.fromkeys(b.gambling() for _ in range(4)))
            label = b.pick(FamilyI.keyword_labels)
            p.end.append(label + "，".join(names))
            p.must_drop += [label + names[0]] + names[1:]
            p.families.append(2)
        if i % 3 == 1:  # and one injected in a sentence
            inject_at_comma(b, p, b.gambling(), set())
            p.families.append(3)
        b.keep_sentences(p, 2)
        b.add(p)
        n += 1
    return n


def long_templates(b: Builder, folder: str, spread: list[str], count: int, start: int) -> int:
    """Two long templates around many articles (9): one folder of GBK table-layout pages, and text
    dumps spread over folders."""
    n = start
    for t in range(2):
        site = b.site_name()
        place, pd = b.place_line()
        kw, kd = b.keyword_line(8)
        rec, rd = b.rec_block(6)
        stuff, sd = b.stuffing_line()
        header, hd = b.site_header(site)
        nav = "｜".join(f"{b.city_short(c)}{b.pick(FamilyI.service_heads)}" for c in b.rng.sample(b.cities, min(6, len(b.cities))))
        notice = f"{site}提醒您：{b.next_site_sent()}"
        drops = pd + kd + rd + sd + hd + [nav, notice]
        for i in range(count // 2):
            doc = b.next_cn()
            group = folder if t == 0 else spread[i % len(spread)]
            p = b.new_page(group, n, doc, [9, 1, 2, 7], fmt="html" if t == 0 else "txt")
            if t == 0:
                p.layout = 2
                b.set_charset(p, "gbk")
            p.header += [header, nav]
            p.after_title.append(kw)
            p.end.append(place)
            (p.sidebar if t == 0 else p.end).extend(rec)
            p.footer.append(stuff) if t == 0 else p.end.append(stuff)
            p.end.append(notice)
            p.families.append(6)
            p.must_drop += drops
            b.keep_sentences(p, 3)
            b.add(p)
            n += 1
    return n


def clusters(b: Builder, groups: list[str], count: int, start: int) -> int:
    """Near-duplicate clusters of three copies (11): a seed-like wrapper; a repost with a notice line
    and without its last paragraph; a mirror with one injected name."""
    n = start
    for c in range(count):
        doc = b.next_cn(lambda d: len(d.paras) >= 3)
        cid = f"{PART}-c{c:02d}"
        keep_pool = [s for para in doc.paras[:-1] for s in split_sentences(para)
                     if 12 <= len(s) <= 140 and _balanced(s)]
        picks = b.rng.sample(keep_pool, min(3, len(keep_pool)))
        copies = []
        for v in range(3):
            group = groups[(c * 3 + v) % len(groups)]
            p = b.new_page(group, n, doc, [11])
            p.cluster = cid
            if v == 0:
                line, d = b.site_header(b.site_name())
                p.header.append(line)
                pl, pd = b.place_line()
                p.end.append(pl)
                p.must_drop += d + pd
                p.families += [1, 4]
            elif v == 1:
                p.gold_paras = p.gold_paras[:-1]
                p.shown_paras = p.shown_paras[:-1]
                notice = b.pick(FamilyI.repost_lines)
                p.end.append(notice)
                p.must_drop.append(notice)
                lines, d = b.rec_block(4)
                p.end += lines
                p.must_drop += d
                p.families.append(7)
            else:
                avoid = set(picks)
                inject_at_comma(b, p, b.commercial(), avoid)
                # the injected sentence is not shared by every copy's text on the page
                p.must_keep = []
                p.families.append(3)
            copies.append(p)
            n += 1
        for p in copies:
            p.must_keep = list(picks)
            b.add(p)
    return n


def junk(b: Builder, groups: list[str], count: int, start: int) -> int:
    """Pages that must produce no record (10): visitor counters and greetings, essay and quotation
    link lists, lottery result listings, a lottery lobby of the real site's text (junk); keyword-only
    and doorway pages of pasted sentences (spam_only)."""
    n = start
    empty = Doc("junk", "", (), "", "zh")
    for i in range(count):
        group = groups[i % len(groups)]
        kind = i % 6
        site = b.site_name()
        lines: list[str] = []
        title = site
        if kind == 0:
            lines = [b.pick(FamilyI.visitor_lines).format(n=b.rng.randrange(10000, 999999), site=site),
                     f"欢迎光临{site}！", *b.rng.sample(FamilyI.greetings, 2),
                     f"{site}首页 | 留言板 | 联系我们"]
            title = f"欢迎光临{site}"
            src = "family I phrasing"
        elif kind == 1:
            head = b.pick(FamilyI.essay_heads)
            lines = [head] + [f"{h}（阅读{b.rng.randrange(100, 9000)}次）" for h in b.next_headlines(12)]
            title = f"{head}_{site}"
            src = "Patrick233/Cluster-Chinese-news-Article: headlines"
        elif kind == 2:
            head = b.pick(FamilyI.quote_heads)
            lines = [head] + [f"{k + 1}. {b.next_pasted()}" for k in range(8)]
            title = f"{head}_{site}"
            src = "Patrick233/Cluster-Chinese-news-Article: sentences of pages not used as articles"
        elif kind == 3:
            head = b.pick(FamilyI.lottery_heads)
            lines = [head]
            for lot in b.rng.sample(b.lotteries, min(6, len(b.lotteries))):
                nums = " ".join(str(b.rng.randrange(10)) for _ in range(5))
                issue = f"2018{b.rng.randrange(1, 13):02d}{b.rng.randrange(1, 29):02d}{b.rng.randrange(1, 121):03d}"
                lines.append(f"{lot} 第{issue}期 开奖号码：{nums}")
            title = f"{head}-{b.brand}"
            src = "xjiafei/lotwork: lottery names"
        elif kind == 4:
            lines = [b.keyword_line(8)[0] for _ in range(3)] + [b.keyword_tail()[0]]
            title = "，".join(b.commercial() for _ in range(3))
            src = "family I keywords"
        else:
            lines = ["".join(b.next_pasted() for _ in range(3)) for _ in range(4)]
            title = b.commercial() + "_" + b.commercial()
            src = "Patrick233/Cluster-Chinese-news-Article: sentences of pages not used as articles"
        if kind == 3 and i % 12 == 9:
            lines = [f"{b.brand}官方平台"] + [b.next_site_sent() for _ in range(8)]
            title = f"{b.brand}_{b.gambling()}"
            src = "xjiafei/lotwork: site sentences"
        p = b.new_page(group, n, empty, [10], kind="spam_only" if kind in (4, 5) else "junk")
        p.title = title
        p.source = src
        p.shown_paras = lines
        p.gold_paras = []
        p.must_drop = []
        if kind in (0, 3):
            p.families.append(8 if kind == 3 else 4)
        b.add(p)
        n += 1
    return n


def _has_enumeration(s: str) -> bool:
    return s.count("、") >= 3 and 14 <= len(s) <= 140


def _has_quote(s: str) -> bool:
    return bool(re.search(r"“[^”]{6,}”", s)) and 14 <= len(s) <= 140 and _balanced(s)


def _has_figures(s: str) -> bool:
    return len(re.findall(r"\d+(?:\.\d+)?", s)) >= 3 and 14 <= len(s) <= 140


def guards(b: Builder, groups: list[str], count: int, start: int) -> int:
    """Precision guards (12): articles chosen for a real sentence that must stay (an enumeration,
    quoted speech, a place enumeration, figures), short articles, single-<p> pages, tables of
    districts and codes, clean English articles; some next to seed-like spam.  No text is ever
    inserted into a guard's article."""
    n = start
    place_names = {d.name for d in b.counties if len(d.name) >= 3} | {d.name for d in b.cities if len(d.name) >= 3}

    def place_sentence(s: str) -> bool:
        return 14 <= len(s) <= 140 and sum(1 for nm in place_names if nm in s) >= 2 and _balanced(s)

    kinds = (("enum", _has_enumeration), ("quote", _has_quote), ("place", place_sentence),
             ("figures", _has_figures))
    for i in range(count):
        group = groups[i % len(groups)]
        slot = i % 10
        if slot in (0, 1, 2, 3, 4):
            name, test = kinds[slot % 4] if slot < 4 else kinds[i % 4]
            doc = b.next_cn(lambda d: any(test(s) for s in d.sentences))
            p = b.new_page(group, n, doc, [12])
            special = [s for s in doc.sentences if test(s)]
            p.must_keep += special[:2]
            p.notes.append(f"guard: {name}")
            if i % 3 == 0:  # next to seed-like spam outside the article
                line, d = b.place_line()
                p.header.append(line)
                p.must_drop += d
                p.families.append(1)
            b.keep_sentences(p, 2, avoid=special)
        elif slot == 5:  # short article
            doc = b.next_cn(lambda d: sum(map(len, d.paras)) <= 420)
            doc = Doc(doc.key, doc.title, tuple(group_paragraphs([s for p_ in doc.paras for s in split_sentences(p_)], 130)),
                      doc.source, "zh")
            p = b.new_page(group, n, doc, [12])
            p.notes.append("guard: short article")
            b.keep_sentences(p, 2)
        elif slot == 6:  # single <p> page, one sentence a line
            doc = b.next_cn(lambda d: sum(map(len, d.paras)) <= 900)
            p = b.new_page(group, n, doc, [12], fmt="html")
            p.single_p = True
            p.layout = (0, 1, 3)[i % 3]
            p.notes.append("guard: single <p>, one sentence a line")
            b.keep_sentences(p, 3)
        elif slot == 7:  # a table of districts and codes
            city = b.pick(b.cities)
            rows = [d for d in b.counties if d.code[:4] == city.code[:4]]
            if len(rows) < 4:
                city = next(c for c in b.cities if len([d for d in b.counties if d.code[:4] == c.code[:4]]) >= 6)
                rows = [d for d in b.counties if d.code[:4] == city.code[:4]]
            prov = b.divs.get(city.code[:2] + "0000")
            intro = f"{(prov.name if prov else '')}{city.name}现辖{len(rows)}个县级行政区，其统计用区划代码如下。"
            table = [f"{d.code}　{d.name}" for d in rows]
            doc = Doc(f"table:{city.code}", f"{city.name}县级行政区划代码", tuple([intro] + table),
                      "zhanguangcheng/city-stats:build/json/city.json#" + city.code, "zh")
            p = b.new_page(group, n, doc, [12])
            p.must_keep += table[:3] + [intro]
            p.notes.append("guard: table of districts and codes")
        elif slot == 8:  # clean English article (every other one under a Chinese wrapper)
            doc = b.next_en()
            p = b.new_page(group, n, doc, [12])
            if p.fmt == "html":
                b.set_charset(p, "utf-8")
            p.notes.append("guard: English article")
            if i % 20 == 8:
                line, d = b.site_header(b.site_name())
                p.header.append(line)
                lines, d2 = b.rec_block(4)
                p.end += lines
                p.must_drop += d + d2
                p.families = [4, 7, 12]
            b.keep_sentences(p, 3)
        else:  # clean article
            doc = b.next_cn()
            p = b.new_page(group, n, doc, [12])
            p.notes.append("guard: clean article")
            b.keep_sentences(p, 3)
        b.add(p)
        n += 1
    return n


# Pages per generator for the part (the unit test builds a few of each from a tiny folder).
COUNTS = {"seed_wrappers": 72, "injections": 42, "pasted": 40, "stuffing": 34, "gambling": 34,
          "long_templates": 30, "clusters": 10, "junk": 30, "guards": 84}


def build_pages(source: Path, seed: int, counts: dict[str, int] = COUNTS) -> list[Page]:
    b = Builder(source, seed)
    sites = [f"site{k:02d}" for k in range(1, 15)]
    n = 1
    n = seed_wrappers(b, sites[:12], counts["seed_wrappers"], n)
    n = injections(b, sites[2:14], counts["injections"], n)
    n = pasted(b, sites[1:13], counts["pasted"], n)
    n = stuffing(b, sites[3:14], counts["stuffing"], n)
    n = gambling_pages(b, sites[:10], counts["gambling"], n)
    n = long_templates(b, "site15", sites[4:10], counts["long_templates"], n)
    n = clusters(b, sites, counts["clusters"], n)
    n = junk(b, sites, counts["junk"], n)
    n = guards(b, sites, counts["guards"], n)
    return b.pages


def build(source: Path, out: Path, seed: int, counts: dict[str, int] = COUNTS) -> dict:
    pages = build_pages(source, seed, counts)
    rows = gold_mod.write_part(out, pages, encode, validate, gold_row)
    info = gold_mod.summary(rows, charsets=True)
    info.update({"part": PART, "seed": seed, "builder": "tools/evalset/build_spam_eval_i.py",
                 "template_family": "I",
                 "languages": {lang: sum(r["lang"] == lang for r in rows) for lang in ("zh", "en")},
                 "formats": {f: sum(r["format"] == f for r in rows) for f in ("txt", "html")}})
    return gold_mod.write_build_info(out, info)


def main(argv: list[str] | None = None) -> int:
    return manifest.run_builder(argv, __doc__.split("\n\n")[0], build,
                                ("pages", "kinds", "html", "non_utf8_html", "families", "clusters",
                                 "must_keep", "must_drop"))


if __name__ == "__main__":
    sys.exit(main())
