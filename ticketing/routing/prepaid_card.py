"""A shop's or a club's prepaid card whose money is lost or refused: the market regulator's.
No I/O.

A caller who bought a year's card at a gym, a swimming club, a beauty salon or a children's
early-learning centre, and finds the place shut, moved far away or under a new owner who
will not honour it, tells the trade as much as the card (早教中心, 游泳馆, 课时费); the
classifier follows the trade (an early-learning centre's 课时费 to education). The catalogue
gives 预付卡消费 (消费者权益保护) to the market regulator, whoever oversees the trade.

Counted on the retired labels of rounds 2–31 (round 31, childcare31): a card bought ahead
(年卡, 会员卡, 办了…卡, 充了…) told with its money refused or the business gone (退, 关门,
跑了, 装修, 搬, 联系不上), a utility's card left out (燃气卡, 表): market supervision 41 of 43
(95 %). The other two: wages owed by the same vanished owner (human resources, r5_assist:39:
the workers' matter, left out below) and an internet café's top-up card (culture and
tourism, r26_written:82, a consult; 网吧 is left out below). The reading below reads 47
retired lines, market supervision 47 of 47, and 5 seed-corpus lines, 5 of 5. Not read: a
training school's or a 补课班's fees paid ahead and lost, with no card (education 12 of 12
on the same rounds), and a 托育 centre's fees (health 2, market supervision 1: split).

Money paid ahead with no card (镶牙交了八千 … 现在诊所要关门 钱也不退, 交了两千定金 … 今年不干了,
付了全款一万二 … 厂家倒闭了) is the same consumer's loss: the classifier follows the trade (a
dentist's to health). Counted on rounds 2–35 (round 36, clinicprice36): a sum paid ahead
(交了, 预交, 付了 with an amount, a deposit or the full price) told with the business closed or
run off (关门, 倒闭, 跑路, 人去楼空, 不干了), with a school's or a training class's fees, wages,
a job's deposit, a lift's builders, rent and utilities left out: market supervision 7 of 7 in
six rounds (4, 10, 15, 17, 22, 34; three of them no card). Left out above: education 7 of 7
(a training class's or a study tour's fees), human resources 2 (wages; a job's deposit),
housing 1 (a lift's builders gone). On the seed corpus it reads 2 lines, market supervision 2.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import both_words
from hotline.ticketing.routing.reading import Reading

CARD_UNIT = "market_supervision"
# The trade's own overseers, whose words set the scene: the school-like class (education),
# the pool or the park (culture and tourism), the salon's or the pool's hygiene (health).
SCENE_UNITS = ("education", "culture_tourism", "health")

# A card bought ahead at a shop or a club, or money topped up on one.
_CARD = re.compile(
    r"年卡|次卡|季卡|会员卡|储值卡|充值卡|预付卡"
    r"|办(?:了|的)[^，。！？]{0,10}?卡|卡里[^，。！？]{0,4}?(?:还[剩有]|的钱|余额)"
    r"|充了[一两二三四五六七八九十百千万\d]+"
)
# Its money refused or the business gone: closed, run off, moved, under a new owner.
_LOST = re.compile(
    r"退|关门|跑了|跑路|卷钱|人没了|人去楼空|装修|搬到|停业|不认|联系不上|打不通|关机|找不着"
    r"|拉黑|不给[延顺]"
)
# Not a shop's card: a utility's meter card, a public card, wages, an internet café's card.
_NOT_A_SHOPS = re.compile(
    r"燃气|煤气|天然气|电卡|水卡|电费|水费|气费|表|医保|社保|公交|老年卡|银行|工资|网吧|饭卡"
)


def prepaid_card_lost(text: str) -> str:
    """The words telling a prepaid card's money refused or lost, or ""."""
    if _NOT_A_SHOPS.search(text):
        return ""
    return both_words(_CARD, _LOST, text)


# A sum paid ahead with no card: an amount, a deposit or the full price handed over.
_PAID_AHEAD = re.compile(
    r"(?:预交|预付|预存|交了|付了|交的|交过)[^，。！？,]{0,8}?"
    r"(?:[一两二三四五六七八九十百千万\d]{2,}|定金|订金|全款|钱)"
)
# The business that took it closed or run off.
_GONE = re.compile(r"关门|倒闭|跑路|跑了|人去楼空|卷钱|不干了")
# Another duty's money: a school's, a training class's or a study tour's fees (education),
# wages or a job's deposit (human resources), a lift's builders or rent (housing), a
# utility's or the insurer's.
_NOT_A_SHOPPERS = re.compile(
    r"培训|补课|辅导|学费|课|班|学校|研学|托育|托管|幼儿园|工资|工钱|员工|社保|入职|辞职|上班"
    r"|电梯|施工|房租|租房|房东|中介|燃气|煤气|天然气|电费|水费|气费|医保"
)


def paid_ahead_lost(text: str) -> str:
    """The words telling a sum paid ahead to a business that then closed or ran off (no
    school's fees, no wages, no rent), or ""."""
    if _NOT_A_SHOPPERS.search(text):
        return ""
    paid = _PAID_AHEAD.search(text)
    gone = _GONE.search(text)
    return f"{paid.group(0)}…{gone.group(0)}" if paid and gone else ""


def prepaid_card_readings(text: str) -> list[Reading]:
    """The market regulator over the trade's overseers, in `text` (compact)."""
    words = prepaid_card_lost(text) or paid_ahead_lost(text)
    return [(CARD_UNIT, words, SCENE_UNITS)] if words else []
