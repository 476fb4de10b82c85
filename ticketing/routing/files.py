"""The edge of the routing package: reading rules, saving/loading the trained model, and
building a router whose seed-corpus classifier comes from the packaged corpus."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from hotline.ticketing.catalog import Catalog
from hotline.ticketing.routing.phonetic import PhoneticIndex
from hotline.ticketing.routing.rules import RoutingRules, RulesError, parse_rules
from hotline.ticketing.routing.seed import DEFAULT_CACHE_DIR, seed_model
from hotline.ticketing.routing.suggest import Router

from hotline.settings import CONFIG_DIR

if TYPE_CHECKING:  # scikit-learn is imported only when a model is used
    from hotline.ticketing.routing.classifier import HistoryModel

DEFAULT_RULES_FILE = CONFIG_DIR / "routing.yaml"


class ModelFileError(RuntimeError):
    """The saved classifier is missing, unreadable or of another format."""


def load_rules(catalog: Catalog, path: Path | None = None) -> RoutingRules:
    """Read and validate the rules file; RulesError names the file and the bad rule."""
    path = path or DEFAULT_RULES_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RulesError(f"{path}: cannot read routing rules: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise RulesError(f"{path}: not valid YAML: {exc}") from exc
    try:
        return parse_rules(data, catalog)
    except RulesError as exc:
        raise RulesError(f"{path}: {exc}") from None


def save_model(model: HistoryModel, path: Path) -> None:
    """Write atomically, so a running service never loads half a file."""
    import joblib

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    joblib.dump(model, tmp)
    tmp.replace(path)


def load_model(path: Path) -> HistoryModel:
    """Load a model written by save_model (a pickle: only load files the centre made)."""
    try:
        return _load(path, str(path))
    except FileNotFoundError:
        raise ModelFileError(f"{path}: no trained model; run `hotline routing train`") from None


def model_to_bytes(model: HistoryModel) -> bytes:
    """The model as stored in the database by the service's scheduled retraining."""
    import joblib

    buffer = io.BytesIO()
    joblib.dump(model, buffer)
    return buffer.getvalue()


def model_from_bytes(data: bytes, where: str) -> HistoryModel:
    """A model written by model_to_bytes (a pickle: only bytes this service stored)."""
    return _load(io.BytesIO(data), where)


def _load(source: Path | io.BytesIO, where: str) -> HistoryModel:
    import joblib
    from hotline.ticketing.routing.classifier import MODEL_FORMAT, HistoryModel

    try:
        model = joblib.load(source)
    except FileNotFoundError:
        raise
    except Exception as exc:  # joblib/pickle raise many types for damaged data
        raise ModelFileError(f"{where}: cannot load the routing model: {exc}") from exc
    if not isinstance(model, HistoryModel) or getattr(model, "format", None) != MODEL_FORMAT:
        raise ModelFileError(f"{where}: not a routing model of format {MODEL_FORMAT}; retrain")
    return model


def build_router(
    rules: RoutingRules,
    catalog: Catalog,
    model: HistoryModel | None = None,
    phonetic: PhoneticIndex | None = None,
    cache_dir: Path = DEFAULT_CACHE_DIR,
) -> Router:
    """A router whose seed-corpus classifier (when `classifier.seed_corpus` is on) is
    the packaged corpus's, trained or loaded from the cache in `cache_dir` on first use."""

    def seed_loader(place_names: Iterable[str], area_ids: Iterable[str]) -> HistoryModel:
        return seed_model(place_names, area_ids, cache_dir=cache_dir, units=catalog.units)

    return Router(rules, catalog, model, phonetic, seed_loader=seed_loader)


def model_file(rules: RoutingRules, data_dir: Path) -> Path:
    """The trained model's file: `classifier.model_path`, relative to the data directory."""
    return data_dir / rules.classifier.model_path


def load_router(
    catalog: Catalog, rules_path: Path | None = None, data_dir: Path = DEFAULT_CACHE_DIR
) -> Router:
    """The router for a running service: rules from `rules_path` (the setting
    `routing_rules_path`), plus the trained model at `classifier.model_path` (in
    `data_dir`) when that file exists; the seed-corpus model is cached in `data_dir` too.
    Build it once: it loads jieba and the sound index (~1 s)."""
    rules = load_rules(catalog, rules_path)
    path = model_file(rules, data_dir)
    model = load_model(path) if path.exists() else None
    return build_router(rules, catalog, model, cache_dir=data_dir)
