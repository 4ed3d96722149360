"""The process behind a pooled stage (``python -m pagewash.transforms.stage_worker``).

A stage whose work is a pure function per document (the spam cleaner with its side input, the
quality tagger) can run that function here while the pipeline worker goes on
(:mod:`pagewash.transforms.stage_pool`).  Frames on stdin (pickled, as the extraction process
reads them, :mod:`pagewash.transforms.extract_worker`):

- ``("setup", dofn)``: the stage's :class:`~pagewash.transforms.stage.StageDoFn`; its ``setup`` runs
  here once (its models load in this process, not in the pipeline worker);
- ``("args", args)``: the side-input values later documents are applied with (sent when they change);
- ``("apply", doc)``: one reply ``("ok", items, counts)`` with every output of ``dofn.apply(doc, *args)``,
  or ``("error", type name, repr of the exception, counts)`` when it raised; ``counts`` are the
  stage counters the call incremented, which the pipeline worker adds to its own.
"""
from __future__ import annotations

import os
from collections import defaultdict


class _Recorded:
    __slots__ = ("name", "counts")

    def __init__(self, name: str, counts):
        self.name, self.counts = name, counts

    def inc(self, n: int = 1) -> None:
        self.counts[self.name] += n


def serve() -> None:
    from pagewash.transforms.extract_worker import read_frame, write_frame

    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints of libraries go to stderr, never into the frames
    requests = os.fdopen(os.dup(0), "rb")
    try:
        from pagewash.pipeline.memory import skip_unused_imports

        skip_unused_imports()
    except Exception:  # only memory: the worker is the same without it
        pass
    from pagewash.transforms import stage

    counts = defaultdict(int)
    stage.counter = lambda name: _Recorded(name, counts)  # the stage's counters, sent back with each reply
    dofn, args = None, ()
    while True:
        request = read_frame(requests)
        if request is None:
            return
        kind = request[0]
        if kind == "setup":
            dofn = request[1]
            dofn.setup()
            continue
        if kind == "args":
            args = request[1]
            continue
        counts.clear()
        try:
            items = list(stage.stage_items(dofn.apply(request[1], *args)))
            reply = ("ok", items, dict(counts))
        except Exception as exc:  # the document's own error; the process goes on
            reply = ("error", type(exc).__name__, repr(exc), dict(counts))
        write_frame(replies, reply)


if __name__ == "__main__":
    serve()
