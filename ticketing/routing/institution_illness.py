"""Illness told through an institution: the body over the institution the caller asks
about, not the health bureau whose words tell the illness. No I/O.

An outbreak in a care home, a tour group or a workplace is told in health's words (发烧,
甲流, 流感疫苗), yet the retired labels follow who is asked to act. Where the caller asks
for the health side — a doctor or someone to come and check, whether it spreads, isolation,
whether to close or report, the health bureau or disease control named as the one to act —
health leads (the router's reading already); where no health side is asked, the body over
the institution does, by the catalogue: a care home's (养老机构) handling of its ill or its
flu shots is civil affairs', a tour group driven on while feverish culture and tourism's
(旅行社, 导游), a sick worker called back or refused leave human resources' (劳动合同, 劳动保障
监察). A health body only told as contacted or as having said something (找卫健, 卫健说归文旅,
疾控打电话说…) is the story, not the ask. A 托育 (care of children under three, 婴幼儿照护)
is the health commission's own institution, ill or not, though told in a kindergarten's
words (园长, 停园, 老师). Counted on rounds 2–24 (bench/RESULTS.md, round 25): care homes
12 of 14 lines read (rounds 2–27, with vaccination asked brought read first as health's by
shots_brought.py: 14 of 17; several residents ill with no health side asked 6 to 3, every
spoken and written line civil affairs, every assist line health), tour groups 5 of 5, a
sick worker kept at work 9 of 9, 托育 5 of 5.

Not read: a school's, kindergarten's or 托管班's conduct in an outbreak (照常上课, 不通知,
瞒着, 没停课) with no health side asked. Read as education's from round 26 (26 of 32 on
rounds 2–25), it fired on 28 education lines of 37 on rounds 2–29 (76 %, a traditional-script
line read as simplified; rounds 20–28 education 14 of 14, round 29 health 3 of 3, rounds 2–19
education 14 to 6) and was removed in round 30 (bench/RESULTS.md, school30): children ill
together at a school are split between health and education however the school's conduct
is told.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.care_home_outbreak import care_home_outbreak_readings
from hotline.ticketing.routing.reading import Reading
from hotline.ticketing.routing.shots_brought import shots_brought_readings

HEALTH_UNIT = "health"
EDUCATION_UNIT = "education"
RELIEF_UNIT = "civil_affairs"
TOURISM_UNIT = "culture_tourism"
LABOUR_UNIT = "human_resources"

ILL = re.compile(
    r"发烧|发热|烧[得的到了]|高烧|手足口|腹泻|拉肚子|呕吐|上吐下泻|又吐又拉|诺如|水痘|痢疾"
    r"|流感|甲流|咳嗽|疱疹|红眼|猩红热|支原体|肺结核|疥疮|传染|阳了"
)
# The health side asked: a doctor or someone to come, a check, whether it spreads, isolation,
# the disease-control body or the health bureau named as the one to act. Read on the text
# with the health bodies' reported words removed (`_HEALTH_REPORTED`).
_HEALTH_ASK = re.compile(
    r"疾控|卫生部门|卫生局|卫生的|卫健|卫生管|防疫站|派医生|派个医生|派人|来人|来个人|看看|给看"
    r"|查一查|查查|来查|检查|会不会传|传不传|传染吗|隔离|医生上门|上门打|要不要|该不该"
    r"|用不用|需不需要|筛查|上报|报给谁|观察期|潜伏期"
)
# A health body told as contacted or as having said or done something (找卫健, 卫健说…,
# 打到卫健局, 转给卫健局了, 疾控打电话说): a report of the last handling, not the ask.
_HEALTH_BODY = r"(?:疾控|卫健局|卫健委|卫健|卫生院|卫生局|未健局|胃健委)"
_HEALTH_REPORTED = re.compile(
    rf"(?:找|打到|打给|转给|转到|问过|问了){_HEALTH_BODY}[^。！？，,]{{0,8}}"
    rf"|{_HEALTH_BODY}(?:的人)?(?:说|也没|没来|来了|打电话|打过|让)[^。！？]{{0,30}}"
)
# A rumour of an outbreak is the police's (造谣 … 请公安查).
RUMOUR = re.compile(r"谣言|造谣|辟谣")

CARE_HOME = re.compile(r"养老院|敬老院|老年公寓|养老机构|养老中心|护理院|福利院")
TOUR = re.compile(r"旅行社|导游|旅游团|旅行团|跟团|团里")
_INFANT_CARE = re.compile(r"托育")
# A pupil's or a school's (老师还不让请假: a pupil's leave) is no employer's act.
_SCHOOL = re.compile(
    r"幼儿园|幼儿原|幼儿圆|学校|小学|中学|班主任|老师|学生|上学|托管班|夏令营|研学"
)
# Food served that made people ill is the market regulator's (duty_object.food_made_ill),
# a hospital or clinic's own conduct health's: neither is read here.
NOT_HERE = re.compile(r"食堂|饭店|餐馆|盒饭|吃了|吃完|医院的护士|诊所|发热门诊")

# A sick worker kept at work: called back, leave refused, absence counted as truancy
# (经理叫回来上班, 不让请假, 算不算旷工, 带病干活). Pay docked is duty_act.pay_docked's.
KEPT_AT_WORK = re.compile(
    r"叫回来上班|叫回去上班|叫回来|不让请假|不准请假|不给请假|不让休|不给假|算旷工|算不算旷工"
    r"|按旷工|带病上班|带病干活|带着烧干活|硬让|开除|辞退"
)
_WORKPLACE = re.compile(r"单位|厂|公司|科室|车间|经理|老板|领导|班长|站长|组长|上班")


def health_side_asked(text: str) -> bool:
    """Whether the health side is asked to act or asked about, the health bodies' reported
    words (找卫健, 卫健说…) aside."""
    return bool(_HEALTH_ASK.search(_HEALTH_REPORTED.sub("", text)))


def institution_readings(text: str) -> list[Reading]:
    """The institution's unit over health where its conduct, not the health side, is
    asked about; each reading with its words and the setting units it displaces."""
    infant = _INFANT_CARE.search(text)
    if infant:
        # The health commission's own institution, ill or not: its conduct and its health
        # side agree.
        return [(HEALTH_UNIT, infant.group(0), (EDUCATION_UNIT,))]
    shots = shots_brought_readings(text)
    if shots:  # 上门给养老院的老人打 (疫苗): the health side asked (shots_brought.py)
        return shots
    if not ILL.search(text) or RUMOUR.search(text) or NOT_HERE.search(text):
        return []
    asked = health_side_asked(text)
    outbreak = care_home_outbreak_readings(text, asked)
    if outbreak:  # residents ill together: health over the home (care_home_outbreak.py)
        return outbreak
    if asked:
        return []
    for pattern, unit in ((CARE_HOME, RELIEF_UNIT), (TOUR, TOURISM_UNIT)):
        found = pattern.search(text)
        if found:
            return [(unit, found.group(0), (HEALTH_UNIT,))]
    kept = KEPT_AT_WORK.search(text)
    if kept and not _SCHOOL.search(text) and _WORKPLACE.search(text):
        return [(LABOUR_UNIT, kept.group(0), (HEALTH_UNIT,))]
    return []
