"""Junk pages are rejected with the right reason, risky good pages are kept, thresholds load."""
from __future__ import annotations

import json
import os

import pytest

from tools.score.quality import evaluate, load_labelled_fixtures, summarize
from pagewash.transforms.quality import (DEFAULT_THRESHOLDS, QualityThresholds, filter_document, filter_reasons,
                                tag_document)
from pagewash.transforms.record import Doc, Reason, Rejected

FIXTURES = os.path.join(os.path.dirname(__file__), os.pardir, "fixtures", "quality")
LABELLED = load_labelled_fixtures(FIXTURES)
OUTCOMES = {o.id: o for o in evaluate(LABELLED, DEFAULT_THRESHOLDS)}


@pytest.mark.parametrize("doc, expected", LABELLED, ids=[d.id for d, _ in LABELLED])
def test_fixture_outcome(doc, expected):
    outcome = OUTCOMES[doc.id]
    assert outcome.got == expected, outcome.detail


def test_fixtures_cover_every_kind_of_junk_and_risky_good_page():
    expected = {e for _, e in LABELLED}
    for reason in (Reason.TOO_FEW_STOPWORDS, Reason.TOO_MANY_SYMBOLS, Reason.SHORT_LINES, Reason.LOW_PUNCTUATION,
                   Reason.TOO_MANY_URLS, Reason.FLAGGED_WORDS, Reason.TOO_FEW_WORDS, Reason.DUPLICATE_NGRAMS,
                   Reason.PINYIN_ANNOTATIONS, Reason.MIXED_SCRIPTS, Reason.MOSTLY_SPAM, Reason.DUPLICATE_LINES,
                   Reason.TOO_MANY_DIGITS):
        assert reason in expected
    kept = [d.id for d, e in LABELLED if e == "keep"]
    assert {"good_brief_zh", "good_table_zh", "good_interview_seed000", "good_places_zh",
            "good_numbers_seed004"} <= set(kept)


def test_summary_counts_and_accuracy():
    summary = summarize(list(OUTCOMES.values()))
    assert summary["documents"] == len(LABELLED)
    assert summary["accuracy_reason"] == 1.0
    assert sum(summary["rejected_by_reason"].values()) == summary["rejected"]


def _tagged(text, **fields):
    return tag_document(Doc(id="t", source="t", text=text, **fields))


def test_first_failing_reason_decides_and_detail_names_value_and_threshold():
    doc = _tagged("首页\n新闻\n体育")
    result = filter_document(doc)
    assert isinstance(result, Rejected)
    assert result.stage == "quality"
    assert result.reason == Reason.TOO_FEW_WORDS
    assert "word_count=" in result.detail and "< 50" in result.detail
    assert [f.reason for f in filter_reasons(doc)][0] == Reason.TOO_FEW_WORDS


def test_language_filter():
    en = tag_document(next(d for d, _ in LABELLED if d.id == "good_brief_en"))
    zh = tag_document(next(d for d, _ in LABELLED if d.id == "good_brief_zh"))
    assert (en.lang, zh.lang) == ("en", "zh")
    assert filter_document(en, languages=None) is en
    assert filter_document(zh, languages={"zh", "en"}) is zh
    rejected = filter_document(en, languages={"zh"})
    assert isinstance(rejected, Rejected)
    assert rejected.reason == Reason.LANGUAGE_NOT_WANTED
    assert "lang=en" in rejected.detail


def test_stored_signals_are_used_without_recomputing():
    doc = _tagged("本报讯 记者昨天获悉,本市将于11月15日零时起正式供暖,比往年提前两天。"
                  "目前各供热单位已完成设备检修和试运行,市民如遇暖气不热可拨打热线反映。")
    assert filter_document(doc) is doc
    # a record whose stored signals say "too short" is judged on them, not on its text
    forged = doc.replace(quality={**doc.quality, "word_count": 3.0})
    assert filter_document(forged).reason == Reason.TOO_FEW_WORDS


def test_records_without_signals_are_measured_from_text():
    doc = Doc(id="x", source="x", text="首页\n新闻", lang="zh", lang_score=1.0)
    assert filter_document(doc).reason == Reason.TOO_FEW_WORDS


def test_stricter_thresholds_reject_more():
    seed = next(d for d, _ in LABELLED if d.id == "good_numbers_seed004")
    doc = tag_document(seed)
    assert filter_document(doc) is doc
    strict = DEFAULT_THRESHOLDS.replace(max_digit_ratio=0.01)
    assert filter_document(doc, strict).reason == Reason.TOO_MANY_DIGITS


def test_thresholds_from_json(tmp_path):
    path = tmp_path / "quality.json"
    path.write_text(json.dumps({"min_words": 20, "max_dup_ngram_char_frac_cjk": {"5": 0.5, "10": 0.4},
                                "stopword_languages": ["zh"]}))
    thresholds = QualityThresholds.from_json(str(path))
    assert thresholds.min_words == 20
    assert thresholds.max_dup_ngram_char_frac_cjk == ((5, 0.5), (10, 0.4))
    assert thresholds.stopword_languages == ("zh",)
    assert thresholds.max_url_ratio == DEFAULT_THRESHOLDS.max_url_ratio  # untouched fields keep defaults
    assert QualityThresholds.from_mapping(DEFAULT_THRESHOLDS.to_mapping()) == DEFAULT_THRESHOLDS


def test_unknown_threshold_is_an_error(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"min_wordz": 20}))
    with pytest.raises(ValueError, match="min_wordz"):
        QualityThresholds.from_json(str(path))
