"""The command line as a user meets it: strict flags, checks before anything is touched,
atomic output, ids that stay unique across crawls, progress and quiet logs."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from conftest import PAGES, file_bytes, read_outputs

from pagewash.pipeline.cli import main
from pagewash.pipeline.options import UsageError, check_flags, parse_options


def _run_cli(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def no_pipeline(monkeypatch):
    """Records (and refuses) any Beam pipeline the command builds: a bad invocation must fail before one."""
    import apache_beam

    built = []

    def refuse(*args, **kwargs):
        built.append(kwargs)
        raise AssertionError("a pipeline was built for an invocation that should have been refused")

    monkeypatch.setattr(apache_beam, "Pipeline", refuse)
    return built


def _error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, lines  # one clear line, no traceback
    return lines[0]


# --- flags -----------------------------------------------------------------------


@pytest.mark.parametrize("flag, suggestion", [
    ("--dedup_treshold", "--dedup_threshold"),
    ("--num-shard", "--num_shards"),
    ("--qualty_config", "--quality_config"),
    ("--direct_num_worker", "--direct_num_workers"),
])
def test_misspelt_flag_is_an_error_naming_the_closest_flag(capsys, tmp_path, flag, suggestion):
    code, out, err = _run_cli(capsys, "run", "--input", str(PAGES), "--output", str(tmp_path / "o"), flag, "1")
    assert code == 2
    line = _error_line(err)
    assert f"unknown flag {flag}" in line and f"did you mean {suggestion}?" in line
    assert not (tmp_path / "o").exists()


def test_unknown_flag_and_stray_argument_are_errors(capsys, tmp_path):
    code, _, err = _run_cli(capsys, "run", "--input", str(PAGES), "--output", str(tmp_path / "o"), "--frobnicate")
    assert code == 2 and "unknown flag --frobnicate" in _error_line(err)
    code, _, err = _run_cli(capsys, "run", "--output", str(tmp_path / "o"), "stray", "--input", str(PAGES))
    assert code == 2 and "unexpected argument 'stray'" in _error_line(err)


def test_every_pagewash_flag_takes_both_spellings():
    options = parse_options(["--input", "x", "--output", "y", "--num-shards", "2", "--dedup-threshold", "0.7",
                             "--max_page_bytes", "10", "--id-prefix", "c/", "--spam-min-pages", "5", "--no-dedup"])
    from pagewash.pipeline.options import PagewashOptions

    opts = options.view_as(PagewashOptions)
    assert (opts.num_shards, opts.dedup_threshold, opts.max_page_bytes, opts.id_prefix, opts.spam_min_pages,
            opts.no_dedup) == (2, 0.7, 10, "c/", 5, True)


def test_beam_flags_are_checked_against_beam_options_classes():
    # the runners pagewash is run with pass, values and all
    check_flags(["--input", "x", "--output", "y", "--runner=PortableRunner", "--job_endpoint=embed",
                 "--environment_type=LOOPBACK"])
    check_flags(["--direct_running_mode=multi_processing", "--direct_num_workers=2"])
    check_flags(["--runner=FlinkRunner", "--flink_master=localhost:8081", "--flink_job_server_jar=/x/job.jar",
                 "--environment_type=EXTERNAL", "--environment_config=localhost:50000", "--parallelism=2"])
    with pytest.raises(UsageError, match="invalid int value"):
        check_flags(["--direct_num_workers=two"])
    with pytest.raises(UsageError, match="did you mean --flink_master"):
        check_flags(["--flink_mastr=localhost:8081"])


def test_help_shows_defaults_and_version(capsys):
    code, out, _ = _run_cli(capsys, "run", "--help")
    assert code == 0
    assert "--num_shards N" in out and "(default: 4)" in out and "(default: 12)" in out
    assert "--num-shards N" not in out  # the dashed spellings are accepted, not listed twice
    assert "-q, --quiet" in out and "-v, --verbose" in out
    code, out, _ = _run_cli(capsys, "--version")
    assert code == 0 and out.startswith("pagewash ")
    code, out, _ = _run_cli(capsys, "run", "--version")
    assert code == 0 and out.startswith("pagewash ")
    code, _, err = _run_cli(capsys, "rn")
    assert code == 2 and "did you mean 'run'?" in err


# --- checks before anything is touched ----------------------------------------------


@pytest.fixture(scope="module")
def earlier_output(tmp_path_factory):
    """A complete earlier output (one small run), copied by each test that may damage it."""
    root = tmp_path_factory.mktemp("earlier") / "out"
    assert main(["run", "--input", str(PAGES / "html"), "--output", str(root), "-q"]) == 0
    return root


def _copy_output(earlier, tmp_path):
    target = tmp_path / "out"
    shutil.copytree(earlier, target)
    return target, file_bytes(target), (target / "report.json").read_bytes()


@pytest.mark.parametrize("bad, message", [
    (["--input", "{tmp}/nothing-here"], "--input '{tmp}/nothing-here' matches no file"),
    (["--input", "{tmp}/*.warc.gz"], "matches no file"),
    (["--quality_config", "{tmp}/missing.json"], "--quality_config '{tmp}/missing.json': cannot be read"),
    (["--quality_config", "{tmp}/broken.json"], "--quality_config '{tmp}/broken.json': JSONDecodeError"),
    (["--dedup-against", "{tmp}/no-index"], "--dedup_against: no dedup index"),
    (["--dedup_against", "{tmp}/fake-index"], "is not a pagewash dedup index"),
    (["--dedup_num_perm", "64", "--dedup_against", "{earlier}"], "was made with 'minhash-oph/seed=1/perm=128"),
    (["--num_shards", "0"], "--num_shards must be at least 1"),
    (["--dedup_bands", "100"], "exceeds num_perm"),
])
def test_bad_option_fails_fast_and_leaves_the_old_output_intact(capsys, tmp_path, earlier_output, bad, message,
                                                               no_pipeline):
    output, before, report_before = _copy_output(earlier_output, tmp_path)
    (tmp_path / "broken.json").write_text("{not json")
    (tmp_path / "no-index").mkdir()
    (tmp_path / "fake-index").mkdir()
    (tmp_path / "fake-index" / "part-0.parquet").write_bytes(b"not parquet")
    args = [a.format(tmp=tmp_path, earlier=earlier_output) for a in bad]
    if "--input" not in args:
        args += ["--input", str(PAGES / "html")]
    code, _, err = _run_cli(capsys, "run", *args, "--output", str(output))
    assert code == 2
    assert message.format(tmp=tmp_path) in _error_line(err)
    assert no_pipeline == []  # refused before any pipeline was built
    assert file_bytes(output) == before and (output / "report.json").read_bytes() == report_before
    assert (output / "_SUCCESS").exists()
    assert not [p for p in tmp_path.iterdir() if ".staging-" in p.name]


def test_output_that_is_a_file_fails_fast(capsys, tmp_path, no_pipeline):
    target = tmp_path / "corpus"
    target.write_text("not a directory")
    code, _, err = _run_cli(capsys, "run", "--input", str(PAGES), "--output", str(target))
    assert code == 2 and f"--output '{target}' is a file, not a directory" in _error_line(err)
    assert no_pipeline == [] and target.read_text() == "not a directory"


def test_output_holding_other_files_is_not_replaced(capsys, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    code, _, err = _run_cli(capsys, "run", "--input", str(PAGES), "--output", str(tmp_path))
    assert code == 2 and "holds files pagewash did not write ('notes.txt')" in _error_line(err)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_missing_extraction_module_is_reported_at_start_up():
    from pagewash.pipeline.preflight import check_extraction_stack

    check_extraction_stack()  # the installed stack imports
    with pytest.raises(UsageError, match="importing lxml_html_clean_missing failed"):
        check_extraction_stack(("lxml_html_clean_missing",))


# --- atomic output ------------------------------------------------------------------


def _bigger_crawl(root, copies):
    """The HTML fixtures many times over (distinct names), so a run lasts a while."""
    for i in range(copies):
        for page in (PAGES / "html").iterdir():
            target = root / f"copy{i:03d}" / page.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(page, target)
    return root


def test_kill_9_mid_run_leaves_the_old_output_intact(tmp_path, earlier_output):
    output, before, report_before = _copy_output(earlier_output, tmp_path)
    crawl = _bigger_crawl(tmp_path / "crawl", 60)
    process = subprocess.Popen(
        [sys.executable, "-m", "pagewash.pipeline.cli", "run", "--input", str(crawl), "--output", str(output)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    staging = []
    while time.monotonic() < deadline and process.poll() is None:
        staging = [p for p in tmp_path.iterdir() if p.name.startswith(".out.staging-")]
        if staging and any(staging[0].rglob("*")):  # the run is writing
            break
        time.sleep(0.2)
    assert process.poll() is None, process.stderr.read().decode()
    time.sleep(1.0)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert file_bytes(output) == before and (output / "report.json").read_bytes() == report_before
    assert (output / "_SUCCESS").exists()
    assert staging and not (staging[0] / "_SUCCESS").exists()  # the killed run's files are marked incomplete


def test_success_marker_and_report_come_with_a_complete_output(fixtures_run):
    output, report = fixtures_run
    assert (output / "_SUCCESS").read_bytes() == b""
    assert json.loads((output / "report.json").read_text())["counts"] == report["counts"]
    assert not [p for p in output.parent.iterdir() if ".staging-" in p.name or ".replaced-" in p.name]
    assert not (output / "_examples.json").exists()


# --- ids across crawls -----------------------------------------------------------


def _crawl(root, pages):
    root.mkdir(parents=True)
    for name, fixture in pages.items():
        shutil.copyfile(PAGES / "html" / fixture, root / name)
    return root


def test_ids_stay_unique_across_three_crawls(capsys, tmp_path):
    """Crawl C reuses crawl B's id page_002.html for another page; B's page comes back later.
    The index keeps both contents under the colliding id and reports it, so B's page is still a
    duplicate when crawled again; with --id_prefix the ids do not collide at all."""
    a = _crawl(tmp_path / "crawl-a", {"page_001.html": "en_local_0.html"})
    b = _crawl(tmp_path / "crawl-b", {"page_002.html": "library_gb18030.html"})
    c = _crawl(tmp_path / "crawl-c", {"page_002.html": "brief_gbk.html"})
    d = _crawl(tmp_path / "crawl-d", {"page_002.html": "library_gb18030.html", "page_003.html": "brief_gbk.html"})
    out = {name: tmp_path / f"out-{name}" for name in "abcd"}
    assert main(["run", "--input", str(a), "--output", str(out["a"]), "-q"]) == 0
    assert main(["run", "--input", str(b), "--output", str(out["b"]), "--dedup-against", str(out["a"]), "-q"]) == 0
    capsys.readouterr()
    assert main(["run", "--input", str(c), "--output", str(out["c"]), "--dedup-against", str(out["b"]), "-q"]) == 0
    printed = capsys.readouterr().out
    report_c = json.loads((out["c"] / "report.json").read_text())
    assert report_c["stage_counters"]["dedup:index_id_collisions"] == 1
    assert "id(s) of this run are also in the --dedup_against index with other content" in report_c["warnings"][0]
    assert "warning:" in printed and "--id_prefix" in printed
    from dedup_support import read_index_rows

    index_c = list(read_index_rows(str(out["c"] / "dedup_index")))
    assert sorted(r["id"] for r in index_c) == ["page_001.html", "page_002.html", "page_002.html"]
    assert {r["id"] for r in read_outputs(out["c"])["clean"]} == {"page_002.html"}

    # crawl D re-crawls both contents of page_002.html, in its own namespace
    assert main(["run", "--input", str(d), "--output", str(out["d"]), "--dedup-against", str(out["c"]),
                 "--id_prefix", "crawl-d/", "-q"]) == 0
    outputs_d = read_outputs(out["d"])
    assert outputs_d["clean"] == []
    assert {(r["id"], r["reason"], r["duplicate_of"]) for r in outputs_d["rejected"]} == {
        ("crawl-d/page_002.html", "exact_duplicate", "page_002.html"),
        ("crawl-d/page_003.html", "exact_duplicate", "page_002.html")}
    report_d = json.loads((out["d"] / "report.json").read_text())
    assert "dedup:index_id_collisions" not in report_d["stage_counters"] and not report_d["warnings"]
    assert len(list(read_index_rows(str(out["d"] / "dedup_index")))) == 3


def test_id_prefix_scopes_every_record_but_warc_record_ids(tmp_path):
    from conftest import run_pipeline

    run_pipeline([PAGES], tmp_path, "--id_prefix", "crawl-2026-12/", "--no_dedup")
    ids = {r["id"] for r in read_outputs(tmp_path)["clean"]}
    assert "crawl-2026-12/html/brief_gbk.html" in ids and "crawl-2026-12/jsonl-en-bikes" in ids
    assert "<urn:uuid:00000000-0000-4000-8000-000000000003>" in ids
    assert all(i.startswith(("crawl-2026-12/", "<urn:uuid:")) for i in ids)


# --- progress and quiet logs ---------------------------------------------------------


def test_progress_lines_and_no_worker_noise_with_several_workers(tmp_path):
    env = dict(os.environ, PAGEWASH_PROGRESS_SECONDS="0")
    env.pop("PIPELINE_OPTIONS", None)
    done = subprocess.run(
        [sys.executable, "-m", "pagewash.pipeline.cli", "run", "--input", str(PAGES / "html"), "--output",
         str(tmp_path / "out"), "--direct_running_mode=multi_processing", "--direct_num_workers=2"],
        capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert any(line.startswith("progress: ") and "pages read" in line and "pages/s" in line for line in lines)
    assert not [line for line in lines if not line.startswith("progress: ")], lines  # no Beam INFO, no noise
    assert "all accounted for" in done.stdout
    quiet = subprocess.run(
        [sys.executable, "-m", "pagewash.pipeline.cli", "run", "--input", str(PAGES / "html" / "brief_gbk.html"),
         "--output", str(tmp_path / "quiet"), "-q"], capture_output=True, text=True, env=env, timeout=300)
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_staged_output_swaps_in_whole_and_names_stale_staging(tmp_path, caplog):
    from pagewash.pipeline.staging import StagedOutput

    target = tmp_path / "corpus"
    (target / "clean").mkdir(parents=True)
    (target / "clean" / "old.txt").write_text("old")
    first = StagedOutput(str(target))
    staging = first.begin()
    (tmp_path / os.path.basename(staging) / "new.txt").write_text("new")
    assert (target / "clean" / "old.txt").exists()  # untouched until the commit
    first.commit()
    assert sorted(p.name for p in target.iterdir()) == ["_SUCCESS", "new.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["corpus"]  # no staging or replaced directory left

    killed = StagedOutput(str(target)).begin()  # a run that never commits (killed)
    with caplog.at_level("WARNING", logger="pagewash.pipeline.staging"):
        second = StagedOutput(str(target))
        second.begin()
    assert killed in caplog.text and "left from a run that was killed" in caplog.text  # its process still runs
    second.abort()
    assert not os.path.exists(second.staging or "/nonexistent") and os.path.exists(killed)


def test_staging_left_by_a_killed_process_is_deleted_by_the_next_run(tmp_path, caplog):
    from pagewash.pipeline.staging import StagedOutput

    target = tmp_path / "corpus"
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    live = StagedOutput(str(target)).begin()
    dead = live.replace(f".staging-{os.getpid()}@", f".staging-{gone.stdout.strip()}@")
    os.rename(live, dead)
    (tmp_path / os.path.basename(dead) / "part.txt").write_text("partial")
    other_host = tmp_path / ".corpus.staging-1@00000000-abcd"
    other_host.mkdir()
    with caplog.at_level("INFO", logger="pagewash.pipeline.staging"):
        StagedOutput(str(target)).begin()
    assert not os.path.exists(dead) and "the run that wrote it was killed" in caplog.text
    assert other_host.exists() and str(other_host) in caplog.text  # another host's: only named
