"""A child put to work: child labour, the labour bureau's, whatever trade employs the child.
No I/O.

A caller tells the place first (网吧, 饭店后厨, 海产加工厂, 快递驿站) and the child's age and
work after it (招了个看着也就十五岁的孩子当网管, 十五六岁的孩子在流水线上干活): the place's
words belong to its own bureau (an internet café culture and tourism's, a kitchen the market
regulator's, a child out of school education's), and a café's minor drew the lead there
(r33_assist 10, held out). The catalogue gives 使用童工 to human resources' 劳动保障监察.
Counted on the retired labels of rounds 2–35 (round 36, wages36): 童工 named, or a child of
twelve to sixteen put to work (当, 干活, 打工, 上班, 剥虾, 刷碗, 分拣) or seen at work (看着也就
十四五岁): human resources 17 of 17 in 15 rounds, every one a report. One more line says a
kitchen's teenagers and its missing 健康证 (r16_assist 7): the market regulator's, not read.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.reading import Reading

LABOUR_UNIT = "human_resources"
# The trades whose words set the scene: an internet café's, a shop's or kitchen's, a school's.
SETTING_UNITS = ("culture_tourism", "market_supervision", "education")

_AGE = r"十[二三四五六]|十[二三四五][三四五六]"
_CHILD = r"孩子|小孩|初中生|学生|小姑娘|小伙子?|女孩|男孩"
_WORK = r"当|干活|打工|上班|做工|剥|刷碗|洗碗|分拣"
_CHILD_AT_WORK = re.compile(
    rf"童工"
    rf"|(?:{_AGE})岁?的?(?:{_CHILD})[^。！？]{{0,12}}?(?:{_WORK})"
    rf"|(?:孩子|小孩|初中生|小姑娘|小伙子?)[^。！？]{{0,8}}?看着也就(?:{_AGE})"
)
# A kitchen's hygiene told beside its teenagers (没有健康证): the market regulator's.
_HYGIENE = re.compile(r"健康证")


def child_labour(text: str) -> str:
    """The words telling a child put to work, or ""."""
    found = _CHILD_AT_WORK.search(text)
    return found.group(0) if found and not _HYGIENE.search(text) else ""


def child_labour_readings(text: str) -> list[Reading]:
    """The labour bureau over the employing trade's bureaus, in `text` (compact)."""
    words = child_labour(text)
    return [(LABOUR_UNIT, words, SETTING_UNITS)] if words else []
