"""A danger to others told: an accident foreseen, or safety gear missing. No I/O.

The catalogue's 举报 tells of someone's violation so that a body acts on it (不一定损害来电人
本人); a danger left by whoever is in charge — a port crane's brakes that fail, a gondola's
frayed rope, a boat whose life jackets were taken off, a site where no one wears a helmet — is
such a wrong even where the caller works there and is among those endangered (我手底下十来个
人 出了事谁担得起; 船上八个人就两件 心里没底). The classifier reads the worker's own voice as a
complaint: held out on rounds 31–33 the type's largest confusion is a report read as a
complaint (26 lines), these among them.

Counted on the retired labels of rounds 2–33 (N of M lines telling the danger, labelled
report):

- an accident foreseen, said as the caller's fear of what will come (早晚得出事, 迟早出事,
  出了事谁负责 / 谁管 / 谁担得起, 万一出事, 真出点事, 出事就是大事): 17 of 18, over 14 rounds;
  the 18th (r31_written:9, a complaint) is the caller's own child vaccinated without consent
  (我们孩子 … 万一出事谁负责), left out as the caller's own below;
- safety gear missing or not worn (不戴安全帽, 安全带也不系, 救生衣都没有, 没有救生员, 一点防护
  没有, 什么防护都没有): 28 of 35 over 17 rounds (round 33 9 of 9); the 5 complaints are all
  the caller's own child or the caller hurt and a remedy asked (我家孩子 … 撞到树上 医药费,
  孩子差点甩下去, 工伤也不给报, 要求退费), the suggestion says 建议, the consult asks where a
  hospital is (问一下). With those left out (below): 28 of 29.

Left out (the caller's own harm, the complaint's 标志, or another type's): the caller's own
child (我家孩子, 我孩子, 我们孩子, 孩子差点), an injury or a remedy asked (工伤, 退费, 退钱,
医药费, 赔), a suggestion (建议), a question (问一下).

Counted and not built (below 80 %): a vehicle overloaded (超员, 超载, 塞了十几个人) 8 of 14
reports (a driver fined, a school bus the caller's child rides: complaints); fear alone (怕着火,
怕出事, 心里没底, 隐患) 18 of 42 (help 12: 派人来看看; complaints 10: a charger refused 怕着火);
told the one in charge in vain (跟老板说了好几回) 4 of 37 (28 complaints: the caller's own
nuisance).

`danger_told` gives the words of the danger, or ""; public_wrong.py reads it as a public wrong
(the complaint's and the help's shares move to the report).
"""

from __future__ import annotations

import re

# An accident foreseen: the caller's fear of what the danger will bring.
_FORESEEN = re.compile(
    r"(?:早晚|迟早)(?:得|会|要)?出(?:事|人命)"
    r"|出(?:了|点)?事(?:了)?谁(?:负责|管|担)"
    r"|万一出(?:了)?事|真出(?:点)?事|出事就是大事"
)
_GEAR = r"(?:安全帽|安全绳|安全带|救生衣|救生员|防护)"
# Safety gear missing, taken off or not worn.
_GEAR_MISSING = re.compile(
    rf"(?:没有?|不戴|不系|不发|不给穿|不穿|全卸|都没|一点)[^，。！？]{{0,6}}?{_GEAR}"
    rf"|(?:什么|啥){_GEAR}(?:都|也)没"
    rf"|{_GEAR}[^，。！？]{{0,6}}?(?:都没|没有|没人|不戴|不系|卸了|全卸|就两件|就一根)"
)
# The caller's own child or the caller hurt, a remedy asked, a suggestion or a question.
_OWN_OR_OTHER = re.compile(
    r"我家孩子|我孩子|我们孩子|孩子差点|工伤|退费|退钱|医药费|赔|建议|问一下"
)


def danger_told(text: str) -> str:
    """The words telling an accident foreseen or safety gear missing in `text` (compact),
    or "" when none is told or the caller's own harm, a remedy, a suggestion or a question
    is."""
    if _OWN_OR_OTHER.search(text):
        return ""
    found = _FORESEEN.search(text) or _GEAR_MISSING.search(text)
    return found.group(0) if found else ""
