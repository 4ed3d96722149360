"""A learned scorer for names injected between the commas of a sentence.

The rules of :mod:`.injected` cut a comma segment when its shape matches one they know (a brand
before a listed commercial head, a gazetteer place, stacked betting heads).  Names from other
sources take shapes the rules do not list; this module judges every remaining *candidate* — a
bare comma segment (no grammatical word, at most :data:`MAX_CANDIDATE_CHARS` characters) between
two parts of one sentence or after its last comma at the line's end, a bare phrase in brackets after
a clause part, a name set apart by spaces — with a small logistic regression over hashed features
that describe

* the segment on its own: the part-of-speech tags of its jieba words, its last word and last
  characters (where a business or site name keeps its head), how rare the whole and its words
  are in general Chinese (wordfreq Zipf), its length, Latin letters and digits, whether it is a
  division or a place of the gazetteer;
* the join it leaves: the last word and tag before it and the first word and tag after it (a
  preposition before it governs it; a predicate after it is said of it), the length of both; the
  runs of its character classes (Han, Latin, digits);
* the page: whether the segment, or the first characters of it, occur elsewhere on the page (a
  name the article speaks of is its subject, not an injection).

The model is trained by ``tools/train_comma_model.py`` on names generated from maintained data
(jieba's dictionary with its tags, cpca's divisions, the commercial heads of :mod:`.sources`)
injected between the commas of real Chinese text, and on the names seven other generators injected
into labelled pages, against every candidate segment of real text and of those pages' gold articles;
the weights ship as ``data/comma_segment_model.json`` and load once per process.  The guards of
the rules stay in force (an item of an enumeration, a segment governed by the clause before it
or the subject of the clause after it is never cut: :func:`guarded`).  Each cut carries its
score and the features that weighed most for it into the audit.
"""
from __future__ import annotations

import functools
import json
import math
import re
import zlib
from dataclasses import dataclass
from importlib import resources
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

import numpy as np

from pagewash.transforms.lexicon import HAN_CHAR as _CJK, HAN_UNIFIED
from pagewash.transforms.spam.coherence import topic_vectors
from pagewash.transforms.spam.gazetteer import Gazetteer, gazetteer as default_gazetteer
from pagewash.transforms.spam.injected import (
    ROUND_BRACKETS,
    SQUARE_BRACKETS,
    _BODY_ENDS,
    FUNCTION_CHARS,
    Hit,
    InjectedSegmentFinder,
    Segment,
    _SEGMENT_CHARS,
    _is_comma,
    commercial_head,
    is_grammar_tag,
    segments,
    to_simplified,
)
from pagewash.transforms.spam.lexicon import Lexicon, Word, lexicon as default_lexicon
from pagewash.transforms.spam.sources import COMMERCIAL_HEADS

MODEL_FILE = "comma_segment_model.json"
DETECTOR = "comma_model"
MIN_CANDIDATE_CHARS = 2
MAX_CANDIDATE_CHARS = 16
MIN_CONTEXT_CHARS = 2  # a clause part on either side: a segment at a line's start or end is not between two
HASH_BITS = 18
TOP_FEATURES = 5  # features named in the audit
_CLAUSE_END = frozenset("。!?;")
_DIGIT_RUN = re.compile(r"[0-9]+")
# Tags kept with their second letter (names, places, organisations; verbal and adjectival nouns).
_FINE_TAGS = ("nr", "ns", "nt", "nz", "vn", "an", "eng")


def coarse_tag(tag: str) -> str:
    """jieba's tag reduced to its class (``n``, ``v``, ...) except for names and nominal verbs."""
    if not tag:
        return "x"
    for fine in _FINE_TAGS:
        if tag.startswith(fine):
            return fine
    return tag[0]


def _bucket(value: float, step: float = 1.0, top: float = 8.0) -> str:
    return str(int(min(max(value, 0.0), top) / step))


def is_candidate_text(text: str) -> bool:
    """A segment the model judges: Han (Latin letters and digits allowed) of candidate length."""
    return (MIN_CANDIDATE_CHARS <= len(text) <= MAX_CANDIDATE_CHARS and bool(_SEGMENT_CHARS.match(text))
            and bool(_CJK.search(text)))


MAX_BARE_VERB_ZIPF = 5.0
MAX_BARE_VERBS = 1  # 朔州 + 理财 + 中介; a second verb makes a clause (希望能多吸引客户来开户)
MIN_COMMON_VERB_ZIPF = 4.5  # a single-character verb this common opens a clause, not a brand


@functools.lru_cache(maxsize=1)
def _COMMON_VERB_CHARS() -> frozenset:
    """Single characters jieba's dictionary tags as verbs that are common words of general Chinese
    (wordfreq Zipf at least :data:`MIN_COMMON_VERB_ZIPF`)."""
    lex = default_lexicon()
    return frozenset(c for c in map(chr, range(HAN_UNIFIED[0], HAN_UNIFIED[1] + 1))
                     if lex.tag(c).startswith("v") and lex.zipf(c) >= MIN_COMMON_VERB_ZIPF)


def is_bare(words: Sequence[Word], gaz: Optional[Gazetteer] = None, lex: Optional[Lexicon] = None) -> bool:
    """A bare phrase: no grammatical word (particle, preposition, conjunction, pronoun, adverb, modal
    particle, interjection; Latin words aside, which jieba tags ``eng``), no single function
    character and no common single-character verb opening it (打/拿/需 + an object: a clause).  Verbs
    inside it (one, not its first word, not a very common one) are left to the model: 理财, 办理,
    评估 are what a business offers."""
    gaz = default_gazetteer() if gaz is None else gaz
    lex = default_lexicon() if lex is None else lex
    first, first_tag = words[0]
    if len(first) == 1 and first_tag.startswith("v") and first_tag != "vn" and first in _COMMON_VERB_CHARS():
        return False
    verbs = 0
    for j, (word, tag) in enumerate(words):
        if (word.isascii() and word.isalnum()) or (len(word) >= 2 and gaz.is_division(word)):
            continue  # a Latin word, a division's name whatever jieba's tag (且末/c)
        if len(word) >= 2 and tag.startswith("d") and j > 0:
            verbs += 1  # 快速, 当天 in an advertising phrase (某地快速办证): counted as a verb
            continue
        if is_grammar_tag(tag) or (len(word) == 1 and word in FUNCTION_CHARS):
            return False
        if (len(word) == 1 and tag == "f") or (len(word) >= 2 and tag == "m"):
            return False  # 上/f 不了 网, 好几个/m 房间: a locality or a count inside a clause, not a name
        if tag == "q" and j > 0 and words[j - 1][0].isdigit():
            return False  # 6/级, 3/场: a number and its measure word, a count
        if (tag.startswith("v") and tag != "vn" and word.lower() not in COMMERCIAL_HEADS
                and lex.zipf(word) >= MAX_BARE_VERB_ZIPF):
            return False  # 提出, 发生: a verb this common makes a clause (理财, 修复, 收购 name a trade)
        if tag.startswith("v") and tag != "vn" and word.lower() not in COMMERCIAL_HEADS:
            verbs += 1
            if j == 0 and len(words) > 1:
                return False  # a verb and its object (支持无线下载, 搞定篮网): a clause without its subject
    return verbs <= MAX_BARE_VERBS


@dataclass(frozen=True)
class Candidate:
    """A segment set apart inside a sentence, with what stands either side of it."""
    start: int  # the span a cut removes: the segment with the delimiter before it (a comma,
    end: int  # or the space before it and the one after it)
    text: str  # stripped
    left: str  # the part of the sentence before it
    right: str  # the part after it ('' when the sentence ends after it)
    right_delimiter: str
    delimiter: str  # "comma" (a comma before it), "space" (spaces around it), "bracket" (brackets around it)
    index: int = -1  # a comma segment's index in :func:`.injected.segments` of the line


_HAN_CLASS = _CJK.pattern.strip("[]")
# A name set apart by spaces inside a clause (记者获悉 某某娱乐 ,...; ...表示, 某某维修 市民...).
_SPACED = re.compile(rf"(?<=[{_HAN_CLASS},]) ([{_HAN_CLASS}A-Za-z0-9]{{{MIN_CANDIDATE_CHARS},{MAX_CANDIDATE_CHARS}}})"
                     rf"(?: ?(?=[,、。!?;])| (?=[{_HAN_CLASS}]))")
_SPACED_AFTER_COMMA = re.compile(rf"(?<=,)([{_HAN_CLASS}A-Za-z0-9]{{{MIN_CANDIDATE_CHARS},{MAX_CANDIDATE_CHARS}}}) "
                                 rf"(?=[{_HAN_CLASS}])")
_HAN_SPACE = re.compile(rf"[{_HAN_CLASS}] | (?=[{_HAN_CLASS}])")
MAX_SPACED_LINE_SPACES = 2  # the two spaces of one name; a line with more writes spaces inside its clauses


def _clause_part(text: str, at_end: bool) -> str:
    """The clause part of ``text`` next to a candidate: after its last (``at_end``) or before its
    first delimiter."""
    cuts = [i for i, c in enumerate(text) if c in ",、。!?;:"]
    if at_end:
        return text[cuts[-1] + 1:] if cuts else text
    return text[:cuts[0]] if cuts else text


_BRACKET_PAIRS = {**SQUARE_BRACKETS, **ROUND_BRACKETS}
_OPENING = "".join(_BRACKET_PAIRS)
_CLOSING = "".join(_BRACKET_PAIRS.values())
_BRACKETED_NAME = re.compile(rf"(?P<open>[{re.escape(_OPENING)}])(?P<text>[^{re.escape(_OPENING + _CLOSING)}]"
                             rf"{{{MIN_CANDIDATE_CHARS},{MAX_CANDIDATE_CHARS}}})(?P<close>[{re.escape(_CLOSING)}])")
_DELIMITER_CHARS = ",、。!?;:"


def _bracketed(line: str) -> Iterator[Candidate]:
    """A bare phrase in brackets (``【】``, ``〔〕``, ``()``, ``[]``) after a clause part of a sentence,
    glued to it or after its comma: the brackets go, and a comma before them when nothing but a
    delimiter or the line's end follows (``...工作,【某某公司】`` loses ``,【某某公司】``).  Round
    brackets are where an author explains: a source's credit ending the line, the translation of a
    Latin name and the branch of a name ending like it (``某某酒店(某某路店)``) are no candidates."""
    for m in _BRACKETED_NAME.finditer(line):
        if _BRACKET_PAIRS.get(m.group("open")) != m.group("close"):
            continue
        text = m.group("text")
        if not is_candidate_text(text):
            continue
        lead = line[:m.start()]
        left = _clause_part(lead.rstrip(",、 "), at_end=True).strip()
        if len(left) < MIN_CONTEXT_CHARS:
            continue  # at a line's or a clause's start: a label (【新华社】) or a list's number stands there
        rest = line[m.end():]
        after = rest[:1]
        if m.group("open") in ROUND_BRACKETS and (
                (not rest.strip() and not lead.rstrip().endswith(","))  # a credit ending the line: (某某网)
                or (lead[-1:].isascii() and lead[-1:].isalnum())  # a Latin name and its translation
                or lead[-1:] == text[-1]):  # a name and the branch it names: 某某酒店(某某路店)
            continue
        start = m.start()
        if (not rest.strip() or after in _DELIMITER_CHARS) and lead.endswith((",", " ,", ", ")):
            start = len(lead.rstrip(" ")) - 1
        right = _clause_part(rest.lstrip(",、 "), at_end=False).strip() if after not in "。!?;" else ""
        yield Candidate(start, m.end(), text, left, right, after if after in _DELIMITER_CHARS else "",
                        "bracket" + ("_square" if m.group("open") in SQUARE_BRACKETS else "_round"))


def candidates(line: str) -> Iterator[Candidate]:
    """The segments of ``line`` that may be injected: a comma segment with a comma before it and a
    comma, a ``、``, a clause end or the line's end after it, a clause part before it (and after it,
    unless the sentence ends); a bare phrase in brackets after a clause part (:func:`_bracketed`);
    or a name set apart by spaces inside a sentence, on a line that writes no other spaces between
    Han characters."""
    segs = segments(line)
    for k, seg in enumerate(segs):
        at_line_end = seg.after == "" and k == len(segs) - 1
        if k == 0 or not _is_comma(seg.before) or not (
                _is_comma(seg.after) or seg.after == "、" or seg.after in _CLAUSE_END or at_line_end):
            continue
        text = seg.text.strip()
        if not is_candidate_text(text) or seg.text != text:
            continue
        left = segs[k - 1].text.strip()
        right = segs[k + 1].text.strip() if seg.after in (",", ",", "、") and k + 1 < len(segs) else ""
        if len(left) < MIN_CONTEXT_CHARS or (seg.after not in _CLAUSE_END and not at_line_end
                                             and len(right) < MIN_CONTEXT_CHARS):
            continue
        if seg.after == "、":  # the name and the 、 after it go; the comma before it joins the clauses
            yield Candidate(seg.start, seg.end + 1, text, left, right, seg.after, "comma", k)
        else:  # the name and the comma before it go
            yield Candidate(segs[k - 1].end, seg.end, text, left, right, seg.after, "comma", k)
    if any(c in line for c in _OPENING):
        yield from _bracketed(line)
    if " " not in line or len(_HAN_SPACE.findall(line)) > MAX_SPACED_LINE_SPACES:
        return
    for m in (*_SPACED.finditer(line), *_SPACED_AFTER_COMMA.finditer(line)):
        text = m.group(1)
        if not is_candidate_text(text):
            continue
        if not any(c in line[:m.start() + 1] for c in ",。!?;") and line[m.end():m.end() + 1] != ",":
            continue  # in the line's first clause and not before a comma: a headline glued to the text
        left = _clause_part(line[:m.start()].rstrip(",、 "), at_end=True).strip()
        rest = line[m.end():]
        right = _clause_part(rest.lstrip(",、"), at_end=False).strip() if rest[:1] not in "。!?;" else ""
        if len(left) < MIN_CONTEXT_CHARS or (rest[:1] not in "。!?;" and len(right) < MIN_CONTEXT_CHARS):
            continue
        yield Candidate(m.start(), m.end(), text, left, right, rest[:1] if rest[:1] in ",、。!?;" else "", "space")


def char_shape(text: str) -> str:
    """The runs of character classes of ``text``: ``H`` Han, ``L`` Latin letters, ``D`` digits
    (``某某app下载`` -> ``HLH``, ``cp365注册`` -> ``LDH``)."""
    out = []
    for c in text:
        k = "D" if c.isdigit() else "L" if c.isascii() and c.isalpha() else "H"
        if not out or out[-1] != k:
            out.append(k)
    return "".join(out[:5])


def segment_features(lex: Lexicon, gaz: Gazetteer, text: str, left: str, right: str, right_delimiter: str,
                     page_text: str, delimiter: str = "comma") -> List[str]:
    """The named features of a candidate (``text`` Simplified); see the module docstring.  Pure:
    the same strings for the same arguments."""
    words = lex.tagged(text)
    tags = [coarse_tag(t) for _w, t in words]
    last_word, last_tag = words[-1]
    first_word, _first_tag = words[0]
    zipfs = [lex.zipf(w) for w, _t in words]
    out = [
        "len=" + str(min(len(text), 12)),
        "delimiter=" + delimiter + right_delimiter,
        "words=" + str(min(len(words), 5)),
        "tags=" + "-".join(tags[-4:]),
        "last_tag=" + tags[-1],
        "first_tag=" + tags[0],
        "last_word=" + last_word.lower(),
        "last1=" + text[-1].lower(),
        "last2=" + text[-2:].lower(),
        "first1=" + text[0],
        "zipf_seg=" + _bucket(lex.zipf(text)),
        "zipf_last=" + _bucket(zipfs[-1]),
        "zipf_min=" + _bucket(min(zipfs)),
        "zipf_first=" + _bucket(zipfs[0]),
        "seg_tag=" + coarse_tag(lex.tag(text)),
        "single_chars=" + str(min(sum(1 for w, _t in words if len(w) == 1), 4)),
        "last_tag_len=" + tags[-1] + str(min(len(last_word), 4)),
    ]
    out.append("shape=" + char_shape(text))
    digits = _DIGIT_RUN.search(text)
    if digits:
        # what follows a number: a measure word or unit (8月份, 7栋楼) counts, a head names a site (365体育)
        after = text[digits.end():digits.end() + 1]
        out += ["digit", "digit_then=" + (coarse_tag(lex.tag(after)) if after else "end"),
                "digit_at=" + ("start" if digits.start() == 0 else "inside")]
    if any(c.isascii() and c.isalpha() for c in text):
        out.append("latin")
    head = commercial_head(text, words, lex.zipf)
    out.append("head_kind=" + (head[1] if head else "none"))
    if head:
        out.append("head=" + head[0])
        out.append("brand_zipf=" + _bucket(lex.zipf(text[: len(text) - len(head[0])])))
    if text[-1] in _BODY_ENDS and len(text) >= 3:
        out.append("body_end=" + ("division" if gaz.is_division(text[:-1]) or gaz.is_division(text[:-2]) else "other"))
    if gaz.is_division(text):
        out.append("division")
    elif gaz.is_strong_place(text):
        out.append("strong_place")
    if len(first_word) >= 2 and gaz.is_division(first_word):
        out.append("division_first")
    # the join the cut leaves
    left_words = lex.tagged(left[-8:])
    lw, lt = left_words[-1] if left_words else ("", "")
    out += ["left_tag=" + coarse_tag(lt), "left_word=" + lw, "left_len=" + _bucket(len(left), 4, 24)]
    if right:
        right_words = lex.tagged(right[:8])
        rw, rt = right_words[0] if right_words else ("", "")
        out += ["right_tag=" + coarse_tag(rt), "right_word=" + rw, "right_len=" + _bucket(len(right), 4, 24),
                "join=" + coarse_tag(lt) + "|" + coarse_tag(rt)]
        out.append("right_bare" if len(right) <= MAX_CANDIDATE_CHARS and is_bare(lex.tagged(right), gaz, lex)
                   else "right_clause")
        if right_delimiter == "、":
            out.append("listed_right_bare" if out[-1] == "right_bare" else "listed_right_clause")
    else:
        out += ["right=end" + right_delimiter, "join=" + coarse_tag(lt) + "|end"]
    out.append("left_bare" if len(left) <= MAX_CANDIDATE_CHARS and is_bare(left_words, gaz, lex) else "left_clause")

    # the page
    count = page_text.count(text)
    out.append("page_count=" + str(min(count, 3)))
    out.append("topic=" + _topic_bucket(lex, text, page_text))
    stem = text[:2]
    out.append("stem_elsewhere" if page_text.count(stem) > count else "stem_alone")
    if head and len(text) > len(head[0]) + 1:
        brand = text[: len(text) - len(head[0])]
        out.append("brand_elsewhere" if page_text.count(brand) > count else "brand_alone")
    return out


TOPIC_BUCKETS = (0.05, 0.1, 0.2, 0.3, 0.45)  # cosines of a segment's topic with its page's, bucketed


@functools.lru_cache(maxsize=8)
def _page_topic(lex: Lexicon, page_text: str) -> np.ndarray:
    """The rarity-weighted sum of the topic vectors of the page's words (the candidates of one page
    are scored one after another, so a few pages cached serve them all)."""
    return _topic_sum(lex, page_text)


def _topic_sum(lex: Lexicon, text: str) -> np.ndarray:
    topics = topic_vectors()
    found = topics.matches(text)
    if not len(found):
        return np.zeros(topics.vectors.shape[1])
    ids = found[:, 1]
    return (topics.vectors[ids] * topics.weights(lex.zipf)[ids][:, None]).sum(axis=0)


def _topic_bucket(lex: Lexicon, text: str, page_text: str) -> str:
    """How close the segment's topic (its words' vectors) is to the rest of the page's: a name slipped in
    from another trade's keyword list is about something the article is not (``none``: no word of the
    segment has a vector)."""
    own = _topic_sum(lex, text)
    norm = float(np.linalg.norm(own))
    if norm == 0.0:
        return "none"
    rest = _page_topic(lex, page_text) - own
    rest_norm = float(np.linalg.norm(rest))
    if rest_norm == 0.0:
        return "none"
    cosine = float(own @ rest) / (norm * rest_norm)
    return str(sum(1 for b in TOPIC_BUCKETS if cosine >= b))


# Feature names hold page words, so a larger cache would fill with the corpus (memory growing with N);
# a page repeats its own names, which is what a small cache serves.
@functools.lru_cache(maxsize=4096)
def feature_index(name: str, bits: int = HASH_BITS) -> int:
    """A feature's slot in the weight vector (CRC-32 of its UTF-8 bytes: the same on every machine)."""
    return zlib.crc32(name.encode("utf-8")) & ((1 << bits) - 1)


@dataclass(frozen=True)
class CommaModel:
    weights: Dict[int, float]
    bias: float
    threshold: float
    bits: int

    def contributions(self, features: Sequence[str]) -> List[Tuple[str, float]]:
        return [(f, self.weights.get(feature_index(f, self.bits), 0.0)) for f in features]

    def probability(self, features: Sequence[str]) -> float:
        z = self.bias + sum(self.weights.get(feature_index(f, self.bits), 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def model_from_json(raw: Dict[str, object]) -> CommaModel:
    weights = {int(k): float(v) for k, v in dict(raw["weights"]).items()}  # type: ignore[arg-type]
    return CommaModel(weights=weights, bias=float(raw["bias"]),  # type: ignore[arg-type]
                      threshold=float(raw["threshold"]), bits=int(raw["bits"]))  # type: ignore[arg-type]


@functools.lru_cache(maxsize=1)
def model() -> CommaModel:
    """The shipped model (``transforms/spam/data/comma_segment_model.json``), loaded once."""
    raw = json.loads(resources.files("pagewash.transforms.spam").joinpath("data", MODEL_FILE).read_text("utf-8"))
    return model_from_json(raw)


def _same_kind(finder: InjectedSegmentFinder, text: str, other: str) -> bool:
    """``other`` (the item after a ``、``) is a bare phrase of ``text``'s kind: both places, both
    commercial names of one kind of head, or both ending in one character (公安、消防、交警 aside,
    two words of general Chinese): then ``text`` is the first item of an enumeration."""
    if finder._is_place_item(text) and other and finder._place_at_edge(other, at_end=False):
        return True  # 平顶山市、汝州市等地: places listed
    if not other or len(other) > MAX_CANDIDATE_CHARS or not is_candidate_text(other):
        return False
    lex, gaz = finder.lex, finder.gaz
    words = lex.tagged(to_simplified(other))
    if not is_bare(words, gaz, lex):
        return False
    if text[-1] == other[-1] or (finder._is_place_item(text) and finder._is_place_item(other)):
        return True
    mine, theirs = commercial_head(text, lex.tagged(to_simplified(text))), commercial_head(other, words)
    if mine and theirs and mine[1] == theirs[1]:
        return True
    return lex.zipf(to_simplified(text)) >= MIN_LISTED_WORD_ZIPF and lex.zipf(to_simplified(other)) >= MIN_LISTED_WORD_ZIPF


MIN_LISTED_WORD_ZIPF = 3.0  # two words this common joined by 、 are items of a list, not a name


def guarded(finder: InjectedSegmentFinder, line: str, cand: Candidate) -> bool:
    """The rules' guards for a candidate: written elsewhere on the page; for a comma segment, an
    item of an enumeration (a place or a business beside it, or a ``、`` that joins it to another
    bare noun phrase), governed by the clause before it, or the subject of a predicate after it."""
    if finder._mentioned_elsewhere(cand.text):
        return True
    if cand.delimiter != "comma":
        return False
    segs = segments(line)
    k = cand.index
    seg: Segment = segs[k]
    if seg.before == "、" or (seg.after == "、" and k + 1 < len(segs) and _same_kind(finder, cand.text, segs[k + 1].text.strip())):
        return True
    if seg.after != "、" and (finder._enumeration_neighbour(seg, segs, k, "lone_place")
                             or finder._business_enumeration(segs, k)):
        return True
    if finder._governed(segs[k - 1]):
        return True
    return _is_comma(seg.after) and k + 1 < len(segs) and finder._opens_predicate(segs[k + 1], segs[k - 1])


class ScoredSegmentFinder:
    """Finds, in the lines of one page, the candidate segments the model scores as injected."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer, page_text: str,
                 scorer: Optional[CommaModel] = None):
        self.lex = lexicon
        self.gaz = gazetteer
        self.page_text = page_text
        self.model = scorer or model()
        self.rules = InjectedSegmentFinder(lexicon, gazetteer, page_text, False)

    def score(self, cand: Candidate) -> Tuple[float, List[str]]:
        text = to_simplified(cand.text)
        feats = segment_features(self.lex, self.gaz, text, to_simplified(cand.left), to_simplified(cand.right),
                                 cand.right_delimiter, self.page_text, cand.delimiter)
        return self.model.probability(feats), feats

    def find(self, line: str) -> List[Hit]:
        hits: List[Hit] = []
        last_end = -1
        for cand in sorted(candidates(line), key=lambda c: (c.start, c.end)):
            if cand.start < last_end or not is_bare(self.lex.tagged(to_simplified(cand.text)), self.gaz, self.lex):
                continue
            p, feats = self.score(cand)
            if p < self.model.threshold or guarded(self.rules, line, cand):
                continue
            top = sorted(self.model.contributions(feats), key=lambda fw: (-fw[1], fw[0]))[:TOP_FEATURES]
            evidence = {"detector": DETECTOR, "score": round(p, 4),
                        "features": [f"{f}:{w:+.2f}" for f, w in top],
                        "words": [f"{w}/{t or 'x'}" for w, t in self.lex.tagged(to_simplified(cand.text))]}
            evidence["delimiter"] = cand.delimiter
            hits.append(Hit(cand.start, cand.end, evidence))
            last_end = cand.end
        return hits


def drop_scored_segments(page) -> None:
    """Cuts, from each kept prose line of ``page`` (a :class:`.rules.PageState`), the candidate
    segments the shipped model scores as injected (after the rules have cut the ones they know)."""
    from pagewash.transforms.spam import rules  # the page state and its cutting live with the rules

    if page.lexicon is None:
        return
    finder: Optional[ScoredSegmentFinder] = None
    for i, line in enumerate(page.lines):
        if not page.kept(i) or not rules.is_prose(line):
            continue
        if finder is None:
            finder = ScoredSegmentFinder(page.lexicon, page.gazetteer, page.text())
        rules.cut_injected_hits(page, i, finder.find(line))
