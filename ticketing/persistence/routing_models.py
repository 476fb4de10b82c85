"""Retrained routing models and their verdicts (table `routing_models`, migration
routing_0004).

One row per retraining run. A run is claimed by inserting its `slot` (the schedule's
period, e.g. the day), which is unique: with several nodes on one database exactly one of
them retrains per period. A run whose challenger won stores the model itself (a joblib
pickle written by this service), so every node loads the same live model from the
database instead of its own disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from hotline.ticketing.persistence.database import Database
from hotline.ticketing.persistence.tables import Base
from sqlalchemy import Float, Integer, LargeBinary, String, Text, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

RUNNING, REPLACED, KEPT, FAILED = "running", "replaced", "kept", "failed"


class RoutingModelRow(Base):
    __tablename__ = "routing_models"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    slot: Mapped[str] = mapped_column(String(40), unique=True)
    node_id: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16), index=True)
    examples: Mapped[int] = mapped_column(Integer, default=0)
    held_out: Mapped[int] = mapped_column(Integer, default=0)
    champion_accuracy: Mapped[float | None] = mapped_column(Float)
    challenger_accuracy: Mapped[float | None] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text, default="")
    model: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)


@dataclass(frozen=True)
class RunInfo:
    """A retraining run as the console shows it (without the model bytes)."""

    id: int
    slot: str
    node_id: str
    started_at: datetime
    finished_at: datetime | None
    status: str
    examples: int
    held_out: int
    champion_accuracy: float | None
    challenger_accuracy: float | None
    reason: str

    def to_dict(self) -> dict[str, object]:
        out = dict(self.__dict__)
        for key in ("started_at", "finished_at"):
            value = out[key]
            out[key] = value.isoformat() if isinstance(value, datetime) else None
        return out


def _info(row: RoutingModelRow) -> RunInfo:
    return RunInfo(
        row.id,
        row.slot,
        row.node_id,
        row.started_at,
        row.finished_at,
        row.status,
        row.examples,
        row.held_out,
        row.champion_accuracy,
        row.challenger_accuracy,
        row.reason,
    )


def claim_run(database: Database, slot: str, node: str) -> int | None:
    """Start the run of `slot` on `node`; None when another node (or an earlier start of
    this one) already has it."""
    try:
        with Session(database.engine) as session:
            row = RoutingModelRow(
                slot=slot[:40], node_id=node[:64], started_at=database.clock(), status=RUNNING
            )
            session.add(row)
            session.commit()
            return row.id
    except IntegrityError:
        return None


def finish_run(
    database: Database,
    run_id: int,
    *,
    status: str,
    examples: int = 0,
    held_out: int = 0,
    champion_accuracy: float | None = None,
    challenger_accuracy: float | None = None,
    reason: str = "",
    model: bytes | None = None,
) -> None:
    with Session(database.engine) as session:
        session.execute(
            update(RoutingModelRow)
            .where(RoutingModelRow.id == run_id)
            .values(
                status=status,
                finished_at=database.clock(),
                examples=examples,
                held_out=held_out,
                champion_accuracy=champion_accuracy,
                challenger_accuracy=challenger_accuracy,
                reason=reason[:2000],
                model=model,
            )
        )
        session.commit()


def live_run(database: Database) -> RunInfo | None:
    """The newest run whose model went live (None: the packaged/seed model is live)."""
    with Session(database.engine) as session:
        row = session.scalars(
            select(RoutingModelRow)
            .where(RoutingModelRow.status == REPLACED)
            .order_by(RoutingModelRow.id.desc())
            .limit(1)
        ).first()
        return _info(row) if row is not None else None


def live_model_bytes(database: Database, run_id: int) -> bytes | None:
    with Session(database.engine) as session:
        return session.scalar(select(RoutingModelRow.model).where(RoutingModelRow.id == run_id))


def recent_runs(database: Database, limit: int = 10) -> list[RunInfo]:
    with Session(database.engine) as session:
        rows = session.scalars(
            select(RoutingModelRow).order_by(RoutingModelRow.id.desc()).limit(limit)
        )
        return [_info(r) for r in rows]
