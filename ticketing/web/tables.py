"""Tables the web layer owns: audit log, API tokens, console sessions, the login limiter,
reply attachments, upstream outbox.

They share the foundation's metadata (same naming convention, same Alembic
history); the migration is hotline/migrations/versions/*_web_tables.py.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from hotline.ticketing.persistence.tables import Base
from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

metadata = Base.metadata  # for hotline/migrations/env.py


class AuditRow(Base):
    """Append-only: who read what sensitive data (full caller numbers, exports)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(100))
    actor_role: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(40))
    ticket_id: Mapped[int | None] = mapped_column(Integer, index=True)
    remote: Mapped[str] = mapped_column(String(64), default="")
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class ApiTokenRow(Base):
    """Only the SHA-256 of a token is stored; `prefix` (its first characters) names it in lists."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_name: Mapped[str] = mapped_column(String(100), index=True)
    label: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    prefix: Mapped[str] = mapped_column(String(16), default="")
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)  # read | intake | commands
    expires_at: Mapped[datetime | None]
    created_by: Mapped[str] = mapped_column(String(100), default="")
    last_used_at: Mapped[datetime | None]


class SessionRow(Base):
    """A console session; the cookie holds only the random id, this row holds its keyed hash.

    `credential` is a fingerprint of the user's password hash at login: a password
    change (by any path) ends every older session.
    """

    __tablename__ = "web_sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_name: Mapped[str] = mapped_column(String(100), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    credential: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[str] = mapped_column(String(20), default="")
    remote: Mapped[str] = mapped_column(String(64), default="")


class LoginThrottleRow(Base):
    """Failed-login counters shared by every node: one row per key.

    Keys: `pair:<user>|<address>`, `user:<user>` (the global ceiling) and
    `addr:<address>`. `locked` is set on a `user:` row at the ceiling and holds
    until an admin unlocks the account.
    """

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    user_name: Mapped[str] = mapped_column(String(100), index=True, default="")
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime]
    locked: Mapped[bool] = mapped_column(Boolean, default=False)


class AttachmentRow(Base):
    __tablename__ = "ticket_attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    stored_path: Mapped[str] = mapped_column(String(500))  # relative to the attachments dir
    uploaded_by: Mapped[str] = mapped_column(String(100))
    unit_id: Mapped[str | None] = mapped_column(String(60))
    uploaded_at: Mapped[datetime]


class OutboxRow(Base):
    """One row per ticket to report up; the ticket id makes the push idempotent."""

    __tablename__ = "upstream_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), unique=True)
    idempotency_key: Mapped[str] = mapped_column(String(100), unique=True)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(20), index=True)  # pending | sent | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(index=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    upstream_ref: Mapped[str | None] = mapped_column(String(100))
