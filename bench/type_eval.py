"""Request-type accuracy by cross-validation on the seed corpus, and on a dev file.

    python bench/type_eval.py --cv 5 [--types-only] [--corpus FILE]
    python bench/type_eval.py --dev tests/routing/data/type_dev.jsonl [--misses]

`--cv K` routes every corpus request with a router whose classifiers never saw it (the
folds of bench/routing_eval.py --cv: same splitter, same ASR-style variant), and prints
lead unit, type, lead within the top three, area (where the corpus names one) and epidemic
F1, clean and ASR-style. `--types-only` fits only the type classifier per fold and prints
the type figure alone (seconds instead of minutes: for trying type features).
`type/base` is the type accuracy on the requests typed in `--base-corpus` (default: the
corpus itself), so that a figure stays comparable when lines are added or typed.

`--dev FILE`: {"text", "type"[, "unit"]} lines written for tuning (never a blind set);
the shipped router (seed classifier from the packaged corpus) types them.

`--sets`: every dev set of tests/routing/data (eval, the hold-outs, assist_dev, type_dev,
spoken_dev, written_dev, epidemic_dev; clean and, where made, ASR-style) with the shipped
router: per set n, type, lead, top-3, area, epidemic F1, and one confusion matrix of types
over all of them
(rows: the labelled type, columns: the router's). `--misses` lists the wrong types.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hotline.ticketing.routing.files import build_router, load_rules  # noqa: E402
from hotline.ticketing.routing.suggest import Router  # noqa: E402

from bench.routing_eval import Tally, load_items  # noqa: E402
from hotline.catalog_loader import load_catalog  # noqa: E402


def corpus_items(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def type_of(router: Router, model: Any, text: str, reader: Any = None) -> str:
    """The request type the router gives `text` with `model` as its type classifier
    (the steps of Router.suggest that lead to the type, without the unit vote);
    `reader`: a RuleReader with other blend settings."""
    from hotline.ticketing.routing.phonetic import TextSound
    from hotline.ticketing.routing.speech import normalise_speech
    from hotline.ticketing.routing.text import apply_corrections, chunks, normalise

    text = normalise_speech(text)
    clf_text = apply_corrections(normalise(text), router.rules.corrections)
    compact = clf_text.replace(" ", "")
    if not compact:
        return router.rules.category_default
    p_type = model.category_probabilities(clf_text) if model is not None else {}
    reader = reader or router._rules
    return reader.category(compact, TextSound(chunks(text)), p_type, text).category


def cross_validation(
    router: Router,
    corpus: Path,
    folds: int,
    types_only: bool,
    base: set[str],
    misses: bool,
    by_unit: bool = False,
    weights: tuple[float, ...] = (),
) -> list[str]:
    from hotline.ticketing.routing.classifier import (
        HistoryModel,
        build_pipeline,
        train_seed,
    )
    from sklearn.model_selection import StratifiedKFold

    from tests.routing.make_asr_variant import SEED, asr_variant

    items = corpus_items(corpus)
    records = [(i["text"], i["unit"], i.get("category")) for i in items]
    rng = random.Random(SEED)
    asr = [asr_variant(text, rng) for text, _, _ in records]
    labels = [unit for _, unit, _ in records]
    places = router.gazetteer.names()
    areas = sorted(a.id for a in router.catalog.areas)
    count: dict[tuple[str, str], int] = {}
    right: dict[tuple[str, str], int] = {}
    epi = {v: [0, 0, 0] for v in ("clean", "asr")}  # tp fp fn
    wrong: list[str] = []

    from dataclasses import replace

    from hotline.ticketing.routing.rule_votes import RuleReader

    readers = {
        w: RuleReader(
            replace(router.rules, classifier=replace(router.rules.classifier, category_weight=w)),
            router.phonetic,
            {a.id for a in router.catalog.areas},
            router.backoff,
        )
        for w in weights
    }

    def tally(variant: str, field: str, ok: bool) -> None:
        count[(variant, field)] = count.get((variant, field), 0) + 1
        right[(variant, field)] = right.get((variant, field), 0) + ok

    if by_unit:  # whole units held out: subjects the type classifier never saw
        from sklearn.model_selection import GroupKFold

        splits = GroupKFold(folds).split(records, labels, groups=labels)
    else:
        splits = StratifiedKFold(folds, shuffle=True, random_state=0).split(records, labels)
    for train_idx, test_idx in splits:
        train = [records[i] for i in train_idx]
        if types_only:
            from hotline.ticketing.routing.text import normalise

            typed = [(normalise(t), c) for t, _, c in train if c]
            model: Any = HistoryModel.__new__(HistoryModel)
            model.category_pipeline = build_pipeline(places).fit(
                [t for t, _ in typed], [c for _, c in typed]
            )
            fold_router = router
        else:
            model = train_seed(train, place_names=places, area_ids=areas)
            fold_router = Router(router.rules, router.catalog, phonetic=router.phonetic, seed=model)
        for i in test_idx:
            item = items[i]
            want_type = item.get("category")
            for variant, said in (("clean", item["text"]), ("asr", asr[i])):
                if types_only:
                    if want_type:
                        got_type = type_of(router, model, said)
                        tally(variant, "type", got_type == want_type)
                        for w, reader in readers.items():
                            tally(
                                variant, f"w{w}", type_of(router, model, said, reader) == want_type
                            )
                        if item["text"] in base:
                            tally(variant, "type/base", got_type == want_type)
                        if misses and variant == "clean" and got_type != want_type:
                            wrong.append(f"   want {want_type} got {got_type}: {item['text']}")
                    continue
                got = fold_router.suggest(said)
                ranked = [got.department, *(a.department for a in got.alternatives)]
                tally(variant, "lead", got.department == item["unit"])
                tally(variant, "top3", item["unit"] in ranked[:3])
                if want_type:
                    tally(variant, "type", got.category == want_type)
                    if item["text"] in base:
                        tally(variant, "type/base", got.category == want_type)
                    if misses and variant == "clean" and got.category != want_type:
                        wrong.append(f"   want {want_type} got {got.category}: {item['text']}")
                if item.get("area"):
                    tally(variant, "area", got.area == item["area"])
                if "epidemic" in item:
                    t = epi[variant]
                    t[0] += got.epidemic and item["epidemic"]
                    t[1] += got.epidemic and not item["epidemic"]
                    t[2] += item["epidemic"] and not got.epidemic
    fields = (
        ["type", "type/base", *(f"w{w}" for w in weights)]
        if types_only
        else ["lead", "type", "type/base", "top3", "area"]
    )
    lines = [
        f"{folds}-fold CV on {corpus.name}: {len(items)} requests, "
        f"{sum(1 for i in items if i.get('category'))} typed",
        f"{'variant':8} "
        + " ".join(f"{f:>9}" for f in fields)
        + ("" if types_only else "   epi F1"),
    ]
    for variant in ("clean", "asr"):
        cells = [
            f"{right[(variant, f)] / count[(variant, f)]:>9.3f}"
            if count.get((variant, f))
            else f"{'-':>9}"
            for f in fields
        ]
        tp, fp, fn = epi[variant]
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else float("nan")
        lines.append(f"{variant:8} " + " ".join(cells) + ("" if types_only else f" {f1:>8.3f}"))
    n_base = count.get(("clean", "type/base"), 0)
    lines.append(f"(type/base: the {n_base} typed requests of --base-corpus)")
    return lines + wrong


def dev_report(router: Router, path: Path, misses: bool) -> list[str]:
    items = corpus_items(path)
    by_type: dict[str, list[bool]] = {}
    wrong: list[str] = []
    for item in items:
        got = router.suggest(item["text"])
        ok = got.category == item["type"]
        by_type.setdefault(item["type"], []).append(ok)
        if misses and not ok:
            wrong.append(f"   want {item['type']} got {got.category}: {item['text']}")
    total = sum(sum(v) for v in by_type.values()) / len(items)
    parts = " ".join(f"{t} {sum(v)}/{len(v)}" for t, v in sorted(by_type.items()))
    return [f"{path.name}: {len(items)} requests, type {total:.3f} ({parts})", *wrong]


DEV_SETS = (
    "eval",
    "holdout",
    "holdout2",
    "holdout3",
    "holdout4",
    "assist_dev",
    "type_dev",
    "spoken_dev",
    "written_dev",
    "epidemic_dev",
)
TYPES = ("consult", "help", "complaint", "report", "suggestion")


def dev_items(name: str) -> list[dict[str, Any]]:
    """A dev set as {text, asr?, type, unit?, area?, epidemic?} items."""
    path = ROOT / f"tests/routing/data/{name}.jsonl"
    if not path.exists():
        return []
    if name.startswith(("eval", "holdout")):
        return [{**i, "text": i["clean"], "type": i["category"]} for i in load_items(path)]
    return corpus_items(path)


def sets_report(router: Router, misses: bool) -> list[str]:
    """Type, lead, top-3, area and epidemic F1 per dev set and variant, and the types'
    confusion matrix over all of them."""
    header = f"{'set':16} {'n':>4} {'type':>6} {'lead':>6} {'top3':>6} {'area':>6} {'epi F1':>7}"
    lines = [header]
    confusion: dict[tuple[str, str], int] = {}
    wrong: list[str] = []
    for name in DEV_SETS:
        items = dev_items(name)
        for variant in ("clean", "asr"):
            if not items or (variant == "asr" and "asr" not in items[0]):
                continue
            kind = 0
            tally = Tally()
            for item in items:
                said = item["text"] if variant == "clean" else item["asr"]
                got = router.suggest(said)
                kind += got.category == item["type"]
                confusion[(item["type"], got.category)] = (
                    confusion.get((item["type"], got.category), 0) + 1
                )
                if misses and got.category != item["type"] and variant == "clean":
                    wrong.append(f"   {name}: want {item['type']} got {got.category}: {said}")
                tally.add(got, item.get("unit"), item.get("area"), item.get("epidemic"))
            n, t = len(items), tally
            f1 = f"{t.epidemic_f1:>7.3f}" if t.epidemic_f1 is not None else f"{'-':>7}"
            unit = (
                f"{t.lead / t.units:>6.3f} {t.top3 / t.units:>6.3f}"
                if t.units
                else f"{'-':>6} {'-':>6}"
            )
            area = f"{t.area_right / t.areas:>6.3f}" if t.areas else f"{'-':>6}"
            lines.append(f"{name + '/' + variant:16} {n:>4} {kind / n:>6.3f} {unit} {area} {f1}")
    lines.append("confusion (rows labelled, columns routed):")
    lines.append(f"{'':11}" + "".join(f"{t:>11}" for t in TYPES))
    for want in TYPES:
        lines.append(f"{want:11}" + "".join(f"{confusion.get((want, t), 0):>11}" for t in TYPES))
    return lines + wrong


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", type=int, default=0, metavar="K")
    parser.add_argument("--types-only", action="store_true")
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--base-corpus", type=Path, default=None)
    parser.add_argument("--dev", type=Path, default=None)
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--sets", action="store_true", help="all dev sets, confusion matrix")
    parser.add_argument("--by-unit", action="store_true", help="hold out whole units")
    parser.add_argument(
        "--weights", default="", help="with --types-only: also these classifier.category_weight"
    )
    args = parser.parse_args()
    from hotline.ticketing.routing.seed import SEED_FILE

    catalog = load_catalog()
    router = build_router(load_rules(catalog), catalog)
    if args.dev:
        print("\n".join(dev_report(router, args.dev, args.misses)))
    if args.sets:
        print("\n".join(sets_report(router, args.misses)))
    if args.cv:
        corpus = args.corpus or SEED_FILE
        base_file = args.base_corpus or corpus
        base = {i["text"] for i in corpus_items(base_file) if i.get("category")}
        lines = cross_validation(
            router,
            corpus,
            args.cv,
            args.types_only,
            base,
            args.misses,
            args.by_unit,
            tuple(float(w) for w in args.weights.split(",") if w),
        )
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
