"""Pages made of sentences pasted from unrelated texts: a page-level model of coherence.

A site-group doorway page strings together sentences taken from other articles (a food
column, a parenting tip, a product review, a finance brief), often under a search phrase and
with names glued between them.  Each sentence reads as prose, so the filters of form (length,
punctuation, paragraphs, prose) pass it, and sentences of one subject share its everyday words
by chance, so counting isolated sentences (``incoherent_sentences``) misses most of them.  What
a real article has and such a page lacks is **cohesion**: its sentences come back to the
characters, names and words of the sentences around them and of the rest of the page.

The measures are those the spam stage computes for each sentence to find one pasted into an
article (:func:`pagewash.transforms.spam.coherence.sentence_features`: the rarity-weighted share
of a sentence's character pairs and characters found elsewhere on the page and in the two
sentences on either side, the share of its rare pairs that recur, and its register of common
characters against the page's), averaged over the page's judged sentences
(:func:`~pagewash.transforms.spam.coherence.judged`), with the number of those sentences.  The
title is left out (a doorway's title is a search phrase, a real page's its headline: a cue of
the training pages, not of the text).  A logistic model over these page measures
(:data:`PAGE_FEATURES`) is trained on real articles against pages built from their sentences
(``tools/train_pasted_page_model.py``, sources and measured figures in the model file
``data/pasted_page_model.json``); its probability is the signal ``pasted_page_probability``,
computed for pages with at least :data:`MIN_SENTENCES` judged sentences (0 otherwise).
"""
from __future__ import annotations

import functools
import json
import math
from importlib import resources
from typing import Dict, Mapping, Optional, Sequence

MODEL_FILE = "pasted_page_model.json"
# The per-sentence measures averaged over the page (the spam stage's names).
SENTENCE_MEASURES = ("page", "local", "char_page", "char_local", "rare_page", "rare_shared", "style", "style_local")
# Each measure by its mean and median over the page and the share of sentences at most LOW_SHARE
# (a sentence that shares next to nothing with the page or its neighbours).
LOW_SHARE = 0.02
PAGE_FEATURES = tuple(f"{stat}_{name}" for name in SENTENCE_MEASURES for stat in ("mean", "median", "low")) + (
    "sentences",)
# A page is judged with this many judged sentences or more: fewer make no pattern (a brief, a
# post), and the doorways of the spam parts have 7-15.
MIN_SENTENCES = 6


@functools.lru_cache(maxsize=1)
def model() -> Mapping[str, object]:
    """The shipped model: ``weights`` (over :data:`PAGE_FEATURES`), ``bias``, ``threshold`` and the
    training record."""
    raw = json.loads(resources.files("pagewash.transforms.quality").joinpath("data", MODEL_FILE).read_text("utf-8"))
    return {"weights": {k: float(raw["weights"][k]) for k in PAGE_FEATURES}, "bias": float(raw["bias"]),
            "threshold": float(raw["threshold"])}


def page_features(lines: Sequence[str]) -> Optional[Dict[str, float]]:
    """The page measures (:data:`PAGE_FEATURES`) of ``lines``, or None with fewer than
    :data:`MIN_SENTENCES` judged sentences."""
    from pagewash.transforms.spam.coherence import judged, page_sentences, rarity_of, sentence_features
    from pagewash.transforms.spam.lexicon import lexicon

    sentences = page_sentences(lines, lambda i: True)
    candidates = [k for k, s in enumerate(sentences) if judged(s.text)]
    if len(candidates) < MIN_SENTENCES:
        return None
    feats = sentence_features(sentences, "", rarity_of(lexicon().zipf), only=candidates)
    out: Dict[str, float] = {}
    n = len(candidates)
    for name in SENTENCE_MEASURES:
        values = sorted(feats[k][name] for k in candidates)
        out[f"mean_{name}"] = sum(values) / n
        out[f"median_{name}"] = values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2
        out[f"low_{name}"] = sum(1 for v in values if v <= LOW_SHARE) / n
    out["sentences"] = math.log(n)
    return out


def probability(features: Mapping[str, float], weights: Mapping[str, float], bias: float) -> float:
    x = bias + sum(w * features[k] for k, w in weights.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))


def pasted_page_probability(text: str, title: Optional[str] = None) -> float:
    """The model's probability that ``text`` is sentences pasted from unrelated texts (0 for a
    page with fewer than :data:`MIN_SENTENCES` judged sentences).  A first line that repeats the
    title is not part of the text judged."""
    lines = text.split("\n")
    if title and lines and lines[0].strip() == title.strip():
        lines = lines[1:]
    features = page_features(lines)
    if features is None:
        return 0.0
    m = model()
    return probability(features, m["weights"], m["bias"])
