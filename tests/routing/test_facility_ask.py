"""能不能 asking that a new facility or service be provided is a suggestion's cue; a paper
for the caller, a call for help or a demand is not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.facility_ask import facility_ask
from hotline.ticketing.routing.text import normalise


def _wish(text: str) -> str:
    return facility_ask(text, normalise(text).replace(" ", ""))


@pytest.mark.parametrize(
    ("text", "wish"),
    [
        ("菜市场门口能不能弄个自行车棚？下雨天车子全淋着。", "能不能弄个"),
        ("医院门口 能否加开一趟夜班车 打车太贵了", "能否加开"),
        # A service's runs or hours asked more or moved.
        ("村里那趟公交一天就两趟 看完病赶不上回来的车 能不能多加一趟", "能不能多加一趟"),
        ("下夜班末班车早没了，能不能给工业园区开一趟夜班车", "能不能给工业园区开一趟"),
        ("垃圾车每天凌晨三点多来收，整栋楼都被吵醒，能不能改到白天收？", "能不能改到白天"),
        ("小学早上七点就让孩子到校 天还黑着 能不能改成八点", "能不能改成八点"),
    ],
)
def test_an_ask_to_provide_something_new_is_read(text: str, wish: str) -> None:
    assert _wish(text) == wish


@pytest.mark.parametrize(
    "text",
    [
        "身份证丢了，派出所能不能给开个临时证明？",  # a paper for the caller
        "孩子烧得厉害，能不能帮着加个号？",  # a call for help
        "能不能加个凳子，排了四个小时，要求医院道歉。",  # a demand
        "公园的路灯坏了，能不能派人来修？",  # a repair, nothing new
        "暖气不热，能不能改一改管道？",  # a repair, no time or run asked
        "公交车太挤了，能不能多加几趟，要求公交公司赔礼道歉",  # a demand
    ],
)
def test_a_paper_a_call_for_help_a_demand_or_a_repair_is_not(text: str) -> None:
    assert _wish(text) == ""


def test_the_router_types_an_ask_for_a_new_facility_a_suggestion(router: Router) -> None:
    text = "体育公园那边能不能弄个公共厕所，遛弯的老人多，附近一个厕所都没有。"
    assert router.suggest(text).category == "suggestion"


@pytest.mark.parametrize(
    "text",
    [
        "晚上十一点下夜班，等了四十分钟才知道末班车十点半就没了。能不能给工业园区开一趟夜班车",
        "我们这片的垃圾车每天凌晨三点多来收，哐哐往车里倒桶，整栋楼都被吵醒，能不能改到白天收？",
    ],
)
def test_the_router_types_a_run_or_hours_asked_a_suggestion(router: Router, text: str) -> None:
    assert router.suggest(text).category == "suggestion"
