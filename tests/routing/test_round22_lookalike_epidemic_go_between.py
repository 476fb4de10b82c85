"""Round 22: area names written with a look-alike character (红族镇, 望诲那边) where a place is
expected; the epidemic flag on notifiable diseases named (钩端螺旋体, 伤寒) and on a body
hiding its fever cases; the type of an ask that the hotline go between (帮着联系, 递个话).

Cases are of our own wording, each with a look-alike that keeps its answer."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.place_lookalike import PlaceLookalikes, variants

AREAS = {"红旗": "hongqi", "红旗镇": "hongqi", "望海": "wanghai", "熊岳": "xiongyue"}


def _no_word(_: str) -> bool:
    return False


def test_variants_swap_one_character_for_a_look_alike() -> None:
    assert {"红族", "红旅", "江旗"} <= variants("红旗")
    assert "望诲" in variants("望海")
    assert "族旅" not in variants("红旗")  # one character at a time


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("红族镇那边有个厂子往河沟里放废水", "红族"),  # a kind of place after it
        ("望诲那边的十字路口冒水", "望诲"),  # a position word after it
        ("我住能岳", "能岳"),  # a preposition before it
        ("到红旅大集上卖菜", "红旅"),  # an institution after it
    ],
)
def test_a_look_alike_where_a_place_is_expected_is_the_place(text: str, found: str) -> None:
    assert [key for _, key, _ in PlaceLookalikes(AREAS, _no_word).find(text)] == [found]


@pytest.mark.parametrize("text", ["红族的事我也说不清", "能岳父母都不在了", "望诲人不倦"])
def test_a_look_alike_elsewhere_is_no_place(text: str) -> None:
    assert PlaceLookalikes(AREAS, _no_word).find(text) == []


def test_a_look_alike_that_is_a_word_is_not_read() -> None:
    reader = PlaceLookalikes({"红海": "honghai"}, lambda w: w == "江海")
    assert reader.find("在江海那边") == []


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("红族镇那边有个砖厂雇童工", "hongqi"),
        ("望诲那边的路口地面裂开了往外冒水", "wanghai"),
    ],
)
def test_the_router_places_look_alikes(rules_only_router: Router, text: str, area: str) -> None:
    assert rules_only_router.suggest(text).area == area


@pytest.mark.parametrize(
    "text",
    [
        "在抗洪的水里泡了一天 腿上有口子 怕得钩端螺旋体 上哪查",
        "我们厂食堂有个厨师查出伤寒了 还在照常做饭",
        "我举报个小诊所 天天偷着给发烧的孩子输液 也不往上报",
        "养老院好几个老人发热 院里瞒着家属",
    ],
)
def test_notifiable_diseases_and_hidden_fevers_raise_the_flag(
    rules_only_router: Router, text: str
) -> None:
    assert rules_only_router.suggest(text).epidemic


@pytest.mark.parametrize(
    "text",
    [
        "工地上有人摔断了腿 老板瞒着不往上报 也不给算工伤",
        "村里的牛得了炭疽 死了好几头 养牛的不上报",
        "我交的低保材料社区三个月不往上报",
    ],
)
def test_hiding_without_an_illness_of_people_does_not_raise_the_flag(
    rules_only_router: Router, text: str
) -> None:
    assert not rules_only_router.suggest(text).epidemic


@pytest.mark.parametrize(
    "text",
    [
        "导游把我们扔在半道上走了 旅行社电话也不接 请你们帮着联系一下旅行社派个车",
        "村里电话一直占线 打不通 你们给镇上递个话 我们这缺抽水泵",
    ],
)
def test_an_ask_to_go_between_is_help(rules_only_router: Router, text: str) -> None:
    assert rules_only_router.suggest(text).category == "help"


def test_a_whether_question_is_read_without_a_demand_or_a_call() -> None:
    from hotline.ticketing.routing.closing_question import whether_question

    assert whether_question("明天到底上不上课啊群里说停学校说没接到通知") == "上不上"
    assert whether_question("受灾了这个算不算工伤") == "算不算"
    assert whether_question("你们能不能派人来看看") == ""  # a request, not a whether
    assert whether_question("楼道堆满杂物你们管不管") == ""  # a demand to act
    assert whether_question("店员说爱买不买") == ""  # take it or leave it: no question
    assert whether_question("会不会推迟要求退钱") == ""  # a demand
