"""Care asked for a sick or helpless person, and a health paper or test held against
someone: whose duty the care or the wrong is. No I/O.

Read like duty_act.py's acts (it lists these readings). A caller asking care for someone at
home tells the place (红海这儿, 熊岳的), the person's plight (一个人住, 瘫在床上) and the
paper or test in the story (出生证明, 乙肝), and those words draw the area, civil affairs or
the police. The catalogue gives the duty by what is asked or wronged. Counted on the retired
labels of rounds 2–34 (bench/RESULTS.md, round 34 after the measurement, care34):

- a doctor, nurse or clinic asked (or promised) to come to the home (社区医生能不能上门给
  看看, 请卫生院派个医生来家里, 签了家庭医生 说好每月上门): 基层医疗卫生服务, health's, 28 of
  31 lines in 14 rounds (4–34); the other three ask about 医保 or a 慢病卡 (the insurer's,
  2) or ask 民政局 to organise care homes (civil affairs', 1), which the reading leaves out;
- a hepatitis B carrier refused or dismissed from a job (入职体检查出小三阳 厂里就不要我了):
  就业歧视, human resources', 4 of 5 (rounds 8, 33, 34); the fifth is a 健康证 refused (the
  health certificate, health's), left out with a school's rule;
- a birth certificate (出生医学证明) written wrong or not issued (名字打错了一个字, 一直说
  没打出来): the hospital's paper, health's, 7 of 7 (rounds 23, 31, 34), not the police
  station whose household registration waits on it.

Counted and not read (bench/RESULTS.md): a mortuary's days and fees (civil affairs 3, health
1), a care home's 医务室 (civil affairs 3, one round), a relative with a mental illness to be
taken to hospital (health 2, one round; someone wandering is the police's or the rescue
station's), a registration app's identity binding (health 2, one round), someone fallen
behind a locked door (the police, the gas company and the area split), a paralysed person
alone with no one to care (civil affairs 9 of 11, but the classifier already leads it and a
village asked draws the town).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import first_words
from hotline.ticketing.routing.reading import AREA_UNITS, Reading

HEALTH_UNIT = "health"
LABOUR_UNIT = "human_resources"
RELIEF_UNIT = "civil_affairs"
POLICE_UNIT = "public_security"
INSURANCE_UNIT = "medical_insurance"

# A doctor, a nurse or a clinic and, within a clause or two, its coming to the home.
_HOME_DOCTOR = re.compile(
    r"(?:大夫|医生|护士|卫生院|卫生服务中心|卫生站|卫生室|村医)[^。！？]{0,14}?"
    r"(?:上门|来家|到家|家里来|来我家)"
)
# The insurer's payment or card for the visit, or civil affairs asked to organise it.
_NOT_HOME_CARE = re.compile(r"医保|慢病卡|报销|民政")

_HEPATITIS_B = r"(?:乙肝|表面抗原阳性|大三阳|小三阳|携带者)"
_REFUSED_WORK = (
    r"(?:不录用|不能录用|不予录用|不要我|不用我|辞了|辞退|开除|不让上班|不让干|拒绝录用|劝退)"
)
_CARRIER_REFUSED = re.compile(rf"{_HEPATITIS_B}[^。！？]{{0,30}}?{_REFUSED_WORK}")
# The health certificate refused (health's), a school's or a pupil's rule (education's).
_NOT_JOB = re.compile(r"健康证|学校|住校|护校|幼儿园|孩子")

_BIRTH_PAPER_WRONG = re.compile(
    r"(?:出生证|出生医学证明)[^。！？]{0,30}?(?:错|没打出来|不给开|没给开|开不出来)"
)


def home_doctor(text: str) -> str:
    """The words asking a doctor to come to the home (not its 医保 payment), or ""."""
    return "" if _NOT_HOME_CARE.search(text) else first_words(_HOME_DOCTOR, text)


def carrier_refused(text: str) -> str:
    """The words telling a hepatitis B carrier refused a job (not a 健康证), or ""."""
    return "" if _NOT_JOB.search(text) else first_words(_CARRIER_REFUSED, text)


def birth_paper_wrong(text: str) -> str:
    """The words telling a birth certificate written wrong or not issued, or ""."""
    return first_words(_BIRTH_PAPER_WRONG, text)


def care_asked_readings(text: str) -> list[Reading]:
    """Each care or wrong read in the compact text, with its unit and its setting's units."""
    readings: list[Reading] = [
        (HEALTH_UNIT, home_doctor(text), (RELIEF_UNIT, *AREA_UNITS)),
        (LABOUR_UNIT, carrier_refused(text), (HEALTH_UNIT,)),
        (HEALTH_UNIT, birth_paper_wrong(text), (POLICE_UNIT, INSURANCE_UNIT)),
    ]
    return [r for r in readings if r[1]]
