"""A harm to what a building's households share (shared_thing.py): illness among those who
share a tank, a lift or a kitchen is health's, a fire risk in a flat let room by room the
emergency bureau's, a water pipe leaking upstairs with its owner away the housing bureau's;
the near misses the labels give to another unit are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.shared_thing import (
    let_flat_fire_risk,
    shared_illness,
    shared_thing_readings,
    upstairs_leak_owner_away,
)


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    "text",
    [
        "我们单元楼顶水箱供全楼用水 这两天三四家孩子都拉肚子发烧 是不是水的问题 请来查查",
        "对门合租的几个小伙子有一个得了水痘，我们共用一个卫生间，要不要隔离？",
        "三号楼跟四号楼共用一部电梯 四号楼有一户确诊了 电梯还能坐吗",
        "一个厨房三家合用 有一家老人得了流感 厨房要不要消毒",
    ],
)
def test_illness_among_those_who_share_is_health(text: str) -> None:
    assert [u for u, _, _ in shared_thing_readings(_compact(text))] == ["health"]
    assert any(o.unit == "health" and not o.setting_counts for o in duty_objects(_compact(text)))


@pytest.mark.parametrize(
    "text",
    [
        # The property company's own promise to disinfect: housing's, not read.
        "物业承诺电梯每天消毒 我们楼好几个甲流的 物业说消毒水没了",
        # A school sharing a yard: the labels split between education and health.
        "学校和我们小区共用一个院 学校有个班出了好几个水痘",
        # A hospital is no shared thing of a building.
        "建议公布一个医院发热门诊排队的人数 流感太多了",
        # A dirty tank with no one ill: water, housing and health split.
        "楼顶水箱盖子没了 里面漂着死鸟",
    ],
)
def test_no_illness_reading_where_the_labels_go_elsewhere(text: str) -> None:
    assert shared_illness(_compact(text)) == ""


def test_a_fire_risk_in_a_flat_let_by_room_is_the_emergency_bureaus() -> None:
    text = "我们楼下那套房子被二房东隔成了八个小间，走廊里全是电动车充电，晚上插线板冒火花"
    assert [(u, s) for u, _, s in shared_thing_readings(_compact(text))] == [
        ("emergency", ("housing", "public_security", "power"))
    ]


@pytest.mark.parametrize(
    "text",
    [
        # Tenants unregistered: the police and housing split.
        "群租房住了二十多个人 没人登记 走廊里全是插线板",
        # The gas company's meter: gas.
        "群租房五个灶都从一块燃气表后面接的软管",
        # A flat let by room with no fire risk told.
        "中介把两居隔成八个单间往外租 一楼道都是人 天天吵",
    ],
)
def test_no_fire_risk_reading_where_the_labels_split(text: str) -> None:
    assert let_flat_fire_risk(_compact(text)) == ""


@pytest.mark.parametrize(
    "text",
    [
        "楼上那家出远门了 家里水管子爆了 水顺着我家棚顶往下淌 电话也打不通",
        "楼上那户房子空着，水管冻裂了往下漏水，物业说找不着房主。",
    ],
)
def test_a_pipe_leaking_upstairs_with_the_owner_away_is_housings(text: str) -> None:
    readings = shared_thing_readings(_compact(text))
    assert [(u, s) for u, _, s in readings] == [("housing", ("water", "public_security"))]


@pytest.mark.parametrize(
    "text",
    [
        # A heating pipe upstairs: the heating company's.
        "楼上暖气管子爆了 水顺着棚顶往下淌 楼上没人 电话也打不通",
        # A leak argued between neighbours: the area's mediation.
        "楼上漏水往我家淌 他家不开门 社区能不能来人给调解调解",
        # The owner at home: no one to open up for.
        "楼上卫生间漏水 漏到我家顶棚了",
        # A gas leak upstairs: the gas company's.
        "楼上邻居家煤气罐漏气了 家里没人",
    ],
)
def test_no_leak_reading_for_heating_mediation_a_present_owner_or_gas(text: str) -> None:
    assert upstairs_leak_owner_away(_compact(text)) == ""


# Each of these is routed elsewhere without the reading (the water company, the property
# company's lift, the housing bureau's letting, the water company again).
@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("楼里的水箱好久没洗了 我家和对门这两天都上吐下泻 水有股怪味", "health"),
        ("两个单元共用一个电梯 对面单元有人确诊甲流了 物业让我们自己注意", "health"),
        ("群租房里七八个人 一个插线板接好几个电饭锅 物业不管", "emergency"),
        ("楼上那户房子空着 卫生间的水管漏了 水顺着棚顶往下滴 赶紧派人来把水阀关了", "housing"),
    ],
)
def test_a_routed_request_leads_to_the_harms_keeper(router: Router, text: str, unit: str) -> None:
    assert router.suggest(text).department == unit


def test_a_unit_the_caller_asks_by_name_still_leads(router: Router) -> None:
    # The water company asked to come: the caller's ask, not the scene (water).
    text = "我们这栋楼用的是二次供水 自来水公司管的那个水箱 这礼拜好几户都拉肚子 请供水公司来看看"
    assert router.suggest(text).department == "water"


@pytest.mark.parametrize(
    "text",
    [
        "我姥在老家村里 这两天拉肚子 屯里好几户都这样 都是吃的一口井的水 能不能派人来查查",
        "我们村那口公用井 这礼拜好几家又拉又烧 大伙都怀疑是井水的事",
    ],
)
def test_illness_among_those_sharing_a_well_is_health(router: Router, text: str) -> None:
    # Round 28: a village's one well is a shared thing (health 3 of 3, rounds 25 and 27).
    assert shared_illness(_compact(text))
    suggestion = router.suggest(text)
    assert suggestion.department == "health"
    assert suggestion.epidemic


def test_a_wells_murky_water_with_no_one_ill_is_not_read() -> None:
    # The town's (2 of 2): no illness among those who share it.
    assert shared_illness(_compact("我们村那口公用井 这个月水发浑 还有股铁锈味 请派人看看")) == ""
