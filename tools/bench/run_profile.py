"""Where a whole run's CPU goes, by stage (``./run_local.sh tools bench-run-profile``).

Runs ``pagewash run`` on the in-process runner (every stage in this process) under
:mod:`cProfile` with a CPU-time clock (``time.process_time``: other jobs on the machine do not
inflate it), then prints:

- per stage: the CPU of each of pagewash's DoFn methods (``process``, ``apply``, ``setup``,
  ``process_batch`` ...), nested work included, with its class, by the largest first;
- per package: the CPU spent in the functions of each package (Beam, py3langid, trafilatura,
  the product's modules, the standard library's ``inspect`` and ``pickle`` ...), nested work
  not included, so the rows add up to the run.

``-- ARGS`` are passed to ``pagewash run`` (``--input``, ``--output`` and any flags);
``--save FILE`` keeps the profile for ``pstats``.  The profiler costs ~1.5-2x the run's CPU.
"""
from __future__ import annotations

import argparse
import ast
import cProfile
import functools
import os
import pstats
import sys
import time
from collections import defaultdict
from typing import Dict, List, Optional, Sequence, Tuple

from tools.bench import split_passthrough

DOFN_METHODS = ("process", "apply", "setup", "start_bundle", "finish_bundle", "teardown", "process_batch")


@functools.lru_cache(maxsize=None)
def _classes_by_line(path: str) -> List[Tuple[int, int, str]]:
    try:
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read())
    except (OSError, SyntaxError, ValueError):
        return []
    return [(node.lineno, node.end_lineno or node.lineno, node.name)
            for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]


def _enclosing_class(path: str, line: int) -> str:
    inner = ""
    best = None
    for first, last, name in _classes_by_line(path):
        if first <= line <= last and (best is None or first > best):
            best, inner = first, name
    return inner


def _own(path: str, own_root: str) -> bool:
    return path.startswith(own_root) and "site-packages" not in path


def _package(path: str, own_root: str) -> str:
    if _own(path, own_root):
        rel = os.path.relpath(path, own_root)
        return "pagewash " + rel[:-3] if rel.endswith(".py") else "pagewash " + rel
    if "site-packages/" in path:
        tail = path.split("site-packages/", 1)[1]
        top = tail.split("/", 1)[0]
        if top == "apache_beam":
            return "beam " + "/".join(tail.split("/")[1:3])
        return top
    if path == "~":
        return "builtins and C methods"
    return "stdlib " + os.path.basename(path)


def report(stats: pstats.Stats, own_root: str, top: int) -> None:
    raw = stats.stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in raw.values())
    print(f"profiled CPU: {total:.2f} s")
    stages: Dict[str, float] = defaultdict(float)
    for (path, line, name), (_cc, _nc, _tt, cum, _callers) in raw.items():
        if name in DOFN_METHODS and _own(path, own_root):
            cls = _enclosing_class(path, line)
            if cls:
                stages[f"{os.path.relpath(path, own_root)} {cls}.{name}"] += cum
    print(f"\n{'pagewash DoFn method (nested work included)':78s} {'CPU-s':>7s} {'share':>6s}")
    for key, cum in sorted(stages.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{key:78s} {cum:7.2f} {cum / total:6.1%}")
    packages: Dict[str, float] = defaultdict(float)
    for (path, _line, _name), (_cc, _nc, tt, _cum, _callers) in raw.items():
        packages[_package(path, own_root)] += tt
    print(f"\n{'package (own time only: the rows add up)':78s} {'CPU-s':>7s} {'share':>6s}")
    for key, tt in sorted(packages.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{key:78s} {tt:7.2f} {tt / total:6.1%}")


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv, run_args = split_passthrough(argv)
    parser = argparse.ArgumentParser(prog="tools bench-run-profile", description=__doc__.split("\n\n")[0])
    parser.add_argument("--save", default=None, help="write the profile here (pstats format)")
    parser.add_argument("--top", type=int, default=30, help="rows per table")
    args = parser.parse_args(argv)
    if not run_args:
        parser.error("give the run's arguments after --: -- --input DIR --output DIR")
    from pagewash.pipeline import cli

    own_root = os.path.dirname(os.path.dirname(os.path.abspath(cli.__file__)))
    profiler = cProfile.Profile(time.process_time)
    cpu0 = time.process_time()
    profiler.enable()
    try:
        rc = cli.main(["run", *run_args])
    finally:
        profiler.disable()
    print(f"pagewash run: rc {rc}, {time.process_time() - cpu0:.2f} CPU-s in this process (profiled)")
    if args.save:
        profiler.dump_stats(args.save)
    report(pstats.Stats(profiler), own_root, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
