"""A village's own public thing: the town or subdistrict named leads. No I/O.

A village (村里, 我们村, 村委会, 屯里) keeps some things of its own — the lamps on its roads,
its loudspeaker, its night patrol or duty phone, its rubbish point, the money it collects
from its households — and the catalogue's towns (熊岳镇, 芦屯镇, 红旗镇) answer for their
villages. In a city the same kind of thing is a bureau's (urban management's lamps, the
police's patrols, the power company's 电费), so a duty word beside the village's thing
(学校 on the road to school, 派出所 asked too, 电费 of the lamps) took the lead from the
town. The reading: a village word and one of its own things in the same clause, the
village owning or running it. It votes for the area only where an area is named (the
gazetteer's); a village with no town named cannot go to a town and keeps the bureau.

Counted on the retired labels of rounds 2–28 (the texts this reading reads; bench/RESULTS.md,
round 29 lamps29). With an area named, the area is the label on 76 of 76:

- the street lamps (路灯, 道灯) the village keeps: 28 of 28;
- the village loudspeaker (大喇叭, 广播): 14 of 14;
- the village's patrol or duty phone (巡逻, 值班): 4 of 4;
- the village's rubbish: 15 of 15;
- money the village itself collects from households (每户收了二百, 每家集资三百, 收清雪费): 15
  of 15 (a vet's jab fee, the insurer's premium, a clinic's charge, a road fee asked of
  the transport bureau are left out above: their bureau's).

Round 34 (care34): the village's officers collecting or paying its households' medical
insurance (村会计收了医保钱 没给交上, 村委会说帮大家统一代交医保), read although 医保 is the
insurer's word: the area named is the label on 4 of 4 (rounds 10, 22, 34 twice). A bare
村里收医保 (r26_spoken:73, no area named, the insurer's) is not read.

With no area named (3: a village loudspeaker twice culture and tourism's, once power's),
the labels keep the bureau, and the reading casts no vote.

Not read (the labels split, an area named): the village's damaged road or bridge (the area 23
of 65, transport 36; rounds 26–28: transport 3, the area 1), its well, pump or tap water (the
area 22 of 38, water 8), its 卫生室 (health 12 of 14, the area 1).
"""

from __future__ import annotations

import re
from dataclasses import replace

from hotline.ticketing.routing.duty_object import SETTING_FACTOR
from hotline.ticketing.routing.gazetteer import AreaHit
from hotline.ticketing.routing.rules import Hit

# Weight of the reading among the area-matter phrases (config `area_matters`): with the
# village's own words (村里 2, 村…路灯 2) it outweighs one duty word beside the thing
# (学校, 派出所, 电费) by the `area_over_unit` factor.
VILLAGE_OWN_WEIGHT = 4.0

# The village as owner: a village named or "our village", its committee or its officers;
# a city's 城中村 is urban, 农村 says the countryside, not whose.
_VILLAGE = (
    r"(?P<village>(?<!城中)(?<!农)村(?!医)(?:委会?|部|干部|主任|书记|支书|会计|里|上|子里?)?"
    r"|屯里|屯子里?|我们屯|俺们屯)"
)
# Its own public things (counted above); construction waste is dumped by a trade.
_THING = r"(?P<thing>路灯|道灯|大喇叭|广播(?!电视)|巡逻|值班|值夜|打更|(?<!建筑)垃圾)"
# A clause: no sentence break between the village and its thing.
_GAP = r"[^。！？!?；;]{0,14}?"
_CLAUSE = r"[^，,。！？!?；;]"
_OWN_THING = (
    re.compile(f"{_VILLAGE}{_GAP}{_THING}"),
    re.compile(_THING + _GAP + _VILLAGE.replace("?P<village>", "?P<owner>")),
)
# The village collecting money from its households (收了二百, 每户交一百, 向摆摊的收三百):
# what it takes is a sum or a fee, not goods (收玉米, 收了一车羊 is buying).
_SUM = (
    r"(?:这个|那个)?(?:[一二两三四五六七八九\d]*[十百千万][一二两三四五六七八九十百千万\d]*"
    r"|[一二两三四五六七八九十几\d]+(?:块|元)|" + _CLAUSE + r"{0,3}?费|钱)"
)
_COLLECTS = re.compile(
    f"{_VILLAGE}(?:{_CLAUSE}{{0,8}}?(?:向|让|跟|给))?{_CLAUSE}{{0,6}}?"
    f"(?P<thing>(?:每户|每家|按户|一户){_CLAUSE}{{0,3}}?(?:收|摊|交|出)|收|摊派|集资)"
    f"了?{_SUM}"
)
# A bureau's duty the village only relays or suffers: a vet's jab, the insurer's premium,
# its clinic (health's), a bus, a factory, land titles.
_BUREAU_OWN = re.compile(r"防疫员|疫苗|医保|卫生室|卫生所|班车|公交|交通局|工厂|厂子|宅基地")


# The village's officers collecting its households' medical insurance or paying it for them
# (村会计收了…医保钱, 村委会说帮大家统一代交医保): their own errand, whatever the premium is
# (round 34). A bare 村里收医保 (the record to be fixed, r26_spoken:73) stays the insurer's.
_PREMIUM_ERRAND = re.compile(
    r"(?P<village>村(?:委会?|干部|会计|主任|书记|支书))"
    f"{_CLAUSE}{{0,12}}?(?P<thing>收|代交|代缴|代办){_CLAUSE}{{0,8}}?"
    r"(?:医保|合作医疗|新农合)"
)


def village_own(text: str) -> str | None:
    """The village and its own thing as a phrase (村里…路灯), or None."""
    errand = _PREMIUM_ERRAND.search(text)
    if errand is not None:
        return f"{errand.group('village')}…{errand.group('thing')}"
    if _BUREAU_OWN.search(text):
        return None
    for pattern in (*_OWN_THING, _COLLECTS):
        found = pattern.search(text)
        if found is not None:
            village = found.groupdict().get("village") or found.group("owner")
            return f"{village}…{found.group('thing')}"
    return None


def with_village_own(hits: list[Hit], text: str) -> list[Hit]:
    """The area-matter hits with the reading's weight: added to the written phrase of the
    same words (村…路灯 is also a config phrase), so it is quoted once."""
    return with_reading_weight(hits, village_own(text), VILLAGE_OWN_WEIGHT)


def with_reading_weight(hits: list[Hit], said: str | None, weight: float) -> list[Hit]:
    """`hits` with a reading's `weight` for the words `said`: added to the written phrase of
    the same words where the config has one (so it is quoted once), else a hit of its own;
    `hits` as they are where the reading was not made (None). Shared with the other readings
    of an area's own matter (no_property.py, village_dogs.py, community_room.py)."""
    if said is None:
        return hits
    same = [h for h in hits if h.phrase == said and not h.by_sound]
    if not same:
        return [*hits, Hit(said, weight)]
    return [replace(h, weight=h.weight + weight) if h is same[0] else h for h in hits]


def village_share(proba: dict[str, float], area: AreaHit | None, text: str) -> dict[str, float]:
    """The classifier's vote with the bureaus' share moved to the area named where the
    village's own thing is told: it learnt the thing's city words (学校 on the road to school,
    电费 of the lamps) as the bureau's and cannot tell whose the thing is. Each bureau keeps
    `SETTING_FACTOR` of its share, as a duty object's setting does (duty_object.py)."""
    return moved_where_read(proba, area, village_own(text))


def moved_where_read(
    proba: dict[str, float], area: AreaHit | None, said: str | None
) -> dict[str, float]:
    """`proba` moved to the area named (moved_to_area) where a reading of the area's own
    matter was made (`said`) and an area is named; else as it is."""
    return proba if area is None or said is None else moved_to_area(proba, area.area_id)


def moved_to_area(proba: dict[str, float], area_id: str) -> dict[str, float]:
    """`proba` with every other unit keeping `SETTING_FACTOR` of its share and the rest moved
    to `area_id` (the total unchanged). Shared with no_property.py."""
    out = {u: p * SETTING_FACTOR if u != area_id else p for u, p in proba.items()}
    out[area_id] = out.get(area_id, 0.0) + sum(proba.values()) - sum(out.values())
    return out
