"""A copy with a paragraph left out, or with residue sentences the other copy does not have,
lies just under the Jaccard threshold while nearly all of the smaller copy is inside the larger:
the pair is verified on containment too (keys.is_duplicate_pair, docs/DEDUP.md)."""
from __future__ import annotations

import pytest

from pagewash.transforms.dedup.keys import doc_key_of, estimated_containment, is_duplicate_pair
from pagewash.transforms.dedup.settings import DedupSettings
from pagewash.transforms.normalize import normalize_text
from pagewash.transforms.record import Doc

SETTINGS = DedupSettings()

# Paragraphs written for this test: one article on a library's renovation.
PARAGRAPHS = [
    "北城图书馆历时十个月的改造工程日前完工,馆内新增阅览座位三百个,少儿阅览区面积扩大了一倍。",
    "改造后的图书馆在一楼设置了自助借还区,读者可以使用身份证或电子借书证在机器上办理借还手续。",
    "馆长介绍,这次改造还更换了全部照明设备,并在三楼开辟了地方文献专区,收藏本地出版的县志和家谱。",
    "为方便上班族,图书馆从下个月起延长开放时间,周一至周五晚上九点闭馆,周末和节假日照常开放。",
    "图书馆还计划在暑假期间举办少儿读书会和科普讲座,市民可以通过图书馆的公众号预约参加活动。",
]
# Sentences of other subjects (written for this test), as a cleaner may leave them in one copy.
PASTED = ["该型号冰箱采用变频压缩机,冷冻室容积为一百零八升,整机噪音低于三十八分贝。",
          "比赛第七十分钟,替补登场的前锋头球破门,帮助球队在客场扳平了比分。"]


def _key(doc_id, paragraphs, settings=SETTINGS):
    return doc_key_of(Doc(id=doc_id, source=doc_id, text=normalize_text("\n".join(paragraphs))), settings)


def test_estimated_containment_from_jaccard_and_sizes():
    # A inside B, |A| = 80, |B| = 100: J = 0.8, all of A is in B
    assert estimated_containment(0.8, 80, 100) == pytest.approx(1.0)
    # two sets of 100 sharing 60: J = 60 / 140
    assert estimated_containment(60 / 140, 100, 100) == pytest.approx(0.6)
    assert estimated_containment(0.9, 0, 100) == 0.0  # unknown size (an older index): no estimate


def test_a_copy_with_a_paragraph_left_out_is_a_duplicate_on_containment():
    full = _key("a", PARAGRAPHS)
    shorter = _key("b", PARAGRAPHS[:2] + PARAGRAPHS[3:])
    assert shorter.shingles < full.shingles
    duplicate, jaccard = is_duplicate_pair(full.signature, full.shingles, shorter.signature, shorter.shingles,
                                           SETTINGS)
    assert SETTINGS.containment_min_jaccard <= jaccard < SETTINGS.threshold
    assert duplicate
    # on Jaccard alone it is not
    off = DedupSettings(containment=1.0)
    assert not is_duplicate_pair(full.signature, full.shingles, shorter.signature, shorter.shingles, off)[0]
    # nor when the sizes are unknown
    assert not is_duplicate_pair(full.signature, 0, shorter.signature, shorter.shingles, SETTINGS)[0]


def test_a_copy_with_pasted_sentences_left_in_is_a_duplicate_on_containment():
    clean = _key("a", PARAGRAPHS)
    residue = [PARAGRAPHS[0] + PASTED[0], *PARAGRAPHS[1:3], PASTED[1] + PARAGRAPHS[3], PARAGRAPHS[4]]
    spammed = _key("b", residue)
    duplicate, jaccard = is_duplicate_pair(clean.signature, clean.shingles, spammed.signature, spammed.shingles,
                                           SETTINGS)
    assert jaccard < SETTINGS.threshold and duplicate


def test_two_articles_sharing_a_paragraph_are_not_duplicates():
    a = _key("a", PARAGRAPHS[:2])
    b = _key("b", PARAGRAPHS[1:2] + PASTED)
    duplicate, jaccard = is_duplicate_pair(a.signature, a.shingles, b.signature, b.shingles, SETTINGS)
    assert jaccard < SETTINGS.containment_min_jaccard and not duplicate


def test_containment_settings_are_checked():
    with pytest.raises(ValueError):
        DedupSettings(containment=0.0)
    with pytest.raises(ValueError):
        DedupSettings(containment_min_jaccard=1.5)
    # a threshold under containment_min_jaccard: containment never applies, bands follow the threshold
    assert DedupSettings(threshold=0.6).candidate_jaccard == 0.6


# A longer article written for this test: a reprint may carry only its first paragraphs.
LONG = PARAGRAPHS + [
    "图书馆负责人表示,馆内还将增设二十台电脑,供读者免费查阅电子期刊和数据库,并提供打印服务。",
    "据了解,改造期间馆藏图书已经全部重新编目,新增图书一万两千册,其中少儿图书占到三成以上。",
    "不少市民在开馆当天就赶来参观,一位退休教师说,新的阅览区光线明亮,座位也比以前宽敞了许多。",
    "市文化部门透露,明年还将在城东和城南各建一座分馆,让更多居民在家门口就能借到图书。",
]


def test_a_reprint_cut_short_shares_the_lead_key_and_is_a_duplicate_of_the_full_article():
    full = _key("full", LONG)
    cut = _key("cut", LONG[:5])
    duplicate, jaccard = is_duplicate_pair(full.signature, full.shingles, cut.signature, cut.shingles, SETTINGS)
    assert SETTINGS.truncated_min_jaccard <= jaccard < SETTINGS.containment_min_jaccard
    assert duplicate
    # a lead key (a band after the signature's) is shared, so the pair is a candidate whatever its other bands
    assert len(full.bands) > SETTINGS.bands and set(full.bands[SETTINGS.bands:]) & set(cut.bands[SETTINGS.bands:])
    # without the lower tier, the pair stays apart
    strict = DedupSettings(truncated_min_jaccard=SETTINGS.containment_min_jaccard)
    assert not is_duplicate_pair(full.signature, full.shingles, cut.signature, cut.shingles, strict)[0]


def test_lead_keys_differ_for_articles_that_open_otherwise_and_are_off_for_short_cores():
    a = _key("a", LONG)
    b = _key("b", LONG[2:] + LONG[:1])
    assert not set(a.bands[SETTINGS.bands:]) & set(b.bands[SETTINGS.bands:])
    off = _key("off", LONG, DedupSettings(lead_chars=0))
    assert len(off.bands) == SETTINGS.bands
    short = _key("short", ["图书馆今天重新开放。"])  # a core under the lead's 48 letters: no lead key
    assert len(short.bands) == SETTINGS.bands
    with pytest.raises(ValueError):
        DedupSettings(lead_chars=-1)


def test_two_articles_opening_with_the_same_sentence_are_not_duplicates():
    # a shared opening makes them candidates; the rest of the text keeps them apart
    a = _key("a", LONG[:2] + LONG[5:])
    b = _key("b", LONG[:2] + PASTED)
    assert set(a.bands[SETTINGS.bands:]) & set(b.bands[SETTINGS.bands:])
    duplicate, _jaccard = is_duplicate_pair(a.signature, a.shingles, b.signature, b.shingles, SETTINGS)
    assert not duplicate
