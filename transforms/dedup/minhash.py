"""Shingles, vectorised shingle hashing, MinHash signatures and LSH band keys.

Shingling is chosen per document on the folded code points
(normalize.fold_code_points): when at least ``cjk_ratio`` of the
non-separator characters are CJK the document is shingled by **character
n-grams** over its characters with every separator removed (Chinese has no
spaces: splitting on non-word characters would make whole clauses single
tokens); otherwise by **word n-grams**, a word being a run of non-separator
characters.

Hashing is numpy throughout, no per-shingle Python call:

- a character unit is ``fmix64(code point + salt)``; a word unit is a
  position-weighted sum of its characters' units (``np.add.reduceat``),
  mixed again with its length;
- an n-gram is a polynomial rolling hash of its n units modulo 2^64,
  finished by ``fmix64`` (MurmurHash3's 64-bit finaliser); its top 32 bits
  are the shingle hash;
- the signature applies datasketch's ``affine32`` scheme to those values
  vectorised: ``fmix32`` then ``a_k * h + b_k mod 2^32`` for the
  permutations of ``datasketch.MinHash(num_perm, seed)``, minimum per
  permutation.  The result is exactly what ``MinHash.update_batch`` computes
  for the same shingle hashes (tests check it) at a fraction of the cost,
  and :func:`as_minhash` wraps it as a ``datasketch.LeanMinHash``.

A band key is ``xxh3_64`` of the band's ``rows`` values (little-endian
uint32 bytes) with the band index folded into the seed.
"""
from __future__ import annotations

import functools
from typing import List, NamedTuple, Tuple

import numpy as np
import xxhash

from pagewash.transforms.dedup.normalize import FOLD_LIMIT, SEPARATOR, fold_code_points, is_cjk
from pagewash.transforms.dedup.settings import DedupSettings

SHINGLE_CHARS = "char"
SHINGLE_WORDS = "word"

_M64 = 0xFFFFFFFFFFFFFFFF
_UNIT_SALT = np.uint64(0x9E3779B97F4A7C15)
_NGRAM_BASE = np.uint64(0xC2B2AE3D27D4EB4F)
_WORD_BASE = np.uint64(0x165667B19E3779F9)
_WORD_LENGTH_MIX = np.uint64(0x27D4EB2F165667C5)
_MODE_SALT = {SHINGLE_CHARS: np.uint64(0x5851F42D4C957F2D), SHINGLE_WORDS: np.uint64(0x14057B7EF767814F)}
_MAX_WORD_POWER = 1024  # position weights cycle after this many characters in one word

_EMPTY_VALUE = 0xFFFFFFFF  # a signature slot nothing was hashed into (datasketch's "empty")
_CHUNK = 2048  # shingles per block in the signature kernel (keeps the block in cache)


def fmix64(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser, element-wise (wrapping uint64 arithmetic)."""
    h = values.astype(np.uint64, copy=True)
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xFF51AFD7ED558CCD)
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xC4CEB9FE1A85EC53)
    h ^= h >> np.uint64(33)
    return h


def fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser (datasketch's pre-mix for the affine32 scheme)."""
    h = values.astype(np.uint32, copy=True)
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


@functools.lru_cache(maxsize=None)
def _word_powers() -> np.ndarray:
    powers = np.empty(_MAX_WORD_POWER, dtype=np.uint64)
    value = 1
    base = int(_WORD_BASE)
    for i in range(_MAX_WORD_POWER):
        powers[i] = value
        value = (value * base) & _M64
    return powers


def _rolling_ngrams(units: np.ndarray, n: int, salt: np.uint64) -> np.ndarray:
    """64-bit hashes of every n-gram of ``units`` (one hash of all units if fewer than n)."""
    count = len(units)
    if count == 0:
        return np.empty(0, dtype=np.uint64)
    if count < n:
        n = count
    width = count - n + 1
    with np.errstate(over="ignore"):
        acc = units[:width].copy()
        for k in range(1, n):
            acc *= _NGRAM_BASE
            acc += units[k:k + width]
        acc ^= salt
    return fmix64(acc)


@functools.lru_cache(maxsize=1)
def _char_unit_table() -> np.ndarray:
    """fmix64(code point + salt) for every table code point, computed once."""
    with np.errstate(over="ignore"):
        return fmix64(np.arange(FOLD_LIMIT, dtype=np.uint64) + _UNIT_SALT)


def char_units(chars: np.ndarray) -> np.ndarray:
    """One 64-bit hash per character: ``fmix64(code point + salt)`` (a table lookup)."""
    units = _char_unit_table()[np.minimum(chars, FOLD_LIMIT - 1)]
    high = chars >= FOLD_LIMIT
    if high.any():
        with np.errstate(over="ignore"):
            units = np.where(high, fmix64(chars.astype(np.uint64) + _UNIT_SALT), units)
    return units


def word_units(folded: np.ndarray) -> np.ndarray:
    """One 64-bit hash per word (maximal run of non-separator code points)."""
    present = folded != SEPARATOR
    chars = folded[present]
    if len(chars) == 0:
        return np.empty(0, dtype=np.uint64)
    previous = np.empty_like(present)
    previous[0] = False
    previous[1:] = present[:-1]
    starts_in_text = present & ~previous
    starts = np.flatnonzero(starts_in_text[present])  # word starts, in chars coordinates
    lengths = np.diff(np.append(starts, len(chars)))
    position = np.arange(len(chars)) - np.repeat(starts, lengths)
    with np.errstate(over="ignore"):
        weighted = char_units(chars) * _word_powers()[position % _MAX_WORD_POWER]
        sums = np.add.reduceat(weighted, starts)
        sums += lengths.astype(np.uint64) * _WORD_LENGTH_MIX
    return fmix64(sums)


class Shingles(NamedTuple):
    mode: str  # SHINGLE_CHARS or SHINGLE_WORDS
    hashes: np.ndarray  # uint64 shingle hashes (may repeat)


def choose_mode(folded: np.ndarray, settings: DedupSettings) -> str:
    return _mode_of_chars(folded[folded != SEPARATOR], settings)


def _mode_of_chars(chars: np.ndarray, settings: DedupSettings) -> str:
    if len(chars) == 0:
        return SHINGLE_WORDS
    return SHINGLE_CHARS if np.count_nonzero(is_cjk(chars)) >= settings.cjk_ratio * len(chars) else SHINGLE_WORDS


def shingle_hashes_of_folded(folded: np.ndarray, settings: DedupSettings) -> Shingles:
    """The 64-bit shingle hashes of folded code points, with the mode chosen for them."""
    chars = folded[folded != SEPARATOR]
    mode = _mode_of_chars(chars, settings)
    if mode == SHINGLE_CHARS:
        hashes64 = _rolling_ngrams(char_units(chars), settings.cjk_ngram, _MODE_SALT[mode])
    else:
        hashes64 = _rolling_ngrams(word_units(folded), settings.word_ngram, _MODE_SALT[mode])
    return Shingles(mode, hashes64)


def shingle_hashes(text: str, settings: DedupSettings) -> Shingles:
    return shingle_hashes_of_folded(fold_code_points(text or ""), settings)


SCHEME_OPH = "oph"
SCHEME_AFFINE32 = "affine32"
SCHEMES = (SCHEME_OPH, SCHEME_AFFINE32)


def affine32_hashes(hashes: np.ndarray) -> np.ndarray:
    """The 32-bit inputs of the affine32 scheme: the top half of each 64-bit shingle hash."""
    return (hashes >> np.uint64(32)).astype(np.uint32)


@functools.lru_cache(maxsize=16)
def permutations(num_perm: int, seed: int) -> Tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutation parameters (a, b), shaped (num_perm, 1)."""
    from datasketch import MinHash

    a, b = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
    return (np.ascontiguousarray(a, dtype=np.uint32).reshape(-1, 1),
            np.ascontiguousarray(b, dtype=np.uint32).reshape(-1, 1))


def signature_affine32(hashes: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    """k-permutation MinHash of 64-bit shingle hashes, datasketch's affine32 scheme.

    Identical to ``datasketch.MinHash(num_perm, seed, scheme="affine32",
    hashfunc=lambda h: h).update_batch(affine32_hashes(hashes))``.  Costs
    num_perm multiply-add-min passes over the shingles.
    """
    a, b = permutations(num_perm, seed)
    result = np.full(num_perm, _EMPTY_VALUE, dtype=np.uint32)
    if len(hashes) == 0:
        return result
    mixed = fmix32(affine32_hashes(hashes))
    block = np.empty((num_perm, min(_CHUNK, len(mixed))), dtype=np.uint32)
    for start in range(0, len(mixed), _CHUNK):
        chunk = mixed[None, start:start + _CHUNK]
        out = block[:, :chunk.shape[1]]
        np.multiply(a, chunk, out=out)
        np.add(out, b, out=out)
        np.minimum(result, out.min(axis=1), out=result)
    return result


_OPH_PROBES = 64  # densification probes per empty bin before the cyclic fallback


@functools.lru_cache(maxsize=16)
def _oph_probe_table(num_perm: int, seed: int) -> np.ndarray:
    """For each bin, the fixed pseudo-random sequence of bins an empty bin borrows from."""
    bins = np.arange(num_perm, dtype=np.uint64).reshape(-1, 1)
    attempts = np.arange(1, _OPH_PROBES + 1, dtype=np.uint64).reshape(1, -1)
    with np.errstate(over="ignore"):
        mixed = fmix64(bins * np.uint64(0x9E3779B97F4A7C15) + attempts * np.uint64(0xD6E8FEB86659FD93)
                       + np.uint64(seed) * np.uint64(0xA0761D6478BD642F))
    return ((mixed >> np.uint64(32)) * np.uint64(num_perm) >> np.uint64(32)).astype(np.intp)


def signature_oph(hashes: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    """One-permutation MinHash with optimal densification (uint32, length num_perm).

    Each shingle hash is re-mixed with the seed; its top 32 bits pick one of
    ``num_perm`` bins, its low 32 bits are the value, and a bin keeps its
    minimum (Li, Owen and Zhang, "One Permutation Hashing", NIPS 2012).  An
    empty bin copies the value of the first non-empty bin on a fixed
    pseudo-random probe sequence of its own (Shrivastava, "Optimal
    Densification for Fast and Accurate Minwise Hashing", ICML 2017), so two
    documents agree on a bin with probability equal to their Jaccard
    similarity, as with k permutations, at the cost of one pass over the
    shingles instead of ``num_perm``.
    """
    result = np.full(num_perm, _EMPTY_VALUE, dtype=np.uint32)
    if len(hashes) == 0:
        return result
    with np.errstate(over="ignore"):
        mixed = fmix64(hashes ^ (np.uint64(seed) * np.uint64(0x9E3779B97F4A7C15)))
    bins = ((mixed >> np.uint64(32)) * np.uint64(num_perm) >> np.uint64(32)).astype(np.intp)
    np.minimum.at(result, bins, (mixed & np.uint64(0xFFFFFFFF)).astype(np.uint32))
    filled = np.bincount(bins, minlength=num_perm) > 0
    if filled.all():
        return result
    empty = np.flatnonzero(~filled)
    probes = _oph_probe_table(num_perm, seed)[empty]
    hits = filled[probes]
    found = hits.any(axis=1)
    first = hits.argmax(axis=1)
    source = np.where(found, probes[np.arange(len(empty)), first], -1)
    if not found.all():
        # Very small documents: fall back to the next filled bin, cyclically.
        filled_bins = np.flatnonzero(filled)
        missing = empty[~found]
        after = np.searchsorted(filled_bins, missing) % len(filled_bins)
        source[~found] = filled_bins[after]
    result[empty] = result[source]
    return result


def signature(hashes: np.ndarray, num_perm: int, seed: int, scheme: str = SCHEME_OPH) -> np.ndarray:
    """The MinHash signature of 64-bit shingle hashes under ``scheme``."""
    if scheme == SCHEME_OPH:
        return signature_oph(hashes, num_perm, seed)
    if scheme == SCHEME_AFFINE32:
        return signature_affine32(hashes, num_perm, seed)
    raise ValueError(f"unknown MinHash scheme {scheme!r}; expected one of {SCHEMES}")


def band_keys(sig: np.ndarray, bands: int, rows: int) -> List[int]:
    """One 64-bit key per band: xxh3_64 of the band's values, seeded by the band index."""
    values = sig.astype("<u4", copy=False)
    return [xxhash.xxh3_64_intdigest(values[i * rows:(i + 1) * rows].tobytes(), seed=i)
            for i in range(bands)]


def as_minhash(sig: np.ndarray, seed: int):
    """The signature as a ``datasketch.LeanMinHash`` (for datasketch's own tools)."""
    from datasketch import LeanMinHash

    return LeanMinHash(seed=seed, hashvalues=sig, scheme="affine32")


def signature_of_text(text: str, settings: DedupSettings) -> Tuple[str, np.ndarray]:
    shingles = shingle_hashes(text, settings)
    return shingles.mode, signature(shingles.hashes, settings.num_perm, settings.seed, settings.scheme)
