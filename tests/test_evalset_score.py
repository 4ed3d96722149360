"""The evaluation-set scorer's functions on tiny synthetic gold and pipeline outputs."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tools.evalset.score_pipeline import (
    Output, char_f1, norm, read_output, representative, score, summary_table,
)


def test_norm_applies_nfkc_and_drops_whitespace():
    assert norm("记者：骚扰电话？ ") == "记者:骚扰电话?"
    assert norm("a b\n c") == "abc"
    assert norm("") == ""


def test_char_f1_is_a_bag_of_characters_f1():
    assert char_f1("abc", "abc") == 1.0
    assert char_f1("", "") == 1.0
    assert char_f1("xyz", "abc") == 0.0
    # pred "aab" vs gold "ab": overlap 2, precision 2/3, recall 1 -> F1 0.8
    assert char_f1("aab", "ab") == pytest.approx(0.8)
    # order does not matter, whitespace and width do not either
    assert char_f1("b a", "ａｂ") == 1.0


def test_representative_follows_duplicate_chains():
    out = Output(clean={"c": "text"},
                 rejected={"a": {"duplicate_of": "b"}, "b": {"duplicate_of": "c"}, "x": {"duplicate_of": None},
                           "loop1": {"duplicate_of": "loop2"}, "loop2": {"duplicate_of": "loop1"}})
    assert representative("c", out) == "c"
    assert representative("a", out) == "c"
    assert representative("x", out) is None
    assert representative("loop1", out) is None
    assert representative("unknown", out) is None


def _gold(pid, kind="article", keep=(), drop=(), article="", families=(), cluster=None):
    return {"id": pid, "kind": kind, "must_keep": list(keep), "must_drop": list(drop), "article": article,
            "families": list(families), "cluster": cluster, "title": None}


def test_score_counts_spam_and_keep_recall_per_family():
    gold = [
        _gold("p1", keep=["第一句。", "第二句。"], drop=["思维车"], article="第一句。第二句。", families=[2]),
        _gold("p2", keep=["第三句。"], drop=["小产权房", "推荐阅读"], article="第三句。", families=[3, 7]),
    ]
    out = Output(clean={"p1": "第一句。\n第二句。", "p2": "第三句。推荐阅读"})
    fig, failures = score(gold, out)
    assert fig["spam_recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert fig["keep_recall"] == 1.0
    assert fig["keep_rate"] == 1.0
    # p1 exact (1.0); p2 carries four extra characters: precision 4/8, recall 1 -> 2/3
    assert fig["char_f1"] == pytest.approx((1.0 + 2 / 3) / 2, abs=1e-4)
    assert fig["per_family"]["2"]["spam_recall"] == 1.0
    assert fig["per_family"]["3"]["spam_recall"] == 0.5
    assert fig["per_family"]["7"]["must_drop"] == 2
    assert [(f.kind, f.page, f.detail) for f in failures] == [("DROP", "p2", "推荐阅读")]


def test_score_page_without_record_fails_its_keeps_and_counts_reason():
    gold = [_gold("p1", keep=["a sentence"], drop=["spam"], article="a sentence", families=[12])]
    out = Output(rejected={"p1": {"stage": "quality", "reason": "too_few_words", "duplicate_of": None}})
    fig, failures = score(gold, out)
    assert fig["articles_no_record"] == 1
    assert fig["keep_rate"] == 0.0
    assert fig["keep_recall"] == 0.0
    assert fig["spam_recall"] is None  # no record: its spam is not scored
    assert fig["char_f1"] == 0.0
    assert fig["no_record_reasons"] == {"quality:too_few_words": 1}
    assert failures[0].kind == "NO_RECORD" and failures[0].detail == "quality:too_few_words"


def test_score_dedup_rejected_page_is_represented_by_the_kept_duplicate():
    gold = [_gold("a", keep=["shared text"], cluster="c1", families=[11]),
            _gold("b", keep=["shared text"], cluster="c1", families=[11])]
    out = Output(clean={"a": "the shared text"},
                 rejected={"b": {"stage": "dedup", "reason": "near_duplicate", "duplicate_of": "a"}})
    fig, failures = score(gold, out)
    assert fig["keep_recall"] == 1.0
    assert fig["keep_rate"] == 1.0
    assert fig["clusters"] == 1
    assert fig["clusters_kept_more_than_once"] == 0
    assert failures == []


def test_score_flags_clusters_kept_twice_or_lost_and_junk_kept():
    gold = [_gold("a", cluster="c1"), _gold("b", cluster="c1"), _gold("c", cluster="c2"),
            _gold("j1", kind="junk", drop=["欢迎光临"], families=[10]),
            _gold("j2", kind="spam_only", families=[10])]
    out = Output(clean={"a": "x", "b": "x", "j1": "欢迎光临本站"},
                 rejected={"c": {"stage": "spam", "reason": "spam_only"}, "j2": {"stage": "spam", "reason": "spam_only"}})
    fig, failures = score(gold, out)
    assert fig["clusters_kept_more_than_once"] == 1
    assert fig["clusters_with_no_record"] == 1
    assert fig["junk_pages"] == 2 and fig["junk_kept"] == 1
    assert fig["per_family"]["10"]["junk_kept"] == 1
    kinds = sorted(f.kind for f in failures)
    assert kinds == ["CLUSTER_DUP", "CLUSTER_LOST", "DROP", "JUNK_KEPT", "NO_RECORD"]
    assert "overall" in summary_table(fig)


def test_score_counts_error_pages():
    gold = [_gold("p", keep=["x"])]
    fig, failures = score(gold, Output(errors={"p"}))
    assert fig["errors"] == 1
    assert fig["no_record_reasons"] == {"errors": 1}
    assert {f.kind for f in failures} == {"ERROR", "NO_RECORD"}


def _write_gz(path: Path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def test_read_output_reads_only_the_fields_it_needs(tmp_path):
    _write_gz(tmp_path / "clean" / "part-00000-of-00002.jsonl.gz",
              [{"id": "a", "text": "正文", "lang": "zh", "new_field": [1, 2]}])
    _write_gz(tmp_path / "clean" / "part-00001-of-00002.jsonl.gz", [{"id": "b", "text": None}])
    _write_gz(tmp_path / "rejected" / "part-00000-of-00001.jsonl.gz",
              [{"id": "c", "stage": "dedup", "reason": "near_duplicate", "duplicate_of": "a", "text": "..."},
               {"id": "d", "stage": "spam", "reason": "spam_only"}])
    _write_gz(tmp_path / "errors" / "part-00000-of-00001.jsonl.gz", [{"id": "e", "stage": "read"}, {"source": "x"}])
    out = read_output(tmp_path)
    assert out.clean == {"a": "正文", "b": ""}
    assert out.rejected["c"]["duplicate_of"] == "a"
    assert out.rejected["d"] == {"stage": "spam", "reason": "spam_only", "duplicate_of": None}
    assert out.errors == {"e"}


def test_read_output_tolerates_missing_folders(tmp_path):
    out = read_output(tmp_path)
    assert out.clean == {} and out.rejected == {} and out.errors == set()


def test_manifest_detects_changed_missing_and_extra_files(tmp_path):
    from tools.evalset import manifest

    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text("标题\n正文", encoding="utf-8")
    (tmp_path / "gold.jsonl").write_text("{}\n", encoding="utf-8")
    manifest.write(tmp_path)
    assert manifest.verify(tmp_path) == []
    (tmp_path / "pages" / "a.txt").write_text("changed", encoding="utf-8")
    (tmp_path / "pages" / "b.txt").write_text("new", encoding="utf-8")
    (tmp_path / "gold.jsonl").unlink()
    assert manifest.verify(tmp_path) == ["missing: gold.jsonl", "not in manifest: pages/b.txt",
                                         "changed: pages/a.txt"]


def test_score_breaks_figures_down_by_language_when_gold_has_one():
    gold = [dict(_gold("e", keep=["kept"]), lang="en"), dict(_gold("z", keep=["保留"]), lang="zh")]
    fig, _ = score(gold, Output(clean={"e": "kept text"}))
    assert fig["per_lang"]["en"]["keep_rate"] == 1.0
    assert fig["per_lang"]["zh"]["keep_rate"] == 0.0
    assert "lang zh" in summary_table(fig)
