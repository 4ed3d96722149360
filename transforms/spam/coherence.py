"""Sentences pasted from unrelated articles, found by their topical coherence with the page.

A site-group page pastes sentences taken from other articles between the sentences of a
paragraph or as an extra paragraph.  Such a sentence shares little of the article's
vocabulary, but so does a real sub-topic of a short article; one overlap threshold cannot
tell them apart.  This detector therefore judges each sentence by several cheap measures at
once, combined by a small logistic model trained on injections into real text
(``tools/train_pasted_model.py``; the weights ship as ``data/pasted_sentence_model.json``):

* ``page``: the share of the sentence's character pairs (CJK bigrams, each weighted by the
  rarity of its two characters in general Chinese, wordfreq's Zipf scale) that occur anywhere
  else on the page;
* ``local``: the same share against the two sentences before and the two after it (a pasted
  sentence breaks the thread of its paragraph);
* ``z``: ``page`` against the page's own distribution of that score (mean and spread over its
  sentences), so a page of loosely related sentences is not judged like a tight one;
* ``title``: the share of the title's character pairs that the sentence repeats;
* ``alone``: the sentence is a line of its own (an extra paragraph);
* ``link``: it opens with a word that ties it to what came before (他, 该, 此外, 但...);
* ``chars``: its length (log), ``sentences``: the page's number of sentences (log);
* ``char_page``, ``char_local``, ``char_z``: the same three measures over single characters
  (each weighted by its rarity), which hold up on short sentences where pairs rarely recur;
* ``rare_page``, ``rare_shared``: over the sentence's rare pairs only (the characters of names
  and terms), the share that recurs elsewhere on the page and how many do (log).

A sentence goes when the model's probability reaches :data:`THRESHOLD` and it passes the
guards: at least :data:`MIN_PAGE_SENTENCES` judged sentences on the page (prose lines only), a full sentence of at
least :data:`MIN_SENTENCE_CJK` Chinese characters (:func:`judged`: no heading, no quotation
marks, no enumeration), not the page's first line, and at most :data:`MAX_SHARE_CUT` of the page's sentences cut.  Every cut carries its
features and probability (evidence ``pasted_sentence``).
"""
from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from itertools import chain
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from pagewash.transforms.lexicon import HAN, HAN_CHAR

FEATURES = ("page", "local", "z", "title", "alone", "link", "chars", "sentences", "char_page", "char_local", "char_z",
            "rare_page", "rare_shared")
MODEL_FILE = "pasted_sentence_model.json"
THRESHOLD = 0.9  # the model's probability a pasted sentence must reach (overridden by the model file)
MIN_PAGE_SENTENCES = 6
MIN_SENTENCE_CJK = 10
MAX_SHARE_CUT = 0.25
MIN_ENUMERATION_MARKS = 3  # 、 marks of a sentence that lists four items or more
LOCAL_WINDOW = 2
Z_FLOOR = 0.05  # the spread below which a page's scores count as equal
RARE_PAIR_WEIGHT = 5.0  # a pair of characters of Zipf 4.5 or rarer each (about one in 30,000 words)
MAX_RARITY = 7.0  # a character this rare or rarer (Zipf 0: unknown) weighs the most

_CJK = HAN_CHAR
_SENTENCE = re.compile(r"[^。!?]*[。!?]+|[^。!?]+$")
_PROSE_END = re.compile(r"[。!?]")
_QUOTES = re.compile(r"[“”\"「」『』]")
# Words that tie a sentence to the one before it (a pronoun, a demonstrative, a connective).
LINK_OPENERS = ("他", "她", "它", "其", "该", "此", "这", "那", "但", "而", "并", "因此", "同时", "此外", "另外",
                "后来", "随后", "之后", "然而", "不过", "所以", "于是", "次年", "当时", "同年", "本")


@dataclass(frozen=True)
class Sentence:
    line: int  # index of its line in the page
    start: int  # span in the line
    end: int
    text: str
    alone: bool  # the whole line


@dataclass(frozen=True)
class Model:
    weights: Mapping[str, float]
    bias: float
    threshold: float

    def probability(self, features: Mapping[str, float]) -> float:
        x = self.bias + sum(self.weights[k] * features[k] for k in FEATURES)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))


@functools.lru_cache(maxsize=1)
def model() -> Model:
    """The shipped model (``transforms/spam/data/pasted_sentence_model.json``)."""
    raw = json.loads(resources.files("pagewash.transforms.spam").joinpath("data", MODEL_FILE).read_text("utf-8"))
    return Model(weights={k: float(raw["weights"][k]) for k in FEATURES}, bias=float(raw["bias"]),
                 threshold=float(raw.get("threshold", THRESHOLD)))


def page_sentences(lines: Sequence[str], kept: Callable[[int], bool]) -> List[Sentence]:
    """The sentences of the kept prose lines (Chinese lines with a sentence end: no headings,
    table rows or word lists), in page order."""
    out: List[Sentence] = []
    for i, line in enumerate(lines):
        if not kept(i) or not _CJK.search(line) or not _PROSE_END.search(line):
            continue
        spans = [(m.start(), m.end()) for m in _SENTENCE.finditer(line) if m.group().strip()]
        for start, end in spans:
            out.append(Sentence(i, start, end, line[start:end], len(spans) == 1))
    return out


_CJK_RUN = re.compile(f"[{HAN}]{{2,}}")


def cjk_bigrams(text: str) -> List[str]:
    """Pairs of adjacent Chinese characters."""
    out: List[str] = []
    for run in _CJK_RUN.findall(text):
        out.extend(map(str.__add__, run[:-1], run[1:]))
    return out


class Rarity:
    """How rare a character is in general Chinese: ``MAX_RARITY - Zipf`` (0 for the most common)."""

    def __init__(self, zipf: Callable[[str], float]):
        self._zipf = zipf
        self._cache: Dict[str, float] = {}

    def char(self, c: str) -> float:
        r = self._cache.get(c)
        if r is None:
            z = self._zipf(c)
            r = self._cache[c] = max(0.0, MAX_RARITY - z) if z > 0 else MAX_RARITY
        return r

    def bigram(self, b: str) -> float:
        return self.char(b[0]) + self.char(b[1])

    def table(self, chars) -> Dict[str, float]:
        """The rarity of every character of ``chars`` (the cache itself, filled for them)."""
        cache = self._cache
        for c in chars:
            if c not in cache:
                self.char(c)
        return cache


@functools.lru_cache(maxsize=4)
def rarity_of(zipf: Callable[[str], float]) -> Rarity:
    """One :class:`Rarity` (and its cache) per frequency function: per process for the lexicon's."""
    return Rarity(zipf)


def _share(units: Sequence[str], weight: Mapping[str, float], present) -> float:
    total = sum(map(weight.__getitem__, units))
    if total <= 0:
        return 0.0
    return sum(weight[u] for u in units if u in present) / total


def _shares_elsewhere(units: Sequence[Sequence[str]], weight: Mapping[str, float]) -> Tuple[List[float], Counter]:
    """For each sentence, the weighted share of its units that occur in another sentence."""
    counts = Counter(chain.from_iterable(map(set, units)))
    shared = {u: (w if counts[u] >= 2 else 0.0) for u, w in weight.items()}
    out = []
    for us in units:
        total = sum(map(weight.__getitem__, us))
        out.append(sum(map(shared.__getitem__, us)) / total if total > 0 else 0.0)
    return out, counts


def _mean_spread(xs: Sequence[float]) -> Tuple[float, float]:
    if not xs:
        return 0.0, 0.0
    mean = sum(xs) / len(xs)
    return mean, math.sqrt(sum((x - mean) ** 2 for x in xs) / len(xs))


def sentence_features(sentences: Sequence[Sentence], title: str, rarity: Rarity,
                      only: Optional[Sequence[int]] = None) -> List[Optional[Dict[str, float]]]:
    """The features (:data:`FEATURES`) of the sentences of a page; with ``only``, of those
    sentences alone (the others get None; the page-wide measures still use every sentence)."""
    unis = [_CJK.findall(s.text) for s in sentences]
    rare = rarity.table(set(chain.from_iterable(unis)))
    grams = [cjk_bigrams(s.text) for s in sentences]
    pair_weight = {g: rare[g[0]] + rare[g[1]] for g in set(chain.from_iterable(grams))}
    page_share, counts = _shares_elsewhere(grams, pair_weight)
    char_share, _ = _shares_elsewhere(unis, rare)
    mean, spread = _mean_spread(page_share)
    char_mean, char_spread = _mean_spread(char_share)
    title_grams = sorted(set(cjk_bigrams(title)))
    title_weights = [rarity.bigram(g) for g in title_grams]
    n = len(sentences)
    out: List[Optional[Dict[str, float]]] = [None] * n
    for k in (range(n) if only is None else only):
        s = sentences[k]
        near, near_chars = set(), set()
        for j in range(max(0, k - LOCAL_WINDOW), min(n, k + LOCAL_WINDOW + 1)):
            if j != k:
                near.update(grams[j])
                near_chars.update(unis[j])
        text = s.text.strip()
        out[k] = {
            "page": page_share[k],
            "local": _share(grams[k], pair_weight, near),
            "z": (page_share[k] - mean) / max(spread, Z_FLOOR),
            "title": (sum(w for g, w in zip(title_grams, title_weights) if g in text) / sum(title_weights)
                      if title_grams and sum(title_weights) > 0 else 0.0),
            "alone": 1.0 if s.alone else 0.0,
            "link": 1.0 if text.startswith(LINK_OPENERS) else 0.0,
            "chars": math.log(1 + len(unis[k])),
            "sentences": math.log(1 + n),
            "char_page": char_share[k],
            "char_local": _share(unis[k], rare, near_chars),
            "char_z": (char_share[k] - char_mean) / max(char_spread, Z_FLOOR),
            **_rare_overlap(grams[k], pair_weight, counts),
        }
    return out


def judged(text: str) -> bool:
    """Whether a sentence is judged at all: a full sentence (it ends in 。!?; a heading does not)
    of :data:`MIN_SENTENCE_CJK` Chinese characters or more, with no quotation marks and no
    enumeration (an author's list of places or products shares no words with the article
    around it, and is the author's own)."""
    text = text.strip()
    return (text[-1:] in "。!?" and len(_CJK.findall(text)) >= MIN_SENTENCE_CJK and not _QUOTES.search(text)
            and text.count("、") < MIN_ENUMERATION_MARKS)


def _rare_overlap(grams: Sequence[str], weight: Mapping[str, float], counts: Mapping[str, int]) -> Dict[str, float]:
    """Over the sentence's rare pairs only (names, terms: weight at least :data:`RARE_PAIR_WEIGHT`):
    the share that recurs elsewhere on the page, and how many distinct ones do (log)."""
    rare = {g for g in grams if weight[g] >= RARE_PAIR_WEIGHT}
    shared = {g for g in rare if counts[g] >= 2}
    return {"rare_page": len(shared) / len(rare) if rare else 1.0, "rare_shared": math.log(1 + len(shared))}


@dataclass(frozen=True)
class PastedHit:
    sentence: Sentence
    evidence: Dict[str, object]


def find_pasted(lines: Sequence[str], kept: Callable[[int], bool], title: Optional[str],
                zipf: Callable[[str], float], scorer: Optional[Model] = None) -> List[PastedHit]:
    """The sentences of the page the model takes for pasted ones (guards in the module docstring)."""
    sentences = page_sentences(lines, kept)
    if len(sentences) < MIN_PAGE_SENTENCES:
        return []
    is_judged = [judged(s.text) for s in sentences]
    if sum(is_judged) < MIN_PAGE_SENTENCES:
        return []
    first_line = next((i for i in range(len(lines)) if kept(i) and lines[i].strip()), -1)
    candidates = [k for k, s in enumerate(sentences) if is_judged[k] and s.line != first_line]
    head = title or (lines[first_line] if first_line >= 0 else "")
    scorer = scorer or model()
    feats = sentence_features(sentences, head, rarity_of(zipf), only=candidates)
    scored: List[Tuple[float, int]] = []
    for k in candidates:
        p = scorer.probability(feats[k])
        if p >= scorer.threshold:
            scored.append((p, k))
    limit = int(MAX_SHARE_CUT * len(sentences))
    chosen = sorted(k for _p, k in sorted(scored, key=lambda t: (-t[0], t[1]))[:limit])
    return [PastedHit(sentences[k], {"detector": "pasted_sentence", "probability": round(scorer.probability(feats[k]), 3),
                                     **{name: round(feats[k][name], 3) for name in FEATURES}})
            for k in chosen]
