"""``report.md`` and its plots (``plots/*.png``): the run report for people.

Rendered from the same dict as ``report.json`` (:func:`pagewash.pipeline.report.build_report`):
the counts and their checks, where time went, the corpus (languages, lengths, quality
scores, duplicate clusters), what was cut with a few examples, and the effective settings.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from apache_beam.io.filesystems import FileSystems

from pagewash.pipeline.plots import Bars, PlotProcess, draw_all

from pagewash.transforms.reasons import group_of

PLOTS_DIR = "plots"
TOP_REASONS = 8
# The stages in pipeline order (their STAGE names); a re-filtering has "quality" only.
STAGE_ORDER = ("read", "decode", "extract", "spam", "quality", "dedup")
MIN_STEP_SHARE = 0.005  # steps under this share of the time are summed as "other steps"


def stage_flow(report: Mapping[str, Any]) -> List[List[Any]]:
    """Rows ``[stage, in, rejected, errors, out]`` in pipeline order: each stage gets what the one
    before passed on, so the last ``out`` is the clean count when the report adds up."""
    rejected_by_stage = report.get("rejected_by_stage", {})
    errors_by_stage = report.get("errors_by_stage", {})
    stages = list(STAGE_ORDER)
    if not (report.get("settings") or {}).get("dedup_settings") and "dedup" not in rejected_by_stage:
        stages.remove("dedup")  # --no_dedup, or a re-filtering
    stages += sorted((set(rejected_by_stage) | set(errors_by_stage)) - set(stages))
    rows, count = [], report["counts"]["input"]
    for stage in stages:
        rejected = sum(rejected_by_stage.get(stage, {}).values())
        errors = sum(errors_by_stage.get(stage, {}).values())
        rows.append([stage, count, rejected, errors, count - rejected - errors])
        count -= rejected + errors
    return rows


def _steps(seconds: Mapping[str, float]) -> Dict[str, float]:
    total = sum(seconds.values()) or 1.0
    shown = {k: v for k, v in seconds.items() if v / total >= MIN_STEP_SHARE}
    rest = sum(v for k, v in seconds.items() if k not in shown)
    if rest > 0:
        shown["other steps"] = round(rest, 3)
    return shown


def plot_specs(report: Mapping[str, Any]) -> Dict[str, Bars]:
    """``{file name: chart}`` of the report's plots (only those with data)."""
    profile = report.get("profile", {})
    out: Dict[str, Bars] = {}
    lengths = profile.get("length_histogram", {})
    if any(lengths.values()):
        out["lengths.png"] = Bars("Kept documents by length", list(lengths), list(lengths.values()),
                                  "characters of clean text", "documents")
    scores = {k: v for k, v in profile.get("score_histogram", {}).items() if k != "none"}
    if scores:
        from pagewash.pipeline.profile import SCORE_BIN_WIDTH

        edges = [f"{i * SCORE_BIN_WIDTH:.2f}" for i in range(int(round(1 / SCORE_BIN_WIDTH)))]
        out["scores.png"] = Bars("Kept documents by quality score", edges, [scores.get(e, 0) for e in edges],
                                 "quality score (bin start)", "documents")
    stages = _steps(report.get("stage_seconds", {}))
    if report.get("stage_seconds"):
        out["stages.png"] = Bars("Where the time went (summed over workers)", list(stages),
                                 list(stages.values()), "seconds", "", horizontal=True)
    return out


def plots(report: Mapping[str, Any], process: Optional[PlotProcess] = None) -> Dict[str, bytes]:
    """``{file name: PNG bytes}`` of the report's plots, drawn by ``process`` (started before the
    run, :class:`~pagewash.pipeline.plots.PlotProcess`) or here."""
    specs = plot_specs(report)
    return process.draw(specs) if process is not None else draw_all(specs)


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> List[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines


def _cell(value: Any) -> str:
    if isinstance(value, float):
        text = f"{value:,.3f}".rstrip("0").rstrip(".")
    elif isinstance(value, int) and not isinstance(value, bool):
        text = f"{value:,}"
    elif isinstance(value, (list, dict)):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _share(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}%" if whole else "-"


def _percentile_bin(histogram: Mapping[str, int], fraction: float) -> str:
    total = sum(histogram.values())
    running = 0
    for label, count in histogram.items():
        running += count
        if total and running >= fraction * total:
            return label
    return "-"


def render_markdown(report: Mapping[str, Any], plot_names: Sequence[str] = ()) -> str:
    counts = report["counts"]
    profile = report.get("profile", {})
    settings = report.get("settings", {})
    lines: List[str] = ["# pagewash run report", ""]
    lines.append(f"Started {report.get('started_at')}, {report.get('wall_seconds')} s wall time, "
                 f"{report.get('throughput', {}).get('input_records_per_second', 0):,} input records/s "
                 f"(runner {settings.get('runner', '?')}). Machine-readable: `report.json`.")
    lines.append("")
    for warning in report.get("warnings", []):
        lines += [f"> **Warning:** {warning}", ""]

    lines += ["## Counts", ""]
    total = counts["input"]
    lines += _table(["", "records", "share"], [
        ["input", total, ""], ["clean", counts["clean"], _share(counts["clean"], total)],
        ["rejected", counts["rejected"], _share(counts["rejected"], total)],
        ["errors", counts["errors"], _share(counts["errors"], total)]])
    lines.append("")
    lines += _table(["check", "result"], [[name, "ok" if ok else "**FAILED**"]
                                          for name, ok in report.get("checks", {}).items()])
    lines.append("")

    lines += ["## Stages", "", "Records into and out of each stage (in pipeline order):", ""]
    lines += _table(["stage", "in", "rejected", "errors", "out"], stage_flow(report))
    lines.append("")
    seconds = _steps(report.get("stage_seconds", {}))
    if report.get("stage_seconds"):
        lines += ["Time per step, summed over workers (steps fused into one bundle share its time):", ""]
        lines += _table(["step", "seconds", "share"],
                        [[name, value, _share(value, sum(seconds.values()))] for name, value in seconds.items()])
        lines.append("")
    if "stages.png" in plot_names:
        lines += [f"![time per step]({PLOTS_DIR}/stages.png)", ""]

    lines += ["## Corpus", ""]
    languages = profile.get("languages", {})
    if languages:
        lines += _table(["language", "documents", "share"],
                        [[lang, n, _share(n, counts["clean"])] for lang, n in languages.items()])
        lines.append("")
    lengths = profile.get("length_histogram", {})
    if any(lengths.values()):
        lines.append(f"Clean text: {profile.get('clean_chars', 0):,} characters; median length in the "
                     f"{_percentile_bin(lengths, 0.5)} characters bin, 90% of documents at or below the "
                     f"{_percentile_bin(lengths, 0.9)} bin.")
        lines.append("")
    for name, alt in (("lengths.png", "documents by length"), ("scores.png", "documents by quality score")):
        if name in plot_names:
            lines += [f"![{alt}]({PLOTS_DIR}/{name})", ""]
    clusters = profile.get("cluster_sizes", {})
    if clusters:
        lines.append("Duplicate clusters of the kept documents (size 1: no duplicate found):")
        lines.append("")
        lines += _table(["cluster size", "kept documents"], [[size, n] for size, n in clusters.items()])
        lines.append("")

    lines += ["## What was cut", ""]
    by_reason = report.get("rejected_by_reason", {})
    examples = report.get("examples", {})
    if by_reason:
        lines += ["Pages rejected, by reason (most frequent first):", ""]
        lines += _table(["reason", "group", "pages", "share of input"],
                        [[reason, group_of(reason), n, _share(n, total)] for reason, n in by_reason.items()])
        lines.append("")
        for reason in list(by_reason)[:TOP_REASONS]:
            chosen = examples.get("rejected", {}).get(reason, [])
            if not chosen:
                continue
            lines += [f"### `{reason}`", ""]
            for example in chosen:
                extra = f" (duplicate of `{example['duplicate_of']}`)" if example.get("duplicate_of") else ""
                detail = f" — {example['detail']}" if example.get("detail") else ""
                lines.append(f"- `{example.get('id')}`{extra}{detail}")
                if example.get("text"):
                    lines.append(f"  > {example['text']}")
            lines.append("")
    removed = profile.get("removed_chars", {})
    if removed:
        lines += ["Characters cut from the pages that were kept, by reason:", ""]
        lines += _table(["reason", "group", "characters"],
                        [[reason, group_of(reason), n] for reason, n in removed.items()])
        lines.append("")
        by_group = profile.get("removed_chars_by_group", {})
        lines.append("By group: " + ", ".join(f"{group} {n:,}" for group, n in by_group.items()) + ".")
        lines.append("")
        for reason in list(removed)[:TOP_REASONS]:
            chosen = examples.get("removed", {}).get(reason, [])
            if not chosen:
                continue
            lines += [f"### removed: `{reason}`", ""]
            for example in chosen:
                lines.append(f"- from `{example.get('id')}`: ~~{example.get('text')}~~")
            lines.append("")

    lines += ["## Settings", "", "Every setting of the run, defaults included:", ""]
    lines += _table(["setting", "value"], [[k, v] for k, v in settings.items()])
    lines.append("")
    versions = report.get("versions", {})
    if versions:
        lines += ["## Versions", ""]
        lines.append(", ".join(f"{name} {version}" for name, version in versions.items()))
        lines.append("")
    return "\n".join(lines)


def write_markdown_report(root: str, report: Mapping[str, Any],
                          process: Optional[PlotProcess] = None) -> Tuple[str, List[str]]:
    """Writes ``report.md`` and ``plots/*.png`` (drawn by ``process`` when given) under ``root``;
    returns their paths."""
    images = plots(report, process)
    paths = []
    for name, data in images.items():
        path = f"{root.rstrip('/')}/{PLOTS_DIR}/{name}"
        with FileSystems.create(path) as handle:
            handle.write(data)
        paths.append(path)
    md_path = f"{root.rstrip('/')}/report.md"
    with FileSystems.create(md_path) as handle:
        handle.write(render_markdown(report, list(images)).encode("utf-8"))
    return md_path, paths
