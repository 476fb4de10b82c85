"""Automatic dispatch (自动派单): when a suggestion may go to its unit without an operator,
the reason the ticket history records, the take-back window, and the calibration that
picks the confidence threshold. No I/O.

The threshold is not a guess: `choose_threshold` takes (confidence, correct) pairs from
cross-validated routing (every request routed by a model that never saw it) and returns
the lowest confidence at which the dispatched share is still at least the wanted
precision; `reliability_curve` shows how far confidence can be trusted, bin by bin.
`bench/routing_eval.py --calibrate K` prints both and the threshold to configure.

How it runs in the service: `Router.suggest` puts `advise`'s decision into the suggestion
(key `auto_dispatch`) when the section is enabled; intake, after storing the final transcript,
issues the workflow's AUTO_DISPATCH command (DRAFT → DISPATCHED, SYSTEM only). The final
transcript only exists after hang-up, so a caller still on the line is never dispatched;
the workflow refuses a draft a person has claimed or edited, and the version check on
the ticket row makes the dispatch happen once, whichever node applies it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from hotline.ticketing.routing.confidence import CalibrationError, Calibrator, parse_calibration
from hotline.ticketing.routing.suggestion import JOINT_TYPES, Suggestion

# Sources that may decide alone: a rule phrase, consistent history, the classifier.
# "words" (no phrase matched), "area" (a place name only) and "none" always need a person.
TRUSTED_SOURCES = frozenset({"rules", "history", "classifier"})


class AutoDispatchError(ValueError):
    """The `auto_dispatch` section of the routing rules is invalid."""


@dataclass(frozen=True)
class AutoDispatchSettings:
    enabled: bool = False  # off by default: a centre turns it on after reading the bench
    threshold: float = 0.9  # confidence at or above which the suggestion is dispatched
    take_back_minutes: int = 30  # an operator may take an automatic dispatch back this long
    skip_epidemic: bool = True  # epidemic matters always go past a person
    # Requests with a 协办 suggestion always go past a person too (see `decide`).
    # The calibrated confidence (confidence.py); None: the lead's combined score.
    calibration: Calibrator | None = None


@dataclass(frozen=True)
class AutoDecision:
    dispatch: bool
    reason: str  # Chinese, for the ticket history (自动派单：…) or why a person must decide


def parse_auto_dispatch(data: Any) -> AutoDispatchSettings:
    """The `auto_dispatch` section: {enabled, threshold, take_back_minutes, skip_epidemic,
    calibration}."""
    if data is None:
        return AutoDispatchSettings()
    if not isinstance(data, Mapping):
        raise AutoDispatchError(f"auto_dispatch: expected a mapping, got {data!r}")
    known = {"enabled", "threshold", "take_back_minutes", "skip_epidemic", "calibration"}
    unknown = set(data) - known
    if unknown:
        raise AutoDispatchError(f"auto_dispatch: unknown keys {sorted(unknown)}")
    enabled = data.get("enabled", False)
    skip = data.get("skip_epidemic", True)
    threshold = data.get("threshold", 0.9)
    minutes = data.get("take_back_minutes", 30)
    if not isinstance(enabled, bool) or not isinstance(skip, bool):
        raise AutoDispatchError("auto_dispatch: enabled and skip_epidemic are true or false")
    if isinstance(threshold, bool) or not isinstance(threshold, int | float):
        raise AutoDispatchError(f"auto_dispatch.threshold: expected a number, got {threshold!r}")
    if not 0.5 <= threshold <= 1.0:
        raise AutoDispatchError(f"auto_dispatch.threshold: {threshold!r} is outside 0.5..1")
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 <= minutes <= 1440:
        raise AutoDispatchError(
            f"auto_dispatch.take_back_minutes: expected whole minutes 0..1440, got {minutes!r}"
        )
    try:
        calibration = parse_calibration(data.get("calibration"))
    except CalibrationError as exc:
        raise AutoDispatchError(str(exc)) from None
    return AutoDispatchSettings(enabled, float(threshold), minutes, skip, calibration)


def confidence_of(suggestion: Suggestion) -> float:
    """What the threshold is compared with: the calibrated confidence when there is one."""
    return suggestion.calibrated if suggestion.calibrated is not None else suggestion.confidence


# Why a suggestion goes past a person, checked in this order (`held_back_by`).
HOLDS = {
    "disabled": "自动派单未开启",
    "no_lead": "没有建议的主办单位",
    "epidemic": "涉疫诉求须人工派单",
    # Shared duty: the lead alone would be sent only part of the request; a person names
    # all the units (the 协办 suggested are listed after it, `assisting_names`).
    "assisting": "涉及多个单位职责，须人工派单",
    "other_duties": "还提到其他单位的职责，须人工派单",  # measured: wrong more often
    # Another unit named by its name, a utility's line broken by a third party, or words
    # of a second unit's duty (shared_duty.py): a second unit is likely to act, suggested
    # or not (suggestion.joint_cues).
    "joint": "还提到其他单位、第三方造成的损坏或其他单位的职责，可能需要协办，须人工派单",
    # After its first ask the caller asks a second thing (也得查查, 顺便…挪挪,
    # shared_duty.second_ask): often another unit's, even when the lead was asked by name.
    "second_ask": "来电还另提一项请求，可能需要协办，须人工派单",
    # The caller asks the town, community or village to act (area_ask.py) and the lead is
    # a department: on the retired sets such requests are all led by the area.
    "area_asked": "来电请属地（镇街、社区、村）处理，主办可能为属地，须人工派单",
    "source": "建议依据不足（未匹配到规则或相似工单）",
}


def held_back_by(suggestion: Suggestion, settings: AutoDispatchSettings) -> str | None:
    """The first rule (a key of HOLDS, or "threshold") that keeps the suggestion from
    automatic dispatch; None when it goes. A unit only quoted or recalled (物业说…,
    问过村里: `Suggestion.reported`), named in a proposal, or found from duty words when
    the caller asks the lead alone by name (`Suggestion.asked_alone`: 请供电公司排查…),
    holds nothing back; it stays on the ticket for the operator."""
    checks = hold_checks(suggestion, settings)
    return next((name for name, holds_back in checks if holds_back), None)


def hold_checks(
    suggestion: Suggestion, settings: AutoDispatchSettings
) -> tuple[tuple[str, bool], ...]:
    """Every rule of `held_back_by`, in its order, with whether it holds this suggestion
    back (the bench counts what each rule stops, not only the first)."""
    # Units the caller did not ask for, when it asks the lead alone by name, are context.
    story = set(suggestion.reported) | (
        {u for u, _ in suggestion.assisting} | set(suggestion.other_duties)
        if suggestion.asked_alone
        else set()
    )
    # A question (咨询) or a proposal (建议) is answered by the unit it concerns; no one
    # handles it jointly (suggestion.JOINT_TYPES). Its only 协办 are units asked by name.
    shared = suggestion.category in JOINT_TYPES
    return (
        ("disabled", not settings.enabled),
        ("no_lead", suggestion.department is None),
        ("epidemic", settings.skip_epidemic and suggestion.epidemic),
        ("assisting", any(u not in story for u, _ in suggestion.assisting)),
        ("other_duties", shared and any(u not in story for u in suggestion.other_duties)),
        ("joint", bool(suggestion.joint_cues)),
        ("second_ask", bool(suggestion.second_ask)),
        ("area_asked", bool(suggestion.area_asked)),
        ("source", suggestion.decided_by not in TRUSTED_SOURCES),
        ("threshold", confidence_of(suggestion) < settings.threshold),
    )


def assisting_names(suggestion: Suggestion) -> list[str]:
    """The names of the suggested 协办 units, as their reasons give them (assist.py,
    shared_duty.py, roles.named_assists write each reason as 协办：<name>，… or
    属地协办：<name>（…)."""
    names = []
    for _, reason in suggestion.assisting:
        head = reason.split("：", 1)[-1]
        names.append(re.split(r"[，（(]", head, maxsplit=1)[0])
    return names


def decide(suggestion: Suggestion, settings: AutoDispatchSettings, unit_name: str) -> AutoDecision:
    """Whether this suggestion is dispatched without an operator, and why (or why not)."""
    hold = held_back_by(suggestion, settings)
    confidence = confidence_of(suggestion)
    if hold == "threshold":
        return AutoDecision(False, f"置信度 {confidence:.2f} 低于阈值 {settings.threshold:.2f}")
    if hold == "joint":
        cues = "、".join(f"“{c}”" for c in suggestion.joint_cues)
        return AutoDecision(False, f"{HOLDS[hold]}（{cues}）")
    if hold == "assisting":
        names = "、".join(assisting_names(suggestion))
        return AutoDecision(False, f"{HOLDS[hold]}（协办：{names}）")
    if hold == "second_ask":
        return AutoDecision(False, f"{HOLDS[hold]}（“{suggestion.second_ask}”）")
    if hold == "area_asked":
        return AutoDecision(False, f"{HOLDS[hold]}（“{suggestion.area_asked}”）")
    if hold is not None:
        return AutoDecision(False, HOLDS[hold])
    basis = "、".join(f"“{p}”" for p in suggestion.phrases[:3]) or "分类模型"
    others = suggestion.assisting or suggestion.other_duties
    noted = (
        ""
        if not others and not suggestion.which_unit
        else f"；来电询问应由哪个单位处理（“{suggestion.which_unit}”），提到的其他单位未作协办"
        if suggestion.which_unit
        else "；来电只点名请主办单位处理，提到的其他单位未作协办"
        if suggestion.asked_alone
        else "；提到的其他单位仅见于转述、此前经过或建议，未作协办"
    )
    return AutoDecision(
        True,
        f"自动派单：{unit_name}，置信度 {confidence:.2f} ≥ 阈值 "
        f"{settings.threshold:.2f}，依据 {basis}{noted}",
    )


def advise(
    suggestion: Suggestion, settings: AutoDispatchSettings, unit_name: str
) -> dict[str, Any]:
    """The decision as stored with the suggestion (`routing_suggestion["auto_dispatch"]`)."""
    decision = decide(suggestion, settings, unit_name)
    return {
        "dispatch": decision.dispatch,
        "reason": decision.reason,
        "source": suggestion.decided_by,
        "confidence": confidence_of(suggestion),
        "take_back_minutes": settings.take_back_minutes,
    }


def may_take_back(dispatched_at: datetime, now: datetime, settings: AutoDispatchSettings) -> bool:
    """An automatic dispatch can be taken back by an operator until the window closes."""
    return now - dispatched_at <= timedelta(minutes=settings.take_back_minutes)


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    count: int
    accuracy: float  # share of correct lead units among suggestions in this bin
    mean_confidence: float


def reliability_curve(pairs: Iterable[tuple[float, bool]], bins: int = 10) -> list[Bin]:
    """Accuracy per confidence bin (empty bins left out)."""
    groups: list[list[tuple[float, bool]]] = [[] for _ in range(bins)]
    for confidence, correct in pairs:
        groups[min(int(confidence * bins), bins - 1)].append((confidence, correct))
    return [
        Bin(
            i / bins,
            (i + 1) / bins,
            len(g),
            sum(c for _, c in g) / len(g),
            sum(p for p, _ in g) / len(g),
        )
        for i, g in enumerate(groups)
        if g
    ]


@dataclass(frozen=True)
class Threshold:
    threshold: float
    coverage: float  # share of all requests at or above the threshold
    precision: float  # share of those whose lead unit was right


def choose_threshold(pairs: Iterable[tuple[float, bool]], precision: float = 0.98) -> Threshold:
    """The lowest confidence at which the requests at or above it reach `precision`
    (the widest automatic share that is still safe); 1.0 with no coverage if none does."""
    ranked = sorted(pairs, key=lambda p: -p[0])
    best = Threshold(1.0, 0.0, 1.0)
    right = 0
    for i, (confidence, correct) in enumerate(ranked, start=1):
        right += correct
        tied_next = i < len(ranked) and ranked[i][0] == confidence
        if not tied_next and right / i >= precision:
            best = Threshold(confidence, i / len(ranked), right / i)
    return best
