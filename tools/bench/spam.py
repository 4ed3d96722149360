"""Benchmark of the spam cleaner (``./run_local.sh tools bench-spam``).

1. The pure cleaning (:func:`transforms.spam.clean_text`) in one process on
   seed-sized pages: the seed pages and the dev-set pages, repeated to
   ``--pages`` pages, with a corpus vocabulary computed from them.  Prints
   pages/s, pages/s per core (one process = one core) and MB/s.
2. The Beam stage (:class:`transforms.spam.beam.CleanSpam`, corpus statistics
   included) on ``--beam-pages`` of them on the in-process runner
   (``--beam-pages 0`` skips it).

``--pages-dir`` adds ``.txt`` pages from another folder (read only; nothing is copied).
Peak memory is the process's ``ru_maxrss``.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from typing import List, Optional, Sequence

from pagewash.pipeline.options import IN_PROCESS_RUNNER
from pagewash.transforms.normalize import normalize_text
from pagewash.transforms.record import Doc, Kind

from tools.paths import REPO_ROOT as ROOT


def _txt_files(folder: str) -> List[str]:
    out = []
    for root, _dirs, files in os.walk(folder):
        out.extend(os.path.join(root, f) for f in files if f.endswith(".txt"))
    return sorted(out)


def sample_pages(extra_dir: Optional[str] = None) -> List[Doc]:
    paths = _txt_files(os.path.join(ROOT, "fixtures", "pages"))
    paths += _txt_files(os.path.join(ROOT, "fixtures", "spam_dev", "pages"))
    if extra_dir:
        paths += _txt_files(extra_dir)
    docs = []
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = normalize_text(handle.read())
        rel = os.path.relpath(path, ROOT).replace(os.sep, "/")
        docs.append(Doc(id=rel, source=path, kind=Kind.TEXT, text=text))
    return docs


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024.0  # Linux reports KiB


def bench_pure(docs: Sequence[Doc], n_pages: int, corpus_docs: Optional[Sequence[Doc]] = None) -> None:
    from pagewash.transforms.spam.clean import clean_doc
    from pagewash.transforms.spam.gazetteer import gazetteer
    from pagewash.transforms.spam.vocabulary import frequent_units, vocabulary_index

    t0 = time.perf_counter()
    gaz = gazetteer()
    t_load = time.perf_counter() - t0
    corpus = corpus_docs or docs
    index = vocabulary_index(frequent_units([(d.id, d.site, d.text) for d in corpus], 3, 0.3, 2000, 100_000))
    work = [docs[i % len(docs)] for i in range(n_pages)]
    chars = sum(len(d.text) for d in work)
    for doc in docs:  # warm caches (regex compilation) outside the timing
        clean_doc(doc, index, gaz)
    cpu0, t0 = time.process_time(), time.perf_counter()
    removed = 0
    for doc in work:
        cleaned, removals = clean_doc(doc, index, gaz)
        removed += len(removals)
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    print(f"pure clean_doc: {n_pages} pages ({len(docs)} distinct, mean {chars / n_pages:.0f} chars), "
          f"{removed} spans removed")
    print(f"  gazetteer load: {t_load * 1000:.0f} ms (once per process)")
    print(f"  wall {wall:.2f} s, cpu {cpu:.2f} s")
    print(f"  pages/s: {n_pages / wall:.0f}   pages/s per core: {n_pages / cpu:.0f}   "
          f"MB/s per core: {chars * 3 / 1e6 / cpu:.2f} (UTF-8, approx.)")


def bench_beam(docs: Sequence[Doc], n_pages: int) -> None:
    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions

    from pagewash.transforms.spam.beam import CleanSpam

    work = [docs[i % len(docs)].replace(id=f"{docs[i % len(docs)].id}#{i}") for i in range(n_pages)]
    t0 = time.perf_counter()
    with beam.Pipeline(options=PipelineOptions(runner=IN_PROCESS_RUNNER)) as p:
        out = p | beam.Create(work) | CleanSpam()
        _ = out.docs | "Count" >> beam.combiners.Count.Globally()
    wall = time.perf_counter() - t0
    print(f"Beam CleanSpam (FnApiRunner, corpus statistics included): {n_pages} pages in {wall:.2f} s, "
          f"{n_pages / wall:.0f} pages/s")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="tools bench-spam", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=20_000, help="pages for the pure benchmark")
    parser.add_argument("--beam-pages", type=int, default=2_000, help="pages for the Beam run (0: skip)")
    parser.add_argument("--pages-dir", default=None, help="also read .txt pages from this folder")
    args = parser.parse_args(argv)
    docs = sample_pages(args.pages_dir)
    seeds = [d for d in docs if d.id.startswith("fixtures/pages/")]
    print("== the two seed pages (about 4,700 characters each)")
    bench_pure(seeds, args.pages, corpus_docs=docs)
    print("== seeds, dev-set pages" + (" and --pages-dir pages" if args.pages_dir else ""))
    bench_pure(docs, args.pages)
    if args.beam_pages:
        bench_beam(docs, args.beam_pages)
    print(f"peak memory (max RSS of this process or its children): {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
