"""Trains the pasted-sentence model of the spam cleaner (``transforms/spam/coherence.py``).

The shipped model is fitted on pages built from real text of four kinds (``--kinds``, default
:data:`TRAINING_KINDS`), never from ``test5``'s sources (the CEC reports and CLTS articles) nor the
frozen parts': Chinese Wikipedia articles of CMRC 2018 (``wiki``: ``ymcui/cmrc2018``,
``squad-style-data/cmrc2018_dev.json``, CC-BY-SA-4.0), Sohu and SogouCA news pages (``news``:
``sogoucs_smarty``, ``sogouca_smarty``, Sogou Lab data licence, research use), Sina Weibo posts
(``post``: ``ced_weibo``, ``thunlp/Chinese_Rumor_Dataset``, with shopping reviews as pasted text:
``shop_reviews``, ``SophonPlus/ChineseNlpCorpus``) and People's Daily news (``pku``: the PKU test
text of the SIGHAN 2005 segmentation corpora, ``yuikns/icwb2-data`` ``testing/pku_test.utf8``, with
the MSR test text ``testing/msr_test.utf8`` as pasted text too; research use only) — the folders of
``tools/evalset/prepare_sources.py`` and ``tools/evalset/real_text_sources.py``.  Each article
becomes a page (its title, then its paragraphs; ``--short-rate`` of them, a quarter by default, cut
to their first four to eight sentences, a short news item); on most pages one to three sentences of
*other* texts (of a kind drawn at random) are pasted between two sentences of a paragraph or as an
extra paragraph.  Every sentence of every page is one example (pasted or not) with the features of
:func:`pagewash.transforms.spam.coherence.sentence_features` (the topic measures use the shipped
topic vectors, ``tools/train_topic_vectors.py``) and
:func:`~pagewash.transforms.spam.coherence.word_features` (jieba's cut of the spam lexicon);
character and word rarity come from wordfreq, as at run time.  Two models are fitted
(:func:`fit_cascade`): the gate over :data:`FEATURES` on every sentence, its threshold the
probability that lets ``--gate-recall`` of the training part's pasted sentences through; then the
final model over :data:`ALL_FEATURES` on the sentences the gate passes.  ``--block-rate`` makes
that share of the pastes two or three consecutive sentences of one foreign text (measured, not
shipped: docs/SPAM.md, seventh round).

Texts are split by a hash of their id: a fifth of every source is held out (its pages, and the
sentences pasted into them, come only from held-out texts) and measured before the model is used
anywhere else.

The model is also measured on the held-out pages of every kind apart (``held_out_by_page_kind``,
``host<-pasted``; a quarter of them short, ``/short``: fewer than ``MIN_PAGE_SENTENCES`` sentences,
pages the cleaner judges only at ``SHORT_PAGE_THRESHOLD``), among them news reports of the Chinese
Emergency Corpus, never fitted on (``event``: ``shijiebei2009/CEC-Corpus``, ``CEC/<kind>/*.xml``,
no licence file).  ``--features`` fits on a subset of :data:`ALL_FEATURES` (the model file names
the ones it uses).

``--part <set>`` (repeatable; measured, not shipped: docs/SPAM.md, tenth round) also fits on the
pages of a labelled part as they reach the detector (``tools/evalset/pasted_pages.py``: every
sentence the detector judges, pasted or the article's own, weighted ``--part-weight``) and writes
``measured.leave_one_part_out``: each part judged by ``find_pasted`` with the model fitted without
it and with the model of the generated pages alone.

Each model is a logistic regression fitted with numpy (full-batch gradient descent, L2); the
final threshold is the lowest probability at which at most ``--max-fpr`` of the training part's own
sentences would be cut (those the gate stops count as not cut).  The weights, the threshold and the measured figures go to
``transforms/spam/data/pasted_sentence_model.json``::

    .venv/bin/python -m tools.train_pasted_model --source /data/evalsets/sources
"""
from __future__ import annotations

import argparse
from xml.etree import ElementTree
import json
import re
import random
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from pagewash.transforms.spam.coherence import (ALL_FEATURES, FEATURES, MIN_PAGE_SENTENCES, MODEL_FILE,
                                                SHORT_PAGE_THRESHOLD, Model, Rarity, judged, judging, page_sentences,
                                                sentence_features, word_features)
from pagewash.transforms.spam.lexicon import lexicon
from pagewash.transforms.spam.sources import TRAINED_MODELS

from tools.evalset.build_spam_eval_c import load_msr_sentences, load_pku_articles
from tools.evalset.pasted_pages import ReachedPage, measure as measure_detector, reached_pages
from tools.evalset.material import Article, group_paragraphs, load_cmrc_articles, nfkc, split_sentences, stable_hash
from tools.paths import REPO_ROOT

CMRC_FILE = ("cmrc2018", "squad-style-data", "cmrc2018_dev.json")
PKU_FILE = ("icwb2", "testing", "pku_test.utf8")
MSR_FILE = ("icwb2", "testing", "msr_test.utf8")
CEC_FOLDER = ("cec", "CEC")
SHORT_PAGE_RATE = 0.25  # share of the pages of other kinds cut to their first few sentences
PAGES_PER_ARTICLE = 3  # each article is hijacked three times, with different pasted sentences
LONE_SENTENCE_RATE = 0.3  # share of an article's paragraphs that get one sentence set apart on its own line
MAX_FPR = 0.006  # share of the training part's own sentences the final threshold may cut (--max-fpr)
TRAIN_SHORT_PAGE_RATE = 0.25  # share of the fitted pages cut to their first few sentences (--short-rate)
BLOCK_RATE = 0.0  # share of the pastes that are two or three consecutive sentences of one foreign text (--block-rate)
PART_WEIGHT = 1.0  # weight of a labelled part's row against a generated page's (--part-weight)
GATE_RECALL = 0.97  # share of the training part's pasted sentences the first stage lets through
SOURCE_NAME = TRAINED_MODELS["pasted_sentence"]["training_text"]
NEWS_FOLDERS = ("sogoucs_smarty", "sogouca_smarty")
POST_FOLDER, REVIEW_FOLDER = "ced_weibo", "shop_reviews"
MIN_HOST_SENTENCES = 5
# a sentence of a crawled text that lost its encoding (GB18030 read as another charset) or its markup
_BROKEN = re.compile(r"[?\ufffd\u0080-\u00ff#@\[\]【】<>|]")


def _docs(path: Path) -> List[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def _clean_sentences(text: str) -> List[str]:
    return [s for s in split_sentences(nfkc(text)) if not _BROKEN.search(s) and s[-1:] in "。!?"]


def load_real_articles(source: Path, folders: Sequence[str], kind: str, min_sentences: int) -> List[Article]:
    """Hosts of crawled text: each document with ``min_sentences`` clean sentences or more, its
    sentences grouped into paragraphs of about 150 characters; the title is the document's own
    (news) or its first sentence (a post)."""
    out: List[Article] = []
    for folder in folders:
        for d in _docs(source / folder / "docs.jsonl"):
            sents = _clean_sentences(d["text"])
            title = nfkc(d.get("title") or "").strip()
            if not title and sents:
                title, sents = sents[0], sents[1:]
            if len(sents) < min_sentences:
                continue
            out.append(Article(f"{folder}:{d['id']}", title, tuple(group_paragraphs(sents, 150)),
                               f"{folder}/docs.jsonl#{d['id']}", "zh"))
    return out


def load_cec_articles(folder: Path) -> List[Article]:
    """News reports of the Chinese Emergency Corpus (``shijiebei2009/CEC-Corpus``, ``CEC/<kind>/*.xml``:
    earthquakes, fires, traffic accidents, attacks, food poisoning): the title and the text of each
    ``<Paragraph>`` (its event markup dropped)."""
    out: List[Article] = []
    for path in sorted(folder.glob("*/*.xml")):
        try:
            root = ElementTree.parse(path).getroot()
        except ElementTree.ParseError:
            continue
        title = nfkc("".join(root.findtext("Title") or "")).strip()
        paras = [re.sub(r"\s+", "", nfkc("".join(p.itertext()))) for p in root.iter("Paragraph")]
        sents = [x for p in paras for x in _clean_sentences(p)]
        if len(sents) >= MIN_HOST_SENTENCES:
            key = f"cec:{path.parent.name}/{path.stem}"
            out.append(Article(key, title, tuple(group_paragraphs(sents, 150)), f"CEC/{path.parent.name}/{path.name}", "zh"))
    return out


def held_out(key: str) -> bool:
    """A fifth of every source's texts, by hash, is held out."""
    return stable_hash(key) % 5 == 0


def load_real_sentences(source: Path, folders: Sequence[str], held: bool) -> List[str]:
    """Pasted-sentence material of crawled text: the sentences of the held-out documents or of
    the others."""
    return [s for folder in folders for d in _docs(source / folder / "docs.jsonl")
            if held_out(f"{folder}:{d['id']}") == held for s in _clean_sentences(d["text"]) if 12 <= len(s) <= 80]


def build_page(article: Article, foreign: Sequence[str], rng: random.Random,
               other_kinds: bool = False, block_rate: float = BLOCK_RATE,
               short_rate: Optional[float] = None) -> Tuple[List[str], set]:
    """The page's lines and the pasted sentences in it.  ``short_rate`` of the pages (default:
    :data:`SHORT_PAGE_RATE` on the pages measured apart, ``other_kinds``, none on the others) are
    cut to their first four to eight sentences (a short news item); on the pages measured apart
    no sentence of the article itself counts as pasted."""
    source = [nfkc(p) for p in article.paras]
    if short_rate is None:
        short_rate = SHORT_PAGE_RATE if other_kinds else 0.0
    if short_rate and rng.random() < short_rate:
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
            # one sentence, or (BLOCK_RATE) two or three consecutive sentences of one foreign text
            first = rng.randrange(len(foreign))
            size = rng.choice((2, 2, 3)) if rng.random() < block_rate else 1
            block = [nfkc(x) for x in foreign[first:first + size]]
            if any(x in own for x in block):
                continue
            k = rng.randrange(len(paras))
            if rng.random() < 0.5:
                sents = split_sentences(paras[k])
                cut = rng.randrange(len(sents) + 1)
                paras[k] = "".join(sents[:cut] + block + sents[cut:])
            else:
                paras.insert(k + rng.randrange(2), "".join(block))
            pasted.update(block)
    return [nfkc(article.title)] + paras, pasted


def kind_examples(hosts: Dict[str, Sequence[Article]], foreign: Dict[str, Sequence[str]], seed: int,
                  other_kinds: bool, pages: Optional[Dict[str, int]] = None, block_rate: float = BLOCK_RATE,
                  short_rate: Optional[float] = None) -> Tuple[np.ndarray, np.ndarray, List[str]]:
    """Every host article of every kind ``pages[kind]`` times (default :data:`PAGES_PER_ARTICLE`),
    each time with sentences of a kind drawn at random.  Features (every one of :data:`FEATURES`),
    labels and each example's page kind (``host<-pasted``, ``/short`` when the page has fewer than
    ``MIN_PAGE_SENTENCES`` sentences)."""
    rng = random.Random(seed)
    rarity = Rarity(lexicon().zipf)
    words = lexicon().words
    xs: List[List[float]] = []
    ys: List[int] = []
    kinds: List[str] = []
    for host in sorted(hosts):
        repeat = (pages or {}).get(host, PAGES_PER_ARTICLE)
        for article in [a for _ in range(repeat) for a in hosts[host]]:
            pasted_kind = rng.choice(sorted(foreign))
            lines, pasted = build_page(article, foreign[pasted_kind], rng, other_kinds=other_kinds,
                                       block_rate=block_rate, short_rate=short_rate)
            sentences = [s for s in page_sentences(lines, lambda i: True) if s.line != 0]
            if len(sentences) < 4:
                continue
            kind = f"{host}<-{pasted_kind}" + ("/short" if len(sentences) < MIN_PAGE_SENTENCES else "")
            joined = "\x00".join(s.text for s in sentences)
            for j, (s, f) in enumerate(zip(sentences, sentence_features(sentences, lines[0], rarity))):
                if judged(s.text):
                    f.update(word_features(sentences, j, lines[0], words, lexicon().zipf, joined))
                    xs.append([f[k] for k in ALL_FEATURES])
                    ys.append(1 if s.text.strip() in pasted else 0)
                    kinds.append(kind)
    return np.asarray(xs, dtype=float), np.asarray(ys, dtype=float), kinds


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 6000, rate: float = 1.0,
        weight: Optional[np.ndarray] = None) -> Tuple[np.ndarray, float]:
    """Logistic regression on standardised features (``weight``: each row's weight, 1 by default);
    the weights returned apply to the raw ones."""
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = (x - mean) / std
    w = np.zeros(x.shape[1])
    b = 0.0
    if weight is None:
        n = len(y)
        for _ in range(steps):
            p = 1.0 / (1.0 + np.exp(-(z @ w + b)))
            g = p - y
            w -= rate * (z.T @ g / n + l2 * w)
            b -= rate * float(g.mean())
    else:
        total = float(weight.sum())
        for _ in range(steps):
            p = 1.0 / (1.0 + np.exp(-(z @ w + b)))
            g = (p - y) * weight
            w -= rate * (z.T @ g / total + l2 * w)
            b -= rate * float(g.sum() / total)
    return w / std, b - float((w * mean / std).sum())


def probabilities(x: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x @ w + b)))


def threshold_for(p: np.ndarray, y: np.ndarray, max_fpr: float) -> float:
    negatives = np.sort(p[y == 0])[::-1]
    k = int(max_fpr * len(negatives))
    return float(negatives[k]) + 1e-6 if k < len(negatives) else 0.5


def gate_for(p: np.ndarray, y: np.ndarray, recall: float) -> float:
    """The highest probability that lets ``recall`` of the pasted sentences through."""
    positives = np.sort(p[y == 1])
    k = int((1.0 - recall) * len(positives))
    return float(positives[k]) - 1e-6 if len(positives) else 0.0


@dataclass(frozen=True)
class Cascade:
    gate_w: np.ndarray  # over the gate's columns
    gate_b: float
    gate: float
    w: np.ndarray  # over every column
    b: float

    def probabilities(self, x: np.ndarray, gate_columns: Sequence[int]) -> np.ndarray:
        """The final probability of every row, 0 where the gate stops it."""
        passed = probabilities(x[:, gate_columns], self.gate_w, self.gate_b) >= self.gate
        return np.where(passed, probabilities(x, self.w, self.b), 0.0)


def fit_cascade(x: np.ndarray, y: np.ndarray, gate_columns: Sequence[int], recall: float,
                weight: Optional[np.ndarray] = None) -> Cascade:
    """The gate over ``gate_columns`` (every row), then the final model over every column on
    the rows the gate lets through (``weight``: each row's weight in both fits)."""
    gate_w, gate_b = fit(x[:, gate_columns], y, weight=weight)
    gate = gate_for(probabilities(x[:, gate_columns], gate_w, gate_b), y, recall)
    passed = probabilities(x[:, gate_columns], gate_w, gate_b) >= gate
    w, b = fit(x[passed], y[passed], weight=None if weight is None else weight[passed])
    return Cascade(gate_w, gate_b, gate, w, b)


def as_model(cascade: Cascade, threshold: float, names: Sequence[str], gate_names: Sequence[str]) -> Model:
    """The cascade as the cleaner's :class:`~pagewash.transforms.spam.coherence.Model` (rounded as
    the model file stores it)."""
    return Model(weights={k: round(float(v), 5) for k, v in zip(names, cascade.w)}, bias=round(cascade.b, 5),
                 threshold=round(threshold, 5),
                 gate_weights={k: round(float(v), 5) for k, v in zip(gate_names, cascade.gate_w)},
                 gate_bias=round(cascade.gate_b, 5), gate=round(cascade.gate, 5))


def part_examples(pages: Sequence["ReachedPage"]) -> Tuple[np.ndarray, np.ndarray]:
    """The rows of the pages of a labelled part as they reach the detector: every sentence the
    detector judges on its first pass (:func:`~pagewash.transforms.spam.coherence.judging`), pasted
    (a family-5 gold string) or the article's own; sentences of other gold spam are left out."""
    rarity = Rarity(lexicon().zipf)
    words = lexicon().words
    xs: List[List[float]] = []
    ys: List[int] = []
    for page in pages:
        j = judging(list(page.lines), lambda i: page.kept[i], page.title)
        if j is None:
            continue
        joined = "\x00".join(s.text for s in j.sentences)
        feats = sentence_features(j.sentences, j.head, rarity, only=j.candidates)
        for k in j.candidates:
            label = page.label(j.sentences[k].text)
            if label == "spam":
                continue
            f = feats[k]
            f.update(word_features(j.sentences, k, j.head, words, lexicon().zipf, joined))
            xs.append([f[name] for name in ALL_FEATURES])
            ys.append(1 if label == "pasted" else 0)
    return np.asarray(xs, dtype=float).reshape(-1, len(ALL_FEATURES)), np.asarray(ys, dtype=float)


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


TRAINING_KINDS = ("wiki", "news", "post", "pku")  # the hosts fitted on by default (the shipped model); event is measured only
POST_PAGES = 1  # posts are many and short: each hosts one page


def material(source: Path) -> Tuple[Dict[str, Dict[str, List[Article]]], Dict[str, Dict[str, List[str]]]]:
    """Hosts and pasted-sentence material of every kind, in two parts: ``train`` and ``held``."""
    def sentences_of(arts: Sequence[Article]) -> List[str]:
        return [s for a in arts for p in a.paras for s in split_sentences(p) if 12 <= len(s) <= 80]

    by_kind = {"wiki": load_cmrc_articles(source.joinpath(*CMRC_FILE)),
               "news": load_real_articles(source, NEWS_FOLDERS, "news", MIN_HOST_SENTENCES),
               "post": load_real_articles(source, (POST_FOLDER,), "post", MIN_HOST_SENTENCES),
               "pku": load_pku_articles(source.joinpath(*PKU_FILE)),
               "event": load_cec_articles(source.joinpath(*CEC_FOLDER))}
    msr = [s for s in load_msr_sentences(source.joinpath(*MSR_FILE)) if 12 <= len(s) <= 80]
    hosts: Dict[str, Dict[str, List[Article]]] = {"train": {}, "held": {}}
    foreign: Dict[str, Dict[str, List[str]]] = {"train": {}, "held": {}}
    for kind, arts in by_kind.items():
        for part, held in (("train", False), ("held", True)):
            hosts[part][kind] = [a for a in arts if held_out(a.key) == held]
            if kind in ("wiki", "event", "pku"):
                foreign[part][kind] = sentences_of(hosts[part][kind])
            else:
                foreign[part][kind] = load_real_sentences(source, NEWS_FOLDERS if kind == "news" else (POST_FOLDER,), held)
    for part, held in (("train", False), ("held", True)):
        foreign[part]["review"] = load_real_sentences(source, (REVIEW_FOLDER,), held)
        # People's Daily pages are pasted with People's Daily and MSR sentences (SIGHAN 2005 texts of two papers)
        foreign[part]["pku"] = foreign[part]["pku"] + [x for x in msr if held_out(f"msr:{x}") == held]
    return hosts, foreign


def examples(source: Path, fitted: Sequence[str], seed: int, block_rate: float = BLOCK_RATE,
             short_rate: float = TRAIN_SHORT_PAGE_RATE) -> Tuple[np.ndarray, ...]:
    """The examples (every column of :data:`ALL_FEATURES`) of the training part, of the held-out
    part of the same kinds and of the held-out pages of every kind: ``x_train, y_train, x_held,
    y_held, x_kinds, y_kinds, kinds``."""
    hosts, foreign = material(source)
    pages = {"post": POST_PAGES}
    pasted_train = {k: v for k, v in foreign["train"].items() if k in fitted or k == "review" and "post" in fitted}
    x_train, y_train, _ = kind_examples({k: hosts["train"][k] for k in fitted}, pasted_train, seed, False, pages, block_rate,
                                        short_rate)
    pasted_held = {k: v for k, v in foreign["held"].items() if k in pasted_train}
    x_held, y_held, _ = kind_examples({k: hosts["held"][k] for k in fitted}, pasted_held, seed + 1, False, pages, block_rate,
                                      short_rate)
    x_kinds, y_kinds, kinds = kind_examples(hosts["held"], foreign["held"], seed + 2, True, pages, block_rate)
    return x_train, y_train, x_held, y_held, x_kinds, y_kinds, kinds


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="tools.train_pasted_model", description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", required=True, help="the raw material folder (tools/evalset/prepare_sources.py)")
    parser.add_argument("--out", default=str(Path(REPO_ROOT) / "transforms" / "spam" / "data" / MODEL_FILE))
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--max-fpr", type=float, default=MAX_FPR, help="share of an article's own sentences the threshold may cut")
    parser.add_argument("--kinds", default=",".join(TRAINING_KINDS), help="host kinds fitted on (wiki, news, post)")
    parser.add_argument("--features", default=",".join(ALL_FEATURES),
                        help="the features the final model is fitted on (the gate: those of them in FEATURES)")
    parser.add_argument("--gate-recall", type=float, default=GATE_RECALL,
                        help="share of the training part's pasted sentences the first stage lets through")
    parser.add_argument("--short-rate", type=float, default=TRAIN_SHORT_PAGE_RATE,
                        help="share of the fitted pages cut to their first four to eight sentences")
    parser.add_argument("--block-rate", type=float, default=BLOCK_RATE,
                        help="share of the pastes that are two or three consecutive sentences of one foreign text")
    parser.add_argument("--part", action="append", default=[],
                        help="a labelled part (gold.jsonl, pages/) whose pages as they reach the detector are fitted on too "
                             "(tools/evalset/pasted_pages.py) and measured left out (repeat)")
    parser.add_argument("--part-weight", type=float, default=PART_WEIGHT,
                        help="the weight of a part's row against a generated page's")
    args = parser.parse_args(argv)
    source = Path(args.source)
    fitted = [k for k in args.kinds.split(",") if k]
    names = [k for k in args.features.split(",") if k]
    columns = [ALL_FEATURES.index(k) for k in names]
    gate_names = [k for k in names if k in FEATURES]
    gate_columns = [names.index(k) for k in gate_names]
    x_train, y_train, x_held, y_held, x_kinds, y_kinds, kinds = examples(source, fitted, args.seed, args.block_rate,
                                                                         args.short_rate)
    x_train, x_held, x_kinds = x_train[:, columns], x_held[:, columns], x_kinds[:, columns]
    pages = {Path(p).name: reached_pages(Path(p)) for p in args.part}
    rows = {name: part_examples(pages[name]) for name in sorted(pages)}

    def fit_on(use: Sequence[str]) -> Tuple[Cascade, float]:
        """The cascade fitted on the generated pages and the rows of the parts ``use``, and its
        threshold (``--max-fpr`` of every own sentence fitted on)."""
        x = np.concatenate([x_train] + [rows[n][0][:, columns] for n in use])
        y = np.concatenate([y_train] + [rows[n][1] for n in use])
        weight = None
        if use and args.part_weight != 1.0:
            weight = np.concatenate([np.ones(len(y_train))] + [np.full(len(rows[n][1]), args.part_weight) for n in use])
        cascade = fit_cascade(x, y, gate_columns, args.gate_recall, weight)
        return cascade, threshold_for(cascade.probabilities(x, gate_columns), y, args.max_fpr)

    cascade, threshold = fit_on(sorted(rows))
    p_train = cascade.probabilities(x_train, gate_columns)
    p_held, p_kinds = cascade.probabilities(x_held, gate_columns), cascade.probabilities(x_kinds, gate_columns)
    report = {"train": measure(p_train, y_train, threshold),
              "held_out": measure(p_held, y_held, threshold),
              "held_out_by_page_kind": measure_by_kind(p_kinds, y_kinds, kinds, threshold)}
    short = np.array([kind.endswith("/short") for kind in kinds], dtype=bool)
    report["held_out_short_pages_at_short_page_threshold"] = measure(
        p_kinds[short], y_kinds[short], max(threshold, SHORT_PAGE_THRESHOLD))
    if pages:
        # every part judged by the model fitted without it, and by the model of the generated pages
        # alone (the detector as the cleaner runs it: find_pasted's passes and guards)
        generated = as_model(*fit_on([]), names, gate_names)
        report["leave_one_part_out"] = {}
        for name in sorted(pages):
            held = as_model(*fit_on([n for n in sorted(rows) if n != name]), names, gate_names)
            report["leave_one_part_out"][name] = {"fitted_without": measure_detector(pages[name], held),
                                                  "generated_pages_only": measure_detector(pages[name], generated)}
        print(json.dumps(report["leave_one_part_out"]), file=sys.stderr)
    hosts = material(source)[0]
    model = {
        "model": ("two logistic regressions over sentence features (transforms/spam/coherence.py): a gate over "
                  "the character measures, then the final model over those and the word measures"),
        "source": SOURCE_NAME,
        "trained_by": "tools/train_pasted_model.py --seed %d --max-fpr %g --gate-recall %g --block-rate %g --short-rate %g --kinds %s%s" % (
            args.seed, args.max_fpr, args.gate_recall, args.block_rate, args.short_rate, ",".join(fitted),
            "".join(" --part %s" % name for name in sorted(pages)) + (" --part-weight %g" % args.part_weight if pages else "")),
        "articles": {part: {k: len(v) for k, v in hosts[part].items()} for part in ("train", "held")},
        "features": names,
        "weights": {k: round(float(v), 5) for k, v in zip(names, cascade.w)},
        "bias": round(cascade.b, 5),
        "threshold": round(threshold, 5),
        "gate": {"features": gate_names, "weights": {k: round(float(v), 5) for k, v in zip(gate_names, cascade.gate_w)},
                 "bias": round(cascade.gate_b, 5), "threshold": round(cascade.gate, 5)},
        "measured": report,
    }
    if pages:
        model["parts"] = {name: {"pages": len(pages[name]), "rows": len(rows[name][1]), "pasted": int(rows[name][1].sum())}
                          for name in sorted(pages)}
    Path(args.out).write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(model, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
