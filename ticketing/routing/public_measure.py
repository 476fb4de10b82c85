"""能不能 asking a measure that serves everyone: a suggestion's cue. No I/O.

收费能不能公示出来, 小区能不能规定一下大狗不让坐电梯, 能不能办个文明养狗的宣传, 中小学能不能
开设…安全课, 村里能不能给立个牌子, 能不能划个共享单车的停车框, 能不能保留低年级: the caller
asks that something be made public, a rule be set, a campaign or a lesson be given, a place be
marked or fenced, or a service be kept — a measure for everyone from now on, the catalogue's
suggestion ("说的是以后怎样更好"), not a repair for the caller (help) nor a wrong told
(complaint). As in facility_ask.py, a call for help (派人, 来人, 帮) or a demand (要求, 处理,
管管) makes it the caller's own matter: not read.

Counted on the retired labels of rounds 2–31 (the request with no call for help or demand):
25 requests so read, 24 suggestions (96 %) — rounds 2–27 15 of 16, round 30 5 of 5, round 31
4 of 4. The one other is a help: a child asking the village to fence a pond (能不能让村里给
围个栏杆, r13), where round 31's same ask (能不能给立个牌子 围个网) is a suggestion. None of
the 25 is read by facility_ask.py; 11 say 建议 or 意见 besides. Dev, holdout and seed sets:
none so read.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.closing_question import ASKS_HELP, DEMAND

# 能不能 (or 能否, 可不可以, 可否) and, within the same clause, a measure for everyone.
_MEASURE = re.compile(
    r"(?:能不能|能否|可不可以|可否)[^，。？?！!,\s]{0,12}?"
    r"(?:"
    # made public or posted: 公示出来, 在网上公开, 把账贴出来, 贴个通知
    r"公示|公开|公布|贴出来|贴个|张贴"
    # a rule set: 规定一下, 立个规矩
    r"|规定|立个?规矩"
    # a campaign or a lesson given: 办个宣传, 开设安全课, 搞个讲座
    r"|宣传|开设|讲座"
    # a place marked or fenced: 划个停车框, 划一块, 立个牌子, 拉个网, 围上护栏
    r"|划(?:个|一块|一片|出|几)|立(?:个|块|几个)?牌子"
    r"|(?:围|拉)(?:个|上|道)?(?:网|栏杆|护栏|围栏)"
    # a service kept: 保留低年级, 别撤
    r"|保留|别撤|不撤"
    r")"
)
SUGGESTION = "suggestion"
# Its weight: 提个意见 and 能不能增设 have 3; facility_ask.py's wish 2. 24 of 25 agree, and
# the held-out misses it is for lose to a classifier sure of help or complaint at 2.
PUBLIC_MEASURE_WEIGHT = 3.0


def public_measure(text: str, compact: str) -> str:
    """The 能不能…公示 (…规定, …立个牌子, …保留) ask of `text` (as written or recognised), or
    "" when there is none or `compact` (the request normalised) asks for help or demands
    something."""
    found = _MEASURE.search(text)
    if found is None or ASKS_HELP.search(compact) or DEMAND.search(compact):
        return ""
    return found.group(0)
