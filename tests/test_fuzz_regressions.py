"""Replays the fuzzer's inputs (tools/fuzz/corpus/: the smallest inputs of each coverage-guided run
that reached new code, and tools/fuzz/crashes/<target>/ when a run finds one) through the same checks as
tools/fuzz/harness.py: only pipeline records, every string encodable."""
import pathlib

import pytest

from tools.fuzz.harness import check_record, decode_all_ways, one_input, read_all_formats

FUZZ = pathlib.Path(__file__).resolve().parents[1] / "tools" / "fuzz"
INPUTS = sorted(p for pattern in ("corpus/*/*", "crashes/*/*") for p in FUZZ.glob(pattern) if p.is_file())


def test_the_corpus_is_there():
    assert len([p for p in INPUTS if p.parent.name == "reader"]) >= 20
    assert len([p for p in INPUTS if p.parent.name == "decoder"]) >= 20


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: f"{p.parent.name}/{p.name[:12]}")
def test_fuzzer_input_gives_only_encodable_records(path, tmp_path):
    data = path.read_bytes()
    target = "decoder" if path.parent.name == "decoder" else "reader"
    one_input(target, data, str(tmp_path))
    records = read_all_formats(data, str(tmp_path)) if target == "reader" else decode_all_ways(data)
    assert records
    for record in records:
        check_record(record)
