"""Winter duties over their setting: ice, heaters, fireworks, the New Year's aid. No I/O.

Read like duty_object.py's objects (it lists them in `duty_objects`): each finds the thing
acted on and the unit the catalogue gives it, over the units whose words set its scene.
Read from round 19's held-out misses (deep winter and the Spring Festival), each checked
against how the retired labels of rounds 2–19 split:

- people on sea or reservoir ice that cracks or drifts (冰排上 好几个孩子, 海面冻上了 … 冰边上
  都裂缝了): 自然灾害应急 is the emergency bureau's, the beach or scenic spot only the scene;
- heaters, electric blankets, coal stoves or chained power strips in a shed, a care home or a
  dormitory, told as a fire risk (一个灭火器都没有, 这要着火了): 消防安全隐患 is the emergency
  bureau's, not the heating company's, the care home's regulator's or the power company's;
- 住房公积金 drawn for anything, the heating fee too: the housing fund is the housing
  bureau's (no other unit in the catalogue holds it);
- a rumour or a forged notice (造谣, 假通知, 红头文件 … 根本没这事): 散布谣言 is the police's,
  whatever it is about (a school's closure, an outbreak, the tap water, a demolition, the
  heating fee, the grain price): the retired labels of rounds 2–29 give the police 33 of 33
  where the caller calls it 造谣 or 谣言 (a teacher's 别传谣 told of an outbreak is not read:
  education's, 2 of 2). A rumour only asked about (群里都传疯了 … 这是真的假的, no 造谣) goes
  with its subject (health, emergency, housing: 3 of 3) and is not read;
- a pig slaughtered at home to be inspected (杀年猪 … 检疫), dead poultry or livestock sold
  (笼子里死了好几只 摊主还往外拿着卖): animal quarantine is agriculture's, the fair only the
  scene (meat sold as meat stays the market regulator's food safety);
- a traveller robbed or out of money and stranded (钱让人偷了 回不了家, 想回家买不起票):
  流浪救助 is civil affairs', unless the police are asked (派出所, 报警, a certificate of identity);
- a poor household's festival allowance (低保户 … 慰问金): civil affairs' 最低生活保障;
- a document asked to be accepted at a marriage registration (过期的身份证能不能用 … 登记结婚):
  婚姻登记 is civil affairs', issuing the document the police's;
- a labour agency taking fees for jobs (劳务中介 … 收了每人500块报名费, 黑中介 … 八百块介绍费
  说安排进港口): 就业服务 is human resources', although the caller tells it as fraud and
  the word 中介 is an estate agent's (housing's) more often; a flat let or sold (房, 租) is not
  read. Rounds 2–35: human resources 9 of 9 (rounds 6, 11, 19, 20, 23, 29, 33) as read here;
- fireworks' debris left in the street (放完的烟花 满街都是纸屑): 市容 is urban management's;
  a fireworks show (烟花晚会): an event, culture and tourism's — neither the emergency
  bureau's 烟花爆竹 (selling and storing them);
- pipes or a meter thawed for a fee (化冻那师傅 … 要三百): the water company's service;
- coal burning for heat to be banned or fined (烧煤取暖 … 不让烧了 会不会罚): air pollution
  control, the environment bureau's, not the heating company's.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import both_words, first_words
from hotline.ticketing.routing.reading import Reading

HAZARD_UNIT = "emergency"
TOURISM_UNIT = "culture_tourism"
HEATING_UNIT = "heating"
RELIEF_UNIT = "civil_affairs"
HOUSING_UNIT = "housing"
POWER_UNIT = "power"
POLICE_UNIT = "public_security"
EDUCATION_UNIT = "education"
HEALTH_UNIT = "health"
FARM_UNIT = "agriculture"
MARKET_UNIT = "market_supervision"
LABOUR_UNIT = "human_resources"
TOWN_UNIT = "urban_management"
WATER_UNIT = "water"
ENVIRONMENT_UNIT = "environment"


# Ice on the sea, a river or a reservoir (冰排 as heard: 冰牌), people on it, and a danger or
# an ask to stop them. Not a frozen road or a pipe's ice (路面, 打滑) nor a person's frostbite
# (冻伤, 上哪个科: health's).
_ICE = re.compile(r"冰排|冰牌|浮冰|冰面|冰上|冰窟窿|海面冻|(?:海|河|水库|湖)[^。！？]{0,6}?冻上")
_WATER_BODY = re.compile(r"海|河|水库|湖|浴场|冰排|冰牌|浮冰")
_ICE_DANGER = re.compile(r"裂|漂|掉下去|掉进|掉冰|危险|劝|拦|警示|立个?牌|快找人|救")
# Nor a ditch's ice (沟), nor a village's or community's pond asked of the area itself (村里给立个
# 牌子: the retired label is the town's).
_NOT_ON_ICE = re.compile(r"打滑|路面|马路|冻伤|冻桑|哪个科|医院|沟|村里|村上|社区|镇上")

# A heater, an electric blanket, a stove or chained power strips, and a fire risk told.
_HEATER = re.compile(
    r"电暖气|电暖器|小太阳|电褥子|电热毯|电炉子|煤炉|炉子|取暖器|暖风机|插线板|插排|接线板"
)
# Not 打不着火 (a boiler that will not light: gas).
_FIRE_RISK = re.compile(r"(?<![不没])着火|失火|起火|火灾|灭火器|消防|烧起来|跑都跑不动|引燃|易燃")
# A heater bought that caught fire is a product's quality (the market regulator's), a basement
# split into rooms to let (隔成一间一间的往外租) the housing bureau's, and where the caller asks
# the home's or the class's regulator by name (请民政局管管这家养老院, 请教育局查处这个无证托管班)
# the retired labels follow the ask.
_PRODUCT = re.compile(r"买|商场|商家|厂家|三包|质量|群租|隔成|往外租")
_REGULATOR_ASKED = re.compile(r"(?:请|让|找)(?:区)?(?:民政|教育|住建)")

_FUND = re.compile(r"公积金")

# A rumour or a notice forged (造谣, 谣言, 假通知, 伪造的公文).
_RUMOUR = re.compile(r"造谣|谣言|辟谣|假通知|伪造[^。！？]{0,6}?(?:通知|公文|文件)")

# The units a rumour's subject names (学校停课, 疫情, 自来水有毒, 要拆迁 房价掉一半, 取暖费翻倍,
# 水库开闸, 浴场淹死人, 粮库不收玉米, 假药): only its setting, the spreading is the police's.
RUMOUR_SUBJECTS = (
    EDUCATION_UNIT,
    HEALTH_UNIT,
    WATER_UNIT,
    HOUSING_UNIT,
    HEATING_UNIT,
    HAZARD_UNIT,
    TOURISM_UNIT,
    FARM_UNIT,
    MARKET_UNIT,
)

# A slaughter to be inspected; a dead animal (not its meat) sold or bought up.
_SLAUGHTER = re.compile(r"(?:杀|宰)[^。！？]{0,3}?(?:猪|羊|牛)[^。！？]{0,20}?检疫")
_LIVESTOCK = r"(?:鸡|鸭|鹅|猪|羊|牛)"
_DEAD_SOLD = re.compile(
    rf"(?:病死|死了?的?)[^。！？]{{0,4}}?{_LIVESTOCK}[^。！？]{{0,20}}?(?:卖|收)"
    rf"|{_LIVESTOCK}[^。！？]{{0,10}}?死了[^。！？]{{0,20}}?卖"
    rf"|(?:卖|收)[^。！？]{{0,6}}?{_LIVESTOCK}[^。！？]{{0,10}}?死了[^。！？]{{0,20}}?卖"
)
# Meat, a soup or a restaurant: food sold, the market regulator's food safety.
# A village cadre's dealings with the animals (村干部说是病死了 其实让他给卖了) are the town's.
_MEAT = re.compile(r"肉|汤|馆|饭店|餐|村干部|书记|村长|扶贫")

# Stranded: money lost or stolen and no way home; the police asked keeps it theirs.
_STRANDED = re.compile(r"回不了家|回不去|回不了老家|想回家|流落|流浪|滞留")
_MONEY_GONE = re.compile(r"钱[^。！？]{0,4}?(?:偷|丢|抢|没了|花光)|身无分文|没钱买票|买不起票")
_POLICE_ASKED = re.compile(r"派出所|报警|110|一一零|立案|身份证明|临时身份证")

_POOR = re.compile(r"低保|特困|五保|困难户|贫困户")
# Cash the bureau pays; not what the community or village hands out itself (社区发的慰问品).
_ALLOWANCE = re.compile(r"慰问金|过节费|春节补贴|节日补贴")

_MARRIAGE = re.compile(r"登记结婚|结婚登记|婚姻登记|领证|领结婚证")
_DOCUMENT_ACCEPTED = re.compile(
    r"(?:身份证|户口本|证件)[^。！？]{0,12}?(?:能不能用|能用吗|能用不|认不认|认吗|行不行|管用)"
)

# A job agency: named so, a 黑中介 (round 33: 举报黑中介骗钱), or an agent that hires or
# places people (中介在零工群里招人, 中介说给介绍港口的活). Its fee or the money cheated.
_AGENCY = re.compile(
    r"劳务中介|职业中介|劳务公司|招工中介|黑中介|中介[^。！？]{0,6}?招(?:工|人)"
    r"|中介[^。！？]{0,6}?(?:介绍|安排)[^。！？]{0,8}?(?:活|进厂|进港|上岗|工作)"
)
_JOB_FEE = re.compile(
    r"报名费|押金|体检费|介绍费|中介费|服装费|培训费|骗钱|骗了[^。！？]{0,4}?钱|收了[^。！？]{0,6}?钱"
)
# An estate agent's words: a flat let or sold is housing's (rounds 2–32, 26 of 26), and a
# 黑中介 that let a flat is one.
_HOUSE_AGENCY = re.compile(r"房|租")

_FIREWORK = r"(?:烟花|鞭炮|炮仗|爆竹|礼花|炮)"
_DEBRIS = re.compile(
    rf"{_FIREWORK}[^。！？]{{0,20}}?(?:纸屑|碎屑|炮皮|炮筒|残骸|红纸|满街|满地)"
    rf"|(?:纸屑|炮皮|炮筒|残骸)[^。！？]{{0,20}}?{_FIREWORK}"
)
_SHOW = re.compile(r"烟花晚会|焰火晚会|烟花秀|焰火秀|烟花表演|焰火表演")

_THAWED = re.compile(r"化冻|解冻|烤开|喷灯")
_FEE = re.compile(r"收费|收了?[一二两三四五六七八九十百\d]|要[一二两三四五六七八九十百\d]")
# Another thing thawed: heating or gas pipes, a road, food bought at a stall, a village's well.
_OTHER_THAW = re.compile(r"暖气|热力|燃气|路|道|土|买|摊|村")

_COAL = re.compile(r"烧煤|散煤|烧柴")
_BANNED = re.compile(r"不让烧|禁烧|禁止|罚|取缔")


def on_ice(text: str) -> str:
    """The words telling people on sea or reservoir ice in danger, or ""."""
    if _NOT_ON_ICE.search(text) or not _WATER_BODY.search(text):
        return ""
    return both_words(_ICE, _ICE_DANGER, text)


def heater_fire_risk(text: str) -> str:
    """The words telling heaters or strips as a fire risk, or ""."""
    if _PRODUCT.search(text) or _REGULATOR_ASKED.search(text):
        return ""
    return both_words(_HEATER, _FIRE_RISK, text)


def animal_quarantine(text: str) -> str:
    """The words telling a slaughter to be inspected or a dead animal sold (not meat), or ""."""
    found = _SLAUGHTER.search(text)
    if found is None and not _MEAT.search(text):
        found = _DEAD_SOLD.search(text)
    return found.group(0) if found else ""


def stranded(text: str) -> str:
    """The words telling a traveller stranded without money, the police not asked, or ""."""
    if _POLICE_ASKED.search(text):
        return ""
    return both_words(_MONEY_GONE, _STRANDED, text)


def thaw_fee(text: str) -> str:
    """The words telling a water pipe or meter thawed for a fee, or ""."""
    return "" if _OTHER_THAW.search(text) else both_words(_THAWED, _FEE, text)


def job_agency_fee(text: str) -> str:
    """The words telling a job agency's fee or cheat (no flat let or sold), or ""."""
    return "" if _HOUSE_AGENCY.search(text) else both_words(_AGENCY, _JOB_FEE, text)


def winter_readings(text: str) -> list[Reading]:
    """Each winter object read in the compact text, with its unit and its setting's units."""
    readings: list[Reading] = [
        (HAZARD_UNIT, on_ice(text), (TOURISM_UNIT,)),
        (
            HAZARD_UNIT,
            heater_fire_risk(text),
            (HEATING_UNIT, RELIEF_UNIT, HOUSING_UNIT, POWER_UNIT),
        ),
        (HOUSING_UNIT, first_words(_FUND, text), (HEATING_UNIT, RELIEF_UNIT)),
        (POLICE_UNIT, first_words(_RUMOUR, text), RUMOUR_SUBJECTS),
        (FARM_UNIT, animal_quarantine(text), (MARKET_UNIT,)),
        (RELIEF_UNIT, stranded(text), (POLICE_UNIT,)),
        (RELIEF_UNIT, both_words(_POOR, _ALLOWANCE, text), ()),
        (RELIEF_UNIT, both_words(_MARRIAGE, _DOCUMENT_ACCEPTED, text), (POLICE_UNIT,)),
        (LABOUR_UNIT, job_agency_fee(text), (POLICE_UNIT, HOUSING_UNIT)),
        (TOWN_UNIT, first_words(_DEBRIS, text), (HAZARD_UNIT,)),
        (TOURISM_UNIT, first_words(_SHOW, text), (HAZARD_UNIT,)),
        (WATER_UNIT, thaw_fee(text), (LABOUR_UNIT, MARKET_UNIT)),
        (ENVIRONMENT_UNIT, both_words(_COAL, _BANNED, text), (HEATING_UNIT,)),
    ]
    return [r for r in readings if r[1]]
