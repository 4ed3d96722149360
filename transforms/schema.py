"""The output schema, defined once: Parquet (pyarrow) and JSON Lines share it.

``docs/SCHEMA.md`` documents every field.  JSON objects carry the same fields
in the same order; the nested fields are structs with declared fields (JSON objects with
every field, in declared order), so JSON Lines and Parquet have the same shape.
Rejected and error records are written as JSON Lines only, with the fields
of :func:`rejected_row` and :func:`error_row`.
"""
from __future__ import annotations

from typing import Any, Dict, Mapping, Optional

import pyarrow as pa

from pagewash.transforms.quality.signals import SIGNAL_NAMES
from pagewash.transforms.reasons import REMOVAL_REASONS
from pagewash.transforms.record import Doc, ErrorRecord, Rejected

SCHEMA_VERSION = "2"

# Characters removed from a kept page, per removal reason (transforms/reasons.py: the extraction
# pre-pass and text clean-up, spam cleaning, dedup's carried-over spam).  A fixed struct, so every
# loader maps it without options and JSON Lines and Parquet have the same shape; a reason not
# registered is added into ``other`` (tests check the fixtures produce none), so the fields always
# sum to what was removed.
REMOVAL_FIELDS = REMOVAL_REASONS
REMOVAL_OTHER = "other"

# Quality signals (transforms/quality/signals.py, names only ever added) and the score.
QUALITY_FIELDS = SIGNAL_NAMES + ("score",)

# The documented page metadata (docs/SCHEMA.md); the stages' working keys (the markup
# keywords the spam cleaner learns from, ...) stay inside the pipeline.
META_FIELDS = ("charset", "extraction", "canonical_url", "html_lang", "source_name", "author", "editor",
               "reporter", "original_title", "copyright")

REMOVED_TYPE = pa.struct([pa.field(name, pa.int64(), nullable=False)
                          for name in REMOVAL_FIELDS + (REMOVAL_OTHER,)])
QUALITY_TYPE = pa.struct([pa.field(name, pa.float64()) for name in QUALITY_FIELDS])
META_TYPE = pa.struct([pa.field(name, pa.string()) for name in META_FIELDS])
DEDUP_TYPE = pa.struct([pa.field("cluster", pa.string()), pa.field("cluster_size", pa.int64())])

CLEAN_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("source", pa.string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("published", pa.string()),
        pa.field("fetched", pa.string()),
        pa.field("site_name", pa.string()),
        pa.field("text", pa.string(), nullable=False),
        pa.field("lang", pa.string()),
        pa.field("lang_score", pa.float64()),
        pa.field("chars", pa.int64(), nullable=False),
        pa.field("removed", REMOVED_TYPE, nullable=False),
        pa.field("quality", QUALITY_TYPE),
        pa.field("dedup", DEDUP_TYPE),
        pa.field("meta", META_TYPE, nullable=False),
    ],
    metadata={"pagewash.schema_version": SCHEMA_VERSION, "pagewash.record": "clean"},
)


def removed_struct(removed: Optional[Mapping[str, int]]) -> Dict[str, int]:
    """``Doc.removed`` as the fixed ``removed`` struct (undeclared reasons summed into ``other``)."""
    removed = removed or {}
    row = {name: int(removed.get(name, 0)) for name in REMOVAL_FIELDS}
    row[REMOVAL_OTHER] = sum(int(v) for k, v in removed.items() if k not in row)
    return row


def clean_row(doc: Doc) -> Dict[str, Any]:
    """A kept document as a row of :data:`CLEAN_SCHEMA` (also its JSON object): every field
    present, in schema order, ``null`` where a stage has not computed it."""
    text = doc.text or ""
    dedup = None
    if doc.dedup is not None:
        dedup = {"cluster": doc.dedup.get("cluster"), "cluster_size": doc.dedup.get("cluster_size")}
    quality = None
    if doc.quality is not None:
        quality = {name: (float(doc.quality[name]) if doc.quality.get(name) is not None else None)
                   for name in QUALITY_FIELDS}
    meta = doc.meta or {}
    return {
        "id": doc.id,
        "url": doc.url,
        "source": doc.source,
        "title": doc.title,
        "published": doc.published,
        "fetched": doc.fetched,
        "site_name": doc.site_name,
        "text": text,
        "lang": doc.lang,
        "lang_score": doc.lang_score,
        "chars": len(text),
        "removed": removed_struct(doc.removed),
        "quality": quality,
        "dedup": dedup,
        "meta": {name: (str(meta[name]) if meta.get(name) is not None else None) for name in META_FIELDS},
    }


def rejected_row(rejected: Rejected) -> Dict[str, Any]:
    return {
        "id": rejected.id,
        "source": rejected.source,
        "stage": rejected.stage,
        "reason": rejected.reason,
        "detail": rejected.detail,
        "url": rejected.url,
        "duplicate_of": rejected.duplicate_of,
        "text": rejected.text,
    }


def error_row(error: ErrorRecord) -> Dict[str, Any]:
    return {
        "id": error.id,
        "source": error.source,
        "stage": error.stage,
        "error_type": error.error_type,
        "message": error.message,
    }


def doc_from_clean_row(row: Dict[str, Any]) -> Doc:
    """Reads a clean record back (for re-filtering an earlier output)."""
    from pagewash.transforms.record import Kind

    def as_dict(value):
        # structs come back as dicts; a map of an older output (schema 1) as a JSON object
        # or as (key, value) pairs: dict() takes all of them.
        return None if value is None else dict(value)

    def present(value):
        return {k: v for k, v in (as_dict(value) or {}).items() if v is not None}

    removed = {k: v for k, v in present(row.get("removed")).items() if v}
    return Doc(
        id=row["id"], source=row["source"], kind=Kind.TEXT, url=row.get("url"), text=row.get("text") or "",
        title=row.get("title"), published=row.get("published"), fetched=row.get("fetched"),
        site_name=row.get("site_name"), lang=row.get("lang"), lang_score=row.get("lang_score"),
        removed=removed, quality=present(row.get("quality")) if row.get("quality") is not None else None,
        dedup=as_dict(row.get("dedup")), meta=present(row.get("meta")),
    )
