"""A food business's kitchen overrun by vermin, seen by the caller: a report. No I/O.

Rats, cockroaches or flies in a restaurant's, a workshop's or a food stall's kitchen or on
its chopping board (后厨门口就是泔水桶 苍蝇嗡嗡的 耗子晚上出来溜达, 案板上爬蟑螂) tell a trade
breaking the food-hygiene rules so that a body inspects it: the catalogue's 举报, whoever
saw it. A meal the caller ate there (吃出个苍蝇, 吃完拉肚子) or money asked back (退钱, 免单)
makes it the caller's own grievance instead.

Counted on the retired labels, rounds 2–32 (a restaurant's kitchen, a workshop, a food
stall with rats, cockroaches or flies within a clause or two, no meal of the caller's and no
remedy told): **15 of 17** lines are reports (r3 to r30: r5_spoken:152, r18_spoken:112,
r28_written:111, r30_spoken:4, :17, r30_written:27 among them); the other 2 complaints are
both an institution's own kitchen — a care home's told to its head (r30_assist:20, 敬老院厨房
里有老鼠 … 跟院长说了他还不高兴) and a school canteen with a class ill (r30_assist:18) — and
an institution's kitchen is left out (食堂, 敬老院, 幼儿园 …: complaint 3 of 4 lines naming one
with vermin, the caller's own meal among them; what the institution serves the caller's child
or parent is its conduct toward them), so that the reading stands at 15 of 15. With the
caller's own meal or a remedy told the lines split 2 reports of 6 (4 complaints: 吃出个苍蝇
… 我要他退钱): not read. The swill alone (泔水 poured in a drain or left on the pavement) is
the street's, help or urban management, and is not a cue here; nor vermin in a rubbish
point or a basement (a service's failure: 24 of 69 lines naming vermin at all are reports,
35 %).

`kitchen_vermin` gives the words telling the kitchen and its vermin, or "". public_wrong.py
reads it as a public wrong (the complaint's and the help's shares to the report).
"""

from __future__ import annotations

import re

_KITCHEN = r"(?:后厨|操作间|作坊|案板|饭店|饭馆|烧烤|烤肉|熟食|小吃|夜宵店)"
_VERMIN = r"(?:耗子|老鼠|蟑螂|苍蝇)"
# The kitchen and the vermin within a clause or two, either order.
_KITCHEN_VERMIN = re.compile(
    rf"{_KITCHEN}[^。！？]{{0,30}}{_VERMIN}|{_VERMIN}[^。！？]{{0,20}}(?:后厨|操作间|案板)"
)
# The caller's own meal or purchase, or a remedy asked: the caller's grievance.
_OWN_MEAL = re.compile(r"吃出|吃完|吃了|买的|退钱|免单|赔")
# An institution's own kitchen (a school's canteen, a care home's): what it serves the
# caller's child or parent is its conduct toward them, the complaint's.
_INSTITUTION = re.compile(r"食堂|敬老院|养老院|幼儿园|学校|托育|托管")


def kitchen_vermin(text: str) -> str:
    """The words telling a food business's kitchen with vermin in `text` (compact), or ""
    when none is told, the caller tells their own meal there or asks a remedy, or the
    kitchen is an institution's."""
    if _OWN_MEAL.search(text) or _INSTITUTION.search(text):
        return ""
    found = _KITCHEN_VERMIN.search(text)
    return found.group(0) if found else ""
