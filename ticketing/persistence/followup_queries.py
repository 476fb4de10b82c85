"""Read queries the console runs over follow-up jobs: filtered lists, per-state counts and
the jobs' tickets in brief. Writes and the job state machine stay in
ticketing/followup/store.py and ticketing/followup/service.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from hotline.ticketing.followup import store
from hotline.ticketing.followup.states import FINAL_STATES, MANUAL_CALL_STATES, JobState
from hotline.ticketing.persistence.tables import TicketRow
from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Connection, Engine

S = JobState
# Outcomes after which a planned job waits for another automatic attempt.
RETRYABLE = ("busy", "no_answer", "failed")
# Filters the console accepts besides the raw job states.
GROUPS: dict[str, tuple[JobState, ...]] = {
    "open": tuple(s for s in JobState if s not in FINAL_STATES),
    "final": tuple(sorted(FINAL_STATES)),
    # A retry is due: planned again after a failed attempt (or a transient state between).
    "retry": (S.PLANNED, S.BUSY, S.NO_ANSWER, S.FAILED),
    "in_call": (S.DIALLING, S.ANSWERED),
    "manual": tuple(sorted(MANUAL_CALL_STATES)),
}


@dataclass(frozen=True)
class TicketBrief:
    """What the follow-up list shows of a job's ticket."""

    id: int
    state: str
    summary: str


@dataclass(frozen=True)
class JobPage:
    jobs: list[store.FollowupJob]
    total: int
    counts: dict[str, int]
    tickets: dict[int, TicketBrief]


def states_of(name: str) -> tuple[JobState, ...]:
    """The raw job states a filter name stands for (a group or one state)."""
    return GROUPS.get(name) or (JobState(name),)


def tickets_brief(conn: Connection, ids: Iterable[int]) -> dict[int, TicketBrief]:
    """State and summary of the jobs' tickets in one query (the list is read-only)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    t = TicketRow.__table__
    rows = conn.execute(
        select(t.c.id, t.c.state, t.c.summary, t.c.corrected_text, t.c.machine_text).where(
            t.c.id.in_(wanted)
        )
    )
    return {
        r.id: TicketBrief(
            id=r.id,
            state=r.state,
            # Whole text: the view masks numbers first, then shortens (never mid-number).
            summary=r.summary or r.corrected_text or r.machine_text or "",
        )
        for r in rows
    }


def _condition(names: Sequence[str]) -> Any:
    """SQL for the filter names: OR over raw states and groups (None: everything)."""
    j = store.followup_jobs
    parts = []
    for name in names:
        if name == "retry":
            parts.append(
                j.c.state.in_([str(S.BUSY), str(S.NO_ANSWER), str(S.FAILED)])
                | and_(
                    j.c.state == str(S.PLANNED),
                    j.c.attempts > 0,
                    j.c.last_outcome.in_(RETRYABLE),
                )
            )
        else:
            parts.append(j.c.state.in_([str(s) for s in states_of(name)]))
    return or_(*parts) if parts else None


def query_jobs(
    engine: Engine,
    names: Sequence[str],
    ticket_id: int | None,
    limit: int,
    offset: int,
    count_keys: Iterable[str] = (),
) -> JobPage:
    """Jobs for the filter: open ones by due time, finished ones newest first."""
    j = store.followup_jobs
    where = []
    condition = _condition(names)
    if condition is not None:
        where.append(condition)
    if ticket_id is not None:
        where.append(j.c.ticket_id == ticket_id)
    # Waiting work by when it is due; finished (or everything) by the latest change.
    waiting = "retry" in names or any(
        s not in FINAL_STATES for n in names if n != "retry" for s in states_of(n)
    )
    order = (j.c.due_at, j.c.id) if waiting else (j.c.updated_at.desc(), j.c.id.desc())
    with engine.connect() as conn:
        rows = conn.execute(
            select(j).where(*where).order_by(*order).limit(limit).offset(offset)
        ).all()
        total = conn.execute(select(func.count()).select_from(j).where(*where)).scalar_one()
        jobs = [store.FollowupJob(**{**r._mapping, "state": JobState(r.state)}) for r in rows]
        counts = count_jobs(conn, count_keys)
        tickets = tickets_brief(conn, (job.ticket_id for job in jobs))
    return JobPage(jobs, int(total), counts, tickets)


def count_jobs(conn: Connection, keys: Iterable[str] = ()) -> dict[str, int]:
    """Jobs per raw state and per group (the panel's filter badges); `keys` start at 0."""
    j = store.followup_jobs
    retryable = and_(j.c.attempts > 0, j.c.last_outcome.in_(RETRYABLE))
    rows = conn.execute(
        select(j.c.state, retryable.label("retry"), func.count()).group_by(j.c.state, "retry")
    ).all()
    counts: dict[str, int] = {key: 0 for key in (*keys, *GROUPS)}
    total = 0
    for state, retry, n in rows:
        total += n
        counts[state] = counts.get(state, 0) + n
        for group, members in GROUPS.items():
            if JobState(state) in members and (
                group != "retry" or state != str(S.PLANNED) or bool(retry)
            ):
                counts[group] += n
    counts["all"] = total
    return counts
