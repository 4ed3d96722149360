"""``pagewash`` command line: ``pagewash run --input ... --output ... [beam flags]`` and friends."""
from __future__ import annotations

import importlib
import logging
import sys
import time
from datetime import datetime, timezone
from typing import Callable, Dict, List, Optional, Sequence

# subcommand -> "module:function" taking argv; imported only when used.
SUBCOMMANDS: Dict[str, str] = {
    "run": "pipeline.cli:run_command",
    "bench": "pipeline.bench:main",
    "score-html": "pipeline.score_html:main",
    "bench-extract": "pipeline.bench_extract:main",
    "score-spam": "pipeline.score_spam:main",
    "bench-spam": "pipeline.bench_spam:main",
    "refilter": "pipeline.refilter:main",
    "score-quality": "pipeline.score_quality:main",
    "bench-quality": "pipeline.bench_quality:main",
    "bench-dedup": "pipeline.bench_dedup:main",
}

USAGE = """usage: pagewash <command> [args]

commands:
  run             run the pipeline: pagewash run --input PATH... --output DIR [beam flags]
  bench           end-to-end throughput benchmark on a generated corpus of HTML pages
  score-html      extraction quality on the labelled HTML dev set (vs plain trafilatura)
  bench-extract   extraction throughput and pre-pass cost on a directory of HTML pages
  score-spam      spam recall / keep recall of the cleaning stage on the labelled dev set
  bench-spam      spam-cleaning throughput (pure and as a Beam stage)
  refilter        re-apply quality filters with new thresholds to an earlier output (no re-extraction)
  score-quality   quality-filter decisions on the labelled quality fixtures
  bench-quality   language id + quality tagging/filtering throughput and rejection rates
  bench-dedup     dedup quality (precision/recall vs exact Jaccard), signature and stage throughput
"""


def run(argv: Sequence[str]) -> dict:
    """Runs the pipeline with ``argv`` flags; returns the run report."""
    import apache_beam as beam

    from pipeline.assemble import OutputLayout, build_pipeline
    from pipeline.options import PagewashOptions, parse_options
    from pipeline.report import build_report, counters_from_result, write_report
    from transforms.write import clear_output_dirs

    options = parse_options(argv)
    opts = options.view_as(PagewashOptions)
    layout = OutputLayout.under(opts.output)
    clear_output_dirs(layout.shard_dirs())
    started_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    start = time.monotonic()
    pipeline = beam.Pipeline(options=options)
    build_pipeline(pipeline, options)
    result = pipeline.run()
    result.wait_until_finish()
    report = build_report(counters_from_result(result), options.get_all_options(drop_default=True),
                          time.monotonic() - start, started_at)
    write_report(layout.report, report)
    return report


def print_run_help() -> None:
    import argparse

    from pipeline.options import PagewashOptions

    parser = argparse.ArgumentParser(
        prog="pagewash run", usage="pagewash run --input PATH... --output DIR [options] [beam flags]",
        epilog="Every standard Beam flag is accepted too (--runner, --direct_running_mode, --direct_num_workers, "
               "Dataflow/Flink/Spark options); the default runner is the in-process FnApiRunner.")
    PagewashOptions._add_argparse_args(parser)
    parser.print_help()


def run_command(argv: Sequence[str]) -> int:
    if any(flag in ("-h", "--help") for flag in argv):
        print_run_help()
        return 0
    from pipeline.assemble import OutputLayout
    from pipeline.options import PagewashOptions, parse_options
    from pipeline.report import summary_lines

    report = run(argv)
    layout = OutputLayout.under(parse_options(argv).view_as(PagewashOptions).output)
    print(f"clean corpus: {layout.clean}/ (JSON Lines) and {layout.parquet}/ (Parquet)")
    print(f"rejected: {layout.rejected}/  errors: {layout.errors}/  report: {layout.report}")
    for line in summary_lines(report):
        print(line)
    return 0 if report["counts"]["accounted"] else 1


class _QuietBeamNoise(logging.Filter):
    """Drops Beam's start-up warnings that say nothing about this run."""

    _NOISE = ("apitools not found", "requested in with_outputs() but not declared in type hints")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not any(noise in message for noise in self._NOISE)


def configure_logging() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(_QuietBeamNoise())


def _resolve(target: str) -> Callable[[List[str]], int]:
    module, _, function = target.partition(":")
    return getattr(importlib.import_module(module), function)


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(USAGE)
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command not in SUBCOMMANDS:
        print(f"pagewash: unknown command {command!r}\n\n{USAGE}", file=sys.stderr)
        return 2
    configure_logging()
    return int(_resolve(SUBCOMMANDS[command])(rest) or 0)


if __name__ == "__main__":
    sys.exit(main())
