"""Coverage-guided fuzzing (atheris) of the readers and the decoder.

    ./run_local.sh tools fuzz.harness reader  [libFuzzer flags, e.g. -max_total_time=600 CORPUS_DIR]
    ./run_local.sh tools fuzz.harness decoder [libFuzzer flags]

Each input is read as every format (.jsonl, .jsonl.gz, .warc, .warc.gz, .html,
.txt) and decoded as HTML and as text, and must give only Doc / Rejected /
ErrorRecord values whose strings encode as UTF-8 (what Beam's coders need):
an exception escaping, or a string a coder would refuse, is a crash.  libFuzzer
writes crashing inputs as ``crash-*`` files (``-artifact_prefix=DIR/``);
``tools/fuzz/crashes/<target>/`` keeps the ones found, and ``tools/fuzz/corpus/<target>/`` the
smallest inputs of each run that reached new code; tests/test_fuzz_regressions.py replays both.

Runs so far (600 s each, 2 shared cores, seeds from fixtures/): reader 21,985 inputs, 292
covered edges; decoder 81,780 inputs, 115 edges; no crash.
"""
from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
from typing import List, Optional, Sequence

CRASHES = os.path.join(os.path.dirname(__file__), "crashes")
SUFFIXES = (".jsonl", ".jsonl.gz", ".warc", ".warc.gz", ".html", ".txt")


def check_record(record) -> None:
    """Raises if ``record`` is not a pipeline record, or holds a string a coder cannot encode."""
    from pagewash.transforms.record import Doc, ErrorRecord, Rejected

    if not isinstance(record, (Doc, Rejected, ErrorRecord)):
        raise AssertionError(f"not a record: {type(record).__name__}")
    for field in dataclasses.fields(record):
        _check_value(getattr(record, field.name), field.name)


def _check_value(value, where: str) -> None:
    if isinstance(value, str):
        value.encode("utf-8")  # UnicodeEncodeError is the crash
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_value(key, where)
            _check_value(item, where)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _check_value(item, where)


def read_all_formats(data: bytes, directory: str, limit: int = 1 << 16) -> List:
    """Every record the readers make of ``data`` written as each input format."""
    from pagewash.transforms.inputs import InputFile
    from pagewash.transforms.read import ReadLimits, read_input_file

    records = []
    for suffix in SUFFIXES:
        path = os.path.join(directory, "input" + suffix)
        with open(path, "wb") as handle:
            handle.write(data)
        file = InputFile(directory, path, len(data))
        records.extend(read_input_file(file, ReadLimits(max_page_bytes=limit)))
    return records


def decode_all_ways(data: bytes) -> List:
    """What the decoder makes of ``data`` as HTML (with and without a transport charset) and as text."""
    from pagewash.transforms.decode import decode_page
    from pagewash.transforms.record import Doc, Kind

    label = data[:12].decode("latin-1")
    return [decode_page(Doc(id="f", source="fuzz", kind=Kind.HTML, content=data)),
            decode_page(Doc(id="f", source="fuzz", kind=Kind.HTML, content=data, http_charset=label)),
            decode_page(Doc(id="f", source="fuzz", kind=Kind.TEXT, content=data))]


def one_input(target: str, data: bytes, directory: Optional[str]) -> None:
    records = read_all_formats(data, directory) if target == "reader" else decode_all_ways(data)
    for record in records:
        check_record(record)
    if target == "reader":  # what the readers emit is then decoded
        from pagewash.transforms.decode import decode_page
        from pagewash.transforms.record import Doc

        for record in records:
            if isinstance(record, Doc):
                check_record(decode_page(record))


def main(argv: Optional[Sequence[str]] = None) -> int:
    import atheris

    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in ("reader", "decoder"):
        print(__doc__)
        return 2
    target = argv[0]
    with atheris.instrument_imports(include=["pagewash"]):
        import pagewash.transforms.boundary  # noqa: F401
        import pagewash.transforms.decode  # noqa: F401
        import pagewash.transforms.inputs  # noqa: F401
        import pagewash.transforms.read  # noqa: F401
    import logging

    logging.disable(logging.CRITICAL)  # warcio logs every malformed header it repairs
    sys.stderr = open(os.devnull, "w")  # and writes its repairs to sys.stderr (libFuzzer reports on fd 2)
    directory = tempfile.mkdtemp(prefix="pagewash-fuzz-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    atheris.Setup([sys.argv[0]] + argv[1:], lambda data: one_input(target, data, directory))
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main())
