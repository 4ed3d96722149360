"""Train the spam cleaner's line scorer (``./run_local.sh tools train-lines``).

Writes ``transforms/spam/data/line_model.json`` (:mod:`pagewash.transforms.spam.line_model`): a
logistic regression over the bucketed shape features of a line.

Training lines:

* the lines of the labelled development parts (``--sets``: a folder holding one folder per part with
  ``pages/`` and ``gold.jsonl``; ``--parts`` names the parts read, the seven development parts by
  default) and of the seeds (``fixtures/gold/seeds.jsonl`` over ``fixtures/pages``,
  ``fixtures/spam_dev``), as the spam stage sees them: each page decoded, extracted and
  normalised by the product's own functions, the corpus vocabulary of its part computed, and the
  line rules run (:func:`pagewash.transforms.spam.clean.drop_spam_lines`).  A line is a positive
  when it is no line of the gold article and holds ``must_drop`` material, a negative when it is a
  line of the gold article; mixed lines (spam and article text on one line: the comma and
  injection detectors' work) and junk pages are left out;
* the paragraphs of real crawled text (``--source``: the folders of
  ``tools/evalset/real_text_sources.py`` and the raw material folders), as negatives:
  DuReader search documents (``dureader``), People's Daily articles of the SIGHAN 2005 PKU test
  text after its first 1,500 lines (``icwb2``) and Weibo posts after the first 1,500
  (``ced_weibo``).  The documents of the real-text precision probe are never read.

The main figure is leave-one-part-out: for each development part, a model trained on the other
parts, the seeds and the real text (without the real source the part's articles were drawn from)
scores the part's lines the rules left, at the threshold chosen on its own training lines; the
table goes to stderr and into the model file.  The shipped model is trained on all of them.
Same inputs, same file, byte for byte.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import numpy as np

from pagewash.transforms.decode import decode_page
from pagewash.transforms.extract import extract_page
from pagewash.transforms.normalize import normalize_text
from pagewash.transforms.record import Doc, Kind
from pagewash.transforms.spam import clean, line_model
from pagewash.transforms.spam.beam import (DEFAULT_MAX_PER_SITE, DEFAULT_MAX_VOCAB, DEFAULT_MIN_LINE_SHARE,
                                           DEFAULT_MIN_PAGES)
from pagewash.transforms.spam.clean import corpus_vocabulary_for
from pagewash.transforms.spam.gazetteer import gazetteer
from pagewash.transforms.spam.lexicon import lexicon
from pagewash.transforms.spam.rules import table_lines
from pagewash.transforms.spam.vocabulary import frequent_units, vocabulary_index

from tools.paths import REPO_ROOT
from tools.sparse_logistic import adam_fit, sparse_rows

DEV_PARTS = ("dev", "test2", "test3", "test4", "test5", "test6", "test7")
# The real-text source a part's articles were drawn from: left out of that part's fold.
PART_SOURCES = {"test2": "icwb2", "test7": "dureader"}
PROBE_WEIBO_POSTS, PROBE_PKU_LINES = 1500, 1500
REAL_DOCS = 3000  # per source
MAX_FPR = 0.002
L2 = 1e-3
STEPS = 600
MIN_FEATURE_COUNT = 3  # a feature seen on fewer training lines gets no weight
_MIN_MIXED_CHARS = 10


# --------------------------------------------------------------------------- pages -> labelled lines


def _page_doc(path: Path, rec: Mapping) -> Optional[Doc]:
    """The page as the pipeline's readers, decoder and extractor leave it (None when it has no text)."""
    if not path.exists():
        return None
    kind = Kind.HTML if rec.get("format") == "html" or path.suffix in (".html", ".htm") else Kind.TEXT
    doc = decode_page(Doc(id=rec["id"], source=str(path), kind=kind, content=path.read_bytes()))
    if not isinstance(doc, Doc):
        return None
    doc = extract_page(doc)
    return doc if isinstance(doc, Doc) and doc.text else None


def label_line(line: str, gold_lines: frozenset, gold_text: str, drops: Sequence[str]) -> Optional[int]:
    """1 (spam line), 0 (article line) or None (mixed, or neither)."""
    s = line.strip()
    if not s:
        return None
    has_drop = any(d in s for d in drops) or (len(s) >= 6 and any(s in d for d in drops))
    in_gold = s in gold_lines or (len(s) >= 8 and s in gold_text)
    if in_gold and not has_drop:
        return 0
    if not has_drop or in_gold:
        return None
    rest = s
    for d in drops:
        rest = rest.replace(d, "\n")
    for piece in rest.split("\n"):
        piece = piece.strip()
        if len(piece) >= _MIN_MIXED_CHARS and any(piece[k:k + _MIN_MIXED_CHARS] in gold_text
                                                  for k in range(0, len(piece) - _MIN_MIXED_CHARS + 1, 3)):
            return None  # article text on the line too: mixed
    return 1


def part_pages(part: str, gold_file: Path, pages_dir: Path) -> List[dict]:
    """Every page of one part as the spam stage sees it, after the line rules, with its labels."""
    recs = [json.loads(x) for x in gold_file.read_text(encoding="utf-8").split("\n") if x.strip()]
    docs = []
    for rec in recs:
        if rec.get("kind") == "junk":
            continue
        doc = _page_doc(pages_dir / rec["id"], rec)
        if doc is not None:
            docs.append((rec, doc))
    index = vocabulary_index(frequent_units([(d.id, d.site, d.text) for _r, d in docs], DEFAULT_MIN_PAGES,
                                            DEFAULT_MIN_LINE_SHARE, DEFAULT_MAX_PER_SITE, DEFAULT_MAX_VOCAB))
    out = []
    for rec, doc in docs:
        page, clean_title = clean.prepare_page(doc.text, title=doc.title,
                                               vocabulary=corpus_vocabulary_for(doc, index),
                                               markup_keywords=doc.markup_keywords)
        headline = clean_title or doc.title
        clean.drop_spam_lines(page, headline=headline)
        gold_text = normalize_text(rec.get("article") or "")
        gold_lines = frozenset(x.strip() for x in gold_text.split("\n") if x.strip())
        drops = [d for d in (normalize_text(x).strip() for x in rec.get("must_drop", [])) if len(d) >= 2]
        labels = [label_line(line, gold_lines, gold_text, drops) for line in page.lines]
        out.append({"part": part, "id": rec["id"], "lines": page.lines, "kept": [page.kept(i) for i in
                    range(len(page.lines))], "title": page.title, "headline": headline, "labels": labels})
    return out


def real_pages(source: Path, per_source: int = REAL_DOCS) -> List[dict]:
    """Pages of real crawled text (every paragraph a negative), after the line rules."""
    from tools.evalset.build_spam_eval_c import load_pku_articles

    raw: List[Tuple[str, str, Optional[str], List[str]]] = []  # (source key, id, title, paragraphs)
    dureader = source / "dureader" / "DuReader-2.0" / "data" / "demo"
    for name in ("trainset/search.train.json", "devset/search.dev.json", "testset/search.test.json"):
        path = dureader / name
        if not path.exists():
            continue
        n = 0
        with path.open(encoding="utf-8") as handle:
            for qn, row in enumerate(handle):
                if not row.strip():
                    continue
                for dn, d in enumerate(json.loads(row).get("documents", [])):
                    paras = [p for p in d.get("paragraphs", []) if p.strip()]
                    if paras and n < per_source:
                        raw.append(("dureader", f"dureader:{name}:{qn}:{dn}", d.get("title"), paras))
                        n += 1
    pku = source / "icwb2" / "testing" / "pku_test.utf8"
    if pku.exists():
        arts = [a for a in load_pku_articles(pku) if int(a.key.split(":")[1]) >= PROBE_PKU_LINES][:per_source]
        raw.extend(("icwb2", a.key, a.title, [a.title, *a.paras]) for a in arts)
    weibo = source / "ced_weibo" / "docs.jsonl"
    if weibo.exists():
        rows = [json.loads(x) for x in weibo.read_text(encoding="utf-8").split("\n") if x.strip()]
        for d in rows[PROBE_WEIBO_POSTS:PROBE_WEIBO_POSTS + per_source]:
            raw.append(("ced_weibo", f"ced_weibo:{d['id']}", None, [d.get("text", "")]))
    out = []
    for key, doc_id, title, paras in raw:
        text = normalize_text("\n".join(paras))
        if not text:
            continue
        page, clean_title = clean.prepare_page(text, title=title)
        headline = clean_title or title
        clean.drop_spam_lines(page, headline=headline)
        out.append({"part": "real:" + key, "id": doc_id, "lines": page.lines,
                    "kept": [page.kept(i) for i in range(len(page.lines))], "title": page.title,
                    "headline": headline, "labels": [0 if line.strip() else None for line in page.lines]})
    return out


def seed_pages() -> List[dict]:
    root = Path(REPO_ROOT) / "fixtures"
    out = part_pages("seeds", root / "gold" / "seeds.jsonl", root / "pages")
    out += part_pages("seeds", root / "spam_dev" / "gold.jsonl", root / "spam_dev" / "pages")
    return out


# --------------------------------------------------------------------------- features


def examples(pages: Sequence[dict]) -> List[dict]:
    """One example per labelled candidate line: features, label, whether the rules left it, guarded."""
    gaz, lex = gazetteer(), lexicon()
    out = []
    for p in pages:
        lines, kept = p["lines"], p["kept"]
        # a line the rules cut is read as if it were kept (its page around it as the rules left it)
        ctx = line_model.PageContext.of(lines, kept, p["title"])
        tables = table_lines(lines)
        for i, lab in enumerate(p["labels"]):
            if lab is None or not line_model.is_candidate(lines[i], True, lex):
                continue  # prose is never read: neither a positive nor a negative
            feats = line_model.line_features(ctx, i, gaz, lex)
            out.append({"part": p["part"], "page": p["id"], "i": i, "y": lab, "left": bool(kept[i]),
                        "guard": kept[i] and line_model.guarded(ctx, i, tables, p["headline"], lex, gaz),
                        "feats": feats, "text": lines[i].strip()})
    return out


# --------------------------------------------------------------------------- model


def vocabulary(exs: Sequence[dict]) -> List[str]:
    counts: Dict[str, int] = {}
    for e in exs:
        for f in set(e["feats"]):
            counts[f] = counts.get(f, 0) + 1
    return sorted(f for f, c in counts.items() if c >= MIN_FEATURE_COUNT and f != "bias")


def _matrix(exs: Sequence[dict], index: Mapping[str, int]) -> Tuple[np.ndarray, np.ndarray]:
    return sparse_rows([sorted({index[f] for f in e["feats"] if f in index}) for e in exs])


def fit(exs: Sequence[dict], steps: int = STEPS, l2: float = L2, lr: float = 0.05) -> Tuple[Dict[str, float], float]:
    """Logistic regression over binary features (full-batch Adam, L2; positives weighted to half the loss)."""
    names = vocabulary(exs)
    index = {f: k for k, f in enumerate(names)}
    rows, cols = _matrix(exs, index)
    y = np.asarray([e["y"] for e in exs], dtype=np.float64)
    n, dim = len(y), len(names)
    pos = max(1.0, y.sum())
    sample_w = np.where(y > 0, 0.5 * n / pos, 0.5 * n / max(1.0, n - pos)) / n
    w, b = adam_fit(rows, cols, y, sample_w, dim, steps, l2, lr)
    return {f: round(float(x), 4) for f, x in zip(names, w) if abs(x) >= 1e-4}, round(float(b), 4)


def scores(lm: line_model.LineModel, exs: Sequence[dict]) -> np.ndarray:
    return np.asarray([lm.score(e["feats"]) for e in exs])


def threshold_for(p: np.ndarray, y: np.ndarray, max_fpr: float) -> float:
    neg = np.sort(p[y == 0])[::-1]
    k = int(max_fpr * len(neg))
    return round(float(min(0.99, max(0.5, neg[k] + 1e-4))), 4) if len(neg) > k else 0.5


def measure(exs: Sequence[dict], p: np.ndarray, t: float) -> Dict[str, object]:
    """Line precision and recall on the lines the rules left (guarded lines never cut), and of the
    model alone on every candidate line of the part (the rules' cuts included: how far the model
    finds a builder's spam lines by itself)."""
    tp = fp = pos = neg = 0
    alone_tp = alone_pos = 0
    for e, s in zip(exs, p):
        cut = bool(s >= t)
        if e["y"]:
            alone_pos += 1
            alone_tp += cut
        if not e["left"]:
            continue
        cut = cut and not e["guard"]
        if e["y"]:
            pos += 1
            tp += cut
        else:
            neg += 1
            fp += cut
    return {"left_spam": pos, "left_article": neg, "cut_spam": tp, "cut_article": fp,
            "recall": round(tp / max(1, pos), 4), "precision": round(tp / max(1, tp + fp), 4),
            "alone_spam": alone_pos, "alone_recall": round(alone_tp / max(1, alone_pos), 4)}


def train(exs: Sequence[dict], max_fpr: float, steps: int, l2: float) -> line_model.LineModel:
    weights, bias = fit(exs, steps=steps, l2=l2)
    lm = line_model.LineModel(weights=weights, bias=bias, threshold=0.5)
    y = np.asarray([e["y"] for e in exs])
    t = threshold_for(scores(lm, exs), y, max_fpr)
    return line_model.LineModel(weights=weights, bias=bias, threshold=t)


def lopo(exs: Sequence[dict], parts: Sequence[str], max_fpr: float, steps: int, l2: float,
         show: int = 0) -> Dict[str, Dict[str, object]]:
    table = {}
    for part in parts:
        held_src = PART_SOURCES.get(part)
        train_exs = [e for e in exs if e["part"] != part and e["part"] != f"real:{held_src}"]
        test_exs = [e for e in exs if e["part"] == part]
        if not test_exs:
            continue
        lm = train(train_exs, max_fpr, steps, l2)
        p = scores(lm, test_exs)
        table[part] = {"threshold": lm.threshold, **measure(test_exs, p, lm.threshold)}
        print(f"  {part:6s} {table[part]}", file=sys.stderr)
        if show:
            wrong = [(s, e) for s, e in zip(p, test_exs) if e["left"] and not e["guard"]
                     and ((s >= lm.threshold) != bool(e["y"]))]
            for s, e in sorted(wrong, key=lambda x: (-x[0], x[1]["text"]))[:show]:
                print(f"    {'FP' if not e['y'] else 'FN'} {s:.3f} {e['text'][:80]}", file=sys.stderr)
    return table


def totals(table: Mapping[str, Mapping[str, object]]) -> Dict[str, object]:
    keys = ("left_spam", "left_article", "cut_spam", "cut_article", "alone_spam")
    tot = {k: sum(int(r[k]) for r in table.values()) for k in keys}
    tot["alone_recall"] = round(sum(float(r["alone_recall"]) * int(r["alone_spam"]) for r in table.values())
                                / max(1, tot["alone_spam"]), 4)
    tot["recall"] = round(tot["cut_spam"] / max(1, tot["left_spam"]), 4)
    tot["precision"] = round(tot["cut_spam"] / max(1, tot["cut_spam"] + tot["cut_article"]), 4)
    return tot


def load_cache(path: Optional[Path], build) -> List[dict]:
    if path is not None and path.exists():
        return [json.loads(x) for x in path.read_text(encoding="utf-8").split("\n") if x.strip()]
    pages = build()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps(p, ensure_ascii=False, sort_keys=True) + "\n" for p in pages),
                        encoding="utf-8")
    return pages


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="tools train-lines", description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", type=Path, required=True, help="folder of the labelled parts (one folder each)")
    ap.add_argument("--parts", default=",".join(DEV_PARTS), help="the parts read (comma-separated)")
    ap.add_argument("--source", type=Path, required=True, help="folder of the real-text sources")
    ap.add_argument("--out", type=Path, default=Path(REPO_ROOT) / "transforms" / "spam" / "data" / line_model.MODEL_FILE)
    ap.add_argument("--work", type=Path, default=None, help="cache the pages' lines here (re-read when present)")
    ap.add_argument("--real-docs", type=int, default=REAL_DOCS)
    ap.add_argument("--max-fpr", type=float, default=MAX_FPR)
    ap.add_argument("--steps", type=int, default=STEPS)
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--no-lopo", action="store_true", help="skip the leave-one-part-out table")
    ap.add_argument("--show", type=int, default=0, help="print this many errors per held-out part")
    args = ap.parse_args(argv)
    t0 = time.time()
    parts = [p for p in args.parts.split(",") if p]
    pages: List[dict] = []
    for part in parts:
        d = args.sets / part
        cache = args.work / f"{part}.jsonl" if args.work else None
        pages += load_cache(cache, lambda d=d, part=part: part_pages(part, d / "gold.jsonl", d / "pages"))
    pages += load_cache(args.work / "seeds.jsonl" if args.work else None, seed_pages)
    pages += load_cache(args.work / "real.jsonl" if args.work else None, lambda: real_pages(args.source, args.real_docs))
    print(f"{len(pages)} pages; {time.time() - t0:.0f}s", file=sys.stderr)
    exs = examples(pages)
    by_part: Dict[str, List[int]] = {}
    for e in exs:
        by_part.setdefault(e["part"], [0, 0])[e["y"]] += 1
    print(f"{len(exs)} lines (part: [article, spam]) {dict(sorted(by_part.items()))}; {time.time() - t0:.0f}s",
          file=sys.stderr)
    table = {}
    if not args.no_lopo:
        print("leave one part out (lines the rules left):", file=sys.stderr)
        table = lopo(exs, parts, args.max_fpr, args.steps, args.l2, args.show)
        if table:
            print(f"  total  {totals(table)}", file=sys.stderr)
    lm = train(exs, args.max_fpr, args.steps, args.l2)
    insample = measure(exs, scores(lm, exs), lm.threshold)
    digest = hashlib.sha256("".join(sorted(f"{e['part']}\t{e['page']}\t{e['i']}\t{e['y']}\n" for e in exs))
                            .encode("utf-8")).hexdigest()[:16]
    out = {"model": "logistic regression over bucketed line-shape features (tools/train_line_model.py)",
           "bias": lm.bias, "threshold": lm.threshold, "max_fpr": args.max_fpr, "steps": args.steps, "l2": args.l2,
           "lines": {k: v for k, v in sorted(by_part.items())}, "examples_digest": digest,
           "in_sample": insample, "leave_one_part_out": table, "lopo_total": totals(table) if table else {},
           "weights": dict(sorted(lm.weights.items()))}
    args.out.write_text(json.dumps(out, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(lm.weights)} weights, threshold {lm.threshold}); in sample {insample}; "
          f"{time.time() - t0:.0f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
