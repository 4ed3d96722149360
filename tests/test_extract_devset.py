"""The labelled HTML development set: quality thresholds, and no regression against trafilatura."""
import json
import os

import pytest

from tools.score.html import DEFAULT_DEV, char_prf, evaluate, keep_drop


@pytest.fixture(scope="module")
def result():
    return evaluate(DEFAULT_DEV)


def test_dev_set_is_the_generators_output():
    with open(os.path.join(DEFAULT_DEV, "gold.jsonl"), encoding="utf-8") as fh:
        gold = [json.loads(line) for line in fh]
    assert len(gold) >= 40
    assert {g["lang"] for g in gold} == {"zh", "en"}
    assert {g["encoding"] for g in gold} >= {"gbk", "gb18030", "utf-8"}
    assert all(os.path.exists(os.path.join(DEFAULT_DEV, "pages", f"{g['id']}.html")) for g in gold)


def test_overall_thresholds(result):
    overall = result["summary"]["overall"]["pagewash"]
    assert overall["f1"] >= 0.93
    assert overall["must_drop_recall"] >= 0.98
    assert overall["must_keep_recall"] >= 0.98


def test_no_regression_against_plain_trafilatura_on_any_page_type(result):
    for group, systems in result["summary"].items():
        assert systems["pagewash"]["f1"] >= systems["trafilatura"]["f1"] - 1e-9, group
        assert systems["pagewash"]["must_drop_recall"] >= systems["trafilatura"]["must_drop_recall"], group


def test_metadata_accuracy(result):
    for field, accuracy in result["metadata"].items():
        assert accuracy >= 0.95, field


def test_char_f1_and_keep_drop_definitions():
    assert char_prf("ab c", "abc")["f1"] == 1.0
    scores = char_prf("aabb", "ab")  # two of four predicted characters are right, all gold found
    assert scores["precision"] == 0.5 and scores["recall"] == 1.0
    kd = keep_drop("市区新增 三条线路，推荐阅读", ["三条线路,"], ["推荐阅读", "网友评论"])
    assert kd["kept"] == ["三条线路,"] and kd["leaked"] == ["推荐阅读"] and kd["dropped"] == ["网友评论"]
