"""The spam cleaner's lexicon: jieba's words and tags and wordfreq's frequencies, stored compactly,
with every answer the same as the libraries' own."""
from __future__ import annotations

import math
import random
import subprocess
import sys

import pytest

from pagewash.transforms.spam import lexicon as lexicon_module
from pagewash.transforms.spam.lexicon import lexicon

TEXTS = [
    "北京市朝阳区的维修点电话是多少",
    "今天下午，市政府召开新闻发布会，介绍了城市更新的最新进展。",
    "他说：“这个项目明年三月完工。”",
    "苹果手机iPhone15降价500元，AT&T和B超都是词典里的词，c#也是。",
    "价格3.5元/斤，涨幅12.5%，编号A-1024，版本v2.0.1",
    "第一章 总则\r\n第二条　本办法适用于全市。\n\t第三条",
    "ｉＰｈｏｎｅ全角字母１２３和全角标点，。！",
    "Hello world, this is English text with numbers 42 and 3.14.",
    "中华人民共和国国务院新闻办公室举行发布会",
    "研究生命起源的科学家们在南京市长江大桥上",
    "结婚的和尚未结婚的都来了",
    "a b  c\u3000d\xa0e",
    "+#&._%-混合符号-测试_abc.def",
    "",
    " ",
    "\r\n",
    "😀表情符号和汉字混在一起🎉",
    "繁體中文的句子也會被切分成詞語。",
    "ABC123中文abc",
]


@pytest.fixture(scope="module")
def jieba_reference(tmp_path_factory):
    """jieba's own tokenizer and tagger, with their cache file in a test folder."""
    import jieba
    import jieba.posseg

    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(tmp_path_factory.mktemp("jieba"))
    tokenizer.initialize()
    return tokenizer, jieba.posseg.POSTokenizer(tokenizer)


def _generated_texts(tokenizer, n: int = 400):
    """Seeded concatenations of dictionary words and separators: every kind of overlap the
    dictionary walk meets."""
    rng = random.Random(13)
    words = sorted(w for w, f in tokenizer.FREQ.items() if f)
    separators = ["", "", "", "，", " ", "。", "a", "1", "-", "的"]
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 12)):
            parts.append(rng.choice(words))
            parts.append(rng.choice(separators))
        texts.append("".join(parts))
    return texts


def test_words_and_tags_are_jiebas(jieba_reference):
    tokenizer, tagger = jieba_reference
    lex = lexicon()
    texts = TEXTS + _generated_texts(tokenizer)
    for text in texts:
        assert lex.words(text) == list(tokenizer.cut(text, HMM=False)), text
        lex._cache.clear()
        assert lex.tagged(text) == tuple((p.word, p.flag) for p in tagger.cut(text, HMM=False)), text


def _latin_texts(n: int = 600):
    """Seeded strings of the characters a block holds besides Han ones, with the dictionary's
    words made of them (c#, c++, AT&T) and a Han character now and then."""
    rng = random.Random(29)
    pieces = list("aZ09+#&._%-") + [" ", "\t", ",", "/", "é", "Ａ", "１", "的", "中", "c#", "C++", "AT&T", "c+",
                                    "AT&", "Hello", "world", "3.14", "v2.0.1", "a-b", "x_y"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 16))) for _ in range(n)]


def test_latin_text_is_cut_and_tagged_as_jieba_does(jieba_reference):
    tokenizer, tagger = jieba_reference
    lex = lexicon()
    for text in _latin_texts():
        assert lex.words(text) == list(tokenizer.cut(text, HMM=False)), text
        lex._cache.clear()
        assert lex.tagged(text) == tuple((p.word, p.flag) for p in tagger.cut(text, HMM=False)), text


def test_a_block_without_han_characters_cuts_as_its_walked_route(monkeypatch):
    # the shortcut for blocks without Han characters gives what walking the dictionary gives
    lex = lexicon()
    texts = TEXTS + _latin_texts()
    fast = [(lex.words(t), tuple(lex._pos_cut(t))) for t in texts]
    assert "C++" in lex._latin_words
    monkeypatch.setattr(lexicon_module.Lexicon, "_merged_singles", lambda self, block: None)
    walked = [(lex.words(t), tuple(lex._pos_cut(t))) for t in texts]
    assert fast == walked


def test_tags_and_frequencies_are_the_libraries(jieba_reference):
    from wordfreq import get_frequency_dict, get_frequency_list

    tokenizer, tagger = jieba_reference
    lex = lexicon()
    freq = get_frequency_dict("zh", wordlist="best")
    get_frequency_list.cache_clear()
    rng = random.Random(7)
    words = rng.sample(sorted(tagger.word_tag_tab), 3000) + rng.sample(sorted(freq), 3000)
    words += ["", "不是一个词语啊", "a", "the", "北京\x00", "\x00", "北\ud800", "ｉ"]
    for word in words:
        assert lex.tag(word) == tagger.word_tag_tab.get(word, ""), word
        assert lex.frequency(word) == freq.get(word, 0.0), word
        f = freq.get(word, 0.0)
        assert lex.zipf(word) == (math.log10(f) + 9.0 if f > 0 else 0.0), word


def test_the_lexicon_is_compact_and_does_not_load_jieba():
    # jieba's dicts and its HMM tables (~180 MB with wordfreq's dict) are never built: only the
    # trie and flat arrays, a few MB, stay
    code = (
        "import sys\n"
        "from pagewash.transforms.spam.lexicon import lexicon\n"
        "lex = lexicon()\n"
        "lex.tagged('北京市朝阳区维修点')\n"
        "size = len(lex._trie.tobytes()) + sum(a.itemsize * len(a) for a in (lex._log_prob, lex._bucket_ids))"
        " + len(lex._tag_ids)\n"
        "print(int('jieba' in sys.modules), size)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    imported, size = map(int, out.split())
    assert imported == 0
    assert size < 12_000_000


def test_a_dictionary_word_listed_twice_keeps_its_last_line(tmp_path, monkeypatch):
    # as jieba's dicts do (the shipped dictionary lists one word twice)
    monkeypatch.setattr(lexicon_module, "cache_dir", lambda: str(tmp_path / "cache"))
    path = tmp_path / "dict.txt"
    path.write_text("北京 10 ns\n北京大学 5 nt\n大学 8 n\n北京 20 nz\n", encoding="utf-8")
    monkeypatch.setattr(lexicon_module, "_jieba_dictionary", lambda: str(path))
    lex = lexicon_module.Lexicon()
    assert lex.tag("北京") == "nz"
    assert lex.tag("北京大学") == "nt"
    assert lex.tagged("北京大学") == (("北京大学", "nt"),)
    assert lex.tagged("北京大") == (("北京", "nz"), ("大", "x"))


def test_a_malformed_dictionary_line_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(lexicon_module, "cache_dir", lambda: str(tmp_path / "cache"))
    path = tmp_path / "dict.txt"
    path.write_text("北京 10 ns\n北京大学 5\n", encoding="utf-8")
    monkeypatch.setattr(lexicon_module, "_jieba_dictionary", lambda: str(path))
    with pytest.raises(ValueError, match="line 2"):
        lexicon_module.Lexicon()



@pytest.fixture(scope="module")
def built():
    return lexicon_module._build_tables()


def _same_tables(a, b):
    assert a.trie.tobytes() == b.trie.tobytes()
    assert a.log_prob.tobytes() == b.log_prob.tobytes()
    assert a.bucket_ids.tobytes() == b.bucket_ids.tobytes()
    assert a[2:3] + a[3:] == b[2:3] + b[3:]  # tag ids, tag names, buckets, total, longest


def test_the_process_lexicon_has_the_tables_built_from_the_sources(built):
    lex = lexicon()  # read from this machine's cache file, or built
    assert lex._trie.tobytes() == built.trie.tobytes()
    assert lex._log_prob.tobytes() == built.log_prob.tobytes()
    assert lex._bucket_ids.tobytes() == built.bucket_ids.tobytes()
    assert (lex._tag_ids, lex._tag_names, lex._longest) == (built.tag_ids, built.tag_names, built.longest)


def test_the_cache_file_holds_the_tables_it_was_built_from(tmp_path, monkeypatch, built):
    monkeypatch.setattr(lexicon_module, "cache_dir", lambda: str(tmp_path))
    monkeypatch.setattr(lexicon_module, "_build_tables", lambda: built)
    _same_tables(lexicon_module.load_tables(), built)  # built and the file written
    (path,) = tmp_path.glob("tables-*.bin")
    monkeypatch.setattr(lexicon_module, "_build_tables", lambda: pytest.fail("built again"))
    read = lexicon_module.load_tables()  # read from the file
    _same_tables(read, built)
    second = lexicon_module.Lexicon(read)
    assert second.tagged("北京市朝阳区维修点") == lexicon().tagged("北京市朝阳区维修点")
    assert second.zipf("北京") == lexicon().zipf("北京") > 0


def test_a_damaged_cache_file_is_rebuilt(tmp_path, monkeypatch, built):
    monkeypatch.setattr(lexicon_module, "cache_dir", lambda: str(tmp_path))
    monkeypatch.setattr(lexicon_module, "_build_tables", lambda: built)
    lexicon_module.load_tables()
    (path,) = tmp_path.glob("tables-*.bin")
    data = bytearray(path.read_bytes())
    data[-100] ^= 0xFF
    path.write_bytes(bytes(data))
    assert lexicon_module._read_cache(str(path)) is None
    path.write_bytes(bytes(data[: len(data) // 2]))
    assert lexicon_module._read_cache(str(path)) is None
    path.write_bytes(b"something else")
    assert lexicon_module._read_cache(str(path)) is None
    _same_tables(lexicon_module.load_tables(), built)  # rebuilt and written again
    _same_tables(lexicon_module._read_cache(str(path)), built)


def test_an_unwritable_cache_folder_still_gives_the_tables(tmp_path, monkeypatch, built):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setattr(lexicon_module, "cache_dir", lambda: str(blocker / "cache"))
    monkeypatch.setattr(lexicon_module, "_build_tables", lambda: built)
    tables = lexicon_module.load_tables()
    assert lexicon_module.Lexicon(tables).tag("北京") == lexicon().tag("北京") == "ns"


def test_a_cache_folder_others_can_write_is_neither_read_nor_written(tmp_path, monkeypatch, built):
    shared = tmp_path / "shared"
    monkeypatch.setattr(lexicon_module, "cache_dir", lambda: str(shared))
    monkeypatch.setattr(lexicon_module, "_build_tables", lambda: built)
    lexicon_module.load_tables()
    (planted,) = shared.glob("tables-*.bin")  # as if another user had written it
    shared.chmod(0o777)
    monkeypatch.setattr(lexicon_module, "_read_cache", lambda path: pytest.fail("read a planted file"))
    planted.unlink()
    _same_tables(lexicon_module.load_tables(), built)
    assert not list(shared.glob("tables-*.bin"))  # and nothing written there either
