"""Document ids that stay unique across crawls.

Readers give every record a *local* id, unique within one run: the path
relative to the input root (files), the record's ``id`` or ``<path>#<line>``
(JSON Lines), the ``WARC-Record-ID`` (WARC).  Local ids of two dated crawls
collide as soon as both have a ``page_002.html``, so a refresh that dedups
against an earlier index needs ids scoped to the crawl:

- ``--id_prefix crawl-2026-12/`` puts every id of the run in that namespace
  (``crawl-2026-12/page_002.html``);
- a WARC-Record-ID (``<urn:uuid:...>``) is unique by construction and is kept
  as it is, prefix or not.

The page URL is not used as the id: one crawl may fetch a URL twice (revisits,
redirects to the same target) and a URL's content changes between crawls, so a
URL id would collide inside a run and between runs by design; it stays in the
``url`` field.  Ids that still collide with an earlier index (the same prefix
given twice) are caught by the dedup index, which keeps both entries and
reports the collision (``transforms/dedup/index.py``).
"""
from __future__ import annotations

import dataclasses
from typing import TypeVar

_GLOBALLY_UNIQUE_PREFIXES = ("<urn:uuid:", "urn:uuid:")

R = TypeVar("R")


def validate_prefix(prefix: str) -> str:
    """The prefix as given, or ValueError for one that cannot scope ids."""
    if prefix and (prefix != prefix.strip() or any(ch in prefix for ch in "\n\r\t\x00")):
        raise ValueError(f"--id_prefix {prefix!r} has surrounding blanks or control characters")
    return prefix


def document_id(local_id: str, prefix: str = "") -> str:
    """The id a record carries in the output: ``prefix + local_id``, except for
    ids that are already globally unique (WARC-Record-IDs)."""
    if not prefix or local_id.startswith(_GLOBALLY_UNIQUE_PREFIXES):
        return local_id
    return prefix + local_id


def with_document_id(record: R, prefix: str) -> R:
    """``record`` (a Doc, Rejected or ErrorRecord) with its id put in the run's namespace."""
    local_id = getattr(record, "id", None)
    if not prefix or local_id is None:
        return record
    new_id = document_id(local_id, prefix)
    return record if new_id == local_id else dataclasses.replace(record, id=new_id)
