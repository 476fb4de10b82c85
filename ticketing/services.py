"""Service-layer handlers: one function per use case, each taking a unit of work.

The web API, the CLI, the SIP intake and the follow-up scheduler call these;
they never touch sessions or the workflow table directly. Every handler
commits its own transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from hotline.ticketing import deadlines, rerouting, workflow
from hotline.ticketing.commands import Command, CommandName
from hotline.ticketing.errors import ConflictError, InvalidInputError, NotFoundError
from hotline.ticketing.model import OPEN_STATES, Channel, State, Ticket, TranscriptWord, Urgency
from hotline.ticketing.persistence.database import UnitOfWork
from hotline.ticketing.persistence.repository import TicketQuery
from hotline.ticketing.stats import Counts, TicketFigures
from hotline.ticketing.users import SYSTEM_ACTOR, Actor, Role, User, password_problem
from sqlalchemy.exc import IntegrityError

log = logging.getLogger("hotline.ticketing.services")

__all__ = [
    "NewTicket",
    "TicketQuery",
    "add_user",
    "apply_command",
    "apply_command_retrying",
    "authenticate",
    "count_tickets",
    "create_draft",
    "get_ticket",
    "list_tickets",
    "period_counts",
    "list_users",
    "preview_routing",
    "set_password",
    "set_routing_suggestion",
]


@dataclass
class NewTicket:
    """What the intake (or an operator typing in a walk-in request) knows at receipt."""

    received_at: datetime
    channel: Channel | str = Channel.PHONE
    caller_number: str | None = None
    called_number: str | None = None
    forwarded_from: str | None = None
    call_id: str | None = None
    recording_ref: str | None = None
    machine_text: str = ""
    transcript_words: list[TranscriptWord] = field(default_factory=list)
    transcription_pending: bool = False
    callback_number: str | None = None
    summary: str = ""
    request_type: str | None = None
    location_text: str = ""
    area_id: str | None = None
    urgency: Urgency | str = Urgency.NORMAL
    epidemic: bool = False
    routing_suggestion: dict[str, Any] = field(default_factory=dict)
    missing_info: tuple[str, ...] = ()
    duplicate_candidates: tuple[int, ...] = ()


def create_draft(uow: UnitOfWork, new: NewTicket, actor: Actor = SYSTEM_ACTOR) -> Ticket:
    """Store a new draft ticket and its first history entry.

    Idempotent per `call_id`: a second draft for the same call returns the first.
    """
    if new.received_at.tzinfo is None:
        raise InvalidInputError(
            "invalid_input", "受理时间缺少时区", "received_at must be timezone-aware"
        )
    catalog = uow.catalog
    if new.request_type is not None and new.request_type not in catalog.category_ids():
        raise InvalidInputError(
            "unknown_category",
            f"诉求类型不存在：{new.request_type}",
            f"unknown request type {new.request_type!r}",
        )
    if new.area_id is not None and new.area_id not in {a.id for a in catalog.areas}:
        raise InvalidInputError(
            "unknown_area", f"区域不存在：{new.area_id}", f"unknown area {new.area_id!r}"
        )
    ticket = Ticket(
        received_at=new.received_at,
        channel=Channel(new.channel),
        caller_number=new.caller_number or None,
        called_number=new.called_number or None,
        forwarded_from=new.forwarded_from or None,
        call_id=new.call_id or None,
        recording_ref=new.recording_ref,
        machine_text=new.machine_text,
        transcript_words=list(new.transcript_words),
        transcription_pending=new.transcription_pending,
        callback_number=new.callback_number or None,
        summary=new.summary,
        request_type=new.request_type,
        location_text=new.location_text,
        area_id=new.area_id,
        urgency=Urgency(new.urgency),
        epidemic=new.epidemic,
        routing_suggestion=dict(new.routing_suggestion),
        missing_info=tuple(new.missing_info),
        duplicate_candidates=tuple(new.duplicate_candidates),
    )
    now = uow.clock()
    ticket.updated_at = now
    deadlines.refresh(ticket, uow.policy)
    workflow.create_history_entry(ticket, actor, now)
    with uow:
        if ticket.call_id:
            existing = uow.tickets.get_by_call_id(ticket.call_id)
            if existing is not None:
                return existing
        uow.tickets.add(ticket)
        try:
            uow.commit()
        except IntegrityError:
            uow.rollback()  # the same call_id won a race: return that ticket
            existing = uow.tickets.get_by_call_id(ticket.call_id) if ticket.call_id else None
            if existing is None:
                raise
            return existing
    return ticket


def apply_command(
    uow: UnitOfWork,
    ticket_id: int,
    command: Command,
    actor: Actor,
    expected_version: int | None = None,
    *,
    routing: rerouting.TextRouting | None = None,
) -> Ticket:
    """Apply one workflow command and store the result atomically.

    With `routing`, a command that changes the ticket's text (修改, 登记) also re-derives
    the routing suggestion, prefilled fields and duplicate candidates from the new text,
    keeping the fields the operator set by hand.

    `expected_version` is the version the actor saw (the UI sends it back);
    if the ticket changed since, ConflictError (该工单已被他人修改，请刷新后重试).
    Two concurrent callers with the same version: exactly one succeeds.
    Machine callers may pass None to act on whatever is current.
    """
    with uow:
        ticket = uow.tickets.get(ticket_id)
        if expected_version is not None and ticket.version != expected_version:
            raise ConflictError(ticket_id, expected_version)
        if command.name is CommandName.MERGE:
            _check_merge_target(uow, ticket_id, command)
        text_before = ticket.text
        workflow.apply(
            ticket, command, actor, now=uow.clock(), policy=uow.policy, catalog=uow.catalog
        )
        if routing is not None and ticket.text != text_before:
            try:
                derived, duplicates = route_text(uow, ticket, routing)
            except Exception:  # a failing router must not cost the operator's correction
                log.exception("re-routing ticket %s failed; the old suggestion stays", ticket_id)
            else:
                rerouting.rederive(ticket, derived, duplicates)
                deadlines.refresh(ticket, uow.policy)  # the type may set other limits
        uow.tickets.save(ticket)
        uow.commit()
    return ticket


def apply_command_retrying(
    uow_factory: Callable[[], UnitOfWork],
    ticket_id: int,
    command: Command,
    actor: Actor,
    attempts: int = 3,
) -> Ticket:
    """For machine callers (survey, upstream push, ASR backlog) that act on the current
    version: a lost race is retried on a fresh read; the workflow re-checks the state."""
    for attempt in range(1, attempts + 1):
        try:
            return apply_command(uow_factory(), ticket_id, command, actor)
        except ConflictError:
            if attempt == attempts:
                raise
    raise AssertionError("unreachable")


def route_text(
    uow: UnitOfWork, ticket: Ticket, routing: rerouting.TextRouting
) -> tuple[dict[str, Any], list[int] | None]:
    """Routing of the ticket's current text and its duplicate candidates (inside `uow`)."""
    derived = rerouting.derived_fields(routing.suggest(ticket.text), uow.catalog)
    if routing.find_duplicates is None:
        return derived, None
    probe = rerouting.preview(ticket, derived, None)  # duplicates look at the new number too
    since = ticket.received_at - routing.window
    candidates = uow.tickets.list(
        TicketQuery(states=sorted(OPEN_STATES), received_from=since, limit=500)
    )
    return derived, routing.find_duplicates(probe, candidates)


def preview_routing(
    uow: UnitOfWork, ticket_id: int, text: str, routing: rerouting.TextRouting
) -> Ticket:
    """The ticket as it would be if its text were `text` (nothing stored)."""
    with uow:
        ticket = uow.tickets.get(ticket_id, with_history=False)
        ticket.corrected_text = text
        derived, duplicates = route_text(uow, ticket, routing)
        return rerouting.preview(ticket, derived, duplicates)


def _check_merge_target(uow: UnitOfWork, ticket_id: int, command: Command) -> None:
    into = int(getattr(command, "into_ticket_id", 0))
    try:
        target = uow.tickets.get(into, with_history=False)
    except NotFoundError:
        raise InvalidInputError(
            "invalid_input", f"要并入的工单不存在：{into}", f"merge target {into} not found"
        ) from None
    if target.state in (State.MERGED, State.INVALID) or target.id == ticket_id:
        raise InvalidInputError(
            "invalid_input",
            f"不能并入状态为「{target.state}」的工单",
            f"cannot merge into ticket {into} in state {target.state}",
        )


def set_routing_suggestion(uow: UnitOfWork, ticket_id: int, suggestion: dict[str, Any]) -> Ticket:
    """Store the routing helper's suggestion (not a workflow step: no state change, no history)."""
    with uow:
        ticket = uow.tickets.get(ticket_id)
        ticket.routing_suggestion = dict(suggestion)
        uow.tickets.save(ticket)
        uow.commit()
    return ticket


def get_ticket(uow: UnitOfWork, ticket_id: int) -> Ticket:
    with uow:
        return uow.tickets.get(ticket_id)


def list_tickets(uow: UnitOfWork, query: TicketQuery | None = None) -> list[Ticket]:
    """Matching tickets, newest first, without history."""
    with uow:
        return uow.tickets.list(query or TicketQuery())


def ticket_figures(uow: UnitOfWork, query: TicketQuery) -> list[TicketFigures]:
    """The dashboard's columns of every matching ticket (the query's limit is ignored)."""
    with uow:
        return uow.tickets.figures(query)


def period_counts(
    uow: UnitOfWork,
    lo: datetime,
    hi: datetime,
    *,
    tz: str,
    now: datetime,
    with_backlog: bool = True,
) -> Counts:
    """The dashboard's counts for tickets received in [lo, hi), done by the database."""
    with uow:
        return uow.tickets.period_counts(
            lo=lo, hi=hi, tz=tz, policy=uow.policy, now=now, with_backlog=with_backlog
        )


def count_tickets(uow: UnitOfWork, query: TicketQuery | None = None, cap: int | None = None) -> int:
    """How many match; with `cap`, at most cap + 1 (counting stops there)."""
    with uow:
        return uow.tickets.count(query or TicketQuery(), cap)


def query_for(user: User | Actor, **filters: Any) -> TicketQuery:
    """The list a user should see: a liaison only their unit's tickets (lead or assisting)."""
    if user.role is Role.LIAISON:
        filters["units"] = [user.unit_id]
    return TicketQuery(**filters)


# --- Users --------------------------------------------------------------------------------------

_hasher = PasswordHasher()


def add_user(
    uow: UnitOfWork,
    name: str,
    role: Role | str,
    password: str,
    *,
    unit_id: str | None = None,
    portfolio: Iterable[str] = (),
    display_name: str = "",
) -> User:
    name = name.strip()
    if not name:
        raise InvalidInputError("invalid_input", "用户名不能为空", "user name is empty")
    try:
        role = Role(role)
    except ValueError:
        raise InvalidInputError(
            "invalid_input", f"角色无效：{role}", f"unknown role {role!r}"
        ) from None
    if role is Role.SYSTEM:
        raise InvalidInputError(
            "invalid_input", "不能创建系统角色的用户", "the system role is reserved"
        )
    if role is Role.LIAISON and not unit_id:
        raise InvalidInputError(
            "unit_required", "联络员必须绑定一个承办单位", "a liaison needs --unit"
        )
    if role is not Role.LIAISON and unit_id:
        raise InvalidInputError(
            "invalid_input", "只有联络员绑定承办单位", "only liaisons are bound to a unit"
        )
    portfolio = tuple(dict.fromkeys(p.strip() for p in portfolio if p.strip()))
    for unit in ([unit_id] if unit_id else []) + list(portfolio):
        if not uow.catalog.has_unit(unit):
            raise InvalidInputError("unknown_unit", f"单位不存在：{unit}", f"unknown unit {unit!r}")
    _check_password(name, password)
    user = User(
        name=name,
        role=role,
        display_name=display_name or name,
        unit_id=unit_id,
        portfolio=portfolio,
        password_hash=_hasher.hash(password),
        created_at=uow.clock(),
    )
    with uow:
        if uow.users.get(name) is not None:
            raise InvalidInputError(
                "user_exists", f"用户已存在：{name}", f"user {name!r} already exists"
            )
        uow.users.add(user)
        uow.commit()
    return user


def _check_password(name: str, password: str) -> None:
    problem = password_problem(name, password)
    if problem is not None:
        raise InvalidInputError("weak_password", *problem)


def authenticate(uow: UnitOfWork, name: str, password: str) -> User | None:
    """The active user with this name and password, or None (no hint which one was wrong)."""
    with uow:
        user = uow.users.get(name.strip())
        if user is None or not user.active:
            _hasher.hash(password)  # same cost either way: no user enumeration by timing
            return None
        try:
            _hasher.verify(user.password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(password)
            uow.users.save(user)
            uow.commit()
        return user


def set_password(uow: UnitOfWork, name: str, password: str) -> None:
    _check_password(name, password)
    with uow:
        user = uow.users.get(name)
        if user is None:
            raise NotFoundError("user", name, "用户")
        user.password_hash = _hasher.hash(password)
        uow.users.save(user)
        uow.commit()


def list_users(uow: UnitOfWork) -> list[User]:
    with uow:
        return uow.users.list()
