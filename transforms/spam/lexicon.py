"""Chinese words, their part of speech and their frequency, for the spam detectors.

* Segmentation and part-of-speech tags: jieba's dictionary (``jieba/dict.txt``,
  349,046 words with a frequency and an ICTCLAS-style tag: ``n`` noun, ``nr``
  person, ``ns`` place, ``nt`` organisation, ``nz`` other proper noun, ``v``
  verb, ``vn`` verbal noun, ``p`` preposition, ``c`` conjunction, ``u``
  particle, ``r`` pronoun, ``d`` adverb, ``m`` numeral, ...), cut the way
  ``jieba.cut`` / ``jieba.posseg.cut`` cut with the HMM off, so a word is
  either in the dictionary or cut into single characters (tag ``x`` when jieba
  has none): the same input always gives the same words.
* Word frequency in general Chinese: ``wordfreq`` (Zipf scale, 0-8: 7 is one
  word in ten thousand... 3 one in a million; 0 unknown), the ``zh`` list.

Both come from PyPI packages (versions and licences in
:mod:`pagewash.transforms.spam.sources`); nothing is downloaded at run time.

Storage.  jieba keeps its dictionary as a dict of every word and every prefix
of a word (~500,000 entries), ``jieba.posseg`` a second dict of word -> tag, and
importing them loads jieba's HMM tables, which the HMM-off cut never reads;
wordfreq's ``get_frequency_dict`` is a third dict: 213 MB per process together.
Here the words of both lists are the keys of one ``marisa-trie``
(:class:`marisa_trie.Trie`, 471,175 keys in 1.5 MB) and what is known of a
word sits in flat arrays indexed by its key id: jieba's log probability, its
tag, wordfreq's frequency bucket (6.7 MB; a process grows by 14 MB).  The cut
is jieba 0.42.1's HMM-off cut with the dictionary walk done by the trie's
prefix search: the same dictionary, the same arithmetic, so the same words and
tags as ``jieba.posseg`` (``tests/test_spam_lexicon.py`` compares them).  The tables
are built once per machine (2.5 CPU-s) and kept in a cache file in the
temporary directory (:func:`cache_dir`); a process reads them in a few ms
(:func:`lexicon`, called from ``DoFn.setup`` in Beam).
"""
from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import logging
import math
import os
import re
import sys
from array import array
from typing import Dict, Iterator, List, NamedTuple, Optional, Tuple

import marisa_trie

from pagewash.transforms.cache_files import cache_dir, folder_is_private, package_files, read_bytes, write_atomically

Word = Tuple[str, str]  # (word, part-of-speech tag)

# Tagged short texts kept per process.  The cache only saves time (tagging is a pure function), so
# its size changes no output; it is cleared when full so memory stays flat in the corpus size:
# 200,000 entries held about 300 MB, 8,192 hold about 13 MB and still catch a site's repeated
# template segments.
TAGGED_CACHE_ENTRIES = 8_192
# The words of blocks (runs of Han characters and ASCII between punctuation) kept per process, on the
# same terms: a page's clauses are cut several times each (about five on Chinese pages); 16,384
# blocks of up to 64 characters hold a few MB.
ROUTE_CACHE_ENTRIES = 16_384
ROUTE_CACHE_MAX_CHARS = 64

# jieba 0.42.1's patterns for its HMM-off cut (MIT licence): jieba/__init__.py ...
_CUT_BLOCK = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)")  # re_han_default
_CUT_SKIP = re.compile(r"(\r\n|\s)")  # re_skip_default
_CUT_ENG = re.compile(r"[a-zA-Z0-9]")  # re_eng
# ... and jieba/posseg/__init__.py
_POS_BLOCK = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._]+)")  # re_han_internal
_POS_SKIP = re.compile(r"(\r\n|\s)")  # re_skip_internal
_POS_NUM = re.compile(r"[\.0-9]+")  # re_num
_POS_ENG = re.compile(r"[a-zA-Z0-9]+")  # re_eng
_POS_ENG1 = re.compile(r"^[a-zA-Z0-9]$")  # re_eng1

# A block without a Han character walks the dictionary as single characters unless a word of two
# characters or more made of a block's other characters occurs in it (Lexicon._latin_words); the
# single characters then merge as the cuts merge them: a run of ASCII letters and digits is one word,
# any other character a word of its own.
_HAN_BLOCK_CHAR = re.compile(r"[\u4E00-\u9FD5]")
_LATIN_WORD = re.compile(r"[a-zA-Z0-9+#&\._%\-]{2,}\Z")  # of the characters of either cut's blocks
_MERGED_SINGLES = re.compile(r"[a-zA-Z0-9]+|.", re.S)

# A key that is not a jieba word with a count gets this instead of a log probability (every
# count is a share below 1 of jieba's total, so every real log probability is below 0).
_NOT_COUNTED = 1.0
_NO_BUCKET = 0xFFFF  # not in wordfreq's list


def _jieba_dictionary() -> str:
    """The path of jieba's ``dict.txt``, found without importing jieba (its import loads HMM
    tables this module does not use)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("jieba is not installed")
    return os.path.join(list(spec.submodule_search_locations)[0], "dict.txt")


def _dictionary_entries(path: str) -> Iterator[Tuple[str, int, str]]:
    """``(word, count, tag)`` per line of jieba's dictionary, in file order."""
    with open(path, "rb") as handle:
        for lineno, raw in enumerate(handle, 1):
            line = raw.strip().decode("utf-8")
            parts = line.split(" ")
            if len(parts) != 3:
                raise ValueError(f"invalid jieba dictionary entry at line {lineno}: {line!r}")
            yield parts[0], int(parts[1]), parts[2]


class _Tables(NamedTuple):
    """What the lexicon knows, by trie key id."""

    trie: marisa_trie.Trie  # the words of jieba's dictionary and of wordfreq's zh list
    log_prob: array  # "d": jieba's log(count) - log(total), _NOT_COUNTED when it has no count
    tag_ids: bytes  # index in tag_names, 0 when not in jieba's dictionary
    tag_names: Tuple[str, ...]
    bucket_ids: array  # "H": wordfreq's centibel bucket, _NO_BUCKET when not in its list
    buckets: int  # how many buckets wordfreq's list has
    total: int  # jieba's total count
    longest: int  # the longest word of jieba's dictionary, in characters
    bucket_frequency: Tuple[float, ...]  # wordfreq's frequency of each bucket (cB_to_freq)


def _build_tables() -> _Tables:
    """The tables, from jieba's dictionary and wordfreq's list."""
    from wordfreq import cB_to_freq, get_frequency_list

    path = _jieba_dictionary()
    buckets = get_frequency_list("zh", wordlist="best")

    def keys() -> Iterator[str]:
        for word, _count, _tag in _dictionary_entries(path):
            yield word
        for bucket in buckets:
            yield from bucket

    trie = marisa_trie.Trie(keys())
    size = len(trie)
    counts = array("q", bytes(8 * size))
    tag_ids = bytearray(size)
    tags: List[str] = [""]
    tag_index: Dict[str, int] = {}
    total = 0
    longest = 1
    # file order, so a word listed twice keeps its last line, as in jieba's dicts
    for word, count, tag in _dictionary_entries(path):
        key = trie[word]
        counts[key] = count
        total += count
        if tag not in tag_index:
            tag_index[tag] = len(tags)
            tags.append(tag)
        tag_ids[key] = tag_index[tag]
        longest = max(longest, len(word))
    log_total = math.log(total)
    log_prob = array("d", [_NOT_COUNTED]) * size
    for key in range(size):
        if counts[key]:
            log_prob[key] = math.log(counts[key]) - log_total
    del counts
    # wordfreq's get_frequency_dict: bucket i holds the words of frequency cB_to_freq(-i), a word
    # in two buckets keeps the last
    bucket_ids = array("H", [_NO_BUCKET]) * size
    for index, bucket in enumerate(buckets):
        for word in bucket:
            bucket_ids[trie[word]] = index
    n_buckets = len(buckets)
    del buckets
    get_frequency_list.cache_clear()  # the list is not needed again
    return _Tables(trie, log_prob, bytes(tag_ids), tuple(tags), bucket_ids, n_buckets, total, longest,
                   tuple(cB_to_freq(-i) for i in range(n_buckets)))


# The tables are written once per machine to a cache file (building them costs ~2.5 CPU-s and a
# transient ~80 MB; reading them ~10 MB and a few ms), named after what they are built from, and
# checked by their SHA-256 when read: a file that does not match is rebuilt.  A process that reads
# them never imports wordfreq (a quarter of a CPU-second): the file holds its bucket frequencies and
# is named after its version and data files.
_CACHE_FORMAT = 2
_MAGIC = b"pagewash-lexicon\n"


def _cache_file() -> str:
    from importlib.metadata import version

    st = os.stat(_jieba_dictionary())
    key = json.dumps([_CACHE_FORMAT, sys.byteorder, version("jieba"), version("wordfreq"),
                      version("marisa-trie"), [_jieba_dictionary(), st.st_size, st.st_mtime_ns],
                      package_files("wordfreq", "data", ".msgpack.gz")])
    return os.path.join(cache_dir(), f"tables-{hashlib.sha256(key.encode()).hexdigest()[:24]}.bin")


def _blobs(tables: _Tables) -> List[bytes]:
    return [tables.trie.tobytes(), tables.log_prob.tobytes(), tables.tag_ids, tables.bucket_ids.tobytes()]


def _write_cache(path: str, tables: _Tables) -> None:
    blobs = _blobs(tables)
    digest = hashlib.sha256(b"".join(blobs)).hexdigest()
    header = json.dumps({"sizes": [len(b) for b in blobs], "sha256": digest, "tag_names": tables.tag_names,
                         "buckets": tables.buckets, "total": tables.total, "longest": tables.longest,
                        "bucket_frequency": tables.bucket_frequency},  # floats written as repr: read back exactly
                       ensure_ascii=True).encode() + b"\n"
    write_atomically(path, [_MAGIC + header] + blobs)


def _read_cache(path: str) -> Optional[_Tables]:
    data = read_bytes(path)
    if data is None:
        return None
    try:
        if not data.startswith(_MAGIC):
            return None
        end = data.index(b"\n", len(_MAGIC))
        header = json.loads(data[len(_MAGIC):end])
        body = memoryview(data)[end + 1:]
        sizes = header["sizes"]
        if len(sizes) != 4 or sum(sizes) != len(body) or hashlib.sha256(body).hexdigest() != header["sha256"]:
            return None
        parts = []
        offset = 0
        for size in sizes:
            parts.append(body[offset:offset + size])
            offset += size
        trie = marisa_trie.Trie().frombytes(bytes(parts[0]))
        log_prob = array("d")
        log_prob.frombytes(parts[1])
        bucket_ids = array("H")
        bucket_ids.frombytes(parts[3])
        if not len(trie) == len(log_prob) == len(parts[2]) == len(bucket_ids):
            return None
        return _Tables(trie, log_prob, bytes(parts[2]), tuple(header["tag_names"]), bucket_ids,
                       int(header["buckets"]), int(header["total"]), int(header["longest"]),
                       tuple(float(f) for f in header["bucket_frequency"]))
    except (ValueError, KeyError, TypeError):
        return None


def load_tables() -> _Tables:
    """The tables from the cache file, or built (and the cache file written when it can be)."""
    path = _cache_file()
    private = folder_is_private(os.path.dirname(path))
    tables = _read_cache(path) if private else None
    if tables is None:
        tables = _build_tables()
        if not private:
            logging.getLogger(__name__).warning("lexicon cache not used: %s is not a folder of this user's "
                                                "that only it can write", os.path.dirname(path))
            return tables
        try:
            _write_cache(path, tables)
        except OSError as exc:  # a read-only or full disk: the next process builds them again
            logging.getLogger(__name__).warning("lexicon cache not written (%s): %s", path, exc)
    return tables


class Lexicon:
    """jieba's dictionary words with part-of-speech tags and wordfreq's Chinese frequencies."""

    def __init__(self, tables: Optional[_Tables] = None) -> None:
        t = tables if tables is not None else load_tables()
        self._trie = t.trie
        self._log_prob = t.log_prob
        self._tag_ids = t.tag_ids
        self._tag_names = t.tag_names
        self._bucket_ids = t.bucket_ids
        self._bucket_frequency: Tuple[float, ...] = t.bucket_frequency
        self._unknown_log_prob = math.log(1) - math.log(t.total)  # jieba: log(FREQ.get(w) or 1) - logtotal
        self._longest = t.longest
        self._cache: Dict[str, Tuple[Word, ...]] = {}
        self._route_cache: Dict[str, Tuple[str, ...]] = {}

    def _key(self, word: str) -> Optional[int]:
        if "\x00" in word:  # in no list (and the trie would read only what comes before it)
            return None
        try:
            return self._trie.get(word)
        except UnicodeEncodeError:  # a lone surrogate: in no list
            return None

    def _route(self, block: str) -> List[int]:
        """Where each dictionary word of ``block`` ends: jieba's ``get_DAG`` + ``calc`` (the most
        probable path; ties go to the longer word), from the first character on."""
        n = len(block)
        score = [0.0] * (n + 1)  # the best path's log probability from each position on
        ends = [0] * n
        prefixes = self._trie.iter_prefixes_with_ids
        log_prob = self._log_prob
        longest = self._longest
        unknown = self._unknown_log_prob
        for start in range(n - 1, -1, -1):
            best = None
            best_end = start
            # jieba's max((score, end)): of two equal scores the longer word
            for word, key in prefixes(block[start:start + longest]):
                p = log_prob[key]
                if p != _NOT_COUNTED:
                    end = start + len(word) - 1
                    q = p + score[end + 1]
                    if best is None or q > best or (q == best and end > best_end):
                        best, best_end = q, end
            if best is None:
                best = unknown + score[start + 1]
            score[start] = best
            ends[start] = best_end
        return ends

    @functools.cached_property
    def _latin_words(self) -> Tuple[str, ...]:
        """The dictionary's words with a count made only of the characters a block may hold besides
        Han ones (jieba 0.42.1: ``c#``, ``c++``, ``AT&T``, ``C#``, ``C++``): the only words other than
        single characters that a block without Han characters can be cut into."""
        log_prob = self._log_prob
        return tuple(word for first in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._%-"
                     for word, key in self._trie.items(first)
                     if log_prob[key] != _NOT_COUNTED and _LATIN_WORD.match(word))

    def _merged_singles(self, block: str) -> Optional[List[str]]:
        """The words of ``block`` as both cuts merge them (a run of ASCII letters and digits, any
        other character alone) when its dictionary route is single characters, which a block
        without Han characters and without a :attr:`_latin_words` word is; else None (the route
        must be walked)."""
        if _HAN_BLOCK_CHAR.search(block) or any(word in block for word in self._latin_words):
            return None
        return _MERGED_SINGLES.findall(block)

    def _block_words(self, block: str) -> Tuple[str, ...]:
        """The words of ``block``'s route; cached, as the rules cut the same clause again and again
        (a line, its first 120 and 60 characters, its stretches and tokens share their blocks)."""
        cached = self._route_cache.get(block)
        if cached is not None:
            return cached
        ends = self._route(block)
        words = []
        x = 0
        n = len(block)
        while x < n:
            y = ends[x] + 1
            words.append(block[x:y])
            x = y
        out = tuple(words)
        if len(block) <= ROUTE_CACHE_MAX_CHARS:
            if len(self._route_cache) >= ROUTE_CACHE_ENTRIES:
                self._route_cache.clear()
            self._route_cache[block] = out
        return out

    def _cut(self, text: str) -> Iterator[str]:
        # jieba.Tokenizer.cut(text, HMM=False)
        for blk in _CUT_BLOCK.split(text):
            if not blk:
                continue
            if _CUT_BLOCK.match(blk):
                merged = self._merged_singles(blk)
                if merged is not None:
                    yield from merged
                    continue
                buf = ""
                for word in self._block_words(blk):
                    if _CUT_ENG.match(word) and len(word) == 1:
                        buf += word
                    else:
                        if buf:
                            yield buf
                            buf = ""
                        yield word
                if buf:
                    yield buf
            else:
                for x in _CUT_SKIP.split(blk):
                    if _CUT_SKIP.match(x):
                        yield x
                    else:
                        yield from x

    def _word_tag(self, word: str) -> str:
        """jieba.posseg's tag of a word of a block's route ("x" when the dictionary has none)."""
        key = self._trie.get(word)
        return (self._tag_names[self._tag_ids[key]] or "x") if key is not None else "x"

    def _pos_cut(self, text: str) -> Iterator[Word]:
        # jieba.posseg.POSTokenizer.cut(text, HMM=False)
        for blk in _POS_BLOCK.split(text):
            if _POS_BLOCK.match(blk):
                merged = self._merged_singles(blk)
                if merged is not None:
                    for word in merged:
                        yield word, "eng" if _CUT_ENG.match(word) else self._word_tag(word)
                    continue
                buf = ""
                for word in self._block_words(blk):
                    if _POS_ENG1.match(word):
                        buf += word
                    else:
                        if buf:
                            yield buf, "eng"
                            buf = ""
                        yield word, self._word_tag(word)
                if buf:
                    yield buf, "eng"
            else:
                for x in _POS_SKIP.split(blk):
                    if _POS_SKIP.match(x):
                        yield x, "x"
                    else:
                        for xx in x:
                            if _POS_NUM.match(xx):
                                yield xx, "m"
                            elif _POS_ENG.match(x):
                                yield xx, "eng"
                            else:
                                yield xx, "x"

    def words(self, text: str) -> List[str]:
        """``text`` cut into dictionary words (no HMM: deterministic)."""
        return list(self._cut(text))

    def tagged(self, text: str) -> Tuple[Word, ...]:
        """``text`` cut into ``(word, tag)`` pairs; short texts are cached."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        out = tuple(self._pos_cut(text))
        if len(text) <= 24:
            if len(self._cache) >= TAGGED_CACHE_ENTRIES:
                self._cache.clear()
            self._cache[text] = out
        return out

    def tag(self, word: str) -> str:
        """The dictionary's tag of ``word`` ('' when it is not a dictionary word)."""
        key = self._key(word)
        return self._tag_names[self._tag_ids[key]] if key is not None else ""

    def frequency(self, word: str) -> float:
        """How often ``word`` occurs in general Chinese (a share of all words, 0 if unknown)."""
        key = self._key(word)
        if key is None:
            return 0.0
        bucket = self._bucket_ids[key]
        return self._bucket_frequency[bucket] if bucket != _NO_BUCKET else 0.0

    def zipf(self, word: str) -> float:
        """Zipf frequency of ``word`` (log10 of occurrences per billion words; 0 if unknown)."""
        f = self.frequency(word)
        return math.log10(f) + 9.0 if f > 0 else 0.0


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The process-wide lexicon (loaded once)."""
    return Lexicon()
