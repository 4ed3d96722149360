"""``pagewash refilter``: re-apply the quality filters to an existing output, with new thresholds.

    pagewash refilter --input OLD_OUTPUT_DIR --output NEW_DIR --quality_config NEW.json
                      [--languages zh,en] [--num_shards 4] [beam flags]

Reads the clean records of an earlier run (``OLD/clean/part-*.jsonl.gz``),
whose ``quality`` maps already hold every signal, and runs FilterQuality on
them: no page is fetched, decoded or extracted again.  Records without stored
signals (or without a language) are tagged first.  The new output has the
same layout as a run: ``clean/`` and ``parquet/`` with the records that pass,
``rejected/`` with the earlier run's rejections plus the new ones, ``errors/``
carried over, ``dedup_index/`` (the earlier index without the pages rejected now,
so a refresh can dedup against the re-filtered output), the report and the card.
Output is staged and swapped in like a run's; the report adds up (carried-over
rejections and errors are counted by reason and stage like new ones).

Re-filtering can only tighten what the earlier run kept: pages its quality
filter rejected are in its ``rejected/`` without their signals.  To keep every
option open, run the pipeline with loose thresholds and re-filter to stricter
ones (tag once, filter many times).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Optional, Sequence

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems
from apache_beam.options.pipeline_options import StandardOptions

from pagewash.transforms.counters import Output
from pagewash.transforms.quality.stages import FilterQuality, TagQuality
from pagewash.transforms.quality.thresholds import QualityThresholds
from pagewash.transforms.record import ErrorRecord, Rejected
from pagewash.transforms.schema import (CLEAN_SCHEMA, clean_row, doc_from_clean_row, error_row, rejected_row)
from pagewash.transforms import counters
from pagewash.transforms.stage import count_error, count_rejection, counter
from pagewash.transforms.write import WriteShards


def _read_rows(pipeline, label: str, directory: str):
    """The JSON objects of every ``part-*.jsonl.gz`` shard in ``directory``, counted as input."""
    def parse(line):
        counter(counters.INPUT_RECORDS).inc()
        return json.loads(line)

    return (pipeline
            | f"Read{label}" >> beam.io.ReadFromText(f"{directory.rstrip('/')}/part-*.jsonl.gz")
            | f"Parse{label}" >> beam.Map(parse))


def _rejected_from_row(row) -> Rejected:
    rejected = Rejected(id=row.get("id"), source=row.get("source"), stage=row["stage"], reason=row["reason"],
                        detail=row.get("detail") or "", text=row.get("text"), url=row.get("url"),
                        duplicate_of=row.get("duplicate_of"))
    count_rejection(rejected)  # carried over: counted by reason like this run's own, so the report adds up
    return rejected


def _error_from_row(row) -> ErrorRecord:
    error = ErrorRecord(id=row.get("id"), source=row.get("source") or "", stage=row["stage"],
                        error_type=row["error_type"], message=row.get("message") or "")
    count_error(error)
    return error


def exact_hash_of_text(text: Optional[str]) -> str:
    """The dedup exact hash of a text, as the dedup index stores it ("" without content)."""
    from pagewash.transforms.dedup.normalize import exact_hash_of_folded, fold_code_points

    folded = fold_code_points(text or "")
    return exact_hash_of_folded(folded) if len(folded[folded != 0]) else ""


def _index_rows_still_kept(element):
    """Index rows of one id, minus the entry of a document this re-filtering rejected."""
    _, grouped = element
    dropped = set(grouped["dropped"])
    for row in grouped["row"]:
        if (row.get("exact_hash") or "") not in dropped:
            yield row


class CarryDedupIndex(beam.PTransform):
    """The next refresh's dedup index: the earlier output's index without the documents this
    re-filtering rejected (an index of what the corpus holds and the runs before it kept).
    When the earlier output has no index (a ``--no_dedup`` run), one is made from the kept docs."""

    def __init__(self, old_index: Optional[str], directory: str, index_shards: int):
        super().__init__()
        self.old_index = old_index
        self.directory = directory
        self.index_shards = index_shards

    def expand(self, inputs):
        from pagewash.transforms.dedup.index import INDEX_SCHEMA, index_row
        from pagewash.transforms.dedup.keys import doc_key_of
        from pagewash.transforms.dedup.settings import DedupSettings

        kept, rejected = inputs
        if self.old_index is None:
            settings = DedupSettings()
            rows = kept | "NewIndexRows" >> beam.Map(lambda doc: index_row(doc_key_of(doc, settings), settings))
        else:
            old_rows = (kept.pipeline | "ReadOldIndex" >> beam.io.ReadFromParquet(self.old_index)
                        | "OldById" >> beam.Map(lambda row: (row["id"], row)))
            dropped = rejected | "DroppedById" >> beam.Map(lambda r: (r.id, exact_hash_of_text(r.text)))
            rows = ({"row": old_rows, "dropped": dropped}
                    | "JoinDropped" >> beam.CoGroupByKey()
                    | "StillKept" >> beam.FlatMap(_index_rows_still_kept))
        return rows | "WriteIndex" >> WriteShards("dedup_index", dict, self.index_shards, parquet_dir=self.directory,
                                                  schema=INDEX_SCHEMA, key=lambda row: row["id"])


def build_refilter(pipeline: beam.Pipeline, input_dir: str, output_dir: str, thresholds: QualityThresholds,
                   languages: Optional[Sequence[str]], num_shards: int, old_index: Optional[str] = None,
                   index_shards: int = 8) -> None:
    """Adds reading, FilterQuality and the writers of a re-filtering run to ``pipeline``;
    ``old_index``: the earlier output's index files (a pattern), or None when it has none."""
    from pagewash.pipeline.assemble import OutputLayout
    from pagewash.pipeline.profile import ProfileCorpus, SampleExamples

    old, new = OutputLayout.under(input_dir), OutputLayout.under(output_dir)
    docs = _read_rows(pipeline, "Clean", old.clean) | "AsDocs" >> beam.Map(doc_from_clean_row)
    tagged = docs | "TagUntagged" >> TagQuality(only_untagged=True)
    filtered = tagged.docs | "FilterQuality" >> FilterQuality(thresholds, languages)
    old_rejected = _read_rows(pipeline, "Rejected", old.rejected) | "AsRejected" >> beam.Map(_rejected_from_row)
    old_errors = _read_rows(pipeline, "Errors", old.errors) | "AsErrors" >> beam.Map(_error_from_row)

    _ = filtered.docs | "ProfileCorpus" >> ProfileCorpus()
    _ = filtered.docs | "WriteClean" >> WriteShards(Output.CLEAN, clean_row, num_shards, jsonl_dir=new.clean,
                                                    parquet_dir=new.parquet, schema=CLEAN_SCHEMA)
    newly_rejected = (tagged.rejected, filtered.rejected) | "NewlyRejected" >> beam.Flatten()
    _ = ((filtered.docs, newly_rejected)
         | "CarryDedupIndex" >> CarryDedupIndex(old_index, new.dedup_index, index_shards))
    all_rejected = (old_rejected, newly_rejected) | "AllRejected" >> beam.Flatten()
    _ = (newly_rejected, pipeline | "NoSpans" >> beam.Create([])) | "SampleExamples" >> SampleExamples(new.examples)
    _ = all_rejected | "WriteRejected" >> WriteShards(Output.REJECTED, rejected_row, num_shards, jsonl_dir=new.rejected)
    _ = ((old_errors, tagged.errors, filtered.errors) | "AllErrors" >> beam.Flatten()
         | "WriteErrors" >> WriteShards(Output.ERRORS, error_row, num_shards, jsonl_dir=new.errors,
                                        key=lambda e: f"{e.id or ''}\x00{e.source}"))


def refilter_parser() -> argparse.ArgumentParser:
    """pagewash refilter's flags (both spellings of each) plus every Beam flag, strictly."""
    from pagewash.pipeline.options import PagewashOptions, add_logging_flags, all_flags_parser

    parser = all_flags_parser("pagewash refilter", exclude=(PagewashOptions,))
    add_refilter_flags(parser)
    add_logging_flags(parser)
    return parser


def add_refilter_flags(parser) -> None:
    from pagewash.pipeline.options import add_flag

    group = parser.add_argument_group("refilter")
    add_flag(group, "input", metavar="DIR", help="Output directory of an earlier run (its clean/, rejected/, "
                                              "errors/ and dedup_index/ are read).")
    add_flag(group, "output", metavar="DIR", help="Directory for the re-filtered output (staged, swapped in at the end).")
    add_flag(group, "quality_config", default=None, metavar="FILE", help="JSON file of quality-threshold overrides.")
    add_flag(group, "languages", default=None, metavar="CODES", help="Comma-separated languages to keep.")
    add_flag(group, "num_shards", type=int, default=4, metavar="N", help="Shards per output.")
    add_flag(group, "dedup_index_shards", type=int, default=8, metavar="N",
          help="Parquet shards of the dedup index written under --output.")


def refilter(argv: Sequence[str]) -> dict:
    """Runs a re-filtering job; returns its report (also written to ``OUTPUT/report.json``)."""
    from pagewash.pipeline import preflight
    from pagewash.pipeline.assemble import OutputLayout
    from pagewash.pipeline.options import UsageError, beam_options, check_flags
    from pagewash.pipeline.report import run_staged

    argv = list(argv)
    args = check_flags(argv, refilter_parser(), prog="pagewash refilter")
    if not args.input or not args.output:
        raise UsageError("--input and --output are required")
    if os.path.abspath(args.input.rstrip("/")) == os.path.abspath(args.output.rstrip("/")):
        raise UsageError("--output must differ from --input")
    if args.num_shards < 1 or args.dedup_index_shards < 1:
        raise UsageError("--num_shards and --dedup_index_shards must be at least 1")
    old = OutputLayout.under(args.input)
    if not FileSystems.match([f"{old.clean}/part-*.jsonl.gz"], limits=[1])[0].metadata_list:
        raise UsageError(f"--input {args.input!r} is not a pagewash output (no clean/part-*.jsonl.gz)")
    thresholds = preflight.load_quality_thresholds(args.quality_config)
    languages = preflight.load_languages(args.languages)
    old_index = f"{old.dedup_index}/*.parquet"
    if not FileSystems.match([old_index], limits=[1])[0].metadata_list:
        old_index = None
    preflight.check_output(args.output)

    options = beam_options(argv)

    def build(pipeline, root: str) -> None:
        build_refilter(pipeline, args.input, root, thresholds, languages, args.num_shards, old_index,
                       args.dedup_index_shards)

    def settings():
        return {"command": "refilter", "input": [args.input], "output": args.output,
                "quality_config": args.quality_config, "languages": args.languages,
                "num_shards": args.num_shards, "dedup_index_shards": args.dedup_index_shards,
                "dedup_index_from": old_index or "made from the kept documents (default dedup settings)",
                "runner": options.view_as(StandardOptions).runner,
                "quality_thresholds": thresholds.to_mapping()}

    return run_staged(args.output, options, build, settings)


def main(argv: Optional[Sequence[str]] = None) -> int:
    from pagewash.pipeline.options import UsageError
    from pagewash.pipeline.report import summary_lines

    argv = list(sys.argv[1:] if argv is None else argv)
    if any(flag in ("-h", "--help") for flag in argv):
        parser = argparse.ArgumentParser(prog="pagewash refilter", description=__doc__.split("\n\n")[0],
                                         epilog="Beam flags (--runner, ...) are accepted too.")
        add_refilter_flags(parser)
        parser.print_help()
        return 0
    from pagewash.pipeline.cli import logging_flags
    from pagewash.pipeline.logs import filtered_stderr

    try:
        with filtered_stderr(logging_flags(argv)[0]):
            report = refilter(argv)
    except UsageError as exc:
        print(f"pagewash refilter: error: {exc.message}", file=sys.stderr)
        return 2
    for line in summary_lines(report):
        print(line)
    return 0 if all(report["checks"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
