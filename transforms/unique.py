"""One document per id, chosen by content, before dedup and writing.

Two records may share an id: the same JSONL ``id`` in two files, a file read
twice.  Dedup keys its graph by id and the writers shard by it, so a
repeated id would make the result depend on which record a runner happens to
see first.  :class:`UniqueIds` keeps, for each repeated id, the record that
sorts first by its whole content (:func:`content_key`) and turns the others
into ``DuplicateId`` error records.  Only repeated ids are shuffled with their
documents: every id is first counted (a combiner over ``(id, 1)``), and the
repeated ones come back as a side input.  With a spill directory the documents
wait for that side input on disk, and only their references travel up to the
step that reads them back (:class:`UniqueIds`): the local runners hold every
collection between two fused steps in memory, so a collection of documents
there would grow with the corpus.
"""
from __future__ import annotations

import dataclasses
import json
from typing import Any, Iterable, List, Mapping, Optional, Tuple, Union

import apache_beam as beam

from pagewash.transforms.record import Doc, ErrorRecord
from pagewash.transforms.spill import RemoveSpillWhenDone, SpillRecords, SpillRef, resolve
from pagewash.transforms.stage import Extra, StageDoFn, StageOutputs, apply_stage

STAGE = "ids"


def content_key(doc: Doc) -> str:
    """A canonical serialisation of the whole record: equal only for identical records."""
    return json.dumps(dataclasses.asdict(doc), sort_keys=True, ensure_ascii=False, default=repr)


def choose_unique(docs: Iterable[Doc]) -> Tuple[Doc, List[ErrorRecord]]:
    """The record kept for one id (smallest content key) and an error record for each other."""
    ordered = sorted(docs, key=content_key)
    kept = ordered[0]
    errors = [ErrorRecord(id=doc.id, source=doc.source, stage=STAGE, error_type="DuplicateId",
                          message=f"id {doc.id!r} is also the id of a record from {kept.source}; "
                                  f"one record per id is kept (the first by content)")
              for doc in ordered[1:]]
    return kept, errors


REPEATED = "repeated"  # the further output of the split: (id, doc) of the ids seen more than once


def route_repeated(element: Union[Doc, Tuple[str, SpillRef]],
                   repeated: Mapping[str, int]) -> List[Union[Doc, SpillRef, Extra]]:
    """The document (or the reference of an ``(id, spill reference)`` pair) for the main
    output when its id is unique, else ``(id, doc or reference)`` for the ``repeated``
    output.  A reference is routed by its id alone: the document stays on disk."""
    doc_id, value = (element.id, element) if isinstance(element, Doc) else element
    return [Extra(REPEATED, (doc_id, value)) if doc_id in repeated else value]


def unique_of_group(element: Tuple[str, Iterable[Doc]]) -> List[Union[Doc, ErrorRecord]]:
    """The record kept for one repeated id, then the others' ``DuplicateId`` error records."""
    _, docs = element
    kept, errors = choose_unique(docs)
    return [kept, *errors]


class _ChooseUnique(StageDoFn):
    """:func:`unique_of_group` on a group whose documents may be spill references."""

    def __init__(self):
        super().__init__(STAGE)

    def apply(self, element):
        doc_id, values = element
        reader = self._spill_reader()
        return unique_of_group((doc_id, [resolve(value, reader) for value in values]))


def _itself(doc: Any) -> Any:
    return doc


class UniqueIds(beam.PTransform):
    """Docs -> docs with unique ids (+ ``DuplicateId`` errors); returns StageOutputs.
    With ``spill_dir``, the documents wait for the repeated ids on disk (only
    references are held; the stage contract reads them back) and the directory
    is removed after."""

    def __init__(self, spill_dir: Optional[str] = None):
        super().__init__()
        self.spill_dir = spill_dir

    def expand(self, docs) -> StageOutputs:
        repeated = (
            docs
            | "Ids" >> beam.Map(lambda doc: (doc.id, 1))
            | "CountIds" >> beam.CombinePerKey(sum)
            | "Repeated" >> beam.Filter(lambda kv: kv[1] > 1)
        )
        waiting = docs
        if self.spill_dir is not None:
            # (id, reference): the split routes by id, so the documents stay on disk until read back
            waiting = (docs
                       | "KeyById" >> beam.Map(lambda doc: (doc.id, doc))
                       | "SpillDocuments" >> beam.ParDo(SpillRecords(self.spill_dir)))
        split = apply_stage(waiting, "SplitRepeated", StageDoFn(STAGE, route_repeated),
                            repeated=beam.pvalue.AsDict(repeated), extras=(REPEATED,))
        grouped = split.extras[REPEATED] | "GroupRepeated" >> beam.GroupByKey()
        chosen = apply_stage(grouped, "ChooseUnique", _ChooseUnique())
        kept = (split.docs, chosen.docs) | "AllUnique" >> beam.Flatten()
        rejected = (split.rejected, chosen.rejected) | "AllRejected" >> beam.Flatten()
        errors = (split.errors, chosen.errors) | "AllErrors" >> beam.Flatten()
        if self.spill_dir is not None:
            # the Flatten above is held between steps: it holds references; they are read back
            # here, in the step that consumes the stage's documents
            read_back = apply_stage(kept, "ReadBack", StageDoFn(STAGE, _itself))
            kept = read_back.docs
            errors = (errors, read_back.errors) | "AllReadErrors" >> beam.Flatten()  # it rejects nothing
            _ = (kept, rejected, errors) | "RemoveSpill" >> RemoveSpillWhenDone(self.spill_dir)
        return StageOutputs(kept, rejected, errors)
