"""The assembly of stages: raw pages in, clean corpus out.

    ReadPages -> DecodePages -> ExtractArticles -> CleanSpam -> TagQuality -> FilterQuality
        -> Deduplicate -> (kept) -> write clean/ + parquet/
    every stage's rejections -> rejected/, errors -> errors/; CleanSpam's removed spans -> audit/ (--audit);
    Deduplicate's index keys (old + kept) -> dedup_index/

Each stage returns StageOutputs(docs, rejected, errors, extras); rejections and
errors of every stage are flattened and written once, extras where they belong.
Documents that wait for a corpus-wide result wait on disk under
``<output>/.spill-<stage>/`` (removed by the stage when it is done).  See docs/ARCHITECTURE.md.
"""
from __future__ import annotations

import os
from typing import List, NamedTuple, Optional

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions

from pagewash.pipeline.options import PagewashOptions
from pagewash.pipeline.preflight import RunConfig
from pagewash.pipeline.profile import ProfileCorpus, SampleExamples
from pagewash.pipeline.progress import CountProgress
from pagewash.transforms.decode import DecodePages
from pagewash.transforms.dedup.beam import INDEX as DEDUP_INDEX
from pagewash.transforms.dedup.beam import Deduplicate
from pagewash.transforms.dedup.index import WriteDedupIndex
from pagewash.transforms.extract import ExtractSettings
from pagewash.transforms.extract_limits import ExtractArticles, WorkBudget
from pagewash.transforms.quality.stages import FilterQuality, TagQuality
from pagewash.transforms.read import ReadLimits, ReadPages
from pagewash.transforms.counters import Output
from pagewash.transforms.schema import CLEAN_SCHEMA, clean_row, error_row, rejected_row
from pagewash.transforms.ids import with_document_id
from pagewash.transforms.spam.beam import CleanSpam
from pagewash.transforms.stage import StageOutputs
from pagewash.transforms.unique import UniqueIds
from pagewash.transforms.write import WriteShards


class OutputLayout(NamedTuple):
    clean: str
    parquet: str
    rejected: str
    errors: str
    audit: str
    dedup_index: str
    report: str
    report_md: str
    card: str
    examples: str

    @classmethod
    def under(cls, output: str) -> "OutputLayout":
        root = output.rstrip("/")
        return cls(f"{root}/clean", f"{root}/parquet", f"{root}/rejected", f"{root}/errors",
                   f"{root}/audit", f"{root}/dedup_index", f"{root}/report.json", f"{root}/report.md",
                   f"{root}/README.md", f"{root}/_examples.json")

    def shard_dirs(self) -> List[str]:
        return [self.clean, self.parquet, self.rejected, self.errors, self.audit, self.dedup_index]


def with_id_prefix(read: StageOutputs, prefix: str) -> StageOutputs:
    """The reader's outputs with every id put in the run's namespace (transforms/ids.py)."""
    if not prefix:
        return read
    docs, rejected, errors = (pcoll | f"IdPrefix{name.capitalize()}" >> beam.Map(with_document_id, prefix)
                              for name, pcoll in (("docs", read.docs), ("rejected", read.rejected),
                                                  ("errors", read.errors)))
    return read._replace(docs=docs, rejected=rejected, errors=errors)


def extraction_processes(options: PipelineOptions, cpus: Optional[int] = None) -> int:
    """Extraction processes per pipeline worker: ``--extract_processes``, or with 0 (the default)
    the spare cores per pipeline worker of the in-process runner, at most 2, and 1 elsewhere.

    On 2 cores the in-process runner's one worker gets two (both cores extract while it goes on),
    and multi_processing with 2 workers one each (measured in docs/PERFORMANCE.md: a second one
    per worker gave no wall time there and cost CPU).  A cluster runner's workers have a core
    each.  The output is the same whatever the number."""
    from apache_beam.options.pipeline_options import DirectOptions, StandardOptions

    from pagewash.pipeline.options import IN_PROCESS_RUNNER

    asked = options.view_as(PagewashOptions).extract_processes
    if asked:
        return asked
    if options.view_as(StandardOptions).runner != IN_PROCESS_RUNNER:
        return 1
    cpus = cpus or os.cpu_count() or 1
    workers = options.view_as(DirectOptions).direct_num_workers or cpus  # 0: one per core
    return max(1, min(2, cpus // max(1, workers)))


def stage_processes(options: PipelineOptions, cpus: Optional[int] = None) -> int:
    """Stage processes for the spam cleaning and for the quality tagging (each):
    ``--stage_processes``, or with -1 (the default) one each when the in-process runner runs
    one pipeline worker in this process and the machine has a spare core, else none.

    The in-process runner's worker otherwise runs the cleaning and the tagging (two thirds of
    a text document's CPU) on one core; multi_processing and cluster runners have a worker
    per core already (docs/PERFORMANCE.md, "Stage processes").  The output is the same
    whatever the number."""
    from apache_beam.options.pipeline_options import DirectOptions, StandardOptions

    from pagewash.pipeline.options import IN_PROCESS_RUNNER

    asked = options.view_as(PagewashOptions).stage_processes
    if asked >= 0:
        return asked
    direct = options.view_as(DirectOptions)
    if options.view_as(StandardOptions).runner != IN_PROCESS_RUNNER or direct.direct_running_mode == "multi_processing":
        return 0
    cpus = cpus or os.cpu_count() or 1
    workers = direct.direct_num_workers or cpus
    return 1 if cpus // max(1, workers) >= 2 else 0


def build_pipeline(pipeline: beam.Pipeline, options: PipelineOptions, config: RunConfig,
                   output: Optional[str] = None) -> None:
    """Adds every stage and writer to ``pipeline``, writing under ``output`` (default ``--output``;
    the CLI passes its staging directory).  ``config``: the run's settings, parsed and checked
    once (:func:`pagewash.pipeline.preflight.prepare`); ``options`` gives the plain flags."""
    opts = options.view_as(PagewashOptions)
    layout_root = output or opts.output
    layout = OutputLayout.under(layout_root)
    shards = opts.num_shards
    # documents that wait for a corpus-wide result (a side input, the dedup keep set) wait here, on disk
    spill_root = f"{layout_root.rstrip('/')}/.spill"  # + "-<stage>": one directory per stage, each removed after

    read = with_id_prefix(
        pipeline | "ReadPages" >> ReadPages(list(config.inputs), ReadLimits(opts.max_page_bytes), exclude=opts.output),
        opts.id_prefix)
    decoded = (read.docs | "ProgressRead" >> CountProgress("read")) | "DecodePages" >> DecodePages()
    extracted = decoded.docs | "ExtractArticles" >> ExtractArticles(
        ExtractSettings(), WorkBudget(max_elements=opts.max_extract_elements, cpu_seconds=opts.extract_cpu_seconds,
                               processes=extraction_processes(options)))
    extracted = extracted._replace(docs=extracted.docs | "ProgressExtracted" >> CountProgress("extracted"))

    # Removed spans are always collected: the report shows a few per reason; audit/ only with --audit.
    cleaned = extracted.docs | "CleanSpam" >> CleanSpam(
        opts.spam_min_pages, opts.spam_min_line_share, opts.spam_max_per_site, opts.spam_max_vocab,
        audit=True, spill_dir=f"{spill_root}-spam", processes=stage_processes(options))

    tagged = cleaned.docs | "TagQuality" >> TagQuality(processes=stage_processes(options))
    filtered = tagged.docs | "FilterQuality" >> FilterQuality(config.thresholds, config.languages)

    unique = filtered.docs | "UniqueIds" >> UniqueIds(spill_dir=f"{spill_root}-ids")  # one record per id
    stages = [read, decoded, extracted, cleaned, tagged, filtered, unique]
    clean = unique.docs
    if config.dedup is not None:
        deduped = clean | "Deduplicate" >> Deduplicate(config.dedup, f"{spill_root}-dedup",
                                                     against=list(config.dedup_against))
        _ = deduped.extras[DEDUP_INDEX] | "WriteDedupIndex" >> WriteDedupIndex(
            layout.dedup_index, config.dedup, with_old=bool(config.dedup_against))
        stages.append(deduped)
        clean = deduped.docs
    rejected = [stage.rejected for stage in stages]
    errors = [stage.errors for stage in stages]

    if opts.audit:
        _ = cleaned.extras["audit"] | "WriteAudit" >> WriteShards(
            Output.AUDIT, dict, shards, jsonl_dir=layout.audit,
            key=lambda span: f"{span['id']}\x00{span['reason']}\x00{span['text']}")

    _ = clean | "ProfileCorpus" >> ProfileCorpus()
    _ = clean | "WriteClean" >> WriteShards(Output.CLEAN, clean_row, shards, jsonl_dir=layout.clean,
                                            parquet_dir=layout.parquet, schema=CLEAN_SCHEMA)
    # every stage's rejections go to the writer and the examples separately: each is reduced (sorted
    # runs on disk, a few examples) where it is made, so the rejected texts are never held together
    _ = (tuple(rejected), cleaned.extras["audit"]) | "SampleExamples" >> SampleExamples(layout.examples)
    _ = tuple(rejected) | "WriteRejected" >> WriteShards(Output.REJECTED, rejected_row, shards,
                                                         jsonl_dir=layout.rejected)
    _ = (tuple(errors)
         | "WriteErrors" >> WriteShards(Output.ERRORS, error_row, shards, jsonl_dir=layout.errors,
                                        key=lambda e: f"{e.id or ''}\x00{e.source}"))
