"""A second unit's duty the caller touches without naming the unit (协办 unasked). No I/O.

Callers rarely name the second unit: they describe what happened, and what happened is
in two units' duties at once (the catalogue's duty texts). Each `UnnamedDuty` below is
one such pair, read as words specific enough to say the second duty, with the leads it
applies to:

- tied selling (强制卖报警器, 去指定的店买, 必须在他们那买) by any unit's provider: the
  market regulator's 价格监督 and 消费者权益保护, whoever leads on the service itself;
- a business gone with its customers' prepaid money (培训班一次交了一万二…门一锁人没了,
  预付费…跑路了): 预付卡消费 is the market regulator's, whoever oversees the trade;
- a utility's burst or dug-up line left on a public way (道上全是水, 挖开的坑): the utility
  repairs, the city's enforcement (市容, 占道) secures the road;
- a utility's plant making noise (换热站的噪音): 工业噪声 is the environment bureau's;
- bad tap water with a factory discharging nearby (厂子往地下排东西): 水质 is the water
  company's, 工业废水排放 the environment bureau's;
- a work injury's bills (工伤 and 医保): who pays first is between 工伤保险 (human
  resources) and 医保报销 (medical insurance), whichever the caller asks;
- a passenger vehicle overloaded (超员, 超载, 七座的车塞了十四五个孩子): 道路客运 is
  transport's (a school's pupils, the school's), the overload on the road is traffic
  management, the police's (交通管理);
- a scale or a fuel pump that measures short (加油枪的表也不准, 秤不对): 计量 is the market
  regulator's, whoever leads on the seller (a utility's own meter is the utility's);
- a seller's stall set out on the pavement or the road (摊位摆到机动车道上): 占道经营 is
  the city's enforcement, whoever oversees what is sold;
- a utility's crew kept from its pipe by the property manager's key or lock (物业说没有
  钥匙): 物业管理 is the housing bureau's;
- pupils sick from the school canteen's food: 食品安全 is the market regulator's beside
  health's outbreak;
- a trade without a licence (卖的人也没执照): 无照经营 is the market regulator's.

Each names the unit, so it is suggested as 协办 with its reason, on a question or a
proposal too (these words are specific, unlike a second unit's phrases, which
suggestion.JOINT_TYPES keeps to requests to act on), and it holds the request back from
automatic dispatch (Suggestion.joint_cues). Measured on the retired assist
sets of rounds 2–7: these words were written almost only by callers whose duty was
shared; broader words (受伤, 噪音 from a building site, 工地, a second unit's phrases of
weight 2, any second duty on a question) held back many more single-owner requests than
shared ones, and are left out.

A second ask (`second_ask`): after asking for one thing, the caller asks for another
with 也 and a modal (…他们后厨卫生也得查查, 上边该给的补贴也给问问, 那个监控也得让物业修)
or with 顺便 / 另外 / 同时 (顺便把乱停的车挪挪). The second thing is often another
unit's, named by no duty word the rules know, so it holds the request back from automatic
dispatch (Suggestion.second_ask), even when the caller asked the lead by name first.

The area asked too (`area_also_asked`): the town, community or village named and then asked
with 也 (社区也找人把门窗堵上, 村里也问问): it assists (属地协办) on any type, and the caller
no longer asks the lead alone, so the request goes past a person.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from hotline.ticketing.routing.asked_besides import asked_besides
from hotline.ticketing.routing.assist import SHOWN_POINTS, Assist
from hotline.ticketing.routing.bureau_allowance import held_at_area
from hotline.ticketing.routing.disclaimed import disclaimed_spans
from hotline.ticketing.routing.document_holder import document_holder
from hotline.ticketing.routing.either_order import either_order
from hotline.ticketing.routing.employer import ANY_ACT
from hotline.ticketing.routing.food_permit import FOOD_PERMIT
from hotline.ticketing.routing.hazard_duties import HAZARD_DUTIES
from hotline.ticketing.routing.residents_cards import RESIDENTS_CARDS
from hotline.ticketing.routing.roles import ADDRESSED_AS, UTILITIES, other_units_named
from hotline.ticketing.routing.sent_between import sent_between
from hotline.ticketing.routing.unnamed_duty import UnnamedDuty

_COUNT = "零一二三四五六七八九十两0-9"  # a number in words or digits

DUTIES: tuple[UnnamedDuty, ...] = (
    UnnamedDuty(
        "market_supervision",
        "强制交易、价格",
        re.compile(
            r"强制(?:卖|买|购|搭售|推销)|(?:去|到|在)指定的?(?:店|商店|商家|地方)里?买"
            r"|(?:必须|只能)(?:在|到|去)[^买请]{1,6}买"
        ),
    ),
    UnnamedDuty(
        "urban_management",
        "道路占挖、市容",
        re.compile(r"(?:道上|路上|路面|马路上)(?:全是|都是)水|挖开的坑|挖的坑"),
        UTILITIES,
    ),
    UnnamedDuty(
        "market_supervision",
        "预付费消费",
        re.compile(r"跑路|跑了|卷钱|人没了|关门了|联系不上"),
        also=re.compile(r"预付|储值|充值卡|会员卡|一次性?交了|交了一年"),
    ),
    UnnamedDuty(
        "environment",
        "工业废水排放",
        re.compile(r"(?:工厂|厂子|厂)[^请厂]{0,12}(?:排|倒)"),
        frozenset({"water"}),
    ),
    UnnamedDuty(
        "medical_insurance",
        "医保报销",
        re.compile(r"医保"),
        frozenset({"human_resources"}),
        re.compile(r"工伤"),
    ),
    UnnamedDuty(
        "human_resources",
        "工伤保险",
        re.compile(r"工伤"),
        frozenset({"medical_insurance"}),
    ),
    UnnamedDuty("environment", "噪声", re.compile(r"噪音|噪声"), UTILITIES),
    UnnamedDuty(
        "public_security",
        "交通管理",
        re.compile(r"超员|超载"),
        frozenset({"transport"}),
    ),
    # The same overload told by counting: a vehicle's seats and the people packed into it
    # (七座的车塞了十四五个孩子, 三十五座的车里坐了四十多人), or the people packed into each
    # vehicle (一车塞十一二个人). With the school as lead too: a private van taking pupils
    # is the school's matter and the overload the traffic police's (r12_assist 4 and
    # r14_assist 24 were sent out to the school alone). Not 超员 with the school: a class
    # is 超员 too.
    UnnamedDuty(
        "public_security",
        "交通管理",
        re.compile(
            rf"[{_COUNT}]+座的?[^座]{{0,6}}?(?:塞|坐|拉|装|挤)了?[^座]{{0,4}}?"
            rf"[{_COUNT}几]+多?个?(?:人|孩子|学生|小孩)"
            # or packed in per vehicle (塞 or 挤 says too many: 私家面包车…一车塞十一二个人;
            # round 20, from r19_assist 36, sent out to transport alone; else only in a seed
            # line, a school van's 一车塞了三十多个孩子)
            rf"|(?:一|每一?)(?:辆)?车(?:就|都)?(?:塞|挤)了?[{_COUNT}几]+多?个?"
            r"(?:人|孩子|学生|小孩)"
        ),
        frozenset({"transport", "education"}),
    ),
    # A seller's stall, cart or tricycle set out on a way people walk or drive (摆在道边上,
    # 小推车都堵在人行道上, 摊位一直摆到机动车道上): 占道经营 is the city's enforcement
    # (the catalogue's duty of urban_management), whoever oversees what is sold (fakes, food,
    # fireworks) or the traffic. Both a seller's word and the way occupied must be written:
    # a parked car or a fallen tree on the pavement is no stall. Read from the shared-duty
    # misses of the retired assist sets of rounds 3–16 (5 requests wanted it, none already
    # shown); written in no single-owner request of rounds 2–16.
    UnnamedDuty(
        "urban_management",
        "占道经营",
        re.compile(
            r"(?:摆|堵|占|支|码|堆)(?:着|在|到|满)?了?[^摆堵占支码堆]{0,6}?"
            r"(?:人行道|道边|道牙|马路|机动车道|行车道|便道|步道|路边|路上|道上)"
        ),
        also=re.compile(r"摊|卖|小贩|商贩|推车|经营"),
    ),
    # A utility's crew kept from its pipe or valve because the property manager holds the
    # key or has locked the door (楼顶门让物业锁了, 物业说没有钥匙): 物业管理 is the housing
    # bureau's duty, the repair the utility's. Read from the retired assist sets of rounds
    # 2–15 (r5_assist 37, r15_assist 24, both labelled with housing); written in no
    # single-owner request of rounds 2–18.
    UnnamedDuty(
        "housing",
        "物业管理",
        re.compile(r"物业[^请]{0,12}?(?:钥匙|锁)|(?:钥匙|锁)[^请]{0,8}?物业"),
        UTILITIES,
    ),
    # Pupils sick after the school canteen's food (吃完食堂…上吐下泻, 怀疑是食堂不干净): the
    # outbreak is the health bureau's, 食品安全 in the canteen the market regulator's. Only
    # with health leading and a school or kindergarten and a stomach illness written: a
    # canteen's fees (伙食费) are the school's alone, a works canteen's outbreak health's.
    # On rounds 2–15, 2 such requests (both labelled with market supervision), none alone.
    UnnamedDuty(
        "market_supervision",
        "食品安全",
        re.compile(r"食堂"),
        frozenset({"health"}),
        re.compile(
            either_order(
                "(?:学校|幼儿园|园里|学生|年级|班里|班上)",
                "(?:吐|拉|泻|食物中毒)",
                None,
                between="[^请]",
            )
        ),
    ),
    # A business said to trade without a licence (没有营业执照, 卖的人也没执照, 连执照都没有):
    # 无照经营 is the market regulator's duty, whoever leads on the trade (farm inputs, a
    # swimming class, a guesthouse's wages). Not with health leading: a clinic's licence is
    # health's own (医疗机构). On rounds 2–15, 2 requests labelled with market supervision
    # and 1 single-owner (a day-care class, held by its epidemic flag anyway).
    UnnamedDuty(
        "market_supervision",
        "无照经营",
        re.compile(r"(?:没有?|无)(?:营业)?执照|执照(?:都|也)没"),
        frozenset(
            {
                "agriculture",
                "culture_tourism",
                "education",
                "emergency",
                "environment",
                "human_resources",
                "urban_management",
            }
        ),
    ),
    # A road crushed by the vehicles on it (把村道压坏了, 水泥路压得稀碎, 路也让压得稀碎): 农村公路
    # is transport's duty, whoever leads on the trucks, the quarry or the queue. Round 21,
    # from r20_assist 28; on the retired sets of rounds 2–20 every line saying so (4) has
    # transport as lead or 协办, as have both seed lines. Not a sewer's or a tunnel's 道.
    UnnamedDuty(
        "transport",
        "农村公路",
        re.compile(
            r"(?<![水隧铁管楼过地])(?:路|道)(?:面|基)?[也都全还]?(?:让|被|叫|给)?[^请路道]{0,3}?"
            r"(?:压|轧|碾)(?:坏|烂|碎|塌|得稀碎|得稀巴烂)"
        ),
    ),
    # A building site's hazard with the emergency bureau leading (工地没安全防护, 工地的工棚里…
    # 一个灭火器都没有): 安全生产 is emergency's, 建筑施工管理 the housing bureau's. Round 21,
    # from r19_assist 18; on rounds 2–20 both emergency-led lines naming a site are labelled
    # with housing, and no single-owner emergency line names one.
    UnnamedDuty(
        "housing",
        "建筑施工管理",
        re.compile(r"工地|工棚|施工现场|脚手架|塔吊"),
        frozenset({"emergency"}),
    ),
    # The employer acting against sick workers while the caller asks the health bureau to
    # come (厂里还不让请假 说请假就扣全勤…能不能来人给看看): health leads (employer.HEALTH_VISIT)
    # and 劳动保障监察 is the labour bureau's. Round 21, from r20_assist 40; elsewhere an
    # employer's act is the labour bureau's lead (employer.py), so this reads only there.
    UnnamedDuty("human_resources", "劳动保障监察", ANY_ACT, frozenset({"health"})),
    # A measuring instrument said to measure wrong. Only the instruments a seller uses:
    # 电表, 水表 and the like are a utility's own (计量不准 on a power meter is the utility's).
    UnnamedDuty(
        "market_supervision",
        "计量",
        re.compile(
            r"(?:秤|加油枪|加油机|油枪)(?:的表|上的数)?[也还都]?(?:不准|不对|有问题|有毛病)"
        ),
    ),
    # A hazard to equipment, the environment, the road or a public place that a second
    # unit secures (hazard_duties.py, round 23).
    *HAZARD_DUTIES,
    # Food handled without its permit or health card (food_permit.py, round 29); a care
    # home holding its residents' bank cards (residents_cards.py, round 29).
    FOOD_PERMIT,
    RESIDENTS_CARDS,
)


def unnamed_duties(text: str, lead: str | None) -> list[tuple[UnnamedDuty, str]]:
    """The second duties `text` (compact) touches for this lead, each with its words."""
    if lead is None:
        return []
    found = []
    for duty in DUTIES:
        if duty.unit == lead or (duty.leads is not None and lead not in duty.leads):
            continue
        if any(d.unit == duty.unit and d.what == duty.what for d, _ in found):
            continue  # the same duty told two ways (超员 and a count of seats)
        match = duty.pattern.search(text)
        if match and (duty.also is None or duty.also.search(text)):
            found.append((duty, match.group(0)))
    holder = document_holder(text, lead)  # the other body of a proof required
    if holder is not None and all(d.unit != holder[0].unit for d, _ in found):
        found.append(holder)
    between = sent_between(text, lead)  # the other body of a dispute the lead is in
    if between is not None and all(d.unit != between[0].unit for d, _ in found):
        found.append(between)
    return found


def unnamed_assists(text: str, lead: str | None, name: Callable[[str], str]) -> list[Assist]:
    """协办 for the second duties `text` touches without naming the unit, with the reason."""
    return [
        Assist(
            duty.unit,
            f"协办：{name(duty.unit)}，诉求还涉及其职责（{duty.what}：“{words}”）",
            SHOWN_POINTS,
        )
        for duty, words in unnamed_duties(text, lead)
    ]


# 也 + a modal + an asking verb within a few characters: 也得查查, 也给问问, 也得让物业修,
# 物业也必须清洗, 树也该想想办法; 顺便 / 另外 / 同时 need no modal (顺便把车挪挪). Not
# across a negation (也没人管, 也不给修 only complain) nor across another 也 or 请 (a new
# clause). Compact text has no punctuation, so 还 is left out: 退还请…, 还要坐飞机请问
# read as 还 + modal. Measured on the retired sets of rounds 2–11: 41 shared-duty
# requests say this, no single-owner request does. 必须 and 想办法 / 清洗 / 清理 (round 14,
# read from r13's shared-duty misses): three more shared-duty requests on rounds 2–13,
# none in a single-owner request, the seed corpus or the dev sets.
_MODAL = "得|要|请|给|帮|让|应该|该|需要|麻烦|必须"
_ASK = "查|管|问|修|看看|处理|派|挪|想办法|想想办法|清洗|清理"  # 派: 派人, 多派点警力
# Two more shapes (round 16, read from r15_assist's automatic dispatches): someone must
# do the second thing whatever the verb (路面的冰也得有人天天来撒盐: 也 + a modal + 有人),
# and the second thing asked with 再 after the first (能不能帮忙把钱要回来，再看看有没有返乡的
# 包车; 先给送上电，再看看他能不能申请点救助). On every retired, seed and dev text both are
# written only in shared-duty requests (14 of them, 3 not read before); 再看看 alone
# (过两天再看看) is a wait, so the 再 ask needs what follows: whether there is, or can be.
SECOND_ASK = re.compile(
    rf"也(?:{_MODAL})[^没不别也请]{{0,6}}?(?:{_ASK})"
    rf"|(?:顺便|另外|同时)(?:{_MODAL}|把)?[^没不别也请]{{0,8}}?(?:{_ASK})"
    r"|也(?:得|要|该|应该|需要)有人"
    r"|再(?:帮忙|帮着|给|帮)?(?:看看|问问|查查)(?:他|她|有没有|能不能|可不可以|够不够)"
)


def second_ask(text: str) -> str:
    """The words of a second ask in `text` (compact), or "" when the caller asks once."""
    match = SECOND_ASK.search(text)
    return match.group(0) if match else ""


# The town, community or village asked too, with 也 (…请热力公司来修管子，社区也找人把门窗
# 堵上; 村里也问问这几天谁家死了猪; 村里也得把卫生室的事管起来): the caller wants the area to act
# beside the lead, so it assists (属地协办) even where area_roles.area_acts reads no actor (its
# asks are 来人, 管管, 帮…; these use 找, 问, 把…). Not across a negation (村里也调解不了,
# 镇上也打不着车), nor 也说 / 也是 (a report: 村里也说不知道). Measured on the retired sets of
# rounds 2–12: 12 shared-duty requests say this, each wanting the area to act (as lead or
# 协办; 4 of those 协办 area_acts missed); no single-owner request does (their 村里也 /
# 镇上也 are negations or 也说). Also the area asked to act together with a unit
# (让村里跟社保的人一块上门, round 14 from r13_assist): a joint visit, the area beside the lead;
# written nowhere else on the retired sets, the seed corpus or the dev sets.
_AREA_BODY = "村里|村上|村委会|社区|居委会|镇里|镇上|街道"
_AREA_VERB = "得|要|给|帮|来|派|找|问|把|管|查|麻烦|可以|能"
AREA_ALSO_ASKED = re.compile(
    rf"(?:{_AREA_BODY})(?:也|再)(?![说是都])[^不没别]{{0,4}}?(?:{_AREA_VERB})(?![不没了])"
    rf"|(?:{_AREA_BODY})(?:跟|和|同|与)[^不没别]{{1,8}}?(?:一块|一起|一同|联合)"
)


def area_also_asked(text: str) -> str:
    """The words asking the town, community or village to act too, or ""."""
    match = AREA_ALSO_ASKED.search(text) or AREA_ASKED_BESIDE.search(text)
    # An allowance granted and held at the area's office (bureau_allowance.py).
    return match.group(0) if match else held_at_area(text)


# Which unit? The caller names two or more units as the ones it might turn to
# (找城管还是找环保, 找物价局还是教育局啊, 找市场监管、公安还是应急): it asks who handles the
# matter, and the answer is one unit. On the retired shared-duty sets of rounds 8–13, 18 of
# the 20 requests asking this way are labelled with no 协办 (the two others ask which office
# to apply to first, 找学校申请还是得先找民政); the units named are alternatives, not a
# second duty. A unit must be among the alternatives, by a name callers use
# (roles.ADDRESSED_AS, or its stem: 环保 of 环保局):
# 找单位要还是工伤保险给报 asks who pays, and the second insurer there is a 协办. Not 找了 /
# 找过…还是 (still: 找了物业还是不管), nor 还是 followed by a negation or 一样.
WHICH_UNIT = re.compile(r"找(?![了过完])[^还了过]{1,12}?还是(?![不没一那这])")
_BODY_SUFFIX = re.compile(r"(?:局|委|公司|部门|机关)$")
UNIT_NAMES = frozenset(
    n
    for names in ADDRESSED_AS.values()
    for name in names
    for n in (name, _BODY_SUFFIX.sub("", name))
    if len(n) >= 2
)


def which_unit(text: str) -> str:
    """The words asking which of the units named handles the matter, or ""."""
    for match in WHICH_UNIT.finditer(text):
        span = text[match.start() : match.end() + 6]
        if any(name in span for name in UNIT_NAMES):
            return match.group(0)
    return ""


def not_disclaimed(text: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """The unit names of `names` (roles.other_units_named) written somewhere other than
    where the unit turned the matter down (我打了城管 城管说不归他管, 给环保局打电话 说不归他们
    管: disclaimed.py). A unit that said the matter is not its own is where the caller
    already went, not a second unit to act: on the retired sets of rounds 2–14, 7 such
    requests were single-owner, 2 had another lead and 1 was shared (r12_assist 8, held by
    its duty words anyway)."""
    spans = [s for found in disclaimed_spans(text).values() for s in found]

    def free(name: str) -> bool:
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if not any(lo <= start and end <= hi for lo, hi in spans):
                return True
            start = text.find(name, start + 1)
        return False

    return tuple(n for n in names if free(n))


# The caller asks the units it names to act together (请人社和住建一起来处理, 请社区和城管
# 一块来把冰溜子打了, 希望几家联合整治): each unit named beside the lead is asked as well, so
# each assists, even where no ask word stands right before its name (roles.named_assists).
# Not a unit that turned the matter down (not_disclaimed). Read from the shared-duty misses
# of r15_assist and r16_assist (2 requests); on the retired sets of rounds 2–16 no
# single-owner request names another unit beside such words.
JOINT_ASK = re.compile(
    r"一起来|一块来|一起处理|一块处理|一起管|一块管|一起查|一块查|一起解决|联合(?:整治|执法|检查|处理)"
    r"|共同(?:处理|解决|整治)"
)
# A unit's name as callers write it, and its stem (住建 of 住建局), as in UNIT_NAMES.
_UNIT_OF_NAME = {
    n: unit
    for unit, names in ADDRESSED_AS.items()
    for name in names
    for n in (name, _BODY_SUFFIX.sub("", name))
    if len(n) >= 2
}


def jointly_asked(text: str, lead: str | None, named: tuple[str, ...]) -> tuple[str, ...]:
    """The units of `named` (roles.other_units_named: names written in `text`, compact)
    asked to act together with the lead, or () when the caller asks no joint action."""
    if lead is None or not JOINT_ASK.search(text):
        return ()
    units = (_UNIT_OF_NAME.get(n) for n in not_disclaimed(text, named))
    return tuple(dict.fromkeys(u for u in units if u is not None and u != lead))


# Two bodies named side by side as the ones to come (镇上和住建的来鉴定一下, 请人社和住建一起,
# 等供水和电业来, 请应急和劳动部门都来查查): each unit named there is asked to act, whether
# the other side is the lead, the area or a second unit, with no joint-ask word needed
# (JOINT_ASK). Read from the retired assist sets of rounds 2–15: 8 requests say this, each
# labelled with the unit after 和 among its units; no single-owner request of rounds 2–18.
_NAMES = "|".join(sorted(map(re.escape, _UNIT_OF_NAME), key=len, reverse=True))
_SIDE_BY_SIDE = re.compile(
    rf"(?:({_NAMES})|{_AREA_BODY})?(?:和|跟|与|同)({_NAMES})(?:的人|的|部门)?都?"
    r"(?:一起|一块|一同|(?:来|过来|上门)(?![回往的]))"  # not 跟热力来回扯, 和城管来的人
)


# The area asked beside a unit the caller asks by name, the other way round from
# AREA_ALSO_ASKED: 也 before the area (请派出所查骗子，也让社区赶紧在群里提醒大家) or the area
# after a unit's name in one ask (请住建局和社区催一催). Not 也找社区了 / 也找社区说 (where the
# caller went). On the retired sets of rounds 2–19 and the dev sets, 3 requests say this, each
# labelled with that area as 协办 (r8_assist 30, r18_assist 9, r19_assist 25; the last two were
# dispatched alone to the lead); no single-owner request does.
AREA_ASKED_BESIDE = re.compile(
    rf"也(?:让|请|叫|找|麻烦)(?:{_AREA_BODY})(?![了说过])"
    rf"|(?:请|让|要求|希望|麻烦)(?:{_NAMES})(?:和|跟|与|同)(?:{_AREA_BODY})(?![说了过])"
)


def asked_side_by_side(text: str, lead: str | None) -> tuple[str, ...]:
    """The units named side by side as the ones to come (`_SIDE_BY_SIDE`), other than the
    lead and a unit that turned the matter down (not_disclaimed); () without a lead."""
    if lead is None:
        return ()
    named = [n for m in _SIDE_BY_SIDE.finditer(text) for n in m.groups() if n]
    units = (_UNIT_OF_NAME[n] for n in not_disclaimed(text, tuple(named)))
    return tuple(dict.fromkeys(u for u in units if u != lead))


def with_joint_assists(
    chosen: tuple[Assist, ...], text: str, lead: str | None, name: Callable[[str], str]
) -> tuple[Assist, ...]:
    """`chosen` with the units asked to act together with the lead (`jointly_asked`,
    `asked_side_by_side`) as 协办, after the units asked by name and before those found
    from duty words. A unit found from its duty words and also asked jointly is asked:
    its words alone may weigh too little to be shown (请物业和城管一起来通一通 with only
    市政 for the city: r21_assist 8, round 23)."""
    taken = {a.department for a in chosen if a.named}
    together = (
        *jointly_asked(text, lead, other_units_named(text, lead or "")),
        *asked_side_by_side(text, lead),
    )
    joint = tuple(
        Assist(u, f"协办：{name(u)}，来电请其与主办单位一起处理", SHOWN_POINTS, named=True)
        for u in dict.fromkeys(together)
        if u not in taken
    )
    # A unit named and asked with 也, whatever the verb (asked_besides.py, round 29).
    taken |= {a.department for a in joint}
    joint += tuple(
        Assist(u, f"协办：{name(u)}，来电请其也一并处理", SHOWN_POINTS, named=True)
        for u in asked_besides(text, lead)
        if u not in taken
    )
    asked = {a.department for a in joint}
    found = (a for a in chosen if not a.named and a.department not in asked)
    return (*(a for a in chosen if a.named), *joint, *found)
