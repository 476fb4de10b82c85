"""Each clause of a request read on its own by the unit classifier (协办). No I/O.

A second unit's duty is often told in a clause of its own, and a second unit's words are
often only the scene of the lead's matter. Cut at its punctuation or pauses, the request
says which: an added problem (路边还堆了木屑没人收拾) reads as another unit's duty
(`added_duties`), a clause that only sets the scene reads as the lead's (`setting_only`).
The router supplies the classifier's reading of a clause (`clause_reader`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Container
from typing import TYPE_CHECKING

from hotline.ticketing.routing.assist import MAX_ASSISTING, SHOWN_POINTS, Assist
from hotline.ticketing.routing.roles import ADDRESSED_AS
from hotline.ticketing.routing.text import apply_corrections, normalise

if TYPE_CHECKING:  # scikit-learn is imported only when a model is used
    from hotline.ticketing.routing.classifier import HistoryModel
    from hotline.ticketing.routing.rules import RoutingRules

Reader = Callable[[str], dict[str, float]]


# A second problem told in a clause of its own, added with 还 / 也 (路边还堆了一大堆木屑没人
# 收拾, 门口还占了半条人行道晾鱼干, 树还横在路中间): the caller describes what it sees, not
# which unit should act, so no unit's phrase may be written — but the clause alone reads as
# another unit's duty. The unit classifier reads each such clause by itself (`added_duties`):
# when it gives one other unit most of the clause (ADDED_MIN) and the lead next to nothing
# (LEAD_MAX), that unit's duty is a second one of the request. Only additive clauses are
# read: a clause that sets the scene (孩子要中考了, 八个人都在医院呢, 就在学校对过) is read as
# another unit's just as often, but it adds no problem. Not 还 as "still / yet / can / must"
# (还没, 还在, 还能, 还要, 还得, 还是) nor in a verb (退还, 归还), nor 也 before a negation or a
# report (也不管, 也没, 也说, 也是): those continue the lead's matter. Nor 还 in a comparison
# (比城里还贵) nor 也 after 谁 / 啥 / 都 (谁也睡不着: anyone, not an added thing), read from
# rounds 12–15 held out.
ADDED = re.compile(
    r"(?<![退归偿送])还(?![是没不能要得在会可行好给让说款钱兴])|(?<![谁啥都])也(?![不没是说就许])"
    r"|另外|同时"
)
_COMPARED = re.compile(r"比[^还]{1,8}还")
ADDED_MIN = 0.6  # the clause's share for the other unit
LEAD_MAX = 0.1  # and for the lead at most
MIN_CLAUSE = 6  # shorter pieces (spoken fragments) are joined to the next
_CLAUSE_BREAK = re.compile(r"[，。！？；,.!?;：:\s]+")


def clauses(text: str) -> list[str]:
    """`text` cut at punctuation and pauses (spaces in speech), pieces shorter than
    MIN_CLAUSE joined to the next."""
    out: list[str] = []
    piece = ""
    for part in filter(None, _CLAUSE_BREAK.split(text)):
        piece += part
        if len(piece) >= MIN_CLAUSE:
            out.append(piece)
            piece = ""
    if piece and out:
        out[-1] += piece
    elif piece:
        out.append(piece)
    return out


def added_duties(
    text: str,
    lead: str | None,
    read: Callable[[str], dict[str, float]],
    areas: Container[str],
) -> list[tuple[str, str]]:
    """(unit, clause) for each other unit an additive clause of `text` (with its
    punctuation or pauses) reads as, by `read` (the unit classifier's probabilities of a
    clause). The classifier's area classes (`areas`) are left out: a village or community
    named in passing is read by area_acts and area_also_asked."""
    if lead is None:
        return []
    found: dict[str, str] = {}
    for clause in clauses(text):
        if not ADDED.search(_COMPARED.sub("", clause)):
            continue
        proba = read(clause)
        if not proba:
            continue
        unit = max(proba, key=lambda u: proba[u])
        if unit == lead or unit in areas or unit in found:
            continue
        if proba[unit] >= ADDED_MIN and proba.get(lead, 0.0) <= LEAD_MAX:
            found[unit] = clause
    return list(found.items())


def added_assists(
    text: str,
    lead: str | None,
    read: Callable[[str], dict[str, float]],
    areas: Container[str],
    name: Callable[[str], str],
) -> list[Assist]:
    """协办 for the second problems `text` adds in a clause of their own (`added_duties`)."""
    return [
        Assist(unit, f"协办：{name(unit)}，来电另述之事属其职责（“{clause}”）", SHOWN_POINTS)
        for unit, clause in added_duties(text, lead, read, areas)
    ]


# A clause that gives the second unit this much is partly its matter, whatever the lead's.
SCENE_MAX = 0.3


def setting_only(
    text: str,
    words: Collection[str],
    lead: str,
    unit: str,
    read: Callable[[str], dict[str, float]],
    compact: Callable[[str], str],
) -> bool:
    """Every clause of `text` that holds one of the second unit's `words` reads more as the
    lead's matter than as that unit's, by `read` (the unit classifier's probabilities of a
    clause; `compact` writes a clause as the rules read it): the words set the lead's
    scene (研学是个旅行社组织的, 盖养殖大棚, 打开路边消防栓接水, 楼顶的热水器被台风刮下来),
    they name no second duty. False when no clause holds them, or every clause does (a
    request told in one breath reads as its lead as a whole: nothing to tell apart)."""
    every = clauses(text)
    held = [c for c in every if any(w in compact(c) for w in words)]
    if not held or len(held) == len(every):
        return False
    names = ADDRESSED_AS.get(lead, ())
    for clause in held:
        if any(n in clause for n in names):
            return False  # the lead named beside it: the two units meet (开发商又推给热力公司)
        proba = read(clause)
        share = proba.get(unit, 0.0)
        if share >= SCENE_MAX or share >= proba.get(lead, 0.0):
            return False
    return True


def clause_reader(voter: HistoryModel, corrections: dict[str, str]) -> Reader:
    """The unit classifier's probabilities of one clause, read as the request is."""

    def read(clause: str) -> dict[str, float]:
        return voter.probabilities(apply_corrections(normalise(clause), corrections))

    return read


def scene_units(
    matter: str, lead: str, read: Reader, corrections: dict[str, str], chosen: tuple[Assist, ...]
) -> frozenset[str]:
    """The units of `chosen` found from duty words that only set the lead's scene
    (`setting_only`); never a unit asked by name."""

    def compact(clause: str) -> str:
        return apply_corrections(normalise(clause), corrections).replace(" ", "")

    return frozenset(
        a.department
        for a in chosen
        if not a.named
        and a.words
        and setting_only(matter, a.words, lead, a.department, read, compact)
    )


def clause_duties(
    matter: str,
    lead: str | None,
    voter: HistoryModel | None,
    chosen: tuple[Assist, ...],
    rules: RoutingRules,
    areas: Container[str],
    name: Callable[[str], str],
) -> tuple[frozenset[str], tuple[Assist, ...]]:
    """The units of `chosen` that only set the lead's scene (`scene_units`), and 协办 for a
    second problem told in an additive clause (`added_assists`) while `chosen` leaves room."""
    if voter is None or lead is None:
        return frozenset(), ()
    read = clause_reader(voter, rules.corrections)
    scene = scene_units(matter, lead, read, rules.corrections, chosen)
    taken = {a.department for a in chosen}
    found = [a for a in added_assists(matter, lead, read, areas, name) if a.department not in taken]
    return scene, tuple(found[: max(0, MAX_ASSISTING - len(chosen))])
