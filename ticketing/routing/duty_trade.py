"""The ask over the caller's trade or workplace, and duties new to the corpus. No I/O.

Read like duty_object.py's objects (it lists them in `duty_objects`): each finds the thing
asked about and the unit the catalogue gives it, over the units whose words set the scene.
A caller who tells their trade first (我是医院的护士, 我们码头倒班的, 我跑外卖的, 我是班主任)
fills the request with their workplace's words; the ask decides the unit. Read from round
20's held-out misses (callers by trade), each checked against how the retired labels of
rounds 2–20, the seed corpus and the dev sets split:

- the caller's own wages unpaid (医院仨月没发工资, 护理员 … 三个月没发工资): 拖欠工资 is human
  resources', whether the employer is a hospital, a care centre or a school;
- night-shift, overtime or heat pay (夜班费, 加班费, 高温补贴): wages, human resources';
- fevers with a test, a doctor or a report asked (抗原上哪能测, 用不用上报 报给谁, 给看看 给测
  一下), or the ill at home without medicine or food (阳了 … 没吃的 退烧药也没了): 疫情防控与
  传染病 is health's, the class, the station, the dormitory or the shared flat only the scene;
- a truck's overload checked or fined, or its weight limit asked (超限 罚两千, 挂车总重限多少,
  被查超载): 交通管理 is the police's (交警), not transport's roads nor the scale's maker; a
  road crushed by overloaded trucks stays the road's, a school bus the school's;
- a parking ticket (出租车 … 交警就贴了罚单) or vehicles queuing to be directed (大货车排队
  … 给疏导疏导): 交通管理, the police's, not transport's taxis and roads;
- talent subsidies and a graduate's personnel file (人才补贴, 档案 … 人才中心): 就业服务,
  human resources'; a file asked for a household registration (落户) stays the police's, but
  a subsidy named by its kind is asked for itself, the 落户 only its condition (毕业过来落户的
  人才补贴怎么申请; a graduate's 租房补贴): human resources' 8 of 8 retired labels, the
  police's 户口 words only the scene;
- talent flats and subsidised rentals (人才公寓, 公租房, 保障性租赁住房): housing's;
- a rest place for riders and couriers (骑手歇脚的地方): a workers' matter, human resources',
  unless a community or subdistrict runs it (its own area's, as the retired labels say);
- more charging cabinets or piles proposed (多弄几个充电柜): 用电报装（含充电桩）, power's, not
  the emergency bureau's fire risk; one a property manager refuses stays housing's;
- a flat let room by room (群租): housing's, unless told as a fire risk or a community's check;
- a workplace's safety device broken (车间 … 可燃气体报警器 坏了): 安全生产, the emergency
  bureau's, not the gas company's;
- vocational training asked for (组织培训 学个电焊), its subsidy (职业技能培训补贴), or a
  trade's paid course that promised a job and vanished (电焊培训学校 说包分配): 就业服务,
  human resources', not education's schools, the emergency bureau's welders nor the
  police's 户口 (外地户口 能不能享受). Rounds 2–35: human resources 11 of 11 as read here
  (rounds 3, 5, 12, 20, 31, 33); safety, fire or rescue training (emergency 4, the beach 1)
  is not read;
- a fishing boat's licence (渔船证, 捕捞证): 渔业, agriculture's, not the police's papers;
- which licences a 民宿 needs (得办个什么许可, 办哪些手续): culture and tourism's (its labels
  say so every time); one run without a licence is reported to whoever inspects it;
- fuel measured short at a filling station (油尺一量 少了两百升), more than the tank holds
  (加进去62升 油箱标的是55升) or its price (一升比城里贵好几毛): 计量 or 价格, the market
  regulator's, not the emergency bureau's station (bulk fuel in drums beside it stays theirs);
- a remedy sold as a sure cure or guard (保准不得流感, 特效药): false claims on goods,
  the market regulator's, not health's (a medical insurance card or a pesticide aside).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import AREA_RUN, both_words, first_words
from hotline.ticketing.routing.reading import Reading

LABOUR_UNIT = "human_resources"
HEALTH_UNIT = "health"
RELIEF_UNIT = "civil_affairs"
EDUCATION_UNIT = "education"
MARKET_UNIT = "market_supervision"
ENVIRONMENT_UNIT = "environment"
TRANSPORT_UNIT = "transport"
POLICE_UNIT = "public_security"
HOUSING_UNIT = "housing"
HAZARD_UNIT = "emergency"
POWER_UNIT = "power"
FARM_UNIT = "agriculture"
TOURISM_UNIT = "culture_tourism"
GAS_UNIT = "gas"


# The caller's side unpaid: 我/我们/俺 then, within a sentence, wages not paid or owed; or a
# count of months unpaid (仨月没发工资). Not a prepaid card's shop whose staff are owed too.
_UNPAID = r"(?:没发|不发|没给发|没开|拖欠|欠着?)(?:工资|工钱|薪水)"
_OWN_WAGES = re.compile(
    rf"(?:我|俺|咱)[^。！？]{{0,30}}?{_UNPAID}"
    rf"|[一二两俩仨三四五六几半\d]个?月{_UNPAID}"
)
_PREPAID = re.compile(r"预付卡|充值|办卡|处理完毕")

_SHIFT_PAY = re.compile(r"夜班费|加班费|倒班费|夜班补贴|高温补贴|加班工资")
# Told beside an unsafe machine or boiler, the danger leads (安全生产, the emergency bureau's).
_UNSAFE = re.compile(r"年检|隐患|安全")

# A fever or a positive test, then a test, a doctor or a report asked for it, or medicine
# or food for the ill at home (round 26: 阳了 … 两道杠 … 没吃的 退烧药也没了 — the retired
# lines this adds are health's 7 of 8, the eighth a community asked by name).
_FEVER = re.compile(r"发烧|发热|高烧|烧到|三十[八九]度|阳了|[两二][道条]杠")
_FEVER_ASK = re.compile(
    r"抗原|核酸|测一下|给测|测测|上哪能?测|给看看|来人给看|上报|报给谁|报不报"
    r"|没吃的|药也没了|药吃没了|没药了|一片药没有|送点药|送点退烧药|买不着药"
)
# Not a test kit's price, a clinic's bill, a stall by the clinic, nor a care home that does not
# report its residents' fevers (its regulator's, civil affairs', as the retired label says).
_NOT_FEVER_ASK = re.compile(r"医保|报销|能报|涨|哄抬|价|一盒|摆摊|占道|养老院")

# A truck's weight checked, fined or its limit asked; not a road it crushed, nor children.
_OVERLOAD = re.compile(r"超限|超载|限重|总重|磅单|磅丹")
_TRUCK = re.compile(r"货车|挂车|大车|集卡|车队|钢卷|拉货|货运|跑车|司机")
_OVERLOAD_ASK = re.compile(r"罚|扣分|扣[一二两三四五六\d]分|记了?分|限多少|多少吨|规定|被查|查超")
# A road crushed (路压得稀碎) is the road's; a truck's own wheels pressed hot (压得轮子冒烟)
# are its load's.
_NOT_OVERLOAD = re.compile(
    r"压坏|压得[^。！？]{0,2}?(?:稀碎|全是坑|坑|烂)|(?:路|道)[^。！？]{0,8}?压|压塌|压碎|碾"
    r"|修路|路修|校车|幼儿园|学校|孩子|学生|开采"
)

# A parking or traffic ticket (贴了罚单, 贴条): 交通管理, the police's (交警), whatever the
# driver's trade (a taxi's is transport's); not a fine by another enforcer.
_TICKET = re.compile(r"罚单|贴条|贴了罚")
_OTHER_ENFORCER = re.compile(r"市场监管|城管|环保|执法局|卫生监督")
# Vehicles queuing or jamming a road, asked to be directed (大货车排队等进港 … 给疏导疏导):
# the police's traffic management, not the road's; not a market's stalls nor a clinic's queue.
_DIRECTED = re.compile(r"疏导")
_VEHICLES = re.compile(r"货车|大车|集卡|挂车|车辆|排队的车|车排|堵车|车堵")
_NOT_TRAFFIC = re.compile(r"早市|摊|门诊|医院")

# Talent subsidies; a graduate's personnel file (档案) lost between school and the centre.
_TALENT = re.compile(
    r"人才(?:补贴|引进|政策)"
    r"|(?:毕业|人事|人才中心)[^。！？]{0,12}?档案|档案[^。！？]{0,12}?(?:人才中心|人事)"
)
_SETTLING = re.compile(r"户口|落户|迁户")
# A subsidy named by its kind: a talent subsidy, or a graduate's rent subsidy (a low-income
# household's 生活补贴 is civil affairs', and no 租房补贴 without a graduate is labelled).
_TALENT_SUBSIDY = re.compile(r"人才(?:补贴|津贴)")
_GRADUATE = re.compile(r"毕业|研究生|硕士|博士|大学生")
_RENT_SUBSIDY = re.compile(r"(?:租房|房租|住房)补贴")

_TALENT_FLAT = re.compile(r"人才公寓|公租房|廉租房|保障房|保障性(?:租赁)?住房")

# A rest place for workers on the street; a community's or subdistrict's own is the area's.
_REST = re.compile(r"歇脚|歇歇脚|休息的地|喝口热水")
_STREET_WORKER = re.compile(r"骑手|外卖|快递员|快递小哥|跑单")

_CHARGER = re.compile(r"充电柜|充电桩|充电站|充电的地方")
_MORE_PROPOSED = re.compile(r"建议|多弄|多建|多装|增设|多设|多安")
_PROPERTY = re.compile(r"物业|着火|起火|火灾")

# A flat let room by room (群租, 隔了九个小单间): 房屋租赁 under the housing bureau; told as a fire
# risk (电炉子, 消防隐患) the emergency bureau's, checked by a community its own area's.
_SUBLET = re.compile(r"群租|隔[了成][^。！？]{0,8}?单间")
_SUBLET_NOT = re.compile(r"消防|隐患|电炉|着火|起火|社区|街道")

# A workplace's safety device broken or switched off (车间 … 可燃气体报警器 坏了俩月):
# 安全生产, the emergency bureau's, not the gas company's alarms in homes.
_SAFETY_DEVICE = re.compile(
    r"(?:车间|厂)[^。！？]{0,20}?(?:报警器|光栅|安全装置|防护罩)"
    r"|(?:报警器|光栅|安全装置|防护罩)[^。！？]{0,20}?(?:车间|厂)"
)
_BROKEN = re.compile(r"坏了|不响|关了|没修|拆了")

# Vocational training asked for (给我们渔民组织组织培训 学个电焊), its subsidy, or a paid
# course in a trade that promised a job (电焊培训学校 说包分配): 就业服务, human resources'.
_TRADE = r"(?:电焊|焊工|叉车|电工|厨师|挖掘机|挖机|汽修|育婴)"
_JOB_TRAINING = re.compile(
    rf"技能培训|职业培训|组织[^。！？]{{0,6}}?培训|{_TRADE}[^。！？]{{0,4}}?培训|培训[^。！？]{{0,6}}?包分配"
)
# Safety or rescue training (安全生产培训, 消防培训, 组织救生员统一培训): the emergency bureau's
# or the beach's.
_NOT_JOB_TRAINING = re.compile(r"安全|消防|救生")

_FISHING_LICENCE = re.compile(r"渔船[^。，！？]{0,4}?(?:证|登记|检验|执照|牌照)|船证|捕捞证")

_HOMESTAY = re.compile(r"民宿|民素")
_LICENCE_ASKED = re.compile(r"办个?什么|办啥|办哪些|要办|得办|需要办|手续|备案|几个证")
_UNLICENSED = re.compile(r"没证|没有证|无证|没有营业执照|没执照|没有任何手续")

_FUEL = re.compile(r"加油站|加油机|柴油|汽油|油尺|加油")
_FUEL_SHORT = re.compile(
    r"(?:少了|差了|缺了|短了)[快将近小差不多]{0,3}[一二两三四五六七八九十百几\d]"
    r"|不够数|缺斤短两|少加"
)
# A filling station's own price (油价贵一块多, 一升比城里贵好几毛, 标价与实际收费不一致) or its
# pump measuring more than the tank holds (加了五十升 油箱才四十升, 油箱根本装不下, 油表没动
# 多少 肯定做手脚): 价格 or 计量, the market regulator's (rounds 2–36: 9 of 9, rounds 2, 3, 5,
# 20, 28, 36). Not bulk fuel sold in drums beside the station, nor a hazard next to it
# (烟花, 着火, 漏气): the emergency bureau's (18 of 18 such lines).
_STATION = re.compile(r"加油站|加油机|加油枪")
_STATION_PRICE = re.compile(
    r"油价|[一每]升[^。！？]{0,8}?贵|贵[^。！？]{0,3}?(?:一块|几毛|好几毛|[一二两三四五六七八九几]毛)"
    r"|明码标价|标价[^。！？]{0,6}?不一致"
)
_STATION_MEASURE = re.compile(
    r"油箱[^。！？]{0,12}?(?:才|只有|总共|标的|装不下)|装不下|油表没动|做手脚|做了手脚"
    r"|加油机[^。！？]{0,6}?(?:不准|有问题|有毛病)"
)
_NOT_STATION_TRADE = re.compile(
    r"散装|塑料桶|桶装|大桶|铁罐|罐子|私自|私设|私卖|烟花|鞭炮|着火|起火|漏|杨絮|抽烟"
)

_SURE_CURE = re.compile(
    r"特效|保准不得|不得流感|包治|根治|预防流感(?:冲剂|喷雾|药)|防[^。！？]{0,3}?流感?特效"
)
_SOLD = re.compile(r"卖|一盒|一瓶|摆着|推销|排队买|团购")
_NOT_SURE_CURE = re.compile(r"医保卡|农药|菜")


def own_wages(text: str) -> str:
    """The words telling the caller's side unpaid, or ""."""
    return "" if _PREPAID.search(text) else first_words(_OWN_WAGES, text)


def shift_pay(text: str) -> str:
    """The words telling shift or overtime pay (not beside a safety danger), or ""."""
    return "" if _UNSAFE.search(text) else first_words(_SHIFT_PAY, text)


def fever_ask(text: str) -> str:
    """The words telling fevers with a test, a doctor or a report asked, or ""."""
    return "" if _NOT_FEVER_ASK.search(text) else both_words(_FEVER, _FEVER_ASK, text)


def overload(text: str) -> str:
    """The words telling a truck's overload checked or its limit asked, or ""."""
    if _NOT_OVERLOAD.search(text) or not _TRUCK.search(text):
        return ""
    return both_words(_OVERLOAD, _OVERLOAD_ASK, text)


def traffic_ticket(text: str) -> str:
    """The words telling a parking or traffic ticket (not another enforcer's fine), or ""."""
    return "" if _OTHER_ENFORCER.search(text) else first_words(_TICKET, text)


def traffic_directed(text: str) -> str:
    """The words asking queuing or jammed vehicles to be directed, or ""."""
    return "" if _NOT_TRAFFIC.search(text) else both_words(_DIRECTED, _VEHICLES, text)


def talent(text: str) -> str:
    """The words telling a talent subsidy or a graduate's file (not for 落户), or ""."""
    return "" if _SETTLING.search(text) else first_words(_TALENT, text)


def talent_subsidy(text: str) -> str:
    """The words naming a talent subsidy or a graduate's rent subsidy where `talent` reads
    nothing (落户 told, or only the rent subsidy named), or ""."""
    if talent(text):
        return ""
    return first_words(_TALENT_SUBSIDY, text) or both_words(_GRADUATE, _RENT_SUBSIDY, text)


def rest_place(text: str) -> str:
    """The words telling a rest place for street workers (not an area's own), or ""."""
    return "" if AREA_RUN.search(text) else both_words(_REST, _STREET_WORKER, text)


def chargers_proposed(text: str) -> str:
    """The words proposing more chargers (not refused by a property, not a fire), or ""."""
    return "" if _PROPERTY.search(text) else both_words(_CHARGER, _MORE_PROPOSED, text)


def sublet(text: str) -> str:
    """The words telling a flat let room by room (not a fire risk, not a community's
    check), or ""."""
    return "" if _SUBLET_NOT.search(text) else first_words(_SUBLET, text)


def homestay_licence(text: str) -> str:
    """The words asking which licences a 民宿 needs (not one run unlicensed), or ""."""
    return "" if _UNLICENSED.search(text) else both_words(_HOMESTAY, _LICENCE_ASKED, text)


def station_trade(text: str) -> str:
    """The words telling a filling station's fuel measured short or over the tank, or its
    price (not bulk fuel nor a hazard beside it), or ""."""
    short = both_words(_FUEL, _FUEL_SHORT, text)
    if short or not _STATION.search(text) or _NOT_STATION_TRADE.search(text):
        return short
    return first_words(_STATION_PRICE, text) or first_words(_STATION_MEASURE, text)


def sure_cure(text: str) -> str:
    """The words telling a remedy sold as a sure cure, or ""."""
    return "" if _NOT_SURE_CURE.search(text) else both_words(_SURE_CURE, _SOLD, text)


def job_training(text: str) -> str:
    """The words telling vocational training asked or a trade's course paid for, or ""."""
    return "" if _NOT_JOB_TRAINING.search(text) else first_words(_JOB_TRAINING, text)


def trade_readings(text: str) -> list[Reading]:
    """Each ask read in the compact text, with its unit and its setting's units."""
    readings: list[Reading] = [
        (LABOUR_UNIT, own_wages(text), (HEALTH_UNIT, RELIEF_UNIT, EDUCATION_UNIT)),
        (LABOUR_UNIT, shift_pay(text), (ENVIRONMENT_UNIT, TRANSPORT_UNIT)),
        (HEALTH_UNIT, fever_ask(text), (LABOUR_UNIT, EDUCATION_UNIT, MARKET_UNIT)),
        (POLICE_UNIT, overload(text), (TRANSPORT_UNIT, MARKET_UNIT)),
        (POLICE_UNIT, traffic_ticket(text), (TRANSPORT_UNIT,)),
        (POLICE_UNIT, traffic_directed(text), (TRANSPORT_UNIT,)),
        (LABOUR_UNIT, talent(text), (RELIEF_UNIT, EDUCATION_UNIT, MARKET_UNIT)),
        (LABOUR_UNIT, talent_subsidy(text), (POLICE_UNIT, RELIEF_UNIT, HOUSING_UNIT)),
        (HOUSING_UNIT, first_words(_TALENT_FLAT, text), (MARKET_UNIT, ENVIRONMENT_UNIT)),
        (LABOUR_UNIT, rest_place(text), (MARKET_UNIT, TRANSPORT_UNIT)),
        (POWER_UNIT, chargers_proposed(text), (HAZARD_UNIT,)),
        (HOUSING_UNIT, sublet(text), (HAZARD_UNIT,)),
        (HAZARD_UNIT, both_words(_SAFETY_DEVICE, _BROKEN, text), (GAS_UNIT,)),
        (
            LABOUR_UNIT,
            job_training(text),
            (FARM_UNIT, EDUCATION_UNIT, HAZARD_UNIT, POLICE_UNIT),
        ),
        (FARM_UNIT, first_words(_FISHING_LICENCE, text), (POLICE_UNIT,)),
        (TOURISM_UNIT, homestay_licence(text), (POLICE_UNIT, MARKET_UNIT)),
        (MARKET_UNIT, station_trade(text), (HAZARD_UNIT, TRANSPORT_UNIT)),
        (MARKET_UNIT, sure_cure(text), (HEALTH_UNIT,)),
    ]
    return [r for r in readings if r[1]]
