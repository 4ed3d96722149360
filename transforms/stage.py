"""The thin Beam shell every document stage shares.

A stage is a pure function ``fn(doc) -> Doc | Rejected`` (or a DoFn with heavy
state loaded in ``setup()``).  :class:`StageDoFn` turns the function's answer
into a main output or a ``rejected`` tagged output and counts each rejection
as ``rejected:<reason>``, and an element that raises becomes an
:class:`ErrorRecord` (tagged ``errors``) instead of failing the run: the work,
its counts, its routing and its exception handling are one ParDo, which
:func:`apply_stage` applies (one step of the graph per stage, not a wrapper,
a conversion of failures and a Flatten of errors).  A stage with a further output (the spam cleaner's audit spans) returns
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
from apache_beam.utils.windowed_value import WindowedValue

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
    """Routes the answer of a pure stage function, and turns an exception into an error record.

    Subclasses either pass ``fn`` or override :meth:`apply`.  ``apply`` may
    return a Doc (kept), a Rejected (tagged ``rejected``), an ErrorRecord
    (tagged ``errors``), an :class:`Extra` (tagged with its output name), or an
    iterable of them (for stages that fan out).  An element whose ``apply``
    raises becomes one :class:`ErrorRecord` (tagged ``errors``) and none of its
    other outputs are emitted; with ``partial`` (set by :func:`apply_stage`) the
    outputs made before the exception are emitted as they come, then the error.
    Work, counts, routing and exception handling are one step of the graph.
    """

    partial = False

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

    def process(self, element, *args, **kwargs):  # no annotations: Beam reads them as type hints
        doc = element
        if self.partial:  # outputs stream; an exception ends the element with its error record
            try:
                if isinstance(doc, SpillRef):
                    doc = resolve(doc, self._spill_reader())
                for item in stage_items(self.apply(doc, *args, **kwargs)):
                    yield _routed(item)
            except Exception as exc:
                yield self._failed(element, doc, exc)
            return
        try:  # every output of the element is made before any is emitted (or counted)
            if isinstance(doc, SpillRef):  # a document parked on disk in front of a side input (spill.py)
                doc = resolve(doc, self._spill_reader())
            items = list(stage_items(self.apply(doc, *args, **kwargs)))
        except Exception as exc:
            yield self._failed(element, doc, exc)
            return
        for item in items:
            yield _routed(item)

    def _failed(self, element: Any, resolved: Any, exc: Exception):
        """The error record of an element that raised (a spilled document's own id and source when
        it could be read back)."""
        error = error_from_exception(element if isinstance(resolved, SpillRef) else resolved, self.stage,
                                     type(exc), repr(exc))
        count_error(error)
        return pvalue.TaggedOutput(ERRORS, error)


def stage_items(result: Any):
    """The outputs ``apply`` returned, as a sequence (``None``: none; one output alone)."""
    if result is None:
        return ()
    return (result,) if isinstance(result, (Doc, Rejected, ErrorRecord, Extra)) else result


def _routed(item: Any):
    """One output of a stage: counted when it is a rejection or an error, and tagged."""
    if isinstance(item, Rejected):
        count_rejection(item)
        return pvalue.TaggedOutput(REJECTED, item)
    if isinstance(item, ErrorRecord):
        count_error(item)
        return pvalue.TaggedOutput(ERRORS, item)
    if isinstance(item, Extra):
        return pvalue.TaggedOutput(item.output, item.value)
    return item


def emit_later(items: Sequence[Any], timestamp: Any, window: Any):
    """The outputs of an element a stage answers after later elements came (a pipelined stage, or
    its ``finish_bundle``), routed as :meth:`StageDoFn.process` routes them and carrying the
    element's own timestamp and window."""
    for item in items:
        routed = _routed(item)
        if isinstance(routed, pvalue.TaggedOutput):
            yield pvalue.TaggedOutput(routed.tag, WindowedValue(routed.value, timestamp, (window,)))
        else:
            yield WindowedValue(routed, timestamp, (window,))


def apply_stage(pcoll: beam.PCollection, label: str, dofn: StageDoFn, *args: Any,
                partial: bool = False, extras: Sequence[str] = (), processes: int = 0,
                **kwargs: Any) -> StageOutputs:
    """Applies ``dofn`` as one step with tagged outputs; returns (docs, rejected, errors, extras).

    Extra positional and keyword arguments are passed to ``process`` (side
    inputs included).  ``extras`` names the further outputs the DoFn emits as
    :class:`Extra` items.  ``partial=True`` streams an element's outputs as they
    are produced instead of holding them until the element succeeds (for
    readers that emit many records per file and handle their own errors).
    ``processes > 0`` runs ``dofn.apply`` in that many stage processes of its own, pipelined
    (:mod:`pagewash.transforms.stage_pool`; the same outputs).
    """
    dofn.partial = partial
    step = dofn
    if processes > 0 and not kwargs:
        from pagewash.transforms.stage_pool import pooled

        step = pooled(dofn, processes, len(args))
    results = (pcoll
               | label >> beam.ParDo(step, *args, **kwargs).with_outputs(REJECTED, ERRORS, *extras, main="docs"))
    return StageOutputs(results["docs"], results[REJECTED], results[ERRORS], {name: results[name] for name in extras})
