"""Several people ill together and someone asked to come and look: help's ask; a tour group
ill with the health side asked: health's, not the travel agency's."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.ill_group_look import ill_group_look, tour_group_ill


@pytest.mark.parametrize(
    "text",
    [
        "我们是从沈阳来的旅行团，住了两天，团里三十来人有十个发烧咳嗽，导游还要拉着去景区，想请卫生部门来看看",
        "那家敬老院这几天七八个老人一块发烧咳嗽，院里不让家属进，也不说是啥病，想请卫健的人去看看",
        "工地板房一屋十个人 倒了六个 都发高烧 你们派个大夫来看看吧",
    ],
)
def test_a_group_ill_with_a_look_asked_is_read(text: str) -> None:
    assert ill_group_look(text)


@pytest.mark.parametrize(
    "text",
    [
        "孩子发烧三十九度，想去发热门诊看看，几家医院晚上开？",  # the caller going to a clinic
        "村里好几户的猪发烧不吃食，兽医站能不能派人来看看",  # livestock: the vet's
        "山上有人烧纸，冒烟了，好几个人都呛得咳嗽，赶紧派人来看看",  # a fire, not illness
        "车间里好几个人发烧咳嗽，领导还让加班。",  # no one asked to come
    ],
)
def test_no_group_ill_or_no_look_asked_is_not_read(text: str) -> None:
    assert ill_group_look(text) == ""


def test_a_tour_group_ill_with_health_asked_is_read() -> None:
    text = "我们跟团来的，团里二十来人有八个发烧嗓子疼，导游照样带着走，请卫生部门派人来看看"
    assert tour_group_ill(text)


def test_a_tour_group_ill_with_no_health_side_asked_is_not_read() -> None:
    text = "跟团来海边，团里七八个人同时发烧咳嗽，导游照样带着去景区，要退团也不让退。"
    assert tour_group_ill(text) == ""


def test_the_router_sends_a_tour_group_ill_to_health(router: Router) -> None:
    text = "旅行团住在山上的农家院，好几个人上吐下泻还发烧，导游说是水土不服，想请卫生的来看看"
    assert router.suggest(text).department == "health"


def test_the_rules_type_a_care_home_ill_with_a_look_asked_help(rules_only_router: Router) -> None:
    # The handling told (不让家属探视, 也不说是什么病) drew the rules to the complaint.
    text = (
        "镇上那家养老院这几天十几个老人同时发烧咳嗽，院里不让家属探视也不说是什么病，"
        "我母亲在里面，想请卫生部门去看看"
    )
    assert rules_only_router.suggest(text).category == "help"
