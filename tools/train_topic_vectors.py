"""Builds the word topic vectors of the pasted-sentence detector (``transforms/spam/coherence.py``).

A sentence pasted from an unrelated article rarely shares a word with the page, but neither does
an article's own sentence that says something general (``目前,相关部门正在调查处理``): what tells
them apart is whether its words are about the same things as the page's, shared or not.  Each
word of a vocabulary gets a short vector (:data:`DIMENSIONS` numbers) such that words used in the
same texts about the same things (``火灾`` ``消防`` ``起火``; ``香椿`` ``春笋`` ``炖煮``) point the
same way: the positive pointwise mutual information of two words appearing within
:data:`WINDOW` content words of each other, reduced by a truncated SVD (scipy, at build time
only).  At run time a sentence's vector is the rarity-weighted sum of its words' vectors, and its
topical coherence with the page is a cosine (numpy only; nothing else is read).

Text (the folders of ``tools/evalset/prepare_sources.py`` and ``tools/evalset/real_text_sources.py``;
none of the ``test5`` part's sources — the CEC reports and The Paper's CLTS articles — nor the frozen
parts' DRCD and C3 text, nor CLUECorpusSmall / News Commentary of ``test3``):

* ``ymcui/cmrc2018`` ``squad-style-data/cmrc2018_dev.json`` (Chinese Wikipedia, CC-BY-SA-4.0);
* ``qianshuang/dl-exp`` ``data/cnews/cnews.val.txt`` and ``ClydeKuo/cnn`` ``data/cnews*/cnews.*.txt``
  (THUCNews: Sina news of ten channels, research use);
* ``yuikns/icwb2-data`` ``testing/pku_test.utf8``, ``testing/msr_test.utf8`` (SIGHAN 2005, research use);
* Sohu / SogouCA news samples (``sogoucs_smarty``, ``sogouca_smarty``: Sogou Lab data licence), Sina
  Weibo posts and comments (``ced_weibo``, ``ced_comments``: ``thunlp/Chinese_Rumor_Dataset``),
  shopping reviews (``shop_reviews``: ``SophonPlus/ChineseNlpCorpus``).

The vectors are stored quantised (int8, each row scaled to unit length first) with the words in
``transforms/spam/data/topic_vectors.npz``; the builder is deterministic::

    .venv/bin/python -m tools.train_topic_vectors --source /data/evalsets/sources
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Iterator, List, Optional, Sequence

import numpy as np

from pagewash.transforms.spam.coherence import TOPIC_FILE
from pagewash.transforms.spam.lexicon import lexicon

from tools.paths import REPO_ROOT

VOCABULARY = 20000  # the most frequent content words of the text
MIN_COUNT = 5
WINDOW = 8  # content words either side that count as appearing together
DIMENSIONS = 32
CONTEXT_SMOOTHING = 0.75  # the context distribution raised to this power (PMI's bias to rare words)
_HAN = re.compile(r"[\u3400-\u9fff]")
TEXT_FILES = (("cmrc2018", "squad-style-data", "cmrc2018_dev.json"),
              ("thucnews", "data", "cnews", "cnews.val.txt"),
              ("thucfin", "data", "cnews", "cnews.test.txt"),
              ("thucfin", "data", "cnews-b", "cnews.val.txt"),
              ("thucfin", "data", "cnews-b", "cnews.test.txt"),
              ("icwb2", "testing", "pku_test.utf8"),
              ("icwb2", "testing", "msr_test.utf8"))
JSONL_FOLDERS = ("sogoucs_smarty", "sogouca_smarty", "ced_weibo", "ced_comments", "shop_reviews")


def texts(source: Path) -> Iterator[str]:
    """The documents of the text sources, one string each (a paragraph for CMRC, a line for the others)."""
    for parts in TEXT_FILES:
        path = source.joinpath(*parts)
        if not path.exists():
            print(f"missing: {path}", file=sys.stderr)
            continue
        if path.suffix == ".json":
            for art in json.loads(path.read_text(encoding="utf-8"))["data"]:
                for p in art["paragraphs"]:
                    yield p["context"]
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            yield line.split("\t", 1)[-1]
    for folder in JSONL_FOLDERS:
        path = source / folder / "docs.jsonl"
        if not path.exists():
            print(f"missing: {path}", file=sys.stderr)
            continue
        for line in path.read_text(encoding="utf-8").split("\n"):  # not splitlines: U+2028 in a text
            if line.strip():
                yield json.loads(line)["text"]


def content_words(text: str, cut) -> List[str]:
    """The words of two characters or more with a Chinese character (no numbers, no Latin)."""
    return [w for w in cut(text) if len(w) >= 2 and _HAN.search(w)]


def build(docs: Sequence[List[str]]) -> tuple:
    """(words, vectors): the :data:`VOCABULARY` most frequent words and their unit vectors."""
    from scipy import sparse
    from scipy.sparse.linalg import svds

    counts = Counter(w for d in docs for w in d)
    words = sorted((w for w, c in counts.items() if c >= MIN_COUNT), key=lambda w: (-counts[w], w))[:VOCABULARY]
    index = {w: i for i, w in enumerate(words)}
    v = len(words)
    rows: List[np.ndarray] = []
    cols: List[np.ndarray] = []
    for d in docs:
        ids = np.array([index[w] for w in d if w in index], dtype=np.int64)
        for gap in range(1, WINDOW + 1):
            if len(ids) > gap:
                rows.append(ids[:-gap])
                cols.append(ids[gap:])
    r, c = np.concatenate(rows), np.concatenate(cols)
    co = sparse.coo_matrix((np.ones(len(r)), (r, c)), shape=(v, v)).tocsr()
    co = (co + co.T).tocoo()
    total = co.data.sum()
    row_sum = np.asarray(co.sum(axis=1)).ravel()
    ctx = row_sum ** CONTEXT_SMOOTHING
    ctx = ctx / ctx.sum()
    pmi = np.log(co.data / total) - np.log(row_sum[co.row] / total) - np.log(ctx[co.col])
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (co.row[keep], co.col[keep])), shape=(v, v))
    # svds starts from a fixed vector: the same text gives the same vectors
    u, s, _vt = svds(ppmi, k=DIMENSIONS, v0=np.ones(v) / np.sqrt(v))
    order = np.argsort(-s)
    vectors = u[:, order] * np.sqrt(s[order])
    # a sign per dimension fixed by its largest entry (svds may return either)
    signs = np.sign(vectors[np.abs(vectors).argmax(axis=0), np.arange(DIMENSIONS)])
    vectors = vectors * signs
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.where(norms > 0, norms, 1.0)
    return words, vectors


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="tools.train_topic_vectors", description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", required=True, help="the raw material folder (tools/evalset/prepare_sources.py)")
    parser.add_argument("--out", default=str(Path(REPO_ROOT) / "transforms" / "spam" / "data" / TOPIC_FILE))
    args = parser.parse_args(argv)
    cut = lexicon().words
    docs = [content_words(t, cut) for t in texts(Path(args.source))]
    words, vectors = build(docs)
    quantised = np.round(vectors * 127).astype(np.int8)
    np.savez_compressed(args.out, words=np.array(words), vectors=quantised)
    print(json.dumps({"documents": len(docs), "words": len(words), "dimensions": DIMENSIONS,
                      "tokens": sum(map(len, docs)), "out": args.out}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
