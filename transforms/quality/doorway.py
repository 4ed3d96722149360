"""Doorway pages: a commercial name as the headline over text that is about nothing in particular.

A doorway page of site-group spam is written to rank for a search phrase: its
headline is the phrase (a gambling site, a loan or repair service: ``XX娱乐场官网``,
``XX县车辆抵押贷款``) and its body is sentences or FAQ lines pasted from elsewhere,
often on one subject so that they share its everyday words (基金, 市场, 投注).  Two
pieces of evidence about what remains, neither of them a keyword list:

* **the headline is a bare commercial name that the text never echoes**: the title
  (before a ``_`` / ``|`` / ``-`` suffix) is one short run of letters, ending in
  one of the commercial heads of the spam stage (:data:`~pagewash.transforms.spam.sources.COMMERCIAL_HEADS`,
  grammar: the words a business or site name ends with) or made of a city's name and a trade
  (``某地代理记账``: the gazetteer's :meth:`~pagewash.transforms.spam.gazetteer.Gazetteer.leading_place`
  and 2-8 letters without a function character), and none of the title's other
  words of two or more characters (the suffix's too: a hijacked article often keeps its
  headline after the injected name) that is not among the commonest words of general
  Chinese (Zipf under :data:`ECHO_MAX_ZIPF`: 生活 of ``XX生活网`` or 香港 of ``香港XX网站``
  occur in any text) occurs in the text (a real page about a hospital, a casino crackdown
  or a brand names it in its text);
* **no rare word recurs across sentences**: a real article comes back to what it is
  about (a name, a place, a term: a word of Zipf frequency under
  :data:`RARE_WORD_MAX_ZIPF` in general Chinese, from jieba's dictionary and wordfreq
  via :mod:`pagewash.transforms.spam.lexicon`) in a second sentence; sentences pasted
  from different articles share only the subject's common words;
* **or the text speaks the betting trade's own words**: under such a title, sentences that
  carry a gambling term (the flagged terms of :mod:`pagewash.transforms.quality.lexicons`
  or a gambling head of :data:`~pagewash.transforms.spam.sources.GAMBLING_HEADS`: 投注,
  时时彩, 六合彩) in :data:`MIN_GAMBLING_SENTENCES` or more sentences are the site's own
  rules, odds and deposit instructions: a hijacked article under an injected gambling title
  is about something else, its gambling sentences are cut by the spam stage, and a news
  report on gambling names what it reports in its title (``XX赌场被查``), which is then no
  bare name;
* **or its sentences do not hold together**: under such a title, a page the model of
  :mod:`pagewash.transforms.quality.pasted_page` takes for sentences pasted from unrelated texts
  (``pasted_page_probability``: the sentences share next to none of their characters, names and
  words with those around them and with the rest of the page) is a doorway even when two of its
  pasted sentences happen to share a rare word.

The title is the record's; on a page with no title of its own (a text dump, whose title is its
first line) whose first line the spam stage cut as a site's name over a paragraph
(``Doc.cut_headline``: a site's header, a betting banner), the cut line was the headline and is
judged as the title: the spam stage's finding that the headline was a site's name is evidence,
how much it cut is none.

A hijacked real article often carries a spam headline too (the title is injected), so
the headline alone decides nothing: the filter ``doorway_page`` needs both.  The
signals are computed for CJK text only (the heads and the segmenter are Chinese) and
only when the title is a commercial name (the segmenter then runs on the text's first
:data:`MAX_JUDGED_CHARS` characters); otherwise they are 0.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Tuple

from pagewash.transforms.lexicon import CJK_TOKEN, HAN_CHAR, SYMBOL_MARK_CLASS
from pagewash.transforms.quality.pasted_page import pasted_page_probability

# a title's parts apart by a separator or a template's symbol (某某开户网址〓唯一官方入口〓)
TITLE_SEPARATORS = re.compile(rf"\s*[_|｜\-–—{SYMBOL_MARK_CLASS}]+\s*")
# A commercial name as a headline is a short search phrase: 3-16 letters, no space or punctuation.
MIN_TITLE_NAME_CHARS = 3
MAX_TITLE_NAME_CHARS = 16
# The trade after a city's name in a local service's search phrase: 2-8 letters (记账, 化粪池清理).
MIN_TRADE_CHARS = 2
MAX_TRADE_CHARS = 8
# A "rare" word: Zipf frequency under 4.5 in general Chinese (about 30 occurrences per million
# words: 基金 5.0, 市场 5.6 and 投资 5.4 are common; 考古 4.3, 青铜器 3.4 and 光伏 2.9 are rare).
RARE_WORD_MAX_ZIPF = 4.5
# A title word echoed by the text counts only when it is not among the commonest words of general
# Chinese (Zipf 5.5 and over, about 300 occurrences per million words and more: 生活 5.8, 香港 5.8,
# 中国 6.4); the words of a real headline the text repeats are its subject's (地震 4.7, 火灾 4.4).
ECHO_MAX_ZIPF = 5.5
# Sentences carrying a gambling term that make a commercial-name page the betting site's own.
MIN_GAMBLING_SENTENCES = 2
# Tags of words that name nothing (function words, numerals, measures, localities, times, strings).
_NON_CONTENT_TAGS = ("p", "c", "u", "r", "d", "y", "e", "m", "q", "f", "t", "x", "w")
MIN_SENTENCE_CHARS = 8
MAX_JUDGED_CHARS = 3000
_SENTENCE_RE = re.compile(r"[^。?!\n]+[。?!]?")
_NAME_CHARS_RE = re.compile(f"^[0-9A-Za-z{CJK_TOKEN}]+$")  # letters: Han, kana, Latin, digits
# A search phrase written twice as the title (doubled_phrase) is longer than a name: a question or a
# topic and its suffix (某某的历史是什么意思), a headline's words (spaces allowed).
MAX_DOUBLED_PHRASE_CHARS = 40
_LATIN_WORD_RE = re.compile(r"[A-Za-z]+")
MIN_LATIN_PHRASE_WORDS = 2  # a phrase without a Han character: two Latin words at least (not a site's name)
MIN_LATIN_ECHO_CHARS = 4  # a Latin phrase's words that count for its echo (not 'the', 'of', 'has')

Word = Tuple[str, str]


def _lexicon():
    from pagewash.transforms.spam.lexicon import lexicon

    return lexicon()


def title_name(title: Optional[str]) -> Optional[str]:
    """The title's leading part when it has the shape of a name (a short run of letters), else None."""
    if not title:
        return None
    parts = [p for p in TITLE_SEPARATORS.split(title.strip()) if p]
    if not parts:
        return None
    name = parts[0]
    if not MIN_TITLE_NAME_CHARS <= len(name) <= MAX_TITLE_NAME_CHARS or not _NAME_CHARS_RE.match(name):
        return None
    return name


def commercial_title(title: Optional[str]) -> Optional[Tuple[str, str, Tuple[Word, ...]]]:
    """``(name, head, words)`` when the title is a bare commercial or site name."""
    from pagewash.transforms.spam.injected import commercial_head

    name = title_name(title)
    if name is None:
        return None
    lex = _lexicon()
    words = lex.tagged(name)
    if not words:
        return None
    found = commercial_head(name, words, lex.zipf)
    if found is not None:
        return name, found[0], words
    # a local portal's name (某地装修公司信息港, 某地资讯台): a name as 某地装修网 is, the portal's word its head
    # (not 论坛, 频道, 在线: a forum's or a channel's section title is no search phrase)
    from pagewash.transforms.spam.vocabulary import LOCAL_PORTAL_HEADS

    site_head = next((h for h in LOCAL_PORTAL_HEADS
                      if name.endswith(h) and len(name) - len(h) >= MIN_TRADE_CHARS), None)
    if site_head is not None:
        return name, site_head, words
    # a city's name and a trade (``某地代理记账``, ``某地化粪池清理``): the search phrase of a local
    # service, whose trade is often a verb and its object, so no head ends it
    from pagewash.transforms.spam.gazetteer import gazetteer
    from pagewash.transforms.spam.injected import FUNCTION_CHARS

    place = gazetteer().leading_place(name)
    trade = name[len(place):] if place else ""
    if place and MIN_TRADE_CHARS <= len(trade) <= MAX_TRADE_CHARS and not any(c in FUNCTION_CHARS for c in trade):
        return name, "", words
    return None


def doubled_phrase(title: Optional[str]) -> Optional[str]:
    """The phrase a title writes twice, when it does (``某某是什么意思_某某是什么意思``, ``某某大全|某某大全``,
    or glued: ``某某大全某某大全``), else None.  A site group's template builds a page's title from its
    search phrase this way; an author's headline, or a headline and the site's name, never repeats
    itself.  The phrase is 3-:data:`MAX_DOUBLED_PHRASE_CHARS` characters holding a Han character (or
    two Latin words), and no site's name (a hijacked article's header writes its site's name twice)."""
    if not title:
        return None
    parts = [p.strip() for p in TITLE_SEPARATORS.split(title.strip()) if p.strip()]
    if not parts:
        return None
    first, half = parts[0], len(parts[0]) // 2
    if len(parts) >= 2 and (parts[1] == first or parts[1].lower().startswith(first.lower() + " ")):
        phrase = first  # also a phrase and a word after its copy: ``Topic - Topic news, Topic videos``
    elif len(first) % 2 == 0 and first[:half] == first[half:]:
        phrase = first[:half]
    else:
        return None
    if not MIN_TITLE_NAME_CHARS <= len(phrase) <= MAX_DOUBLED_PHRASE_CHARS or len(set(phrase)) < 2 \
            or not (HAN_CHAR.search(phrase) or len(_LATIN_WORD_RE.findall(phrase)) >= MIN_LATIN_PHRASE_WORDS):
        return None
    from pagewash.transforms.spam.vocabulary import SITE_NAME_HEADS

    if phrase.lower().endswith(SITE_NAME_HEADS):
        return None  # a site's name written twice (某地信息港某地信息港): a hijacked page's header, no search phrase
    return phrase


QUERY_PHRASE = 2.0  # title_doubled_phrase of a phrase that reads as a query, not a name (is_query)


def is_query(phrase: str) -> bool:
    """A phrase written as a search query, not a name: words apart (a space) or a function character
    of a clause (的, 是, 在...: 某某的历史是什么意思).  A name written twice (某地小产权房某地小产权房) may be a
    hijacked page's header; a query written twice is a search page's title."""
    from pagewash.transforms.spam.injected import FUNCTION_CHARS

    return " " in phrase.strip() or any(c in FUNCTION_CHARS for c in phrase)


def latin_echo_words(phrase: str, lines: Sequence[str]) -> List[str]:
    """The words of :data:`MIN_LATIN_ECHO_CHARS` letters or more of a Latin phrase that ``lines``
    hold (whole words, any case)."""
    body = {w.lower() for line in lines for w in _LATIN_WORD_RE.findall(line)}
    return sorted({w.lower() for w in _LATIN_WORD_RE.findall(phrase) if len(w) >= MIN_LATIN_ECHO_CHARS} & body)


def _without_title(text: str, name: str) -> List[str]:
    """The text's lines, a line's leading copy of the headline cut (the headline echoed as a first line)."""
    return [line[len(name):] if line.startswith(name) else line for line in text.split("\n")]


def title_echo_words(words: Sequence[Word], lines: Sequence[str]) -> List[str]:
    """The title's words of two or more characters, other than commercial heads and the commonest
    words of general Chinese (Zipf :data:`ECHO_MAX_ZIPF` and over), found in ``lines``."""
    from pagewash.transforms.spam.sources import COMMERCIAL_HEADS

    body = "\n".join(lines).lower()  # Latin words in any case: a title's ``mac`` is the text's ``Mac``
    zipf = _lexicon().zipf
    return sorted({w for w, _t in words if len(w) >= 2 and w.lower() not in COMMERCIAL_HEADS
                   and zipf(w) < ECHO_MAX_ZIPF and w.lower() in body})


def _judged_sentences(lines: Sequence[str]) -> List[str]:
    """The sentences of at least :data:`MIN_SENTENCE_CHARS` characters of the first
    :data:`MAX_JUDGED_CHARS` characters of ``lines``."""
    budget = MAX_JUDGED_CHARS
    sentences: List[str] = []
    for line in lines:
        for sentence in _SENTENCE_RE.findall(line[:budget]):
            if len(sentence.strip()) >= MIN_SENTENCE_CHARS:
                sentences.append(sentence)
        budget -= len(line) + 1
        if budget <= 0:
            break
    return sentences


def gambling_sentences(lines: Sequence[str]) -> List[str]:
    """The judged sentences (:func:`_judged_sentences`) that carry a gambling term: a flagged term
    (:func:`pagewash.transforms.quality.lexicons.flagged_terms`) or a gambling head
    (:data:`~pagewash.transforms.spam.sources.GAMBLING_HEADS`)."""
    from pagewash.transforms.quality.signals import flagged_matches
    from pagewash.transforms.spam.sources import GAMBLING_HEADS

    out = []
    for sentence in _judged_sentences(lines):
        lowered = sentence.lower()
        if any(head in lowered for head in GAMBLING_HEADS) or flagged_matches(lowered)[0]:
            out.append(sentence)
    return out


def recurring_rare_words(lines: Sequence[str]) -> Tuple[int, List[str]]:
    """``(sentences judged, rare content words found in two or more of them)`` of the first
    :data:`MAX_JUDGED_CHARS` characters."""
    from pagewash.transforms.spam.sources import COMMERCIAL_HEADS

    lex = _lexicon()
    sentences = _judged_sentences(lines)
    seen: Dict[str, set] = {}
    for i, sentence in enumerate(sentences):
        for w, tag in lex.tagged(sentence):
            if (len(w) >= 2 and not tag.startswith(_NON_CONTENT_TAGS) and w.lower() not in COMMERCIAL_HEADS
                    and lex.zipf(w) < RARE_WORD_MAX_ZIPF):
                seen.setdefault(w, set()).add(i)
    return len(sentences), sorted(w for w, where in seen.items() if len(where) >= 2)


def doorway_signals(text: str, title: Optional[str], cjk: bool,
                    cut_headline: Optional[str] = None) -> Dict[str, float]:
    """``title_commercial_name`` (1.0 when the title is a bare commercial name) or
    ``title_doubled_phrase`` (when it is no such name but writes one phrase twice, :func:`doubled_phrase`,
    judged as the name: 1.0, or :data:`QUERY_PHRASE` for a query, :func:`is_query`), ``title_echo_count``
    (its words the text repeats), ``recurring_rare_word_count``, ``gambling_sentence_count``
    (:func:`gambling_sentences`) and ``pasted_page_probability``
    (:func:`pagewash.transforms.quality.pasted_page.pasted_page_probability`); all 0 for other pages.

    ``cut_headline`` (``Doc.cut_headline``) is the first line the spam stage cut as a site's name
    on a page with no title of its own; the title is then the line that followed it, and when
    that is no commercial name, the cut headline is judged as the page's title instead."""
    out = {"title_commercial_name": 0.0, "title_doubled_phrase": 0.0, "title_echo_count": 0.0,
           "recurring_rare_word_count": 0.0, "gambling_sentence_count": 0.0, "pasted_page_probability": 0.0}
    if not text:
        return out
    first_line = text.split("\n", 1)[0].strip()
    if not cjk:
        # text of another script: only the doubled phrase is judged (the name heads and the coherence
        # measures are Chinese); its echo is its words in the lines that are not a copy of the title
        for candidate in (title, None if title else first_line):
            phrase = doubled_phrase(candidate)
            if phrase is not None and not HAN_CHAR.search(phrase):
                out["title_doubled_phrase"] = QUERY_PHRASE if is_query(phrase) else 1.0
                lines = [line for line in text.split("\n") if line.strip() != candidate.strip()]
                out["title_echo_count"] = float(len(latin_echo_words(phrase, lines)))
                break
        return out
    found = commercial_title(title)
    if found is None and title:
        # a site's name as the title's second part (``headline_XX建材便民网``): judged like one in
        # front, the headline's words with the title's (a real page's text echoes its headline)
        for part in [p for p in TITLE_SEPARATORS.split(title.strip()) if p][1:]:
            found = commercial_title(part)
            if found is not None:
                break
    if found is None and cut_headline:
        found = commercial_title(cut_headline)
        title = cut_headline if found is not None else title
    kind = "title_commercial_name"
    if found is None:
        # a search phrase written twice (a site group's page title) is judged like a commercial name
        for candidate in (title, cut_headline, None if title else first_line):
            phrase = doubled_phrase(candidate)
            if phrase is not None:
                found, title, kind = (phrase, "", tuple(_lexicon().tagged(phrase))), candidate, "title_doubled_phrase"
                break
    if found is None:
        return out
    name, _head, words = found
    lines = _without_title("\n".join(line for line in text.split("\n") if line.strip() != (title or "").strip()), name)
    # the whole title's words: a hijacked article often keeps its own headline after the
    # injected name ("XX娱乐-headline"), and the text repeats the headline's words
    at = title.index(name) if title else 0
    rest = (title[:at] + " " + title[at + len(name):]) if title else ""
    all_words = tuple(words) + (_lexicon().tagged(rest) if rest.strip() else ())
    out[kind] = QUERY_PHRASE if kind == "title_doubled_phrase" and is_query(name) else 1.0
    out["title_echo_count"] = float(len(title_echo_words(all_words, lines)))
    out["recurring_rare_word_count"] = float(len(recurring_rare_words(lines)[1]))
    out["gambling_sentence_count"] = float(len(gambling_sentences(lines)))
    out["pasted_page_probability"] = pasted_page_probability("\n".join(lines))
    return out

