"""A request closing on a choice asked (this or that, yes or no) that asks nothing done is a
consult; 还是 meaning "still", which office to go to, an ask to come or do, a demand are not."""

from __future__ import annotations

import re

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.closing_choice import closing_choice


def _compact(text: str) -> str:
    return re.sub(r"[^\w]", "", text)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("下水管子走我家厨房 裂了 算我家的还是物业的", "算我家的还是物业的"),  # speech
        ("车库顶渗水了，是开发商修还是物业修？", "是开发商修还是物业修"),
        ("我们两户合用一个电表 电费一家交还是两家分开交", "电费一家交还是两家分开交"),
        ("我家跟我哥家一个院 想分两个户口 能办不", "能办不"),  # yes/no said …不
        ("燃气表 手机上能充不", "手机上能充不"),
        ("我六十了 那个公益岗还能报不啊", "那个公益岗还能报不啊"),
    ],
)
def test_a_closing_choice_with_nothing_asked_done_is_read(text: str, question: str) -> None:
    assert closing_choice(text, _compact(text)) == question


@pytest.mark.parametrize(
    "text",
    [
        "门口的雪三天没人扫，到现在还是冰。",  # 还是 = still
        "工地说马上盖网，一个月了还是光着",
        "烧烤摊的烟往我家灌，这事找城管还是找环保？",  # which office: the grievance's
        "管子是漏了还是堵了我也不懂 能来个人看看不",  # asks someone to come: help
        "暖气不热 能给修修不",
        "弃管楼垃圾没人收 社区能管不",  # a demand to act
        "交的是商业电价还是居民电价？多收的要求退回来。",  # a demand
        "还是那样，没人管。",
        "雪都化了，还不",  # 还不: "not yet", no question
    ],
)
def test_still_which_office_an_ask_or_a_demand_is_not_read(text: str) -> None:
    assert closing_choice(text, _compact(text)) == ""


def test_the_router_types_a_fault_closed_by_whose_it_is_a_consult(router: Router) -> None:
    # Without the reading the fault (坏了) makes it help.
    assert router.suggest("电表箱坏了 电业局修还是物业修").category == "consult"


def test_the_router_types_a_fault_with_a_call_to_come_help(router: Router) -> None:
    text = "楼顶防水层坏了 下雨往我家渗 能派人来看看不"
    assert router.suggest(text).category == "help"
