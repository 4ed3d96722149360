"""Trains the pasted-sentence model of the spam cleaner (``transforms/spam/coherence.py``).

Training pages are built from real text, never from the frozen test part's sources: Chinese
Wikipedia articles of CMRC 2018 (``ymcui/cmrc2018``, ``squad-style-data/cmrc2018_dev.json``,
CC-BY-SA-4.0; the raw material folder of ``tools/evalset/prepare_sources.py``).  Each article
becomes a page (its title, then its paragraphs); on most pages one to three sentences of
*other* articles are pasted between two sentences of a paragraph or as an extra paragraph.
Every sentence of every page is one example (pasted or not) with the features of
:func:`pagewash.transforms.spam.coherence.sentence_features`; character rarity comes from
wordfreq, as at run time.

Articles are split by a hash of their id: a fifth is held out (its pages, and the sentences
pasted into them, come only from held-out articles) and measured before the model is used
anywhere else.

The model is also measured, never fitted, on pages of other kinds (``held_out_by_page_kind``):
news as host and as pasted text (People's Daily articles of January 2001, the PKU test text of
the SIGHAN 2005 segmentation corpora, ``yuikns/icwb2-data`` ``testing/pku_test.utf8``, and the
MSR test text of the same corpora, ``testing/msr_test.utf8``; their terms allow research use
only, so nothing shipped is fitted to them): news into news, encyclopaedia into news and news into
encyclopaedia, beside the held-out encyclopaedia pages; on a quarter of these pages only the
article's first four to eight sentences (a short item; ``/short``: fewer than
``MIN_PAGE_SENTENCES`` sentences, pages the cleaner judges only at ``SHORT_PAGE_THRESHOLD``).  The model is a logistic regression fitted with numpy (full-batch gradient
descent, L2); the threshold is the lowest probability at which at most ``--max-fpr`` of the
training part's own sentences would be cut.  The weights, the threshold and the measured
figures go to ``transforms/spam/data/pasted_sentence_model.json``.

    .venv/bin/python -m tools.train_pasted_model --source /data/evalsets/sources
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from pagewash.transforms.spam.coherence import (FEATURES, MIN_PAGE_SENTENCES, MODEL_FILE, SHORT_PAGE_THRESHOLD, Rarity,
                                                judged, page_sentences, sentence_features)
from pagewash.transforms.spam.lexicon import lexicon
from pagewash.transforms.spam.sources import TRAINED_MODELS

from tools.evalset.build_spam_eval_c import load_msr_sentences, load_pku_articles
from tools.evalset.material import Article, load_cmrc_articles, nfkc, split_sentences, stable_hash
from tools.paths import REPO_ROOT

CMRC_FILE = ("cmrc2018", "squad-style-data", "cmrc2018_dev.json")
PKU_FILE = ("icwb2", "testing", "pku_test.utf8")
MSR_FILE = ("icwb2", "testing", "msr_test.utf8")
SHORT_PAGE_RATE = 0.25  # share of the pages of other kinds cut to their first few sentences
PAGES_PER_ARTICLE = 3  # each article is hijacked three times, with different pasted sentences
LONE_SENTENCE_RATE = 0.3  # share of an article's paragraphs that get one sentence set apart on its own line
SOURCE_NAME = TRAINED_MODELS["pasted_sentence"]["training_text"]


def build_page(article: Article, foreign: Sequence[str], rng: random.Random,
               other_kinds: bool = False) -> Tuple[List[str], set]:
    """The page's lines and the pasted sentences in it.  ``other_kinds`` (the pages measured
    apart): some pages are cut to their first few sentences, and no sentence of the article itself
    counts as pasted."""
    source = [nfkc(p) for p in article.paras]
    if other_kinds and rng.random() < SHORT_PAGE_RATE:
        first = [s for p in source for s in split_sentences(p)][:rng.randint(4, 8)]
        source = ["".join(first[i:i + 2]) for i in range(0, len(first), 2)]
    own = "".join(nfkc(p) for p in article.paras)
    paras: List[str] = []
    for p in source:
        sents = split_sentences(p)
        # real pages have one-sentence paragraphs too: a sentence alone on its line is no proof
        if len(sents) >= 2 and rng.random() < LONE_SENTENCE_RATE:
            k = rng.randrange(len(sents))
            paras.extend(x for x in ("".join(sents[:k]), sents[k], "".join(sents[k + 1:])) if x)
        else:
            paras.append(p)
    pasted: set = set()
    if rng.random() < 0.75 and foreign:
        for _ in range(rng.choice((1, 1, 2, 3))):
            s = nfkc(rng.choice(foreign))
            k = rng.randrange(len(paras))
            if other_kinds and s in own:
                continue
            if rng.random() < 0.5:
                sents = split_sentences(paras[k])
                cut = rng.randrange(len(sents) + 1)
                paras[k] = "".join(sents[:cut] + [s] + sents[cut:])
            else:
                paras.insert(k + rng.randrange(2), s)
            pasted.add(s)
    return [nfkc(article.title)] + paras, pasted


def examples(articles: Sequence[Article], foreign: Sequence[str], seed: int) -> Tuple[np.ndarray, np.ndarray]:
    rng = random.Random(seed)
    rarity = Rarity(lexicon().zipf)
    xs: List[List[float]] = []
    ys: List[int] = []
    for article in [a for _ in range(PAGES_PER_ARTICLE) for a in articles]:
        lines, pasted = build_page(article, foreign, rng)
        sentences = page_sentences(lines, lambda i: True)
        sentences = [s for s in sentences if s.line != 0]
        if len(sentences) < 4:
            continue
        for s, f in zip(sentences, sentence_features(sentences, lines[0], rarity)):
            if not judged(s.text):
                continue
            xs.append([f[k] for k in FEATURES])
            ys.append(1 if s.text.strip() in pasted else 0)
    return np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)


def kind_examples(hosts: Dict[str, Sequence[Article]], foreign: Dict[str, Sequence[str]],
                  seed: int) -> Tuple[np.ndarray, np.ndarray, List[str]]:
    """The pages of other kinds: every host article of every kind three times, each time with
    sentences of a kind drawn at random.  Features, labels and each example's page kind
    (``host<-pasted``, ``/short`` when the page has fewer than ``MIN_PAGE_SENTENCES`` sentences)."""
    rng = random.Random(seed)
    rarity = Rarity(lexicon().zipf)
    xs: List[List[float]] = []
    ys: List[int] = []
    kinds: List[str] = []
    for host in sorted(hosts):
        for article in [a for _ in range(PAGES_PER_ARTICLE) for a in hosts[host]]:
            pasted_kind = rng.choice(sorted(foreign))
            lines, pasted = build_page(article, foreign[pasted_kind], rng, other_kinds=True)
            sentences = [s for s in page_sentences(lines, lambda i: True) if s.line != 0]
            if len(sentences) < 4:
                continue
            kind = f"{host}<-{pasted_kind}" + ("/short" if len(sentences) < MIN_PAGE_SENTENCES else "")
            for s, f in zip(sentences, sentence_features(sentences, lines[0], rarity)):
                if judged(s.text):
                    xs.append([f[k] for k in FEATURES])
                    ys.append(1 if s.text.strip() in pasted else 0)
                    kinds.append(kind)
    return np.asarray(xs, dtype=float), np.asarray(ys, dtype=float), kinds


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 6000, rate: float = 1.0) -> Tuple[np.ndarray, float]:
    """Logistic regression on standardised features; the weights returned apply to the raw ones."""
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = (x - mean) / std
    w = np.zeros(x.shape[1])
    b = 0.0
    n = len(y)
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(z @ w + b)))
        g = p - y
        w -= rate * (z.T @ g / n + l2 * w)
        b -= rate * float(g.mean())
    return w / std, b - float((w * mean / std).sum())


def probabilities(x: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x @ w + b)))


def threshold_for(p: np.ndarray, y: np.ndarray, max_fpr: float) -> float:
    negatives = np.sort(p[y == 0])[::-1]
    k = int(max_fpr * len(negatives))
    return float(negatives[k]) + 1e-6 if k < len(negatives) else 0.5


def measure(p: np.ndarray, y: np.ndarray, threshold: float) -> Dict[str, float]:
    cut = p >= threshold
    tp = int((cut & (y == 1)).sum())
    fp = int((cut & (y == 0)).sum())
    pos = int((y == 1).sum())
    neg = int((y == 0).sum())
    return {"pasted": pos, "own": neg, "recall": round(tp / max(pos, 1), 3),
            "precision": round(tp / max(tp + fp, 1), 3), "own_cut_rate": round(fp / max(neg, 1), 4)}


def measure_by_kind(p: np.ndarray, y: np.ndarray, kinds: Sequence[str], threshold: float) -> Dict[str, Dict[str, float]]:
    rows: Dict[str, List[int]] = defaultdict(list)
    for i, kind in enumerate(kinds):
        rows[kind].append(i)
        rows["(short pages)" if kind.endswith("/short") else "(judged pages)"].append(i)
    return {kind: measure(p[idx], y[idx], threshold) for kind, idx in sorted(rows.items())}


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="tools.train_pasted_model", description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", required=True, help="the raw material folder (tools/evalset/prepare_sources.py)")
    parser.add_argument("--out", default=str(Path(REPO_ROOT) / "transforms" / "spam" / "data" / MODEL_FILE))
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--max-fpr", type=float, default=0.006, help="share of an article's own sentences the threshold may cut")
    args = parser.parse_args(argv)
    articles = load_cmrc_articles(Path(args.source).joinpath(*CMRC_FILE))
    held = [a for a in articles if stable_hash(a.key) % 5 == 0]
    train = [a for a in articles if stable_hash(a.key) % 5 != 0]

    def sentences_of(arts: Sequence[Article]) -> List[str]:
        return [s for a in arts for p in a.paras for s in split_sentences(p) if 12 <= len(s) <= 80]

    # a page's pasted sentences come from the other articles of its own part
    x_train, y_train = examples(train, sentences_of(train), args.seed)
    x_held, y_held = examples(held, sentences_of(held), args.seed + 1)
    news = load_pku_articles(Path(args.source).joinpath(*PKU_FILE))
    news_sentences = sentences_of(news) + [s for s in load_msr_sentences(Path(args.source).joinpath(*MSR_FILE))
                                           if 12 <= len(s) <= 80]
    x_kinds, y_kinds, kinds = kind_examples({"wiki": held, "news": news},
                                            {"wiki": sentences_of(held), "news": news_sentences}, args.seed + 2)
    w, b = fit(x_train, y_train)
    threshold = threshold_for(probabilities(x_train, w, b), y_train, args.max_fpr)
    report = {"train": measure(probabilities(x_train, w, b), y_train, threshold),
              "held_out": measure(probabilities(x_held, w, b), y_held, threshold),
              "held_out_by_page_kind": measure_by_kind(probabilities(x_kinds, w, b), y_kinds, kinds, threshold)}
    short = np.array([kind.endswith("/short") for kind in kinds], dtype=bool)
    report["held_out_short_pages_at_short_page_threshold"] = measure(
        probabilities(x_kinds, w, b)[short], y_kinds[short], max(threshold, SHORT_PAGE_THRESHOLD))
    model = {
        "model": "logistic regression over sentence features (transforms/spam/coherence.py)",
        "source": SOURCE_NAME,
        "trained_by": "tools/train_pasted_model.py --seed %d --max-fpr %g" % (args.seed, args.max_fpr),
        "articles": {"train": len(train), "held_out": len(held), "news_measured_only": len(news)},
        "features": list(FEATURES),
        "weights": {k: round(float(v), 5) for k, v in zip(FEATURES, w)},
        "bias": round(b, 5),
        "threshold": round(threshold, 5),
        "measured": report,
    }
    Path(args.out).write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(model, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
