"""A unit asked by its short name right after an ask word (roles.first_named): 请民政给查一查
asks the civil affairs bureau as 请民政局 does; added with 也 it only assists."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing.roles import first_named


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("救助到底按啥标准请民政给查一查镇里也得给个说法", "civil_affairs"),
        ("老人一个人住屋里断火两天了麻烦民政来人看看", "civil_affairs"),
        ("工地欠薪请人社和住建一起来处理", "human_resources"),
        ("仓库里堆着好几桶油请应急来人看看", "emergency"),
        ("这味儿熏得嗓子疼请环保来测一测", "environment"),
    ],
)
def test_a_short_name_asked_to_act(text: str, unit: str) -> None:
    assert first_named(text) == unit


@pytest.mark.parametrize(
    "text",
    [
        # Added to another's work: assists, does not lead.
        "线路断了老人家里没电也请民政来看看",
        # A short name after an ask word with nothing for it to do is no ask of the unit.
        "希望环保一点别用塑料袋",
    ],
)
def test_no_short_name_asked_first(text: str) -> None:
    assert first_named(text) is None


def test_the_first_ask_leads_whichever_name_it_uses() -> None:
    assert first_named("请民政给查一查也请住建局看看房子") == "civil_affairs"
    assert first_named("请住建局看看房子请民政给查一查") == "housing"


def test_one_unit_asked_to_join_does_not_lead() -> None:
    # 一起 after one unit asks it to join the unit the request is about (供水公司 here).
    assert first_named("找供水公司说正常现象是不是该请卫生部门一起来测") is None
    # Two units asked together: the first leads.
    assert first_named("总包拖欠工资请人社局和住建局一起来处理") == "human_resources"
