"""What holds requests back from automatic dispatch, and how often the held ones were right.

    python bench/auto_gates.py [--misses]
    python bench/auto_gates.py --cv FILE   (FILE: routing_eval.py --calibrate 5 --evidence FILE)
    python bench/auto_gates.py --retired 2,3,4,5,6,7 [--misses] [--let-epidemic]

Dev sets (tests/routing/data; never the blind sets): for every set with lead-unit labels,
the share dispatched without an operator at the shipped threshold (config/routing.yaml
`auto_dispatch`, switched on for the count) and the precision of that share, then per rule
that holds a request back (auto.HOLDS, then the threshold) how many it held and how many
of those had the right lead. A request whose label names assisting units (the assist dev
sets) is right only when a person dispatches it: the machine dispatches the lead alone.

`--cv FILE`: the same breakdown over the cross-validated corpus routings that
`routing_eval.py --calibrate K --evidence FILE` wrote, with each fold's threshold chosen
on the other folds' eligible routings (the corpus labels lead units only); "over thr" is
how many held-back routings the threshold would have let through, and how many of those
were right.

`--retired ROUNDS`: the same breakdown on the retired blind sets of those rounds
(bench/blind/r*_{spoken,written,assist}), each round routed by a seed classifier trained
without that round's lines (as `retired_lolo.py` does), so the threshold sees confidences
of texts the classifier never read; then pooled by kind.

`--let-epidemic`: what-if, with `skip_epidemic` off (epidemic matters then face the same
holds and threshold as any other request); the shipped rules keep it on.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hotline.ticketing.routing.auto import HOLDS  # noqa: E402
from hotline.ticketing.routing.files import build_router, load_rules  # noqa: E402
from hotline.ticketing.routing.suggest import Router  # noqa: E402

from bench.routing_eval import (  # noqa: E402
    RETIRED,
    Routed,
    calibrated_out_of_fold,
    load_items,
    load_routed,
)
from hotline.catalog_loader import load_catalog  # noqa: E402

DATA = ROOT / "tests/routing/data"
# Sets with lead-unit labels; eval and the hold-outs in both variants.
DEV = (
    "written_dev",
    "eval",
    "holdout",
    "holdout2",
    "holdout3",
    "holdout4",
    "epidemic_dev",
    "assist_dev",
    "assist_dev2",
    "assist_dev3",
)
# The hold rules in the gate's order ("disabled" is the switch), then the threshold.
ORDER = (*(h for h in HOLDS if h != "disabled"), "threshold")


def variants(name: str) -> list[tuple[str, list[dict[str, Any]]]]:
    """(label, items as {text, unit, assist}) per variant of a dev set."""
    path = DATA / f"{name}.jsonl"
    if name.startswith(("eval", "holdout")):
        items = load_items(path)
        return [
            (f"{name}/{v}", [{"text": i[v], "unit": i["unit"]} for i in items])
            for v in ("clean", "asr")
        ]
    return [(name, [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x])]


def row(label: str, n: int, auto: list[bool], held: Counter[str], right: Counter[str]) -> str:
    share = f"{len(auto) / n:.3f} @ {sum(auto) / len(auto):.3f}" if auto else "0.000 @   -  "
    holds = " ".join(f"{h} {held[h]}({right[h]})" for h in ORDER if held[h])
    return f"{label:18} {n:>4}  {share:>14}  {holds}"


def dev_report(router: Router, misses: bool, let_epidemic: bool) -> list[str]:
    from hotline.ticketing.routing.auto import held_back_by

    policy = replace(router.rules.auto_dispatch, enabled=True)
    policy = replace(policy, skip_epidemic=False) if let_epidemic else policy
    lines = [
        f"threshold {policy.threshold}; auto share @ precision; held back by: n(right lead)",
        f"{'set':18} {'n':>4}  {'auto @ P':>14}  holds",
    ]
    for name in DEV:
        for label, items in variants(name):
            auto: list[bool] = []
            held: Counter[str] = Counter()
            right: Counter[str] = Counter()
            wrong: list[str] = []
            for item in items:
                got = router.suggest(item["text"])
                ok = got.department == item["unit"] and not item.get("assist")
                hold = held_back_by(got, policy)
                if hold is None:
                    auto.append(ok)
                    if misses and not ok:
                        wrong.append(f"   wrong auto {got.department}: {item['text']}")
                else:
                    held[hold] += 1
                    right[hold] += ok
            lines.append(row(label, len(items), auto, held, right))
            lines += wrong
    return lines


def retired_report(rounds: list[int], misses: bool, let_epidemic: bool) -> list[str]:
    """The hold breakdown per retired set, each round held out of the classifier's training."""
    from hotline.ticketing.routing.auto import held_back_by
    from hotline.ticketing.routing.classifier import train_seed
    from hotline.ticketing.routing.seed import retired_records, seed_records

    catalog = load_catalog()
    shipped = build_router(load_rules(catalog), catalog)
    places = shipped.gazetteer.names()
    areas = sorted(a.id for a in catalog.areas)
    policy = replace(shipped.rules.auto_dispatch, enabled=True)
    policy = replace(policy, skip_epidemic=False) if let_epidemic else policy
    lines = [
        f"threshold {policy.threshold}; each round routed by a classifier trained without it",
        f"{'set':18} {'n':>4}  {'auto @ P':>14}  holds",
    ]
    pooled: dict[str, tuple[list[bool], Counter[str], Counter[str], list[int]]] = {}
    for r in rounds:
        records = seed_records() + retired_records(keep=lambda s, r=r: not s.startswith(f"r{r}_"))
        model = train_seed(records, place_names=places, area_ids=areas)
        router = Router(shipped.rules, catalog, phonetic=shipped.phonetic, seed=model)
        for name in sorted(n for n in RETIRED if n.startswith(f"r{r}_")):
            text = RETIRED[name].read_text(encoding="utf-8")
            items = [json.loads(x) for x in text.splitlines() if x]
            auto, held, right, n = pooled.setdefault(
                name.split("_", 1)[1], ([], Counter(), Counter(), [0])
            )
            mine: tuple[list[bool], Counter[str], Counter[str]] = ([], Counter(), Counter())
            wrong: list[str] = []
            for number, item in enumerate(items, start=1):
                got = router.suggest(item["text"])
                ok = got.department == item["unit"] and not item.get("assist")
                hold = held_back_by(got, policy)
                for a, h, rt in ((auto, held, right), mine):
                    if hold is None:
                        a.append(ok)
                    else:
                        h[hold] += 1
                        rt[hold] += ok
                if misses and hold is None and not ok:
                    wrong.append(f"   wrong auto {name}:{number} {got.department}: {item['text']}")
            n[0] += len(items)
            lines.append(row(name, len(items), *mine))
            lines += wrong
    lines += [row(f"pooled {kind}", n[0], a, h, rt) for kind, (a, h, rt, n) in pooled.items()]
    return lines


def dump_retired(rounds: list[int], path: Path) -> None:
    """Every retired line of those rounds, routed by a classifier trained without its
    round, with every hold rule's verdict (auto.hold_checks), the calibrated confidence,
    the evidence and the suggestion's second-unit fields, one JSON line each: what
    `bench/auto_holds.py` reads to count each hold and to try narrower ones offline."""
    from dataclasses import asdict

    from hotline.ticketing.routing.auto import hold_checks
    from hotline.ticketing.routing.classifier import train_seed
    from hotline.ticketing.routing.seed import retired_records, seed_records

    catalog = load_catalog()
    shipped = build_router(load_rules(catalog), catalog)
    places = shipped.gazetteer.names()
    areas = sorted(a.id for a in catalog.areas)
    policy = replace(shipped.rules.auto_dispatch, enabled=True)
    with path.open("a", encoding="utf-8") as out:
        for r in rounds:
            keep = lambda s, r=r: not s.startswith(f"r{r}_")  # noqa: E731
            records = seed_records() + retired_records(keep=keep)
            model = train_seed(records, place_names=places, area_ids=areas)
            router = Router(shipped.rules, catalog, phonetic=shipped.phonetic, seed=model)
            for name in sorted(n for n in RETIRED if n.startswith(f"r{r}_")):
                text = RETIRED[name].read_text(encoding="utf-8")
                items = [json.loads(x) for x in text.splitlines() if x]
                for number, item in enumerate(items, start=1):
                    got = router.suggest(item["text"])
                    row = {
                        "round": r,
                        "set": name,
                        "number": number,
                        "text": item["text"],
                        "unit": item["unit"],
                        "assist": item.get("assist", []),
                        "type": item.get("type"),
                        "got": got.department,
                        "category": got.category,
                        "decided_by": got.decided_by,
                        "confidence": got.confidence,
                        "calibrated": got.calibrated,
                        "epidemic": got.epidemic,
                        "holds": dict(hold_checks(got, policy)),
                        "assisting": [u for u, _ in got.assisting],
                        "other_duties": list(got.other_duties),
                        "reported": list(got.reported),
                        "asked_alone": got.asked_alone,
                        "joint_cues": list(got.joint_cues),
                        "second_ask": got.second_ask,
                        "area_asked": got.area_asked,
                        "which_unit": got.which_unit,
                        "phrases": list(got.phrases),
                        "alternatives": [(a.department, a.score) for a in got.alternatives[:3]],
                        "evidence": asdict(got.evidence) if got.evidence else None,
                    }
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
            out.flush()


def hold_of(r: Routed) -> str:
    """The rule that held a routing back; for a file written before the rule was stored,
    told from its other fields (协办 and another unit's duty then counted together)."""
    if r.hold or r.eligible:
        return r.hold
    if r.epidemic:
        return "epidemic"
    return "assisting" if r.assisting else "source"


def cv_report(path: Path, precision: float, strength: float) -> list[str]:
    from hotline.ticketing.routing.auto import choose_threshold

    routed = load_routed(path)
    calibrated = calibrated_out_of_fold(routed, strength)
    auto: list[bool] = []
    held: Counter[str] = Counter()
    right: Counter[str] = Counter()
    over: Counter[str] = Counter()
    over_right: Counter[str] = Counter()
    thresholds: list[float] = []
    for fold in sorted({r.fold for r in routed}):
        rest = [r for r in routed if r.fold != fold]
        inner = calibrated_out_of_fold(rest, strength)
        pairs = [(v, r.correct) for v, r in zip(inner, rest, strict=True) if r.eligible]
        threshold = choose_threshold(pairs, precision).threshold
        thresholds.append(threshold)
        for value, r in zip(calibrated, routed, strict=True):
            if r.fold != fold:
                continue
            hold = hold_of(r) or ("threshold" if value < threshold else "")
            if not hold:
                auto.append(r.correct)
                continue
            held[hold] += 1
            right[hold] += r.correct
            if hold != "threshold" and value >= threshold:
                over[hold] += 1
                over_right[hold] += r.correct
    lines = [
        f"{path.name}: {len(routed)} cross-validated routings, per-fold thresholds "
        + " ".join(f"{t:.3f}" for t in thresholds),
        row("corpus CV", len(routed), auto, held, right),
        "  held back but over the threshold: "
        + " ".join(f"{h} {over[h]}({over_right[h]})" for h in ORDER if over[h]),
    ]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", type=Path, default=None, metavar="FILE")
    parser.add_argument("--precision", type=float, default=0.98)
    parser.add_argument("--strength", type=float, default=1.0)
    parser.add_argument("--misses", action="store_true", help="list wrong automatic dispatches")
    parser.add_argument("--retired", default="", metavar="ROUNDS", help="e.g. 2,3,4,5,6,7")
    parser.add_argument("--let-epidemic", action="store_true", help="what-if: skip_epidemic off")
    parser.add_argument("--dump", type=Path, default=None, metavar="FILE", help="with --retired")
    args = parser.parse_args()
    if args.retired and args.dump:
        dump_retired([int(r) for r in args.retired.split(",")], args.dump)
        return 0
    if args.retired:
        rounds = [int(r) for r in args.retired.split(",")]
        print("\n".join(retired_report(rounds, args.misses, args.let_epidemic)))
        return 0
    if args.cv:
        print("\n".join(cv_report(args.cv, args.precision, args.strength)))
        return 0
    catalog = load_catalog()
    router = build_router(load_rules(catalog), catalog)
    print("\n".join(dev_report(router, args.misses, args.let_epidemic)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
