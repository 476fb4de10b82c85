"""Whose harm a request tells: the caller's own (their home or family) or others'. No I/O.

The catalogue draws the line between 投诉 and 举报 by who is harmed: a complaint is the
caller's own loss ("来电人自身权益受损"), a report a wrong done by someone else that need not
touch the caller ("不一定损害来电人本人"). A request that names the caller's own home or family
as what was harmed (我家的暖气, 我家孩子, 我老伴) is a complaint far more often
than a report: over the retired, dev and seed sets 308 complaints against 16 reports name
我家 other than as a landmark, 130 against 16 a member of the family. The landmark (我家楼下
那个饭店, 我家附近有个黑诊所) says only where a wrong is done to others, and a fraud on the
caller's family (我妈买了保健品 … 骗, 冒充疾控的让交钱), or a wrong done to many with the
family among them (我爸也传上了 … 好几个老人), is still the public's wrong to report; so is a
covert, unlicensed or gambling act told (violation_told.py: of the 9 such lines where the
family is named, 8 are reports and none a complaint), and a public wrong of a kind the
labels keep as a report (public_wrong.py: stakes, a card swiped, a minor in a 网吧).

`caller_harmed` finds the words that name the caller's own as harmed (their home, family,
or their windows or laundry disturbed); `RuleReader.category`
(rule_votes.py) then moves part of the report's share to the complaint.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from hotline.ticketing.routing.public_wrong import public_wrong
from hotline.ticketing.routing.violation_told import violation_told

REPORT, COMPLAINT = "report", "complaint"
# The share of the report's weight (the cues' and the type classifier's each) that goes to
# the complaint when the caller's own is harmed: half — the wrong done still counts, and a
# report the classifier is sure of stays one (held out over rounds 2–15, net: 0.3 fixes 5
# requests, 0.5 fixes 6, 0.7 and 1.0 one more, on round 3 alone).
OWN_HARM_SHIFT = 0.5

# The caller's household as the one harmed: 我家 / 我们家 not followed by a word that makes it
# a landmark (楼下, 附近, 对面 …) or where the caller lives (我家住, 我家在).
_HOME = re.compile(
    r"我(?:们)?家(?!楼下|楼上|附近|对面|隔壁|后面|旁边|后边|前边|那边|这边|边上|后身|门口|跟前"
    r"|门前|西边|东边|南边|北边|周围|那片|这片|这块|那块|住|所在|在|邻居)"
)
# A member of the caller's family (家里孩子, 家里的老人: the household's own; 家里人 is not
# among them, it is said of others too: 家里人口多, 委托家里人).
_KIN = re.compile(
    r"(?:我|家里的?)(?:爸|妈|老伴|媳妇|老婆|爱人|对象|老公|孩子|儿子|闺女|母亲|父亲|婆婆|公公|奶奶|爷爷"
    r"|姥姥|姥爷|外婆|外公|老丈人|丈母娘)"
)
# The caller's own home disturbed by a neighbour's smoke or dust: their windows, their
# laundry (油烟机直接对着我们窗户排, 衣服都没法晾). Over the retired, seed and dev sets no report
# says these; they turn three dev-set complaints the classifier read as reports. Not 不敢开窗
# alone: said as often of a factory's covert emissions, which the labels keep as reports;
# nor sleep (睡不着): the classifier already reads those complaints right, and the reading
# only turned three reports (歌厅…吸毒, 摩托艇…谁也睡不着) into complaints.
_DISTURBED = re.compile(
    r"(?:我们|我家|咱家|咱们)家?的?窗户|衣服.{0,6}(?:没法|不能|不敢)晾|没法晾|晾不了|晾不出去"
)
# A fraud (骗, 诈骗, 冒充) is a crime to report whoever lost by it; a caller asking to stay
# unnamed (不要透露我的信息) is a witness, not a party.
_REPORTED_ANYWAY = re.compile(r"骗|冒充|透露我|保密")
# Others harmed with the caller's own (我妈去了三回 … 给老头老太太抽血, 我爸也传上了 … 好几个
# 老人得了流感): a wrong done to many is the public's, the caller's family one of them.
_MANY_HARMED = re.compile(
    r"好几个|好几家|十几个|几十个|[二三四五六七八九十]十多|一帮|好多人|好些人|一半|别的孩子"
    r"|别的家长|老人们|孩子们|老头老太太|老太太们|工人都|都上当|不少人|很多人"
)


def caller_harmed(text: str) -> str:
    """The words naming the caller's own home or family in `text` (compact, after the speech
    rewrite: 俺 is already 我), or "" when none does or the wrong is reported anyway."""
    if (
        _REPORTED_ANYWAY.search(text)
        or _MANY_HARMED.search(text)
        or violation_told(text)
        or public_wrong(text)
    ):
        return ""
    found = _HOME.search(text) or _KIN.search(text) or _DISTURBED.search(text)
    return found.group(0) if found else ""


def toward_complaint(shares: Mapping[str, float]) -> dict[str, float]:
    """`shares` (cue scores or probabilities by type) with `OWN_HARM_SHIFT` of the report's
    moved to the complaint."""
    moved = dict(shares)
    part = moved.get(REPORT, 0.0) * OWN_HARM_SHIFT
    if part > 0:
        moved[REPORT] -= part
        moved[COMPLAINT] = moved.get(COMPLAINT, 0.0) + part
    return moved
