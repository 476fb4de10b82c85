"""The caller asks the town, subdistrict, community or village itself to act. No I/O.

让镇上管管这个会计, 能不能让社区给他送送饭, 麻烦村委会派人来疏通: the caller has said who is
to act, and it is the local government (属地), whatever county department's duty the
matter also touches. Measured on the retired blind sets of rounds 2–10: of the 22
requests with such an ask, all 22 are led by that town or subdistrict (one with a
county department assisting). A suggestion that leads with a department instead is
then likely wrong, so automatic dispatch holds it back (auto.HOLDS "area_asked").

Narrower than the lead's own reading (area_roles.area_asked), which needs an area-matter
phrase and a recognised place: this reads the ask alone, in every spoken form (让, 叫,
找 as well as 请), and only decides that a person must look.
"""

from __future__ import annotations

import re

# An ask word, the area as an actor (not as where: 社区门口, 村里那条道), then what it is to
# do. A report that the area failed (找社区也不管) has no deed right after the area.
# The deed may follow a modal or an adverb of haste (最好村里能派人在那看着点, 让村里也派人,
# 麻烦社区赶紧派人, 恳请村里尽快派人; round 16, from r14_assist 33, sent out to the
# emergency bureau alone): on every retired, seed and dev text the six requests written so
# and not read before are led by that area or have it assist.
_AREA_ASKED = re.compile(
    r"(?:让|叫|请|找|要求|希望|麻烦|求|恳请|最好)(?:咱|咱们|我们|俺们)?"
    r"(?:镇上|镇里|镇政府|街道办|街道|社区|村里|村委会|村上|乡里)(?:的人|的工作人员)?"
    r"(?:能|能不能|可以|赶紧|尽快|也)?"
    r"(?:给|帮|管|出面|来人|派人|来个人|协调|想办法|处理|解决|调解)"
)


def area_asked_words(text: str) -> str:
    """The words asking the town, subdistrict, community or village to act; "" if none."""
    found = _AREA_ASKED.search(text)
    return found.group(0) if found else ""
