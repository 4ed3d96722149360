"""Build the ninth test part (``test9``, template family J) from its own material.

Articles: Xinhua news items of the UHGEval benchmark (headline, beginning and remainder of each item)
and the English article texts of Readability's test pages (``expected.html``), some of them as the real
crawled HTML pages (``source.html``) with spam put into their markup.  Spam material that no other part
uses: brand stems from a corpus of short company names, place names and district codes of GB/T 2260,
real lottery-site text and names from a public lottery-site code base, headlines of real crawled Chinese
news list pages.  The separators, labels, layouts, name recipes and placements below are this part's
own (family J)::

    python -m tools.evalset.build_spam_eval_j --source SRC --out OUT --seed 9 [--freeze|--check]

Deterministic: the same source folder and seed give byte-identical output.
"""
from __future__ import annotations

import csv
import html
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from tools.evalset import gold, manifest
from tools.evalset.charsets import encoding_of, fitting_charset, page_bytes
from tools.evalset.material import han_bigrams, nfkc, split_sentences, stable_hash

CJK = re.compile(r"[\u4e00-\u9fff]")
CJK_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")

# How many pages of each kind (the full part); tests pass smaller counts.
COUNTS = {"wrap": 48, "inject": 44, "pasted": 40, "real_html": 3, "stuffing": 32, "gambling": 32,
          "template_one": 20, "template_spread": 12, "en_html": 20, "en_txt": 10, "clusters": 10,
          "junk": 40, "spam_only": 10, "guard_cn": 30, "guard_en": 12, "guard_table": 4, "guard_short": 4}

# Family J vocabulary: the heads of commercial names and the ad phrases are this builder's own.
SERVICE_HEADS = ("维修", "医院", "体育", "国际app", "娱乐", "网", "装修公司", "搬家公司", "开锁公司", "口腔医院",
                 "娱乐城", "彩票网", "贷款", "官网", "体育app", "电玩城", "棋牌", "担保公司")
AD_PHRASES = ("无抵押当天放款", "正规代开发票", "信用贷秒到账", "学历证书快速办理", "全城上门服务",
              "微信同号咨询", "日结兼职刷单", "低息信用贷款", "车辆抵押贷款", "黑户也能贷")
HEADER_LABELS = ("丨首页", "丨资讯中心", "丨行业动态", "丨新闻频道")
LIST_LABELS = ("服务网点▏", "覆盖区域▏", "分站导航▏", "本地频道▏")
SEPARATORS = ("▏", "丨", "｜", "·")
EN_BRANDS = ("LuckyDragon Casino", "Golden Macau Bet", "QuickLoan Express", "BestSlots Online",
             "Royal88 Sports", "FastCash Payday Loans")
CHARSETS = ("utf-8", "gbk", "gb18030", "gb2312", "gbk undeclared")


@dataclass
class Doc:
    key: str
    title: str
    paras: list[str]
    source: str
    lang: str
    html: str | None = None  # the real crawled page, when there is one


@dataclass
class Page:
    pid: str
    kind: str
    title: str
    article: str
    body: str  # text dump or HTML (str), encoded by ``encode``
    fmt: str
    charset: str
    families: list[int]
    source: str
    notes: str
    must_keep: list[str] = field(default_factory=list)
    must_drop: list[str] = field(default_factory=list)
    cluster: str | None = None


# ---------------------------------------------------------------------------------------------- material

def load_xinhua(src: Path) -> list[Doc]:
    path = src / "uhgeval" / "src" / "eval_suite" / "benchs" / "uhgeval" / "dataset_uhgeval_concise.jsonl"
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        title = re.sub(r"^（[^）]{1,8}）", "", r["headLine"].strip()).strip()
        text = (r.get("newsBeginning") or "") + (r.get("newsRemainder") or "")
        paras = [re.sub(r"\s+", "", p) for p in text.split("\n")]
        paras = [p for p in paras if len(p) >= 8]
        if not title or len(paras) < 3 or sum(map(len, paras)) < 400:
            continue
        docs.append(Doc(r["id"], title, paras, f"IAAR-Shanghai/UHGEval:dataset_uhgeval_concise.jsonl#{r['id']}", "zh"))
    uniq = {}
    for d in docs:
        uniq.setdefault(d.title, d)
    return sorted(uniq.values(), key=lambda d: d.key)


_BLOCK_TAGS = {"p", "h2", "h3", "h4", "li", "blockquote", "pre"}


def _expected_paras(text: str) -> list[str]:
    import lxml.html

    root = lxml.html.fromstring(text)
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag not in _BLOCK_TAGS:
            continue
        if any(isinstance(a.tag, str) and a.tag in _BLOCK_TAGS for a in el.iterancestors()):
            continue
        t = re.sub(r"\s+", " ", el.text_content()).strip()
        if len(t) >= 2:
            out.append(t)
    return out


def load_readability(src: Path) -> tuple[list[Doc], list[Doc]]:
    """(English docs, Chinese docs) of Readability's test pages; each with its source page."""
    root = src / "readability" / "test" / "test-pages"
    en, zh = [], []
    for d in sorted(p for p in root.iterdir() if p.is_dir()):
        try:
            meta = json.loads((d / "expected-metadata.json").read_text(encoding="utf-8"))
            paras = _expected_paras((d / "expected.html").read_text(encoding="utf-8"))
            page = (d / "source.html").read_text(encoding="utf-8")
        except (OSError, ValueError):
            continue
        title = re.sub(r"\s+", " ", meta.get("title") or "").strip()
        if not CJK.search(" ".join(paras)):  # English: leave out the short boilerplate lines
            paras = [p for p in paras if len(p) >= 40 or p[-1:] in '.!?"”']
        body = " ".join(paras)
        if not title or len(body) < 1200 or "lorem ipsum" in body.lower() or re.search(r"\btest\b", title.lower()):
            continue
        cjk = len(CJK.findall(body))
        src_id = f"mozilla/readability:test/test-pages/{d.name}"
        if cjk > 0.5 * len(body) and (meta.get("lang") or "").lower() not in ("zh-tw", "ja"):
            zh.append(Doc(d.name, title, paras, src_id, "zh", page))
        elif sum(c.isascii() for c in body) > 0.985 * len(body) and (meta.get("lang") or "en").lower().startswith("en"):
            if d.name in ("clean-links", "data-url-image", "social-buttons", "svg-parsing", "lifehacker-post-comment-load", "royal-road", "archive-of-our-own",
                          "wikipedia-2", "lazy-image-2", "medium-3", "google-sre-book-1"):
                continue  # very long pages and a duplicate of another test page
            en.append(Doc(d.name, title, paras, src_id, "en", page))
    return en, zh


def load_brand_stems(src: Path) -> list[str]:
    path = src / "companies" / "Company-Shorter-Form（28W）.txt"
    out = set()
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        w = line.strip()
        if 2 <= len(w) <= 4 and CJK_ONLY.match(w) and len(set(w)) == len(w):
            out.add(w)
    return sorted(out)


def load_places(src: Path) -> tuple[list[str], dict[str, list[tuple[str, str]]]]:
    """(county/district names, {city name: [(code, county name)]}) of GB/T 2260 (2019-04)."""
    rows = list(csv.reader((src / "gb2260" / "mca" / "201904.tsv").read_text(encoding="utf-8").splitlines(),
                           delimiter="\t"))[1:]
    names = {r[2]: r[3] for r in rows if len(r) >= 4}
    counties, by_city = [], {}
    for code, name in sorted(names.items()):
        if code.endswith("00") or name in ("市辖区", "县"):
            continue
        city = names.get(code[:4] + "00") or names.get(code[:2] + "0000")
        if not city:
            continue
        counties.append(name)
        by_city.setdefault(city, []).append((code, name))
    return sorted(set(counties)), {k: v for k, v in sorted(by_city.items()) if len(v) >= 6}


def load_lottery(src: Path) -> tuple[list[str], list[str], list[str]]:
    """(site names, lottery names, promotion sentences) of the lottery-site templates."""
    root = src / "gamedice" / "web" / "Template"
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".html", ".php"))
    sites, lots, promo = set(), set(), set()
    for f in files:
        t = f.read_text(encoding="utf-8", errors="replace")
        t = re.sub(r"<script.*?</script>|<style.*?</style>", " ", t, flags=re.S)
        for m in re.findall(r"[\u4e00-\u9fff]{2,6}(?:快三网|快3网|购彩网|资讯网|彩票网)", t):
            sites.add(re.sub(r"^(欢迎来到|欢迎光临)", "", m))
        for m in re.findall(r"[\u4e00-\u9fff]{2,4}(?:快3|快三|时时彩|11选5|PK10|六合彩|分分彩|赛车|3D)", t):
            lots.add(m)
        for seg in re.findall(r"[^<>\"'\n{}$]{16,120}", t):
            seg = seg.strip()
            if len(CJK.findall(seg)) >= 12 and seg[-1] in "。！；！" and "=" not in seg and "(" not in seg:
                promo.add(seg)
    sites = {s for s in sites if len(s) >= 4}
    return sorted(sites), sorted(lots), sorted(promo)


def load_headlines(src: Path) -> list[str]:
    out = set()
    for f in sorted((src / "gerapy" / "samples" / "list").glob("*.html")):
        t = f.read_bytes().decode("utf-8", errors="replace")
        for a in re.findall(r"<a[^>]*>([^<]{8,40})</a>", t):
            a = html.unescape(a).strip()
            if len(CJK.findall(a)) >= 8 and "基金" not in a and "公告" not in a:
                out.add(a)
    return sorted(out)


# ---------------------------------------------------------------------------------------------- helpers

def _pick(rng: random.Random, items, k: int) -> list:
    return rng.sample(items, min(k, len(items)))


def _sentences(doc: Doc) -> list[tuple[int, int, str]]:
    out = []
    for i, p in enumerate(doc.paras):
        sents = split_sentences(p) if doc.lang == "zh" else re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", p)
        for j, s in enumerate(sents):
            out.append((i, j, s.strip()))
    return out


def _choose_keep(rng: random.Random, doc: Doc, avoid: set[int], k: int = 3) -> list[str]:
    cands = [s.lstrip("”’」』）)\"") for i, _, s in _sentences(doc)]
    cands = [s for (i, _, _), s in zip(_sentences(doc), cands) if i not in avoid and (12 <= len(s) <= 90 if doc.lang == "zh"
                                                                     else 40 <= len(s) <= 220)]
    return _pick(rng, cands, k)


def _article(title: str | None, paras: list[str]) -> str:
    lines = ([title] if title else []) + paras
    return nfkc("\n".join(lines))


def _esc(s: str) -> str:
    return html.escape(s, quote=False)


def _comma_injection(rng: random.Random, para: str, name: str) -> tuple[str, str] | None:
    """``para`` with ``name`` put after a comma inside one of its sentences; (new para, must_drop)."""
    spots = [m.start() for m in re.finditer("，", para) if m.start() >= 4 and para[m.start() - 1] not in "”」）"
             and CJK.match(para[m.start() - 1] or "")]
    if not spots:
        return None
    at = rng.choice(spots)
    new = para[:at + 1] + name + "，" + para[at + 1:]
    return new, para[at - 2:at] + "，" + name + "，"


def _insert_sentence(rng: random.Random, para: str, sent: str) -> str:
    sents = split_sentences(para)
    if len(sents) < 2:
        return para + sent
    at = rng.randrange(1, len(sents))
    return "".join(sents[:at]) + sent + "".join(sents[at:])



def _charset_decl(charset: str, style: int) -> str:
    if "undeclared" in charset:
        return ""
    if style % 2:
        return f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    return f'<meta charset="{charset}">'


def _html_page(rng: random.Random, charset: str, title: str, paras: list[str], head_extra: str = "",
               top: str = "", bottom: str = "", hidden: str = "", layout: int = 0) -> str:
    decl = _charset_decl(charset, layout)
    body = "\n".join(f"<p>{_esc(p)}</p>" for p in paras)
    hid = f'<div style="display:none">{hidden}</div>\n' if hidden else ""
    if layout % 3 == 0:
        return (f"<!DOCTYPE html>\n<html><head>{decl}<title>{_esc(title)}</title>{head_extra}</head>\n<body>\n"
                f'{hid}<div class="topbar">{top}</div>\n<div class="main"><div class="news-body">\n'
                f"<h1>{_esc(title)}</h1>\n{body}\n</div></div>\n<div class=\"foot\">{bottom}</div>\n</body></html>\n")
    if layout % 3 == 1:
        return (f"<html>\n<head>\n{decl}\n<title>{_esc(title)}</title>\n{head_extra}\n</head>\n<body>\n"
                f'<table width="960" align="center"><tr><td class="nav">{top}</td></tr>\n'
                f'<tr><td class="content"><h2 class="tt">{_esc(title)}</h2>\n{body}\n</td></tr>\n'
                f'<tr><td class="links">{bottom}</td></tr></table>\n{hid}</body>\n</html>\n')
    return (f"<!doctype html><html lang=\"zh-CN\"><head>{decl}<title>{_esc(title)}</title>{head_extra}</head><body>"
            f"<header>{top}</header>{hid}<article><h1>{_esc(title)}</h1>\n{body}\n</article>"
            f"<aside>{bottom}</aside></body></html>\n")


def _recharset(page: str, charset: str, style: int) -> str:
    """A crawled page with its own charset declarations replaced by one for ``charset``."""
    page = re.sub(r"<meta[^>]*charset[^>]*>", "", page, flags=re.I)
    decl = _charset_decl(charset, style)
    if re.search(r"<head[^>]*>", page, flags=re.I):
        return re.sub(r"(<head[^>]*>)", lambda m: m.group(1) + decl, page, count=1, flags=re.I)
    return decl + page



def encode(page: Page) -> bytes:
    return page_bytes(page.body, page.fmt, page.charset)


def decoded(page: Page, data: bytes) -> str:
    enc = {"gb2312": "gbk"}.get(encoding_of(page.charset), encoding_of(page.charset))
    return html.unescape(data.decode(enc))


def validate(page: Page, data: bytes) -> None:
    """Keeps only the must_drop strings the written page bears out (and none the article holds)."""
    seen = gold.norm(decoded(page, data))
    art = gold.norm(page.article)
    page.must_drop = [d for d in dict.fromkeys(page.must_drop)
                      if gold.norm(d) and gold.norm(d) in seen and not (art and gold.norm(d) in art)]
    page.must_keep = [k for k in dict.fromkeys(page.must_keep) if gold.norm(k) in art]


def gold_row(page: Page) -> dict:
    return {"id": page.pid, "kind": page.kind, "title": nfkc(page.title), "article": page.article,
            "must_keep": [nfkc(k) for k in page.must_keep], "must_drop": [nfkc(d) for d in page.must_drop],
            "cluster": page.cluster, "families": sorted(set(page.families)), "source": page.source,
            "notes": page.notes, "format": page.fmt, "charset": page.charset}



# ---------------------------------------------------------------------------------------------- builder

class Builder:
    def __init__(self, src: Path, seed: int, counts: dict):
        self.rng = random.Random(seed)
        self.counts = counts
        xinhua = load_xinhua(src)
        xinhua.sort(key=lambda d: stable_hash(f"{seed}:{d.key}"))
        self.en, self.zh_html = load_readability(src)
        self.en.sort(key=lambda d: stable_hash(f"{seed}:{d.key}"))
        self.stems = load_brand_stems(src)
        self.counties, self.by_city = load_places(src)
        self.sites, self.lots, self.promo = load_lottery(src)
        self.headlines = load_headlines(src)
        need = sum(counts[k] for k in ("wrap", "inject", "pasted", "stuffing", "gambling", "template_one",
                                       "template_spread", "guard_cn", "guard_short")) + counts["clusters"]
        self.articles = xinhua[:need]
        self.donors = xinhua[need:]
        self.donor_grams = [(han_bigrams("".join(d.paras)), d) for d in self.donors]
        self.pages: list[Page] = []
        self.n = 0

    # names ----------------------------------------------------------------------------------------
    def brand(self) -> str:
        return self.rng.choice(self.stems) + self.rng.choice(SERVICE_HEADS)

    def place_brand(self) -> str:
        c = self.rng.choice(self.counties)
        stem = re.sub(r"(自治县|自治旗|新区|区|县|市|旗)$", "", c) or c
        return stem + self.rng.choice(("空调维修", "同城快修", "男科医院", "装修网", "同城网", "体育"))

    def gamble(self) -> str:
        r = self.rng.random()
        if r < 0.4 and self.sites:
            return self.rng.choice(self.sites)
        if r < 0.7 and self.lots:
            return self.rng.choice(self.lots) + self.rng.choice(("官网", "计划网", "开奖网", "app下载"))
        return self.rng.choice(self.stems) + self.rng.choice(("国际app", "娱乐城", "体育", "彩票网", "棋牌"))

    def keywords(self, k: int) -> list[str]:
        out = []
        for i in range(k):
            out.append((self.brand, self.place_brand, self.gamble)[i % 3]())
        return list(dict.fromkeys(out))

    def site(self) -> str:
        return self.rng.choice(self.stems) + self.rng.choice(("资讯网", "新闻网", "在线", "门户网", "生活网"))

    def host(self) -> str:
        letters = "abcdefghjkmnpqrstwxyz"
        return "www." + "".join(self.rng.choice(letters) for _ in range(self.rng.randrange(4, 8))) + \
            self.rng.choice((".com", ".cn", ".net", ".com.cn"))

    def charset(self, texts: list[str]) -> str:
        return fitting_charset(CHARSETS[self.n % len(CHARSETS)], texts)

    def pid(self, group: str, ext: str) -> str:
        self.n += 1
        return f"{group}/j{self.n:04d}.{ext}"

    # spam pieces ----------------------------------------------------------------------------------
    def place_list(self) -> tuple[str, list[str]]:
        city = self.rng.choice(list(self.by_city))
        names = [n for _, n in self.by_city[city]][:self.rng.randrange(6, 12)]
        sep = self.rng.choice(SEPARATORS)
        line = self.rng.choice(LIST_LABELS) + city + sep + sep.join(names)
        return line, [sep.join(names[i:i + 3]) for i in range(0, len(names) - 2, 3)]

    def keyword_tail(self) -> tuple[str, list[str]]:
        kws = self.keywords(self.rng.randrange(3, 6))
        style = self.rng.randrange(3)
        if style == 0:
            line = "本文关键词：" + "，".join(kws)
        elif style == 1:
            line = "热搜标签 " + " ".join(kws)
        else:
            line = "相关搜索▏" + "▏".join(kws)
        return line, [line[:6 + len(kws[0])]] + kws[1:]

    def sitemap_lines(self) -> tuple[list[str], list[str]]:
        host = self.host()
        lines = [f"站点地图 http://{host}/sitemap/{self.rng.randrange(1, 90)}.xml",
                 f"http://{host}/news/{self.rng.randrange(100000, 999999)}.html"]
        heads = _pick(self.rng, self.headlines, 3)
        lines.append("延伸阅读：" + " ◆ ".join(heads))
        return lines, [lines[0], lines[1]] + heads

    def header(self, site: str) -> tuple[list[str], list[str]]:
        lab = self.rng.choice(HEADER_LABELS)
        line = site + lab
        return [line, f"当前位置：{site} > 新闻 > 正文"], [line, f"当前位置：{site}"]

    def far_or_near(self, doc: Doc, near: bool) -> str:
        grams = han_bigrams("".join(doc.paras))
        scored = sorted(self.donor_grams, key=lambda gd: (len(grams & gd[0]) / (1 + len(gd[0])), gd[1].key))
        pool = scored[-12:] if near else scored[:40]
        donor = self.rng.choice(pool)[1]
        sents = [s for _, _, s in _sentences(donor)[1:] if 18 <= len(s) <= 70 and "“" not in s]
        return self.rng.choice(sents) if sents else donor.paras[-1][:60]

    # page makers ----------------------------------------------------------------------------------
    def add(self, page: Page) -> None:
        self.pages.append(page)

    def text_page(self, group, doc, paras, families, notes, top=(), bottom=(), title_line=None, drop=(),
                  keep=None, kind="article", cluster=None, sep="\n"):
        title = title_line if title_line is not None else doc.title
        lines = list(top) + [title] + list(paras) + list(bottom)
        art = _article(doc.title, doc.paras) if kind == "article" else ""
        page = Page(self.pid(group, "txt"), kind, doc.title, art, sep.join(lines) + "\n", "txt", "utf-8",
                    families, doc.source, notes, list(keep or []), list(drop), cluster)
        self.add(page)
        return page

    def html_doc_page(self, group, doc, paras, families, notes, drop=(), keep=None, title=None, head_extra="",
                      top="", bottom="", hidden="", cluster=None, charset=None):
        t = title or doc.title
        cs = charset or self.charset([t] + paras + [top, bottom, hidden, head_extra])
        body = _html_page(self.rng, cs, t, paras, head_extra, top, bottom, hidden, layout=self.n)
        page = Page(self.pid(group, "html"), "article", doc.title, _article(None, doc.paras), body, "html", cs,
                    families, doc.source, notes, list(keep or []), list(drop), cluster)
        self.add(page)
        return page

    def wrap(self, doc: Doc, i: int) -> None:
        site = self.site()
        fams, drop, top, bottom = [], [], [], []
        parts = self.rng.sample(("header", "places", "tail", "sitemap"), self.rng.randrange(2, 5))
        if "header" in parts:
            t, d = self.header(site)
            top += t
            drop += d
            fams.append(4)
        if "places" in parts:
            line, d = self.place_list()
            (top if self.rng.random() < 0.3 else bottom).append(line)
            drop += d
            fams.append(1)
        if "tail" in parts:
            line, d = self.keyword_tail()
            bottom.append(line)
            drop += d
            fams.append(2)
        if "sitemap" in parts:
            lines, d = self.sitemap_lines()
            bottom += lines
            drop += d
            fams.append(7)
        keep = _choose_keep(self.rng, doc, set())
        if i % 4 == 3:
            esc = lambda xs: "<br>".join(_esc(x) for x in xs)
            self.html_doc_page(f"wj{i % 6}", doc, doc.paras, fams, "family J site wrapper (HTML)", drop, keep,
                               title=f"{doc.title}_{site}", top=esc(top), bottom=esc(bottom))
        else:
            title_line = f"{doc.title}-{site}" if 4 in fams else None
            if title_line:
                top = top + [title_line]
                drop.append(f"{doc.title}-{site}")
            self.text_page(f"wj{i % 6}", doc, doc.paras, fams, "family J site wrapper", top=top, bottom=bottom,
                           drop=drop, keep=keep, sep="\n" if i % 2 else "\n\n")

    def inject(self, doc: Doc, i: int) -> None:
        paras = list(doc.paras)
        drop, changed, fams = [], set(), [3]
        n = 1 + (i % 3 == 0)
        for _ in range(n):
            free = [j for j in range(len(paras)) if j not in changed]
            k = self.rng.choice(free)
            r = i % 5
            name = (self.place_brand() if r == 1 else self.gamble() if r == 2 else
                    self.rng.choice(self.counties) if r == 3 else
                    self.rng.choice(AD_PHRASES) if r == 4 and i % 2 else self.brand())
            if r == 2:
                fams.append(8)
            res = _comma_injection(self.rng, paras[k], name)
            if res:
                paras[k], d = res
                drop.append(d)
                changed.add(k)
        if not drop:
            return self.guard(doc, i)
        keep = _choose_keep(self.rng, doc, changed)
        note = "names injected at a comma, no other evidence on the page"
        if i % 2:
            self.html_doc_page(f"xj{i % 5}", doc, paras, fams, note, drop, keep)
        else:
            self.text_page(f"xj{i % 5}", doc, paras, fams, note, drop=drop, keep=keep)

    def pasted(self, doc: Doc, i: int) -> None:
        paras = list(doc.paras)
        near = i % 2 == 0
        sent = self.far_or_near(doc, near)
        k = self.rng.randrange(1, len(paras))
        as_para = i % 3 == 0
        if as_para:
            paras.insert(k, sent)
        else:
            paras[k] = _insert_sentence(self.rng, paras[k], sent)
        keep = _choose_keep(self.rng, doc, {k} if not as_para else set())
        note = f"a sentence pasted from an unrelated article ({'near' if near else 'far'} in topic, " \
               f"{'own paragraph' if as_para else 'inside a paragraph'})"
        if i % 2:
            self.html_doc_page(f"pj{i % 4}", doc, paras, [5], note, [sent], keep)
        else:
            self.text_page(f"pj{i % 4}", doc, paras, [5], note, drop=[sent], keep=keep)

    def stuffing(self, doc: Doc, i: int) -> None:
        kws = self.keywords(4)
        frags = []
        for _ in range(3):
            s = self.far_or_near(doc, False)
            cut = self.rng.randrange(6, max(7, min(16, len(s) - 2)))
            frags.append(s[:cut])
        sep = self.rng.choice(("▏", "　", "|", "※"))
        mix = [x for pair in zip(kws, frags) for x in pair] + kws[len(frags):]
        line = sep.join(mix)
        paras = list(doc.paras)
        k = self.rng.randrange(1, len(paras) + 1)
        paras.insert(k, line)
        drop = [sep.join(mix[j:j + 2]) for j in range(0, len(mix) - 1, 2)]
        keep = _choose_keep(self.rng, doc, set())
        note = "a stuffing line mixing keywords with fragments of foreign sentences"
        if i % 3 == 2:
            self.html_doc_page(f"sj{i % 3}", doc, paras, [6], note, drop, keep)
        else:
            self.text_page(f"sj{i % 3}", doc, paras, [6], note, drop=drop, keep=keep)

    def gambling(self, doc: Doc, i: int) -> None:
        g = self.gamble()
        paras = list(doc.paras)
        drop, fams, changed = [], [8], set()
        k = self.rng.randrange(len(paras))
        res = _comma_injection(self.rng, paras[k], self.gamble())
        if res:
            paras[k], d = res
            drop.append(d)
            changed.add(k)
            fams.append(3)
        tail, d = self.keyword_tail()
        fams.append(2)
        if self.promo and i % 2:
            p = self.rng.choice(self.promo)
            paras.append(p)
            drop.append(p)
        drop += d
        title = f"{g}_{doc.title}" if i % 2 else f"{doc.title}【{g}】"
        drop.append(g + "_" if i % 2 else f"【{g}】")
        keep = _choose_keep(self.rng, doc, changed)
        note = "a gambling name in the title and in a sentence, keyword line"
        if i % 3 == 0:
            kw = ",".join(self.keywords(3) + [g])
            self.html_doc_page(f"gj{i % 3}", doc, paras, fams, note, drop + [kw], keep, title=title,
                               head_extra=f'<meta name="keywords" content="{_esc(kw)}">', bottom=_esc(tail))
        else:
            self.text_page(f"gj{i % 3}", doc, paras, fams, note, title_line=title, bottom=[tail], drop=drop,
                           keep=keep)

    def templates(self) -> tuple[list[str], list[str]]:
        site = self.site()
        line_a = f"{site}{self.rng.choice(HEADER_LABELS)}"
        line_b = "热门推荐：" + "、".join(self.keywords(5))
        line_c = f"版权所有 {site} 备案号：{self.rng.choice(('京', '沪', '粤', '浙'))}ICP备{self.rng.randrange(10**7, 10**8)}号"
        places, _ = self.place_list()
        heads = _pick(self.rng, self.headlines, 4)
        line_d = "猜你喜欢 " + " ★ ".join(heads)
        lines = [line_a, places, line_b, line_d, line_c]
        return lines, [line_a, line_b, line_c, places] + heads

    def template_pages(self, docs: list[Doc], spread: bool) -> None:
        lines, drop = self.templates()
        for j, doc in enumerate(docs):
            group = f"tj{j % 12}" if spread else "tjone"
            keep = _choose_keep(self.rng, doc, set())
            top, bottom = lines[:2], lines[2:]
            self.text_page(group, doc, doc.paras, [9, 4, 7, 1, 2], "one long spam template around many articles"
                           + (" (spread over folders)" if spread else " (one folder)"),
                           top=top, bottom=bottom, drop=drop, keep=keep)

    def cluster(self, doc: Doc, c: int) -> None:
        cid = f"test9-c{c:02d}"
        keep = _choose_keep(self.rng, doc, set())
        for m in range(3):
            if m == 0:
                site = self.site()
                t, d = self.header(site)
                tail, d2 = self.keyword_tail()
                self.text_page(f"cj{c % 5}", doc, doc.paras, [11, 4, 2], "near-duplicate cluster member",
                               top=t, bottom=[tail], drop=d + d2, keep=keep, cluster=cid)
            elif m == 1:
                lines, d = self.sitemap_lines()
                self.text_page(f"cj{(c + 2) % 5}", doc, doc.paras, [11, 7], "near-duplicate cluster member",
                               bottom=lines, drop=d, keep=keep, cluster=cid, sep="\n\n")
            else:
                paras = list(doc.paras)
                drop = []
                if doc.lang == "zh":
                    k = self.rng.randrange(len(paras))
                    res = _comma_injection(self.rng, paras[k], self.brand())
                    if res and not any(gold.norm(x) in gold.norm(doc.paras[k]) for x in keep):
                        paras[k], d = res
                        drop.append(d)
                g = self.gamble() if doc.lang == "zh" else self.rng.choice(EN_BRANDS)
                self.html_doc_page(f"cj{(c + 4) % 5}", doc, paras, [11, 3, 8] if drop else [11, 8],
                                   "near-duplicate cluster member (HTML)", drop + [g], keep,
                                   hidden=_esc(" ".join([g] + self.keywords(3))), cluster=cid)

    def guard(self, doc: Doc, i: int) -> None:
        sents = [s for _, _, s in _sentences(doc)]
        special = [s for s in sents if ("、" in s and s.count("、") >= 2) or "“" in s or re.search(r"\d{2,}", s)]
        keep = _pick(self.rng, [s for s in special if 8 <= len(s) <= 120], 3) or _choose_keep(self.rng, doc, set())
        note = "clean real article (enumerations, quoted speech, names, numbers)"
        if i % 2:
            self.html_doc_page(f"rj{i % 4}", doc, doc.paras, [12], note, [], keep)
        else:
            self.text_page(f"rj{i % 4}", doc, doc.paras, [12], note, keep=keep)

    def short_guard(self, doc: Doc, i: int) -> None:
        paras = doc.paras[:2]
        short = Doc(doc.key, doc.title, paras, doc.source, doc.lang)
        keep = _choose_keep(self.rng, short, set(), 2)
        self.text_page(f"rj{i % 4}", short, paras, [12], "short real article (first two paragraphs)", keep=keep)

    def table_guard(self, i: int) -> None:
        city = sorted(self.by_city)[stable_hash(f"t{i}") % len(self.by_city)]
        rows = self.by_city[city][:14]
        title = f"{city}县级行政区划代码（2019年4月）"
        lines = ["以下为民政部公布的县级以上行政区划代码，按代码顺序排列。"] + [f"{c}　{n}" for c, n in rows]
        doc = Doc(f"table{i}", title, lines, "cn/GB2260:mca/201904.tsv", "zh")
        keep = [f"{c}　{n}" for c, n in rows[1:4]]
        if i % 2:
            cs = self.charset([title] + lines)
            table = "<table>" + "".join(f"<tr><td>{c}</td><td>{_esc(n)}</td></tr>" for c, n in rows) + "</table>"
            body = (f"<html><head>{_charset_decl(cs, i)}<title>{_esc(title)}</title></head><body><h1>{_esc(title)}</h1>"
                    f"<p>{_esc(lines[0])}</p>{table}</body></html>\n")
            art = _article(None, [lines[0]] + [f"{c} {n}" for c, n in rows])
            self.add(Page(self.pid("rjtab", "html"), "article", title, art, body, "html", cs, [12, 1],
                          doc.source, "a genuine table of district names and codes", [f"{c} {n}" for c, n in rows[1:4]],
                          []))
        else:
            self.text_page("rjtab", doc, lines, [12, 1], "a genuine table of district names and codes", keep=keep)

    def real_html(self, doc: Doc, i: int) -> None:
        """A real crawled page with spam put into its markup: title, a hidden block, an extra <p>."""
        page = doc.html
        g = self.gamble() if doc.lang == "zh" else self.rng.choice(EN_BRANDS)
        drop = [g]
        fams = [8]
        page = re.sub(r"<title>(.*?)</title>", lambda m: f"<title>{_esc(g)}-{m.group(1)}</title>", page, count=1,
                      flags=re.S | re.I)
        kws = self.keywords(4) if doc.lang == "zh" else [self.rng.choice(EN_BRANDS) + " bonus code", "no deposit casino",
                                                          "cheap payday loans online"]
        hidden = f'<div style="display:none">{_esc(" ".join(kws))}</div>'
        page = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + hidden, page, count=1, flags=re.I)
        drop += kws
        fams.append(2)
        mid = [p for p in doc.paras if len(p) >= 40]
        pasted = None
        if doc.lang == "zh" and mid:
            anchor = mid[len(mid) // 2][:12]
            at = page.find(anchor)
            if at >= 0:
                end = page.find("</p>", at)
                if end > 0:
                    pasted = self.far_or_near(doc, i % 2 == 0)
                    page = page[:end + 4] + f"<p>{_esc(pasted)}</p>" + page[end + 4:]
                    drop.append(pasted)
                    fams.append(5)
        if doc.lang == "en" and mid:
            anchor = mid[len(mid) // 2][:30]
            at = page.find(_esc(anchor)) if _esc(anchor) in page else page.find(anchor)
            if at >= 0:
                end = page.find("</p>", at)
                if end > 0:
                    pasted = (f"Sign up today at {g} and claim a 200% welcome bonus on your first deposit.")
                    page = page[:end + 4] + f"<p>{_esc(pasted)}</p>" + page[end + 4:]
                    drop.append(pasted)
                    fams.append(5)
        cs = "utf-8"
        if doc.lang == "zh":
            cs = ("gbk", "gb18030", "gbk undeclared")[i % 3]
        page = _recharset(page, cs, i)
        keep = _choose_keep(self.rng, doc, set())
        self.add(Page(self.pid("hj" if doc.lang == "zh" else "ej", "html"), "article", doc.title,
                      _article(None, doc.paras), page, "html", cs, fams, doc.source,
                      "real crawled page, spam put into its title, a hidden block and an extra <p>", keep, drop))

    def en_txt(self, doc: Doc, i: int) -> None:
        brand = self.rng.choice(EN_BRANDS)
        top = [f"{brand} | News | Home"] if i % 2 else []
        tags = [brand.lower(), "best online casino 2019", "payday loans no credit check", "free spins no deposit"]
        bottom = ["Tags: " + ", ".join(tags), f"Sitemap: http://{self.host()}/sitemap-{i}.xml"]
        keep = _choose_keep(self.rng, doc, set())
        self.text_page(f"ej{i % 3}", doc, doc.paras, [2, 7] + ([4] if top else []),
                       "English article under a spam wrapper", top=top, bottom=bottom,
                       drop=top + [bottom[0][:40], bottom[1]], keep=keep, sep="\n\n")

    # junk and spam-only -------------------------------------------------------------------------------
    def junk(self, i: int) -> None:
        r = i % 5
        site = self.site()
        if r == 0:
            lines = [f"欢迎光临{site}！", f"您是本站第 {self.rng.randrange(10000, 999999):06d} 位访客",
                     f"今天是{2019 + i % 3}年{1 + i % 12}月{1 + i % 27}日，祝您心情愉快！", "设为首页 | 加入收藏 | 联系我们",
                     "本站推荐：" + " ".join(self.keywords(4))]
            notes = "visitor counter and greetings"
        elif r == 1:
            heads = _pick(self.rng, self.headlines, 12)
            lines = [f"{site} - 美文摘抄与名言警句"] + [f"· {h}" for h in heads] + ["上一页 1 2 3 4 5 下一页"]
            notes = "a list of links to essays and quotations"
        elif r == 2:
            lines = [f"{self.rng.choice(self.sites) if self.sites else site} 今日开奖"]
            for lot in _pick(self.rng, self.lots or ["快3"], 8):
                nums = " ".join(str(self.rng.randrange(1, 7)) for _ in range(3))
                lines.append(f"{lot}　第{self.rng.randrange(20190101001, 20191231080)}期　开奖号码：{nums}　立即投注")
            lines += _pick(self.rng, self.promo, 2)
            notes = "a lottery listing"
        elif r == 3:
            lines = ["、".join(self.keywords(4))]
            for d in _pick(self.rng, self.donors, 8):
                s = [x for _, _, x in _sentences(d) if 15 <= len(x) <= 70]
                if s:
                    lines.append(self.rng.choice(s))
            notes = "a doorway page of pasted sentences"
        else:
            kws = self.keywords(12)
            lines = [" ".join(kws[:4]), "，".join(kws[4:8]), " | ".join(kws[8:])]
            notes = "a keyword-only page"
        title = lines[0]
        if i % 4 == 1:
            cs = self.charset(lines)
            body = (f"<html><head>{_charset_decl(cs, i)}<title>{_esc(title)}</title></head><body>"
                    + "".join(f"<div>{_esc(x)}</div>" for x in lines) + "</body></html>\n")
            self.add(Page(self.pid(f"kj{i % 3}", "html"), "junk", title, "", body, "html", cs, [10],
                          "family J junk", notes))
        else:
            self.add(Page(self.pid(f"kj{i % 3}", "txt"), "junk", title, "", "\n".join(lines) + "\n", "txt", "utf-8",
                          [10], "family J junk", notes))

    def spam_only(self, i: int) -> None:
        g = self.gamble()
        lines = [f"{g}【官方网站】", "、".join(self.keywords(5))] + _pick(self.rng, self.promo, 3) + \
                [self.keyword_tail()[0], f"http://{self.host()}/"]
        drop = [lines[0], lines[1]] + lines[2:-2]
        self.add(Page(self.pid(f"oj{i % 2}", "txt"), "spam_only", lines[0], "", "\n".join(lines) + "\n", "txt", "utf-8",
                      [2, 8, 7], "family J spam-only page", "a page that is nothing but spam", [], drop))

    def run(self) -> list[Page]:
        c = self.counts
        arts = iter(self.articles)
        take = lambda n: [next(arts) for _ in range(n)]
        for i, d in enumerate(take(c["wrap"])):
            self.wrap(d, i)
        for i, d in enumerate(take(c["inject"])):
            self.inject(d, i)
        for i, d in enumerate(take(c["pasted"])):
            self.pasted(d, i)
        for i, d in enumerate(take(c["stuffing"])):
            self.stuffing(d, i)
        for i, d in enumerate(take(c["gambling"])):
            self.gambling(d, i)
        self.template_pages(take(c["template_one"]), spread=False)
        self.template_pages(take(c["template_spread"]), spread=True)
        en = iter(self.en)
        take_en = lambda n: [d for d in (next(en, None) for _ in range(n)) if d]
        n_en_clusters = min(3, c["clusters"] // 3)
        for k, d in enumerate(take(c["clusters"] - n_en_clusters) + take_en(n_en_clusters)):
            self.cluster(d, k)
        for i, d in enumerate(take(c["guard_cn"])):
            self.guard(d, i)
        for i, d in enumerate(take(c["guard_short"])):
            self.short_guard(d, i)
        for i in range(c["guard_table"]):
            self.table_guard(i)
        for i, d in enumerate(self.zh_html[:c["real_html"]]):
            self.real_html(d, i)
        for i, d in enumerate(take_en(c["en_html"])):
            self.real_html(d, i)
        for i, d in enumerate(take_en(c["en_txt"])):
            self.en_txt(d, i)
        for i, d in enumerate(take_en(c["guard_en"])):
            if i % 2 and d.html:
                keep = _choose_keep(self.rng, d, set())
                self.add(Page(self.pid("ej9", "html"), "article", d.title, _article(None, d.paras), _recharset(d.html, "utf-8", i), "html",
                              "utf-8", [12], d.source, "clean real crawled English page", keep, []))
            else:
                self.guard(d, 2 * i)
        for i in range(c["junk"]):
            self.junk(i)
        for i in range(c["spam_only"]):
            self.spam_only(i)
        return self.pages


def build(src: Path, out: Path, seed: int = 9, counts: dict | None = None) -> dict:
    b = Builder(src, seed, counts or COUNTS)
    pages = b.run()
    rows = gold.write_part(out, pages, encode, validate, gold_row)
    info = {"part": "test9", "family": "J", "seed": seed, **gold.summary(rows, charsets=True),
            "sources": ["IAAR-Shanghai/UHGEval", "mozilla/readability", "wainshine/Company-Names-Corpus",
                        "cn/GB2260", "gaaralbakuu/game-dice", "Gerapy/GerapyAutoExtractor"]}
    return gold.write_build_info(out, info)


def main(argv=None) -> int:
    return manifest.run_builder(argv, __doc__.split("\n\n")[0], build,
                                ("pages", "kinds", "html", "non_utf8_html", "families", "clusters"))


if __name__ == "__main__":
    import sys

    sys.exit(main())
