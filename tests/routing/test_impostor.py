"""A fraudster posing as a unit to get money moved is the police's matter: the unit posed
as is the disguise, its duty words the pretext. A pretender asking no money is the named
unit's own matter."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.impostor import POLICE_UNIT, impostor, without_pretext


@pytest.mark.parametrize(
    ("text", "posing", "unit"),
    [
        ("我妈接个电话说是医保局的说医保卡冻结了让她转钱", "说是医保局", "medical_insurance"),
        ("有人冒充疾控的打电话说我们是密接我妈差点就转了", "冒充疾控", None),
        ("接到个电话说是公安局的让我转到安全账户", "说是公安局", POLICE_UNIT),
    ],
)
def test_posing_as_a_unit_to_get_money_is_read(text: str, posing: str, unit: str | None) -> None:
    assert impostor(text) == (posing, unit)


@pytest.mark.parametrize(
    "text",
    [
        "有人冒充燃气公司上门推销报警器",  # no money moved: the gas company's matter
        "开发商说是热力公司不给接到现在没暖气",  # 说是 telling who is at fault
        "我转了八千块钱给物业他说是供水公司让收的",  # the money before the posing
    ],
)
def test_no_fraud_is_read_without_posing_then_money(text: str) -> None:
    assert impostor(text) == ("", None)


def test_the_classifier_reads_the_request_without_the_pretext() -> None:
    text = "我妈接个电话 说是医保局的 说医保卡冻结了 让她转钱 转了八千"
    assert without_pretext(text) == "我妈接个电话  转钱 转了八千"
    assert without_pretext("医保卡冻结了刷不了") == "医保卡冻结了刷不了"


def test_a_fraud_posing_as_the_medical_insurance_bureau_goes_to_the_police(
    router: Router,
) -> None:
    text = "我妈接个电话 说是医保局的 说医保卡冻结了 让她转钱 转了八千 这咋整啊"
    assert router.suggest(text).department == POLICE_UNIT
    # the same card frozen without a fraudster is the bureau's own matter
    assert router.suggest("去药店拿药说我的医保卡被冻结了刷不了").department == (
        "medical_insurance"
    )
