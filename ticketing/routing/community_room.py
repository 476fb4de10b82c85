"""A community's own room shut or locked: the subdistrict or town named leads. No I/O.

A community (社区) runs rooms of its own — the old people's activity room, the reading
room, the after-school room (课后托管室), the canteen, a warm-up station (暖心驿站) — and
the catalogue's subdistricts answer for their communities. When such a room is shut,
locked or stopped and the caller wants it open again, it is the community's to reopen,
yet the room is told in a bureau's words (课后托管 learnt as education's, 老年 as civil
affairs', 食堂 as market supervision's), which can take the lead from the area. The reading:
the community's room and its being shut, locked or asked back, in one request. It votes for
the area only where an area is named, as village_own.py does.

Counted on the retired labels of rounds 2–31 (bench/RESULTS.md, round 32 town32): with an
area named, the area is the label on 14 of 14 (rounds 4–24: 13, round 31: 1, the
after-school room r31_written:124); none with no area named. A community's room told at
all, shut or not, is the area's 42 of 44 (95 %): a new canteen asked of the civil affairs
bureau (civil affairs 1, and 2 more with no area named) and a canteen's spoilt meal
(market supervision 1, and 1 with no area named) are the bureaus'; the narrower reading
keeps clear of both (spoilt food is left out below).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.gazetteer import AreaHit
from hotline.ticketing.routing.rules import Hit
from hotline.ticketing.routing.village_own import moved_where_read, with_reading_weight

# Weight among the area-matter phrases, as a village's own thing's (village_own.py): it
# outweighs one bureau word on the room (托管 2, 老年 2) by the `area_over_unit` factor.
COMMUNITY_ROOM_WEIGHT = 4.0

# The community's room: named as the community's (社区的, 社区里那个), within a few words.
_ROOM = re.compile(
    r"社区(?:的|里的?|里那个|那个|这个)?[^，,。！？!?；;\s]{0,6}?"
    r"(?:活动室|托管室|托管班|阅览室|图书室|书屋|活动中心|驿站|食堂|课堂)"
)
# Shut, locked or stopped, or asked open again.
_SHUT = re.compile(r"关了|关门|关停|停了|停办|不开了?|锁着|锁门|锁上|撤了|恢复|重新开")
# A meal gone bad is food safety (market supervision's), whoever runs the canteen.
_SPOILT = re.compile(r"馊|变质|拉肚子|食物中毒|吃坏")


def community_room(text: str) -> str | None:
    """The community's room and its being shut as a phrase (社区…活动室…锁着), or None."""
    room, shut = _ROOM.search(text), _SHUT.search(text)
    if room is None or shut is None or _SPOILT.search(text):
        return None
    return f"{room.group(0)}…{shut.group(0)}"


def with_community_room(hits: list[Hit], text: str) -> list[Hit]:
    """The area-matter hits with the reading's weight."""
    return with_reading_weight(hits, community_room(text), COMMUNITY_ROOM_WEIGHT)


def community_room_share(
    proba: dict[str, float], area: AreaHit | None, text: str
) -> dict[str, float]:
    """The classifier's vote with the bureaus' share moved to the area named where the
    community's room is shut: it learnt 托管 and 老年 as the bureaus'."""
    return moved_where_read(proba, area, community_room(text))
