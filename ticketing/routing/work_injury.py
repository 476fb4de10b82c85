"""A person hurt at work: human resources' work-injury duty, over the hurt's setting. No I/O.

A worker fallen from scaffolding whose boss took him to hospital and vanished, a courier
bitten on a delivery asking whether it counts as 工伤, a hand crushed by a press and the
factory paying five hundred yuan: the catalogue's human resources bureau settles work
injuries (工伤认定) and the employer's duty to the hurt worker. The hurt's setting — the
hospital, the bill, the shots after a bite, the dog — is what the classifier and the
bite readings learnt as health's or the police's, and those lines went there held out
(r28_assist 21 health, r30_assist 36 health). The reading: a work injury named (工伤 and
its mishearings), or a person told hurt at work (a fall, a crush, a bite at the site, the
workshop, on a delivery) with the employer refusing to pay or gone; human resources leads
and health's, the police's and agriculture's words only set the scene.

Counted on the retired labels of rounds 2–30 (spoken, written and assist; bench/RESULTS.md,
round 31 assist31):

- a work injury named (工伤 61 lines, its mishearings 公伤 攻伤 工殇 工晌 报工商 5): human
  resources 63 of 66 (95 %); the others medical insurance 2
  (a recognised injury's bill asked of 医保 first, a worker's 医保 card used for it: the
  same ask went to human resources 3 times, r4_assist 31, r6_assist 27, r2_assist 40) and
  emergency 1 (a workshop's removed guard, 应急 asked first, r16_assist 24);
- a person hurt at work with the employer refusing to pay or gone, no 工伤 said: human
  resources 5 of 5 (r3_written 43, r27_spoken 114, r28_assist 21, r29_spoken 77,
  r29_assist 39);
- together, as read here: human resources 68 of 71 (96 %).

Counted and not built: which unit assists a work injury on the assist sets — medical
insurance 7 of 16 (7 of 8 where 医保 is named: left to the told-duty readings), emergency
3 where a guard or safety gear is told missing (3 of 3, one of them leading), health 2
(occupational disease), none 4.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import both_words
from hotline.ticketing.routing.reading import Reading

LABOUR_UNIT = "human_resources"
HEALTH_UNIT = "health"
POLICE_UNIT = "public_security"
FARM_UNIT = "agriculture"

# A work injury named, with the spoken mishearings of 工伤 (报工商: the injury reported,
# not the market registry 工商 alone).
_WORK_INJURY = re.compile(r"工伤|公伤|攻伤|工殇|工晌|报工商")
# At work: the site, the shop floor, a shift, a delivery, a workmate, the machine.
_AT_WORK = (
    r"(?:干活|工地|车间|架子|脚手架|上班|夜班|打工|送外卖|送餐|送单|送快递|工友|冲床|机器"
    r"|码头|厂里|厂子)"
)
# Hurt: fallen, crushed, struck, bitten, broken, cut, burnt (卷 only with 进 or 了).
_HURT = (
    r"(?:摔|掉下|砸|轧|压伤|咬|受伤|伤了|骨折|切掉|挤了|踢断|顶伤|烫|绞了|卷了|卷进"
    r"|压断|砸断|轧断|锯掉)"
)
_HURT_AT_WORK = re.compile(rf"{_AT_WORK}[^。！？]{{0,30}}?{_HURT}")
# The employer refusing to pay, paying a token, or gone.
_EMPLOYER_FAILS = re.compile(
    r"(?:老板|厂里|厂子|公司|包工头|工头|单位|站长|平台|船老板)[^。！？]{0,12}?"
    r"(?:不给|不露面|不见|不管|不接|私了|不算|跑了|就给|打发)"
)


def work_injury(text: str) -> str:
    """The words telling a person hurt at work (a work injury named, or the hurt with the
    employer failing), or ""."""
    named = _WORK_INJURY.search(text)
    if named:
        return named.group(0)
    return both_words(_HURT_AT_WORK, _EMPLOYER_FAILS, text)


def work_injury_readings(text: str) -> list[Reading]:
    """Human resources over the hurt's setting (the hospital, the bite, the animal)."""
    found = work_injury(text)
    return [(LABOUR_UNIT, found, (HEALTH_UNIT, POLICE_UNIT, FARM_UNIT))] if found else []
