"""Three more stated duties over their setting: a scale, an aid, a fire of leaves. No I/O.

Read like duty_object.py's objects (it lists them in `duty_objects`), each finds the thing
acted on and the unit the catalogue gives it, over the units whose words set its scene:

- a buyer's scale or a dryer's moisture meter that cheats (秤有鬼, 水分仪有毛病, 坑称):
  计量 is the market regulator's, although it is told with the grain it weighed (收玉米,
  苞米, 粮站: agriculture's words);
- a subsidy for a poor household (低保, 特困) is the duty of whoever pays what it subsidises:
  the contribution to resident medical insurance (医保 资助, 减免) is the medical insurance
  bureau's, the heating fee's relief (采暖费 减免, 交不起) civil affairs' relief;
- leaves swept and burnt in a town (烧落叶, 树叶子 点火) are urban management's (市容环境卫生),
  not the environment bureau's (industrial emissions; burnt straw stays its air pollution);
  burnt beside gas or with sparks flying, a fire hazard, the emergency bureau's.
"""

from __future__ import annotations

import re

MARKET_UNIT = "market_supervision"
FARM_UNIT = "agriculture"
INSURANCE_UNIT = "medical_insurance"
RELIEF_UNIT = "civil_affairs"
HEATING_UNIT = "heating"
TOWN_UNIT = "urban_management"
ENVIRONMENT_UNIT = "environment"
HAZARD_UNIT = "emergency"
GAS_UNIT = "gas"

# A weighing or moisture instrument, then within a sentence that it cheats or came out
# short (过秤那秤有鬼, 他那个水分仪肯定有毛病, 他秤上肯定做了手脚, 再过秤 差了三百四十斤), or the
# cheat's own words (坑称, 鬼秤). Not a utility's meter (水表, 电表, 热计量表: their companies').
_INSTRUMENT = r"(?:秤|磅|水分仪|测水仪|水分表)"
_CHEATS = (
    r"(?:有鬼|有毛病|不准|做了?手脚|猫腻|少称|短秤|"
    r"(?:差|少|亏)了?[一二三四五六七八九十百几两\d])"
)
_SCALE_CHEATS = re.compile(
    rf"{_INSTRUMENT}[^。！？]{{0,24}}?{_CHEATS}|坑称|鬼秤|缺斤短两|短斤少两|缺斤少两"
)

# A poor household's subsidy (低保户, 特困): what is subsidised names who pays it.
_POOR = re.compile(r"低保|特困|五保|困难户|贫困户")
# The resident medical insurance contribution subsidised (医保 … 资助, 减免, 代缴, 补贴, 交多少);
# not medical relief after a bill (医疗救助, 临时救助, 大病: civil affairs').
_INSURANCE_FEE = re.compile(
    r"医保[^。！？]{0,24}?(?:资助|减免|代缴|补贴|补助|个人缴费|交多少|缴费)"
    r"|(?:资助|减免|代缴)[^。！？]{0,12}?医保"
)
_MEDICAL_RELIEF = re.compile(r"医疗救助|临时救助|大病")
# The heating fee relieved or unaffordable (采暖费 减免, 交不起, 拿不出来, 救助); not a school's
# heating charge (学校让交取暖费: education's fees).
_HEATING_FEE = re.compile(
    r"(?:采暖费|取暖费|暖气费)[^。！？]{0,20}?(?:减免|交不起|交不上|拿不出|救助|补贴|困难)"
    r"|(?:减免|救助)[^。！？]{0,10}?(?:采暖费|取暖费|暖气费)"
)
_SCHOOL_FEE = re.compile(r"学校|学费")

# Leaves (落叶, 树叶子) burnt, in either order within a few characters.
_LEAVES_BURNT = re.compile(
    r"(?:落叶|树叶|叶子)[^。！？]{0,12}?(?:烧|点火|点着)|(?:烧|点火)[^。！？]{0,6}?(?:落叶|树叶)"
)
# A fire hazard beside it: gas, sparks, something that catches (燃气调压箱, 火星子乱飞).
_FIRE_HAZARD = re.compile(r"燃气|调压|煤气|火星|引燃|着火|加油站|易燃")


def scale_cheats(text: str) -> str:
    """The words telling a weighing or moisture instrument cheats, or ""."""
    found = _SCALE_CHEATS.search(text)
    return found.group(0) if found else ""


def insurance_aid(text: str) -> str:
    """The words telling a poor household's medical insurance contribution subsidised
    (not medical relief), or ""."""
    if not _POOR.search(text) or _MEDICAL_RELIEF.search(text):
        return ""
    found = _INSURANCE_FEE.search(text)
    return found.group(0) if found else ""


def heating_aid(text: str) -> str:
    """The words telling a poor household's heating fee relieved or unaffordable (not a
    school's charge), or ""."""
    if not _POOR.search(text) or _SCHOOL_FEE.search(text):
        return ""
    found = _HEATING_FEE.search(text)
    return found.group(0) if found else ""


def leaves_burnt(text: str) -> tuple[str, bool]:
    """(the words telling leaves burnt, whether beside a fire hazard), or ("", False)."""
    found = _LEAVES_BURNT.search(text)
    if found is None:
        return "", False
    return found.group(0), bool(_FIRE_HAZARD.search(text))
