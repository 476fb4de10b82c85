"""Wages owed are the workers' own loss, a complaint, even where the boss's men then shoved
them (wages_owed.py); a report named (举报) stays a report."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing.phonetic import TextSound
from hotline.ticketing.routing.suggest import Router
from hotline.ticketing.routing.text import chunks
from hotline.ticketing.routing.wages_owed import report_to_complaint, wages_owed


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("工地老板拖欠我们三个月工资", "拖欠我们三个月工资"),
        ("干了两个月说是试用期不给工钱", "不给工钱"),
        ("几十个工人到门口要工钱老板找人来推搡", "要工钱"),
        ("厂里的工资半年没发了", "工资半年没发"),
    ],
)
def test_wages_owed_are_read(text: str, words: str) -> None:
    assert wages_owed(text) == words


@pytest.mark.parametrize(
    "text",
    [
        # Wages named, none owed.
        "请问今年最低工资标准是多少",
        "社区副主任的亲戚光领工资不上班",
        "厂里不签合同也不交社保",
    ],
)
def test_no_wages_owed_are_read(text: str) -> None:
    assert wages_owed(text) == ""


def test_the_report_share_moves_to_the_complaint() -> None:
    moved = report_to_complaint({"report": 0.5, "complaint": 0.2, "consult": 0.3})
    assert moved == pytest.approx({"complaint": 0.7, "consult": 0.3})


@pytest.mark.parametrize(
    "said",
    [
        "熊岳一个工地 二十多个工人去要工钱 老板叫了几个人来推推搡搡 还把一个工友打伤了",
        "芦屯那个养殖场 招我们干了俩月 一分工钱没给 老板电话也不接了",
    ],
)
def test_routed_end_to_end_as_a_complaint(router: Router, said: str) -> None:
    assert router.suggest(said).category == "complaint"


def _type_with_a_report_leaning_classifier(router: Router, said: str) -> str:
    """The type where the classifier leans to the report (as one trained on the retired
    sets did on 推搡, 打伤: r29_assist:3), the cues heard as `Router.suggest` hears them."""
    compact = said.replace(" ", "")
    leaning = {"report": 0.8, "complaint": 0.2}
    return router._rules.category(compact, TextSound(chunks(said)), leaning).category


def test_wages_owed_outweigh_a_classifier_leaning_to_the_report(router: Router) -> None:
    said = "芦屯那个工地 几十个工人到门口要工钱 老板找了几个人来推搡 还打伤了一个"
    assert _type_with_a_report_leaning_classifier(router, said) == "complaint"


def test_a_named_report_stays_a_report(router: Router) -> None:
    said = "我举报一个劳务公司 扣着工人的身份证 不给工钱还不让走"
    assert router.suggest(said).category == "report"
    assert _type_with_a_report_leaning_classifier(router, said) == "report"
