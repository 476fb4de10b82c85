"""`hotline route` (suggestions for texts on stdin) and `hotline routing check|train|eval`."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from hotline.settings import ConfigError, Settings, load_settings, sqlite_path
from hotline.ticketing.catalog import Catalog, CatalogError

# The routing package (jieba, pinyin, scikit-learn) is imported inside the
# commands: every other `hotline` command would otherwise wait for it.
if TYPE_CHECKING:
    from hotline.ticketing.routing.rules import RoutingRules


def _fail(message: str, code: int = 2) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(code)


def _setup(ctx: click.Context, rules_path: str | None) -> tuple[Settings, Catalog, RoutingRules]:
    from hotline.catalog_loader import load_catalog
    from hotline.ticketing.routing.files import load_rules
    from hotline.ticketing.routing.rules import RulesError

    try:
        settings = load_settings(ctx.obj.get("config_path") if ctx.obj else None)
        catalog = load_catalog(settings.catalog_path)
        rules = load_rules(catalog, Path(rules_path) if rules_path else settings.routing_rules_path)
    except ConfigError as exc:
        _fail(f"配置错误 / configuration error: {exc}")
    except CatalogError as exc:
        _fail(f"派单目录错误 / catalogue error: {exc}")
    except RulesError as exc:
        _fail(f"派单规则错误 / routing rules error: {exc}")
    return settings, catalog, rules


def _model_path(settings: Settings, rules: RoutingRules, option: str | None) -> Path:
    from hotline.ticketing.routing.files import model_file

    return Path(option) if option else model_file(rules, settings.storage.data_dir)


F = TypeVar("F", bound=Callable[..., Any])


def _file_option(flag: str, dest: str, text: str) -> Callable[[F], F]:
    """An optional file path option (no default: the command falls back to settings)."""
    return click.option(flag, dest, type=click.Path(dir_okay=False), default=None, help=text)


_rules_option = _file_option(
    "--rules", "rules_path", "routing rules file (default: the setting routing_rules_path)"
)
_model_option = _file_option(
    "--model", "model_path", "trained model file (default: classifier.model_path in the rules)"
)


@click.command("route")
@_rules_option
@_model_option
@click.option(
    "--no-model",
    is_flag=True,
    help="rules only: neither the trained model nor the seed-corpus classifier",
)
@click.pass_context
def route(
    ctx: click.Context, rules_path: str | None, model_path: str | None, no_model: bool
) -> None:
    """Read one text per line on stdin, write one JSON suggestion per line."""
    from hotline.ticketing.routing.files import ModelFileError, build_router, load_model

    settings, catalog, rules = _setup(ctx, rules_path)
    model = None
    if no_model:
        rules = dataclasses.replace(
            rules, classifier=dataclasses.replace(rules.classifier, seed_corpus=False)
        )
    else:
        path = _model_path(settings, rules, model_path)
        if model_path or path.exists():  # the default model is optional, a named one is not
            try:
                model = load_model(path)
            except ModelFileError as exc:
                _fail(f"模型错误 / model error: {exc}")
    router = build_router(rules, catalog, model, cache_dir=settings.storage.data_dir)
    stdin = click.get_binary_stream("stdin")
    out = sys.stdout
    for number, raw in enumerate(iter(stdin.readline, b""), start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            _fail(
                f"第 {number} 行不是有效的 UTF-8 文本，已停止 / line {number}: "
                f"input is not valid UTF-8 ({exc.reason} at byte {exc.start}); "
                f"{number - 1} line(s) answered"
            )
        line = line.removeprefix("\ufeff") if number == 1 else line
        suggestion = router.suggest(line.rstrip("\r\n"))
        out.write(json.dumps(suggestion.to_dict(), ensure_ascii=False) + "\n")
        out.flush()


@click.group("routing")
def routing() -> None:
    """Dispatch suggestion rules and the classifier learned from dispatches."""


@routing.command("check")
@_rules_option
@click.pass_context
def check(ctx: click.Context, rules_path: str | None) -> None:
    """Validate the routing rules and summarise them."""
    _, catalog, rules = _setup(ctx, rules_path)
    phrases = sum(len(p.phrases) for p in rules.units.values())
    without = [u.id for u in catalog.units if not u.is_area and not rules.units.get(u.id)]
    places = len(rules.gazetteer.places)
    click.echo(f"ok: {len(rules.units)} units, {phrases} phrases, {places} places")
    if without:
        click.echo(f"warning: units without phrase rules: {', '.join(without)}")


def _history(
    settings: Settings, catalog: Catalog, history_file: str | None, database_url: str | None
) -> list[tuple[str, str, str | None]]:
    if history_file:
        return list(_read_history_file(Path(history_file), catalog))
    from hotline.ticketing.persistence.database import Database  # only needed for the DB source
    from hotline.ticketing.routing.history import dispatch_history

    url = database_url or settings.storage.database_url
    path = sqlite_path(url)
    if path is not None and not path.is_file():  # reading must not create an empty database
        _fail(f"没有数据库 / no database: {path} does not exist (HOTLINE_DATA_DIR)")
    try:
        database = Database.open(url, catalog=catalog)
        try:
            return dispatch_history(database)
        finally:
            database.close()
    except Exception as exc:  # SQLAlchemy raises many types; name the database either way
        _fail(f"无法读取派单历史 / cannot read dispatch history from {url}: {exc}")


def _read_history_file(path: Path, catalog: Catalog) -> Iterable[tuple[str, str, str | None]]:
    """JSON lines {"text": ..., "unit": ...[, "category": request type]}: imported records
    from before this system."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        _fail(f"{path}: cannot read history file: {exc}")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text, unit = str(item["text"]), str(item["unit"])
        except (ValueError, KeyError, TypeError):
            _fail(f'{path}:{number}: expected {{"text": ..., "unit": ...}}')
        if not catalog.has_unit(unit):
            _fail(f"{path}:{number}: unknown unit {unit!r}")
        category = item.get("category")
        if category is not None and category not in catalog.category_ids():
            _fail(f"{path}:{number}: unknown request type {category!r}")
        yield text, unit, category


_history_options = [
    click.option(
        "--database-url",
        default=None,
        help="read dispatches from this database (default: settings)",
    ),
    _file_option(
        "--history",
        "history_file",
        'JSON lines {"text", "unit"[, "category"]} instead of the database',
    ),
]


def _with_history_options(func):  # type: ignore[no-untyped-def]
    for option in reversed(_history_options):
        func = option(func)
    return func


@routing.command("train")
@_rules_option
@_model_option
@_with_history_options
@click.pass_context
def train_cmd(
    ctx: click.Context,
    rules_path: str | None,
    model_path: str | None,
    database_url: str | None,
    history_file: str | None,
) -> None:
    """Fit the classifier on the dispatch history and save it."""
    from hotline.ticketing.routing.classifier import TrainingError, train
    from hotline.ticketing.routing.files import build_router, save_model
    from hotline.ticketing.routing.seed import SeedCorpusError, training_records

    settings, catalog, rules = _setup(ctx, rules_path)
    history = _history(settings, catalog, history_file, database_url)
    try:
        rules_router = build_router(rules, catalog, cache_dir=settings.storage.data_dir)
        model = train(
            history,
            place_names=rules_router.gazetteer.names(),
            area_ids=[a.id for a in catalog.areas],
            rules_lead=lambda text: rules_router.suggest(text).department,
            seed_corpus=training_records(units=catalog.units),
        )
    except (TrainingError, SeedCorpusError) as exc:
        _fail(f"无法训练 / cannot train: {exc}")
    path = _model_path(settings, rules, model_path)
    save_model(model, path)
    click.echo(
        f"trained on {model.size} dispatches to {len(model.examples_per_unit)} units; saved {path}"
    )


@routing.command("eval")
@_rules_option
@_with_history_options
@click.option("--folds", default=5, show_default=True, type=click.IntRange(2, 50))
@click.pass_context
def eval_cmd(
    ctx: click.Context,
    rules_path: str | None,
    database_url: str | None,
    history_file: str | None,
    folds: int,
) -> None:
    """Cross-validated accuracy on the dispatch history: rules, classifier, combined."""
    from hotline.ticketing.routing.classifier import TrainingError, cross_validate
    from hotline.ticketing.routing.files import build_router
    from hotline.ticketing.routing.seed import SeedCorpusError, training_records

    settings, catalog, rules = _setup(ctx, rules_path)
    history = _history(settings, catalog, history_file, database_url)
    router = build_router(rules, catalog, cache_dir=settings.storage.data_dir)
    try:
        report = cross_validate(
            history,
            folds=folds,
            rules_predict=router.predict_unit,
            place_names=router.gazetteer.names(),
            area_ids=[a.id for a in catalog.areas],
            seed_corpus=training_records(units=catalog.units),
        )
    except (TrainingError, SeedCorpusError) as exc:
        _fail(f"无法评估 / cannot evaluate: {exc}")
    click.echo(f"history: {report.examples} dispatches, {report.units} units, {report.folds} folds")
    click.echo(f"rules only:           {report.rules_accuracy:.3f}")
    click.echo(f"classifier only (cv): {report.classifier_accuracy:.3f}")
    click.echo(f"rules + classifier (cv): {report.combined_accuracy:.3f}")
