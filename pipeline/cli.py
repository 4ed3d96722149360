"""``pagewash`` command line: ``pagewash run --input ... --output ... [beam flags]`` and friends."""
from __future__ import annotations

import argparse
import dataclasses
import difflib
import importlib
import sys
from typing import Callable, Dict, List, Optional, Sequence, Tuple


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
    """Runs the pipeline with ``argv`` flags; returns the run report.

    Every flag, input, config, index and the output directory is checked before anything is
    read or written (UsageError).  The run writes into a staging directory beside ``--output``
    and swaps it in once every shard, ``report.json``, ``report.md`` and the dataset card are
    written, ``_SUCCESS`` last: a failed or killed run leaves the previous output as it was.
    """
    from pagewash.pipeline import preflight
    from pagewash.pipeline.assemble import build_pipeline
    from pagewash.pipeline.options import PagewashOptions, effective_settings, parse_options
    from pagewash.pipeline.report import run_staged

    options = parse_options(argv)
    opts = options.view_as(PagewashOptions)
    config = preflight.prepare(options)

    def settings() -> Dict[str, object]:
        values = effective_settings(options)
        values["dedup_settings"] = None if config.dedup is None else dataclasses.asdict(config.dedup)
        values["quality_thresholds"] = config.thresholds.to_mapping()
        return values

    return run_staged(opts.output, options, lambda pipeline, root: build_pipeline(pipeline, options, config, root),
                      settings)


def print_run_help() -> None:
    import argparse

    from pagewash.pipeline.options import add_pagewash_flags

    parser = argparse.ArgumentParser(
        prog="pagewash run", usage="pagewash run --input PATH... --output DIR [options] [beam flags]",
        formatter_class=DefaultsHelpFormatter,
        description="Every flag is also accepted with dashes (--num-shards for --num_shards).",
        epilog="Every Beam flag is accepted too and checked against Beam's options classes (--runner, "
               "--direct_running_mode, --direct_num_workers, --job_endpoint, --environment_type, Flink, Spark "
               "and Dataflow options); the default runner is the in-process FnApiRunner.")
    parser.add_argument("--version", action="store_true", help="Print the version and exit.")
    add_pagewash_flags(parser)
    parser.print_help()


class DefaultsHelpFormatter(argparse.HelpFormatter):
    """Adds "(default: X)" to every flag that has a default worth showing."""

    def _get_help_string(self, action):
        text = action.help or ""
        default = action.default
        if (default in (None, False, "", argparse.SUPPRESS) or "default" in text
                or action.option_strings == ["-v", "--verbose"]):
            return text
        return f"{text} (default: {default})"


def run_command(argv: Sequence[str]) -> int:
    if any(flag in ("-h", "--help") for flag in argv):
        print_run_help()
        return 0
    if "--version" in argv:
        print(f"pagewash {package_version()}")
        return 0
    from pagewash.pipeline.assemble import OutputLayout
    from pagewash.pipeline.options import UsageError
    from pagewash.pipeline.report import summary_lines

    from pagewash.pipeline.logs import filtered_stderr

    verbosity, quiet = logging_flags(argv)
    configure_logging(verbosity, quiet)
    try:
        with filtered_stderr(verbosity):
            report = run(argv)
    except UsageError as exc:
        print(f"pagewash run: error: {exc.message}", file=sys.stderr)
        return 2
    output = report["settings"]["output"]
    layout = OutputLayout.under(output)
    print(f"clean corpus: {layout.parquet}/ (Parquet) and {layout.clean}/ (JSON Lines); card: {layout.card}")
    print(f"rejected: {layout.rejected}/  errors: {layout.errors}/  report: {layout.report_md}, {layout.report}")
    for line in summary_lines(report):
        print(line)
    return 0 if all(report["checks"].values()) else 1


def logging_flags(argv: Sequence[str]) -> Tuple[int, bool]:
    """(verbosity, quiet) from -v/-vv/--verbose and -q/--quiet anywhere in ``argv``."""
    verbosity, quiet = 0, False
    for token in argv:
        if token == "--verbose":
            verbosity += 1
        elif token in ("-q", "--quiet"):
            quiet = True
        elif token.startswith("-v") and set(token[1:]) == {"v"}:
            verbosity += len(token) - 1
    return verbosity, quiet


def configure_logging(verbosity: int = 0, quiet: bool = False) -> None:
    from pagewash.pipeline.logs import configure_logging as configure

    configure(verbosity, quiet)


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
        close = difflib.get_close_matches(command, list(SUBCOMMANDS), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        print(f"pagewash: unknown command {command!r}{hint}\n\n{USAGE}", file=sys.stderr)
        return 2
    configure_logging(*logging_flags(rest))
    return int(_resolve(SUBCOMMANDS[command])(rest) or 0)


def console_main() -> int:
    """The ``pagewash`` command, a process of its own: first keeps out the modules Beam would
    import for nothing (:mod:`pagewash.pipeline.memory`), then :func:`main`."""
    from pagewash.pipeline.memory import skip_unused_imports

    skip_unused_imports()
    return main()


if __name__ == "__main__":
    sys.exit(console_main())
