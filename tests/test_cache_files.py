"""Cache files of derived tables (transforms/cache_files.py): what is read back is what was built."""
from __future__ import annotations

import json

from pagewash.transforms import cache_files


def test_a_value_is_built_once_and_read_back_the_same(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_files, "cache_dir", lambda: str(tmp_path / "cache"))
    path = cache_files.cache_file("words", ["v1", 3], "json")
    value = ["的", "the", "\ud800", "a\nb", 1.0000000000000002, 10 ** -7.99]
    assert cache_files.cached_json(path, lambda: value) == value
    assert cache_files.cached_json(path, lambda: (_ for _ in ()).throw(AssertionError("built again"))) == value
    assert cache_files.cache_file("words", ["v2", 3], "json") != path  # another source, another file


def test_a_damaged_file_is_built_again(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_files, "cache_dir", lambda: str(tmp_path / "cache"))
    path = cache_files.cache_file("words", ["v1"], "json")
    cache_files.cached_json(path, lambda: ["a", "b"])
    with open(path, "rb") as handle:
        data = handle.read()
    for damaged in (data[:-1] + b"c", data[: len(data) // 2], b"something else", data.replace(b"pagewash", b"x", 1)):
        with open(path, "wb") as handle:
            handle.write(damaged)
        assert cache_files.cached_json(path, lambda: ["a", "b", "c"]) == ["a", "b", "c"]
        assert cache_files.cached_json(path, lambda: None) == ["a", "b", "c"]  # written again


def test_a_folder_others_can_write_is_neither_read_nor_written(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    monkeypatch.setattr(cache_files, "cache_dir", lambda: str(shared))
    path = cache_files.cache_file("words", ["v1"], "json")
    cache_files.cached_json(path, lambda: ["planted"])
    shared.chmod(0o777)
    assert cache_files.cached_json(path, lambda: ["built"]) == ["built"]
    shared.chmod(0o700)
    assert cache_files.cached_json(path, lambda: ["built"]) == ["planted"]


def test_common_words_read_from_the_cache_are_the_words_of_wordfreqs_lists(tmp_path, monkeypatch):
    from pagewash.transforms.quality import lexicons

    monkeypatch.setattr(cache_files, "cache_dir", lambda: str(tmp_path))
    built = lexicons._read_common_words()
    for _ in range(2):  # built and written, then read
        lexicons.common_words.cache_clear()
        assert lexicons.common_words() == built
    assert len(list(tmp_path.glob("common-words-*.json"))) == 1
    lexicons.common_words.cache_clear()


def test_a_process_with_the_cache_files_written_does_not_import_wordfreq():
    import subprocess
    import sys

    code = ("import sys\n"
            "from pagewash.transforms.quality.lexicons import common_words\n"
            "from pagewash.transforms.spam.lexicon import lexicon\n"
            "lex = lexicon(); common_words()\n"
            "print(int('wordfreq' in sys.modules), lex.zipf('北京') > 0)\n")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)  # writes them if missing
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.split() == ["0", "True"]


def test_the_lexicon_tables_hold_wordfreqs_bucket_frequencies():
    from wordfreq import cB_to_freq

    from pagewash.transforms.spam.lexicon import load_tables

    tables = load_tables()
    assert tables.bucket_frequency == tuple(cB_to_freq(-i) for i in range(tables.buckets))
    assert json.loads(json.dumps(tables.bucket_frequency)) == list(tables.bucket_frequency)
