"""Build the second frozen spam test part (``test2``) from its own material with template family C.

    python -m tools.evalset.build_spam_eval_c --source /data/evalsets/sources \\
        --out /data/evalsets/spam9/test2 --seed 9 --freeze

This part shares neither material nor generators with dev and test (``build_spam_eval``):

* articles: People's Daily news of January 2001 (the PKU text of the SIGHAN 2005 test corpora,
  key ``icwb2``) and English article bodies of Zyte's extraction benchmark (``zyte``);
* pasted sentences: the MSR text of the same corpora (another newspaper corpus);
* keywords: real-estate and unfair-competition advertising words (``houbb``) and the gambling
  brands, advertising phrases and domains of a moderation word list (``ading``), leaving out every
  word of the dev/test lexicons that are present in the source folder;
* places: ``wecatch`` county/district names and code tables;
* gambling pages: the FreeMarker views of a gambling portal (``qianbao``).

Template family C (``FAMILY_C`` below) fixes the separators, block headings, sitemap layouts,
services, junk-page phrasing and HTML layouts. The generators write each spam family of the README
from its description: where and how keywords are injected (between commas, glued, in brackets, in
titles, in ``<meta>``, in ``display:none`` blocks, in extra ``<p>``), near-duplicate clusters (one
article under different wrappers, light edits) and precision guards (enumerations of places and
products, quoted speech, tables of places and codes, short and clean articles).

Output: ``pages/<group>/<name>.txt|.html``, ``gold.jsonl`` in the README's format (scored by
``score_pipeline`` unchanged) and ``build.json``. Same source folder and seed: byte-identical.
"""

from __future__ import annotations

import html
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tools.evalset import manifest
from tools.evalset.gold import norm, summary, write_build_info, write_part
from tools.evalset.material import CJK, Article, extract_page_phrases, nfkc, split_sentences, stable_hash

PART = "test2"

# ----------------------------------------------------------------------------- template family C


@dataclass(frozen=True)
class FamilyC:
    list_seps: tuple[str, ...] = ("丨", " · ", "；", "  ", "/")
    stuff_seps: tuple[str, ...] = ("，", "|", " ", "、", "")
    tail_openers: tuple[str, ...] = ("", " ", "——", "【", "（")
    keyword_labels: tuple[str, ...] = ("热门搜索：", "相关标签 →", "【关键字】", "搜索热词：", "TAG标签：")
    block_heads: tuple[str, ...] = ("热门资讯", "精彩专题", "大家都在看", "本站精选", "最新更新", "友情链接",
                                    "热门排行", "编辑推荐")
    link_marks: tuple[str, ...] = ("· ", "▪ ", "» ", "◆", "")
    link_tails: tuple[str, ...] = ("", " 2026-0{m}-1{d}", "（{n}人阅读）", " 查看>>")
    sitemap_forms: tuple[str, ...] = ("http://{host}/ditu/{n}.html", "https://m.{host}/list_{n}.html",
                                      "http://{host}/tags/{n}/", "http://www.{host}/?p={n}",
                                      "http://{host}/rss.xml", "http://{sub}.{host}/show/{n}.htm")
    services: tuple[str, ...] = ("维修", "医院", "体育", "国际app", "娱乐", "网", "装修公司", "搬家公司",
                                 "空调维修点", "月子中心", "不孕不育医院", "开锁电话", "二手车市场",
                                 "家电维修", "代孕中心", "汽车租赁", "净水器售后", "贷款公司",
                                 "皮肤病医院", "殡仪服务", "体育直播", "彩票网")
    site_tails: tuple[str, ...] = ("信息港", "便民网", "生活网", "在线", "热线", "服务平台")
    site_goods: tuple[str, ...] = ("房产", "人才", "租房", "装修", "婚庆", "家政", "建材", "招商")
    loan_phrases: tuple[str, ...] = ("无抵押贷款当天放款", "征信花了也能下款", "正规网贷平台", "信用卡代还",
                                     "日结兼职", "手机兼职一单一结", "专业代写论文", "快速办理学历")
    greetings: tuple[str, ...] = ("热烈欢迎各位朋友光临！", "您是第{n}位光临本站的朋友",
                                  "今日IP：{n}　昨日IP：{m}", "本站累计访问{m}人次，感谢支持！",
                                  "新年快乐！祝大家万事如意，阖家幸福！", "站长QQ：{n}　欢迎交换友情链接",
                                  "本页面已被浏览{n}次", "在线人数：{k}人")
    essay_words: tuple[str, ...] = ("读后感", "日记", "随笔", "散文", "说说", "句子", "情话", "祝福语",
                                    "心灵鸡汤", "座右铭")
    essay_subjects: tuple[str, ...] = ("秋天", "母爱", "成长", "青春", "奋斗", "感恩", "人生", "爱情", "老师",
                                       "父亲", "毕业", "友情")
    essay_forms: tuple[str, ...] = ("关于{s}的{w}", "{s}{w}精选{n}篇", "经典{s}{w}大全", "{s}的{w}{n}字",
                                    "最火的{s}{w}", "{w}：{s}")
    lottery: tuple[str, ...] = ("福彩快乐8", "大乐透", "排列五", "七星彩", "北京赛车", "幸运飞艇", "香港六合彩")
    agent_lines: tuple[str, ...] = ("诚招代理，佣金日结，最高返佣{k}%", "代理加盟热线：{n}",
                                    "零投资，一部手机即可做代理", "推广会员即享永久分红",
                                    "代理专线QQ：{n}，24小时在线")
    nav: tuple[str, ...] = ("本站首页", "新闻动态", "图片中心", "留言反馈", "会员登录")
    charsets: tuple[str, ...] = ("utf-8", "gbk", "gb18030", "utf-8", "gb2312", "gbk")
    host_syllables: tuple[str, ...] = ("ying", "bo", "cai", "le", "hao", "jin", "fa", "xin", "long", "tian",
                                       "bao", "sheng", "wang", "yun", "da", "huang")
    host_tlds: tuple[str, ...] = ("com", "net", "cc", "vip", "top", "cn")


FAMILY_C = FamilyC()

# ----------------------------------------------------------------------------- material


@dataclass
class MaterialC:
    zh: list[Article]
    zh_short: list[Article]
    en: list[Article]
    foreign: list[str]
    ads: list[str]
    gambling: list[str]
    gambling_phrases: list[str]
    domains: list[str]
    counties: list[str]
    divisions: list[tuple[str, list[tuple[str, str]]]]
    sources: dict[str, str]


_TITLE_END = "。！？”」）)…；：:，,"
_SKIP_LINE = re.compile(r"[（(][^）)]{0,40}[）)]|图片：?|.{0,30}[（(].*摄[）)]")


def load_pku_articles(path: Path, repo: str = "yuikns/icwb2-data") -> list[Article]:
    """People's Daily articles of the PKU test text: a short unpunctuated line followed by a long
    line starts an article; its paragraphs are the lines up to the next such title."""
    lines = [re.sub(r"\s+", " ", x.replace("\u3000", " ")).strip()
             for x in path.read_text(encoding="utf-8").splitlines()]
    arts: list[tuple[int, str, list[str]]] = []
    for i, line in enumerate(lines):
        if not line:
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if len(line) <= 36 and line[-1] not in _TITLE_END and len(nxt) >= 40:
            arts.append((i, line, []))
        elif arts and not _SKIP_LINE.fullmatch(line):
            arts[-1][2].append(line)
    out = []
    for i, title, paras in arts:
        paras = [p for p in paras if len(p) >= 12 and CJK.search(p)]
        if not paras:
            continue
        out.append(Article(f"pku:{i}", title, tuple(paras), f"{repo}:testing/pku_test.utf8#L{i + 1}", "zh"))
    return out


def load_msr_sentences(path: Path) -> list[str]:
    seen, out = set(), []
    for line in path.read_text(encoding="utf-8").splitlines():
        for s in split_sentences(line.strip()):
            s = s.replace("\u3000", "").strip()
            if 16 <= len(s) <= 64 and s[-1] in "。！？" and CJK.search(s) and s not in seen \
                    and not re.search(r"[“”\"「」（）()《》―—]", s):
                seen.add(s)
                out.append(s)
    return out


def load_zyte_articles(path: Path, repo: str = "scrapinghub/article-extraction-benchmark") -> list[Article]:
    """English article bodies of the benchmark's ground truth; the title comes from the URL slug."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for key in sorted(data):
        body = data[key].get("articleBody") or ""
        url = data[key].get("url") or ""
        paras = [re.sub(r"\s+", " ", p).strip() for p in body.split("\n")]
        paras = [p for p in paras if len(p) >= 80]
        slug = next((s for s in reversed(url.rstrip("/").split("/")) if re.search(r"[a-z]-[a-z]", s)), "")
        words = [w for w in re.sub(r"\.\w+$", "", slug).split("-") if w.isalpha()]
        if len(paras) < 3 or len(words) < 3 or sum(map(len, paras)) < 1200:
            continue
        if sum(1 for c in "".join(paras) if ord(c) > 0x2FFF) > 0:
            continue
        title = " ".join(words[:12]).capitalize()
        out.append(Article(f"zyte:{key[:12]}", title, tuple(paras[:10]), f"{repo}:ground-truth.json#{key}", "en"))
    return out


def _words(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [x.strip() for x in path.read_text(encoding="utf-8", errors="replace").splitlines() if x.strip()]


def _older_lexicons(src: Path) -> set[str]:
    """Every word of the dev/test lexicons present in the source folder (test2 leaves them out)."""
    words: set[str] = set()
    for rel in ("konsheng/Vocabulary/广告类型.txt", "konsheng/Vocabulary/零时-Tencent.txt",
                "konsheng/Vocabulary/非法网址.txt", "fwwdn/广告.txt", "fwwdn/网址.txt"):
        words.update(w.lower() for w in _words(src / rel))
    return words


_BRAND = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{1,6}(?:体育|娱乐|国际|棋牌|彩票|电竞|真人|视讯|娱乐城|网投|娱乐场)")
_BAD_WORD = re.compile(r"淫|色|毛片|黄站|裸|性|毒|枪|弹|军|政|共|党|六四|法轮|藏独|疆独|假币|器官|靠|操|逼|屄")
_AD_WORD = re.compile(r"发票|刷单|贷|兼职|代办|代理|加盟|招商|网赚|中介|售楼|旺铺|特惠|折|租|楼盘|彩票|棋牌")


def load_ading(path: Path, older: set[str]) -> tuple[list[str], list[str], list[str]]:
    """(gambling brands, advertising phrases, domains) of the moderation word list."""
    text = path.read_text(encoding="utf-8", errors="replace")
    words = list(dict.fromkeys(re.findall(r'"word":\s*"([^"]*)"', text)))
    words = [w.strip() for w in words if w and w.strip().lower() not in older]
    brands = [w for w in words if _BRAND.fullmatch(w) and not _BAD_WORD.search(w) and len(w) >= 4]
    ads = [w for w in words if 3 <= len(w) <= 8 and CJK.search(w) and _AD_WORD.search(w)
           and not _BAD_WORD.search(w) and not _BRAND.fullmatch(w) and not re.search(r"[\s,，。]", w)]
    doms = [w.lower() for w in words if re.fullmatch(r"[a-z0-9][a-z0-9-]{2,30}\.(?:com|net|cn|org|cc|tv|info)", w.lower())]
    return brands, ads, doms


def load_houbb_ads(folder: Path, older: set[str]) -> list[str]:
    out = []
    for name in ("房产.txt", "不正当竞争.txt"):
        for w in _words(folder / name):
            if 3 <= len(w) <= 8 and len(CJK.findall(w)) >= 2 and w.lower() not in older \
                    and not _BAD_WORD.search(w) and not re.search(r"[\s,，。:：]", w):
                out.append(w)
    return list(dict.fromkeys(out))


def load_wecatch(folder: Path) -> tuple[list[str], list[tuple[str, list[tuple[str, str]]]]]:
    """(county-level names, [(city, [(code, county)])]) of the wecatch code tables."""
    prov = {p["id"]: p["name"] for p in json.loads((folder / "province.json").read_text(encoding="utf-8"))}
    cities: dict[str, str] = {}
    for plist in json.loads((folder / "city.json").read_text(encoding="utf-8")).values():
        for c in plist:
            cities[c["id"]] = c["name"] if c["name"] not in ("市辖区", "县") else prov.get(c.get("province_id", ""), c.get("province", ""))
    counties = json.loads((folder / "county.json").read_text(encoding="utf-8"))
    names: set[str] = set()
    divisions = []
    for city_id in sorted(counties):
        rows = [(c["id"][:6], c["name"]) for c in counties[city_id] if c["name"] not in ("市辖区", "县")]
        names.update(n for _, n in rows)
        city = cities.get(city_id, "")
        if city in ("", "市辖区", "县") or "直辖" in city:
            city = counties[city_id][0].get("city", "") if counties[city_id] else ""
        if city and city not in ("市辖区", "县") and len(rows) >= 5:
            divisions.append((city, rows))
    return sorted(n for n in names if 2 <= len(n) <= 6), divisions


def spam_hosts(brands: list[str], fam: "FamilyC | None" = None) -> list[str]:
    """Hosts of the sitemap lines: a brand's Latin or digit part (or two syllables) + digits + TLD,
    the shape of the throw-away domains of gambling site groups."""
    fam = fam or FAMILY_C
    out = []
    for b in brands:
        h = stable_hash(b)
        latin = "".join(re.findall(r"[A-Za-z0-9]", b)).lower()
        stem = latin or fam.host_syllables[h % 16] + fam.host_syllables[(h >> 4) % 16]
        out.append(f"{stem}{h % 1000:03d}.{fam.host_tlds[(h >> 8) % len(fam.host_tlds)]}")
    return out


def load_material(src: Path) -> MaterialC:
    older = _older_lexicons(src)
    arts = load_pku_articles(src / "icwb2/testing/pku_test.utf8")
    zh = [a for a in arts if len(a.paras) >= 2 and a.chars >= 260]
    zh_short = [a for a in arts if 1 <= len(a.paras) <= 2 and 90 <= a.chars < 260]
    en = load_zyte_articles(src / "zyte/ground-truth.json")
    foreign = load_msr_sentences(src / "icwb2/testing/msr_test.utf8")
    brands, ad_phrases, doms = load_ading(src / "ading/option/ips_ban_words.js", older)
    views = sorted((src / "qianbao").rglob("*.ftl"))
    phrases = [p for p in extract_page_phrases(views)
               if not re.search(r"[()'\"<>（）]|请输入|必须|alert|\.val|\d{7,}", p) and len(CJK.findall(p)) >= 6]
    portal = sorted({m for f in views for m in _BRAND.findall(f.read_text(encoding="utf-8", errors="replace"))
                     if len(m) <= 6 and m[:2] not in ("活动", "本活", "全程", "首次", "释权")})
    gambling = list(dict.fromkeys([b for b in portal if re.match(r"[A-Z]{2,4}|钱", b)] + brands))
    gambling = [g for g in gambling if g.lower() not in older]
    ads = list(dict.fromkeys(load_houbb_ads(src / "houbb/src/main/resources", older) + ad_phrases))
    counties, divisions = load_wecatch(src / "wecatch/json")
    doms = list(dict.fromkeys(doms + spam_hosts(gambling)))
    return MaterialC(zh, zh_short, en, foreign, ads, gambling, phrases, doms, counties, divisions, {
        "zh": "yuikns/icwb2-data testing/pku_test.utf8 (People's Daily, January 2001)",
        "en": "scrapinghub/article-extraction-benchmark ground-truth.json",
        "foreign": "yuikns/icwb2-data testing/msr_test.utf8",
        "ads": "houbb/sensitive-word 房产.txt, 不正当竞争.txt; Ading163/node-Ai ips_ban_words.js (minus dev/test lexicons)",
        "gambling": "iuvei/plat gameportal views; Ading163/node-Ai ips_ban_words.js brands (minus dev/test lexicons)",
        "domains": "generated from the gambling brands (spam_hosts)",
        "places": "wecatch/china_regions json/county.json, city.json, province.json",
    })


# ----------------------------------------------------------------------------- page model


@dataclass
class PageC:
    pid: str
    kind: str  # article | junk | spam_only
    title: str
    body: list[str]  # paragraphs as shown
    article: list[str]  # gold paragraphs (empty for junk)
    lang: str = "zh"
    head: list[str] = field(default_factory=list)  # spam lines above the title / in the page header
    tail: list[str] = field(default_factory=list)  # spam lines after the article
    links: list[str] = field(default_factory=list)  # a link block (HTML: <ul>; text: lines)
    links_head: str = ""
    hidden: list[str] = field(default_factory=list)
    title_tag: str | None = None
    meta_keywords: str | None = None
    table: list[tuple[str, str]] | None = None
    table_caption: str = ""
    site: str = ""
    layout: int = 0
    charset: str = "utf-8"
    must_keep: list[str] = field(default_factory=list)
    must_drop: list[str] = field(default_factory=list)
    families: set[int] = field(default_factory=set)
    cluster: str | None = None
    source: str = "generated"
    notes: list[str] = field(default_factory=list)

    @property
    def is_html(self) -> bool:
        return self.pid.endswith(".html")


# ----------------------------------------------------------------------------- generators


class GenC:
    """Spam of template family C over the test2 vocabulary (all choices from one seeded RNG)."""

    def __init__(self, mat: MaterialC, rng: random.Random, fam: FamilyC = FAMILY_C):
        self.m, self.r, self.f = mat, rng, fam

    def place(self) -> str:
        return self.r.choice(self.m.counties)

    def places(self, n: int) -> list[str]:
        return self.r.sample(self.m.counties, min(n, len(self.m.counties)))

    def short_place(self) -> str:
        p = self.place()
        return p[:-1] if len(p) >= 3 and p[-1] in "县区市旗" else p

    def commercial(self) -> str:
        return self.short_place() + self.r.choice(self.f.services)

    def ad(self) -> str:
        return self.r.choice(self.m.ads)

    def long_ad(self) -> str:
        return self.r.choice([a for a in self.m.ads if len(a) >= 4] or self.m.ads)

    def brand(self) -> str:
        return self.r.choice(self.m.gambling)

    def keyword(self) -> str:
        k = self.r.random()
        return self.commercial() if k < 0.4 else self.brand() if k < 0.65 else self.ad()

    def host(self) -> str:
        return self.r.choice(self.m.domains)

    def site_name(self) -> str:
        return self.short_place() + self.r.choice(self.f.site_goods) + self.r.choice(self.f.site_tails)

    def place_list(self, n: int) -> str:
        sep = self.r.choice(self.f.list_seps)
        return sep.join(self.places(n))

    def stuffing(self, n: int) -> str:
        sep = self.r.choice(self.f.stuff_seps)
        return sep.join(self.keyword() for _ in range(n))

    def keyword_line(self) -> str:
        return self.r.choice(self.f.keyword_labels) + self.r.choice(("，", " ", "|")).join(
            self.keyword() for _ in range(self.r.randint(3, 6)))

    def mixed_stuffing(self) -> str:
        """Keywords alternating with fragments cut out of pasted sentences."""
        parts = []
        for _ in range(self.r.randint(3, 5)):
            s = self.r.choice(self.m.foreign).rstrip("。！？")
            a = self.r.randint(0, max(0, len(s) - 8))
            parts.append(self.keyword())
            parts.append(s[a:a + self.r.randint(6, 12)])
        return self.r.choice(("", " ", "，")).join(parts)

    def sitemap_lines(self, n: int) -> list[str]:
        host, sub = self.host(), self.r.choice(("news", "bbs", "m", "wap", "info"))
        forms = self.r.sample(self.f.sitemap_forms, 2)
        return [self.r.choice(forms).format(host=host, sub=sub, n=self.r.randint(1000, 99999)) for _ in range(n)]

    def link_titles(self, n: int, exclude: str) -> list[str]:
        pool = [a.title for a in self.r.sample(self.m.zh, min(len(self.m.zh), n + 3)) if a.title != exclude]
        mark, tail = self.r.choice(self.f.link_marks), self.r.choice(self.f.link_tails)
        return [mark + t + tail.format(m=self.r.randint(1, 9), d=self.r.randint(0, 9), n=self.r.randint(50, 9000))
                for t in pool[:n]]

    def foreign(self) -> str:
        return self.r.choice(self.m.foreign)


_COMMA = re.compile(r"[，,]")


def inject_between_commas(rng: random.Random, para: str, kw: str, style: str) -> tuple[str, str] | None:
    """Put ``kw`` after a comma of ``para``: (new paragraph, must_drop string with context).

    style "comma": ``前文，kw，后文``; "glued": ``前文，kw后文``; "bracket": ``前文【kw】，后文``."""
    spots = [m.start() for m in _COMMA.finditer(para) if 4 <= m.start() <= len(para) - 6]
    if not spots:
        return None
    i = rng.choice(spots)
    c = para[i]
    before = para[max(0, i - 3):i]
    if style == "bracket":
        new = para[:i] + "【" + kw + "】" + para[i:]
        return new, before + "【" + kw + "】"
    if style == "glued":
        new = para[:i + 1] + kw + para[i + 1:]
        return new, c + kw
    new = para[:i + 1] + kw + c + para[i + 1:]
    return new, before + c + kw + c


def insert_sentence(rng: random.Random, para: str, sent: str) -> str:
    sents = split_sentences(para)
    if len(sents) < 2:
        return para + sent
    k = rng.randint(1, len(sents) - 1)
    return "".join(sents[:k]) + sent + "".join(sents[k:])


_ENUM = re.compile(r"(?:[\u4e00-\u9fff]{2,5}、){2,}[\u4e00-\u9fff]{2,8}")
_QUOTE = re.compile(r"“[^”]{6,60}”")

GUARD_SENTENCES = (
    "受连日强降雨影响，{a}、{b}、{c}、{d}等地出现不同程度的洪涝灾害，当地已紧急转移受灾群众。",
    "这条旅游线路从{a}出发，途经{b}、{c}，最后到达{d}，全程约需五天。",
    "目前，{a}、{b}、{c}三地已经开通了直达班车，{d}的线路也在筹备之中。",
    "参加这次交流会的有来自{a}、{b}、{c}和{d}的代表共一百多人。",
)
PRODUCT_SENTENCES = (
    "展销会上，冰箱、彩电、洗衣机、空调等家电产品备受青睐，不少市民满载而归。",
    "商场里的年货琳琅满目，糖果、干果、腊肉、春联、灯笼一应俱全。",
    "该厂主要生产钢材、水泥、玻璃和建筑陶瓷，产品远销东南亚各国。",
)
QUOTE_SENTENCES = (
    "一位老人对记者说：“日子一年比一年好，我们心里踏实。”",
    "村支书告诉记者：“明年我们还要把这条路修到山顶。”",
    "一名返乡的年轻人说：“家乡变化太大了，我都快认不出来了。”",
)


def pick_keep(rng: random.Random, paras: list[str], avoid: set[int], n: int) -> list[str]:
    cands = []
    for i, p in enumerate(paras):
        if i in avoid:
            continue
        for s in split_sentences(p):
            if 12 <= len(s) <= 90:
                cands.append(s)
    rng.shuffle(cands)
    return sorted(cands[:n], key=lambda s: (len(s), s))


class BuilderC:
    def __init__(self, mat: MaterialC, seed: int):
        self.m = mat
        self.r = random.Random(f"{PART}:{seed}")
        self.g = GenC(mat, self.r)
        self.pages: list[PageC] = []
        self.used: set[str] = set()
        self.zh = list(mat.zh)
        self.r.shuffle(self.zh)
        self.zh_short = list(mat.zh_short)
        self.r.shuffle(self.zh_short)
        self.en = list(mat.en)
        self.r.shuffle(self.en)
        self.counter = 0

    # -- helpers
    def take(self, pool: list[Article]) -> Article | None:
        while pool:
            a = pool.pop()
            if a.key not in self.used:
                self.used.add(a.key)
                return a
        return None

    def new_page(self, art: Article | None, group: str, html_: bool, kind: str = "article") -> PageC:
        self.counter += 1
        ext = "html" if html_ else "txt"
        name = f"{group}/{'pg' if kind == 'article' else 'x'}{self.counter:04d}.{ext}"
        if art is None:
            return PageC(name, kind, "", [], [], site=self.g.site_name())
        p = PageC(name, kind, art.title, list(art.paras), list(art.paras), lang=art.lang,
                  source=art.source, site=self.g.site_name())
        if html_:
            p.layout = self.r.randint(0, 2)
            p.charset = self.r.choice(FAMILY_C.charsets) if art.lang == "zh" else self.r.choice(("utf-8", "utf-8", "gbk"))
        return p

    def add_keep(self, p: PageC, n: int = 4, avoid: set[int] | None = None) -> None:
        p.must_keep.extend(pick_keep(self.r, p.article, avoid or set(), n))
        if not p.is_html:
            p.must_keep.append(p.title)

    # -- family appliers (each changes the shown page and records what must go)
    def f1_places(self, p: PageC) -> None:
        p.families.add(1)
        where = self.r.randint(0, 2)
        if where == 0:
            line = self.g.place_list(self.r.randint(12, 40))
            p.head.insert(0, line)
            p.must_drop.append(line[:18])
        elif where == 1:
            names = self.g.places(self.r.randint(6, 14))
            line = self.r.choice(("服务区域：", "本地分站：", "覆盖城市：")) + self.r.choice(("、", " ", "丨")).join(names)
            p.tail.append(line)
            p.must_drop.append(line[:16])
        else:
            line = self.g.place_list(self.r.randint(8, 20))
            p.hidden.append(line) if p.is_html else p.tail.append(line)
            p.must_drop.append(line[:14])

    def f2_stuffing(self, p: PageC) -> None:
        p.families.add(2)
        if self.r.random() < 0.5:
            line = self.g.keyword_line()
            (p.tail if self.r.random() < 0.7 else p.head).append(line)
            p.must_drop.append(line[: min(len(line), 20)])
        else:
            # keyword tail glued to the last paragraph
            i = len(p.body) - 1
            kws = [self.g.keyword() for _ in range(self.r.randint(2, 4))]
            opener = self.r.choice(FAMILY_C.tail_openers)
            tail = opener + self.r.choice(("", " ", "，")).join(kws) + ("】" if opener == "【" else "）" if opener == "（" else "")
            p.body[i] = p.body[i] + tail
            p.must_drop.append(tail.strip()[:24])
            p.notes.append("keyword tail on the last paragraph")

    def f3_inject(self, p: PageC, kinds: tuple[str, ...] = ("commercial", "brand", "place", "ad"),
                  n: int = 1) -> list[int]:
        touched = []
        for _ in range(n):
            kind = self.r.choice(kinds)
            kw = {"commercial": self.g.commercial, "brand": self.g.brand, "place": self.g.place,
                  "ad": self.g.long_ad}[kind]()
            order = list(range(len(p.body)))
            self.r.shuffle(order)
            for i in order:
                if i >= len(p.article) or p.body[i] != p.article[i]:
                    continue  # already carries spam, or is a pasted paragraph
                style = self.r.choice(("comma", "comma", "glued", "bracket"))
                res = inject_between_commas(self.r, p.body[i], kw, style)
                if res:
                    p.body[i], drop = res
                    p.must_drop.append(drop)
                    p.notes.append(f"{kind} keyword injected ({style})")
                    p.families.update({3, 8} if kind == "brand" else {3})
                    touched.append(i)
                    break
        return touched

    def f4_titles(self, p: PageC) -> None:
        p.families.add(4)
        site = p.site
        if p.is_html:
            sep = self.r.choice(("_", " - ", "|", "——"))
            p.title_tag = p.title + sep + site + sep + site
            p.head.append(site + site if self.r.random() < 0.5 else f"{site}（{site}）")
            p.must_drop.append(site + sep + site)
        else:
            p.head.append(site + self.r.choice(("", " ", "_")) + site)
            p.must_drop.append(site)

    def f5_pasted(self, p: PageC) -> set[int]:
        p.families.add(5)
        touched: set[int] = set()
        for _ in range(self.r.randint(1, 2)):
            s = self.g.foreign()
            if self.r.random() < 0.55:
                i = self.r.randrange(len(p.body))
                if i < len(p.article) and p.body[i] == p.article[i] and len(split_sentences(p.body[i])) >= 2:
                    p.body[i] = insert_sentence(self.r, p.body[i], s)
                    touched.add(i)
                    p.must_drop.append(s)
                    continue
            # an extra paragraph (<p>) between two article paragraphs
            j = self.r.randint(1, max(1, len(p.body) - 1))
            p.body.insert(j, s)
            p.article.insert(j, "\0")  # placeholder keeps indices aligned; removed in finish()
            p.must_drop.append(s)
        return touched

    def f6_mixed(self, p: PageC) -> None:
        p.families.add(6)
        line = self.g.mixed_stuffing()
        (p.tail if self.r.random() < 0.6 else p.head).append(line)
        p.must_drop.append(line[:20])

    def f7_links(self, p: PageC) -> None:
        p.families.add(7)
        k = self.r.randint(0, 2)
        if k == 0:
            lines = self.g.sitemap_lines(self.r.randint(4, 12))
            p.tail.extend(lines)
            p.must_drop.extend(lines[:2])
        elif k == 1:
            p.links_head = self.r.choice(FAMILY_C.block_heads)
            p.links = self.g.link_titles(self.r.randint(4, 8), p.title)
            p.must_drop.extend(x for x in p.links[:3])
        else:
            line = self.r.choice(FAMILY_C.block_heads) + "：" + "  ".join(self.g.keyword() for _ in range(6))
            p.tail.append(line)
            p.must_drop.append(line[:16])

    def f8_gambling_title(self, p: PageC) -> None:
        p.families.add(8)
        b = self.g.brand()
        if p.is_html:
            p.title_tag = (p.title_tag or p.title) + "-" + b + self.r.choice(("官网", "注册", "", "平台"))
            p.meta_keywords = ",".join([b, self.g.brand(), self.g.commercial()])
            p.must_drop.append(b)
        else:
            p.head.append(b + self.r.choice(("【官方网站】", "欢迎您", " 注册送彩金", "·官方入口")))
            p.must_drop.append(p.head[-1])

    def finish(self, p: PageC) -> None:
        keep = [i for i, a in enumerate(p.article) if a != "\0"]
        p.article = [p.article[i] for i in keep]

    # -- page kinds
    def spam_article(self, group: str, html_: bool, fams: list[int], src: list[Article]) -> PageC | None:
        art = self.take(src)
        if art is None:
            return None
        p = self.new_page(art, group, html_)
        touched: set[int] = set()
        for f in fams:
            if f == 1:
                self.f1_places(p)
            elif f == 2:
                self.f2_stuffing(p)
            elif f == 3:
                touched.update(self.f3_inject(p, n=self.r.randint(1, 2)))
            elif f == 4:
                self.f4_titles(p)
            elif f == 5:
                touched |= self.f5_pasted(p)
            elif f == 6:
                self.f6_mixed(p)
            elif f == 7:
                self.f7_links(p)
            elif f == 8:
                self.f8_gambling_title(p)
        if html_ and self.r.random() < 0.3 and 2 not in fams:
            p.meta_keywords = p.meta_keywords or ",".join(self.g.keyword() for _ in range(4))
        self.finish(p)
        self.add_keep(p, 4)
        return p

    def english(self, group: str, spam: bool) -> PageC | None:
        art = self.take(self.en)
        if art is None:
            return None
        p = self.new_page(art, group, True)
        if spam:
            for f in self.r.sample((1, 2, 4, 7, 8), self.r.randint(1, 3)):
                {1: self.f1_places, 2: self.f2_stuffing, 4: self.f4_titles, 7: self.f7_links,
                 8: self.f8_gambling_title}[f](p)
            self.finish(p)
        else:
            p.families.add(12)
            p.notes.append("clean English article")
        p.must_keep.extend(self._en_keep(p.article))
        return p

    def _en_keep(self, paras: list[str]) -> list[str]:
        sents = [s for para in paras for s in re.split(r"(?<=[.!?])\s+", para) if 40 <= len(s) <= 200]
        self.r.shuffle(sents)
        return sents[:4]

    def guard(self, group: str, html_: bool, kind: str) -> PageC | None:
        if kind == "short":
            art = self.take(self.zh_short)
        else:
            art = self.take(self.zh)
        if art is None:
            return None
        p = self.new_page(art, group, html_)
        p.families.add(12)
        if kind == "places":
            a, b, c, d = self.g.places(4)
            s = self.r.choice(GUARD_SENTENCES).format(a=a, b=b, c=c, d=d)
            i = self.r.randrange(len(p.body))
            p.body[i] = insert_sentence(self.r, p.body[i], s)
            p.article[i] = p.body[i]
            p.must_keep.append(s)
            p.notes.append("genuine place enumeration")
        elif kind == "products":
            s = self.r.choice(PRODUCT_SENTENCES)
            q = self.r.choice(QUOTE_SENTENCES)
            p.body.append(s + q)
            p.article.append(s + q)
            p.must_keep.extend([s, q])
            p.notes.append("product list and quoted speech")
        elif kind == "table":
            city, rows = self.r.choice(self.m.divisions)
            rows = rows[:12]
            p.table, p.table_caption = rows, f"{city}所辖县级行政区划及代码"
            if html_:
                p.must_keep.extend(n for _, n in rows if len(n) >= 3)
            else:
                p.must_keep.extend(f"{c} {n}" for c, n in rows[:4])
            p.must_keep.append(p.table_caption)
            p.notes.append("table of places and codes")
        elif kind == "short":
            p.notes.append("short article")
        else:
            p.notes.append("clean article")
        for para in p.article:
            p.must_keep.extend(m.group(0) for m in _ENUM.finditer(para) if len(m.group(0)) >= 8)
            p.must_keep.extend(m.group(0) for m in _QUOTE.finditer(para))
        self.add_keep(p, 3)
        return p

    def junk(self, group: str, html_: bool, kind: str) -> PageC:
        p = self.new_page(None, group, html_, kind="spam_only" if kind in ("keywords", "doorway") else "junk")
        p.families.add(10)
        f, r, g = FAMILY_C, self.r, self.g
        if html_:
            p.charset = r.choice(f.charsets)
            p.layout = r.randint(0, 2)
        if kind == "greeting":
            p.title = r.choice(("欢迎光临", "个人主页", "我的小站", p.site))
            p.body = [x.format(n=r.randint(1000, 999999), m=r.randint(10 ** 5, 10 ** 7), k=r.randint(3, 300))
                      for x in r.sample(f.greetings, r.randint(3, 5))]
        elif kind == "essays":
            p.title = r.choice(f.essay_subjects) + r.choice(f.essay_words) + "大全"
            p.links_head = r.choice(f.block_heads)
            p.links = [r.choice(f.essay_forms).format(s=r.choice(f.essay_subjects), w=r.choice(f.essay_words),
                                                      n=r.choice((100, 300, 500, 800, 10, 50)))
                       for _ in range(r.randint(12, 24))]
        elif kind == "lottery":
            lot = r.choice(f.lottery)
            p.title = f"{lot}开奖结果-{g.brand()}"
            p.body = [f"{lot}第{2026000 + r.randint(1, 365)}期开奖号码：" + " ".join(
                f"{r.randint(1, 35):02d}" for _ in range(r.randint(5, 7))) for _ in range(r.randint(4, 8))]
            p.body += r.sample(self.m.gambling_phrases, min(4, len(self.m.gambling_phrases)))
            p.must_drop.append(p.body[0])
        elif kind == "agent":
            p.title = g.brand() + r.choice(("代理招商", "合营计划", "代理加盟"))
            p.body = [x.format(k=r.randint(30, 60), n=r.randint(10 ** 7, 10 ** 9)) for x in r.sample(f.agent_lines, 3)]
            p.body += r.sample(self.m.gambling_phrases, min(5, len(self.m.gambling_phrases)))
        elif kind == "keywords":
            p.title = g.keyword()
            p.body = [g.stuffing(r.randint(8, 16)) for _ in range(r.randint(3, 6))]
        else:  # doorway of pasted sentences with keywords
            p.title = g.keyword() + r.choice(("_", "-", "|")) + g.site_name()
            p.body = ["".join(g.foreign() for _ in range(r.randint(2, 4))) + g.keyword() for _ in range(r.randint(4, 7))]
        p.notes.append(f"junk: {kind}")
        return p

    def cluster(self, cid: str, groups: list[str]) -> list[PageC]:
        """Family 11: one article under different wrappers; the last copy may be lightly edited.
        must_keep strings are sentences every copy has (any copy may be the one kept)."""
        art = self.take(self.zh)
        if art is None:
            return []
        versions: list[tuple[Article, str]] = [(art, "same article under another wrapper")] * (len(groups) - 1)
        paras = list(art.paras)
        if self.r.random() < 0.6:
            if len(paras) >= 5:
                paras.pop(self.r.randrange(1, len(paras)))
                note = "edited copy: one paragraph left out"
            else:
                paras[-1] = paras[-1] + "（本报记者）"
                note = "edited copy: byline added"
            versions.append((Article(art.key, art.title, tuple(paras), art.source, art.lang), note))
        else:
            versions.append((art, "same article under another wrapper"))
        common = set(split_sentences("".join(art.paras))) & set(split_sentences("".join(paras)))
        keep = sorted(s for s in common if 12 <= len(s) <= 90)
        self.r.shuffle(keep)
        keep = keep[:4]
        out = []
        for (a, note), group in zip(versions, groups):
            p = self.new_page(a, group, self.r.random() < 0.5)
            for fnum in self.r.sample((1, 2, 3, 4, 5, 7, 8), self.r.randint(1, 3)):
                {1: self.f1_places, 2: self.f2_stuffing, 3: lambda q: self.f3_inject(q), 4: self.f4_titles,
                 5: self.f5_pasted, 7: self.f7_links, 8: self.f8_gambling_title}[fnum](p)
            self.finish(p)
            p.families.add(11)
            p.cluster = cid
            p.notes.append(note)
            p.must_keep.extend(keep)
            if not p.is_html:
                p.must_keep.append(p.title)
            out.append(p)
        return out

    def shared_template(self, group_of: list[str], tag: str) -> list[PageC]:
        """Family 9: one long spam template (head, tail, links) around many articles."""
        head = [self.g.site_name() + " " + self.g.place_list(16), self.g.keyword_line()]
        tail = [self.g.mixed_stuffing(), self.g.keyword_line()] + self.g.sitemap_lines(6)
        links_head = self.r.choice(FAMILY_C.block_heads)
        links = [f"{self.g.commercial()}{self.r.choice(('电话', '地址', '哪家好', '价格'))}" for _ in range(8)]
        html_ = self.r.random() < 0.5
        charset = self.r.choice(FAMILY_C.charsets)
        out = []
        for group in group_of:
            art = self.take(self.zh)
            if art is None:
                break
            p = self.new_page(art, group, html_)
            p.charset, p.layout = charset, 1
            p.head, p.tail, p.links_head, p.links = list(head), list(tail), links_head, list(links)
            p.families.update({9, 1, 2, 6, 7})
            p.must_drop.extend([head[0][:16], head[1][:18], tail[0][:18], tail[2], links[0]])
            p.notes.append(f"shared template {tag}")
            if self.r.random() < 0.4:
                self.f3_inject(p)
            self.finish(p)
            self.add_keep(p, 3)
            out.append(p)
        return out

    def build(self) -> list[PageC]:
        r = self.r
        n_zh = len(self.zh)
        groups = [f"c{i:02d}" for i in range(1, 25)]
        pages: list[PageC] = []
        # 11: near-duplicate clusters, copies in different folders
        for c in range(max(1, min(10, n_zh // 20))):
            pages += self.cluster(f"t2-c{c:02d}", r.sample(groups, 3))
        # 9: one template in one folder, another spread over folders
        per = max(2, min(12, n_zh // 16))
        pages += self.shared_template(["c90"] * per, "one folder")
        pages += self.shared_template(r.sample(groups, max(2, per * 2 // 3)), "spread")
        # 12: precision guards
        n_guard = max(1, min(10, n_zh // 20))
        for kind in ("clean", "places", "products", "table"):
            for _ in range(n_guard):
                p = self.guard(r.choice(groups), r.random() < 0.5, kind)
                if p:
                    pages.append(p)
        for _ in range(min(20, len(self.zh_short) // 3)):
            p = self.guard(r.choice(groups), r.random() < 0.5, "short")
            if p:
                pages.append(p)
        # 3 alone: one keyword between commas on an otherwise clean page
        for _ in range(max(1, min(25, n_zh // 8))):
            art = self.take(self.zh)
            if art is None:
                break
            p = self.new_page(art, r.choice(groups), r.random() < 0.5)
            touched = self.f3_inject(p, kinds=(r.choice(("commercial", "brand", "place", "ad")),))
            self.finish(p)
            p.notes.append("single injected keyword, no other spam")
            self.add_keep(p, 4, set(touched))
            pages.append(p)
        # English pages
        for k in range(min(60, len(self.en))):
            p = self.english(r.choice(groups), spam=k % 2 == 0)
            if p:
                pages.append(p)
        # 10: junk pages
        for kind in ("greeting", "essays", "lottery", "agent", "keywords", "doorway"):
            for _ in range(8):
                pages.append(self.junk(r.choice(groups), r.random() < 0.5, kind))
        # 1-8: hijacked articles, the rest of the Chinese articles (long and short)
        while self.zh:
            fams = sorted(r.sample((1, 2, 3, 4, 5, 6, 7, 8), r.randint(1, 3)))
            p = self.spam_article(r.choice(groups), r.random() < 0.45, fams, self.zh)
            if p:
                pages.append(p)
        while self.zh_short:
            fams = sorted(r.sample((1, 2, 3, 4, 6, 7, 8), r.randint(1, 2)))
            p = self.spam_article(r.choice(groups), r.random() < 0.45, fams, self.zh_short)
            if p:
                pages.append(p)
        return pages


# ----------------------------------------------------------------------------- rendering

_LAYOUTS = (
    # 0: a portal page with a header bar and a content div
    ("<div class=\"top\">{nav}</div>\n<div class=\"hd\">{head}</div>\n<div id=\"content\">\n<h1>{h1}</h1>\n{body}\n{table}\n</div>\n"
     "{links}<div class=\"ft\">{tail}</div>\n{hidden}"),
    # 1: an <article> with an aside of links
    ("<header>{head}<nav>{nav}</nav></header>\n<main><article>\n<h1>{h1}</h1>\n{body}\n{table}\n</article>\n"
     "<aside>{links}</aside></main>\n{hidden}<footer>{tail}</footer>"),
    # 2: an old table layout
    ("<table width=\"960\" align=\"center\"><tr><td class=\"banner\">{head}</td></tr>\n<tr><td>{nav}</td></tr>\n"
     "<tr><td class=\"main\">\n<h2>{h1}</h2>\n{body}\n{table}\n</td></tr>\n<tr><td>{links}</td></tr>\n"
     "<tr><td class=\"copy\">{tail}</td></tr></table>\n{hidden}"),
)


def render_text(p: PageC) -> str:
    lines = list(p.head) + [p.title] + list(p.body)
    if p.table:
        lines += [p.table_caption] + [f"{c} {n}" for c, n in p.table]
    if p.links:
        lines += [p.links_head] + p.links
    lines += p.tail
    return "\n".join(x for x in lines if x) + "\n"


def render_html(p: PageC) -> str:
    e = html.escape
    declared = p.charset
    if p.layout == 2 or p.charset == "gb2312":
        meta = f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">'
    else:
        meta = f'<meta charset="{declared}">'
    kw = f'\n<meta name="keywords" content="{e(p.meta_keywords)}">' if p.meta_keywords else ""
    body = "\n".join(f"<p>{e(x)}</p>" for x in p.body)
    table = ""
    if p.table:
        rows = "".join(f"<tr><td>{e(c)}</td><td>{e(n)}</td></tr>" for c, n in p.table)
        table = f"<table class=\"data\"><caption>{e(p.table_caption)}</caption>{rows}</table>"
    links = ""
    if p.links:
        items = "".join(f"<li><a href=\"/a/{stable_hash(x) % 100000}.html\">{e(x)}</a></li>" for x in p.links)
        links = f"<div class=\"rel\"><h3>{e(p.links_head)}</h3><ul>{items}</ul></div>\n"
    nav = " ".join(f"<a href=\"/{i}/\">{e(x)}</a>" for i, x in enumerate(FAMILY_C.nav))
    hidden = ""
    if p.hidden:
        hidden = "<div style=\"display:none\">" + "".join(f"<p>{e(x)}</p>" for x in p.hidden) + "</div>\n"
    head = "".join(f"<div>{e(x)}</div>" for x in p.head)
    tail = "".join(f"<p>{e(x)}</p>" for x in p.tail)
    h1 = e(p.title)
    lang = "zh-CN" if p.lang == "zh" else "en"
    inner = _LAYOUTS[p.layout].format(nav=nav, head=head, h1=h1, body=body, table=table, links=links,
                                      tail=tail, hidden=hidden)
    return (f"<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n{meta}{kw}\n<title>{e(p.title_tag or p.title)}</title>\n"
            f"</head>\n<body>\n{inner}\n</body>\n</html>\n")


def encode(p: PageC) -> bytes:
    if not p.is_html:
        return render_text(p).encode("utf-8")
    codec = {"gb2312": "gbk"}.get(p.charset, p.charset)
    try:
        return render_html(p).encode(codec)
    except UnicodeEncodeError:
        p.charset = "gb18030"
        p.notes.append("declared gb18030 (text outside GBK)")
        return render_html(p).encode("gb18030")


def shown_text(p: PageC) -> str:
    return "\n".join([render_text(p)] + p.hidden + [p.title_tag or "", p.meta_keywords or ""])


def validate(p: PageC) -> None:
    """must_keep: in the gold article and on the page (or a repaired sentence of the article);
    must_drop: on the page, not in the gold article. Other strings are removed (noted)."""
    art = norm(gold_article(p))
    shown = norm(shown_text(p))
    keep, drop = [], []
    for k in p.must_keep:
        nk = norm(k)
        if p.is_html and k == p.title:
            continue
        if nk and nk in art and nk not in [norm(x) for x in keep]:
            keep.append(k)
        elif nk:
            p.notes.append("dropped must_keep not in article")
    for d in p.must_drop:
        nd = norm(d)
        if len(nd) >= 2 and nd in shown and nd not in art and nd not in [norm(x) for x in drop]:
            drop.append(d)
    p.must_keep, p.must_drop = keep, drop


def gold_article(p: PageC) -> str:
    """The clean text of an article page: the title first for a text dump (an HTML page's title is
    metadata), then the paragraphs and a data table's caption and rows."""
    if p.kind != "article":
        return ""
    lines = ([] if p.is_html else [p.title]) + p.article
    if p.table:
        lines += [p.table_caption] + [f"{c} {n}" for c, n in p.table]
    return "\n".join(lines)


def gold_row(p: PageC) -> dict:
    article = gold_article(p)
    return {
        "id": p.pid, "kind": p.kind,
        "title": nfkc(p.title) if p.kind == "article" else None,
        "article": nfkc(article),
        "must_keep": [nfkc(k) for k in p.must_keep],
        "must_drop": [nfkc(d) for d in p.must_drop],
        "cluster": p.cluster,
        "families": sorted(p.families),
        "source": p.source,
        "notes": "; ".join(dict.fromkeys(p.notes)),
        "format": "html" if p.is_html else "txt",
        "charset": p.charset if p.is_html else "utf-8",
    }


def build(src: Path, out: Path, seed: int) -> dict:
    mat = load_material(src)
    pages = BuilderC(mat, seed).build()
    # encode may switch a page's declared charset to gb18030, so it runs before validate
    rows = write_part(out, pages, encode, lambda page, _data: validate(page), gold_row)
    info = {
        "part": PART, "seed": seed, "template_family": "C", **summary(rows, charsets=True),
        "material": mat.sources,
        "vocab_sizes": {"zh_articles": len(mat.zh), "zh_short": len(mat.zh_short), "en_articles": len(mat.en),
                        "foreign_sentences": len(mat.foreign), "ad_words": len(mat.ads),
                        "gambling": len(mat.gambling), "gambling_phrases": len(mat.gambling_phrases),
                        "domains": len(mat.domains), "counties": len(mat.counties),
                        "divisions": len(mat.divisions)},
    }
    return write_build_info(out, info)


def main(argv: list[str] | None = None) -> int:
    return manifest.run_builder(argv, __doc__.split("\n\n")[0], build,
                                ("part", "pages", "kinds", "html", "non_utf8_html", "charsets", "families", "clusters", "must_keep", "must_drop"))


if __name__ == "__main__":
    sys.exit(main())
