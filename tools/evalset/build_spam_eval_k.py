"""Build the tenth test part (``test10``, template family K) from its own material.

Articles: crawled Chinese news pages of the SogouC corpus (nine Sohu channels: finance, IT, health, sports,
travel, education, jobs, culture, military; only pages whose first line is a headline) and the English
article texts that fundus's parser tests expect (US, UK, Canadian, Australian and South African news pages),
a few of them, and one Chinese page, as the real crawled HTML with spam put into their markup.  Spam
material no other part uses: brand names of a cross-border shopping app, province, city, district and town
names with their codes and pinyin (AreaCity), real lottery/gambling-app text and names (a help centre and
views of a lottery app), headlines and sentences of SogouC pages not used as articles.  The separators,
labels, layouts, name recipes and placements below are this part's own (family K)::

    python -m tools.evalset.build_spam_eval_k --source SRC --out OUT --seed 9 [--freeze|--check]

Deterministic: the same source folder and seed give byte-identical output.
"""
from __future__ import annotations

import csv
import gzip
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
COUNTS = {"wrap": 50, "inject": 40, "pasted": 36, "stuffing": 26, "gambling": 30, "template_one": 16,
          "template_spread": 12, "real_html": 1, "en_html": 8, "en_txt": 12, "clusters": 10, "junk": 30,
          "spam_only": 10, "guard_cn": 46, "guard_places": 6, "guard_en": 10, "guard_table": 6, "guard_short": 8}

CHANNELS = {"C000008": "财经", "C000010": "IT", "C000013": "健康", "C000014": "体育", "C000016": "旅游",
            "C000020": "教育", "C000022": "招聘", "C000023": "文化", "C000024": "军事"}

# Family K vocabulary: separators, labels, heads of commercial names and ad phrases are this builder's own.
SEPS = ("◇", "∣", "╱", "▪", " ~ ")
SHOP_HEADS = ("旗舰店", "官方商城", "代购", "批发网", "加盟店", "美容院", "大药房", "招商热线", "总代理", "正品商城",
              "连锁店", "专卖店")
LOCAL_HEADS = ("保洁公司", "疏通下水道", "搬家公司", "月嫂中心", "开锁换锁", "婚纱摄影", "驾校报名", "pos机办理",
               "家电维修", "代理记账")
AD_PHRASES = ("正品保证假一罚十", "全国包邮货到付款", "日本正品代购", "招商加盟火热进行中", "免费领取试用装",
              "工厂直销价格优惠", "专业代写论文", "一对一高端定制", "零首付分期购", "当天下款不看征信")
SITE_MIDDLES = ("同城分类", "装饰建材", "母婴用品", "美容养生", "家电维修", "教育培训", "人才招聘", "二手交易")
SITE_TAILS = ("信息港", "在线网", "生活圈", "服务平台", "之窗", "资讯港")
GAMBLE_TAILS = ("娱乐平台", "彩票官网", "开户", "真人平台", "网投", "注册送彩金", "计划群", "开奖直播")
PLACE_LABELS = ("业务覆盖：", "城市分站 ◇ ", "服务地区∣", "周边站点：")
TAIL_STYLES = (("搜索热词：", "∣"), ("【相关词】", " "), ("tag标签 » ", "，"), ("热门关键字：", "◇"))
REC_HEADERS = ("看了本文的人还看了", "精彩推荐", "本周热文", "编辑精选")
EN_BRANDS = ("JackpotCity Online Casino", "SpinPalace Bonus", "CheapRx Pharmacy", "QuickPayday Loans UK",
             "BetKing Sports", "LuckyNugget Slots")
EN_TAGS = ("best online casino bonus", "no deposit free spins", "cheap viagra online", "payday loans same day",
           "bet365 alternative", "casino promo code 2024", "buy followers cheap")
CHARSETS = ("utf-8", "gbk", "gb18030", "gb2312", "gbk undeclared", "utf-8", "gbk")


@dataclass
class Doc:
    key: str
    title: str
    paras: list[str]
    source: str
    lang: str
    channel: str = ""
    html: str | None = None  # the real crawled page, when there is one
    page_charset: str = "utf-8"


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

_TITLE_BAD = re.compile(r"^(作者|记者|本报|文/|图/|文：|第\d|相关|延伸|[一二三四五六七八九十]、|\d|（|\(|【|提示|编者)")
_LINE_BAD = re.compile(r"www\.|http|@|【|】|责任编辑|来源：|来源:|转载|版权|点击|\t|&[a-z]+;|\|")
_END = "。！？”」）；"


def _clean_line(x: str) -> str:
    x = html.unescape(x.replace("&nbsp;", " "))
    return re.sub(r"[\s\u3000\xa0]+", " ", x).strip()


def _body_line(x: str) -> bool:
    return (len(x) >= 14 and len(CJK.findall(x)) >= 10 and x[-1] in _END and not _LINE_BAD.search(x)
            and len(CJK.findall(x)) >= 0.6 * len(x.replace(" ", "")))


def load_sogou(src: Path) -> tuple[list[Doc], list[Doc]]:
    """(articles with a headline line, other clean pages) of the SogouC pages, in a fixed order."""
    root = src / "sogouc" / "chapter-3" / "data" / "news"
    arts, others, seen = [], [], set()
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        files = sorted(folder.glob("*.txt"), key=lambda p: int(p.stem) if p.stem.isdigit() else 0)
        for f in files:
            text = f.read_bytes().decode("gb18030", errors="replace")
            lines = [_clean_line(x) for x in text.splitlines()]
            lines = [x for x in lines if x]
            if len(lines) < 3 or "\ufffd" in text:
                continue
            first = lines[0]
            headline = (5 <= len(first) <= 28 and " " not in first and len(CJK.findall(first)) >= 4 and first[-1] not in "。！？；，：:.!?、"
                        and not _TITLE_BAD.search(first) and not _LINE_BAD.search(first) and "图" not in first[-4:]
                        and not re.search(r"\d+月\d+日|消息|快评|^[A-Za-z]|记者|通讯员|编辑|作者|摄影|供稿|特约|专稿|"
                                          r"[□■●◆★]|^[^\u4e00-\u9fff“《]|[—－-]$|报道$|^本文|：.{0,5}$", first))
            body = lines[1:] if headline else lines
            kept = [x for x in body if _body_line(x)]
            total = sum(len(x) for x in body)
            chars = sum(len(x) for x in kept)
            if not kept or chars < 0.9 * total or not (3 <= len(kept) <= 14) or not (350 <= chars <= 2600):
                continue
            if kept[0] in seen:
                continue
            seen.add(kept[0])
            ch = folder.name
            key = f"{ch}/{f.stem}"
            source = f"nlpinaction/learning-nlp:chapter-3/data/news/{ch}/{f.name}"
            if headline and first not in seen:
                seen.add(first)
                arts.append(Doc(key, first, kept, source, "zh", CHANNELS.get(ch, ch)))
            elif not headline:
                others.append(Doc(key, "", kept, source, "zh", CHANNELS.get(ch, ch)))
    return arts, others


def _fundus_paras(version: dict) -> list[str]:
    body = version.get("body") or {}
    out = list(body.get("summary") or [])
    for sec in body.get("sections") or []:
        out += list(sec.get("headline") or []) + list(sec.get("paragraphs") or [])
    return [re.sub(r"\s+", " ", p).strip() for p in out if p and p.strip()]


_EN_WORDS = {"the", "and", "of", "to", "in", "a", "is", "that", "for", "on", "was", "with", "it", "as", "said"}


def _englishness(text: str) -> float:
    words = re.findall(r"[a-z]+", text.lower())
    return sum(w in _EN_WORDS for w in words) / max(1, len(words))


def load_fundus(src: Path) -> tuple[list[Doc], list[Doc]]:
    """(English docs, Chinese docs) of fundus's parser test data; a doc has its crawled page when one matches."""
    root = src / "fundus" / "tests" / "resources" / "parser" / "test_data"
    en, zh = [], []
    for country in ("us", "uk", "au", "ca", "za", "cn"):
        folder = root / country
        if not folder.is_dir():
            continue
        pages = {}
        for g in sorted(folder.glob("*.html.gz")):
            try:
                raw = gzip.decompress(g.read_bytes())
            except OSError:
                continue
            pages[g.name] = raw
        for jf in sorted(folder.glob("*.json")):
            try:
                data = json.loads(jf.read_text(encoding="utf-8"))
            except ValueError:
                continue
            pub = jf.stem
            for ver in sorted(data):
                v = data[ver]
                title = re.sub(r"\s+", " ", v.get("title") or "").strip()
                paras = _fundus_paras(v)
                text = " ".join(paras)
                if not title or len(paras) < 4 or not (700 <= len(text) <= 9000):
                    continue
                page, cs = None, "utf-8"
                for name, raw in sorted(pages.items()):
                    if not name.startswith(pub + "_") and name != pub + ".html.gz":
                        continue
                    m = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", raw[:4000])
                    enc = (m.group(1).decode().lower() if m else "utf-8")
                    enc = {"gb2312": "gbk", "utf8": "utf-8"}.get(enc, enc)
                    t = None
                    for e in dict.fromkeys((enc, "utf-8", "gb18030")):
                        try:
                            t, enc = raw.decode(e), e
                            break
                        except (LookupError, UnicodeDecodeError):
                            continue
                    if t is None:
                        continue
                    plain = re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", t)))
                    if all(re.sub(r"\s+", "", x)[:30] in plain for x in (title, paras[0], paras[-1])):
                        page, cs = t, enc
                        break
                key = f"{country}/{pub}#{ver}"
                source = f"flairNLP/fundus:tests/resources/parser/test_data/{country}/{jf.name}#{ver}"
                if country == "cn":
                    if len(CJK.findall(text)) > 0.5 * len(text):
                        zh.append(Doc(key, title, paras, source, "zh", "", page, cs))
                elif sum(c.isascii() for c in text) > 0.97 * len(text) and _englishness(text) >= 0.12:
                    en.append(Doc(key, title, paras, source, "en", "", page, cs))
    return en, zh


def load_places(src: Path) -> tuple[dict[str, list[tuple[str, str, str]]], dict[str, list[str]], list[str]]:
    """({city: [(code, district, pinyin)]}, {district: [town names]}, county-level names) of AreaCity."""
    folder = src / "areacity" / "src" / "采集到的数据"
    rows = list(csv.DictReader((folder / "ok_data_level3.csv").read_text(encoding="utf-8-sig").splitlines()))
    by_id = {r["id"]: r for r in rows}
    cities: dict[str, list[tuple[str, str, str]]] = {}
    counties = []
    for r in rows:
        if r["deep"] != "2":
            continue
        city = by_id.get(r["pid"])
        if not city:
            continue
        cname = city["ext_name"]
        if cname in ("市辖区", "县") or "直辖" in cname:
            prov = by_id.get(city["pid"])
            cname = prov["ext_name"] if prov else cname
        cities.setdefault(cname, []).append((r["id"], r["ext_name"], r["pinyin"].replace(" ", "")))
        counties.append(r["ext_name"])
    towns: dict[str, list[str]] = {}
    lv4 = folder / "ok_data_level4.csv"
    if lv4.exists():
        for r in csv.DictReader(lv4.read_text(encoding="utf-8-sig").splitlines()):
            if r["deep"] == "3" and r["pid"] in by_id:
                towns.setdefault(by_id[r["pid"]]["ext_name"], []).append(r["ext_name"])
    cities = {k: v for k, v in sorted(cities.items()) if len(v) >= 6}
    towns = {k: v for k, v in sorted(towns.items()) if len(v) >= 6}
    return cities, towns, sorted(set(counties))


def load_brands(src: Path) -> list[str]:
    """Chinese brand names (2-4 characters) of the shopping app's brand index."""
    t = (src / "wdbrands" / "src" / "assets" / "static" / "BrandSort.js").read_text(encoding="utf-8", errors="replace")
    out = set()
    for name in re.findall(r'"name":\s*"([^"]+)"', t):
        for part in re.findall(r"[\u4e00-\u9fff]+", name):
            if 2 <= len(part) <= 4 and len(set(part)) == len(part) and not re.search(r"[美食生活护理化妆保健儿童配饰]{2}", part):
                out.add(part)
    return sorted(out)


def load_lottery(src: Path) -> tuple[list[str], list[str], list[str]]:
    """(platform and site names, lottery names, rule and promotion sentences) of the lottery app's text."""
    root = src / "lbhelp" / "LB" / "src"
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".js", ".vue"))
    plats, lots, sents = set(), set(), set()
    for f in files:
        t = f.read_text(encoding="utf-8", errors="replace")
        t = re.sub(r"<style.*?</style>", " ", t, flags=re.S)
        for m in re.findall(r"(?<![A-Za-z])([A-Z]{2,5}(?:体育|棋牌|真人|视讯|电子|扑克|平台))", t):
            plats.add(m)
        for m in re.findall(r"(立博娱乐|开元棋牌|沙巴体育|美女主播棋牌)", t):
            plats.add(m)
        for m in re.findall(r"((?:北京|重庆|新疆|天津|江苏|广东|山东|江西|黑龙江|香港|腾讯|安徽|湖北|上海|福彩|幸运)"
                            r"(?:时时彩|11选5|快三|快3|赛车|六合彩|分分彩|3D|飞艇))", t):
            lots.add(m)
        for seg in re.findall(r"[^<>\"'`\n{}$]{18,160}", t):
            seg = re.sub(r"^\s*\d+[.、]\s*", "", re.sub(r"\s+", " ", html.unescape(seg)).strip())
            if len(CJK.findall(seg)) >= 14 and seg[-1] in "。！；" and "=" not in seg and "(" not in seg \
                    and "我们" not in seg[:2] and not re.search(r"[\[\]&;]", seg[:-1]):
                sents.add(seg)
    return sorted(plats), sorted(lots), sorted(sents)


# ---------------------------------------------------------------------------------------------- helpers

def _pick(rng: random.Random, items, k: int) -> list:
    return rng.sample(list(items), min(k, len(items)))


def _sents(doc: Doc) -> list[tuple[int, str]]:
    out = []
    for i, p in enumerate(doc.paras):
        parts = split_sentences(p) if doc.lang == "zh" else re.split(r"(?<=[.!?])\s+(?=[A-Z“\"‘])", p)
        out += [(i, s.strip()) for s in parts if s.strip()]
    return out


def _balanced(s: str) -> bool:
    pairs = ("“”", "「」", "（）", "()", "《》", "‘’")
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


def _inject_at_comma(rng: random.Random, para: str, name: str) -> tuple[str, str] | None:
    """``para`` with ``name`` put between a comma and the clause after it; (new para, must_drop with context)."""
    spots = [m.start() for m in re.finditer("，", para)
             if m.start() >= 3 and CJK.match(para[m.start() - 1]) and CJK.match(para[m.start() - 2])
             and m.start() + 1 < len(para) and para[m.start() + 1] not in "“”"]
    if not spots:
        return None
    at = rng.choice(spots)
    return para[:at + 1] + name + "，" + para[at + 1:], para[at - 2:at] + "，" + name + "，"


def _charset_decl(charset: str, style: int) -> str:
    if "undeclared" in charset:
        return ""
    if style % 2:
        return f'<meta http-equiv="Content-Type" content="text/html; charset={charset}" />'
    return f'<meta charset="{charset}">'




def render(layout: int, charset: str, title_tag: str, h1: str, paras: list[str], *, site: str, channel: str,
           head_extra: str = "", top: list[str] = (), side: list[str] = (), bottom: list[str] = (),
           hidden: str = "", tags: str = "", date: str = "2006-05-10") -> str:
    """A full HTML page in one of family K's four layouts (portal, forum thread, blog, old table).

    ``paras`` are the article's paragraphs (injected spam paragraphs included); ``top``/``side``/``bottom``
    are lines of spam blocks outside the article; ``hidden`` goes into a ``display:none`` block; ``tags`` is
    a blog tag line."""
    decl = _charset_decl(charset, layout)
    e = _esc
    hid = f'<div class="hd" style="display:none">{hidden}</div>\n' if hidden else ""
    top_html = "".join(f'<div class="topad">{e(x)}</div>\n' for x in top)
    side_html = "".join(f"<li>{e(x)}</li>" for x in side)
    bottom_html = "".join(f'<div class="relate">{e(x)}</div>\n' for x in bottom)
    kind = layout % 4
    if kind == 0:  # portal
        body = "\n".join(f"<p>　　{e(p)}</p>" for p in paras)
        return (f'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
                f'"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">\n'
                f"<head>\n{decl}\n<title>{e(title_tag)}</title>\n{head_extra}</head>\n<body>\n{hid}"
                f'<div id="wrap">\n<div class="site-top"><a class="logo" href="/">{e(site)}</a></div>\n{top_html}'
                f'<div class="pos">您现在的位置：<a href="/">首页</a> &raquo; <a href="/{stable_hash(channel) % 90}/">{e(channel)}</a> &raquo; 正文</div>\n'
                f'<div id="artical">\n<h1 id="artical_topic">{e(h1)}</h1>\n<div class="artical_sth">{date}</div>\n'
                f'<div id="artical_real">\n{body}\n</div>\n</div>\n{bottom_html}'
                f'<div class="sidebar"><h3>热点排行</h3><ul>{side_html}</ul></div>\n'
                f'<div class="copyright">Copyright &copy; 2006 {e(site)}</div>\n</div>\n</body>\n</html>\n')
    if kind == 1:  # forum thread: the post's paragraphs joined by <br />
        post = "<br />\r\n".join(e(p) for p in paras)
        side_div = f'<div class="sign">{"　".join(e(x) for x in side)}</div>' if side else ""
        return (f"<html>\n<head>\n{decl}\n<title>{e(title_tag)} - {e(channel)}论坛</title>\n{head_extra}</head>\n<body>\n"
                f'<div id="nav"><a href="/">{e(site)}</a> &raquo; <a href="/forum-{len(channel)}-1.html">{e(channel)}</a> &raquo; 查看帖子</div>\n'
                f"{top_html}"
                f'<table class="t_table" cellspacing="0"><tr><td class="postauthor">楼主</td><td class="postcontent">\n'
                f'<div class="postinfo">发表于 {date} 10:2{len(paras) % 10}</div>\n<h2>{e(h1)}</h2>\n'
                f'<div class="t_msgfont" id="postmessage_{stable_hash(h1) % 900000 + 100000}">{post}</div>\n{side_div}'
                f"</td></tr></table>\n{bottom_html}{hid}"
                f'<div class="footer">回复 引用 TOP　Powered by Discuz!</div>\n</body>\n</html>\n')
    if kind == 2:  # blog
        body = "\n".join(f"<p>{e(p)}</p>" for p in paras)
        tag_div = f'<div class="articalTag">标签：{e(tags)}</div>\n' if tags else ""
        return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n{decl}\n<title>{e(title_tag)}_博客</title>\n{head_extra}'
                f'</head>\n<body class="blog">\n<div class="blogtitle"><span>{e(site)}的博客</span></div>\n{top_html}'
                f'<div class="articalTitle"><h2 class="titName">{e(h1)}</h2><span class="time">({date})</span></div>\n'
                f'<div class="articalContent">\n{body}\n</div>\n{tag_div}{bottom_html}'
                f'<div class="blognav"><ul>{side_html}</ul></div>\n{hid}</body>\n</html>\n')
    body = "<br>\n".join(f"&nbsp;&nbsp;&nbsp;&nbsp;{e(p)}" for p in paras)  # old table layout
    return (f"<html>\n<head>\n{decl}\n<title>{e(title_tag)}</title>\n{head_extra}</head>\n"
            f'<body leftmargin="0" topmargin="0">\n<table width="778" border="0" align="center"><tr><td class="top">'
            f"{e(site)}</td></tr>\n" + "".join(f'<tr><td class="ad">{e(x)}</td></tr>\n' for x in top) +
            f'<tr><td align="center"><font class="f18"><b>{e(h1)}</b></font></td></tr>\n'
            f'<tr><td class="f14" id="zoom">\n{body}\n</td></tr>\n'
            + "".join(f'<tr><td class="links">{e(x)}</td></tr>\n' for x in list(bottom) + list(side)) +
            f"</table>\n{hid}</body>\n</html>\n")


def _recharset(page: str, charset: str, style: int) -> str:
    page = re.sub(r"<meta[^>]*charset[^>]*>", "", page, flags=re.I)
    decl = _charset_decl(charset, style)
    if re.search(r"<head[^>]*>", page, flags=re.I):
        return re.sub(r"(<head[^>]*>)", lambda m: m.group(1) + decl, page, count=1, flags=re.I)
    return decl + page


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
        arts, others = load_sogou(src)
        arts.sort(key=lambda d: stable_hash(f"{seed}:k:{d.key}"))
        self.en, self.zh_html = load_fundus(src)
        self.en.sort(key=lambda d: stable_hash(f"{seed}:k:{d.key}"))
        self.cities, self.towns, self.counties = load_places(src)
        self.brands = load_brands(src)
        self.plats, self.lots, self.promo = load_lottery(src)
        names = {n for n in self.counties if len(n) >= 3} | set(self.cities)
        names |= {re.sub(r"(市|地区|自治州|盟)$", "", n) for n in self.cities}
        place_re = re.compile("|".join(sorted({re.escape(n) for n in names if len(n) >= 2}, key=len, reverse=True))
                              or "^$")
        self.place_re = place_re
        n_places = counts["guard_places"]
        place_docs = [d for d in arts if self._place_sentences(d)]
        self.place_guards = place_docs[:n_places]
        used = {d.key for d in self.place_guards}
        rest = [d for d in arts if d.key not in used]
        need = sum(counts[k] for k in ("wrap", "inject", "pasted", "stuffing", "gambling", "template_one",
                                       "template_spread", "guard_cn", "guard_short")) + counts["clusters"]
        self.articles = rest[:need]
        spare = rest[need:]
        self.headlines = sorted({d.title for d in spare})
        self.donors = others + spare
        self.donor_sents = [(d, [s for _, s in _sents(d) if 16 <= len(s) <= 70 and _balanced(s)
                                 and "“" not in s and "”" not in s]) for d in self.donors]
        self.donor_sents = [(d, s) for d, s in self.donor_sents if s]
        self.pages: list[Page] = []
        self.n = 0

    def _place_sentences(self, doc: Doc) -> list[str]:
        out = []
        for _, s in _sents(doc):
            if 12 <= len(s) <= 140 and _balanced(s) and len(set(self.place_re.findall(s))) >= 3 and "、" in s:
                out.append(s)
        return out

    # names ----------------------------------------------------------------------------------------
    def shop(self) -> str:
        return self.rng.choice(self.brands) + self.rng.choice(SHOP_HEADS)

    def local(self) -> str:
        county = self.rng.choice(self.counties)
        stem = re.sub(r"(自治县|自治旗|新区|区|县|市|旗)$", "", county) or county
        return stem + self.rng.choice(LOCAL_HEADS)

    def gamble(self) -> str:
        r = self.rng.random()
        if r < 0.35 and self.plats:
            return self.rng.choice(self.plats) + ("" if self.rng.random() < 0.5 else self.rng.choice(("官网", "开户")))
        if r < 0.75 and self.lots:
            return self.rng.choice(self.lots) + self.rng.choice(GAMBLE_TAILS)
        return self.rng.choice(self.brands) + self.rng.choice(("娱乐城", "国际娱乐", "棋牌官网", "体育投注"))

    def keywords(self, k: int) -> list[str]:
        makers = (self.shop, self.local, self.gamble)
        return list(dict.fromkeys(makers[(i + self.rng.randrange(3)) % 3]() for i in range(k)))

    def site(self) -> str:
        city = self.rng.choice(list(self.cities))
        stem = re.sub(r"(郊县|城区|市|地区|自治州|盟)$", "", city)
        stem = stem if len(stem) <= 3 else stem[:2]
        return stem + self.rng.choice(SITE_MIDDLES) + self.rng.choice(SITE_TAILS)

    def host(self) -> str:
        city = self.rng.choice(list(self.cities))
        py = self.rng.choice(self.cities[city])[2][:8] or "zhan"
        return f"www.{py}{self.rng.randrange(10, 99)}." + self.rng.choice(("com", "cn", "net", "com.cn", "cc"))

    def charset(self, texts: list[str]) -> str:
        return fitting_charset(CHARSETS[self.n % len(CHARSETS)], texts)

    def pid(self, group: str, ext: str) -> str:
        self.n += 1
        return f"{group}/k{self.n:04d}.{ext}"

    # spam pieces ----------------------------------------------------------------------------------
    def place_line(self) -> tuple[str, list[str]]:
        if self.towns and self.rng.random() < 0.4:
            district = self.rng.choice(list(self.towns))
            names = self.towns[district][:self.rng.randrange(6, 11)]
            head = district
        else:
            head = self.rng.choice(list(self.cities))
            names = [n for _, n, _ in self.cities[head]][:self.rng.randrange(6, 12)]
        sep = self.rng.choice(SEPS)
        line = self.rng.choice(PLACE_LABELS) + head + sep + sep.join(names)
        return line, [sep.join(names[i:i + 3]) for i in range(0, len(names) - 2, 3)]

    def keyword_tail(self) -> tuple[str, list[str]]:
        kws = self.keywords(self.rng.randrange(3, 6))
        label, sep = self.rng.choice(TAIL_STYLES)
        return label + sep.join(kws), [label + kws[0]] + kws[1:]

    def sitemap(self) -> tuple[list[str], list[str]]:
        host = self.host()
        city = self.rng.choice(list(self.cities))
        py = self.rng.choice(self.cities[city])[2] or "bj"
        lines = [f"网站地图 ∣ XML地图 ∣ https://{host}/sitemap-{self.rng.randrange(1, 60)}.html",
                 f"https://{py}.{host[4:]}/list_{self.rng.randrange(100, 9999)}.shtml"]
        return lines, list(lines)

    def rec_block(self, k: int = 4) -> tuple[list[str], list[str]]:
        heads = _pick(self.rng, self.headlines, k)
        lines = [self.rng.choice(REC_HEADERS)] + [f"· {h}（{self.rng.randrange(1, 13):02d}-{self.rng.randrange(1, 29):02d}）"
                                                   for h in heads]
        return lines, heads

    def header(self, site: str) -> tuple[list[str], list[str]]:
        a = f"{site} ⌂ 首页 ∣ 本地资讯 ∣ 商家黄页 ∣ 会员中心"
        b = f"所在位置 » {site} » 资讯 » 正文"
        return [a, b], [a, f"所在位置 » {site}"]

    def donor_sentence(self, doc: Doc, near: bool) -> str:
        same = [(d, s) for d, s in self.donor_sents if (d.channel == doc.channel) == near and d.key != doc.key]
        if near:  # the same channel, and among those the closest in character bigrams
            grams = han_bigrams("".join(doc.paras))
            same = sorted(same, key=lambda ds: (-len(grams & han_bigrams("".join(ds[0].paras))), ds[0].key))[:15]
        d, sents = self.rng.choice(same or self.donor_sents)
        return self.rng.choice(sents)

    # page makers ----------------------------------------------------------------------------------
    def add(self, page: Page) -> Page:
        self.pages.append(page)
        return page

    def text_page(self, group, doc, paras, families, notes, top=(), bottom=(), title_line=None, drop=(), keep=(),
                  kind="article", cluster=None, sep="\n", indent=False):
        title = title_line if title_line is not None else doc.title
        body_paras = [("　　" + p if indent else p) for p in paras]
        lines = list(top) + ([title] if title else []) + body_paras + list(bottom)
        art = _article(doc.title, doc.paras) if kind == "article" else ""
        return self.add(Page(self.pid(group, "txt"), kind, doc.title, art, sep.join(lines) + "\n", "txt", "utf-8",
                             families, doc.source, notes, list(keep), list(drop), cluster, doc.lang))

    def html_page(self, group, doc, paras, families, notes, drop=(), keep=(), title=None, cluster=None, gold_paras=None,
                  **kw):
        t = title or doc.title
        site = kw.pop("site", None) or self.site()
        texts = [t, site, doc.channel] + list(paras) + [str(v) for v in kw.values()]
        cs = kw.pop("charset", None) or self.charset(texts)
        body = render(self.n, cs, t, doc.title, list(paras), site=site, channel=doc.channel or "资讯", **kw)
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
            (top if self.rng.random() < 0.35 else bottom).append(line)
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
        note = "family K site wrapper: " + ", ".join(sorted(parts))
        if i % 3 == 2:
            self.html_page(f"wk{i % 5}", doc, doc.paras, fams, note + " (HTML)", drop, keep,
                           title=f"{doc.title}_{site}", site=site, top=top, bottom=bottom)
        else:
            title_line = None
            if 4 in fams and i % 2:
                title_line = f"【{site}】{doc.title}"
                drop.append(f"【{site}】")
            self.text_page(f"wk{i % 5}", doc, doc.paras, fams, note, top=top, bottom=bottom, title_line=title_line,
                           drop=drop, keep=keep, sep="\n\n" if i % 4 == 0 else "\n", indent=i % 5 == 1)

    def inject(self, doc: Doc, i: int) -> None:
        paras = list(doc.paras)
        drop, changed, fams = [], set(), [3]
        kinds = ("shop", "local", "gamble", "county", "ad")
        for _ in range(1 + (i % 4 == 0)):
            free = [j for j in range(len(paras)) if j not in changed]
            if not free:
                break
            k = self.rng.choice(free)
            r = kinds[(i + len(changed)) % 5]
            name = {"shop": self.shop, "local": self.local, "gamble": self.gamble,
                    "county": lambda: self.rng.choice(self.counties), "ad": lambda: self.rng.choice(AD_PHRASES)}[r]()
            res = _inject_at_comma(self.rng, paras[k], name)
            if res:
                paras[k], d = res
                drop.append(d)
                changed.add(k)
                if r == "gamble":
                    fams.append(8)
        if not drop:
            return self.guard(doc, i)
        keep = _choose_keep(self.rng, doc, changed)
        note = "names injected at a comma, no other spam on the page"
        if i % 2:
            self.html_page(f"xk{i % 4}", doc, paras, fams, note, drop, keep)
        else:
            self.text_page(f"xk{i % 4}", doc, paras, fams, note, drop=drop, keep=keep, indent=i % 3 == 0)

    def pasted(self, doc: Doc, i: int) -> None:
        paras = list(doc.paras)
        near = i % 2 == 0
        sent = self.donor_sentence(doc, near)
        k = self.rng.randrange(1, len(paras))
        mode = ("inside", "own", "glued")[i % 3]
        if mode == "own":
            paras.insert(k, sent)
        elif mode == "glued":
            paras[k] = paras[k] + sent
        else:
            ss = split_sentences(paras[k])
            at = self.rng.randrange(1, len(ss)) if len(ss) > 1 else 1
            paras[k] = "".join(ss[:at]) + sent + "".join(ss[at:])
        keep = _choose_keep(self.rng, doc, set() if mode == "own" else {k})
        note = (f"a sentence of another SogouC page pasted ({'same channel, close in bigrams' if near else 'another channel'}"
                f", {mode})")
        if i % 2:
            self.html_page(f"pk{i % 4}", doc, paras, [5], note, [sent], keep)
        else:
            self.text_page(f"pk{i % 4}", doc, paras, [5], note, drop=[sent], keep=keep)

    def stuffing(self, doc: Doc, i: int) -> None:
        kws = self.keywords(4)
        frags = []
        for _ in range(3):
            s = self.donor_sentence(doc, False)
            cut = self.rng.randrange(6, max(7, min(15, len(s) - 2)))
            frags.append(s[:cut])
        sep = ("，", " ", "◇", "~")[i % 4]
        mix = [x for pair in zip(kws, frags) for x in pair] + kws[len(frags):]
        line = sep.join(mix)
        paras = list(doc.paras)
        where = i % 3
        drop = [sep.join(mix[j:j + 2]) for j in range(0, len(mix) - 1, 2)]
        keep = _choose_keep(self.rng, doc, set())
        note = "a stuffing line mixing keywords with fragments of other pages' sentences"
        if where == 0:
            paras.insert(self.rng.randrange(1, len(paras)), line)
            top, bottom = [], []
        elif where == 1:
            top, bottom = [line], []
        else:
            top, bottom = [], [line]
        if i % 3 == 1:
            self.html_page(f"sk{i % 3}", doc, paras, [6], note, drop, keep, top=top, bottom=bottom)
        else:
            self.text_page(f"sk{i % 3}", doc, paras, [6], note, top=top, bottom=bottom, drop=drop, keep=keep)

    def gambling(self, doc: Doc, i: int) -> None:
        g = self.gamble()
        paras = list(doc.paras)
        drop, fams, changed = [], [8], set()
        if i % 3 != 1:
            k = self.rng.randrange(len(paras))
            res = _inject_at_comma(self.rng, paras[k], self.gamble())
            if res:
                paras[k], d = res
                drop.append(d)
                changed.add(k)
                fams.append(3)
        names = list(dict.fromkeys([g] + [self.gamble() for _ in range(4)]))
        tagline = "热门游戏：" + " ◇ ".join(names)
        drop += ["热门游戏：" + names[0]] + names[1:]
        fams.append(2)
        if self.promo and i % 2 == 0:
            p = self.rng.choice(self.promo)
            paras.append(p)
            drop.append(p)
        title = f"{g}-{doc.title}" if i % 2 else f"{doc.title}（{g}）"
        drop.append(f"{g}-" if i % 2 else f"（{g}）")
        keep = _choose_keep(self.rng, doc, changed)
        note = "a gambling name in the title and in a sentence, a game tag line, a promotion sentence"
        if i % 3 == 0:
            kw = ",".join([g] + self.keywords(3))
            self.html_page(f"gk{i % 3}", doc, paras, fams, note, drop + [kw], keep, title=title,
                           head_extra=f'<meta name="keywords" content="{html.escape(kw)}" />\n', side=[tagline])
        else:
            self.text_page(f"gk{i % 3}", doc, paras, fams, note, title_line=title, bottom=[tagline], drop=drop,
                           keep=keep, sep="\n\n" if i % 2 else "\n")

    def template(self) -> tuple[list[str], list[str], list[str]]:
        site = self.site()
        head, dh = self.header(site)
        places, dp = self.place_line()
        kw = self.keywords(5)
        kline = "本站热搜：" + "∣".join(kw)
        rec, dr = self.rec_block(3)
        notice = f"免责声明：本站部分内容来自互联网，如有侵权请联系{site}删除。"
        icp = f"{site} 版权所有 {self.rng.choice(('湘', '鲁', '苏', '闽', '豫'))}ICP备{self.rng.randrange(10**7, 10**8)}号"
        rule = self.rng.choice(self.promo) if self.promo else ""
        top = head + [kline]
        bottom = [places] + rec + ([rule] if rule else []) + [notice, icp]
        drop = dh + ["本站热搜：" + kw[0]] + kw[1:] + dp + dr + [notice, icp] + ([rule] if rule else [])
        return top, bottom, drop

    def template_pages(self, docs: list[Doc], spread: bool) -> None:
        top, bottom, drop = self.template()
        for j, doc in enumerate(docs):
            keep = _choose_keep(self.rng, doc, set())
            group = f"tk{j % 12}" if spread else "tkone"
            note = "one long spam template around many articles" + (" (spread over folders)" if spread else " (one folder)")
            self.text_page(group, doc, doc.paras, [9, 4, 1, 2, 7], note, top=top, bottom=bottom, drop=drop, keep=keep)

    def cluster(self, doc: Doc, c: int) -> None:
        cid = f"test10-c{c + 1:02d}"
        last = len(doc.paras) - 1 if doc.lang == "zh" and len(doc.paras) >= 4 else None
        keep = _choose_keep(self.rng, doc, {last} if last is not None else set())
        site = self.site()
        t, d = self.header(site)
        tail, d2 = self.keyword_tail()
        self.text_page(f"ck{c % 4}", doc, doc.paras, [11, 4, 2], "near-duplicate cluster member (site wrapper)",
                       top=t, bottom=[tail], drop=d + d2, keep=keep, cluster=cid)
        lines, d3 = self.sitemap()
        rec, d4 = self.rec_block(3)
        self.html_page(f"ck{(c + 1) % 4}", doc, doc.paras, [11, 7], "near-duplicate cluster member (HTML, sitemap and "
                       "recommendation block)", d3 + d4, keep, bottom=lines + rec, cluster=cid)
        if last is not None:  # a repost without its last paragraph, with a repost notice
            short = Doc(doc.key, doc.title, doc.paras[:last], doc.source, doc.lang, doc.channel)
            notice = f"本文转自{self.site()}，转载请注明出处。"
            self.text_page(f"ck{(c + 2) % 4}", short, short.paras, [11, 4], "near-duplicate cluster member (repost "
                           "without the last paragraph, repost notice)", bottom=[notice], drop=[notice], keep=keep,
                           cluster=cid, indent=True)
        else:
            brand = self.rng.choice(EN_BRANDS)
            self.text_page(f"ck{(c + 2) % 4}", doc, doc.paras, [11, 2], "near-duplicate cluster member (English, tag line)",
                           bottom=["Related searches: " + ", ".join([brand.lower()] + _pick(self.rng, EN_TAGS, 3))],
                           drop=["Related searches: " + brand.lower()], keep=keep, cluster=cid, sep="\n\n")

    # real crawled pages --------------------------------------------------------------------------------
    def real_html(self, doc: Doc, i: int) -> None:
        page = doc.html
        zh = doc.lang == "zh"
        g = self.gamble() if zh else self.rng.choice(EN_BRANDS)
        drop, fams = [g], [8]
        page = re.sub(r"<title([^>]*)>(.*?)</title>", lambda m: f"<title{m.group(1)}>{_esc(g)} | {m.group(2)}</title>", page,
                      count=1, flags=re.S | re.I)
        kws = self.keywords(4) if zh else _pick(self.rng, EN_TAGS, 4)
        hidden = f'<div style="display:none">{" ".join(_esc(k) for k in kws)}</div>'
        page = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + hidden, page, count=1, flags=re.I)
        drop += kws
        fams.append(2)
        anchors = [p for p in doc.paras if len(p) >= 60]
        if anchors:
            a = anchors[len(anchors) // 2]
            for cand in (a[:30], _esc(a[:30]), html.escape(a[:30], quote=True)):
                at = page.find(cand)
                if at >= 0:
                    end = page.find("</p>", at)
                    if end > 0:
                        extra = (self.rng.choice(self.promo) if zh and self.promo else
                                 f"Claim your 200% welcome bonus today at {g} and get 50 free spins on sign-up.")
                        page = page[:end + 4] + f"<p>{_esc(extra)}</p>" + page[end + 4:]
                        drop.append(extra)
                    break
        cs = ("gbk", "gb18030", "gbk undeclared")[i % 3] if zh else "utf-8"
        cs = fitting_charset(cs, [page])
        page = _recharset(page, cs, i)
        keep = _choose_keep(self.rng, doc, set())
        self.add(Page(self.pid("hk" if zh else "ek", "html"), "article", doc.title, _article(None, doc.paras), page,
                      "html", cs, fams, doc.source, "real crawled page, spam put into its title, a hidden block and an "
                      "extra <p>", keep, drop, None, doc.lang))

    def en_txt(self, doc: Doc, i: int) -> None:
        brand = self.rng.choice(EN_BRANDS)
        top = [f"{brand} » Home » News » Article"] if i % 2 else []
        tags = "Related searches: " + ", ".join([brand.lower()] + _pick(self.rng, EN_TAGS, 3))
        host = self.host()
        bottom = [tags, f"Sitemap ∣ https://{host}/sitemap-news-{i}.xml"]
        if i % 3 == 0:  # an English article on a Chinese hijacking site
            site = self.site()
            top = self.header(site)[0]
            bottom.append(self.keyword_tail()[0])
        keep = _choose_keep(self.rng, doc, set())
        drop = top + ["Related searches: " + brand.lower(), bottom[1]] + bottom[2:]
        self.text_page(f"ek{i % 3}", doc, doc.paras, [2, 7] + ([4] if top else []), "English article under a spam wrapper",
                       top=top, bottom=bottom, drop=drop, keep=keep, sep="\n\n")

    # guards -----------------------------------------------------------------------------------------
    def guard(self, doc: Doc, i: int) -> None:
        sents = [s for s in _keep_cands(doc, set())]
        special = [s for s in sents if s.count("、") >= 2 or "“" in s or '"' in s or re.search(r"\d{2,}", s)]
        keep = _pick(self.rng, special, 3) or _choose_keep(self.rng, doc, set())
        note = "clean real article (enumerations, quoted speech, numbers)"
        if i % 2:
            self.html_page(f"rk{i % 4}", doc, doc.paras, [12], note, [], keep)
        else:
            self.text_page(f"rk{i % 4}", doc, doc.paras, [12], note, keep=keep, indent=i % 4 == 0)

    def place_guard(self, doc: Doc, i: int) -> None:
        keep = self._place_sentences(doc)[:3]
        note = "clean real article with a genuine sentence naming several places"
        if i % 2:
            self.html_page(f"rk{i % 4}", doc, doc.paras, [12], note, [], keep)
        else:
            self.text_page(f"rk{i % 4}", doc, doc.paras, [12], note, keep=keep)

    def short_guard(self, doc: Doc, i: int) -> None:
        paras = doc.paras[:1] if len(doc.paras[0]) >= 150 else doc.paras[:2]
        short = Doc(doc.key, doc.title, paras, doc.source, doc.lang, doc.channel)
        keep = _choose_keep(self.rng, short, set(), 2)
        note = "short real article (its first paragraph or two)"
        if i % 2:
            self.html_page("rkshort", short, paras, [12], note, [], keep)
        else:
            self.text_page("rkshort", short, paras, [12], note, keep=keep)

    def table_guard(self, i: int) -> None:
        names = sorted(self.cities)
        city = names[stable_hash(f"k-table-{i}") % len(names)]
        rows = self.cities[city][:16]
        title = f"{city}县级行政区划代码及拼音"
        intro = f"下表列出{city}所辖县级行政区的代码、名称和拼音，按代码顺序排列。"
        src = "xiangyuecn/AreaCity-JsSpider-StatsGov:src/采集到的数据/ok_data_level3.csv"
        lines = [intro] + [f"{c}　{n}　{p}" for c, n, p in rows]
        doc = Doc(f"table{i}", title, lines, src, "zh")
        keep = [f"{c} {n} {p}" for c, n, p in rows[1:4]]
        if i % 2:
            cs = self.charset([title, intro] + [n for _, n, _ in rows])
            trs = "".join(f"<tr><td>{c}</td><td>{_esc(n)}</td><td>{p}</td></tr>" for c, n, p in rows)
            body = (f"<html><head>{_charset_decl(cs, i)}<title>{_esc(title)}</title></head><body>"
                    f"<h1>{_esc(title)}</h1><p>{_esc(intro)}</p><table border=\"1\"><tr><th>代码</th><th>名称</th>"
                    f"<th>拼音</th></tr>{trs}</table></body></html>\n")
            art = _article(None, [intro] + [f"{c} {n} {p}" for c, n, p in rows])
            self.add(Page(self.pid("rktab", "html"), "article", title, art, body, "html", cs, [12], src,
                          "a genuine table of district codes, names and pinyin", keep, []))
        else:
            self.text_page("rktab", doc, lines, [12], "a genuine table of district codes, names and pinyin",
                           keep=keep)

    # junk -----------------------------------------------------------------------------------------
    def junk(self, i: int) -> None:
        r = i % 6
        site = self.site()
        if r == 0:
            n = self.rng.randrange(1000, 999999)
            lines = [f"{site}欢迎您！", f"本页面已被浏览 {n} 次，您是今天第 {n % 997} 位来访的朋友",
                     f"今天是{2006 + i % 3}年{1 + i % 12}月{1 + i % 27}日 星期{'一二三四五六日'[i % 7]}",
                     "加入收藏 ◇ 设为首页 ◇ 给我留言", "愿您在这里度过愉快的时光，常回来看看！"]
            notes = "visitor counter and greetings"
        elif r == 1:
            heads = _pick(self.rng, self.headlines, 12)
            lines = [f"{site} ▪ 美文阅读 ▪ 第{1 + i % 9}页"] + [f"▪ {h} 阅读({self.rng.randrange(50, 9000)})" for h in heads]
            lines.append("首页 上一页 1 2 3 4 5 下一页 尾页")
            notes = "a list of links to essays with read counts"
        elif r == 2:
            lines = [f"经典语录 ◇ {site}"]
            for d, ss in _pick(self.rng, self.donor_sents, 10):
                lines.append(f"{len(lines)}. {self.rng.choice(ss)}")
            notes = "a quotation list of sentences of other pages"
        elif r == 3:
            lines = [f"{self.rng.choice(self.plats) if self.plats else site} 开奖公告"]
            for lot in _pick(self.rng, self.lots or ["重庆时时彩"], 8):
                nums = ",".join(str(self.rng.randrange(0, 10)) for _ in range(5))
                lines.append(f"{lot} ∣ 第{self.rng.randrange(20060101001, 20061231120)}期 ∣ {nums} ∣ 走势图 ∣ 投注")
            lines += _pick(self.rng, self.promo, 2)
            notes = "a lottery result listing"
        elif r == 4:
            kws = self.keywords(12)
            lines = ["∣".join(kws[:4]), " ".join(kws[4:8]), "、".join(kws[8:])]
            notes = "a keyword-only page"
        else:
            lines = ["◇".join(self.keywords(3))]
            for d, ss in _pick(self.rng, self.donor_sents, 9):
                lines.append(self.rng.choice(ss))
            notes = "a doorway page of sentences pasted from other pages"
        title = lines[0]
        if i % 3 == 1:
            cs = self.charset(lines)
            body = (f"<html><head>{_charset_decl(cs, i)}<title>{_esc(title)}</title></head><body>"
                    + "".join(f"<div class=\"l\">{_esc(x)}</div>" for x in lines) + "</body></html>\n")
            self.add(Page(self.pid(f"jk{i % 3}", "html"), "junk", title, "", body, "html", cs, [10],
                          "family K junk", notes))
        else:
            self.add(Page(self.pid(f"jk{i % 3}", "txt"), "junk", title, "", "\n".join(lines) + "\n", "txt", "utf-8",
                          [10], "family K junk", notes))

    def spam_only(self, i: int) -> None:
        g = self.gamble()
        promo = _pick(self.rng, self.promo, 3)
        kline = "∣".join(self.keywords(5))
        host = self.host()
        lines = [f"{g}【唯一指定官网】", kline] + promo + [self.keyword_tail()[0], f"备用网址：https://{host}/"]
        self.add(Page(self.pid(f"ok{i % 2}", "txt"), "spam_only", lines[0], "", "\n".join(lines) + "\n", "txt", "utf-8",
                      [10, 8, 2], "family K spam-only page", "a page that is nothing but spam", [],
                      [lines[0], kline] + promo + [lines[-1]]))

    # the whole part -----------------------------------------------------------------------------------
    def run(self) -> list[Page]:
        c = self.counts
        arts = iter(self.articles)
        take = lambda n: [d for d in (next(arts, None) for _ in range(n)) if d]
        en = iter(self.en)
        take_en = lambda n: [d for d in (next(en, None) for _ in range(n)) if d]
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
        for i, d in enumerate([d for d in self.zh_html if d.html][:c["real_html"]]):
            self.real_html(d, i)
        with_html = [d for d in self.en if d.html]
        real_en = with_html[:c["en_html"]]
        rest_en = [d for d in self.en if d not in real_en]
        en = iter(rest_en)
        for i, d in enumerate(real_en):
            self.real_html(d, i)
        for i, d in enumerate(take_en(c["en_txt"])):
            self.en_txt(d, i)
        for i, d in enumerate(take_en(c["guard_en"])):
            if i % 3 == 1 and d.html:
                keep = _choose_keep(self.rng, d, set())
                self.add(Page(self.pid("ek9", "html"), "article", d.title, _article(None, d.paras),
                              _recharset(d.html, "utf-8", i), "html", "utf-8", [12], d.source,
                              "clean real crawled English page", keep, [], None, "en"))
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
    info = {"part": "test10", "family": "K", "seed": seed, **gold.summary(rows, charsets=True),
            "langs": {lang: sum(r["lang"] == lang for r in rows) for lang in ("zh", "en")},
            "sources": ["nlpinaction/learning-nlp", "flairNLP/fundus", "xiangyuecn/AreaCity-JsSpider-StatsGov",
                        "shijie-chen-0810/wdApp", "iuvei/vue-mobile"]}
    return gold.write_build_info(out, info)


def main(argv=None) -> int:
    return manifest.run_builder(argv, __doc__.split("\n\n")[0], build,
                                ("pages", "kinds", "html", "non_utf8_html", "families", "clusters", "must_keep",
                                 "must_drop"))


if __name__ == "__main__":
    import sys

    sys.exit(main())
