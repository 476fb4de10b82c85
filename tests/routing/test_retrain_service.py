"""Scheduled retraining as the service runs it (hotline/routing_retrainer.py), on SQLite
and PostgreSQL: one node per period retrains from the stored dispatches, a model that
wins goes live on every node from the database, and the dashboard's API says which model
is live and how it was judged."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest
from hotline.ticketing.persistence import routing_models as runs
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.routing import Router

from hotline.routing_retrainer import adopt_live_model, retrain_once, slot_of
from hotline.routing_wiring import LiveRouting
from tests.fixtures.routing import store_dispatches
from tests.fixtures.web import WebEnv
from tests.routing.synthetic_history import history

LIFT = "喂 你好 我们 单元 的 电梯 这 两天 总是 停 在 半 道 上"


def _store_dispatches(database: Database) -> None:
    items = history()
    random.Random(7).shuffle(items)
    store_dispatches(database, items)


def test_slots_split_time_into_periods() -> None:
    day = datetime(2026, 12, 3, 1, tzinfo=UTC)
    assert slot_of(day, 24) == slot_of(day.replace(hour=23), 24)
    assert slot_of(day, 24) != slot_of(day.replace(day=4), 24)
    assert slot_of(day, 1) != slot_of(day.replace(hour=2), 1)


# Retraining fits the seed corpus plus the stored history: on two cores shared with other
# work that passed the default five minutes, so it gets fifteen.
@pytest.mark.timeout(900)
async def test_one_node_retrains_and_every_node_adopts_the_winner(
    web_env: WebEnv, router: Router
) -> None:
    database = web_env.database
    liaison = await web_env.client("housing_liaison")
    assert (await liaison.get("/api/v1/routing/model")).status == 403
    op = await web_env.client("op1")
    resp = await op.get("/api/v1/routing/model")
    assert resp.status == 200
    assert await resp.json() == {"live": None, "runs": []}

    _store_dispatches(database)
    node_a, node_b = LiveRouting(router), LiveRouting(router)
    run_id = retrain_once(database, node_a, "24h/1", "node-a")
    assert run_id is not None
    assert retrain_once(database, node_b, "24h/1", "node-b") is None  # the slot is taken
    assert node_a.run_id == run_id
    assert node_a.router.suggest(LIFT).department == "market_supervision"

    live = runs.live_run(database)
    assert live is not None and live.id == run_id and live.status == runs.REPLACED
    assert live.examples == 120 and live.held_out == 24 and live.node_id == "node-a"
    assert live.challenger_accuracy is not None and live.champion_accuracy is not None
    assert live.challenger_accuracy > live.champion_accuracy

    assert node_b.router.suggest(LIFT).department == "housing"
    assert adopt_live_model(database, node_b)
    assert node_b.run_id == run_id
    assert node_b.router.suggest(LIFT).department == "market_supervision"
    assert not adopt_live_model(database, node_b)  # already live

    resp = await op.get("/api/v1/routing/model")
    body = await resp.json()
    assert body["live"]["id"] == run_id and body["live"]["status"] == "replaced"
    assert "model" not in body["live"]  # the bytes stay in the database
    assert [r["id"] for r in body["runs"]] == [run_id]


async def test_a_run_without_enough_history_is_recorded_and_changes_nothing(
    web_env: WebEnv, router: Router
) -> None:
    live = LiveRouting(router)
    run_id = retrain_once(web_env.database, live, "24h/2", "node-a")
    assert run_id is not None and live.run_id is None
    (run,) = runs.recent_runs(web_env.database)
    assert run.status == runs.KEPT and run.examples == 0 and "不足" in run.reason
    assert runs.live_run(web_env.database) is None


def test_the_migration_creates_exactly_the_mapped_table(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import sqlalchemy as sa
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from hotline.ticketing.persistence.tables import metadata

    from hotline.migrations import upgrade

    def ours(obj, name, kind, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
        table = obj if kind == "table" else getattr(obj, "table", None)
        return table is None or table.name == runs.RoutingModelRow.__tablename__

    url = f"sqlite:///{tmp_path / 'hotline.db'}"
    upgrade(url)
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": ours})
        assert compare_metadata(context, metadata) == []
    engine.dispose()


def test_the_machines_own_dispatches_do_not_train_it(database: Database) -> None:
    """自动派单 that no person changed is left out of the training history; one a person
    re-assigned counts with the person's unit."""
    from hotline.ticketing import commands as cmd
    from hotline.ticketing import services
    from hotline.ticketing.routing.history import dispatch_history
    from hotline.ticketing.users import SYSTEM_ACTOR, Actor, Role

    store_dispatches(database, [("暖气不热", "heating")])

    def machine_dispatch(text: str, unit: str) -> int:
        new = services.NewTicket(
            received_at=database.clock(), machine_text=text, request_type="complaint"
        )
        draft = services.create_draft(database.uow(), new)
        auto = cmd.AutoDispatch(lead_unit=unit, reason="规则", confidence=0.95, source="rules")
        services.apply_command(database.uow(), draft.id or 0, auto, SYSTEM_ACTOR)
        return draft.id or 0

    machine_dispatch("停水了", "water")
    changed = machine_dispatch("电梯坏了", "housing")
    lead = Actor(name="lead", role=Role.LEAD)
    ticket = services.get_ticket(database.uow(), changed)
    reassign = cmd.Reassign(lead_unit="market_supervision", reason="电梯归市场监管")
    services.apply_command(database.uow(), changed, reassign, lead, ticket.version)

    assert sorted((t, u) for t, u, _ in dispatch_history(database)) == [
        ("暖气不热", "heating"),
        ("电梯坏了", "market_supervision"),
    ]
