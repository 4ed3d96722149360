"""The line and segment rules of the spam cleaner.

Each rule is a named function over a :class:`PageState` (the page's lines, which
are still kept, what was removed and why, the vocabulary learned so far); it
marks what it removes with its reason code (a constant of
:class:`transforms.record.Reason`).  The predicates the rules use
(:func:`place_list_tokens`, :func:`stuffing_tokens`, ...) are pure functions of
one line, tested on their own.  :func:`transforms.spam.clean.clean_text` runs
the rules in order; docs/SPAM.md explains each rule and its evidence.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from pagewash.transforms.lexicon import HAN
from pagewash.transforms.lexicon import HAN_CHAR as _CJK_CHAR
from pagewash.transforms.lexicon import HAN_WORD_CHAR as _WORD_CHARS
from pagewash.transforms.lexicon import ITEM_SEPARATORS, SYMBOL_MARK_CLASS, SYMBOL_SEPARATOR
from pagewash.transforms.lexicon import KEYWORD_SEPARATORS as _KEYWORD_SEPARATORS
from pagewash.transforms.lexicon import TITLE_SEPARATORS as _TITLE_SEPARATORS
from pagewash.transforms.lexicon import han_pairs, is_lottery_rule
from pagewash.transforms.reasons import TAMPER_EVIDENCE_REASONS, Reason
from pagewash.transforms.spam import betting_text, patterns
from pagewash.transforms.spam.coherence import SENTENCE, find_pasted
from pagewash.transforms.spam.credits import is_credit, leading_credit_end, opening_credit_end
from pagewash.transforms.spam.enumerations import is_article_enumeration
from pagewash.transforms.spam.guards import opens_place_enumeration_end, spaced_prose, stray_spaces
from pagewash.transforms.spam.gazetteer import Gazetteer
from pagewash.transforms.spam.injected import (
    BracketedKeywords,
    BANNER_SEPARATORS,
    GamblingHeaderLines,
    GluedClauseNames,
    WrappedClauseNames,
    WrappedKeywordTails,
    GluedGamblingNames,
    Hit,
    InjectedSegmentFinder,
    commercial_head,
    commercial_head_of,
    gambling_mentions,
    FUNCTION_CHARS,
    _words_within,
    holds_grammar_word,
    is_bare_noun_phrase,
    is_bare_place,
    last_sentence_end,
)
from pagewash.transforms.spam.lexicon import Lexicon
from pagewash.transforms.spam.sources import COMMERCIAL_HEADS
from pagewash.transforms.spam.vocabulary import (
    SENTENCE_PUNCTUATION,
    SHORT_TOKEN,
    TOKEN_SEPARATORS,
    CorpusVocabulary,
    SITE_NAME_HEADS,
    SITE_SUFFIXES,
    PageVocabulary,
    repeated_site_title,
)

_DIGIT = re.compile(r"\d")
_LEADING_CHUNK = re.compile(r"^(\S+)\s")
_TRAILING_CHUNK = re.compile(r"[。!?.…]\s+(\S+)$")
# a bare host name (no scheme, no path) glued to a line's first word (``某某999.com_而且...``,
# ``某某999.com增进...``) or to its last sentence (``...的发展。某某999.com``); a link with a path after
# an article's last sentence is its source's address
_GLUED_LEADING_HOST = re.compile(rf"^((?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)(?:_|(?=[{HAN}]))")
_GLUED_TRAILING_HOST = re.compile(r"[。!?…]((?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)$")
# a bare host between the commas of a Chinese sentence (``...基本条件,sd115999.com,年龄...``), unless the
# clause before it introduces a web address (登录, 访问, a site's name ...: the article's own link)
_COMMA_HOST = re.compile(rf"(?<=[{HAN}])(,(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)(?=,[{HAN}])")
# (为 as a copula, ``网址为``; not the end of a verb, ``认为``, ``成为``, ``因为``)
_INTRODUCES_ADDRESS = re.compile(r"(?:登录|登陆|访问|浏览|打开|进入|关注|网|站|网页|主页|域名|地址|邮箱|平台|(?<![认因成作以称视])为|是|:|即)$")
# a host in the square brackets of Chinese text (``...电梯〖sd11x5365.com〗,...``): an author writes an address
# after a verb or a colon, never set apart in these brackets inside a sentence
_BRACKETED_HOST = re.compile(r"[【〖〔]((?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)[】〗〕]")
_LINK_HINT = re.compile(r"\.[A-Za-z]|://")  # every URL the link rules look for has one
_SENTENCE_END = re.compile(r"[。!?.…\"”’)]$")
_PARAGRAPH_MARK = re.compile(r"[。!?]|\. |\.$")

# Thresholds, in one place (docs/SPAM.md explains each).
PLACE_LIST_MIN_TOKENS = 3  # a line of fewer tokens is not a list
PLACE_LIST_MIN_SHARE = 0.6  # share of tokens that must be places
PLACE_LIST_ALWAYS = 40  # this many names is a spam list whatever they are
PLACE_LIST_MIN_INCOHERENT = 6  # this many names, scattered across the country, is a spam list
PLACE_LIST_MIN_INCOHERENT_INSIDE = 12  # ... between two article paragraphs, where an author may list towns
MAX_PLACE_ITEM_CHARS = 20  # an item of a place list is a name or an address, never a clause
MIN_STRUNG_SYMBOLS = 2  # separator symbols of a line of names strung by a template (three names at least)
TABLE_BORDERS = "|│┃║¦╎╏┆┇┊┋"  # the vertical borders of a table's cells
_STRINGING_SYMBOL = re.compile(f"(?![{re.escape(TABLE_BORDERS)}]){SYMBOL_SEPARATOR.pattern}")
CONCATENATED_MIN_NAMES = 5  # names written without separators
CONCATENATED_MIN_COVER = 0.85
STUFFING_MIN_TOKENS = 5  # a line made only of short tokens
STUFFING_MIN_INTERLEAVED = 4  # short tokens strung between pasted sentences
STUFFING_MIN_UNSUPPORTED = 8  # a line of only short tokens with no other sign of spam
MIN_COMMERCIAL_LIST_NAMES = 3  # a line of only short tokens, half of them business names (brand + head)
STUFFED_TITLE_PARTS = 4
MAX_HEADLINE_CHARS = 60  # a related-article item longer than this, without a marker, is article text
MAX_RELATED_ITEMS = 40
MAX_TEMPLATE_LINE_CHARS = 40
PARAGRAPH_MIN_CHARS = 30


@dataclass(frozen=True)
class Removal:
    """A span the cleaner cut, with its reason code and the evidence of the
    detector that found it (plain JSON-ready values, written to the audit)."""

    reason: str
    text: str
    evidence: Optional[Mapping[str, object]] = field(default=None, compare=False)

    def evidence_or_rule(self) -> Mapping[str, object]:
        """The detector's evidence; for the line rules, the rule that cut the line."""
        return self.evidence if self.evidence is not None else {"detector": RULE_OF_REASON.get(self.reason, self.reason)}


# The line rule behind each reason code (audit evidence of rules that need no more).
RULE_OF_REASON = {
    Reason.METADATA_LINE: "move_metadata_lines", Reason.SPAM_LINK: "drop_spam_links",
    Reason.PAGE_FURNITURE: "drop_page_furniture", Reason.SITE_TITLE: "drop_site_titles",
    Reason.PLACE_LIST: "drop_place_lists", Reason.KEYWORD_STUFFING: "drop_keyword_stuffing",
    Reason.RELATED_BLOCK: "drop_related_blocks", Reason.TEMPLATE_LINE: "drop_template_lines",
    Reason.INJECTED_KEYWORD: "drop_injected_keywords", Reason.PASTED_SENTENCE: "drop_pasted_sentences",
}


@dataclass
class PageState:
    """One page while it is cleaned."""

    lines: List[str]
    gazetteer: Gazetteer
    corpus: CorpusVocabulary
    title: Optional[str] = None
    vocab: PageVocabulary = field(default_factory=PageVocabulary)
    removed_by: List[Optional[str]] = field(default_factory=list)
    cuts: List[Tuple[int, int, Removal]] = field(default_factory=list)  # (line, order, removal)
    metadata: Dict[str, str] = field(default_factory=dict)
    spam_evidence: bool = False
    lexicon: Optional[Lexicon] = None
    _places: Dict[str, Optional["PlaceTokens"]] = field(default_factory=dict)
    _tables: Optional[List[bool]] = None
    _span: Optional[Tuple[int, Tuple[int, int]]] = None

    def place_tokens(self, i: int) -> Optional["PlaceTokens"]:
        """:func:`place_list_tokens` of line ``i``, computed once per line text."""
        line = self.lines[i]
        try:
            return self._places[line]
        except KeyError:
            found = self._places[line] = place_list_tokens(line, self.gazetteer)
            return found

    def tables(self) -> List[bool]:
        if self._tables is None:
            self._tables = table_lines(self.lines)
        return self._tables

    def __post_init__(self) -> None:
        if not self.removed_by:
            self.removed_by = [None] * len(self.lines)

    def kept(self, i: int) -> bool:
        return self.removed_by[i] is None

    def kept_indices(self) -> List[int]:
        return [i for i, r in enumerate(self.removed_by) if r is None]

    def remove_line(self, i: int, reason: str, evidence: Optional[Mapping[str, object]] = None) -> None:
        if self.removed_by[i] is None:
            self.removed_by[i] = reason
            self.cuts.append((i, len(self.cuts), Removal(reason, self.lines[i], evidence)))
            if reason in TAMPER_EVIDENCE_REASONS:
                self.spam_evidence = True

    def cut_span(self, i: int, reason: str, span: str, evidence: Optional[Mapping[str, object]] = None) -> None:
        self.cuts.append((i, len(self.cuts), Removal(reason, span, evidence)))
        if reason in TAMPER_EVIDENCE_REASONS:
            self.spam_evidence = True

    def removals(self) -> List[Removal]:
        return [r for _i, _o, r in sorted(self.cuts, key=lambda c: (c[0], c[1]))]

    def text(self) -> str:
        return "\n".join(line for line, r in zip(self.lines, self.removed_by) if r is None and line)


# --------------------------------------------------------------------------- metadata lines


def metadata_from_line(line: str) -> Optional[Dict[str, str]]:
    """The metadata a boilerplate line carries (``published`` ISO 8601,
    ``source_name``, ``author``, ``editor``, ``original_title``, ``copyright``),
    or None if the line is not a metadata line.  A recognised line with no
    usable value gives ``{}``."""
    if len(line) > patterns.MAX_METADATA_CHARS:
        return None
    if not patterns.DATE_START.search(line, 0, 20) and not patterns.METADATA_HINT.search(line):
        return None
    m = patterns.DATE_LINE.match(line)
    if m and _is_metadata_rest(m):
        values: Dict[str, str] = {}
        published = _iso_datetime(m)
        if published:
            values["published"] = published
        rest = m.group("rest")
        if rest.strip() and not patterns.META_REST.match(rest):
            values["source_name"] = rest.strip()
        for key, pattern in (("source_name", patterns.SOURCE_VALUE), ("author", patterns.AUTHOR_VALUE),
                             ("editor", patterns.EDITOR_VALUE)):
            v = pattern.search(rest)
            if v:
                values[key] = v.group("v")
        return values if published or values else None
    m = patterns.ORIGINAL_TITLE_LINE.match(line)
    if m:
        return {"original_title": m.group("v").strip()}
    m = patterns.SOURCE_LINE.match(line)
    if m:
        values = {}
        for key, pattern in (("source_name", patterns.SOURCE_VALUE), ("author", patterns.AUTHOR_VALUE),
                             ("editor", patterns.EDITOR_VALUE)):
            v = pattern.search(line)
            if v:
                values[key] = v.group("v")
        return values or {"source_name": m.group("v").strip()}
    m = patterns.EDITOR_LINE.match(line)
    if m:
        key = "author" if m.group("k") in ("作者", "撰稿") else "editor"
        return {key: m.group("v").strip()}
    m = patterns.BRACKETED_CREDIT.match(line)
    if m:
        return {"reporter": m.group("v").strip()}
    if patterns.COPYRIGHT_LINE.search(line) and len(line) <= patterns.MAX_METADATA_CHARS:
        return {"copyright": line}
    return None


def _is_metadata_rest(m: "re.Match[str]") -> bool:
    """What follows a date on a dateline: nothing, labelled fields (来源:...), or
    after a time, a bare source name (``2020-09-11 18:05 商讯``).  A date
    followed by a headline is a related-article item, not a dateline."""
    rest = m.group("rest").strip()
    if not rest or patterns.META_REST.match(rest):
        return True
    return m.group("h") is not None and len(rest) <= 12 and not SENTENCE_PUNCTUATION.search(rest) \
        and " " not in rest


def _iso_datetime(m: "re.Match[str]") -> Optional[str]:
    year, month, day = int(m.group("y")), int(m.group("mo")), int(m.group("d"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    date = f"{year:04d}-{month:02d}-{day:02d}"
    if m.group("h") is None:
        return date
    hour, minute = int(m.group("h")), int(m.group("mi"))
    if hour > 23:
        return date
    second = m.group("s")
    return f"{date}T{hour:02d}:{minute:02d}" + (f":{int(second):02d}" if second else "")


def move_metadata_lines(page: PageState) -> None:
    """Date/source, 原标题, 责编/编辑, credit and copyright lines leave the text; their
    values go to the page's metadata (first value of each field wins)."""
    for i, line in enumerate(page.lines):
        if not page.kept(i):
            continue
        values = metadata_from_line(line)
        if values is None:
            continue
        for key, value in values.items():
            page.metadata.setdefault(key, value)
        page.remove_line(i, Reason.METADATA_LINE)


# --------------------------------------------------------------------------- links


def link_verdict(line: str) -> Tuple[bool, List[str]]:
    """``(drop_line, spans)``: whether the line is a URL-only line or a link list,
    and otherwise the sitemap URLs to cut out of it.  A URL inside a real
    sentence stays."""
    if not _LINK_HINT.search(line):
        return False, []
    if len(line) <= MAX_CJK_DOMAIN_LINE_CHARS and patterns.CJK_DOMAIN_LINE.match(line.strip()):
        return True, []
    urls = patterns.URL.findall(line)
    if not urls:
        return False, []
    rest = patterns.LINK_LABEL.sub(" ", patterns.URL.sub(" ", line))
    rest_chars = len(_WORD_CHARS.findall(rest))
    if rest_chars <= 4:
        return True, []
    if len(urls) >= 2 and rest_chars < 12 * len(urls):
        return True, []
    spans = [u for u in urls if patterns.SITEMAP.search(u)]
    # a bare URL before the first word or after the last sentence of a line
    for edge in (_LEADING_CHUNK.match(line), _TRAILING_CHUNK.search(line),
                 _GLUED_LEADING_HOST.match(line), _GLUED_TRAILING_HOST.search(line)):
        if edge and patterns.URL.fullmatch(edge.group(1)) and edge.group(1) not in spans:
            spans.append(edge.group(1))
    for m in _COMMA_HOST.finditer(line):
        host = m.group(1)
        if patterns.URL.fullmatch(host[1:]) and not _INTRODUCES_ADDRESS.search(line[:m.start()]) and host not in spans:
            spans.append(host)  # with the comma before it: "A,host,B" -> "A,B"
    for m in _BRACKETED_HOST.finditer(line):
        if patterns.URL.fullmatch(m.group(1)) and m.group(0) not in spans:
            spans.append(m.group(0))
    return False, spans


MAX_LINK_LABEL_CHARS = 12
MAX_CJK_DOMAIN_LINE_CHARS = 40
MIN_LABELLED_LINKS = 2


def labelled_link(line: str) -> bool:
    """A line that is one short label and one URL (``蓝田小额贷款 http://...``): an item of a link list."""
    if not _LINK_HINT.search(line):
        return False
    urls = patterns.URL.findall(line)
    if len(urls) != 1:
        return False
    label = line.replace(urls[0], " ").strip()
    return 0 < len(label) <= MAX_LINK_LABEL_CHARS and bool(SHORT_TOKEN.match(label))


def drop_labelled_link_runs(page: PageState) -> None:
    """Runs of ``label URL`` lines (``MIN_LABELLED_LINKS`` or more, or one next to a removed
    link line) are a link list, whatever the labels say."""
    n = len(page.lines)
    flags = [page.kept(i) and labelled_link(page.lines[i]) for i in range(n)]
    i = 0
    while i < n:
        if not flags[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and flags[j + 1]:
            j += 1
        beside = [k for k in (i - 1, j + 1) if 0 <= k < n and page.removed_by[k] == Reason.SPAM_LINK]
        if j - i + 1 >= MIN_LABELLED_LINKS or beside:
            for k in range(i, j + 1):
                page.remove_line(k, Reason.SPAM_LINK, {"detector": "link_list", "lines": j - i + 1})
        i = j + 1


def drop_spam_links(page: PageState) -> None:
    _drop_spam_links(page)
    drop_labelled_link_runs(page)


def _drop_spam_links(page: PageState) -> None:
    for i, line in enumerate(page.lines):
        if not page.kept(i):
            continue
        drop, spans = link_verdict(line)
        if drop:
            if any(patterns.SITEMAP.search(u) for u in patterns.URL.findall(line)):
                page.spam_evidence = True
            page.remove_line(i, Reason.SPAM_LINK)
        elif spans:
            for span in spans:
                line = line.replace(span, "", 1)
                page.cut_span(i, Reason.SPAM_LINK, span)
            if any(patterns.SITEMAP.search(span) for span in spans):
                page.spam_evidence = True
            page.lines[i] = re.sub(r"\s{2,}", " ", line).strip().lstrip("_").strip()
            if _BARE_LINK_LABEL.match(page.lines[i]):
                # the label of the link just cut (Sitemap:, 网站地图:) names nothing any more
                page.remove_line(i, Reason.SPAM_LINK, {"detector": "link_label", "label": page.lines[i]})


_BARE_LINK_LABEL = re.compile(rf"^(?:[{HAN}]{{1,8}}|[A-Za-z][A-Za-z ]{{0,15}}):$")


# --------------------------------------------------------------------------- furniture


def is_page_furniture(line: str) -> bool:
    """Navigation, sharing, print and breadcrumb lines, alone or several in a
    row (``打印本页 关闭窗口``)."""
    if len(line) > patterns.MAX_FURNITURE_CHARS:
        return False
    if patterns.FURNITURE.match(line) or patterns.BREADCRUMB.match(line) or patterns.ENGLISH_BREADCRUMB.match(line):
        return True
    if " " not in line and "|" not in line and "｜" not in line:
        return False
    # items set apart by bars or dots (``Terms of Use | Privacy Policy``, ``Powered by WordPress · 备案中``),
    # each item perhaps several set apart by spaces (``打印本页 关闭窗口``)
    parts = [p for p in _FURNITURE_BARS.split(line) if p]
    return (len(parts) >= 2 or len(line.split()) >= 2) and all(
        patterns.FURNITURE.match(p) or all(patterns.FURNITURE.match(w) for w in p.split()) for p in parts)


_FURNITURE_BARS = re.compile(r"\s*[|｜]\s*|\s+[·•]\s+")


def drop_page_furniture(page: PageState) -> None:
    for i, line in enumerate(page.lines):
        if not page.kept(i):
            continue
        if is_page_furniture(line):
            page.remove_line(i, Reason.PAGE_FURNITURE)
            continue
        if patterns.KEYWORD_HEADING.match(line.strip()):
            _drop_keyword_block(page, i)
            continue
        m = patterns.KEYWORD_LINE.match(line) if len(line) <= patterns.MAX_KEYWORD_LINE_CHARS else None
        keywords = [k for k in _KEYWORD_ITEMS.split(m.group("v")) if SHORT_TOKEN.match(k)] if m else \
            labelled_business_names(line, page)
        if m and not keywords and not SENTENCE_PUNCTUATION.search(m.group("v")):
            # the label says what the line is: keywords glued without separators are keywords too
            keywords = [name for _a, _b, name in glued_commercial_names(m.group("v"), page.lexicon,
                                                                        page.gazetteer.is_division)] \
                if page.lexicon is not None else []
            keywords = keywords or [m.group("v")[:MAX_KEYWORD_LINE_VALUE_CHARS]]
        if keywords:
            for keyword in keywords:
                page.vocab.add(keyword)
            evidence = {"detector": "keyword_line", "keywords": keywords[:20]}
            if not m:
                evidence["label"] = line.split(":", 1)[0]  # a label of any wording, before business names
            page.remove_line(i, Reason.PAGE_FURNITURE, evidence)
            continue
        at = keyword_line_tail(line)
        if at is not None:
            tail = line[at:]
            keywords = [k for k in _KEYWORD_ITEMS.split(patterns.KEYWORD_LINE.match(tail.strip()).group("v"))
                        if SHORT_TOKEN.match(k)]
            for keyword in keywords:
                page.vocab.add(keyword)
            page.cut_span(i, Reason.PAGE_FURNITURE, tail, {"detector": "keyword_line", "keywords": keywords[:20],
                                                            "position": "tail"})
            page.lines[i] = line[:at].rstrip()


def keyword_line_tail(line: str) -> Optional[int]:
    """Where a keyword line glued after the line's last sentence starts (``...断掉。 本文关键词:A,B``), or
    None: an extractor joined the page's keyword line to the paragraph above it."""
    if len(line) > patterns.MAX_KEYWORD_LINE_CHARS * 4 or not patterns.KEYWORD_LABEL_INSIDE.search(line):
        return None
    end = last_sentence_end(line)
    if end < 0:
        return None
    tail = line[end + 1:]
    m = patterns.KEYWORD_LINE.match(tail.strip())
    if m is None or len(tail) > patterns.MAX_KEYWORD_LINE_CHARS or SENTENCE_PUNCTUATION.search(m.group("v")):
        return None
    return end + 1


MAX_KEYWORD_LINE_VALUE_CHARS = 40  # of a labelled keyword line's value, in its evidence
MIN_KEYWORD_BLOCK_ITEMS = 3  # items of a line under a keyword heading (a tag cloud's line)
MAX_KEYWORD_BLOCK_ITEM_CHARS = 16


def keyword_block_items(line: str) -> Optional[List[str]]:
    """The items of a line of keywords (``A,B,C``, ``A B C``): at least :data:`MIN_KEYWORD_BLOCK_ITEMS`,
    each short, no sentence end between them (a tag may end in ? or !: ``这是僵尸吗?``), else None."""
    if len(line) > patterns.MAX_KEYWORD_LINE_CHARS or "。" in line:
        return None
    items = [k for k in _KEYWORD_ITEMS.split(line.strip()) if k]
    if len(items) < MIN_KEYWORD_BLOCK_ITEMS or any(len(k) > MAX_KEYWORD_BLOCK_ITEM_CHARS for k in items):
        return None
    return items


def _drop_keyword_block(page: PageState, i: int) -> None:
    """A keyword heading alone on line ``i`` (``热门关键词``) and the lines of keywords under it: a tag
    cloud or a search page's list of queries.  The heading alone, over text, is a heading of the text's
    and goes alone (it names nothing the article says)."""
    label = page.lines[i].strip()
    page.remove_line(i, Reason.PAGE_FURNITURE, {"detector": "keyword_line", "label": label})
    for j in range(i + 1, len(page.lines)):
        if not page.kept(j) or not page.lines[j].strip():
            continue
        items = keyword_block_items(page.lines[j])
        if items is None:
            break
        for keyword in items:
            page.vocab.add(keyword)
        page.remove_line(j, Reason.PAGE_FURNITURE, {"detector": "keyword_line", "label": label, "keywords": items[:20]})
_KEYWORD_ITEMS = re.compile(r"[\s,,、;;|｜/]+")
_ANY_LABEL = re.compile(rf"^(?:[{HAN}]|[A-Za-z]){{2,8}}:(?=\S)")
MIN_LABELLED_NAMES = 2


def labelled_business_names(line: str, page: PageState) -> List[str]:
    """The keywords of a line that is a short label of any wording and a list of keywords
    (``热词:A,B,C``), when every item is a short token and ``MIN_LABELLED_NAMES`` of them are
    business names (brand + commercial head), else ``[]``: an author's labelled list
    (``主演:A B C``, ``配料:面粉、白糖``) names no businesses."""
    if page.lexicon is None or len(line) > patterns.MAX_KEYWORD_LINE_CHARS or ":" not in line[:10]:
        return []
    label = _ANY_LABEL.match(line)
    if label is None:
        return []
    items = [k for k in _KEYWORD_ITEMS.split(line[label.end():]) if k]
    if len(items) < MIN_LABELLED_NAMES or not all(SHORT_TOKEN.match(k) for k in items):
        return []
    commercial = commercial_token(page)
    if sum(1 for k in items if commercial(k)) < max(MIN_LABELLED_NAMES, (len(items) + 1) // 2):
        return items if labelled_names_and_places(items, page) else []
    return items


MIN_LABELLED_MIXED_ITEMS = 3


def labelled_names_and_places(items: Sequence[str], page: PageState) -> bool:
    """Whether the items of a labelled list (``热词:某市 某县某某公司 某镇某某app下载``) are all names —
    places, and business or site names by their shape (a name of rule 10, a head or a division's
    name opening it: :meth:`WrappedClauseNames.judge`, which also leaves a person's name, a number
    or a name the page writes elsewhere alone) —, ``MIN_LABELLED_MIXED_ITEMS`` of them at least, one
    a business name, and the places they name (a place item, the division a name opens with) lie
    scattered across the country (:func:`is_coherent_place_list`).  An author's labelled list names
    one place's bodies (``主办:某县人民政府、某县文化局``, a place the article speaks of) or no place."""
    if len(items) < MIN_LABELLED_MIXED_ITEMS or page.lexicon is None:
        return False
    gaz = page.gazetteer
    judge = WrappedClauseNames(page.lexicon, gaz, "\n".join(page.lines)).judge
    places: List[str] = []
    businesses = 0
    for item in items:
        if gaz.is_division(item) or gaz.is_strong_place(item):
            places.append(item)
            continue
        evidence = judge(item)
        if evidence is None or evidence.get("shape") == "lone_place":
            return False
        businesses += 1
        opening = evidence.get("place") or gaz.leading_division(item)
        if isinstance(opening, str) and opening:
            places.append(opening)
    return (businesses >= 1 and len(set(places)) >= 2
            and not is_coherent_place_list(sorted(set(places)), gaz))


# --------------------------------------------------------------------------- site title


def title_parts(title: Optional[str]) -> List[str]:
    """The parts of an HTML title split at its separators (``A_B_C``, ``A - B``, ``A|B``)."""
    if not title:
        return []
    return [p.strip() for p in _TITLE_SEPARATORS.split(title) if p.strip()]


def learn_from_title(page: PageState) -> Optional[str]:
    """Learns the site name of ``title`` (its last part) and, for a
    keyword-stuffed title (``STUFFED_TITLE_PARTS`` parts or more; the usual
    ``headline_channel_site`` has three), its keywords; returns the cleaned
    title (the part that names the article) when it changed."""
    parts = title_parts(page.title)
    if len(parts) < 2:
        return None
    site = parts[-1]
    if 2 <= len(site) <= 20:
        page.vocab.add(site)
    if len(parts) < STUFFED_TITLE_PARTS:
        return None
    body = "\n".join(page.lines)
    # The article's own headline is the part the page repeats, else the longest.
    article = max(parts[:-1], key=lambda p: (p in body, len(p)))
    for part in parts:
        if part != article and SHORT_TOKEN.match(part):
            page.vocab.add(part)
    return article


MAX_DOUBLED_TAIL_CHARS = 30
_DOUBLED_TAIL = re.compile(rf"\s*[_|｜\-–—]\s*([^\s_|｜\-–—]{{4,{MAX_DOUBLED_TAIL_CHARS}}})\s*[_|｜\-–—]?\s*\1\s*$")


def doubled_title_tail(line: str) -> Optional[Tuple[int, str]]:
    """``(start, name)`` when a line (a headline) ends in a title part written twice
    (``某某新闻标题_某某热线_某某热线``, ``标题 - 某某网 - 某某网``): the site's name as a
    template glues it after every headline, twice over; else None.  The name has no sentence
    punctuation and something stands before it."""
    if len(line) > 200 or len(line) < 12 or not any(c in line for c in "_|｜-–—"):
        return None
    m = _DOUBLED_TAIL.search(line)
    if m is None or m.start() == 0 or SENTENCE_PUNCTUATION.search(m.group(1)) or not _CJK_CHAR.search(m.group(1)):
        return None
    return m.start(), m.group(1)


MIN_DOUBLED_HEADLINE_CHARS = 16  # a unit this long that the next lines repeat is a headline, not a site's name
DOUBLED_HEADLINE_LOOKAHEAD = 2


def drop_site_titles(page: PageState) -> None:
    """A line that is the site's name written twice or more is the hijacker's
    header; its name and keyword core become page vocabulary, and any other
    line that is just that name goes too.  A table's row whose repeated unit spans cells
    (``城市\t人口\t城市\t人口``: a header over a table laid out in two blocks of columns) is the
    table's, not a site's name."""
    for i, line in enumerate(page.lines):
        if not page.kept(i):
            continue
        unit = repeated_site_title(line)
        if unit and _cell_count(unit) >= 2 and page.tables()[i]:
            continue
        if unit:
            after = [k for k in page.kept_indices() if k > i][:DOUBLED_HEADLINE_LOOKAHEAD]
            if (len(unit) >= MIN_DOUBLED_HEADLINE_CHARS and not unit.endswith(SITE_NAME_HEADS)
                    and any(page.lines[k].strip() == unit for k in after)):
                # the headline written twice above itself: the copy goes, the headline stays
                page.remove_line(i, Reason.SITE_TITLE, {"detector": "doubled_headline", "headline": unit})
                continue
            page.vocab.add_site_title(unit, page.gazetteer)
            page.remove_line(i, Reason.SITE_TITLE)
            continue
        tail = doubled_title_tail(line)
        if tail is not None:
            start, unit = tail
            page.vocab.add_site_title(unit, page.gazetteer)
            page.cut_span(i, Reason.SITE_TITLE, line[start:], {"detector": "doubled_title_tail", "name": unit})
            page.lines[i] = line[:start].rstrip()
    if page.vocab:
        for i, line in enumerate(page.lines):
            if page.kept(i) and line in page.vocab and len(line) >= 4:
                page.remove_line(i, Reason.SITE_TITLE)


MIN_SITE_SUFFIX_CHARS = 4
MAX_SITE_SUFFIX_CHARS = 20
MIN_SUFFIXED_HEADLINE_CHARS = 4
_TITLE_SUFFIX_SEPARATOR = re.compile(r"\s*[_|｜–—]+\s*|\s+-\s+")  # a title's separators, a run of dashes as one


def drop_site_name_suffixes(page: PageState) -> None:
    """The site's name written after the headline (``标题——某地家居热线``, ``标题_某某网``): the last
    part of a line of the page head, after a title separator, that a line the rules cut (the site's
    header, its navigation or breadcrumb) names too; the headline stays.  A column's name after a
    headline (``标题 | 声音特稿``) is written nowhere else."""
    cut = [r.text for r in page.removals()]
    if not cut:
        return
    first, _last = article_span(page)
    for i in page.kept_indices():
        if i >= first:
            break  # the article's paragraphs: a quotation's source after a dash is the author's
        line = page.lines[i]
        separators = list(_TITLE_SUFFIX_SEPARATOR.finditer(line))
        if not separators or separators[-1].start() < MIN_SUFFIXED_HEADLINE_CHARS:
            continue
        at = separators[-1]
        name = line[at.end():].strip()
        if not (MIN_SITE_SUFFIX_CHARS <= len(name) <= MAX_SITE_SUFFIX_CHARS) or SENTENCE_PUNCTUATION.search(name):
            continue
        if any(name in text for text in cut):
            page.cut_span(i, Reason.SITE_TITLE, line[at.start():], {"detector": "site_name_suffix", "name": name})
            page.lines[i] = line[:at.start()].rstrip()


MAX_PREFIX_CHARS = 16
MAX_PREFIXED_TITLE_CHARS = 60
PREFIX_PARTICLES = frozenset("的了着过吗呢吧之")  # a prefix with one of these is a phrase, not a name
PREFIXED_TITLE_LOOKAHEAD = 3  # lines of the page head after the copy in which its heading may stand


def title_prefix(line: str, title: str) -> Optional[str]:
    """The words written before ``title`` when ``line`` is the title with a prefix glued
    to it (``三和娱乐城跑马地锦标`` before the heading ``跑马地锦标``), else None."""
    if len(title) < 2 or len(line) > MAX_PREFIXED_TITLE_CHARS or line == title or not line.endswith(title):
        return None
    prefix = line[: len(line) - len(title)].strip()
    if not (2 <= len(prefix) <= MAX_PREFIX_CHARS) or SENTENCE_PUNCTUATION.search(line):
        return None
    return prefix


def commercial_prefix(prefix: str, known: Callable[[str], bool]) -> bool:
    """A prefix that names a business or site: it ends in a commercial head (博彩, 娱乐城, 网,
    彩票...: brand + head, like the names rule 10 cuts) and holds no particle, or it is known
    spam vocabulary; an author's heading that ends like its subheading (``...发布后的第一天`` /
    ``第一天``) does neither."""
    if known(prefix):
        return True
    low = prefix.lower()
    if any(c in PREFIX_PARTICLES for c in low):
        return False
    return any(low.endswith(head) and len(low) > len(head) for head in COMMERCIAL_HEADS)


def drop_prefixed_titles(page: PageState) -> None:
    """In the page head, a line that is one of the next few lines (the article's heading) or
    the page's title with a commercial name glued before it (:func:`commercial_prefix`) is the
    hijacker's copy of the title: it goes, and its prefix becomes page vocabulary."""
    first, _last = article_span(page)
    known = known_spam_token(page)
    kept = [i for i in page.kept_indices() if i < first]
    for a, i in enumerate(kept):
        line = page.lines[i].strip()
        # the heading may follow a navigation line the later rules remove
        titles = [page.lines[j].strip() for j in kept[a + 1:a + 1 + PREFIXED_TITLE_LOOKAHEAD]]
        if page.title:
            titles.append(page.title.strip())
        for title in titles:
            prefix = title_prefix(line, title)
            if prefix is not None and commercial_prefix(prefix, known):
                if SHORT_TOKEN.match(prefix):
                    page.vocab.add(prefix)
                page.remove_line(i, Reason.SITE_TITLE, {"detector": "prefixed_title", "prefix": prefix,
                                                        "title": title})
                break


MAX_SITE_HEADER_CHARS = 32
MAX_HEADER_REST_CHARS = 4  # a navigation word after the name (返回首页, 企业简介, 产品中心)
MAX_SITE_HEADER_LINE = 2  # the header is the page's first or second line, above the headline
_HEADER_PARTS = re.compile(r"\s*[_|｜\-–—]+\s*")


def _site_name_end(words: Sequence[Tuple[str, str]]) -> Optional[int]:
    """The index of the last word of ``words`` that ends a site's or a business's name (a
    commercial head or a site suffix, or a word ending in one: 彩票网, 服务网)."""
    for k in range(len(words) - 1, -1, -1):
        w = words[k][0].lower()
        if w in COMMERCIAL_HEADS or w.endswith(SITE_NAME_HEADS) or any(
                w.endswith(h) and len(w) > len(h) for h in _LONG_HEADS):
            return k
    return None


def site_header_names(line: str, lex: Lexicon) -> Optional[Dict[str, object]]:
    """Evidence when ``line`` is a site's header: one or two names of sites or businesses
    (brand + a commercial head or a site suffix), joined by ``_``, ``-``, ``|`` or a dash, the
    last one perhaps followed by a navigation word of at most ``MAX_HEADER_REST_CHARS``
    characters (``某某叉车租赁网企业简介``, ``某某体育官网-某某刻章平台``); else None.  One name
    alone must end in a site suffix or a betting head and hold no grammatical word, so a
    heading that names a hospital or a company stays."""
    if len(line) > MAX_SITE_HEADER_CHARS or SENTENCE_PUNCTUATION.search(line) or "," in line:
        return None
    parts = [p for p in _HEADER_PARTS.split(line.strip()) if p]
    if not 1 <= len(parts) <= 2 or not all(_PURE_CHUNK.match(p) for p in parts):
        return None
    names, rest = [], ""
    for n, part in enumerate(parts):
        words = lex.tagged(part)
        k = _site_name_end(words)
        if k is None:
            return None
        brand = words[:k]
        tail = "".join(w for w, _t in words[k + 1:])
        if len("".join(w for w, _t in brand)) < 2 or (tail and (n < len(parts) - 1 or len(tail) > MAX_HEADER_REST_CHARS
                                                               or holds_grammar_word(words[k + 1:]))):
            return None
        if len(parts) == 1 and not tail and (holds_grammar_word(brand) or not (
                words[k][0].endswith(SITE_NAME_HEADS) or COMMERCIAL_HEADS.get(words[k][0].lower()) == "betting")):
            return None
        names.append("".join(w for w, _t in words[:k + 1]))
        rest = tail
    return {"detector": "site_header", "names": names, "rest": rest}


_WELCOME = re.compile(r"^欢迎(?:您)?(?:访问|光临|来到)\s*")
_WELCOME_SPLIT = re.compile(r"\s*[~～_|｜\-–—]+\s*|\s+")
MAX_SLOGAN_CHARS = 12  # 本地生活第一站, 权威资讯 一网打尽: what a welcome line says after the name


def welcome_banner(line: str, lex: Lexicon) -> Optional[Dict[str, object]]:
    """Evidence when ``line`` welcomes the reader to a site and names it (:func:`site_header_names`),
    perhaps with a slogan after a separator (``欢迎访问某某驾校信息港 ~ 权威资讯 一网打尽``); else None.
    A line of the article that says so is a sentence (``欢迎访问我们的网站了解详情。``)."""
    m = _WELCOME.match(line.strip())
    if m is None or SENTENCE_PUNCTUATION.search(line) or "," in line:
        return None
    parts = [x for x in _WELCOME_SPLIT.split(line.strip()[m.end():]) if x]
    if not parts or sum(len(x) for x in parts[1:]) > MAX_SLOGAN_CHARS:
        return None
    evidence = site_header_names(parts[0], lex)
    if evidence is None:
        return None
    return {**evidence, "detector": "welcome_banner", "rest": " ".join(parts[1:])}


MIN_MENU_ITEMS = 2
MAX_MENU_ITEM_CHARS = 6
_MENU_SEPARATORS = re.compile(r"\s*[·•|｜/]\s*|\s+")


def menu_header_names(line: str, lex: Lexicon) -> Optional[Dict[str, object]]:
    """Evidence when ``line`` is a site's name (:func:`site_header_names`) and then its navigation
    menu (``某某钢材网 网站首页·产品中心·在线留言``): ``MIN_MENU_ITEMS`` items or more after a space,
    each of at most ``MAX_MENU_ITEM_CHARS`` Han characters, between spaces, ``·`` or ``|``, two
    thirds of them with no grammatical word; else None.  A headline has no run of bare short items after its first space."""
    if len(line) > 2 * MAX_SITE_HEADER_CHARS or SENTENCE_PUNCTUATION.search(line) or " " not in line:
        return None
    name, rest = line.split(" ", 1)
    items = [item for item in _MENU_SEPARATORS.split(rest.strip()) if item]
    if len(items) < MIN_MENU_ITEMS or any(len(item) > MAX_MENU_ITEM_CHARS or not _HAN_ITEM.match(item)
                                          for item in items):
        return None
    if 3 * sum(1 for item in items if holds_grammar_word(lex.tagged(item))) > len(items):
        return None  # a menu's items are bare words (联系我们 aside), not clauses
    evidence = site_header_names(name, lex)
    if evidence is None:
        return None
    return {**evidence, "menu": items[:12]}


_HAN_ITEM = re.compile(rf"^[{HAN}]{{2,}}$")
_HEADLINE_SITE_TAIL = re.compile(r"(?:\s*[_|｜\-–—]+\s*|\s+)([^\s_|｜\-–—]{4,20})$")
MIN_TAILED_HEADLINE_CHARS = 6


def headline_site_tail(line: str, lex: Lexicon, gazetteer: Gazetteer) -> Optional[Tuple[int, Dict[str, object]]]:
    """``(start, evidence)`` when a headline ends in a local site's name after a separator or a
    space (``某某新闻标题-某某婚庆信息港``): a name that opens with a division (its full name or
    short form), then a trade, then a site word (:func:`site_header_names`: 资讯网, 信息港, 门户, 热线
    ...), the convention of a site group's local portals; else None.  A publisher's name
    (``中国新闻网``) opens with no division and stays."""
    if len(line) > 120:
        return None
    m = _HEADLINE_SITE_TAIL.search(line)
    if m is None or m.start() < MIN_TAILED_HEADLINE_CHARS:
        return None
    name = m.group(1)
    evidence = site_header_names(name, lex)
    if evidence is None:
        return None
    suffix = next((h for h in sorted(SITE_NAME_HEADS, key=len, reverse=True) if name.endswith(h)), None)
    opening = next((n for n in range(min(len(name), MAX_DIVISION_OPENING_CHARS), 1, -1)
                    if gazetteer.is_division(name[:n])), None)
    if suffix is None or opening is None or len(name) - opening - len(suffix) < MIN_TRADE_CHARS:
        return None  # no division opening it, or no trade between the place and the site word
    return m.start(), {**evidence, "detector": "headline_site_tail", "place": name[:opening]}


MAX_DIVISION_OPENING_CHARS = 9
MIN_TRADE_CHARS = 2


def drop_site_headers(page: PageState) -> None:
    """On the page's first or second line, above its headline, a site's header
    (:func:`site_header_names`, or :func:`menu_header_names` with its navigation menu) goes; its
    names become page vocabulary.  The headline (the last line of the page head, or the HTML
    title) is never judged as a header, but a local site's name glued after it
    (:func:`headline_site_tail`) is cut off it first."""
    if page.lexicon is None:
        return
    first, _last = article_span(page)
    head = [i for i in page.kept_indices() if i < first and page.lines[i].strip()]
    for i in head[:MAX_SITE_HEADER_LINE]:
        line = page.lines[i].rstrip()
        if site_header_names(line, page.lexicon) is not None or menu_header_names(line, page.lexicon) is not None:
            continue  # a header itself, judged whole below
        tail = headline_site_tail(line, page.lexicon, page.gazetteer)
        if tail is not None:
            start, evidence = tail
            page.cut_span(i, Reason.SITE_TITLE, line[start:], evidence)
            page.lines[i] = line[:start].rstrip()
            for name in evidence["names"]:
                if SHORT_TOKEN.match(name):
                    page.vocab.add(name)
    title = (page.title or "").strip()
    for a, i in enumerate(head[:MAX_SITE_HEADER_LINE]):
        line = page.lines[i].strip()
        if line == title:
            continue
        # a headline may read like a site's name, never like a name with its navigation menu
        evidence = (site_header_names(line, page.lexicon) if a + 1 < len(head) or (title and line not in title)
                    else None) or menu_header_names(line, page.lexicon) or welcome_banner(line, page.lexicon)
        if evidence is None:
            continue
        rest = "\n".join(page.lines[k] for k in page.kept_indices() if k != i)
        if any(name in rest for name in evidence["names"]):
            # the page speaks of it, unless only as the site's name glued after a headline of the head
            tails = [k for k in head[:MAX_SITE_HEADER_LINE] if k != i and page.kept(k)
                     and _glued_site_tail(page.lines[k].rstrip(), evidence["names"]) is not None]
            rest = "\n".join(page.lines[k] for k in page.kept_indices() if k != i and k not in tails)
            if not tails or any(name in rest for name in evidence["names"]):
                continue
        if GamblingHeaderLines(page.lexicon, page.gazetteer, page.text()).judge(line) is not None:
            continue  # a gambling banner: drop_gambling_headers judges it, with its own evidence
        for name in evidence["names"]:
            if SHORT_TOKEN.match(name):
                page.vocab.add(name)
        page.remove_line(i, Reason.SITE_TITLE, evidence)
        for k in head[:MAX_SITE_HEADER_LINE]:
            line_k = page.lines[k].rstrip()
            start = _glued_site_tail(line_k, evidence["names"]) if k != i and page.kept(k) else None
            if start is not None:
                page.cut_span(k, Reason.SITE_TITLE, line_k[start:], {"detector": "headline_site_tail",
                                                                     "names": evidence["names"], "header_line": i})
                page.lines[k] = line_k[:start].rstrip()


def _glued_site_tail(line: str, names: Sequence[str]) -> Optional[int]:
    """Where a site's name (one of ``names``, found in the page's header) starts when ``line`` ends
    with it after a separator or a space, leaving a headline of ``MIN_TAILED_HEADLINE_CHARS``; else None."""
    m = _HEADLINE_SITE_TAIL.search(line)
    if m is not None and m.group(1) in names and m.start() >= MIN_TAILED_HEADLINE_CHARS:
        return m.start()
    return None


MIN_LATIN_PARAGRAPHS = 2  # paragraphs without a Han character that make a page a Latin-script page
MAX_FOREIGN_NAME_CHARS = 20


def drop_foreign_script_names(page: PageState) -> None:
    """On a page written in Latin script (``MIN_LATIN_PARAGRAPHS`` paragraphs, no Han character in
    any paragraph), a short line in Han script that is a business's or a site's name (brand +
    commercial head: ``某某彩票网``, ``某某国际娱乐``) is foreign to the page by its script: it goes,
    evidence ``foreign_script_name``.  A Han line with anything else (a quoted title, a name
    without a commercial head) stays."""
    if page.lexicon is None:
        return
    kept = page.kept_indices()
    latin = [i for i in kept if is_paragraph(page.lines[i]) and not _CJK_CHAR.search(page.lines[i])]
    if len(latin) < MIN_LATIN_PARAGRAPHS or any(is_paragraph(page.lines[i]) and _CJK_CHAR.search(page.lines[i])
                                                for i in kept):
        return
    for i in kept:
        line = page.lines[i].strip()
        if not (3 <= len(line) <= MAX_FOREIGN_NAME_CHARS) or not _PURE_CHUNK.match(line) or not _mostly_chinese(line):
            continue
        words = page.lexicon.tagged(line)
        head = commercial_head(line, words, page.lexicon.zipf)
        if head is None or len(line) - len(head[0]) < 2 or holds_grammar_word(words):
            continue
        if SHORT_TOKEN.match(line):
            page.vocab.add(line)
        page.remove_line(i, Reason.KEYWORD_STUFFING, {"detector": "foreign_script_name", "head": head[0],
                                                      "kind": head[1]})


# --------------------------------------------------------------------------- strung separators

# A site-group template strings its items (places, keywords, keywords and fragments) with a mark
# of its own choosing: 〓, ◆, *, ~, >, ❤ ...  Any character that is no word character and no mark
# of prose, repeated as the one separator of a line's items, separates them like ``丨`` does.
_PROSE_MARKS = ",，。.!！?？;；:：、\"“”‘’'()（）《》〈〉<>【】\\[\\]{}「」『』…%‰&$￥¥°℃@#·・•'\\-—–/|｜_+丨"
_STRUNG_CANDIDATE = re.compile(rf"[^\w\s{_PROSE_MARKS}]")
_STRUNG_ARROW = re.compile(r"\s>\s")  # A > B > C: a breadcrumb's or a list's arrow between spaces
_STRUNG_CATEGORIES = ("So", "Sm", "Sk", "Po")  # symbols and other punctuation; not private-use layout glyphs
STRUNG_MIN_SEPARATORS = 3  # a line of four items or more
MAX_STRUNG_ITEM_CHARS = 40


@functools.lru_cache(maxsize=8192)
def strung_separator(line: str) -> Optional[str]:
    """The mark a template strings the items of ``line`` with (``A〓B〓C〓D``, ``A ◆ B ◆ C ◆ D``,
    ``A > B > C > D``), else None: the most frequent character that is neither a word character nor
    a mark of prose, written at least ``STRUNG_MIN_SEPARATORS`` times, with an item of at most
    ``MAX_STRUNG_ITEM_CHARS`` characters before, between and after (a rating's ``★★★★`` strings
    nothing)."""
    candidates = Counter(c for c in _STRUNG_CANDIDATE.findall(line) if unicodedata.category(c) in _STRUNG_CATEGORIES)
    if len(_STRUNG_ARROW.findall(line)) >= STRUNG_MIN_SEPARATORS:
        candidates[">"] = line.count(">")
    if not candidates:
        return None
    mark, count = min(candidates.items(), key=lambda kv: (-kv[1], kv[0]))
    if count < STRUNG_MIN_SEPARATORS:
        return None
    items = [item.strip() for item in line.split(mark)]
    if any(not item or len(item) > MAX_STRUNG_ITEM_CHARS for item in items):
        return None
    return mark


def plain_separators(line: str, replacement: str = " ") -> str:
    """``line`` with its template's own separator (:func:`strung_separator`) written as
    ``replacement`` (a space, or ``丨`` where a space would join items)."""
    mark = strung_separator(line) if " > " in line or _STRUNG_CANDIDATE.search(line) else None
    return line if mark is None else line.replace(mark, replacement)


# --------------------------------------------------------------------------- place lists


@dataclass(frozen=True)
class PlaceTokens:
    """The tokens of a line that looks like a place list."""

    tokens: Tuple[str, ...]
    places: Tuple[str, ...]
    others: Tuple[str, ...]


def place_list_tokens(line: str, gazetteer: Gazetteer) -> Optional[PlaceTokens]:
    """The tokens of ``line`` if it is made mostly of place names and addresses
    with (almost) no sentence punctuation, joined by ``|``, ``丨``, ``·``, ``、``,
    ``;``, spaces, commas or nothing, after an optional short label (``本地分站:``);
    else None.  A template's own separator (:func:`strung_separator`: 〓, *, ``>``) counts as ``丨``."""
    if len(line) < 6:
        return None
    if not _CJK_CHAR.search(line):
        return None  # every name and place suffix of the gazetteer is written in Han characters
    line = plain_separators(line, "丨")
    # cheap tests first: a paragraph has more sentence ends than a list allows
    ends = line.count("。") + line.count("?") + line.count("!")
    separators = _count_separators(line)
    if ends > (separators + 1) // 10:
        return None
    label = _LIST_LABEL.match(line)
    # a semicolon between names separates them; a label's colon (服务区域:) introduces them
    punctuation = len(SENTENCE_PUNCTUATION.findall(line)) - line.count(";") - (1 if label else 0)
    if separators >= 2 and punctuation > (separators + 1) // 10:
        return None
    # hyphens, plus signs and stars string names only on a line without commas or sentence ends:
    # in prose they join a route or a range (建设路-解放路, 3-5年)
    splitter = PROSE_ITEM_SEPARATORS if ends or "," in line else ITEM_SEPARATORS
    tokens = [t for t in splitter.split(line[label.end():] if label else line) if t]
    if label and len(tokens) >= PLACE_LIST_MIN_TOKENS:
        tokens.insert(0, label.group(1))
    if len(tokens) == 1:
        run = tokens[0]
        if len(run) < 12 or len(_CJK_CHAR.findall(run)) != len(run):
            return None
        names, covered = gazetteer.segment(run)
        if len(names) >= CONCATENATED_MIN_NAMES and covered >= CONCATENATED_MIN_COVER * len(run):
            return PlaceTokens(tuple(names), tuple(names), ())
        # towns and streets glued among the divisions: cut after each suffix (浦北县石渠县长安街道...)
        pieces = gazetteer.segment_by_suffix(run)
        names = [p for p in pieces if gazetteer.is_strong_place(p)]
        if (len(names) >= CONCATENATED_MIN_NAMES
                and sum(len(p) for p in names) >= CONCATENATED_MIN_COVER * len(run)):
            return PlaceTokens(tuple(names), tuple(names), ())
        return None
    if len(tokens) < PLACE_LIST_MIN_TOKENS:
        return None
    if punctuation > len(tokens) // 10 or any(len(t) > MAX_PLACE_ITEM_CHARS for t in tokens):
        return None  # a clause among the items: prose that enumerates (a route 长江南路-何家湾路-...)
    places, others = [], []
    max_others = len(tokens) * (1 - PLACE_LIST_MIN_SHARE)
    is_place = gazetteer.is_place
    for token in tokens:
        if is_place(token):
            places.append(token)
        else:
            others.append(token)
            if len(others) > max_others:
                return None  # too few places already
    return PlaceTokens(tuple(tokens), tuple(places), tuple(others))


def _count_separators(line: str) -> int:
    return len(_SEPARATOR_CHAR.findall(line))


_SEPARATOR_CHAR = re.compile(r"[ |、,;/_｜·・•丨\-+☆★]")
PROSE_ITEM_SEPARATORS = re.compile(r"[\s|｜、,;/_·・•丨]+")  # ITEM_SEPARATORS but the marks that also join words


# A short label before a list on the same line (服务区域:A县丨B区, 本地分站:A市、B区): it
# counts as one token that is not a place.
_LIST_LABEL = re.compile(rf"^([{HAN}A-Za-z0-9]{{2,10}}):(?=\S)")


def is_coherent_place_list(names: Sequence[str], gazetteer: Gazetteer) -> bool:
    """True for a list an author would write: no name twice, mostly real
    divisions, and either mostly provinces and prefecture-level cities or mostly
    within one province.  Spam lists are sampled across the whole country's
    counties, towns and streets, with repeats."""
    if not names or len(set(names)) < len(names):
        return False
    resolved = [gazetteer.lookup(n) for n in names]
    known = [r for r in resolved if r]
    if len(known) < 0.7 * len(names):
        return False
    high_rank = sum(1 for r in known if any(d.rank <= 1 for d in r))
    if high_rank >= 0.8 * len(known):
        return True
    provinces: Counter = Counter()
    for r in known:
        provinces.update({d.province for d in r})
    return provinces.most_common(1)[0][1] >= 0.7 * len(known)


def drop_place_lists(page: PageState) -> None:
    """Runs of lines made of place names go when they are long (``PLACE_LIST_ALWAYS``
    names) or scattered (``PLACE_LIST_MIN_INCOHERENT`` names that do not
    form a list an author would write).  A list introduced by a line ending
    in a colon is the article's own, unless it is very long."""
    gaz = page.gazetteer
    n = len(page.lines)
    first, last = article_span(page)
    i = 0
    while i < n:
        found = page.place_tokens(i) if page.kept(i) else None
        if found is None:
            i += 1
            continue
        block = [(i, found)]
        j = i + 1
        while j < n:
            if not page.kept(j):
                j += 1
                continue
            nxt = page.place_tokens(j)
            if nxt is None:
                break
            block.append((j, nxt))
            j += 1
        names = [p for _k, f in block for p in f.places]
        intro = _previous_kept(page, i)
        introduced = intro is not None and page.lines[intro].endswith(":")
        inside = first < i and block[-1][0] < last
        # names strung by a symbol (济宁市╋任城区╋兖州区, A市☆B县) are a template's subsite or
        # service-area line however coherent: an author lists places with 、 and commas (a table's
        # cells, between its borders, are the article's)
        strung = all(not page.tables()[k] and len(_STRINGING_SYMBOL.findall(page.lines[k])) >= MIN_STRUNG_SYMBOLS
                     for k, _f in block)
        min_names = PLACE_LIST_MIN_INCOHERENT_INSIDE if inside and not strung else PLACE_LIST_MIN_INCOHERENT
        if len(names) >= PLACE_LIST_ALWAYS or (
                len(names) >= min_names and not introduced
                and (strung or not is_coherent_place_list(names, gaz))):
            for k, f in block:
                if (not strung and len(block) > 1 and len(f.places) < PLACE_LIST_ALWAYS and not f.others
                        and is_coherent_place_list(f.places, gaz)):
                    continue  # the article's own list, next to a spam list
                for other in f.others:
                    if SHORT_TOKEN.match(other):
                        page.vocab.add(other)
                page.remove_line(k, Reason.PLACE_LIST)
        i = j


MIN_ADDRESS_LINES = 3  # lines of street addresses in a run (a business names its one address once)
MIN_ADDRESS_DIVISIONS = 3  # distinct divisions the run's addresses are in
_ADDRESS_LABEL = re.compile(rf"^([{HAN}]{{2,8}}):")


def address_item(line: str, gazetteer: Gazetteer) -> Optional[Tuple[str, str]]:
    """``(label, division)`` when the line is one street address, alone or after a short label
    (``门店地址:临江市滨河大道18号``; the label is ``""`` when there is none), else None."""
    if len(line) > 50 or not line.endswith("号"):
        return None
    label = _ADDRESS_LABEL.match(line)
    division = gazetteer.street_address(line[label.end():].strip() if label else line)
    if division is None:
        return None
    return (label.group(1) if label else ""), division


def drop_address_lists(page: PageState) -> None:
    """A run of ``MIN_ADDRESS_LINES`` or more lines that are each one street address under the
    same label (or none), in ``MIN_ADDRESS_DIVISIONS`` or more divisions: a site-group template's
    list of "branches" across the country.  Between article paragraphs the divisions must also be
    incoherent (:func:`is_coherent_place_list`: an author lists a chain's shops in one province); a
    run introduced by a line ending in a colon is the article's own."""
    first, last = article_span(page)
    items = [address_item(page.lines[i], page.gazetteer) if page.kept(i) else None
             for i in range(len(page.lines))]
    i, n = 0, len(page.lines)
    while i < n:
        if items[i] is None:
            i += 1
            continue
        j = i
        while j + 1 < n and items[j + 1] is not None and items[j + 1][0] == items[i][0]:
            j += 1
        run = list(range(i, j + 1))
        divisions = [items[k][1] for k in run]
        intro = _previous_kept(page, i)
        introduced = intro is not None and page.lines[intro].endswith(":")
        inside = first < i and j < last
        if (len(run) >= MIN_ADDRESS_LINES and len(set(divisions)) >= MIN_ADDRESS_DIVISIONS and not introduced
                and not (inside and is_coherent_place_list(divisions, page.gazetteer))):
            evidence = {"detector": "address_list", "lines": len(run), "label": items[i][0],
                        "divisions": divisions[:12]}
            for k in run:
                page.remove_line(k, Reason.PLACE_LIST, evidence)
        i = j + 1
    drop_glued_address_lines(page, first, last)


# One address alone on its line, perhaps after a label ending in 地址 (总部地址:, 门店地址:): the
# address, a house number, a floor perhaps and a landmark in brackets (``(近地铁站)``).
_LABELLED_ADDRESS = re.compile(
    rf"^(?:([{HAN}]{{0,6}}(?:地址|地点|总部|门店|网点)):\s*)?"
    rf"([{HAN}0-9]{{4,40}}?\d{{1,5}}号)(?:\d{{1,3}}(?:楼|层|室|座))?(?:\([^()]{{1,12}}\))?$")
MIN_ADDRESS_RUN = 2  # labelled addresses in a run, one of them a false address, that go together


@dataclass(frozen=True)
class AddressLine:
    """A line that is one address (:func:`address_line`): its label, its chain of divisions and
    the pair of the chain that does not nest (None when it does, or cannot be judged)."""

    label: str
    divisions: Tuple[str, ...]
    mismatch: Optional[Tuple[str, str]]
    nameless_street: bool = False  # :func:`nameless_street`

    @property
    def false(self) -> bool:
        return self.mismatch is not None or self.nameless_street


def address_line(line: str, gazetteer: Gazetteer) -> Optional[AddressLine]:
    """The :class:`AddressLine` when ``line`` is one address opening with a chain of divisions
    (``总部地址:某某市某某县某某乡33号13楼``), else None."""
    if len(line) > 70 or "号" not in line:
        return None
    m = _LABELLED_ADDRESS.match(line.strip())
    if m is None:
        return None
    pieces, _end = gazetteer.division_chain(m.group(2))
    if not pieces:
        return None
    return AddressLine(m.group(1) or "", tuple(pieces), gazetteer.chain_mismatch(pieces),
                       nameless_street(m.group(2), gazetteer))


def drop_false_addresses(page: PageState) -> None:
    """A line that is one address whose divisions do not nest (:meth:`Gazetteer.chain_mismatch`: a
    city and a county of another province, ``某市`` + ``隆尧县``) or whose street has no name
    (:func:`nameless_street`) is a template's made-up "branch":
    no business writes an address that cannot be delivered to.  It goes, evidence
    ``false_address`` with the pair, and so do the address lines run next to it
    (``MIN_ADDRESS_RUN`` or more, labels alike or not), whose divisions cpca may not hold.  An
    address whose divisions nest (a real office's) stays, and so does an address inside a sentence."""
    kept = page.kept_indices()
    found = {i: address_line(page.lines[i], page.gazetteer) for i in kept}
    k = 0
    while k < len(kept):
        if found[kept[k]] is None:
            k += 1
            continue
        j = k
        while j + 1 < len(kept) and found[kept[j + 1]] is not None:
            j += 1
        run = [kept[x] for x in range(k, j + 1)]
        false = [i for i in run if found[i].false]
        if false:
            for i in run:
                item = found[i]
                if not item.false and len(run) < MIN_ADDRESS_RUN:
                    continue
                evidence = {"detector": "false_address", "label": item.label, "divisions": list(item.divisions),
                            "mismatch": list(item.mismatch) if item.mismatch else None,
                            "nameless_street": item.nameless_street,
                            "run": len(run), "false_in_run": len(false)}
                page.remove_line(i, Reason.PLACE_LIST, evidence)
        k = j + 1


# A telephone number as a business prints it: a mobile number, a number with its area code, a 400/800
# service number.
PHONE_NUMBER = re.compile(r"^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|[48]00-?\d{3}-?\d{4})$")
_CONTACT_ITEM = re.compile(rf"^([{HAN}]{{2,6}}):\s*(\S+)$")
_CONTACT_SPLIT = re.compile(r"\s{2,}|\s+(?=[%s]{2,6}:)" % HAN)


def contact_line(line: str, gazetteer: Gazetteer) -> Optional[Dict[str, object]]:
    """Evidence when ``line`` is a business's contact card and nothing else: labelled items only
    (``门店地址:某某县某某街264号  咨询热线:180...``), one a street address opening with a division's
    name and one a telephone number; else None."""
    if len(line) > 90 or "号" not in line or ":" not in line:
        return None
    items = [x.strip() for x in _CONTACT_SPLIT.split(line.strip()) if x.strip()]
    if len(items) < 2:
        return None
    address = phone = None
    for item in items:
        m = _CONTACT_ITEM.match(item)
        if m is None:
            return None
        value = m.group(2)
        if PHONE_NUMBER.match(value):
            phone = value
        elif value.endswith("号") and (gazetteer.division_chain(value)[0] or gazetteer.leading_place(value)):
            address = value
    if address is None or phone is None:
        return None
    return {"detector": "contact_line", "items": len(items), "address": address}


def drop_contact_lines(page: PageState) -> None:
    """On a page that has shown spam, a line that is a contact card (:func:`contact_line`): the
    hijacker's made-up "branch" printed into the article.  A page without other spam keeps its
    address and number (an event's organiser, a shop a report is about)."""
    if not page.spam_evidence:
        return
    for i in page.kept_indices():
        found = contact_line(page.lines[i], page.gazetteer)
        if found is not None:
            page.remove_line(i, Reason.PLACE_LIST, found)


def glued_address_line(line: str, gazetteer: Gazetteer) -> Optional[Tuple[str, List[str]]]:
    """``(label, places)`` when ``line`` is addresses glued without separators, each a place and a
    house number, perhaps after a short label (``门店地址:某某县11号某某镇12号某某区13号``), in
    ``MIN_ADDRESS_DIVISIONS`` places or more; else None.  A business writes its one address with
    one house number; several numbers glued one after the other are a template's list of "branches"."""
    if len(line) > 200 or not line.endswith("号"):
        return None
    label = _ADDRESS_LABEL.match(line)
    places = gazetteer.glued_addresses(line[label.end():].strip() if label else line)
    if len(set(places)) < MIN_ADDRESS_DIVISIONS:
        return None
    return (label.group(1) if label else ""), places


MIN_SEPARATED_ADDRESSES = 3  # street addresses strung on one line
MIN_SEPARATED_ADDRESS_PLACES = 2  # distinct places (written with their suffix) they open with
MAX_ADDRESS_ITEM_CHARS = 32
_ADDRESS_ITEMS = re.compile(r"\s*[;、|｜丨/,]\s*|\s+")


def separated_address_line(line: str, gazetteer: Gazetteer) -> Optional[Tuple[str, List[str]]]:
    """``(label, places)`` when ``line`` strings ``MIN_SEPARATED_ADDRESSES`` or more street
    addresses between separators (``;``, ``、``, ``|``, spaces, a template's own mark), perhaps after
    a short label (``门店地址:某某县路12号;某某镇大道3号;某某市街45号``): every item a street and a
    house number, two thirds of them opening with a place written with its suffix
    (:meth:`Gazetteer.address_place`), in ``MIN_SEPARATED_ADDRESS_PLACES`` places or more, and the
    places incoherent (:func:`is_coherent_place_list`: a chain's shops in one province, or offices in
    a few large cities, are a business's own).  A business writes its one address; a template strings
    the "branches" it samples across the country."""
    if len(line) > 400 or not line.endswith("号"):
        return None
    label = _ADDRESS_LABEL.match(line)
    rest = plain_separators(line[label.end():] if label else line)
    items = [item for item in _ADDRESS_ITEMS.split(rest.strip()) if item]
    if len(items) < MIN_SEPARATED_ADDRESSES or any(
            len(item) > MAX_ADDRESS_ITEM_CHARS or not item.endswith("号") for item in items):
        return None
    places = [gazetteer.address_place(item) for item in items]
    found = [p for p in places if p is not None]
    if len(found) * 3 < 2 * len(items) or len(set(found)) < MIN_SEPARATED_ADDRESS_PLACES:
        return None
    if any(p is None and not gazetteer.is_street_address(item) for p, item in zip(places, items)):
        return None
    nameless = sum(1 for item in items if nameless_street(item, gazetteer))
    if 2 * nameless <= len(items) and is_coherent_place_list(sorted(set(found)), gazetteer):
        return None
    return (label.group(1) if label else ""), found


_NAMELESS_STREET = re.compile(r"(?:大道|路|街|巷|弄)\d{1,5}号")


def nameless_street(address: str, gazetteer: Gazetteer) -> bool:
    """Whether an address puts the street word right after its divisions, with no street name
    (``某某市路757号``, ``某某市大道2号``): a template fills a pattern of division + street word +
    number; no street is named 路."""
    pieces, end = gazetteer.division_chain(address)
    return bool(pieces) and bool(_NAMELESS_STREET.match(address, end))


def drop_glued_address_lines(page: PageState, first: int, last: int) -> None:
    """A line of addresses glued one after the other (:func:`glued_address_line`); between article
    paragraphs only when the places are incoherent (:func:`is_coherent_place_list`).  A line of
    addresses strung between separators (:func:`separated_address_line`)."""
    for i in page.kept_indices():
        line = page.lines[i]
        if not line.endswith("号"):
            continue
        separated = separated_address_line(line, page.gazetteer)
        if separated is not None:
            page.remove_line(i, Reason.PLACE_LIST, {"detector": "separated_addresses", "label": separated[0],
                                                    "places": separated[1][:12]})
            continue
        found = glued_address_line(line, page.gazetteer)
        if found is None or (first < i < last and is_coherent_place_list(found[1], page.gazetteer)):
            continue
        page.remove_line(i, Reason.PLACE_LIST, {"detector": "glued_addresses", "label": found[0],
                                                "places": found[1][:12]})


def _previous_kept(page: PageState, i: int) -> Optional[int]:
    for k in range(i - 1, -1, -1):
        if page.kept(k):
            return k
    return None


# --------------------------------------------------------------------------- keyword stuffing


MAX_TABLE_CELL_CHARS = 40
_CLAUSE_END_MARK = re.compile(r"[。!?]")


MIN_LATIN_PROSE_WORDS = 6
LATIN_PROSE_SHARE = 0.8  # this share of words (letters, no digits) makes a Latin line prose
_LATIN_WORD = re.compile(r"^[(\"“‘']?[A-Za-z][A-Za-z'’-]*[.,;:!?)\"”’]*$")
# The chunks of a line (between TOKEN_SEPARATORS) that are a _LATIN_WORD, found in one scan.
_LATIN_WORD_CHUNK = re.compile(r"(?<![^\s|｜_])[(\"“‘']?[A-Za-z][A-Za-z'’-]*[.,;:!?)\"”’]*(?![^\s|｜_])")


def _cell_count(line: str) -> int:
    if not (" " in line or "|" in line or "_" in line or "｜" in line):
        return 1
    chunks = [c for c in TOKEN_SEPARATORS.split(line) if c]
    # a clause end in a chunk is one in the line (the separators are none); the longest chunk's length
    if _CLAUSE_END_MARK.search(line) or max(map(len, chunks), default=0) > MAX_TABLE_CELL_CHARS:
        return 0  # prose, not a row
    if (len(chunks) >= MIN_LATIN_PROSE_WORDS and not _CJK_CHAR.search(line)
            and len(_LATIN_WORD_CHUNK.findall(line)) >= LATIN_PROSE_SHARE * len(chunks)):
        return 0  # a Latin sentence split at its spaces (a step of a how-to), not a row
    return len(chunks)


def table_lines(lines: Sequence[str]) -> List[bool]:
    """Lines that belong to a table: two or more consecutive lines with the
    same number of cells (two or more), numbers in at least one of them.  A
    paragraph with a few spaces in it (an English name inside Chinese prose) is
    no row: a row's cells are short."""
    cells = [_cell_count(line) for line in lines]
    digits = [bool(_DIGIT.search(line)) for line in lines]
    flags = [False] * len(lines)
    i = 0
    while i < len(lines):
        j = i
        while j + 1 < len(lines) and cells[j + 1] == cells[i]:
            j += 1
        if j > i and cells[i] >= 2 and any(digits[i:j + 1]):
            for k in range(i, j + 1):
                flags[k] = True
        i = j + 1
    return flags


_KEYWORD_SEPARATOR_CHARS = " |_｜丨/+☆★"


def _is_verse(tokens: Sequence[str]) -> bool:
    """Lines of a poem: every token five or seven characters long (五言, 七言).
    Four-character tokens are not taken as verse: spam keywords are often four
    characters, and a four-character stanza has fewer tokens than a stuffing line needs."""
    return len({len(t) for t in tokens}) == 1 and len(tokens[0]) in (5, 7)


def stuffing_tokens(line: str, known: Callable[[str], bool], *, is_place: Optional[Callable[[str], bool]] = None,
                    evidence: bool = False, in_table: bool = False,
                    is_commercial: Optional[Callable[[str], bool]] = None,
                    is_town: Optional[Callable[[str], bool]] = None,
                    is_clause: Optional[Callable[[str], bool]] = None) -> Optional[List[str]]:
    """The short tokens of ``line`` if keyword stuffing dominates it, else None.

    Chunks are split at spaces, ``|`` and ``_``.  A *short token* is 2-12
    characters with no punctuation and at least one CJK character; a
    *sentence* is a chunk with punctuation or longer.  Stuffing dominates when

    * short tokens are strung between pasted sentences: at least as many tokens
      as sentences, and ``STUFFING_MIN_INTERLEAVED`` of them or one known spam word;
    * or the line is only short tokens, two of them known spam words;
    * or the line is only short tokens, ``STUFFING_MIN_TOKENS`` of them, with
      support: a known spam word, other spam on the page (``evidence``), place
      names (``is_place``: the gazetteer's divisions) mixed with other words,
      ``STUFFING_MIN_UNSUPPORTED`` tokens, or a place or town (``is_town``) mixed
      with a commercial name (``is_commercial``: brand + commercial head).  An
      unsupported short run (an ingredient list, tags) stays.

    Tables, verse and labelled lists (``主演: A B C``) are not stuffing, nor
    prose written with spaces between its clauses (a forum or microblog post):
    when at least half of the short tokens are clauses (``is_clause``: they
    hold a grammatical word) and none is a known spam word or a commercial name.
    ``known(token)`` says whether a token is already known spam vocabulary.
    """
    if in_table or _CJK_CHAR.search(line) is None:  # every short token holds a Han character
        return None
    if not _SENTENCE_END_ANYWHERE.search(line):  # a template's own separator strings keywords, not prose
        line = plain_separators(line)
    if sum(line.count(c) for c in _KEYWORD_SEPARATOR_CHARS) < 2:
        return None
    # 丨 / + ☆ string keywords on a line of keywords only; in prose they mark other things
    # (记者/某某, 3+2), so a line with a sentence on it is split at spaces, | and _ only
    chunks = [c for c in _KEYWORD_SEPARATORS.split(line) if c]
    if not all(SHORT_TOKEN.match(c) for c in chunks):
        chunks = [c for c in TOKEN_SEPARATORS.split(line) if c]
    if len(chunks) < 3:
        return None
    short = [c for c in chunks if SHORT_TOKEN.match(c)]
    if len(short) < 3:
        return None
    n_known = sum(1 for c in short if known(c))
    if chunks[0].endswith(":") and n_known < 2:
        return None  # a labelled list: 主演: A B C
    if (is_clause is not None and not n_known and 2 * sum(1 for c in short if is_clause(c)) >= len(short)
            and not (is_commercial is not None and any(is_commercial(c) for c in short))):
        return None  # prose with spaces between its clauses
    sentences = [c for c in chunks if not SHORT_TOKEN.match(c) and _CJK_CHAR.search(c)
                 and (SENTENCE_PUNCTUATION.search(c) or len(c) > 12 or "," in c)]
    if sentences:
        if len(short) >= len(sentences) and (len(short) >= STUFFING_MIN_INTERLEAVED or n_known >= 1):
            return short
        return None
    if n_known >= 2:
        return short
    if (is_commercial is not None and len(short) >= 0.8 * len(chunks)
            and 2 * sum(1 for c in short if is_commercial(c)) >= len(short) >= MIN_COMMERCIAL_LIST_NAMES):
        return short  # a list of business names (A医院丨B彩票网丨C维修)
    if _is_verse(short) or len(short) < STUFFING_MIN_TOKENS or len(short) < 0.8 * len(chunks):
        return None
    places = sum(1 for c in short if is_place(c)) if is_place else 0
    if (n_known or evidence or len(short) >= STUFFING_MIN_UNSUPPORTED
            or (places >= 1 and len(short) - places >= 2)):
        return short
    # place names and commercial names (a brand + 维修, 医院, 之家...) strung together
    if is_commercial is not None and is_town is not None:
        towns = [c for c in short if is_town(c)]
        if towns and any(is_commercial(c) for c in short if c not in towns):
            return short
    return None


# Stuffing lines that string keywords with chunks cut out of other articles' sentences, often
# mid-word, between commas or spaces (no sentence end on the line).
FRAGMENT_MIN_CHUNKS = 4
FRAGMENT_MIN_FRAGMENTS = 2
FRAGMENT_MIN_SHARE = 0.5  # keywords and fragments among the chunks
_FRAGMENT_SEPARATORS = re.compile(r"[\s|｜_,，;；、]+")
_SENTENCE_END_ANYWHERE = re.compile(r"[。!?！？]")
# A clause never opens with a structural or aspect particle (的 地 得 了 着 过 之): such a chunk
# was cut out of a sentence.  A clause never ends in a conjunction or preposition (和 及 与 把 被).
_OPENING_PARTICLE_TAGS = ("u",)
_CLOSING_GOVERNING_TAGS = ("c", "p")
_OPEN_WORD_TAGS = ("n", "a", "g")  # a lone noun, adjective or bound morpheme at a cut edge
_PERSON_TAGS = ("nr",)  # a lone character beside a person's name is part of the name (叫周榆棍)
_PURE_CHUNK = re.compile(rf"^[{HAN}A-Za-z0-9%]+$")
MIN_REPEATED_KEYWORD_CHARS = 4  # a chunk the line repeats is a keyword (a name written twice is shorter)
MAX_IMPURE_SHARE = 0.2  # chunks with other marks (@names, #tags#, brackets, colons): a post, not stuffing


def _bound_morpheme(tag: str) -> bool:
    """jieba's tags of bound morphemes (tg, ng, vg, ag, zg, g ...): a character that is not a word alone."""
    return tag.endswith("g")


MIN_CHINESE_SHARE = 0.6  # an English sentence with Chinese keywords after it is judged by the tail rules


def _mostly_chinese(line: str) -> bool:
    if _CJK_CHAR.search(line) is None:
        return False
    chars = len(line) - len(_WHITESPACE.findall(line))
    return chars > 0 and len(_CJK_CHAR.findall(line)) >= MIN_CHINESE_SHARE * chars


_WHITESPACE = re.compile(r"\s")


def broken_edges(words: Sequence[Tuple[str, str]]) -> List[str]:
    """Which edges (``"start"``, ``"end"``) of a chunk's jieba words are broken: the chunk was cut
    out of a longer sentence, mid-word or mid-phrase.  A start is broken when the chunk opens with a
    particle (的, 了, 之), a bound morpheme (现/tg) or a lone noun or adjective character before a
    longer word (旗活动, 好国有企业); an end when it closes with a conjunction or preposition
    (查处和), a bound morpheme, or a lone noun or adjective character after a longer word
    (领导班).  A chunk of one character is broken at both edges."""
    if not words:
        return []
    if len(words) == 1 and len(words[0][0]) == 1:
        return ["start", "end"] if _bound_morpheme(words[0][1]) else []
    if not any(len(w) >= 2 and _CJK_CHAR.match(w) for w, _t in words):
        return []  # characters jieba cannot join into any word: a name (洪景仁), not a cut sentence
    out = []
    first, first_tag = words[0]
    if (first_tag.startswith(_OPENING_PARTICLE_TAGS) or (len(first) == 1 and _CJK_CHAR.match(first) and (
            _bound_morpheme(first_tag) or (first_tag.startswith(_OPEN_WORD_TAGS) and first not in FUNCTION_CHARS
                                           and len(words[1][0]) >= 2 and not words[1][1].startswith(_PERSON_TAGS))))):
        out.append("start")
    last, last_tag = words[-1]
    if len(last) == 1 and _CJK_CHAR.match(last):
        before, before_tag = words[-2]
        lone = last not in FUNCTION_CHARS and not before_tag.startswith(_PERSON_TAGS)
        if ((last_tag.startswith(_CLOSING_GOVERNING_TAGS) and before not in ("不", "没"))  # 对不对 is whole
                or _bound_morpheme(last_tag)
                or (lone and len(before) >= 2 and not before_tag.startswith("u")
                    and last_tag.startswith(_OPEN_WORD_TAGS + (("q",) if before_tag.startswith("n") else ())))
                or (lone and len(before) == 1 and before not in FUNCTION_CHARS and _CJK_CHAR.match(before)
                    and last_tag.startswith(_OPEN_WORD_TAGS + ("v",)) and before_tag.startswith(("n", "g")))):
            out.append("end")
    return out


MAX_NAME_TAIL_CHARS = 4  # 洪雅开锁电话, 金堂医院哪家好: a commercial name and a short tail
MAX_NAME_PREFIX_CHARS = 10


def commercial_prefix_name(chunk: str, lex: Lexicon) -> bool:
    """Whether a chunk is or opens with a commercial name (brand + head) that ends on one of its
    jieba word boundaries, followed by at most ``MAX_NAME_TAIL_CHARS`` characters; the brand holds
    no grammatical word and does not open with a verb (请速回某某医院 is a clause)."""
    words = lex.tagged(chunk)
    pos = 0
    for k, (w, _t) in enumerate(words):
        pos += len(w)
        if 3 <= pos <= MAX_NAME_PREFIX_CHARS and len(chunk) - pos <= MAX_NAME_TAIL_CHARS:
            head = commercial_head(chunk[:pos], words[:k + 1], lex.zipf)
            if head is None:
                continue
            brand = _words_within(words, pos - len(head[0]))
            if brand and not holds_grammar_word(brand) and not brand[0][1].startswith("v"):
                return True
    return False


def fragment_stuffing(line: str, tagged: Callable[[str], Sequence[Tuple[str, str]]], *,
                      is_keyword: Callable[[str], bool]) -> Optional[Dict[str, object]]:
    """Evidence when ``line`` strings keywords with fragments of foreign sentences, else None.

    The line (no sentence end on it) is split into chunks at spaces, ``|``, ``_``, commas,
    semicolons and ``、``.  Each chunk is a *fragment* (``broken_edges``: cut out of a sentence),
    a *keyword* (a commercial name, a place, known spam vocabulary: ``is_keyword``; or a bare noun
    phrase) or a *clause*.  Stuffing: ``FRAGMENT_MIN_CHUNKS`` chunks or more, at least
    ``FRAGMENT_MIN_FRAGMENTS`` fragments and one keyword of the first kind, and keywords and
    fragments make ``FRAGMENT_MIN_SHARE`` of the chunks.  A post or a list whose chunks are whole
    clauses or plain nouns has no broken edges and stays."""
    if len(line) > 400 or _SENTENCE_END_ANYWHERE.search(line) or not _mostly_chinese(line):
        return None
    line = plain_separators(line)
    chunks = [c for c in _FRAGMENT_SEPARATORS.split(line) if _CJK_CHAR.search(c)]  # numbers alone are neither
    if len(chunks) < FRAGMENT_MIN_CHUNKS:
        return None
    impure = sum(1 for c in chunks if not _PURE_CHUNK.match(c))
    if impure > MAX_IMPURE_SHARE * len(chunks):
        return None
    repeated = {c for c, n in Counter(chunks).items() if n > 1}
    keywords: List[str] = []
    fragments: List[str] = []
    strong = 0
    for chunk in chunks:
        if not _PURE_CHUNK.match(chunk):
            continue  # counts as a clause
        words = tagged(chunk)
        if (chunk in repeated and len(chunk) >= MIN_REPEATED_KEYWORD_CHARS and not holds_grammar_word(words)
                or is_keyword(chunk)):
            keywords.append(chunk)
            strong += 1
        elif broken_edges(words):
            fragments.append(chunk)
        elif is_bare_noun_phrase(words):
            keywords.append(chunk)
    if (not strong or len(fragments) < FRAGMENT_MIN_FRAGMENTS
            or len(keywords) + len(fragments) < FRAGMENT_MIN_SHARE * len(chunks)):
        return None
    return {"detector": "fragment_stuffing", "chunks": len(chunks), "keywords": keywords[:12],
            "fragments": fragments[:12]}


STRUNG_MIN_KEYWORDS = 2
STRUNG_MIN_TEXTS = 2


def strung_keyword_fragments(line: str, lex: Lexicon, gazetteer: Gazetteer, *,
                             is_keyword: Callable[[str], bool],
                             is_name: Optional[Callable[[str], bool]] = None) -> Optional[Dict[str, object]]:
    """Evidence when a template's own separator (:func:`strung_separator`) strings keywords and
    pieces of other texts in turn (``某地空调维修◆有关人士认为,大盘短◆某某维修中心◆本节还有``), else
    None.  The items alternate strictly: a *keyword* (``is_keyword``, a commercial name, or a
    division's full name opening a bare noun phrase: ``某某县高薪招聘``) and a *text* (a clause with a
    grammatical word, a broken edge, or a comma); two keywords and two texts at least.  A list of
    features or of names strung with one mark has no such alternation."""
    if len(line) > 600 or _CJK_CHAR.search(line) is None:  # no Han: not _mostly_chinese, below
        return None
    mark = strung_separator(line) if " > " in line or _STRUNG_CANDIDATE.search(line) else None
    prose_mark = mark is None
    if prose_mark:
        line = _ELLIPSES.sub("...", line)
        mark = prose_list_separator(line)
    if mark is None or not _mostly_chinese(line):
        return None
    items = [item.strip() for item in line.split(mark)]
    items = [item for item in items if item]
    kinds: List[str] = []
    keywords: List[str] = []
    for item in items:
        words = lex.tagged(item)
        pure = bool(_PURE_CHUNK.match(item))
        if pure and (is_keyword(item) or not holds_grammar_word(words) and (
                commercial_head(item, words, lex.zipf) is not None
                or (gazetteer.leading_division(item) is not None and len(item) <= 12))
                or prose_mark and is_name is not None and len(item) <= MAX_STRUNG_NAME_CHARS and is_name(item)):
            kinds.append("keyword")
            keywords.append(item)
        elif "," in item or holds_grammar_word(words) or (pure and broken_edges(words)) or len(kinds) == len(items) - 1:
            kinds.append("text")  # the last item may be any piece of text cut short
        elif prose_mark and pure and is_bare_noun_phrase(words):
            kinds.append("noun")  # a bare noun phrase: a keyword of no closed-class head, or a heading
        else:
            return None
    if kinds.count("keyword") < STRUNG_MIN_KEYWORDS or kinds.count("text") < STRUNG_MIN_TEXTS:
        return None
    if prose_mark:
        # a mark that also writes prose strings keywords only when no two texts stand side by side
        # and a keyword of a closed-class shape opens or closes every text
        if any(a == b == "text" for a, b in zip(kinds, kinds[1:])) or kinds.count("noun") > 1:
            return None
    elif any(a == b for a, b in zip(kinds, kinds[1:])):
        return None
    return {"detector": "strung_keyword_fragments", "separator": mark, "keywords": keywords[:12],
            "items": len(items)}


ALTERNATING_MIN_ITEMS = 4
ALTERNATING_MIN_KEYWORDS = 2
ALTERNATING_MIN_TEXTS = 2
MIN_ALTERNATING_TEXT_CHARS = 4
MAX_ALTERNATING_KEYWORD_CHARS = 16
# Below county level a place is written with one of these (a town, a township, a street office, a
# village, a neighbourhood): the pieces of a site group's lists of "service areas".
TOWN_SUFFIXES = ("镇", "乡", "街道", "村", "社区", "苏木", "嘎查")
_ALTERNATING_SEPARATORS = re.compile(r"\s*(?:\.\.\.|[,;|｜])\s*|\s+")


def alternating_keywords(line: str, lex: Lexicon, gazetteer: Gazetteer, *,
                         is_keyword: Callable[[str], bool]) -> Optional[Dict[str, object]]:
    """Evidence when a line with no sentence end strings keywords between pieces of other texts,
    never two keywords side by side (``某某镇 美国某公司20日宣布 某某街道 照片中的她身穿... 某某注册送彩金``,
    ``某某镇,此次访问不仅向欧洲,某某镇,餐饮供应在后``), else None.  A *keyword* has a closed-class shape
    of its own: a commercial or betting name (brand + head, :func:`commercial_prefix_name`), a
    gambling head, a place below county level written with its suffix (``TOWN_SUFFIXES``) or a
    division's full name, or known spam vocabulary (``is_keyword``); every other item is a *text* of
    ``MIN_ALTERNATING_TEXT_CHARS`` characters or more.  ``ALTERNATING_MIN_KEYWORDS`` keywords and
    ``ALTERNATING_MIN_TEXTS`` texts at least.  An author's enumeration of places puts its names
    side by side; a heading names one place."""
    if len(line) > 400 or _SENTENCE_END_ANYWHERE.search(line) or not _mostly_chinese(line):
        return None
    items = [item for item in _ALTERNATING_SEPARATORS.split(_ELLIPSES.sub("...", line).strip()) if item]
    if len(items) < ALTERNATING_MIN_ITEMS:
        return None
    kinds: List[str] = []
    keywords: List[str] = []
    for item in items:
        if not _PURE_CHUNK.match(item.replace("、", "")):
            return None  # quotes, brackets, colons: a post or a heading, not stuffing
        if len(item) <= MAX_ALTERNATING_KEYWORD_CHARS and _is_alternating_keyword(item, lex, gazetteer, is_keyword):
            if kinds and kinds[-1] == "keyword":
                return None
            kinds.append("keyword")
            keywords.append(item)
        elif len(item) >= MIN_ALTERNATING_TEXT_CHARS:
            kinds.append("text")
        else:
            return None
    if len(keywords) < ALTERNATING_MIN_KEYWORDS or kinds.count("text") < ALTERNATING_MIN_TEXTS:
        return None
    return {"detector": "alternating_keywords", "keywords": keywords[:12], "items": len(items)}


def _is_alternating_keyword(item: str, lex: Lexicon, gazetteer: Gazetteer, is_keyword: Callable[[str], bool]) -> bool:
    if is_keyword(item) or gambling_mentions(item):
        return True
    if item.endswith(TOWN_SUFFIXES) and gazetteer.is_strong_place(item) and len(item) <= MAX_TOWN_PLACE_CHARS:
        return True
    tagged = lex.tagged(item)
    if holds_grammar_word(tagged):
        return False
    if gazetteer.is_division(item) and item[-1] in "省市县区旗盟州":
        return True
    # a name (a proper noun, a place, Latin letters or digits) and a commercial head: 某某体育app,
    # 某某镇国际app下载, 龙8开户网址; an institution named by common nouns (市第一医院) is no brand
    head = commercial_head(item, tagged, lex.zipf)
    if head is None and not commercial_prefix_name(item, lex):
        return False
    brand = item[:len(item) - len(head[0])] if head else item
    return (tagged[0][1].startswith(_BRAND_OPENING_TAGS) or bool(_TOWN_OPENING.match(item))
            or gazetteer.leading_division(item) is not None or bool(_LATIN_OR_DIGIT.search(brand)))


_BRAND_OPENING_TAGS = ("nr", "ns", "nz", "nt", "eng")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")  # 龙8, AG: a made-up brand
_TOWN_OPENING = re.compile(rf"^[{HAN}]{{1,4}}(?:镇|乡|街道)")


MAX_TOWN_PLACE_CHARS = 8


MAX_STRUNG_NAME_CHARS = 16
PROSE_LIST_MARKS = (";", "...")  # marks of prose that a template also strings items with
_ELLIPSES = re.compile(r"\.{3,}|…+")  # an ellipsis as NFKC writes it (…… is six dots), or before NFKC
MIN_PROSE_LIST_MARKS = 3
MAX_PROSE_LIST_ITEM_CHARS = 60


def prose_list_separator(line: str) -> Optional[str]:
    """A mark of prose that strings the items of a line with no sentence end on it (``A;B;C;D``,
    ``A...B...C...D``: the ellipsis as NFKC writes it), ``MIN_PROSE_LIST_MARKS`` times or more, with
    an item of at most ``MAX_PROSE_LIST_ITEM_CHARS`` characters before, between and after; else None."""
    if _SENTENCE_END_ANYWHERE.search(line):
        return None
    line = _ELLIPSES.sub("...", line)
    for mark in PROSE_LIST_MARKS:
        if line.count(mark) < MIN_PROSE_LIST_MARKS:
            continue
        items = [item.strip() for item in line.strip().strip(mark).split(mark)]  # a mark may open or close it
        if all(item and len(item) <= MAX_PROSE_LIST_ITEM_CHARS for item in items):
            return mark
    return None


GLUED_MIN_LINE_CHARS = 30
GLUED_MIN_NAMES = 2
MAX_GLUED_BRAND_CHARS = 6
_NAME_WORD_TAGS = ("nr", "ns", "nz", "eng")
_ENUMERATING = frozenset("与和及同、跟或")


def glued_commercial_names(line: str, lex: Lexicon, is_division: Callable[[str], bool]) -> List[Tuple[int, int, str]]:
    """Commercial names glued into a line without separators: a brand of name words (a division's
    name, a proper noun, Latin letters or digits; at most ``MAX_GLUED_BRAND_CHARS`` characters) and
    a commercial head, both on jieba word boundaries (彩票网 is one word of two heads)."""
    words = lex.tagged(line)
    spans, pos = [], 0
    for w, t in words:
        spans.append((pos, w, t))
        pos += len(w)
    out = []
    for k, (start, w, _t) in enumerate(spans):
        rest = w.lower()
        while rest:  # the word must be made of heads only: 彩票网 = 彩票 + 网
            for n in range(min(len(rest), 6), 0, -1):
                if rest[-n:] in COMMERCIAL_HEADS:
                    rest = rest[:-n]
                    break
            else:
                break
        if rest or k == 0:
            continue
        brand: List[Tuple[str, str]] = []
        for _p, bw, bt in reversed(spans[max(0, k - 3):k]):
            brand.insert(0, (bw, bt))
            b = "".join(x for x, _ in brand)
            if len(b) > MAX_GLUED_BRAND_CHARS:
                break
            if is_division(b) or (len(b) >= 2 and all(tt.startswith(_NAME_WORD_TAGS) for _, tt in brand)):
                out.append((start - len(b), start + len(w), b + w))
                break
    return out


def glued_fragment_stuffing(line: str, lex: Lexicon, is_division: Callable[[str], bool]) -> Optional[Dict[str, object]]:
    """Evidence when a line without a sentence end strings two or more commercial names (brand +
    head) with chunks of foreign sentences, glued without any separator (or between commas, as
    a keyword list), else None.  Names that an enumeration joins (``A医院和B医院``) are an author's."""
    if (len(line) < GLUED_MIN_LINE_CHARS or len(line) > 400 or _SENTENCE_END_ANYWHERE.search(line)
            or not _mostly_chinese(line)):
        return None
    found = glued_commercial_names(line, lex, is_division)
    if len({n for _s, _e, n in found}) >= GLUED_MIN_NAMES and not any(
            len(line[e1:s2]) <= 2 and (not line[e1:s2] or set(line[e1:s2]) & _ENUMERATING)
            for (_s1, e1, _n1), (s2, _e2, _n2) in zip(found, found[1:])):
        return {"detector": "glued_fragment_stuffing", "names": [n for _s, _e, n in found][:12]}
    placed = glued_place_brands(line, lex, is_division)
    if placed is None:
        return None
    return {"detector": "glued_fragment_stuffing", "names": placed[:12], "brand": "place"}


GLUED_MIN_PLACE_BRANDS = 3
MAX_PLACE_BRAND_WORDS = 3  # words between a division's name and the head that ends its business name
MIN_GLUED_TEXT_CHARS = 2  # Han characters of other text between two glued names


def glued_place_brands(line: str, lex: Lexicon, is_division: Callable[[str], bool]) -> Optional[List[str]]:
    """The business names glued into ``line`` when there are ``GLUED_MIN_PLACE_BRANDS`` or more,
    each a division's name and at most ``MAX_PLACE_BRAND_WORDS`` words ending in a commercial
    head (``某某县中医院``, ``某某区急用钱贷款``, ``澳门某某国际娱乐``), with other text between
    every two (``MIN_GLUED_TEXT_CHARS`` Han characters at least: a list of names is no stuffing)
    and no enumerator beside them; else None."""
    words = lex.tagged(line)
    starts, pos = [], 0
    for w, _t in words:
        starts.append(pos)
        pos += len(w)
    names: List[Tuple[int, int, str]] = []
    k = 0
    while k < len(words):
        w = words[k][0]
        if len(w) >= 2 and is_division(w) and (not names or starts[k] >= names[-1][1]):
            for m in range(k + 1, min(len(words), k + 1 + MAX_PLACE_BRAND_WORDS)):
                if _is_head_word(words[m][0]):
                    while m + 1 < len(words) and _is_head_word(words[m + 1][0]):
                        m += 1  # stacked heads: 国际 + 娱乐
                    names.append((starts[k], starts[m] + len(words[m][0]), line[starts[k]:starts[m] + len(words[m][0])]))
                    k = m
                    break
                if words[m][0] in _ENUMERATING or not _PURE_CHUNK.match(words[m][0]):
                    break
        k += 1
    if len({n for _s, _e, n in names}) < GLUED_MIN_PLACE_BRANDS:
        return None
    for (_s1, e1, _n1), (s2, _e2, _n2) in zip(names, names[1:]):
        between = line[e1:s2]
        if len(_CJK_CHAR.findall(between)) < MIN_GLUED_TEXT_CHARS or set(between[:1] + between[-1:]) & _ENUMERATING:
            return None
    return [n for _s, _e, n in names]


INTERLEAVED_MIN_CHARS = 30
INTERLEAVED_MIN_CHUNKS = 5
INTERLEAVED_MIN_NAMES = 2  # names set apart as chunks between clauses
GLUED_INTERLEAVED_MIN_NAMES = 3  # names glued into the line without separators
MAX_NAME_WORDS = 4  # a name's words: a division's name and its head lie within these
_NAME_NOUN_TAGS = ("n", "j", "vn", "nz", "eng")
_INTERLEAVE_SEPARATORS = re.compile(r"[\s,、]+")


PLACE_LED_MIN_PLACES = 3  # distinct places opening the items of one line
PLACE_LED_MIN_SHARE = 0.4  # of the line's items
PLACE_LED_MIN_TEXTS = 2  # items holding a grammatical character
MAX_PLACE_LED_ITEM_CHARS = 60
# What strings the items of such a line: an ellipsis, a dash, an underscore, a tilde, a pipe, spaces.
_PLACE_LED_SEPARATORS = re.compile(r"(?:\.{3,}|…+|—+|_+|~+|[|｜]| +)")
_PLACE_LED_ITEM_MARKS = re.compile(r"(?:\.{3,}|…+|—+|~+|[|｜])")


def place_led_items(line: str, gazetteer: Gazetteer) -> Optional[Dict[str, object]]:
    """Evidence when the items of a line without a sentence end, strung with ellipses, dashes,
    underscores, tildes, pipes or spaces, open with the names of ``PLACE_LED_MIN_PLACES`` places or
    more (``湘潭月嫂服务 有了高血压之后...四平搬家公司只要留意日常保健...济宁钢结构厂房 有很好的...``):
    a city's name and a service, glued to a piece of another text, item after item.  An author's
    line of items that each open with a place (a weather round-up: ``北京晴 上海小雨 广州雷阵雨``) holds
    no piece of a sentence; a place list has no text after the names (the place rules')."""
    if len(line) > 400 or _SENTENCE_END_ANYWHERE.search(line) or not _mostly_chinese(line):
        return None
    # the items between the line's strongest marks (ellipses, dashes, tildes, pipes), else between
    # any of its marks: a name and its piece of text may stand apart by a space or an underscore
    items = [x.strip() for x in _PLACE_LED_ITEM_MARKS.split(line) if len(x.strip()) >= 3]
    if len(items) < PLACE_LED_MIN_PLACES:
        items = [x.strip() for x in _PLACE_LED_SEPARATORS.split(line) if len(x.strip()) >= 3]
    if len(items) < PLACE_LED_MIN_PLACES or any(len(x) > MAX_PLACE_LED_ITEM_CHARS for x in items):
        return None
    led = [(x, gazetteer.leading_place(x)) for x in items]
    names = [x for x, place in led if place is not None and len(x) > len(place) + 1]
    places = {place for x, place in led if place is not None and x in names}
    # items led by another keyword count with them once two places lead theirs: a search query
    # (``某病能根治吗``, ``某地哪家好``) or a business name set apart by an underscore or a space
    # (``某某彩票官网_患者要是...``)
    keywords = [x for x in items if x not in names and _keyword_lead(x)]
    if len(places) < PLACE_LED_MIN_PLACES and not (
            len(places) >= PLACE_LED_MIN_PLACES - 1 and len(places) + len(keywords) >= PLACE_LED_MIN_PLACES):
        return None
    if len(names) + len(keywords) < PLACE_LED_MIN_SHARE * len(items):
        return None
    # pieces of sentences among them (a grammatical character in two items): a round-up of
    # places and their weather or scores is names and values only
    if sum(1 for x in items if any(c in FUNCTION_CHARS for c in x)) < PLACE_LED_MIN_TEXTS:
        return None
    return {"detector": "place_led_items", "items": len(items), "places": sorted(places)[:12]}


# A search query as a keyword: a name and the question searchers ask of it (can it be cured, which one
# is good, how much), as medical and local-service SEO pages string them.
_QUERY_LEAD = re.compile(rf"^[{HAN}]{{2,12}}?(?:能根治吗|能治好吗|哪家好|哪里好|哪个好|多少钱|怎么治)(?=.{{2,}})")
_NAME_BEFORE_MARK = re.compile(rf"^([{HAN}A-Za-z0-9]{{3,14}})[_ ](?=\S{{2,}})")


def _keyword_lead(item: str) -> bool:
    """``item`` opens with a search query or with a business name set apart by ``_`` or a space."""
    if _QUERY_LEAD.match(item):
        return True
    m = _NAME_BEFORE_MARK.match(item)
    return m is not None and commercial_head_of(m.group(1)) is not None


def _name_marks(words: Sequence[Tuple[str, str]], is_division: Callable[[str], bool]) -> List[int]:
    """Where names of businesses or places stand in ``words``: a commercial head after a noun
    (某某 + 体育, 石斑鱼 + 批发), or a division's name before a noun (某地 + 信用卡代办); a head
    within ``MAX_NAME_WORDS`` words of a division is the same name's."""
    marks: List[int] = []
    for k, (w, t) in enumerate(words):
        head = k > 0 and _is_head_word(w) and words[k - 1][1].startswith(_NAME_NOUN_TAGS + ("ns", "nr"))
        place = (len(w) >= 2 and is_division(w) and k + 1 < len(words)
                 and words[k + 1][1].startswith(_NAME_NOUN_TAGS) and len(words[k + 1][0]) >= 2)
        if (head or place) and not (marks and k - marks[-1] < MAX_NAME_WORDS):
            marks.append(k)
    return marks


def interleaved_names(line: str, lex: Lexicon, is_division: Callable[[str], bool]) -> Optional[Dict[str, object]]:
    """Evidence when a line without a sentence end strings names of businesses between clauses
    of other texts (reviews, posts), else None.  Set apart by spaces or commas
    (``某地培训学校 早餐很丰盛 某某加盟店 就是你需要读一读的好书 某地传染病治疗中心 外观有点死板``):
    ``INTERLEAVED_MIN_CHUNKS`` chunks or more, ``INTERLEAVED_MIN_NAMES`` of them bare names (no
    grammatical word, a name mark: :func:`_name_marks`) and clauses (with a grammatical word)
    between every two of them, no two bare chunks side by side.  Glued without separators
    (``某某体育官网发现床头灯罩上满是灰尘某某技术培训请多放水某地信用卡代办突出之处``):
    ``GLUED_INTERLEAVED_MIN_NAMES`` name marks, a clause between every two of them (a grammatical
    word or two verbs) and no enumeration joining them.  A post written between spaces names no business, or names one
    in a clause (``去了某某医院``)."""
    if (len(line) < INTERLEAVED_MIN_CHARS or len(line) > 400 or _SENTENCE_END_ANYWHERE.search(line)
            or not _mostly_chinese(line)):
        return None
    line = plain_separators(line)
    chunks = [c for c in _INTERLEAVE_SEPARATORS.split(line) if c]
    if len(chunks) >= INTERLEAVED_MIN_CHUNKS and all(_PURE_CHUNK.match(c) for c in chunks):
        kinds, names = [], []
        for chunk in chunks:
            words = lex.tagged(chunk)
            if holds_grammar_word(words) or any(t.startswith("r") for _w, t in words):  # 我 你 他: a clause
                kinds.append("clause")
            else:
                kinds.append("bare")
                if _name_marks(words, is_division) or commercial_head(chunk, words, lex.zipf) is not None:
                    names.append(chunk)
        if (len(names) >= INTERLEAVED_MIN_NAMES and kinds.count("clause") >= 2
                and not any(a == b == "bare" for a, b in zip(kinds, kinds[1:]))):
            return {"detector": "interleaved_names", "names": names[:12], "chunks": len(chunks)}
    # glued without separators; commas inside the pasted pieces of text do not separate the names
    glued = line.replace(",", "")
    if (len(chunks) != 1 and len(_INTERLEAVE_SEPARATORS.split(glued)) != 1) or not _PURE_CHUNK.match(glued):
        return None
    words = lex.tagged(glued)
    marks = _name_marks(words, is_division)
    if len(marks) < GLUED_INTERLEAVED_MIN_NAMES:
        return None
    for a, b in zip(marks, marks[1:]):
        between = words[a + 1:b]
        clause = holds_grammar_word(between) or sum(
            1 for w, t in between if t.startswith("v") and not _is_head_word(w)) >= 2
        # a name starts at a division mark and ends at a head mark: an enumerator beside either joins two names
        if words[b - 1][0] in _ENUMERATING or words[a + 1][0] in _ENUMERATING or not clause:
            return None  # an enumeration of names, or one long name
    return {"detector": "interleaved_names", "names": ["".join(w for w, _t in words[max(0, k - 1):k + 2])
                                                       for k in marks][:12], "glued": True}


def known_spam_token(page: PageState):
    gaz, vocab, corpus = page.gazetteer, page.vocab, page.corpus

    tokens = vocab.tokens
    has_corpus = bool(corpus)

    def known(token: str) -> bool:
        return token in tokens or (has_corpus and corpus.has_token(token) and not gaz.is_division(token))

    return known


def commercial_token(page: PageState) -> Callable[[str], bool]:
    """Whether a short token is a commercial name: a brand and a commercial head (鑫达维修, 宠物之家)."""
    lex = page.lexicon

    def commercial(token: str) -> bool:
        if lex is None or len(token) < 3:
            return False
        return commercial_head(token, lex.tagged(token), lex.zipf) is not None

    return commercial


MIN_DOUBLED_FRAGMENT_CHARS = 6
_FIRST_CHUNK = re.compile(r"^(\S+)\s+(\S.*)$")


def doubled_fragment(line: str) -> bool:
    """A line that opens with a fragment which the rest of the line then repeats as its own
    beginning (``该桥始建于清代乾隆年 该桥始建于清代乾隆年间，后经三次重修...``): a pasted item of a
    spam template (its cut-off title, then the sentence), never an author's line."""
    m = _FIRST_CHUNK.match(line)
    if not m:
        return False
    head, rest = m.group(1), m.group(2)
    return (len(head) >= MIN_DOUBLED_FRAGMENT_CHARS and rest.startswith(head) and len(rest) > len(head)
            and bool(_CJK_CHAR.search(head)))


def drop_keyword_stuffing(page: PageState) -> None:
    """Lines dominated by strings of short keywords go whole, pasted sentences
    included; their non-place tokens become page vocabulary.  A line that is
    a single known spam word goes too."""
    tables = page.tables()
    known = known_spam_token(page)
    commercial = commercial_token(page)
    gaz = page.gazetteer

    def is_town(token: str) -> bool:
        return gaz.is_division(token) or gaz.is_strong_place(token)

    def is_clause(token: str) -> bool:
        # Latin letters and digits (jieba's eng) count here too: the authors' lines of model
        # numbers, dates, sizes and @handles between spaces (赣南脐橙 10斤装 约75mm) are no stuffing
        words = page.lexicon.tagged(token)
        return holds_grammar_word(words) or any(len(w) > 1 and t == "eng" for w, t in words)

    def is_keyword(token: str) -> bool:
        return known(token) or is_town(token) or commercial_prefix_name(token, page.lexicon)

    names: List[WrappedClauseNames] = []

    def is_name(token: str) -> bool:
        # a business or site name by its shape (the looser test of a name set apart by a wrapper)
        if not names:
            names.append(WrappedClauseNames(page.lexicon, gaz, "\n".join(page.lines)))
        return names[0].judge(token) is not None

    first, last = article_span(page)
    for i, line in enumerate(page.lines):
        if not page.kept(i):
            continue
        if doubled_fragment(line):
            page.remove_line(i, Reason.KEYWORD_STUFFING, {"detector": "doubled_fragment"})
            continue
        if len(line) <= 12 and SHORT_TOKEN.match(line):
            if known(line):
                page.remove_line(i, Reason.SITE_TITLE if line.endswith(SITE_SUFFIXES) else Reason.KEYWORD_STUFFING)
            continue
        places = page.place_tokens(i)
        if places is not None:
            # mostly places: drop_place_lists has judged it (and kept it as the article's own),
            # unless keywords of another kind are strung among the places
            others = [o for o in places.others if SHORT_TOKEN.match(o)]
            if not tables[i] and len(others) >= 2 and any(known(o) or commercial(o) for o in others):
                for token in others:
                    page.vocab.add(token)
                page.remove_line(i, Reason.KEYWORD_STUFFING, {"detector": "drop_keyword_stuffing",
                                                              "places": len(places.places), "others": others[:12]})
            elif not tables[i] and page.lexicon is not None:
                # places strung between pieces of other texts: no list an author writes
                found = alternating_keywords(line, page.lexicon, gaz, is_keyword=known)
                if found is not None:
                    page.remove_line(i, Reason.KEYWORD_STUFFING, found)
            continue
        # other spam on the page supports a word list in the page head or tail, not between paragraphs
        evidence = page.spam_evidence and not first < i < last
        # a news credit opening the paragraph (本报记者 某某 北京报道), or after the headline a text
        # dump glued to it, is the article's, not keywords
        judged = line[opening_credit_end(line):]
        tokens = stuffing_tokens(judged, known, is_place=gaz.is_division, evidence=evidence,
                                 in_table=tables[i], is_commercial=commercial, is_town=is_town,
                                 is_clause=is_clause)
        if tokens is None:
            found = None if tables[i] or page.lexicon is None else (
                fragment_stuffing(judged, page.lexicon.tagged, is_keyword=is_keyword)
                or strung_keyword_fragments(judged, page.lexicon, gaz, is_keyword=is_keyword, is_name=is_name)
                or glued_fragment_stuffing(judged, page.lexicon, gaz.is_division)
                or place_led_items(judged, gaz)
                or interleaved_names(judged, page.lexicon, gaz.is_division)
                or glued_name_line(judged, page)
                or alternating_keywords(judged, page.lexicon, gaz, is_keyword=known))
            if found is not None:
                for token in found.get("keywords", found.get("names", ())):
                    if not gaz.is_division(token):
                        page.vocab.add(token)
                page.remove_line(i, Reason.KEYWORD_STUFFING, found)
            continue
        if _enumeration_of_the_article(page, i, line, tokens, known, commercial) or lettered_choices(line):
            continue
        if _spaced_sentences(page, line, tokens, known) or _names_inside_a_sentence(line, tokens, known, commercial):
            continue
        start = _tail_after_sentences(line, tokens, lambda c: known(c) or commercial(c))
        if start is not None:  # only the tail's tokens are keywords
            tokens = [c for c in TOKEN_SEPARATORS.split(line[start:]) if c]
        elif _holds_a_paragraph(judged, known, commercial):
            continue  # an article's paragraphs run together: neither the line nor its words go
        for token in tokens:
            if not page.gazetteer.is_division(token):
                page.vocab.add(token)
        if start is not None:
            page.cut_span(i, Reason.KEYWORD_STUFFING, line[start:],
                          {"detector": "keyword_tail", "tokens": tokens, "after": "sentences"})
            page.lines[i] = line[:start].rstrip()
        else:
            page.remove_line(i, Reason.KEYWORD_STUFFING)
    drop_bracketed_name_tails(page)


MIN_NAME_LINE_RUN = 3  # lines of one commercial name each, in a run outside the article


def drop_name_line_runs(page: PageState) -> None:
    """A run of lines outside the article (before its first paragraph or after its last), each one
    business or site name and nothing else (``某地娱乐`` / ``某地家电维修`` / ``某地信息网``): a keyword
    list laid out one name a line, as a template's ``<li>`` items come out of the markup.  At least
    :data:`MIN_NAME_LINE_RUN` of the run's lines are commercial names (a brand and a commercial head,
    or a name of the shapes a wrapped keyword takes); the others are known spam words or places; no
    name is written elsewhere on the page (the page's own business stays), and the rest of the page
    names no gambling (a betting site's own page is left whole to the quality stage).  An article's
    list of bodies (a ministry, a university: no commercial head) is no such run."""
    if page.lexicon is None:
        return
    first, last = article_span(page)
    known = known_spam_token(page)
    commercial = commercial_token(page)
    gaz = page.gazetteer
    text = page.text()
    judge: List[WrappedClauseNames] = []

    def is_name(token: str) -> bool:
        if commercial(token):
            return True
        if not judge:
            judge.append(WrappedClauseNames(page.lexicon, gaz, text))
        return judge[0].judge(token) is not None

    def is_item(token: str) -> bool:
        return known(token) or gaz.is_division(token) or gaz.is_strong_place(token)

    run: List[int] = []
    for i in [*page.kept_indices(), len(page.lines)]:  # the sentinel closes the last run
        line = page.lines[i].strip() if i < len(page.lines) else ""
        if (i < len(page.lines) and not first <= i <= last and SHORT_TOKEN.match(line)
                and text.count(line) == 1 and (is_name(line) or is_item(line))):
            if run and run[-1] < first <= i:
                run = []  # the article lies between: two runs
            run.append(i)
            continue
        names = [page.lines[k].strip() for k in run if is_name(page.lines[k].strip())]
        if len(names) >= MIN_NAME_LINE_RUN and not gambling_mentions(
                "\n".join(page.lines[k] for k in page.kept_indices() if k not in run)):
            for k in run:
                token = page.lines[k].strip()
                if not gaz.is_division(token):
                    page.vocab.add(token)
                page.remove_line(k, Reason.KEYWORD_STUFFING, {"detector": "name_line_run", "names": names[:12]})
        run = []


MIN_STUFFED_PARAGRAPH_CHARS = 120  # a chunk of prose this long between spaces is a paragraph, not a pasted sentence


def _holds_a_paragraph(line: str, known: Callable[[str], bool], commercial: Callable[[str], bool]) -> bool:
    """Whether a line judged as stuffing holds a paragraph of prose (a chunk between spaces of
    :data:`MIN_STUFFED_PARAGRAPH_CHARS` characters or more, two sentences at least) and none of its
    short chunks is a known spam word or a commercial name: an article whose paragraphs, headings
    and table cells a text dump ran together with spaces (a news corpus's one-line articles), which
    going whole would lose the article.  Stuffing strings keywords between pasted sentences."""
    chunks = [c for c in TOKEN_SEPARATORS.split(line) if c]
    if not any(len(c) >= MIN_STUFFED_PARAGRAPH_CHARS and len(_SENTENCE_END_ANYWHERE.findall(c)) >= 2 for c in chunks):
        return False
    return not any(SHORT_TOKEN.match(c) and (known(c) or commercial(c)) for c in chunks)


# A bracketed list at the end of a line: (A、B、C) or (A,B,C).
_BRACKETED_TAIL = re.compile(r"\(([^()]{4,120})\)\s*$")
_BRACKET_ITEMS = re.compile(r"[、,]")
MIN_BRACKETED_NAMES = 2


def bracketed_name_tail(line: str, lex: Lexicon, gazetteer: Gazetteer, page_text: str) -> Optional[Tuple[int, Dict[str, object]]]:
    """``(start, evidence)`` when ``line`` ends, after its last sentence or clause, in brackets
    holding a list of business names (``...的执照证书; (某某娱乐、某地刷单兼职、某某体育投注)``),
    else None: two items or more, each a bare name (no grammatical word), at least
    ``MIN_BRACKETED_NAMES`` of them a commercial name (brand + head, or a division's name before a
    service) whose brand the rest of the page never writes.  A bracket that explains a word of
    its sentence (``三家医院(某某医院、某某医院)参与``) stands inside the sentence, not after it."""
    m = _BRACKETED_TAIL.search(line)
    if m is None or m.start() == 0:
        return bracketed_name_run(line, lex, gazetteer, page_text)
    before = line[:m.start()].rstrip()
    if not before or before[-1] not in "。!?;:,\"”":
        return None
    items = [t.strip() for t in _BRACKET_ITEMS.split(m.group(1))]
    if len(items) < 2 or not all(SHORT_TOKEN.match(t) for t in items):
        return None
    rest = page_text.replace(m.group(0), "")
    names = []
    for item in items:
        words = lex.tagged(item)
        if holds_grammar_word(words):
            return None
        head = commercial_head(item, words, lex.zipf)
        division = gazetteer.leading_division(item)
        brand = item[:len(item) - len(head[0])] if head else (item[len(division):] if division else "")
        if (head or division) and len(brand) >= 2 and brand not in rest:
            names.append(item)
    if len(names) < MIN_BRACKETED_NAMES:
        return None
    return m.start(), {"detector": "bracketed_name_tail", "names": names[:12]}


# Names each in its own brackets, glued to the end of a line: ...[A][B][C] or ...【A】【B】.
_BRACKETED_RUN = re.compile(r"(?:[\[【][^\[\]【】]{4,12}[\]】]){2,}\s*$")
_BRACKETED_ITEM = re.compile(r"[\[【]([^\[\]【】]{4,12})[\]】]")


def bracketed_name_run(line: str, lex: Lexicon, gazetteer: Gazetteer, page_text: str) -> Optional[Tuple[int, Dict[str, object]]]:
    """``(start, evidence)`` when ``line`` ends in two or more names each in its own brackets
    (``...以上。[某地特效药][某地月嫂公司][某地售后服务电话]``), else None: every item a bare noun
    phrase of four characters or more (a microblog's emoticons, ``[大笑][爱你]``, are shorter), and
    half of them a business name (brand + head) or a name opening with a division's name, written
    nowhere else on the page."""
    m = _BRACKETED_RUN.search(line)
    if m is None or m.start() == 0:
        return None
    items = _BRACKETED_ITEM.findall(m.group(0))
    rest = page_text.replace(m.group(0), "")
    names = []
    for item in items:
        if not SHORT_TOKEN.match(item) or item in rest:
            return None
        words = lex.tagged(item)
        if holds_grammar_word(words):
            return None
        if (commercial_head(item, words, lex.zipf) is not None or gazetteer.is_division(item[:2])
                or gazetteer.is_division(item[:3])):
            names.append(item)
    if 2 * len(names) < len(items) or len(names) < MIN_BRACKETED_NAMES - 1:
        return None
    return m.start(), {"detector": "bracketed_name_tail", "names": items[:12], "run": True}


def drop_bracketed_name_tails(page: PageState) -> None:
    """Cuts the bracketed lists of business names after a line's last sentence
    (:func:`bracketed_name_tail`); their names become page vocabulary."""
    if page.lexicon is None:
        return
    text = None
    for i in page.kept_indices():
        line = page.lines[i]
        if not line.endswith((")", "]", "】")):
            continue
        text = text if text is not None else "\n".join(page.lines)
        found = bracketed_name_tail(line, page.lexicon, page.gazetteer, text)
        if found is None:
            continue
        start, evidence = found
        for name in evidence["names"]:
            page.vocab.add(name)
        page.cut_span(i, Reason.KEYWORD_STUFFING, line[start:], evidence)
        page.lines[i] = line[:start].rstrip()


SPACED_COMMON_ZIPF = 3.0  # a corpus token at least this frequent (wordfreq's Zipf scale) is a common word


# A question's lettered choices (``A 秦国 B 魏国 C 楚国 D 赵国``, ``A、吉祥 B、一种装饰``): a quiz's answers are
# short words between spaces, and no keyword list letters its items.
_LETTERED_CHOICES = re.compile(r"(?<![A-Za-z])A[、.]?\s*[^\sA-D]{1,16}\s+B[、.]?\s*[^\sA-D]{1,16}\s+C(?![A-Za-z])")
MIN_LETTERED_QUESTIONS = 2


def lettered_choices(line: str) -> bool:
    """Whether ``line`` holds the lettered choices of ``MIN_LETTERED_QUESTIONS`` questions or more
    (a quiz, an exam's questions), which the keyword-stuffing test must not take for keywords."""
    return len(_LETTERED_CHOICES.findall(line)) >= MIN_LETTERED_QUESTIONS


def _spaced_sentences(page: PageState, line: str, tokens: Sequence[str], known) -> bool:
    """Whether a line of sentences split at spaces is prose written with stray spaces, not short
    keywords between pasted sentences: the line has a stray space of its own (before a comma,
    inside a word: :func:`.guards.stray_spaces`), the page's prose has them as a habit
    (:func:`.guards.spaced_prose`), and none of its short chunks is known spam vocabulary.  A
    keyword list never puts a space before a comma or inside a word (a business name between the
    spaces, ``城里三家医院``, is then the sentence's own).  A word of the corpus vocabulary that is a
    common word of the language (``记者``: a source that writes spaces writes them around it on every
    page) is no such evidence."""
    lex = page.lexicon
    if lex is None or not _SENTENCE_END_ANYWHERE.search(line):
        return False
    if any(t in page.vocab.tokens or (known(t) and lex.zipf(t) < SPACED_COMMON_ZIPF) for t in tokens):
        return False
    words = lex.words
    return stray_spaces(line, words) >= 1 and spaced_prose("\n".join(page.lines[k] for k in page.kept_indices()), words)


def _enumeration_of_the_article(page: PageState, i: int, line: str, tokens: Sequence[str],
                                known: Callable[[str], bool], commercial: Callable[[str], bool]) -> bool:
    """Whether the short tokens of line ``i`` are the article's own enumeration of one kind of
    thing (:func:`.enumerations.is_article_enumeration`): the items' shared head is used by the
    line's sentences or the page's other kept lines."""
    rest = line
    for token in tokens:
        rest = rest.replace(token, " ")
    context = rest + "\n" + "\n".join(page.lines[k] for k in page.kept_indices() if k != i)
    return is_article_enumeration(tokens, context, known=known, commercial=commercial)


_OPEN_SENTENCE_END = re.compile(r"[。!?;…]$")


_RUN_NAME = re.compile(rf"^(?:[{HAN}]|[A-Za-z][A-Za-z0-9]{{0,11}})$")  # one Han character, or a Latin name


def _names_inside_a_sentence(line: str, tokens: Sequence[str], known: Callable[[str], bool],
                             commercial: Callable[[str], bool]) -> bool:
    """Whether the short tokens are runs of names or words set apart by spaces inside sentences of
    the line (``...越来越能装了。实名鄙视 某甲 某乙 某丙 这些装x的。``, ``她是这样的:自信 优雅 幽默
    善解人意。``): each run's sentence runs into it (the chunk before it ends in no sentence mark) and
    goes on after it to a sentence mark, and no token is a known spam word or a commercial name.  Stuffing strings its
    keywords between sentences or pieces of them, not inside one."""
    chunks = [c for c in TOKEN_SEPARATORS.split(line) if c]
    wanted = set(tokens)
    runs: List[Tuple[int, int]] = []  # (first, last) chunk of each run of tokens
    for k, c in enumerate(chunks):
        # a name of one character or of Latin letters (烬, ez) goes on a run it stands in
        if c in wanted or (runs and runs[-1][1] == k - 1 and _RUN_NAME.match(c)):
            if runs and runs[-1][1] == k - 1:
                runs[-1] = (runs[-1][0], k)
            else:
                runs.append((k, k))
    if not runs or any(a == 0 or b == len(chunks) - 1 for a, b in runs):
        return False
    for a, b in runs:
        before, after = chunks[a - 1], chunks[b + 1]
        if _OPEN_SENTENCE_END.search(before) or not _SENTENCE_END_ANYWHERE.search(after):
            return False
    return not any(known(t) or commercial(t) for t in tokens)


_TAIL_LABEL = re.compile(r"[^\W\d_]{2,8}:")  # a label of the tail's list (相关报道:, 热门搜索:)
_TAIL_HEADLINE = re.compile(r"[^。!?\s]{2,24}")  # a headline of that list: no sentence mark


def _tail_after_sentences(line: str, tokens: Sequence[str], is_keyword: Callable[[str], bool]) -> Optional[int]:
    """Where the keywords of a stuffing line start when they are all strung after its last
    sentence (an article's paragraph with a keyword tail: only the tail goes), else None.
    Short chunks before the sentence end (是第 26 届, 今年 全市...) are the article's unless
    one is a known spam word or a commercial name (then keywords are strung through the line)."""
    end = last_sentence_end(line)
    if end < PARAGRAPH_MIN_CHARS:
        return None
    head, tail = line[:end + 1], line[end + 1:]
    tail_tokens = [c for c in TOKEN_SEPARATORS.split(tail) if c]
    if tail_tokens and _TAIL_LABEL.fullmatch(tail_tokens[0]):
        # 相关报道: over the headlines of a related block glued to the paragraph (a headline may hold
        # a mark or a figure: 基金灰幕:1430亿沉没的红利); the keywords among them are enough
        headlines = tail_tokens[1:]
        if (sum(t in tokens for t in headlines) < 2
                or any(t not in tokens and not _TAIL_HEADLINE.fullmatch(t) for t in headlines)):
            return None
    elif len(tail_tokens) < 2 or any(t not in tokens for t in tail_tokens):
        return None
    if any(c in tokens and is_keyword(c) for c in TOKEN_SEPARATORS.split(head) if c):
        return None
    return end + 1


# --------------------------------------------------------------------------- related-article blocks


def is_related_header(line: str) -> bool:
    return len(line) <= 200 and bool(patterns.RELATED_HEADER.match(line))


def is_headline_item(line: str) -> bool:
    """A recommended headline: marked (【详细】, >>, a bullet, a leading date) or
    short and not ending a sentence, or a headline that asks a question (:func:`plain_headline`)."""
    if patterns.HEADLINE_MARKERS.search(line) or patterns.BULLET.match(line) or patterns.LEADING_DATE.match(line):
        return True
    return len(line) <= MAX_HEADLINE_CHARS and (not _SENTENCE_END.search(line) or plain_headline(line)
                                                 or news_headline(line))


# A headline's trailing link marker of any wording: a short word in brackets (``[详情]``, ``【查看】``,
# ``「详情」``) or an arrow (`` 〉``, ``>``, ``»``) at the end of the line, perhaps with a short word
# after it (``→点击查看``).
_TRAILING_MARK = re.compile(rf"(?:\s*[\[【(「][{HAN}]{{2,4}}[\]】)」]|\s*[〉>»›→]+(?:\s*[{HAN}]{{2,4}})?)$")
MIN_NEWS_HEADLINE_CHARS = 8
_CLAUSE_MARKS = re.compile(r"[!?]")
_HEADLINE_CLAUSES = re.compile(r"[,!?]")  # a headline of clauses (a table's or a list's item has none)


_TRAILING_MARK_ENDS = frozenset("]】)」〉>»›→")
_TRAILING_ARROW = re.compile(rf"[〉>»›→]\s*[{HAN}]{{2,4}}$")


def trailing_mark(line: str) -> str:
    """The link marker ending ``line`` (``[详情]``, `` 〉``, ``→点击查看``), or ``""``."""
    if not line or (line[-1] not in _TRAILING_MARK_ENDS and not _TRAILING_ARROW.search(line, max(0, len(line) - 7))):
        return ""
    m = _TRAILING_MARK.search(line, max(0, len(line) - 12))
    return m.group(0).strip() if m else ""


def news_headline(line: str) -> bool:
    """A news headline as recommendation blocks list them: ``MIN_NEWS_HEADLINE_CHARS`` to
    ``MAX_HEADLINE_CHARS`` characters (a trailing link marker aside), clauses between commas and
    perhaps one ``!`` or ``?`` inside, but no full stop, no semicolon and no colon at its end:
    a headline is one line that never closes a sentence with ``。`` (``某某离婚七年,终于回应``,
    ``某某现身机场,网友:好好照顾自己!``), unlike an article's paragraph."""
    if not (MIN_NEWS_HEADLINE_CHARS <= len(line) <= MAX_HEADLINE_CHARS + 12) or "。" in line:
        return False
    mark = trailing_mark(line)
    body = (line[:line.rstrip().rfind(mark)] if mark else line).strip()
    if not (MIN_NEWS_HEADLINE_CHARS <= len(body) <= MAX_HEADLINE_CHARS) or not _CJK_CHAR.search(body):
        return False
    if "。" in body or ";" in body or body.endswith(":") or patterns.BULLET.match(body):
        return False
    return len(_CLAUSE_MARKS.findall(body.rstrip("!?"))) <= 1


MAX_PLAIN_HEADLINE_CHARS = 40
_HEADLINE_INNER_PUNCTUATION = re.compile(r"[,。;:、!?]")


def plain_headline(line: str) -> bool:
    """A headline without a marker: at most ``MAX_PLAIN_HEADLINE_CHARS`` characters, no clause
    punctuation inside, at most a question or exclamation mark at its end (the headlines of a
    question-and-answer site: ``如何评价某某的新书?``)."""
    body = line.rstrip("?!")
    return (4 <= len(line) <= MAX_PLAIN_HEADLINE_CHARS and len(line) - len(body) <= 1
            and not _HEADLINE_INNER_PUNCTUATION.search(body) and bool(_CJK_CHAR.search(line)))


def drop_related_blocks(page: PageState) -> None:
    """A 推荐阅读-style header and the headline list after it (up to the first
    line of ordinary article text).  A header an earlier line rule already cut (a
    template's line, frequent on the site, goes as keyword stuffing) still heads its list."""
    n = len(page.lines)
    for i in range(n):
        if not is_related_header(page.lines[i]):
            continue
        page.remove_line(i, Reason.RELATED_BLOCK)
        items = 0
        for j in range(i + 1, n):
            if not page.kept(j):
                continue
            if items >= MAX_RELATED_ITEMS or not is_headline_item(page.lines[j]):
                break
            page.remove_line(j, Reason.RELATED_BLOCK)
            items += 1
    drop_unnamed_related_blocks(page)


MIN_MARKED_ITEMS = 3  # headlines with a marker (查看>>, a read counter) under a heading of any wording
MIN_BULLET_ITEMS = 4  # bulleted headlines under a heading of any wording, in the page tail
MIN_BULLET_ITEM_CHARS = 8  # mean length of the bulleted headlines (short items are an author's list)
MIN_BULLET_ITEM_WORD = 4
MIN_PLAIN_ITEMS = 4  # unmarked headlines under a heading of any wording, running to the page's end
# a heading of any wording, perhaps set between separator symbols (``〓本月排行〓``)
_BLOCK_HEADING = re.compile(rf"^[{SYMBOL_MARK_CLASS}\s]*[{HAN}]{{2,12}}[{SYMBOL_MARK_CLASS}\s]*$")
_FRAMED_HEADING = re.compile(rf"^[{SYMBOL_MARK_CLASS}【]\s*[{HAN}]{{2,12}}\s*[{SYMBOL_MARK_CLASS}】]$")
_ITEM_PUNCTUATION = re.compile(r"[,。;:!?、]")
# A sentence's end, perhaps inside its closing quote or bracket; a headline may end in a bracket or a
# quote of its own (``...四季景(图)``, ``...的“运河”``).
_CLAUSE_END = re.compile(r"[。!?.…][\"”’)]*$")


def _listed_headline(line: str) -> Optional[str]:
    """``"marked"`` for a headline with a marker of a link list (查看>>, 【详细】, a read
    counter), ``"bullet"`` for a bulleted headline (no clause punctuation, at least
    ``MIN_BULLET_ITEM_WORD`` characters after the bullet or a bracketed tag: ``[图文]``),
    ``"clause_bullet"`` for a bulleted :func:`news_headline` of clauses, else None."""
    if len(line) > MAX_HEADLINE_CHARS + 10:
        return None
    if patterns.HEADLINE_MARKERS.search(line):
        return "marked"
    bullet = patterns.BULLET.match(line) or _LEADING_TAG.match(line)
    if bullet:
        rest = line[bullet.end():].strip()
        lead = _BULLET_HEADLINE_LEAD.match(rest)  # a headline's speaker, place or column: 某某: ...
        body = rest[lead.end():] if lead else rest
        if len(rest) >= MIN_BULLET_ITEM_WORD and not _ITEM_PUNCTUATION.search(body) \
                and not _CLAUSE_END.search(rest):
            return "bullet"
        if news_headline(rest) and not patterns.BULLET.match(rest):
            return "clause_bullet"  # a news headline of clauses (某某现身机场,网友:好好照顾自己!) after its bullet
    return None


# What opens a bulleted headline before its colon: a speaker, a place, a column (``直击|某某:``).
_BULLET_HEADLINE_LEAD = re.compile(rf"^[{HAN}A-Za-z0-9|]{{2,12}}:(?=\S)")
# A link list's tag before a headline: a short word in brackets (``[图文]``, ``【视频】``, ``【荐】``).
_LEADING_TAG = re.compile(rf"^[\[【][{HAN}]{{1,4}}[\]】]\s*")


def _unmarked_item(page: PageState, j: int) -> bool:
    """A line that may be an unmarked headline of a link list: a :func:`plain_headline` of
    ``MIN_BULLET_ITEM_CHARS`` characters or more with no digit in it, neither a table row nor
    a place name (a code table or a weather table under its heading is the article's)."""
    line = page.lines[j]
    return (len(line) >= MIN_BULLET_ITEM_CHARS and plain_headline(line) and not _DIGIT.search(line)
            and not page.tables()[j] and not page.gazetteer.is_place(line))


_TRAILING_BULLET = re.compile(r"\s*[·・•]+$")
_NUMBERED_HEADLINE_LEAD = re.compile(rf"^[{HAN}A-Za-z0-9]{{2,8}}:(?=\S)")  # 某地: ..., 某某台网: ...
MIN_NUMBERED_HEADLINE_HAN = 8
MAX_HEADLINE_SPACES = 2
NUMBERED_HEADLINE_HAN_SHARE = 0.6


def numbered_headline(line: str) -> bool:
    """A news headline with figures in it, as recommendation blocks list them
    (``某地发生4.1级地震``, ``某路口货车侧翻1人受伤``, ``某地:暴雨致两条道路中断 暂无伤亡``, perhaps with a
    bullet after it): ``MIN_NUMBERED_HEADLINE_HAN`` Han characters or more making most of it, no
    sentence or clause punctuation but a colon after a short lead, at most two spaces between its
    parts.  A table's row or a code has few Han characters; a paragraph has its punctuation."""
    body = _TRAILING_BULLET.sub("", line)
    lead = _NUMBERED_HEADLINE_LEAD.match(body)
    rest = body[lead.end():] if lead else body
    if not (MIN_BULLET_ITEM_CHARS <= len(body) <= MAX_HEADLINE_CHARS) or _HEADLINE_INNER_PUNCTUATION.search(rest):
        return False
    if rest.count(" ") > MAX_HEADLINE_SPACES or _SENTENCE_END.search(rest):
        return False
    han = len(_CJK_CHAR.findall(body))
    return han >= MIN_NUMBERED_HEADLINE_HAN and han >= NUMBERED_HEADLINE_HAN_SHARE * len(body.replace(" ", ""))


def drop_unnamed_related_blocks(page: PageState) -> None:
    """In the page tail, a short heading of any wording (最新更新, 精彩专题, 看了本文的人还看了)
    above a list of headlines (anywhere, a heading framed by symbols above marked headlines): at least ``MIN_MARKED_ITEMS`` with a link list's marker, or at
    least ``MIN_BULLET_ITEMS`` bulleted ones of ``MIN_BULLET_ITEM_CHARS`` characters on average,
    or at least ``MIN_PLAIN_ITEMS`` unmarked ones (:func:`plain_headline`) that run to the page's
    end.  The heading names the block; the items show it is one (an author's closing list of tips
    has clauses, not headlines with markers).  A headline that asks a question ends like a
    sentence, so the tail starts after the last paragraph that is no such headline."""
    n = len(page.lines)
    kept = page.kept_indices()
    paragraphs = [k for k in kept if is_paragraph(page.lines[k])
                  and _listed_headline(page.lines[k]) is None and not plain_headline(page.lines[k])
                  and not news_headline(page.lines[k])]
    last = paragraphs[-1] if paragraphs else -1
    i = 0
    while i < n:
        # in the tail a short heading of any wording; above the last paragraph only a heading framed by a
        # template's symbols (〓本月排行〓) over marked headlines (a disclaimer or a betting site's terms after
        # the block leave it above the last paragraph)
        framed = i <= last
        if not page.kept(i) or not (_FRAMED_HEADING if framed else _BLOCK_HEADING).match(page.lines[i]):
            i += 1
            continue
        items: List[int] = []
        kinds: Counter = Counter()
        j = i + 1
        while j < n and len(items) < MAX_RELATED_ITEMS:
            if not page.kept(j):
                j += 1
                continue
            kind = _listed_headline(page.lines[j]) or ("plain" if _unmarked_item(page, j) else None)
            if kind is None and (news_headline(page.lines[j]) and _HEADLINE_CLAUSES.search(page.lines[j])
                                 or numbered_headline(page.lines[j])) \
                    and not page.tables()[j] and not page.gazetteer.is_place(page.lines[j]):
                kind = "plain"
            if kind is None:
                break
            items.append(j)
            kinds[kind] += 1
            j += 1
        # the same link marker after three headlines or more (``...[详情]``, ``... 〉``) marks them all
        marks = Counter(trailing_mark(page.lines[k]) for k in items if kinds and news_headline(page.lines[k]))
        shared = max((c for m, c in marks.items() if m), default=0)
        if shared >= MIN_MARKED_ITEMS:
            kinds["marked"] += shared
        mean_chars = sum(len(page.lines[k]) for k in items) / len(items) if items else 0
        to_the_end = not any(page.kept(k) for k in range(j, n))
        if kinds["marked"] >= MIN_MARKED_ITEMS or (not framed and (
                len(items) >= MIN_BULLET_ITEMS and mean_chars >= MIN_BULLET_ITEM_CHARS
                # headlines of clauses count among bulleted ones that are mostly plain (a list of tips
                # is clauses throughout)
                and kinds["bullet"] + kinds["marked"] + min(kinds["clause_bullet"], kinds["bullet"] - 1)
                >= MIN_BULLET_ITEMS or (kinds["plain"] >= MIN_PLAIN_ITEMS and to_the_end))):
            evidence = {"detector": "related_block", "heading": page.lines[i], "items": len(items),
                        "marked": kinds["marked"], "bulleted": kinds["bullet"] + kinds["clause_bullet"],
                        "plain": kinds["plain"]}
            page.remove_line(i, Reason.RELATED_BLOCK, evidence)
            for k in items:
                page.remove_line(k, Reason.RELATED_BLOCK, evidence)
            i = j
        else:
            i += 1
    drop_marked_headline_runs(page)


MIN_MARKED_RUN = 4  # headlines in a row with the same link marker, with no heading above them


def drop_marked_headline_runs(page: PageState) -> None:
    """Anywhere on the page, ``MIN_MARKED_RUN`` or more news headlines in a row (:func:`news_headline`)
    that end in the same link marker (``...[详情]``, ``... 〉``): a recommendation block whose heading
    the template left out.  An article's lines end in no shared marker."""
    kept = page.kept_indices()
    i = 0
    while i < len(kept):
        mark = trailing_mark(page.lines[kept[i]])
        j = i
        while (mark and j < len(kept) and trailing_mark(page.lines[kept[j]]) == mark
               and news_headline(page.lines[kept[j]])):
            j += 1
        if j - i >= MIN_MARKED_RUN:
            evidence = {"detector": "marked_headlines", "marker": mark, "items": j - i}
            for k in kept[i:j]:
                page.remove_line(k, Reason.RELATED_BLOCK, evidence)
        i = max(j, i + 1)


# --------------------------------------------------------------------------- corpus templates


def is_paragraph(line: str) -> bool:
    return len(line) >= PARAGRAPH_MIN_CHARS and bool(_PARAGRAPH_MARK.search(line))


def article_span(page: PageState) -> Tuple[int, int]:
    """Indices of the first and last kept article paragraph (``(n, -1)`` if none):
    what lies before is the page head, after it the page tail."""
    key = len(page.cuts)  # lines only go, so the span changes only after a cut
    if page._span is not None and page._span[0] == key:
        return page._span[1]
    kept = [i for i in page.kept_indices() if is_paragraph(page.lines[i])]
    span = (kept[0], kept[-1]) if kept else (len(page.lines), -1)
    page._span = (key, span)
    return span


def drop_template_lines(page: PageState, headline: Optional[str]) -> None:
    """Short lines without sentence punctuation that the corpus shows on many
    unrelated pages of the site (or of the whole corpus): in the page head or
    tail, or anywhere when they contain a word of the page's spam vocabulary.
    The article's headline is never one."""
    if not page.corpus:
        return
    first, last = article_span(page)
    for i, line in enumerate(page.lines):
        if not page.kept(i) or len(line) > MAX_TEMPLATE_LINE_CHARS or line == headline:
            continue
        if SENTENCE_PUNCTUATION.search(line) or not page.corpus.has_line(line):
            continue
        outside = i < first or i > last
        if outside or any(token in line for token in page.vocab.tokens):
            page.remove_line(i, Reason.TEMPLATE_LINE)


# --------------------------------------------------------------------------- injected keywords


def injected_segments(line: str, is_spam_word) -> List[Tuple[int, int]]:
    """Spans ``(start, end)`` of the comma-delimited segments of ``line`` (each
    with its following comma) that are only a spam word (``is_spam_word(segment)``)
    inserted into a sentence: between two commas, neither neighbour itself a
    place (then it is an enumeration)."""
    hits: List[Tuple[int, int]] = []
    for m in _SHORT_SEGMENT.finditer(line):
        seg = m.group().strip()
        if not is_spam_word(seg):
            continue
        start, comma = m.start(), m.end()
        before = line[line.rfind(",", 0, start - 1) + 1:start - 1]
        next_comma = line.find(",", comma + 1)
        after = line[comma + 1:next_comma if next_comma >= 0 else len(line)]
        if not is_spam_word.neighbour_is_place(before, after):
            hits.append((start, comma + 1))
    return hits


# A segment of 2-12 word characters between two commas (zero-width ends, so
# neighbouring segments are all seen).
_SHORT_SEGMENT = re.compile(rf"(?<=,)\s*[{HAN}A-Za-z0-9]{{2,12}}\s*(?=,)")


class _SpamWord:
    """What counts as an injected word on this page."""

    def __init__(self, page: PageState):
        self.page = page
        self.known = known_spam_token(page)

    def __call__(self, seg: str) -> bool:
        if self.known(seg):
            return True
        if not (self.page.spam_evidence and self.page.gazetteer.is_strong_place(seg)):
            return False
        lex = self.page.lexicon
        return lex is None or is_bare_place(lex.tagged(seg))  # 位于巴沟路 is a clause, not a name

    def neighbour_is_place(self, before: str, after: str) -> bool:
        gaz = self.page.gazetteer
        return (gaz.is_strong_place(before.strip()) or gaz.is_strong_place(after.strip())
                or opens_place_enumeration_end(gaz, after.strip()) is not None)  # A,B两县...; A,B等地


def drop_injected_keywords(page: PageState) -> None:
    """Cuts a comma-delimited segment that is only a spam keyword (page or
    corpus vocabulary) or, on a page with other spam, only a place name:
    ``接近2019年年末,大岭山,国家市场监管总局`` -> ``接近2019年年末,国家市场监管总局``."""
    if not (page.vocab or page.corpus or page.spam_evidence):
        return
    is_spam_word = _SpamWord(page)
    for i, line in enumerate(page.lines):
        if not page.kept(i):
            continue
        hits = [(start, end, None) for start, end in injected_segments(line, is_spam_word)] if line.count(",") >= 2 else []
        # a known keyword written as a sentence of its own between two of the paragraph's
        # (``...明显增多。某地婚纱摄影。很多患者...``): the whole sentence is the keyword
        sentences = [m for m in SENTENCE.finditer(line) if m.group(0).strip()]
        if len(sentences) >= 2:
            hits += [(m.start(), m.end(), {"detector": "keyword_sentence"}) for m in sentences
                     if is_spam_word.known(m.group(0).strip().rstrip("。!?"))
                     and not any(a < m.end() and m.start() < b for a, b, _e in hits)]
        if not hits:
            continue
        hits.sort(key=lambda h: h[:2])
        for start, end, evidence in hits:
            page.cut_span(i, Reason.INJECTED_KEYWORD, line[start:end], evidence)
        for start, end, _evidence in reversed(hits):
            line = line[:start] + line[end:]
        page.lines[i] = line


# --------------------------------------------------------------------------- keyword tails


MIN_TAIL_TOKENS = 3  # short tokens after a paragraph's last sentence (fewer: one needs a commercial head)


def keyword_tail(line: str, page: PageState) -> Optional[Tuple[int, List[str]]]:
    """``(start, tokens)`` of a run of short keywords after the last sentence
    of a paragraph (``...价格总体平稳。 皇冠体育 金沙娱乐 新葡京``; also after a Latin
    sentence, ``...said the minister.某某娱乐 某某体育 某某国际``), or None."""
    end = last_sentence_end(line)
    if end < PARAGRAPH_MIN_CHARS or end == len(line) - 1:
        return None
    tail = line[end + 1:]
    tokens = [t for t in TOKEN_SEPARATORS.split(tail) if t]
    if tokens and not all(SHORT_TOKEN.match(t) for t in tokens) and tail[:1].isspace():
        return _comma_keyword_tail(end, tail, page)
    if not tokens or not all(SHORT_TOKEN.match(t) for t in tokens):
        return None
    if any(SHORT_TOKEN.match(c) for c in TOKEN_SEPARATORS.split(line[:end + 1]) if c):
        return None  # keywords before the sentences too: a stuffing line, judged whole
    if page.lexicon is not None and _clauses_between_spaces(tokens, page):
        return None  # the paragraph's last sentence written between spaces, without a full stop
    if len(tokens) < MIN_TAIL_TOKENS:
        lex = page.lexicon
        if lex is None:
            return None
        known = known_spam_token(page)
        marked = [known(t) or commercial_head(t, lex.tagged(t)) is not None for t in tokens]
        # on a page that showed spam, one keyword of the kind is enough for a short tail set apart
        # by a space (``...的地位。 网购 抚远体育``); elsewhere every token must be one
        if not (all(marked) or (page.spam_evidence and any(marked) and tail[:1].isspace())):
            return None
        if len(tokens) == 1 and not tail[:1].isspace():
            return None  # glued to the sentence: a closing word, not a keyword
    return end + 1, tokens


def _clauses_between_spaces(tokens: Sequence[str], page: PageState) -> bool:
    """Whether short tokens are clauses of a sentence written between spaces (``就我而言 不是我们
    喜欢它 是生活抛弃了我们``): half of them hold a grammatical word and none is known spam
    vocabulary or a business name."""
    lex = page.lexicon
    known = known_spam_token(page)
    if any(known(t) or commercial_head(t, lex.tagged(t)) is not None for t in tokens):
        return False
    return 2 * sum(1 for t in tokens if holds_grammar_word(lex.tagged(t))) >= len(tokens)


MIN_COMMA_TAIL_NAMES = 2  # commercial names among comma-separated keywords after a paragraph


def _comma_keyword_tail(end: int, tail: str, page: PageState) -> Optional[Tuple[int, List[str]]]:
    """Keywords set apart by a space after the last sentence and strung with commas
    (``...的关注。 某某维修,某某娱乐,某某代孕中心``): every part a bare noun phrase (no
    grammatical word: ``他说,这个办法好`` is an unfinished sentence) and two of them
    commercial names, known spam words or words with a digit slipped in."""
    lex = page.lexicon
    if lex is None:
        return None
    tokens = [t for t in re.split(r"[\s,、]+", tail) if t]
    if len(tokens) < MIN_TAIL_TOKENS or not all(SHORT_TOKEN.match(t) for t in tokens):
        return None
    known = known_spam_token(page)
    digits = InjectedSegmentFinder(lex, page.gazetteer, "", False).digit_in_word
    marked = 0
    for token in tokens:
        words = lex.tagged(token)
        if holds_grammar_word(words):
            return None
        # a business name, a known spam word, or a word with a digit slipped into it (全1球通)
        marked += known(token) or commercial_head(token, words) is not None or digits(token) is not None
    if marked < MIN_COMMA_TAIL_NAMES:
        return None
    return end + 1, tokens


MIN_GLUED_TAIL_CHARS = 4
MAX_GLUED_TAIL_CHARS = 60
MIN_GLUED_TAIL_NAMES = 2  # business names glued in the tail (one alone may close the sentence)
MIN_GLUED_TAIL_NAMES_WITH_GRAMMAR = 3  # ... when a grammatical word is among them (疯狂的猴子体育官网)
_GLUED_TAIL = re.compile(rf"^[{HAN}A-Za-z0-9]+$")


def _is_head_word(word: str) -> bool:
    low = word.lower()
    return low in COMMERCIAL_HEADS or any(low.endswith(h) for h in _LONG_HEADS if len(low) > len(h))


_LONG_HEADS = tuple(h for h in COMMERCIAL_HEADS if len(h) >= 2)


_CLOSING_BRACKET = re.compile(r"\s*\([^(),,。;;]{1,20}\)")


def glued_keyword_tail(line: str, page: PageState) -> Optional[Tuple[int, Dict[str, object]]]:
    """``(start, evidence)`` of business and site names glued after the last sentence of a
    paragraph without any separator (``...成本将提高。某某装饰公司某某体育官网某某4S店``), else None.
    The tail is judged by its words: no punctuation, and ``MIN_GLUED_TAIL_NAMES`` names in it, each
    ending in a commercial head (体育 官网 维修 贷款 医院...; a run of heads ends one name), or
    opening with a division's name after the last head; with a grammatical word among them,
    ``MIN_GLUED_TAIL_NAMES_WITH_GRAMMAR``.  The start of an unfinished sentence after the last full
    stop (``...。他说这个医院``) has grammatical words and at most one name; a lone name glued to
    the sentence stays."""
    lex = page.lexicon
    if lex is None:
        return None
    end = last_sentence_end(line)
    if end < PARAGRAPH_MIN_CHARS:
        return _glued_name_chain(line, page)
    credit = _CLOSING_BRACKET.match(line, end + 1)  # the paragraph's closing (完), (记者 某某)
    if credit is not None:
        end = credit.end() - 1
    while end + 1 < len(line) and line[end + 1].isspace():
        end += 1  # a space set the tail apart
    tail = line[end + 1:]
    if not (MIN_GLUED_TAIL_CHARS <= len(tail) <= MAX_GLUED_TAIL_CHARS) or not _GLUED_TAIL.match(tail) \
            or not _HEAD_STRING.search(tail.lower()) or not _mostly_chinese(tail):
        return _glued_name_chain(line, page)
    words = lex.tagged(tail)
    found = _glued_names(words, page)
    if found is None:
        return None
    return end + 1, found


_HEAD_STRING = re.compile("|".join(re.escape(h) for h in sorted(COMMERCIAL_HEADS, key=lambda h: (-len(h), h))))
_CLAUSE_CHAR = re.compile(rf"(?!丨)[{HAN}A-Za-z0-9]")  # 丨 is a Han character that strings keywords


def _glued_name_chain(line: str, page: PageState) -> Optional[Tuple[int, Dict[str, object]]]:
    """Names glued to the end of a line that has no clean tail (``...长按识别二维码某地房贷中介某地
    开锁换锁``): from the first division's name in the words after the line's last grammatical
    word, ``MIN_GLUED_TAIL_NAMES`` names to the line's end."""
    if len(line) < PARAGRAPH_MIN_CHARS:
        return None
    start = len(line)  # the line's last clause: the word characters after its last other mark
    while start > 0 and len(line) - start < MAX_GLUED_TAIL_CHARS and _CLAUSE_CHAR.match(line[start - 1]):
        start -= 1
    if len(line) - start < MIN_GLUED_TAIL_CHARS:
        return None
    clause = line[start:]
    # cheap tests before jieba: a chain holds a head and opens with a division's name
    if not _HEAD_STRING.search(clause.lower()) or not page.gazetteer.mentions_division(clause):
        return None
    words = page.lexicon.tagged(clause)
    start = len(words)
    while start > 0 and not holds_grammar_word(words[start - 1:start]):
        start -= 1
    first = next((k for k in range(start, len(words))
                  if len(words[k][0]) >= 2 and page.gazetteer.is_division(words[k][0])), None)
    if first is None or first == 0 and start == 0 and len(clause) == len(line):
        return None
    found = _glued_names(words[first:], page)
    if found is None or len(found["places"]) < 1:
        return None
    chain = "".join(w for w, _t in words[first:])
    found["position"] = "line_end"
    return len(line) - len(chain), found


def _glued_names(words: Sequence[Tuple[str, str]], page: PageState) -> Optional[Dict[str, object]]:
    """Evidence when ``words`` are two or more names glued together (:func:`glued_keyword_tail`)."""
    is_head = [_is_head_word(w) for w, _t in words]
    is_place = [len(w) >= 2 and page.gazetteer.is_division(w) for w, _t in words]
    # a name ends after a run of heads (真人娱乐 ends one) and starts at a division's name (某地房贷
    # 当天放款: a name whose head is not in the closed class)
    segments: List[List[int]] = [[]]
    for k in range(len(words)):
        if is_place[k] and segments[-1]:
            segments.append([])
        segments[-1].append(k)
        if is_head[k] and not (k + 1 < len(words) and is_head[k + 1]):
            segments.append([])
    named = [seg for seg in segments if any(is_head[k] or is_place[k] for k in seg)]
    heads = [words[k][0] for k in range(len(words)) if is_head[k]]
    places = [words[k][0] for k in range(len(words)) if is_place[k]]
    names = len(named)
    needed = MIN_GLUED_TAIL_NAMES_WITH_GRAMMAR if holds_grammar_word(words) else MIN_GLUED_TAIL_NAMES
    if not heads or names < needed:
        return None
    return {"detector": "glued_keyword_tail", "heads": heads[:12], "places": places[:12],
            "words": [f"{w}/{t}" for w, t in words][:24]}


MIN_NAME_LINE_CHARS = 10
MAX_NAME_LINE_CHARS = 80
MIN_LINE_NAMES = 2


def glued_name_line(line: str, page: PageState) -> Optional[Dict[str, object]]:
    """Evidence when a whole line is business or site names glued without any separator
    (``某某娱乐平台某某彩票网某某app下载``), else None: no punctuation or space,
    ``MIN_LINE_NAMES`` names or more (three with a grammatical word among them) (:func:`_glued_names`: a name ends after a run of
    commercial heads, or opens with a division's name), the line ending in a head, and none of
    the names written elsewhere on the page.  One name (``某市人民医院皮肤科``, ``某某体育直播平台``)
    is a heading."""
    if page.lexicon is None or not (MIN_NAME_LINE_CHARS <= len(line) <= MAX_NAME_LINE_CHARS) \
            or not _GLUED_TAIL.match(line) or not _HEAD_STRING.search(line.lower()) or not _mostly_chinese(line):
        return None
    words = page.lexicon.tagged(line)
    if not _is_head_word(words[-1][0]):
        return None
    found = _glued_names(words, page)  # three names when a grammatical word is among them
    if found is None:
        return None
    names, current = [], ""
    heads = [_is_head_word(w) for w, _t in words]
    for k, (w, _t) in enumerate(words):
        if current and len(w) >= 2 and page.gazetteer.is_division(w) and heads[k - 1]:
            names.append(current)
            current = ""
        current += w
        if heads[k] and not (k + 1 < len(words) and heads[k + 1]):
            names.append(current)
            current = ""
    if current:
        names.append(current)
    if len(names) < MIN_LINE_NAMES:
        return None
    text = "\n".join(page.lines)
    if any(text.count(name) > 1 for name in names):
        return None  # the page speaks of one of them
    return dict(found, detector="glued_name_line", names=names[:12])


def drop_keyword_tails(page: PageState) -> None:
    """Cuts the keywords strung after the last sentence of a paragraph, set apart or glued
    (:func:`glued_keyword_tail`); they become page vocabulary."""
    for i, line in enumerate(page.lines):
        # a tail either rule cuts holds a Han character (every short token, every division's name does)
        if not page.kept(i) or len(line) < PARAGRAPH_MIN_CHARS or page.tables()[i] or _CJK_CHAR.search(line) is None:
            continue
        if is_credit(line[last_sentence_end(line) + 1:]):
            continue  # the article's closing credit (南方日报记者 某某 通讯员 某某), not keywords
        found = keyword_tail(line, page)
        if found is None:
            glued = glued_keyword_tail(line, page)
            if glued is not None:
                start, evidence = glued
                page.cut_span(i, Reason.KEYWORD_STUFFING, line[start:], evidence)
                page.lines[i] = line[:start].rstrip()
            continue
        start, tokens = found
        for token in tokens:
            if not page.gazetteer.is_division(token):
                page.vocab.add(token)
        page.cut_span(i, Reason.KEYWORD_STUFFING, line[start:],
                      {"detector": "keyword_tail", "tokens": tokens})
        page.lines[i] = line[:start].rstrip()


def drop_wrapped_keyword_tails(page: PageState) -> None:
    """Keywords in brackets or after a dash strung after the last sentence of a paragraph
    (:class:`.injected.WrappedKeywordTails`); their tokens become page vocabulary."""
    if page.lexicon is None:
        return
    finder = WrappedKeywordTails(page.lexicon, page.gazetteer)
    for i, line in enumerate(page.lines):
        if not page.kept(i) or len(line) < PARAGRAPH_MIN_CHARS and not line.endswith("】"):
            continue
        hit = finder.find(line)
        if hit is None:
            continue
        for token in hit.evidence["tokens"]:
            if SHORT_TOKEN.match(token) and not page.gazetteer.is_division(token):
                page.vocab.add(token)
        page.cut_span(i, Reason.KEYWORD_STUFFING, line[hit.start:], hit.evidence)
        page.lines[i] = line[:hit.start].rstrip()


# --------------------------------------------------------------------------- evidence without repetition


def cut_injected_hits(page: PageState, i: int, hits: Sequence[Hit]) -> None:
    """Cuts the (non-overlapping, ordered) injected spans ``hits`` out of line ``i``, each with its evidence."""
    line = page.lines[i]
    for hit in hits:
        page.cut_span(i, Reason.INJECTED_KEYWORD, line[hit.start:hit.end], hit.evidence)
    for hit in reversed(hits):
        line = line[:hit.start] + line[hit.end:]
    page.lines[i] = line


def drop_injected_segments(page: PageState) -> None:
    """Comma segments that are a bare commercial noun phrase or a lone place
    name, judged on their own words and sentence (:mod:`.injected`)."""
    if page.lexicon is None:
        return
    finder = InjectedSegmentFinder(page.lexicon, page.gazetteer, page.text(), page.spam_evidence)
    for i, line in enumerate(page.lines):
        if not page.kept(i) or line.count(",") < 1 or len(line) < PARAGRAPH_MIN_CHARS // 2:
            continue
        cut_injected_hits(page, i, finder.find(line))


def drop_lottery_segments(page: PageState) -> None:
    """Bare phrases naming a betting site's lottery or its draw tips between the commas of a page
    that speaks of lotteries nowhere else (:meth:`.injected.InjectedSegmentFinder.find_lottery_terms`),
    judged on the page the other rules left: a pasted lottery rule they cut is no report of its own."""
    if page.lexicon is None:
        return
    finder = InjectedSegmentFinder(page.lexicon, page.gazetteer, page.text(), page.spam_evidence)
    for i in page.kept_indices():
        cut_injected_hits(page, i, finder.find_lottery_terms(page.lines[i]))


def drop_glued_gambling_names(page: PageState) -> None:
    """Gambling names glued to the start of a sentence (:class:`.injected.GluedGamblingNames`),
    on a page whose remaining text names gambling nowhere else."""
    if page.lexicon is None:
        return
    finder = GluedGamblingNames(page.lexicon, page.gazetteer)
    found = {i: finder.find(page.lines[i]) for i in page.kept_indices()}
    found = {i: h for i, h in found.items() if h}
    if not found:
        return
    rest = "\n".join(page.lines[i] for i in page.kept_indices())
    for i, hits in found.items():
        for hit in hits:
            rest = rest.replace(page.lines[i][hit.start:hit.end], "", 1)
    if gambling_mentions(rest):
        # names the bracket and wrapper rules cut later are no mention of the page's own
        text = page.text()
        for finder in (BracketedKeywords(page.lexicon, page.gazetteer, text),
                       WrappedClauseNames(page.lexicon, page.gazetteer, text)):
            for i in page.kept_indices():
                if is_prose(page.lines[i]):
                    for hit in finder.find(page.lines[i]):
                        rest = rest.replace(page.lines[i][hit.start:hit.end], "", 1)
    if gambling_mentions(rest):
        return  # the page speaks of gambling: the names are its subject
    for i, hits in sorted(found.items()):
        cut_injected_hits(page, i, hits)


def is_prose(line: str) -> bool:
    """A line of running text a keyword can be slipped into: a comma and at least half a
    paragraph's characters (a paragraph whose sentence end was cut off counts)."""
    return len(line) >= PARAGRAPH_MIN_CHARS // 2 and "," in line  # text is NFKC: one comma


def _drop_hits_in_prose(page: PageState, finder_class) -> None:
    """Cuts what ``finder_class(lexicon, gazetteer, page_text).find(line)`` finds in each kept prose line."""
    if page.lexicon is None:
        return
    finder = finder_class(page.lexicon, page.gazetteer, page.text())
    for i, line in enumerate(page.lines):
        if page.kept(i) and is_prose(line):
            cut_injected_hits(page, i, finder.find(line))


def drop_bracketed_keywords(page: PageState) -> None:
    """Keywords in brackets glued inside a sentence before a comma (:class:`.injected.BracketedKeywords`)."""
    _drop_hits_in_prose(page, BracketedKeywords)


def drop_wrapped_clause_names(page: PageState) -> None:
    """Names set apart by spaces or brackets between a comma and the clause after it
    (:class:`.injected.WrappedClauseNames`)."""
    _drop_hits_in_prose(page, WrappedClauseNames)


def drop_glued_clause_names(page: PageState) -> None:
    """Betting names and county names glued to the start of a clause after a comma
    (:class:`.injected.GluedClauseNames`)."""
    _drop_hits_in_prose(page, GluedClauseNames)


MAX_BANNER_LINE = 2  # a banner is the page's first or second line; further down the head lie lists and infoboxes


def drop_gambling_headers(page: PageState) -> None:
    """In the page head, a banner line above the headline that names a gambling site
    (:class:`.injected.GamblingHeaderLines`); the headline itself is never judged."""
    if page.lexicon is None:
        return
    first, _last = article_span(page)
    head = [i for i in page.kept_indices() if i < first and page.lines[i].strip()]
    judge = GamblingHeaderLines(page.lexicon, page.gazetteer, page.text())
    title = (page.title or "").strip()
    for a, i in enumerate(head[:MAX_BANNER_LINE]):
        line = page.lines[i].strip()
        headline_below = a + 1 < len(head) or (title and line not in title)
        if not headline_below:
            continue
        evidence = judge.judge(line)
        if evidence is not None:
            page.remove_line(i, Reason.SITE_TITLE, evidence)
    # anywhere on the page: a line of nothing but site names, one of them a betting site's, on a
    # page whose other lines name no gambling (a lottery or casino listing is junk, judged whole)
    found = {}
    for i in page.kept_indices():
        line = page.lines[i].strip()
        if line and not (title and line == title):
            evidence = judge.name_line(line)
            if evidence is not None:
                found[i] = evidence
    if not found:
        return
    rest = "\n".join(page.lines[i] for i in page.kept_indices() if i not in found)
    if gambling_mentions(rest):
        return
    for i, evidence in sorted(found.items()):
        page.remove_line(i, Reason.SITE_TITLE, evidence)


MAX_BETTING_BANNER_LINES = 3  # the banner and the promotion lines under it open the page
# the first segment of a title and its separator (a template's symbol too: 某某国际娱乐〓headline)
_TITLE_SEGMENTS = re.compile(rf"^([^_|｜\-—\s{SYMBOL_MARK_CLASS}]{{3,24}})\s*[_|｜\-—{SYMBOL_MARK_CLASS}]+\s*")
_BANNER_LABEL = re.compile(r"^【([^】]{3,24})】(?=\S)")  # 【某某彩票网】 opening a line, text after it


def drop_betting_banners(page: PageState) -> None:
    """The lines opening a page that are nothing but betting sites' names
    (:meth:`.injected.GamblingHeaderLines.banner_names`: ``某某国际平台-某某真人视讯``) or that
    open with such a name in square brackets (``【某某彩票网】请点击右下方的确认键``), and under
    such a banner, a promotion line that ends in one of its names set apart by a space
    (``存款红包立即领取 某某app下载``); further down the page, such a name as a line's
    bracketed label (the label only).  Their names, and those of a title that is such a banner,
    become page vocabulary, so the later rules cut them where the hijacker repeats them (a
    keyword line, a comma segment, a line of its own).  Unlike :func:`drop_gambling_headers`
    the names may recur on the page; the guards are the banner's shape, a paragraph below it,
    and for a banner of one name, a page that speaks of gambling nowhere else."""
    if page.lexicon is None:
        return
    judge = GamblingHeaderLines(page.lexicon, page.gazetteer, "")
    title = (page.title or "").strip()
    learned: List[str] = []
    title_evidence = judge.banner_names(title) if title else None
    if title_evidence is not None:
        learned.extend(title_evidence["names"])
    elif title:  # a title of segments (某某体育投注_headline): its betting names are the hijacker's
        for part in BANNER_SEPARATORS.split(title):
            found = judge.banner_names(part) if part.strip() else None
            if found is not None:
                learned.extend(found["names"])
    kept = [i for i in page.kept_indices() if page.lines[i].strip()]
    paragraphs = [i for i in kept if is_paragraph(page.lines[i])]
    banner = False
    # a banner an earlier rule already took (a site's header of betting names) is a banner too,
    # and a name it cut from the end of a line under it marks that line's promotion
    top = [i for i, line in enumerate(page.lines) if line.strip()][:MAX_BETTING_BANNER_LINES]
    cut_tails: Dict[int, str] = {}
    for k, _order, removal in page.cuts:
        if k not in top or removal.reason != Reason.SITE_TITLE:
            continue
        found = judge.banner_names(removal.text, with_slogans=True)
        if found is not None and not page.kept(k):
            learned.extend(found["names"])
            banner = True
        elif page.kept(k) and removal.text.strip() in learned:
            cut_tails[k] = removal.text.strip()
    for i in kept[:MAX_BETTING_BANNER_LINES]:
        if not paragraphs or paragraphs[-1] <= i:
            break  # the article's body lies below the banner
        line = page.lines[i].strip()
        label = _BANNER_LABEL.match(line)
        evidence = judge.banner_names(line, with_slogans=True) or _vocabulary_banner(page, line, judge)
        if evidence is None and label is not None:
            evidence = judge.banner_names(label.group(1))
            if evidence is not None:  # a betting site's name as the label of a line above the headline
                evidence = dict(evidence, position="label")
        if evidence is not None and len(evidence["names"]) == 1 and not title_evidence:
            rest = "\n".join(page.lines[k] for k in kept if k != i)
            if gambling_mentions(rest.replace(str(evidence["names"][0]), "")):
                evidence = None  # one name on a page that speaks of gambling: perhaps its subject
        if evidence is not None:
            page.remove_line(i, Reason.SITE_TITLE, evidence)
            learned.extend(evidence["names"])
            banner = True
            continue
        prefix = _TITLE_SEGMENTS.match(line)
        if prefix is not None and line[prefix.end():].strip():
            found = judge.banner_names(prefix.group(1))
            if found is not None and judge.banner_names(line[prefix.end():]) is None:
                # a betting name glued before the headline (某某官方网址_headline): the name goes, and
                # the whole line when the headline stands again below it
                headline = line[prefix.end():].strip()
                if any(page.lines[k].strip() == headline for k in kept if k > i):
                    page.remove_line(i, Reason.SITE_TITLE, dict(found, position="title_prefix"))
                else:
                    page.cut_span(i, Reason.SITE_TITLE, line[:prefix.end()], dict(found, position="title_prefix"))
                    page.lines[i] = headline
                learned.extend(found["names"])
                banner = True
                continue
        tail = next((n for n in learned if line.endswith(" " + n) and len(line) > len(n) + 1), None)
        if banner and tail is None and i in cut_tails and _ends_promotion(line):
            page.remove_line(i, Reason.SITE_TITLE, {"detector": "betting_banner", "position": "promotion",
                                                    "names": [cut_tails[i]]})
            continue
        if not banner or tail is None:
            break
        promo = line[: len(line) - len(tail)].strip()
        if _ends_promotion(promo):
            page.remove_line(i, Reason.SITE_TITLE, {"detector": "betting_banner", "position": "promotion",
                                                    "names": [tail]})
        else:  # no sentence before the name: perhaps the headline, which stays
            page.cut_span(i, Reason.SITE_TITLE, tail, {"detector": "betting_banner", "position": "tail",
                                                       "names": [tail]})
            page.lines[i] = promo
    # further down, such a name as the bracketed label of a line: the label goes, the text after it
    # is judged by the other rules (a sentence of the betting site's is pasted, rule 12)
    for i in page.kept_indices():
        label = _BANNER_LABEL.match(page.lines[i])
        found = judge.banner_names(label.group(1)) if label is not None else None
        if found is not None:
            page.cut_span(i, Reason.SITE_TITLE, label.group(0), dict(found, position="label"))
            page.lines[i] = page.lines[i][label.end():]
            learned.extend(found["names"])
    for name in learned:
        if SHORT_TOKEN.match(name):
            page.vocab.add(name)


def _ends_promotion(text: str) -> bool:
    """Whether what stood before a banner's name on a line is a sentence or a clause cut off (a
    promotion), not a headline."""
    return last_sentence_end(text) >= 0 or text.rstrip().endswith((")", "】", ",", ","))


def _vocabulary_banner(page: PageState, line: str, judge: GamblingHeaderLines) -> Optional[Dict[str, object]]:
    """A line of two or three parts that are all page vocabulary or items of a keyword line the
    page carried (``关键字:某某注册送彩金,某某娱乐``), one of them a betting site's name
    (``某某注册送彩金-某某娱乐``)."""
    parts = [p for p in BANNER_SEPARATORS.split(line.strip()) if p]
    if not 2 <= len(parts) <= 3:
        return None
    listed = set(page.vocab.tokens)
    for _i, _order, removal in page.cuts:  # a keyword line cut as page furniture lists them too
        m = patterns.KEYWORD_LINE.match(removal.text) if removal.reason == Reason.PAGE_FURNITURE else None
        if m is not None:
            listed.update(k for k in _KEYWORD_ITEMS.split(m.group("v")) if k)
    if not all(p in listed for p in parts):
        return None
    if not any(judge.banner_names(p) or judge.name_line(p) or judge.judge(p) for p in parts):
        return None
    return {"detector": "betting_banner", "names": parts, "detectors": ["page_vocabulary"] * len(parts)}


def drop_pasted_sentences(page: PageState) -> None:
    """Sentences of unrelated articles, judged by their coherence with the rest of the page
    (:mod:`.coherence`): a sentence alone on its line takes the line with it, one inside a
    paragraph is cut out of it."""
    if page.lexicon is None:
        return
    hits = [hit for hit in find_pasted(page.lines, page.kept, page.title, page.lexicon.zipf, words=page.lexicon.words)
            if not _credit_sentence(page, hit.sentence)]
    by_line: Dict[int, list] = {}
    for hit in hits:
        by_line.setdefault(hit.sentence.line, []).append(hit)
    for i, line_hits in sorted(by_line.items()):
        line = page.lines[i]
        rest = "".join(line[a:b] for a, b in _spans_between(len(line), [(h.sentence.start, h.sentence.end)
                                                                          for h in line_hits]))
        if not rest.strip():
            page.remove_line(i, Reason.PASTED_SENTENCE, line_hits[0].evidence)
            continue
        for hit in line_hits:
            page.cut_span(i, Reason.PASTED_SENTENCE, hit.sentence.text, hit.evidence)
        page.lines[i] = rest.strip()


# A site's reminder to its readers (``某某信息港提醒您:...``), the frame a template pastes a betting
# site's terms into.
_SITE_REMINDER = re.compile(rf"^(?P<site>[{HAN}A-Za-z0-9]{{2,14}}?)(?:提醒您|提醒|温馨提示|友情提示)\s*:")


def drop_gambling_reminders(page: PageState) -> None:
    """A sentence that opens with a site's reminder (a name ending in a site word, ``提醒您:``) and
    speaks of gambling (:func:`gambling_mentions`), on a page whose other text names no gambling: a
    betting site's terms in a template's frame (``某某信息港提醒您:骰宝...销量不计算在活动销量内。``).
    A site's own reminder (``某某网提醒您:注意防范电信诈骗。``) names no gambling."""
    found = []
    for i in page.kept_indices():
        line = page.lines[i]
        if "提" not in line:
            continue  # 提醒, 提示: most lines have neither
        for m in SENTENCE.finditer(line):
            sentence = m.group(0).strip()
            reminder = _SITE_REMINDER.match(sentence)
            if reminder and reminder.group("site").endswith(SITE_NAME_HEADS) and gambling_mentions(sentence):
                found.append((i, m.start(), m.end()))
    if not found:
        return
    rest = "\n".join("".join(page.lines[i][a:b] for a, b in _spans_between(
        len(page.lines[i]), [(x, y) for k, x, y in found if k == i])) for i in page.kept_indices())
    if gambling_mentions(rest):
        return  # a page on gambling: judged whole
    _cut_sentences(page, found, {"detector": "gambling_reminder"})


MIN_BETTING_SENTENCE_HAN = 10  # Han characters of a sentence the betting-text scorer judges
_OPENING_QUOTES = ("“", "「", "『", '"')
MIN_ARTICLE_SENTENCES_BESIDE = 3  # the article's own judged sentences a cut leaves at least
MAX_BETTING_SENTENCE_SHARE = 1 / 3  # of the judged sentences: more make the page the betting site's own
MAX_REST_GAMBLING_MENTIONS = 1  # an injected name the later rules cut may still stand
GAMBLING_CHAR = "赌"  # of 赌博, 赌场, 赌球: what a text on gambling writes and a betting site's own text avoids
# the mean score of the article's own judged sentences: a page on accounts, payments or a platform's
# rules reads like a site's terms in many sentences, a hijacked article in none but the pasted ones
MAX_BESIDE_MEAN_PROBABILITY = 0.06
# the share of a sentence's Han character pairs the rest of the page writes: a site's terms pasted
# into an article share its common pairs only; a rule an article on that rule quotes shares its topic
MAX_BETTING_SENTENCE_OVERLAP = 0.12


def drop_betting_sentences(page: PageState) -> None:
    """Sentences of a betting site's own text pasted into an article (its terms, agents' rules, help
    on deposits: :mod:`.betting_text`'s scorer at its threshold), on a page whose other text
    speaks of no gambling (no 赌, at most one gambling head: a name the later rules cut) and keeps
    :data:`MIN_ARTICLE_SENTENCES_BESIDE` judged sentences of its own that read as no site's text (their
    mean score at most :data:`MAX_BESIDE_MEAN_PROBABILITY`).  A page of more such
    sentences than :data:`MAX_BETTING_SENTENCE_SHARE` of its judged ones is the betting site's and
    is left whole for the quality stage; a report on gambling names it beside them and stays."""
    scorer = betting_text.model()
    others: List[float] = []
    found: Dict[Tuple[int, int, int], Mapping[str, object]] = {}
    for i in page.kept_indices():
        for m in SENTENCE.finditer(page.lines[i]):
            sentence = m.group(0)
            if (len(_CJK_CHAR.findall(sentence)) < MIN_BETTING_SENTENCE_HAN
                    or sentence.lstrip().startswith(_OPENING_QUOTES) or GAMBLING_CHAR in sentence):
                # short; quoted speech (a witness on deposits and withdrawals is the article's); or naming
                # 赌博, which a report or a rule against gambling does and a betting site of itself does not
                continue
            p = scorer.probability(sentence)
            if p >= scorer.threshold:
                found[(i, m.start(), m.end())] = {"probability": round(p, 3), "features": scorer.top(sentence)}
            else:
                others.append(p)
    if not found or len(others) < MIN_ARTICLE_SENTENCES_BESIDE \
            or len(found) > MAX_BETTING_SENTENCE_SHARE * (len(found) + len(others)) \
            or sum(others) / len(others) > MAX_BESIDE_MEAN_PROBABILITY:
        return  # too little article beside them, or an article that reads like a site's terms itself
    rest = "\n".join("".join(page.lines[i][a:b] for a, b in _spans_between(
        len(page.lines[i]), [(x, y) for k, x, y in found if k == i])) for i in page.kept_indices())
    if GAMBLING_CHAR in rest or gambling_mentions(rest) > MAX_REST_GAMBLING_MENTIONS:
        return  # the page speaks of gambling: a report on it quotes such text
    rest_pairs = set(han_pairs(rest))
    for key in list(found):
        pairs = set(han_pairs(page.lines[key[0]][key[1]:key[2]]))
        overlap = len(pairs & rest_pairs) / len(pairs) if pairs else 1.0
        if overlap > MAX_BETTING_SENTENCE_OVERLAP:
            del found[key]  # on the article's topic: a rule or a notice the article quotes
        else:
            found[key] = dict(found[key], overlap=round(overlap, 3))
    _cut_sentences(page, sorted(found), {"detector": "betting_text", "threshold": scorer.threshold}, found)


MAX_PASTED_LOTTERY_RULES = 2  # more on one page make it a lottery's rules page, which the quality stage judges whole


def drop_lottery_rules(page: PageState) -> None:
    """A sentence stating a lottery's winning rule (:func:`~pagewash.transforms.lexicon.is_lottery_rule`:
    ``所选号码与开奖号码相同,即为中奖``) pasted into an article: a betting site's help text.  A page of
    more than :data:`MAX_PASTED_LOTTERY_RULES` of them is the betting site's own and is left whole for
    the quality stage (``lottery_rule_sentence_count``)."""
    found = []
    for i in page.kept_indices():
        line = page.lines[i]
        if "中" not in line:
            continue
        found.extend((i, m.start(), m.end()) for m in SENTENCE.finditer(line) if is_lottery_rule(m.group(0)))
    if not found or len(found) > MAX_PASTED_LOTTERY_RULES:
        return
    _cut_sentences(page, found, {"detector": "lottery_rule"})


def _cut_sentences(page: PageState, found: Sequence[Tuple[int, int, int]], evidence: Mapping[str, object],
                   own: Optional[Mapping[Tuple[int, int, int], Mapping[str, object]]] = None) -> None:
    """Cuts the sentences ``found`` (line, start, end) as pasted ones; a line left empty goes whole.
    ``own``: a sentence's own evidence, added to ``evidence``."""
    own = own or {}
    for i in sorted({i for i, _a, _b in found}):
        spans = [(a, b) for k, a, b in found if k == i]
        line = page.lines[i]
        rest = "".join(line[a:b] for a, b in _spans_between(len(line), spans))
        if not rest.strip():
            page.remove_line(i, Reason.PASTED_SENTENCE, dict(evidence, **own.get((i, *spans[0]), {})))
            continue
        for a, b in spans:
            page.cut_span(i, Reason.PASTED_SENTENCE, line[a:b], dict(evidence, **own.get((i, a, b), {})))
        page.lines[i] = rest.strip()


def _credit_sentence(page: PageState, sentence) -> bool:
    """Whether a sentence is the article's credit: a byline on its own (``新华社记者 某某 报道。``),
    or the lead of the article's first paragraph opening with a credit or dateline
    (``新浪体育讯 记者某某报道 北京时间...``): the lead names its own subject, which the rest of
    the article need not repeat."""
    if is_credit(sentence.text):
        return True
    line = page.lines[sentence.line]
    if line[:sentence.start].strip() or not leading_credit_end(sentence.text):
        return False
    # the first paragraph: no kept line before it ends a sentence (only the headline, bylines)
    return not any(last_sentence_end(page.lines[k]) >= 0 for k in page.kept_indices() if k < sentence.line)


def _spans_between(length: int, cuts: Sequence[Tuple[int, int]]) -> List[Tuple[int, int]]:
    out, pos = [], 0
    for a, b in sorted(cuts):
        out.append((pos, a))
        pos = b
    out.append((pos, length))
    return out
