"""ORM tables. Domain objects are mapped explicitly in `repository.py`, not by these classes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names so Alembic migrations are the same on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out — also on SQLite, which drops zones."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use aware UTC datetimes")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON}


metadata = Base.metadata


class TicketRow(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        Index("ix_tickets_lead_unit_received", "lead_unit", "received_at"),
        Index("ix_tickets_state_received", "state", "received_at"),
        # PostgreSQL: the dashboard's columns ride along, for index-only counting (store_0004).
        Index(
            "ix_tickets_received_at",
            "received_at",
            postgresql_include=[
                "state",
                "request_type",
                "urgency",
                "lead_unit",
                "area_id",
                "epidemic",
                "satisfaction",
                "first_dispatched_at",
                "dispatched_at",
                "closed_at",
            ],
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    state: Mapped[str] = mapped_column(String(20), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[datetime] = mapped_column()
    caller_number: Mapped[str | None] = mapped_column(String(40))
    caller_name: Mapped[str] = mapped_column(String(100), default="")
    caller_confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    called_number: Mapped[str | None] = mapped_column(String(40))
    forwarded_from: Mapped[str | None] = mapped_column(String(100))
    callback_number: Mapped[str | None] = mapped_column(String(40))
    call_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    recording_ref: Mapped[str | None] = mapped_column(String(500))
    call_quality: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # console_0004
    transcript_words: Mapped[list[Any]] = mapped_column(default=list)
    machine_text: Mapped[str] = mapped_column(Text, default="")
    transcription_pending: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    corrected_text: Mapped[str | None] = mapped_column(Text)
    corrected_by: Mapped[str | None] = mapped_column(String(100))
    corrected_at: Mapped[datetime | None]
    summary: Mapped[str] = mapped_column(Text, default="")
    request_type: Mapped[str | None] = mapped_column(String(40), index=True)
    location_text: Mapped[str] = mapped_column(Text, default="")
    area_id: Mapped[str | None] = mapped_column(String(40), index=True)
    lead_unit: Mapped[str | None] = mapped_column(String(60), index=True)
    assisting_units: Mapped[list[Any]] = mapped_column(default=list)
    urgency: Mapped[str] = mapped_column(String(10), default="normal")
    epidemic: Mapped[bool] = mapped_column(Boolean, default=False)
    routing_suggestion: Mapped[dict[str, Any]] = mapped_column(default=dict)
    missing_info: Mapped[list[Any]] = mapped_column(default=list)
    duplicate_candidates: Mapped[list[Any]] = mapped_column(default=list)
    manual_fields: Mapped[list[Any]] = mapped_column(default=list)
    merged_into: Mapped[int | None] = mapped_column(Integer)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    reply_text: Mapped[str] = mapped_column(Text, default="")
    replied_by: Mapped[str | None] = mapped_column(String(100))
    satisfaction: Mapped[str | None] = mapped_column(String(30))
    satisfaction_note: Mapped[str] = mapped_column(Text, default="")
    upstream_ref: Mapped[str | None] = mapped_column(String(100))
    registered_at: Mapped[datetime | None]
    first_dispatched_at: Mapped[datetime | None]
    dispatched_at: Mapped[datetime | None]
    accepted_at: Mapped[datetime | None]
    replied_at: Mapped[datetime | None]
    reviewed_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    reported_at: Mapped[datetime | None]
    dispatch_due_at: Mapped[datetime | None] = mapped_column(index=True)
    close_due_at: Mapped[datetime | None] = mapped_column(index=True)
    followup_due_at: Mapped[datetime | None] = mapped_column(index=True)
    updated_at: Mapped[datetime | None]


class HistoryRow(Base):
    """Append-only: rows are inserted, never updated or deleted."""

    __tablename__ = "ticket_history"
    __table_args__ = (
        UniqueConstraint("ticket_id", "seq", name="uq_ticket_history_ticket_id_seq"),
        Index("ix_ticket_history_at", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(100))
    actor_role: Mapped[str] = mapped_column(String(20))
    command: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[str | None] = mapped_column(String(60))
    portfolio: Mapped[list[Any]] = mapped_column(default=list)
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    integration: Mapped[bool] = mapped_column(Boolean, default=False)  # web_0002


class RecordingRow(Base):
    """Which node wrote a call recording (scale_0003): with a shared recordings volume any
    node serves it, but only its writer may repair it while that node is alive."""

    __tablename__ = "recordings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    recording_ref: Mapped[str] = mapped_column(String(500), unique=True)
    call_id: Mapped[str | None] = mapped_column(String(255), index=True)
    node_id: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime]
