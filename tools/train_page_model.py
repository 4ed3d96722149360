"""Trains the quality stage's page model, "is what remains an article?" (``transforms/quality/page_model.py``).

Training data (nothing of it is committed; the model file holds weights and figures only):

* the labelled spam evaluation parts given as ``--part NAME=DIR`` (``DIR/pages`` and
  ``DIR/gold.jsonl``, built by ``tools/evalset/build_spam_eval*.py``): their ``junk`` and
  ``spam_only`` pages are junk, their ``article`` pages articles.  Every page goes through the
  pipeline's own stages up to the quality stage (read, decode, extract, spam cleaning with the
  part's corpus vocabulary, tagging) on the in-process runner, so the record judged is the one
  the quality stage sees;
* real crawled article and post texts, ``--source DIR`` (the folders of
  ``tools/evalset/real_text_sources.py``: Sina Weibo posts and comments of
  ``thunlp/Chinese_Rumor_Dataset``, shopping reviews of ``SophonPlus/ChineseNlpCorpus``, Sohu and
  other news pages of Sogou Lab's SogouCS/SogouCA samples), each cleaned and tagged the same way,
  all articles.

Only CJK text is used (the filter judges CJK text only).  A logistic regression over
:data:`~pagewash.transforms.quality.page_model.FEATURES` (numpy, full-batch gradient descent, L2:
:func:`tools.train_pasted_model.fit`).

**Leave-one-part-out** is the measure: for each part, the model is trained without it (and
without a seventh of the real texts, by hash) and counts that part's junk still kept (by every
filter, this one included) and its articles this filter rejects that the others keep.  The
threshold is the lowest probability at which at most ``--max-article-loss`` of the held-out
article pages and real texts that the other filters keep would be rejected, pooled over the
folds.  The shipped model is then trained on every part and every text.  Weights, threshold,
sources and the leave-one-part-out table go to ``transforms/quality/data/page_model.json``::

    ./run_local.sh tools train-page-model --part dev=PARTS/dev ... --source SOURCES [--cache DIR]

``--cache DIR`` keeps each part's cleaned records (``DIR/<name>.jsonl``) so that a second run
skips the pipeline; the model is the same with or without it.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from pagewash.transforms.quality.page_model import FEATURES, MODEL_FILE, page_features
from tools.paths import REPO_ROOT
from tools.train_pasted_model import fit, probabilities

SOURCE_FOLDERS = {
    "ced_weibo": "thunlp/Chinese_Rumor_Dataset CED_Dataset/original-microblog (research use)",
    "ced_comments": "thunlp/Chinese_Rumor_Dataset CED_Dataset/*-repost (research use)",
    "shop_reviews": "SophonPlus/ChineseNlpCorpus online_shopping_10_cats (research use)",
    "sogoucs_smarty": "SogouCS smarty sample via NICE-FUTURE/tfidf-cosine-text-recommendation (Sogou Lab data licence)",
    "sogouca_smarty": "SogouCA smarty sample via YeKc1M/InformationRetrieval (Sogou Lab data licence)",
}
MAX_PER_SOURCE = 1200  # texts per source folder, the first by the MD5 of their id
MAX_ARTICLE_LOSS = 0.0003
FOLDS = 7
L2 = 3e-3
JUNK_KINDS = ("junk", "spam_only")
JUNK_WEIGHT = 4.0  # junk pages are few: each counts this many times in the fit


def _md5(key: str) -> int:
    return int(hashlib.md5(key.encode("utf-8")).hexdigest()[:12], 16)


def _row(doc) -> dict:
    return {"id": doc.id, "title": doc.title, "text": doc.text or "", "lang": doc.lang,
            "lang_score": doc.lang_score, "quality": dict(doc.quality or {})}


def run_stages(pages_dir: Optional[str], texts: Sequence[Tuple[str, str, Optional[str]]] = ()) -> List[dict]:
    """The tagged records (after spam cleaning) of every page under ``pages_dir`` or of ``texts``
    ((id, text, title)), on the in-process runner with the pipeline's stages and defaults."""
    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions

    from pagewash.pipeline.options import IN_PROCESS_RUNNER
    from pagewash.transforms.decode import DecodePages
    from pagewash.transforms.extract import ExtractSettings
    from pagewash.transforms.extract_limits import ExtractArticles, WorkBudget
    from pagewash.transforms.normalize import normalize_text
    from pagewash.transforms.quality.stages import TagQuality
    from pagewash.transforms.read import ReadLimits, ReadPages
    from pagewash.transforms.record import Doc, Kind
    from pagewash.transforms.spam.beam import CleanSpam

    with tempfile.TemporaryDirectory(prefix="page_model_") as tmp:
        out_path = os.path.join(tmp, "rows")
        with beam.Pipeline(options=PipelineOptions(runner=IN_PROCESS_RUNNER, direct_num_workers=1)) as p:
            if pages_dir is not None:
                read = p | "Read" >> ReadPages([pages_dir], ReadLimits())
                decoded = read.docs | "Decode" >> DecodePages()
                docs = (decoded.docs | "Extract" >> ExtractArticles(ExtractSettings(), WorkBudget(processes=1))).docs
            else:
                docs = p | "Texts" >> beam.Create([
                    Doc(id=i, source=i, kind=Kind.TEXT, text=normalize_text(t), title=title) for i, t, title in texts])
            cleaned = docs | "CleanSpam" >> CleanSpam(spill_dir=os.path.join(tmp, "spill"))
            tagged = cleaned.docs | "Tag" >> TagQuality()
            (tagged.docs | "Json" >> beam.Map(lambda d: json.dumps(_row(d), ensure_ascii=False, sort_keys=True))
             | "Write" >> beam.io.WriteToText(out_path, shard_name_template=""))
        with open(out_path, encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
    return sorted(rows, key=lambda r: r["id"])


def _cached(cache: Optional[Path], name: str, make) -> List[dict]:
    if cache is not None and (cache / f"{name}.jsonl").exists():
        with open(cache / f"{name}.jsonl", encoding="utf-8") as handle:
            return [json.loads(line) for line in handle]
    rows = make()
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        with open(cache / f"{name}.jsonl", "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    return rows


def part_rows(name: str, directory: Path, cache: Optional[Path]) -> List[dict]:
    """The part's cleaned records with ``label`` (1 junk, 0 article) and ``group``."""
    gold = {}
    with open(directory / "gold.jsonl", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                g = json.loads(line)
                gold[g["id"]] = g["kind"]
    rows = _cached(cache, name, lambda: run_stages(str(directory / "pages")))
    out = []
    for row in rows:
        kind = gold.get(row["id"])
        if kind is None:
            continue
        out.append(dict(row, label=1 if kind in JUNK_KINDS else 0, group=name))
    return out


def _source_texts(folder: Path) -> List[Tuple[str, str, Optional[str]]]:
    docs = []
    with open(folder / "docs.jsonl", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                d = json.loads(line)
                docs.append((f"{folder.name}/{d['id']}", d.get("text") or "", d.get("title")))
    docs.sort(key=lambda d: (_md5(d[0]), d[0]))
    return sorted(docs[:MAX_PER_SOURCE])


def source_rows(source: Path, cache: Optional[Path]) -> List[dict]:
    texts = [t for folder in sorted(SOURCE_FOLDERS) if (source / folder / "docs.jsonl").exists()
             for t in _source_texts(source / folder)]
    rows = _cached(cache, "sources", lambda: run_stages(None, texts))
    return [dict(row, label=0, group="sources") for row in rows]


def other_filters(row: dict) -> List[str]:
    """The reasons of every quality filter but this model's that the record fails."""
    from pagewash.transforms.quality.filters import check_signals
    from pagewash.transforms.reasons import Reason

    return [f.reason for f in check_signals(row["quality"], row["lang"], row["lang_score"])
            if f.reason != Reason.NOT_ARTICLE]


def is_cjk(row: dict) -> bool:
    from pagewash.transforms.quality.thresholds import DEFAULT_THRESHOLDS

    return bool(row["text"]) and row["quality"].get("cjk_ratio", 0.0) >= DEFAULT_THRESHOLDS.cjk_min_ratio


def matrix(rows: Sequence[dict]) -> np.ndarray:
    feats = [page_features(r["quality"], r["text"], r["title"]) for r in rows]
    return np.asarray([[f[k] for k in FEATURES] for f in feats], dtype=float)


def weighted_fit(x: np.ndarray, y: np.ndarray) -> Tuple[np.ndarray, float]:
    reps = np.where(y == 1, int(JUNK_WEIGHT), 1)
    return fit(np.repeat(x, reps, axis=0), np.repeat(y, reps), l2=L2)


def fold_of(row: dict, parts: Sequence[str]) -> int:
    if row["group"] == "sources":
        return _md5(row["id"]) % len(parts)
    return parts.index(row["group"])


def loss_threshold(p: np.ndarray, max_loss: float) -> float:
    """The lowest threshold rejecting at most ``max_loss`` of the articles with probabilities ``p``."""
    s = np.sort(p)[::-1]
    k = int(max_loss * len(s))
    return float(round(float(s[k]) + 1e-6, 6)) if k < len(s) else 0.5


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", action="append", required=True, metavar="NAME=DIR")
    ap.add_argument("--source", required=True, type=Path)
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--max-article-loss", type=float, default=MAX_ARTICLE_LOSS)
    ap.add_argument("--out", type=Path, default=Path(REPO_ROOT) / "transforms" / "quality" / "data" / MODEL_FILE)
    args = ap.parse_args(argv)
    parts = [spec.split("=", 1)[0] for spec in args.part]
    rows: List[dict] = []
    for spec in args.part:
        name, directory = spec.split("=", 1)
        rows += part_rows(name, Path(directory), args.cache)
        print(f"{name}: {sum(1 for r in rows if r['group'] == name)} records", file=sys.stderr)
    rows += source_rows(args.source, args.cache)
    rows = [r for r in rows if is_cjk(r)]
    x = matrix(rows)
    y = np.asarray([r["label"] for r in rows], dtype=float)
    folds = np.asarray([fold_of(r, parts) for r in rows])
    others_keep = np.asarray([not other_filters(r) for r in rows])
    # the filter leaves text with ample prose alone (max_junk_model_prose_chars_cjk)
    from pagewash.transforms.quality.thresholds import DEFAULT_THRESHOLDS
    judged = np.asarray([r["quality"]["prose_char_count"] + r["quality"].get("clause_prose_char_count", 0.0)
                         < DEFAULT_THRESHOLDS.max_junk_model_prose_chars_cjk for r in rows])
    held = np.zeros(len(rows))
    for k in range(len(parts)):
        w, b = weighted_fit(x[folds != k], y[folds != k])
        held[folds == k] = probabilities(x[folds == k], w, b)
    kept_articles = (y == 0) & others_keep
    threshold = loss_threshold(held[kept_articles], args.max_article_loss)
    table = []
    for k, name in enumerate(parts):
        on = folds == k
        part = on & np.asarray([r["group"] == name for r in rows])
        src = on & np.asarray([r["group"] == "sources" for r in rows])
        junk = part & (y == 1)
        arts = part & (y == 0)
        table.append({
            "part": name, "junk": int(junk.sum()), "junk_kept_before": int((junk & others_keep).sum()),
            "junk_kept": int((junk & others_keep & ((held < threshold) | ~judged)).sum()),
            "articles": int(arts.sum()), "articles_kept_before": int((arts & others_keep).sum()),
            "articles_rejected": int((arts & others_keep & judged & (held >= threshold)).sum()),
            "real_texts": int(src.sum()),
            "real_texts_rejected": int((src & others_keep & judged & (held >= threshold)).sum()),
        })
    w, b = weighted_fit(x, y)
    final = probabilities(x, w, b)
    model = {
        "features": list(FEATURES),
        "weights": {k: float(round(float(v), 8)) for k, v in zip(FEATURES, w)},
        "bias": float(round(b, 8)),
        "threshold": threshold,
        "training": {
            "parts": parts, "junk_kinds": list(JUNK_KINDS), "junk_weight": JUNK_WEIGHT, "l2": L2,
            "max_article_loss": args.max_article_loss, "max_per_source": MAX_PER_SOURCE,
            "sources": SOURCE_FOLDERS,
            "pages": {"junk": int((y == 1).sum()), "articles": int(((y == 0) & (folds >= 0)).sum())
                      - int(sum(1 for r in rows if r["group"] == "sources")),
                      "real_texts": int(sum(1 for r in rows if r["group"] == "sources"))},
            "leave_one_part_out": table,
            "fitted": {"junk_found": int(((final >= threshold) & judged & (y == 1)).sum()),
                       "articles_rejected": int(((final >= threshold) & judged & kept_articles).sum())},
        },
    }
    args.out.write_text(json.dumps(model, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    for line in table:
        print(json.dumps(line), file=sys.stderr)
    print(f"threshold {threshold}; wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
