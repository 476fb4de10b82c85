"""Meat sold or served with its papers or its animal's health in doubt: the market
regulator's, not the animal's unit. No I/O.

A stall's, a restaurant's or a workshop's meat told without a quarantine stamp or a licence,
or as from animals that died of disease (猪肉没检疫章, 收的病死猪 便宜卖, 狗肉 啥手续都没有 怕是
药死的狗, 驴肉馆没有执照) is told with the animal's words (检疫, 病死, 猪瘟) that the classifier
learnt as agriculture's. The catalogue gives food on sale and its safety to the market
regulator (食品安全, 无照经营), and the retired labels agree where the meat is what is sold.

Counted on the retired labels of rounds 2–30 (bench/RESULTS.md, canteen30): a named meat
(猪肉, 羊肉, 狗肉, 熟食, 羊汤 …) with its papers, its source or its spoilage told, 14 of 15
market supervision (rounds 2–25 8 of 9, round 30 6 of 6). The one agriculture line has cattle
slaughtered privately (私自宰牛 … 请农业农村局查病牛来源): livestock slaughter and the dead
animals' source are agriculture's, so a slaughter told is not read; neither are dead animals
collected with no meat named (收病死猪 … 拉去卖肉, 收病死的羊 拉出去卖: agriculture 2 of 2).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import both_words
from hotline.ticketing.routing.reading import Reading

MARKET_UNIT = "market_supervision"
FARM_UNIT = "agriculture"

_MEAT = re.compile(r"(?:猪|牛|羊|狗|鸡|驴)肉|肉串|熟食|猪头肉|肘子|羊汤|卤肉|肉馅")
# Its papers, its source or its spoilage.
_IN_DOUBT = re.compile(
    r"检疫|病死|死猪|死羊|死牛|病牛|药死|手续|执照|来路|哪来的|发暗|发粘|猪瘟|注水"
)
# Livestock slaughtered: the slaughter's supervision and the animals' source, agriculture's.
_SLAUGHTER = re.compile(r"私宰|私自宰|屠宰|宰牛|宰猪|宰羊")


def meat_sold_readings(text: str) -> list[Reading]:
    """The market regulator over agriculture where meat sold or served is told with its
    papers, its source or its spoilage in doubt and no slaughter; the reading's words and
    the unit whose words set the scene."""
    words = "" if _SLAUGHTER.search(text) else both_words(_MEAT, _IN_DOUBT, text)
    return [(MARKET_UNIT, words, (FARM_UNIT,))] if words else []
