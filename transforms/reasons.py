"""Every reason code, as data: why a page was rejected, and why a span was cut from a kept page.

A *rejection* reason is the ``reason`` of a :class:`~pagewash.transforms.record.Rejected`
record (and of the ``rejected:<reason>`` counters).  A *removal* reason is a key of
``Doc.removed`` (characters cut from a page that is kept), a field of the output's
``removed`` struct and the reason of an ``audit/`` span.  :data:`REASONS` lists each code
once with the stage that gives it, its group and what it means; every consumer (the
output schema, the quality signal ``spam_removed_frac``, the spam rules' evidence, the
dedup keep order, the run report and the dataset card) reads the codes and groups from
here.  ``docs/ARCHITECTURE.md`` and ``docs/SPAM.md`` describe the rules behind them.

The order of :data:`REMOVAL_REASONS` is the field order of the output's ``removed``
struct: codes are only ever appended (``docs/SCHEMA.md``, compatibility).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, NamedTuple, Tuple


class Reason:
    """The reason codes, by name (``Reason.PLACE_LIST == "place_list"``)."""

    # read / decode / extract: rejections
    UNSUPPORTED_FILE = "unsupported_file"
    TOO_LARGE = "too_large"
    EMPTY_PAGE = "empty_page"
    NO_TEXT = "no_text"
    TOO_COMPLEX = "too_complex"
    EXTRACTION_TIMEOUT = "extraction_timeout"

    # extract: removals of the markup pre-pass (transforms/html_prepass.py)
    HTML_HIDDEN = "html_hidden"
    HTML_NAVIGATION = "html_navigation"
    HTML_COMMENTS = "html_comments"
    HTML_RELATED = "html_related"
    HTML_LINK_FARM = "html_link_farm"
    HTML_EDITOR_CREDIT = "html_editor_credit"
    HTML_BREADCRUMB = "html_breadcrumb"
    HTML_DATELINE = "html_dateline"
    # extract: removals of the text clean-up (transforms/extract.py)
    EDITOR_CREDIT = "editor_credit"
    COMMENTS = "comments"
    RAW_URL = "raw_url"

    # spam cleaning (transforms/spam): the rejection, then the removals
    SPAM_ONLY = "spam_only"
    METADATA_LINE = "metadata_line"
    SPAM_LINK = "spam_link"
    PAGE_FURNITURE = "page_furniture"
    SITE_TITLE = "site_title"
    PLACE_LIST = "place_list"
    KEYWORD_STUFFING = "keyword_stuffing"
    RELATED_BLOCK = "related_block"
    TEMPLATE_LINE = "template_line"
    INJECTED_KEYWORD = "injected_keyword"
    PASTED_SENTENCE = "pasted_sentence"
    # dedup (transforms/dedup/carry.py): a removal carried over from the cluster's other copies
    CLUSTER_SPAM = "cluster_spam"

    # quality (transforms/quality): the language filter, then the quality filters in the
    # order they are checked (the first failing one is the reason; docs/QUALITY.md)
    LANGUAGE_NOT_WANTED = "language_not_wanted"
    LOW_LANGUAGE_SCORE = "low_language_score"
    TOO_FEW_WORDS = "too_few_words"
    TOO_MANY_WORDS = "too_many_words"
    FLAGGED_WORDS = "flagged_words"
    PINYIN_ANNOTATIONS = "pinyin_annotations"
    MIXED_SCRIPTS = "mixed_scripts"
    TOO_MANY_URLS = "too_many_urls"
    DUPLICATE_LINES = "duplicate_lines"
    REPEATED_TOP_NGRAM = "repeated_top_ngram"
    DUPLICATE_NGRAMS = "duplicate_ngrams"
    TOO_MANY_SYMBOLS = "too_many_symbols"
    BULLET_LINES = "bullet_lines"
    ELLIPSIS_LINES = "ellipsis_lines"
    TOO_MANY_DIGITS = "too_many_digits"
    NON_ALPHABETIC = "non_alphabetic"
    TOO_FEW_STOPWORDS = "too_few_stopwords"
    SHORT_LINES = "short_lines"
    LOW_PUNCTUATION = "low_punctuation"
    NO_PARAGRAPH = "no_paragraph"
    LITTLE_PROSE = "little_prose"
    INCOHERENT_SENTENCES = "incoherent_sentences"
    DOORWAY_PAGE = "doorway_page"
    NOT_ARTICLE = "not_article"

    # dedup (transforms/dedup): duplicate_of names the kept document
    EXACT_DUPLICATE = "exact_duplicate"
    NEAR_DUPLICATE = "near_duplicate"


class Group:
    """The named groups of reasons every consumer uses."""

    # rejections
    INPUT = "input"  # what the readers cannot take
    EXTRACTION = "extraction"  # no article in the page
    LANGUAGE = "language"
    QUALITY = "quality"
    DUPLICATE = "duplicate"
    # removals
    SEO_SPAM = "SEO spam"  # text a spammer put on the page (spam_removed_frac, the dedup keep order)
    BOILERPLATE = "boilerplate"  # the site's furniture: navigation, related articles, comments, bare URLs
    METADATA = "metadata"  # datelines, sources, credits: their values go to the record's fields
    # (the rejection spam_only, a page with nothing but spam, is in SEO_SPAM too)


class ReasonInfo(NamedTuple):
    code: str
    kind: str  # REJECTION or REMOVAL
    stage: str  # the stage that gives it (read, decode, extract, spam, quality, dedup)
    group: str  # a Group
    summary: str


REJECTION = "rejection"
REMOVAL = "removal"

R, G = Reason, Group
REASONS: Tuple[ReasonInfo, ...] = (
    ReasonInfo(R.UNSUPPORTED_FILE, REJECTION, "read", G.INPUT, "a file the readers do not handle"),
    ReasonInfo(R.TOO_LARGE, REJECTION, "read", G.INPUT, "page bytes above --max_page_bytes"),
    ReasonInfo(R.EMPTY_PAGE, REJECTION, "decode", G.INPUT, "nothing at all in the input record"),
    ReasonInfo(R.TOO_COMPLEX, REJECTION, "extract", G.EXTRACTION,
               "more elements than --max_extract_elements (checked before parsing)"),
    ReasonInfo(R.NO_TEXT, REJECTION, "extract", G.EXTRACTION, "extraction found no text"),
    ReasonInfo(R.EXTRACTION_TIMEOUT, REJECTION, "extract", G.EXTRACTION,
               "stopped by the CPU backstop (--extract_cpu_seconds)"),

    ReasonInfo(R.HTML_HIDDEN, REMOVAL, "extract", G.BOILERPLATE, "hidden blocks (display:none, hidden, aria-hidden)"),
    ReasonInfo(R.HTML_NAVIGATION, REMOVAL, "extract", G.BOILERPLATE, "navigation markup (nav, menus)"),
    ReasonInfo(R.HTML_COMMENTS, REMOVAL, "extract", G.BOILERPLATE, "comment sections"),
    ReasonInfo(R.HTML_RELATED, REMOVAL, "extract", G.BOILERPLATE, "related-article blocks in the markup"),
    ReasonInfo(R.HTML_LINK_FARM, REMOVAL, "extract", G.BOILERPLATE, "blocks that are mostly links"),
    ReasonInfo(R.HTML_EDITOR_CREDIT, REMOVAL, "extract", G.METADATA, "editor-credit elements (责任编辑: ...)"),
    ReasonInfo(R.HTML_BREADCRUMB, REMOVAL, "extract", G.BOILERPLATE, "breadcrumb elements"),
    ReasonInfo(R.HTML_DATELINE, REMOVAL, "extract", G.METADATA, "dateline elements (date and source)"),
    ReasonInfo(R.EDITOR_CREDIT, REMOVAL, "extract", G.METADATA, "an editor credit at the end of the text"),
    ReasonInfo(R.COMMENTS, REMOVAL, "extract", G.BOILERPLATE, "a comment section at the end of the text"),
    ReasonInfo(R.RAW_URL, REMOVAL, "extract", G.BOILERPLATE, "bare URLs in the extracted text"),

    ReasonInfo(R.METADATA_LINE, REMOVAL, "spam", G.METADATA,
               "date/source, 原标题, 责编, copyright lines (values go to metadata)"),
    ReasonInfo(R.SPAM_LINK, REMOVAL, "spam", G.SEO_SPAM, "bare URLs, URL-only lines, sitemap links, link lists"),
    ReasonInfo(R.PAGE_FURNITURE, REMOVAL, "spam", G.BOILERPLATE, "share/print/breadcrumb/navigation lines"),
    ReasonInfo(R.SITE_TITLE, REMOVAL, "spam", G.SEO_SPAM, "the hijacking site's title, repeated or as a header"),
    ReasonInfo(R.PLACE_LIST, REMOVAL, "spam", G.SEO_SPAM, "lines/blocks of place names and addresses"),
    ReasonInfo(R.KEYWORD_STUFFING, REMOVAL, "spam", G.SEO_SPAM,
               "strings of short keywords, with any sentences pasted among them"),
    ReasonInfo(R.RELATED_BLOCK, REMOVAL, "spam", G.BOILERPLATE,
               "推荐阅读 / related-article headers and their headline lists"),
    ReasonInfo(R.TEMPLATE_LINE, REMOVAL, "spam", G.SEO_SPAM,
               "a short line the corpus shows on many unrelated pages of the site"),
    ReasonInfo(R.INJECTED_KEYWORD, REMOVAL, "spam", G.SEO_SPAM,
               "a place name / spam keyword put between commas in a sentence"),
    ReasonInfo(R.PASTED_SENTENCE, REMOVAL, "spam", G.SEO_SPAM,
               "a sentence of an unrelated article (transforms/spam/coherence.py)"),
    ReasonInfo(R.CLUSTER_SPAM, REMOVAL, "dedup", G.SEO_SPAM,
               "a span of the kept copy that other copies of the article had cut as spam"),
    ReasonInfo(R.SPAM_ONLY, REJECTION, "spam", G.SEO_SPAM, "a page with no text left once spam is cut"),

    ReasonInfo(R.LANGUAGE_NOT_WANTED, REJECTION, "quality", G.LANGUAGE, "lang not in --languages"),
    ReasonInfo(R.LOW_LANGUAGE_SCORE, REJECTION, "quality", G.LANGUAGE, "language id unsure (mixed or garbled text)"),
    ReasonInfo(R.TOO_FEW_WORDS, REJECTION, "quality", G.QUALITY, "near-empty page"),
    ReasonInfo(R.TOO_MANY_WORDS, REJECTION, "quality", G.QUALITY, "over Gopher's 100,000 words"),
    ReasonInfo(R.FLAGGED_WORDS, REJECTION, "quality", G.QUALITY, "gambling, porn, drugs, obscenity"),
    ReasonInfo(R.PINYIN_ANNOTATIONS, REJECTION, "quality", G.QUALITY, "創(chuàng)業: converted to dodge dedup"),
    ReasonInfo(R.MIXED_SCRIPTS, REJECTION, "quality", G.QUALITY, "half-converted Traditional/Simplified"),
    ReasonInfo(R.TOO_MANY_URLS, REJECTION, "quality", G.QUALITY, "link farm, bare link list"),
    ReasonInfo(R.DUPLICATE_LINES, REJECTION, "quality", G.QUALITY, "repeated lines (Gopher, FineWeb)"),
    ReasonInfo(R.REPEATED_TOP_NGRAM, REJECTION, "quality", G.QUALITY, "one n-gram dominates (Gopher)"),
    ReasonInfo(R.DUPLICATE_NGRAMS, REJECTION, "quality", G.QUALITY,
               "repeated passages, templated or spun text (Gopher)"),
    ReasonInfo(R.TOO_MANY_SYMBOLS, REJECTION, "quality", G.QUALITY, "separators, bullets, hashtags"),
    ReasonInfo(R.BULLET_LINES, REJECTION, "quality", G.QUALITY, "nearly all lines are bullets (Gopher)"),
    ReasonInfo(R.ELLIPSIS_LINES, REJECTION, "quality", G.QUALITY, "truncated snippets (Gopher)"),
    ReasonInfo(R.TOO_MANY_DIGITS, REJECTION, "quality", G.QUALITY, "number lists, lottery results"),
    ReasonInfo(R.NON_ALPHABETIC, REJECTION, "quality", G.QUALITY, "too few tokens with a letter (Gopher)"),
    ReasonInfo(R.TOO_FEW_STOPWORDS, REJECTION, "quality", G.QUALITY, "keyword or place lists, not prose"),
    ReasonInfo(R.SHORT_LINES, REJECTION, "quality", G.QUALITY, "navigation and index pages"),
    ReasonInfo(R.LOW_PUNCTUATION, REJECTION, "quality", G.QUALITY, "headline lists, menus (C4, FineWeb)"),
    ReasonInfo(R.NO_PARAGRAPH, REJECTION, "quality", G.QUALITY,
               "CJK text without one paragraph-length line: greetings, visitor counters"),
    ReasonInfo(R.LITTLE_PROSE, REJECTION, "quality", G.QUALITY,
               "CJK text mostly of lines that are not sentences: listings, greetings, counters"),
    ReasonInfo(R.INCOHERENT_SENTENCES, REJECTION, "quality", G.QUALITY,
               "sentences sharing no vocabulary: doorway pages of pasted sentences"),
    ReasonInfo(R.DOORWAY_PAGE, REJECTION, "quality", G.QUALITY,
               "a commercial name as the headline over sentences that never return to a rare word"),
    ReasonInfo(R.NOT_ARTICLE, REJECTION, "quality", G.QUALITY,
               "CJK text the page model takes for junk: listings, counters, link lists, doorways"),

    ReasonInfo(R.EXACT_DUPLICATE, REJECTION, "dedup", G.DUPLICATE, "same normalised text as the kept document"),
    ReasonInfo(R.NEAR_DUPLICATE, REJECTION, "dedup", G.DUPLICATE, "MinHash-verified near-duplicate (or its exact copy)"),
)
del R, G

BY_CODE: Dict[str, ReasonInfo] = {info.code: info for info in REASONS}

REJECTION_REASONS: Tuple[str, ...] = tuple(info.code for info in REASONS if info.kind == REJECTION)
# The output's ``removed`` struct, in field order.
REMOVAL_REASONS: Tuple[str, ...] = tuple(info.code for info in REASONS if info.kind == REMOVAL)


def reasons_in(group: str, kind: str = REMOVAL) -> FrozenSet[str]:
    """The codes of ``kind`` (removal or rejection) in ``group``."""
    return frozenset(info.code for info in REASONS if info.group == group and info.kind == kind)


def group_of(code: str) -> str:
    """The group of a reason code; ``"other"`` for a code not registered (a removal key a newer
    stage adds before it is listed here lands in the ``removed`` struct's ``other`` too)."""
    info = BY_CODE.get(code)
    return info.group if info else OTHER_GROUP


OTHER_GROUP = "other"

# Removals that are SEO spam (as opposed to boilerplate or metadata): what the quality signal
# spam_removed_frac counts and what the dedup keep order calls "spam found".
SPAM_REMOVAL_REASONS: FrozenSet[str] = reasons_in(Group.SEO_SPAM)
# Removals that show the spam rules a page was tampered with (which lowers the bar for injected
# place names and word lists in the page's head or tail): every SEO-spam removal but spam_link,
# since a cut link is evidence only when it is a sitemap link, which the link rule decides itself
# (transforms/spam/rules.py); metadata, furniture and related blocks are on clean pages too.
TAMPER_EVIDENCE_REASONS: FrozenSet[str] = SPAM_REMOVAL_REASONS - {Reason.SPAM_LINK}

REMOVAL_GROUPS: Tuple[str, ...] = (Group.SEO_SPAM, Group.BOILERPLATE, Group.METADATA)
REJECTION_GROUPS: Tuple[str, ...] = (Group.INPUT, Group.EXTRACTION, Group.SEO_SPAM, Group.LANGUAGE,
                                     Group.QUALITY, Group.DUPLICATE)
