"""A pupil or child waylaid by an outsider: the police's, not the school's. No I/O.

A caller who tells of youths from outside (社会上的小青年), a stranger, debt collectors or
someone unnamed stopping, robbing, extorting, threatening or accosting children names the
school, its gate or the way home as the scene; the school's words and the classifier send
it to education (round 31: youths blocking pupils at the gate for money and cigarettes, a
pupil cornered at the gate by 网贷 collectors, pupils robbed in an underpass — the last to
civil affairs). Counted on the retired labels of rounds 2–31 (bench/RESULTS.md, round 31
bully31): a child or pupil with an outsider stopping, robbing, extorting or accosting them
is labelled the police's 5 of 6 (rounds 17 and 31: 社会上的小青年堵着要钱 at a school's back
door, 小青年在门口堵学生 要钱 要烟, 有人在地下通道里拦住孩子要钱, a 陌生男人 accosting girls on
the way home, 网贷催收的人堵在校门口); the sixth, fights and money taken outside a net bar
where minors sit at midnight, is culture and tourism's (the bar letting them in), and a net
bar is not read.

Not read (the labels split): pupils striking or extorting pupils — classmates or older
pupils, in school or outside its gate — are education's 7 of 10 (the police 3, all round
31); neither an injury told (education 2 of 4), money taken (education 3 of 4), nor the
police asked beside the school (派出所也请出面, 能不能也介入, 要求派出所立案: the police 1 of 3)
reaches 80 %. A teacher or coach striking a child is education's 5 of 5, and is left to the
classifier. The type is not set: the outsider lines are help 2, report 3.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.reading import AREA_UNITS, Reading

POLICE_UNIT = "public_security"
# The school, the underpass's relief and the street's keeper only set the scene.
_SCENE_UNITS = ("education", "civil_affairs", "urban_management", *AREA_UNITS)

_YOUNG = re.compile(r"学生|孩子|小孩|儿子|女儿|闺女|女孩|男孩|学校|校门|放学|上学")
# Someone from outside the school: youths "from society", a stranger, debt collectors, or
# someone unnamed (有人) — the last only where the act follows in the same clause.
_OUTSIDER = r"(?:社会上的|社会青年|社会人员|小青年|小混混|混混|陌生|催收|有人)"
# The act against the child: stopped or cornered (the child or the gate next), money or
# cigarettes demanded, robbed, threatened, pushed, accosted, followed (not a plain 打, which
# is also a phone call or a shot, nor cars or a road blocked).
_PREYS = (
    r"(?:(?:拦|堵)(?![车死得路])[^。！？，]{0,8}?(?:学生|孩子|小孩|女孩|男孩|校门|学校)"
    r"|要钱|要烟|抢钱|抢走|抢了|被抢|勒索|敲诈|威胁|恐吓|推搡|不给就打|搭话|跟踪|尾随|猥亵)"
)
_WAYLAID = re.compile(rf"{_OUTSIDER}[^。！？]{{0,20}}?{_PREYS}")
# Minors let into a net bar: the bar's licensing keeper's (culture and tourism).
_NET_BAR = re.compile(r"网吧|网巴|网咖")


def pupil_waylaid(text: str) -> str:
    """The words telling an outsider stopping, robbing or accosting a child (not at a net
    bar), or ""."""
    if _NET_BAR.search(text) or not _YOUNG.search(text):
        return ""
    found = _WAYLAID.search(text)
    return found.group(0) if found else ""


def pupil_waylaid_readings(text: str) -> list[Reading]:
    """The police's reading of a child waylaid by an outsider, with the scene's units."""
    words = pupil_waylaid(text)
    return [(POLICE_UNIT, words, _SCENE_UNITS)] if words else []
