"""The Beam shell: corpus statistics (deterministic, bounded) and the CleanSpam stage."""
import random

import apache_beam as beam
import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing import test_pipeline
from apache_beam.testing.util import assert_that, equal_to

from pagewash.pipeline.options import IN_PROCESS_RUNNER
from pagewash.transforms.record import Doc, Kind, Reason
from pagewash.transforms.spam.beam import CleanSpam, CorpusSegmentStats, units_of_signature
from pagewash.transforms.spam.vocabulary import LINE_UNIT, GLOBAL_SCOPE, frequent_units, page_units, site_key, vocabulary_index

KEYWORDS = ["二手钩机", "挖机配件", "铲车报价", "工程机械", "吊车租赁"]
ARTICLES = [
    "今年以来各地持续推进老旧小区改造,惠及居民超过一百万户,群众满意度明显提高,改造工作还将继续。",
    "新建高铁线路今日开通运营,沿线城市之间的最短旅行时间由原来的三个多小时压缩到一小时以内。",
    "秋粮收获进度已经过半,各地抢抓晴好天气组织机收,确保颗粒归仓,主要作物机收率超过七成。",
    "跨江大桥主体结构完工,进入桥面铺装和附属设施施工阶段,预计明年年中具备通车条件并投入使用。",
    "社区志愿服务队已有队员一百二十多人,累计服务时长超过两万小时,为独居老人送餐上门服务。",
    "老厂房经过一年多的改造变身为社区图书馆,馆内藏书约三万册,还设有儿童阅读区和自习区。",
]


def spam_site_pages():
    docs = []
    for k, article in enumerate(ARTICLES):
        kw = KEYWORDS[k % 5]
        text = "\n".join([
            "东莞钩机网",
            article.replace(",", f",{kw},", 1) if k % 2 else article,
            " ".join(KEYWORDS[k % 3:k % 3 + 3]) + " 东莞钩机网",
            "东莞钩机网 专业工程机械服务",
        ])
        docs.append(Doc(id=f"dump/spamsite/{k}.txt", source="test", kind=Kind.TEXT, text=text))
    docs.append(Doc(id="dump/news/clean.txt", source="test", kind=Kind.TEXT, text=ARTICLES[0]))
    docs.append(Doc(id="other", source="test", kind=Kind.TEXT, url="https://news.example.com/a/1.html",
                    text="严控传播渠道\n" + ARTICLES[1]))
    docs.append(Doc(id="dump/spamsite/only_spam.txt", source="test", kind=Kind.TEXT,
                    text="东莞钩机网东莞钩机网\n" + " ".join(KEYWORDS)))
    return docs


def options():
    return PipelineOptions(runner=IN_PROCESS_RUNNER)


def reference(docs, **kw):
    entries = frequent_units([(d.id, d.site, d.text) for d in docs], kw.get("min_pages", 3),
                             kw.get("min_line_share", 0.3), kw.get("max_per_site", 2000), kw.get("max_vocab", 100000))
    return vocabulary_index(entries)


def test_units_of_a_page():
    units = page_units("东莞钩机网东莞钩机网\n二手钩机 挖机配件 铲车报价\n" + ARTICLES[0])
    assert {"l:东莞钩机网东莞钩机网", "t:东莞钩机网", "t:二手钩机", "t:挖机配件", "l:二手钩机 挖机配件 铲车报价"} <= units
    assert not any(ARTICLES[0] in u for u in units)


def test_site_key_is_host_else_folder():
    assert site_key("news.example.com", "x") == "site:news.example.com"
    assert site_key(None, "dump/spamsite/1.txt") == "dir:dump/spamsite"


def test_corpus_stats_match_the_reference_and_ignore_input_order():
    docs = spam_site_pages()
    shuffled = list(docs)
    random.Random(7).shuffle(shuffled)
    expected = reference(docs)
    assert expected["dir:dump/spamsite"]["t:工程机械"] >= 3
    assert "l:东莞钩机网 专业工程机械服务" in expected["dir:dump/spamsite"]
    assert "l:严控传播渠道" not in expected.get(GLOBAL_SCOPE, {})
    for order in (docs, shuffled):
        with test_pipeline.TestPipeline(options=options()) as p:
            stats = p | beam.Create(order, reshuffle=True) | CorpusSegmentStats(min_pages=3)
            assert_that(stats, equal_to([expected]))


def test_corpus_stats_are_bounded():
    docs = spam_site_pages()
    expected = reference(docs, max_per_site=4, max_vocab=6)
    assert sum(len(v) for v in expected.values()) == 6
    with test_pipeline.TestPipeline(options=options()) as p:
        stats = p | beam.Create(docs) | CorpusSegmentStats(min_pages=3, max_per_site=4, max_vocab=6)
        assert_that(stats, equal_to([expected]))


@pytest.mark.parametrize("spilled,processes", [(False, 0), (True, 0), (True, 1)])
def test_clean_spam_stage_outputs_docs_rejections_and_audit(tmp_path, spilled, processes):
    # processes=1: the cleaning in a stage process (stage_pool.py), the same outputs
    docs = spam_site_pages()
    spill = tmp_path / "spill"

    def check_docs(out):
        by_id = {d.id: d for d in out}
        assert len(by_id) == len(docs) - 1
        for k, article in enumerate(ARTICLES):
            assert by_id[f"dump/spamsite/{k}.txt"].text == article
        assert by_id["dump/news/clean.txt"].text == ARTICLES[0]
        assert by_id["other"].text == "严控传播渠道\n" + ARTICLES[1]
        assert by_id["dump/spamsite/1.txt"].removed[Reason.INJECTED_KEYWORD] == len("挖机配件,")

    def check_audit(records):
        assert {r["reason"] for r in records} >= {Reason.TEMPLATE_LINE, Reason.KEYWORD_STUFFING,
                                                   Reason.INJECTED_KEYWORD, Reason.SITE_TITLE}
        assert {"id": "dump/spamsite/1.txt", "reason": Reason.INJECTED_KEYWORD, "text": "挖机配件,",
                "evidence": {"detector": "drop_injected_keywords"}} in records

    with test_pipeline.TestPipeline(options=options()) as p:
        out = p | beam.Create(docs) | CleanSpam(min_pages=3, audit=True, spill_dir=str(spill) if spilled else None,
                                                processes=processes)
        assert_that(out.docs, check_docs, label="docs")
        assert_that(out.rejected | beam.Map(lambda r: (r.id, r.reason)),
                    equal_to([("dump/spamsite/only_spam.txt", Reason.SPAM_ONLY)]), label="rejected")
        assert_that(out.errors, equal_to([]), label="errors")
        assert_that(out.extras["audit"], check_audit, label="audit")
    assert not spill.exists()  # with a spill directory the pages waited on disk; it is removed after


def test_units_of_signature_counts_a_unit_once_per_group():
    site = Doc(id="a/1", source="t", kind=Kind.TEXT, text="页脚\n正文一")
    copy = Doc(id="a/2", source="t", kind=Kind.TEXT, text="页脚\n正文二")
    pairs = units_of_signature([site, copy])
    assert pairs == sorted(set(pairs))
    footer = LINE_UNIT + "页脚"  # on both pages of the group: once per scope
    assert pairs.count((site_key(None, "a/1"), footer)) == 1 and pairs.count((GLOBAL_SCOPE, footer)) == 1
    assert set(pairs) == {(scope, unit) for doc in (site, copy)
                          for unit in page_units(doc.text) for scope in (site_key(None, doc.id), GLOBAL_SCOPE)}


def test_audit_is_empty_unless_asked():
    with test_pipeline.TestPipeline(options=options()) as p:
        out = p | beam.Create(spam_site_pages()) | CleanSpam(min_pages=3)
        assert_that(out.extras["audit"], equal_to([]))
