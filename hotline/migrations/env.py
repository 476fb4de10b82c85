"""Alembic environment: the metadata of every package that owns tables."""

from __future__ import annotations

import importlib
import importlib.util

from alembic import context
from sqlalchemy import MetaData

from hotline.ticketing.persistence.database import make_engine
from hotline.ticketing.persistence.tables import metadata as ticketing_metadata


def _optional_metadata(module_name: str) -> list[MetaData]:
    # Packages that add tables later (the ASR backlog) are picked up when present.
    if importlib.util.find_spec(module_name.rsplit(".", 1)[0]) is None:
        return []
    if importlib.util.find_spec(module_name) is None:
        return []
    found = getattr(importlib.import_module(module_name), "metadata", None)
    return [found] if isinstance(found, MetaData) else []


def _all_optional(module_names: list[str]) -> list[MetaData]:
    return [m for name in module_names for m in _optional_metadata(name)]


# Modules that define tables: on their own MetaData (asr.backlog) or on ticketing's
# (ticketing.followup.store adds its tables to it when imported). Add one line per module.
TABLE_MODULES = [
    "hotline.asr.backlog",
    "hotline.ticketing.followup.store",
    "hotline.ticketing.missed.store",
    "hotline.ticketing.web.tables",
    "hotline.node_registry",
]

target_metadata: list[MetaData] = list(
    {id(m): m for m in [ticketing_metadata, *_all_optional(TABLE_MODULES)]}.values()
)


def run_migrations_offline() -> None:
    context.configure(
        url=context.config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(context.config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
