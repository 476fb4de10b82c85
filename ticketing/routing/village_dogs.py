"""Dogs loose or kept in a village: the town or subdistrict named leads. No I/O.

In a city a household's dogs (养狗, 狗咬人) are the police's (养犬管理) and stray dogs
(野狗, 流浪狗) urban management's, and the rules and the classifier learnt those words so.
A village has neither a dog registry nor a city's stray-dog catchers: stray dogs roaming
the village, a neighbour's dog in the yard, a household breeding dozens of dogs are put to
the village and its town (村里能不能给管管, 请镇上、村里想办法把狗处理一下). The reading: a
village word and the dogs as the matter — strays, a household's dogs, dogs kept by the
dozen — with no shot, clinic or vet told (a bite's rabies shot is health's, a dog's jab
agriculture's) and no dog farm's sewage (environment's). It votes for the area only where
an area is named, as village_own.py does.

Counted on the retired labels of rounds 2–31 (bench/RESULTS.md, round 32 town32): with an
area named, the area is the label on 7 of 7 (rounds 10–30; rounds 26–31: 3 of 3), the
strays 3, a household's dog or dogs 3 (one bite with no shot asked, r30_spoken:32), a
village building let for dog breeding 1. With no area named none is read but a dog farm's
sewage in the village ditch (environment), left out below.

Not read: a village's dogs with a bite's shot or a dog's jab told (health 10, agriculture
7, the area 0 of the 17, an area named or not: their bureaus' readings decide), and a dog
farm's sewage in the village ditch (environment 1).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.gazetteer import AreaHit
from hotline.ticketing.routing.rules import Hit
from hotline.ticketing.routing.village_own import moved_where_read, with_reading_weight

# Weight among the area-matter phrases, as a village's own thing's (village_own.py): it
# outweighs the police's 养狗 2 or 狗咬人 3 and urban management's 野狗 2 by the
# `area_over_unit` factor.
VILLAGE_DOGS_WEIGHT = 4.0

# The village as the place: not a city's 城中村, not the countryside at large (农村); 屯
# only as a hamlet, never inside the town's name 芦屯.
_VILLAGE = re.compile(r"(?<!城中)(?<!农)村(?!医)|屯子|屯里|[我俺]们屯|那个屯")
# The dogs as the matter: strays, a household's dog, dogs kept or counted by the dozen (not
# 狗 as a bystander, 狗都不敢过去, nor 狗熊 spelling 熊岳).
_DOGS = re.compile(
    r"野狗|流浪狗|狗群|(?:人家|那家|那户|一户|一家|[他她]家|户人家)的狗"
    r"|养了?[^，,。！？!?；;\s]{0,6}?狗(?!熊)|[十几百多两三四五六七八九]+条狗"
)
# A shot, clinic or vet (health's or agriculture's), or the sewage of a dog farm.
_BUREAUS_MATTER = re.compile(
    r"疫苗|狂犬|打针|防疫|兽医|卫生院|卫生所|卫生室|诊所|医院|粪水|尿水|污水|沟水|排污"
)


def village_dogs(text: str) -> str | None:
    """The village and its dogs as a phrase (村…野狗), or None."""
    if _BUREAUS_MATTER.search(text):
        return None
    village, dogs = _VILLAGE.search(text), _DOGS.search(text)
    if village is None or dogs is None:
        return None
    return f"{village.group(0)}…{dogs.group(0)}"


def with_village_dogs(hits: list[Hit], text: str) -> list[Hit]:
    """The area-matter hits with the reading's weight."""
    return with_reading_weight(hits, village_dogs(text), VILLAGE_DOGS_WEIGHT)


def village_dogs_share(
    proba: dict[str, float], area: AreaHit | None, text: str
) -> dict[str, float]:
    """The classifier's vote with the bureaus' share moved to the area named where a
    village's dogs are told: it learnt 养狗 and 野狗 as the police's and the city's."""
    return moved_where_read(proba, area, village_dogs(text))
