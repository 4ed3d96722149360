"""Dedup normalisation, shingling and signatures (pure functions, no runner)."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from datasketch import MinHash

from dedup_support import article, estimated_jaccard, fold_text
from tools.bench.dedup_corpus import exact_jaccard, shingle_set
from pagewash.transforms.dedup.keys import doc_key_of, keep_rank
from pagewash.transforms.dedup.minhash import (SHINGLE_CHARS, SHINGLE_WORDS, affine32_hashes, as_minhash, band_keys,
                                               shingle_hashes, signature)
from pagewash.transforms.dedup.normalize import exact_hash, traditional_to_simplified_table
from pagewash.transforms.dedup.settings import DedupSettings
from pagewash.transforms.record import Doc

SETTINGS = DedupSettings()


def test_fold_text_folds_case_width_punctuation_and_traditional_characters():
    assert fold_text("這是「臺灣」的資料！Hello,  WORLD — ＡＢＣ１２３") == "这是 台湾 的资料 hello world abc123"


def test_exact_hash_ignores_what_reprints_change():
    zh = article("zh_rail")
    assert exact_hash(zh) == exact_hash(zh.replace("，", ",").replace("。", ". ").replace("\n", " "))
    assert exact_hash("中國鐵路總公司發佈通知") == exact_hash("中国铁路总公司发布通知")
    en = article("en_orchard")
    assert exact_hash(en) == exact_hash(en.upper().replace(",", " ,").replace("\n", "\n\n"))
    assert exact_hash(en) != exact_hash(en.replace("two hundred", "three hundred"))
    assert exact_hash("") == exact_hash("!!! ...")


def test_traditional_table_covers_taiwan_and_hong_kong_variants():
    table = traditional_to_simplified_table()
    assert table["國"] == "国" and table["發"] == "发" and table["臺"] == "台"
    assert fold_text("裏 裡 着 著作") == fold_text("里 里 着 著作")


def test_chinese_is_shingled_by_characters_and_english_by_words():
    zh = shingle_hashes(article("zh_library"), SETTINGS)
    en = shingle_hashes(article("en_library"), SETTINGS)
    assert zh.mode == SHINGLE_CHARS and en.mode == SHINGLE_WORDS
    folded_zh = fold_text(article("zh_library")).replace(" ", "")
    assert len(zh.hashes) == len(folded_zh) - SETTINGS.cjk_ngram + 1
    # Words are runs between separators: "fourteen-month" and "building's" are two words each.
    assert len(en.hashes) == len(fold_text(article("en_library")).split()) - SETTINGS.word_ngram + 1
    # A Chinese article with a few English words is still shingled by characters.
    assert shingle_hashes("我们使用 Python 和 TensorFlow 训练了一个新的模型，效果很好。", SETTINGS).mode == SHINGLE_CHARS


def test_unrelated_chinese_articles_do_not_collide_and_an_edited_copy_stays_close():
    """Splitting Chinese on non-word characters makes clauses into tokens; character
    n-grams keep unrelated articles apart and edited copies together."""
    library, rain, rail = (shingle_set(article(n), SETTINGS) for n in ("zh_library", "zh_rain", "zh_rail"))
    assert exact_jaccard(library, rain) < 0.05 and exact_jaccard(library, rail) < 0.05
    edited = article("zh_library").replace("三百余个", "三百多个").replace("九点", "十点")
    assert exact_jaccard(library, shingle_set(edited, SETTINGS)) > 0.9


def test_affine32_signature_is_datasketch_minhash():
    hashes = shingle_hashes(article("zh_rain"), SETTINGS).hashes
    reference = MinHash(num_perm=128, seed=3, scheme="affine32", hashfunc=lambda h: h)
    reference.update_batch([int(h) for h in affine32_hashes(hashes)])
    assert np.array_equal(signature(hashes, 128, 3, "affine32"), reference.hashvalues)


@pytest.mark.parametrize("scheme", ["oph", "affine32"])
def test_signature_estimates_jaccard(scheme):
    rng = np.random.default_rng(5)
    errors = []
    for trial in range(60):
        base = rng.integers(0, 2 ** 63, 2000, dtype=np.uint64)
        replaced = int(2000 * rng.uniform(0.02, 0.4))
        other = np.concatenate([base[replaced:], rng.integers(0, 2 ** 63, replaced, dtype=np.uint64)])
        truth = exact_jaccard(np.unique(base), np.unique(other))
        a, b = signature(base, 256, trial + 1, scheme), signature(other, 256, trial + 1, scheme)
        errors.append(estimated_jaccard(a, b) - truth)
        assert as_minhash(a, trial + 1).jaccard(as_minhash(b, trial + 1)) == pytest.approx(estimated_jaccard(a, b))
    assert abs(np.mean(errors)) < 0.01  # unbiased
    assert np.std(errors) < 0.04  # sqrt(J(1-J)/256) <= 0.031


def test_oph_densification_keeps_small_documents_comparable():
    rng = np.random.default_rng(9)
    small = rng.integers(0, 2 ** 63, 20, dtype=np.uint64)
    sig = signature(small, 128, 1, "oph")
    assert len(set(sig.tolist())) == 20  # every bin borrowed one of the 20 minima
    assert np.array_equal(sig, signature(small[::-1].copy(), 128, 1, "oph"))
    assert estimated_jaccard(sig, signature(small, 128, 1, "oph")) == 1.0
    assert (signature(np.empty(0, dtype=np.uint64), 128, 1, "oph") == 0xFFFFFFFF).all()


def test_band_keys_are_stable_and_differ_by_band():
    sig = signature(shingle_hashes(article("en_harbour"), SETTINGS).hashes, 128, 1)
    keys = band_keys(sig, 14, 9)
    assert keys == band_keys(sig.copy(), 14, 9) and len(set(keys)) == 14
    same_values = np.zeros(128, dtype=np.uint32)
    assert len(set(band_keys(same_values, 14, 9))) == 14  # band index is part of the key


def test_settings_reject_impossible_banding():
    with pytest.raises(ValueError):
        DedupSettings(num_perm=64, bands=10, rows=10)
    with pytest.raises(ValueError):
        DedupSettings(scheme="sha1")


def test_keep_rank_orders_by_origin_score_length_date_then_id():
    ranks = [
        keep_rank(1, 0.9, 100, "2020-01-01", "b"),
        keep_rank(1, 0.9, 100, "2020-01-01", "a"),
        keep_rank(1, 0.9, 100, None, "a0"),
        keep_rank(1, 0.9, 100, "2019-05-01", "z"),
        keep_rank(1, 0.9, 300, "2024-01-01", "z"),
        keep_rank(1, 0.95, 10, None, "z"),
        keep_rank(0, 0.0, 1, None, "zz"),
    ]
    order = sorted(range(len(ranks)), key=lambda i: ranks[i])
    assert order == [6, 5, 4, 3, 1, 0, 2]


def test_doc_key_treats_missing_quality_as_zero_and_is_deterministic():
    text = article("en_library")
    with_none = doc_key_of(Doc(id="x", source="s", text=text), SETTINGS)
    with_nan = doc_key_of(Doc(id="x", source="s", text=text, quality={"score": float("nan")}), SETTINGS)
    assert with_none == with_nan and with_none.score == 0.0
    assert with_none == doc_key_of(Doc(id="x", source="s", text=text), SETTINGS)


def test_default_banding_is_datasketch_optimum_for_the_lowest_verified_jaccard():
    from pagewash.transforms.dedup.settings import optimal_banding

    defaults = DedupSettings()
    assert defaults.candidate_jaccard == defaults.containment_min_jaccard == 0.7
    assert (defaults.bands, defaults.rows) == optimal_banding(defaults.candidate_jaccard, defaults.num_perm) == (20, 6)
    other = defaults.with_banding_for(0.9, 128)
    assert other.threshold == 0.9 and (other.bands, other.rows) == (20, 6)  # still banded for 0.7
    low = defaults.with_banding_for(0.6, 128)
    assert low.candidate_jaccard == 0.6 and (low.bands, low.rows) == optimal_banding(0.6, 128)
    plain = replace(defaults, containment=1.0).with_banding_for(0.9, 128)
    assert (plain.bands, plain.rows) == optimal_banding(0.9, 128) != (20, 6)
