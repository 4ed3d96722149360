"""The spam cleaner's entry points: :func:`clean_text` (text in, text out) and
:func:`clean_doc` (a :class:`~transforms.record.Doc` in, a cleaned Doc out).

Rules run in this order (docs/SPAM.md):

1. metadata lines out of the text, values into metadata;
2. spam links (and runs of label + URL lines); 3. page furniture and keyword lines;
   keyword tails after a paragraph;
4. the repeated site title (learns the site's keywords); a heading copied with a
   commercial name glued before it; a site's header; a banner of betting names opening
   the page (learns its names);
5. place-name lists; 6. keyword stuffing (both learn page vocabulary);
7. related-article blocks; business names one a line outside the article (learns them);
8. stuffing again, now with the vocabulary learned from the whole page; on a page
   that showed spam, keyword tails again;
9. template lines (corpus evidence); the site's name after the headline when a cut line names
   it; then what the line rules leave, scored by a small learned model of spam lines' shapes
   (:mod:`.line_model`);
10. keywords injected between commas (page and corpus vocabulary, then the
    segment's own words: bare commercial noun phrases, lone places; then what the rules
    leave, scored by a small learned model of injected segments);
11. gambling names glued to a sentence (its start, after its end) or alone between commas;
12. sentences pasted from unrelated articles (coherence with the page, a small learned model),
    then a betting site's own sentences (a learned scorer of their register, :mod:`.betting_text`),
    a lottery's rules and a site's reminders on gambling; when some went, rule 11 again (a pasted
    sentence on gambling is no mention of the page's own).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from pagewash.transforms.record import Doc, Kind, Reason
from pagewash.transforms.spam import comma_model, line_model, rules
from pagewash.transforms.spam.gazetteer import Gazetteer, gazetteer as default_gazetteer
from pagewash.transforms.spam.lexicon import Lexicon, lexicon as default_lexicon
from pagewash.transforms.spam.rules import Removal
from pagewash.transforms.spam.vocabulary import (
    EMPTY_CORPUS_VOCABULARY,
    GLOBAL_SCOPE,
    CorpusVocabulary,
    site_key,
)

# Metadata keys that go to Doc.meta (published goes to Doc.published).
META_KEYS = ("source_name", "author", "editor", "reporter", "original_title", "copyright")


@dataclass(frozen=True)
class CleanResult:
    text: str
    removals: Tuple[Removal, ...]
    metadata: Mapping[str, str] = field(default_factory=dict)
    title: Optional[str] = None  # the cleaned title when the given one was keyword-stuffed
    cut_headline: Optional[str] = None  # the first line, when it was cut whole as a site's name

    def removed_chars(self) -> Dict[str, int]:
        """reason -> characters removed."""
        counts: Dict[str, int] = {}
        for removal in self.removals:
            counts[removal.reason] = counts.get(removal.reason, 0) + len(removal.text)
        return counts


# A keyword the markup stuffed (<meta keywords>, a stuffed <title>, a hidden block) is
# page vocabulary when it is short like a spam keyword and not part of the headline.
MAX_MARKUP_KEYWORD_CHARS = 12


def markup_vocabulary(keywords: Sequence[str], title: Optional[str]) -> List[str]:
    """The markup keywords (``Doc.markup_keywords``, from the extractor) that teach page vocabulary."""
    return [kw for kw in (k.strip() for k in keywords)
            if 2 <= len(kw) <= MAX_MARKUP_KEYWORD_CHARS and not (title and kw in title)]


def prepare_page(text: str, *, title: Optional[str] = None,
                 vocabulary: CorpusVocabulary = EMPTY_CORPUS_VOCABULARY,
                 gazetteer: Optional[Gazetteer] = None, markup_keywords: Sequence[str] = (),
                 lexicon: Optional[Lexicon] = None) -> Tuple[rules.PageState, Optional[str]]:
    """The page's state before any rule ran, with the markup's and the title's vocabulary learned;
    and the cleaned title (None when the given one was not keyword-stuffed)."""
    page = rules.PageState(lines=text.split("\n"), gazetteer=gazetteer or default_gazetteer(),
                           corpus=vocabulary, title=title, lexicon=lexicon or default_lexicon())
    for keyword in markup_vocabulary(markup_keywords, title):
        page.vocab.add(keyword)
    return page, rules.learn_from_title(page)


def drop_spam_lines(page: rules.PageState, headline: Optional[str]) -> None:
    """Rules 1-9: the rules that judge whole lines (and keyword tails after a paragraph)."""
    rules.move_metadata_lines(page)
    rules.drop_spam_links(page)
    rules.drop_page_furniture(page)
    rules.drop_keyword_tails(page)
    rules.drop_wrapped_keyword_tails(page)
    rules.drop_site_titles(page)
    rules.drop_prefixed_titles(page)
    rules.drop_site_headers(page)
    rules.drop_betting_banners(page)
    rules.drop_foreign_script_names(page)
    rules.drop_place_lists(page)
    rules.drop_address_lists(page)
    rules.drop_false_addresses(page)
    rules.drop_contact_lines(page)
    learned = len(page.vocab)
    rules.drop_keyword_stuffing(page)
    rules.drop_related_blocks(page)
    rules.drop_name_line_runs(page)
    if len(page.vocab) != learned:
        rules.drop_keyword_stuffing(page)  # again, with what the stuffing lines taught
    if page.spam_evidence:
        rules.drop_keyword_tails(page)  # again: on a page that showed spam, shorter tails go
    rules.drop_template_lines(page, headline=headline)
    rules.drop_site_name_suffixes(page)  # last: the header lines that name the site have gone


def drop_spam_segments(page: rules.PageState) -> None:
    """Rules 10-12: spans inside the lines that stay (injected segments, glued names, pasted sentences)."""
    rules.drop_injected_keywords(page)
    rules.drop_injected_segments(page)
    comma_model.drop_scored_segments(page)
    rules.drop_lottery_segments(page)  # before the glued names: 某地时时彩走势图 goes whole, not its brand and head
    rules.drop_glued_gambling_names(page)
    rules.drop_bracketed_keywords(page)
    rules.drop_wrapped_clause_names(page)
    rules.drop_glued_clause_names(page)
    rules.drop_gambling_headers(page)
    pasted = len(page.cuts)
    rules.drop_pasted_sentences(page)
    rules.drop_betting_sentences(page)
    rules.drop_lottery_rules(page)
    rules.drop_gambling_reminders(page)
    if len(page.cuts) != pasted:
        # again: a pasted sentence on gambling or a lottery is no mention of the page's own
        rules.drop_lottery_segments(page)
        rules.drop_glued_gambling_names(page)


def clean_text(text: str, *, title: Optional[str] = None,
               vocabulary: CorpusVocabulary = EMPTY_CORPUS_VOCABULARY,
               gazetteer: Optional[Gazetteer] = None, markup_keywords: Sequence[str] = (),
               lexicon: Optional[Lexicon] = None) -> CleanResult:
    """Cleans one page's normalised text (paragraphs separated by ``\\n``).

    ``markup_keywords``: keywords the page's markup stuffed, learned as page vocabulary.
    ``lexicon``: jieba + wordfreq (:func:`~pagewash.transforms.spam.lexicon.lexicon` by default)."""
    if not text:
        return CleanResult(text or "", ())
    page, clean_title = prepare_page(text, title=title, vocabulary=vocabulary, gazetteer=gazetteer,
                                     markup_keywords=markup_keywords, lexicon=lexicon)
    drop_spam_lines(page, headline=clean_title or title)
    line_model.drop_scored_lines(page, headline=clean_title or title)
    drop_spam_segments(page)
    return CleanResult(text=page.text(), removals=tuple(page.removals()), metadata=dict(page.metadata),
                       title=clean_title, cut_headline=_cut_headline(page))


def _cut_headline(page: rules.PageState) -> Optional[str]:
    """The page's first non-empty line when a rule cut it whole as a site's name (``site_title``:
    a repeated site title, a site's header, a betting banner), else None."""
    for i, (line, reason) in enumerate(zip(page.lines, page.removed_by)):
        if not line.strip():
            continue
        if reason != Reason.SITE_TITLE or any(
                k == i and (removal.evidence or {}).get("detector") == "doubled_headline"
                for k, _order, removal in page.cuts):
            return None  # kept, cut for another reason, or a copy of the headline above itself
        return line.strip()
    return None


def corpus_vocabulary_for(doc: Doc, index: Optional[Mapping[str, Mapping[str, int]]]) -> CorpusVocabulary:
    """The corpus vocabulary of ``doc``'s site and of the whole corpus."""
    return CorpusVocabulary.for_scopes(index, (site_key(doc.site, doc.id), GLOBAL_SCOPE))


def clean_doc(doc: Doc, corpus_vocab: Optional[Mapping[str, Mapping[str, int]]] = None,
              gazetteer: Optional[Gazetteer] = None, lexicon: Optional[Lexicon] = None) -> Tuple[Doc, List[Removal]]:
    """Cleans ``doc.text``; merges ``removed`` (reason -> characters), fills
    ``published`` when empty and puts the other boilerplate values into ``meta``
    (keys not already set).  ``corpus_vocab`` is the side input of
    :class:`transforms.spam.beam.CorpusSegmentStats` (``{scope: {unit: pages}}``)."""
    if not doc.text:
        return doc.replace(markup_keywords=()), []
    result = clean_text(doc.text, title=doc.title, vocabulary=corpus_vocabulary_for(doc, corpus_vocab),
                        gazetteer=gazetteer, markup_keywords=doc.markup_keywords, lexicon=lexicon)
    doc = doc.replace(markup_keywords=())  # learned: they go no further
    if not result.removals and result.title is None:
        return _with_headline_title(doc), []
    removed = dict(doc.removed)
    for reason, chars in result.removed_chars().items():
        removed[reason] = removed.get(reason, 0) + chars
    meta = dict(doc.meta)
    for key in META_KEYS:
        value = result.metadata.get(key)
        if value and key not in meta:
            meta[key] = value
    changes = dict(text=result.text, removed=removed, meta=meta)
    if not doc.published and result.metadata.get("published"):
        changes["published"] = result.metadata["published"]
    if result.title is not None:
        changes["title"] = result.title
    if result.cut_headline is not None and not doc.title and _opens_with_paragraph(result.text):
        # a page without a title of its own whose only headline was a site's name: the quality
        # stage judges what remains under that name (a short line of one sentence under the cut
        # name is the page's own headline: a question over its answers, an article's title)
        changes["cut_headline"] = result.cut_headline
    return _with_headline_title(doc.replace(**changes)), list(result.removals)


_MAX_HEADLINE_CHARS = 80
_SENTENCE_END = ("。", ".", "!", "?", "…", ";", "”", '"')


# A sentence's end with more text after it on the line: the line holds two sentences or more.
_INNER_SENTENCE_END = re.compile(r"[。!?！？](?=[^。!?！？”\"’)）\s])")


def _opens_with_paragraph(text: str) -> bool:
    """The text's first line is a paragraph, not a headline: longer than a headline
    (:data:`_MAX_HEADLINE_CHARS`) or of two sentences or more (a headline, even a question, is one)."""
    first = text.split("\n", 1)[0].strip()
    return len(first) > _MAX_HEADLINE_CHARS or _INNER_SENTENCE_END.search(first) is not None


def _with_headline_title(doc: Doc) -> Doc:
    """A text dump has no markup title: once the spam is gone, its first line is
    the headline when it reads like one (short, not ending like a sentence)."""
    if doc.title or doc.kind != Kind.TEXT or not doc.text:
        return doc
    first = doc.text.split("\n", 1)[0].strip()
    if len(first) > _MAX_HEADLINE_CHARS or first.endswith(_SENTENCE_END):
        return doc
    return doc.replace(title=first)
