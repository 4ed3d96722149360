"""The record boundary: every string a reader emits is encodable UTF-8.

Python strings may hold lone surrogates (``"\\ud800"`` escaped in JSON, the
raw bytes ``ED A0 80`` that ``json.loads`` lets through, file names that are
not UTF-8).  Beam's coders encode strings as strict UTF-8, outside any
exception handling: one such string would fail the run.  Readers therefore
pass every record through :func:`encodable_record`, which replaces each lone
surrogate with U+FFFD (a well-formed surrogate pair becomes its character) and
says how many it replaced, so later stages and coders never see one.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Mapping, Tuple, TypeVar


T = TypeVar("T")


def encodable_text(text: str) -> Tuple[str, int]:
    """``text`` with lone surrogates replaced by U+FFFD, and how many were replaced."""
    try:
        text.encode("utf-8")
        return text, 0
    except UnicodeEncodeError:
        pass
    # UTF-16 round trip: a high+low pair becomes its character, a lone one U+FFFD.
    fixed = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return fixed, fixed.count("\ufffd") - text.count("\ufffd")


def _fix(value: Any) -> Tuple[Any, int]:
    if isinstance(value, str):
        return encodable_text(value)
    if isinstance(value, Mapping):
        total, out = 0, {}
        for key, item in value.items():
            new_key, a = _fix(key)
            new_item, b = _fix(item)
            out[new_key] = new_item
            total += a + b
        return (out, total) if total else (value, 0)
    if isinstance(value, (list, tuple)) and not hasattr(value, "_fields"):
        items = [_fix(item) for item in value]
        total = sum(count for _, count in items)
        return (type(value)(item for item, _ in items), total) if total else (value, 0)
    return value, 0


def encodable_record(record: T) -> Tuple[T, int]:
    """A dataclass record (Doc, Rejected, ErrorRecord) with every string field encodable,
    and the number of lone surrogates replaced."""
    changes, total = {}, 0
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        fixed, count = _fix(value)
        if count:
            changes[field.name] = fixed
            total += count
    return (dataclasses.replace(record, **changes), total) if changes else (record, 0)
