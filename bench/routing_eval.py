"""Accuracy of the dispatch suggestions on the labelled evaluation set.

    python bench/routing_eval.py [--data tests/routing/data/eval.jsonl] [--rules FILE]
                                 [--model FILE] [--misses]
    python bench/routing_eval.py --set holdout|holdout2|holdout3|holdout4 [--misses] [--rules-only]
    python bench/routing_eval.py --cv 5 [--corpus FILE]
    python bench/routing_eval.py --blind r11_spoken|…|all [--misses]
    python bench/routing_eval.py --retired r2_spoken|…|all [--misses]

`--misses` on the --retired/--blind style reports lists every request with a wrong field,
tagged [lead type area epi] (area only where a place is labelled): grep a tag for one field.

The shipped router votes with the seed-corpus classifier (trained on first use,
cached under var/); `--rules-only` measures the phrase rules alone.

Prints, for the clean and the ASR-style variant of every request, the share
of correct lead units, request types, areas and epidemic flags.

`--cv K`: K-fold cross-validation on the seed corpus (the packaged one or
`--corpus`): every fold's classifier is trained on the other folds only, and
the whole router (rules + that classifier) routes the held-out requests, as
written and in an ASR-style variant. The rules were not written from the
corpus, so this is the generalisation estimate that no dev set gives any more.

`--set eval` (the default) reads a file written by tests/routing/make_asr_variant.py.
The hold-out sets (written blind, before the rules were read; see bench/RESULTS.md)
hold clean texts only, {"text", "department", "category", "area", "epidemic"};
their ASR-style variant is made here with the same generator and a fixed seed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hotline.ticketing.routing.confidence import FEATURES, Evidence, fit_calibrator  # noqa: E402
from hotline.ticketing.routing.files import build_router, load_model, load_rules  # noqa: E402
from hotline.ticketing.routing.suggest import Router, Suggestion  # noqa: E402

from hotline.catalog_loader import load_catalog  # noqa: E402

SETS = {
    "eval": ROOT / "tests/routing/data/eval.jsonl",
    "holdout": ROOT / "tests/routing/data/holdout.jsonl",
    "holdout2": ROOT / "tests/routing/data/holdout2.jsonl",
    "holdout3": ROOT / "tests/routing/data/holdout3.jsonl",
    "holdout4": ROOT / "tests/routing/data/holdout4.jsonl",
}


def _sets(rounds: range) -> dict[str, Path]:
    """The bench/blind sets of these rounds that exist (r7 has a spoken set only)."""
    names = (f"r{r}_{kind}" for r in rounds for kind in ("spoken", "written", "assist"))
    return {
        n: ROOT / f"bench/blind/{n}.jsonl"
        for n in names
        if (ROOT / f"bench/blind/{n}.jsonl").is_file()
    }


# Texts as said or written, no ASR variant made (bench/blind/README.md). Rounds 2–5 were
# measured two or three times each and then retired into development data (tuned on from
# round 8), rounds 6 and 7 after three or four measurements (from round 9), rounds 8 and 9
# after three or four (from round 10), round 10 after two (from round 11); `--blind all`
# and the calibration's blind report read only the blind rounds.
# They also train the classifiers (ticketing/routing/retired_sets.jsonl), so `--retired`
# routes texts the shipped classifier was trained on: bench/retired_lolo.py holds each
# round out of the training for an honest figure.
RETIRED = _sets(range(2, 37))
BLIND = _sets(range(37, 41))

FIELDS = (
    ("department", "unit"),
    ("category", "category"),
    ("area", "area"),
    ("epidemic", "epidemic"),
)


def load_items(path: Path) -> list[dict[str, Any]]:
    """Evaluation items in the eval.jsonl form (id, unit, category, area, epidemic,
    clean, asr), converting a hold-out file and making its ASR-style variant."""
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    if not lines or "clean" in lines[0]:
        return lines
    from tests.routing.make_asr_variant import SEED, asr_variant

    rng = random.Random(SEED)
    return [
        {
            "id": number,
            "unit": item["department"],
            "category": item["category"],
            "area": item["area"],
            "epidemic": item["epidemic"],
            "clean": item["text"],
            "asr": asr_variant(item["text"], rng),
        }
        for number, item in enumerate(lines, start=1)
    ]


ASSIST_DEV = {
    "assist_dev": ROOT / "tests/routing/data/assist_dev.jsonl",  # tuned on
    "assist_dev2": ROOT / "tests/routing/data/assist_dev2.jsonl",  # written later, a check
    "assist_dev3": ROOT / "tests/routing/data/assist_dev3.jsonl",  # written later still
}
# Spoken requests naming places in fuzzy-syllable forms (熊药镇, 万海街道) and look-alikes
# where such a form is an everyday word (海信, 还新): written for, and tuned on, #18.
PLACE_SOUNDS_DEV = {"place_sounds_dev": ROOT / "tests/routing/data/place_sounds_dev.jsonl"}


@dataclass
class Tally:
    """Lead unit, lead within the top three, area (only where a place is labelled) and
    the epidemic flag's counts over routed requests; the scoring both eval scripts share."""

    units: int = 0
    lead: int = 0
    top3: int = 0
    areas: int = 0
    area_right: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(
        self, got: Suggestion, unit: str | None, area: str | None, epidemic: bool | None
    ) -> None:
        """One routing; a label that is None is not scored."""
        if unit:
            self.units += 1
            self.lead += got.department == unit
            self.top3 += unit in [got.department, *(a.department for a in got.alternatives)][:3]
        if area:
            self.areas += 1
            self.area_right += got.area == area
        if epidemic is not None:
            self.tp += got.epidemic and epidemic
            self.fp += got.epidemic and not epidemic
            self.fn += epidemic and not got.epidemic

    @property
    def epidemic_f1(self) -> float | None:
        """None when no request was flagged by either side."""
        wrong = self.fp + self.fn
        return 2 * self.tp / (2 * self.tp + wrong) if self.tp + wrong else None


def miss_fields(got: Suggestion, item: dict[str, Any]) -> list[str]:
    """The scored fields the router got wrong for a labelled request: lead, type, area
    (only where a place is labelled, as the area column counts) and epi (the flag)."""
    wrong = []
    if got.department != item["unit"]:
        wrong.append("lead")
    if got.category != item["type"]:
        wrong.append("type")
    if item["area"] and got.area != item["area"]:
        wrong.append("area")
    if item["epidemic"] is not None and got.epidemic != item["epidemic"]:
        wrong.append("epi")
    return wrong


def blind_report(router: Router, names: list[str], show_misses: bool) -> list[str]:
    """The round-2 targets on blind sets: lead unit, type, lead within the top three,
    area (only where a place is said), epidemic F1, 协办 precision/recall where labelled, and
    the automatic-dispatch share with its lead-unit precision at the shipped threshold
    (config/routing.yaml `auto_dispatch`, switched on for the count; the same rules as the
    service: no epidemic matter, no 协办 suggestion, a trusted source)."""
    from hotline.ticketing.routing.auto import decide

    auto_settings = replace(router.rules.auto_dispatch, enabled=True)
    header = (
        f"{'set':11} {'n':>4} {'lead':>6} {'type':>6} {'top3':>6} {'area':>6} "
        f"{'epi F1':>7} {'协办 P':>7} {'协办 R':>7} {'auto':>6} {'auto P':>7}"
    )
    lines = [header]
    for name in names:
        path = ASSIST_DEV.get(name) or PLACE_SOUNDS_DEV.get(name) or {**RETIRED, **BLIND}[name]
        items = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
        kind = 0
        tally = Tally()
        a_tp = a_fp = a_fn = 0
        auto: list[bool] = []  # lead right, for each request dispatched automatically
        labelled = any("assist" in i for i in items)
        misses: list[str] = []
        for item in items:
            got = router.suggest(item["text"])
            tally.add(got, item["unit"], item["area"], item["epidemic"])
            kind += got.category == item["type"]
            if decide(got, auto_settings, "").dispatch:
                # The lead alone, for a request whose label names assisting units, is wrong.
                auto.append(got.department == item["unit"] and not item.get("assist"))
            if labelled:
                want = set(item.get("assist", []))
                said = {unit for unit, _ in got.assisting}
                a_tp += len(want & said)
                a_fp += len(said - want)
                a_fn += len(want - said)
            wrong = miss_fields(got, item)
            if show_misses and wrong:
                misses.append(
                    f"   {item.get('id', '-')} [{' '.join(wrong)}] want "
                    f"{item['unit']}/{item['type']}/{item['area']}/{item['epidemic']} got "
                    f"{got.department}/{got.category}/{got.area}/{got.epidemic} "
                    f"({got.confidence:.2f}): {item['text']}"
                )
        n = len(items)
        f1 = tally.epidemic_f1
        p = a_tp / (a_tp + a_fp) if a_tp + a_fp else float("nan")
        r = a_tp / (a_tp + a_fn) if a_tp + a_fn else float("nan")
        lines.append(
            f"{name:11} {n:>4} {tally.lead / n:>6.3f} {kind / n:>6.3f} {tally.top3 / n:>6.3f} "
            f"{tally.area_right / max(tally.areas, 1):>6.3f} "
            f"{f1 if f1 is not None else float('nan'):>7.3f} "
            + (f"{p:>7.3f} {r:>7.3f}" if labelled else f"{'-':>7} {'-':>7}")
            + f" {len(auto) / n:>6.3f} {sum(auto) / len(auto) if auto else float('nan'):>7.3f}"
        )
        lines += misses
    return lines


def cross_validation(
    router: Router,
    corpus: Path,
    folds: int,
    show_misses: bool,
    routed: list[tuple[int, Suggestion, bool, bool, str]] | None = None,
) -> list[str]:
    """Lines of a K-fold report: lead unit and type, clean and ASR-style, per variant.
    `routed` collects (fold, suggestion, lead right, shared duty, origin) for every routing,
    shared duty being a retired line labelled with 协办 (bench/blind/r*_assist), origin the
    retired line's set and line ("r10_spoken:23") or "seed". The packaged
    corpus is cross-validated as the classifiers train on it: the seed corpus and the
    retired sets together, each part's figures on a line of its own."""
    from hotline.ticketing.routing.classifier import train_seed
    from hotline.ticketing.routing.duty_examples import duty_examples
    from hotline.ticketing.routing.seed import (
        DUTY_WEIGHT,
        SEED_FILE,
        seed_records,
        training_records,
    )
    from sklearn.model_selection import StratifiedKFold

    from tests.routing.make_asr_variant import SEED, asr_variant

    records = training_records() if corpus == SEED_FILE else list(seed_records(corpus))
    seed_lines = len(seed_records(corpus))
    shared = [False] * seed_lines + [bool(a) for a in retired_assists()]
    shared = shared if len(shared) == len(records) else [False] * len(records)
    origin = ["seed"] * seed_lines + retired_sources()
    origin = origin if len(origin) == len(records) else ["seed"] * len(records)
    rng = random.Random(SEED)
    asr = [asr_variant(r[0], rng) for r in records]
    labels = [r[1] for r in records]
    places = router.gazetteer.names()
    areas = sorted(a.id for a in router.catalog.areas)
    parts = ("seed", "retired") if len(records) > seed_lines else ("seed",)
    right = {(p, v, f): 0 for p in parts for v in ("clean", "asr") for f in ("unit", "type")}
    misses: list[str] = []
    splitter = StratifiedKFold(folds, shuffle=True, random_state=0)
    for fold, (train_idx, test_idx) in enumerate(splitter.split(labels, labels)):
        # The catalogue's duty items train every fold, as they train the shipped model; they
        # are no request, so they are never routed.
        duties = duty_examples(router.catalog.units, DUTY_WEIGHT)
        model = train_seed(
            [*(records[i] for i in train_idx), *duties], place_names=places, area_ids=areas
        )
        fold_router = Router(router.rules, router.catalog, phonetic=router.phonetic, seed=model)
        for i in test_idx:
            text, unit, category = records[i][:3]
            part = "seed" if i < seed_lines else "retired"
            for variant, said in (("clean", text), ("asr", asr[i])):
                got = fold_router.suggest(said)
                right[(part, variant, "unit")] += got.department == unit
                if routed is not None:
                    routed.append((fold, got, got.department == unit, shared[i], origin[i]))
                right[(part, variant, "type")] += bool(category) and got.category == category
                if show_misses and got.department != unit and variant == "clean":
                    misses.append(f"   miss want {unit} got {got.department}: {text}")
    lines = [f"{folds}-fold cross-validation on {corpus.name} and what trains with it"]
    lines.append(f"{'part':8} {'n':>5} {'typed':>5} {'variant':8} {'lead unit':>10} {'type':>8}")
    for part in parts:
        at = range(seed_lines) if part == "seed" else range(seed_lines, len(records))
        n = len(at)
        typed = sum(1 for i in at if records[i][2])
        for variant in ("clean", "asr"):
            unit_acc = right[(part, variant, "unit")] / n
            type_acc = right[(part, variant, "type")] / typed if typed else float("nan")
            lines.append(
                f"{part:8} {n:>5} {typed:>5} {variant:8} {unit_acc:>10.3f} {type_acc:>8.3f}"
            )
    return lines + misses


@dataclass(frozen=True)
class Routed:
    """One cross-validated routing: its outer fold, what the router knew, and the truth."""

    fold: int
    confidence: float  # the lead's combined score
    evidence: Evidence | None
    correct: bool
    eligible: bool  # decided by rules/history/classifier, not epidemic, no 协办
    epidemic: bool = False
    assisting: int = 0  # 协办 units suggested, or other units' duties named (not shown)
    source: str = ""  # decided_by
    hold: str = ""  # the service's rule that holds it back before the threshold (auto.HOLDS)
    # The label names 协办 (a retired shared-duty line): the lead alone is the wrong dispatch
    # even when the lead is right. The corpus labels the lead only, so False elsewhere.
    shared: bool = False
    # Where the routed text comes from: "seed", or a retired line's "r10_spoken:23" (what
    # bench/auto_transfer.py holds out by round); "" in files written before it was kept.
    origin: str = ""


def retired_assists() -> list[list[str]]:
    """The 协办 label of every line of the packaged retired sets, in file order."""
    from hotline.ticketing.routing.seed import RETIRED_FILE

    lines = RETIRED_FILE.read_text(encoding="utf-8").splitlines()
    return [list(json.loads(x).get("assist", [])) for x in lines if x.strip()]


def retired_sources() -> list[str]:
    """The source ("r10_spoken:23") of every line of the packaged retired sets, in file order."""
    from hotline.ticketing.routing.seed import RETIRED_FILE

    lines = RETIRED_FILE.read_text(encoding="utf-8").splitlines()
    return [str(json.loads(x).get("source", "")) for x in lines if x.strip()]


def routed_of(items: list[tuple[int, Suggestion, bool, bool, str]], router: Router) -> list[Routed]:
    from hotline.ticketing.routing.auto import held_back_by

    policy = replace(router.rules.auto_dispatch, enabled=True, threshold=0.0)
    holds = [held_back_by(s, policy) or "" for _, s, _, _, _ in items]
    return [
        Routed(
            fold,
            s.confidence,
            s.evidence,
            correct,
            not hold,
            s.epidemic,
            len(s.assisting) + len(s.other_duties),
            s.decided_by,
            hold,
            shared,
            origin,
        )
        for (fold, s, correct, shared, origin), hold in zip(items, holds, strict=True)
    ]


def trusted(r: Routed) -> bool:
    from hotline.ticketing.routing.auto import TRUSTED_SOURCES

    return r.source in TRUSTED_SOURCES


def save_routed(path: Path, routed: list[Routed]) -> None:
    rows = [{**asdict(r), "evidence": asdict(r.evidence) if r.evidence else None} for r in routed]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")


def load_routed(path: Path) -> list[Routed]:
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
    return [
        Routed(**{**r, "evidence": Evidence(**r["evidence"]) if r["evidence"] else None})
        for r in rows
    ]


def calibrated_out_of_fold(
    routed: list[Routed], strength: float, features: Sequence[str] = FEATURES
) -> list[float]:
    """Each routing's calibrated confidence from a calibrator fitted on the other folds
    (no evidence: 0, never dispatched); `features`: the evidence it may weigh."""
    out = [0.0] * len(routed)
    for fold in sorted({r.fold for r in routed}):
        train = [r for r in routed if r.fold != fold and r.evidence is not None]
        calibrator = fit_calibrator(
            [r.evidence for r in train], [r.correct for r in train], strength, features
        )
        for i, r in enumerate(routed):
            if r.fold == fold and r.evidence is not None:
                out[i] = calibrator(r.evidence)
    return out


def held_out_threshold(
    routed: list[Routed],
    held_out: list[float],
    inner: Callable[[list[Routed]], list[float]],
    precision: float,
    only: Callable[[Routed], bool] = lambda r: True,
    chosen_on: Callable[[Routed], bool] | None = None,
) -> tuple[float, float, list[float], float]:
    """Coverage and precision when each fold's threshold is chosen without that fold:
    `held_out` scores every routing without its own fold's labels; `inner(rest)` scores
    the other folds without the held-out fold's labels. Pooled over the held-out folds.
    With `only`, the threshold applies to those routings alone (the ones the policy lets
    go automatically), and is chosen on them unless `chosen_on` says on which; coverage
    stays a share of all routings. Last, the precision with a shared-duty routing
    (`Routed.shared`) counted wrong: what dispatching the lead alone gets right."""
    from hotline.ticketing.routing.auto import choose_threshold

    chosen_on = chosen_on or only
    taken = right = alone = 0
    thresholds: list[float] = []
    for fold in sorted({r.fold for r in routed}):
        rest = [r for r in routed if r.fold != fold]
        pairs = [(v, r.correct) for v, r in zip(inner(rest), rest, strict=True) if chosen_on(r)]
        chosen = choose_threshold(pairs, precision)
        thresholds.append(chosen.threshold)
        for value, r in zip(held_out, routed, strict=True):
            if r.fold == fold and only(r) and value >= chosen.threshold:
                taken += 1
                right += r.correct
                alone += r.correct and not r.shared
    nan = float("nan")
    return (
        taken / len(routed),
        right / taken if taken else nan,
        thresholds,
        alone / taken if taken else nan,
    )


def calibration(
    router: Router,
    folds: int,
    precision: float,
    evidence_file: Path | None,
    strength: float,
    show_blind: bool,
    features: Sequence[str] = FEATURES,
) -> list[str]:
    """The automatic-dispatch threshold from cross-validated routing of the seed corpus
    (clean and ASR-style): the lead's combined score (the baseline) against the calibrated
    confidence, each threshold chosen on the other folds only; the reliability curves and
    the calibration to put into the rules."""
    from hotline.ticketing.routing.auto import choose_threshold, reliability_curve
    from hotline.ticketing.routing.seed import SEED_FILE

    lines: list[str] = []
    if evidence_file is not None and evidence_file.exists():
        routed = load_routed(evidence_file)
        lines.append(f"cross-validated routings read from {evidence_file}")
    else:
        items: list[tuple[int, Suggestion, bool, bool, str]] = []
        lines += cross_validation(router, SEED_FILE, folds, False, items)
        routed = routed_of(items, router)
        if evidence_file is not None:
            save_routed(evidence_file, routed)
    n = len(routed)
    raw = [r.confidence for r in routed]
    calibrated = calibrated_out_of_fold(routed, strength, features)
    correct = [r.correct for r in routed]

    def curve(title: str, values: list[float]) -> list[str]:
        out = [f"reliability, {title}: bin, n, accuracy, mean confidence"]
        for b in reliability_curve(zip(values, correct, strict=True)):
            out.append(
                f"  {b.low:.1f}-{b.high:.1f} {b.count:>6} {b.accuracy:>7.3f} "
                f"{b.mean_confidence:>6.3f}"
            )
        return out

    lines += ["", *curve("combined score (baseline)", raw)]
    lines += ["", *curve("calibrated, each fold by a calibrator fitted on the others", calibrated)]
    brier = {
        name: sum((v - c) ** 2 for v, c in zip(values, correct, strict=True)) / n
        for name, values in (("combined", raw), ("calibrated", calibrated))
    }
    lines.append(
        f"Brier score: combined {brier['combined']:.4f}, calibrated {brier['calibrated']:.4f}"
    )
    in_sample = choose_threshold(zip(raw, correct, strict=True), precision)
    lines += [
        "",
        f"coverage at precision >= {precision} ({n} routings, clean + ASR-style):",
        f"  combined score, threshold chosen on all routings (the old report): "
        f"{in_sample.threshold:.3f} coverage {in_sample.coverage:.3f} "
        f"precision {in_sample.precision:.3f}",
    ]
    for name, held_out, inner in (
        ("combined score", raw, lambda rest: [r.confidence for r in rest]),
        ("calibrated", calibrated, lambda rest: calibrated_out_of_fold(rest, strength, features)),
    ):
        coverage, prec, thresholds, _ = held_out_threshold(routed, held_out, inner, precision)
        lines.append(
            f"  {name:14}, threshold chosen without the held-out fold: coverage {coverage:.3f} "
            f"precision {prec:.3f} (thresholds {' '.join(f'{t:.3f}' for t in thresholds)})"
        )
    eligible = [i for i, r in enumerate(routed) if r.eligible]
    lines.append(
        f"  of which eligible (rules/history/classifier, no epidemic, no 协办 but reported): "
        f"{len(eligible) / n:.3f} of all routings"
    )
    # What would actually go without an operator. "as shipped": the threshold chosen on
    # every routing of the other folds (as below, for the rules), applied after the holds
    # — the figure to set beside a blind set's auto share; "eligible only": chosen on the
    # routings the holds let through. "协办 noted": a 协办 suggestion no longer holds a
    # request back (the lead is dispatched, the operator adds the assisting units).
    # "alone P": precision with a retired shared-duty line dispatched alone counted wrong
    # (the seed corpus labels no 协办, so only the retired assist sets can say so).
    policies: tuple[tuple[str, Callable[[Routed], bool], Callable[[Routed], bool] | None], ...] = (
        ("dispatched as shipped", lambda r: r.eligible, lambda r: True),
        ("dispatched (eligible only)", lambda r: r.eligible, None),
        (
            "dispatched if 协办 only noted",
            lambda r: r.eligible or (r.assisting > 0 and trusted(r) and not r.epidemic),
            None,
        ),
    )
    for name, only, chosen_on in policies:
        inner = lambda rest: calibrated_out_of_fold(rest, strength, features)  # noqa: E731
        coverage, prec, thresholds, alone = held_out_threshold(
            routed, calibrated, inner, precision, only, chosen_on
        )
        lines.append(
            f"  {name:30}: share {coverage:.3f} precision {prec:.3f} alone P {alone:.3f} "
            f"(thresholds {' '.join(f'{t:.3f}' for t in thresholds)})"
        )
    # What ships: a calibrator fitted on every out-of-fold routing, and the threshold
    # chosen on the out-of-fold calibrated confidences above (never on a set it scores).
    final = fit_calibrator(
        [r.evidence for r in routed if r.evidence is not None],
        [r.correct for r in routed if r.evidence is not None],
        strength,
        features,
    )
    chosen = choose_threshold(zip(calibrated, correct, strict=True), precision)
    lines += [
        "",
        f"for config/routing.yaml auto_dispatch (threshold {chosen.threshold:.3f}: "
        f"out-of-fold coverage {chosen.coverage:.3f}, precision {chosen.precision:.3f}):",
        yaml.safe_dump(
            {"threshold": round(chosen.threshold, 3), "calibration": final.to_dict()},
            allow_unicode=True,
            sort_keys=False,
        ).rstrip(),
    ]
    if show_blind:
        lines += blind_auto_share(router, chosen.threshold)
    return lines


def blind_auto_share(router: Router, threshold: float) -> list[str]:
    """At the threshold on the blind sets (reported only; never tuned on)."""
    from hotline.ticketing.routing.auto import held_back_by

    policy = replace(router.rules.auto_dispatch, enabled=True, threshold=threshold)
    lines = ["at that threshold on the blind sets (auto share, precision of the auto share):"]
    for name in sorted(BLIND):
        items = [json.loads(x) for x in BLIND[name].read_text(encoding="utf-8").splitlines() if x]
        auto = [
            s.department == i["unit"] and not i.get("assist")
            for i in items
            if held_back_by(s := router.suggest(i["text"]), policy) is None
        ]
        share = len(auto) / len(items)
        prec = sum(auto) / len(auto) if auto else float("nan")
        lines.append(f"  {name:11} {share:.3f} {prec:.3f}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="eval", dest="set_name")
    parser.add_argument("--data", type=Path, default=None, help="overrides --set")
    parser.add_argument("--rules", type=Path, default=None)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument(
        "--misses",
        action="store_true",
        help="list wrong lead units; with --retired/--blind/--assist-dev/--place-sounds "
        "every request with a wrong field, tagged [lead type area epi]",
    )
    parser.add_argument("--cv", type=int, default=0, metavar="K", help="K-fold CV on the corpus")
    parser.add_argument("--corpus", type=Path, default=None, help="seed corpus for --cv")
    parser.add_argument("--blind", choices=[*sorted(BLIND), "all"], default=None)
    parser.add_argument(
        "--retired",
        choices=[*sorted(RETIRED), "all"],
        default=None,
        help="the --blind report on the retired blind sets (development data, tuned on)",
    )
    parser.add_argument(
        "--assist-dev",
        action="store_true",
        help="the --blind report on the 协办 dev sets (tests/routing/data/assist_dev*.jsonl)",
    )
    parser.add_argument("--calibrate", type=int, default=0, metavar="K", help="auto threshold")
    parser.add_argument("--precision", type=float, default=0.98, help="for --calibrate")
    parser.add_argument(
        "--evidence",
        type=Path,
        default=None,
        help="for --calibrate: read the cross-validated routings from this file, or "
        "route and write them there when it does not exist",
    )
    parser.add_argument(
        "--strength", type=float, default=1.0, help="for --calibrate: L2 strength (1/C)"
    )
    parser.add_argument(
        "--without",
        default="",
        metavar="FEATURES",
        help="for --calibrate: evidence fields the calibrator leaves out, e.g. "
        "lead_asked,lead_plain,second_units,question (the features before round 18)",
    )
    parser.add_argument(
        "--show-blind",
        action="store_true",
        help="for --calibrate: the auto share at the threshold on the round-2 blind sets",
    )
    parser.add_argument(
        "--place-sounds", action="store_true", help="the --blind report on place_sounds_dev"
    )
    parser.add_argument(
        "--rules-only", action="store_true", help="switch the seed-corpus classifier off"
    )
    args = parser.parse_args()

    catalog = load_catalog()
    rules = load_rules(catalog, args.rules)
    if args.rules_only:
        rules = replace(rules, classifier=replace(rules.classifier, seed_corpus=False))
    router = build_router(rules, catalog, load_model(args.model) if args.model else None)
    left_out = set(filter(None, args.without.split(",")))
    if left_out - set(FEATURES):
        parser.error(f"--without: unknown features {sorted(left_out - set(FEATURES))}")
    if args.calibrate:
        print(
            "\n".join(
                calibration(
                    router,
                    args.calibrate,
                    args.precision,
                    args.evidence,
                    args.strength,
                    args.show_blind,
                    [f for f in FEATURES if f not in left_out],
                )
            )
        )
        return 0
    if args.place_sounds:
        print("\n".join(blind_report(router, sorted(PLACE_SOUNDS_DEV), args.misses)))
        # The area column counts requests that say a place; the look-alikes say none.
        path = PLACE_SOUNDS_DEV["place_sounds_dev"]
        items = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
        plain = [i for i in items if i["area"] is None]
        wrong = [i for i in plain if router.suggest(i["text"]).area is not None]
        print(f"look-alikes given a place: {len(wrong)}/{len(plain)}")
        for item in wrong if args.misses else []:
            print(f"   {item['id']} {item['text']}")
        return 0
    if args.assist_dev:
        print("\n".join(blind_report(router, sorted(ASSIST_DEV), args.misses)))
        return 0
    if args.retired:
        names = sorted(RETIRED) if args.retired == "all" else [args.retired]
        print("\n".join(blind_report(router, names, args.misses)))
        return 0
    if args.blind:
        names = sorted(BLIND) if args.blind == "all" else [args.blind]
        print("\n".join(blind_report(router, names, args.misses)))
        return 0
    if args.cv:
        from hotline.ticketing.routing.seed import SEED_FILE

        print("\n".join(cross_validation(router, args.corpus or SEED_FILE, args.cv, args.misses)))
        return 0
    items = load_items(args.data or SETS[args.set_name])
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
