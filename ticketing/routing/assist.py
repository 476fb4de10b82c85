"""Assisting units (协办): when a request touches a second unit's duty as well as the
lead's, name that unit and say why. No I/O.

A second unit is suggested only when its own duty is clearly named: phrases of its own,
written in the text (not only heard by sound), that are not part of what the lead's
phrases already cover (着火 inside 点不着火, 报警 inside 燃气报警器, 商品 inside 商品房 say
nothing about another unit), worth at least `MIN_POINTS` together (one strong phrase:
开发商, 燃气, 消防通道…). When the lead is a unit but the text
also names a town/community/village matter in a named area, that area assists (属地协办)
when the text names it as an actor (area_roles.area_acts). Only requests to act on are handled
jointly (suggestion.JOINT_TYPES); the epidemic cues name no second unit. A unit the caller asks by
name (请…也请…) assists whatever the type (roles.named_assists).

Which of the units leads and which assists is read from the words around each mention
(roles.py); the router applies it (suggest.py).

Every suggestion returned here is confident enough to hold a request back from
automatic dispatch (auto.decide): a person names the lead and the assisting units. Two
exceptions, both read from the words around the units (roles.py): a unit only quoted or
recalled (物业说…, 问过村里), and a request whose caller asks the lead alone by name
(请供电公司排查…) while naming no other unit — there the duty words are context.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

from hotline.ticketing.routing.rule_votes import UnitScores
from hotline.ticketing.routing.rules import Hit
from hotline.ticketing.routing.water_danger import water_danger

MIN_POINTS = 3.0  # the other unit's distinct phrases together
# Shown as 协办 from here: one phrase of weight 3 alone (医院, 摊位, 加油站) is more often
# an incidental mention than a duty; at MIN_POINTS it may still take the lead (roles.py).
SHOWN_POINTS = 4.0
MAX_ASSISTING = 2

# Words that say whom or what a request concerns, not that a second unit is to act: the
# caller's child at school (学生, 孩子上学, 家长群), the owners in a building (业主群), and
# the written qualifier 存在安全隐患 (any unit's hazard; the emergency bureau's duty is 消防安全
# 隐患, named by its own words). Each is a unit's phrase (it may take the lead: 孩子上学难 is
# the education bureau's), but beside another lead it only says who or how. Measured on the
# retired sets of rounds 2–10: leaving these words and LOOK_ALIKES out of the 协办 evidence
# removed 44 unwanted 协办 and one wanted; no lead changed.
CONTEXT_WORDS = frozenset(
    {"学生", "上学", "孩子上学", "放学", "家长", "家长群", "业主", "业主群", "安全隐患", "隐患"}
)
# Longer words a unit's phrase is written inside without naming its duty: an electric
# heater (电暖气) is a power appliance, not district heating (暖气); a pupil (小学生) is
# not the school; a venue that checks ID cards (查身份证) is not the police's 户籍 duty.
# A person without a phone or a building without a lift (没电话, 没电梯) has no power cut (没电):
# on rounds 2–21 the three lines saying so are single-owner and showed the power company.
LOOK_ALIKES = (
    "电暖气",
    "电暖器",
    "小学生",
    "初中生",
    "中学生",
    "高中生",
    "查身份证",
    "核验身份证",
    "没电话",
    "没电梯",
)

# Another unit's words that, beside these leads, say where, when or why the lead's own
# matter happens, not that the other unit is to act: medical insurance is used at the
# hospital or clinic (住院, 门诊, 诊所 where cards are swiped); a wage or child-labour
# matter happens in the holidays or for the school fees (暑假, 开学, 学费); a sign or a tree
# the city must secure hangs over a bus stop or was blown down by a typhoon (底下就是公交站,
# 台风刮倒); a bag left on a bus holds an ID card (身份证, 户口本) and a taxi is told by its
# plate (车牌号); a seller cheats from a stall at the morning market (早市上摊子的秤), and
# a restaurant's food at a wedding (结婚那天在饭店) is the restaurant's matter.
# Read from the single-owner requests these words held back on the retired sets of rounds
# 8–14 (see bench/RESULTS.md, round 15 auto); a stall that occupies or blocks the way
# (占着步道, 把栈道堵得) keeps the city's 协办 (`SETTING_UNLESS`).
SETTING: dict[str, frozenset[str]] = {
    "medical_insurance": frozenset({"医院", "住院", "出院", "诊所", "门诊", "看病", "手术"}),
    # A worker's hospital is where the worker is treated or works (医院仨月没发工资, 在医院住着,
    # 医院开了三天病假条): beside the labour bureau's lead, of 13 retired lines naming a
    # hospital, nurse or doctor, one wants health (r10_assist 19, for 职业病诊断).
    "human_resources": frozenset(
        {"暑假", "寒假", "开学", "学费", "放假", "医院", "护士", "大夫", "医生", "住院"}
    ),
    "urban_management": frozenset({"公交", "公交站", "站台", "公交站台", "台风"}),
    "transport": frozenset({"身份证", "户口", "户口本", "户口簿", "车牌", "车牌号"}),
    "market_supervision": frozenset(
        {"摊子", "摊位", "摆摊", "小摊", "摊主", "摊贩", "早市", "夜市", "结婚"}
    ),
}
# A stall that occupies or blocks the way is the city's too (占道经营).
SETTING_UNLESS: dict[str, re.Pattern[str]] = {"market_supervision": re.compile(r"占|堵|挡")}


# Units whose duty words, beside these leads, only say what lies next to the lead's matter:
# a fire hazard (emergency) sits by the building's heating pipes and cables (地下室就是整栋楼
# 的暖气管道和电缆), a gas pressure box (挨着燃气调压箱烧) or a water main; the utility is what
# is at risk, not a unit to act. On the retired assist sets of rounds 2–19 and the assist dev
# sets, no emergency-led request is labelled with a utility as 协办 except where the caller
# names it (assist_dev 35: 燃气公司也不管); r18_assist 39 and r19_assist
# 34 showed one by its words alone. Such a utility counts as a lighter duty (below
# SHOWN_POINTS): not shown as 协办, it still holds a request to act back as before (a
# heater's 取暖 held r19_assist 37, whose second units were unstated). A utility the caller
# names (its body's name among its phrases, `_named`) still assists: it is expected to act.
SCENE_UNITS: dict[str, frozenset[str]] = {
    "emergency": frozenset({"water", "gas", "power", "heating"}),
}


# A unit's words that, written beside another unit's lead, say what the caller has, does
# or went through (果园, 打零工, 退休金, 结婚, 自费, 开学, 扫雪), or a thing of the scene (车间,
# 烟囱, 消防栓, 健身器材), not that this unit is to act. Chosen by a rule, not read from one
# set: on the retired sets of rounds 2–12 each was among the words of a second duty (shown
# as 协办 or held as a lighter one) in at least three single-owner requests, and in no
# shared-duty request of those rounds or of the assist dev sets was it among a second
# duty's words at all, wanted or not (so 看病, 取暖, 电线, 公交站 stay: each was once what
# held a shared-duty request back). The words still count when the router weighs which
# unit leads. Measured held out on rounds 13–15 (bench/RESULTS.md, round 16 auto).
INCIDENTAL: dict[str, frozenset[str]] = {
    "agriculture": frozenset({"果园", "海参", "养鸡"}),
    "civil_affairs": frozenset({"残疾", "结婚"}),
    "culture_tourism": frozenset({"健身器材"}),
    "education": frozenset({"班里", "初中", "大学", "开学", "校服"}),
    # A storm or its relief named as the occasion (台风后, 救灾的米面油, 受灾补贴名单, 防汛物资):
    # round 22, from r21's storm week; on the retired sets of rounds 2–21 and the dev sets,
    # beside another lead these words named emergency 28 times (13, 6, 5, 4), never wanted.
    "emergency": frozenset({"加油站", "消防栓", "台风", "救灾", "受灾", "防汛"}),
    "environment": frozenset({"臭气", "臭气熏天", "车间", "烟囱"}),
    "health": frozenset({"卫生院", "打疫苗"}),
    "heating": frozenset({"十八度", "地暖"}),
    "housing": frozenset({"楼道灯"}),
    "human_resources": frozenset({"零工", "打工", "请假", "打零工", "退休", "干活", "退休金"}),
    "market_supervision": frozenset({"保修"}),
    "medical_insurance": frozenset({"自费"}),
    "natural_resources": frozenset({"耕地"}),
    "public_security": frozenset({"户籍", "广场舞"}),
    "transport": frozenset({"打车", "大巴"}),
    "urban_management": frozenset({"城管", "扫雪", "传单"}),
    "water": frozenset({"水管子", "水管冻"}),
}


def setting_words(lead: str, text: str) -> frozenset[str]:
    """The other units' words that only set the scene of this lead's matter here."""
    unless = SETTING_UNLESS.get(lead)
    if unless is not None and unless.search(text):
        return frozenset()
    return SETTING.get(lead, frozenset())


@dataclass(frozen=True)
class Assist:
    department: str
    reason: str  # Chinese, shown to the operator
    points: float = 0.0  # the weight of its own distinct phrases
    named: bool = False  # the caller asks this unit by name to act as well (roles.py)
    words: tuple[str, ...] = ()  # its own phrases written here, when they name it


def spans(text: str, phrase: str) -> list[tuple[int, int]]:
    """Where `phrase` is written in `text` (every occurrence, start/end)."""
    found, start = [], text.find(phrase)
    while start >= 0:
        found.append((start, start + len(phrase)))
        start = text.find(phrase, start + 1)
    return found


def distinct_hits(text: str, hits: list[Hit], taken: list[tuple[int, int]]) -> list[Hit]:
    """The written hits with at least one occurrence outside the `taken` spans, or
    strictly around one: 液化气罐 (a hazardous store) says more than the 液化气 inside it."""

    def free(span: tuple[int, int]) -> bool:
        return all(span[1] <= lo or span[0] >= hi or _around(span, (lo, hi)) for lo, hi in taken)

    return [
        h
        for h in hits
        if not h.by_sound and "…" not in h.phrase and any(map(free, spans(text, h.phrase)))
    ]


def assisting_units(
    lead: str | None,
    units: UnitScores,
    area_id: str | None,
    area_ids: Collection[str],
    name: Callable[[str], str],
    text: str,
    flag_words: Collection[str] = (),
    context: bool = True,
) -> tuple[Assist, ...]:
    """The units that should assist `lead`, strongest first, each with its reason.
    `text` is the compact text the rules read. `flag_words` (the epidemic cues: 流感, 手足口,
    隔离) say what kind of matter it is, not that a second unit is to act: the flag already
    sends such a request past a person, so they name no 协办 (measured on the retired blind
    sets: health suggested on such words alone was never wanted). With `context`, the
    `CONTEXT_WORDS` and the phrases inside `LOOK_ALIKES` say nothing of a second unit
    (off when the router weighs which unit leads: there they still count)."""
    if lead is None:
        return ()
    taken = [s for h in units.hits_of.get(lead, []) for s in spans(text, h.phrase)]
    setting = setting_words(lead, text)
    # Water endangering lives (water_danger.py) names the emergency bureau as lead; beside
    # another lead it is that lead's scene: the underpass the city drains (下穿桥又淹了), the
    # dam the town watches. On rounds 2–21 and the dev sets, 12 lines read it beside another
    # lead; the one wanting emergency names 应急部门 itself (r13_assist 7).
    danger = water_danger(text) if context else ""
    found: list[tuple[float, Assist]] = []
    for unit_id in units.scores:
        if unit_id == lead or unit_id in area_ids:
            continue
        # Nor a word inside another unit's longer phrase (商品 inside 商品房).
        longer = [
            s
            for u, hits in units.hits_of.items()
            if u != unit_id
            for h in hits
            if not h.by_sound and "…" not in h.phrase
            for s in spans(text, h.phrase)
        ]
        if context:
            longer += [s for word in LOOK_ALIKES for s in spans(text, word)]
        incidental = INCIDENTAL.get(unit_id, frozenset()) if context else frozenset()
        hits = [
            h
            for h in units.hits_of.get(unit_id, [])
            if not (context and (h.phrase in CONTEXT_WORDS or h.phrase in setting))
            and h.phrase not in incidental
            and not (danger and h.phrase == danger)
        ]
        own = [
            h
            for h in distinct_hits(text, hits, taken)
            if not _inside(text, h, longer) and not _flagged(text, h.phrase, flag_words)
        ]
        total = sum(h.weight for h in own)
        if total < MIN_POINTS:
            continue
        if context and unit_id in SCENE_UNITS.get(lead, frozenset()) and not _named(own):
            total = MIN_POINTS  # a lighter duty: held for a person, not shown (suggest.py)
        words = "".join(f"“{h.phrase}”" for h in sorted(own, key=lambda h: -h.weight)[:3])
        reason = f"协办：{name(unit_id)}，其职责明确提到{words}"
        phrases = tuple(h.phrase for h in own)
        found.append((total, Assist(unit_id, reason, total, words=phrases)))
    # 镇上, 村民 (weight 1) say where the caller lives, not what the area is to do.
    area_words = [h for h in distinct_hits(text, units.area_hits, taken) if h.weight >= 2]
    if area_id and lead not in area_ids and area_words:
        words = "".join(f"“{h.phrase}”" for h in area_words[:2])
        reason = f"属地协办：{name(area_id)}（{words}）"
        found.append((MIN_POINTS, Assist(area_id, reason, MIN_POINTS)))
    found.sort(key=lambda f: -f[0])
    return tuple(a for _, a in found[:MAX_ASSISTING])


def _around(outer: tuple[int, int], inner: tuple[int, int]) -> bool:
    """`outer` strictly contains `inner`."""
    return (
        outer[0] <= inner[0] and inner[1] <= outer[1] and outer[1] - outer[0] > inner[1] - inner[0]
    )


def _inside(text: str, hit: Hit, others: list[tuple[int, int]]) -> bool:
    """Every occurrence of the hit lies strictly inside a longer span of `others`."""
    return all(
        any(lo <= a and b <= hi and hi - lo > b - a for lo, hi in others)
        for a, b in spans(text, hit.phrase)
    )


def _flagged(text: str, phrase: str, flag_words: Collection[str]) -> bool:
    """The phrase is a flag word, or part of one written here (结核 in 肺结核)."""
    return any(phrase == w or (phrase in w and w in text) for w in flag_words)


# A phrase that names the body itself (燃气公司, 热力公司, 供电局), not its duty's words.
_BODY_NAME = re.compile(r"(?:公司|局|部门)$")


def _named(own: list[Hit]) -> bool:
    """Among the unit's own phrases is its body's name: the caller names the unit."""
    return any(_BODY_NAME.search(h.phrase) for h in own)
