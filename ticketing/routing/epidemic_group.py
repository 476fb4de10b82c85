"""A counted group fevered at once, told loosely: the catalogue's 聚集性发病. No I/O.

epidemic.py reads a counted group's fevers said tightly (七八个女工发烧: at most four
characters between the count and the fever) and epidemic_told.py a fever then its count
(发烧了五个). Callers at night also tell who reported the fevers or what the fever looked
like between the count and the fever (七八个家长说孩子发烧, 七八个同学腮帮子肿了发烧), or
say the fever as it came on (一屋四个后半夜全烧起来了). Read here: a count of two or more
people (六个, 七八个, 十来个, 好几个) and, within one sentence and a dozen characters, a
fever said any of these ways.

Counted on the retired labels of rounds 2–28 (round 28, epi28): every line with such a
count and a fever within a dozen characters, 111 of 112 are 涉疫 (the one not: a family
of five sick after a meal the hospital blamed, which the shared-cue guards read as food).
Lines this module reads beyond the tight reading: see bench/RESULTS.md, round 28 (epi28).

Not read: one person of the group named as the ill one (两个孩子一个发烧, 有个发烧, 我发烧),
the fever denied (都没发烧, 不发烧), a count of time (三个月发烧, 两个多小时高烧不退) or
of places (跑了三个医院孩子还是高烧).
Beside an animal or another illness the caller's message is read by epidemic.py's own
guards, so this reading is asked only where neither is named.
"""

from __future__ import annotations

import re

# A count of two or more (七八, 十二, 六, 十几, 好几, 12) before a counter of people.
COUNT = r"(?:[两二三四五六七八九十几][一二三四五六七八九十几多来]*|好几|[2-9]|[1-9]\d+)"
# A counter of time is no group of people (三个月发烧, 两个多小时高烧不退).
NOT_TIME = r"(?!多?(?:月|小时|钟头|钟|星期|礼拜|周|晚上|白天|夜|点|年|天))"
# A count of places or things is no group of people (跑了三个医院孩子还是高烧).
NOT_THING = r"(?!医院|卫生院|诊所|药店|地方|门诊|科室|大夫|医生|药)"
# A fever as callers say it: named, or as it came on (全烧起来了, 都烧上了).
FEVER = r"(?:发烧|发热|发高烧|高烧|烧起来|烧上了|烧到)"
# A dozen characters of one sentence between the count and the fever.
GAP = 12
GROUP_FEVER = re.compile(
    rf"{COUNT}[个名位口]{NOT_TIME}{NOT_THING}(?P<gap>[^。！？!?；;]{{0,{GAP}}}?){FEVER}"
)
# Words in the gap naming one of the group as the ill one, or denying the fever.
ONE_OF = ("一个", "一名", "一位", "1个", "有个", "老大", "老二", "老三", "我", "没", "不")


def group_fevers(text: str) -> list[str]:
    """The first counted group told fevered within a dozen characters, as a one-word list
    (`text`: the compact message, no animal and no other illness named)."""
    for m in GROUP_FEVER.finditer(text):
        if not any(w in m.group("gap") for w in ONE_OF):
            return [m.group(0)]
    return []
