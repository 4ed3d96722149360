"""The Traditional -> Simplified converter that skips texts OpenCC cannot change gives OpenCC's answer."""
import os
import random

from pagewash.transforms.spam import script
from pagewash.transforms.spam.injected import to_simplified

HERE = os.path.dirname(__file__)


def _all_keys(conv):
    for step in conv._opencc._dict_chain_data:
        for _mx, _mn, table in (step if isinstance(step, list) else [step]):
            yield from table


def test_every_key_alone_and_inside_simplified_text():
    conv = script.converter("t2s")
    for key in _all_keys(conv):
        for text in (key, f"我们在{key}看到", f"{key}。", f"A{key}b"):
            assert conv(text) == conv.convert_always(text), text


def test_a_text_with_a_changing_key_is_converted():
    conv = script.converter("t2s")
    assert conv("臺灣的電腦") == "台湾的电脑"
    assert conv.may_change("電")
    assert not conv.may_change("我们在北京看到了新的电脑")  # Simplified only: nothing to change
    chars, firsts, pairs = conv.tables()
    assert "電" in chars and firsts and all(len(p) == 2 and p[0] in firsts for p in pairs)


def test_random_mixes_of_dictionary_characters():
    conv = script.converter("t2s")
    alphabet = sorted({c for key in _all_keys(conv) for c in key}) + list("的一是在了和有大这中人上为们，。 ab1")
    rng = random.Random(13)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert conv(text) == conv.convert_always(text), text


def test_fixture_lines_and_the_spam_rules_entry_point():
    conv = script.converter("t2s")
    folder = os.path.join(HERE, "..", "fixtures", "pages")
    lines = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".txt"):
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as handle:
                lines.extend(line for line in handle.read().split("\n") if line.strip())
    assert lines
    for line in lines:
        assert conv(line) == conv.convert_always(line)
        assert to_simplified(line) == conv.convert_always(line)


def test_the_other_direction_too():
    conv = script.converter("s2t")
    for text in ("台湾的电脑", "我们", "乾隆", "一干二净", "abc"):
        assert conv(text) == conv.convert_always(text)
