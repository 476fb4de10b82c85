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


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("新建学校的工地上木工班组二十多人工钱拖了五个月", "工钱拖了五个月"),
        ("老旧小区改造的工地我们十几个人工钱欠了四个月了", "工钱欠了四个月"),
        ("修村道的活路都通车半年了工钱一分没结", "工钱一分没结"),
        ("我是小区保安物业公司仨月没开支了", "仨月没开支"),
        ("酒店把我们服务员全辞了一个月工资都不结", "工资都不结"),
    ],
)
def test_wages_overdue_for_months_or_not_settled_are_read(text: str, words: str) -> None:
    assert employer_act(text) == words


@pytest.mark.parametrize(
    "text",
    [
        "培训班门一锁人没了老师说他们也三个月没开支了我交的一万二咋要回来",
        "我拖了三个月的物业费物业就把水停了",
    ],
)
def test_anothers_pay_or_the_callers_own_fee_overdue_is_not_read(text: str) -> None:
    assert employer_act(text) == ""


def test_wages_owed_on_a_site_a_public_body_pays_for_go_to_the_labour_bureau(
    rules_only_router: Router,
) -> None:
    text = "我们一个班组在芦屯镇修村道 路都通车半年了 工钱一分没结 找项目部说等交通局验收款"
    assert rules_only_router.suggest(text).department == LABOUR_UNIT


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("我在民营养老院当护工工资四个月没发了院长说民政的补贴没下来", "工资四个月没发"),
        ("海鲜加工厂让我们住在冷库旁边加班费三个月没给", "加班费三个月没给"),
        ("私立幼儿园的老师园长说生源少了工资从三月开始就只发一半", "工资从三月开始就只发一半"),
        ("摘棉花的劳务队去年的工钱到现在还差两千多没给", "工钱到现在还差"),
        ("我在纸箱厂天天干到晚上十点加班费从来不给", "加班费从来不给"),
    ],
)
def test_pay_overdue_half_paid_still_owed_or_overtime_withheld_is_read(
    text: str, words: str
) -> None:
    assert employer_act(text) == words


@pytest.mark.parametrize(
    "text",
    [
        # A parent's prepaid fees, the teachers' own pay told in passing: education's.
        "私立幼儿园停办了老师们说园长也两个月没给她们开工资了我们交的保教费咋退",
        # The caller's own income weighed for relief: civil affairs'.
        "社区说我工资超了要把我妈的低保停了",
    ],
)
def test_anothers_pay_or_income_weighed_is_not_read(text: str) -> None:
    assert employer_act(text) == ""


@pytest.mark.parametrize(
    "text",
    [
        "我在一家民营养老院当护工，一个人管十二个老人，夜班连着白班，工资四个月没发了，"
        "院长说民政的补贴没下来",
        "我在芦屯镇一个超市当理货员 这几个月工资只发一半 另一半给的是超市的购物卡",
    ],
)
def test_pay_withheld_by_a_care_home_or_a_shop_goes_to_the_labour_bureau(
    router: Router, text: str
) -> None:
    assert router.suggest(text).department == LABOUR_UNIT
