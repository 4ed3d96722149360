"""The seventh test part (``test7``): template family H and its own generators.

Built from the spam families (README.md) and the pipeline's input/output formats only. Material
comes from repositories no other part uses (``prepare_sources``: ``dureader``, ``cnndm``, ``cndiv``,
``sscweb``):

- Chinese articles: real crawled web documents of the DuReader search sample (question-and-answer
  posts, forum threads, news, blogs, library pages; title and paragraphs as crawled); one hash half
  of the documents gives the articles, the other half the pasted sentences, the fragments of
  stuffing lines, the doorway pages and the headlines of recommendation blocks;
- English articles: CNN/Daily Mail article bodies (``cnndm``);
- place names: the nested division tree of ``cndiv`` (cities, counties/districts);
- gambling and lottery text: the JSP views of a real lottery site (``sscweb``): its rules and help
  sentences, its lottery names, its site-theme codes as brand stems.

Every page is deterministic in the seed; ``validate`` keeps only the gold strings the written page
bears out. ``python -m tools.evalset.build_spam_eval_h --source DIR --out DIR [--freeze|--check]``.
"""

from __future__ import annotations

import csv
import html
import io
import json
import random
import re
import sys
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from tools.evalset.gold import norm, summary, write_build_info, write_part
from tools.evalset.manifest import run_builder
from tools.evalset.material import CJK, extract_page_phrases, split_sentences, stable_hash

# ---------------------------------------------------------------------------------------------
# Template family H: how the hijacking sites of this part dress their keywords.


@dataclass(frozen=True)
class FamilyH:
    list_seps: tuple[str, ...] = ("丨", " | ", "，", "  ", "·", " / ")
    area_labels: tuple[str, ...] = ("服务区域：", "覆盖城市：", "本站分站：", "热门地区：", "")
    stuff_seps: tuple[str, ...] = (" ", "，", "_", " - ", "|")
    related_headers: tuple[str, ...] = ("精彩推荐", "大家都在看", "为您推荐", "相关资讯", "猜您喜欢",
                                        "网友还看了", "最新文章")
    related_bullets: tuple[str, ...] = ("· ", "☆ ", "> ", "", "● ")
    related_suffixes: tuple[str, ...] = ("", " (图)", " 「详情」", "→点击查看")
    keyword_labels: tuple[str, ...] = ("本文关键词:", "关键词：", "本文标签：", "热门关键词：", "相关标签：",
                                       "tags:")
    sitemap_paths: tuple[str, ...] = ("/sitemap.xml", "/sitemap_1.xml", "/sitemaps/index.html",
                                      "/map/index.htm", "/sitemap/article.xml", "/baidu_sitemap.txt")
    site_products: tuple[str, ...] = ("家装", "二手车", "月嫂", "留学", "搬家", "婚庆", "钢材", "花卉")
    site_suffixes: tuple[str, ...] = ("信息港", "生活网", "服务网", "在线", "之窗", "资讯网")
    service_heads: tuple[str, ...] = ("家电维修", "管道疏通", "不孕不育医院", "男科医院", "体育",
                                      "国际app", "娱乐", "信息网", "装修公司", "开锁换锁", "防水补漏",
                                      "月子中心", "空调维修点", "皮肤病医院")
    loan_heads: tuple[str, ...] = ("无抵押贷款", "个人小额贷款", "信用卡套现", "空放借款",
                                   "代办大额信用卡", "车辆抵押贷款", "网贷口子", "办证刻章")
    ad_phrases: tuple[str, ...] = ("急用钱当天放款", "刷单兼职日结", "加微信领红包", "工资日结招聘",
                                   "免费代理加盟")
    gambling_suffixes: tuple[str, ...] = ("彩票", "彩票网", "娱乐平台", "彩票app下载", "官方开奖网",
                                          "网投注册", "注册送38元")
    lottery_suffixes: tuple[str, ...] = ("官方开奖网", "计划群", "平台", "开奖直播")
    header_links: tuple[str, ...] = ("网站首页", "本地资讯", "便民服务", "联系我们", "手机版")
    greetings: tuple[str, ...] = ("欢迎访问本站，您是第{n}位访客！", "今日浏览{n}次，累计浏览{m}次",
                                  "祝各位网友身体健康，阖家幸福！", "本站已稳定运行{n}天，感谢您的支持",
                                  "设为首页 丨 收藏本站 丨 繁体中文", "在线人数：{n}  历史最高：{m}",
                                  "早上好！今天是您第{n}次访问本站")
    essay_topics: tuple[str, ...] = ("我的家乡", "难忘的暑假", "我最敬佩的人", "读书的乐趣", "美丽的秋天",
                                     "我学会了骑车", "给妈妈的一封信", "我的理想")
    essay_kinds: tuple[str, ...] = ("作文{n}字", "优秀作文{n}篇", "满分作文", "经典句子", "名言名句大全",
                                    "励志语录")
    charsets: tuple[str, ...] = ("utf-8", "gbk", "gb18030", "utf-8", "gb2312", "gbk")


FAM = FamilyH()


# ---------------------------------------------------------------------------------------------
# Material


@dataclass(frozen=True)
class Doc:
    key: str
    title: str  # cleaned title
    raw_title: str  # as crawled (with its site suffix)
    paras: tuple[str, ...]
    source: str
    lang: str = "zh"


_SITE_SUFFIX = re.compile(r"[_\-|｜—]+[^_\-|｜—]{1,16}$")
_JUNK_PARA = re.compile(r"https?://|www\.|\.com|\.cn|©|版权所有|转载|扫码|二维码|微信|QQ|qq|电话|"
                        r"原标题|来源[:：]|编辑[:：]|责任编辑|[▲▼★☆◆●■]")


_NOTICE = re.compile(r"仅代表|不代表.{0,12}立场|仅供.{0,12}参考|郑重声明|^声明[:：]|编者[:：]|文章导读|版权归|侵删|"
                     r"如有侵权|与本站无关|与本网无关|免责声明|不承担任何责任|以上信息由")


def _clean_text(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).replace("\u3000", " ")
    s = re.sub(r"\s+", " ", s).strip()
    # spaces a crawler leaves between Chinese characters
    s = re.sub(r"(?<=[\u4e00-\u9fff，。！？、；：“”（）,.!?;:]) (?=[\u4e00-\u9fff，。！？、；：“”（）])", "", s)
    return s


def load_dureader(folder: Path, strict: bool = True) -> list[Doc]:
    """Real crawled web documents of the DuReader search sample, cleaned to their article text
    (``strict``: only those that make an article page; otherwise every document with a paragraph)."""
    out: list[Doc] = []
    seen: set[str] = set()
    base = folder / "DuReader-2.0" / "data" / "demo"
    for part in ("trainset/search.train.json", "devset/search.dev.json", "testset/search.test.json"):
        path = base / part
        if not path.exists():
            continue
        for qi, line in enumerate(path.read_text(encoding="utf-8").split("\n")):
            if not line.strip():
                continue
            q = json.loads(line)
            for di, d in enumerate(q.get("documents", [])):
                raw_title = _clean_text(d.get("title", ""))
                title = _SITE_SUFFIX.sub("", raw_title).strip() or raw_title
                title = re.sub(r"[_\-|]+$", "", title).strip()
                paras: list[str] = []
                for p in d.get("paragraphs", []):
                    p = _clean_text(p)
                    # a site's notice (disclaimers, editor's notes) is not article text
                    p = "".join(x for x in split_sentences(p) if not _NOTICE.search(x))
                    if len(p) < 16 or len(CJK.findall(p)) < 0.6 * len(p) or _JUNK_PARA.search(p):
                        continue
                    if not re.search(r"[。！？!?]$", p) or p.startswith(title[:8]) or p in paras:
                        continue
                    if re.match(r"^(?:\d+[.、)]|[一二三四五六七八九十]+、|第.{1,3}[步章节])", p):
                        continue
                    paras.append(p)
                text = "".join(paras)
                if strict and (not (1 <= len(paras) <= 16 and 200 <= len(text) <= 3600
                                    and len(split_sentences(text)) >= 3) or not (4 <= len(title) <= 40)):
                    continue
                if not paras:
                    continue
                if text in seen:
                    continue
                seen.add(text)
                key = f"dureader:{part.split('/')[0]}:{qi}:{di}"
                out.append(Doc(key, title, raw_title, tuple(paras),
                               f"baidu/DuReader:DuReader-2.0/data/demo/{part}#{qi}.{di}"))
    return out


def _grams(text: str, n: int = 5) -> set[str]:
    t = norm(text)
    return {t[i:i + n] for i in range(0, max(0, len(t) - n + 1))}


def drop_reposts(docs: list[Doc], thr: float = 0.2) -> list[Doc]:
    kept: list[Doc] = []
    grams: list[set[str]] = []
    for d in docs:
        g = _grams("".join(d.paras))
        if any(len(g & h) / max(1, len(g | h)) >= thr for h in grams):
            continue
        kept.append(d)
        grams.append(g)
    return kept


_BOILER = re.compile(r"网友|观点|立场|版权|免责|声明|本站|本网|小编|点击|关注|转发|分享|图片|图为|下载|登录")
_EN_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def load_cnndm(folder: Path) -> list[Doc]:
    path = folder / "data" / "train_sample.zip"
    if not path.exists():
        return []
    csv.field_size_limit(10 ** 8)
    with zipfile.ZipFile(path) as z:
        data = z.read("train_sample.csv").decode("utf-8")
    out = []
    for row in csv.DictReader(io.StringIO(data)):
        text = unicodedata.normalize("NFKC", row["article"]).strip()
        if text.startswith("By .") or "PUBLISHED:" in text[:300] or " . " in text[:200]:
            continue
        text = re.sub(r"^\(CNN\)\s*--\s*", "", text)
        sents = [s.strip() for s in _EN_SENT.split(text) if s.strip()]
        if len(sents) < 8 or len(text) < 1500 or re.search(r"[^\x00-\x7f‘’“”—–]", text):
            continue
        paras, cur = [], []
        for s in sents[:24]:
            cur.append(s)
            if len(cur) == 3:
                paras.append(" ".join(cur))
                cur = []
        if cur:
            paras.append(" ".join(cur))
        title = row["highlights"].strip().split("\n")[0].strip().rstrip(" .")
        if not (20 <= len(title) <= 120):
            continue
        out.append(Doc(f"cnndm:{row['id']}", title, title, tuple(paras),
                       f"EileenFeng/Text-Summarization-NLP:data/train_sample.zip#{row['id']}", "en"))
    return out


def load_places(folder: Path) -> tuple[list[str], list[str]]:
    """(county/district names, city names) of the division tree."""
    d = json.loads((folder / "scripts" / "output" / "level4-mini.json").read_text(encoding="utf-8"))
    levels: dict[int, list[str]] = {}

    def walk(n):
        levels.setdefault(n.get("level", 0), []).append(n["name"])
        for c in n.get("children", []):
            walk(c)

    walk(d)
    bad = re.compile(r"其它|其他|直辖|市辖|^县$")
    counties = sorted({n for n in levels.get(4, []) + levels.get(5, []) if not bad.search(n) and 2 <= len(n) <= 6})
    cities = sorted({n for n in levels.get(3, []) if not bad.search(n) and 2 <= len(n) <= 8})
    return counties, cities


def short_place(name: str) -> str:
    m = re.sub(r"(?:自治县|自治州|地区|特别行政区|新区|市|县|区|盟|旗)$", "", name)
    return m if len(m) >= 2 else name


def load_lottery(folder: Path) -> tuple[list[str], list[str], list[str]]:
    """(real lottery-site sentences, lottery names, brand stems) of the lottery site's views."""
    files = sorted(folder.rglob("*.jsp"))
    phrases = extract_page_phrases(files)
    sents = [p for p in phrases if 14 <= len(p) <= 60 and p[-1] in "。！" and not re.search(r"[<>\"=]|html", p)]
    text = "\n".join(f.read_text(encoding="utf-8", errors="replace") for f in files)
    names = re.findall(r"(?<![\u4e00-\u9fff])((?:[\u4e00-\u9fff]{2}|\d+分|[一二三五十]分)(?:时时彩|六合彩|快3|快乐8|PK10|11选5))", text)
    counts: dict[str, int] = {}
    for n in names:
        counts[n] = counts.get(n, 0) + 1
    lot = sorted((n for n, c in counts.items() if c >= 2), key=lambda n: (-counts[n], n))
    themes = sorted({p.parts[p.parts.index("theme") + 1] for p in files if "theme" in p.parts})
    return sents, lot, themes


# ---------------------------------------------------------------------------------------------
# Pages


@dataclass
class Page:
    pid: str
    kind: str
    title: str
    paras: list[str]  # gold article paragraphs (a text dump's gold adds the title line)
    fmt: str
    charset: str = "utf-8"
    body: str = ""  # the written page (text or HTML), unicode
    must_keep: list[str] = field(default_factory=list)
    must_drop: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)  # must_keep an injection's removal restores
    cluster: str | None = None
    families: list[int] = field(default_factory=list)
    source: str = ""
    notes: str = ""
    lang: str = "zh"
    declared: bool = True

    def article(self) -> str:
        if self.kind != "article":
            return ""
        lines = ([self.title] if self.fmt == "txt" else []) + self.paras
        return unicodedata.normalize("NFKC", "\n".join(lines))


def esc(s: str) -> str:
    return html.escape(s, quote=False)


def page_text(page: Page, data: bytes) -> str:
    """What a reader (or the scorer's strings) can find on the written page: decoded, tags removed,
    entities decoded; <title> and <meta> content kept."""
    text = data.decode(page.charset if page.fmt == "html" else "utf-8")
    if page.fmt == "html":
        metas = " ".join(re.findall(r'<meta name="keywords" content="([^"]*)"', text))
        text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", text, flags=re.S)
        text = re.sub(r"<[^>]+>", "\n", text) + "\n" + metas
        text = html.unescape(text)
    return norm(text)


def validate(page: Page, data: bytes) -> None:
    seen = page_text(page, data)
    art = norm(page.article())
    keep, drop = [], []
    for k in dict.fromkeys(page.must_keep):
        nk = norm(k)
        if nk and nk in art and (nk in seen or k in page.restored) and "<" not in k and "&" not in k:
            keep.append(k)
    for d in dict.fromkeys(page.must_drop):
        nd = norm(d)
        if nd and nd in seen and not (art and nd in art):
            drop.append(d)
    page.must_keep, page.must_drop = keep, drop


def encode(page: Page) -> bytes:
    if page.fmt == "txt":
        return page.body.encode("utf-8")
    return page.body.encode(page.charset)


def gold_row(page: Page) -> dict:
    return {"id": page.pid, "kind": page.kind, "title": page.title, "article": page.article(),
            "must_keep": page.must_keep, "must_drop": page.must_drop, "cluster": page.cluster,
            "families": sorted(set(page.families)), "source": page.source, "notes": page.notes,
            "format": page.fmt,
            "charset": ("utf-8" if page.fmt != "html" else
                        page.charset if page.declared else f"{page.charset} (undeclared)")}


# ---------------------------------------------------------------------------------------------
# Generators


class Builder:
    def __init__(self, source: Path, seed: int):
        self.rng = random.Random(seed * 7919 + 8)
        docs = load_dureader(source / "dureader")
        docs = sorted(docs, key=lambda d: stable_hash(d.key + str(seed)))
        docs = drop_reposts(docs)
        self.articles = [d for d in docs if stable_hash("h7" + d.key) % 8 != 0]
        art_keys = {d.key for d in self.articles}
        # foreign material: every other document of the sample, whether or not it passed as an article
        self.foreign = [d for d in load_dureader(source / "dureader", strict=False) if d.key not in art_keys]
        self.used: set[str] = set()
        self.html_n = 0
        self.en_docs = load_cnndm(source / "cnndm")
        self.en_docs.sort(key=lambda d: stable_hash(d.key + str(seed)))
        self.counties, self.cities = load_places(source / "cndiv")
        self.lot_sents, self.lotteries, self.themes = load_lottery(source / "sscweb")
        fs = []
        for d in self.foreign:
            for p in d.paras:
                fs.extend(s for s in split_sentences(p) if 14 <= len(s) <= 60 and s[-1] in "。！？!?"
                          and not _BOILER.search(s) and len(CJK.findall(s)) >= 0.7 * len(s))
        self.foreign_sents = sorted(set(fs), key=lambda s: stable_hash(s + str(seed)))
        self.headlines = sorted({d.title for d in self.foreign if 6 <= len(d.title) <= 28},
                                key=lambda s: stable_hash(s + str(seed)))
        self.pages: list[Page] = []
        self.ai = 0
        self.ei = 0
        self.fi = 0
        self.counter: dict[str, int] = {}
        import opencc  # opencc-python-reimplemented (a project dependency): required, the part must not vary

        self.s2t = opencc.OpenCC("s2t").convert

    # -- material draws
    def next_article(self, pred=None) -> Doc:
        """The next article no page has used (each article is on one page, or in one cluster)."""
        for d in self.articles:
            if d.key not in self.used and (pred is None or pred(d)):
                self.used.add(d.key)
                return d
        for d in self.articles:  # the predicate is a preference, not a must
            if d.key not in self.used:
                self.used.add(d.key)
                return d
        raise RuntimeError("no article left")

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def foreign_sentence(self) -> str:
        s = self.foreign_sents[self.fi % len(self.foreign_sents)]
        self.fi += 1
        return s

    def county(self) -> str:
        return self.pick(self.counties)

    def place_list(self, n: int) -> tuple[str, list[str]]:
        names = [short_place(self.county()) for _ in range(n)]
        sep = self.pick(FAM.list_seps)
        return FAM.area_labels[self.rng.randrange(len(FAM.area_labels))] + sep.join(names), names

    def site_name(self) -> str:
        return short_place(self.pick(self.cities)) + self.pick(FAM.site_products) + self.pick(FAM.site_suffixes)

    def domain(self) -> str:
        h = stable_hash(f"dom{self.rng.random()}")
        letters = "".join("abcdefghjkmnpqrstwxyz"[(h >> (5 * i)) % 21] for i in range(5))
        return f"www.{letters}{h % 97}.{self.pick(('com', 'cn', 'net', 'com.cn', 'cc'))}"

    def commercial(self) -> str:
        return short_place(self.county()) + self.pick(FAM.service_heads)

    def loan(self) -> str:
        if self.rng.random() < 0.3:
            return self.pick(FAM.ad_phrases)
        return short_place(self.pick(self.cities)) + self.pick(FAM.loan_heads)

    def gambling(self) -> str:
        r = self.rng.random()
        if r < 0.45 and self.themes:
            return self.pick(self.themes) + self.pick(FAM.gambling_suffixes)
        if self.lotteries:
            return self.pick(self.lotteries) + self.pick(FAM.lottery_suffixes)
        return "彩票" + self.pick(FAM.gambling_suffixes)

    def keyword(self, kind: str | None = None) -> str:
        kind = kind or self.pick(("commercial", "loan", "gambling", "commercial"))
        return {"commercial": self.commercial, "loan": self.loan, "gambling": self.gambling,
                "place": lambda: self.county()}[kind]()

    def keyword_line(self, kws: list[str]) -> str:
        return self.pick(FAM.keyword_labels) + self.pick(FAM.stuff_seps).join(kws)

    def related_block(self, n: int) -> list[str]:
        head = self.pick(FAM.related_headers)
        bullet = self.pick(FAM.related_bullets)
        suf = self.pick(FAM.related_suffixes)
        items = [bullet + self.headlines[(self.fi * 7 + i) % len(self.headlines)] + suf for i in range(n)]
        self.fi += 1
        return [head] + items

    def sitemap(self) -> str:
        return "http://" + self.domain() + self.pick(FAM.sitemap_paths)

    def address(self) -> str:
        c = self.pick(self.cities)
        return (f"地址：{c}{self.county()}{short_place(self.county())}路{self.rng.randrange(1, 400)}号  "
                f"电话：1{self.rng.randrange(30, 99)}{self.rng.randrange(10 ** 7, 10 ** 8)}")

    def new_id(self, group: str, ext: str) -> str:
        n = self.counter.get(group, 0)
        self.counter[group] = n + 1
        return f"{group}/p{n:03d}.{ext}"

    # -- gold helpers
    @staticmethod
    def sentences(paras: list[str], lang: str = "zh") -> list[str]:
        out = []
        for p in paras:
            if lang == "en":
                out.extend(s for s in _EN_SENT.split(p) if 30 <= len(s) <= 260 and s.count('"') % 2 == 0)
            else:
                out.extend(s for s in split_sentences(p) if 12 <= len(s) <= 140 and s.count("“") == s.count("”")
                           and len(CJK.findall(s)) >= 0.5 * len(s) and not re.search(r"[‘’〔〕]", s))
        return out

    def keeps(self, paras: list[str], k: int = 3, lang: str = "zh") -> list[str]:
        s = self.sentences(paras, lang)
        if len(s) <= k:
            return s
        idx = sorted(self.rng.sample(range(len(s)), k))
        return [s[i] for i in idx]

    # -- HTML rendering (family H layouts)
    def render(self, page: Page, *, title_tag: str, h1: str, content: list[str], header: list[str] = (),
               sidebar: list[str] = (), footer: list[str] = (), hidden: list[str] = (), keywords: str = "",
               layout: int = 0, single_p: bool = False, site: str = "") -> str:
        cs = page.charset
        if not page.declared:
            meta = ""
        elif layout % 2:
            meta = f'<meta http-equiv="Content-Type" content="text/html; charset={cs}">'
        else:
            meta = f'<meta charset="{cs}">'
        kw = f'\n<meta name="keywords" content="{html.escape(keywords, quote=True)}">' if keywords else ""
        site = site or self.site_name()
        nav = "".join(f'<a href="/{i}/">{esc(n)}</a>' for i, n in enumerate(FAM.header_links))
        if single_p:
            body = "<p>" + esc("\n".join(content)) + "</p>"
        elif layout == 1:
            body = "<br>\n".join(esc(c) for c in content)
        else:
            body = "\n".join(f"<p>{esc(c)}</p>" for c in content)
        head_html = "".join(f'<div class="topbar">{esc(h)}</div>\n' for h in header)
        side_html = ("<ul class=\"side\">" + "".join(f"<li>{esc(s)}</li>" for s in sidebar) + "</ul>") if sidebar else ""
        foot_html = "".join(f"<span class=\"ft\">{esc(f)}</span><br>\n" for f in footer)
        hid = ('<div style="display:none">' + "".join(f"<a href=\"/\">{esc(h)}</a>" for h in hidden)
               + "</div>") if hidden else ""
        if layout == 1:  # forum thread
            return f"""<!DOCTYPE html>
<html><head>{meta}
<title>{esc(title_tag)}</title>{kw}
</head><body>
<div id="hd"><a class="logo" href="/">{esc(site)}</a><div class="nav">{nav}</div></div>
{head_html}<div id="thread"><h1 class="subject">{esc(h1)}</h1>
<table class="post"><tr><td class="author">楼主</td><td class="t_f">
{body}
</td></tr></table></div>
<div id="aside">{side_html}</div>
<div id="ft">{foot_html}</div>{hid}
</body></html>
"""
        if layout == 2:  # question-and-answer page
            return f"""<!DOCTYPE html>
<html lang="zh-CN"><head>{meta}
<meta name="viewport" content="width=device-width">
<title>{esc(title_tag)}</title>{kw}
</head><body>
<header><span class="brand">{esc(site)}</span> {nav}</header>
{head_html}<section class="question"><h1>{esc(h1)}</h1></section>
<section class="answer best"><div class="answer-title">最佳答案</div>
<div class="answer-text">
{body}
</div></section>
<aside>{side_html}</aside>
<footer>{foot_html}</footer>{hid}
</body></html>
"""
        if layout == 3:  # old table layout
            return f"""<html><head>{meta}
<title>{esc(title_tag)}</title>{kw}
</head><body>
<table width="980" align="center"><tr><td class="top">{esc(site)} {nav}</td></tr></table>
{head_html}<table width="980" align="center"><tr><td width="700" valign="top">
<div class="bt">{esc(h1)}</div>
<div class="zw">
{body}
</div></td><td width="280" valign="top">{side_html}</td></tr></table>
<table width="980" align="center"><tr><td class="copy">{foot_html}</td></tr></table>{hid}
</body></html>
"""
        return f"""<!DOCTYPE html>
<html lang="zh-CN"><head>
{meta}
<title>{esc(title_tag)}</title>{kw}
<link rel="stylesheet" href="/css/style.css">
</head><body>
<div class="header"><div class="logo">{esc(site)}</div><div class="menu">{nav}</div></div>
{head_html}<div class="wrap"><div class="main">
<div class="position">当前位置：<a href="/">首页</a> &gt; 正文</div>
<h1 class="title">{esc(h1)}</h1>
<div class="article-content">
{body}
</div></div>
<div class="sidebar">{side_html}</div></div>
<div class="footer">{foot_html}</div>{hid}
</body></html>
"""

    def charset(self, i: int) -> tuple[str, bool]:
        """The charset of the next HTML page (``i`` only varies the draw): family H's mix, some GBK
        pages declaring nothing."""
        self.html_n += 1
        k = stable_hash(f"cs{self.html_n}:{i}")
        cs = FAM.charsets[k % len(FAM.charsets)]
        declared = not (cs == "gbk" and (k >> 8) % 3 == 0)
        return cs, declared

    def fit_charset(self, page: Page, texts: list[str]) -> None:
        if page.charset in ("gbk", "gb2312"):
            try:
                "\n".join(texts).encode(page.charset)
            except UnicodeEncodeError:
                page.charset, page.declared = "gb18030", True

    # -- page builders ------------------------------------------------------------------------
    def add(self, page: Page) -> Page:
        self.pages.append(page)
        return page

    def txt_page(self, group: str, doc: Doc, *, pre: list[str] = (), mid: dict[int, list[str]] | None = None,
                 post: list[str] = (), paras: list[str] | None = None, body_paras: list[str] | None = None,
                 title_line: str | None = None, **kw) -> Page:
        paras = list(paras if paras is not None else doc.paras)
        shown = list(body_paras if body_paras is not None else paras)
        lines = list(pre) + [title_line or doc.title]
        for i, p in enumerate(shown):
            lines.append(("  " if i % 2 == 0 and self.rng.random() < 0.5 else "") + p)
            if mid and i in mid:
                lines.extend(mid[i])
        lines += list(post)
        p = Page(self.new_id(group, "txt"), "article", doc.title, paras, "txt", source=doc.source, lang=doc.lang,
                 **kw)
        p.body = "\n\n".join(lines) + "\n" if self.rng.random() < 0.5 else "\n".join(lines) + "\n"
        return self.add(p)

    def html_page(self, group: str, doc: Doc, i: int, *, content: list[str] | None = None,
                  paras: list[str] | None = None, title_tag: str | None = None, layout: int | None = None,
                  header=(), sidebar=(), footer=(), hidden=(), keywords="", single_p=False, site="",
                  charset: str | None = None, **kw) -> Page:
        paras = list(paras if paras is not None else doc.paras)
        content = list(content if content is not None else paras)
        cs, declared = (charset, True) if charset else self.charset(i)
        p = Page(self.new_id(group, "html"), "article", doc.title, paras, "html", charset=cs, source=doc.source,
                 lang=doc.lang, declared=declared, **kw)
        layout = (i % 4) if layout is None else layout
        tt = title_tag or self.pick((doc.raw_title, doc.title, f"{doc.title}_{site or self.site_name()}"))
        self.fit_charset(p, [tt, doc.title] + content + list(header) + list(sidebar) + list(footer) + list(hidden)
                         + [keywords])
        p.body = self.render(p, title_tag=tt, h1=doc.title, content=content, header=header, sidebar=sidebar,
                             footer=footer, hidden=hidden, keywords=keywords, layout=layout, single_p=single_p,
                             site=site)
        return self.add(p)

    # family 1/2/4/7: seed-like wrappers
    def seed_like(self, n: int) -> None:
        for i in range(n):
            doc = self.next_article()
            site = self.site_name()
            places, names = self.place_list(self.rng.randrange(18, 60))
            kws = [self.keyword() for _ in range(self.rng.randrange(3, 7))]
            drops = [places[-30:], places[:30]]
            fams = [1]
            group = f"site{(i % 12):02d}"
            pre, post, mid = [], [], {}
            variant = i % 6
            if variant in (0, 3):
                pre.append(site + site)
                drops.append(site + site)
                fams.append(4)
            if variant in (1, 4):
                pre.append(site + " " + " ".join(FAM.header_links))
                drops.append(site + " " + FAM.header_links[0])
                fams.append(4)
            (pre if i % 2 == 0 else post).append(places)
            if variant in (2, 3, 5):
                kl = self.keyword_line(kws)
                post.append(kl)
                drops += kws
                fams.append(2)
            if variant in (0, 4, 5):
                rb = self.related_block(self.rng.randrange(3, 6))
                post.extend(rb)
                drops += rb[1:]
                fams.append(7)
            if variant in (1, 2):
                sm = self.sitemap()
                post.append(sm)
                drops.append(sm)
                fams.append(7)
            if variant == 5:
                ad = self.address()
                mid[len(doc.paras) // 2] = [ad]
                drops.append(ad)
                fams.append(1)
            keeps = self.keeps(list(doc.paras))
            if i % 2 == 0:
                self.txt_page(group, doc, pre=pre, mid=mid, post=post, must_keep=keeps, must_drop=drops,
                              families=fams, notes=f"seed-like wrapper v{variant}")
            else:
                header = pre
                sidebar, footer, hidden = [], [], []
                if variant in (1, 3):
                    sidebar = [short_place(x) + self.pick(FAM.service_heads) for x in names[:8]]
                    drops += sidebar[:4]
                    fams.append(2)
                footer = post
                if variant in (4, 5):
                    hidden = kws
                    drops += kws
                content = list(doc.paras)
                if mid:
                    content.insert(len(doc.paras) // 2 + 1, mid[len(doc.paras) // 2][0])
                tt = f"{doc.title}_{site}_{site}" if variant in (0, 3) else f"{doc.title}-{'-'.join(kws[:3])}"
                if variant not in (0, 3):
                    drops += kws[:3]
                self.html_page(group, doc, i, content=content, title_tag=tt, header=header, sidebar=sidebar,
                               footer=footer, hidden=hidden, keywords=",".join(kws), site=site, must_keep=keeps,
                               must_drop=drops, families=fams, notes=f"seed-like wrapper v{variant} (html)")

    # family 3: keywords injected at commas with no other evidence
    def inject_into(self, paras: list[str], kw: str, style: int) -> tuple[list[str], str, str] | None:
        """Injects ``kw`` at a comma of one sentence; (new paragraphs, must_drop with context, restored sentence)."""
        cands = []
        for pi, p in enumerate(paras):
            for s in split_sentences(p):
                for m in re.finditer(r"[,，]", s):
                    if 4 <= m.start() <= len(s) - 6 and len(s) <= 140:
                        cands.append((pi, s, m.start()))
        if not cands:
            return None
        pi, s, pos = cands[self.rng.randrange(len(cands))]
        c = s[pos]
        glue = [f"{kw}{c}", f"（{kw}）", f"【{kw}】", f"{kw} ", f"{kw}、"][style % 5]
        if style % 5 == 4:  # before the comma: "……、kw,"
            new_s = s[:pos] + "、" + kw + s[pos:]
            inserted = s[max(0, pos - 2):pos] + "、" + kw + c
        else:
            new_s = s[:pos + 1] + glue + s[pos + 1:]
            inserted = s[max(0, pos - 2):pos + 1] + glue.strip()
        new = list(paras)
        new[pi] = paras[pi].replace(s, new_s, 1)
        return new, inserted, s

    def injections(self, n: int) -> None:
        kinds = ("commercial", "loan", "gambling", "place", "commercial", "gambling")
        for i in range(n):
            doc = self.next_article()
            paras = list(doc.paras)
            shown = list(paras)
            drops, restored = [], []
            for j in range(1 + (i % 3 == 0)):
                kw = self.keyword(kinds[(i + j) % len(kinds)])
                r = self.inject_into(shown, kw, i + j)
                if not r:
                    continue
                shown, inserted, s = r
                drops.append(inserted)
                restored.append(s)
            keeps = restored + self.keeps(paras, 2)
            group = f"local{i % 8}"
            kw_ = dict(must_keep=keeps, must_drop=drops, restored=restored, families=[3] if drops else [12],
                       notes=f"injection at a comma, style {i % 5}, no other evidence" if drops else
                       "clean article (no comma to inject at)")
            if i % 2:
                self.html_page(group, doc, i, content=shown, paras=paras, title_tag=doc.raw_title, **kw_)
            else:
                self.txt_page(group, doc, paras=paras, body_paras=shown, **kw_)

    # family 5: sentences pasted from unrelated articles
    def pasted(self, n: int) -> None:
        for i in range(n):
            doc = self.next_article(lambda d: len(d.paras) >= 3)
            paras = list(doc.paras)
            shown = list(paras)
            drops = []
            for j in range(1 + (i % 2)):
                fs = self.foreign_sentence()
                drops.append(fs)
                where = (i + j) % 3
                k = self.rng.randrange(len(shown))
                sents = split_sentences(shown[k])
                if where == 0 and len(sents) >= 2:
                    at = self.rng.randrange(1, len(sents))
                    shown[k] = "".join(sents[:at] + [fs] + sents[at:])
                elif where == 1:
                    extra = fs if self.rng.random() < 0.5 else fs + self.foreign_sentence()
                    drops[-1] = extra
                    shown.insert(k + 1, extra)
                else:
                    shown[k] = shown[k] + fs
            keeps = self.keeps(paras, 3)
            group = f"news{i % 6}"
            kw_ = dict(must_keep=keeps, must_drop=drops, families=[5], notes="pasted foreign sentences")
            if i % 2:
                self.html_page(group, doc, i, content=shown, paras=paras, **kw_)
            else:
                self.txt_page(group, doc, paras=paras, body_paras=shown, **kw_)

    # family 6: stuffing lines mixing keywords with foreign fragments
    def stuffing(self, n: int) -> None:
        for i in range(n):
            doc = self.next_article()
            parts = []
            drops = []
            for _ in range(self.rng.randrange(3, 6)):
                kw = self.keyword()
                frag = re.split(r"[,，。！？]", self.foreign_sentence())[0]
                parts += [kw, frag]
                drops += [kw, frag] if len(frag) >= 6 else [kw]
            line = self.pick(FAM.stuff_seps).join(parts)
            pos = i % 3
            keeps = self.keeps(list(doc.paras))
            kw_ = dict(must_keep=keeps, must_drop=drops, families=[6], notes=f"stuffing line, position {pos}")
            group = f"shop{i % 5}"
            if i % 2 == 0:
                if pos == 0:
                    self.txt_page(group, doc, pre=[line], **kw_)
                elif pos == 1:
                    self.txt_page(group, doc, post=[line], **kw_)
                else:
                    self.txt_page(group, doc, mid={len(doc.paras) // 2: [line]}, **kw_)
            else:
                content = list(doc.paras)
                if pos == 2:
                    content.insert(len(content) // 2, line)
                    self.html_page(group, doc, i, content=content, **kw_)
                elif pos == 1:
                    self.html_page(group, doc, i, footer=[line], **kw_)
                else:
                    self.html_page(group, doc, i, sidebar=parts[::2], header=[line], **kw_)

    # family 8: real crawled-style gambling spam
    def gambling_pages(self, n: int) -> None:
        for i in range(n):
            doc = self.next_article()
            g = self.gambling()
            paras = list(doc.paras)
            shown = list(paras)
            drops = [g]
            v = i % 6
            pre, post = [], []
            title_tag = None
            if v == 0:
                title_tag = f"{g}-{doc.title}"
                pre = [f"{g}_{doc.title}"]
            elif v == 1:
                shown[-1] = shown[-1] + g
                drops = [shown[-1][-len(g) - 4:]]
            elif v == 2:
                shown[-1] = shown[-1] + "——" + g
                drops = ["——" + g]
            elif v == 3:
                post = [f"本文关键词:{g},{self.gambling()},{doc.title[:6]}"]
                drops = [post[0].split(",")[0], post[0].split(",")[1]]
            elif v == 4:
                ls = self.pick(self.lot_sents) if self.lot_sents else g
                shown.insert(1, f"【{g}】{ls}")
                drops = [f"【{g}】", ls]
            else:
                ls = self.pick(self.lot_sents) if self.lot_sents else g
                shown.append(ls)
                shown[0] = shown[0] + f"〔{g}〕"
                drops = [f"〔{g}〕", ls]
            keeps = self.keeps(paras[:-1] if v in (1, 2) else paras, 3)
            kw_ = dict(must_keep=keeps, must_drop=drops, families=[8], notes=f"crawled-style gambling spam v{v}")
            group = f"bet{i % 5}"
            if i % 2:
                self.html_page(group, doc, i, content=shown + post, paras=paras, title_tag=title_tag,
                               keywords=g if v in (0, 3) else "", **kw_)
            else:
                self.txt_page(group, doc, paras=paras, body_paras=shown, pre=pre, post=post, **kw_)

    # family 9: shared long templates
    def templates(self, n_html: int, n_txt: int) -> None:
        site = self.site_name()
        places, _ = self.place_list(45)
        kws = [self.keyword() for _ in range(6)]
        rb = self.related_block(5)
        header = [site + site, places]
        footer = [self.keyword_line(kws)] + rb + [self.address(), f"Copyright 2012-2020 {site} 版权所有"]
        drops = [site + site, places[-30:]] + kws + rb[1:]
        for i in range(n_html):
            doc = self.next_article()
            self.html_page("tplgbk", doc, i, charset="gbk", layout=3, header=header, footer=footer, site=site,
                           title_tag=f"{doc.title}_{site}", keywords=",".join(kws), must_keep=self.keeps(list(doc.paras)),
                           must_drop=drops, families=[9, 1, 2, 7], notes="one long template in one folder (GBK)")
        site2 = self.site_name()
        places2, _ = self.place_list(38)
        kws2 = [self.keyword() for _ in range(5)]
        pre = [f"{site2}——{self.pick(FAM.site_products)}第一门户", places2]
        post = [self.keyword_line(kws2), self.sitemap(), self.address()]
        drops2 = [pre[0], places2[-30:]] + kws2 + post[1:]
        for i in range(n_txt):
            doc = self.next_article()
            self.txt_page(f"tpl{i % 6}", doc, pre=pre, post=post, must_keep=self.keeps(list(doc.paras)),
                          must_drop=drops2, families=[9, 1, 2, 7], notes="one template over six folders (text)")

    # family 1: heavily hijacked short articles
    def heavy(self, n: int) -> None:
        for i in range(n):
            doc = self.next_article(lambda d: len(d.paras) <= 4 and len("".join(d.paras)) <= 700)
            blocks, drops = [], []
            for _ in range(3):
                pl, _ = self.place_list(self.rng.randrange(40, 80))
                blocks.append(pl)
                drops.append(pl[-25:])
            kws = [self.keyword() for _ in range(8)]
            blocks.append(self.keyword_line(kws))
            drops += kws
            rb = self.related_block(6)
            drops += rb[1:]
            kw_ = dict(must_keep=self.keeps(list(doc.paras), 3), must_drop=drops, families=[1, 2, 7],
                       notes="spam outweighs a short article")
            if i % 2 == 0:
                self.txt_page("heavy", doc, pre=blocks[:2], post=blocks[2:] + rb, **kw_)
            else:
                self.html_page("heavy", doc, i, header=blocks[:2], sidebar=rb, footer=blocks[2:], **kw_)

    # family 10: junk pages
    def junk(self, n: int) -> None:
        for i in range(n):
            v = i % 6
            lines = []
            site = self.site_name()
            if v == 0:
                for g in FAM.greetings:
                    lines.append(g.format(n=self.rng.randrange(100, 99999), m=self.rng.randrange(10 ** 5, 10 ** 7)))
                lines.append(" 丨 ".join(FAM.header_links))
                kind, note = "junk", "visitor counter and greetings"
            elif v == 1:
                for t in FAM.essay_topics:
                    lines.append(t + self.pick(FAM.essay_kinds).format(n=self.pick((300, 400, 500, 600, 800))))
                kind, note = "junk", "essay link list"
            elif v == 2:
                for j in range(12):
                    kind_ = self.pick(FAM.essay_kinds).format(n=self.pick((300, 500, 800)))
                lines.append(f"{self.pick(FAM.essay_topics)}{kind_}：{self.foreign_sentence()[:12]}……")
                kind, note = "junk", "quotation link list"
            elif v == 3:
                lot = self.lotteries or ["时时彩"]
                for j in range(14):
                    nums = " ".join(f"{self.rng.randrange(0, 10)}" for _ in range(5))
                    lines.append(f"{self.pick(lot)} 第{20190101 + j * 7}期 开奖号码：{nums}")
                kind, note = "junk", "lottery result listing"
            elif v == 4:
                lines = [self.gambling() for _ in range(3)] + (self.rng.sample(self.lot_sents, min(8, len(self.lot_sents))))
                kind, note = "junk", "lottery lobby (real site text)"
            else:
                if i % 12 == 5:
                    lines = [" ".join(self.keyword() for _ in range(8)) for _ in range(6)]
                    kind, note = "spam_only", "keyword-only page"
                else:
                    sents = [self.foreign_sentence() for _ in range(12)]
                    lines = ["".join(sents[j:j + 3]) for j in range(0, 12, 3)]
                    kind, note = "spam_only", "doorway page of pasted sentences"
            title = site if v != 3 else f"{(self.lotteries or ['彩票'])[0]}开奖结果"
            fam = [10]
            if i % 2 == 0:
                p = Page(self.new_id("misc", "txt"), kind, title, [], "txt", families=fam, notes=note,
                         source="generated (family H) from " + ("sscweb" if v in (3, 4) else "dureader/cndiv"))
                p.body = title + "\n" + "\n".join(lines) + "\n"
            else:
                cs, declared = self.charset(i)
                p = Page(self.new_id("misc", "html"), kind, title, [], "html", charset=cs, declared=declared,
                         families=fam, notes=note, source="generated (family H)")
                self.fit_charset(p, lines + [title, site])
                p.body = self.render(p, title_tag=title, h1=title, content=lines, layout=i % 4, site=site)
            p.must_drop = [l for l in lines if 4 <= len(l) <= 60][:4]
            self.add(p)

    # family 11: near-duplicate clusters
    def clusters(self, n: int) -> None:
        for c in range(n):
            doc = self.next_article(lambda d: len(d.paras) >= 4)
            cid = f"h7-c{c:02d}"
            paras = list(doc.paras)
            keeps = self.keeps(paras[:-1], 3)
            site = self.site_name()
            places, _ = self.place_list(30)
            # copy 1: a seed-like wrapper
            self.txt_page(f"site{c % 12:02d}", doc, pre=[site + site, places], must_keep=keeps,
                          must_drop=[site + site, places[-25:]], cluster=cid, families=[11, 1, 4],
                          notes="cluster copy 1: seed-like wrapper")
            # copy 2: a repost without its last paragraph
            rp = paras[:-1]
            self.html_page(f"repost{c % 4}", doc, c, content=[f"转载自：{self.site_name()}"] + rp +
                           ["免责声明：本文仅代表作者个人观点，与本站无关。"], paras=rp, must_keep=keeps,
                           cluster=cid, families=[11], notes="cluster copy 2: repost, last paragraph cut")
            # copy 3: an injected name that survives in this copy alone
            kw = self.keyword("gambling" if c % 2 else "commercial")
            r = self.inject_into(paras, kw, c)
            shown, drops, restored = (r[0], [r[1]], [r[2]]) if r else (paras, [], [])
            self.html_page(f"mirror{c % 3}", doc, c + 1, content=shown, paras=paras,
                           must_keep=keeps + restored, restored=restored, must_drop=drops, cluster=cid,
                           families=[11, 3], notes="cluster copy 3: one injected name")

    # family 12: precision guards
    def guards(self, n: int) -> None:
        enum_re = re.compile(r"[^。！？]*(?:[\u4e00-\u9fff]{2,6}、){2,}[\u4e00-\u9fff]{2,6}[^。！？]*[。！？]")
        quote_re = re.compile(r"[^。！？]*“[^”]{4,60}”[^。！？]*[。！？]?")
        num_re = re.compile(r"[^。！？]*\d+[^。！？]*\d+[^。！？]*\d+[^。！？]*[。！？]")
        kinds = [("enumeration", enum_re), ("quoted speech", quote_re), ("figures", num_re)]
        for i in range(n):
            v = i % 9
            if v < 3:
                label, rx = kinds[v]
                doc = self.next_article(lambda d: any(rx.search(p) for p in d.paras))
                hits = [m.group(0).strip() for p in doc.paras for m in rx.finditer(p)]
                hits = [h for h in hits if h and any(h in s or s in h for s in self.sentences(list(doc.paras)))]
                sents = self.sentences(list(doc.paras))
                guard = [s for s in sents if any(s in h or h in s for h in hits)][:2]
                keeps = guard + self.keeps(list(doc.paras), 2)
                note = f"guard: {label} in the article"
                if i % 3 == 0:  # next to seed-like spam
                    site = self.site_name()
                    pl, _ = self.place_list(25)
                    self.txt_page("guard", doc, pre=[site + site, pl], must_keep=keeps,
                                  must_drop=[site + site, pl[-20:]], families=[12, 1, 4], notes=note + ", seed spam")
                elif i % 2:
                    self.html_page("guard", doc, i, must_keep=keeps, families=[12], notes=note)
                else:
                    self.txt_page("guard", doc, must_keep=keeps, families=[12], notes=note)
            elif v == 3:
                doc = self.next_article(lambda d: len(d.paras) <= 3)
                paras = list(doc.paras[:2])
                self.txt_page("short", doc, paras=paras, must_keep=self.keeps(paras, 2), families=[12],
                              notes="guard: short clean article")
            elif v == 4:
                doc = self.next_article()
                self.html_page("qa", doc, i, layout=2, title_tag=doc.raw_title, must_keep=self.keeps(list(doc.paras)),
                               families=[12], notes="guard: clean question-and-answer page")
            elif v == 5:
                doc = self.next_article()
                sents = [s for p in doc.paras for s in split_sentences(p)]
                self.html_page("onep", doc, i, content=sents, paras=["\n".join(sents)], single_p=True,
                               must_keep=self.keeps(list(doc.paras)), families=[12],
                               notes="guard: single <p> with newlines inside")
            elif v == 6:
                doc = self.next_article()
                tparas = [self.s2t(p) for p in doc.paras]
                tdoc = Doc(doc.key, self.s2t(doc.title), self.s2t(doc.raw_title), tuple(tparas), doc.source)
                self.html_page("tw", tdoc, i, charset="utf-8", must_keep=self.keeps(tparas), families=[12],
                               notes="guard: clean article in traditional script")
            elif v == 7:
                doc = self.next_article()
                self.html_page("forum", doc, i, layout=1, must_keep=self.keeps(list(doc.paras)), families=[12],
                               notes="guard: clean forum thread")
            else:
                doc = self.next_article()
                self.txt_page("clean", doc, must_keep=self.keeps(list(doc.paras)), families=[12],
                              notes="guard: clean article")

    def traditional_spam(self, n: int) -> None:
        """Simplified articles whose spam blocks are written in traditional script."""
        for i in range(n):
            doc = self.next_article()
            kws = [self.s2t(self.keyword()) for _ in range(5)]
            pl, _ = self.place_list(30)
            pl = self.s2t(pl)
            kl = self.s2t(self.keyword_line(kws))
            self.html_page("hk", doc, i, charset="utf-8" if i % 2 else "gb18030", header=[pl], footer=[kl],
                           keywords=",".join(kws), must_keep=self.keeps(list(doc.paras)),
                           must_drop=[pl[-20:]] + kws, families=[1, 2], notes="spam blocks in traditional script")

    def english(self, n: int) -> None:
        for i, doc in enumerate(self.en_docs[:n]):
            keeps = self.keeps(list(doc.paras), 3, "en")
            if i % 3 == 2:
                site = self.site_name()
                pl, _ = self.place_list(30)
                kws = [self.keyword() for _ in range(4)]
                self.html_page("en", doc, i, charset="utf-8", layout=0, header=[site + site, pl],
                               footer=[self.keyword_line(kws)], title_tag=f"{doc.title}_{site}", site=site,
                               must_keep=keeps, must_drop=[site + site, pl[-20:]] + kws, families=[12, 1, 2, 4],
                               notes="English article under a Chinese wrapper")
            elif i % 3 == 1:
                self.txt_page("en", doc, must_keep=keeps, families=[12], notes="clean English article")
            else:
                self.html_page("en", doc, i, charset="utf-8", layout=0, title_tag=doc.title, site="The Daily Wire Desk",
                               must_keep=keeps, families=[12], notes="clean English article (html)")

    def crawler_dumps(self, n: int) -> None:
        """Text dumps with a crawler's header lines and a spam footer in a <span>-like line."""
        for i in range(n):
            doc = self.next_article()
            kws = [self.keyword() for _ in range(4)]
            pre = [f"URL: http://{self.domain()}/html/{20170000 + i * 13}.html",
                   f"抓取时间: 2017-0{1 + i % 9}-1{i % 10} 0{i % 10}:2{i % 10}:00"]
            tail = " ".join(kws)
            self.txt_page("crawl", doc, pre=pre, post=[tail], must_keep=self.keeps(list(doc.paras)), must_drop=kws,
                          families=[2], notes="crawler header lines, keyword tail line")

    PLAN = (("clusters", 10), ("heavy", 6), ("seed_like", 50), ("injections", 60), ("pasted", 40),
            ("stuffing", 24), ("gambling_pages", 30), ("templates", (12, 14)), ("traditional_spam", 6),
            ("crawler_dumps", 6), ("guards", 45), ("english", 16), ("junk", 30))

    def build(self, scale: float = 1.0) -> list[Page]:
        """Every generator in a fixed order (``scale`` shrinks the counts, for small source folders)."""
        for name, n in self.PLAN:
            ns = n if isinstance(n, tuple) else (n,)
            getattr(self, name)(*[max(1, round(x * scale)) for x in ns])
        return self.pages


def build(source: Path, out: Path, seed: int, scale: float = 1.0) -> dict:
    b = Builder(source, seed)
    pages = b.build(scale)
    rows = write_part(out, pages, encode, validate, gold_row)
    info = summary(rows, charsets=True)
    info["formats"] = {f: sum(r["format"] == f for r in rows) for f in ("html", "txt")}
    info["langs"] = {lang: sum(p.lang == lang for p in pages) for lang in ("en", "zh")}
    info["material"] = {
        "articles": f"baidu/DuReader search sample: {len(b.articles)} documents after cleaning and reposts",
        "foreign": f"baidu/DuReader: {len(b.foreign)} other documents ({len(b.foreign_sents)} sentences)",
        "english": f"EileenFeng/Text-Summarization-NLP train_sample: {len(b.en_docs)} CNN/Daily Mail articles",
        "places": f"wi1dcard/china-divisions: {len(b.counties)} counties/districts, {len(b.cities)} cities",
        "gambling": f"qiantaisi/ssc: {len(b.lot_sents)} site sentences, {len(b.lotteries)} lottery names, "
                    f"themes {', '.join(b.themes)}",
        "template_family": "H",
        "seed": seed,
    }
    empty = [r["id"] for r in rows if r["kind"] == "article" and not r["must_keep"]]
    info["articles_without_must_keep"] = len(empty)
    return write_build_info(out, info)


def main(argv: list[str] | None = None) -> int:
    return run_builder(argv, "Build the seventh test part (template family H).", build,
                       ("pages", "kinds", "html", "non_utf8_html", "clusters", "must_keep", "must_drop"))


if __name__ == "__main__":
    sys.exit(main())
