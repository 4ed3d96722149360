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

The **CPU backstop** is a separate worker process that runs the extraction
with ``RLIMIT_CPU`` set to ``cpu_seconds`` more than it has used: a page that
would run away (a parser bug, a pathological pattern the budget does not
see) is stopped by the kernel, the process and all its memory are gone, and
the page is rejected ``extraction_timeout``; the next page gets a fresh
worker.  A page within the budget never comes near it (100,000 elements take
about 6 s of CPU; the backstop is 60 s), so which pages it stops does not
depend on load.  The worker is forked from a forkserver that has the
extractor imported, and is replaced every ``recycle_after`` pages so no
per-page state outlives its pages.
"""
from __future__ import annotations

import multiprocessing
import re
import signal
from dataclasses import dataclass
from typing import List, Optional, Tuple, Union

from pagewash.transforms.extract import ExtractSettings, extract_page
from pagewash.transforms.record import Doc, ErrorRecord, Kind, Reason, Rejected, reject
from pagewash.transforms.stage import StageDoFn, stage_counter

STAGE = "extract"


@dataclass(frozen=True)
class WorkBudget:
    """What one page may cost the extractor."""

    max_elements: int = 100_000  # start tags in the markup
    max_depth: int = 200  # deeper tags are dropped before parsing (libxml2 gives up at 256)
    cpu_seconds: int = 60  # CPU backstop in the worker process; 0 runs extraction in-process, without it
    recycle_after: int = 2000  # pages per worker process before a fresh one


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
    if elements <= budget.max_depth:
        return doc
    flat, depth = flatten_deep_nesting(html, budget.max_depth)
    if flat is html:
        return doc
    stage_counter(STAGE, "deep_nesting_flattened").inc()
    meta = dict(doc.meta)
    meta["flattened_depth"] = str(depth)
    return doc.replace(html=flat, meta=meta)


# --------------------------------------------------------------------------- worker process
def _cpu_used() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _serve(conn, cpu_seconds: int) -> None:
    """The worker loop: (doc, settings) in, ("ok", result) or ("error", type, message) out."""
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # SIGXCPU would dump core
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    while True:
        try:
            doc, settings = conn.recv()
        except (EOFError, OSError):
            return
        soft = int(_cpu_used()) + 1 + cpu_seconds
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
        try:
            reply = ("ok", extract_page(doc, settings))
        except Exception as exc:  # the page's own error; the worker goes on
            reply = ("error", type(exc).__name__, str(exc)[:2000])
        conn.send(reply)


class ExtractionWorker:
    """One extraction process, replaced when it dies or has served ``recycle_after`` pages."""

    def __init__(self, budget: WorkBudget):
        self.budget = budget
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["pagewash.transforms.extract"])
        self._process = None
        self._conn = None
        self._served = 0

    def _start(self) -> None:
        parent, child = self._context.Pipe()
        self._process = self._context.Process(target=_serve, args=(child, self.budget.cpu_seconds), daemon=True)
        self._process.start()
        child.close()
        self._conn, self._served = parent, 0

    def stop(self) -> None:
        if self._process is not None:
            try:
                self._conn.close()
            finally:
                self._process.kill()
                self._process.join()
            self._process = self._conn = None

    def extract(self, doc: Doc, settings: ExtractSettings) -> Union[Doc, Rejected, ErrorRecord]:
        from multiprocessing.connection import wait

        if self._process is None or self._served >= self.budget.recycle_after:
            self.stop()
            self._start()
        self._served += 1
        try:
            self._conn.send((doc, settings))
        except (BrokenPipeError, OSError):
            pass  # the worker died: its sentinel says how
        ready = wait([self._conn, self._process.sentinel])
        if self._conn in ready:
            try:
                reply = self._conn.recv()
            except (EOFError, OSError):
                reply = None
            if reply is not None:
                if reply[0] == "ok":
                    return reply[1]
                return ErrorRecord(id=doc.id, source=doc.source, stage=STAGE, error_type=reply[1],
                                   message=reply[2])
        self._process.join()
        code = self._process.exitcode
        self._process = None
        self._conn.close()
        self._conn = None
        if code == -signal.SIGXCPU:
            stage_counter(STAGE, "cpu_backstop_stopped").inc()
            return reject(doc.replace(html=None, text=""), STAGE, Reason.EXTRACTION_TIMEOUT,
                          f"extraction used over {self.budget.cpu_seconds} s of CPU (stopped)")
        return ErrorRecord(id=doc.id, source=doc.source, stage=STAGE, error_type="ExtractorDied",
                           message=f"the extraction process ended with code {code} on this page")


class LimitedExtractDoFn(StageDoFn):
    """The extraction stage: work budget, then extraction in the CPU-limited worker."""

    def __init__(self, settings: ExtractSettings, budget: WorkBudget):
        super().__init__(STAGE)
        self.settings = settings
        self.budget = budget

    def setup(self):
        import trafilatura  # noqa: F401  (import once per worker, not per page)

        self._worker = ExtractionWorker(self.budget) if self.budget.cpu_seconds > 0 else None

    def teardown(self):
        if getattr(self, "_worker", None) is not None:
            self._worker.stop()

    def apply(self, doc: Doc):
        if doc.kind != Kind.HTML:
            return doc
        checked = within_budget(doc, self.budget)
        if not isinstance(checked, Doc):
            return checked
        if self._worker is None:
            result = extract_page(checked, self.settings)
        else:
            result = self._worker.extract(checked, self.settings)
        if isinstance(result, Doc):
            stage_counter(STAGE, f"method_{result.meta.get('extraction', 'text')}").inc()
        return result
