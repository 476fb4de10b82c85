"""A unit named and then asked with 也, whatever the verb, assists (asked_besides.py); a 也
that reports or complains (也不管, 也说, 也来过, 也找了) asks nothing."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.asked_besides import asked_besides
from hotline.ticketing.routing.text import normalise


def _compact(text: str) -> str:
    return normalise(text).replace(" ", "")


@pytest.mark.parametrize(
    ("text", "lead", "unit"),
    [
        ("建议村里晚上安排人巡逻，派出所也多来转转", "lutun", "public_security"),
        ("建议社区给走失的老人登个记，派出所那边也留一份照片", "civil_affairs", "public_security"),
        ("地下室配电箱泡在水里，物业不抽水，供电公司也赶紧派人", "housing", "power"),
        ("建议村里挨家挨户检查煤炉子，应急局也来宣传宣传", "hongqi", "emergency"),
    ],
)
def test_a_unit_asked_with_also_is_read(text: str, lead: str, unit: str) -> None:
    assert asked_besides(_compact(text), lead) == (unit,)


@pytest.mark.parametrize(
    "text",
    [
        "小区门口天天有车乱停，交警也不管",  # a complaint about the unit
        "找了社区，派出所也说不归他们管",  # what it said
        "楼道里堆满杂物，消防也来过了，还是没人管",  # it came already
        "派出所也找了，城管也问了，都说去找物业",  # where the caller went
        "孩子在学校被打了，老师也没告诉家长",  # no unit named
    ],
)
def test_a_reporting_also_asks_no_unit(text: str) -> None:
    assert asked_besides(_compact(text), "education") == ()


def test_the_lead_itself_is_not_its_own_assist() -> None:
    assert asked_besides(_compact("派出所也多来转转"), "public_security") == ()
    assert asked_besides(_compact("派出所也多来转转"), None) == ()


def test_a_lost_old_man_is_routed_with_the_police_assisting(router: Router) -> None:
    got = router.suggest(
        "我妈有老年痴呆，上礼拜自己走丢了，找了一宿。建议社区给这样的老人登个记，"
        "派出所那边也留一份照片"
    )
    assert got.department == "civil_affairs"
    assert [u for u, _ in got.assisting] == ["public_security"]
    assert "也一并处理" in got.assisting[0][1]
