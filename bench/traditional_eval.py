"""Requests in traditional script route as their simplified twins: a check set made by OpenCC.

    python bench/traditional_eval.py [--rounds 18] [--unconverted] [--misses]

Nobody in the retired rounds wrote a whole request in traditional characters, so the check
set is made from them: each retired line of the given rounds (default the newest, 18) is
converted with OpenCC's s2t (general traditional), s2tw (台湾) and s2hk (香港) tables, and
the shipped router routes the simplified line and each conversion. Per table: lines, how
many the conversion changed, and the share whose lead, type and area equal the simplified
twin's; then lead, type and area against the labels (area where a place is labelled),
simplified first. `--unconverted` switches the router's conversion off (traditional.py):
the router as it was before it converted. `--misses` lists the lines that route otherwise.

The router is the shipped one, trained on every retired round, so the label figures are
in-sample; the twin agreement is the figure: it needs no held-out data.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import opencc  # noqa: E402
from hotline.ticketing.routing import speech  # noqa: E402
from hotline.ticketing.routing.files import build_router, load_rules  # noqa: E402
from hotline.ticketing.routing.seed import RETIRED_FILE  # noqa: E402

from hotline.catalog_loader import load_catalog  # noqa: E402

TABLES = ("s2t", "s2tw", "s2hk")


def lines(rounds: set[str]) -> list[dict[str, object]]:
    """The retired lines of these rounds ('18' → r18_spoken, r18_written, r18_assist)."""
    found = []
    for raw in RETIRED_FILE.read_text(encoding="utf-8").splitlines():
        if raw.strip():
            item = json.loads(raw)
            if str(item["source"]).split("_", 1)[0].removeprefix("r") in rounds:
                found.append(item)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", default="18", help="retired rounds, comma-separated")
    parser.add_argument("--unconverted", action="store_true", help="switch conversion off")
    parser.add_argument("--misses", action="store_true", help="list lines routed otherwise")
    args = parser.parse_args()
    if args.unconverted:
        speech.simplified = lambda text: text  # type: ignore[assignment]
    catalog = load_catalog()
    router = build_router(load_rules(catalog), catalog, None)
    converters = {name: opencc.OpenCC(name) for name in TABLES}
    items = lines(set(args.rounds.split(",")))
    twins = {name: [0, 0, 0, 0] for name in TABLES}  # changed, same lead, type, area
    labels = {name: [0, 0, 0, 0] for name in ("simplified", *TABLES)}  # lead type area said
    for item in items:
        text = str(item["text"])
        base = router.suggest(text)
        routed = {"simplified": (text, base)}
        for name, converter in converters.items():
            converted = converter.convert(text)
            got = base if converted == text else router.suggest(converted)
            routed[name] = (converted, got)
            row = twins[name]
            row[0] += converted != text
            same = (got.department == base.department, got.category == base.category)
            same += (got.area == base.area,)
            for i, ok in enumerate(same, 1):
                row[i] += ok
            if args.misses and not all(same):
                was = f"{base.department}/{base.category}/{base.area}"
                now = f"{got.department}/{got.category}/{got.area}"
                print(f"OTHER {name} {item['source']} {was} → {now} {converted}")
        for name, (_, got) in routed.items():
            row = labels[name]
            row[0] += got.department == item["unit"]
            row[1] += got.category == item["category"]
            row[2] += item["area"] is not None and got.area == item["area"]
            row[3] += item["area"] is not None
    n = len(items)
    print(f"rounds {args.rounds}: {n} lines; conversion {'off' if args.unconverted else 'on'}")
    print(f"{'table':10} {'changed':>8} {'=lead':>6} {'=type':>6} {'=area':>6}")
    for name, (changed, lead, kind, area) in twins.items():
        print(f"{name:10} {changed:>8} {lead / n:>6.3f} {kind / n:>6.3f} {area / n:>6.3f}")
    print(f"{'labels':10} {'lead':>8} {'type':>6} {'area':>6}")
    for name, (lead, kind, area, said) in labels.items():
        print(f"{name:10} {lead / n:>8.3f} {kind / n:>6.3f} {area / max(said, 1):>6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
