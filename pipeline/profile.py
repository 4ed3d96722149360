"""What the run report shows about the corpus, gathered inside the pipeline.

- :class:`ProfileCorpus`: Beam counters over the kept documents (per-language
  counts, histograms of length and quality score, duplicate-cluster sizes,
  characters removed per reason), so the report needs no second pass over the
  output.
- :class:`SampleExamples`: a few examples per rejection reason and per cleaning
  reason, chosen deterministically (the smallest ids), written as one small
  JSON file the launcher folds into the report.

The counters never change the corpus; they are read once the run is done.
"""
from __future__ import annotations

import bisect
import json
import math
from typing import Any, Dict, Iterable, List, Optional, Tuple

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems
from pagewash.transforms import counters
from pagewash.transforms.record import Doc, Rejected
from pagewash.transforms.stage import counter

# Upper bounds (exclusive) of the length histogram, in characters; the last bin is open.
LENGTH_BINS = (100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000)
SCORE_BIN_WIDTH = 0.05
EXAMPLES_PER_REASON = 3
EXAMPLE_CHARS = 240

# The profile counters' groups (``profile:<group>:<key>``, read back by pipeline/report.py).
LANG, CHARS_BIN, SCORE_BIN, CLUSTER_SIZE, REMOVED_CHARS, CHARS_TOTAL = (
    "lang", "chars_bin", "score_bin", "cluster_size", "removed_chars", "chars_total")


def length_bin(chars: int) -> str:
    """The histogram bin of a length: ``"<100"``, ``"100-199"``, ..., ``">=100000"``."""
    index = bisect.bisect_right(LENGTH_BINS, chars)
    if index == 0:
        return f"<{LENGTH_BINS[0]}"
    if index == len(LENGTH_BINS):
        return f">={LENGTH_BINS[-1]}"
    return f"{LENGTH_BINS[index - 1]}-{LENGTH_BINS[index] - 1}"


def length_bin_labels() -> List[str]:
    return [length_bin(0)] + [length_bin(low) for low in LENGTH_BINS]


def score_bin(score: Optional[float]) -> str:
    """The lower edge of a quality score's bin, two decimals (``"0.85"``), or ``"none"``."""
    if score is None or math.isnan(score):
        return "none"
    edge = min(int(max(score, 0.0) / SCORE_BIN_WIDTH), int(round(1 / SCORE_BIN_WIDTH)) - 1)
    return f"{edge * SCORE_BIN_WIDTH:.2f}"


def doc_profile(doc: Doc) -> List[Tuple[str, int]]:
    """The ``(counter name, increment)`` pairs one kept document adds to the report."""
    text = doc.text or ""
    score = (doc.quality or {}).get("score")
    size = (doc.dedup or {}).get("cluster_size") or 1
    pairs = [
        (counters.profile(LANG, doc.lang or "unknown"), 1),
        (counters.profile(CHARS_BIN, length_bin(len(text))), 1),
        (counters.profile(SCORE_BIN, score_bin(score)), 1),
        (counters.profile(CLUSTER_SIZE, int(size)), 1),
        (counters.profile(CHARS_TOTAL), len(text)),
    ]
    pairs.extend((counters.profile(REMOVED_CHARS, reason), int(chars))
                 for reason, chars in sorted((doc.removed or {}).items()) if chars)
    return pairs


class _Profile(beam.DoFn):
    def process(self, doc):
        for name, value in doc_profile(doc):
            counter(name).inc(value)
        return []


class ProfileCorpus(beam.PTransform):
    """Kept docs -> nothing; counts what the report shows (``profile:*`` counters)."""

    def expand(self, docs):
        return docs | "Profile" >> beam.ParDo(_Profile())


def _snippet(text: Optional[str], limit: int = EXAMPLE_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def rejection_example(rejected: Rejected) -> Tuple[str, Tuple[str, Dict[str, Any]]]:
    return rejected.reason, (rejected.id or "", {
        "id": rejected.id, "stage": rejected.stage, "detail": rejected.detail,
        "duplicate_of": rejected.duplicate_of, "text": _snippet(rejected.text)})


def removal_example(span: Dict[str, Any]) -> Tuple[str, Tuple[str, Dict[str, Any]]]:
    return span["reason"], (f"{span['id']}\x00{span['text']}", {"id": span["id"], "text": _snippet(span["text"])})


def _smallest(pairs: Iterable[Tuple[str, Dict[str, Any]]], count: int) -> List[Dict[str, Any]]:
    return [example for _, example in sorted(pairs, key=lambda pair: pair[0])[:count]]


def no_examples() -> Dict[str, Dict[str, List[Dict[str, Any]]]]:
    """The examples of a run with no rejection and no removed span."""
    return {"rejected": {}, "removed": {}}


def _write_examples(items, path: str) -> str:
    """The (kind, reason, examples) triples as one JSON object, sorted."""
    examples = no_examples()
    for kind, reason, chosen in items:
        examples[kind][reason] = chosen
    data = json.dumps({k: dict(sorted(v.items())) for k, v in examples.items()}, ensure_ascii=False, indent=1)
    with FileSystems.create(path) as handle:
        handle.write(data.encode("utf-8"))
    return path


class SampleExamples(beam.PTransform):
    """(rejected, removed spans) -> one JSON file at ``path`` with a few examples per reason;
    ``rejected`` may be a tuple of collections (one per stage)."""

    def __init__(self, path: str, count: int = EXAMPLES_PER_REASON):
        super().__init__()
        self.path = path
        self.count = count

    def expand(self, inputs):
        rejected, spans = inputs
        count = self.count

        def per_reason(pcoll, label: str, to_pair):
            return (pcoll
                    | f"{label}ByReason" >> beam.Map(to_pair)
                    | f"{label}Smallest" >> beam.combiners.Top.PerKey(count, key=lambda pair: pair[0], reverse=True)
                    | f"{label}Tag" >> beam.Map(lambda kv, kind=label.lower(): (kind, kv[0], _smallest(kv[1], count))))

        # several rejection collections (one per stage) are reduced where they are made, then flattened
        rejected = list(rejected) if isinstance(rejected, (tuple, list)) else [rejected]
        pairs = [pcoll | f"RejectedByReason{i}" >> beam.Map(rejection_example) for i, pcoll in enumerate(rejected)]
        rejected = tuple(pairs) | "AllRejected" >> beam.Flatten()
        tagged = (per_reason(rejected, "Rejected", lambda pair: pair), per_reason(spans, "Removed", removal_example))
        return (tagged
                | "AllExamples" >> beam.Flatten()
                # no default: a run with no example writes no file (read_examples: no_examples())
                | "OneList" >> beam.CombineGlobally(beam.combiners.ToListCombineFn()).without_defaults()
                | "WriteExamples" >> beam.Map(_write_examples, self.path))
