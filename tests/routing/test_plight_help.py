"""Someone in danger or without a necessity now, told by whoever fears for them, is help
(plight_help.py), whatever grievance is told on the way; the near misses are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.plight_help import (
    alone_unreached,
    dependent_cut,
    plight_help,
    water_undrinkable,
)

from tests.fixtures.routing import rule_category

# A classifier that reads the blame told on the way as a grievance.
READS_A_GRIEVANCE = {"complaint": 0.9, "help": 0.05, "consult": 0.05}


@pytest.mark.parametrize(
    "text",
    [
        "我妈一个人住在望海街道，从昨天打电话就没人接，求社区去家里看一眼",
        "楼上独居的老爷子三天没见着人了 敲门也没动静",
        "我爸自己住在红旗镇，台风以后一直联系不上",
    ],
)
def test_someone_alone_who_cannot_be_reached_is_read(text: str) -> None:
    assert alone_unreached(text.replace(" ", ""))


@pytest.mark.parametrize(
    "text",
    [
        "包工头跑了 电话也不接 欠我们三个月工钱",  # a boss gone: no one alone in danger
        "我一个人在家带孩子，社区电话总没人接，办个证跑了三趟",  # alone, but the office unanswered
        "我妈一个人住，身体挺好，就是想问问老年证在哪办",  # alone, reached
    ],
)
def test_no_one_alone_and_unreached(text: str) -> None:
    assert alone_unreached(text.replace(" ", "")) == ""


def test_the_office_unanswered_is_still_read_only_with_someone_alone() -> None:
    assert alone_unreached("包工头跑了电话也不接欠我们三个月工钱") == ""
    assert alone_unreached("我妈一个人住电话也不接") == "一个人住…电话也不接"


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("家里老人用制氧机 停电一上午了", True),
        ("楼上大爷瘫在床上，停水两天了，一口水都没有", True),
        ("停电一上午了 冰箱里的肉都化了", False),  # no one depends on it to live
        ("我爸瘫在床上，想问问残疾证怎么办", False),  # no supply cut
    ],
)
def test_a_cut_is_read_where_someone_depends_on_it(text: str, read: bool) -> None:
    assert bool(dependent_cut(text.replace(" ", ""))) is read


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("自来水一股子铁锈味 老人孩子都不敢喝", True),
        ("放出来的水跟黄汤子似的，根本没法喝", True),
        ("水放出来浑得跟泥汤似的 这能不能喝", False),  # a question whether it is safe
        ("大夫说他这病不能喝酒", False),  # no water
    ],
)
def test_water_not_drunk_is_read_not_the_question(text: str, read: bool) -> None:
    assert bool(water_undrinkable(text.replace(" ", ""))) is read


def test_a_need_found_by_the_caller_is_a_plight() -> None:
    assert plight_help("超市停车场有台车里头关着条狗大太阳底下晒一个多小时了")


@pytest.mark.parametrize(
    "text",
    [
        # The blame on the way (说他们不管, 让等着, 没人来) is no grievance to judge.
        "在海边浴场捡着个走丢的小男孩 问啥都不说 救生员说他们不管这个",
        "我替楼上瘫在床上的大爷说 他用制氧机 这片停电一上午了 物业说让等着",
        "商场停车场一台车里锁着条狗，太阳这么晒，狗一直喘，车主找不着，广播喊了也没人来",
        "我们村几户人家的自来水一股子铁锈味 跟黄汤子似的 老人孩子都不敢喝",
        "我在外地，我妈一个人住在海星街道，电话打了一天都没人接，邻居说好几天没见着人了",
    ],
)
def test_the_rules_type_a_plight_help_over_a_classifier_reading_blame(
    router: Router, text: str
) -> None:
    assert rule_category(router, text, READS_A_GRIEVANCE, text) == "help"


def test_a_grievance_about_repeated_cuts_without_a_plight_is_not_read(router: Router) -> None:
    text = "这个月已经停水五次了，每次都没有通知，请给个说法"
    assert plight_help(text) == ""
    assert rule_category(router, text, READS_A_GRIEVANCE, text) == "complaint"


def test_a_plight_closing_on_where_to_look_asks_a_question() -> None:
    # The caller asks where the cut schedule is published, no one to come: a consult's.
    text = "我姥姥晚上得用制氧机，那边老停电，停电计划在哪儿能查到？"
    assert dependent_cut(text)
    assert plight_help(text) == ""


def test_the_router_types_a_child_found_on_the_beach_help(router: Router) -> None:
    text = "在望海那边的浴场捡着个走丢的小丫头 三四岁 问啥都不说 救生员说他们不管这个"
    got = router.suggest(text)
    assert (got.department, got.category) == ("public_security", "help")
