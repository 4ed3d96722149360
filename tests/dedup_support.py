"""Shared helpers of the dedup tests: fixtures and a small runner that writes
what the pipeline would write (clean, rejected, dedup index) to a directory."""
from __future__ import annotations

import gzip
import json
import os
from typing import Dict, List, Optional, Sequence

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions

from pagewash.pipeline.options import IN_PROCESS_RUNNER
from pagewash.transforms.dedup.beam import INDEX, Deduplicate
from pagewash.transforms.dedup.index import WriteDedupIndex
from pagewash.transforms.dedup.settings import DedupSettings
from pagewash.transforms.record import Doc, Kind
from pagewash.transforms.schema import clean_row, error_row, rejected_row
from pagewash.transforms.write import WriteShards

# Test graphs are tiny (clusters of a few documents converge in two rounds), so the
# tests unroll fewer rounds than the default to keep each pipeline run short.
TEST_SETTINGS = DedupSettings(max_rounds=3, index_shards=2)

def fold_text(text: str) -> str:
    """The dedup-folded text, separators shown as single spaces (to read what folding does)."""
    import numpy as np

    from pagewash.transforms.dedup.normalize import SEPARATOR, fold_code_points

    folded = fold_code_points(text)
    folded = np.where(folded == SEPARATOR, 0x20, folded).astype("<u4")
    return " ".join(folded.tobytes().decode("utf-32-le").split())


def estimated_jaccard(sig_a, sig_b) -> float:
    """Share of equal MinHash values (the estimator datasketch's ``jaccard`` uses)."""
    import numpy as np

    return float(np.count_nonzero(sig_a == sig_b)) / float(len(sig_a))


def components_in_memory(edges, max_rounds: int):
    """The components' labels after at most ``max_rounds`` star rounds in memory, and the
    per-round change counts: the reference the Beam rounds are checked against."""
    from pagewash.transforms.dedup.components import labels_from_edges, oriented, star_round

    current = {oriented(a, b) for a, b in edges if a != b}
    history: List[int] = []
    for _ in range(max_rounds):
        current, changed = star_round(current)
        history.append(changed)
        if changed == 0:
            break
    return labels_from_edges(current), history


def read_index_rows(directory: str):
    """All rows of a dedup index directory, in shard order."""
    import glob

    import pyarrow.parquet as pq

    for path in sorted(glob.glob(os.path.join(directory, "*.parquet"))):
        yield from pq.read_table(path).to_pylist()


FIXTURE = os.path.join(os.path.dirname(__file__), "..", "fixtures", "dedup", "articles.json")


def load_fixture() -> Dict:
    with open(FIXTURE, encoding="utf-8") as handle:
        return json.load(handle)


def article(name: str) -> str:
    return load_fixture()["articles"][name]


def wrapped(article_text: str, template: str, site: str) -> str:
    """An article inside a spam template (header, middle block, footer)."""
    head, middle, foot = (line.format(site=site) for line in load_fixture()["templates"][template])
    paragraphs = article_text.split("\n")
    half = len(paragraphs) // 2
    return "\n".join([head] + paragraphs[:half] + [middle] + paragraphs[half:] + [foot])


def doc(doc_id: str, text: str, score: Optional[float] = None, published: Optional[str] = None) -> Doc:
    return Doc(id=doc_id, source=f"test/{doc_id}", kind=Kind.TEXT, text=text,
               quality=None if score is None else {"score": score}, published=published)


def read_jsonl_dir(directory: str) -> List[Dict]:
    rows: List[Dict] = []
    if not os.path.isdir(directory):
        return rows
    for name in sorted(os.listdir(directory)):
        with gzip.open(os.path.join(directory, name), "rt", encoding="utf-8") as handle:
            rows.extend(json.loads(line) for line in handle if line.strip())
    return rows


def run_dedup(docs: Sequence[Doc], out_dir: str, settings: DedupSettings = TEST_SETTINGS,
              against: Sequence[str] = (), write_index: bool = True, options: Sequence[str] = ()) -> Dict:
    """Runs Deduplicate and writes kept/rejected/errors (JSON Lines) and the index under ``out_dir``.
    Returns {"kept": {id: row}, "rejected": {id: row}, "errors": [rows]}."""
    pipeline_options = PipelineOptions([f"--runner={IN_PROCESS_RUNNER}", *options])
    index_dir = os.path.join(out_dir, "dedup_index") if write_index else None
    with beam.Pipeline(options=pipeline_options) as pipeline:
        out = (pipeline | beam.Create(list(docs), reshuffle=False)
               | Deduplicate(settings, against=against, spill_dir=os.path.join(out_dir, ".spill")))
        if index_dir is not None:
            _ = out.extras[INDEX] | "WriteIndex" >> WriteDedupIndex(index_dir, settings)
        _ = out.docs | "WriteKept" >> WriteShards("clean", clean_row, 2, jsonl_dir=os.path.join(out_dir, "clean"))
        _ = out.rejected | "WriteRejected" >> WriteShards("rejected", rejected_row, 2,
                                                          jsonl_dir=os.path.join(out_dir, "rejected"))
        _ = out.errors | "WriteErrors" >> WriteShards("errors", error_row, 1,
                                                      jsonl_dir=os.path.join(out_dir, "errors"),
                                                      key=lambda e: f"{e.id}\x00{e.source}")
    return {
        "kept": {row["id"]: row for row in read_jsonl_dir(os.path.join(out_dir, "clean"))},
        "rejected": {row["id"]: row for row in read_jsonl_dir(os.path.join(out_dir, "rejected"))},
        "errors": read_jsonl_dir(os.path.join(out_dir, "errors")),
    }


def tree_bytes(directory: str) -> Dict[str, bytes]:
    """Every file under ``directory`` (relative path -> bytes)."""
    files: Dict[str, bytes] = {}
    for root, _, names in os.walk(directory):
        for name in names:
            path = os.path.join(root, name)
            with open(path, "rb") as handle:
                files[os.path.relpath(path, directory)] = handle.read()
    return files
