"""Bytes -> text: charset detection and decoding.

Order of evidence: a byte-order mark, then the HTTP ``Content-Type`` charset
(WARC responses), then the page's own ``<meta charset>`` / ``http-equiv``
declaration, then strict UTF-8, then a statistical detector
(charset-normalizer).  Chinese legacy charsets are widened to their
supersets — GB2312 and GBK pages are decoded as GB18030, Big5 as CP950 —
because real pages declared GB2312 routinely contain GBK-only characters.
Undecodable bytes are replaced, never fatal; bytes that are not text in any
charset (binary junk) become an error record (``BinaryContent``).
"""
from __future__ import annotations

import codecs
import re
from typing import NamedTuple, Optional, Union

import apache_beam as beam

from pagewash.transforms.record import Doc, ErrorRecord, Kind, Reason, Rejected, reject
from pagewash.transforms.normalize import normalize_text
from pagewash.transforms.stage import StageDoFn, StageOutputs, apply_stage

STAGE = "decode"

# Charset names as pages declare them -> the codec we decode with.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "gb18030": "gb18030",
    "big5": "cp950",
    "big5-tw": "cp950",
    "x-x-big5": "cp950",
    "cp950": "cp950",
    "iso-8859-1": "cp1252",  # as browsers do (WHATWG encoding standard)
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE)

# How much of a page the meta scan and the detector look at.
_META_SCAN_BYTES = 16 * 1024
_DETECT_SAMPLE_BYTES = 64 * 1024
# Strict UTF-8 is accepted with replacements when at most this fraction of the
# bytes are invalid (a truncated multi-byte character, a stray byte).
_UTF8_TOLERANCE = 0.001
# Text with more than this fraction of control characters is binary junk.
_MAX_CONTROL_FRACTION = 0.05
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")


class Decoded(NamedTuple):
    text: str
    encoding: str  # the codec used
    evidence: str  # bom | http | meta | utf-8 | detector | fallback


def codec_for(charset: Optional[str]) -> Optional[str]:
    """The Python codec to decode a declared ``charset`` with, or None if unknown."""
    if not charset:
        return None
    name = charset.strip().strip("\"'").lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def charset_from_header(content_type: Optional[str]) -> Optional[str]:
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return match.group(1) if match else None


def charset_from_meta(data: bytes) -> Optional[str]:
    match = _META_CHARSET.search(data[:_META_SCAN_BYTES])
    return match.group(1).decode("ascii", "ignore") if match else None


def _try_utf8(data: bytes) -> Optional[str]:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(1, _UTF8_TOLERANCE * len(data)):
        return text
    return None


def _detect(data: bytes) -> Optional[str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_DETECT_SAMPLE_BYTES]).best()
    return codec_for(best.encoding) if best is not None else None


def decode_bytes(data: bytes, http_charset: Optional[str] = None, sniff_meta: bool = True) -> Decoded:
    """Decodes ``data`` following the evidence order in the module docstring."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(codec, errors="replace"), codec, "bom")
    declared = [("http", codec_for(http_charset))]
    if sniff_meta:
        declared.append(("meta", codec_for(charset_from_meta(data))))
    for evidence, codec in declared:
        if codec:
            # A page whose declared charset is UTF-8 but whose bytes are not
            # (or the reverse) is common; trust the declaration only if it
            # decodes cleanly or nothing else does.
            try:
                return Decoded(data.decode(codec), codec, evidence)
            except UnicodeDecodeError:
                utf8 = _try_utf8(data) if codec != "utf-8" else None
                if utf8 is not None:
                    return Decoded(utf8, "utf-8", "utf-8")
                return Decoded(data.decode(codec, errors="replace"), codec, evidence)
    utf8 = _try_utf8(data)
    if utf8 is not None:
        return Decoded(utf8, "utf-8", "utf-8")
    detected = _detect(data)
    if detected:
        return Decoded(data.decode(detected, errors="replace"), detected, "detector")
    return Decoded(data.decode("utf-8", errors="replace"), "utf-8", "fallback")


def looks_binary(text: str) -> bool:
    """True when decoded text is mostly control characters or replacements."""
    if not text:
        return False
    sample = text[:_DETECT_SAMPLE_BYTES]
    return len(_CONTROL.findall(sample)) > _MAX_CONTROL_FRACTION * len(sample)


def decode_page(doc: Doc) -> Union[Doc, Rejected, ErrorRecord]:
    """Decodes ``doc.content`` into ``doc.html`` (HTML pages) or normalised ``doc.text`` (text dumps).

    Records that arrive as strings (JSON Lines) skip the byte decoding; text
    records are normalised either way.
    """
    meta = dict(doc.meta)
    if doc.content is not None:
        data = doc.content
        if not data.strip():
            return reject(doc.replace(content=None), STAGE, Reason.EMPTY_PAGE, "no bytes")
        decoded = decode_bytes(data, doc.http_charset, sniff_meta=doc.kind == Kind.HTML)
        if looks_binary(decoded.text):
            return ErrorRecord(id=doc.id, source=doc.source, stage=STAGE, error_type="BinaryContent",
                               message=f"{len(data)} bytes do not decode to text "
                                       f"(best guess {decoded.encoding}, by {decoded.evidence})")
        meta["charset"] = decoded.encoding
        if doc.kind == Kind.HTML:
            return doc.replace(content=None, html=decoded.text, meta=meta)
        raw_text = decoded.text
    elif doc.kind == Kind.TEXT:
        raw_text = doc.text or ""
    else:
        return doc
    text = normalize_text(raw_text)
    if not text:
        return reject(doc.replace(content=None, text=""), STAGE, Reason.EMPTY_PAGE, "no text")
    return doc.replace(content=None, text=text, meta=meta)


class DecodePages(beam.PTransform):
    """Raw bytes -> decoded markup or normalised text, with binary junk routed to errors."""

    def expand(self, docs) -> StageOutputs:
        return apply_stage(docs, "Decode", StageDoFn(STAGE, decode_page))
