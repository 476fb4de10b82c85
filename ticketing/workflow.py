"""The ticket workflow: ONE table of state × command → new state, and who may issue it.

Rule 1 (after h11's _state.py): everything that decides whether a command is
allowed lives in TRANSITIONS and REASON_REQUIRED below. `apply` checks the
table, then runs the command's effect on the ticket's fields, refreshes the
deadlines and appends a history entry. Nothing here does I/O.

States follow the centres' lifecycle (草稿 → 登记 → 派单 → 回复 → 审核 → 回访 → 办结 → 上报)
with one addition: `accepted` (签收, 办理中)
between `dispatched` and `replied`, so lists can show which units have not yet
signed for a ticket. Survey results never skip review: `record_satisfaction`
closes the ticket, and a dissatisfied caller's ticket is then `reopen`ed to
`replied` (back to review), from where `send_back` returns it to the unit.

Permissions beyond the table:
- operators (督办员) may act on any ticket — their portfolio only filters lists,
  because colleagues stand in for each other on leave and at night;
- a liaison may act only on tickets whose lead unit (主办) is their own unit
  (assisting units contribute through the lead unit);
- admins issue no ticket commands; SYSTEM is the machine (intake, survey, upstream push).
- Operators may record a unit's accept/return/reply on its behalf (liaisons who
  cannot get online phone it in); history shows who typed it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from hotline.ticketing import deadlines
from hotline.ticketing.catalog import Catalog
from hotline.ticketing.commands import COMMAND_LABELS, Command
from hotline.ticketing.commands import CommandName as C
from hotline.ticketing.errors import ForbiddenError, InvalidInputError, WorkflowError
from hotline.ticketing.model import (
    MISSING_INFO_LABELS,
    STATE_LABELS,
    HistoryEntry,
    Satisfaction,
    Ticket,
    Urgency,
)
from hotline.ticketing.model import State as S
from hotline.ticketing.rerouting import callback_number, mark_manual
from hotline.ticketing.users import ROLE_LABELS, Actor, Role


@dataclass(frozen=True)
class Transition:
    to: S
    roles: frozenset[Role]


OP, LEAD, UNIT, SYS = Role.OPERATOR, Role.LEAD, Role.LIAISON, Role.SYSTEM
CENTRE = frozenset({OP, LEAD})
CENTRE_OR_UNIT = CENTRE | {UNIT}
CENTRE_OR_SYSTEM = CENTRE | {SYS}


def _t(to: S, roles: frozenset[Role] | set[Role]) -> Transition:
    return Transition(to, frozenset(roles))


TRANSITIONS: dict[tuple[S, C], Transition] = {
    # --- at the centre: 认领 → 修改 → 登记 → 派单 -----------------------------------------------
    (S.DRAFT, C.CLAIM): _t(S.DRAFT, CENTRE),
    (S.DRAFT, C.CORRECT): _t(S.DRAFT, CENTRE),
    (S.REGISTERED, C.CORRECT): _t(S.REGISTERED, CENTRE),
    (S.DRAFT, C.REGISTER): _t(S.REGISTERED, CENTRE),
    (S.REGISTERED, C.DISPATCH): _t(S.DISPATCHED, CENTRE),
    # --- 自动派单: the machine registers and dispatches an untouched draft in one step; the
    # centre may take it back (收回) to the queue while the window lasts --------------------------
    (S.DRAFT, C.AUTO_DISPATCH): _t(S.DISPATCHED, {SYS}),
    (S.DISPATCHED, C.TAKE_BACK): _t(S.DRAFT, CENTRE),
    (S.ACCEPTED, C.TAKE_BACK): _t(S.DRAFT, CENTRE),
    # --- at the unit: 签收, 退单, 答复 ---------------------------------------------------------
    (S.DISPATCHED, C.ACCEPT): _t(S.ACCEPTED, CENTRE_OR_UNIT),
    (S.DISPATCHED, C.RETURN): _t(S.RETURNED, CENTRE_OR_UNIT),
    (S.ACCEPTED, C.RETURN): _t(S.RETURNED, CENTRE_OR_UNIT),
    (S.DISPATCHED, C.REPLY): _t(S.REPLIED, CENTRE_OR_UNIT),
    (S.ACCEPTED, C.REPLY): _t(S.REPLIED, CENTRE_OR_UNIT),
    # --- 改派 and 督办 while a unit has it --------------------------------------------------------
    (S.RETURNED, C.REASSIGN): _t(S.DISPATCHED, CENTRE),
    (S.DISPATCHED, C.REASSIGN): _t(S.DISPATCHED, CENTRE),
    (S.ACCEPTED, C.REASSIGN): _t(S.DISPATCHED, CENTRE),
    (S.DISPATCHED, C.SUPERVISE): _t(S.DISPATCHED, CENTRE),
    (S.ACCEPTED, C.SUPERVISE): _t(S.ACCEPTED, CENTRE),
    (S.RETURNED, C.SUPERVISE): _t(S.RETURNED, CENTRE),
    (S.REPLIED, C.SUPERVISE): _t(S.REPLIED, CENTRE),
    # --- 审核, 回访, 办结, 上报 -------------------------------------------------------------------
    (S.REPLIED, C.REVIEW): _t(S.REVIEWED, CENTRE),
    (S.REPLIED, C.SEND_BACK): _t(S.ACCEPTED, CENTRE),  # the unit redoes it
    (S.REVIEWED, C.START_FOLLOW_UP): _t(S.FOLLOW_UP, CENTRE_OR_SYSTEM),
    (S.CLOSED, C.START_FOLLOW_UP): _t(S.FOLLOW_UP, CENTRE_OR_SYSTEM),  # followup.trigger=closed
    (S.FOLLOW_UP, C.RECORD_SATISFACTION): _t(S.CLOSED, CENTRE_OR_SYSTEM),
    (S.REVIEWED, C.CLOSE): _t(S.CLOSED, CENTRE),
    (S.FOLLOW_UP, C.CLOSE): _t(S.CLOSED, CENTRE),
    (S.FOLLOW_UP, C.REOPEN): _t(S.REPLIED, CENTRE_OR_SYSTEM),  # 不满意: back to review
    (S.CLOSED, C.REOPEN): _t(S.REPLIED, CENTRE_OR_SYSTEM),
    (S.REPORTED, C.REOPEN): _t(S.REPLIED, {LEAD}),
    (S.CLOSED, C.REPORT): _t(S.REPORTED, {LEAD, SYS}),
    # --- side exits: 并单, 无效, and back ---------------------------------------------------------
    (S.DRAFT, C.MERGE): _t(S.MERGED, CENTRE),
    (S.REGISTERED, C.MERGE): _t(S.MERGED, CENTRE),
    (S.DRAFT, C.MARK_INVALID): _t(S.INVALID, CENTRE_OR_SYSTEM),  # SYSTEM: intake, silent call
    (S.REGISTERED, C.MARK_INVALID): _t(S.INVALID, CENTRE),
    (S.MERGED, C.RESTORE): _t(S.DRAFT, CENTRE),
    (S.INVALID, C.RESTORE): _t(S.DRAFT, CENTRE),
    # --- the ASR backlog may deliver a transcript at any time -------------------------------------
    **{(state, C.ATTACH_TRANSCRIPT): _t(state, {SYS}) for state in S},
}

# Commands that must say why (the reason goes into the history).
REASON_REQUIRED: frozenset[C] = frozenset(
    {C.RETURN, C.SEND_BACK, C.SUPERVISE, C.REOPEN, C.MARK_INVALID, C.RESTORE}
)


def allowed_commands(state: S, role: Role) -> list[C]:
    """What the UI should offer: commands this role may issue in this state."""
    return [cmd for (st, cmd), t in TRANSITIONS.items() if st is state and role in t.roles]


def check(ticket: Ticket, command: Command, actor: Actor) -> Transition:
    """The transition `command` would take, or a WorkflowError saying why not."""
    name = command.name
    transition = TRANSITIONS.get((ticket.state, name))
    label = COMMAND_LABELS[name]
    if transition is None:
        raise WorkflowError(
            "invalid_state",
            f"工单当前状态为「{STATE_LABELS[ticket.state]}」，不能执行「{label}」",
            f"command {name!s} is not allowed in state {ticket.state!s}",
        )
    if actor.role not in transition.roles:
        raise ForbiddenError(
            "forbidden_role",
            f"{ROLE_LABELS[actor.role]}无权在「{STATE_LABELS[ticket.state]}」状态执行「{label}」",
            f"role {actor.role!s} may not issue {name!s} in state {ticket.state!s}",
        )
    if actor.role is Role.LIAISON and (not actor.unit_id or actor.unit_id != ticket.lead_unit):
        raise ForbiddenError(
            "forbidden_unit",
            f"该工单不是本单位（{actor.unit_id or '未绑定单位'}）主办，不能执行「{label}」",
            f"liaison of {actor.unit_id!r} may not act on a ticket led by {ticket.lead_unit!r}",
        )
    if name in REASON_REQUIRED and not command.reason.strip():
        raise InvalidInputError(
            "reason_required",
            f"执行「{label}」必须填写原因",
            f"command {name!s} needs a reason",
        )
    return transition


def apply(
    ticket: Ticket,
    command: Command,
    actor: Actor,
    *,
    now: datetime,
    policy: deadlines.DeadlinePolicy,
    catalog: Catalog,
) -> HistoryEntry:
    """Check and apply `command` to `ticket` in place; return the history entry appended.

    On any error the ticket is left unchanged (effects run on a copy first).
    """
    transition = check(ticket, command, actor)
    draft = dataclasses.replace(ticket, history=list(ticket.history))
    _EFFECTS[command.name](draft, command, actor, now, catalog)
    draft.state = transition.to
    draft.updated_at = now
    deadlines.refresh(draft, policy)
    entry = HistoryEntry(
        at=now,
        actor=actor.name,
        actor_role=str(actor.role),
        command=str(command.name),
        from_state=ticket.state,
        to_state=transition.to,
        reason=command.reason.strip(),
        details=command.details(),
    )
    draft.history.append(entry)
    for f in dataclasses.fields(ticket):
        setattr(ticket, f.name, getattr(draft, f.name))
    return entry


def create_history_entry(ticket: Ticket, actor: Actor, now: datetime, reason: str = "") -> None:
    """The first history line of a new ticket."""
    ticket.history.append(
        HistoryEntry(
            at=now,
            actor=actor.name,
            actor_role=str(actor.role),
            command="create",
            from_state=None,
            to_state=ticket.state,
            reason=reason,
            details={"channel": str(ticket.channel)},
        )
    )


# --- Effects: what each command does to the ticket's fields (state is set by the table) ---------


def _bad(code: str, zh: str, en: str) -> InvalidInputError:
    return InvalidInputError(code, zh, en)


def _check_unit(catalog: Catalog, unit_id: str) -> None:
    if not catalog.has_unit(unit_id):
        raise _bad("unknown_unit", f"单位不存在：{unit_id}", f"unknown unit {unit_id!r}")


def _set_fields(
    ticket: Ticket, cmd: Command, actor: Actor, now: datetime, catalog: Catalog
) -> None:
    assert hasattr(cmd, "summary")
    if cmd.corrected_text is not None:
        ticket.corrected_text = cmd.corrected_text
        ticket.corrected_by = actor.name
        ticket.corrected_at = now
    if cmd.summary is not None:
        ticket.summary = cmd.summary.strip()
    if cmd.request_type is not None:
        if cmd.request_type not in catalog.category_ids():
            raise _bad(
                "unknown_category",
                f"诉求类型不存在：{cmd.request_type}",
                f"unknown request type {cmd.request_type!r}",
            )
        mark_manual(ticket, "request_type", cmd.request_type)
        ticket.request_type = cmd.request_type
    if cmd.location_text is not None:
        ticket.location_text = cmd.location_text.strip()
    if cmd.area_id is not None:
        if cmd.area_id and cmd.area_id not in {a.id for a in catalog.areas}:
            raise _bad(
                "unknown_area", f"区域不存在：{cmd.area_id}", f"unknown area {cmd.area_id!r}"
            )
        mark_manual(ticket, "area_id", cmd.area_id or None)
        ticket.area_id = cmd.area_id or None
    if cmd.urgency is not None:
        try:
            ticket.urgency = Urgency(cmd.urgency)
        except ValueError:
            raise _bad(
                "invalid_input", f"紧急程度无效：{cmd.urgency}", f"bad urgency {cmd.urgency!r}"
            ) from None
    if cmd.epidemic is not None:
        mark_manual(ticket, "epidemic", bool(cmd.epidemic))
        ticket.epidemic = bool(cmd.epidemic)
    if cmd.callback_number is not None:
        number = callback_number(cmd.callback_number)
        mark_manual(ticket, "callback_number", number)
        ticket.callback_number = number
    if cmd.caller_name is not None:
        ticket.caller_name = cmd.caller_name.strip()
    if cmd.caller_confidential is not None:
        ticket.caller_confidential = bool(cmd.caller_confidential)
    if cmd.missing_info is not None:
        unknown = [m for m in cmd.missing_info if m not in MISSING_INFO_LABELS]
        if unknown:
            raise _bad(
                "invalid_input",
                f"未知的缺失项：{', '.join(unknown)}",
                f"unknown missing-info marks {unknown}",
            )
        ticket.missing_info = tuple(dict.fromkeys(cmd.missing_info))
    if cmd.duplicate_candidates is not None:
        ticket.duplicate_candidates = tuple(int(i) for i in cmd.duplicate_candidates)


Effect = Callable[[Ticket, Command, Actor, datetime, Catalog], None]


def _stamp(field: str) -> Effect:
    """An effect that only notes when: `field` becomes now."""

    def effect(ticket: Ticket, cmd: Command, actor: Actor, now: datetime, catalog: Catalog) -> None:
        setattr(ticket, field, now)

    return effect


def _clear(*fields: str) -> Effect:
    """An effect that only forgets: each of `fields` becomes None."""

    def effect(ticket: Ticket, cmd: Command, actor: Actor, now: datetime, catalog: Catalog) -> None:
        for name in fields:
            setattr(ticket, name, None)

    return effect


def _claim(ticket: Ticket, cmd: Command, actor: Actor, now: datetime, catalog: Catalog) -> None:
    ticket.claimed_by = actor.name


def _register(ticket: Ticket, cmd: Command, actor: Actor, now: datetime, catalog: Catalog) -> None:
    _set_fields(ticket, cmd, actor, now, catalog)
    missing = []
    if not ticket.summary and not ticket.text.strip():
        missing.append("诉求内容")
    if not ticket.request_type:
        missing.append("诉求类型")
    if missing:
        raise _bad(
            "incomplete",
            f"登记前请补充：{'、'.join(missing)}",
            "register needs a summary (or text) and a request type",
        )
    ticket.registered_at = now
    ticket.claimed_by = ticket.claimed_by or actor.name


def _auto_dispatch(
    ticket: Ticket, cmd: Command, actor: Actor, now: datetime, catalog: Catalog
) -> None:
    # A draft a person has claimed or edited is theirs: the machine never overtakes them.
    if ticket.claimed_by or any(h.actor_role != str(SYS) for h in ticket.history):
        raise WorkflowError(
            "operator_handling",
            "该工单已有督办员处理，不再自动派单",
            "a person has handled this draft: no automatic dispatch",
        )
    if not ticket.request_type:
        raise _bad("incomplete", "缺少诉求类型，不能自动派单", "auto dispatch needs a type")
    ticket.registered_at = now
    _dispatch(ticket, cmd, actor, now, catalog)


def last_auto_dispatch(ticket: Ticket) -> HistoryEntry | None:
    """The 自动派单 entry if the ticket's current dispatch is the machine's (else None)."""
    for entry in reversed(ticket.history):
        if entry.command == C.AUTO_DISPATCH:
            return entry
        if entry.command in (C.DISPATCH, C.REASSIGN, C.TAKE_BACK):
            return None
    return None


def take_back_until(ticket: Ticket) -> datetime | None:
    """Until when the centre may take the current automatic dispatch back (None: not auto)."""
    entry = last_auto_dispatch(ticket)
    if entry is None:
        return None
    return entry.at + timedelta(minutes=int(entry.details.get("take_back_minutes", 0)))


def _take_back(ticket: Ticket, cmd: Command, actor: Actor, now: datetime, catalog: Catalog) -> None:
    until = take_back_until(ticket)
    if until is None:
        raise WorkflowError(
            "not_auto_dispatched",
            "该工单不是自动派单，不能收回（请使用改派）",
            "only an automatic dispatch can be taken back",
        )
    if now > until:
        raise WorkflowError(
            "take_back_expired",
            "已超过收回时限，不能收回自动派单（请使用改派）",
            f"the take-back window closed at {until.isoformat()}",
        )
    ticket.lead_unit = None
    ticket.assisting_units = ()
    ticket.dispatched_at = ticket.first_dispatched_at = ticket.accepted_at = None
    ticket.registered_at = None
    ticket.claimed_by = actor.name  # whoever took it back handles it now


def _dispatch(ticket: Ticket, cmd: Command, actor: Actor, now: datetime, catalog: Catalog) -> None:
    lead = cmd.lead_unit.strip()  # type: ignore[attr-defined]
    assisting = tuple(dict.fromkeys(u.strip() for u in cmd.assisting_units if u.strip()))  # type: ignore[attr-defined]
    if not lead:
        raise _bad("unit_required", "请选择主办单位", "dispatch needs a lead unit")
    for unit in (lead, *assisting):
        _check_unit(catalog, unit)
    if lead in assisting:
        raise _bad(
            "invalid_input", "主办单位不能同时是协办单位", "lead unit is also an assisting unit"
        )
    ticket.lead_unit = lead
    ticket.assisting_units = assisting
    ticket.dispatched_at = now
    ticket.first_dispatched_at = ticket.first_dispatched_at or now
    ticket.accepted_at = None


def _reply(ticket: Ticket, cmd: Command, actor: Actor, now: datetime, catalog: Catalog) -> None:
    text = cmd.text.strip()  # type: ignore[attr-defined]
    if not text:
        raise _bad("reply_required", "请填写答复内容", "reply needs a text")
    ticket.reply_text = text
    ticket.replied_by = actor.name
    ticket.replied_at = now
    ticket.accepted_at = ticket.accepted_at or now  # replying implies signing for it


def _record_satisfaction(
    ticket: Ticket, cmd: Command, actor: Actor, now: datetime, catalog: Catalog
) -> None:
    try:
        ticket.satisfaction = Satisfaction(cmd.result)  # type: ignore[attr-defined]
    except ValueError:
        raise _bad(
            "invalid_input",
            f"回访结果无效：{cmd.result!r}",  # type: ignore[attr-defined]
            f"bad satisfaction result {cmd.result!r}",  # type: ignore[attr-defined]
        ) from None
    ticket.satisfaction_note = cmd.note.strip()  # type: ignore[attr-defined]
    ticket.closed_at = ticket.closed_at or now


def _report(ticket: Ticket, cmd: Command, actor: Actor, now: datetime, catalog: Catalog) -> None:
    ticket.reported_at = now
    ticket.upstream_ref = cmd.upstream_ref or ticket.upstream_ref  # type: ignore[attr-defined]


def _merge(ticket: Ticket, cmd: Command, actor: Actor, now: datetime, catalog: Catalog) -> None:
    into = int(cmd.into_ticket_id)  # type: ignore[attr-defined]
    if into <= 0 or into == ticket.id:
        raise _bad(
            "invalid_input", "请选择要并入的另一张工单", f"cannot merge ticket into {into!r}"
        )
    ticket.merged_into = into


def _attach_transcript(
    ticket: Ticket, cmd: Command, actor: Actor, now: datetime, catalog: Catalog
) -> None:
    ticket.transcript_words = list(cmd.words)  # type: ignore[attr-defined]
    ticket.machine_text = cmd.text or " ".join(w.word for w in cmd.words)  # type: ignore[attr-defined]
    ticket.transcription_pending = False


def _nothing(ticket: Ticket, cmd: Command, actor: Actor, now: datetime, catalog: Catalog) -> None:
    """State change and history only."""


_EFFECTS: dict[C, Effect] = {
    C.CLAIM: _claim,
    C.AUTO_DISPATCH: _auto_dispatch,
    C.TAKE_BACK: _take_back,
    C.CORRECT: _set_fields,
    C.REGISTER: _register,
    C.DISPATCH: _dispatch,
    C.ACCEPT: _stamp("accepted_at"),
    C.RETURN: _clear("accepted_at"),
    C.REASSIGN: _dispatch,
    C.REPLY: _reply,
    C.REVIEW: _stamp("reviewed_at"),
    C.SEND_BACK: _clear("replied_at"),
    C.SUPERVISE: _nothing,
    C.START_FOLLOW_UP: _nothing,
    C.RECORD_SATISFACTION: _record_satisfaction,
    C.REOPEN: _clear("closed_at", "reported_at", "reviewed_at"),
    C.CLOSE: _stamp("closed_at"),
    C.REPORT: _report,
    C.MERGE: _merge,
    C.MARK_INVALID: _nothing,
    C.RESTORE: _clear("merged_into"),
    C.ATTACH_TRANSCRIPT: _attach_transcript,
}
