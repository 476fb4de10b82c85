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
from collections.abc import Callable
from dataclasses import dataclass

from hotline.ticketing.routing import duty_scale_aid_leaves as more
from hotline.ticketing.routing.bite_shot import bite_shot_readings
from hotline.ticketing.routing.bureau_allowance import allowance_readings
from hotline.ticketing.routing.care_home_fire import care_home_fire_readings
from hotline.ticketing.routing.chemical_leak import CHEMICAL_LEAK
from hotline.ticketing.routing.child_without_care import care_readings
from hotline.ticketing.routing.crowded_fire import crowded_fire_readings
from hotline.ticketing.routing.dog_owner_answer import dog_owner_readings
from hotline.ticketing.routing.duty_act import act_readings
from hotline.ticketing.routing.duty_bill import bill_readings
from hotline.ticketing.routing.duty_fee import fee_readings
from hotline.ticketing.routing.duty_pharmacy import pharmacy_readings
from hotline.ticketing.routing.duty_police import police_readings
from hotline.ticketing.routing.duty_trade import trade_readings
from hotline.ticketing.routing.duty_winter import winter_readings
from hotline.ticketing.routing.either_order import either_order
from hotline.ticketing.routing.heavy_readings import heavy_readings
from hotline.ticketing.routing.ill_group_look import tour_group_readings
from hotline.ticketing.routing.institution_illness import institution_readings
from hotline.ticketing.routing.live_poultry_trade import live_poultry_readings
from hotline.ticketing.routing.livestock_on_road import road_livestock_readings
from hotline.ticketing.routing.meat_sold import meat_sold_readings
from hotline.ticketing.routing.minors_at_venue import minors_at_venue_readings
from hotline.ticketing.routing.neighbour_nuisance import neighbour_readings
from hotline.ticketing.routing.park_ride import park_ride_readings
from hotline.ticketing.routing.person_gone import gone_readings
from hotline.ticketing.routing.person_in_need import need_readings
from hotline.ticketing.routing.pet_business import pet_business_readings
from hotline.ticketing.routing.prepaid_card import prepaid_card_readings
from hotline.ticketing.routing.price_supervision import PRICE_OR_LICENCE
from hotline.ticketing.routing.price_unmarked import price_unmarked_readings
from hotline.ticketing.routing.pupil_transport import pupil_transport_readings
from hotline.ticketing.routing.reading import Reading
from hotline.ticketing.routing.school_entry_shots import school_entry_readings
from hotline.ticketing.routing.school_gate_trade import school_gate_readings
from hotline.ticketing.routing.school_health_rule import school_health_rule_readings
from hotline.ticketing.routing.shared_thing import shared_thing_readings
from hotline.ticketing.routing.street_offering import street_offering_readings
from hotline.ticketing.routing.tv_signal import tv_signal_readings
from hotline.ticketing.routing.village_clinic import village_clinic_readings
from hotline.ticketing.routing.village_road_trucks import village_road_truck_readings
from hotline.ticketing.routing.work_health import work_health_readings
from hotline.ticketing.routing.work_injury import work_injury_readings
from hotline.ticketing.routing.work_safety import work_safety_readings
from hotline.ticketing.routing.workplace_outbreak import (
    canteen_outbreak,
    workplace_outbreak_readings,
)

FOOD_UNIT = "market_supervision"
ANIMAL_UNIT = "agriculture"
HEALTH_UNIT = "health"
HAZARD_UNIT = "emergency"
ENVIRONMENT_UNIT = "environment"
EDUCATION_UNIT = "education"
TOURISM_UNIT = "culture_tourism"
RELIEF_UNIT = "civil_affairs"
DRAIN_UNIT = "urban_management"
ROAD_UNIT = "transport"
# The object's weight among its unit's phrases: a decisive duty word's.
OBJECT_WEIGHT = 4.0
# The setting's words (the hospital that treated them, the shot's word) beside the object.
SETTING_FACTOR = 0.5
# A struck crop is told with a whole relief vocabulary (冰雹 3, 受灾 4, 自然灾害 4, 救助 …) that
# the catalogue gives to agriculture for crops (农业受灾登记): halved, those words still
# outweigh one decisive word, so the crop weighs as two.
CROP_WEIGHT = 2 * OBJECT_WEIGHT

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
# (烧秸秆: air pollution) nor a factory's discharge (排污). The chemical's words are
# chemical_leak's, shared with the environment's 协办 on the same event.
_WILDFIRE = re.compile(
    r"(?:树林|林子|山上|松树|松林|荒草|干草|山林|林场)[^。！？]{0,12}?"
    r"(?:冒烟|着火|起火|烧起来|着了)"
)


# A crop, an orchard or a greenhouse struck by hail, a storm or a flood, told in one
# sentence (葡萄园前天下冰雹，葡萄砸得稀烂; 大棚被雹子打漏了; 大棚前天那场大雨全泡了): the
# catalogue gives crop damage, its registration and farm insurance to agriculture, although
# the caller asks in disaster-relief words (自然灾害, 受灾, 救助) that are the emergency
# bureau's and civil affairs'. Hail or a flood without a crop stays theirs.
_WEATHER = r"(?:冰雹|雹子|冰蛋|暴雨|大雨|洪水|洪涝|涝灾)"
_CROP = (
    r"(?:庄稼|农作物|果树|果园|苹果|葡萄|桃树|梨树|樱桃|大棚|菜地|菜园|蔬菜|柿子|黄瓜"
    r"|玉米|水稻|稻子|麦子|小麦|大豆|花生|秧苗|苗子)"
)
_CROP_STRUCK = re.compile(either_order(_WEATHER, _CROP, 20))

# A price charged without a posted one, or a business without a licence, at a tourist
# setting (浴场门口那个停车场 没有收费公示; 淋浴间冲一次要15块 收费标准是谁定的, 有没有物价部门
# 批准; 海边民宿没有营业执照): price supervision and unlicensed business are the market
# regulator's, while the beach, the scenic spot and the tourist are culture and tourism's
# words. A scenic spot's own ticket price (门票) and a travel agency or guide stay culture
# and tourism's (the retired labels agree), and no tourist setting, no reading: fees of
# heating, water or schools have their own units.
_TOURIST_SETTING = re.compile(r"景区|景点|浴场|海边|沙滩|民宿|游客|旅游")
_TOURISM_OWN = re.compile(r"门票|旅行社|导游")
# A ticket's price raised with no notice posted (门票从158涨到268 售票处没有任何公示) is price
# supervision all the same: the round-19 label says so; a ticket refused or refunded stays
# the scenic spot's.
_RAISED_UNPOSTED = re.compile(r"涨[^。！？]{0,30}?(?:没有|没|无|不)(?:任何)?公示")

# Children of one kindergarten, class or camp taken ill together, and the caller asks for
# the health side of it — someone to come and check or disinfect, a doctor, whether it
# spreads, where to be examined (一个班十多个孩子同时发烧 … 有没有人管管 查一查; 幼儿园说有一个得
# 痢疾 … 会不会传; 要不要去疾控报告): infectious disease is the health bureau's duty, the
# school only its setting. Where the caller asks the school or the education bureau
# (要求学校给个说法, 请教育局督促) or only blames the school, the retired labels keep it
# education's, so those words are not read.
_SCHOOLING = r"(?:幼儿园|幼儿原|学校|夏令营|营地|托管|暑期班|班里|班上|一个班|小学|中学|园里)"
_ILL = (
    r"(?:发烧|发热|手足口|腹泻|拉肚子|呕吐|上吐下泻|又吐又拉|诺如|水痘|痢疾|流感|甲流"
    r"|咳嗽|疱疹|红眼|猩红热|支原体)"
)
_SCHOOL_ILL = re.compile(either_order(_SCHOOLING, _ILL, 40))
_HEALTH_ASK = re.compile(
    r"会不会传|传不传|传染吗|会传|潜伏期|隔离|疾控|卫生部门|卫健|卫生局|查一查|查查|来查"
    r"|(?<![不没见])消毒|派人|派医生|上哪个医院|医院看"
)
_SCHOOL_ASKED = re.compile(r"要求学校|给个说法|教育局")
# Without a health ask, an outbreak told as one is the health bureau's too (疫情防控与传染病,
# 疫苗接种), the school its setting: a shot to catch up on, whether to close or screen, the
# health side named (补打水痘疫苗, 需不需要停课, 要不要筛查, 卫生管不管) whatever else is asked;
# cases counted, a certificate to return, cases hidden or no disinfection (七八个发烧请假的, 好些
# 孩子发烧, 复课证明, 瞒着不报, 教室也不消毒) unless the ask is the school's own handling —
# exams, attendance, fees, lessons missed, a suggestion for its routine (全勤, 期末, 伙食费,
# 网课, 建议…晨检), education's. A rumour of an outbreak (造谣) is the police's.
_OUTBREAK_ASK = re.compile(
    r"疫苗|补打|(?:要不要|需不需要|该不该|用不用|是不是该|该)停课|筛查|卫生管|卫生部门|卫健"
)
_OUTBREAK_TOLD = re.compile(
    r"(?:好几|十几|十来|二十多|好几十|[两三四五六七八九十几]{1,3})个|好些|一半|多例|一片"
    r"|复课证明|开证明|医院开|瞒着|瞒报|不报|不消毒|没消毒|没见消毒|没看到消毒"
)
_SCHOOL_OWN = re.compile(
    r"考试|补考|月考|期末|全勤|评优|零分|扣分|网课|补课|落下|课程|伙食费|保育费|服务费|退"
    r"|建议|晨检|托管班|无证|看孩子"
)
_RUMOUR = re.compile(r"谣言|造谣|辟谣")


# An underpass or culvert under water to be cleared or warned of (涵洞积水一米多深 … 下水口都
# 被树叶子堵死了 麻烦派人来疏通; 哪几个下穿桥、涵洞可能积水 让大家绕行; 地下通道一下雨就淹): the
# catalogue gives underpass and culvert drainage to urban management, while the stalled car
# and the storm are told in the emergency bureau's and the road's words. Not where people or
# a car are caught in it now (司机爬车顶上了, 里边还有个车): saving them is the emergency
# bureau's (water_danger.py).
_UNDERPASS = r"(?:下穿桥|下穿|涵洞|桥洞|地下通道)"
_STANDING_WATER = r"(?:积水|淹|水深|泡在|排水|下水口|疏通)"
_UNDERPASS_WATER = re.compile(either_order(_UNDERPASS, _STANDING_WATER, 30, 20))
_CAUGHT_NOW = re.compile(r"被困|困在|车顶|里边还有|里头还有|里面还有|人在里|出不来")

# Money paid ahead for a day-care class, a study tour or a camp and asked back (暑期托管 交了
# 20天的钱 要求退剩下15天的 他们不给; 研学机构 交的钱 门店关门 请求帮忙追回): a consumer's
# prepaid service, the market regulator's (消费者权益保护, 预付卡消费), although the class is told
# in the school's words. Not a training school (培训, 补习, 辅导: the catalogue gives 校外培训机构
# to education, and the retired labels agree), nor a tour sold by a travel agency (culture and
# tourism), nor where the caller asks the school (学校推荐的研学 … 要求学校给个说法).
_PREPAID_CLASS = re.compile(r"托管|研学|夏令营")
_ASKED_BACK = re.compile(r"退钱|退费|不退|不给退|退剩下|退还|追回|要回")
_NOT_A_CONSUMERS = re.compile(r"培训|补习|补课|辅导|旅行社|要求学校|学校给|教育局")


@dataclass(frozen=True)
class DutyObject:
    unit: str  # whose duty the object is
    words: str  # the words that tell it
    setting_units: tuple[str, ...]  # the units whose words only set the scene
    setting_counts: bool  # False: the setting units' words count at SETTING_FACTOR
    weight: float = OBJECT_WEIGHT  # the object's words among its unit's phrases


def food_made_ill(text: str) -> str:
    """The words telling food served by a business or a catered event made people ill,
    or "" (also when the ask is about an outbreak or doctors: `_OUTBREAK`, or a canteen's
    eaters are ill with the cause in doubt: workplace_outbreak.canteen_outbreak)."""
    if _OUTBREAK.search(text) or canteen_outbreak(text):
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
    found = CHEMICAL_LEAK.search(text) or _WILDFIRE.search(text)
    return found.group(0) if found else ""


def crop_struck(text: str) -> str:
    """The words telling a crop struck by hail, a storm or a flood, or ""."""
    found = _CROP_STRUCK.search(text)
    return found.group(0) if found else ""


def tourist_price(text: str) -> str:
    """The words telling an unposted price or an unlicensed business at a tourist setting
    (not a ticket, a travel agency or a guide, but a ticket's price raised unposted), or ""."""
    if not _TOURIST_SETTING.search(text):
        return ""
    if _TOURISM_OWN.search(text):
        raised = _RAISED_UNPOSTED.search(text)
        return raised.group(0) if raised and "门票" in text else ""
    found = PRICE_OR_LICENCE.search(text)
    return found.group(0) if found else ""


def school_outbreak(text: str) -> str:
    """The words telling children of one school or camp ill together with a health ask
    (not the school's or the education bureau's), or ""."""
    if _SCHOOL_ASKED.search(text):
        return ""
    found = _SCHOOL_ILL.search(text)
    if found is None:
        return ""
    if _RUMOUR.search(text):
        return ""
    asked = _HEALTH_ASK.search(text) or _OUTBREAK_ASK.search(text)
    if asked is None and not _SCHOOL_OWN.search(text):
        asked = _OUTBREAK_TOLD.search(text)
    return f"{found.group(0)}…{asked.group(0)}" if asked else ""


def underpass_water(text: str) -> str:
    """The words telling an underpass or culvert under water with no one caught in it, or ""."""
    if _CAUGHT_NOW.search(text):
        return ""
    found = _UNDERPASS_WATER.search(text)
    return found.group(0) if found else ""


def prepaid_class(text: str) -> str:
    """The words telling money asked back from a day-care class, study tour or camp (not a
    training school's, a travel agency's, or one the school is asked about), or ""."""
    if _NOT_A_CONSUMERS.search(text):
        return ""
    cls, back = _PREPAID_CLASS.search(text), _ASKED_BACK.search(text)
    return f"{cls.group(0)}…{back.group(0)}" if cls and back else ""


def duty_objects(text: str) -> list[DutyObject]:
    """The objects read in the compact text, each with its unit and its setting's unit."""
    found: list[DutyObject] = []
    food = food_made_ill(text)
    if food:
        found.append(DutyObject(FOOD_UNIT, food, (HEALTH_UNIT,), setting_counts=False))
    animal = animal_shot(text)
    if animal:
        found.append(DutyObject(ANIMAL_UNIT, animal, (HEALTH_UNIT,), setting_counts=bitten(text)))
    danger = hazard(text)
    if danger:
        found.append(DutyObject(HAZARD_UNIT, danger, (ENVIRONMENT_UNIT,), setting_counts=False))
    crop = crop_struck(text)
    if crop:
        found.append(
            DutyObject(
                ANIMAL_UNIT,
                crop,
                (HAZARD_UNIT, RELIEF_UNIT),
                setting_counts=False,
                weight=CROP_WEIGHT,
            )
        )
    price = tourist_price(text)
    if price:
        found.append(DutyObject(FOOD_UNIT, price, (TOURISM_UNIT,), setting_counts=False))
    prepaid = prepaid_class(text)
    if prepaid:
        found.append(DutyObject(FOOD_UNIT, prepaid, (EDUCATION_UNIT,), setting_counts=False))
    drain = underpass_water(text)
    if drain:
        found.append(DutyObject(DRAIN_UNIT, drain, (HAZARD_UNIT, ROAD_UNIT), setting_counts=False))
    ill = "" if food else school_outbreak(text)
    if ill:
        found.append(DutyObject(HEALTH_UNIT, ill, (EDUCATION_UNIT,), setting_counts=False))
    return found + _more_objects(text)


# The modules whose readings become objects, in the order they are read; a new reading
# module is added here once.
_OBJECT_READERS: tuple[Callable[[str], list[Reading]], ...] = (
    winter_readings,
    trade_readings,
    act_readings,
    police_readings,
    neighbour_readings,
    bill_readings,
    fee_readings,
    institution_readings,
    tour_group_readings,
    school_entry_readings,
    school_health_rule_readings,
    workplace_outbreak_readings,
    shared_thing_readings,
    crowded_fire_readings,
    care_home_fire_readings,
    tv_signal_readings,
    pupil_transport_readings,
    school_gate_readings,
    allowance_readings,
    need_readings,
    gone_readings,
    care_readings,
    road_livestock_readings,
    dog_owner_readings,
    pharmacy_readings,
    pet_business_readings,
    live_poultry_readings,
    meat_sold_readings,
    village_clinic_readings,
    village_road_truck_readings,
    bite_shot_readings,
    work_injury_readings,
    work_health_readings,
    work_safety_readings,
    minors_at_venue_readings,
    prepaid_card_readings,
    park_ride_readings,
    street_offering_readings,
    price_unmarked_readings,
)


def _more_objects(text: str) -> list[DutyObject]:
    """The scale, aid and leaves readings (duty_scale_aid_leaves.py), the winter ones
    (duty_winter.py), the trade ones (duty_trade.py), the acts (duty_act.py), the
    police's acts at another unit's place (duty_police.py), neighbours' nuisances by their
    source (neighbour_nuisance.py), a property company's own charge on a bill (duty_bill.py),
    a disputed charge by the duty over its price or the thing paid for (duty_fee.py),
    an institution's illness (institution_illness.py), a harm to what a building's households
    share (shared_thing.py), a crowded dwelling's fire risk (crowded_fire.py), a care home's
    (care_home_fire.py), a television without its picture (tv_signal.py), pupils in a
    school's vehicle (pupil_transport.py), a thing sold or blocking at a school
    (school_gate_trade.py), an allowance by its grantor (bureau_allowance.py), a person or an
    animal in need by what they need (person_in_need.py), a child without care
    (child_without_care.py), livestock or a cart
    in a road's traffic (livestock_on_road.py), a dog's harm with its owner's answer asked
    (dog_owner_answer.py), a pharmacy's own conduct (duty_pharmacy.py), a pet business's
    dealing with its customer (pet_business.py), the live-poultry trade at a market
    (live_poultry_trade.py), meat sold with its papers in doubt (meat_sold.py), a school's
    entry check's shot asked (school_entry_shots.py), a school's health rule questioned
    (school_health_rule.py), a workplace's group ill (workplace_outbreak.py), a village's
    clinic or shot (village_clinic.py), heavy trucks on a village road
    (village_road_trucks.py), a person's shot after a bite (bite_shot.py), a person hurt at
    work (work_injury.py), minors let in or served drink at a venue (minors_at_venue.py), a
    prepaid card's money (prepaid_card.py), a park's ride or guard (park_ride.py) and the
    papers and a school's spoilt meal at a double weight (heavy_readings.py) as objects."""
    found: list[DutyObject] = []
    scale = more.scale_cheats(text)
    if scale:
        found.append(DutyObject(more.MARKET_UNIT, scale, (more.FARM_UNIT,), setting_counts=False))
    insured = more.insurance_aid(text)
    if insured:
        found.append(
            DutyObject(more.INSURANCE_UNIT, insured, (more.RELIEF_UNIT,), setting_counts=False)
        )
    heated = more.heating_aid(text)
    if heated:
        found.append(
            DutyObject(more.RELIEF_UNIT, heated, (more.HEATING_UNIT,), setting_counts=False)
        )
    leaves, hazard_near = more.leaves_burnt(text)
    if leaves:
        unit = more.HAZARD_UNIT if hazard_near else more.TOWN_UNIT
        setting = (
            (more.ENVIRONMENT_UNIT, more.GAS_UNIT) if hazard_near else (more.ENVIRONMENT_UNIT,)
        )
        found.append(DutyObject(unit, leaves, setting, setting_counts=False))
    readings = [r for read in _OBJECT_READERS for r in read(text)]
    found += [DutyObject(u, w, s, setting_counts=False) for u, w, s in readings]
    found += [
        DutyObject(u, w, s, setting_counts=False, weight=weight)
        for u, w, s, weight in heavy_readings(text)
    ]
    return found


def classifier_setting(proba: dict[str, float], objects: list[DutyObject]) -> dict[str, float]:
    """The classifier's vote with the setting's share moved to the object's unit.

    The classifier reads the same setting words (the hospital, 狂犬疫苗, the fumes) and
    learnt them as the setting unit's: it cannot tell the object from its setting. Where an
    object is read and its setting does not count, the setting unit keeps `SETTING_FACTOR`
    of the classifier's probability and the object's unit takes the rest."""
    out = dict(proba)
    for obj in objects:
        if obj.setting_counts:
            continue
        for setting in obj.setting_units:
            if setting not in out:
                continue
            moved = out[setting] * (1 - SETTING_FACTOR)
            out[setting] -= moved
            out[obj.unit] = out.get(obj.unit, 0.0) + moved
    return out


def bystanders(objects: list[DutyObject], asked: Callable[[str], bool]) -> set[str]:
    """The units whose words only set an object's scene and that the caller does not ask
    to act (`asked`: 请疾控来人管一管 is): not to be put instead of the object's unit."""
    return {u for o in objects if not o.setting_counts for u in o.setting_units if not asked(u)}
