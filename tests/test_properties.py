"""Property-based tests (hypothesis): for any input, no exception escapes, every record is
accounted for, strings stay encodable, and decisions do not depend on order."""
import itertools
import json
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pagewash.transforms.boundary import encodable_record
from pagewash.transforms.decode import decode_bytes, decode_page
from pagewash.transforms.dedup.keys import Member
from pagewash.transforms.dedup.beam import choose_cluster_keep, resolve_exact_group
from pagewash.transforms.dedup.keys import doc_key_of
from pagewash.transforms.dedup.settings import DedupSettings
from pagewash.transforms.extract import ExtractSettings, extract_page
from pagewash.transforms.extract_limits import WorkBudget, within_budget
from pagewash.transforms.inputs import InputFile
from pagewash.transforms.read import ReadLimits, read_input_file
from pagewash.transforms.record import Doc, ErrorRecord, Kind, Rejected
from pagewash.transforms.spam.clean import clean_doc
from pagewash.transforms.unique import choose_unique

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.function_scoped_fixture])
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.function_scoped_fixture])

# text that may hold lone surrogates, controls and any script
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=200)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4), max_leaves=12)
json_records = st.fixed_dictionaries({}, optional={"id": json_values, "text": json_values, "html": json_values,
                                                   "url": json_values, "title": json_values})


def _encodable(record):
    fixed, count = encodable_record(record)
    return count == 0 and fixed == record


def _records(path, data, limit=4096):
    path.write_bytes(data)
    return list(read_input_file(InputFile(str(path.parent), str(path), len(data)), ReadLimits(max_page_bytes=limit)))


@FAST
@given(st.binary(max_size=3000), st.sampled_from([".jsonl", ".jsonl.gz", ".warc", ".warc.gz", ".html", ".txt"]))
def test_readers_turn_any_bytes_into_encodable_records(tmp_path, data, suffix):
    for record in _records(tmp_path / f"input{suffix}", data):
        assert isinstance(record, (Doc, Rejected, ErrorRecord)) and _encodable(record)


@FAST
@given(st.lists(json_records | json_values | st.binary(max_size=60), max_size=12))
def test_every_jsonl_line_is_one_record(tmp_path, rows):
    lines = []
    for row in rows:
        line = row if isinstance(row, bytes) else json.dumps(row).encode()
        lines.append(line.replace(b"\n", b" ").replace(b"\r", b" "))
    records = _records(tmp_path / "rows.jsonl", b"\n".join(lines) + b"\n", limit=1 << 20)
    assert len(records) == sum(1 for line in lines if line.strip())
    assert all(_encodable(record) for record in records)
    for record in records:
        if isinstance(record, Doc):
            assert isinstance(record.id, str) and record.id


@FAST
@given(st.binary(max_size=4000), st.none() | st.sampled_from(["utf-8", "gbk", "utf-16", "rot13", "latin1", "x"]))
def test_decoding_any_bytes_gives_a_record_and_never_lone_surrogates(data, charset):
    decoded = decode_bytes(data, charset)
    decoded.text.encode("utf-8")
    for kind in (Kind.HTML, Kind.TEXT):
        result = decode_page(Doc(id="d", source="s", kind=kind, content=data, http_charset=charset))
        assert isinstance(result, (Doc, Rejected, ErrorRecord)) and _encodable(result)


@FAST
@given(st.text(max_size=400))
def test_utf8_text_decodes_to_itself(text):
    assert decode_bytes(text.encode("utf-8"), sniff_meta=False).text == text


tags = st.sampled_from(["div", "p", "span", "article", "li", "ul", "table", "td", "a", "b", "script", "br"])
words = st.sampled_from(["ferry", "terminal", "harbour.", "June,", "码头", "新闻。", "<", "&amp;", ""])


@st.composite
def markup(draw):
    parts = ["<html><body>"]
    for _ in range(draw(st.integers(0, 60))):
        choice = draw(st.integers(0, 2))
        tag = draw(tags)
        parts.append(f"<{tag}>" if choice == 0 else f"</{tag}>" if choice == 1 else " ".join(draw(st.lists(words,
                                                                                                 max_size=8))))
    return "".join(parts)


@SLOW
@given(markup(), st.integers(0, 300))
def test_extraction_of_any_markup_is_a_doc_or_a_rejection(html, depth):
    html = html.replace("<body>", "<body>" + "<div>" * depth, 1)
    doc = Doc(id="e", source="s", kind=Kind.HTML, html=html)
    checked = within_budget(doc, WorkBudget(max_elements=200))
    if isinstance(checked, Doc):
        result = extract_page(checked, ExtractSettings())
        assert isinstance(result, (Doc, Rejected)) and _encodable(result)
        assert result.html is None if isinstance(result, Doc) else result.reason == "no_text"
    else:
        assert checked.reason == "too_complex"


@FAST
@given(st.text(max_size=600))
def test_cleaning_never_adds_text(text):
    doc = Doc(id="c", source="s", kind=Kind.TEXT, text=text)
    cleaned, removals = clean_doc(doc)
    assert len(cleaned.text or "") <= len(text)
    assert all(isinstance(removal.text, str) for removal in removals)


texts = st.sampled_from(["alpha beta gamma delta", "alpha beta gamma delta", "码头新闻今日发布", "", "x y z"])


@FAST
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), texts, st.sampled_from(["f1", "f2"])), min_size=1,
                max_size=8), st.randoms())
def test_unique_ids_and_dedup_choices_do_not_depend_on_order(rows, rng):
    docs = [Doc(id=i, source=s, kind=Kind.TEXT, text=t, quality={"score": 0.5}) for i, t, s in rows]
    shuffled = docs[:]
    rng.shuffle(shuffled)
    by_id = {}
    for doc in docs:
        by_id.setdefault(doc.id, []).append(doc)
    for doc_id, group in by_id.items():
        same = [d for d in shuffled if d.id == doc_id]
        assert choose_unique(group) == choose_unique(same)
    unique = sorted({doc.id: choose_unique(g)[0] for doc, g in ((g[0], g) for g in by_id.values())}.values(),
                    key=lambda d: d.id)
    keys = [doc_key_of(doc, DedupSettings()) for doc in unique]
    for permutation in itertools.islice(itertools.permutations(keys), 6):
        assert resolve_exact_group(list(permutation))[0] == resolve_exact_group(keys)[0]
    members = [Member(k.key, k.id, k.origin, k.rank, k.exact, 1) for k in keys]
    reordered = members[:]
    random.Random(len(members)).shuffle(reordered)
    assert choose_cluster_keep(members) == choose_cluster_keep(reordered)
