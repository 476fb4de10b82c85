"""Public security's duties told at a place another unit keeps (duty_police.py): gambling,
a loose dog, late-night dance noise, trucks queued on a road, a light's timing and cars
parked two deep are read as the police's over the place's units; the near misses the
labels give to another unit are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.duty_police import police_readings
from hotline.ticketing.routing.duty_trade import overload

POLICE = "public_security"


@pytest.mark.parametrize(
    ("text", "setting"),
    [
        ("火车站二楼候车室角落里几个人玩斗地主一把输赢二三百", "transport"),
        ("医院住院部楼下凉亭里天天有人打麻将带彩的", "health"),
        ("楼下那家的狼狗从来不牵绳，见人就往上扑", "agriculture"),
        ("想给家里的泰迪办个狗证，去哪个部门", "agriculture"),
        ("公园跳广场舞的音箱晚上十点多还开着，孩子后天高考", "education"),
        ("码头门口拉矿的大货车排队排出三里地，把公交站都堵了", "transport"),
        ("那个十字路口的绿灯才十秒，老人根本走不过去", "urban_management"),
        ("幼儿园门口接孩子的车停两排，救护车都过不去", "education"),
    ],
)
def test_the_police_act_is_read_over_the_place(text: str, setting: str) -> None:
    readings = {u: s for u, _, s in police_readings(text)}
    assert POLICE in readings
    assert setting in readings[POLICE]
    assert any(o.unit == POLICE and not o.setting_counts for o in duty_objects(text))


@pytest.mark.parametrize(
    "text",
    [
        # cards in an activity room with no money at stake: the community's
        "社区活动室冬天能不能开着让老人下棋打扑克",
        # a bitten person asking where the rabies shot is given: the shot's unit
        "遛狗不拴绳的把我咬了，狂犬疫苗上哪打",
        # a village's dogs, a community's dog registration: the area's
        "村里好几条狗不拴满街跑，村里管管吧",
        # a village's own loudspeaker at dawn; a community's square asked to set hours
        "村里的大喇叭早上五点就放，太大声了",
        "社区那个广场跳舞的音响太大了，晚上九点多还在跳",
        # drivers queued at the port asking for a toilet, a driver's pay for the wait
        "港口门口大车排队一等一宿，连个公厕都没有",
        "拉货的大车在码头排了两天队，老板要扣我工资",
        # a meter's red light
        "燃气表上的红灯一直亮，闪了好几秒又灭",
    ],
)
def test_near_misses_are_not_read(text: str) -> None:
    assert police_readings(text) == []


def test_an_overloaded_trucks_hot_wheels_are_not_a_crushed_road() -> None:
    assert overload("高速上大货车拉钢材压得轮胎冒烟，建议查查超载")
    assert not overload("拉沙子的大车超载把村道压得稀碎，罚不罚")


@pytest.mark.parametrize(
    "text",
    [
        "汽车站候车大厅有几个人打扑克往上押钱，围了一大圈",
        "小区那条大狗天天不拴，今天又扑人了，派个民警说说",
        "广场上跳舞的音响开老大，晚上十点还跳，我家孩子明天中考",
        "港区北门外大货车排队排到我们村口，孩子上学过不去",
    ],
)
def test_the_router_follows_the_police_act_over_the_place(
    rules_only_router: Router, text: str
) -> None:
    assert rules_only_router.suggest(text).department == POLICE


@pytest.mark.parametrize(
    "text",
    [
        "对门那家养了条藏獒，天天放出来在楼道里转，孩子都不敢出门",
        "隔壁院里的大狼狗老撵人，骑车的都让它追着跑",
        "望海有人养比特犬，专门牵到小广场吓唬人",
    ],
)
def test_a_dog_let_out_to_scare_or_a_fierce_breed_is_the_polices(text: str) -> None:
    readings = {u: s for u, _, s in police_readings(text)}
    assert "urban_management" in readings[POLICE]


@pytest.mark.parametrize(
    "text",
    [
        # the village asked of its own dogs, a bitten person asking where the shot is
        "邻居家的狼狗天天放出来满村跑，村里管管吧",
        "让邻居家放出来的大狗咬了一口，狂犬疫苗在哪打",
        # a scare with no dog in it
        "楼下有人半夜放鞭炮，吓人一跳",
    ],
)
def test_a_dog_let_out_near_misses_are_not_read(text: str) -> None:
    assert police_readings(text) == []


def test_the_router_follows_a_fierce_dog_over_the_green_it_is_kept_on(
    rules_only_router: Router,
) -> None:
    text = "红海街道有户人家养了条藏獒，放出来吓唬人，还在楼下绿地里垒了个狗窝"
    assert rules_only_router.suggest(text).department == POLICE
