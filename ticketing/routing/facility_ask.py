"""能不能 asking for a new facility or service for everyone: a suggestion's cue. No I/O.

能不能给大车司机弄个公共厕所, 能不能开个直通熊岳的公交, 便民大厅能不能放几副老花镜: the
caller asks that something be provided from now on, the catalogue's suggestion ("说的是以后
怎样更好"), not a repair (help) nor a wrong (complaint). A paper asked for the caller (能不能
给开个临时证明), a call for help (帮) or a demand (要求, 退, 赔) make it the caller's own
matter, not read. Over the retired sets of rounds 2–23, 11 of 11 requests read so are
suggestions (round 24: 2 of 2; dev sets 1 of 1).

A service's runs or hours asked more or moved (asktype28, round 28): 能不能多加一趟, 能不能开一趟
夜班车, 能不能多开一个窗口, 能不能挪到早上, 能不能改到白天收 — the service changed from now on,
not the caller's fault repaired. Over rounds 2–28, with no call for help or demand, 12 of 14
requests so read (and not by the words above) are suggestions (86 %); rounds 2–27 9 of 9, but
round 28 3 of 5: a consult (剩下几针…我上夜班白天睡觉，能不能改到傍晚: the caller's own
appointment) and a complaint (打疫苗的人排队排到院子外头 … 能不能多开一个窗口).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.closing_question import ASKS_HELP, DEMAND

SUGGESTION = "suggestion"
# 能不能 (or 能否, 可不可以) and, within the same clause, providing something new.
_PROVIDE = re.compile(
    r"(?:能不能|能否|可不可以|可否)[^，。？?！!,]{0,10}?"
    r"(?:弄个|开个|建个|设个|放几|搞个|加个|安个|装个|添个|配个|开通|增加|加开)"
    r"(?![^，。？?！!,]{0,8}证明)"
)
# A service's runs or hours asked more or moved: a run or a window added (多加一趟, 开一趟,
# 多开一个窗口), or the time moved to another part of the day (挪到早上, 改成八点).
_MORE_OR_MOVED = re.compile(
    r"(?:能不能|能否|可不可以|可否)[^，。？?！!,]{0,10}?"
    r"(?:(?:多|加|再)(?:开|加)?[一两几]?(?:趟|班|个窗口)|开[一两几]趟|多开|多加"
    r"|(?:改|挪|调)(?:到|成|在)[^，。？?！!,]{0,4}?"
    r"(?:白天|早上|晚上|夜里|上午|下午|傍晚|中午|周末|礼拜|[一二三四五六七八九十两\d]+点))"
)
# Its weight: a wish said outright (希望…能, 能不能多) has 2.
FACILITY_ASK_WEIGHT = 2.0


def facility_ask(text: str, compact: str) -> str:
    """The 能不能…弄个 (…多加一趟, …挪到早上) ask of `text` (as written or recognised), or
    "" when there is none or `compact` (the request normalised) asks for help or demands
    something."""
    found = _PROVIDE.search(text) or _MORE_OR_MOVED.search(text)
    if found is None or ASKS_HELP.search(compact) or DEMAND.search(compact):
        return ""
    return found.group(0)
