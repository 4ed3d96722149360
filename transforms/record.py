"""The records that flow through the pipeline, and the reason codes.

One immutable :class:`Doc` travels from the reader to the writer; every stage
returns a new one with :func:`dataclasses.replace`.  A page the pipeline decides
not to keep becomes a :class:`Rejected` (with a stable reason code); an input
that fails becomes an :class:`ErrorRecord`.  Every input record ends in exactly
one of the three.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional

# Tags of the side outputs every stage may produce.
REJECTED = "rejected"
ERRORS = "errors"


class Kind:
    """What the payload of a raw page is."""

    HTML = "html"
    TEXT = "text"


class Reason:
    """Stable reason codes for rejected pages (also Beam counter names:
    ``rejected:<reason>``).  Later stages add their own codes here so the full
    list lives in one place."""

    # read / decode / extract
    UNSUPPORTED_FILE = "unsupported_file"  # a file the readers do not handle
    TOO_LARGE = "too_large"  # page bytes above --max_page_bytes
    EMPTY_PAGE = "empty_page"  # nothing at all in the input record
    NO_TEXT = "no_text"  # extraction found no text
    TOO_COMPLEX = "too_complex"  # more elements than --max_extract_elements (checked before parsing)
    EXTRACTION_TIMEOUT = "extraction_timeout"  # stopped by the CPU backstop (--extract_cpu_seconds)

    # spam cleaning (transforms/spam): a page with no text left once spam is cut
    SPAM_ONLY = "spam_only"
    # spam cleaning: what was cut from a kept page (keys of Doc.removed, and the
    # reasons of the --audit records); docs/SPAM.md describes each rule
    PLACE_LIST = "place_list"  # lines/blocks of place names and addresses
    KEYWORD_STUFFING = "keyword_stuffing"  # strings of short keywords, with any sentences pasted among them
    INJECTED_KEYWORD = "injected_keyword"  # a place name / spam keyword put between commas in a sentence
    PASTED_SENTENCE = "pasted_sentence"  # a sentence of an unrelated article (transforms/spam/coherence.py)
    SITE_TITLE = "site_title"  # the hijacking site's title, repeated or as a header
    SPAM_LINK = "spam_link"  # bare URLs, URL-only lines, sitemap links, link lists
    RELATED_BLOCK = "related_block"  # 推荐阅读 / related-article headers and their headline lists
    PAGE_FURNITURE = "page_furniture"  # share/print/breadcrumb/navigation lines
    METADATA_LINE = "metadata_line"  # date/source, 原标题, 责编, copyright lines (values go to metadata)
    TEMPLATE_LINE = "template_line"  # a short line the corpus shows on many unrelated pages of the site
    # dedup (transforms/dedup/carry.py): a span of the kept copy that other copies of the
    # article had cut as spam
    CLUSTER_SPAM = "cluster_spam"

    # quality (transforms/quality): language filter, then the quality filters in the order
    # they are checked; the first failing one is the reason.  See docs/QUALITY.md.
    LANGUAGE_NOT_WANTED = "language_not_wanted"  # lang not in --languages
    LOW_LANGUAGE_SCORE = "low_language_score"  # language id unsure (mixed or garbled text)
    TOO_FEW_WORDS = "too_few_words"  # near-empty page
    TOO_MANY_WORDS = "too_many_words"  # over Gopher's 100,000 words
    FLAGGED_WORDS = "flagged_words"  # gambling, porn, drugs, obscenity
    PINYIN_ANNOTATIONS = "pinyin_annotations"  # 創(chuàng)業: converted to dodge dedup
    MIXED_SCRIPTS = "mixed_scripts"  # half-converted Traditional/Simplified
    TOO_MANY_URLS = "too_many_urls"  # link farm, bare link list
    DUPLICATE_LINES = "duplicate_lines"  # repeated lines (Gopher, FineWeb)
    REPEATED_TOP_NGRAM = "repeated_top_ngram"  # one n-gram dominates (Gopher)
    DUPLICATE_NGRAMS = "duplicate_ngrams"  # repeated passages, templated or spun text (Gopher)
    TOO_MANY_SYMBOLS = "too_many_symbols"  # separators, bullets, hashtags
    BULLET_LINES = "bullet_lines"  # nearly all lines are bullets (Gopher)
    ELLIPSIS_LINES = "ellipsis_lines"  # truncated snippets (Gopher)
    TOO_MANY_DIGITS = "too_many_digits"  # number lists, lottery results
    NON_ALPHABETIC = "non_alphabetic"  # too few tokens with a letter (Gopher)
    TOO_FEW_STOPWORDS = "too_few_stopwords"  # keyword or place lists, not prose
    SHORT_LINES = "short_lines"  # navigation and index pages
    LOW_PUNCTUATION = "low_punctuation"  # headline lists, menus (C4, FineWeb)
    NO_PARAGRAPH = "no_paragraph"  # CJK text without one paragraph-length line: greetings, visitor counters

    # dedup (transforms/dedup): duplicate_of names the kept document
    EXACT_DUPLICATE = "exact_duplicate"  # same normalised text as the kept document
    NEAR_DUPLICATE = "near_duplicate"  # MinHash-verified near-duplicate (or its exact copy)


# Keys of Doc.removed that are SEO spam (as opposed to page furniture, related-article
# blocks, metadata lines or markup the extractor dropped): what the quality signal
# spam_removed_frac counts, and what the dedup keep order calls "spam found".
SPAM_REMOVAL_REASONS = frozenset({
    Reason.PLACE_LIST, Reason.KEYWORD_STUFFING, Reason.INJECTED_KEYWORD, Reason.SITE_TITLE,
    Reason.SPAM_LINK, Reason.TEMPLATE_LINE, Reason.PASTED_SENTENCE, Reason.CLUSTER_SPAM,
})


@dataclass(frozen=True)
class Doc:
    """A document on its way through the pipeline.

    ``content`` holds the raw bytes until decoding, ``html`` the decoded markup
    until extraction; both are dropped (set to ``None``) once used so that the
    records shuffled by later stages stay small.
    """

    id: str
    source: str  # the input file (full path or URL) the record came from
    kind: str = Kind.HTML  # Kind.HTML or Kind.TEXT
    url: Optional[str] = None
    content: Optional[bytes] = None
    http_charset: Optional[str] = None  # charset from an HTTP Content-Type header
    html: Optional[str] = None
    text: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None  # ISO 8601 date or datetime
    fetched: Optional[str] = None  # crawl date (WARC-Date), ISO 8601
    site_name: Optional[str] = None
    lang: Optional[str] = None
    lang_score: Optional[float] = None
    removed: Mapping[str, int] = field(default_factory=dict)  # reason -> chars removed
    quality: Optional[Mapping[str, float]] = None
    dedup: Optional[Mapping[str, Any]] = None
    meta: Mapping[str, str] = field(default_factory=dict)  # further metadata (canonical url, editor, ...)

    @property
    def site(self) -> Optional[str]:
        """The host of the page's URL, if it has one (used to group pages by site)."""
        if not self.url:
            return None
        from urllib.parse import urlsplit

        try:
            return urlsplit(self.url).hostname or None
        except ValueError:
            return None

    def replace(self, **changes: Any) -> "Doc":
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class Rejected:
    """A page the pipeline chose not to keep, with the text at that point."""

    id: str
    source: str
    stage: str
    reason: str
    detail: str = ""
    text: Optional[str] = None
    url: Optional[str] = None
    duplicate_of: Optional[str] = None


@dataclass(frozen=True)
class ErrorRecord:
    """An input that failed: where it came from, which stage, and the error."""

    id: Optional[str]
    source: str
    stage: str
    error_type: str
    message: str


def reject(doc: Doc, stage: str, reason: str, detail: str = "", **extra: Any) -> Rejected:
    """The rejection of ``doc`` at ``stage`` for ``reason``."""
    text = doc.text
    if text is None and doc.html is not None:
        text = doc.html
    return Rejected(id=doc.id, source=doc.source, stage=stage, reason=reason, detail=detail,
                    text=text, url=doc.url, **extra)


def error_from_exception(element: Any, stage: str, exc_type: Any, exc_value: Any) -> ErrorRecord:
    """An error record for ``element`` (a Doc or anything else) that raised in ``stage``."""
    doc_id = getattr(element, "id", None)
    source = getattr(element, "source", None) or getattr(element, "path", None) or repr(element)[:300]
    type_name = getattr(exc_type, "__name__", str(exc_type))
    return ErrorRecord(id=doc_id, source=source, stage=stage, error_type=type_name,
                       message=str(exc_value)[:2000])
