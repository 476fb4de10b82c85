"""A request that asks whether something is fair or so, with nothing asked of anyone. No I/O.

The catalogue: 问“这样收费合不合理”而没有要求退还或处理，也是咨询. Where that question is
the caller's last words (…罚我五千 … 这么罚合理吗, 殡仪馆接一趟人两千四 这合不合理) the caller
wants the rule told, whatever grievance came before; a demand anywhere in the request
(要求退, 给个说法, 请…查一下, 管管) makes it the complaint the catalogue names. Over the
retired sets all 28 requests whose last words are such a question are consults (dev and
seed sets 10 of 12); 25 of them (dev and seed 7 of 9) demand nothing and are read.
"""

from __future__ import annotations

import re

# The fairness or lawfulness question as the request's last words (the text is compact:
# punctuation and spaces dropped).
# Not 合法吗 (closing 2 consults and 1 report, and a weak cue on purpose: config/routing.yaml)
# nor 对吗 (1 consult, 1 complaint).
_CLOSING = re.compile(r"(?:合理吗|合不合理|该不该罚|能这么罚吗)$")
# A demand of anyone: a refund, compensation, an answer, action or an inspection asked
# for (查查, 来查; not 检查, the inspection that set the fine).
DEMAND = re.compile(r"要求|退|赔|给个说法|处理|管管|查一|查查|去查|来查|调查|查处")
# A question of where or how much as the last words (我到底上哪看, 这让我关哪个阀门啊, 到底
# 多少吨): over the retired sets, without a demand or a call for help (派人, 来人, 帮), 144
# of 155 requests ending on 哪 and 65 of 68 ending on 多少 are consults (dev and seed 69 of
# 76, 25 of 26). Not 哪儿都是 (everywhere), no question.
_CLOSING_WHERE = re.compile(
    r"(?:(?:上哪|去哪|哪个|在哪|哪儿|哪里)(?!儿?都是)|多少)[^哪多]{0,6}?[啊呀呢]?$"
)
ASKS_HELP = re.compile(r"派人|来人|帮")
# A whether-question said as verb-not-verb (要不要交, 算不算工伤, 会不会推迟, 还上不上课):
# the caller asks what holds or will happen. Over the retired, dev and seed sets, without
# a demand or a call for help, about 220 of 250 such requests are consults; not 能不能 (a
# request: 能不能派人 is help or a suggestion as often), 是不是 (a charge as often: 是不是
# 不想管了) nor 管不管 (a demand to act: 你们管不管), which split or go the other way; nor
# 爱…不… (爱坐不坐, 爱买不买: "take it or leave it", a rude answer quoted, no question).
_WHETHER = re.compile(r"(?<!爱)([\u4e00-\u9fff])不\1")
_WHETHER_NOT = frozenset("能是管不")
CONSULT = "consult"
# The consult cue's weight: a strong question's (怎么办理, 请问), so that it outweighs
# the grievance told before the question.
CLOSING_WEIGHT = 3.0
# The where/how-much closer's: weaker, it closes help and complaints now and then.
CLOSING_WHERE_WEIGHT = 2.0
# The whether-question's: a hint, said anywhere in the request.
WHETHER_WEIGHT = 1.0


def closing_fairness_question(text: str) -> str:
    """The closing question (compact text), or "" when the request does not end on one
    or demands something."""
    found = _CLOSING.search(text)
    if found is None or DEMAND.search(text):
        return ""
    return found.group(0)


def closing_where_question(text: str) -> str:
    """The closing where/how-much question (compact text), or "" when the request does
    not end on one, or demands something or asks for help."""
    found = _CLOSING_WHERE.search(text)
    if found is None or DEMAND.search(text) or ASKS_HELP.search(text):
        return ""
    return found.group(0)


def whether_question(text: str) -> str:
    """The first verb-not-verb question (compact text: 要不要, 会不会), or "" when there is
    none but 能不能, 是不是, 管不管, or the request demands something or asks for help."""
    if DEMAND.search(text) or ASKS_HELP.search(text):
        return ""
    for found in _WHETHER.finditer(text):
        if found.group(1) not in _WHETHER_NOT:
            return found.group(0)
    return ""
