"""One number in [0, 1] summarising the quality signals, for the dedup keep policy.

    score = 0.22 * length + 0.22 * punctuation + 0.22 * non_repetition
          + 0.17 * wordiness + 0.17 * cleanliness

each component clipped to [0, 1]:

* length         = log(1 + word_count) / log(1 + 1000)      (saturates at 1,000 tokens)
* punctuation    = line_punct_ratio / 0.6                    (prose: most lines end a sentence)
* non_repetition = 1 - max(dup_line_char_frac, dup_5gram_char_frac) / 0.5
* wordiness      = (alpha_token_ratio - 0.6) / 0.35          (tokens with letters, not numbers)
* cleanliness    = 1 - (symbol_ratio + url_ratio + 10 * flagged_word_ratio
                        + 10 * pinyin_annotation_ratio + trad_simp_mix)

The share of the page that spam cleaning removed (``spam_removed_frac``) is not a
component: it says how hijacked a page was, not how good what remains is.

The weights favour what separates articles from junk on the development sets
(length, sentence structure, repetition); the score is a ranking, not a
probability.  Within a cluster of near-duplicates, the dedup stage keeps a
document whose spam was found and cut, then the highest score (ties broken by
length, date and id; ``transforms/dedup/keys.py``).
"""
from __future__ import annotations

import math
from typing import Mapping

WEIGHTS = {
    "length": 0.22,
    "punctuation": 0.22,
    "non_repetition": 0.22,
    "wordiness": 0.17,
    "cleanliness": 0.17,
}
_SATURATION_WORDS = 1000


def _clip(value: float) -> float:
    return 0.0 if value < 0.0 else 1.0 if value > 1.0 else value


def score_components(signals: Mapping[str, float]) -> Mapping[str, float]:
    """The five components of :func:`quality_score`, each in [0, 1]."""
    s = signals
    return {
        "length": _clip(math.log1p(s["word_count"]) / math.log1p(_SATURATION_WORDS)),
        "punctuation": _clip(s["line_punct_ratio"] / 0.6),
        "non_repetition": _clip(1.0 - max(s["dup_line_char_frac"], s["dup_5gram_char_frac"]) / 0.5),
        "wordiness": _clip((s["alpha_token_ratio"] - 0.6) / 0.35),
        "cleanliness": _clip(1.0 - (s["symbol_ratio"] + s["url_ratio"] + 10 * s["flagged_word_ratio"]
                                    + 10 * s["pinyin_annotation_ratio"] + s["trad_simp_mix"])),
    }


def quality_score(signals: Mapping[str, float]) -> float:
    """The weighted sum of :func:`score_components`, rounded to 6 digits, in [0, 1]."""
    components = score_components(signals)
    return round(_clip(sum(WEIGHTS[name] * value for name, value in components.items())), 6)
