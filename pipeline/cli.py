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
    "run": "pagewash.pipeline.cli:run_command",
    "refilter": "pagewash.pipeline.refilter:main",
}

USAGE = """usage: pagewash <command> [args]
       pagewash --version

commands:
  run             run the pipeline: pagewash run --input PATH... --output DIR [beam flags]
  refilter        re-apply quality filters with new thresholds to an earlier output (no re-extraction)

Benchmarks and dev-set scorers live in the repository's tools/ folder (./run_local.sh tools --help).
"""


def package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagewash")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "unknown"


def run(argv: Sequence[str]) -> dict:
    """Runs the pipeline with ``argv`` flags; returns the run report."""
    import apache_beam as beam

    from pagewash.pipeline.assemble import OutputLayout, build_pipeline
    from pagewash.pipeline.options import PagewashOptions, parse_options
    from pagewash.pipeline.report import build_report, counters_from_result, write_report
    from pagewash.transforms.write import clear_output_dirs

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

    from pagewash.pipeline.options import PagewashOptions

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
    from pagewash.pipeline.assemble import OutputLayout
    from pagewash.pipeline.options import PagewashOptions, parse_options
    from pagewash.pipeline.report import summary_lines

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
    if argv[0] in ("-V", "--version"):
        print(f"pagewash {package_version()}")
        return 0
    command, rest = argv[0], argv[1:]
    if command not in SUBCOMMANDS:
        print(f"pagewash: unknown command {command!r}\n\n{USAGE}", file=sys.stderr)
        return 2
    configure_logging()
    return int(_resolve(SUBCOMMANDS[command])(rest) or 0)


if __name__ == "__main__":
    sys.exit(main())
