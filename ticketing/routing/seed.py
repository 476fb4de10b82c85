"""The seed corpus: requests written for every unit and area-led matter, shipped with the
package, so the router has a classifier before any operator has dispatched anything.

Two packaged files train the classifiers (units and request types):
- `seed_corpus.jsonl`: tidy requests written for the corpus, one to three sentences each;
- `retired_sets.jsonl`: the project's retired blind evaluation sets (rounds 2–36: requests
  as a 东北 caller's recognised speech renders them, web-form messages, and shared-duty
  requests), written by people who never saw the router and labelled with the lead unit,
  type, area and epidemic flag. Each line's `source` names its set and line
  ("r3_spoken:17" is line 17 of bench/blind/r3_spoken.jsonl), so no later set is
  mistaken for one that is still blind. They teach the classifiers how callers and the
  recogniser really put things (咋整, 暖器, background before the ask), which the tidy
  corpus does not; each line weighs `RETIRED_WEIGHTS` of its kind (see there).
The catalogue's duty lists join them (`training_records(units=…)`, duty_examples.py): every
duty item one example of its unit, so a request of a kind no caller has made yet still meets
the duty it names.

This module is the corpus's edge (file and cache I/O); the routing code itself is
handed the records (`classifier.train`) or the fitted model (`Router`'s seed loader,
see `files.build_router`).

Training takes about six seconds of one core, so the fitted model is cached under `var/` (keyed by
both files, the weights, the gazetteer's place names, the classifier's code and the
library versions) and kept once per process. The dispatch history (`hotline routing
train`) is added on top: it passes `training_records()` to `classifier.train`.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hotline.ticketing.catalog import Unit
    from hotline.ticketing.routing.classifier import Example, HistoryModel

SEED_FILE = Path(__file__).with_name("seed_corpus.jsonl")
RETIRED_FILE = Path(__file__).with_name("retired_sets.jsonl")
# Training weight of a retired line by its set's kind (1 = a seed-corpus line). Measured by
# leaving one round out (bench/retired_lolo.py, rounds 2–4): weights 1 → 2 → 3 gave lead
# 0.931 → 0.937 → 0.937 and type 0.865 → 0.869 → 0.873 on the held-out rounds; weighing
# spoken lines above written ones gained nothing (bench/RESULTS.md).
RETIRED_WEIGHTS = {"spoken": 2.0, "written": 2.0, "assist": 2.0}
# Training weight of one item of a unit's catalogue duty list (duty_examples.py): as a
# retired line. Each round held out in turn, the items gained held-out leads (bench/RESULTS.md,
# round 22 clf).
DUTY_WEIGHT = 2.0
# The service passes its data directory (storage.data_dir); this default serves library use.
DEFAULT_CACHE_DIR = Path("var")

_lock = threading.Lock()
_models: dict[str, HistoryModel] = {}


class SeedCorpusError(RuntimeError):
    """The packaged seed corpus is missing or malformed (a broken installation)."""


def seed_records(path: Path = SEED_FILE) -> list[tuple[str, str, str | None]]:
    """(text, unit_id, request type or None) of the corpus, in file order. A line is
    {"text", "unit"} plus an optional "category" (the request type), which trains the
    request-type classifier; other keys (area, epidemic) are kept for reference."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise SeedCorpusError(f"{path}: cannot read the seed corpus: {exc.strerror}") from exc
    records: list[tuple[str, str, str | None]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            category = item.get("category")
            if category is not None and not isinstance(category, str):
                raise TypeError(f"category must be text, got {category!r}")
            records.append((str(item["text"]), str(item["unit"]), category or None))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise SeedCorpusError(f"{path}:{number}: not a {{text, unit}} object: {exc}") from exc
    return records


def retired_records(
    path: Path = RETIRED_FILE,
    weights: Mapping[str, float] = RETIRED_WEIGHTS,
    keep: Callable[[str], bool] = lambda source: True,
) -> list[tuple[str, str, str | None, float]]:
    """(text, unit_id, request type, training weight) of the retired sets' lines whose
    `source` ("r3_spoken:17") `keep` accepts, weighted by their set's kind; a kind of
    weight 0 is left out."""
    records: list[tuple[str, str, str | None, float]] = []
    for (text, unit, category), source in zip(seed_records(path), _sources(path), strict=True):
        weight = weights.get(source.split(":")[0].rsplit("_", 1)[-1], 1.0)
        if weight > 0 and keep(source):
            records.append((text, unit, category, weight))
    return records


def _sources(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [str(json.loads(line).get("source", "")) for line in lines if line.strip()]


def training_records(
    path: Path = SEED_FILE, retired: Path | None = RETIRED_FILE, units: Iterable[Unit] = ()
) -> list[Example]:
    """What the classifiers train on: the seed corpus, the weighted retired sets (None:
    none), then the duty items of the catalogue's `units` (duty_examples.py)."""
    from hotline.ticketing.routing.duty_examples import duty_examples

    records: list[Example] = list(seed_records(path))
    records += list(retired_records(retired)) if retired is not None else []
    return records + list(duty_examples(units, DUTY_WEIGHT))


def seed_examples(path: Path = SEED_FILE) -> list[tuple[str, str]]:
    """(text, unit_id) pairs of the corpus, in file order."""
    return [(text, unit) for text, unit, _ in seed_records(path)]


def _key(
    path: Path,
    retired: Path | None,
    place_names: tuple[str, ...],
    area_ids: tuple[str, ...],
    duties: tuple[tuple[str, str], ...] = (),
) -> str:
    import sklearn
    from hotline.ticketing.routing import (
        classifier,
        fuzzy_sound,
        gazetteer,
        phonetic,
        place_mask,
        segment,
        sound_neighbours,
        text,
        type_fit,
    )
    from hotline.ticketing.routing.classifier import MODEL_FORMAT

    digest = hashlib.sha256(path.read_bytes())
    if retired is not None:
        digest.update(b"\n#retired\n" + retired.read_bytes())
        digest.update(json.dumps(RETIRED_WEIGHTS, sort_keys=True).encode())
    # The code that defines the features and the fit: an upgrade retrains the cache.
    modules = (classifier, type_fit, phonetic, segment, text, gazetteer, fuzzy_sound, place_mask)
    modules += (sound_neighbours,)  # the fuzzy reader's sounds: the mask reads them
    for module in modules:
        digest.update(Path(module.__file__ or "").read_bytes())
    digest.update("\n".join(place_names).encode())
    digest.update(("\n#" + "\n".join(area_ids)).encode())
    digest.update(json.dumps([DUTY_WEIGHT, duties], ensure_ascii=False).encode())
    digest.update(f"{MODEL_FORMAT}/{sklearn.__version__}".encode())
    return digest.hexdigest()[:16]


def cache_file(
    place_names: Iterable[str] = (),
    area_ids: Iterable[str] = (),
    cache_dir: Path = DEFAULT_CACHE_DIR,
    path: Path = SEED_FILE,
    retired: Path | None = RETIRED_FILE,
    units: Iterable[Unit] = (),
) -> Path:
    """Where `seed_model` caches the model for these files, gazetteer, duties and library."""
    places, areas = tuple(sorted(set(place_names))), tuple(sorted(set(area_ids)))
    key = _key(path, retired, places, areas, _duties(units))
    return cache_dir / f"routing-seed-{key}.joblib"


def seed_model(
    place_names: Iterable[str] = (),
    area_ids: Iterable[str] = (),
    cache_dir: Path | None = DEFAULT_CACHE_DIR,
    path: Path = SEED_FILE,
    retired: Path | None = RETIRED_FILE,
    units: Iterable[Unit] = (),
) -> HistoryModel:
    """The classifier trained on the seed corpus, the retired sets (`retired`, None =
    none) and the duty items of `units`: from this process, from the cache file, or
    trained now (and cached when `cache_dir` is writable). `place_names` are masked out of
    its input, `area_ids` learned as one class (see classifier.py)."""
    import joblib
    from hotline.ticketing.routing.classifier import HistoryModel, train_seed

    places = tuple(sorted(set(place_names)))
    areas = tuple(sorted(set(area_ids)))
    units = tuple(units)
    key = _key(path, retired, places, areas, _duties(units))
    with _lock:
        if key in _models:
            return _models[key]
        cache = (
            cache_file(places, areas, cache_dir, path, retired, units)
            if cache_dir is not None
            else None
        )
        model: HistoryModel | None = None
        if cache is not None and cache.exists():
            try:
                loaded = joblib.load(cache)
                model = loaded if isinstance(loaded, HistoryModel) else None
            except Exception:  # a damaged cache file is retrained, never fatal
                model = None
        if model is None:
            records = training_records(path, retired, units)
            model = train_seed(records, place_names=places, area_ids=areas)
            if cache is not None:
                _save(model, cache)
        _models[key] = model
        return model


def _duties(units: Iterable[Unit]) -> tuple[tuple[str, str], ...]:
    """(unit id, duty list) of every unit: part of the cache key."""
    return tuple((u.id, u.duties) for u in units)


def _save(model: HistoryModel, cache: Path) -> None:
    import joblib

    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        # Unique temporary name: parallel processes may train at the same time.
        tmp = cache.with_name(f"{cache.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        joblib.dump(model, tmp)
        tmp.replace(cache)
    except OSError:
        pass  # a read-only working directory: keep the model in memory only
