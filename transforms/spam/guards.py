"""Precision guards: what a news article writes that looks like injected names or stuffing.

Two shapes of real text that the injection and stuffing rules would otherwise read as spam:

* **An address read from the top** (:func:`address_below`): a division's full name glued to the
  start of a clause is an injected place only when nothing ties it to what follows it.  A
  reporter writes the place of an event from the largest unit down: a prefecture, then one of
  its counties (the cpca adcodes say which county lies in which prefecture and province), or a
  division, then a town, street office, road or village written with its suffix
  (``27日,某市某县某镇...``, ``...左右,某区某路上...``).  A name injected before a clause has no
  such tie to the clause.
* **Stray spaces in prose** (:func:`stray_spaces`): some sources (crawled news, OCR, text pasted
  from layouts) write spaces inside sentences: before a comma (``上午 ,``), or between two
  characters of one word (``参 加``).  A keyword list or a name set apart by spaces never has a
  space of either kind, so on a line (or a page) written like that, spaces are no evidence that
  what they set apart is a keyword.
"""
from __future__ import annotations

import re
from typing import Callable, Optional, Sequence, Tuple

from pagewash.transforms.lexicon import HAN
from pagewash.transforms.spam.gazetteer import RANK_COUNTY, RANK_PREFECTURE, RANK_PROVINCE, Gazetteer

Word = Tuple[str, str]

# --------------------------------------------------------------------------- addresses

# Suffixes of the units below a county that a reporter writes after it (towns, townships, street
# offices, roads, villages, banners, development zones), longest first.
_BELOW_COUNTY_SUFFIXES = ("街道", "大道", "大街", "社区", "开发区", "工业区", "工业园", "苏木", "嘎查",
                          "镇", "乡", "村", "路", "街", "巷", "弄", "旗")
_BELOW_COUNTY = re.compile(rf"^[{HAN}0-9]{{1,6}}?(?:{'|'.join(_BELOW_COUNTY_SUFFIXES)})")
# jieba's tags of words that cannot be part of a place's name (verbs, grammatical and time words)
_NOT_NAME_TAGS = ("v", "p", "c", "u", "r", "d", "t", "m", "q", "f", "y", "e", "o")
MAX_DIVISION_CHARS = 9


def _prefix(adcode: str, rank: int) -> str:
    return adcode[:2] if rank == RANK_PROVINCE else adcode[:4] if rank == RANK_PREFECTURE else adcode


def division_within(gaz: Gazetteer, outer: str, text: str) -> Optional[str]:
    """The division ``text`` opens with that lies inside the division ``outer`` (a county of the
    prefecture, a prefecture or county of the province), written in full or as a short form
    followed by text, or None."""
    outers = [d for d in gaz.lookup(outer) if d.rank != RANK_COUNTY]
    if not outers:
        return None
    for n in range(min(MAX_DIVISION_CHARS, len(text)), 1, -1):
        for inner in gaz.lookup(text[:n]):
            if any(inner.rank > o.rank and inner.adcode.startswith(_prefix(o.adcode, o.rank)) for o in outers):
                return text[:n]
    return None


def address_below(gaz: Gazetteer, place: str, rest: str,
                  tagged: Callable[[str], Sequence[Word]]) -> Optional[str]:
    """What places ``place`` further at the start of ``rest`` (the clause after it): a division
    inside it (:func:`division_within`) or a unit below a county written with its suffix (a town,
    street office, road, village: ``某某镇``, ``某某路``) whose name holds no verb, grammatical or
    time word; None when the clause goes on otherwise."""
    inner = division_within(gaz, place, rest)
    if inner is not None:
        return inner
    m = _BELOW_COUNTY.match(rest)
    if m is None:
        return None
    unit = m.group(0)
    name = next(unit[: -len(s)] for s in _BELOW_COUNTY_SUFFIXES if unit.endswith(s))
    if len(name) < 2 and not name.isdigit():
        return None  # 某县城, 某县乡: one character before the suffix is a word of the clause
    # a word of two or more characters that is a verb, a grammatical or a time word makes it a
    # clause (开展乡村...); single characters jieba cannot join are an unknown name (盛/v 泽/nr)
    if any(len(w) > 1 and not w.isdigit() and t.startswith(_NOT_NAME_TAGS)
           and not t.startswith(("vn", "nr", "ns", "nt", "nz")) for w, t in tagged(name)):
        return None
    return unit


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


# --------------------------------------------------------------------------- tallies

_TALLY = re.compile(rf"^(?:\d{{1,4}}[{HAN}]{{1,2}}){{2,}}$")


def is_tally(text: str) -> bool:
    """Whether ``text`` is a tally of numbers each before what it counts (``1男4女``, ``3死5伤``,
    ``2胜1负``): every digit there counts, none is slipped into a word."""
    return _TALLY.match(text) is not None
