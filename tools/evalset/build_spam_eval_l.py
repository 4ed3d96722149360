"""Build the eleventh test part (``test11``, template family L) from its own material.

Articles: Chinese WeChat and Weibo articles of 2016-2018 as an archive of deleted posts keeps them (Markdown
posts of Terminus2049: the front-matter title and the prose paragraphs of the article) and English news
articles of 2016 (the rows labelled REAL of a fake-or-real news dataset).  Spam material no other part uses:
short names of listed companies (brand stems), province, city and county/district names with their codes
(a Tencent-map division tree), real lottery/gambling-site text and names (rules of play, about-us pages),
sentences and subheadings of the posts' paragraphs not used in any article.  The separators, labels,
layouts, name recipes and placements below are this part's own (family L)::

    python -m tools.evalset.build_spam_eval_l --source SRC --out OUT --seed 9 [--freeze|--check]

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

# How many pages of each kind (the full part); tests pass smaller counts.
COUNTS = {"wrap": 46, "inject": 38, "pasted": 32, "stuffing": 24, "gambling": 28, "template_one": 14,
          "template_spread": 12, "en_html": 8, "en_txt": 14, "clusters": 10, "junk": 36, "spam_only": 8,
          "guard_cn": 40, "guard_places": 6, "guard_en": 12, "guard_table": 8, "guard_short": 8}

# Family L vocabulary: separators, labels, heads of commercial names and ad phrases are this builder's own.
SEPS = ("⊙", "〓", "☆", " → ", "╋")
BRAND_HEADS = ("维修中心", "医院", "体育", "国际app", "娱乐", "网", "贷款中介", "理财中介", "装饰公司", "律师事务所",
               "广告传媒", "家政服务", "售后服务网点", "招商加盟")
LOCAL_HEADS = ("同城快修", "无痛人流医院", "搬家拉货", "上门回收", "管道疏通", "外卖代运营", "代办执照", "植发医院")
AD_PHRASES = ("无抵押秒批十万", "在线客服二十四小时", "点击领取新人礼包", "全城最低价包安装", "名额有限速来抢购",
              "加微信送体验金", "一对一辅导包过", "低价出售二手设备", "兼职日结当天到账", "免费咨询律师热线")
SITE_MIDDLES = ("便民", "房产", "人才", "汽车", "婚恋", "家居", "旅游", "美食")
SITE_TAILS = ("网", "在线", "热线", "门户", "资讯网", "信息港")
GAMBLE_TAILS = ("国际娱乐", "官方网址", "注册开户", "线上娱乐城", "彩票平台", "担保网投", "手机版下载", "现金网")
LOTTERY_TAILS = ("计划软件", "开奖结果", "在线投注", "稳赚技巧", "单期必中")
PLACE_LABELS = ("服务范围覆盖：", "分站导航☆", "配送区域〓", "本地商家遍布：")
TAIL_STYLES = (("热门标签：", "☆"), ("相关关键词 ➢ ", " "), ("关键字推荐：", "〓"), ("猜你想搜：", "、"))
REC_HEADERS = ("相关阅读推荐", "热点资讯", "本月排行", "你可能还喜欢")
EN_BRANDS = ("RoyalAce Casino", "BetFortune Online", "QuickCash Title Loans", "PillShop24 Pharmacy",
             "GoldenReels Slots", "SureWin Tipsters")
EN_CASINOS = ("RoyalAce Casino", "BetFortune Online", "GoldenReels Slots", "SureWin Tipsters")
EN_TAGS = ("free casino chips", "title loans no credit check", "generic cialis overnight", "sports betting tips today",
           "slots bonus codes", "cheap essay writing service", "instagram likes fast")
HOST_STEMS = ("bianmin", "tongcheng", "fuwu", "zixun", "haoche", "jiaju", "zhaopin", "lvyou")
CHARSETS = ("gbk", "utf-8", "gb18030", "gbk undeclared", "utf-8", "gb2312", "gbk", "utf-8 undeclared", "gb18030")


@dataclass
class Doc:
    key: str
    title: str
    paras: list[str]
    source: str
    lang: str
    topic: str = ""


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
    lang: str = "zh"


# ---------------------------------------------------------------------------------------------- material

_MD_BAD = re.compile(r"https?:|www\.|\]\(|!\[|<|>|\||公众号|微信|原文|转载|作者|编辑|来源|链接|图片|图：|图/|摄影|声明|"
                     r"本文|扫码|二维码|关注|点击|阅读|版权|授权|^注|^※|@|#")
_END = "。！？”」』）"


def _md_line(x: str) -> str:
    x = re.sub(r"\*\*|__|~~|`", "", x)
    x = html.unescape(x.replace("&nbsp;", " "))
    return re.sub(r"[\s\u3000\xa0]+", " ", x).strip()


def _prose(x: str) -> bool:
    han = len(CJK.findall(x))
    return (len(x) >= 16 and han >= 12 and han >= 0.7 * len(x.replace(" ", "")) and x[-1] in _END
            and not _MD_BAD.search(x) and not re.match(r"^[-*+\d]+[.、)]?\s", x))


def _title(raw: str) -> str:
    t = raw.strip().strip("'\"").strip()
    if " | " in t and len(t.split(" | ")[-1]) >= 6:
        t = t.split(" | ")[-1]
    return re.sub(r"\s+", " ", t).strip()


def load_terminus(src: Path) -> tuple[list[Doc], list[tuple[str, list[str]]], list[str]]:
    """(articles: the title and the first prose paragraphs of each post, donor paragraphs per post: its later
    prose, subheadings) of the archived posts, in a fixed order."""
    root = src / "terminus" / "_posts"
    docs, tails, heads, seen = [], [], [], set()
    for f in sorted(root.glob("*.md")) + sorted(root.glob("*.markdown")):
        text = f.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        m = re.match(r"\s*---\n(.*?)\n---\n(.*)", text, flags=re.S)
        if not m:
            continue
        meta, body = m.groups()
        tm = re.search(r"^title:\s*(.+)$", meta, flags=re.M)
        if not tm:
            continue
        title = _title(tm.group(1))
        lines = [_md_line(x) for x in body.split("\n")]
        for x in lines:
            h = re.match(r"^#{1,4}\s*(?:[一二三四五六七八九十\d]+[、.]\s*)?([^#\s].{5,23})$", x)
            if h and len(CJK.findall(h.group(1))) >= 5 and not _MD_BAD.search(h.group(1)):
                heads.append(re.sub(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,2})[、.．\s]*(?=[\u4e00-\u9fff])", "",
                                    h.group(1)).strip())
        prose = [x for x in lines if _prose(x)]
        if "\ufffd" in text or not (5 <= len(title) <= 40) or len(CJK.findall(title)) < 4 or not prose:
            continue
        head, total = [], 0
        for p in prose:
            if len(head) >= 12 or total + len(p) > 2400:
                break
            head.append(p)
            total += len(p)
        key = f.stem
        source = f"Terminus2049/Terminus2049.github.io:_posts/{f.name}"
        tails.append((key, [p for p in prose[len(head):] if p not in seen]))
        if len(head) < 3 or total < 300 or head[0] in seen or title in seen:
            continue
        seen.update(head)
        seen.add(title)
        tags = re.search(r"^tags:\s*(.+)$", meta, flags=re.M)
        docs.append(Doc(key, title, head, source, "zh", tags.group(1).strip() if tags else ""))
    return docs, tails, sorted(set(heads))


_EN_WORDS = {"the", "and", "of", "to", "in", "a", "is", "that", "for", "on", "was", "with", "it", "as", "said"}


def load_fakereal(src: Path) -> list[Doc]:
    """English articles: the rows labelled REAL, their paragraphs (blank-line separated, 40+ characters)."""
    csv.field_size_limit(10 ** 9)
    path = src / "fakereal" / "fake_or_real_news.csv"
    out = []
    with path.open(encoding="utf-8", errors="replace", newline="") as f:
        for i, r in enumerate(csv.DictReader(f)):
            if r.get("label") != "REAL":
                continue
            title = re.sub(r"\s+", " ", r.get("title") or "").strip()
            paras = [re.sub(r"[\s\xa0]+", " ", p).strip(" •") for p in re.split(r"\n", r.get("text") or "")]
            paras = [p for p in paras if len(p) >= 40 and p[-1] in ".!?\"”'’)"][:12]
            text = " ".join(paras)
            words = re.findall(r"[a-z]+", text.lower())
            if not title or len(paras) < 4 or not (700 <= len(text) <= 9000):
                continue
            if sum(c.isascii() or c in "“”‘’—–…" for c in text) < 0.98 * len(text):
                continue
            if sum(w in _EN_WORDS for w in words) < 0.12 * max(1, len(words)):
                continue
            out.append(Doc(f"real{i}", title, paras, f"samyaksand/Fake-News-Detection:fake_or_real_news.csv#{i}",
                           "en"))
    return out


def load_areas(src: Path) -> tuple[dict[str, list[tuple[str, str]]], list[str], list[str]]:
    """({city: [(code, county-level name)]}, county-level names, province names) of the division tree."""
    tree = json.loads((src / "tencentarea" / "dist" / "data" / "tree.json").read_text(encoding="utf-8"))
    cities: dict[str, list[tuple[str, str]]] = {}
    counties, provinces = [], []
    for prov in tree:
        provinces.append(prov["label"])
        for city in prov.get("children") or []:
            name = city["label"]
            if name in ("市辖区", "县", "省直辖县级行政区划") or "直辖" in name:
                name = prov["label"]
            rows = [(str(d["value"]), d["label"]) for d in city.get("children") or [] if d["label"] != "市辖区"]
            cities.setdefault(name, []).extend(rows)
            counties += [n for _, n in rows]
    cities = {k: v for k, v in sorted(cities.items()) if len(v) >= 5}
    return cities, sorted(set(counties)), provinces


def load_stocks(src: Path) -> list[str]:
    """Brand stems: the short names of listed companies (2-4 characters, no ST or share-class marks)."""
    raw = (src / "stocknames" / "stock_basic.csv").read_bytes().decode("gb18030", errors="replace")
    out = set()
    for r in csv.DictReader(raw.splitlines()):
        if r.get("type") != "1":
            continue
        name = re.sub(r"^\*?ST|[AB]$|股份$|集团$", "", (r.get("code_name") or "").strip())
        if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name) and not re.search(r"银行|证券|保险|信托|退", name):
            out.add(name)
    return sorted(out)


def load_betcp(src: Path) -> tuple[list[str], list[str], list[str]]:
    """(site names, lottery names, rule and promotion sentences) of the gambling sites' pages."""
    root = src / "betcp"
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".html", ".htm", ".php", ".tpl"))
    sites, lots, sents = set(), set(), set()
    for f in files:
        data = f.read_bytes()
        try:
            t = data.decode("utf-8")
        except UnicodeDecodeError:
            t = data.decode("gb18030", errors="replace")
        t = re.sub(r"<script.*?</script>|<style.*?</style>|<\?php.*?\?>", " ", t, flags=re.S | re.I)
        for m in re.findall(r"(新2现金网|CC国际|皇冠现金网|皇冠体育)", t):
            sites.add(m)
        for m in re.findall(r"(重庆时时彩|北京赛车PK10|北京赛车|广东快乐十分|幸运农场|江苏快3|香港六合彩|北京PK拾)", t):
            lots.add(m)
        for seg in re.split(r"<[^>]+>|\n", t):
            s = re.sub(r"^\s*[\d・.、]+\s*", "", html.unescape(seg)).strip()
            if (len(CJK.findall(s)) >= 14 and len(s) <= 150 and s[-1:] in "。！；" and "\ufffd" not in s
                    and CJK.match(s[0])
                    and not re.search(r"[=$'{}\[\]<>]|[們會為與這說點數賠註單]", s)):
                sents.add(s)
    return sorted(sites), sorted(lots), sorted(sents)


# ---------------------------------------------------------------------------------------------- utilities

def _pick(rng: random.Random, items, k: int) -> list:
    return rng.sample(list(items), min(k, len(items)))


def _sents(doc: Doc) -> list[tuple[int, str]]:
    out = []
    for i, p in enumerate(doc.paras):
        parts = split_sentences(p) if doc.lang == "zh" else re.split(r"(?<=[.!?])\s+(?=[A-Z“\"‘])", p)
        out += [(i, s.strip()) for s in parts if s.strip()]
    return out


def _balanced(s: str) -> bool:
    pairs = ("“”", "「」", "（）", "()", "《》", "‘’", "『』")
    return all(s.count(a) == s.count(b) for a, b in pairs) and s.count('"') % 2 == 0


def _keep_cands(doc: Doc, avoid: set[int]) -> list[str]:
    lo, hi = (12, 140) if doc.lang == "zh" else (40, 260)
    return [s for i, s in _sents(doc) if i not in avoid and lo <= len(s) <= hi and _balanced(s)
            and s[0] not in "”’」』）)\"" and "<" not in s and ">" not in s]


def _choose_keep(rng: random.Random, doc: Doc, avoid: set[int], k: int = 3) -> list[str]:
    return _pick(rng, _keep_cands(doc, avoid), k)


def _article(title: str | None, paras: list[str]) -> str:
    return nfkc("\n".join(([title] if title else []) + list(paras)))


def _esc(s: str) -> str:
    return html.escape(s, quote=False)


def _comma_spots(para: str) -> list[int]:
    return [m.start() for m in re.finditer("，", para)
            if m.start() >= 3 and CJK.match(para[m.start() - 1]) and CJK.match(para[m.start() - 2])
            and m.start() + 3 < len(para) and CJK.match(para[m.start() + 1]) and CJK.match(para[m.start() + 2])]


def _inject(rng: random.Random, para: str, name: str, glued: bool) -> tuple[str, str] | None:
    """``para`` with ``name`` after a comma, followed by its own comma or glued to the next clause;
    (new para, must_drop with the characters around it)."""
    spots = _comma_spots(para)
    if not spots:
        return None
    at = rng.choice(spots)
    if glued:
        return para[:at + 1] + name + para[at + 1:], para[at - 2:at] + "，" + name + para[at + 1:at + 3]
    return para[:at + 1] + name + "，" + para[at + 1:], para[at - 2:at] + "，" + name + "，"


def _charset_decl(charset: str, style: int) -> str:
    if "undeclared" in charset:
        return ""
    if style % 2:
        return f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    return f'<meta charset="{charset}" />'


def render(layout: int, charset: str, title_tag: str, h1: str, paras: list[str], *, site: str, topic: str,
           head_extra: str = "", top: list[str] = (), side: list[str] = (), bottom: list[str] = (),
           hidden: str = "", tags: str = "", date: str = "2018-03-21") -> str:
    """A full HTML page in one of family L's four layouts (CMS article, reposted public-account article,
    old GBK-era table page, HTML5 magazine page with a tag cloud aside).

    ``paras`` are the article's paragraphs (injected spam paragraphs included); ``top``/``side``/``bottom``
    are lines of spam blocks outside the article; ``hidden`` goes into a ``display:none`` block; ``tags`` is
    a tag line under the article."""
    decl = _charset_decl(charset, layout)
    e = _esc
    hid = f'<div style="display:none" class="seo">{hidden}</div>\n' if hidden else ""
    kind = layout % 4
    if kind == 0:  # CMS article page
        body = "\n".join(f"<p>{e(p)}</p>" for p in paras)
        tops = "".join(f'<div class="toplink">{e(x)}</div>\n' for x in top)
        bots = "".join(f'<li>{e(x)}</li>\n' for x in bottom)
        sides = "".join(f'<li><a href="/a/{stable_hash(x) % 9000 + 1000}.html">{e(x)}</a></li>' for x in side)
        return (f"<!DOCTYPE html>\n<html>\n<head>\n{decl}\n<title>{e(title_tag)}</title>\n{head_extra}</head>\n"
                f'<body class="article">\n<div class="header"><span class="sitename">{e(site)}</span></div>\n{tops}'
                f'<div class="place">首页 &gt; {e(topic)} &gt; 正文</div>\n<div class="arc-main">\n<h1>{e(h1)}</h1>\n'
                f'<div class="arc-info">时间：{date}　点击：{stable_hash(h1) % 5000 + 100}次</div>\n'
                f'<div class="arc-body">\n{body}\n</div>\n</div>\n'
                + (f'<ul class="arc-bottom">\n{bots}</ul>\n' if bots else "")
                + (f'<div class="rside"><ul>{sides}</ul></div>\n' if sides else "")
                + f"{hid}<div class=\"footer\">{e(site)} 版权所有</div>\n</body>\n</html>\n")
    if kind == 1:  # a reposted public-account article
        body = "\n".join(f'<p style="text-indent:2em"><span>{e(p)}</span></p>' for p in paras)
        tops = "".join(f'<section class="ad-top">{e(x)}</section>\n' for x in top)
        bots = "".join(f'<section class="ad-bottom">{e(x)}</section>\n' for x in list(bottom) + list(side))
        return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n{decl}\n<meta name="viewport" '
                f'content="width=device-width,initial-scale=1">\n<title>{e(title_tag)}</title>\n{head_extra}</head>\n'
                f'<body id="activity-detail">\n{tops}<div class="rich_media">\n<h2 class="rich_media_title">{e(h1)}</h2>\n'
                f'<div class="rich_media_meta"><em>{date}</em> <span>{e(site)}</span></div>\n'
                f'<div class="rich_media_content" id="js_content">\n{body}\n</div>\n</div>\n{bots}{hid}'
                f"</body>\n</html>\n")
    if kind == 2:  # old table page, paragraphs separated by <br><br>
        body = "<br><br>\n".join(("　　" if CJK.search(p) else "") + e(p) for p in paras)
        rows = "".join(f'<tr><td class="gg">{e(x)}</td></tr>\n' for x in top)
        rows_b = "".join(f'<tr><td class="xg">{e(x)}</td></tr>\n' for x in list(bottom) + list(side))
        return (f"<html>\n<head>\n{decl}\n<title>{e(title_tag)}</title>\n{head_extra}</head>\n"
                f'<body topmargin="0">\n<table width="760" align="center" cellpadding="0">\n'
                f'<tr><td class="logo">{e(site)}</td></tr>\n{rows}'
                f'<tr><td class="tit" align="center"><strong>{e(h1)}</strong></td></tr>\n'
                f'<tr><td class="content">\n{body}\n</td></tr>\n{rows_b}</table>\n{hid}</body>\n</html>\n')
    body = "\n".join(f"<p>{e(p)}</p>" for p in paras)  # HTML5 magazine page with a tag cloud aside
    tops = "".join(f'<p class="notice">{e(x)}</p>\n' for x in top)
    bots = "".join(f'<p class="more">{e(x)}</p>\n' for x in bottom)
    cloud = "".join(f'<a class="tag" href="/tags/{stable_hash(x) % 700}/">{e(x)}</a> ' for x in side)
    tag_p = f'<footer class="entry-tags">{e(tags)}</footer>\n' if tags else ""
    return (f'<!doctype html>\n<html lang="zh">\n<head>\n{decl}\n<title>{e(title_tag)}</title>\n{head_extra}</head>\n'
            f'<body>\n<header class="masthead"><b>{e(site)}</b> · {e(topic)}</header>\n{tops}<main>\n<article>\n'
            f'<h1 class="entry-title">{e(h1)}</h1>\n<time>{date}</time>\n<section class="entry-body">\n{body}\n'
            f"</section>\n{tag_p}</article>\n{bots}</main>\n"
            + (f'<aside class="tagcloud">{cloud}</aside>\n' if cloud else "")
            + f"{hid}</body>\n</html>\n")


def encode(page: Page) -> bytes:
    return page_bytes(page.body, page.fmt, page.charset)


def _visible(page: Page, data: bytes) -> str:
    enc = {"gb2312": "gbk"}.get(encoding_of(page.charset), encoding_of(page.charset))
    text = data.decode(enc)
    if page.fmt == "html":
        text = re.sub(r"<[^>]+>", " ", text) + " " + " ".join(re.findall(r'content="([^"]*)"', text))
    return html.unescape(text)


def validate(page: Page, data: bytes) -> None:
    """Keeps only the gold strings the written page bears out: a must_drop on the page and not in the article,
    a must_keep in the article and on the page."""
    seen = gold.norm(_visible(page, data))
    art = gold.norm(page.article)
    page.must_drop = [d for d in dict.fromkeys(page.must_drop)
                      if gold.norm(d) and gold.norm(d) in seen and not (art and gold.norm(d) in art)]
    page.must_keep = [k for k in dict.fromkeys(page.must_keep) if gold.norm(k) in art and gold.norm(k) in seen]


def gold_row(page: Page) -> dict:
    return {"id": page.pid, "kind": page.kind, "title": nfkc(page.title), "article": page.article,
            "must_keep": [nfkc(k) for k in page.must_keep], "must_drop": [nfkc(d) for d in page.must_drop],
            "cluster": page.cluster, "families": sorted(set(page.families)), "source": page.source,
            "notes": page.notes, "format": page.fmt, "charset": page.charset, "lang": page.lang}


# ---------------------------------------------------------------------------------------------- builder

class Builder:
    def __init__(self, src: Path, seed: int, counts: dict):
        self.rng = random.Random(seed)
        self.counts = counts
        arts, tails, self.subheads = load_terminus(src)
        arts.sort(key=lambda d: stable_hash(f"{seed}:l:{d.key}"))
        self.en = load_fakereal(src)
        self.en.sort(key=lambda d: stable_hash(f"{seed}:l:{d.key}"))
        self.cities, self.counties, self.provinces = load_areas(src)
        self.brands = load_stocks(src)
        self.sites, self.lots, self.promo = load_betcp(src)
        names = {n for n in self.counties if len(n) >= 3} | set(self.cities) | set(self.provinces)
        names |= {re.sub(r"(市|地区|自治州|盟|省)$", "", n) for n in list(self.cities) + self.provinces}
        self.place_re = re.compile("|".join(sorted({re.escape(n) for n in names if len(n) >= 2}, key=len,
                                                   reverse=True)) or "^$")
        place_docs = [d for d in arts if len(self._place_sentences(d)) >= 1]
        self.place_guards = place_docs[:counts["guard_places"]]
        used = {d.key for d in self.place_guards}
        rest = [d for d in arts if d.key not in used]
        need = sum(counts[k] for k in ("wrap", "inject", "pasted", "stuffing", "gambling", "template_one",
                                       "template_spread", "guard_cn", "guard_short")) + counts["clusters"]
        self.articles = rest[:need]
        spare = rest[need:]
        self.headlines = sorted({d.title for d in spare} | set(self.subheads))
        by_key = {d.key: d for d in arts}
        donors = [(k, ps + (by_key[k].paras if by_key.get(k) in spare else [])) for k, ps in tails]
        self.donor_sents: list[tuple[str, set[str], list[str]]] = []  # (post key, its bigrams, sentences)
        for k, ps in donors:
            ss = [s for p in ps for s in split_sentences(p) if 16 <= len(s) <= 70 and _balanced(s)
                  and not re.search("[“”「」]", s)]
            if ss:
                self.donor_sents.append((k, han_bigrams("".join(ps)), ss))
        self.pages: list[Page] = []
        self.n = 0

    def _place_sentences(self, doc: Doc) -> list[str]:
        return [s for _, s in _sents(doc) if 12 <= len(s) <= 140 and _balanced(s) and "、" in s
                and len(set(self.place_re.findall(s))) >= 3]

    # names ----------------------------------------------------------------------------------------
    def brand(self) -> str:
        return self.rng.choice(self.brands) + self.rng.choice(BRAND_HEADS)

    def stem(self) -> str:
        county = self.rng.choice(self.counties)
        stem = re.sub(r"(自治县|自治旗|新区|林区|特区|区|县|市|旗)$", "", county)
        return stem if len(stem) >= 2 else county

    def local(self) -> str:
        return self.stem() + self.rng.choice(LOCAL_HEADS)

    def gamble(self) -> str:
        r = self.rng.random()
        if r < 0.3 and self.sites:
            return self.rng.choice(self.sites) + self.rng.choice(("", "官网", "开户网址", "手机版"))
        if r < 0.65 and self.lots:
            return self.rng.choice(self.lots) + self.rng.choice(LOTTERY_TAILS)
        return self.rng.choice(self.brands) + self.rng.choice(GAMBLE_TAILS)

    def keywords(self, k: int) -> list[str]:
        makers = (self.brand, self.local, self.gamble)
        return list(dict.fromkeys(makers[(i + self.rng.randrange(3)) % 3]() for i in range(k)))

    def site(self) -> str:
        city = self.rng.choice(list(self.cities))
        stem = re.sub(r"(市|地区|自治州|盟|省|自治区|特别行政区)$", "", city)
        stem = stem if len(stem) <= 3 else stem[:2]
        return stem + self.rng.choice(SITE_MIDDLES) + self.rng.choice(SITE_TAILS)

    def host(self) -> str:
        code = self.rng.choice(self.rng.choice(list(self.cities.values())))[0]
        return (f"www.{self.rng.choice(HOST_STEMS)}{code[-4:]}."
                + self.rng.choice(("com", "cn", "net", "top", "vip", "xyz")))

    def charset(self, texts: list[str]) -> str:
        return fitting_charset(CHARSETS[self.n % len(CHARSETS)], texts)

    def pid(self, group: str, ext: str) -> str:
        self.n += 1
        return f"{group}/l{self.n:04d}.{ext}"

    # spam pieces ----------------------------------------------------------------------------------
    def place_line(self) -> tuple[str, list[str]]:
        head = self.rng.choice(list(self.cities))
        names = [n for _, n in self.cities[head]][:self.rng.randrange(6, 13)]
        sep = self.rng.choice(SEPS)
        line = self.rng.choice(PLACE_LABELS) + head + sep + sep.join(names)
        return line, [sep.join(names[i:i + 3]) for i in range(0, len(names) - 2, 3)]

    def keyword_tail(self) -> tuple[str, list[str]]:
        kws = self.keywords(self.rng.randrange(3, 6))
        label, sep = self.rng.choice(TAIL_STYLES)
        return label + sep.join(kws), [label + kws[0]] + kws[1:]

    def sitemap(self) -> tuple[list[str], list[str]]:
        host = self.host()
        code = self.rng.choice(self.rng.choice(list(self.cities.values())))[0]
        lines = [f"站点导航 ⊙ 百度地图 ⊙ https://{host}/baidu_sitemap.xml",
                 f"https://{host}/{code}/news_{self.rng.randrange(1000, 99999)}.html ⊙ "
                 f"https://m.{host[4:]}/tag/{self.rng.randrange(10, 999)}/"]
        return lines, list(lines)

    def rec_block(self, k: int = 4) -> tuple[list[str], list[str]]:
        heads = _pick(self.rng, self.headlines, k)
        lines = [f"〓{self.rng.choice(REC_HEADERS)}〓"] + [f"☆ {h} [{self.rng.randrange(1, 13)}月{self.rng.randrange(1, 29)}日]"
                                                         for h in heads]
        return lines, [lines[0]] + heads

    def header(self, site: str) -> tuple[list[str], list[str]]:
        a = f"【{site}】→ 网站首页 〓 便民服务 〓 商户入驻 〓 手机版"
        b = f"您所在的位置 ⊙ {site} ⊙ 新闻中心 ⊙ 详细内容"
        return [a, b], [a, f"您所在的位置 ⊙ {site}"]

    def donor_sentence(self, doc: Doc, near: bool) -> str:
        grams = han_bigrams("".join(doc.paras))
        pool = sorted((d for d in self.donor_sents if d[0] != doc.key), key=lambda d: (-len(grams & d[1]), d[0]))
        pool = pool[:12] if near else pool[-40:]  # the closest posts in character bigrams, or the farthest
        _, _, sents = self.rng.choice(pool or self.donor_sents)
        return self.rng.choice(sents)

    # page makers ----------------------------------------------------------------------------------
    def add(self, page: Page) -> Page:
        self.pages.append(page)
        return page

    def text_page(self, group, doc, paras, families, notes, top=(), bottom=(), title_line=None, drop=(), keep=(),
                  kind="article", cluster=None, sep="\n", indent=False, gold_paras=None):
        title = title_line if title_line is not None else doc.title
        body_paras = [("　　" + p if indent else p) for p in paras]
        lines = list(top) + ([title] if title else []) + body_paras + list(bottom)
        art = _article(doc.title, gold_paras if gold_paras is not None else doc.paras) if kind == "article" else ""
        return self.add(Page(self.pid(group, "txt"), kind, doc.title, art, sep.join(lines) + "\n", "txt", "utf-8",
                             families, doc.source, notes, list(keep), list(drop), cluster, doc.lang))

    def html_page(self, group, doc, paras, families, notes, drop=(), keep=(), title=None, cluster=None, gold_paras=None,
                  **kw):
        t = title or doc.title
        site = kw.pop("site", None) or self.site()
        topic = doc.topic or ("News" if doc.lang == "en" else "资讯")
        texts = [t, site, topic] + list(paras) + [str(v) for v in kw.values()]
        cs = kw.pop("charset", None) or self.charset(texts)
        body = render(self.n, cs, t, doc.title, list(paras), site=site, topic=topic, **kw)
        art = _article(None, gold_paras if gold_paras is not None else doc.paras)
        return self.add(Page(self.pid(group, "html"), "article", doc.title, art, body, "html", cs, families,
                             doc.source, notes, list(keep), list(drop), cluster, doc.lang))

    # hijacked articles ------------------------------------------------------------------------------
    def wrap(self, doc: Doc, i: int) -> None:
        site = self.site()
        parts = self.rng.sample(("header", "places", "tail", "sitemap", "rec"), self.rng.randrange(2, 5))
        fams, drop, top, bottom = [], [], [], []
        if "header" in parts:
            t, d = self.header(site)
            top += t
            drop += d
            fams.append(4)
        if "places" in parts:
            line, d = self.place_line()
            (top if self.rng.random() < 0.3 else bottom).append(line)
            drop += d
            fams.append(1)
        if "tail" in parts:
            line, d = self.keyword_tail()
            bottom.append(line)
            drop += d
            fams.append(2)
        if "sitemap" in parts:
            lines, d = self.sitemap()
            bottom += lines
            drop += d
            fams.append(7)
        if "rec" in parts:
            lines, d = self.rec_block()
            bottom += lines
            drop += d
            fams.append(7)
        keep = _choose_keep(self.rng, doc, set())
        note = "family L site wrapper: " + ", ".join(sorted(parts))
        if i % 3 == 1:
            title = f"{doc.title}-{site}" if i % 2 else f"{doc.title}_{site}_{site}"
            self.html_page(f"wl{i % 5}", doc, doc.paras, fams + [4], note + " (HTML, site name in the title)", drop,
                           keep, title=title, site=site, top=top, bottom=bottom)
        else:
            title_line = None
            if 4 in fams and i % 2 == 0:
                title_line = f"{doc.title}——{site}"
                drop.append(f"——{site}")
            self.text_page(f"wl{i % 5}", doc, doc.paras, fams, note, top=top, bottom=bottom, title_line=title_line,
                           drop=drop, keep=keep, sep="\n\n" if i % 4 == 3 else "\n", indent=i % 5 == 2)

    def inject(self, doc: Doc, i: int) -> None:
        paras = list(doc.paras)
        drop, changed, fams = [], set(), [3]
        kinds = ("brand", "local", "gamble", "county", "ad", "brand_glued")
        for _ in range(1 + (i % 3 == 0)):
            free = [j for j in range(len(paras)) if j not in changed and _comma_spots(paras[j])]
            if not free:
                break
            k = self.rng.choice(free)
            r = kinds[(i + len(changed)) % len(kinds)]
            name = {"brand": self.brand, "brand_glued": lambda: self.stem() + "理财中介", "local": self.local,
                    "gamble": self.gamble, "county": lambda: self.rng.choice(self.counties),
                    "ad": lambda: self.rng.choice(AD_PHRASES)}[r]()
            res = _inject(self.rng, paras[k], name, glued=r == "brand_glued")
            if res:
                paras[k], d = res
                drop.append(d)
                changed.add(k)
                if r == "gamble":
                    fams.append(8)
        if not drop:
            return self.guard(doc, i)
        keep = _choose_keep(self.rng, doc, changed)
        glued = any(d.count("，") == 1 for d in drop)
        note = "names injected at a comma" + (" (one glued to the next clause)" if glued else "") + \
            ", no other spam on the page"
        if i % 2:
            self.html_page(f"xl{i % 4}", doc, paras, fams, note, drop, keep)
        else:
            self.text_page(f"xl{i % 4}", doc, paras, fams, note, drop=drop, keep=keep, indent=i % 4 == 2)

    def pasted(self, doc: Doc, i: int) -> None:
        paras = list(doc.paras)
        near = i % 2 == 0
        sent = self.donor_sentence(doc, near)
        k = self.rng.randrange(1, len(paras))
        mode = ("inside", "own", "end")[i % 3]
        if mode == "own":
            paras.insert(k, sent)
        elif mode == "end":
            paras[k] = paras[k] + sent
        else:
            ss = split_sentences(paras[k])
            at = self.rng.randrange(1, len(ss)) if len(ss) > 1 else 1
            paras[k] = "".join(ss[:at]) + sent + "".join(ss[at:])
        keep = _choose_keep(self.rng, doc, set() if mode == "own" else {k})
        note = (f"a sentence of another archived post pasted ({'close in bigrams' if near else 'far in bigrams'}"
                f", {mode})")
        if i % 2:
            self.html_page(f"pl{i % 4}", doc, paras, [5], note + (" as an extra <p>" if mode == "own" else ""),
                           [sent], keep)
        else:
            self.text_page(f"pl{i % 4}", doc, paras, [5], note, drop=[sent], keep=keep)

    def stuffing(self, doc: Doc, i: int) -> None:
        kws = self.keywords(4)
        frags = []
        for _ in range(3):
            s = self.donor_sentence(doc, False)
            cut = self.rng.randrange(6, max(7, min(16, len(s) - 2)))
            frags.append(s[:cut])
        sep = ("☆", " ", "〓", "，")[i % 4]
        mix = [x for pair in zip(kws, frags) for x in pair] + kws[len(frags):]
        line = sep.join(mix)
        paras = list(doc.paras)
        drop = [sep.join(mix[j:j + 2]) for j in range(0, len(mix) - 1, 2)]
        keep = _choose_keep(self.rng, doc, set())
        note = "a stuffing line mixing keywords with fragments of other posts' sentences"
        where = i % 3
        top, bottom = [], []
        if where == 0:
            paras.insert(self.rng.randrange(1, len(paras)), line)
        elif where == 1:
            top = [line]
        else:
            bottom = [line]
        if i % 3 == 2:
            self.html_page(f"sl{i % 3}", doc, paras, [6], note, drop, keep, top=top, bottom=bottom)
        else:
            self.text_page(f"sl{i % 3}", doc, paras, [6], note, top=top, bottom=bottom, drop=drop, keep=keep)

    def gambling(self, doc: Doc, i: int) -> None:
        g = self.gamble()
        paras = list(doc.paras)
        drop, fams, changed = [], [8], set()
        if i % 3 != 2:
            free = [j for j in range(len(paras)) if _comma_spots(paras[j])]
            if free:
                k = self.rng.choice(free)
                res = _inject(self.rng, paras[k], self.gamble(), glued=False)
                if res:
                    paras[k], d = res
                    drop.append(d)
                    changed.add(k)
                    fams.append(3)
        names = list(dict.fromkeys([g] + [self.gamble() for _ in range(4)]))
        tagline = "热门彩种 ➢ " + " ☆ ".join(names)
        drop += ["热门彩种 ➢ " + names[0]] + names[1:]
        fams.append(2)
        if self.promo and i % 2 == 1:
            p = self.rng.choice(self.promo)
            paras.insert(len(paras) // 2, p)
            drop.append(p)
        title = f"{g}〓{doc.title}" if i % 2 else f"{doc.title}【{g}】"
        drop.append(f"{g}〓" if i % 2 else f"【{g}】")
        keep = _choose_keep(self.rng, doc, changed)
        note = "a gambling name in the title and in a sentence, a lottery tag line, a real rule or promotion sentence"
        if i % 3 == 0:
            kw = ",".join([g] + self.keywords(3))
            self.html_page(f"gl{i % 3}", doc, paras, fams, note, drop + [kw], keep, title=title,
                           head_extra=f'<meta name="keywords" content="{html.escape(kw)}">\n', side=[tagline])
        else:
            self.text_page(f"gl{i % 3}", doc, paras, fams, note, title_line=title, bottom=[tagline], drop=drop,
                           keep=keep, sep="\n\n" if i % 2 else "\n")

    def template(self) -> tuple[list[str], list[str], list[str]]:
        site = self.site()
        head, dh = self.header(site)
        places, dp = self.place_line()
        kw = self.keywords(5)
        kline = "全站热搜 ☆ " + " ☆ ".join(kw)
        rec, dr = self.rec_block(3)
        notice = f"特别声明：以上内容来源于网络，仅供参考，如有侵权请联系{site}客服处理。"
        icp = f"Copyright © {site} 备案号：{self.rng.choice(('浙', '粤', '川', '冀', '晋'))}ICP备{self.rng.randrange(10**7, 10**8)}号-1"
        rule = self.rng.choice(self.promo) if self.promo else ""
        top = head + [kline]
        bottom = rec + [places] + ([rule] if rule else []) + [notice, icp]
        drop = dh + ["全站热搜 ☆ " + kw[0]] + kw[1:] + dp + dr + [notice, icp] + ([rule] if rule else [])
        return top, bottom, drop

    def template_pages(self, docs: list[Doc], spread: bool) -> None:
        top, bottom, drop = self.template()
        for j, doc in enumerate(docs):
            keep = _choose_keep(self.rng, doc, set())
            group = f"tl{j % 12}" if spread else "tlone"
            note = "one long spam template around many articles" + (" (spread over folders)" if spread else " (one folder)")
            self.text_page(group, doc, doc.paras, [9, 4, 1, 2, 7], note, top=top, bottom=bottom, drop=drop, keep=keep)

    def cluster(self, doc: Doc, c: int) -> None:
        cid = f"test11-c{c + 1:02d}"
        zh = doc.lang == "zh"
        merge = zh and len(doc.paras) >= 4
        keep = _choose_keep(self.rng, doc, {0, 1} if merge else set())
        site = self.site()
        t, d = self.header(site)
        tail, d2 = self.keyword_tail()
        self.text_page(f"cl{c % 4}", doc, doc.paras, [11, 4, 2], "near-duplicate cluster member (site wrapper)",
                       top=t, bottom=[tail], drop=d + d2, keep=keep, cluster=cid)
        lines, d3 = self.sitemap()
        rec, d4 = self.rec_block(3)
        self.html_page(f"cl{(c + 1) % 4}", doc, doc.paras, [11, 7], "near-duplicate cluster member (HTML, sitemap and "
                       "recommendation block)", d3 + d4, keep, bottom=lines + rec, cluster=cid)
        if merge:  # a repost with its first two paragraphs joined and a repost credit
            paras = [doc.paras[0] + doc.paras[1]] + doc.paras[2:]
            credit = f"本文转载自{self.site()}，版权归原作者所有，如有侵权请联系删除。"
            self.text_page(f"cl{(c + 2) % 4}", doc, paras, [11, 4], "near-duplicate cluster member (repost: first two "
                           "paragraphs joined, repost credit)", top=[credit], drop=[credit], keep=keep, cluster=cid,
                           gold_paras=paras, indent=True)
        else:
            brand = self.rng.choice(EN_BRANDS)
            tags = "Trending now: " + " | ".join([brand] + _pick(self.rng, EN_TAGS, 3))
            self.text_page(f"cl{(c + 2) % 4}", doc, doc.paras, [11, 2], "near-duplicate cluster member (English, "
                           "trending tag line)", bottom=[tags], drop=["Trending now: " + brand], keep=keep,
                           cluster=cid, sep="\n\n")

    # English articles ----------------------------------------------------------------------------------
    def en_html(self, doc: Doc, i: int) -> None:
        brand = self.rng.choice(EN_CASINOS)
        paras = list(doc.paras)
        extra = f"Claim a 300% first deposit match at {brand} today and spin 100 reels for free."
        paras.insert(len(paras) // 2, extra)
        tags = _pick(self.rng, EN_TAGS, 4)
        hidden = " ".join(f'<a href="/go/{k.replace(" ", "-")}">{_esc(k)}</a>' for k in tags)
        fams = [8, 2, 7]
        drop = [f"{brand} | ", extra] + tags
        keep = _choose_keep(self.rng, doc, set())
        self.html_page(f"el{i % 2}", doc, paras, fams, "English article page: a gambling brand in the title, a hidden "
                       "link block, an extra <p> of promotion", drop, keep, title=f"{brand} | {doc.title}",
                       hidden=hidden, site=brand, charset="utf-8")

    def en_txt(self, doc: Doc, i: int) -> None:
        brand = self.rng.choice(EN_BRANDS)
        top = [f"{brand} → Home → Politics → Story"] if i % 2 else []
        tags = "Trending now: " + " | ".join([brand] + _pick(self.rng, EN_TAGS, 3))
        host = self.host()
        bottom = [tags, f"Site map ⊙ https://{host}/sitemap-posts-{i + 1}.xml"]
        if i % 3 == 0:  # an English article on a Chinese hijacking site
            site = self.site()
            top = self.header(site)[0]
            bottom.append(self.keyword_tail()[0])
        keep = _choose_keep(self.rng, doc, set())
        drop = top + ["Trending now: " + brand, bottom[1]] + bottom[2:]
        self.text_page(f"el{2 + i % 3}", doc, doc.paras, [2, 7] + ([4] if top else []),
                       "English article under a spam wrapper", top=top, bottom=bottom, drop=drop, keep=keep, sep="\n\n")

    # guards -----------------------------------------------------------------------------------------
    def guard(self, doc: Doc, i: int) -> None:
        sents = _keep_cands(doc, set())
        special = [s for s in sents if s.count("、") >= 2 or "“" in s or '"' in s or re.search(r"\d{2,}", s)]
        keep = _pick(self.rng, special, 3) or _choose_keep(self.rng, doc, set())
        note = "clean real article (enumerations, quoted speech, numbers)"
        if i % 2:
            self.html_page(f"rl{i % 4}", doc, doc.paras, [12], note, [], keep)
        else:
            self.text_page(f"rl{i % 4}", doc, doc.paras, [12], note, keep=keep, indent=i % 4 == 0)

    def place_guard(self, doc: Doc, i: int) -> None:
        keep = self._place_sentences(doc)[:3]
        note = "clean real article with a genuine sentence naming several places"
        if i % 2:
            self.html_page(f"rl{i % 4}", doc, doc.paras, [12], note, [], keep)
        else:
            self.text_page(f"rl{i % 4}", doc, doc.paras, [12], note, keep=keep)

    def short_guard(self, doc: Doc, i: int) -> None:
        paras = doc.paras[:1] if len(doc.paras[0]) >= 150 else doc.paras[:2]
        short = Doc(doc.key, doc.title, paras, doc.source, doc.lang, doc.topic)
        keep = _choose_keep(self.rng, short, set(), 2)
        note = "short real article (its first paragraph or two)"
        if i % 2:
            self.html_page("rlshort", short, paras, [12], note, [], keep)
        else:
            self.text_page("rlshort", short, paras, [12], note, keep=keep)

    def table_guard(self, i: int) -> None:
        names = sorted(self.cities)
        city = names[stable_hash(f"l-table-{i}") % len(names)]
        rows = self.cities[city][:18]
        title = f"{city}所辖县级行政区名称与代码一览"
        intro = f"根据区划代码表整理，{city}下辖的县级行政区及其六位代码如下。"
        src = "Tommy0121/china-area-data-tencent:dist/data/tree.json"
        lines = [intro] + [f"{c}：{n}" for c, n in rows]
        doc = Doc(f"table{i}", title, lines, src, "zh")
        keep = [f"{c}：{n}" for c, n in rows[1:4]]
        if i % 2:
            cs = self.charset([title, intro] + [n for _, n in rows])
            trs = "".join(f"<tr><td>{c}</td><td>{_esc(n)}</td></tr>\n" for c, n in rows)
            body = (f"<html><head>{_charset_decl(cs, i)}<title>{_esc(title)}</title></head><body>\n"
                    f"<h2>{_esc(title)}</h2>\n<p>{_esc(intro)}</p>\n<table class=\"qh\"><tr><th>区划代码</th>"
                    f"<th>名称</th></tr>\n{trs}</table></body></html>\n")
            art = _article(None, [intro] + [f"{c} {n}" for c, n in rows])
            keep = [f"{c} {n}" for c, n in rows[1:4]]
            self.add(Page(self.pid("rltab", "html"), "article", title, art, body, "html", cs, [12], src,
                          "a genuine table of county-level names and division codes", keep, []))
        else:
            self.text_page("rltab", doc, lines, [12], "a genuine list of county-level names and division codes",
                           keep=keep)

    # junk -----------------------------------------------------------------------------------------
    def junk(self, i: int) -> None:
        r = i % 8
        site = self.site()
        host = self.host()
        if r == 0:
            n = self.rng.randrange(1000, 999999)
            lines = [f"热烈欢迎您光临{site}！", f"您是本站第 {n} 位访客 ☆ 今日访问 {n % 911} 人次 ☆ 在线 {n % 37 + 3} 人",
                     f"{2017 + i % 2}年{1 + i % 12}月{1 + i % 28}日 农历{'正二三四五六七八九十冬腊'[i % 12]}月",
                     "设为首页 〓 加入收藏 〓 联系站长 〓 留言本", "祝您身体健康、阖家幸福，欢迎常来坐坐！"]
            notes = "visitor counter and greetings"
        elif r == 1:
            heads = _pick(self.rng, self.headlines, 12)
            lines = [f"{site} ⊙ 散文随笔 ⊙ 第{1 + i % 7}页"] + [f"⊙ {h}　人气：{self.rng.randrange(20, 9999)}" for h in heads]
            lines.append("首页 ← 1 2 3 4 5 … → 末页")
            notes = "a list of links to essays with view counts"
        elif r == 2:
            lines = [f"句子大全 〓 {site}"]
            for _, _, ss in _pick(self.rng, self.donor_sents, 10):
                lines.append(f"{len(lines)}、{self.rng.choice(ss)}")
            notes = "a quotation list of sentences of other posts"
        elif r == 3:
            lines = [f"{self.rng.choice(self.sites) if self.sites else site} 今日开奖"]
            for lot in _pick(self.rng, self.lots or ["重庆时时彩"], 6) * 2:
                nums = " ".join(f"{self.rng.randrange(1, 11):02d}" for _ in range(5))
                issue = f"{self.rng.choice(('2017', '2018'))}{self.rng.randrange(1, 366):03d}{self.rng.randrange(1, 121):03d}"
                lines.append(f"{lot} 〓 第{issue}期 〓 {nums} 〓 开奖视频 〓 投注")
            lines += _pick(self.rng, self.promo, 2)
            notes = "a lottery result listing"
        elif r == 4:
            kws = self.keywords(12)
            lines = ["☆".join(kws[:4]), " ".join(kws[4:8]), "〓".join(kws[8:])]
            notes = "a keyword-only page"
        elif r == 5:
            lines = [" ⊙ ".join(self.keywords(3))]
            for _, _, ss in _pick(self.rng, self.donor_sents, 9):
                lines.append(self.rng.choice(ss))
            notes = "a doorway page of sentences pasted from other posts"
        elif r == 6:
            tags = self.keywords(6) + _pick(self.rng, self.counties, 10) + _pick(self.rng, self.headlines, 4)
            self.rng.shuffle(tags)
            lines = [f"标签云 - {site}"] + [" ".join(tags[j:j + 5]) for j in range(0, len(tags), 5)]
            notes = "a tag cloud"
        else:
            q = self.rng.choice(self.keywords(2))
            heads = _pick(self.rng, self.headlines, 8)
            lines = [f"“{q}”的搜索结果 - {site}", f"共找到相关结果约{self.rng.randrange(1000, 90000)}个"]
            lines += [f"{h} https://{host}/so/{self.rng.randrange(100, 9999)}.html" for h in heads]
            lines.append("上一页 1 2 3 4 5 6 下一页 ⊙ 网站地图 ⊙ sitemap.xml")
            notes = "a search-result page"
        title = lines[0]
        if i % 3 == 1:
            cs = self.charset(lines)
            body = (f"<html><head>{_charset_decl(cs, i)}<title>{_esc(title)}</title></head><body>\n"
                    + "".join(f"<p class=\"row\">{_esc(x)}</p>\n" for x in lines) + "</body></html>\n")
            self.add(Page(self.pid(f"jl{i % 3}", "html"), "junk", title, "", body, "html", cs, [10],
                          "family L junk", notes))
        else:
            self.add(Page(self.pid(f"jl{i % 3}", "txt"), "junk", title, "", "\n".join(lines) + "\n", "txt", "utf-8",
                          [10], "family L junk", notes))

    def spam_only(self, i: int) -> None:
        g = self.gamble()
        promo = _pick(self.rng, self.promo, 3)
        kline = "☆".join(self.keywords(5))
        host = self.host()
        lines = [f"{g}〓唯一官方入口〓", kline] + promo + [self.keyword_tail()[0], f"最新地址：https://{host}/?ref={i + 7}"]
        self.add(Page(self.pid(f"ol{i % 2}", "txt"), "spam_only", lines[0], "", "\n".join(lines) + "\n", "txt", "utf-8",
                      [10, 8, 2], "family L spam-only page", "a page that is nothing but spam", [],
                      [lines[0], kline] + promo + [lines[-1]]))

    # the whole part -----------------------------------------------------------------------------------
    def run(self) -> list[Page]:
        c = self.counts
        arts = iter(self.articles)
        take = lambda n: [d for d in (next(arts, None) for _ in range(n)) if d]  # noqa: E731
        en = iter(self.en)
        take_en = lambda n: [d for d in (next(en, None) for _ in range(n)) if d]  # noqa: E731
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
        n_en_clusters = min(2, c["clusters"] // 3)
        for k, d in enumerate(take(c["clusters"] - n_en_clusters) + take_en(n_en_clusters)):
            self.cluster(d, k)
        for i, d in enumerate(take(c["guard_cn"])):
            self.guard(d, i)
        for i, d in enumerate(self.place_guards):
            self.place_guard(d, i)
        for i, d in enumerate(take(c["guard_short"])):
            self.short_guard(d, i)
        for i in range(c["guard_table"]):
            self.table_guard(i)
        for i, d in enumerate(take_en(c["en_html"])):
            self.en_html(d, i)
        for i, d in enumerate(take_en(c["en_txt"])):
            self.en_txt(d, i)
        for i, d in enumerate(take_en(c["guard_en"])):
            self.guard(d, 2 * i + (i % 3 == 1))
        for i in range(c["junk"]):
            self.junk(i)
        for i in range(c["spam_only"]):
            self.spam_only(i)
        return self.pages


def build(src: Path, out: Path, seed: int = 9, counts: dict | None = None) -> dict:
    b = Builder(src, seed, counts or COUNTS)
    pages = b.run()
    rows = gold.write_part(out, pages, encode, validate, gold_row)
    info = {"part": "test11", "family": "L", "seed": seed, **gold.summary(rows, charsets=True),
            "langs": {lang: sum(r["lang"] == lang for r in rows) for lang in ("zh", "en")},
            "sources": ["Terminus2049/Terminus2049.github.io", "samyaksand/Fake-News-Detection",
                        "Tommy0121/china-area-data-tencent", "jing-ge/ObtainFinancialDataOfListedCompanies",
                        "168bet/BET-CaiPiao"]}
    return gold.write_build_info(out, info)


def main(argv=None) -> int:
    return manifest.run_builder(argv, __doc__.split("\n\n")[0], build,
                                ("pages", "kinds", "html", "non_utf8_html", "families", "clusters", "must_keep",
                                 "must_drop"))


if __name__ == "__main__":
    import sys

    sys.exit(main())
