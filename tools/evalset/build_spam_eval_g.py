"""Build the sixth frozen spam test part (``test6``, template family G) from raw material.

Written from the spam families of README.md and the pipeline's input/output formats alone; it
shares with the other builders only ``material.py``'s sentence splitter and hash, ``manifest.py``
and ``gold.py``. Its material comes from repositories no other part uses (``prepare_sources``
keys ``netease``, ``newsfarm``, ``mumuy``, ``tianwei``, ``reuters``)::

    python -m tools.evalset.build_spam_eval_g --source /data/evalsets/sources \\
        --out /data/evalsets/spam9/test6 --seed 9 --freeze
    python -m tools.evalset.build_spam_eval_g --source ... --out ... --check

Chinese articles are real crawled news pages (NetEase, Tencent and Toutiao, spring 2016) with their
crawl noise cut (原标题 lines, image captions, photo credits); pasted sentences and the fragments of
stuffing lines are editors' summaries of other news (NEWSFARM); place names and district tables come
from mumuy/data_location; gambling names and gambling-site text from the JSP views of a real online
casino; English articles are Reuters-21578 newswire stories.
"""

from __future__ import annotations

import html
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from tools.evalset.gold import check_gold, norm, summary, write_build_info, write_part
from tools.evalset.manifest import run_builder
from tools.evalset.material import CJK, Article, split_sentences, stable_hash

PART = "test6"


# --------------------------------------------------------------------------- template family G

@dataclass(frozen=True)
class FamilyG:
    list_seps: tuple[str, ...] = ("丨", "◆", " ", "，", "/", "｜", "  ")
    stuff_seps: tuple[str, ...] = (" ", "，", "★", "…", " | ")
    block_heads: tuple[str, ...] = ("热门推荐", "相关阅读", "看了本文的人还看了", "编辑推荐", "热点资讯",
                                    "推荐阅读", "往期回顾")
    block_marks: tuple[str, ...] = ("· ", "● ", "→", "", "[图文] ")
    keyword_labels: tuple[str, ...] = ("本文关键词:", "关键字：", "TAG标签：", "相关搜索：", "热门标签：",
                                       "本文关键词：")
    area_labels: tuple[str, ...] = ("服务区域：", "业务覆盖：", "分站：", "城市分站：", "热门城市：", "")
    address_labels: tuple[str, ...] = ("公司地址：", "门店地址：", "联系地址：", "总部地址：")
    sitemap_paths: tuple[str, ...] = ("/sitemap1.xml", "/html/sitemap.html", "/SiteMap.aspx",
                                      "/baidusitemap.xml", "/sitemap/index.html", "/sitemaps.txt")
    site_suffixes: tuple[str, ...] = ("门户", "热线", "资讯网", "生活网", "信息港", "在线", "网")
    products: tuple[str, ...] = ("装饰公司", "婚庆", "月子中心", "钢材", "空气能", "少儿编程", "驾校报名",
                                 "防水补漏", "心理咨询", "不锈钢")
    services: tuple[str, ...] = ("维修中心", "售后维修", "医院", "男科医院", "妇科医院", "体育", "国际app",
                                 "娱乐", "网", "在线", "开锁服务", "搬家公司", "保洁公司", "殡仪服务",
                                 "空调维修", "热水器维修", "牙科诊所", "整形美容医院")
    loan_heads: tuple[str, ...] = ("无抵押贷款", "小额贷款", "信用卡代还", "POS机办理", "代开发票",
                                   "刷单兼职", "网贷口子", "学历提升", "快速办证", "空放借款", "车辆抵押贷款",
                                   "大额信用卡办理", "征信修复")
    gambling_suffixes: tuple[str, ...] = ("娱乐城官网", "国际平台", "真人视讯", "在线投注", "app下载",
                                          "开户网址", "注册送彩金", "官方网站", "体育投注", "娱乐")
    header_links: tuple[str, ...] = ("网站首页", "本站简介", "产品中心", "客户案例", "在线留言", "联系方式")
    greetings: tuple[str, ...] = ("欢迎访问本站，您是今天第{n}位访客！", "本站累计访问{m}次",
                                  "祝各位访客身体健康、阖家幸福！", "本站由个人维护，已运行{n}天",
                                  "当前在线：{n}人  今日访问：{m}人", "欢迎再次光临，点击收藏本站",
                                  "网站建设中，敬请期待！", "如有问题请给站长留言，QQ：{m}")
    essay_heads: tuple[str, ...] = ("优秀作文", "初中作文", "高考满分作文", "小学生日记", "经典美文",
                                    "伤感语录", "励志名言", "爱情句子", "晚安心语")
    essay_topics: tuple[str, ...] = ("我的家乡", "那一刻我长大了", "读书的乐趣", "难忘的暑假", "妈妈的爱",
                                     "秋天的雨", "坚持", "感动", "我的好朋友", "一件小事", "雨中的回忆", "老师您好")
    lottery_names: tuple[str, ...] = ("双色球", "大乐透", "福彩3D", "排列五", "北京PK10", "广东快乐十分",
                                      "江苏快3", "七乐彩")
    # HTML layouts: 0 a news portal, 1 an old table layout of a GBK-era site, 2 a mobile article page
    layouts: int = 3


G = FamilyG()

CHARSETS = (("utf-8", "meta"), ("gbk", "meta"), ("gb18030", "http-equiv"), ("gbk", "http-equiv"),
            ("utf-8", "http-equiv"), ("gb2312", "meta"), ("gbk", "none"), ("gb18030", "meta"),
            ("utf-8", "meta"))


# --------------------------------------------------------------------------- material

_CAPTION = re.compile(r"图片来源|图片说明|资料图|（图）|\(图\)|摄影|视觉中国|供图|截图|图为|图：|网络配图")
_CREDIT = re.compile(r"^(?:（|\()?(?:原标题|责任编辑|编辑|来源|作者|本文来源|文章来源)[：:]")


def _flat(s: str) -> str:
    s = s.replace("\u00a0", " ").replace("\u3000", " ").replace("\ufeff", "")
    s = re.sub(r"\s+", " ", s).strip()
    # spaces between CJK characters / CJK punctuation are crawl residue: drop them
    s = re.sub(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’])\s+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’])",
               "", s)
    return s


def _prose_para(line: str) -> bool:
    if len(line) < 20 or _CAPTION.search(line) or _CREDIT.search(line):
        return False
    if re.search(r"[<>&{}|\\]|https?:|www\.", line):
        return False
    if len(CJK.findall(line)) < 0.6 * len(line.replace(" ", "")):
        return False
    return line[-1] in "。！？”』」）)" and any(c in line for c in "。！？")


def load_netease(folder: Path) -> list[Article]:
    """Crawled news pages (one JSON object per line: url, title, time, content)."""
    out: list[Article] = []
    for f in sorted((folder / "testdata" / "data" / "orinews").glob("*.txt"), key=lambda p: int(p.stem)):
        for i, line in enumerate(f.read_text(encoding="utf-8").splitlines()):
            try:
                d = json.loads(line)
            except ValueError:
                continue
            title = _flat(d.get("title", ""))
            paras, seen = [], set()
            for raw in d.get("content", "").split("\n"):
                p = _flat(raw)
                p = re.sub(r"^(?:（|\()原标题[：:][^）)]*[）)]\s*", "", p)
                if p in seen or not _prose_para(p):
                    continue
                seen.add(p)
                paras.append(p)
            if not title or len(title) < 6 or len(title) > 40 or re.search(r"[<>&|]", title):
                continue
            body = sum(map(len, paras))
            if len(paras) < 3 or body < 350 or body > 3500:
                continue
            out.append(Article(f"netease:{f.stem}:{i}", title, tuple(paras[:14]),
                               f"lzjqsdd/NewsSpider:testdata/data/orinews/{f.name}#{i} {d.get('url', '')}", "zh"))
    return distinct(out)


def _shingles(s: str) -> set[str]:
    s = re.sub(r"\W", "", s)
    return {s[i:i + 5] for i in range(max(0, len(s) - 4))}


def distinct(arts: list[Article], limit: float = 0.25) -> list[Article]:
    """Leaves out articles whose 5-gram Jaccard with an earlier one reaches ``limit`` (reposts)."""
    kept, sh = [], []
    index: dict[str, list[int]] = {}
    for a in arts:
        s = _shingles(a.title + "".join(a.paras))
        cands: dict[int, int] = {}
        for g in s:
            for j in index.get(g, ()):
                cands[j] = cands.get(j, 0) + 1
        if any(c / max(1, len(s | sh[j])) >= limit for j, c in cands.items() if c >= 20):
            continue
        for g in s:
            index.setdefault(g, []).append(len(kept))
        kept.append(a)
        sh.append(s)
    return kept


def load_newsfarm(path: Path) -> list[str]:
    """Summary sentences (the sample is tokenised into characters: spaces removed)."""
    out, seen = [], set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if "&" in line or "<" in line:
            continue
        text = _flat(re.sub(r"(?<=\S) (?=\S)", "", line))
        for s in split_sentences(text):
            if 14 <= len(s) <= 70 and s[-1] in "。！？" and s not in seen and len(CJK.findall(s)) >= 10 \
                    and not re.search(r"[“”\"「」（）()《》【】]", s):
                seen.add(s)
                out.append(s)
    return out


def fragments(sents: list[str]) -> list[str]:
    """Comma clauses of the summary sentences (stuffing-line fragments)."""
    out, seen = [], set()
    for s in sents:
        for c in re.split(r"[，。；！？]", s):
            if 6 <= len(c) <= 16 and c not in seen:
                seen.add(c)
                out.append(c)
    return out


def load_places(folder: Path) -> dict:
    names = json.loads((folder / "list.json").read_text(encoding="utf-8"))
    provinces = sorted(n for c, n in names.items() if c.endswith("0000"))
    cities = sorted(n for c, n in names.items() if c.endswith("00") and not c.endswith("0000")
                    and n not in ("市辖区", "县") and "直辖" not in n)
    counties = sorted(n for c, n in names.items() if not c.endswith("00") and n not in ("市辖区",) and len(n) >= 2)
    groups: dict[str, list[tuple[str, str]]] = {}
    for c, n in sorted(names.items()):
        if not c.endswith("00"):
            groups.setdefault(c[:4], []).append((c, n))
    towns = set()
    for f in sorted((folder / "code").glob("*.json")):
        try:
            d = json.loads(f.read_text(encoding="utf-8"))
        except ValueError:
            continue
        for n in d.values():
            if isinstance(n, str) and 3 <= len(n) <= 7 and CJK.search(n):
                towns.add(n)
    city_of = {c[:4]: n for c, n in names.items() if c.endswith("00") and not c.endswith("0000")}
    tables = [(city_of.get(k, ""), rows) for k, rows in sorted(groups.items()) if len(rows) >= 5 and city_of.get(k)]
    return {"provinces": provinces, "cities": cities, "counties": counties, "towns": sorted(towns), "tables": tables}


def load_tianwei(folder: Path) -> dict:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    lines, seen = [], set()
    for f in files:
        text = f.read_text(encoding="utf-8", errors="replace")
        text = re.sub(r"<%.*?%>|<script.*?</script>|<style.*?</style>|<!--.*?-->", " ", text, flags=re.S | re.I)
        text = re.sub(r"<[^>]+>", "\n", text)
        for line in text.splitlines():
            line = _flat(html.unescape(line))
            if not (4 <= len(line) <= 70) or len(CJK.findall(line)) < 4 or line in seen:
                continue
            if re.search(r"[{}$;=<>\"']|//|alert|function|\bvar\b|result|\+", line):
                continue
            seen.add(line)
            lines.append(line)
    found = set()
    for line in lines:
        found.update(re.findall(r"(龙都国际|龙都娱乐城|龙8国际|天威娱乐|沙巴体育|天威)", line))
    stems = sorted({"龙都", "龙8", "天威", "沙巴"} | {x[:2] for x in found})
    platforms = sorted(set(re.findall(r"\b(AG|PT|MG|TTG|NT|QT|DT|BBIN|SB)\b", " ".join(lines))))
    games = sorted({g for g in re.findall(r"(百家乐|老虎机|捕鱼|六合彩|快乐彩|真人视讯|体育|轮盘|骰宝|龙虎)",
                                          " ".join(lines))})
    sentences = [x for x in lines if x[-1] in "。！!" and len(x) >= 14]
    banks = sorted({x for x in lines if re.fullmatch(r"[\u4e00-\u9fff]{2,8}银行", x)})
    return {"lines": lines, "sentences": sentences, "banks": banks, "names": sorted(found), "stems": stems,
            "platforms": platforms, "games": games}


def load_reuters(folder: Path) -> list[Article]:
    out = []
    for f in sorted((folder / "data").glob("reut2-*.sgm")):
        text = f.read_bytes().decode("latin-1")
        for m in re.finditer(r'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', text, re.S):
            nid, block = m.groups()
            t = re.search(r"<TITLE>(.*?)</TITLE>", block, re.S)
            b = re.search(r"<BODY>(.*?)</BODY>", block, re.S)
            if not t or not b:
                continue
            title = html.unescape(re.sub(r"\s+", " ", t.group(1))).strip()
            body = html.unescape(b.group(1)).replace("\x03", "")
            body = re.sub(r"\s*Reuter\s*$", "", body.strip())
            paras = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s{3,}", body)]
            paras = [p for p in paras if len(p) >= 40]
            if len(paras) < 5 or sum(map(len, paras)) < 1500 or len(title) < 15 or re.search(r"[<>&]", body):
                continue
            out.append(Article(f"reuters:{nid}", title.title(), tuple(paras[:10]),
                               f"Arthur-sauvage/Reuter:data/{f.name}#NEWID={nid}", "en"))
    return out


def load_material(source: Path, seed: int) -> dict:
    zh = load_netease(source / "netease")
    zh.sort(key=lambda a: stable_hash(f"{seed}:{a.key}"))
    pasted = load_newsfarm(source / "newsfarm" / "NEWSFARM_SAMPLE.tgt")
    en = load_reuters(source / "reuters")
    en.sort(key=lambda a: stable_hash(f"{seed}:{a.key}"))
    return {"zh": zh, "pasted": pasted, "fragments": fragments(pasted), "places": load_places(source / "mumuy"),
            "gambling": load_tianwei(source / "tianwei"), "en": en[:18]}


# --------------------------------------------------------------------------- pages

@dataclass
class Page:
    pid: str
    kind: str
    lang: str
    title: str
    paras: list[str]  # the gold article's paragraphs
    shown: list[str]  # the paragraphs as written (spam included)
    source: str
    fmt: str = "txt"
    charset: str = "utf-8"
    declare: str = "meta"
    layout: int = 0
    single_p: str = ""  # "" | "br" | "nl": the whole article in one <p>
    header: list[str] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    title_tag: str = ""
    keywords: str = ""
    site: str = ""
    nav: list[str] = field(default_factory=list)
    must_keep: list[str] = field(default_factory=list)
    must_drop: list[str] = field(default_factory=list)
    families: set = field(default_factory=set)
    cluster: str | None = None
    notes: list[str] = field(default_factory=list)
    restored: set = field(default_factory=set)

    def gold_article(self) -> str:
        if self.kind != "article":
            return ""
        if self.fmt == "txt":
            return "\n".join([self.title] + self.paras)
        return "\n".join(self.paras)


class Gen:
    """The family-G generators of spam strings (words from the material, glue from ``G``)."""

    def __init__(self, mat: dict, seed: int):
        self.mat = mat
        self.seed = seed
        pl = mat["places"]
        self.counties = [c for c in pl["counties"] if 2 <= len(c) <= 5]
        self.short = [re.sub(r"(?<=..)(?:县|区|市|自治县|旗)$", "", c) for c in self.counties]
        self.towns = pl["towns"]
        self.cities = pl["cities"]
        gb = mat["gambling"]
        self.gstems = gb["stems"] + gb["platforms"]
        self.gnames = gb["names"]
        self.banks = gb["banks"]

    def rng(self, key: str) -> random.Random:
        return random.Random(stable_hash(f"{self.seed}:{key}"))

    def county(self, r):
        return r.choice(self.counties)

    def city(self, r):
        return r.choice(self.cities)

    def commercial(self, r):
        stem = r.choice((self.city(r), r.choice(self.short), r.choice(self.counties)))
        return stem + r.choice(G.services)

    def loan(self, r):
        if self.banks and r.random() < 0.25:
            return r.choice(self.banks) + r.choice(("信用卡代还", "信用卡套现", "大额信用卡办理", "贷款中介"))
        return r.choice((self.city(r), r.choice(self.short), "")) + r.choice(G.loan_heads)

    def gambling(self, r):
        if self.gnames and r.random() < 0.3:
            return r.choice(self.gnames) + r.choice(("", "官网", "app", "开户"))
        return r.choice(self.gstems) + r.choice(G.gambling_suffixes)

    def site_name(self, r):
        return r.choice(self.short) + r.choice(G.products) + r.choice(G.site_suffixes)

    def place_list(self, r, n=None):
        n = n or r.randint(12, 45)
        pool = self.short if r.random() < 0.5 else self.counties
        names = r.sample(pool, min(n, len(pool)))
        return names, r.choice(G.list_seps)

    def stuffing(self, r):
        frags = self.mat["fragments"]
        parts = []
        for i in range(r.randint(5, 9)):
            parts.append(r.choice((self.commercial, self.loan, self.gambling, lambda r: r.choice(self.towns)))(r)
                         if i % 2 == 0 else r.choice(frags))
        sep = r.choice(G.stuff_seps)
        return sep.join(parts), parts

    def related(self, r, titles: list[str]):
        head = r.choice(G.block_heads)
        mark = r.choice(G.block_marks)
        picked = r.sample(titles, r.randint(3, 6))
        return [head] + [mark + t for t in picked], picked

    def keyword_line(self, r, words: list[str]):
        return r.choice(G.keyword_labels) + r.choice((" ", "", "，")).join(words)

    def sitemap(self, r, site):
        dom = f"www.{stable_hash(site) % 9000 + 1000}{r.choice(('cn', 'com', 'net'))}.{r.choice(('com', 'cn', 'net'))}"
        return r.choice(("网站地图：", "Sitemap：", "站点地图 ", "")) + "http://" + dom + r.choice(G.sitemap_paths)

    def address(self, r):
        town = r.choice(self.towns)
        return (r.choice(G.address_labels) + r.choice(self.cities) + r.choice(self.counties) + town
                + f"{r.randint(1, 399)}号" + r.choice(("", f"{r.randint(2, 30)}楼", "（近地铁站）")))


def _sentences(paras: list[str]) -> list[str]:
    return [s for p in paras for s in split_sentences(p)]


def keepable(s: str) -> bool:
    return 12 <= len(s) <= 90 and s[-1] in "。！？”" and not re.search(r"[<>&]", s)


def default_keep(p: Page, r: random.Random, n: int = 3) -> None:
    cands = [s for s in _sentences(p.paras) if keepable(s)]
    if p.lang == "en":
        cands = [s for para in p.paras for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", para)
                 if 40 <= len(s) <= 240 and s.count('"') % 2 == 0 and s[0].isupper() and s[-1] in ".!?"]
    for s in r.sample(cands, min(n, len(cands))):
        if s not in p.must_keep:
            p.must_keep.append(s)


def inject(p: Page, r: random.Random, kw: str) -> bool:
    """One name injected at a comma of a sentence: the gold keeps the sentence without it."""
    cands = []
    for i, para in enumerate(p.shown):
        if para not in p.paras:
            continue
        for s in split_sentences(para):
            for m in re.finditer("，", s):
                if 6 <= m.start() <= len(s) - 6:
                    cands.append((i, s, m.start()))
    if not cands:
        return False
    i, s, pos = r.choice(cands)
    style = r.choice(("，{}，", "，{}，", "，{}，", ",{},", "（{}），", "，【{}】", " {} ，", "，{}、", "，{} "))
    left, right = s[:pos], s[pos + 1:]
    ins = style.format(kw)
    new = left + ins + right
    if p.shown[i].count(s) != 1:
        return False
    p.shown[i] = p.shown[i].replace(s, new, 1)
    p.must_drop.append(left[-2:] + ins)
    p.must_keep.append(s)
    p.restored.add(s)
    return True


def paste(p: Page, r: random.Random, sent: str, as_para: bool) -> bool:
    idx = [i for i, x in enumerate(p.shown) if x in p.paras]
    if not idx:
        return False
    i = r.choice(idx)
    if as_para:
        p.shown.insert(i + r.randint(0, 1), sent)
    else:
        sents = split_sentences(p.shown[i])
        if len(sents) < 2:
            p.shown.insert(i + 1, sent)
        else:
            k = r.randint(1, len(sents) - 1)
            p.shown[i] = "".join(sents[:k]) + sent + "".join(sents[k:])
            for s in (sents[k - 1], sents[k]):
                if keepable(s) and s not in p.must_keep:
                    p.must_keep.append(s)
    p.must_drop.append(sent)
    return True


def place_lines(g: Gen, p: Page, r: random.Random, where: str = "header") -> None:
    names, sep = g.place_list(r)
    label = r.choice(G.area_labels)
    line = label + sep.join(names)
    (p.header if where == "header" else p.footer).append(line)
    for _ in range(3):
        k = r.randint(0, len(names) - 3)
        p.must_drop.append(sep.join(names[k:k + 3]))
    p.families.add(1)


def seed_wrapper(g: Gen, p: Page, r: random.Random, titles: list[str], heavy: bool = False) -> None:
    """Seed-like hijacking: place-name lines, doubled titles, site headers, address lists, blocks."""
    site = p.site or g.site_name(r)
    p.site = site
    kinds = r.sample(["places", "double", "header", "address", "related", "keywords", "sitemap", "hidden"],
                     r.randint(2, 4) if not heavy else 7)
    for k in kinds:
        if k == "places":
            place_lines(g, p, r, r.choice(("header", "header", "footer")))
        elif k == "double":
            sep = r.choice(("_", "-", " ", "|", "——"))
            line = f"{p.title}{sep}{site}" if r.random() < 0.6 else f"{p.title}{sep}{p.title}"
            if p.fmt == "html":
                p.title_tag = f"{p.title}{sep}{g.county(r)}{r.choice(G.products)}{sep}{site}"
                p.must_drop.append(f"{sep}{site}".strip() if sep.strip() else site)
            else:
                p.header.insert(0, line)
                p.must_drop.append(line[len(p.title):].strip(" _-|—") or line)
            p.families.add(4)
        elif k == "header":
            line = f"{site} " + r.choice((" | ", " ", "·")).join(r.sample(G.header_links, 4))
            p.header.insert(0, line)
            p.must_drop.append(site)
            p.families.add(4)
        elif k == "address":
            lines = [g.address(r) for _ in range(r.randint(2, 4))]
            p.footer.extend(lines)
            p.must_drop.extend(lines[:2])
            p.families.add(1)
        elif k == "related":
            block, picked = g.related(r, titles)
            p.footer.extend(block)
            p.must_drop.extend(picked[:2])
            p.families.add(7)
        elif k == "keywords":
            words = [g.commercial(r) for _ in range(r.randint(3, 6))]
            line = g.keyword_line(r, words)
            p.footer.append(line)
            p.must_drop.extend(words[:2])
            p.families |= {2, 7}
        elif k == "sitemap":
            line = g.sitemap(r, site)
            p.footer.append(line)
            p.must_drop.append(line[line.index("http"):])
            p.families.add(7)
        elif k == "hidden" and p.fmt == "html":
            names, sep = g.place_list(r, r.randint(8, 20))
            p.hidden.extend(f"{n}{r.choice(G.products)}" for n in names)
            p.must_drop.append(p.hidden[0])
            p.families.add(1)
            p.keywords = ",".join(f"{n}{r.choice(G.products)}" for n in names[:5])
    if not p.families:
        place_lines(g, p, r)


def crawled_gambling(g: Gen, p: Page, r: random.Random) -> None:
    """Real crawled gambling spam: names in titles and sentences, 本文关键词 lines, keyword tails."""
    gb = g.mat["gambling"]
    names = [g.gambling(r) for _ in range(3)]
    kinds = r.sample(["title", "sentence", "kwline", "tail", "extra", "header"], r.randint(2, 4))
    for k in kinds:
        if k == "title":
            if p.fmt == "html":
                p.title_tag = f"{names[0]}_{p.title}"
                p.keywords = ",".join(names)
            else:
                p.header.insert(0, f"{names[0]}-{names[1]}")
            p.must_drop.append(names[0])
        elif k == "sentence":
            inject(p, r, names[1])
        elif k == "kwline":
            line = r.choice(("本文关键词:", "本文关键词：", "关键字：")) + r.choice((" ", "，", "、")).join(names)
            p.footer.append(line)
            p.must_drop.append(line)
            p.families.add(2)
        elif k == "tail":
            last = max((i for i, x in enumerate(p.shown) if x in p.paras), default=None)
            if last is None:
                continue
            tail = r.choice(("{a} {b}", "（{a}）", "{a}、{b}", "——{a}", "〔{a} {b}〕", "{a}")).format(a=names[2], b=names[0])
            end = split_sentences(p.shown[last])[-1]
            if keepable(end) and end not in p.must_keep:
                p.must_keep.append(end)
            p.shown[last] = p.shown[last] + tail
            p.must_drop.append(tail)
            p.families.add(2)
        elif k == "extra" and gb["sentences"]:
            s = r.choice(gb["sentences"])
            paste(p, r, s, as_para=True)
        elif k == "header":
            p.header.append(r.choice(gb["lines"]) + " " + names[0])
            p.must_drop.append(names[0])
    p.must_keep = [k for k in p.must_keep if k]
    p.families.add(8)


def stuffing_lines(g: Gen, p: Page, r: random.Random) -> None:
    for _ in range(r.randint(1, 3)):
        line, parts = g.stuffing(r)
        where = r.choice(("header", "footer", "para"))
        if where == "header":
            p.header.append(line)
        elif where == "footer":
            p.footer.append(line)
        else:
            p.shown.insert(r.randint(1, max(1, len(p.shown) - 1)), line)
        p.must_drop.extend([parts[0], parts[1]])
    p.families.add(6)


# --------------------------------------------------------------------------- rendering

def esc(s: str) -> str:
    return html.escape(s, quote=True)


def _meta(p: Page) -> str:
    if p.declare == "none":
        return ""
    if p.declare == "http-equiv":
        return f'<meta http-equiv="Content-Type" content="text/html; charset={p.charset}">'
    return f'<meta charset="{p.charset}">'


def _body_paras(p: Page) -> str:
    if p.single_p:
        glue = "<br>\n" if p.single_p == "br" else "\n"
        return "<p>" + glue.join(esc(x) for x in p.shown) + "</p>"
    indent = "\u3000\u3000" if p.layout != 2 else ""
    if p.layout == 2:
        return "\n".join(f'<section><p><span style="font-size:16px">{esc(x)}</span></p></section>' for x in p.shown)
    return "\n".join(f"<p>{indent}{esc(x)}</p>" for x in p.shown)


def render_html(p: Page) -> str:
    title_tag = p.title_tag or f"{p.title}_{p.site or '新闻中心'}"
    kw = f'\n<meta name="keywords" content="{esc(p.keywords)}">' if p.keywords else ""
    head = "".join(f'<div class="topad">{esc(h)}</div>\n' for h in p.header)
    foot = "".join(f'<div class="bottom-links">{esc(f)}</div>\n' for f in p.footer)
    hid = ('\n<div style="display:none">' + "".join(f'<a href="/tag/{i}.html">{esc(h)}</a>'
                                                    for i, h in enumerate(p.hidden)) + "</div>") if p.hidden else ""
    nav = p.nav or ["首页", "国内", "国际", "财经", "社会"]
    body = _body_paras(p)
    h = esc(p.title)
    site = esc(p.site or "新闻网")
    if p.layout == 0:
        navs = "".join(f'<a href="/{i}/">{esc(n)}</a>' for i, n in enumerate(nav))
        return f"""<!DOCTYPE html>
<html>
<head>
{_meta(p)}
<title>{esc(title_tag)}</title>{kw}
<link href="/css/news.css" rel="stylesheet" type="text/css">
</head>
<body>
<div class="topbar"><span class="logo">{site}</span><div class="navbar">{navs}</div></div>
{head}<div class="w1000">
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/news/">新闻</a> &gt; 正文</div>
<div class="left_zw">
<h1 class="content_title">{h}</h1>
<div class="left-time">2016-04-{10 + stable_hash(p.pid) % 18} 来源：{site}</div>
<div class="left_content" id="artibody">
{body}
</div>
<div class="editor">【编辑：{esc(p.site[:2] if p.site else "本站")}】</div>
</div>
{foot}</div>{hid}
<div class="footer">关于我们 | 广告服务 | 联系我们<br>{site} 版权所有 未经授权禁止转载</div>
</body>
</html>
"""
    if p.layout == 1:
        return f"""<html>
<head>
{_meta(p)}
<title>{esc(title_tag)}</title>{kw}
</head>
<body topmargin="0" leftmargin="0">
<table width="778" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td height="60" class="banner"><b>{site}</b></td></tr>
<tr><td class="nav">{" | ".join(esc(n) for n in nav)}</td></tr>
</table>
{head}<table width="778" border="0" align="center"><tr><td>
<font class="biaoti">{h}</font><br>
<font class="hui">发布日期：2016年4月{1 + stable_hash(p.pid) % 28}日</font>
<div class="neirong">
{body}
</div>
{foot}</td></tr></table>{hid}
<table width="778" align="center"><tr><td class="copyright">Copyright 2006-2016 {site} All Rights Reserved</td></tr></table>
</body>
</html>
"""
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
{_meta(p)}
<meta name="viewport" content="width=device-width,initial-scale=1.0,user-scalable=no">
<title>{esc(title_tag)}</title>{kw}
</head>
<body id="activity-detail">
<div class="rich_media">
{head}<h2 class="rich_media_title">{h}</h2>
<div class="rich_media_meta_list"><span class="rich_media_meta_text">{site}</span></div>
<div class="rich_media_content" id="js_content">
{body}
</div>
{foot}<div class="reward">喜欢此内容的人还喜欢</div>
</div>{hid}
</body>
</html>
"""


def render_txt(p: Page) -> str:
    return "\n".join(list(p.header) + [p.title] + list(p.shown) + list(p.footer)) + "\n"


def encode(p: Page) -> bytes:
    if p.fmt == "html":
        return render_html(p).encode(p.charset)
    return render_txt(p).encode("utf-8")


def page_text(p: Page, data: bytes) -> str:
    t = data.decode(p.charset if p.fmt == "html" else "utf-8")
    if p.fmt == "txt":
        return t
    metas = " ".join(re.findall(r'<meta name="keywords" content="([^"]*)"', t))
    titles = " ".join(re.findall(r"<title>(.*?)</title>", t, re.S))
    return html.unescape(titles + " " + metas + " " + re.sub(r"<[^>]+>", " ", t))


def validate(p: Page, data: bytes) -> None:
    """Keeps the gold strings the written page bears out."""
    seen = norm(page_text(p, data))
    art = norm(p.gold_article())
    keep, drop = [], []
    for k in p.must_keep:
        if k and norm(k) in art and (norm(k) in seen or k in p.restored) and k not in keep:
            keep.append(k)
        elif k and k not in keep:
            p.notes.append(f"must_keep left out: {k[:16]}")
    for d in p.must_drop:
        if d and len(norm(d)) >= 2 and norm(d) in seen and not (art and norm(d) in art) and d not in drop:
            drop.append(d)
        elif d and d not in drop:
            p.notes.append(f"must_drop left out: {d[:16]}")
    p.must_keep, p.must_drop = keep, drop


def gold_row(p: Page) -> dict:
    return {"id": p.pid, "kind": p.kind, "title": p.title, "article": p.gold_article(),
            "must_keep": p.must_keep, "must_drop": p.must_drop, "cluster": p.cluster,
            "families": sorted(p.families), "source": p.source, "notes": "; ".join(p.notes),
            "format": p.fmt, "charset": ("gbk (undeclared)" if p.declare == "none" and p.fmt == "html"
                                         else p.charset)}


def _encodable(p: Page) -> bool:
    try:
        encode(p)
        return True
    except UnicodeEncodeError:
        return False


# --------------------------------------------------------------------------- the part

def new_page(g: Gen, art: Article, pid: str, r: random.Random) -> Page:
    fmt = "html" if pid.endswith(".html") else "txt"
    p = Page(pid=pid, kind="article", lang=art.lang, title=art.title, paras=list(art.paras),
             shown=list(art.paras), source=art.source, fmt=fmt)
    if fmt == "html":
        p.charset, p.declare = r.choice(CHARSETS)
        if p.declare == "none":
            p.charset = "gbk"
        p.layout = r.randrange(G.layouts)
    return p


def finish(p: Page, r: random.Random) -> Page:
    if not p.must_keep:
        default_keep(p, r)
    if p.fmt == "html" and not _encodable(p):
        p.charset, p.declare = "utf-8", "meta"
    return p


def _pid(site: int, n: int, fmt: str) -> str:
    return f"g{site:02d}/{n:04d}.{fmt}"


def build_pages(mat: dict, seed: int) -> list[Page]:
    g = Gen(mat, seed)
    arts = list(mat["zh"])
    pos = [0]

    def take(k=1):
        out = arts[pos[0]:pos[0] + k]
        pos[0] += k
        if len(out) < k:
            raise ValueError("not enough articles")
        return out

    # headlines of the recommendation blocks: titles of articles no page uses
    spare_titles = [a.title for a in arts[-120:]]
    del arts[-120:]
    pasted = list(mat["pasted"])
    pages: list[Page] = []
    n = [0]

    def pid(site, fmt):
        n[0] += 1
        return _pid(site, n[0], fmt)

    def fmt_of(r, html_share=0.55):
        return "html" if r.random() < html_share else "txt"

    # 1. seed-like wrappers (families 1, 4, 7), some sites sharing one site name
    for i in range(64):
        r = g.rng(f"seed{i}")
        site = 1 + i % 12
        p = new_page(g, take()[0], pid(site, fmt_of(r)), r)
        p.site = f"{g.short[stable_hash(f'{seed}site{site}') % len(g.short)]}{G.products[site % len(G.products)]}{G.site_suffixes[site % len(G.site_suffixes)]}"
        seed_wrapper(g, p, r, spare_titles)
        default_keep(p, r)
        pages.append(finish(p, r))

    # 2. names injected at commas with no other evidence (family 3)
    makers = (g.commercial, g.commercial, g.loan, g.gambling, lambda r: r.choice(g.towns), lambda r: g.county(r))
    for i in range(72):
        r = g.rng(f"inj{i}")
        p = new_page(g, take()[0], pid(13 + i % 6, fmt_of(r)), r)
        for j in range(1 if r.random() < 0.6 else 2):
            inject(p, r, makers[(i + j) % len(makers)](r))
        p.families.add(3)
        default_keep(p, r, 2)
        pages.append(finish(p, r))

    # 3. sentences pasted from unrelated articles (family 5)
    for i in range(46):
        r = g.rng(f"paste{i}")
        p = new_page(g, take()[0], pid(19 + i % 4, fmt_of(r)), r)
        for j in range(r.randint(1, 2)):
            paste(p, r, pasted[(i * 2 + j) % len(pasted)], as_para=r.random() < 0.45)
        p.families.add(5)
        default_keep(p, r, 2)
        pages.append(finish(p, r))

    # 4. stuffing lines of keywords and foreign fragments (family 6)
    for i in range(34):
        r = g.rng(f"stuff{i}")
        p = new_page(g, take()[0], pid(23 + i % 3, fmt_of(r)), r)
        stuffing_lines(g, p, r)
        if r.random() < 0.3:
            place_lines(g, p, r)
        default_keep(p, r)
        pages.append(finish(p, r))

    # 5. crawled-style gambling spam (family 8)
    for i in range(44):
        r = g.rng(f"gamb{i}")
        p = new_page(g, take()[0], pid(26 + i % 4, fmt_of(r, 0.6)), r)
        crawled_gambling(g, p, r)
        default_keep(p, r, 2)
        pages.append(finish(p, r))

    # 6. two long shared templates (family 9): GBK HTML in one folder; text dumps over many folders
    r0 = g.rng("templateA")
    ta_names, ta_sep = g.place_list(r0, 40)
    ta_kw = [g.commercial(r0) for _ in range(8)] + [g.gambling(r0) for _ in range(3)]
    ta_site = g.site_name(r0)
    ta_related, ta_picked = g.related(r0, spare_titles)
    for i in range(12):
        r = g.rng(f"tplA{i}")
        p = new_page(g, take()[0], pid(30, "html"), r)
        p.charset, p.declare, p.layout = "gbk", ("meta" if i % 2 else "http-equiv"), 1
        p.site = ta_site
        p.title_tag = f"{p.title}_{ta_kw[0]}_{ta_site}"
        p.keywords = ",".join(ta_kw[:6])
        p.header = [ta_sep.join(ta_names[:20]), "热门服务：" + "，".join(ta_kw[:5])]
        p.footer = list(ta_related) + [ta_sep.join(ta_names[20:]), "本文关键词:" + " ".join(ta_kw[5:]),
                                       g.sitemap(r0, ta_site)]
        p.hidden = ta_kw
        p.must_drop += [ta_sep.join(ta_names[2:5]), ta_sep.join(ta_names[24:27]), ta_kw[1], ta_kw[6], ta_picked[0]]
        p.families |= {1, 7, 9}
        default_keep(p, r)
        pages.append(finish(p, r))
    r0 = g.rng("templateB")
    tb_lines = [g.stuffing(r0)[0] for _ in range(2)]
    tb_head = f"{g.site_name(r0)} — " + "·".join(g.county(r0) + r0.choice(G.services) for _ in range(6))
    tb_tail = [g.keyword_line(r0, [g.loan(r0) for _ in range(5)]), g.address(r0), g.address(r0)]
    for i in range(10):
        r = g.rng(f"tplB{i}")
        p = new_page(g, take()[0], pid(31 + i % 6, "txt"), r)
        p.header = [tb_head, tb_lines[0]]
        p.footer = [tb_lines[1]] + tb_tail
        p.must_drop += [tb_head.split(" — ")[0], tb_tail[0], tb_tail[1]]
        p.families |= {1, 6, 7, 9}
        default_keep(p, r)
        pages.append(finish(p, r))

    # 7. heavily hijacked short articles: the spam outweighs the article (family 1 of the issue)
    short = [a for a in arts[pos[0]:] if sum(map(len, a.paras)) < 700]
    for i, a in enumerate(short[:12]):
        arts.remove(a)
        r = g.rng(f"heavy{i}")
        p = new_page(g, a, pid(37 + i % 2, fmt_of(r)), r)
        seed_wrapper(g, p, r, spare_titles, heavy=True)
        stuffing_lines(g, p, r)
        p.families.add(9)
        default_keep(p, r, 3)
        pages.append(finish(p, r))

    # 8. near-duplicate clusters: one article reposted by three sites (family 11)
    for c in range(10):
        a = take()[0]
        copies = []
        for k in range(3):
            r = g.rng(f"clu{c}:{k}")
            p = new_page(g, a, pid(40 + k, "html" if (c + k) % 2 else "txt"), r)
            p.cluster = f"t6-c{c:02d}"
            p.families.add(11)
            if k == 0:
                seed_wrapper(g, p, r, spare_titles)
            elif k == 1:
                p.site = g.site_name(r)
                p.header.append(f"转载自：{r.choice(('新浪', '凤凰网', '参考消息网', '澎湃'))}  {p.site}编辑部")
                if len(p.paras) > 3:
                    p.paras = p.paras[:-1]
                    p.shown = list(p.paras)
                p.footer.append(r.choice(("声明：本文为转载，版权归原作者所有。", "（本文来自网络，如有侵权请联系删除）")))
            else:
                inject(p, r, g.commercial(r) if c % 2 else g.gambling(r))
                p.families.add(3)
            copies.append(p)
        common = [s for s in _sentences(copies[1].paras) if keepable(s)]
        r = g.rng(f"clukeep{c}")
        for p in copies:
            p.must_keep = [s for s in p.must_keep if s in p.restored]
            p.must_keep += [s for s in r.sample(common, min(3, len(common))) if s not in p.must_keep]
        pages.extend(finish(p, r) for p in copies)

    # 9. guards: clean articles that must stay whole (family 12)
    enum = re.compile(r"[\u4e00-\u9fff]{2,6}(?:、[\u4e00-\u9fff]{2,6}){3,}")
    quote = re.compile(r"“[^”]{8,}”")
    figures = re.compile(r"\d+(?:\.\d+)?(?:%|万|亿|元|人|公里)")
    rest = arts[pos[0]:]
    chosen = {"enum": [], "quote": [], "figures": []}
    for a in rest:
        text = "".join(a.paras)
        for key, rx in (("enum", enum), ("quote", quote), ("figures", figures)):
            if len(chosen[key]) < 14 and rx.search(text) and all(a is not x for v in chosen.values() for x in v):
                chosen[key].append(a)
    for key, items in chosen.items():
        rx = {"enum": enum, "quote": quote, "figures": figures}[key]
        for i, a in enumerate(items):
            arts.remove(a)
            r = g.rng(f"guard{key}{i}")
            p = new_page(g, a, pid(43 + i % 4, fmt_of(r)), r)
            for s in _sentences(p.paras):
                if rx.search(s) and keepable(s) and len(p.must_keep) < 2:
                    p.must_keep.append(s)
            if i % 3 == 0:  # a guard next to seed-like spam
                seed_wrapper(g, p, r, spare_titles)
            p.families.add(12)
            default_keep(p, r, 2)
            pages.append(finish(p, r))
    rest = arts[pos[0]:]
    for i in range(26):
        a = rest[i]
        r = g.rng(f"clean{i}")
        fmt = "html" if i % 3 else "txt"
        if i < 8:  # short clean articles: the first two paragraphs
            a = Article(a.key, a.title, a.paras[:2], a.source, a.lang)
        p = new_page(g, a, pid(47 + i % 3, fmt), r)
        if fmt == "html" and i % 4 == 1:
            p.single_p = "br" if i % 8 == 1 else "nl"
            p.shown = [s for para in p.paras for s in split_sentences(para)]
            p.paras = list(p.shown)
        p.families.add(12)
        default_keep(p, r, 3)
        pages.append(finish(p, r))

    # 10. English articles: clean, and some under a Chinese hijacking wrapper
    for i, a in enumerate(mat["en"][:16]):
        r = g.rng(f"en{i}")
        p = new_page(g, a, pid(50, "html" if i % 2 else "txt"), r)
        if p.fmt == "html":
            p.charset, p.declare = "utf-8", "meta"
        p.nav = ["Home", "World", "Business", "Markets"]
        p.site = "Newswire Archive"
        if i % 3 == 2:
            place_lines(g, p, r)
            words = [g.gambling(r) for _ in range(3)]
            p.footer.append(g.keyword_line(r, words))
            p.must_drop.append(words[0])
            p.families.add(7)
        p.families.add(12)
        default_keep(p, r, 3)
        pages.append(finish(p, r))

    pages += junk_pages(g, seed, spare_titles)
    return pages


def junk_pages(g: Gen, seed: int, titles: list[str]) -> list[Page]:
    out = []
    gb = g.mat["gambling"]
    pasted = g.mat["pasted"]

    def jp(i, kind, title, lines, fams, src, fmt):
        r = g.rng(f"junk{i}")
        p = Page(pid=f"j{i % 5:02d}/{i:04d}.{fmt}", kind=kind, lang="zh", title=title, paras=[], shown=lines,
                 source=src, fmt=fmt)
        if fmt == "html":
            p.charset, p.declare = r.choice(CHARSETS)
            if p.declare == "none":
                p.charset = "gbk"
            p.layout = r.randrange(G.layouts)
            p.single_p = "br" if i % 2 else ""
        p.families |= set(fams)
        p.site = g.site_name(r)
        if not _encodable(p):
            p.charset, p.declare = "utf-8", "meta"
        return p

    i = 0
    for k in range(6):  # visitor counters and greetings
        r = g.rng(f"greet{k}")
        lines = [x.format(n=r.randint(3, 9999), m=r.randint(10000, 999999)) for x in r.sample(G.greetings, 5)]
        out.append(jp(i, "junk", r.choice(("欢迎光临", "个人主页", "我的小站", "首页")), lines, [10], "family G greetings",
                      "html" if k % 2 else "txt"))
        i += 1
    for k in range(6):  # essay / quotation link lists
        r = g.rng(f"essay{k}")
        head = r.choice(G.essay_heads)
        lines = [f"{t}{head}{r.choice(('', str(r.choice((300, 400, 500, 600, 800))) + '字'))}"
                 for t in r.sample(G.essay_topics, 8)] + [f"更多{head}>>"]
        out.append(jp(i, "junk", f"{head}大全_{head}精选", lines, [10], "family G essay links", "html" if k % 2 else "txt"))
        i += 1
    for k in range(5):  # lottery result listings
        r = g.rng(f"lot{k}")
        name = r.choice(G.lottery_names)
        lines = [f"{name} 第{2016000 + r.randint(1, 150)}期 开奖号码：" + " ".join(f"{r.randint(1, 33):02d}" for _ in range(6))
                 + f" + {r.randint(1, 16):02d}" for _ in range(10)]
        lines.append(f"{name}开奖结果查询 {name}走势图 {name}预测")
        out.append(jp(i, "junk", f"{name}开奖结果_{name}开奖公告", lines, [10], "family G lottery listing",
                      "html" if k % 2 else "txt"))
        i += 1
    for k in range(6):  # gambling lobbies: the real site's text
        r = g.rng(f"lobby{k}")
        lines = r.sample(gb["lines"], min(12, len(gb["lines"])))
        out.append(jp(i, "junk", g.gambling(r), lines, [10, 8], "panghugege001/tianwei-1 ld_web/WebRoot (JSP views)",
                      "html" if k % 2 else "txt"))
        i += 1
    for k in range(4):  # keyword-only pages
        r = g.rng(f"kwonly{k}")
        lines = [" ".join(g.commercial(r) for _ in range(6)) for _ in range(6)]
        out.append(jp(i, "spam_only", g.site_name(r), lines, [10, 2], "family G keyword page", "html" if k % 2 else "txt"))
        i += 1
    for k in range(4):  # doorway pages of pasted sentences
        r = g.rng(f"door{k}")
        sents = r.sample(pasted, 8)
        lines = ["".join(sents[j:j + 2]) for j in range(0, 8, 2)]
        p = jp(i, "spam_only", g.commercial(r), lines, [10, 5], "B00kn/NEWSFARM NEWSFARM_SAMPLE.tgt (doorway)",
               "html" if k % 2 else "txt")
        p.title_tag = p.title + "_" + g.loan(r)
        out.append(p)
        i += 1
    return out


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
        "part": PART, "seed": seed, "template_family": "G",
        "langs": {lang: sum(p.lang == lang for p in pages) for lang in ("en", "zh")},
        "formats": {f: sum(p.fmt == f for p in pages) for f in ("txt", "html")},
        "material": {
            "zh": "lzjqsdd/NewsSpider testdata/data/orinews/*.txt (crawled NetEase/Tencent/Toutiao news, 2016)",
            "pasted": "B00kn/NEWSFARM NEWSFARM_SAMPLE.tgt (news summaries)",
            "places": "mumuy/data_location list.json, code/*.json",
            "gambling": "panghugege001/tianwei-1 ld_web/WebRoot (JSP views of an online casino)",
            "en": "Arthur-sauvage/Reuter data/reut2-000..003.sgm (Reuters-21578)",
        },
        "vocab_sizes": {"zh_articles": len(mat["zh"]), "pasted": len(mat["pasted"]),
                        "fragments": len(mat["fragments"]), "cities": len(mat["places"]["cities"]),
                        "counties": len(mat["places"]["counties"]), "towns": len(mat["places"]["towns"]),
                        "gambling_lines": len(mat["gambling"]["lines"]),
                        "gambling_names": len(mat["gambling"]["names"]), "en_articles": len(mat["en"])},
    })
    return write_build_info(out, info)


def main(argv: list[str] | None = None) -> int:
    return run_builder(argv, "Build the sixth frozen spam test part (template family G).", build,
                       ("pages", "kinds", "html", "non_utf8_html", "families", "clusters", "must_keep", "must_drop"))


if __name__ == "__main__":
    sys.exit(main())
