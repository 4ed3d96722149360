import gzip
import io
import json

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.util import assert_that, equal_to

from conftest import PAGES
from pagewash.pipeline.options import IN_PROCESS_RUNNER
from pagewash.transforms.read import (GzipStream, InputFile, ReadLimits, ReadPages, expand_input, glob_root,
                             read_input_file, relative_id)
from pagewash.transforms.record import Doc, Kind, Rejected


def _file(path):
    return InputFile(str(path.parent), str(path), path.stat().st_size)


def test_directory_input_is_recursive_with_relative_ids():
    files = expand_input(str(PAGES))
    ids = sorted(relative_id(f.root, f.path) for f in files)
    assert "000_881144d87d35434e.txt" in ids
    assert "html/brief_gbk.html" in ids and "warc/crawl.warc.gz" in ids and "jsonl/pages.jsonl" in ids


def test_glob_and_single_file_inputs():
    globbed = expand_input(str(PAGES / "html" / "*.html"))
    assert {relative_id(f.root, f.path) for f in globbed} >= {"brief_gbk.html", "en_local_0.html"}
    assert glob_root("/data/crawl/*/x.html") == "/data/crawl"
    single = expand_input(str(PAGES / "004_8a5c97233401eb35.txt"))
    assert [relative_id(f.root, f.path) for f in single] == ["004_8a5c97233401eb35.txt"]


def test_text_and_html_pages_are_read_as_raw_bytes():
    [doc] = read_input_file(_file(PAGES / "000_881144d87d35434e.txt"), ReadLimits())
    assert doc.kind == Kind.TEXT and doc.id == "000_881144d87d35434e.txt" and doc.content.startswith("荣成".encode())
    [html] = read_input_file(_file(PAGES / "html" / "brief_gbk.html"), ReadLimits())
    assert html.kind == Kind.HTML and b'charset="gbk"' in html.content


def test_size_limit_rejects_before_reading(tmp_path):
    page = tmp_path / "big.html"
    page.write_bytes(b"<p>" + b"x" * 5000 + b"</p>")
    [result] = read_input_file(_file(page), ReadLimits(max_page_bytes=1000))
    assert isinstance(result, Rejected) and result.reason == "too_large" and "5007 bytes" in result.detail


def test_jsonl_ids_fields_and_broken_lines(tmp_path):
    path = tmp_path / "pages.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "a", "url": "https://x.example/a", "html": "<p>hi</p>"}) + "\n")
        handle.write("\n")
        handle.write(json.dumps({"text": "plain text"}) + "\n")
        handle.write("{not json}\n")
        handle.write(json.dumps({"id": "n", "neither": 1}) + "\n")
        handle.write(json.dumps([1, 2]) + "\n")
    results = list(read_input_file(InputFile(str(tmp_path), str(path), path.stat().st_size), ReadLimits()))
    assert [type(r).__name__ for r in results] == ["Doc", "Doc", "ErrorRecord", "ErrorRecord", "ErrorRecord"]
    assert results[0].id == "a" and results[0].kind == Kind.HTML and results[0].url == "https://x.example/a"
    assert results[1].id == "pages.jsonl.gz#3" and results[1].kind == Kind.TEXT
    assert results[2].id == "pages.jsonl.gz#4" and results[2].error_type == "JSONDecodeError"
    assert results[3].id == "n" and results[3].error_type == "MalformedRecord"


def test_warc_reads_html_responses_only_with_record_metadata():
    results = list(read_input_file(_file(PAGES / "warc" / "crawl.warc.gz"), ReadLimits()))
    assert all(isinstance(r, Doc) for r in results)
    by_id = {r.id: r for r in results}
    assert set(by_id) == {"<urn:uuid:00000000-0000-4000-8000-000000000002>",
                          "<urn:uuid:00000000-0000-4000-8000-000000000003>"}
    gbk = by_id["<urn:uuid:00000000-0000-4000-8000-000000000003>"]
    assert gbk.url == "https://news.example.cn/2020/lift.html"
    assert gbk.fetched == "2024-05-01T10:00:02Z" and gbk.http_charset == "GBK"
    assert "加装电梯".encode("gbk") in gbk.content


def test_gzip_stream_keeps_whole_data_and_flags_truncation():
    data = b"".join(f"line {i}\n".encode() for i in range(1000))
    whole = gzip.compress(data[:4000], mtime=0) + gzip.compress(data[4000:], mtime=0)  # two members
    stream = GzipStream(io.BytesIO(whole))
    assert io.BufferedReader(stream).read() == data and not stream.truncated
    cut = GzipStream(io.BytesIO(whole[:-30]))
    partial = io.BufferedReader(cut).read()
    assert cut.truncated and data.startswith(partial) and len(partial) > 4000


def test_read_pages_transform_accounts_for_every_record(bad_inputs):
    directory, _ = bad_inputs
    with beam.Pipeline(options=PipelineOptions([f"--runner={IN_PROCESS_RUNNER}"])) as pipeline:
        read = pipeline | ReadPages([str(directory)], ReadLimits())
        counts = ((read.docs | "d" >> beam.Map(lambda r: "doc")),
                  (read.rejected | "r" >> beam.Map(lambda r: f"rejected:{r.reason}")),
                  (read.errors | "e" >> beam.Map(lambda r: f"error:{r.error_type}"))) | beam.Flatten()
        summary = counts | beam.combiners.Count.PerElement()
        assert_that(summary, equal_to([
            # empty, junk, latin1, nested: 1 each; truncated/broken JSONL: 4 + 2; truncated WARCs: 1 + 2
            ("doc", 13),
            ("rejected:too_large", 1), ("rejected:unsupported_file", 1),
            ("error:JSONDecodeError", 1), ("error:TruncatedInput", 3),
        ]))
