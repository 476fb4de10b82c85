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

from hotline.ticketing.routing.roles import ADDRESSED_AS

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
