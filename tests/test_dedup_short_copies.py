"""Short copies, headlines, articles joined only through a short copy, and refreshes that decide
pairs with an earlier index's documents the way a run decides its own."""
from __future__ import annotations

import logging
import os
import random

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dedup_support import doc, read_index_rows, run_dedup, tree_bytes
from pagewash.transforms.dedup.core import core_text, headline_of
from pagewash.transforms.dedup.index import (INDEX_SCHEMA, doc_key_from_row, index_row, index_version,
                                             sample_from_gaps, sample_gaps)
from pagewash.transforms.dedup.keys import (Member, doc_key_of, keep_rank, separate_members, shingle_sample_of,
                                           verify_pair)
from pagewash.transforms.dedup.settings import DedupSettings
from pagewash.transforms.record import Doc

SETTINGS = DedupSettings()

# A long report written for these tests: twelve paragraphs, the first one short.
HEADLINE = "城西湿地公园今年迎来越冬候鸟"
PARAGRAPHS = [
    "入冬以来,城西湿地公园陆续迎来了成群的越冬候鸟,观鸟的市民也一天比一天多。",
    "公园管理处介绍,今年记录到的候鸟已有四十一种,比去年同期多出六种,其中包括两种国家二级保护鸟类。",
    "为了给候鸟留出安静的觅食空间,管理处在核心区拉起了围栏,并把游客步道向外移了二十米。",
    "每天清晨,工作人员都会沿着湖岸巡查一遍,清理游客丢下的塑料袋和食品包装,防止鸟类误食。",
    "湿地东侧新建的三座观鸟屋已经对外开放,屋内配有望远镜和图文说明,方便市民辨认不同的鸟种。",
    "一位坚持观鸟十多年的退休工程师说,过去这里只是一片荒滩,如今水草丰茂,候鸟一年比一年多。",
    "管理处还联合附近的小学开设了自然课堂,孩子们可以在老师带领下记录鸟的数量和活动时间。",
    "据监测,湖区水质已经连续三年保持在三类以上,芦苇和菖蒲的面积也扩大了近一倍。",
    "专家提醒,观鸟时应保持距离,不要投喂,也不要使用闪光灯拍照,以免惊扰正在休息的鸟群。",
    "按照计划,公园明年将再修复一百亩滩涂,并在北岸增设一处候鸟救护站。",
    "周边社区的志愿者也组成了护鸟队,每逢周末轮流值守,劝阻下湖捕鱼和放风筝的行为。",
    "管理处表示,欢迎市民在开放时间前来参观,同时也希望大家文明观鸟,共同守护这片湿地。",
]
ARTICLE = "\n".join([HEADLINE] + PARAGRAPHS)
# The other long report: a different article.
OTHER = "\n".join([
    "全市今年新建的二十处口袋公园已经全部完工,周边居民多了不少散步和休息的去处。",
    "这些口袋公园大多利用街角闲置地块改造而成,面积从几百平方米到两千平方米不等。",
    "设计时充分听取了居民意见,增加了座椅、遮阳棚和儿童游乐设施,还保留了原有的大树。",
    "园林部门介绍,每处公园都安排了专人养护,草坪和灌木的修剪每两周进行一次。",
    "不少老人表示,以前买菜回来没地方歇脚,现在家门口就能坐下来聊聊天。",
    "明年还计划再建三十处,重点放在老城区和学校周边,让更多居民步行十分钟就能到达一处公园。",
    "部分公园还设置了雨水花园,下雨时可以收集和净化屋面雨水,减轻排水管网的压力。",
    "园林部门同时提醒市民爱护公共设施,不要踩踏草坪,遛狗时及时清理宠物粪便。",
])


def _key(doc_id, text, settings=SETTINGS):
    return doc_key_of(Doc(id=doc_id, source=doc_id, text=text), settings)


def test_a_short_core_leaves_out_its_headline():
    short = HEADLINE + "\n" + PARAGRAPHS[1]
    assert headline_of(short) == HEADLINE
    assert core_text(short) == PARAGRAPHS[1]
    # not a headline: a first line that is prose, or one not followed directly by prose
    assert headline_of(PARAGRAPHS[1] + "\n" + PARAGRAPHS[2]) == ""
    notice = "停水通知\n明天上午八点至十二点停水。"
    assert headline_of(notice) == "" and core_text(notice) == notice


def test_copies_with_and_without_their_headline_share_a_lead_key():
    with_headline = _key("a", ARTICLE)
    without = _key("b", "\n".join(PARAGRAPHS[:4]))
    lead = SETTINGS.bands
    assert set(with_headline.bands[lead:]) & set(without.bands[lead:])
    assert not set(with_headline.bands[lead:]) & set(_key("c", OTHER).bands[lead:])


def test_a_one_paragraph_copy_is_a_duplicate_on_the_samples_only():
    full = _key("full", ARTICLE)
    short = _key("short", PARAGRAPHS[1] + "\n" + PARAGRAPHS[2])
    verdict = verify_pair(full.signature, full.shingles, short.signature, short.shingles, SETTINGS,
                          full.shingle_sample, short.shingle_sample)
    assert verdict.duplicate and verdict.on_samples
    assert SETTINGS.short_copy_min_jaccard <= verdict.jaccard < SETTINGS.truncated_min_jaccard
    # without samples (an index of version 1) the estimate decides, and it does not merge so low
    assert not verify_pair(full.signature, full.shingles, short.signature, short.shingles, SETTINGS).duplicate
    # a short text mostly of another article's sentences plus its own is not contained
    mixed = _key("mixed", PARAGRAPHS[1] + "\n" + OTHER.split("\n")[0])
    assert not verify_pair(full.signature, full.shingles, mixed.signature, mixed.shingles, SETTINGS,
                           full.shingle_sample, mixed.shingle_sample).duplicate
    # too few shingles: a single clause is no copy of an article
    clause = _key("clause", "公园管理处介绍,今年记录到的候鸟已有四十一种。")
    assert clause.shingles < SETTINGS.short_copy_min_shingles
    assert not verify_pair(full.signature, full.shingles, clause.signature, clause.shingles, SETTINGS,
                           full.shingle_sample, clause.shingle_sample).duplicate


def _member(key, length):
    return Member(key.key, key.id, key.origin, keep_rank(1, 0.0, length, None, key.id), key.exact, 1,
                  (), key.signature)


def test_articles_joined_only_through_a_short_copy_are_both_kept():
    a, b = _key("a", ARTICLE), _key("b", OTHER)
    item = _key("item", PARAGRAPHS[1])
    copy = _key("copy", ARTICLE.replace("四十一种", "四十二种"))
    members = [_member(a, len(ARTICLE)), _member(copy, len(ARTICLE)), _member(b, len(OTHER)),
               _member(item, len(PARAGRAPHS[1]))]
    kept = separate_members(members)
    assert [m.id for m in kept] == ["a", "b"]


def _docs():
    return [
        doc("full", ARTICLE, score=0.5),
        doc("repost", "\n".join(PARAGRAPHS[:3]), score=0.5),
        doc("one-paragraph", HEADLINE + "\n" + PARAGRAPHS[0] + PARAGRAPHS[1], score=0.5),
        doc("other", OTHER, score=0.5),
        doc("other-copy", OTHER + "\n本文来源:城市晚报", score=0.4),
    ]


def test_short_copies_are_kept_once_whatever_the_input_order(tmp_path):
    docs = _docs()
    reference = run_dedup(docs, str(tmp_path / "a"))
    assert set(reference["kept"]) == {"full", "other"}
    assert reference["rejected"]["repost"]["duplicate_of"] == "full"
    assert reference["rejected"]["one-paragraph"]["duplicate_of"] == "full"
    expected = tree_bytes(str(tmp_path / "a"))
    for seed in (1, 2):
        shuffled = list(docs)
        random.Random(seed).shuffle(shuffled)
        run_dedup(shuffled, str(tmp_path / f"s{seed}"))
        assert tree_bytes(str(tmp_path / f"s{seed}")) == expected


def test_index_rows_keep_the_sample_count_and_lead_keys():
    key = _key("full", ARTICLE)
    row = index_row(key, SETTINGS)
    assert row["shingle_count"] == key.shingles
    assert sample_from_gaps(row["sample_gaps"]) == key.shingle_sample
    assert max(row["sample_gaps"][1:]) < 1 << 32 and row["lead_keys"] == list(key.bands[SETTINGS.bands:])
    old = doc_key_from_row(row, SETTINGS)
    assert old.shingles == key.shingles and old.shingle_sample == key.shingle_sample
    assert old.bands == key.bands
    assert sample_gaps(shingle_sample_of([5 << 32, 9 << 32, 7 << 32])) == [5, 2, 2]
    # another lead length: the stored lead keys are not comparable, the signature's bands are
    other = doc_key_from_row(row, DedupSettings(lead_chars=32))
    assert other.bands == key.bands[:SETTINGS.bands]


def _refresh_docs():
    first = [doc("full", ARTICLE, score=0.5), doc("other", OTHER, score=0.5)]
    second = [doc("repost", "\n".join(PARAGRAPHS[:3]), score=0.9),
              doc("one-paragraph", HEADLINE + "\n" + PARAGRAPHS[0] + PARAGRAPHS[1], score=0.9),
              doc("new", "\n".join(OTHER.split("\n")[::-1]).replace("二十", "四十"), score=0.5)]
    return first, second


def test_a_refresh_decides_short_copies_like_one_run(tmp_path):
    first, second = _refresh_docs()
    one = run_dedup(first + second, str(tmp_path / "one"))
    run_dedup(first, str(tmp_path / "run1"))
    refresh = run_dedup(second, str(tmp_path / "run2"), against=[str(tmp_path / "run1")])
    assert {i: r["duplicate_of"] for i, r in refresh["rejected"].items()} == \
        {i: r["duplicate_of"] for i, r in one["rejected"].items()} == {"repost": "full", "one-paragraph": "full"}
    assert set(refresh["kept"]) == set(one["kept"]) - {"full", "other"}
    assert index_version(os.path.join(tmp_path, "run2", "dedup_index", "part-00000-of-00002.parquet")) == 2


def _downgrade(directory):
    """Rewrites an index directory as version 1 wrote it (no shingle count, sample, lead keys)."""
    names = [f.name for f in INDEX_SCHEMA][:9]
    schema = pa.schema([INDEX_SCHEMA.field(n) for n in names],
                       metadata={"pagewash.record": "dedup_index", "pagewash.dedup_index_version": "1"})
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        table = pq.read_table(path).select(names)
        pq.write_table(table.cast(schema), path)


def test_an_index_of_version_1_is_read_and_decided_on_the_estimate(tmp_path, caplog):
    first, second = _refresh_docs()
    run_dedup(first, str(tmp_path / "run1"))
    _downgrade(str(tmp_path / "run1" / "dedup_index"))
    assert index_version(os.path.join(tmp_path, "run1", "dedup_index", "part-00000-of-00002.parquet")) == 1
    with caplog.at_level(logging.WARNING, logger="pagewash.transforms.dedup.index"):
        refresh = run_dedup(second, str(tmp_path / "run2"), against=[str(tmp_path / "run1")])
    assert any("decided on the signature estimate" in r.getMessage() for r in caplog.records)
    # the short copies cannot be told contained in an old document without its sample: the repost is
    # kept, as before (the one-paragraph copy is contained in it: a pair of this run, decided as usual)
    assert "repost" in refresh["kept"] and "full" not in refresh["kept"]
    assert refresh["rejected"]["one-paragraph"]["duplicate_of"] == "repost"
    # the new index is version 2 for what it keeps and still holds the old rows
    rows = {r["id"]: r for r in read_index_rows(str(tmp_path / "run2" / "dedup_index"))}
    assert {"full", "other", "repost"} <= set(rows)
    assert rows["full"]["sample_gaps"] is None and rows["repost"]["sample_gaps"]


def test_a_refresh_keeps_a_full_copy_of_an_article_an_earlier_run_had_only_cut_short(tmp_path):
    run_dedup([doc("repost", "\n".join(PARAGRAPHS[:3]), score=0.9)], str(tmp_path / "run1"))
    refresh = run_dedup([doc("full", ARTICLE, score=0.5), doc("full-copy", ARTICLE + "\n本文来源:城市晚报", score=0.4)],
                        str(tmp_path / "run2"), against=[str(tmp_path / "run1")])
    assert set(refresh["kept"]) == {"full"}
    assert refresh["kept"]["full"]["dedup"] == {"cluster": "full", "cluster_size": 3}
    assert refresh["rejected"]["full-copy"]["duplicate_of"] == "full"
    rows = {r["id"] for r in read_index_rows(str(tmp_path / "run2" / "dedup_index"))}
    assert rows == {"repost", "full"}
