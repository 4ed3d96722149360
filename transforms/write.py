"""Deterministic sharded writers: JSON Lines (gzip) and Parquet.

Byte-identical output whatever the runner, worker count or bundle order:
a record's shard is a stable hash (xxh64) of its id modulo a fixed shard
count; within a shard, records are sorted by (id, serialised record); gzip
headers carry no timestamp or file name.  Every shard file is written, empty
or not, so the layout depends only on the shard count.

A shard is sorted in one worker's memory, so choose ``--num_shards`` so that a
shard stays well under a worker's memory (a few hundred MB of text each).
"""
from __future__ import annotations

import gzip
import io
import json
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple

import apache_beam as beam
import pyarrow as pa
import pyarrow.parquet as pq
import xxhash
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems

from pagewash.transforms.stage import stage_counter


def shard_of(key: str, num_shards: int) -> int:
    """The shard of a record id: stable across processes, runs and platforms."""
    return xxhash.xxh64_intdigest((key or "").encode("utf-8")) % num_shards


def shard_path(directory: str, index: int, num_shards: int, suffix: str) -> str:
    return f"{directory.rstrip('/')}/part-{index:05d}-of-{num_shards:05d}{suffix}"


def json_line(row: Dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


def write_jsonl_gz(path: str, lines: Iterable[str]) -> int:
    count = 0
    with FileSystems.create(path, compression_type=CompressionTypes.UNCOMPRESSED) as raw:
        # mtime=0 and an empty file name keep the gzip header identical between runs.
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6) as gz:
            buffer = io.TextIOWrapper(gz, encoding="utf-8", newline="\n")
            for line in lines:
                buffer.write(line)
                buffer.write("\n")
                count += 1
            buffer.flush()
            buffer.detach()
    return count


def write_parquet(path: str, rows: List[Dict[str, Any]], schema: pa.Schema) -> None:
    table = pa.Table.from_pylist(rows, schema=schema)
    with FileSystems.create(path, compression_type=CompressionTypes.UNCOMPRESSED) as raw:
        pq.write_table(table, raw, compression="zstd", write_statistics=True)


class _WriteShard(beam.DoFn):
    def __init__(self, name: str, jsonl_dir: Optional[str], parquet_dir: Optional[str],
                 num_shards: int, schema: Optional[pa.Schema]):
        self.name = name
        self.jsonl_dir = jsonl_dir
        self.parquet_dir = parquet_dir
        self.num_shards = num_shards
        self.schema = schema

    def process(self, element: Tuple[int, Iterable[Any]]):
        index, items = element
        keyed = sorted(item for item in items if item is not None)
        lines = [line for _, line in keyed]
        paths = []
        if self.jsonl_dir is not None:
            path = shard_path(self.jsonl_dir, index, self.num_shards, ".jsonl.gz")
            write_jsonl_gz(path, lines)
            paths.append(path)
        if self.parquet_dir is not None:
            path = shard_path(self.parquet_dir, index, self.num_shards, ".parquet")
            write_parquet(path, [json.loads(line) for line in lines], self.schema)
            paths.append(path)
        stage_counter("write", f"{self.name}_records").inc(len(lines))
        yield from paths


class WriteShards(beam.PTransform):
    """Writes records as ``part-NNNNN-of-MMMMM`` shards, deterministically.

    ``to_row`` turns a record into a dict (one JSON object / Parquet row);
    ``key`` gives the id used for sharding and ordering.  Writes JSON Lines
    to ``jsonl_dir`` and/or Parquet (with ``schema``) to ``parquet_dir``.
    Returns the PCollection of written file paths.
    """

    def __init__(self, name: str, to_row: Callable[[Any], Dict[str, Any]], num_shards: int,
                 jsonl_dir: Optional[str] = None, parquet_dir: Optional[str] = None,
                 schema: Optional[pa.Schema] = None, key: Callable[[Any], str] = lambda r: r.id or ""):
        super().__init__()
        if parquet_dir is not None and schema is None:
            raise ValueError("a Parquet output needs a schema")
        self.name = name
        self.to_row = to_row
        self.num_shards = num_shards
        self.jsonl_dir = jsonl_dir
        self.parquet_dir = parquet_dir
        self.schema = schema
        self.key = key

    def expand(self, records):
        num_shards, to_row, key = self.num_shards, self.to_row, self.key

        def keyed(record):
            record_key = key(record)
            return shard_of(record_key, num_shards), (record_key, json_line(to_row(record)))

        every_shard = (
            records.pipeline
            | "ShardIds" >> beam.Create([(i, None) for i in range(num_shards)])
        )
        by_shard = records | "KeyByShard" >> beam.Map(keyed)
        return (
            (by_shard, every_shard)
            | "WithEveryShard" >> beam.Flatten()
            | "GroupByShard" >> beam.GroupByKey()
            | "WriteShard" >> beam.ParDo(_WriteShard(self.name, self.jsonl_dir, self.parquet_dir,
                                                     num_shards, self.schema))
        )
