"""Meat sold or served with its papers, its source or its spoilage in doubt (meat_sold.py):
the market regulator's, the animal's words only the scene; livestock slaughter, dead animals
collected with no meat named and meat told with nothing in doubt are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.meat_sold import meat_sold_readings


@pytest.mark.parametrize(
    "text",
    [
        "集上那个卖牛肉的，肉上一个检疫章都没有，问他说是自己家杀的",
        "小区门口新开了家狗肉馆，一点手续都没有",
        "那个熟食店的猪头肉颜色发暗，怕是病死猪做的",
        "早市上的鸡肉摊没有营业执照，天天摆着卖",
    ],
)
def test_the_meat_in_doubt_is_read_over_the_animal(text: str) -> None:
    (reading,) = meat_sold_readings(text)
    assert reading[0] == "market_supervision"
    assert reading[2] == ("agriculture",)
    assert any(o.unit == "market_supervision" and not o.setting_counts for o in duty_objects(text))


@pytest.mark.parametrize(
    "text",
    [
        # livestock slaughtered privately: agriculture's slaughter supervision
        "村里有人私自宰牛卖牛肉，牛都是病死的，没有检疫",
        # dead animals collected, no meat named
        "有人开着三轮挨村收病死猪，也不知道拉哪去了",
        # meat with nothing in doubt: a scale, a price
        "菜市场卖猪肉的秤不准，二斤少了三两",
    ],
)
def test_other_matters_with_meat_are_not_read(text: str) -> None:
    assert meat_sold_readings(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # no unit suggested without the reading
        "集上那个卖牛肉的，肉上一个检疫章都没有，问他说是自己家杀的",
        # the housing estate's words led without it
        "小区门口新开了家狗肉馆，一点手续都没有，笼子里的狗都是偷来的吧",
    ],
)
def test_the_router_follows_the_meat_in_doubt(rules_only_router: Router, text: str) -> None:
    assert rules_only_router.suggest(text).department == "market_supervision"
