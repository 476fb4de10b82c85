"""The employer acting against its worker (dismissal, pay docked, barred from work, costs
put on the worker) is the labour bureau's matter, whatever illness or check-up set the
scene; a unit asked by name still leads."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.employer import LABOUR_UNIT, employer_act


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("体检查出来乙肝公司就把我辞了", "公司就把我辞了"),
        ("发烧了跟领导请假领导说请假就扣全勤", "领导请假领导说请假就扣全勤"),
        ("单位让查幽门螺杆菌这个钱该不该单位出", "该不该单位出"),
        ("老板说不打疫苗就不让上岗", "老板说不打疫苗就不让上岗"),
    ],
)
def test_the_employers_act_against_the_worker_is_read(text: str, act: str) -> None:
    assert employer_act(text) == act


@pytest.mark.parametrize(
    "text",
    [
        # Barred from work while a test result is pending: the test is the matter.
        "核酸结果还没出来单位不让上班这怎么办",
        # The employer's act against others (the river, the customers) is no labour matter.
        "厂里往河里排污水味道很大",
        "我辞职了想问问社保怎么转",  # the worker's own act
    ],
)
def test_no_act_against_the_worker_is_read_elsewhere(text: str) -> None:
    assert employer_act(text) == ""


def test_a_dismissal_after_an_illness_goes_to_the_labour_bureau(
    rules_only_router: Router,
) -> None:
    scene = "上个月单位体检拍胸片查出来肺结核 在医院治着呢 大夫说按时吃药不传染"
    assert rules_only_router.suggest(scene).department == "health"
    got = rules_only_router.suggest(scene + " 结果公司知道了就把我辞了 这合法吗")
    assert got.department == LABOUR_UNIT
    assert got.alternatives[0].department == "health"
    assert "把我辞了" in got.explanation


def test_a_unit_asked_by_name_keeps_the_lead(rules_only_router: Router) -> None:
    text = "单位体检查出来乙肝 公司就把我辞了 请卫健部门来查查这家体检中心是不是查错了"
    assert rules_only_router.suggest(text).department == "health"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "熊岳镇给我们村盖村部施工队的老板拖着我们八个小工的工钱",
            "施工队的老板拖着我们八个小工的工钱",
        ),
        ("包工头一共欠我和十几个工友工资二十多万", "包工头一共欠我和十几个工友工资"),
    ],
)
def test_wages_owed_to_the_caller_are_the_employers_act(text: str, words: str) -> None:
    assert employer_act(text) == words


def test_anothers_wages_told_in_passing_are_not_read() -> None:
    assert employer_act("美容院关门了老板电话打不通员工也说被拖欠工资我的预付卡咋办") == ""
