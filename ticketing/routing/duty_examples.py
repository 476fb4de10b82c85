"""The catalogue's duty lists read as training examples for the unit classifier. No I/O.

A unit's `duties` (价格监督检查、食品安全、…、海水浴场与海上摩托等水上游乐项目) name the objects of
its work in the operators' own words; a request of a kind no labelled caller has made yet
often names one of them. Each duty item becomes one short example of its unit, so the
classifier meets every stated duty at least once. Areas have no duty list (their matters
are learned as one class from the corpus).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from hotline.ticketing.catalog import Unit

# Items are listed with 、 or ，; a bracket adds a narrower case (含台风后倒伏树木清理) or
# the kinds of an item (养老、失业、工伤): the bracket's text is an item of its own.
_ITEM_SPLIT = re.compile(r"[、，,；;]")
_BRACKET = re.compile(r"[（(]([^）)]*)[）)]")


def duty_items(duties: str) -> list[str]:
    """The items of one duty list: 社会保险（养老、失业、工伤） → 社会保险, 养老, 失业, 工伤."""
    inner = [m.group(1) for m in _BRACKET.finditer(duties)]
    outer = _BRACKET.sub("、", duties)
    items = [*_ITEM_SPLIT.split(outer), *(i for part in inner for i in _ITEM_SPLIT.split(part))]
    return [i.strip().removeprefix("含") for i in items if len(i.strip()) >= 2]


def duty_examples(units: Iterable[Unit], weight: float) -> list[tuple[str, str, None, float]]:
    """(item, unit id, no request type, `weight`) for every duty item of every unit."""
    return [(item, u.id, None, weight) for u in units for item in duty_items(u.duties)]
