"""Durable queue of transcriptions that could not run live (busy or no model).

One row per recording in table `asr_jobs` (SQLAlchemy Core, its own `metadata`
so Alembic's env.py can include it). Rows survive restarts; `BacklogWorker` in
asr/backlog_worker.py drains them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

# Same constraint names as ticketing's tables, so Alembic sees one consistent schema.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

JobState = Literal["queued", "running", "done", "failed"]
JOB_STATES: tuple[JobState, ...] = ("queued", "running", "done", "failed")

asr_jobs = Table(
    "asr_jobs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # Caller-chosen identity (e.g. the call id): enqueueing twice is a no-op.
    Column("key", String(200), nullable=False, unique=True),
    Column("audio_path", Text, nullable=False),
    Column("state", String(16), nullable=False, default="queued", index=True),
    Column("attempts", Integer, nullable=False, default=0),
    # Node that is running the job: a restarted node reclaims its own jobs at once, other
    # nodes take a running job over once its lease has run out (its node died).
    Column("owner", String(200), nullable=True),
    Column("lease_until", DateTime(timezone=True), nullable=True),
    Column("error", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # Transcript.to_dict() as JSON once done.
    Column("result", Text, nullable=True),
)


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class AsrJob:
    id: int
    key: str
    audio_path: str
    state: JobState
    attempts: int
    owner: str | None
    lease_until: datetime | None
    error: str | None
    created_at: datetime
    updated_at: datetime
    result: dict[str, Any] | None


def _job(row: Any) -> AsrJob:
    m = row._mapping
    return AsrJob(
        id=m["id"],
        key=m["key"],
        audio_path=m["audio_path"],
        state=m["state"],
        attempts=m["attempts"],
        owner=m["owner"],
        lease_until=m["lease_until"],
        error=m["error"],
        created_at=m["created_at"],
        updated_at=m["updated_at"],
        result=json.loads(m["result"]) if m["result"] else None,
    )


class BacklogQueue:
    """Row operations on `asr_jobs`; every method is one short transaction.

    Blocking (SQLAlchemy Core, sync engine): async callers run it in a thread.
    """

    def __init__(self, engine: Engine, *, lease_seconds: float = 60.0) -> None:
        self.engine = engine
        self.lease_seconds = lease_seconds

    def create_table(self) -> None:
        """For tests and tools; production creates the table with Alembic."""
        metadata.create_all(self.engine)

    def enqueue(self, key: str, audio_path: str) -> AsrJob:
        """Queue a recording; an existing job with the same key is returned unchanged."""
        now = _now()
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    insert(asr_jobs).values(
                        key=key,
                        audio_path=audio_path,
                        state="queued",
                        attempts=0,
                        created_at=now,
                        updated_at=now,
                    )
                )
        except IntegrityError:
            pass
        job = self.get(key)
        assert job is not None
        return job

    def get(self, key: str) -> AsrJob | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(asr_jobs).where(asr_jobs.c.key == key)).first()
        return _job(row) if row else None

    def list(self, states: Sequence[JobState] = JOB_STATES) -> list[AsrJob]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(asr_jobs).where(asr_jobs.c.state.in_(states)).order_by(asr_jobs.c.id)
            ).all()
        return [_job(r) for r in rows]

    def claim_next(self, owner: str) -> AsrJob | None:
        """Mark the oldest claimable job running under a lease and return it (None if none).

        Claimable: queued, or running with its lease run out (the node that held it died).
        The conditional UPDATE (still claimable) makes the claim safe when several nodes
        share the database: one wins, the others look for the next job.
        """
        with self.engine.begin() as conn:
            while True:
                now = _now()
                claimable = or_(
                    asr_jobs.c.state == "queued",
                    and_(asr_jobs.c.state == "running", asr_jobs.c.lease_until < now),
                )
                row = conn.execute(
                    select(asr_jobs.c.id).where(claimable).order_by(asr_jobs.c.id).limit(1)
                ).first()
                if row is None:
                    return None
                claimed = conn.execute(
                    update(asr_jobs)
                    .where(and_(asr_jobs.c.id == row.id, claimable))
                    .values(
                        state="running",
                        owner=owner,
                        lease_until=now + timedelta(seconds=self.lease_seconds),
                        attempts=asr_jobs.c.attempts + 1,
                        updated_at=now,
                    )
                )
                if claimed.rowcount == 1:
                    job = conn.execute(select(asr_jobs).where(asr_jobs.c.id == row.id)).one()
                    return _job(job)

    def renew(self, job_id: int, owner: str) -> bool:
        """Extend the lease of a job `owner` is still running; False if it lost the job."""
        now = _now()
        with self.engine.begin() as conn:
            result = conn.execute(
                update(asr_jobs)
                .where(
                    and_(
                        asr_jobs.c.id == job_id,
                        asr_jobs.c.owner == owner,
                        asr_jobs.c.state == "running",
                    )
                )
                .values(lease_until=now + timedelta(seconds=self.lease_seconds), updated_at=now)
            )
        return result.rowcount == 1

    def mark_done(self, job_id: int, result: dict[str, Any]) -> None:
        self._set(job_id, state="done", error=None, result=json.dumps(result, ensure_ascii=False))

    def mark_failed_attempt(self, job_id: int, error: str, max_attempts: int) -> JobState:
        """Requeue after an error, or fail the job for good once attempts are used up."""
        with self.engine.begin() as conn:
            attempts = conn.execute(
                select(asr_jobs.c.attempts).where(asr_jobs.c.id == job_id)
            ).scalar_one()
            state: JobState = "failed" if attempts >= max_attempts else "queued"
            self._update(conn, job_id, state=state, error=error)
        return state

    def requeue(self, job_id: int, error: str | None = None) -> None:
        """Put a job back without spending an attempt (e.g. the model is not installed)."""
        with self.engine.begin() as conn:
            self._update(
                conn, job_id, state="queued", error=error, attempts=asr_jobs.c.attempts - 1
            )

    def reclaim_running(self, owner: str) -> int:
        """Jobs this node left 'running' when it crashed go back to 'queued'. Call at start-up."""
        with self.engine.begin() as conn:
            result = conn.execute(
                update(asr_jobs)
                .where(and_(asr_jobs.c.state == "running", asr_jobs.c.owner == owner))
                .values(state="queued", lease_until=None, updated_at=_now())
            )
        return result.rowcount

    def _set(self, job_id: int, **values: Any) -> None:
        with self.engine.begin() as conn:
            self._update(conn, job_id, **values)

    @staticmethod
    def _update(conn: Connection, job_id: int, **values: Any) -> None:
        conn.execute(
            update(asr_jobs).where(asr_jobs.c.id == job_id).values(updated_at=_now(), **values)
        )
