"""Trade at a school's gate: the seller's regulator, not the school's bureau. No I/O.

A caller who tells of carts, fireworks, a shop's goods or a canteen's food names the school
or the pupils as the scene (学校门口, 卖给小学生, 孩子在学校午餐), and education's words
outweigh the thing's. The catalogue gives the duty by the thing: a stall on the road is the
street's order, fireworks the emergency bureau's licence, goods and food the market
regulator's. Counted on the retired labels of rounds 2–31 (bench/RESULTS.md, round 31
schoolgate31), a school or pupils named:

- stalls or selling carts blocking the way at a school (小推车 停在马路中间, 摆摊 堵道, 卖煎饼
  的三轮车 堵校门口): urban management 7 of 8 (the eighth 闹肚子 after the carts' food,
  market supervision; not read); told with parents' cars parked (家长的车 停两排, 交警):
  public security 2 of 2, not read;
- fireworks sold near a school or to pupils (卖摔炮 给小学生, 学校对过 卖炮仗): emergency 5 of
  6 (the sixth a shop selling cigarettes 论根卖 with 小鞭炮, market supervision; not read);
- a shop by a school selling to pupils (文具店 小刀片, 小卖部 三无辣条, 奶茶店 炸鸡店): market
  supervision 8 of 8 (extortion at the shop, the police's, not read);
- a school's canteen or lunch with something in the food (虫子, 蟑螂, 头发, 馊, 有股味):
  market supervision 6 of 7 (r24: the school and the caterer blaming each other,
  education; read, and left to break), weighed as two decisive words
  (`school_meal_readings`, listed by heavy_readings.py). An illness
  after the meal is not read here (food_made_ill, school_outbreak: health and the market
  split on those), nor the canteen's fees (伙食费: education).

Not read (split or the school's own): a school's heating cold (education 6 of 7, the
school's own boiler), a building site's dust by a kindergarten (housing 4, environment 3).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.reading import Reading

EDUCATION_UNIT = "education"
STREET_UNIT = "urban_management"
HAZARD_UNIT = "emergency"
MARKET_UNIT = "market_supervision"

_SCHOOL = r"(?:学校|小学|中学|初中|高中|幼儿园|校门|学生|小学生|中学生)"
_SCHOOL_WORD = re.compile(_SCHOOL)

# A seller's stall or cart, not any tricycle (a 三轮车 overturned on a broken road).
_STALL = r"(?:小推车|推车|小摊|摊子|摊位|摊贩|小贩|摆摊|出摊|卖[^，。！？]{0,8}?的(?:三轮车|车))"
_BLOCKING = re.compile(r"堵|占|马路中间|过不去|挤在一块|绕着")
# The school, then its stalls within a sentence (学校门口，每天都有人摆摊); a stall, then the
# school within a clause: a list of matters (菜市场门口摊子占道，学校门口…) is not read.
_STALL_AT_SCHOOL = re.compile(
    rf"{_SCHOOL}[^。！？：；]{{0,20}}?{_STALL}|{_STALL}[^，。！？：；]{{0,20}}?{_SCHOOL}"
)
# Parents' cars parked are the traffic police's (public security 2 of 2); food that made the
# pupils ill is the market's (1 of 1).
_PARKED_CARS = r"家长的车|乱停|停两排|双黄线|交警"
_TRAFFIC_OR_ILLNESS = re.compile(rf"{_PARKED_CARS}|闹肚子|拉肚子|吃坏")

_FIREWORKS = r"(?:鞭炮|摔炮|擦炮|窜天猴|炮仗|烟花|爆竹)"
_FIREWORKS_SOLD = re.compile(rf"卖[^。！？]{{0,10}}?{_FIREWORKS}|{_FIREWORKS}[^。！？]{{0,10}}?卖")
# Cigarettes sold to pupils with a few firecrackers beside: the market's (1 of 1).
_CIGARETTES = re.compile(r"卖烟(?!花)|烟卷|论根卖")

_SHOP = r"(?:文具店|小卖部|小卖店|奶茶店|炸鸡店|零食店|商店|超市)"
_SHOP_BY_SCHOOL = re.compile(
    rf"{_SCHOOL}(?:门口|旁边|附近|周边|对面|对过|外)[^，。！？]{{0,8}}?{_SHOP}"
)
_SELLS = re.compile(r"卖")
# Extortion or a fight at the shop, or parked cars beside it, are the police's.
_VIOLENCE = re.compile(rf"要钱|堵着|打人|不给就|{_PARKED_CARS}")

_SCHOOL_MEAL = r"(?:食堂|午餐|午饭|送餐|配餐|饭菜)"
_FOUND_IN_FOOD = r"(?:虫子|蟑螂|头发|馊|变质|发霉|有股味|异物)"
_MEAL_SPOILT = re.compile(
    rf"{_SCHOOL_MEAL}[^。！？]{{0,30}}?{_FOUND_IN_FOOD}|{_FOUND_IN_FOOD}[^。！？]{{0,12}}?{_SCHOOL_MEAL}"
)
# Illness after the meal is read elsewhere; the fees are the school's (education).
_NOT_THE_FOOD = re.compile(r"上吐下泻|拉肚子|吐了|发烧|伙食费")


def stall_at_school(text: str) -> str:
    """The words telling sellers' stalls blocking the way at a school, or ""."""
    found = _STALL_AT_SCHOOL.search(text)
    if found is None or _TRAFFIC_OR_ILLNESS.search(text):
        return ""
    block = _BLOCKING.search(text)
    return f"{found.group(0)}…{block.group(0)}" if block else ""


def fireworks_to_pupils(text: str) -> str:
    """The words telling fireworks sold at a school or to pupils, or ""."""
    if not _SCHOOL_WORD.search(text) or _CIGARETTES.search(text):
        return ""
    found = _FIREWORKS_SOLD.search(text)
    return found.group(0) if found else ""


def shop_by_school(text: str) -> str:
    """The words telling a shop by a school selling to pupils, or ""."""
    found = _SHOP_BY_SCHOOL.search(text)
    if found is None or _VIOLENCE.search(text) or not _SELLS.search(text[found.end() :]):
        return ""
    return found.group(0)


def school_meal_spoilt(text: str) -> str:
    """The words telling something found in a school's canteen food, or ""."""
    if not _SCHOOL_WORD.search(text) or _NOT_THE_FOOD.search(text):
        return ""
    found = _MEAL_SPOILT.search(text)
    return found.group(0) if found else ""


def school_gate_readings(text: str) -> list[Reading]:
    """The seller's regulator over the school's bureau for trade at a school, in `text`."""
    readings: list[Reading] = []
    stall = stall_at_school(text)
    if stall:
        readings.append((STREET_UNIT, stall, (EDUCATION_UNIT,)))
    fireworks = fireworks_to_pupils(text)
    if fireworks:
        readings.append((HAZARD_UNIT, fireworks, (EDUCATION_UNIT,)))
    shop = "" if fireworks else shop_by_school(text)
    if shop:
        readings.append((MARKET_UNIT, shop, (EDUCATION_UNIT,)))
    return readings


def school_meal_readings(text: str) -> list[Reading]:
    """The market regulator over the school's bureau for a school's spoilt meal, in `text`:
    weighed as two decisive words (heavy_readings.py), since a school is told in many of
    education's words (学校, 初中, 老师, 学校食堂, 家长) that, halved as a setting, still led
    held out (r30_written:8, round 33 setting33)."""
    meal = school_meal_spoilt(text)
    return [(MARKET_UNIT, meal, (EDUCATION_UNIT,))] if meal else []
