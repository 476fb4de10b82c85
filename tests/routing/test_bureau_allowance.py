"""An allowance a bureau grants (bureau_allowance.py): a person's welfare allowance told
unpaid is civil affairs', a farm producer's subsidy agriculture's, whoever passed the money
on; granted upstairs and held at the area's office, the town assists."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.bureau_allowance import (
    allowance_readings,
    farm_subsidy,
    held_at_area,
    welfare_unpaid,
)
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.shared_duty import area_also_asked


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("我爸的高龄补贴从去年十月就没到账了，社区说上面还没拨", "高龄补贴"),
        ("我弟弟是二级残疾 那个两项补贴 今年一分没发", "两项补贴"),
        ("低保 这俩月 都没打到卡上 家里就指着这点钱", "低保"),
        ("老伴住院那回批的临时救助金到现在还没给", "临时救助金"),
    ],
)
def test_a_welfare_allowance_told_unpaid_is_read(text: str, name: str) -> None:
    assert welfare_unpaid(_compact(text)) == name
    assert [u for u, _, _ in allowance_readings(_compact(text))] == ["civil_affairs"]
    found = [o for o in duty_objects(_compact(text)) if o.unit == "civil_affairs"]
    # The office that passed the money on only sets the scene: the towns' share moves.
    assert found and {"hongqi", "haixing"} <= set(found[0].setting_units)


@pytest.mark.parametrize(
    "text",
    [
        "我家是低保户，听说电费能减免，咋没见着呢",  # a household's status, power's units
        "我是低保，咋没见着减免",
        "高龄补贴咋申请，要带啥材料",  # asked about, not unpaid
        "低保户的孩子上高中，学费有没有减免",
    ],
)
def test_a_status_or_an_application_is_not_read(text: str) -> None:
    assert welfare_unpaid(_compact(text)) == ""


@pytest.mark.parametrize(
    "text",
    [
        "今年的玉米生产者补贴啥时候发，一亩多少",
        "我们村的耕地地力保护补贴到现在还没下来",
        "渔船的燃油补贴表交到镇上三回了都给退回来",
        "休渔期那个补贴 渔民上哪领",
        "想买台插秧机，农机购置补贴咋申请",
        # pay for livestock culled against an epidemic
        "芦屯镇我家的羊让扑杀了，说是有布病，补助款到现在没见着",
        "鸭场得了禽流感全扑杀了，扑杀补偿一只给多少",
    ],
)
def test_a_farm_producers_subsidy_is_agricultures(text: str) -> None:
    assert farm_subsidy(_compact(text))
    assert [u for u, _, _ in allowance_readings(_compact(text))] == ["agriculture"]


@pytest.mark.parametrize(
    "text",
    [
        "出租车的燃油补贴今年还发不发",  # a taxi's fuel: transport's
        "商场说以旧换新补贴没了，旧冰箱还让我自己拉走",
        "工地三伏天干活，高温补贴一分没有",
        # a cull with no pay told, and pay for land taken: not a farm's subsidy
        "村里的鸡让扑杀了，现在鸡舍谁来消毒",
        "熊岳镇我们村征地的补偿款村里扣了一半",
    ],
)
def test_other_subsidies_are_not_a_farms(text: str) -> None:
    assert farm_subsidy(_compact(text)) == ""


@pytest.mark.parametrize(
    "text",
    [
        "我妈的残疾人补贴区里早就批下来了，村里说钱没到一直不给发",
        "今年的种粮补贴都发下来了，村会计说每户得先扣三十才给",
        "高龄补贴去年就办完了，到现在一分没到，社区说钱得街道发",
    ],
)
def test_granted_and_held_at_the_area_asks_the_area_too(text: str) -> None:
    assert held_at_area(_compact(text))
    assert area_also_asked(_compact(text))


@pytest.mark.parametrize(
    "text",
    [
        "高龄补贴半年没到账 社区说上边没拨",  # no grant told: the office only quoted
        "低保九月就批下来了，社区说下个月开始发",  # no allowance told unpaid
        "区里说补偿款早就拨到村里了，村委会一直没分",  # land money: not read here
    ],
)
def test_no_grant_held_or_no_allowance_is_not_held_at_the_area(text: str) -> None:
    assert held_at_area(_compact(text)) == ""


def test_a_disability_allowance_the_town_holds_is_civil_affairs_with_the_town(
    router: Router,
) -> None:
    got = router.suggest("红旗镇 我哥是二级残疾 两项补贴区里都批了 镇里说资金没到 一直不给发")
    assert got.department == "civil_affairs"
    assert [u for u, _ in got.assisting] == ["hongqi"]


def test_a_farm_subsidy_docked_by_the_village_is_agricultures_with_the_town(
    router: Router,
) -> None:
    got = router.suggest(
        "熊岳镇我们村的玉米生产者补贴发下来了，村会计说每户要先扣三十块钱才给发，请查一下。"
    )
    assert got.department == "agriculture"
    assert "xiongyue" in [u for u, _ in got.assisting]


def test_an_allowance_unpaid_without_a_grant_names_no_town(router: Router) -> None:
    got = router.suggest("我妈的高龄补贴三个月没到账了，社区说上边没拨，让等着")
    assert got.department == "civil_affairs"
    assert got.assisting == ()


def test_cull_pay_held_at_the_village_is_agricultures_not_the_towns(router: Router) -> None:
    # 拨到村里 and 村里…没发 are the town's words; the pay for the culled pigs is agriculture's,
    # the town that holds it asked beside.
    got = router.suggest(
        "红旗镇我们村前年扑杀的猪，区里说补助款早就拨到村里了，村里到现在一分钱也没发，钱去哪了"
    )
    assert got.department == "agriculture"
    assert "hongqi" in [u for u, _ in got.assisting]
