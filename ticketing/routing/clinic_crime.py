"""A crime or a breach of public order at a hospital or clinic: the police's, not health's.
No I/O.

A caller tells the hospital first (中心医院门诊大厅, 我们诊所, 在医院排队挂号) and its words
are health's, so round 34 sent six of its police lines to health: ticket touts reselling
appointment numbers, a 医托 leading patients to a back-street clinic, a phone stolen in the
registration queue, a doctor beaten by a drunk relative, a family blocking a clinic and
breaking its glass. Touting, theft and violence are 治安 (public order), the police's duty
in the catalogue, wherever they happen. Counted on the retired labels of rounds 2–34:

- a tout (号贩子, 医托, a 黄牛 reselling numbers): the police 5 of 5 (r22_spoken:104,
  r34_spoken:44, :63, r34_written:7, :54); left unread where black cabs touting for fares
  are told with them (黑车 拉客: transport leads, r6_assist:20), and a hospital's own
  system (约满, 串通: r34_spoken:134, health) has no tout's word. The seed corpus's one
  号贩子 line, once health's, is relabelled the police's and 号贩子 is no longer one of
  health's phrase words in config/routing.yaml: the blind labels of two rounds agree;
- a patient's relatives striking staff or besieging a clinic (被病人家属打了一巴掌, 拉横幅、
  堵门, 砸了玻璃): the police 3 of 3 (r28_assist:19, r34_assist:34, :40); a teacher's slap
  seen at a hospital (education) or a taxi driver's threat (transport) are no relative's;
- a caller's phone, wallet or e-bike stolen (手机让人给偷了, 电动车被偷了), the stranded
  victim's relief not asked: the police 9 of 9 in eight rounds (r10, r11, r12, r15, r20
  twice, r22, r25, r34_spoken:77) and 2 of 2 seed lines; a victim asking for the fare home,
  food or a bed is civil affairs' (回不了家, 饭钱, 救助: 10 retired lines with a theft
  told, among them r34_written:125 at a hospital) and left unread.

Read and not built: a rabid dog (one line, r34_assist:31, agriculture).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.reading import Reading

POLICE_UNIT = "public_security"
# The hospital's, the ticket's (a black cab or a bus station) and the shop's words only set
# the scene.
SETTING_UNITS = ("health", "transport", "market_supervision", "medical_insurance")

# A tout at a hospital: 号贩子, 医托, or a 黄牛 (also a cow, and an online booking grabbed)
# with appointment numbers resold (黄牛倒号, 票贩子倒卖专家号).
_TOUT = re.compile(
    r"号贩子|医托|(?:黄牛|票贩子)[^。！？，]{0,4}?(?:倒号|倒卖|倒手|加价|专家号|挂号)"
)
# Black cabs touting for fares beside them: transport's (r6_assist:20).
_NOT_TOUT = re.compile(r"黑车|拉客|抢了")

_MEDICAL = re.compile(r"医院|诊所|卫生院|卫生室|门诊|急诊|病房|医生|大夫|护士|医护")
# A patient's relatives, or the patient, striking the staff (被一个喝醉的病人家属打了) or
# besieging the clinic (拉横幅、堵门, 砸了玻璃). 打 is not followed by a shot, a drip or a call.
_RELATIVE = r"(?:家属|病人|患者|病号)"
_STRUCK = re.compile(
    rf"被[^。！？，]{{0,10}}?{_RELATIVE}[^。！？，]{{0,2}}?"
    r"(?:打(?![针疫吊点电听])|揍|踹|扇|推倒|砍|捅)"
    r"|殴打(?:医生|大夫|护士|医护)|医闹|袭医|伤医"
)
_BESIEGED = re.compile(
    rf"{_RELATIVE}[^。！？]{{0,30}}?"
    r"(?:拉横幅|堵门|堵着门|砸了?(?:玻璃|门|窗|东西|桌)|打砸|闹事)"
)

# A caller's own things stolen (手机让人给偷了, 电动车被偷了, 钱包在候车室让人偷了).
_STOLEN = re.compile(
    r"(?:手机|钱包|电动车|电瓶车|电瓶|自行车|包)[^。！？，]{0,6}?"
    r"(?:被|让|叫)[^。！？，]{0,3}?(?:偷|扒)"
)
# A stranded victim asking for the fare home, food or a bed: civil affairs' relief.
_RELIEF_ASKED = re.compile(r"救助|回不了|回不去|回家|路费|饭钱|没钱|住的地方|流浪|送回")


def tout(text: str) -> str:
    """The words telling a tout reselling numbers or a 医托 (not black cabs), or ""."""
    if _NOT_TOUT.search(text):
        return ""
    found = _TOUT.search(text)
    return found.group(0) if found else ""


def staff_struck(text: str) -> str:
    """The words telling a patient's relatives striking staff or besieging a clinic, or
    ""."""
    if not _MEDICAL.search(text):
        return ""
    found = _STRUCK.search(text) or _BESIEGED.search(text)
    return found.group(0) if found else ""


def things_stolen(text: str) -> str:
    """The words telling a caller's things stolen (no relief asked), or ""."""
    if _RELIEF_ASKED.search(text):
        return ""
    found = _STOLEN.search(text)
    return found.group(0) if found else ""


def clinic_crime_readings(text: str) -> list[Reading]:
    """The police over the hospital's and the shop's words, in `text` (compact)."""
    readings: list[Reading] = [
        (POLICE_UNIT, tout(text), SETTING_UNITS),
        (POLICE_UNIT, staff_struck(text), SETTING_UNITS),
        (POLICE_UNIT, things_stolen(text), SETTING_UNITS),
    ]
    return [r for r in readings if r[1]]
