"""Nuisances between neighbours read by their source and kind, not by the body named. No I/O.

Read like duty_police.py's acts (duty_object.py lists them): each reading finds the kind of
nuisance and the unit whose duty its source is, and puts it over the units whose words only
tell the scene. Counted on the retired labels of rounds 2–25 (and the seed and dev lines)
before it was built (bench/RESULTS.md, round 26 neighbours26):

- smoke or fumes from a catering kitchen, a barbecue or a night-market stall into the
  homes above (楼下饭店的油烟机对着后窗户, 烧烤那烟往窗户里灌): 占道经营 and 餐饮油烟 in town
  are urban management's, not the environment bureau's industrial emissions, although the
  caller says 油烟, 烟囱 and 熏 — the reading fires on 27 retired lines in 12 rounds, urban
  management 26 (environment 1, r2_spoken 155), and on 8 seed and dev lines, urban
  management 7. A gas smell, cigarettes, fireworks or the fire service asked (a barbecue in
  a garage) are other duties and are not read;
- a structure built on a building's roof or common parts, or a private structure said to
  be illegal (顶楼那家在楼顶平台上种菜砌花池子, 平房上又加了一层彩钢二楼): 城区违章建筑, urban
  management's, not housing's roof repair — 34 of 34 retired lines in 16 rounds, 9 of 9
  seed and dev lines, once storm damage, farmland (natural resources') and a village's
  structure (the town's) are left out;
- a threat or violence between neighbours with no mediation asked (干仗了 他家儿子说要找人
  收拾我, 喝了酒踹门): 治安, the police's, not housing's parking place it started over — 4 of
  4 retired lines, 4 of 4 seed lines; where a town, community or village is asked to mediate
  (差点动手 让社区来人给调解调解) the labels give the area 13 of 13, so that is not read, nor
  a quarrel at a shop, a school or a care home (their units');
- a burial or a grave made outside a cemetery, or a funeral's shed and music at home
  (把他爹埋在地头上 修了个水泥坟头, 院套里搭棚子 半夜放哀乐): 殡葬管理, civil affairs', not
  agriculture's contracted land — 12 of 13 retired lines in 10 rounds (the one: a village
  committee selling plots in its own cemetery, the town's), 3 of 3 seed and dev lines; a
  fire at graves is the emergency bureau's and an old tomb culture's, so neither is read.
  Round 32 (rites32) adds graves told as built (修了好几座水泥坟: graves on farmland or
  contract land are civil affairs' 8 of 9 retired lines, natural resources 1: r32_spoken
  22) and leaves a plot's price left unmarked to the market regulator (price_unmarked.py).

Read and not built (the labels split): poultry or pigeons kept in a town yard or on a
balcony (urban management 2, the community 3 — where it is asked to mediate), a village's
loudspeaker too early (the town 8, culture and tourism 1: r25_spoken 78), rubbish or tyres
burnt (environment 4, the town 2 where a village burns its rubbish, urban management 1).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.area_ask import area_asked_words
from hotline.ticketing.routing.either_order import either_order
from hotline.ticketing.routing.found_words import first_words
from hotline.ticketing.routing.price_unmarked import price_unmarked
from hotline.ticketing.routing.reading import Reading

CITY_UNIT = "urban_management"
ENVIRONMENT_UNIT = "environment"
HOUSING_UNIT = "housing"
LAND_UNIT = "natural_resources"
POLICE_UNIT = "public_security"
RELIEF_UNIT = "civil_affairs"
FARM_UNIT = "agriculture"


# A catering kitchen, a barbecue or a street stall, and its smoke or fumes, in one sentence.
_KITCHEN = (
    r"(?:饭店|饭馆|餐馆|餐厅|馆子|酒楼|小吃|烧烤|烤串|串店|撸串|大排档|夜市|后厨|饺子馆|面馆"
    r"|火锅|烤肉|炸串|快餐|熟食|摊)"
)
_FUMES = r"(?:油烟|烟囱|排烟|(?<![抽香])烟(?![花头])|熏|呛)"
_KITCHEN_FUMES = re.compile(either_order(_KITCHEN, _FUMES, 30))
# A gas smell or a gas cylinder (the gas company's, the emergency bureau's), a fire or the
# fire service asked, cigarettes or fireworks: not the kitchen's fumes.
_NOT_FUMES = re.compile(r"煤气|燃气|液化气|天然气|着火|起火|消防|烟花|鞭炮|抽烟")

# A roof, and something built, enclosed or planted on it.
_ROOF = r"(?:楼顶|屋顶|天台|楼盖|房顶|平房上)"
_BUILT = (
    r"(?:私搭|搭了|搭个|搭建|在搭|搭的|盖了|盖个|在盖|加盖|圈起|圈了|种菜|砌|围了|彩钢房"
    r"|阳光房|违建|接了一层|又加)"
)
_ROOF_BUILT = re.compile(rf"{_ROOF}[^。！？，]{{0,12}}?{_BUILT}")
_ILLEGAL_STRUCTURE = re.compile(r"私搭乱建|违建|违章建|私自搭|私自盖|私搭|乱搭|彩钢房|彩钢棚|加盖")
# Storm or snow damage to a shed (the emergency bureau's), farmland built on (natural
# resources'), a roof water tank; a village's structure is the town's (the catalogue gives
# urban management the city's).
_NOT_A_BUILDING = re.compile(
    r"大风|台风|刮|掀|积雪|压塌|耕地|农田|承包地|山坡|水箱|村里|村上|村委|我们村|屯里"
)

# Threats or violence, not an operation (动手术) nor a threat to safety.
_VIOLENCE = re.compile(
    r"收拾我|收拾你|弄死|整死|动手(?!术)|动了手|干仗|干起来|打起来|打架|打伤"
    r"|威胁[我说要]|恐吓|拿刀|扬言|踹门|砸门|摔东西|砸东西"
)
# Mediation asked (the area's when it is asked), and quarrels at a business, a school, a
# care home or with a driver (their units').
_MEDIATION = re.compile(
    r"调解(?!过)|评评?理|说和|协调"
    r"|(?:社区|村里|村上|镇里|镇上|街道)[^。！？]{0,3}?(?:能不能|能否|可不可以|出面|来人|来个人|管管)"
)
_NOT_NEIGHBOURS = re.compile(
    r"店|网吧|网巴|上网|酒吧|摊|夜市|KTV|歌厅|棋牌|司机|乘客|学校|同学|老师|护工|养老院|老板"
    r"|工地|厂|物业"
)

# A burial or grave outside a cemetery, a funeral's shed or music at home.
_BURIAL = re.compile(
    r"土葬|埋人|偷着埋|偷偷埋|把[^。，！？]{0,4}?(?:爹|妈|老人|父亲|母亲|爷|奶)[^。，！？]{0,2}?埋"
    r"|坟头|修[^。，！？]{0,6}?坟|大坟|砌[^。，！？]{0,4}?坟|立[^。，！？]{0,3}?坟|墓地|墓穴|灵棚|办丧事|哀乐"
)
# Fire at graves (the emergency bureau's), an old tomb (culture's), the way or the bus to
# a cemetery, a stall outside it.
_NOT_BURIAL = re.compile(r"烧纸|着火|起火|冒烟|着起来|防火|放鞭|盗墓|文物|遗址|古|公交|专线|摊")


def kitchen_fumes(text: str) -> str:
    """The words telling smoke or fumes from a catering kitchen or a stall, or ""."""
    return "" if _NOT_FUMES.search(text) else first_words(_KITCHEN_FUMES, text)


def structure_built(text: str) -> str:
    """The words telling a structure built on a roof or said to be illegal (not storm
    damage, farmland or a water tank), or ""."""
    if _NOT_A_BUILDING.search(text):
        return ""
    return first_words(_ROOF_BUILT, text) or first_words(_ILLEGAL_STRUCTURE, text)


def neighbour_violence(text: str) -> str:
    """The words telling a threat or violence between neighbours with no mediation asked
    (not at a business, a school or a care home), or ""."""
    if _MEDIATION.search(text) or area_asked_words(text) or _NOT_NEIGHBOURS.search(text):
        return ""
    return first_words(_VIOLENCE, text)


def burial(text: str) -> str:
    """The words telling a burial or grave outside a cemetery or a funeral at home (not a
    fire at graves, an old tomb or the way to a cemetery), or ""."""
    # A plot's price left unmarked is the market regulator's (price_unmarked.py).
    if _NOT_BURIAL.search(text) or price_unmarked(text):
        return ""
    return first_words(_BURIAL, text)


def neighbour_readings(text: str) -> list[Reading]:
    """Each nuisance read in the compact text, with its source's unit and the scene's."""
    readings: list[Reading] = [
        (CITY_UNIT, kitchen_fumes(text), (ENVIRONMENT_UNIT,)),
        (CITY_UNIT, structure_built(text), (HOUSING_UNIT, LAND_UNIT)),
        (POLICE_UNIT, neighbour_violence(text), (HOUSING_UNIT, CITY_UNIT)),
        (RELIEF_UNIT, burial(text), (FARM_UNIT, LAND_UNIT, CITY_UNIT)),
    ]
    return [r for r in readings if r[1]]
