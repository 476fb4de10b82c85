"""The shore's matters whose unit is not the beach's: sea farms, the tide, fees, fireworks. No I/O.

Round 35's blind misses sent the shore's requests to whichever unit's words the beach is full
of: a sea farm's die-off to the environment bureau, people caught by the tide to culture and
tourism, a beach's tent fee to the town, fireworks sold from a beach stall to urban
management's street stalls. Each reading below was counted on the retired labels of rounds
2–35 (bench/RESULTS.md, "Round 35, after the measurement (shore35)"):

- a sea farm's stock dying or sick (海参圈 … 化皮死了一大片, 扇贝筏子 … 大片死, 对虾池子得了白斑病)
  with no factory told: 渔业 / 水产养殖, agriculture's (7 of 7, rounds 20, 22, 30, 35); with a
  factory's discharge told (厂子往沟里排黑水) the four retired lines are the environment
  bureau's, a seller's tank (卖活海参的) the market regulator's, a power cut the power
  company's — not read;
- people caught on rocks by the rising tide (涨潮了 … 困在礁石上, 被潮水困住): 自然灾害 /
  应急救援, the emergency bureau's (3 of 3, rounds 13 and 35); a bathing beach's own rocks
  (海水浴场 … 立块牌子, r31_written:98) are culture and tourism's and not read;
- a fee to enter a beach, a bathing beach, to pitch a tent or to dig on the flats (沙滩 支个帐篷
  还得交五十, 浴场 … 门票, 赶海一人交三十, a shower's 收五块): 海水浴场 / 景区, culture and
  tourism's
  (10 of 10, rounds 13, 17, 22, 35); a car park's, a public toilet's or a bus's fee, the
  price regulator asked (r17_written:50, the market regulator's), or a price's standard, its
  posting or a licence asked (duty_object.tourist_price's) is not read;
- fireworks sold, or a fireworks stall (沙滩上有人摆摊卖烟花, 卖烟花的摊子): 烟花爆竹经营,
  the emergency bureau's (35 of 35, 17 rounds), whatever beach or street the stall is on.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import both_words
from hotline.ticketing.routing.price_supervision import PRICE_OR_LICENCE
from hotline.ticketing.routing.reading import AREA_UNITS, Reading

FARM_UNIT = "agriculture"
HAZARD_UNIT = "emergency"
TOURISM_UNIT = "culture_tourism"
ENVIRONMENT_UNIT = "environment"
CITY_UNIT = "urban_management"
MARKET_UNIT = "market_supervision"

_SEA_FARM = re.compile(r"海参圈|参圈|海参池|海参|扇贝|筏子|鲍鱼|蛤蜊|海带|虾池|对虾")
_STOCK_LOST = re.compile(r"化皮|吐肠|化了|得了?[^。！？]{0,4}?病|[大片全一]*死|浮头")
# A factory's discharge (the environment bureau's), a seller's stock (the market
# regulator's), a power cut (the power company's), a storm's breach (farm_loss_ask.py's).
_NOT_FARM_LOSS = re.compile(
    r"厂|公司|企业|卖|市场|超市|停电|来电|电[^。！？]{0,2}?停|台风|风暴潮|大风"
)

_TIDE = re.compile(r"涨潮|潮水|潮上来|潮涨")
_CAUGHT = re.compile(r"困在|被困|困住|围在|下不来|回不来|上不来")
# A bathing beach's own rocks and signs are culture and tourism's.
_BATHING_BEACH = re.compile(r"浴场")

_SHORE_PLACE = re.compile(r"沙滩|海滩|浴场|帐篷|赶海")
_SHORE_FEE = re.compile(
    r"门票|收费|收钱|收[^。！？]{0,2}?[一二两三四五六七八九十百\d]+[块元]"
    r"|交[^。！？]{0,3}?[一二两三四五六七八九十百\d]+|免费"
)
# A car park's, a public toilet's, a bus's or a jet-ski ride's fee, or the price regulator asked
# (物价部门, r17_written:50), is another unit's matter; so is a price's standard or posting or a
# licence asked (price_supervision.PRICE_OR_LICENCE: duty_object.tourist_price's, the market
# regulator's — none of the ten lines read here names one).
_NOT_SHORE_FEE = re.compile(r"停车|公厕|厕所|公交|摩托|快艇|罚|物价")

_FIREWORKS_SOLD = re.compile(
    r"卖[^。！？]{0,2}?(?:烟花|鞭炮|爆竹)"
    r"|(?:烟花|鞭炮|爆竹)[^。！？]{0,4}?(?:摊|棚子)|摊[^。！？]{0,4}?(?:烟花|鞭炮|爆竹)"
)


def sea_farm_loss(text: str) -> str:
    """The words telling a sea farm's stock dying or sick, no factory or seller told, or ""."""
    if _NOT_FARM_LOSS.search(text):
        return ""
    return both_words(_SEA_FARM, _STOCK_LOST, text)


def tide_caught(text: str) -> str:
    """The words telling people caught by the rising tide, not at a bathing beach, or ""."""
    if _BATHING_BEACH.search(text):
        return ""
    return both_words(_TIDE, _CAUGHT, text)


def shore_fee(text: str) -> str:
    """The words telling a fee to enter a beach or pitch a tent on it, or ""."""
    if _NOT_SHORE_FEE.search(text) or PRICE_OR_LICENCE.search(text):
        return ""
    return both_words(_SHORE_PLACE, _SHORE_FEE, text)


def fireworks_sold(text: str) -> str:
    """The words telling fireworks sold or a fireworks stall, or ""."""
    found = _FIREWORKS_SOLD.search(text)
    return found.group(0) if found else ""


def shore_readings(text: str) -> list[Reading]:
    """Each shore matter read in the compact text, with its unit and its setting's units."""
    readings: list[Reading] = [
        (FARM_UNIT, sea_farm_loss(text), (ENVIRONMENT_UNIT, CITY_UNIT)),
        (HAZARD_UNIT, tide_caught(text), (TOURISM_UNIT, CITY_UNIT)),
        (TOURISM_UNIT, shore_fee(text), (MARKET_UNIT, CITY_UNIT, *AREA_UNITS)),
        (HAZARD_UNIT, fireworks_sold(text), (CITY_UNIT, MARKET_UNIT, TOURISM_UNIT)),
    ]
    return [r for r in readings if r[1]]
