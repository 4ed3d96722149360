"""The run report adds up, for a run and for a re-filtering, and reads as a report."""
from __future__ import annotations

import json

from conftest import PAGES, read_outputs, run_pipeline

from pagewash.pipeline.cli import main
from pagewash.pipeline.profile import doc_profile, length_bin, score_bin
from pagewash.pipeline.report import build_report
from pagewash.pipeline.report_md import stage_flow
from pagewash.transforms.record import Doc


def _adds_up(report, outputs):
    counts = report["counts"]
    assert all(report["checks"].values()), report["checks"]
    assert counts["clean"] == len(outputs["clean"]) and counts["rejected"] == len(outputs["rejected"])
    assert counts["errors"] == len(outputs["errors"])
    assert sum(report["rejected_by_reason"].values()) == counts["rejected"]
    reasons = {}
    for row in outputs["rejected"]:
        reasons[row["reason"]] = reasons.get(row["reason"], 0) + 1
    assert reasons == report["rejected_by_reason"]
    assert stage_flow(report)[-1][-1] == counts["clean"]  # each stage passes on what the next one gets
    profile = report["profile"]
    assert sum(profile["languages"].values()) == counts["clean"]
    assert sum(profile["length_histogram"].values()) == counts["clean"]
    assert sum(profile["score_histogram"].values()) == counts["clean"]
    assert sum(profile["cluster_sizes"].values()) == counts["clean"]
    assert profile["clean_chars"] == sum(row["chars"] for row in outputs["clean"])


def test_run_report_adds_up_and_reads_as_a_report(fixtures_run):
    output, report = fixtures_run
    _adds_up(report, read_outputs(output))
    assert report["stage_seconds"]["ExtractArticles"] > 0 and report["throughput"]["input_records_per_second"] > 0
    assert report["settings"]["dedup_threshold"] is None and report["settings"]["dedup_settings"]["bands"] == 20
    assert report["examples"]["rejected"]["exact_duplicate"][0]["duplicate_of"]
    assert report["examples"]["removed"]["place_list"]
    markdown = (output / "report.md").read_text("utf-8")
    for heading in ("## Counts", "## Stages", "## Corpus", "## What was cut", "## Settings"):
        assert heading in markdown
    assert "| input = clean + rejected + errors | ok |" in markdown and "**FAILED**" not in markdown
    for name in ("lengths.png", "scores.png", "stages.png"):
        assert f"(plots/{name})" in markdown
        assert (output / "plots" / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_plot_process_draws_the_same_bytes_as_the_runner_and_falls_back_when_it_fails(fixtures_run):
    import subprocess
    import sys

    from pagewash.pipeline.plots import PlotProcess
    from pagewash.pipeline.report_md import plot_specs, plots

    output, report = fixtures_run
    here = plots(report)
    assert list(here) == list(plot_specs(report)) == ["lengths.png", "scores.png", "stages.png"]
    assert here == {name: (output / "plots" / name).read_bytes() for name in here}  # what the run wrote
    assert plots(report, PlotProcess()) == here
    broken = PlotProcess()
    broken.close()
    broken._proc = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read(); print('not json')"],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert plots(report, broken) == here  # drawn in this process instead
    unused = PlotProcess()
    unused.close()
    assert unused._proc is None


def test_refilter_adds_up_and_its_index_serves_a_refresh(fixtures_run, tmp_path, capsys):
    output, _ = fixtures_run
    strict = tmp_path / "strict.json"
    strict.write_text(json.dumps({"min_words": 400}))
    refiltered = tmp_path / "strict"
    assert main(["refilter", "--input", str(output), "--output", str(refiltered), "--quality-config", str(strict),
                 "-q"]) == 0
    report = json.loads((refiltered / "report.json").read_text())
    outputs = read_outputs(refiltered)
    _adds_up(report, outputs)
    assert report["rejected_by_reason"]["too_few_words"] >= 1  # new rejections ...
    assert report["rejected_by_reason"]["exact_duplicate"] == 2  # ... and the carried-over ones, by reason
    assert (refiltered / "_SUCCESS").exists() and (refiltered / "report.md").exists()

    from dedup_support import read_index_rows

    old_index = {r["id"] for r in read_index_rows(str(output / "dedup_index"))}
    new_index = {r["id"] for r in read_index_rows(str(refiltered / "dedup_index"))}
    dropped = {r["id"] for r in outputs["rejected"] if r["reason"] == "too_few_words"}
    assert new_index == old_index - dropped and new_index == {r["id"] for r in outputs["clean"]}

    # a refresh against the re-filtered output: what it kept comes back as duplicates
    refresh = tmp_path / "refresh"
    run_pipeline([PAGES], refresh, "--dedup_against", str(refiltered), "--id_prefix", "again/")
    rejected = {r["id"]: r for r in read_outputs(refresh)["rejected"]}
    for kept_id in new_index:
        assert rejected[f"again/{kept_id}"]["duplicate_of"] in new_index | {kept_id}


def test_refilter_flags_are_strict(capsys, tmp_path, fixtures_run):
    output, _ = fixtures_run
    assert main(["refilter", "--input", str(output), "--output", str(tmp_path / "x"), "--num_shard", "2"]) == 2
    assert "did you mean --num_shards?" in capsys.readouterr().err
    assert main(["refilter", "--input", str(tmp_path), "--output", str(tmp_path / "x")]) == 2
    assert "is not a pagewash output" in capsys.readouterr().err


def test_profile_of_a_document():
    doc = Doc(id="d", source="s", text="x" * 250, lang="en", quality={"score": 0.87},
              dedup={"cluster": "d", "cluster_size": 3}, removed={"place_list": 12, "html_hidden": 0})
    assert dict(doc_profile(doc)) == {"profile:lang:en": 1, "profile:chars_bin:200-499": 1,
                                      "profile:score_bin:0.85": 1, "profile:cluster_size:3": 1,
                                      "profile:chars_total": 250, "profile:removed_chars:place_list": 12}
    assert (length_bin(0), length_bin(99), length_bin(100), length_bin(10 ** 6)) == ("<100", "<100", "100-199",
                                                                                       ">=100000")
    assert (score_bin(1.0), score_bin(0.0), score_bin(None)) == ("0.95", "0.00", "none")


def test_report_checks_catch_counts_that_do_not_add_up():
    counters = {"input:records": 5, "write:clean_records": 2, "write:rejected_records": 3,
                "rejected:no_text": 1, "rejected_by_stage:extract:no_text": 1, "profile:lang:en": 2}
    report = build_report(counters, {}, 1.0, "2026-12-01T00:00:00+00:00")
    assert report["checks"]["input = clean + rejected + errors"] is True
    assert report["checks"]["rejected = sum of rejected_by_reason"] is False
    assert report["checks"]["clean = sum of languages"] is True
