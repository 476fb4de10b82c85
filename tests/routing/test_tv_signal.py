"""A television without its picture (tv_signal.py): the culture, tourism and broadcasting
bureau's, over the old person it leaves without; the power's, the station's and a warning's
words are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.tv_signal import tv_signal, tv_signal_readings


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    "text",
    [
        "家里电视好几天没台了 老伴就爱看个戏 能不能来人看看",
        "我妈一个人住 电视一打开就是蓝屏 老太太就指着看个电视剧",
        "村里户户通收不着台了 老人冬天就靠这个解闷",
        "机顶盒一直显示无信号 来人修修",
    ],
)
def test_a_television_without_its_picture_is_broadcastings(text: str) -> None:
    words = tv_signal(_compact(text))
    assert words
    assert tv_signal_readings(_compact(text)) == [("culture_tourism", words, ("civil_affairs",))]
    assert any(o.unit == "culture_tourism" for o in duty_objects(_compact(text)))


@pytest.mark.parametrize(
    "text",
    [
        "电压不稳 灯一闪一闪的 电视都打不开",
        "我妈一个月就开个灯看个电视 这个月电费来了四百多",
        "再不来修我就找电视台",
        "建议应急部门别只在电视上播预警",
        "我们楼的独居老太太敲门没人应 屋里电视开着",
    ],
)
def test_no_reading_where_the_labels_go_elsewhere(text: str) -> None:
    assert tv_signal(_compact(text)) == ""


def test_a_routed_request_leads_to_broadcasting(rules_only_router: Router, router: Router) -> None:
    text = "家里电视好几天没台了 老伴就爱看个戏 能不能来人看看"
    assert rules_only_router.suggest(text).department == "culture_tourism"
    assert router.suggest(text).department == "culture_tourism"
