"""The fixtures' output loads as is with the loaders downstream teams use."""
from __future__ import annotations

import glob
import os

import pytest

from conftest import read_jsonl_dir


@pytest.fixture(scope="module")
def corpus(fixtures_run):
    output, report = fixtures_run
    return output, read_jsonl_dir(output / "clean"), report


def _by_id(rows):
    return {row["id"]: row for row in rows}


def test_pandas_reads_nested_fields_as_dicts(corpus):
    import pandas as pd

    output, rows, report = corpus
    frame = pd.read_parquet(output / "parquet")
    assert len(frame) == report["counts"]["clean"] == len(rows)
    first = frame.iloc[0]
    assert isinstance(first["removed"], dict) and isinstance(first["quality"], dict)
    assert isinstance(first["meta"], dict) and "markup_keywords" not in first["meta"]
    lines = pd.concat([pd.read_json(path, lines=True) for path in sorted(glob.glob(f"{output}/clean/*.jsonl.gz"))
                       if os.path.getsize(path) > 20])
    assert sorted(lines["id"]) == sorted(frame["id"])


def test_pyarrow_dataset_and_jsonl_have_the_same_rows(corpus):
    import pyarrow.dataset as ds

    output, rows, _ = corpus
    table = ds.dataset(output / "parquet", format="parquet").to_table()
    assert _by_id(table.to_pylist()) == _by_id(rows)  # same fields, same nesting, same values


def test_polars_reads_structs(corpus):
    import polars as pl

    output, rows, _ = corpus
    frame = pl.read_parquet(f"{output}/parquet/*.parquet")
    assert frame.height == len(rows)
    assert isinstance(frame.schema["removed"], pl.Struct) and isinstance(frame.schema["quality"], pl.Struct)
    place_list = frame.select(pl.col("removed").struct.field("place_list").sum()).item()
    assert place_list == sum(row["removed"]["place_list"] for row in rows) > 0


def test_duckdb_reads_parquet_and_jsonl_alike(corpus):
    import duckdb

    output, rows, _ = corpus
    parquet = duckdb.sql(f"SELECT id, removed.place_list, quality.score FROM '{output}/parquet/*.parquet' "
                         "ORDER BY id").fetchall()
    jsonl = duckdb.sql(f"SELECT id, removed.place_list, quality.score FROM read_json_auto('{output}/clean/*.jsonl.gz') "
                       "ORDER BY id").fetchall()
    assert parquet == jsonl and len(parquet) == len(rows)


def test_datasets_loads_the_corpus_in_one_line_without_the_index(corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    import datasets

    output, rows, _ = corpus
    by_dir = datasets.load_dataset("parquet", data_dir=str(output / "parquet"), split="train",
                                   cache_dir=str(tmp_path / "cache"))
    assert by_dir.num_rows == len(rows)
    assert by_dir.features["removed"]["place_list"] == datasets.Value("int64")
    assert _by_id(by_dir.to_list()) == _by_id(rows)
    # the output directory itself: the card's configs: name parquet/ only (no dedup_index/, no rejected/)
    by_card = datasets.load_dataset(str(output), split="train", cache_dir=str(tmp_path / "cache2"))
    assert by_card.num_rows == len(rows) and set(by_card.column_names) == set(by_dir.column_names)


def test_dataset_card_has_configs_schema_counts_and_settings(corpus):
    output, rows, report = corpus
    card = (output / "README.md").read_text("utf-8")
    front, body = card.split("---\n")[1], card.split("---\n", 2)[2]
    assert "configs:" in front and "path: parquet/*.parquet" in front and "dedup_index" not in front
    assert "- zh" in front and "- en" in front
    assert f"{report['counts']['clean']:,} documents kept" in body
    assert "| `removed` | `struct<html_hidden: int64" in body
    assert '"num_shards": 4' in body and "load_dataset(\"parquet\"" in body
