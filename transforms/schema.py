"""The output schema, defined once: Parquet (pyarrow) and JSON Lines share it.

``docs/SCHEMA.md`` documents every field.  JSON objects carry the same fields
in the same order; map-typed fields are JSON objects with sorted keys.
Rejected and error records are written as JSON Lines only, with the fields
of :func:`rejected_row` and :func:`error_row`.
"""
from __future__ import annotations

from typing import Any, Dict

import pyarrow as pa

from pagewash.transforms.record import Doc, ErrorRecord, Rejected

SCHEMA_VERSION = "1"

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
        pa.field("removed", pa.map_(pa.string(), pa.int64()), nullable=False),
        pa.field("quality", pa.map_(pa.string(), pa.float64())),
        pa.field("dedup", pa.struct([pa.field("cluster", pa.string()),
                                     pa.field("cluster_size", pa.int64())])),
        pa.field("meta", pa.map_(pa.string(), pa.string()), nullable=False),
    ],
    metadata={"pagewash.schema_version": SCHEMA_VERSION, "pagewash.record": "clean"},
)

def _sorted_map(mapping) -> Dict[str, Any]:
    return {str(k): mapping[k] for k in sorted(mapping)} if mapping else {}


def clean_row(doc: Doc) -> Dict[str, Any]:
    """A kept document as a row of :data:`CLEAN_SCHEMA` (also its JSON object)."""
    text = doc.text or ""
    dedup = None
    if doc.dedup is not None:
        dedup = {"cluster": doc.dedup.get("cluster"), "cluster_size": doc.dedup.get("cluster_size")}
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
        "removed": {k: int(v) for k, v in _sorted_map(doc.removed).items()},
        "quality": {k: float(v) for k, v in _sorted_map(doc.quality).items()} if doc.quality is not None else None,
        "dedup": dedup,
        "meta": {k: str(v) for k, v in _sorted_map(doc.meta).items()},
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
        # JSON gives objects; Parquet maps come back as lists of (key, value) pairs: dict() takes both.
        return None if value is None else dict(value)

    return Doc(
        id=row["id"], source=row["source"], kind=Kind.TEXT, url=row.get("url"), text=row.get("text") or "",
        title=row.get("title"), published=row.get("published"), fetched=row.get("fetched"),
        site_name=row.get("site_name"), lang=row.get("lang"), lang_score=row.get("lang_score"),
        removed=as_dict(row.get("removed")) or {}, quality=as_dict(row.get("quality")),
        dedup=as_dict(row.get("dedup")), meta=as_dict(row.get("meta")) or {},
    )
