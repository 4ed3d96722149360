"""Bounded, deterministic extraction: a work budget checked before extracting, a CPU backstop.

The cost of extracting a page grows with its element count (about 50 µs of
CPU per element through the parser, the pre-pass and trafilatura, measured in
docs/EXTRACTION.md), so the budget is counted on the markup before any
parsing, with one regular-expression pass:

- **elements** (start tags): a page with more than ``max_elements`` is
  rejected ``too_complex``, whatever the machine's load (a wall-clock limit
  rejected different pages in different runs);
- **nesting depth**: libxml2 stops parsing at 256 levels and the article below
  that depth is lost; tags nested deeper than ``max_depth`` are dropped (their
  text is kept, see :func:`flatten_deep_nesting`), so the article is found.

The **CPU backstop** is a separate worker process (:mod:`transforms.extract_worker`) that runs the extraction
with ``RLIMIT_CPU`` set to ``cpu_seconds`` more than it has used: a page that
would run away (a parser bug, a pathological pattern the budget does not
see) is stopped by the kernel, the process and all its memory are gone, and
the page is rejected ``extraction_timeout``; the next page gets a fresh
worker.  A page within the budget never comes near it (100,000 elements take
about 6 s of CPU; the backstop is 60 s), so which pages it stops does not
depend on load.  The worker is replaced every ``recycle_after`` pages so no
per-page state outlives its pages.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
import signal
import subprocess
import sys
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple, Union

import apache_beam as beam

from pagewash.transforms.extract import Article, ExtractSettings, extract_article, page_from_article
from pagewash.transforms.extract_worker import read_frame, stop_child, write_frame
from pagewash.transforms.record import Doc, ErrorRecord, Kind, Reason, Rejected, reject
from pagewash.transforms.stage import StageDoFn, StageOutputs, apply_stage, emit_later, stage_counter

STAGE = "extract"


@dataclass(frozen=True)
class WorkBudget:
    """What one page may cost the extractor."""

    max_elements: int = 100_000  # start tags in the markup
    max_depth: int = 200  # deeper tags are dropped before parsing (libxml2 gives up at 256)
    cpu_seconds: int = 60  # CPU backstop in the worker process; 0 runs extraction in-process, without it
    recycle_after: int = 2000  # pages per worker process before a fresh one
    processes: int = 1  # extraction processes per pipeline worker, each with one page in flight


# A tag, a comment, or a doctype/processing instruction.
_TAG = re.compile(r"<(?:(!--)|(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>|[!?][^>]*>)")
_START_TAG = re.compile(r"<[A-Za-z]")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr keygen basefont "
                  "frame isindex command".split())
_RAW_TEXT = frozenset(("script", "style", "textarea", "title", "xmp", "plaintext", "noembed", "noframes"))
# Start tags that close an open element of the same group (libxml2's auto-close, simplified).
_SIBLING_GROUPS = {"p": "p", "li": "li", "dt": "d", "dd": "d", "tr": "tr", "td": "c", "th": "c",
                   "option": "option", "thead": "t", "tbody": "t", "tfoot": "t"}
_CLOSES_P = frozenset("address article aside blockquote div dl fieldset footer form h1 h2 h3 h4 h5 h6 header "
                      "hr main nav ol p pre section table ul".split())


_VOID_START = re.compile(r"<(?:br|img|meta|input|link|hr|area|base|col|embed|param|source|track|wbr)\b",
                         re.IGNORECASE)
_BOUND_CHUNK = 8192


def depth_upper_bound(html: str) -> int:
    """A cheap bound of the nesting depth (string counts per 8 KB chunk, no tokenising): start
    tags that are not void, less end tags, as a running balance; a chunk's start tags all count
    before its end tags.  Implicitly closed elements, comments and scripts only raise it."""
    voids = [0] * (len(html) // _BOUND_CHUNK + 1)
    for match in _VOID_START.finditer(html):
        voids[match.start() // _BOUND_CHUNK] += 1
    balance = peak = 0
    for index, start in enumerate(range(0, len(html), _BOUND_CHUNK)):
        chunk = html[start:start + _BOUND_CHUNK]
        closes = chunk.count("</")
        opens = chunk.count("<") - closes - chunk.count("<!") - voids[index]
        peak = max(peak, balance + opens)
        balance = max(0, balance + opens - closes)
    return peak


def count_elements(html: str) -> int:
    """Start tags in the markup (an upper bound of the parsed elements)."""
    if "<" not in html:
        return 0
    return len(_START_TAG.findall(html))


def _tags(html: str):
    """(start, end, name, closing, self_closing) of each tag, skipping comments and raw text."""
    pos, lower = 0, None
    while True:
        match = _TAG.search(html, pos)
        if match is None:
            return
        if match.group(1):  # a comment: skip to its end
            end = html.find("-->", match.end())
            pos = len(html) if end < 0 else end + 3
            continue
        name = match.group(3)
        pos = match.end()
        if not name:
            continue
        name = name.lower()
        closing = bool(match.group(2))
        yield match.start(), match.end(), name, closing, bool(match.group(4))
        if not closing and name in _RAW_TEXT:
            if lower is None:
                lower = html.lower()
            end = lower.find("</" + name, pos)
            pos = len(html) if end < 0 else end


def nesting_depth(html: str, limit: Optional[int] = None) -> Tuple[int, List[Tuple[int, int]]]:
    """The deepest element nesting of the markup (as an HTML parser would build it, roughly),
    and, when ``limit`` is given, the spans of the tags nested deeper than it."""
    stack: List[str] = []
    deepest, deep_spans = 0, []
    # A deep tag's span is dropped with its end tag: keep each open element's start span.
    spans: List[Optional[Tuple[int, int]]] = []
    for start, end, name, closing, self_closing in _tags(html):
        if closing:
            if name in stack:
                while stack:
                    top = stack.pop()
                    span = spans.pop()
                    if span is not None:  # a deep element: its start tag goes, and its end tag
                        deep_spans.append(span)
                        if top == name:
                            deep_spans.append((start, end))
                    if top == name:
                        break
            continue
        if name in _VOID or self_closing:
            continue
        group = _SIBLING_GROUPS.get(name)
        if group is not None:
            while stack and _SIBLING_GROUPS.get(stack[-1]) == group:
                stack.pop()
                span = spans.pop()
                if span is not None:
                    deep_spans.append(span)
        if name in _CLOSES_P and stack and stack[-1] == "p":
            stack.pop()
            span = spans.pop()
            if span is not None:
                deep_spans.append(span)
        stack.append(name)
        deepest = max(deepest, len(stack))
        spans.append((start, end) if limit is not None and len(stack) > limit else None)
    for span in spans:
        if span is not None:
            deep_spans.append(span)
    return deepest, deep_spans


def flatten_deep_nesting(html: str, max_depth: int) -> Tuple[str, int]:
    """``html`` without the tags nested deeper than ``max_depth`` (their text stays), and the depth found."""
    depth, spans = nesting_depth(html, max_depth)
    if depth <= max_depth:
        return html, depth
    pieces, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        pieces.append(html[pos:start])
        pos = end
    pieces.append(html[pos:])
    return "".join(pieces), depth


def within_budget(doc: Doc, budget: WorkBudget) -> Union[Doc, Rejected]:
    """The page as it will be extracted (deep nesting flattened), or its ``too_complex`` rejection."""
    if doc.kind != Kind.HTML:
        return doc
    html = doc.html or ""
    elements = count_elements(html)
    if elements > budget.max_elements:
        return reject(doc.replace(html=None, text=""), STAGE, Reason.TOO_COMPLEX,
                      f"{elements} elements > max_extract_elements {budget.max_elements}")
    if elements <= budget.max_depth or depth_upper_bound(html) <= budget.max_depth:
        return doc
    flat, _depth = flatten_deep_nesting(html, budget.max_depth)
    if flat is html:
        return doc
    stage_counter(STAGE, "deep_nesting_flattened").inc()
    return doc.replace(html=flat)


# --------------------------------------------------------------------------- worker process
class ExtractionWorker:
    """One extraction process (``python -m pagewash.transforms.extract_worker``), replaced when it
    dies or has served ``recycle_after`` pages.

    A plain subprocess, not multiprocessing: it needs no ``__main__`` guard in
    the program that runs the pipeline, and it starts clean (no threads or
    locks inherited from the runner).  It imports the extraction core only, not
    Beam.  Only the page's markup and URL go to it, and only the article comes back.
    """

    def __init__(self, budget: WorkBudget):
        self.budget = budget
        self._process: Optional[subprocess.Popen] = None
        self._served = 0

    def _start(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "pagewash.transforms.extract_worker", str(self.budget.cpu_seconds)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, close_fds=True)
        self._served = 0

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            stop_child(process)

    def send(self, doc: Doc, settings: ExtractSettings) -> None:
        """Hands the page to the process (started or replaced first if need be); :meth:`receive`
        collects its answer.  One page at a time: the process reads the next page only after
        it has written its answer, so a large page and a large answer never block each other."""
        if self._process is None or self._served >= self.budget.recycle_after:
            self.stop()
            self._start()
        self._served += 1
        try:
            write_frame(self._process.stdin, (doc.html or "", doc.url, settings))
        except (BrokenPipeError, OSError):
            pass  # the process is gone: receive() finds out why

    def receive(self, doc: Doc) -> Union[Article, None, Rejected, ErrorRecord]:
        """The answer for the page last sent: its article (None: no text), or the record of a page
        the process could not finish."""
        process = self._process
        try:
            reply = read_frame(process.stdout)
        except (BrokenPipeError, OSError):
            reply = None
        if reply is not None:
            if reply[0] == "ok":
                return reply[1]
            return ErrorRecord(id=doc.id, source=doc.source, stage=STAGE, error_type=reply[1], message=reply[2])
        code = process.wait()
        self.stop()
        if code == -signal.SIGXCPU:
            stage_counter(STAGE, "cpu_backstop_stopped").inc()
            return reject(doc.replace(html=None, text=""), STAGE, Reason.EXTRACTION_TIMEOUT,
                          f"extraction used over {self.budget.cpu_seconds} s of CPU (stopped)")
        return ErrorRecord(id=doc.id, source=doc.source, stage=STAGE, error_type="ExtractorDied",
                           message=f"the extraction process ended with code {code} on this page")

    def article(self, doc: Doc, settings: ExtractSettings) -> Union[Article, None, Rejected, ErrorRecord]:
        """The page's article (None: no text), or the record of a page the process could not finish."""
        self.send(doc, settings)
        return self.receive(doc)

    def extract(self, doc: Doc, settings: ExtractSettings) -> Union[Doc, Rejected, ErrorRecord]:
        outcome = self.article(doc, settings)
        if isinstance(outcome, (Rejected, ErrorRecord)):
            return outcome
        return page_from_article(doc, outcome)


class ArticleCache:
    """Articles of the pages a worker extracted last, by a digest of the page's markup and its URL.

    Extraction is a function of markup, URL and settings only, so an exact copy of a page
    gets the article its first copy got, whichever copy comes first: the output is the same
    as extracting every copy.  Bounded (least recently used go first); articles longer
    than ``max_chars`` are not kept.  Only pages that were extracted are kept, not the
    records of pages that failed."""

    def __init__(self, max_pages: int = 1024, max_chars: int = 100_000):
        self.max_pages = max_pages
        self.max_chars = max_chars
        self._articles: "OrderedDict[Tuple[bytes, Optional[str]], Optional[Article]]" = OrderedDict()

    @staticmethod
    def key(doc: Doc) -> Tuple[bytes, Optional[str]]:
        markup = (doc.html or "").encode("utf-8", "surrogatepass")
        return hashlib.blake2b(markup, digest_size=16).digest(), doc.url

    def get(self, key) -> Tuple[bool, Optional[Article]]:
        if key not in self._articles:
            return False, None
        self._articles.move_to_end(key)
        return True, self._articles[key]

    def put(self, key, article: Optional[Article]) -> None:
        if article is not None and len(article.text) > self.max_chars:
            return
        self._articles[key] = article
        if len(self._articles) > self.max_pages:
            self._articles.popitem(last=False)


class _Entry:
    """A page of the stage in arrival order: its answer (stage outputs) once known."""

    __slots__ = ("element", "doc", "key", "items", "timestamp", "window")

    def __init__(self, element, doc: Optional[Doc] = None, key=None, items: Optional[list] = None):
        self.element, self.doc, self.key, self.items = element, doc, key, items
        self.timestamp = self.window = None


def _for_copy(copy: Doc, outcome: Union[Rejected, ErrorRecord]) -> Union[Rejected, ErrorRecord]:
    """The record an exact copy of a page gets when the page's extraction failed: the same one,
    under the copy's id (extraction is a function of markup, URL and settings only)."""
    return dataclasses.replace(outcome, id=copy.id, source=copy.source)


class ExtractionPool:
    """Several extraction processes, each with one page in flight, answering in arrival order.

    While the processes extract, the calling process goes on with the rest of its fused steps
    (reading, decoding, the spam statistics, the spill of the extracted documents), and with two
    processes a worker that has one core of its own (the in-process runner) keeps both cores
    busy.  Answers leave in the order the pages came, each the answer extracting the pages one
    after the other gives (the same articles, the same copies reused), so the output does not
    depend on the number of processes.  An exact copy of a page in flight waits for its answer
    instead of being extracted again."""

    def __init__(self, budget: WorkBudget, settings: ExtractSettings, cache: "ArticleCache", finish):
        self.settings = settings
        self.cache = cache
        self._finish = finish  # (doc, article, reused) -> stage outputs
        self._idle = [ExtractionWorker(budget) for _ in range(max(1, budget.processes))]
        self._workers = list(self._idle)
        self._busy: "deque[Tuple[ExtractionWorker, _Entry]]" = deque()
        self._in_flight: Dict[object, List[_Entry]] = {}
        self._queue: "deque[_Entry]" = deque()

    def stop(self) -> None:
        for worker in self._workers:
            worker.stop()

    def add_done(self, entry: _Entry) -> None:
        """A page whose outputs are known already (not HTML, over budget, a reused article)."""
        self._queue.append(entry)

    def add(self, entry: _Entry) -> None:
        """A page to extract (its article is not in the cache)."""
        doc, key = entry.doc, entry.key
        self._queue.append(entry)
        waiting = self._in_flight.get(key)
        if waiting is not None:  # an exact copy of a page in flight
            waiting.append(entry)
            return
        if not self._idle:
            self._collect_oldest()
        worker = self._idle.pop()
        worker.send(doc, self.settings)
        self._in_flight[key] = [entry]
        self._busy.append((worker, entry))

    def _collect_oldest(self) -> None:
        worker, sent = self._busy.popleft()
        outcome = worker.receive(sent.doc)
        self._idle.append(worker)
        entries = self._in_flight.pop(sent.key)
        if isinstance(outcome, (Rejected, ErrorRecord)):  # not cached: each copy gets the same record
            for entry in entries:
                entry.items = [outcome if entry is sent else _for_copy(entry.doc, outcome)]
            return
        self.cache.put(sent.key, outcome)
        for entry in entries:
            entry.items = self._finish(entry, outcome, entry is not sent)

    def ready(self, drain: bool = False):
        """The entries whose answers are known, in arrival order (all of them with ``drain``)."""
        while self._queue:
            if self._queue[0].items is None:
                if not drain:
                    return
                self._collect_oldest()
                continue
            yield self._queue.popleft()


class LimitedExtractDoFn(StageDoFn):
    """The extraction stage: work budget, then extraction in the CPU-limited worker processes
    (:class:`ExtractionPool`); exact copies of a page this worker extracted recently reuse its
    article (:class:`ArticleCache`)."""

    def __init__(self, settings: ExtractSettings, budget: WorkBudget):
        super().__init__(STAGE)
        self.settings = settings
        self.budget = budget

    def setup(self):
        self._worker = ExtractionWorker(self.budget) if self.budget.cpu_seconds > 0 else None
        if self._worker is None:  # extraction in this process; else only the worker process imports trafilatura
            import trafilatura  # noqa: F401  (import once per worker, not per page)
        self._cache = ArticleCache()
        self._pool = None
        if self._worker is not None:
            self._pool = ExtractionPool(self.budget, self.settings, self._cache, self._finish)

    def teardown(self):
        for held in (getattr(self, "_worker", None), getattr(self, "_pool", None)):
            if held is not None:
                held.stop()
        super().teardown()

    def _checked(self, doc: Doc):
        """(the page as it will be extracted, its cache key), or (its record, None) when it is
        not extracted."""
        if doc.kind != Kind.HTML:
            return doc, None
        checked = within_budget(doc, self.budget)
        if not isinstance(checked, Doc):
            return checked, None
        return checked, ArticleCache.key(checked)

    @staticmethod
    def _result(checked: Doc, article: Optional[Article]):
        result = page_from_article(checked, article)
        if isinstance(result, Doc):
            stage_counter(STAGE, f"method_{result.meta.get('extraction', 'text')}").inc()
        return result

    def apply(self, doc: Doc):
        """One page at a time (the stage's pure form; the Beam step pipelines it, :meth:`process`)."""
        checked, key = self._checked(doc)
        if key is None:
            return checked
        cached, article = self._cache.get(key)
        if cached:
            stage_counter(STAGE, "exact_copy_reused").inc()
        else:
            if self._worker is None:
                article = extract_article(checked.html or "", checked.url, self.settings)
            else:
                article = self._worker.article(checked, self.settings)
                if isinstance(article, (Rejected, ErrorRecord)):
                    return article
            self._cache.put(key, article)
        return self._result(checked, article)

    def _finish(self, entry: _Entry, article: Optional[Article], reused: bool) -> list:
        try:
            if reused:
                stage_counter(STAGE, "exact_copy_reused").inc()
            return [self._result(entry.doc, article)]
        except Exception as exc:
            return [self._failed(entry.element, entry.doc, exc)]

    def process(self, element, timestamp=beam.DoFn.TimestampParam, window=beam.DoFn.WindowParam):
        if self._pool is None:
            yield from super().process(element)
            return
        entry = _Entry(element)
        entry.timestamp, entry.window = timestamp, window
        try:
            checked, key = self._checked(element)
            entry.doc, entry.key = checked, key
            if key is None:
                entry.items = [checked]
            else:
                cached, article = self._cache.get(key)
                if cached:
                    entry.items = self._finish(entry, article, True)
        except Exception as exc:
            entry.items = [self._failed(element, element, exc)]
        if entry.items is None:
            self._pool.add(entry)
        else:
            self._pool.add_done(entry)
        for ready in self._pool.ready():
            yield from emit_later(ready.items, ready.timestamp, ready.window)

    def finish_bundle(self):
        if self._pool is not None:
            for ready in self._pool.ready(drain=True):
                yield from emit_later(ready.items, ready.timestamp, ready.window)


class ExtractArticles(beam.PTransform):
    """Decoded HTML pages -> article text and metadata; pages with no text are rejected."""

    def __init__(self, settings: ExtractSettings = ExtractSettings(), budget: Optional[WorkBudget] = None):
        super().__init__()
        self.settings = settings
        self.budget = budget  # None: the default budget

    def expand(self, docs) -> StageOutputs:
        return apply_stage(docs, "Extract", LimitedExtractDoFn(self.settings, self.budget or WorkBudget()))
