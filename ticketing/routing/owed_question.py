"""A request that asks whether a payment is owed, or to whom, and demands nothing else. No I/O.

The catalogue's consult: 问“这样收费合不合理”而没有要求退还或处理，也是咨询. A caller told of
a charge often asks the rule in other words than 合理吗, anywhere in the request:
- whether it is owed: 该不该交, 该不该我出, 热力公司该不该赔, 要不要交钱;
- to whom: 这钱是该交给谁的, 水费到底该交给谁, 该谁出;
- whether one must pay on: 还用接着交不, 一楼也要交吗, 这个钱必须交吗;
- whether a reckoning is right: 这么算对不对, 这样收合不合理;
- what the money is: 这是啥钱.
The demand words inside the question are asked about, not made (该不该赔 asks whether
compensation is owed), so a demand or a call for help is looked for only in the rest of
the request; a demand there (要求退回来, 给查查, 给个说法) keeps the complaint or report.
A fee's or a person's name is no demand (垃圾处理费, 退休的). Over the retired sets of rounds
2–26, with no demand outside the question, 30 of 32 requests read so are consults (94 %;
rounds 2–22 15 of 16, rounds 23–26 15 of 16; the two complaints 这钱该不该我出？这是村里硬
摊派！ and a 滞纳金 asked about). With a demand outside it, 5 of 9 are consults (complaints
3, a report): not read. Not 给谁 alone nor 交给谁了 (钱给谁了, 先给谁家: who received the
money, complaints 3 and a help), nor 凭啥 / 凭什么 (a charge demanded a reason: 35 of 35
complaints), nor 能不能要回来 (complaints 2 of 3).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.closing_question import ASKS_HELP, DEMAND

# Compact text (punctuation and spaces dropped).
_OWED = re.compile(
    # whether it is owed (the payer may be named between: 该不该我出, 该不该老百姓出)
    r"(?:该不该|应不应该|用不用|要不要|得不得)[我咱们老百姓业主个人家]{0,4}(?:再|接着|还|继续)?"
    r"(?:交|出|付|掏|赔|收|扣|承担)"
    # to whom (not 钱交给谁了: where money paid went)
    r"|交给谁(?!了)|该谁(?:出|交|掏|付|收)"
    # whether one must pay (on): 要交吗, 还用接着交不 — not 得交不少钱 ("not a little")
    r"|(?:用|得|该|需要|必须|要)(?:接着|继续|再)?(?:交|出|付|掏)"
    r"(?:吗|嘛|(?:不|没)(?![少了起上到出完清齐够多动]))"
    # whether a reckoning is right
    r"|(?:这么|这样)(?:算|收|扣|罚|交)的?(?:对不对|对吗|合理吗|合不合理|行吗)"
    # what the money is
    r"|是(?:啥|什么)(?:钱|费)"
)
# Words that hold a demand's character but name a fee or a person (垃圾处理费, 退休的): no demand.
_NOT_DEMAND = re.compile(r"处理费|退休|退役|退伍")
CONSULT = "consult"
# A strong question's weight (the closing fairness question's, closing_question.py): it
# outweighs the grievance told before the question.
OWED_QUESTION_WEIGHT = 3.0


def owed_question(text: str) -> str:
    """The question whether a payment is owed, or to whom (compact text), or "" when the
    request asks none, or demands something or asks for help outside that question."""
    found = _OWED.search(text)
    if found is None:
        return ""
    rest = _NOT_DEMAND.sub("", f"{text[: found.start()]}|{text[found.end() :]}")
    if DEMAND.search(rest) or ASKS_HELP.search(rest):
        return ""
    return found.group(0)
