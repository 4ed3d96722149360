"""Run the whole pipeline over an evaluation set through its CLI and score the output against gold.

    python -m tools.evalset.score_pipeline --set /data/evalsets/spam9/dev [--work DIR]
        [--pagewash .venv/bin/pagewash] [--json figures.json] [--no-run] [-- extra run flags]

Runs ``pagewash run --input <set>/pages --output <work>`` (``--no-run`` scores an existing
``<work>``), reads only ``id`` and ``text`` of ``clean/*.jsonl.gz``, ``id``, ``stage``, ``reason``
and ``duplicate_of`` of ``rejected/*.jsonl.gz`` and ``id`` of ``errors/*.jsonl.gz``, and compares
them with ``<set>/gold.jsonl``.

A page is *represented* by its own clean record, or, when dedup rejected it, by the clean record it
was a duplicate of (``duplicate_of``, followed to the end of the chain). Strings are compared after
NFKC and with all whitespace removed (the pipeline writes NFKC text and may re-flow lines).

Figures, overall, per spam family (a page counts for every family in its ``families``) and per
``lang`` when the gold rows have one:

- spam recall: must_drop strings absent from the representing record, over pages that have one;
- keep recall: must_keep strings present in the representing record, over article pages (a page
  without a record fails all its strings);
- no record: article pages with no representing record (with the stage:reason that dropped them);
- char F1: bag-of-characters F1 (multiset overlap of non-whitespace characters after NFKC) between
  the representing record and the gold article, over article pages with a gold article (0 when
  there is no record);
- junk kept: junk / spam_only pages that have their own clean record;
- clusters kept more than once: near-duplicate clusters with two or more members keeping their
  own clean record (and clusters with none kept);
- keep rate: share of article pages with a representing clean record.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from tools.evalset import manifest

_WS = re.compile(r"\s+")


def norm(s: str) -> str:
    """NFKC with all whitespace removed: the form every comparison uses."""
    return _WS.sub("", unicodedata.normalize("NFKC", s or ""))


def char_f1(pred: str, gold: str) -> float:
    """Bag-of-characters F1 of two texts (after :func:`norm`); 1.0 when both are empty."""
    p, g = Counter(norm(pred)), Counter(norm(gold))
    if not p and not g:
        return 1.0
    overlap = sum((p & g).values())
    if overlap == 0:
        return 0.0
    prec = overlap / sum(p.values())
    rec = overlap / sum(g.values())
    return 2 * prec * rec / (prec + rec)


def read_jsonl_gz(files: Iterable[Path]) -> Iterator[dict]:
    for f in sorted(files):
        opener = gzip.open if f.suffix == ".gz" else open
        with opener(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if line:
                    yield json.loads(line)


@dataclass
class Output:
    clean: dict[str, str] = field(default_factory=dict)  # id -> text
    rejected: dict[str, dict] = field(default_factory=dict)  # id -> {stage, reason, duplicate_of}
    errors: set[str] = field(default_factory=set)


def read_output(work: Path) -> Output:
    """The fields the scorer needs from a pipeline output folder (tolerant of other fields)."""
    out = Output()
    for row in read_jsonl_gz((work / "clean").glob("*.jsonl*")):
        if row.get("id") is not None:
            out.clean[str(row["id"])] = row.get("text") or ""
    for row in read_jsonl_gz((work / "rejected").glob("*.jsonl*")):
        if row.get("id") is not None:
            out.rejected[str(row["id"])] = {"stage": row.get("stage"), "reason": row.get("reason"),
                                            "duplicate_of": row.get("duplicate_of")}
    for row in read_jsonl_gz((work / "errors").glob("*.jsonl*")):
        if row.get("id") is not None:
            out.errors.add(str(row["id"]))
    return out


def representative(pid: str, out: Output) -> str | None:
    """The id of the clean record that represents page ``pid`` (its own, or the kept duplicate)."""
    seen = set()
    cur = pid
    while cur is not None and cur not in seen:
        if cur in out.clean:
            return cur
        seen.add(cur)
        rej = out.rejected.get(cur)
        cur = rej.get("duplicate_of") if rej else None
    return None


@dataclass
class Tally:
    drop_total: int = 0
    drop_gone: int = 0
    keep_total: int = 0
    keep_found: int = 0
    articles: int = 0
    articles_kept: int = 0
    no_record: int = 0
    f1_sum: float = 0.0
    f1_n: int = 0
    junk: int = 0
    junk_kept: int = 0
    pages: int = 0

    def figures(self) -> dict:
        def ratio(a: float, b: int) -> float | None:
            return round(a / b, 4) if b else None

        return {
            "pages": self.pages,
            "spam_recall": ratio(self.drop_gone, self.drop_total), "must_drop": self.drop_total,
            "keep_recall": ratio(self.keep_found, self.keep_total), "must_keep": self.keep_total,
            "articles": self.articles, "articles_no_record": self.no_record,
            "keep_rate": ratio(self.articles_kept, self.articles),
            "char_f1": ratio(self.f1_sum, self.f1_n), "char_f1_pages": self.f1_n,
            "junk_pages": self.junk, "junk_kept": self.junk_kept,
        }


@dataclass
class Failure:
    kind: str  # DROP | KEEP | NO_RECORD | JUNK_KEPT | CLUSTER_DUP | CLUSTER_LOST | ERROR
    page: str
    detail: str

    def line(self) -> str:
        return f"{self.kind:<12} {self.page}  {self.detail}"


def score(gold: list[dict], out: Output) -> tuple[dict, list[Failure]]:
    """Score one pipeline output against gold rows; returns (figures, failures)."""
    overall = Tally()
    per_family: dict[int, Tally] = {}
    per_lang: dict[str, Tally] = {}
    failures: list[Failure] = []
    no_record_reasons: Counter = Counter()
    clusters: dict[str, list[str]] = {}
    for row in gold:
        pid = row["id"]
        kind = row.get("kind", "article")
        fams = [int(f) for f in row.get("families") or []]
        tallies = [overall] + [per_family.setdefault(f, Tally()) for f in fams]
        if row.get("lang"):
            tallies.append(per_lang.setdefault(str(row["lang"]), Tally()))
        rep = representative(pid, out)
        text = norm(out.clean[rep]) if rep else None
        for t in tallies:
            t.pages += 1
        if row.get("cluster"):
            clusters.setdefault(row["cluster"], []).append(pid)
        if pid in out.errors:
            failures.append(Failure("ERROR", pid, "the page ended in errors/"))
        if text is not None:
            for d in row.get("must_drop") or []:
                nd = norm(d)
                if not nd:
                    continue
                gone = nd not in text
                for t in tallies:
                    t.drop_total += 1
                    t.drop_gone += gone
                if not gone:
                    failures.append(Failure("DROP", pid, d))
        if kind == "article":
            kept = text is not None
            for t in tallies:
                t.articles += 1
                t.articles_kept += kept
                t.no_record += not kept
            if not kept:
                rej = out.rejected.get(pid) or {}
                why = f"{rej.get('stage')}:{rej.get('reason')}" if rej else (
                    "errors" if pid in out.errors else "missing")
                no_record_reasons[why] += 1
                failures.append(Failure("NO_RECORD", pid, why))
            for k in row.get("must_keep") or []:
                nk = norm(k)
                if not nk:
                    continue
                found = kept and nk in text
                for t in tallies:
                    t.keep_total += 1
                    t.keep_found += found
                if kept and not found:
                    failures.append(Failure("KEEP", pid, k))
            if row.get("article"):
                f1 = char_f1(out.clean[rep], row["article"]) if kept else 0.0
                for t in tallies:
                    t.f1_sum += f1
                    t.f1_n += 1
        else:
            own = pid in out.clean
            for t in tallies:
                t.junk += 1
                t.junk_kept += own
            if own:
                failures.append(Failure("JUNK_KEPT", pid, out.clean[pid][:80].replace("\n", " / ")))
    dup_clusters = lost_clusters = 0
    for cid, members in sorted(clusters.items()):
        kept = [m for m in members if m in out.clean]
        if len(kept) > 1:
            dup_clusters += 1
            failures.append(Failure("CLUSTER_DUP", cid, " ".join(kept)))
        elif not kept:
            lost_clusters += 1
            failures.append(Failure("CLUSTER_LOST", cid, " ".join(members)))
    figures = overall.figures()
    figures.update({
        "clusters": len(clusters), "clusters_kept_more_than_once": dup_clusters,
        "clusters_with_no_record": lost_clusters, "errors": sum(1 for r in gold if r["id"] in out.errors),
        "no_record_reasons": dict(sorted(no_record_reasons.items())),
        "gold_pages_missing_from_output": sum(
            1 for r in gold if r["id"] not in out.clean and r["id"] not in out.rejected and r["id"] not in out.errors),
        "per_family": {str(f): per_family[f].figures() for f in sorted(per_family)},
        "per_lang": {k: per_lang[k].figures() for k in sorted(per_lang)},
    })
    return figures, failures


def load_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _fmt(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def summary_table(fig: dict) -> str:
    cols = [("pages", "pages"), ("spam_recall", "spam_rec"), ("must_drop", "drops"),
            ("keep_recall", "keep_rec"), ("must_keep", "keeps"), ("keep_rate", "keep_rate"),
            ("articles_no_record", "no_rec"), ("char_f1", "char_f1"), ("junk_kept", "junk_kept"),
            ("junk_pages", "junk")]
    head = f"{'':<10}" + "".join(f"{h:>10}" for _, h in cols)
    lines = [head, f"{'overall':<10}" + "".join(f"{_fmt(fig.get(k)):>10}" for k, _ in cols)]
    for fam, f in fig["per_family"].items():
        lines.append(f"{'family ' + fam:<10}" + "".join(f"{_fmt(f.get(k)):>10}" for k, _ in cols))
    for lang, f in fig.get("per_lang", {}).items():
        lines.append(f"{'lang ' + lang:<10}" + "".join(f"{_fmt(f.get(k)):>10}" for k, _ in cols))
    lines.append(f"clusters {fig['clusters']}: kept more than once {fig['clusters_kept_more_than_once']}, "
                 f"with no record {fig['clusters_with_no_record']}; errors {fig['errors']}; "
                 f"pages missing from the output {fig['gold_pages_missing_from_output']}")
    if fig["no_record_reasons"]:
        lines.append("articles with no record, by stage:reason: " +
                     ", ".join(f"{k} {v}" for k, v in fig["no_record_reasons"].items()))
    return "\n".join(lines)


def run_pipeline(pagewash: str, pages: Path, work: Path, extra: list[str], timeout: float | None = None) -> None:
    """``pagewash run`` over the set's pages; ``timeout`` (seconds) stops a run that hangs."""
    if work.exists():
        shutil.rmtree(work)
    cmd = [pagewash, "run", "--input", str(pages), "--output", str(work), *extra]
    print("running:", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True, timeout=timeout)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", required=True, type=Path, help="folder with pages/ and gold.jsonl")
    ap.add_argument("--work", type=Path, help="pipeline output folder (default: a temporary folder)")
    ap.add_argument("--pagewash", default=".venv/bin/pagewash")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    ap.add_argument("--no-run", action="store_true", help="score the existing output in --work")
    ap.add_argument("--max-failures", type=int, default=100000, help="print at most this many failing items")
    ap.add_argument("--timeout", type=float, help="give up (exit 3) when the run takes longer than this many seconds")
    ap.add_argument("extra", nargs="*", help="further flags for pagewash run (after --)")
    args = ap.parse_args(argv)
    gold = load_gold(args.set / "gold.jsonl")
    frozen = None
    if (args.set / manifest.NAME).exists():
        problems = manifest.verify(args.set)
        frozen = "ok" if not problems else "MISMATCH"
        print(f"{manifest.NAME}: {frozen}" + "".join(f"\n  {p}" for p in problems[:20]), file=sys.stderr)
    tmp = None
    work = args.work
    if work is None:
        if args.no_run:
            ap.error("--no-run needs --work")
        tmp = tempfile.mkdtemp(prefix="pagewash-eval-")
        work = Path(tmp) / "out"
    try:
        if not args.no_run:
            try:
                run_pipeline(args.pagewash, args.set / "pages", work, args.extra, args.timeout)
            except subprocess.TimeoutExpired:
                print(f"the pipeline run did not finish within {args.timeout:g} s", file=sys.stderr)
                return 3
        figures, failures = score(gold, read_output(work))
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    order = {"ERROR": 0, "NO_RECORD": 1, "KEEP": 2, "DROP": 3, "JUNK_KEPT": 4, "CLUSTER_DUP": 5, "CLUSTER_LOST": 6}
    failures.sort(key=lambda f: (order.get(f.kind, 9), f.page, f.detail))
    for f in failures[: args.max_failures]:
        print(f.line())
    if len(failures) > args.max_failures:
        print(f"... {len(failures) - args.max_failures} more failing items")
    print()
    print(summary_table(figures))
    figures["set"] = str(args.set)
    figures["manifest"] = frozen
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
