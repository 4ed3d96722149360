"""The dedup graph's compact values (transforms/dedup/beam.py): packed keys, band entries grouped by
band-key partition, signatures with their shingle counts.  The partitioned buckets must give exactly
the pairs of one grouping per (band, band key)."""
from __future__ import annotations

import random
from collections import defaultdict

from pagewash.transforms.dedup.beam import (
    BUCKET_PARTITION_BITS,
    band_entries,
    bucket_candidates,
    pack,
    pack_ref,
    pack_signature,
    partition_candidates,
    unpack,
    unpack_ref,
    unpack_signature,
)
from pagewash.transforms.spill import SpillRef
from pagewash.transforms.dedup.keys import Decision, Member, doc_key_of
from pagewash.transforms.dedup.settings import DedupSettings
from pagewash.transforms.record import Doc


def _pairs_by_bucket(bands_of, tries):
    buckets = defaultdict(list)
    for key, bands in bands_of.items():
        for band, value in enumerate(bands):
            buckets[(band, value)].append(key)
    return sorted(pair for members in buckets.values() for pair in bucket_candidates(members, tries))


def _pairs_by_partition(bands_of, tries):
    partitions = defaultdict(list)
    for key, bands in bands_of.items():
        for partition, entry in band_entries(key, bands):
            partitions[partition].append(entry)
    return sorted(pair for entries in partitions.values() for pair in partition_candidates(entries, tries))


def test_partitioned_buckets_give_the_same_pairs():
    rng = random.Random(7)
    shared = [rng.getrandbits(64) for _ in range(6)]  # a few band keys many documents share
    bands_of = {}
    for i in range(400):
        # most band keys are unique; some documents share one or two bands with others
        bands = [rng.getrandbits(64) for _ in range(20)]
        if i % 3 == 0:
            bands[i % 20] = shared[i % len(shared)]
        if i % 7 == 0:
            bands[(i + 5) % 20] = shared[(i + 1) % len(shared)]
        bands_of[f"n:{i:04d}" if i % 5 else f"o:é{i}"] = tuple(bands)
    for tries in (1, 4):
        expected = _pairs_by_bucket(bands_of, tries)
        assert len(expected) > 100
        assert _pairs_by_partition(bands_of, tries) == expected


def test_equal_band_values_of_different_bands_are_different_buckets():
    value = 1 << 63 | 12345
    bands_of = {"n:a": (value, 1), "n:b": (2, value), "n:c": (value, 3)}
    assert _pairs_by_partition(bands_of, 4) == [("n:c", "n:a")]


def test_band_entries_partition_by_the_top_bits():
    entries = band_entries("n:x", (0, (1 << 64) - 1, 1 << 60))
    assert [p for p, _ in entries] == [0, (1 << BUCKET_PARTITION_BITS) - 1, 1 << (BUCKET_PARTITION_BITS - 4)]
    assert all(entry.endswith(b"n:x") for _, entry in entries)


def test_packed_values_round_trip():
    key = doc_key_of(Doc(id="d1", source="s", text="一篇用来测试的短文,内容足够长,可以计算签名和分段。\n" * 3),
                     DedupSettings())
    assert key.signature is not None
    assert unpack(pack(key)) == key
    assert pack(key) == pack(unpack(pack(key)))  # the same value packs to the same bytes
    member = Member(key.key, key.id, key.origin, key.rank, key.exact, 2, ("t:词",))
    decision = Decision(key.key, key.id, key.exact, 3, ("l:行",))
    assert unpack(pack(member)) == member and unpack(pack(decision)) == decision
    assert unpack_signature(pack_signature(key.signature, key.shingles)) == (key.signature, key.shingles)
    ref = SpillRef("/data/out/.spill-dedup/0a1b.spill", 123456789, 4321)
    assert unpack_ref(pack_ref(ref)) == ref
