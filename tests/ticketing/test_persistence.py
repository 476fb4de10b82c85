"""Tickets and users stored in real databases (SQLite file and PostgreSQL), migrated by Alembic."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from hotline.ticketing import commands as cmd
from hotline.ticketing import services
from hotline.ticketing.errors import ConflictError, InvalidInputError, NotFoundError, WorkflowError
from hotline.ticketing.model import State, Ticket, TranscriptWord
from hotline.ticketing.persistence.database import Database, UnitOfWork
from hotline.ticketing.persistence.repository import TicketQuery
from hotline.ticketing.persistence.tables import metadata
from hotline.ticketing.users import SYSTEM_ACTOR, Actor, Role
from sqlalchemy import create_engine, inspect

from tests.fixtures.db import SettableClock

OP = Actor("wang", Role.OPERATOR)
OP2 = Actor("li", Role.OPERATOR)
LEAD = Actor("zhao", Role.LEAD)
WATER = Actor("water-li", Role.LIAISON, unit_id="water")
RECEIVED = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)

UowFactory = Callable[[], UnitOfWork]


def a_call(**overrides: object) -> services.NewTicket:
    values: dict[str, object] = dict(
        received_at=RECEIVED,
        caller_number="13800000000",
        called_number="12345",
        call_id="a84b4c76e66710@127.0.0.1",
        recording_ref="2026/01/05/a84b4c76e66710.wav",
        machine_text="我 家 停水 了",
        transcript_words=[
            TranscriptWord("我", 0.3, 0.5, 0.91),
            TranscriptWord("家", 0.5, 0.7, 0.88),
            TranscriptWord("停水", 0.7, 1.2, 0.64),
            TranscriptWord("了", 1.2, 1.3, 0.99),
        ],
        routing_suggestion={"unit": "water", "score": 0.82, "area": "honghai"},
        missing_info=("location",),
    )
    values.update(overrides)
    return services.NewTicket(**values)  # type: ignore[arg-type]


from hotline.ticketing.persistence.search_sql import POSTGRES_ONLY_INDEXES  # noqa: E402

FOUNDATION_TABLES = {"tickets", "ticket_history", "users"}


def _table_of(diff: tuple) -> str | None:  # type: ignore[type-arg]
    obj = diff[1]
    table = getattr(obj, "table", None)
    return table.name if table is not None else getattr(obj, "name", None)


def test_migrations_create_exactly_the_model(migrated_url: str) -> None:
    engine = create_engine(migrated_url)
    try:
        tables = set(inspect(engine).get_table_names())
        assert {"tickets", "ticket_history", "users", "alembic_version"} <= tables
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": False})
            diff = [
                d
                for d in compare_metadata(context, metadata)
                # tables of other packages (asr_jobs, followup_jobs ...) are theirs to check
                if _table_of(d) in FOUNDATION_TABLES
                # PostgreSQL's expression indexes for search: outside the model on purpose
                and not (d[0] == "remove_index" and d[1].name in POSTGRES_ONLY_INDEXES)
            ]
        assert diff == []
    finally:
        engine.dispose()


def test_round_trip_keeps_every_field_and_the_history(
    uow_factory: UowFactory, clock: SettableClock
) -> None:
    draft = services.create_draft(uow_factory(), a_call())
    assert draft.id is not None and draft.version == 1
    clock.advance(minutes=3)
    services.apply_command(
        uow_factory(),
        draft.id,
        cmd.Register(
            corrected_text="我家停水了，红海街道海滨小区",
            summary="海滨小区停水",
            request_type="help",
            location_text="红海街道海滨小区",
            area_id="honghai",
            urgency="urgent",
            epidemic=True,
            callback_number="13911112222",
            missing_info=(),
        ),
        OP,
        expected_version=1,
    )
    clock.advance(minutes=5)
    services.apply_command(
        uow_factory(),
        draft.id,
        cmd.Dispatch(lead_unit="water", assisting_units=("honghai", "housing")),
        OP,
        expected_version=2,
    )
    clock.advance(minutes=10)
    services.apply_command(uow_factory(), draft.id, cmd.Return(reason="非本单位管辖"), WATER)

    stored = services.get_ticket(uow_factory(), draft.id)
    assert stored.version == 4
    assert stored.state is State.RETURNED
    assert stored.transcript_words == draft.transcript_words
    assert stored.machine_text == "我 家 停水 了"
    assert (stored.corrected_text, stored.corrected_by) == ("我家停水了，红海街道海滨小区", "wang")
    assert stored.recording_ref == "2026/01/05/a84b4c76e66710.wav"
    assert stored.routing_suggestion == {"unit": "water", "score": 0.82, "area": "honghai"}
    assert stored.assisting_units == ("honghai", "housing")
    assert (stored.urgency, stored.epidemic, stored.area_id) == ("urgent", True, "honghai")
    assert stored.received_at == RECEIVED and stored.received_at.tzinfo is not None
    assert stored.first_dispatched_at == RECEIVED + timedelta(minutes=8)
    assert stored.close_due_at == RECEIVED + timedelta(minutes=8, hours=24)
    assert stored.missing_info == ()
    assert [(h.command, h.actor, h.reason) for h in stored.history] == [
        ("create", "system", ""),
        ("register", "wang", ""),
        ("dispatch", "wang", ""),
        ("return", "water-li", "非本单位管辖"),
    ]
    assert stored.history[2].details == {
        "lead_unit": "water",
        "assisting_units": ["honghai", "housing"],
    }
    assert stored.history[3].at == RECEIVED + timedelta(minutes=18)


def test_a_second_draft_for_the_same_call_returns_the_first(uow_factory: UowFactory) -> None:
    first = services.create_draft(uow_factory(), a_call())
    again = services.create_draft(uow_factory(), a_call(machine_text="different"))
    assert again.id == first.id
    assert services.count_tickets(uow_factory()) == 1


def test_a_refused_command_changes_nothing(uow_factory: UowFactory) -> None:
    ticket = services.create_draft(uow_factory(), a_call())
    assert ticket.id is not None
    with pytest.raises(WorkflowError):
        services.apply_command(uow_factory(), ticket.id, cmd.Dispatch(lead_unit="water"), OP)
    stored = services.get_ticket(uow_factory(), ticket.id)
    assert (stored.state, stored.version, len(stored.history)) == (State.DRAFT, 1, 1)


def test_stale_version_is_a_conflict(uow_factory: UowFactory) -> None:
    ticket = services.create_draft(uow_factory(), a_call())
    assert ticket.id is not None
    services.apply_command(uow_factory(), ticket.id, cmd.Claim(), OP, expected_version=1)
    with pytest.raises(ConflictError) as info:
        services.apply_command(uow_factory(), ticket.id, cmd.Claim(), OP2, expected_version=1)
    assert info.value.message_zh == "该工单已被他人修改，请刷新后重试"
    assert services.get_ticket(uow_factory(), ticket.id).claimed_by == "wang"


def test_unknown_ticket(uow_factory: UowFactory) -> None:
    with pytest.raises(NotFoundError):
        services.get_ticket(uow_factory(), 999)


def test_merge_needs_an_existing_live_target(uow_factory: UowFactory) -> None:
    a = services.create_draft(uow_factory(), a_call(call_id="a"))
    b = services.create_draft(uow_factory(), a_call(call_id="b"))
    assert a.id and b.id
    with pytest.raises(InvalidInputError):
        services.apply_command(
            uow_factory(), b.id, cmd.Merge(into_ticket_id=777, reason="重复"), OP
        )
    merged = services.apply_command(
        uow_factory(), b.id, cmd.Merge(into_ticket_id=a.id, reason="同一小区停水"), OP
    )
    assert (merged.state, merged.merged_into) == (State.MERGED, a.id)


def test_lists_filter_by_state_unit_text_and_overdue(
    uow_factory: UowFactory, clock: SettableClock
) -> None:
    water = services.create_draft(uow_factory(), a_call(call_id="1", machine_text="停水"))
    power = services.create_draft(
        uow_factory(),
        a_call(call_id="2", machine_text="停电", received_at=RECEIVED + timedelta(hours=1)),
    )
    assert water.id and power.id
    for ticket_id, unit, assist in ((water.id, "water", ()), (power.id, "power", ("water",))):
        services.apply_command(
            uow_factory(), ticket_id, cmd.Register(summary="x", request_type="help"), OP
        )
        services.apply_command(
            uow_factory(), ticket_id, cmd.Dispatch(lead_unit=unit, assisting_units=assist), OP
        )
    services.create_draft(uow_factory(), a_call(call_id="3", machine_text="噪音"))

    def ids(**filters: object) -> list[int | None]:
        query = TicketQuery(**filters)  # type: ignore[arg-type]
        return [t.id for t in services.list_tickets(uow_factory(), query)]

    assert len(ids()) == 3
    assert ids(states=["dispatched"]) == [power.id, water.id]  # newest first
    assert ids(lead_units=["water"]) == [water.id]
    assert ids(units=["water"]) == [power.id, water.id]  # lead or assisting
    assert ids(units=["power"]) == [power.id]
    assert ids(text="停电") == [power.id]
    assert services.list_tickets(uow_factory())[0].history == []  # lists are light
    liaison_view = services.query_for(WATER, states=["dispatched"])
    assert [t.id for t in services.list_tickets(uow_factory(), liaison_view)] == [
        power.id,
        water.id,
    ]
    # The draft was never dispatched: overdue 30 minutes after receipt. The other two were
    # dispatched at 08:00 (clock fixed): their close clocks run out at 08:00 next day.
    draft_id = services.list_tickets(uow_factory(), TicketQuery(states=["draft"]))[0].id
    assert ids(overdue_at=RECEIVED + timedelta(minutes=29)) == []
    assert ids(overdue_at=RECEIVED + timedelta(hours=23)) == [draft_id]
    late = ids(overdue_at=RECEIVED + timedelta(hours=25))
    assert set(late) == {water.id, power.id, draft_id}
    assert services.count_tickets(uow_factory(), TicketQuery(states=["draft"])) == 1


def test_users_hash_passwords_and_check_units(uow_factory: UowFactory) -> None:
    user = services.add_user(
        uow_factory(), "wang", "operator", "s3cret-pass", portfolio=["market_supervision", "water"]
    )
    assert user.password_hash.startswith("$argon2")
    assert "s3cret" not in user.password_hash
    services.add_user(uow_factory(), "water-li", "liaison", "another-pass", unit_id="water")
    found = services.authenticate(uow_factory(), "wang", "s3cret-pass")
    assert found is not None and found.portfolio == ("market_supervision", "water")
    assert services.authenticate(uow_factory(), "wang", "wrong-pass") is None
    assert services.authenticate(uow_factory(), "nobody", "s3cret-pass") is None
    liaison = services.authenticate(uow_factory(), "water-li", "another-pass")
    assert liaison is not None and liaison.as_actor() == WATER
    services.set_password(uow_factory(), "wang", "new-password")
    assert services.authenticate(uow_factory(), "wang", "new-password") is not None
    assert [u.name for u in services.list_users(uow_factory())] == ["wang", "water-li"]

    for kwargs, code in [
        (dict(name="wang", role="operator", password="whatever-1"), "user_exists"),
        (dict(name="x", role="liaison", password="whatever-1"), "unit_required"),
        (dict(name="x", role="liaison", password="whatever-1", unit_id="nope"), "unknown_unit"),
        (
            dict(name="x", role="operator", password="whatever-1", portfolio=["nope"]),
            "unknown_unit",
        ),
        (dict(name="x", role="operator", password="short"), "weak_password"),
        (dict(name="x", role="king", password="whatever-1"), "invalid_input"),
        (dict(name="x", role="system", password="whatever-1"), "invalid_input"),
    ]:
        with pytest.raises(InvalidInputError) as info:
            services.add_user(uow_factory(), **kwargs)  # type: ignore[arg-type]
        assert info.value.code == code, kwargs


def test_routing_suggestion_can_be_stored_later(uow_factory: UowFactory) -> None:
    ticket = services.create_draft(uow_factory(), a_call(routing_suggestion={}))
    assert ticket.id
    services.set_routing_suggestion(uow_factory(), ticket.id, {"unit": "gas", "score": 0.5})
    stored = services.get_ticket(uow_factory(), ticket.id)
    assert stored.routing_suggestion == {"unit": "gas", "score": 0.5}
    assert stored.version == 2 and len(stored.history) == 1


def _register(uow_factory: UowFactory) -> int:
    ticket = services.create_draft(uow_factory(), a_call())
    assert ticket.id is not None
    services.apply_command(
        uow_factory(), ticket.id, cmd.Register(summary="停水", request_type="help"), OP
    )
    return ticket.id


def _race(database: Database, ticket_id: int, actors: list[Actor]) -> list[object]:
    results: list[object] = [None] * len(actors)

    def dispatch(i: int) -> None:
        unit = ("water", "housing")[i % 2]
        try:
            results[i] = services.apply_command(
                database.uow(),
                ticket_id,
                cmd.Dispatch(lead_unit=unit),
                actors[i],
                expected_version=2,
            )
        except Exception as exc:  # collected and asserted below
            results[i] = exc

    threads = [threading.Thread(target=dispatch, args=(i,)) for i in range(len(actors))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def test_two_operators_dispatch_at_once_one_wins(database: Database) -> None:
    ticket_id = _register(database.uow)
    results = _race(database, ticket_id, [OP, OP2])
    winners = [r for r in results if not isinstance(r, Exception)]
    losers = [r for r in results if isinstance(r, Exception)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert isinstance(losers[0], ConflictError)
    stored = services.get_ticket(database.uow(), ticket_id)
    assert [h.command for h in stored.history].count("dispatch") == 1
    assert stored.version == 3


@pytest.mark.postgres
def test_concurrent_dispatch_on_postgres_when_both_have_read(
    postgres_url: str,
    catalog,
    clock: SettableClock,  # type: ignore[no-untyped-def]
) -> None:
    """Both transactions read version 2 before either writes: the UPDATE … WHERE version decides."""
    from hotline.migrations import upgrade

    upgrade(postgres_url)
    setup = Database.open(postgres_url, catalog=catalog, clock=clock)
    ticket_id = _register(setup.uow)
    setup.close()

    both_have_read = threading.Barrier(2, timeout=30)

    def clock_after_read() -> datetime:
        # apply_command asks for the time after loading the ticket and before
        # saving it: holding both threads here guarantees a true race.
        both_have_read.wait()
        return clock.now

    racing = Database.open(postgres_url, catalog=catalog, clock=clock_after_read)
    try:
        results = _race(racing, ticket_id, [OP, OP2])
    finally:
        racing.close()
    assert sorted(type(r).__name__ for r in results) == ["ConflictError", "Ticket"], results
    check = Database.open(postgres_url, catalog=catalog, clock=clock)
    stored = services.get_ticket(check.uow(), ticket_id)
    check.close()
    assert stored.state is State.DISPATCHED and stored.version == 3
    assert [h.command for h in stored.history] == ["create", "register", "dispatch"]


def test_system_actor_drafts_are_signed_system(uow_factory: UowFactory) -> None:
    ticket = services.create_draft(uow_factory(), a_call(), SYSTEM_ACTOR)
    assert ticket.history[0].actor == "system" and ticket.history[0].to_state is State.DRAFT


def test_reads_do_not_wait_for_a_writer(database: Database) -> None:
    services.create_draft(database.uow(), a_call())
    with database.uow() as writer:
        assert writer.session is not None
        writer.tickets.get(1)  # a write transaction is open (SQLite: BEGIN IMMEDIATE)
        assert services.count_tickets(database.read_uow()) == 1
        assert services.get_ticket(database.read_uow(), 1).id == 1


def test_machine_callers_retry_a_lost_race(database: Database) -> None:
    ticket = services.create_draft(database.uow(), a_call())
    assert ticket.id is not None
    services.apply_command(database.uow(), ticket.id, cmd.Claim(), OP)  # now version 2

    class ReadBeforeTheClaim(UnitOfWork):
        """Replays the race deterministically: this reader saw version 1, before the claim."""

        def __enter__(self) -> UnitOfWork:
            super().__enter__()
            fresh_get = self.tickets.get

            def stale_get(ticket_id: int, with_history: bool = True) -> Ticket:
                t = fresh_get(ticket_id, with_history=with_history)
                t.version -= 1
                return t

            self.tickets.get = stale_get  # type: ignore[method-assign]
            return self

    attempts: list[str] = []

    def uow_factory() -> UnitOfWork:
        attempts.append("stale" if not attempts else "fresh")
        if attempts[-1] == "fresh":
            return database.uow()
        return ReadBeforeTheClaim(
            database.uow()._session_factory,
            catalog=database.catalog,
            policy=database.policy,
            clock=database.clock,
        )

    done = services.apply_command_retrying(
        uow_factory, ticket.id, cmd.AttachTranscript(text="停水"), SYSTEM_ACTOR
    )
    assert attempts == ["stale", "fresh"]
    assert done.machine_text == "停水" and done.version == 3
    with pytest.raises(ConflictError):
        services.apply_command(
            ReadBeforeTheClaim(
                database.uow()._session_factory,
                catalog=database.catalog,
                policy=database.policy,
                clock=database.clock,
            ),
            ticket.id,
            cmd.Claim(),
            OP2,
        )
