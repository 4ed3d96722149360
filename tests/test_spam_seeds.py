"""The two seed pages (fixtures/pages, gold in fixtures/gold/seeds.jsonl): every
must_drop string goes, every must_keep string stays."""
import json
import os

import pytest

from pagewash.transforms.normalize import normalize_text
from pagewash.transforms.record import Doc, Kind, Reason
from pagewash.transforms.spam import clean_doc, clean_text

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _seeds():
    with open(os.path.join(ROOT, "fixtures", "gold", "seeds.jsonl"), encoding="utf-8") as handle:
        for line in handle:
            gold = json.loads(line)
            with open(os.path.join(ROOT, "fixtures", "pages", gold["id"]), encoding="utf-8") as page:
                yield gold, normalize_text(page.read())


SEEDS = list(_seeds())


@pytest.mark.parametrize("gold,text", SEEDS, ids=[g["id"] for g, _ in SEEDS])
def test_seed_must_drop_gone_and_must_keep_kept(gold, text):
    cleaned = clean_text(text).text
    lost = [s for s in gold["must_keep"] if normalize_text(s) not in cleaned]
    left = [s for s in gold["must_drop"] if normalize_text(s) in cleaned]
    assert lost == []
    assert left == []


@pytest.mark.parametrize("gold,text", SEEDS, ids=[g["id"] for g in (s[0] for s in SEEDS)])
def test_seed_boilerplate_leaves_the_text(gold, text):
    cleaned = clean_text(text).text
    for line in gold["boilerplate"]:
        if line.startswith(("原标题", "(责编", "2019-09-21")):
            assert normalize_text(line) not in cleaned


def test_seed_000_metadata_goes_to_the_record():
    gold, text = SEEDS[0]
    assert gold["id"].startswith("000")
    doc = Doc(id="pages/" + gold["id"], source="seed", kind=Kind.TEXT, text=text)
    cleaned, removals = clean_doc(doc)
    assert cleaned.published == "2019-09-21T07:10"
    assert cleaned.meta["source_name"] == "法制日报"
    assert cleaned.meta["original_title"] == "重拳打击遏制个人信息贩卖"
    assert cleaned.meta["editor"] == "宋心蕊、赵光霞"
    assert cleaned.removed[Reason.PLACE_LIST] > 1000
    assert sum(cleaned.removed.values()) == sum(len(r.text) for r in removals)
    assert {r.reason for r in removals} >= {Reason.PLACE_LIST, Reason.KEYWORD_STUFFING, Reason.RELATED_BLOCK,
                                            Reason.SPAM_LINK, Reason.METADATA_LINE}


def test_seed_004_injected_keywords_cut_from_sentences():
    gold, text = SEEDS[1]
    result = clean_text(text)
    injected = [r.text for r in result.removals if r.reason == Reason.INJECTED_KEYWORD]
    assert sorted(injected) == ["大岭山,", "小产权房,"]
    assert "接近2019年年末,国家市场监管总局又交出一份" in result.text
    assert "其次,违法行为具有隐蔽性。" in result.text
    assert [r.text for r in result.removals if r.reason == Reason.SITE_TITLE] == ["深圳小产权房网深圳小产权房网"]
