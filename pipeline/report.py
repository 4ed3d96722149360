"""The run report: counts from Beam metrics, their checks, per-stage times, the corpus profile,
examples of what was cut, the effective settings, versions, wall time.  ``report.json`` is the
machine-readable form; :mod:`pagewash.pipeline.report_md` renders ``report.md`` and its plots."""
from __future__ import annotations

import json
import logging
import platform
from collections import defaultdict
from importlib import metadata
from typing import Any, Callable, Dict, Mapping, Optional

from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics.metric import MetricsFilter

from pagewash.transforms import counters as names
from pagewash.transforms.reasons import REJECTION_GROUPS, REMOVAL_GROUPS, group_of
from pagewash.transforms.schema import SCHEMA_VERSION
from pagewash.transforms.stage import METRICS_NAMESPACE

log = logging.getLogger("pagewash.run")

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


def _by_count(counts: Mapping[str, int]) -> Dict[str, int]:
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _profile(counters: Mapping[str, int]) -> Dict[str, Any]:
    from pagewash.pipeline import profile as p

    groups: Dict[str, Dict[str, int]] = defaultdict(dict)
    for name, value in counters.items():
        counter = names.parse(name)
        if counter.kind == names.PROFILE:
            groups[counter.scope][counter.key] = value
    lengths = groups.get(p.CHARS_BIN, {})
    scores = groups.get(p.SCORE_BIN, {})
    clusters = groups.get(p.CLUSTER_SIZE, {})
    removed = groups.get(p.REMOVED_CHARS, {})
    removed_by_group: Dict[str, int] = {group: 0 for group in REMOVAL_GROUPS}
    for reason, chars in removed.items():
        removed_by_group[group_of(reason)] = removed_by_group.get(group_of(reason), 0) + chars
    return {
        "languages": _by_count(groups.get(p.LANG, {})),
        "length_histogram": {label: lengths.get(label, 0) for label in p.length_bin_labels()},
        "score_histogram": dict(sorted(scores.items())),
        "cluster_sizes": {k: clusters[k] for k in sorted(clusters, key=int)},
        "removed_chars": _by_count(removed),
        "removed_chars_by_group": removed_by_group,
        "clean_chars": counters.get(names.profile(p.CHARS_TOTAL), 0),
    }


def _rejected_by_group(by_reason: Mapping[str, int]) -> Dict[str, int]:
    totals: Dict[str, int] = {group: 0 for group in REJECTION_GROUPS}
    for reason, count in by_reason.items():
        totals[group_of(reason)] = totals.get(group_of(reason), 0) + count
    return totals


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
        counter = names.parse(name)
        if counter.kind == names.REJECTED_BY_STAGE:
            by_stage[counter.scope][counter.key] = value
        elif counter.kind == names.REJECTED:
            by_reason[counter.key] = value
        elif counter.kind == names.ERRORS:
            errors_by_stage[counter.scope][counter.key] = value
        elif counter.kind != names.PROFILE:
            other[name] = value
    counts = {
        "input": counters.get(names.INPUT_RECORDS, 0),
        "clean": counters.get(names.written(names.Output.CLEAN), 0),
        "rejected": counters.get(names.written(names.Output.REJECTED), 0),
        "errors": counters.get(names.written(names.Output.ERRORS), 0),
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
    collisions = counters.get(names.DEDUP_INDEX_ID_COLLISIONS, 0)
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
        "rejected_by_reason": _by_count(by_reason),
        "rejected_by_group": _rejected_by_group(by_reason),
        "rejected_by_stage": {k: dict(sorted(v.items())) for k, v in sorted(by_stage.items())},
        "errors_by_stage": {k: dict(sorted(v.items())) for k, v in sorted(errors_by_stage.items())},
        "profile": profile,
        "examples": dict(examples or {}),
        "stage_counters": other,
        "settings": {k: settings[k] for k in sorted(settings)},
        "versions": package_versions(),
    }


def read_examples(path: str) -> Dict[str, Any]:
    """The examples file the pipeline wrote (SampleExamples; none when the run had no example);
    removed once read."""
    from pagewash.pipeline.profile import no_examples

    if not FileSystems.exists(path):
        return no_examples()
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
                   started_at: str, plot_process=None) -> Dict[str, Any]:
    """Builds the finished run's report and writes ``report.json``, ``report.md`` (with its
    plots, drawn by ``plot_process`` when given: :class:`pagewash.pipeline.plots.PlotProcess`)
    and the dataset card into the staged output; returns the report."""
    from pagewash.pipeline.card import write_card
    from pagewash.pipeline.report_md import write_markdown_report

    report = build_report(counters_from_result(result), settings, wall_seconds, started_at,
                          timings=stage_seconds(result), examples=read_examples(layout.examples))
    write_report(layout.report, report)
    write_markdown_report(root, report, plot_process)
    write_card(layout.card, report)
    return report


def run_staged(output: str, options, build: Callable[[Any, str], None],
               settings: Callable[[], Mapping[str, Any]]) -> Dict[str, Any]:
    """Builds a pipeline with ``build(pipeline, staging_root)``, runs it into a staging directory
    beside ``output``, publishes the report (``settings()`` gives its settings) and swaps the
    output in, ``_SUCCESS`` last; on any failure the staging directory goes and the previous
    output stays as it was.  Returns the report."""
    import time
    from datetime import datetime, timezone

    import apache_beam as beam

    from pagewash.pipeline.assemble import OutputLayout
    from pagewash.pipeline.memory import local_runner
    from pagewash.pipeline.plots import PlotProcess
    from pagewash.pipeline.staging import StagedOutput

    staged = StagedOutput(output)
    root = staged.begin()
    plot_process = PlotProcess()  # imports matplotlib in a process of its own while the run goes on
    try:
        log.info("writing to %s (moved to %s when the run succeeds)", root, output)
        started_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        start = time.monotonic()
        with local_runner(options) as runner:  # None: Beam's runner from the flags
            pipeline = beam.Pipeline(runner=runner, options=options)
            build(pipeline, root)
            result = pipeline.run()
            result.wait_until_finish()
        report = publish_report(result, settings(), OutputLayout.under(root), root, time.monotonic() - start,
                                started_at, plot_process)
        staged.commit()
    except BaseException:
        staged.abort()
        raise
    finally:
        plot_process.close()
    return report
