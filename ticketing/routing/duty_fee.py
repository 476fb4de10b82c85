"""A disputed charge: the duty over the price or over the thing paid for. No I/O.

Read like duty_object.py's objects (it lists them in `duty_objects`). A caller who disputes
a charge names the body that collects it, and that body's words lead the rules; the
catalogue gives the dispute to whoever supervises the price or owns the thing paid for.
Counted on the retired labels of rounds 2–26 (N of M: requests the reading reads, labelled
its unit):

- a utility cut by the property company to make a household pay the property company's own
  fee (欠物业费 … 物业把水阀关了): 物业服务 is the housing bureau's, the water, heating or power
  only the scene — 5 of 6 (round 2's one was labelled heating);
- the heating fee's amount or refund disputed where the property company only collects or
  passes it on (物业说取暖费报停了还得收百分之三十, 采暖费通知单 … 面积多算了): the heating
  fee is the heating supplier's, the property company the scene — 11 of 12 (the one housing:
  the property company left with the money, 物业收完钱没交给热力公司就撤了); not read where
  the property company adds a charge of its own (duty_bill.py) or cuts the heat for its own
  fee (above), nor where the caller cannot pay (relief: civil affairs');
- a car park's charge outside a residential compound (医院地下停车场 … 一小时三块按五块收,
  浴场停车场没有收费公示): 价格监管 is the market regulator's, the hospital or the beach only
  the scene — 10 of 10; a compound's parking is the property company's (housing 2 of 2), a
  car park's price only told (景区停车场一天收50还满了: the crowd is the ask) not read;
- a vaccine's fee (打乙脑收了五十 这不是免费的吗, 建卡费 … 有的疫苗要自费 医保能报吗):
  疫苗接种 is the health bureau's, the medical insurance's words only the scene — 6 of 6, all
  of round 26 (the price only asked is a consult: health 29 of 35 with any fee word, medical
  insurance's where the caller asks it to pay, 3); not read where a school or kindergarten
  collects it (health 1, education 1: split), nor for a ride to the shots (a community's).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.duty_bill import property_charge
from hotline.ticketing.routing.reading import Reading

HOUSING_UNIT = "housing"
HEATING_UNIT = "heating"
MARKET_UNIT = "market_supervision"
HEALTH_UNIT = "health"
UTILITY_UNITS = ("water", "heating", "power", "gas")

# The property company cutting water, heat, power or gas (物业 … 把我家水表阀门关了, 物业 …
# 就把我家的水给停了, 物业 … 把暖气阀门给关了), within a sentence.
_PROPERTY_CUTS = re.compile(
    r"物业[^。！？]{0,30}?(?:(?:水|暖|电|气|阀)[^。！？，,]{0,6}?(?:关|停|断|掐|拔|锁)"
    r"|(?:关|停|断|掐)(?:了)?(?:我家|我们家|我们)?的?(?:水|暖|电|气))"
)
# The fee owed is the property company's own (欠了物业费, 物业费有异议没交, 没交物业费).
_OWN_FEE_OWED = re.compile(
    r"(?:欠|没交|不交|未交|拖欠|欠了)[^。！？，,]{0,4}?物业费"
    r"|物业费[^。！？]{0,8}?(?:异议|没交|不交|未交|欠)"
)

_HEATING_FEE = re.compile(r"采暖费|取暖费|暖气费|供暖费|踩暖费")
# The fee's amount, a stop, a refund or a collection disputed.
_FEE_DISPUTED = re.compile(
    r"报停|退|多收|多算|多交|面积|平米|基础费|单价|百分之|通知单|单子|代收|收[了完]|按[^。！？]{0,6}收"
)
# The caller cannot pay and asks for relief: civil affairs' or a relief reading's.
_CANNOT_PAY = re.compile(r"交不起|没钱交|减免|缓交|低保|补贴|困难")

_CAR_PARK = re.compile(r"停车场")
# The price disputed, not only told (景区停车场一天收50还满了: the crowd is the ask): charged
# without a posted price or a ticket, above the sign, or called arbitrary.
_CHARGED = re.compile(r"收")
_PRICE_DISPUTED = re.compile(
    r"乱收费|公示|不给票|没有票|没票|发票|收据|牌子|收费牌|多收|按[^。！？]{0,4}收|谁定|说好"
)
_COMPOUND = re.compile(r"小区|物业|业主")

_VACCINE = re.compile(r"疫苗|接种|乙脑|流脑|百白破|麻腮风")
_ANIMAL = re.compile(r"狗|猫|犬|羊|猪|牛|鸡|鸭|鹅|宠物")
# Money taken for the shot (收了五十, 收费单, 服务费, 交一百块建卡费, 先交了一千六), not only its
# price asked (要钱吗, 自费多少, 免费不: health's consults, or medical insurance's where the
# caller asks it to pay).
_VACCINE_FEE = re.compile(
    r"收了|收费|收我|非得收|服务费|建卡费|交[^。！？，]{0,3}(?:钱|块|元|\d|[一二三四五六七八九十两百千]{2})"
)
# Collected by a school or kindergarten (split), or the money is a ride's, not the shot's.
_NOT_THE_SHOTS = re.compile(r"学校|幼儿园|园里|园医|班主任|老师|车费|路费")


def property_fee_cut(text: str) -> str:
    """The words telling the property company cut a utility over its own fee, or ""."""
    cut = _PROPERTY_CUTS.search(text)
    return cut.group(0) if cut and _OWN_FEE_OWED.search(text) else ""


def heating_fee_disputed(text: str) -> str:
    """The words telling the heating fee disputed, the property company only its collector
    (not its own charge, not a cut for its own fee, not a fee the caller cannot pay), or ""."""
    if "物业" not in text or _CANNOT_PAY.search(text):
        return ""
    if property_charge(text) or property_fee_cut(text):
        return ""
    fee, disputed = _HEATING_FEE.search(text), _FEE_DISPUTED.search(text)
    return f"{fee.group(0)}…{disputed.group(0)}" if fee and disputed else ""


def car_park_price(text: str) -> str:
    """The words telling a car park's charge outside a residential compound, or ""."""
    if _COMPOUND.search(text):
        return ""
    park = _CAR_PARK.search(text)
    if park is None:
        return ""
    if not _CHARGED.search(text, park.end()):
        return ""
    price = _PRICE_DISPUTED.search(text, park.end())
    return f"{park.group(0)}…{price.group(0)}" if price else ""


def vaccine_fee(text: str) -> str:
    """The words telling a person's vaccine charged or its fee asked (not an animal's, not
    one a school collects, not a ride to it), or ""."""
    if _ANIMAL.search(text) or _NOT_THE_SHOTS.search(text):
        return ""
    shot, fee = _VACCINE.search(text), _VACCINE_FEE.search(text)
    return f"{shot.group(0)}…{fee.group(0)}" if shot and fee else ""


def fee_readings(text: str) -> list[Reading]:
    """Each disputed charge read as the duty over its price or the thing paid for."""
    found: list[Reading] = []
    cut = property_fee_cut(text)
    if cut:
        found.append((HOUSING_UNIT, cut, UTILITY_UNITS))
    heating = heating_fee_disputed(text)
    if heating:
        found.append((HEATING_UNIT, heating, (HOUSING_UNIT,)))
    park = car_park_price(text)
    if park:
        found.append((MARKET_UNIT, park, ("health", "culture_tourism", "urban_management")))
    shot = vaccine_fee(text)
    if shot:
        found.append((HEALTH_UNIT, shot, ("medical_insurance",)))
    return found
