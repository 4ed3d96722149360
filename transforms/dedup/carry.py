"""A near-duplicate cluster's learned spam vocabulary, carried to the member that is kept.

Copies of one article hijacked by different spam wrappers are cleaned one page at
a time, and the cleaner does not find the same spam on every copy.  What it cut
on any copy is evidence about all of them, so the dedup stage carries it:

1. **Learn** (:func:`spam_vocabulary`, called by the spam stage on each page):
   the spans the cleaner cut for an SEO-spam reason become *units*:
   ``l:<line>`` for a cut span of at most :data:`MAX_LINE_CHARS` characters without
   sentence punctuation, and ``t:<token>`` for each short chunk (2-12 characters,
   at least one CJK character, split at spaces, ``|``, ``、``, ``,``, ``;``, ``/``) of a
   span cut as keyword stuffing, an injected keyword, a site title or a template
   line.  Place names are not carried as tokens (place-list spans teach no token,
   and the spam stage passes its gazetteer's ``is_division`` to skip place names
   inside stuffing lines): a place name is a word of real sentences too; whole
   place-list lines are carried.  At most :data:`MAX_UNITS` units per
   page (tokens first, then shorter before longer, then by text), stored in
   ``Doc.spam_vocabulary``.
2. **Merge**: an exact group's representative and a cluster's kept member get the
   union of their members' units (:func:`merge_vocabularies`, at most
   :data:`MAX_CLUSTER_UNITS`, same order), so the result does not depend on the
   order the members were seen in.
3. **Apply** (:func:`apply_vocabulary`, to the kept member only, with the units it
   did not learn itself): exact matches only, nothing guessed --
   a line equal to an ``l:`` unit is cut; a line of two or more chunks that are all
   ``t:`` units is cut; in a line with two or more commas, a comma segment equal to
   a ``t:`` unit is cut with its comma.  If that would remove more than half of the
   text, nothing is cut (the vocabulary does not fit this copy).  What is cut is
   counted in ``Doc.removed["cluster_spam"]``.
"""
from __future__ import annotations

from typing import Callable, Iterable, List, Mapping, Optional, Sequence, Tuple

from pagewash.transforms.lexicon import LIST_SEPARATORS as _CHUNK_SEPARATORS
from pagewash.transforms.lexicon import SENTENCE_PUNCTUATION as _SENTENCE_PUNCTUATION
from pagewash.transforms.lexicon import SHORT_TOKEN as _SHORT_TOKEN
from pagewash.transforms.reasons import SPAM_REMOVAL_REASONS, Reason
from pagewash.transforms.record import Doc

LINE_UNIT, TOKEN_UNIT = "l:", "t:"
MAX_UNITS = 48
MAX_CLUSTER_UNITS = 96
MAX_LINE_CHARS = 40
MAX_CUT_SHARE = 0.5

# Reasons whose spans teach tokens (a place list teaches only its whole line).
TOKEN_REASONS = frozenset({Reason.KEYWORD_STUFFING, Reason.INJECTED_KEYWORD, Reason.SITE_TITLE,
                           Reason.TEMPLATE_LINE})
_STRIP = " ,、;|\t"


def _unit_order(unit: str) -> Tuple[bool, int, str]:
    return (not unit.startswith(TOKEN_UNIT), len(unit), unit)


def spam_vocabulary(removals: Iterable[Tuple[str, str]],
                    is_place: Optional[Callable[[str], bool]] = None) -> Tuple[str, ...]:
    """The units one page teaches: ``removals`` are ``(reason, text)`` of the spans cut;
    ``is_place`` tells place names, which are not carried as tokens."""
    units = set()
    for reason, text in removals:
        if reason not in SPAM_REMOVAL_REASONS:
            continue
        span = text.strip(_STRIP)
        if 2 <= len(span) <= MAX_LINE_CHARS and "\n" not in span and not _SENTENCE_PUNCTUATION.search(span):
            units.add(LINE_UNIT + span)
        if reason in TOKEN_REASONS:
            for chunk in _CHUNK_SEPARATORS.split(text):
                if _SHORT_TOKEN.match(chunk) and not (is_place and is_place(chunk)):
                    units.add(TOKEN_UNIT + chunk)
    return tuple(sorted(units, key=_unit_order)[:MAX_UNITS])


def with_spam_vocabulary(doc: Doc, removals: Sequence, is_place: Optional[Callable[[str], bool]] = None) -> Doc:
    """``doc`` with the units its cut spans teach in ``spam_vocabulary`` (unchanged when none).

    ``removals`` are the cleaner's :class:`~pagewash.transforms.spam.rules.Removal` objects."""
    units = spam_vocabulary(((r.reason, r.text) for r in removals), is_place)
    if not units:
        return doc
    return doc.replace(spam_vocabulary=tuple(units))


def vocabulary_of(doc: Doc) -> Tuple[str, ...]:
    """The units stored on ``doc`` (empty when it has none)."""
    return tuple(u for u in doc.spam_vocabulary if u.startswith((LINE_UNIT, TOKEN_UNIT)))


def merge_vocabularies(vocabularies: Iterable[Sequence[str]]) -> Tuple[str, ...]:
    """The union of several members' units, bounded and in a fixed order."""
    units = set()
    for vocabulary in vocabularies:
        units.update(vocabulary)
    return tuple(sorted(units, key=_unit_order)[:MAX_CLUSTER_UNITS])


def _cut_segments(line: str, tokens: frozenset) -> Tuple[str, List[str]]:
    """``line`` without the comma segments that are carried tokens (lines with >= 2 commas)."""
    if line.count(",") < 2:
        return line, []
    parts = line.split(",")
    kept, cut = [], []
    for i, part in enumerate(parts):
        # the last segment ends the sentence; the first starts it: both stay
        if 0 < i < len(parts) - 1 and part.strip() in tokens:
            cut.append(part + ",")
        else:
            kept.append(part)
    return ",".join(kept), cut


def apply_vocabulary(text: str, units: Sequence[str]) -> Tuple[str, List[str]]:
    """``text`` with the spans the units identify cut, and the cut spans (in text order)."""
    lines_units = frozenset(u[len(LINE_UNIT):] for u in units if u.startswith(LINE_UNIT))
    tokens = frozenset(u[len(TOKEN_UNIT):] for u in units if u.startswith(TOKEN_UNIT))
    if not text or not (lines_units or tokens):
        return text, []
    kept: List[str] = []
    cut: List[str] = []
    for line in text.split("\n"):
        stripped = line.strip(_STRIP)
        chunks = [c for c in _CHUNK_SEPARATORS.split(stripped) if c]
        if stripped and (stripped in lines_units or (len(chunks) >= 2 and all(c in tokens for c in chunks))):
            cut.append(line)
            continue
        line, segments = _cut_segments(line, tokens)
        cut.extend(segments)
        kept.append(line)
    if not cut or sum(map(len, cut)) > MAX_CUT_SHARE * len(text):
        return text, []
    return "\n".join(kept), cut


def apply_cluster_vocabulary(doc: Doc, units: Sequence[str]) -> Doc:
    """The kept member of a cluster cleaned with the units its other members learned.

    Returns ``doc`` itself when nothing is cut."""
    text, cut = apply_vocabulary(doc.text or "", units)
    if not cut:
        return doc
    removed: Mapping[str, int] = dict(doc.removed)
    removed = {**removed, Reason.CLUSTER_SPAM: removed.get(Reason.CLUSTER_SPAM, 0) + sum(map(len, cut))}
    return doc.replace(text=text, removed=removed)
