"""Checks that run before anything is read, built or deleted.

Each failure is a :class:`~pagewash.pipeline.options.UsageError` with one line
that names the flag and the value: the CLI prints it and exits non-zero, and the
previous output is untouched because nothing has been written yet.
"""
from __future__ import annotations

import importlib
import os
from typing import Any, List, NamedTuple, Optional, Sequence, Tuple

from apache_beam.io.filesystems import FileSystems

from pagewash.pipeline.options import PagewashOptions, UsageError
from pagewash.transforms.inputs import GLOB_CHARS


# What a pagewash output directory holds (an --output holding anything else is not replaced).
OUTPUT_ENTRIES = frozenset({
    "clean", "parquet", "rejected", "errors", "audit", "dedup_index", "report.json", "report.md",
    "README.md", "_SUCCESS", "plots",
})

# The modules extraction needs: trafilatura, its jusText fallback, and lxml's HTML cleaner
# (a separate package since lxml 5.2, which older pips do not pull in through lxml's extra).
EXTRACTION_MODULES = ("lxml.html.clean", "justext", "trafilatura")


def check_extraction_stack(modules: Sequence[str] = EXTRACTION_MODULES) -> None:
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception as exc:  # an ImportError, or a module that breaks while importing
            raise UsageError(f"extraction cannot start: importing {name} failed ({type(exc).__name__}: {exc}); "
                             "reinstall with ./run_local.sh, or pip install -c constraints.txt -e .") from None


def _is_local(path: str) -> bool:
    return "://" not in path


def input_matches(spec: str) -> bool:
    """Whether an ``--input`` value names at least one file (a file, a directory with a file, a glob)."""
    if GLOB_CHARS.search(spec):
        return bool(FileSystems.match([spec], limits=[1])[0].metadata_list)
    if _is_local(spec):
        if os.path.isfile(spec):
            return True
        if not os.path.isdir(spec):
            return False
    exact = [m for m in FileSystems.match([spec], limits=[1])[0].metadata_list if m.path.rstrip("/") == spec.rstrip("/")]
    if exact and not _is_local(spec):
        return True
    nested = FileSystems.match([spec.rstrip("/") + "/**"], limits=[1])[0].metadata_list
    return bool(nested)


def check_inputs(specs: Sequence[str]) -> None:
    for spec in specs:
        try:
            found = input_matches(spec)
        except Exception as exc:  # a filesystem Beam does not know, an unreachable bucket
            raise UsageError(f"--input {spec!r}: cannot be listed ({type(exc).__name__}: {exc})") from None
        if not found:
            raise UsageError(f"--input {spec!r} matches no file")


def load_quality_thresholds(path: Optional[str]):
    from pagewash.transforms.quality.thresholds import QualityThresholds

    if not path:
        return QualityThresholds()
    try:
        return QualityThresholds.from_json(path)
    except (ValueError, TypeError, KeyError) as exc:  # bad JSON, an unknown key, a value of the wrong type
        raise UsageError(f"--quality_config {path!r}: {type(exc).__name__}: {exc}") from None
    except Exception as exc:  # missing, unreadable (Beam's filesystems raise their own errors)
        reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
        raise UsageError(f"--quality_config {path!r}: cannot be read ({reason})") from None


def load_languages(value: Optional[str]):
    from pagewash.transforms.quality.thresholds import parse_languages

    try:
        return parse_languages(value)
    except ValueError as exc:
        raise UsageError(f"--languages {value!r}: {exc}") from None


def dedup_settings(options):
    """The dedup settings the flags ask for; UsageError for a combination DedupSettings refuses."""
    try:
        return options.dedup_settings()
    except ValueError as exc:
        raise UsageError(f"dedup settings: {exc}") from None


def check_dedup_against(specs: Sequence[str], settings) -> List[str]:
    """The index file patterns of ``--dedup_against``; UsageError for a path with no index or
    an index made with other MinHash parameters."""
    import pyarrow.parquet as pq

    from pagewash.transforms.dedup.index import index_patterns

    if not specs:
        return []
    try:
        patterns = index_patterns(specs)
    except FileNotFoundError as exc:
        raise UsageError(f"--dedup_against: {exc}") from None
    for pattern in patterns:
        matched = sorted(m.path for m in FileSystems.match([pattern])[0].metadata_list)
        if not matched:
            raise UsageError(f"--dedup_against {pattern!r} matches no file")
        for path in matched:
            try:
                with FileSystems.open(path) as handle:
                    params = pq.read_table(handle, columns=["params"]).column("params").to_pylist()
            except Exception as exc:
                raise UsageError(f"--dedup_against: {path!r} is not a pagewash dedup index "
                                 f"({type(exc).__name__}: {exc})") from None
            if params:
                if params[0] != settings.signature_params:
                    raise UsageError(
                        f"--dedup_against: {path!r} was made with {params[0]!r}, this run uses "
                        f"{settings.signature_params!r}; run with the same dedup settings")
                break
    return patterns


def check_output(output: str) -> None:
    """The output must be a directory pagewash may replace: new, empty, or an earlier output."""
    if not _is_local(output):
        return
    if os.path.isfile(output) or (os.path.lexists(output) and not os.path.isdir(output)):
        raise UsageError(f"--output {output!r} is a file, not a directory")
    if os.path.isdir(output):
        foreign = sorted(set(os.listdir(output)) - OUTPUT_ENTRIES)
        if foreign:
            raise UsageError(f"--output {output!r} holds files pagewash did not write ({foreign[0]!r}"
                             f"{' and more' if len(foreign) > 1 else ''}); name a new or empty directory")
    parent = os.path.dirname(os.path.abspath(output))
    if os.path.exists(parent) and not os.path.isdir(parent):
        raise UsageError(f"--output {output!r}: {parent!r} is a file")
    existing = parent
    while not os.path.exists(existing):
        existing = os.path.dirname(existing)
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(f"--output {output!r}: {existing!r} is not writable")


class RunConfig(NamedTuple):
    """What a run's flags ask for, parsed and checked once: the assembly and the report read
    these values, never the flags again."""

    inputs: Tuple[str, ...]
    thresholds: Any  # QualityThresholds (--quality_config, or the defaults)
    languages: Any  # the --languages codes (None: every language)
    dedup: Any  # DedupSettings; None with --no_dedup
    dedup_against: Tuple[str, ...]


def prepare(options) -> RunConfig:
    """Checks the inputs, configs, indexes, the output and that extraction imports, in that order
    (UsageError on the first failure), and returns the run's parsed settings."""
    opts = options.view_as(PagewashOptions)
    check_extraction_stack()
    inputs = tuple(opts.input_specs())
    check_inputs(inputs)
    thresholds = load_quality_thresholds(opts.quality_config)
    languages = load_languages(opts.languages)
    against = tuple(opts.dedup_against_specs())
    dedup = None
    if not opts.no_dedup:
        dedup = dedup_settings(opts)
        check_dedup_against(against, dedup)
    check_output(opts.output)
    return RunConfig(inputs, thresholds, languages, dedup, against)
