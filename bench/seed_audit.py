"""Which seed-corpus lines does a router that never read the seed corpus disagree with?

    python bench/seed_audit.py [--min 0.0] [--kind unit|type|epidemic|all] [--limit N]

The seed corpus (`ticketing/routing/seed_corpus.jsonl`) was written for the router and
labelled by its authors; the retired blind sets were labelled by people who never saw the
router, by the catalogue's rules. This trains the classifiers on the retired sets alone
(as shipped weights, no seed line), routes every seed line as written with that router
(rules and classifier, as `Router.suggest` does) and lists the lines whose lead unit,
request type or epidemic flag (where the line carries one) differs from its label, most
confident first: the lead by the router's confidence, the type by the type classifier's
probability of its own answer. A listed line is a candidate to read against the catalogue
(units' duties, the types' definitions and 标志, the epidemic rule), never a label to copy:
the router is wrong about many of them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hotline.ticketing.routing.classifier import train_seed  # noqa: E402
from hotline.ticketing.routing.files import build_router, load_rules  # noqa: E402
from hotline.ticketing.routing.seed import SEED_FILE, retired_records  # noqa: E402
from hotline.ticketing.routing.speech import normalise_speech  # noqa: E402
from hotline.ticketing.routing.suggest import Router  # noqa: E402
from hotline.ticketing.routing.text import apply_corrections, normalise  # noqa: E402

from hotline.catalog_loader import load_catalog  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min", type=float, default=0.0, help="least confidence listed")
    parser.add_argument("--kind", default="all", choices=("unit", "type", "epidemic", "all"))
    parser.add_argument("--limit", type=int, default=0, help="at most N lines per kind")
    args = parser.parse_args()

    catalog = load_catalog()
    shipped = build_router(load_rules(catalog), catalog)
    areas = {a.id for a in catalog.areas}
    model = train_seed(
        retired_records(), place_names=shipped.gazetteer.names(), area_ids=sorted(areas)
    )
    router = Router(shipped.rules, catalog, phonetic=shipped.phonetic, seed=model)

    rows: dict[str, list[tuple[float, str]]] = {"unit": [], "type": [], "epidemic": []}
    lines = SEED_FILE.read_text(encoding="utf-8").splitlines()
    counts = {"unit": 0, "type": 0, "epidemic": 0}
    for number, line in enumerate(lines, start=1):
        item = json.loads(line)
        got = router.suggest(item["text"])
        head = f"seed:{number:<5}"
        counts["unit"] += 1
        if got.department != item["unit"]:
            rows["unit"].append(
                (
                    got.confidence,
                    f"{head} {got.confidence:.2f} want {item['unit']} got {got.department} "
                    f"({got.decided_by}): {item['text']}",
                )
            )
        if item.get("category"):
            counts["type"] += 1
            clf_text = apply_corrections(
                normalise(normalise_speech(item["text"])), shipped.rules.corrections
            )
            p_type = model.category_probabilities(clf_text)
            if got.category != item["category"]:
                p = p_type.get(got.category, 0.0)
                rows["type"].append(
                    (
                        p,
                        f"{head} {p:.2f} want {item['category']} got {got.category} "
                        f"(p want {p_type.get(item['category'], 0.0):.2f}): {item['text']}",
                    )
                )
        if "epidemic" in item and item["epidemic"] is not None:
            counts["epidemic"] += 1
            if got.epidemic != item["epidemic"]:
                rows["epidemic"].append(
                    (1.0, f"{head} want {item['epidemic']} got {got.epidemic}: {item['text']}")
                )
    kinds = list(rows) if args.kind == "all" else [args.kind]
    for kind in kinds:
        found = sorted((r for r in rows[kind] if r[0] >= args.min), key=lambda r: -r[0])
        print(f"== {kind}: {len(rows[kind])} of {counts[kind]} labelled lines differ")
        for _, text in found[: args.limit or None]:
            print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
