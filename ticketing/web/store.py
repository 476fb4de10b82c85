"""Queries on the web layer's own tables (audit, attachments; tokens: auth_store). Synchronous:
the app runs them in a worker thread, like every database call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from hotline.ticketing.persistence.database import Database
from hotline.ticketing.persistence.records import record_from_row
from hotline.ticketing.users import Actor
from hotline.ticketing.web.tables import AttachmentRow, AuditRow
from sqlalchemy import select


def audit(
    db: Database,
    actor: Actor,
    action: str,
    *,
    ticket_id: int | None = None,
    remote: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    with db.uow() as uow:
        assert uow.session is not None
        uow.session.add(
            AuditRow(
                at=db.clock(),
                actor=actor.name,
                actor_role=str(actor.role),
                action=action,
                ticket_id=ticket_id,
                remote=remote[:64],
                details=details or {},
            )
        )
        uow.commit()


def audit_entries(
    db: Database, *, ticket_id: int | None = None, limit: int = 200
) -> list[dict[str, Any]]:
    with db.uow() as uow:
        assert uow.session is not None
        stmt = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
        if ticket_id is not None:
            stmt = stmt.where(AuditRow.ticket_id == ticket_id)
        return [
            {
                "at": r.at.isoformat(),
                "actor": r.actor,
                "actor_role": r.actor_role,
                "action": r.action,
                "ticket_id": r.ticket_id,
                "remote": r.remote,
                "details": dict(r.details or {}),
            }
            for r in uow.session.scalars(stmt)
        ]


@dataclass(frozen=True)
class Attachment:
    id: int
    ticket_id: int
    file_name: str
    content_type: str
    size: int
    stored_path: str
    uploaded_by: str
    uploaded_at: datetime


def _attachment(row: AttachmentRow) -> Attachment:
    return record_from_row(Attachment, row)


def add_attachment(
    db: Database,
    *,
    ticket_id: int,
    file_name: str,
    content_type: str,
    size: int,
    stored_path: str,
    actor: Actor,
) -> Attachment:
    with db.uow() as uow:
        assert uow.session is not None
        row = AttachmentRow(
            ticket_id=ticket_id,
            file_name=file_name,
            content_type=content_type,
            size=size,
            stored_path=stored_path,
            uploaded_by=actor.name,
            unit_id=actor.unit_id,
            uploaded_at=db.clock(),
        )
        uow.session.add(row)
        uow.session.flush()
        uow.commit()
        return _attachment(row)


def attachments(db: Database, ticket_id: int) -> list[Attachment]:
    with db.uow() as uow:
        assert uow.session is not None
        rows = uow.session.scalars(
            select(AttachmentRow)
            .where(AttachmentRow.ticket_id == ticket_id)
            .order_by(AttachmentRow.id)
        )
        return [_attachment(r) for r in rows]


def attachment(db: Database, attachment_id: int) -> Attachment | None:
    with db.uow() as uow:
        assert uow.session is not None
        row = uow.session.get(AttachmentRow, attachment_id)
        return None if row is None else _attachment(row)
