"""The Beam shell of the quality stage: tag every document, then filter.

    docs | TagQuality()                          -> lang, lang_score, quality (+ score)
         | FilterQuality(thresholds, languages)  -> kept | rejected:<reason>

Tagging and filtering are separate so that an existing output (whose records
already carry their signals) can be re-filtered with new thresholds by
FilterQuality alone (``pagewash refilter``).
"""
from __future__ import annotations

from typing import Collection, Optional

import apache_beam as beam

from pagewash.transforms.quality import filters, langid, lexicons, signals
from pagewash.transforms.quality.thresholds import DEFAULT_THRESHOLDS, QualityThresholds
from pagewash.transforms.stage import StageDoFn, StageOutputs, apply_stage, stage_counter


def _load_models() -> None:
    """Loads everything heavy once per worker process (cached at module level)."""
    langid.load_language_model()
    lexicons.script_specific_chars()
    signals._flagged_automaton()


def is_tagged(doc) -> bool:
    """Whether ``doc`` already has a language and every signal of the current schema."""
    quality = doc.quality
    return (doc.lang is not None and quality is not None and "score" in quality
            and all(name in quality for name in signals.SIGNAL_NAMES))


class _TagDoFn(StageDoFn):
    def __init__(self, only_untagged: bool = False):
        super().__init__(filters.STAGE)
        self.only_untagged = only_untagged

    def setup(self):
        _load_models()

    def apply(self, doc):
        if self.only_untagged and is_tagged(doc):
            return doc
        return filters.tag_document(doc)


class _FilterDoFn(StageDoFn):
    def __init__(self, thresholds: QualityThresholds, languages: Optional[Collection[str]]):
        super().__init__(filters.STAGE)
        self.thresholds = thresholds
        self.languages = frozenset(languages) if languages else None

    def setup(self):
        # only documents without stored signals need the models
        lexicons.script_specific_chars()
        signals._flagged_automaton()

    def apply(self, doc):
        result = filters.filter_document(doc, self.thresholds, self.languages)
        if result is doc:
            stage_counter(filters.STAGE, "kept").inc()
        return result


class TagQuality(beam.PTransform):
    """Sets ``lang``, ``lang_score`` and ``quality`` (all signals and ``score``) on every document.

    ``only_untagged``: leave documents that already carry every signal as they are
    (re-filtering an earlier output).  ``processes``: the tagging in that many stage processes,
    pipelined (:mod:`pagewash.transforms.stage_pool`; the same output).
    """

    def __init__(self, only_untagged: bool = False, processes: int = 0):
        super().__init__()
        self.only_untagged = only_untagged
        self.processes = processes

    def expand(self, docs) -> StageOutputs:
        return apply_stage(docs, "TagLanguageAndQuality", _TagDoFn(self.only_untagged), processes=self.processes)


class FilterQuality(beam.PTransform):
    """Rejects documents whose language is not wanted or whose signals cross a threshold.

    ``languages``: keep only these ``lang`` codes (None or empty: keep every language).
    Each rejection carries the first failing reason and is counted ``rejected:<reason>``.
    """

    def __init__(self, thresholds: QualityThresholds = DEFAULT_THRESHOLDS,
                 languages: Optional[Collection[str]] = None):
        super().__init__()
        self.thresholds = thresholds
        self.languages = tuple(sorted(languages)) if languages else None

    def expand(self, docs) -> StageOutputs:
        return apply_stage(docs, "FilterByLanguageAndQuality", _FilterDoFn(self.thresholds, self.languages))
