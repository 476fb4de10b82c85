"""The automatic-dispatch figures `bench/routing_eval.py --calibrate` reports: the share at
the threshold as shipped (chosen on every routing, applied after the holds) and the
precision when a shared-duty request sent to its lead alone counts as wrong."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.routing_eval import (  # noqa: E402
    Routed,
    held_out_threshold,
    load_routed,
    retired_assists,
    retired_sources,
    save_routed,
)


def routing(fold: int, correct: bool, eligible: bool = True, shared: bool = False) -> Routed:
    return Routed(fold, 0.0, None, correct, eligible, shared=shared)


def test_shared_duty_sent_alone_counts_wrong_only_in_the_alone_precision() -> None:
    routed = [routing(f, True, shared=s) for f in (0, 1) for s in (False, False, False, True)]
    scores = [0.9] * len(routed)
    share, precision, _, alone = held_out_threshold(
        routed, scores, lambda rest: [0.9] * len(rest), 0.98
    )
    assert (share, precision, alone) == (1.0, 1.0, 0.75)


def test_the_shipped_threshold_is_chosen_on_every_routing_but_applies_after_the_holds() -> None:
    # Per fold: two held-back wrong routings at 0.95 and eligible right ones at 0.9 and 0.8.
    routed: list[Routed] = []
    scores: list[float] = []
    for fold in (0, 1):
        for value, correct, eligible in (
            (0.95, False, False),
            (0.9, True, True),
            (0.8, True, True),
        ):
            routed.append(routing(fold, correct, eligible))
            scores.append(value)

    def inner(rest: list[Routed]) -> list[float]:
        return [s for s, r in zip(scores, routed, strict=True) if r in rest]

    chosen_on_eligible = held_out_threshold(routed, scores, inner, 0.98, lambda r: r.eligible)
    as_shipped = held_out_threshold(
        routed, scores, inner, 0.98, lambda r: r.eligible, lambda r: True
    )
    assert chosen_on_eligible[0] == 4 / 6  # both eligible routings of each fold go
    assert as_shipped[2] == [1.0, 1.0]  # no threshold keeps 0.98 once the wrong ones count
    assert as_shipped[0] == 0.0


def test_every_retired_line_has_a_list_of_assisting_units() -> None:
    assists = retired_assists()
    assert assists and all(isinstance(a, list) for a in assists)
    assert any(assists), "the retired shared-duty sets label 协办 units"


def test_every_retired_line_names_its_round_so_a_round_can_be_held_out() -> None:
    sources = retired_sources()
    assert len(sources) == len(retired_assists())
    assert all(s.split("_", 1)[0][1:].isdigit() and ":" in s for s in sources)
    assert any(s.startswith("r10_") for s in sources)


def test_the_origin_survives_the_evidence_file_and_old_files_still_load(tmp_path: Path) -> None:
    path = tmp_path / "routed.jsonl"
    save_routed(path, [Routed(0, 0.5, None, True, True, origin="r10_spoken:23")])
    assert load_routed(path)[0].origin == "r10_spoken:23"
    # A file written before origins were kept: every routing's origin is unknown.
    path.write_text(path.read_text(encoding="utf-8").replace(', "origin": "r10_spoken:23"', ""))
    assert load_routed(path)[0].origin == ""


def test_the_calibration_may_leave_features_out() -> None:
    from hotline.ticketing.routing.confidence import FEATURES, Evidence

    from bench.routing_eval import calibrated_out_of_fold

    def evidence(question: float) -> Evidence:
        return Evidence(**{name: 0.5 for name in FEATURES} | {"question": question})

    # A question is right, anything else wrong: only a calibrator that reads it can tell.
    routed = [
        Routed(fold, 0.5, evidence(q), bool(q), True) for fold in (0, 1) for q in (0.0, 1.0) * 5
    ]
    every = calibrated_out_of_fold(routed, 1.0)
    without = calibrated_out_of_fold(routed, 1.0, [f for f in FEATURES if f != "question"])
    assert min(v for v, r in zip(every, routed, strict=True) if r.correct) > 0.6
    assert max(v for v, r in zip(every, routed, strict=True) if not r.correct) < 0.4
    assert len({round(v, 9) for v in without}) == 1  # it sees nothing to tell them apart
