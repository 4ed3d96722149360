"""Trains the spam cleaner's scorer of betting-site sentences (``transforms/spam/betting_text.py``).

Positives: the sentences of real gambling- and lottery-site templates, the folders of
``tools/evalset/prepare_sources.py`` that only development parts use (:data:`BETTING_SOURCES`;
the frozen parts' sites, ``venture``, ``gamedice``, ``lbhelp`` and ``leadsurf``, are never read).
Every file's text is taken out of its markup and template code (:func:`template_text`), cut into
sentences, converted to Simplified script (OpenCC) and kept once.

Negatives: the sentences of real articles, posts and reviews (:data:`ARTICLE_SOURCES`): THUCNews
Sina news of every channel, its lottery channel among them (a draw's report is no betting site's
text), Chinese Wikipedia (CMRC 2018), People's Daily (SIGHAN 2005 PKU), Chinese news pages of
2018 (``cnclust``), Weibo posts and the web pages of Baidu's search results (DuReader: answers,
forum posts, guides).  The documents of the real-text precision probe (``docs/SPAM.md``) are left
out: THUCNews's first 200 lines, the PKU text's first 1,500 lines, the first 1,500 posts.  The
source folder needs the ``ced_weibo`` folder of ``tools/evalset/real_text_sources.py`` beside the
others (as ``train-comma`` does).

Held out for the figures: two whole betting sources (:data:`HELD_OUT_SOURCES`: another template's
wording, as a new crawl brings) and a fifth of every article source (by hash of the sentence).
The model is a logistic regression over the counts of
:func:`~pagewash.transforms.spam.betting_text.sentence_features` (features seen in at least
:data:`MIN_FEATURE_COUNT` training sentences), fitted with numpy (full-batch Adam, L2,
``tools/sparse_logistic.py``), positives weighted to balance the classes; its threshold is the
lowest probability at which at most ``--max-fpr`` of the held-out article sentences would be cut.
Only the weights above :data:`MIN_WEIGHT` ship, by feature name::

    .venv/bin/python -m tools train-betting-text --source <sources>

The same folders give the same model byte for byte (no clock, no unseeded randomness, full-batch fit).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Dict, Iterator, List, Sequence, Tuple

import numpy as np

from pagewash.transforms.spam.betting_text import MODEL_FILE, BettingTextModel, sentence_features
from pagewash.transforms.spam.coherence import SENTENCE
from pagewash.transforms.spam.injected import to_simplified

from tools.evalset.material import nfkc, stable_hash
from tools.paths import REPO_ROOT
from tools.sparse_logistic import adam_fit, sparse_rows

# Gambling- and lottery-site templates of the development parts (tools/evalset/README.md's table).
BETTING_SOURCES = ("moxianran", "qianbao", "s36", "qucai", "bbin", "gbrc", "tianwei", "sscweb", "lotwork", "betcp",
                   "cai166")
HELD_OUT_SOURCES = ("tianwei", "betcp")
TEMPLATE_SUFFIXES = (".php", ".php5", ".ftl", ".jsp", ".html", ".htm", ".tpl", ".ts", ".js", ".vue", ".json")
MIN_HAN = 10  # a sentence: ten Han characters or more (the rule judges no shorter one)
MAX_CHARS = 300
MAX_PER_ARTICLE_SOURCE = 20_000
MIN_FEATURE_COUNT = 5
MIN_WEIGHT = 0.1
MAX_FPR = 0.0005
STEPS, L2, LR = 400, 1e-4, 0.05

_SCRIPT = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<\?php.*?\?>|<%.*?%>|<#--.*?-->", re.S | re.I)
_TAG = re.compile(r"<[^>]*>|\{[^{}]*\}|&[a-z]+;|&#\d+;")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_QUOTED = re.compile(r"[\"'`]([^\"'`\n]*[\u4e00-\u9fff][^\"'`\n]*)[\"'`]")  # a string of the script's code


def template_text(raw: str) -> Iterator[str]:
    """The lines of readable text of one template file: its markup, template code and the code
    around the strings of its scripts taken out.  Unlike ``tools.evalset.material.extract_page_phrases``
    (visible runs of 6 to 60 characters, for the builders' page phrases) it keeps lines of any length
    and the strings of scripts and language files: a site's terms are long sentences, and an app's
    help text lives in its components' strings."""
    body = _SCRIPT.sub("\n", raw)
    for line in _TAG.sub("\n", body).split("\n"):
        line = line.strip()
        if _HAN.search(line):
            yield line
    for m in _QUOTED.finditer(raw):  # strings in scripts, language files, components
        yield m.group(1)


def sentences_of(text: str) -> Iterator[str]:
    for line in text.split("\n"):
        for m in SENTENCE.finditer(line):
            s = m.group(0).strip()
            if len(_HAN.findall(s)) >= MIN_HAN and len(s) <= MAX_CHARS:
                yield s


def decode(data: bytes) -> str:
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="ignore")


def betting_sentences(source: Path, key: str) -> List[str]:
    seen: Dict[str, None] = {}
    for path in sorted((source / key).rglob("*")):
        if not path.is_file() or path.suffix.lower() not in TEMPLATE_SUFFIXES:
            continue
        for line in template_text(decode(path.read_bytes())):
            for s in sentences_of(to_simplified(nfkc(line))):
                seen.setdefault(s, None)
    return list(seen)


def _jsonl_texts(path: Path, skip: int) -> Iterator[str]:
    with open(path, encoding="utf-8") as handle:
        for k, line in enumerate(handle):
            if k >= skip:
                yield json.loads(line).get("text") or ""


def article_texts(source: Path, key: str) -> Iterator[str]:
    """The texts of one article source (the probe's documents left out)."""
    if key == "thucnews":
        with open(source / "thucnews" / "data" / "cnews" / "cnews.val.txt", encoding="utf-8") as handle:
            for k, line in enumerate(handle):
                if k >= 200:
                    yield line.split("\t", 1)[-1]
    elif key == "cmrc2018":
        data = json.loads((source / "cmrc2018" / "squad-style-data" / "cmrc2018_dev.json").read_text("utf-8"))["data"]
        for art in data:
            for p in art["paragraphs"]:
                yield p["context"]
    elif key == "pku":
        with open(source / "icwb2" / "testing" / "pku_test.utf8", encoding="utf-8") as handle:
            for k, line in enumerate(handle):
                if k >= 1500:
                    yield line.replace(" ", "").replace("\u3000", "")
    elif key == "cnclust":
        for path in sorted((source / "cnclust").rglob("*.txt")):
            yield decode(path.read_bytes())
    elif key == "ced_weibo":
        yield from _jsonl_texts(source / key / "docs.jsonl", 1500)
    elif key == "dureader":
        for path in sorted((source / "dureader").rglob("search.*.json")):
            with open(path, encoding="utf-8") as handle:
                for line in handle:
                    for doc in json.loads(line).get("documents") or []:
                        yield "\n".join(doc.get("paragraphs") or [])


ARTICLE_SOURCES = ("thucnews", "cmrc2018", "pku", "cnclust", "ced_weibo", "dureader")


def article_sentences(source: Path, key: str) -> List[str]:
    seen: Dict[str, None] = {}
    for text in article_texts(source, key):
        for s in sentences_of(nfkc(text)):
            seen.setdefault(s, None)
    ordered = sorted(seen, key=stable_hash)  # a sample independent of the files' order
    return ordered[:MAX_PER_ARTICLE_SOURCE]


def fit(pos: Sequence[str], neg: Sequence[str]) -> BettingTextModel:
    texts = list(pos) + list(neg)
    feats = [sentence_features(t) for t in texts]
    counts = Counter(f for fs in feats for f in set(fs))  # in how many sentences
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= MIN_FEATURE_COUNT))}
    rows, cols = sparse_rows([[vocab[f] for f in fs if f in vocab] for fs in feats])
    y = np.array([1.0] * len(pos) + [0.0] * len(neg))
    weight = np.where(y == 1.0, len(neg) / max(1, len(pos)), 1.0)
    weight = weight / weight.mean()
    w, b = adam_fit(rows, cols, y, weight, len(vocab), STEPS, L2, LR)
    names = sorted(vocab, key=vocab.get)
    weights = {name: round(float(w[vocab[name]]), 3) for name in names if abs(w[vocab[name]]) >= MIN_WEIGHT}
    return BettingTextModel.of(weights, bias=round(b, 4), threshold=0.5)


def threshold_at(model: BettingTextModel, negatives: Sequence[str], max_fpr: float) -> float:
    """The lowest probability (to 3 decimals) at which at most ``max_fpr`` of ``negatives`` score."""
    scores = sorted((model.probability(s) for s in negatives), reverse=True)
    allowed = int(max_fpr * len(scores))
    at = scores[allowed] if allowed < len(scores) else 0.0
    return round(min(0.999, max(0.5, at + 0.0005)), 3)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", required=True, type=Path, help="the raw material folder (tools/evalset/prepare_sources.py)")
    ap.add_argument("--out", type=Path, default=Path(REPO_ROOT) / "transforms" / "spam" / "data" / MODEL_FILE)
    ap.add_argument("--max-fpr", type=float, default=MAX_FPR)
    args = ap.parse_args(argv)

    betting = {key: betting_sentences(args.source, key) for key in BETTING_SOURCES}
    articles = {key: article_sentences(args.source, key) for key in ARTICLE_SOURCES}
    train_pos = [s for k in BETTING_SOURCES if k not in HELD_OUT_SOURCES for s in betting[k]]
    held_pos = {k: betting[k] for k in HELD_OUT_SOURCES}
    train_neg = [s for k in ARTICLE_SOURCES for s in articles[k] if stable_hash(s) % 5]
    held_neg = {k: [s for s in articles[k] if not stable_hash(s) % 5] for k in ARTICLE_SOURCES}
    train_set = set(train_pos)
    held_pos = {k: [s for s in v if s not in train_set] for k, v in held_pos.items()}  # a template's shared text once
    model = fit(train_pos, train_neg)
    all_held_neg = [s for k in ARTICLE_SOURCES for s in held_neg[k]]
    model = BettingTextModel.of(model.weights, model.bias, threshold_at(model, all_held_neg, args.max_fpr))
    measured = {
        "held_out_betting_recall": {k: round(sum(model.probability(s) >= model.threshold for s in v) / max(1, len(v)), 3)
                                    for k, v in held_pos.items()},
        "held_out_betting_sentences": {k: len(v) for k, v in held_pos.items()},
        "held_out_article_fpr": {k: round(sum(model.probability(s) >= model.threshold for s in v) / max(1, len(v)), 4)
                                 for k, v in held_neg.items()},
        "held_out_article_sentences": {k: len(v) for k, v in held_neg.items()},
        "training_sentences": {"betting": len(train_pos), "articles": len(train_neg)},
    }
    out = {
        "about": "the spam cleaner's betting-site sentence scorer (tools/train_betting_text_model.py)",
        "betting_sources": list(BETTING_SOURCES), "held_out_sources": list(HELD_OUT_SOURCES),
        "article_sources": list(ARTICLE_SOURCES), "max_fpr": args.max_fpr,
        "bias": model.bias, "threshold": model.threshold, "measured": measured,
        "weights": dict(sorted(model.weights.items())),
    }
    args.out.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(json.dumps({"threshold": model.threshold, "features": len(model.weights), **measured}, ensure_ascii=False,
                     indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
