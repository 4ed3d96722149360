"""Build the junk part (``spam9/junk1``): real junk pages that must produce no record, and real articles.

    python -m tools.evalset.build_junk_eval --source /data/evalsets/sources \\
        --out /data/evalsets/spam9/junk1 --seed 9 [--freeze | --check]

Material (``prepare_sources`` keys, none of them used by another part):

- ``rfweekly``: a Chinese tech weekly's Markdown issues: its essays (``本周话题``) and its numbered
  tech-news items (``科技动态``, two to six paragraphs each) are the Chinese articles; the titles of
  its link sections (``文章``, ``工具``, ``资源``), its issue titles, the blurbs of those links and the
  sayings of its ``言论`` section fill link lists, search results, sitemaps, thread lists, category
  lists, quotation lists and doorway pages;
- ``horne``: English political news of 2016 (Horne and Adali): the real articles are the English
  articles; the fake and satire titles and bodies fill English headline lists and doorway pages;
- ``hitokoto``: the sentence bundle of a quotation site (sentence, source work, author, submitter):
  quotation lists, guestbook messages (with the submitters as authors), essay-site titles, tag clouds
  and the programme names of TV schedules;
- ``lothist``: official draw results of two lotteries (issue, date, numbers): result listings;
- ``cai166``: a real lottery site's views: rules of play, prize tables, promotions, app download pages,
  its 404 page, navigation, login bar and footer lines.

Junk pages are ``kind: "junk"``, ``families: [10]``, with empty ``article``, ``must_keep`` and
``must_drop`` (their ``notes`` name the junk kind); articles are ``kind: "article"``,
``families: [12]``, with 3-6 ``must_keep`` sentences and, on HTML pages that carry a navigation bar and
a footer, those lines as ``must_drop``.  Every page is a pure function of the material and the seed.
"""

from __future__ import annotations

import html
import json
import random
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from tools.evalset import gold as gold_mod
from tools.evalset import manifest
from tools.evalset.charsets import encoding_of, fitting_charset, page_bytes
from tools.evalset.material import CJK, nfkc, split_sentences, stable_hash

PART = "junk1"
SITES = tuple(f"site{k:02d}" for k in range(1, 17))


# ---------------------------------------------------------------------------------------------
# The part's own phrasing (furniture around the real material; no other builder uses it).


class Phrasing:
    visitor_lines = ("您是本站第{n}位访客", "您是第 {n} 位访问本站的朋友", "本站已累计接待访客：{n} 人次",
                     "今日访问：{d} 人　总访问量：{n} 人", "欢迎您，第{n}位客人！")
    greetings = ("欢迎光临本站，祝您浏览愉快！", "感谢您的来访，欢迎常来坐坐。", "愿您天天好心情，工作顺利！",
                 "本站内容每日更新，请按 Ctrl+D 收藏本站。", "如有建议，请到留言板给我们留言。",
                 "有缘相聚，欢迎留下您的足迹！")
    guest_heads = ("留言板", "访客留言", "给我留言", "来宾留言簿")
    essay_heads = ("美文欣赏", "经典美文", "散文精选", "好文章推荐", "作文大全", "美文摘抄")
    quote_heads = ("经典语录", "名言警句大全", "每日一句", "经典台词语录", "励志名言", "句子迷精选")
    tag_heads = ("热门标签", "标签云", "TAG标签", "热门关键词")
    search_heads = ("“{q}”的搜索结果", "搜索：{q}", "{q} - 站内搜索")
    forum_heads = ("论坛首页", "综合讨论区", "版块列表", "灌水乐园")
    list_heads = ("科技动态 - 列表页", "资讯中心", "最新文章", "新闻列表")
    sitemap_heads = ("网站地图", "站点地图", "网站导航")
    doorway_tails = ("大全", "怎么样", "是什么意思", "最新消息", "排行榜", "图片大全")
    tv_heads = ("今日节目表", "电视节目预告", "本周节目单")
    parking = ("该域名正在出售中", "此域名可以转让，有意者请联系", "域名注册商：", "本页面由域名停放服务提供",
               "This domain may be for sale", "联系邮箱：domain@{host}")
    error_lines = ("404 Not Found", "抱歉，您访问的页面不存在或已被删除！", "请检查您输入的网址是否正确。",
                   "页面将在 5 秒后自动跳转到首页", "返回首页")
    login_lines = ("用户名：", "密　码：", "验证码：", "记住我", "忘记密码？", "还没有账号？立即注册")
    blog_nav = ("首页 | 文章归档 | 科技周刊 | 关于本站", "首页 ｜ 技术 ｜ 生活 ｜ 留言", "首页 · 分类 · 标签 · 关于")
    blog_footer = ("Copyright © 2023 本站 保留所有权利", "本站内容转载请注明出处 ｜ 联系我们",
                   "Powered by WordPress · 备案中")
    en_error = ("404 - Page not found", "The page you are looking for might have been removed, had its name "
                "changed, or is temporarily unavailable.", "Return to homepage", "Search our site")
    en_login = ("Sign in", "Username or email", "Password", "Remember me", "Forgot your password?",
                "Don't have an account? Sign up")
    en_parking = ("This domain is for sale!", "Buy this domain", "Related searches", "Privacy policy")
    en_heads = ("Latest News", "Top Stories", "Most Read", "Trending Now")
    en_nav = ("Home | Politics | World | Business | Opinion", "Home · News · Sports · Contact")
    en_footer = ("© 2016 All rights reserved.", "Terms of Use | Privacy Policy | Contact Us")


# ---------------------------------------------------------------------------------------------
# Material readers (pure functions over the prepared folders).

_WS = re.compile(r"\s+")
_SPACES_CJK = re.compile(r"(?<=[\u4e00-\u9fff，。；：、！？”“）（])\s+(?=[\u4e00-\u9fff，。；：、！？”“）（])")


def clean_ws(s: str) -> str:
    s = s.replace("\u3000", " ").replace("\xa0", " ")
    return _SPACES_CJK.sub("", _WS.sub(" ", s).strip())


@dataclass(frozen=True)
class Doc:
    key: str
    title: str
    paras: tuple[str, ...]
    source: str
    lang: str
    kind: str  # essay | news | en


def md_inline(s: str) -> str:
    """Markdown inline markup removed: images, links (their text kept), emphasis, code, tags."""
    s = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", s)
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
    s = s.replace("**", "").replace("__", "")
    s = re.sub(r"`([^`]*)`", r"\1", s)
    s = re.sub(r"<[^>]+>", "", s)
    return clean_ws(s)


def md_paragraphs(block: str) -> list[str] | None:
    """The paragraphs of a Markdown section (None when it holds code or a table: not prose)."""
    if "```" in block or re.search(r"^\s*\|.*\|\s*$", block, re.M):
        return None
    out = []
    for chunk in re.split(r"\n\s*\n", block):
        lines = [x.strip() for x in chunk.strip().splitlines() if x.strip()]
        if not lines:
            continue
        if lines[0].startswith(">"):
            lines = [" ".join(x.lstrip("> ").strip() for x in lines)]
        elif re.match(r"([-*+]|\d+\.)\s", lines[0]):
            lines = [re.sub(r"^[-*+]\s+", "", x) for x in lines]
        else:
            lines = [" ".join(lines)]
        for x in lines:
            x = md_inline(x.lstrip("#").strip())
            if len(CJK.findall(x)) < 4 or "http" in x or "via" in x.lower() and len(x) < 12:
                continue
            out.append(x)
    return out


def _sections(text: str) -> list[tuple[str, str]]:
    parts = re.split(r"^## +(.+)$", text, flags=re.M)
    return [(parts[i].strip(), parts[i + 1]) for i in range(1, len(parts) - 1, 2)]


def _items(body: str) -> list[tuple[str, str]]:
    """The numbered items (``1、...``) of a section: (first line, the rest)."""
    parts = re.split(r"^\d+、", body, flags=re.M)
    out = []
    for p in parts[1:]:
        first, _, rest = p.partition("\n")
        out.append((first.strip(), rest))
    return out


@dataclass
class Weekly:
    articles: list[Doc]
    headlines: list[str]
    issue_titles: list[str]
    sayings: list[tuple[str, str]]
    blurbs: list[str]


def _ok_zh_paras(paras: list[str] | None, lo: int, hi: int, min_paras: int) -> bool:
    if not paras or len(paras) < min_paras:
        return False
    body = "".join(paras)
    return lo <= len(body) <= hi and len(CJK.findall(body)) >= 0.55 * len(body) and max(map(len, paras)) <= 600


def read_weekly(folder: Path, repo: str = "ruanyf/weekly") -> Weekly:
    arts, heads, issues, sayings, blurbs = [], [], [], [], []
    files = sorted((folder / "docs").glob("issue-*.md"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 0))
    for f in files:
        text = f.read_text(encoding="utf-8", errors="replace")
        m = re.search(r"^# +(.+)$", text, re.M)
        if m:
            issues.append(md_inline(m.group(1)))
        subtitle = re.split(r"[：:]", md_inline(m.group(1)), maxsplit=1)[-1].strip() if m else ""
        for name, body in _sections(text):
            name = md_inline(name)
            if name.startswith("本周话题"):
                title = re.split(r"[：:]", name, maxsplit=1)[1].strip() if re.search(r"[：:]", name) else subtitle
                paras = md_paragraphs(body)
                if title and 4 <= len(title) <= 30 and _ok_zh_paras(paras, 300, 4000, 4):
                    arts.append(Doc(f"essay:{f.stem}", title, tuple(paras), f"{repo}:docs/{f.name}#本周话题",
                                    "zh", "essay"))
                elif paras:
                    blurbs.extend(s for p in paras for s in split_sentences(p))
            elif name.startswith("科技动态"):
                for k, (first, rest) in enumerate(_items(body)):
                    title = md_inline(first)
                    paras = md_paragraphs(rest)
                    if 4 <= len(title) <= 24 and not re.search(r"[。！？]$", title) \
                            and _ok_zh_paras(paras, 90, 1500, 2) and len(paras) <= 6:
                        arts.append(Doc(f"news:{f.stem}:{k + 1}", title, tuple(paras),
                                        f"{repo}:docs/{f.name}#科技动态{k + 1}", "zh", "news"))
                    elif paras:
                        blurbs.extend(s for p in paras for s in split_sentences(p))
            elif name in ("文章", "工具", "资源"):
                for first, rest in _items(body):
                    t = md_inline(re.sub(r"[（(][英中]文[）)]", "", first)).strip()
                    if 4 <= len(t) <= 30 and CJK.search(t):
                        heads.append(t)
                    for p in md_paragraphs(rest) or []:
                        blurbs.extend(split_sentences(p))
            elif name == "言论":
                for _, rest in _items("\n" + body.strip()):
                    src = re.search(r"^--\s*(.+)$", rest, re.M)
                    paras = md_paragraphs(re.sub(r"^--.*$", "", rest, flags=re.M)) or []
                    quote = "".join(paras)
                    if src and 10 <= len(quote) <= 160:
                        sayings.append((quote, md_inline(src.group(1))))
    blurbs = [s for s in dict.fromkeys(blurbs)
              if 14 <= len(s) <= 70 and s[-1] == "。" and not re.search(r"[“”\"「」（）()：:]", s)]
    return Weekly(arts, list(dict.fromkeys(heads)), issues, list(dict.fromkeys(sayings)), blurbs)


def _en_sentences(p: str) -> list[str]:
    parts = re.split(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[A-Z“\"])", p)
    return [x.strip() for x in parts if x.strip()]


def _cp1252(data: bytes) -> str:
    """The files are mostly Windows-1252, some UTF-8."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return nfkc(text).replace("\r", "")


_COMMENT_LIKE = re.compile(r"`|@|\b(?:January|February|March|April|May|June|July|August|September|October|November|"
                           r"December) \d{1,2}, 20\d\d\b|\bReply\b|Advertisement|Click here|Sign up")


def read_horne(path: Path, repo: str = "BenjaminDHorne/fakenewsdata1") -> tuple[list[Doc], list[str], list[str]]:
    """(real articles, fake and satire titles, fake and satire body sentences) of the two data sets."""
    z = zipfile.ZipFile(path)
    names = sorted(n for n in z.namelist() if n.endswith(".txt") and "/" in n)
    real, titles, sents = [], [], []
    for n in names:
        folder = n.split("/")[-2]
        if folder not in ("Real", "Fake", "Satire"):
            continue
        tname = n.replace(f"/{folder}/", f"/{folder}_titles/")
        if tname not in z.namelist():
            continue
        title = clean_ws(_cp1252(z.read(tname)))
        if "\ufffd" in title or "â" in title:
            continue
        paras = [clean_ws(x) for x in re.split(r"\n\s*\n", _cp1252(z.read(n)))]
        paras = [x for x in paras if len(x) >= 40 and "\ufffd" not in x]
        if folder == "Real":
            if any(_COMMENT_LIKE.search(x) for x in paras):  # readers' comments or tweets crawled with the body
                continue
            body = sum(map(len, paras))
            if 3 <= len(title.split()) <= 18 and 3 <= len(paras) <= 14 and 600 <= body <= 6000 \
                    and all(x[-1] in ".!?\"”’)" for x in paras):
                real.append(Doc(f"en:{n.split('/')[1][:8]}:{n.split('/')[-1]}", title, tuple(paras),
                                f"{repo}:Horne2017_FakeNewsData.zip#{n}", "en", "en"))
        else:
            if 4 <= len(title.split()) <= 16 and not re.search(r'\ufffd|â|""', title):  # some are mojibake
                titles.append(title)
            sents += [s for p in paras for s in _en_sentences(p) if 50 <= len(s) <= 200 and s[-1] == "."]
    return real, list(dict.fromkeys(titles)), list(dict.fromkeys(sents))


@dataclass(frozen=True)
class Sentence:
    text: str
    work: str
    author: str
    by: str
    cat: str


def read_hitokoto(folder: Path) -> dict[str, list[Sentence]]:
    out: dict[str, list[Sentence]] = {}
    for f in sorted((folder / "sentences").glob("*.json")):
        for x in json.loads(f.read_text(encoding="utf-8")):
            t = clean_ws(x.get("hitokoto") or "")
            if not (6 <= len(t) <= 80) or not CJK.search(t):
                continue
            out.setdefault(f.stem, []).append(Sentence(t, clean_ws(x.get("from") or ""), clean_ws(x.get("from_who") or ""),
                                                       clean_ws(x.get("creator") or ""), f.stem))
    return out


def read_lothist(folder: Path) -> tuple[list[dict], list[dict]]:
    ssq = json.loads((folder / "data/ssq.json").read_text(encoding="utf-8"))
    dlt = json.loads((folder / "data/dlt.json").read_text(encoding="utf-8"))
    return ssq, dlt


def visible_lines(text: str) -> list[str]:
    """The visible text runs of a template (PHP, scripts, styles and tags removed)."""
    text = re.sub(r"<\?php.*?\?>|<\?=.*?\?>|<script.*?</script>|<style.*?</style>|<!--.*?-->", " ", text,
                  flags=re.S | re.I)
    text = re.sub(r"<[^>]+>", "\n", text)
    out = []
    for line in text.splitlines():
        line = clean_ws(html.unescape(line))
        if line and CJK.search(line) and not re.search(r"[{}$;=<>]|//", line) and len(line) <= 120:
            out.append(line)
    return out


def read_cai166(folder: Path) -> dict[str, list[str]]:
    """Visible lines per view, keyed ``help/play_ssq`` etc. (views with fewer than 2 lines left out)."""
    out = {}
    for f in sorted(p for p in folder.rglob("*.php5") if p.is_file()):
        lines = visible_lines(f.read_text(encoding="utf-8", errors="replace"))
        if len(lines) >= 2:
            out[f"{f.parent.name}/{f.stem}"] = list(dict.fromkeys(lines)) if f.parent.name != "help" else lines
    return out


# ---------------------------------------------------------------------------------------------
# Pages


@dataclass
class Page:
    pid: str
    kind: str  # article | junk
    fmt: str  # txt | html
    title: str
    lang: str
    source: str
    junk: str = ""  # the junk kind
    paras: list[str] = field(default_factory=list)  # article paragraphs (the gold text)
    blocks: list[tuple[str, object]] = field(default_factory=list)  # (p|li|h|tr|a, text or cells)
    nav: list[str] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    charset: str = "utf-8"
    layout: int = 0
    sep: str = "  "
    must_keep: list[str] = field(default_factory=list)
    must_drop: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def article(self) -> str:
        if self.kind != "article":
            return ""
        body = "\n".join(self.paras)
        return nfkc(body if self.fmt == "html" else f"{self.title}\n{body}")


def _e(s: str) -> str:
    return html.escape(s, quote=True)


def _block_text(kind: str, v, sep: str) -> str:
    return sep.join(v) if kind == "tr" else str(v)


def render_txt(p: Page) -> str:
    lines = [p.title, ""] + list(p.nav)
    for kind, v in p.blocks:
        lines.append(_block_text(kind, v, p.sep))
        if kind == "p":
            lines.append("")
    lines += [""] + list(p.footer)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _meta(p: Page) -> str:
    if stable_hash(p.pid) % 2:
        return f'<meta charset="{p.charset}">'
    return f'<meta http-equiv="Content-Type" content="text/html; charset={p.charset}">'


def _body_html(p: Page) -> str:
    out, ul, table = [], [], []

    def flush():
        if ul:
            out.append("<ul>\n" + "\n".join(ul) + "\n</ul>")
            ul.clear()
        if table:
            out.append('<table class="list" border="1" cellspacing="0">\n' + "\n".join(table) + "\n</table>")
            table.clear()

    for kind, v in p.blocks:
        if kind == "li":
            ul.append(f"<li>{_e(str(v))}</li>")
            continue
        if kind == "a":
            ul.append(f'<li><a href="/archives/{stable_hash(str(v)) % 90000 + 10000}.html">{_e(str(v))}</a></li>')
            continue
        if kind == "tr":
            table.append("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in v) + "</tr>")
            continue
        flush()
        out.append(f"<h3>{_e(str(v))}</h3>" if kind == "h" else f"<p>{_e(str(v))}</p>")
    flush()
    return "\n".join(out)


def render_html(p: Page) -> str:
    lang = "zh-CN" if p.lang == "zh" else "en"
    head = (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n{_meta(p)}\n<title>{_e(p.title)}</title>\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n</head>\n<body>\n')
    nav = "".join(f'<div class="nav">{_e(x)}</div>\n' for x in p.nav)
    foot = "".join(f"<p>{_e(x)}</p>\n" for x in p.footer)
    body = _body_html(p)
    h1 = f"<h1>{_e(p.title)}</h1>\n" if p.kind == "article" or p.layout != 3 else ""
    if p.layout == 0:  # portal / blog page
        main = (f'<div id="header">\n{nav}</div>\n<div id="main">\n{h1}<div class="content">\n{body}\n</div>\n</div>\n'
                f'<div id="footer">\n{foot}</div>\n')
    elif p.layout == 1:  # old table/font page
        main = (f'<table width="960" align="center"><tr><td>{nav}</td></tr>\n<tr><td><font size="3">{h1}{body}'
                f'</font></td></tr>\n<tr><td align="center"><font size="2">{foot}</font></td></tr></table>\n')
    elif p.layout == 2:  # mobile page
        main = (f'<header class="m-head">{nav}</header>\n<section class="m-main">\n{h1}{body}\n</section>\n'
                f'<footer class="m-foot">{foot}</footer>\n')
    else:  # bare page: title only in <title>
        main = f"{nav}{body}\n{foot}"
    return head + main + "</body>\n</html>\n"


def encode(p: Page) -> bytes:
    if p.fmt == "txt":
        return page_bytes(render_txt(p), "txt", "utf-8")
    return page_bytes(render_html(p), "html", p.charset)


def page_text(p: Page, data: bytes) -> str:
    if p.fmt == "txt":
        return data.decode("utf-8")
    enc = {"gb2312": "gbk"}.get(encoding_of(p.charset), encoding_of(p.charset))
    return html.unescape(re.sub(r"<[^>]+>", "\n", data.decode(enc)))


def validate(p: Page, data: bytes) -> None:
    """Keeps only the gold strings the written page bears out."""
    seen = gold_mod.norm(page_text(p, data))
    art = gold_mod.norm(p.article)
    keep = []
    for k in dict.fromkeys(nfkc(x) for x in p.must_keep):
        nk = gold_mod.norm(k)
        if nk and nk in art and nk in seen:
            keep.append(k)
        else:
            p.notes.append(f"must_keep left out: {k[:30]}")
    drop = []
    for d in dict.fromkeys(nfkc(x) for x in p.must_drop):
        nd = gold_mod.norm(d)
        if nd and nd in seen and nd not in art:
            drop.append(d)
        else:
            p.notes.append(f"must_drop left out: {d[:30]}")
    p.must_keep, p.must_drop = keep, drop


def gold_row(p: Page) -> dict:
    notes = ([f"junk: {p.junk}"] if p.junk else []) + p.notes
    return {"id": p.pid, "kind": p.kind, "title": nfkc(p.title), "article": p.article,
            "must_keep": p.must_keep, "must_drop": p.must_drop, "cluster": None,
            "families": [10] if p.kind == "junk" else [12], "source": p.source, "notes": "; ".join(notes),
            "format": p.fmt, "charset": p.charset if p.fmt == "html" else "utf-8", "lang": p.lang}


# ---------------------------------------------------------------------------------------------
# Generators


class Builder:
    def __init__(self, source: Path, seed: int):
        self.seed = seed
        self.rng = random.Random(seed * 7919 + 51)
        wk = read_weekly(source / "rfweekly")
        order = lambda xs, tag: sorted(xs, key=lambda x: stable_hash(f"{seed}:{tag}:{x}"))  # noqa: E731
        self.essays = sorted((d for d in wk.articles if d.kind == "essay"), key=lambda d: stable_hash(f"{seed}:{d.key}"))
        self.news = sorted((d for d in wk.articles if d.kind == "news"), key=lambda d: stable_hash(f"{seed}:{d.key}"))
        self.headlines = order(wk.headlines, "h")
        self.issue_titles = wk.issue_titles
        self.sayings = order(wk.sayings, "s")
        self.blurbs = order(wk.blurbs, "b")
        real, self.en_titles, self.en_sents = read_horne(source / "horne/Horne2017_FakeNewsData.zip")
        self.en = sorted(real, key=lambda d: stable_hash(f"{seed}:{d.key}"))
        self.en_titles = order(self.en_titles, "et")
        self.en_sents = order(self.en_sents, "es")
        self.quotes = {k: order(v, f"q{k}") for k, v in read_hitokoto(source / "hitokoto").items()}
        self.ssq, self.dlt = read_lothist(source / "lothist")
        self.views = read_cai166(source / "cai166")
        self.pages: list[Page] = []
        self.cursor: dict[str, int] = {}
        self.n = 0

    def take(self, name: str, seq: list, k: int = 1) -> list:
        """The next ``k`` items of a pool (each used once while the pool lasts, then again from its start)."""
        i = self.cursor.get(name, 0)
        self.cursor[name] = i + k
        return [seq[(i + j) % len(seq)] for j in range(k)] if seq else []

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def new_page(self, kind: str, lang: str, title: str, source: str, fmt: str | None = None) -> Page:
        self.n += 1
        group = SITES[(self.n * 7 + stable_hash(f"{self.seed}:g{self.n}") % 3) % len(SITES)]
        if fmt is None:
            fmt = "html" if stable_hash(f"{self.seed}:f{self.n}") % 100 < 45 else "txt"
        p = Page(f"{group}/p{self.n:04d}.{fmt}", kind, fmt, title, lang, source)
        if fmt == "html":
            r = stable_hash(f"{self.seed}:c{self.n}") % 100
            p.charset = "utf-8" if lang == "en" or r < 58 else ("gbk" if r < 78 else "gb18030" if r < 90 else "gb2312")
            p.layout = stable_hash(f"{self.seed}:l{self.n}") % 4
            if p.charset != "utf-8":
                p.layout = 1 if r % 2 else p.layout
        p.sep = self.pick(("  ", " | ", "｜", "\t", " · ")) if lang == "zh" else self.pick(("  ", " | ", " - "))
        return p

    def finish(self, p: Page) -> None:
        if p.lang == "zh" and stable_hash(f"{self.seed}:w{p.pid}") % 5 == 0:  # half-width punctuation habit
            p.title, p.nav, p.footer = nfkc(p.title), [nfkc(x) for x in p.nav], [nfkc(x) for x in p.footer]
            p.paras = [nfkc(x) for x in p.paras]
            p.blocks = [(k, [nfkc(c) for c in v] if k == "tr" else nfkc(str(v))) for k, v in p.blocks]
            p.notes.append("half-width punctuation")
        if p.fmt == "html":
            texts = [p.title] + p.nav + p.footer + [_block_text(k, v, " ") for k, v in p.blocks]
            p.charset = fitting_charset(p.charset, texts)
        self.pages.append(p)

    def view(self, name: str) -> list[str]:
        return self.views.get(name, [])

    def views_like(self, prefix: str) -> list[str]:
        return sorted(k for k in self.views if k.startswith(prefix))


def _balanced(s: str) -> bool:
    return s.count("“") == s.count("”") and s.count("（") == s.count("）") and s.count("《") == s.count("》")


def choose_keep(b: Builder, p: Page) -> None:
    sents = []
    for para in p.paras:
        sents += split_sentences(para) if p.lang == "zh" else _en_sentences(para)
    cands = [s for s in dict.fromkeys(sents) if (10 if p.lang == "zh" else 30) <= len(s) <= 160 and _balanced(s)]
    if len(cands) < 3:  # a short item: its clauses too
        clauses = [c for s in sents for c in re.split(r"(?<=[，,；;])", s) if len(c) >= 8 and _balanced(c)]
        cands += [c for c in dict.fromkeys(clauses) if c not in cands]
    k = min(len(cands), b.rng.randrange(3, 7))
    p.must_keep = sorted(b.rng.sample(cands, k), key=cands.index)


def articles(b: Builder, zh_essays: int, zh_news: int, en: int) -> None:
    """Real articles that must be kept (12): essays, short news items, English news; text dumps and
    HTML pages, some of them with a navigation bar and a footer (their ``must_drop``)."""
    docs = b.essays[:zh_essays] + b.news[:zh_news] + b.en[:en]
    if len(docs) < zh_essays + zh_news + en:
        raise RuntimeError(f"not enough articles: {len(b.essays)} essays, {len(b.news)} news, {len(b.en)} English")
    docs.sort(key=lambda d: stable_hash(f"{b.seed}:a:{d.key}"))
    for i, d in enumerate(docs):
        p = b.new_page("article", d.lang, d.title, d.source)
        p.paras = list(d.paras)
        p.blocks = [("p", x) for x in d.paras]
        p.notes.append({"essay": "blog essay", "news": "short news item", "en": "English news"}[d.kind]
                       + f" ({len(d.paras)} paragraphs)")
        if p.fmt == "html" and i % 3 != 2:
            p.layout = p.layout if p.layout != 3 else 0
            nav = b.pick(Phrasing.blog_nav if d.lang == "zh" else Phrasing.en_nav)
            foot = b.pick(Phrasing.blog_footer if d.lang == "zh" else Phrasing.en_footer)
            p.nav, p.footer = [nav], [foot]
            p.must_drop = [nav, foot]
        choose_keep(b, p)
        b.finish(p)


# ---- junk kinds: each returns (title, blocks, nav, footer, source) -------------------------------


def _nums(xs) -> str:
    return " ".join(f"{x:02d}" for x in xs)


def j_visitor(b: Builder, i: int):
    works = [s.work for s in b.take("qsite", b.quotes.get("d", []) + b.quotes.get("i", []), 20) if 2 <= len(s.work) <= 6]
    site = (works[0] if works else "心情") + b.pick(("小站", "之家", "的家", "小屋", "驿站"))
    q = b.take("qvisit", b.quotes.get("e", []) + b.quotes.get("f", []))[0]
    lines = [b.pick(Phrasing.visitor_lines).format(n=b.rng.randrange(1000, 999999), d=b.rng.randrange(10, 999)),
             f"欢迎光临{site}！", *b.rng.sample(Phrasing.greetings, 2), f"每日一句：{q.text}",
             "首页 | 留言板 | 相册 | 联系我们"]
    return f"欢迎光临{site}", [("p", x) for x in lines], [], [], "hitokoto-osc/sentences-bundle: a sentence; junk1 phrasing"


def j_guestbook(b: Builder, i: int):
    pool = b.quotes.get("e", []) + b.quotes.get("f", []) + b.quotes.get("l", [])
    blocks = []
    for s in b.take("qguest", pool, b.rng.randrange(5, 11)):
        y, mo, dd = b.rng.randrange(2009, 2020), b.rng.randrange(1, 13), b.rng.randrange(1, 29)
        who = s.by or "匿名网友"
        blocks.append(("h", f"{who} 发表于 {y}-{mo:02d}-{dd:02d} {b.rng.randrange(24):02d}:{b.rng.randrange(60):02d}"))
        blocks.append(("li", s.text))
    blocks.append(("p", "我要留言 | 返回首页 | 共" + str(b.rng.randrange(20, 400)) + "条留言"))
    return b.pick(Phrasing.guest_heads), blocks, [], [], "hitokoto-osc/sentences-bundle: sentences and their submitters"


def j_essay_links(b: Builder, i: int):
    head = b.pick(Phrasing.essay_heads)
    if i % 2:
        works = [s.work for s in b.take("qworks", b.quotes.get("d", []), 30) if s.work]
        items = [f"《{w}》经典语句摘抄" if j % 2 else f"读《{w}》有感" for j, w in enumerate(dict.fromkeys(works))][:14]
        src = "hitokoto-osc/sentences-bundle: source works"
    else:
        items = b.take("heads", b.headlines, 14)
        src = "ruanyf/weekly: link titles"
    blocks = [("a", f"{t}（阅读{b.rng.randrange(100, 20000)}次）" if j % 3 else t) for j, t in enumerate(items)]
    blocks.append(("p", "上一页 1 2 3 4 5 下一页"))
    return f"{head}_{head}网", blocks, [], [], src


def j_quotes(b: Builder, i: int):
    if i % 4 == 3 and b.sayings:
        items = b.take("says", b.sayings, b.rng.randrange(5, 9))
        lines = [f"{k + 1}、{q}——{s}" for k, (q, s) in enumerate(items)]
        return "言论摘抄：" + b.pick(Phrasing.quote_heads), [("li", x) for x in lines], [], [], "ruanyf/weekly: sayings (言论)"
    cat = ("a", "d", "i", "k", "h", "c")[i % 6]
    items = b.take(f"q{cat}", b.quotes.get(cat, []), b.rng.randrange(8, 21))
    style = i % 4
    lines = []
    for k, s in enumerate(items):
        tail = f"——{s.author}《{s.work}》" if s.author else (f"——《{s.work}》" if s.work else "")
        lead = (f"{k + 1}、", f"{k + 1}. ", "◆ ", "")[style]
        lines.append(f"{lead}{s.text}{tail}")
    head = b.pick(Phrasing.quote_heads)
    return f"{head}（{len(lines)}句）", [("li", x) for x in lines], [], [], f"hitokoto-osc/sentences-bundle: sentences/{cat}.json"


def j_lottery_results(b: Builder, i: int):
    ssq = i % 2 == 0
    draws = b.take("ssq" if ssq else "dlt", b.ssq if ssq else b.dlt, b.rng.randrange(10, 30))
    head = b.view("kaijiang/ssq" if ssq else "kaijiang/dlt")[:1] or ["开奖结果"]
    name = "双色球" if ssq else "大乐透"
    rows = [("tr", ["期号", "开奖日期", "开奖号码"])]
    for d in draws:
        if ssq:
            rows.append(("tr", [f"第{d['issueNumber']}期", d["drawDate"], f"{_nums(d['redBalls'])} + {d['blueBall']:02d}"]))
        else:
            rows.append(("tr", [f"第{d['issueNumber']}期", d["drawDate"], f"{_nums(d['frontBalls'])} + {_nums(d['backBalls'])}"]))
    foot = [x for x in b.view("common/footer") if "提醒" in x or "ICP" in x or "客服" in x][:3]
    nav = ["首页 | 开奖公告 | 走势图 | 奖金计算器 | 购彩大厅"]
    return f"{name}开奖结果_{head[0]}_历史开奖号码", rows, nav, foot, "gudaoxuri/lottery_history: draws; cnceo/166cai: kaijiang and footer"


def j_lottery_rules(b: Builder, i: int):
    names = [k for k in b.views_like("help/play_") if len(b.views[k]) >= 8]
    name = names[b.take("rules", list(range(len(names))))[0]] if names else ""
    lines = b.view(name) or ["玩法规则"]
    title = lines[0]
    return f"{title}-166彩票", [("li" if len(x) < 14 else "p", x) for x in lines[1:60]], [], \
        [x for x in b.view("common/footer") if "提醒" in x][:1], f"cnceo/166cai: app/views/{name}.php5"


def j_lottery_promo(b: Builder, i: int):
    names = [k for k in b.views_like("activity/") if len(b.views[k]) >= 6]
    name = names[b.take("promo", list(range(len(names))))[0]] if names else ""
    lines = b.view(name) or ["活动"]
    return lines[0], [("p", x) for x in lines[1:50]], ["hi，欢迎来到166彩票！ | 免费注册 | 登录"], [], \
        f"cnceo/166cai: app/views/{name}.php5"


def j_app_download(b: Builder, i: int):
    lines = (b.view("help/download") if i % 2 == 0 else b.view("help/download_ios")) or b.view("help/download")
    extra = [x for x in b.view("common/appdownload") + b.view("common/footer") if "下载" in x or "客户端" in x]
    return "166彩票客户端下载", [("p", x) for x in lines + extra[:6]], [], [], "cnceo/166cai: help/download, common/appdownload"


def j_tagcloud(b: Builder, i: int):
    works = [s.work for s in b.take("qtags", b.quotes.get("a", []) + b.quotes.get("c", []), 80) if 2 <= len(s.work) <= 10]
    heads = [h for h in b.take("heads", b.headlines, 40) if len(h) <= 12]
    tags = list(dict.fromkeys(works + heads))[: b.rng.randrange(25, 60)]
    seps = (" ", "　", " | ", "，")[i % 4]
    lines = [seps.join(tags[k:k + 10]) for k in range(0, len(tags), 10)]
    return b.pick(Phrasing.tag_heads), [("p", x) for x in lines], [], [], "hitokoto-osc/sentences-bundle: works; ruanyf/weekly: titles"


def j_search(b: Builder, i: int):
    q = re.sub(r"\s*[（(【\[:：,，].*$", "", b.take("heads", b.headlines)[0])[:8].strip()
    blocks = [("p", f"找到相关结果约{b.rng.randrange(20, 90000)}个，用时0.{b.rng.randrange(10, 99)}秒")]
    for h in b.take("heads", b.headlines, b.rng.randrange(6, 12)):
        s = b.take("blurbs", b.blurbs)[0]
        blocks += [("h", h), ("li", s[: b.rng.randrange(18, 32)] + "..."),
                   ("li", f"www.{'abcdefghij'[b.rng.randrange(10)]}{b.rng.randrange(100, 999)}.com - {b.rng.randrange(2015, 2024)}-0{b.rng.randrange(1, 10)}-1{b.rng.randrange(10)}")]
    blocks.append(("p", "上一页 1 2 3 4 5 6 7 8 9 10 下一页"))
    return b.pick(Phrasing.search_heads).format(q=q), blocks, [], [], "ruanyf/weekly: link titles and blurbs"


def j_sitemap(b: Builder, i: int):
    k = b.rng.sample(range(len(b.issue_titles)), min(40, len(b.issue_titles)))
    items = [b.issue_titles[x] for x in sorted(k)]
    blocks = [("h", "栏目导航"), ("a", "首页"), ("a", "科技动态"), ("a", "文章"), ("a", "工具"), ("a", "资源"),
              ("h", "往期回顾")] + [("a", t) for t in items]
    return b.pick(Phrasing.sitemap_heads), blocks, [], [], "ruanyf/weekly: issue titles"


def j_forum_index(b: Builder, i: int):
    rows = [("tr", ["主题", "作者", "回复/查看", "最后发表"])]
    pool = b.quotes.get("c", []) + b.quotes.get("a", [])
    for h in b.take("heads", b.headlines, b.rng.randrange(12, 25)):
        who = b.take("qforum", pool)[0].by or "游客"
        rows.append(("tr", [h, who, f"{b.rng.randrange(0, 300)}/{b.rng.randrange(300, 90000)}",
                            f"20{b.rng.randrange(10, 23)}-{b.rng.randrange(1, 13)}-{b.rng.randrange(1, 29)}"]))
    nav = [f"{b.pick(Phrasing.forum_heads)} » 版块 » 帖子列表", "发帖 | 搜索 | 排行榜 | 帮助"]
    return b.pick(Phrasing.forum_heads) + " - 论坛", rows, nav, ["Powered by Discuz! © 2001-2013 Comsenz Inc."], \
        "ruanyf/weekly: link titles; hitokoto-osc/sentences-bundle: submitters"


def j_category_list(b: Builder, i: int):
    blocks = []
    for h in b.take("heads", b.headlines, b.rng.randrange(15, 30)):
        date = f"{b.rng.randrange(2016, 2024)}-{b.rng.randrange(1, 13):02d}-{b.rng.randrange(1, 29):02d}"
        blocks.append(("a", f"{h}　{date}" if i % 2 else f"[{date}] {h}"))
    blocks.append(("p", f"共{b.rng.randrange(100, 3000)}条记录 首页 上一页 下一页 尾页"))
    return b.pick(Phrasing.list_heads), blocks, ["首页 > 资讯中心 > 列表"], [], "ruanyf/weekly: link titles"


def j_doorway(b: Builder, i: int):
    q = re.sub(r"\s*[（(【\[:：,，].*$", "", b.take("heads", b.headlines)[0])[:10].strip() + b.pick(Phrasing.doorway_tails)
    paras = ["".join(b.take("blurbs", b.blurbs, b.rng.randrange(3, 6))) for _ in range(b.rng.randrange(3, 7))]
    blocks = [("p", x) for x in paras] + [("p", f"相关搜索：{q}　{q[:4]}下载　{q[:4]}视频")]
    return f"{q}_{q}", blocks, [], [], "ruanyf/weekly: blurbs of unrelated links pasted under a search phrase"


def j_nav_only(b: Builder, i: int):
    lines = b.view("common/footer")[:20] or ["首页"]
    head = b.view("common/header_topbar_notlogin")
    seps = (" | ", "　", " · ")[i % 3]
    lines = [seps.join(lines[k:k + 6]) for k in range(0, len(lines), 6)]
    return "166彩票-首页", [("p", x) for x in head + lines], [], [], "cnceo/166cai: header and footer navigation"


def j_login(b: Builder, i: int):
    lines = b.view("common/fast_login") + list(Phrasing.login_lines) + b.view("common/header_topbar_notlogin")[:2]
    return "用户登录 - 166彩票", [("p", x) for x in lines], [], [], "cnceo/166cai: login bar; junk1 phrasing"


def j_error404(b: Builder, i: int):
    lines = b.view("error/error_404") + list(Phrasing.error_lines)[i % 2:]
    return "404 页面不存在", [("p", x) for x in lines], [], [], "cnceo/166cai: error_404; junk1 phrasing"


def j_parking(b: Builder, i: int):
    host = f"{'abcdefghij'[i % 10]}{b.rng.randrange(100, 9999)}.com"
    lines = [host] + [x.format(host=host) for x in Phrasing.parking] + \
        [f"{h[:6]}　" for h in b.take("heads", b.headlines, 6)]
    return f"{host} - 该域名正在出售", [("p", x) for x in lines], [], [], "junk1 phrasing; ruanyf/weekly: titles as related searches"


def j_footer_only(b: Builder, i: int):
    lines = [x for x in b.view("common/footer") if any(w in x for w in ("版权", "ICP", "客服", "提醒", "公司", "166"))]
    return "166彩票", [("p", x) for x in lines or ["版权所有"]], [], [], "cnceo/166cai: footer lines"


def j_tv(b: Builder, i: int):
    works = [s.work for s in b.take("qtv", b.quotes.get("h", []), 40) if 2 <= len(s.work) <= 16]
    rows = [("tr", ["时间", "节目"])]
    t = 6 * 60
    for w in list(dict.fromkeys(works))[:16]:
        rows.append(("tr", [f"{t // 60:02d}:{t % 60:02d}", w if i % 2 else f"电视剧：{w}"]))
        t += b.rng.choice((30, 45, 60, 90))
    return f"{b.pick(Phrasing.tv_heads)}（{b.rng.randrange(1, 13)}月{b.rng.randrange(1, 29)}日）", rows, [], [], \
        "hitokoto-osc/sentences-bundle: film and TV titles (sentences/h.json)"


def j_en_headlines(b: Builder, i: int):
    blocks = [("a", t if i % 2 else f"{t} ({b.rng.randrange(1, 12)} hours ago)") for t in b.take("et", b.en_titles, b.rng.randrange(10, 22))]
    return b.pick(Phrasing.en_heads), blocks, [b.pick(Phrasing.en_nav)], [b.pick(Phrasing.en_footer)], \
        "BenjaminDHorne/fakenewsdata1: fake and satire titles"


def j_en_doorway(b: Builder, i: int):
    q = " ".join(b.take("et", b.en_titles)[0].split()[:4])
    paras = [" ".join(b.take("es", b.en_sents, b.rng.randrange(3, 5))) for _ in range(b.rng.randrange(3, 6))]
    return f"{q} - {q} news, {q} videos", [("p", x) for x in paras], [], [], \
        "BenjaminDHorne/fakenewsdata1: sentences of fake and satire bodies pasted under a search phrase"


def j_en_furniture(b: Builder, i: int):
    lines = (Phrasing.en_error, Phrasing.en_login, Phrasing.en_parking)[i % 3]
    title = ("404 Not Found", "Sign in to your account", "example domain for sale")[i % 3]
    return title, [("p", x) for x in lines], [b.pick(Phrasing.en_nav)], [b.pick(Phrasing.en_footer)], "junk1 phrasing"


def j_en_tags(b: Builder, i: int):
    words = []
    for t in b.take("et", b.en_titles, 20):
        words += [w.strip(",.:'\"?!") for w in t.split() if len(w) > 4 and w[0].isupper()]
    tags = list(dict.fromkeys(words))[:40]
    return "Tags", [("p", " ".join(tags[k:k + 8])) for k in range(0, len(tags), 8)], [], [], \
        "BenjaminDHorne/fakenewsdata1: words of fake and satire titles"


def j_en_sitemap(b: Builder, i: int):
    return "Sitemap", [("h", "Pages"), ("a", "Home"), ("a", "About"), ("a", "Contact"), ("h", "Posts")] + \
        [("a", t) for t in b.take("et", b.en_titles, 15)], [], [], "BenjaminDHorne/fakenewsdata1: titles"


JUNK_KINDS = {  # kind: (generator, language)
    "visitor counter": (j_visitor, "zh"), "guestbook": (j_guestbook, "zh"), "essay link list": (j_essay_links, "zh"),
    "quotation list": (j_quotes, "zh"), "lottery results": (j_lottery_results, "zh"),
    "lottery rules": (j_lottery_rules, "zh"), "lottery promotion": (j_lottery_promo, "zh"),
    "app download": (j_app_download, "zh"), "tag cloud": (j_tagcloud, "zh"), "search results": (j_search, "zh"),
    "sitemap": (j_sitemap, "zh"), "forum index": (j_forum_index, "zh"), "category list": (j_category_list, "zh"),
    "doorway": (j_doorway, "zh"), "navigation only": (j_nav_only, "zh"), "login": (j_login, "zh"),
    "404 page": (j_error404, "zh"), "domain parking": (j_parking, "zh"), "footer only": (j_footer_only, "zh"),
    "TV schedule": (j_tv, "zh"), "en headline list": (j_en_headlines, "en"), "en doorway": (j_en_doorway, "en"),
    "en 404/login/parking": (j_en_furniture, "en"), "en tag cloud": (j_en_tags, "en"),
    "en sitemap": (j_en_sitemap, "en"),
}

JUNK_COUNTS = {"visitor counter": 8, "guestbook": 8, "essay link list": 10, "quotation list": 14,
               "lottery results": 10, "lottery rules": 8, "lottery promotion": 6, "app download": 4, "tag cloud": 8,
               "search results": 8, "sitemap": 6, "forum index": 8, "category list": 8, "doorway": 10,
               "navigation only": 4, "login": 4, "404 page": 4, "domain parking": 4, "footer only": 4,
               "TV schedule": 4, "en headline list": 5, "en doorway": 5, "en 404/login/parking": 3,
               "en tag cloud": 3, "en sitemap": 3}

COUNTS = {"zh_essays": 58, "zh_news": 42, "en": 20, "junk": JUNK_COUNTS}


def junk(b: Builder, counts: dict[str, int]) -> None:
    """Pages that must produce no record (10), of every kind in ``counts``, interleaved."""
    order = [(k, i) for k, n in counts.items() for i in range(n)]
    order.sort(key=lambda x: stable_hash(f"{b.seed}:j:{x[0]}:{x[1]}"))
    for kind, i in order:
        gen, lang = JUNK_KINDS[kind]
        title, blocks, nav, footer, src = gen(b, i)
        p = b.new_page("junk", lang, title, src)
        p.junk = kind
        p.blocks, p.nav, p.footer = list(blocks), list(nav), list(footer)
        b.finish(p)


def build_pages(source: Path, seed: int, counts: dict = COUNTS) -> list[Page]:
    b = Builder(source, seed)
    articles(b, counts["zh_essays"], counts["zh_news"], counts["en"])
    junk(b, counts["junk"])
    return b.pages


def build(source: Path, out: Path, seed: int, counts: dict = COUNTS) -> dict:
    pages = build_pages(source, seed, counts)
    rows = gold_mod.write_part(out, pages, encode, validate, gold_row)
    info = gold_mod.summary(rows, charsets=True)
    kinds: dict[str, int] = {}
    for p in pages:
        if p.junk:
            kinds[p.junk] = kinds.get(p.junk, 0) + 1
    info.update({"part": PART, "seed": seed, "builder": "tools/evalset/build_junk_eval.py",
                 "junk_kinds": kinds,
                 "article_kinds": {k: sum(1 for p in pages if p.kind == "article" and p.notes and p.notes[0].startswith(k))
                                   for k in ("blog essay", "short news item", "English news")},
                 "languages": {lang: sum(r["lang"] == lang for r in rows) for lang in ("zh", "en")},
                 "formats": {f: sum(r["format"] == f for r in rows) for f in ("txt", "html")}})
    return gold_mod.write_build_info(out, info)


def main(argv: list[str] | None = None) -> int:
    return manifest.run_builder(argv, __doc__.split("\n\n")[0], build,
                                ("pages", "kinds", "html", "non_utf8_html", "families", "must_keep", "must_drop",
                                 "junk_kinds", "article_kinds", "languages"))


if __name__ == "__main__":
    sys.exit(main())
