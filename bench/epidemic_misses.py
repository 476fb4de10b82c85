"""The epidemic flag (涉疫) on the development sets: precision, recall, F1, and every miss.

    python bench/epidemic_misses.py [--retired r4_spoken|…|all] [--dev] [--quiet]

For each set: n, flagged, labelled, precision, recall and F1 of the flag; then every
false positive with the cues that raised it, and every false negative with what came
close: weak cues heard too few times, shared cues (确诊, 发烧, 疫苗) not counted because
another illness or an animal is named (and which), and the excluded words found.
`--retired` reads the retired blind sets of rounds 2–36 (development data); `--dev`
the tests/routing sets (eval and the hold-outs, as written and in their ASR-style
variant; the spoken, written, epidemic, 协办 and place-sound dev sets) and the seed
corpus's lines labelled with the flag. It never reads the blind sets.

The flag is the phrase rules' alone (config/routing.yaml `epidemic`; no classifier
votes on it), so the router here runs with the seed classifier off: the figures equal
`routing_eval.py --retired`'s epidemic F1 and `retired_lolo.py`'s, and a run takes
seconds. Each request's cues are read as `Router.suggest` reads them (the whole message,
after speech normalisation and the recognition corrections), and checked against the
flag the router itself returns.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hotline.ticketing.routing.epidemic import EpidemicReader  # noqa: E402
from hotline.ticketing.routing.files import build_router, load_rules  # noqa: E402
from hotline.ticketing.routing.phonetic import TextSound  # noqa: E402
from hotline.ticketing.routing.speech import normalise_speech  # noqa: E402
from hotline.ticketing.routing.suggest import MAX_CHARS, Router  # noqa: E402
from hotline.ticketing.routing.text import apply_corrections, chunks, normalise  # noqa: E402

from bench.routing_eval import RETIRED, SETS, load_items  # noqa: E402
from hotline.catalog_loader import load_catalog  # noqa: E402


@dataclass
class Counts:
    n: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else float("nan")
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else float("nan")
        wrong = self.fp + self.fn
        f1 = 2 * self.tp / (2 * self.tp + wrong) if self.tp + wrong else float("nan")
        return (
            f"{name:14} {self.n:>4} {self.tp + self.fp:>5} {self.tp + self.fn:>5} "
            f"{p:>6.3f} {r:>6.3f} {f1:>6.3f} {self.fp:>3} {self.fn:>3}"
        )


def cues(router: Router, text: str) -> tuple[list[str], str]:
    """The epidemic cues the router hears in `text`, and the text the rules read."""
    said = normalise_speech(text[:MAX_CHARS])
    whole = apply_corrections(normalise(said), router.rules.corrections).replace(" ", "")
    return _reader(router).words(whole, TextSound(chunks(said))), whole


@cache
def _reader(router: Router) -> EpidemicReader:
    """The router's epidemic cues, read as its rules read them (built once per router)."""
    return EpidemicReader(router.rules.epidemic, router.phonetic)


def near(router: Router, whole: str) -> str:
    """What came close to raising the flag in a text that did not raise it."""
    rules = router.rules.epidemic
    parts = []
    weak = [w for w in rules.weak if w in whole]
    if weak:
        parts.append(f"weak {'、'.join(weak)} ({len(weak)}/{rules.weak_needed})")
    other = [w for w in rules.other_illness if w in whole]
    shared = [w for w in rules.general if w in whole]
    if other and shared:
        parts.append(f"shared {'、'.join(shared)} beside {'、'.join(other)}")
    excluded = [w for w in rules.exclude if w in whole]
    if excluded:
        parts.append(f"excluded {'、'.join(excluded)}")
    return "; ".join(parts) or "no cue"


def run(router: Router, name: str, items: list[tuple[str, bool]], quiet: bool) -> Counts:
    counts = Counts()
    for number, (text, label) in enumerate(items, start=1):
        heard, whole = cues(router, text)
        flagged = bool(heard)
        if flagged != router.suggest(text).epidemic:
            raise SystemExit(f"{name}:{number}: the cues read here differ from the router's")
        counts.n += 1
        counts.tp += flagged and label
        counts.fp += flagged and not label
        counts.fn += label and not flagged
        if quiet or flagged == label:
            continue
        why = f"cues {'、'.join(heard)}" if flagged else near(router, whole)
        counts.misses.append(f"   {name}:{number} [{'FP' if flagged else 'FN'}] {why}: {text}")
    return counts


# tests/routing dev sets in the {"text", "epidemic"} form, and the seed corpus.
PLAIN_SETS = {
    name: ROOT / f"tests/routing/data/{name}.jsonl"
    for name in ("spoken_dev", "written_dev", "epidemic_dev", "place_sounds_dev")
} | {
    "assist_dev": ROOT / "tests/routing/data/assist_dev.jsonl",
    "assist_dev2": ROOT / "tests/routing/data/assist_dev2.jsonl",
    "assist_dev3": ROOT / "tests/routing/data/assist_dev3.jsonl",
    "seed_corpus": ROOT / "ticketing/routing/seed_corpus.jsonl",
}


def labelled(path: Path) -> list[tuple[str, bool]]:
    """(text, flag) of every line that carries the epidemic label."""
    lines = map(json.loads, filter(None, path.read_text(encoding="utf-8").splitlines()))
    return [(i["text"], bool(i["epidemic"])) for i in lines if i.get("epidemic") is not None]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--retired", choices=[*sorted(RETIRED), "all"])
    parser.add_argument("--dev", action="store_true", help="the tests/routing sets")
    parser.add_argument("--quiet", action="store_true", help="figures only, no misses")
    args = parser.parse_args()
    catalog = load_catalog()
    rules = load_rules(catalog)
    rules = replace(rules, classifier=replace(rules.classifier, seed_corpus=False))
    router = build_router(rules, catalog)
    sets: dict[str, list[tuple[str, bool]]] = {}
    if args.retired:
        for name in sorted(RETIRED) if args.retired == "all" else [args.retired]:
            sets[name] = labelled(RETIRED[name])
    if args.dev:
        for name, path in SETS.items():
            items = load_items(path)
            for variant in ("clean", "asr"):
                sets[f"{name}/{variant}"] = [(i[variant], bool(i["epidemic"])) for i in items]
        for name, path in PLAIN_SETS.items():
            sets[name] = labelled(path)
    print(f"{'set':14} {'n':>4} {'flag':>5} {'label':>5} {'P':>6} {'R':>6} {'F1':>6} FP  FN")
    pooled = Counts()
    for name, items in sets.items():
        counts = run(router, name, items, args.quiet)
        print(counts.line(name))
        if counts.misses:
            print("\n".join(counts.misses))
        for key in ("n", "tp", "fp", "fn"):
            setattr(pooled, key, getattr(pooled, key) + getattr(counts, key))
    print(pooled.line("pooled"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
