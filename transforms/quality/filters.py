"""The quality filters: which thresholds a document's signals cross, and why.

Pure functions over the signals already stored in the record, so an existing
output can be re-filtered with new thresholds without re-extracting anything.
The checks run in a fixed order, most specific first; the first failure is
the document's rejection reason, and every failure is listed in the detail.
"""
from __future__ import annotations

from typing import Collection, List, Mapping, NamedTuple, Optional, Union

from pagewash.transforms.quality.doorway import QUERY_PHRASE
from pagewash.transforms.quality.score import quality_score
from pagewash.transforms.quality.signals import PROSE_MIN_CJK_CHARS, SIGNAL_NAMES, quality_signals
from pagewash.transforms.quality.thresholds import DEFAULT_THRESHOLDS, QualityThresholds
from pagewash.transforms.record import Doc, Reason, Rejected, reject

STAGE = "quality"


class FilterFailure(NamedTuple):
    reason: str  # a Reason code
    detail: str  # which value crossed which threshold

    def __str__(self) -> str:
        return f"{self.reason}: {self.detail}"


def _over(name: str, value: float, limit: float) -> str:
    return f"{name}={value:g} > {limit:g}"


def _under(name: str, value: float, limit: float) -> str:
    return f"{name}={value:g} < {limit:g}"


def _ngram_failures(signals: Mapping[str, float], kind: str, table, offset: float = 0.0) -> List[str]:
    """The n-gram fractions over their limit; ``offset`` is subtracted first (the share of
    repeated whole lines or copied passages, which the duplicate-lines check judges)."""
    out = []
    for n, limit in table:
        name = f"{kind}_{n}gram_char_frac"
        value = signals.get(name, 0.0)
        if value - offset > limit:
            detail = _over(name, value, limit) if not offset else (
                f"{name}={value:g} - copied={offset:g} > {limit:g}")
            out.append(detail)
    return out


def check_signals(signals: Mapping[str, float], lang: Optional[str], lang_score: Optional[float],
                  thresholds: QualityThresholds = DEFAULT_THRESHOLDS,
                  languages: Optional[Collection[str]] = None) -> List[FilterFailure]:
    """Every filter the signals fail, in checking order (empty: the document is kept)."""
    t = thresholds
    s = signals
    failures: List[FilterFailure] = []

    def fail(reason: str, detail: str) -> None:
        failures.append(FilterFailure(reason, detail))

    if languages and lang not in languages:
        fail(Reason.LANGUAGE_NOT_WANTED, f"lang={lang} not in {','.join(sorted(languages))}")
    # Spam share (spam_removed_frac) is a signal, never a reason: a page is judged on what
    # remains once the spam is cut.
    cjk = s["cjk_ratio"] >= t.cjk_min_ratio
    # CJK prose: paragraphs with a sentence end, and unpunctuated clause prose (posts, reviews)
    prose_all = s["prose_char_count"] + s.get("clause_prose_char_count", 0.0)
    line_chars = s["char_count"] - max(s["line_count"] - 1, 0)
    prose_share = prose_all / line_chars if line_chars > 0 else 0.0
    # a data table of named records (codes and places, figures by region) that is most of the
    # text is a reference listing: its figures, short cells and missing sentences are its shape,
    # so the checks of digits, stop words, line length, punctuation and prose do not apply, nor
    # that of the most frequent n-gram: the rows repeat the kind of what they name (自治县, 街道)
    # (at least half of it, or more of it than its prose: a caption and a table under a site's
    # navigation lines)
    table_frac = s.get("name_table_char_frac", 0.0)
    name_table = (s.get("name_table_row_count", 0.0) >= t.min_name_table_rows
                  and (table_frac >= t.min_name_table_char_frac
                       or prose_share < table_frac >= t.min_name_table_char_frac_beside_prose))
    min_words = t.min_words_cjk if cjk else t.min_words
    if s["word_count"] < min_words:
        fail(Reason.TOO_FEW_WORDS, _under("word_count", s["word_count"], min_words))
    if s["word_count"] > t.max_words:
        fail(Reason.TOO_MANY_WORDS, _over("word_count", s["word_count"], t.max_words))
    flagged_outside_article = (cjk and s["prose_flagged_word_count"] == 0
                               and s["prose_char_count"] >= t.article_prose_chars_cjk
                               and s["prose_char_frac"] >= t.article_prose_char_frac_cjk)
    # ... or the article that remains when the sentences carrying a flagged term are set aside
    unflagged = s.get("unflagged_prose_char_count", 0.0)
    flagged_beside_article = (cjk and unflagged >= t.unflagged_prose_chars_cjk
                              and line_chars > 0 and unflagged / line_chars >= t.unflagged_prose_frac_cjk)
    if (s["flagged_word_ratio"] > t.max_flagged_word_ratio and not flagged_outside_article
            and not flagged_beside_article):
        fail(Reason.FLAGGED_WORDS, _over("flagged_word_ratio", s["flagged_word_ratio"], t.max_flagged_word_ratio)
             + f" ({s['flagged_word_count']:g} matches)")
    # a lottery's rules, sentence after sentence: a betting site's help page
    rules = s.get("lottery_rule_sentence_count", 0.0)
    if (rules >= t.min_lottery_rule_sentences
            and rules >= t.min_lottery_rule_sentence_share * max(s["judged_sentence_count"], rules)):
        fail(Reason.FLAGGED_WORDS, f"lottery_rule_sentence_count={rules:g} >= {t.min_lottery_rule_sentences:g}"
             f" of {max(s['judged_sentence_count'], rules):g} judged sentences (a lottery's rules)")
    if (s["pinyin_annotation_count"] >= t.min_pinyin_annotations
            and s["pinyin_annotation_ratio"] > t.max_pinyin_annotation_ratio):
        fail(Reason.PINYIN_ANNOTATIONS,
             _over("pinyin_annotation_ratio", s["pinyin_annotation_ratio"], t.max_pinyin_annotation_ratio)
             + f" ({s['pinyin_annotation_count']:g} annotations)")
    # a half-conversion mixes the scripts inside its sentences or from sentence to sentence;
    # a Simplified answer quoting a Traditional passage keeps each sentence in one script and
    # switches once or twice
    mixed_within = (s.get("sentence_script_minority_char_count", t.min_minority_script_chars)
                    >= t.min_minority_script_chars
                    or s.get("script_switch_count", t.min_script_switches) >= t.min_script_switches)
    if (lang == "zh" and s["trad_simp_mix"] > t.max_trad_simp_mix and mixed_within
            and s.get("script_minority_char_count", t.min_minority_script_chars) >= t.min_minority_script_chars):
        fail(Reason.MIXED_SCRIPTS, _over("trad_simp_mix", s["trad_simp_mix"], t.max_trad_simp_mix))
    if s["url_ratio"] > t.max_url_ratio:
        # a CJK post whose text besides its links is prose (a shared article link or two)
        rest = line_chars - s["url_ratio"] * s["char_count"]
        prose_post = (cjk and s["url_ratio"] <= t.max_url_ratio_prose_cjk and rest > 0
                      and prose_all / rest >= t.prose_led_frac_cjk)
        if not prose_post:
            fail(Reason.TOO_MANY_URLS, _over("url_ratio", s["url_ratio"], t.max_url_ratio))
    dup_lines = []
    if s["dup_line_frac"] > t.max_dup_line_frac:
        dup_lines.append(_over("dup_line_frac", s["dup_line_frac"], t.max_dup_line_frac))
    if s["dup_line_char_frac"] > t.max_dup_line_char_frac:
        dup_lines.append(_over("dup_line_char_frac", s["dup_line_char_frac"], t.max_dup_line_char_frac))
    # repeated passages (a sentence or more copied once more: a question quoted in its answer, a
    # headline repeated as the first line) are judged like repeated lines: by what is left
    copied = max(s["dup_line_char_frac"], s.get("dup_passage_char_frac", 0.0))
    if s.get("dup_passage_char_frac", 0.0) > t.max_dup_line_char_frac:
        dup_lines.append(_over("dup_passage_char_frac", s["dup_passage_char_frac"], t.max_dup_line_char_frac))
    distinct_words = s["word_count"] * (1.0 - copied)
    if dup_lines and distinct_words < t.min_distinct_words:
        fail(Reason.DUPLICATE_LINES, "; ".join(dup_lines)
             + f"; {_under('distinct_words', round(distinct_words, 1), t.min_distinct_words)}")
    dup = _ngram_failures(s, "dup", t.max_dup_ngram_char_frac_cjk if cjk else t.max_dup_ngram_char_frac,
                          offset=copied)
    if (not cjk and s["dup_5gram_char_frac"] - s["dup_line_char_frac"] > t.templated_dup_5gram_char_frac
            and s["top_2gram_char_frac"] > t.templated_top_2gram_char_frac):
        dup.append("templated: " + _over("dup_5gram_char_frac - dup_line_char_frac",
                                         round(s["dup_5gram_char_frac"] - s["dup_line_char_frac"], 6),
                                         t.templated_dup_5gram_char_frac)
                   + " and " + _over("top_2gram_char_frac", s["top_2gram_char_frac"],
                                     t.templated_top_2gram_char_frac))
    if dup:
        fail(Reason.DUPLICATE_NGRAMS, "; ".join(dup))
    if cjk:
        top_table = (t.max_top_ngram_char_frac_cjk_prose if prose_share >= t.prose_dominant_frac_cjk
                     else t.max_top_ngram_char_frac_cjk)
    else:
        top_table = t.max_top_ngram_char_frac
    top = _ngram_failures(s, "top", top_table) if not name_table else []
    if top:
        fail(Reason.REPEATED_TOP_NGRAM, "; ".join(top))
    if s["symbol_ratio"] > t.max_symbol_ratio:
        # CJK text with an article's prose is judged on its sentence lines: a place or keyword
        # list joined by symbols above or below the article is residue, not the article
        article = cjk and prose_all >= t.ample_prose_chars_cjk
        if not article:
            fail(Reason.TOO_MANY_SYMBOLS, _over("symbol_ratio", s["symbol_ratio"], t.max_symbol_ratio))
        elif s.get("prose_symbol_ratio", s["symbol_ratio"]) > t.max_symbol_ratio:
            fail(Reason.TOO_MANY_SYMBOLS, _over("prose_symbol_ratio", s["prose_symbol_ratio"], t.max_symbol_ratio)
                 + " (the sentence lines)")
    # CJK text whose bulleted lines are its prose (a digest of news items, a paragraph each) is no
    # bullet list of links or names; a bulleted list of quotations goes by its attributions (above)
    if (s["bullet_line_ratio"] > t.max_bullet_line_ratio
            and s["bullet_line_ratio"] * s["line_count"] >= t.min_bullet_lines - 1e-6
            and not (cjk and prose_share >= t.prose_dominant_frac_cjk)):
        fail(Reason.BULLET_LINES, _over("bullet_line_ratio", s["bullet_line_ratio"], t.max_bullet_line_ratio))
    ellipsis_lines = s["ellipsis_line_ratio"] * s["line_count"] * (1.0 - s["table_line_ratio"])
    if s["ellipsis_line_ratio"] > t.max_ellipsis_line_ratio and ellipsis_lines >= t.min_ellipsis_lines - 1e-6:
        fail(Reason.ELLIPSIS_LINES,
             _over("ellipsis_line_ratio", s["ellipsis_line_ratio"], t.max_ellipsis_line_ratio))
    if s["digit_ratio"] > t.max_digit_ratio and not name_table:
        fail(Reason.TOO_MANY_DIGITS, _over("digit_ratio", s["digit_ratio"], t.max_digit_ratio))
    if s["alpha_token_ratio"] < t.min_alpha_token_ratio and not name_table:
        fail(Reason.NON_ALPHABETIC, _under("alpha_token_ratio", s["alpha_token_ratio"], t.min_alpha_token_ratio))
    # prose-dominated CJK text: sentences, or clauses that hold function characters
    if lang in t.stopword_languages and not (cjk and prose_share >= t.prose_dominant_frac_cjk) and not name_table:
        few = []
        if s["stopword_count"] < t.min_stopwords:
            few.append(_under("stopword_count", s["stopword_count"], t.min_stopwords))
        min_ratio = t.min_stopword_ratio_cjk if cjk else t.min_stopword_ratio
        if s["stopword_ratio"] < min_ratio:
            few.append(_under("stopword_ratio", s["stopword_ratio"], min_ratio))
        if few:
            fail(Reason.TOO_FEW_STOPWORDS, "; ".join(few))
    # after the content checks: garbled or mixed text usually has a more telling reason
    score = lang_score if lang_score is not None else 0.0
    if score < t.min_lang_score:
        fail(Reason.LOW_LANGUAGE_SCORE, f"lang={lang} " + _under("lang_score", score, t.min_lang_score))
    if s["mean_line_length"] < t.min_mean_line_length and not name_table:
        fail(Reason.SHORT_LINES, _under("mean_line_length", s["mean_line_length"], t.min_mean_line_length))
    if (s["line_punct_ratio"] < t.min_line_punct_ratio
            and s["sentence_punct_ratio"] < t.min_sentence_punct_ratio
            and not (cjk and prose_share >= t.prose_led_frac_cjk) and not name_table):
        fail(Reason.LOW_PUNCTUATION, _under("line_punct_ratio", s["line_punct_ratio"], t.min_line_punct_ratio)
             + " and " + _under("sentence_punct_ratio", s["sentence_punct_ratio"], t.min_sentence_punct_ratio))
    if cjk and s["max_paragraph_length"] < t.min_paragraph_length_cjk and not name_table:
        fail(Reason.NO_PARAGRAPH, _under("max_paragraph_length", s["max_paragraph_length"],
                                         t.min_paragraph_length_cjk))
    if cjk and not name_table:
        prose = prose_all
        what = (f" (paragraphs of >= {PROSE_MIN_CJK_CHARS} CJK characters with a sentence end,"
                " and unpunctuated clause prose)")
        if prose < t.min_prose_chars_cjk:
            fail(Reason.LITTLE_PROSE, _under("prose_chars", prose, t.min_prose_chars_cjk) + what)
        elif prose_share < t.min_prose_char_frac_cjk and prose < t.ample_prose_chars_cjk:
            fail(Reason.LITTLE_PROSE, _under("prose_share", round(prose_share, 6), t.min_prose_char_frac_cjk)
                 + " and " + _under("prose_chars", prose, t.ample_prose_chars_cjk) + what)
        elif prose_share < t.listing_prose_char_frac_cjk and prose < t.listing_prose_chars_cjk:
            fail(Reason.LITTLE_PROSE, _under("prose_share", round(prose_share, 6), t.listing_prose_char_frac_cjk)
                 + " and " + _under("prose_chars", prose, t.listing_prose_chars_cjk) + what)
    min_judged = t.min_judged_sentences_one_line if s["line_count"] <= 1 else t.min_judged_sentences
    if not cjk:
        min_judged = max(min_judged, t.min_judged_sentences_spaced)
    judged = s["judged_sentence_count"]
    if judged >= min_judged:
        isolated = s["isolated_sentence_ratio"]
        # keyword headers and tails count on at least min_keyword_lines lines: one line that
        # looks like one (a post cut off mid-sentence) is not a doorway's pattern
        long_lines = s.get("long_line_count", t.min_keyword_lines)
        led = s["keyword_led_line_ratio"]
        tailed = s["keyword_tailed_line_ratio"]
        if led * long_lines < t.min_keyword_lines - 1e-6:
            led = 0.0
        if tailed * long_lines < t.min_keyword_lines - 1e-6:
            tailed = 0.0
        # bare isolation (no keyword headers or tails) needs more sentences: in a short post
        # of a few sentences, each making another point, sharing no word is chance
        if isolated >= t.max_isolated_sentence_ratio and judged >= max(min_judged, t.min_judged_sentences_bare):
            fail(Reason.INCOHERENT_SENTENCES,
                 f"isolated_sentence_ratio={isolated:g} >= {t.max_isolated_sentence_ratio:g}"
                 f" of {s['judged_sentence_count']:g} sentences")
        elif isolated >= t.max_isolated_sentence_ratio_led and led >= t.min_keyword_led_line_ratio:
            fail(Reason.INCOHERENT_SENTENCES,
                 f"isolated_sentence_ratio={isolated:g} >= {t.max_isolated_sentence_ratio_led:g}"
                 f" of {s['judged_sentence_count']:g} sentences and keyword_led_line_ratio={led:g}"
                 f" >= {t.min_keyword_led_line_ratio:g}")
        elif isolated >= t.max_isolated_sentence_ratio_led and tailed >= t.min_keyword_tailed_line_ratio:
            fail(Reason.INCOHERENT_SENTENCES,
                 f"isolated_sentence_ratio={isolated:g} >= {t.max_isolated_sentence_ratio_led:g}"
                 f" of {s['judged_sentence_count']:g} sentences and keyword_tailed_line_ratio={tailed:g}"
                 f" >= {t.min_keyword_tailed_line_ratio:g}")
    # numbered lines, each a sentence that shares no word with the others: a quotation site's
    # list of sentences taken from elsewhere (a list of tips comes back to its subject)
    numbered = s.get("numbered_line_ratio", 0.0)
    if (numbered >= t.min_numbered_line_ratio and numbered * s.get("long_line_count", 0.0) >= t.min_numbered_lines - 1e-6
            and judged >= t.min_judged_sentences_numbered
            and s["isolated_sentence_ratio"] >= t.max_isolated_sentence_ratio_led):
        fail(Reason.INCOHERENT_SENTENCES,
             f"isolated_sentence_ratio={s['isolated_sentence_ratio']:g} >= {t.max_isolated_sentence_ratio_led:g}"
             f" of {judged:g} sentences and numbered_line_ratio={numbered:g} >= {t.min_numbered_line_ratio:g}")
    # line after line of quotations with their attributions: a quotation site's list, however the
    # lines are numbered or bulleted
    attributed = s.get("attributed_line_ratio", 0.0)
    if (attributed >= t.min_attributed_line_ratio
            and attributed * s.get("long_line_count", 0.0) >= t.min_attributed_lines - 1e-6):
        fail(Reason.INCOHERENT_SENTENCES,
             _over("attributed_line_ratio", attributed, t.min_attributed_line_ratio).replace(" > ", " >= ")
             + f" of {s.get('long_line_count', 0.0):g} long lines (a list of quotations)")
    # a commercial name (or a phrase written twice: a site group's page title) as the headline,
    # never echoed, over sentences that never come back to a rare word: a doorway page (a
    # hijacked article with such a title returns to its subject)
    phrase_title = _search_phrase_title(s)
    if cjk and phrase_title and s.get("title_echo_count", 0.0) == 0:
        if s.get("title_doubled_phrase", 0.0) >= QUERY_PHRASE:
            # a query written twice is no injected headline over a hijacked article (that is a site's
            # name or a commercial name): a text that never names it is not its page
            fail(Reason.DOORWAY_PAGE, f"title_doubled_phrase={QUERY_PHRASE:g} (a query) and title_echo_count=0")
        elif s.get("recurring_rare_word_count", 0.0) <= t.max_doorway_recurring_rare_words:
            fail(Reason.DOORWAY_PAGE, f"{phrase_title}=1 and title_echo_count=0 and "
                 + f"recurring_rare_word_count={s['recurring_rare_word_count']:g}"
                 f" <= {t.max_doorway_recurring_rare_words:g}")
        elif (s.get("gambling_sentence_count", 0.0) >= t.min_doorway_gambling_sentences
              and s["gambling_sentence_count"] >= t.min_doorway_gambling_sentence_share * s.get("judged_sentence_count", 0.0)):
            # the betting site's own page: its rules, odds and deposit instructions
            fail(Reason.DOORWAY_PAGE, f"{phrase_title}=1 and title_echo_count=0 and "
                 + f"gambling_sentence_count={s['gambling_sentence_count']:g}"
                 f" >= {t.min_doorway_gambling_sentences:g}")
        elif s.get("pasted_page_probability", 0.0) >= t.min_doorway_pasted_probability:
            # sentences pasted from unrelated texts under a search phrase
            fail(Reason.DOORWAY_PAGE, f"{phrase_title}=1 and title_echo_count=0 and "
                 + f"pasted_page_probability={s['pasted_page_probability']:g}"
                 f" >= {t.min_doorway_pasted_probability:g}")
    # the same title over sentences that do not hold together, though a word of it recurs: the
    # search phrase of a doorway shares a word with what was pasted under it
    if (cjk and phrase_title and s.get("title_echo_count", 0.0) > 0
            and s.get("pasted_page_probability", 0.0) >= t.min_doorway_pasted_probability_echoed
            and s.get("isolated_sentence_ratio", 0.0) >= t.max_isolated_sentence_ratio_led):
        fail(Reason.DOORWAY_PAGE, f"{phrase_title}=1 and "
             + f"pasted_page_probability={s['pasted_page_probability']:g} >= {t.min_doorway_pasted_probability_echoed:g}"
             + f" and isolated_sentence_ratio={s['isolated_sentence_ratio']:g} >= {t.max_isolated_sentence_ratio_led:g}")
    # ... and a phrase written twice over text of another script (``Topic - Topic news, Topic videos``: a
    # tag or doorway page), where the echo is the only measure
    if (not cjk and s.get("title_doubled_phrase", 0.0) >= 1.0 and s.get("title_echo_count", 0.0) == 0):
        fail(Reason.DOORWAY_PAGE, f"title_doubled_phrase={s['title_doubled_phrase']:g} and title_echo_count=0")
    # the page model: what remains, judged as a whole against junk and real articles
    if (cjk and s.get("junk_page_probability", 0.0) >= t.min_junk_page_probability
            and prose_all < t.max_junk_model_prose_chars_cjk):
        fail(Reason.NOT_ARTICLE, _over("junk_page_probability", s["junk_page_probability"],
                                       t.min_junk_page_probability).replace(" > ", " >= ")
             + " and " + _under("prose_chars", prose_all, t.max_junk_model_prose_chars_cjk))
    return failures


def _search_phrase_title(s: Mapping[str, float]) -> Optional[str]:
    """The signal that found the title to be a search phrase (a bare commercial name, or a phrase
    written twice), or None."""
    for name in ("title_commercial_name", "title_doubled_phrase"):
        if s.get(name, 0.0) >= 1.0:
            return name
    return None


def signals_of(doc: Doc) -> Mapping[str, float]:
    """The document's stored signals, computed from its text if absent or from an older schema."""
    quality = doc.quality
    if quality is not None and all(name in quality for name in SIGNAL_NAMES):
        return quality
    return quality_signals(doc.text, doc.removed, doc.title, doc.cut_headline)


def filter_reasons(doc: Doc, thresholds: QualityThresholds = DEFAULT_THRESHOLDS,
                   languages: Optional[Collection[str]] = None) -> List[FilterFailure]:
    """Every filter ``doc`` fails, in checking order; the first decides the rejection."""
    return check_signals(signals_of(doc), doc.lang, doc.lang_score, thresholds, languages)


def filter_document(doc: Doc, thresholds: QualityThresholds = DEFAULT_THRESHOLDS,
                    languages: Optional[Collection[str]] = None) -> Union[Doc, Rejected]:
    """``doc`` itself if it passes every filter, else its rejection by the first failure.

    The detail names the value and threshold of every failing filter, first one first.
    """
    failures = filter_reasons(doc, thresholds, languages)
    if not failures:
        return doc
    if doc.text and any(f.reason == Reason.NOT_ARTICLE for f in failures):
        # the page model's evidence: the features that pushed the page most towards junk
        from pagewash.transforms.quality.page_model import top_contributions

        evidence = ", ".join(top_contributions(signals_of(doc), doc.text, doc.title))
        failures = [f._replace(detail=f"{f.detail} ({evidence})") if f.reason == Reason.NOT_ARTICLE else f
                    for f in failures]
    return reject(doc, STAGE, failures[0].reason, " | ".join(map(str, failures)))


def tag_document(doc: Doc) -> Doc:
    """``doc`` with ``lang``, ``lang_score`` and ``quality`` (every signal plus ``score``)."""
    from pagewash.transforms.quality.langid import identify_language

    lang, lang_score = identify_language(doc.text or "")
    signals = dict(quality_signals(doc.text, doc.removed, doc.title, doc.cut_headline))
    signals["score"] = quality_score(signals)
    return doc.replace(lang=lang, lang_score=lang_score, quality=signals)
