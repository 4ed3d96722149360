"""Sentences pasted from unrelated articles, found by their topical coherence
with the rest of the page.

Each sentence of the page's paragraphs is cut into words (jieba); a word's
*topic weight* is how rare it is in general Chinese, ``max(0, 6.5 - zipf)``
(wordfreq: a word seen once per million words weighs 3.5, 的 or 我们 nothing,
a name jieba knows but wordfreq does not 6.5).  A sentence's *mass* is the sum
of the weights of its distinct words; its *shared* share is the part of that
mass carried by words the rest of the page also uses.  An article's sentences
share their topic words (names, places, the subject); a sentence pasted from
another article carries topic words of its own that nowhere else on the page
occur.

A sentence is pasted when its mass is high (it has a topic) and its shared
share is near zero, on a page whose other sentences give enough mass to compare
with.  The bar is lower on a page that already showed spam.  Quoted speech,
a page's first paragraph, tables and lists are never judged.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from pagewash.transforms.spam.lexicon import Lexicon

MAX_WEIGHT_ZIPF = 6.5
NAME_WEIGHT = 1.0
_NAME_TAGS = ("nr", "ns")
MIN_SENTENCE_CJK = 12
MIN_PAGE_SENTENCES = 5  # fewer sentences give no topic to compare with
# clean page: a sentence with a strong topic of its own and not one word of it elsewhere
CLEAN_MIN_MASS = 40.0
CLEAN_MAX_SHARED = 0.01
CLEAN_MIN_PAGE_SENTENCES = 8
# a page with other spam: the same evidence, a little less of it
SPAM_MIN_MASS = 35.0
SPAM_MAX_SHARED = 0.02

_SENTENCE = re.compile(r"[^。!?]*[。!?]+[”\"’」』)]*|[^。!?]+$")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fffA-Za-z]")
_QUOTE = re.compile(r"[“”「」『』\"]|^[^,。]{1,12}[:]")


@dataclass(frozen=True)
class Sentence:
    line: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class PastedVerdict:
    sentence: Sentence
    evidence: Dict[str, object]


def split_sentences(line: str) -> List[Tuple[int, int]]:
    """``(start, end)`` of each sentence of ``line`` (ends at 。!? and a closing quote)."""
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(line) if m.group().strip()]


_ITEM_SPLIT = re.compile(r"[,、;。]")
MAX_ITEM_CHARS = 8
MIN_ITEMS = 4


def is_enumeration(sentence: str) -> bool:
    """A list written as a sentence (ingredients, products, places): most of its
    comma/、 items are short."""
    items = [t for t in _ITEM_SPLIT.split(sentence) if t.strip()]
    short = sum(1 for t in items if len(t.strip()) <= MAX_ITEM_CHARS)
    return len(items) >= MIN_ITEMS and short >= 0.6 * len(items)


class CoherenceScorer:
    """Topic weights and sentence words, with a cache per process."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon
        self._weights: Dict[str, float] = {}

    def weight(self, word: str) -> float:
        w = self._weights.get(word)
        if w is None:
            if not _WORD.search(word) or len(word) == 1:
                w = 0.0  # single characters say nothing of a topic (and occur everywhere)
            elif self.lex.tag(word).startswith(_NAME_TAGS):
                w = NAME_WEIGHT  # a new person or place is how articles go on, not a change of topic
            else:
                w = max(0.0, MAX_WEIGHT_ZIPF - self.lex.zipf(word))
            self._weights[word] = w
        return w

    def words(self, text: str) -> List[str]:
        return [w for w in self.lex.words(text) if _WORD.search(w)]


MIN_NOVEL_BIGRAMS = 0.6  # cheap pre-test: share of a sentence's character pairs found nowhere else
MIN_REST_CJK = 200


_NON_CJK = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff]")


def _bigrams(text: str) -> List[str]:
    """The pairs of adjacent CJK characters of ``text``."""
    t = _NON_CJK.sub("\x00", text)
    return [a + b for a, b in zip(t, t[1:]) if a != "\x00" and b != "\x00"]


def pasted_sentences(lines: Sequence[str], candidates: Sequence[int], scorer: CoherenceScorer,
                     spam_page: bool) -> List[PastedVerdict]:
    """The sentences of ``lines[i]`` (``i`` in ``candidates``: the page's kept
    prose lines, in page order) that do not belong to the page's topic.

    Only a sentence most of whose character pairs occur nowhere else on the
    page is cut into words (the cheap test keeps the stage fast)."""
    sentences: List[Sentence] = []
    for i in candidates:
        for start, end in split_sentences(lines[i]):
            text = lines[i][start:end]
            if len(_CJK.findall(text)) >= MIN_SENTENCE_CJK:
                sentences.append(Sentence(i, start, end, text))
    min_sentences = MIN_PAGE_SENTENCES if spam_page else CLEAN_MIN_PAGE_SENTENCES
    if len(sentences) < min_sentences:
        return []
    page_text = "\n".join(lines[i] for i in candidates)
    page_pairs = Counter(_bigrams(page_text))
    page_cjk = len(_CJK.findall(page_text))
    first_line = sentences[0].line
    out: List[PastedVerdict] = []
    for s in sentences:
        if s.line == first_line or _QUOTE.search(s.text) or is_enumeration(s.text):
            continue
        pairs = Counter(_bigrams(s.text))
        if not pairs:
            continue
        novel_pairs = sum(1 for p, c in pairs.items() if page_pairs[p] <= c)
        if novel_pairs < MIN_NOVEL_BIGRAMS * len(pairs):
            continue
        if page_cjk - len(_CJK.findall(s.text)) < MIN_REST_CJK:
            continue
        own = Counter(scorer.words(s.text))
        mass = shared = 0.0
        novel: List[str] = []
        for w, c in own.items():
            wt = scorer.weight(w)
            if wt <= 0:
                continue
            mass += wt
            if page_text.count(w) > s.text.count(w):
                shared += wt
            else:
                novel.append(w)
        if mass <= 0:
            continue
        share = shared / mass
        if spam_page:
            pasted = mass >= SPAM_MIN_MASS and share <= SPAM_MAX_SHARED
        else:
            pasted = mass >= CLEAN_MIN_MASS and share <= CLEAN_MAX_SHARED
        if pasted:
            novel.sort(key=lambda w: (-scorer.weight(w), w))
            out.append(PastedVerdict(s, {
                "detector": "coherence", "topic_mass": round(mass, 2), "shared_share": round(share, 3),
                "novel_pairs": round(novel_pairs / len(pairs), 3), "page_sentences": len(sentences),
                "page_has_other_spam": spam_page, "novel_words": novel[:8]}))
    return out
