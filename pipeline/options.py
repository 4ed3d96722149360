"""Command-line options: pagewash's own, on top of every standard Beam flag.

Parsing is strict: every flag must be one of pagewash's (each accepted as
``--num_shards`` and ``--num-shards``) or one that an installed Beam options
class declares (``--runner``, ``--direct_num_workers``, ``--flink_master``, ...).
Anything else is an error that names the closest flag, where Beam alone would
print "Discarding unparseable args" and run with defaults.
"""
from __future__ import annotations

import argparse
import difflib
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple, Type

from apache_beam.options.pipeline_options import PipelineOptions, PortableOptions, StandardOptions, TypeOptions

# Beam's in-process portable runner, by its full name (Beam 2.62, the release pinned
# in pyproject.toml, registers no short name for it).
IN_PROCESS_RUNNER = "apache_beam.runners.portability.fn_api_runner.FnApiRunner"
# Beam's DirectRunner first tries the Prism runner, which it downloads from the
# internet; pagewash picks the in-process portable runner (the one DirectRunner
# falls back to) unless --runner says otherwise.
DEFAULT_RUNNER = IN_PROCESS_RUNNER


class UsageError(SystemExit):
    """A flag or argument the run cannot start with; the CLI prints it as one line."""

    def __init__(self, message: str):
        message = " ".join(line.strip() for line in message.splitlines() if line.strip())  # one line
        super().__init__(message)
        self.message = message


def add_flag(group, name: str, **kwargs) -> None:
    """``--name`` with its dashed spelling ``--na-me`` as a hidden alias of the same option."""
    short = kwargs.pop("short", None)
    strings = [short, f"--{name}"] if short else [f"--{name}"]
    group.add_argument(*strings, dest=name, **kwargs)
    if "_" in name:
        alias = dict(kwargs, help=argparse.SUPPRESS)
        group.add_argument(f"--{name.replace('_', '-')}", dest=name, **alias)


def add_pagewash_flags(parser) -> None:
    """Every pagewash flag, on ``parser`` (Beam's options parser or the help parser)."""
    from pagewash.transforms.dedup.settings import DedupSettings
    from pagewash.transforms.spam.beam import (DEFAULT_MAX_PER_SITE, DEFAULT_MAX_VOCAB, DEFAULT_MIN_LINE_SHARE,
                                               DEFAULT_MIN_PAGES)

    group = parser.add_argument_group("input and output")
    add_flag(group, "input", action="append", nargs="+", default=None, metavar="PATH",
          help="Files, directories (read recursively) or globs to read, on any Beam filesystem; repeatable. "
               "Each must match at least one file.")
    add_flag(group, "output", default=None, metavar="DIR",
          help="Output directory (any Beam filesystem). Written to a temporary directory beside it and "
               "swapped in when the run has succeeded; a failed or killed run leaves the previous output.")
    add_flag(group, "id_prefix", default="", metavar="PREFIX",
          help="Namespace put before every document id of this run (e.g. crawl-2026-12/), so ids of dated "
               "crawls never collide in a refresh's dedup index. WARC-Record-IDs are kept as they are.")
    add_flag(group, "num_shards", type=int, default=4, metavar="N",
          help="Shards per output (clean, parquet, rejected, errors). Fixed, so the layout is the same "
               "whatever the runner; raise it for large corpora.")
    add_flag(group, "max_page_bytes", type=int, default=8 * 1024 * 1024, metavar="BYTES",
          help="Pages over this many bytes are rejected (too_large) before any parsing.")
    add_flag(group, "max_extract_elements", type=int, default=100_000, metavar="N",
          help="Pages with more elements (start tags, counted before parsing) are rejected too_complex: a "
               "deterministic work budget (about 6 s of extraction CPU at the default).")
    add_flag(group, "extract_cpu_seconds", type=int, default=60, metavar="SECONDS",
          help="CPU-time backstop of the extraction worker process: a page over it is stopped and rejected "
               "extraction_timeout (0: extract in-process, without a backstop).")
    add_flag(group, "extract_processes", type=int, default=0, metavar="N",
          help="Extraction worker processes per pipeline worker, each with one page in flight while the "
               "pipeline worker goes on (0: the in-process runner's spare cores per worker, at most 2; 1 "
               "on other runners). The output does not depend on it.")
    add_flag(group, "stage_processes", type=int, default=0, metavar="N",
          help="Processes per pipeline worker that run the spam cleaning and, apart, the quality tagging, "
               "each with one document in flight while the pipeline worker goes on (0, the default: none, "
               "the work runs in the pipeline worker; -1: one each on the in-process runner's single "
               "worker when there is a spare core, none elsewhere). The output does not depend on it.")
    add_flag(group, "audit", action="store_true", default=False,
          help="Also write every span removed by cleaning, with its reason, to audit/.")

    spam = parser.add_argument_group("spam cleaning (corpus-level evidence)")
    add_flag(spam, "spam_min_pages", type=int, default=DEFAULT_MIN_PAGES, metavar="N",
          help="Distinct pages a short line or token must appear on (per site or globally) to count as "
               "template or spam vocabulary.")
    add_flag(spam, "spam_min_line_share", type=float, default=DEFAULT_MIN_LINE_SHARE, metavar="SHARE",
          help="A whole line must also be on this share of its site's pages.")
    add_flag(spam, "spam_max_per_site", type=int, default=DEFAULT_MAX_PER_SITE, metavar="N",
          help="Cap on frequent units kept per site (bounds the side input).")
    add_flag(spam, "spam_max_vocab", type=int, default=DEFAULT_MAX_VOCAB, metavar="N",
          help="Cap on the total size of the corpus vocabulary side input.")

    quality = parser.add_argument_group("language and quality")
    add_flag(quality, "languages", default=None, metavar="CODES",
          help="Comma-separated language codes to keep (e.g. zh,en); default: keep and tag all.")
    add_flag(quality, "quality_config", default=None, metavar="FILE",
          help="JSON file of quality-threshold overrides (see docs/QUALITY.md).")

    defaults = DedupSettings()
    dedup = parser.add_argument_group("deduplication (see docs/DEDUP.md)")
    add_flag(dedup, "no_dedup", action="store_true", default=False, help="Skip deduplication.")
    add_flag(dedup, "dedup_threshold", type=float, default=None, metavar="JACCARD",
          help=f"Estimated Jaccard a candidate pair needs to count as a near-duplicate "
               f"(default {defaults.threshold}).")
    add_flag(dedup, "dedup_num_perm", type=int, default=None, metavar="N",
          help=f"MinHash signature length (default {defaults.num_perm}).")
    add_flag(dedup, "dedup_bands", type=int, default=None, metavar="N",
          help=f"LSH bands (default {defaults.bands}; recomputed when only the threshold or signature "
               f"length changes).")
    add_flag(dedup, "dedup_rows", type=int, default=None, metavar="N",
          help=f"Rows per LSH band (default {defaults.rows}).")
    add_flag(dedup, "dedup_max_rounds", type=int, default=defaults.max_rounds, metavar="N",
          help="Connected-components rounds unrolled in the pipeline.")
    add_flag(dedup, "dedup_index_shards", type=int, default=defaults.index_shards, metavar="N",
          help="Parquet shards of the dedup index written under --output.")
    add_flag(dedup, "dedup_against", action="append", nargs="+", default=None, metavar="PATH",
          help="Dedup indexes of earlier runs (an output directory, its dedup_index/, files or globs): new "
               "documents that duplicate them are rejected. May name this run's own --output (a refresh "
               "in place): the old index is read before the new output replaces it.")

    add_logging_flags(parser)


def add_logging_flags(parser) -> None:
    logs = parser.add_argument_group("messages")
    logs.add_argument("-v", "--verbose", dest="verbose", action="count", default=0,
                      help="More messages: -v shows pagewash's INFO lines, -vv Beam's too.")
    logs.add_argument("-q", "--quiet", dest="quiet", action="store_true", default=False,
                      help="Only errors and the final summary; no progress lines.")


class PagewashOptions(PipelineOptions):
    @classmethod
    def _add_argparse_args(cls, parser):
        add_pagewash_flags(parser)

    def input_specs(self) -> List[str]:
        return _flatten(self.input)

    def dedup_against_specs(self) -> List[str]:
        return _flatten(self.dedup_against)

    def dedup_settings(self):
        """The dedup settings these flags ask for (bands x rows re-optimised when only the
        threshold or signature length is given)."""
        from dataclasses import replace

        from pagewash.transforms.dedup.settings import DedupSettings

        settings = DedupSettings()
        threshold = self.dedup_threshold if self.dedup_threshold is not None else settings.threshold
        num_perm = self.dedup_num_perm if self.dedup_num_perm is not None else settings.num_perm
        if self.dedup_bands is None and self.dedup_rows is None:
            if (threshold, num_perm) != (settings.threshold, settings.num_perm):
                # the defaults already are the optimal banding (a test keeps them in step); computing
                # it again would import datasketch and scipy into the runner (~40 MB) for nothing
                settings = settings.with_banding_for(threshold, num_perm)
        else:
            settings = replace(settings, threshold=threshold, num_perm=num_perm,
                               bands=self.dedup_bands or settings.bands, rows=self.dedup_rows or settings.rows)
        return replace(settings, max_rounds=self.dedup_max_rounds, index_shards=self.dedup_index_shards)


def _flatten(groups) -> List[str]:
    values: List[str] = []
    for group in groups or []:
        values.extend(group if isinstance(group, list) else [group])
    return values


# --- strict flag checking ---------------------------------------------------------


class _StrictParser(argparse.ArgumentParser):
    """An argparse parser Beam's options classes can declare their flags on; errors raise."""

    def add_value_provider_argument(self, *args, **kwargs):
        # Beam's templated-pipeline flags: parsed like any other flag here (Beam wraps
        # the value in a ValueProvider when it parses the options itself).
        self.add_argument(*args, **kwargs)

    def error(self, message):
        raise UsageError(message)


# Modules whose import declares Beam options classes: the standard ones (runner, direct,
# portable, job server, Dataflow, worker, ...) and the portable runners' own (Flink's and
# Spark's flags live in their runner modules in some Beam releases).
OPTION_MODULES = (
    "apache_beam.options.pipeline_options",
    "apache_beam.runners.portability.flink_runner",
    "apache_beam.runners.portability.spark_runner",
)


def _option_classes() -> Iterator[Type[PipelineOptions]]:
    import importlib

    for module in OPTION_MODULES:
        try:
            importlib.import_module(module)
        except ImportError:  # a runner this Beam release does not ship
            continue

    seen = set()
    pending = list(PipelineOptions.__subclasses__())
    while pending:
        cls = pending.pop(0)
        if cls in seen:
            continue
        seen.add(cls)
        pending.extend(cls.__subclasses__())
        yield cls


def all_flags_parser(prog: str = "pagewash run", exclude: Sequence[type] = ()) -> argparse.ArgumentParser:
    """A parser that knows pagewash's flags and every flag of every Beam options class
    (but those of the ``exclude`` d classes)."""
    parser = _StrictParser(prog=prog, add_help=False, allow_abbrev=False, conflict_handler="resolve")
    for cls in _option_classes():
        if cls not in exclude:
            cls._add_argparse_args(parser)  # Beam's extension point for options classes
    return parser


def closest_flag(flag: str, parser: argparse.ArgumentParser) -> Optional[str]:
    known = [s for action in parser._actions for s in action.option_strings if s.startswith("--")]
    normalised = flag.replace("-", "_")
    by_normalised: Dict[str, str] = {}
    for string in known:  # the underscore spelling is registered first and is the one named
        by_normalised.setdefault(string.replace("-", "_"), string)
    match = difflib.get_close_matches(normalised, list(by_normalised), n=1, cutoff=0.75)
    return by_normalised[match[0]] if match else None


def check_flags(argv: Sequence[str], parser: Optional[argparse.ArgumentParser] = None,
                prog: str = "pagewash run") -> argparse.Namespace:
    """Parses ``argv`` against pagewash's and Beam's flags; UsageError for anything unknown."""
    parser = parser or all_flags_parser(prog)
    namespace, unknown = parser.parse_known_args(list(argv))
    for token in unknown:
        if token.startswith("-") and len(token) > 1:
            flag = token.split("=", 1)[0]
            suggestion = closest_flag(flag, parser)
            hint = f"; did you mean {suggestion}?" if suggestion else f" (see {prog} --help)"
            raise UsageError(f"unknown flag {flag}{hint}")
    if unknown:
        raise UsageError(f"unexpected argument {unknown[0]!r} (values follow their flag: --input PATH ...)")
    return namespace


# Beam options pagewash sets for every run (as Beam's --no_pipeline_type_check would; Beam has
# no flag to set it back).  pipeline_type_check: Beam infers every step's output type from its
# callable's bytecode while the pipeline is built and checks it against the next step's hints;
# pagewash's steps declare no hints to check, the output is the same byte for byte, and the
# inference was a third of building the pipeline (docs/PERFORMANCE.md, "The fixed cost").
BEAM_DEFAULTS: Dict[str, Any] = {"pipeline_type_check": False}


def beam_options(argv: Sequence[str]) -> PipelineOptions:
    """Beam's options from (already checked) flags, with the in-process runner by default."""
    argv = list(argv)
    options = PipelineOptions(argv)
    # Beam 2.62's option views accept abbreviated flags: read through PortableOptions alone (as
    # the portable runners, Flink's and Spark's included, read it), --output is taken for
    # --output_executable_path, and the job server writes the pipeline to that path as a jar
    # instead of running it.  Only the full flag may set it.
    if not any(flag.split("=", 1)[0] == "--output_executable_path" for flag in argv):
        options.view_as(PortableOptions).output_executable_path = None
    standard = options.view_as(StandardOptions)
    if not standard.runner:
        standard.runner = DEFAULT_RUNNER
    for name, value in BEAM_DEFAULTS.items():
        setattr(options.view_as(TypeOptions), name, value)
    return options


def parse_options(argv: Optional[Sequence[str]]) -> PipelineOptions:
    """Parses and checks pagewash and Beam flags; fills in the in-process runner by default.

    Raises :class:`UsageError` for an unknown flag or a value no run can use.  Checks that
    look at files (inputs, configs, indexes, the output) are in :mod:`pagewash.pipeline.preflight`.
    """
    argv = list(argv or [])
    check_flags(argv)
    options = beam_options(argv)
    pagewash = options.view_as(PagewashOptions)
    if not pagewash.input_specs():
        raise UsageError("--input is required")
    if not pagewash.output:
        raise UsageError("--output is required")
    for name in ("num_shards", "max_page_bytes", "max_extract_elements", "dedup_index_shards",
                 "dedup_max_rounds", "spam_min_pages"):
        if getattr(pagewash, name) < 1:
            raise UsageError(f"--{name} must be at least 1 (got {getattr(pagewash, name)})")
    if pagewash.extract_cpu_seconds < 0:
        raise UsageError("--extract_cpu_seconds must be 0 (no backstop) or more")
    if pagewash.stage_processes < -1:
        raise UsageError("--stage_processes must be -1 (by the runner), 0 (none) or more")
    if pagewash.extract_processes < 0:
        raise UsageError("--extract_processes must be 0 (by the runner) or more")
    from pagewash.transforms.ids import validate_prefix

    try:
        validate_prefix(pagewash.id_prefix or "")
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return options


def effective_settings(options: PipelineOptions) -> Dict[str, Any]:
    """Every pagewash setting of the run, defaults included, plus the Beam flags given."""
    pagewash = options.view_as(PagewashOptions)
    names: List[Tuple[str, Any]] = []
    help_parser = argparse.ArgumentParser(add_help=False)
    add_pagewash_flags(help_parser)
    for action in help_parser._actions:
        if action.dest not in (argparse.SUPPRESS, "help") and action.dest not in dict(names):
            names.append((action.dest, getattr(pagewash, action.dest, None)))
    settings = dict(names)
    settings["input"] = pagewash.input_specs()
    settings["dedup_against"] = pagewash.dedup_against_specs()
    settings["runner"] = options.view_as(StandardOptions).runner
    given = options.get_all_options(drop_default=True, retain_unknown_options=False)
    settings["beam_flags"] = {k: v for k, v in sorted(given.items()) if k not in settings and k not in BEAM_DEFAULTS}
    return settings
