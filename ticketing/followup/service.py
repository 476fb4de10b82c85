"""Follow-up service: schedule surveys, claim due calls, apply their results.

Handlers take their inputs and an injected clock; the database is reached
through ticketing.followup.store and the tickets through a TicketPort. Each
handler is one short transaction on the follow-up tables; the ticket command
that goes with it runs through the port (the workflow checks it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from hotline.ticketing import commands as cmd
from hotline.ticketing.deadlines import DeadlinePolicy
from hotline.ticketing.errors import DomainError, InvalidInputError, NotFoundError, WorkflowError
from hotline.ticketing.followup import store
from hotline.ticketing.followup.dialer import SurveyOutcome, SurveyRequest
from hotline.ticketing.followup.policy import FollowupPolicy, dialable_number, normalise_number
from hotline.ticketing.followup.results import MANUAL_RESULTS
from hotline.ticketing.followup.states import MANUAL_CALL_STATES, JobEvent, JobState
from hotline.ticketing.followup.survey_script import SurveyPrompts, spoken_summary
from hotline.ticketing.followup.tickets import TicketPort, Trigger, survey_trigger
from hotline.ticketing.model import SATISFACTION_LABELS, Satisfaction, State, Ticket
from hotline.ticketing.users import SYSTEM_ACTOR, Actor
from sqlalchemy.engine import Connection, Engine

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

REOPEN_REASON = "回访不满意，退回重新审核"


def _answered(
    conn: Connection,
    job: store.FollowupJob,
    event: JobEvent,
    satisfaction: Satisfaction,
    note: str,
    now: datetime,
) -> store.FollowupJob:
    """Finish an answered call with the caller's choice (a result or an opt-out)."""
    return store.transition(
        conn,
        job,
        event,
        now=now,
        satisfaction=str(satisfaction),
        last_outcome="answered",
        note=note,
    )


@dataclass
class FollowupService:
    engine: Engine
    tickets: TicketPort
    policy: FollowupPolicy
    clock: Clock
    node: str = "hotline"
    trigger: Trigger = "closed"
    deadlines: DeadlinePolicy = field(default_factory=DeadlinePolicy)
    prompts: SurveyPrompts = field(default_factory=SurveyPrompts)
    # Tickets that reached the trigger longer ago than this are not surveyed
    # (switching the feature on must not phone last year's callers).
    lookback: timedelta = timedelta(days=7)
    # A claim older than this without a result means the node died mid-call.
    stale_after: timedelta = timedelta(minutes=30)
    # Catalogue names (area id → 熊岳镇, request type id → 投诉) for the spoken summary.
    area_names: dict[str, str] = field(default_factory=dict)
    type_names: dict[str, str] = field(default_factory=dict)

    # --- scheduling ---------------------------------------------------------------------------

    def sweep(self) -> list[store.FollowupJob]:
        """Create jobs for tickets that reached the trigger; return the new ones."""
        now = self.clock()
        since = now - self.lookback
        found: list[tuple[Ticket, datetime]] = []
        for ticket in self.tickets.candidates(self.trigger, since):
            triggered_at = survey_trigger(ticket, self.trigger)
            if triggered_at is not None and triggered_at >= since and ticket.id is not None:
                found.append((ticket, triggered_at))
        with self.engine.connect() as conn:
            known = store.existing_triggers(conn, [t.id for t, _ in found if t.id is not None])
        created = []
        for ticket, triggered_at in found:
            if (ticket.id, triggered_at) in known:
                continue
            job = self.schedule(ticket, triggered_at)
            if job is not None:
                created.append(job)
        self._cancel_orphans()
        return created

    def schedule(self, ticket: Ticket, triggered_at: datetime) -> store.FollowupJob | None:
        """One job for this ticket closure; None if it exists (another node made it)."""
        assert ticket.id is not None
        now = self.clock()
        phone = dialable_number(ticket.reachable_number)
        limits = self.deadlines.limits(ticket.request_type, str(ticket.urgency))
        due = self.policy.window.next_open(triggered_at + limits.followup_delay)
        with self.engine.begin() as conn:
            if store.open_job_for_ticket(conn, ticket.id) is not None:
                return None
            job = store.create_job(
                conn,
                ticket_id=ticket.id,
                triggered_at=triggered_at,
                phone=phone,
                due_at=due,
                now=now,
            )
        if job is None:
            return None
        log.info("follow-up job %s for ticket %s due %s", job.id, ticket.id, due.isoformat())
        if not self._start_follow_up(ticket.id, now):
            return self._cancel(job, "工单状态已变化，无需回访")
        uncallable = self._uncallable_reason(phone)
        if uncallable is not None:
            return self._mark_uncallable(job, *uncallable)
        return job

    # --- dialling -----------------------------------------------------------------------------

    def claim(self, limit: int) -> list[SurveyRequest]:
        """Due jobs this node will call now; nothing outside the calling window."""
        now = self.clock()
        if limit <= 0 or not self.policy.window.contains(now):
            return []
        with self.engine.begin() as conn:
            jobs = store.claim_due(conn, now=now, owner=self.node, limit=limit)
        requests = []
        for job in jobs:
            request = self._prepare(job, now)
            if request is not None:
                requests.append(request)
        return requests

    def _prepare(self, job: store.FollowupJob, now: datetime) -> SurveyRequest | None:
        """Check the claimed job against the ticket right before dialling."""
        try:
            ticket = self.tickets.get(job.ticket_id)
        except NotFoundError:
            self._cancel(job, "工单不存在")
            return None
        if ticket.state is not State.FOLLOW_UP and not self._start_follow_up(ticket.id, now):
            self._cancel(job, f"工单状态已变为「{ticket.state}」，不再回访")
            return None
        uncallable = self._uncallable_reason(job.phone)
        if uncallable is not None:
            self._mark_uncallable(job, *uncallable)
            return None
        assert job.phone is not None
        return SurveyRequest(
            job_id=job.id,
            ticket_id=job.ticket_id,
            phone=job.phone,
            summary=self.spoken_summary(ticket),
            attempt=job.attempts,
            opt_out_digit=self.policy.opt_out_digit,
            prompts=self.prompts,
        )

    def complete(self, request: SurveyRequest, outcome: SurveyOutcome) -> store.FollowupJob:
        """Store what the call gave and act on it (ticket, retry, do-not-call list)."""
        now = self.clock()
        with self.engine.begin() as conn:
            job = store.get_job(conn, request.job_id, for_update=True)
            store.add_attempt(
                conn,
                job=job,
                channel="auto",
                actor=self.node,
                started_at=job.claimed_at or now,
                ended_at=now,
                outcome=outcome.outcome,
                satisfaction=str(outcome.answer) if outcome.answer else None,
                ending=outcome.ending,
                heard=outcome.heard,
                detail=outcome.detail,
                recording_path=str(outcome.recording_path) if outcome.recording_path else None,
            )
            job = self._apply_outcome(conn, job, outcome, now)
        if job.state is JobState.DONE and outcome.answer is not None:
            self._record_on_ticket(
                job.ticket_id,
                outcome.answer,
                SYSTEM_ACTOR,
                now,
                f"自动回访（第{job.attempts}次呼叫）",
            )
        elif job.state is JobState.OPTED_OUT:
            self._record_on_ticket(
                job.ticket_id, Satisfaction.DECLINED, SYSTEM_ACTOR, now, "来电人按键拒绝回访"
            )
        return job

    def _apply_outcome(
        self, conn: Connection, job: store.FollowupJob, outcome: SurveyOutcome, now: datetime
    ) -> store.FollowupJob:
        detail = outcome.detail
        if outcome.outcome == "answered":
            job = store.transition(conn, job, JobEvent.ANSWER, now=now)
            if outcome.answer is not None:
                return _answered(conn, job, JobEvent.RESULT, outcome.answer, detail, now)
            if outcome.opted_out:
                if job.phone:
                    store.add_do_not_call(
                        conn,
                        normalise_number(job.phone),
                        source="opt_out",
                        reason=f"工单{job.ticket_id}回访时按键拒绝",
                        now=now,
                    )
                return _answered(
                    conn, job, JobEvent.OPT_OUT, Satisfaction.DECLINED, "来电人按键拒绝回访", now
                )
            job = store.transition(conn, job, JobEvent.REPORT_NO_ANSWER, now=now)
            retry_as = "no_answer"
            detail = detail or (
                "提问前对方挂机" if outcome.ending == "hung_up_prompt" else "接通后未作有效选择"
            )
        else:
            event = {
                "busy": JobEvent.REPORT_BUSY,
                "no_answer": JobEvent.REPORT_NO_ANSWER,
                "failed": JobEvent.REPORT_FAILED,
            }[outcome.outcome]
            job = store.transition(conn, job, event, now=now)
            retry_as = outcome.outcome
        decision = self.policy.after_failed_attempt(retry_as, job.attempts, now)  # type: ignore[arg-type]
        values: dict[str, object] = {"last_outcome": retry_as, "note": detail, "owner": None}
        if decision.due_at is not None:
            values["due_at"] = decision.due_at
        return store.transition(conn, job, decision.event, now=now, **values)

    def recover_stale(self) -> list[store.FollowupJob]:
        """Jobs whose node vanished mid-call count as a failed attempt."""
        now = self.clock()
        recovered = []
        with self.engine.begin() as conn:
            for job in store.stale_jobs(conn, claimed_before=now - self.stale_after):
                job = store.transition(conn, job, JobEvent.STALE, now=now)
                decision = self.policy.after_failed_attempt("failed", job.attempts, now)
                values: dict[str, object] = {
                    "last_outcome": "failed",
                    "note": f"节点{job.owner}呼叫中断",
                    "owner": None,
                }
                if decision.due_at is not None:
                    values["due_at"] = decision.due_at
                recovered.append(store.transition(conn, job, decision.event, now=now, **values))
        return recovered

    def spoken_summary(self, ticket: Ticket) -> str:
        """What the survey's opening prompt calls the request: place + topic, short."""
        place = self.area_names.get(ticket.area_id or "", "") or ticket.location_text
        kind = self.type_names.get(ticket.request_type or "", "")
        return spoken_summary(ticket.summary or ticket.text, place, kind)

    # --- operators ----------------------------------------------------------------------------

    def call_now(self, ticket_id: int, actor: Actor) -> store.FollowupJob:
        """Dial this ticket's survey at the next scheduler pass (inside the window)."""
        now = self.clock()
        with self.engine.begin() as conn:
            job = self._open_job(conn, ticket_id)
            due = self.policy.window.next_open(now)  # outside the window: when it opens
            return store.transition(
                conn, job, JobEvent.CALL_NOW, now=now, due_at=due, note=f"{actor.name}要求立即回访"
            )

    def record_manual(
        self, ticket_id: int, result: Satisfaction, actor: Actor, note: str = ""
    ) -> store.FollowupJob:
        """The result of a survey call an operator made by hand."""
        result = Satisfaction(result)
        if result not in MANUAL_RESULTS:
            raise InvalidInputError(
                "invalid_input",
                f"回访结果无效：{result}",
                f"manual follow-up result must be one of {[str(r) for r in MANUAL_RESULTS]}",
            )
        now = self.clock()
        ticket = self.tickets.get(ticket_id)
        # The ticket port writes in its own transaction: never inside ours (SQLite locks).
        if ticket.state is not State.FOLLOW_UP and not self._start_follow_up(ticket_id, now):
            raise WorkflowError(
                "invalid_state",
                f"工单当前状态为「{ticket.state}」，不能记录回访结果",
                f"ticket {ticket_id} in state {ticket.state} cannot take a survey result",
            )
        with self.engine.begin() as conn:
            job = store.open_job_for_ticket(conn, ticket_id)
            if job is None:
                # Surveyed by hand before the scheduler got to it: keep a job for the record.
                triggered = survey_trigger(ticket, self.trigger) or ticket.updated_at or now
                job = store.create_job(
                    conn,
                    ticket_id=ticket_id,
                    triggered_at=triggered,
                    phone=dialable_number(ticket.reachable_number),
                    due_at=now,
                    now=now,
                )
                if job is None:
                    raise WorkflowError(
                        "followup_exists",
                        "该工单的回访已完成",
                        f"ticket {ticket_id} was already surveyed for this closure",
                    )
            store.add_attempt(
                conn,
                job=job,
                channel="manual",
                actor=actor.name,
                started_at=now,
                ended_at=now,
                outcome="manual",
                satisfaction=str(result),
                detail=note,
            )
            job = store.transition(
                conn,
                job,
                JobEvent.RECORD_MANUAL,
                now=now,
                satisfaction=str(result),
                last_outcome="manual",
                note=note or f"{actor.name}人工回访",
                owner=None,
            )
        self._record_on_ticket(ticket_id, result, actor, now, note or "人工回访")
        return job

    def list_jobs(
        self, states: list[JobState] | None = None, ticket_id: int | None = None
    ) -> list[store.FollowupJob]:
        with self.engine.connect() as conn:
            return store.list_jobs(conn, states=states, ticket_id=ticket_id)

    def manual_call_list(self) -> list[store.FollowupJob]:
        return self.list_jobs(sorted(MANUAL_CALL_STATES))

    def attempts(self, job_id: int) -> list[store.FollowupAttempt]:
        with self.engine.connect() as conn:
            return store.attempts_for_job(conn, job_id)

    # --- helpers ------------------------------------------------------------------------------

    def _open_job(self, conn: Connection, ticket_id: int) -> store.FollowupJob:
        job = store.open_job_for_ticket(conn, ticket_id)
        if job is None:
            raise NotFoundError("open follow-up job for ticket", ticket_id, "该工单的待回访任务")
        return job

    def _uncallable_reason(self, phone: str | None) -> tuple[Satisfaction, str] | None:
        if phone is None:
            return Satisfaction.NO_NUMBER, "来电人未留联系电话，无法回访"
        if self.policy.is_do_not_call(phone):
            return Satisfaction.DECLINED, "号码在免打扰名单中，不回访"
        with self.engine.connect() as conn:
            if store.is_on_do_not_call(conn, normalise_number(phone)):
                return Satisfaction.DECLINED, "来电人曾拒绝回访，不再拨打"
        return None

    def _mark_uncallable(
        self, job: store.FollowupJob, result: Satisfaction, reason: str
    ) -> store.FollowupJob:
        now = self.clock()
        with self.engine.begin() as conn:
            job = store.get_job(conn, job.id, for_update=True)
            job = store.transition(
                conn,
                job,
                JobEvent.UNCALLABLE,
                now=now,
                note=reason,
                satisfaction=str(result),
                owner=None,
            )
        self._record_on_ticket(job.ticket_id, result, SYSTEM_ACTOR, now, reason)
        return job

    def _cancel(self, job: store.FollowupJob, reason: str) -> store.FollowupJob:
        now = self.clock()
        with self.engine.begin() as conn:
            job = store.get_job(conn, job.id, for_update=True)
            return store.transition(conn, job, JobEvent.CANCEL, now=now, note=reason, owner=None)

    def _cancel_orphans(self) -> None:
        """Exhausted jobs whose ticket an operator closed by hand leave the call list."""
        with self.engine.connect() as conn:
            waiting = store.list_jobs(conn, states=[JobState.EXHAUSTED, JobState.PLANNED])
        for job in waiting:
            try:
                ticket = self.tickets.get(job.ticket_id)
            except NotFoundError:
                self._cancel(job, "工单不存在")
                continue
            if ticket.state is not State.FOLLOW_UP and survey_trigger(ticket, self.trigger) is None:
                self._cancel(job, f"工单状态已变为「{ticket.state}」，不再回访")

    def _start_follow_up(self, ticket_id: int, now: datetime) -> bool:
        """Put the ticket in 回访中; False if it is no longer waiting for a survey."""
        ticket = self.tickets.get(ticket_id)
        if ticket.state is State.FOLLOW_UP:
            return True
        if survey_trigger(ticket, self.trigger) is None:
            return False
        try:
            self.tickets.execute(ticket_id, cmd.StartFollowUp(), SYSTEM_ACTOR)
        except WorkflowError as exc:
            log.warning("ticket %s: cannot start follow-up: %s", ticket_id, exc)
            return False
        return True

    def _record_on_ticket(
        self, ticket_id: int, result: Satisfaction, actor: Actor, now: datetime, note: str
    ) -> None:
        """Satisfaction onto the ticket; 不满意 sends it back to review."""
        try:
            self.tickets.execute(
                ticket_id, cmd.RecordSatisfaction(result=str(result), note=note), actor
            )
            if result is Satisfaction.DISSATISFIED:
                self.tickets.execute(
                    ticket_id,
                    cmd.Reopen(reason=f"{REOPEN_REASON}（{SATISFACTION_LABELS[result]}）"),
                    actor,
                )
        except DomainError:
            # The job keeps the result; the operator sees the mismatch on the ticket page.
            log.exception("ticket %s: could not record follow-up result %s", ticket_id, result)
            raise
