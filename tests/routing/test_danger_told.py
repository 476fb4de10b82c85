"""A danger to others told — an accident foreseen, safety gear missing — is reported whoever
tells it, the worker among those endangered included (danger_told.py); the caller's own child
hurt, a remedy asked, a suggestion or a question are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.danger_told import danger_told
from hotline.ticketing.routing.public_wrong import public_wrong


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("仓库那个货架都歪了老板说没事早晚得出事", "早晚得出事"),
        ("拉沙子的船上二十来人出了事谁负责", "出了事谁负责"),
        ("楼顶上干活的工人没一个戴安全帽的", "没一个戴安全帽"),
        ("渔船上救生衣都没有", "救生衣都没"),
        ("清化粪池的人下去什么防护都没有", "什么防护都没"),
        ("那个野泳的水坑连个救生员都没有", "救生员都没"),
    ],
)
def test_a_danger_to_others_is_read(text: str, words: str) -> None:
    assert danger_told(text) == words
    assert public_wrong(text) == words


@pytest.mark.parametrize(
    "text",
    [
        "我家孩子在游泳馆呛水了也没有救生员我要求退费",  # the caller's own child, a remedy
        "滑雪场连个防护网都没有孩子差点撞树上",  # the caller's own child
        "从架子上掉下来厂里不发安全帽工伤也不给报",  # the caller's injury, 工伤 asked
        "建议海边浴场多配几个救生员",  # a suggestion
        "捡着个小孩问啥都不说救生员说不管",  # 啥 … 救生员: no gear missing
        "楼道里放电动车我怕着火",  # fear alone: help or a report, the labels split
    ],
)
def test_no_danger_is_read(text: str) -> None:
    assert danger_told(text) == ""


def test_a_worker_without_a_safety_belt_is_routed_as_a_report(router: Router) -> None:
    # Without the reading the classifier takes the worker's own voice for a complaint.
    said = "我在物业上班 让我们擦高层玻璃 安全带都没有 这不是拿命干活吗"
    assert router.suggest(said).category == "report"


def test_a_crew_without_life_jackets_is_routed_as_a_report(router: Router) -> None:
    # The caller's husband among the crew endangered: still the public's wrong.
    said = "我老公在渔船上干活 船上救生衣都没有 他天天出海 我这心里害怕"
    assert router.suggest(said).category == "report"


def test_the_callers_own_child_hurt_stays_a_complaint(router: Router) -> None:
    said = "带孩子去游泳馆 我家孩子呛了水 也没有救生员 我要求退费"
    assert router.suggest(said).category == "complaint"
