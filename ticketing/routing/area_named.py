"""The town or subdistrict called by its own name as the one to act. No I/O.

熊岳镇能不能派人来看看, 请芦屯镇政府组织调解, 海星街道社区能不能整个老年活动室, 红海街道通知每家
出一个人: the caller names the local government by its full name (熊岳镇, 望海街道 — not
the bare 熊岳 of an address, 熊岳那边山上) as the one that acts or is to act. Measured
on the retired blind sets of rounds 2–12: all 11 such requests are led by that town or
subdistrict. A notice the caller quotes from it (【红海街道港湾社区通知】, 【镇里公众号通知】)
is its act too, and a question about the notice is its own to answer; a property
company's notice (【转自小区通知】) is not (小区 is no level of government).

The area-matter phrases (村委会, 社区) asked to act are read elsewhere (area_roles.area_asked);
this reads the area's own name, which no phrase list holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from hotline.ticketing.routing.disclaimed import area_disclaimed

# After the full name: its office, then an ask or a deed of its own.
_ACTS_AFTER = re.compile(
    r"^(?:社区)?(?:政府|办事处)?(?:上|里|这边|那边)?"
    r"(?:能不能|能否|可不可以|给|帮|派人|来人|出面|招|组织|通知|管管)"
)
# A quoted notice whose issuer is a level of government.
_NOTICE = re.compile(r"【[^】]{0,16}?(?:镇|街道|社区|村)[^】]{0,16}?通知】")
# Full names only: a bare stem (熊岳) is mostly an address.
_FULL = re.compile(r"(?:镇|街道)$")
# The full name said as where the caller lives or is (我们住海星街道 能不能派人上门给认证一下,
# 我在望海街道 帮我找找车主): an address, and the ask after it is the hotline's, not the area's.
_LIVES_IN = re.compile(r"(?:住|住在|家在|我在|人在)$")


def area_named_acts(text: str, names: Iterable[str]) -> bool:
    """`text` (compact, no punctuation) calls the area by one of its full `names` as the
    one that acts or is to act."""
    for name in names:
        if not _FULL.search(name):
            continue
        for m in re.finditer(re.escape(name), text):
            if _LIVES_IN.search(text[max(0, m.start() - 2) : m.start()]):
                continue
            if _ACTS_AFTER.match(text[m.end() : m.end() + 12]):
                return True
    return False


# Told without brackets (海星街道社区的低保公示 贴在哪了, 村里土地流转分钱的名单 在哪能看着,
# 门上贴的那个街道通知 字太小): a list or notice the town, subdistrict, community or village
# posted is its own act, and a question about the paper itself (where it hangs, that it cannot
# be read or was never posted, what it shows wrongly, who is missing from it) its own to
# answer. Asked about its subject instead (a vaccine the notice offers, the burning it bans,
# officials' kin on a 低保 list), the labels split: not read. Measured on the retired blind sets
# of rounds 2–23: of 11 requests with such a paper and a question about it, 10 are labelled
# with the area and 1 with the unit that clears the ads covering it (the seed corpus: 2, both
# the area's). A property company's
# notice (物业贴通知) is no area's, nor a planning notice posted there (规划公示: the planning
# bureau's).
_POSTED = re.compile(
    r"(?:镇里|镇上|镇政府|街道办|街道|社区|村委会|村部|村里|村上|村)(?:的|里|上)?"
    r"(?:在[^。！？!?物]{0,8}?)?(?:贴|发|出|张贴|公布|公开)?(?:了|的|出来的)?(?:个|张)?"
    r"[^。！？!?物规]{0,8}?(?:公示|名单|公告|告示|通知)"
)
_ABOUT_THE_PAPER = re.compile(
    r"在哪|贴哪|哪能看|看不着|没看着|看不见|看不清|看不到|字太小|字小|写错|写的是|写着|打星号"
    r"|身份证号|念给|公开|没公示|不公示|公示出来|名单(?:上|里)(?:没有|没)"
)
ABOUT_WINDOW = 40  # characters after the paper searched for the question about it


def area_notice(raw: str) -> bool:
    """`raw` (punctuation kept) quotes a notice of a town, subdistrict, community or
    village, or asks about a list or notice it posted (`_POSTED`)."""
    if _NOTICE.search(raw):
        return True
    # Not where the area body said the matter is not its own (disclaimed.area_disclaimed).
    compact = raw.replace(" ", "")
    if area_disclaimed(compact):
        return False
    return any(
        _ABOUT_THE_PAPER.search(compact, m.start(), m.end() + ABOUT_WINDOW)
        for m in _POSTED.finditer(compact)
    )
