"""A person's shot after a bite or a scratch: the health bureau's, not the animal's. No I/O.

A caller bitten or scratched by a dog, a cat or a wild animal asks about the shots that
follow (被猫挠了用打针不, 我让自己家狗咬了 自己家的狗也得打针吗, 狂犬疫苗上哪打): rabies
vaccine and immunoglobulin are given to people by the health commission's clinics. The
animal is named beside the shot, and the animal-shot reading (duty_object.animal_shot) and
the classifier learnt those words as agriculture's, which keeps animals' vaccines; the
short asks with no 狂犬 in them went there. The reading: a person told bitten or scratched
(the passive with no animal before it, 把 with no animal after it, 咬了我) and a shot
named; health leads and agriculture's words only set the scene.

Counted on the retired labels of rounds 2–30 (bench/RESULTS.md, round 30 rabies30): a
person bitten or scratched with a shot named and no money asked is health's 65 of 72
(90 %). As read here (below), health 62 of 64 (97 %; the school's matter told beside it,
education 2). Not read: an animal bitten by another (我家狗半夜让野狗咬了, 流浪狗把我家羊
咬了: the bitten animal's own shot, agriculture's 2 of 2), the biting animal's observation
or own shot asked (agriculture 1, police 1), a person bitten to death in a rumour, and the money
asked — the insurance's refund, a work injury, the owner's payment (医保能报不, 算不算工伤,
一分钱不给 调解): those bites' lead is the one paying or mediating (medical insurance 7,
human resources 3, police 2 and an area 1, health 4 of 17).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.reading import Reading

HEALTH_UNIT = "health"
ANIMAL_UNIT = "agriculture"

# Animals that bite or scratch, and those bitten in turn (a herd's, a pet's).
_ANIMAL = r"(?:狗|猫|(?<![狂框])犬|羊|猪|牛|鸡|鸭|鹅|兔|宠物|泰迪|耗子|老鼠|猴|黄鼠狼)"
# The bite or scratch: 咬, 挠, 抓 and the north-east's 掏 (让狗给掏了一口).
_BITE = r"(?:咬|挠|抓|掏)"
# The passive (被, 让, 叫, 给) and its bite within a clause; the one just before it is the
# bitten (我家狗半夜让野狗咬了: the dog). Bitten to death (咬死) is no shot's matter.
_PASSIVE = re.compile(
    rf"(?P<before>[^，。！？,!? ]{{0,4}})[被让叫给][^，。！？,!?]{{0,8}}?{_BITE}(?!死)"
)
# 把 names the bitten before the bite (野狗把我儿子腿咬了); or the bitten after it (咬了我).
_BA = re.compile(rf"把(?P<bitten>[^，。！？,!?]{{1,8}}?){_BITE}")
_BITES_PERSON = re.compile(r"(?:咬|挠|抓)[了伤]?(?:我|人|孩子|小孩)")
# The shot: a rabies word, a vaccine, a needle counted or given, immunoglobulin, serum.
_SHOT = re.compile(r"狂犬|疫苗|打针|[一几两三四五]针|免疫球蛋白|血清")
# The biting animal's own ten days' observation or vaccination asked (那条狗得关起来观察,
# 看看那狗到底打没打过): the animal's matter, agriculture's (duty_object.animal_shot).
_ANIMALS_OWN = re.compile(rf"{_ANIMAL}[^。！？]{{0,8}}?(?:观察|打没打)")
# The money asked: the insurance's refund, a work injury, the owner's payment or mediation.
_MONEY = re.compile(
    r"医保|依宝|报销|能报|报不|工伤|[赔陪]|调解|谁出|谁拿|一分|不给钱|不拿钱|不出钱"
)


def person_bitten(text: str) -> str:
    """The words telling a person bitten or scratched (an animal bitten is not), or ""."""
    for found in _PASSIVE.finditer(text):
        if not re.search(_ANIMAL, found.group("before")):
            return found.group(0)[len(found.group("before")) :]
    for found in _BA.finditer(text):
        if not re.search(_ANIMAL, found.group("bitten")):
            return found.group(0)
    found = _BITES_PERSON.search(text)
    return found.group(0) if found else ""


def bite_shot(text: str) -> str:
    """The words telling a person's shot after a bite or scratch (bite…shot), or ""."""
    if _MONEY.search(text) or _ANIMALS_OWN.search(text):
        return ""
    shot = _SHOT.search(text)
    bite = person_bitten(text)
    if shot is None or not bite:
        return ""
    return f"{bite}…{shot.group(0)}"


def bite_shot_readings(text: str) -> list[Reading]:
    """Health over agriculture, whose animal words only set the scene."""
    found = bite_shot(text)
    return [(HEALTH_UNIT, found, (ANIMAL_UNIT,))] if found else []
