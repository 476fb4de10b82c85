"""The follow-up service on a real database (SQLite and PostgreSQL) with a fixed clock.

The dialer is not involved here: outcomes are handed to `complete()` as the
dialer would report them (the calls themselves are tested with sipp in
test_real_peers.py).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hotline.ticketing import commands as cmd
from hotline.ticketing import services
from hotline.ticketing.errors import WorkflowError
from hotline.ticketing.followup.dialer import SurveyOutcome
from hotline.ticketing.followup.service import FollowupService
from hotline.ticketing.followup.states import JobState
from hotline.ticketing.model import Satisfaction, State
from hotline.ticketing.persistence.database import Database

from tests.fixtures.db import SettableClock
from tests.fixtures.followup import OPERATOR, ClaimDue, CloseTicket


def _claim_one(service: FollowupService):  # type: ignore[no-untyped-def]
    requests = service.claim(5)
    assert len(requests) == 1
    return requests[0]


def test_closed_ticket_gets_a_job_due_the_next_day_inside_the_window(
    followup_service: FollowupService, close_ticket: CloseTicket, database: Database
) -> None:
    ticket = close_ticket()
    closed_at = ticket.closed_at
    assert closed_at is not None
    [job] = followup_service.sweep()
    assert job.state is JobState.PLANNED
    assert job.ticket_id == ticket.id and job.phone == "13800000000"
    assert job.due_at == closed_at + timedelta(hours=24)  # 16:00 Shanghai: inside the window
    assert services.get_ticket(database.uow(), ticket.id).state is State.FOLLOW_UP
    assert followup_service.sweep() == []  # idempotent


def test_due_time_moves_into_the_calling_window(
    followup_service: FollowupService, close_ticket: CloseTicket, clock: SettableClock
) -> None:
    clock.now = datetime(2026, 1, 5, 13, 30, tzinfo=UTC)  # 21:30 Shanghai
    close_ticket()
    [job] = followup_service.sweep()
    # 24 h later is 21:30 again, after the window: the next morning at 08:00 Shanghai.
    assert job.due_at == datetime(2026, 1, 7, 0, 0, tzinfo=UTC)


def test_nothing_is_dialled_before_due_or_outside_the_window(
    followup_service: FollowupService, close_ticket: CloseTicket, clock: SettableClock
) -> None:
    clock.now = datetime(2026, 1, 5, 13, 30, tzinfo=UTC)
    close_ticket()
    followup_service.sweep()
    clock.now = datetime(2026, 1, 6, 13, 30, tzinfo=UTC)  # due passed? no: 21:30 local
    assert followup_service.claim(5) == []
    clock.now = datetime(2026, 1, 6, 23, 59, tzinfo=UTC)  # 07:59 local
    assert followup_service.claim(5) == []
    clock.now = datetime(2026, 1, 7, 0, 0, tzinfo=UTC)  # 08:00 local: the window opens
    [request] = followup_service.claim(5)
    assert request.phone == "13800000000"
    assert "小区停水" in request.summary
    assert request.attempt == 1


def test_satisfied_answer_is_stored_on_the_ticket(
    followup_service: FollowupService,
    claim_due: ClaimDue,
    database: Database,
) -> None:
    ticket, request = claim_due()
    job = followup_service.complete(
        request, SurveyOutcome("answered", answer=Satisfaction.SATISFIED, heard=("1",))
    )
    assert job.state is JobState.DONE and job.satisfaction == "satisfied"
    stored = services.get_ticket(database.uow(), ticket.id)
    assert stored.state is State.CLOSED
    assert stored.satisfaction is Satisfaction.SATISFIED
    assert followup_service.sweep() == []  # the closure was surveyed: no second job
    [attempt] = followup_service.attempts(job.id)
    assert attempt.outcome == "answered" and attempt.heard == ["1"]


def test_dissatisfied_sends_the_ticket_back_to_review_with_history(
    followup_service: FollowupService,
    claim_due: ClaimDue,
    clock: SettableClock,
    database: Database,
) -> None:
    ticket, request = claim_due()
    followup_service.complete(
        request, SurveyOutcome("answered", answer=Satisfaction.DISSATISFIED, heard=("3",))
    )
    stored = services.get_ticket(database.uow(), ticket.id)
    assert stored.state is State.REPLIED
    assert stored.satisfaction is Satisfaction.DISSATISFIED
    last = stored.history[-1]
    assert last.command == "reopen" and "回访不满意" in last.reason
    assert followup_service.sweep() == []  # back in review: no survey until closed again
    # Reviewed and closed again → a new survey for the new closure.
    for step in (cmd.Review(), cmd.Close()):
        services.apply_command(database.uow(), ticket.id, step, OPERATOR)
    clock.advance(minutes=5)
    [again] = followup_service.sweep()
    assert again.state is JobState.PLANNED and again.id != request.job_id


def test_busy_is_retried_after_the_configured_delay_then_exhausted(
    followup_service: FollowupService, claim_due: ClaimDue, clock: SettableClock
) -> None:
    _, request = claim_due()
    job = followup_service.complete(request, SurveyOutcome("busy", detail="486 Busy Here"))
    assert job.state is JobState.PLANNED and job.attempts == 1
    assert job.due_at == clock.now + timedelta(minutes=120)
    clock.advance(minutes=119)
    assert followup_service.claim(5) == []
    clock.advance(minutes=1)
    request = _claim_one(followup_service)
    job = followup_service.complete(request, SurveyOutcome("no_answer"))
    assert job.state is JobState.PLANNED and job.attempts == 2
    assert job.due_at == clock.now + timedelta(minutes=60)
    clock.advance(minutes=60)
    request = _claim_one(followup_service)
    job = followup_service.complete(request, SurveyOutcome("failed", detail="503"))
    assert job.state is JobState.EXHAUSTED and job.attempts == 3
    assert [j.id for j in followup_service.manual_call_list()] == [job.id]


def test_answered_without_a_valid_key_counts_as_an_attempt(
    followup_service: FollowupService, claim_due: ClaimDue
) -> None:
    _, request = claim_due()
    job = followup_service.complete(
        request, SurveyOutcome("answered", ending="no_response", heard=("7", "8"))
    )
    assert job.state is JobState.PLANNED and job.attempts == 1
    assert job.last_outcome == "no_answer"


def test_ticket_without_a_number_is_not_callable_and_says_so(
    followup_service: FollowupService, close_ticket: CloseTicket, database: Database
) -> None:
    ticket = close_ticket(number=None)
    [job] = followup_service.sweep()
    assert job.state is JobState.NOT_CALLABLE
    assert "未留联系电话" in job.note
    stored = services.get_ticket(database.uow(), ticket.id)
    assert stored.satisfaction is Satisfaction.NO_NUMBER
    assert "未留联系电话" in stored.satisfaction_note


def test_do_not_call_list_and_opt_out_digit(
    followup_service: FollowupService,
    close_ticket: CloseTicket,
    claim_due: ClaimDue,
    database: Database,
) -> None:
    listed = close_ticket(number="+86 139-0000-0009")  # on the configured list
    [job] = followup_service.sweep()
    assert job.state is JobState.NOT_CALLABLE and "免打扰" in job.note
    assert services.get_ticket(database.uow(), listed.id).satisfaction is Satisfaction.DECLINED

    first, request = claim_due(number="13700000001")
    job = followup_service.complete(
        request, SurveyOutcome("answered", opted_out=True, ending="opted_out", heard=("9",))
    )
    assert job.state is JobState.OPTED_OUT
    assert services.get_ticket(database.uow(), first.id).satisfaction is Satisfaction.DECLINED
    # The same caller's next ticket is not called again.
    close_ticket(number="13700000001")
    [job] = followup_service.sweep()
    assert job.state is JobState.NOT_CALLABLE and "拒绝回访" in job.note


def test_manual_result_and_call_now(
    followup_service: FollowupService,
    close_ticket: CloseTicket,
    clock: SettableClock,
    database: Database,
) -> None:
    ticket = close_ticket()
    [job] = followup_service.sweep()
    job = followup_service.call_now(ticket.id, OPERATOR)
    assert job.due_at == clock.now
    [request] = followup_service.claim(5)  # 16:00 Shanghai: inside the window
    assert request.ticket_id == ticket.id
    followup_service.complete(request, SurveyOutcome("no_answer"))
    job = followup_service.record_manual(ticket.id, Satisfaction.BASICALLY_SATISFIED, OPERATOR)
    assert job.state is JobState.DONE and job.satisfaction == "basically_satisfied"
    stored = services.get_ticket(database.uow(), ticket.id)
    assert stored.state is State.CLOSED
    assert stored.satisfaction is Satisfaction.BASICALLY_SATISFIED
    assert stored.history[-1].actor == "op1"
    with pytest.raises(WorkflowError):
        followup_service.record_manual(ticket.id, Satisfaction.SATISFIED, OPERATOR)


def test_a_node_that_died_mid_call_is_recovered_as_a_failed_attempt(
    followup_service: FollowupService, claim_due: ClaimDue, clock: SettableClock
) -> None:
    claim_due()  # never completed
    assert followup_service.recover_stale() == []
    clock.advance(minutes=31)
    [job] = followup_service.recover_stale()
    assert job.state is JobState.PLANNED and job.last_outcome == "failed"
    assert job.due_at == clock.now + timedelta(minutes=30)
