"""Keywords injected between the commas of a sentence, found without any
repetition on the page or in the corpus: the segment is judged on its own
(its words and their parts of speech) and against its sentence and article.

An *injected segment* is a comma segment that

* is a bare noun phrase: jieba's tags show no verb, preposition, conjunction,
  particle, pronoun, numeral, time or locality word among its words (a
  brand cut into single characters, 鑫/达, is a name jieba does not know,
  not a verb);
* ends in a commercial head (:data:`~pagewash.transforms.spam.sources.COMMERCIAL_HEADS`,
  e.g. 维修, 医院, 体育, 国际app, 娱乐, 网, 贷款) after a name-like brand, and is
  not itself a common word of general Chinese (wordfreq), so 互联网 or
  社区医院 are never brands — or, for a lone place name, is a strong place
  of the gazetteer (大岭山, 羊册镇);
* leaves a well-formed clause when cut: the segment before it does not end in
  a preposition, conjunction, particle or copula that would govern it, the
  segment after it does not open with a predicate of it (是, 位于, 成立于, 这里...);
* is not an enumeration (a neighbouring segment is a bare noun phrase too, or
  a place) and is not the article's topic (named elsewhere on the page).

Each hit carries its evidence (detector, head, words and tags) for the audit.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Mapping, NamedTuple, Optional, Sequence, Tuple

from pagewash.transforms.lexicon import HAN
from pagewash.transforms.lexicon import HAN_CHAR as _CJK
from pagewash.transforms.spam import script
from pagewash.transforms.spam.gazetteer import RANK_PROVINCE, Gazetteer
from pagewash.transforms.spam.lexicon import Lexicon, Word
from pagewash.transforms.spam.sources import (COMMERCIAL_HEADS, GAMBLING_HEADS, LOTTERY_REPORT_WORDS, LOTTERY_TERMS,
                                             LOTTERY_TOPIC, MAX_HEAD_CHARS)

MIN_SEGMENT_CHARS = 3
MAX_PLACE_CHARS = 8
# A county-level division written in full (绥德县, 皇姑区) is a place whatever jieba's tag.
DIVISION_SUFFIXES = ("县", "区", "市", "旗", "州", "盟")
MAX_COMPOUND_HEAD_ZIPF = 4.5  # 小额贷款 ends in a head; 互联网 is a word of its own
MAX_SEGMENT_CHARS = 16
MIN_BRAND_CHARS = 2
# a determiner before a kind of division (各乡镇, 各县区, 全市区) addresses every place of the kind, no
# place (a division's own name that opens so, 全州县, 诸城市, 本溪市, stays a place)
DETERMINER_OPENINGS = ("各", "全", "每", "该", "本", "此", "诸", "这", "那", "其")
TOWN_SUFFIXES = ("镇", "乡")  # a town's name as a lone place (InjectedSegmentFinder._town_name)
MAX_TOWN_CHARS = 5
MAX_COMMON_ZIPF = 3.0  # a segment this common in general Chinese is an ordinary phrase, not a name
MAX_ENUMERATION_NP_CHARS = 12
MAX_BRAND_ZIPF = 4.2  # a brand word more common than this is a common noun (社区, 儿童)
# A brand that opens with a verb this common (建设 5.6, 提供 5.7, 加强 5.2) and has two words or more after
# it is the verb and its object: a clause of the sentence, not a name (维修 4.5, 搭建 4.0 are trades).
MIN_CLAUSE_VERB_ZIPF = 5.0
MIN_VERB_OBJECT_WORDS = 3
_DIGIT_IN_WORD = re.compile(rf"[{HAN}][0-9](?=[{HAN}])")
# Characters before a digit that make it a count or an ordinal, not a digit slipped into a word.
COUNT_DETERMINERS = frozenset("每第共约近达逾超前后上下满头首末余多数几这那该本此各近仅")
# Measure words and units after a digit: a count (生产线2条, 住宅3套).
MEASURE_CHARS = frozenset("条个件次位名人家座台辆架艘张本只头匹项届期号层楼套间年月日天时分秒周岁元角万亿千百吨米斤克倍成所")
# What a verb before a number counts (罚进4球, 打进2球): a score, not a digit slipped into 全球通.
COUNTED_AFTER_VERB = frozenset("球")

_SEGMENT_CHARS = re.compile(rf"^[{HAN}A-Za-z0-9]+$")
_DELIMITERS = re.compile(r"[,,;;::。!?!?、]")
_CLAUSE_END = frozenset("。!?;")
_EDGE_JUNK = re.compile(r"^[\W_]+|[\W_]+$")

# Single characters that are function words whatever jieba's tag (a brand cut into
# single characters is otherwise accepted as a name jieba does not know).
FUNCTION_CHARS = frozenset("的了是在和与及或把被将对向从也都就还又很不没让给这那其之于以为而着过吗呢吧啊所且并但若则今原旧现即曰")
# Tags a word of a bare noun phrase may have (jieba's ICTCLAS-style tag set).
_NOUNISH = ("n", "j", "eng", "x", "a", "b", "vn", "s", "an", "g", "k", "h", "l")
_FUNCTION_TAGS = ("p", "c", "u", "r", "y", "e", "o", "q", "f", "t", "m", "d", "z", "i", "v")
_NAME_TAGS = ("nr", "ns", "nt", "nz", "eng", "x", "nrt", "nrfg")
# What governs a following noun phrase (then the segment belongs to the clause before it).
_GOVERNING_TAGS = ("p", "c")
_GOVERNING_WORDS = frozenset({"是", "为", "即", "如", "像", "叫", "称", "名为", "包括", "例如", "比如", "就是", "乃是"})
_GOVERNING_CHARS = frozenset("在和与及或把被将对向从于以为给让比由是")
# Words that close a framing phrase (就X而言, 总的来说): jieba tags 而言 as a conjunction, but the
# clause before the comma is complete and governs nothing after it.
_FRAME_CLOSERS = frozenset({"而言", "来说", "来讲", "看来", "来看", "而论"})
# What opens a predicate of the segment (then the segment is the subject of what follows).
# A copula, a demonstrative or 等 makes the segment the subject (or the last item) whatever
# comes before it (他说,北京协和医院,是一家三甲医院).
_PREDICATE_OPENERS = frozenset({
    "是", "为", "系", "乃", "原名", "又名", "简称", "全称", "别称", "等",
    "这里", "这座", "这家", "这所", "该院", "该公司", "该县", "该市", "该区", "该镇", "当地",
})
# A verb of location, founding or possession opens a predicate of the segment only when no
# clause with its own verb stands before it: in 九龙酒店是...的成员之一,X,位于尖沙咀 the hotel is
# what 位于 is said of; in 1998年,X,成立于北京 it is X.
_WEAK_PREDICATE_OPENERS = frozenset({
    "位于", "地处", "坐落", "坐落于", "成立", "成立于", "始建", "始建于", "创建", "创建于",
    "创办", "创办于", "创立", "创立于", "隶属", "隶属于", "作为", "拥有", "占地", "总部", "现有", "下辖", "辖",
    "地处于", "属于",
})


class Segment(NamedTuple):  # a named tuple: built cheaply, thousands of times a page
    start: int
    end: int  # exclusive, without the delimiter
    text: str
    before: str  # the delimiter before ('' at line start)
    after: str  # the delimiter after ('' at line end)


# The caches of this module are sized to a page's worth of lines and strings: their hits come from
# the detectors reading the same line of one page again; a larger bound only fills with earlier
# pages as the corpus grows (65,536 simplified strings held ~20 MB per process, 4,096 lines'
# segments ~8 MB) for a few more hits on strings a template repeats.
SEGMENTS_CACHE_LINES = 1024
SIMPLIFIED_CACHE_STRINGS = 4096


@functools.lru_cache(maxsize=SEGMENTS_CACHE_LINES)
def segments(line: str) -> Tuple[Segment, ...]:
    """The segments of ``line`` between its delimiters (commas, 、, clause ends, colons); cached,
    since every detector of this module reads them (a pure function of the line)."""
    out: List[Segment] = []
    start, before = 0, ""
    for m in _DELIMITERS.finditer(line):
        out.append(Segment(start, m.start(), line[start:m.start()], before, m.group()))
        start, before = m.end(), m.group()
    out.append(Segment(start, len(line), line[start:], before, ""))
    return tuple(out)


def _is_comma(d: str) -> bool:
    return d in (",", ",")


def _function_word(word: str, tag: str) -> bool:
    if len(word) == 1:
        return word in FUNCTION_CHARS
    if word.isdigit() or word.isascii():
        return False
    return tag.startswith(_FUNCTION_TAGS) and not tag.startswith(("vn", "an"))


# Tags of the words that make a string of words a clause rather than a name or a keyword:
# prepositions, conjunctions, particles, pronouns, modal particles, interjections, adverbs.
_GRAMMAR_TAGS = ("p", "c", "u", "r", "y", "e", "d")


def is_grammar_tag(tag: str, tags: Tuple[str, ...] = _GRAMMAR_TAGS) -> bool:
    """True for the tag of a grammatical word.  jieba's ``eng`` (a run of Latin letters or digits:
    a brand's, a model's, a number) shares its first letter with ``e`` (an interjection) and is not one."""
    return tag.startswith(tags) and tag != "eng"


def holds_grammar_word(words: Sequence[Word]) -> bool:
    """True when the words hold a grammatical word (的 了 把 该 将 也 吗 ...): a clause of prose
    written between spaces, not a keyword (keywords are bare names and noun phrases)."""
    return any((len(w) == 1 and w in FUNCTION_CHARS) or (len(w) > 1 and is_grammar_tag(t))
               for w, t in words)


def _nounish(word: str, tag: str) -> bool:
    return (word.isascii() and word.isalnum()) or tag.startswith(_NOUNISH) or (len(word) == 1 and word not in FUNCTION_CHARS)


COMPANY = "公司"
COMPANY_WORDS = ("公司", "有限公司")  # 某某彩票有限公司: a head before the company word
COMPANY_MODIFIERS = frozenset({"广告", "博彩", "彩票", "贷款", "担保", "投资", "开锁", "搬家", "装修", "家政"})


@functools.lru_cache(maxsize=SIMPLIFIED_CACHE_STRINGS)
def to_simplified(text: str) -> str:
    """Traditional characters to Simplified (OpenCC's tables, as the quality stage uses them)."""
    return script.converter("t2s")(text)


@functools.lru_cache(maxsize=1)
def candidate_end_chars() -> FrozenSet[str]:
    """The characters an injected segment can end with: the last character of a commercial
    head (公司 included) or of a place name's suffix, in Simplified and Traditional script."""
    from pagewash.transforms.spam.gazetteer import STRONG_SUFFIX_END_CHARS

    ends = {h[-1] for h in COMMERCIAL_HEADS} | set(COMPANY[-1]) | set(STRONG_SUFFIX_END_CHARS)
    ends |= {c for c in DIVISION_SUFFIXES}
    s2t = _s2t()
    return frozenset(ends | {s2t.convert(c) for c in ends})


@functools.lru_cache(maxsize=1)
def _s2t():
    from opencc import OpenCC

    return OpenCC("s2t")


def commercial_head(segment: str, words: Sequence[Word], zipf=lambda w: 0.0) -> Optional[Tuple[str, str]]:
    """``(head, kind)``: the longest commercial head the segment ends with, when
    it ends on a word boundary or inside a proper name jieba knows (北京协和医院/nt)."""
    low = segment.lower()
    ends = set()
    pos = 0
    for w, _t in words:
        pos += len(w)
        ends.add(len(segment) - pos)  # characters after this word's end: 0 for the last
    starts = set()
    pos = 0
    for w, _t in words:
        starts.add(pos)
        pos += len(w)
    last_word, last_tag = words[-1]
    if last_word.endswith(COMPANY) and last_word[:-len(COMPANY)] in COMPANY_MODIFIERS:
        return last_word, "advert"  # jieba's own compound: 广告公司
    if last_word in COMPANY_WORDS and len(words) >= 2:
        company = last_word
        inner = (commercial_head(segment[:-len(company)], words[:-1])
                 if len(segment) > len(company) + 2 else None)
        prev = words[-2][0]
        if inner is not None and segment[:-len(company)].endswith(inner[0]):
            return inner[0] + company, inner[1]
        if prev in COMPANY_MODIFIERS:
            return prev + company, "advert"
    for n in range(min(MAX_HEAD_CHARS, len(segment) - MIN_BRAND_CHARS), 0, -1):
        head = low[-n:]
        kind = COMMERCIAL_HEADS.get(head)
        if kind is None:
            continue
        if len(segment) - n in starts:
            return segment[-n:], kind
        if len(last_word) > n and not last_tag.startswith(_PHRASE_TAGS) and (
                last_tag.startswith(("nt", "nz"))
                or (len(segment) > len(last_word) and zipf(last_word) < MAX_COMPOUND_HEAD_ZIPF)):
            return segment[-n:], kind
    return None


def _words_within(words: Sequence[Word], chars: int) -> List[Word]:
    """The words that lie inside the first ``chars`` characters."""
    out, pos = [], 0
    for w, t in words:
        if pos + len(w) > chars:
            break
        out.append((w, t))
        pos += len(w)
    return out


_NOUN_ONLY = ("n", "j", "eng", "s")
# Tags of a single character that jieba knows as a word of the clause's grammar or as a verb
# (到/v, 要/v, 用/p, 再/d, 上/f, 我/r, 得/ud, 元/m): such a character is part of an unknown name
# only beside another single character that names (鑫/nr 达/v), never between words jieba knows
# (直接/到/三峡中心医院, 打/华硕售后服务) or beside other verbs (改/到/国际酒店, 拿/去/售后).
_CLAUSE_CHAR_TAGS = ("v", "p", "d", "r", "u", "c", "m", "q")
_NAMING_CHAR_TAGS = ("nr", "ns", "nz", "nt", "n", "x", "j", "g", "k", "h", "b", "a", "s")


def clause_character(words: Sequence[Word], runs_name: bool = False) -> bool:
    """True when a single character of ``words`` is a word of a clause rather than a character of
    a name jieba does not know: its tag is a verb's or a grammatical word's, and no single
    character beside it names anything (a character run of an unknown name: 鑫/nr 达/v).  With
    ``runs_name`` (before a betting head, where names are strung from any characters: 兴/v 胜/v
    娱乐), any run of two or more single characters is a name."""
    for j, (w, t) in enumerate(words):
        if len(w) != 1 or w.isascii() or not t.startswith(_CLAUSE_CHAR_TAGS) or t.startswith("vn"):
            continue
        beside = [words[x] for x in (j - 1, j + 1) if 0 <= x < len(words)]
        if runs_name and any(len(b) == 1 and not b.isascii() for b, _bt in beside):
            continue
        if not any(len(b) == 1 and not b.isascii() and bt.startswith(_NAMING_CHAR_TAGS) for b, bt in beside):
            return True
    return False


# Tags of idioms and set phrases (丰富多彩/i, 非常容易/l): no word of a name, and no compound a head
# is found inside (系统丰富多彩 is no betting site of 彩).
_PHRASE_TAGS = ("i", "l")


def is_bare_place(words: Sequence[Word]) -> bool:
    """A place name alone: no verb, preposition or other function word among its
    words, and a name among them (a proper noun, or characters jieba does not
    know): 大岭山, 羊册镇, 绥德县; not 外国人居住区."""
    if not all(not _function_word(w, t) and (_nounish(w, t) or t.startswith("n")) for w, t in words):
        return False
    if clause_character(words):
        return False  # 上/到/大学, 属/珠峰自然保护区: a clause that ends in a place
    if any(len(w) == 1 and t.startswith("f") for w, t in words[1:-1]):
        return False  # 农村孩子/上/大学: a locality word inside makes a clause, not a name
    return any(t.startswith(_NAME_TAGS) or len(w) == 1 for w, t in (words[:-1] or words)) or \
        (len(words) == 1 and words[0][1].startswith("ns"))


def is_bare_noun_phrase(words: Sequence[Word]) -> bool:
    """Only nouns and names (single characters jieba does not know count as a name);
    at least one noun of two or more characters: an item of an enumeration."""
    if not words:
        return False
    for w, t in words:
        if len(w) == 1:
            if w in FUNCTION_CHARS:
                return False
        elif not (t.startswith(_NOUN_ONLY) or (w.isascii() and w.isalnum())):
            return False
    return any(len(w) >= 2 and (t.startswith("n") or t in ("j", "eng")) for w, t in words)


@dataclass(frozen=True)
class Hit:
    start: int  # span in the line: the segment with its comma before it
    end: int
    evidence: Dict[str, object]


class InjectedSegmentFinder:
    """Finds injected segments in the lines of one page."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer, page_text: str, spam_page: bool):
        self.lex = lexicon
        self.gaz = gazetteer
        self.page_text = page_text
        self.spam_page = spam_page

    def _mentioned_elsewhere(self, text: str) -> bool:
        return self.page_text.count(text) > 1

    def _enumeration_neighbour(self, seg: Segment, segs: Sequence[Segment], k: int, detector: str) -> bool:
        """A neighbouring segment of the same kind (a place next to a place, a
        business next to a business): the segment is an item of a list."""
        if seg.before == "、" or seg.after == "、":
            return True
        if detector == "lone_place":
            # a business name beside it (``,昌江医院,喀什市,``: two injections side by side) is no
            # item of a list of places, even when its brand is a place's name
            return any(0 <= j < len(segs) and self._place_at_edge(segs[j].text.strip(), at_end=j < k)
                       and self._business_item(segs[j]) is None
                       for j in (k - 1, k + 1))
        return self._business_enumeration(segs, k)

    def _business_item(self, seg: Segment) -> Optional[str]:
        """The head kind of a segment that is a bare business name between commas, else None."""
        other = seg.text.strip()
        if not other or len(other) > MAX_ENUMERATION_NP_CHARS or not _SEGMENT_CHARS.match(other):
            return None
        other = to_simplified(other)
        words = self.lex.tagged(other)
        found = commercial_head(other, words)
        return found[1] if found and is_bare_noun_phrase(words) else None

    def _business_enumeration(self, segs: Sequence[Segment], k: int) -> bool:
        """Segment ``k`` is one of a list of businesses: a run of bare business names
        between commas that is three long, or that the sentence ties in as a list: the clause
        before it ends in a head of the same kind (患者被送往医院,A医院,B医院), or the clause
        after it begins with another item (...,C医院都派出了专家) or with 等.  Two names of
        their own wedged between two clauses that know nothing of them are injected."""
        kinds = {self._business_item(segs[k])} - {None}
        lo = hi = k
        while lo - 1 >= 1 and _is_comma(segs[lo - 1].before) and self._business_item(segs[lo - 1]):
            lo -= 1
            kinds.add(self._business_item(segs[lo]))
        while hi + 1 < len(segs) and _is_comma(segs[hi].after) and self._business_item(segs[hi + 1]):
            hi += 1
            kinds.add(self._business_item(segs[hi]))
        if hi == lo:
            return False
        if hi - lo >= 2:
            return True
        before = segs[lo - 1].text.strip() if lo >= 1 else ""
        if before:
            before = to_simplified(before)
            found = commercial_head(before, self.lex.tagged(before)) if len(before) > MIN_BRAND_CHARS else None
            if found is not None and found[1] in kinds:
                return True
        after = segs[hi + 1].text.strip() if hi + 1 < len(segs) and _is_comma(segs[hi].after) else ""
        if after.startswith("等"):
            return True
        for n in range(MIN_SEGMENT_CHARS, min(MAX_ENUMERATION_NP_CHARS, len(after) - 1) + 1):
            part = to_simplified(after[:n])
            words = self.lex.tagged(part)
            found = commercial_head(part, words)
            if (found and found[1] in kinds and is_bare_noun_phrase(words)
                    and self._word_boundary(after, n, at_end=False)):
                return True
        return False

    def _place_at_edge(self, text: str, at_end: bool) -> bool:
        """``text`` is a place, or ends (``at_end``) / starts with one: the
        neighbour of a list item (受灾的有大岭山,羊册镇,石碣镇等地)."""
        text = _EDGE_JUNK.sub("", text)  # a list dash or bracket around the item: "- 西宁"
        if self._is_place_item(text):
            return True
        for n in range(2, min(MAX_PLACE_CHARS, len(text) - 1) + 1):
            part = text[-n:] if at_end else text[:n]
            if self._is_place_item(part) and self._word_boundary(text, n, at_end) and (
                    n >= 3 or self._tagged_place(text, part)):
                return True
        return False

    def _tagged_place(self, text: str, part: str) -> bool:
        """A two-character place at the edge of a clause must be a word jieba tags as a
        place (去了西宁/ns), not two characters that spell one (体/延长/v)."""
        return any(w == part and t.startswith("ns") for w, t in self.lex.tagged(text))

    def _is_place_item(self, text: str) -> bool:
        """A place name written as a list item: a division (湖北, 绥德县) or a strong place (羊册镇)."""
        if not 2 <= len(text) <= MAX_PLACE_CHARS:
            return False
        if self.gaz.is_division(text):
            return True
        return len(text) >= 3 and self.gaz.is_strong_place(text) and is_bare_place(self.lex.tagged(text))

    def _word_boundary(self, text: str, n: int, at_end: bool) -> bool:
        """The first (``at_end``: last) ``n`` characters of ``text`` end (start) on one of its words'
        boundaries (受灾的有/大岭山), so a clause does not end in a place because its last
        characters spell one."""
        cut = len(text) - n if at_end else n
        pos = 0
        for w, _t in self.lex.tagged(text):
            if pos == cut:
                return True
            pos += len(w)
        return pos == cut

    def _governed(self, prev: Segment) -> bool:
        words = self.lex.tagged(prev.text.strip()) if prev.text.strip() else ()
        if not words:
            return False
        w, t = words[-1]
        if w in _FRAME_CLOSERS:
            return False  # 就短线而言, 总的来说: the frame is closed, it governs nothing after the comma
        if len(words) == 1 and len(w) >= 2 and t.startswith("c") and w not in _GOVERNING_WORDS:
            return False  # 因为, / 所以, / 但是,: a connective set off by a comma opens a clause, it takes no object
        return w in _GOVERNING_WORDS or t.startswith(_GOVERNING_TAGS) or (len(w) == 1 and w in _GOVERNING_CHARS)

    def _opens_predicate(self, nxt: Segment, prev: Segment) -> bool:
        text = nxt.text.strip()
        if not text:
            return False
        words = self.lex.tagged(text[:8])
        w, t = words[0]
        opener = w if w in _PREDICATE_OPENERS or w in _WEAK_PREDICATE_OPENERS else (
            w + words[1][0] if len(words) > 1 else "")
        if opener in _PREDICATE_OPENERS:
            return True
        if opener not in _WEAK_PREDICATE_OPENERS:
            return False
        return not self._has_verb(prev.text.strip())

    def _has_verb(self, text: str) -> bool:
        """A clause with a verb of its own (not a time or adverbial lead such as 1998年, 去年冬天)."""
        return any(t.startswith("v") and not t.startswith("vn") for _w, t in self.lex.tagged(text)) if text else False

    def find(self, line: str) -> List[Hit]:
        hits: List[Hit] = []
        if _CJK.search(line) is None:
            return hits  # every segment judged holds a Han character (the test below)
        segs = segments(line)
        for k, seg in enumerate(segs):
            if _is_comma(seg.after) and " " in seg.text:
                hit = self._space_joined(seg, segs, k)
                if hit is not None:
                    hits.append(hit)
                    continue
            if seg.before == "、" and _is_comma(seg.after):
                hit = self._after_clause_dun(seg, segs, k)
                if hit is not None:
                    hits.append(hit)
                continue
            if k == 0 or not _is_comma(seg.before) or not (_is_comma(seg.after) or seg.after in _CLAUSE_END):
                continue
            text = seg.text.strip()
            if not (MIN_SEGMENT_CHARS <= len(text) <= MAX_SEGMENT_CHARS or self._short_division(text)) \
                    or not _SEGMENT_CHARS.match(text):
                continue
            if not _CJK.search(text) or (text[-1].lower() not in candidate_end_chars()
                                         and not _DIGIT_IN_WORD.search(text)
                                         and not self._starts_with_division(text)):
                continue  # the cheap test first: only a segment ending like a head or a place, or
                # starting with a division's name, is tagged
            evidence = self._judge(text, seg, segs, k)
            if evidence is None:
                continue
            # cut the segment with the comma before it: "A,X,B" -> "A,B"; "A,X。" -> "A。"
            hits.append(Hit(segs[k - 1].end, seg.end, evidence))
        return hits

    def _after_clause_dun(self, seg: Segment, segs: Sequence[Segment], k: int) -> Optional[Hit]:
        """A commercial name joined by ``、`` to the end of a clause, up to a comma (``...主要有两种、某地
        家电维修,一种是...``): an enumeration's ``、`` joins items of one kind, and this one joins a
        name to a clause (a function character in it) whose last word is no name of that kind.  A
        list of businesses (``参加的有市人民医院、中医院,``) ends its clause with the first item."""
        prev = segs[k - 1]
        text = seg.text.strip()
        if (prev.before == "、" or not any(c in FUNCTION_CHARS for c in prev.text)
                or not MIN_SEGMENT_CHARS <= len(text) <= MAX_SEGMENT_CHARS or not _SEGMENT_CHARS.match(text)
                or text[-1].lower() not in candidate_end_chars()):
            return None
        simple = to_simplified(text)
        evidence = self.name_evidence(simple, self.lex.tagged(simple))
        if evidence is None or evidence["detector"] != "pos_np" or self._mentioned_elsewhere(text):
            return None
        last = to_simplified(prev.text.strip())
        if commercial_head_of(last) or self.gaz.is_place(last[-4:]) or self.gaz.is_place(last[-3:]):
            return None  # the clause ends with a name of its own: the first item of a list
        brand = str(evidence["brand"])
        if len(brand) >= 3 and not self.gaz.is_division(brand) and self._mentioned_elsewhere(brand):
            return None
        return Hit(prev.end, seg.end, dict(evidence, joined_by="、"))

    def _space_joined(self, seg: Segment, segs: Sequence[Segment], k: int) -> Optional[Hit]:
        """A name joined by a space to the clause before it, up to a comma (``...都在放缓 某某彩票平台,
        也低于...``): Chinese prose puts no space between two of its words, so the space stands
        where a comma would, and the name after it is judged as a comma segment is (the segment
        split at the space)."""
        cut = seg.text.rfind(" ")
        before, text = seg.text[:cut].rstrip(), seg.text[cut + 1:].strip()
        if (not before or not _CJK.match(before[-1]) or not text or not _CJK.match(text[0])
                or not MIN_SEGMENT_CHARS <= len(text) <= MAX_SEGMENT_CHARS or not _SEGMENT_CHARS.match(text)):
            return None
        if text[-1].lower() not in candidate_end_chars() and not _DIGIT_IN_WORD.search(text):
            return None  # the cheap test first, as for a comma segment
        start = seg.start + cut + 1
        split = (Segment(seg.start, seg.start + len(before), before, seg.before, " "),
                 Segment(start, seg.end, text, " ", seg.after))
        evidence = self._judge(text, split[1], tuple(segs[:k]) + split + tuple(segs[k + 1:]), k + 1)
        # a commercial name only: a place after a space is as often a name the space broke
        # (``黄岩区院 桥中学``: a school's name typed with a stray space)
        if evidence is None or evidence["detector"] != "pos_np":
            return None
        return Hit(seg.start + len(before), seg.end, dict(evidence, joined_by="space"))

    def name_evidence(self, text: str, words: Sequence[Word], common_divisions: bool = False
                      ) -> Optional[Dict[str, object]]:
        """The evidence that ``text`` (Simplified) is a bare commercial name (``pos_np``) or a lone
        place name (``lone_place``), judged on its own words; None if it is neither."""
        evidence: Optional[Dict[str, object]] = None
        found = commercial_head(text, words, self.lex.zipf)
        if found is not None:
            head, kind = found
            brand = text[: len(text) - len(head)]
            inner = next((h for h in _HEADS_LONGEST_FIRST if brand.lower().endswith(h)
                          and len(brand) - len(h) >= MIN_BRAND_CHARS), None)
            if inner is not None:  # two heads in a row (某某不孕不育 + 医院): the brand is before both
                brand, head = brand[: len(brand) - len(inner)], brand[len(brand) - len(inner):] + head
            brand_words = _words_within(words, len(brand)) or list(words[:-1])
            opens_clause = bool(brand_words) and brand_words[0][1].startswith(("p", "c")) \
                and not brand_words[0][0].isascii()  # 据/p 新浪体育官网: the clause's preposition
            # a common verb before an object of two words or more (建设/vn 全区 政务 大数据 + 平台): a clause
            opens_clause = opens_clause or (
                len(brand_words) >= MIN_VERB_OBJECT_WORDS and brand_words[0][1].startswith("v")
                and self.lex.zipf(brand_words[0][0]) >= MIN_CLAUSE_VERB_ZIPF)
            if (len(brand) >= MIN_BRAND_CHARS and not opens_clause and self.lex.zipf(text) < MAX_COMMON_ZIPF
                    and all(self._brand_word(w, t) for w, t in brand_words)
                    and not clause_character(brand_words, runs_name=kind == "betting" and len(head) >= 2
                                             and not head.isascii())
                    and not any(t.startswith(_PHRASE_TAGS) for _w, t in brand_words)
                    and self._brand_is_name(brand)):
                evidence = {"detector": "pos_np", "head": head, "head_kind": kind, "brand": brand,
                            "words": [f"{w}/{t or 'x'}" for w, t in words]}
        if (evidence is None and len(text) <= MAX_PLACE_CHARS
                and (self.gaz.is_strong_place(text) or self._short_division(text))
                and (self.lex.zipf(text) < MAX_COMMON_ZIPF
                     or (common_divisions and self._foreign_full_division(text, words)))
                and (is_bare_place(words) or self._full_division(text, words) or self._town_name(text, words))
                and (text.endswith(DIVISION_SUFFIXES) or not self.gaz.is_division(text))
                and not (text.startswith(DETERMINER_OPENINGS) and not self.gaz.is_division(text))):
            evidence = {"detector": "lone_place", "place": text, "page_has_other_spam": self.spam_page,
                        "words": [f"{w}/{t or 'x'}" for w, t in words]}
        return evidence

    def unrelated_name(self, text: str, words: Sequence[Word]) -> Optional[Dict[str, object]]:
        """The evidence that ``text`` (Simplified) is a name of one of two shapes that need no
        closed-class head, and that the page knows nothing of: a site's name ending in two or more
        betting heads stacked (疯狂的牛 + 体育 + 官网, 某某 + 真人 + 娱乐: :meth:`_stacked_betting`),
        or a division's name before a bare noun phrase (朔州 + 理财中介, 高邮 + 装饰公司:
        :meth:`_place_brand`).  Neither the whole nor (for the second) any word of it is a word of
        general Chinese or written elsewhere on the page."""
        if not 2 * MIN_BRAND_CHARS <= len(text) <= MAX_SEGMENT_CHARS or not _CJK.search(text):
            return None
        if self.lex.tag(text) or self.lex.zipf(text) >= MAX_COMMON_ZIPF or self._mentioned_elsewhere(text):
            return None
        return self._stacked_betting(text, words) or self._place_brand(text, words) or self._suffixed_head(text)

    def _suffixed_head(self, text: str) -> Optional[Dict[str, object]]:
        """A commercial name with a contact or outlet word after its head (某某售后服务 + 电话,
        某某加盟 + 店): the name before the word passes rule 10's test, and the page names no two
        characters of its brand elsewhere."""
        for suffix in _HEAD_SUFFIXES:
            stem = text[: len(text) - len(suffix)]
            if not text.endswith(suffix) or len(stem) < MIN_SEGMENT_CHARS:
                continue
            evidence = self.name_evidence(stem, self.lex.tagged(stem))
            if evidence is None or evidence["detector"] != "pos_np":
                return None
            rest = self._rest_of_page(text)
            if any(piece in rest for piece in _brand_parts(str(evidence["brand"])) if _CJK.search(piece)):
                return None
            return dict(evidence, detector="suffixed_head", suffix=suffix)
        return None

    @staticmethod
    def _parallel(segs: Sequence[Segment], k: int) -> bool:
        """Segment ``k`` and both its neighbours have the same length: parallel phrases of verse or
        of a couplet (港澳回归,台湾父老,统一人心)."""
        n = len(segs[k].text.strip())
        return 0 < k < len(segs) - 1 and all(len(segs[j].text.strip()) == n for j in (k - 1, k + 1))

    def name_run(self, text: str) -> Optional[List[Dict[str, object]]]:
        """The evidence of each name when ``text`` (no punctuation) is names strung without a
        separator (``某某体育官网某某开锁换锁某某娱乐城``), the longest name first at each position:
        site names of stacked betting heads, commercial names (brand + head), or a division's name
        before a noun phrase; at least one of them a betting site's name.  None otherwise."""
        if not _SEGMENT_CHARS.match(text) or len(text) > MAX_NAME_RUN_CHARS:
            return None
        found: List[Dict[str, object]] = []
        pos = 0
        while pos < len(text):
            for end in range(min(len(text), pos + MAX_SEGMENT_CHARS), pos + 2 * MIN_BRAND_CHARS - 1, -1):
                part = to_simplified(text[pos:end])
                words = self.lex.tagged(part)
                evidence = self.unrelated_name(part, words) or self.name_evidence(part, words)
                if evidence is not None and evidence["detector"] != "lone_place":
                    found.append(dict(evidence, name=text[pos:end]))
                    pos = end
                    break
            else:
                return None
        if not any(e["detector"] == "stacked_betting_heads" or e.get("head_kind") == "betting" for e in found):
            return None
        return found

    def two_names(self, text: str) -> Optional[List[Dict[str, object]]]:
        """The evidence of two names when ``text`` splits into two that :meth:`name_run` would take
        for one (某某官方网址 + 某某app下载: the longest name first swallows both), one of them a
        betting site's name; the first split from the left that gives two names.  None otherwise."""
        for cut in range(2 * MIN_BRAND_CHARS, len(text) - 2 * MIN_BRAND_CHARS + 1):
            found = []
            for part in (text[:cut], text[cut:]):
                simple = to_simplified(part)
                words = self.lex.tagged(simple)
                evidence = self.unrelated_name(simple, words) or self.name_evidence(simple, words)
                if evidence is None or evidence["detector"] == "lone_place":
                    break
                found.append(dict(evidence, name=part))
            if len(found) == 2 and any(e["detector"] == "stacked_betting_heads" or e.get("head_kind") == "betting"
                                       for e in found):
                return found
        return None

    def _starts_with_division(self, text: str) -> bool:
        """A string test: the first two to :data:`MAX_PLACE_CHARS` characters name a division the
        page names nowhere else, and at least two characters follow (the candidates of
        :meth:`_place_brand`)."""
        if text[:MIN_BRAND_CHARS] not in _division_openings(self.gaz):
            return False
        return any(self.gaz.is_division(text[:n]) and self.page_text.count(text[:n]) <= 1
                   for n in range(MIN_BRAND_CHARS, min(MAX_PLACE_CHARS, len(text) - 1)))

    def _rest_of_page(self, text: str) -> str:
        return self.page_text.replace(text, "", 1)

    def _stacked_betting(self, text: str, words: Sequence[Word]) -> Optional[Dict[str, object]]:
        low = text.lower()
        heads: List[str] = []
        end = len(low)
        while True:
            pool = _STACKABLE_BETTING_HEADS if heads else _STACK_LAST_HEADS
            head = next((h for h in pool if low.endswith(h, 0, end) and end - len(h) >= MIN_BRAND_CHARS), None)
            if head is None:
                break
            heads.insert(0, text[end - len(head):end])
            end -= len(head)
        if len(heads) < MIN_STACKED_HEADS and not (heads and heads[-1] in GAMBLING_HEADS and len(heads[-1]) >= 3):
            return None  # one head names a site only when it names nothing but gambling (娱乐城, 百家乐)
        brand = text[:end]
        if len(brand) > MAX_STACKED_BRAND_CHARS or not _SEGMENT_CHARS.match(brand):
            return None
        brand_words = _words_within(words, len(brand))
        if not brand_words:
            brand_words = list(self.lex.tagged(brand))
        first, tag = brand_words[0]
        if (len(first) == 1 and first in FUNCTION_CHARS) or (
                tag.startswith(_CLAUSE_OPENING_TAGS) and not (first.isascii() and first.isalnum())):
            return None  # the clause's own words before a portal's name (据新浪体育官网, 让某某)
        rest = self._rest_of_page(text)
        if any(piece in rest for piece in _brand_parts(brand) if _CJK.search(piece)):
            return None  # the page names the brand otherwise: the article's own subject
        return {"detector": "stacked_betting_heads", "brand": brand, "heads": heads,
                "words": [f"{w}/{t or 'x'}" for w, t in words]}

    def _division_phrase(self, text: str, words: Sequence[Word]) -> Optional[Dict[str, object]]:
        """A county-level division written in full before an advertising phrase (某某区 + 征信不好也能贷,
        某某区 + 刷单兼职): the phrase holds no particle, preposition, conjunction or pronoun, names no
        body of the division (某某县公安局, 某某区委), and neither the division nor any word of the
        phrase is written elsewhere on the page."""
        cut = 0
        pos = 0
        for w, _t in words[:-1]:
            pos += len(w)
            if pos > MAX_PLACE_CHARS:
                break
            if pos >= 3 and text[pos - 1] in DIVISION_SUFFIXES and self.gaz.is_division(text[:pos]):
                cut = pos
        if not cut:
            return None
        place, rest = text[:cut], text[cut:]
        if not MIN_SEGMENT_CHARS <= len(rest) <= MAX_PLACE_BRAND_REST_CHARS + 2:
            return None
        if any(d.rank == RANK_PROVINCE for d in self.gaz.lookup(place)):
            return None
        rest_words = list(words[len(_words_within(words, cut)):])
        if rest[0] == place[-1]:
            return None  # 某某区 + 区长: an office of the division, a person's title
        # a time word ends an advertising phrase after a commercial head (信用贷款 + 当天放款); without one
        # it dates a clause whose subject is the division (某某区 + 昨天召开会议)
        timed = ("t",) if not any(len(h) >= 2 and w.lower().endswith(h) for w, _t in rest_words
                                  for h in _HEADS_LONGEST_FIRST) else ()
        if not rest_words or rest_words[0][0] in _PLACE_EXTENDERS or any(
                (len(w) == 1 and w in FUNCTION_CHARS and w not in "也不") or is_grammar_tag(t, _WRAPPED_GRAMMAR_TAGS)
                or w.endswith(_BODY_ENDS) or t.startswith(("ns", "nr", "m", "q") + timed) for w, t in rest_words):
            return None
        page = self._rest_of_page(text)
        if any(piece in page for piece in _brand_parts(place)) or any(
                len(w) >= 2 and w in page for w, _t in rest_words):
            return None
        return {"detector": "division_phrase", "place": place, "rest": rest,
                "words": [f"{w}/{t or 'x'}" for w, t in words]}

    def _place_brand(self, text: str, words: Sequence[Word]) -> Optional[Dict[str, object]]:
        cut, pos = 0, 0
        for w, _t in words[:-1]:
            pos += len(w)
            if pos > MAX_PLACE_CHARS:
                break
            if pos >= MIN_BRAND_CHARS and (self.gaz.is_division(text[:pos]) or self._town(text[:pos])):
                cut = pos
        if not cut:
            return None
        place, rest = text[:cut], text[cut:]
        if any(d.rank == RANK_PROVINCE for d in self.gaz.lookup(place)):
            return None  # 台湾父老, 广东人民, 四川美食: a province's people and things, an author's words
        if any(not (t.startswith(("n", "j")) or len(w) == 1) for w, t in _words_within(words, cut)):
            return None  # 延长/v 产业链: a word that spells a division but is none here
        rest_words = list(words[len(_words_within(words, cut)):])
        if not MIN_BRAND_CHARS <= len(rest) <= MAX_PLACE_BRAND_REST_CHARS or not rest_words \
                or rest_words[0][0] in _PLACE_EXTENDERS:
            return None
        if self.gaz.is_division(rest) or self.gaz.is_strong_place(text) or any(
                t.startswith("ns") or (len(w) >= 2 and self.gaz.is_division(w)) for w, t in rest_words):
            return None  # a place in a place (北京西城), a longer place name (某某山)
        if rest.endswith(_DEMONYM_ENDS) or any(t.startswith("nr") for _w, t in rest_words):
            return None  # 山东威海人, 湖南籍: where a person is from, written about a person
        verb = False
        heads = [w for w, _t in rest_words if w.lower() in COMMERCIAL_HEADS or w in COMPANY_WORDS]
        company = rest_words[-1][0] in COMPANY_WORDS
        for j, (w, t) in enumerate(rest_words):
            if len(w) == 1 and w in FUNCTION_CHARS:
                return None
            if len(w) == 1 and t.startswith("q") and j > 0 and rest_words[j - 1][1].startswith("n"):
                continue  # a measure word's character after a noun is a noun's suffix (钢板/n 桩/q)
            if company and len(w) >= 2 and t.startswith("t") and not _DIGITS.search(w) \
                    and not any(c in _TIME_CHARS for c in w):
                continue  # a trade jieba tags as a time (婚庆/t) before the company word: 某某婚庆公司
            if t.startswith(_PLACE_BRAND_EXCLUDED_TAGS) and not t.startswith(("vn", "an")):
                return None
            verb = verb or (t.startswith("v") and not t.startswith("vn"))
        last_word, last_tag = rest_words[-1]
        if not heads and (verb or not last_tag.startswith(_PLACE_BRAND_HEAD_TAGS)):
            return None  # 北京举行会议: a clause, not a name
        page = self._rest_of_page(text)
        if any(piece in page for piece in _brand_parts(place)):
            return None  # the page speaks of the place
        if any(len(w) >= 2 and w in page and w.lower() not in COMMERCIAL_HEADS and w not in COMPANY_WORDS
               for w, _t in rest_words):
            return None  # nor may it speak of what the name offers: then it may be the article's own
        return {"detector": "place_brand", "place": place, "rest": rest, "heads": heads,
                "words": [f"{w}/{t or 'x'}" for w, t in words]}

    def _town(self, text: str) -> bool:
        """A town or township written in full (某某镇, 某某乡, 某某街道: a strong place below county
        level, three characters at least, a place to jieba or characters it does not know), the
        place of a place brand like a division's name."""
        if len(text) < 3 or not text.endswith(_TOWN_SUFFIXES) or not self.gaz.is_strong_place(text):
            return False
        stem = text[:-2] if text.endswith("街道") else text[:-1]
        stem_words = self.lex.tagged(stem)
        return is_bare_place(self.lex.tagged(text)) and all(
            t.startswith("ns") or len(w) == 1 for w, t in stem_words)

    def digit_in_word(self, text: str) -> Optional[Dict[str, object]]:
        """A phrase with one digit slipped between two characters of a word (全1球通, 大2众卡: how
        spam gets a keyword past a filter): without the digit, one dictionary word of jieba's spans
        the place where it stood.  Not a count (每2年, 近3天, 第5届): the character before the digit
        is no numeral's determiner and the one after it no measure word or unit."""
        found = _DIGIT_IN_WORD.search(text)
        if found is None or len(_DIGIT_IN_WORD.findall(text)) != 1 or len(text) > MAX_ENUMERATION_NP_CHARS:
            return None
        if len(re.findall(r"[0-9]+", text)) > 1:
            return None  # numbers elsewhere in it: counts (1男4女), not one digit slipped into a word
        cut = found.start() + 1
        before, after = text[cut - 1], text[cut + 1]
        if before in COUNT_DETERMINERS or after in MEASURE_CHARS or self.lex.tag(after).startswith(("q", "m", "t", "f")):
            return None
        if after in COUNTED_AFTER_VERB and self.lex.tag(before).startswith("v") and not self.lex.tag(before).startswith("vn"):
            return None
        joined = text[:cut] + text[cut + 1:]
        words = self.lex.tagged(joined)
        if any(_function_word(w, t) for w, t in words):
            return None  # a clause (查获生产线2条), not a name
        pos = 0
        for w, t in words:
            if pos < cut < pos + len(w) and len(w) >= 2 and t and not t.startswith(("m", "q", "t")):
                return {"detector": "digit_in_word", "word": w, "digit": text[cut],
                        "words": [f"{x}/{y or 'x'}" for x, y in words]}
            pos += len(w)
        return None

    def _judge(self, original: str, seg: Segment, segs: Sequence[Segment], k: int) -> Optional[Dict[str, object]]:
        text = to_simplified(original)
        words = self.lex.tagged(text)
        evidence = (self.name_evidence(text, words, common_divisions=True) or self.digit_in_word(text)
                    or self.unrelated_name(text, words)
                    or self._division_phrase(text, words))
        if evidence is None:
            return None
        text = original
        if self._mentioned_elsewhere(text) or self._enumeration_neighbour(seg, segs, k, str(evidence["detector"])):
            return None
        if evidence["detector"] == "place_brand" and (
                self._enumeration_neighbour(seg, segs, k, "lone_place") or self._parallel(segs, k)):
            return None  # beside a place: an item of a list of places and what is there; verse
        if self._governed(segs[k - 1]):
            return None
        if _is_comma(seg.after) and k + 1 < len(segs) and self._opens_predicate(segs[k + 1], segs[k - 1]):
            if not (segs[k + 1].text.strip().startswith(CLASSIFYING_COPULA) and self._foreign_name(evidence)) \
                    and not self._foreign_gambling_name(text):
                return None
            evidence = dict(evidence, predicate_after=True)  # 为... said of a business the page knows nothing of
        if evidence["detector"] == "pos_np":
            brand = str(evidence["brand"])
            if len(brand) >= 3 and not self.gaz.is_division(brand) and self._mentioned_elsewhere(brand):
                return None
        return evidence

    def find_lottery_terms(self, line: str) -> List[Hit]:
        """The bare phrases of ``line`` naming a betting site's lottery or its draw tips
        (:data:`LOTTERY_TERMS`: ``上海时时彩走势图``, ``宝开11选5计划软件``, ``cp365注册送38元``) where
        names are injected (:meth:`_lottery_spans`), on a page that speaks of lotteries nowhere else:
        a lottery report names its games, draws and prizes in its own clauses."""
        if LOTTERY_TERMS.search(line) is None:
            return []
        spans = self._lottery_spans(line)
        if not spans or self._lotteries_elsewhere():
            return []
        return [Hit(start, end, {"detector": "lottery_term", "term": LOTTERY_TERMS.search(text).group(),
                                 "words": [f"{w}/{t or 'x'}" for w, t in self.lex.tagged(to_simplified(text))]})
                for start, end, text in spans]

    def _lottery_spans(self, line: str) -> List[Tuple[int, int, str]]:
        """``(start, end, phrase)`` of each bare lottery phrase of ``line``: a comma segment between
        two parts of a sentence (cut with the comma before it; not one the clause before governs),
        one opening a sentence (cut with the comma after it), or the line's tail after its last
        sentence, after a dash or in brackets (``。cp365注册送38元``, ``——分分PK10开奖直播``, ``〔...计划群〕``)."""
        segs = segments(line)
        spans: List[Tuple[int, int, str]] = []
        for k, seg in enumerate(segs):
            if not (LOTTERY_TERMS.search(seg.text) and self._lottery_phrase(seg.text.strip())):
                continue
            if k > 0 and _is_comma(seg.before) and (_is_comma(seg.after) or seg.after in _CLAUSE_END):
                if not self._governed(segs[k - 1]):
                    spans.append((segs[k - 1].end, seg.end, seg.text.strip()))
            elif (k == 0 or seg.before in _CLAUSE_END) and _is_comma(seg.after) and k + 1 < len(segs):
                spans.append((seg.start, seg.end + len(seg.after), seg.text.strip()))
        end = last_sentence_end(line)
        tail = _LOTTERY_TAIL.match(line, end + 1) if end >= 0 else None
        if tail is not None and self._lottery_phrase(tail.group("phrase")) and all(e <= end for _s, e, _t in spans):
            spans.append((end + 1, len(line), tail.group("phrase")))
        return spans

    def _lottery_phrase(self, text: str) -> bool:
        """A bare phrase (no grammatical word) of name characters naming a lottery term and none of a
        lottery report's words (``中国福利彩票双色球昨晚开奖`` reports a draw)."""
        if not (MIN_SEGMENT_CHARS <= len(text) <= MAX_SEGMENT_CHARS and _SEGMENT_CHARS.match(text)
                and LOTTERY_TERMS.search(text) is not None and LOTTERY_REPORT_WORDS.search(text) is None):
            return False
        # the terms are set phrases (注册就送): the grammatical words that count are the rest's
        rest = " ".join(p for p in LOTTERY_TERMS.split(text) if p)
        return not rest or not holds_grammar_word(self.lex.tagged(to_simplified(rest)))

    def _lotteries_elsewhere(self) -> bool:
        """Whether the page names a lottery (:data:`LOTTERY_TOPIC`) anywhere but in the phrases
        :meth:`_lottery_spans` finds; computed once per page, and only for a page with one."""
        found = getattr(self, "_lottery_mentions", None)
        if found is None:
            found = False
            for line in self.page_text.split("\n"):
                if LOTTERY_TOPIC.search(line) is None:
                    continue
                rest = line
                for start, end, _text in sorted(self._lottery_spans(line), reverse=True):
                    rest = rest[:start] + " " + rest[end:]
                if LOTTERY_TOPIC.search(rest):
                    found = True
                    break
            self._lottery_mentions = found
        return found

    def _foreign_gambling_name(self, text: str) -> bool:
        """A name holding a head that names nothing but gambling (娱乐场, 投注, 百家乐...) on a page that
        nowhere else speaks of gambling: what follows it (``,该公司今年...``) is said of something
        the article speaks of, never of the casino."""
        simple = to_simplified(text)
        if not any(h in simple for h in GAMBLING_HEADS):
            return False
        return gambling_mentions(self._rest_of_page(text)) == 0

    def _foreign_name(self, evidence: Mapping[str, object]) -> bool:
        """A business name whose brand and head the page names nowhere else (临高男科医院 in an
        article on a fish): a definition that follows it (``,为辐鳍鱼纲...``) cannot be said of
        it, so it is no subject; nor of a place none of whose two-character pieces occurs
        elsewhere on the page (``,衡阳县,为辐鳍鱼纲...``).  Every other predicate keeps the guard
        (``,是一家...``, ``,成立于...``)."""
        page = self.page_text
        if evidence["detector"] not in ("lone_place", "pos_np"):
            return False  # a digit slipped into a word: the predicate after it keeps its guard
        if evidence["detector"] == "lone_place":
            place = str(evidence["place"])
            return not any(w in page.replace(place, "") for w in _brand_parts(place))
        brand, head = str(evidence["brand"]), str(evidence["head"])
        return page.count(head) <= 1 and not any(w in page.replace(brand + head, "")
                                                 for w in _brand_parts(brand))

    def _foreign_full_division(self, text: str, words: Sequence[Word]) -> bool:
        """A city, county or district written in full with its suffix (某某市), however common the
        name, that the page does not speak of: none of its two-character pieces occurs elsewhere on
        it.  Only a whole comma segment (``,某某市,``) is judged so; glued to a clause, a common
        city opens the clause's own address or subject."""
        if len(text) < 3 or not text.endswith(("市", "县", "区")) or not self._full_division(text, words) \
                or not self.page_text:
            return False
        rest = self.page_text.replace(text, "", 1)
        return not any(piece in rest for piece in _brand_parts(text[:-1]))

    def _town_name(self, text: str, words: Sequence[Word]) -> bool:
        """A town's name (旭光镇, 池上乡): a name of two to four characters rare in general Chinese, then
        镇 or 乡 as a word of its own or closing a division's name (沿 + 安乡/ns), no function character in
        it.  jieba tags such a name's stem as a common noun or a locality (旭光/n, 池上/s), so the
        bare-place test finds no name in it; a common stem (重点镇, 示范镇, 红色乡) and a determiner
        before the suffix (各乡镇: one word) are no town."""
        if not 3 <= len(text) <= MAX_TOWN_CHARS or text[-1] not in TOWN_SUFFIXES or len(words) < 2:
            return False
        last, tag = words[-1]
        stem = text[:-1]
        return ((last == text[-1] or (tag.startswith("ns") and len(last) == 2 and self.gaz.is_division(last)))
                and self.gaz.is_strong_place(text) and self.lex.zipf(stem) < MAX_COMMON_ZIPF
                and not any(c in FUNCTION_CHARS for c in stem)
                and not any(_function_word(w, t) for w, t in words))

    def _short_division(self, text: str) -> bool:
        """A county-level division whose full name is two characters (泸县, 沛县): a place
        although it is too short for a strong place."""
        return len(text) == 2 and text.endswith(DIVISION_SUFFIXES) and self.gaz.is_division(text)

    def _full_division(self, text: str, words: Sequence[Word]) -> bool:
        """A county-level division written in full (亭湖区, 乐业县) is one word of jieba's
        whatever its tag: a place, not a common noun."""
        return len(words) == 1 and text.endswith(DIVISION_SUFFIXES) and self.gaz.is_division(text)

    def _brand_word(self, word: str, tag: str) -> bool:
        """A word of a brand: a noun or name, a division's name whatever jieba's tag (临高/v,
        南靖/t, 富裕/a), or a commercial head itself (投注博彩官网)."""
        if _function_word(word, tag) and not (len(word) >= 2 and self.gaz.is_division(word)):
            return word.lower() in COMMERCIAL_HEADS
        return (_nounish(word, tag) or (len(word) >= 2 and self.gaz.is_division(word))
                or word.lower() in COMMERCIAL_HEADS)

    def _brand_is_name(self, brand: str) -> bool:
        """A brand is a name: a proper noun, a division's name, a word jieba does not know
        (cut into single characters), Latin letters or digits, or a word rare in general Chinese; not a brand made only
        of common nouns (社区, 儿童)."""
        words = self.lex.tagged(brand)
        if any(t.startswith(_NAME_TAGS) for _w, t in words):
            return True
        if brand.isascii() and brand.isalnum():
            return True  # Latin letters or digits before a head (AG, 1980): a brand, not a word
        if any(len(w) == 1 for w, _t in words):
            return True
        if any(len(w) >= 2 and self.gaz.is_division(w) for w, _t in words):
            return True
        return any(self.lex.zipf(w) < MAX_BRAND_ZIPF for w, _t in words)


# Stacked betting heads (体育 + 官网, 真人 + 娱乐, 棋牌 + app, 彩票 + 网): a site's name on its own, whatever
# its brand.  Single characters other than 网 and heads that are also verbs (注册, 下载...) do not stack.
MIN_STACKED_HEADS = 2
MAX_STACKED_BRAND_CHARS = 6
_STACKABLE_BETTING_HEADS = tuple(sorted(
    (h for h, k in COMMERCIAL_HEADS.items() if k == "betting" and (len(h) >= 2 or h == "网")
     and h not in {"注册", "登录", "登陆", "下载", "开户", "入口", "电子", "直播"}),
    key=lambda h: (-len(h), h)))
# The official-site modifier stacks like a head (某某 + 官方 + 下载); the heads that are also verbs
# (下载, 注册...) end a stack but never stand inside one.
_STACK_MODIFIERS = ("官方",)
_STACK_VERB_HEADS = ("下载", "注册", "登录", "登陆", "开户", "入口")
_STACKABLE_BETTING_HEADS = tuple(sorted(set(_STACKABLE_BETTING_HEADS) | set(_STACK_MODIFIERS),
                                        key=lambda h: (-len(h), h)))
# 投注 stacks only inside a stack, before a site word (某某投注网站): at its end it is a verb (某某体育投注)
_STACK_INNER_HEADS = ("投注",)
_STACK_LAST_HEADS = tuple(sorted((set(_STACKABLE_BETTING_HEADS) - set(_STACK_MODIFIERS) - set(_STACK_INNER_HEADS))
                                 | set(_STACK_VERB_HEADS), key=lambda h: (-len(h), h)))
_STACKED_HEADS_PATTERN = re.compile(
    "(?:" + "|".join(map(re.escape, _STACKABLE_BETTING_HEADS)) + ")(?:" + "|".join(map(re.escape, _STACK_LAST_HEADS))
    + ")|" + "|".join(re.escape(h) for h in sorted(GAMBLING_HEADS, key=lambda h: (-len(h), h)) if len(h) >= 3))
# A betting site named by a number (138彩票, 8888娱乐, 500棋牌): a lottery, a casino or a card room run under
# digits is an online betting site's (a year before a word, 2018娱乐圈, is no brand).
_NUMBERED_BETTING_NAME = re.compile(r"(?<![0-9])(?!(?:19|20)[0-9]{2}(?![0-9]))[0-9]{2,6}(?:彩票|娱乐|棋牌)")
# Tags that open a clause rather than a name (preposition, conjunction, pronoun, adverb, particle).
_CLAUSE_OPENING_TAGS = ("p", "c", "r", "d", "u", "y", "e")
# Tags no word of a place brand's noun phrase has (grammar, numbers, measures, localities, times).
_PLACE_BRAND_EXCLUDED_TAGS = ("p", "c", "u", "r", "y", "e", "d", "m", "q", "f", "t", "o", "z")
_DEMONYM_ENDS = ("人", "籍", "人士", "老乡")
# Words after a commercial head that name how to reach the business or one of its outlets.
_HEAD_SUFFIXES = ("电话", "热线", "专线", "店", "中心")
MAX_NAME_RUN_CHARS = 48  # three names strung together at most
# What follows the place in a place brand: a service or product and its head (房贷中介, 结核病特效药);
# longer, it is a clause with the place as its subject.
MAX_PLACE_BRAND_REST_CHARS = 8
# The word a place brand's noun phrase ends in when it holds no commercial head: a noun.
_PLACE_BRAND_HEAD_TAGS = ("n", "j", "vn", "l", "eng")

# The suffixes of the places below county level a place brand may open with (某某镇 + 律师事务所).
_TOWN_SUFFIXES = ("镇", "乡", "街道")
_DIGITS = re.compile(r"[0-9０-９]")
# Characters of time words (今天, 上午, 春节): a time word is no trade.
_TIME_CHARS = frozenset("年月日时分秒天周晚早夜晨午今昨明前后春夏秋冬节期旬初末")

# How the names of a division's bodies end (某某县公安局, 某某区委, 某某市教育厅): no advertising phrase.
_BODY_ENDS = ("局", "委", "会", "厅", "院", "所", "办", "部", "处", "站", "队", "府", "庭", "署", "室")

# The copulas of a definition (``X,为辐鳍鱼纲...的一种``, ``X,是指...``): said of the article's topic, never of a
# business the page names nowhere else.
CLASSIFYING_COPULA = ("为", "是指")


@functools.lru_cache(maxsize=4)
def _division_openings(gaz: Gazetteer) -> FrozenSet[str]:
    """The first two characters of every division name of the gazetteer (a cheap pre-test)."""
    return frozenset(name[:MIN_BRAND_CHARS] for name in gaz.names)


def _brand_parts(brand: str) -> List[str]:
    """The two-character pieces of a brand (南靖 of 南靖空调): any of them elsewhere on the page
    ties the name to the article."""
    return [brand[i:i + 2] for i in range(len(brand) - 1)] or [brand]


MAX_GLUED_BRAND_CHARS = 8
MIN_SENTENCE_REST_CJK = 4
_SENTENCE_STARTS = re.compile(r"(?:^|(?<=[。!?]))")
_HEADS_LONGEST_FIRST = tuple(sorted(COMMERCIAL_HEADS, key=lambda h: (-len(h), h)))
_GAMBLING_LONGEST_FIRST = tuple(sorted(GAMBLING_HEADS, key=lambda h: (-len(h), h)))
_GAMBLING_HEAD_RE = re.compile("|".join(map(re.escape, _GAMBLING_LONGEST_FIRST)))
MIN_LONE_HEAD_CHARS = 4  # 真人视讯, 备用网址 name a gambling site on their own; 投注 is also a verb
MIN_TAIL_SENTENCE_CHARS = 15  # a glued tail is judged only after a real sentence
# A glued tail that is not a gambling name must end in a head of these kinds (a service or a
# clinic name after a sentence is too often the article's own closing credit).
TAIL_HEAD_KINDS = frozenset({"betting", "advert", "loan"})


_CLOSING_QUOTES = "”’\"」』"
# A Latin sentence end: a full stop, ! or ? after a word, a number or a closing quote or bracket,
# not followed by a letter or digit (3.5, U.S.A stay inside), on a line whose last stretch before
# it is Latin prose (an abbreviation inside a Chinese sentence, Inc.推出, is no sentence end).
_LATIN_END = re.compile(r"(?<=[A-Za-z0-9)\"”’])[.!?](?![A-Za-z0-9])")
LATIN_LEAD_CHARS = 30  # this many characters before a Latin sentence end hold no Han character


# The last Latin sentence end from a position on (the greedy run finds the last match).
_LAST_LATIN_END = re.compile(r"(?s:.*)" + _LATIN_END.pattern)


@functools.lru_cache(maxsize=1024)  # several rules ask it of the same lines of a page; a pure function
def last_sentence_end(line: str) -> int:
    """The index of the last character of the last sentence of ``line`` (a Chinese 。!? or a
    Latin sentence end, with the closing quotes right after it), or -1 when it has none.  What
    follows it is the line's tail: where keywords are strung after an article's paragraph."""
    end = max(line.rfind("。"), line.rfind("!"), line.rfind("?"))
    if _CJK.search(line) is None:  # no Han character: every Latin sentence end counts, the last wins
        m = _LAST_LATIN_END.match(line, max(end + 1, 0))
        if m is not None:
            end = m.end() - 1
    else:
        for m in _LATIN_END.finditer(line, max(end + 1, 0)):
            if not _CJK.search(line, max(0, m.start() - LATIN_LEAD_CHARS), m.start()):
                end = m.start()
    if end < 0:
        return end
    while end + 1 < len(line) and line[end + 1] in _CLOSING_QUOTES:
        end += 1
    return end


def gambling_mentions(text: str) -> int:
    """How many times ``text`` names a gambling head (赌球, 百家乐...)."""
    return sum(text.count(h) for h in GAMBLING_HEADS)


# the tail of a line after its last sentence that is one phrase after a dash or in brackets
_LOTTERY_TAIL = re.compile(r"\s*(?:[—–-]{1,2}\s*)?(?P<open>[〔【\[(]?)(?P<phrase>[^\s,。!?;、〔〕【】\[\]()—–-]+)"
                           r"(?P<close>[〕】\])]?)\s*$")
_CELL_BORDER = re.compile(r"[ \u3000]*\|[ \u3000]*$")
_WRAPPED_TAIL = re.compile(r"^([(【〔\[])([^\W_]{4,16})([)】〕\]])$")  # a name in brackets, alone after the last sentence


class GluedGamblingNames:
    """A gambling name (brand + a head of :data:`GAMBLING_HEADS`, then any further
    commercial heads: 皇冠赌球, 百家乐开户) glued without a comma to the start of a
    sentence, on a page that nowhere else speaks of gambling."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer):
        self.lex = lexicon
        self.gaz = gazetteer
        self._brand = InjectedSegmentFinder(lexicon, gazetteer, "", False)

    def find(self, line: str) -> List[Hit]:
        hits: List[Hit] = []
        if _CJK.search(line) is None and not script.converter("t2s").may_change(line):
            # no Han character, and none the conversion could write: every head is Han, and
            # every test below looks for a head or a Han character
            return hits
        simple = to_simplified(line)
        if not any(h in simple for h in GAMBLING_HEADS) and not self._may_have_tail(line):
            return hits
        for m in _SENTENCE_STARTS.finditer(line):
            start = m.start()
            if hits and start < hits[-1].end:
                continue
            hit = self._at(line, start)
            if hit is not None:
                hits.append(hit)
        tail = self._tail(line)
        if tail is not None and hits and tail.start <= hits[-1].start:
            hits = [h for h in hits if h.end <= tail.start]  # the tail holds the name glued at its start
        if tail is not None and not (hits and tail.start < hits[-1].end):
            hits.append(tail)
        return sorted(hits + self._lone_heads(line, hits), key=lambda h: h.start)

    def _lone_heads(self, line: str, taken: Sequence[Hit]) -> List[Hit]:
        """A comma segment that is a gambling head alone (``...的一条路线,赌球,提供...``):
        no clause names a game of chance between commas without a verb."""
        out: List[Hit] = []
        segs = segments(line)
        for k, seg in enumerate(segs):
            if k == 0 or not _is_comma(seg.before) or not (_is_comma(seg.after) or seg.after in _CLAUSE_END):
                continue
            text = seg.text.strip()
            if to_simplified(text) not in GAMBLING_HEADS:
                continue
            start, end = segs[k - 1].end, seg.end
            if any(h.start < end and start < h.end for h in taken):
                continue
            out.append(Hit(start, end, {"detector": "glued_gambling_name", "position": "lone_head", "heads": [text]}))
        return out

    @staticmethod
    def _may_have_tail(line: str) -> bool:
        line = _CELL_BORDER.sub("", line).rstrip().rstrip(")】〕]")  # a tail may be wrapped in brackets
        end = max(line.rfind("。"), line.rfind("!"), line.rfind("?"))
        return 0 <= end < len(line) - MIN_SEGMENT_CHARS and (
            line[-1].lower() in candidate_end_chars() or len(line) - end > MAX_SEGMENT_CHARS)

    def _tail(self, line: str) -> Optional[Hit]:
        """A name glued without a space after the last sentence of a paragraph
        (``...锦标赛周为止。太阳城集团``): a gambling name (a head of :data:`GAMBLING_HEADS`
        in it), or a bare commercial noun phrase of a name-like brand (the test of rule 10)."""
        end = max(line.rfind("。"), line.rfind("!"), line.rfind("?"))
        if end < MIN_TAIL_SENTENCE_CHARS:
            return None
        while end + 1 < len(line) and line[end + 1] in _CLOSING_QUOTES:
            end += 1  # the closing quotes of quoted speech belong to its sentence
        tail = line[end + 1:]
        # a table cell's border closing the line (``| ...。 某某娱乐平台 |``) and the spaces around
        # the names are no part of them
        border = _CELL_BORDER.search(tail)
        inner = tail[:border.start()] if border else tail
        lead = len(inner) - len(inner.lstrip())
        inner = inner.strip()
        if 2 * MIN_SEGMENT_CHARS <= len(inner) and _CJK.search(inner) and (border or lead):
            run = self._brand.name_run(inner)
            if run is not None and len(run) < 2:
                run = self._brand.two_names(inner)
            if run is not None and len(run) >= 2:  # names strung after the last sentence, set apart
                return Hit(end + 1 + lead, end + 1 + lead + len(inner),
                           {"detector": "glued_gambling_name", "position": "tail", "names": [str(e["name"]) for e in run],
                            "detectors": [str(e["detector"]) for e in run]})
        wrapped = _WRAPPED_TAIL.match(tail)
        if wrapped is not None:  # a name in brackets after the last sentence (...公布。(某某娱乐城官网))
            run = self._brand.name_run(wrapped.group(2))
            if run is not None and len(run) == 1 and _names_only_gambling(run[0]):
                return Hit(end + 1, len(line), {"detector": "glued_gambling_name", "position": "tail",
                                                "wrapper": wrapped.group(1) + wrapped.group(3),
                                                "names": [str(run[0]["name"])], "detectors": [str(run[0]["detector"])]})
        items = tail.split("、")
        if 2 <= len(items) <= 3 and all(items):  # names listed after the last sentence (某某国际平台、某某娱乐城)
            runs = [self._brand.name_run(item) for item in items]
            if all(runs) and any(_names_only_gambling(e) for run in runs for e in run):
                return Hit(end + 1, len(line), {"detector": "glued_gambling_name", "position": "tail",
                                                "names": [str(e["name"]) for run in runs for e in run],
                                                "detectors": [str(e["detector"]) for run in runs for e in run]})
        if 2 * MIN_SEGMENT_CHARS <= len(tail) and _CJK.search(tail):
            run = self._brand.name_run(tail)
            if run is not None and len(run) < 2:  # one long name may be two site names strung together
                run = self._brand.two_names(tail) or (run if _names_only_gambling(run[0]) else None)
            # names strung after the last sentence, or one name only a gambling site has
            if run is not None and (len(run) >= 2 or _names_only_gambling(run[0])):
                return Hit(end + 1, len(line), {"detector": "glued_gambling_name", "position": "tail",
                                                "names": [str(e["name"]) for e in run],
                                                "detectors": [str(e["detector"]) for e in run]})
            if MAX_SEGMENT_CHARS < len(tail):
                return None
        if not (MIN_SEGMENT_CHARS <= len(tail) <= MAX_SEGMENT_CHARS) or not _SEGMENT_CHARS.match(tail) \
                or not _CJK.search(tail):
            return None
        text = to_simplified(tail)
        heads = [h for h in _GAMBLING_LONGEST_FIRST if h in text]
        if heads and len(text) > len(heads[0]):  # a head and a name or a further head
            return Hit(end + 1, len(line), {"detector": "glued_gambling_name", "position": "tail",
                                            "heads": heads[:3], "name": tail})
        words = self.lex.tagged(text)
        found = commercial_head(text, words, self.lex.zipf)
        if found is None or found[1] not in TAIL_HEAD_KINDS:
            return None
        if found[0].lower() in HEADER_HEAD_EXCLUDED and self._brand._stacked_betting(text, words) is None:
            return None  # a site word alone (某某新闻网, 某某平台) names a source, not a betting site
        brand = text[: len(text) - len(found[0])]
        brand_words = _words_within(words, len(brand))
        if (len(brand) >= MIN_BRAND_CHARS and self.lex.zipf(text) < MAX_COMMON_ZIPF and brand_words
                and all(self._brand._brand_word(w, t) for w, t in brand_words)
                and self._brand._brand_is_name(brand)):
            return Hit(end + 1, len(line), {"detector": "glued_gambling_name", "position": "tail",
                                            "heads": [found[0]], "head_kind": found[1], "brand": brand,
                                            "words": [f"{w}/{t or 'x'}" for w, t in words]})
        return None

    def _at(self, line: str, start: int) -> Optional[Hit]:
        head_text = to_simplified(line[start:start + MAX_GLUED_BRAND_CHARS + MAX_HEAD_CHARS])
        # the first gambling head within the brand's reach, matched as a string (jieba may cut
        # 备用网址 into 备用/网址); the longest head at that position
        # (one regex search: its alternatives are tried longest first at each position, leftmost first)
        m = _GAMBLING_HEAD_RE.search(head_text)
        if m is None or m.start() > MAX_GLUED_BRAND_CHARS:
            return None
        p, h = m.start(), m.group()
        brand = []
        if p:
            if not _SEGMENT_CHARS.match(head_text[:p]):
                return None
            brand = list(self.lex.tagged(head_text[:p]))
            if not all(self._brand._brand_word(w, t) for w, t in brand):
                return None
        end = start + p + len(h)
        heads = [line[start + p:end]]
        while True:  # further heads: 百家乐 + 开户, 皇冠 + 备用网址 + 官网
            nxt = next((h for h in _HEADS_LONGEST_FIRST if to_simplified(line[end:end + len(h)]).lower() == h), None)
            if nxt is None:
                break
            heads.append(line[end:end + len(nxt)])
            end += len(nxt)
        if not brand and len(heads) < 2 and len(h) < MIN_LONE_HEAD_CHARS:
            return None  # a short head alone (投注 is also a verb): no name
        rest = line[end:]
        rest = rest[:min((rest.find(c) for c in "。!?" if c in rest), default=len(rest))]
        if len(_CJK.findall(rest)) < MIN_SENTENCE_REST_CJK:
            return None
        return Hit(start, end, {"detector": "glued_gambling_name", "brand": "".join(w for w, _t in brand),
                                "heads": heads, "words": [f"{w}/{t or 'x'}" for w, t in brand]})


# --------------------------------------------------------------------------- keywords in brackets

# Brackets a keyword is slipped into a sentence with.  Square brackets mark a label at the start
# of a line (【环球时报综合报道】) or a link (【详细】) in Chinese news; inside a sentence, right
# before a comma, they hold nothing the sentence needs.  Parentheses hold an author's asides
# (下同, 1999年, 记者 X), so a keyword in them must also pass the commercial-name test.
SQUARE_BRACKETS = {"【": "】", "〖": "〗", "〔": "〕"}
# ASCII square brackets mark emoticons on microblogs (``[大哭]``, ``[围观]``): judged like parentheses.
ROUND_BRACKETS = {"(": ")", "[": "]"}
MIN_BRACKETED_CHARS = 2
MAX_BRACKETED_CHARS = 12
_BRACKETED = re.compile(
    r"(?P<open>[【〖〔\[(])(?P<text>[^\W_]{%d,%d})(?P<close>[】〗〕\])])(?=[,,;;。!?])"
    % (MIN_BRACKETED_CHARS, MAX_BRACKETED_CHARS))
MIN_BRACKET_LEAD_CHARS = 4  # the bracket closes a clause part: at least this many characters before it
# A square-bracketed keyword opening a clause part after a comma (or after another such keyword),
# with the clause going on after it: ``...太多力量,【某某能根治吗】引起劳损``.
_BRACKETED_AFTER_COMMA = re.compile(
    r"(?<=[,,】〗])(?P<open>[【〖])(?P<text>[^\W_]{%d,%d})(?P<close>[】〗])(?=[^\W_]|[【〖])"
    % (MIN_BRACKETED_CHARS + 2, MAX_BRACKETED_CHARS))
# A name in parentheses opening a clause part after a comma (``...大的,(某地无抵押贷款)...``): an aside
# stands there too (``,(下同)``), so only a city's name and a commercial head together are cut.
_CLAUSE_PUNCTUATION = frozenset(",;。!?")  # (the text is NFKC: full-width , ; ! ? are ASCII)
_PARENTHESISED_AFTER_COMMA = re.compile(r"(?<=[,,])\((?P<text>[^\W_]{%d,%d})\)" % (MIN_BRACKETED_CHARS + 2,
                                                                                 MAX_BRACKETED_CHARS))
# A name tagged as a site's, opening a clause part after a comma: ``...保暖,某某365.com(官网)痛经...``.
_OFFICIAL_SITE_TAGGED = re.compile(r"(?<=[,,])(?P<text>[^\W_][^\s,,。;;::!?!?、()]{1,24})\((?:官网|官方网站)\)")


def commercial_head_of(token: str) -> Optional[str]:
    """The longest commercial head (:data:`COMMERCIAL_HEADS`) ``token`` ends with, read on its
    characters alone (no tagging), with a character before it at least; else None."""
    low = token.lower()
    for n in range(min(MAX_HEAD_CHARS, len(low) - 1), 0, -1):
        if low[-n:] in COMMERCIAL_HEADS:
            return low[-n:]
    return None


class _PageNameFinder:
    """What the finders of names glued, bracketed or wrapped inside lines share: the page's lexicon,
    gazetteer and text, and rule 10's name tests (judged as on a page with no other spam found)."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer, page_text: str):
        self.lex = lexicon
        self.gaz = gazetteer
        self.page_text = page_text
        self._names = InjectedSegmentFinder(lexicon, gazetteer, page_text, False)


class BracketedKeywords(_PageNameFinder):
    """A keyword in brackets glued inside a sentence, right before a comma or a clause end
    (``...完成调试【某某娱乐】,达到...``, ``...的成败【某某区】,也是...``): the bracket
    opens after a word (not at the start of the line or of a clause) and closes before the
    punctuation the sentence had without it.  Square brackets hold any keyword (a label or a
    link never stands there); parentheses only a commercial name (brand + head, the test of
    rule 10) or a place, since an author's aside is written in them.  Guard: the keyword is
    named elsewhere on the page (the article speaks of it)."""

    def find(self, line: str) -> List[Hit]:
        hits: List[Hit] = []
        if _CJK.search(line) is None:
            return hits  # a keyword judged holds a Han character (the test below)
        for m in _BRACKETED.finditer(line):
            opening, text, closing = m.group("open"), m.group("text"), m.group("close")
            pairs = SQUARE_BRACKETS if opening in SQUARE_BRACKETS else ROUND_BRACKETS
            if pairs.get(opening) != closing or not _CJK.search(text):
                continue
            lead = line[:m.start()]
            clause = _DELIMITERS.split(lead)[-1]
            if len(clause.strip()) < MIN_BRACKETED_CHARS or lead[-1:].isspace():
                continue
            if self.page_text.count(text) > 1:
                continue
            simple = to_simplified(text)
            words = self.lex.tagged(simple)
            kind = "square"
            if pairs is ROUND_BRACKETS:
                name = self._names.name_evidence(simple, words) or self._names.unrelated_name(simple, words)
                if name is None:
                    continue
                kind = str(name.get("head_kind") or name["detector"])
            if len(clause.strip()) < MIN_BRACKET_LEAD_CHARS and kind not in ("betting", "stacked_betting_heads"):
                continue  # after a short lead (另外, 恶心) only a betting site's name: a label may stand there
            hits.append(Hit(m.start(), m.end(), {"detector": "bracketed_keyword", "brackets": opening + closing,
                                                 "keyword": text, "kind": kind,
                                                 "words": [f"{w}/{t or 'x'}" for w, t in words]}))
        for m in _BRACKETED_AFTER_COMMA.finditer(line):
            # where a clause part opens, a label or a gloss may stand in brackets (``,【注】...``):
            # only a name the page names nowhere else that ends in a commercial head or opens with
            # a city's name (``【某地开荒保洁】``, ``【某地办理营业执照】``) is cut there
            opening, text, closing = m.group("open"), m.group("text"), m.group("close")
            if SQUARE_BRACKETS.get(opening) != closing or self.page_text.count(text) > 1:
                continue
            simple = to_simplified(text)
            head = commercial_head_of(simple)
            place = None if head else self.gaz.leading_place(simple)
            if head is None and place is None:
                continue
            hits.append(Hit(m.start(), m.end(), {"detector": "bracketed_keyword", "brackets": opening + closing,
                                                 "keyword": text, "after": "comma",
                                                 "kind": COMMERCIAL_HEADS[head] if head else "place_led",
                                                 "head": head, "place": place}))
        for m in _PARENTHESISED_AFTER_COMMA.finditer(line):
            text = m.group("text")
            simple = to_simplified(text)
            head = commercial_head_of(simple)
            place = self.gaz.leading_place(simple) if head else None
            if place is None or self.page_text.count(text) > 1:
                continue
            # before punctuation the name goes with the comma before it (``大的,(...),也`` -> ``大的,也``)
            start = m.start() - 1 if line[m.end():m.end() + 1] in _CLAUSE_PUNCTUATION else m.start()
            hits.append(Hit(start, m.end(), {"detector": "bracketed_keyword", "brackets": "()",
                                                 "keyword": text, "after": "comma",
                                                 "kind": COMMERCIAL_HEADS[head], "head": head, "place": place}))
        for m in _OFFICIAL_SITE_TAGGED.finditer(line):
            # a name and the tag of its official site where a clause part opens; a clause that
            # names a site (``登录某某(官网)查询``) opens with its verb, and its words are grammar
            text = m.group("text")
            words = self.lex.tagged(to_simplified(text))
            if (self.page_text.count(text) > 1 or not words or words[0][1].startswith(("v", "p", "r", "c", "d"))
                    or holds_grammar_word(words)):
                continue
            hits.append(Hit(m.start(), m.end(), {"detector": "bracketed_keyword", "brackets": "()",
                                                 "keyword": text, "kind": "official_site_tag", "after": "comma",
                                                 "words": [f"{w}/{t or 'x'}" for w, t in words]}))
        return hits


# --------------------------------------------------------------------------- gambling names heading a page

MAX_HEADER_LINE_CHARS = 24
MAX_SLOGAN_PART_CHARS = 10  # a banner's part beside a name; a headline is longer or holds a grammatical word
MAX_SLOGAN_CHARS = 8  # 欢迎您, 官方入口, 注册送彩金: what follows the name on the line
_HEADER_SPLIT = re.compile(r"[\s·•|丨_\-—【】\[\]()<>《》]+")
BANNER_SEPARATORS = _HEADER_SPLIT  # what sets apart the names of a banner or the segments of a title
# The betting heads that end a site's name in a page header; 网, 平台, 下载... end the names of
# ordinary sites and services too.
HEADER_HEAD_EXCLUDED = frozenset({"网", "网站", "网址", "平台", "下载", "注册", "登录", "登陆", "开户", "电子",
                                  "客户端", "手机版", "网页版", "入口", "官网", "官方网站"})


def _betting_header_heads() -> FrozenSet[str]:
    return frozenset(h for h, kind in COMMERCIAL_HEADS.items() if kind == "betting") - HEADER_HEAD_EXCLUDED


def _names_only_gambling(evidence: Mapping[str, object]) -> bool:
    """Whether a name's evidence is of a name only a gambling site has: betting heads stacked
    (某某国际平台, 某某娱乐官网), a head that names nothing but gambling (某某真人视讯, 某某在线投注), or a
    number before a lottery's, a casino's or a card room's head (138彩票)."""
    name = to_simplified(str(evidence["name"]))
    return (evidence["detector"] == "stacked_betting_heads" or any(h in name for h in GAMBLING_HEADS)
            or _NUMBERED_BETTING_NAME.match(name) is not None)


class GamblingHeaderLines(_PageNameFinder):
    """A short line above the article's headline that opens with a gambling site's name
    (brand + a betting head: 某某国际, 某某娱乐, 某某彩票, 某某娱乐场), then at most a short
    slogan (``欢迎您``, ``·官方入口``, ``注册送彩金``, ``【官方网站】``): the hijacker's banner.
    Only lines before the headline are judged (the headline itself stays, whatever it names),
    and only when the rest of the page names neither the brand nor the name."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer, page_text: str):
        super().__init__(lexicon, gazetteer, page_text)
        self._heads = _betting_header_heads()
        self._shape = InjectedSegmentFinder(lexicon, gazetteer, "", False)  # names judged by shape alone

    def judge(self, line: str) -> Optional[Dict[str, object]]:
        line = line.strip()
        if not line or len(line) > MAX_HEADER_LINE_CHARS or re.search(r"[。!?,,;;::]", line):
            return None
        parts = [p for p in _HEADER_SPLIT.split(line) if p]
        if not parts:
            return None
        first = parts[0]
        best = None
        for n in range(len(first), MIN_SEGMENT_CHARS - 1, -1):
            candidate = to_simplified(first[:n])
            found = self._name(candidate)
            if found is not None or (best is None and self._plain_name(candidate) is not None):
                best = (first[:n], found)
                if found is not None:
                    break
        if best is None:
            return None
        name, evidence = best
        rest = line[line.find(name) + len(name):]
        if evidence is None:  # a brand of common words needs the banner's slogan after it
            if not rest.strip():
                return None
            evidence = self._plain_name(to_simplified(name))
            if evidence is None:
                return None
        if len(re.sub(r"[\s·•|丨_\-—【】\[\]()<>《》]", "", rest)) > MAX_SLOGAN_CHARS:
            return None
        if re.search(r"[0-9]", rest):
            return None  # 某某娱乐(2005年): an item of a list with its years, not a slogan
        if rest and not _HEADER_SPLIT.match(rest):
            rest_words = self.lex.tagged(to_simplified(rest))
            if all(t.startswith(("n", "vn", "j")) for _w, t in rest_words):
                return None  # a noun glued after the name (某某彩票合营计划): one noun phrase, a heading
        if self.page_text.count(name) > 1 or self._names._mentioned_elsewhere(str(evidence["brand"])):
            return None
        return dict(evidence, detector="gambling_header", name=name, slogan=rest.strip())

    def name_line(self, line: str) -> Optional[Dict[str, object]]:
        """A line (anywhere on the page) that is nothing but site and business names, one to three,
        set apart by ``-``, ``_``, ``|`` or spaces or strung together (``某某体育官网-某某刻章平台``,
        ``某某娱乐城``), one of them a betting site's name, none of them named elsewhere on the page."""
        line = line.strip()
        if not line or len(line) > MAX_NAME_RUN_CHARS or re.search(r"[。!?,,;;::、]", line):
            return None
        low = to_simplified(line).lower() if _CJK.search(line) else line.lower()
        if not _STACKED_HEADS_PATTERN.search(low):
            return None  # the cheap test first: two betting heads in a row, or a head that names only gambling
        parts = [p for p in _HEADER_SPLIT.split(line) if p]
        if not parts or len(parts) > 3:
            return None
        names: List[Dict[str, object]] = []
        for part in parts:
            if self.page_text.count(part) > 1:
                return None
            run = self._names.name_run(part) if _CJK.search(part) else None
            if run is None:
                simple = to_simplified(part)
                evidence = self._names.unrelated_name(simple, self.lex.tagged(simple)) \
                    or self._names.name_evidence(simple, self.lex.tagged(simple))
                if evidence is None or evidence["detector"] == "lone_place":
                    return None
                run = [dict(evidence, name=part)]
            names.extend(run)
        if not any(e["detector"] == "stacked_betting_heads" for e in names):
            return None  # a betting site's name of stacked heads (某某体育官网) marks the line
        return {"detector": "name_line", "names": [str(e["name"]) for e in names],
                "detectors": [str(e["detector"]) for e in names]}

    def banner_names(self, line: str, with_slogans: bool = False) -> Optional[Dict[str, object]]:
        """A line that is nothing but one to three betting sites' names, set apart by ``-``, ``_``,
        ``|`` or spaces or strung together (``某某国际平台-某某真人视讯``), judged by their shape
        alone: every part a run of names (:meth:`InjectedSegmentFinder.name_run`), one of them a
        name only a gambling site has (stacked betting heads, or a head of :data:`GAMBLING_HEADS`).
        Whether the page names them elsewhere is not asked: a hijacker repeats its names.
        ``with_slogans``: parts that are no name may be short bare phrases (:meth:`_slogan`), as
        in a banner opening the page (``某某注册送彩金|某某app下载``)."""
        line = line.strip()
        if not line or len(line) > MAX_NAME_RUN_CHARS or re.search(r"[。!?,,;;::、]", line) or not _CJK.search(line):
            return None
        low = to_simplified(line).lower()
        if (not _STACKED_HEADS_PATTERN.search(low) and not any(h in low for h in GAMBLING_HEADS)
                and not _NUMBERED_BETTING_NAME.search(low)):
            return None  # the cheap test first: no name only a gambling site has can be in it
        parts = [p for p in _HEADER_SPLIT.split(line) if p]
        if not 1 <= len(parts) <= 3 or not all(_CJK.search(p) for p in parts):
            return None
        names: List[Dict[str, object]] = []
        slogans: List[str] = []
        for part in parts:
            run = self._shape.name_run(part)
            if run is None and with_slogans and self._slogan(part):
                slogans.append(part)
                continue
            if run is None:
                return None
            names.extend(run)
        if not any(_names_only_gambling(e) for e in names):
            return None
        evidence: Dict[str, object] = {"detector": "betting_banner", "names": [str(e["name"]) for e in names],
                                       "detectors": [str(e["detector"]) for e in names]}
        if slogans:
            evidence["slogans"] = slogans
        return evidence

    def _slogan(self, part: str) -> bool:
        """A short part of a banner beside a betting site's name that is no name itself: a brand
        with its offer (某某注册送彩金), a game card; bare words, no grammatical word."""
        simple = to_simplified(part)
        return MIN_SEGMENT_CHARS <= len(simple) <= MAX_SLOGAN_PART_CHARS and bool(_CJK.search(simple)) \
            and not holds_grammar_word(self.lex.tagged(simple))

    def _name(self, text: str) -> Optional[Dict[str, object]]:
        if not _CJK.search(text) and not re.search(r"[A-Za-z0-9]", text):
            return None
        words = self.lex.tagged(text)
        found = commercial_head(text, words, self.lex.zipf)
        if found is None or found[0].lower() not in self._heads:
            return None
        evidence = self._names.name_evidence(text, words)
        if evidence is None or evidence["detector"] != "pos_np":
            return None
        return evidence

    def _plain_name(self, text: str) -> Optional[Dict[str, object]]:
        """A betting head after a brand of common words (久久 + 娱乐, 天天中 + 彩票): no verb,
        preposition, conjunction, particle or pronoun in the brand."""
        words = self.lex.tagged(text)
        found = commercial_head(text, words, self.lex.zipf)
        if found is None or found[0].lower() not in self._heads:
            return None
        brand = text[: len(text) - len(found[0])]
        brand_words = _words_within(words, len(brand))
        if len(brand) < MIN_BRAND_CHARS or not brand_words or self.lex.zipf(text) >= MAX_COMMON_ZIPF:
            return None
        if any(t.startswith(("v", "p", "c", "u", "r", "y", "e")) and not t.startswith("vn") for _w, t in brand_words):
            return None
        return {"detector": "pos_np", "head": found[0], "head_kind": found[1], "brand": brand,
                "words": [f"{w}/{t or 'x'}" for w, t in words], "common_brand": True}


# --------------------------------------------------------------------------- names glued after a comma

MAX_GLUED_NAME_CHARS = 12
# Kinds of head a name glued to the start of a clause may end in: the names of betting sites and
# loan offers.  A clinic or a service is too often the clause's own subject (,某某医院成立于...).
GLUED_NAME_KINDS = frozenset({"betting", "loan"})
# The word after a glued name must not extend it (某某国际机场, 某某彩票中心): nouns and suffixes do.
_EXTENDING_TAGS = ("n", "j", "k", "vn", "eng", "x", "g", "b")


@functools.lru_cache(maxsize=4)
def _glued_heads_pattern(heads: FrozenSet[str]) -> "re.Pattern[str]":
    return re.compile("|".join(re.escape(h) for h in sorted(heads, key=lambda h: (-len(h), h))))


@functools.lru_cache(maxsize=1)
def _betting_end_chars() -> FrozenSet[str]:
    """The characters a betting or loan name glued to a clause can end with (the heads of
    :class:`GluedClauseNames`, a stack's last head), or a division suffix; both scripts, upper case."""
    heads = (_betting_header_heads() - GLUED_EXCLUDED_HEADS) | {h for h, k in COMMERCIAL_HEADS.items() if k == "loan"}
    ends = {h[-1] for h in heads} | set(DIVISION_SUFFIXES) | {h[-1] for h in _STACK_LAST_HEADS}
    return frozenset(ends | {_s2t().convert(c) for c in ends} | {c.upper() for c in ends})


@functools.lru_cache(maxsize=1)
def _glued_end_chars() -> FrozenSet[str]:
    """The characters a name glued to a clause can end with (any commercial head's, a division
    suffix's, the company word's), in Simplified and Traditional script and upper case."""
    ends = set(candidate_end_chars()) | set(DIVISION_SUFFIXES) | {h[-1] for h in _STACK_LAST_HEADS}
    return frozenset(ends | {_s2t().convert(c) for c in ends} | {c.upper() for c in ends})


def _adcode_prefix(division) -> str:
    """The adcode digits every division inside ``division`` shares (44 of a province, 4416 of a
    prefecture, the whole code of a county)."""
    if division.rank == RANK_PROVINCE:
        return division.adcode[:2]
    if division.adcode.endswith("00"):
        return division.adcode[:4]
    return division.adcode


class GluedClauseNames(_PageNameFinder):
    """A betting or loan site's name, or a county-level division's full name, glued without a
    comma to the start of a clause (``...增长12.5%,某某娱乐内蒙古、贵州...``,
    ``...通过,某某区现予公布``): the name ends on a word boundary of the clause, the word
    after it does not extend it (a noun would: 某某国际机场), at least four Chinese characters of
    the clause follow, and the page names neither the name nor (for a place) any two characters
    of it elsewhere.  Only the name is cut; the comma stays."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer, page_text: str):
        super().__init__(lexicon, gazetteer, page_text)
        self._heads = (_betting_header_heads() - GLUED_EXCLUDED_HEADS) | {
            h for h, k in COMMERCIAL_HEADS.items() if k == "loan"}
        self._heads_pattern = _glued_heads_pattern(self._heads)
        self._end_chars = _betting_end_chars()

    def find(self, line: str) -> List[Hit]:
        hits: List[Hit] = []
        if _CJK.search(line) is None:
            return hits  # _judge wants MIN_SENTENCE_REST_CJK Han characters after the name
        ends = candidate_end_chars()
        segs = segments(line)
        for k, seg in enumerate(segs):
            if k == 0 or not _is_comma(seg.before):
                continue
            text = seg.text
            if len(text) < MIN_SEGMENT_CHARS + MIN_SENTENCE_REST_CJK or not _CJK.match(text[:1] or " ") \
                    and not text[:1].isalnum():
                continue
            if not self._may_start_with_name(text):
                continue  # the cheap test first: a head or a division's name in reach, before any tagging
            window = self.lex.tagged(to_simplified(text[:MAX_GLUED_NAME_CHARS + 6]))
            pos = 0
            for idx, (w, _t) in enumerate(window[:-1]):
                pos += len(w)
                if pos > MAX_GLUED_NAME_CHARS:
                    break
                if pos < 2 or text[pos - 1].lower() not in ends:
                    continue
                clause_rest = line[seg.start + pos:]
                clause_rest = clause_rest[:min((clause_rest.find(c) for c in ",,;;。!?" if c in clause_rest),
                                               default=len(clause_rest))]
                evidence = self._judge(text[:pos], window[idx + 1], clause_rest, segs[k - 1].text)
                if evidence is not None:
                    hits.append(Hit(seg.start, seg.start + pos, evidence))
                    break
        return hits

    def _may_start_with_name(self, text: str) -> bool:
        """A head of :attr:`_heads` ends within reach of the clause start, or the clause starts
        with a county-level division's full name or with a division's name the page names nowhere
        else (a place brand), or 官方 stands within reach (string tests only)."""
        window = text[1:MAX_GLUED_NAME_CHARS]
        if self._end_chars.isdisjoint(window):
            return (not _glued_end_chars().isdisjoint(window) and self._names._starts_with_division(text)) \
                or any(m in window for m in _STACK_MODIFIERS)
        for n in range(2, min(MAX_PLACE_CHARS, len(text)) + 1):
            if text[n - 1] in DIVISION_SUFFIXES and self.gaz.is_division(text[:n]):
                return True
        if self._names._starts_with_division(text) or any(m in window for m in _STACK_MODIFIERS):
            return True
        reach = text[:MAX_GLUED_NAME_CHARS + MAX_HEAD_CHARS]
        if not reach.isascii():
            reach = to_simplified(reach)
        found = self._heads_pattern.search(reach.lower(), MIN_BRAND_CHARS)
        return found is not None and found.start() < MAX_GLUED_NAME_CHARS

    def _judge(self, name: str, following: Word, rest: str, before: str) -> Optional[Dict[str, object]]:
        if len(_CJK.findall(rest.split("。")[0])) < MIN_SENTENCE_REST_CJK:
            return None
        if not _SEGMENT_CHARS.match(name) or self.page_text.count(name) > 1:
            return None
        simple = to_simplified(name)
        words = self.lex.tagged(simple)
        nxt_word, nxt_tag = following
        shaped = self._shaped(simple, words, following)
        if shaped is not None:
            return dict(shaped, position="glued_after_comma", following=f"{nxt_word}/{nxt_tag or 'x'}")
        evidence = self._names.name_evidence(simple, words) if len(simple) >= MIN_SEGMENT_CHARS or \
            self._names._short_division(simple) else None
        if evidence is None:
            return None
        if evidence["detector"] == "pos_np":
            head = str(evidence["head"]).lower()
            if head not in self._heads and not any(head.endswith(h) for h in self._heads):
                return None
            if head in GLUED_COMPANY_HEADS and not str(evidence["brand"]).isascii():
                return None  # 华能国际, 李宁体育: companies' names too; only a Latin brand (AG国际) is a site's
            if self._extends(words[-1][0], nxt_word, nxt_tag) or nxt_tag.startswith(("c", "u", "r")) \
                    or nxt_word in _CONJUNCTS:
                return None  # 某某国际机场; 某某国际与某某 (a conjunct), 某某国际的 (a modifier), 某某彩票它 (a topic)
            if nxt_tag.startswith("v") and not nxt_tag.startswith("vn"):
                return None  # 某某国际发布公告: the clause's subject
            brand = str(evidence["brand"])
            rest_of_page = self.page_text.replace(name, "")
            if any(piece in rest_of_page for piece in _brand_parts(brand) if _CJK.search(piece)):
                return None  # the page names the brand otherwise (华能 of 华能国际): the article's own company
            brand_words = _words_within(words, len(str(evidence["brand"])))
            if any(t.startswith(_GLUED_BRAND_EXCLUDED_TAGS) and not t.startswith(("vn", "nr", "ns", "nt", "nz", "eng"))
                   and not (w.isascii() and w.isalnum()) for w, t in brand_words):
                return None  # the clause's own words before the head (由香港体育..., 使某某国际...)
        else:
            if not (simple.endswith(DIVISION_SUFFIXES) and self.gaz.is_division(simple)):
                return None  # a place glued to a clause: only a county-level division written in full
            # juxtaposed with another proper noun (某某县合肥市), or before a preposition or adverb after
            # a clause with a verb of its own; a verb right after it makes it the clause's subject
            # (1996年3月21日,某某县发生地震), 的 a modifier (,某某县的线路)
            if nxt_word in _PLACE_EXTENDERS or self._opens_address(simple, to_simplified(rest)):
                return None
            # an organisation after it is the division's own (某某市新华书店); a pronoun opens the clause's subject
            if not nxt_tag.startswith(("ns", "nr", "nz", "r")):
                if not (nxt_tag.startswith(("p", "d")) and self._names._has_verb(before)):
                    return None
            if not self._names._foreign_name(evidence):
                return None
        return dict(evidence, position="glued_after_comma", following=f"{nxt_word}/{nxt_tag or 'x'}")


    def _opens_address(self, place: str, rest: str) -> bool:
        """The clause after the division goes on with an address inside it: a division it contains
        (某某市 + 某某县, by their adcodes) or a town, street, road or landmark (某某区 + 某某路,
        某某市 + 某某街道, 某某区 + 某某镇): the division is the address's first part, as datelines
        and news reports write it, not a name glued before the clause."""
        outer = self.gaz.lookup(place)
        for n in range(min(MAX_PLACE_CHARS, len(rest)), 1, -1):
            part = rest[:n]
            inner = self.gaz.lookup(part)
            if inner:
                if any(i.adcode != o.adcode and i.adcode.startswith(_adcode_prefix(o))
                       for i in inner for o in outer):
                    return True
                continue
            if n >= 3 and self.gaz.is_strong_place(part) and is_bare_place(self.lex.tagged(part)):
                return True
        return False

    def _shaped(self, simple: str, words: Sequence[Word], following: Word) -> Optional[Dict[str, object]]:
        """A name of the shapes of :meth:`InjectedSegmentFinder.unrelated_name` glued to a clause: a
        site's name of stacked betting heads, whatever word follows it (a betting site the page
        knows nothing of is no subject of its sentences), or a division's name before a noun
        phrase with a commercial head (某某装饰公司, 某某维修) when a word of the clause's own
        grammar follows (a preposition, adverb, conjunction, pronoun or verb: 某某装饰公司保护...)."""
        nxt_word, nxt_tag = following
        if self._extends(words[-1][0], nxt_word, nxt_tag) or nxt_word in _CONJUNCTS or nxt_tag.startswith("u"):
            return None
        if self.lex.tag(simple) or self.lex.zipf(simple) >= MAX_COMMON_ZIPF:
            return None
        stacked = self._names._stacked_betting(simple, words)
        if stacked is not None:
            return stacked
        brand = self._names._place_brand(simple, words)
        if brand is not None and brand["heads"] and nxt_tag.startswith(("p", "d", "c", "r", "v")) \
                and not nxt_tag.startswith("vn") and self._tagged_place(words, len(str(brand["place"]))):
            return brand
        return None

    @staticmethod
    def _tagged_place(words: Sequence[Word], chars: int) -> bool:
        """The first ``chars`` characters are words jieba tags as places (綦江/ns) or does not know
        (cut into single characters): a glued name's place must be one to jieba too (武功/nr 排名
        is a ranking of martial arts, not a business of 武功县)."""
        place_words = _words_within(words, chars)
        return bool(place_words) and all(t.startswith("ns") or len(w) == 1 for w, t in place_words)

    def _extends(self, last: str, nxt: str, tag: str) -> bool:
        """The word after a name continues it: the name's last word and it make a known term
        (国际 + 机场, 彩票 + 中心), or it is a company word, a head or a one-character noun suffix."""
        if nxt in COMPANY_WORDS or nxt.lower() in COMMERCIAL_HEADS:
            return True
        if len(nxt) == 1 and tag.startswith(("n", "k", "g")):
            return True
        return bool(self.lex.tag(last + nxt)) or self.lex.zipf(last + nxt) > 0


# Betting heads that also end the names of ordinary companies (华能国际, 某某体育用品...): a name glued to
# a clause with one of them is cut only when its brand is Latin letters or digits.
GLUED_COMPANY_HEADS = frozenset({"国际", "体育", "电竞", "娱乐"})
# Heads too short or too common to end a name glued to a clause (真人, 电子 end ordinary words).
GLUED_EXCLUDED_HEADS = frozenset({"真人", "电子", "彩"})

# Words that join a name to another as the clause's subject (jieba tags 与 and 同 as prepositions too).
_CONJUNCTS = frozenset({"与", "和", "及", "同", "跟", "以及", "或", "或者"})

# Tags no word of a glued name's brand has: the clause's own preposition, verb, pronoun... before it.
_GLUED_BRAND_EXCLUDED_TAGS = ("p", "c", "u", "r", "d", "v", "f", "m", "q", "t", "y", "e", "o", "z")

# What turns a division's name into the name of one of its bodies or a part of it (某某县委, 某某区政府).
_PLACE_EXTENDERS = frozenset({"委", "政府", "人民", "境内", "城", "城区", "一带", "地区", "县城", "境", "内", "各地"})


# --------------------------------------------------------------------------- wrapped keyword tails

MAX_WRAPPED_TAIL_CHARS = 60
MIN_LATIN_LEAD_CHARS = 30  # an English paragraph before Han keywords in brackets
MIN_HEADING_LEAD_CHARS = 8  # a heading with keywords in square brackets glued to its end
MAX_TAIL_TOKEN_CHARS = 18
MIN_STRUNG_CHARS = 10  # names strung without a space: two of them at least (首都国际机场集团 is one)
_TAIL_WRAPPERS = {"【": "】", "(": ")", "[": "]", "〖": "〗", "〔": "〕"}
_TAIL_DASHES = ("——", "—", "--", "→", "->", ">>")
_TAIL_TOKEN_SPLIT = re.compile(r"[\s,,、|/·]+")
# Head kinds that mark a tail's keywords on their own (a clinic, service or company name after a
# sentence can be the article's own credit: ``(北京协和医院 张某)``, ``(某某集团)``).
TAIL_KEYWORD_KINDS = frozenset({"betting", "loan"})


# Words of a news credit after a paragraph (``(某某体育 张某 发自某地)``, ``(本报记者 某某)``).
_CREDIT_WORDS = ("发自", "记者", "报道", "摄", "通讯员", "编辑", "特约")


class WrappedKeywordTails:
    """Keywords strung after the last sentence of a paragraph inside brackets or after a dash
    (``...的支出。(某某二手车市场 AG国际)``, ``...。——风水宝地,某某娱乐``,
    ``...。【某某装修公司某某搬家公司】``): every part of the wrapper is a short run of words
    without punctuation, and the parts name businesses — one betting or loan
    name (brand + head, the test of rule 10), two names of any kind, or one part of ten
    characters or more that strings two or more heads together.  An attribution (``——鲁迅``, ``(新华社记者 某某 摄)``)
    names no business and stays."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer):
        self.lex = lexicon
        self._names = InjectedSegmentFinder(lexicon, gazetteer, "", False)

    def find(self, line: str) -> Optional[Hit]:
        end = last_sentence_end(line)
        if end < 0:
            # a heading (no sentence end) with keywords in square brackets glued to its end
            opening = line.rfind("【")
            if not line.endswith("】") or opening < MIN_HEADING_LEAD_CHARS:
                return None
            end = opening - 1
        elif end < MIN_TAIL_SENTENCE_CHARS:
            return None
        start = end + 1
        tail = line[start:].strip()
        # a credit in brackets closing the paragraph (本报某地1月1日电) stays, and what follows it
        # is the tail: ``...放心。”(本报某地电)(某某棋牌,某某娱乐)``
        while tail and tail[0] in _TAIL_WRAPPERS:
            close = tail.find(_TAIL_WRAPPERS[tail[0]])
            if close < 0 or close == len(tail) - 1 or tail[close + 1] not in _TAIL_WRAPPERS:
                break
            start = line.index(tail, start) + close + 1
            tail = line[start:].strip()
        if not tail or len(tail) > MAX_WRAPPED_TAIL_CHARS:
            return None
        inner = None
        for dash in _TAIL_DASHES:
            if tail.startswith(dash):
                inner, wrapper = tail[len(dash):], dash
                break
        if inner is None and tail[0] in _TAIL_WRAPPERS and tail.endswith(_TAIL_WRAPPERS[tail[0]]):
            inner, wrapper = tail[1:-1], tail[0] + tail[-1]
        if inner is None:
            return None
        tokens = [t for t in _TAIL_TOKEN_SPLIT.split(inner) if t]
        # a token longer than a name must string two or more (某某装修公司某某搬家公司某某月子中心)
        if not tokens or any(not _SEGMENT_CHARS.match(t) or (
                len(t) > MAX_TAIL_TOKEN_CHARS and len(self._heads_in(to_simplified(t))) < 2) for t in tokens):
            return None
        names, kinds, strung = [], set(), False
        for token in tokens:
            simple = to_simplified(token)
            evidence = self._names.name_evidence(simple, self.lex.tagged(simple))
            several = (len(simple) >= MIN_STRUNG_CHARS and len(self._heads_in(simple)) >= 2
                       and commercial_head(simple, self.lex.tagged(simple)) is not None)
            if (evidence is not None and evidence["detector"] == "pos_np") or several:
                names.append(token)
            if evidence is not None and evidence["detector"] == "pos_np" and not self._credit(evidence, token, tokens):
                kinds.add(str(evidence["head_kind"]))
            strung = strung or several
        foreign = self._foreign_script_tail(line[:start], tokens)
        if not (kinds & TAIL_KEYWORD_KINDS or len(names) >= 2 or strung or foreign):
            return None
        evidence: Dict[str, object] = {"detector": "keyword_tail", "wrapper": wrapper, "tokens": tokens,
                                       "names": names}
        if foreign:
            evidence["after_latin_prose"] = foreign
        return Hit(start, len(line), evidence)

    def _credit(self, evidence: Mapping[str, object], token: str, tokens: Sequence[str]) -> bool:
        """The name is a news source's credit, not a betting site: a site word alone (某某新闻网,
        某某平台, as the only token), or a news site, sports desk or agency (某某网, 新浪体育,
        某某国际) beside a reporter's name or a dateline (``(新浪体育 张某 发自休斯敦)``)."""
        head = str(evidence["head"]).lower()
        if head in HEADER_HEAD_EXCLUDED and len(tokens) == 1:
            return True
        if head not in GLUED_COMPANY_HEADS | HEADER_HEAD_EXCLUDED or str(evidence["brand"]).isascii():
            return False
        return any(self._credit_token(t) for t in tokens if t != token)

    def _credit_token(self, token: str) -> bool:
        """A reporter's name (a person's name to jieba, or two or three characters it joins into no
        word) or a credit's word (发自, 记者...)."""
        if any(w in token for w in _CREDIT_WORDS):
            return True
        words = self.lex.tagged(to_simplified(token))
        return 2 <= len(token) <= 4 and bool(_CJK.match(token)) and all(
            t.startswith("nr") or len(w) == 1 for w, t in words)

    def _foreign_script_tail(self, lead: str, tokens: Sequence[str]) -> List[str]:
        """After a paragraph written in Latin script only (at least ``MIN_LATIN_LEAD_CHARS`` of
        it, no Han character), Han keywords in brackets are foreign to it by their script; one
        piece of evidence of a name is then enough: a commercial head inside a token
        (某某样板房 aside, 某某装修公司...) or a digit slipped into a word (动5感地带).
        Returns the tokens that show it."""
        if len(lead) < MIN_LATIN_LEAD_CHARS or _CJK.search(lead) or not re.search(r"[A-Za-z]{3}", lead):
            return []
        shown = []
        for token in tokens:
            simple = to_simplified(token)
            if not _CJK.search(simple):
                continue
            if self._heads_in(simple) or commercial_head(simple, self.lex.tagged(simple)) is not None \
                    or self._names.digit_in_word(simple) is not None:
                shown.append(token)
        return shown

    def _heads_in(self, text: str) -> List[str]:
        """The commercial heads of two or more characters strung inside ``text``, each ending a
        name of two or more characters (某某装修公司某某搬家公司: 装修, 搬家公司)."""
        found: List[str] = []
        pos = MIN_BRAND_CHARS
        low = text.lower()
        while pos < len(low):
            head = next((h for h in _HEADS_LONGEST_FIRST if len(h) >= 2 and low.startswith(h, pos)), None)
            if head is None:
                pos += 1
                continue
            found.append(head)
            pos += len(head) + MIN_BRAND_CHARS
        return found


# --------------------------------------------------------------------------- names set apart at a clause start

# A keyword slipped in after a comma and set apart from the clause it precedes by spaces
# (``...发生争执, 某某网上赌场 而被吹了...``) or by brackets (``...透露,(某某娱乐场官网)比如...``):
# Chinese prose writes no space between two Han words and opens no clause with a bracketed aside,
# so the wrapper is evidence of its own; the name test is the shape of a name (a head, a place).
_WRAPPED_AT_CLAUSE_START = re.compile(
    r"(?<=[,,])(?P<lead>[ \u3000]*)(?:"
    r"(?P<open>[((\[【〔〖])(?P<bracketed>[^\W_]{%d,%d})(?P<close>[))\]】〕〗])[ \u3000]*"
    r"|(?P<spaced>[^\W_]{%d,%d})[ \u3000]+)"
    r"(?=[%s0-9])" % (MIN_SEGMENT_CHARS, MAX_SEGMENT_CHARS + 4, MIN_SEGMENT_CHARS, MAX_SEGMENT_CHARS + 4, HAN))
_WRAPPER_PAIRS = {"(": ")", "(": ")", "[": "]", "【": "】", "〔": "〕", "〖": "〗"}
MIN_WRAPPED_LEAD_CHARS = 2  # Han characters of the clause before the comma (among its last eight)
MAX_WRAPPED_CHARS = MAX_SEGMENT_CHARS + 4
MIN_SQUARE_REST_CHARS = 1  # a keyword in square brackets may open a short clause (【某某】18日,...)
# Tags of the grammatical words no wrapped name holds (adverbs may end an advertising phrase: 快速审批).
_WRAPPED_GRAMMAR_TAGS = ("p", "c", "u", "r", "y", "e")
_CREDIT_ENDS = ("讯", "电", "报道")  # 某某体育讯, 某某社北京1日电: a dateline
# Words of a news credit or a caption, never a keyword (``, 记者 某某``, ``,(图)``).
_CREDIT_MARKS = ("记者", "报道", "通讯员", "摄", "编辑", "图", "完", "注", "译", "据")


@functools.lru_cache(maxsize=1)
def _wrapped_heads() -> Tuple[str, ...]:
    """Heads whose occurrence inside a wrapped keyword marks a name: the commercial heads of two
    or more characters, the gambling heads, the site suffixes and the contact and outlet words."""
    from pagewash.transforms.spam.vocabulary import SITE_SUFFIXES

    heads = {h for h in COMMERCIAL_HEADS if len(h) >= 2} | set(GAMBLING_HEADS) | set(SITE_SUFFIXES) \
        | set(_HEAD_SUFFIXES) | {"网"}
    return tuple(sorted(heads, key=lambda h: (-len(h), h)))


_HAN_SPACE_HAN = re.compile(rf"(?<=[{HAN}])[ \u3000]+(?=[{HAN}])")
_BRACKETED_GROUP = re.compile(r"[((\[【〔〖][^))\]】〕〗]*[))\]】〕〗]")


def spaces_inside_clauses(line: str) -> int:
    """The spaces between two Han characters inside the clauses of ``line`` (crawled text whose
    markup or tokenisation left them: ``记者刚刚 从某地获悉``, ``发生4.3级地震 后``), other than
    the first space of a clause within :data:`MAX_WRAPPED_CHARS` of its start (where an injected
    name sets itself apart after a comma, ``..., 某某娱乐 而...``, or a dateline or a heading is
    glued before a sentence), the spaces of a credit opening the line or in brackets
    (``本报记者 某某 某地报道``, ``(记者 某某 摄)``) and those of a heading glued before the
    first sentence.  A line with such a space sets nothing apart with a space."""
    from pagewash.transforms.spam.credits import leading_credit_end

    start = leading_credit_end(line) or 0
    masked = line[:start].replace(" ", "_").replace("\u3000", "_") + _BRACKETED_GROUP.sub(
        lambda m: "_" * len(m.group()), line[start:])
    count = 0
    for m in _HAN_SPACE_HAN.finditer(masked):
        lead = masked[:m.start()]
        cut = max(lead.rfind(c) for c in ",,。!?;;::")
        if cut < 0:
            continue  # before the line's first clause mark: a heading glued to the text, a credit
        clause = lead[cut + 1:].lstrip(" \u3000")
        if 0 < len(clause) <= MAX_WRAPPED_CHARS and " " not in clause and "\u3000" not in clause:
            continue  # the first space after a clause's start: a name set apart after a comma (what
            # rule 13' judges), a dateline or a heading glued before a sentence (11月12日讯 在...)
        count += 1
    return count


class WrappedClauseNames(_PageNameFinder):
    """A name set apart by spaces or brackets between a comma and the clause that follows it
    (``...发生争执, 某某网上赌场 而被吹了技术犯规``, ``...当前,(某某娱乐)但也面临...``): only the
    name and its wrapper go, the comma stays.  The name: no grammatical word and no clause
    character, not a person's name or a credit, named nowhere else on the page, and a name by its
    shape — a name of rule 10 (brand + head, a lone place, the unrelated shapes), or a head, a site
    suffix or an outlet word inside it after two characters, or a division's name opening it."""

    def find(self, line: str) -> List[Hit]:
        hits: List[Hit] = []
        if " " not in line and "\u3000" not in line and not any(b in line for b in _WRAPPER_PAIRS):
            return hits
        if _CJK.search(line) is None:
            return hits  # the clause before a name holds MIN_WRAPPED_LEAD_CHARS Han characters
        spaced: Optional[bool] = None
        for m in _WRAPPED_AT_CLAUSE_START.finditer(line):
            if m.group("open") is not None:
                if _WRAPPER_PAIRS.get(m.group("open")) != m.group("close") and not (
                        m.group("open") in "((" and m.group("close") in "))"):
                    continue
                name, wrapper = m.group("bracketed"), m.group("open") + m.group("close")
            else:
                if spaced is None:
                    spaced = spaces_inside_clauses(line) > 0
                if spaced:
                    continue  # the line writes spaces inside its clauses: a space sets nothing apart
                name, wrapper = m.group("spaced"), "spaces"
            lead = line[:m.start() - 1]
            if len(_CJK.findall(lead[-8:])) < MIN_WRAPPED_LEAD_CHARS:
                continue
            rest = line[m.end():]
            rest = rest[:min((rest.find(c) for c in ",,;;。!?" if c in rest), default=len(rest))]
            square = wrapper[:1] in SQUARE_BRACKETS
            if not square and not _CJK.match(rest[:1]):
                continue  # a digit may open the clause after square brackets only (【某某】18日,...)
            if len(_CJK.findall(rest)) < (MIN_SQUARE_REST_CHARS if square else MIN_SENTENCE_REST_CJK) \
                    or (square and len(re.findall(r"[^\W_]", rest)) < MIN_SQUARE_REST_CHARS + 1):
                continue
            evidence = self.judge(name) or (self.square_keyword(name) if square else None)
            if evidence is not None:
                start = m.start() + len(m.group("lead"))
                hits.append(Hit(m.start(), m.end(), dict(evidence, wrapper=wrapper, position="clause_start",
                                                         name=line[start:m.end()].strip())))
        return hits

    def _pieces_elsewhere(self, name: str) -> bool:
        """Two of the name's two-character pieces occur elsewhere on the page (湖路, 学校 of a
        school's name in the page's headline): the place is the article's own."""
        rest = self.page_text.replace(name, "", 1)
        return sum(piece in rest for piece in set(_brand_parts(name)) if _CJK.search(piece)) >= 2

    def square_keyword(self, name: str) -> Optional[Dict[str, object]]:
        """Square brackets (【】 〖〗 〔〕) opening a clause after a comma hold any keyword, as before a
        comma (rule 13): prose never opens a clause with a bracketed label, a page's own labels
        (``【本报讯】``, ``【编者按】``) open its lines.  Not a credit or a dateline (记者 某某,
        某某讯), no clause (a grammatical word), named nowhere else on the page."""
        if not MIN_BRACKETED_CHARS <= len(name) <= MAX_BRACKETED_CHARS or not _CJK.search(name) \
                or self.page_text.count(name) > 1:
            return None
        simple = to_simplified(name)
        words = self.lex.tagged(simple)
        if any(c in simple for c in _CREDIT_MARKS) or simple.endswith(_CREDIT_ENDS) or any(
                not w.isascii() and ((len(w) == 1 and w in FUNCTION_CHARS) or t.startswith(_WRAPPED_GRAMMAR_TAGS))
                for w, t in words):
            return None
        return {"detector": "wrapped_name", "shape": "square_brackets",
                "words": [f"{w}/{t or 'x'}" for w, t in words]}

    def judge(self, name: str) -> Optional[Dict[str, object]]:
        """The evidence that ``name`` (a keyword set apart by a wrapper) is a name, else None."""
        if not _CJK.search(name) or len(name) > MAX_WRAPPED_CHARS or self.page_text.count(name) > 1:
            return None
        simple = to_simplified(name)
        words = self.lex.tagged(simple)
        if any(not w.isascii() and ((len(w) == 1 and w in FUNCTION_CHARS) or t.startswith(_WRAPPED_GRAMMAR_TAGS))
               for w, t in words):
            return None  # a particle, preposition, conjunction or pronoun: a clause (adverbs end ad phrases: 快速审批)
        if clause_character(words, runs_name=True) or any(c in simple for c in _CREDIT_MARKS if len(c) > 1) \
                or simple.endswith(_CREDIT_ENDS) or any(t.startswith(_PHRASE_TAGS) for _w, t in words):
            return None  # a dateline's credit (某某娱乐讯), an idiom: the author's
        division = simple.endswith(DIVISION_SUFFIXES) and self.gaz.is_division(simple)
        if simple in _CREDIT_MARKS or (not division and all(t.startswith(("nr", "m", "t", "q")) for _w, t in words)):
            return None  # a person's name, a number or a date set apart: the author's
        evidence = (self._names.name_evidence(simple, words) or self._names.unrelated_name(simple, words)
                    or self._names.digit_in_word(simple))
        person = not division and words[-1][1].startswith("nr")  # 国务卿希拉里: a name that ends like a place (里)
        if evidence is not None and evidence["detector"] == "lone_place" and (person or self._pieces_elsewhere(name)):
            evidence = None  # a place whose pieces the page writes elsewhere (its title): the article's own
        if evidence is not None:
            return dict(evidence, detector="wrapped_name", shape=evidence["detector"])
        low = simple.lower()
        heads = [h for h in _wrapped_heads() if h in low[MIN_BRAND_CHARS:]]
        opening = next((low[:n] for n in range(min(MAX_PLACE_CHARS, len(low) - MIN_BRAND_CHARS), 1, -1)
                        if self.gaz.is_division(low[:n])), None)
        place = division or (not person and len(low) >= 3 and self.gaz.is_strong_place(low) and is_bare_place(words))
        if not heads and opening is None and not place:
            return None
        if opening is None and any(t.startswith("v") and not t.startswith("vn") for _w, t in words) \
                and not any(h in COMMERCIAL_HEADS for h in heads):
            return None  # a verb before an outlet or site word (指挥/v 中心): the article's own noun phrase
        if place and opening is None and self._pieces_elsewhere(name):
            return None
        rest = self.page_text.replace(name, "", 1)
        if opening is not None and opening in rest:
            return None  # the page speaks of the place
        return {"detector": "wrapped_name", "shape": "marked", "heads": heads[:3], "place": opening,
                "words": [f"{w}/{t or 'x'}" for w, t in words]}
