"""Trains the page-level model of pasted-sentence pages (``transforms/quality/pasted_page.py``).

Real pages against pages made of other texts' sentences, both built from real text and never
from the evaluation parts' pages or sources:

* fitted on: Chinese Wikipedia articles of CMRC 2018 (``ymcui/cmrc2018``,
  ``squad-style-data/cmrc2018_dev.json``, CC-BY-SA-4.0) and Sohu news pages of Sogou Lab's
  public samples (the ``sogoucs_smarty`` and ``sogouca_smarty`` folders of
  ``tools/evalset/real_text_sources.py``, Sogou Lab data licence), four fifths of each by a
  hash of the text's id;
* measured on, never fitted: the held-out fifth of both, and People's Daily articles (the PKU
  test text of the SIGHAN 2005 corpora, ``yuikns/icwb2-data`` ``testing/pku_test.utf8``,
  research use only).

A **real page** is an article's first 6 to 24 sentences (or all of them), laid out in lines of
one to four sentences.  A **pasted page** is 6 to 16 sentences of other texts of the same kind,
taken in runs of one to three consecutive sentences of one text (a doorway builder copies a
sentence or two at a time), laid out the same way.  Each page's features are
:func:`pagewash.transforms.quality.pasted_page.page_features` (the spam stage's sentence measures
averaged over the page, rarity from wordfreq as at run time).  A logistic regression (numpy,
full-batch gradient descent, L2: :func:`tools.train_pasted_model.fit`); the threshold is the
lowest probability at which at most ``--max-fpr`` of the training part's real pages would be
taken for pasted ones (the model taken alone); the figures at 0.5, the point the quality filter
uses where a commercial-name title is the other piece of evidence, are recorded too.  Weights, threshold and the measured figures go to
``transforms/quality/data/pasted_page_model.json``::

    ./run_local.sh tools train-pasted-page --source SOURCES
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from pagewash.transforms.quality.pasted_page import MIN_SENTENCES, MODEL_FILE, PAGE_FEATURES, page_features
from tools.evalset.build_spam_eval_c import load_pku_articles
from tools.evalset.material import Article, load_cmrc_articles, nfkc, split_sentences
from tools.paths import REPO_ROOT
from tools.train_pasted_model import (CMRC_FILE, NEWS_FOLDERS, PKU_FILE, fit, held_out, load_real_articles,
                                      probabilities, threshold_for)

MAX_FPR = 0.002
SEED = 20
PAGES_PER_ARTICLE = 2  # each article gives two real pages (different lengths and layouts) ...
PASTED_PER_ARTICLE = 2  # ... and the kind's pool two pasted pages per article
SOURCES_FITTED = {
    "wiki": "ymcui/cmrc2018 squad-style-data/cmrc2018_dev.json (CC-BY-SA-4.0)",
    "news": "SogouCS/SogouCA samples, folders sogoucs_smarty and sogouca_smarty of tools/evalset/real_text_sources.py "
            "(Sogou Lab data licence)",
}
SOURCES_MEASURED = {
    "pku": "yuikns/icwb2-data testing/pku_test.utf8 (SIGHAN 2005, research use only)",
}


def _sentences(article: Article) -> List[str]:
    return [s for p in article.paras for s in split_sentences(nfkc(p)) if s.strip()]


def _lay_out(sentences: Sequence[str], rng: random.Random) -> List[str]:
    """Lines of one to four sentences."""
    lines: List[str] = []
    i = 0
    while i < len(sentences):
        k = rng.randint(1, 4)
        lines.append("".join(sentences[i:i + k]))
        i += k
    return lines


def real_page(article: Article, rng: random.Random) -> List[str]:
    sents = _sentences(article)
    if rng.random() < 0.7:
        sents = sents[:rng.randint(6, 24)]
    return _lay_out(sents, rng)


def pasted_page(pool: Sequence[Sequence[str]], rng: random.Random) -> List[str]:
    size = rng.randint(6, 16)
    out: List[str] = []
    used = set()
    while len(out) < size:
        t = rng.randrange(len(pool))
        if t in used or not pool[t]:
            continue
        used.add(t)
        run = rng.choice((1, 1, 2, 3))
        start = rng.randrange(len(pool[t]))
        out.extend(pool[t][start:start + run])
    return _lay_out(out[:size], rng)


def kind_examples(articles: Sequence[Article], rng: random.Random) -> Tuple[List[List[float]], List[int]]:
    pool = [_sentences(a) for a in articles]
    xs: List[List[float]] = []
    ys: List[int] = []
    for a in articles:
        pages = [(real_page(a, rng), 0) for _ in range(PAGES_PER_ARTICLE)]
        pages += [(pasted_page(pool, rng), 1) for _ in range(PASTED_PER_ARTICLE)]
        for lines, label in pages:
            f = page_features(lines)
            if f is None:
                continue
            xs.append([f[k] for k in PAGE_FEATURES])
            ys.append(label)
    return xs, ys


def measure(p: np.ndarray, y: np.ndarray, threshold: float) -> Dict[str, float]:
    real, pasted = p[y == 0], p[y == 1]
    return {"real_pages": int(len(real)), "pasted_pages": int(len(pasted)),
            "real_taken": float(round(float((real >= threshold).mean()) if len(real) else 0.0, 4)),
            "pasted_found": float(round(float((pasted >= threshold).mean()) if len(pasted) else 0.0, 4))}


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", required=True, type=Path, help="the raw material folder (prepare_sources.py)")
    ap.add_argument("--max-fpr", type=float, default=MAX_FPR)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--out", type=Path, default=Path(REPO_ROOT) / "transforms" / "quality" / "data" / MODEL_FILE)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    kinds = {"wiki": load_cmrc_articles(args.source.joinpath(*CMRC_FILE)),
             "news": load_real_articles(args.source, NEWS_FOLDERS, "news", MIN_SENTENCES)}
    x_train: List[List[float]] = []
    y_train: List[int] = []
    held: Dict[str, Tuple[np.ndarray, np.ndarray]] = {}
    for kind, arts in sorted(kinds.items()):
        xs, ys = kind_examples([a for a in arts if not held_out(a.key)], rng)
        x_train += xs
        y_train += ys
        hx, hy = kind_examples([a for a in arts if held_out(a.key)], rng)
        held[kind] = (np.asarray(hx, dtype=float), np.asarray(hy, dtype=float))
    pku = load_pku_articles(args.source.joinpath(*PKU_FILE))
    hx, hy = kind_examples(pku, rng)
    held["pku"] = (np.asarray(hx, dtype=float), np.asarray(hy, dtype=float))
    x, y = np.asarray(x_train, dtype=float), np.asarray(y_train, dtype=float)
    w, b = fit(x, y)
    threshold = threshold_for(probabilities(x, w, b), y, args.max_fpr)
    record = {
        "features": list(PAGE_FEATURES),
        "weights": {k: round(float(v), 6) for k, v in zip(PAGE_FEATURES, w)},
        "bias": round(float(b), 6),
        "threshold": round(threshold, 6),
        "min_sentences": MIN_SENTENCES,
        "trained_by": "tools/train_pasted_page_model.py",
        "fitted_on": SOURCES_FITTED,
        "measured_on": SOURCES_MEASURED,
        "max_fpr": args.max_fpr,
        "seed": args.seed,
        "train": measure(probabilities(x, w, b), y, threshold),
        "held_out": {k: measure(probabilities(hx, w, b), hy, threshold) for k, (hx, hy) in sorted(held.items())},
        # the decision point the quality filter uses under a commercial-name title (doorway_page)
        "at_even_odds": {"train": measure(probabilities(x, w, b), y, 0.5),
                         **{k: measure(probabilities(hx, w, b), hy, 0.5) for k, (hx, hy) in sorted(held.items())}},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps({k: record[k] for k in ("threshold", "train", "held_out", "at_even_odds")}, ensure_ascii=False,
                     indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
