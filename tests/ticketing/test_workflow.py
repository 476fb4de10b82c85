"""The workflow table: every allowed transition works, every other one is refused.

Two sources of truth on purpose: the table itself (so nothing is left
untested) and a hand-written list of the centre's key rules (so a wrong table
fails even though it agrees with itself).
"""

from __future__ import annotations

import dataclasses
import itertools
from datetime import UTC, datetime, timedelta

import pytest
from hotline.ticketing import commands as cmd
from hotline.ticketing.commands import CommandName as C
from hotline.ticketing.deadlines import DeadlinePolicy
from hotline.ticketing.errors import ForbiddenError, InvalidInputError, WorkflowError
from hotline.ticketing.model import HistoryEntry, Ticket
from hotline.ticketing.model import State as S
from hotline.ticketing.users import SYSTEM_ACTOR, Actor, Role
from hotline.ticketing.workflow import REASON_REQUIRED, TRANSITIONS, allowed_commands, apply, check

from hotline.catalog_loader import load_catalog

CATALOG = load_catalog()
POLICY = DeadlinePolicy()
T0 = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
NOW = T0 + timedelta(minutes=5)

ACTORS = {
    Role.OPERATOR: Actor("wang", Role.OPERATOR),
    Role.LEAD: Actor("zhao", Role.LEAD),
    Role.LIAISON: Actor("water-li", Role.LIAISON, unit_id="water"),
    Role.ADMIN: Actor("root", Role.ADMIN),
    Role.SYSTEM: SYSTEM_ACTOR,
}

# A valid payload for every command, so only state and role decide.
VALID: dict[C, cmd.Command] = {
    C.CLAIM: cmd.Claim(),
    C.CORRECT: cmd.Correct(corrected_text="小区停水三天了", missing_info=("location",)),
    C.REGISTER: cmd.Register(summary="小区停水", request_type="help"),
    C.DISPATCH: cmd.Dispatch(lead_unit="water", assisting_units=("housing",)),
    C.ACCEPT: cmd.Accept(),
    C.RETURN: cmd.Return(reason="不属于本单位职责"),
    C.REASSIGN: cmd.Reassign(lead_unit="water", reason="改派供水公司"),
    C.REPLY: cmd.Reply(text="已恢复供水"),
    C.REVIEW: cmd.Review(),
    C.SEND_BACK: cmd.SendBack(reason="答复不完整"),
    C.SUPERVISE: cmd.Supervise(reason="电话督办，单位称明日处理"),
    C.START_FOLLOW_UP: cmd.StartFollowUp(),
    C.RECORD_SATISFACTION: cmd.RecordSatisfaction(result="satisfied"),
    C.REOPEN: cmd.Reopen(reason="来电人不满意"),
    C.CLOSE: cmd.Close(),
    C.REPORT: cmd.Report(upstream_ref="YK-1"),
    C.MERGE: cmd.Merge(into_ticket_id=2, reason="重复来电"),
    C.MARK_INVALID: cmd.MarkInvalid(reason="无声电话"),
    C.RESTORE: cmd.Restore(reason="误操作"),
    C.ATTACH_TRANSCRIPT: cmd.AttachTranscript(words=(cmd.TranscriptWord("停水", 0.5, 0.9, 0.8),)),
    C.AUTO_DISPATCH: cmd.AutoDispatch(lead_unit="water", reason="自动派单：供水公司"),
    C.TAKE_BACK: cmd.TakeBack(),
}


def ticket_in(state: S) -> Ticket:
    """A ticket already in `state`, dispatched to the water company where that makes sense."""
    t = Ticket(
        received_at=T0,
        id=1,
        state=state,
        summary="小区停水",
        request_type="help",
        lead_unit="water",
        caller_number="13800000000",
    )
    return t


def ticket_for(state: S, command: C) -> Ticket:
    """`ticket_in(state)`; for 收回, one the machine dispatched (only that can be taken back)."""
    t = ticket_in(state)
    if command is C.TAKE_BACK:
        t.history.append(
            HistoryEntry(
                T0,
                "system",
                "system",
                "auto_dispatch",
                S.DRAFT,
                S.DISPATCHED,
                "",
                {"take_back_minutes": 30},
            )
        )
    return t


def test_every_command_has_a_payload_and_appears_in_the_table() -> None:
    assert set(VALID) == set(C)
    assert {command for (_, command) in TRANSITIONS} == set(C)


ALL_CASES = list(itertools.product(S, C, Role))


@pytest.mark.parametrize(("state", "command", "role"), ALL_CASES)
def test_table_decides_every_state_command_role(state: S, command: C, role: Role) -> None:
    ticket = ticket_for(state, command)
    before = dataclasses.replace(ticket, history=list(ticket.history))
    transition = TRANSITIONS.get((state, command))
    actor = ACTORS[role]
    if transition is not None and role in transition.roles:
        entry = apply(ticket, VALID[command], actor, now=NOW, policy=POLICY, catalog=CATALOG)
        assert ticket.state is transition.to
        assert ticket.history[-1] is entry
        assert (entry.actor, entry.actor_role) == (actor.name, str(role))
        assert (entry.from_state, entry.to_state, entry.command) == (state, transition.to, command)
        assert entry.reason == VALID[command].reason
        assert entry.at == NOW
    else:
        expected = WorkflowError if transition is None else ForbiddenError
        with pytest.raises(expected) as info:
            apply(ticket, VALID[command], actor, now=NOW, policy=POLICY, catalog=CATALOG)
        assert info.value.message_zh  # something to show the operator
        assert ticket == before  # nothing changed, no history written


# The centre's rules, written out by hand: (state, command, role) → new state, None = refused.
KEY_EXPECTATIONS: list[tuple[S, C, Role, S | None]] = [
    (S.DRAFT, C.CLAIM, Role.OPERATOR, S.DRAFT),
    (S.DRAFT, C.REGISTER, Role.OPERATOR, S.REGISTERED),
    (S.DRAFT, C.REGISTER, Role.LIAISON, None),
    (S.DRAFT, C.REGISTER, Role.SYSTEM, None),  # a machine draft needs a human to confirm
    (S.DRAFT, C.DISPATCH, Role.OPERATOR, None),  # register first
    (S.REGISTERED, C.DISPATCH, Role.OPERATOR, S.DISPATCHED),
    (S.REGISTERED, C.DISPATCH, Role.LEAD, S.DISPATCHED),
    (S.REGISTERED, C.DISPATCH, Role.LIAISON, None),
    (S.REGISTERED, C.DISPATCH, Role.ADMIN, None),
    (S.DRAFT, C.AUTO_DISPATCH, Role.SYSTEM, S.DISPATCHED),
    (S.DRAFT, C.AUTO_DISPATCH, Role.OPERATOR, None),  # a person registers first
    (S.REGISTERED, C.AUTO_DISPATCH, Role.SYSTEM, None),  # a person has registered it
    (S.DISPATCHED, C.TAKE_BACK, Role.OPERATOR, S.DRAFT),
    (S.ACCEPTED, C.TAKE_BACK, Role.LEAD, S.DRAFT),
    (S.DISPATCHED, C.TAKE_BACK, Role.LIAISON, None),
    (S.REPLIED, C.TAKE_BACK, Role.OPERATOR, None),
    (S.DISPATCHED, C.ACCEPT, Role.LIAISON, S.ACCEPTED),
    (S.DISPATCHED, C.RETURN, Role.LIAISON, S.RETURNED),
    (S.ACCEPTED, C.RETURN, Role.LIAISON, S.RETURNED),
    (S.RETURNED, C.REASSIGN, Role.OPERATOR, S.DISPATCHED),
    (S.RETURNED, C.REASSIGN, Role.LIAISON, None),
    (S.RETURNED, C.REPLY, Role.LIAISON, None),
    (S.ACCEPTED, C.REPLY, Role.LIAISON, S.REPLIED),
    (S.REPLIED, C.REVIEW, Role.OPERATOR, S.REVIEWED),
    (S.REPLIED, C.REVIEW, Role.LIAISON, None),  # a unit does not approve its own reply
    (S.REPLIED, C.SEND_BACK, Role.OPERATOR, S.ACCEPTED),
    (S.REVIEWED, C.CLOSE, Role.OPERATOR, S.CLOSED),
    (S.REVIEWED, C.START_FOLLOW_UP, Role.SYSTEM, S.FOLLOW_UP),
    (S.CLOSED, C.START_FOLLOW_UP, Role.SYSTEM, S.FOLLOW_UP),
    (S.FOLLOW_UP, C.RECORD_SATISFACTION, Role.SYSTEM, S.CLOSED),
    (S.FOLLOW_UP, C.REOPEN, Role.SYSTEM, S.REPLIED),  # 不满意 → back to review
    (S.CLOSED, C.REOPEN, Role.OPERATOR, S.REPLIED),
    (S.CLOSED, C.REPORT, Role.LEAD, S.REPORTED),
    (S.CLOSED, C.REPORT, Role.OPERATOR, None),  # reporting up is the lead's call
    (S.REPORTED, C.REOPEN, Role.LEAD, S.REPLIED),
    (S.REPORTED, C.REOPEN, Role.OPERATOR, None),
    (S.DISPATCHED, C.CLOSE, Role.OPERATOR, None),  # no closing before the unit replies
    (S.DRAFT, C.MERGE, Role.OPERATOR, S.MERGED),
    (S.DISPATCHED, C.MERGE, Role.OPERATOR, None),
    (S.DRAFT, C.MARK_INVALID, Role.OPERATOR, S.INVALID),
    (S.INVALID, C.RESTORE, Role.OPERATOR, S.DRAFT),
    (S.MERGED, C.RESTORE, Role.LEAD, S.DRAFT),
    (S.CLOSED, C.MARK_INVALID, Role.LEAD, None),  # history is never rewritten
    (S.REPORTED, C.ATTACH_TRANSCRIPT, Role.SYSTEM, S.REPORTED),
    (S.DRAFT, C.ATTACH_TRANSCRIPT, Role.OPERATOR, None),
]


@pytest.mark.parametrize(("state", "command", "role", "expected"), KEY_EXPECTATIONS)
def test_key_rules_of_the_centre(state: S, command: C, role: Role, expected: S | None) -> None:
    ticket = ticket_for(state, command)
    if expected is None:
        with pytest.raises(WorkflowError):
            apply(ticket, VALID[command], ACTORS[role], now=NOW, policy=POLICY, catalog=CATALOG)
        assert ticket.state is state
    else:
        apply(ticket, VALID[command], ACTORS[role], now=NOW, policy=POLICY, catalog=CATALOG)
        assert ticket.state is expected


def test_admin_issues_no_ticket_commands() -> None:
    assert all(not allowed_commands(state, Role.ADMIN) for state in S)


@pytest.mark.parametrize(
    "key", [k for k, t in TRANSITIONS.items() if Role.LIAISON in t.roles], ids=str
)
def test_liaison_of_another_unit_is_refused(key: tuple[S, C]) -> None:
    state, command = key
    ticket = ticket_in(state)  # led by "water"
    other = Actor("gas-li", Role.LIAISON, unit_id="gas")
    with pytest.raises(ForbiddenError) as info:
        apply(ticket, VALID[command], other, now=NOW, policy=POLICY, catalog=CATALOG)
    assert info.value.code == "forbidden_unit"
    assert ticket.history == []


@pytest.mark.parametrize("command", sorted(REASON_REQUIRED), ids=str)
def test_reason_is_required(command: C) -> None:
    state = next(st for (st, c), t in TRANSITIONS.items() if c is command)
    roles = TRANSITIONS[(state, command)].roles
    actor = ACTORS[Role.OPERATOR if Role.OPERATOR in roles else next(iter(roles))]
    ticket = ticket_in(state)
    without_reason = dataclasses.replace(VALID[command], reason="  ")
    with pytest.raises(InvalidInputError) as info:
        apply(ticket, without_reason, actor, now=NOW, policy=POLICY, catalog=CATALOG)
    assert info.value.code == "reason_required"
    assert "原因" in info.value.message_zh
    assert ticket.state is state and ticket.history == []


def test_every_state_is_reachable_from_draft() -> None:
    seen, todo = {S.DRAFT}, [S.DRAFT]
    while todo:
        state = todo.pop()
        for (st, _), t in TRANSITIONS.items():
            if st is state and t.to not in seen:
                seen.add(t.to)
                todo.append(t.to)
    assert seen == set(S)


def test_wrong_state_error_names_state_and_command_in_chinese() -> None:
    ticket = ticket_in(S.DRAFT)
    with pytest.raises(WorkflowError) as info:
        check(ticket, VALID[C.DISPATCH], ACTORS[Role.OPERATOR])
    assert info.value.code == "invalid_state"
    assert "草稿" in info.value.message_zh and "派单" in info.value.message_zh
    assert "dispatch" in str(info.value) and "draft" in str(info.value)


def test_full_life_of_a_ticket_keeps_every_step_in_history() -> None:
    op, lead, unit = ACTORS[Role.OPERATOR], ACTORS[Role.LEAD], ACTORS[Role.LIAISON]
    ticket = Ticket(received_at=T0, id=7, machine_text="我们小区停水了", transcription_pending=True)
    steps = [
        (cmd.Claim(), op),
        (cmd.Correct(corrected_text="我们小区停水三天了", missing_info=("location",)), op),
        (cmd.Register(summary="小区停水三天", request_type="help", missing_info=()), op),
        (cmd.Dispatch(lead_unit="housing"), op),
        (cmd.Return(reason="供水问题不归住建局"), ACTORS[Role.OPERATOR]),
        (cmd.Reassign(lead_unit="water", assisting_units=("housing",)), op),
        (cmd.Accept(), unit),
        (cmd.Reply(text="管道已抢修，恢复供水"), unit),
        (cmd.SendBack(reason="请说明停水原因"), op),
        (cmd.Reply(text="主管道破裂，已抢修，恢复供水"), unit),
        (cmd.Review(), op),
        (cmd.Close(), op),
        (cmd.StartFollowUp(), SYSTEM_ACTOR),
        (cmd.RecordSatisfaction(result="dissatisfied"), SYSTEM_ACTOR),
        (cmd.Reopen(reason="来电人不满意"), SYSTEM_ACTOR),
        (cmd.Review(), op),
        (cmd.Close(), op),
        (cmd.Report(upstream_ref="YK-2026-1"), lead),
    ]
    for i, (command, actor) in enumerate(steps):
        apply(ticket, command, actor, now=T0 + timedelta(minutes=i), policy=POLICY, catalog=CATALOG)
    assert ticket.state is S.REPORTED
    assert [h.command for h in ticket.history] == [str(c.name) for c, _ in steps]
    assert ticket.history[4].reason == "供水问题不归住建局"
    assert ticket.history[5].details == {"lead_unit": "water", "assisting_units": ["housing"]}
    assert ticket.machine_text == "我们小区停水了"  # the machine text is kept beside the correction
    assert (ticket.corrected_text, ticket.corrected_by) == ("我们小区停水三天了", "wang")
    assert ticket.missing_info == ()
    assert ticket.lead_unit == "water" and ticket.assisting_units == ("housing",)
    assert ticket.first_dispatched_at == T0 + timedelta(minutes=3)
    assert ticket.dispatched_at == T0 + timedelta(minutes=5)
    assert ticket.satisfaction == "dissatisfied"
    assert ticket.upstream_ref == "YK-2026-1"
    assert ticket.close_due_at == ticket.dispatched_at + timedelta(hours=24)


def test_register_needs_content_and_type() -> None:
    ticket = Ticket(received_at=T0, id=1)
    with pytest.raises(InvalidInputError) as info:
        apply(
            ticket, cmd.Register(), ACTORS[Role.OPERATOR], now=NOW, policy=POLICY, catalog=CATALOG
        )
    assert info.value.code == "incomplete"
    assert "诉求类型" in info.value.message_zh
    assert ticket.state is S.DRAFT and ticket.history == []


@pytest.mark.parametrize(
    "command",
    [
        cmd.Dispatch(lead_unit="no_such_unit"),
        cmd.Dispatch(lead_unit=""),
        cmd.Dispatch(lead_unit="water", assisting_units=("water",)),
        cmd.Dispatch(lead_unit="water", assisting_units=("nope",)),
    ],
)
def test_dispatch_checks_units_against_the_catalogue(command: cmd.Dispatch) -> None:
    ticket = ticket_in(S.REGISTERED)
    ticket.lead_unit = None
    with pytest.raises(InvalidInputError):
        apply(ticket, command, ACTORS[Role.OPERATOR], now=NOW, policy=POLICY, catalog=CATALOG)
    assert ticket.state is S.REGISTERED and ticket.lead_unit is None


def test_correct_rejects_unknown_category_area_and_missing_marks() -> None:
    for bad in (
        cmd.Correct(request_type="gossip"),
        cmd.Correct(area_id="atlantis"),
        cmd.Correct(missing_info=("weather",)),
        cmd.Correct(urgency="very"),
    ):
        ticket = ticket_in(S.DRAFT)
        with pytest.raises(InvalidInputError):
            apply(ticket, bad, ACTORS[Role.OPERATOR], now=NOW, policy=POLICY, catalog=CATALOG)


def test_merge_into_itself_is_refused() -> None:
    ticket = ticket_in(S.DRAFT)
    with pytest.raises(InvalidInputError):
        apply(
            ticket,
            cmd.Merge(into_ticket_id=1, reason="重复"),
            ACTORS[Role.OPERATOR],
            now=NOW,
            policy=POLICY,
            catalog=CATALOG,
        )


def test_parse_command_from_json_data() -> None:
    parsed = cmd.parse_command("dispatch", {"lead_unit": "water", "assisting_units": ["gas"]})
    assert parsed == cmd.Dispatch(lead_unit="water", assisting_units=("gas",))
    words = cmd.parse_command(
        "attach_transcript", {"words": [{"word": "水", "start": 0, "end": 0.4, "conf": 0.9}]}
    )
    assert words.words[0].word == "水"  # type: ignore[attr-defined]
    with pytest.raises(InvalidInputError):
        cmd.parse_command("fly", {})
    with pytest.raises(InvalidInputError):
        cmd.parse_command("dispatch", {"lead": "water"})


def test_a_late_transcript_fills_the_draft_and_notes_it_in_history() -> None:
    ticket = Ticket(received_at=T0, id=3, transcription_pending=True)
    words = (cmd.TranscriptWord("停", 0.1, 0.3, 0.9), cmd.TranscriptWord("水", 0.3, 0.5, 0.8))
    entry = apply(
        ticket,
        cmd.AttachTranscript(words=words),
        SYSTEM_ACTOR,
        now=NOW,
        policy=POLICY,
        catalog=CATALOG,
    )
    assert ticket.transcript_words == list(words)
    assert ticket.machine_text == "停 水" and not ticket.transcription_pending
    assert entry.details == {"words": 2, "chars": 0}
