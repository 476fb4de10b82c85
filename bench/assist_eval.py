"""协办 (assisting units) held out: what is suggested, what is missed, what goes out alone.

    python bench/assist_eval.py [--rounds 16,17] [--kinds assist,spoken,written] [--dev]
                                [--in-sample] [--misses] [--dump FILE]

For each held-out round R the seed classifier is trained on the seed corpus plus the
retired lines of every other round (as `retired_lolo.py` does; the model is cached under
var/ by round and training data: the rules this script tunes do not change it), and the
router routes round R's sets. `--in-sample` routes with the shipped classifier instead
(trained on every round). `--dev` adds `tests/routing/data/assist_dev*.jsonl` (routed by the
shipped classifier: they are not training data).

Per set: n, lead, 协办 precision / recall (true, false, missed units) where the set is
labelled with 协办, the false 协办 on single-owner sets (units suggested beside a lead
labelled alone), and the automatic-dispatch share at the shipped threshold with its
precision (a request labelled with 协办 dispatched alone counts as wrong), and how many
shared-duty requests went out alone. `--misses` lists, for each request of an assist set
whose 协办 differ from the label or which went out automatically, the wanted and suggested
units with the reasons; for single-owner sets each false 协办. `--dump` writes one JSON line
per routed request (to compare two commits).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hotline.ticketing.routing.auto import decide, held_back_by  # noqa: E402
from hotline.ticketing.routing.classifier import train_seed  # noqa: E402
from hotline.ticketing.routing.files import build_router, load_model, load_rules, save_model  # noqa: E402
from hotline.ticketing.routing.seed import retired_records, seed_records  # noqa: E402
from hotline.ticketing.routing.suggest import Router  # noqa: E402

from bench.routing_eval import ASSIST_DEV, RETIRED  # noqa: E402
from hotline.catalog_loader import load_catalog  # noqa: E402

CACHE = ROOT / "var" / "assist_eval_models"  # var/ is not tracked


@dataclass
class Counts:
    n: int = 0
    lead: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    shared: int = 0  # requests labelled with 协办
    auto: int = 0
    auto_right: int = 0
    shared_out: int = 0  # shared-duty requests dispatched alone

    def add(self, other: Counts) -> None:
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def row(self, name: str, labelled: bool) -> str:
        n = max(self.n, 1)
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else float("nan")
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else float("nan")
        ap = self.auto_right / self.auto if self.auto else float("nan")
        assist = (
            f"{p:>6.3f} {r:>6.3f} {self.tp:>4} {self.fp:>4} {self.fn:>4}"
            if labelled
            else f"{'-':>6} {'-':>6} {'-':>4} {self.fp:>4} {'-':>4}"
        )
        return (
            f"{name:16} {self.n:>4} {self.lead / n:>6.3f} {assist} "
            f"{self.auto / n:>6.3f} {ap:>7.3f} {self.shared_out:>3}/{self.shared:<3}"
        )


HEADER = (
    f"{'set':16} {'n':>4} {'lead':>6} {'协办P':>6} {'协办R':>6} {'tp':>4} {'fp':>4} {'fn':>4} "
    f"{'auto':>6} {'auto P':>7} shared out"
)


def model_for(held_out: int | None, places: list[str], areas: list[str]):  # type: ignore[no-untyped-def]
    """The seed model trained without round `held_out` (None: on every round), cached."""
    keep = (lambda s: True) if held_out is None else (lambda s: not s.startswith(f"r{held_out}_"))
    records = list(seed_records()) + retired_records(keep=keep)
    key = hashlib.sha256(repr(records).encode()).hexdigest()[:16]
    path = CACHE / f"model_{held_out or 'all'}_{key}.joblib"
    if path.exists():
        return load_model(path)
    model = train_seed(records, place_names=places, area_ids=areas)
    save_model(model, path)
    return model


def route_set(router: Router, name: str, path: Path, misses: bool, dump) -> tuple[Counts, bool]:  # type: ignore[no-untyped-def]
    settings = replace(router.rules.auto_dispatch, enabled=True)
    items = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    labelled = any("assist" in i for i in items)
    out = Counts()
    for number, item in enumerate(items, start=1):
        got = router.suggest(item["text"])
        want = set(item.get("assist", []))
        said = [u for u, _ in got.assisting]
        out.n += 1
        out.lead += got.department == item["unit"]
        out.tp += len(want & set(said))
        out.fp += len(set(said) - want)
        out.fn += len(want - set(said))
        out.shared += bool(want)
        decision = decide(got, settings, "")
        hold = held_back_by(got, settings)
        if decision.dispatch:
            out.auto += 1
            out.auto_right += got.department == item["unit"] and not want
            out.shared_out += bool(want)
        record = {
            "set": name,
            "line": number,
            "want_unit": item["unit"],
            "want_assist": sorted(want),
            "type": item["type"],
            "got_unit": got.department,
            "got_type": got.category,
            "assist": said,
            "other": list(got.other_duties),
            "reported": list(got.reported),
            "asked_alone": got.asked_alone,
            "hold": hold,
            "auto": decision.dispatch,
        }
        if dump is not None:
            dump.write(json.dumps(record, ensure_ascii=False) + "\n")
        wrong = set(said) != want if labelled else bool(said)
        if misses and (wrong or (decision.dispatch and want)):
            reasons = " | ".join(r for _, r in got.assisting)
            print(
                f"   {name}:{number} want {item['unit']}+{sorted(want)} /{item['type']} got "
                f"{got.department}+{said} /{got.category} other {list(got.other_duties)} "
                f"hold {hold}{' AUTO' if decision.dispatch else ''}\n"
                f"      {item['text']}\n      {reasons}"
            )
    return out, labelled


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", default="16,17")
    parser.add_argument("--kinds", default="assist,spoken,written")
    parser.add_argument("--in-sample", action="store_true")
    parser.add_argument("--dev", action="store_true")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--dump", default="")
    args = parser.parse_args()
    rounds = [int(r) for r in args.rounds.split(",") if r]
    kinds = args.kinds.split(",")

    catalog = load_catalog()
    shipped = build_router(load_rules(catalog), catalog)
    places = shipped.gazetteer.names()
    areas = sorted(a.id for a in catalog.areas)
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None  # noqa: SIM115

    def router_of(held_out: int | None) -> Router:
        model = model_for(held_out, places, areas)
        return Router(shipped.rules, catalog, phonetic=shipped.phonetic, seed=model)

    print(HEADER)
    pooled = {k: Counts() for k in kinds}
    everything = router_of(None) if args.in_sample or args.dev else None
    for r in rounds:
        router = everything if args.in_sample else router_of(r)
        assert router is not None
        for kind in kinds:
            name = f"r{r}_{kind}"
            if name not in RETIRED:
                continue
            got, labelled = route_set(router, name, RETIRED[name], args.misses, dump)
            print(got.row(name, labelled), flush=True)
            pooled[kind].add(got)
    for kind, got in pooled.items():
        print(got.row(f"pooled {kind}", kind == "assist"))
    if args.dev:
        assert everything is not None
        for name, path in ASSIST_DEV.items():
            got, labelled = route_set(everything, name, path, args.misses, dump)
            print(got.row(name, labelled), flush=True)
    if dump is not None:
        dump.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
