"""The Beam shell of the spam cleaner.

:class:`CorpusSegmentStats` counts, over the whole input, on how many distinct
pages each short line and short token occurs, per site and globally, and keeps
the frequent ones as a bounded side input.  :class:`CleanSpam` computes it and
cleans every page with :func:`transforms.spam.clean.clean_doc`.
"""
from __future__ import annotations

from typing import Iterable, Iterator, List, Optional, Tuple

import apache_beam as beam
from apache_beam import pvalue

from pagewash.transforms.dedup.carry import with_spam_vocabulary
from pagewash.transforms.record import Doc, Reason, reject
from pagewash.transforms.spam.clean import clean_doc
from pagewash.transforms.spam.gazetteer import gazetteer
from pagewash.transforms.spam.lexicon import lexicon
from pagewash.transforms.spam.vocabulary import (
    GLOBAL_SCOPE,
    is_frequent,
    page_signature,
    page_units,
    rank_key,
    site_key,
    vocabulary_index,
)
from pagewash.transforms.spill import RemoveSpillWhenDone, SpillReader, SpillRecords, SpillRef, resolve
from pagewash.transforms.stage import Extra, StageDoFn, StageOutputs, apply_stage, stage_counter

STAGE = "spam"
AUDIT = "audit"  # the stage's further output: {"id", "reason", "text"} per removed span (with audit=True)

DEFAULT_MIN_PAGES = 3
DEFAULT_MIN_LINE_SHARE = 0.3
DEFAULT_MAX_PER_SITE = 2_000
DEFAULT_MAX_VOCAB = 100_000


def scoped_units(doc: Doc) -> Iterator[Tuple[str, str, str]]:
    """``(scope, unit, page signature)`` for each unit of the page, in its site's
    scope and in the global scope."""
    if not doc.text:
        return
    signature = page_signature(doc.text)
    for scope, unit in _scoped_units(doc):
        yield scope, unit, signature


def _scoped_units(doc: Doc) -> Iterator[Tuple[str, str]]:
    if not doc.text:
        return
    site = site_key(doc.site, doc.id)
    for unit in page_units(doc.text):
        yield site, unit
        yield GLOBAL_SCOPE, unit


def by_page_signature(doc: Doc) -> Tuple[str, Doc]:
    """``(page signature, doc)``; pages without text get the empty key (they have no units)."""
    return (page_signature(doc.text) if doc.text else ""), doc


def units_of_signature(pages: Iterable[Doc]) -> List[Tuple[str, str]]:
    """The ``(scope, unit)`` pairs of the pages that share one page signature, each
    once and sorted: a unit counts once per distinct signature in a scope."""
    seen = set()
    for doc in pages:
        seen.update(_scoped_units(doc))
    return sorted(seen)


class _UnitsOfSignature(beam.DoFn):
    """(signature, [doc or SpillRef]) -> ((scope, unit), 1) for each unit of the group, once."""

    def setup(self):
        self._reader = SpillReader()

    def teardown(self):
        self._reader.close()

    def process(self, element):
        signature, pages = element
        # references of one group are read in file order, so a spill file is opened once per run of them
        pages = sorted(pages, key=lambda p: (p.path, p.offset) if isinstance(p, SpillRef) else ("", 0))
        for scoped in units_of_signature(resolve(p, self._reader) for p in pages):
            yield scoped, 1


def _scopes(doc: Doc) -> Iterator[Tuple[str, int]]:
    if doc.text:
        yield site_key(doc.site, doc.id), 1
        yield GLOBAL_SCOPE, 1


def _frequent_in_scope(joined, min_pages: int, min_line_share: float):
    """``(scope, {"top": [[entries]], "pages": [n]})`` -> the entries that pass
    :func:`is_frequent` (at most max_per_site of them, already bounded)."""
    _scope, grouped = joined
    pages = sum(grouped["pages"])
    for top in grouped["top"]:
        for entry in top:
            (_s, unit), count = entry
            if is_frequent(unit, count, pages, min_pages, min_line_share):
                yield entry


class CorpusSegmentStats(beam.PTransform):
    """Docs -> one ``{scope: {unit: distinct pages}}`` dict: the short lines and
    tokens seen on at least ``min_pages`` distinct pages of a scope (a site, or
    the whole corpus), whole lines also on ``min_line_share`` of the scope's
    pages; at most ``max_per_site`` per scope and ``max_vocab`` in all, the most
    frequent first (ties broken by scope and unit, so the result does not
    depend on bundle order).

    Pages are "distinct" by their page signature: the pages are grouped by it
    (only references when ``keyed`` holds SpillRefs) and each group gives each
    of its units once, so no per-page unit is shuffled; then every step is a
    CombinePerKey, a bounded Top or a join on the scope key: no step holds
    more than one scope's top list in memory.

    Applied to ``docs``; with ``keyed``, the ``(page signature, doc or SpillRef)``
    pairs of the same docs (:func:`by_page_signature`) are used instead of
    keying them again."""

    def __init__(self, min_pages: int = DEFAULT_MIN_PAGES, min_line_share: float = DEFAULT_MIN_LINE_SHARE,
                 max_per_site: int = DEFAULT_MAX_PER_SITE, max_vocab: int = DEFAULT_MAX_VOCAB, keyed=None):
        super().__init__()
        self.min_pages = min_pages
        self.min_line_share = min_line_share
        self.max_per_site = max_per_site
        self.max_vocab = max_vocab
        self.keyed = keyed

    def expand(self, docs):
        min_pages = self.min_pages
        keyed = self.keyed if self.keyed is not None else docs | "BySignature" >> beam.Map(by_page_signature)
        top_per_scope = (
            keyed
            | "WithText" >> beam.Filter(lambda kv: bool(kv[0]))
            | "GroupBySignature" >> beam.GroupByKey()
            | "OncePerSignature" >> beam.ParDo(_UnitsOfSignature())
            | "CountPages" >> beam.CombinePerKey(sum)
            | "AtLeastMinPagesByScope" >> beam.FlatMap(lambda kv: [(kv[0][0], kv)] if kv[1] >= min_pages else [])
            | "TopPerScope" >> beam.combiners.Top.PerKey(self.max_per_site, key=rank_key)
        )
        pages_per_scope = (
            docs
            | "Scopes" >> beam.FlatMap(_scopes)
            | "CountScopePages" >> beam.CombinePerKey(sum)
        )
        return (
            {"top": top_per_scope, "pages": pages_per_scope}
            | "JoinScopePages" >> beam.CoGroupByKey()
            | "Frequent" >> beam.FlatMap(_frequent_in_scope, min_pages, self.min_line_share)
            | "TopOverall" >> beam.combiners.Top.Of(self.max_vocab, key=rank_key)
            | "Index" >> beam.Map(vocabulary_index)
        )


class CleanSpamDoFn(StageDoFn):
    """Cleans one Doc with the corpus vocabulary side input; a page left empty
    is rejected as ``spam_only``; with ``audit``, every removed span goes to the
    ``audit`` output."""

    def __init__(self, audit: bool = False):
        super().__init__(STAGE)
        self.audit = audit
        self._gazetteer = None
        self._lexicon = None

    def setup(self):
        self._gazetteer = gazetteer()
        self._lexicon = lexicon()  # jieba's dictionary and wordfreq's list, once per worker

    def apply(self, doc, corpus_vocab):
        cleaned, removals = clean_doc(doc, corpus_vocab, self._gazetteer, self._lexicon)
        # the page's learned spam units, for the dedup stage's cluster vocabulary
        cleaned = with_spam_vocabulary(cleaned, removals, self._gazetteer.is_division)
        for removal in removals:
            stage_counter(STAGE, f"chars_removed:{removal.reason}").inc(len(removal.text))
        if doc.text and not cleaned.text:
            yield reject(doc, STAGE, Reason.SPAM_ONLY, f"{len(removals)} spans removed, no text left")
        else:
            yield cleaned
        if self.audit:
            for removal in removals:
                yield Extra(AUDIT, {"id": doc.id, "reason": removal.reason, "text": removal.text,
                                    "evidence": dict(removal.evidence_or_rule())})


class CleanSpam(beam.PTransform):
    """Docs -> ``StageOutputs(docs, rejected, errors, extras={"audit": spans})``:
    corpus statistics of short lines and tokens, then every page cleaned with
    them as a side input.  With ``spill_dir``, the pages wait for the side input
    on disk (only references are held) and the directory is removed after.  With
    ``processes``, the cleaning runs in that many stage processes, pipelined (the same output)."""

    def __init__(self, min_pages: int = DEFAULT_MIN_PAGES, min_line_share: float = DEFAULT_MIN_LINE_SHARE,
                 max_per_site: int = DEFAULT_MAX_PER_SITE, max_vocab: int = DEFAULT_MAX_VOCAB,
                 audit: bool = False, spill_dir: Optional[str] = None, processes: int = 0):
        super().__init__()
        self.processes = processes  # > 0: the cleaning in that many stage processes (stage_pool.py)
        self.min_pages = min_pages
        self.min_line_share = min_line_share
        self.max_per_site = max_per_site
        self.max_vocab = max_vocab
        self.audit = audit
        self.spill_dir = spill_dir

    def expand(self, docs) -> StageOutputs:
        keyed = docs | "BySignature" >> beam.Map(by_page_signature)
        if self.spill_dir is not None:
            # the pages wait on disk for the vocabulary; only their signatures and references are held
            keyed = keyed | "SpillPages" >> beam.ParDo(SpillRecords(self.spill_dir))
        vocabulary = docs | "CorpusSegmentStats" >> CorpusSegmentStats(
            self.min_pages, self.min_line_share, self.max_per_site, self.max_vocab, keyed=keyed)
        waiting = keyed | "Pages" >> beam.Values()
        outputs = apply_stage(waiting, "Clean", CleanSpamDoFn(self.audit), pvalue.AsSingleton(vocabulary),
                              extras=(AUDIT,), processes=self.processes)
        if self.spill_dir is not None:
            _ = ((outputs.docs, outputs.rejected, outputs.errors, outputs.extras[AUDIT])
                 | "RemoveSpill" >> RemoveSpillWhenDone(self.spill_dir))
        return outputs
