"""Old people lured by a gift, a lecture or a free check and then sold to is a report
whoever lost by it; with the money asked back it is the caller's complaint."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.public_wrong import public_wrong
from hotline.ticketing.routing.sales_lure import sales_lure


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("小区门口有个店天天给老人发鸡蛋说他家保健品能治糖尿病一瓶卖九百", "发鸡蛋"),
        ("新开的药房天天拿喇叭喊老人免费量血压量完就推销上千块的药", "免费量血压"),
        ("一个保健品店天天拉老人听课我妈刚花了八千买了一箱酒", "听课"),
    ],
)
def test_a_lure_then_a_sale_is_read(text: str, words: str) -> None:
    assert sales_lure(text) == words
    assert public_wrong(text) == words


@pytest.mark.parametrize(
    "text",
    [
        "领鸡蛋那个保健品讲座把我爸那点退休金全花进去了两万多能不能给退回来",  # money asked back
        "超市买的鸡蛋打开一板五六个是臭的",  # eggs bought, no lure
        "我们村开会的时候村主任说年底分红到现在没发",  # a village meeting
        "社区有没有防诈骗讲座我妈差点被骗着买保健品",  # a talk against fraud
        "社区有没有免费量血压的地方",  # a free check, nothing sold
    ],
)
def test_no_lure_is_read_with_the_money_asked_back_or_nothing_sold(text: str) -> None:
    assert sales_lure(text) == ""


def test_a_lure_then_a_sale_is_reported(router: Router) -> None:
    text = "一个保健品店天天拉老人听课 听完领一桶油 我爸刚花了一万二买了一箱酒 这种店谁来查一查"
    suggestion = router.suggest(text)
    assert (suggestion.department, suggestion.category) == ("market_supervision", "report")
