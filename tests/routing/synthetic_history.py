"""A synthetic dispatch history for the learning tests.

This centre hands lift (电梯) faults to the market supervision bureau (特种设备
safety), while the packaged rules send them to housing (物业管理): a consistent
operator habit the rules get wrong. Other requests follow the rules' units, so
the history has several classes, as a real one does.
"""

from __future__ import annotations

import itertools

PLACES = [
    "红海街道",
    "海星街道",
    "望海街道",
    "我们小区",
    "熊岳镇",
    "芦屯镇",
    "我家那栋楼",
    "单位宿舍",
]
OPENERS = ["喂你好，", "你好，我想反映一下，", "", "我要投诉，", "麻烦问一下，"]

LIFT = [
    "{place}的电梯坏了好几天了，老人上不去楼",
    "{place}电梯又困人了，关了半个多小时",
    "{place}的电梯运行的时候一直异响，太吓人了",
    "{place}电梯年检过期了还在用",
    "{place}电梯门关不上，一直开开关关",
]
OTHER = {
    "heating": ["{place}暖气不热，屋里才十五度", "{place}供暖温度不达标，家里冷"],
    "water": ["{place}停水一天了，也没有通知", "{place}自来水发黄，有股味"],
    "human_resources": ["{place}的工地老板拖欠工资三个月了", "在{place}打工，单位不给交社保"],
    "urban_management": ["{place}门口垃圾没人清运，臭死了", "{place}有人占道经营摆摊"],
}


def history() -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    combos = list(itertools.product(OPENERS, PLACES))
    for i, (opener, place) in enumerate(combos):
        pairs.append((opener + LIFT[i % len(LIFT)].format(place=place), "market_supervision"))
    for unit, templates in OTHER.items():
        for i, (opener, place) in enumerate(combos[::2]):
            pairs.append((opener + templates[i % len(templates)].format(place=place), unit))
    return pairs
