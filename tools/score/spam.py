"""Scores the spam cleaner on a labelled development set (``./run_local.sh tools score-spam``).

Runs the stage the way the pipeline does: every page of ``<dev>/pages/**`` becomes
a :class:`~transforms.record.Doc` (id = path under ``pages/``, so the site key is
the folder), and :class:`transforms.spam.beam.CleanSpam` runs over all of them
on the in-process runner, corpus statistics included.  Then, against
``<dev>/gold.jsonl`` (the seeds' gold format):

* spam recall = share of ``must_drop`` strings absent from the cleaned text;
* keep recall = share of ``must_keep`` strings present in it
  (a rejected page has no text).

Prints each failing string, then the two recalls.  ``--min-spam-recall`` and
``--min-keep-recall`` make the command exit 1 below a threshold.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from pagewash.pipeline.options import IN_PROCESS_RUNNER
from pagewash.transforms.normalize import normalize_text
from pagewash.transforms.record import Doc, Kind
from tools.paths import FIXTURES

DEFAULT_DEV = os.path.join(FIXTURES, "spam_dev")


@dataclass
class ScoreReport:
    drop_total: int = 0
    drop_gone: int = 0
    keep_total: int = 0
    keep_kept: int = 0
    failures: List[Tuple[str, str, str]] = field(default_factory=list)  # (page id, "drop"/"keep", string)

    @property
    def spam_recall(self) -> float:
        return self.drop_gone / self.drop_total if self.drop_total else 1.0

    @property
    def keep_recall(self) -> float:
        return self.keep_kept / self.keep_total if self.keep_total else 1.0


def load_gold(path: str) -> List[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_pages(pages_dir: str) -> List[Doc]:
    """Every ``.txt`` page under ``pages_dir``, normalised as the readers do."""
    docs = []
    for root, _dirs, files in os.walk(pages_dir):
        for name in files:
            if not name.endswith(".txt"):
                continue
            path = os.path.join(root, name)
            doc_id = os.path.relpath(path, pages_dir).replace(os.sep, "/")
            with open(path, encoding="utf-8") as handle:
                text = normalize_text(handle.read())
            docs.append(Doc(id=doc_id, source=os.path.abspath(path), kind=Kind.TEXT, text=text))
    return sorted(docs, key=lambda d: d.id)


def score(gold: Iterable[Mapping], cleaned: Mapping[str, str]) -> ScoreReport:
    """Scores cleaned texts (page id -> text; a missing id = rejected, no text)."""
    report = ScoreReport()
    for record in gold:
        text = cleaned.get(record["id"], "")
        for s in record.get("must_drop", []):
            s = normalize_text(s)
            report.drop_total += 1
            if s in text:
                report.failures.append((record["id"], "drop", s))
            else:
                report.drop_gone += 1
        for s in record.get("must_keep", []):
            s = normalize_text(s)
            report.keep_total += 1
            if s in text:
                report.keep_kept += 1
            else:
                report.failures.append((record["id"], "keep", s))
    return report


def run_clean_spam(docs: Sequence[Doc], *, min_pages: int, audit_path: Optional[str] = None
                   ) -> Tuple[Dict[str, str], Dict[str, str]]:
    """Runs CleanSpam over ``docs`` on the in-process runner; returns
    (id -> cleaned text, id -> rejection reason)."""
    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions

    from pagewash.transforms.spam.beam import CleanSpam

    with tempfile.TemporaryDirectory(prefix="score_spam_") as tmp:
        with beam.Pipeline(options=PipelineOptions(runner=IN_PROCESS_RUNNER)) as pipeline:
            out = (pipeline | "Pages" >> beam.Create(list(docs))
                   | "CleanSpam" >> CleanSpam(min_pages=min_pages, audit=audit_path is not None))
            (out.docs
             | "DocJson" >> beam.Map(lambda d: json.dumps({"id": d.id, "text": d.text}, ensure_ascii=False))
             | "WriteDocs" >> beam.io.WriteToText(os.path.join(tmp, "docs"), shard_name_template=""))
            (out.rejected
             | "RejJson" >> beam.Map(lambda r: json.dumps({"id": r.id, "reason": r.reason}, ensure_ascii=False))
             | "WriteRejected" >> beam.io.WriteToText(os.path.join(tmp, "rejected"), shard_name_template=""))
            if audit_path is not None:
                (out.extras["audit"]
                 | "AuditJson" >> beam.Map(lambda a: json.dumps(a, ensure_ascii=False, sort_keys=True))
                 | "WriteAudit" >> beam.io.WriteToText(os.path.join(tmp, "audit"), shard_name_template=""))
        cleaned = {r["id"]: r["text"] for r in _read_jsonl(os.path.join(tmp, "docs"))}
        rejected = {r["id"]: r["reason"] for r in _read_jsonl(os.path.join(tmp, "rejected"))}
        if audit_path is not None:
            records = sorted(_read_jsonl(os.path.join(tmp, "audit")), key=lambda a: (a["id"], a["reason"], a["text"]))
            with open(audit_path, "w", encoding="utf-8") as handle:
                for record in records:
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return cleaned, rejected


def _read_jsonl(path: str) -> List[dict]:
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="tools score-spam", description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", default=DEFAULT_DEV, help="dev-set folder with pages/ and gold.jsonl")
    parser.add_argument("--min_pages", "--min-pages", type=int, default=None,
                        help="corpus evidence: distinct pages a unit needs (default: the stage's)")
    parser.add_argument("--audit", default=None, help="also write every removed span (JSONL) to this file")
    parser.add_argument("--min-spam-recall", type=float, default=None)
    parser.add_argument("--min-keep-recall", type=float, default=None)
    args = parser.parse_args(argv)

    from pagewash.transforms.spam.beam import DEFAULT_MIN_PAGES

    gold = load_gold(os.path.join(args.dev, "gold.jsonl"))
    docs = load_pages(os.path.join(args.dev, "pages"))
    cleaned, rejected = run_clean_spam(docs, min_pages=args.min_pages or DEFAULT_MIN_PAGES, audit_path=args.audit)
    report = score(gold, cleaned)
    for page_id, kind, s in report.failures:
        label = "still there" if kind == "drop" else "lost"
        print(f"{page_id}: {kind} {label}: {s[:100]}")
    for page_id, reason in sorted(rejected.items()):
        print(f"{page_id}: rejected ({reason})")
    print(f"pages: {len(docs)}  rejected: {len(rejected)}")
    print(f"spam recall: {report.spam_recall:.4f} ({report.drop_gone}/{report.drop_total} must_drop strings gone)")
    print(f"keep recall: {report.keep_recall:.4f} ({report.keep_kept}/{report.keep_total} must_keep strings kept)")
    failed = ((args.min_spam_recall is not None and report.spam_recall < args.min_spam_recall)
              or (args.min_keep_recall is not None and report.keep_recall < args.min_keep_recall))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
