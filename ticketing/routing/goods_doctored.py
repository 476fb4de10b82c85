"""Goods doctored by their seller — a date changed, water or filler added, a fake: a report.
No I/O.

The catalogue's 举报 tells of someone's violation so that a body stops it (不一定损害来电人
本人). Goods the seller has tampered with — an expiry date changed or stuck on anew (改了日期,
日期让人给改了, 撕了标签 重新贴日期), meat or produce weighted with water or filler (注水, 掺水,
注胶), or goods said to be counterfeit and shoddy (假冒伪劣) — tell a trade's fraud on every
buyer, and the labels keep them reports even where the caller's own child drank the milk
(我家孩子喝完吐了) or the caller bought the chicken.

Counted on the retired labels, rounds 2–32: **10 of 11** lines telling such goods are
reports (the relabelled dates read before in public_wrong.py 5 of 5; a date changed said
the other way round, 日期…改, r31_spoken:134, r31_written:101; 注水 r30_spoken:28; 假冒伪劣
r31_written:67); the 11th a complaint, r9_spoken:18 (速冻饺子 … 日期改过的 找超市他说不是他
们贴的: the caller's own purchase and the shop's denial to them). Not counted in: 过期 alone,
a product found out of date (report 20 of 73, 27 %: the caller's own purchase, a complaint
32), nor 假 at large (report 20 of 46, 43 %: a fake seed or fertiliser bought, 12
complaints; 真的假的, 12 consults).

A fake sold (卖假化肥, 兽药店卖的驱虫药是假的, 假药, 假货) is read too where the caller tells no
purchase or remedy of their own (买的, 买了, 进了, 退, 赔): **11 of 11** such lines are
reports (r2 to r32: r26_written:83, r30_written:53, r32_assist:8); with the caller's own
purchase or a remedy told they split 3 reports, 2 complaints (买的隔离霜是假货 … 我要求退一赔
三); and the caller's own fake purchase said plainly (买的化肥是假的) is the complaint's, 6 of
6 lines, which the fake words do not match.

`goods_doctored` gives the words telling the tampering or the fake, or "". public_wrong.py
reads it as a public wrong (the complaint's and the help's shares to the report).
"""

from __future__ import annotations

import re

# A date changed or stuck on anew, the old label torn off, two labels one over the other —
# either order (改了日期, 日期让人给改了, 日期有涂改) — not a product found expired (过期 alone).
_DATE_CHANGED = re.compile(
    r"(?:重新贴|贴上?新|改了?)(?:个|上)?(?:新的?)?(?:生产)?日期|撕了?(?:原来的)?标签|两层标签"
    r"|日期[^，。！？]{0,5}(?:改|涂改)"
)
# Water or filler added to weigh the goods, or goods said to be counterfeit and shoddy.
_ADULTERATED = re.compile(r"注水|注了水|掺水|掺了水|注胶|掺假|假冒伪劣")


# A fake sold, said of the seller's goods; read only where the caller tells no purchase or
# remedy of their own (_OWN_PURCHASE: then the labels split).
_FAKE_SOLD = re.compile(r"卖假|卖的[^，。！？]{0,10}是假|假药|假货|假冒")
_OWN_PURCHASE = re.compile(r"买的|买了|买回|进了|退|赔")


def goods_doctored(text: str) -> str:
    """The words telling goods doctored by their seller, or a fake sold with no purchase of
    the caller's told, in `text` (compact), or ""."""
    found = _DATE_CHANGED.search(text) or _ADULTERATED.search(text)
    if found is None and not _OWN_PURCHASE.search(text):
        found = _FAKE_SOLD.search(text)
    return found.group(0) if found else ""
