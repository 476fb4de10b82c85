"""Old people lured by a gift, a lecture or a free check, then sold to: a report. No I/O.

A shop or a 'health lecture' that draws old people in with free eggs, noodles or oil, a talk,
or a free blood-pressure or bone check, and then sells them supplements, mattresses or pills
(天天送鸡蛋 … 卖那个保健品一盒三千多, 免费量血压 量完就说你血管堵了 推销上千块的药) is a
trade's false selling told so that a body stops it: the labels keep it a report whoever
lost by it (我妈已经花了一万二, 我老丈人都买了), unless the caller asks the money back
(能不能给退回来, 帮老人追回钱: the complaint's remedy, or help).

Counted on the retired labels, rounds 2–32 (the lure and a sale told, no money asked back):
15 of 16 lines read are reports (r6 to r32, all market supervision: r32_written:35, :58,
:76, r32_spoken:137, r32_assist:9 among them); the 16th a complaint, r27_spoken:101, a
free check the community itself arranged that turned out a sales pitch. The seed corpus
adds 1 complaint (讲座上花四千多买了个磁疗床垫 … 骗人的): 15 of 17, 88 %. With the money
asked back (退, 追回, 要回, 赔) the lines split complaint 4, help 1, report 0 (r5_assist:17,
r6_spoken:158, r8_spoken:61, r32_spoken:66; r20_spoken:111 help): not read. The unit is
left to the duty words (market supervision for all 15).

`sales_lure` gives the lure's words, or "". public_wrong.py reads it as a public wrong
(the complaint's and the help's shares to the report).
"""

from __future__ import annotations

import re

# The lure: a gift handed out, a lecture, or a free check (not 鸡蛋 bought, 买的鸡蛋, nor a
# village meeting, 开会的时候, nor a talk against fraud, 防诈骗讲座).
_LURE = re.compile(
    r"(?:送|发|领|白给|给)(?:了|点)?(?:鸡蛋|挂面|米|油|一桶油)|领一桶油|(?<!骗)讲座|讲课|听课|开会送"
    r"|免费(?:量血压|体检|理发|测[^，。！？]{0,3})"
)
# The sale, before the lure or after it (卖保健品的铺子 … 拿免费理发招老人).
_SALE = re.compile(r"卖|推销|买|花了|搭进去")
# The money asked back: the caller's remedy, the complaint's (or help's) mark.
_REMEDY = re.compile(r"退|追回|要回|赔")


def sales_lure(text: str) -> str:
    """The words of the lure (`_LURE`) when a sale is told and no money is asked back,
    or ""."""
    if _REMEDY.search(text):
        return ""
    lure = _LURE.search(text)
    if lure is None or _SALE.search(text) is None:
        return ""
    return lure.group(0)
