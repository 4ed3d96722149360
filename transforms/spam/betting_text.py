"""Is this sentence a betting site's own text?  A learned scorer of register, not of names.

A hijacked article carries sentences pasted from the betting site behind it: its terms
(``本公司保留有在任何时间修改条款的权利...``), its agents' rules, its help on deposits, a lottery's
rules of play.  They name no brand the comma rules could find, often no gambling word the page's
other rules count (``用户可收回已经本公司确认的账户余额...``), and sit beside one another, so the
pasted-sentence detector, which judges a sentence by what it shares with the page around it, finds
a block of them coherent.  What gives them away is how they are written: a site addressing its
members (本公司, 会员, 您, 账户, 存款, 条款, 投注, 彩金, 中奖号码...), which no article does.

The scorer is a logistic regression over the counts of a sentence's Han characters, character pairs
and Latin or digit tokens (digits folded), trained by ``tools/train_betting_text_model.py`` on the
sentences of real gambling- and lottery-site templates (development sources only) against the
sentences of real articles, posts and reviews, lottery news among them (a report on a draw is
no betting site's text); the weights of the features it uses ship by name in
``data/betting_text_model.json`` with its sources and held-out figures.  The rule that cuts with it
(:func:`pagewash.transforms.spam.rules.drop_betting_sentences`) judges a sentence against its page.
"""
from __future__ import annotations

import functools
import json
import math
import operator
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Dict, List, Mapping, Tuple

from pagewash.transforms.lexicon import HAN

MODEL_FILE = "betting_text_model.json"
_HAN_RUN = re.compile(f"[{HAN}]+")
_TOKEN = re.compile(r"[a-z0-9]+")
_DIGITS = re.compile(r"[0-9]")


def sentence_features(sentence: str) -> List[str]:
    """The features of one sentence, each as often as it occurs: ``c:`` a Han character, ``b:`` two
    Han characters in a row, ``w:`` a run of Latin letters or digits (lower case, every digit
    written ``0``)."""
    text = _normal(sentence)
    out: List[str] = []
    for run in _HAN_RUN.findall(text):
        out.extend("c:" + ch for ch in run)
        out.extend("b:" + run[k:k + 2] for k in range(len(run) - 1))
    out.extend("w:" + _DIGITS.sub("0", token) for token in _TOKEN.findall(text))
    return out


def _normal(sentence: str) -> str:
    return sentence.lower() if sentence.isascii() else unicodedata.normalize("NFKC", sentence).lower()


_KINDS = ("c:", "b:", "w:")  # the feature names' prefixes: a character, a pair, a token


@dataclass(frozen=True)
class BettingTextModel:
    """The weights of characters, pairs and tokens, each keyed by the text itself (no feature name
    is built per sentence: the scorer runs on every sentence of a page, and one copy of the
    weights is held)."""
    chars: Mapping[str, float]
    pairs: Mapping[str, float]
    tokens: Mapping[str, float]
    bias: float
    threshold: float

    @classmethod
    def of(cls, weights: Mapping[str, float], bias: float, threshold: float) -> "BettingTextModel":
        """The model of weights by feature name (:func:`sentence_features`)."""
        kinds: Tuple[Dict[str, float], Dict[str, float], Dict[str, float]] = ({}, {}, {})
        for name, w in weights.items():
            kinds[_KINDS.index(name[:2])][name[2:]] = w
        return cls(*kinds, bias=bias, threshold=threshold)

    @property
    def weights(self) -> Dict[str, float]:
        """The weights by feature name (the model file's form)."""
        return {kind + key: w for kind, table in zip(_KINDS, (self.chars, self.pairs, self.tokens))
                for key, w in table.items()}

    def weight(self, feature: str) -> float:
        return (self.chars, self.pairs, self.tokens)[_KINDS.index(feature[:2])].get(feature[2:], 0.0)

    def probability(self, sentence: str) -> float:
        """The model's probability over :func:`sentence_features`: the characters and the pairs of
        adjacent characters of each Han run looked up as they stand, in one pass each."""
        text = _normal(sentence)
        z = self.bias
        for run in _HAN_RUN.findall(text):
            z += (sum(filter(None, map(self.chars.get, run)))
                  + sum(filter(None, map(self.pairs.get, map(operator.add, run, run[1:])))))
        if self.tokens:
            z += sum(filter(None, map(self.tokens.get, (_DIGITS.sub("0", t) for t in _TOKEN.findall(text)))))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def top(self, sentence: str, k: int = 5) -> List[str]:
        """The features that weigh most for the sentence being a betting site's (for the audit)."""
        scored = sorted(((self.weight(f), f) for f in set(sentence_features(sentence))), key=lambda t: (-t[0], t[1]))
        return [f"{f}={w:.2f}" for w, f in scored[:k] if w > 0]


def model_from_json(raw: Mapping[str, object]) -> BettingTextModel:
    return BettingTextModel.of({str(k): float(v) for k, v in dict(raw["weights"]).items()},  # type: ignore[arg-type]
                               bias=float(raw["bias"]), threshold=float(raw["threshold"]))  # type: ignore[arg-type]


@functools.lru_cache(maxsize=1)
def model() -> BettingTextModel:
    """The shipped model (``transforms/spam/data/betting_text_model.json``), loaded once."""
    raw = json.loads(resources.files("pagewash.transforms.spam").joinpath("data", MODEL_FILE).read_text("utf-8"))
    return model_from_json(raw)
