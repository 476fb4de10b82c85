"""A dog's harm and its owner's answer asked: the police's mediation. No I/O.

Read like duty_object.py's objects (it lists them in `duty_objects`). A neighbour's dog bit
a grandchild and the neighbour pays nothing, our dog bit a courier who asks to be paid, the
neighbour's dog killed the caller's rabbits and its owner says it is none of his business:
the caller asks who answers for the dog (调解, 赔, 一分不给, 不认, 主人不管). The catalogue's
public security mediates such a dispute and holds the dog's keeper to it (养犬管理), over
the health words of the shots already paid for, the civil affairs or human resources words
the classifier learnt near 赔钱. Counted on the retired labels of rounds 2–30 (bench/RESULTS.md,
round 30 after the measurement, roads30):

- a dog's bite or kill told with its owner's answer asked (refusal, payment or mediation):
  the police's, 6 of 6 lines read (rounds 21, 28 and 30: 1, 1 and 4). One more line tells it
  with the dog by its breed (孩子被邻居家泰迪咬了…一分钱不出 请给调解一下): the street office
  the caller named, not read (the breed is not read as a dog); with it, 6 of 7 (86 %).

Not read, as the labels went elsewhere:
- a person's shot asked now (上哪打, 没货, 免疫球蛋白得等, 还用不用打): health's, 3 of 3
  among the lines with a dog's bite and its owner's refusal (rabies30's, not this reading's);
- a bite at work (送外卖, 工伤): human resources', 1 of 1;
- the dog to be shut up and watched (观察十天): agriculture's, 1 of 1.

Counted and not built: a dog kept loose or chasing people with its owner told and no bite's
answer asked (不拴绳 见人就扑, 放出来吓唬人): the police 8 of 13 (62 %): a village asked
(村里能不能管管) went to the town 2 of 2, a nursing home's or an internet café's dog to their
regulator, a campaign suggested to the street office.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import both_words
from hotline.ticketing.routing.reading import Reading

POLICE_UNIT = "public_security"
HEALTH_UNIT = "health"
RELIEF_UNIT = "civil_affairs"
LABOUR_UNIT = "human_resources"
CITY_UNIT = "urban_management"
FARM_UNIT = "agriculture"

# The dog's harm: a bite, a kill, a chase (not 狂犬 alone, the shot's word).
_DOG_HARM = re.compile(r"狗[^。！？]{0,12}?(?:咬|撵|扑)|(?:咬|撵|扑)[^。！？]{0,4}?的?狗")
# The owner's answer asked: a refusal to pay or own the dog, a payment, a mediation.
_OWNER_ANSWER = re.compile(
    r"一分[钱]?[都也]?不[给拿出]|不认账|死活不认|不承认|主人不管|跟我没关系|不归他管"
    r"|赔钱|赔多少|该赔|要我赔|调解|协商"
)
# A shot asked now, a bite at work, the dog to be watched: another unit's matter.
_NOT_THE_OWNERS = re.compile(
    r"上哪[儿]?打|哪能打|哪[儿里]还有|没货|缺货|得等|还用不用打|用不用打|该不该打"
    r"|工伤|送外卖|骑手|观察"
)


def dog_owner_answer(text: str) -> str:
    """The words telling a dog's harm and its owner's answer asked, or ""."""
    if _NOT_THE_OWNERS.search(text):
        return ""
    return both_words(_DOG_HARM, _OWNER_ANSWER, text)


def dog_owner_readings(text: str) -> list[Reading]:
    """The reading in the compact text, with the units whose words set its scene."""
    words = dog_owner_answer(text)
    if not words:
        return []
    return [(POLICE_UNIT, words, (HEALTH_UNIT, RELIEF_UNIT, LABOUR_UNIT, CITY_UNIT, FARM_UNIT))]
