"""The act asked about over the body it is told through, and a storm's loud setting. No I/O.

Read like duty_object.py's objects (it lists them in `duty_objects`): each finds what the
caller asks to be done or stopped and the unit the catalogue gives that act, over the units
whose words tell the scene. In an outbreak or a storm every request is full of the loudest
body's words (发烧, 流感, 台风, 淹): a pharmacy's price is still the price regulator's, pay
docked for a sick day still a wages matter, a widening crack in a building still the housing
bureau's. Read from round 21's held-out misses (a typhoon week, then an outbreak), each
checked against how the retired labels of rounds 2–21 split (counted in bench/RESULTS.md):

- a pharmacy's price raised or gouged (药店 … 一盒卖一百五, 布洛芬涨到六十多): 价格监督检查,
  the market regulator's, not health's medicines; a medical insurance card's price stays the
  insurer's (定点医药机构医保基金使用);
- any seller's price gouged in a shortage (矿泉水平时一箱二十多 现在卖七十五 … 趁火打劫, 爱买
  不买): 价格监督检查, the market regulator's, not the water company's cut nor health's flu;
  a utility's bill, a wage or an insurer's payout stays theirs;
- goods sold without a maker, a date or a label, or with nothing printed (没厂名没日子, 没有中文
  标签, 三无, 分装的 啥也没印): 产品质量, the market regulator's; a pesticide's or a seed's is
  agriculture's 农资;
- medical insurance from another city or province refused or to be filed (外地医保用不了, 异地
  就医备案, 异地结算的药店): the insurer's, the hospital or pharmacy that refused it only the
  scene;
- pay docked for a sick day or sick leave (请病假 … 扣全勤, 高烧请了三天假 … 按旷工扣): wages
  and labour inspection, human resources', the illness only the reason;
- a 热力井 (heat-pipe well) lid missing or broken: the heating company's network, not the
  city's manhole covers;
- a building site's scaffold, tower crane or hoarding blown over or left up in a typhoon
  (脚手架倒了半边, 塔吊 … 不放倒): 建筑施工管理, the housing bureau's (six of seven retired
  labels), not the emergency bureau's storm; a worker hurt on it is a labour or safety matter;
- a flooded basement or garage the property manager does not pump (地下室进水 … 物业一直不
  抽水): 物业管理, the housing bureau's (nine of nine retired labels where the property is
  told), not the power cut or the storm it causes; a heat exchanger down there is heating's;
- a building's own wall cracked or widening (老楼 墙上裂了一道大缝 下完雨更宽了): house
  safety and quality, the housing bureau's; a slope, a landslide's rocks, snow or blasting
  cracking it stays the emergency bureau's natural disaster;
- jet-skis, banana boats or speed boats run for visitors (海上摩托照样拉人): 海水浴场与海上摩托
  等水上游乐项目, culture and tourism's, not the emergency bureau's typhoon warning;
- people trapped by a flood (水都漫上来了 … 三户人家困在楼上, 一楼全淹了 … 老太太出不来):
  自然灾害应急, the emergency bureau's, whoever cut the power or runs the hotel;
- chemical tanks, gas cylinders or fuel stored beside homes, a school or a fire (化工厂那几个
  大罐子 离居民区太近了, 液化气罐 … 旁边就是烧烤炉子): 危险化学品, the emergency bureau's
  (nine of nine retired labels), not the environment bureau's factory; its fumes or
  discharge stay the environment's;
- a flood's shelter, its supplies or its closing (安置点多备点药, 避难场所在哪, 安置点让我们今天就
  回去): 自然灾害应急, the emergency bureau's (five of five retired labels), not the market's
  medicines; a doctor asked there is health's, gambling there the police's, a community's
  own shelter its area's, a school used as one education's;
- pesticides, waste oil or batteries to be disposed of (泡了水的农药 … 该怎么处理, 废机油往沟里
  倒): 危险废物, the environment bureau's, not agriculture's 农资;
- a one-key alarm or call button for old people living alone (一键呼叫): 养老 services, civil
  affairs', not the power cut that stranded them; one a community runs is its area's;
- cremation, funerals and remains awaiting them (遗体 … 火化): 殡葬管理, civil affairs',
  whatever road or flood delays it; a death certificate asked is the doctor's or the police's;
- the sea's water quality after a storm (海水的水质公布一下): 环境监测, the environment
  bureau's, not the water company's tap water;
- a document lost or soaked, to be reissued (房证泡烂了 咋补, 户口本 … 全泡烂了, 医保卡 …
  冲没了): its issuer's — a property certificate the natural resources bureau's, an identity
  card, household register or driving licence the police's, a medical insurance card the
  insurer's (25 of 26 retired labels), whatever flood or illness lost it;
- a tree or branch broken, hanging or fallen (not on power lines): 园林绿化（含台风后倒伏树木
  清理）, urban management's, whatever school or shop it hangs over;
- a family's visits to a care home stopped or what they found on one (暂停探视, 去探望发现):
  养老机构, civil affairs' (seven of seven retired labels), whatever outbreak or meal is
  told as the reason;
- crop insurance claimed or refused, lodged crops (农业保险, 倒伏不赔): 农业受灾登记与农业保险,
  agriculture's, not human resources' social insurance;
- banned fishing gear (绝户网, 地笼, 电鱼, 炸鱼): 渔业, agriculture's, although reported as a
  crime;
- a reservoir's flood release told or asked about (水库泄洪 下游各村立即转移): 自然灾害应急,
  the emergency bureau's, although read from a forwarded message (the police's rumours).

A worker left without a contract or insurance is read in worker_uncovered.py and listed
with these acts (a care home's carers: human resources, not civil affairs), and so is a child
put to work (child_labour.py: an internet café's or a kitchen's teenagers); so are a worker's
ask that is not the work's (relief, 医保 beside 工伤, 灵活就业's 医保: worker_asks.py), a van
carrying children for a fare and a seller's promised 学区 (child_setting.py: transport,
housing, the school only the scene), a clinic's medical waste dumped or burnt
(medical_waste.py: the environment's, the clinic and the bin only the scene), care asked for
someone at home, a hepatitis B carrier refused a job, a birth certificate written wrong
(care_asked.py: health, human resources, health; the area, civil affairs and the police only
the scene), and an ambulance's charge or late arrival and a doctor sending patients to a
pharmacy (medical_fees.py: health, the ride or the price the scene), and a pool's or a bath's
water dirty or its testing asked (pool_water.py: health, the water company, the card's shop,
the resort and the town only the scene); so are the shore's sea farm die-off, tide, beach fee
and fireworks stall (shore.py: agriculture, emergency, culture and tourism, emergency; the
beach's environment, city and town only the scene), and after a storm a home lost with relief
asked, a tree sparking on a power line and 医疗救助 asked after 医保 (storm_relief.py: civil
affairs, power, the insurer; the storm and the tree the scene).

Read and not built, because the retired labels split the other way or evenly: an institution
hiding its cases (瞒着, 不上报: a care home's, a school's, a factory's are mostly labelled
health; a care home's fevers split 9 civil affairs to 8 health), a school demanding a 复课 /
痊愈证明 (five health, one education), a relief list contested (the town, the subdistrict or
civil affairs by who is named).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from hotline.ticketing.routing.care_asked import care_asked_readings
from hotline.ticketing.routing.child_labour import child_labour_readings
from hotline.ticketing.routing.child_setting import child_setting_readings
from hotline.ticketing.routing.found_words import AREA_RUN, both_words, first_words
from hotline.ticketing.routing.medical_fees import medical_fee_readings, sent_to_pharmacy
from hotline.ticketing.routing.medical_waste import medical_waste_readings
from hotline.ticketing.routing.pool_water import pool_water_readings
from hotline.ticketing.routing.reading import Reading
from hotline.ticketing.routing.rider_fined import rider_fined_readings
from hotline.ticketing.routing.roadside import roadside_readings
from hotline.ticketing.routing.shore import shore_readings
from hotline.ticketing.routing.site_safety import site_safety_readings
from hotline.ticketing.routing.storm_relief import storm_relief_readings
from hotline.ticketing.routing.worker_asks import worker_ask_readings
from hotline.ticketing.routing.worker_uncovered import worker_uncovered_readings

MARKET_UNIT = "market_supervision"
INSURANCE_UNIT = "medical_insurance"
LABOUR_UNIT = "human_resources"
HEATING_UNIT = "heating"
HOUSING_UNIT = "housing"
TOURISM_UNIT = "culture_tourism"
HAZARD_UNIT = "emergency"
ENVIRONMENT_UNIT = "environment"
RELIEF_UNIT = "civil_affairs"
CITY_UNIT = "urban_management"
HEALTH_UNIT = "health"
POLICE_UNIT = "public_security"
POWER_UNIT = "power"
WATER_UNIT = "water"
FARM_UNIT = "agriculture"
EDUCATION_UNIT = "education"
TRANSPORT_UNIT = "transport"


_PHARMACY = re.compile(r"药店|药房|药铺")
_PRICE_RAISED = re.compile(
    r"涨|哄抬|翻了|翻倍|价|太贵|多收|差价"
    r"|卖[^。！？，]{0,4}?[一二两三四五六七八九十百几\d]+[块元]"
)
# A medical insurance card's price (刷卡就是这个价) is the insurer's: 定点药店的医保基金使用.
_INSURED_PRICE = re.compile(r"医保|医宝|刷卡|定点")

_GOUGED = re.compile(
    r"趁火打劫|哄抬|坐地起价|发国难财|爱买不买|翻了[一二两三几]?[倍番]"
    r"|(?:平时|原来|以前|上回)[^。！？]{0,12}?(?:现在卖|涨到|卖到)[^。！？]{0,3}?"
    r"[一二两三四五六七八九十百几\d]"
)
# A utility's bill, a wage, a payout or a test result that doubled is not a price gouged.
_NOT_GOUGED = re.compile(
    r"电费|气费|燃气|水费|采暖|暖气费|工资|值班|加班|理赔|超标|房租|物业费|车票|票价|客运"
)

_NO_MAKER = re.compile(
    r"三无|没厂名|没有厂名|没有?厂家|没有?中文标签|没有?中文|没有?生产日期|没日子|没有?注册证|没有?批号"
    # Round 26: no label at all or nothing printed (分装的 啥也没印, 没标签没日期): outside farm
    # inputs 4 of 4 retired lines are the market regulator's (r25_spoken:12's repacked tests).
    r"|没标签|没有标签|没有任何标签|[啥什][么也都]*没印"
)
_FARM_INPUT = re.compile(r"农药|除草剂|百草枯|农资|种子|化肥|饲料|兽药")

# A bill settled across cities or at the counter (异地结算的药店, 出院直接结算): 8 of 8
# retired labels are the insurer's (duty_pharmacy.py reads it as the insurer's card too).
SETTLED_ACROSS = r"(?:异地|跨省|跨市|跨地区|直接)结算"
_OTHER_CITY = re.compile(
    r"(?:外地|异地|外省|外市|省外)[^。！？，]{0,6}?医保|医保[^。！？]{0,10}?(?:异地|外地|外省)"
    rf"|异地就医|异地备案|{SETTLED_ACROSS}"
)

_SICK_DAY = r"(?:病假|请假|请了[^。！？]{0,3}?假|发烧|高烧|甲流|流感|生病|病了|旷工)"
_DOCKED = r"扣(?:了?我?们?)(?:工资|全勤|钱|奖金|绩效|半|[一二两三四五六七八九十百千几\d])"
_PAY_DOCKED = re.compile(
    rf"{_SICK_DAY}[^。！？]{{0,30}}?{_DOCKED}|{_DOCKED}[^。！？]{{0,10}}?(?:病假|请假)"
)
# Not a pupil's leave marked down, a tour's refund, a caller's day lost to an office's queue.
_NOT_WAGES = re.compile(
    r"学校|孩子|班上|旅行社|报的团|盖章|跑了[三四五几]?趟|窗口|抗原|测一下|给测|给看看|来人给看"
)

_HEAT_WELL = re.compile(r"热力井|热力管井|暖气井|热力管道井")

_SITE_RIG = re.compile(r"脚手架|塔吊|围挡|隔离网")
_RIG_DOWN = re.compile(r"倒了|倒[一半]|刮倒|刮歪|歪了|塌了|不放倒|没放倒|晃")
_WORKER_HURT = re.compile(r"摔|伤|掉下来|中暑|工伤|工钱|游泳")

_BASEMENT_FLOODED = re.compile(r"(?:地下室|车库)[^。！？]{0,6}?(?:进水|进了水|泡|淹|积水)")
_PROPERTY = re.compile(r"物业")
# Where there is no property manager, the community or subdistrict is asked.
_NOT_PROPERTYS = re.compile(r"充电|起火|着火|烟花|换热站|没物业|无物业|没有物业")

_BUILDING_CRACK = re.compile(
    r"(?:楼|房|墙)[^。！？]{0,12}?(?:裂了|裂开|裂缝|裂纹|裂[^。！？]{0,6}?缝)"
)
# A slope, falling rocks, snow, blasting or frozen pipes crack it: not the building's own.
_CRACKED_BY = re.compile(r"山|坡|崖|石头|土|雪|放炮|采石|震|水管|管子|冻|塌|油库")
# A house to be rebuilt, or a household to be rehoused or aided: the area's or relief's.
_REHOUSED = re.compile(r"危房改造|拆|安置|救助|社区帮|村里想")

_WATERCRAFT = re.compile(r"海上摩托|水上摩托|摩托艇|香蕉船|快艇|游艇")
_RESCUE_BOAT = re.compile(r"冲锋舟|志愿")

_FLOOD = re.compile(r"洪水|大水|发水|淹|进水|漫上|漫到|涨水|水都|水深|水没")
_TRAPPED = re.compile(
    r"被困|困在|困住|出不来|下不来|上不去|水困"
    r"|困[^。！？]{0,2}?(?:楼上|[一二三四五六\d]楼|屋里|家里|房顶|屋顶)"
)

_SHELTER = re.compile(r"安置点|避难|转移安置|临时安置")
_NOT_SHELTERS = re.compile(r"大夫|医生|发烧|赌|麻将|社区|街道|开学|价")

_STORED_HAZARD = re.compile(r"危化|化工[^。！？]{0,10}?罐|储罐|液化气罐|油罐|罐子")
_NEAR = re.compile(r"离[^。！？]{0,8}?近|挨着|紧挨|旁边就是|旁边还有|门口就是|对面就是")
_EMISSION = re.compile(r"排放|偷排|废水|废气|冒黄烟|烟囱|排进|直排")

_WASTE = re.compile(r"农药|废机油|机油|废油|电瓶|油漆桶|药瓶")
_DISPOSED = re.compile(r"扔|处理|倒进|倒在|往[^。！？]{0,10}?倒|收走|交给谁")
# Farm film and pesticide bottles left in the fields: agriculture's farm inputs.
_FIELD_LITTER = re.compile(r"地膜|地头")

_ONE_KEY = re.compile(r"一键呼叫|一键报警|一键求助|呼叫器|紧急呼叫")
_ELDERLY = re.compile(r"独居|一个人住|空巢|孤寡")

_FUNERAL = re.compile(r"火化|火葬|遗体|殡仪|殡葬|骨灰")
_DEATH_PAPER = re.compile(r"死亡证明")

_SEA_QUALITY = re.compile(r"海水[^。！？]{0,8}?(?:水质|污染)|海[^。！？]{0,3}?水质")

_TREE = re.compile(r"树枝|树杈|树干|大树|杨树|柳树|槐树|榆树|树")
_TREE_DOWN = re.compile(r"(?:刮|压|雪|风)[^。！？]{0,6}?(?:断|折|劈|倒|歪)|断了|折了|耷拉|挂在|悬")
# On power lines it is the power company's first; a fruit tree is a crop; a hill's trees a
# landslide's; a tree planted or adopted is no fallen one.
_NOT_CITY_TREE = re.compile(
    r"电线|电杆|停电|果树|果子|苹果|山|认领|植树|推倒|砍|燃气|煤气|医保|腿|胳膊"
)

_CARE_HOME = re.compile(r"养老院|敬老院|养老中心|护理院|福利院")
_FAMILY_VISIT = re.compile(r"探视|探望")

_CROP_INSURANCE = re.compile(r"农业保险|种植险|(?<!抗)倒伏")
_BANNED_GEAR = re.compile(r"绝户网|地笼|电鱼|炸鱼|迷魂阵")

# A document and its issuer; reissued where lost, soaked or asked how to replace.
_ISSUERS: tuple[tuple[str, str], ...] = (
    ("natural_resources", r"房本|房产证|不动产证|房照|房证|土地证|宅基地证"),
    (POLICE_UNIT, r"户口本|身份证|驾驶证|驾照|行驶证"),
    (INSURANCE_UNIT, r"医保卡|医保凭证"),
    (LABOUR_UNIT, r"社保卡"),
)
_LOST = (
    r"(?:补办|咋补|怎么补|补证|丢了|丢失|弄丢|泡了|泡水|泡烂|冲没|冲走|烂了|挂失|找不着|找不到了"
    r"|损坏)"
)
_DOCUMENT_LOST = tuple(
    (unit, re.compile(rf"(?:{doc})[^。！？]{{0,20}}?{_LOST}|{_LOST}[^。！？]{{0,8}}?(?:{doc})"))
    for unit, doc in _ISSUERS
)
# A document not checked (网吧不查身份证) is the checker's matter.
_NOT_CHECKED = re.compile(r"不查|没查|不看")

_FLOOD_RELEASE = re.compile(r"泄洪(?!沟)|水库[^。！？]{0,6}?放水")


def pharmacy_price(text: str) -> str:
    """The words telling a pharmacy's price raised (not a medical insurance card's, not a
    doctor's referral to it: medical_fees.py), or ""."""
    if _INSURED_PRICE.search(text) or sent_to_pharmacy(text):
        return ""
    return both_words(_PHARMACY, _PRICE_RAISED, text)


def price_gouged(text: str) -> str:
    """The words telling a price gouged in a shortage (not a bill, a wage), or ""."""
    if _INSURED_PRICE.search(text) or _NOT_GOUGED.search(text):
        return ""
    return first_words(_GOUGED, text)


def basement_property(text: str) -> str:
    """The words telling a flooded basement left by the property manager, or ""."""
    if _NOT_PROPERTYS.search(text):
        return ""
    return both_words(_BASEMENT_FLOODED, _PROPERTY, text)


def site_rig(text: str) -> str:
    """The words telling a site's scaffold or crane down (no worker hurt), or ""."""
    return "" if _WORKER_HURT.search(text) else both_words(_SITE_RIG, _RIG_DOWN, text)


def no_maker(text: str) -> str:
    """The words telling goods without a maker or a label (not a farm input), or ""."""
    return "" if _FARM_INPUT.search(text) else first_words(_NO_MAKER, text)


def pay_docked(text: str) -> str:
    """The words telling pay docked for a sick day (not a pupil's, a tour's), or ""."""
    return "" if _NOT_WAGES.search(text) else first_words(_PAY_DOCKED, text)


def building_crack(text: str) -> str:
    """The words telling a building's own wall cracked (not by a slope or snow), or ""."""
    if _CRACKED_BY.search(text) or _REHOUSED.search(text):
        return ""
    return first_words(_BUILDING_CRACK, text)


def watercraft(text: str) -> str:
    """The words telling jet-skis or pleasure boats (not a rescue team's boats), or ""."""
    return "" if _RESCUE_BOAT.search(text) else first_words(_WATERCRAFT, text)


def shelter(text: str) -> str:
    """The words telling a flood's shelter (not a doctor, gambling, an area's own), or ""."""
    return "" if _NOT_SHELTERS.search(text) else first_words(_SHELTER, text)


def stored_hazard(text: str) -> str:
    """The words telling chemicals or gas stored beside people (not their fumes), or ""."""
    return "" if _EMISSION.search(text) else both_words(_STORED_HAZARD, _NEAR, text)


def waste_disposal(text: str) -> str:
    """The words telling pesticides or waste oil to be disposed of, or ""."""
    return "" if _FIELD_LITTER.search(text) else both_words(_WASTE, _DISPOSED, text)


def one_key_alarm(text: str) -> str:
    """The words asking a call button for old people (not an area's own), or ""."""
    if AREA_RUN.search(text):
        return ""
    return both_words(_ONE_KEY, _ELDERLY, text)


def funeral(text: str) -> str:
    """The words telling a cremation or remains (not a death certificate asked), or ""."""
    return "" if _DEATH_PAPER.search(text) else first_words(_FUNERAL, text)


def fallen_tree(text: str) -> str:
    """The words telling a tree broken or hanging (not on power lines, not a crop), or ""."""
    return "" if _NOT_CITY_TREE.search(text) else both_words(_TREE, _TREE_DOWN, text)


def document_lost(text: str) -> tuple[str, str]:
    """The issuer and the words telling the first document lost or to be reissued, or
    ("", "")."""
    if _NOT_CHECKED.search(text):
        return "", ""
    found = [(m.start(), unit, m.group(0)) for unit, p in _DOCUMENT_LOST if (m := p.search(text))]
    if not found:
        return "", ""
    _, unit, words = min(found)
    return unit, words


# Readings kept in modules of their own, each read after the acts above; a new module
# is added here once, so this file does not grow with every reading.
_MODULE_READERS: tuple[Callable[[str], list[Reading]], ...] = (
    worker_uncovered_readings,
    child_labour_readings,
    rider_fined_readings,
    worker_ask_readings,
    child_setting_readings,
    medical_waste_readings,
    care_asked_readings,
    medical_fee_readings,
    site_safety_readings,
    pool_water_readings,
    shore_readings,
    storm_relief_readings,
    roadside_readings,
)


def act_readings(text: str) -> list[Reading]:
    """Each act read in the compact text, with its unit and its setting's units."""
    issuer, document = document_lost(text)
    readings: list[Reading] = [
        (issuer, document, (HAZARD_UNIT, HEALTH_UNIT, HOUSING_UNIT)),
        (MARKET_UNIT, pharmacy_price(text), (HEALTH_UNIT,)),
        (MARKET_UNIT, price_gouged(text), (HEALTH_UNIT, WATER_UNIT, POWER_UNIT)),
        (HOUSING_UNIT, site_rig(text), (HAZARD_UNIT,)),
        (HOUSING_UNIT, basement_property(text), (POWER_UNIT, HAZARD_UNIT)),
        (MARKET_UNIT, no_maker(text), (HEALTH_UNIT, POLICE_UNIT)),
        (INSURANCE_UNIT, first_words(_OTHER_CITY, text), (HEALTH_UNIT, MARKET_UNIT)),
        (LABOUR_UNIT, pay_docked(text), (HEALTH_UNIT,)),
        (HEATING_UNIT, first_words(_HEAT_WELL, text), (CITY_UNIT,)),
        (HOUSING_UNIT, building_crack(text), (HAZARD_UNIT,)),
        (TOURISM_UNIT, watercraft(text), (HAZARD_UNIT,)),
        (HAZARD_UNIT, both_words(_FLOOD, _TRAPPED, text), (POWER_UNIT, TOURISM_UNIT, HOUSING_UNIT)),
        (HAZARD_UNIT, shelter(text), (MARKET_UNIT, HEALTH_UNIT, RELIEF_UNIT)),
        (HAZARD_UNIT, stored_hazard(text), (ENVIRONMENT_UNIT, MARKET_UNIT)),
        (ENVIRONMENT_UNIT, waste_disposal(text), (FARM_UNIT, CITY_UNIT)),
        (RELIEF_UNIT, one_key_alarm(text), (POWER_UNIT, HAZARD_UNIT)),
        (RELIEF_UNIT, funeral(text), (HAZARD_UNIT, HEALTH_UNIT, TRANSPORT_UNIT)),
        (ENVIRONMENT_UNIT, first_words(_SEA_QUALITY, text), (WATER_UNIT, TOURISM_UNIT)),
        (CITY_UNIT, fallen_tree(text), (EDUCATION_UNIT, HAZARD_UNIT)),
        (RELIEF_UNIT, both_words(_CARE_HOME, _FAMILY_VISIT, text), (HEALTH_UNIT, MARKET_UNIT)),
        (FARM_UNIT, first_words(_CROP_INSURANCE, text), (LABOUR_UNIT, HAZARD_UNIT, RELIEF_UNIT)),
        (FARM_UNIT, first_words(_BANNED_GEAR, text), (POLICE_UNIT,)),
        (HAZARD_UNIT, first_words(_FLOOD_RELEASE, text), (POLICE_UNIT,)),
    ]
    return [r for r in readings if r[1]] + [r for read in _MODULE_READERS for r in read(text)]
