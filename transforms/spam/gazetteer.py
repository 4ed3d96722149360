"""The gazetteer of Chinese place names the spam rules use.

Source: the ``cpca`` package (PyPI, version pinned below in :data:`GAZETTEER_SOURCE`),
file ``cpca/resources/adcodes.csv``: the administrative divisions of China down
to county level, each with its 12-digit adcode (3,511 rows; 3,219 named
divisions once the placeholder rows 市辖区/县/省直辖县级行政区划 are left out:
34 provincial-level, 334 prefecture-level, 2,851 county-level; 6,131 names with
the short forms).  The file is read directly (located with :func:`importlib.util.find_spec`)
so that cpca's own ``__init__`` (which builds its matcher and needs pandas) is
never imported.  ``cpca/resources/56_nations.csv`` (the 56 ethnic groups) is used
to derive the short forms of autonomous divisions (楚雄彝族自治州 -> 楚雄).

Towns, villages, streets, schools and landmarks are not in any county-level
gazetteer; they are recognised by their address suffixes
(:data:`ADDRESS_SUFFIXES`), a closed list of the words Chinese addresses end
with.

Everything here is loaded once per process (:func:`gazetteer`), so a Beam
worker pays for it once, in ``DoFn.setup``.
"""
from __future__ import annotations

import csv
import functools
import importlib.metadata
import importlib.util
import os
import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, Iterable, List, Mapping, Optional, Sequence, Tuple

import ahocorasick

from pagewash.transforms.lexicon import HAN as _CJK
from pagewash.transforms.lexicon import HAN_CHAR as _CJK_CHAR

GAZETTEER_PACKAGE = "cpca"
GAZETTEER_VERSION = "0.5.5"  # the version this code was written and tested against
GAZETTEER_SOURCE = f"{GAZETTEER_PACKAGE} {GAZETTEER_VERSION}: cpca/resources/adcodes.csv"

# Suffixes of full division names, longest first, stripped to get the short
# form people write in lists (荣成市 -> 荣成, 苏尼特右旗 -> 苏尼特右).
_DIVISION_SUFFIXES = (
    "特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "新区", "矿区",
    "省", "市", "县", "区", "旗", "盟",
)

# Words that end the names of places below county level: towns, townships,
# villages, streets, neighbourhoods, schools, landmarks.  Strong suffixes are
# unambiguous address words; weak ones also end ordinary nouns (出口, 市场),
# so they count only inside lists, never alone.
STRONG_ADDRESS_SUFFIXES = (
    "街道", "社区", "小区", "新村", "胡同", "大街", "大道", "中学", "小学", "大学", "学院", "学校",
    "幼儿园", "医院", "林场", "农场", "分场", "景区", "广场", "公园", "宾馆", "酒店", "饭店", "大厦",
    "火车站", "汽车站", "机场", "开发区", "工业园", "管理区",
    "省", "市", "县", "区", "旗", "盟", "镇", "乡", "村", "屯", "寨", "路", "街", "巷", "弄", "里",
    "山", "岭", "岛", "湖",
)
WEAK_ADDRESS_SUFFIXES = (
    "庄", "堡", "铺", "营", "坪", "峪", "沟", "湾", "港", "桥", "口", "门", "站", "场", "园", "苑",
    "城", "寺", "庙", "塔", "河", "江", "峰", "洞", "坝", "店", "堂", "楼", "宫", "西口", "东口",
)
ADDRESS_SUFFIXES = STRONG_ADDRESS_SUFFIXES + WEAK_ADDRESS_SUFFIXES

# An address-like token: 1-10 CJK characters or digits, then a suffix.
_ADDRESS_STRONG = re.compile(
    rf"^[{_CJK}0-9]{{1,10}}(?:{'|'.join(sorted(STRONG_ADDRESS_SUFFIXES, key=len, reverse=True))})$")
_ADDRESS_ANY = re.compile(
    rf"^[{_CJK}0-9]{{1,10}}(?:{'|'.join(sorted(ADDRESS_SUFFIXES, key=len, reverse=True))})$")

# Function words do not occur in place names; a phrase that has one (便得一山,
# 走上了山) is narrative, not an address.
_FUNCTION_CHARS = re.compile("[的了是在有得之其也着过把被向从与和一这那个我你他她它们吗呢吧啊]")

# Words that end like an address but are not places: distances (四点六公里),
# quantities and common nouns ending in 里/口/门/场/城/园 ...
_NOT_PLACE_ENDINGS = re.compile(
    "(?:公里|英里|海里|千里|万里|[0-9零一二三四五六七八九十百千万两几多]+(?:里|米|口|门|场|城|站)|"
    "这里|那里|哪里|心里|家里|夜里|手里|眼里|出口|进口|入口|人口|窗口|部门|专门|市场|现场|"
    "立场|广场舞|机场建设|城市|长城|花园式|公园里|"
    # zones that are no address: a site's section (手游专区), a misconception, a blind spot, a minefield
    "专区|误区|盲区|雷区|禁区)$")

_STRONG_SUFFIX_ENDS = frozenset(suffix[-1] for suffix in STRONG_ADDRESS_SUFFIXES)
_ANY_SUFFIX_ENDS = frozenset(suffix[-1] for suffix in ADDRESS_SUFFIXES)
STRONG_SUFFIX_END_CHARS = _STRONG_SUFFIX_ENDS  # the last characters of the strong suffixes (a cheap pre-test)

RANK_PROVINCE, RANK_PREFECTURE, RANK_COUNTY = 0, 1, 2

# A street address after a division's name: a street word (the conventions of Chinese
# postal addresses), then the house number (``徽州大道69号``, ``大路街6号``, ``中关村大街27号``).
STREET_WORDS = ("大道", "大街", "胡同", "路", "街", "道", "巷", "弄", "里")
MAX_DIVISION_NAME_CHARS = 9
MAX_CHAIN_NAME_CHARS = 12  # the longest full division name an address opens with (红河哈尼族彝族自治州)
MAX_TOWN_NAME_CHARS = 8  # a town or a street office with its suffix (某某镇, 某某街道)
_DIVISION_SUFFIX_CHARS = frozenset(suffix[-1] for suffix in _DIVISION_SUFFIXES)
# A piece of a run of glued place names: two characters at least, then a division's or a strong
# address suffix (the shortest such piece: 夏县 is one, 长安街道 another).
_PIECE_SUFFIXES = sorted(set(_DIVISION_SUFFIXES) | {"镇", "乡", "街道", "村", "苏木", "嘎查"}, key=len, reverse=True)
_SUFFIX_PIECE = re.compile(rf"[{_CJK}]+?(?:{'|'.join(_PIECE_SUFFIXES)})")
_GLUED_ADDRESS = re.compile(rf"([{_CJK}]{{2,12}}?)\d{{1,5}}号")
_GLUED_ADDRESSES = re.compile(rf"^(?:[{_CJK}]{{2,12}}?\d{{1,5}}号){{2,}}$")
# A county-level name after a division, in a chain of divisions, that cpca does not hold (the
# gazetteer covers the mainland: 某某区 of Taiwan is written the same way).
_UNLISTED_COUNTY = re.compile(rf"[{_CJK}]{{2,3}}(?:区|县)")
_STREET_ADDRESS = re.compile(rf"^[{_CJK}0-9]{{4,32}}号$")
_STREET_REST = re.compile(
    rf"^[{_CJK}0-9]{{0,12}}?(?:{'|'.join(STREET_WORDS)})[{_CJK}]{{0,4}}[0-9]{{1,5}}号$")


@dataclass(frozen=True)
class Division:
    """One administrative division: its full name, rank and province code."""

    name: str
    adcode: str  # 6 digits
    rank: int  # RANK_PROVINCE, RANK_PREFECTURE or RANK_COUNTY

    @property
    def province(self) -> str:
        return self.adcode[:2]


def _contains(upper: Division, lower: Division) -> bool:
    """Whether ``lower`` lies inside ``upper`` by their adcodes (a province holds its prefectures and
    counties, a prefecture its counties; a division lies in itself)."""
    if lower.rank <= upper.rank:
        return upper.adcode == lower.adcode or (upper.rank == RANK_PROVINCE and lower.province == upper.province
                                                and lower.rank > upper.rank)
    if upper.rank == RANK_PROVINCE:
        return lower.province == upper.province
    return lower.adcode[:4] == upper.adcode[:4]


def _package_dir(package: str) -> str:
    spec = importlib.util.find_spec(package)  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the gazetteer package {package!r} is not installed")
    return list(spec.submodule_search_locations)[0]


def _rank(adcode: str) -> int:
    if adcode.endswith("0000"):
        return RANK_PROVINCE
    if adcode.endswith("00"):
        return RANK_PREFECTURE
    return RANK_COUNTY


def short_forms(name: str, nations: Iterable[str]) -> List[str]:
    """The short forms of a division name (本溪满族自治县 -> 本溪; 荣成市 -> 荣成)."""
    forms = []
    stem = name
    for suffix in _DIVISION_SUFFIXES:
        if stem.endswith(suffix) and len(stem) > len(suffix):
            stem = stem[: -len(suffix)]
            break
    # Autonomous divisions name their peoples before the suffix, several at times: the longest
    # people's name ending the stem goes first (two names of one length cannot both end it).
    by_length = _nation_stems(tuple(nations))
    changed = True
    while changed:
        changed = False
        for length, stems in by_length:
            if len(stem) > length + 1 and stem[-length:] in stems:
                stem = stem[:-length]
                changed = True
                break
    if stem != name and len(stem) >= 2:
        forms.append(stem)
    return forms


@functools.lru_cache(maxsize=4)  # one list of peoples per process: built once, not once per division
def _nation_stems(nations: Tuple[str, ...]) -> Tuple[Tuple[int, FrozenSet[str]], ...]:
    """The names of the peoples (each also without its 族) of two characters or more, by length,
    longest first."""
    names = {n for nat in nations for n in (nat, nat[:-1] if nat.endswith("族") else nat) if len(n) >= 2}
    return tuple((length, frozenset(n for n in names if len(n) == length))
                 for length in sorted({len(n) for n in names}, reverse=True))


class Gazetteer:
    """Place-name lookups over the cpca divisions plus the address-suffix rules."""

    def __init__(self, divisions: List[Division], nations: List[str]):
        self.divisions = divisions
        by_name: Dict[str, List[Division]] = {}
        for div in divisions:
            for form in [div.name, *short_forms(div.name, nations)]:
                by_name.setdefault(form, []).append(div)
        self._by_name: Mapping[str, Tuple[Division, ...]] = {k: tuple(v) for k, v in by_name.items()}
        self.names: FrozenSet[str] = frozenset(self._by_name)
        self._automaton = ahocorasick.Automaton()
        for form in self._by_name:
            self._automaton.add_word(form, len(form))
        self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self.divisions)

    def lookup(self, token: str) -> Tuple[Division, ...]:
        """The divisions a name (full or short form) may denote; empty if none."""
        return self._by_name.get(token, ())

    def is_division(self, token: str) -> bool:
        return token in self._by_name

    def is_place(self, token: str) -> bool:
        """True for a division name or an address-like token (长福镇, 遮浪中学, 新门口)."""
        if token in self._by_name:
            return True
        if not token or token[-1] not in _ANY_SUFFIX_ENDS:  # cheap test before the patterns
            return False
        return bool(_ADDRESS_ANY.match(token)) and not _NOT_PLACE_ENDINGS.search(token)

    def is_strong_place(self, token: str) -> bool:
        """True for a division name, or an address-like name with an unambiguous
        suffix and at least two characters before it (大岭山, 羊册镇; not 下山)."""
        if token in self._by_name:
            return True
        if len(token) < 3 or token[-1] not in _STRONG_SUFFIX_ENDS:
            return False
        return (bool(_ADDRESS_STRONG.match(token))
                and not _FUNCTION_CHARS.search(token) and not _NOT_PLACE_ENDINGS.search(token))

    def mentions_division(self, text: str) -> bool:
        """Whether any division's name (full or short form) occurs in ``text`` (a cheap pre-test)."""
        for _end, length in self._automaton.iter(text):
            if length >= 2:
                return True
        return False

    def street_address(self, text: str) -> Optional[str]:
        """The division a street address opens with (``韶山市徽州大道69号`` -> ``韶山市``), else None:
        a division's full name (its suffix written: 市 县 区 省 ...), then a street
        (``STREET_WORDS``) and a house number, nothing but Han characters and digits."""
        m = _STREET_ADDRESS.match(text)
        if m is None:
            return None
        for n in range(min(len(text) - 3, MAX_DIVISION_NAME_CHARS), 1, -1):
            head = text[:n]
            # the full name, or a short form with its suffix written (孟连县 for 孟连傣族拉祜族佤族自治县)
            if head[-1] in _DIVISION_SUFFIX_CHARS and (head in self._by_name or head[:-1] in self._by_name) \
                    and _STREET_REST.match(text[n:]):
                return head
        return None

    def address_place(self, text: str) -> Optional[str]:
        """The place a street address opens with, written with its suffix: a division
        (:meth:`street_address`) or a place below county level (``某某镇路12号`` -> ``某某镇``,
        ``某某街道街3号`` -> ``某某街道``); None when ``text`` is no such address, or opens with no
        suffixed place (``中山路56号``: a street named after a city names no place)."""
        division = self.street_address(text)
        if division is not None:
            # a suffix written out (福州路 is a street of many cities; 州 ends only 自治州)
            return division if division.endswith(tuple(_PIECE_SUFFIXES)) else None
        if _STREET_ADDRESS.match(text) is None:
            return None
        m = _SUFFIX_PIECE.match(text)
        if m is None or len(m.group(0)) > MAX_TOWN_NAME_CHARS or _FUNCTION_CHARS.search(m.group(0)):
            return None
        return m.group(0) if _STREET_REST.match(text[m.end():]) else None

    def division_chain(self, text: str) -> Tuple[List[str], int]:
        """The divisions ``text`` opens with, each written as its full name (``保山市涞源县东关街道8号``
        -> ``["保山市", "涞源县"]``), and the characters they cover; a county-level name cpca does not
        hold (its suffix written: 某某区, 某某县) is taken as the chain's last piece."""
        pieces: List[str] = []
        pos = 0
        while pos < len(text):
            for n in range(min(len(text) - pos, MAX_CHAIN_NAME_CHARS), 1, -1):
                head = text[pos:pos + n]
                if head[-1] in _DIVISION_SUFFIX_CHARS and any(d.name == head for d in self._by_name.get(head, ())):
                    pieces.append(head)
                    pos += n
                    break
            else:
                if pieces:
                    m = _UNLISTED_COUNTY.match(text, pos)
                    if m is not None and not self._by_name.get(m.group(0)):
                        pieces.append(m.group(0))
                        pos = m.end()
                break
        return pieces, pos

    def chain_mismatch(self, pieces: Sequence[str]) -> Optional[Tuple[str, str]]:
        """The first pair of a division chain (:meth:`division_chain`) whose lower division does not
        lie in the one before it by their adcodes (``临沧市`` then ``隆尧县``, a county of Hebei),
        else None.  A real address names a county of its own city; a template pairs a city and a
        county it draws apart.  Names cpca does not hold are not judged."""
        for upper, lower in zip(pieces, pieces[1:]):
            ups = [d for d in self._by_name.get(upper, ()) if d.name == upper]
            lows = [d for d in self._by_name.get(lower, ()) if d.name == lower]
            if not ups or not lows:
                continue
            if not any(_contains(u, low) for u in ups for low in lows):
                return upper, lower
        return None

    def is_street_address(self, text: str) -> bool:
        """Whether ``text`` is a street and a house number with or without a place before it
        (``某某垦殖场路30号``, ``人民路12号``)."""
        return bool(_STREET_ADDRESS.match(text)) and bool(_STREET_REST.match(text))

    def leading_division(self, text: str) -> Optional[str]:
        """The division whose name ``text`` opens with, written in full with its suffix
        (``宁明县高薪招聘`` -> ``宁明县``; a short form alone, ``宁明``, is no such opening), else None."""
        for n in range(min(len(text) - 1, MAX_DIVISION_NAME_CHARS), 1, -1):
            head = text[:n]
            if head[-1] in _DIVISION_SUFFIX_CHARS and head in self._by_name:
                return head
        return None

    def leading_place(self, text: str) -> Optional[str]:
        """The place ``text`` opens with when a name follows it at once: a province's or a
        prefecture's name, short or full (``湘潭``, ``四平市``), or a county's full name (``宁明县``),
        then a Han character that is no function word (``湘潭月嫂服务``; not ``湘潭的``, ``湘潭:``);
        else None.  A county's short form is often a word (``和平``, ``前进``) and is not read here."""
        for n in range(min(len(text) - 2, MAX_DIVISION_NAME_CHARS), 1, -1):
            head = text[:n]
            divisions = self._by_name.get(head)
            if not divisions:
                continue
            if not _CJK_CHAR.match(text[n]) or _FUNCTION_CHARS.match(text[n]):
                return None
            if any(d.rank <= RANK_PREFECTURE or d.name == head for d in divisions):
                return head
        return None

    def segment_by_suffix(self, run: str) -> List[str]:
        """A run of place names written without separators cut after each division or address
        suffix (``浦北县石渠县长安街道白泥井镇`` -> ``浦北县``, ``石渠县``, ``长安街道``, ``白泥井镇``):
        towns and streets are below the gazetteer's level, but their names end in these suffixes.
        Each piece ends at the first suffix that leaves at least two characters before it."""
        pieces: List[str] = []
        pos = 0
        while pos < len(run):
            m = _SUFFIX_PIECE.match(run, pos)
            if m is None:
                pieces.append(run[pos:])
                break
            pieces.append(m.group(0))
            pos = m.end()
        return pieces

    def glued_addresses(self, text: str) -> List[str]:
        """The places of a run of addresses written without separators, each a place name and a
        house number (``某某县11号某某镇12号某某街道13号`` -> the three places), or ``[]`` when the
        run is anything else."""
        if not _GLUED_ADDRESSES.match(text):
            return []
        places = [m.group(1) for m in _GLUED_ADDRESS.finditer(text)]
        return places if all(self.is_place(p) for p in places) else []

    def segment(self, run: str) -> Tuple[List[str], int]:
        """Greedy longest-match segmentation of a run of characters written
        without separators (荣成楚雄麦积...) into division names.

        Returns the names found and how many characters they cover.
        """
        # longest match starting at each end position -> pick leftmost-longest greedily
        best_at: Dict[int, int] = {}
        for end, length in self._automaton.iter(run):
            start = end - length + 1
            if length > best_at.get(start, 0):
                best_at[start] = length
        names: List[str] = []
        covered = 0
        i = 0
        n = len(run)
        while i < n:
            length = best_at.get(i, 0)
            if length:
                names.append(run[i:i + length])
                covered += length
                i += length
            else:
                i += 1
        return names, covered


def _load(package_dir: str) -> Gazetteer:
    resources = os.path.join(package_dir, "resources")
    divisions: List[Division] = []
    with open(os.path.join(resources, "adcodes.csv"), encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = row["name"].strip()
            if not name or name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
                continue
            adcode = row["adcode"][:6]
            divisions.append(Division(name=name, adcode=adcode, rank=_rank(adcode)))
    with open(os.path.join(resources, "56_nations.csv"), encoding="utf-8") as handle:
        nations = [line.strip() for line in handle if line.strip()]
    return Gazetteer(divisions, nations)


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (loaded on first use, about 0.1 s)."""
    return _load(_package_dir(GAZETTEER_PACKAGE))
