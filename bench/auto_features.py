"""Do the calibration's features see what separates right from wrong? Old against new.

    python bench/auto_features.py CV_FILE DUMP [DUMP …] [--without lead_asked,question]
                                  [--rounds 13,14,15,16,17] [--curve]

CV_FILE: `routing_eval.py --calibrate 5 --evidence CV_FILE` (the corpus and retired lines
routed out of fold); DUMP: `auto_gates.py --retired ROUNDS --dump DUMP` (retired rounds
routed by a classifier trained without them, every hold's verdict and the evidence).
For each feature set — all features, and all but `--without` (by default the four read
of the ask in round 18) — a calibrator is fitted on CV_FILE as `--calibrate` fits the
shipped one, its threshold chosen out of fold at precision 0.98 as there, and then
applied to the held-out rounds of the dumps after the service's holds: share @ precision
per kind. The calibration never sees a dump, so the dumps judge it held out.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hotline.ticketing.routing.auto import choose_threshold  # noqa: E402
from hotline.ticketing.routing.confidence import FEATURES, Evidence, fit_calibrator  # noqa: E402

from bench.auto_holds import HOLDS, right  # noqa: E402
from bench.routing_eval import Routed, load_routed  # noqa: E402

NEW = ("lead_asked", "lead_plain", "second_units", "question")


def target(r: Routed, alone: bool) -> bool:
    """Right lead; with `alone`, also no 协办 in its label (a lone dispatch is right)."""
    return r.correct and not (alone and r.shared)


def out_of_fold(routed: list[Routed], features: Sequence[str], alone: bool) -> list[float]:
    out = [0.0] * len(routed)
    for fold in sorted({r.fold for r in routed}):
        train = [r for r in routed if r.fold != fold and r.evidence is not None]
        calibrator = fit_calibrator(
            [r.evidence for r in train], [target(r, alone) for r in train], 1.0, features
        )
        for i, r in enumerate(routed):
            if r.fold == fold and r.evidence is not None:
                out[i] = calibrator(r.evidence)
    return out


def held_out(rows: list[dict[str, Any]], value: list[float], threshold: float) -> str:
    went = [
        r
        for r, v in zip(rows, value, strict=True)
        if not any(r["holds"].get(h) for h in HOLDS) and v >= threshold
    ]
    wrong = sum(not right(r) for r in went)
    p = 1 - wrong / len(went) if went else float("nan")
    return f"{len(went) / max(len(rows), 1):.3f} @ {p:.3f} ({len(went)}/{len(rows)}, {wrong} wrong)"


def curve(rows: list[dict[str, Any]], value: list[float]) -> str:
    """Held-out reliability of the requests no hold stops, spoken and written (a lone
    dispatch right, as `held_out` counts): per bin of calibrated confidence from 0.5,
    count and accuracy; then the log loss of the lead-right target over every routing."""
    free = [
        (v, right(r))
        for r, v in zip(rows, value, strict=True)
        if not any(r["holds"].get(h) for h in HOLDS) and not r["set"].endswith("assist")
    ]
    bins = [(0.5, 0.8), (0.8, 0.88), (0.88, 0.92), (0.92, 0.96), (0.96, 0.98), (0.98, 1.01)]
    parts = []
    for low, high in bins:
        inside = [ok for v, ok in free if low <= v < high]
        if inside:
            parts.append(f"{low:.2f}+ {len(inside)} {sum(inside) / len(inside):.3f}")
    eps = 1e-6
    loss = [
        -math.log(max(eps, v if r["got"] == r["unit"] else 1 - v))
        for r, v in zip(rows, value, strict=True)
        if r["evidence"]
    ]
    return f"  reliability {'; '.join(parts)}; log loss {sum(loss) / max(len(loss), 1):.4f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cv", type=Path)
    parser.add_argument("dumps", type=Path, nargs="+")
    parser.add_argument("--without", default=",".join(NEW))
    parser.add_argument("--rounds", default="")
    parser.add_argument("--precision", type=float, default=0.98)
    parser.add_argument("--curve", action="store_true", help="held-out reliability, log loss")
    args = parser.parse_args()
    routed = load_routed(args.cv)
    rows = [
        json.loads(x)
        for path in args.dumps
        for x in path.read_text(encoding="utf-8").splitlines()
        if x
    ]
    if args.rounds:
        wanted = {int(r) for r in args.rounds.split(",")}
        rows = [r for r in rows if r["round"] in wanted]
    without = set(filter(None, args.without.split(",")))
    for title, features, alone in (
        (f"without {','.join(sorted(without))}", [f for f in FEATURES if f not in without], False),
        ("all features", list(FEATURES), False),
        (
            f"without {','.join(sorted(without))}, lone dispatch right",
            [f for f in FEATURES if f not in without],
            True,
        ),
        ("all features, lone dispatch right", list(FEATURES), True),
    ):
        values = out_of_fold(routed, features, alone)
        correct = [target(r, alone) for r in routed]
        chosen = choose_threshold(zip(values, correct, strict=True), args.precision)
        final = fit_calibrator(
            [r.evidence for r in routed if r.evidence is not None],
            [target(r, alone) for r in routed if r.evidence is not None],
            1.0,
            features,
        )
        print(
            f"{title}: out of fold threshold {chosen.threshold:.3f} coverage "
            f"{chosen.coverage:.3f} precision {chosen.precision:.3f}"
        )
        extra = {k: round(v, 3) for k, v in final.weights.items() if k in without}
        if extra:
            print(f"  weights {extra}")
        value = [final(Evidence(**r["evidence"])) if r["evidence"] else 0.0 for r in rows]
        for kind in ("spoken", "written", "assist", ""):
            some = [(r, v) for r, v in zip(rows, value, strict=True) if r["set"].endswith(kind)]
            print(
                f"  held out {kind or 'all':8} "
                + held_out([r for r, _ in some], [v for _, v in some], chosen.threshold)
            )
        if args.curve:
            print(curve(rows, value))
    return 0


if __name__ == "__main__":
    sys.exit(main())
