"""Spam vocabulary: what one page teaches about itself, and what the corpus shows.

*Page vocabulary* (:class:`PageVocabulary`) is learned while a page is cleaned:
the hijacking site's title and its keyword core (深圳小产权房网 -> 小产权房), the
parts of a keyword-stuffed ``<title>``, and the non-place tokens of the page's
own place lists and stuffing lines.  Those words are then looked for where they
hide: between commas inside real sentences.

*Corpus vocabulary* (:class:`CorpusVocabulary`) is computed by the Beam stage
(:mod:`transforms.spam.beam`) from *units* of every page (:func:`page_units`):
each short line, and each short token of a multi-token line.  A unit seen on
at least ``min_pages`` distinct pages of one site (or of the whole corpus) is
template or spam vocabulary.  Pages are told apart by :func:`page_signature`,
so near-copies of one syndicated article count as one page and the article's
own headings never become "frequent".
"""
from __future__ import annotations

import re
from typing import Iterable, List, Mapping, Optional, Sequence, Set, Tuple

import xxhash

from pagewash.transforms.lexicon import HAN_WORD_CHAR as _WORD_CHAR
from pagewash.transforms.lexicon import LIST_SEPARATORS, SENTENCE_PUNCTUATION, SHORT_TOKEN  # noqa: F401
from pagewash.transforms.spam.gazetteer import Gazetteer

GLOBAL_SCOPE = "*"

# A unit is a short line (prefix "l:") or a short token (prefix "t:").
LINE_UNIT, TOKEN_UNIT = "l:", "t:"
MAX_UNIT_LINE_CHARS = 40  # longer lines are content, not template
TOKEN_SEPARATORS = re.compile(r"[\s|｜_]+")
_LONG_LINE_CHARS = 50  # lines at least this long identify an article (page_signature)

# Site-name suffixes stripped from a site title to get its keyword core.
SITE_SUFFIXES = ("信息网", "资讯网", "门户网", "官方网站", "官网", "网站", "论坛", "门户", "在线", "之家",
                 "平台", "频道", "社区", "网")
# The words a site group's local portals end their names with (某地信息港, 某地资讯台, 某地百事通).
LOCAL_PORTAL_HEADS = ("信息港", "服务网", "资讯台", "百事通")
# What a web site's name ends with (``某某信息网``, ``某某信息港``, ``某某平台``): the suffixes the page
# vocabulary strips, the local portals' words, a hotline's (某某热线).
SITE_NAME_HEADS = SITE_SUFFIXES + LOCAL_PORTAL_HEADS + ("热线",)


def site_key(doc_site: Optional[str], doc_id: str) -> str:
    """The scope a page's units are counted in: its host when the URL is known,
    else the folder part of its id (the source folder of a crawl dump)."""
    if doc_site:
        return "site:" + doc_site.lower()
    folder = doc_id.replace("\\", "/").rpartition("/")[0]
    return "dir:" + folder


_TITLE_SEPARATORS = frozenset(" \t|_-–—")
MAX_LEADING_SEPARATORS = 2  # separator characters before the first copy of a doubled title


def _repeats_of(line: str, length: int) -> bool:
    """Whether ``line`` is its first ``length`` characters written again and
    again, with separator runs (spaces, ``|``, ``_``, dashes) between copies."""
    unit, position, copies = line[:length], length, 1
    while position < len(line):
        while position < len(line) and line[position] in _TITLE_SEPARATORS:
            position += 1
        if not line.startswith(unit, position):
            return False
        position += length
        copies += 1
    return copies > 1


def repeated_site_title(line: str) -> Optional[str]:
    """The unit of a line that is one string written twice or more
    (深圳小产权房网深圳小产权房网 -> 深圳小产权房网), else None.

    A scan per candidate length (shortest first), linear in the line: a
    backtracking regex for the same shape ran for minutes on a long run of
    separators.  The unit starts with a non-separator, so skipping separator
    runs greedily cannot miss a copy.  A separator or two before the first
    copy (``_某某热线_某某热线``: a template's title parts glued together) is
    no part of it."""
    stripped = line.lstrip("".join(_TITLE_SEPARATORS))
    if len(line) - len(stripped) <= MAX_LEADING_SEPARATORS:
        line = stripped  # a table's row opens with a run of empty cells (| | | 37 € | 37 € |): no title
    if len(line) > 120 or len(line) < 8 or line.find(line[:4], 4) < 0 or line[0] in _TITLE_SEPARATORS:
        return None
    length = next((n for n in range(4, min(40, len(line) // 2) + 1) if _repeats_of(line, n)), None)
    if length is None:
        return None
    unit = line[:length].strip()
    if len(set(unit)) < 3 or not _WORD_CHAR.search(unit):
        return None
    return unit


def page_units(text: str) -> Set[str]:
    """The units of one page, each once: short lines without sentence
    punctuation; the short tokens of lines of two or more space-, ``|``- or
    ``_``-separated chunks; the unit of a repeated site title.  A line that is a
    single word gives only a line unit, so an article's own headings are
    never tokens."""
    units: Set[str] = set()
    for line in text.split("\n"):
        if not line:
            continue
        if len(line) <= MAX_UNIT_LINE_CHARS and not SENTENCE_PUNCTUATION.search(line):
            units.add(LINE_UNIT + line)
            repeated = repeated_site_title(line)
            if repeated and SHORT_TOKEN.match(repeated):
                units.add(TOKEN_UNIT + repeated)
        chunks = TOKEN_SEPARATORS.split(line)
        if len(chunks) >= 2:
            for chunk in chunks:
                if SHORT_TOKEN.match(chunk):
                    units.add(TOKEN_UNIT + chunk)
    return units


def page_signature(text: str) -> str:
    """A key under which near-copies of the same article collide: the smallest
    hash of the page's long lines (a one-permutation MinHash, so two pages
    share it with probability equal to the Jaccard overlap of their long
    lines); the hash of the whole text when the page has no long line."""
    best = None
    for line in text.split("\n"):
        # Paragraphs only: lines with several spaces are lists or stuffing, which
        # spam generators vary from page to page.
        if len(line) >= _LONG_LINE_CHARS and line.count(" ") <= 2:
            h = xxhash.xxh64_intdigest(line.encode("utf-8"))
            if best is None or h < best:
                best = h
    if best is None:
        best = xxhash.xxh64_intdigest(text.encode("utf-8"))
    return format(best, "016x")


class PageVocabulary:
    """Spam words learned from one page while it is cleaned."""

    def __init__(self) -> None:
        self.tokens: Set[str] = set()

    def __contains__(self, token: str) -> bool:
        return token in self.tokens

    def __len__(self) -> int:
        return len(self.tokens)

    def add(self, token: str) -> None:
        token = token.strip()
        if len(token) >= 2:
            self.tokens.add(token)

    def add_site_title(self, title: str, gazetteer: Gazetteer) -> None:
        """Learns a site title and its keyword core: 深圳小产权房网 -> 深圳小产权房, 小产权房."""
        self.add(title)
        core = title
        for suffix in SITE_SUFFIXES:
            if core.endswith(suffix) and len(core) - len(suffix) >= 2:
                core = core[: -len(suffix)]
                break
        self.add(core)
        names, _covered = gazetteer.segment(core[:6])
        for name in names:
            if core.startswith(name) and len(core) - len(name) >= 2:
                self.add(core[len(name):])
                break


class CorpusVocabulary:
    """The frequent units of one page's scopes (its site and the whole corpus),
    looked up without copying the side input."""

    __slots__ = ("_tables",)

    def __init__(self, tables: Sequence[Mapping[str, int]] = ()):
        self._tables = tuple(t for t in tables if t)

    @classmethod
    def for_scopes(cls, index: Optional[Mapping[str, Mapping[str, int]]], scopes: Iterable[str]
                   ) -> "CorpusVocabulary":
        if not index:
            return cls()
        return cls([index.get(scope) for scope in scopes])

    def __bool__(self) -> bool:
        return bool(self._tables)

    def has_line(self, line: str) -> bool:
        unit = LINE_UNIT + line
        for table in self._tables:
            if unit in table:
                return True
        return False

    def has_token(self, token: str) -> bool:
        unit = TOKEN_UNIT + token
        for table in self._tables:
            if unit in table:
                return True
        return False


EMPTY_CORPUS_VOCABULARY = CorpusVocabulary()


def vocabulary_index(entries: Iterable[Tuple[Tuple[str, str], int]]) -> Mapping[str, Mapping[str, int]]:
    """``{scope: {unit: distinct pages}}`` from ``((scope, unit), count)`` pairs
    (the side input the cleaner reads)."""
    index: dict = {}
    for (scope, unit), count in sorted(entries):
        index.setdefault(scope, {})[unit] = count
    return index


def is_frequent(unit: str, count: int, scope_pages: int, min_pages: int, min_line_share: float) -> bool:
    """Tokens need ``min_pages`` distinct pages; whole lines also a share
    ``min_line_share`` of the scope's pages, so a headline that some related
    lists repeat is not mistaken for the site's header or footer."""
    if count < min_pages:
        return False
    return not unit.startswith(LINE_UNIT) or count >= min_line_share * scope_pages


def frequent_units(pages: Iterable[Tuple[str, Optional[str], str]], min_pages: int, min_line_share: float,
                   max_per_scope: int, max_units: int) -> List[Tuple[Tuple[str, str], int]]:
    """The in-memory reference of :class:`transforms.spam.beam.CorpusSegmentStats`
    for small inputs and tests: ``pages`` are ``(doc_id, site, text)``; returns
    the kept ``((scope, unit), count)`` pairs in the same order and bounds."""
    seen: Set[Tuple[str, str, str]] = set()
    scope_pages: dict = {}
    for doc_id, site, text in pages:
        if not text:
            continue
        sig = page_signature(text)
        scopes = (site_key(site, doc_id), GLOBAL_SCOPE)
        for scope in scopes:
            scope_pages[scope] = scope_pages.get(scope, 0) + 1
        for unit in page_units(text):
            for scope in scopes:
                seen.add((scope, unit, sig))
    counts: dict = {}
    for scope, unit, _sig in seen:
        counts[(scope, unit)] = counts.get((scope, unit), 0) + 1
    by_scope: dict = {}
    for (scope, unit), c in counts.items():
        if c >= min_pages:
            by_scope.setdefault(scope, []).append(((scope, unit), c))
    kept = []
    for scope, items in by_scope.items():
        top = sorted(items, key=rank_key, reverse=True)[:max_per_scope]
        kept.extend(e for e in top
                    if is_frequent(e[0][1], e[1], scope_pages[scope], min_pages, min_line_share))
    return sorted(kept, key=rank_key, reverse=True)[:max_units]


def rank_key(entry: Tuple[Tuple[str, str], int]) -> Tuple[int, str, str]:
    """Total order of frequent units: more pages first, then by scope and unit,
    so the bounded vocabulary is the same whatever the bundle order."""
    (scope, unit), count = entry
    return (count, scope, unit)
