"""Whether a request names its town, community or village as a body to act. No I/O.

`area_acts`: the area body acts or failed to (请镇里…, 村里也不管, 村干部说…): 属地协办 needs
the town as an actor, not as where the matter is (村里那条道, 社区门口). `area_asked`: the area
body itself is asked to act (村里能不能给送点煤), so it may lead. Both read the written
area-matter phrases (`roles.written_spans`) with the words around each mention, as `roles` does
for units.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from hotline.ticketing.routing.roles import (
    ADDRESSED_AS,
    ASK_AFTER,
    LIGHT_WORD,
    PLACE_AFTER,
    SIDE_AFTER,
    written_spans,
)
from hotline.ticketing.routing.rules import Hit

# 属地协办 needs the town, community or village as an actor, not as where the matter is
# (村里那条道, 社区门口, 村里的井): a mention that is asked (请镇里…, 社区给照应照应, 村里也麻烦…,
# 社区也来个人), offers to help (村里也可以帮着看着, 村里愿意配合), is reported inactive or
# disputing (村里也不管, 村委会说…), or names its officials (村干部, 村委会).
_AREA_ACTS_AFTER = re.compile(
    r"^(的人|的工作人员|那边|里)?(也|都|又|还|就|根本)?(可以|能|愿意|得)?"
    r"(不管|没人管|不动弹|不作为|不理|不给|不让|没来|没人|给|帮|出面|协调|组织|管管|派人|来人"
    r"|来个人|麻烦|配合|说|讲|回复|答复|表示|电话)"
)
_AREA_ACTS_BEFORE = re.compile(r"(请|找|求|希望|要求|恳请)$")
_OFFICIALS = re.compile(r"干部|村委|委会|书记|主任|网格员|工作人员")


def area_acts(text: str, hits: Iterable[Hit]) -> bool:
    """Some written area-matter phrase of weight `LIGHT_WORD` or more names the town,
    community or village as one that is to act or failed to."""
    for a, b, weight in written_spans(hits, text):
        if weight < LIGHT_WORD or PLACE_AFTER.match(text[b : b + 12]):
            continue
        after = text[b : b + 12]
        if (
            _OFFICIALS.search(text[a:b])
            or ASK_AFTER.match(after)
            or SIDE_AFTER.match(after)
            or _AREA_ACTS_AFTER.match(after)
            or _AREA_ACTS_BEFORE.search(text[max(0, a - 4) : a])
        ):
            return True
    return False


# The town, community or village itself asked to act (村里能不能给送点煤, 社区能不能来个人,
# 请社区帮忙协调解决, 村里给换换吧, 这个证明社区能开吗): the caller wants the area to act,
# whatever unit's duty the matter also touches. Narrower than `area_acts`: an ask, not a
# report that it failed. Its people addressed to judge a quarrel between neighbours (社区的
# 同志给评评理; round 26, neighbours26): the area leads on 3 of 3 retired and 2 of 2 seed and
# dev lines, whatever the quarrel's words (油烟, 漏水) vote for.
_AREA_ASKED_AFTER = re.compile(
    r"^(的人|的工作人员|的同志|那边|里)?(能不能|能否|可不可以|帮忙|帮帮|帮着|出面|派人|派个人|来人|来个人"
    r"|管管|想想办法|协调|给评评?理|评评?理|给[^\s]{1,4}?(吧|呗)|能[开办给][^\s]{0,3}?吗)"
)
# The ask word may stand before the town's or subdistrict's name (建议海星街道社区办个…, 麻烦
# 社区派个人): a suggestion or a favour asked of the body is an ask to act.
_AREA_ASKED_BEFORE = re.compile(r"(请|恳请|希望|要求|求求|麻烦|建议)([^\s请]{2,3}(镇|街道))?$")
AREA_ASK_WINDOW = 10  # characters before a mention searched for the ask word
# The mention says where the caller is or cannot get to (我在红旗这边村里 能不能来人给看看,
# 去不了镇上 能不能派人下来): a place, whatever ask follows it. Round 25, from r24's two
# health requests led by the town; on rounds 2–24 only those two lines read so.
_AREA_AT_BEFORE = re.compile(
    r"(?:(?<![现正实存])在|(?<![出上进下不过])去|去不了|到不了|回不去)"
    r"(?:[^\s在去]{2,3}(?:这边|那边|这块|那块))?$"
)
# Words that name the town or village body itself, too light to score a local matter (去镇上
# 卫生院 says where) but asked, the body to act (让镇上管管, 镇上能不能派人撒点沙子).
_AREA_BODIES = frozenset({"镇上", "乡里"})
# The area word naming a clinic, not the area's body (请社区卫生服务中心的大夫上门, 找社区医生):
# the clinic is asked, health's (round 34, care34: r34_spoken:102 went to the subdistrict).
_CLINIC_AFTER = re.compile(r"^(?:卫生|医院|医生|大夫|诊所|卫生站)")


def area_asked(text: str, hits: Iterable[Hit], lead: str) -> bool:
    """Some written area-matter phrase of weight `LIGHT_WORD` or more is asked to act,
    and the lead unit is not named by its own name (请镇里和应急部门赶紧派人来: the unit
    asked along with the town leads, the town assists)."""
    if any(name in text for name in ADDRESSED_AS.get(lead, ())):
        return False
    return any(
        (weight >= LIGHT_WORD or text[a:b] in _AREA_BODIES)
        and not _CLINIC_AFTER.match(text[b : b + 3])
        and not _AREA_AT_BEFORE.search(text[max(0, a - AREA_ASK_WINDOW) : a])
        and (
            _AREA_ASKED_AFTER.match(text[b : b + 12])
            or _AREA_ASKED_BEFORE.search(text[max(0, a - AREA_ASK_WINDOW) : a])
        )
        for a, b, weight in written_spans(hits, text)
    )
