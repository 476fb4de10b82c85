"""Does learning from the retired blind sets generalise? Leave one round out.

    python bench/retired_lolo.py [--rounds 2,3,…,35,36 (default: every retired round)]
                                 [--weights spoken=1,written=1,assist=1] [--before] [--misses]
    python bench/retired_lolo.py --train-time

The retired sets of rounds 2–36 (`bench/blind/r2_*` … `r36_*`, packaged for training as
`ticketing/routing/retired_sets.jsonl`, each line's `source` naming its set and line)
were written by people who never saw the router. For each held-out round R the seed
classifier is trained on the seed corpus plus the retired lines of every *other*
round, and the router with that classifier routes round R's sets as said or written:
the figure that says whether adding one round's callers helps on another's. `--before`
also routes every round with the classifier of the seed corpus alone (the router as it
was before the retired sets joined its training data).

Per set: n, lead unit, request type, lead within the top three, area (where a place is
said), epidemic F1, and the automatic-dispatch share with its precision at the shipped
threshold (`config/routing.yaml` auto_dispatch, switched on; a request labelled with
协办 units counts as wrong when dispatched alone), as `routing_eval.py --retired` prints
them; then the same pooled over every held-out set of the report.

`--train-time`: only time training the seed model from cold (what `hotline serve` does on
its first start, no cache): on the seed corpus alone (the baseline) and on the shipped
training records, wall and CPU seconds and their ratio. Time under the bench lock.

`--weights`: the training weight of a retired line by its set's kind (default: the
shipped `seed.RETIRED_WEIGHTS`); 0 leaves that kind out. `--speech`: train on the texts
after `normalise_speech` (what the router's classifier reads; tried, no gain, not shipped).
`--duties W`: the weight of the catalogue's duty items (default: shipped `seed.DUTY_WEIGHT`;
0 leaves them out). `--seed-weight`, `--support-full`: the blend's classifier weight and the
similarity of full trust, for screening (round 22: neither gained, not shipped).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hotline.ticketing.catalog import Unit  # noqa: E402
from hotline.ticketing.routing.auto import decide  # noqa: E402
from hotline.ticketing.routing.classifier import train_seed  # noqa: E402
from hotline.ticketing.routing.duty_examples import duty_examples  # noqa: E402
from hotline.ticketing.routing.files import build_router, load_rules  # noqa: E402
from hotline.ticketing.routing.seed import (  # noqa: E402
    DUTY_WEIGHT,
    RETIRED_WEIGHTS,
    retired_records,
    seed_records,
    training_records,
)
from hotline.ticketing.routing.suggest import Router  # noqa: E402

from bench.routing_eval import RETIRED, Tally  # noqa: E402
from hotline.catalog_loader import load_catalog  # noqa: E402


@dataclass
class Scores:
    """One set's (or a pool's) counts; rates as `routing_eval.py --retired` prints them."""

    n: int = 0
    kind: int = 0
    auto: int = 0
    auto_right: int = 0

    def __post_init__(self) -> None:
        self.tally = Tally()

    def add(self, other: Scores) -> None:
        self.n += other.n
        self.kind += other.kind
        self.auto += other.auto
        self.auto_right += other.auto_right
        for name in ("units", "lead", "top3", "areas", "area_right", "tp", "fp", "fn"):
            setattr(self.tally, name, getattr(self.tally, name) + getattr(other.tally, name))

    def row(self, name: str) -> str:
        t, n = self.tally, max(self.n, 1)
        f1 = t.epidemic_f1 if t.epidemic_f1 is not None else float("nan")
        auto_p = self.auto_right / self.auto if self.auto else float("nan")
        return (
            f"{name:14} {self.n:>4} {t.lead / n:>6.3f} {self.kind / n:>6.3f} {t.top3 / n:>6.3f} "
            f"{t.area_right / max(t.areas, 1):>6.3f} {f1:>7.3f} {self.auto / n:>6.3f} "
            f"{auto_p:>7.3f}"
        )


HEADER = (
    f"{'set':14} {'n':>4} {'lead':>6} {'type':>6} {'top3':>6} {'area':>6} {'epi F1':>7} "
    f"{'auto':>6} {'auto P':>7}"
)


def score(router: Router, name: str, misses: list[str]) -> Scores:
    auto_settings = replace(router.rules.auto_dispatch, enabled=True)
    items = [json.loads(x) for x in RETIRED[name].read_text(encoding="utf-8").splitlines() if x]
    out = Scores()
    for number, item in enumerate(items, start=1):
        got = router.suggest(item["text"])
        out.n += 1
        out.tally.add(got, item["unit"], item["area"], item["epidemic"])
        out.kind += got.category == item["type"]
        if decide(got, auto_settings, "").dispatch:
            out.auto += 1
            out.auto_right += got.department == item["unit"] and not item.get("assist")
        if got.department != item["unit"] or got.category != item["type"]:
            misses.append(
                f"   {name}:{number} want {item['unit']}/{item['type']} "
                f"got {got.department}/{got.category}: {item['text']}"
            )
    return out


def report(title: str, routers: dict[int, Router], show_misses: bool) -> list[str]:
    lines = [title, HEADER]
    pooled: dict[str, Scores] = {k: Scores() for k in ("spoken", "written", "assist", "all")}
    for held_out, router in routers.items():
        for name in sorted(n for n in RETIRED if n.startswith(f"r{held_out}_")):
            misses: list[str] = []
            got = score(router, name, misses)
            lines.append(got.row(name))
            pooled[name.split("_", 1)[1]].add(got)
            pooled["all"].add(got)
            lines += misses if show_misses else []
    lines += [got.row(f"pooled {kind}") for kind, got in pooled.items()]
    return lines


def train_time(places: list[str], areas: list[str], units: list[Unit]) -> list[str]:
    """Seconds to fit the seed model from cold: the seed corpus alone, then as shipped."""
    lines = [f"{'training data':30} {'lines':>5} {'wall s':>7} {'cpu s':>7}"]
    first: tuple[float, float] | None = None
    for name, records in (
        ("seed corpus alone (baseline)", list(seed_records())),
        ("as shipped (+ retired, duties)", training_records(units=units)),
    ):
        wall, cpu = time.perf_counter(), time.process_time()
        train_seed(records, place_names=places, area_ids=areas)
        took = (time.perf_counter() - wall, time.process_time() - cpu)
        first = first or took
        lines.append(
            f"{name:30} {len(records):>5} {took[0]:>7.1f} {took[1]:>7.1f}"
            f"  ×{took[0] / first[0]:.2f} wall, ×{took[1] / first[1]:.2f} cpu"
        )
    return lines


def parse_weights(text: str) -> dict[str, float]:
    weights = dict(RETIRED_WEIGHTS)
    for part in filter(None, text.split(",")):
        kind, _, value = part.partition("=")
        if kind not in weights:
            raise SystemExit(f"--weights: unknown kind {kind!r} (one of {sorted(weights)})")
        weights[kind] = float(value)
    return weights


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rounds",
        default="2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36",
        help="rounds to hold out, one at a time",
    )
    parser.add_argument("--weights", default="", help="e.g. spoken=2,written=1,assist=0")
    parser.add_argument("--before", action="store_true", help="also the seed corpus alone")
    parser.add_argument("--speech", action="store_true", help="train on normalise_speech(text)")
    parser.add_argument("--train-time", action="store_true", help="time cold training only")
    parser.add_argument("--misses", action="store_true", help="list wrong leads/types")
    parser.add_argument(
        "--duties",
        type=float,
        default=DUTY_WEIGHT,
        help="weight of the catalogue's duty items (0: none; default: shipped)",
    )
    parser.add_argument(
        "--seed-weight", type=float, default=None, help="classifier.seed_weight (default: shipped)"
    )
    parser.add_argument(
        "--support-full", type=float, default=None, help="model_votes.SUPPORT_FULL (screening)"
    )
    args = parser.parse_args()
    if args.support_full is not None:
        from hotline.ticketing.routing import model_votes

        model_votes.SUPPORT_FULL = args.support_full
    rounds = [int(r) for r in args.rounds.split(",")]
    weights = parse_weights(args.weights)

    catalog = load_catalog()
    rules = load_rules(catalog)
    if args.seed_weight is not None:
        rules = replace(rules, classifier=replace(rules.classifier, seed_weight=args.seed_weight))
    shipped = build_router(rules, catalog)
    places = shipped.gazetteer.names()
    areas = sorted(a.id for a in catalog.areas)

    def router_of(records: list) -> Router:  # type: ignore[type-arg]
        started = time.perf_counter()
        model = train_seed(records, place_names=places, area_ids=areas)
        print(f"  trained on {len(records)} lines in {time.perf_counter() - started:.1f} s")
        return Router(shipped.rules, catalog, phonetic=shipped.phonetic, seed=model)

    base = seed_records()
    if args.duties > 0:
        base = base + duty_examples(catalog.units, args.duties)  # type: ignore[operator]
    if args.train_time:
        print("\n".join(train_time(places, areas, list(catalog.units))))
        return 0
    if args.speech:
        from hotline.ticketing.routing.speech import normalise_speech

        base = [(normalise_speech(t), *rest) for t, *rest in base]  # type: ignore[misc]
    if args.before:
        alone = router_of(base)
        title = f"before: the seed corpus alone ({len(base)} lines)"
        print("\n".join(report(title, dict.fromkeys(rounds, alone), args.misses)), flush=True)
    routers: dict[int, Router] = {}
    for r in rounds:
        others = retired_records(weights=weights, keep=lambda s, r=r: not s.startswith(f"r{r}_"))
        if args.speech:
            others = [(normalise_speech(t), *rest) for t, *rest in others]  # type: ignore[misc]
        routers[r] = router_of(base + others)
    weights_said = ", ".join(f"{k} {v:g}" for k, v in weights.items())
    title = f"after: each round routed by a classifier trained without it (weights {weights_said})"
    print("\n".join(report(title, routers, args.misses)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
