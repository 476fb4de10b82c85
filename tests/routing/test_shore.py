"""The shore's matters (shore.py): a sea farm's die-off is agriculture's, people caught by
the tide and fireworks sold are the emergency bureau's, a beach's or a tent's fee is culture
and tourism's; a factory's discharge, a bathing beach's rocks, a car park's fee are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.shore import (
    FARM_UNIT,
    HAZARD_UNIT,
    TOURISM_UNIT,
    fireworks_sold,
    sea_farm_loss,
    shore_fee,
    tide_caught,
)


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("海里的扇贝筏子这半个月大片死，想请人来取样化验", "扇贝…大片死"),
        ("我家海参圈 海参一夜之间全化了 是不是得病了", "海参圈…化了"),
        ("对虾池子得了白斑病，死了一大半", "对虾…得了白斑病"),
    ],
)
def test_a_sea_farms_die_off_is_read(text: str, read: str) -> None:
    assert sea_farm_loss(_compact(text)) == read


@pytest.mark.parametrize(
    "text",
    [
        # a factory's discharge: the environment bureau's
        "旁边那个厂子往沟里排黑水 顺着沟全流我圈里了 海参化皮死了一大片",
        # a seller's tank: the market regulator's
        "卖活海参的往池子里倒药水，说是防海参得病",
        # a power cut: the power company's
        "停电了 海参圈打氧的机器都停了 再不来电海参就闷死了",
        # a storm's breach: farm_loss_ask.py's
        "台风把海参圈的坝冲开了 参苗死了不少",
    ],
)
def test_a_factory_a_seller_a_power_cut_or_a_storm_are_not_a_farm_loss(text: str) -> None:
    assert sea_farm_loss(_compact(text)) == ""


def test_people_caught_by_the_tide_are_read_but_not_at_a_bathing_beach() -> None:
    assert tide_caught("我爸去赶海这会儿涨潮了人困在礁石上下不来") == "涨潮…困在"
    assert tide_caught("海水浴场东边礁石那块，涨潮时好几家被困在礁石上") == ""
    assert tide_caught("潮水都涨上来了，我爷爷电话打不通") == ""


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("红海南沿那个沙滩 支个帐篷还得交五十", "沙滩…交五十"),
        ("进个沙滩还要收20块门票", "沙滩…收20块"),
        ("望海那个海水浴场收了门票", "浴场…门票"),
    ],
)
def test_a_beach_or_tent_fee_is_read(text: str, read: str) -> None:
    assert shore_fee(_compact(text)) == read


@pytest.mark.parametrize(
    "text",
    [
        "海水浴场停车场五一乱收费 收了五十",
        "海边那个收费公厕一人一块钱",
        "海边浴场的淋浴间冲一次要15块，这个收费标准有没有物价部门批准",
        "海水浴场里的淋浴间冲一次十五块，这个收费标准是谁定的",
        "沙滩上卖烤鱿鱼的没标价，一串收二十",
        "沙滩上私自租海上摩托，一圈收200",
    ],
)
def test_a_car_park_a_toilet_a_price_asked_or_a_ride_are_not_a_beach_fee(text: str) -> None:
    assert shore_fee(_compact(text)) == ""


def test_fireworks_sold_from_a_stall_are_read() -> None:
    assert fireworks_sold("沙滩上有人摆摊卖烟花摆了一大片") == "摊卖烟花"
    assert fireworks_sold("晚上海边好多人放大烟花") == ""


def test_the_readings_are_objects_over_the_beachs_units() -> None:
    objects = duty_objects(_compact("沙滩上有人摆摊卖烟花 摆了一大片 有证没证啊"))
    hazard = [o for o in objects if o.unit == HAZARD_UNIT]
    assert hazard
    assert "urban_management" in hazard[0].setting_units


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        (
            "海里的扇贝筏子这半个月大片死，养殖户都说是附近排污口的水不对，"
            "想请农业和环保一起来取样化验",
            FARM_UNIT,
        ),
        (
            "建议在赶海的滩涂边立个牌子写上每天涨潮的时间，上礼拜又有人被潮水困在礁石上了",
            HAZARD_UNIT,
        ),
        ("红海南沿那个沙滩 支个帐篷还得交五十 海边不是公共的吗 这钱收得合理吗", TOURISM_UNIT),
        ("沙滩上有人摆摊卖烟花 摆了一大片 有证没证啊 晚上放得满天都是", HAZARD_UNIT),
    ],
)
def test_the_router_sends_the_shores_matters_to_their_units(
    router: Router, text: str, unit: str
) -> None:
    assert router.suggest(text).department == unit
