"""Round 21: wages unpaid told without the employer, a station's or a workshop's boss acting
against the worker, a health visit asked beside the employer's act (health keeps the lead,
the labour bureau assists), and a road crushed by the vehicles on it (transport's 农村公路)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.auto import held_back_by
from hotline.ticketing.routing.employer import employer_act, employer_acts_words
from hotline.ticketing.routing.roles import named_units, unnamed_second_duty
from hotline.ticketing.routing.shared_duty import unnamed_duties
from hotline.ticketing.routing.text import normalise


def _compact(text: str) -> str:
    return normalise(text).replace(" ", "")


@pytest.mark.parametrize(
    "text",
    [
        "我是医院的护士 合同制的 医院仨月没发工资了",
        "我们是养老服务中心的护理员，三个月没发工资了",
        "厂子说提前放假，这个月工资没发",
        "老板拖着十月的工资一直不给",
    ],
)
def test_wages_unpaid_are_the_employers_act(text: str) -> None:
    assert employer_act(_compact(text))


def test_a_pay_slip_is_not_wages_unpaid() -> None:
    assert employer_act(_compact("工资从来不给工资条，扣了啥钱也不知道")) == ""


def test_a_station_masters_act_against_sick_riders_is_read() -> None:
    assert employer_act(_compact("七八个人发烧 站长还让带病跑 说不跑就扣钱封号"))


def test_a_health_visit_asked_keeps_the_act_as_a_second_duty() -> None:
    text = _compact("厂里宿舍有五个发烧 厂里还不让请假 说请假就扣全勤 能不能来人给看看 给测一下")
    assert employer_act(text) == ""  # no labour lead pushed over the health ask
    assert employer_acts_words(text)
    assert [d.unit for d, _ in unnamed_duties(text, "health")] == ["human_resources"]
    # Beside any other lead the act is the labour bureau's lead, not a 协办.
    assert unnamed_duties(text, "education") == []
    # A doctor told of in passing asks no visit.
    told = _compact("查出来肺结核 大夫说吃药俩礼拜就不传染了 厂里知道了直接让我走人")
    assert employer_act(told)


def test_a_care_centres_unpaid_carers_are_led_by_human_resources(router: Router) -> None:
    got = router.suggest(
        "我们是一家居家养老服务中心的护理员，一共九个人，三个月没发工资了，"
        "中心负责人说政府补贴没下来。"
    )
    assert got.department == "human_resources"


@pytest.mark.parametrize(
    "text",
    [
        "村里有人私挖乱采沙子，把村道压坏了",
        "大货车天天在那排队等进港 把村口全堵死了 路也让压得稀碎",
        "拉石头的大货车严重超载，把村里刚修两年的水泥路压得稀碎",
    ],
)
def test_a_road_crushed_by_vehicles_is_transports_rural_road(text: str) -> None:
    units = [d.unit for d, _ in unnamed_duties(_compact(text), "public_security")]
    assert units == ["transport"]


@pytest.mark.parametrize(
    "text",
    [
        "下水道压坏了往外冒水",  # a sewer is not a road
        "道上的车把我家庄稼压坏了",  # the crops, not the road
        "乡道上的大货车把路压坏了",  # transport leading needs no second self
    ],
)
def test_no_road_duty_elsewhere(text: str) -> None:
    lead = "transport" if "乡道" in text else "public_security"
    assert unnamed_duties(_compact(text), lead) == []


def test_a_unit_asked_to_help_by_name_assists() -> None:
    text = _compact("请公交公司赶紧处理，城管也帮着把冰溜子打下来。")
    assert "urban_management" in named_units(text)


@pytest.mark.parametrize(
    "text",
    [
        "学校说要看居留证件和住宿登记证明，外籍孩子入学具体要什么材料？",
        "派出所说要有人事档案的接收证明，可我档案还在学校，接收证明又找谁开？",
        "医保那边说有第三方，得要交警的事故认定书才给报",
    ],
)
def test_a_proof_one_body_requires_of_another_is_a_joint_cue(text: str) -> None:
    assert unnamed_second_duty(_compact(text), "education")


def test_a_proof_asked_of_no_other_body_is_no_cue() -> None:
    assert unnamed_second_duty(_compact("我想开个低保证明，去哪开？"), "civil_affairs") == ""
    assert unnamed_second_duty(_compact("申请材料都交齐了，啥时候能批？"), "civil_affairs") == ""


def test_a_proof_required_holds_the_request(router: Router) -> None:
    on = replace(router.rules.auto_dispatch, enabled=True)
    got = router.suggest(
        "今年毕业，想把户口落到鲅鱼圈。派出所说要有人事档案的接收证明，"
        "可我档案还在学校，不知道该寄到哪个部门，接收证明又找谁开？"
    )
    assert got.joint_cues
    assert held_back_by(got, on) is not None


def test_a_building_sites_hazard_beside_emergency_names_housing() -> None:
    text = _compact(
        "工地的工棚里住着三十多个工人，晚上用电暖气，还有人用煤炉子做饭，一个灭火器都没有"
    )
    assert [d.unit for d, _ in unnamed_duties(text, "emergency")] == ["housing"]
    # The site beside another lead is that lead's setting (wages, dust): not read.
    assert unnamed_duties(_compact("工地老板拖欠工资"), "human_resources") == []


def test_a_shed_built_without_leave_is_the_citys_with_its_fire_hazard_beside(
    router: Router,
) -> None:
    got = router.suggest(
        "举报：我们楼顶有人私自搭了几间彩钢房出租，里面用液化气罐做饭，楼梯口堆满杂物。"
    )
    assert got.department == "urban_management"
    assert "emergency" in dict(got.assisting)
