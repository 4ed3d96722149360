"""A pair whose signature estimate lies within the signature's noise of a bar is decided on the two
documents' shingle samples instead (keys.verify_pair, keys.shingle_overlap, docs/DEDUP.md)."""
from __future__ import annotations

import numpy as np
import pytest

from pagewash.transforms.dedup.keys import (SHINGLE_SAMPLE_SIZE, doc_key_of, shingle_overlap, shingle_sample_of,
                                           signature_margin, verify_pair)
from pagewash.transforms.dedup.settings import DedupSettings
from pagewash.transforms.normalize import normalize_text
from pagewash.transforms.record import Doc

SETTINGS = DedupSettings()


def _sample(values) -> bytes:
    return shingle_sample_of(np.asarray(values, dtype=np.uint64) << np.uint64(32))


def _signatures(equal: int, num_perm: int = 128):
    """Two signatures with ``equal`` of their ``num_perm`` values alike (an estimated Jaccard)."""
    a = np.arange(num_perm, dtype="<u4")
    b = a.copy()
    b[equal:] += 1000
    return a.tobytes(), b.tobytes()


def test_the_sample_is_the_smallest_distinct_hashes_sorted_and_bounded():
    rng = np.random.default_rng(3)
    hashes = rng.integers(0, 1 << 63, size=5000, dtype=np.uint64)
    sample = np.frombuffer(shingle_sample_of(np.concatenate([hashes, hashes[:100]])), dtype="<u4")
    tops = np.unique((hashes >> np.uint64(32)).astype(np.uint32))
    assert len(sample) == SHINGLE_SAMPLE_SIZE
    assert np.array_equal(sample, tops[:SHINGLE_SAMPLE_SIZE])
    small = np.frombuffer(_sample([9, 3, 3, 7]), dtype="<u4")
    assert small.tolist() == [3, 7, 9]


def test_overlap_of_whole_sets_is_exact():
    a = _sample(range(0, 100))  # 100 shingles
    b = _sample(range(10, 120))  # 110 shingles, 90 shared
    jaccard, containment, exact = shingle_overlap(a, b)
    assert exact
    assert jaccard == pytest.approx(90 / 120)
    assert containment == pytest.approx(90 / 100)
    assert shingle_overlap(a, _sample(range(500, 600)))[:2] == (0.0, 0.0)


def test_overlap_of_cut_samples_estimates_on_the_shared_bound():
    rng = np.random.default_rng(11)
    universe = rng.choice(1 << 32, size=30000, replace=False).astype(np.uint64)
    a_set, b_set = universe[:12000], universe[3000:14000]  # 9,000 shared: J 9000/14000, C 9000/11000
    jaccard, containment, exact = shingle_overlap(_sample(a_set), _sample(b_set))
    assert not exact
    assert jaccard == pytest.approx(9000 / 14000, abs=0.04)
    assert containment == pytest.approx(9000 / 11000, abs=0.04)
    # a whole (short) set against a cut one: the short one is cut at the long one's bound
    short = universe[3000:3600]
    jaccard, containment, exact = shingle_overlap(_sample(short), _sample(a_set))
    assert not exact and containment == 1.0


def test_an_estimate_under_the_bar_by_noise_is_decided_on_the_samples():
    # the estimate: J 94/128 = 0.734 with equal shingle counts, containment 0.85: not a duplicate
    sig_a, sig_b = _signatures(94)
    plain = verify_pair(sig_a, 200, sig_b, 200, SETTINGS)
    assert not plain.duplicate and not plain.on_samples
    # the samples: 185 of 200 shingles shared (J 0.86), over the threshold
    a, b = _sample(range(0, 200)), _sample(range(15, 215))
    verdict = verify_pair(sig_a, 200, sig_b, 200, SETTINGS, a, b)
    assert verdict.on_samples and verdict.duplicate
    assert verdict.jaccard == pytest.approx(185 / 215)


def test_an_estimate_over_the_bar_by_noise_is_decided_on_the_samples():
    sig_a, sig_b = _signatures(106)  # 0.828: over the threshold
    assert verify_pair(sig_a, 200, sig_b, 200, SETTINGS).duplicate
    a, b = _sample(range(0, 200)), _sample(range(50, 250))  # J 150/250 = 0.6, containment 0.75
    verdict = verify_pair(sig_a, 200, sig_b, 200, SETTINGS, a, b)
    assert verdict.on_samples and not verdict.duplicate


def test_a_clear_estimate_is_kept_and_unknown_samples_fall_back_to_it():
    a, b = _sample(range(0, 200)), _sample(range(150, 350))
    sig_a, sig_b = _signatures(125)  # 0.977: a duplicate whatever the noise
    verdict = verify_pair(sig_a, 200, sig_b, 200, SETTINGS, a, b)
    assert verdict.duplicate and not verdict.on_samples
    sig_a, sig_b = _signatures(94)
    verdict = verify_pair(sig_a, 200, sig_b, 200, SETTINGS, a, None)  # e.g. an older index's document
    assert not verdict.duplicate and not verdict.on_samples
    assert signature_margin(128) == pytest.approx(0.0884, abs=1e-4)


PARAGRAPHS = [
    "河口镇今年新修的环湖步道全长六公里,沿途设置了八处观景平台和三座公共卫生间。",
    "步道采用透水材料铺设,雨后不积水,夜间有太阳能路灯照明,方便居民晚饭后散步。",
    "镇政府介绍,步道的建设资金一部分来自省里的乡村振兴专项,另一部分由镇财政承担。",
]


def test_a_document_key_carries_its_whole_shingle_set_when_short():
    key = doc_key_of(Doc(id="a", source="a", text=normalize_text("\n".join(PARAGRAPHS))), SETTINGS)
    sample = np.frombuffer(key.shingle_sample, dtype="<u4")
    assert len(sample) == key.shingles < SHINGLE_SAMPLE_SIZE
    assert np.all(np.diff(sample.astype(np.int64)) > 0)
    again = doc_key_of(Doc(id="b", source="b", text=normalize_text("\n".join(PARAGRAPHS))), SETTINGS)
    assert shingle_overlap(key.shingle_sample, again.shingle_sample) == (1.0, 1.0, True)
