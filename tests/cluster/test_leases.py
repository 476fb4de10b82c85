"""Node identity and job leases: what lets several `hotline serve` nodes share one database.

SQLite and PostgreSQL (db_url). Leases are run out by moving `lease_until` into the past,
not by waiting.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hotline.asr.backlog import BacklogQueue, asr_jobs
from hotline.ticketing import reporting
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.persistence.recordings import record_recording_node, recording_node
from hotline.ticketing.web.tables import OutboxRow
from sqlalchemy import update
from sqlalchemy.orm import Session

from hotline.intake_wiring import adopt_legacy_journal, journal_path, listener_options
from hotline.migrations import upgrade
from hotline.settings import ConfigError, Settings, load_settings, node_id
from tests.fixtures.db import SettableClock
from tests.web.test_ops_stats_reporting import closed_ticket


def _expire(queue: BacklogQueue, job_id: int) -> None:
    with queue.engine.begin() as conn:
        conn.execute(
            update(asr_jobs)
            .where(asr_jobs.c.id == job_id)
            .values(lease_until=datetime.now(UTC) - timedelta(seconds=1))
        )


def test_node_id_defaults_to_the_host_name_and_is_file_name_safe(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("socket.gethostname", lambda: "hotline a/b")
    assert node_id(Settings()) == "hotline-a-b"  # stable: the same at every start
    assert node_id(Settings(cluster={"node_id": "node-1"})) == "node-1"
    bad = tmp_path / "hotline.yaml"
    bad.write_text("cluster:\n  node_id: ../etc\n")
    with pytest.raises(ConfigError):
        load_settings(bad)


def test_each_node_has_its_own_journal_and_recordings_folder(tmp_path: Path) -> None:
    a = Settings(storage={"data_dir": tmp_path}, cluster={"node_id": "a"})
    b = Settings(storage={"data_dir": tmp_path}, cluster={"node_id": "b"})
    assert journal_path(a) != journal_path(b)
    assert journal_path(a).name == "intake-journal-a.jsonl"
    assert listener_options(a, node="a").recordings_dir == a.storage.recordings_dir / "a"
    # A journal of the version without node names goes to the first node that starts.
    (tmp_path / "intake-journal.jsonl").write_text('{"kind": "x"}\n')
    adopt_legacy_journal(a, "a")
    adopt_legacy_journal(b, "b")
    assert journal_path(a).read_text() == '{"kind": "x"}\n'
    assert not journal_path(b).exists() and not (tmp_path / "intake-journal.jsonl").exists()


def test_a_dead_nodes_job_is_taken_over_once_its_lease_runs_out(db_url: str) -> None:
    upgrade(db_url)
    database = Database.open(db_url, catalog=None)  # type: ignore[arg-type]
    queue = BacklogQueue(database.engine, lease_seconds=60)
    try:
        queue.enqueue("call-1", "/rec/call-1.wav")
        job = queue.claim_next("node-a")
        assert job is not None and job.owner == "node-a" and job.lease_until is not None
        assert queue.claim_next("node-b") is None  # node-a holds the lease
        assert queue.renew(job.id, "node-a")

        _expire(queue, job.id)  # node-a died: no renewal came
        taken = queue.claim_next("node-b")
        assert taken is not None and taken.id == job.id and taken.owner == "node-b"
        assert taken.attempts == 2
        assert not queue.renew(job.id, "node-a")  # node-a, if it comes back, knows it lost it
        assert queue.claim_next("node-a") is None
        # A restarted node requeues only the jobs it held itself.
        assert queue.reclaim_running("node-a") == 0
        assert queue.reclaim_running("node-b") == 1
    finally:
        database.close()


def test_recording_writer_node_is_recorded_once(db_url: str) -> None:
    upgrade(db_url)
    database = Database.open(db_url, catalog=None)  # type: ignore[arg-type]
    try:
        reporting_ref = "node-a/2026/12/02/call-1.wav"
        record_recording_node(database, reporting_ref, "call-1", "node-a")
        record_recording_node(database, reporting_ref, "call-1", "node-b")  # a replay elsewhere
        assert recording_node(database, reporting_ref) == "node-a"
    finally:
        database.close()


def test_outbox_push_claimed_by_one_node_until_its_lease_runs_out(
    database: Database, clock: SettableClock
) -> None:
    closed_ticket_id = closed_ticket(database, clock).id
    assert reporting.enqueue_closed(database) == 1
    first = reporting.due_entries(database)
    assert [e.ticket_id for e, _ in first] == [closed_ticket_id]
    assert reporting.due_entries(database) == []  # another node's round: nothing to push
    with Session(database.engine) as session:
        session.execute(
            update(OutboxRow).values(next_attempt_at=database.clock() - timedelta(seconds=1))
        )
        session.commit()
    again = reporting.due_entries(database)  # the claiming node died before recording it
    assert [e.ticket_id for e, _ in again] == [closed_ticket_id]
