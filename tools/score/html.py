"""Scores main-article extraction on the labelled HTML development set.

    ./run_local.sh tools score-html [--dev fixtures/html_dev] [--show PAGE_ID] [--json]

For every page of ``<dev>/gold.jsonl`` the page bytes are decoded as the
pipeline decodes them (:func:`transforms.decode.decode_bytes`), then extracted
twice: by pagewash (:func:`transforms.extract.extract_page`) and by plain
``trafilatura.extract(html)`` with its defaults.  Both texts are scored
against the gold article:

* **char F1** — bag-of-characters F1: both texts are normalised
  (:func:`transforms.normalize.normalize_text`, NFKC), whitespace and the
  table-cell separator ``|`` are removed, and precision/recall are the size
  of the multiset intersection of their characters over the predicted/gold
  character counts.  Per-page F1 is averaged (macro) over a group's pages.
  Order-blind but exact on what was kept: every character of boilerplate or
  spam that comes through lowers precision, every article character lost
  lowers recall; it treats Chinese (no spaces) and English alike.
* **must-keep recall** — the share of must-keep strings present in the text.
* **must-drop recall** — the share of must-drop strings absent from the text.

Both matchings compare whitespace-free NFKC text.  Figures are printed per
``lang/page_type``, per language and overall, pagewash beside trafilatura;
pagewash's metadata (title, published date, editor, canonical URL) is
checked against the gold record too.
"""
from __future__ import annotations

import argparse
import json
import os
import re
from collections import Counter, defaultdict
from typing import Dict, Iterable, List, Optional

from pagewash.transforms.decode import decode_bytes
from pagewash.transforms.normalize import normalize_text
from tools.paths import FIXTURES

DEFAULT_DEV = os.path.join(FIXTURES, "html_dev")
_NOT_SCORED = re.compile(r"[\s|]+")


def compact(text: Optional[str]) -> str:
    """NFKC text without whitespace or table separators: what scoring compares."""
    return _NOT_SCORED.sub("", normalize_text(text or ""))


def char_prf(predicted: str, gold: str) -> Dict[str, float]:
    """Bag-of-characters precision, recall and F1 of ``predicted`` against ``gold``."""
    pred, ref = Counter(compact(predicted)), Counter(compact(gold))
    overlap = sum((pred & ref).values())
    n_pred, n_ref = sum(pred.values()), sum(ref.values())
    precision = overlap / n_pred if n_pred else 0.0
    recall = overlap / n_ref if n_ref else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def keep_drop(text: str, must_keep: Iterable[str], must_drop: Iterable[str]) -> Dict[str, List[str]]:
    flat = compact(text)
    return {"kept": [s for s in must_keep if compact(s) in flat],
            "missed": [s for s in must_keep if compact(s) not in flat],
            "dropped": [s for s in must_drop if compact(s) not in flat],
            "leaked": [s for s in must_drop if compact(s) in flat]}


def load_dev(dev_dir: str) -> List[dict]:
    with open(os.path.join(dev_dir, "gold.jsonl"), encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def page_html(dev_dir: str, page_id: str) -> str:
    with open(os.path.join(dev_dir, "pages", f"{page_id}.html"), "rb") as fh:
        return decode_bytes(fh.read()).text


def pagewash_extract(html: str, page_id: str, settings=None):
    """pagewash's extraction of one page: (text, Doc or None)."""
    from pagewash.transforms.extract import ExtractSettings, extract_page
    from pagewash.transforms.record import Doc, Kind

    result = extract_page(Doc(id=page_id, source=page_id, kind=Kind.HTML, html=html), settings or ExtractSettings())
    if isinstance(result, Doc):
        return result.text or "", result
    return "", None


def trafilatura_extract(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def score_page(gold: dict, text: str) -> dict:
    scores = char_prf(text, gold["gold"])
    kd = keep_drop(text, gold["must_keep"], gold["must_drop"])
    scores.update(keep=len(kd["kept"]), keep_total=len(gold["must_keep"]), drop=len(kd["dropped"]),
                  drop_total=len(gold["must_drop"]), missed=kd["missed"], leaked=kd["leaked"])
    return scores


def metadata_checks(gold: dict, doc) -> Dict[str, bool]:
    if doc is None:
        return {"title": False, "published": False, "editor": False, "canonical_url": False}
    return {"title": doc.title == normalize_text(gold["title"]),
            "published": (doc.published or "")[:10] == gold["published"],
            "editor": doc.meta.get("editor") == gold["editor"],
            "canonical_url": doc.meta.get("canonical_url") == gold["canonical_url"]}


def aggregate(rows: List[dict]) -> dict:
    n = len(rows)
    return {"pages": n,
            "f1": sum(r["f1"] for r in rows) / n,
            "precision": sum(r["precision"] for r in rows) / n,
            "recall": sum(r["recall"] for r in rows) / n,
            "must_keep_recall": sum(r["keep"] for r in rows) / max(1, sum(r["keep_total"] for r in rows)),
            "must_drop_recall": sum(r["drop"] for r in rows) / max(1, sum(r["drop_total"] for r in rows))}


# Settings compared by --sweep (ExtractSettings fields changed from the defaults).
SWEEP = {
    "defaults": {},
    "no pre-pass": {"prepass": False},
    "favor_precision": {"favor_precision": True},
    "favor_recall": {"favor_recall": True},
    "no tables": {"include_tables": False},
    "min size 100": {"min_extracted_size": 100},
    "min size 500": {"min_extracted_size": 500},
    "fallback only if empty": {"fallback_ratio": 1e-9, "min_fallback_chars": 10**9},
}


def evaluate(dev_dir: str = DEFAULT_DEV, with_trafilatura: bool = True, settings=None) -> dict:
    """Scores every dev page; returns per-page rows and per-group aggregates for both systems."""
    golds = load_dev(dev_dir)
    pages, groups = [], defaultdict(lambda: defaultdict(list))
    meta_hits: Dict[str, List[bool]] = defaultdict(list)
    for gold in golds:
        html = page_html(dev_dir, gold["id"])
        text, doc = pagewash_extract(html, gold["id"], settings)
        row = {"id": gold["id"], "group": f"{gold['lang']}/{gold['page_type']}",
               "pagewash": score_page(gold, text), "text": text}
        for field, ok in metadata_checks(gold, doc).items():
            if field != "editor" or gold["editor"]:
                meta_hits[field].append(ok)
        if with_trafilatura:
            row["trafilatura"] = score_page(gold, trafilatura_extract(html))
        pages.append(row)
        for key in (row["group"], gold["lang"], "overall"):
            for system in ("pagewash", "trafilatura"):
                if system in row:
                    groups[key][system].append(row[system])
    summary = {key: {system: aggregate(rows) for system, rows in by_system.items()}
               for key, by_system in groups.items()}
    metadata = {field: sum(hits) / len(hits) for field, hits in meta_hits.items()}
    return {"pages": pages, "summary": summary, "metadata": metadata}


def _order(key: str) -> tuple:
    return (key == "overall", "/" not in key, key)


def format_report(result: dict) -> List[str]:
    lines = [f"{'group':<12} {'pages':>5} | {'pagewash F1':>11} {'keep':>6} {'drop':>6} | "
             f"{'trafilatura F1':>14} {'keep':>6} {'drop':>6}"]
    for key in sorted(result["summary"], key=_order):
        s = result["summary"][key]
        pw, tf = s["pagewash"], s.get("trafilatura")
        line = (f"{key:<12} {pw['pages']:>5} | {pw['f1']:>11.4f} {pw['must_keep_recall']:>6.3f} "
                f"{pw['must_drop_recall']:>6.3f} |")
        if tf:
            line += f" {tf['f1']:>14.4f} {tf['must_keep_recall']:>6.3f} {tf['must_drop_recall']:>6.3f}"
        lines.append(line)
    lines.append("pagewash metadata accuracy: " + ", ".join(
        f"{field} {value:.3f}" for field, value in sorted(result["metadata"].items())))
    worst = sorted(result["pages"], key=lambda r: r["pagewash"]["f1"])[:5]
    lines.append("lowest pagewash F1: " + ", ".join(f"{r['id']} {r['pagewash']['f1']:.3f}" for r in worst))
    leaks = [(r["id"], s) for r in result["pages"] for s in r["pagewash"]["leaked"]]
    misses = [(r["id"], s) for r in result["pages"] for s in r["pagewash"]["missed"]]
    if leaks:
        lines.append("pagewash leaked must-drop: " + "; ".join(f"{i}: {s}" for i, s in leaks))
    if misses:
        lines.append("pagewash missed must-keep: " + "; ".join(f"{i}: {s}" for i, s in misses))
    return lines


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="tools score-html", description=__doc__.split("\n")[0])
    parser.add_argument("--dev", default=DEFAULT_DEV, help="folder with pages/ and gold.jsonl")
    parser.add_argument("--show", help="print both systems' text for this page id")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--sweep", action="store_true", help="compare the extraction settings of SWEEP")
    args = parser.parse_args(argv)
    if args.sweep:
        from pagewash.transforms.extract import ExtractSettings

        print(f"{'settings':<20} {'F1 all':>7} {'F1 zh':>7} {'F1 en':>7} {'keep':>6} {'drop':>6}")
        for name, changes in SWEEP.items():
            summary = evaluate(args.dev, with_trafilatura=False, settings=ExtractSettings(**changes))["summary"]
            pw = {key: summary[key]["pagewash"] for key in ("overall", "zh", "en")}
            print(f"{name:<20} {pw['overall']['f1']:>7.4f} {pw['zh']['f1']:>7.4f} {pw['en']['f1']:>7.4f} "
                  f"{pw['overall']['must_keep_recall']:>6.3f} {pw['overall']['must_drop_recall']:>6.3f}")
        return 0
    if args.show:
        html = page_html(args.dev, args.show)
        text, doc = pagewash_extract(html, args.show)
        print("== pagewash", {k: v for k, v in (doc.meta.items() if doc else [])}, doc.title if doc else None,
              doc.published if doc else None, doc.site_name if doc else None)
        print(text)
        print("== trafilatura")
        print(trafilatura_extract(html))
        return 0
    result = evaluate(args.dev)
    if args.json:
        print(json.dumps({"summary": result["summary"], "metadata": result["metadata"]}, indent=2, sort_keys=True))
    else:
        print("\n".join(format_report(result)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
