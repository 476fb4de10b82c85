"""The words a reading found, quoted back as its reason. No I/O.

The stated-duty readings (duty_winter.py, duty_trade.py) each need one pattern or two
found together, and show the words they found beside the unit they name.
"""

from __future__ import annotations

import re


def first_words(pattern: re.Pattern[str], text: str) -> str:
    """`pattern`'s first match in `text`, or ""."""
    found = pattern.search(text)
    return found.group(0) if found else ""


def both_words(first: re.Pattern[str], second: re.Pattern[str], text: str) -> str:
    """`first`'s and `second`'s words (`a…b`) where both are written, or ""."""
    one, two = first.search(text), second.search(text)
    return f"{one.group(0)}…{two.group(0)}" if one and two else ""
