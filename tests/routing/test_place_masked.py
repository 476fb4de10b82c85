"""Area names with one character masked on purpose (打码), as people hide a place when they post
(熊*镇, 芦×镇, 红某镇, 海○街道, 红X街道, ※岳镇, ＊屯镇, ●星街道, △旗镇): read as the name only where
exactly one of the six fits with its kind word (place_placeholder.py); *海街道 (红海 or 望海),
某镇 alone and an ordinary 某 or X are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.place_placeholder import PlacePlaceholders

from tests.fixtures.routing import official_areas

OFFICIAL = official_areas()


def spelt(text: str) -> str:
    return PlacePlaceholders(OFFICIAL).spelt(text)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("熊*镇一个村的村委会", "熊岳镇一个村"),
        ("芦×镇一个村的村干部", "芦屯镇一个村"),
        ("红某镇有个村在村道上拉了根杆子", "红旗镇有个村"),
        ("海○街道菜市场旁边", "海星街道菜市场"),
        ("望■街道社区组织修的楼前甬路", "望海街道社区"),
        ("红X街道社区的网格员", "红海街道社区"),
        ("我是※岳镇一个村的村主任", "熊岳镇一个村"),
        ("＊屯镇往城里医院的那趟公交", "芦屯镇往城里"),
        ("●星街道这边小区外", "海星街道这边"),
        ("△旗镇我们村出村那个大坡", "红旗镇我们村"),
        ("红x街道办事处不给盖章", "红海街道办事处"),
        ("某岳镇回迁楼", "熊岳镇回迁楼"),
    ],
)
def test_a_masked_character_where_one_name_fits_is_that_name(text: str, read: str) -> None:
    assert read in spelt(text)


@pytest.mark.parametrize(
    "text",
    [
        "*海街道社区的网格员",  # 红海 or 望海
        "某海街道有个工地",  # 红海 or 望海
        "某镇有个村设卡收费",  # no character of a name kept
        "某街道的社区不管",  # no character of a name kept
        "王某镇上开了个饭店",  # a person, then 镇上
        "熊某某镇上的人",  # a person's name masked, two characters
        "熊**镇",  # two masks: no two-character name with one masked
        "红XX街道",  # two masks
        "hx街道那边的社区",  # initials, read elsewhere (place_initials.py)
        "3X镇那个厂",  # a digit beside the X
        "红*那边有个砖厂",  # no kind word
        "熊岳*镇",  # a name in full, then a mask
    ],
)
def test_no_mask_is_read_where_no_single_name_fits(text: str) -> None:
    assert spelt(text) == text


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("海○街道菜市场旁边那个公交站，下水道口的铁篦子不知道让谁偷了，就剩个黑窟窿。", "haixing"),
        ("红X街道社区的网格员上门让签承诺书，不签就给报上去，态度很差。", "honghai"),
        ("芦×镇一个村的村干部用村里的铲车给自家亲戚的饭店门口铲雪。", "lutun"),
        ("●星街道这边小区外的路边停着一辆报废的面包车，两年没动过。", "haixing"),
    ],
)
def test_the_router_places_a_masked_name(router: Router, text: str, area: str) -> None:
    hit = router.suggest(text)
    assert hit.area == area


def test_a_towns_own_matter_with_its_name_masked_goes_to_the_town(router: Router) -> None:
    hit = router.suggest(
        "红某镇有个村在村道上拉了根杆子设卡，外村的车过一次收五块，说是修路费，收了一年多了。"
    )
    assert hit.area == "hongqi"
    assert hit.department == "hongqi"


def test_the_router_places_nothing_where_two_names_fit(router: Router) -> None:
    assert router.suggest("*海街道社区的网格员上门让签承诺书，态度很差。").area is None
