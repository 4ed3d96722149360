"""Command-line options: pagewash's own, on top of every standard Beam flag."""
from __future__ import annotations

from typing import List, Optional, Sequence

from apache_beam.options.pipeline_options import DirectOptions, PipelineOptions, StandardOptions

# Beam's DirectRunner (2.6x and later) first tries the Prism runner, which it
# downloads from the internet; pagewash picks the in-process portable runner
# (the one DirectRunner falls back to) unless --runner says otherwise.
DEFAULT_RUNNER = "FnApiRunner"


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
        from transforms.spam.beam import (DEFAULT_MAX_PER_SITE, DEFAULT_MAX_VOCAB, DEFAULT_MIN_LINE_SHARE,
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

    def input_specs(self) -> List[str]:
        specs: List[str] = []
        for group in self.input or []:
            specs.extend(group if isinstance(group, list) else [group])
        return specs


def parse_options(argv: Optional[Sequence[str]]) -> PipelineOptions:
    """Parses pagewash and Beam flags; fills in the in-process runner by default."""
    options = PipelineOptions(list(argv or []))
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
    # direct_num_workers=0 means "one per core" in Beam; keep it explicit in the report.
    options.view_as(DirectOptions)
    return options
