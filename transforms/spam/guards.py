"""Precision guards: what a news article writes that looks like stuffing or an injected place.

Two shapes of real text that the stuffing and comma rules would otherwise read as spam:

* **Stray spaces in prose** (:func:`stray_spaces`): some sources (crawled news, OCR, text pasted
  from layouts) write spaces inside sentences: before a comma (``上午 ,``), or between two
  characters of one word (``参 加``).  A keyword list or a name set apart by spaces never has a
  space of either kind, so on a line (or a page) written like that, spaces are no evidence that
  what they set apart is a keyword (``drop_keyword_stuffing``).
* **The last item of a place enumeration** (:func:`opens_place_enumeration_end`): a place between
  commas before a segment that opens with a place and a count of them (``某地,某地两县...``) is an
  item of the author's list (``drop_injected_keywords``).
"""
from __future__ import annotations

import re
from typing import Callable, Optional, Sequence

from pagewash.transforms.lexicon import HAN
from pagewash.transforms.spam.gazetteer import Gazetteer

MAX_DIVISION_CHARS = 9

# --------------------------------------------------------------------------- stray spaces

_SPACE_BEFORE_PUNCT = re.compile(r"(?<=\S) (?=[,、;:。!?])")
_HAN_GAP = re.compile(rf"(?<=[{HAN}]) (?=[{HAN}])")
_SENTENCE_END = re.compile(r"[。!?]")
MIN_STRAY_SPACES = 2  # one stray space may be a typing slip next to a real wrapper; two are a habit
_WINDOW = 3


def stray_spaces(text: str, words: Callable[[str], Sequence[str]], *, prose_only: bool = True) -> int:
    """How many spaces of ``text`` no keyword list writes: a space before a comma, 、, colon or
    sentence end (``上午 ,``), or a space between two Han characters that jieba joins into one word
    when the space is taken out (``参 加``, ``学 校``).  With ``prose_only``, only lines that end a
    sentence are read (a keyword line is not the page's prose)."""
    count = 0
    for line in text.split("\n"):
        if prose_only and not _SENTENCE_END.search(line):
            continue
        count += len(_SPACE_BEFORE_PUNCT.findall(line))
        for m in _HAN_GAP.finditer(line):
            left = line[max(0, m.start() - _WINDOW):m.start()].split(" ")[-1]
            right = line[m.end():m.end() + _WINDOW].split(" ")[0]
            pos = 0
            for w in words(left + right):
                if pos < len(left) < pos + len(w):
                    count += 1
                    break
                pos += len(w)
                if pos >= len(left):
                    break
    return count


def spaced_lines(text: str) -> int:
    """How many prose lines (lines that end a sentence) of ``text`` have a space between two Han
    characters."""
    return sum(1 for line in text.split("\n") if _SENTENCE_END.search(line) and _HAN_GAP.search(line))


MIN_SPACED_LINES = 3  # paragraphs with spaces between Han characters: a source that writes them


def spaced_prose(text: str, words: Callable[[str], Sequence[str]], *, prose_only: bool = True) -> bool:
    """Whether ``text`` writes stray spaces as a habit: :data:`MIN_STRAY_SPACES` of them
    (:func:`stray_spaces`), or spaces between Han characters in :data:`MIN_SPACED_LINES` of its
    prose lines (a name injected with spaces around it sits in one or two paragraphs; a source
    that types spaces into its sentences does so in most of them)."""
    if " " not in text:
        return False
    return (spaced_lines(text) >= MIN_SPACED_LINES
            or stray_spaces(text, words, prose_only=prose_only) >= MIN_STRAY_SPACES)


# --------------------------------------------------------------------------- enumerations of places

# What closes an enumeration of places after its last item: a count of them (两县, 三个区, 5市)
# or 等 (等地, 等县).
_PLACES_CLOSED = re.compile(r"^(?:[两二三四五六七八九十几0-9]{1,2}个?(?:省|市|县|区|旗|州|地|镇|乡|村)|等)")


def opens_place_enumeration_end(gaz: Gazetteer, text: str) -> Optional[str]:
    """The division ``text`` opens with when a count of places or 等 follows it (``某某两县除...``,
    ``某某等地``): the last item of an enumeration, which makes the item before it a place of the
    same list; else None."""
    for n in range(min(MAX_DIVISION_CHARS, len(text) - 1), 1, -1):
        if gaz.is_division(text[:n]) and _PLACES_CLOSED.match(text[n:]):
            return text[:n]
    return None

