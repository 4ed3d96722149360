"""Dedup keep policy: the copy whose spam was found wins, and it gets the cluster's spam vocabulary."""
from __future__ import annotations

from dedup_support import article, doc, run_dedup

from pagewash.transforms.dedup.beam import choose_cluster_keep, decide_document, resolve_exact_group
from pagewash.transforms.dedup.carry import (
    apply_cluster_vocabulary,
    apply_vocabulary,
    merge_vocabularies,
    spam_vocabulary,
    vocabulary_of,
    with_spam_vocabulary,
)
from pagewash.transforms.dedup.keys import Decision, DocKey, Member, keep_rank, spam_found
from pagewash.transforms.normalize import normalize_text
from pagewash.transforms.record import SPAM_REMOVAL_REASONS, Reason
from pagewash.transforms.spam.rules import Removal


def _key(doc_id, rank, vocab=(), exact="e"):
    return DocKey(key="n:" + doc_id, id=doc_id, origin=1, rank=rank, exact=exact, mode="char", signature=None,
                  bands=(), score=0.5, length=10, published=None, spam_vocab=tuple(vocab))


def test_the_copy_whose_spam_was_cut_ranks_before_a_longer_higher_scored_copy():
    cut = keep_rank(1, 0.7, 900, None, "z", spam_cut=True)
    not_cut = keep_rank(1, 0.95, 1500, "2020-01-01", "a", spam_cut=False)
    old = keep_rank(0, 0.0, 1, None, "zz")
    assert sorted([not_cut, cut, old]) == [old, cut, not_cut]
    assert spam_found({"keyword_stuffing": 12, "html_navigation": 400})
    assert not spam_found({"html_navigation": 400, "related_block": 80})  # furniture is not spam
    assert not spam_found({})


def test_spam_vocabulary_learns_tokens_and_short_lines_but_no_place_tokens():
    units = spam_vocabulary([
        (Reason.INJECTED_KEYWORD, "东莞娱乐,"),
        (Reason.KEYWORD_STUFFING, "小产权房 深圳小产权房 龙岗二手房"),
        (Reason.PLACE_LIST, "荣成| 楚雄| 麦积"),
        (Reason.RELATED_BLOCK, "推荐阅读"),  # not SEO spam: learns nothing
        (Reason.KEYWORD_STUFFING, "这是一句很长的句子,不是关键词。"),
    ])
    assert {"t:东莞娱乐", "t:小产权房", "t:深圳小产权房", "t:龙岗二手房"} <= set(units)
    assert "l:荣成| 楚雄| 麦积" in units and "t:荣成" not in units
    assert not any("推荐阅读" in u for u in units)
    assert not any(u.startswith("l:这是") for u in units)
    assert units == tuple(sorted(units, key=lambda u: (not u.startswith("t:"), len(u), u)))
    # place names inside a stuffing line are not carried as tokens when a gazetteer tells them
    mixed = spam_vocabulary([(Reason.KEYWORD_STUFFING, "五亩乡 低价出售 沙坪乡")], is_place=lambda w: w.endswith("乡"))
    assert "t:低价出售" in mixed and "t:五亩乡" not in mixed and "t:沙坪乡" not in mixed


def test_the_vocabulary_travels_in_its_own_field_and_merges_in_a_fixed_order():
    page = with_spam_vocabulary(doc("a", "正文。"), [Removal(Reason.INJECTED_KEYWORD, "东莞娱乐,")])
    assert page.spam_vocabulary == ("t:东莞娱乐", "l:东莞娱乐") and not page.meta
    assert vocabulary_of(page) == ("t:东莞娱乐", "l:东莞娱乐")
    assert with_spam_vocabulary(doc("b", "正文。"), []) == doc("b", "正文。")
    assert merge_vocabularies([("t:乙", "t:甲"), ("t:甲", "l:丙丁")]) == merge_vocabularies(
        [("l:丙丁", "t:甲"), ("t:乙",)]) == ("t:乙", "t:甲", "l:丙丁")


def test_apply_vocabulary_cuts_exact_matches_only():
    text = ("记者获悉,东莞娱乐,今年全市新增绿地三百公顷,东莞娱乐是本地企业。\n"
            "深圳小产权房\n"
            "小产权房 龙岗二手房\n"
            "市民表示满意,小产权房问题仍待解决,相关部门正在研究。")
    units = ("t:东莞娱乐", "t:小产权房", "t:龙岗二手房", "l:深圳小产权房")
    cleaned, cut = apply_vocabulary(text, units)
    assert cut == ["东莞娱乐,", "深圳小产权房", "小产权房 龙岗二手房"]
    # the segment inside a sentence that is not the bare token stays, and so do first segments
    assert cleaned == ("记者获悉,今年全市新增绿地三百公顷,东莞娱乐是本地企业。\n"
                       "市民表示满意,小产权房问题仍待解决,相关部门正在研究。")
    # a vocabulary that would cut most of the text does not fit this copy: nothing is cut
    assert apply_vocabulary("深圳小产权房\n短句。", ("l:深圳小产权房",)) == ("深圳小产权房\n短句。", [])
    assert apply_vocabulary(text, ()) == (text, [])


def test_apply_cluster_vocabulary_counts_what_it_cut():
    page = doc("k", "第一段,东莞娱乐,第二段内容比较长一些,还有第三段的文字。\n另一段正文的文字也在这里。")
    cleaned = apply_cluster_vocabulary(page, ("t:东莞娱乐",))
    assert cleaned.text == "第一段,第二段内容比较长一些,还有第三段的文字。\n另一段正文的文字也在这里。"
    assert cleaned.removed[Reason.CLUSTER_SPAM] == len("东莞娱乐,")
    assert cleaned.meta == page.meta
    assert Reason.CLUSTER_SPAM in SPAM_REMOVAL_REASONS
    assert apply_cluster_vocabulary(page, ("t:不在文中",)) is page


def test_exact_groups_and_clusters_collect_every_members_vocabulary_whatever_the_order():
    a = _key("a", keep_rank(1, 0.5, 10, None, "a", spam_cut=True), ["t:甲"])
    b = _key("b", keep_rank(1, 0.9, 10, None, "b"), ["t:乙"])
    c = _key("c", keep_rank(1, 0.9, 10, None, "c"))
    for order in ([a, b, c], [c, b, a], [b, a, c]):
        best, size, losers = resolve_exact_group(order)
        assert (best.id, size, best.spam_vocab) == ("a", 3, ("t:乙", "t:甲"))
        assert sorted(k for k, _ in losers) == ["n:b", "n:c"]
    members = [Member("n:x", "x", 1, keep_rank(1, 0.9, 50, None, "x"), "ex", 1, ("t:丙",)),
               Member("n:y", "y", 1, keep_rank(1, 0.4, 40, None, "y", spam_cut=True), "ey", 2, ("t:丁",))]
    for order in (members, members[::-1]):
        best, size, vocab = choose_cluster_keep(order)
        assert (best.id, size, vocab) == ("y", 3, ("t:丁", "t:丙"))


def test_decide_document_cleans_the_kept_copy_with_what_the_others_learned_and_retags_it():
    from pagewash.transforms.quality import tag_document

    text = "第一段,东莞娱乐,第二段内容比较长一些,还有第三段的文字。\n另一段正文的文字也在这里,记者了解到情况属实。"
    kept = tag_document(doc("k", text).replace(spam_vocabulary=("t:自己的词",)))
    decision = Decision("n:k", "k", "e", 2, carried=("t:东莞娱乐", "t:自己的词"))
    result = decide_document(kept, decision, "n:k", "e", own_vocab=("t:自己的词",))
    assert "东莞娱乐" not in result.text and result.dedup == {"cluster": "k", "cluster_size": 2}
    assert result.quality["char_count"] == len(result.text)
    loser = decide_document(kept, decision._replace(kept_key="n:other", kept_id="other"), "n:k", "x")
    assert loser.reason == Reason.NEAR_DUPLICATE and loser.duplicate_of == "other"


def test_pipeline_keeps_the_cleaned_copy_and_removes_what_another_copy_had_cut(tmp_path):
    body = normalize_text(article("zh_library"))  # the pipeline's text is NFKC: "，" is ","
    # copy A: its cleaner cut a stuffing line (spam found) but missed one injected keyword;
    # copy B: the same article, nothing found, the stuffing line and the injection still in it
    lines = body.split("\n")
    injected = lines[0].replace(",", ",东莞娱乐,", 1)
    assert "东莞娱乐" in injected
    a_text = "\n".join([injected] + lines[1:])
    b_text = "\n".join([injected, "东莞娱乐 深圳小产权房 龙岗二手房"] + lines[1:])
    a = doc("a-cut", a_text, score=0.6).replace(
        removed={Reason.KEYWORD_STUFFING: 30}, spam_vocabulary=("t:深圳小产权房", "t:龙岗二手房"))
    c = doc("c-cut", "\n".join(lines), score=0.6).replace(
        removed={Reason.INJECTED_KEYWORD: 5}, spam_vocabulary=("t:东莞娱乐",))
    b = doc("b-nothing-found", b_text, score=0.95)
    out = run_dedup([b, a, c], str(tmp_path))
    assert set(out["kept"]) == {"a-cut"}
    assert {r["duplicate_of"] for r in out["rejected"].values()} == {"a-cut"}
    kept = out["kept"]["a-cut"]
    assert "东莞娱乐" not in kept["text"]  # learned from copy c
    assert kept["removed"][Reason.CLUSTER_SPAM] == len("东莞娱乐,")
    assert sum(kept["removed"].values()) == 30 + len("东莞娱乐,")  # nothing lands in "other"


def _signed(doc_id, length, values, spam_cut=False, origin=1):
    import numpy as np

    signature = np.asarray(values, dtype="<u4").tobytes()
    return Member("n:" + doc_id, doc_id, origin, keep_rank(origin, 0.9, length, None, doc_id, spam_cut=spam_cut),
                  "e" + doc_id, 1, (), signature)


def test_the_copy_most_copies_agree_with_wins_over_a_longer_one_with_residue_of_its_own():
    common = list(range(16))
    residue = common[:12] + [100, 101, 102, 103]  # a pasted sentence only this copy carries
    members = [_signed("long", 900, residue), _signed("a", 880, common), _signed("b", 870, common[:15] + [7])]
    for order in (members, members[::-1]):
        best, size, _vocab = choose_cluster_keep(order)
        assert best.id == "a" and size == 3
    # found spam still comes first, and two copies agree with each other equally: the rank decides
    cut = [_signed("long", 900, residue, spam_cut=True)] + members[1:]
    assert choose_cluster_keep(cut)[0].id == "long"
    assert choose_cluster_keep(members[:2])[0].id == "long"
    # an exact group of two copies outweighs the longer copy with residue of its own
    pair = [_signed("long", 900, residue), _signed("a", 880, common)._replace(group_size=2)]
    assert choose_cluster_keep(pair)[0].id == "a"
    # members without signatures (an older index) keep the rank order
    unsigned = [m._replace(signature=None) for m in members]
    assert choose_cluster_keep(unsigned)[0].id == "long"


def test_a_copy_cut_short_is_never_the_copy_kept():
    import numpy as np

    from pagewash.transforms.dedup.keys import is_cut_short

    full = _signed("full", 1000, list(range(16)))
    cut = _signed("cut", 400, list(range(8)) + [200 + i for i in range(8)], spam_cut=True)
    # the cut-short copy had its spam found, and would win on that alone
    assert cut.rank < full.rank
    assert is_cut_short(cut, 1000) and not is_cut_short(full, 1000)
    for order in ([full, cut], [cut, full]):
        assert choose_cluster_keep(order)[0].id == "full"
    # copies of about one length are not cut short: the usual order decides
    near = _signed("near", 800, list(range(16)), spam_cut=True)
    assert not is_cut_short(near, 1000)
    assert choose_cluster_keep([full, near])[0].id == "near"
    assert np.frombuffer(full.signature, dtype="<u4").size == 16
