"""Livestock or a cart in a road's traffic: the traffic police's. No I/O.

Read like duty_object.py's objects (it lists them in `duty_objects`). A flock of sheep or
cattle walking a 公路 or a 国道, a horse cart hauling goods on a village road without lights:
the catalogue's public security (交通管理) keeps such a road's order, over the transport
bureau whose road it is, the agriculture words of the herd and the city's words of the
street. Counted on the retired labels of rounds 2–30 (bench/RESULTS.md, round 30 after the
measurement, roads30):

- livestock or a cart moving on a road (羊群上道了, 一大群羊在马路当中走 后面堵了一长串车,
  几头牛晚上总跑到公路上 撞坏两辆车, 马车 天天在国道上走, 马车拉着货走主路…闯红灯): the
  police's, 7 of 7 lines read (one a suggestion that asks a traffic police patrol besides
  signs; all round 30: no earlier round told one, so a thin basis, one round's). The cue
  alone, with the near misses below, is the police's 7 of 12 (58 %).

Not read, as the labels went elsewhere:
- their dung left on the road (羊粪一路 车开过去打滑, 牛粪…冲道上了, 村道上堆了一堆羊粪): the
  village's town, 3 of 3 (rounds 29–30), unless a traffic offence is told besides (马粪一路掉
  赶车的还闯红灯: the police's, counted above);
- a truck carrying cattle overturned on a broken road (拉牛的货车…翻了 路…塌了): transport,
  1 of 1 (the road's repair);
- a sign or a speed hump asked for such a road (立个牌子…牛羊过道, 加装警示牌和减速带):
  transport 2 of 3, the police 1 where a traffic police patrol is asked too (派交警巡一巡);
  67 %, not built: the patrol asked is read here, the sign alone is left to the votes.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.reading import Reading

POLICE_UNIT = "public_security"
TRANSPORT_UNIT = "transport"
FARM_UNIT = "agriculture"
CITY_UNIT = "urban_management"
EMERGENCY_UNIT = "emergency"

# Herd animals and carts; 牛 not in 牛奶, 牛肉, 蜗牛, 吹牛, 牛皮癣 (and not a cattle truck's load).
_LIVESTOCK = (
    r"(?:羊群|牛群|羊(?![肉绒毛汤])|(?<![蜗吹拉])牛(?![奶肉皮排仔逼])|马车|驴车|驴(?!肉)|骡子"
    r"|牲畜|牲口)"
)
# A road for vehicles (not 走路, the herd's own gait, nor a 道边 where dung is heaped).
_ROAD = (
    r"(?:公路|国道|省道|县道|乡道|马路|主路|大道|村路|村道|路上|道上|上道|上路|路当中|路中间"
    r"|道中间|路口)"
)
# The animals or the cart on the road, the road told first or after.
_ON_ROAD = re.compile(
    rf"{_LIVESTOCK}[^。！？]{{0,16}}?{_ROAD}|{_ROAD}[^。！？]{{0,16}}?{_LIVESTOCK}"
)
_DUNG = re.compile(r"粪")
# A traffic offence or a collision told besides the dung: the road's order is the matter.
_TRAFFIC_OFFENCE = re.compile(r"闯红灯|逆行|不挂灯|没有灯|不反光|撞|追尾|堵")
# A vehicle carrying the animals (its load, not a herd driven): the vehicle's matter.
_CARRIED = re.compile(r"货车|卡车|拉牛的|拉羊的|运牛|运羊|翻了")
# A sign or a hump asked, with no traffic police patrol asked: split, left to the votes.
_SIGN_ASKED = re.compile(r"牌子|警示牌|标志|减速带|减速坎")
_PATROL_ASKED = re.compile(r"交警|巡")


def livestock_on_road(text: str) -> str:
    """The words telling livestock or a cart in a road's traffic, or ""."""
    found = _ON_ROAD.search(text)
    if not found:
        return ""
    if _DUNG.search(text) and not _TRAFFIC_OFFENCE.search(text):
        return ""
    if _CARRIED.search(text):
        return ""
    if _SIGN_ASKED.search(text) and not _PATROL_ASKED.search(text):
        return ""
    return found.group(0)


def road_livestock_readings(text: str) -> list[Reading]:
    """The reading in the compact text, with the units whose words set its scene."""
    words = livestock_on_road(text)
    if not words:
        return []
    return [(POLICE_UNIT, words, (TRANSPORT_UNIT, FARM_UNIT, CITY_UNIT, EMERGENCY_UNIT))]
