"""A property company's own charge on a bill: the housing bureau's, not the utility's. No I/O.

Read like duty_object.py's objects (it lists them in `duty_objects`). A property company
that collects the water or heating fee and adds a charge of its own to it (单子上多了一行滞纳金
… 热力公司说他们没收 是物业自己加的; 每吨比自来水公司的价高了八毛 物业多收的; 物业每户多收了五十
块钱消杀费) is complained of for its fees, 物业服务收费 under the housing bureau's
supervision; the utility whose bill carries the charge is only the setting. Measured on the
retired blind sets of rounds 2–23, the dev sets and the seed corpus: the 3 requests that say
the property company added or overcharged are all labelled housing. Asked as a choice (是热力
公司收的还是物业自己加的) the caller does not know who added it, and the label is the utility's
(1 request): not read.
"""

from __future__ import annotations

import re

HOUSING_UNIT = "housing"
UTILITY_UNITS = ("water", "heating", "power", "gas")
_UTILITY = r"(?:自来水|供水|热力|供暖|供电|电业|燃气|煤气)(?:公司|局)?"
_OWN_CHARGE = re.compile(
    r"物业[^。！？，,]{0,6}?(?:自己加|另加|多收|多加|加收|私自加|擅自加|额外收|另收|多算)"
    rf"|(?:比|高于){_UTILITY}的?(?:价|收费|标准)[^。！？]{{0,4}}?(?:高|贵|多)"
)
_CHOICE = re.compile(r"还是$")
CHOICE_WINDOW = 4  # characters before the charge searched for a choice asked


def property_charge(text: str) -> str:
    """The words saying the property company added a charge of its own, told not asked;
    "" when none do."""
    for m in _OWN_CHARGE.finditer(text):
        if not _CHOICE.search(text[max(0, m.start() - CHOICE_WINDOW) : m.start()]):
            return m.group(0)
    return ""


def bill_readings(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """The property company's own charge as housing's object, the utilities its setting."""
    charge = property_charge(text)
    return [(HOUSING_UNIT, charge, UTILITY_UNITS)] if charge else []
