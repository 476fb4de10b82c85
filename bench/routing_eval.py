"""Accuracy of the dispatch suggestions on the labelled evaluation set.

    python bench/routing_eval.py [--data tests/routing/data/eval.jsonl] [--rules FILE]
                                 [--model FILE] [--misses]

Prints, for the clean and the ASR-style variant of every request, the share
of correct lead units, request types, areas and epidemic flags.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from config.catalog_loader import load_catalog  # noqa: E402
from ticketing.routing.files import load_model, load_rules  # noqa: E402
from ticketing.routing.suggest import Router  # noqa: E402

FIELDS = (
    ("department", "unit"),
    ("category", "category"),
    ("area", "area"),
    ("epidemic", "epidemic"),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "tests/routing/data/eval.jsonl")
    parser.add_argument("--rules", type=Path, default=None)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--misses", action="store_true", help="list wrong lead units")
    args = parser.parse_args()

    catalog = load_catalog()
    rules = load_rules(catalog, args.rules)
    router = Router(rules, catalog, load_model(args.model) if args.model else None)
    items = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines()]
    units = {i["unit"] for i in items}
    areas = {i["area"] for i in items if i["area"]}
    print(f"{len(items)} requests, {len(units)} lead units, {len(areas)} areas mentioned")
    print(f"{'variant':8} {'lead unit':>10} {'type':>8} {'area':>8} {'epidemic':>9} {'ms/req':>7}")
    for variant in ("clean", "asr"):
        right = dict.fromkeys((f for f, _ in FIELDS), 0)
        started = time.perf_counter()
        misses = []
        for item in items:
            got = router.suggest(item[variant]).to_dict()
            for field, label in FIELDS:
                right[field] += got[field] == item[label]
            if got["department"] != item["unit"]:
                misses.append((item["id"], item["unit"], got["department"], item[variant]))
        ms = (time.perf_counter() - started) * 1000 / len(items)
        n = len(items)
        print(
            f"{variant:8} {right['department'] / n:>10.3f} {right['category'] / n:>8.3f} "
            f"{right['area'] / n:>8.3f} {right['epidemic'] / n:>9.3f} {ms:>7.1f}"
        )
        if args.misses:
            for number, want, got, text in misses:
                print(f"   miss #{number} want {want} got {got}: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
