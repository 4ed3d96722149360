import gzip
import json

import apache_beam as beam
import pyarrow.parquet as pq
from apache_beam.options.pipeline_options import PipelineOptions

from pagewash.pipeline.options import IN_PROCESS_RUNNER
from pagewash.transforms.record import Doc
from pagewash.transforms.schema import CLEAN_SCHEMA, META_FIELDS, QUALITY_FIELDS, REMOVAL_FIELDS, clean_row
from pagewash.transforms.write import WriteShards, shard_of


def _docs(n):
    return [Doc(id=f"doc-{i:03d}", source="s", text=f"文本 {i}", removed={"place_list": 2, "unlisted_rule": 1},
                quality={"score": 0.5}, meta={"charset": "utf-8", "undocumented": "x"}, markup_keywords=("a", "b")) for i in range(n)]


def _write(tmp_path, docs, shards=3):
    with beam.Pipeline(options=PipelineOptions([f"--runner={IN_PROCESS_RUNNER}"])) as pipeline:
        _ = (pipeline | beam.Create(docs)
             | WriteShards("clean", clean_row, shards, jsonl_dir=str(tmp_path / "clean"),
                           parquet_dir=str(tmp_path / "parquet"), schema=CLEAN_SCHEMA))


def test_shard_of_is_stable():
    assert shard_of("000_881144d87d35434e.txt", 4) == shard_of("000_881144d87d35434e.txt", 4)
    assert {shard_of(f"id-{i}", 4) for i in range(100)} == {0, 1, 2, 3}


def test_every_shard_written_sorted_and_schema_declared(tmp_path):
    docs = _docs(20)
    _write(tmp_path, list(reversed(docs)), shards=3)
    files = sorted((tmp_path / "clean").iterdir())
    assert [f.name for f in files] == [f"part-0000{i}-of-00003.jsonl.gz" for i in range(3)]
    seen = []
    for index, path in enumerate(files):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle]
        ids = [row["id"] for row in rows]
        assert ids == sorted(ids) and all(shard_of(i, 3) == index for i in ids)
        seen += ids
    assert sorted(seen) == [d.id for d in docs]
    row = json.loads(gzip.open(files[0], "rt").readline())
    assert list(row) == CLEAN_SCHEMA.names
    # nested fields are fixed structs: every declared field, in order, whatever the document has
    assert list(row["removed"]) == list(REMOVAL_FIELDS) + ["other"] and row["chars"] == len(row["text"])
    assert row["removed"]["place_list"] == 2 and row["removed"]["other"] == 1  # undeclared reasons add up
    assert list(row["quality"]) == list(QUALITY_FIELDS) and row["quality"]["score"] == 0.5
    assert row["quality"]["word_count"] is None
    # only documented metadata: the cleaner's working keys never reach the corpus
    assert list(row["meta"]) == list(META_FIELDS) and row["meta"]["charset"] == "utf-8"
    assert "a|b" not in json.dumps(row)
    assert row["lang"] is None and row["dedup"] is None
    table = pq.read_table(tmp_path / "parquet" / "part-00000-of-00003.parquet")
    assert table.schema.equals(CLEAN_SCHEMA, check_metadata=False)
    assert table.schema.metadata[b"pagewash.schema_version"] == b"2"
    # Parquet and JSON Lines rows are the same objects
    assert table.to_pylist()[0] == row


def test_output_bytes_do_not_depend_on_input_order(tmp_path):
    docs = _docs(30)
    _write(tmp_path / "a", docs)
    _write(tmp_path / "b", list(reversed(docs)))
    for sub in ("clean", "parquet"):
        for path in sorted((tmp_path / "a" / sub).iterdir()):
            assert path.read_bytes() == (tmp_path / "b" / sub / path.name).read_bytes()
    # gzip header: no timestamp, no file name
    header = (tmp_path / "a" / "clean" / "part-00000-of-00003.jsonl.gz").read_bytes()[:10]
    assert header[4:8] == b"\x00\x00\x00\x00" and header[3] & 0x08 == 0


def test_runs_and_their_merge_give_the_order_of_one_sort(tmp_path, monkeypatch):
    import pagewash.transforms.write as write

    docs = _docs(60)
    _write(tmp_path / "one", docs, shards=2)
    monkeypatch.setattr(write, "RUN_BYTES", 200)  # a run every few records: many runs per shard
    _write(tmp_path / "many", list(reversed(docs)), shards=2)
    for i in range(2):
        name = f"part-0000{i}-of-00002.jsonl.gz"
        assert (tmp_path / "one" / "clean" / name).read_bytes() == (tmp_path / "many" / "clean" / name).read_bytes()
        one = pq.read_table(tmp_path / "one" / "parquet" / name.replace(".jsonl.gz", ".parquet"))
        many = pq.read_table(tmp_path / "many" / "parquet" / name.replace(".jsonl.gz", ".parquet"))
        assert one.equals(many)
    # the runs are gone once the shards are written
    assert sorted(p.name for p in (tmp_path / "many" / "clean").iterdir()) == [
        "part-00000-of-00002.jsonl.gz", "part-00001-of-00002.jsonl.gz"]


def test_run_files_round_trip_keys_with_separators(tmp_path):
    from pagewash.transforms.write import read_run, write_run

    items = sorted([("a\x00b", '{"x":1}'), ("文本", "行\n"), ("", "")])
    path = str(tmp_path / "r.run")
    write_run(path, items)
    assert list(read_run(path)) == items


def test_declared_struct_fields_cover_what_the_stages_produce(fixtures_run):
    from conftest import read_jsonl_dir
    from pagewash.transforms.record import SPAM_REMOVAL_REASONS
    from pagewash.transforms.spam.clean import META_KEYS

    assert SPAM_REMOVAL_REASONS <= set(REMOVAL_FIELDS) and set(META_KEYS) <= set(META_FIELDS)
    output, _ = fixtures_run
    rows = read_jsonl_dir(output / "clean")
    assert rows and all(row["removed"]["other"] == 0 for row in rows)  # no undeclared removal reason
    assert any(row["removed"]["place_list"] for row in rows)


def test_parquet_row_groups_built_from_small_batches_are_the_same_bytes(tmp_path):
    import random

    import pyarrow as pa

    from pagewash.transforms.write import PARQUET_BATCH_ROWS, json_line, write_parquet

    rng = random.Random(7)
    words = ["文本", "页面", "article", "text", "数据", "清洗", "the", "corpus"]
    docs = [Doc(id=f"doc-{i:05d}", source="s", text=" ".join(rng.choice(words) for _ in range(rng.randint(1, 400))),
                removed={"place_list": rng.randint(0, 9)}, quality={"score": rng.random()},
                lang=rng.choice(["zh", "en", None]), meta={"charset": "utf-8"}) for i in range(2 * PARQUET_BATCH_ROWS + 345)]
    lines = [json_line(clean_row(doc)) for doc in docs]
    write_parquet(str(tmp_path / "batched.parquet"), iter(lines), CLEAN_SCHEMA)
    # the same file converted one whole row group at a time
    with pq.ParquetWriter(str(tmp_path / "whole.parquet"), CLEAN_SCHEMA, compression="zstd",
                          write_statistics=True) as writer:
        for start in range(0, len(lines), PARQUET_BATCH_ROWS):
            rows = [json.loads(line) for line in lines[start:start + PARQUET_BATCH_ROWS]]
            writer.write_table(pa.Table.from_pylist(rows, schema=CLEAN_SCHEMA))
    assert (tmp_path / "batched.parquet").read_bytes() == (tmp_path / "whole.parquet").read_bytes()
    assert pq.ParquetFile(tmp_path / "batched.parquet").metadata.num_row_groups == 3
    write_parquet(str(tmp_path / "empty.parquet"), iter([]), CLEAN_SCHEMA)
    assert pq.read_table(tmp_path / "empty.parquet").num_rows == 0
