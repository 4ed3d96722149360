"""Build the twelfth test part (``test12``, template family M) from its own material.

Articles: Chinese posts of a programmer's personal blog (GitHub issues backed up as Markdown: diary entries,
monthly reviews, reading and running notes) and community-written recipe and kitchen-tip pages of a cooking
guide (title, introduction, ingredients and steps), and English essays as crawled from their author's site
(``<title>`` and the ``<br><br>``-separated paragraphs of the saved pages).  Spam material no other part uses:
phone brand and model names (stems of repair-shop and dealer names), province, city and county names with
their codes (a region seeder of a web application), real lottery-platform text and names (activity rules,
reseller recruitment, help pages), sentences and titles of the posts and recipes not used as articles.  The
separators, labels, layouts, name recipes and placements below are this part's own (family M)::

    python -m tools.evalset.build_spam_eval_m --source SRC --out OUT --seed 9 [--freeze|--check]

Deterministic: the same source folder and seed give byte-identical output.
"""
from __future__ import annotations

import html
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from tools.evalset import gold, manifest
from tools.evalset.charsets import encoding_of, fitting_charset, page_bytes
from tools.evalset.material import han_bigrams, nfkc, split_sentences, stable_hash

CJK = re.compile(r"[\u4e00-\u9fff]")

# How many pages of each kind (the full part); tests pass smaller counts.
COUNTS = {"wrap": 48, "inject": 40, "pasted": 30, "stuffing": 24, "gambling": 26, "template_one": 14,
          "template_spread": 12, "en_html": 8, "en_txt": 14, "clusters": 10, "junk": 36, "spam_only": 8,
          "guard_cn": 38, "guard_places": 6, "guard_en": 12, "guard_table": 8, "guard_short": 8}

# Family M vocabulary: separators, labels, heads of commercial names and ad phrases are this builder's own.
SEPS = ("◎", "∣", "▸", "✦", "¤", " ⇒ ")
PHONE_HEADS = ("手机维修中心", "官方售后服务网点", "换屏维修点", "二手回收网", "授权体验店", "手机专卖店")
MODEL_HEADS = ("换电池", "屏幕总成批发", "维修报价", "刷机解锁")
LOCAL_HEADS = ("男科医院", "体育", "国际app", "娱乐", "网", "搬家公司", "开锁换锁", "疏通下水道", "无痛胃镜医院",
               "驾校报名", "小额贷款", "装修网", "月嫂中心", "空调加氟")
AD_PHRASES = ("征信不好也能贷", "日赚三百不是梦", "加V看更多福利", "正品低价厂家直销", "首充即送88元",
              "当天放款不看征信", "全国包邮货到付款", "一件代发招代理", "免费领取试用装", "扫码进群领红包")
SITE_MIDDLES = ("生活", "美食", "分类信息", "同城", "百事通", "妈妈", "健康", "手机")
SITE_TAILS = ("网", "之家", "港", "在线", "频道", "社区")
GAMBLE_TAILS = ("娱乐城", "国际app", "体育官网", "棋牌下载", "真人视讯", "网投平台", "彩票注册")
LOTTERY_TAILS = ("开奖直播", "免费计划", "人工计划群", "杀号技巧", "包赢玩法")
SITE_SUFFIXES = ("", "官网", "注册送彩金", "平台登录", "手机版")
PLACE_LABELS = ("本站服务城市：", "覆盖区县◎", "全国分站▸", "就近门店查询∣", "上门服务区域：")
TAIL_STYLES = (("本文关键词：", "，"), ("热搜词▸", " "), ("相关搜索✦", "✦"), ("大家都在搜：", "∣"), ("标签¤", "¤"))
REC_HEADERS = ("▌猜你喜欢", "▌精彩推荐", "▌编辑精选", "▌同类文章", "延伸阅读：")
EN_BRANDS = ("LuckyDragon Casino", "SpinPalace88", "FastPayday Loans", "RxDiscount Pharmacy", "BetKing Sports",
             "ViralFollowers")
EN_CASINOS = ("LuckyDragon Casino", "SpinPalace88", "BetKing Sports")
EN_TAGS = ("no deposit bonus", "payday loans same day", "buy viagra online", "football betting odds",
           "free spins codes", "buy tiktok followers", "cheap replica watches")
HOST_STEMS = ("shenghuo", "meishi", "tongcheng", "baishitong", "mama", "jiankang", "shouji", "xinxi")
PROVINCE_SHORT = ("京", "沪", "粤", "苏", "浙", "鲁", "豫", "湘", "鄂", "闽")
CHARSETS = ("gbk", "utf-8", "gb18030", "big5", "utf-8 undeclared", "gbk undeclared", "gb2312", "gb18030 undeclared",
            "utf-8", "gbk")
TOPICS = {"aquatic": "水产", "breakfast": "早餐", "condiment": "酱料", "dessert": "甜品", "drink": "饮品",
          "meat_dish": "荤菜", "semi-finished": "半成品", "soup": "汤羹", "staple": "主食",
          "vegetable_dish": "素菜", "tips": "厨房技巧"}


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

_END = "。！？”」）"
_LIST = re.compile(r"^(?:[-*+]\s+|\d{1,2}[.、)]\s*)")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_NOISE = re.compile(r"https?:|www\.|<|>|\||★|大卡|```|^\s*>|^#|@|\[|\]|\{|\}|=")


def _md_clean(x: str) -> str:
    x = _MD_LINK.sub(r"\1", x.strip())
    x = re.sub(r"\*\*|__|`|~~", "", x)
    x = _LIST.sub("", html.unescape(x))
    return re.sub(r"[\s\u3000\xa0]+", " ", x).strip()


def _md_lines(text: str) -> list[str]:
    """The text lines of a Markdown body outside code blocks, headings and quotes, list markers removed."""
    out, code = [], False
    for raw in text.replace("\r\n", "\n").split("\n"):
        s = raw.strip()
        if s.startswith("```"):
            code = not code
            continue
        if code or not s or s.startswith(("#", ">", "!", "|", "---", "<")):
            continue
        out.append(_md_clean(s))
    return out


def _blog_prose(x: str) -> bool:
    han = len(CJK.findall(x))
    return (len(x) >= 16 and han >= 12 and han >= 0.6 * len(x.replace(" ", ""))
            and (x[-1] in _END or len(x) >= 30) and not _NOISE.search(x))


def _recipe_prose(x: str) -> bool:
    han = len(CJK.findall(x))
    return (len(x) >= 12 and han >= 8 and han >= 0.45 * len(x.replace(" ", "")) and not _NOISE.search(x)
            and not re.search(r"Issue|Pull request|本指南", x, flags=re.I))  # the guide's footer on every page


def _head(lines: list[str], most: int, budget: int) -> list[str]:
    head, total = [], 0
    for p in lines:
        if len(head) >= most or total + len(p) > budget:
            break
        head.append(p)
        total += len(p)
    return head


def load_gitblog(src: Path) -> tuple[list[Doc], list[tuple[str, list[str]]]]:
    """(articles: the title and first prose lines of each blog post, donor lines per post: its later prose)."""
    root = src / "gitblog" / "BACKUP"
    by_issue: dict[str, tuple[int, str, Path]] = {}
    for f in sorted(root.glob("*.md")):
        text = f.read_text(encoding="utf-8", errors="replace")
        num = f.name.split("_", 1)[0]
        cand = (len(text), f.name, f)
        if num not in by_issue or cand[:2] > by_issue[num][:2]:
            by_issue[num] = cand
    docs, tails = [], []
    for num in sorted(by_issue, key=lambda n: (len(n), n)):
        f = by_issue[num][2]
        text = f.read_text(encoding="utf-8", errors="replace")
        first, _, body = text.partition("\n")
        m = re.match(r"#\s*\[(.+?)\]\(", first)
        if not m:
            continue
        title = re.sub(r"\s+", " ", m.group(1)).strip()
        post, _, follow = re.sub(r"\r\n", "\n", body).partition("\n---\n")  # later sections: follow-ups, comments
        prose = list(dict.fromkeys(x for x in _md_lines(post) if _blog_prose(x)))
        rest = [x for x in _md_lines(follow) if _blog_prose(x) and x not in prose]
        head = _head(prose, 10, 2000)
        tails.append((f"gb{num}", prose[len(head):] + rest))
        if (len(head) < 3 or sum(map(len, head)) < 200 or not (3 <= len(title) <= 40) or "\ufffd" in text
                or len(CJK.findall(title)) < 2):
            tails[-1] = (f"gb{num}", prose + rest)
            continue
        docs.append(Doc(f"gb{num}", title, head, f"yihong0618/gitblog:BACKUP/{f.name}", "zh", "随笔"))
    return docs, tails


def load_howtocook(src: Path) -> tuple[list[Doc], list[str]]:
    """(articles: recipe and tip pages, their title and first text lines; every page's dish or tip title)."""
    root = src / "howtocook"
    files = sorted(p for sub in ("dishes", "tips") for p in (root / sub).rglob("*.md")
                   if "template" not in p.parts)
    docs, titles = [], []
    for f in files:
        text = f.read_text(encoding="utf-8", errors="replace")
        first, _, body = text.lstrip("\ufeff").partition("\n")
        m = re.match(r"#\s+(.+)$", first.strip())
        if not m:
            continue
        title = _md_clean(m.group(1))
        if 3 <= len(title) <= 24 and len(CJK.findall(title)) >= 2:
            titles.append(title)
        lines = list(dict.fromkeys(x for x in _md_lines(body) if _recipe_prose(x)))
        head = _head(lines, 12, 1800)
        if len(head) < 4 or sum(map(len, head)) < 200 or not (3 <= len(title) <= 30) or "\ufffd" in text:
            continue
        rel = f.relative_to(root).as_posix()
        part = f.relative_to(root).parts
        topic = TOPICS.get(part[1] if part[0] == "dishes" and len(part) > 2 else "tips", "家常菜")
        docs.append(Doc(f"htc:{rel}", title, head, f"Anduin2017/HowToCook:{rel}", "zh", topic))
    return docs, sorted(set(titles))


_MONTH = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)"
                    r" \d{4}\b")
_EN_WORDS = {"the", "and", "of", "to", "in", "a", "is", "that", "for", "it", "you", "if", "they", "be", "are"}


def load_essays(src: Path) -> list[Doc]:
    """English essays: <title> and the paragraphs after the date line of each crawled page (notes left out)."""
    out = []
    for f in sorted((src / "pgessays" / "prep").glob("*/*.html")):
        t = f.read_text(encoding="utf-8", errors="replace")
        tm = re.search(r"<title>(.*?)</title>", t, flags=re.S | re.I)
        if not tm:
            continue
        title = re.sub(r"\s+", " ", html.unescape(tm.group(1))).strip()
        t = re.sub(r"<!--.*?-->", " ", t, flags=re.S)
        parts = [re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", p))).strip()
                 for p in re.split(r"<br\s*/?>\s*<br\s*/?>", t, flags=re.I)]
        start = next((i for i, p in enumerate(parts) if len(p) <= 200 and _MONTH.search(p)), None)
        if start is None:
            continue
        paras = []
        for p in parts[start + 1:]:
            if re.match(r"^(Notes|Thanks|Related:|\[\d+\])", p):
                break
            if len(p) >= 40 and p[-1] in ".!?\"”)'’" and not re.search(r"https?:|[<>{}]", p):
                paras.append(re.sub(r"^" + re.escape(title) + r"\s+", "", p))
        paras = _head(paras, 10, 6000)
        text = " ".join(paras)
        words = re.findall(r"[a-z]+", text.lower())
        if not (4 <= len(paras) and 700 <= len(text)) or not (5 <= len(title) <= 80):
            continue
        if sum(c.isascii() or c in "“”‘’—–…" for c in text) < 0.98 * len(text):
            continue
        if sum(w in _EN_WORDS for w in words) < 0.12 * max(1, len(words)):
            continue
        rel = f.relative_to(src / "pgessays").as_posix()
        out.append(Doc(f"pg:{f.parent.name}", title, paras, f"stopachka/pg-essays:{rel}", "en"))
    return out


def load_regions(src: Path) -> tuple[dict[str, list[tuple[str, str]]], list[str], list[str]]:
    """({city: [(code, county-level name)]}, county-level names, province names) of the region seeder."""
    text = (src / "xigeregion" / "database" / "seeds" / "RegionSeeder.php").read_text(encoding="utf-8")
    rows = re.findall(r'"id":\s*"(\d+)",\s*"name":\s*"([^"]+)",\s*"parent_id":\s*"(\d+)",\s*"level":\s*"(\d)"', text)
    names = {i: n for i, n, _, _ in rows}
    parent = {i: p for i, _, p, _ in rows}
    provinces = [n for _, n, _, lv in rows if lv == "1"]
    cities: dict[str, list[tuple[str, str]]] = {}
    for i, n, p, lv in rows:
        if lv != "3" or n in ("市辖区", "县"):
            continue
        city = names.get(p, "")
        if city in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划") or not city:
            city = names.get(parent.get(p, ""), city)
        cities.setdefault(city, []).append((i, n))
    counties = sorted({n for rows_ in cities.values() for _, n in rows_})
    cities = {k: v for k, v in sorted(cities.items()) if len(v) >= 5}
    return cities, counties, provinces


def load_phones(src: Path) -> tuple[list[str], list[str]]:
    """(brand stems, model names) of the phone model definitions."""
    text = (src / "mobiledom" / "definition.go").read_text(encoding="utf-8")
    brands, models = set(), set()
    for b, name in re.findall(r'"brand":\s*"([^"]+)",\s*"series":\s*"[^"]*",\s*"product_name":\s*"([^"]+)"', text):
        stem = re.sub(r"（[^）]*）|\s*(手机|国行|电视|穿戴|智选|Mobile Phone Models|Phone Models)$", "", b).strip()
        if stem and len(stem) <= 8:
            brands.add(stem)
        m = name.split(" / ")[0].strip()
        if 3 <= len(m) <= 16 and not re.search(r"[()（）/]", m):
            models.add(m)
    return sorted(brands), sorted(models)


_SITE_NAMES = re.compile(r"(凤凰娱乐|博猫游戏|乐利时时彩|凤凰彩票|博猫)")
_LOTTERIES = re.compile(r"(重庆时时彩|天津时时彩|江西时时彩|新疆时时彩|黑龙江时时彩|上海时时乐|分分彩|山东11选5|"
                        r"江西11选5|广东11选5|福彩3D|排列三|双色球|视频时时彩)")


def load_lottery(src: Path) -> tuple[list[str], list[str], list[str]]:
    """(platform names, lottery names, rule and promotion sentences) of the lottery platform's pages."""
    root = src / "leadsurf"
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".html", ".htm", ".php"))
    sites, lots, sents = set(), set(), set()
    for f in files:
        data = f.read_bytes()
        try:
            t = data.decode("utf-8")
        except UnicodeDecodeError:
            t = data.decode("gb18030", errors="replace")
        t = re.sub(r"<script.*?</script>|<style.*?</style>|<\?php.*?\?>|<!--.*?-->", " ", t, flags=re.S | re.I)
        sites.update(_SITE_NAMES.findall(t))
        lots.update(_LOTTERIES.findall(t))
        for seg in re.split(r"<[^>]+>|\n", t):
            s = re.sub(r"^\s*[\d・.、()（）]+\s*", "", html.unescape(seg)).strip()
            if (len(CJK.findall(s)) >= 14 and len(s) <= 150 and s[-1:] in "。！；" and "\ufffd" not in s
                    and CJK.match(s[0]) and not re.search(r"[=$'{}\[\]<>]", s)):
                sents.add(s)
    return sorted(sites), sorted(lots), sorted(sents)


# ---------------------------------------------------------------------------------------------- utilities

def _pick(rng: random.Random, items, k: int) -> list:
    items = list(items)
    return rng.sample(items, min(k, len(items)))


def _sents(doc: Doc) -> list[tuple[int, str]]:
    out = []
    for i, p in enumerate(doc.paras):
        parts = split_sentences(p) if doc.lang == "zh" else re.split(r"(?<=[.!?])\s+(?=[A-Z“\"‘])", p)
        out += [(i, s.strip()) for s in parts if s.strip()]
    return out


def _balanced(s: str) -> bool:
    pairs = ("“”", "「」", "（）", "()", "《》", "‘’", "『』", "【】")
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


def _inject(rng: random.Random, para: str, name: str, glued: bool,
            avoid: tuple[tuple[int, int], ...] = ()) -> tuple[str, str] | None:
    """``para`` with ``name`` put after a comma, followed by its own comma or glued to the next clause;
    (new para, must_drop with the two characters before it and what follows).  ``avoid``: (start, end)
    spans of earlier injections, kept clear by a few characters."""
    spots = [s for s in _comma_spots(para) if all(not (a - 6 <= s <= b + 6) for a, b in avoid)]
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
        return f'<meta http-equiv="Content-Type" content="text/html; charset={charset}" />'
    return f'<meta charset="{charset}">'


def render(layout: int, charset: str, title_tag: str, h1: str, paras: list[str], *, site: str, topic: str,
           head_extra: str = "", top: list[str] = (), side: list[str] = (), bottom: list[str] = (),
           hidden: str = "", tags: str = "", date: str = "2020-06-18 09:12") -> str:
    """A full HTML page in one of family M's four layouts (forum thread page with the post's paragraphs
    joined by ``<br />``, CMS news page with a related-articles list, blog page with a tag cloud widget,
    mobile page whose paragraphs are ``<div>`` elements).

    ``paras`` are the article's paragraphs (injected spam paragraphs included); ``top``/``side``/``bottom``
    are lines of spam blocks outside the article; ``hidden`` goes into a hidden block; ``tags`` is a tag
    line under the article."""
    decl = _charset_decl(charset, layout)
    e = _esc
    n = stable_hash(h1 + site) % 900000 + 100000
    kind = layout % 4
    if kind == 0:  # forum thread
        hid = f'<div class="a_pt" style="display: none;">{hidden}</div>\n' if hidden else ""
        body = "<br />\n".join(e(p) for p in paras)
        tops = "".join(f'<div class="a_h">{e(x)}</div>\n' for x in top)
        bots = "".join(f'<div class="a_pr">{e(x)}</div>\n' for x in bottom)
        sides = "".join(f'<li><a href="thread-{stable_hash(x) % 90000 + 10000}-1-1.html">{e(x)}</a></li>' for x in side)
        return ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
                '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
                f'<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n{decl}\n<title>{e(title_tag)}</title>\n'
                f'{head_extra}</head>\n<body id="nv_forum" class="pg_viewthread">\n<div id="hd"><div class="wp">'
                f'<h2><a href="./">{e(site)}</a></h2></div></div>\n{tops}'
                f'<div id="pt" class="bm cl"><a href="./">{e(site)}</a> <em>&rsaquo;</em> {e(topic)} '
                f'<em>&rsaquo;</em> 查看内容</div>\n<div id="postlist" class="pl bm">\n<table class="plhin" '
                f'cellspacing="0"><tr><td class="pls">楼主</td><td class="plc">\n<h1 class="ts">{e(h1)}</h1>\n'
                f'<div class="pti">发表于 {date}</div>\n<table cellspacing="0"><tr><td class="t_f" '
                f'id="postmessage_{n}">\n{body}\n</td></tr></table>\n</td></tr></table>\n</div>\n{bots}'
                + (f'<div class="bm"><ul class="xl">{sides}</ul></div>\n' if sides else "")
                + f'{hid}<div id="ft">Powered by Discuz! &copy; {e(site)}</div>\n</body>\n</html>\n')
    if kind == 1:  # CMS news page
        hid = f'<div class="hide" style="display:none">{hidden}</div>\n' if hidden else ""
        body = "\n".join(f"<p>{e(p)}</p>" for p in paras)
        tops = "".join(f'<div class="topad">{e(x)}</div>\n' for x in top)
        bots = "".join(f"<li>{e(x)}</li>\n" for x in bottom)
        sides = "".join(f'<li><a href="/html/{stable_hash(x) % 9000 + 1000}.html">{e(x)}</a></li>' for x in side)
        return (f'<html>\n<head>\n{decl}\n<title>{e(title_tag)}</title>\n{head_extra}</head>\n<body>\n'
                f'<div class="top">{e(site)}</div>\n{tops}<div class="main">\n<div class="position">当前位置：'
                f'<a href="/">首页</a>&gt;<a href="/list/">{e(topic)}</a>&gt;</div>\n<div class="title"><h1>{e(h1)}'
                f'</h1><div class="info">来源：{e(site)}　发布时间：{date}</div></div>\n<div class="content" '
                f'id="content">\n{body}\n</div>\n'
                + (f'<div class="xiangguan"><h3>相关文章</h3><ul>\n{bots}</ul></div>\n' if bots else "")
                + "</div>\n" + (f'<div class="side"><ul class="hot">{sides}</ul></div>\n' if sides else "")
                + f'{hid}<div class="foot">{e(site)} 版权所有</div>\n</body>\n</html>\n')
    if kind == 2:  # blog page
        hid = f'<div class="screen-reader-text" style="display:none">{hidden}</div>\n' if hidden else ""
        body = "\n".join(f"<p>{e(p)}</p>" for p in paras)
        tops = "".join(f'<div class="notice-bar">{e(x)}</div>\n' for x in top)
        bots = "".join(f'<section class="widget"><p>{e(x)}</p></section>\n' for x in bottom)
        cloud = "".join(f'<a href="/tag/{stable_hash(x) % 800}/" class="tag-cloud-link">{e(x)}</a> ' for x in side)
        tag_f = f'<footer class="entry-footer"><span class="tags-links">{e(tags)}</span></footer>\n' if tags else ""
        return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n{decl}\n<title>{e(title_tag)}</title>\n{head_extra}'
                f'</head>\n<body class="post-template-default single">\n<header id="masthead"><p class="site-title">'
                f'{e(site)}</p><p class="site-description">{e(topic)}</p></header>\n{tops}<main id="main">\n'
                f'<article class="post type-post">\n<h1 class="entry-title">{e(h1)}</h1>\n<div class="entry-meta">'
                f'{date}</div>\n<div class="entry-content">\n{body}\n</div>\n{tag_f}</article>\n</main>\n'
                f'<aside id="secondary">\n{bots}'
                + (f'<div class="tagcloud">{cloud}</div>\n' if cloud else "")
                + f"</aside>\n{hid}</body>\n</html>\n")
    hid = f'<div hidden class="seo-words">{hidden}</div>\n' if hidden else ""  # mobile page
    body = "\n".join(f'<div class="p">{e(p)}</div>' for p in paras)
    tops = "".join(f'<div class="m-ad">{e(x)}</div>\n' for x in top)
    bots = "".join(f'<div class="rec-line">{e(x)}</div>\n' for x in bottom)
    links = "".join(f'<a href="/m/{stable_hash(x) % 5000}.html">{e(x)}</a>\n' for x in side)
    tag_d = f'<div class="art-tags">{e(tags)}</div>\n' if tags else ""
    return (f'<!DOCTYPE html>\n<html>\n<head>\n{decl}\n<meta name="viewport" content="width=device-width, '
            f'initial-scale=1.0, user-scalable=no">\n<title>{e(title_tag)}</title>\n{head_extra}</head>\n<body>\n'
            f'<div class="m-top">{e(site)}</div>\n{tops}<section class="art">\n<h1>{e(h1)}</h1>\n'
            f'<div class="art-meta">{e(topic)} {date}</div>\n<div class="art-body">\n{body}\n</div>\n{tag_d}'
            f'</section>\n' + (f'<div class="m-rec">\n{bots}</div>\n' if bots else "")
            + (f'<div class="m-links">\n{links}</div>\n' if links else "") + f"{hid}</body>\n</html>\n")


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


# The layouts' own words as a traditional-script mirror writes them.
_TW_LAYOUT = (("当前位置", "當前位置"), ("首页", "首頁"), ("来源", "來源"), ("发布时间", "發佈時間"), ("版权所有", "版權所有"),
              ("相关文章", "相關文章"), ("查看内容", "查看內容"), ("发表于", "發表於"), ("楼主", "樓主"))


def _to_traditional():
    try:
        import opencc

        return opencc.OpenCC("s2tw").convert
    except Exception:  # pragma: no cover - the dependency is declared; without it Big5 pages stay GB18030
        return None


# ---------------------------------------------------------------------------------------------- builder

class Builder:
    def __init__(self, src: Path, seed: int, counts: dict):
        self.rng = random.Random(seed)
        self.counts = counts
        blog, tails = load_gitblog(src)
        recipes, self.dishes = load_howtocook(src)
        arts = blog + recipes
        arts.sort(key=lambda d: stable_hash(f"{seed}:m:{d.key}"))
        self.en = load_essays(src)
        self.en.sort(key=lambda d: stable_hash(f"{seed}:m:{d.key}"))
        self.cities, self.counties, self.provinces = load_regions(src)
        self.brands, self.models = load_phones(src)
        self.sites, self.lots, self.promo = load_lottery(src)
        self.tw = _to_traditional()
        names = {n for n in self.counties if len(n) >= 3} | set(self.cities) | set(self.provinces)
        names |= {re.sub(r"(市|地区|自治州|盟|省|自治区|特别行政区)$", "", n) for n in list(self.cities) + self.provinces}
        self.place_re = re.compile("|".join(sorted({re.escape(n) for n in names if len(n) >= 2}, key=len,
                                                   reverse=True)) or "^$")
        place_docs = [d for d in arts if self._place_sentences(d)]
        self.place_guards = place_docs[:counts["guard_places"]]
        used = {d.key for d in self.place_guards}
        rest = [d for d in arts if d.key not in used]
        need = sum(counts[k] for k in ("wrap", "inject", "pasted", "stuffing", "gambling", "template_one",
                                       "template_spread", "guard_cn", "guard_short")) + counts["clusters"]
        self.articles = rest[:need]
        spare = rest[need:]
        self.headlines = sorted({d.title for d in spare} | set(self.dishes))
        donors = list(tails) + [(d.key, d.paras) for d in spare]
        self.donor_sents: list[tuple[str, set[str], list[str]]] = []  # (doc key, its bigrams, sentences)
        for k, ps in donors:
            ss = [s for p in ps for s in split_sentences(p) if 14 <= len(s) <= 70 and _balanced(s)
                  and s[-1] in "。！？" and not re.search("[“”「」]", s)]
            if ss:
                self.donor_sents.append((k, han_bigrams("".join(ps)), ss))
        self.pages: list[Page] = []
        self.n = 0

    def _place_sentences(self, doc: Doc) -> list[str]:
        return [s for _, s in _sents(doc) if 12 <= len(s) <= 140 and _balanced(s)
                and len(set(self.place_re.findall(s))) >= 2]

    # names ----------------------------------------------------------------------------------------
    def stem(self) -> str:
        county = self.rng.choice(self.counties)
        stem = re.sub(r"(自治县|自治旗|新区|林区|特区|区|县|市|旗)$", "", county)
        return stem if len(stem) >= 2 else county

    def shop(self) -> str:
        r = self.rng.random()
        if r < 0.45:
            return self.rng.choice(self.brands) + self.rng.choice(PHONE_HEADS)
        if r < 0.65:
            return self.stem() + self.rng.choice(self.brands) + "售后"
        return self.rng.choice(self.models).replace(" ", "") + self.rng.choice(MODEL_HEADS)

    def local(self) -> str:
        return self.stem() + self.rng.choice(LOCAL_HEADS)

    def gamble(self) -> str:
        r = self.rng.random()
        if r < 0.3 and self.sites:
            return self.rng.choice(self.sites) + self.rng.choice(SITE_SUFFIXES)
        if r < 0.65 and self.lots:
            return self.rng.choice(self.lots) + self.rng.choice(LOTTERY_TAILS)
        return self.stem() + self.rng.choice(GAMBLE_TAILS)

    def keywords(self, k: int) -> list[str]:
        makers = (self.shop, self.local, self.gamble)
        return list(dict.fromkeys(makers[(i + self.rng.randrange(3)) % 3]() for i in range(k)))

    def site(self) -> str:
        city = self.rng.choice(list(self.cities))
        stem = re.sub(r"(市|地区|自治州|盟|省|自治区|特别行政区)$", "", city)
        stem = stem if len(stem) <= 3 else stem[:2]
        return stem + self.rng.choice(SITE_MIDDLES) + self.rng.choice(SITE_TAILS)

    def code(self) -> str:
        return self.rng.choice(self.rng.choice(list(self.cities.values())))[0]

    def host(self) -> str:
        return (f"www.{self.rng.choice(HOST_STEMS)}{self.code()[:4]}."
                + self.rng.choice(("com", "cn", "com.cn", "net", "cc", "top", "wang")))

    def charset(self, texts: list[str]) -> str:
        return fitting_charset(CHARSETS[self.n % len(CHARSETS)], texts)

    def pid(self, group: str, ext: str) -> str:
        self.n += 1
        return f"{group}/m{self.n:04d}.{ext}"

    # spam pieces ----------------------------------------------------------------------------------
    def place_line(self) -> tuple[str, list[str]]:
        head = self.rng.choice(list(self.cities))
        names = [n for _, n in self.cities[head]][:self.rng.randrange(6, 14)]
        sep = self.rng.choice(SEPS)
        label = self.rng.choice(PLACE_LABELS)
        if self.rng.random() < 0.5:
            line = label + head + "：" + sep.join(names)
        else:
            line = label + sep.join(f"{head[:2]}{n}" for n in names)
            names = [f"{head[:2]}{n}" for n in names]
        return line, [sep.join(names[i:i + 3]) for i in range(0, len(names) - 2, 3)]

    def keyword_tail(self) -> tuple[str, list[str]]:
        kws = self.keywords(self.rng.randrange(3, 7))
        label, sep = self.rng.choice(TAIL_STYLES)
        return label + sep.join(kws), [label + kws[0]] + kws[1:]

    def sitemap(self) -> tuple[list[str], list[str]]:
        host = self.host()
        code = self.code()
        day = f"20{self.rng.randrange(18, 24)}{self.rng.randrange(1, 13):02d}{self.rng.randrange(1, 29):02d}"
        shapes = (f"网站地图 ∣ https://{host}/sitemap.html ∣ https://{host}/sitemap_{code}.txt",
                  f"http://{code}.{host[4:]}/a/{day}/{self.rng.randrange(10000, 99999)}.shtml",
                  f"手机版 ▸ https://m.{host[4:]}/list-{self.rng.randrange(2, 80)}.html ▸ RSS订阅 https://{host}/rss.xml",
                  f"https://{host}/tags/{code[-4:]}/index_{self.rng.randrange(2, 40)}.html")
        lines = self.rng.sample(shapes, 2)
        return lines, list(lines)

    def rec_block(self, k: int = 4) -> tuple[list[str], list[str]]:
        heads = _pick(self.rng, self.headlines, k)
        header = self.rng.choice(REC_HEADERS)
        style = self.rng.randrange(3)
        if style == 0:
            body = [f"◎ {h}（{self.rng.randrange(100, 9999)}人看过）" for h in heads]
        elif style == 1:
            body = [f"{j + 1}. {h} {self.rng.randrange(2016, 2024)}-{self.rng.randrange(1, 13):02d}"
                    for j, h in enumerate(heads)]
        else:
            body = [" ∣ ".join(heads)]
        return [header] + body, [header] + heads

    def header(self, site: str) -> tuple[list[str], list[str]]:
        host = self.host()
        shapes = ((f"{site} ◎ 首页 ∣ 资讯 ∣ 商家黄页 ∣ 免费发布信息", f"{site} ◎ 首页"),
                  (f"欢迎访问{site}（{host}），请按Ctrl+D收藏本站", f"欢迎访问{site}"),
                  (f"当前位置：{site} ▸ 生活百科 ▸ 正文", f"当前位置：{site} ▸"))
        a, b = self.rng.sample(shapes, 2)
        return [a[0], b[0]], [a[1], b[1]]

    def donor_sentence(self, doc: Doc, near: bool) -> str:
        grams = han_bigrams("".join(doc.paras))
        pool = sorted((d for d in self.donor_sents if d[0] != doc.key), key=lambda d: (-len(grams & d[1]), d[0]))
        pool = pool[:10] if near else pool[-50:]
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
        topic = doc.topic or ("Essays" if doc.lang == "en" else "资讯")
        cs = kw.pop("charset", None) or CHARSETS[self.n % len(CHARSETS)]
        h1, paras = doc.title, list(paras)
        gold_paras = list(gold_paras if gold_paras is not None else doc.paras)
        drop, keep = list(drop), list(keep)
        if encoding_of(cs) == "big5":
            if doc.lang == "zh" and self.tw:  # a traditional-script mirror of the page
                c = self.tw
                t, h1, site, topic = c(t), c(h1), c(site), c(topic)
                paras, gold_paras = [c(p) for p in paras], [c(p) for p in gold_paras]
                drop, keep = [c(x) for x in drop], [c(x) for x in keep]
                kw = {k: ([c(x) for x in v] if isinstance(v, list) else c(v)) for k, v in kw.items()}
                notes += " (traditional-script mirror)"
            else:
                cs = "utf-8" if "undeclared" not in cs else "utf-8 undeclared"
        texts = [t, site, topic] + paras + [x for v in kw.values() for x in (v if isinstance(v, list) else [v])]
        cs = fitting_charset(cs, texts)
        body = render(self.n, cs, t, h1, paras, site=site, topic=topic, **kw)
        if "traditional-script" in notes:
            for a, b in _TW_LAYOUT:
                body = body.replace(a, b)
        art = _article(None, gold_paras)
        return self.add(Page(self.pid(group, "html"), "article", h1, art, body, "html", cs, families,
                             doc.source, notes, keep, drop, cluster, doc.lang))

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
        note = "family M site wrapper: " + ", ".join(sorted(parts))
        if i % 3 == 1:
            shapes = (f"{doc.title} - {site}官网", f"{doc.title}|{site}|{site}", f"{site}▸{doc.title}")
            title = shapes[i % 3 if i % 2 else (i // 3) % 3]
            self.html_page(f"wm{i % 5}", doc, doc.paras, fams + [4], note + " (HTML, site name in the title)", drop,
                           keep, title=title, site=site, top=top, bottom=bottom)
        else:
            title_line = None
            if 4 in fams and i % 2 == 0:
                title_line = f"{doc.title}_{site}" if i % 4 == 0 else f"【{site}】{doc.title}"
                drop.append(f"_{site}" if i % 4 == 0 else f"【{site}】")
            self.text_page(f"wm{i % 5}", doc, doc.paras, fams, note, top=top, bottom=bottom, title_line=title_line,
                           drop=drop, keep=keep, sep="\n\n" if i % 4 == 3 else "\n", indent=i % 5 == 2)

    def inject(self, doc: Doc, i: int) -> None:
        paras = list(doc.paras)
        drop, changed, fams = [], set(), [3]
        kinds = ("shop", "local", "gamble", "county", "ad", "local_glued", "shop")
        n_names = 1 + (i % 3 == 0) + (i % 7 == 3)
        two_in_one = i % 5 == 4  # two names in one paragraph, at different commas
        for j in range(n_names):
            free = [k for k in range(len(paras)) if (two_in_one or k not in changed) and _comma_spots(paras[k])]
            if not free:
                break
            k = sorted(changed)[0] if two_in_one and changed else self.rng.choice(free)
            r = kinds[(i + j) % len(kinds)]
            name = {"shop": self.shop, "local": self.local, "local_glued": self.local, "gamble": self.gamble,
                    "county": lambda: self.rng.choice(self.counties), "ad": lambda: self.rng.choice(AD_PHRASES)}[r]()
            spans = tuple((at, at + len(d)) for d in drop for at in [paras[k].find(d)] if at >= 0)
            res = _inject(self.rng, paras[k], name, glued=r == "local_glued", avoid=spans)
            if res:
                paras[k], d = res
                drop.append(d)
                changed.add(k)
                if r == "gamble":
                    fams.append(8)
                if r == "county":
                    fams.append(1)
        if not drop:
            return self.guard(doc, i)
        keep = _choose_keep(self.rng, doc, changed)
        glued = any(d.count("，") == 1 for d in drop)
        note = "names injected at a comma" + (" (one glued to the next clause)" if glued else "") + \
            (" (two in one paragraph)" if two_in_one and len(drop) > 1 else "") + ", no other spam on the page"
        if i % 2:
            self.html_page(f"xm{i % 4}", doc, paras, fams, note, drop, keep)
        else:
            self.text_page(f"xm{i % 4}", doc, paras, fams, note, drop=drop, keep=keep, indent=i % 4 == 2)

    def pasted(self, doc: Doc, i: int) -> None:
        paras = list(doc.paras)
        near = i % 2 == 1
        sent = self.donor_sentence(doc, near)
        k = self.rng.randrange(1, len(paras))
        mode = ("own", "inside", "end")[i % 3]
        if mode == "own":
            paras.insert(k, sent)
        elif mode == "end":
            paras[k] = paras[k] + sent
        else:
            ss = split_sentences(paras[k])
            at = self.rng.randrange(1, len(ss)) if len(ss) > 1 else 0
            paras[k] = "".join(ss[:at]) + sent + "".join(ss[at:])
        keep = _choose_keep(self.rng, doc, set() if mode == "own" else {k})
        note = (f"a sentence of another post pasted ({'close in bigrams' if near else 'far in bigrams'}, {mode})")
        if i % 2:
            self.html_page(f"pm{i % 4}", doc, paras, [5], note + (" as an extra paragraph element" if mode == "own"
                                                                  else ""), [sent], keep)
        else:
            self.text_page(f"pm{i % 4}", doc, paras, [5], note, drop=[sent], keep=keep)

    def stuffing(self, doc: Doc, i: int) -> None:
        kws = self.keywords(4)
        frags = []
        for _ in range(3):
            s = self.donor_sentence(doc, False)
            cut = self.rng.randrange(6, max(7, min(15, len(s) - 2)))
            frags.append(s[:cut])
        sep = ("∣", " ", "◎", "，", "✦")[i % 5]
        mix = [x for pair in zip(frags, kws) for x in pair] + kws[len(frags):]
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
            bottom = [line, sep.join(kws[:2] + frags[:1])]
            drop.append(sep.join(kws[:2]))
        if i % 3 == 2 or i % 4 == 1:
            self.html_page(f"sm{i % 3}", doc, paras, [6], note, drop, keep, top=top, bottom=bottom)
        else:
            self.text_page(f"sm{i % 3}", doc, paras, [6], note, top=top, bottom=bottom, drop=drop, keep=keep)

    def gambling(self, doc: Doc, i: int) -> None:
        g = self.gamble()
        paras = list(doc.paras)
        drop, fams, changed = [], [8], set()
        if i % 3 != 1:
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
        label = ("彩种大全◎ ", "热门游戏∣", "推荐平台▸ ")[i % 3]
        sep = (" ◎ ", "∣", " ▸ ")[i % 3]
        tagline = label + sep.join(names)
        drop += [label + names[0]] + names[1:]
        fams.append(2)
        if self.promo and i % 2 == 0:
            p = self.rng.choice(self.promo)
            paras.insert(1 + len(paras) // 2, p)
            drop.append(p)
        title = f"{g}▸{doc.title}" if i % 2 else f"{doc.title}（{g}）"
        drop.append(f"{g}▸" if i % 2 else f"（{g}）")
        keep = _choose_keep(self.rng, doc, changed)
        note = "a gambling name in the title and in a sentence, a lottery tag line, a real rule or promotion sentence"
        if i % 3 == 0:
            kw = ",".join([g] + self.keywords(3))
            self.html_page(f"gm{i % 3}", doc, paras, fams, note, drop + [kw], keep, title=title,
                           head_extra=f'<meta name="keywords" content="{html.escape(kw)}" />\n', side=[tagline])
        else:
            self.text_page(f"gm{i % 3}", doc, paras, fams, note, title_line=title, bottom=[tagline], drop=drop,
                           keep=keep, sep="\n\n" if i % 2 else "\n")

    def template(self) -> tuple[list[str], list[str], list[str]]:
        site = self.site()
        head, dh = self.header(site)
        places, dp = self.place_line()
        kw = self.keywords(5)
        kline = "今日热搜◎ " + " ◎ ".join(kw)
        rec, dr = self.rec_block(4)
        qq = self.rng.randrange(10 ** 8, 10 ** 9)
        contact = f"投稿及广告合作请联系QQ：{qq}（微信同号）"
        notice = "免责声明：本站部分内容转载自互联网，版权归原作者所有，若有侵权请来信告知，我们将于24小时内删除。"
        icp = (f"{self.rng.choice(PROVINCE_SHORT)}ICP备{self.rng.randrange(10 ** 7, 10 ** 8)}号 ∣ "
               f"公安备案号{self.rng.randrange(10 ** 13, 10 ** 14)}")
        rule = self.rng.choice(self.promo) if self.promo else ""
        top = head + [kline]
        bottom = rec + [places] + ([rule] if rule else []) + [contact, notice, icp]
        drop = dh + ["今日热搜◎ " + kw[0]] + kw[1:] + dp + dr + [contact, notice, icp] + ([rule] if rule else [])
        return top, bottom, drop

    def template_pages(self, docs: list[Doc], spread: bool) -> None:
        top, bottom, drop = self.template()
        for j, doc in enumerate(docs):
            keep = _choose_keep(self.rng, doc, set())
            group = f"tm{j % 12}" if spread else "tmone"
            note = "one long spam template around many articles" + (" (spread over folders)" if spread else " (one folder)")
            self.text_page(group, doc, doc.paras, [9, 4, 1, 2, 7], note, top=top, bottom=bottom, drop=drop, keep=keep)

    def cluster(self, doc: Doc, c: int) -> None:
        cid = f"test12-c{c + 1:02d}"
        zh = doc.lang == "zh"
        edit = len(doc.paras) >= 4
        keep = _choose_keep(self.rng, doc, {len(doc.paras) - 1} if edit else set())
        site = self.site()
        t, d = self.header(site)
        if zh:
            tail, d2 = self.keyword_tail()
        else:
            brand = self.rng.choice(EN_BRANDS)
            tail, d2 = "Popular searches ▸ " + " ▸ ".join([brand] + _pick(self.rng, EN_TAGS, 3)), \
                ["Popular searches ▸ " + brand]
        self.text_page(f"cm{c % 4}", doc, doc.paras, [11, 4, 2], "near-duplicate cluster member (site wrapper)",
                       top=t, bottom=[tail], drop=d + d2, keep=keep, cluster=cid)
        lines, d3 = self.sitemap()
        rec, d4 = self.rec_block(3)
        self.html_page(f"cm{(c + 1) % 4}", doc, doc.paras, [11, 7], "near-duplicate cluster member (HTML, sitemap "
                       "and recommendation block)", d3 + d4, keep, bottom=lines + rec, cluster=cid,
                       charset="utf-8" if not zh else CHARSETS[self.n % len(CHARSETS)].replace("big5", "gb18030"))
        paras = doc.paras[:-1] if edit else list(doc.paras)
        if zh:  # a repost with its last paragraph cut and a source credit
            credit = f"来源：{self.site()}　责任编辑：{self.rng.choice(('小编', '网友投稿', '佚名'))}"
            self.text_page(f"cm{(c + 2) % 4}", doc, paras, [11, 4], "near-duplicate cluster member (repost: last "
                           "paragraph cut, source credit)", bottom=[credit], drop=[credit], keep=keep, cluster=cid,
                           gold_paras=paras, sep="\n\n")
        else:
            credit = f"Originally published at https://{self.host()[4:]}/blog/{self.rng.randrange(100, 999)}"
            self.text_page(f"cm{(c + 2) % 4}", doc, paras, [11, 2], "near-duplicate cluster member (English repost: "
                           "last paragraph cut, origin line)", top=[credit], drop=[credit], keep=keep, cluster=cid,
                           gold_paras=paras, sep="\n\n")

    # English articles ----------------------------------------------------------------------------------
    def en_html(self, doc: Doc, i: int) -> None:
        brand = self.rng.choice(EN_CASINOS)
        paras = list(doc.paras)
        extra = f"New players at {brand} get 200 free spins and a 150% match on the first deposit, no code needed."
        paras.insert(1 + len(paras) // 2, extra)
        tags = _pick(self.rng, EN_TAGS, 4)
        hidden = " ".join(f'<a href="/out/{k.replace(" ", "_")}">{_esc(k)}</a>' for k in tags)
        keep = _choose_keep(self.rng, doc, set())
        drop = [f" :: {brand}", extra] + tags
        self.html_page(f"em{i % 2}", doc, paras, [8, 2, 7], "English essay page: a gambling brand in the title, a "
                       "hidden link block, an extra promotion paragraph", drop, keep, title=f"{doc.title} :: {brand}",
                       hidden=hidden, site=brand, charset="utf-8" if i % 4 else "utf-8 undeclared")

    def en_txt(self, doc: Doc, i: int) -> None:
        brand = self.rng.choice(EN_BRANDS)
        top = [f"{brand} » Blog » Essays"] if i % 2 else []
        drop = list(top)
        tags = "Popular searches ▸ " + " ▸ ".join([brand] + _pick(self.rng, EN_TAGS, 3))
        host = self.host()
        bottom = [tags, f"Sitemap ∣ https://{host}/post-sitemap{i + 2}.xml"]
        drop += ["Popular searches ▸ " + brand, bottom[1]]
        if i % 3 == 0:  # an English essay on a Chinese hijacking site
            top, d = self.header(self.site())
            tail, d2 = self.keyword_tail()
            bottom.append(tail)
            drop = d + drop[-2:] + d2
        keep = _choose_keep(self.rng, doc, set())
        self.text_page(f"em{2 + i % 3}", doc, doc.paras, [2, 7] + ([4] if top else []),
                       "English essay under a spam wrapper", top=top, bottom=bottom, drop=drop, keep=keep, sep="\n\n")

    # guards -----------------------------------------------------------------------------------------
    def guard(self, doc: Doc, i: int) -> None:
        sents = _keep_cands(doc, set())
        special = [s for s in sents if s.count("、") >= 2 or "“" in s or '"' in s or "，" in s and re.search(r"\d", s)]
        keep = _pick(self.rng, special, 3) or _choose_keep(self.rng, doc, set())
        note = "clean real article (enumerations, quoted speech, numbers)"
        if i % 2:
            self.html_page(f"rm{i % 4}", doc, doc.paras, [12], note, [], keep)
        else:
            self.text_page(f"rm{i % 4}", doc, doc.paras, [12], note, keep=keep, indent=i % 4 == 0,
                           sep="\n\n" if doc.lang == "en" else "\n")

    def place_guard(self, doc: Doc, i: int) -> None:
        keep = self._place_sentences(doc)[:3]
        note = "clean real article with a genuine sentence naming several places"
        if i % 2:
            self.html_page(f"rm{i % 4}", doc, doc.paras, [12], note, [], keep)
        else:
            self.text_page(f"rm{i % 4}", doc, doc.paras, [12], note, keep=keep)

    def short_guard(self, doc: Doc, i: int) -> None:
        paras = doc.paras[:2] if sum(map(len, doc.paras[:2])) >= 60 else doc.paras[:3]
        short = Doc(doc.key, doc.title, paras, doc.source, doc.lang, doc.topic)
        keep = _choose_keep(self.rng, short, set(), 2)
        note = "short real article (its first paragraphs)"
        if i % 2:
            self.html_page("rmshort", short, paras, [12], note, [], keep)
        else:
            self.text_page("rmshort", short, paras, [12], note, keep=keep)

    def table_guard(self, i: int) -> None:
        names = sorted(self.cities)
        city = names[stable_hash(f"m-table-{i}") % len(names)]
        rows = self.cities[city][:16]
        title = f"{city}县级行政区划代码表"
        intro = f"下表列出{city}所辖各县级行政区的名称及其六位行政区划代码，供查询参考。"
        src = "fisher-89/XIGE-workflow:database/seeds/RegionSeeder.php"
        if i % 2:
            cs = self.charset([title, intro] + [n for _, n in rows])
            trs = "".join(f"<tr><td>{_esc(n)}</td><td>{c}</td></tr>\n" for c, n in rows)
            body = (f"<html><head>{_charset_decl(cs, i)}<title>{_esc(title)}</title></head><body>\n"
                    f"<h3>{_esc(title)}</h3>\n<p>{_esc(intro)}</p>\n<table border=\"1\" class=\"code-table\"><tr>"
                    f"<th>名称</th><th>代码</th></tr>\n{trs}</table></body></html>\n")
            art = _article(None, [intro] + [f"{n} {c}" for c, n in rows])
            keep = [f"{n} {c}" for c, n in rows[2:5]]
            self.add(Page(self.pid("rmtab", "html"), "article", title, art, body, "html", cs, [12], src,
                          "a genuine table of county-level names and division codes", keep, []))
        else:
            lines = [intro] + [f"{n}（{c}）" for c, n in rows]
            doc = Doc(f"table{i}", title, lines, src, "zh")
            self.text_page("rmtab", doc, lines, [12], "a genuine list of county-level names and division codes",
                           keep=[f"{n}（{c}）" for c, n in rows[1:4]])

    # junk -----------------------------------------------------------------------------------------
    def junk(self, i: int) -> None:
        r = i % 8
        site = self.site()
        host = self.host()
        if r == 0:
            n = self.rng.randrange(10000, 9999999)
            lines = [f"您好，欢迎光临{site}！", f"本站已安全运行 {n % 3650 + 100} 天 ∣ 累计访问 {n} 次 ∣ 今日IP {n % 977}",
                     f"今天是{2019 + i % 4}年{1 + i % 12}月{1 + i % 28}日 星期{'一二三四五六日'[i % 7]}",
                     "设为首页 ◎ 收藏本站 ◎ 联系我们 ◎ 给我留言", "愿您天天好心情，有空常来逛逛！"]
            notes = "visitor counter and greetings"
        elif r == 1:
            heads = _pick(self.rng, self.headlines, 12)
            lines = [f"▌美文阅读 ▸ 第{2 + i % 9}页 ▸ {site}"] + [f"◎ {h}（阅读 {self.rng.randrange(30, 20000)}）"
                                                           for h in heads]
            lines.append("上一页 ∣ 1 ∣ 2 ∣ 3 ∣ 4 ∣ … ∣ 下一页 ∣ 尾页")
            notes = "a list of links to posts with view counts"
        elif r == 2:
            lines = [f"经典语录∷{site}"]
            for _, _, ss in _pick(self.rng, self.donor_sents, 10):
                lines.append(f"{len(lines)}. {self.rng.choice(ss)}")
            notes = "a quotation list of sentences of other posts"
        elif r == 3:
            lines = [f"{self.rng.choice(self.sites) if self.sites else site} ∣ 最新开奖公告"]
            for lot in _pick(self.rng, self.lots or ["重庆时时彩"], 6) * 2:
                nums = ",".join(str(self.rng.randrange(0, 10)) for _ in range(5))
                year = self.rng.choice(("2014", "2015"))
                issue = (f"{year}{self.rng.randrange(1, 13):02d}{self.rng.randrange(1, 29):02d}-"
                         f"{self.rng.randrange(1, 121):03d}")
                lines.append(f"{lot} ◎ {issue}期 ◎ 开奖号码：{nums} ◎ 走势图 ◎ 立即投注")
            lines += _pick(self.rng, self.promo, 2)
            notes = "a lottery result listing"
        elif r == 4:
            kws = self.keywords(12)
            lines = ["∣".join(kws[:4]), " ".join(kws[4:8]), "✦".join(kws[8:])]
            notes = "a keyword-only page"
        elif r == 5:
            lines = [" ◎ ".join(self.keywords(3))]
            for _, _, ss in _pick(self.rng, self.donor_sents, 9):
                lines.append(self.rng.choice(ss))
            notes = "a doorway page of sentences pasted from other posts"
        elif r == 6:
            others = [self.site() for _ in range(10)]
            lines = [f"友情链接 - {site}"] + [f"{o} {self.host()}" for o in others[:8]]
            lines.append("申请友链请联系站长，要求：百度收录正常，权重≥2")
            notes = "a friend-link page"
        else:
            heads = _pick(self.rng, self.headlines, 8)
            lines = ["抱歉，您访问的页面不存在或已被删除！", f"{5 - i % 5}秒后自动跳转到{site}首页",
                     "您还可以看看：", *[f"▸ {h} https://{host}/a/{self.rng.randrange(100, 99999)}.html" for h in heads],
                     "返回首页 ∣ 网站地图 ∣ sitemap.xml"]
            notes = "a 404 page with a link list"
        title = lines[0]
        if i % 3 == 1:
            cs = self.charset(lines)
            body = (f"<html><head>{_charset_decl(cs, i)}<title>{_esc(title)}</title></head><body>\n"
                    + "".join(f"<div class=\"item\">{_esc(x)}</div>\n" for x in lines) + "</body></html>\n")
            self.add(Page(self.pid(f"jm{i % 3}", "html"), "junk", title, "", body, "html", cs, [10],
                          "family M junk", notes))
        else:
            self.add(Page(self.pid(f"jm{i % 3}", "txt"), "junk", title, "", "\n".join(lines) + "\n", "txt", "utf-8",
                          [10], "family M junk", notes))

    def spam_only(self, i: int) -> None:
        host = self.host()
        if i % 4 == 3:  # an English casino landing page
            brand = self.rng.choice(EN_CASINOS)
            lines = [f"{brand} ▸ Official Site", " ▸ ".join(_pick(self.rng, EN_TAGS, 4)),
                     f"Sign up today and claim {self.rng.randrange(50, 300)} free spins, withdrawals in 5 minutes.",
                     f"Mirror: https://{host}/go?aff={i + 11}"]
            self.add(Page(self.pid(f"om{i % 2}", "txt"), "spam_only", lines[0], "", "\n".join(lines) + "\n", "txt",
                          "utf-8", [10, 8, 2], "family M spam-only page", "an English page that is nothing but spam",
                          [], list(lines), lang="en"))
            return
        g = self.gamble()
        promo = _pick(self.rng, self.promo, 3)
        kline = "∣".join(self.keywords(5))
        lines = [f"{g}▸永久网址▸", kline] + promo + [self.keyword_tail()[0], f"备用网址：https://{host}/?u={i + 7}"]
        self.add(Page(self.pid(f"om{i % 2}", "txt"), "spam_only", lines[0], "", "\n".join(lines) + "\n", "txt", "utf-8",
                      [10, 8, 2], "family M spam-only page", "a page that is nothing but spam", [],
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
    info = {"part": "test12", "family": "M", "seed": seed, **gold.summary(rows, charsets=True),
            "langs": {lang: sum(r["lang"] == lang for r in rows) for lang in ("zh", "en")},
            "sources": ["yihong0618/gitblog", "Anduin2017/HowToCook", "stopachka/pg-essays",
                        "Feiker-XR/Leadsurf-activities", "cheungyik/mobiledom", "fisher-89/XIGE-workflow"]}
    return gold.write_build_info(out, info)


def main(argv=None) -> int:
    return manifest.run_builder(argv, __doc__.split("\n\n")[0], build,
                                ("pages", "kinds", "html", "non_utf8_html", "families", "clusters", "must_keep",
                                 "must_drop"))


if __name__ == "__main__":
    import sys

    sys.exit(main())
