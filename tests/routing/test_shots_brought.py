"""Vaccination brought to people who cannot go for it (shots_brought.py), read through
institution_illness.py: the health side asked over the care home's or the school's body."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.institution_illness import institution_readings
from hotline.ticketing.routing.shots_brought import shots_brought


@pytest.mark.parametrize(
    "text",
    [
        "希望卫生院能上门给敬老院的老人打流感疫苗 院里好多老人下不了楼",
        "我们屯老人多 肺炎疫苗能不能让大夫到村里来打 镇上太远了",
        "建议流感疫苗在学校统一打 家长一个个请假带去排队太折腾",
        "我爸瘫在床上出不了门 带状疱疹疫苗能不能上门给打",
    ],
)
def test_shots_brought_or_given_together_asked_are_read(text: str) -> None:
    assert shots_brought(text)


@pytest.mark.parametrize(
    "text",
    [
        # A body's own promise told as not kept: the area's (2 of 2).
        "社区说要上门给卧床老人打流感疫苗 登记完一个月了 啥时候来",
        # A pet's or a herd's shots: agriculture's.
        "村里能不能统一给狗打狂犬疫苗 散养的狗太多了",
        # Shots brought, nothing asked: a report of what happened.
        "上礼拜卫生院的大夫上门给我妈打了流感疫苗",
        # Asked, but no vaccine.
        "能不能派个医生上门给养老院的老人量量血压",
    ],
)
def test_no_reading_for_a_promise_an_animal_or_no_ask(text: str) -> None:
    assert shots_brought(text) == ""


def test_the_care_homes_shots_asked_are_healths_not_civil_affairs() -> None:
    # Before round 28 the care home's reading gave this civil affairs (流感 is an illness word).
    text = "希望流感疫苗能上门给养老院的老人打 好多老人都走不动道"
    assert [r[0] for r in institution_readings(text)] == ["health"]
    # The home's own round of shots asked about stays civil affairs' (its conduct).
    text = "养老院说统一给老人打流感疫苗 签字两个月了 还打不打"
    assert [r[0] for r in institution_readings(text)] == ["civil_affairs"]


@pytest.mark.parametrize(
    "text",
    [
        "希望流感疫苗能上门给养老院的老人打 好多老人都走不动道",
        "敬老院八十多个老人 今年的流感疫苗能不能请医生上门集中打",
    ],
)
def test_a_routed_request_for_shots_brought_leads_to_health(router: Router, text: str) -> None:
    assert router.suggest(text).department == "health"
