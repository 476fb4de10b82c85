"""A unit the caller already asked, that said the matter is not its own. No I/O.

我先打的旅游局 说不归他们, 给热力公司打电话 人家说不是他们的, 找城管 城管说小区里边不归他们管:
the caller names a unit by its own name only to say it turned the matter down. Its name
is the story of the call, not the duty asked about, yet it is the strongest word of that
unit the request holds. Measured on the retired blind sets of rounds 2–12: of the 8 requests
where a unit named so disclaims the matter, none was led by that unit. A service
provider that disclaims (物业说不归他管, 开发商说不归他管, 医院说护工是外包的) is often the
very one complained about and is not read here: only the units' own names
(roles.ADDRESSED_AS: 旅游局, 热力公司, 城管) are.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from hotline.ticketing.routing.roles import ADDRESSED_AS
from hotline.ticketing.routing.suggestion import Alternative

# Units' names, longest first so that 热力公司 is taken whole before any shorter name.
_NAMES = sorted(((n, u) for u, ns in ADDRESSED_AS.items() for n in ns), key=lambda p: -len(p[0]))
_UNIT_OF = dict(_NAMES)
_S = r"\s*"
# The name (the call to it optional), then within a few characters what it said: not ours.
_DISCLAIMED = re.compile(
    rf"(?P<name>{'|'.join(re.escape(n) for n, _ in _NAMES)})"
    rf"(?P<call>{_S}(?:打了?个?电话|打的电话|的电话|那边|的人|工作人员)?{_S}[^我俺。！？!?]{{0,4}}?"
    rf"(?:说|讲|称|回复|答复)){_S}"
    rf"(?P<said>[^我俺。！？!?]{{0,12}}?(?:不归|不是|不属于|不在)(?:他们|他|我们|咱们|人家|俺们))"
)


def disclaimed_spans(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per unit, the spans of `text` from its own name to its saying the matter is not
    its own."""
    out: dict[str, list[tuple[int, int]]] = {}
    for m in _DISCLAIMED.finditer(text):
        out.setdefault(_UNIT_OF[m.group("name")], []).append(m.span())
    return out


def without_disclaimers(text: str) -> str:
    """The text without the names of units that disclaimed and the call to them (what
    they said stays: 小区里边 in 城管说小区里边不归他们管 is about the matter)."""
    kept = _DISCLAIMED.sub(lambda m: m.group("said"), text)
    return kept if kept.strip() else text


# A town, subdistrict, community or village office that sent the caller away (镇上说不管
# 让找市监局, 街道说不归他们, 社区说他们现在不管这个了 让我自己找人社, 镇上说…许可证不归镇里办),
# while the caller asks where or to whom the matter goes (在哪办, 归谁, 去哪, 找谁): the area is
# the story of the call, the duty asked is another unit's. Measured on the retired blind sets
# of rounds 2–23: of 8 requests where an area body says so and the caller asks where or whom,
# all 8 are led by a unit, none by the area; told without such a question, 11 of 16 are the
# area's own (社区搞防汛检查…找社区说不归他们管, 村委会说不管 the village's own road works):
# the area's own deed disputed, not read here. Its clinics (社区医院, 村卫生所) are no area body.
_AREA_BODY = (
    r"(?:镇上|镇里|镇政府|乡里|街道办|街道|社区|村里|村委会|村委|村上|村干部|村主任"
    r"|便民大厅|便民服务中心|政务大厅)(?!医院|卫生|医)"
)
_AREA_SAID = re.compile(
    rf"{_AREA_BODY}(?:的人|那边|工作人员|的工作人员)?[^。！？!?我俺]{{0,8}}?(?:说|讲|回复|答复|称)"
    r"[^。！？!?]{0,16}?(?:不归|不属于|不管|管不了|不负责|办不了|不给办|不办|开不了"
    r"|不是(?:他们|我们|镇里|村里|社区|街道)的|让(?:我|俺|我们)?(?:去|自己)?找|让(?:我|俺)?去)"
)
_WHERE_ASKED = re.compile(
    r"在哪|去哪|上哪|哪办|哪儿办|哪里办|归谁|找谁|谁管|谁给|谁负责|哪个部门|哪家|该找|是哪"
    r"|要(?:啥|什么)|(?:啥|什么)材料|(?:咋|怎么)办理"
)


def area_disclaimed(text: str) -> str:
    """The words where an area body says the matter is not its own, when the caller also
    asks where or to whom it goes; "" otherwise."""
    said = _AREA_SAID.search(text)
    return said.group(0) if said and _WHERE_ASKED.search(text) else ""


def past_area(
    text: str, alternatives: Iterable[Alternative], area_ids: Collection[str]
) -> str | None:
    """The first unit ranked after an area lead when the area disclaimed the matter
    (`area_disclaimed`); None when it did not or no unit is ranked."""
    if not area_disclaimed(text):
        return None
    return next((a.department for a in alternatives if a.department not in area_ids), None)
