"""The thin Beam shell every document stage shares.

A stage is a pure function ``fn(doc) -> Doc | Rejected`` (or a DoFn with heavy
state loaded in ``setup()``).  :class:`StageDoFn` turns the function's answer
into a main output or a ``rejected`` tagged output and counts each rejection
as ``rejected:<reason>``; :func:`apply_stage` adds Beam's exception handling so
an element that raises becomes an :class:`ErrorRecord` instead of failing the
run.  A stage with a further output (the spam cleaner's audit spans) returns
:class:`Extra` items; they arrive in ``StageOutputs.extras[<name>]`` and the
assembly decides where they are written.  A stage's input may be
:class:`~pagewash.transforms.spill.SpillRef` s of documents parked on disk
(in front of a side input); they are read back here, before ``apply``.  This
is the only module that emits tagged outputs or counts rejections.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, NamedTuple, Optional, Sequence

import apache_beam as beam
from apache_beam import pvalue
from apache_beam.metrics import Metrics

from pagewash.transforms import counters
from pagewash.transforms.record import ERRORS, REJECTED, Doc, ErrorRecord, Rejected, error_from_exception
from pagewash.transforms.spill import SpillReader, SpillRef, resolve

METRICS_NAMESPACE = counters.NAMESPACE


def counter(name: str):
    """The pagewash counter ``name`` (built with :mod:`pagewash.transforms.counters`)."""
    return Metrics.counter(METRICS_NAMESPACE, name)


def count_rejection(rejected: Rejected) -> None:
    """Counts a rejection as ``rejected:<reason>`` and ``rejected_by_stage:<stage>:<reason>``."""
    counter(counters.rejected(rejected.reason)).inc()
    counter(counters.rejected_by_stage(rejected.stage, rejected.reason)).inc()


def count_error(error: ErrorRecord) -> None:
    """Counts an error as ``errors:<stage>:<error type>``."""
    counter(counters.errors(error.stage, error.error_type)).inc()


def stage_counter(stage: str, what: str):
    """The counter ``<stage>:<what>`` of a stage's own counts."""
    return counter(counters.stage(stage, what))


class StageOutputs(NamedTuple):
    """The outputs of a stage: kept documents, rejections, errors, and any further
    named outputs (``extras``) the assembly writes."""

    docs: beam.PCollection
    rejected: beam.PCollection
    errors: beam.PCollection
    extras: Dict[str, beam.PCollection] = {}


class Extra(NamedTuple):
    """An item for a stage's named further output (see :func:`apply_stage`'s ``extras``)."""

    output: str
    value: Any


class StageDoFn(beam.DoFn):
    """Routes the answer of a pure stage function.

    Subclasses either pass ``fn`` or override :meth:`apply`.  ``apply`` may
    return a Doc (kept), a Rejected (tagged ``rejected``), an ErrorRecord
    (tagged ``errors``), an :class:`Extra` (tagged with its output name), or an
    iterable of them (for stages that fan out).
    """

    def __init__(self, stage: str, fn: Optional[Callable[..., Any]] = None):
        self.stage = stage
        self._fn = fn

    def _spill_reader(self) -> SpillReader:
        reader = getattr(self, "_reader", None)
        if reader is None:
            reader = self._reader = SpillReader()
        return reader

    def teardown(self):
        reader = getattr(self, "_reader", None)
        if reader is not None:
            reader.close()

    def apply(self, doc: Doc, *args: Any, **kwargs: Any) -> Any:
        if self._fn is None:
            raise TypeError(f"{type(self).__name__} needs fn or an apply() override")
        return self._fn(doc, *args, **kwargs)

    def process(self, doc, *args, **kwargs):  # no annotations: Beam reads them as type hints
        if isinstance(doc, SpillRef):  # a document parked on disk in front of a side input (spill.py)
            doc = resolve(doc, self._spill_reader())
        result = self.apply(doc, *args, **kwargs)
        if result is None:
            return
        items = [result] if isinstance(result, (Doc, Rejected, ErrorRecord, Extra)) else result
        for item in items:
            if isinstance(item, Rejected):
                count_rejection(item)
                yield pvalue.TaggedOutput(REJECTED, item)
            elif isinstance(item, ErrorRecord):
                count_error(item)
                yield pvalue.TaggedOutput(ERRORS, item)
            elif isinstance(item, Extra):
                yield pvalue.TaggedOutput(item.output, item.value)
            else:
                yield item


class ToErrorRecords(beam.DoFn):
    """Turns Beam's dead-letter tuples ``(element, (type, value, traceback))`` into error records."""

    def __init__(self, stage: str):
        self.stage = stage

    def process(self, bad):
        element, (exc_type, exc_value, _tb) = bad
        if isinstance(element, SpillRef):
            reader = SpillReader()
            try:
                element = resolve(element, reader)
            finally:
                reader.close()
        error = error_from_exception(element, self.stage, exc_type, exc_value)
        count_error(error)
        yield error


def apply_stage(pcoll: beam.PCollection, label: str, dofn: StageDoFn, *args: Any,
                partial: bool = False, extras: Sequence[str] = (), **kwargs: Any) -> StageOutputs:
    """Applies ``dofn`` with exception handling; returns (docs, rejected, errors, extras).

    Extra positional and keyword arguments are passed to ``process`` (side
    inputs included).  ``extras`` names the further outputs the DoFn emits as
    :class:`Extra` items.  ``partial=True`` streams an element's outputs as they
    are produced instead of buffering them until the element succeeds (for
    readers that emit many records per file and handle their own errors).
    """
    results = (
        pcoll
        | label >> beam.ParDo(dofn, *args, **kwargs)
        .with_exception_handling(main_tag="docs", dead_letter_tag="failed", partial=partial)
    )  # the wrapper's outputs allow any tag: REJECTED, ERRORS and the extras are read off it
    failed = results["failed"] | f"{label}/AsErrors" >> beam.ParDo(ToErrorRecords(dofn.stage))
    errors = (results[ERRORS], failed) | f"{label}/AllErrors" >> beam.Flatten()
    return StageOutputs(results["docs"], results[REJECTED], errors, {name: results[name] for name in extras})
