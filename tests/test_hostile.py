"""Hostile inputs through the CLI: each case of fixtures/make_bad_inputs.py HOSTILE run on its own.

Every case must exit 0 with every record accounted for; each test also
checks where the case's records land and why.
"""
import json
import os
import pathlib
import resource
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES, file_bytes, read_outputs

sys.path.insert(0, str(FIXTURES))
from make_bad_inputs import (HOSTILE, write_hostile_case, write_json_line_bomb,  # noqa: E402
                             write_warc_header_bomb)

PAGEWASH = str(pathlib.Path(sys.executable).parent / "pagewash")

# flags a case runs with (besides --no_dedup)
CASE_FLAGS = {
    "too_large_line": ["--max_page_bytes", "1048576"],
    "many_elements": ["--max_extract_elements", "1000"],
    "cpu_runaway": ["--extract_cpu_seconds", "1", "--max_extract_elements", "1000000"],
}


def cli(inputs, output, *flags):
    """``pagewash run`` in-process through the CLI entry point: (exit code, report, outputs)."""
    from pagewash.pipeline.cli import main

    args = ["run"]
    for item in inputs:
        args += ["--input", str(item)]
    code = main(args + ["--output", str(output), *flags])
    report = json.loads((pathlib.Path(output) / "report.json").read_text())
    return code, report, read_outputs(pathlib.Path(output))


def fates(outputs):
    return tuple(len(outputs[kind]) for kind in ("clean", "rejected", "errors"))


def by_id(records):
    return {r["id"]: r for r in records}


def run_case(name, tmp_path, *flags):
    directory = write_hostile_case(name, tmp_path / name)
    code, report, outputs = cli([directory], tmp_path / f"{name}-out", "--no_dedup", *CASE_FLAGS.get(name, []),
                                *flags)
    assert code == 0 and report["counts"]["accounted"], name
    assert report["counts"]["input"] == sum(fates(outputs)), name
    expected = HOSTILE[name][1]
    if expected is not None:
        assert fates(outputs) == expected, (name, outputs)
    return report, outputs


def test_lone_surrogate_in_text_is_replaced_not_a_crash(tmp_path):
    report, outputs = run_case("surrogate_text", tmp_path)
    [row] = outputs["clean"]
    assert row["id"] == "x" and "Some text \ufffd here." in row["text"]
    assert report["stage_counters"]["read:surrogates_replaced"] == 1


def test_lone_surrogates_in_every_field_and_raw_bytes(tmp_path):
    _, outputs = run_case("surrogate_fields", tmp_path)
    clean = by_id(outputs["clean"])
    assert "\ufffd" in clean  # the record whose id was a lone surrogate keeps a printable id
    assert clean["s-1"]["url"] == "\ufffd" and clean["s-2"]["title"] == "\ufffd"
    assert clean["s-3"]["published"] in (None, "\ufffd")
    assert "\ufffd" in clean["raw-bytes"]["text"] and clean["raw-bytes"]["text"].endswith("end.")


def test_json_nested_100000_deep_is_one_error_and_the_file_goes_on(tmp_path):
    report, outputs = run_case("deep_json", tmp_path)
    [error] = outputs["errors"]
    assert error["id"] == "deep.jsonl#2" and "depth" in error["message"]
    assert set(by_id(outputs["clean"])) == {"before", "after-1", "after-2"}
    assert report["counts"]["input"] == 4


def test_repeated_ids_give_one_clean_record_per_id_without_dedup(tmp_path):
    _, outputs = run_case("repeated_ids", tmp_path)
    ids = [r["id"] for r in outputs["clean"]]
    assert len(ids) == len(set(ids)) == 4
    assert {e["error_type"] for e in outputs["errors"]} == {"DuplicateId"}
    assert sorted(e["id"] for e in outputs["errors"]) == ["r-1", "r-2"]


def test_repeated_ids_with_dedup_are_byte_identical_in_three_multi_processing_runs(tmp_path):
    directory = write_hostile_case("repeated_ids", tmp_path / "in")
    flags = ("--direct_running_mode=multi_processing", "--direct_num_workers=2")
    runs = []
    for number in range(3):
        code, report, outputs = cli([directory], tmp_path / f"out{number}", *flags)
        assert code == 0 and report["counts"]["accounted"]
        runs.append(file_bytes(tmp_path / f"out{number}"))
    assert runs[0] == runs[1] == runs[2]
    clean = [r["id"] for r in outputs["clean"]]
    assert len(clean) == len(set(clean))
    texts = [r["text"] for r in outputs["clean"]]
    assert len(texts) == len(set(texts))  # no exact duplicate left in clean/


def test_non_string_ids_are_errors_and_ids_stay_strings(tmp_path):
    _, outputs = run_case("non_string_ids", tmp_path)
    assert set(by_id(outputs["clean"])) == {"1", "ids.jsonl#4"}  # "1" is kept, 1 no longer collides with it
    messages = {e["id"]: e["message"] for e in outputs["errors"]}
    assert "'id' must be a string, got int" in messages["ids.jsonl#1"]
    assert "got list" in messages["ids.jsonl#3"]


def test_too_large_json_lines_are_rejected_with_the_record_id(tmp_path):
    _, outputs = run_case("too_large_line", tmp_path)
    rejected = by_id(outputs["rejected"])
    assert set(rejected) == {"big-first", "big.jsonl#2"}  # the second line's id comes after its 3 MB field
    assert all(r["reason"] == "too_large" for r in rejected.values())
    assert [r["id"] for r in outputs["clean"]] == ["small"]


@pytest.mark.timeout(120)
def test_fifo_is_an_error_record_not_a_hang(tmp_path):
    _, outputs = run_case("fifo", tmp_path)
    [error] = outputs["errors"]
    assert error["id"] == "x.html" and error["error_type"] == "NotRegularFile" and "FIFO" in error["message"]


@pytest.mark.timeout(120)
def test_jsonl_symlinked_to_dev_zero_is_an_error_record(tmp_path):
    _, outputs = run_case("dev_zero", tmp_path)
    [error] = outputs["errors"]
    assert error["id"] == "zero.jsonl" and error["error_type"] == "NotRegularFile"


def test_symlinks_dangling_loops_and_linked_directories_are_reported(tmp_path):
    _, outputs = run_case("symlinks", tmp_path)
    assert [r["id"] for r in outputs["clean"]] == ["real/page.html"]
    errors = {e["id"]: e["error_type"] for e in outputs["errors"]}
    assert errors == {"dangling.html": "DanglingSymlink", "linked": "DuplicateDirectory",
                      "real/loop": "SymlinkLoop"}


def _as_other_user():
    """A command prefix that runs as an unprivileged user (root reads every directory)."""
    if os.geteuid() != 0:
        return []
    return [shutil.which("setpriv"), "--reuid=65534", "--regid=65534", "--clear-groups"]


def test_unreadable_directory_is_an_error_record():
    import tempfile

    tmp_path = pathlib.Path(tempfile.mkdtemp(prefix="pagewash-unreadable-"))  # pytest's tmp dirs are private
    tmp_path.chmod(0o777)  # the run stages its output beside --output
    directory = tmp_path / "in"
    (directory / "locked").mkdir(parents=True)
    (directory / "locked" / "page.html").write_text("<p>hidden</p>")
    (directory / "ok.txt").write_text("The harbour authority said on Monday that the terminal opens in June.")
    (directory / "locked").chmod(0)
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o777)
    output = tmp_path / "out"
    env = dict(os.environ, HOME=str(home), MPLCONFIGDIR=str(home))
    try:
        run = subprocess.run(_as_other_user() + [PAGEWASH, "run", "--input", str(directory), "--output", str(output),
                                                 "--no_dedup"], capture_output=True, text=True, env=env, cwd=str(home))
        assert run.returncode == 0, run.stderr[-2000:]
        [error] = read_outputs(output)["errors"]
        assert error["id"] == "locked" and error["error_type"] == "UnreadablePath"
    finally:
        (directory / "locked").chmod(0o755)
        shutil.rmtree(tmp_path)


def test_output_inside_input_is_never_read_on_a_rerun(tmp_path):
    directory = write_hostile_case("surrogate_text", tmp_path / "in")
    output = directory / "out"
    first = cli([directory], output, "--no_dedup")
    second = cli([directory], output, "--no_dedup")
    assert first[1]["counts"] == second[1]["counts"] and second[1]["counts"]["input"] == 1
    assert not second[2]["errors"] and not second[2]["rejected"]


def test_wrong_declarations_and_bomless_utf16_are_decoded(tmp_path):
    _, outputs = run_case("encodings", tmp_path)
    clean = by_id(outputs["clean"])
    for name in ("utf-16-le.html", "utf-16-be.html", "utf-32-le.html"):
        assert "harbour" in clean[name]["text"] or "ferry" in clean[name]["text"], name
        assert clean[name]["meta"]["charset"].startswith("utf-")
    for name in ("mixed_utf8_gbk.html", "utf16_declared.html", "gbk_declared_utf8.html", "declared_rot13.html",
                 "declared_zlib.html", "declared_base64.html"):
        assert "加装电梯" in clean[name]["text"] and "\ufffd" not in clean[name]["text"], name
    assert clean["mixed_utf8_gbk.html"]["meta"]["charset"] == "utf-8+gb18030"
    assert clean["utf16_declared.html"]["meta"]["charset"] == "utf-8"
    assert clean["gbk_declared_utf8.html"]["meta"]["charset"] == "gb18030"


def test_articles_nested_beyond_the_parser_depth_are_found(tmp_path):
    _, outputs = run_case("deep_article", tmp_path)
    assert {r["id"] for r in outputs["clean"]} == {"nested_255.html", "nested_300.html", "nested_5000.html"}
    assert all("ferry" in r["text"] or "pier" in r["text"] or "harbour" in r["text"] or "shop" in r["text"]
               for r in outputs["clean"])


def test_tight_work_budget_gives_identical_output_in_three_runs(tmp_path):
    directory = write_hostile_case("many_elements", tmp_path / "in")
    runs = []
    for number in range(3):
        code, _, outputs = cli([directory], tmp_path / f"out{number}", "--no_dedup", "--max_extract_elements", "1000")
        assert code == 0
        runs.append(file_bytes(tmp_path / f"out{number}"))
    assert runs[0] == runs[1] == runs[2]
    reasons = {r["id"]: r["reason"] for r in outputs["rejected"]}
    assert reasons["elements_1000.html"] == reasons["elements_3000.html"] == "too_complex"
    assert reasons.get("elements_300.html") != "too_complex"


def test_runaway_extraction_is_stopped_by_the_cpu_backstop(tmp_path):
    report, outputs = run_case("cpu_runaway", tmp_path)
    [stopped] = outputs["rejected"]
    assert stopped["id"] == "slow.html" and stopped["reason"] == "extraction_timeout"
    assert [r["id"] for r in outputs["clean"]] == ["fast.html"]  # the next page had a fresh worker


def _peak_rss_mb(command):
    """Runs ``command`` in a fresh process tree; the largest resident set of any process in it (MB)."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *command], check=True, capture_output=True, text=True)
    return int(out.stdout.split()[-1]) / 1024


@pytest.mark.timeout(600)
def test_one_gigabyte_json_line_is_rejected_in_bounded_memory(tmp_path):
    directory = tmp_path / "in"
    directory.mkdir()
    bomb = write_json_line_bomb(directory / "bomb.jsonl.gz", 1 << 30)
    assert bomb.stat().st_size < 2 << 20
    output = tmp_path / "out"
    peak = _peak_rss_mb([PAGEWASH, "run", "--input", str(directory), "--output", str(output), "--no_dedup"])
    assert peak < 1024, peak
    outputs = read_outputs(output)
    [rejected] = outputs["rejected"]
    assert rejected["id"] == "bomb" and rejected["reason"] == "too_large"
    assert [r["id"] for r in outputs["clean"]] == ["after-bomb"]


@pytest.mark.timeout(300)
def test_64_megabyte_warc_header_line_is_refused_at_the_line_bound(tmp_path):
    directory = tmp_path / "in"
    directory.mkdir()
    write_warc_header_bomb(directory / "bomb.warc.gz", 64 << 20)
    code, _, outputs = cli([directory], tmp_path / "out", "--no_dedup")
    assert code == 0  # HeaderTooLong below: the line was cut at the bound, not read whole
    [error] = outputs["errors"]
    assert error["error_type"] == "HeaderTooLong" and error["id"] == "bomb.warc.gz#record2"
    assert [r["id"] for r in outputs["clean"]] == ["<urn:uuid:00000000-0000-4000-8000-000000000301>"]


def test_every_case_generator_writes_small_files(tmp_path):
    # the generator's files stay small (the bombs are written separately, on the fly)
    for name in HOSTILE:
        directory = write_hostile_case(name, tmp_path / name)
        sizes = [p.stat().st_size for p in directory.rglob("*") if p.is_file() and not p.is_symlink()]
        assert sizes and max(sizes) < 5 << 20, name
