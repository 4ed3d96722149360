"""Development tooling: benchmarks and dev-set scorers, run from a checkout.

    ./run_local.sh tools <command> [args]      (or: .venv/bin/python -m tools <command> [args])

None of this is part of the installed product; it imports the product, never the reverse.
"""
from __future__ import annotations

import importlib
import sys
from typing import Dict, List, Optional, Sequence

# command -> module under tools/ with a ``main(argv) -> int``; imported only when used.
COMMANDS: Dict[str, str] = {
    "bench": "tools.bench.pipeline",
    "bench-compare": "tools.bench.compare",
    "bench-extract": "tools.bench.extract",
    "bench-spam": "tools.bench.spam",
    "bench-spam-rules": "tools.bench.spam_rules",
    "bench-run-profile": "tools.bench.run_profile",
    "bench-same-output": "tools.bench.same_output",
    "bench-quality": "tools.bench.quality",
    "bench-dedup": "tools.bench.dedup",
    "bench-limits": "tools.bench.limits",
    "bench-heap": "tools.bench.heap",
    "bench-stages": "tools.bench.stages",
    "bench-fixed": "tools.bench.fixed",
    "fast-path": "tools.bench.fast_path",
    "score-html": "tools.score.html",
    "score-spam": "tools.score.spam",
    "score-quality": "tools.score.quality",
    "probe-spam": "tools.probe_spam",
    "eval-sources": "tools.evalset.prepare_sources",
    "eval-build-spam": "tools.evalset.build_spam_eval",
    "eval-build-spam-c": "tools.evalset.build_spam_eval_c",
    "eval-build-spam-d": "tools.evalset.build_spam_eval_d",
    "eval-build-spam-e": "tools.evalset.build_spam_eval_e",
    "eval-build-spam-f": "tools.evalset.build_spam_eval_f",
    "eval-build-spam-g": "tools.evalset.build_spam_eval_g",
    "eval-build-spam-h": "tools.evalset.build_spam_eval_h",
    "eval-build-spam-i": "tools.evalset.build_spam_eval_i",
    "eval-build-spam-j": "tools.evalset.build_spam_eval_j",
    "eval-build-spam-k": "tools.evalset.build_spam_eval_k",
    "eval-build-spam-l": "tools.evalset.build_spam_eval_l",
    "eval-build-spam-m": "tools.evalset.build_spam_eval_m",
    "eval-build-junk": "tools.evalset.build_junk_eval",
    "eval-build-articles": "tools.evalset.build_articles_eval",
    "eval-score": "tools.evalset.score_pipeline",
    "fixtures-digest": "tools.fixtures_digest",
    "train-pasted": "tools.train_pasted_model",
    "train-comma": "tools.train_comma_model",
    "train-betting-text": "tools.train_betting_text_model",
    "train-lines": "tools.train_line_model",
    "train-topic-vectors": "tools.train_topic_vectors",
    "train-pasted-page": "tools.train_pasted_page_model",
    "train-page-model": "tools.train_page_model",
}

USAGE = """usage: ./run_local.sh tools <command> [args]

commands:
  bench           end-to-end throughput benchmark on a generated corpus of HTML pages
  bench-compare   pagewash against datatrove 0.10.1 on the same generated corpus, side by side
  bench-extract   extraction throughput and pre-pass cost on a directory of HTML pages
  bench-spam      spam-cleaning throughput (pure and as a Beam stage)
  bench-spam-rules  the spam stage's CPU per rule, segmenter, gazetteer and pasted-sentence model
  bench-run-profile  a whole in-process run under cProfile (CPU time): CPU by stage and by package
  bench-same-output  this checkout's and another's pagewash on the same inputs: identical outputs or not
  bench-quality   language id + quality tagging/filtering throughput and rejection rates
  bench-dedup     dedup quality (precision/recall vs exact Jaccard), signature and stage throughput
  bench-limits    cost of the extraction work budget and of the CPU-limited worker process
  bench-heap      what the Python heap holds at its largest during a run (tracemalloc)
  bench-stages    the in-process runner's memory after each fused stage, and what it holds between stages
  bench-fixed     the fixed cost of a run: transforms per stage, build time, CPU per process of a small run
  fuzz.harness    coverage-guided fuzzing of the readers and decoder (atheris): fuzz.harness reader|decoder
  fast-path       trafilatura's fast path against its full path, page by page, and candidate tests
  score-html      extraction quality on the labelled HTML dev set (vs plain trafilatura)
  score-spam      spam recall / keep recall of the cleaning stage on the labelled dev set
  score-quality   quality-filter decisions on the labelled quality fixtures
  probe-spam      the spam cleaner's cuts on real text (each a false positive), per reason; --compare
  eval-sources    copy the evaluation sets' raw material out of public git repositories
  eval-build-spam build a spam evaluation part (dev or test) from that material
  eval-build-spam-c  build the second test part (test2, template family C) from its own material
  eval-build-spam-d  build the third test part (test3, template family D) from its own material
  eval-build-spam-e  build the fourth test part (test4, template family E) from its own material
  eval-build-spam-f  build the fifth test part (test5, template family F) from its own material
  eval-build-spam-g  build the sixth test part (test6, template family G) from its own material
  eval-build-spam-h  build the seventh test part (test7, template family H) from its own material
  eval-build-spam-i  build the test8 part (template family I) from its own material
  eval-build-spam-j  build the test9 part (template family J) from its own material
  eval-build-spam-k  build the test10 part (template family K) from its own material
  eval-build-spam-l  build the test11 part (template family L) from its own material
  eval-build-spam-m  build the test12 part (template family M) from its own material
  eval-build-junk    build the junk1 part (real junk pages that must produce no record, real articles)
  eval-build-articles  build the real-articles evaluation set
  eval-score      run the pipeline over an evaluation set and score it against its gold
  fixtures-digest rewrite tests/fixtures_output.sha256, the fixtures' output digest (--check: compare)
  train-pasted    train the spam cleaner's pasted-sentence model (--source: the raw material folder)
  train-comma     train the spam cleaner's injected-segment scorer (--source: the raw material folder; labelled parts to mine; --lopo)
  train-betting-text  train the spam cleaner's betting-site sentence scorer (--source: the raw material folder)
  train-lines     train the spam cleaner's line scorer (--sets: the labelled parts, --source: real text)
  train-topic-vectors  build the pasted-sentence model's word topic vectors (--source: the raw material folder)
  train-pasted-page  train the quality stage's pasted-page model (--source: the raw material folder)
  train-page-model   train the quality stage's page model, "is this an article?" (--part NAME=DIR ..., --source)
"""


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv: List[str] = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(USAGE)
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    # a named command, or any tools module with a main(argv): "evalset.score_pipeline"
    module = COMMANDS.get(command) or f"tools.{command}"
    try:
        entry = importlib.import_module(module).main
    except (ImportError, AttributeError):
        print(f"tools: unknown command {command!r}\n\n{USAGE}", file=sys.stderr)
        return 2
    from pagewash.pipeline.cli import configure_logging

    configure_logging()
    return int(entry(rest) or 0)


if __name__ == "__main__":
    sys.exit(main())
