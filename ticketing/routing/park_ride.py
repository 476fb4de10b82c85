"""A tourist park's ride, slide or lifeguard told unsafe: culture and tourism's. No I/O.

A parent whose child was cut on a water park's slide, thrown off a snow-tube run or left
in a wave pool with one lifeguard tells the child (孩子, 儿童) and the injury, and the
classifier, which has learned children as the schools', sends the line to education. The
retired labels give a tourist park's rides and its safety to culture and tourism (旅游
景区 and 游乐 safety), whatever the child's age.

Counted on the retired labels of rounds 2–31 (round 31, childcare31): a water park, a snow
park, a scenic area or an amusement park (水上乐园, 冰雪乐园, 景区, 游乐园) told with a ride or
its guard (滑道, 滑梯, 雪圈, 造浪池, 索道, 救生员, 护栏, 防护网): culture and tourism 8 of 9
(89 %); the ninth a trampoline in a shop-like indoor 儿童乐园 (market supervision,
r31_spoken:86), left out below, as are a housing estate's or a community's playground
(滑梯 in a 小区: housing 5, a subdistrict 1 on the same rounds). A bathing beach (浴场) with
its lifeguards, read too: the reading below reads 22 retired lines, culture and tourism 20
of 22 (91 %); the other two are a lost child found on the beach (the police, r27_assist:39)
and a stung child's parent asking for a hospital (health, r30_spoken:124), both left out
below (20 of 20); the seed corpus 4 of 4.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import both_words
from hotline.ticketing.routing.reading import Reading

PARK_UNIT = "culture_tourism"
# The children's school (education) and the injury's treatment (health) only set the scene.
SCENE_UNITS = ("education", "health")

_PARK = re.compile(r"水上乐园|冰雪乐园|景区|游乐园|海洋馆|滑雪场|海水浴场|浴场")
_RIDE = re.compile(
    r"滑道|滑梯|雪圈|造浪池|过山车|摩天轮|游乐设施|索道|玻璃栈道|漂流|救生员|护栏|防护网|缓冲"
)
# A shop-like indoor playground (the market regulator's) or an estate's playground (housing).
# A lost child (the police's) or a hospital asked for (health's): another body's matter.
_NOT_A_PARKS = re.compile(r"儿童乐园|蹦床|小区|物业|社区|走丢|哪有医院")


def park_ride(text: str) -> str:
    """The words telling a tourist park's ride or guard, or ""."""
    return "" if _NOT_A_PARKS.search(text) else both_words(_PARK, _RIDE, text)


def park_ride_readings(text: str) -> list[Reading]:
    """Culture and tourism over the school and the hospital, in `text` (compact)."""
    words = park_ride(text)
    return [(PARK_UNIT, words, SCENE_UNITS)] if words else []
