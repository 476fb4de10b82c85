"""A benefit named by its kind leads to the body that pays it: a talent subsidy or a
graduate's rent subsidy is human resources' even where 落户 is told (duty_trade.py's
`talent_subsidy`); a bill settled across cities is the insurer's, the pharmacy only the scene
(duty_act.py's `_OTHER_CITY`; duty_pharmacy.py no longer reads that pharmacy's conduct)."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_act import act_readings
from hotline.ticketing.routing.duty_pharmacy import pharmacy_conduct
from hotline.ticketing.routing.duty_trade import talent, talent_subsidy


@pytest.mark.parametrize(
    "text",
    [
        "外省大学毕业过来落户的人才补贴去哪申请本科和硕士一样吗",
        "研究生毕业来这边上班申请租房补贴社区说要先开居住证明",
    ],
)
def test_a_subsidy_named_by_its_kind_is_read_with_settling_told(text: str) -> None:
    assert talent_subsidy(text)


@pytest.mark.parametrize(
    "text",
    [
        # read by `talent` already: not read twice
        "我研究生毕业来上班招聘会上说人才补贴半年就发现在一年了还没到",
        # a low-income household's allowance, a rent subsidy with no graduate
        "低保户春节的一次性生活补贴今年啥时候发",
        "公租房的租房补贴啥时候发",
        # a graduate's file for a household registration stays the police's
        "毕业档案在人才中心想落户得先调档案",
    ],
)
def test_other_allowances_and_a_file_for_settling_are_not_read(text: str) -> None:
    assert not talent_subsidy(text)


def test_talent_keeps_its_reading_without_settling() -> None:
    assert talent("说好的人才补贴一分没到账")


def _insurer_setting(text: str) -> tuple[str, ...] | None:
    for unit, _, setting in act_readings(text):
        if unit == "medical_insurance":
            return setting
    return None


@pytest.mark.parametrize(
    "text",
    ["建议能异地结算的药店多开几家我们候鸟只能跑一家", "住院时说好出院直接结算结果让全自费"],
)
def test_a_bill_settled_across_cities_is_the_insurers(text: str) -> None:
    setting = _insurer_setting(text)
    assert setting is not None
    assert "market_supervision" in setting


def test_the_pharmacy_is_not_read_where_the_bill_is_settled_across_cities() -> None:
    assert not pharmacy_conduct("建议能异地结算的药店多开几家我们候鸟只能跑一家")
    assert pharmacy_conduct("药店值班的给孩子拿了成人的退烧药")


def test_a_shop_settling_up_is_not_read() -> None:
    assert _insurer_setting("药店结算的时候多收了我十块钱") is None


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("请问外省大学毕业过来落户的，人才补贴怎么申请？本科和研究生标准一样吗", "human_resources"),
        ("建议能异地结算的药店多开几家 我们候鸟老两口只能去一家 太远了", "medical_insurance"),
    ],
)
def test_a_benefit_named_by_its_kind_is_routed_to_its_payer(
    rules_only_router: Router, text: str, unit: str
) -> None:
    # The rules alone: the seed classifier has read the retired lines these paraphrase.
    assert rules_only_router.suggest(text).department == unit
