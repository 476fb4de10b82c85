"""An illness or an injury hidden by whoever is in charge: a report. No I/O.

A boss, a foreman, a kindergarten or a care home that keeps an illness or an accident from
the doctor, the parents or the authorities (不让往外说, 瞒着不往上报, 不让去医院, 不送医院,
园里不吱声, 也没报备) breaks the rule that such things be reported and treated; the caller
tells it — a worker of the dormitory, a nurse of the home, a parent — so that a body acts:
the catalogue's 举报 (不一定损害来电人本人), even where the caller is among those kept.

Counted on the retired labels of rounds 2–29 (the hiding within a request that tells an
illness, an injury or a fire, and asks no one to be sent to look at the sick): **24 of 28**
lines are reports, 3 complaints, 1 a suggestion (建议…别瞒着: the suggestion keeps its
share); rounds 26–29 8 of 8. The 3 complaints (r10_spoken:40, r14_spoken:155,
r25_written:63: a canteen's food, two parents' children's classes) are now read reports
in-sample. Asking someone to come and look (派人来看看, 能不能来人给查查) is help: 3 of 3
such lines, left out.

Counted and not built: a school, a kindergarten or a care home that did not tell the parents
or the family (没通知, 不告诉家属, 不跟家长说) with an illness told — complaints 21 of 25
(the caller's own child or parent served; 3 reports, 1 consult), yet round 29's 2 such lines
are reports (新来的孩子好几个出水痘 园里也没通知): rounds 2–28 complaints 21 of 23; the
illness dismissed (说是累的, 说是水土不服, 扛扛就好了) 6 reports of 15 (7 complaints).
"""

from __future__ import annotations

import re

# Kept from others or from care by the one in charge.
_HIDING = re.compile(
    r"瞒着|瞒报|隐瞒|捂着不|(?:不让|别|不许)(?:往外|跟[^，。！？\s]{0,4})说|(?:没|不)报备"
    r"|(?:不让|没|不)往上报|不吱声|不让(?:去|上)医院|不让看病|不送医院"
)
# What is hidden: an illness (one that spreads, mostly), an injury, a fire.
_HARM = re.compile(
    r"发烧|发热|高烧|烧了|咳嗽|疹|疥疮|吐|拉肚子|又拉|甲流|流感|诺如|水痘|腮腺炎|手足口|手组口"
    r"|病毒|传染|伤|着火|着了一回火|起火|死了"
)
# Someone asked to come and look at the sick: the help asked, not the breach reported.
_SENT_FOR = re.compile(r"派人|派个|来人|派医生|大夫来|医生来")


def harm_hidden(text: str) -> str:
    """The words telling an illness or injury hidden in `text` (compact), or "" when none is
    told, nothing harmful is told with it, or someone is asked to come and look."""
    hiding = _HIDING.search(text)
    if not hiding or not _HARM.search(text) or _SENT_FOR.search(text):
        return ""
    return hiding.group(0)
