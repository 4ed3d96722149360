"""The dedup graph's compact values (transforms/dedup/beam.py): packed keys and handles, band entries
written as sorted runs per band-key partition.  The partitioned runs must give exactly the pairs of
one grouping per (band, band key), each with its ends' handles."""
from __future__ import annotations

import random
import heapq
from collections import defaultdict

import pytest

from pagewash.transforms.dedup.beam import (
    BAND_FILE_PARTITION_BITS,
    Deduplicate,
    band_file_entries,
    bucket_candidates,
    key_handle,
    pack,
    pack_ref,
    read_band_run,
    run_candidates,
    unpack,
    unpack_ref,
    write_band_run,
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


def _handle(key):
    return f"h:{key}".encode("utf-8")


def _pairs_by_partition(bands_of, tries, directory, runs=3):
    """The pairs of the band entries written as ``runs`` sorted runs per partition (as bundles do),
    each partition's runs merged where they are read."""
    partitions = defaultdict(lambda: [[] for _ in range(runs)])
    for position, (key, bands) in enumerate(sorted(bands_of.items())):
        for partition, entry in band_file_entries(key, bands, _handle(key)):
            partitions[partition][position % runs].append(entry)
    pairs = []
    for partition, held in partitions.items():
        paths = []
        for i, entries in enumerate(held):
            path = str(directory / f"{partition:04d}-{i}.run")
            write_band_run(path, sorted(entries))
            paths.append(path)
        for (source, target), handles in run_candidates(heapq.merge(*(read_band_run(p) for p in paths)), tries):
            assert handles == (_handle(source), _handle(target))
            pairs.append((source, target))
    return sorted(pairs)


def test_partitioned_buckets_give_the_same_pairs(tmp_path):
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
        assert _pairs_by_partition(bands_of, tries, tmp_path / str(tries)) == expected


def test_equal_band_values_of_different_bands_are_different_buckets(tmp_path):
    value = 1 << 63 | 12345
    bands_of = {"n:a": (value, 1), "n:b": (2, value), "n:c": (value, 3)}
    assert _pairs_by_partition(bands_of, 4, tmp_path) == [("n:c", "n:a")]


def test_band_entries_partition_by_the_top_bits():
    entries = band_file_entries("n:x", (0, (1 << 64) - 1, 1 << 60), b"handle")
    assert [p for p, _ in entries] == [0, (1 << BAND_FILE_PARTITION_BITS) - 1,
                                       1 << (BAND_FILE_PARTITION_BITS - 4)]
    assert all(entry.endswith(b"n:xhandle") for _, entry in entries)


def test_a_truncated_band_run_is_an_error(tmp_path):
    path = str(tmp_path / "x.run")
    write_band_run(path, [b"a" * 40, b"b" * 40])
    with open(path, "r+b") as f:
        f.truncate(60)
    reader = read_band_run(path)
    assert next(reader) == b"a" * 40
    with pytest.raises(IOError, match="truncated"):
        next(reader)


def test_packed_values_round_trip():
    key = doc_key_of(Doc(id="d1", source="s", text="一篇用来测试的短文,内容足够长,可以计算签名和分段。\n" * 3),
                     DedupSettings())
    assert key.signature is not None
    assert unpack(pack(key)) == key
    assert pack(key) == pack(unpack(pack(key)))  # the same value packs to the same bytes
    member = Member(key.key, key.id, key.origin, key.rank, key.exact, 2, ("t:词",))
    decision = Decision(key.key, key.id, key.exact, 3, ("l:行",))
    assert unpack(pack(member)) == member and unpack(pack(decision)) == decision
    ref = SpillRef("/data/out/.spill-dedup/0a1b.spill", 123456789, 4321)
    assert unpack_ref(pack_ref(ref)) == ref
    # relative to the spill directory: the path is not repeated in every reference
    relative = pack_ref(ref, "/data/out/.spill-dedup/")
    assert relative.endswith(b"0a1b.spill") and b"/data" not in relative
    assert unpack_ref(relative, "/data/out/.spill-dedup") == ref
    handle = key_handle(key, relative)
    assert unpack(pack(handle)) == handle and handle.rank == key.rank and handle.ref == relative


def test_the_stage_needs_a_spill_directory():
    with pytest.raises(ValueError, match="spill directory"):
        Deduplicate(DedupSettings(), "")
