"""What the Python heap holds at its largest during a pagewash run (in one process).

    ./run_local.sh tools bench-heap [--every 3] [--frames 2] [--top 25] -- run --input X --output Y

Runs ``pagewash <args>`` in this process with :mod:`tracemalloc` on; a thread
checks the traced size every ``--every`` seconds and takes a snapshot whenever
it is 10 % above the last one, so the snapshot printed is the one nearest the
peak.  Prints the traced size at that snapshot and the traced peak, then the
largest allocations grouped by line and by traceback.  Comparing the traced
peak with the process's peak RSS (``python -m tools.bench.measure``) at two
corpus sizes says whether what grows per document is Python objects or not.
Tracing slows the run two to four times; snapshots cost more with more frames.
"""
from __future__ import annotations

import argparse
import sys
import threading
import tracemalloc
from typing import Optional, Sequence

GROWTH = 1.10  # a new snapshot once the traced size is this much above the last one


def report(snapshot: tracemalloc.Snapshot, top: int) -> None:
    snapshot = snapshot.filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
    print("=== by line")
    for stat in snapshot.statistics("lineno")[:top]:
        print(f"{stat.size / 2 ** 20:8.2f} MB {stat.count:9d}  {stat.traceback[0]}")
    print("=== by traceback")
    for stat in snapshot.statistics("traceback")[:top // 2]:
        print(f"{stat.size / 2 ** 20:8.2f} MB {stat.count:9d}")
        for line in stat.traceback.format():
            print("      ", line)


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--" not in argv:
        print("usage: python -m tools.bench.heap [--every S] [--frames N] [--top N] -- PAGEWASH ARGS",
              file=sys.stderr)
        return 2
    own, command = argv[:argv.index("--")], argv[argv.index("--") + 1:]
    parser = argparse.ArgumentParser(prog="python -m tools.bench.heap", description=__doc__.split("\n\n")[0])
    parser.add_argument("--every", type=float, default=3.0, help="seconds between checks (default 3)")
    parser.add_argument("--frames", type=int, default=2, help="frames kept per allocation (default 2)")
    parser.add_argument("--top", type=int, default=25, help="lines shown (default 25)")
    args = parser.parse_args(own)

    tracemalloc.start(args.frames)
    largest = {"size": 0, "snapshot": None}
    done = threading.Event()

    def watch() -> None:
        while not done.wait(args.every):
            current, _peak = tracemalloc.get_traced_memory()
            if current > largest["size"] * GROWTH:
                largest["size"], largest["snapshot"] = current, tracemalloc.take_snapshot()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    from pagewash.pipeline.cli import main as pagewash_main

    rc = pagewash_main(command)
    done.set()
    watcher.join()
    _current, peak = tracemalloc.get_traced_memory()
    print(f"traced at the largest snapshot: {largest['size'] / 2 ** 20:.1f} MB; traced peak: {peak / 2 ** 20:.1f} MB")
    if largest["snapshot"] is not None:
        report(largest["snapshot"], args.top)
    return rc


if __name__ == "__main__":
    sys.exit(main())
