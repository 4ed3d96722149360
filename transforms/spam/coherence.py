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
  and terms), the share that recurs elsewhere on the page and how many do (log);
* ``style``, ``style_local``, ``style_z``: the sentence's register against the page's: the cosine
  of its counts of the :data:`STYLE_CHARS` most common characters (particles, pronouns,
  function words) with those of the rest of the page and of the two sentences on either side,
  and the first against the page's distribution (:func:`_style_measures`).  They hold where
  the topic words do not: a sentence of a commentary pasted into a forum post uses other
  common characters than the post around it.

The page-wide counts are built in one pass with numpy (:func:`_unit_measures`): every occurrence
of a character or pair is one row (its code, its sentence, its weight), the distinct (unit,
sentence) pairs say which units recur and where, and the weighted sums per sentence come from
``np.bincount``, which adds in page order like a plain sum, so the features are the same floats
as a sentence-by-sentence computation.

Two stages (a cascade, so the costly measures run on few sentences): the model above (the
*gate*) scores every judged sentence; a sentence it scores at :attr:`Model.gate` or more is scored
again by a second logistic model over the same features and :data:`WORD_FEATURES`, measured on the
sentence's words (jieba's cut, each weighted by its rarity in general Chinese, wordfreq's Zipf
scale; :func:`word_features`):

* ``word_page``, ``word_local``, ``word_title``, ``word_lines``: the weighted share of the
  sentence's content words (two characters or more; numbers weigh :data:`NUMBER_WEIGHT`) that
  occur elsewhere on the page, in the :data:`LOCAL_WINDOW` sentences either side, in the title,
  and in the page's other lines (a pasted paragraph of several sentences of one foreign article
  shares words within itself, not with the article's other paragraphs);
* ``word_rare_found``, ``word_rare_missing``: how many of its rare words (Zipf below
  :data:`RARE_WORD_ZIPF` or unknown: names, terms) recur elsewhere on the page and how many do
  not (log): a sentence about other people and other things names what the page never names.

Words, not character pairs, are what a topic shares: ``上升至`` is a pair any two sentences
about figures share, ``基金仓位`` is a topic.

A sentence goes when the second model's probability reaches :data:`THRESHOLD` and it passes the
guards: at least :data:`MIN_PAGE_SENTENCES` judged sentences on the page (prose lines only; a short page of
:data:`MIN_SHORT_PAGE_SENTENCES` or more is judged at :data:`SHORT_PAGE_THRESHOLD`), a full sentence of at
least :data:`MIN_SENTENCE_CJK` Chinese characters (:func:`judged`: no heading, no quotation
marks, no enumeration), not the first sentence of the page's first line (its headline, or the
headline a text dump glued to the body), and at most :data:`MAX_SHARE_CUT` of the page's sentences cut (rounded up: two of
six or seven, a paste of two sentences into a short article).  A page whose
prose is one line is judged only with a title apart and :data:`ONE_LINE_MIN_JUDGED` judged sentences (an
HTML page whose paragraphs ran together; a post or review is not judged against itself).  Once sentences
are found, the page is judged again without them (up to :data:`MAX_PASSES` passes): the sentences of a
pasted block share words with each other, and the one left beside a sentence cut looks coherent until
that one is gone.  A sentence glued after a ``;`` to a clause of the article is judged split at the
mark, at :data:`GLUED_CLAUSE_THRESHOLD` (:func:`_glued_after_semicolon`).  Every cut carries its features,
probability and pass, or ``glued`` (evidence ``pasted_sentence``).
"""
from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Tuple

import numpy as np

from pagewash.transforms.lexicon import HAN_CHAR, HAN_RANGES, HAN_WORD_CHAR

FEATURES = ("page", "local", "z", "title", "alone", "link", "chars", "sentences", "char_page", "char_local", "char_z",
            "rare_page", "rare_shared", "style", "style_local", "style_z", "topic_page", "topic_local", "topic_z")
WORD_FEATURES = ("word_page", "word_local", "word_title", "word_lines", "word_rare_found", "word_rare_missing")
ALL_FEATURES = FEATURES + WORD_FEATURES
MODEL_FILE = "pasted_sentence_model.json"
TOPIC_FILE = "topic_vectors.npz"  # word topic vectors (tools/train_topic_vectors.py)
THRESHOLD = 0.9  # the model's probability a pasted sentence must reach (overridden by the model file)
MIN_PAGE_SENTENCES = 6
# A short page (4 or 5 judged sentences) is judged too, at a stricter threshold: on held-out short pages
# (tools/train_pasted_model.py) the model's own threshold cuts 2-3 % of the article's own sentences,
# 0.95 cuts 0.1-0.2 % (fewer than on longer pages) and still finds 10-13 % of the pasted ones.
MIN_SHORT_PAGE_SENTENCES = 4
SHORT_PAGE_THRESHOLD = 0.95
MIN_SENTENCE_CJK = 10
MAX_SHARE_CUT = 0.25  # rounded up (rounded down, a page of 5-7 sentences lost one of its two pastes)
ONE_LINE_MIN_JUDGED = 6  # judged sentences of a one-line page with a title apart (an HTML page's paragraphs run together)
MAX_PASSES = 3  # the page judged again without the sentences found (a pasted block found sentence by sentence)
# a sentence glued after a ``;`` to a clause of the article is judged split there, at the short page's
# stricter threshold: the clause after the mark is a unit the model was not fitted on (at the model's own
# threshold an author's clause after a ``;`` went too: a tour's route, an aphorism)
GLUED_CLAUSE_THRESHOLD = 0.95
MAX_QUOTED_TERM = 8  # characters of a quoted term (a name, a word set apart), not a quotation of speech
MIN_ENUMERATION_MARKS = 3  # 、 marks of a sentence that lists four items or more (a closing 和/及/与/或, or a count of the items: 三地, counts as one)
LOCAL_WINDOW = 2
Z_FLOOR = 0.05  # the spread below which a page's scores count as equal
RARE_PAIR_WEIGHT = 5.0  # a pair of characters of Zipf 4.5 or rarer each (about one in 30,000 words)
MAX_RARITY = 7.0  # a character this rare or rarer (Zipf 0: unknown) weighs the most
STYLE_CHARS = 300  # the most common Chinese characters (wordfreq), whose use marks a text's register
MIN_WORD_CHARS = 2  # a content word: two characters or more (a single character is grammar or part of a name)
NUMBER_WEIGHT = 2.0  # a number (Latin digits) weighs like a common word: shared figures are weak evidence
RARE_WORD_ZIPF = 3.5  # a word this rare or rarer (about one in 3 million words) names a person, a place, a term

_CJK = HAN_CHAR
# a sentence ends at its marks and the closing quotes or brackets after them (``...。”`` closes a
# quotation: the next sentence starts after the quote mark)
# (the spam stage's one sentence pattern: the pasted-sentence cut and the rules' sentence cuts use it; a run
# without a mark matches as the line's tail, so no match is retried from inside it)
SENTENCE = re.compile(r"[^。!?]*[。!?]+[”’」』)\"]*|[^。!?]+$")
_PROSE_END = re.compile(r"[。!?]")
_QUOTES = re.compile(r"[“”\"「」『』]")
# a quoted term (``“咬春”``, ``“12·2”大火``, ``“盲区”``): a short span in quotes with no punctuation in it,
# not opened after a colon or a verb of saying: a name or a word set apart, not a quotation of speech
_QUOTED_TERM = re.compile(r"(?<![::说道称问曰])[“「『\"][^“”「」『』\",,。;;:!?、]{1,%d}[”」』\"]" % MAX_QUOTED_TERM)
# a numbered point of an author's list (第三是..., 其二..., 首先..., 最后...): its topic is on the line that
# opened the list, not in the point itself
_ORDINAL_POINT = re.compile(r"(?:第[一二三四五六七八九十]+|其[一二三四五六七八九])[是,:、]|(?:首先|其次|再次|最后)[,:]")
# the conjunction that joins the last item of an enumeration (钢材、水泥、玻璃和陶瓷)
# and a list closed by a count of its items (甲县、乙县、丙区三地: three places)
_LAST_ITEM = re.compile(r"、[^,,。;;、!?]{1,12}?(?:以及|和|及|与|或|[两三四五六七八九十][地个家座所位名国省市县区])")
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


def _logistic(bias: float, weights: Mapping[str, float], features: Mapping[str, float]) -> float:
    x = bias + sum(w * features[k] for k, w in weights.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))


@dataclass(frozen=True)
class Model:
    """The final model (``weights``, ``bias``, ``threshold``, over :data:`ALL_FEATURES`) and its
    gate (``gate_weights``, ``gate_bias``, ``gate``, over :data:`FEATURES`); without gate weights
    the final model is the only one and must need no word features."""
    weights: Mapping[str, float]
    bias: float
    threshold: float
    gate_weights: Mapping[str, float] = field(default_factory=dict)
    gate_bias: float = 0.0
    gate: float = 0.0

    def gate_probability(self, features: Mapping[str, float]) -> float:
        """The first stage's probability (1.0 without a gate: every sentence goes on)."""
        return _logistic(self.gate_bias, self.gate_weights, features) if self.gate_weights else 1.0

    def probability(self, features: Mapping[str, float]) -> float:
        return _logistic(self.bias, self.weights, features)

    def needs_words(self) -> bool:
        return any(k in WORD_FEATURES for k in self.weights)


@functools.lru_cache(maxsize=1)
def model() -> Model:
    """The shipped model (``transforms/spam/data/pasted_sentence_model.json``)."""
    raw = json.loads(resources.files("pagewash.transforms.spam").joinpath("data", MODEL_FILE).read_text("utf-8"))
    gate = raw.get("gate") or {}
    return Model(weights={k: float(raw["weights"][k]) for k in ALL_FEATURES if k in raw["weights"]},
                 bias=float(raw["bias"]), threshold=float(raw.get("threshold", THRESHOLD)),
                 gate_weights={k: float(gate["weights"][k]) for k in FEATURES if k in gate.get("weights", {})},
                 gate_bias=float(gate.get("bias", 0.0)), gate=float(gate.get("threshold", 0.0)))


def page_sentences(lines: Sequence[str], kept: Callable[[int], bool]) -> List[Sentence]:
    """The sentences of the kept prose lines (Chinese lines with a sentence end: no headings,
    table rows or word lists), in page order."""
    out: List[Sentence] = []
    for i, line in enumerate(lines):
        if not kept(i) or not _CJK.search(line) or not _PROSE_END.search(line):
            continue
        spans = [(m.start(), m.end()) for m in SENTENCE.finditer(line) if m.group().strip()]
        for start, end in spans:
            out.append(Sentence(i, start, end, line[start:end], len(spans) == 1))
    return out


class Rarity:
    """How rare a character is in general Chinese: ``MAX_RARITY - Zipf`` (0 for the most common)."""

    def __init__(self, zipf: Callable[[str], float]):
        self._zipf = zipf
        self.zipf = zipf
        self._cache: Dict[str, float] = {}
        self._table: Optional[np.ndarray] = None
        self._style: Optional[np.ndarray] = None

    def char(self, c: str) -> float:
        r = self._cache.get(c)
        if r is None:
            z = self._zipf(c)
            r = self._cache[c] = max(0.0, MAX_RARITY - z) if z > 0 else MAX_RARITY
        return r

    def han_table(self) -> np.ndarray:
        """The rarity of every Chinese character (:data:`HAN_RANGES`), indexed by code point
        (0 elsewhere); computed once, about 27,000 look-ups."""
        if self._table is None:
            table = np.zeros(max(last for _first, last in HAN_RANGES) + 1)
            for first, last in HAN_RANGES:
                table[first:last + 1] = [self.char(chr(c)) for c in range(first, last + 1)]
            self._table = table
        return self._table

    def style_index(self) -> np.ndarray:
        """For every code point of :data:`HAN_RANGES`, its rank among the :data:`STYLE_CHARS` most
        common Chinese characters (lowest rarity first, ties by code point), -1 for the others."""
        if self._style is None:
            table = self.han_table()
            codes = np.concatenate([np.arange(first, last + 1) for first, last in HAN_RANGES])
            ranked = codes[np.argsort(table[codes], kind="stable")][:STYLE_CHARS]
            index = np.full(len(table), -1, dtype=np.int64)
            index[ranked] = np.arange(len(ranked))
            self._style = index
        return self._style


@functools.lru_cache(maxsize=4)
def rarity_of(zipf: Callable[[str], float]) -> Rarity:
    """One :class:`Rarity` (and its cache) per frequency function: per process for the lexicon's."""
    return Rarity(zipf)


def _mean_spread(xs: Sequence[float]) -> Tuple[float, float]:
    if not xs:
        return 0.0, 0.0
    mean = sum(xs) / len(xs)
    return mean, math.sqrt(sum((x - mean) ** 2 for x in xs) / len(xs))


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """``num / den`` where ``den > 0``, else 0."""
    out = np.zeros(len(den))
    np.divide(num, den, out=out, where=den > 0)
    return out


@dataclass(frozen=True)
class _UnitMeasures:
    """One kind of unit (characters or pairs) over a page's sentences, one value per sentence."""
    page: np.ndarray  # weighted share of the sentence's units found in another sentence
    local: np.ndarray  # ... found within LOCAL_WINDOW sentences of it
    rare_units: np.ndarray  # distinct units of weight RARE_PAIR_WEIGHT or more
    rare_shared: np.ndarray  # ... of them found in another sentence


def _unit_measures(keys: np.ndarray, sid: np.ndarray, weights: np.ndarray, n: int) -> _UnitMeasures:
    """The measures of every sentence at once.  ``keys``, ``sid`` and ``weights`` give each
    occurrence of a unit (in page order): its identity, its sentence and its weight.

    One sort puts the occurrences in (unit, sentence) order: the distinct pairs
    say which units recur, and the nearest other sentence holding a unit is its neighbour in
    that order.  Weighted sums run in page order, each starting from zero (``np.bincount`` adds
    its weights one by one), the order of a plain sum over the sentence's units."""
    m = len(keys)
    # sorted by unit, then sentence: a stable radix sort of 16-bit keys (occurrences are in page
    # order), else a sort of keys that hold both
    small = m == 0 or int(keys.max()) < 0x10000
    order = np.argsort(keys.astype(np.uint16), kind="stable") if small else np.argsort(keys * n + sid)
    sorted_keys, sorted_sid = keys[order], sid[order]
    first_of_unit = np.ones(m, dtype=bool)
    first_of_unit[1:] = sorted_keys[1:] != sorted_keys[:-1]
    first_of_pair = first_of_unit.copy()
    first_of_pair[1:] |= sorted_sid[1:] != sorted_sid[:-1]
    unit_sorted = np.cumsum(first_of_unit) - 1
    pair_sorted = np.cumsum(first_of_pair) - 1
    pair_unit, pair_sentence = unit_sorted[first_of_pair], sorted_sid[first_of_pair]
    holders = np.bincount(pair_unit)  # sentences holding each unit
    near_prev = np.zeros(len(pair_unit), dtype=bool)
    near_prev[1:] = (pair_unit[1:] == pair_unit[:-1]) & (pair_sentence[1:] - pair_sentence[:-1] <= LOCAL_WINDOW)
    near_next = np.zeros(len(pair_unit), dtype=bool)
    near_next[:-1] = near_prev[1:]
    near, elsewhere = np.empty(m, dtype=bool), np.empty(m, dtype=bool)
    near[order] = (near_prev | near_next)[pair_sorted]
    elsewhere[order] = holders[unit_sorted] >= 2
    total = np.bincount(sid, weights=weights, minlength=n)
    page = _ratio(np.bincount(sid, weights=np.where(elsewhere, weights, 0.0), minlength=n), total)
    local = _ratio(np.bincount(sid, weights=np.where(near, weights, 0.0), minlength=n), total)
    pair_weight = weights[order][first_of_pair]
    rare = pair_weight >= RARE_PAIR_WEIGHT
    rare_shared = rare & (holders[pair_unit] >= 2)
    return _UnitMeasures(page, local, np.bincount(pair_sentence[rare], minlength=n),
                         np.bincount(pair_sentence[rare_shared], minlength=n))


def _cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise cosine of two count matrices (0 where either row is empty)."""
    return _ratio((a * b).sum(axis=1), np.sqrt((a * a).sum(axis=1) * (b * b).sum(axis=1)))


def _style_measures(char_codes: np.ndarray, char_sentence: np.ndarray, rarity: Rarity,
                    n: int) -> Tuple[np.ndarray, np.ndarray]:
    """The register of each sentence against the page's: the cosine of its counts of the
    :data:`STYLE_CHARS` most common characters (function words, pronouns, particles: 的 了 我 其
    将 之...) with those of every other sentence of the page, and with those of the
    :data:`LOCAL_WINDOW` sentences on either side.  A sentence of a commentary pasted into a
    forum post uses other common characters than the post, whatever its topic."""
    index = rarity.style_index()[char_codes]
    common = index >= 0
    counts = np.bincount(char_sentence[common] * STYLE_CHARS + index[common],
                         minlength=n * STYLE_CHARS).reshape(n, STYLE_CHARS).astype(float)
    rest = counts.sum(axis=0)[None, :] - counts
    cum = np.vstack([np.zeros((1, STYLE_CHARS)), np.cumsum(counts, axis=0)])
    k = np.arange(n)
    lo, hi = np.maximum(k - LOCAL_WINDOW, 0), np.minimum(k + LOCAL_WINDOW + 1, n)
    near = cum[hi] - cum[lo] - counts
    return _cosine(counts, rest), _cosine(counts, near)


_TEXT_BREAK = "\x00"  # no Han character: between the sentences of the joined page


TOPIC_MATCH_CACHE_ENTRIES = 8_192  # sentence texts whose matches a process keeps (cleared when full)


@dataclass(frozen=True, eq=False)  # hashed by identity (one per process)
class TopicVectors:
    """Word topic vectors (:data:`TOPIC_FILE`, built by ``tools/train_topic_vectors.py``): one
    unit-length row per word of the vocabulary, and an automaton that finds the words in a text
    (leftmost-longest, so ``中华人民共和国`` is one word, not five)."""
    words: Tuple[str, ...]
    vectors: np.ndarray
    automaton: object
    # each sentence text's matches, kept per process: the passes of find_pasted, the semicolon split
    # and the quality stage's pasted-page model judge the same sentences again
    _matches: Dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def weights(self, zipf: Callable[[str], float]) -> np.ndarray:
        """Each word's rarity in general Chinese (``MAX_RARITY - Zipf``): a common word says little
        about a topic."""
        return _topic_weights(self, zipf)

    def matches(self, text: str) -> np.ndarray:
        """``(end, word)`` of each vocabulary word found in ``text`` (leftmost-longest), one row each."""
        found = self._matches.get(text)
        if found is None:
            found = np.array(list(self.automaton.iter_long(text)), dtype=np.int64).reshape(-1, 2)
            if len(self._matches) >= TOPIC_MATCH_CACHE_ENTRIES:
                self._matches.clear()
            self._matches[text] = found
        return found

    def page_matches(self, texts: Sequence[str]) -> np.ndarray:
        """The matches of ``texts`` joined by :data:`_TEXT_BREAK`, in page order: each text's own,
        shifted to where it starts (no word holds the break, so none crosses it)."""
        rows = []
        start = 0
        for text in texts:
            found = self.matches(text)
            if len(found):
                rows.append(found + np.array([start, 0], dtype=np.int64) if start else found)
            start += len(text) + 1
        return np.concatenate(rows) if rows else np.zeros((0, 2), dtype=np.int64)


@functools.lru_cache(maxsize=4)
def _topic_weights(vectors: TopicVectors, zipf: Callable[[str], float]) -> np.ndarray:
    z = np.array([zipf(w) for w in vectors.words])
    return np.where(z > 0, np.maximum(0.0, MAX_RARITY - z), MAX_RARITY)


@functools.lru_cache(maxsize=1)
def topic_vectors() -> TopicVectors:
    """The shipped topic vectors (``transforms/spam/data/topic_vectors.npz``)."""
    import ahocorasick

    with resources.files("pagewash.transforms.spam").joinpath("data", TOPIC_FILE).open("rb") as handle:
        data = np.load(handle, allow_pickle=False)
        words = tuple(str(w) for w in data["words"])
        vectors = data["vectors"].astype(float) / 127.0
    automaton = ahocorasick.Automaton()
    for i, w in enumerate(words):
        automaton.add_word(w, i)
    automaton.make_automaton()
    return TopicVectors(words, vectors, automaton)


MIN_TOPIC_WORDS = 2  # known words a sentence needs for its topic measures to count


def _topic_measures(texts: Sequence[str], topics: TopicVectors,
                    zipf: Callable[[str], float]) -> Tuple[np.ndarray, np.ndarray]:
    """For each sentence, the cosine of its topic vector (the rarity-weighted sum of its words'
    vectors) with that of the rest of the page and with that of the :data:`LOCAL_WINDOW`
    sentences on either side; a sentence with fewer than :data:`MIN_TOPIC_WORDS` known words
    gets the mean of the others (no evidence either way)."""
    n = len(texts)
    starts = np.cumsum([0] + [len(t) + 1 for t in texts])
    found = topics.page_matches(texts)
    sums = np.zeros((n, topics.vectors.shape[1]))
    known = np.zeros(n, dtype=np.int64)  # words of the vocabulary found in each sentence
    if len(found):
        ids = found[:, 1]
        # matches come in page order: each sentence's are one run, summed in order from zero
        sentence = np.searchsorted(starts, found[:, 0], side="right") - 1
        first = np.flatnonzero(np.r_[True, sentence[1:] != sentence[:-1]])
        sums[sentence[first]] = np.add.reduceat(topics.vectors[ids] * topics.weights(zipf)[ids][:, None], first, axis=0)
        known = np.bincount(sentence, minlength=n)
    rest = sums.sum(axis=0)[None, :] - sums
    cum = np.vstack([np.zeros((1, sums.shape[1])), np.cumsum(sums, axis=0)])
    k = np.arange(n)
    lo, hi = np.maximum(k - LOCAL_WINDOW, 0), np.minimum(k + LOCAL_WINDOW + 1, n)
    near = cum[hi] - cum[lo] - sums
    page, local = _cosine(sums, rest), _cosine(sums, near)
    # a sentence with fewer than MIN_TOPIC_WORDS known words (classical Chinese, a register or a
    # field the vocabulary does not cover) has no topic to compare: it scores like the page's
    # sentences that have one (the mean of theirs, 1.0 when none has), evidence neither way
    evidence = known >= MIN_TOPIC_WORDS
    for values in (page, local):
        values[~evidence] = float(values[evidence].mean()) if evidence.any() else 1.0
    return page, local



def _han_codes(texts: Sequence[str]) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The code points of ``texts`` joined, each one's text, and which are Chinese characters."""
    joined = _TEXT_BREAK.join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
    text = np.repeat(np.arange(len(texts)), [len(t) + 1 for t in texts])[:len(codes)]
    han = np.zeros(len(codes), dtype=bool)
    for first, last in HAN_RANGES:
        han |= (codes >= first) & (codes <= last)
    return codes, text, han


def _pairs(codes: np.ndarray, han: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """The pairs of adjacent Chinese characters: their codes (Han is in the BMP) and the
    position of their first character."""
    paired = han[:-1] & han[1:]
    left = np.flatnonzero(paired)
    return codes[left] * 0x10000 + codes[left + 1], left


def _page_units(sentences: Sequence[Sentence], rarity: Rarity) -> Tuple[np.ndarray, np.ndarray, np.ndarray,
                                                                          np.ndarray, np.ndarray, np.ndarray]:
    """The Chinese characters of the page's sentences and the pairs of adjacent ones, in page
    order: (char codes, their sentences, their rarity, pair codes, their sentences, their weight)."""
    codes, sentence, han = _han_codes([s.text for s in sentences])
    weight = rarity.han_table()[np.where(han, codes, 0)]
    pair_codes, left = _pairs(codes, han)
    return (codes[han], sentence[han], weight[han], pair_codes, sentence[left], weight[left] + weight[left + 1])


def _title_share(title: str, pair_codes: np.ndarray, pair_sentence: np.ndarray, n: int,
                 rarity: Rarity) -> np.ndarray:
    """For each sentence, the share of the title's distinct character pairs (weighted by rarity)
    that it repeats; the sum of each runs over the title's pairs in sorted order."""
    codes, _text, han = _han_codes([title])
    grams = np.unique(_pairs(codes, han)[0])
    table = rarity.han_table()
    gram_weight = table[grams >> 16] + table[grams & 0xFFFF]
    total = sum(gram_weight.tolist())
    if not len(grams) or not total > 0:
        return np.zeros(n)
    hit = np.isin(pair_codes, grams)
    key = np.unique(pair_sentence[hit] * len(grams) + np.searchsorted(grams, pair_codes[hit]))
    return np.bincount(key // len(grams), weights=gram_weight[key % len(grams)], minlength=n) / total


def sentence_features(sentences: Sequence[Sentence], title: str, rarity: Rarity,
                      only: Optional[Sequence[int]] = None,
                      topics: Optional[TopicVectors] = None) -> List[Optional[Dict[str, float]]]:
    """The features (:data:`FEATURES`) of the sentences of a page; with ``only``, of those
    sentences alone (the others get None; the page-wide measures still use every sentence)."""
    n = len(sentences)
    out: List[Optional[Dict[str, float]]] = [None] * n
    if n == 0:
        return out
    char_codes, char_sentence, char_weight, pair_codes, pair_sentence, pair_weight = _page_units(sentences, rarity)
    pairs = _unit_measures(pair_codes, pair_sentence, pair_weight, n)
    chars = _unit_measures(char_codes, char_sentence, char_weight, n)
    page_share, local_share = pairs.page.tolist(), pairs.local.tolist()
    char_share, char_local = chars.page.tolist(), chars.local.tolist()
    rare_units, rare_shared = pairs.rare_units.tolist(), pairs.rare_shared.tolist()
    n_chars = np.bincount(char_sentence, minlength=n).tolist()
    mean, spread = _mean_spread(page_share)
    char_mean, char_spread = _mean_spread(char_share)
    title_share = _title_share(title, pair_codes, pair_sentence, n, rarity).tolist()
    style, style_local = (a.tolist() for a in _style_measures(char_codes, char_sentence, rarity, n))
    style_mean, style_spread = _mean_spread(style)
    topic, topic_local = (a.tolist() for a in _topic_measures([s.text for s in sentences], topics or topic_vectors(),
                                                                rarity.zipf))
    topic_mean, topic_spread = _mean_spread(topic)
    for k in (range(n) if only is None else only):
        s = sentences[k]
        text = s.text.strip()
        out[k] = {
            "page": page_share[k],
            "local": local_share[k],
            "z": (page_share[k] - mean) / max(spread, Z_FLOOR),
            "title": title_share[k],
            "alone": 1.0 if s.alone else 0.0,
            "link": 1.0 if text.startswith(LINK_OPENERS) else 0.0,
            "chars": math.log(1 + n_chars[k]),
            "sentences": math.log(1 + n),
            "char_page": char_share[k],
            "char_local": char_local[k],
            "char_z": (char_share[k] - char_mean) / max(char_spread, Z_FLOOR),
            "rare_page": rare_shared[k] / rare_units[k] if rare_units[k] else 1.0,
            "rare_shared": math.log(1 + rare_shared[k]),
            "style": style[k],
            "style_local": style_local[k],
            "style_z": (style[k] - style_mean) / max(style_spread, Z_FLOOR),
            "topic_page": topic[k],
            "topic_local": topic_local[k],
            "topic_z": (topic[k] - topic_mean) / max(topic_spread, Z_FLOOR),
        }
    return out


_NUMBER = re.compile(r"[0-9][0-9.]*")


def _content_words(words: Sequence[str]) -> List[str]:
    """The distinct content words of a cut sentence, in order: two characters or more with a
    letter, digit or Chinese character in them."""
    seen: Dict[str, None] = {}
    for w in words:
        if len(w) >= MIN_WORD_CHARS and HAN_WORD_CHAR.search(w):
            seen.setdefault(w, None)
    return list(seen)


def word_features(sentences: Sequence[Sentence], k: int, title: str, words: Callable[[str], Sequence[str]],
                  zipf: Callable[[str], float], joined: Optional[str] = None) -> Dict[str, float]:
    """:data:`WORD_FEATURES` of sentence ``k`` of the page.  ``joined``: the sentences' texts
    joined by :data:`_TEXT_BREAK` (computed when not given)."""
    if joined is None:
        joined = _TEXT_BREAK.join(s.text for s in sentences)
    s = sentences[k]
    own = s.text
    near = _TEXT_BREAK.join(x.text for j, x in enumerate(sentences) if j != k and abs(j - k) <= LOCAL_WINDOW)
    other_lines = _TEXT_BREAK.join(x.text for x in sentences if x.line != s.line)
    total = page = local = in_title = lines = 0.0
    rare_found = rare_missing = 0
    for w in _content_words(words(own)):
        if _NUMBER.fullmatch(w):
            weight, rare = NUMBER_WEIGHT, False
        else:
            z = zipf(w)
            weight = max(0.0, MAX_RARITY - z) if z > 0 else MAX_RARITY
            rare = z < RARE_WORD_ZIPF
        elsewhere = joined.count(w) > own.count(w)
        total += weight
        page += weight if elsewhere else 0.0
        local += weight if w in near else 0.0
        in_title += weight if w in title else 0.0
        lines += weight if w in other_lines else 0.0
        if rare:
            rare_found += elsewhere
            rare_missing += not elsewhere
    share = (lambda x: x / total) if total > 0 else (lambda x: 1.0)
    return {"word_page": share(page), "word_local": share(local), "word_title": share(in_title) if title else 0.0,
            "word_lines": share(lines), "word_rare_found": math.log(1 + rare_found),
            "word_rare_missing": math.log(1 + rare_missing)}


def judged(text: str) -> bool:
    """Whether a sentence is judged at all: a full sentence (it ends in 。!?; a heading does not)
    of :data:`MIN_SENTENCE_CJK` Chinese characters or more, with no quotation (a quoted term of
    at most :data:`MAX_QUOTED_TERM` characters without punctuation, not after a colon or a verb of
    saying, is no quotation: ``“咬春”``, ``“盲区”``), no
    enumeration (an author's list of places or products shares no words with the article
    around it, and is the author's own) and not a numbered point of a list (``第三是...``,
    ``其次...``)."""
    text = text.strip()
    return (text[-1:] in "。!?" and len(_CJK.findall(text)) >= MIN_SENTENCE_CJK
            and not _QUOTES.search(_QUOTED_TERM.sub("", text))
            and not _ORDINAL_POINT.match(text)
            and text.count("、") + (1 if _LAST_ITEM.search(text) else 0) < MIN_ENUMERATION_MARKS)


@dataclass(frozen=True)
class PastedHit:
    sentence: Sentence
    evidence: Dict[str, object]


@dataclass(frozen=True)
class Judging:
    """What :func:`find_pasted` judges on a page: its sentences, the indices of those judged, the
    text that stands for the title and the number of judged sentences."""
    sentences: List[Sentence]
    candidates: List[int]
    head: str
    n_judged: int


def judging(lines: Sequence[str], kept: Callable[[int], bool], title: Optional[str]) -> Optional[Judging]:
    """The sentences of the page and those :func:`find_pasted` judges (guards in the module
    docstring), or None when the page is not judged at all."""
    sentences = page_sentences(lines, kept)
    if len(sentences) < MIN_SHORT_PAGE_SENTENCES:
        return None
    is_judged = [judged(s.text) for s in sentences]
    n_judged = sum(is_judged)
    if n_judged < MIN_SHORT_PAGE_SENTENCES:
        return None
    first_line = next((i for i in range(len(lines)) if kept(i) and lines[i].strip()), -1)
    # the page's first line opens with its headline (a text dump glues the headline to the body):
    # its first sentence is never judged, the sentences after it are when other prose lines follow
    # (a one-paragraph post or review is not judged against itself)
    headline = next((k for k, s in enumerate(sentences) if s.line == first_line), -1)
    one_line = all(s.line == first_line for s in sentences)
    # a page whose paragraphs came out as one line (an HTML page's run together) is judged against its
    # title apart when the line holds enough sentences; a post or review without a title is not
    one_line_judged = one_line and bool(title) and n_judged >= ONE_LINE_MIN_JUDGED
    candidates = [k for k, s in enumerate(sentences)
                  if is_judged[k] and k != headline and not (one_line and not one_line_judged and s.line == first_line)]
    # without a title, the headline stands for it (the whole first line would hold the sentences judged)
    head = title or (sentences[headline].text if headline >= 0 else lines[first_line] if first_line >= 0 else "")
    return Judging(sentences, candidates, head, n_judged)


def find_pasted(lines: Sequence[str], kept: Callable[[int], bool], title: Optional[str],
                zipf: Callable[[str], float], scorer: Optional[Model] = None,
                words: Optional[Callable[[str], Sequence[str]]] = None) -> List[PastedHit]:
    """The sentences of the page the model takes for pasted ones (guards in the module docstring).
    ``words``: the word cut of the second stage (the spam lexicon's by default)."""
    page = judging(lines, kept, title)
    if page is None:
        return []
    sentences, candidates, head, n_judged = page.sentences, page.candidates, page.head, page.n_judged
    scorer = scorer or model()
    threshold = scorer.threshold if n_judged >= MIN_PAGE_SENTENCES else max(scorer.threshold, SHORT_PAGE_THRESHOLD)
    if words is None and scorer.needs_words():
        from pagewash.transforms.spam.lexicon import lexicon
        words = lexicon().words
    limit = math.ceil(MAX_SHARE_CUT * len(sentences))
    chosen: Dict[int, Tuple[Dict[str, float], int]] = {}  # sentence -> (its features, the pass that found it)
    remaining = list(range(len(sentences)))
    for pass_no in range(1, MAX_PASSES + 1):
        # a later pass judges the page without the sentences found before: the sentences of a
        # pasted block share words with each other, and one left behind looks coherent with the
        # one cut beside it
        feats = _scored([sentences[k] for k in remaining], [i for i, k in enumerate(remaining) if k in candidates],
                        head, zipf, scorer, words)
        if pass_no == 1:
            passed_gate = {remaining[i] for i in feats}
        found = sorted(((scorer.probability(f), remaining[i]) for i, f in feats.items()
                        if scorer.probability(f) >= threshold), key=lambda t: (-t[0], t[1]))[:limit - len(chosen)]
        if not found:
            break
        for _p, k in found:
            chosen[k] = (feats[remaining.index(k)], pass_no)
        remaining = [k for k in remaining if k not in chosen]
    hits = [(sentences[k], f, {"pass": pass_no}) for k, (f, pass_no) in sorted(chosen.items())]
    # the sentence that holds a glued clause passed the gate as a whole (a clause of other words in it)
    hits += _glued_after_semicolon(sentences, [k for k in remaining if k in passed_gate], chosen, head, zipf, scorer,
                                   words, max(threshold, GLUED_CLAUSE_THRESHOLD), limit)
    return [PastedHit(sentence, {"detector": "pasted_sentence", "probability": round(scorer.probability(f), 3),
                                 "gate": round(scorer.gate_probability(f), 3), **how,
                                 **{name: round(f[name], 3) for name in ALL_FEATURES if name in f}})
            for sentence, f, how in sorted(hits, key=lambda h: (h[0].line, h[0].start))]


def _glued_after_semicolon(sentences: Sequence[Sentence], candidates: Sequence[int], chosen: Mapping[int, object],
                           head: str, zipf: Callable[[str], float], scorer: Model,
                           words: Optional[Callable[[str], Sequence[str]]], threshold: float,
                           limit: int) -> List[Tuple[Sentence, Dict[str, float], Dict[str, object]]]:
    """Sentences glued after a ``;`` to a clause of the article (``...是2011年的2.4倍;某某也在探索...。``):
    a judged sentence whose last ``;`` leaves a full sentence after it (and a clause of
    :data:`MIN_SENTENCE_CJK` characters before it) is judged again split there, without the
    sentences already found; the part after the mark goes when it reaches ``threshold``, the
    clause before it stays."""
    out: List[Tuple[Sentence, Dict[str, float], Dict[str, object]]] = []
    kept = [k for k in range(len(sentences)) if k not in chosen]
    for k in candidates:
        s = sentences[k]
        cut = s.text.rfind(";")
        if cut < 0 or len(out) + len(chosen) >= limit:
            continue
        before, after = s.text[:cut + 1], s.text[cut + 1:]
        if not judged(after) or len(_CJK.findall(before)) < MIN_SENTENCE_CJK:
            continue
        first = Sentence(s.line, s.start, s.start + cut + 1, before, False)
        second = Sentence(s.line, s.start + cut + 1, s.end, after, False)
        split = [sentences[j] for j in kept if j < k] + [first, second] + [sentences[j] for j in kept if j > k]
        at = split.index(second)
        f = _scored(split, [at], head, zipf, scorer, words).get(at)
        if f is not None and scorer.probability(f) >= threshold:
            out.append((second, f, {"glued": "after_semicolon"}))
    return out


def _scored(sentences: Sequence[Sentence], candidates: Sequence[int], head: str, zipf: Callable[[str], float],
            scorer: Model, words: Optional[Callable[[str], Sequence[str]]]) -> Dict[int, Dict[str, float]]:
    """The features of the candidates the gate lets through (word measures added when the
    final model needs them), by index in ``sentences``."""
    feats = sentence_features(sentences, head, rarity_of(zipf), only=candidates)
    gated = {k: feats[k] for k in candidates if scorer.gate_probability(feats[k]) >= scorer.gate}
    if gated and scorer.needs_words():
        joined = _TEXT_BREAK.join(s.text for s in sentences)
        for k, f in gated.items():
            f.update(word_features(sentences, k, head, words, zipf, joined))
    return gated
