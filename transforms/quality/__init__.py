"""Language identification, quality signals, quality score and quality filters.

Pure functions (no Beam): :func:`identify_language`, :func:`quality_signals`,
:func:`quality_score`, :func:`filter_reasons`; thresholds in
:class:`QualityThresholds`.  Beam shell: :class:`TagQuality`, :class:`FilterQuality`
(in :mod:`transforms.quality.stages`).  See docs/QUALITY.md.
"""
from pagewash.transforms.quality.filters import (STAGE, FilterFailure, check_signals, filter_document, filter_reasons,
                                        tag_document)
from pagewash.transforms.quality.langid import identify_language
from pagewash.transforms.quality.score import quality_score
from pagewash.transforms.quality.signals import SIGNAL_NAMES, quality_signals
from pagewash.transforms.quality.thresholds import DEFAULT_THRESHOLDS, QualityThresholds

__all__ = [
    "DEFAULT_THRESHOLDS", "FilterFailure", "QualityThresholds", "SIGNAL_NAMES", "STAGE", "check_signals",
    "filter_document", "filter_reasons", "identify_language", "quality_score", "quality_signals",
    "tag_document",
]
