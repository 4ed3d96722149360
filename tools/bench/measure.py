"""Measures a command from outside: wall time, CPU of its whole process tree, peak memory.

``measure(cmd)`` starts ``cmd``, makes this process a child subreaper (Linux ``prctl``), so that workers
re-parented away from their parent (a forkserver, Beam's worker pool) are still reaped here and their CPU
time counted, and samples the resident memory of every descendant every 0.1 s from ``/proc``.  It also
reads the machine's busy time from ``/proc/stat``, so the CPU other jobs used during the run is reported.
Standard library only: it runs in the project's venv and in the peer's.

    python -m tools.bench.measure OUT.json [--log FILE] -- CMD ...

The command's output is discarded, or written to ``FILE`` with ``--log``.
"""
from __future__ import annotations

import ctypes
import json
import os
import resource
import subprocess
import sys
import threading
import time
from typing import Dict, List, Optional, Sequence

_PR_SET_CHILD_SUBREAPER = 36
_PAGE = os.sysconf("SC_PAGE_SIZE")


def _busy_seconds() -> float:
    """CPU-seconds the whole machine has been busy (all but idle and iowait)."""
    with open("/proc/stat") as stat:
        fields = [int(x) for x in stat.readline().split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def _process_table() -> Dict[int, tuple]:
    """pid -> (parent pid, resident bytes) for every readable process."""
    table = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
            # the command name may hold spaces and parentheses: split after the last ')'
            fields = stat[stat.rindex(b")") + 2:].split()
            table[int(name)] = (int(fields[1]), int(fields[21]) * _PAGE)
        except (OSError, ValueError, IndexError):
            continue
    return table


def descendants(root: int) -> Dict[int, int]:
    """pid -> resident bytes of every descendant process of ``root``."""
    table = _process_table()
    children: Dict[int, List[int]] = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    out, stack = {}, list(children.get(root, ()))
    while stack:
        pid = stack.pop()
        out[pid] = table[pid][1]
        stack.extend(children.get(pid, ()))
    return out


def descendants_rss(root: int) -> List[int]:
    """Resident bytes of every descendant process of ``root``."""
    return list(descendants(root).values())


def _command(pid: int) -> str:
    """The start of a process's command line (which process of a runner it is)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            args = f.read().split(b"\0")
    except OSError:
        return ""
    return " ".join(a.decode("utf-8", "replace") for a in args if a)[:160]


def measure(cmd: Sequence[str], env: Optional[dict] = None, cwd: Optional[str] = None,
            log_path: Optional[str] = None) -> dict:
    """Runs ``cmd`` and returns wall_s, cpu_s (user+sys of the tree), peak RSS of the largest single
    process and of the tree, the most processes seen, the CPU other jobs used meanwhile, rc, and the
    peak of each of the largest processes with its command line."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy0 = _busy_seconds()
    start = time.monotonic()
    log = open(log_path, "wb") if log_path else subprocess.DEVNULL
    proc = subprocess.Popen(list(cmd), env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT if log_path
                            else subprocess.DEVNULL)
    peak = {"single": 0, "tree": 0, "procs": 0}
    per_process: Dict[int, list] = {}  # pid -> [peak resident bytes, command line]
    stop = threading.Event()
    me = os.getpid()

    def sample():
        while not stop.is_set():
            rss_by_pid = descendants(me)
            if rss_by_pid:
                rss = list(rss_by_pid.values())
                peak["single"] = max(peak["single"], max(rss))
                peak["tree"] = max(peak["tree"], sum(rss))
                peak["procs"] = max(peak["procs"], len(rss))
                for pid, value in rss_by_pid.items():
                    seen = per_process.get(pid)
                    if seen is None:
                        per_process[pid] = [value, _command(pid)]
                    elif value > seen[0]:
                        seen[0] = value
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, _ = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    while True:  # reap the orphans re-parented to us, so their CPU time is counted
        try:
            os.wait()
        except ChildProcessError:
            break
    wall = time.monotonic() - start
    busy = _busy_seconds() - busy0
    stop.set()
    sampler.join()
    if log_path:
        log.close()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    user, system = after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime
    return {"wall_s": round(wall, 2), "cpu_s": round(user + system, 2), "user_s": round(user, 2),
            "sys_s": round(system, 2), "peak_rss_single_mb": round(peak["single"] / 2 ** 20, 1),
            "peak_rss_tree_mb": round(peak["tree"] / 2 ** 20, 1), "max_procs": peak["procs"],
            "other_cpu_s": round(max(0.0, busy - user - system), 1), "rc": proc.returncode,
            # the largest processes (runner, workers), each with its peak and its command line
            "processes": [{"peak_rss_mb": round(value / 2 ** 20, 1), "cmd": cmd}
                          for value, cmd in sorted(per_process.values(), key=lambda v: -v[0])[:8]]}


def main(argv: Sequence[str]) -> int:
    argv = list(argv)
    log_path = None
    if len(argv) > 3 and argv[1] == "--log":  # OUT.json --log FILE -- CMD ...: the command's output to FILE
        log_path = argv[2]
        del argv[1:3]
    if "--" not in argv or argv.index("--") != 1:
        print("usage: python -m tools.bench.measure OUT.json [--log FILE] -- CMD ...", file=sys.stderr)
        return 2
    result = measure(argv[2:], log_path=log_path)
    with open(argv[0], "w") as out:
        json.dump(result, out, indent=1)
    print(json.dumps(result))
    return result["rc"]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
