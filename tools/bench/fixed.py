"""The run's fixed cost: the pipeline graph's size, what building it costs, and a small run's CPU per process.

    ./run_local.sh tools bench-fixed graph [--input PATH]       transforms per stage, build and proto time
    ./run_local.sh tools bench-fixed run --input PATH [--workers 2] [--repeat 3] [--runner multi|inprocess]

``graph`` builds the whole pipeline of ``pagewash run`` (every stage and writer, with dedup) on the
given input without running it, counts the graph's leaf transforms (the steps a runner executes)
under each top-level label (``ReadPages``, ``CleanSpam``, ``WriteClean``, ...), and times the
construction (``build_pipeline``) and the proto a runner is given (``Pipeline.to_runner_api``), in
CPU-seconds of this process.

``run`` runs ``pagewash run`` on the input (one page measures the fixed cost) and reports the CPU
of each process of the run from ``/proc`` (user + system, sampled every 0.05 s up to each process's
last sample, so a process's last 0.05 s may be missing), grouped by what the process is: the runner
(the ``pagewash`` command), the local runner's Beam workers, the extraction worker processes (and
``other``: the plots' process, shells); and a timeline of the cores each kind kept busy per ``--step``
seconds (where the wall time goes).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from typing import Dict, List, Optional, Sequence

from tools.paths import REPO_ROOT

_TICK = os.sysconf("SC_CLK_TCK")


# --------------------------------------------------------------------------- graph
def leaf_transforms_per_stage(proto) -> Dict[str, int]:
    """Top-level label -> number of leaf transforms (no subtransforms) under it, from a pipeline proto."""
    transforms = proto.components.transforms
    per_stage: Counter = Counter()
    for transform in transforms.values():
        if transform.subtransforms or not transform.unique_name:
            continue
        per_stage[transform.unique_name.split("/", 1)[0]] += 1
    return dict(sorted(per_stage.items(), key=lambda kv: (-kv[1], kv[0])))


def graph(inputs: Sequence[str], output: str, flags: Sequence[str] = ()) -> dict:
    import apache_beam as beam

    from pagewash.pipeline import preflight
    from pagewash.pipeline.assemble import build_pipeline
    from pagewash.pipeline.options import parse_options

    options = parse_options(["--input", *inputs, "--output", output, *flags])
    config = preflight.prepare(options)
    pipeline = beam.Pipeline(options=options)
    start = time.process_time()
    build_pipeline(pipeline, options, config, output)
    built = time.process_time()
    proto = pipeline.to_runner_api()
    done = time.process_time()
    per_stage = leaf_transforms_per_stage(proto)
    return {"leaf_transforms": sum(per_stage.values()), "all_transforms": len(proto.components.transforms),
            "pcollections": len(proto.components.pcollections),
            "build_cpu_s": round(built - start, 3), "proto_cpu_s": round(done - built, 3),
            "per_stage": per_stage}


# --------------------------------------------------------------------------- run
def _stat(pid: int):
    """(parent pid, user+system CPU-seconds) of ``pid`` from ``/proc``, or None."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
        fields = stat[stat.rindex(b")") + 2:].split()
        return int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICK
    except (OSError, ValueError, IndexError):
        return None


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return " ".join(a.decode("utf-8", "replace") for a in f.read().split(b"\0") if a)
    except OSError:
        return ""


def _kind(cmd: str, is_root: bool) -> str:
    if is_root:
        return "runner"
    if "extract_worker" in cmd:
        return "extraction"
    if "pagewash.pipeline.plots" in cmd:
        return "plots"
    if "pagewash.pipeline.worker" in cmd or "sdk_worker" in cmd or "worker_pool" in cmd:
        return "beam worker"
    return "other"


def run_once(inputs: Sequence[str], runner: str, workers: int, flags: Sequence[str] = (), step: float = 5.0) -> dict:
    """One ``pagewash run`` on ``inputs``; CPU-seconds per process, grouped by kind."""
    with tempfile.TemporaryDirectory(prefix="pagewash-fixed-") as tmp:
        cmd = [sys.executable, "-m", "pagewash.pipeline.cli", "run", "--input", *inputs,
               "--output", os.path.join(tmp, "out"), "-q", *flags]
        if runner == "multi":
            cmd += ["--direct_running_mode=multi_processing", f"--direct_num_workers={workers}"]
        seen: Dict[int, List] = {}  # pid -> [cpu_s, cmd]
        timeline: List[tuple] = []  # (seconds since start, {pid: cpu_s})
        stop = threading.Event()
        start = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def sample():
            while not stop.is_set():
                tree = {proc.pid}
                table = {}
                for name in os.listdir("/proc"):
                    if name.isdigit():
                        entry = _stat(int(name))
                        if entry is not None:
                            table[int(name)] = entry
                changed = True
                while changed:  # descendants of the run (parents before children)
                    changed = False
                    for pid, (ppid, _) in table.items():
                        if ppid in tree and pid not in tree:
                            tree.add(pid)
                            changed = True
                for pid in tree:
                    if pid in table:
                        if pid not in seen:
                            seen[pid] = [0.0, _cmdline(pid)]
                        seen[pid][0] = max(seen[pid][0], table[pid][1])
                timeline.append((time.monotonic() - start, {pid: seen[pid][0] for pid in tree if pid in seen}))
                stop.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        rc = proc.wait()
        wall = time.monotonic() - start
        stop.set()
        sampler.join()
    groups: Dict[str, List[float]] = {}
    kinds = {pid: _kind(command, pid == proc.pid) for pid, (_, command) in seen.items()}
    for pid, (cpu, command) in sorted(seen.items()):
        groups.setdefault(kinds[pid], []).append(round(cpu, 2))
    return {"rc": rc, "wall_s": round(wall, 2), "cpu_s": round(sum(c for c, _ in seen.values()), 2),
            "per_kind": {kind: sorted(values, reverse=True) for kind, values in sorted(groups.items())},
            "timeline": cores_busy(timeline, kinds, step)}


def cores_busy(timeline: Sequence[tuple], kinds: Dict[int, str], step: float) -> List[dict]:
    """Per ``step`` seconds of the run: the cores each kind of process kept busy (CPU-seconds used
    in the interval divided by its length), from the cumulative CPU samples."""
    out, last, last_t, edge = [], {}, 0.0, step
    for i, (t, cpu) in enumerate(timeline):
        if t < edge and i != len(timeline) - 1:
            continue
        used: Dict[str, float] = {}
        for pid, value in cpu.items():
            used[kinds.get(pid, "other")] = used.get(kinds.get(pid, "other"), 0.0) + value - last.get(pid, 0.0)
        span = max(t - last_t, 1e-9)
        out.append({"until_s": round(t, 1), **{kind: round(v / span, 2) for kind, v in sorted(used.items()) if v > 0}})
        last, last_t, edge = dict(cpu), t, t + step
    return out


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="bench-fixed", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("graph", help="transforms per stage; build and proto CPU time")
    g.add_argument("--input", nargs="+", default=["fixtures/pages"])
    g.add_argument("--flag", action="append", default=[], help="a further flag of pagewash run (repeatable)")
    r = sub.add_parser("run", help="CPU per process of a (small) run")
    r.add_argument("--input", nargs="+", required=True)
    r.add_argument("--runner", choices=("multi", "inprocess"), default="multi")
    r.add_argument("--workers", type=int, default=2)
    r.add_argument("--repeat", type=int, default=1)
    r.add_argument("--flag", action="append", default=[], help="a further flag of pagewash run (repeatable)")
    r.add_argument("--step", type=float, default=5.0, help="seconds per line of the cores-busy timeline (default 5)")
    args = parser.parse_args(argv)
    if args.command == "graph":
        here = os.getcwd()
        os.chdir(REPO_ROOT)
        try:
            with tempfile.TemporaryDirectory(prefix="pagewash-graph-") as tmp:
                print(json.dumps(graph(args.input, os.path.join(tmp, "out"), args.flag), indent=1))
        finally:
            os.chdir(here)
        return 0
    inputs = [os.path.abspath(path) for path in args.input]
    for _ in range(args.repeat):
        print(json.dumps(run_once(inputs, args.runner, args.workers, args.flag, args.step)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
