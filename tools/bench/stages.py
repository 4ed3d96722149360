"""Where the in-process runner's memory rises, fused stage by fused stage.

    ./run_local.sh tools bench-stages [--top 6] -- run --input X --output Y

Runs ``pagewash <args>`` in this process (the in-process runner, in_memory mode)
with Beam's ``FnApiRunner._execute_bundle`` wrapped: after each bundle it
prints the stage, the process's resident size and high-water mark
(``VmRSS`` / ``VmHWM`` of ``/proc/self/status``), how much the high-water mark
rose in that bundle, and what the runner holds between stages at that moment (its buffers and the inputs
queued for their consuming stages):
the encoded bytes of every ``ListBuffer`` and the keys and values of every
``GroupingBuffer`` (values counted, their size estimated from a sample pickled: they are held
decoded, so as objects they take more), the largest
``--top`` buffers by name.  Run it at two corpus sizes: what rises with N is the
per-document state of that stage (docs/PERFORMANCE.md).  It changes nothing in the
pipeline; it only reads the runner's buffers.
"""
from __future__ import annotations

import argparse
import itertools
import pickle
import sys
from typing import Dict, List, Optional, Sequence, Tuple


def status_mb() -> Tuple[float, float]:
    """(VmRSS, VmHWM) of this process in MB."""
    values: Dict[str, float] = {}
    with open("/proc/self/status") as status:
        for line in status:
            name, _, rest = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                values[name] = int(rest.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


SAMPLE = 200  # grouped values pickled per buffer to estimate their size


def _mean_pickled(table) -> float:
    """Mean pickled size of a sample of a grouping table's values (they are held decoded)."""
    sample = list(itertools.islice((v for vs in table.values() for v in vs), SAMPLE))
    if not sample:
        return 0.0
    return sum(len(pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)) for v in sample) / len(sample)


def _buffers(context):
    """(name, buffer) of every buffer the runner holds: those not yet scheduled and those in its
    queues, waiting for their consuming stage (each once)."""
    seen = set()
    for buffer_id, buffer in list(getattr(context, "pcoll_buffers", {}).items()):
        seen.add(id(buffer))
        yield buffer_id, buffer
    queues = getattr(context, "queues", None)
    for queue in (getattr(queues, n, None) for n in ("ready_inputs", "watermark_pending_inputs",
                                                     "time_pending_inputs")):
        for stage_key, data_input in list(getattr(queue, "_q", ())):
            for buffer_id, buffer in list(data_input.data.items()):
                if id(buffer) not in seen:
                    seen.add(id(buffer))
                    yield buffer_id, buffer


def held_buffers(context) -> List[Tuple[str, str, int, int]]:
    """(buffer name, kind, values, bytes) of what the runner holds between stages."""
    from apache_beam.runners.portability.fn_api_runner.execution import GroupingBuffer, ListBuffer

    rows = []
    for buffer_id, buffer in _buffers(context):
        name = buffer_id.decode("utf-8", "replace") if isinstance(buffer_id, bytes) else str(buffer_id)
        if isinstance(buffer, ListBuffer):
            if buffer.cleared:
                continue
            chunks = buffer._inputs
            rows.append((name, "list", len(chunks), sum(len(c) for c in chunks)))
        elif isinstance(buffer, GroupingBuffer):
            table = buffer._table
            values = sum(len(v) for v in table.values())
            size = sum(len(k) for k in table) + int(values * _mean_pickled(table))
            grouped = buffer._grouped_output or []
            size += sum(len(chunk) for part in grouped for chunk in part)
            rows.append((name, f"group/{len(table)}", values, size))
    return rows


def install(top: int) -> None:
    from apache_beam.runners.portability.fn_api_runner import fn_runner

    original = fn_runner.FnApiRunner._execute_bundle
    state = {"hwm": status_mb()[1]}

    def probed(self, runner_execution_context, bundle_context_manager, bundle_input):
        result = original(self, runner_execution_context, bundle_context_manager, bundle_input)
        rss, hwm = status_mb()
        rows = held_buffers(runner_execution_context)
        total = sum(r[3] for r in rows) / 2 ** 20
        rise, state["hwm"] = hwm - state["hwm"], hwm
        stage = bundle_context_manager.stage.name
        print(f"[stage] rss {rss:7.1f} hwm {hwm:7.1f} (+{rise:5.1f}) held {total:7.1f} MB  {stage[:110]}",
              file=sys.stderr, flush=True)
        for name, kind, values, size in sorted(rows, key=lambda r: -r[3])[:top]:
            if size >= 1 << 19:
                print(f"[held]     {size / 2 ** 20:7.1f} MB {values:8d} {kind:12s} {name[:90]}",
                      file=sys.stderr, flush=True)
        return result

    fn_runner.FnApiRunner._execute_bundle = probed


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--" not in argv:
        print("usage: python -m tools.bench.stages [--top N] -- PAGEWASH ARGS", file=sys.stderr)
        return 2
    own, command = argv[:argv.index("--")], argv[argv.index("--") + 1:]
    parser = argparse.ArgumentParser(prog="python -m tools.bench.stages", description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=6, help="largest held buffers shown per bundle (default 6)")
    args = parser.parse_args(own)
    from pagewash.pipeline.memory import skip_unused_imports

    skip_unused_imports()
    install(args.top)
    from pagewash.pipeline.cli import main as pagewash_main

    return pagewash_main(command)


if __name__ == "__main__":
    sys.exit(main())
