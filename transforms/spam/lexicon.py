"""Chinese words, their part of speech and their frequency, for the spam detectors.

* Segmentation and part-of-speech tags: jieba's dictionary (``jieba/dict.txt``,
  349,046 words with a frequency and an ICTCLAS-style tag: ``n`` noun, ``nr``
  person, ``ns`` place, ``nt`` organisation, ``nz`` other proper noun, ``v``
  verb, ``vn`` verbal noun, ``p`` preposition, ``c`` conjunction, ``u``
  particle, ``r`` pronoun, ``d`` adverb, ``m`` numeral, ...), through
  ``jieba.posseg`` with the HMM off, so a word is either in the dictionary or
  cut into single characters (tag ``x`` when jieba has none): the same input
  always gives the same words.
* Word frequency in general Chinese: ``wordfreq`` (Zipf scale, 0-8: 7 is one
  word in ten thousand... 3 one in a million; 0 unknown), the ``zh`` list.

Both come from PyPI packages (versions and licences in
:mod:`pagewash.transforms.spam.sources`); nothing is downloaded at run time.
Loading takes about 2 s and 150 MB, once per process (:func:`lexicon`, called
from ``DoFn.setup`` in Beam).
"""
from __future__ import annotations

import functools
import logging
import os
import tempfile
from typing import Dict, List, Tuple

Word = Tuple[str, str]  # (word, part-of-speech tag)

# Tagged short texts kept per process.  The cache only saves time (tagging is a pure function), so
# its size changes no output; it is cleared when full so memory stays flat in the corpus size:
# 200,000 entries held about 300 MB, 8,192 hold about 13 MB and still catch a site's repeated
# template segments.
TAGGED_CACHE_ENTRIES = 8_192


class Lexicon:
    """jieba's tokenizer with part-of-speech tags and wordfreq's Chinese frequencies."""

    def __init__(self) -> None:
        import jieba
        import jieba.posseg
        from wordfreq import get_frequency_dict, get_frequency_list

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        # jieba caches its parsed dictionary in a temporary file; keep it per user
        tokenizer.tmp_dir = os.path.join(tempfile.gettempdir(), f"pagewash-jieba-{os.getuid()}")
        os.makedirs(tokenizer.tmp_dir, exist_ok=True)
        tokenizer.initialize()
        self._tokenizer = tokenizer
        self._pos = jieba.posseg.POSTokenizer(tokenizer)
        self._freq: Dict[str, float] = get_frequency_dict("zh", wordlist="best")
        get_frequency_list.cache_clear()  # the list the dict was built from is not needed again
        self._tags: Dict[str, str] = self._pos.word_tag_tab
        self._cache: Dict[str, Tuple[Word, ...]] = {}

    def words(self, text: str) -> List[str]:
        """``text`` cut into dictionary words (no HMM: deterministic)."""
        return list(self._tokenizer.cut(text, HMM=False))

    def tagged(self, text: str) -> Tuple[Word, ...]:
        """``text`` cut into ``(word, tag)`` pairs; short texts are cached."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        out = tuple((p.word, p.flag) for p in self._pos.cut(text, HMM=False))
        if len(text) <= 24:
            if len(self._cache) >= TAGGED_CACHE_ENTRIES:
                self._cache.clear()
            self._cache[text] = out
        return out

    def tag(self, word: str) -> str:
        """The dictionary's tag of ``word`` ('' when it is not a dictionary word)."""
        return self._tags.get(word, "")

    def frequency(self, word: str) -> float:
        """How often ``word`` occurs in general Chinese (a share of all words, 0 if unknown)."""
        return self._freq.get(word, 0.0)

    def zipf(self, word: str) -> float:
        """Zipf frequency of ``word`` (log10 of occurrences per billion words; 0 if unknown)."""
        import math

        f = self._freq.get(word, 0.0)
        return math.log10(f) + 9.0 if f > 0 else 0.0


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The process-wide lexicon (loaded once)."""
    return Lexicon()
