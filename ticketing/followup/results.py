"""Results an operator may enter for a survey call made by hand, and the names the CLI
(`hotline followup record --result`) and the API (`POST …/manual-result`) accept for
them: one list for both. Imports nothing heavy (the CLI reads it at start-up)."""

from __future__ import annotations

from hotline.ticketing.model import Satisfaction

MANUAL_RESULT_NAMES: dict[str, Satisfaction] = {
    "satisfied": Satisfaction.SATISFIED,
    "basic": Satisfaction.BASICALLY_SATISFIED,
    "basically_satisfied": Satisfaction.BASICALLY_SATISFIED,
    "dissatisfied": Satisfaction.DISSATISFIED,
    "no_answer": Satisfaction.NO_ANSWER,  # 无法联系
    "declined": Satisfaction.DECLINED,
}
MANUAL_RESULTS: tuple[Satisfaction, ...] = tuple(dict.fromkeys(MANUAL_RESULT_NAMES.values()))
