"""A social insurance's own benefit: the fund's body leads, not where it was asked. No I/O.

An old person's money is told with the offices the caller went to (社区说材料交上去了, 民政说
找社区, 村里说断缴了, 身份证号录错一位): those words set the scene. The catalogue gives each
insurance benefit to the body that runs its fund, whatever office relayed it. Counted on the
retired labels of rounds 2–32 (N of M: requests the reading reads, labelled its unit):

- long-term care insurance (长护险, 长期护理保险) — applied for, assessed, unpaid, widened, or
  a care agency's false claims on its fund: medical insurance's, 7 of 8 (rounds 20 and 32;
  the seed corpus 1 of 1); the other (r32_assist:37, civil affairs) asks what allowances a
  carer at home may have, a civil-affairs allowance (高龄补贴, 护理补贴) named beside it: not
  read where one is, 7 of 7;
- urban and rural residents' pension insurance (新农保, 城乡居民养老保险, 农村养老保险):
  human resources', 4 of 4 (rounds 8 and 32), whatever 身份证号 or the village is told
  (a thin basis: three of the four are round 32's);
- a dead person's pension still drawn (去世三年多了…照领老人的养老金, 老人死了好几年了…冒领养老
  金): human resources' (the social-insurance fund's), 2 of 2, both round 32: a thin basis.
  The pension with a death told but not drawn on is not read: 4 human resources, 2 civil
  affairs (a widow's relief asked), 1 natural resources (a deed's transfer asked beside).

Counted and not built: a funeral grant (丧葬费, 丧葬补助, 抚恤金) with no insurance told —
the retired labels give human resources 2 of 2 (r22_spoken:155, r32_spoken:20), the seed
corpus and holdout2 give civil affairs 2 of 2 on the same bare ask: 2 of 4, split (the
insured person's grant is duty_paper.py's); a pension's payment stopped or withheld
(养老金没到账: the police where a 户口 was cancelled in error, the classifier reads the rest).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.reading import AREA_UNITS, Reading

INSURANCE_UNIT = "medical_insurance"
LABOUR_UNIT = "human_resources"
RELIEF_UNIT = "civil_affairs"
POLICE_UNIT = "public_security"

_CARE_INSURANCE = re.compile(r"长护险|长期护理(?:保险|险)")
# A civil-affairs allowance asked beside it: the caller asks what money there is, not the fund.
_ALLOWANCE_BESIDE = re.compile(r"高龄(?:补贴|津贴)|护理补贴|哪些补贴|低保")

_RESIDENTS_PENSION = re.compile(
    r"新农保|(?:城乡)?居民(?:基本)?养老保险|农村(?:社会)?养老保险|城乡养老保险"
)

_PENSION = r"(?:养老金|退休金|退休工资|养老钱)"
_DIED = r"(?:去世|过世|死了|死了好几年|没了|走了|不在了|人没了)"
# Drawn on after the death: 冒领, 照领, 还在领, 一直领 (not 领 alone: 咋领 asks a grant).
_DRAWN = r"(?:冒领|照领|照样领|还在领|一直领|继续领|接着领|还领着|照拿|还拿着)"
_DEAD_PENSION_DRAWN = re.compile(
    rf"{_DIED}[^。！？]{{0,40}}?{_DRAWN}[^。！？]{{0,10}}?{_PENSION}"
    rf"|{_DRAWN}[^。！？]{{0,10}}?{_PENSION}[^。！？]{{0,30}}?{_DIED}"
)


def care_insurance(text: str) -> str:
    """The words naming long-term care insurance (no civil-affairs allowance beside), or ""."""
    if _ALLOWANCE_BESIDE.search(text):
        return ""
    found = _CARE_INSURANCE.search(text)
    return found.group(0) if found else ""


def residents_pension(text: str) -> str:
    """The words naming the urban and rural residents' pension insurance, or ""."""
    found = _RESIDENTS_PENSION.search(text)
    return found.group(0) if found else ""


def dead_pension_drawn(text: str) -> str:
    """The words telling a dead person's pension still drawn on, or ""."""
    found = _DEAD_PENSION_DRAWN.search(text)
    return found.group(0) if found else ""


def benefit_readings(text: str) -> list[Reading]:
    """The fund's body for each insurance benefit read, over the offices told as its scene."""
    readings: list[Reading] = [
        (INSURANCE_UNIT, care_insurance(text), (RELIEF_UNIT, LABOUR_UNIT, *AREA_UNITS)),
        (LABOUR_UNIT, residents_pension(text), (POLICE_UNIT, RELIEF_UNIT, *AREA_UNITS)),
        (LABOUR_UNIT, dead_pension_drawn(text), (RELIEF_UNIT, POLICE_UNIT, *AREA_UNITS)),
    ]
    return [r for r in readings if r[1]]
