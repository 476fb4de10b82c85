"""A pharmacy's own conduct over the illness it is told with (duty_pharmacy.py): shut at
night, its clerk's dose, drugs sold without a prescription are the market regulator's, the
fever only the scene; an insurance card used there, a shortage or a doctor's referral are
not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.duty_pharmacy import pharmacy_readings


@pytest.mark.parametrize(
    "text",
    [
        "孩子夜里烧到三十九度 附近几家药店全关门了 能不能规定得有一家通宵开着",
        "凌晨去那家二十四小时药店买药，值班的说没有儿童退烧药，给拿了大人的让掰开吃",
        "晚上十点多去药房买安眠药，不用处方随便买，一次卖了五盒",
        "大药房值夜班的店员给我家老人推荐了一种保健品，说能代替降压药",
    ],
)
def test_the_pharmacy_is_read_over_the_fever(text: str) -> None:
    assert pharmacy_readings(text) and pharmacy_readings(text)[0][0] == "market_supervision"
    assert "health" in pharmacy_readings(text)[0][2]
    assert any(o.unit == "market_supervision" and not o.setting_counts for o in duty_objects(text))


@pytest.mark.parametrize(
    "text",
    [
        # the insurer's card used at the pharmacy, also misheard
        "半夜去药店买退烧药医保卡刷不了只收现金",
        "拿衣保卡去药店买药说系统坏了",
        # a medicine nobody has: health's shortage
        "孩子甲流了跑了五家药店都买不着奥司他韦",
        # a doctor sending patients to a pharmacy: the doctor's conduct
        "卫生院的大夫总让病人上他亲戚家的药店买药",
        # a hospital's own dispensary, a vet's drugs
        "医院药房夜里只有一个人排队排了一个钟头",
        "镇上兽药店卖的猪疫苗没有批号",
        # no pharmacy named
        "孩子半夜发烧社区医院不开门上哪看",
    ],
)
def test_other_matters_told_with_a_pharmacy_are_not_read(text: str) -> None:
    assert pharmacy_readings(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "孩子后半夜发高烧，跑了三家药店都关着门，鲅鱼圈有没有夜里开门的药店",
        "半夜孩子发烧去药店，值班的给拿了成人的药说吃半片，孩子吃完直出虚汗",
    ],
)
def test_the_router_follows_the_pharmacy_over_the_fever(
    rules_only_router: Router, text: str
) -> None:
    assert rules_only_router.suggest(text).department == "market_supervision"


def test_the_shipped_router_follows_the_pharmacy_over_the_classifiers_fever(router: Router) -> None:
    # The seed classifier alone reads the fever (health, 0.53 before duty_pharmacy.py).
    suggestion = router.suggest("孩子发烧了 半夜上哪能买着退烧药 药店都关门了")
    assert suggestion.department == "market_supervision"
