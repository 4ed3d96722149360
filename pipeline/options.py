"""Command-line options: pagewash's own, on top of every standard Beam flag."""
from __future__ import annotations

from typing import List, Optional, Sequence

from apache_beam.options.pipeline_options import PipelineOptions, PortableOptions, StandardOptions

# Beam's in-process portable runner, by its full name (Beam 2.62, the release pinned
# in pyproject.toml, registers no short name for it).
IN_PROCESS_RUNNER = "apache_beam.runners.portability.fn_api_runner.FnApiRunner"
# Beam's DirectRunner first tries the Prism runner, which it downloads from the
# internet; pagewash picks the in-process portable runner (the one DirectRunner
# falls back to) unless --runner says otherwise.
DEFAULT_RUNNER = IN_PROCESS_RUNNER


class PagewashOptions(PipelineOptions):
    @classmethod
    def _add_argparse_args(cls, parser):
        group = parser.add_argument_group("pagewash")
        group.add_argument("--input", action="append", nargs="+", default=None,
                           help="Files, directories or globs to read (any Beam filesystem); repeatable.")
        group.add_argument("--output", default=None, help="Output directory (any Beam filesystem).")
        group.add_argument("--num_shards", type=int, default=4,
                           help="Shards per output (clean, parquet, rejected, errors). Fixed, so the layout is "
                                "the same whatever the runner; raise it for large corpora.")
        group.add_argument("--max_page_bytes", type=int, default=8 * 1024 * 1024,
                           help="Pages over this many bytes are rejected (too_large) before any parsing.")
        group.add_argument("--max_extract_seconds", type=float, default=30.0,
                           help="Per-page extraction time limit (extraction_timeout).")
        group.add_argument("--audit", action="store_true", default=False,
                           help="Also write every span removed by cleaning, with its reason, to audit/.")
        from pagewash.transforms.spam.beam import (DEFAULT_MAX_PER_SITE, DEFAULT_MAX_VOCAB, DEFAULT_MIN_LINE_SHARE,
                                          DEFAULT_MIN_PAGES)

        spam = parser.add_argument_group("spam cleaning (corpus-level evidence)")
        spam.add_argument("--spam_min_pages", type=int, default=DEFAULT_MIN_PAGES,
                          help="Distinct pages a short line or token must appear on (per site or globally) "
                               "to count as template or spam vocabulary.")
        spam.add_argument("--spam_min_line_share", type=float, default=DEFAULT_MIN_LINE_SHARE,
                          help="A whole line must also be on this share of its site's pages.")
        spam.add_argument("--spam_max_per_site", type=int, default=DEFAULT_MAX_PER_SITE,
                          help="Cap on frequent units kept per site (bounds the side input).")
        spam.add_argument("--spam_max_vocab", type=int, default=DEFAULT_MAX_VOCAB,
                          help="Cap on the total size of the corpus vocabulary side input.")

        quality = parser.add_argument_group("language and quality")
        quality.add_argument("--languages", default=None,
                             help="Comma-separated language codes to keep (e.g. zh,en); default: keep and tag all.")
        quality.add_argument("--quality_config", default=None,
                             help="JSON file of quality-threshold overrides (see docs/QUALITY.md).")

        from pagewash.transforms.dedup.settings import DedupSettings

        defaults = DedupSettings()
        dedup = parser.add_argument_group("deduplication (see docs/DEDUP.md)")
        dedup.add_argument("--no_dedup", action="store_true", default=False, help="Skip deduplication.")
        dedup.add_argument("--dedup_threshold", type=float, default=None,
                           help=f"Estimated Jaccard a candidate pair needs to count as a near-duplicate "
                                f"(default {defaults.threshold}).")
        dedup.add_argument("--dedup_num_perm", type=int, default=None,
                           help=f"MinHash signature length (default {defaults.num_perm}).")
        dedup.add_argument("--dedup_bands", type=int, default=None,
                           help=f"LSH bands (default {defaults.bands}; recomputed when only the threshold or "
                                f"signature length changes).")
        dedup.add_argument("--dedup_rows", type=int, default=None,
                           help=f"Rows per LSH band (default {defaults.rows}).")
        dedup.add_argument("--dedup_max_rounds", type=int, default=defaults.max_rounds,
                           help="Connected-components rounds unrolled in the pipeline.")
        dedup.add_argument("--dedup_index_shards", type=int, default=defaults.index_shards,
                           help="Parquet shards of the dedup index written under --output.")
        dedup.add_argument("--dedup_against", "--dedup-against", dest="dedup_against", action="append",
                           nargs="+", default=None,
                           help="Dedup indexes of earlier runs (an output directory, its dedup_index/, files or "
                                "globs): new documents that duplicate them are rejected.")

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


def parse_options(argv: Optional[Sequence[str]]) -> PipelineOptions:
    """Parses pagewash and Beam flags; fills in the in-process runner by default."""
    argv = list(argv or [])
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
    pagewash = options.view_as(PagewashOptions)
    if not pagewash.input_specs():
        raise SystemExit("pagewash run: --input is required")
    if not pagewash.output:
        raise SystemExit("pagewash run: --output is required")
    if pagewash.num_shards < 1:
        raise SystemExit("pagewash run: --num_shards must be at least 1")
    own_index = pagewash.output.rstrip("/") + "/dedup_index"
    for spec in pagewash.dedup_against_specs():
        if spec.rstrip("/") in (pagewash.output.rstrip("/"), own_index):
            raise SystemExit("pagewash run: --dedup_against may not name this run's own output "
                             "(its index is replaced by this run); write the new run to a new --output")
    return options
