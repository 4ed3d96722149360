"""One document per id, chosen by content, before dedup and writing.

Two records may share an id: the same JSONL ``id`` in two files, a file read
twice.  Dedup keys its graph by id and the writers shard by it, so a
repeated id would make the result depend on which record a runner happens to
see first.  :class:`UniqueIds` keeps, for each repeated id, the record that
sorts first by its whole content (:func:`content_key`) and turns the others
into ``DuplicateId`` error records.  Only repeated ids are shuffled with their
documents: every id is first counted (a combiner over ``(id, 1)``), and the
repeated ones come back as a side input.
"""
from __future__ import annotations

import dataclasses
import json
from typing import Iterable, List, Optional, Tuple

import apache_beam as beam
from apache_beam import pvalue

from pagewash.transforms.record import ERRORS, Doc, ErrorRecord
from pagewash.transforms.spill import RemoveSpillWhenDone, SpillReader, SpillRecords, resolve
from pagewash.transforms.stage import StageOutputs, count_error

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


class _SplitRepeated(beam.DoFn):
    """(id, doc or SpillRef) -> the doc when its id is unique, else (id, doc or SpillRef) on ``repeated``."""

    def setup(self):
        self._reader = SpillReader()

    def teardown(self):
        self._reader.close()

    def process(self, element, repeated):
        doc_id, doc = element
        if doc_id in repeated:
            yield pvalue.TaggedOutput("repeated", (doc_id, doc))
        else:
            yield resolve(doc, self._reader)


class _ChooseUnique(beam.DoFn):
    def setup(self):
        self._reader = SpillReader()

    def teardown(self):
        self._reader.close()

    def process(self, element):
        _, docs = element
        kept, errors = choose_unique([resolve(doc, self._reader) for doc in docs])
        yield kept
        for error in errors:
            count_error(error)
            yield pvalue.TaggedOutput(ERRORS, error)


class UniqueIds(beam.PTransform):
    """Docs -> docs with unique ids (+ ``DuplicateId`` errors); returns StageOutputs.
    With ``spill_dir``, the documents wait for the repeated ids on disk (only
    ids and references are held) and the directory is removed after."""

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
        waiting = docs | "KeyById" >> beam.Map(lambda doc: (doc.id, doc))
        if self.spill_dir is not None:
            waiting = waiting | "SpillDocuments" >> beam.ParDo(SpillRecords(self.spill_dir))
        split = waiting | "SplitRepeated" >> beam.ParDo(
            _SplitRepeated(), repeated=beam.pvalue.AsDict(repeated)).with_outputs("repeated", main="unique")
        chosen = (
            split["repeated"]
            | "GroupRepeated" >> beam.GroupByKey()
            | "ChooseUnique" >> beam.ParDo(_ChooseUnique()).with_outputs(ERRORS, main="docs")
        )
        kept = (split["unique"], chosen["docs"]) | "AllUnique" >> beam.Flatten()
        rejected = docs.pipeline | "NoRejections" >> beam.Create([])
        if self.spill_dir is not None:
            _ = (kept, chosen[ERRORS]) | "RemoveSpill" >> RemoveSpillWhenDone(self.spill_dir)
        return StageOutputs(kept, rejected, chosen[ERRORS])
