"""A written request that asks a plain question and demands nothing: a consult. No I/O.

The catalogue's consult: the caller wants to know something (a question: 怎么, 哪, 多少,
吗, 是不是, 有没有) and "本人没有要求谁纠正什么". A written request marks its questions
with ？, so a question can be told apart from the story around it wherever it stands — first
(工伤认定是不是只能在一年以内？ then the story), in the middle, or last. Not every ？ asks:
a rhetorical one charges someone (凭什么, 谁管, 到底…, 就这服务？, 这不是…吗, 能这么…吗), a
report's asks whether a wrong is one (这是违建吧？, 算不算, 有没有许可), and a help's asks for
someone to act (能不能派人, 来看看, 啥时候来电). A question that is none of these, in a
request with no demand (要求, 退, 赔, 处理, 查) and no call for help (派人, 来人, 帮), is the
consult's. Over the retired sets (rounds 2–23) 556 of 597 requests with such a question are
consults (written 486 of 511); the rest are grievances asked as questions (这钱该不该我出？).

A demand the caller asks about is no demand: 能要求赔吗？, 这两个我得去哪一块处理？, 住建局能
不能要求开发商给个书面日期？ ask whether or where one may be made. So the demand and the call
for help are looked for outside the questions' own clauses (the words from the last comma to
the ？), unless that clause asks someone to act (能否派人协助送医？ is help's). Over rounds
2–23 this reads 23 more requests, 19 of them consults (round 24: 2 of 2; dev 0 of 1).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.closing_question import ASKS_HELP, DEMAND

# A sentence that ends on a question mark (full or half width), without the mark before it.
_QUESTION = re.compile(r"[^。！!？?；;\n]*[？?]")
# A rhetorical question: a charge, a reason demanded, who is to answer for it, an echo of
# what was done (开个证明还要钱？), the report's "is this a wrong" (…吧？, 这不是…吗).
_RHETORICAL = re.compile(
    r"凭什么|凭啥|谁管|管不管|不管|有人管|没人管|谁负责|谁担|谁赔|谁出|找谁要|谁来|到底|就这|"
    r"这就是|难道|这叫|让人|让.{0,3}怎么|算什么|算啥|管什么|该有的|合适吗|对吗|像话|至于|"
    r"咋回事|怎么回事|为什么|为啥|干什么|什么理由|这是什么|怎么会|也算|还要|"
    r"不能.{0,12}吗|就.{0,8}吗|能这[样么]|这不是|不是.{0,12}吗|这是.{0,15}吗|"
    r"吧[？?]|算不算|有没有.{0,6}(?:许可|批|资质|执照)|呢[？?]$|钱.{0,3}哪|"
    r"怎么.{0,2}(?:放心|安心)"
)
# A question that asks someone to act (help's, or a suggestion's 能不能), or names a fault.
_ACT = re.compile(
    r"能不能|能否|可不可以|可以.{0,6}吗|派(?!出所)|来人|来看|来修|修修|给换|联系|帮|协调|催|拉走|"
    r"来电|来水|来暖|送|恢复|尽快|"
    # A fault guessed at (是不是管子堵了, 是不是表坏了): the catalogue's help 标志 "说一件东西
    # 坏了", or a bill's complaint; over the retired and seed sets 6 of 7 are not consults.
    r"是不是.{0,8}(?:坏|堵|毛病|漏)"
)
# A question's own clause: from the last comma (or sentence mark) to its ？.
_CLAUSE = re.compile(r"[^。！!？?；;\n，,：:]*[？?]")
_NOT_WORD = re.compile(r"[^\w]+")
# A strong question's weight (where/how-much closers have it too): it outweighs one weak
# grievance cue, not a demand's or a report's.
CONSULT_QUESTION_WEIGHT = 2.0


def information_question(text: str, compact: str) -> str:
    """The first plain question of `text` (as written, with its ？), without punctuation,
    or "" when it asks none or `compact` (the request normalised) demands something or
    asks for help outside the questions' own clauses (a demand asked about is none)."""
    if "?" not in text and "？" not in text:
        return ""
    told = compact
    for clause in _CLAUSE.findall(text):
        asked = _NOT_WORD.sub("", clause)
        if (DEMAND.search(asked) or ASKS_HELP.search(asked)) and _ACT.search(asked):
            return ""  # a demand or a call for help put as a question: 能否派人…？
        told = told.replace(asked, "") if asked else told
    if DEMAND.search(told) or ASKS_HELP.search(told):
        return ""
    for question in _QUESTION.findall(text):
        plain = _NOT_WORD.sub("", question)
        if plain and not _RHETORICAL.search(question) and not _ACT.search(question):
            return plain
    return ""
