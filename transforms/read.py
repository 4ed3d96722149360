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
:class:`ErrorRecord` (a broken JSON line, a truncated gzip or WARC).  Records
read before a file breaks are kept.
"""
from __future__ import annotations

import io
import json
import posixpath
import re
import zlib
from dataclasses import dataclass
from typing import Iterable, Iterator, List, NamedTuple, Optional, Union

import apache_beam as beam
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems

from pagewash.transforms.record import Doc, ErrorRecord, Kind, Reason, Rejected
from pagewash.transforms.stage import StageDoFn, StageOutputs, apply_stage, stage_counter

STAGE = "read"

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")

# Blank lines a WARC may carry after its last record.
_WARC_TRAILER_SLACK = 8

_GLOB_CHARS = re.compile(r"[*?\[]")

ReadResult = Union[Doc, Rejected, ErrorRecord]


@dataclass(frozen=True)
class ReadLimits:
    """Per-page limits applied while reading, before any expensive work."""

    max_page_bytes: int = 8 * 1024 * 1024


class InputFile(NamedTuple):
    root: str  # the directory ids are relative to
    path: str  # the file's full path
    size: int


def _join(root: str, pattern: str) -> str:
    return root.rstrip("/") + "/" + pattern


def relative_id(root: str, path: str) -> str:
    """The id of a file: its path relative to the input root it was found under."""
    root = root.rstrip("/")
    if root and path.startswith(root + "/"):
        return path[len(root) + 1:]
    return posixpath.basename(path)


def glob_root(pattern: str) -> str:
    """The directory part of a glob before its first wildcard."""
    match = _GLOB_CHARS.search(pattern)
    head = pattern[: match.start()] if match else pattern
    return head.rsplit("/", 1)[0] if "/" in head else ""


def expand_input(spec: str) -> List[InputFile]:
    """The files an ``--input`` value names: a file, a directory (recursively) or a glob."""
    if _GLOB_CHARS.search(spec):
        root = glob_root(spec)
        result = FileSystems.match([spec])[0]
        return [InputFile(root, m.path, m.size_in_bytes) for m in result.metadata_list]
    result = FileSystems.match([spec])[0]
    exact = [m for m in result.metadata_list if m.path.rstrip("/") == spec.rstrip("/")]
    if exact and not _is_directory(spec):
        root = spec.rsplit("/", 1)[0] if "/" in spec else ""
        return [InputFile(root, m.path, m.size_in_bytes) for m in exact]
    root = spec.rstrip("/")
    matched = FileSystems.match([_join(root, "**")])[0]
    return [InputFile(root, m.path, m.size_in_bytes) for m in matched.metadata_list
            if not m.path.endswith("/")]


def _is_directory(path: str) -> bool:
    import os

    if "://" not in path:
        return os.path.isdir(path)
    return False


def file_format(path: str) -> Optional[str]:
    lower = path.lower()
    for fmt, suffixes in (("jsonl", JSONL_SUFFIXES), ("warc", WARC_SUFFIXES),
                          ("html", HTML_SUFFIXES), ("text", TEXT_SUFFIXES)):
        if lower.endswith(suffixes):
            return fmt
    return None


def _error(doc_id: Optional[str], source: str, exc: BaseException) -> ErrorRecord:
    return ErrorRecord(id=doc_id, source=source, stage=STAGE, error_type=type(exc).__name__,
                       message=str(exc)[:2000] or repr(exc))


def _too_large(doc_id: str, source: str, size: int, limits: ReadLimits, url: Optional[str] = None) -> Rejected:
    return Rejected(id=doc_id, source=source, stage=STAGE, reason=Reason.TOO_LARGE,
                    detail=f"{size} bytes > max_page_bytes {limits.max_page_bytes}", url=url)


def _read_all(path: str, limit: int) -> bytes:
    with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as handle:
        return handle.read(limit + 1)


def read_single_page(file: InputFile, kind: str, limits: ReadLimits) -> ReadResult:
    doc_id = relative_id(file.root, file.path)
    if file.size > limits.max_page_bytes:
        return _too_large(doc_id, file.path, file.size, limits)
    data = _read_all(file.path, limits.max_page_bytes)
    if len(data) > limits.max_page_bytes:
        return _too_large(doc_id, file.path, len(data), limits)
    return Doc(id=doc_id, source=file.path, kind=kind, content=data)


class TruncatedInput(Exception):
    """A compressed or framed file that ends before its own end marker."""


class GzipStream(io.RawIOBase):
    """Streaming, multi-member gzip decompression that notices truncation.

    Python's gzip module reads in large blocks, so the lines before a
    truncation point are lost with the error, and warcio does not notice a
    truncated member at all.  This stream yields every byte that decompresses,
    then ends and sets :attr:`truncated`; readers check it after their last
    record.
    """

    def __init__(self, raw, chunk_size: int = 1 << 16):
        super().__init__()
        self._raw = raw
        self._chunk_size = chunk_size
        self._decompressor = None
        self._buffer = b""
        self._offset = 0
        self._done = False
        self.truncated = False

    def readable(self) -> bool:
        return True

    def _feed(self, data: bytes) -> None:
        pieces = [self._buffer[self._offset:]]
        while data:
            if self._decompressor is None:
                self._decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
            pieces.append(self._decompressor.decompress(data))
            if self._decompressor.eof:  # end of one member; another may follow
                data = self._decompressor.unused_data
                self._decompressor = None
            else:
                data = b""
        self._buffer, self._offset = b"".join(pieces), 0

    def readinto(self, target) -> int:
        while self._offset >= len(self._buffer):
            if self._done:
                return 0
            data = self._raw.read(self._chunk_size)
            if not data:
                self._done = True
                self.truncated = self._decompressor is not None
                return 0
            self._feed(data)
        count = min(len(target), len(self._buffer) - self._offset)
        target[:count] = self._buffer[self._offset:self._offset + count]
        self._offset += count
        return count

    def close(self) -> None:
        self._raw.close()
        super().close()


class _Stream(NamedTuple):
    stream: io.BufferedIOBase
    gzip: Optional[GzipStream]

    def check_whole(self) -> None:
        if self.gzip is not None and self.gzip.truncated:
            raise TruncatedInput("gzip data ends before its end-of-stream marker (truncated file)")


def _open_stream(path: str) -> _Stream:
    """A binary stream of the file's content, gunzipped when the name ends in .gz."""
    raw = FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED)
    if path.lower().endswith(".gz"):
        gz = GzipStream(raw)
        return _Stream(io.BufferedReader(gz, buffer_size=1 << 16), gz)
    return _Stream(raw, None)


def jsonl_record(line: bytes, doc_id: str, source: str, limits: ReadLimits) -> ReadResult:
    """One JSON Lines record -> a Doc (or an error for a malformed line)."""
    if len(line) > limits.max_page_bytes:
        return _too_large(doc_id, source, len(line), limits)
    try:
        obj = json.loads(line)
    except (ValueError, UnicodeDecodeError) as exc:
        return _error(doc_id, source, exc)
    if not isinstance(obj, dict):
        return ErrorRecord(id=doc_id, source=source, stage=STAGE, error_type="MalformedRecord",
                           message=f"expected a JSON object, got {type(obj).__name__}")
    record_id = obj.get("id")
    if record_id is not None and str(record_id) != "":
        doc_id = str(record_id)
    html, text = obj.get("html"), obj.get("text")
    if not isinstance(html, str) and not isinstance(text, str):
        return ErrorRecord(id=doc_id, source=source, stage=STAGE, error_type="MalformedRecord",
                           message="record has neither an 'html' nor a 'text' string field")
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    fields = dict(id=doc_id, source=source, url=url,
                  title=obj.get("title") if isinstance(obj.get("title"), str) else None,
                  published=obj.get("published") if isinstance(obj.get("published"), str) else None)
    if isinstance(html, str):
        return Doc(kind=Kind.HTML, html=html, **fields)
    return Doc(kind=Kind.TEXT, text=text, **fields)


def read_jsonl(file: InputFile, limits: ReadLimits) -> Iterator[ReadResult]:
    rel = relative_id(file.root, file.path)
    line_number = 0
    try:
        opened = _open_stream(file.path)
        with opened.stream as stream:
            for line_number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                if opened.gzip is not None and opened.gzip.truncated and not line.endswith(b"\n"):
                    line_number -= 1  # the cut-off tail of a truncated file is not a record
                    break
                yield jsonl_record(line, f"{rel}#{line_number}", file.path, limits)
            opened.check_whole()
    except Exception as exc:  # a truncated gzip, an I/O error: keep what was read, record the break
        yield _error(f"{rel}#{line_number + 1}", file.path, exc)


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
        opened = _open_stream(file.path)
        end_of_last_record = 0
        with opened.stream as stream:
            archive = ArchiveIterator(stream, arc2warc=True)
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


def read_input_file(file: InputFile, limits: ReadLimits) -> Iterator[ReadResult]:
    """Every record in one input file, dispatched on the file's extension."""
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
    def process(self, spec):
        files = expand_input(spec)
        if not files:
            stage_counter(STAGE, "inputs_matching_nothing").inc()
        yield from files


class _ReadFile(StageDoFn):
    def __init__(self, limits: ReadLimits):
        super().__init__(STAGE)
        self.limits = limits

    def apply(self, file):
        counter = stage_counter("input", "records")
        for result in read_input_file(file, self.limits):
            counter.inc()
            yield result


class ReadPages(beam.PTransform):
    """Input specs (files, directories, globs) -> raw page records, with rejections and errors."""

    def __init__(self, inputs: Iterable[str], limits: ReadLimits = ReadLimits()):
        super().__init__()
        self.inputs = sorted(set(inputs))
        self.limits = limits

    def expand(self, pbegin) -> StageOutputs:
        files = (
            pbegin
            | "InputSpecs" >> beam.Create(self.inputs)
            | "MatchFiles" >> beam.ParDo(_ExpandInputs())
            | "SpreadFiles" >> beam.Reshuffle()
        )
        # Files are spread over workers; pages are not reshuffled: shuffling raw HTML would
        # move (and, on a local runner, buffer) the whole input, where reading, decoding and
        # extraction fused in one worker only pass on the much smaller article text.
        read = apply_stage(files, "ReadRecords", _ReadFile(self.limits), partial=True)
        return read
