"""Trains the injected-segment scorer of the spam cleaner (``transforms/spam/comma_model.py``).

Examples are the candidate segments (:func:`pagewash.transforms.spam.comma_model.candidates`, bare
noun phrases only) of real Chinese text, before and after names are injected between its commas:

* text (each document one page; its sentences NFKC-normalised): Chinese Wikipedia paragraphs of
  CMRC 2018 (``ymcui/cmrc2018`` ``squad-style-data/cmrc2018_dev.json``, CC-BY-SA-4.0); THUCNews Sina
  news (``thucnews``: ``cnews.val.txt``; ``thucfin``: ``cnews.test.txt``, ``cnews-b/cnews.val.txt``;
  research use); People's Daily and MSR text of the SIGHAN 2005 corpora (``yuikns/icwb2-data``
  ``testing/pku_test.utf8``, ``testing/msr_test.utf8``, research use only); Weibo posts (``thunlp/Chinese_Rumor_Dataset``, the ``ced_weibo`` folder of
  ``tools/evalset/real_text_sources.py``, research use) — the folders under ``--source`` named in
  :data:`TEXT_FOLDERS`, without the documents of the real-text precision probe;
* negatives: every candidate segment of that text as its authors wrote it (names, places,
  appositions, short clauses between commas, parts of real enumerations), and on some documents
  the name of a public body (a division before a noun of jieba's dictionary that ends in 委, 局,
  院..., no commercial head) set apart between commas as news writes them;
* positives: names *generated* from maintained data and injected after a comma of a sentence
  (:class:`NameMaker`): a stem — a person's or a proper name of jieba's dictionary (tags ``nr``,
  ``nz``), a division of cpca (full or short), two or three characters drawn from the names of
  jieba's dictionary, Latin letters or digits — before a commercial head of
  :mod:`pagewash.transforms.spam.sources` or stacked betting heads; or a county-level division on
  its own; or a division's name before one or two nouns or nominal verbs of jieba's dictionary
  (what a business offers, sometimes with a head after it); or a noun of jieba's dictionary before
  an advertising, loan or service head.  The name is set apart between commas, before a ``、``,
  before the sentence end or between spaces (:func:`inject`).

* mined (``PARTS``, the positional arguments): the injected names of labelled evaluation parts, each
  built by another generator, and the candidates of their gold articles as negatives
  (:mod:`tools.comma_parts`); a mined example weighs :data:`PART_WEIGHT` generated ones.
  ``--lopo`` trains without each part in turn and measures on it (segment recall, precision and
  false-positive rate as the cleaner cuts: above the threshold and not guarded), beside the model of
  the generated names alone, and writes no model.

Documents, stems and heads are split by a hash: a fifth of each is held out (its pages get only
held-out stems and heads) and the model is measured there before it is shipped.  The model is a
logistic regression over hashed features (:func:`~pagewash.transforms.spam.comma_model.segment_features`),
fitted with numpy (full-batch Adam, L2); its threshold is the lowest probability at which at most
``--max-fpr`` of the training part's real candidates would be cut.  Writes
``transforms/spam/data/comma_segment_model.json``::

    .venv/bin/python -m tools train-comma --source <sources> <part> [<part> ...] [--lopo]

The same folders give the same model byte for byte (no clock, no unseeded randomness, full-batch fit).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from pagewash.transforms.spam.comma_model import (HASH_BITS, MODEL_FILE, Candidate, candidates, feature_index,
                                                  guarded, is_bare, is_candidate_text, segment_features)
from pagewash.transforms.spam.gazetteer import gazetteer
from pagewash.transforms.spam.injected import _BODY_ENDS, InjectedSegmentFinder, to_simplified
from pagewash.transforms.spam.lexicon import _dictionary_entries, _jieba_dictionary, lexicon
from pagewash.transforms.spam.sources import COMMERCIAL_HEAD_KINDS, COMMERCIAL_HEADS

from tools.comma_parts import Example, part_examples, summary
from tools.evalset.build_spam_eval_c import load_msr_sentences, load_pku_articles
from tools.evalset.material import load_cmrc_articles, nfkc, split_sentences, stable_hash
from tools.paths import REPO_ROOT
from tools.sparse_logistic import adam_fit, sparse_rows

TEXT_FOLDERS = ("cmrc2018", "thucnews", "thucfin", "icwb2", "ced_weibo")
# The documents of the real-text precision probe (docs/SPAM.md: the first 1,500 Weibo posts, the first 200
# THUCNews pages of cnews.val.txt, the first 1,500 lines of the PKU text, all SogouCS/SogouCA pages and
# shopping reviews) are never trained on: the probe measures cuts in text the model has not seen.
PROBE_WEIBO_POSTS, PROBE_THUC_LINES, PROBE_PKU_LINES = 1500, 200, 1500
THUC_FILES = ((("thucnews", "data", "cnews", "cnews.val.txt"), PROBE_THUC_LINES),
              (("thucfin", "data", "cnews-b", "cnews.val.txt"), 0),
              (("thucfin", "data", "cnews-b", "cnews.test.txt"), 0))
CMRC_FILES = ("cmrc2018_dev.json", "cmrc2018_trial.json")
DOCS_PER_SOURCE = 4000
MAX_DOC_SENTENCES = 40
INJECTIONS_PER_DOC = 3
BODY_RATE = 0.3  # share of the documents that get a public body's name between commas, as a negative
HELD_OUT = 5  # one in five documents, stems and heads
MAX_FPR = 0.005  # the training part's real candidates cut at the threshold: 0.25 % cut a fifth fewer names on every left-out part (--lopo)
L2 = 1e-3
STEPS = 400
PART_WEIGHT = 3.0  # a name mined from a labelled part counts three generated ones: fewer, but real generators
# Modifiers and stacked heads of a betting site's name (在线 + 投注, 体育 + 官网): the betting heads of sources.py.
BETTING_MODIFIERS = ("在线", "官方", "手机", "网上", "线上", "真人", "")


@dataclass(frozen=True)
class TextDoc:
    key: str
    sentences: Tuple[str, ...]


def _held(key: str) -> bool:
    return stable_hash(key) % HELD_OUT == 0


def _jsonl(path: Path) -> List[dict]:
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text(encoding="utf-8").split("\n") if x.strip()]


def _sentences(text: str) -> Tuple[str, ...]:
    return tuple(s for s in split_sentences(nfkc(text)) if 6 <= len(s) <= 200)[:MAX_DOC_SENTENCES]


def load_text(source: Path, per_source: int = DOCS_PER_SOURCE) -> List[TextDoc]:
    docs: List[TextDoc] = []

    def add(key: str, sents: Sequence[str]) -> None:
        if len(sents) >= 2:
            docs.append(TextDoc(key, tuple(sents)))

    for name in CMRC_FILES:
        cmrc = source / "cmrc2018" / "squad-style-data" / name
        if cmrc.exists():
            for a in load_cmrc_articles(cmrc)[:per_source]:
                add(f"{name}:{a.key}", _sentences("".join(a.paras)))
    for parts, skip in THUC_FILES:
        path = source.joinpath(*parts)
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f):
                if n < skip:
                    continue
                if n >= skip + per_source:
                    break
                _label, _sep, text = line.partition("\t")
                add(f"{parts[0]}:{parts[-2]}:{n}", _sentences(text))
    pku = source / "icwb2" / "testing" / "pku_test.utf8"
    if pku.exists():
        for a in [a for a in load_pku_articles(pku) if int(a.key.split(":")[1]) >= PROBE_PKU_LINES][:per_source]:
            add(a.key, _sentences("".join(a.paras)))
    msr = source / "icwb2" / "testing" / "msr_test.utf8"
    if msr.exists():
        sents = load_msr_sentences(msr)
        for n in range(0, min(len(sents), per_source * 10), 10):
            add(f"msr:{n}", [nfkc(s) for s in sents[n:n + 10]])
    for d in _jsonl(source / "ced_weibo" / "docs.jsonl")[PROBE_WEIBO_POSTS:PROBE_WEIBO_POSTS + per_source]:
        add(f"ced_weibo:{d['id']}", _sentences(d.get("text", "")))
    return docs


class NameMaker:
    """Generated injected names from jieba's dictionary, cpca's divisions and the commercial heads;
    ``held`` selects the held-out fifth of stems and heads (or the rest)."""

    def __init__(self, held: bool):
        lex, gaz = lexicon(), gazetteer()
        keep = (lambda s: _held(s)) if held else (lambda s: not _held(s))
        persons, propers, nouns, name_chars, trades, bodies = [], [], [], [], [], []
        for word, _freq, tag in _dictionary_entries(_jieba_dictionary()):
            if not word.isascii() and not keep(word):
                continue
            if tag.startswith("nr") and 2 <= len(word) <= 3:
                persons.append(word)
            elif tag == "nz" and 2 <= len(word) <= 4:
                propers.append(word)
            elif tag == "n" and 2 <= len(word) <= 3 and 2.0 <= lex.zipf(word) <= 4.5:
                nouns.append(word)
            if tag.startswith("n") and 2 <= len(word) <= 4 and word[-1] in _BODY_ENDS and not any(
                    word.endswith(h) for h in COMMERCIAL_HEADS):
                bodies.append(word)  # 县委, 公安局, 人民法院: what a public body's name ends with
            if tag in ("n", "vn") and len(word) == 2 and 3.0 <= lex.zipf(word) <= 5.0:
                trades.append(word)
            if tag.startswith(("nz", "nt", "nr")) and not word.isascii():
                name_chars.extend(word)  # the characters names are made of, as often as names use them
        self.persons, self.propers, self.nouns, self.name_chars = persons, propers, nouns, name_chars
        self.trades, self.bodies = trades, bodies
        divisions = sorted({d.name for d in gaz.divisions})
        self.divisions = [d for d in divisions if 2 <= len(d) <= 6 and keep(d)]
        heads = {kind: sorted(h for h in hs if keep(h)) for kind, hs in COMMERCIAL_HEAD_KINDS.items()}
        self.heads = {k: v for k, v in heads.items() if v}

    def body(self, rng: random.Random) -> str:
        """A public body's name: a division (full or short) before what a body's name ends with."""
        place = rng.choice(self.divisions)
        return (place[:-1] if len(place) >= 3 and rng.random() < 0.3 else place) + rng.choice(self.bodies)

    def stem(self, rng: random.Random) -> str:
        r = rng.random()
        if r < 0.25 and self.persons:
            return rng.choice(self.persons)
        if r < 0.45 and self.propers:
            return rng.choice(self.propers)
        if r < 0.7 and self.divisions:
            d = rng.choice(self.divisions)
            return d[:-1] if len(d) >= 3 and rng.random() < 0.5 else d
        if r < 0.92 and self.name_chars:
            return "".join(rng.choice(self.name_chars) for _ in range(rng.choice((2, 2, 3))))
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        if rng.random() < 0.7:
            return "".join(rng.choice(letters) for _ in range(rng.choice((2, 3))))
        return rng.choice(("365", "888", "99", "168", "8", "188", "55", "2", "918"))

    def name(self, rng: random.Random) -> str:
        r = rng.random()
        kinds = sorted(self.heads)
        if r < 0.55:
            kind = rng.choice(kinds)
            return self.stem(rng) + rng.choice(self.heads[kind])
        if r < 0.65 and "betting" in self.heads:
            bet = self.heads["betting"]
            name = self.stem(rng) + rng.choice(BETTING_MODIFIERS) + rng.choice(bet)
            return name + rng.choice(bet) if rng.random() < 0.4 else name
        if r < 0.72 and self.divisions:
            return rng.choice(self.divisions)
        if r < 0.88 and self.divisions and self.trades:
            # a place before what a business offers (a noun or nominal verb of jieba's dictionary, one or
            # two of them, sometimes with a commercial head after them): the shape of a search phrase
            place = rng.choice(self.divisions)
            place = place[:-1] if len(place) >= 3 and rng.random() < 0.6 else place
            trade = "".join(rng.choice(self.trades) for _ in range(rng.choice((1, 1, 2))))
            heads = [h for hs in self.heads.values() for h in hs if len(h) >= 2]
            return place + trade + (rng.choice(heads) if heads and rng.random() < 0.35 else "")
        ads = [h for k in ("advert", "loan", "service") for h in self.heads.get(k, ())]
        return rng.choice(self.nouns) + rng.choice(ads) if self.nouns and ads else self.stem(rng)


def inject(rng: random.Random, sentence: str, name: str) -> Optional[Tuple[str, Candidate]]:
    """``sentence`` with ``name`` set apart after one of its commas — between commas (``,name,``),
    before a ``、`` (``,name、``), before the sentence end, or between spaces (`` name ,``,
    ``,name ``) — and the name's candidate; None if the sentence has no comma inside or the name
    is no candidate there."""
    commas = [i for i, c in enumerate(sentence) if c == "," and 2 <= i < len(sentence) - 3]
    if not commas:
        return None
    at = rng.choice(commas)
    r = rng.random()
    if r < 0.12 and sentence[-1] in "。!?":
        out = sentence[:-1] + "," + name + sentence[-1]
    elif r < 0.22:
        out = sentence[:at + 1] + name + "、" + sentence[at + 1:]
    elif r < 0.32:
        out = sentence[:at] + " " + name + " " + sentence[at:]
    elif r < 0.38:
        out = sentence[:at + 1] + name + " " + sentence[at + 1:]
    else:
        out = sentence[:at + 1] + name + "," + sentence[at + 1:]
    for cand in candidates(out):
        if cand.text == name:
            return out, cand
    return None


def examples(docs: Sequence[TextDoc], maker: NameMaker, seed: int, group: str = "generated") -> List[Example]:
    """The candidate segments of ``docs`` (label 0) and the generated names injected into them (label 1)."""
    lex, gaz = lexicon(), gazetteer()
    rng = random.Random(seed)
    out: List[Example] = []

    for doc in docs:
        page = "\n".join(doc.sentences)
        for s in doc.sentences:
            for cand in candidates(s):
                if is_bare(lex.tagged(cand.text), gaz, lex):
                    out.append(Example(group, cand, page, 0, s))
        with_commas = [i for i, s in enumerate(doc.sentences) if "," in s[2:-3]]
        if with_commas and maker.bodies and rng.random() < BODY_RATE:
            # a public body (县委, 公安局: an organisation of jieba's dictionary) between commas is what news
            # writes (临武县委,县政府...), never a business's name: a negative
            i = rng.choice(with_commas)
            body = maker.body(rng)
            done = inject(rng, doc.sentences[i], body) if body not in page else None
            if done is not None and is_bare(lex.tagged(body), gaz, lex):
                sentence, cand = done
                out.append(Example(group, cand, page.replace(doc.sentences[i], sentence, 1), 0, sentence))
        for _ in range(INJECTIONS_PER_DOC if with_commas else 0):
            i = rng.choice(with_commas)
            name = maker.name(rng)
            if not is_candidate_text(name) or not is_bare(lex.tagged(name), gaz, lex) or name in page:
                continue
            done = inject(rng, doc.sentences[i], name)
            if done is None:
                continue
            sentence, cand = done
            out.append(Example(group, cand, page.replace(doc.sentences[i], sentence, 1), 1, sentence))
    return out


WITHOUT: Tuple[str, ...] = ()  # feature prefixes left out (--without), for cross-validating feature sets
_FEATURE_CACHE: Dict[int, List[str]] = {}


def featurize(exs: Sequence[Example]) -> Tuple[List[List[str]], List[int]]:
    """The features (:func:`~pagewash.transforms.spam.comma_model.segment_features`) and labels of ``exs``."""
    lex, gaz = lexicon(), gazetteer()
    feats = []
    for e in exs:
        key = id(e)
        if key not in _FEATURE_CACHE:
            _FEATURE_CACHE[key] = segment_features(lex, gaz, to_simplified(e.cand.text), to_simplified(e.cand.left),
                                                   to_simplified(e.cand.right), e.cand.right_delimiter, e.page,
                                                   e.cand.delimiter)
        fs = _FEATURE_CACHE[key]
        feats.append([f for f in fs if not f.startswith(WITHOUT)] if WITHOUT else fs)
    return feats, [e.label for e in exs]


def _matrix(feats: Sequence[Sequence[str]], bits: int) -> Tuple[np.ndarray, np.ndarray]:
    return sparse_rows([sorted({feature_index(f, bits) for f in fs}) for fs in feats])


def fit(feats: Sequence[Sequence[str]], labels: Sequence[int], bits: int = HASH_BITS, steps: int = STEPS,
        l2: float = L2, lr: float = 0.1, weights: Optional[Sequence[float]] = None) -> Tuple[np.ndarray, float]:
    """Logistic regression over hashed binary features (full-batch Adam, L2; positives weighted to
    half the loss; ``weights``: each example's weight within its class)."""
    rows, cols = _matrix(feats, bits)
    y = np.asarray(labels, dtype=np.float64)
    n = len(y)
    ew = np.ones(n) if weights is None else np.asarray(weights, dtype=np.float64)
    pos = max(1e-9, float(ew[y > 0].sum()))
    neg = max(1e-9, float(ew[y == 0].sum()))
    sample_w = ew * np.where(y > 0, 0.5 / pos, 0.5 / neg)
    dim = 1 << bits
    return adam_fit(rows, cols, y, sample_w, dim, steps, l2, lr)


def predict(w: np.ndarray, b: float, feats: Sequence[Sequence[str]], bits: int = HASH_BITS) -> np.ndarray:
    rows, cols = _matrix(feats, bits)
    z = np.bincount(rows, weights=w[cols], minlength=len(feats)) + b
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def threshold_for(p: np.ndarray, y: np.ndarray, max_fpr: float) -> float:
    neg = np.sort(p[y == 0])[::-1]
    k = int(max_fpr * len(neg))
    return float(min(0.99, max(0.5, neg[k] + 1e-6))) if len(neg) > k else 0.5


def measure(p: np.ndarray, y: np.ndarray, t: float) -> Dict[str, float]:
    cut = p >= t
    tp = int((cut & (y == 1)).sum())
    fp = int((cut & (y == 0)).sum())
    pos, neg = int((y == 1).sum()), int((y == 0).sum())
    return {"examples": int(len(y)), "injected": pos, "real": neg, "recall": round(tp / max(1, pos), 4),
            "precision": round(tp / max(1, tp + fp), 4), "false_positive_rate": round(fp / max(1, neg), 5)}


def _train(exs: Sequence[Example], args) -> Tuple[np.ndarray, float, float, Dict[str, float]]:
    """Fits on ``exs`` (a part's examples weighted ``--part-weight``); the weights, bias, threshold and
    the training figures."""
    feats, labels = featurize(exs)
    weights = [1.0 if e.group == "generated" else args.part_weight for e in exs]
    w, b = fit(feats, labels, steps=args.steps, l2=args.l2, weights=weights)
    y = np.asarray(labels)
    p = predict(w, b, feats)
    t = threshold_for(p, y, args.max_fpr)
    return w, b, t, measure(p, y, t)


_GUARDED: Dict[int, bool] = {}


def is_guarded(e: Example) -> bool:
    """The rules' guards (:func:`~pagewash.transforms.spam.comma_model.guarded`) hold the candidate on its
    line and page: the cleaner never cuts it, whatever its score."""
    if id(e) not in _GUARDED:
        finder = InjectedSegmentFinder(lexicon(), gazetteer(), e.page, False)
        _GUARDED[id(e)] = bool(e.line) and guarded(finder, e.line, e.cand)
    return _GUARDED[id(e)]


def _measure_on(w: np.ndarray, b: float, t: float, exs: Sequence[Example]) -> Dict[str, float]:
    """Segment figures on ``exs`` as the cleaner cuts: scored at least ``t`` and not guarded."""
    feats, labels = featurize(exs)
    p = predict(w, b, feats)
    p = np.where([is_guarded(e) for e in exs], 0.0, p)
    return measure(p, np.asarray(labels), t)


def load_parts(folders: Sequence[Path], cache: Optional[Path]) -> List[Example]:
    """The mined examples of the labelled parts (``tools/comma_parts.py``); ``cache``: a pickle of them
    (outside the repository) read instead when it exists."""
    import pickle

    if cache is not None and cache.exists():
        return pickle.loads(cache.read_bytes())
    out = [e for folder in folders for e in part_examples(folder)]
    if cache is not None:
        cache.write_bytes(pickle.dumps(out))
    return out


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", type=Path, required=True, help="folder of the text sources (TEXT_FOLDERS)")
    ap.add_argument("parts", type=Path, nargs="*", help="labelled parts (pages/ + gold.jsonl) whose injected "
                    "names and gold articles are mined (tools/comma_parts.py)")
    ap.add_argument("--out", type=Path, default=Path(REPO_ROOT) / "transforms" / "spam" / "data" / MODEL_FILE)
    ap.add_argument("--docs-per-source", type=int, default=DOCS_PER_SOURCE)
    ap.add_argument("--max-fpr", type=float, default=MAX_FPR)
    ap.add_argument("--steps", type=int, default=STEPS)
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--part-weight", type=float, default=PART_WEIGHT,
                    help="weight of a mined example against a generated one")
    ap.add_argument("--lopo", action="store_true", help="leave-one-part-out cross-validation: train without "
                    "each part and measure on it; writes no model")
    ap.add_argument("--cache", type=Path, default=None, help="pickle of the mined examples (kept outside the "
                    "repository)")
    ap.add_argument("--show", type=int, default=0, help="print the held-out real segments scored highest and the "
                    "injected ones scored lowest, this many of each")
    ap.add_argument("--without", default="", help="comma-separated feature prefixes to leave out (last_word=,...)")
    args = ap.parse_args(argv)
    global WITHOUT
    WITHOUT = tuple(x for x in args.without.split(",") if x)
    t0 = time.time()
    docs = load_text(args.source, args.docs_per_source)
    train_docs = [d for d in docs if not _held(d.key)]
    held_docs = [d for d in docs if _held(d.key)]
    print(f"{len(docs)} documents ({len(held_docs)} held out)", file=sys.stderr)
    gen = examples(train_docs, NameMaker(held=False), args.seed)
    held = examples(held_docs, NameMaker(held=True), args.seed + 1)
    mined = load_parts(args.parts, args.cache)
    print(f"examples: {len(gen)} generated ({sum(e.label for e in gen)} injected), {len(held)} held out "
          f"({sum(e.label for e in held)}); mined (injected, real): {summary(mined)}; {time.time() - t0:.0f}s",
          file=sys.stderr)
    if args.lopo:
        groups = sorted({e.group for e in mined})
        print("| part left out | injected | real | recall | precision | false-positive rate |"
              " generated only: recall | precision | false-positive rate |")
        print("|---|---|---|---|---|---|---|---|---|")
        w0, b0, t0_, _m = _train(gen, args)
        for g in groups:
            test = [e for e in mined if e.group == g]
            w, b, t, _m = _train(gen + [e for e in mined if e.group != g], args)
            m, m0 = _measure_on(w, b, t, test), _measure_on(w0, b0, t0_, test)
            print(f"| {g} | {m['injected']} | {m['real']} | {m['recall']} | {m['precision']} | "
                  f"{m['false_positive_rate']} | {m0['recall']} | {m0['precision']} | {m0['false_positive_rate']} |",
                  flush=True)
        return 0
    w, b, t, train_m = _train(gen + mined, args)
    held_m = _measure_on(w, b, t, held)
    print(f"threshold {t:.4f}; train {train_m}; held out {held_m}", file=sys.stderr)
    if args.show:
        hf, hl = featurize(held)
        hp = predict(w, b, hf)
        ranked = sorted(zip(hp, [e.cand.text for e in held], hl), key=lambda x: (-x[0], x[1]))
        for pr, text, _lab in [r for r in ranked if r[2] == 0][:args.show]:
            print(f"held-out real  {pr:.3f} {text}", file=sys.stderr)
        for pr, text, _lab in [r for r in ranked if r[2] == 1][-args.show:]:
            print(f"held-out injected {pr:.3f} {text}", file=sys.stderr)
    nz = {str(i): round(float(x), 4) for i, x in enumerate(w) if abs(x) >= 1e-4}
    out = {"model": "logistic regression over hashed segment features (tools/train_comma_model.py)",
           "bits": HASH_BITS, "bias": round(b, 6), "threshold": round(t, 6), "max_fpr": args.max_fpr,
           "seed": args.seed, "part_weight": args.part_weight, "parts": summary(mined),
           "train": train_m, "held_out": held_m, "weights": nz}
    args.out.write_text(json.dumps(out, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
                        encoding="utf-8")
    print(f"wrote {args.out} ({len(nz)} weights); {time.time() - t0:.0f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
