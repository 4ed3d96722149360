"""The labelled development set: thresholds of issue 3, and the pages are what
the generator makes."""
import importlib.util
import os
import sys

from tools.score.spam import load_gold, load_pages, run_clean_spam, score

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEV = os.path.join(ROOT, "fixtures", "spam_dev")


def test_dev_set_spam_recall_and_keep_recall():
    gold = load_gold(os.path.join(DEV, "gold.jsonl"))
    docs = load_pages(os.path.join(DEV, "pages"))
    assert len(docs) >= 40 and len(gold) == len(docs)
    cleaned, rejected = run_clean_spam(docs, min_pages=3)
    report = score(gold, cleaned)
    assert report.spam_recall >= 0.98, report.failures
    assert report.keep_recall >= 0.99, report.failures
    assert set(rejected) == {g["id"] for g in gold if g["kind"] == "spam_only"}


def test_dev_pages_are_the_generator_output():
    spec = importlib.util.spec_from_file_location("make_dev_set", os.path.join(DEV, "make_dev_set.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    pages = module.build()
    module.check_learnable(pages)
    for page in pages:
        with open(os.path.join(DEV, "pages", page.site, page.name + ".txt"), encoding="utf-8") as handle:
            assert handle.read() == "\n".join(page.lines) + "\n"


def test_score_counts_drops_and_keeps():
    gold = [{"id": "a", "must_drop": ["spam", "junk"], "must_keep": ["text", "more"]}]
    report = score(gold, {"a": "text and junk"})
    assert (report.drop_gone, report.drop_total, report.keep_kept, report.keep_total) == (1, 2, 1, 2)
    assert report.failures == [("a", "drop", "junk"), ("a", "keep", "more")]
    assert score(gold, {}).keep_recall == 0.0
