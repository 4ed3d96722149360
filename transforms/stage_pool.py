"""A stage's per-document work in processes of its own, pipelined (the in-process runner's second core).

The in-process runner runs every fused step in one process.  On text dumps the extraction
pool (:mod:`pagewash.transforms.extract_limits`) has nothing to do, and the cleaning and the
quality tagging (two thirds of a text document's CPU) ran one after the other in the
runner's process while the second core was idle.  :func:`pooled` wraps a
:class:`~pagewash.transforms.stage.StageDoFn` so that its ``apply`` runs in ``processes``
stage processes (:mod:`pagewash.transforms.stage_worker`), each with one document in flight,
while the pipeline worker goes on with the rest of its fused step (reading spilled documents
back, the other pooled stage, the filters, the dedup keys); the stage's models load in the
stage processes only.

The outputs are the ones :meth:`StageDoFn.process` gives, element for element: ``apply``'s
items when it returns (counted and routed here, :func:`~pagewash.transforms.stage.emit_later`),
one error record when it raises (the same type and message), the counters it incremented
added to the worker's; they leave in the order the elements came, the last ones in
``finish_bundle``.  A stage process that dies gives its document an error record
(``StageWorkerDied``) and is replaced.  When no stage process can be started at all (an
interpreter this user may not execute, no process slots), the stage runs in the pipeline worker
from then on, with the same outputs (counted as ``stage:run_in_worker``).  The output does not
depend on the number of processes.
"""
from __future__ import annotations

import logging
import pickle
import subprocess
import sys
from collections import deque
from typing import Any, Deque, List, Optional, Tuple

import apache_beam as beam

from pagewash.transforms import counters
from pagewash.transforms.extract_worker import read_frame, stop_child, write_frame
from pagewash.transforms.record import ErrorRecord, error_from_exception
from pagewash.transforms.spill import SpillRef, resolve
from pagewash.transforms.stage import StageDoFn, counter, emit_later, stage_items

log = logging.getLogger(__name__)


class StageProcess:
    """One stage process: set up once with the stage's DoFn, then one document at a time."""

    def __init__(self, dofn_bytes: bytes):
        self._dofn_bytes = dofn_bytes
        self._process: Optional[subprocess.Popen] = None
        self._args_ids: Optional[Tuple[int, ...]] = None

    def _start(self) -> None:
        self._process = subprocess.Popen([sys.executable, "-m", "pagewash.transforms.stage_worker"],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, close_fds=True)
        self._process.stdin.write(len(self._dofn_bytes).to_bytes(8, "little"))  # a frame: its pickle as is
        self._process.stdin.write(self._dofn_bytes)
        self._process.stdin.flush()
        self._args_ids = None

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            stop_child(process)

    def send(self, doc: Any, args: Tuple[Any, ...]) -> None:
        if self._process is None:
            self._start()
        try:
            ids = tuple(id(arg) for arg in args)  # a side input's value is sent when it changes, not per document
            if ids != self._args_ids:
                write_frame(self._process.stdin, ("args", args))
                self._args_ids = ids
            write_frame(self._process.stdin, ("apply", doc))
        except (BrokenPipeError, OSError):
            pass  # the process is gone: receive() finds out

    def receive(self):
        try:
            reply = read_frame(self._process.stdout)
        except (BrokenPipeError, OSError):
            reply = None
        if reply is None:
            code = self._process.wait()
            self.stop()
            return ("died", code)
        return reply


class _Entry:
    __slots__ = ("element", "doc", "items", "timestamp", "window")

    def __init__(self, element, timestamp, window):
        self.element, self.timestamp, self.window = element, timestamp, window
        self.doc = None
        self.items: Optional[list] = None


class PooledStageDoFn(beam.DoFn):
    """``inner`` (a StageDoFn, not partial) with its ``apply`` in ``processes`` stage processes."""

    def __init__(self, inner: StageDoFn, processes: int):
        super().__init__()
        self.inner = inner
        self.processes = max(1, processes)

    def setup(self):
        payload = pickle.dumps(("setup", self.inner), protocol=pickle.HIGHEST_PROTOCOL)
        self._workers = [StageProcess(payload) for _ in range(self.processes)]
        self._idle: List[StageProcess] = list(self._workers)
        self._busy: Deque[Tuple[StageProcess, _Entry]] = deque()
        self._queue: Deque[_Entry] = deque()
        self._in_worker = False  # set when no stage process could be started

    def _apply_in_worker(self, element, doc, args) -> list:
        """The stage's outputs for one document made here, as :meth:`StageDoFn.process` makes them."""
        if not self._in_worker:
            self._in_worker = True
            self.inner.setup()
        counter(counters.STAGE_RUN_IN_WORKER).inc()
        try:
            return list(stage_items(self.inner.apply(doc, *args)))
        except Exception as exc:
            return [self.inner._failed(element, doc, exc)]

    def teardown(self):
        for worker in getattr(self, "_workers", ()):
            worker.stop()
        self.inner.teardown()  # its spill reader

    def _answer(self, entry: _Entry, reply) -> None:
        stage = self.inner.stage
        if reply[0] == "died":
            entry.items = [ErrorRecord(id=getattr(entry.doc, "id", None),
                                       source=getattr(entry.doc, "source", None) or repr(entry.element)[:300],
                                       stage=stage, error_type="StageWorkerDied",
                                       message=f"the stage process ended with code {reply[1]} on this document")]
            return
        for name, n in reply[-1].items():
            counter(name).inc(n)
        if reply[0] == "ok":
            entry.items = reply[1]
        else:
            resolved = entry.doc
            entry.items = [error_from_exception(entry.element if isinstance(resolved, SpillRef) else resolved,
                                                stage, reply[1], reply[2])]

    def _collect_oldest(self) -> None:
        worker, entry = self._busy.popleft()
        self._answer(entry, worker.receive())
        self._idle.append(worker)

    def _process(self, element, args, timestamp, window):
        entry = _Entry(element, timestamp, window)
        self._queue.append(entry)
        doc = element
        try:
            if isinstance(doc, SpillRef):  # read back here: only the document crosses to the stage process
                doc = resolve(doc, self.inner._spill_reader())
            entry.doc = doc
        except Exception as exc:
            entry.items = [self.inner._failed(element, doc, exc)]
        if entry.items is None and self._in_worker:
            entry.items = self._apply_in_worker(element, doc, args)
        if entry.items is None:
            if not self._idle:
                self._collect_oldest()
            worker = self._idle.pop()
            try:
                worker.send(doc, args)
            except OSError as exc:  # the process could not be started: the stage runs here instead
                self._idle.append(worker)
                log.warning("%s: no stage process could be started (%s); the stage runs in the pipeline worker",
                            self.inner.stage, exc)
                entry.items = self._apply_in_worker(element, doc, args)
            else:
                self._busy.append((worker, entry))
        yield from self._ready()

    def _ready(self, drain: bool = False):
        while self._queue:
            if self._queue[0].items is None:
                if not drain:
                    return
                self._collect_oldest()
                continue
            ready = self._queue.popleft()
            yield from emit_later(ready.items, ready.timestamp, ready.window)

    def finish_bundle(self):
        yield from self._ready(drain=True)


class _NoSideInput(PooledStageDoFn):
    def process(self, element, timestamp=beam.DoFn.TimestampParam, window=beam.DoFn.WindowParam):
        return self._process(element, (), timestamp, window)


class _OneSideInput(PooledStageDoFn):
    def process(self, element, side, timestamp=beam.DoFn.TimestampParam, window=beam.DoFn.WindowParam):
        return self._process(element, (side,), timestamp, window)


def pooled(dofn: StageDoFn, processes: int, side_inputs: int) -> beam.DoFn:
    """``dofn`` with its work in ``processes`` stage processes (``side_inputs``: 0 or 1 positional)."""
    if dofn.partial:
        raise ValueError("a partial stage streams its outputs: it cannot be pooled")
    if side_inputs == 0:
        return _NoSideInput(dofn, processes)
    if side_inputs == 1:
        return _OneSideInput(dofn, processes)
    raise ValueError("a pooled stage takes at most one side input")
