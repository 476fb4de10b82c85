"""Heartbeats and the claim on a dead node's recovery (hotline/node_registry.py), and taking a
dead node's journal (hotline/node_takeover.py). SQLite and PostgreSQL (db_url); a node dies
by its clock standing still, not by waiting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from hotline.ticketing.intake.journal import IntakeJournal
from hotline.ticketing.intake.records import DraftOpened

from hotline.migrations import upgrade
from hotline.node_registry import NodeRegistry, metadata
from hotline.node_takeover import replay_own_leftover, take_journal, taken_journal

LEASE = 30.0


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def _three_up(url: str) -> tuple[Clock, NodeRegistry, NodeRegistry, NodeRegistry]:
    """node-a, node-b and node-c on a migrated database, each with one heartbeat."""
    upgrade(url)
    clock, engine = Clock(), sa.create_engine(url)
    a, b, c = (NodeRegistry(engine, f"node-{n}", lease_seconds=LEASE, clock=clock) for n in "abc")
    for node in (a, b, c):
        node.heartbeat()
    return clock, a, b, c


def test_migration_matches_the_table(sqlite_url: str) -> None:
    upgrade(sqlite_url)
    engine = sa.create_engine(sqlite_url)
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_name": lambda n, kind, _: kind != "table" or n == "cluster_nodes"}
        )
        assert compare_metadata(context, metadata) == []


def test_a_silent_node_is_claimed_by_exactly_one_live_node(db_url: str) -> None:
    clock, a, b, c = _three_up(db_url)
    clock.advance(LEASE / 2)
    assert a.claim_dead() == [] and c.claim_dead() == []  # everyone is within the lease
    a.heartbeat()
    c.heartbeat()
    clock.advance(LEASE / 2 + 1)  # b has been silent for longer than the lease
    assert a.claim_dead() == ["node-b"]
    assert c.claim_dead() == []  # already claimed: one recovery only
    a.recovered("node-b")
    clock.advance(LEASE * 3)
    a.heartbeat()
    c.heartbeat()
    assert a.claim_dead() == [] and c.claim_dead() == []  # recovered once, not again
    assert a.states()["node-b"] == "recovered"


def test_a_claimer_that_dies_mid_recovery_is_replaced(db_url: str) -> None:
    clock, a, b, c = _three_up(db_url)
    clock.advance(LEASE + 1)
    a.heartbeat()
    c.heartbeat()
    assert a.claim_dead() == ["node-b"]  # then a dies before finishing
    clock.advance(LEASE / 2)
    c.heartbeat()
    assert c.claim_dead() == []  # a's claim still holds
    clock.advance(LEASE / 2 + 1)
    c.heartbeat()
    assert sorted(c.claim_dead()) == ["node-a", "node-b"]


def test_stopped_and_returning_nodes_are_not_recovered(db_url: str) -> None:
    clock, a, b, c = _three_up(db_url)
    c.stopped()  # SIGTERM: drained, nothing left behind
    clock.advance(LEASE + 1)
    a.heartbeat()
    assert a.claim_dead() == ["node-b"]
    b.heartbeat()  # b restarts during the takeover: it is up, and stays so
    a.recovered("node-b")
    assert a.states() == {"node-a": "up", "node-b": "up", "node-c": "stopped"}
    clock.advance(LEASE / 2)
    b.heartbeat()
    assert a.claim_dead() == []


def test_a_dead_nodes_journal_is_taken_once(tmp_path: Path) -> None:
    path = tmp_path / "intake-journal-node-b.jsonl"
    record = DraftOpened(
        call_id="c-1",
        received_at=datetime(2026, 3, 1, 8, 0, tzinfo=UTC),
        caller="13800000000",
        called="12345",
        forwarded_from=None,
        recording_ref="node-b/c-1.wav",
        transcription_pending=False,
    )
    IntakeJournal(path).append(record)
    assert take_journal(path) == [record]
    assert not path.exists()  # node-b restarting now starts an empty journal
    IntakeJournal(path).append(record)
    # A claimer that died mid-replay left the taken file: the next one replays that first.
    assert take_journal(path) == [record]
    assert path.exists() and taken_journal(path).exists()
    assert take_journal(tmp_path / "intake-journal-none.jsonl") == []


def _record(call_id: str) -> DraftOpened:
    return DraftOpened(
        call_id=call_id,
        received_at=datetime(2026, 3, 1, 8, 0, tzinfo=UTC),
        caller="13800000000",
        called="12345",
        forwarded_from=None,
        recording_ref=f"node-b/{call_id}.wav",
        transcription_pending=False,
    )


async def test_a_node_back_after_its_claimer_died_replays_the_leftover(
    db_url: str, tmp_path: Path
) -> None:
    """b dies; a claims b and takes its journal, then dies mid-replay; b comes back. Nobody
    claims b (it is up), so b replays the `.recovering` file itself — but only once a's
    claim has run out, never while a may still be replaying it."""
    clock, a, b, c = _three_up(db_url)
    journal = tmp_path / "intake-journal-node-b.jsonl"
    IntakeJournal(journal).append(_record("c-1"))
    IntakeJournal(journal).append(_record("c-2"))
    clock.advance(LEASE + 1)
    a.heartbeat()
    c.heartbeat()
    assert a.claim_dead() == ["node-b"]
    take_journal(journal)  # a renamed it to .recovering, then died
    b.heartbeat()  # b is back and writes a fresh journal of its own
    IntakeJournal(journal).append(_record("c-3"))
    replayed: list[str] = []

    async def write(record: DraftOpened) -> None:  # type: ignore[override]
        replayed.append(record.call_id)

    assert not b.own_claim_over()
    assert await replay_own_leftover(b, journal, write) == 0  # a's lease still holds
    assert replayed == [] and taken_journal(journal).exists()
    clock.advance(LEASE + 1)
    b.heartbeat()
    c.heartbeat()
    assert c.claim_dead() == ["node-a"]  # b is up: only a is claimed
    assert await replay_own_leftover(b, journal, write) == 2
    assert replayed == ["c-1", "c-2"]  # b's own live journal (c-3) was not touched
    assert not taken_journal(journal).exists()
    assert [r.call_id for r in IntakeJournal(journal).pending()] == ["c-3"]
    assert await replay_own_leftover(b, journal, write) == 0


def test_an_unclaimed_or_finished_node_has_no_claim_on_it(db_url: str) -> None:
    clock, a, b, c = _three_up(db_url)
    assert b.own_claim_over()  # never claimed
    clock.advance(LEASE + 1)
    a.heartbeat()
    c.heartbeat()
    assert a.claim_dead() == ["node-b"]
    assert not b.own_claim_over()
    a.recovered("node-b")
    assert b.own_claim_over()
