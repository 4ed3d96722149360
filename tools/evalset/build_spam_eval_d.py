"""Build the third frozen spam test part (``test3``) from its own material with template family D.

    python -m tools.evalset.build_spam_eval_d --source /data/evalsets/sources \\
        --out /data/evalsets/spam9/test3 --seed 9 --freeze

This part shares neither material nor generators with dev/test (``build_spam_eval``) or test2
(``build_spam_eval_c``); it reuses only the neutral plumbing of ``material`` (the sentence splitter,
paragraph grouping, the hash) and ``manifest``:

* articles: real crawled Chinese web text, the CLUECorpusSmall sample of ``dbiir/UER-py`` (news
  with their headline glued to the body, question-and-answer posts, encyclopedia entries, long
  posts; key ``uer``); lines that carry contact or shop furniture of their own are left out;
* pasted sentences: the Chinese side of the News Commentary v13 sample (another corpus, other
  topics); the English side gives the English articles;
* fragments of stuffing lines: clauses of ChnSentiCorp reviews;
* keywords: place names of THUOCL's place-name lexicon (``thuocl``); commercial names made of a
  car brand, a food, a disease or a place and a service head; loan phrases built on THUOCL's finance
  words; gambling names and gambling/lottery page text of two real gambling code bases (``s36``, a
  live-casino app; ``qucai``, a lottery portal);
* template family D (``FAMILY_D``): its own separators, block headings, keyword labels, sitemap
  layouts, service heads, junk-page phrasing and three HTML layouts (a CMS article page, a blog
  layout, a GBK-era table page whose paragraphs are ``<br>``-separated), charsets UTF-8, GBK,
  GB18030, GB2312 (``http-equiv``) and a few GBK pages that declare nothing.

The generators write each spam family of the README from its description. Gold is checked when
building: every ``must_keep`` is in the gold article, no ``must_drop`` is (a failing string is left
out and the page's notes say so). Same source folder and seed: byte-identical output.
"""

from __future__ import annotations

import html
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tools.evalset import manifest
from tools.evalset.gold import norm, summary, write_build_info, write_part
from tools.evalset.material import CJK, Article, group_paragraphs, nfkc, split_sentences, stable_hash

PART = "test3"


# ----------------------------------------------------------------------------- template family D


@dataclass(frozen=True)
class FamilyD:
    name: str
    list_seps: tuple[str, ...]
    stuff_seps: tuple[str, ...]
    tail_glue: tuple[str, ...]  # how a keyword tail is glued to the last paragraph
    related_heads: tuple[str, ...]
    related_marks: tuple[str, ...]
    keyword_labels: tuple[str, ...]
    area_labels: tuple[str, ...]  # "service area" style place-list labels
    address_labels: tuple[str, ...]
    sitemap_paths: tuple[str, ...]
    tlds: tuple[str, ...]
    products: tuple[str, ...]  # site-name middle part
    site_suffixes: tuple[str, ...]
    services: tuple[str, ...]  # commercial names: <brand / place><service>
    medical_heads: tuple[str, ...]  # <disease><head>
    food_heads: tuple[str, ...]  # <food><head>
    loan_heads: tuple[str, ...]  # <place><finance word><head>
    gambling_suffixes: tuple[str, ...]
    nav: tuple[str, ...]
    counters: tuple[str, ...]  # visitor-counter / greeting junk ({n}, {m} numbers)
    essay_kinds: tuple[str, ...]
    quote_kinds: tuple[str, ...]
    essay_topics: tuple[str, ...]
    lottery_heads: tuple[str, ...]
    charsets: tuple[str, ...]


FAMILY_D = FamilyD(
    name="D",
    list_seps=("／", " ", "-", "☆", "｜"),
    stuff_seps=("/", "　", "+", "丨"),
    tail_glue=("", " ", "→", "【{kw}】", "[{kw}]"),
    related_heads=("精彩推荐", "本站推荐", "看了本文的人还看了", "热门阅读", "最新文章", "你可能感兴趣的"),
    related_marks=("", " (阅读全文)", " 〉〉", "　更多>>"),
    keyword_labels=("本文关键词:", "关键字：", "热词：", "TAG标签："),
    area_labels=("服务区域：", "业务覆盖：", "分站：", "城市分站："),
    address_labels=("门店地址：", "服务网点：", "联系地址："),
    sitemap_paths=("/sitemap1.xml", "/site-map.html", "/baidu_sitemap.xml", "/sitemap/index.html", "/sm.txt"),
    tlds=(".com", ".cn", ".net", ".cc", ".top", ".vip"),
    products=("防水补漏", "货运专线", "不锈钢水箱", "刻章", "白蚁防治", "母婴护理", "叉车租赁", "钢板桩"),
    site_suffixes=("网", "信息港", "服务网", "在线", "平台"),
    services=("维修", "医院", "体育", "国际app", "娱乐", "网", "4S店", "售后服务电话", "专卖店", "汽车租赁",
              "二手车评估", "培训学校", "装饰公司", "律师事务所", "搬家公司", "月嫂公司", "开锁换锁"),
    medical_heads=("专科医院", "医院哪家好", "治疗中心", "特效药", "专家门诊"),
    food_heads=("加盟", "加盟店", "培训班", "技术培训", "批发"),
    loan_heads=("中介", "公司", "快速办理", "当天放款", "代办"),
    gambling_suffixes=("娱乐城", "真人娱乐", "棋牌app", "彩票网", "体育官网", "国际娱乐", "官方下载"),
    nav=("返回首页", "企业简介", "产品中心", "新闻动态", "在线留言", "联系方式"),
    counters=("热烈欢迎您的光临！您是第{n}位访问者", "本月访问{n}人次　累计{m}人次", "欢迎来访，祝您心情愉快，万事顺意！",
              "网站已运行{n}天{k}小时", "在线人数：{k}　今日IP：{n}", "感谢您第{k}次访问本站，欢迎再来！",
              "愿您在这里找到快乐，常回来看看！"),
    essay_kinds=("作文{n}字", "作文素材", "初中作文", "高考满分作文", "小学生日记"),
    quote_kinds=("名言名句", "经典语句大全", "说说心情短语", "语录精选"),
    essay_topics=("我的家乡", "那一刻我长大了", "温暖", "读书的乐趣", "我的好朋友", "走进秋天", "父爱", "坚持"),
    lottery_heads=("开奖结果", "走势图", "预测分析", "开奖直播"),
    charsets=("utf-8", "gbk", "utf-8", "gb18030", "gb2312", "utf-8", "gbk"),
)


# ----------------------------------------------------------------------------- material


@dataclass
class MaterialD:
    zh: list[Article]  # articles with a headline of their own (text dumps or HTML)
    zh_html: list[Article]  # articles whose headline is only a <title> (HTML only)
    en: list[Article]
    foreign: list[str]  # sentences to paste
    fragments: list[str]  # clauses of reviews for mixed stuffing lines
    places: list[str]  # well-known short place names
    counties: list[str]  # county-level names (…县/市/区/旗)
    roads: list[str]
    cars: list[str]
    diseases: list[str]
    foods: list[str]
    finance: list[str]
    gambling: list[str]  # gambling stems / names shown by real gambling pages
    gambling_text: list[str]  # real gambling/lottery page sentences
    lotteries: list[str]
    sources: dict[str, str] = field(default_factory=dict)


# lines with contact/shop furniture of their own, or explicit content, are not used as articles
_FURNITURE = re.compile(r"微信|QQ|qq|http|www\.|电话|热线|客服|扫码|关注我们|本文来源|责任编辑"
                        r"|首页|»|>>|上一篇|下一篇|返回|约炮|做爱|啪啪|性爱|性交|阴道|阴茎|处男|处女|色情|裸体")
_Q_TITLE = re.compile(r"^(.{6,40}?[？?])")
_ORIG = re.compile(r"原标题[：:]")
_DATELINE = re.compile(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:\d{1,2}时)?(?:电|讯|消息|上午|下午|晚间|晚|早间|凌晨|，)")
_OUTLET = re.compile(r"新华网|中新网|人民网|央广网|央视网|腾讯|新浪|网易|搜狐|凤凰网|中国[\u4e00-\u9fff]{2}网|[\u4e00-\u9fff]{2}日报")
_ENTRY = re.compile(r"^([^\s，。（(：:“”]{2,10})(?:（[^）]{1,40}）|，[^，。]{2,20}(?:人|之一)[，。]|是指|是一[个种座家位部所条款])")
_SUBJECT = re.compile(r"^([^\s，。（(：:“”]{2,12})(?:（[^）]{1,40}）)?(?:，|是)")


def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u3000", " ")).strip()


def load_clue_articles(path: Path, repo: str = "dbiir/UER-py") -> tuple[list[Article], list[Article]]:
    """Articles of the CLUECorpusSmall sample (one document a line).

    A headline is recognised in four forms: a news headline followed by ``原标题：``, a news
    headline glued to its dateline (``…受审3月25日上午…``), a question ending in ？ that opens a
    post, and the subject that opens an encyclopedia entry (``X（…）…``, ``X是…``). Every other long
    line is an article whose headline is unknown: it becomes an HTML page whose ``<title>`` is its
    opening (its first clause)."""
    titled, untitled, seen = [], [], set()
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines()):
        line = _clean(html.unescape(raw))
        if not (260 <= len(line) <= 3200) or _FURNITURE.search(line) or len(CJK.findall(line)) < 0.6 * len(line):
            continue
        key = line[:24]
        if key in seen:
            continue
        seen.add(key)
        title, body = None, line
        m = _ORIG.search(line)
        d = _DATELINE.search(line[:70])
        q = _Q_TITLE.match(line)
        e = _ENTRY.match(line)
        if m and 6 <= m.start() <= 40:
            title, body = line[:m.start()].strip(), line[m.end():]
        elif d and 8 <= d.start() <= 40 and not re.search(r"[，。！？；：]", line[:d.start()]):
            cut = d.start()
            src = None
            for src in _OUTLET.finditer(line[:cut]):
                pass
            if src and src.start() >= 8:  # the outlet glued between headline and dateline opens the body
                cut = src.start()
            title, body = line[:cut].strip(), line[cut:]
        elif q and not re.search(r"[，。！]", q.group(1)):
            title, body = q.group(1), line[q.end():].strip()
        elif e:
            title = e.group(1)  # the entry opens with its subject: the body keeps it
        sents = split_sentences(body)
        if len(sents) < 3 or len(body) < 220:
            continue
        paras = tuple(p.strip() for p in group_paragraphs(sents, 150) if p.strip())
        src = f"{repo}:corpora/CLUECorpusSmall_sampled.txt#line{n + 1}"
        if title:
            titled.append(Article(f"clue:{n + 1}", title, paras, src, "zh"))
        else:
            s = _SUBJECT.match(line)
            head = s.group(1) if s else re.split(r"[，。！？；：\s]", line, maxsplit=1)[0][:24]
            if len(head) < 2:
                continue
            untitled.append(Article(f"clue:{n + 1}", head, paras, src, "zh"))
    return titled, untitled


def load_news_commentary(path: Path, repo: str = "dbiir/UER-py") -> tuple[list[Article], list[str]]:
    """English articles (a headline line, then its sentences) and the Chinese sentences of the
    News Commentary sample (pasted into other articles)."""
    rows = [html.unescape(r).split("\t") for r in path.read_text(encoding="utf-8").splitlines()]
    rows = [(_clean(a), _clean(b)) for a, b in (r for r in rows if len(r) == 2)]
    arts: list[tuple[str, list[str]]] = []
    zh: list[str] = []
    for en, z in rows:
        words = en.split()
        if en and len(words) <= 12 and en[0].isupper() and not re.search(r"[.?!:;,\"”’)]$", en):
            arts.append((en, []))
        elif arts:
            arts[-1][1].append(en)
        for s in split_sentences(z):
            if 14 <= len(s) <= 70 and s[-1] in "。！？" and not re.search(r"[“”\"（）()<>《》]", s):
                zh.append(s)
    out = []
    for i, (title, sents) in enumerate(arts):
        sents = [s for s in sents if len(s) >= 30 and s[-1] in ".?!\"”"]
        if len(sents) < 6:
            continue
        paras = tuple(" ".join(sents[k:k + 3]) for k in range(0, min(len(sents), 24), 3))
        out.append(Article(f"nc:{i}", title, paras, f"{repo}:corpora/news-commentary-v13-en-zh_sampled.txt#{i}", "en"))
    return out, list(dict.fromkeys(zh))


def load_review_fragments(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        for part in re.split(r"[，。！？；,.!?\s]+", line):
            part = part.strip()
            if 5 <= len(part) <= 14 and len(CJK.findall(part)) == len(part):
                out.append(part)
    return list(dict.fromkeys(out))


def _thuocl(path: Path) -> list[tuple[str, int]]:
    out = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        parts = line.replace(" ", "").split("\t")
        if len(parts) >= 2 and parts[1].strip().isdigit():
            out.append((parts[0].strip(), int(parts[1])))
    return out


def load_places(path: Path) -> tuple[list[str], list[str], list[str]]:
    words = _thuocl(path)
    only_cjk = [(w, f) for w, f in words if w and len(CJK.findall(w)) == len(w)]
    not_a_place = re.compile(r"(?:城区|市区|郊区|小区|园区|景区|社区|开发区|新区|湾区|特区|库区|矿区|灾区|坝区|山区|工业区|地区|行政区|生活区|城镇|"
                             r"校区|厂区|辖区|一区|二区|三区|省市|县市|全市|全县|全省|本市|本县|城市|超市|股市|楼市|车市|"
                             r"夜市|早市|门市|上市|黑市|集市|菜市)$")
    places = sorted({w for w, f in only_cjk if 3 <= len(w) <= 4 and f >= 300
                     and re.search(r"(?:省|市|县|区|旗|镇)$", w) and not not_a_place.search(w)})
    counties = sorted({w for w, f in only_cjk if 3 <= len(w) <= 5 and f >= 20 and re.search(r"(?:县|市|区|旗)$", w)
                       and not not_a_place.search(w)})
    roads = sorted({w for w, f in only_cjk if 3 <= len(w) <= 5 and f >= 5 and re.search(r"(?:路|街|大道)$", w)})
    return places, counties, roads


def load_words(path: Path, pattern: str, lo: int, hi: int, min_freq: int) -> list[str]:
    rx = re.compile(pattern)
    return sorted({w for w, f in _thuocl(path) if lo <= len(w) <= hi and f >= min_freq and rx.search(w)
                   and len(CJK.findall(w)) == len(w)})


_LOTTERY = re.compile(r"时时彩|分彩|11选5|快3|快乐(?:8|10|十分)|3D|排列[三五3]|赛车|六合彩|双色球|大乐透|PK10|快8|快10|福彩")
_UI_WORD = re.compile(r"请|您|输入|确定|取消|登录|登陆|注册|返回|分钟|\d")
_TS_STRING = re.compile(r"""(?:"|'|`|>)([^"'`<>{}\n]{2,120})(?:"|'|`|<)""")
_HALL = re.compile(r"^([\u4e00-\u9fff]{2,4})(?:坊|馆|厅|城|会|彩票|娱乐)")


def load_gambling(s36: Path, qucai: Path) -> tuple[list[str], list[str], list[str]]:
    """Names and sentences of two real gambling code bases: the hall, platform, lottery and slot-game
    names a live-casino app lists, and the visible Chinese sentences of both code bases' pages."""
    names: set[str] = set()
    lotteries: set[str] = set()
    text: list[str] = []
    files = sorted(p for p in (s36 / "src").rglob("*") if p.suffix in (".ts", ".html")) if s36.exists() else []
    files += sorted(qucai.rglob("*.php")) if qucai.exists() else []
    for f in files:
        raw = f.read_text(encoding="utf-8", errors="replace")
        for m in _TS_STRING.finditer(raw):
            s = _clean(m.group(1))
            cjk = len(CJK.findall(s))
            if cjk < 2:
                continue
            if re.fullmatch(r"[\u4e00-\u9fff0-9.]{2,8}", s) and _LOTTERY.search(s) and not re.search(r"博彩|规则|运动", s):
                lotteries.add(s)
            elif re.fullmatch(r"[\u4e00-\u9fff]{2,6}", s) and f.name.startswith(("slotgame", "livecasino")) \
                    and not _UI_WORD.search(s):
                names.add(s)
            hall = _HALL.match(s)
            if hall and not _UI_WORD.search(hall.group(1)):
                names.add(hall.group(1))
            for sent in split_sentences(s):
                if 10 <= len(sent) <= 80 and len(CJK.findall(sent)) >= 8 and not re.search(r"[{}$=;]|//", sent):
                    text.append(sent)
    return sorted(names), list(dict.fromkeys(text)), sorted(lotteries)


def load_material(src: Path) -> MaterialD:
    uer, th = src / "uer/corpora", src / "thuocl/data"
    zh, zh_html = load_clue_articles(uer / "CLUECorpusSmall_sampled.txt")
    en, foreign = load_news_commentary(uer / "news-commentary-v13-en-zh_sampled.txt")
    fragments = load_review_fragments(uer / "chnsenticorp.txt")
    places, counties, roads = load_places(th / "THUOCL_diming.txt")
    # brand and model names: the lexicon's car words without its generic and part words
    cars = [w for w in load_words(th / "THUOCL_car.txt", r"^[\u4e00-\u9fff]{2,4}$", 2, 4, 15000)
            if not re.search(r"车|油|灯|玻璃|空间|标准|价格|安全|贸易|格栅|泵|板|顶|钉|位|尾|火|挡|保|驾|展|馆|道|具|表|件|动|"
                             r"引|矩|站|校|合|瓶|部|控|型|级", w)]
    diseases = load_words(th / "THUOCL_medical.txt", r"(?:病|炎|症|癣|痘|斑|疹|痔|结石|不孕|早泄|狐臭)$", 2, 5, 300)
    foods = load_words(th / "THUOCL_food.txt", r"(?:鸡|鸭|鱼|面|粉|饼|锅|包|虾|肉|串|粥|糕)$", 2, 4, 3000)
    finance = [w for w in load_words(th / "THUOCL_caijing.txt", r"(?:贷款|借款|信用卡|理财|房贷|信贷)$", 2, 5, 50)
               if "人" not in w]
    gambling, gambling_text, lotteries = load_gambling(src / "s36", src / "qucai")
    return MaterialD(
        zh=zh, zh_html=zh_html, en=en, foreign=foreign, fragments=fragments, places=places,
        counties=counties, roads=roads, cars=cars, diseases=diseases, foods=foods, finance=finance,
        gambling=gambling, gambling_text=gambling_text, lotteries=lotteries,
        sources={
            "zh": "dbiir/UER-py corpora/CLUECorpusSmall_sampled.txt",
            "foreign": "dbiir/UER-py corpora/news-commentary-v13-en-zh_sampled.txt (zh side)",
            "en": "dbiir/UER-py corpora/news-commentary-v13-en-zh_sampled.txt (en side)",
            "fragments": "dbiir/UER-py corpora/chnsenticorp.txt",
            "places": "thunlp/THUOCL data/THUOCL_diming.txt",
            "commercial": "thunlp/THUOCL data/THUOCL_car.txt, THUOCL_medical.txt, THUOCL_food.txt, THUOCL_caijing.txt",
            "gambling": "jeffyzxc/s36app src/data, src/pages; dragonzhu88/ci_framework application/views/h5",
        })


# ----------------------------------------------------------------------------- pages


@dataclass
class PageD:
    pid: str
    kind: str  # article | junk | spam_only
    title: str
    body: list[str]  # paragraphs as shown
    article: list[str]  # gold paragraphs (empty for junk)
    lang: str = "zh"
    h1: bool = True  # HTML: show the title as a heading (False: only in <title>)
    head: list[str] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    links_head: str = ""
    hidden: list[str] = field(default_factory=list)
    title_tag: str | None = None
    meta_keywords: str | None = None
    meta_description: str | None = None
    table: list[tuple[str, str]] | None = None
    table_caption: str = ""
    single_p: bool = False  # HTML: the whole article in one <p>, sentences on their own lines
    site: str = ""
    layout: int = 0
    charset: str = "utf-8"
    declare: bool = True  # HTML: declare the charset
    indent: str = ""  # text dumps: paragraph indentation
    must_keep: list[str] = field(default_factory=list)
    must_drop: list[str] = field(default_factory=list)
    families: set[int] = field(default_factory=set)
    cluster: str | None = None
    source: str = "generated"
    notes: list[str] = field(default_factory=list)

    @property
    def is_html(self) -> bool:
        return self.pid.endswith(".html")


@dataclass(frozen=True)
class Site:
    group: str
    name: str
    layout: int
    charset: str
    html_share: float
    indent: str


# ----------------------------------------------------------------------------- generators


class GenD:
    """Spam strings of family D, drawn from the material with one random stream."""

    def __init__(self, mat: MaterialD, rng: random.Random, fam: FamilyD = FAMILY_D):
        self.m, self.r, self.f = mat, rng, fam

    def place(self) -> str:
        return self.r.choice(self.m.places)

    def county(self) -> str:
        return self.r.choice(self.m.counties)

    def short(self, name: str) -> str:
        return name[:-1] if len(name) >= 3 and name[-1] in "省市县区" else name

    def commercial(self) -> str:
        k = self.r.random()
        if k < 0.3 and self.m.cars:
            return self.r.choice(self.m.cars) + self.r.choice(self.f.services[:8])
        if k < 0.5 and self.m.diseases:
            return self.short(self.place()) + self.r.choice(self.m.diseases) + self.r.choice(self.f.medical_heads)
        if k < 0.65 and self.m.foods:
            return self.r.choice(self.m.foods) + self.r.choice(self.f.food_heads)
        return self.short(self.place()) + self.r.choice(self.f.services)

    def loan(self) -> str:
        fin = self.r.choice(self.m.finance) if self.m.finance else "贷款"
        return self.short(self.place()) + fin + self.r.choice(self.f.loan_heads)

    def gambling(self) -> str:
        stem = self.r.choice(self.m.gambling) if self.m.gambling else self.short(self.place())
        return stem + self.r.choice(self.f.gambling_suffixes)

    def keyword(self) -> str:
        k = self.r.random()
        return self.commercial() if k < 0.5 else self.loan() if k < 0.7 else self.gambling()

    def host(self) -> str:
        letters = "abcdefghjkmnpqrstwxyz"
        stem = "".join(self.r.choice(letters) for _ in range(self.r.randint(3, 6)))
        return f"{self.r.choice(('www.', 'm.', ''))}{stem}{self.r.randint(1, 999)}{self.r.choice(self.f.tlds)}"

    def site_name(self) -> str:
        return self.short(self.place()) + self.r.choice(self.f.products) + self.r.choice(self.f.site_suffixes)

    def place_list(self, n: int) -> str:
        sep = self.r.choice(self.f.list_seps)
        names = self.r.sample(self.m.places, min(n, len(self.m.places)))
        if self.r.random() < 0.5:
            names = [self.short(x) for x in names]
        return sep.join(names)

    def address_lines(self, n: int) -> list[str]:
        label = self.r.choice(self.f.address_labels)
        return [f"{label}{self.place()}{self.r.choice(self.m.roads)}{self.r.randint(1, 399)}号" for _ in range(n)]

    def stuffing(self, n: int) -> str:
        sep = self.r.choice(self.f.stuff_seps)
        return sep.join(self.keyword() for _ in range(n))

    def mixed(self) -> str:
        parts = []
        for _ in range(self.r.randint(3, 5)):
            parts.append(self.keyword())
            parts.append(self.r.choice(self.m.fragments))
        return self.r.choice(("", " ", "，")).join(parts)

    def keyword_line(self) -> str:
        label = self.r.choice(self.f.keyword_labels)
        sep = self.r.choice((",", "，", " ", "、"))
        return label + sep.join(self.keyword() for _ in range(self.r.randint(2, 4)))

    def sitemap(self, n: int) -> list[str]:
        host = self.host()
        return [f"http://{host}{path}" for path in self.r.sample(self.f.sitemap_paths, min(n, len(self.f.sitemap_paths)))]

    def foreign(self) -> str:
        return self.r.choice(self.m.foreign)


def _comma_points(para: str) -> list[int]:
    """Positions just after a ， that is inside a sentence and has text on both sides."""
    out = []
    for m in re.finditer("，", para):
        i = m.end()
        if 4 <= m.start() and i + 6 <= len(para) and para[m.start() - 1] not in "”」）)" \
                and not re.match(r"[“「（(]", para[i:i + 1]):
            out.append(i)
    return out


def inject(rng: random.Random, para: str, kw: str, style: str) -> tuple[str, str, str] | None:
    """Injects ``kw`` into ``para`` between commas. Returns (shown paragraph, must_drop with the two
    characters before it, must_keep spanning the repaired join) or None when the paragraph has no
    usable comma."""
    pts = _comma_points(para)
    if not pts:
        return None
    i = rng.choice(pts)
    left, right = para[:i], para[i:]
    if style == "comma":
        shown, drop = f"{left}{kw}，{right}", f"{left[-3:]}{kw}，"
    elif style == "ascii":
        shown, drop = f"{left[:-1]},{kw},{right}", f"{left[-3:-1]},{kw},"
    elif style == "paren":
        shown, drop = f"{left[:-1]}（{kw}），{right}", f"{left[-3:-1]}（{kw}）"
    else:  # glued after the comma, no comma of its own
        shown, drop = f"{left}{kw}{right}", f"{left[-3:]}{kw}"
    keep = para[max(0, i - 7):i + 6]
    return shown, drop, keep


def paste(rng: random.Random, para: str, sent: str) -> str | None:
    """Inserts ``sent`` between two sentences of ``para`` (never first or last)."""
    sents = split_sentences(para)
    if len(sents) < 2:
        return None
    k = rng.randint(1, len(sents) - 1)
    return "".join(sents[:k]) + sent + "".join(sents[k:])


def keep_sentences(rng: random.Random, paras: list[str], avoid: set[int], n: int) -> list[str]:
    cands = []
    for i, p in enumerate(paras):
        if i in avoid:
            continue
        cands += [s for s in split_sentences(p) if 12 <= len(s) <= 90]
    rng.shuffle(cands)
    return cands[:n]


class BuilderD:
    def __init__(self, mat: MaterialD, seed: int, fam: FamilyD = FAMILY_D):
        self.m, self.f = mat, fam
        self.r = random.Random(seed)
        self.g = GenD(mat, self.r, fam)
        self.zh = list(mat.zh)
        self.zh_html = list(mat.zh_html)
        self.en = list(mat.en)
        for pool in (self.zh, self.zh_html, self.en):
            self.r.shuffle(pool)
        self.used_titles: list[str] = []
        self.counter = 0
        self.sites = [self._site(i) for i in range(36)]

    def _site(self, i: int) -> Site:
        return Site(group=f"d{i:02d}", name=self.g.site_name(), layout=(0, 1, 0, 1, 0, 2)[i % 6],
                    charset=self.f.charsets[i % len(self.f.charsets)], html_share=(0.25, 0.6, 0.9)[i % 3],
                    indent=("", "　　", "  ")[(i // 3) % 3])

    # -- page plumbing

    def take(self, want_html: bool, lang: str = "zh") -> tuple[Article, bool] | None:
        """An unused article and whether it has a headline of its own. A text dump needs one; an
        HTML page takes either kind (an article without a headline shows it only in <title>)."""
        if lang == "en":
            return (self.en.pop(), True) if self.en else None
        first, second = (self.zh_html, self.zh) if want_html and self.r.random() < 0.7 else (self.zh, self.zh_html)
        if first:
            return first.pop(), first is self.zh
        if second:
            return second.pop(), second is self.zh
        return None

    def take_matching(self, rx: re.Pattern) -> tuple[Article, bool, str] | None:
        """An unused article with a sentence matching ``rx`` (a real quotation, say), and that sentence."""
        for pool in (self.zh_html, self.zh):
            for k in range(len(pool) - 1, -1, -1):
                for para in pool[k].paras:
                    hit = next((s for s in split_sentences(para) if rx.search(s) and 12 <= len(s) <= 90), None)
                    if hit:
                        return pool.pop(k), pool is self.zh, hit
        return None

    def new_page(self, art: Article | None, site: Site, html_: bool, kind: str = "article") -> PageD:
        self.counter += 1
        ext = "html" if html_ else "txt"
        pid = f"{site.group}/{self.counter:04d}.{ext}"
        title = art.title if art else ""
        paras = list(art.paras) if art else []
        charset = site.charset if html_ else "utf-8"
        p = PageD(pid=pid, kind=kind, title=title, body=list(paras), article=list(paras) if kind == "article" else [],
                  lang=art.lang if art else "zh", site=site.name, layout=site.layout, charset=charset,
                  indent=site.indent, source=art.source if art else "generated")
        return p

    def article_page(self, site: Site, html_: bool | None = None, lang: str = "zh",
                     got: tuple[Article, bool] | None = None) -> PageD | None:
        want_html = html_ if html_ is not None else self.r.random() < site.html_share
        got = got or self.take(want_html, lang)
        if got is None:
            return None
        art, titled = got
        p = self.new_page(art, site, want_html or not titled)
        p.h1 = titled
        if titled and lang == "zh" and len(art.title) >= 8:
            self.used_titles.append(art.title)
        return p

    def add_keep(self, p: PageD, n: int = 4, avoid: set[int] | None = None) -> None:
        p.must_keep += keep_sentences(self.r, p.article, avoid or set(), n)
        if not p.is_html and p.title and self.r.random() < 0.5:
            p.must_keep.append(p.title)

    # -- families

    def f1_places(self, p: PageD, heavy: bool = False) -> None:
        k = self.r.random()
        n = self.r.randint(60, 160) if heavy else self.r.randint(12, 50)
        if k < 0.45:
            line = self.g.place_list(n)
            p.head.insert(0, line)
        elif k < 0.7:
            line = self.r.choice(self.f.area_labels) + self.g.place_list(n)
            p.tail.append(line)
        elif k < 0.85:
            lines = self.g.address_lines(self.r.randint(3, 8))
            p.tail += lines
            p.must_drop += lines[:3]
            p.families.add(1)
            return
        else:
            line = self.g.place_list(n)
            if p.is_html:
                p.hidden.append(line)
            else:
                p.tail.append(line)
        p.must_drop.append(_chunk(line, self.r))
        p.families.add(1)

    def f2_stuffing(self, p: PageD) -> None:
        if self.r.random() < 0.5:
            line = self.g.stuffing(self.r.randint(4, 9))
            (p.head if self.r.random() < 0.5 else p.tail).append(line)
            p.must_drop.append(_chunk(line, self.r))
        else:  # keyword tail glued to the last paragraph
            kws = [self.g.keyword() for _ in range(self.r.randint(1, 3))]
            glue = self.r.choice(self.f.tail_glue)
            tail = "".join(glue.format(kw=k) if "{kw}" in glue else glue + k for k in kws)
            p.body[-1] = p.body[-1] + tail
            p.must_drop += kws
        p.families.add(2)

    def f3_inject(self, p: PageD, kinds: tuple[str, ...] = ("commercial", "loan", "gambling", "place"),
                  count: int | None = None) -> set[int]:
        touched: set[int] = set()
        for _ in range(count or self.r.randint(1, 3)):
            kind = self.r.choice(kinds)
            kw = {"commercial": self.g.commercial, "loan": self.g.loan, "gambling": self.g.gambling,
                  "place": self.g.county}[kind]()
            if norm(kw) in norm("".join(p.article)):
                continue
            order = list(range(len(p.body)))
            self.r.shuffle(order)
            for i in order:
                if i in touched or i >= len(p.article) or p.body[i] != p.article[i]:
                    continue
                style = self.r.choice(("comma", "comma", "ascii", "paren", "glued"))
                res = inject(self.r, p.body[i], kw, style)
                if res is None:
                    continue
                p.body[i], drop, keep = res
                p.must_drop.append(drop)
                p.must_keep.append(keep)
                touched.add(i)
                p.families |= {3, 8} if kind == "gambling" else {3}
                break
        return touched

    def f4_titles(self, p: PageD) -> None:
        site = p.site
        if p.is_html:
            p.title_tag = self.r.choice((f"{p.title}_{site}_{site}", f"{site}{site}-{p.title}", f"{p.title}-{site}"))
            p.head.append(self.r.choice((f"{site}{site}", f"{site} 　{' | '.join(self.f.nav[:4])}")))
            p.must_drop.append(f"{site}{site}" if f"{site}{site}" in p.head[-1] else p.head[-1])
        else:
            line = self.r.choice((f"{site}{site}", f"{site}——{site}", f"{site}{self.r.choice(self.f.nav)}"))
            p.head.insert(0, line)
            p.must_drop.append(line)
        p.families.add(4)

    def f5_pasted(self, p: PageD, n: int | None = None) -> set[int]:
        touched: set[int] = set()
        for _ in range(n or self.r.randint(1, 2)):
            sent = self.g.foreign()
            if self.r.random() < 0.55:
                order = [i for i in range(min(len(p.body), len(p.article))) if p.body[i] == p.article[i]]
                self.r.shuffle(order)
                for i in order:
                    new = paste(self.r, p.body[i], sent)
                    if new:
                        p.body[i] = new
                        touched.add(i)
                        break
                else:
                    continue
            else:  # an extra paragraph (an extra <p> in HTML)
                k = self.r.randint(1, max(1, len(p.body) - 1))
                p.body.insert(k, sent)
                p.article.insert(k, "")  # keeps gold and shown paragraphs aligned; blank lines are dropped
            p.must_drop.append(sent)
            p.families.add(5)
        return touched

    def f6_mixed(self, p: PageD) -> None:
        line = self.g.mixed()
        if self.r.random() < 0.5:
            k = self.r.randint(1, max(1, len(p.body) - 1))
            p.body.insert(k, line)
            p.article.insert(k, "")
        else:
            (p.head if self.r.random() < 0.4 else p.tail).append(line)
        p.must_drop.append(_chunk(line, self.r, 14))
        p.families.add(6)

    def f7_links(self, p: PageD) -> None:
        k = self.r.random()
        if k < 0.4 and len(self.used_titles) > 8:
            others = [t for t in self.used_titles[:-1] if t != p.title]
            heads = self.r.sample(others, min(len(others), self.r.randint(4, 8)))
            mark = self.r.choice(self.f.related_marks)
            p.links = [h + mark for h in heads]
            p.links_head = self.r.choice(self.f.related_heads)
            p.must_drop += heads[:3]
        elif k < 0.7:
            line = self.g.keyword_line()
            p.tail.append(line)
            p.must_drop.append(line)
        else:
            urls = self.g.sitemap(self.r.randint(2, 5))
            p.tail += urls
            p.must_drop += urls[:2]
        p.families.add(7)

    def f8_gambling_title(self, p: PageD) -> None:
        name = self.g.gambling()
        if p.is_html:
            p.title_tag = f"{name}_{p.title}" if self.r.random() < 0.5 else f"{p.title}-{name}"
            p.meta_keywords = ",".join([name, self.g.gambling(), self.g.gambling()])
            p.head.append(f"{name}　{self.r.choice(self.m.gambling_text)}" if self.m.gambling_text else name)
            p.must_drop.append(name)
        else:
            line = self.r.choice((f"{name}{name}", f"{name}_{self.g.gambling()}", f"{name}-{p.site}"))
            p.head.insert(0, line)
            p.must_drop.append(line)
        p.families.add(8)

    # -- page kinds

    def spam_article(self, site: Site, fams: list[int], heavy: bool = False) -> PageD | None:
        p = self.article_page(site)
        if p is None:
            return None
        avoid: set[int] = set()
        for fam in fams:
            if fam == 1:
                self.f1_places(p, heavy)
            elif fam == 2:
                self.f2_stuffing(p)
            elif fam == 3:
                avoid |= self.f3_inject(p)
            elif fam == 4:
                self.f4_titles(p)
            elif fam == 5:
                avoid |= self.f5_pasted(p)
            elif fam == 6:
                self.f6_mixed(p)
            elif fam == 7:
                self.f7_links(p)
            elif fam == 8:
                self.f8_gambling_title(p)
                if self.r.random() < 0.5:
                    avoid |= self.f3_inject(p, ("gambling",), 1)
        if heavy:
            for extra in (self.f2_stuffing, self.f7_links, self.f6_mixed):
                extra(p)
            p.notes.append("heavily hijacked: the spam outweighs the article")
        self.add_keep(p, avoid=avoid)
        return p

    def injection_only(self, site: Site, kind: str) -> PageD | None:
        """One keyword between commas and no other evidence on the page."""
        p = self.article_page(site)
        if p is None:
            return None
        touched = self.f3_inject(p, (kind,), 1)
        if not touched:
            return None
        p.notes.append(f"single injected {kind} name, no other evidence")
        self.add_keep(p, 3, touched)
        return p

    def pasted_only(self, site: Site) -> PageD | None:
        p = self.article_page(site)
        if p is None:
            return None
        touched = self.f5_pasted(p, self.r.randint(1, 2))
        self.add_keep(p, 3, touched)
        return p

    def english(self, site: Site, spam: bool) -> PageD | None:
        p = self.article_page(site, html_=self.r.random() < 0.6, lang="en")
        if p is None:
            return None
        p.families.add(12)
        if spam:
            self.f7_links(p)
            p.families.discard(12)
            name = self.g.gambling()
            p.tail.append(name)
            p.must_drop.append(name)
            p.families.add(8)
        p.must_keep += [s for s in (x.split(". ")[0] for x in p.article[:3]) if len(s) > 25][:3]
        return p

    # sentences a guard page must keep: real sentences of the crawled articles, never inserted ones
    # (a sentence inserted into an unrelated article is what a pasted sentence is)
    GUARD_SENTENCES = {
        "quote": r"“[^”]{4,}”",
        "names": r"[\u4e00-\u9fff]{2,}·[\u4e00-\u9fff]{2,}",
        "places": r"(?:[\u4e00-\u9fff]{1,5}(?:省|市|县|区|州|镇)、){2,}[\u4e00-\u9fff]{1,5}(?:省|市|县|区|州|镇)",
        "products": r"(?:[\u4e00-\u9fff]{2,6}、){3,}[\u4e00-\u9fff]{2,6}",
        "numbers": r"\d+(?:\.\d+)?(?:亿|万|%|％|公里|吨)[^。！？]*?\d+(?:\.\d+)?(?:亿|万|%|％|公里|吨)",
    }

    def guard(self, site: Site, kind: str) -> PageD | None:
        got = None
        sentence = ""
        if kind in self.GUARD_SENTENCES:  # a real article with such a sentence; the sentence must stay
            found = self.take_matching(re.compile(self.GUARD_SENTENCES[kind]))
            if found is None:
                return None
            got, sentence = (found[0], found[1]), found[2]
        p = self.article_page(site, html_=True if kind in ("single_p", "table") else None, got=got)
        if p is None:
            return None
        p.families.add(12)
        if sentence:
            p.must_keep.append(sentence)
            p.notes.append(f"guard: {kind}")
        elif kind == "table":
            names = self.r.sample(self.m.counties, self.r.randint(5, 9))
            p.table = [(n, f"{stable_hash(n + p.pid) % 900 + 50}") for n in names]
            p.table_caption = self.r.choice(("各地降水量统计（毫米）", "各县区参与人数", "各地报名人数一览"))
            p.must_keep.append(p.table_caption)  # cells are joined differently by different extractors
        elif kind == "heading":  # numbered section headings on lines of their own
            heads = [h for h in ("一、基本情况", "二、主要做法", "三、存在的问题", "四、下一步打算")][:max(1, len(p.article) // 2)]
            for k, h in enumerate(heads):
                at = min(len(p.article), k * 2 + k)
                p.article.insert(at, h)
                p.body.insert(at, h)
            p.must_keep.append(heads[-1])
        elif kind == "short":
            p.body, p.article = p.body[:1], p.article[:1]
        elif kind == "single_p":
            p.single_p = True
            p.notes.append("the whole article in one <p>, one sentence a line")
        self.add_keep(p, 3)
        return p

    def junk(self, site: Site, kind: str) -> PageD:
        html_ = self.r.random() < 0.6
        p = self.new_page(None, site, html_, "spam_only" if kind in ("keywords", "doorway") else "junk")
        p.families.add(10)
        r = self.r
        if kind == "counter":
            p.title = r.choice(("欢迎光临", "个人主页", "我的小站", "留言本"))
            lines = [x.format(n=r.randint(100, 99999), m=r.randint(100000, 9999999), k=r.randint(2, 99))
                     for x in r.sample(self.f.counters, 5)]
            p.body = lines + [" | ".join(self.f.nav[:4])]
        elif kind == "essay":
            topic = r.choice(self.f.essay_topics)
            p.title = topic + r.choice(self.f.essay_kinds).format(n=r.choice((300, 400, 500, 600, 800)))
            p.links = [f"{r.choice(self.f.essay_topics)}{r.choice(self.f.essay_kinds).format(n=r.choice((200, 450, 700)))}"
                       for _ in range(r.randint(12, 25))]
            p.links_head = "相关作文"
            p.body = [f"{topic}{r.choice(self.f.essay_kinds).format(n=500)}栏目为大家整理了相关内容。"]
        elif kind == "quotes":
            p.title = r.choice(self.f.quote_kinds)
            p.links = [f"{r.choice(self.f.essay_topics)}的{r.choice(self.f.quote_kinds)}" for _ in range(r.randint(10, 20))]
            p.links_head = "热门专题"
            p.body = [r.choice(self.m.fragments) for _ in range(4)]
        elif kind == "lottery":
            name = r.choice(self.m.lotteries) if self.m.lotteries else "时时彩"
            p.title = name + r.choice(self.f.lottery_heads)
            p.body = [f"第{2019000 + r.randint(1, 999)}期　{' '.join(f'{r.randint(0, 9)}' for _ in range(5))}"
                      for _ in range(r.randint(10, 18))]
            p.body += r.sample(self.m.gambling_text, min(3, len(self.m.gambling_text)))
            p.links = [x + r.choice(self.f.lottery_heads) for x in r.sample(self.m.lotteries, min(6, len(self.m.lotteries)))]
            p.links_head = "彩种大厅"
        elif kind == "casino":
            names = r.sample(self.m.gambling, min(8, len(self.m.gambling)))
            p.title = f"{names[0]}{r.choice(self.f.gambling_suffixes)}"
            p.body = r.sample(self.m.gambling_text, min(6, len(self.m.gambling_text)))
            p.links = [n + r.choice(self.f.gambling_suffixes) for n in names]
            p.links_head = "游戏大厅"
        elif kind == "keywords":
            p.title = self.g.keyword()
            p.body = [self.g.stuffing(r.randint(6, 12)) for _ in range(r.randint(3, 6))]
            p.must_drop.append(_chunk(p.body[0], r))
        else:  # doorway: sentences pasted from unrelated articles and keywords
            p.title = self.g.keyword()
            p.body = [self.g.keyword() + "".join(self.g.foreign() for _ in range(3)) for _ in range(r.randint(3, 5))]
        p.notes.append(f"junk: {kind}")
        return p

    def cluster(self, cid: str, sites: list[Site]) -> list[PageD]:
        got = self.take(False)
        if got is None or not got[1]:
            return []
        art, _ = got
        pages = []
        edits = self.r.choice(("drop_para", "byline", "none"))
        for k, site in enumerate(sites):
            html_ = k == 1 or (k == 2 and self.r.random() < 0.5)
            p = self.new_page(art, site, html_)
            p.cluster = cid
            p.families.add(11)
            if k == 0:
                self.f1_places(p)
                self.f2_stuffing(p)
            elif k == 1:
                self.f4_titles(p)
                self.f7_links(p)
            else:
                if edits == "drop_para" and len(p.article) > 3:
                    p.body.pop(1)
                    p.article.pop(1)
                elif edits == "byline":
                    by = f"（通讯员 {self.g.short(self.g.place())}）"
                    p.body[-1] += by
                    p.article[-1] += by
                self.f3_inject(p, ("commercial", "gambling"), 1)  # the spam that survives in one copy
            pages.append(p)
        common = [s for s in keep_sentences(self.r, list(art.paras[2:]) if len(art.paras) > 3 else list(art.paras), set(), 6)
                  if all(norm(s) in norm("".join(q.article)) for q in pages)]
        for p in pages:
            p.must_keep += common[:3]
        return pages

    def shared_template(self, sites: list[Site], tag: str) -> list[PageD]:
        """One long spam template (place list, stuffing, a block of links, a keyword line, sitemap)
        around every article of ``sites``."""
        places = self.g.place_list(self.r.randint(40, 80))
        stuff = self.g.stuffing(8)
        links = [t + self.f.related_marks[1] for t in self.r.sample(self.used_titles, min(6, len(self.used_titles)))]
        kw_line = self.g.keyword_line()
        urls = self.g.sitemap(3)
        head = self.r.choice(self.f.related_heads)
        pages = []
        for site in sites:
            p = self.article_page(site)
            if p is None:
                continue
            p.head = [places, stuff]
            p.links, p.links_head = list(links), head
            p.tail = [kw_line] + urls
            p.must_drop += [_chunk(places, self.r), _chunk(stuff, self.r), kw_line, urls[0]]
            p.must_drop += [x.replace(self.f.related_marks[1], "") for x in links[:2]]
            p.families |= {9, 1, 2, 7}
            p.notes.append(f"shared template {tag}")
            self.add_keep(p)
            pages.append(p)
        return pages

    def build(self) -> list[PageD]:
        r = self.r
        pages: list[PageD] = []
        spam_sites = self.sites[:24]

        def site() -> Site:
            return r.choice(spam_sites)

        # the small families first, so that a short article pool only shortens the bulk of hijacked pages
        for c in range(9):  # a cluster needs an article with a headline of its own
            pages += self.cluster(f"test3-c{c:02d}", r.sample(self.sites, 3))
        pages += self.shared_template([self.sites[24]] * 8, "D1 (one folder)")
        pages += self.shared_template(r.sample(spam_sites, 8), "D2 (spread over folders)")
        for kind in ("counter", "essay", "quotes", "lottery", "casino", "keywords", "doorway"):
            for _ in range(5):
                pages.append(self.junk(r.choice(self.sites[25:]), kind))
        guards = ("places", "products", "quote", "table", "numbers", "short", "single_p", "heading", "names", "plain")
        for i in range(60):
            p = self.guard(r.choice(self.sites[26:]), guards[i % len(guards)])
            if p:
                pages.append(p)
        for i in range(len(self.en)):
            p = self.english(r.choice(self.sites), spam=i % 4 == 0)
            if p:
                pages.append(p)
        for kind, n in (("commercial", 16), ("loan", 10), ("gambling", 12), ("place", 14)):
            for _ in range(n):
                p = self.injection_only(site(), kind)
                if p:
                    pages.append(p)
        for _ in range(24):
            p = self.pasted_only(site())
            if p:
                pages.append(p)
        for _ in range(22):  # articles thrown away for the spam around them
            p = self.spam_article(site(), [1, 4], heavy=True)
            if p:
                pages.append(p)
        combos = ([1], [2], [3], [4], [5], [6], [7], [8], [1, 3], [2, 5], [4, 7], [3, 6], [1, 4, 7], [2, 3, 8],
                  [5, 7], [1, 2, 6], [3, 5, 7], [4, 8], [1, 5], [6, 7, 8])
        for i in range(150):  # hijacked articles, one to three families each
            p = self.spam_article(site(), list(combos[i % len(combos)]))
            if p:
                pages.append(p)
        for p in pages:  # a few GBK pages that declare no charset, as old crawls have them
            if p.is_html and p.charset == "gbk" and stable_hash(p.pid) % 9 == 0:
                p.declare = False
                p.notes.append("GBK without a declared charset")
        return pages


def _chunk(line: str, rng: random.Random, n: int = 18) -> str:
    """A piece of ``n`` characters of a long spam line (the whole line when it is short)."""
    if len(line) <= 40:
        return line
    start = rng.randint(0, len(line) - n - 1)
    return line[start:start + n].strip()


# ----------------------------------------------------------------------------- rendering


_LAYOUTS = (
    """<div class="wrap">
<div class="top"><a href="/" class="logo">{site}</a></div>
<div class="menu">{nav}</div>
{head}<div class="main"><div class="left">
<div class="position">当前位置：<a href="/">{site}</a> &gt; 正文</div>
{h1}<div class="info">来源：{site}　发布：{date}　点击：<span id="hits">{hits}</span></div>
<div class="content" id="content">
{body}
</div>
{table}{tail}{links}</div>
<div class="right"><div class="box"><h3>栏目导航</h3>{nav}</div></div></div>
{hidden}<div class="foot">{site} 版权所有　技术支持：{site}</div>
</div>""",
    """<nav class="navbar navbar-default"><div class="container"><a class="navbar-brand" href="/">{site}</a>
<ul class="nav navbar-nav">{navli}</ul></div></nav>
{head}<div class="container"><div class="row"><div class="col-md-8">
<article class="post">
<header class="post-header">{h2}<p class="meta">{date}</p></header>
<section class="post-content">
{body}
</section>
{table}</article>
{tail}{links}</div>
<div class="col-md-4 sidebar"><div class="widget"><h4>分类目录</h4><ul>{navli}</ul></div></div></div></div>
{hidden}<footer class="site-footer"><div class="container">&copy; {site}</div></footer>""",
    """<center>
<table width="778" border="0" cellpadding="0" cellspacing="0"><tr><td class="logo">{site}</td></tr>
<tr><td class="nav">{nav}</td></tr></table>
{head}<table width="778" border="0" cellpadding="4" cellspacing="1" bgcolor="#cccccc"><tr><td bgcolor="#ffffff">
{h3}<font class="text">
{brbody}
</font>
{table}{tail}{links}</td></tr></table>
{hidden}<table width="778"><tr><td class="copyright">{site}</td></tr></table>
</center>""",
)


def render_text(p: PageD) -> str:
    ind = p.indent
    lines = list(p.head) + [p.title, ""]
    for x in p.body:
        if x:
            lines += [ind + x, ""]
    if p.table:
        lines += [p.table_caption] + [f"{c} {n}" for c, n in p.table] + [""]
    if p.links:
        lines += [p.links_head] + p.links
    lines += p.tail
    out = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", out) + "\n"


def render_html(p: PageD) -> str:
    e = html.escape
    if not p.declare:
        meta = ""
    elif p.charset == "gb2312" or p.layout == 2:
        meta = f'<meta http-equiv="Content-Type" content="text/html; charset={p.charset}">\n'
    else:
        meta = f'<meta charset="{p.charset}">\n'
    kw = f'<meta name="keywords" content="{e(p.meta_keywords)}">\n' if p.meta_keywords else ""
    desc = f'<meta name="description" content="{e(p.meta_description)}">\n' if p.meta_description else ""
    shown = [x for x in p.body if x]
    if p.single_p:
        body = "<p>" + "\n".join(e(s) for para in shown for s in split_sentences(para)) + "</p>"
    else:
        body = "\n".join(f"<p>{e(x)}</p>" for x in shown)
    brbody = "<br>\n".join(("&nbsp;&nbsp;&nbsp;&nbsp;" + e(x)) for x in shown) if not p.single_p else body
    table = ""
    if p.table:
        rows = "".join(f"<tr><td>{e(c)}</td><td>{e(n)}</td></tr>" for c, n in p.table)
        table = f"<table class=\"tb\"><caption>{e(p.table_caption)}</caption>{rows}</table>\n"
    links = ""
    if p.links:
        items = "".join(f"<li><a href=\"/html/{stable_hash(x) % 90000 + 1000}.html\">{e(x)}</a></li>" for x in p.links)
        links = f"<div class=\"related\"><h3>{e(p.links_head)}</h3><ul>{items}</ul></div>\n"
    nav = " | ".join(f"<a href=\"/list/{i}.html\">{e(x)}</a>" for i, x in enumerate(FAMILY_D.nav))
    navli = "".join(f"<li><a href=\"/c/{i}/\">{e(x)}</a></li>" for i, x in enumerate(FAMILY_D.nav))
    hidden = ""
    if p.hidden:
        style = "display:none" if stable_hash(p.pid) % 2 else "visibility:hidden;height:0;overflow:hidden"
        hidden = f"<div style=\"{style}\">" + "".join(f"<span>{e(x)}</span>" for x in p.hidden) + "</div>\n"
    head = "".join(f"<div class=\"toptext\">{e(x)}</div>\n" for x in p.head)
    tail = "".join(f"<p class=\"tags\">{e(x)}</p>\n" for x in p.tail)
    title = e(p.title)
    h = stable_hash(p.pid)
    inner = _LAYOUTS[p.layout].format(
        site=e(p.site), nav=nav, navli=navli, head=head, body=body, brbody=brbody, table=table, tail=tail,
        links=links, hidden=hidden, date=f"20{15 + h % 5}-{1 + h % 12:02d}-{1 + h % 28:02d}", hits=h % 5000,
        h1=f"<h1>{title}</h1>\n" if p.h1 else "", h2=f"<h2 class=\"post-title\">{title}</h2>" if p.h1 else "",
        h3=f"<h3 align=\"center\">{title}</h3>\n" if p.h1 else "")
    lang = "zh-CN" if p.lang == "zh" else "en"
    return (f"<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n{meta}<title>{e(p.title_tag or p.title)}</title>\n"
            f"{kw}{desc}</head>\n<body>\n{inner}\n</body>\n</html>\n")


def encode(p: PageD) -> bytes:
    if not p.is_html:
        return render_text(p).encode("utf-8")
    codec = {"gb2312": "gbk"}.get(p.charset, p.charset)
    try:
        return render_html(p).encode(codec)
    except UnicodeEncodeError:
        p.charset = "gb18030"
        p.declare = True
        p.notes.append("declared gb18030 (text outside GBK)")
        return render_html(p).encode("gb18030")


def shown_text(p: PageD) -> str:
    return "\n".join([render_text(p)] + p.hidden + [p.title_tag or "", p.meta_keywords or ""])


def gold_article(p: PageD) -> str:
    """The clean text of an article page: the title first for a text dump (an HTML page's title is
    metadata), then the paragraphs and a data table's caption and rows."""
    if p.kind != "article":
        return ""
    lines = ([] if p.is_html else [p.title]) + [x for x in p.article if x]
    if p.table:
        lines += [p.table_caption] + [f"{c} {n}" for c, n in p.table]
    return "\n".join(lines)


def validate(p: PageD) -> None:
    """must_keep: in the gold article (a repaired join of an injection counts; on the page it is
    split); must_drop: shown on the page and not in the gold article. Failing strings are left out."""
    art = norm(gold_article(p))
    shown = norm(shown_text(p))
    keep: list[str] = []
    drop: list[str] = []
    for k in p.must_keep:
        nk = norm(k)
        if p.is_html and k == p.title:
            continue
        if nk in [norm(x) for x in keep]:
            continue
        if len(nk) >= 4 and nk in art:
            keep.append(k)
        elif nk:
            p.notes.append("dropped must_keep not in article")
    for d in p.must_drop:
        nd = norm(d)
        if nd in [norm(x) for x in drop]:
            continue
        if len(nd) >= 2 and nd in shown and nd not in art:
            drop.append(d)
        elif nd:
            p.notes.append("dropped must_drop (not shown, or in the article)")
    p.must_keep, p.must_drop = keep, drop


def gold_row(p: PageD) -> dict:
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
    pages = BuilderD(mat, seed).build()
    # encode may switch a page's declared charset to gb18030, so it runs before validate
    rows = write_part(out, pages, encode, lambda page, _data: validate(page), gold_row)
    info = {
        "part": PART, "seed": seed, "template_family": "D", **summary(rows, charsets=True),
        "langs": {k: sum(r["lang"] == k for r in rows) for k in ("zh", "en")},
        "material": mat.sources,
        "vocab_sizes": {"zh_articles": len(mat.zh), "zh_untitled_articles": len(mat.zh_html), "en_articles": len(mat.en),
                        "foreign_sentences": len(mat.foreign), "fragments": len(mat.fragments),
                        "places": len(mat.places), "counties": len(mat.counties), "roads": len(mat.roads),
                        "cars": len(mat.cars), "diseases": len(mat.diseases), "foods": len(mat.foods),
                        "finance": len(mat.finance), "gambling": len(mat.gambling),
                        "gambling_text": len(mat.gambling_text), "lotteries": len(mat.lotteries)},
    }
    return write_build_info(out, info)


def main(argv: list[str] | None = None) -> int:
    return manifest.run_builder(argv, __doc__.split("\n\n")[0], build,
                                ("part", "pages", "kinds", "langs", "html", "non_utf8_html", "charsets", "families", "clusters", "must_keep", "must_drop"))


if __name__ == "__main__":
    sys.exit(main())
