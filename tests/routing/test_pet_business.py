"""A pet business's dealing with its customer (pet_business.py): its price or bill, a pet
it sold sick, a pet lost in its care, a card, a licence to open one are the market
regulator's, the animal and the clinic only the scene; a shot to be had elsewhere, a clinic's
treatment, its waste, its pitch, its wages and the dog's own licence are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.pet_business import pet_business_readings


@pytest.mark.parametrize(
    "text",
    [
        "动物医院给猫打了一针狂犬疫苗收了四百，说是进口的，这价正常吗",
        "宠物医院给狗拔了颗牙，进去前说八百，出来结账三千一，明细也不给",
        "在宠物店买的泰迪，抱回家第二天就不吃不喝，查出来是犬瘟，店里说不退",
        "过年把狗放在宠物寄养店，回来说狗跑丢了，老板只赔五百",
        "我想开一家猫舍，在家里养猫卖，要办什么证",
    ],
)
def test_the_pet_business_is_read_over_the_animal_and_the_clinic(text: str) -> None:
    (reading,) = pet_business_readings(text)
    assert reading[0] == "market_supervision"
    assert set(reading[2]) == {"agriculture", "health"}
    assert any(o.unit == "market_supervision" and not o.setting_counts for o in duty_objects(text))


@pytest.mark.parametrize(
    "text",
    [
        # an animal's shot to be had cheaper elsewhere: agriculture's
        "宠物医院打狂犬疫苗太贵了，听说畜牧站便宜，上哪打",
        "村里的防疫员能不能上门给狗打针，宠物医院一针一百五",
        # a clinic's treatment gone wrong, its waste, its pitch, its wages
        "宠物医院给猫打了一针就死了，怀疑误诊，能不能做鉴定",
        "那家宠物诊所把用过的针头扔进小区垃圾桶",
        "宠物店把狗笼子摆在人行道上卖狗，路都走不了",
        "在宠物店干了三个月，老板不给工资",
        # the dog's own licence: the police's
        "办狗证要宠物医院的免疫证明吗",
        # no pet business named
        "邻居家的狗天天叫，花了多少钱买的也不管",
    ],
)
def test_other_matters_told_with_a_pet_business_are_not_read(text: str) -> None:
    assert pet_business_readings(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "海星那边的动物医院给狗做绝育，说好六百，出院收了两千多，单子上一堆检查，这合理吗",
        "我想开个宠物寄养店 要办啥照 上哪办",
    ],
)
def test_the_router_follows_the_pet_business(rules_only_router: Router, text: str) -> None:
    assert rules_only_router.suggest(text).department == "market_supervision"


def test_the_shipped_router_reads_the_clinic_price_as_the_market_regulators(
    router: Router,
) -> None:
    # Without the reading the shipped router reads the cat's shot (agriculture).
    suggestion = router.suggest("动物医院给猫打了一针狂犬疫苗收了四百，说是进口的，这价正常吗")
    assert suggestion.department == "market_supervision"
