"""Where the spam stage's CPU goes, rule by rule (``./run_local.sh tools bench-spam-rules``).

Cleans pages with :func:`transforms.spam.clean.clean_doc` in one process, the corpus
vocabulary computed from the same pages (as the Beam stage does), and times:

- each rule of :func:`transforms.spam.clean.clean_text` (CPU time of the call, nested work
  included: the segmenter calls a rule makes count in that rule);
- the segmenter (:class:`transforms.spam.lexicon.Lexicon`: ``tagged``, ``words``, the route
  search and cut beneath them), with calls, cache hits and the distinct texts cut per page;
- the gazetteer's lookups, the pasted-sentence model (:func:`coherence.find_pasted`) and the two
  learned scorers (the line scorer, :mod:`line_model`, and the comma scorer, :mod:`comma_model`).

Pages: ``--jsonl`` (the ``text.jsonl`` dump of ``bench-compare``'s corpus: ``{"id", "text"}``
a line; the first ``--n``), else the seed and dev-set pages of ``bench-spam``.  Timing wraps
each function in the tool only (the product is not changed); the wrappers cost a few percent,
so compare the shares, not the absolute milliseconds, with ``bench-spam``'s pages/s.
``--plain`` times the same pages without any wrapper (pages/s per core of the stage's pure work).
"""
from __future__ import annotations

import argparse
import functools
import json
import sys
import time
from collections import defaultdict
from typing import Callable, Dict, List, Optional, Sequence

from pagewash.transforms.normalize import normalize_text
from pagewash.transforms.record import Doc, Kind


def read_jsonl(path: str, n: int) -> List[Doc]:
    docs = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if len(docs) >= n:
                break
            row = json.loads(line)
            docs.append(Doc(id=row["id"], source=path, kind=Kind.TEXT, text=normalize_text(row.get("text", ""))))
    return docs


class Timer:
    """Inclusive CPU time and calls per name; a name re-entered inside itself counts once."""

    def __init__(self) -> None:
        self.cpu: Dict[str, float] = defaultdict(float)
        self.calls: Dict[str, int] = defaultdict(int)
        self._depth: Dict[str, int] = defaultdict(int)

    def wrap(self, name: str, fn: Callable) -> Callable:
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            self.calls[name] += 1
            if self._depth[name]:
                return fn(*args, **kwargs)
            self._depth[name] += 1
            t0 = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.cpu[name] += time.process_time() - t0
                self._depth[name] -= 1
        return timed


def instrument(timer: Timer) -> Dict[str, int]:
    """Wraps the rules, the segmenter, the gazetteer and the pasted-sentence model; returns the
    segmenter's per-page statistics (filled as pages are cleaned)."""
    from pagewash.transforms.spam import clean, coherence, comma_model, line_model, rules
    from pagewash.transforms.spam.gazetteer import Gazetteer
    from pagewash.transforms.spam.lexicon import Lexicon

    for name in dir(rules):
        if name.startswith(("drop_", "learn_from_title", "move_metadata_lines")):
            fn = getattr(rules, name)
            if callable(fn):
                setattr(rules, name, timer.wrap(f"rule {name}", fn))
    rules.find_pasted = timer.wrap("model find_pasted (coherence)", rules.find_pasted)
    coherence.word_features = timer.wrap("model word_features", coherence.word_features)
    # the two learned scorers the cleaning calls between the rules (clean.py calls them through
    # their modules, so wrapping the module attribute times every call)
    line_model.drop_scored_lines = timer.wrap("model line scorer (drop_scored_lines)", line_model.drop_scored_lines)
    line_model.PageContext.of = classmethod(timer.wrap("model line scorer: page context",
                                                       line_model.PageContext.of.__func__))
    line_model._shape_features = timer.wrap("model line scorer: shape features", line_model._shape_features)
    line_model._word_features = timer.wrap("model line scorer: word features", line_model._word_features)
    comma_model.drop_scored_segments = timer.wrap("model comma scorer (drop_scored_segments)",
                                                  comma_model.drop_scored_segments)
    comma_model.candidates = timer.wrap("model comma scorer: candidates", comma_model.candidates)
    comma_model.ScoredSegmentFinder.score = timer.wrap("model comma scorer: features and score",
                                                       comma_model.ScoredSegmentFinder.score)
    coherence.sentence_features = timer.wrap("model sentence_features", coherence.sentence_features)
    for method in ("tagged", "words", "_route", "zipf", "tag"):
        setattr(Lexicon, method, timer.wrap(f"lexicon {method}", getattr(Lexicon, method)))
    for method in ("lookup", "is_division", "is_place", "is_strong_place", "mentions_division",
                   "street_address", "leading_division", "segment_by_suffix", "glued_addresses", "segment"):
        setattr(Gazetteer, method, timer.wrap(f"gazetteer {method}", getattr(Gazetteer, method)))
    clean.clean_text = timer.wrap("clean_text (all)", clean.clean_text)

    stats: Dict[str, int] = defaultdict(int)
    original = Lexicon.tagged

    def counting(self, text):
        page = stats.setdefault("_page", 0)
        seen = stats.setdefault(("_seen", page), set())  # type: ignore[call-overload]
        stats["tagged calls"] += 1
        if text in self._cache:
            stats["tagged cache hits"] += 1
        if text in seen:
            stats["tagged repeats within a page"] += 1
        else:
            seen.add(text)
            stats["tagged distinct texts per page (sum)"] += 1
        stats["tagged chars"] += len(text)
        return original(self, text)

    Lexicon.tagged = counting
    return stats


def run(docs: Sequence[Doc], repeat: int) -> None:
    from pagewash.transforms.spam.clean import clean_doc
    from pagewash.transforms.spam.gazetteer import gazetteer
    from pagewash.transforms.spam.lexicon import lexicon
    from pagewash.transforms.spam.vocabulary import frequent_units, vocabulary_index

    gaz, lex = gazetteer(), lexicon()
    index = vocabulary_index(frequent_units([(d.id, d.site, d.text) for d in docs], 3, 0.3, 2000, 100_000))
    for doc in docs[:20]:  # warm the patterns and the model outside the timing
        clean_doc(doc, index, gaz, lex)
    timer = Timer()
    stats = instrument(timer)
    from pagewash.transforms.spam import clean as clean_module

    cpu0 = time.process_time()
    pages = 0
    for _ in range(repeat):
        for doc in docs:
            stats["_page"] = pages
            stats.pop(("_seen", pages - 1), None)  # type: ignore[call-overload]
            clean_module.clean_doc(doc, index, gaz, lex)
            pages += 1
    cpu = time.process_time() - cpu0
    chars = sum(len(d.text) for d in docs) * repeat
    print(f"{pages} pages ({len(docs)} distinct, mean {chars / pages:.0f} characters), {cpu:.2f} CPU-s instrumented, "
          f"{pages / cpu:.0f} pages/s")
    total = timer.cpu.get("clean_text (all)", cpu) or cpu
    print(f"{'what':52s} {'ms/page':>8s} {'share':>6s} {'calls/page':>10s}")
    for name in sorted(timer.cpu, key=lambda k: -timer.cpu[k]):
        print(f"{name:52s} {1000 * timer.cpu[name] / pages:8.3f} {timer.cpu[name] / total:6.1%} "
              f"{timer.calls[name] / pages:10.1f}")
    for key in ("tagged calls", "tagged cache hits", "tagged repeats within a page",
                "tagged distinct texts per page (sum)", "tagged chars"):
        print(f"{key:52s} {stats.get(key, 0) / pages:10.1f} per page")


def run_plain(docs: Sequence[Doc], repeat: int) -> None:
    """CPU of cleaning the pages, nothing wrapped."""
    from pagewash.transforms.spam.clean import clean_doc
    from pagewash.transforms.spam.gazetteer import gazetteer
    from pagewash.transforms.spam.lexicon import lexicon
    from pagewash.transforms.spam.vocabulary import frequent_units, vocabulary_index

    gaz, lex = gazetteer(), lexicon()
    index = vocabulary_index(frequent_units([(d.id, d.site, d.text) for d in docs], 3, 0.3, 2000, 100_000))
    clean_doc(docs[0], index, gaz, lex)  # the patterns and the model loaded outside the timing
    cpu0 = time.process_time()
    for _ in range(repeat):
        for doc in docs:
            clean_doc(doc, index, gaz, lex)
    cpu = time.process_time() - cpu0
    pages = len(docs) * repeat
    print(f"{pages} pages, {cpu:.2f} CPU-s, {1000 * cpu / pages:.2f} ms per page, {pages / cpu:.0f} pages/s per core")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="tools bench-spam-rules", description=__doc__.split("\n\n")[0])
    parser.add_argument("--jsonl", default=None, help="pages from a text.jsonl dump ({id, text} per line)")
    parser.add_argument("--n", type=int, default=500, help="pages of --jsonl")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the pages")
    parser.add_argument("--plain", action="store_true", help="time the cleaning only, nothing wrapped")
    args = parser.parse_args(argv)
    if args.jsonl:
        docs = read_jsonl(args.jsonl, args.n)
    else:
        from tools.bench.spam import sample_pages

        docs = sample_pages()
    (run_plain if args.plain else run)(docs, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
