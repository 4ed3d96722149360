"""The compact language-id model against py3langid's own loader (the installed package, every run)."""
import itertools
import mmap

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from pagewash.transforms.quality.langid import identify_language
from pagewash.transforms.quality.langid_model import load_compact_identifier

SAMPLES = [
    "这是一个中文句子，用来测试语言识别。",
    "对话专家:重拳打击遏制个人信息贩卖",
    "這是繁體中文的句子，香港和台灣都用。",
    "佢哋今日去咗邊度食飯呀？",
    "This is an English sentence about the weather in spring.",
    "Der Stadtrat hat am Montag den neuen Haushalt für die Schulen beschlossen.",
    "La température moyenne à Paris dépasse les normales de saison.",
    "東京都は新しい規則を発表しました。",
    "서울시는 새로운 교통 정책을 발표했습니다.",
    "Москва — столица России, крупнейший город страны.",
    "Београд је главни град Србије.",
    "Beograd je glavni grad Srbije.",
    "مرحبا بكم في موقعنا الرسمي",
    "ALL CAPITALS HEADLINE FOR THE NEWS",
    "12345 67890 !!! ???",
    "",
    "a",
    "\u00e9\u0301 e\u0301 combining marks",
    "中文 mixed with English words 和数字 2026 年",
    "\ud800 lone surrogate",
]


@pytest.fixture(scope="module")
def both():
    return (LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True),
            load_compact_identifier(norm_probs=True))


def _texts():
    yield from SAMPLES
    # pairs and prefixes of the samples: mixed scripts, cut words, partial UTF-8
    for a, b in itertools.permutations(SAMPLES[:12], 2):
        yield a + " " + b
    for text in SAMPLES[:12]:
        for cut in (1, 3, 7):
            yield text[:cut]
        yield text.encode("utf-8")[:-1]


def test_same_language_and_probability_as_the_package(both):
    old, new = both
    compared = 0
    for text in _texts():
        assert new.classify(text) == old.classify(text), text
        assert new.rank(text) == old.rank(text), text
        compared += 1
    assert compared > 150


def test_same_probabilities_bit_for_bit(both):
    old, new = both
    for text in SAMPLES:
        a, b = old._decide(text), new._decide(text)
        assert a.dtype == b.dtype == np.float32
        assert a.tobytes() == b.tobytes(), text


def test_tables_are_mapped_not_copied(both):
    _, new = both
    for table in (new.nb_ptc, new.tk_nextmove.obj):
        base = table
        while isinstance(base, np.ndarray):
            base = base.base
        assert isinstance(base, memoryview) and isinstance(base.obj, mmap.mmap)
    assert not new.nb_ptc.flags.writeable
    assert new.nb_ptc.dtype == np.float16
    assert isinstance(new.tk_nextmove, memoryview)
    assert len(new._rowbase) == len(new.tk_output) == len(new.tk_row)


def test_identify_language_folds_chinese_varieties():
    assert identify_language("对话专家:重拳打击遏制个人信息贩卖")[0] == "zh"
    assert identify_language("This is an English sentence about the weather in spring.")[0] == "en"
    assert identify_language("12345 !!!") == ("und", 0.0)


def test_a_temp_folder_that_cannot_hold_the_copy_falls_back_to_the_package_loader(monkeypatch, both):
    from pagewash.transforms.quality import langid, langid_model

    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(langid_model, "load_compact_identifier", no_space)
    identifier = langid._load_identifier()
    assert isinstance(identifier, LanguageIdentifier)
    assert not isinstance(identifier.nb_ptc.base, mmap.mmap)
    for text in SAMPLES[:12]:
        assert identifier.classify(text) == both[0].classify(text)


def test_the_automaton_is_no_deeper_than_the_array_walk_assumes(both):
    """A breadth-first search of the transitions from the start state: the deepest state is
    AUTOMATON_DEPTH bytes from it (its n-gram's length), the depth the array walk reads back."""
    from pagewash.transforms.quality.langid_model import AUTOMATON_DEPTH

    _, new = both
    transitions, rowbase, _features = new._walk
    depth = np.full(len(rowbase), -1)
    depth[0] = 0
    frontier, d = np.array([0]), 0
    while len(frontier):
        reached = np.unique(np.asarray(transitions)[(rowbase[frontier][:, None] + np.arange(256)[None, :]).ravel()])
        frontier = reached[depth[reached] < 0]
        d += 1
        depth[frontier] = d
    assert (depth >= 0).all()
    assert depth.max() == AUTOMATON_DEPTH


def test_the_array_walk_counts_what_the_package_walk_counts_in_its_order(both):
    from py3langid.langid import visit_counts

    from pagewash.transforms.quality.langid_model import feature_visits

    old, new = both
    rng = np.random.default_rng(9)
    texts = [old._encode(t) for t in _texts()]
    texts += [bytes(rng.integers(0, 256, size=int(rng.integers(0, 300)), dtype=np.uint8)) for _ in range(300)]
    for data in texts:
        expected = visit_counts(old.tk_nextmove, old._rowbase, old.tk_output, data)
        got = feature_visits(*new._walk, data)
        assert list(got.items()) == list((expected or {}).items()), data
