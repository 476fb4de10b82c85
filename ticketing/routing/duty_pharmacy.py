"""A pharmacy's own conduct: the market regulator's, over the illness it is told with. No I/O.

Read like duty_object.py's objects (it lists them in `duty_objects`). A caller whose child
burns with fever at night tells the fever first (半夜发烧, 烧到三十九度五) and the pharmacy
after: shut when it should be open (跑了三家全关门, 哪儿有二十四小时开门的药店), its night
clerk's dose (药店值班的给拿了成人的退烧药), prescription drugs sold without asking. The
catalogue gives a retail pharmacy's trading (药品零售经营) to the market regulator; the
fever is only the scene, so health's words count at the setting's factor.

Counted on the retired labels of rounds 2–28 (bench/RESULTS.md, night28): a pharmacy named
(药店, 药房, 药铺) where the matter is its own — not a medical insurance card used there
(医保, 刷卡, 定点: the insurer's, 47 of 49), not a medicine nobody has (买不着, 缺货: health's
shortage), not a doctor sending patients to a pharmacy (health's conduct), not a hospital's
own dispensary, a vet's drugs or a drip put up in the back room — goes to the market
regulator 54 of 56 (96 %); at night or about its hours 5 of 5 (all round 28). The two
others: a homophone of the insurance card (一饱卡: the insurer's) and whether a pharmacy's
antigen test counts for work (health's).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.duty_act import SETTLED_ACROSS
from hotline.ticketing.routing.reading import Reading

MARKET_UNIT = "market_supervision"
HEALTH_UNIT = "health"

_PHARMACY = re.compile(r"药店|药房|药铺")
# The insurer's card used at the pharmacy (also misheard: 衣保卡, 义保卡 end in 保卡).
# A bill settled across cities (能异地结算的药店) is the insurer's too (duty_act.py).
_INSURED = re.compile(rf"医保|保卡|刷卡|统筹|定点|报销|个人账户|{SETTLED_ACROSS}")
# A medicine no one has is health's shortage, not one pharmacy's conduct.
_SHORTAGE = re.compile(r"买不着|买不到|买不上|没有了|缺货|断货|没货|都没有|没这个药")
# A doctor or a clinic sending patients to a pharmacy: the doctor's conduct, health's.
_SENT_BY_DOCTOR = re.compile(
    r"(?:大夫|医生|卫生院|医院)[^。！？]{0,12}?让[^。！？]{0,10}?(?:药店|药房)"
)
# A hospital's own dispensary, a vet's drugs, a drip in the back room, a pharmacy only
# compared with (外面药店卖多少): not a retail pharmacy's trading.
_NOT_RETAIL = re.compile(r"医院药房|医院的药房|兽药|吊瓶|输液|挂水|外面药|外边药")


def pharmacy_conduct(text: str) -> str:
    """The pharmacy named as the one that acted or failed (not the insurer's card, a
    shortage, a doctor's referral, a dispensary or a vet's), or ""."""
    found = _PHARMACY.search(text)
    if not found:
        return ""
    for other in (_INSURED, _SHORTAGE, _SENT_BY_DOCTOR, _NOT_RETAIL):
        if other.search(text):
            return ""
    return found.group(0)


def pharmacy_readings(text: str) -> list[Reading]:
    """A pharmacy's own conduct as the market regulator's, health only its scene."""
    words = pharmacy_conduct(text)
    return [(MARKET_UNIT, words, (HEALTH_UNIT,))] if words else []
