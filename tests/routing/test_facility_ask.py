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
    ],
)
def test_a_paper_a_call_for_help_a_demand_or_a_repair_is_not(text: str) -> None:
    assert _wish(text) == ""


def test_the_router_types_an_ask_for_a_new_facility_a_suggestion(router: Router) -> None:
    text = "体育公园那边能不能弄个公共厕所，遛弯的老人多，附近一个厕所都没有。"
    assert router.suggest(text).category == "suggestion"
