"""Readers: files, directories and globs on any Beam filesystem -> raw page records.

One composite, :class:`ReadPages`, handles every input format:

- text dumps (``.txt``): one page per file, decoded later as plain text;
- HTML (``.html``, ``.htm``, ``.xhtml``): one page per file;
- JSON Lines (``.jsonl``, ``.jsonl.gz``): one page per line, fields ``id``
  (optional), ``url`` (optional), ``html`` or ``text``, and optionally
  ``title`` and ``published``;
- WARC (``.warc``, ``.warc.gz``): HTTP ``response`` records whose content type
  is HTML, as in Common Crawl.

Every record a reader sees ends up as exactly one output: a :class:`Doc`, a
:class:`Rejected` (an unsupported file, a page over the size limit) or an
:class:`ErrorRecord` (a broken JSON line, a truncated gzip or WARC, a path
that is not a regular file).  Records read before a file breaks are kept.

Work and memory are bounded per record: a JSON line is read at most
``max_page_bytes`` at a time (a longer one is skipped to its newline and
rejected ``too_large``), a WARC header line at most ``MAX_WARC_HEADER_LINE``
bytes and a record's header block at most ``MAX_WARC_HEADER_BYTES``.  Any
exception while turning one line into a record (a recursion error from deep
nesting, a type error) is that line's error record; the rest of the file is
read.  Every string a reader emits is made encodable (lone surrogates
replaced and counted, :mod:`transforms.boundary`).
"""
from __future__ import annotations

import gzip
import io
import json
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional, Tuple, Union

import apache_beam as beam
import orjson

from pagewash.transforms.boundary import encodable_record
from pagewash.transforms.inputs import (InputFile, SkippedPath, expand_input, glob_root, open_input,  # noqa: F401
                               relative_id)
from pagewash.transforms.record import Doc, ErrorRecord, Kind, Reason, Rejected
from pagewash.transforms import counters
from pagewash.transforms.stage import StageDoFn, StageOutputs, apply_stage, counter, stage_counter

STAGE = "read"

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")

# Blank lines a WARC may carry after its last record.
_WARC_TRAILER_SLACK = 8
# A WARC or HTTP header line longer than this, or a header block larger than
# this, is refused (warcio would read it whole, in quadratic time).
MAX_WARC_HEADER_LINE = 64 * 1024
MAX_WARC_HEADER_BYTES = 1024 * 1024
# How much of an over-long JSON line is searched for the record's id.
_ID_SCAN_BYTES = 64 * 1024
# Skipping the rest of an over-long line, this much at a time.
_SKIP_CHUNK = 1 << 20

ReadResult = Union[Doc, Rejected, ErrorRecord]


@dataclass(frozen=True)
class ReadLimits:
    """Per-page limits applied while reading, before any expensive work."""

    max_page_bytes: int = 8 * 1024 * 1024


def file_format(path: str) -> Optional[str]:
    lower = path.lower()
    for fmt, suffixes in (("jsonl", JSONL_SUFFIXES), ("warc", WARC_SUFFIXES),
                          ("html", HTML_SUFFIXES), ("text", TEXT_SUFFIXES)):
        if lower.endswith(suffixes):
            return fmt
    return None


def _error(doc_id: Optional[str], source: str, exc: BaseException) -> ErrorRecord:
    return ErrorRecord(id=doc_id, source=source, stage=STAGE, error_type=type(exc).__name__,
                       message=str(exc)[:2000] or repr(exc)[:2000])


def _malformed(doc_id: str, source: str, message: str) -> ErrorRecord:
    return ErrorRecord(id=doc_id, source=source, stage=STAGE, error_type="MalformedRecord", message=message)


def _too_large(doc_id: str, source: str, size: int, limits: ReadLimits, url: Optional[str] = None) -> Rejected:
    return Rejected(id=doc_id, source=source, stage=STAGE, reason=Reason.TOO_LARGE,
                    detail=f"{size} bytes > max_page_bytes {limits.max_page_bytes}", url=url)


def skipped_path_error(skipped: SkippedPath) -> ErrorRecord:
    """The error record of a path that was listed (or named) but not read."""
    return ErrorRecord(id=relative_id(skipped.root, skipped.path) if skipped.root != skipped.path else skipped.path,
                       source=skipped.path, stage=STAGE, error_type=skipped.error_type, message=skipped.message)


def read_single_page(file: InputFile, kind: str, limits: ReadLimits) -> ReadResult:
    doc_id = relative_id(file.root, file.path)
    if file.size > limits.max_page_bytes:
        return _too_large(doc_id, file.path, file.size, limits)
    with open_input(file) as handle:
        data = handle.read(limits.max_page_bytes + 1)
    if len(data) > limits.max_page_bytes:
        return _too_large(doc_id, file.path, len(data), limits)
    return Doc(id=doc_id, source=file.path, kind=kind, content=data)


class TruncatedInput(Exception):
    """A compressed or framed file that ends before its own end marker."""


class GzipStream(io.RawIOBase):
    """Python's multi-member gzip reader that ends quietly at a truncation and says so.

    ``gzip.GzipFile`` returns every byte that decompresses before it raises
    ``EOFError`` at a missing end-of-stream marker; this stream turns that
    error into end-of-file and sets :attr:`truncated`, which readers check
    after their last record (so the records before the cut are kept).
    Corrupt data (``BadGzipFile``, ``zlib.error``) still raises.
    """

    def __init__(self, raw):
        super().__init__()
        self._raw = raw
        self._gzip = gzip.GzipFile(fileobj=raw, mode="rb")
        self.truncated = False

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        if self.truncated:
            return 0
        try:
            data = self._gzip.read1(len(target))  # one raw read: nothing decompressed is held back
        except EOFError:
            self.truncated = True
            return 0
        target[:len(data)] = data
        return len(data)

    def close(self) -> None:
        self._gzip.close()
        self._raw.close()
        super().close()


class _Stream:
    """A file's content as a binary stream, gunzipped when the name ends in .gz."""

    def __init__(self, file: InputFile):
        raw = open_input(file)
        if file.path.lower().endswith(".gz"):
            self.gzip: Optional[GzipStream] = GzipStream(raw)
            self.stream = io.BufferedReader(self.gzip, buffer_size=1 << 16)
        else:
            self.gzip, self.stream = None, raw

    @property
    def truncated(self) -> bool:
        return self.gzip is not None and self.gzip.truncated

    def check_whole(self) -> None:
        if self.truncated:
            raise TruncatedInput("gzip data ends before its end-of-stream marker (truncated file)")


# --------------------------------------------------------------------------- JSON Lines
def bounded_lines(stream, limit: int) -> Iterator[Tuple[int, Optional[bytes], int, bytes]]:
    """The lines of ``stream``: (number, line or None when over ``limit`` bytes, size, prefix).

    No line is held longer than ``limit`` + 1 bytes: a longer one is skipped
    to its newline (``size`` counts it all) and only its first bytes
    (``prefix``) are kept, to look for the record's id.
    """
    number = 0
    while True:
        line = stream.readline(limit + 2)  # content + "\r\n"
        if not line:
            return
        number += 1
        content = len(line.rstrip(b"\r\n"))
        if content <= limit:
            yield number, line, content, b""
            continue
        prefix, size = line[:_ID_SCAN_BYTES], len(line)
        while not line.endswith(b"\n"):
            line = stream.readline(_SKIP_CHUNK)
            if not line:
                break
            size += len(line)
        yield number, None, size, prefix


def id_in_prefix(prefix: bytes) -> Optional[str]:
    """The top-level ``"id"`` string of a JSON object whose start is ``prefix``, if it is there."""
    text = prefix.decode("utf-8", "replace")
    decoder = json.JSONDecoder()
    pos = _skip_ws(text, 0)
    if pos >= len(text) or text[pos] != "{":
        return None
    pos += 1
    try:
        while True:
            pos = _skip_ws(text, pos)
            if pos >= len(text) or text[pos] != '"':
                return None
            key, pos = json.decoder.scanstring(text, pos + 1)
            pos = _skip_ws(text, pos)
            if pos >= len(text) or text[pos] != ":":
                return None
            pos = _skip_ws(text, pos + 1)
            value, pos = decoder.raw_decode(text, pos)
            if key == "id":
                return value if isinstance(value, str) and value else None
            pos = _skip_ws(text, pos)
            if pos >= len(text) or text[pos] != ",":
                return None
            pos += 1
    except (ValueError, RecursionError):  # the value runs past the prefix, or is malformed
        return None


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def parse_json_line(line: bytes):
    """A JSON value from one line: orjson, else the standard library for what orjson refuses.

    orjson is strict: it refuses escaped lone surrogates (``"\\ud800"``) and
    invalid UTF-8.  Those lines are decoded with stray bytes replaced and
    parsed by ``json``, which keeps lone surrogates (the record boundary
    replaces them later).  Nesting deeper than orjson's limit (1024) is an
    error, never a ``RecursionError`` that escapes.
    """
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        message = str(exc)
        if "surrogate" not in message and "UTF-8" not in message:
            raise
    return json.loads(line.decode("utf-8", "replace"))


def jsonl_record(line: bytes, doc_id: str, source: str, limits: ReadLimits) -> ReadResult:
    """One JSON Lines record -> a Doc, or an error record for a malformed line.

    ``doc_id`` is the line's location (``path#line``), used when the record
    has no ``id``; an ``id`` that is not a string is an error (ids are never
    coerced: ``1`` and ``"1"`` would collide).
    """
    if len(line.rstrip(b"\r\n")) > limits.max_page_bytes:
        return _too_large(doc_id, source, len(line), limits)
    try:
        obj = parse_json_line(line)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        return _error(doc_id, source, exc)
    if not isinstance(obj, dict):
        return _malformed(doc_id, source, f"expected a JSON object, got {type(obj).__name__}")
    record_id = obj.get("id")
    if record_id is not None and not isinstance(record_id, str):
        return _malformed(doc_id, source, f"'id' must be a string, got {type(record_id).__name__} "
                                          f"{json.dumps(record_id)[:100]}")
    if record_id:
        doc_id = record_id
    html, text = obj.get("html"), obj.get("text")
    if not isinstance(html, str) and not isinstance(text, str):
        return _malformed(doc_id, source, "record has neither an 'html' nor a 'text' string field")
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    fields = dict(id=doc_id, source=source, url=url,
                  title=obj.get("title") if isinstance(obj.get("title"), str) else None,
                  published=obj.get("published") if isinstance(obj.get("published"), str) else None)
    if isinstance(html, str):
        return Doc(kind=Kind.HTML, html=html, **fields)
    return Doc(kind=Kind.TEXT, text=text, **fields)


def _one_record(line: bytes, doc_id: str, source: str, limits: ReadLimits) -> ReadResult:
    """``jsonl_record`` where any exception is the line's own error record."""
    try:
        return jsonl_record(line, doc_id, source, limits)
    except Exception as exc:  # anything one line can raise stays with that line
        return _error(doc_id, source, exc)


def read_jsonl(file: InputFile, limits: ReadLimits) -> Iterator[ReadResult]:
    rel = relative_id(file.root, file.path)
    line_number = 0
    try:
        opened = _Stream(file)
        with opened.stream as stream:
            for line_number, line, size, prefix in bounded_lines(stream, limits.max_page_bytes):
                if line is None:
                    yield _too_large(id_in_prefix(prefix) or f"{rel}#{line_number}", file.path, size, limits)
                    continue
                if not line.strip():
                    continue
                if opened.truncated and not line.endswith(b"\n"):
                    line_number -= 1  # the cut-off tail of a truncated file is not a record
                    break
                yield _one_record(line, f"{rel}#{line_number}", file.path, limits)
            opened.check_whole()
    except Exception as exc:  # a truncated gzip, an I/O error: keep what was read, record the break
        yield _error(f"{rel}#{line_number + 1}", file.path, exc)


# --------------------------------------------------------------------------- WARC
class HeaderTooLong(Exception):
    """A WARC or HTTP header line or block over the reader's bound."""


def _bounded_reader_class():
    from warcio.bufferedreaders import DecompressingBufferedReader

    class BoundedLineReader(DecompressingBufferedReader):
        """warcio's buffered reader with bounded header lines.

        warcio reads header lines with ``readline()`` (and only those: payloads
        are read with ``read()``), appending to its line buffer block by block:
        a 64 MB line takes minutes.  Lines here stop at
        ``MAX_WARC_HEADER_LINE`` bytes, and the lines read between two
        payload reads (one header block) at ``MAX_WARC_HEADER_BYTES``.
        """

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._header_bytes = 0

        def readline(self, length=None):
            cap = MAX_WARC_HEADER_LINE + 1
            line = super().readline(cap if length is None or length > cap else length)
            if len(line) > MAX_WARC_HEADER_LINE and not line.endswith(b"\n"):
                raise HeaderTooLong(f"a header line is over {MAX_WARC_HEADER_LINE} bytes")
            self._header_bytes += len(line)
            if self._header_bytes > MAX_WARC_HEADER_BYTES:
                raise HeaderTooLong(f"a header block is over {MAX_WARC_HEADER_BYTES} bytes")
            return line

        def read(self, length=None):
            self._header_bytes = 0
            return super().read(length)

    return BoundedLineReader


def read_warc(file: InputFile, limits: ReadLimits) -> Iterator[ReadResult]:
    """HTML responses of a WARC file; ids are WARC-Record-IDs.

    A broken record ends the file with an error record whose id is
    ``<relative path>#record<n>`` (n counts records from 1).
    """
    from warcio.archiveiterator import ArchiveIterator

    from pagewash.transforms.decode import charset_from_header

    rel = relative_id(file.root, file.path)
    number = 0
    try:
        opened = _Stream(file)
        end_of_last_record = 0
        with opened.stream as stream:
            archive = ArchiveIterator(stream, arc2warc=True)
            # warcio creates its reader in __init__ and first uses it when iterated.
            archive.reader = _bounded_reader_class()(archive.fh, block_size=archive.reader.block_size)
            for number, record in enumerate(archive, start=1):
                if record.rec_headers.get_header("Content-Length") is None:
                    raise TruncatedInput(f"record {number} has no Content-Length (cut-off or malformed headers)")
                is_html = False
                if record.rec_type == "response" and record.http_headers is not None:
                    content_type = record.http_headers.get_header("Content-Type") or ""
                    is_html = content_type.lower().split(";")[0].strip() in HTML_CONTENT_TYPES
                    if not is_html:
                        stage_counter(STAGE, "warc_non_html_skipped").inc()
                body = record.content_stream().read(limits.max_page_bytes + 1) if is_html else b""
                while record.raw_stream.read(1 << 16):  # drain, to see whether the record is whole
                    pass
                if getattr(record.raw_stream, "limit", 0) > 0:
                    raise TruncatedInput(f"record {number} ends {record.raw_stream.limit} bytes "
                                         "before its Content-Length (truncated file)")
                end_of_last_record = archive.get_record_offset() + archive.get_record_length()
                if not is_html:
                    continue
                doc_id = record.rec_headers.get_header("WARC-Record-ID") or f"{rel}#record{number}"
                url = record.rec_headers.get_header("WARC-Target-URI")
                if len(body) > limits.max_page_bytes:
                    yield _too_large(doc_id, file.path, len(body), limits, url=url)
                    continue
                yield Doc(id=doc_id, source=file.path, kind=Kind.HTML, url=url, content=body,
                          http_charset=charset_from_header(content_type),
                          fetched=record.rec_headers.get_header("WARC-Date"))
            number += 1
            opened.check_whole()
            # warcio silently stops at a record whose headers were cut off; in an
            # uncompressed file that shows as unread bytes after the last record.
            if opened.gzip is None and file.size - end_of_last_record > _WARC_TRAILER_SLACK:
                raise TruncatedInput(f"{file.size - end_of_last_record} bytes after the last whole record "
                                     "(truncated file)")
    except Exception as exc:
        yield _error(f"{rel}#record{number + 1}", file.path, exc)


# --------------------------------------------------------------------------- dispatch
def read_input_file(file: Union[InputFile, SkippedPath], limits: ReadLimits) -> Iterator[ReadResult]:
    """Every record in one input file, dispatched on the file's extension; each made encodable."""
    for record in _read_any(file, limits):
        fixed, replaced = encodable_record(record)
        if replaced:
            stage_counter(STAGE, "surrogates_replaced").inc(replaced)
        yield fixed


def _read_any(file: Union[InputFile, SkippedPath], limits: ReadLimits) -> Iterator[ReadResult]:
    if isinstance(file, SkippedPath):
        yield skipped_path_error(file)
        return
    fmt = file_format(file.path)
    if fmt in ("text", "html"):
        try:
            yield read_single_page(file, Kind.TEXT if fmt == "text" else Kind.HTML, limits)
        except Exception as exc:  # an unreadable file is an error record, not a failed run
            yield _error(relative_id(file.root, file.path), file.path, exc)
    elif fmt == "jsonl":
        yield from read_jsonl(file, limits)
    elif fmt == "warc":
        yield from read_warc(file, limits)
    else:
        yield Rejected(id=relative_id(file.root, file.path), source=file.path, stage=STAGE,
                       reason=Reason.UNSUPPORTED_FILE,
                       detail="not .txt, .html/.htm, .jsonl[.gz] or .warc[.gz]")


class _ExpandInputs(beam.DoFn):
    def __init__(self, exclude: Optional[str]):
        self.exclude = exclude

    def process(self, spec):
        try:
            listed = expand_input(spec, self.exclude)
        except Exception as exc:  # a filesystem that cannot be listed: one error record for the spec
            listed = [SkippedPath(spec, spec, "UnreadablePath", f"cannot list input: {exc}"[:2000])]
        for item in listed:
            if isinstance(item, SkippedPath):
                stage_counter(STAGE, f"skipped_{item.error_type}").inc()
            yield item


class _ReadFile(StageDoFn):
    def __init__(self, limits: ReadLimits):
        super().__init__(STAGE)
        self.limits = limits

    def apply(self, file):
        records = counter(counters.INPUT_RECORDS)
        for result in read_input_file(file, self.limits):
            records.inc()
            yield result


class ReadPages(beam.PTransform):
    """Input specs (files, directories, globs) -> raw page records, with rejections and errors."""

    def __init__(self, inputs: Iterable[str], limits: ReadLimits = ReadLimits(), exclude: Optional[str] = None):
        super().__init__()
        self.inputs = sorted(set(inputs))
        self.limits = limits
        self.exclude = exclude  # the run's output directory: never read as input

    def expand(self, pbegin) -> StageOutputs:
        files = (
            pbegin
            | "InputSpecs" >> beam.Create(self.inputs)
            | "MatchFiles" >> beam.ParDo(_ExpandInputs(self.exclude))
            | "SpreadFiles" >> beam.Reshuffle()
        )
        # Files are spread over workers; pages are not reshuffled: shuffling raw HTML would
        # move (and, on a local runner, buffer) the whole input, where reading, decoding and
        # extraction fused in one worker only pass on the much smaller article text.
        read = apply_stage(files, "ReadRecords", _ReadFile(self.limits), partial=True)
        return read
