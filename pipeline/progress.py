"""Progress lines on long runs.

:class:`CountProgress` is a pass-through step: each worker process counts the
records going through it (pages read, pages extracted) and, at most every
:data:`INTERVAL_SECONDS` (or ``$PAGEWASH_PROGRESS_SECONDS``), logs one line on the ``pagewash.progress`` logger::

    progress: 12,400 pages read, 11,950 extracted (410 pages/s)

The counts are per worker process (a multi-worker run prints one line per
worker); nothing is printed by runs shorter than the interval.  Timing only
decides when a line is printed, never what the pipeline writes.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from typing import Dict

import apache_beam as beam

from pagewash.pipeline.logs import PROGRESS_LOGGER

INTERVAL_SECONDS = 10.0

_lock = threading.Lock()
_counts: Dict[str, int] = {}
_state = {"start": 0.0, "last": 0.0}


def progress_line(counts: Dict[str, int], elapsed: float) -> str:
    read = counts.get("read", 0)
    parts = [f"{read:,} pages read"]
    if "extracted" in counts:
        parts.append(f"{counts['extracted']:,} extracted")
    rate = read / elapsed if elapsed > 0 else 0.0
    return f"progress: {', '.join(parts)} ({rate:,.0f} pages/s)"


def _tick(label: str, now: float) -> None:
    with _lock:
        if not _state["start"]:
            _state["start"] = _state["last"] = now
        _counts[label] = _counts.get(label, 0) + 1
        if now - _state["last"] < float(os.environ.get("PAGEWASH_PROGRESS_SECONDS") or INTERVAL_SECONDS):
            return
        _state["last"] = now
        line = progress_line(dict(_counts), now - _state["start"])
    worker = f" [worker {os.getpid()}]" if os.environ.get("PAGEWASH_LAUNCHER_PID") != str(os.getpid()) else ""
    logging.getLogger(PROGRESS_LOGGER).info(line + worker)


class CountProgress(beam.PTransform):
    """Passes records through, counting them under ``what`` for the progress line."""

    def __init__(self, what: str):
        super().__init__()
        self.what = what  # not "label": that is the transform's name in Beam

    def expand(self, pcoll):
        label = self.what

        def tick(record):
            _tick(label, time.monotonic())
            return record

        return pcoll | "Count" >> beam.Map(tick)
