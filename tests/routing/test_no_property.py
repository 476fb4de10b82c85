"""A building with no property company (no_property.py): its common parts are read as its
community's, and with a subdistrict or town named the area leads over housing, whose words
(物业, 楼道灯, 小区) the request speaks; a utility's own line in the building, a compound
with a property company, and a building with no area named keep the bureau."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.area_share import area_share
from hotline.ticketing.routing.gazetteer import AreaHit
from hotline.ticketing.routing.no_property import (
    NO_PROPERTY_WEIGHT,
    no_property,
    no_property_share,
    with_no_property,
)
from hotline.ticketing.routing.rules import Hit


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("刚搬到海星街道一个老小区，没有物业，楼道灯坏了不知道找谁修", "没有物业"),
        ("望海街道 我们是老楼 没物业 单元门坏了 后半夜有醉汉进来睡楼道", "没物业"),
        ("红海街道那几栋弃管楼院里的雪一礼拜没人扫", "弃管"),
        ("我们楼是社区代管的，楼顶防水裂了一下雨就漏", "社区代管"),
        ("海星街道那个老楼归社区管的，单元门关不上", "归社区管"),
        ("小区无物业，化粪池冒了一楼全是味", "无物业"),
    ],
)
def test_a_building_with_no_company_is_read(text: str, said: str) -> None:
    assert no_property(text) == said


@pytest.mark.parametrize(
    "text",
    [
        # a utility's own line in the building stays the utility's
        "红海街道我们楼没有物业，楼道里暖气管子漏水了，漏了一地都冻成冰了",
        "望海街道老家属楼没有物业，楼外那根燃气立管锈得掉渣了",
        "海星街道这栋老楼没有物业，地下室的自来水主管冻裂了，家家没水",
        "红海街道小区没有物业，楼顶的二次供水水箱盖子都没了",
        # a compound with a property company: housing's
        "海星街道我们小区物业不管事，楼道灯坏了一个月",
        # the fee of a company that exists
        "望海街道小区物业费涨了，没有物业费公示",
    ],
)
def test_a_utility_line_or_a_present_company_is_not_read(text: str) -> None:
    assert no_property(text) is None


@pytest.mark.parametrize(
    ("text", "area"),
    [
        # 物业 inside 没有物业, 楼道灯 and 小区 are housing's words; the community stands in.
        ("望海街道我们那栋老楼没有物业，楼道灯坏了快俩月，晚上上楼摸黑", "wanghai"),
        ("我们在望海街道住的小区是老楼没有物业，单元门的门禁坏了谁都能进", "wanghai"),
    ],
)
def test_a_common_part_of_a_building_with_no_company_goes_to_the_area(
    router: Router, text: str, area: str
) -> None:
    suggestion = router.suggest(text)
    assert suggestion.department == area
    assert suggestion.area == area


def test_the_heating_riser_in_a_building_with_no_company_stays_the_utilitys(
    router: Router,
) -> None:
    text = "红海街道这边我们楼没有物业，楼道里暖气管子漏水了，漏了一地都冻成冰了，你们给派人来看看"
    assert router.suggest(text).department == "heating"


def test_a_building_with_no_company_and_no_area_named_is_not_an_areas(router: Router) -> None:
    suggestion = router.suggest("我们小区没有物业，楼道灯坏了，找谁修")
    assert suggestion.area is None
    assert suggestion.department not in {"honghai", "haixing", "wanghai"}


def test_the_reading_adds_to_the_written_phrase_of_the_same_words() -> None:
    text = "望海街道我们楼没有物业，楼道灯坏了"
    written = [Hit("社区", 2.0), Hit("没有物业", 2.0)]
    hits = with_no_property(written, text)
    assert [h.phrase for h in hits] == ["社区", "没有物业"]
    assert hits[1].weight == 2.0 + NO_PROPERTY_WEIGHT
    assert with_no_property(written, "望海街道我们小区物业不管，楼道灯坏了") == written


def test_the_classifiers_bureau_share_moves_to_the_area_named() -> None:
    proba = {"housing": 0.8, "haixing": 0.1, "urban_management": 0.1}
    area = AreaHit("haixing", ("海星街道",))
    moved = no_property_share(proba, area, "海星街道老小区没有物业楼道灯坏了")
    assert moved["haixing"] == pytest.approx(0.1 + 0.4 + 0.05)
    assert moved["housing"] == pytest.approx(0.4)
    assert sum(moved.values()) == pytest.approx(1.0)
    # a company present, or no area named: the classifier's vote as it was
    assert no_property_share(proba, area, "海星街道小区物业不管楼道灯坏了") == proba
    assert no_property_share(proba, None, "老小区没有物业楼道灯坏了") == proba


def test_the_share_moves_once_when_a_village_thing_is_also_told() -> None:
    # area_share moves the share for the village's own thing or, else, the missing company.
    proba = {"housing": 0.8, "xiongyue": 0.2}
    area = AreaHit("xiongyue", ("熊岳镇",))
    moved = area_share(proba, area, "熊岳镇村里的楼没有物业，村里路灯也不亮")
    assert moved["housing"] == pytest.approx(0.4)
