"""End-to-end runs of the real pipeline: layout, accounting, determinism, bad inputs."""
import json

import pytest

from conftest import PAGES, file_bytes, read_jsonl_dir, read_outputs, run_pipeline


def test_fixture_run_layout_and_report(fixtures_run):
    output, report = fixtures_run
    for sub in ("clean", "parquet", "rejected", "errors"):
        assert sorted(p.name for p in (output / sub).iterdir())[0].startswith("part-00000-of-00004")
    saved = json.loads((output / "report.json").read_text())
    assert saved["counts"] == report["counts"]
    assert saved["counts"]["accounted"] is True
    assert saved["settings"]["input"] and "apache-beam" in saved["versions"]
    assert saved["settings"]["num_shards"] == 4  # effective settings: defaults included
    assert (output / "_SUCCESS").exists() and (output / "report.md").exists() and (output / "README.md").exists()
    assert saved["wall_seconds"] > 0


def test_fixture_run_reads_every_format(fixtures_run):
    output, report = fixtures_run
    outputs = read_outputs(output)
    # The fixtures carry the same articles in several formats, so dedup rejects the copies.
    kept = {r["id"] for r in outputs["clean"]}
    duplicates = {r["id"]: r for r in outputs["rejected"] if r["reason"] in ("exact_duplicate", "near_duplicate")}
    assert {"000_881144d87d35434e.txt", "004_8a5c97233401eb35.txt", "html/brief_gbk.html",
            "html/library_gb18030.html", "html/elders_big5.htm", "jsonl-en-bikes", "jsonl/pages.jsonl#2",
            "<urn:uuid:00000000-0000-4000-8000-000000000003>"} <= kept | set(duplicates)
    assert all(d["duplicate_of"] in kept for d in duplicates.values())
    assert not outputs["errors"] and len(outputs["rejected"]) == len(duplicates)
    total = sum(len(v) for v in outputs.values())
    assert total == report["counts"]["input"] == 13


def test_fixture_run_without_dedup_keeps_every_page(tmp_path):
    report = run_pipeline([PAGES], tmp_path, "--no_dedup")
    outputs = read_outputs(tmp_path)
    assert report["counts"]["clean"] == len(outputs["clean"]) == 13
    warc = next(r for r in outputs["clean"] if r["id"] == "<urn:uuid:00000000-0000-4000-8000-000000000003>")
    assert "加装电梯" in warc["text"] and warc["fetched"] == "2024-05-01T10:00:02Z"
    gbk = next(r for r in outputs["clean"] if r["id"] == "html/brief_gbk.html")
    assert gbk["lang"] == "zh" and gbk["dedup"] is None and gbk["quality"]["score"] > 0.5


def test_bad_inputs_are_all_accounted_for(bad_inputs, tmp_path):
    directory, expected = bad_inputs
    # The bad inputs' articles are variants of one text: keep dedup out of this accounting check.
    report = run_pipeline([directory], tmp_path, "--no_dedup")
    outputs = read_outputs(tmp_path)
    counts = report["counts"]
    assert counts["accounted"]
    assert counts["input"] == sum(len(v) for v in outputs.values())
    assert counts["clean"] == len(outputs["clean"]) and counts["errors"] == len(outputs["errors"])
    for name, fate in expected.items():
        got = tuple(sum(1 for r in outputs[kind] if r["source"].endswith("/" + name))
                    for kind in ("clean", "rejected", "errors"))
        if fate is None:
            assert sum(got) >= 1, name
        else:
            assert got == fate, name
    errors = {r["source"].rsplit("/", 1)[1]: r for r in outputs["errors"]}
    assert errors["junk.html"]["error_type"] == "BinaryContent"
    assert errors["truncated.warc.gz"]["error_type"] == "TruncatedInput"
    assert errors["broken_line.jsonl"]["id"] == "broken_line.jsonl#2"
    rejected = {r["source"].rsplit("/", 1)[1]: r for r in outputs["rejected"]}
    assert rejected["huge.html"]["reason"] == "too_large" and rejected["notes.md"]["reason"] == "unsupported_file"
    assert report["rejected_by_stage"]["read"]["too_large"] == 1


def test_same_input_gives_byte_identical_output(fixtures_run, tmp_path):
    output, _ = fixtures_run
    run_pipeline([PAGES], tmp_path)
    assert file_bytes(tmp_path) == file_bytes(output)


@pytest.mark.parametrize("flags", [
    ("--direct_running_mode=multi_processing", "--direct_num_workers=2"),
    ("--runner=PortableRunner", "--job_endpoint=embed", "--environment_type=LOOPBACK"),
], ids=["multi_processing", "portable"])
def test_running_modes_give_the_same_bytes(fixtures_run, tmp_path, flags):
    output, _ = fixtures_run
    report = run_pipeline([PAGES], tmp_path, *flags)
    assert report["counts"]["accounted"]
    assert file_bytes(tmp_path) == file_bytes(output)


def test_several_inputs_and_globs(tmp_path):
    report = run_pipeline([PAGES / "html" / "*.html", PAGES / "004_8a5c97233401eb35.txt"], tmp_path, "--no_dedup")
    ids = {r["id"] for r in read_outputs(tmp_path)["clean"]}
    assert ids == {"brief_gbk.html", "en_local_0.html", "en_local_1.html", "library_gb18030.html",
                   "seed004_portal.html", "004_8a5c97233401eb35.txt"}
    assert report["counts"]["input"] == 6


def test_scheduled_refresh_dedups_against_earlier_runs(tmp_path):
    first, second, third = tmp_path / "run1", tmp_path / "run2", tmp_path / "run3"
    run_pipeline([PAGES / "html"], first)
    kept_first = {r["id"] for r in read_outputs(first)["clean"]}
    assert kept_first and list((first / "dedup_index").glob("*.parquet"))

    # The refresh reads everything, html/ included (ids now carry the html/ prefix): old
    # documents win, so each page the first run kept comes back rejected, pointing at the old id.
    run_pipeline([PAGES], second, "--dedup-against", str(first))
    outputs = read_outputs(second)
    rejected = {r["id"]: r for r in outputs["rejected"]}
    for old_id in kept_first:
        assert rejected[f"html/{old_id}"]["reason"] == "exact_duplicate"
        assert rejected[f"html/{old_id}"]["duplicate_of"] == old_id
    new_ids = {r["id"] for r in outputs["clean"]}
    assert "000_881144d87d35434e.txt" in new_ids and not any(i.startswith("html/") for i in new_ids)

    # The second index covers old and new: a third run of the same input keeps nothing new.
    run_pipeline([PAGES], third, "--dedup_against", str(second / "dedup_index"))
    assert read_outputs(third)["clean"] == []


def test_refresh_in_place_dedups_against_the_output_it_replaces(tmp_path):
    # The run writes to a staging directory, so it can read the index of the output it replaces.
    run_pipeline([PAGES / "html"], tmp_path)
    kept_first = {r["id"] for r in read_outputs(tmp_path)["clean"]}
    run_pipeline([PAGES / "html"], tmp_path, "--dedup_against", str(tmp_path), "--id_prefix", "again/")
    outputs = read_outputs(tmp_path)
    assert outputs["clean"] == [] and outputs["rejected"]
    assert all(r["id"].startswith("again/") and r["duplicate_of"] in kept_first for r in outputs["rejected"])


def test_seeds_come_out_clean_through_the_whole_pipeline(fixtures_run):
    output, _ = fixtures_run
    outputs = read_outputs(output)
    clean = {r["id"]: r for r in outputs["clean"]}
    # A seed may lose dedup to its copy in the HTML fixtures; its rejected record holds its cleaned text.
    duplicates = {r["id"]: r for r in outputs["rejected"] if r["stage"] == "dedup"}
    gold = [json.loads(line) for line in (PAGES.parent / "gold" / "seeds.jsonl").read_text("utf-8").splitlines()]
    for page in gold:
        text = (clean.get(page["id"]) or duplicates[page["id"]])["text"]
        for keep in page["must_keep"]:
            assert keep in text, (page["id"], keep)
        for drop in page["must_drop"]:
            assert drop not in text, (page["id"], drop)
    seed = clean["000_881144d87d35434e.txt"]
    assert seed["title"] == "对话专家:重拳打击遏制个人信息贩卖" and seed["lang"] == "zh"
    assert seed["published"].startswith("2019-09-21") and seed["meta"]["source_name"] == "法制日报"
    assert seed["dedup"] == {"cluster": "000_881144d87d35434e.txt", "cluster_size": 1}


def test_audit_writes_every_removed_span(tmp_path):
    run_pipeline([PAGES / "000_881144d87d35434e.txt"], tmp_path, "--audit", "--no_dedup")
    spans = read_jsonl_dir(tmp_path / "audit")
    record = read_outputs(tmp_path)["clean"][0]
    by_reason = {}
    for span in spans:
        assert span["id"] == "000_881144d87d35434e.txt"
        by_reason[span["reason"]] = by_reason.get(span["reason"], 0) + len(span["text"])
    assert by_reason == {reason: chars for reason, chars in record["removed"].items() if chars}
    assert any(span["reason"] == "place_list" and span["text"].startswith("荣成| 楚雄| 麦积") for span in spans)
