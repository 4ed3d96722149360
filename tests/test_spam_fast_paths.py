"""The spam rules' cheap paths give the answers of the general ones they skip."""
import os
import random

from pagewash.transforms.spam.injected import (
    _CJK,
    _CLOSING_QUOTES,
    _LATIN_END,
    LATIN_LEAD_CHARS,
    last_sentence_end,
)

HERE = os.path.dirname(__file__)


def _last_sentence_end_by_every_match(line: str) -> int:
    """The general test: every Latin sentence end after the last Chinese one, each checked for Han
    characters before it."""
    end = max(line.rfind("。"), line.rfind("!"), line.rfind("?"))
    for m in _LATIN_END.finditer(line, max(end + 1, 0)):
        if not _CJK.search(line, max(0, m.start() - LATIN_LEAD_CHARS), m.start()):
            end = m.start()
    if end < 0:
        return end
    while end + 1 < len(line) and line[end + 1] in _CLOSING_QUOTES:
        end += 1
    return end


def test_last_sentence_end_on_fixture_lines_and_random_lines():
    lines = []
    folder = os.path.join(HERE, "..", "fixtures", "pages")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".txt"):
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as handle:
                lines.extend(handle.read().split("\n"))
    lines += ["It ends here. And here!", "3.5 and U.S.A stay. Inc.推出", "Done.\u201d", "“Yes.” he said.", "a.b.c.",
              "中文。Latin after. more", ""]
    rng = random.Random(7)
    alphabet = list("ab1Z.!?。”\")’ 中文x.") + ["\u3002"]
    lines += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(5000)]
    for line in lines:
        assert last_sentence_end(line) == _last_sentence_end_by_every_match(line), line


def test_a_line_without_han_is_no_place_list_because_no_place_is_written_without_han():
    from pagewash.transforms.lexicon import HAN_CHAR
    from pagewash.transforms.spam.gazetteer import _ANY_SUFFIX_ENDS, gazetteer
    from pagewash.transforms.spam.rules import place_list_tokens

    gaz = gazetteer()
    # what place_list_tokens' early return for a line without Han relies on
    assert all(HAN_CHAR.search(name) for name in gaz._by_name)
    assert all(HAN_CHAR.match(end) for end in _ANY_SUFFIX_ENDS)
    assert not any(gaz.is_place(t) for t in ("London", "Paris", "New York", "road", "Street", "123", "A1"))
    assert place_list_tokens("London | Paris | Berlin | Madrid | Rome", gaz) is None
    assert place_list_tokens("北京 | 上海 | 广州 | 深圳 | 杭州", gaz) is not None
