"""The run report: counts from Beam metrics, options, versions, wall time."""
from __future__ import annotations

import json
import platform
from collections import defaultdict
from importlib import metadata
from typing import Any, Dict, Mapping

from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics.metric import MetricsFilter

from pagewash.transforms.schema import SCHEMA_VERSION
from pagewash.transforms.stage import METRICS_NAMESPACE

_PACKAGES = ("pagewash", "apache-beam", "trafilatura", "datasketch", "beautifulsoup4", "lxml", "pyarrow",
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


def build_report(counters: Mapping[str, int], options: Mapping[str, Any], wall_seconds: float,
                 started_at: str) -> Dict[str, Any]:
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
        else:
            other[name] = value
    counts = {
        "input": counters.get("input:records", 0),
        "clean": counters.get("write:clean_records", 0),
        "rejected": counters.get("write:rejected_records", 0),
        "errors": counters.get("write:errors_records", 0),
    }
    counts["accounted"] = counts["input"] == counts["clean"] + counts["rejected"] + counts["errors"]
    return {
        "schema_version": SCHEMA_VERSION,
        "started_at": started_at,
        "wall_seconds": round(wall_seconds, 3),
        "counts": counts,
        "rejected_by_reason": dict(sorted(by_reason.items())),
        "rejected_by_stage": {k: dict(sorted(v.items())) for k, v in sorted(by_stage.items())},
        "errors_by_stage": {k: dict(sorted(v.items())) for k, v in sorted(errors_by_stage.items())},
        "stage_counters": other,
        "options": {k: options[k] for k in sorted(options)},
        "versions": package_versions(),
    }


def write_report(path: str, report: Mapping[str, Any]) -> None:
    with FileSystems.create(path) as handle:
        handle.write((json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def summary_lines(report: Mapping[str, Any]) -> list:
    counts = report["counts"]
    lines = [
        f"input records: {counts['input']}  ->  clean {counts['clean']}, rejected {counts['rejected']}, "
        f"errors {counts['errors']}  ({'all accounted for' if counts['accounted'] else 'MISMATCH'})",
        f"wall time: {report['wall_seconds']} s",
    ]
    for stage, reasons in report["rejected_by_stage"].items():
        lines.append(f"rejected at {stage}: " + ", ".join(f"{r}={n}" for r, n in reasons.items()))
    for stage, types in report["errors_by_stage"].items():
        lines.append(f"errors at {stage}: " + ", ".join(f"{t}={n}" for t, n in types.items()))
    return lines
