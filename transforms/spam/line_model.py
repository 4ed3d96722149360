"""A learned scorer for whole spam lines the line rules leave.

The line rules (:mod:`.rules`: place and address lists, keyword stuffing and tails, site headers,
link and recommendation lines, templates) each know one shape.  This module judges every line
they leave with a small logistic regression over features that describe the line's **shape**, not
its words:

* its separators (spaces, ``|``, ``、``, commas, slashes, dashes) and how regular the tokens between
  them are (count, mean length, spread), its punctuation and sentence ends, digits, Latin letters,
  URLs and domains, its length and position on the page;
* what its tokens are: the share that are places of the gazetteer (cpca), that end with a
  commercial head of :mod:`.sources`, jieba's part-of-speech profile of its words (nouns against
  verbs and grammatical words) and how rare its words are in general Chinese (wordfreq);
* the page around it: how much of the line's text (Han character pairs) the rest of the page and
  the title use, how many of its tokens occur elsewhere on the page, whether the lines either side
  are prose and how much of the page is.

Every feature is a bucket (``sep:space``, ``ntok:6-9``, ``place:>=0.6``): the model is additive over
them, its weights readable, and each cut names the features that weighed most for it in the audit
(``detector: line_model``).  The model is trained by ``tools/train_line_model.py`` on the lines of
labelled development pages from seven independently written generators and the seeds (as the
spam stage sees them: decoded, extracted and normalised, after the line rules) and on the
paragraphs of real crawled text as negatives; the weights ship as ``data/line_model.json``.

Guards the model never overrides: a table's row, a line of quoted speech, the headline, a short
line between two prose lines (a heading or an article's own short line), an enumeration of the
article's own (:func:`.enumerations.is_article_enumeration`), a headline written as a clause, a table's caption, one stretch of text
(no separator) holding a grammatical word; a kicker on the page's first line; clauses strung
without full stops; the lists whose kind the line rules judge and have kept (a labelled list of
plain items, a short place list between paragraphs, a list under a line that introduces it); a
gambling banner rule 11 takes; and every line of a page with too little article left to judge a
line against (:func:`too_little_article`).  A line of prose (:func:`is_prose_line`: the
pasted-sentence and comma detectors own sentences) is never read at all.
"""
from __future__ import annotations

import bisect
import functools
import json
import math
import re
from dataclasses import dataclass
from importlib import resources
from typing import Dict, FrozenSet, List, Mapping, Optional, Sequence, Tuple

from pagewash.transforms.lexicon import HAN, URL_HINT, han_pairs
from pagewash.transforms.record import Reason
from pagewash.transforms.spam.enumerations import is_article_enumeration
from pagewash.transforms.spam.injected import (FUNCTION_CHARS, GamblingHeaderLines, commercial_head_of, gambling_mentions,
                                               is_grammar_tag)
from pagewash.transforms.spam.rules import PLACE_LIST_MIN_INCOHERENT_INSIDE, place_list_tokens, strung_separator

MODEL_FILE = "line_model.json"
DETECTOR = "line_model"
REASON = Reason.KEYWORD_STUFFING
HEADLINE_REASON = Reason.SITE_TITLE
MIN_LINE_CHARS = 4
MAX_LINE_CHARS = 400  # a longer line is a paragraph
MAX_TAGGED_CHARS = 120  # the part-of-speech profile reads the line's start
TOP_FEATURES = 5
MAX_HEADING_CHARS = 30

_SEPARATORS = (("space", re.compile(r" +")), ("pipe", re.compile(r"[|｜¦]")), ("dun", re.compile(r"、")),
               ("comma", re.compile(r",")), ("semi", re.compile(r";")), ("slash", re.compile(r"/")),
               ("dash", re.compile(r"(?<=\S)[-_—–]+(?=\S)| [-_—–]+ ")), ("dot", re.compile(r"[·•]")),
               ("arrow", re.compile(r"[>»→]")))
_DASH_CHARS = "-_—–"  # what the dash separator is made of: a line without them has none (the costly pattern)


def _separator_counts(line: str) -> List[Tuple[str, int]]:
    dashes = _has_dash(line)
    return [(name, len(rx.findall(line)) if dashes or name != "dash" else 0) for name, rx in _SEPARATORS]


_TOKEN_SPLIT = re.compile(r"(?: +|[|｜¦、,;/·•>»→]|(?<=\S)[-_—–]+(?=\S)| [-_—–]+ )+")
_TOKEN_SPLIT_WITHOUT_DASHES = re.compile(r"(?: +|[|｜¦、,;/·•>»→])+")  # the same split of a line without dashes


def _has_dash(line: str) -> bool:
    return any(c in line for c in _DASH_CHARS)


_SENTENCE_END = re.compile(r"[。!?！？](?![。!?！？])")
_PUNCT = re.compile(r"[,。!?;:、,.!?;:“”\"'‘’()（）《》【】\[\]…]")
_DIGIT = re.compile(r"[0-9]")
_LATIN = re.compile(r"[A-Za-z]")
# The complements of one-character classes: what is left of a line without them is the class's
# characters, counted without a list of matches (half the CPU on long lines).
_NOT_LATIN = re.compile(r"[^A-Za-z]+")
_NOT_HAN = re.compile(f"[^{HAN}]+")


def _count_in_class(complement: re.Pattern, text: str) -> int:
    return len(complement.sub("", text))
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_DOMAIN = URL_HINT  # a top-level domain after a dot (the lexicon's), or a scheme
_QUOTE = re.compile(r"[“「『\"][^”」』\"]{4,}[”」』\"]")
_BRACKETS = re.compile(r"[【】\[\]]")
_LABEL = re.compile(r"^[^\s:]{1,8}:")
_NOUN_TAGS = ("n",)
_PROSE_MIN_CHARS = 40


def _b(value: float, edges: Tuple[float, ...]) -> str:
    """The bucket of ``value``: ``<e0``, ``e0-e1``, ..., ``>=eN`` (the first edge above it)."""
    return _bucket_names(edges)[bisect.bisect_right(edges, value)]


@functools.lru_cache(maxsize=None)  # one entry per edges tuple written in this module
def _bucket_names(edges: Tuple[float, ...]) -> Tuple[str, ...]:
    return ((f"<{edges[0]:g}",) + tuple(f"{lo:g}-{hi:g}" for lo, hi in zip(edges, edges[1:]))
            + (f">={edges[-1]:g}",))


def is_prose(line: str) -> bool:
    """A line of prose: long, ending a sentence."""
    s = line.strip()
    return len(s) >= _PROSE_MIN_CHARS and bool(_SENTENCE_END.search(s[-3:] if s else ""))


def tokens_of(line: str) -> List[str]:
    return list(_tokens(line.strip()))


@functools.lru_cache(maxsize=4096)  # the features, guards and page context split each line again
def _tokens(stripped: str) -> Tuple[str, ...]:
    split = _TOKEN_SPLIT if _has_dash(stripped) else _TOKEN_SPLIT_WITHOUT_DASHES
    return tuple(t for t in split.split(stripped) if t)


@functools.lru_cache(maxsize=4096)  # the page context and the features read each line's pairs
def _bigram_set(stripped: str) -> FrozenSet[str]:
    return frozenset(han_pairs(stripped))


@dataclass
class PageContext:
    """What the features read of the page around a line: computed once per page."""
    lines: Sequence[str]
    kept: Sequence[bool]
    prose: List[bool]
    bigram_counts: Dict[str, int]
    token_counts: Dict[str, int]
    title_bigrams: frozenset
    prose_share: float
    kept_count: int
    nonempty: List[int]

    @classmethod
    def of(cls, lines: Sequence[str], kept: Sequence[bool], title: Optional[str]) -> "PageContext":
        prose = [bool(k) and is_prose(line) for line, k in zip(lines, kept)]
        bigrams: Dict[str, int] = {}
        toks: Dict[str, int] = {}
        for line, k in zip(lines, kept):
            if not k or not line.strip():
                continue
            for g in _bigram_set(line.strip()):
                bigrams[g] = bigrams.get(g, 0) + 1
            for t in set(tokens_of(line)):
                if len(t) >= 2:
                    toks[t] = toks.get(t, 0) + 1
        nonempty = [i for i, line in enumerate(lines) if kept[i] and line.strip()]
        share = sum(prose[i] for i in nonempty) / len(nonempty) if nonempty else 0.0
        return cls(lines, kept, prose, bigrams, toks, frozenset(han_pairs(title or "")), share, len(nonempty), nonempty)

    def neighbour(self, i: int, step: int) -> Optional[int]:
        j = i + step
        while 0 <= j < len(self.lines):
            if self.kept[j] and self.lines[j].strip():
                return j
            j += step
        return None


def line_features(ctx: PageContext, i: int, gaz, lex) -> List[str]:
    """The features of line ``i`` of the page (strings; see the module docstring)."""
    head, tail = _shape_features(ctx, i)
    return head + _word_features(ctx.lines[i].strip(), gaz, lex) + tail


# Features that need the gazetteer, jieba's tags or word frequencies (most of the model's CPU); each
# prefix gives at most one feature a line, so their best weights bound what they can add to a score.
WORD_FEATURE_PREFIXES = ("place:", "head:", "short:", "noun:", "verb:", "gram:", "name:", "gram_ends:",
                         "zipf:", "rare:", "frame:", "clausetok:")


def _shape_features(ctx: PageContext, i: int) -> Tuple[List[str], List[str]]:
    """The features read off the line's characters and the page (before and after the word features)."""
    line = ctx.lines[i].strip()
    n = len(line)
    f = ["bias", "len:" + _b(n, (6, 10, 16, 24, 40, 60, 100, 200))]
    toks = tokens_of(line)
    nt = len(toks)
    f.append("ntok:" + _b(nt, (2, 3, 4, 6, 10, 20)))
    seps = _separator_counts(line)
    used = [(c, name) for name, c in seps if c]
    f.append("sep:" + (max(used)[1] if used else "none"))
    f.append("sepkinds:" + _b(len(used), (1, 2, 3)))
    if nt >= 2:
        lens = [len(t) for t in toks]
        mean = sum(lens) / nt
        sd = math.sqrt(sum((x - mean) ** 2 for x in lens) / nt)
        f.append("toklen:" + _b(mean, (2, 3, 4, 6, 10, 20)))
        f.append("tokcv:" + _b(sd / mean if mean else 0.0, (0.2, 0.4, 0.7)))
        f.append("ntok_toklen:" + _b(nt, (3, 6, 10)) + "/" + _b(mean, (3, 6, 12)))
    ends = len(_SENTENCE_END.findall(line))
    f.append("ends:" + _b(ends, (1, 2, 3)))
    f.append("endsent:" + str(bool(_SENTENCE_END.search(line[-2:]))))
    f.append("ends_len:" + _b(ends, (1, 2)) + "/" + _b(n, (16, 40, 100)))
    f.append("punct:" + _b(len(_PUNCT.findall(line)) / n, (0.02, 0.05, 0.1, 0.2)))
    f.append("digit:" + _b(len(_DIGIT.findall(line)) / n, (0.01, 0.1, 0.3)))
    f.append("latin:" + _b(_count_in_class(_NOT_LATIN, line) / n, (0.01, 0.1, 0.4, 0.8)))
    f.append("han:" + _b(_count_in_class(_NOT_HAN, line) / n, (0.3, 0.6, 0.85, 0.95)))
    if _URL.search(line):
        f.append("url")
    elif _DOMAIN.search(line):
        f.append("domain")
    if _QUOTE.search(line):
        f.append("quote")
    if _BRACKETS.search(line):
        f.append("brackets")
    if _LABEL.match(line):
        f.append("label")
    return f, _page_features(ctx, i, line, toks, ends)


def _word_features(line: str, gaz, lex) -> List[str]:
    f: List[str] = []
    toks = tokens_of(line)
    nt = len(toks)
    ends = len(_SENTENCE_END.findall(line))
    short = [t for t in toks if 2 <= len(t) <= 12]
    if nt:
        places = sum(1 for t in short if gaz.is_place(t) or gaz.leading_division(t))
        heads = sum(1 for t in short if commercial_head_of(t) and len(t) > 2)
        f.append("place:" + _b(places / nt, (0.01, 0.3, 0.6)))
        f.append("head:" + _b(heads / nt, (0.01, 0.2, 0.5)))
        f.append("short:" + _b(len(short) / nt, (0.3, 0.7, 0.95)))
    words = lex.tagged(line[:MAX_TAGGED_CHARS])
    wn = [w for w, t in words if t != "x" and w.strip()]
    if wn:
        tags = [t for w, t in words if t != "x" and w.strip()]
        k = len(tags)
        nouns = sum(1 for t in tags if t.startswith(_NOUN_TAGS)) / k
        verbs = sum(1 for t in tags if t.startswith("v")) / k
        gram = sum(1 for t in tags if is_grammar_tag(t)) / k
        names = sum(1 for t in tags if t.startswith(("nr", "ns", "nt", "nz"))) / k
        f.append("noun:" + _b(nouns, (0.3, 0.5, 0.7, 0.9)))
        f.append("verb:" + _b(verbs, (0.05, 0.15, 0.3)))
        f.append("gram:" + _b(gram, (0.01, 0.08, 0.2)))
        f.append("name:" + _b(names, (0.05, 0.2, 0.4)))
        f.append("gram_ends:" + _b(gram, (0.01, 0.1)) + "/" + _b(ends, (1, 2)))
        zipfs = [lex.zipf(w) for w in wn if len(w) >= 2]
        if zipfs:
            f.append("zipf:" + _b(sum(zipfs) / len(zipfs), (2, 3, 4, 5)))
            f.append("rare:" + _b(sum(1 for z in zipfs if z < 2.5) / len(zipfs), (0.05, 0.2, 0.4)))
    if nt >= 2:
        f.append(f"frame:{int(_is_clause(toks[0], lex))}{int(_is_clause(toks[-1], lex))}")
        clauses = sum(1 for t in toks if len(t) >= 4 and _is_clause(t, lex))
        f.append("clausetok:" + _b(clauses / nt, (0.01, 0.2, 0.5)))
    return f


def _page_features(ctx: PageContext, i: int, line: str, toks: List[str], ends: int) -> List[str]:
    f: List[str] = []
    nt = len(toks)
    # position on the page
    nonempty = ctx.nonempty
    if nonempty:
        rank = bisect.bisect_left(nonempty, i)
        f.append("pos:" + ("first" if rank == 0 else "last" if i >= nonempty[-1] else
                           _b(rank / max(1, len(nonempty) - 1), (0.25, 0.5, 0.75))))
    f.append("pagelines:" + _b(ctx.kept_count, (3, 6, 12, 25)))
    f.append("pageprose:" + _b(ctx.prose_share, (0.2, 0.4, 0.6, 0.8)))
    # overlap with the rest of the page and the title
    own = _bigram_set(line)
    alone = ctx.kept_count - (1 if ctx.kept[i] else 0) <= 0  # no other text on the page
    if own:
        mine = 1 if ctx.kept[i] else 0
        shared = sum(1 for g in own if ctx.bigram_counts.get(g, 0) - mine > 0) / len(own)
        f.append("pageoverlap:" + ("alone" if alone else _b(shared, (0.1, 0.3, 0.5, 0.7, 0.9))))
        if ctx.title_bigrams:  # a page without a title says nothing either way
            f.append("titleoverlap:" + _b(len(own & ctx.title_bigrams) / len(own), (0.01, 0.2, 0.5, 0.8)))
    if nt >= 2 and not alone:
        mine = 1 if ctx.kept[i] else 0
        rep = sum(1 for t in set(toks) if len(t) >= 2 and ctx.token_counts.get(t, 0) - mine > 0) / len(set(toks))
        f.append("tokrep:" + _b(rep, (0.01, 0.2, 0.5)))
    prev, nxt = ctx.neighbour(i, -1), ctx.neighbour(i, 1)
    pp = prev is not None and ctx.prose[prev]
    np_ = nxt is not None and ctx.prose[nxt]
    f.append(f"nbprose:{int(pp)}{int(np_)}")
    f.append(f"nbprose_ends:{int(pp) + int(np_)}/" + _b(ends, (1, 2)))
    return f


@dataclass(frozen=True)
class LineModel:
    weights: Mapping[str, float]
    bias: float
    threshold: float

    def score(self, feats: Sequence[str]) -> float:
        z = self.bias + sum(self.weights.get(x, 0.0) for x in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @functools.cached_property
    def _word_bound(self) -> float:
        """The most the word features can add to a line's logit (each prefix's best weight, or 0)."""
        return sum(max([0.0] + [w for x, w in self.weights.items() if x.startswith(p)]) for p in WORD_FEATURE_PREFIXES)

    def may_reach(self, shape: Sequence[str]) -> bool:
        """False when no word features could lift a line with these shape features to the threshold:
        the line is then left unread by the costly features (the same decisions, exactly: a margin
        far above float rounding)."""
        z = self.bias + sum(self.weights.get(x, 0.0) for x in shape) + self._word_bound
        t = self.threshold
        return t <= 0.0 or t >= 1.0 or z >= math.log(t / (1.0 - t)) - 1e-6

    def top(self, feats: Sequence[str], k: int = TOP_FEATURES) -> List[Tuple[str, float]]:
        ws = sorted(((self.weights.get(x, 0.0), x) for x in set(feats) if x != "bias"), key=lambda t: (-t[0], t[1]))
        return [(x, round(w, 3)) for w, x in ws[:k]]


@functools.lru_cache(maxsize=1)
def model() -> LineModel:
    data = json.loads(resources.files("pagewash.transforms.spam").joinpath("data", MODEL_FILE)
                      .read_text(encoding="utf-8"))
    return LineModel(weights=dict(data["weights"]), bias=float(data["bias"]), threshold=float(data["threshold"]))


_NUMERIC_CELL_SHARE = 0.4


def is_table_row(line: str) -> bool:
    """A row of a table (of :func:`.rules.table_lines`) the model leaves: a cell of numbers in it and
    no cell ending with a commercial head (a block of strung business names repeats its shape line
    after line, which is what a table does too; a number in one name does not make it a row)."""
    cells = tokens_of(line)
    numeric = sum(1 for c in cells if len(_DIGIT.findall(c)) >= _NUMERIC_CELL_SHARE * len(c))
    return numeric >= 1 and not any(len(c) > 2 and commercial_head_of(c) for c in cells)


MIN_ARTICLE_CHARS = 100  # of prose the rules left on the page (two short sentences): less describes no article
_CLAUSE_SPLIT = re.compile(r"(?: +|[;；]|…+|\.{3,})")
MIN_CLAUSE_CHARS = 4


BANNER_LINES = 3  # the page's first lines, where rule 11 judges gambling banners
MAX_KICKER_CHARS = 8  # a kicker or a column's heading: a few words


def is_first_line_heading(ctx: PageContext, i: int) -> bool:
    """A name alone on the page's first line with no commercial head, no domain and no Latin
    letters (``歌手小传``, ``国际观察``): a kicker or a column's heading.  A site's name over a
    hijacked page names a business (``...热线``, ``...网``, ``...娱乐``) or a domain."""
    line = ctx.lines[i].strip()
    return (bool(ctx.nonempty) and ctx.nonempty[0] == i and len(line) <= MAX_KICKER_CHARS
            and len(tokens_of(line)) == 1 and commercial_head_of(line) is None and not gambling_mentions(line)
            and not _DOMAIN.search(line) and not _LATIN.search(line))


def too_little_article(ctx: PageContext) -> bool:
    """A page with under :data:`MIN_ARTICLE_CHARS` characters of prose left: the page features
    (overlap with the article, prose around the line, the share of prose) describe no article,
    and the lines of a short note, a listing or a two-line post are the rules' to judge."""
    return sum(len(ctx.lines[j].strip()) for j in ctx.nonempty if ctx.prose[j]) < MIN_ARTICLE_CHARS


def is_strung_clauses(line: str, lex) -> bool:
    """Clauses written with spaces, semicolons or ellipses instead of full stops (a post, an
    official's points, reported speech): every part of :data:`MIN_CLAUSE_CHARS` characters or more
    says something (:func:`_has_predicate`).  Keywords strung between fragments of other texts
    have parts that say nothing: the rules and the model judge those."""
    if gambling_mentions(line) or strung_separator(line) is not None:
        return False  # a template's mark (``A ~ B ~ C``) strings items, not clauses
    parts = [x for x in _CLAUSE_SPLIT.split(line.strip()) if len(x) >= MIN_CLAUSE_CHARS]
    # a name (a commercial head at its end) is a clause only with a function character in it
    # (``今天去了人民医院``): beside a slogan (``久久娱乐 注册送彩金``) it is a name
    return len(parts) >= 2 and all(
        _has_predicate(x, lex) and not (commercial_head_of(x) and not any(c in FUNCTION_CHARS for c in x))
        for x in parts)


_SLASHED = re.compile(r"[/;]")


def is_template_place_list(value: str, gaz) -> bool:
    """Places strung with a template's mark (``A ● B ● C``, ``A ~ B ~ C``) or with slashes or
    semicolons (``A/B/C``): a service area's coverage under a label (``服务站点:``).  An author
    who lists places under a label writes them with ``、`` or commas (``途经:北京、天津、济南``)."""
    if gaz is None:
        return False
    return ((strung_separator(value) is not None or bool(_SLASHED.search(value)))
            and place_list_tokens(value, gaz) is not None)


def is_rules_list(ctx: PageContext, i: int, gaz) -> bool:
    """A list whose kind the line rules judge and have kept: a labelled line of plain items (``途经:``,
    ``主办:``; keyword labels go whatever follows, other labels when business names follow; items with
    a commercial head, a betting name or a number are the model's to judge), a place list
    between two paragraphs shorter than the rules' limit there (an author lists towns), or a line
    under an introducing line that ends with a colon (``三家门店的地址如下:``) and the list's lines after it."""
    line = ctx.lines[i].strip()
    label = _LABEL.match(line)
    if label:
        value = line[label.end():]
        # a list of plain items under a label of the article's own; an address, a phone number or a
        # betting name under a label is what hijacked pages print, and the model judges it
        items = tokens_of(value)
        return (len(items) >= 2 and not _DIGIT.search(value) and not gambling_mentions(value)
                and not any(len(t) > 2 and commercial_head_of(t) for t in items)
                and not is_template_place_list(value, gaz))
    j = ctx.neighbour(i, -1)
    while j is not None and not ctx.prose[j] and not ctx.lines[j].rstrip().endswith(":"):
        j = ctx.neighbour(j, -1)  # up the run of list lines to what introduces it
    if j is not None and ctx.lines[j].rstrip().endswith(":"):
        return True
    if gaz is None:
        return False
    found = place_list_tokens(line, gaz)
    prev, nxt = ctx.neighbour(i, -1), ctx.neighbour(i, 1)
    return (found is not None and len(found.places) < PLACE_LIST_MIN_INCOHERENT_INSIDE
            and prev is not None and nxt is not None and ctx.prose[prev] and ctx.prose[nxt])


def guarded(ctx: PageContext, i: int, tables: Sequence[bool], headline: Optional[str], lex, gaz=None) -> bool:
    """Lines the model never cuts (the module docstring's guards)."""
    line = ctx.lines[i].strip()
    if (tables[i] and is_table_row(line)) or _QUOTE.search(line):
        return True
    if (too_little_article(ctx) or is_first_line_heading(ctx, i) or is_strung_clauses(line, lex)
            or is_rules_list(ctx, i, gaz)):
        return True
    if headline and (line == headline.strip() or (len(line) >= 6 and line in headline)):
        return True
    toks = tokens_of(line)
    if len(toks) == 1 and any(is_grammar_tag(t) for _w, t in lex.tagged(line[:60])):
        return True  # one stretch of text with a grammatical word: a clause of the article, no name
    prev, nxt = ctx.neighbour(i, -1), ctx.neighbour(i, 1)
    if (len(toks) <= 1 and len(line) <= MAX_HEADING_CHARS and not _URL.search(line)
            and prev is not None and nxt is not None and ctx.prose[prev] and ctx.prose[nxt]):
        return True  # a heading or a short line of the article between its paragraphs
    if len(toks) == 1 and len(line) <= MAX_HEADING_CHARS and nxt is not None and (
            (ctx.prose[nxt] and _has_predicate(line, lex)) or tables[nxt]):
        return True  # a headline written as a clause over the article, a table's caption
    if len(toks) >= 3:
        context = "\n".join(ctx.lines[j] for j in range(len(ctx.lines)) if j != i and ctx.kept[j])
        if is_article_enumeration([t for t in toks if len(t) <= 12], context,
                                  known=lambda t: False, commercial=lambda t: commercial_head_of(t) is not None):
            return True
    return False


MIN_FUNCTION_CHARS = 2  # function characters that make a stretch a clause without tagging it


def _is_clause(text: str, lex) -> bool:
    """A stretch of text that holds a grammatical word or a verb (jieba's tags); two function
    characters (的 了 是 在 ...) in it say so without tagging it (most prose: the cheap path)."""
    head = text[:60]
    if sum(1 for c in head if c in FUNCTION_CHARS) >= MIN_FUNCTION_CHARS:
        return True
    return any(is_grammar_tag(t) or (t.startswith("v") and t != "vn") for _w, t in lex.tagged(head))


def _has_predicate(text: str, lex) -> bool:
    """A clause (:func:`_is_clause`) or a stretch with an adjective, which says something of a noun
    before it (``...秩序良好``): a headline, where a name has none."""
    return _is_clause(text, lex) or any(t in ("a", "ad") for _w, t in lex.tagged(text[:60]))


MIN_STRETCH_CHARS = 6
MAX_STRETCH_SPACES = 2


def is_prose_line(line: str, lex) -> bool:
    """A line of sentences: it ends one (or holds one), and every stretch between its sentence ends
    holds a grammatical word or a verb with at most :data:`MAX_STRETCH_SPACES` spaces in it.  A
    pasted sentence or a sentence with names between its commas is no line's shape: the pasted-
    sentence and comma detectors own them; the model never reads such a line."""
    s = line.strip()
    if not _SENTENCE_END.search(s):
        return False
    stretches = [x.strip() for x in _SENTENCE_END.split(s) if len(x.strip()) >= MIN_STRETCH_CHARS]
    return bool(stretches) and all(
        x.count(" ") <= MAX_STRETCH_SPACES and not _URL.search(x) and _is_clause(x, lex) for x in stretches)


def is_candidate(line: str, kept: bool, lex) -> bool:
    """A line the model reads: kept, of candidate length, not prose."""
    return kept and MIN_LINE_CHARS <= len(line.strip()) <= MAX_LINE_CHARS and not is_prose_line(line, lex)


def candidates(lines: Sequence[str], kept: Sequence[bool], lex) -> List[int]:
    return [i for i, line in enumerate(lines) if is_candidate(line, kept[i], lex)]


def drop_scored_lines(page, headline: Optional[str] = None, lm: Optional[LineModel] = None) -> None:
    """Cuts the lines the rules left that the model scores at or above its threshold (guards apart)."""
    lm = model() if lm is None else lm
    kept = [page.kept(i) for i in range(len(page.lines))]
    cands = candidates(page.lines, kept, page.lexicon)
    if not cands:
        return
    ctx = PageContext.of(page.lines, kept, page.title)
    tables = page.tables()
    hits = []
    for i in cands:
        head, tail = _shape_features(ctx, i)
        if not lm.may_reach(head + tail):
            continue  # no word feature could make it a cut
        feats = head + _word_features(ctx.lines[i].strip(), page.gazetteer, page.lexicon) + tail
        p = lm.score(feats)
        if p >= lm.threshold and not guarded(ctx, i, tables, headline, page.lexicon, page.gazetteer):
            hits.append((i, p, feats))
    first = next((j for j, line in enumerate(page.lines) if line.strip()), None)
    if hits and any(i in ctx.nonempty[:BANNER_LINES] for i, _p, _f in hits):
        # a gambling banner over the headline is rule 11's (its own guards, cut as a site title)
        banner = GamblingHeaderLines(page.lexicon, page.gazetteer, page.text())
        hits = [h for h in hits if h[0] not in ctx.nonempty[:BANNER_LINES] or banner.judge(page.lines[h[0]]) is None]
    for i, p, feats in hits:
        # a name alone on the page's first line is the site's name over it: cut as a site title, so
        # the quality stage still judges the page under it (the doorway test reads a cut headline)
        reason = HEADLINE_REASON if i == first and len(tokens_of(page.lines[i])) == 1 else REASON
        page.remove_line(i, reason, {"detector": DETECTOR, "score": round(p, 4),
                                     "features": [f"{x}={w}" for x, w in lm.top(feats)]})
