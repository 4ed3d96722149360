"""The records that flow through the pipeline.

One immutable :class:`Doc` travels from the reader to the writer; every stage
returns a new one with :func:`dataclasses.replace`.  A page the pipeline decides
not to keep becomes a :class:`Rejected` (with a stable reason code from
:mod:`pagewash.transforms.reasons`); an input
that fails becomes an :class:`ErrorRecord`.  Every input record ends in exactly
one of the three.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Tuple

# The reason codes live in transforms/reasons.py (a registry, with their stages and groups);
# importable from here too, as every stage has always done.
from pagewash.transforms.reasons import SPAM_REMOVAL_REASONS, Reason  # noqa: F401

# Tags of the side outputs every stage may produce.
REJECTED = "rejected"
ERRORS = "errors"


class Kind:
    """What the payload of a raw page is."""

    HTML = "html"
    TEXT = "text"


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
    meta: Mapping[str, str] = field(default_factory=dict)  # output metadata, key by key in docs/SCHEMA.md
    # Working data one stage hands to a later one (never written to the corpus):
    # the keywords the page's markup stuffed (<title>, <meta keywords>, hidden blocks), from
    # extraction to spam cleaning, which learns them as page vocabulary and clears them;
    markup_keywords: Tuple[str, ...] = ()
    # the spam units spam cleaning learned on the page (transforms/dedup/carry.py), for dedup
    # to carry to the kept member of a near-duplicate cluster.
    spam_vocabulary: Tuple[str, ...] = ()
    # the page's first line when spam cleaning cut it whole as a site's name (a site's title or
    # header, a betting banner) on a page with no title of its own whose text left opens with a
    # paragraph: the headline was that name, which the quality stage's doorway test reads
    # (transforms/quality/doorway.py).
    cut_headline: Optional[str] = None

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
