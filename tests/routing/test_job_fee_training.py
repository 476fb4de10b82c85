"""A fee paid for a job or a trade's course that led nowhere, and a work-safety licence's
review (round 33's held-out misses): a job agency's fee or cheat (duty_winter.py) and
vocational training asked or paid for (duty_trade.py) are human resources' over the
estate agent's, the school's, the welder's and the police's words; a special-work licence's
复审 (work_safety.py) is the emergency bureau's over the police's certificates."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.duty_trade import job_training
from hotline.ticketing.routing.duty_winter import job_agency_fee
from hotline.ticketing.routing.work_safety import licence_review

LABOUR = "human_resources"
SAFETY = "emergency"


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("举报黑中介骗钱", "黑中介…骗钱"),
        ("举报一个黑中介收了我五百块介绍费说安排进厂", "黑中介…介绍费"),
        ("有个中介说给介绍码头的活收了我六百块钱", "中介说给介绍码头的活…收了我六百块钱"),
        ("中介在群里招人交了三百介绍费到了没这活", "中介在群里招人…介绍费"),
    ],
)
def test_a_job_agencys_fee_is_read(text: str, read: str) -> None:
    assert job_agency_fee(text) == read


@pytest.mark.parametrize(
    "text",
    [
        # an estate agent, a 黑中介 that let a flat: housing's
        "租房中介收了押金人找不着了",
        "黑中介租给我的房子押金不退",
        # an agent named with no fee nor cheat
        "有个中介在招工靠谱吗",
        # a domestic-service company's fee: not counted as a job agency's
        "家政公司收了两千服务费保姆干两天就走了不给退",
    ],
)
def test_a_house_agent_or_no_fee_is_not_a_job_agency(text: str) -> None:
    assert job_agency_fee(text) == ""


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("报了个叉车培训学校交了三千说包分配", "叉车培训"),
        ("学电焊有职业技能培训补贴吗", "技能培训"),
        ("培训学校说学完包分配钱交了人跑了", "培训学校说学完包分配"),
    ],
)
def test_vocational_training_is_read(text: str, read: str) -> None:
    assert job_training(text) == read


@pytest.mark.parametrize(
    "text",
    [
        # safety, fire or rescue training: the emergency bureau's or the beach's
        "厂里电焊工的安全培训谁来组织",
        "建议组织救生员统一培训考试",
        # a child's class
        "孩子在培训班交了一万多机构跑了",
    ],
)
def test_safety_training_or_a_childs_class_is_not_vocational(text: str) -> None:
    assert job_training(text) == ""


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("特种作业操作证在哪复审", "特种作业…复审"),
        ("那个安全生产培训的证多长时间复审一回", "安全生产培训的证…复审"),
        ("叉车的操作证到期了在哪换证", "操作证…到期"),
    ],
)
def test_a_safety_licences_review_is_read(text: str, read: str) -> None:
    assert licence_review(text) == read


@pytest.mark.parametrize(
    "text",
    ["低保今年复审说不给了", "身份证到期了在哪换证", "叉车证没有也让开车"],
)
def test_another_review_or_no_review_is_not_read(text: str) -> None:
    assert licence_review(text) == ""


def test_the_readings_are_objects_over_their_settings() -> None:
    agency = [o for o in duty_objects("举报黑中介骗钱") if o.unit == LABOUR]
    assert agency and "housing" in agency[0].setting_units
    course = [o for o in duty_objects("学电焊有职业技能培训补贴吗外地户口") if o.unit == LABOUR]
    assert course and "public_security" in course[0].setting_units
    review = [o for o in duty_objects("特种作业操作证在哪复审") if o.unit == SAFETY]
    assert review and "public_security" in review[0].setting_units


def test_the_router_sends_a_welders_training_subsidy_to_human_resources(router: Router) -> None:
    # Without the reading the caller's 外地户口 sends it to the police.
    text = "想学电焊听说有职业技能培训补贴外地户口能不能申请"
    assert router.suggest(text).department == LABOUR


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        # without the readings: the police (骗钱) and education (证, 复审)
        ("举报黑中介骗钱谁管", LABOUR),
        ("特种作业操作证快到期了复审去哪办", SAFETY),
    ],
)
def test_the_rules_send_them_to_their_unit(rules_only_router: Router, text: str, unit: str) -> None:
    assert rules_only_router.suggest(text).department == unit
