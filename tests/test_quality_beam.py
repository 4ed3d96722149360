"""TagQuality and FilterQuality in a pipeline (in-process runner)."""
from __future__ import annotations

import os

import apache_beam as beam
from apache_beam.metrics.metric import MetricsFilter
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.test_pipeline import TestPipeline as BeamTestPipeline
from apache_beam.testing.util import assert_that, equal_to

from tools.score.quality import load_labelled_fixtures
from pagewash.pipeline.options import IN_PROCESS_RUNNER
from pagewash.transforms.quality import DEFAULT_THRESHOLDS, SIGNAL_NAMES
from pagewash.transforms.quality.stages import FilterQuality, TagQuality
from pagewash.transforms.record import Reason

FIXTURES = os.path.join(os.path.dirname(__file__), os.pardir, "fixtures", "quality")
LABELLED = load_labelled_fixtures(FIXTURES)
PICK = ("good_brief_zh", "good_brief_en", "good_interview_seed000", "junk_gambling_zh", "junk_place_list_zh",
        "junk_pinyin_trad_zh", "junk_mostly_spam_zh")
DOCS = [d for d, _ in LABELLED if d.id in PICK]
EXPECTED = {d.id: e for d, e in LABELLED if d.id in PICK}


def _options():
    return PipelineOptions([f"--runner={IN_PROCESS_RUNNER}"])


def test_tag_quality_sets_language_and_every_signal():
    with BeamTestPipeline(options=_options()) as p:
        tagged = p | beam.Create(DOCS) | TagQuality()
        summary = tagged.docs | beam.Map(lambda d: (d.id, d.lang, sorted(d.quality) == sorted(
            list(SIGNAL_NAMES) + ["score"]), 0.0 <= d.quality["score"] <= 1.0))
        assert_that(summary, equal_to([(d.id, "en" if d.id.endswith("_en") else "zh", True, True) for d in DOCS]))
        assert_that(tagged.rejected, equal_to([]), label="NothingRejected")
        assert_that(tagged.errors, equal_to([]), label="NoErrors")


def test_filter_quality_rejects_with_reasons_and_counts_them():
    pipeline = beam.Pipeline(options=_options())
    tagged = pipeline | beam.Create(DOCS) | TagQuality()
    filtered = tagged.docs | FilterQuality(DEFAULT_THRESHOLDS)
    kept = [i for i, e in EXPECTED.items() if e == "keep"]
    rejected = [(i, e) for i, e in EXPECTED.items() if e != "keep"]
    assert_that(filtered.docs | beam.Map(lambda d: d.id), equal_to(kept), label="Kept")
    assert_that(filtered.rejected | beam.Map(lambda r: (r.id, r.reason)), equal_to(rejected), label="Rejected")
    result = pipeline.run()
    result.wait_until_finish()
    counters = {c.key.metric.name: c.committed for c in result.metrics().query(MetricsFilter())["counters"]}
    assert counters[f"rejected:{Reason.FLAGGED_WORDS}"] == 1
    assert counters[f"rejected:{Reason.PINYIN_ANNOTATIONS}"] == 1
    assert counters[f"rejected:{Reason.MOSTLY_SPAM}"] == 1
    assert counters["quality:kept"] == len(kept)


def test_filter_quality_language_filter():
    with BeamTestPipeline(options=_options()) as p:
        good = [d for d in DOCS if EXPECTED[d.id] == "keep"]
        tagged = p | beam.Create(good) | TagQuality()
        only_zh = tagged.docs | FilterQuality(languages=["zh"])
        assert_that(only_zh.docs | beam.Map(lambda d: d.id),
                    equal_to([d.id for d in good if not d.id.endswith("_en")]), label="ZhKept")
        assert_that(only_zh.rejected | beam.Map(lambda r: (r.id, r.reason)),
                    equal_to([("good_brief_en", Reason.LANGUAGE_NOT_WANTED)]), label="EnRejected")
