"""A synthetic Chinese + English corpus with planted duplicates, for the dedup
benchmark and tests.  Needs nothing outside the repository.

Text is drawn from Zipf-distributed vocabularies (Chinese words built from
common characters; English function words plus generated content words), so
unrelated documents share common n-grams the way real text does.  On top of
unrelated base articles it plants:

- **reprint families**: 2-6 copies of an article, each with light noise
  (a few edits, re-wrapped spam residue: a different source line / footer);
- **controlled pairs**: one copy at a target Jaccard level drawn uniformly in
  [0.45, 1.0], made by edits, truncation, an inserted paragraph or spam
  residue, the magnitude found by bisection on the exact Jaccard of the
  pipeline's own shingles;
- **hard negatives**: different articles sharing a boilerplate block (the
  same spam template), articles quoting a large part of another one, and
  templated reports that differ only in names and numbers.

The truth for every pair is computed afterwards by brute force (exact
Jaccard over all pairs), not taken from the plan.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

from pagewash.transforms.dedup.minhash import shingle_hashes
from pagewash.transforms.dedup.settings import DedupSettings
from pagewash.transforms.record import Doc, Kind

# Common Chinese characters (frequency lists agree on these; typed here).
_ZH_CHARS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而"
    "方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开"
    "它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变"
    "条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基"
    "资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治"
    "北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清美再采转更单风切打白教速花带安场身车"
    "例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫"
    "且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克"
    "何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调"
    "满县局照参红细引听该铁价严龙飞"
)
_ZH_PUNCT = "，，，，。。、；：！？"

_EN_FUNCTION = (
    "the of and to in a is that for it as was with be by on not he i this are or his from at which but have an had "
    "they you were their one all we can her has there been if more when will would who so no she other its may these "
    "about than into could them only new some two time over also after first most then do any like what made such "
    "years way many where between those each just under both through while during three before against because last"
).split()
_EN_SYLLABLES = (
    "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge gi go la le li lo lu ma me mi mo mu na ne ni no "
    "nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ze zi zo ex in on er al an or ic "
    "ent ion est ful ing ment ness ous ate"
).split()

_ZH_SPAM = [
    "本文来源：{site}网 责任编辑：{name}",
    "免责声明：本站所载内容仅供参考，转载请注明出处{site}。",
    "关注{site}微信公众号，获取更多精彩内容",
    "【{site}】最新消息 热门推荐 点击查看更多",
    "扫码下载{site}客户端，随时随地看新闻",
]
_EN_SPAM = [
    "Source: {site} News. Edited by {name}.",
    "Subscribe to the {site} newsletter for more stories like this one.",
    "Copyright {site} Media. All rights reserved. Do not reproduce.",
    "Related: top stories on {site} today, click here to read more",
    "Follow {site} on social media for breaking updates",
]


@dataclass
class PlannedPair:
    a: str
    b: str
    kind: str  # how b was made from a
    target: Optional[float] = None


@dataclass
class Corpus:
    docs: List[Doc]
    planned: List[PlannedPair] = field(default_factory=list)


class TextMaker:
    """Zipf-vocabulary text, deterministic for a seed."""

    def __init__(self, seed: int):
        self.rnd = random.Random(seed)
        rng = np.random.default_rng(seed)
        zh_vocab = set()
        while len(zh_vocab) < 6000:
            size = int(rng.choice([1, 2, 2, 2, 3, 4]))
            zh_vocab.add("".join(_ZH_CHARS[int(i)] for i in rng.integers(0, len(_ZH_CHARS), size)))
        self.zh_vocab = sorted(zh_vocab, key=lambda w: (len(w), w))  # frequent words are short
        en_content = set()
        while len(en_content) < 12000:
            size = int(rng.integers(2, 5))
            en_content.add("".join(_EN_SYLLABLES[int(i)] for i in rng.integers(0, len(_EN_SYLLABLES), size)))
        self.en_vocab = _EN_FUNCTION + sorted(en_content)
        self.zh_weights = self._zipf(len(self.zh_vocab))
        self.en_weights = self._zipf(len(self.en_vocab))
        self.rng = rng

    @staticmethod
    def _zipf(n: int) -> np.ndarray:
        weights = 1.0 / np.arange(1, n + 1) ** 1.05
        return np.cumsum(weights / weights.sum())

    def _words(self, lang: str, count: int) -> List[str]:
        vocab, cum = (self.zh_vocab, self.zh_weights) if lang == "zh" else (self.en_vocab, self.en_weights)
        picks = np.searchsorted(cum, self.rng.random(count))
        return [vocab[min(int(i), len(vocab) - 1)] for i in picks]

    def sentence(self, lang: str) -> str:
        if lang == "zh":
            words = self._words("zh", self.rnd.randint(6, 16))
            return "".join(words) + self.rnd.choice(_ZH_PUNCT[-5:])
        words = self._words("en", self.rnd.randint(8, 24))
        text = " ".join(words)
        return text[0].upper() + text[1:] + self.rnd.choice([".", ".", ".", "?", "!"])

    def paragraph(self, lang: str, chars: int) -> str:
        out: List[str] = []
        total = 0
        while total < chars:
            sentence = self.sentence(lang)
            out.append(sentence)
            total += len(sentence) + (0 if lang == "zh" else 1)
        return ("" if lang == "zh" else " ").join(out)

    def article(self, lang: str, chars: int) -> str:
        paragraphs = []
        total = 0
        while total < chars:
            size = self.rnd.randint(150, 500)
            paragraphs.append(self.paragraph(lang, size))
            total += len(paragraphs[-1])
        return "\n".join(paragraphs)

    def spam_line(self, lang: str) -> str:
        template = self.rnd.choice(_ZH_SPAM if lang == "zh" else _EN_SPAM)
        site = "".join(self._words(lang, 2)) if lang == "zh" else self._words("en", 1)[0].capitalize()
        name = "".join(self._words(lang, 1)) if lang == "zh" else self._words("en", 1)[0].capitalize()
        return template.format(site=site, name=name)


# --- variants ----------------------------------------------------------------------


def _units(text: str, lang: str) -> List[str]:
    return list(text) if lang == "zh" else text.split(" ")


def _join(units: List[str], lang: str) -> str:
    return "".join(units) if lang == "zh" else " ".join(units)


def edit(text: str, lang: str, fraction: float, maker: TextMaker, rnd: random.Random) -> str:
    """Replaces ``fraction`` of the characters (zh) or words (en) at random positions."""
    units = _units(text, lang)
    count = int(round(fraction * len(units)))
    positions = rnd.sample(range(len(units)), min(count, len(units)))
    replacements = (list(maker.paragraph("zh", count + 10)) if lang == "zh"
                    else maker._words("en", count + 1))
    for i, position in enumerate(positions):
        if units[position] not in ("\n",):
            units[position] = replacements[i % len(replacements)]
    return _join(units, lang)


def truncate(text: str, lang: str, fraction: float, maker: TextMaker, rnd: random.Random) -> str:
    """Keeps the first ``1 - fraction`` of the text."""
    keep = max(1, int(len(text) * (1.0 - fraction)))
    return text[:keep]


def insert(text: str, lang: str, fraction: float, maker: TextMaker, rnd: random.Random) -> str:
    """Inserts an unrelated paragraph of ``fraction`` x the text's length at a paragraph break."""
    paragraphs = text.split("\n")
    extra = maker.paragraph(lang, max(10, int(len(text) * fraction)))
    position = rnd.randint(0, len(paragraphs))
    return "\n".join(paragraphs[:position] + [extra] + paragraphs[position:])


def rewrap(text: str, lang: str, fraction: float, maker: TextMaker, rnd: random.Random) -> str:
    """Spam residue around the article: source lines and footers, about ``fraction`` of its length."""
    lines: List[str] = []
    while sum(len(line) for line in lines) < fraction * len(text):
        lines.append(maker.spam_line(lang))
    head = lines[: len(lines) // 2]
    tail = lines[len(lines) // 2:]
    return "\n".join(head + [text] + tail)


OPERATIONS: Dict[str, Callable[..., str]] = {"edit": edit, "truncate": truncate, "insert": insert, "rewrap": rewrap}


def exact_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if len(a) == 0 and len(b) == 0:
        return 1.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


def shingle_set(text: str, settings: DedupSettings) -> np.ndarray:
    return np.unique(shingle_hashes(text, settings).hashes)


def variant_at(text: str, lang: str, operation: str, target: float, maker: TextMaker, seed: int,
               settings: DedupSettings) -> Tuple[str, float]:
    """A variant of ``text`` by ``operation`` whose exact Jaccard with it is close to ``target``."""
    base = shingle_set(text, settings)
    low, high = 0.0, 0.9 if operation == "truncate" else 3.0 if operation in ("insert", "rewrap") else 0.6
    best = (text, 1.0)
    for _ in range(12):
        middle = (low + high) / 2
        candidate = OPERATIONS[operation](text, lang, middle, maker, random.Random(seed))
        similarity = exact_jaccard(base, shingle_set(candidate, settings))
        if abs(similarity - target) < abs(best[1] - target):
            best = (candidate, similarity)
        if similarity > target:
            low = middle
        else:
            high = middle
        if abs(similarity - target) < 0.005:
            break
    return best


# --- the corpus ----------------------------------------------------------------------


def make_corpus(size: int, seed: int = 7, settings: DedupSettings = DedupSettings(),
                base_texts: Optional[Sequence[Tuple[str, str]]] = None,
                min_chars: int = 400, max_chars: int = 3000) -> Corpus:
    """About ``size`` documents, half Chinese and half English.

    ``base_texts``: optional (lang, text) articles to use as bases instead of
    generated ones (e.g. text extracted from real pages, never committed).
    """
    maker = TextMaker(seed)
    rnd = random.Random(seed)
    docs: List[Doc] = []
    planned: List[PlannedPair] = []
    counter = [0]
    supplied = list(base_texts or [])

    def new_id(lang: str) -> str:
        counter[0] += 1
        return f"{lang}-{rnd.getrandbits(48):012x}-{counter[0]:06d}"

    def add(text: str, lang: str) -> str:
        doc_id = new_id(lang)
        score = round(rnd.random(), 3)
        published = f"20{rnd.randint(15, 24)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        docs.append(Doc(id=doc_id, source="synthetic", kind=Kind.TEXT, text=text, lang=lang,
                        quality={"score": score}, published=published))
        return doc_id

    def base_article(lang: str) -> str:
        while supplied:
            supplied_lang, text = supplied.pop()
            if supplied_lang == lang:
                return text
        return maker.article(lang, rnd.randint(min_chars, max_chars))

    while len(docs) < size:
        lang = "zh" if rnd.random() < 0.5 else "en"
        roll = rnd.random()
        if roll < 0.40:  # unrelated singleton
            add(base_article(lang), lang)
        elif roll < 0.55:  # reprint family
            text = base_article(lang)
            first = add(text, lang)
            for copy in range(rnd.randint(1, 5)):
                noisy = rewrap(text, lang, rnd.uniform(0.0, 0.06), maker, rnd)
                noisy = edit(noisy, lang, rnd.uniform(0.0, 0.01), maker, rnd)
                planned.append(PlannedPair(first, add(noisy, lang), "family"))
        elif roll < 0.85:  # controlled pair
            text = base_article(lang)
            first = add(text, lang)
            target = rnd.uniform(0.45, 1.0)
            operation = rnd.choice(sorted(OPERATIONS))
            variant, _ = variant_at(text, lang, operation, target, maker, rnd.getrandbits(32), settings)
            planned.append(PlannedPair(first, add(variant, lang), operation, target))
        else:  # hard negatives
            kind = rnd.choice(["template", "quote", "report"])
            if kind == "template":
                boilerplate = maker.paragraph(lang, rnd.randint(150, 400))
                a = add(base_article(lang) + "\n" + boilerplate, lang)
                b = add(maker.article(lang, rnd.randint(min_chars, max_chars)) + "\n" + boilerplate, lang)
            elif kind == "quote":
                text = base_article(lang)
                cut = int(len(text) * rnd.uniform(0.4, 0.7))
                a = add(text, lang)
                b = add(text[:cut] + "\n" + maker.article(lang, int(len(text) * rnd.uniform(0.3, 0.6))), lang)
            else:
                frame = [maker.sentence(lang) for _ in range(rnd.randint(8, 20))]
                variants = []
                for _ in range(2):
                    sentences = [s if rnd.random() < 0.75 else maker.sentence(lang) for s in frame]
                    variants.append(add(("" if lang == "zh" else " ").join(sentences), lang))
                a, b = variants
            planned.append(PlannedPair(a, b, f"negative-{kind}"))
    return Corpus(docs=docs[:size] if len(docs) > size else docs, planned=planned)


def chinese_documents(count: int, chars: int, seed: int = 11) -> List[str]:
    """Unrelated Chinese documents of exactly ``chars`` characters (signature throughput)."""
    maker = TextMaker(seed)
    return [maker.article("zh", chars + 200)[:chars] for _ in range(count)]
