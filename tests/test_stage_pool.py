"""A pooled stage (its apply in stage processes, transforms/stage_pool.py) gives what the stage gives
in the pipeline worker: the same outputs, errors, rejections and counters, in either number of processes."""
from __future__ import annotations

import apache_beam as beam
import pytest
from apache_beam.metrics.metric import MetricsFilter
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.util import assert_that, equal_to

from pagewash.pipeline.options import IN_PROCESS_RUNNER
from pagewash.transforms.record import Doc, Rejected
from pagewash.transforms.spill import SpillRecords
from pagewash.transforms.stage import StageDoFn, apply_stage, stage_counter


def _suffix_or_fail(doc, suffix):
    """Appends the side input; "bad" raises after counting, "empty" is rejected, "two" fans out."""
    stage_counter("pooltest", "chars").inc(len(doc.text))
    if doc.id == "bad":
        raise ValueError("no suffix for this one")
    if doc.id == "empty":
        return Rejected(id=doc.id, source=doc.source, stage="pooltest", reason="too_few_words", detail="", text="")
    if doc.id == "two":
        return [doc.replace(text=doc.text + suffix), doc.replace(id="two-b", text=suffix)]
    return doc.replace(text=doc.text + suffix)


def _run(processes, tmp_path, spilled):
    docs = [Doc(id=f"d{i}", source=f"s{i}", text="x" * i) for i in range(1, 30)]
    docs += [Doc(id="bad", source="sb", text="yy"), Doc(id="empty", source="se", text="z"),
             Doc(id="two", source="st", text="w")]
    pipeline = beam.Pipeline(options=PipelineOptions([f"--runner={IN_PROCESS_RUNNER}"]))
    pages = pipeline | "Docs" >> beam.Create(docs)
    if spilled:  # documents read back from disk in the pipeline worker before they are sent
        pages = (pages | "Key" >> beam.Map(lambda d: (d.id, d))
                 | "Spill" >> beam.ParDo(SpillRecords(str(tmp_path / f"spill{processes}"))) | beam.Values()
                 | beam.Reshuffle())  # the files are complete before they are read (a side input waits so)
    suffix = pipeline | "Suffix" >> beam.Create(["!"])
    out = apply_stage(pages, "Stage", StageDoFn("pooltest", _suffix_or_fail), beam.pvalue.AsSingleton(suffix),
                      processes=processes)
    assert_that(out.docs | "Texts" >> beam.Map(lambda d: (d.id, d.text)),
                equal_to([(f"d{i}", "x" * i + "!") for i in range(1, 30)] + [("two", "w!"), ("two-b", "!")]),
                label="docs")
    assert_that(out.rejected | "Rejected" >> beam.Map(lambda r: (r.id, r.reason)),
                equal_to([("empty", "too_few_words")]), label="rejected")
    assert_that(out.errors | "Errors" >> beam.Map(lambda e: (e.id, e.source, e.stage, e.error_type, e.message)),
                equal_to([("bad", "sb", "pooltest", "ValueError", "ValueError('no suffix for this one')")]),
                label="errors")
    result = pipeline.run()
    result.wait_until_finish()
    counts = {c.key.metric.name: c.committed for c in result.metrics().query(MetricsFilter())["counters"]}
    return {name: n for name, n in counts.items() if name.startswith(("pooltest", "rejected"))}


@pytest.mark.parametrize("spilled", [False, True])
def test_a_pooled_stage_gives_the_outputs_and_counters_of_the_stage(tmp_path, spilled):
    in_worker = _run(0, tmp_path, spilled)
    assert in_worker["pooltest:chars"] == sum(range(1, 30)) + 2 + 1 + 1  # the failing element's count too
    assert _run(2, tmp_path, spilled) == in_worker


def test_a_stage_that_streams_its_outputs_is_not_pooled():
    from pagewash.transforms.stage_pool import pooled

    dofn = StageDoFn("pooltest", _suffix_or_fail)
    dofn.partial = True
    with pytest.raises(ValueError):
        pooled(dofn, 1, 1)


def test_stage_processes_follow_the_runner_unless_given():
    from pagewash.pipeline.assemble import stage_processes
    from pagewash.pipeline.options import parse_options

    def processes(*flags, cpus=2):
        return stage_processes(parse_options(["--input", "in", "--output", "out", *flags]), cpus=cpus)

    assert processes() == 0  # off unless asked
    assert processes("--stage_processes=-1") == 1  # by the runner: its one worker, a spare core
    assert processes("--stage_processes=-1", cpus=1) == 0
    assert processes("--stage_processes=-1", "--direct_running_mode=multi_processing", "--direct_num_workers=2") == 0
    assert processes("--stage_processes=-1", "--direct_num_workers=2") == 0
    assert processes("--stage_processes", "0") == 0
    assert processes("--stage_processes", "2", "--direct_num_workers=2") == 2


def test_a_stage_whose_processes_cannot_start_runs_in_the_worker(tmp_path, monkeypatch):
    from pagewash.transforms import stage_pool

    def refuse(self):
        raise PermissionError(13, "Permission denied", "python")  # an interpreter this user may not run

    in_worker = _run(0, tmp_path, False)
    monkeypatch.setattr(stage_pool.StageProcess, "_start", refuse)
    assert _run(2, tmp_path, False) == in_worker  # the same outputs (asserted in _run) and counters
