"""What the extraction limits cost: the work-budget check and the CPU-limited worker process.

    ./run_local.sh tools bench-limits DIR_OF_HTML [--rounds 3] [--limit N]

Extracts every page of DIR three ways in the same run, interleaved by round so
machine load hits each alike: in-process (no limits), in-process after the
budget check, and through the worker process (budget check + RLIMIT_CPU
backstop).  Prints pages per second of each and the budget check's own time.
"""
from __future__ import annotations

import argparse
import pathlib
import time
from typing import Optional, Sequence


def _pages(directory: pathlib.Path, limit: Optional[int]):
    from pagewash.transforms.decode import decode_page
    from pagewash.transforms.record import Doc, Kind

    docs = []
    for path in sorted(directory.rglob("*.htm*"))[:limit]:
        decoded = decode_page(Doc(id=path.name, source=str(path), kind=Kind.HTML, content=path.read_bytes()))
        if isinstance(decoded, Doc):
            docs.append(decoded)
    return docs


def main(argv: Optional[Sequence[str]] = None) -> int:
    from pagewash.transforms.extract import ExtractSettings, extract_page
    from pagewash.transforms.extract_limits import ExtractionWorker, WorkBudget, within_budget

    parser = argparse.ArgumentParser(prog="bench-limits")
    parser.add_argument("directory", type=pathlib.Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    docs = _pages(args.directory, args.limit)
    settings, budget = ExtractSettings(), WorkBudget()
    worker = ExtractionWorker(budget)
    totals = {"in-process": 0.0, "budget check + in-process": 0.0, "budget check + worker": 0.0, "check only": 0.0}
    same = True
    try:
        worker.extract(docs[0], settings)  # start-up (imports) is paid once per worker, not per page
        for _ in range(args.rounds):
            start = time.perf_counter()
            plain = [extract_page(doc, settings) for doc in docs]
            totals["in-process"] += time.perf_counter() - start
            start = time.perf_counter()
            checked = [within_budget(doc, budget) for doc in docs]
            totals["check only"] += time.perf_counter() - start
            start = time.perf_counter()
            checked_plain = [extract_page(within_budget(doc, budget), settings) for doc in docs]
            totals["budget check + in-process"] += time.perf_counter() - start
            start = time.perf_counter()
            via_worker = [worker.extract(within_budget(doc, budget), settings) for doc in docs]
            totals["budget check + worker"] += time.perf_counter() - start
            same = same and plain == checked_plain == via_worker and len(checked) == len(docs)
    finally:
        worker.stop()
    pages = len(docs) * args.rounds
    print(f"{len(docs)} pages x {args.rounds} rounds; identical results in every mode: {same}")
    base = totals["in-process"]
    for name, seconds in totals.items():
        print(f"  {name:28s} {pages / seconds:9.1f} pages/s  ({seconds / base:6.3f} x in-process time)")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
