"""News credits and datelines that open a paragraph: the article's own, never spam.

A Chinese news article opens its first paragraph with who wrote it and where
(``本报记者 某某 北京报道 近日,...``, ``新浪体育讯 记者某某报道 北京时间...``,
``新华社北京4月17日电(记者 某某)``, ``本报讯(记者 某某 通讯员 某某)``).  Split at spaces,
the credit reads like a run of short keywords before a sentence, and its sentence
opens the article on a subject of its own; the rules that judge short tokens and
sentence coherence look past it (:func:`leading_credit_end`).

The shape is the newspapers' and agencies' house style (the 讯/日电 dateline, the
记者/通讯员/实习生 byline), not a word list: the only words are the credit words themselves.
"""
from __future__ import annotations

import re

from pagewash.transforms.lexicon import HAN

# A dateline: an outlet's name ending in 讯 (本报讯, 新浪体育讯, 中新网讯; not the words 资讯 通讯
# 简讯 喜讯 ... whose 讯 is part of the word) or a place and date ending in 日电
# (新华社北京4月17日电, 中新网4月17日电).  An outlet may name its paper after a dash (某某网-某某日报讯),
# a dated 讯 may name the place after the date (某某网3月12日南昌讯), and a portal may credit the paper
# it reprints before the date (某某网(来源:某某商报)11月12日信息:).  A colon may follow.
_OUTLET = rf"[{HAN}A-Za-z]{{1,12}}(?:[-—·][{HAN}]{{2,12}})?"
_DATE = r"\d{1,2}月\d{1,2}日"
_SOURCE = rf"[(\[]\s*(?:来源|来自|稿源)\s*[:]?\s*[{HAN}A-Za-z]{{2,16}}\s*[)\]]"
_DATELINE = (rf"(?:(?:[{HAN}A-Za-z]{{1,9}}(?:[-—·][{HAN}]{{2,12}})?[^\W\d_资通简喜音短视电死传审问闻]讯"
             rf"|{_OUTLET}{_DATE}(?:[{HAN}]{{2,6}})?讯"
             rf"|[{HAN}A-Za-z]{{1,12}}{_DATE}电"
             rf"|[{HAN}A-Za-z]{{2,12}}{_SOURCE}\s*(?:{_DATE})?(?:信息|消息|讯|电)?)\s*[:]?)")
# A byline: a reporter's, correspondent's or intern's credit word, one or more names of two to
# four characters (a middle dot for transliterated names) set apart from each other, then
# optionally where it was filed (北京报道, 发自北京, 摄); in brackets, or ending at a space or
# with its filing words (a name glued to the sentence after it has no boundary: not a credit).
_CREDIT_WORD = (rf"(?:本报|本刊|本台|本网|[{HAN}]{{1,8}}(?:报|社|网|台|刊)(?:驻[{HAN}]{{1,4}})?)?"
                r"(?:特约|见习|实习|首席)?(?:记者|通讯员|实习生|报道员)")
_NAME = rf"[{HAN}·]{{2,4}}"
_NAMES = rf"{_NAME}(?:(?:\s+|\s*[、,]\s*)(?:{_CREDIT_WORD}\s*[:]?\s*)?{_NAME})*"
_FILED = rf"(?:[{HAN}]{{0,6}}报道|发自[{HAN}]{{2,6}}|摄影?|文/图|图/文|摄影报道)"
# In brackets the credit words and names come in any order (某某 记者 某某 实习生 某某), several
# credit words among them, perhaps 文/图 last: every item a credit word (a name glued to it or not),
# a name or the filing words, and one credit word at least.
_BRACKET_ITEM = rf"(?:{_CREDIT_WORD}\s*[:]?\s*(?:{_NAME})?|{_NAME}|{_FILED})"
_BRACKETED_BYLINE = (rf"[(\[【]\s*(?=[^()\[\]【】]*?(?:记者|通讯员|实习生|报道员))"
                     rf"{_BRACKET_ITEM}(?:(?:\s+|\s*[、,]\s*){_BRACKET_ITEM})*\s*[)\]】]")
_BYLINE = (rf"(?:[(\[【]\s*{_CREDIT_WORD}\s*[:]?\s*{_NAMES}(?:\s*{_FILED})?\s*[)\]】]"
           rf"|{_BRACKETED_BYLINE}"
           rf"|{_CREDIT_WORD}\s*[:]?\s*{_NAMES}\s*{_FILED}"
           rf"|{_CREDIT_WORD}\s*[:]?\s*{_NAMES}(?=\s))")
_LEADING_CREDIT = re.compile(rf"^\s*(?:{_DATELINE}\s*(?:{_BYLINE})?|{_BYLINE})")
# a whole text that is a credit: a closing byline (``南方日报记者 某某 通讯员 某某``,
# ``(新华社记者 某某)``, ``新华社记者某某、某某,报道员某某某地报道。``)
_CREDIT_TEXT = re.compile(rf"^\s*(?:{_DATELINE}\s*)?(?:{_BYLINE}|{_CREDIT_WORD}\s*[:]?\s*{_NAMES})"
                          rf"(?:\s*[,、]?\s*(?:{_BYLINE}|{_CREDIT_WORD}\s*[:]?\s*{_NAMES}))*"
                          rf"\s*(?:{_FILED})?\s*[。.]?\s*$")
# what must follow a credit: a sentence (text, not another list of short names)
_SENTENCE_AFTER = re.compile(rf"[{HAN}A-Za-z0-9]")


def leading_credit_end(line: str) -> int:
    """Where the news credit or dateline opening ``line`` ends (spaces after it included),
    or 0 when the line does not open with one.  The credit must hold a credit word (讯, 日电,
    记者, 通讯员, 实习生) and be followed by text on the same line."""
    m = _LEADING_CREDIT.match(line)
    if m is None or not m.group().strip():
        return 0
    end = m.end()
    while end < len(line) and line[end].isspace():
        end += 1
    if end >= len(line) or not _SENTENCE_AFTER.match(line[end]):
        return 0
    return end


# a credit glued after a text dump's headline (``某某低调接演新片 新快报讯 驻京记者 某某 报道 自从...``,
# ``某地新盘小幅促销本报讯(记者 某某 实习生 某某)来自...``): within this many characters of the line's
# start, with no sentence mark before it
MAX_HEADLINE_BEFORE_CREDIT = 40
_GLUED_CREDIT = re.compile(rf"(?:{_DATELINE}\s*(?:{_BYLINE})?|{_BYLINE})")
_SENTENCE_MARK = re.compile(r"[。!?]")
MAX_CREDIT_LEAD = 24  # characters of an outlet's name or a credit word before 讯 / 记者
_CREDIT_MARK = re.compile(r"记者|通讯员|实习生|报道员|讯|日电")  # what every dateline or byline holds


def opening_credit_end(line: str) -> int:
    """Where the credit opening ``line`` ends (:func:`leading_credit_end`), or the credit glued
    after the headline the line opens with, or 0."""
    end = leading_credit_end(line)
    if end:
        return end
    mark = _CREDIT_MARK.search(line, 0, MAX_HEADLINE_BEFORE_CREDIT + 60)
    if mark is None:
        return 0  # no credit word near the start
    # the credit starts at most an outlet's or a credit word's length before its mark (a search from
    # the line's start would try every position of the headline)
    m = _GLUED_CREDIT.search(line, max(0, mark.start() - MAX_CREDIT_LEAD), MAX_HEADLINE_BEFORE_CREDIT + 60)
    if m is None or not 0 < m.start() <= MAX_HEADLINE_BEFORE_CREDIT or _SENTENCE_MARK.search(line, 0, m.start()):
        return 0
    end = m.end()
    while end < len(line) and line[end].isspace():
        end += 1
    return end if end < len(line) and _SENTENCE_AFTER.match(line[end]) else 0


def is_credit(text: str) -> bool:
    """Whether ``text`` is a news credit and nothing else (a byline closing an article, on its
    own line or after the last sentence: ``南方日报记者 某某 通讯员 某某``, ``(记者 某某)``)."""
    return bool(text.strip()) and _CREDIT_TEXT.match(text) is not None
