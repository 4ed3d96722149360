import importlib.metadata

import pytest

from pagewash.transforms.spam.gazetteer import (
    GAZETTEER_PACKAGE,
    GAZETTEER_VERSION,
    RANK_COUNTY,
    RANK_PROVINCE,
    gazetteer,
)


def test_gazetteer_is_the_pinned_cpca_data():
    assert GAZETTEER_PACKAGE == "cpca"
    assert importlib.metadata.version(GAZETTEER_PACKAGE) == GAZETTEER_VERSION
    gaz = gazetteer()
    assert len(gaz) > 3000
    assert sum(1 for d in gaz.divisions if d.rank == RANK_PROVINCE) == 34


def test_full_and_short_forms_of_divisions():
    gaz = gazetteer()
    assert gaz.is_division("荣成") and gaz.is_division("荣成市")
    assert gaz.is_division("楚雄")  # 楚雄彝族自治州 / 楚雄市
    assert gaz.is_division("喀喇沁左翼")  # 喀喇沁左翼蒙古族自治县
    assert gaz.is_division("内蒙古") and gaz.is_division("广西")
    assert {d.rank for d in gaz.lookup("丹江口")} == {RANK_COUNTY}
    assert not gaz.is_division("小产权房")


def test_addresses_by_suffix():
    gaz = gazetteer()
    for name in ("长福镇", "遮浪中学", "马家堡西里第三社区", "钟楼街道", "输入胡同", "罗经嶂林场", "新门口"):
        assert gaz.is_place(name), name
    assert not gaz.is_place("思维车")
    assert not gaz.is_place("违法行为具有隐蔽性")


def test_strong_places_exclude_short_and_narrative_phrases():
    gaz = gazetteer()
    assert gaz.is_strong_place("大岭山")
    assert gaz.is_strong_place("羊册镇")
    assert not gaz.is_strong_place("下山")  # two characters: a verb as often as a place
    assert not gaz.is_strong_place("便得一山")  # a function word: narrative, not a name
    assert not gaz.is_strong_place("新门口")  # weak suffix
    # zones that are no address: a site's section, a misconception (a real district stays)
    assert not gaz.is_strong_place("手游专区") and not gaz.is_strong_place("认识误区")
    assert gaz.is_strong_place("皇姑区")


def test_segmentation_of_names_written_without_separators():
    names, covered = gazetteer().segment("荣成楚雄麦积吉林丹江口茶陵")
    assert names == ["荣成", "楚雄", "麦积", "吉林", "丹江口", "茶陵"]
    assert covered == len("荣成楚雄麦积吉林丹江口茶陵")
    assert gazetteer().segment("严控传播渠道加大整治力度") == ([], 0)


@pytest.mark.timeout(20)
def test_repeated_title_scan_is_linear_on_separator_runs():
    # a real page's line of 81 underscores then 。 ran for minutes in the old backtracking regex
    from pagewash.transforms.spam.vocabulary import repeated_site_title

    assert repeated_site_title("_" * 81 + "。") is None
    assert repeated_site_title("_" * 60 + "深圳小产权房网" * 2) is None
    assert repeated_site_title("深圳小产权房网_深圳小产权房网_深圳小产权房网") == "深圳小产权房网"
    assert repeated_site_title("深圳小产权房网 | 深圳小产权房网") == "深圳小产权房网"


def _short_forms_by_scan(name, nations):
    # every people's name tried against the stem's end, longest first
    from pagewash.transforms.spam.gazetteer import _DIVISION_SUFFIXES

    stem = name
    for suffix in _DIVISION_SUFFIXES:
        if stem.endswith(suffix) and len(stem) > len(suffix):
            stem = stem[: -len(suffix)]
            break
    stems = sorted({n for nat in nations for n in (nat, nat[:-1] if nat.endswith("族") else nat)}, key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for nation in stems:
            if len(nation) >= 2 and stem.endswith(nation) and len(stem) > len(nation) + 1:
                stem = stem[: -len(nation)]
                changed = True
                break
    return [stem] if stem != name and len(stem) >= 2 else []


def test_short_forms_are_those_a_scan_of_the_peoples_gives():
    import os

    from pagewash.transforms.spam.gazetteer import _package_dir, short_forms

    with open(os.path.join(_package_dir("cpca"), "resources", "56_nations.csv"), encoding="utf-8") as handle:
        nations = [line.strip() for line in handle if line.strip()]
    names = [d.name for d in gazetteer().divisions]
    names += [n + "族" + "自治县" for n in nations] + ["某某" + a + b + "自治州" for a in nations[:12] for b in nations[:12]]
    names += ["回族", "藏", "某回", "某某回族藏族", "满族自治县", "族自治县"]
    assert len(names) > 3000
    for name in names:
        assert short_forms(name, nations) == _short_forms_by_scan(name, nations), name
