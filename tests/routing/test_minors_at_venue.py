"""Minors let into or served at a KTV, a 歌厅 or an internet café (minors_at_venue.py):
culture and tourism's, over the pupils' school and the police; gambling, food sold and a
youth centre asked for are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.minors_at_venue import (
    SCENE_UNITS,
    minors_at_venue,
    minors_at_venue_readings,
)


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    "text",
    [
        "开发区那个KTV 周五晚上一帮初中生在包房里喝啤酒 服务员照样往里送",
        "我儿子十五岁，昨晚跟同学去了一家歌厅，唱到凌晨三点，前台也不看身份证。",
        "学校后面新开的酒吧，穿校服的学生放了学就进去，老板还给他们拿酒",
        "网咖里全是小学生 半夜还在打游戏",
    ],
)
def test_minors_at_a_venue_are_culture_and_tourisms(text: str) -> None:
    words = minors_at_venue(_compact(text))
    assert words
    assert minors_at_venue_readings(_compact(text)) == [("culture_tourism", words, SCENE_UNITS)]
    assert any(
        o.unit == "culture_tourism" and not o.setting_counts for o in duty_objects(_compact(text))
    )


@pytest.mark.parametrize(
    "text",
    [
        # Gambling in an arcade: the police's.
        "游戏厅里一帮初中生押币赌钱，老板还给换现金",
        # Food sold without a permit inside the café: market supervision's.
        "网吧里开了个小吃部卖炸串，没有卫生许可，好几个学生吃完拉肚子",
        # A place for young people asked for: the town's.
        "希望镇上建一个青少年活动中心，孩子们冬天没地方去只能去网吧",
        # A KTV's fire exits, no minors: not this reading.
        "那家KTV的安全出口堆满了啤酒箱子，消防通道也锁了",
        # Pupils with no venue.
        "初中生放学在路边喝酒，喝完还打架",
    ],
)
def test_no_reading_where_the_labels_go_elsewhere(text: str) -> None:
    assert minors_at_venue(_compact(text)) == ""
    assert minors_at_venue_readings(_compact(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "KTV 给一帮高中生卖酒 喝得吐一地 我路过看见的 举报",
        "望海那个歌厅 暑假天天有初中生在里头 唱到后半夜 也不查身份证",
    ],
)
def test_a_routed_request_leads_to_culture_and_tourism(
    rules_only_router: Router, router: Router, text: str
) -> None:
    assert rules_only_router.suggest(text).department == "culture_tourism"
    assert router.suggest(text).department == "culture_tourism"
