"""Markup pre-pass: removes what a reader never sees or never reads as the article.

Runs on the parsed lxml tree before trafilatura, in this order:

1. **noise elements** — scripts, styles, embedded frames, form controls,
   ``<nav>``; ``<form>`` too unless it holds the headline or prose (ASP.NET
   sites put the whole page inside one form).
2. **hidden elements** — inline ``display:none``, ``visibility:hidden``, zero
   font size, off-screen positioning (``left/top/text-indent`` of -1000px or
   less), zero-sized boxes with hidden overflow, the ``hidden`` attribute,
   ``<font size=0>``, and elements whose class or id a ``<style>`` block of
   the page hides (hijacked pages hide their keyword blocks that way).  Their
   text is kept aside: it is the page's spam vocabulary.
3. **boxes named for what they are** — class/id tokens of comment,
   recommendation, related-news, share, ranking and breadcrumb blocks
   (``comment``, ``pinglun``, ``related``, ``tuijian``, ``xgxw``, ``share``,
   ``bdshare``, ``rank``, ``breadcrumb``...).
4. **boxes headed by what they are** — a short element reading ``推荐阅读``,
   ``相关新闻``, ``热门推荐``, ``猜你喜欢``, ``网友评论``, ``Related Stories``,
   ``Comments``... takes its block with it: the smallest enclosing element
   holding more than the heading, or, when that element holds the article,
   the heading and the link lists (all the rest, for a comment heading) that
   follow it.
5. **link farms** — blocks of five or more links whose anchor text is at
   least half their text and which hold no run of punctuated prose: place-name
   link lists, keyword tag clouds, sitemap footers, navigation menus.
6. **editor credits and breadcrumbs** — short elements reading
   ``（责任编辑：张伟）`` (the name is kept as metadata) or ``当前位置：首页 > ...``.

A block is never removed by rules 3-5 when it holds the page's ``<h1>`` or an
article marker (``<article>``, ``itemprop=articleBody``, a content/article
class or id), so a wrongly named wrapper cannot take the article with it.
Every walk is iterative: deeply nested pages do not hit the recursion limit.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, NamedTuple, Optional, Set, Tuple

import unicodedata

from lxml.etree import XPath

from pagewash.transforms import lexicon
from pagewash.transforms.normalize import _INVISIBLE, normalize_inline

# --------------------------------------------------------------------------- rule data
NOISE_TAGS = frozenset(
    "script style noscript template svg iframe frame frameset object embed applet canvas select button "
    "input textarea option datalist dialog nav".split()
)
# Not a reason to drop: inline formatting whose text flows into its parent block.
INLINE_TAGS = frozenset("a abbr b bdi bdo big cite code data dfn em font i kbd mark q s samp small span "
                        "strike strong sub sup time tt u var wbr br img label".split())
SKIP_TAGS = frozenset(["html", "body", "head"])

# Class/id tokens of blocks that are never the article (split on spaces, '-' and '_').
BOX_TOKENS = {
    "comments": frozenset("comment comments commentlist commentbox commentarea cmt cmts pinglun discuss "
                          "reply replies respond disqus".split()),
    "related": frozenset("related relatedposts relate recommend recommends recommended recommendation "
                         "tuijian xgxw xgwz xgyd rmtj cnxh guess youlike rank ranking paihang hotnews hotlist "
                         "share sharing sharedaddy social bdshare jiathis breadcrumb breadcrumbs crumb "
                         "crumbs".split()),
}
# Class/id tokens and tags that mark the article itself (protects a block from rules 3-5).
# Whole class/id values only: "comment-content" must not protect a comment box.
ARTICLE_MARKERS = frozenset("article articlebody article-body article-content artibody content main-content "
                            "maincontent post-content entry-content postbody post-body story-body storybody zoom "
                            "text-content textbody newstext news-content article_content arti_content "
                            "contentbody artical article_body main_content post_body post_text endtext main-text "
                            "rich_media_content article-detail entry".split())

# Headings of blocks that are not the article; matched against the heading's whole text
# (NFKC, spaces removed, case-folded) after trailing counts, colons and "more" links are cut.
RELATED_HEADINGS = frozenset(heading.replace(" ", "").casefold() for heading in lexicon.RELATED_HEADINGS)
COMMENT_HEADINGS = frozenset(
    "网友评论 评论 热门评论 最新评论 最新跟帖 全部评论 我要评论 发表评论 精彩评论 网友跟帖 跟帖 全部回复 回复 相关评论 "
    "comments comment leaveareply leaveacomment replies discussion jointhediscussion postacomment "
    "readercomments".split())
_HEADING_TRIM = re.compile(r"^[\W_]+|(?:[(（\[【]?\d+[)）\]】]?)?(?:条|人参与|个)?(?:更多|more)?[\W_>»]*$",
                           re.IGNORECASE)
_LEADING_COUNT = re.compile(r"^\d+")
_MAX_HEADING_CHARS = 24

# Inline style fragments that hide an element.
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:\.0+)?\s*(?:px|pt|em|rem|%)?\s*(?:;|$|!)"
    r"|(?:left|top|text-indent|margin-left|margin-top)\s*:\s*-\s*\d{4,}(?:\.\d+)?\s*(?:px|pt|em)?"
    r"|opacity\s*:\s*0(?:\.0+)?\s*(?:;|$|!)",
    re.IGNORECASE)
_ZERO_BOX = re.compile(r"(?:^|;)\s*(?:width|height)\s*:\s*0(?:px)?\s*(?:;|$)", re.IGNORECASE)
_OVERFLOW_HIDDEN = re.compile(r"overflow\s*:\s*hidden", re.IGNORECASE)
# A CSS rule of a <style> block: "selectors { declarations }".
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
# Every match of _HIDDEN_STYLE holds a colon followed by one of these (the cheap pre-selection of
# rules), and before that colon (and spaces) the end of one of these property names.
_HIDING_VALUE = re.compile(r":\s*(?:none|hidden|0|-)", re.IGNORECASE)
_HIDING_PROPERTIES = ("display", "visibility", "font-size", "left", "top", "text-indent", "opacity")
_LONGEST_PROPERTY = max(map(len, _HIDING_PROPERTIES))


def _after_hiding_property(css: str, colon: int) -> bool:
    """Whether the property before ``css[colon]`` may be one ``_HIDDEN_STYLE`` names (true when
    unsure: outside ASCII, case-insensitive matching is more than ``str.lower``)."""
    end = colon
    while end and css[end - 1].isspace():
        end -= 1
    name = css[max(0, end - _LONGEST_PROPERTY):end]
    return not name.isascii() or name.lower().endswith(_HIDING_PROPERTIES)
_CSS_MEDIA = re.compile(r"@(?:media|supports|container)[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", re.IGNORECASE)
_SIMPLE_SELECTOR = re.compile(r"^[a-zA-Z0-9]*([.#])([-\w]+)$")

_EDITOR_CREDIT = lexicon.EDITOR_CREDIT_ONLY
# A dateline: a short line with a date and a label such as 来源 / 发布时间 / 浏览次数.
_DATELINE_DATE = re.compile(r"(?:19|20)\d\d\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}")
_DATELINE_LABEL = re.compile(r"来源|发布|作者|浏览|点击|阅读|时间|日期|编辑|记者")
_DATELINE_MAX_CHARS = 100
_BREADCRUMB = re.compile(r"^(?:%s)\s*[:：]" % "|".join(lexicon.LOCATION_LABELS))

_WORD_CHARS = re.compile(r"[\W_]+")
_WHITESPACE = re.compile(r"\s+")
_SENTENCE_PUNCT = re.compile(r"[。！？；!?;]|\.(?:\s|$)")
_TOKEN_SPLIT = re.compile(r"[\s|,，、;；/·_\-—:：]+")

# Link farm: at least this many links, link text at least this share of the text...
LINK_FARM_MIN_LINKS = 5
LINK_FARM_MIN_LINK_SHARE = 0.5
# ...and no prose: a block with this much punctuated non-link text is never a link farm.
PROSE_MIN_CHARS = 100
PROSE_MIN_SENTENCES = 2
PROSE_ALWAYS_CHARS = 300
# A block holding this much prose and this share of the page's prose is the article,
# whatever its class says.
DOMINANT_PROSE_CHARS = 300
DOMINANT_PROSE_SHARE = 0.5
# A table cell holding block markup or this much text makes its table a layout table.
LAYOUT_CELL_CONTENT = frozenset("div p table ul ol dl h1 h2 h3 h4 h5 h6 form section article".split())
LAYOUT_CELL_CHARS = 300
# Hidden text kept for the spam vocabulary (bounded: a page can hide megabytes).
MAX_HIDDEN_TEXT_CHARS = 5000


@dataclass
class PrepassResult:
    """What the pre-pass removed: characters of text per rule, hidden text, editor credits."""

    removed: Dict[str, int] = field(default_factory=dict)
    hidden_text: List[str] = field(default_factory=list)
    editors: List[str] = field(default_factory=list)

    def count(self, rule: str, chars: int) -> None:
        if chars:
            self.removed[rule] = self.removed.get(rule, 0) + chars


# --------------------------------------------------------------------------- helpers
def _tag(el) -> str:
    tag = el.tag  # lxml.html gives lower-case tag names
    return tag if isinstance(tag, str) else ""


def _tokens(el) -> Set[str]:
    """Class and id of ``el`` as lower-case tokens: whole values, and the parts of values
    of at most three parts ("post_comment_area" -> post, comment, area).  Longer values
    are ids made from a heading ("sharing-with-a-single-developer"), not names of boxes."""
    cls, ident = el.get("class"), el.get("id")
    if not cls and not ident:
        return set()
    raw = f"{cls or ''} {ident or ''}".lower()
    out: Set[str] = set()
    for value in raw.split():
        out.add(value)
        parts = [part for part in re.split(r"[-_]+", value) if part]
        if len(parts) <= 3:
            out.update(parts)
    return out


def _values(el) -> Set[str]:
    """Whole class and id values of ``el``, lower-case."""
    return set(f"{el.get('class') or ''} {el.get('id') or ''}".lower().split())


def _word_len(text: Optional[str]) -> int:
    """Letters, digits and ideographs in ``text`` (separators and spaces do not count)."""
    if not text or text.isspace():
        return 0
    return len(_WORD_CHARS.sub("", text))


def _sentences(text: Optional[str]) -> int:
    return len(_SENTENCE_PUNCT.findall(text)) if text else 0


def _walk(root, skip=None) -> Iterator:
    """Elements under ``root`` in document order; ``skip(el)`` true -> el is yielded, its subtree not."""
    stack = [root]
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str):
            continue
        yield el
        if skip is not None and skip(el):
            continue
        stack.extend(reversed(el))


def _remove(el) -> None:
    """Removes ``el`` and its subtree, keeping its tail text in the document."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _text(el) -> str:
    return "".join(el.itertext())


class _Stats:
    """Per element: word chars, link word chars, links, prose (non-link) chars and sentences."""

    __slots__ = ("text", "link", "links", "prose", "sentences")

    def __init__(self):
        self.text = self.link = self.links = self.prose = self.sentences = 0


def _block_stats(root) -> Dict[object, _Stats]:
    """Bottom-up text statistics of every element under ``root`` (one iterative pass)."""
    order = [el for el in root.iter() if isinstance(el.tag, str)]
    stats: Dict[object, _Stats] = {}
    get = stats.get
    for el in reversed(order):  # reversed document order: children before parents
        st = _Stats()
        own_text = el.text or ""
        text = link = links = prose = sentences = 0
        for child in el:  # one visit per child: its tail and its statistics
            if child.tail:
                own_text += child.tail
            cs = get(child)
            if cs is not None:
                text += cs.text
                link += cs.link
                links += cs.links
                prose += cs.prose
                sentences += cs.sentences
        if own_text and not own_text.isspace():
            own_len = _word_len(own_text)
            text += own_len
            prose += own_len
            sentences += _sentences(own_text)
        if el.tag == "a":
            st.text, st.link, st.links, st.prose, st.sentences = text, text, links + 1, 0, 0
        else:
            st.text, st.link, st.links, st.prose, st.sentences = text, link, links, prose, sentences
        stats[el] = st
    return stats


def _is_prose(st: _Stats) -> bool:
    return st.prose >= PROSE_ALWAYS_CHARS or (st.prose >= PROSE_MIN_CHARS and st.sentences >= PROSE_MIN_SENTENCES)


# Cheap pre-selection of candidates (C-level XPath, then one regex over class and id),
# checked exactly by whole values or tokens afterwards.
class _Hint(NamedTuple):
    pattern: "re.Pattern"  # case-insensitive
    lower: "re.Pattern"  # the same, case-sensitive, for lower-cased ASCII text


def _hint(alternatives: str) -> _Hint:
    return _Hint(re.compile(alternatives, re.IGNORECASE), re.compile(alternatives))


_MARKER_HINT = _hint("article|artibody|content|zoom|body|text")
_BOX_HINT = _hint("comment|cmt|pinglun|discuss|repl|respond|disqus|relat|recommend|tuijian|xg|rmtj|cnxh|guess|"
                  "youlike|rank|paihang|hot|shar|social|jiathis|crumb")


_NAMED_XPATH = XPath(".//*[@class or @id]")


class _NamedElements:
    """The elements under ``body`` with a class or id, and those values, read once per page.

    One search per hint over the values joined by NUL (which no attribute value holds), not one
    per element; ASCII values are lower-cased for ``hint.lower`` (a case-sensitive pattern is
    several times faster), the others are searched with ``hint`` itself (case folding outside
    ASCII is not the lower-casing of ``str.lower``).  The rules that remove elements run between
    two searches: :meth:`matching` with ``attached_to`` leaves out what is no longer in the page
    (the same elements, in the same order, as a new XPath query would give)."""

    def __init__(self, body):
        self.elements = _NAMED_XPATH(body)
        keys, self.others = [], []
        for index, el in enumerate(self.elements):
            key = f"{el.get('class') or ''} {el.get('id') or ''}"
            if key.isascii():
                keys.append(key.lower())
            else:
                keys.append("")
                self.others.append(index)
        self.starts, pos = [], 0
        for key in keys:
            self.starts.append(pos)
            pos += len(key) + 1
        self.joined = "\x00".join(keys)

    def matching(self, hint, attached_to=None) -> List:
        """Elements whose class or id matches ``hint`` (case-insensitively), in document order;
        with ``attached_to``, only those still under that element."""
        found = set()
        for match in hint.lower.finditer(self.joined):
            found.add(bisect.bisect_right(self.starts, match.start()) - 1)
        for index in self.others:
            el = self.elements[index]
            if hint.pattern.search(f"{el.get('class') or ''} {el.get('id') or ''}"):
                found.add(index)
        out = [self.elements[index] for index in sorted(found)]
        if attached_to is not None:
            out = [el for el in out if not _detached(el, attached_to)]
        return out


def _named(body, hint) -> List:
    """Elements under ``body`` whose class or id matches ``hint`` (case-insensitively), in document order."""
    return _NamedElements(body).matching(hint)


_HIDDEN_XPATH = XPath(".//*[@hidden or @style or @class or @id] | .//font[@size]")
_STYLED_XPATH = XPath(".//*[@hidden or @style] | .//font[@size]")


def _is_article_marker(el) -> bool:
    tag = _tag(el)
    return tag in ("h1", "article") or el.get("itemprop") == "articleBody" or bool(_values(el) & ARTICLE_MARKERS)


def _article_holders(body, named: Optional[_NamedElements] = None) -> Set:
    """Every element that is or contains the headline or an article marker (one pass)."""
    holders: Set = set()
    named = named if named is not None else _NamedElements(body)
    markers = list(body.iter("h1", "article")) + named.matching(_MARKER_HINT) + body.xpath(".//*[@itemprop]")
    for el in markers:
        if el not in holders and _is_article_marker(el):
            node = el
            while node is not None and node not in holders:
                holders.add(node)
                node = node.getparent()
    return holders


class _Page:
    """The body being cleaned, with what the rules share.

    ``keep`` holds a reference to every element: lxml then reuses one Python
    proxy per element across the passes instead of building a new one on each
    visit, which is most of the cost of walking a large tree.
    """

    def __init__(self, body, holders: Set):
        self.body = body
        self.holders = holders
        self.stats = _block_stats(body)
        self.flat_texts: Dict[object, str] = {}

    def flat_text(self, el) -> str:
        """``_flat`` of the element's text, read once while the element's text stays the same
        (:meth:`remove` forgets it for the ancestors of what it removes)."""
        flat = self.flat_texts.get(el)
        if flat is None:
            flat = self.flat_texts[el] = _flat(_text(el))
        return flat

    def remove(self, el) -> None:
        """Removes ``el``, taking its text out of its ancestors' statistics."""
        st = self.stats.get(el)
        flat_texts = self.flat_texts
        for anc in el.iterancestors():
            flat_texts.pop(anc, None)
        if st is not None:
            for anc in el.iterancestors():
                ast = self.stats.get(anc)
                if ast is not None:
                    ast.text -= st.text
                    ast.link -= st.link
                    ast.links -= st.links
                    ast.prose -= st.prose
                    ast.sentences -= st.sentences
        _remove(el)

    def holds_article(self, el) -> bool:
        return el in self.holders

    def is_prose(self, el) -> bool:
        """Prose with few links: never a recommendation, share or ranking box."""
        st = self.stats.get(el)
        return st is not None and _is_prose(st) and st.link < 0.3 * max(1, st.text)

    def dominates(self, el) -> bool:
        """True when ``el`` holds most of the page's prose: whatever its name says, it is the
        article (a share widget's class on the article body, "artical" for "article")."""
        st, top = self.stats.get(el), self.stats.get(self.body)
        return (st is not None and top is not None and st.prose >= DOMINANT_PROSE_CHARS
                and st.prose >= DOMINANT_PROSE_SHARE * top.prose)

    def words(self, el) -> int:
        st = self.stats.get(el)
        return st.text if st is not None else _word_len(_text(el))


def _heading_key(text: str) -> str:
    key = re.sub(r"\s+", "", normalize_inline(text) or "").casefold()
    return _trimmed_heading(key)


def _trimmed_heading(key: str) -> str:
    key = _LEADING_COUNT.sub("", key)
    return _HEADING_TRIM.sub("", key)


def _flat_heading_key(flat: str) -> str:
    """``_heading_key`` of a ``_flat`` text: that text is NFKC on one line already, so of
    ``normalize_inline`` only the removal of invisible characters is left to do."""
    return _trimmed_heading(_WHITESPACE.sub("", _INVISIBLE.sub("", flat)).casefold())


# --------------------------------------------------------------------------- rules
_BRACE = re.compile(r"[{}]")


def _rules_around(css: str, positions: List[int]) -> Iterator[Tuple[str, str]]:
    """The ``(selectors, declarations)`` of the rules of ``css`` whose declarations hold one of
    ``positions`` (ascending), in order: the rules ``_CSS_RULE.finditer(css)`` finds there.

    A match of ``_CSS_RULE`` is a ``{`` and the next brace, a ``}``, with the whole run of
    characters other than braces before the ``{`` as its selectors (a run that is not empty):
    so a position lies in a rule's declarations exactly when the brace before it is a ``{``,
    the brace after it a ``}``, and the ``{`` follows a non-empty run.  Only the braces are
    scanned, not every rule of a style sheet that hides nothing."""
    braces = [match.start() for match in _BRACE.finditer(css)]
    last = -1
    for position in positions:
        after = bisect.bisect_left(braces, position)
        if after == 0 or after == len(braces) or braces[after] == position:
            continue
        opening, closing = braces[after - 1], braces[after]
        if opening == last or css[opening] != "{" or css[closing] != "}":
            continue
        start = braces[after - 2] + 1 if after >= 2 else 0
        if start == opening:
            continue
        last = opening
        yield css[start:opening], css[opening + 1:closing]


def _hidden_selectors(root) -> Tuple[Set[str], Set[str]]:
    """Classes and ids that the page's own ``<style>`` blocks hide."""
    classes: Set[str] = set()
    ids: Set[str] = set()
    for style in root.iter("style"):
        css = style.text or ""
        if len(css) > 200_000:
            css = css[:200_000]
        css = _CSS_MEDIA.sub(" ", css)  # what a media query hides, it hides on some screens only
        # Only rules whose declarations hold a hiding property's colon before none/hidden/0/- can
        # hide: one scan for those colons, then the full pattern on those rules only.
        colons = [match.start() for match in _HIDING_VALUE.finditer(css)
                  if _after_hiding_property(css, match.start())]
        if not colons:
            continue
        for selectors, declarations in _rules_around(css, colons):
            if not _HIDDEN_STYLE.search(declarations):
                continue
            for selector in selectors.split(","):
                match = _SIMPLE_SELECTOR.match(selector.strip())
                if match:
                    (classes if match.group(1) == "." else ids).add(match.group(2).lower())
    return classes, ids


def _is_hidden(el, hidden_classes: Set[str], hidden_ids: Set[str]) -> bool:
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    if style and (_HIDDEN_STYLE.search(style) or (_ZERO_BOX.search(style) and _OVERFLOW_HIDDEN.search(style))):
        return True
    if _tag(el) == "font" and (el.get("size") or "").strip() == "0":
        return True
    if hidden_classes and el.get("class"):
        if any(c.lower() in hidden_classes for c in el.get("class").split()):
            return True
    if hidden_ids and el.get("id") and el.get("id").lower() in hidden_ids:
        return True
    return False


def _outermost(elements: List) -> List:
    """``elements`` (in document order) without those inside another one of them."""
    chosen: Set = set()
    out = []
    for el in elements:
        if not any(anc in chosen for anc in el.iterancestors()):
            chosen.add(el)
            out.append(el)
    return out


def remove_noise_elements(body, result: PrepassResult, holders: Set = frozenset()) -> None:
    """Scripts, styles, frames, form controls and navigation; forms unless they wrap the page.

    A ``<nav>`` holding most of the page's prose (``DOMINANT_PROSE_CHARS`` and
    ``DOMINANT_PROSE_SHARE``, as for named boxes) is the page itself and stays, its menus left to
    the link-farm rule: libxml2 ignores the end tag of an element it gives no closing priority
    (``</nav>``, ``</header>``) while a ``<div>`` opened inside it is open, so on a page whose
    menu leaves a ``<div>`` unclosed everything after the menu ends up inside the ``<nav>``.  The
    other noise inside a ``<nav>`` goes first, so a script's text cannot pass for prose."""
    navs = []  # (nav, its text length before anything inside it went), outer ones first
    pending = [body]
    while pending:
        root = pending.pop()
        for el in _outermost([el for el in root.iter(*NOISE_TAGS) if el is not root]):
            if _tag(el) == "nav":  # script and style text is not text a reader saw: not counted
                navs.append((el, _word_len(_text(el))))
                pending.append(el)
                continue
            _remove(el)
    page_prose = None
    for el, chars in navs:
        if _detached(el, body):
            continue  # gone with an outer <nav>
        prose = _block_stats(el)[el].prose if chars >= DOMINANT_PROSE_CHARS else 0
        if prose >= DOMINANT_PROSE_CHARS:
            if page_prose is None:
                page_prose = _block_stats(body)[body].prose
            if prose >= DOMINANT_PROSE_SHARE * page_prose:
                continue  # the page itself inside a <nav>
        result.count("html_navigation", chars)
        _remove(el)
    for form in _outermost(list(body.iter("form"))):
        if form in holders or _is_prose(_block_stats(form)[form]):
            continue  # a form around the page (ASP.NET) or around the article
        _remove(form)


def remove_hidden_elements(root, body, result: PrepassResult, holders: Set = frozenset()) -> None:
    """Elements hidden by inline style, attributes or the page's own CSS; their text is kept aside.

    An element holding the headline or an article marker stays: pages that
    reveal their article with a script hide it in the markup."""
    hidden_classes, hidden_ids = _hidden_selectors(root)
    candidates = (_HIDDEN_XPATH if hidden_classes or hidden_ids else _STYLED_XPATH)(body)
    doomed = _outermost([el for el in candidates
                         if el not in holders and _is_hidden(el, hidden_classes, hidden_ids)])
    kept_chars = sum(len(t) for t in result.hidden_text)
    for el in doomed:
        raw = _text(el)
        if kept_chars >= MAX_HIDDEN_TEXT_CHARS and unicodedata.is_normalized("NFKC", raw):
            # only the count is needed: normalize_inline changes nothing but spaces, line breaks
            # and invisible characters in NFKC text, none of which _word_len counts
            result.count("html_hidden", _word_len(raw))
            _remove(el)
            continue
        text = normalize_inline(raw) or ""
        if text and kept_chars < MAX_HIDDEN_TEXT_CHARS:
            result.hidden_text.append(text[:MAX_HIDDEN_TEXT_CHARS - kept_chars])
            kept_chars += len(result.hidden_text[-1])
        result.count("html_hidden", _word_len(text))
        _remove(el)


def remove_named_boxes(page: _Page, result: PrepassResult, named: Optional[_NamedElements] = None) -> None:
    """Comment, recommendation, related, share, ranking and breadcrumb blocks by class/id.

    ``named``: the page's class/id values read before the earlier rules removed anything."""
    def kind_of(el) -> Optional[str]:
        if _tag(el) in SKIP_TAGS or page.holds_article(el):
            return None
        tokens = _tokens(el)
        if not tokens:
            return None
        for kind, names in BOX_TOKENS.items():
            if tokens & names:
                return kind
        return None

    candidates = (named.matching(_BOX_HINT, attached_to=page.body) if named is not None
                  else _named(page.body, _BOX_HINT))
    found = [(el, kind_of(el)) for el in candidates]
    kinds = {el: kind for el, kind in found if kind is not None and not page.dominates(el)
             and not (kind == "related" and page.is_prose(el))}
    for el in _outermost([el for el, _ in found if el in kinds]):
        result.count(f"html_{kinds[el]}", page.words(el))
        page.remove(el)


def _flat(text: str) -> str:
    """One-line NFKC text (the cheap part of normalize_inline, for short strings)."""
    return unicodedata.normalize("NFKC", " ".join(text.split()))


def _short_elements(page: _Page, max_words: int) -> Iterator[Tuple[object, str]]:
    """Block-level elements whose text is short, with their normalised text."""
    for el in page.body.iter():
        tag = _tag(el)
        if not tag or tag in SKIP_TAGS or tag in INLINE_TAGS or page.words(el) > max_words:
            continue
        if el.text is None and len(el) == 0:
            continue
        yield el, page.flat_text(el)


def _heading_candidates(page: _Page) -> List[Tuple[object, str]]:
    found = []
    for el, text in _short_elements(page, _MAX_HEADING_CHARS + 8):
        key = _flat_heading_key(text)
        if not key or len(key) > _MAX_HEADING_CHARS:
            continue
        if key in COMMENT_HEADINGS:
            found.append((el, "comments"))
        elif key in RELATED_HEADINGS:
            found.append((el, "related"))
    seen, outer = set(), []
    for el, kind in found:  # an outer match has the same text as the inner one
        if not any(anc in seen for anc in el.iterancestors()):
            seen.add(el)
            outer.append((el, kind))
    return outer


def _detached(el, body) -> bool:
    node = el
    while node is not None and node is not body:
        node = node.getparent()
    return node is None


_LIST_ITEM_TAGS = frozenset(("li", "dt", "dd"))


def remove_headed_boxes(page: _Page, result: PrepassResult) -> None:
    """Blocks introduced by a heading such as 推荐阅读 / 网友评论 / Related Stories."""
    for heading, kind in _heading_candidates(page):
        if _detached(heading, page.body):
            continue  # already removed with an earlier block
        heading_len = _word_len(_text(heading))
        wrapper, block = heading, heading.getparent()
        while block is not None and _tag(block) not in SKIP_TAGS and page.words(block) <= heading_len + 4:
            wrapper, block = block, block.getparent()
        if block is None:
            continue
        if (_tag(block) in SKIP_TAGS or page.holds_article(block) or page.dominates(block)
                or (kind == "related" and page.is_prose(block))):
            # the box is not wrapped on its own: take the heading and what follows it
            doomed = [wrapper]
            for sibling in wrapper.itersiblings():
                if not isinstance(sibling.tag, str):
                    continue
                if page.holds_article(sibling) or page.dominates(sibling):
                    break
                if kind != "comments":
                    st = page.stats.get(sibling) or _block_stats(sibling)[sibling]
                    # a heading that is the first item of a list heads the items after it, linked or not
                    listy = (_tag(sibling) in ("ul", "ol", "dl", "table") or (st.text and st.link >= 0.4 * st.text)
                             or (_tag(wrapper) in _LIST_ITEM_TAGS and _tag(sibling) in _LIST_ITEM_TAGS))
                    if not listy:
                        break
                doomed.append(sibling)
        else:
            doomed = [block]
        for el in doomed:
            result.count(f"html_{kind}", page.words(el))
            page.remove(el)


def remove_link_farms(page: _Page, result: PrepassResult) -> None:
    """Blocks that are mostly anchor text: link farms, tag clouds, sitemap footers, menus."""
    stats = page.stats

    def is_farm(el) -> bool:
        if _tag(el) in SKIP_TAGS or _tag(el) == "a":
            return False
        st = stats.get(el)
        if st is None or st.links < LINK_FARM_MIN_LINKS or st.link < LINK_FARM_MIN_LINK_SHARE * st.text:
            return False
        return not _is_prose(st) and not page.holds_article(el)

    doomed = [el for el in _walk(page.body, skip=is_farm) if is_farm(el)]  # outermost farms
    for el in doomed:
        result.count("html_link_farm", stats[el].text)
        _remove(el)


def remove_credits_and_breadcrumbs(page: _Page, result: PrepassResult) -> None:
    """Short elements that are an editor credit (name kept), a breadcrumb trail or a
    dateline (``2024-03-18 09:30 来源：江城日报``: the date is read as metadata before)."""
    doomed = []
    for el, flat in _short_elements(page, _DATELINE_MAX_CHARS):
        if page.holds_article(el):
            continue  # the headline's own block: its date line goes with trafilatura's rules
        match = _EDITOR_CREDIT.match(flat)
        if match:
            result.editors.append(match.group("name").strip())
            doomed.append((el, "html_editor_credit"))
        elif _BREADCRUMB.match(flat):
            doomed.append((el, "html_breadcrumb"))
        elif (len(flat) <= _DATELINE_MAX_CHARS and "。" not in flat and _DATELINE_DATE.search(flat)
              and _DATELINE_LABEL.search(flat)):
            doomed.append((el, "html_dateline"))
    for el, rule in doomed:
        if not _detached(el, page.body):
            result.count(rule, page.words(el))
            page.remove(el)


def _table_structure(table) -> Tuple[List, List]:
    """The row groups/rows and the cells that belong to ``table`` itself (not to nested tables)."""
    frame, cells = [], []
    for child in table:
        tag = _tag(child)
        if tag in ("tbody", "thead", "tfoot"):
            frame.append(child)
            rows = [r for r in child if _tag(r) == "tr"]
        else:
            rows = [child] if tag == "tr" else []
        for row in rows:
            frame.append(row)
            cells.extend(c for c in row if _tag(c) in ("td", "th"))
    return frame, cells


def unwrap_layout_tables(body) -> int:
    """Turns tables used for page layout into plain blocks; returns how many.

    Chinese government and older portal sites lay whole pages out in tables;
    with tables included, trafilatura then takes the layout table, header and
    footer rows and all, as if it were the article's data.  A table is layout
    when one of its own cells holds block markup (div, p, table, list,
    heading, form) or a long run of text; data tables keep their cells.
    """
    layout = []
    for table in body.iter("table"):
        frame, cells = _table_structure(table)
        for cell in cells:
            if _word_len(_text(cell)) > LAYOUT_CELL_CHARS or any(
                    _tag(d) in LAYOUT_CELL_CONTENT for d in cell.iterdescendants()):
                layout.append((table, frame + cells))
                break
    for table, parts in layout:
        table.tag = "div"
        for el in parts:
            el.tag = "div"
    return len(layout)


def clean_tree(tree) -> PrepassResult:
    """Runs every pre-pass rule on ``tree`` in place; returns what was removed."""
    result = PrepassResult()
    body = tree.find(".//body") if _tag(tree) != "body" else tree
    if body is None:
        body = tree
    keep = list(tree.iter())  # one proxy per element for the whole pre-pass (see _Page)
    named = _NamedElements(body)  # class/id values read once for both rules that search them
    holders = _article_holders(body, named)
    remove_hidden_elements(tree, body, result, holders)  # before <style> goes: its rules name hidden classes
    remove_noise_elements(body, result, holders)
    unwrap_layout_tables(body)
    page = _Page(body, holders)
    remove_named_boxes(page, result, named)
    remove_headed_boxes(page, result)
    remove_credits_and_breadcrumbs(page, result)
    remove_link_farms(page, result)
    del keep
    return result


def hidden_keywords(result: PrepassResult) -> List[str]:
    """Tokens of the hidden text (2-40 characters), in order, without repeats."""
    out: List[str] = []
    seen: Set[str] = set()
    for text in result.hidden_text:
        for token in _TOKEN_SPLIT.split(text):
            token = token.strip()
            if 2 <= len(token) <= 40 and token not in seen:
                seen.add(token)
                out.append(token)
    return out
