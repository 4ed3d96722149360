"""The run report: counts from Beam metrics, their checks, per-stage times, the corpus profile,
examples of what was cut, the effective settings, versions, wall time.  ``report.json`` is the
machine-readable form; :mod:`pagewash.pipeline.report_md` renders ``report.md`` and its plots."""
from __future__ import annotations

import json
import platform
from collections import defaultdict
from importlib import metadata
from typing import Any, Dict, Mapping, Optional

from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics.metric import MetricsFilter

from pagewash.transforms.schema import SCHEMA_VERSION
from pagewash.transforms.stage import METRICS_NAMESPACE

_PACKAGES = ("pagewash", "apache-beam", "trafilatura", "datasketch", "lxml", "lxml_html_clean", "matplotlib",
             "pyarrow",
             "warcio", "charset-normalizer", "numpy", "xxhash", "cpca", "py3langid",
             "opencc-python-reimplemented")


def package_versions() -> Dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in _PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def counters_from_result(result) -> Dict[str, int]:
    """pagewash counters summed over steps (committed values where the runner has them)."""
    totals: Dict[str, int] = defaultdict(int)
    query = result.metrics().query(MetricsFilter().with_namespace(METRICS_NAMESPACE))
    for counter in query["counters"]:
        value = counter.committed if counter.committed is not None else counter.attempted
        totals[counter.key.metric.name] += int(value or 0)
    return dict(sorted(totals.items()))


def stage_seconds(result) -> Dict[str, float]:
    """Execution time per top-level stage (ReadPages, ExtractArticles, ...), summed over workers,
    from the runner's monitoring metrics; empty when the runner does not report them."""
    totals: Dict[str, float] = defaultdict(float)
    try:
        counters = result.monitoring_metrics().query()["counters"]
    except Exception:  # runners without monitoring metrics
        return {}
    for counter in counters:
        if "ptransform_execution_time:total_msecs" not in str(counter.key.metric.name):
            continue
        value = counter.committed if counter.committed is not None else counter.attempted
        stage = (counter.key.step or "").split("/")[0]
        if stage and not stage.startswith("ref_"):
            totals[stage] += float(value or 0) / 1000.0
    return {stage: round(seconds, 3) for stage, seconds in sorted(totals.items(), key=lambda kv: -kv[1])}


def _profile(counters: Mapping[str, int]) -> Dict[str, Any]:
    from pagewash.pipeline.profile import length_bin_labels

    groups: Dict[str, Dict[str, int]] = defaultdict(dict)
    for name, value in counters.items():
        kind, _, rest = name.partition(":")
        if kind == "profile":
            group, _, key = rest.partition(":")
            groups[group][key] = value
    lengths = groups.get("chars_bin", {})
    scores = groups.get("score_bin", {})
    clusters = groups.get("cluster_size", {})
    return {
        "languages": dict(sorted(groups.get("lang", {}).items(), key=lambda kv: (-kv[1], kv[0]))),
        "length_histogram": {label: lengths.get(label, 0) for label in length_bin_labels()},
        "score_histogram": dict(sorted(scores.items())),
        "cluster_sizes": {k: clusters[k] for k in sorted(clusters, key=int)},
        "removed_chars": dict(sorted(groups.get("removed_chars", {}).items(), key=lambda kv: (-kv[1], kv[0]))),
        "clean_chars": counters.get("profile:chars_total", 0),
    }


def build_report(counters: Mapping[str, int], settings: Mapping[str, Any], wall_seconds: float,
                 started_at: str, timings: Optional[Mapping[str, float]] = None,
                 examples: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
    """The run report: counts and their checks, per-stage counts and times, the corpus profile,
    examples, the effective settings and the versions."""
    by_stage: Dict[str, Dict[str, int]] = defaultdict(dict)
    by_reason: Dict[str, int] = {}
    errors_by_stage: Dict[str, Dict[str, int]] = defaultdict(dict)
    other: Dict[str, int] = {}
    for name, value in counters.items():
        kind, _, rest = name.partition(":")
        if kind == "rejected_by_stage":
            stage, _, reason = rest.partition(":")
            by_stage[stage][reason] = value
        elif kind == "rejected":
            by_reason[rest] = value
        elif kind == "errors":
            stage, _, error_type = rest.partition(":")
            errors_by_stage[stage][error_type] = value
        elif kind != "profile":
            other[name] = value
    counts = {
        "input": counters.get("input:records", 0),
        "clean": counters.get("write:clean_records", 0),
        "rejected": counters.get("write:rejected_records", 0),
        "errors": counters.get("write:errors_records", 0),
    }
    counts["accounted"] = counts["input"] == counts["clean"] + counts["rejected"] + counts["errors"]
    profile = _profile(counters)
    checks = {
        "input = clean + rejected + errors": counts["accounted"],
        "rejected = sum of rejected_by_reason": counts["rejected"] == sum(by_reason.values()),
        "rejected = sum of rejected_by_stage": counts["rejected"] == sum(
            n for reasons in by_stage.values() for n in reasons.values()),
        "errors = sum of errors_by_stage": counts["errors"] == sum(
            n for types in errors_by_stage.values() for n in types.values()),
    }
    if profile["languages"]:
        checks["clean = sum of languages"] = counts["clean"] == sum(profile["languages"].values())
    warnings = []
    collisions = counters.get("dedup:index_id_collisions", 0)
    if collisions:
        warnings.append(f"{collisions} document id(s) of this run are also in the --dedup_against index with "
                        "other content; both entries were kept in dedup_index/. Give each crawl its own "
                        "--id_prefix so ids stay unique.")
    seconds = max(wall_seconds, 1e-9)
    return {
        "schema_version": SCHEMA_VERSION,
        "started_at": started_at,
        "wall_seconds": round(wall_seconds, 3),
        "counts": counts,
        "checks": checks,
        "warnings": warnings,
        "throughput": {"input_records_per_second": round(counts["input"] / seconds, 2),
                       "clean_chars_per_second": round(profile["clean_chars"] / seconds, 1)},
        "stage_seconds": dict(timings or {}),
        "rejected_by_reason": dict(sorted(by_reason.items(), key=lambda kv: (-kv[1], kv[0]))),
        "rejected_by_stage": {k: dict(sorted(v.items())) for k, v in sorted(by_stage.items())},
        "errors_by_stage": {k: dict(sorted(v.items())) for k, v in sorted(errors_by_stage.items())},
        "profile": profile,
        "examples": dict(examples or {}),
        "stage_counters": other,
        "settings": {k: settings[k] for k in sorted(settings)},
        "versions": package_versions(),
    }


def read_examples(path: str) -> Dict[str, Any]:
    """The examples file the pipeline wrote (SampleExamples); removed once read."""
    if not FileSystems.exists(path):
        return {}
    with FileSystems.open(path) as handle:
        examples = json.loads(handle.read().decode("utf-8"))
    FileSystems.delete([path])
    return examples


def write_report(path: str, report: Mapping[str, Any]) -> None:
    with FileSystems.create(path) as handle:
        handle.write((json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def summary_lines(report: Mapping[str, Any]) -> list:
    counts = report["counts"]
    lines = [
        f"input records: {counts['input']}  ->  clean {counts['clean']}, rejected {counts['rejected']}, "
        f"errors {counts['errors']}  ({'all accounted for' if counts['accounted'] else 'MISMATCH'})",
        f"wall time: {report['wall_seconds']} s ({report.get('throughput', {}).get('input_records_per_second', 0)} "
        f"records/s)",
    ]
    for stage, reasons in report["rejected_by_stage"].items():
        lines.append(f"rejected at {stage}: " + ", ".join(f"{r}={n}" for r, n in reasons.items()))
    for stage, types in report["errors_by_stage"].items():
        lines.append(f"errors at {stage}: " + ", ".join(f"{t}={n}" for t, n in types.items()))
    for check, ok in report.get("checks", {}).items():
        if not ok:
            lines.append(f"CHECK FAILED: {check}")
    for warning in report.get("warnings", []):
        lines.append(f"warning: {warning}")
    return lines


def publish_report(result, settings: Mapping[str, Any], layout, root: str, wall_seconds: float,
                   started_at: str) -> Dict[str, Any]:
    """Builds the finished run's report and writes ``report.json``, ``report.md`` (with its
    plots) and the dataset card into the staged output; returns the report."""
    from pagewash.pipeline.card import write_card
    from pagewash.pipeline.report_md import write_markdown_report

    report = build_report(counters_from_result(result), settings, wall_seconds, started_at,
                          timings=stage_seconds(result), examples=read_examples(layout.examples))
    write_report(layout.report, report)
    write_markdown_report(root, report)
    write_card(layout.card, report)
    return report
