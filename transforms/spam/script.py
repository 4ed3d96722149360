"""Traditional to Simplified characters with OpenCC's tables, skipping the texts they cannot change.

The tables and the conversion are those of ``opencc-python-reimplemented`` (PyPI; OpenCC's
dictionaries, Apache-2.0; the quality stage reads the same tables): its ``t2s``
conversion is one group of ``TSPhrases.txt`` (277 phrases, 216 of them changed by the
conversion) and ``TSCharacters.txt`` (4,113 characters).  The converter is pure Python and
costs ~0.2 ms on a 30-character segment; almost no segment of a Simplified page holds a key
that the conversion changes.

Why a skipped text is converted to itself: OpenCC's conversion replaces substrings of the
text that are keys of its dictionaries by their values and leaves the rest as it is (each
chain step converts the previous step's output the same way).  If no key whose value differs
from the key occurs in the text, every replacement writes back the substring it replaces, so
each step, and the whole conversion, gives the text unchanged.  :class:`Converter` looks for
what such a key needs, cheaply: a character of the text that is a changing one-character key,
or a pair of characters that begins a changing longer key; only then does it run OpenCC.  The
test may run OpenCC on a text it leaves unchanged, never skips one it would change
(``tests/test_spam_script.py`` compares the two on every changing key and on mixed texts).
"""
from __future__ import annotations

import functools
import re
from typing import FrozenSet, Iterable, Tuple


def _changing_keys(chain_data) -> Iterable[str]:
    """Every key of the conversion's dictionaries whose value differs from it."""
    for step in chain_data:
        for _max_len, _min_len, table in (step if isinstance(step, list) else [step]):
            for key, value in table.items():
                if key != value:
                    yield key


class Converter:
    """``OpenCC(conversion).convert``, run only on a text holding a key it changes."""

    def __init__(self, conversion: str) -> None:
        from opencc import OpenCC

        self._opencc = OpenCC(conversion)  # reads its dictionaries
        chars, firsts, pairs = set(), set(), set()
        for key in _changing_keys(self._opencc._dict_chain_data):
            if len(key) == 1:
                chars.add(key)
            elif key:
                firsts.add(key[0])
                pairs.add(key[:2])
        self._chars: FrozenSet[str] = frozenset(chars)
        self._firsts: FrozenSet[str] = frozenset(firsts)
        self._pairs: FrozenSet[str] = frozenset(pairs)
        self._pair_pattern = re.compile("|".join(re.escape(p) for p in sorted(pairs))) if pairs else None

    def may_change(self, text: str) -> bool:
        """False only when no key the conversion changes occurs in ``text``."""
        if not self._chars.isdisjoint(text):
            return True
        if self._pair_pattern is None or self._firsts.isdisjoint(text):
            return False
        return self._pair_pattern.search(text) is not None

    def convert_always(self, text: str) -> str:
        """OpenCC's own conversion (no test)."""
        return self._opencc.convert(text)

    def __call__(self, text: str) -> str:
        return self._opencc.convert(text) if self.may_change(text) else text

    def tables(self) -> Tuple[FrozenSet[str], FrozenSet[str], FrozenSet[str]]:
        """The changing one-character keys, the first characters and the first pairs of the longer ones."""
        return self._chars, self._firsts, self._pairs


@functools.lru_cache(maxsize=None)
def converter(conversion: str) -> Converter:
    """The process-wide :class:`Converter` of ``conversion`` (``"t2s"``, ``"s2t"``, ...)."""
    return Converter(conversion)
