"""The employer acting against its worker: a labour matter, whatever set the scene. No I/O.

A caller tells an illness, a check-up or a vaccination first and the employer's act last:
查出来肺结核…厂里知道了直接让我走人, 入职体检查出乙肝 公司就把我辞了, 发烧请假 领导说请假就
扣全勤, 厂里让拍胸片 自己掏钱…该不该厂里出. The health words name where the matter began;
the ask is about the job (dismissal, pay docked, barred from work, costs put on the worker),
the labour bureau's duty. In the retired sets (rounds 2–13) and the seed corpus the act is
said in 18 requests, all labelled 人社; barred from 上班 is not read (the one request saying
so waited for a test result, an epidemic matter), only from 上岗/复工/返岗.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.duty_trade import fever_ask
from hotline.ticketing.routing.vehicle_office import office_named

LABOUR_UNIT = "human_resources"
# The employer, then within a few characters its act against the worker; or the
# question whether the employer should pay (该不该厂里出).
# The boss may be a station's or a workshop's (站长还让带病跑 说不跑就扣钱, 车间主任说不来就
# 扣钱: round 21, r20's riders and r14's workshop; every retired line saying so is 人社's).
_EMPLOYER_ACTS = re.compile(
    r"(?:厂里|厂子|厂方|公司|单位|领导|老板|用人单位|站长|经理|主管|车间主任|班长|工头)"
    r"[^。]{0,12}?"
    r"(?:让我走人|让我们走人|叫我走人|辞了|辞退|开除|开了我|把我开了"
    r"|不让(?:我|我们)?(?:上岗|复工|返岗|干了)"
    r"|扣(?:全勤|工资|奖金|钱)|从工资里扣|(?:自己|个人)掏钱|让(?:我|我们)自己(?:掏|出|花))"
    r"|该不该(?:厂里|公司|单位|老板)(?:出|掏|给)"
)
# Wages not paid, told without the employer (医院仨月没发工资了, 三个月没发工资了, 这个月
# 工资没发, 工资一直不给): 拖欠工资 is the labour bureau's duty whatever the workplace (a
# hospital, a care centre: round 21, from r20_spoken 104 and r20_assist 32, led by health and
# civil affairs). On every retired, seed and dev line that says it (17) 人社 leads. Not a pay
# slip (不给工资条). Said also as the months it is overdue or as not a fen settled (工钱拖了
# 五个月, 工钱欠了四个月了, 工钱一分没结, 工资一分没给, 仨月没开支了): round 26's sites a public
# body pays for (a new school, an estate's renovation, a village road) were led by the funder.
# Over the retired sets of rounds 2–26, the seed corpus and the dev sets every line the whole
# pattern reads is 人社's (27 of 27; the wordings added here 10 of 10).
_COUNT = "一二两俩仨三四五六七八九十几"
_MONTHS = rf"[{_COUNT}半\d]+个?(?:月|年)"
_PAY = r"(?:工资|工钱|加班费|劳务费)"
_WAGES_UNPAID = re.compile(
    r"(?:没|不)(?:发|给)过?(?:工资|工钱)(?!条)"
    r"|(?:工资|工钱)(?:都|也|一直|还|就)?(?:没|不)(?:发|给)"
    rf"|(?:工资|工钱|劳务费)(?:都|也|一直|还|就)?(?:拖|欠)(?:了|着)?{_MONTHS}"
    r"|(?:工资|工钱|劳务费)(?:到现在|至今|现在)?还?一分钱?(?:都|也)?没(?:结|给|发|见)"
    r"|(?:工资|工钱|劳务费)(?:都|也|一直|还|就)?(?:没|不)给?结"
    # Not others' pay told in passing (老师说他们也半年没开支了: the caller's prepaid fees).
    rf"|(?<!他们)(?<!她们)(?<!他们也)(?<!她们也)[{_COUNT}\d]+个?月(?:都|也)?没开支"
    # Round 36 (wages36), where the employer's trade is another unit's (a care home, a
    # kindergarten, a shop, a village's work team, a fish plant): the months between the pay
    # and the not-paid (工资四个月没发了, 加班费三个月没给) 5 of 5; half paid (工资从三月开始就
    # 只发一半) 4 of 4; a sum still owed (工钱到现在还差两千多, 工钱也欠着) 3 of 3; overtime pay
    # withheld (加班费从来没给) 3 of 3 — human resources on all 15 retired lines (rounds 5–35).
    rf"|{_PAY}{_MONTHS}(?:都|也|了)?(?:没|不)(?:发|给)"
    rf"|{_PAY}[^，。！？]{{0,8}}?只(?:发|给)了?(?:一半|一部分|[{_COUNT}]成)"
    rf"|{_PAY}[^，。！？]{{0,8}}?(?:还差|还欠|差着|欠着)"
    r"|加班费(?:都|也|一直|还|就|从来)?(?:没|不)(?:发|给)|(?:没|不)(?:发|给)过?加班费"
)
# A health visit asked beside the employer's act (厂里还不让请假…能不能来人给看看 给测一下):
# the caller asks the health bureau to come, so it keeps the lead and the employer's act is
# a second duty (shared_duty.py: 劳动保障监察 as 协办). Round 21, from r20_assist 40; no
# retired line labelled 人社 with an employer's act asks this.
HEALTH_VISIT = re.compile(
    r"来(?:个)?人[^。]{0,3}?(?:看看|测一?测|测一下|检查|检测)|给测一下|派(?:个)?(?:医生|大夫)"
)
# The employer owing the caller and fellow workers their wages (施工队的老板拖着我们八个小工的
# 工钱, 包工头一共欠我和十几个工友工资, 厂子不干了欠我们三个月工资): wage arrears are the
# labour bureau's whoever built what for whom (熊岳镇给我们村盖村部 names the town only as
# the client). The worker must be the caller's side (我, 我们, 俺): all 13 such retired
# requests are labelled 人社; another's wages told in passing (员工也说被拖欠工资) are not read.
_WAGES_OWED = re.compile(
    r"(?:老板|包工头|工头|施工队|工程队|劳务|总包|项目部|厂里|厂子|公司|单位)[^。！？]{0,12}?"
    r"(?:拖着|拖欠|欠着|欠了|欠|不给|不发|压着|扣着)(?:我|我们|俺|俺们|咱|咱们)"
    r"[^。！？]{0,10}?(?:工钱|工资|血汗钱)"
)
# The act's weight among the labour unit's phrases: a decisive duty word's.
ACT_WEIGHT = 4.0


def employer_act(text: str) -> str:
    """The words saying the employer acted against the worker, or "" (also where the
    caller asks for the workers' fevers to be seen or tested, duty_trade.py, or asks a
    health visit, `HEALTH_VISIT`: the ask is health's; or names the vehicle office whose
    queue cost the day, vehicle_office.py: the police's)."""
    if fever_ask(text) or HEALTH_VISIT.search(text) or office_named(text):
        return ""
    return employer_acts_words(text)


def employer_acts_words(text: str) -> str:
    """The employer's act or wages unpaid, whatever the caller asks, or ""."""
    found = _EMPLOYER_ACTS.search(text) or _WAGES_OWED.search(text) or _WAGES_UNPAID.search(text)
    return found.group(0) if found else ""


def labour_kept(text: str) -> str | None:
    """The labour unit where the employer acted against the worker, else None: its lead is
    not handed to a town the caller names as the employer's client (熊岳镇给我们村盖村部,
    施工队的老板拖着我们的工钱); of the 34 retired requests with such an act, 33 are
    labelled 人社 and none a town."""
    return LABOUR_UNIT if employer_act(text) else None


# Any of the employer's acts in one pattern, for the second duty it names beside a health
# lead (shared_duty.py).
ANY_ACT = re.compile(
    "|".join(f"(?:{p.pattern})" for p in (_EMPLOYER_ACTS, _WAGES_OWED, _WAGES_UNPAID))
)
