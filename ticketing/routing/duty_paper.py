"""A paper asked for itself, or a matter that needs one: whose duty the ask is. No I/O.

Read like duty_object.py's objects (it lists them in `duty_objects`). A caller who names a
certificate, a registration or a form names the words of two bodies: the one that issues or
holds the paper and the one whose matter needs it (派出所说这张证不对就上不了, 社保说要户口注销
证明, 学校说没有接种证不给报名). Where the paper is asked for itself — issued, reissued,
corrected, moved — the issuer's duty is the ask; where a body's own matter needs it — a
grant, a fund, a form of that body's — that body's is. Read from rounds 21–23's held-out
misses and kept only where the retired labels of rounds 2–23 agree (counted in
bench/RESULTS.md, round 24 paper24):

- a 户口 registered, moved, cancelled or corrected, or a 户口本 reissued (上户口, 户口想迁到
  女婿家, 户口本能补一个吗): 户籍, the police's (21 of 21 labels), not civil affairs' marriage
  that set it off; not where a school place, 低保, a pension, a vote, a village's share,
  medical insurance or another proof is the matter (the labels follow the matter);
- a 出生医学证明 wrong, or lost with no 户口 waiting on it: the hospital's, health's (5 of 5),
  not the police's 户口 it holds up; lost while a 户口 waits, the police's window asks for
  it and the labels name the police (a retired and a dev line), so it is not read;
- a death certificate asked who issues it (死亡证明谁给开, 赶紧给开个证): health's (3 of 3),
  not the police or the funeral; not a transfer of a house or an account that needs one,
  nor one already issued (医院给开了死亡证明, then the 户口's cancellation asked: the police's,
  r27_written:81, whose 户口 act the death certificate no longer hides);
- a vaccination booklet lost (接种证 … 弄丢了): health's (3 of 3), not the school's entry;
  widened (round 28, care28) to the booklet asked for itself — lost, reissued, or where it
  is made (疫苗本在哪办, 给补一个): health's 5 of 5 on rounds 2–27, not the school's entry nor
  the police's 户口 told before it (孩子上完户口 那个疫苗本在哪办);
- a 房本's name or area wrong, or a name to be added: 不动产登记, natural resources' (6 of 6),
  not the police's 身份证; not a bill reckoned on the area (the bill's unit);
- a 结婚证 issued, reissued or corrected (no 户口 act): 婚姻登记, civil affairs' (5 of 5);
- a 工伤认定 (a work injury's finding, its form sent back): human resources' (13 of 14),
  whatever 身份证 or the hospital is told;
- a funeral grant or a survivor's pension (丧葬费, 丧葬补助, 抚恤金) of an insured person (社保,
  退休金, 养老金 told): social insurance, human resources' (2 of 2), not the police's 户口注销
  证明; with no insurance told the labels split (2 human resources, 1 civil affairs on the
  same bare ask, holdout2), and the funeral parlour's own bill (殡仪馆) is civil affairs';
- an identity card renewed, reissued, corrected or made, or a temporary one (身份证过期了,
  身份证丢了咋补, 临时身份证在哪能办, 瘫在炕上 身份证过期了 能不能派人上门来给办): 居民身份证,
  the police's (31 of 31 labels, rounds 2–27; the seed corpus 5 of 5), not civil affairs'
  disability or the community that said it cannot; not where a marriage, an allowance, a
  transfer of an account or a deed is the matter that needs the card (4 lines: civil affairs
  2, water, health), and not the card's number written wrong on another paper (身份证号错了
  on a deed or a birth certificate: that paper's unit);
- 公积金 (the housing fund), whatever paper it asks for: housing's (9 of 9);
- 育儿补贴 (the childcare grant), whatever paper it asks for: health's (9 of 9), not the
  medical insurance or the 户口 a newborn also needs; named 托育补贴 too (round 31,
  childcare31: 育儿补贴 or 托育补贴 on rounds 2–31, health 20 of 20, r31_spoken:8 the one
  托育补贴, routed to agriculture by the bare 补贴 before);
- social insurance moved from another city (社保转移, 社保转回来): human resources' (4 of 4),
  not the medical insurance moved beside it.

- a 居住证 (the residence permit, not a community's 居住证明) asked for itself — how, where
  or how soon it is made or renewed (居住证上哪办, 续居住证要啥, 多久能下来), whatever the
  school, the employer or the car registry that wants it: the police's (round 35, papers35:
  9 of 10 on rounds 2–34, rounds 14–33; the other an assist line, r28_assist:13, education
  leading with the police assisting on the same ask as r33_spoken:29's police);
- an identity card kept by an employer (扣身份证, 身份证也扣着, 把我身份证收走了): labour's,
  human resources' (6 of 6, rounds 9, 14, 31, 33), not the police's card; not a landlord's,
  a hotel's or a lender's hold (no retired line);
- the hospital's registration by phone or app, or a specialist's number not to be had
  (挂号软件, 手机挂号, 网上挂号, 专家号挂不上), whatever 身份证 is bound in it: health's (11 of 11,
  rounds 3–34), not the police's card; not a tout selling numbers (号贩子, 黄牛, 医托: the
  police's 5 and transport's black cabs), nor a phone stolen in the queue.

Counted and not read: a property company that will not sign a paper (物业不给开证明 for a
charging point) splits 6 housing / 3 power; a school's return-to-class certificate (复课证明,
a hospital's proof the school wants) splits 9 health / 9 education; a pension stopped by a
death wrongly registered splits police / human resources across two sets of round 23;
the card's number typed wrong on a pension's record (新农保 … 身份证号录错一位: human
resources) is one line of one round (r32_written:116; 新农保 3 of 3 human resources, all
round 32), so it is not read.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.reading import Reading

# The paper's other body is named in full and often (派出所, 户口, 身份证, 户口簿): the duty's
# words weigh as two decisive ones (duty_object.OBJECT_WEIGHT 4).
PAPER_WEIGHT = 8.0

POLICE_UNIT = "public_security"
HEALTH_UNIT = "health"
LAND_UNIT = "natural_resources"
RELIEF_UNIT = "civil_affairs"
LABOUR_UNIT = "human_resources"
HOUSING_UNIT = "housing"
EDUCATION_UNIT = "education"
INSURANCE_UNIT = "medical_insurance"

_STOP = r"[^。！？]"
_HUKOU_ACT = re.compile(
    rf"上户口|报户口|落户口|迁户口|户口{_STOP}{{0,6}}?(?:迁|销|改|错|恢复|落不上|上不了|上不上)"
    rf"|户口[本簿]{_STOP}{{0,12}}?(?:补|丢|改|错)"
)
# The matter the 户口 serves, when it is another body's (the labels follow the matter).
_HUKOU_FOR = re.compile(
    r"上学|入学|小学|初中|学校|婚姻登记|低保|养老金|退休金|选举|分红|医保|参保|村规|补贴|津贴|确权"
    r"|(?<!死亡)证明"
)
# 出身证明: the same words misheard (r34_spoken:46 出身证明丢了能补不, health's).
_BIRTH_PAPER = r"(?:出生医学证明|出生证|出身证明)"
_BIRTH_PAPER_WRONG = re.compile(
    rf"{_BIRTH_PAPER}{_STOP}{{0,16}}?(?:错|改|不对|不符)|改{_STOP}{{0,4}}?{_BIRTH_PAPER}"
)
# Lost or to be reissued: the hospital's unless a 户口 waits on it (then the police's, whose
# window asks for it: 2 of 2 labels).
_BIRTH_PAPER_LOST = re.compile(
    rf"{_BIRTH_PAPER}{_STOP}{{0,16}}?(?:补|丢|湿烂)|补{_STOP}{{0,4}}?{_BIRTH_PAPER}"
)
_HUKOU = re.compile(r"户口")
_DEATH_PAPER = re.compile(r"死[亡忘](?:医学)?证明")
# Who issues it, asked anywhere in the request (赶紧给开个证 after the counters are told).
_ISSUE_ASKED = re.compile(r"谁给开|谁开|哪开|不给开|开不了|出具|由哪|开个证|给开")
_DEATH_PAPER_FOR = re.compile(r"过户|户名|殡仪馆的车|联系殡仪馆")
# A certificate already issued (医院给开了死亡证明 … 户口注销是谁去办): the next step is asked.
_DEATH_PAPER_ISSUED = re.compile(r"开了死[亡忘]|开好了|已经开|给开了")
# The booklet asked for itself: lost, reissued, or where it is made (疫苗本在哪办).
_BOOKLET = r"(?:接种证|接种本|疫苗本|打针本)"
_BOOKLET_ASKED = re.compile(
    rf"{_BOOKLET}{_STOP}{{0,12}}?(?:丢|没了|找不到|找不着|在哪办|哪办|哪里办|补办|补一个|在哪领|哪领)"
    rf"|(?:补办|补|办|领)[^。！？，]{{0,2}}?{_BOOKLET}"
)
_DEED_FIX = re.compile(
    rf"(?:房本|房笨|房产证|不动产证|房照){_STOP}{{0,16}}?"
    rf"(?:错|更正|不一样|差了|对不上|加{_STOP}{{0,3}}名)"
)
_A_BILL = re.compile(r"费")
_MARRIAGE_PAPER = re.compile(
    rf"结[婚昏]证{_STOP}{{0,12}}?(?:补|改|错|丢|领|办)|(?:补|改|领|办){_STOP}{{0,3}}?结[婚昏]证"
)
_INJURY_FINDING = re.compile(r"工伤认定")
_FUNERAL_GRANT = re.compile(r"丧葬费|丧葬补助|抚恤金")
_PARLOUR = re.compile(r"殡仪馆")
_INSURED = re.compile(r"社保|退休|养老金|养老保险")
_HOUSING_FUND = re.compile(r"公积金")
# The grant for a child under three, however the caller names it (育儿补贴, 托育补贴).
_CHILDCARE_GRANT = re.compile(r"(?:育儿|托育)补贴")
_PENSION_MOVED = re.compile(rf"社保{_STOP}{{0,6}}?转(?:移|回|出|入|过|到)|(?:转移|转回|转出)社保")
_ID_CARD_ACT = re.compile(
    r"身份证(?!号)[^。！？，]{0,8}?(?:过期|到期|换|补|丢|改|错|办)|临时身份证"
    r"|(?:办|换|补|领)[^。！？，]{0,2}身份证"
)
# The matter the card serves, when it is another body's (结婚, 补贴, 水费户头 过户, 房本).
_ID_CARD_FOR = re.compile(r"结婚|补贴|过户|低保|户头|开户|水费|电费|燃气|号码|不动产|房本|房产证")
# The residence permit asked for itself: made, renewed, where and how soon.
_RESIDENCE_CARD = r"居住证(?!明)"
_RESIDENCE_CARD_ASKED = re.compile(
    rf"(?:办|续|申请|领)(?:个|理)?{_RESIDENCE_CARD}"
    rf"|{_RESIDENCE_CARD}{_STOP}{{0,6}}?(?:哪办|咋办|怎么办|多久|多长时间|下来|要啥|需要啥|要什么"
    r"|续|办不了|能不能办|过期)"
)
# A community's proof of residence (居住证明: the town's or subdistrict's), or the school's
# own place or enrolment the permit is told for.
_RESIDENCE_CARD_FOR = re.compile(r"居住证明|学位|报名")
_ID_CARD_KEPT = re.compile(rf"扣{_STOP}{{0,2}}身份证|身份证{_STOP}{{0,8}}?(?:扣|收走|押着)")
_NOT_EMPLOYER = re.compile(r"房东|租|酒店|宾馆|旅馆|网吧|民宿|借")
_REGISTRATION_ONLINE = re.compile(
    rf"挂号(?!信){_STOP}{{0,10}}?(?:软件|手机|app|APP|网上|线上|小程序|平台|绑定|预约)"
    rf"|(?:软件|手机|app|APP|网上|线上|小程序|平台)(?:上|里)?{_STOP}{{0,4}}挂号(?!信)"
    r"|专家号|挂不上号|号挂不上"
)
# Numbers sold by touts, or a phone stolen in the queue: the police's.
_REGISTRATION_CRIME = re.compile(r"号贩子|黄牛|医托|偷|抢|黑车|骗")
_NEVER = re.compile(r"(?!)")  # no exception


def _unless(found: re.Pattern[str], other: re.Pattern[str], text: str) -> str:
    """`found`'s first words in `text` where `other` is not written, or ""."""
    match = None if other.search(text) else found.search(text)
    return match.group(0) if match else ""


def hukou_act(text: str) -> str:
    """The words telling a 户口 registered, moved, cancelled or corrected, or a 户口本
    reissued, for itself (not for another body's matter), or ""."""
    return _unless(_HUKOU_ACT, _HUKOU_FOR, text)


def birth_paper(text: str) -> str:
    """The words telling a birth certificate wrong, or lost with no 户口 waiting on it, or ""."""
    return _unless(_BIRTH_PAPER_WRONG, _NEVER, text) or _unless(_BIRTH_PAPER_LOST, _HUKOU, text)


def death_paper(text: str) -> str:
    """The words telling a death certificate and who issues it asked (not for a transfer
    or the funeral parlour's car), or ""."""
    if _ISSUE_ASKED.search(text) is None or _DEATH_PAPER_ISSUED.search(text):
        return ""
    return _unless(_DEATH_PAPER, _DEATH_PAPER_FOR, text)


def funeral_grant(text: str) -> str:
    """The words telling an insured person's funeral grant (not the parlour's bill), or ""."""
    return _unless(_FUNERAL_GRANT, _PARLOUR, text) if _INSURED.search(text) else ""


def paper_readings(text: str) -> list[Reading]:
    """Each paper asked for itself, or matter needing one, read in the compact text, with
    the unit whose duty the ask is and the units whose words only tell the paper."""
    hukou = hukou_act(text)
    readings: list[Reading] = [
        (POLICE_UNIT, hukou, (RELIEF_UNIT, HEALTH_UNIT)),
        (POLICE_UNIT, _unless(_ID_CARD_ACT, _ID_CARD_FOR, text), (RELIEF_UNIT, HEALTH_UNIT)),
        (HEALTH_UNIT, birth_paper(text), (POLICE_UNIT,)),
        (HEALTH_UNIT, death_paper(text), (POLICE_UNIT, RELIEF_UNIT)),
        (HEALTH_UNIT, _unless(_BOOKLET_ASKED, _NEVER, text), (EDUCATION_UNIT, POLICE_UNIT)),
        (LAND_UNIT, _unless(_DEED_FIX, _A_BILL, text), (POLICE_UNIT, HOUSING_UNIT)),
        (RELIEF_UNIT, "" if hukou else _unless(_MARRIAGE_PAPER, _NEVER, text), (POLICE_UNIT,)),
        (LABOUR_UNIT, _unless(_INJURY_FINDING, _NEVER, text), (POLICE_UNIT, HEALTH_UNIT)),
        (LABOUR_UNIT, funeral_grant(text), (POLICE_UNIT, RELIEF_UNIT)),
        (HOUSING_UNIT, _unless(_HOUSING_FUND, _NEVER, text), (LAND_UNIT, POLICE_UNIT)),
        (HEALTH_UNIT, _unless(_CHILDCARE_GRANT, _NEVER, text), (INSURANCE_UNIT, POLICE_UNIT)),
        (LABOUR_UNIT, _unless(_PENSION_MOVED, _NEVER, text), (INSURANCE_UNIT,)),
        (
            POLICE_UNIT,
            _unless(_RESIDENCE_CARD_ASKED, _RESIDENCE_CARD_FOR, text),
            (EDUCATION_UNIT, LABOUR_UNIT),
        ),
        (LABOUR_UNIT, _unless(_ID_CARD_KEPT, _NOT_EMPLOYER, text), (POLICE_UNIT,)),
        (HEALTH_UNIT, _unless(_REGISTRATION_ONLINE, _REGISTRATION_CRIME, text), (POLICE_UNIT,)),
    ]
    return [r for r in readings if r[1]]
