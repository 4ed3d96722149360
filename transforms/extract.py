"""HTML -> main article text and metadata.

The page is parsed once with lxml.  From that tree, in order:

1. **metadata** (:func:`page_metadata`): trafilatura's metadata extraction
   (date, site name, canonical URL) on the untouched tree, the headline
   (:func:`choose_headline`: the page's ``<h1>``, not a keyword-stuffed
   ``<title>``), language hints from the markup, and the keyword stuffing of
   ``<title>`` / ``<meta name=keywords>``;
2. **pre-pass** (:mod:`transforms.html_prepass`): hidden blocks, comment /
   recommendation / share boxes, link farms, navigation, scripts and forms
   are removed from the tree; hidden text feeds the page's spam vocabulary;
3. **trafilatura** on the cleaned tree (the same tree: no re-parse) with the
   settings of :class:`ExtractSettings`, its ``deduplicate`` turned off (that
   cache is process-global and would make the output depend on processing
   order);
4. **fallback**: when trafilatura returns nothing, or a fragment much shorter
   than the densest text block of the cleaned tree, that block is used
   (:func:`densest_block_text`: non-link text and sentence punctuation per
   container, which suits Chinese paragraphs without spaces);
5. **text clean-up** (:func:`clean_article_text`): the headline repeated as
   the first line, editor credits ``（责任编辑：张伟）`` (moved to metadata),
   comment sections that still came through, and raw URLs that are not part
   of a sentence are removed.

See docs/EXTRACTION.md for the measurements behind the settings.  Text dumps
skip this stage.  This module is the functional core (no Beam: the extraction process of
:mod:`transforms.extract_worker` imports it alone); the Beam shell, ``ExtractArticles``, is in
:mod:`transforms.extract_limits`.
"""
from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from typing import Callable, Dict, List, NamedTuple, Optional, Tuple, Union

from pagewash.transforms.html_prepass import (COMMENT_HEADINGS, PrepassResult, clean_tree, hidden_keywords,
                                     _heading_key)
from pagewash.transforms.lexicon import EDITOR_CREDIT_AT_END as _EDITOR_INLINE
from pagewash.transforms.lexicon import EDITOR_CREDIT_ONLY as _EDITOR_LINE
from pagewash.transforms.lexicon import TITLE_SEPARATORS as _TITLE_SEPARATORS
from pagewash.transforms.lexicon import URL as _URL
from pagewash.transforms.normalize import normalize_inline, normalize_text
from pagewash.transforms.record import Doc, Kind, Reason, Rejected, reject

STAGE = "extract"


@dataclass(frozen=True)
class ExtractSettings:
    """How articles are extracted; the defaults are what the pipeline runs with
    (chosen on the development set, see docs/EXTRACTION.md)."""

    include_tables: bool = True
    include_comments: bool = False  # comment sections are not the article
    favor_precision: bool = False
    favor_recall: bool = False
    # trafilatura's MIN_EXTRACTED_SIZE (characters below which it tries its fallbacks), its
    # default, for every language: 100 for Chinese pages changed 2 of 145 benchmark pages and
    # nothing on the development set, 500 hurt (docs/EXTRACTION.md).
    min_extracted_size: int = 250
    # Run the markup pre-pass (off only to measure what it brings).
    prepass: bool = True
    # Pages with more elements than this after the pre-pass go straight to the
    # densest block: trafilatura's time grows faster than linearly with the
    # element count (60,000 list items: over a minute), the densest block's does not.
    max_tree_elements: int = 40_000
    # Use the densest block when trafilatura's text is shorter than this
    # fraction of it (and the block is at least min_fallback_chars long).
    fallback_ratio: float = 0.3
    min_fallback_chars: int = 200
    # trafilatura's fast path first (no readability / jusText comparison); its full path only
    # when the fast text is shorter than full_path_min_chars or than full_path_min_share of the
    # text the pre-pass left on the page.  Calibrated on 2,189 pages (docs/EXTRACTION.md): every
    # page whose fast text differs from the full path's fails the test at 0.2 (the lossiest of
    # them sits at 0.17), but then a third of all pages fail it and pay for both paths, which
    # costs more CPU than the fast path saves on the others: off.
    fast_first: bool = False
    full_path_min_chars: int = 250
    full_path_min_share: float = 0.2


class PageMeta(NamedTuple):
    title: Optional[str]
    published: Optional[str]
    site_name: Optional[str]
    canonical_url: Optional[str]
    html_lang: Optional[str]
    markup_keywords: List[str]  # stuffed <title> segments and <meta keywords> tokens


class Article(NamedTuple):
    text: str
    title: Optional[str]
    published: Optional[str]
    site_name: Optional[str]
    canonical_url: Optional[str]
    method: str  # "trafilatura" | "densest_block"
    html_lang: Optional[str] = None
    editor: Optional[str] = None
    markup_keywords: Tuple[str, ...] = ()
    removed: Dict[str, int] = {}


_BLOCK_TAGS = frozenset(
    "address article aside blockquote body dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 "
    "h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul br".split()
)
_CONTAINER_TAGS = frozenset("div article section main td body".split())
_NOISE_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "form", "aside", "iframe",
               "select", "button", "template", "svg")
_SENTENCE_PUNCT = re.compile(r"[。，、；！？,.;!?]")

# Elements that hold the headline on pages without an <h1> (government sites use "bt").
_HEADLINE_MARKERS = frozenset("title bt headline article-title news-title arttitle entry-title post-title "
                              "main-title biaoti".split())
MAX_KEYWORDS_CHARS = 2000
# <meta keywords> count as stuffing from this many tokens on, or when most of
# them appear neither in the headline nor in the article.
STUFFED_META_KEYWORDS = 8
STUFFED_TITLE_SEGMENTS = 4

# Editor credits: a line that is only one and one in brackets at the end of a line (both from
# transforms/lexicon.py, as are the URLs), and the English agency form.
_EDITOR_EN = re.compile(r"\s*\((?:Reporting by [^;()]+;\s*)?(?:Editing|Edited) by (?P<name>[^()]{1,60})\)\s*$")
# A line keeps its URLs when this much prose is left around them.
URL_SENTENCE_MIN_CHARS = 20
# The headline repeated at the start of the text is removed when it spans at most this many lines.
HEADLINE_MAX_LINES = 4

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

# The latest publication date a page may carry (htmldate's max_date); fixed, not today's date.
LATEST_PAGE_DATE = "2099-12-31"


# End tags of <html> and <body>.  HTML (the WHATWG parsing rules browsers follow) puts whatever
# comes after them back into the body; libxml2 2.14 drops everything after an early </html>
# (pages built from server-side includes close the header include with one), so the article of
# such a page never reaches the tree.  Both end tags are optional: the parser closes the document
# at its end, with everything in the body, as a browser shows it.
_DOCUMENT_END_TAG = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)


_PARSER = None


def _html_parser():
    """trafilatura's HTML parser (its options) with a C-level element class lookup.

    ``lxml.html.HTMLParser`` picks each element's class with a Python callback (forms, inputs
    and labels get classes of their own), called for every Python proxy of an element that
    any step creates: about 5 % of extraction time.  Every element here is an ``HtmlElement``
    (what trafilatura tests for); no step uses the form classes' extra methods, and every
    article is identical (589 pages: the pool, the development set, 400 benchmark pages)."""
    global _PARSER
    if _PARSER is None:
        from lxml import etree
        from lxml import html as lxml_html

        parser = etree.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                                  remove_comments=True, remove_pis=True)
        parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
            element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
            pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity))
        _PARSER = parser
    return _PARSER


def _parse_bytes(html: str, parser):
    from lxml.html import fromstring

    try:
        return fromstring(html.encode("utf8", "surrogatepass"), parser=parser)
    except Exception:  # trafilatura's load_html gives up the same way
        return None


def parse_html(html: str):
    """Parses markup once into an lxml tree (None when there is no tree to be had).

    The steps of trafilatura's ``load_html`` for a string (its repairs, the bytes fallback, the
    rejection of a one-element tree from markup that does not look like HTML), with
    :func:`_html_parser`.  ``</html>`` and ``</body>`` are dropped first, so content after them
    stays in the body (see ``_DOCUMENT_END_TAG``)."""
    from lxml.html import fromstring
    from trafilatura.utils import is_dubious_html, repair_faulty_html

    if "</" in html:
        html = _DOCUMENT_END_TAG.sub("", html)
    parser = _html_parser()
    beginning = html[:50].lower()
    dubious = is_dubious_html(beginning)
    html = repair_faulty_html(html, beginning)
    tree, from_bytes = None, False
    try:
        tree = fromstring(html, parser=parser)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree, from_bytes = _parse_bytes(html, parser), True
    except Exception:
        tree = None
    if (tree is None or len(tree) < 1) and not from_bytes:
        tree = _parse_bytes(html, parser)
    if tree is not None and dubious and len(tree) < 2 and _is_bare(tree):
        tree = None
    return tree


def _is_bare(tree) -> bool:
    """Whether a one-element tree is plain text the parser wrapped, not a fragment of markup.

    trafilatura's ``load_html`` gives up on a tree of fewer than two children from markup that
    does not begin like HTML; that also drops a page saved without ``<html>`` whose markup the
    parser puts under one element (a crawl dump's ``<text id=...>`` wrapper around the page's
    ``<div>``s), which is then ``no_text`` whatever its article.  Such a page has elements below
    the single child; text a parser wrapped has none."""
    return not any(len(child) for child in tree)


# --------------------------------------------------------------------------- metadata
def _compact(text: Optional[str]) -> str:
    return re.sub(r"\s+", "", normalize_text(text or "")).casefold()


def html_language(tree) -> Optional[str]:
    """The language the markup declares: ``<html lang>``, then content-language / og:locale metas."""
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        for meta in root.iter("meta"):
            key = (meta.get("http-equiv") or meta.get("name") or meta.get("property") or "").lower()
            if key in ("content-language", "language", "og:locale", "dc.language"):
                lang = meta.get("content")
                if lang:
                    break
    if not lang:
        return None
    lang = lang.split(",")[0].strip().replace("_", "-").lower()
    return lang or None


def _title_tag(tree) -> str:
    node = tree.find(".//title")
    return normalize_inline(node.text_content()) or "" if node is not None else ""


def _meta_content(tree, *names: str) -> Optional[str]:
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").lower()
        if key in names and meta.get("content"):
            return normalize_inline(meta.get("content"))
    return None


def choose_headline(tree, title_tag: str, meta_title: Optional[str]) -> Optional[str]:
    """The page's headline: its ``<h1>`` (the one the title names, else the longest), else a
    headline-classed element, else the metadata title; never a keyword-stuffed ``<title>``."""
    h1s = [t for t in (normalize_inline(h.text_content()) for h in tree.iter("h1")) if t and len(t) <= 200]
    titles = _compact(title_tag) + "\x00" + _compact(meta_title)
    if h1s:
        named = [h for h in h1s if _compact(h) in titles]
        return named[0] if named else max(h1s, key=len)
    marked = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("title", "meta", "head"):
            continue
        values = set(f"{el.get('class') or ''} {el.get('id') or ''}".lower().split())
        if values & _HEADLINE_MARKERS:
            text = normalize_inline(el.text_content())
            if text and 4 <= len(text) <= 120:
                if _compact(text) in titles:
                    return text
                marked.append(text)
    segments = [s for s in _TITLE_SEPARATORS.split(title_tag) if s]
    if len(segments) >= STUFFED_TITLE_SEGMENTS:  # stuffed: the headline is elsewhere on the page
        return marked[0] if marked else meta_title
    if segments and meta_title and _compact(meta_title) == _compact(title_tag):
        return segments[0]  # "headline_section_site": the headline is the first part
    return meta_title or (segments[0] if segments else None)


def stuffed_title_keywords(title_tag: str, headline: Optional[str], site_name: Optional[str]) -> List[str]:
    """Segments of a keyword-stuffed ``<title>`` (none when the title is an ordinary one)."""
    segments = [s for s in _TITLE_SEPARATORS.split(title_tag) if s]
    head = _compact(headline)
    named = bool(head) and any(_compact(s) == head or head in _compact(s) for s in segments)
    if len(segments) < STUFFED_TITLE_SEGMENTS and (named or len(segments) < 3):
        return []
    site = _compact(site_name)
    return [s for s in segments if _compact(s) not in (head, site)]


def meta_keywords(tree) -> List[str]:
    raw = _meta_content(tree, "keywords") or ""
    return [t.strip() for t in re.split(r"[,，、;；|\s]+", raw) if t.strip()]


def trafilatura_metadata(tree, url: Optional[str]):
    """The fields of ``trafilatura.metadata.extract_metadata(tree, url, None, False)`` the pipeline uses
    (title, date, site name, URL), computed the same way and in the same order, without the author,
    category, tag and licence searches (a third of extraction's metadata cost; the author search
    deep-copies the whole tree).  None of the skipped steps changes the tree or these fields."""
    from trafilatura.metadata import (META_URL, examine_meta, extract_meta_json, extract_sitename,
                                      extract_title, extract_url)
    from trafilatura.settings import set_date_params
    from htmldate import find_date

    metadata = examine_meta(tree)
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception:  # trafilatura guards its JSON-LD parser the same way
        pass
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.url:
        metadata.url = extract_url(tree, url)
    date_config = set_date_params(False)
    # htmldate's default upper bound is today's date, which makes a page's date depend on the day
    # of the run; a fixed bound keeps the output the same whenever it runs.
    date_config["max_date"] = LATEST_PAGE_DATE
    date_config["url"] = metadata.url
    metadata.date = find_date(tree, **date_config)
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if metadata.sitename and "." not in metadata.sitename and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url:
        match = META_URL.match(metadata.url)
        if match:
            metadata.sitename = match[1]
    metadata.clean_and_trim()
    return metadata


def page_metadata(tree, url: Optional[str]) -> PageMeta:
    """Metadata of the untouched page (before the pre-pass removes anything)."""
    document = trafilatura_metadata(tree, url)
    title_tag = _title_tag(tree)
    site_name = normalize_inline(document.sitename) if document.sitename else None
    headline = choose_headline(tree, title_tag, normalize_inline(document.title))
    keywords = stuffed_title_keywords(title_tag, headline, site_name)
    return PageMeta(headline, document.date, site_name, document.url, html_language(tree), keywords)


# --------------------------------------------------------------------------- fallback
def _text_of(node) -> str:
    """The text of ``node`` with a line break at every block boundary (iterative)."""
    parts: List[str] = []
    stack: List[Tuple[object, bool]] = [(node, False)]
    while stack:
        el, closing = stack.pop()
        if closing:
            if el.tag in _BLOCK_TAGS:
                parts.append("\n")
            if el.tail:
                parts.append(el.tail)
            continue
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _NOISE_TAGS or not tag:
            if el.tail:
                parts.append(el.tail)
            continue
        if tag in _BLOCK_TAGS:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    if node.tail:  # the node's own tail is not its text
        tail = node.tail
        if parts and parts[-1] == tail:
            parts.pop()
    return "".join(parts)


def densest_block_text(tree) -> str:
    """The text of the container holding the most non-link, punctuated text.

    Each text chunk counts toward its nearest container (div, article, section,
    main, td, body); anchor text counts for nothing and sentence punctuation
    adds weight, which suits Chinese pages whose paragraphs are long runs of
    characters without spaces.
    """
    scores: dict = {}
    stack = [(tree, None, False)]
    while stack:  # iterative: deeply nested pages must not hit the recursion limit
        el, container, in_link = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _NOISE_TAGS:
            continue
        if tag in _CONTAINER_TAGS:
            container = el
        link = in_link or tag == "a"
        if container is not None and el.text and not link:
            chunk = el.text.strip()
            if chunk:
                scores[container] = scores.get(container, 0) + len(chunk) + 10 * len(_SENTENCE_PUNCT.findall(chunk))
        for child in el:
            stack.append((child, container, link))
            if child.tail and container is not None and not in_link:
                chunk = child.tail.strip()
                if chunk:
                    scores[container] = scores.get(container, 0) + len(chunk) + 10 * len(_SENTENCE_PUNCT.findall(chunk))
    if not scores:
        return ""
    best = max(scores.items(), key=lambda item: item[1])[0]
    return normalize_text(_text_of(best))


_NO_SPACE = re.compile(r"\s+")


def restored_lines(tree, text: str) -> str:
    """``text`` with its paragraph breaks when trafilatura gave an ``<article>`` as one line.

    trafilatura's fallback takes a page's ``<article>`` as one run of text joined with spaces (a
    table of codes and names in ``<p>`` rows, a short post), and a spam rule then judges the whole
    article as one line of keywords.  When the text is one line and an ``<article>`` of the page holds
    exactly its characters, the article's own block boundaries break it into lines again; nothing is
    added or dropped (any difference but whitespace leaves the text as it is)."""
    if "\n" in text or not text:
        return text
    target = _NO_SPACE.sub("", text)
    for node in tree.iter("article"):
        lined = normalize_text(_text_of(node))
        if "\n" in lined and _NO_SPACE.sub("", lined) == target:
            return lined
    return text


# --------------------------------------------------------------------------- text clean-up
def _drop_raw_urls(line: str) -> Optional[str]:
    """``line`` without raw URLs, unless they sit inside a sentence; None when nothing is left."""
    if "." not in line and "://" not in line:
        return line  # every URL the pattern matches holds one of the two (a scheme or a dotted host)
    urls = list(_URL.finditer(line))
    if not urls:
        return line
    rest = _URL.sub(" ", line)
    prose = len(re.sub(r"[\W_]+", "", rest))
    url_chars = sum(m.end() - m.start() for m in urls)
    if prose >= URL_SENTENCE_MIN_CHARS and url_chars <= len(line) / 2:
        return line  # part of a sentence
    rest = re.sub(r"\s+", " ", rest).strip()
    if len(re.sub(r"[\W_]+", "", rest)) < URL_SENTENCE_MIN_CHARS:
        return None  # a label and a link: "原文链接：http://..."
    return rest


def clean_article_text(text: str, headline: Optional[str]) -> Tuple[str, List[str], Dict[str, int]]:
    """Removes the repeated headline, editor credits, leaked comment sections and raw URLs.

    Returns the text, the editor names found and the characters removed per reason.
    """
    removed: Dict[str, int] = {}
    editors: List[str] = []
    lines = normalize_text(text).split("\n") if text else []
    head = _compact(headline)
    while lines and head and _compact(lines[0]) == head:
        lines.pop(0)
    if head and lines and len(_compact(lines[0])) < len(head):
        # a headline set over its first lines ("全国人民代表大会常务委员会" / "关于批准...的决议")
        joined = ""
        for count, line in enumerate(lines[:HEADLINE_MAX_LINES], 1):
            joined += _compact(line)
            if joined == head:
                del lines[:count]
                break
            if not head.startswith(joined):
                break
    out: List[str] = []
    for i, line in enumerate(lines):
        if i >= len(lines) / 2 and len(line) <= 24 and _heading_key(line) in COMMENT_HEADINGS:
            removed["comments"] = removed.get("comments", 0) + sum(len(x) for x in lines[i:])
            break  # a comment section the markup did not name: the rest of the page is comments
        match = _EDITOR_LINE.match(line) or _EDITOR_INLINE.search(line) or _EDITOR_EN.search(line)
        if match:
            editors.append(match.group("name").strip())
            removed["editor_credit"] = removed.get("editor_credit", 0) + match.end() - match.start()
            line = line[:match.start()].rstrip()
            if not line:
                continue
        cleaned = _drop_raw_urls(line)
        if cleaned != line:
            removed["raw_url"] = removed.get("raw_url", 0) + len(line) - len(cleaned or "")
        if cleaned:
            out.append(cleaned)
    return "\n".join(out), editors, removed


def _markup_keywords(meta: PageMeta, meta_kw: List[str], prepass: PrepassResult, text: str) -> List[str]:
    """The page's spam vocabulary from the markup: stuffed title, stuffed meta keywords, hidden text."""
    found = list(meta.markup_keywords)
    if meta_kw:
        haystack = _compact(text) + _compact(meta.title)
        absent = sum(1 for k in meta_kw if _compact(k) not in haystack)
        if len(meta_kw) >= STUFFED_META_KEYWORDS or absent * 2 > len(meta_kw):
            found.extend(meta_kw)
    found.extend(hidden_keywords(prepass))
    out, seen, size = [], set(), 0
    for token in found:
        token = (normalize_inline(token) or "").replace("|", " ").strip()
        if not token or token in seen:
            continue
        if size + len(token) + 1 > MAX_KEYWORDS_CHARS:
            break
        seen.add(token)
        out.append(token)
        size += len(token) + 1
    return out


# --------------------------------------------------------------------------- extraction
def _trafilatura_config(min_extracted_size: int):
    from trafilatura.settings import DEFAULT_CONFIG

    if min_extracted_size == DEFAULT_CONFIG.getint("DEFAULT", "MIN_EXTRACTED_SIZE"):
        return DEFAULT_CONFIG
    return _CONFIGS.setdefault(min_extracted_size, _make_config(min_extracted_size))


def _make_config(min_extracted_size: int):
    from copy import deepcopy

    from trafilatura.settings import DEFAULT_CONFIG

    config = deepcopy(DEFAULT_CONFIG)
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(min_extracted_size))
    return config


_CONFIGS: dict = {}


def _trafilatura_text(tree, url: Optional[str], settings: ExtractSettings, size: int, fast: bool) -> str:
    """trafilatura's text of the (pre-passed) tree; it works on its own copy, so the tree can be reused."""
    import trafilatura

    document = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=fast,
        with_metadata=False,
        deduplicate=False,
        include_comments=settings.include_comments,
        include_tables=settings.include_tables,
        favor_precision=settings.favor_precision,
        favor_recall=settings.favor_recall,
        config=_trafilatura_config(size),
    )
    return normalize_text(document.text) if document is not None and document.text else ""


def needs_full_path(fast_text: str, visible_text: str, settings: ExtractSettings) -> bool:
    """Whether trafilatura's fast result fails the test that sends a page to its full path
    (readability and jusText compared): shorter than ``full_path_min_chars``, or less than
    ``full_path_min_share`` of the text left on the page after the pre-pass (docs/EXTRACTION.md
    gives the measurement behind both)."""
    if len(fast_text) < settings.full_path_min_chars:
        return True
    return len(fast_text) < settings.full_path_min_share * len(normalize_text(visible_text))


# A timing callback: called with a step's name ("prepass") and the CPU seconds it took.
StepTimer = Callable[[str, float], None]


def extract_article(html: str, url: Optional[str], settings: ExtractSettings,
                    on_step: Optional[StepTimer] = None) -> Optional[Article]:
    """The main article of a page, or None when the page holds no text at all.

    ``on_step`` (benchmarks) is told the CPU time of the markup pre-pass; it never changes the result."""
    tree = parse_html(html)
    if tree is None:
        return None
    meta = page_metadata(tree, url)
    meta_kw = meta_keywords(tree)
    started = time.process_time()
    prepass = clean_tree(tree) if settings.prepass else PrepassResult()
    if on_step is not None:
        on_step("prepass", time.process_time() - started)
    size = settings.min_extracted_size
    too_large = sum(1 for _ in tree.iter()) > settings.max_tree_elements
    text = ""
    if not too_large:
        text = _trafilatura_text(tree, url, settings, size, fast=settings.fast_first)
        if settings.fast_first and needs_full_path(text, "".join(tree.itertext()), settings):
            text = _trafilatura_text(tree, url, settings, size, fast=False)
        text = restored_lines(tree, text)
    method = "trafilatura"
    if too_large:
        text, method = densest_block_text(tree), "densest_block"
    elif len(text) < 2 * settings.min_fallback_chars / settings.fallback_ratio:
        dense = densest_block_text(tree)
        if len(dense) >= settings.min_fallback_chars and len(text) < settings.fallback_ratio * len(dense):
            text, method = dense, "densest_block"
        elif not text:
            text, method = dense, "densest_block"
    text, editors, removed_text = clean_article_text(text, meta.title)
    editors = prepass.editors + [e for e in editors if e not in prepass.editors]
    removed = dict(prepass.removed)
    removed.update(removed_text)
    keywords = _markup_keywords(meta, meta_kw, prepass, text)
    editor = "、".join(dict.fromkeys(editors)) or None
    return Article(text, meta.title, meta.published, meta.site_name, meta.canonical_url, method,
                   meta.html_lang, editor, tuple(keywords), removed)


def article_to_doc(doc: Doc, article: Article) -> Doc:
    meta = dict(doc.meta)
    meta["extraction"] = article.method
    if article.canonical_url:
        meta["canonical_url"] = article.canonical_url
    if article.html_lang:
        meta["html_lang"] = article.html_lang
    if article.editor:
        meta["editor"] = article.editor
    removed = dict(doc.removed)
    for reason, chars in article.removed.items():
        removed[reason] = removed.get(reason, 0) + chars
    return doc.replace(
        html=None,
        text=article.text,
        title=doc.title or article.title,
        published=doc.published or article.published,
        site_name=doc.site_name or article.site_name,
        url=doc.url or article.canonical_url,
        removed=removed,
        meta=meta,
        markup_keywords=tuple(article.markup_keywords),
    )


def page_from_article(doc: Doc, article: Optional[Article]) -> Union[Doc, Rejected]:
    """The page's record once its article is known: the document, or its ``no_text`` rejection."""
    if article is None or not article.text:
        return reject(doc.replace(html=None, text=""), STAGE, Reason.NO_TEXT, "no article text found")
    return article_to_doc(doc, article)


def extract_page(doc: Doc, settings: ExtractSettings = ExtractSettings()) -> Union[Doc, Rejected]:
    """Extracts the article of an HTML page; text pages pass through unchanged."""
    if doc.kind != Kind.HTML:
        return doc
    return page_from_article(doc, extract_article(doc.html or "", doc.url, settings))
