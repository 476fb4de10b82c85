"""The live-poultry trade at a market (live_poultry_trade.py): where live birds are sold,
slaughtered beside the vegetables or banned is the market regulator's, the birds and the
dirt only the scene; birds dying, buyers ill and cages in the road are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.live_poultry_trade import live_poultry_readings


@pytest.mark.parametrize(
    "text",
    [
        "菜市场里卖活鸡的就在卖豆腐的旁边现杀，血水流一地",
        "听说明年开始不让卖活禽了，我们这些开鸡鸭摊的以后咋办",
        "建议早市把活禽宰杀挪到最里头单独一块",
        "现在还能上哪买活鸭",
    ],
)
def test_the_live_poultry_trade_is_read_over_the_birds(text: str) -> None:
    (reading,) = live_poultry_readings(text)
    assert reading[0] == "market_supervision"
    assert set(reading[2]) == {"agriculture", "urban_management"}
    assert any(o.unit == "market_supervision" and not o.setting_counts for o in duty_objects(text))


@pytest.mark.parametrize(
    "text",
    [
        # the birds dying: an animal disease feared, agriculture's
        "集上卖活鸡的笼子里死了一半，他还接着卖，是不是鸡瘟",
        # the buyers ill: health's
        "在市场买了只活鸡当场杀的，回家一家人都发烧了",
        # the cages in the road
        "卖活鸡的把笼子摆在马路中间，车都过不去",
        # poultry raised, not traded
        "我家院里养了十几只鸡，邻居嫌吵",
    ],
)
def test_other_matters_with_live_poultry_are_not_read(text: str) -> None:
    assert live_poultry_readings(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # the dirt read as the street's without the reading
        "早市卖活鸡的就在地上杀鸡 鸡血鸡毛一地 没人管吗",
        # the stallholders' future read as a job's without it
        "听说明年开始不让卖活禽了，我们这些开鸡鸭摊的以后咋办",
    ],
)
def test_the_router_follows_the_live_poultry_trade(rules_only_router: Router, text: str) -> None:
    assert rules_only_router.suggest(text).department == "market_supervision"


def test_the_shipped_router_reads_where_to_buy_live_poultry(router: Router) -> None:
    # Without the reading no unit is suggested.
    assert router.suggest("现在还能上哪买活鸭").department == "market_supervision"
