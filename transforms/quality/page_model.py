"""Is what remains an article?  A page-level model learned from junk against real articles.

The filters of form decide each on one signal with a hand-set threshold, and each threshold was
read on one evaluation part's junk: a visitor-counter page, a lottery listing or a doorway whose
every signal sits just inside its limits produces a record.  Junk has a *shape* that no single
signal carries but their combination does: many short lines of one template (a game's name, a
count, a rule), numbers on most lines, headlines and counts instead of sentences, a title that
the text never takes up.  This module computes that shape from the text and the title
(:func:`shape_features`), joins it with the signals the quality stage already computed
(:data:`SIGNAL_FEATURES`), and scores the page with a logistic model trained on the junk and
spam-only pages of seven independently built evaluation parts against their article pages after
cleaning (the record this stage sees) and real crawled article and post texts
(``tools/train_page_model.py``; sources, the leave-one-part-out figures and the threshold in the
model file ``data/page_model.json``).  Its probability is the signal ``junk_page_probability``;
the filter ``not_article`` rejects CJK text at or over the model's threshold.

Never a feature: how much spam the cleaner cut (``spam_removed_frac``): a page is judged on what
remains.  Nor the doorway test's signals, which are computed only under a commercial-name title
(``title_commercial_name``, ``title_echo_count``, ``recurring_rare_word_count``, ``gambling_sentence_count``,
``pasted_page_probability``): a hijacked article often carries an injected commercial title, and
that title is spam around the article, not evidence that the text is junk; the doorway test
(``doorway_page``) judges such a title together with the text.
"""
from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from importlib import resources
from typing import Dict, Mapping, Optional, Sequence

from pagewash.transforms.lexicon import HAN, TITLE_SEPARATORS

MODEL_FILE = "page_model.json"
# The model judges CJK text (the quality stage's cjk_min_ratio); the signal is 0 for other text.
MIN_CJK_RATIO = 0.3

# Signals of the quality stage used as they are (shares, ratios, 0/1) or on a log scale (counts).
SIGNAL_FEATURES = (
    "cjk_ratio", "line_punct_ratio", "sentence_punct_ratio", "prose_char_frac", "stopword_ratio",
    "symbol_ratio", "digit_ratio", "url_ratio", "bullet_line_ratio", "dup_line_frac",
    "top_2gram_char_frac", "dup_5gram_char_frac", "flagged_word_ratio", "isolated_sentence_ratio",
    "keyword_led_line_ratio", "keyword_tailed_line_ratio", "name_table_char_frac", "alpha_token_ratio",
    "ellipsis_line_ratio",
)
LOG_SIGNAL_FEATURES = (
    "char_count", "max_paragraph_length", "prose_char_count", "clause_prose_char_count",
    "judged_sentence_count",
)
SHAPE_FEATURES = (
    "log_lines", "log_mean_line", "log_median_line", "line_length_cv", "short_line_share", "long_line_share",
    "number_line_share", "numbers_per_line", "counter_line_share", "template_line_share",
    "shared_head_share", "shared_tail_share", "headline_char_frac", "log_title_length", "title_parts",
    "title_digits", "title_echo_share",
)
FEATURES = SIGNAL_FEATURES + tuple(f"log_{name}" for name in LOG_SIGNAL_FEATURES) + SHAPE_FEATURES

# A line this short is a label, a name or a count, not a sentence.
SHORT_LINE = 12
LONG_LINE = 60
# A line without a sentence end and at most this long is a headline (a link, a heading, a name).
HEADLINE_MAX = 40

# a label and its count: "今日访问: 123", "在线人数 45", "第 3 期"
_COUNTER_RE = re.compile(r"[:=]\s*\d|\d+\s*(?:人|次|位|期|条|篇)(?:\W|$)")
_DIGIT_RE = re.compile(r"\d+")
_LATIN_RE = re.compile(r"[A-Za-z]+")
_SENTENCE_END_RE = re.compile(r"[。?!]|[.!?;:\"”’」』)]$")
_CJK_PAIR_RE = re.compile(rf"(?=([{HAN}]{{2}}))")


def _skeleton(line: str) -> str:
    """A line's template: numbers and Latin words masked."""
    return _LATIN_RE.sub("a", _DIGIT_RE.sub("0", line))


def _cjk_pairs(text: str) -> set:
    return set(_CJK_PAIR_RE.findall(text))


def shape_features(text: str, title: Optional[str]) -> Dict[str, float]:
    """The shape of the page's lines and title (:data:`SHAPE_FEATURES`)."""
    lines = [line.strip() for line in (text or "").split("\n")]
    lines = [line for line in lines if line]
    n = len(lines)
    out = dict.fromkeys(SHAPE_FEATURES, 0.0)
    title = (title or "").strip()
    body = lines[1:] if lines and title and lines[0] == title else lines
    if title:
        parts = [p for p in TITLE_SEPARATORS.split(title) if p]
        out["log_title_length"] = math.log1p(len(title))
        out["title_parts"] = float(min(len(parts), 4))
        out["title_digits"] = 1.0 if _DIGIT_RE.search(title) else 0.0
        pairs = _cjk_pairs(parts[0] if parts else title)
        if pairs:
            body_pairs = _cjk_pairs("\n".join(body))
            out["title_echo_share"] = len(pairs & body_pairs) / len(pairs)
        else:
            out["title_echo_share"] = 1.0
    else:
        out["title_echo_share"] = 1.0
    if not n:
        return out
    lengths = sorted(len(line) for line in lines)
    total = float(sum(lengths))
    mean = total / n
    out["log_lines"] = math.log(n)
    out["log_mean_line"] = math.log1p(mean)
    out["log_median_line"] = math.log1p(lengths[n // 2])
    out["line_length_cv"] = (math.sqrt(sum((v - mean) ** 2 for v in lengths) / n) / mean) if mean else 0.0
    out["short_line_share"] = sum(1 for v in lengths if v < SHORT_LINE) / n
    out["long_line_share"] = sum(1 for v in lengths if v >= LONG_LINE) / n
    numbers = [len(_DIGIT_RE.findall(line)) for line in lines]
    out["number_line_share"] = sum(1 for k in numbers if k) / n
    out["numbers_per_line"] = math.log1p(sum(numbers) / n)
    out["counter_line_share"] = sum(1 for line in lines if _COUNTER_RE.search(line)) / n
    skeletons = Counter(_skeleton(line) for line in lines)
    out["template_line_share"] = sum(c for c in skeletons.values() if c >= 2) / n
    heads = Counter(line[:2] for line in lines if len(line) >= 4)
    tails = Counter(line[-2:] for line in lines if len(line) >= 4)
    out["shared_head_share"] = sum(c for c in heads.values() if c >= 3) / n
    out["shared_tail_share"] = sum(c for c in tails.values() if c >= 3) / n
    headline_chars = sum(len(line) for line in lines
                         if len(line) <= HEADLINE_MAX and not _SENTENCE_END_RE.search(line))
    out["headline_char_frac"] = headline_chars / total if total else 0.0
    return out


def page_features(signals: Mapping[str, float], text: str, title: Optional[str]) -> Dict[str, float]:
    """Every feature of :data:`FEATURES`: the signals (counts on a log scale) and the shape."""
    out: Dict[str, float] = {name: float(signals.get(name, 0.0)) for name in SIGNAL_FEATURES}
    for name in LOG_SIGNAL_FEATURES:
        out[f"log_{name}"] = math.log1p(max(float(signals.get(name, 0.0)), 0.0))
    out.update(shape_features(text, title))
    return out


@functools.lru_cache(maxsize=1)
def model() -> Mapping[str, object]:
    """The shipped model: ``weights`` (over :data:`FEATURES`), ``bias`` and ``threshold``."""
    raw = json.loads(resources.files("pagewash.transforms.quality").joinpath("data", MODEL_FILE).read_text("utf-8"))
    return {"weights": {k: float(raw["weights"][k]) for k in FEATURES}, "bias": float(raw["bias"]),
            "threshold": float(raw["threshold"])}


def probability(features: Mapping[str, float], weights: Mapping[str, float], bias: float) -> float:
    x = bias + sum(w * features[k] for k, w in weights.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))


def junk_page_probability(signals: Mapping[str, float], text: str, title: Optional[str]) -> float:
    """The model's probability that the page is junk, not an article (0 for an empty text)."""
    if not text:
        return 0.0
    m = model()
    return probability(page_features(signals, text, title), m["weights"], m["bias"])


def top_contributions(signals: Mapping[str, float], text: str, title: Optional[str],
                      k: int = 3) -> Sequence[str]:
    """The ``k`` features that push the page most towards junk (the evidence of a rejection)."""
    m = model()
    feats = page_features(signals, text, title)
    contrib = sorted(((m["weights"][name] * feats[name], name) for name in FEATURES), reverse=True)
    return [f"{name}={feats[name]:.3g}" for _, name in contrib[:k]]
