"""decide_group: a join group's outcome, and the content key only where documents share an id."""
from __future__ import annotations

import pytest

from pagewash.transforms import unique
from pagewash.transforms.dedup.beam import decide_group
from pagewash.transforms.dedup.keys import Decision, doc_key_of
from pagewash.transforms.dedup.settings import DedupSettings
from pagewash.transforms.record import Doc, ErrorRecord, Kind

SETTINGS = DedupSettings()
TEXT = ("The river valley road reopened on Monday after three weeks of repairs to its stone bridge. "
        "Local drivers had used a narrow forest track in the meantime, adding twenty minutes to each trip.")


def _doc(doc_id: str, text: str = TEXT, source: str = "a.jsonl") -> Doc:
    return Doc(id=doc_id, source=source, kind=Kind.TEXT, text=text)


def test_one_document_is_decided_without_its_content_key(monkeypatch):
    doc = _doc("d1")
    key = doc_key_of(doc, SETTINGS)

    def refuse(_doc):
        raise AssertionError("a group of one document needs no content key")

    monkeypatch.setattr(unique, "content_key", refuse)
    out = decide_group(key.key, iter([(doc, key)]), [Decision(key.key, "d1", key.exact, 1)], SETTINGS)
    kept = out[0]
    assert isinstance(kept, Doc) and kept.dedup == {"cluster": "d1", "cluster_size": 1}


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_documents_under_one_id_are_ordered_by_content_whatever_the_join_order(order):
    first, second = _doc("d1", source="a.jsonl"), _doc("d1", source="b.jsonl")
    pairs = [(first, doc_key_of(first, SETTINGS)), (second, doc_key_of(second, SETTINGS))]
    key = pairs[0][1].key
    out = decide_group(key, [pairs[i] for i in order], [Decision(key, "d1", pairs[0][1].exact, 1)], SETTINGS)
    assert isinstance(out[0], Doc) and out[0].source == "a.jsonl"  # the smaller content key is kept
    assert isinstance(out[-1], ErrorRecord) and out[-1].source == "b.jsonl"
