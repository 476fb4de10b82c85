"""A public wrong of a kind the labels keep as a report, whoever tells it. No I/O.

The catalogue's 举报 tells of someone's violation so that a body acts on it (不一定损害来电人
本人); the 投诉 is the caller's own grievance against a service. Some kinds of act are a
wrong to the public however the caller tells them — a neighbour kept awake, the caller's
grandson let in, the caller's grandmother's card swiped — and the retired labels keep them
reports. Counted on rounds 2–27 (N of M lines telling the act, labelled report):

- gambling for stakes, the game and its money told (打麻将 有输有赢, 推牌九 一宿输赢好几千,
  带彩, 带钱, 耍钱, or the money lost at it: 推牌九 … 输了两万多): 20 of 22
  (2 complaints: the caller's flatmates' smoke, and 楼上…打麻将…还带钱的 … 我去敲门他还
  骂我 — the noise the caller's own; with 我孙子 … 老板还骂我们 a report, no reading
  tells them apart); the game told with money lost (输了两万多, 输光 within 30
  characters), rounds 2–28: 3 of 3 reports, two of them read before by their stake
  (赌得很大, 输赢很大), the third r28_spoken:91 (推牌九 … 我家那口子输了两万多);
- a medical-insurance card swiped for goods or cash, or someone else's card used (医保卡
  刷米面油, 给换鸡蛋, 刷了不给药, 拿别人的医保卡), a card refused to the caller left out
  (刷不了: the caller's own service): 35 of 36 (the 36th a consult: 这样合理吗);
- minors let into an internet café, or its IDs not checked (网吧 让小孩进, 初中生 包宿, 我孙子才
  十四 … 网吧也不看身份证): 33 of 33;
- a teacher's own paid classes (老师 周末在家收钱补课, 在职老师 办补课班 一个月八百):
  13 of 13 (a class promised to the caller's child and not held is not one: a complaint);
- expired goods relabelled (撕了标签 重新贴日期, 改了日期卖, 贴了两层标签): 5 of 5 (read since
  round 33 in goods_doctored.py with the other doctored goods, 10 of 11);
- a load-bearing wall broken through (把承重墙给砸了, 承重墙开了个大门洞): 6 of 6.

Counted and not built (below 80 %, or wider than the kind): asking that the act be stopped or
checked — 查查/查一查 122 of 219 reports (56 %), 管管 38 of 121 (31 %), 管不管 6 of 52 (12 %; 42
complaints: a service failing the caller, 你们到底管不管), 查处 46 of 70 (66 %); 网吧 at all 35
of 40, the 5 others the café's own noise or a question; 医保卡 at all 55 of 79 (70 %); 补课 at
all 20 of 31; 麻将 at all 23 of 27, the game alone being the neighbours' noise (built only with
its stake); an e-bike charged in the stairwell or a flying wire 19 of 30 (63 %; 7 help: 把线给
掐了); goods with no label or maker (三无, 一个字都没有) 8 of 14 (57 %; 3 suggestions, 3
complaints); touts and unlicensed cabs at a station or hospital (拉客, 殡葬, 号贩子) 21 of 29
(72 %); a pavement taken (人行道 … 占/划) 10 of 23 (43 %). Asking a remedy for oneself (退钱,
退费, 赔) goes with the complaint: 130 of 155, 1 report.

`public_wrong` gives the words of such an act, or "" — also where the violator refused the
caller a remedy (violation_told.py: then the caller was done a wrong, the complaint's 标志).
Two breaches read in their own modules count as such wrongs (round 30): a trade carried on
without its permit or inspection (permit_missing.py, 33 of 35 reports) and an illness or
injury hidden by whoever is in charge (harm_hidden.py, 24 of 28 reports); and one more in
round 31: farmland dug up or built on, or sand dug (land_taken.py, 65 of 68 reports).
Round 33 adds goods doctored by their seller (goods_doctored.py, 10 of 11 reports, the
relabelled dates among them; a fake sold, 11 of 11) and a food business's kitchen overrun by
vermin (kitchen_vermin.py, 15 of 15, an institution's own kitchen left out). Round 34 adds a
danger to others told (danger_told.py: an accident foreseen, 出了事谁负责, 17 of 18; safety
gear missing, 没人戴安全帽, 救生衣都没有, 28 of 35; 46 of 46 with the caller's own harm, a
remedy, a suggestion or a question left out).

`toward_report` moves the complaint's and the help's shares to the report: of the 115 lines
read on rounds 2–27 (the refusals left out) 112 are reports, 2 complaints, 1 a consult, none
help; on the dev and hold-out sets 12 of 12 are reports.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from hotline.ticketing.routing.danger_told import danger_told
from hotline.ticketing.routing.goods_doctored import goods_doctored
from hotline.ticketing.routing.harm_hidden import harm_hidden
from hotline.ticketing.routing.kitchen_vermin import kitchen_vermin
from hotline.ticketing.routing.land_taken import land_taken
from hotline.ticketing.routing.permit_missing import permit_missing
from hotline.ticketing.routing.sales_lure import sales_lure
from hotline.ticketing.routing.type_shares import shares_moved
from hotline.ticketing.routing.violation_told import remedy_refused

REPORT = "report"
MOVED_TO_REPORT = ("complaint", "help")

_GAME = r"(?:打麻将|打牌|麻将|牌九|斗地主|扎金花|推筒子)"
_MONEY = r"(?:输赢|输有赢|玩钱|耍钱|带彩|带钱|来钱|彩头|下注|押注)"
# The money lost at the game (输了两万多, 把过年钱都输光了): what was staked, told by its
# loser's family; not a drip (输了液, 输了三天水).
_LOST = r"(?:输(?:了|掉)[^，。！？\s]{0,6}?(?:钱|[万千百块]|家底)|输光)"
_STAKE = rf"(?:{_MONEY}|抽水|抽成|赌|{_LOST})"
# Gambling told by its stake, the game and the money within a clause or two.
_GAMBLING = re.compile(rf"{_GAME}.{{0,30}}{_STAKE}|{_MONEY}.{{0,30}}{_GAME}")
# A medical-insurance card swiped for what is not medicine, or someone else's card used.
# 啥药也没 is read as the router sees it too: the speech rewrite makes 啥 什么 (round 33:
# r32_spoken:30, 把医保卡拿去刷了 啥药也没给, was missed held out).
_CARD_FRAUD = re.compile(
    r"医保卡.{0,25}(?:刷|换|给).{0,25}(?:米|面|油|洗|鸡蛋|现金|生活用品|保健品|日用品|年货|奶粉"
    r"|卫生纸|不给药|不给拿药|没拿|(?:啥|什么)药(?:也|都)没)"
    r"|(?:别人|人家|村民|老人|老头老太太)的医保卡"
)
_CARD_REFUSED = re.compile(r"刷不了|不能刷|不给刷")
# A minor in an internet café: the café near an age, a pupil, or an ID not checked.
_MINOR = r"(?:未成年|小孩|孩子|学生|十[二三四五六七]岁?|初[一二三]|小学)"
_MINOR_IN_CAFE = re.compile(rf"网吧.{{0,40}}(?:{_MINOR}|身份证)|{_MINOR}.{{0,40}}网吧")
# A teacher's own paid classes: at home or in the holidays, or the fee told (一节课一百五,
# 每人收两千) — not a class promised and not held (说好给补课 一节都没补).
_PAID_CLASSES = re.compile(
    r"(?:老师|班主任|在职).{0,20}(?:在家|家里|自己家|他家|她家|寒假|暑假|周末).{0,10}"
    r"(?:补课|补习|辅导班|开班|办班)"
    r"|收钱补课|有偿补课"
    r"|(?:老师|班主任)[^。！？]{0,30}(?:补课|补习)班?[^，。！？]{0,12}"
    r"(?:收|一节课?|一个月|每人|一人|一个孩子)[^，。！？]{0,3}[一两二三四五六七八九十百千\d]"
)

# A load-bearing wall broken through: the whole building endangered.
_WALL_BROKEN = re.compile(r"承重墙.{0,6}?(?:砸|拆|开|打|凿|掏|动)|(?:砸|拆|凿|掏|打通).{0,8}承重墙")
_READINGS = (_GAMBLING, _MINOR_IN_CAFE, _PAID_CLASSES, _WALL_BROKEN)


def public_wrong(text: str) -> str:
    """The words telling a public wrong of a kind above in `text` (compact), or "" when
    none is told or the caller tells a remedy refused them."""
    if remedy_refused(text):
        return ""
    for reading in _READINGS:
        if found := reading.search(text):
            return found.group(0)
    if (card := _CARD_FRAUD.search(text)) and not _CARD_REFUSED.search(text):
        return card.group(0)
    # A third party's breach of its trade's or the health rules (round 30); farmland dug
    # up or built on, sand dug (land_taken.py, round 31); old people lured and sold to
    # (sales_lure.py, round 32); goods doctored by their seller (goods_doctored.py, with the
    # relabelled dates), a food kitchen with vermin (kitchen_vermin.py, round 33); an
    # accident foreseen or safety gear missing (danger_told.py, round 34).
    return (
        permit_missing(text)
        or harm_hidden(text)
        or land_taken(text)
        or sales_lure(text)
        or goods_doctored(text)
        or kitchen_vermin(text)
        or danger_told(text)
    )


def toward_report(shares: Mapping[str, float]) -> dict[str, float]:
    """`shares` (cue scores or probabilities by type) with the complaint's and the help's
    whole shares moved to the report; the consult and the suggestion keep theirs."""
    return shares_moved(shares, MOVED_TO_REPORT, REPORT)
