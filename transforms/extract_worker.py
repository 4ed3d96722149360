"""The extraction process behind the CPU backstop (``python -m pagewash.transforms.extract_worker``).

It imports the extraction core only (lxml, trafilatura and the pre-pass; no Beam, no
models of the other stages), so each process starts in a fraction of a second and holds
about a third of the memory a process that imported the pipeline would.  Frames on stdin
are pickled ``(html, url, settings)``; each reply is ``("ok", Article | None)`` or
``("error", type, message)`` on stdout.  Every page runs under ``RLIMIT_CPU`` set to the
CPU the process has used plus ``cpu_seconds`` (see :mod:`transforms.extract_limits`).
"""
from __future__ import annotations

import os
import pickle
import struct
import sys


def cpu_used() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def write_frame(stream, payload) -> None:
    data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack("<Q", len(data)))
    stream.write(data)
    stream.flush()


def read_frame(stream):
    """The next pickled frame, or None at end of stream (the other side is gone)."""
    head = stream.read(8)
    if len(head) < 8:
        return None
    size = struct.unpack("<Q", head)[0]
    data = stream.read(size)
    if len(data) < size:
        return None
    return pickle.loads(data)


def stop_child(process) -> None:
    """Parent side: close a child's pipes (it may be dead already) and kill it."""
    for stream in (process.stdin, process.stdout):
        try:
            stream.close()
        except OSError:
            pass
    process.kill()
    process.wait()


def serve(cpu_seconds: int) -> None:
    """Extracts the pages framed on stdin, one reply frame per page on stdout."""
    import resource

    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints of libraries go to stderr, never into the frames
    requests = os.fdopen(os.dup(0), "rb")
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # SIGXCPU would dump core
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    from pagewash.transforms.extract import extract_article  # before the first page's limit

    while True:
        request = read_frame(requests)
        if request is None:
            return
        html, url, settings = request
        soft = int(cpu_used()) + 1 + cpu_seconds
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
        try:
            reply = ("ok", extract_article(html, url, settings))
        except Exception as exc:  # the page's own error; the process goes on
            reply = ("error", type(exc).__name__, str(exc)[:2000])
        write_frame(replies, reply)


if __name__ == "__main__":
    serve(int(sys.argv[1]))
