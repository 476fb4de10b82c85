"""A worker's health at work: the health commission's, over the employer's and the
workplace's words. No I/O.

The health commission oversees occupational disease (职业病防治: its diagnosis, the yearly
occupational health check, harm to workers from a workshop's dust or noise) and the health
certificate (健康证) a food or service worker must hold. A caller tells these in the
employer's words (厂里不给开证明, 老板说花钱太多今年不做了, 厂里连个耳塞都不发) or a fee's
(医院收一百二), and the classifier learnt those words as human resources', environment's or
the market regulator's. Readings, health leading:

- occupational health: an occupational disease or its diagnosis (职业病, 尘肺, 矽肺, 铬中毒,
  噪声性耳聋, 职业史 or 接触史 papers), the occupational health check (职业健康体检, 职业
  健康检查), or a workplace's noise told harming workers' hearing (车间 … 耳朵都背了, 不发
  耳塞). Counted on the retired labels of rounds 2–33, the reading itself on every line:
  health 12 of 12 (rounds 2–32 2 of 2, round 33 10 of 10); human resources 2 where 工伤 is
  asked with no diagnosis still sought (r10_assist:19 要求厂子给我认工伤, r20_assist:39
  工伤认定怎么申请: the work-injury claim, work_injury.py's) are not read; with them health
  12 of 14 (86 %).
- the caller's own health certificate: getting one, its check-up or its fee (办健康证,
  健康证体检, 健康证办一个多少钱, 不用体检就能拿健康证). Counted the same way: health 8 of 10
  (80 %; round 23 3 of 3, round 33 5 of 5); human resources 2 (r31_assist:4, r31_assist:18),
  both a job's terms asked (合同, 社保, 试用期) with the certificate one of them: not read,
  so health 8 of 8 as read. A business's staff without one (没有健康证, 没办健康证: the
  market regulator's food-safety check, market supervision 10 of 13 健康证 lines that do not
  seek one) is not read.

A third, food handled by the infectious (`infectious_food`, round 35, workill35): a cook, a
canteen's or a stall's food handler told ill with an illness that spreads by food or breath
(甲肝, 肺结核, 痢疾, 伤寒) and still at the food (还天天在那做饭, 还天天上灶, 摊子还在卖), or a
stall's eaters diagnosed with one while it still sells. Counted on rounds 2–34 with the
reading itself: health 6 of 6 (rounds 3, 17, 23, 28, 33 2); not read, so not counted in it,
a handler told without a health certificate (健康证也没有: market supervision, r23_spoken:76,
the certificate's check as above) and a school canteen's cook told with its fees and the
education bureau asked (r23_assist:13, education); with them health 6 of 8.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.reading import Reading

HEALTH_UNIT = "health"
LABOUR_UNIT = "human_resources"
ENVIRONMENT_UNIT = "environment"
MARKET_UNIT = "market_supervision"
CITY_UNIT = "urban_management"
EDUCATION_UNIT = "education"

# An occupational disease, its diagnosis and its papers, or the occupational health check.
_OCCUPATIONAL = re.compile(
    r"职业病|职业中毒|铬中毒|尘肺|矽肺|硅肺|噪声性耳聋|职业史|接触史|职业健康体检"
    r"|职业健康检查|职业体检"
)
# A workplace's noise told harming workers' hearing (not a neighbour kept awake).
_WORKPLACE = r"(?:车间|厂|工地|机器|冲床|机床)"
_HEARING_HARMED = re.compile(
    rf"{_WORKPLACE}[^。！？]{{0,30}}(?:噪音|噪声|响)[^。！？]{{0,40}}"
    r"(?:耳朵|耳聋|听力|耳塞|耳背|背了)"
    rf"|{_WORKPLACE}[^。！？]{{0,20}}(?:不发|没发|没有)[^。！？]{{0,6}}耳塞"
    rf"|{_WORKPLACE}[^。！？]{{0,30}}耳塞[^。！？，]{{0,3}}(?:都没|也没|没有|不发)"
)
# A work-injury claim asked (工伤) with no diagnosis still sought: work_injury.py's.
_INJURY_CLAIM = re.compile(r"工伤|公伤")
_DIAGNOSIS_SOUGHT = re.compile(r"想做|上哪|去哪|哪个医院|哪能|在哪|能确诊|去确诊")

# The caller's own health certificate: getting it, its check-up, its fee.
_CERTIFICATE = re.compile(r"健康证")
_CERTIFICATE_SOUGHT = re.compile(
    r"办健康证|健康证[^。！？，]{0,6}(?:办|体检|多少钱|收费|费)|拿健康证|健康证就不给办"
    r"|健康证[^。！？]{0,12}(?:收|多少钱|价)"
)
# A job's terms asked with the certificate one of them: the labour side's.
_JOB_TERMS = re.compile(r"合同|社保|试用期|工资|打工")
# Staff without one is the market regulator's food-safety check.
_CERTIFICATE_MISSING = re.compile(
    r"(?:没有|没办|没|无|不办)[^。！？，]{0,4}健康证|健康证[^。！？，]{0,3}(?:也没|都没|没有)"
)


def occupational_health(text: str) -> str:
    """The words telling an occupational disease, its diagnosis or check, or a workplace's
    noise harming workers' hearing; "" where a work-injury claim is the ask."""
    found = _OCCUPATIONAL.search(text) or _HEARING_HARMED.search(text)
    if found is None:
        return ""
    if _INJURY_CLAIM.search(text) and not _DIAGNOSIS_SOUGHT.search(text):
        return ""
    return found.group(0)


def certificate_sought(text: str) -> str:
    """The words telling the caller's own health certificate sought, checked or charged
    for, or ""; staff told without one are not read."""
    if not _CERTIFICATE.search(text) or _CERTIFICATE_MISSING.search(text):
        return ""
    if _JOB_TERMS.search(text):
        return ""
    found = _CERTIFICATE_SOUGHT.search(text)
    return found.group(0) if found else ""


# An illness that spreads by food or breath; a food handler or the place that serves; still
# at the food.
_INFECTIOUS = re.compile(r"甲肝|戊肝|肺结核|痢疾|伤寒")
_FOOD_HANDLER = re.compile(r"大师傅|厨师|厨子|后厨|食堂|摊|店员|帮厨|面包房|饭店|盒饭")
_STILL_AT_FOOD = re.compile(
    r"(?:还|照常|照样|天天|接着)[^。！？，,]{0,6}?"
    r"(?:做饭|上灶|打饭|拌菜|揉|卖|炒菜|掌勺|切菜|营业)"
)
# Another body asked by name: the education bureau over a school canteen, the market
# regulator.
_OTHER_BODY = re.compile(r"教育局|市场监管|市场局|伙食费")
_RUMOUR = re.compile(r"谣言|造谣|辟谣")


def infectious_food(text: str) -> str:
    """The words telling food handled or sold while a handler or its eaters have an
    illness that spreads, or ""; staff without a health certificate are not read."""
    if _CERTIFICATE_MISSING.search(text) or _OTHER_BODY.search(text) or _RUMOUR.search(text):
        return ""
    ill, handler = _INFECTIOUS.search(text), _FOOD_HANDLER.search(text)
    still = _STILL_AT_FOOD.search(text)
    return f"{ill.group(0)}…{still.group(0)}" if ill and handler and still else ""


def work_health_readings(text: str) -> list[Reading]:
    """Health over the employer's, the workplace's or the fee's unit, as read above."""
    occupational = occupational_health(text)
    if occupational:
        return [(HEALTH_UNIT, occupational, (LABOUR_UNIT, ENVIRONMENT_UNIT))]
    certificate = certificate_sought(text)
    if certificate:
        return [(HEALTH_UNIT, certificate, (MARKET_UNIT, LABOUR_UNIT))]
    food = infectious_food(text)
    if food:
        return [(HEALTH_UNIT, food, (MARKET_UNIT, CITY_UNIT, EDUCATION_UNIT))]
    return []
