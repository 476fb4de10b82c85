"""Where the automatic share is lost: every hold's count on held-out routings.

    python bench/auto_gates.py --retired 13,14,15,16,17 --dump FILE   (routes; minutes)
    python bench/auto_holds.py FILE [--rounds 13,14] [--threshold 0.882] [--drop joint,...]
                                    [--misses HOLD]

FILE holds retired lines routed by a classifier trained without their round, with every
hold rule's verdict (auto.hold_checks). Per hold: how many requests it stops at all
("fires"), how many it alone stops (no other hold fires and the calibrated confidence
reaches the threshold: what dropping that hold would dispatch), and how many of those the
router had right and wrong. A request labelled with 协办 is wrong when dispatched alone.
`--drop` lists holds to switch off for the what-if share; `--misses HOLD` prints the
requests only that hold stops, wrong ones first.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hotline.ticketing.routing.auto import HOLDS as RULES  # noqa: E402

# The hold rules in the gate's order; "disabled" is the switch, not a rule.
HOLDS = tuple(h for h in RULES if h != "disabled")


def right(row: dict[str, Any]) -> bool:
    return row["got"] == row["unit"] and not row["assist"]


def over(row: dict[str, Any], threshold: float) -> bool:
    value = row["calibrated"] if row["calibrated"] is not None else row["confidence"]
    return value >= threshold


def firing(row: dict[str, Any], dropped: set[str]) -> list[str]:
    return [h for h in HOLDS if row["holds"].get(h) and h not in dropped]


def share(rows: list[dict[str, Any]], threshold: float, dropped: set[str]) -> str:
    went = [r for r in rows if not firing(r, dropped) and over(r, threshold)]
    wrong = sum(not right(r) for r in went)
    p = 1 - wrong / len(went) if went else float("nan")
    return (
        f"{len(went) / max(len(rows), 1):.3f} @ {p:.3f} ({len(went)} of {len(rows)}, {wrong} wrong)"
    )


def report(rows: list[dict[str, Any]], threshold: float, dropped: set[str]) -> list[str]:
    fires: Counter[str] = Counter()
    fires_right: Counter[str] = Counter()
    sole: Counter[str] = Counter()
    sole_right: Counter[str] = Counter()
    for r in rows:
        on = firing(r, set())
        for h in on:
            fires[h] += 1
            fires_right[h] += right(r)
        if len(on) == 1 and over(r, threshold):
            sole[on[0]] += 1
            sole_right[on[0]] += right(r)
    under = [r for r in rows if not firing(r, set()) and not over(r, threshold)]
    lines = [
        f"{'hold':13} {'fires':>6} {'right':>6} {'wrong':>6}   "
        f"{'alone':>6} {'right':>6} {'wrong':>6}"
    ]
    for h in HOLDS:
        lines.append(
            f"{h:13} {fires[h]:>6} {fires_right[h]:>6} {fires[h] - fires_right[h]:>6}   "
            f"{sole[h]:>6} {sole_right[h]:>6} {sole[h] - sole_right[h]:>6}"
        )
    n_right = sum(right(r) for r in under)
    lines.append(f"{'threshold':13} {len(under):>6} {n_right:>6} {len(under) - n_right:>6}")
    lines.append(f"as shipped: {share(rows, threshold, set())}")
    if dropped:
        lines.append(f"without {','.join(sorted(dropped))}: {share(rows, threshold, dropped)}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--rounds", default="", help="only these rounds, e.g. 13,14")
    parser.add_argument("--threshold", type=float, default=0.882)
    parser.add_argument("--drop", default="", help="holds to switch off, e.g. joint,source")
    parser.add_argument("--misses", default="", metavar="HOLD")
    args = parser.parse_args()
    rows = [json.loads(x) for x in args.file.read_text(encoding="utf-8").splitlines() if x]
    if args.rounds:
        wanted = {int(r) for r in args.rounds.split(",")}
        rows = [r for r in rows if r["round"] in wanted]
    dropped = set(filter(None, args.drop.split(",")))
    print("\n".join(report(rows, args.threshold, dropped)))
    for kind in ("spoken", "written", "assist"):
        some = [r for r in rows if r["set"].endswith(kind)]
        print(f"  {kind:8} as shipped {share(some, args.threshold, set())}", end="")
        print(f"; without: {share(some, args.threshold, dropped)}" if dropped else "")
    if args.misses:
        alone = [r for r in rows if firing(r, set()) == [args.misses] and over(r, args.threshold)]
        for r in sorted(alone, key=right):
            mark = "RIGHT" if right(r) else "WRONG"
            print(
                f"{mark} {r['set']}:{r['number']} want {r['unit']}+{r['assist']} got {r['got']} "
                f"cal {r['calibrated']} joint {r['joint_cues']} assist {r['assisting']} "
                f"other {r['other_duties']} second {r['second_ask']!r} area {r['area_asked']!r}: "
                f"{r['text'][:160]}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
