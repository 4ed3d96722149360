"""Dedup benchmarks (``./run_local.sh tools bench-dedup``).

Modes:

- ``quality`` (default): a generated Chinese + English corpus with planted
  duplicates and hard negatives (tools/bench/dedup_corpus.py) goes through the
  Deduplicate transform on the in-process runner; every pair's exact Jaccard
  on the pipeline's own shingles is computed by brute force (a sparse
  document x shingle product: all pairs sharing a shingle); prints precision,
  recall and the recall curve across Jaccard bins.
- ``signatures``: MinHash signature throughput on 3,000-character Chinese
  documents, one process, docs/s (= docs/s per core).
- ``stage``: the whole dedup stage on N documents (default 20,000) on the
  in-process runner: wall time, docs/s, peak memory (this process and children).

Examples::

    ./run_local.sh tools bench-dedup quality --docs 5000
    ./run_local.sh tools bench-dedup signatures --docs 3000
    ./run_local.sh tools bench-dedup stage --docs 20000
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from typing import Dict, List, NamedTuple, Optional, Sequence, Tuple

import numpy as np

from pagewash.pipeline.options import IN_PROCESS_RUNNER

# Jaccard bins of the recall curve.
BINS = [0.3, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0, 1.0001]
POSITIVE = 0.85  # the recall target is on pairs at or above this Jaccard
NEGATIVE = 0.70  # pairs below this are clear non-duplicates for the threshold-0.8 target


def _settings(args):
    from pagewash.transforms.dedup.settings import DedupSettings

    defaults = DedupSettings()
    return DedupSettings(
        cjk_ngram=args.cjk_ngram or defaults.cjk_ngram, word_ngram=args.word_ngram or defaults.word_ngram,
        scheme=args.scheme or defaults.scheme, num_perm=args.num_perm or defaults.num_perm,
        bands=args.bands or defaults.bands, rows=args.rows or defaults.rows,
        threshold=args.threshold or defaults.threshold, max_rounds=args.max_rounds or defaults.max_rounds,
        max_bucket_tries=args.bucket_tries or defaults.max_bucket_tries,
        containment=args.containment or defaults.containment)


def _peak_memory_mb() -> Tuple[float, float]:
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return self_kb / 1024.0, children_kb / 1024.0


def _current_rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return float("nan")


def _read_base_texts(directory: Optional[str], limit: int) -> List[Tuple[str, str]]:
    """(lang, text) from .txt files of a local directory (e.g. text extracted from pages)."""
    if not directory:
        return []
    from pagewash.transforms.dedup.minhash import choose_mode
    from pagewash.transforms.dedup.normalize import fold_code_points
    from pagewash.transforms.dedup.settings import DedupSettings

    texts = []
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(directory, name), encoding="utf-8", errors="replace") as handle:
            text = handle.read().strip()
        if len(text) < 300:
            continue
        lang = "zh" if choose_mode(fold_code_points(text), DedupSettings()) == "char" else "en"
        texts.append((lang, text))
        if len(texts) >= limit:
            break
    return texts


class Outcome(NamedTuple):
    id: str
    cluster: Optional[str]  # kept: its dedup.cluster
    cluster_size: Optional[int]
    reason: Optional[str]  # rejected: its reason
    duplicate_of: Optional[str]


def _doc_fields(doc) -> Dict:
    return {"id": doc.id, "source": doc.source, "text": doc.text, "lang": doc.lang,
            "quality": dict(doc.quality) if doc.quality is not None else None, "published": doc.published}


def _doc_from_line(line: str):
    from pagewash.transforms.record import Doc, Kind

    fields = json.loads(line)
    return Doc(kind=Kind.TEXT, **fields)


def run_dedup(docs, settings, runner: str = IN_PROCESS_RUNNER, extra_options: Sequence[str] = (),
              stats: Optional[Dict] = None):
    """Runs Deduplicate on ``docs``; returns (kept, rejected) as lists of :class:`Outcome`.
    Outcomes go through small text files so any running mode works.  ``stats``, if
    given, receives the dedup counters and the size of the dedup index."""
    import tempfile

    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions

    from pagewash.transforms.dedup.beam import INDEX, Deduplicate
    from pagewash.transforms.dedup.index import WriteDedupIndex

    def kept_line(doc):
        return json.dumps([doc.id, doc.dedup["cluster"], doc.dedup["cluster_size"], None, None])

    def rejected_line(rej):
        return json.dumps([rej.id, None, None, rej.reason, rej.duplicate_of])

    with tempfile.TemporaryDirectory(prefix="bench-dedup-") as scratch:
        # Documents reach the pipeline from a JSON Lines file, as they would from a
        # reader (beam.Create would pickle and compress the whole corpus into the graph).
        corpus_path = os.path.join(scratch, "corpus.jsonl")
        with open(corpus_path, "w", encoding="utf-8") as handle:
            for doc in docs:
                handle.write(json.dumps(_doc_fields(doc), ensure_ascii=False) + "\n")
        options = PipelineOptions([f"--runner={runner}", *extra_options])
        index_dir = os.path.join(scratch, "dedup_index")
        pipeline = beam.Pipeline(options=options)
        out = (pipeline
               | "ReadCorpus" >> beam.io.ReadFromText(corpus_path)
               | "ToDocs" >> beam.Map(_doc_from_line)
               | "Deduplicate" >> Deduplicate(settings, spill_dir=os.path.join(scratch, "spill")))
        _ = out.extras[INDEX] | "WriteDedupIndex" >> WriteDedupIndex(index_dir, settings)
        _ = (out.docs | "KeptLines" >> beam.Map(kept_line)
             | "WriteKept" >> beam.io.WriteToText(os.path.join(scratch, "kept")))
        _ = (out.rejected | "RejectedLines" >> beam.Map(rejected_line)
             | "WriteRejected" >> beam.io.WriteToText(os.path.join(scratch, "rejected")))
        result = pipeline.run()
        result.wait_until_finish()
        if stats is not None:
            from apache_beam.metrics.metric import MetricsFilter

            from pagewash.transforms import counters as names

            counters = {r.key.metric.name: r.committed for r in result.metrics().query(MetricsFilter())["counters"]}
            wanted = lambda c: c.kind == names.REJECTED or (c.kind == names.STAGE and c.scope == "dedup")  # noqa: E731
            stats["counters"] = {k: v for k, v in sorted(counters.items()) if wanted(names.parse(k))}
            stats["index_bytes"] = sum(os.path.getsize(os.path.join(index_dir, f)) for f in os.listdir(index_dir))
        results = {"kept": [], "rejected": []}
        for name in sorted(os.listdir(scratch)):
            target = "kept" if name.startswith("kept") else "rejected" if name.startswith("rejected") else None
            if target is None:
                continue
            with open(os.path.join(scratch, name), encoding="utf-8") as handle:
                results[target].extend(Outcome(*json.loads(line)) for line in handle if line.strip())
    return results["kept"], results["rejected"]


def all_pairs_jaccard(texts: Sequence[str], settings, floor: float = 0.3):
    """Exact Jaccard of every pair of documents with Jaccard >= floor: {(i, j): J}, i < j."""
    import scipy.sparse as sp

    from tools.bench.dedup_corpus import shingle_set

    sets = [shingle_set(text, settings) for text in texts]
    vocabulary = np.unique(np.concatenate([s for s in sets if len(s)])) if any(len(s) for s in sets) else []
    rows, cols = [], []
    for i, s in enumerate(sets):
        rows.append(np.full(len(s), i, dtype=np.int64))
        cols.append(np.searchsorted(vocabulary, s))
    matrix = sp.csr_matrix((np.ones(sum(len(s) for s in sets), dtype=np.int32),
                            (np.concatenate(rows), np.concatenate(cols))),
                           shape=(len(sets), len(vocabulary)))
    sizes = np.array([len(s) for s in sets], dtype=np.int64)
    product = (matrix @ matrix.T).tocoo()
    upper = product.row < product.col
    i, j, inter = product.row[upper], product.col[upper], product.data[upper].astype(np.int64)
    jaccard = inter / (sizes[i] + sizes[j] - inter)
    keep = jaccard >= floor
    return {(int(a), int(b)): float(v) for a, b, v in zip(i[keep], j[keep], jaccard[keep])}, len(upper.nonzero()[0])


def predicted_pairs(kept, rejected, index_of: Dict[str, int]):
    """Pairs of documents the pipeline put in one cluster (kept doc + its rejected duplicates)."""
    clusters: Dict[str, List[int]] = {}
    for doc in kept:
        clusters.setdefault(doc.id, []).append(index_of[doc.id])
    for rej in rejected:
        clusters.setdefault(rej.duplicate_of, []).append(index_of[rej.id])
    pairs = set()
    for members in clusters.values():
        members = sorted(members)
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pairs.add((members[x], members[y]))
    return pairs


def quality(args) -> Dict:
    from tools.bench.dedup_corpus import make_corpus

    settings = _settings(args)
    started = time.perf_counter()
    corpus = make_corpus(args.docs, seed=args.seed, settings=settings,
                         base_texts=_read_base_texts(args.text_dir, args.docs))
    docs = corpus.docs
    generated = time.perf_counter() - started
    index_of = {doc.id: i for i, doc in enumerate(docs)}

    started = time.perf_counter()
    truth, sharing = all_pairs_jaccard([d.text for d in docs], settings)
    truth_seconds = time.perf_counter() - started

    started = time.perf_counter()
    stats: Dict = {}
    kept, rejected = run_dedup(docs, settings, stats=stats)
    pipeline_seconds = time.perf_counter() - started
    predicted = predicted_pairs(kept, rejected, index_of)

    def j_of(pair):
        return truth.get(pair, 0.0)  # pairs not listed share no shingle or are below the floor

    curve = []
    for low, high in zip(BINS[:-1], BINS[1:]):
        in_bin = [p for p, v in truth.items() if low <= v < high]
        found = sum(1 for p in in_bin if p in predicted)
        label = "1.0" if low == 1.0 else f"[{low:.2f},{min(high, 1.0):.2f})"
        curve.append({"bin": label, "pairs": len(in_bin), "found": found,
                      "recall": round(found / len(in_bin), 4) if in_bin else None})
    positives = [p for p, v in truth.items() if v >= POSITIVE]
    found_positive = sum(1 for p in positives if p in predicted)
    predicted_j = [j_of(p) for p in predicted]
    scored = [v for v in predicted_j if v >= POSITIVE or v < NEGATIVE]
    result = {
        "mode": "quality",
        "settings": settings.__dict__,
        "docs": len(docs),
        "zh_docs": sum(1 for d in docs if d.lang == "zh"),
        "en_docs": sum(1 for d in docs if d.lang == "en"),
        "planned_pairs": len(corpus.planned),
        "pairs_sharing_a_shingle": sharing,
        "pairs_with_jaccard_ge_0.3": len(truth),
        "positive_pairs_ge_0.85": len(positives),
        "predicted_pairs": len(predicted),
        "recall_ge_0.85": round(found_positive / len(positives), 4) if positives else None,
        "precision_ge_0.85_vs_lt_0.70": round(sum(1 for v in scored if v >= POSITIVE) / len(scored), 4)
        if scored else None,
        "precision_ge_threshold": round(sum(1 for v in predicted_j if v >= settings.threshold) / len(predicted_j), 4)
        if predicted_j else None,
        "predicted_pairs_below_0.70": sum(1 for v in predicted_j if v < NEGATIVE),
        "predicted_pairs_0.70_to_threshold": sum(1 for v in predicted_j if NEGATIVE <= v < settings.threshold),
        "recall_curve": curve,
        "kept": len(kept),
        "rejected": len(rejected),
        "counters": stats.get("counters"),
        "index_bytes_per_row": round(stats["index_bytes"] / len(kept), 1) if kept and "index_bytes" in stats else None,
        "seconds": {"generate": round(generated, 1), "brute_force_truth": round(truth_seconds, 1),
                    "pipeline": round(pipeline_seconds, 1)},
    }
    return result


def signatures(args) -> Dict:
    from tools.bench.dedup_corpus import chinese_documents
    from pagewash.transforms.dedup.keys import doc_key_of
    from pagewash.transforms.dedup.minhash import signature_of_text
    from pagewash.transforms.dedup.normalize import fold_tables
    from pagewash.transforms.record import Doc

    settings = _settings(args)
    texts = chinese_documents(args.docs, args.chars, seed=args.seed)
    fold_tables()
    for text in texts[:20]:
        signature_of_text(text, settings)
    # Best of three passes: the machine may be shared, and the best pass is the one
    # least disturbed by other processes.
    wall = cpu = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        cpu_started = time.process_time()
        for text in texts:
            signature_of_text(text, settings)
        wall = min(wall, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - cpu_started)
    docs = [Doc(id=str(i), source="bench", text=t) for i, t in enumerate(texts)]
    full = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for doc in docs:
            doc_key_of(doc, settings)
        full = min(full, time.perf_counter() - started)
    self_mb, children_mb = _peak_memory_mb()
    return {
        "mode": "signatures",
        "scheme": settings.scheme, "num_perm": settings.num_perm,
        "docs": len(texts), "chars_per_doc": args.chars,
        "signatures_docs_per_s": round(len(texts) / wall, 1),
        "signatures_docs_per_cpu_s": round(len(texts) / cpu, 1),
        "features_docs_per_s": round(len(texts) / full, 1),
        "note": "one process, one core: docs/s is docs/s per core; features = fold + exact hash + "
                "shingles + signature + band keys",
        "peak_rss_mb": round(self_mb, 1), "peak_rss_children_mb": round(children_mb, 1),
    }


def stage(args) -> Dict:
    from tools.bench.dedup_corpus import make_corpus

    settings = _settings(args)
    started = time.perf_counter()
    corpus = make_corpus(args.docs, seed=args.seed, settings=settings)
    generated = time.perf_counter() - started
    chars = sum(len(d.text) for d in corpus.docs)
    extra = []
    if args.workers:
        extra = ["--direct_running_mode=multi_processing", f"--direct_num_workers={args.workers}"]
    rss_before = _current_rss_mb()
    started = time.perf_counter()
    cpu_started = os.times()
    stats: Dict = {}
    kept, rejected = run_dedup(corpus.docs, settings, extra_options=extra, stats=stats)
    wall = time.perf_counter() - started
    cpu_end = os.times()
    cpu = (cpu_end.user - cpu_started.user) + (cpu_end.system - cpu_started.system) + \
          (cpu_end.children_user - cpu_started.children_user) + \
          (cpu_end.children_system - cpu_started.children_system)
    self_mb, children_mb = _peak_memory_mb()
    return {
        "mode": "stage", "runner": "in-process" + (f" multi_processing x{args.workers}" if args.workers else
                                                    " in-process"),
        "docs": len(corpus.docs), "chars": chars, "kept": len(kept), "rejected": len(rejected),
        "generate_seconds": round(generated, 1), "wall_seconds": round(wall, 1),
        "docs_per_s": round(len(corpus.docs) / wall, 1), "cpu_seconds": round(cpu, 1),
        "docs_per_cpu_s": round(len(corpus.docs) / cpu, 1) if cpu else None,
        "counters": stats.get("counters"),
        "rss_before_pipeline_mb": round(rss_before, 1),
        "peak_rss_mb": round(self_mb, 1), "peak_rss_children_mb": round(children_mb, 1),
        "note": "peak RSS of this process (the generated corpus included: see rss_before_pipeline_mb) "
                "and of its largest child process (multi_processing workers)",
    }


def shingle_sizes(args) -> Dict:
    """How the n-gram size moves the Jaccard of real duplicates and of non-duplicates."""
    import random

    from tools.bench.dedup_corpus import TextMaker, edit, exact_jaccard, rewrap, shingle_set, truncate
    from pagewash.transforms.dedup.settings import DedupSettings

    maker = TextMaker(args.seed)
    rnd = random.Random(args.seed)
    bases = _read_base_texts(args.text_dir, 400)
    if not bases:
        bases = [(lang, maker.article(lang, rnd.randint(600, 3000))) for lang in ("zh", "en") for _ in range(100)]
    cases = {
        "edit_2pct": lambda t, lang: edit(t, lang, 0.02, maker, rnd),
        "edit_5pct": lambda t, lang: edit(t, lang, 0.05, maker, rnd),
        "spam_residue_5pct": lambda t, lang: rewrap(t, lang, 0.05, maker, rnd),
        "truncate_10pct": lambda t, lang: truncate(t, lang, 0.10, maker, rnd),
    }
    sizes = {"zh": [int(n) for n in args.cjk_sizes.split(",")], "en": [int(n) for n in args.word_sizes.split(",")]}
    result: Dict = {"mode": "shingles", "bases": {lang: sum(1 for l, _ in bases if l == lang) for lang in sizes},
                    "source": args.text_dir or "synthetic", "by_size": {}}
    for lang in ("zh", "en"):
        texts = [t for l, t in bases if l == lang]
        if len(texts) < 2:
            continue
        variants = {name: [make(t, lang) for t in texts] for name, make in cases.items()}
        boiler = [maker.paragraph(lang, max(60, len(t) // 4)) for t in texts]
        for n in sizes[lang]:
            settings = DedupSettings(cjk_ngram=n) if lang == "zh" else DedupSettings(word_ngram=n)
            sets = [shingle_set(t, settings) for t in texts]
            row: Dict = {}
            for name, made in variants.items():
                values = [exact_jaccard(a, shingle_set(v, settings)) for a, v in zip(sets, made)]
                row[name] = {"mean": round(float(np.mean(values)), 3), "min": round(float(np.min(values)), 3)}
            unrelated = [exact_jaccard(sets[i], sets[j]) for i in range(len(sets)) for j in range(i + 1, len(sets))]
            row["unrelated"] = {"mean": round(float(np.mean(unrelated)), 4),
                                "p99": round(float(np.percentile(unrelated, 99)), 3),
                                "max": round(float(np.max(unrelated)), 3)}
            shared = [exact_jaccard(shingle_set(texts[i] + "\n" + boiler[0], settings),
                                    shingle_set(texts[i + 1] + "\n" + boiler[0], settings))
                      for i in range(0, len(texts) - 1, 2)]
            row["same_boilerplate_25pct"] = {"mean": round(float(np.mean(shared)), 3),
                                             "max": round(float(np.max(shared)), 3)}
            result["by_size"][f"{lang}_n{n}"] = row
    return result


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="tools bench-dedup", description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", nargs="?", default="quality", choices=["quality", "signatures", "stage", "shingles"])
    parser.add_argument("--docs", type=int, default=None,
                        help="documents (quality: 5000, signatures: 3000, stage: 20000)")
    parser.add_argument("--chars", type=int, default=3000, help="signatures mode: characters per document")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--text-dir", default=None,
                        help="quality mode: a local directory of .txt articles to use as bases")
    parser.add_argument("--workers", type=int, default=0,
                        help="stage mode: run FnApiRunner multi_processing with this many workers")
    parser.add_argument("--scheme", default=None)
    parser.add_argument("--num-perm", type=int, default=None)
    parser.add_argument("--bands", type=int, default=None)
    parser.add_argument("--rows", type=int, default=None)
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--cjk-ngram", type=int, default=None)
    parser.add_argument("--word-ngram", type=int, default=None)
    parser.add_argument("--max-rounds", type=int, default=None)
    parser.add_argument("--bucket-tries", type=int, default=None)
    parser.add_argument("--containment", type=float, default=None,
                        help="containment a pair under the threshold needs (1.0: Jaccard alone)")
    parser.add_argument("--cjk-sizes", default="3,4,5,6,7", help="shingles mode: CJK n-gram sizes to compare")
    parser.add_argument("--word-sizes", default="1,2,3,4,5", help="shingles mode: word n-gram sizes to compare")
    parser.add_argument("--json", default=None, help="also write the result to this file")
    args = parser.parse_args(argv)
    if args.docs is None:
        args.docs = {"quality": 5000, "signatures": 3000, "stage": 20000, "shingles": 0}[args.mode]
    modes = {"quality": quality, "signatures": signatures, "stage": stage, "shingles": shingle_sizes}
    result = modes[args.mode](args)
    text = json.dumps(result, indent=2, ensure_ascii=False, default=str)
    print(text)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
