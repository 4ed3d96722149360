"""Re-filtering an existing output with new thresholds, without re-extracting."""
from __future__ import annotations

import json
import os

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions

from pagewash.pipeline.assemble import OutputLayout
from pagewash.pipeline.options import IN_PROCESS_RUNNER
from pagewash.pipeline.refilter import refilter
from tools.score.quality import load_labelled_fixtures
from tests.conftest import file_bytes, read_outputs
from pagewash.transforms.quality.stages import TagQuality
from pagewash.transforms.record import Rejected
from pagewash.transforms.schema import CLEAN_SCHEMA, clean_row, error_row, rejected_row
from pagewash.transforms.write import WriteShards

FIXTURES = os.path.join(os.path.dirname(__file__), os.pardir, "fixtures", "quality")
GOOD = [d for d, e in load_labelled_fixtures(FIXTURES) if e == "keep"]


def _write_old_output(root):
    """An earlier run's output: tagged good pages in clean/, one earlier rejection, no errors."""
    layout = OutputLayout.under(str(root))
    earlier = Rejected(id="old-1", source="x.html", stage="extract", reason="no_text", text="")
    with beam.Pipeline(options=PipelineOptions([f"--runner={IN_PROCESS_RUNNER}"])) as p:
        tagged = p | "Docs" >> beam.Create(GOOD) | TagQuality()
        _ = tagged.docs | "Clean" >> WriteShards("clean", clean_row, 2, jsonl_dir=layout.clean,
                                                 parquet_dir=layout.parquet, schema=CLEAN_SCHEMA)
        _ = p | "Rej" >> beam.Create([earlier]) | "WriteRej" >> WriteShards("rejected", rejected_row, 2,
                                                                            jsonl_dir=layout.rejected)
        _ = p | "Err" >> beam.Create([]) | "WriteErr" >> WriteShards("errors", error_row, 2,
                                                                     jsonl_dir=layout.errors)


def test_refilter_with_new_thresholds(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    _write_old_output(old)
    config = tmp_path / "strict.json"
    config.write_text(json.dumps({"min_words": 150}))
    report = refilter(["--input", str(old), "--output", str(new), "--quality_config", str(config),
                       "--num_shards", "2"])
    outputs = read_outputs(new)
    kept = {r["id"] for r in outputs["clean"]}
    rejected = {r["id"]: r["reason"] for r in outputs["rejected"]}
    assert rejected["good_brief_zh"] == "too_few_words"  # ~120 characters: under the new 150
    assert "good_interview_seed000" in kept and "good_numbers_seed004" in kept
    assert rejected["old-1"] == "no_text"  # the earlier run's rejections are carried over
    assert kept.isdisjoint(rejected)
    assert report["counts"]["accounted"]
    assert report["counts"]["input"] == len(GOOD) + 1
    assert report["rejected_by_stage"]["quality"]["too_few_words"] >= 1
    # records keep their stored signals and language
    record = next(r for r in outputs["clean"] if r["id"] == "good_interview_seed000")
    assert record["lang"] == "zh" and 0 < record["quality"]["score"] <= 1

    # same input and thresholds, different shard layout of the input: byte-identical output
    again = tmp_path / "again"
    refilter(["--input", str(old), "--output", str(again), "--quality_config", str(config), "--num_shards", "2"])
    assert file_bytes(new) == file_bytes(again)


def test_refilter_language_filter_and_defaults(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    _write_old_output(old)
    refilter(["--input", str(old), "--output", str(new), "--languages", "zh", "--num_shards", "2"])
    outputs = read_outputs(new)
    assert {r["lang"] for r in outputs["clean"]} == {"zh"}
    reasons = {r["id"]: r["reason"] for r in outputs["rejected"]}
    assert reasons["good_brief_en"] == "language_not_wanted"
    assert reasons["good_japanese"] == "language_not_wanted"
