"""Quality signals of one document: pure functions over its (normalised) text.

Every signal is a float and is defined for both CJK and space-separated text.
The one idea that makes the English-centric heuristics (Gopher, C4, FineWeb)
work on Chinese is the **token**: a CJK character (Han or kana) is one token,
and any other run of letters/digits is one token (a word).  "Words" in Gopher's
rules become tokens here, so n-grams of Chinese text are character n-grams.

The names of :data:`SIGNAL_NAMES` are a schema: they are the
fields of the record's ``quality`` struct (transforms/schema.py, Parquet and JSON alike), so
they only ever get added to, never renamed.  ``docs/QUALITY.md`` defines each.
"""
from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from typing import Dict, Iterator, List, Mapping, Optional, Sequence, Tuple

import numpy as np

from pagewash.transforms.lexicon import CJK_TOKEN as _CJK_RANGES
# URLs and bare domains (the spam of the seeds has "whr.cc"), and the cheap test for a line that
# may hold one: the full pattern only runs on those lines.
from pagewash.transforms.lexicon import URL as _URL_RE
from pagewash.transforms.lexicon import URL_HINT as _URL_HINT_RE
from pagewash.transforms.lexicon import is_lottery_rule
from pagewash.transforms.reasons import SPAM_REMOVAL_REASONS
from pagewash.transforms.quality import lexicons
from pagewash.transforms.quality.doorway import doorway_signals
from pagewash.transforms.quality.page_model import MIN_CJK_RATIO as JUNK_MODEL_MIN_CJK_RATIO
from pagewash.transforms.quality.page_model import junk_page_probability

# Han (BMP, extension A, compatibility, supplementary planes) and kana (_CJK_RANGES): one token per character.
TOKEN_RE = re.compile(f"[{_CJK_RANGES}]|[^\\W_{_CJK_RANGES}]+")
_CJK_CHAR_RE = re.compile(f"[{_CJK_RANGES}]")

# Line-final characters that end a sentence, after NFKC (which folds ，：？！ to ,:?! and
# … to "...").  Chinese: 。 ? ! ... ” : ; plus the corner quotes 」』 of Traditional text;
# Latin: . ? ! " ' and the curly quotes.  ":" counts because the issue's Chinese set has
# "：" (a line that introduces what follows, e.g. a speaker's turn).  The full stops of other
# scripts count too: Devanagari/Bengali danda ।॥, Arabic ؟ and Urdu ۔, Armenian ։, Ethiopic ።,
# Myanmar ။.  “ closes a German quotation („Ok.“).
TERMINAL_PUNCTUATION = tuple(".?!。\"'”’“:;」』।॥؟۔։።။")
# A sentence ending anywhere in a line (for ``sentence_punct_ratio``): 。 ? ! and the other
# scripts' full stops; "." only after a letter and before a space, a quote or the end, so
# decimals (6.8), ellipses and domains do not count.
_SENTENCE_END_RE = re.compile(r"[。?!।॥؟۔։።။]|(?<=[^\W\d_])\.(?=[\s\"'”’)\]]|$)")
_SENTENCE_MARKS = "。?!।॥؟۔։።။"
_FULL_STOP_RE = re.compile(r"\.(?=[\s\"'”’)\]]|$)")
# Decorative and navigation symbols counted by ``symbol_ratio`` (Gopher counts "#" and
# "..."; web spam adds separators and bullets).  "|" inside table rows is not counted.
# A run of dots is one symbol (posts write "......" and "。。。" as one pause), and so is a
# hashtag of social posts, "#topic#" (the two marks around one topic).
_SYMBOL_RE = re.compile(r"#[^#\s]{1,30}#|\.{3,}|[#|•►▶★☆■□◆◇●○→»«]")
_BULLET_START = tuple("-*•·►▶★☆■□◆◇●○→»>")
# A CJK character followed by a parenthesised pinyin syllable with a tone (mark or digit):
# 創(chuàng)業, 資(zi1)訊.  Legitimate teaching pages annotate words, spam annotates characters.
_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_ANNOTATION_RE = re.compile(
    f"[{_CJK_RANGES}]\\((?:[a-zü]*[{_TONE_MARKS}][a-zü{_TONE_MARKS}]*|[a-zü]+[1-5])\\)",
    re.IGNORECASE,
)
_WHITESPACE = frozenset(" \n\t")

TOP_NGRAM_SIZES = (2, 3, 4)  # Gopher
DUP_NGRAM_SIZES = (5, 6, 7, 8, 9, 10)  # Gopher

SIGNAL_NAMES: Tuple[str, ...] = (
    "char_count",
    "word_count",
    "cjk_char_count",
    "cjk_ratio",
    "line_count",
    "mean_line_length",
    "line_punct_ratio",
    "table_line_ratio",
    "bullet_line_ratio",
    "ellipsis_line_ratio",
    "dup_line_frac",
    "dup_line_char_frac",
    *(f"top_{n}gram_char_frac" for n in TOP_NGRAM_SIZES),
    *(f"dup_{n}gram_char_frac" for n in DUP_NGRAM_SIZES),
    "symbol_ratio",
    "digit_ratio",
    "alpha_token_ratio",
    "stopword_count",
    "stopword_ratio",
    "url_ratio",
    "flagged_word_count",
    "flagged_word_ratio",
    "traditional_ratio",
    "trad_simp_mix",
    "pinyin_annotation_count",
    "pinyin_annotation_ratio",
    "spam_removed_frac",
    "sentence_punct_ratio",
    "max_paragraph_length",
    "prose_char_count",
    "prose_char_frac",
    "judged_sentence_count",
    "isolated_sentence_ratio",
    "keyword_led_line_ratio",
    "clause_prose_char_count",
    "script_minority_char_count",
    "keyword_tailed_line_ratio",
    "prose_flagged_word_count",
    "prose_symbol_ratio",
    "sentence_script_minority_char_count",
    "script_switch_count",
    "long_line_count",
    "dup_passage_char_frac",
    "name_table_row_count",
    "name_table_char_frac",
    "title_commercial_name",
    "title_doubled_phrase",
    "title_echo_count",
    "recurring_rare_word_count",
    "unflagged_prose_char_count",
    "gambling_sentence_count",
    "pasted_page_probability",
    "numbered_line_ratio",
    "junk_page_probability",
    "attributed_line_ratio",
    "lottery_rule_sentence_count",
)

# Signals are rounded so that JSON and Parquet output is byte-identical everywhere.
_DIGITS = 6


def _is_cjk(ch: str) -> bool:
    return _CJK_CHAR_RE.match(ch) is not None


# A data-table cell longer than this is prose laid out in a table (old layout tables).
_MAX_TABLE_CELL = 60
# A short parenthetical closing a sentence: the source of a news brief "。(德清县发改局)", "(完)".
_TRAILING_PAREN_RE = re.compile(r"\s*\([^()]{0,30}\)$")


def is_table_line(line: str) -> bool:
    """A row of a data table as trafilatura writes it: ``| a | b |`` or ``|---|---|``.

    Rows of layout tables (a cell holding a paragraph) are prose, not table rows.
    """
    if len(line) < 3 or line[0] != "|" or line[-1] != "|" or line.count("|") < 3:
        return False
    return all(len(cell.strip()) <= _MAX_TABLE_CELL for cell in line[1:-1].split("|"))


def ends_sentence(line: str) -> bool:
    """Whether a line ends with sentence-final punctuation (C4's rule, for CJK and Latin).

    Layout-table pipes around the line and a short closing parenthetical after
    the final punctuation (``...趋稳趋优。(德清县发改局)``) are looked through.
    """
    line = line.strip("| ")
    if line.endswith(")"):
        line = _TRAILING_PAREN_RE.sub("", line) or line
    return line.endswith(TERMINAL_PUNCTUATION)


def _has_token(line: str) -> bool:
    return any(ch.isalnum() for ch in line)


def _find_duplicates(items: Sequence[str]) -> Tuple[int, int]:
    """(number, total length) of items equal to an earlier item (Gopher's definition)."""
    seen = set()
    dup_items = dup_chars = 0
    for item in items:
        if item in seen:
            dup_items += 1
            dup_chars += len(item)
        else:
            seen.add(item)
    return dup_items, dup_chars


_HASH_BASE = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constant; n-gram hashes wrap mod 2**64


# A repeated passage: a run of consecutive repeated 10-grams covering at least this many tokens
# (a sentence or more copied: a question quoted in its answer, a headline repeated as the first
# line); templated text repeats runs of a few tokens between the words it swaps.
PASSAGE_MIN_TOKENS = 30


def _passage_chars(repeated_at: Sequence[int], n: int, prefix: np.ndarray) -> int:
    """Characters of the runs of consecutive repeated n-gram positions that cover at least
    :data:`PASSAGE_MIN_TOKENS` tokens."""
    total = 0
    start = previous = None
    for position in list(repeated_at) + [None]:
        if position is not None and previous is not None and position == previous + 1:
            previous = position
            continue
        if start is not None and previous - start + n >= PASSAGE_MIN_TOKENS:
            total += int(prefix[previous + n] - prefix[start])
        start = previous = position
    return total


def _ngram_char_counts(ids: np.ndarray, prefix: np.ndarray) -> Tuple[Dict[int, int], Dict[int, int]]:
    """Gopher's n-gram repetition measures, in characters, for every n of both tables.

    ``top[n]``: characters covered by the most frequent n-gram (its length times its
    count).  ``dup[n]``: characters in n-grams that occurred earlier in the document,
    scanning left to right and jumping past each duplicated n-gram so overlaps count
    once.  N-grams are compared by a 64-bit polynomial hash of their token ids
    (computed with numpy; a collision needs ~2**32 distinct n-grams in one document).

    An (n+1)-gram can only repeat where its leading n-gram repeats, so each n after
    the first looks only at the positions whose (n-1)-gram occurs more than once:
    ordinary prose has few, and the sorts shrink to them (same result as sorting all).
    """
    top: Dict[int, int] = {}
    dup: Dict[int, int] = {}
    total = len(ids)
    hashes = ids.astype(np.uint64) + np.uint64(1)
    candidates: Optional[np.ndarray] = None  # None: every position
    for n in range(2, max(DUP_NGRAM_SIZES) + 1):
        if total < n:
            top.setdefault(n, 0)
            dup.setdefault(n, 0)
            continue
        hashes = hashes[:-1] * _HASH_BASE + ids[n - 1:].astype(np.uint64) + np.uint64(1)
        lengths = prefix[n:] - prefix[:-n]
        if candidates is None:
            positions = np.arange(len(hashes))
        else:
            positions = candidates[candidates < len(hashes)]
        _, first, inverse, counts = np.unique(hashes[positions], return_index=True, return_inverse=True,
                                              return_counts=True)
        inverse = inverse.reshape(-1)
        if n in TOP_NGRAM_SIZES:
            if len(counts) and counts.max() > 1:
                best = int(np.argmax(counts))  # the lowest hash among the most frequent: deterministic
                top[n] = int(lengths[positions[first[best]]]) * int(counts[best])
            else:  # every n-gram occurs once: the one with the lowest hash, as a full sort would pick
                top[n] = int(lengths[int(np.argmin(hashes))])
        if n in DUP_NGRAM_SIZES:
            repeated_at = positions[np.flatnonzero(first[inverse] < np.arange(len(positions)))]
            repeated = 0
            next_free = 0
            for position in repeated_at.tolist():
                if position >= next_free:
                    repeated += int(lengths[position])
                    next_free = position + n
            dup[n] = repeated
            if n == max(DUP_NGRAM_SIZES):
                dup[0] = _passage_chars(repeated_at.tolist(), n, prefix)
        candidates = positions[counts[inverse] > 1]
    return top, dup


@functools.lru_cache(maxsize=None)
def _flagged_automaton():
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for term in lexicons.flagged_terms():
        automaton.add_word(term, (term, term.isascii()))
    automaton.make_automaton()
    return automaton


def flagged_matches(lowered: str) -> Tuple[int, int]:
    """(matches, characters covered) of flagged terms in lower-cased text (:func:`_flagged_matches`)."""
    return _flagged_matches(lowered)


# A sentence of an article: CJK characters enough for a prose line, closed by a sentence end
# (a closing quote or bracket after it allowed).
_CLOSED_SENTENCE_RE = re.compile(r"[。!?][”’\"')」』]*$")


def unflagged_prose_chars(sentences: Sequence[str]) -> int:
    """Characters of the sentences with at least :data:`PROSE_MIN_CJK_CHARS` CJK characters and a
    sentence end that carry no flagged term: the article that remains when every sentence naming
    gambling, drugs or porn is set aside (a banner line or a keyword tail the cleaner left)."""
    return sum(len(sentence) for sentence in sentences
               if cjk_char_count(sentence) >= PROSE_MIN_CJK_CHARS and _CLOSED_SENTENCE_RE.search(sentence)
               and not _flagged_matches(sentence.lower())[0])


def _flagged_matches(lowered: str) -> Tuple[int, int]:
    """(matches, characters covered) of flagged terms in lower-cased text.

    ASCII terms must match whole words; CJK terms match anywhere (no spaces).
    Overlapping matches (六合彩 inside 香港六合彩) cover their characters once.
    """
    if not lowered:
        return 0, 0
    spans: List[Tuple[int, int]] = []
    for end, (term, ascii_term) in _flagged_automaton().iter(lowered):
        start = end - len(term) + 1
        if ascii_term:
            before = lowered[start - 1] if start > 0 else " "
            after = lowered[end + 1] if end + 1 < len(lowered) else " "
            if before.isalnum() and before.isascii() or after.isalnum() and after.isascii():
                continue
        spans.append((start, end + 1))
    # the characters of the union of the matches, without the spaces inside multi-word terms
    covered_chars = 0
    run_start = run_end = -1
    for start, end in sorted(spans) + [(len(lowered) + 1, len(lowered) + 1)]:
        if start > run_end:
            if run_end > run_start:
                covered_chars += sum(1 for ch in lowered[run_start:run_end] if not ch.isspace())
            run_start, run_end = start, end
        elif end > run_end:
            run_end = end
    return len(spans), covered_chars


def longest_paragraph(lines: Sequence[str]) -> int:
    """Characters of the longest paragraph: a line, or a run of lines broken inside a
    sentence (a line with a comma that does not end a sentence, followed by a line that
    starts with a letter, digit or CJK character: a single ``<p>`` with line breaks,
    hard-wrapped text), joined."""
    return _longest_paragraph(lines, [ends_sentence(line) for line in lines])


def _longest_paragraph(lines: Sequence[str], line_ends: Sequence[bool]) -> int:
    """:func:`longest_paragraph` given whether each line ends a sentence."""
    best = run = 0
    for i, line in enumerate(lines):
        run += len(line)
        if run > best:
            best = run
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if not (following[:1].isalnum() and "," in line and not line_ends[i]):
            run = 0
    return best


def _sentence_ends(text: str) -> int:
    """Sentence ends anywhere in ``text`` (what ``_SENTENCE_END_RE`` matches), counted
    with ``str.count`` for the marks and one scan for the full stops."""
    count = sum(text.count(mark) for mark in _SENTENCE_MARKS)
    for match in _FULL_STOP_RE.finditer(text):
        start = match.start()
        if start and text[start - 1].isalpha():
            count += 1
    return count


# --- what remains: prose, or lines that are not sentences; sentences that cohere, or not ---

# A prose line of CJK text: at least this many CJK characters and a sentence end in it.
PROSE_MIN_CJK_CHARS = 16
# A sentence is judged for coherence when it has at least this many vocabulary units.
MIN_SENTENCE_UNITS = 4
_CJK_RUN_RE = re.compile(f"[{_CJK_RANGES}]+")
_CJK_BIGRAM_RE = re.compile(f"(?=([{_CJK_RANGES}]{{2}}))")  # every two adjacent CJK characters
# the runs of letters four long or longer (a shorter run matches nowhere, not even in part)
_LONG_LETTERS_RE = re.compile(r"[^\W\d_]{4,}")
_SENTENCE_SPLIT_RE = re.compile(r"(?<=[。!?])|(?<=[.!?;])\s+(?=[A-Z\"“‘(\[])")
_INNER_SENTENCE_END_RE = re.compile(r"[。!?]")
# A keyword header leading a line of sentences: a short phrase with a CJK character and no
# punctuation, then a space or a bar ("健身社区 由于偷窃犯身分不明,...", "健身社区|由于..."), or the
# phrase in 【】 ("【健身社区】由于..."); then CJK text.
_KEYWORD_LEAD_RE = re.compile(
    f"^(?:(?=[^\\s]*[{_CJK_RANGES}])[^\\s,.。!?;:、()\\[\\]【】\"“”'|]{{2,12}}(?:\\s+|\\s*[|丨]\\s*)"
    f"|【[^【】\\s,.。!?;:、]{{2,12}}】\\s*)(?=[{_CJK_RANGES}])")


def cjk_char_count(text: str) -> int:
    """CJK characters (tokens of one character) in ``text``: the lengths of its CJK runs
    summed (the same count as matching every character, in a fraction of the time)."""
    if text.isascii():
        return 0
    return sum(map(len, _CJK_RUN_RE.findall(text)))


def _line_cjk_counts(lines: Sequence[str]) -> List[int]:
    """:func:`cjk_char_count` of every line."""
    find = _CJK_RUN_RE.findall
    return [0 if line.isascii() else sum(map(len, find(line))) for line in lines]


def _is_prose(line: str, cjk: int, ends: Optional[bool] = None) -> bool:
    """:func:`is_prose_line` given the line's CJK count (and whether it ends a sentence)."""
    if cjk < PROSE_MIN_CJK_CHARS:
        return False
    if ends is None:
        ends = ends_sentence(line)
    return ends or _INNER_SENTENCE_END_RE.search(line) is not None


def is_prose_line(line: str) -> bool:
    """A line of CJK prose: at least :data:`PROSE_MIN_CJK_CHARS` CJK characters and a
    sentence end (at its end or inside it; a table row counts like any line)."""
    return _is_prose(line, cjk_char_count(line))


def _paragraph_spans(lines: Sequence[str], line_cjk: Sequence[int],
                     line_ends: Sequence[bool]) -> Iterator[Tuple[int, int, bool]]:
    """(first line, end line, is prose) of each paragraph of :func:`paragraph_runs`, given the
    lines' CJK counts and sentence ends; a paragraph is prose when its lines joined are a
    prose line (:func:`is_prose_line`: CJK characters and inner sentence ends add up over the
    lines, a one-line paragraph's end is its line's)."""
    start = 0
    for i, ends in enumerate(line_ends):
        if ends or line_cjk[i] < PROSE_MIN_CJK_CHARS:
            yield start, i + 1, _span_is_prose(lines, line_cjk, line_ends, start, i + 1)
            start = i + 1
    if start < len(lines):
        yield start, len(lines), _span_is_prose(lines, line_cjk, line_ends, start, len(lines))


def _span_is_prose(lines: Sequence[str], line_cjk: Sequence[int], line_ends: Sequence[bool],
                   start: int, end: int) -> bool:
    if end - start == 1:
        return _is_prose(lines[start], line_cjk[start], line_ends[start])
    return _is_prose("".join(lines[start:end]), sum(line_cjk[start:end]))


def paragraph_runs(lines: Sequence[str]) -> Iterator[List[str]]:
    """The paragraphs of CJK text: a line, or a run of lines broken inside a sentence (each
    line but the last with at least :data:`PROSE_MIN_CJK_CHARS` CJK characters and no
    sentence end at its end: a single ``<p>`` with line breaks, hard-wrapped text)."""
    line_cjk = _line_cjk_counts(lines)
    for start, end, _ in _paragraph_spans(lines, line_cjk, [ends_sentence(line) for line in lines]):
        yield list(lines[start:end])


def prose_paragraphs(lines: Sequence[str]) -> List[List[str]]:
    """The prose paragraphs (:func:`paragraph_runs`) of CJK text, each as its lines: those
    that are prose lines when joined (:func:`is_prose_line`)."""
    line_cjk = _line_cjk_counts(lines)
    spans = _paragraph_spans(lines, line_cjk, [ends_sentence(line) for line in lines])
    return [list(lines[start:end]) for start, end, prose in spans if prose]


def prose_chars_of(lines: Sequence[str]) -> int:
    """Characters of the prose paragraphs (:func:`prose_paragraphs`) of CJK text."""
    return sum(sum(map(len, run)) for run in prose_paragraphs(lines))


# Unpunctuated CJK prose: posts, reviews and comments often end no sentence at all and run
# clause after clause separated by commas or spaces ("物流挺快的,质量还不错,下次还来").  A
# line of at least CLAUSE_PROSE_MIN_CJK_CHARS CJK characters is clause prose when it has at
# least CLAUSE_PROSE_MIN_CLAUSES clauses (pieces between , ; 、 : ~ ', dot runs, whitespace
# and emoticon codes like [哈哈], with at least 2 CJK characters), of
# CLAUSE_PROSE_MIN_CLAUSE_CHARS CJK characters on average, and at least
# CLAUSE_PROSE_FUNCTION_SHARE of them hold a function character (the single-character words
# among wordfreq's most common Chinese words: 的 是 在 了 我 不 ...).  Keyword, place and
# link lists are short names without function characters.  A line with
# CLAUSE_PROSE_MAX_NAMES or more clauses that are bare commercial names (a brand before a
# commercial head of the spam stage, on jieba's word boundary:
# pagewash.transforms.spam.injected.commercial_head; no verb or function word in it but the
# heads themselves: 请速回某某县医院 is a request) between fragments of sentences is
# mixed keyword stuffing, not prose ("XX快3注册开户...窗户和阳台没有...XX婚庆公司...").
CLAUSE_PROSE_MIN_CJK_CHARS = 2 * PROSE_MIN_CJK_CHARS
CLAUSE_PROSE_MIN_CLAUSES = 3
CLAUSE_PROSE_MIN_CLAUSE_CHARS = 4.0
CLAUSE_PROSE_FUNCTION_SHARE = 0.6
CLAUSE_PROSE_MAX_NAMES = 2
CLAUSE_NAME_MAX_CHARS = 16
_CLAUSE_SPLIT_RE = re.compile(r"(?:[,;、:~']|\.{2,}|\s|\[[^\[\]\s]{1,8}\])+")


def is_clause_prose(paragraph: str) -> bool:
    """Whether a paragraph without a sentence end reads as clauses of prose (see above)."""
    return _is_clause_prose(paragraph, cjk_char_count(paragraph))


def _is_clause_prose(paragraph: str, cjk: int) -> bool:
    """:func:`is_clause_prose` given the paragraph's CJK count."""
    if cjk < CLAUSE_PROSE_MIN_CJK_CHARS:
        return False
    counted = [(c, cjk_char_count(c)) for c in _CLAUSE_SPLIT_RE.split(paragraph)]
    clauses = [c for c, n in counted if n >= 2]
    if len(clauses) < CLAUSE_PROSE_MIN_CLAUSES:
        return False
    if sum(n for _, n in counted if n >= 2) / len(clauses) < CLAUSE_PROSE_MIN_CLAUSE_CHARS:
        return False
    function = lexicons.function_chars()
    with_function = sum(1 for c in clauses if any(ch in function for ch in c))
    if with_function < CLAUSE_PROSE_FUNCTION_SHARE * len(clauses):
        return False
    return _commercial_name_clauses(clauses) < CLAUSE_PROSE_MAX_NAMES


def _commercial_name_clauses(clauses: Sequence[str]) -> int:
    """How many of ``clauses`` are bare commercial names (see :data:`CLAUSE_PROSE_MAX_NAMES`)."""
    from pagewash.transforms.spam.injected import commercial_head
    from pagewash.transforms.spam.lexicon import lexicon
    from pagewash.transforms.spam.sources import COMMERCIAL_HEADS

    lex = lexicon()
    names = 0
    for clause in clauses:
        clause = clause.strip()
        if not 2 < len(clause) <= CLAUSE_NAME_MAX_CHARS or not _NAME_CLAUSE_RE.match(clause):
            continue
        words = lex.tagged(clause)
        # a bare name: no verb or function word but the commercial heads (注册, 开户 are verbs)
        if (words and not any(tag.startswith(_CLAUSE_NOT_NAME_TAGS) and w.lower() not in COMMERCIAL_HEADS
                              for w, tag in words)
                and commercial_head(clause, words, lex.zipf) is not None):
            names += 1
    return names


# jieba's tags of the words a bare name does not hold: verbs, prepositions, conjunctions,
# particles, pronouns, adverbs, modal particles
_CLAUSE_NOT_NAME_TAGS = ("v", "p", "c", "u", "r", "d", "y")


_NAME_CLAUSE_RE = re.compile(f"^[0-9A-Za-z{_CJK_RANGES}]+$")


def clause_prose_chars_of(lines: Sequence[str]) -> int:
    """Characters of the lines of CJK text that are clause prose (:func:`is_clause_prose`),
    each judged on its own, outside the prose paragraphs (:func:`prose_chars_of`): a post is
    one line, and the lines of a headline list are not joined into clauses."""
    line_cjk = _line_cjk_counts(lines)
    spans = _paragraph_spans(lines, line_cjk, [ends_sentence(line) for line in lines])
    return _clause_prose_chars(lines, line_cjk, spans)


def _clause_prose_chars(lines: Sequence[str], line_cjk: Sequence[int],
                        spans: Sequence[Tuple[int, int, bool]]) -> int:
    """:func:`clause_prose_chars_of` given the lines' CJK counts and paragraph spans."""
    total = 0
    for start, end, prose in spans:
        if not prose:
            total += sum(len(lines[i]) for i in range(start, end) if _is_clause_prose(lines[i], line_cjk[i]))
    return total


def split_line_sentences(line: str) -> List[str]:
    """Sentences of one line: cut after 。 ! ? and, in Latin script, after . ! ? ; followed
    by a space and a capital, a quote or a bracket."""
    return [part for part in (p.strip() for p in _SENTENCE_SPLIT_RE.split(line)) if part]


def split_sentences(text: str) -> List[str]:
    """Sentences of ``text``, line by line (:func:`split_line_sentences`)."""
    return [sentence for line in text.split("\n") for sentence in split_line_sentences(line)]


def sentence_vocabulary(sentence: str) -> frozenset:
    """The units a sentence is compared on: its CJK character bigrams and its words of four
    or more letters (cut to six: a crude stem), without the most common words and
    characters of general text (:func:`lexicons.common_words`)."""
    common = lexicons.common_words()
    units = set()
    if not sentence.isascii():
        # a common character becomes a space: the bigrams left are those of two uncommon
        # characters, found overlapping in one scan
        units.update(_CJK_BIGRAM_RE.findall(sentence.translate(_common_char_breaks())))
        units.difference_update(common)
        latin = _CJK_RUN_RE.sub(" ", sentence.lower())
    else:
        latin = sentence.lower()
    units.update(word[:6] for word in _LONG_LETTERS_RE.findall(latin) if word not in common)
    return frozenset(units)


@functools.lru_cache(maxsize=None)
def _common_char_breaks() -> Dict[int, str]:
    """``str.translate`` table turning each common CJK character (a one-character word of
    :func:`lexicons.common_words`) into a space, which no CJK run crosses."""
    return {ord(word): " " for word in lexicons.common_words() if len(word) == 1 and _is_cjk(word)}


def sentence_isolation(text: str) -> Tuple[int, float]:
    """(sentences judged, share of them sharing no vocabulary unit with any other sentence).

    A sentence is judged when it has at least :data:`MIN_SENTENCE_UNITS` units.  The
    sentences of an article share its subject's words; sentences pasted from unrelated
    articles share none."""
    return _sentence_isolation(split_sentences(text))


def _sentence_isolation(sentences: Sequence[str]) -> Tuple[int, float]:
    """:func:`sentence_isolation` of the sentences of :func:`split_sentences`."""
    vocabularies = [v for v in map(sentence_vocabulary, sentences) if len(v) >= MIN_SENTENCE_UNITS]
    if not vocabularies:
        return 0, 0.0
    seen = Counter(itertools.chain.from_iterable(vocabularies))
    isolated = sum(1 for vocabulary in vocabularies if all(seen[unit] == 1 for unit in vocabulary))
    return len(vocabularies), isolated / len(vocabularies)


def keyword_led_share(lines: Sequence[str]) -> float:
    """Share of the lines with at least :data:`PROSE_MIN_CJK_CHARS` CJK characters that
    start with a keyword header (a short phrase without punctuation, a space, then text)."""
    return _keyword_led_share(_long_lines(lines, _line_cjk_counts(lines)))


def _long_lines(lines: Sequence[str], line_cjk: Sequence[int]) -> List[str]:
    """The lines with at least :data:`PROSE_MIN_CJK_CHARS` CJK characters."""
    return [line for line, cjk in zip(lines, line_cjk) if cjk >= PROSE_MIN_CJK_CHARS]


def _keyword_led_share(long_lines: Sequence[str]) -> float:
    if not long_lines:
        return 0.0
    return sum(1 for line in long_lines if _KEYWORD_LEAD_RE.match(line)) / len(long_lines)


# A list's number opening a line: ``1. ``, ``2、``, ``3)``, ``(4)``.
_LIST_NUMBER_RE = re.compile(r"^\s*(?:\d{1,2}[.、)]|\(\d{1,2}\))\s*\S")


def _numbered_share(long_lines: Sequence[str]) -> float:
    """Share of the long lines that open with a list's number: a quotation site's "sentences of the
    day" are numbered lines, each a sentence from elsewhere."""
    if not long_lines:
        return 0.0
    return sum(1 for line in long_lines if _LIST_NUMBER_RE.match(line)) / len(long_lines)


# A quotation's attribution closing a line: after the quotation's end, a dash and the speaker or the
# work (``...只相差一步。——拿破仑《拿破仑语录》``, ``...”—— 鲁迅``).
_ATTRIBUTION_RE = re.compile(r"[。!?”\"’…)\]]\s*(?:——|--|—)\s*[^。!?,]{1,30}$")


def _attributed_share(long_lines: Sequence[str]) -> float:
    """Share of the long lines that close with a quotation's attribution: a quotation site's list
    (an article quotes a saying now and then, never line after line)."""
    if not long_lines:
        return 0.0
    return sum(1 for line in long_lines if _ATTRIBUTION_RE.search(line)) / len(long_lines)


# A keyword tail closing a line of sentences: after the line's last sentence end, a short run
# of letters and digits without punctuation or space ("...的重要途径。供应发票", "...不容乐观。德城维修").
_KEYWORD_TAIL_RE = re.compile(f"[。!?][{_CJK_RANGES}A-Za-z0-9]{{2,12}}$")


def keyword_tailed_share(lines: Sequence[str]) -> float:
    """Share of the lines with at least :data:`PROSE_MIN_CJK_CHARS` CJK characters that end
    with a keyword tail (a short phrase glued after the last sentence end): the mirror of
    :func:`keyword_led_share`."""
    return _keyword_tailed_share(_long_lines(lines, _line_cjk_counts(lines)))


def _keyword_tailed_share(long_lines: Sequence[str]) -> float:
    if not long_lines:
        return 0.0
    return sum(1 for line in long_lines if _KEYWORD_TAIL_RE.search(line.strip())) / len(long_lines)


def sentence_line_symbol_ratio(lines: Sequence[str]) -> float:
    """``symbol_ratio`` over the lines of CJK text that are prose lines on their own
    (:func:`is_prose_line`: a sentence end and >= 16 CJK characters): the decoration of
    the sentences, without the listing lines (place and keyword lists joined by ``☆`` or
    ``|``) a page carries above or below them."""
    return _sentence_line_symbol_ratio([line for line in lines if is_prose_line(line)])


def _sentence_line_symbol_ratio(prose_lines: Sequence[str]) -> float:
    """:func:`sentence_line_symbol_ratio` of the lines already found to be prose lines."""
    symbols = tokens = 0
    for line in prose_lines:
        symbols += len(_SYMBOL_RE.findall(line))
        tokens += len(TOKEN_RE.findall(line))
    return _ratio(symbols, tokens)


def sentence_scripts(text: str, simp_only: frozenset, trad_only: frozenset) -> Tuple[int, int]:
    """(minority-script characters counted sentence by sentence, script switches between
    sentences), over the sentences of :func:`split_sentences`.  The first is the sum over
    sentences of min(Traditional-only, Simplified-only); the second counts the times the
    majority script changes from one sentence with at least two script-specific characters
    to the next.  A machine half-conversion mixes the scripts inside its sentences or from
    sentence to sentence; a Simplified answer quoting a Traditional passage keeps each
    sentence in one script and switches once or twice."""
    return _sentence_scripts(split_sentences(text), simp_only, trad_only)


def _sentence_scripts(sentences: Sequence[str], simp_only: frozenset, trad_only: frozenset) -> Tuple[int, int]:
    """:func:`sentence_scripts` of the sentences of :func:`split_sentences`."""
    minority = switches = 0
    previous = None
    for sentence in sentences:
        simp = trad = 0
        for ch in sentence:
            if ch in simp_only:
                simp += 1
            elif ch in trad_only:
                trad += 1
        minority += min(simp, trad)
        if simp + trad >= 2 and simp != trad:
            script = simp > trad
            if previous is not None and script != previous:
                switches += 1
            previous = script
    return minority, switches


# --- a table of named records: a reference listing, not prose and not a number list ---

# A record's key: a number (a code, a count, a figure: 653101, 1,024, 3.5%).
_TABLE_KEY_RE = re.compile(r"^[+-]?\d[\d,.]*%?$")
# A record's name: 2-20 characters of letters and digits (a place, a product, a team, an
# organisation, with a middle dot, dash or brackets inside), with at least two letters, no
# sentence punctuation, colon or space.
_TABLE_NAME_RE = re.compile(r"^[^\W_][\w·()\-]{1,19}$")
_TABLE_NAME_MAX_DIGIT_SHARE = 0.5
# A table of named records needs this many rows in a run: fewer are a line or two of figures.
NAME_TABLE_MIN_RUN = 3
NAME_TABLE_MAX_NAMES = 3  # names of one row besides its number (a place, its pinyin, its short form)
_CELL_SPACE = re.compile(r"\s")  # cells of one row apart: spaces or tabs
_CODE_AND_NAME_RE = re.compile(r"^([+-]?\d[\d,.]*%?):([^:]+)$")  # a code, a colon, its name (653101:某某县)


def _table_name(cell: str) -> bool:
    if not _TABLE_NAME_RE.match(cell):
        return False
    letters = sum(1 for ch in cell if ch.isalpha())
    return letters >= 2 and sum(1 for ch in cell if ch.isdigit()) <= _TABLE_NAME_MAX_DIGIT_SHARE * len(cell)


def _table_record(cells: Sequence[str]) -> Optional[Tuple[str, str]]:
    """(key, name) of a row that is one number and one to :data:`NAME_TABLE_MAX_NAMES` names, in any
    order (``653101 某某县``, ``某某县 796``, ``653101 某某县 moumouxian``: a name and its romanisation
    or short form), else None; the names of a row are its name, joined by a space."""
    cells = [c.strip() for c in cells]
    if not 2 <= len(cells) <= NAME_TABLE_MAX_NAMES + 1:
        return None
    keys = [c for c in cells if _TABLE_KEY_RE.match(c)]
    names = [c for c in cells if not _TABLE_KEY_RE.match(c)]
    if len(keys) != 1 or not all(_table_name(c) for c in names):
        return None  # several numbers a row: a listing of draws or scores, not a reference table
    return keys[0], " ".join(names)


def name_table_rows(lines: Sequence[str]) -> Tuple[int, int]:
    """(rows, characters) of the runs of records of a data table: rows pairing a number with a
    name (``653101 某某县``, ``某某县 796``, ``| 某某县 | 796 |``, ``653101:某某县``, a name's romanisation or short form
    beside it: ``653101 某某县 moumouxian``; or the cells on lines of their own as a table's text is
    laid out cell by cell), each run of at least :data:`NAME_TABLE_MIN_RUN` rows with no name and no
    key repeated in it.  A reference table (codes and places, figures by region) is this; a lottery
    listing repeats its game's name and holds several numbers a row, a visitor counter labels its
    figures with a colon.  Cells laid out one a line are paired from the top, and again with the
    number opening every row (a header row of labels above the cells shifts the first pairing): the
    pairing that finds more rows counts."""
    return max(_name_table_runs(lines, False), _name_table_runs(lines, True))


def _name_table_runs(lines: Sequence[str], key_first: bool) -> Tuple[int, int]:
    """:func:`name_table_rows` with one pairing of cells laid out one a line (``key_first``: a row's
    number opens it)."""
    records: List[Tuple[int, int, str, str]] = []  # (first line, last line, key, name)
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if is_table_line(line):
            cells = [c for c in line[1:-1].split("|")]
            record = _table_record(cells)
        elif _CELL_SPACE.search(line):
            record = _table_record(line.split())
        else:
            # a code and its name after a colon (441602:某某区): the number opens the row, unlike a
            # visitor counter's label and its figure (今日访问:1234)
            coded = _CODE_AND_NAME_RE.match(line)
            record = _table_record([coded.group(1), coded.group(2)]) if coded else None
        if record is not None:
            records.append((i, i, *record))
            i += 1
            continue
        if i + 1 < len(lines) and not (key_first and not _TABLE_KEY_RE.match(line)):
            record = _table_record([line, lines[i + 1].strip()])
            if record is not None and not _CELL_SPACE.search(line) and not _CELL_SPACE.search(lines[i + 1]):
                # laid out cell by cell: a key first takes the names after it up to the next key
                # (a third column, a name's pinyin); a name first is one cell with its key
                last = i + 1
                names = [record[1]]
                while (_TABLE_KEY_RE.match(line) and last + 1 < len(lines) and len(names) < NAME_TABLE_MAX_NAMES
                       and not _CELL_SPACE.search(lines[last + 1].strip())
                       and _table_name(lines[last + 1].strip()) and not _TABLE_KEY_RE.match(lines[last + 1].strip())):
                    last += 1
                    names.append(lines[last].strip())
                records.append((i, last, record[0], " ".join(names)))
                i = last + 1
                continue
        i += 1
    rows = chars = 0
    run: List[Tuple[int, int, str, str]] = []

    def close() -> None:
        nonlocal rows, chars
        if len(run) >= NAME_TABLE_MIN_RUN:
            rows += len(run)
            chars += sum(len(lines[k].strip()) for first, last, _, _ in run for k in range(first, last + 1))

    for record in records:
        if run and (record[0] != run[-1][1] + 1 or any(record[2] == r[2] or record[3] == r[3] for r in run)):
            close()
            run = []
        run.append(record)
    close()
    return rows, chars


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def quality_signals(text: Optional[str], removed: Optional[Mapping[str, int]] = None,
                    title: Optional[str] = None, cut_headline: Optional[str] = None) -> Dict[str, float]:
    """All quality signals of ``text`` (NFKC-normalised, lines separated by ``\\n``).

    ``title`` is the record's title: the doorway signals compare a headline that is a bare
    commercial name with the text (:mod:`pagewash.transforms.quality.doorway`), or ``cut_headline``
    (``Doc.cut_headline``: a first line the spam stage cut as a site's name) when the title is none.

    ``removed`` is the record's map of characters removed by cleaning
    (reason -> chars); its SEO-spam reasons (``SPAM_REMOVAL_REASONS``: not
    the page furniture or markup the extractor dropped) give ``spam_removed_frac``.  Returns a dict with
    exactly the keys of :data:`SIGNAL_NAMES`, every value a float.
    """
    text = text or ""
    lowered = text.lower()
    char_count = len(text)
    chars = Counter(text)
    whitespace = sum(chars[c] for c in _WHITESPACE if c in chars)
    nonspace = char_count - whitespace
    cjk_count = 0
    digit_count = 0
    simp_only, trad_only = lexicons.script_specific_chars()
    simp = trad = 0
    # one scan of the distinct characters for the CJK ones (a digit is never CJK)
    for ch in _CJK_CHAR_RE.findall("".join(chars)):
        count = chars[ch]
        cjk_count += count
        if ch in simp_only:
            simp += count
        elif ch in trad_only:
            trad += count
    for ch in filter(str.isdigit, chars):
        digit_count += chars[ch]

    lines = text.split("\n") if text else []
    line_count = len(lines)
    # what several signals ask of every line, computed once: CJK count, sentence end, table row
    line_cjk = _line_cjk_counts(lines)
    line_ends = [ends_sentence(line) for line in lines]
    table_lines = [is_table_line(line) for line in lines]
    prose_lines = [line for line, table in zip(lines, table_lines) if not table]
    punct_lines = sum(1 for ends, table in zip(line_ends, table_lines) if ends and not table)
    ellipsis_lines = sum(1 for line in prose_lines if line.endswith("..."))
    bullet_lines = sum(1 for line in lines if line.startswith(_BULLET_START))
    # separator lines ("-", "|", "×") are layout, not repeated content
    content_lines = [line for line in lines if _has_token(line)]
    dup_lines, dup_line_chars = _find_duplicates(content_lines)

    tokens = TOKEN_RE.findall(lowered)
    token_count = len(tokens)
    token_chars = sum(map(len, tokens))
    token_counts = Counter(tokens)
    vocab = {tok: i for i, tok in enumerate(token_counts)}
    ids = np.fromiter(map(vocab.__getitem__, tokens), dtype=np.int64, count=token_count)
    prefix = np.zeros(token_count + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, tokens), dtype=np.int64, count=token_count), out=prefix[1:])
    top_chars, dup_chars = _ngram_char_counts(ids, prefix)
    alpha_tokens = token_count - sum(map(token_counts.__getitem__, filter(str.isdigit, token_counts)))
    stopword_tokens = sum(token_counts[w] for w in lexicons.STOPWORDS if w in token_counts)

    symbols = len(_SYMBOL_RE.findall("\n".join(prose_lines)))
    # a hint in a line is a hint in the text (the pattern has no anchors): most texts have none
    url_chars = sum(len(m) for line in lines if _URL_HINT_RE.search(line)
                    for m in _URL_RE.findall(line)) if _URL_HINT_RE.search(text) else 0
    flagged_count, flagged_chars = _flagged_matches(lowered)
    pinyin_count = len(_PINYIN_ANNOTATION_RE.findall(text)) if "(" in text else 0
    removed_chars = sum(chars for reason, chars in (removed or {}).items() if reason in SPAM_REMOVAL_REASONS)

    signals: Dict[str, float] = {
        "char_count": char_count,
        "word_count": token_count,
        "cjk_char_count": cjk_count,
        "cjk_ratio": _ratio(cjk_count, nonspace),
        "line_count": line_count,
        "mean_line_length": _ratio(char_count - max(line_count - 1, 0), line_count),
        "line_punct_ratio": _ratio(punct_lines, len(prose_lines)),
        "table_line_ratio": _ratio(sum(table_lines), line_count),
        "bullet_line_ratio": _ratio(bullet_lines, line_count),
        "ellipsis_line_ratio": _ratio(ellipsis_lines, len(prose_lines)),
        "dup_line_frac": _ratio(dup_lines, len(content_lines)),
        "dup_line_char_frac": _ratio(dup_line_chars, sum(map(len, content_lines))),
    }
    for n in TOP_NGRAM_SIZES:
        signals[f"top_{n}gram_char_frac"] = _ratio(top_chars[n], char_count)
    for n in DUP_NGRAM_SIZES:
        signals[f"dup_{n}gram_char_frac"] = _ratio(dup_chars[n], char_count)
    signals.update({
        "symbol_ratio": _ratio(symbols, token_count),
        "digit_ratio": _ratio(digit_count, nonspace),
        "alpha_token_ratio": _ratio(alpha_tokens, token_count),
        "stopword_count": stopword_tokens,
        "stopword_ratio": _ratio(stopword_tokens, token_count),
        "url_ratio": _ratio(url_chars, char_count),
        "flagged_word_count": flagged_count,
        "flagged_word_ratio": _ratio(flagged_chars, token_chars),
        "traditional_ratio": _ratio(trad, trad + simp),
        "trad_simp_mix": _ratio(min(trad, simp), trad + simp),
        "pinyin_annotation_count": pinyin_count,
        "pinyin_annotation_ratio": _ratio(pinyin_count, cjk_count),
        "spam_removed_frac": _ratio(removed_chars, removed_chars + char_count),
        "sentence_punct_ratio": _ratio(_sentence_ends(text), token_count),
        "max_paragraph_length": _longest_paragraph(lines, line_ends),
    })
    spans = list(_paragraph_spans(lines, line_cjk, line_ends))
    prose_spans = [(start, end) for start, end, prose in spans if prose]
    prose_chars = sum(len(lines[i]) for start, end in prose_spans for i in range(start, end))
    prose_text = "\n".join("".join(lines[start:end]) for start, end in prose_spans)
    prose_flagged, _ = _flagged_matches(prose_text.lower())
    sentences = [sentence for line in lines for sentence in split_line_sentences(line)]
    judged, isolated = _sentence_isolation(sentences)
    # both need both scripts on the page, and symbols on it: most pages have neither
    sentence_minority, script_switches = (_sentence_scripts(sentences, simp_only, trad_only) if min(simp, trad)
                                          else (0, 0))
    prose_symbols = _sentence_line_symbol_ratio(
        [line for i, line in enumerate(lines)
         if not table_lines[i] and _is_prose(line, line_cjk[i], line_ends[i])]) if symbols else 0.0
    long_lines = _long_lines(lines, line_cjk)
    signals.update({
        "prose_char_count": prose_chars,
        "prose_char_frac": _ratio(prose_chars, char_count - max(line_count - 1, 0)),
        "judged_sentence_count": judged,
        "isolated_sentence_ratio": isolated,
        "keyword_led_line_ratio": _keyword_led_share(long_lines),
        "clause_prose_char_count": _clause_prose_chars(lines, line_cjk, spans),
        "script_minority_char_count": min(trad, simp),
        "keyword_tailed_line_ratio": _keyword_tailed_share(long_lines),
        "prose_flagged_word_count": prose_flagged,
        "prose_symbol_ratio": prose_symbols,
        "sentence_script_minority_char_count": sentence_minority,
        "script_switch_count": script_switches,
        "dup_passage_char_frac": _ratio(dup_chars.get(0, 0), char_count),
        "long_line_count": len(long_lines),
        "numbered_line_ratio": _numbered_share(long_lines),
        "attributed_line_ratio": _attributed_share(long_lines),
        "lottery_rule_sentence_count": sum(1 for sentence in sentences if is_lottery_rule(sentence)),
        # only a text with a flagged term is judged without its flagged sentences
        "unflagged_prose_char_count": unflagged_prose_chars(sentences) if flagged_count else 0,
    })
    # a table of named records needs digits on the page and short lines: most pages have neither
    table_rows, table_chars = name_table_rows(lines) if digit_count else (0, 0)
    signals["name_table_row_count"] = table_rows
    signals["name_table_char_frac"] = _ratio(table_chars, char_count - max(line_count - 1, 0))
    # a headline that is a commercial name over text that never comes back to a rare word: most
    # titles are not such a name, and then the segmenter does not run
    signals.update(doorway_signals(text, title, cjk_count > 0, cut_headline))
    out = {name: round(float(signals[name]), _DIGITS) for name in SIGNAL_NAMES if name != "junk_page_probability"}
    # the page model reads the other signals as they are stored (rounded), so that a stored
    # record scores the same; CJK text only, like the filter that reads it
    out["junk_page_probability"] = (round(junk_page_probability(out, text, title), _DIGITS)
                                    if out["cjk_ratio"] >= JUNK_MODEL_MIN_CJK_RATIO else 0.0)
    return {name: out[name] for name in SIGNAL_NAMES}


def tokenize(text: str) -> List[str]:
    """The tokens the signals count: each CJK character, and each other word (lower case)."""
    return TOKEN_RE.findall(text.lower())
