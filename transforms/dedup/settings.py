"""Dedup parameters, in one place.  docs/DEDUP.md gives the measurements behind
each default (``./run_local.sh tools bench-dedup``)."""
from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from typing import Tuple

# Weights of missed pairs against spurious candidates when choosing bands x rows:
# a spurious candidate costs one signature comparison (pairs are verified), a
# missed pair is lost for good.
FALSE_POSITIVE_WEIGHT = 0.1
FALSE_NEGATIVE_WEIGHT = 0.9


@functools.lru_cache(maxsize=32)
def optimal_banding(threshold: float, num_perm: int) -> Tuple[int, int]:
    """(bands, rows) minimising the weighted LSH error at ``threshold``: datasketch's own
    optimisation, through its public API (``MinHashLSH(threshold, num_perm, weights)`` picks
    ``b`` bands of ``r`` rows; the index it builds is empty and in memory)."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm,
                     weights=(FALSE_POSITIVE_WEIGHT, FALSE_NEGATIVE_WEIGHT))
    return int(lsh.b), int(lsh.r)


@dataclass(frozen=True)
class DedupSettings:
    """Parameters of the dedup stage.

    - ``cjk_ngram``: character n-gram size for documents written mostly in CJK
      script; ``word_ngram``: word n-gram size for space-separated text.
    - ``cjk_ratio``: a document whose letters are at least this share CJK
      (Han, kana, hangul) is shingled by characters, otherwise by words.
    - ``scheme``: ``"oph"`` (one-permutation hashing with optimal
      densification: one pass over the shingles) or ``"affine32"``
      (datasketch's k-permutation MinHash: ``num_perm`` passes).
    - ``num_perm``: signature length (bins or permutations); ``bands`` x
      ``rows`` must not exceed it.
    - ``threshold``: estimated Jaccard a candidate pair needs to count as a duplicate.
    - ``max_rounds``: unrolled rounds of connected components (each round is a
      large-star and a small-star step); see components.py for the fallback.
    - ``seed``: seed of the MinHash permutations (datasketch's ``seed``).
      Indexes are only comparable between runs with the same seed, num_perm
      and n-gram sizes.
    - ``max_bucket_tries``: each member of an LSH bucket is paired with up to
      this many of the smallest keys before it (1: star edges to the bucket's
      smallest key only); every pair is verified.
    - ``index_shards``: number of Parquet shards of the dedup index.
    - ``containment`` and ``containment_min_jaccard``: a candidate pair whose estimated
      Jaccard is under ``threshold`` but at least ``containment_min_jaccard`` is still a
      duplicate when the smaller document's shingles are at least ``containment`` contained
      in the larger one's (estimated from the Jaccard and the two shingle counts): one copy
      is the other with a paragraph left out, or with residue the cleaner did not cut.
      ``containment = 1.0`` turns this off; with a threshold under
      ``containment_min_jaccard`` it never applies.
    - ``truncated_min_jaccard`` and ``lead_chars``: a copy that is the article's first
      paragraphs only (a reprint cut short) is contained in the full article but shares
      only part of its shingles (J 0.4-0.6); from ``truncated_min_jaccard`` up, a contained
      pair (``containment``) is a duplicate too.  Its signature shares few bands with the
      full copy's, so each document also gets one *lead key*, a band key of the first
      ``lead_chars`` letters and digits of its article core: copies that open alike become
      candidates (and are verified like any pair).  ``lead_chars = 0`` turns the lead key off.
    - ``short_copy_min_jaccard`` and ``short_copy_min_shingles``: a copy far shorter than the
      article (one or a few of its paragraphs: J 0.1-0.4) is a duplicate when its shingle sample
      and the longer copy's show it at least ``containment`` contained and it has at least
      ``short_copy_min_shingles`` shingles (decided on the samples only, never on the estimate).
    """

    cjk_ngram: int = 5
    word_ngram: int = 3
    cjk_ratio: float = 0.3
    scheme: str = "oph"
    num_perm: int = 128
    # bands x rows = optimal_banding(candidate_jaccard, 128) = optimal_banding(0.7, 128); a test
    # keeps them in step
    bands: int = 20
    rows: int = 6
    threshold: float = 0.8
    max_rounds: int = 12
    seed: int = 1
    max_bucket_tries: int = 4
    index_shards: int = 8
    containment: float = 0.9
    containment_min_jaccard: float = 0.7
    truncated_min_jaccard: float = 0.4
    lead_chars: int = 48
    short_copy_min_jaccard: float = 0.1
    short_copy_min_shingles: int = 32

    def __post_init__(self) -> None:
        if self.scheme not in ("oph", "affine32"):
            raise ValueError(f"unknown MinHash scheme {self.scheme!r}")
        if self.cjk_ngram < 1 or self.word_ngram < 1:
            raise ValueError("n-gram sizes must be at least 1")
        if self.num_perm < 1 or self.bands < 1 or self.rows < 1:
            raise ValueError("num_perm, bands and rows must be positive")
        if self.bands * self.rows > self.num_perm:
            raise ValueError(f"bands x rows ({self.bands} x {self.rows}) exceeds num_perm ({self.num_perm})")
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError("threshold must be in (0, 1]")
        if self.max_rounds < 1:
            raise ValueError("max_rounds must be at least 1")
        if not 0.0 < self.containment <= 1.0 or not 0.0 < self.containment_min_jaccard <= 1.0:
            raise ValueError("containment and containment_min_jaccard must be in (0, 1]")
        if not 0.0 < self.truncated_min_jaccard <= 1.0 or self.lead_chars < 0:
            raise ValueError("truncated_min_jaccard must be in (0, 1] and lead_chars at least 0")
        if not 0.0 < self.short_copy_min_jaccard <= 1.0 or self.short_copy_min_shingles < 1:
            raise ValueError("short_copy_min_jaccard must be in (0, 1] and short_copy_min_shingles at least 1")
        if self.max_bucket_tries < 1 or self.index_shards < 1:
            raise ValueError("max_bucket_tries and index_shards must be at least 1")

    @property
    def candidate_jaccard(self) -> float:
        """The lowest estimated Jaccard a pair can be verified at: what the LSH bands are
        chosen for (``containment_min_jaccard``, or ``threshold`` without containment)."""
        if self.containment < 1.0:
            return min(self.containment_min_jaccard, self.threshold)
        return self.threshold

    def with_banding_for(self, threshold: float, num_perm: int) -> "DedupSettings":
        """These settings with another threshold / num_perm and the bands x rows optimal for them
        (for the lowest Jaccard a pair can be verified at, :attr:`candidate_jaccard`)."""
        lowest = min(self.containment_min_jaccard, threshold) if self.containment < 1.0 else threshold
        bands, rows = optimal_banding(lowest, num_perm)
        return replace(self, threshold=threshold, num_perm=num_perm, bands=bands, rows=rows)

    @property
    def signature_params(self) -> str:
        """What a stored signature depends on; indexes with another value cannot be reused."""
        return (f"minhash-{self.scheme}/seed={self.seed}/perm={self.num_perm}/"
                f"cjk={self.cjk_ngram}/word={self.word_ngram}/ratio={self.cjk_ratio}/fold=1/core=1")
