"""A village's clinic, its doctor or a person's shot in the village: health's. No I/O.

A village keeps a clinic room (卫生室) with a village doctor (村医) and hosts the
vaccination of its people (接种点 at the village office), but the catalogue gives primary
care and vaccination to the health commission wherever they are given. The request is told
in the village's words (我们村, 村部, 村里通知), which the area-matter phrases and the
classifier learnt as the town's, so a clinic's hours or a shot's queue in a village went to
the town. The reading: a village word and its clinic, its doctor or a person's shot in one
request; the health bureau leads and the area named is only the setting. An animal's shot
is agriculture's (duty_object.animal_shot), a clinic's insurance card is medical
insurance's: neither is read.

Counted on the retired labels of rounds 2–29 (bench/RESULTS.md, round 30 area30), the
requests this reading reads: with an area named, health 18 of 19 (rounds 26–29: 5 of 5; the
town once, a village office's boiler that would also heat the clinic, r15_assist:30); with
no area named, health 7 of 7.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.reading import AREA_UNITS, Reading

HEALTH_UNIT = "health"

# The village as the place: not a city's 城中村, not the countryside at large (农村), and
# 屯 only as a hamlet (屯子, 我们屯), never inside the town's name 芦屯 or its mishearings.
_VILLAGE = re.compile(r"(?<!城中)(?<!农)村|屯子|屯里|[我俺]们屯|那个屯")
# Its clinic, its doctor, or a person's shot given there.
_CARE = re.compile(r"卫生室|卫生所|村医|村大夫|疫苗|接种|预防针")
# An animal's shot (agriculture's), or the clinic's insurance (medical insurance's).
_NOT_HEALTHS = re.compile(r"猪|牛|羊|鸡|鸭|鹅|狗|猫|犬|兽|牲口|畜|禽|防疫员|医保|报销")


def village_clinic(text: str) -> str:
    """The words telling a village and its clinic, doctor or shot (村…卫生室), or ""."""
    if _NOT_HEALTHS.search(text):
        return ""
    village, care = _VILLAGE.search(text), _CARE.search(text)
    if village is None or care is None:
        return ""
    return f"{village.group(0)}…{care.group(0)}"


def village_clinic_readings(text: str) -> list[Reading]:
    """Health over the area named, whose village words only set the scene."""
    found = village_clinic(text)
    return [(HEALTH_UNIT, found, AREA_UNITS)] if found else []
