"""Does the automatic-dispatch calibration transfer to new text? Leave one round out.

    python bench/auto_transfer.py --evidence FILE [--rounds 10] [--precision 0.98]

FILE: the cross-validated routings `routing_eval.py --calibrate 5 --evidence FILE` wrote
(the seed corpus and the retired sets, clean and ASR-style, each with its origin). For each
held-out round R, what a refit made without round R would do on round R's texts:

- the calibrator is fitted on the routings of every line not from round R, and the
  threshold chosen on their out-of-fold calibrated confidences (as `--calibrate` chooses
  the shipped one);
- round R's sets (`bench/blind/rR_*`) are routed by a seed classifier trained without
  round R's lines (as `retired_lolo.py` and `auto_gates.py --retired` do) and go through
  the service's holds (`auto.held_back_by`) with that calibrator and threshold;
- a request is dispatched right when its lead is right and its label names no 协办.

Printed per set: the threshold, the share dispatched and its precision, and the wrong
dispatches; then pooled by kind. Set it beside `--calibrate`'s "dispatched as shipped"
line (the same refit, scored on history out of fold) to see whether history's precision
holds on text written later by other people.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hotline.ticketing.routing.files import build_router, load_rules  # noqa: E402
from hotline.ticketing.routing.suggest import Router  # noqa: E402

from bench.routing_eval import RETIRED, calibrated_out_of_fold, load_routed  # noqa: E402
from hotline.catalog_loader import load_catalog  # noqa: E402


def transfer_report(
    evidence: Path, rounds: list[int], precision: float, strength: float
) -> list[str]:
    from hotline.ticketing.routing.auto import choose_threshold, held_back_by
    from hotline.ticketing.routing.classifier import train_seed
    from hotline.ticketing.routing.confidence import fit_calibrator
    from hotline.ticketing.routing.seed import retired_records, seed_records

    routed = [r for r in load_routed(evidence) if r.evidence is not None]
    if not any(r.origin for r in routed):
        raise SystemExit(f"{evidence}: no origins; write it again with routing_eval.py")
    catalog = load_catalog()
    shipped = build_router(load_rules(catalog), catalog)
    places = shipped.gazetteer.names()
    areas = sorted(a.id for a in catalog.areas)
    lines = [f"{'set':12} {'n':>4} {'thr':>6} {'auto':>6} {'auto P':>7} wrong"]
    pooled: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for r in rounds:
        keep = [x for x in routed if not x.origin.startswith(f"r{r}_")]
        inner = calibrated_out_of_fold(keep, strength)
        chosen = choose_threshold(zip(inner, (x.correct for x in keep), strict=True), precision)
        calibrator = fit_calibrator(
            [x.evidence for x in keep if x.evidence], [x.correct for x in keep], strength
        )
        policy = replace(
            shipped.rules.auto_dispatch,
            enabled=True,
            threshold=chosen.threshold,
            calibration=calibrator,
        )
        rules = replace(shipped.rules, auto_dispatch=policy)
        records = seed_records() + retired_records(keep=lambda s, r=r: not s.startswith(f"r{r}_"))
        model = train_seed(records, place_names=places, area_ids=areas)
        router = Router(rules, catalog, phonetic=shipped.phonetic, seed=model)
        for name in sorted(n for n in RETIRED if n.startswith(f"r{r}_")):
            text = RETIRED[name].read_text(encoding="utf-8")
            items = [json.loads(x) for x in text.splitlines() if x]
            auto: list[bool] = []
            wrong: list[str] = []
            for number, item in enumerate(items, start=1):
                got = router.suggest(item["text"])
                if held_back_by(got, policy) is None:
                    ok = got.department == item["unit"] and not item.get("assist")
                    auto.append(ok)
                    if not ok:
                        wrong.append(f"{number}→{got.department}")
            share = len(auto) / len(items)
            prec = sum(auto) / len(auto) if auto else float("nan")
            lines.append(
                f"{name:12} {len(items):>4} {chosen.threshold:>6.3f} {share:>6.3f} {prec:>7.3f} "
                + " ".join(wrong)
            )
            tally = pooled[name.split("_", 1)[1]]
            tally[0] += len(items)
            tally[1] += len(auto)
            tally[2] += sum(auto)
    for kind, (n, taken, right) in pooled.items():
        prec = right / taken if taken else float("nan")
        lines.append(f"pooled {kind:7} {n:>4} {'':>6} {taken / n:>6.3f} {prec:>7.3f}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evidence", type=Path, required=True, metavar="FILE")
    parser.add_argument("--rounds", default="10", help="held-out rounds, e.g. 8,9,10")
    parser.add_argument("--precision", type=float, default=0.98)
    parser.add_argument("--strength", type=float, default=1.0, help="L2 strength (1/C)")
    args = parser.parse_args()
    rounds = [int(r) for r in args.rounds.split(",")]
    print("\n".join(transfer_report(args.evidence, rounds, args.precision, args.strength)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
