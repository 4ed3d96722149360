"""Incremental refreshes: a run deduplicates against earlier runs' indexes."""
from __future__ import annotations

import os

import pytest

from dedup_support import TEST_SETTINGS, article, doc, read_index_rows, run_dedup, tree_bytes
from pagewash.transforms.dedup.index import IndexMismatch, index_patterns
from pagewash.transforms.dedup.settings import DedupSettings


def first_run_docs():
    return [
        doc("old-rail", article("zh_rail"), score=0.1),
        doc("old-rail-copy", article("zh_rail").replace("，", ","), score=0.0),
        doc("old-harbour", article("en_harbour"), score=0.1),
    ]


def second_run_docs():
    return [
        # A better copy of an old document still loses: old documents win.
        doc("new-rail", article("zh_rail") + "\n来源：铁路日报", score=0.99, published="2001-01-01"),
        doc("new-harbour", article("en_harbour").upper(), score=0.99),
        doc("new-library", article("en_library"), score=0.5),
        doc("new-library-copy", article("en_library").replace("eighty", "ninety"), score=0.4),
        doc("new-rain", article("zh_rain")),
    ]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("incremental")
    first = run_dedup(first_run_docs(), str(root / "run1"))
    second = run_dedup(second_run_docs(), str(root / "run2"), against=[str(root / "run1" / "dedup_index")])
    # The third run is given only the second run's output directory: it covers run 1 too.
    third = run_dedup([doc("newer-rail", article("zh_rail").replace("。", ". ")),
                       doc("newer-library", article("en_library") + " (Updated.)"),
                       doc("newer-orchard", article("en_orchard"))],
                      str(root / "run3"), against=[str(root / "run2")])
    return root, first, second, third


def test_first_run_index_holds_the_kept_documents(runs):
    root, first, _, _ = runs
    assert set(first["kept"]) == {"old-rail", "old-harbour"}
    rows = list(read_index_rows(str(root / "run1" / "dedup_index")))
    assert sorted(r["id"] for r in rows) == ["old-harbour", "old-rail"]
    row = next(r for r in rows if r["id"] == "old-rail")
    assert len(row["signature"]) == TEST_SETTINGS.num_perm and len(row["band_keys"]) == TEST_SETTINGS.bands
    assert row["shingles"] == "char" and row["params"] == TEST_SETTINGS.signature_params
    assert sorted(os.listdir(root / "run1" / "dedup_index")) == [
        "part-00000-of-00002.parquet", "part-00001-of-00002.parquet"]


def test_new_duplicates_of_old_documents_are_rejected(runs):
    _, _, second, _ = runs
    rejected = second["rejected"]
    assert rejected["new-rail"]["reason"] == "near_duplicate"
    assert rejected["new-rail"]["duplicate_of"] == "old-rail"
    assert rejected["new-harbour"]["reason"] == "exact_duplicate"
    assert rejected["new-harbour"]["duplicate_of"] == "old-harbour"
    assert rejected["new-library-copy"]["duplicate_of"] == "new-library"
    assert set(second["kept"]) == {"new-library", "new-rain"}
    assert second["kept"]["new-library"]["dedup"] == {"cluster": "new-library", "cluster_size": 2}


def test_new_index_covers_old_and_new(runs):
    root, _, _, third = runs
    rows = list(read_index_rows(str(root / "run2" / "dedup_index")))
    assert sorted(r["id"] for r in rows) == ["new-library", "new-rain", "old-harbour", "old-rail"]
    assert third["rejected"]["newer-rail"]["duplicate_of"] == "old-rail"
    assert third["rejected"]["newer-rail"]["reason"] == "exact_duplicate"
    assert third["rejected"]["newer-library"]["duplicate_of"] == "new-library"
    assert set(third["kept"]) == {"newer-orchard"}
    rows = list(read_index_rows(str(root / "run3" / "dedup_index")))
    assert len(rows) == 5


def test_refresh_output_is_deterministic(runs, tmp_path):
    root, _, _, _ = runs
    again = run_dedup(list(reversed(second_run_docs())), str(tmp_path / "again"),
                      against=[str(root / "run1" / "dedup_index")])
    assert tree_bytes(str(tmp_path / "again")) == tree_bytes(str(root / "run2"))
    assert set(again["kept"]) == {"new-library", "new-rain"}


def test_index_with_other_minhash_parameters_is_refused(runs, tmp_path):
    root, _, _, _ = runs
    other = DedupSettings(num_perm=64, bands=8, rows=8, max_rounds=2, index_shards=2)
    with pytest.raises(Exception) as raised:
        run_dedup([doc("x", article("en_orchard"))], str(tmp_path), settings=other,
                  against=[str(root / "run1" / "dedup_index")])
    assert IndexMismatch.__name__ in repr(raised.value) or "was made with" in str(raised.value)


def test_missing_index_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        index_patterns([str(tmp_path / "nothing-here")])
