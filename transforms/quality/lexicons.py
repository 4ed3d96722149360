"""Word lists and character tables the quality signals read, each with its source.

Everything here is loaded once per process (module-level lazy caches) and is
read-only afterwards, so Beam workers share one copy per process.

* Flagged words: the LDNOOBW lists for Chinese and English (CC-BY-4.0, copied
  unchanged into ``transforms/data/ldnoobw_{zh,en}.txt`` with their source),
  minus the entries in :data:`LDNOOBW_NOT_USED`, plus the project's gambling /
  drug / porn-advertising terms (``transforms/data/flagged_spam_terms.txt``).
* Stop words: FineWeb-2's list for Mandarin (``configs/cmn_Hani.yml`` of
  huggingface/fineweb-2) and Gopher's English list (Rae et al. 2021, app. A).
* Traditional / Simplified characters: the character tables of OpenCC as
  shipped in ``opencc-python-reimplemented`` (Apache-2.0).
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import FrozenSet, Tuple

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# LDNOOBW entries that would flag ordinary Chinese text, so the filter skips them.
# Single characters are substrings of everyday words (性 of 可能性, 奶 of 牛奶,
# 幹 of 幹部, 柒 the financial numeral, 爛 "rotten", 卵 "egg", 鳩 "dove"); datatrove's
# C4 bad-words filter skips 性 for the same reason.  The words below have a common
# innocent sense: 13点 "1 p.m.", 13. a list number, 成人 "adult" (成人教育), 处女
# (处女作 "debut work"), 刚度 "stiffness", 九游 a game portal, 私服 "plain clothes",
# 老二/老母 "second child"/"mother", 杂种 "hybrid" (crops), 交配 "mating" (biology),
# 野鸡 "pheasant", 肥西 a county of Anhui, 卵子/精子/月经/包皮/外阴 medical terms,
# 祖宗 "ancestors", 激情 "passion", 白痴/笨蛋/屁股 mild words of dialogue, 日你 a
# substring of 今日你..., 玉杵 "jade pestle".  The BigScience ROOTS filter kept
# only 19 unambiguous Chinese entries of this list (bigscience-workshop/data_tooling,
# ac_dc/flagged_words.py) for the same reason.  强奸 轮奸 卖淫 嫖娼 嫖客 are the words of
# the law and of crime news (强奸罪 and 轮奸 of article 236 of the Criminal Law, 卖淫嫖娼 of
# the Public Security Administration Punishments Law): 30 of the 40 real crawled Weibo posts
# and news pages that the filter rejected were reports of one rape case (强奸 轮奸 three to
# five times in a 100-character post); porn advertising is flagged by its own words (约炮,
# 色情, the project's list).  "xx" is the placeholder of an anonymised name (XX医院, 李XX).
LDNOOBW_NOT_USED: FrozenSet[str] = frozenset(
    "13. 13点 成人 处女 刚度 九游 私服 老二 老母 杂种 交配 野鸡 肥西 卵子 精子 月经 包皮 外阴 "
    "祖宗 激情 白痴 白癡 笨蛋 屁股 日你 玉杵 老味 大卵子 小卵子 "
    "强奸 轮奸 卖淫 嫖娼 嫖客 xx".split()
)
# Single characters of the list that have no innocent sense in modern text.
LDNOOBW_SINGLE_CHARS_USED: FrozenSet[str] = frozenset("屄 屌 肏 𨳒 𨳊 𡳞 𨶙 𨳍 閪 㞗".split())

# FineWeb-2's stop words for cmn_Hani (huggingface/fineweb-2, configs/cmn_Hani.yml), without
# "·", which is not a token here.  Each is one CJK character, so each counts as one token.
ZH_STOPWORDS: FrozenSet[str] = frozenset("的 年 在 月 是 和 日 了 於 為 有 被 人 中 为 他 與 後 也 而 由".split())
# Gopher's English stop words (Rae et al. 2021, "Scaling Language Models", appendix A.1.1).
EN_STOPWORDS: FrozenSet[str] = frozenset("the be to of and that have with".split())
STOPWORDS: FrozenSet[str] = ZH_STOPWORDS | EN_STOPWORDS


def _read_list(path: Path) -> list:
    """Non-comment, non-empty lines of a word-list file, lower-cased."""
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(line.lower())
    return words


def _usable_ldnoobw(word: str) -> bool:
    if word in LDNOOBW_NOT_USED:
        return False
    if len(word) == 1:
        return word in LDNOOBW_SINGLE_CHARS_USED
    return True


@functools.lru_cache(maxsize=None)
def flagged_terms() -> Tuple[str, ...]:
    """All flagged terms (lower case), sorted and without duplicates."""
    terms = set()
    for name in ("ldnoobw_zh.txt", "ldnoobw_en.txt"):
        terms.update(w for w in _read_list(DATA_DIR / name) if _usable_ldnoobw(w))
    terms.update(_read_list(DATA_DIR / "flagged_spam_terms.txt"))
    return tuple(sorted(terms))


def _opencc_table(name: str) -> dict:
    import opencc

    path = Path(opencc.__file__).resolve().parent / "dictionary" / name
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            continue
        key, values = line.split("\t", 1)
        table[key] = values.split(" ")
    return table


@functools.lru_cache(maxsize=None)
def script_specific_chars() -> Tuple[FrozenSet[str], FrozenSet[str]]:
    """(simplified-only, traditional-only) characters from OpenCC's character tables.

    A character is simplified-only when OpenCC's S->T table always changes it
    (创 -> 創), traditional-only when the T->S table always changes it (創 -> 创).
    Characters shared by both scripts (是, 后, 里) are in neither set.  Looking
    characters up in two frozensets is ~100x faster than running the converter.
    """
    simp = {k for k, v in _opencc_table("STCharacters.txt").items() if len(k) == 1 and k not in v}
    trad = {k for k, v in _opencc_table("TSCharacters.txt").items() if len(k) == 1 and k not in v}
    both = simp & trad  # a handful of variant characters listed in both tables
    return frozenset(simp - both), frozenset(trad - both)


# The languages whose most frequent words are left out of the vocabulary that sentences
# are compared on (``isolated_sentence_ratio``), and how many of each: function words
# and everyday words (的, 一个, 中国; the, which, because) link unrelated sentences.
COMMON_WORD_LANGUAGES: Tuple[str, ...] = ("zh", "en", "de", "fr", "es", "it", "nl", "pt")
COMMON_WORDS_PER_LANGUAGE = 300


_COMMON_WORDS_FORMAT = 1


@functools.lru_cache(maxsize=None)
def common_words() -> FrozenSet[str]:
    """The most frequent words of general text, from ``wordfreq`` (PyPI; code Apache-2.0,
    word lists CC-BY-SA-4.0, built from Wikipedia, subtitles, news, books and web text):
    the first :data:`COMMON_WORDS_PER_LANGUAGE` words of ``top_n_list`` for each of
    :data:`COMMON_WORD_LANGUAGES`, lower case.  Single Chinese characters among them
    (的 是 在 ...) are common characters too.

    Reading the eight lists costs ~0.7 CPU-s and importing wordfreq ~0.25: the words are kept in
    a cache file (:mod:`pagewash.transforms.cache_files`) named after wordfreq's version and data
    files, so a process reads them there."""
    from importlib.metadata import version

    from pagewash.transforms import cache_files

    key = [_COMMON_WORDS_FORMAT, COMMON_WORD_LANGUAGES, COMMON_WORDS_PER_LANGUAGE, version("wordfreq"),
           cache_files.package_files("wordfreq", "data", ".msgpack.gz")]
    path = cache_files.cache_file("common-words", key, "json")
    return frozenset(cache_files.cached_json(path, lambda: sorted(_read_common_words())))


def _read_common_words() -> FrozenSet[str]:
    from wordfreq import get_frequency_list, top_n_list

    words = set()
    for language in COMMON_WORD_LANGUAGES:
        words.update(word.lower() for word in top_n_list(language, COMMON_WORDS_PER_LANGUAGE))
        # wordfreq keeps every list it read (lru_cache): eight whole lists held ~220 MB per
        # process for 2,400 words; read one at a time, the peak is one list (~50 MB).
        get_frequency_list.cache_clear()
    return frozenset(words)


@functools.lru_cache(maxsize=None)
def function_chars() -> FrozenSet[str]:
    """The single CJK characters among :func:`common_words` (wordfreq's most common Chinese
    words that are one character: 的 是 在 了 我 和 有 不 ...): the function and everyday
    characters that prose clauses hold and lists of names do not."""
    from pagewash.transforms.lexicon import CJK_TOKEN

    cjk = re.compile(f"^[{CJK_TOKEN}]$")
    chars = {word for word in common_words() if cjk.match(word)}
    # wordfreq's Chinese list is Simplified: add each character's Traditional form (們 這 說)
    # from OpenCC's S->T character table
    s2t = _opencc_table("STCharacters.txt")
    for ch in list(chars):
        chars.update(v for v in s2t.get(ch, ()) if cjk.match(v))
    return frozenset(chars)
