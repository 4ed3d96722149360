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


def _lines_without_han():
    """Fixture lines with their Han characters taken out, and random lines of Latin text, digits and
    the marks the rules read."""
    from pagewash.transforms.lexicon import HAN_CHAR

    lines = []
    folder = os.path.join(HERE, "..", "fixtures", "pages")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".txt"):
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as handle:
                lines.extend(HAN_CHAR.sub("", line) for line in handle.read().split("\n"))
    rng = random.Random(11)
    alphabet = list("abcXYZ019 .,;:!?|_()[]【】“”\"'’-/+") + ["。", "!", "?", "、", "\u3000", "é"]
    lines += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120))) for _ in range(3000)]
    lines += ["The mayor said, on Monday, that the new bridge opens in May. Tickets cost $5 | free for kids",
              "Casino | Poker | Betting | Lottery | Bonus | Slots", "Best deals, best prices, best service, call now!"]
    return lines


def test_the_han_free_cheap_paths_rest_on_han_in_every_head_token_and_place():
    """What the early returns for a line without Han rely on: every gambling head, every short token of
    a keyword list and every division's name holds a Han character."""
    from pagewash.transforms.lexicon import HAN_CHAR, SHORT_TOKEN
    from pagewash.transforms.spam.gazetteer import gazetteer
    from pagewash.transforms.spam.sources import GAMBLING_HEADS

    assert all(HAN_CHAR.search(head) for head in GAMBLING_HEADS)
    assert all(HAN_CHAR.search(name) for name in gazetteer()._by_name)
    rng = random.Random(3)
    tokens = ["".join(rng.choice("aZ09é_") for _ in range(rng.randint(1, 14))) for _ in range(2000)]
    assert not any(SHORT_TOKEN.match(t) for t in tokens + ["abc", "A1B2", "hello"])
    assert SHORT_TOKEN.match("体育A1")


def test_finders_and_stuffing_find_nothing_on_a_line_without_han():
    from pagewash.transforms.spam.gazetteer import gazetteer
    from pagewash.transforms.spam.injected import (
        BracketedKeywords,
        GluedClauseNames,
        GluedGamblingNames,
        InjectedSegmentFinder,
        WrappedClauseNames,
    )
    from pagewash.transforms.spam.lexicon import lexicon
    from pagewash.transforms.spam.rules import _mostly_chinese, stuffing_tokens

    lex, gaz = lexicon(), gazetteer()
    glued, segments = GluedGamblingNames(lex, gaz), InjectedSegmentFinder(lex, gaz, "", True)
    lines = _lines_without_han()
    page_text = "\n".join(lines)
    in_prose = [cls(lex, gaz, page_text) for cls in (BracketedKeywords, GluedClauseNames, WrappedClauseNames)]
    for line in lines:
        assert glued.find(line) == [] and segments.find(line) == [], line
        assert all(finder.find(line) == [] for finder in in_prose), line
        assert stuffing_tokens(line, lambda t: True, evidence=True) is None, line
        assert not _mostly_chinese(line)
    # and the same finders still find on Han lines (the cheap path is no blanket skip)
    assert stuffing_tokens("皇冠体育 金沙娱乐 葡京赌场 百家乐官网", lambda t: True, evidence=True)
    assert _mostly_chinese("中文的句子写得很长 with")


def test_the_gambling_head_search_finds_the_head_the_position_loop_found():
    from pagewash.transforms.spam.injected import _GAMBLING_HEAD_RE, _GAMBLING_LONGEST_FIRST, MAX_GLUED_BRAND_CHARS

    def by_positions(text):
        for p in range(0, min(MAX_GLUED_BRAND_CHARS, len(text)) + 1):
            h = next((h for h in _GAMBLING_LONGEST_FIRST if text.startswith(h, p)), None)
            if h is not None:
                return p, h
        return None

    def by_search(text):
        m = _GAMBLING_HEAD_RE.search(text)
        return None if m is None or m.start() > MAX_GLUED_BRAND_CHARS else (m.start(), m.group())

    rng = random.Random(5)
    pieces = sorted(set("".join(_GAMBLING_LONGEST_FIRST))) + ["某", "a", "1", ",", "网"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 20))) for _ in range(20000)]
    texts += [h + t for h in _GAMBLING_LONGEST_FIRST for t in ("", "官网", "视讯")] + ["某某真人视讯", "皇冠备用网址"]
    for text in texts:
        assert by_search(text) == by_positions(text), text
