"""The object of the ask over its setting: whose duty is the thing acted on. No I/O.

A caller tells where a matter happened and how it went on, and the words of that scene
belong to other units: a meal that made people ill is told with the hospital that treated
them (医院说是食物中毒, 镇卫生院都躺满了), a pet's shot with the word 疫苗 that every
person's vaccination shares. The catalogue gives the duty by what is acted on: food
safety is the market regulator's wherever the food was served (饭店, 食堂, 流水席, a
stall), animal epidemic prevention is agriculture's whatever the vaccine is called, a
leaking chemical or a burning wood the emergency bureau's whatever the fumes are. Each
reading below finds the object and the unit whose duty it is; the rules then add the
words at a decisive weight, and the setting's words of the unit they displace count at
`SETTING_FACTOR` (rule_votes.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FOOD_UNIT = "market_supervision"
ANIMAL_UNIT = "agriculture"
HEALTH_UNIT = "health"
HAZARD_UNIT = "emergency"
ENVIRONMENT_UNIT = "environment"
# The object's weight among its unit's phrases: a decisive duty word's.
OBJECT_WEIGHT = 4.0
# The setting's words (the hospital that treated them, the shot's word) beside the object.
SETTING_FACTOR = 0.5

# Food served by a business or a catered event, then (within a sentence or two) people
# taken ill by it: 饭店吃完拉肚子, 工地食堂吃了晚饭…上吐下泻, 流水席 吃完了…上吐下泻, 熟食摊买的
# 猪头肉 回家吃完全家拉肚子. Not a meal at home or a wedding dinner without the server
# (吃喜酒 … 大夫不够: the ask is for doctors), nor illness told before the server is named
# (上吐下泻 … 怀疑是食堂不干净: an outbreak whose cause is not known).
_SERVER = (
    r"(?:饭店|酒店|酒楼|饭馆|餐馆|餐厅|海鲜馆|烧烤|食堂|小吃|熟食|摊|超市|小卖部|外卖"
    r"|厨师|厨子|后厨|流水席|婚宴|喜宴|吃席|聚餐)"
)
_TAKEN_ILL = r"(?:上吐下泻|拉肚子|食物中毒|吃坏|拉稀)"
_FOOD_MADE_ILL = re.compile(rf"{_SERVER}[^。！？]{{0,30}}?{_TAKEN_ILL}")
# An outbreak at school or at work, asked to be disinfected or classes stopped, or asked
# whether it spreads (诺如 … 消毒, 饭的问题还是传染的), is the health bureau's; so is an
# ask for more doctors, and norovirus among a school's pupils (中学食堂好几十个孩子上吐下泻
# 说是诺入病毒), its name as the recogniser may write it.
_OUTBREAK = re.compile(
    r"消毒|消杀|停课|传染|大夫不够|医生不够|调几个大夫|调几个医生"
    r"|(?:学校|幼儿园|中学|小学|班|年级)[^。！？]{0,30}?[诺落罗挪][如入儒]"
)

# An animal's own shot, quarantine or observation: 小狗今年的狂犬疫苗该打了, 给狗打狂犬疫苗,
# 他家狗打过疫苗, 羊要不要打狂犬疫苗, 狗得关起来观察. 犬 only where it is not 狂犬 or 框犬
# (a person's rabies shot), 牛 not in 加牛疫苗 (甲流疫苗 misheard); no person between the
# animal and the shot (狗咬了我 打疫苗 is the bitten person's); not its meat (猪肉没检疫章:
# food safety).
_ANIMAL = r"(?:狗|猫|(?<![狂框])犬|羊|猪|(?<![加甲])牛(?!感)|鸡|鸭|鹅|兔|宠物)(?!肉)"
_ANIMAL_SHOT = re.compile(
    rf"{_ANIMAL}[^咬人我你他她孩，。？！]{{0,6}}?"
    r"(?:疫苗|打针|打没打过|检疫|观察)"
)
# Where no one was bitten, the animal may be told in one clause and its shot in the next
# (家里的狗一岁了，去年打的狂犬疫苗，今年还得接着打吗; 散养了二十多只鸡，要不要打新城疫疫苗):
# within a sentence, still no person and no hospital (去医院打了狂犬疫苗 is a person's).
_ANIMAL_SHOT_FAR = re.compile(rf"{_ANIMAL}[^咬人我你他她孩医。？！]{{0,16}}?(?:疫苗|打针)")
# A person bitten or scratched: the person's shot is the health bureau's, so its words
# keep their weight (the animal's words still count for agriculture).
_BITTEN = re.compile(r"咬了|咬伤|给咬|[被让叫][^，。]{0,6}?咬|抓伤|抓了")
# An animal bitten by another (小猫让邻居家狗咬了一口 猫用不用打狂犬疫苗): the bitten one's
# shot is still the animal's own, so its bite does not make the shot a person's.
# The bitten animal, the passive's marker, then the biting animal (not 儿子让…狗给咬了).
_ANIMAL_BITTEN = re.compile(
    rf"{_ANIMAL}[^，。]{{0,2}}?[被让叫][^，。]{{0,6}}?{_ANIMAL}[^，。]{{0,2}}?咬[了伤]?"
)
# A pet clinic's price (宠物医院给猫打疫苗…收我三百六) is a consumer's matter, not a shot's.
_PET_CLINIC_PRICE = re.compile(r"宠物医院[^。]*?(?:收|价|块|元)")


# A hazardous chemical's store, drum or tanker leaking or overturned (化工仓库 有个大铁桶倒了
# 往外淌东西, 拉化工品的罐车侧翻了), and wild vegetation smoking or on fire (松树林冒烟了, 山上全是
# 干草 刚才有一处冒烟): dangerous chemicals and fire are the emergency bureau's, although the
# fumes and the smoke are told with the environment's words (工业园, 冒烟). Not burning straw
# (烧秸秆: air pollution) nor a factory's discharge (排污).
_CHEMICAL_LEAK = re.compile(
    r"(?:化工|危化|化学品|硫酸|盐酸|液氨|氨气|罐车|油罐)[^。！？]{0,20}?(?:漏|淌|泄|倒了|翻了)"
)
_WILDFIRE = re.compile(
    r"(?:树林|林子|山上|松树|松林|荒草|干草|山林|林场)[^。！？]{0,12}?"
    r"(?:冒烟|着火|起火|烧起来|着了)"
)


@dataclass(frozen=True)
class DutyObject:
    unit: str  # whose duty the object is
    words: str  # the words that tell it
    setting_unit: str  # the unit whose words only set the scene
    setting_counts: bool  # False: the setting unit's words count at SETTING_FACTOR


def food_made_ill(text: str) -> str:
    """The words telling food served by a business or a catered event made people ill,
    or "" (also when the ask is about an outbreak or doctors: `_OUTBREAK`)."""
    if _OUTBREAK.search(text):
        return ""
    found = _FOOD_MADE_ILL.search(text)
    return found.group(0) if found else ""


def animal_shot(text: str) -> str:
    """The words telling an animal's own vaccine, quarantine or observation, or ""."""
    if _PET_CLINIC_PRICE.search(text):
        return ""
    found = _ANIMAL_SHOT.search(text)
    if found is None and not bitten(text):
        found = _ANIMAL_SHOT_FAR.search(text)
    return found.group(0) if found else ""


def bitten(text: str) -> bool:
    """A person bitten or scratched (an animal bitten by another is not)."""
    return bool(_BITTEN.search(_ANIMAL_BITTEN.sub("", text)))


def hazard(text: str) -> str:
    """The words telling a hazardous chemical leaking or wild vegetation on fire, or ""."""
    found = _CHEMICAL_LEAK.search(text) or _WILDFIRE.search(text)
    return found.group(0) if found else ""


def duty_objects(text: str) -> list[DutyObject]:
    """The objects read in the compact text, each with its unit and its setting's unit."""
    found: list[DutyObject] = []
    food = food_made_ill(text)
    if food:
        found.append(DutyObject(FOOD_UNIT, food, HEALTH_UNIT, setting_counts=False))
    animal = animal_shot(text)
    if animal:
        found.append(DutyObject(ANIMAL_UNIT, animal, HEALTH_UNIT, setting_counts=bitten(text)))
    danger = hazard(text)
    if danger:
        found.append(DutyObject(HAZARD_UNIT, danger, ENVIRONMENT_UNIT, setting_counts=False))
    return found


def classifier_setting(proba: dict[str, float], objects: list[DutyObject]) -> dict[str, float]:
    """The classifier's vote with the setting's share moved to the object's unit.

    The classifier reads the same setting words (the hospital, 狂犬疫苗, the fumes) and
    learnt them as the setting unit's: it cannot tell the object from its setting. Where an
    object is read and its setting does not count, the setting unit keeps `SETTING_FACTOR`
    of the classifier's probability and the object's unit takes the rest."""
    out = dict(proba)
    for obj in objects:
        if obj.setting_counts or obj.setting_unit not in out:
            continue
        moved = out[obj.setting_unit] * (1 - SETTING_FACTOR)
        out[obj.setting_unit] -= moved
        out[obj.unit] = out.get(obj.unit, 0.0) + moved
    return out
