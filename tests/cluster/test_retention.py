"""Retention purge: recordings and personal data of tickets finished long enough ago go,
audited; open tickets and recent ones stay (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

from hotline.ticketing.persistence.database import Database
from hotline.ticketing.persistence.tables import TicketRow
from hotline.ticketing.web.tables import AuditRow
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hotline.retention import purge
from hotline.settings import Settings
from tests.fixtures.db import SettableClock
from tests.fixtures.web import make_draft
from tests.web.test_ops_stats_reporting import closed_ticket


def _with_recording(database: Database, root: Path, ticket_id: int) -> Path:
    ref = f"node-a/{ticket_id}.wav"
    (root / "node-a").mkdir(parents=True, exist_ok=True)
    (root / ref).write_bytes(b"RIFF")
    with Session(database.engine) as session:
        session.execute(
            update(TicketRow).where(TicketRow.id == ticket_id).values(recording_ref=ref)
        )
        session.commit()
    return root / ref


def test_purge_spares_open_and_recent_tickets_and_is_audited(
    database: Database, clock: SettableClock, tmp_path: Path
) -> None:
    settings = Settings(
        storage={"data_dir": tmp_path},
        retention={"recordings_days": 30, "personal_data_days": 60},
    )
    root = settings.storage.recordings_dir
    old = closed_ticket(database, clock)
    old_open = make_draft(database, machine_text="电话 13812345678 电梯坏了")
    old_files = [_with_recording(database, root, t.id) for t in (old, old_open)]
    clock.advance(days=45)
    recent = closed_ticket(database, clock)
    recent_file = _with_recording(database, root, recent.id)

    assert purge(settings, database, dry_run=True).recordings == [old.id]
    assert old_files[0].exists()  # a dry run changes nothing
    first = purge(settings, database)
    assert first.recordings == [old.id] and first.personal == []  # 45 days: not yet 60
    assert not old_files[0].exists() and old_files[1].exists() and recent_file.exists()

    clock.advance(days=20)
    second = purge(settings, database)
    assert second.recordings == [] and second.personal == [old.id]
    assert purge(settings, database).personal == []  # done once
    with database.uow() as uow:
        purged = uow.tickets.get(old.id)
        kept = uow.tickets.get(old_open.id)
    assert purged is not None and kept is not None
    assert purged.caller_number is None and purged.recording_ref is None
    assert kept.caller_number == "13812345678" and kept.recording_ref
    with Session(database.engine) as session:
        audit = session.scalars(select(AuditRow).where(AuditRow.action == "retention_purge"))
        assert sorted((a.ticket_id, a.details["purged"]) for a in audit) == [
            (old.id, "personal_data"),
            (old.id, "recording"),
        ]
