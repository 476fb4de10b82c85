"""An ambulance's charge or late arrival and a doctor sending patients to a pharmacy
(medical_fees.py) are health's, the ride or the price only the scene; the road an ambulance
cannot pass and the insurer's refund are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_act import pharmacy_price
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.medical_fees import (
    HEALTH_UNIT,
    ambulance_service,
    sent_to_pharmacy,
)


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("救护车从红旗拉到市里 收了九百 也不给开票", "救护车…收了"),
        ("叫了急救车 拉了三公里要六百 这价有没有标准", "急救车…要六"),
        ("打了120 一个钟头才到 人都快不行了", "打了120…才到"),
        ("私人的转运救护车 从大连拉回来收了三千", "救护车…收了"),
    ],
)
def test_an_ambulances_charge_or_arrival_is_read(text: str, words: str) -> None:
    assert ambulance_service(_compact(text)) == words
    found = [o for o in duty_objects(_compact(text)) if o.unit == HEALTH_UNIT]
    assert any("transport" in o.setting_units for o in found)


@pytest.mark.parametrize(
    "text",
    [
        # The road it cannot pass: transport's; the cars blocking it: the police's.
        "去卫生院那条村路上有个大坑 救护车轮子陷进去了",
        "小区门口两边停满了车 救护车进不来",
        # A bare 120 that is a price, not the ambulance.
        "燃气公司检测报警器 一次收120元",
        # An ambulance told with no charge and no delay.
        "救护车把我爸送到医院 医保卡落在车上了",
    ],
)
def test_roads_prices_and_other_ambulance_matters_are_not_read(text: str) -> None:
    assert ambulance_service(_compact(text)) == ""


@pytest.mark.parametrize(
    "text",
    [
        "医生说这个药医院没有 让我们去对面那家指定药房买 价比别处贵一百多",
        "卫生院的大夫让病人上他家亲戚开的药店买药 一盒贵好几十",
    ],
)
def test_a_doctors_referral_to_a_pharmacy_is_healths_not_its_price(text: str) -> None:
    assert sent_to_pharmacy(_compact(text))
    assert pharmacy_price(_compact(text)) == ""


@pytest.mark.parametrize(
    "text",
    [
        # The insurer's refund asked: medical insurance's.
        "医院让我们在外面药店自费买了几种药 出院结算时这些药都不给报销",
        # The outside pharmacy's price gouged is the ask: the market regulator's.
        "医院药房说没货了让自己去外面买 外面药店原来六十现在一百八 说爱买不买",
    ],
)
def test_the_insurers_refund_or_a_gouged_price_is_not_read(text: str) -> None:
    assert sent_to_pharmacy(_compact(text)) == ""


def test_a_pharmacys_own_price_is_still_the_markets() -> None:
    assert pharmacy_price(_compact("药店 布洛芬涨到六十多一盒")) != ""


@pytest.mark.parametrize(
    "text",
    [
        "我爸坐救护车从熊岳拉到红旗 收了一千五 连个票都不给开 多收的要求退回来",
        "救护车拉了不到十里地要八百 这个价合不合理",
        "医生开完方子说医院没这个药 让我们去对面那家指定药房买 一问价比别处贵一百多",
    ],
)
def test_health_leads_end_to_end(router: Router, text: str) -> None:
    assert router.suggest(text).department == HEALTH_UNIT
