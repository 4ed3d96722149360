"""Patterns and word lists more than one stage uses, each defined once with its source.

Extraction (``extract.py``, ``html_prepass.py``), spam cleaning (``spam/``), the quality
signals (``quality/signals.py``) and dedup (``dedup/``) read these; a stage's own rule
data stays in its own module (``spam/patterns.py``, ``html_prepass.py``).  Fixing URL
detection, a heading list or a script range here fixes it for every stage.

Sources:

- code-point ranges: the Unicode Character Database's block list (``Blocks.txt``,
  Unicode 15.1), named block by block below;
- top-level domains: the IANA root zone (every one is checked against the Public Suffix
  List that ``tld``, a dependency of trafilatura's ``courlan``, ships: tests/test_lexicon.py);
  the list is the set of TLDs the spam and link rules look for in bare host names;
- Chinese credit, location and heading labels: the conventions of Chinese news and
  portal sites (the labels their templates print), written by the project; the English
  headings are those of common CMS templates.  No page's text is copied here.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable, List, Tuple

# --------------------------------------------------------------------------- scripts
# Unicode blocks (Blocks.txt), as inclusive (first, last) code points.
HANGUL_JAMO = (0x1100, 0x11FF)
CJK_RADICALS = (0x2E80, 0x2FDF)  # CJK Radicals Supplement and Kangxi Radicals
KANA = (0x3040, 0x30FF)  # Hiragana and Katakana
BOPOMOFO = (0x3100, 0x312F)
HANGUL_COMPATIBILITY_JAMO = (0x3130, 0x318F)
HAN_EXTENSION_A = (0x3400, 0x4DBF)
HAN_UNIFIED = (0x4E00, 0x9FFF)  # CJK Unified Ideographs (the URO)
HANGUL_SYLLABLES = (0xAC00, 0xD7AF)
HAN_COMPATIBILITY = (0xF900, 0xFAFF)
HAN_SUPPLEMENTARY = (0x20000, 0x3134F)  # extensions B-G and the compatibility supplement (planes 2 and 3)
# Dedup's folding table covers the BMP and plane 2 only (dedup/normalize.py: FOLD_LIMIT).
PLANE_2 = (0x20000, 0x2FFFF)


def char_class(ranges: Iterable[Tuple[int, int]]) -> str:
    """The body of a regex character class for ``ranges`` (``"\\u3400-\\u4dbf..."``)."""
    return "".join(f"{chr(first)}-{chr(last)}" for first, last in ranges)


# Chinese characters as the spam rules and dedup's carried vocabulary see them: the two
# BMP blocks every Chinese page is written in.
HAN_RANGES = (HAN_EXTENSION_A, HAN_UNIFIED)
HAN = char_class(HAN_RANGES)
# Characters that count as one token each in the quality signals: kana and every Han block.
CJK_TOKEN_RANGES = (KANA, HAN_EXTENSION_A, HAN_UNIFIED, HAN_COMPATIBILITY, HAN_SUPPLEMENTARY)
CJK_TOKEN = char_class(CJK_TOKEN_RANGES)
# Scripts dedup shingles by characters: Han, kana, bopomofo, hangul.
CJK_SHINGLE_RANGES = (CJK_RADICALS, KANA, BOPOMOFO, HANGUL_COMPATIBILITY_JAMO, HAN_EXTENSION_A, HAN_UNIFIED,
                      HANGUL_SYLLABLES, HAN_COMPATIBILITY, HANGUL_JAMO, PLANE_2)

HAN_CHAR = re.compile(f"[{HAN}]")

# A character of a word in the spam rules' sense: Han, ASCII letter or digit.
HAN_WORD_CHAR = re.compile(rf"[{HAN}A-Za-z0-9]")
# A short token of a keyword list: 2-12 Han characters, ASCII letters or digits, one Han at least.
SHORT_TOKEN = re.compile(rf"^(?=.*[{HAN}])[{HAN}A-Za-z0-9]{{2,12}}$")


def han_pairs(text: str) -> List[str]:
    """The pairs of Han characters adjacent once the text's other characters are left out (what two
    texts share of their wording, whatever punctuation and Latin words stand between)."""
    han = "".join(HAN_CHAR.findall(text))
    return [han[k:k + 2] for k in range(len(han) - 1)]


# --------------------------------------------------------------------------- separators
# Site-group templates string names and keywords with whatever symbol their template uses (☆, ╋, ⊙, 〓,
# →, ◆, ▪, ➢, ㊣ ...); no word is written with one.  So every character of the Unicode symbol categories
# ``So`` and ``Sm`` (the Unicode Character Database's general categories, as Python's unicodedata reads
# them) separates items, but those that belong to what they follow (© ® ™ ° ℃ ℉ ℅ №) and the
# comparison signs (< = >: breadcrumbs and formulas, with rules of their own).
_NOT_SEPARATOR_SYMBOLS = frozenset("©®™°℃℉℅№<=>")
_SYMBOL_PLANES = ((0x80, 0x10000), (0x1F000, 0x1FB00))  # the Basic Multilingual Plane; emoji and pictographs
_BOX_DRAWING = (0x2500, 0x2580)  # a table's borders (│ ─ ┼): between a table's cells, never a bullet or a heading's frame


def _symbol_class(ascii_symbols: str, box_drawing: bool) -> str:
    """The separator symbols (with ``ascii_symbols``, and the box-drawing block or not) as the body of a
    regex character class, runs of code points as ranges."""
    codes = [c for lo, hi in _SYMBOL_PLANES for c in range(lo, hi)
             if unicodedata.category(chr(c)) in ("So", "Sm") and chr(c) not in _NOT_SEPARATOR_SYMBOLS
             and (box_drawing or not _BOX_DRAWING[0] <= c < _BOX_DRAWING[1]) and (c >= 0x100 or box_drawing)]
    codes = sorted(codes + [ord(c) for c in ascii_symbols])
    parts: List[str] = []
    start = prev = codes[0]
    for c in codes[1:] + [-1]:
        if c == prev + 1:
            prev = c
            continue
        parts.append(re.escape(chr(start)) if start == prev else f"{re.escape(chr(start))}-{re.escape(chr(prev))}")
        start = prev = c
    return "".join(parts)


# A character class's body, [{SYMBOL_SEPARATOR_CLASS}]: what separates the items of a list (``+ ~ |`` too).
SYMBOL_SEPARATOR_CLASS = _symbol_class("+~|", box_drawing=True)
SYMBOL_SEPARATOR = re.compile(f"[{SYMBOL_SEPARATOR_CLASS}]")
# The symbols that mark a line's start as a bullet or frame a heading (``◆ 推荐阅读 ◆``, ``〓本月排行〓``): the
# separator symbols but the ASCII and Latin-1 ones and a table's borders (``| 名称 |`` is a table's row).
SYMBOL_MARK_CLASS = _symbol_class("", box_drawing=False)

# What separates the items of a keyword or place list.
LIST_SEPARATORS = re.compile(r"[\s|｜、,;/_]+")
# The same, with the middle dots and the vertical stroke (丨, a radical no word is written with)
# that site-group templates also string names with (``A县 · B区``, ``A县丨B区``), the hyphens and
# every separator symbol (``A县-B区``, ``A县☆B区``, ``A县╋B区``).  Not used for keyword chunks: a
# middle dot also joins the parts of a transliterated name (马丁·路德·金).
ITEM_SEPARATORS = re.compile(rf"[\s|｜、,;/_·・•丨\-{SYMBOL_SEPARATOR_CLASS}]+")
# The separators of a site-group template's keyword list (``A医院丨B彩票网``, ``A体育/B维修``,
# ``A加盟+B官网``, ``A☆B``, ``A〓B``): a stuffing line's chunks are split at these (every separator
# symbol) besides spaces, ``|`` and ``_``.  Neither the middle dot nor the hyphen: they join the parts of names.
KEYWORD_SEPARATORS = re.compile(rf"[\s|｜_丨/{SYMBOL_SEPARATOR_CLASS}]+")
# Punctuation that only prose (or a quotation, a title) has: a line with one is not a keyword list.
SENTENCE_PUNCTUATION = re.compile(r"[。!?;:“”\"《》()\[\]【】…]")

# --------------------------------------------------------------------------- URLs
# The top-level domains a bare host name (no scheme, no www.) must end with to count as a URL.
TLDS = ("com", "cn", "net", "org", "gov", "edu", "cc", "info", "io", "top", "xyz", "vip", "biz", "tv", "me",
        "co", "us", "uk", "hk", "tw")
_TLD_ALTERNATION = "|".join(sorted(TLDS, key=lambda t: (-len(t), t)))
# The characters of a URL in running text: ASCII URL characters (RFC 3986) but the brackets,
# quotes and "|" that close or separate it.  Chinese text runs on without a space after
# "www.12306.cn", so a URL ends at the first non-ASCII character.
_URL_CHARS = r"[A-Za-z0-9\-._~:/?#@!$&*+,;=%]"
URL = re.compile(
    rf"(?:https?://|ftp://|www\.){_URL_CHARS}+"
    rf"|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:{_TLD_ALTERNATION})(?:\.[a-z]{{2}})?(?![a-z0-9-])"
    rf"(?:/{_URL_CHARS}*)?",
    re.IGNORECASE)
# A cheap test for a line that may hold a URL (every match of URL has one of these).
URL_HINT = re.compile(rf"\.(?:{_TLD_ALTERNATION})(?![a-z0-9-])|https?://|ftp://|www\.", re.IGNORECASE)

# --------------------------------------------------------------------------- titles
# What separates a <title>'s parts (headline, section, site name, stuffed keywords): "_", "|",
# "｜", en and em dashes, and a hyphen between spaces.
TITLE_SEPARATORS = re.compile(r"\s*[_|｜–—]\s*|\s+-\s+")

# --------------------------------------------------------------------------- credits, locations, headings
# Labels of an editor's credit (责任编辑：张伟).
EDITOR_LABELS = ("责任编辑", "责编", "本文编辑", "值班编辑", "编辑")
_EDITOR_ALTERNATION = "|".join(EDITOR_LABELS)
# "<label>: <name>" of an editor credit, the name without brackets (full-width forms too: the
# markup pre-pass reads text before NFKC).
EDITOR_CREDIT = rf"(?:{_EDITOR_ALTERNATION})\s*[:：]\s*(?P<name>[^()（）\[\]【】]{{1,30}}?)"
_OPEN, _CLOSE = r"[(（\[【]", r"[)）\]】]"
# An element or line that is only an editor credit, brackets optional.
EDITOR_CREDIT_ONLY = re.compile(rf"^{_OPEN}?\s*{EDITOR_CREDIT}\s*{_CLOSE}?$")
# An editor credit in brackets at the end of a line.
EDITOR_CREDIT_AT_END = re.compile(rf"\s*{_OPEN}\s*{EDITOR_CREDIT}\s*{_CLOSE}\s*$")

# Labels of a breadcrumb (当前位置：首页 > 新闻).
LOCATION_LABELS = ("当前位置", "您的位置", "您现在的位置", "你的位置", "你现在的位置", "所在位置", "现在位置",
                   "您所在的位置", "你所在的位置")

# Headings of recommendation / related-article blocks: the block (markup pre-pass) or the
# headline list after the heading (spam cleaning) goes with them.  A heading that addresses the
# reader is written with 你 or the polite 您 (猜你喜欢, 猜您喜欢): both forms are listed
# (:func:`_with_polite_forms`).
_RELATED_HEADINGS = (
    "推荐阅读", "相关阅读", "相关新闻", "相关文章", "相关报道", "相关链接", "延伸阅读", "热门推荐", "精彩推荐",
    "为你推荐", "猜你喜欢", "大家都在看", "热门文章", "热点新闻", "热点推荐", "热门新闻", "热门排行",
    # what other readers read, what the reader may like
    "相关资讯", "相关内容", "相关问题", "相关知识", "网友还看了", "大家还看了", "网友都在看", "看了本文的人还看了",
    "看过本文的人还看了", "看了该文章的人还看了", "你可能还喜欢", "你可能也喜欢", "你可能感兴趣", "你可能感兴趣的",
    "猜你感兴趣", "你也许会喜欢", "你或许喜欢", "精彩阅读", "推荐文章", "推荐资讯",
    "排行榜", "24小时排行", "一周排行", "本周热点", "今日热点", "图片新闻", "精彩图片", "更多新闻", "更多精彩",
    "编辑推荐", "相关推荐", "热门阅读", "最新文章", "最新推荐", "随机推荐", "往期回顾", "往期推荐", "友情链接",
    "今日推荐", "阅读推荐", "相关专题", "热门标签", "图片推荐", "热门资讯", "最新资讯", "点击排行", "本周热门",
    "related", "related articles", "related stories", "related posts", "related news", "related coverage",
    "related content", "recommended", "recommended for you", "recommended reading", "recommended stories",
    "you may also like", "you might also like", "more stories", "more from this author", "more from this section",
    "most read", "most popular", "popular posts", "trending", "trending now", "read next", "read more", "more news",
    # share widgets head a block of links to other sites' pages just the same
    "分享到", "share", "share this", "share on",
)


def _with_polite_forms(headings: Tuple[str, ...]) -> Tuple[str, ...]:
    """``headings`` and, after each one addressing the reader as 你, its form with 您."""
    out: List[str] = []
    for heading in headings:
        out.append(heading)
        if "你" in heading:
            out.append(heading.replace("你", "您"))
    return tuple(dict.fromkeys(out))


RELATED_HEADINGS = _with_polite_forms(_RELATED_HEADINGS)

# A lottery's winning rule, as a betting site's help pages state it: the numbers the player picks
# or the draw's numbers (开奖号码, 中奖号码), and the condition that makes them a win
# (``所选号码与开奖号码相同,即为中奖``, ``投注方案:01。开奖号码:01 * * * *,即中前三位``).  A lottery news
# report gives the draw's numbers and the prizes won (``一等奖中出3注``), never the condition of a win.
# Written by the project from the wording of lottery rules (no page's text is copied here).
LOTTERY_RULE_NUMBERS = re.compile(r"所选(?:的)?(?:号码|数值)|投注号码|中奖号码|任选|任意选择|选择.{0,8}号码|组成一注|号码组成|投注方案|"
                                  r"开奖号码|开奖结果")
LOTTERY_RULE_WIN = re.compile(r"即为中奖|视为中奖|即中奖|则中奖|即可中奖|均为中奖|算中奖|即中得|即为?中[一二三四五前后中]"
                              r"|(?:相同|一致)[,,]?(?:顺序不限[,,]?)?(?:即得|可得|获得)?(?:单注)?奖金\d")  # the prize of the condition: ``...相同,顺序不限,奖金280元``


def is_lottery_rule(sentence: str) -> bool:
    """A sentence that states a lottery's winning rule (:data:`LOTTERY_RULE_WIN` and
    :data:`LOTTERY_RULE_NUMBERS`)."""
    return "中" in sentence and bool(LOTTERY_RULE_WIN.search(sentence)) and bool(LOTTERY_RULE_NUMBERS.search(sentence))
