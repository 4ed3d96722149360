"""Bytes -> text: charset detection and decoding, the web's way.

Order of evidence, after the WHATWG Encoding and HTML standards:

1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. BOM-less UTF-16/32, told by its NUL pattern (English in UTF-16 is every
   other byte NUL; no real UTF-8 or legacy page has that many NULs);
3. the HTTP ``Content-Type`` charset (WARC responses);
4. the page's ``<meta charset>`` / ``http-equiv`` declaration, where
   ``utf-16``/``utf-32`` in markup means UTF-8 (markup that could be read as
   ASCII is not UTF-16) and ``x-user-defined`` means windows-1252; failing
   that, an ``encoding=`` attribute of the page's first tag (an XHTML page's
   ``<?xml ... encoding="gbk"?>``, or a crawl archive's record wrapper);
5. strict UTF-8;
6. a page mixing UTF-8 and a legacy charset, decoded line by line;
7. a statistical detector (charset-normalizer);
8. GB18030, if the bytes decode with it: the detector can give up on a long
   legacy Chinese page, and GB18030 is the charset of most undeclared
   non-UTF-8 pages in the corpora this pipeline is built for.

Charset names are looked up in the Encoding Standard's label table
(``webencodings``): ``latin1`` is windows-1252, ``gb2312`` is GBK, and names
that are not text encodings (``rot13``, ``zlib``, ``base64``) are refused.
Chinese legacy charsets are widened to their supersets (GBK -> GB18030,
Big5 -> CP950) because real pages declared GB2312 use GBK-only characters.
A declaration is used only if the bytes decode with it (at most
``_TOLERANCE`` of them invalid); a GBK page declaring UTF-8 falls through to
the next evidence.  Undecodable bytes are replaced, never fatal; bytes that
are not text in any charset (binary junk) become an error record
(``BinaryContent``).
"""
from __future__ import annotations

import codecs
import re
import threading
from typing import List, NamedTuple, Optional, Union

import apache_beam as beam
import webencodings

from pagewash.transforms.record import Doc, ErrorRecord, Kind, Reason, Rejected, reject
from pagewash.transforms.normalize import normalize_text
from pagewash.transforms.stage import StageDoFn, StageOutputs, apply_stage

STAGE = "decode"

# WHATWG encoding names -> the superset codec we decode with.
_SUPERSETS = {
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "big5": "cp950",
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
# ``encoding="..."`` in the first tag of the page: the XML declaration, or a wrapper element.
_FIRST_TAG_ENCODING = re.compile(
    rb"""\A\s*<[?!]?[a-zA-Z][^>]{0,2048}?\bencoding\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE)

# How much of a page the meta scan, the NUL test and the detector look at.
_META_SCAN_BYTES = 16 * 1024
_DETECT_SAMPLE_BYTES = 64 * 1024
_NUL_SAMPLE_BYTES = 4096
# A charset is accepted when at most this fraction of the bytes are invalid
# in it (a truncated multi-byte character, a stray byte).
_TOLERANCE = 0.001
# Text with more than this fraction of control characters is binary junk.
_MAX_CONTROL_FRACTION = 0.05
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")


class Decoded(NamedTuple):
    text: str
    encoding: str  # the codec used ("utf-8+gb18030" for a page decoded line by line)
    evidence: str  # bom | nul_pattern | http | meta | utf-8 | mixed | detector | fallback


def codec_for(charset: Optional[str]) -> Optional[str]:
    """The Python codec to decode a declared ``charset`` with, or None if it is not a known text encoding."""
    if not charset:
        return None
    encoding = webencodings.lookup(charset.strip().strip("\"'"))
    if encoding is None or encoding.name == "replacement":
        return None
    if encoding.name == "x-user-defined":  # not a Python codec; browsers decode it as windows-1252
        return codecs.lookup("cp1252").name
    name = _SUPERSETS.get(encoding.name, encoding.codec_info.name)
    return codecs.lookup(name).name


def charset_from_header(content_type: Optional[str]) -> Optional[str]:
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return match.group(1) if match else None


def charset_from_meta(data: bytes) -> Optional[str]:
    """The charset the markup declares: ``<meta>`` first, else the first tag's ``encoding=``."""
    head = data[:_META_SCAN_BYTES]
    match = _META_CHARSET.search(head) or _FIRST_TAG_ENCODING.match(head)
    return match.group(1).decode("ascii", "ignore") if match else None


class _ErrorCount(threading.local):
    count = 0


_ERRORS = _ErrorCount()


def _count_and_replace(exc: UnicodeDecodeError):
    _ERRORS.count += 1
    return "\ufffd", exc.end


codecs.register_error("pagewash-count", _count_and_replace)


def decode_checked(data: bytes, codec: str, tolerance: float = _TOLERANCE) -> Optional[str]:
    """``data`` decoded with ``codec`` if at most ``tolerance`` of its bytes are invalid (replaced), else None."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        pass
    _ERRORS.count = 0
    text = data.decode(codec, errors="pagewash-count")
    return text if _ERRORS.count <= max(1, tolerance * len(data)) else None


def _try_utf8(data: bytes) -> Optional[str]:
    return decode_checked(data, "utf-8")


def nul_pattern_codec(data: bytes) -> Optional[str]:
    """UTF-16/32 (LE or BE) without a BOM, told by where the NUL bytes are; None if there is no such pattern."""
    sample = data[:_NUL_SAMPLE_BYTES]
    sample = sample[:len(sample) - len(sample) % 4]
    if len(sample) < 8 or sample.count(0) < len(sample) // 4:
        return None
    quarter = len(sample) // 4
    zeros = [sum(1 for i in range(k, len(sample), 4) if sample[i] == 0) for k in range(4)]
    if zeros[1] > 0.9 * quarter and zeros[2] > 0.9 * quarter and zeros[3] > 0.9 * quarter:
        return "utf-32-le"
    if zeros[0] > 0.9 * quarter and zeros[1] > 0.9 * quarter and zeros[2] > 0.9 * quarter:
        return "utf-32-be"
    odd, even = zeros[1] + zeros[3], zeros[0] + zeros[2]
    if odd > 0.6 * 2 * quarter and even < 0.1 * 2 * quarter:
        return "utf-16-le"
    if even > 0.6 * 2 * quarter and odd < 0.1 * 2 * quarter:
        return "utf-16-be"
    return None


def _detect(data: bytes) -> Optional[str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_DETECT_SAMPLE_BYTES]).best()
    return codec_for(best.encoding) if best is not None else None


def decode_mixed(data: bytes, legacy: Optional[str]) -> Optional[Decoded]:
    """A page whose lines are partly UTF-8 and partly a legacy charset, decoded line by line
    (None when the page is not such a mix)."""
    lines = data.split(b"\n")
    utf8_lines, other = 0, []
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_lines += 1
        except UnicodeDecodeError:
            other.append(line)
    if utf8_lines < 2 or not other:
        return None
    if legacy is None or legacy == "utf-8":
        legacy = _detect(b"\n".join(other)) or "gb18030"
    out: List[str] = []
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(line.decode(legacy, errors="replace"))
    return Decoded("\n".join(out), f"utf-8+{legacy}", "mixed")


def decode_bytes(data: bytes, http_charset: Optional[str] = None, sniff_meta: bool = True) -> Decoded:
    """Decodes ``data`` following the evidence order in the module docstring."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(codec, errors="replace"), codec, "bom")
    wide = nul_pattern_codec(data)
    if wide is not None:
        text = decode_checked(data, wide)
        if text is not None:
            return Decoded(text, wide, "nul_pattern")
    declared = [("http", codec_for(http_charset))]
    if sniff_meta:
        meta = codec_for(charset_from_meta(data))
        if meta is not None and meta.startswith(("utf-16", "utf-32")):
            meta = "utf-8"  # WHATWG: a UTF-16 declaration in markup readable as ASCII means UTF-8
        declared.append(("meta", meta))
    legacy = None
    for evidence, codec in declared:
        if not codec or codec.startswith(("utf-16", "utf-32")):  # no NUL pattern: not UTF-16/32
            continue
        text = decode_checked(data, codec)
        if text is not None:
            return Decoded(text, codec, evidence)
        legacy = legacy or (codec if codec != "utf-8" else None)
    utf8 = _try_utf8(data)
    if utf8 is not None:
        return Decoded(utf8, "utf-8", "utf-8")
    mixed = decode_mixed(data, legacy)
    if mixed is not None:
        return mixed
    detected = _detect(data)
    if detected and not detected.startswith(("utf-16", "utf-32")):
        return Decoded(data.decode(detected, errors="replace"), detected, "detector")
    chinese = decode_checked(data, "gb18030")
    if chinese is not None:
        return Decoded(chinese, "gb18030", "fallback")
    if legacy:
        return Decoded(data.decode(legacy, errors="replace"), legacy, "fallback")
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
