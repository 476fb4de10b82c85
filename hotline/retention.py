"""Retention: recordings and callers' personal data of finished tickets are purged after
the configured number of days (`retention.*`), one audit-log row per ticket.

Open tickets are never touched, whatever their age. A ticket counts as finished from its
closing time (else its last change). Personal data: caller number and name, callback number,
the word-level transcript; phone numbers dictated in the texts are masked. The texts
themselves stay, so statistics and the ticket's history keep their meaning.
Run `hotline db purge` daily (cron, systemd timer); it is safe on any node and to repeat.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from hotline.settings import Settings
from hotline.ticketing.model import OPEN_STATES
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.persistence.tables import TicketRow
from hotline.ticketing.privacy import mask_phone_numbers
from hotline.ticketing.web.tables import AuditRow

ACTION = "retention_purge"
BATCH = 500


@dataclass
class PurgeResult:
    recordings: list[int] = field(default_factory=list)  # ticket ids
    personal: list[int] = field(default_factory=list)


def _finished_before(cutoff: datetime):  # type: ignore[no-untyped-def]
    finished = func.coalesce(TicketRow.closed_at, TicketRow.updated_at, TicketRow.received_at)
    open_states = [str(s) for s in OPEN_STATES]
    return (TicketRow.state.not_in(open_states), finished < cutoff)


def _delete_recording(root: Path, ref: str) -> None:
    path = (root / ref).resolve()
    if path.is_relative_to(root.resolve()):  # never outside the recordings volume
        path.unlink(missing_ok=True)


def purge(settings: Settings, database: Database, *, dry_run: bool = False) -> PurgeResult:
    """Purge what `settings.retention` says has been kept long enough."""
    keep = settings.retention
    now = database.clock()
    result = PurgeResult()
    root = settings.storage.recordings_dir
    with Session(database.engine) as session:
        if keep.recordings_days is not None:
            cutoff = now - timedelta(days=keep.recordings_days)
            rows = session.scalars(
                select(TicketRow)
                .where(*_finished_before(cutoff), TicketRow.recording_ref.is_not(None))
                .limit(BATCH)
            ).all()
            for row in rows:
                result.recordings.append(row.id)
                if not dry_run:
                    _delete_recording(root, str(row.recording_ref))
                    _audit(session, row, now, {"purged": "recording", "ref": row.recording_ref})
                    row.recording_ref = None
                    row.version += 1
        if keep.personal_data_days is not None:
            cutoff = now - timedelta(days=keep.personal_data_days)
            rows = session.scalars(
                select(TicketRow)
                .where(
                    *_finished_before(cutoff),
                    or_(
                        TicketRow.caller_number.is_not(None),
                        TicketRow.callback_number.is_not(None),
                        TicketRow.caller_name != "",
                    ),
                )
                .limit(BATCH)
            ).all()
            for row in rows:
                result.personal.append(row.id)
                if not dry_run:
                    _audit(session, row, now, {"purged": "personal_data"})
                    _anonymise(row)
        if not dry_run:
            session.commit()
    return result


def _anonymise(row: TicketRow) -> None:
    row.caller_number = row.callback_number = None
    row.caller_name = ""
    row.transcript_words = []
    row.machine_text = mask_phone_numbers(row.machine_text or "")
    if row.corrected_text:
        row.corrected_text = mask_phone_numbers(row.corrected_text)
    row.reply_text = mask_phone_numbers(row.reply_text or "")
    row.version += 1


def _audit(session: Session, row: TicketRow, now: datetime, details: dict[str, object]) -> None:
    session.add(
        AuditRow(
            at=now,
            actor="system",
            actor_role="system",
            action=ACTION,
            ticket_id=row.id,
            remote="",
            details=details,
        )
    )
