"""A community's own room shut or locked (community_room.py): the activity room, the
after-school room, the canteen are read as the community's, and with a subdistrict named the
subdistrict leads over education's 托管 or civil affairs' 老年; a room told open, a spoilt
meal and a room with no area named keep their votes."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.area_share import area_share
from hotline.ticketing.routing.community_room import (
    COMMUNITY_ROOM_WEIGHT,
    community_room,
    community_room_share,
    with_community_room,
)
from hotline.ticketing.routing.gazetteer import AreaHit
from hotline.ticketing.routing.rules import Hit


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("海星街道我们社区的老年活动室一冬天都锁着门", "社区的老年活动室…锁着"),
        ("望海街道社区那个托管班这学期停了，孩子放学没处去", "社区那个托管班…停了"),
        ("红海街道的社区食堂开了半年就关了，希望能恢复", "社区食堂…关了"),
        ("社区里的阅览室不开了 说是没人看着", "社区里的阅览室…不开了"),
    ],
)
def test_a_communitys_shut_room_is_read(text: str, said: str) -> None:
    assert community_room(text) == said


@pytest.mark.parametrize(
    "text",
    [
        # open, not shut: a vaccination day in the room, a canteen wished for
        "海星街道社区活动室周六给老人免费量血压",
        "建议民政部门在社区增设老年食堂",
        # a meal gone bad is food safety, whoever runs the canteen
        "社区老年食堂的红烧肉有股馊味，吃完都拉肚子，现在食堂也关了",
        # a school's after-school class, not the community's
        "学校的课后托管班停了，家长下班接不了孩子",
    ],
)
def test_an_open_room_a_spoilt_meal_or_a_schools_class_is_not_read(text: str) -> None:
    assert community_room(text) is None


def test_the_reading_adds_its_weight_as_a_phrase_of_its_own() -> None:
    text = "红海街道我们社区的课后托管室这学期关了"
    written = [Hit("社区", 1.0)]
    hits = with_community_room(written, text)
    assert hits[-1] == Hit("社区的课后托管室…关了", COMMUNITY_ROOM_WEIGHT)
    assert with_community_room(written, "红海街道我们社区的课后托管室挺好") == written


def test_the_classifiers_bureau_share_moves_to_the_area_named() -> None:
    proba = {"education": 0.6, "honghai": 0.4}
    area = AreaHit("honghai", ("红海街道",))
    text = "红海街道我们社区的课后托管室这学期突然关了，希望恢复"
    moved = community_room_share(proba, area, text)
    assert moved["education"] == pytest.approx(0.3)
    assert moved["honghai"] == pytest.approx(0.7)
    assert area_share(proba, area, text) == moved
    assert community_room_share(proba, None, text) == proba


def test_a_communitys_shut_after_school_room_goes_to_the_subdistrict(router: Router) -> None:
    text = (
        "望海街道我们社区的托管班，原来放了学孩子都在那等家长下班，这学期停了，双职工家里没人接孩子"
    )
    suggestion = router.suggest(text)
    assert suggestion.department == "wanghai"
    assert suggestion.area == "wanghai"


def test_a_spoilt_meal_in_a_community_canteen_is_not_the_subdistricts(router: Router) -> None:
    text = "海星街道社区老年食堂中午的红烧肉有股馊味，我们几个老人吃完都拉肚子"
    assert router.suggest(text).department == "market_supervision"
