"""Minors let into or served at a place of entertainment: culture and tourism's. No I/O.

A caller who tells of pupils in a KTV, a 歌厅 or an internet café names them by their
school (初中生, 高中生, 穿校服的) and the classifier, which has learned schools as the
education bureau's, sends the line there. The catalogue gives entertainment venues and
internet cafés (未成年人进入, 卖酒给未成年人) to the culture market's inspectors, and so do
the retired labels.

Counted on the retired labels of rounds 2–31 (round 31, childcare31): an internet café, a
KTV, a 歌厅, a bar or an arcade told with minors (未成年, 孩子, 学生, 初中生, 十四岁 …):
culture and tourism 38 of 41 (93 %). Of the other three, one is gambling in an arcade (押币
赌钱: the police, r31_spoken:127), one a snack counter inside a café selling food without a
permit (market supervision, r5_assist:1), one a youth centre suggested so that children need
not go to cafés (a town's, r31_written:3). Without the two left out below (gambling; food,
its permit or hygiene) 38 of 39 (97 %). The KTV and 歌厅 lines alone: culture and tourism 4 of
4 (r19_spoken:145, r28_spoken:129, r31_spoken:26, r31_written:127). The reading below, which
also knows 网咖, 半大 and 校服, reads 44 retired lines, culture and tourism 44 of 44, and 4
seed-corpus lines, 4 of 4.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.reading import Reading

VENUE_UNIT = "culture_tourism"
# The pupils' school (education) and the night out's disorder (the police) only set the scene.
SCENE_UNITS = ("education", "public_security")

# A place of entertainment that must keep minors out or not serve them drink.
_VENUE = r"(?:网吧|网咖|KTV|ktv|歌厅|练歌房|酒吧|迪厅|夜店|舞厅|电玩城|游戏厅)"
# A minor: named so, a pupil, or an age under eighteen.
_MINOR = (
    r"(?:未成年|小孩|孩子|学生|[初高]中生|小姑娘|半大|校服"
    r"|十[二三四五六七]岁|[十]?[二三四五六七]岁的?孩|初[一二三])"
)
_MINOR_AT_VENUE = re.compile(rf"{_VENUE}.{{0,40}}{_MINOR}|{_MINOR}.{{0,40}}{_VENUE}")
# Another body's matter told at the venue: gambling (the police's), food sold or its permit
# (market supervision's), or a place for young people asked to be built (the town's).
_NOT_READ = re.compile(r"赌|押币|换现金|小吃|卫生许可|食品|建一个|建个|活动中心")


def minors_at_venue(text: str) -> str:
    """The words telling minors at a place of entertainment, or ""."""
    if _NOT_READ.search(text):
        return ""
    found = _MINOR_AT_VENUE.search(text)
    return found.group(0) if found else ""


def minors_at_venue_readings(text: str) -> list[Reading]:
    """Culture and tourism over the pupils' school and the police, in `text` (compact)."""
    words = minors_at_venue(text)
    return [(VENUE_UNIT, words, SCENE_UNITS)] if words else []
