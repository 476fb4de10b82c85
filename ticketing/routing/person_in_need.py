"""A person or an animal in need, told by whoever found them: whose duty the need is. No I/O.

Read like duty_object.py's objects (it lists them in `duty_objects`). A caller who speaks
for someone in need tells the place they were found (浴场, 沙滩, 超市停车场, 楼道, 桥底下),
and the place's keeper's words draw the lead: a child lost on a beach went to culture and
tourism, a dog shut in a car at a supermarket to the market regulator, a young man sleeping
in a stairwell to the police. The catalogue gives the need's duty by what the person
needs: to be found or to find their family (the police's), shelter for someone with
nowhere to go (civil affairs' 流浪乞讨救助), rescue now (the police's, for an animal shut
in a car). Counted on the retired labels of rounds 2–27 (bench/RESULTS.md, round 27 after
the measurement, plight27):

- a child lost now or found lost (孩子走丢了, 捡着个走丢的小丫头, 捡着个小孩…找不着家大人):
  the police's, 9 of 9 lines (rounds 6–27), over the beach, the school gate or the shop
  where it happened; not a suggestion for a meeting point (建议…走失儿童的集合点: culture
  and tourism twice), nor a paper lost (接种本 弄丢了, the paper's unit), nor a crowd that
  nearly lost one (挤丢: the scenic area's crowding);
- someone sleeping or living in a public place — a stairwell, under a bridge, a station's
  hall, an underpass, an ATM booth, a shed, a park's bench (楼道里睡了个人, 桥洞子底下住着个
  流浪的, 候车室睡着个老头): shelter, civil affairs', 22 of 23 lines (rounds 2–27; the one
  other asked the police by name first, which roles.first_named reads; the seed corpus 3 of
  3), over the police a stranger draws and the health words of his cough; not a pipe frozen
  in a stairwell, a group rental, a queue reaching the stairs, a hotel stay, nor workers
  left sleeping on a site by their contractor (the wage, human resources');
- an animal shut in a car in the sun (车里关着条狗 大太阳底下晒): the police's, 2 of 2
  lines (round 27, both sets), over the supermarket whose car park it is. Only two lines,
  one round: the reading is thin and the lead should weigh it so.

Counted and not read: an adult found confused in a public place, not sleeping there (走丢的
老太太 在超市门口转悠: the police 3, civil affairs 2 where 说不清家在哪 is told with days
spent there); a bedridden person's identity card done at home (one line, the police).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import both_words, first_words
from hotline.ticketing.routing.reading import Reading

POLICE_UNIT = "public_security"
RELIEF_UNIT = "civil_affairs"
HEALTH_UNIT = "health"
TOURISM_UNIT = "culture_tourism"
EDUCATION_UNIT = "education"
MARKET_UNIT = "market_supervision"
CITY_UNIT = "urban_management"
TRANSPORT_UNIT = "transport"
HOUSING_UNIT = "housing"

_CHILD = r"(?:孩子|小孩|小男孩|小女孩|小丫头|小姑娘|小小子|小子|闺女|儿子)"
_LOST = r"(?:走丢|走失|丢了|找不着了|找不到了)"
# The child the lost one, or a lost child found (捡着个走丢的小丫头, 捡着个小孩).
_CHILD_LOST = re.compile(
    rf"{_CHILD}[^。！？，]{{0,8}}?{_LOST}"
    rf"|(?:走丢|走失|捡着|捡到|捡了)[^。！？，]{{0,6}}?{_CHILD}"
)
# A suggestion for the future, a paper or a thing lost (本, 证, 手机), a crowd that nearly
# lost one: not a child lost now.
_NOT_LOST_NOW = re.compile(r"建议|希望|挤丢|差点|本|证|手机|钱包|卡|车|电瓶|钥匙")

_PUBLIC_PLACE = (
    r"(?:楼道|桥洞|桥底|桥下|候车厅|候车室|车站|地下通道|取款机|自助银行|车棚|棚子"
    r"|广场|公园|马路边|街边|站前|门洞)"
)
# Someone sleeping, living or lying in a public place, the place told first or after; 住 as a
# verb's end (拦住孩子 in an underpass, round 31) is no one living there.
_SLEEPING_OUT = re.compile(
    rf"(?:睡|住|躺)[在着了]?[^。！？，]{{0,4}}?{_PUBLIC_PLACE}"
    rf"|{_PUBLIC_PLACE}[^。！？，]{{0,8}}?(?:睡|(?<![拦堵挡抓记站停卡])住(?!户)|躺)(?![不满])"
)
# A stranger is the one sleeping there: not a frozen pipe, a group rental, a queue, a hotel
# stay, nor workers left on a site by a contractor (包工头: the wage is the matter), nor a
# dormitory, a work shed or a flat cut into rooms where many live (宿舍 一个大棚子住了四十多人:
# their fire risk is crowded_fire.py's; round 29, 2 emergency lines, no civil affairs one).
_NOT_A_SLEEPER = re.compile(
    r"水管|上水|群租|隔了|隔成|宿舍|工棚|排队|排到|流浪狗|流浪猫|酒店|宾馆|民宿|包工头"
)

_ANIMAL = r"(?:狗|猫)"
_SHUT_IN_CAR = re.compile(
    rf"车[^。！？，]{{0,6}}?(?:关着|锁着|困着|关了|锁了)[^。！？，]{{0,3}}?{_ANIMAL}"
    rf"|{_ANIMAL}[^。！？，]{{0,6}}?(?:关|锁|困)在[^。！？，]{{0,4}}?车里"
)
_HEAT = re.compile(r"太阳|晒|热|闷|喘")


def child_lost(text: str) -> str:
    """The words telling a child lost now or found lost (not a suggestion, a paper), or ""."""
    return "" if _NOT_LOST_NOW.search(text) else first_words(_CHILD_LOST, text)


def sleeping_out(text: str) -> str:
    """The words telling someone sleeping or living in a public place, or ""."""
    return "" if _NOT_A_SLEEPER.search(text) else first_words(_SLEEPING_OUT, text)


def animal_shut_in(text: str) -> str:
    """The words telling an animal shut in a car in the heat, or ""."""
    return both_words(_SHUT_IN_CAR, _HEAT, text)


def need_readings(text: str) -> list[Reading]:
    """Each need read in the compact text, with the units whose words set its scene."""
    readings: list[Reading] = [
        (
            POLICE_UNIT,
            child_lost(text),
            (TOURISM_UNIT, EDUCATION_UNIT, RELIEF_UNIT, MARKET_UNIT, TRANSPORT_UNIT),
        ),
        (
            RELIEF_UNIT,
            sleeping_out(text),
            (POLICE_UNIT, HEALTH_UNIT, CITY_UNIT, TRANSPORT_UNIT, HOUSING_UNIT),
        ),
        (POLICE_UNIT, animal_shut_in(text), (MARKET_UNIT, TOURISM_UNIT, CITY_UNIT)),
    ]
    return [r for r in readings if r[1]]
