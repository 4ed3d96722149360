"""Enumerations of one kind of thing inside an article: the article's own list, not stuffing.

An article lists things of one kind between spaces (``...世界各国的车牌: 甲国车牌 乙国车牌
丙国车牌 丁国车牌``): every item ends with the same word, and the article's sentences use that
word themselves.  Keyword stuffing strings names of businesses and searches (``某地维修
某地开锁 某地贷款``) or one service across places, whose head is a commercial head (维修 搬家 医院:
:data:`~pagewash.transforms.spam.sources.COMMERCIAL_HEADS`); those are never an enumeration here.
"""
from __future__ import annotations

from typing import Callable, Optional, Sequence

from pagewash.transforms.spam.sources import COMMERCIAL_HEADS

# Share of the short tokens that end with the shared head, and how many at least.
MIN_ENUMERATION_ITEMS = 3
MIN_ENUMERATION_SHARE = 0.8
MIN_HEAD_CHARS = 2
MAX_HEAD_CHARS = 4


def shared_head(tokens: Sequence[str]) -> Optional[str]:
    """The word (2-4 characters) that most tokens end with, longer than it, when at least
    :data:`MIN_ENUMERATION_SHARE` of them and :data:`MIN_ENUMERATION_ITEMS` do, else None;
    the longest such word wins (车牌 over 牌)."""
    if len(tokens) < MIN_ENUMERATION_ITEMS:
        return None
    for size in range(MAX_HEAD_CHARS, MIN_HEAD_CHARS - 1, -1):
        counts = {}
        for token in tokens:
            if len(token) > size:
                counts[token[-size:]] = counts.get(token[-size:], 0) + 1
        if not counts:
            continue
        head, n = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if n >= MIN_ENUMERATION_ITEMS and n >= MIN_ENUMERATION_SHARE * len(tokens):
            return head
    return None


def _is_commercial_head(head: str) -> bool:
    low = head.lower()
    return any(low.endswith(h) for h in COMMERCIAL_HEADS)


def is_article_enumeration(tokens: Sequence[str], context: str, *, known: Callable[[str], bool],
                           commercial: Callable[[str], bool]) -> bool:
    """Whether short ``tokens`` strung between spaces are an enumeration of the article's own:
    they share a head (:func:`shared_head`) that is no commercial head, the article's text
    (``context``: the page without the tokens) uses the head itself, and no token is known spam
    vocabulary or a business name."""
    head = shared_head(tokens)
    if head is None or _is_commercial_head(head) or head not in context:
        return False
    return not any(known(t) or commercial(t) for t in tokens)
