"""The assembly of stages: raw pages in, clean corpus out.

    ReadPages -> DecodePages -> ExtractArticles -> CleanSpam -> TagQuality -> FilterQuality
        -> Deduplicate (+ dedup_index/) -> (kept) -> write clean/ + parquet/
    every stage's rejections -> rejected/, errors -> errors/; CleanSpam's removed spans -> audit/ (--audit)

Each stage returns (docs, rejected, errors); rejections and errors of every
stage are flattened and written once.  See docs/ARCHITECTURE.md.
"""
from __future__ import annotations

from typing import List, NamedTuple

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions

from pagewash.pipeline.options import PagewashOptions
from pagewash.transforms.decode import DecodePages
from pagewash.transforms.dedup.beam import Deduplicate
from pagewash.transforms.extract import ExtractArticles, ExtractSettings
from pagewash.transforms.quality.stages import FilterQuality, TagQuality
from pagewash.transforms.quality.thresholds import QualityThresholds, parse_languages
from pagewash.transforms.read import ReadLimits, ReadPages
from pagewash.transforms.schema import CLEAN_SCHEMA, clean_row, error_row, rejected_row
from pagewash.transforms.spam.beam import CleanSpam
from pagewash.transforms.write import WriteShards


class OutputLayout(NamedTuple):
    clean: str
    parquet: str
    rejected: str
    errors: str
    audit: str
    dedup_index: str
    report: str

    @classmethod
    def under(cls, output: str) -> "OutputLayout":
        root = output.rstrip("/")
        return cls(f"{root}/clean", f"{root}/parquet", f"{root}/rejected", f"{root}/errors",
                   f"{root}/audit", f"{root}/dedup_index", f"{root}/report.json")

    def shard_dirs(self) -> List[str]:
        return [self.clean, self.parquet, self.rejected, self.errors, self.audit, self.dedup_index]


def build_pipeline(pipeline: beam.Pipeline, options: PipelineOptions) -> None:
    """Adds every stage and writer to ``pipeline``."""
    opts = options.view_as(PagewashOptions)
    layout = OutputLayout.under(opts.output)
    shards = opts.num_shards

    read = pipeline | "ReadPages" >> ReadPages(opts.input_specs(), ReadLimits(opts.max_page_bytes))
    decoded = read.docs | "DecodePages" >> DecodePages()
    extracted = decoded.docs | "ExtractArticles" >> ExtractArticles(
        ExtractSettings(max_extract_seconds=opts.max_extract_seconds))

    cleaned = extracted.docs | "CleanSpam" >> CleanSpam(
        opts.spam_min_pages, opts.spam_min_line_share, opts.spam_max_per_site, opts.spam_max_vocab,
        audit=opts.audit)

    tagged = cleaned.docs | "TagQuality" >> TagQuality()
    thresholds = QualityThresholds.from_json(opts.quality_config) if opts.quality_config else QualityThresholds()
    filtered = tagged.docs | "FilterQuality" >> FilterQuality(thresholds, parse_languages(opts.languages))

    stages = [read, decoded, extracted, cleaned, tagged, filtered]
    clean = filtered.docs
    if not opts.no_dedup:
        deduped = clean | "Deduplicate" >> Deduplicate(opts.dedup_settings(), against=opts.dedup_against_specs(),
                                                     index_output=layout.dedup_index,
                                                     spill_dir=f"{opts.output.rstrip('/')}/.spill-dedup")
        stages.append(deduped)
        clean = deduped.docs
    rejected = [stage.rejected for stage in stages]
    errors = [stage.errors for stage in stages]

    if opts.audit:
        _ = cleaned.extras["audit"] | "WriteAudit" >> WriteShards(
            "audit", dict, shards, jsonl_dir=layout.audit,
            key=lambda span: f"{span['id']}\x00{span['reason']}\x00{span['text']}")

    _ = clean | "WriteClean" >> WriteShards("clean", clean_row, shards, jsonl_dir=layout.clean,
                                            parquet_dir=layout.parquet, schema=CLEAN_SCHEMA)
    _ = (tuple(rejected) | "AllRejected" >> beam.Flatten()
         | "WriteRejected" >> WriteShards("rejected", rejected_row, shards, jsonl_dir=layout.rejected))
    _ = (tuple(errors) | "AllErrors" >> beam.Flatten()
         | "WriteErrors" >> WriteShards("errors", error_row, shards, jsonl_dir=layout.errors,
                                        key=lambda e: f"{e.id or ''}\x00{e.source}"))
