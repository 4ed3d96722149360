"""``./run_local.sh tools score-quality``: rejection rates per reason, and accuracy against labels.

    ./run_local.sh tools score-quality [--fixtures fixtures/quality] [--html_dir DIR] [--quality_config NEW.json]
                           [--languages zh,en] [--verbose]

``--fixtures`` is a directory of text files with a ``labels.jsonl`` (one object
per page: ``id``, ``file``, ``expected`` = ``keep`` or a reason code, optional
``removed`` map); the scorer tags and filters each page with the pure
functions of the quality stage and prints the rejection rate per reason and
the accuracy (exact reason, and keep/reject).  ``--html_dir`` adds an
unlabelled development set: HTML pages run through decoding and extraction,
for which only the rates are printed.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from typing import Dict, Iterable, List, NamedTuple, Optional, Sequence, Tuple

from pagewash.transforms.normalize import normalize_text
from pagewash.transforms.quality import QualityThresholds, filter_reasons, tag_document
from pagewash.transforms.quality.thresholds import parse_languages
from pagewash.transforms.record import Doc
from tools.paths import FIXTURES

KEEP = "keep"


class Outcome(NamedTuple):
    id: str
    expected: Optional[str]  # None for unlabelled pages
    got: str  # "keep" or the first failing reason
    detail: str
    score: float


def load_labelled_fixtures(directory: str) -> List[Tuple[Doc, str]]:
    """(document, expected outcome) for each line of ``directory/labels.jsonl``."""
    pairs = []
    with open(os.path.join(directory, "labels.jsonl"), encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            with open(os.path.join(directory, row["file"]), encoding="utf-8") as text_file:
                text = normalize_text(text_file.read())
            doc = Doc(id=row["id"], source=row["file"], text=text, removed=row.get("removed") or {})
            pairs.append((doc, row["expected"]))
    return pairs


def docs_from_html_dir(directory: str) -> List[Doc]:
    """Documents extracted from the ``*.html`` pages of ``directory`` (sorted by name)."""
    from pagewash.transforms.decode import decode_bytes
    from pagewash.transforms.extract import ExtractSettings, extract_article

    docs = []
    for name in sorted(os.listdir(directory)):
        if not name.endswith((".html", ".htm")):
            continue
        with open(os.path.join(directory, name), "rb") as handle:
            html = decode_bytes(handle.read()).text
        article = extract_article(html, None, ExtractSettings())
        if article is not None and article.text:
            docs.append(Doc(id=name, source=name, text=article.text))
    return docs


def evaluate(labelled: Iterable[Tuple[Doc, Optional[str]]], thresholds: QualityThresholds,
             languages: Optional[Sequence[str]] = None) -> List[Outcome]:
    """Tags and filters every document; the outcome of each, in input order."""
    outcomes = []
    for doc, expected in labelled:
        tagged = tag_document(doc)
        failures = filter_reasons(tagged, thresholds, languages)
        got = failures[0].reason if failures else KEEP
        detail = " | ".join(map(str, failures))
        outcomes.append(Outcome(doc.id, expected, got, detail, tagged.quality["score"]))
    return outcomes


def summarize(outcomes: Sequence[Outcome]) -> Dict[str, object]:
    """Counts and rates per outcome, and accuracies where labels exist."""
    total = len(outcomes)
    counts = Counter(o.got for o in outcomes)
    summary: Dict[str, object] = {
        "documents": total,
        "kept": counts.get(KEEP, 0),
        "rejected": total - counts.get(KEEP, 0),
        "rejected_by_reason": {reason: counts[reason] for reason in sorted(counts) if reason != KEEP},
        "rate_by_reason": {reason: round(counts[reason] / total, 4) for reason in sorted(counts)
                           if reason != KEEP} if total else {},
    }
    labelled = [o for o in outcomes if o.expected is not None]
    if labelled:
        exact = sum(1 for o in labelled if o.got == o.expected)
        binary = sum(1 for o in labelled if (o.got == KEEP) == (o.expected == KEEP))
        summary["labelled"] = len(labelled)
        summary["accuracy_reason"] = round(exact / len(labelled), 4)
        summary["accuracy_keep_reject"] = round(binary / len(labelled), 4)
        summary["mismatches"] = [f"{o.id}: expected {o.expected}, got {o.got} ({o.detail})"
                                 for o in labelled if o.got != o.expected]
    return summary


def _print_summary(title: str, summary: Dict[str, object], out=sys.stdout) -> None:
    total = summary["documents"]
    print(f"== {title}: {total} documents, kept {summary['kept']}, rejected {summary['rejected']}", file=out)
    for reason, count in summary["rejected_by_reason"].items():
        print(f"  {reason:<22} {count:>5}  {100 * count / total:6.2f}%", file=out)
    if "labelled" in summary:
        print(f"  accuracy (exact reason): {summary['accuracy_reason']:.4f}   "
              f"accuracy (keep/reject): {summary['accuracy_keep_reject']:.4f}", file=out)
        for line in summary["mismatches"]:
            print(f"  MISMATCH {line}", file=out)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="tools score-quality", description=__doc__.split("\n\n")[0])
    parser.add_argument("--fixtures", default=os.path.join(FIXTURES, "quality"), help="labelled fixtures directory")
    parser.add_argument("--html_dir", default=None, help="unlabelled HTML pages to extract and score")
    parser.add_argument("--quality_config", default=None, help="JSON file of threshold overrides")
    parser.add_argument("--languages", default=None, help="comma-separated languages to keep")
    parser.add_argument("--verbose", action="store_true", help="print every document's outcome")
    args = parser.parse_args(list(argv or []))
    thresholds = QualityThresholds.from_json(args.quality_config) if args.quality_config else QualityThresholds()
    languages = parse_languages(args.languages)

    sets = []
    if args.fixtures:
        sets.append((f"labelled fixtures ({args.fixtures})", load_labelled_fixtures(args.fixtures)))
    if args.html_dir:
        sets.append((f"HTML pages ({args.html_dir})", [(d, None) for d in docs_from_html_dir(args.html_dir)]))
    ok = True
    for title, labelled in sets:
        outcomes = evaluate(labelled, thresholds, languages)
        if args.verbose:
            for o in outcomes:
                print(f"{o.id:<40} {o.got:<20} score={o.score:.3f} {o.detail}")
        summary = summarize(outcomes)
        _print_summary(title, summary)
        ok = ok and not summary.get("mismatches")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
