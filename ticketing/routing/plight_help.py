"""Someone in danger or without a necessity now, told by whoever fears for them: help. No I/O.

The catalogue's help (求助) asks a body to act on a plight; a complaint (投诉) is a grievance
about a service. Where the plight is a life at risk now the labels keep help whatever the
caller blames on the way (物业说让等着, 救生员说他们不管这个): the request asks for someone
to come, find, open or restore, not for the service to be judged. Counted on the retired
labels of rounds 2–27 (bench/RESULTS.md, round 28, help28), on the compact text: the four
readings find 74 requests, 72 of them help; the two others ask a remedy or close on a
where-question and are set aside, so all 72 read are help:

- a person or an animal in need, found by the caller (person_in_need.py: a child lost or
  found lost, someone sleeping in a public place, an animal shut in a car in the sun):
  help 34 of 34 (9, 23 and 2);
- someone who went out and is not back by now (person_gone.py: 到现在没回来, 一宿没回来):
  help 22 of 22 (rounds 4–35; bench/RESULTS.md, round 35 after the measurement, missing35);
- someone who lives alone and cannot be reached now (独居…敲门也没人应, 我爸一个人住…电话
  没人接, 好几天没见着人): help 21 of 21 (a service's number unanswered or a boss gone
  is no plight of someone alone: without 独居/一个人住 the same words split, complaints
  most);
- power or water cut where someone depends on it to live (用制氧机, 瘫在床上, 卧床 with
  停电/停水/没电): help 10 of 12; the two others are not read: a complaint about cuts
  repeated that asks a remedy (给个说法), a consult that closes on where the cut schedule is
  published (在哪儿能查到, closing_question.py's where-question, no one asked to come);
- tap water the household dare not or cannot drink (老人孩子都不敢喝, 没法喝): help 7 of 7;
  not the question whether it can be drunk (能不能喝, 能喝吗: help 7 of 12, not read).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.child_without_care import child_to_look_after
from hotline.ticketing.routing.closing_question import closing_where_question
from hotline.ticketing.routing.found_words import both_words
from hotline.ticketing.routing.person_gone import gone_missing
from hotline.ticketing.routing.person_in_need import need_readings

HELP = "help"
# Its weight: a strong ask's (麻烦 opening a clause, 求助 has 4), so that a grievance told on
# the way (说…不管, 没人来) and a classifier reading the blame do not take the request.
PLIGHT_WEIGHT = 3.0

# Someone else alone: not the caller (我一个人在家带孩子 tells the caller's own day).
_ALONE = re.compile(r"独居|(?<!我)一个人(?:住|在|过)|自己住|孤寡|空巢")
_UNREACHED = re.compile(
    r"(?:电话|手机|敲门|敲)[^。！？，]{0,8}?(?:没人接|不接|打不通|没人应|不应|不开|没动静|关机)"
    r"|联系不上|(?:好几天|[两三四五六七]天|几天)没(?:见|看)"
)
_DEPENDS = re.compile(r"制氧机|呼吸机|瘫|卧床|下不了炕|起不来炕|透析")
_CUT = re.compile(r"停电|停水|没电|没水|断电|断水|不来电|拉闸|跳闸")
# Not 能不能喝 (a question whether it is safe: split between help and consult).
_UNDRINKABLE = re.compile(r"(?<!能)(?:不敢|没法|不能)喝|喝不了")
_WATER = re.compile(r"水")
# A remedy asked (给个说法, 赔, 退钱): the grievance the catalogue calls a complaint.
_REMEDY = re.compile(r"说法|赔|退钱|退给|给退")


def alone_unreached(text: str) -> str:
    """The words telling someone living alone who cannot be reached now, or ""."""
    return both_words(_ALONE, _UNREACHED, text)


def dependent_cut(text: str) -> str:
    """The words telling power or water cut for someone who depends on it, or ""."""
    return both_words(_DEPENDS, _CUT, text)


def water_undrinkable(text: str) -> str:
    """The words telling tap water the household will not drink, or ""."""
    return both_words(_WATER, _UNDRINKABLE, text)


def plight_help(text: str) -> str:
    """The words of the first plight read in the compact `text`, or "" (also where the
    request asks a remedy, or closes on where or how much, asking no one to act)."""
    if _REMEDY.search(text) or closing_where_question(text):
        return ""
    needs = [words for _, words, _ in need_readings(text)]
    for words in (
        *needs,
        gone_missing(text),
        child_to_look_after(text),
        alone_unreached(text),
        dependent_cut(text),
        water_undrinkable(text),
    ):
        if words:
            return words
    return ""
