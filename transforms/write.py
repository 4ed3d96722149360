"""Deterministic sharded writers: JSON Lines (gzip) and Parquet.

Byte-identical output whatever the runner, worker count or bundle order:
a record's shard is a stable hash (xxh64) of its id modulo a fixed shard
count; within a shard, records are sorted by (id, serialised record); gzip
headers carry no timestamp or file name.  Every shard file is written, empty
or not, so the layout depends only on the shard count.

No shard is ever held in memory: each bundle sorts what it holds of a shard
(at most ``RUN_BYTES`` at a time) and spills it as a sorted *run* file beside
the output (``<dir>/.runs/``); only the runs' paths are grouped by shard, and
the shard's writer merges its runs (a streaming k-way merge on the same
(id, record) order) into the final file, then deletes them.  Memory is flat in
the corpus size, and the shuffle carries paths, not records.
"""
from __future__ import annotations

import gzip
import heapq
import io
import json
import struct
import uuid
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Tuple

import apache_beam as beam
import pyarrow as pa
import pyarrow.parquet as pq
import xxhash
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems

from pagewash.transforms import counters
from pagewash.transforms.spill import SortedRunSpiller
from pagewash.transforms.stage import counter


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


# A bundle spills a sorted run once it holds this many characters of records (all shards
# together).  The clean, rejected, error and index writers all hold theirs in the one fused step
# after dedup's decision, as Python strings (2 bytes a character for CJK text, 4 with one emoji):
# 4 Mi characters each held up to ~60 MB there once a corpus passed a few thousand documents;
# 1 Mi keeps it ~15 MB, at the price of four times more (smaller) runs to merge per shard.
RUN_BYTES = 1 << 20
# Parquet rows are written this many at a time (one row group), converted from JSON
# PARQUET_CONVERT_ROWS at a time, so that only that many rows are ever held as Python objects.
PARQUET_BATCH_ROWS = 1000
PARQUET_CONVERT_ROWS = 100
RUNS_DIR = ".runs"
_LENGTHS = struct.Struct("<II")


def runs_dir(directory: str) -> str:
    """Where the sorted runs of the shards of ``directory`` are spilled."""
    return f"{directory.rstrip('/')}/{RUNS_DIR}"


def write_run(path: str, items: List[Tuple[str, str]]) -> None:
    """Writes sorted (key, line) pairs: two little-endian lengths, then the UTF-8 key and line."""
    with FileSystems.create(path, compression_type=CompressionTypes.UNCOMPRESSED) as out:
        chunk: List[bytes] = []
        size = 0
        for key, line in items:
            key_bytes, line_bytes = key.encode("utf-8"), line.encode("utf-8")
            chunk += (_LENGTHS.pack(len(key_bytes), len(line_bytes)), key_bytes, line_bytes)
            size += len(key_bytes) + len(line_bytes)
            if size >= 1 << 20:
                out.write(b"".join(chunk))
                chunk, size = [], 0
        out.write(b"".join(chunk))


def read_run(path: str) -> Iterator[Tuple[str, str]]:
    with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as stream:
        while True:
            head = stream.read(_LENGTHS.size)
            if not head:
                return
            key_len, line_len = _LENGTHS.unpack(head)
            body = stream.read(key_len + line_len)
            yield body[:key_len].decode("utf-8"), body[key_len:].decode("utf-8")


PLAIN_COLUMNS_KEY = b"pagewash.parquet_plain_columns"


def _dictionary_columns(schema: pa.Schema):
    """Parquet's ``use_dictionary`` for ``schema``: every column (True), unless the schema's metadata
    names columns to write without a dictionary (``PLAIN_COLUMNS_KEY``, comma-separated: columns of
    hashes, whose values almost never repeat, so a dictionary only costs)."""
    plain = (schema.metadata or {}).get(PLAIN_COLUMNS_KEY)
    if not plain:
        return True
    names = set(plain.decode("utf-8").split(","))
    return [field.name for field in schema if field.name not in names]


def write_parquet(path: str, lines: Iterable[str], schema: pa.Schema) -> None:
    """Writes JSON lines as Parquet rows of ``schema``, ``PARQUET_BATCH_ROWS`` rows per row group.

    A row group is assembled from Arrow record batches of ``PARQUET_CONVERT_ROWS`` rows, so the
    parsed rows of a whole row group never exist at once; the file is the same byte for byte as
    when the row group is converted in one piece (tested)."""
    with FileSystems.create(path, compression_type=CompressionTypes.UNCOMPRESSED) as raw:
        with pq.ParquetWriter(raw, schema, compression="zstd", write_statistics=True,
                              use_dictionary=_dictionary_columns(schema)) as writer:
            rows: List[Dict[str, Any]] = []
            batches: List[pa.RecordBatch] = []
            held = 0  # rows in ``batches``
            written = False
            for line in lines:
                rows.append(json.loads(line))
                if len(rows) >= PARQUET_CONVERT_ROWS or held + len(rows) >= PARQUET_BATCH_ROWS:
                    batches.append(pa.RecordBatch.from_pylist(rows, schema=schema))
                    held += len(rows)
                    rows = []
                if held >= PARQUET_BATCH_ROWS:
                    table = _row_group(batches, schema)
                    batches, held, written = [], 0, True  # the batches are freed before the encoding
                    writer.write_table(table)
                    del table
            if rows:
                batches.append(pa.RecordBatch.from_pylist(rows, schema=schema))
                rows = []
            if batches or not written:  # an empty shard still gets its (empty) table
                table = _row_group(batches, schema)
                batches = []
                writer.write_table(table)


def _row_group(batches: List[pa.RecordBatch], schema: pa.Schema) -> pa.Table:
    """One table of contiguous columns: the writer cuts pages as it would for one conversion."""
    return pa.Table.from_batches(batches, schema=schema).combine_chunks()


class _SpillRuns(SortedRunSpiller):
    """(shard, (key, line)) -> (shard, path of a sorted run), a run per shard every RUN_BYTES."""

    run_bytes = RUN_BYTES

    def __init__(self, name: str, directory: str):
        self.name = name
        self.directory = directory

    def process(self, element):
        shard, item = element
        yield from self.hold(shard, item, len(item[0]) + len(item[1]))

    def run_path(self, partition: int) -> str:
        return f"{runs_dir(self.directory)}/{self.name}-{partition:05d}-{uuid.uuid4().hex}.run"

    def write_run(self, path: str, items: List[Tuple[str, str]]) -> None:
        write_run(path, items)


class _WriteShard(beam.DoFn):
    def __init__(self, name: str, jsonl_dir: Optional[str], parquet_dir: Optional[str],
                 num_shards: int, schema: Optional[pa.Schema]):
        self.name = name
        self.jsonl_dir = jsonl_dir
        self.parquet_dir = parquet_dir
        self.num_shards = num_shards
        self.schema = schema

    def process(self, element: Tuple[int, Iterable[Optional[str]]]):
        index, runs = element
        runs = sorted(path for path in runs if path is not None)

        def merged() -> Iterator[str]:
            for _key, line in heapq.merge(*(read_run(path) for path in runs)):
                yield line

        paths, count = [], 0
        if self.jsonl_dir is not None:
            path = shard_path(self.jsonl_dir, index, self.num_shards, ".jsonl.gz")
            count = write_jsonl_gz(path, merged())
            paths.append(path)
        if self.parquet_dir is not None:
            path = shard_path(self.parquet_dir, index, self.num_shards, ".parquet")
            counted = _Counted(merged())
            write_parquet(path, counted, self.schema)
            count = counted.count
            paths.append(path)
        if runs:
            FileSystems.delete(runs)
        counter(counters.written(self.name)).inc(count)
        yield from paths


class _Counted:
    def __init__(self, items: Iterator[str]):
        self.items, self.count = items, 0

    def __iter__(self):
        for item in self.items:
            self.count += 1
            yield item


class WriteShards(beam.PTransform):
    """Writes records as ``part-NNNNN-of-MMMMM`` shards, deterministically.

    ``to_row`` turns a record into a dict (one JSON object / Parquet row);
    ``key`` gives the id used for sharding and ordering; ``records`` is a
    PCollection or a tuple of them (written as one).  Writes JSON Lines
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

        pipeline = records[0].pipeline if isinstance(records, (tuple, list)) else records.pipeline
        every_shard = (
            pipeline
            | "ShardIds" >> beam.Create([(i, None) for i in range(num_shards)])
        )
        # Several inputs (every stage's rejections) are each cut into sorted runs where they are made,
        # so only run paths are flattened: a Flatten of producers that cannot fuse is held in memory.
        inputs = list(records) if isinstance(records, (tuple, list)) else [records]
        by_shard = [
            pcoll
            | f"KeyByShard{suffix}" >> beam.Map(keyed)
            | f"SpillSortedRuns{suffix}" >> beam.ParDo(_SpillRuns(self.name, self.jsonl_dir or self.parquet_dir))
            for suffix, pcoll in ((str(i) if i else "", pcoll) for i, pcoll in enumerate(inputs))
        ]
        written = (
            (*by_shard, every_shard)
            | "WithEveryShard" >> beam.Flatten()
            | "GroupByShard" >> beam.GroupByKey()
            | "WriteShard" >> beam.ParDo(_WriteShard(self.name, self.jsonl_dir, self.parquet_dir,
                                                     num_shards, self.schema))
        )
        directory = self.jsonl_dir or self.parquet_dir
        _ = (written
             | "AllShardsWritten" >> beam.combiners.Count.Globally()
             | "RemoveRunsDir" >> beam.Map(lambda _count: remove_runs_dirs([directory])))
        return written


def remove_runs_dirs(directories: Iterable[str]) -> None:
    """Removes the (emptied) run directories once a run is over."""
    for directory in directories:
        path = runs_dir(directory)
        if FileSystems.exists(path):
            FileSystems.delete([path])
