"""A violation told (violation_told.py): a covert, unlicensed or gambling act is reported
whoever it harmed — the caller's own family harmed or spoken for no longer turns it into a
complaint (harm.py) — unless the violator refused the caller a remedy."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing.harm import caller_harmed
from hotline.ticketing.routing.suggest import Router
from hotline.ticketing.routing.violation_told import violation_told

from tests.fixtures.routing import rule_category


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("我是替我爸打的他在集上买的暖风机一插就冒烟那人天天在集上卖也没个执照", "没个执照"),
        ("我舅在一个小作坊干活做鞭炮的连个证都没有", "证都没有"),
        ("村口有人摆摊卖降压药没批号我妈吃了直迷糊", "没批号"),
        ("禁渔期还有船半夜偷偷下网我家老爷子看着干着急", "偷偷"),
        ("我家孩子跟同学去网吧网吧让未成年人进", "未成年"),
        ("楼上那家天天聚一帮人赌钱", "赌"),
        # A remedy refused to the caller: the violator wronged them, a complaint.
        ("我爸在一个没执照的诊所打针起了一身疙瘩找他他不认账", ""),
        ("我家孩子在网吧充了三百网吧不给退未成年他们也收", ""),
        # No such act told: a shed built without leave is not among them (私自), nor a wrong
        # the caller was done by a licensed shop.
        ("邻居在楼顶私自搭了个彩钢房挡我家窗户", ""),
        ("我替我姥爷说他在药店买的降压药过期了", ""),
    ],
)
def test_violation_told(text: str, words: str) -> None:
    assert violation_told(text) == words


@pytest.mark.parametrize(
    "text",
    [
        "我是替我妈打的她在集上买的电暖气插上就冒烟那人天天在集上卖也没个执照",
        "我爸在一个小作坊上班做鞭炮的连个证都没有屋里全是火药",
        "我家孩子跟同学去网吧网吧让未成年人进还让包宿",
    ],
)
def test_the_family_harmed_by_a_violation_is_not_the_callers_own_grievance(text: str) -> None:
    assert caller_harmed(text) == ""


def test_the_family_harmed_by_a_refusal_still_is() -> None:
    assert caller_harmed("我妈在一个没执照的诊所打针起了疙瘩找他他不认账") == "我妈"


# A classifier leaning to report, as it does on an unlicensed seller or a covert act.
LEANS_REPORT = {"report": 0.6, "complaint": 0.3, "help": 0.1}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我是替我妈打的 她在集上买的电暖气 插上就冒烟 那人天天在集上卖 也没个执照", "report"),
        ("禁渔期还有船半夜偷偷下网 我家老爷子打了一辈子鱼 看着揪心", "report"),
        # The same family harmed with no violation told: the complaint (harm.py).
        ("我是替我妈打的 她在集上买的电暖气 插上就冒烟 那人天天在集上卖", "complaint"),
    ],
)
def test_a_violation_told_for_the_family_is_reported(
    rules_only_router: Router, text: str, expected: str
) -> None:
    assert rule_category(rules_only_router, text, LEANS_REPORT) == expected


@pytest.mark.parametrize(
    "said",
    [
        "我是替我奶奶打的 村里有个人没有执照 在家给人打针挂水 我奶奶挂了两天水 起了一身红疙瘩",
        "我是替我爸打的 他在集上买的暖风机 一插就冒烟 那人天天在集上卖 也没个执照",
    ],
)
def test_routed_end_to_end_as_a_report(router: Router, said: str) -> None:
    # Both were complaints before: the family harmed moved half the report's share.
    assert router.suggest(said).category == "report"
