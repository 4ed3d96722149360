"""Shared test helpers: run the real pipeline on real inputs and read its outputs back."""
from __future__ import annotations

import gzip
import json
import os
import pathlib
import sys
from typing import Dict, List

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
PAGES = FIXTURES / "pages"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Beam's multi_processing workers are subprocesses that unpickle functions defined in the
# helper modules here (dedup_support's writer keys): they need this folder on their path too.
_TESTS = str(pathlib.Path(__file__).resolve().parent)
if _TESTS not in os.environ.get("PYTHONPATH", "").split(os.pathsep):
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (_TESTS, os.environ.get("PYTHONPATH")) if p)


def read_jsonl_dir(directory: pathlib.Path) -> List[dict]:
    records = []
    for path in sorted(directory.glob("part-*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            records.extend(json.loads(line) for line in handle)
    return records


def read_outputs(output: pathlib.Path) -> Dict[str, List[dict]]:
    return {name: read_jsonl_dir(output / name) for name in ("clean", "rejected", "errors")}


def run_pipeline(inputs, output: pathlib.Path, *extra: str) -> dict:
    from pagewash.pipeline.cli import run

    args = []
    for item in inputs:
        args += ["--input", str(item)]
    return run(args + ["--output", str(output), *extra])


# Files that hold the run's time, paths or timings: the report, its plots, the dataset card.
RUN_DESCRIPTIONS = ("report.json", "report.md", "README.md")


def file_bytes(output: pathlib.Path) -> Dict[str, bytes]:
    """Every output file except those describing the run (which hold the wall time)."""
    return {str(p.relative_to(output)): p.read_bytes() for p in sorted(output.rglob("*"))
            if p.is_file() and p.name not in RUN_DESCRIPTIONS and p.parent.name != "plots"}


@pytest.fixture(scope="session")
def fixtures_run(tmp_path_factory):
    """One run of the whole pipeline on the bundled fixtures (shared by several tests)."""
    output = tmp_path_factory.mktemp("fixtures_run")
    report = run_pipeline([PAGES], output)
    return output, report


@pytest.fixture(scope="session")
def bad_inputs(tmp_path_factory):
    sys.path.insert(0, str(FIXTURES))
    from make_bad_inputs import EXPECTED, write_bad_inputs

    directory = write_bad_inputs(tmp_path_factory.mktemp("bad_inputs"))
    return directory, EXPECTED
