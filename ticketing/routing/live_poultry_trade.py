"""The live-poultry trade at a market: the market regulator's, not the birds' unit nor the
street's. No I/O.

Live poultry sold and slaughtered at a market, a fair or a stall — where it may be bought,
its slaughter beside the vegetables, its stalls to be kept apart, the ban on the trade and
its transition (活鸡能上哪买, 就在菜摊旁边杀鸡 鸡毛鸡血淌一地, 建议把活禽宰杀单独隔开,
禁止活禽交易 有没有过渡期) — is told with the birds' words (鸡, 禽) that the classifier learnt as
agriculture's and the dirt's (脏, 一地) it learnt as urban management's. The catalogue gives
the trade in the market to the market regulator (农贸市场, 食品安全).

Counted on the retired labels of rounds 2–30 (bench/RESULTS.md, canteen30): live poultry
named with its sale, slaughter or trade, with no bird dying, no one ill and no pitch on the
road, 8 of 8 market supervision (round 2 1, round 10 1, round 30 6).

Not read, where the retired labels give another unit: the birds in the cage dying or a
bird disease feared (笼子里死了好几只, 鸡瘟: agriculture 2, health 1 where the seller is ill too);
buyers ill after a bird bought (发烧, 禽流感: health 3 of 3, not read as anything here); the
cages in the road (卖活鸡的把鸡笼摆在马路中间: transport 1, its road). Of 14 lines naming live
poultry, 8 are read.
Counted and not built beside it: live young animals or wild birds sold from a roadside, a
tricycle or a school gate (round 30 only): urban management 4 where the pitch is told, market
supervision 1 where only the goods are (鸡崽子 买回去两天死一半, at a fair) — too few to read the
goods from the pitch.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import both_words
from hotline.ticketing.routing.reading import Reading

MARKET_UNIT = "market_supervision"
FARM_UNIT = "agriculture"
CITY_UNIT = "urban_management"

_LIVE_POULTRY = re.compile(r"活禽|活鸡|活鸭|活鹅|卖鸡的|杀鸡")
# The trade: sold, bought, slaughtered, a stall, a market, a wholesale trade or its ban.
_TRADE = re.compile(r"卖|买|宰杀|杀鸡|摊|市场|早市|大集|集上|批发|交易")
# Another unit's matter: birds dying or diseased (agriculture), people ill (health), the
# cages on the road (the road's or the street's).
_NOT_THE_TRADE = re.compile(
    r"死了|死鸡|死的|病鸡|病死|鸡瘟|禽流感|发烧|高烧|咳嗽|拉肚子|上吐下泻|住院"
    r"|马路|道边|路边|路中间|人行道|占道|堵着"
)


def live_poultry_readings(text: str) -> list[Reading]:
    """The market regulator over agriculture and urban management where live poultry's sale,
    slaughter or trade at a market is told with no bird dying, no one ill and no road;
    the reading's words and the units whose words set the scene."""
    words = "" if _NOT_THE_TRADE.search(text) else both_words(_LIVE_POULTRY, _TRADE, text)
    return [(MARKET_UNIT, words, (FARM_UNIT, CITY_UNIT))] if words else []
