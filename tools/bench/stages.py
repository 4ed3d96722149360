"""Where the in-process runner's memory rises, fused stage by fused stage.

    ./run_local.sh tools bench-stages [--top 6] [--trace-from STAGE --trace-at STAGE] -- run --input X --output Y

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
per-document state of that stage (docs/PERFORMANCE.md).  A second line per bundle says where
the resident memory is: anonymous and file-backed pages, what glibc's allocator hands out and
holds free, Python's allocated blocks.  ``--trace-from``/``--trace-at`` run tracemalloc from the
first stage whose name holds one text to the first that holds the other, then print what those
stages left allocated (tracing slows them two to four times).  It changes nothing in the
pipeline; it only reads the runner's buffers.
"""
from __future__ import annotations

import argparse
import itertools
import pickle
import sys
from typing import Dict, List, Optional, Sequence, Tuple


def _status_fields_mb(names: Tuple[str, ...]) -> Dict[str, float]:
    """The named kB fields of ``/proc/self/status``, in MB."""
    values: Dict[str, float] = {}
    with open("/proc/self/status") as status:
        for line in status:
            name, _, rest = line.partition(":")
            if name in names:
                values[name] = int(rest.split()[0]) / 1024
    return values


def status_mb() -> Tuple[float, float]:
    """(VmRSS, VmHWM) of this process in MB."""
    values = _status_fields_mb(("VmRSS", "VmHWM"))
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def breakdown_mb() -> Dict[str, float]:
    """Where the resident memory is: anonymous and file-backed pages (``/proc/self/status``),
    what glibc's allocator hands out and holds free (``mallinfo2``), and Python's allocated
    blocks (a count)."""
    values = _status_fields_mb(("RssAnon", "RssFile"))
    info = _mallinfo2()
    if info is not None:
        values["malloc_used"], values["malloc_free"] = info
    values["py_blocks_k"] = sys.getallocatedblocks() / 1000
    return values


def _mallinfo2() -> Optional[Tuple[float, float]]:
    """(in use, free but held) MB of glibc's heap, or None off glibc."""
    import ctypes

    class MallInfo2(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in
                    ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
                     "uordblks", "fordblks", "keepcost")]

    try:
        libc = ctypes.CDLL(None)
        function = libc.mallinfo2
    except (OSError, AttributeError):
        return None
    function.restype = MallInfo2
    info = function()
    return (info.uordblks + info.hblkhd) / 2 ** 20, info.fordblks / 2 ** 20


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


def _print_traces(stage: str, frames: int, top: int) -> None:
    import tracemalloc

    snapshot = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
    total = sum(stat.size for stat in snapshot.statistics("filename"))
    print(f"[trace] {total / 2 ** 20:.1f} MB allocated since tracing started and still live, after {stage[:100]}",
          file=sys.stderr, flush=True)
    for stat in snapshot.statistics("traceback" if frames > 1 else "lineno")[:top]:
        print(f"[trace] {stat.size / 2 ** 20:8.2f} MB {stat.count:9d}", file=sys.stderr, flush=True)
        for line in stat.traceback.format()[-2 * frames:]:
            print(f"[trace]        {line}", file=sys.stderr, flush=True)


def install(top: int, trace_from: str = "", trace_at: str = "", frames: int = 4) -> None:
    from apache_beam.runners.portability.fn_api_runner import fn_runner

    original = fn_runner.FnApiRunner._execute_bundle
    state = {"hwm": status_mb()[1]}

    def probed(self, runner_execution_context, bundle_context_manager, bundle_input):
        import tracemalloc

        stage = bundle_context_manager.stage.name
        if trace_from and trace_from in stage and not tracemalloc.is_tracing():
            tracemalloc.start(frames)
        if trace_at and trace_at in stage and tracemalloc.is_tracing():
            _print_traces("the stages before " + stage, frames, 30)
            tracemalloc.stop()
        result = original(self, runner_execution_context, bundle_context_manager, bundle_input)
        rss, hwm = status_mb()
        rows = held_buffers(runner_execution_context)
        total = sum(r[3] for r in rows) / 2 ** 20
        rise, state["hwm"] = hwm - state["hwm"], hwm
        parts = " ".join(f"{k} {v:.1f}" for k, v in breakdown_mb().items())
        print(f"[stage] rss {rss:7.1f} hwm {hwm:7.1f} (+{rise:5.1f}) held {total:7.1f} MB  {stage[:110]}",
              file=sys.stderr, flush=True)
        print(f"[mem]   {parts}", file=sys.stderr, flush=True)
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
    parser.add_argument("--trace-from", default="",
                        help="start tracemalloc before the first stage whose name holds this text")
    parser.add_argument("--trace-at", default="",
                        help="print what the traced stages left allocated before the first stage whose name "
                             "holds this text (needs --trace-from)")
    parser.add_argument("--frames", type=int, default=4, help="frames per traced allocation (default 4)")
    args = parser.parse_args(own)
    from pagewash.pipeline.memory import skip_unused_imports

    skip_unused_imports()
    install(args.top, args.trace_from, args.trace_at, args.frames)
    from pagewash.pipeline.cli import main as pagewash_main

    return pagewash_main(command)


if __name__ == "__main__":
    sys.exit(main())
