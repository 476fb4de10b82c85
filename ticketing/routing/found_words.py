"""The words a reading found, quoted back as its reason. No I/O.

The stated-duty readings (duty_winter.py, duty_trade.py, duty_act.py) each need one pattern or two
found together, and show the words they found beside the unit they name.
"""

from __future__ import annotations

import re

# A community, subdistrict or town named as the one that runs a thing (社区的歇脚点, 镇上装的
# 一键呼叫): the area's own matter, which a reading of a line unit's duty leaves alone.
AREA_RUN = re.compile(r"社区|街道|镇上|镇里")


def first_words(pattern: re.Pattern[str], text: str) -> str:
    """`pattern`'s first match in `text`, or ""."""
    found = pattern.search(text)
    return found.group(0) if found else ""


def both_words(first: re.Pattern[str], second: re.Pattern[str], text: str) -> str:
    """`first`'s and `second`'s words (`a…b`) where both are written, or ""."""
    one, two = first.search(text), second.search(text)
    return f"{one.group(0)}…{two.group(0)}" if one and two else ""
