"""People packed into a dormitory, a shed or a flat, told with a fire or fumes risk
(crowded_fire.py): the emergency bureau's, over the scene's units; the near misses the
labels give to another unit (a class of children, tenants unregistered, a fever, the rent or
the noise alone) are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.crowded_fire import (
    SCENE_UNITS,
    crowded_fire_readings,
    crowded_fire_risk,
)
from hotline.ticketing.routing.duty_object import duty_objects


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    "text",
    [
        "码头边上那个工棚 住了五十来号人 冬天都用电褥子 线从外头私拉进来的",
        "我们厂的宿舍一层住了六十多人 走廊里全是电瓶车 晚上都拎屋里充电",
        "举报：港区一个地下室摆满上下铺，住了三十多个装卸工，只有一个出口，窗户也封死了。",
        "建议去看看冷库那边的工人宿舍，天冷了都烧炭火取暖，门窗捂得严严的。",
        "一个屋住了十几个人 就一个插线板串着好几个 天天跳闸冒火花",
    ],
)
def test_a_crowded_dwellings_fire_risk_is_the_emergency_bureaus(text: str) -> None:
    assert crowded_fire_risk(_compact(text))
    assert crowded_fire_readings(_compact(text)) == [
        ("emergency", crowded_fire_risk(_compact(text)), SCENE_UNITS)
    ]
    assert any(o.unit == "emergency" and not o.setting_counts for o in duty_objects(_compact(text)))


@pytest.mark.parametrize(
    "text",
    [
        # A class of children in a flat: an unlicensed school, education's.
        "居民楼里有个补习班 一屋子二十多个孩子 就一个门 门口全是电动车",
        # Tenants unregistered: the police's registration.
        "村里有户把楼改成宿舍 住了三十多人 一个也没登记 楼道里电线乱拉",
        # A fever in the dormitory: the fever readings'.
        "我们宿舍一屋八个人 五个发烧了 屋里还烧着炉子",
        # The gas company's meter.
        "宿舍五个灶都从一块燃气表后面接出来 软管横七竖八 煤气罐也摆着",
        # A crowded dwelling told for its noise or its rent, with no fire risk.
        "我们宿舍住了四十多人 半夜吵得睡不着 房东还要涨房租",
        # A fire risk with no one living packed there.
        "楼道里电动车充电 插线板从窗户拉出来",
    ],
)
def test_no_reading_where_the_labels_go_elsewhere(text: str) -> None:
    assert crowded_fire_risk(_compact(text)) == ""


def test_a_flat_let_by_room_is_read_once_by_shared_thing() -> None:
    text = "二房东把三居隔成了九间 厨房里摆着三个液化气罐"
    assert crowded_fire_readings(_compact(text)) == []
    assert [o.unit for o in duty_objects(_compact(text))].count("emergency") == 1


# Read by the rules alone, each went elsewhere before round 29's change: the shed lived in
# to civil affairs (a stranger sleeping out, person_in_need.py), the wires pulled through a
# let flat to the power company; the router with its classifier routes them the same way.
@pytest.mark.parametrize(
    "text",
    [
        "工地那个大棚子里住了四十多个工人 就一个插线板 天天打火花 包工头也不管",
        "海港那边的工地宿舍 一个大棚子住了三十多人 插线板天天冒火花",
        "举报：隔壁一套房子隔成了十间，住了二十多人，电线从窗户外头拉进来，屋里还放着煤气罐",
    ],
)
def test_a_routed_request_leads_to_the_emergency_bureau(
    rules_only_router: Router, router: Router, text: str
) -> None:
    assert rules_only_router.suggest(text).department == "emergency"
    assert router.suggest(text).department == "emergency"


def test_a_stranger_sleeping_in_a_shed_is_still_civil_affairs(rules_only_router: Router) -> None:
    text = "公交站边上那个棚子里住着个老头 好几天了 也没吃的"
    assert rules_only_router.suggest(text).department == "civil_affairs"
