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
from dataclasses import dataclass
from importlib import resources
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Tuple

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

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
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


def cjk_bigrams(text: str) -> List[str]:
    """Pairs of adjacent Chinese characters."""
    return [text[k:k + 2] for k in range(len(text) - 1) if _CJK.match(text[k]) and _CJK.match(text[k + 1])]


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


def _share(grams: Sequence[str], weights: Sequence[float], present: Callable[[str], bool]) -> float:
    total = sum(weights)
    if total <= 0:
        return 0.0
    return sum(w for g, w in zip(grams, weights) if present(g)) / total


def sentence_features(sentences: Sequence[Sentence], title: str, rarity: Rarity) -> List[Dict[str, float]]:
    """The features of every sentence of a page (:data:`FEATURES`)."""
    grams = [cjk_bigrams(s.text) for s in sentences]
    weights = [[rarity.bigram(g) for g in gs] for gs in grams]
    counts: Dict[str, int] = {}
    for gs in grams:
        for g in set(gs):
            counts[g] = counts.get(g, 0) + 1
    unis = [[c for c in s.text if _CJK.match(c)] for s in sentences]
    uni_weights = [[rarity.char(c) for c in us] for us in unis]
    uni_counts: Dict[str, int] = {}
    for us in unis:
        for c in set(us):
            uni_counts[c] = uni_counts.get(c, 0) + 1
    char_share = []
    for k, us in enumerate(unis):
        own = set(us)
        char_share.append(_share(us, uni_weights[k], lambda c: uni_counts[c] - (1 if c in own else 0) > 0))
    char_mean = sum(char_share) / len(char_share) if char_share else 0.0
    char_spread = math.sqrt(sum((x - char_mean) ** 2 for x in char_share) / len(char_share)) if char_share else 0.0
    title_grams = sorted(set(cjk_bigrams(title)))
    title_weights = [rarity.bigram(g) for g in title_grams]
    page_share = []
    for k, gs in enumerate(grams):
        own = set(gs)
        page_share.append(_share(gs, weights[k], lambda g: counts[g] - (1 if g in own else 0) > 0))
    mean = sum(page_share) / len(page_share) if page_share else 0.0
    spread = math.sqrt(sum((x - mean) ** 2 for x in page_share) / len(page_share)) if page_share else 0.0
    n = len(sentences)
    out = []
    for k, s in enumerate(sentences):
        near, near_chars = set(), set()
        for j in range(max(0, k - LOCAL_WINDOW), min(n, k + LOCAL_WINDOW + 1)):
            if j != k:
                near.update(grams[j])
                near_chars.update(unis[j])
        text = s.text.strip()
        out.append({
            "page": page_share[k],
            "local": _share(grams[k], weights[k], near.__contains__),
            "z": (page_share[k] - mean) / max(spread, Z_FLOOR),
            "title": _share(title_grams, title_weights, text.__contains__) if title_grams else 0.0,
            "alone": 1.0 if s.alone else 0.0,
            "link": 1.0 if text.startswith(LINK_OPENERS) else 0.0,
            "chars": math.log(1 + len(_CJK.findall(text))),
            "sentences": math.log(1 + n),
            "char_page": char_share[k],
            "char_local": _share(unis[k], uni_weights[k], near_chars.__contains__),
            "char_z": (char_share[k] - char_mean) / max(char_spread, Z_FLOOR),
            **_rare_overlap(grams[k], weights[k], counts),
        })
    return out


def judged(text: str) -> bool:
    """Whether a sentence is judged at all: a full sentence (it ends in 。!?; a heading does not)
    of :data:`MIN_SENTENCE_CJK` Chinese characters or more, with no quotation marks and no
    enumeration (an author's list of places or products shares no words with the article
    around it, and is the author's own)."""
    text = text.strip()
    return (text[-1:] in "。!?" and len(_CJK.findall(text)) >= MIN_SENTENCE_CJK and not _QUOTES.search(text)
            and text.count("、") < MIN_ENUMERATION_MARKS)


def _rare_overlap(grams: Sequence[str], weights: Sequence[float], counts: Mapping[str, int]) -> Dict[str, float]:
    """Over the sentence's rare pairs only (names, terms: weight at least :data:`RARE_PAIR_WEIGHT`):
    the share that recurs elsewhere on the page, and how many distinct ones do (log)."""
    own = set(grams)
    rare = {g for g, w in zip(grams, weights) if w >= RARE_PAIR_WEIGHT}
    shared = {g for g in rare if counts[g] - (1 if g in own else 0) > 0}
    return {"rare_page": len(shared) / len(rare) if rare else 1.0, "rare_shared": math.log(1 + len(shared))}


@dataclass(frozen=True)
class PastedHit:
    sentence: Sentence
    evidence: Dict[str, object]


def find_pasted(lines: Sequence[str], kept: Callable[[int], bool], title: Optional[str],
                zipf: Callable[[str], float], scorer: Optional[Model] = None,
                rarity: Optional[Rarity] = None) -> List[PastedHit]:
    """The sentences of the page the model takes for pasted ones (guards in the module docstring)."""
    sentences = page_sentences(lines, kept)
    if sum(1 for s in sentences if judged(s.text)) < MIN_PAGE_SENTENCES:
        return []
    first_line = next((i for i in range(len(lines)) if kept(i) and lines[i].strip()), -1)
    head = title or (lines[first_line] if first_line >= 0 else "")
    scorer = scorer or model()
    feats = sentence_features(sentences, head, rarity or Rarity(zipf))
    scored: List[Tuple[float, int]] = []
    for k, (s, f) in enumerate(zip(sentences, feats)):
        if not judged(s.text) or s.line == first_line:
            continue
        p = scorer.probability(f)
        if p >= scorer.threshold:
            scored.append((p, k))
    limit = int(MAX_SHARE_CUT * len(sentences))
    chosen = sorted(k for _p, k in sorted(scored, key=lambda t: (-t[0], t[1]))[:limit])
    return [PastedHit(sentences[k], {"detector": "pasted_sentence", "probability": round(scorer.probability(feats[k]), 3),
                                     **{name: round(feats[k][name], 3) for name in FEATURES}})
            for k in chosen]
