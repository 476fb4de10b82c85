"""A worker's ask that is not the work's setting (worker_asks.py): relief after losing work is
civil affairs', 医保 beside 工伤 human resources', a flexible worker's own 医保 the insurer's."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.worker_asks import (
    INSURANCE_UNIT,
    LABOUR_UNIT,
    RELIEF_UNIT,
    flexible_medical,
    medical_beside_injury,
    relief_after_work_lost,
)


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("我们那个鞋厂倒闭了 两口子都没了活 家里揭不开锅 能不能给申请个低保", "倒闭…低保"),
        ("在工地干了半年 老板跑了 身上一分钱没有 想求个临时救助", "老板跑…救助"),
        ("我下岗好几年了 老伴又病着 想问问低保怎么申请", "下岗…低保"),
    ],
)
def test_relief_after_the_work_is_lost_is_read(text: str, words: str) -> None:
    assert relief_after_work_lost(_compact(text)) == words
    found = [o for o in duty_objects(_compact(text)) if o.unit == RELIEF_UNIT]
    assert any(LABOUR_UNIT in o.setting_units for o in found)


@pytest.mark.parametrize(
    "text",
    [
        # Wages owed and no relief asked: the labour bureau's own.
        "老板跑了 欠我们三个月工钱 电话也不接",
        # Relief with no work lost: nothing for this reading.
        "家里房子塌了 能不能申请点救助",
    ],
)
def test_wages_alone_or_relief_alone_is_not_read(text: str) -> None:
    assert relief_after_work_lost(_compact(text)) == ""


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("在厂里被机器轧了手 医院说是工伤不能走医保 厂里又不给报", "工伤…医保"),
        ("干活摔断了腿 老板不给报工伤 住院的钱医保能不能先报", "工伤…医保"),
    ],
)
def test_medical_insurance_beside_a_work_injury_is_read(text: str, words: str) -> None:
    assert medical_beside_injury(_compact(text)) == words
    found = [o for o in duty_objects(_compact(text)) if o.unit == LABOUR_UNIT]
    assert any(INSURANCE_UNIT in o.setting_units for o in found)


@pytest.mark.parametrize(
    "text",
    [
        # A worker's own card swiped for the injury, reported: the insurer's fund.
        "举报 工友被砸伤了 老板不给报工伤 拿他自己的医保卡去诊所刷的",
        # 医保 with no work injury.
        "医保断了三个月 现在住院能不能补交",
    ],
)
def test_a_card_misused_or_no_injury_is_not_read(text: str) -> None:
    assert medical_beside_injury(_compact(text)) == ""


def test_a_flexible_workers_medical_insurance_is_read_not_the_pension() -> None:
    assert flexible_medical("灵活就业的医保在哪交手机上能交不") == "灵活就业…医保"
    assert flexible_medical("我是灵活就业的养老保险和医保一年各交多少") == ""
    assert flexible_medical("灵活就业的养老保险一年最低交多少") == ""


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("在熊岳镇的工地干活 老板跑了 我们五个人身上一分钱没有 回不了家 想求个救助", RELIEF_UNIT),
        (
            "在工地被砸伤了手 去医院想用医保报销 医院说是工伤不能走医保 "
            "可老板不给报工伤 两头都不管 我到底该咋整",
            LABOUR_UNIT,
        ),
        ("请问灵活就业人员自己交医保在哪交 一年多少钱 我打零工没单位", INSURANCE_UNIT),
    ],
)
def test_the_asked_unit_leads_end_to_end(router: Router, text: str, unit: str) -> None:
    assert router.suggest(text).department == unit
