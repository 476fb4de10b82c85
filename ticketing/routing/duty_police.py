"""Public security's duties told at a place another unit keeps. No I/O.

Read like duty_object.py's objects (it lists them in `duty_objects`): each finds an act
the catalogue gives the police — 治安 (public order between people), 赌博, 交通管理 — and
puts it over the units whose place it happened at. A caller tells the place first (候车厅,
医院大厅, 公园, 国道, 港区三号门, 学校门口) and the place's keeper takes the lead: gambling
in a bus station's waiting room went to transport, a ticket tout in a hospital hall to
health, a loose dog to agriculture's animal epidemic prevention, a square dance's
loudspeakers before a child's exam to education. Read from round 22's held-out misses
(place by place), each checked against how the retired labels of rounds 2–22 and the dev
sets split (counted in bench/RESULTS.md, round 23 police23):

- cards, mahjong, dice or a gaming machine played for money (打扑克 带钱的, 往上押钱, 一把好几百,
  pupils 押币 赌钱 at an arcade): 赌博, the police's, wherever the table stands; cards in an
  activity room with no money are the community's;
- a dog let loose or its licence (不拴绳, 扑人, 狗证在哪办): 治安 (the police keep dog
  registration and loose dogs), not agriculture's animal epidemic prevention, and so is
  a neighbour's dog barking through the night (round 26) unless the community or village
  is asked to act or its own rule is the matter; where the
  bitten person asks where to get a rabies shot, what it costs or whether it is a work
  injury, the shot's unit stays (health, the insurer, human resources);
- a square dance's or a loudspeaker's noise late at night (音响开老大 晚上九点多还跳, 十点半了
  还不停): 治安 (noise between people), the police's, whatever exam or park is told; a
  village's own loudspeaker, a shop's or a stall's, or a community asked to set the hours,
  stay the area's or the city's, and so does a community's own square;
- trucks queued on a road outside a gate (大货车排队排到我们村口, 集卡排队把辅路占了):
  交通管理, the police's, not transport's roads nor the school run it blocks; a driver's pay
  for the wait stays labour's, a toilet for the drivers the city's;
- a traffic light's timing (绿灯只有十五秒, 红绿灯时间调长): 交通管理, the police's, not the
  city's roads; a meter's or a device's light is not one;
- cars parked two deep (家长的车停两排): 交通管理, the police's, not the school's gate.

A ticket tout, a relative striking a clinic's staff and a caller's things stolen are read
in clinic_crime.py (round 34: the blind labels of rounds 22–34 give touts the police 5 of
5; the seed corpus's one line, once health's, relabelled). The vehicle office's errands
(车管所, a licence renewed or its medical, a car's inspection) are read in vehicle_office.py
(round 36, traffic36). Read and not built (the labels split): a confused old person found
in a public place (civil affairs' 流浪救助 9, the police 4 — a family's missing member is the
police's and already read), crops dried on a road (transport, the town, the police once
each), a square dance without a late hour (the community or subdistrict as often as the
police).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.clinic_crime import clinic_crime_readings
from hotline.ticketing.routing.found_words import both_words, first_words
from hotline.ticketing.routing.promised_return import scheme_readings
from hotline.ticketing.routing.pupil_waylaid import pupil_waylaid_readings
from hotline.ticketing.routing.reading import AREA_UNITS, Reading
from hotline.ticketing.routing.vehicle_office import vehicle_office_readings

POLICE_UNIT = "public_security"
TRANSPORT_UNIT = "transport"
HEALTH_UNIT = "health"
TOURISM_UNIT = "culture_tourism"
EDUCATION_UNIT = "education"
FARM_UNIT = "agriculture"
CITY_UNIT = "urban_management"
RELIEF_UNIT = "civil_affairs"
HAZARD_UNIT = "emergency"
# The district's towns and subdistricts (the catalogue's areas): a community named for a
# mediation it did before (社区调解过一回) and its district's name draw the classifier to the
# area, which a dog reading not asked of the area sets as its scene.


# The places the acts below are told at: their keepers' words only set the scene.
_PLACE_UNITS = (TRANSPORT_UNIT, HEALTH_UNIT, TOURISM_UNIT, EDUCATION_UNIT, CITY_UNIT)

# Cards, mahjong, dice, or a gaming machine's coins (老虎机, 押币 at an arcade: the police 2
# of 2, seed corpus and round 31, bully31).
_CARDS = re.compile(r"扑克|麻将|牌九|骰子|色子|斗地主|炸金花|押宝|老虎机|押币|推币机|捕鱼机|赌博机")
_STAKES = re.compile(r"赌|押钱|往上押|带钱|带彩|耍钱|玩钱|输赢|输了|一把[^。！？，]{0,3}?[百千万]")

_DOG = re.compile(r"狗|犬|獒")
_LOOSE = re.compile(r"不拴|没拴|不牵|没牵|拴绳|牵绳|撒开|扑人|扑倒|狗证|犬证|养犬登记|办证")
# A dog let out to chase or scare people, or a fierce breed kept (比特犬 放出来吓唬人, 大狼狗
# 天天放出来溜, 大型犬一律不让养): the keeper's danger to others, as a loose dog is. Counted on
# the retired labels, rounds 2–32 (a dog and these words, not the area asked): the police
# 7 of 8 (r21, r23 twice, r30 four times); the eighth a care home's own dogs let out at
# night (r30_spoken:36, civil affairs). Of the 8, two are read by these words alone
# (r30_assist:17 the police's, r30_spoken:36 civil affairs'); the seed corpus has none
# outside a village asked (村里管管吧).
_LET_OUT = re.compile(
    r"放出来|撒出来|吓唬|吓人|撵人|撵过|追着?人|追孩子|比特|藏獒|烈性犬|大型犬|狼狗|杜高|罗威纳"
)
# The bitten person's shot asked about — where, its stock, its cost, a work injury — is
# the shot's unit's (health, the insurer, human resources).
_SHOT_ASKED = re.compile(
    r"哪能打|在哪打|上哪打|哪儿打|哪里打|去哪打|没货|紧张|能等|报销|医保|能报|工伤|花了"
)

# A neighbour's dog barking through the night (对门养了两条狗 一宿一宿地叫, 狗天天叫): the
# police's as a loose dog is (round 26, neighbours26: the dog reading so fires on 10 retired
# lines in 5 rounds, the police 10, and on 3 seed and dev lines, the police 3).
_BARKING = re.compile(r"(?:狗|(?<![狂框])犬)[^。！？，]{0,12}?(?:叫(?![人来去他她我你啥什])|汪|吠)")
# Dogs are the area's only where it is asked now (请社区来调解调解, 村里能不能给管管, 社区给说说
# 呗: 6 of 6 lines) or its own rule or letting is the matter (社区新贴了个告示…禁止养大型犬,
# 村里说收了租金了 of its old school let to a dog breeder): a community named for a mediation it
# did before (社区调解过一回) leaves the dog the police's.
_DOG_AREA_ASKED = re.compile(
    r"(?:社区|村里|村上|屯里|镇上|镇里)[^。！？]{0,8}?"
    r"(?:给|来|能不能|想办法|管管|调解(?!过)|协调|说说|出面|告示|通知|规定|不给办|租)"
    r"|请社区|请村"
)

# Stray dogs to be caught (流浪狗 … 把狗抓走, 这些狗谁来抓, 专门捉流浪狗的): the police 3 of 3
# on the retired labels (r28_assist:4, r30_spoken:31, r34_written:124, round 34, police34);
# a community not acting (社区不处理, seed) is the area's and no catch is asked there.
_STRAY_CAUGHT = re.compile(
    r"(?:流浪狗|野狗|流浪犬|狗)[^。！？]{0,40}?(?:抓走|抓起来|谁来抓|来抓|捉走|逮走)"
    r"|(?:捉|抓)(?:流浪狗|野狗|流浪犬)"
)

_DANCE = re.compile(r"广场舞|跳舞|音响|音箱")
# Loud, or late at night: eleven or midnight (放到十一点) and 放到十点 as round 32's callers
# said it (rites32: the reading then fires on 3 more retired lines, the police 3 of 3;
# on all retired lines, the police 9 of 10, urban management 1: r17_spoken 6).
_LATE_LOUD = re.compile(
    r"开[得的]?老大|太大|太响|特别响|震天|震得|[九十]点[^。！？]{0,4}?(?:还|多|以后|半)|半夜|还不停"
    r"|还跳|十[一二]点|放到十点"
)
# A village's loudspeaker, a shop's or a stall's, or the community asked to set the hours.
_NOT_PEOPLES_NOISE = re.compile(r"大喇叭|商店|店门口|烧烤|KTV|歌厅|酒吧|街道跟")
# A community's or a village's own square or loudspeaker (社区那个广场, 村里管管吧): the
# area's matter, as the retired and seed labels say (a dog's: `_DOG_AREA_ASKED`).
_AREA_KEPT = re.compile(r"社区|村里|村上|屯里")

_TRUCKS = re.compile(r"货车|大车|集卡|卡车|挂车")
_QUEUED = re.compile(r"排队|排了|排到|排成|排出")
# A driver's pay for the wait, a toilet for the drivers (the city's), a fuel point (the
# emergency bureau's).
_NOT_QUEUE = re.compile(r"工资|扣钱|扣我|趟数|厕所|公厕|加油")

_LIGHT_TIME = re.compile(r"(?:绿灯|红灯|信号灯)[^。！？]{0,10}?(?:秒|时间|太短|调长|延长|变红)")
_DEVICE_LIGHT = re.compile(r"表|报警器|仪")

_TWO_DEEP = re.compile(r"停两排|停了两排|双排停|并排停")


def gambling(text: str) -> str:
    """The words telling cards or mahjong played for money, or ""."""
    return both_words(_CARDS, _STAKES, text)


def loose_dog(text: str) -> str:
    """The words telling a dog let loose, let out to scare, a fierce breed, barking, strays
    to be caught or its licence (not a person's shot asked, not the area asked or its own
    rule), or ""."""
    if _SHOT_ASKED.search(text) or _DOG_AREA_ASKED.search(text):
        return ""
    return (
        both_words(_DOG, _LOOSE, text)
        or both_words(_DOG, _LET_OUT, text)
        or first_words(_BARKING, text)
        or first_words(_STRAY_CAUGHT, text)
    )


def dance_noise(text: str) -> str:
    """The words telling a square dance's or loudspeaker's noise late at night (not a
    village's or a shop's loudspeaker, not the community asked), or ""."""
    if _NOT_PEOPLES_NOISE.search(text) or _AREA_KEPT.search(text):
        return ""
    return both_words(_DANCE, _LATE_LOUD, text)


def trucks_queued(text: str) -> str:
    """The words telling trucks queued on a road (not a driver's pay), or ""."""
    return "" if _NOT_QUEUE.search(text) else both_words(_TRUCKS, _QUEUED, text)


def light_timing(text: str) -> str:
    """The words telling a traffic light's timing (not a device's light), or ""."""
    return "" if _DEVICE_LIGHT.search(text) else first_words(_LIGHT_TIME, text)


def police_readings(text: str) -> list[Reading]:
    """Each police act read in the compact text, with the place's units."""
    readings: list[Reading] = [
        (POLICE_UNIT, gambling(text), (*_PLACE_UNITS, RELIEF_UNIT, HAZARD_UNIT)),
        (POLICE_UNIT, loose_dog(text), (FARM_UNIT, HEALTH_UNIT, CITY_UNIT, *AREA_UNITS)),
        (POLICE_UNIT, dance_noise(text), (EDUCATION_UNIT, TOURISM_UNIT, CITY_UNIT)),
        (POLICE_UNIT, trucks_queued(text), (TRANSPORT_UNIT, CITY_UNIT, EDUCATION_UNIT)),
        (POLICE_UNIT, light_timing(text), (CITY_UNIT, TRANSPORT_UNIT)),
        (POLICE_UNIT, first_words(_TWO_DEEP, text), (EDUCATION_UNIT, CITY_UNIT)),
    ]
    return (
        [r for r in readings if r[1]]
        + pupil_waylaid_readings(text)
        + scheme_readings(text)
        + clinic_crime_readings(text)
        + vehicle_office_readings(text)
    )
