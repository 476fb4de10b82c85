"""An ambulance's own service and a doctor's pharmacy referral: health's. No I/O.

Read like duty_act.py's acts (it lists them in `act_readings`). A caller who disputes an
ambulance's bill tells a ride, a fare and a distance (从熊岳拉到市里 收了一千二, 拉了不到十里地
要八百), which the classifier learnt as transport's or the price regulator's; one kept waiting
tells a car and minutes. The catalogue gives 院前急救 (the 120 service, its charges and its
arrival) to the health commission. A doctor who sends patients to a pharmacy (让我们去对面那家
指定药房买, 一查房就让上外边药店买药) names the pharmacy and its price, which duty_act.py's
pharmacy price and duty_pharmacy.py give to the market regulator; the conduct asked about is
the doctor's, health's (duty_pharmacy.py already leaves it out).

Counted on the retired labels of rounds 2–34 (bench/RESULTS.md, round 34 fees34):

- an ambulance's charge or its late arrival (救护车 … 收了一千二, 120的收费有没有统一标准,
  私人的"转运救护车" … 收了四千八, 打了120 四十分钟才到, 急救车为什么来这么慢): health 7 of 7
  (rounds 29 and 34); the road it cannot pass (村路上有个大坑 救护车的轮子都陷进去了, 颠得
  病人直哼哼: transport's) and the cars blocking it (the police's, the emergency bureau's) are
  not read;
- a doctor, a clinic or a hospital sending patients to a pharmacy for what it lacks (不是跟
  药店串通好的吗, 让病人上他家亲戚开的药店): health 4 of 4 (rounds 9, 14, 18, 34); with the
  insurer's refund asked (出院结算时这些药都不给报销) it is medical insurance's (1), and with
  the outside pharmacy's price gouged (坐地起价, 爱买不买) the market regulator's (1, r9_assist:4):
  neither is read.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.reading import Reading

HEALTH_UNIT = "health"
# The units whose words only set the scene: the ride's (transport), the price's or the
# pharmacy's (market supervision).
SCENE_UNITS = ("transport", "market_supervision")

# The ambulance: a 120 call or car, never a bare 120 that is a price (收120元, 120一根).
_AMBULANCE = re.compile(r"救护车|急救车|急救中心|打(?:了|的)?120|120(?:急救|拉|来|车|的)")
# Its own charge or its arrival: money taken or asked for the ride, a fee's standard, a car
# that came late.
_SERVICE = re.compile(
    r"收了|收费|多收|乱收|要[一二两三四五六七八九十百千\d]|价|费"
    r"|来晚|晚到|才到|才来|来得?这么慢|来得慢|太慢"
)
# The road it cannot pass or the cars that block it: transport's, the police's.
# Not a street's name (望海街道) nor a way hard to find (乡下路不好找: still the car's delay).
_ROAD = re.compile(
    r"(?<!街)道(?:上|边|路)?|路面|路上|村路|马路|修路|坑|桥|积水|过不去|进不来|进不去|出不去"
    r"|堵|占|挡|颠|陷"
)

# A doctor, a clinic or a hospital sending patients to a pharmacy (duty_pharmacy.py's words,
# and a pharmacy it appoints).
_SENT_TO_PHARMACY = re.compile(
    r"(?:大夫|医生|卫生院|医院)[^。！？]{0,12}?让[^。！？，,]{0,10}?(?:药店|药房)"
    r"|指定(?:的)?(?:药店|药房)"
)
# The insurer's refund asked for what was bought there (medical insurance's), or the
# pharmacy's price gouged, the ask (坐地起价, 爱买不买: duty_act.price_gouged, the market's).
_INSURED = re.compile(r"医保|报销|统筹|坐地起价|哄抬|趁火打劫|爱买不买|发国难财")


def ambulance_service(text: str) -> str:
    """The words telling an ambulance's charge or late arrival (not a road it cannot
    pass, not the cars blocking it), or ""."""
    car = _AMBULANCE.search(text)
    if car is None or _ROAD.search(text):
        return ""
    service = _SERVICE.search(text)
    return f"{car.group(0)}…{service.group(0)}" if service else ""


def sent_to_pharmacy(text: str) -> str:
    """The words telling a doctor sending patients to a pharmacy (not the insurer's refund
    asked, not the pharmacy's price gouged), or ""."""
    if _INSURED.search(text):
        return ""
    found = _SENT_TO_PHARMACY.search(text)
    return found.group(0) if found else ""


def medical_fee_readings(text: str) -> list[Reading]:
    """Health over the ride's or the price's units, in `text` (compact)."""
    readings: list[Reading] = [
        (HEALTH_UNIT, ambulance_service(text), SCENE_UNITS),
        (HEALTH_UNIT, sent_to_pharmacy(text), SCENE_UNITS),
    ]
    return [r for r in readings if r[1]]
