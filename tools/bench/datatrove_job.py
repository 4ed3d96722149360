"""The peer's side of the comparison: HuggingFace datatrove running the same job as pagewash.

Runs inside datatrove's own venv (never the project's), one stage per call, so that each stage can be
measured from outside (``tools/bench/compare.py`` does that):

    extract   JsonlReader (html or text) -> Trafilatura (datatrove's defaults) -> GopherRepetitionFilter
              -> GopherQualityFilter -> JsonlWriter
    sig, buckets, cluster, filter
              datatrove's four-stage MinHash dedup with its default MinhashConfig (5-grams, 14 buckets x 8)

``--lang eng`` uses datatrove's defaults (English word tokenizer and Gopher thresholds); ``--lang zho`` its
Chinese word tokenizer (``cmn_Hani``: spaCy zh + jieba; plain ``zho`` maps to a whitespace tokenizer in
0.10.1) with the Gopher quality thresholds adapted to Chinese words (average length 1-10, at least half the
words alphabetic, Chinese stop words).

    python datatrove_job.py shard --source docs.jsonl --work DIR --shards 8
    python datatrove_job.py stage --stage extract --work DIR --tasks 2 --workers 2 --lang eng --input html
"""
import argparse
import os

STAGES = ("extract", "sig", "buckets", "cluster", "filter")
TOKENIZER_LANGUAGE = {"eng": "eng", "zho": "cmn_Hani"}
# The commonest Chinese function words (a stop-word test needs a few of them on any real text).
CHINESE_STOP_WORDS = ["的", "了", "是", "在", "和", "有", "不", "这", "也", "就", "都", "而", "及", "与", "对"]


def shard(source: str, work: str, shards: int) -> None:
    """Splits the input JSON Lines round-robin into ``shards`` files (datatrove parallelises per file)."""
    folder = os.path.join(work, "input")
    os.makedirs(folder, exist_ok=True)
    outs = [open(os.path.join(folder, f"{i:05d}.jsonl"), "w", encoding="utf-8") for i in range(shards)]
    with open(source, encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            outs[number % shards].write(line)
    for out in outs:
        out.close()


def executor(args):
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.dedup import (MinhashDedupBuckets, MinhashDedupCluster, MinhashDedupFilter,
                                          MinhashDedupSignature)
    from datatrove.pipeline.dedup.minhash import MinhashConfig
    from datatrove.pipeline.extractors import Trafilatura
    from datatrove.pipeline.filters import GopherQualityFilter, GopherRepetitionFilter
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers.jsonl import JsonlWriter

    work, language = args.work, TOKENIZER_LANGUAGE[args.lang]
    config = MinhashConfig()
    tasks, workers = args.tasks, args.workers
    if args.stage == "extract":
        key = "html" if args.input == "html" else "text"
        steps = [JsonlReader(f"{work}/input", text_key=key, id_key="id")]
        if args.input == "html":
            steps.append(Trafilatura())
        if args.lang == "zho":
            steps += [GopherRepetitionFilter(language=language),
                      GopherQualityFilter(language=language, min_avg_word_length=1, max_avg_word_length=10,
                                          max_non_alpha_words_ratio=0.5, stop_words=CHINESE_STOP_WORDS)]
        else:
            steps += [GopherRepetitionFilter(), GopherQualityFilter()]
        steps.append(JsonlWriter(f"{work}/extracted", compression=None))
    elif args.stage == "sig":
        steps = [JsonlReader(f"{work}/extracted"),
                 MinhashDedupSignature(f"{work}/sigs", config=config, language=language)]
    elif args.stage == "buckets":
        steps = [MinhashDedupBuckets(f"{work}/sigs", f"{work}/buckets", config=config)]
        tasks = config.num_buckets  # one task per bucket, as datatrove's own example does
    elif args.stage == "cluster":
        steps = [MinhashDedupCluster(f"{work}/buckets", f"{work}/remove_ids", config=config)]
        tasks, workers = 1, 1
    else:
        steps = [JsonlReader(f"{work}/extracted"),
                 MinhashDedupFilter(f"{work}/remove_ids",
                                    exclusion_writer=JsonlWriter(f"{work}/removed", compression=None)),
                 JsonlWriter(f"{work}/final", compression=None)]
    return LocalPipelineExecutor(pipeline=steps, tasks=tasks, workers=min(workers, tasks),
                                 logging_dir=f"{work}/logs/{args.stage}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p_shard = sub.add_parser("shard")
    p_shard.add_argument("--source", required=True)
    p_shard.add_argument("--work", required=True)
    p_shard.add_argument("--shards", type=int, default=8)
    p_stage = sub.add_parser("stage")
    p_stage.add_argument("--stage", choices=STAGES, required=True)
    p_stage.add_argument("--work", required=True)
    p_stage.add_argument("--tasks", type=int, default=2)
    p_stage.add_argument("--workers", type=int, default=2)
    p_stage.add_argument("--lang", choices=sorted(TOKENIZER_LANGUAGE), default="eng")
    p_stage.add_argument("--input", choices=("html", "text"), default="html")
    args = parser.parse_args()
    if args.command == "shard":
        shard(args.source, args.work, args.shards)
    else:
        executor(args).run()


if __name__ == "__main__":
    main()
