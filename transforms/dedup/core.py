"""The article core a document's MinHash signature is computed on.

Copies of one article differ in what the spam cleaner left on each: a keyword
line, a link title, a site-name header, a line of recommendations.  Each such
line costs the pair shingles, and on a short article two or three of them push
the Jaccard of two copies under the threshold, so the cluster is kept twice.
The signature therefore reads only the lines that carry the article
(:func:`core_text`), its **prose lines**: a CJK line with at least
:data:`~pagewash.transforms.quality.signals.PROSE_MIN_CJK_CHARS` CJK characters
and a sentence end, another line with at least :data:`MIN_PROSE_WORDS` words
and a sentence end.  Titles, headings, keyword, link and navigation lines are
not prose.  Whether a line is prose depends on that line alone, so two copies
agree on it line by line whatever else each carries.

When the prose is shorter than :data:`MIN_CORE_CHARS` characters or than
:data:`MIN_CORE_SHARE` of the text (short notices, lists, tables), the whole
text is used, less a leading **headline** (:func:`headline_of`: a first line
of at most :data:`HEADLINE_MAX_CHARS` characters that is not prose, followed
directly by a prose line): a one-paragraph copy whose text opens with its headline is
otherwise compared on headline shingles the longer copies' cores leave out
(their headline is not prose), and a headline of 17 characters is a quarter
of a 60-character paragraph's shingles.  The exact hash is always of the
whole text: exact duplicates are exact.

Sentences pasted *inside* an article's paragraphs are prose and stay in the
core: which sentences of a page share no vocabulary with the others (the
quality signal ``isolated_sentence_ratio``) changes from copy to copy with its
edits, and leaving them out lost true duplicate pairs on the dedup benchmark.
"""
from __future__ import annotations

import re

from pagewash.transforms.lexicon import CJK_TOKEN
from pagewash.transforms.quality.signals import TOKEN_RE, ends_sentence, is_prose_line

MIN_PROSE_WORDS = 8
MIN_CORE_CHARS = 100
MIN_CORE_SHARE = 0.3
_CJK_RE = re.compile(f"[{CJK_TOKEN}]")  # a character that is a token of its own (quality signals)
_SENTENCE_END_RE = re.compile(r"[。!?]|[^\W\d_][.!?;](?:\s|$)")


def is_core_line(line: str) -> bool:
    """Whether a line is article prose (see the module docstring)."""
    if _CJK_RE.search(line):
        return is_prose_line(line)
    if len(TOKEN_RE.findall(line)) < MIN_PROSE_WORDS:
        return False
    return ends_sentence(line) or _SENTENCE_END_RE.search(line) is not None


HEADLINE_MAX_CHARS = 64


def headline_of(text: str) -> str:
    """The first line of ``text`` when it is a headline: at most :data:`HEADLINE_MAX_CHARS`
    characters, not prose itself, and followed directly by a line that is; else ""."""
    first, _, rest = text.partition("\n")
    first = first.strip()
    if not first or not rest or len(first) > HEADLINE_MAX_CHARS or is_core_line(first):
        return ""
    return first if is_core_line(rest.partition("\n")[0]) else ""


def core_text(text: str) -> str:
    """The prose lines of ``text``, or, when they are too few, ``text`` itself less a leading
    headline (:func:`headline_of`)."""
    if not text:
        return text
    core = "\n".join(line for line in text.split("\n") if is_core_line(line))
    if len(core) < MIN_CORE_CHARS or len(core) < MIN_CORE_SHARE * len(text):
        if headline_of(text):
            return text.partition("\n")[2]
        return text
    return core
