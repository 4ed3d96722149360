"""HTML -> main article text and metadata.

The page is parsed once with lxml; trafilatura extracts the main article and
its metadata (title, date, site name, canonical URL) from that tree with its
own ``deduplicate`` turned off — that cache is process-global and would make
the output depend on processing order.  When trafilatura returns nothing, or a
fragment much shorter than the page's densest text block, the densest block
is used instead (:func:`densest_block_text`), so a page is not dropped because
its layout confused the extractor.  Text dumps skip this stage.
"""
from __future__ import annotations

import concurrent.futures
import logging
import re
from dataclasses import dataclass
from typing import List, NamedTuple, Optional, Union

import apache_beam as beam

from transforms.normalize import normalize_inline, normalize_text
from transforms.record import Doc, Kind, Reason, Rejected, reject
from transforms.stage import StageDoFn, StageOutputs, apply_stage, stage_counter

STAGE = "extract"


@dataclass(frozen=True)
class ExtractSettings:
    """How articles are extracted; the defaults are what the pipeline runs with."""

    include_tables: bool = True
    include_comments: bool = False  # comment sections are not the article
    favor_precision: bool = False
    favor_recall: bool = False
    # Use the densest block when trafilatura's text is shorter than this
    # fraction of it (and the block is at least min_fallback_chars long).
    fallback_ratio: float = 0.3
    min_fallback_chars: int = 200
    # Per-page wall-clock limit; a page over it is rejected, not waited for.
    max_extract_seconds: float = 30.0


class Article(NamedTuple):
    text: str
    title: Optional[str]
    published: Optional[str]
    site_name: Optional[str]
    canonical_url: Optional[str]
    method: str  # "trafilatura" | "densest_block"


_BLOCK_TAGS = frozenset(
    "address article aside blockquote body dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 "
    "h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul br".split()
)
_CONTAINER_TAGS = frozenset("div article section main td body".split())
_NOISE_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "form", "aside", "iframe",
               "select", "button", "template", "svg")
_SENTENCE_PUNCT = re.compile(r"[。，、；！？,.;!?]")

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def parse_html(html: str):
    """Parses markup once into an lxml tree (None when there is no tree to be had)."""
    from trafilatura.utils import load_html

    return load_html(html)


def _text_of(node) -> str:
    """The text of ``node`` with a line break at every block boundary."""
    parts: List[str] = []

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _NOISE_TAGS:
            if el.tail:
                parts.append(el.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    walk(node)
    return "".join(parts)


def densest_block_text(tree) -> str:
    """The text of the container holding the most non-link, punctuated text.

    Each text chunk counts toward its nearest container (div, article, section,
    main, td, body); anchor text counts for nothing and sentence punctuation
    adds weight, which suits Chinese pages whose paragraphs are long runs of
    characters without spaces.
    """
    scores: dict = {}
    stack = [(tree, None, False)]
    while stack:  # iterative: deeply nested pages must not hit the recursion limit
        el, container, in_link = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _NOISE_TAGS:
            continue
        if tag in _CONTAINER_TAGS:
            container = el
        link = in_link or tag == "a"
        if container is not None and el.text and not link:
            chunk = el.text.strip()
            if chunk:
                scores[container] = scores.get(container, 0) + len(chunk) + 10 * len(_SENTENCE_PUNCT.findall(chunk))
        for child in el:
            stack.append((child, container, link))
            if child.tail and container is not None and not in_link:
                chunk = child.tail.strip()
                if chunk:
                    scores[container] = scores.get(container, 0) + len(chunk) + 10 * len(_SENTENCE_PUNCT.findall(chunk))
    if not scores:
        return ""
    best = max(scores.items(), key=lambda item: item[1])[0]
    return normalize_text(_text_of(best))


def extract_article(html: str, url: Optional[str], settings: ExtractSettings) -> Optional[Article]:
    """The main article of a page, or None when the page holds no text at all."""
    import trafilatura

    tree = parse_html(html)
    if tree is None:
        return None
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        deduplicate=False,
        include_comments=settings.include_comments,
        include_tables=settings.include_tables,
        favor_precision=settings.favor_precision,
        favor_recall=settings.favor_recall,
    )
    text = normalize_text(document.text) if document is not None and document.text else ""
    title = published = site_name = canonical = None
    if document is not None:
        title, published = normalize_inline(document.title), document.date
        site_name, canonical = normalize_inline(document.sitename), document.url
    method = "trafilatura"
    if len(text) < 2 * settings.min_fallback_chars / settings.fallback_ratio:
        dense = densest_block_text(tree)
        if len(dense) >= settings.min_fallback_chars and len(text) < settings.fallback_ratio * len(dense):
            text, method = dense, "densest_block"
        elif not text:
            text, method = dense, "densest_block"
    if not text:
        return Article("", title, published, site_name, canonical, method)
    return Article(text, title, published, site_name, canonical, method)


def article_to_doc(doc: Doc, article: Article) -> Doc:
    meta = dict(doc.meta)
    meta["extraction"] = article.method
    if article.canonical_url and article.canonical_url != doc.url:
        meta["canonical_url"] = article.canonical_url
    return doc.replace(
        html=None,
        text=article.text,
        title=doc.title or article.title,
        published=doc.published or article.published,
        site_name=article.site_name,
        url=doc.url or article.canonical_url,
        meta=meta,
    )


def extract_page(doc: Doc, settings: ExtractSettings = ExtractSettings()) -> Union[Doc, Rejected]:
    """Extracts the article of an HTML page; text pages pass through unchanged."""
    if doc.kind != Kind.HTML:
        return doc
    article = extract_article(doc.html or "", doc.url, settings)
    if article is None or not article.text:
        return reject(doc.replace(html=None, text=""), STAGE, Reason.NO_TEXT, "no article text found")
    return article_to_doc(doc, article)


class _ExtractDoFn(StageDoFn):
    """Runs extraction under a wall-clock limit.

    Python cannot stop a running thread, so a page over the limit is rejected
    and its worker thread abandoned (the executor is replaced); the pre-read
    size limit keeps such pages rare.
    """

    def __init__(self, settings: ExtractSettings):
        super().__init__(STAGE)
        self.settings = settings

    def setup(self):
        import trafilatura  # noqa: F401  (import once per worker, not per page)

        self._executor = concurrent.futures.ThreadPoolExecutor(max_workers=1)

    def teardown(self):
        self._executor.shutdown(wait=False)

    def apply(self, doc: Doc):
        if doc.kind != Kind.HTML:
            return doc
        future = self._executor.submit(extract_page, doc, self.settings)
        try:
            result = future.result(timeout=self.settings.max_extract_seconds)
        except concurrent.futures.TimeoutError:
            self._executor.shutdown(wait=False)
            self._executor = concurrent.futures.ThreadPoolExecutor(max_workers=1)
            return reject(doc.replace(html=None, text=""), STAGE, Reason.EXTRACTION_TIMEOUT,
                          f"extraction took over {self.settings.max_extract_seconds}s")
        if isinstance(result, Doc):
            stage_counter(STAGE, f"method_{result.meta.get('extraction', 'text')}").inc()
        return result


class ExtractArticles(beam.PTransform):
    """Decoded HTML pages -> article text and metadata; pages with no text are rejected."""

    def __init__(self, settings: ExtractSettings = ExtractSettings()):
        super().__init__()
        self.settings = settings

    def expand(self, docs) -> StageOutputs:
        return apply_stage(docs, "Extract", _ExtractDoFn(self.settings))
