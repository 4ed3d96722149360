"""Every stage goes through one contract: routing, counting and exception handling live in
transforms/stage.py only."""
from __future__ import annotations

import re

import apache_beam as beam
import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.util import assert_that, equal_to

from pagewash.pipeline.options import IN_PROCESS_RUNNER
from pagewash.transforms.record import Doc, Rejected
from source_scan import lines_matching
from pagewash.transforms.unique import UniqueIds



def test_no_stage_emits_tagged_outputs_or_counts_rejections_itself():
    pattern = re.compile(r"TaggedOutput\(|count_rejection\(|count_error\(|\.with_outputs\(")
    offenders = lines_matching(pattern, ["transforms"], allowed="transforms/stage.py")
    assert not offenders, offenders


@pytest.mark.parametrize("spilled", [False, True])
def test_unique_ids_keeps_one_record_per_id_by_content_through_the_contract(tmp_path, spilled):
    docs = [Doc(id="a", source="s2", text="y"), Doc(id="a", source="s1", text="x"), Doc(id="b", source="s", text="z")]
    spill = tmp_path / "spill"
    with beam.Pipeline(options=PipelineOptions([f"--runner={IN_PROCESS_RUNNER}"])) as pipeline:
        out = pipeline | beam.Create(docs) | UniqueIds(spill_dir=str(spill) if spilled else None)
        assert_that(out.docs | "Ids" >> beam.Map(lambda d: (d.id, d.source)), equal_to([("a", "s1"), ("b", "s")]),
                    label="kept")
        assert_that(out.errors | "Errors" >> beam.Map(lambda e: (e.id, e.source, e.error_type)),
                    equal_to([("a", "s2", "DuplicateId")]), label="errors")
        assert_that(out.rejected, equal_to([]), label="rejected")
    assert not spill.exists()  # the documents waited on disk and the directory is gone


def test_unique_ids_route_a_spilled_document_by_its_id_without_reading_it():
    from pagewash.transforms.spill import SpillRef
    from pagewash.transforms.stage import Extra
    from pagewash.transforms.unique import REPEATED, route_repeated

    ref = SpillRef("/nonexistent/never-read.spill", 0, 10)  # reading it would raise
    assert route_repeated(("a", ref), {"b": 2}) == [ref]
    assert route_repeated(("b", ref), {"b": 2}) == [Extra(REPEATED, ("b", ref))]
    doc = Doc(id="b", source="s", text="x")
    assert route_repeated(doc, {"b": 2}) == [Extra(REPEATED, ("b", doc))]
    assert route_repeated(doc, {}) == [doc]


def _fan_out_then_fail(doc):
    """Two outputs, then an exception for the document "bad"."""
    yield doc.replace(text=doc.text + "!")
    yield Rejected(id=doc.id, source=doc.source, stage="test", reason="too_few_words", detail="d", text=doc.text)
    if doc.id == "bad":
        raise ValueError("boom")


@pytest.mark.parametrize("partial", [False, True])
def test_an_element_that_raises_becomes_one_error_record_in_the_same_step(partial):
    from pagewash.transforms.stage import StageDoFn, apply_stage

    docs = [Doc(id="good", source="s1", text="x"), Doc(id="bad", source="s2", text="y")]
    with beam.Pipeline(options=PipelineOptions([f"--runner={IN_PROCESS_RUNNER}"])) as pipeline:
        out = apply_stage(pipeline | beam.Create(docs), "Stage", StageDoFn("test", _fan_out_then_fail),
                          partial=partial)
        # without partial, nothing the failing element made is emitted; with it, what came before the error
        kept = [("good", "x!")] + ([("bad", "y!")] if partial else [])
        rejected = ["good"] + (["bad"] if partial else [])
        assert_that(out.docs | "Docs" >> beam.Map(lambda d: (d.id, d.text)), equal_to(kept), label="docs")
        assert_that(out.rejected | "Rejected" >> beam.Map(lambda r: r.id), equal_to(rejected), label="rejected")
        assert_that(out.errors | "Errors" >> beam.Map(lambda e: (e.id, e.source, e.stage, e.error_type, e.message)),
                    equal_to([("bad", "s2", "test", "ValueError", "ValueError('boom')")]), label="errors")


def test_a_stage_is_one_step_of_the_graph():
    from pagewash.transforms.stage import StageDoFn, apply_stage

    pipeline = beam.Pipeline(options=PipelineOptions([f"--runner={IN_PROCESS_RUNNER}"]))
    _ = apply_stage(pipeline | "Docs" >> beam.Create([Doc(id="a", source="s", text="x")]), "Stage",
                    StageDoFn("test", lambda doc: doc), extras=("more",))
    transforms = pipeline.to_runner_api().components.transforms.values()
    steps = [t.unique_name for t in transforms if t.unique_name.startswith("Stage") and not t.subtransforms]
    assert steps == ["Stage/ParDo(StageDoFn)"]  # the work, its counts, tags and error handling
