"""``pagewash refilter``: re-apply the quality filters to an existing output, with new thresholds.

    pagewash refilter --input OLD_OUTPUT_DIR --output NEW_DIR --quality_config NEW.json
                      [--languages zh,en] [--num_shards 4] [beam flags]

Reads the clean records of an earlier run (``OLD/clean/part-*.jsonl.gz``),
whose ``quality`` maps already hold every signal, and runs FilterQuality on
them: no page is fetched, decoded or extracted again.  Records without stored
signals (or without a language) are tagged first.  The new output has the
same layout as a run: ``clean/`` and ``parquet/`` with the records that pass,
``rejected/`` with the earlier run's rejections plus the new ones, ``errors/``
carried over, and ``report.json``.

Re-filtering can only tighten what the earlier run kept: pages its quality
filter rejected are in its ``rejected/`` without their signals.  To keep every
option open, run the pipeline with loose thresholds and re-filter to stricter
ones (tag once, filter many times).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime, timezone
from typing import Optional, Sequence

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

from pagewash.pipeline.options import DEFAULT_RUNNER
from pagewash.transforms.quality.stages import FilterQuality, TagQuality
from pagewash.transforms.quality.thresholds import QualityThresholds, parse_languages
from pagewash.transforms.record import ErrorRecord, Rejected
from pagewash.transforms.schema import (CLEAN_SCHEMA, clean_row, doc_from_clean_row, error_row, rejected_row)
from pagewash.transforms.stage import stage_counter
from pagewash.transforms.write import WriteShards, clear_output_dirs


def _read_rows(pipeline, label: str, directory: str):
    """The JSON objects of every ``part-*.jsonl.gz`` shard in ``directory``, counted as input."""
    def parse(line):
        stage_counter("input", "records").inc()
        return json.loads(line)

    return (pipeline
            | f"Read{label}" >> beam.io.ReadFromText(f"{directory.rstrip('/')}/part-*.jsonl.gz")
            | f"Parse{label}" >> beam.Map(parse))


def _rejected_from_row(row) -> Rejected:
    return Rejected(id=row.get("id"), source=row.get("source"), stage=row["stage"], reason=row["reason"],
                    detail=row.get("detail") or "", text=row.get("text"), url=row.get("url"),
                    duplicate_of=row.get("duplicate_of"))


def _error_from_row(row) -> ErrorRecord:
    return ErrorRecord(id=row.get("id"), source=row.get("source") or "", stage=row["stage"],
                       error_type=row["error_type"], message=row.get("message") or "")


def build_refilter(pipeline: beam.Pipeline, input_dir: str, output_dir: str, thresholds: QualityThresholds,
                   languages: Optional[Sequence[str]], num_shards: int) -> None:
    """Adds reading, FilterQuality and the writers of a re-filtering run to ``pipeline``."""
    from pagewash.pipeline.assemble import OutputLayout

    old, new = OutputLayout.under(input_dir), OutputLayout.under(output_dir)
    docs = _read_rows(pipeline, "Clean", old.clean) | "AsDocs" >> beam.Map(doc_from_clean_row)
    tagged = docs | "TagUntagged" >> TagQuality(only_untagged=True)
    filtered = tagged.docs | "FilterQuality" >> FilterQuality(thresholds, languages)
    old_rejected = _read_rows(pipeline, "Rejected", old.rejected) | "AsRejected" >> beam.Map(_rejected_from_row)
    old_errors = _read_rows(pipeline, "Errors", old.errors) | "AsErrors" >> beam.Map(_error_from_row)

    _ = filtered.docs | "WriteClean" >> WriteShards("clean", clean_row, num_shards, jsonl_dir=new.clean,
                                                    parquet_dir=new.parquet, schema=CLEAN_SCHEMA)
    _ = ((old_rejected, tagged.rejected, filtered.rejected) | "AllRejected" >> beam.Flatten()
         | "WriteRejected" >> WriteShards("rejected", rejected_row, num_shards, jsonl_dir=new.rejected))
    _ = ((old_errors, tagged.errors, filtered.errors) | "AllErrors" >> beam.Flatten()
         | "WriteErrors" >> WriteShards("errors", error_row, num_shards, jsonl_dir=new.errors,
                                        key=lambda e: f"{e.id or ''}\x00{e.source}"))


def refilter(argv: Sequence[str]) -> dict:
    """Runs a re-filtering job; returns its report (also written to ``OUTPUT/report.json``)."""
    from pagewash.pipeline.assemble import OutputLayout
    from pagewash.pipeline.report import build_report, counters_from_result, write_report

    parser = argparse.ArgumentParser(prog="pagewash refilter", description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", required=True, help="output directory of an earlier run")
    parser.add_argument("--output", required=True, help="directory for the re-filtered output")
    parser.add_argument("--quality_config", default=None, help="JSON file of threshold overrides")
    parser.add_argument("--languages", default=None, help="comma-separated languages to keep")
    parser.add_argument("--num_shards", type=int, default=4, help="shards per output")
    args, beam_args = parser.parse_known_args(list(argv))
    if args.input.rstrip("/") == args.output.rstrip("/"):
        raise SystemExit("pagewash refilter: --output must differ from --input")
    thresholds = QualityThresholds.from_json(args.quality_config) if args.quality_config else QualityThresholds()

    options = PipelineOptions(beam_args)
    if not options.view_as(StandardOptions).runner:
        options.view_as(StandardOptions).runner = DEFAULT_RUNNER
    layout = OutputLayout.under(args.output)
    clear_output_dirs(layout.shard_dirs())
    started_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    start = time.monotonic()
    pipeline = beam.Pipeline(options=options)
    build_refilter(pipeline, args.input, args.output, thresholds, parse_languages(args.languages),
                   args.num_shards)
    result = pipeline.run()
    result.wait_until_finish()
    settings = {"command": "refilter", "input": args.input, "output": args.output,
                "quality_config": args.quality_config, "languages": args.languages,
                "num_shards": args.num_shards, "quality_thresholds": thresholds.to_mapping()}
    report = build_report(counters_from_result(result), settings, time.monotonic() - start, started_at)
    write_report(layout.report, report)
    return report


def main(argv: Optional[Sequence[str]] = None) -> int:
    from pagewash.pipeline.report import summary_lines

    report = refilter(list(sys.argv[1:] if argv is None else argv))
    for line in summary_lines(report):
        print(line)
    return 0 if report["counts"]["accounted"] else 1


if __name__ == "__main__":
    sys.exit(main())
