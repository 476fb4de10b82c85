"""A thing a building's households share, told with a harm: whose duty leads. No I/O.

Neighbours call about what they share — a roof water tank, a lift, a shared kitchen or
bathroom, a partitioned flat let room by room, the flat upstairs — and name the body they
blame: the water company for the tank, the property company for the lift, the police for
the flat upstairs. The retired labels follow the harm's keeper where the harm is the
matter, read below as objects (duty_object.py lists them) over the units the scene names:

- illness among the people who share the thing (楼顶那个水箱…好几家上吐下泻, 两个楼共用一个
  电梯…确诊了, 合租…俩人就一个厨房…阳了, a village's households on one well: 村里好几个
  老太太都这样 吃的都是一口井的水): 传染病防控 is the health commission's, not the water
  company's tank, the property company's lift nor the town's well. Counted on rounds 2–25:
  18 of 18 lines read are labelled health; the well (round 28, care28, rounds 2–27) 3 of 3
  more (its murky water with no one ill is the town's, 2 of 2, not read). 2 more tell the
  property company's own conduct (物业承诺…消毒, 物业说消毒水没了: housing both) and are
  not read, nor a school's yard (education 2);
- a fire risk in a partitioned flat let room by room (群租房…电线乱扯, 隔成十一个小间…安全
  出口…锁上, 共用一个厨房…液化气罐): 消防安全 and 安全生产 are the emergency bureau's, not the
  housing bureau's letting. 5 of 5 lines read (with one seed line, housing: 5 of 6); where
  the caller also tells the tenants unregistered (没登记: the police 1, housing 1) or the gas
  company's meter (gas 1) the labels split, and those are not read;
- a water pipe bursting or leaking in the flat upstairs while its owner is away (楼上那家水管
  子爆了…上南方过冬去了, 房主在国外…关阀门): the property company must open up and shut the
  valve (物业管理, the housing bureau's), not the water company nor the police. 4 of 5 lines
  read (the fifth, water; with a holdout line, housing: 5 of 6). A heating pipe upstairs is
  the heating company's (9 of 9, the router's reading already) and a leak argued between
  neighbours the area's mediation (调解), so neither is read.

Read and not built (the labels split): a roof tank dirty with no one ill (死鸟, 虫子: water 3,
housing 3, health 1); a flat crowded with tenants and no fire risk told (housing 3, the police
1, emergency 1 with registration); water pooling at a wall between two estates (urban
management 2, a town 1: too few).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import both_words
from hotline.ticketing.routing.reading import Reading

HEALTH_UNIT = "health"
HAZARD_UNIT = "emergency"
HOUSING_UNIT = "housing"
WATER_UNIT = "water"
POLICE_UNIT = "public_security"
RELIEF_UNIT = "civil_affairs"
GAS_UNIT = "gas"
# Wires pulled through a let flat are its tenants' fire risk, not the power company's line
# (hazard_duties.py reads its box or line endangered): a setting word (round 29, crowded29).
POWER_UNIT = "power"


_ILL = re.compile(
    r"发烧|发热|高烧|手足口|腹泻|拉肚子|拉稀|呕吐|上吐下泻|又吐又拉|又拉又吐|又拉又烧|又烧又吐|诺如|水痘|痢疾|流感|甲流"
    r"|疥疮|肺结核|猩红热|传染|阳了|阳性|两道杠|确诊"
)
# What a building's households share: its water tank, its lift, a kitchen or bathroom a
# let flat's rooms share, a roof or a stair door two entrances share; a village's one well.
_SHARED = re.compile(
    r"水箱|二次供水|蓄水池|电梯|合租|群租|同屋|室友|一口井|那口井|公用井|井水|水井"
    r"|(?:共用|合用|公用|就一个|一个)[^，。！？]{0,3}?(?:厨房|卫生间|厕所|浴室|楼顶|楼洞|(?<!医)院)"
    r"|(?:厨房|卫生间|厕所|浴室)[^，。！？]{0,3}?(?:共用|合用|公用)"
)
# An institution's illness is read by institution_illness.py; children ill together at a
# school split between health and education (47 to 31 on rounds 2–29, left to the classifier);
# food served by a business is the market regulator's. None of them is a building's share.
_NOT_A_BUILDINGS = re.compile(
    r"幼儿园|学校|小学|中学|班里|班上|托管|托育|操场|校车|养老院|敬老院|宿舍|厂|车间|公司"
    r"|饭店|食堂|餐馆|吃了|吃完|医院的护士|诊所"
)
# The property company's own conduct asked about (物业承诺…消毒, 物业说消毒水没了): housing's.
_KEEPERS_CONDUCT = re.compile(r"物业(?:承诺|答应|说|也不|不给|不管|没)")

# A flat let room by room: 群租, a flat partitioned into small rooms, a sublessor.
_LET_BY_ROOM = re.compile(r"群租|隔成[^，。！？]{0,6}?间|二房东")
_FIRE_RISK = re.compile(
    r"电线|插线板|液化气|煤气罐|气罐|飞线|私拉|乱拉|乱扯|电炉|电动车|消防|安全出口|着火|起火"
)
# Tenants unregistered (the police's 流动人口登记) or the gas company's own meter or a gas
# leak: split, or another unit's.
_SPLIT_LETTING = re.compile(r"登记|燃气表|燃气公司|煤气公司|漏气")

_UPSTAIRS = r"(?:楼上|上面那家|上边那家|上头那家)"
_LEAK = r"(?:爆|冻裂|漏|往下淌|往下流|往下滴)"
_UPSTAIRS_LEAK = re.compile(rf"{_UPSTAIRS}[^。！？]{{0,20}}?{_LEAK}")
# The owner away: nobody in, the flat empty, gone south or abroad, not answering.
_OWNER_AWAY = re.compile(
    r"没人住|没人在|家没人|没人|空房|空着|在外地|在国外|出国|出远门|外出|南方|过冬|过年|联系不上|找不着"
    r"|打不通|不接"
)
# A heating pipe is the heating company's, a gas leak the gas company's, a leak argued
# between neighbours the area's.
_NOT_A_WATER_PIPE = re.compile(r"暖气|热力|供暖|采暖|地热|调解|煤气|燃气|漏气")


def shared_illness(text: str) -> str:
    """The words telling illness among those who share a building's thing, or ""."""
    if _NOT_A_BUILDINGS.search(text) or _KEEPERS_CONDUCT.search(text):
        return ""
    return both_words(_SHARED, _ILL, text)


def let_flat_fire_risk(text: str) -> str:
    """The words telling a fire risk in a flat let room by room, or ""."""
    if _SPLIT_LETTING.search(text):
        return ""
    return both_words(_LET_BY_ROOM, _FIRE_RISK, text)


def upstairs_leak_owner_away(text: str) -> str:
    """The words telling a water pipe leaking upstairs while its owner is away, or ""."""
    if _NOT_A_WATER_PIPE.search(text):
        return ""
    return both_words(_UPSTAIRS_LEAK, _OWNER_AWAY, text)


def shared_thing_readings(text: str) -> list[Reading]:
    """The harm's keeper over the units the shared thing's scene names, in `text` (compact)."""
    found: list[Reading] = []
    ill = shared_illness(text)
    if ill:
        found.append((HEALTH_UNIT, ill, (WATER_UNIT, HOUSING_UNIT, RELIEF_UNIT)))
    risk = let_flat_fire_risk(text)
    if risk:
        found.append((HAZARD_UNIT, risk, (HOUSING_UNIT, POLICE_UNIT, POWER_UNIT)))
    leak = upstairs_leak_owner_away(text)
    if leak:
        found.append((HOUSING_UNIT, leak, (WATER_UNIT, POLICE_UNIT)))
    return found
