"""The signature reads the article core: a copy's surviving keyword, link and header lines do not
split a cluster (transforms/dedup/core.py, docs/DEDUP.md "What the signature reads")."""
from __future__ import annotations

import itertools

from dedup_support import estimated_jaccard

from pagewash.transforms.dedup.core import core_text, is_core_line
from pagewash.transforms.dedup.keys import doc_key_of
from pagewash.transforms.dedup.minhash import shingle_hashes, signature
from pagewash.transforms.dedup.settings import DedupSettings
from pagewash.transforms.normalize import normalize_text
from pagewash.transforms.record import Doc

SETTINGS = DedupSettings()

# Written for this test.
ARTICLE = normalize_text(
    "城西湿地公园二期工程日前完工,新增水域面积约十二公顷。管理处负责人介绍,二期工程恢复了三条自然河道。\n"
    "新建的观鸟平台和木栈道已向市民开放。今年春季,管理处在湿地内观测到白鹭、池鹭等水鸟四十余种。\n"
    "管理处表示,湿地公园将继续监测水质和鸟类数量,观鸟平台在汛期将临时关闭,请市民留意公告。")
RESIDUE = ["城西生活网 首页 新闻中心 正文", "热门推荐 装修公司哪家好 二手房出售 婚纱摄影", "上一篇:本地天气 下一篇:交通提示",
           "本站关键词 湿地公园 周末去哪儿 亲子游"]


def _doc(doc_id, text):
    return Doc(id=doc_id, source=doc_id, text=text)


def _with_residue(text):
    lines = text.split("\n")
    return "\n".join([RESIDUE[0], lines[0], RESIDUE[1], lines[1], RESIDUE[2], lines[2], RESIDUE[3]])


def test_the_core_is_the_prose_lines():
    assert core_text(_with_residue(ARTICLE)) == ARTICLE
    assert not any(is_core_line(line) for line in RESIDUE)
    assert is_core_line("The council said on Thursday that the new branch will open next spring.")
    assert not is_core_line("Read more: council news and events")
    assert not is_core_line("Short line.")


def test_short_or_list_like_text_is_read_whole():
    notice = "停水通知\n明天上午八点至十二点停水。"
    assert core_text(notice) == notice  # under MIN_CORE_CHARS of prose
    table = "\n".join(["| 站点 | 水位 |", "|---|---|"] + [f"| 第{i}号站 | {i}.5米 |" for i in range(30)]
                      + ["各站水位均在警戒线以下,防汛部门将继续监测。"])
    assert core_text(table) == table  # the prose is under MIN_CORE_SHARE of the text
    assert core_text("") == ""


def test_a_copy_with_surviving_residue_lines_has_the_clean_copys_signature():
    clean, dirty = doc_key_of(_doc("a", ARTICLE), SETTINGS), doc_key_of(_doc("b", _with_residue(ARTICLE)), SETTINGS)
    assert clean.exact != dirty.exact  # the exact hash reads the whole text
    assert estimated_jaccard(clean.signature_array(), dirty.signature_array()) == 1.0
    assert "core=1" in SETTINGS.signature_params  # indexes signed on whole texts are refused


def test_copies_differing_in_residue_lines_are_one_cluster_whatever_their_order():
    texts = {"a": ARTICLE, "b": _with_residue(ARTICLE),
             "c": ARTICLE.replace("四十余种", "四十多种") + "\n" + RESIDUE[1] + "\n" + RESIDUE[3]}
    keys = {i: doc_key_of(_doc(i, t), SETTINGS) for i, t in texts.items()}
    for x, y in itertools.combinations(sorted(keys), 2):
        assert estimated_jaccard(keys[x].signature_array(), keys[y].signature_array()) >= SETTINGS.threshold
    # read whole, the copy with four residue lines would be a cluster of its own
    whole = {i: signature(shingle_hashes(t, SETTINGS).hashes, SETTINGS.num_perm, SETTINGS.seed, SETTINGS.scheme)
             for i, t in texts.items()}
    assert estimated_jaccard(whole["a"], whole["b"]) < SETTINGS.threshold
    ranks = [keys[i].rank for i in texts]
    assert min(ranks) == min(reversed(ranks)) == keys["a"].rank  # equal scores: the longer text, then the id
