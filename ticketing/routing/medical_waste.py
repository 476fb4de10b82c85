"""A clinic's or hospital's medical waste dumped or burnt: the environment bureau's. No I/O.

A caller who finds needles, infusion bags and blood-stained cotton in the rubbish tells the
clinic or hospital they came from (一楼开了个小诊所 … 垃圾桶里全是针管子 输液袋子 带血的棉球,
中心医院后门 … 带血的纱布、针头、输液袋跟生活垃圾混着倒), and those words read as health's.
The catalogue gives medical waste's disposal to the environment bureau (医疗废物, 危险废物)
whoever produced it; round 34 sent its three dumped-waste lines to health.

Counted on the retired labels of rounds 2–34 (bench/RESULTS.md, waste34): medical waste
(医疗垃圾, 针头, 针管, 输液袋 or 输液瓶, blood-stained cotton or gauze) with a disposal act near it
(扔, 倒, 烧, 混): environment 9 of 11 (r8_spoken:80, r8_assist:35, r30_written:114,
r30_assist:5, r34_spoken:34, r34_spoken:83, r34_spoken:119, r34_written:108, r34_assist:39;
a pet clinic's waste is the environment's too). The two health lines are left unread by the
exclusions below, which makes the reading 9 of 9: a practice without a licence or a sign that
also throws its needles out (没个诊所牌子 … 针头用完就扔院子里, r34_written:66: 非法行医 is the
point), and a caller asking health's inspectors alone (请卫生监督的来查, r25_written:46; with
环保 named as well it stays the environment's, r8_assist:35). Not read either: a needle-stick
injury asked about (让垃圾袋里一个针头扎了 … 打啥针, health, r28_spoken:76), and a clinic asking
how to store its waste (医疗废物暂存, health, r34_written:92) — neither has the act.

Counted and not built: a clinic's, hospital's or dialysis centre's sewage (污水 … 排, 透析中心
… 废水排进化粪池) is environment 3 of 3, but all in round 34; a hospital's secondary-supply water
tank (二次供水水箱) is health once (r34_assist:21) against water, housing and health for other
tanks — both wait for more rounds.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.either_order import either_order
from hotline.ticketing.routing.reading import Reading

ENVIRONMENT_UNIT = "environment"
# The clinic or hospital (health), the rubbish bin (urban management), a pet clinic's animal
# words (agriculture): only the scene.
SETTING_UNITS = ("health", "urban_management", "agriculture")

# Medical waste: named as such, or its needles, syringes, infusion sets, blood-stained dressings.
_WASTE = (
    r"(?:医疗垃圾|医疗废物|医废|针头|针管|注射器|输液袋|输液瓶|输液管"
    r"|带血的?(?:棉球|棉签|纱布)|纱布)"
)
# Thrown, dumped, mixed in or burnt: not stored, collected or stuck into someone.
_DISPOSED = r"(?:扔|倒(?!号|班|车)|(?<![发高低退])烧(?![到退])|混)"
_WASTE_DISPOSED = re.compile(either_order(_WASTE, _DISPOSED, 30, 12))

# A practice without a licence or a sign (非法行医: health's point, the needles only its mess).
_UNLICENSED = re.compile(
    r"牌子|没挂牌|无证|没证|没有证|啥证|执照|行医|资质|资格|黑诊所|不是医生|不是大夫"
)
# Health's inspectors asked and the environment not named.
_HEALTH_ASKED = re.compile(r"卫生监督|卫健|卫生部门|卫生局")
_ENVIRONMENT_NAMED = re.compile(r"环保|环境|生态")
# A needle-stick injury asked about: the shots and infections are health's.
_EXPOSURE = re.compile(r"打啥针|打什么针|乙肝|艾滋|传染|阻断")


def medical_waste(text: str) -> str:
    """The words telling medical waste dumped or burnt (not an unlicensed practice's, not
    health's inspectors asked alone, not a needle-stick asked about), or ""."""
    if _UNLICENSED.search(text) or _EXPOSURE.search(text):
        return ""
    if _HEALTH_ASKED.search(text) and not _ENVIRONMENT_NAMED.search(text):
        return ""
    found = _WASTE_DISPOSED.search(text)
    return found.group(0) if found else ""


def medical_waste_readings(text: str) -> list[Reading]:
    """The environment bureau over the clinic's and the bin's words, in `text` (compact)."""
    words = medical_waste(text)
    return [(ENVIRONMENT_UNIT, words, SETTING_UNITS)] if words else []
