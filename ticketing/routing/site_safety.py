"""A building site's safety failing before an accident: the housing bureau's. No I/O.

The catalogue gives 建筑施工管理 to the housing bureau and 安全生产 to the emergency bureau;
the retired labels put a building site's failings told before anyone is hurt (workers on a
scaffold without helmets or harnesses, a tower crane's driver without a licence, a
gondola's frayed rope) with housing. The classifier learnt the same words (安全帽, 操作证)
from factory lines, which work_safety.py reads as the emergency bureau's, and a tower
crane from transport's cranes, so these lines went to emergency or transport.

Read: a building site (工地, 在建, 正在盖, 盖楼, 脚手架, 架子上, 塔吊, 吊篮) with a failing
told — safety gear not worn or not given (安全帽, 安全带, 安全绳, 安全网, 防护网), a
crane's or tower crane's operator without a licence, a wire rope frayed. Not read: a
factory, warehouse or port (work_safety.py's), an accident that has happened (掉下来, 摔,
砸, 死, 伤: the emergency bureau's 生产安全事故, r2_assist:41), a work injury or pay asked
(human resources'), goods bought (买的: the market regulator's).

Counted on the retired labels of rounds 2–34 (the lines read here): housing 5 of 6, over
rounds 4 and 33 (r4_written:20, r33_spoken:67, 94, 144, r33_assist:35); the sixth is
emergency (r33_written:78, the same failing with 早晚得出人命). With an accident told the
one site line is emergency (r2_assist:41), left out above.

Counted and not built: a site's failings of every kind (tower crane swinging over a school,
a pit full of water, a scaffold blown down) housing 9 of 12 with the accident — the cranes
and scaffolds down are duty_act.py's `site_rig`; work in a sewer or a tank without air
(下井, 有限空间): emergency 2 of 2, round 33 only.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import both_words
from hotline.ticketing.routing.reading import Reading

HOUSING_UNIT = "housing"
SAFETY_UNIT = "emergency"
LABOUR_UNIT = "human_resources"
TRANSPORT_UNIT = "transport"

# A building site: a site, a building going up, its scaffold, tower crane or gondola.
_SITE = re.compile(r"工地|在建|正在盖|盖楼|脚手架|架子上|塔吊|吊篮")
_GEAR = r"(?:安全帽|安全带|安全绳|安全网|防护网)"
# The failing: gear not worn or not given, an operator without a licence, a rope frayed.
_FAILING = re.compile(
    rf"(?:不戴|没人戴|没戴|不系|没系|不发|不给|没有|没)[^，。！？]{{0,6}}?{_GEAR}"
    rf"|{_GEAR}[^，。！？]{{0,6}}?(?:都没|没有|没人|不戴|不系|就一根)"
    r"|(?:塔吊|吊车|起重|信号工)[^。！？]{0,20}?(?:没有?[^。！？]{0,6}?证|无证|证[都也]?没)"
    r"|钢丝绳[^。！？]{0,4}?(?:起毛|断丝)"
)
# A factory, warehouse or port (work_safety.py's), an accident that has happened, a work
# injury or pay asked, goods bought.
_NOT_SITES = re.compile(r"厂|车间|仓库|港口|码头|掉下来|摔|砸|死|伤|工资|工钱|欠薪|赔|买的")


def site_failing(text: str) -> str:
    """The words telling a building site's safety failing before an accident, or ""."""
    if _NOT_SITES.search(text):
        return ""
    return both_words(_SITE, _FAILING, text)


def site_safety_readings(text: str) -> list[Reading]:
    """The housing bureau over the factory's, the accident's and the crane's words."""
    failing = site_failing(text)
    if not failing:
        return []
    return [(HOUSING_UNIT, failing, (SAFETY_UNIT, LABOUR_UNIT, TRANSPORT_UNIT))]
