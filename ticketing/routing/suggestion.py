"""The dispatch suggestion as the intake and the console receive it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hotline.ticketing.routing.confidence import Evidence

# Request types that are acted on jointly (协办). A question (咨询) is answered, and a
# proposal (建议) weighed, by the one unit it concerns: another unit named in it is context
# (孩子上学要户口本, 异地就医住院), not a task. Measured on the retired blind sets: of the 协办
# suggested on questions and proposals, about one in nine was wanted (9 of 80).
JOINT_TYPES = frozenset({"help", "complaint", "report"})


@dataclass(frozen=True)
class Alternative:
    department: str
    score: float


@dataclass(frozen=True)
class Suggestion:
    department: str | None
    alternatives: tuple[Alternative, ...]
    category: str
    area: str | None
    epidemic: bool
    confidence: float
    explanation: str
    callback_number: str | None = None
    # Which source decided the lead: "rules", "history", "classifier", "area" (fallback),
    # "words" (no phrase matched; words inside phrases/duties, see backoff.py) or "none".
    decided_by: str = "none"
    phrases: tuple[str, ...] = field(default=())
    # 协办: (unit id, reason) pairs, strongest first (see assist.py).
    assisting: tuple[tuple[str, str], ...] = field(default=())
    # Units whose own duty is named too lightly to suggest as 协办 (assist.SHOWN_POINTS):
    # not shown, but a request naming one still goes past a person (auto.decide).
    other_duties: tuple[str, ...] = field(default=())
    # Those of `assisting` and `other_duties` named only in reported speech or back-story
    # (物业说…, 问过村里: roles.only_reported): still shown, but they hold nothing back.
    reported: tuple[str, ...] = field(default=())
    # The caller asks the lead alone by name to act (roles.asked_alone): `assisting` and
    # `other_duties` found from duty words are still shown, but they hold nothing back.
    asked_alone: bool = False
    # Words saying another unit is in it though no 协办 is suggested for it: its own name
    # (是民政部门还是医保部门办理) or a utility's line broken by a third party
    # (roles.other_units_named, roles.unnamed_second_duty). They hold automatic dispatch back.
    joint_cues: tuple[str, ...] = field(default=())
    # The caller asks the town, community or village to act (让镇上管管…) while the lead is
    # a department: the words of that ask (area_ask.py); it holds automatic dispatch back.
    area_asked: str = ""
    # The caller asks a second thing with 也得 / 顺便 (shared_duty.second_ask): its words;
    # another unit may have to act, so it holds automatic dispatch back.
    second_ask: str = ""
    # The caller asks which unit handles it (找城管还是找环保, shared_duty.which_unit): its
    # words. The units named are alternatives to the lead: no 协办, and they hold nothing back.
    which_unit: str = ""
    # 自动派单 (routing.auto.advise) when the rules turn it on: {dispatch, reason, ...}.
    auto_dispatch: dict[str, Any] | None = None
    # What the router knew about its lead (confidence.py), and the calibrated P(lead is
    # right) from it when the rules carry a calibration; automatic dispatch uses that.
    evidence: Evidence | None = field(default=None, compare=False, repr=False)
    calibrated: float | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {
            "department": self.department,
            "alternatives": [
                {"department": a.department, "score": a.score} for a in self.alternatives
            ],
            "category": self.category,
            "area": self.area,
            "epidemic": self.epidemic,
            "confidence": self.confidence,
            "explanation": self.explanation,
            "callback_number": self.callback_number,
            "assisting": [{"department": d, "reason": r} for d, r in self.assisting],
        }
        if self.auto_dispatch is not None:
            out["auto_dispatch"] = dict(self.auto_dispatch)
        return out


def blank(category: str, callback_digits: str | None) -> Suggestion:
    """The suggestion for a request with no words to route (the caller said nothing)."""
    return Suggestion(
        department=None,
        alternatives=(),
        category=category,
        area=None,
        epidemic=False,
        confidence=0.0,
        explanation="空白内容，无法给出派单建议",
        callback_number=callback_digits,
    )
