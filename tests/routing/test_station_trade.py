"""A filling station's price or its pump measuring more than the tank holds (duty_trade.py,
`station_trade`) is the market regulator's (价格, 计量), not the emergency bureau's station;
bulk fuel sold in drums beside the station, or a hazard next to it, is not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.duty_trade import MARKET_UNIT, station_trade, trade_readings


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("镇上那个加油站 柴油一升比县里贵好几毛 有人管没有", "一升比县里贵"),
        ("加油站的油价比别处贵一块多", "油价"),
        ("加油站明码标价七块八 结账按八块二算的", "明码标价"),
        ("在加油站加了六十升 我这车油箱才五十升", "油箱才"),
        ("加油站加满一箱 比平常多出七八升 油箱根本装不下", "油箱根本装不下"),
        ("夜里去加油站加了两百块钱的 油表没动几格 肯定做手脚了", "油表没动"),
        # the short measure read before (油尺一量 少了两百升) still is
        ("码头加油站给渔船加的柴油我一量少了一百多升", "加油站"),
    ],
)
def test_a_stations_price_or_measure_is_read(text: str, words: str) -> None:
    assert station_trade(_compact(text)).startswith(words)
    readings = {u: s for u, _, s in trade_readings(_compact(text))}
    assert "emergency" in readings[MARKET_UNIT]
    assert any(o.unit == MARKET_UNIT for o in duty_objects(_compact(text)))


@pytest.mark.parametrize(
    "text",
    [
        # bulk fuel sold from drums beside the station, cheaper: the emergency bureau's
        "加油站旁边有人拿塑料桶卖散装汽油 一升比加油站便宜一块",
        # fireworks sold next to the station
        "加油站边上搭棚子卖鞭炮 一挂比超市贵好几毛",
        # a station named only as a place
        "我们把走丢的老人扶到加油站里了 麻烦来人接一下",
        # a price told without a station
        "小区门口超市的油比别处贵一块多",
    ],
)
def test_bulk_fuel_a_hazard_or_a_mere_place_is_not_read(text: str) -> None:
    assert station_trade(_compact(text)) == ""


@pytest.mark.parametrize(
    "text",
    [
        "镇上那个加油站 柴油一升比县里贵好几毛 这合理吗",
        "在国道边加油站加满了一箱 加进去六十多升 我这车油箱才五十升 他们的加油机有问题",
    ],
)
def test_the_market_regulator_leads_end_to_end(router: Router, text: str) -> None:
    assert router.suggest(text).department == MARKET_UNIT
