"""Start-up without the database: what exits 3, what waits, and in which order parts start.

`hotline serve` against a closed PostgreSQL proxy is tested end to end in tests/e2e; these
tests pin the decisions with real SQLite/PostgreSQL URLs, and the held intake writer.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from hotline.ticketing.intake.journal import IntakeJournal
from hotline.ticketing.intake.records import DraftOpened
from hotline.ticketing.intake.store_port import ApplyContext
from hotline.ticketing.intake.writer import IntakeWriter
from sqlalchemy.exc import OperationalError, ProgrammingError

from hotline.database_gate import Backoff, DatabaseGate, StartupError, first_attempt
from hotline.startup import migrate
from tests.fixtures.cli import free_tcp_port

from .memory_store import MemoryStore
from .test_intake_service import T0


def _refused() -> OperationalError:
    return OperationalError("connect", {}, Exception("connection refused"))


def test_unreachable_server_is_waited_for() -> None:
    url = f"postgresql+psycopg://nobody:secret@127.0.0.1:{free_tcp_port()}/none"
    problem = first_attempt(url, migrate)
    assert problem is not None and "refused" in problem.lower()
    assert "secret" not in problem


def test_reachable_database_is_ready(sqlite_url: str) -> None:
    assert first_attempt(sqlite_url, migrate) is None


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("postgresql+psycopg://u@127.0.0.1:notaport/x", ValueError("port")),
        ("sqlite:///var/hotline.db", _refused()),  # a local file: nothing to wait for
        ("postgresql+psycopg://u@127.0.0.1/x", ProgrammingError("CREATE", {}, Exception("no"))),
    ],
    ids=["bad-url", "sqlite", "refused-migration"],
)
def test_what_waiting_cannot_fix_exits(url: str, error: Exception) -> None:
    def failing(_: str) -> None:
        raise error

    with pytest.raises(StartupError):
        first_attempt(url, failing)


def test_backoff_doubles_up_to_the_maximum() -> None:
    b = Backoff(initial=1, maximum=5)
    assert [b.next() for _ in range(5)] == [1, 2, 4, 5, 5]
    b.reset()
    assert b.next() == 1


async def test_gate_retries_then_starts_parts_in_order() -> None:
    attempts: list[str] = []
    started: list[str] = []
    flaky = {"n": 0}

    def migrate_later(url: str) -> None:
        attempts.append(url)
        if len(attempts) < 3:
            raise _refused()

    async def backlog() -> None:
        flaky["n"] += 1
        if flaky["n"] == 1:  # the database dropped again right after the migration
            raise _refused()
        started.append("backlog")

    async def scheduler() -> None:
        started.append("scheduler")

    gate = DatabaseGate(
        "postgresql://x", problem="refused", migrate=migrate_later, backoff=Backoff(0.01, 0.02)
    )
    await gate.when_ready("backlog", backlog)
    await gate.when_ready("scheduler", scheduler)
    assert not gate.ready and started == [] and gate.health()["ok"] is False
    await asyncio.wait_for(gate.run(), 30)
    assert gate.ready and gate.problem is None
    assert len(attempts) == 3
    assert started == ["backlog", "scheduler"]
    await gate.when_ready("late", scheduler)  # once ready, parts start at once
    assert started == ["backlog", "scheduler", "scheduler"]


async def test_held_writer_journals_without_touching_the_database(tmp_path: Path) -> None:
    store = MemoryStore()

    def no_access(call_id: str) -> None:
        raise AssertionError("the writer read the database while held")

    real = store.by_call_id
    store.by_call_id = no_access  # type: ignore[method-assign]
    journal = IntakeJournal(tmp_path / "journal.jsonl")
    journal.append(DraftOpened("old", T0, "1", None, None, "old.wav"))  # left by a crash
    writer = IntakeWriter(store, journal, ApplyContext(), retry_seconds=0.05)
    await writer.start(hold=True)
    writer.submit(DraftOpened("new", T0, "2", None, None, "new.wav"))
    await writer.drain(10)
    await asyncio.sleep(0.2)  # several retry periods: a held writer must not retry
    assert [r.call_id for r in journal.pending()] == ["old", "new"]
    store.by_call_id = real  # type: ignore[method-assign]
    await writer.resume()
    assert not writer.degraded and journal.pending() == []
    writer.submit(DraftOpened("after", T0, "3", None, None, "after.wav"))
    await writer.drain(10)
    await writer.close()
    assert [t.call_id for t in store.tickets.values()] == ["old", "new", "after"]
