"""Champion/challenger: a retrained model replaces the live one only when it is not worse
on the most recent dispatch history, which neither was trained on. No I/O.

Retraining splits the operators' dispatches by time (`recent_holdout`): the challenger is
trained on the older part; both models then route the newest part (`compare`), and the
verdict says which model stays live and the accuracies the console shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

M = TypeVar("M")
Example = tuple[str, str, str | None]  # (text, lead unit chosen by the operator, type)


@dataclass(frozen=True)
class Verdict:
    replace: bool
    champion_accuracy: float
    challenger_accuracy: float
    held_out: int
    reason: str  # Chinese, for the console and the log


@dataclass(frozen=True)
class Split:
    train: Sequence[Example]
    holdout: Sequence[Example]


def recent_holdout(history: Sequence[Example], share: float = 0.2, minimum: int = 20) -> Split:
    """Oldest-first history → (older part to train on, newest `share` held out);
    nothing is held out when fewer than `minimum` examples would be."""
    n = int(len(history) * share)
    if n < minimum:
        return Split(history, ())
    return Split(history[:-n], history[-n:])


def compare(
    champion: M | None,
    challenger: M,
    holdout: Sequence[Example],
    predict: Callable[[str, M | None], str | None],
    tolerance: float = 0.0,
) -> Verdict:
    """Route the held-out requests with both models; the challenger wins when its lead-unit
    accuracy is at least the champion's minus `tolerance`."""
    if not holdout:
        return Verdict(False, 0.0, 0.0, 0, "近期历史工单不足，保留现用模型")

    def accuracy(model: M | None) -> float:
        return sum(predict(text, model) == unit for text, unit, _ in holdout) / len(holdout)

    old, new = accuracy(champion), accuracy(challenger)
    if new + tolerance >= old:
        why = f"新模型 {new:.3f} 不低于现用模型 {old:.3f}（近期 {len(holdout)} 件），已替换"
        return Verdict(True, old, new, len(holdout), why)
    why = f"新模型 {new:.3f} 低于现用模型 {old:.3f}（近期 {len(holdout)} 件），保留现用模型"
    return Verdict(False, old, new, len(holdout), why)
