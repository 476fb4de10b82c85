"""An allowance a bureau grants, whoever pays it out: its grantor's duty. No I/O.

A town, a community or a village office hands out money a bureau approves and funds; a
caller tells the money by its kind and the office by what it said (社区说上边没拨, 镇里说资金
没到不给发, 村会计说每户要先扣五十). Which unit leads is read from the money's kind, not from
the office that passed it on (round 26 sent a disability allowance and a docked corn subsidy
to the town). Counted on the retired sets of rounds 2–26 and the seed corpus:

- a person's welfare allowance told unpaid, stopped or held back (高龄补贴半年没到账, 低保金这
  三个月没到账, 两项补贴…镇里说资金没到不给发, 低保今年复核给停了, 取暖补贴也跟着停了):
  最低生活保障, 高龄补贴, 残疾人两项补贴 and 临时救助 are civil affairs'. The pattern reads
  27 retired lines, 26 labelled civil affairs (the one other takes back 低保没到 for a farm
  subsidy, 更正：…写错了), and 3 of 3 seed lines; the allowance as a household's status
  (我家是低保，咋没见着减免: power's free units) is not read;
- a farm producer's subsidy by name (耕地地力保护补贴, 种粮补贴, 玉米生产者补贴, 农机购置补贴,
  渔船燃油补贴, 休渔补贴), whatever is asked of it: agriculture's. 46 of the 47 retired lines
  it reads are agriculture's, 9 of 9 seed lines; the one other is a village docking the
  subsidy against its own fees (hongqi, r19_written 31), while a village docking a fee from it
  went to agriculture with the town assisting (r26_assist 6).
- pay for livestock culled against an animal epidemic (扑杀的猪…补助款早就拨到村里了, 全群扑杀
  …扑杀补助标准是多少): agriculture's, 4 of 4 retired lines read (the cue, culling with pay
  told, 5 of 5: all round 30, 2 with a town named; round 31 town31), none in the seed: a thin
  basis, one round's. Held out, the village that relays it (拨到村里了…一分钱没发) took the
  lead to the town (r30_assist 34).

Not read, the labels split: land money (征地 or 占地 compensation, 流转费, 承包费, 过渡费:
the town 22 of 30, natural resources 4, agriculture 1), a heating fee relieved or unpaid
(减免 or 缓交 asked: heating 2 of 3; unaffordable: civil affairs 6 of 8), a welfare
allowance the area itself mishandles (a list with a cadre's kin, papers lost, not reported
upward: mostly the area).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.insured_benefit import benefit_readings
from hotline.ticketing.routing.reading import AREA_UNITS, Reading

RELIEF_UNIT = "civil_affairs"
FARM_UNIT = "agriculture"

# A person's allowance by name; bare 低保 only where nothing but the allowance's own words
# run on to its non-payment (低保停了, 低保这个月没到账; not 低保户 or 低保，咋没见着减免).
_ALLOWANCE = (
    r"(?:高龄(?:补贴|津贴)|残疾人?(?:两项)?补贴|两项补贴|护理补贴|临时救助金?|救助金"
    r"|特困(?:供养)?金|慰问金|取暖补贴|低保(?:金|钱))"
)
_BARE_LOW_INCOME = r"低保(?!户|家庭|证|名单|公示|对象|评|申请|复核)"
_UNPAID = (
    r"(?:没到账|没(?:再)?(?:到|发|给|拨|打|见着|下来)|停(?:了|发)|不给发|不发"
    r"|一分(?:钱)?(?:都|也)?没|拖了|卡(?:着|住)|扣(?:了|下))"
)
_WELFARE_UNPAID = re.compile(
    rf"(?P<paid>{_ALLOWANCE})[^。！？]{{0,16}}?{_UNPAID}"
    rf"|(?P<bare>{_BARE_LOW_INCOME})[^。！？，,]{{0,16}}?{_UNPAID}"
)

# A farm producer's subsidy by its name (not 补贴 alone: a trade-in's, a worker's heat pay;
# not a fuel subsidy without the fishing boat or the closed season: a taxi's is transport's).
_FARM_SUBSIDY = re.compile(
    r"地力(?:保护)?补贴|种粮(?:补贴|直补)|粮食(?:补贴|直补)"
    r"|(?:玉米|大豆|水稻|稻谷)(?:生产者)?补贴|生产者补贴|农机(?:具)?(?:购置)?补贴"
    r"|(?:渔业|渔船)的?(?:燃油|柴油)补贴|休渔[^。！？]{0,12}?(?:燃油|柴油)?补贴"
    r"|(?:种植|良种|耕地|农业)补贴"
    # Pay for livestock culled against an animal epidemic (扑杀的猪…补助款, 扑杀补助标准).
    r"|扑杀[^。！？]{0,30}?(?:补助|补偿|补贴)|(?:补助|补偿|补贴)[^。！？]{0,20}?扑杀"
)


def welfare_unpaid(text: str) -> str:
    """The allowance's name where the text tells it unpaid, stopped or held, or "" (the name
    only: the office quoted between it and its non-payment may be a 协办's word)."""
    found = _WELFARE_UNPAID.search(text)
    return (found.group("paid") or found.group("bare")) if found else ""


def farm_subsidy(text: str) -> str:
    """The name of a farm producer's subsidy, or ""."""
    found = _FARM_SUBSIDY.search(text)
    return found.group(0) if found else ""


# Granted upstairs, then held at the area's office (区里审批都过了 镇里说资金没到不给发,
# 补贴发下来了 村会计说…扣五十才给发, 去年就办完了…社区说钱是街道发; 镇上说早拨了): the office
# that pays it out is to act beside the grantor. On the retired sets of rounds 2–26, 8 lines
# tell a grant held at an area's office; the 4 of the assist sets each name the other of the
# pair {bureau, town} as 协办 (the 3 read here, civil affairs or agriculture leading, name the
# town); the one single-owner line read here names no town.
_AREA_OFFICE = r"(?:村里|社区|镇里|镇上|街道|村会计|村主任|村委会?|村干部|乡里)"
_GRANTED = (
    r"(?:批(?:下来|过)了?|审批(?:都)?过了|办(?:完|下来)了|发下来了|拨下来了|早(?:就)?拨|早(?:就)?批"
    r"|拨到)"
)
_HELD_AT_AREA = re.compile(
    rf"{_GRANTED}[^。！？]{{0,30}}?{_AREA_OFFICE}"
    rf"|{_AREA_OFFICE}[^。！？]{{0,20}}?(?:早(?:就)?拨|拨下来了|批下来了)"
)


def held_at_area(text: str) -> str:
    """The words telling an allowance read here granted and then held by the area's office
    (its town assists: 属地协办), or ""."""
    if not (welfare_unpaid(text) or farm_subsidy(text)):
        return ""
    found = _HELD_AT_AREA.search(text)
    return found.group(0) if found else ""


def allowance_readings(text: str) -> list[Reading]:
    """The grantor's duty for each allowance read, over the areas: the office that passed the
    money on only sets the scene (the classifier, trained on towns' own money matters, gives
    the town named much of its vote), unless the caller asks the area to act; and a social
    insurance's own benefit by its fund's body (insured_benefit.py)."""
    readings: list[Reading] = [
        (RELIEF_UNIT, welfare_unpaid(text), AREA_UNITS),
        (FARM_UNIT, farm_subsidy(text), AREA_UNITS),
    ]
    return [r for r in readings if r[1]] + benefit_readings(text)
