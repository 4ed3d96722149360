"""Dedup normalisation: the form two copies of one article share.

Text reaching dedup is already NFKC with clean lines (transforms/normalize.py).
Copies of one article still differ in ways a reader does not care about, so
every code point goes through one folding table, built once per process:

- **punctuation, symbols, whitespace, controls** (Unicode categories P*, S*,
  Z*, C* except unassigned) are separators: dropped from the exact hash and
  from character shingles, word boundaries for word shingles.  Reprints re-type
  quotes, dashes and ellipses and re-flow paragraphs;
- **case**: a letter becomes its one-character ``casefold()`` (``lower()`` when
  casefold expands, as for ``ß``);
- **Traditional -> Simplified Chinese**, character by character, from
  OpenCC's tables shipped in opencc-python-reimplemented: the Taiwan and
  Hong Kong variant forms are first mapped to OpenCC's standard Traditional
  form (``TWVariantsRev``, ``HKVariantsRev``), then ``TSCharacters`` gives the
  Simplified form (its first candidate when it lists several).  Phrase-level
  conversion (``TSPhrases``) is not applied: it changes a handful of
  ambiguous characters in context and would cost a dictionary scan per
  document; a one-to-one table is what a copy converted by any tool agrees on
  for the overwhelming majority of characters.
- **full-width / compatibility forms**: NFKC again, per character, so the
  table is right even on text that did not go through normalize_text.

Characters above U+2FFFF (CJK extension planes and beyond) pass through.
"""
from __future__ import annotations

import os
import threading
import unicodedata
from typing import Dict, Optional

import numpy as np
import xxhash

# CJK scripts shingled by characters: Han (URO, extension A, compatibility, radicals,
# plane 2), kana, bopomofo, hangul.
from pagewash.transforms.lexicon import CJK_SHINGLE_RANGES as _CJK_RANGES

# Code points below this are folded by table; above it they map to themselves.
FOLD_LIMIT = 0x30000
SEPARATOR = 0  # what the table maps a separator to

# Categories whose characters separate words and carry no content.
_SEPARATOR_CATEGORIES = frozenset(
    ["Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs"]
)

def _opencc_dictionary_dir() -> str:
    import opencc

    return os.path.join(os.path.dirname(opencc.__file__), "dictionary")


def _read_char_table(name: str) -> Dict[str, str]:
    """One-character -> one-character entries of an OpenCC dictionary (first candidate)."""
    table: Dict[str, str] = {}
    with open(os.path.join(_opencc_dictionary_dir(), name), encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 2:
                continue
            source, targets = parts
            target = targets.split(" ")[0]
            if len(source) == 1 and len(target) == 1:
                table[source] = target
    return table


def traditional_to_simplified_table() -> Dict[str, str]:
    """Per-character Traditional (standard, Taiwan and Hong Kong variants) -> Simplified."""
    to_simplified = _read_char_table("TSCharacters.txt")
    table = dict(to_simplified)
    for variants in ("TWVariantsRev.txt", "HKVariantsRev.txt"):
        for variant, standard in _read_char_table(variants).items():
            table.setdefault(variant, to_simplified.get(standard, standard))
    return table


def _fold_char(ch: str, t2s: Dict[str, str]) -> int:
    if unicodedata.category(ch) in _SEPARATOR_CATEGORIES:
        return SEPARATOR
    nfkc = unicodedata.normalize("NFKC", ch)
    if len(nfkc) != 1:
        # Ligatures and the like expand under NFKC; keep the character itself.
        nfkc = ch
    if unicodedata.category(nfkc) in _SEPARATOR_CATEGORIES:
        return SEPARATOR
    folded = nfkc.casefold()
    if len(folded) != 1:
        folded = nfkc.lower()
        if len(folded) != 1:
            folded = nfkc
    folded = t2s.get(folded, folded)
    return ord(folded)


class FoldTables:
    """The folding table and the CJK mask, as numpy arrays indexed by code point."""

    def __init__(self) -> None:
        t2s = traditional_to_simplified_table()
        fold = np.empty(FOLD_LIMIT, dtype=np.uint32)
        for cp in range(FOLD_LIMIT):
            if 0xD800 <= cp <= 0xDFFF:
                fold[cp] = SEPARATOR
            else:
                fold[cp] = _fold_char(chr(cp), t2s)
        cjk = np.zeros(FOLD_LIMIT, dtype=bool)
        for start, end in _CJK_RANGES:
            cjk[start:min(end, FOLD_LIMIT - 1) + 1] = True
        self.fold = fold
        self.cjk = cjk


_TABLES: Optional[FoldTables] = None
_TABLES_LOCK = threading.Lock()


def fold_tables() -> FoldTables:
    """The process-wide tables, built on first use (about a quarter of a second)."""
    global _TABLES
    if _TABLES is None:
        with _TABLES_LOCK:
            if _TABLES is None:
                _TABLES = FoldTables()
    return _TABLES


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` as a uint32 array (no copy of the encoded buffer)."""
    return np.frombuffer(text.encode("utf-32-le"), dtype="<u4")


def fold_code_points(text: str) -> np.ndarray:
    """Folded code points of ``text``; separators are 0."""
    cps = code_points(text)
    tables = fold_tables()
    folded = tables.fold[np.minimum(cps, FOLD_LIMIT - 1)]
    high = cps >= FOLD_LIMIT
    if high.any():
        folded = np.where(high, cps, folded)
    return folded


def is_cjk(cps: np.ndarray) -> np.ndarray:
    """Which (folded, non-separator) code points are CJK."""
    tables = fold_tables()
    mask = tables.cjk[np.minimum(cps, FOLD_LIMIT - 1)]
    high = cps >= FOLD_LIMIT
    if high.any():
        mask = np.where(high, cps < 0x32000, mask)
    return mask


def exact_hash_of_folded(folded: np.ndarray) -> str:
    """128-bit xxh3 of the folded characters with every separator removed, as hex."""
    content = folded[folded != SEPARATOR].astype("<u4", copy=False)
    return xxhash.xxh3_128_hexdigest(content.tobytes())


def exact_hash(text: str) -> str:
    """The exact-duplicate key of ``text``: equal for texts that differ only in
    case, punctuation, whitespace, full/half width and Traditional/Simplified
    characters."""
    return exact_hash_of_folded(fold_code_points(text or ""))
