"""Follow-up jobs in the database (SQLAlchemy Core tables on the ticket `metadata`).

Three tables: `followup_jobs` (one survey of one ticket closure),
`followup_attempts` (every call, automatic or by hand — never deleted) and
`followup_do_not_call` (numbers that opted out or were added by operators).

Claiming is safe with several nodes on one PostgreSQL: due rows are selected
`FOR UPDATE SKIP LOCKED` and flipped to `dialling` in the same transaction,
with a compare-and-set on the state so SQLite (one node) is safe as well.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from hotline.ticketing.errors import ConflictError, NotFoundError
from hotline.ticketing.followup.states import FINAL_STATES, JobEvent, JobState, next_state
from hotline.ticketing.persistence.records import due_in_states, key_column, ticket_column
from hotline.ticketing.persistence.tables import UTCDateTime, metadata
from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    and_,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

followup_jobs = Table(
    "followup_jobs",
    metadata,
    key_column(),
    ticket_column(index=True),
    # When the ticket reached the trigger state: one job per ticket and closure.
    Column("triggered_at", UTCDateTime, nullable=False),
    Column("state", String(16), nullable=False, index=True),
    Column("phone", String(40), nullable=True),
    Column("due_at", UTCDateTime, nullable=False, index=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_outcome", String(16), nullable=True),
    Column("satisfaction", String(32), nullable=True),
    # Why the job is not callable / was cancelled / the last call's detail.
    Column("note", Text, nullable=False, default=""),
    # Node that claimed the job and when (stale claims are recovered).
    Column("owner", String(200), nullable=True),
    Column("claimed_at", UTCDateTime, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("completed_at", UTCDateTime, nullable=True),
    Column("version", Integer, nullable=False, default=1),
    UniqueConstraint("ticket_id", "triggered_at", name="uq_followup_jobs_ticket_id_triggered_at"),
)

followup_attempts = Table(
    "followup_attempts",
    metadata,
    key_column(),
    Column("job_id", Integer, ForeignKey("followup_jobs.id"), nullable=False, index=True),
    Column("attempt", Integer, nullable=False),
    Column("channel", String(16), nullable=False),  # auto | manual
    Column("actor", String(200), nullable=False),  # node name or operator
    Column("started_at", UTCDateTime, nullable=False),
    Column("ended_at", UTCDateTime, nullable=True),
    Column("outcome", String(16), nullable=True),  # answered busy no_answer failed manual
    Column("satisfaction", String(32), nullable=True),
    # answer opted_out no_response hung_up hung_up_prompt (before the question ended)
    Column("ending", String(16), nullable=True),
    Column("heard", Text, nullable=False, default="[]"),  # JSON list of keys and words
    Column("detail", Text, nullable=False, default=""),
    Column("recording_path", Text, nullable=True),
)

followup_do_not_call = Table(
    "followup_do_not_call",
    metadata,
    Column("number", String(40), primary_key=True),  # policy.normalise_number() form
    Column("source", String(16), nullable=False),  # opt_out | operator
    Column("reason", Text, nullable=False, default=""),
    Column("added_at", UTCDateTime, nullable=False),
)


@dataclass(frozen=True)
class FollowupJob:
    id: int
    ticket_id: int
    triggered_at: datetime
    state: JobState
    phone: str | None
    due_at: datetime
    attempts: int
    last_outcome: str | None
    satisfaction: str | None
    note: str
    owner: str | None
    claimed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None
    version: int

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in self.__dict__.items():
            out[key] = value.isoformat() if isinstance(value, datetime) else value
        out["state"] = str(self.state)
        return out


@dataclass(frozen=True)
class FollowupAttempt:
    id: int
    job_id: int
    attempt: int
    channel: str
    actor: str
    started_at: datetime
    ended_at: datetime | None
    outcome: str | None
    satisfaction: str | None
    ending: str | None
    heard: list[str]
    detail: str
    recording_path: str | None


def _job(row: Any) -> FollowupJob:
    m = dict(row._mapping)
    m["state"] = JobState(m["state"])
    return FollowupJob(**m)


def _attempt(row: Any) -> FollowupAttempt:
    m = dict(row._mapping)
    m["heard"] = json.loads(m["heard"] or "[]")
    return FollowupAttempt(**m)


def create_job(
    conn: Connection,
    *,
    ticket_id: int,
    triggered_at: datetime,
    phone: str | None,
    due_at: datetime,
    now: datetime,
    state: JobState = JobState.PLANNED,
    note: str = "",
) -> FollowupJob | None:
    """Insert a job; None when this ticket closure already has one (another node won)."""
    values = dict(
        ticket_id=ticket_id,
        triggered_at=triggered_at,
        state=str(state),
        phone=phone,
        due_at=due_at,
        attempts=0,
        note=note,
        created_at=now,
        updated_at=now,
        completed_at=now if state in FINAL_STATES else None,
        version=1,
    )
    try:
        with conn.begin_nested():
            job_id = conn.execute(insert(followup_jobs).values(**values)).inserted_primary_key[0]
    except IntegrityError:
        return None
    return get_job(conn, int(job_id))


def get_job(conn: Connection, job_id: int, *, for_update: bool = False) -> FollowupJob:
    query = select(followup_jobs).where(followup_jobs.c.id == job_id)
    if for_update:
        query = query.with_for_update()
    row = conn.execute(query).first()
    if row is None:
        raise NotFoundError("follow-up job", job_id, "回访任务")
    return _job(row)


def jobs_for_ticket(conn: Connection, ticket_id: int) -> list[FollowupJob]:
    rows = conn.execute(
        select(followup_jobs)
        .where(followup_jobs.c.ticket_id == ticket_id)
        .order_by(followup_jobs.c.id)
    )
    return [_job(r) for r in rows]


def open_job_for_ticket(conn: Connection, ticket_id: int) -> FollowupJob | None:
    """The ticket's job that is not finished yet (at most one is ever open)."""
    for job in reversed(jobs_for_ticket(conn, ticket_id)):
        if job.state not in FINAL_STATES:
            return job
    return None


def existing_triggers(conn: Connection, ticket_ids: Iterable[int]) -> set[tuple[int, datetime]]:
    ids = list(ticket_ids)
    if not ids:
        return set()
    rows = conn.execute(
        select(followup_jobs.c.ticket_id, followup_jobs.c.triggered_at).where(
            followup_jobs.c.ticket_id.in_(ids)
        )
    )
    return {(r.ticket_id, r.triggered_at) for r in rows}


def list_jobs(
    conn: Connection,
    *,
    states: Sequence[JobState] | None = None,
    ticket_id: int | None = None,
    limit: int = 500,
) -> list[FollowupJob]:
    where = [] if ticket_id is None else [followup_jobs.c.ticket_id == ticket_id]
    return [_job(r) for r in conn.execute(due_in_states(followup_jobs, states, limit, *where))]


def claim_due(conn: Connection, *, now: datetime, owner: str, limit: int) -> list[FollowupJob]:
    """Take up to `limit` due planned jobs for this node (call inside a transaction)."""
    ids = list(
        conn.execute(
            select(followup_jobs.c.id)
            .where(
                and_(
                    followup_jobs.c.state == str(JobState.PLANNED),
                    followup_jobs.c.due_at <= now,
                )
            )
            .order_by(followup_jobs.c.due_at, followup_jobs.c.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).scalars()
    )
    claimed: list[FollowupJob] = []
    target = next_state(JobState.PLANNED, JobEvent.CLAIM)
    for job_id in ids:
        result = conn.execute(
            update(followup_jobs)
            .where(
                and_(followup_jobs.c.id == job_id, followup_jobs.c.state == str(JobState.PLANNED))
            )
            .values(
                state=str(target),
                owner=owner,
                claimed_at=now,
                attempts=followup_jobs.c.attempts + 1,
                updated_at=now,
                version=followup_jobs.c.version + 1,
            )
        )
        if result.rowcount == 1:  # compare-and-set: lost races are skipped
            claimed.append(get_job(conn, job_id))
    return claimed


def stale_jobs(conn: Connection, *, claimed_before: datetime) -> list[FollowupJob]:
    rows = conn.execute(
        select(followup_jobs)
        .where(
            and_(
                followup_jobs.c.state.in_([str(JobState.DIALLING), str(JobState.ANSWERED)]),
                followup_jobs.c.claimed_at < claimed_before,
            )
        )
        .with_for_update(skip_locked=True)
    )
    return [_job(r) for r in rows]


def transition(
    conn: Connection,
    job: FollowupJob,
    event: JobEvent,
    *,
    now: datetime,
    **values: Any,
) -> FollowupJob:
    """Move `job` by `event` (checked against the table); optimistic on `version`."""
    target = next_state(job.state, event)
    values = dict(values, state=str(target), updated_at=now, version=job.version + 1)
    if target in FINAL_STATES and "completed_at" not in values:
        values["completed_at"] = now
    result = conn.execute(
        update(followup_jobs)
        .where(and_(followup_jobs.c.id == job.id, followup_jobs.c.version == job.version))
        .values(**values)
    )
    if result.rowcount != 1:
        raise ConflictError(job.ticket_id, job.version)
    return get_job(conn, job.id)


def add_attempt(
    conn: Connection,
    *,
    job: FollowupJob,
    channel: str,
    actor: str,
    started_at: datetime,
    ended_at: datetime | None,
    outcome: str | None,
    satisfaction: str | None = None,
    ending: str | None = None,
    heard: Sequence[str] = (),
    detail: str = "",
    recording_path: str | None = None,
) -> None:
    conn.execute(
        insert(followup_attempts).values(
            job_id=job.id,
            attempt=job.attempts,
            channel=channel,
            actor=actor,
            started_at=started_at,
            ended_at=ended_at,
            outcome=outcome,
            satisfaction=satisfaction,
            ending=ending,
            heard=json.dumps(list(heard), ensure_ascii=False),
            detail=detail,
            recording_path=recording_path,
        )
    )


def attempts_for_job(conn: Connection, job_id: int) -> list[FollowupAttempt]:
    rows = conn.execute(
        select(followup_attempts)
        .where(followup_attempts.c.job_id == job_id)
        .order_by(followup_attempts.c.id)
    )
    return [_attempt(r) for r in rows]


def add_do_not_call(
    conn: Connection, number: str, *, source: str, reason: str, now: datetime
) -> None:
    try:
        with conn.begin_nested():
            conn.execute(
                insert(followup_do_not_call).values(
                    number=number, source=source, reason=reason, added_at=now
                )
            )
    except IntegrityError:
        pass  # already listed


def is_on_do_not_call(conn: Connection, number: str) -> bool:
    row = conn.execute(
        select(followup_do_not_call.c.number).where(followup_do_not_call.c.number == number)
    ).first()
    return row is not None


def satisfaction_counts(
    conn: Connection, *, since: datetime | None = None, until: datetime | None = None
) -> dict[str, int]:
    """Finished surveys by result (automatic and manual), for the statistics."""
    query = select(followup_jobs.c.satisfaction, func.count()).where(
        followup_jobs.c.satisfaction.is_not(None)
    )
    if since is not None:
        query = query.where(followup_jobs.c.completed_at >= since)
    if until is not None:
        query = query.where(followup_jobs.c.completed_at < until)
    query = query.group_by(followup_jobs.c.satisfaction)
    return {str(k): int(v) for k, v in conn.execute(query)}


def ending_counts(
    conn: Connection, *, since: datetime | None = None, until: datetime | None = None
) -> dict[str, int]:
    """Answered automatic calls by how the survey script ended (completion statistics)."""
    a = followup_attempts.c
    query = select(a.ending, func.count()).where(
        and_(a.channel == "auto", a.outcome == "answered", a.ending.is_not(None))
    )
    if since is not None:
        query = query.where(a.started_at >= since)
    if until is not None:
        query = query.where(a.started_at < until)
    return {str(k): int(v) for k, v in conn.execute(query.group_by(a.ending))}
