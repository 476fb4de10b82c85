"""Vaccination brought to people who cannot go for it: the health side asked. No I/O.

A caller asks or suggests that shots be given where a group lives or studies, or at the
door of someone who cannot go out (上门给养老院的老人打, 能不能让大夫到村里来打, 在学校
统一打, 请医生上门集中打). The scene names the care home's, the school's or the village's
body; the ask is the vaccination service, the health commission's (预防接种). Counted on the
retired labels of rounds 2–27 (bench/RESULTS.md, round 28 care28): such an ask with no
animal named is health's 13 of 13 (care homes 3, schools 5, a village and the bedridden 3;
also read, and health's, a doctor asked home to a shot's reaction and a clinic's home shots
reported);
a body's own promise of home shots told as not kept (社区说要上门给老人打 … 啥时候来,
说给上门打 … 没人来) is the area's 2 of 2 and is not read. A pet's or a herd's shots
(给狗统一打) are agriculture's.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.reading import Reading

HEALTH_UNIT = "health"
RELIEF_UNIT = "civil_affairs"
EDUCATION_UNIT = "education"

_SHOT = re.compile(r"疫苗")
# Brought to the people (上门, 到村里来) or given to the group together (集中打, 统一组织).
_BROUGHT = re.compile(
    r"上门|到村里|到院里|进村|下乡|来村里|到家里"
    r"|在学校[^。！？，]{0,4}?(?:统一|集中|集体)|(?:统一|集中|集体)(?:打|接种|组织)"
    r"|组织[^。！？]{0,6}?(?:集中|统一|集体)"
)
_ASKED = re.compile(r"能不能|能否|可不可以|可以不|建议|希望|请|麻烦|行不行")
_ANIMAL = re.compile(r"狗|猫|羊|猪|牛|鸡|鸭|兽医|狂犬")
# A body's promise told (社区说要上门…, 说给上门打): its own conduct, the area's.
_PROMISED = re.compile(r"说[^。！？，]{0,3}?上门|说[^。！？，]{0,6}?(?:统一|集中)")


def shots_brought(text: str) -> str:
    """The words asking vaccination brought to people or given to a group, or ""."""
    if not _SHOT.search(text) or _ANIMAL.search(text) or _PROMISED.search(text):
        return ""
    brought = _BROUGHT.search(text)
    if brought is None or not _ASKED.search(text):
        return ""
    return brought.group(0)


def shots_brought_readings(text: str) -> list[Reading]:
    """Health over the care home's and the school's units where shots brought are asked."""
    found = shots_brought(text)
    return [(HEALTH_UNIT, found, (RELIEF_UNIT, EDUCATION_UNIT))] if found else []
