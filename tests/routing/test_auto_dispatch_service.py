"""自动派单 in the service: a final transcript routed by the real router goes through intake's
store (SQLite and PostgreSQL) and, when the policy says so, the workflow dispatches it;
the centre takes it back (收回) within the window."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from hotline.asr.backlog import BacklogQueue
from hotline.ticketing import services
from hotline.ticketing.commands import AutoDispatch, Claim, TakeBack
from hotline.ticketing.errors import ConflictError, WorkflowError
from hotline.ticketing.intake.records import IntakeRecord
from hotline.ticketing.intake.service import IntakeService
from hotline.ticketing.intake.store_port import ApplyContext, apply_record
from hotline.ticketing.model import State, Ticket
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.persistence.intake_store import SqlIntakeStore
from hotline.ticketing.routing import Router
from hotline.ticketing.users import Actor, Role

from tests.fixtures.db import SettableClock

CLEAR = "我家暖气不热已经三天了 小区是鲅鱼圈区海星小区"  # rules: heating, calibrated ≥ 0.97
AMBIGUOUS = "小区里的树倒了"  # calibrated ≈0.6: below the configured threshold
OPERATOR = Actor(name="op1", role=Role.OPERATOR)
LIAISON = Actor(name="heat", role=Role.LIAISON, unit_id="heating")


@dataclass(frozen=True)
class Word:
    word: str
    start: float
    end: float
    conf: float


@dataclass(frozen=True)
class Transcript:
    """What asr.transcript.Transcript offers intake (text, words, duration)."""

    text: str
    words: tuple[Word, ...]
    duration: float = 5.0


@pytest.fixture(scope="module")
def auto_router(router: Router) -> Router:
    """The shipped router with `auto_dispatch.enabled: true` (as a centre would set it)."""
    # Only Router.suggest's last step reads the section: the same router (and its trained
    # seed classifier) with the switch on.
    auto = copy.copy(router)
    auto.rules = replace(
        router.rules, auto_dispatch=replace(router.rules.auto_dispatch, enabled=True)
    )
    return auto


def suggest_function(router: Router) -> Callable[[str], dict[str, Any]]:
    """What `hotline serve` gives intake: the router's suggestion as a dict."""
    return lambda text: router.suggest(text).to_dict()


def _call(
    database: Database,
    clock: SettableClock,
    route: Callable[[str], dict[str, Any]],
    text: str,
    tmp_path: Path,
    call_id: str = "c1",
    before_hangup: Callable[[SqlIntakeStore, Ticket], None] | None = None,
) -> Ticket:
    """One call through IntakeService → apply_record on the SQL store; the stored ticket."""
    records: list[IntakeRecord] = []
    svc = IntakeService(records.append, recordings_dir=tmp_path, route=route)
    store = SqlIntakeStore(database, BacklogQueue(database.engine))
    svc.answered(
        call_id=call_id,
        caller="13900000001",
        called="12345",
        forwarded_from=None,
        answered_at=clock(),
        recording_path=tmp_path / f"{call_id}.wav",
        transcription_pending=False,
    )
    for rec in records:
        apply_record(store, rec, ApplyContext())
    records.clear()
    if before_hangup is not None:
        draft = store.by_call_id(call_id)
        assert draft is not None
        before_hangup(store, draft)
    words = tuple(Word(w, 0.1 * i, 0.1 * i + 0.1, 0.9) for i, w in enumerate(text.split()))
    svc.finished(
        call_id=call_id,
        ended_at=clock(),
        recording_path=tmp_path / f"{call_id}.wav",
        heard_speech=True,
        transcript=Transcript(text, words),
        pending_reason=None,
    )
    for rec in records:
        apply_record(store, rec, ApplyContext())
    ticket = store.by_call_id(call_id)
    assert ticket is not None
    return services.get_ticket(database.uow(), ticket.id or 0)


def test_clear_request_is_dispatched_with_the_reason_in_the_history(
    database: Database, clock: SettableClock, auto_router: Router, tmp_path: Path
) -> None:
    ticket = _call(database, clock, suggest_function(auto_router), CLEAR, tmp_path)
    assert ticket.state is State.DISPATCHED
    assert ticket.lead_unit == "heating"
    assert ticket.registered_at == ticket.dispatched_at == ticket.first_dispatched_at
    assert ticket.dispatch_due_at is not None  # the same deadlines as a person's dispatch
    entry = ticket.history[-1]
    assert (entry.command, entry.actor_role, entry.from_state) == (
        "auto_dispatch",
        "system",
        State.DRAFT,
    )
    confidence = entry.details["confidence"]
    assert confidence >= 0.97  # calibrated: a stated duty said plainly
    assert entry.reason.startswith(f"自动派单：鲅鱼圈区热力公司，置信度 {confidence:.2f} ≥ 阈值 ")
    assert entry.details["source"] == "rules"
    assert entry.details["take_back_minutes"] == 30
    assert [h.command for h in ticket.history].count("auto_dispatch") == 1


def test_ambiguous_request_stays_a_draft_with_the_reason_why(
    database: Database, clock: SettableClock, auto_router: Router, tmp_path: Path
) -> None:
    ticket = _call(database, clock, suggest_function(auto_router), AMBIGUOUS, tmp_path)
    assert ticket.state is State.DRAFT and ticket.lead_unit is None
    assert ticket.routing_suggestion["auto_dispatch"]["dispatch"] is False
    assert "低于阈值" in ticket.routing_suggestion["auto_dispatch"]["reason"]


def test_off_by_default_nothing_is_dispatched(
    database: Database, clock: SettableClock, router: Router, tmp_path: Path
) -> None:
    assert router.rules.auto_dispatch.enabled is False
    ticket = _call(database, clock, suggest_function(router), CLEAR, tmp_path)
    assert ticket.state is State.DRAFT
    assert "auto_dispatch" not in ticket.routing_suggestion


def test_a_draft_an_operator_claimed_is_left_to_them(
    database: Database, clock: SettableClock, auto_router: Router, tmp_path: Path
) -> None:
    def claim(store: SqlIntakeStore, draft: Ticket) -> None:
        services.apply_command(database.uow(), draft.id or 0, Claim(), OPERATOR)

    ticket = _call(
        database, clock, suggest_function(auto_router), CLEAR, tmp_path, before_hangup=claim
    )
    assert ticket.state is State.DRAFT and ticket.claimed_by == "op1"


def test_dispatched_once_even_when_two_nodes_both_try(
    database: Database, clock: SettableClock, auto_router: Router, tmp_path: Path
) -> None:
    ticket = _call(database, clock, suggest_function(auto_router), AMBIGUOUS, tmp_path)
    command = AutoDispatch(lead_unit="urban_management", reason="自动派单：测试")
    # Both nodes read the draft before either writes (the same version).
    seen_a = services.get_ticket(database.uow(), ticket.id or 0)
    seen_b = services.get_ticket(database.uow(), ticket.id or 0)
    assert seen_a.version == seen_b.version and seen_a.state is State.DRAFT
    services.apply_command(database.uow(), ticket.id or 0, command, _system(), seen_a.version)
    with pytest.raises(ConflictError):
        services.apply_command(database.uow(), ticket.id or 0, command, _system(), seen_b.version)
    with pytest.raises(WorkflowError):  # and a late retry on the fresh row: not a draft any more
        services.apply_command(database.uow(), ticket.id or 0, command, _system())
    stored = services.get_ticket(database.uow(), ticket.id or 0)
    assert [h.command for h in stored.history].count("auto_dispatch") == 1


def _system() -> Actor:
    return Actor(name="system", role=Role.SYSTEM)


def test_take_back_within_the_window_returns_a_draft_to_the_queue(
    database: Database, clock: SettableClock, auto_router: Router, tmp_path: Path
) -> None:
    ticket = _call(database, clock, suggest_function(auto_router), CLEAR, tmp_path)
    clock.advance(minutes=29)
    back = services.apply_command(database.uow(), ticket.id or 0, TakeBack(), OPERATOR)
    assert back.state is State.DRAFT and back.lead_unit is None and back.claimed_by == "op1"
    assert back.dispatched_at is None and back.first_dispatched_at is None
    assert back.history[-1].command == "take_back"
    with pytest.raises(WorkflowError):  # twice: it is a draft now
        services.apply_command(database.uow(), ticket.id or 0, TakeBack(), OPERATOR)


def test_take_back_refused_after_the_window_for_liaisons_and_for_a_persons_dispatch(
    database: Database, clock: SettableClock, auto_router: Router, tmp_path: Path
) -> None:
    ticket = _call(database, clock, suggest_function(auto_router), CLEAR, tmp_path)
    with pytest.raises(WorkflowError) as forbidden:
        services.apply_command(database.uow(), ticket.id or 0, TakeBack(), LIAISON)
    assert forbidden.value.http_status == 403
    clock.advance(minutes=31)
    with pytest.raises(WorkflowError) as late:
        services.apply_command(database.uow(), ticket.id or 0, TakeBack(), OPERATOR)
    assert late.value.code == "take_back_expired" and "收回时限" in late.value.message_zh
    assert services.get_ticket(database.uow(), ticket.id or 0).state is State.DISPATCHED
