"""A delivery rider or courier fined by the platform or station for the work: the labour
bureau's. No I/O.

A rider tells the platform's rules (外卖平台超时一单罚五块, 差评罚五十, 快递站点丢一个件罚二百)
and the platform's words read as a business the market bureau keeps (round 33 sent both of
its rider's fines to market supervision). A fine or a deduction for a late, lost or badly
reviewed order is the pay of a worker kept back by whoever sets the work (劳动报酬, 劳动保障
监察), and the catalogue gives it to human resources whether the rider is an employee or
works through a platform. Counted on the retired labels of rounds 2–33 and the seed corpus:
a rider's or courier's words (外卖, 骑手, 快递, 站点, 平台) with a fine or deduction tied to the
work (超时, 差评, 丢件, 迟到, 耽误单, 不跑): human resources 6 of 6 (r11_spoken:57,
r20_spoken:144, r20_assist:23, r33_spoken:63, r33_written:43, r33_written:123). Counted with
them and left unread, because someone other than the one setting the work fines or makes
the rider late: a traffic policeman's fine for riding the wrong way (交警, public security,
r20_spoken:28), a gate's guard making the order late (保安, housing, r10_spoken:106), a bus
leaving early so the caller is late (公交, transport, r16_written:60). With them the broad
cue splits 6 of 9 (67 %), which is why the reading asks for the work's own fault.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.reading import Reading

LABOUR_UNIT = "human_resources"
# The platform as a business: the market bureau's words only set the scene here.
SETTING_UNITS = ("market_supervision",)

# Who sets the work: a delivery platform, its station, a courier depot, its riders.
_PLATFORM_WORK = re.compile(r"外卖|骑手|跑单|送单|送餐|配送|快递|站点|站长|平台|众包|派单")
# A fault in the work (超时, 差评, 丢一个件, 迟到, 耽误单, 不跑) and, within a clause, a fine or
# a deduction for it, in either order (罚二百 说是耽误单了; 超时的 差评的都得扣).
_FAULT = r"(?:超时|差评|差频|丢[一个了]{0,2}件|迟到|耽误单|不跑|拒单)"
_FINE = r"(?:罚|扣)"
_FAULT_FINED = re.compile(
    rf"{_FAULT}[^。！？；]{{0,12}}?{_FINE}|{_FINE}[^。！？；]{{0,12}}?{_FAULT}"
)
# Someone else fines the rider or makes them late: the police's ticket, a gate's guard, a bus.
_OTHERS_FAULT = re.compile(r"交警|警察|罚单|保安|物业|门卫|公交|班车")


def rider_fined(text: str) -> str:
    """The words telling a rider fined for the work by the platform or station, or ""."""
    if not _PLATFORM_WORK.search(text) or _OTHERS_FAULT.search(text):
        return ""
    found = _FAULT_FINED.search(text)
    return found.group(0) if found else ""


def rider_fined_readings(text: str) -> list[Reading]:
    """The labour bureau over the market bureau's platform words, in `text` (compact)."""
    words = rider_fined(text)
    return [(LABOUR_UNIT, words, SETTING_UNITS)] if words else []
