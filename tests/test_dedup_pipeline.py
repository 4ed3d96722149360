"""The Deduplicate composite on Chinese and English fixtures: exact and near
duplicates, the spam-template trap, the keep policy and determinism."""
from __future__ import annotations

import random

import pytest

from dedup_support import article, doc, run_dedup, tree_bytes, wrapped
from tools.bench.dedup_corpus import TextMaker, exact_jaccard, shingle_set
from pagewash.transforms.dedup.settings import DedupSettings
from pagewash.transforms.dedup.normalize import exact_hash

SETTINGS = DedupSettings()


def fixture_docs():
    zh_library, zh_rain, zh_rail = article("zh_library"), article("zh_rain"), article("zh_rail")
    en_library, en_harbour, en_orchard = article("en_library"), article("en_harbour"), article("en_orchard")
    traditional = (zh_rain.replace("省", "省").replace("区", "區").replace("气象台", "氣象臺")
                   .replace("农业", "農業").replace("门", "門").replace("，", ","))
    return [
        # Chinese: an exact copy in Traditional characters with ASCII commas, a near copy
        # (one sentence edited, a source line appended), and an unrelated article.
        doc("zh-rain-1", zh_rain, score=0.6, published="2024-06-02"),
        doc("zh-rain-2", traditional, score=0.6, published="2024-06-01"),
        doc("zh-library-1", zh_library, score=0.5),
        doc("zh-library-2", zh_library.replace("三百余个", "三百多个").replace("晚上九点", "晚上十点")
            + "\n本文来源：城市晚报", score=0.9),
        doc("zh-rail-1", zh_rail),
        # English: an exact copy in upper case with extra spaces, a near copy with a
        # changed figure, and an unrelated article.
        doc("en-harbour-1", en_harbour, score=0.2),
        doc("en-harbour-2", en_harbour.upper().replace(". ", " ."), score=0.2),  # same length
        doc("en-library-1", en_library, score=0.7),
        doc("en-library-2", en_library.replace("three hundred", "four hundred")
            .replace("fourteen-month", "fifteen-month"), score=0.3),
        doc("en-orchard-1", en_orchard),
    ]


def synthetic_articles(count: int):
    maker = TextMaker(23)
    return [maker.article("en", 900) for _ in range(count)]


def policy_docs():
    """Keep-policy cases, each on its own synthetic article so they can share one run."""
    a, b, c, d = synthetic_articles(4)
    docs = [
        doc("a-4", a, score=0.5, published="2020-01-01"),
        doc("a-3", a, score=0.5, published="2020-01-01"),  # same as a-4, smaller id
        doc("a-2", a + "!", score=0.5, published="2023-01-01"),  # longer text beats the earlier date
        doc("a-1", a, score=0.5),  # no date: after the dated ones
        doc("a-0", a, score=None),  # missing score counts as 0.0
        doc("b-4", b, score=0.5, published="2020-01-01"),
        doc("b-3", b, score=0.5, published="2020-01-01"),
        doc("b-1", b, score=0.5),
        doc("c-1", c, score=0.5, published="2020-01-01"),
        doc("c-2", c + "!", score=0.5),
        doc("c-9", c, score=0.51),  # the higher score beats everything else
    ]
    # Exact copies of a near-duplicate point to the kept document, with the near reason.
    edited = d.replace(" the ", " a ", 3)
    docs += [doc("d-a", d, score=0.9), doc("d-b", edited), doc("d-c", edited.upper()), doc("d-d", d)]
    # Documents with no letters or digits are not grouped with each other.
    docs += [doc("p1", "!!! ???"), doc("p2", "... ---")]
    return docs


@pytest.fixture(scope="module")
def fixture_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("dedup_fixture_run")
    return run_dedup(fixture_docs() + policy_docs(), str(out)), out


def test_exact_duplicates_in_chinese_and_english(fixture_run):
    result, _ = fixture_run
    rejected = result["rejected"]
    # Same score and length: the earlier publication wins.
    assert rejected["zh-rain-1"]["reason"] == "exact_duplicate"
    assert rejected["zh-rain-1"]["duplicate_of"] == "zh-rain-2"
    # Same score, same length, no date: the smaller id wins.
    assert rejected["en-harbour-2"]["reason"] == "exact_duplicate"
    assert rejected["en-harbour-2"]["duplicate_of"] == "en-harbour-1"
    assert result["kept"]["zh-rain-2"]["dedup"] == {"cluster": "zh-rain-2", "cluster_size": 2}


def test_near_duplicates_in_chinese_and_english(fixture_run):
    result, _ = fixture_run
    rejected = result["rejected"]
    # The higher quality score wins even though the other copy came first.
    assert rejected["zh-library-1"]["reason"] == "near_duplicate"
    assert rejected["zh-library-1"]["duplicate_of"] == "zh-library-2"
    assert rejected["en-library-2"]["reason"] == "near_duplicate"
    assert rejected["en-library-2"]["duplicate_of"] == "en-library-1"
    assert result["kept"]["en-library-1"]["dedup"]["cluster_size"] == 2
    assert rejected["en-library-2"]["stage"] == "dedup"
    assert rejected["en-library-2"]["text"] == fixture_docs()[8].text


def test_unrelated_articles_and_singletons_are_kept(fixture_run):
    result, _ = fixture_run
    fixture_ids = {d.id for d in fixture_docs()}
    assert {k for k in result["kept"] if k in fixture_ids} == {
        "zh-rain-2", "zh-library-2", "zh-rail-1", "en-harbour-1", "en-library-1", "en-orchard-1"}
    assert result["kept"]["zh-rail-1"]["dedup"] == {"cluster": "zh-rail-1", "cluster_size": 1}
    assert result["errors"] == []


def test_spam_template_trap(tmp_path):
    """Two different articles in the same spam template must stay apart, and one
    article in two different templates must be merged: dedup runs on cleaned text."""
    same_template = [wrapped(article("zh_rail"), "zh_portal", "东方资讯"),
                     wrapped(article("zh_rain"), "zh_portal", "东方资讯")]
    # On raw pages the template dominates short articles: this is the trap.
    raw_similarity = exact_jaccard(shingle_set(same_template[0], SETTINGS), shingle_set(same_template[1], SETTINGS))
    two_templates = [wrapped(article("en_orchard"), "en_portal", "Daily Planet"),
                     wrapped(article("en_orchard"), "en_blog", "Town Notes")]
    raw_same_article = exact_jaccard(shingle_set(two_templates[0], SETTINGS),
                                     shingle_set(two_templates[1], SETTINGS))
    assert raw_similarity > 0.2 and raw_same_article < 0.8
    # What dedup receives: the cleaned text, maybe with a line of residue the cleaner left.
    cleaned = [
        doc("zh-a", article("zh_rail") + "\n东方资讯版权所有"),
        doc("zh-b", article("zh_rain") + "\n东方资讯版权所有"),
        doc("en-a", "Daily Planet\n" + article("en_orchard")),
        doc("en-b", article("en_orchard") + "\nTheme by Town Notes"),
    ]
    result = run_dedup(cleaned, str(tmp_path), write_index=False)
    # the residue lines are no part of the article core: both copies have the same core, so the
    # residue does not make en-b "longer" and the smaller id wins
    assert set(result["kept"]) == {"zh-a", "zh-b", "en-a"}
    assert result["rejected"]["en-b"]["reason"] == "near_duplicate"
    assert result["rejected"]["en-b"]["duplicate_of"] == "en-a"


def test_keep_policy_is_score_then_length_then_date_then_id(fixture_run):
    result, _ = fixture_run
    kept, rejected = result["kept"], result["rejected"]
    assert "a-2" in kept and not {"a-0", "a-1", "a-3", "a-4"} & set(kept)
    assert {rejected[k]["duplicate_of"] for k in ("a-0", "a-1", "a-3", "a-4")} == {"a-2"}
    assert kept["a-2"]["dedup"] == {"cluster": "a-2", "cluster_size": 5}
    assert "b-3" in kept and rejected["b-4"]["duplicate_of"] == "b-3" and rejected["b-1"]["duplicate_of"] == "b-3"
    assert "c-9" in kept and rejected["c-2"]["duplicate_of"] == "c-9"


def test_exact_copies_of_a_near_duplicate_point_to_the_kept_document(fixture_run):
    result, _ = fixture_run
    assert "d-a" in result["kept"] and result["kept"]["d-a"]["dedup"]["cluster_size"] == 4
    assert {k: (v["reason"], v["duplicate_of"]) for k, v in result["rejected"].items() if k.startswith("d-")} == {
        "d-b": ("near_duplicate", "d-a"), "d-c": ("near_duplicate", "d-a"), "d-d": ("exact_duplicate", "d-a")}


def test_documents_without_content_are_not_grouped(fixture_run):
    result, _ = fixture_run
    assert {"p1", "p2"} <= set(result["kept"])
    assert exact_hash("!!! ???") == exact_hash("... ---")


def test_same_output_whatever_the_order_and_running_mode(fixture_run, tmp_path):
    first, first_dir = fixture_run
    docs = fixture_docs() + policy_docs()
    shuffled = list(docs)
    random.Random(5).shuffle(shuffled)
    second = run_dedup(shuffled, str(tmp_path / "shuffled"))
    third = run_dedup(list(reversed(docs)), str(tmp_path / "workers"),
                      options=["--direct_running_mode=multi_processing", "--direct_num_workers=2"])
    assert set(first["kept"]) == set(second["kept"]) == set(third["kept"])
    reference = tree_bytes(str(first_dir))
    assert reference == tree_bytes(str(tmp_path / "shuffled"))
    assert reference == tree_bytes(str(tmp_path / "workers"))
    assert any(name.startswith("dedup_index/") for name in reference)
