"""Units behind the hostile-input guarantees: listing, bounded reading, the record boundary,
the work budget and its worker, unique ids and order-independent dedup decisions."""
import io
import os

import pytest

from pagewash.transforms.boundary import encodable_record, encodable_text
from pagewash.transforms.extract import ExtractSettings, extract_page
from pagewash.transforms.extract_limits import (ExtractionWorker, WorkBudget, count_elements, flatten_deep_nesting,
                                                nesting_depth, within_budget)
from pagewash.transforms.inputs import (InputFile, NotRegularFile, SkippedPath, expand_input, open_input,
                                        printable, walk_local)
from pagewash.transforms.read import bounded_lines, id_in_prefix, jsonl_record, parse_json_line, ReadLimits
from pagewash.transforms.record import Doc, ErrorRecord, Kind, Rejected
from pagewash.transforms.unique import choose_unique

ARTICLE = ("The harbour authority said on Monday that the new ferry terminal will open in June, two months "
           "later than planned. Officials blamed the delay on the late delivery of two boarding bridges. ") * 3


# --- listing and opening ----------------------------------------------------------
def test_walk_is_sorted_and_reads_real_directories_before_links(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.html").write_text("x")
    (tmp_path / "a.html").write_text("x")
    os.symlink("b", tmp_path / "0link")
    listed = list(walk_local(str(tmp_path)))
    assert [getattr(item, "path").rsplit("/", 1)[1] for item in listed] == ["a.html", "2.html", "0link"]
    assert isinstance(listed[-1], SkippedPath) and listed[-1].error_type == "DuplicateDirectory"


def test_unlistable_directory_is_a_skipped_path(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    [skipped] = list(walk_local(str(tmp_path)))
    assert skipped.error_type == "UnreadablePath" and skipped.path.endswith("/locked") and skipped.is_dir


def test_glob_follows_beam_rules_and_a_spec_matching_nothing_is_reported(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "p.html").write_text("x")
    (tmp_path / "q.html").write_text("x")
    assert [f.path for f in expand_input(str(tmp_path / "*.html"))] == [str(tmp_path / "q.html")]
    assert [f.path for f in expand_input(str(tmp_path / "**.html"))] == [str(tmp_path / "q.html"),
                                                                          str(tmp_path / "x" / "p.html")]
    [missing] = expand_input(str(tmp_path / "nothing-*.html"))
    assert isinstance(missing, SkippedPath) and missing.error_type == "NoMatch"


def test_output_directory_is_excluded_from_listing(tmp_path):
    (tmp_path / "out" / "clean").mkdir(parents=True)
    (tmp_path / "out" / "clean" / "part-00000-of-00001.jsonl.gz").write_bytes(b"")
    (tmp_path / "out" / "report.json").write_text("{}")
    (tmp_path / "page.html").write_text("x")
    for staging in (".out.staging-abc123", ".out.replaced-def456", "out.staging-0a1b2c"):
        (tmp_path / staging).mkdir()
        (tmp_path / staging / "report.json").write_text("{}")
    assert [f.path for f in expand_input(str(tmp_path), exclude=str(tmp_path / "out"))] == [str(tmp_path / "page.html")]
    relative = os.path.relpath(tmp_path / "out")  # --output given relative, --input absolute
    assert [f.path for f in expand_input(str(tmp_path), exclude=relative)] == [str(tmp_path / "page.html")]


@pytest.mark.timeout(30)
def test_open_refuses_a_fifo_put_in_place_of_a_listed_file(tmp_path):
    path = tmp_path / "page.html"
    os.mkfifo(path)
    with pytest.raises(NotRegularFile):
        open_input(InputFile(str(tmp_path), str(path), 0))


def test_undecodable_file_names_keep_their_bytes_for_opening(tmp_path):
    name = os.fsdecode(b"caf\xe9.html")
    (tmp_path / name).write_text("<p>x</p>")
    [file] = expand_input(str(tmp_path))
    assert file.path == printable(str(tmp_path / name)) and "\ufffd" in file.path
    assert file.raw_path == os.fsencode(str(tmp_path / name))
    with open_input(file) as handle:
        assert handle.read() == b"<p>x</p>"


# --- bounded JSON lines -----------------------------------------------------------
def test_bounded_lines_never_hold_more_than_the_limit():
    stream = io.BufferedReader(io.BytesIO(b"short\n" + b'{"id": "big", "x": "' + b"a" * 5000 + b'"}\nlast'))
    lines = list(bounded_lines(stream, 100))
    assert [(n, line) for n, line, _, _ in lines] == [(1, b"short\n"), (2, None), (3, b"last")]
    assert lines[1][2] == 5000 + 23 and id_in_prefix(lines[1][3]) == "big"


def test_id_in_prefix_reads_only_top_level_ids():
    assert id_in_prefix(b'{"url": "u", "id": "a\\u00e9", "html": "<p>cut') == "a\u00e9"
    assert id_in_prefix(b'{"meta": {"id": "inner"}, "html": "cut') is None
    assert id_in_prefix(b'{"html": "cut before the id') is None
    assert id_in_prefix(b'{"id": 7, "html": "x"}') is None
    assert id_in_prefix(b"[" * 5000) is None


def test_json_parsing_falls_back_only_for_surrogates_and_bad_utf8():
    assert parse_json_line(b'{"t": "\\ud83d\\ude00"}') == {"t": "\U0001F600"}
    assert parse_json_line(b'{"t": "\\udfff"}') == {"t": "\udfff"}
    assert parse_json_line(b'{"t": "caf\xe9"}') == {"t": "caf\ufffd"}
    with pytest.raises(ValueError):
        parse_json_line(b"[" * 100_000)


def test_every_line_failure_is_that_lines_error_record():
    limits = ReadLimits()
    for line in (b"[" * 100_000, b'{"id": 1.5, "text": "x"}', b'{"id": {"a": 1}, "text": "x"}', b"null",
                 b'{"text": 3}'):
        result = jsonl_record(line, "f#1", "f", limits)
        assert isinstance(result, ErrorRecord), line[:30]


# --- the record boundary ----------------------------------------------------------
def test_lone_surrogates_are_replaced_and_counted_pairs_are_joined():
    assert encodable_text("a\ud800b\udfffc") == ("a\ufffdb\ufffdc", 2)
    assert encodable_text("\ud83d\ude00") == ("\U0001F600", 0)
    assert encodable_text("fine \ufffd") == ("fine \ufffd", 0)
    doc = Doc(id="\ud800", source="s", meta={"k\udc80": "v\ud800"}, removed={"x": 1})
    fixed, count = encodable_record(doc)
    assert count == 3 and fixed.id == "\ufffd" and fixed.meta == {"k\ufffd": "v\ufffd"}


# --- work budget ------------------------------------------------------------------
def test_elements_are_counted_before_parsing():
    assert count_elements("<p>a</p><br><img src=x>") == 3 and count_elements("no markup") == 0
    page = Doc(id="p", source="s", html="<html><body>" + "<p>x</p>" * 50 + "</body></html>")
    rejected = within_budget(page, WorkBudget(max_elements=40))
    assert isinstance(rejected, Rejected) and rejected.reason == "too_complex" and "52 elements" in rejected.detail
    assert within_budget(page, WorkBudget(max_elements=100)) is page


def test_nesting_depth_follows_html_parsing_roughly():
    assert nesting_depth("<div><p>a<p>b<p>c</div>")[0] == 2  # <p> closes the open <p>
    assert nesting_depth("<ul><li>a<li>b<li>c</ul>")[0] == 2
    assert nesting_depth("<div><br><img src=x><input/></div>")[0] == 1  # void elements
    assert nesting_depth("<script>if (a<b) {document.write('<div><div><div>')}</script><p>x</p>")[0] == 1
    assert nesting_depth("<!-- <div><div> --><p>x</p>")[0] == 1


def test_deep_nesting_is_flattened_and_the_text_kept():
    html = "<html><body>" + "<div>" * 1000 + "<p>deep article</p>" + "</div>" * 1000 + "</body></html>"
    flat, depth = flatten_deep_nesting(html, 200)
    assert depth == 1003 and nesting_depth(flat)[0] <= 200 and "deep article" in flat
    assert flatten_deep_nesting("<div><p>x</p></div>", 200) == ("<div><p>x</p></div>", 2)
    doc = within_budget(Doc(id="d", source="s", html=html), WorkBudget())
    assert doc.html == flat and not doc.meta  # counted (extract:deep_nesting_flattened), not metadata


def test_worker_gives_the_same_answer_as_in_process_extraction():
    page = Doc(id="w", source="s", html=f"<html><body><article><p>{ARTICLE}</p></article></body></html>")
    worker = ExtractionWorker(WorkBudget(cpu_seconds=30, recycle_after=2))
    try:
        answers = [worker.extract(page, ExtractSettings()) for _ in range(3)]  # recycled after two pages
    finally:
        worker.stop()
    assert answers[0] == answers[1] == answers[2] == extract_page(page, ExtractSettings())


def test_worker_turns_a_page_error_into_an_error_record():
    worker = ExtractionWorker(WorkBudget(cpu_seconds=30))
    try:
        result = worker.extract(Doc(id="bad", source="s", kind=Kind.HTML, html=f"<html><body><p>{ARTICLE}</p></body></html>"),
                                "not settings")
    finally:
        worker.stop()
    assert isinstance(result, ErrorRecord) and result.id == "bad" and result.error_type == "AttributeError"



def test_the_extraction_process_imports_no_beam():
    import subprocess
    import sys

    code = ("import sys, pagewash.transforms.extract_worker, pagewash.transforms.extract; "
            "print(sorted(m for m in ('apache_beam', 'pagewash.transforms.stage') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_article_cache_is_bounded_and_keyed_on_markup_and_url():
    from pagewash.transforms.extract import extract_article
    from pagewash.transforms.extract_limits import ArticleCache

    cache = ArticleCache(max_pages=2, max_chars=10_000)
    page = Doc(id="a", source="s", html=f"<html><body><p>{ARTICLE}</p></body></html>")
    article = extract_article(page.html, None, ExtractSettings())
    key = ArticleCache.key(page)
    assert ArticleCache.key(page.replace(id="b", source="t")) == key  # the record's id is not part of the key
    assert ArticleCache.key(page.replace(url="https://example.org/a")) != key
    assert cache.get(key) == (False, None)
    cache.put(key, article)
    cache.put(b"no-text", None)  # a page without text is remembered too
    assert cache.get(key) == (True, article) and cache.get(b"no-text") == (True, None)
    cache.get(key)  # now "no-text" is the least recently used
    cache.put(b"third", article)
    assert cache.get(key)[0] and cache.get(b"third")[0] and not cache.get(b"no-text")[0]
    small = ArticleCache(max_chars=10)
    small.put(key, article)
    assert small.get(key) == (False, None)  # long articles are not kept


@pytest.mark.parametrize("cpu_seconds", [0, 30])
def test_exact_copies_get_the_records_extraction_of_each_copy_gives(cpu_seconds):
    from pagewash.transforms.extract_limits import LimitedExtractDoFn

    html = f"<html><head><title>Ferry</title></head><body><h1>Ferry</h1><p>{ARTICLE}</p></body></html>"
    pages = [Doc(id=f"p{i}", source=f"s{i}", kind=Kind.HTML, html=html, meta={"n": str(i)}) for i in range(3)]
    pages.append(Doc(id="empty", source="e", kind=Kind.HTML, html="<html><body></body></html>"))
    pages.append(Doc(id="empty2", source="e2", kind=Kind.HTML, html="<html><body></body></html>"))
    fn = LimitedExtractDoFn(ExtractSettings(), WorkBudget(cpu_seconds=cpu_seconds))
    fn.setup()
    try:
        results = [fn.apply(page) for page in pages]
    finally:
        fn.teardown()
    assert results == [extract_page(page, ExtractSettings()) for page in pages]
    assert [r.id for r in results] == ["p0", "p1", "p2", "empty", "empty2"]
    assert isinstance(results[4], Rejected) and results[4].reason == "no_text"


def _pipelined(fn, elements):
    """The stage's outputs for ``elements`` through the Beam step's ``process`` and ``finish_bundle``,
    in the order they leave, as (tag, value) with the window they carry."""
    from apache_beam.pvalue import TaggedOutput
    from apache_beam.transforms.window import GlobalWindow
    from apache_beam.utils.timestamp import Timestamp

    out = []
    for number, element in enumerate(elements):
        for item in fn.process(element, timestamp=Timestamp(number), window=GlobalWindow()):
            out.append((None, item) if not isinstance(item, TaggedOutput) else (item.tag, item.value))
    for item in fn.finish_bundle() or ():
        out.append((None, item) if not isinstance(item, TaggedOutput) else (item.tag, item.value))
    return out


def _extraction_pages():
    html = f"<html><head><title>Ferry</title></head><body><h1>Ferry</h1><p>{ARTICLE}</p></body></html>"
    other = html.replace("Ferry", "Pier")
    return [Doc(id="p0", source="s0", kind=Kind.HTML, html=html),
            Doc(id="p1", source="s1", kind=Kind.HTML, html=html),  # an exact copy of the page in flight
            Doc(id="text", source="t", kind=Kind.TEXT, text=ARTICLE),
            Doc(id="q0", source="s2", kind=Kind.HTML, html=other),
            Doc(id="empty", source="e", kind=Kind.HTML, html="<html><body></body></html>"),
            Doc(id="p2", source="s3", kind=Kind.HTML, html=html),  # a copy of a page already answered
            Doc(id="big", source="b", kind=Kind.HTML, html="<p>x" * 50)]


@pytest.mark.parametrize("processes", [1, 2, 3])
def test_pipelined_extraction_answers_in_order_what_one_page_at_a_time_gives(processes):
    from pagewash.transforms.extract_limits import LimitedExtractDoFn

    pages = _extraction_pages()
    sequential = LimitedExtractDoFn(ExtractSettings(), WorkBudget(max_elements=40, cpu_seconds=0))
    sequential.setup()
    expected = [sequential.apply(page) for page in pages]
    fn = LimitedExtractDoFn(ExtractSettings(), WorkBudget(max_elements=40, cpu_seconds=30, processes=processes))
    fn.setup()
    try:
        out = _pipelined(fn, pages)
        out += _pipelined(fn, pages[:1])  # a second bundle: the copy comes from the cache
    finally:
        fn.teardown()
    assert [value.value for _, value in out] == expected + expected[:1]
    assert [value.timestamp.micros // 1_000_000 for _, value in out] == list(range(len(pages))) + [0]
    assert [tag for tag, _ in out] == [None, None, None, None, "rejected", None, "rejected", None]
    assert [value.value.reason for tag, value in out if tag] == ["no_text", "too_complex"]


def test_pipelined_extraction_gives_a_failed_pages_copies_the_same_record(monkeypatch):
    from pagewash.transforms import extract_limits

    class FailingOnPier(extract_limits.ExtractionWorker):  # a process that fails on one page's markup
        def receive(self, doc):
            if "Pier" in (doc.html or ""):
                extract_limits.read_frame(self._process.stdout)  # the answer is dropped
                return ErrorRecord(id=doc.id, source=doc.source, stage="extract", error_type="ExtractorDied",
                                   message="the extraction process ended with code -11 on this page")
            return super().receive(doc)

    monkeypatch.setattr(extract_limits, "ExtractionWorker", FailingOnPier)
    pages = _extraction_pages()
    pages.insert(4, pages[3].replace(id="q1", source="s4"))  # the failing page twice, one in flight
    fn = extract_limits.LimitedExtractDoFn(ExtractSettings(), WorkBudget(cpu_seconds=30, processes=2))
    fn.setup()
    try:
        out = _pipelined(fn, pages)
    finally:
        fn.teardown()
    errors = [(value.value.id, value.value.source) for tag, value in out if tag == "errors"]
    assert errors == [("q0", "s2"), ("q1", "s4")]
    assert [value.value.id for _, value in out] == [page.id for page in pages]


# --- unique ids ---------------------------------------------------------------------
def test_the_kept_record_of_a_repeated_id_does_not_depend_on_order():
    docs = [Doc(id="r", source=f"f{i}", text=t) for i, t in enumerate(["b", "a", "c", "a"])]
    first = choose_unique(docs)
    assert first == choose_unique(list(reversed(docs)))
    kept, errors = first
    assert kept.source == "f0" and len(errors) == 3  # the whole record decides (fields in name order)
    assert {e.error_type for e in errors} == {"DuplicateId"}


def test_common_words_do_not_keep_wordfreq_lists():
    # wordfreq caches every whole list it reads; eight of them held ~220 MB per process
    from wordfreq import get_frequency_list

    from pagewash.transforms.quality.lexicons import common_words

    common_words.cache_clear()
    words = common_words()
    assert {"的", "the", "und"} <= words
    assert get_frequency_list.cache_info().currsize == 0


def test_tagged_segment_cache_stays_bounded(monkeypatch):
    from pagewash.transforms.spam import lexicon as lexicon_module

    monkeypatch.setattr(lexicon_module, "TAGGED_CACHE_ENTRIES", 16)
    lexicon = lexicon_module.lexicon()
    lexicon._cache.clear()
    texts = [f"第{i}号维修点" for i in range(40)]
    tagged = [lexicon.tagged(t) for t in texts]
    assert len(lexicon._cache) <= 16
    assert [lexicon.tagged(t) for t in texts] == tagged  # the cache changes no result


def test_block_route_cache_stays_bounded(monkeypatch):
    from pagewash.transforms.spam import lexicon as lexicon_module

    monkeypatch.setattr(lexicon_module, "ROUTE_CACHE_ENTRIES", 16)
    lexicon = lexicon_module.lexicon()
    lexicon._route_cache.clear()
    texts = [f"第{i}号维修点，北京市朝阳区" + "长" * i for i in range(80)]
    cut = [lexicon.words(t) for t in texts]
    assert len(lexicon._route_cache) <= 16
    assert all(len(block) <= lexicon_module.ROUTE_CACHE_MAX_CHARS for block in lexicon._route_cache)
    lexicon._route_cache.clear()
    assert [lexicon.words(t) for t in texts] == cut  # the cache changes no result
