"""Probe the quality filters on a folder of real text documents: which of them are rejected, and why.

The documents are real article/post text taken from outside the repository (never committed):
``*.jsonl`` files with a ``text`` field (and ``id`` if there is one), or ``*.txt`` files with one
document per line.  Each document is NFKC-normalised like a text dump, optionally spam-cleaned
with the cleaner's pure function (``--clean``: no corpus vocabulary), then tagged and filtered
with the quality stage's pure functions.  Prints, per source folder and in total, the rejection
rate of every reason with example ids and the values that crossed their thresholds::

    python -m tools.evalset.probe_quality /data/sources/ced_weibo /data/sources/sogoucs_smarty \\
        [--clean] [--min-tokens 50] [--examples 5] [--json OUT.json] [--quality_config NEW.json]

``--min-tokens`` leaves documents with fewer tokens (a CJK character is one) out of the rates:
they are below the length limit by design (``too_few_words``) and counted apart.  ``--languages``
restricts like the pipeline's flag (documents of other languages count as ``language_not_wanted``).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter, defaultdict
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from pagewash.transforms.normalize import normalize_text
from pagewash.transforms.quality import QualityThresholds, filter_reasons, tag_document
from pagewash.transforms.quality.signals import tokenize
from pagewash.transforms.quality.thresholds import parse_languages
from pagewash.transforms.record import Doc

KEEP = "keep"


def read_documents(folder: str) -> Iterator[Tuple[str, str]]:
    """(id, text) of every document in ``folder``'s ``*.jsonl`` and ``*.txt`` files, sorted by file name."""
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.endswith(".jsonl"):
            with open(path, encoding="utf-8") as handle:
                for number, line in enumerate(handle, 1):
                    if not line.strip():
                        continue
                    row = json.loads(line)
                    text = row.get("text") or row.get("content") or ""
                    yield str(row.get("id") or f"{name}:{number}"), text
        elif name.endswith(".txt"):
            with open(path, encoding="utf-8", errors="replace") as handle:
                for number, line in enumerate(handle, 1):
                    if line.strip():
                        yield f"{name}:{number}", line.rstrip("\n")


def probe_document(doc_id: str, text: str, thresholds: QualityThresholds,
                   languages: Optional[Sequence[str]], clean: bool) -> Tuple[str, str, int]:
    """(outcome, detail, tokens) of one document: ``keep`` or the first rejection reason."""
    text = normalize_text(text)
    if clean:
        from pagewash.transforms.spam.clean import clean_text

        text = clean_text(text).text
    doc = tag_document(Doc(id=doc_id, source=doc_id, text=text))
    failures = filter_reasons(doc, thresholds, languages)
    outcome = failures[0].reason if failures else KEEP
    return outcome, " | ".join(map(str, failures)), len(tokenize(text))


def probe_folder(folder: str, thresholds: QualityThresholds, languages: Optional[Sequence[str]],
                 clean: bool, min_tokens: int) -> Dict[str, object]:
    """Counts per outcome of the documents of ``folder`` with at least ``min_tokens`` tokens,
    and the examples (id, detail) of each rejection reason."""
    counts: Counter = Counter()
    examples: Dict[str, List[Tuple[str, str]]] = defaultdict(list)
    short = 0
    for doc_id, text in read_documents(folder):
        outcome, detail, tokens = probe_document(doc_id, text, thresholds, languages, clean)
        if tokens < min_tokens:
            short += 1
            continue
        counts[outcome] += 1
        if outcome != KEEP:
            examples[outcome].append((doc_id, detail))
    judged = sum(counts.values())
    rejected = judged - counts[KEEP]
    return {
        "folder": folder,
        "documents": judged,
        "shorter_than_min_tokens": short,
        "kept": counts[KEEP],
        "rejected": rejected,
        "rejected_rate": round(rejected / judged, 4) if judged else 0.0,
        "rejected_by_reason": {reason: counts[reason] for reason in sorted(counts) if reason != KEEP},
        "examples": {reason: examples[reason] for reason in sorted(examples)},
    }


def _print(summary: Dict[str, object], n_examples: int, out=sys.stdout) -> None:
    total = summary["documents"]
    print(f"== {summary['folder']}: {total} documents (+{summary['shorter_than_min_tokens']} shorter), "
          f"kept {summary['kept']}, rejected {summary['rejected']} ({100 * summary['rejected_rate']:.2f}%)",
          file=out)
    for reason, count in summary["rejected_by_reason"].items():
        print(f"  {reason:<22} {count:>5}  {100 * count / total:6.2f}%", file=out)
        for doc_id, detail in summary["examples"][reason][:n_examples]:
            print(f"      {doc_id}: {detail[:220]}", file=out)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="+", help="folders of *.jsonl (text field) or *.txt (one per line)")
    parser.add_argument("--clean", action="store_true", help="spam-clean each document first (pure function)")
    parser.add_argument("--min-tokens", type=int, default=50,
                        help="leave out documents with fewer tokens (default 50, the CJK length limit)")
    parser.add_argument("--examples", type=int, default=5, help="example ids printed per reason")
    parser.add_argument("--languages", default=None, help="e.g. zh,en (default: every language)")
    parser.add_argument("--quality_config", default=None, help="JSON object of thresholds to change")
    parser.add_argument("--json", default=None, help="write every count and example to this file")
    args = parser.parse_args(argv)
    thresholds = QualityThresholds.from_json(args.quality_config) if args.quality_config else QualityThresholds()
    languages = parse_languages(args.languages)
    summaries = [probe_folder(folder, thresholds, languages, args.clean, args.min_tokens)
                 for folder in args.folders]
    total: Counter = Counter()
    for summary in summaries:
        _print(summary, args.examples)
        total.update(summary["rejected_by_reason"])
    documents = sum(s["documents"] for s in summaries)
    rejected = sum(s["rejected"] for s in summaries)
    if len(summaries) > 1:
        print(f"== all: {documents} documents, rejected {rejected} "
              f"({100 * rejected / documents if documents else 0:.2f}%)")
        for reason, count in sorted(total.items()):
            print(f"  {reason:<22} {count:>5}  {100 * count / documents:6.2f}%")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump({"folders": summaries, "documents": documents, "rejected": rejected,
                       "rejected_by_reason": dict(sorted(total.items()))}, handle, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
