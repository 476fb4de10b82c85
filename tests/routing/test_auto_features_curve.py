"""The held-out reliability `bench/auto_features.py --curve` prints: only requests no hold
stops, spoken and written, each bin's count and accuracy; the log loss over every
routing with evidence (a wrong lead at high confidence costs most)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.auto_features import curve  # noqa: E402


def _row(kind: str, got: str, held: bool = False, assist: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "set": f"r9_{kind}",
        "got": got,
        "unit": "power",
        "assist": list(assist),
        "holds": {"epidemic": held},
        "evidence": {"score": 1.0},
    }


def test_the_curve_counts_only_free_spoken_and_written_requests() -> None:
    rows = [
        _row("spoken", "power"),
        _row("written", "water"),
        _row("spoken", "power", held=True),  # a hold stops it: not in the curve
        _row("assist", "power"),  # a shared-duty set: not in the curve
    ]
    text = curve(rows, [0.99, 0.99, 0.99, 0.99])
    assert "0.98+ 2 0.500" in text  # one right, one wrong lead in the top bin


def test_a_confident_wrong_lead_costs_more_log_loss_than_a_doubtful_one() -> None:
    rows = [_row("spoken", "water")]

    def loss(value: float) -> float:
        return float(curve(rows, [value]).rsplit("log loss ", 1)[1])

    assert loss(0.95) > loss(0.6) > 0
