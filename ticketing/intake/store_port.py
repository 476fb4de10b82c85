"""The ticket store as intake needs it (`IntakeStore`), and `apply_record`: one record
written through it, idempotent by call id (a replayed record does no harm)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from hotline.ticketing.commands import AttachTranscript, AutoDispatch, Command, MarkInvalid
from hotline.ticketing.errors import ConflictError, DomainError
from hotline.ticketing.intake import records
from hotline.ticketing.intake.options import IntakeOptions
from hotline.ticketing.intake.records import IntakeRecord
from hotline.ticketing.intake.routing_fields import routing_fields
from hotline.ticketing.model import (
    OPEN_STATES,
    Channel,
    HistoryEntry,
    State,
    Ticket,
    TranscriptWord,
)

log = logging.getLogger(__name__)

FORWARDED_FROM_MAX = 100  # tickets.forwarded_from is VARCHAR(100)
LEXICON_AUTHOR = "lexicon"  # corrected_by of a draft text the correction lexicon rewrote
TAKE_OVER = "take_over"  # the history line's command when an operator took the call (转人工)


class IntakeStore(Protocol):
    """The ticket repository as intake needs it. Blocking; called on a worker thread.

    `apply_command` runs a workflow command as the SYSTEM actor and saves;
    `save` writes machine fields (no history line) with the ticket's version.
    Both raise ConflictError when an operator saved the ticket in between.
    """

    def by_call_id(self, call_id: str) -> Ticket | None: ...

    def by_recording_ref(self, recording_ref: str) -> Ticket | None: ...

    def create(self, ticket: Ticket) -> Ticket: ...

    def save(self, ticket: Ticket) -> Ticket: ...

    def apply_command(self, ticket_id: int, command: Command) -> Ticket: ...

    def open_tickets_since(self, since: datetime) -> list[Ticket]: ...

    def unfinished_drafts(self, received_before: datetime) -> list[Ticket]:
        """Drafts with no transcript that are not waiting in the backlog either: their call
        never reached hang-up handling (the process died)."""
        ...

    def enqueue_transcription(self, call_id: str, audio_path: str) -> None: ...


@dataclass(frozen=True)
class AppliedChange:
    """What the writer tells the console and the chat after a record was stored."""

    kind: str  # "created" | "updated"
    ticket: Ticket
    record: IntakeRecord


DuplicateFn = Callable[[Ticket, Sequence[Ticket]], list[int]]


def same_number_duplicates(ticket: Ticket, candidates: Sequence[Ticket]) -> list[int]:
    """Open tickets reachable on the same number (caller or dictated callback number)."""
    mine = {n for n in (ticket.caller_number, ticket.callback_number) if n}
    out = []
    for other in candidates:
        if other.id is None or other.id == ticket.id or other.state not in OPEN_STATES:
            continue
        if mine & {n for n in (other.caller_number, other.callback_number) if n}:
            out.append(other.id)
    return out


@dataclass
class ApplyContext:
    options: IntakeOptions = field(default_factory=IntakeOptions)
    find_duplicates: DuplicateFn = same_number_duplicates


def apply_record(
    store: IntakeStore, record: IntakeRecord, ctx: ApplyContext
) -> AppliedChange | None:
    """Write one record. Returns what changed, or None when there was nothing to do."""
    for attempt in range(3):
        try:
            return _APPLY[type(record)](store, record, ctx)
        except ConflictError:
            # An operator saved the draft in between: reload and apply again.
            if attempt == 2:
                raise
    return None


def _duplicates(store: IntakeStore, ticket: Ticket, ctx: ApplyContext) -> tuple[int, ...]:
    since = ticket.received_at - ctx.options.duplicate_window
    found = ctx.find_duplicates(ticket, store.open_tickets_since(since))
    merged = dict.fromkeys([*ticket.duplicate_candidates, *found])
    return tuple(i for i in merged if i != ticket.id)


def _apply_draft_opened(
    store: IntakeStore, rec: records.DraftOpened, ctx: ApplyContext
) -> AppliedChange | None:
    if store.by_call_id(rec.call_id) is not None:
        return None
    ticket = Ticket(
        received_at=rec.received_at,
        state=State.DRAFT,
        channel=Channel.PHONE,
        caller_number=rec.caller,
        called_number=rec.called,
        # A SIP user part has no length limit; the column has (and a refused insert
        # would keep the draft out of the database).
        forwarded_from=rec.forwarded_from[:FORWARDED_FROM_MAX] if rec.forwarded_from else None,
        call_id=rec.call_id,
        recording_ref=rec.recording_ref,
        transcription_pending=rec.transcription_pending,
    )
    ticket.duplicate_candidates = _duplicates(store, ticket, ctx)
    return AppliedChange("created", store.create(ticket), rec)


def _apply_partial(
    store: IntakeStore, rec: records.PartialHeard, ctx: ApplyContext
) -> AppliedChange | None:
    ticket = store.by_call_id(rec.call_id)
    # Only a draft still waiting for its final transcript shows partials.
    if ticket is None or ticket.state is not State.DRAFT or ticket.transcript_words:
        return None
    if ticket.machine_text == rec.text:
        return None
    ticket.machine_text = rec.text
    return AppliedChange("updated", store.save(ticket), rec)


def _apply_transcribed(
    store: IntakeStore, rec: records.CallTranscribed, ctx: ApplyContext
) -> AppliedChange | None:
    ticket = store.by_call_id(rec.call_id)
    if ticket is None:
        log.error("transcript for call %s but no ticket: kept in the log only", rec.call_id)
        return None
    words = tuple(TranscriptWord.from_dict(w) for w in rec.words)
    if tuple(ticket.transcript_words) == words and not ticket.transcription_pending:
        return None  # replayed
    fields = routing_fields(rec.routing, rec.numbers)
    # Routing prefills what the operator confirms; an operator's own edits win (the
    # correction lexicon's text is the machine's, not an operator's).
    operator_text = ticket.corrected_text is not None and ticket.corrected_by != LEXICON_AUTHOR
    if not operator_text:
        ticket.request_type = ticket.request_type or fields["request_type"]
        ticket.area_id = ticket.area_id or fields["area_id"]
        ticket.epidemic = ticket.epidemic or fields["epidemic"]
        ticket.callback_number = ticket.callback_number or fields["callback_number"]
        routed = fields["suggestion"].get("routed_text")
        if routed:
            # The correction lexicon's text is the draft's text; machine_text stays as heard.
            ticket.corrected_text, ticket.corrected_by = routed, LEXICON_AUTHOR
    if not operator_text or not ticket.routing_suggestion:
        # Once corrected and re-routed, the suggestion follows the operator's text, not a
        # transcript arriving late from the ASR backlog.
        ticket.routing_suggestion = fields["suggestion"]
    ticket.machine_text = rec.text  # duplicates are looked for on the final text
    ticket.duplicate_candidates = _duplicates(store, ticket, ctx)
    # The suggestion is stored before the words (two writes): whoever sees the transcript
    # sees its routing too. A crash in between redoes both (no words yet).
    ticket = store.save(ticket)
    assert ticket.id is not None
    ticket = store.apply_command(ticket.id, AttachTranscript(text=rec.text, words=words))
    return AppliedChange("updated", _auto_dispatch(store, ticket), rec)


def _auto_dispatch(store: IntakeStore, ticket: Ticket) -> Ticket:
    """自动派单 when routing said so (routing.auto.advise). A suspected duplicate waits for a
    person (并单). The workflow refuses a draft a person has touched, and a second node
    finds the ticket dispatched already (or loses on its version): then it stays as is.
    A crash between the transcript and this step leaves a draft for the operators."""
    suggestion = ticket.routing_suggestion or {}
    advice = suggestion.get("auto_dispatch") or {}
    if not advice.get("dispatch") or ticket.state is not State.DRAFT or ticket.duplicate_candidates:
        return ticket
    assert ticket.id is not None
    command = AutoDispatch(
        lead_unit=str(suggestion.get("lead") or ""),
        reason=str(advice.get("reason") or "自动派单"),
        # The confidence the threshold was compared with (calibrated when configured).
        confidence=float(advice.get("confidence") or suggestion.get("confidence") or 0.0),
        source=str(advice.get("source") or ""),
        take_back_minutes=int(advice.get("take_back_minutes") or 0),
    )
    try:
        return store.apply_command(ticket.id, command)
    except DomainError as exc:
        log.info("ticket %s not dispatched automatically: %s", ticket.id, exc)
        return ticket


def _apply_queued(
    store: IntakeStore, rec: records.TranscriptionQueued, ctx: ApplyContext
) -> AppliedChange | None:
    store.enqueue_transcription(rec.call_id, rec.audio_path)
    ticket = store.by_call_id(rec.call_id)
    if ticket is None or ticket.transcription_pending or ticket.transcript_words:
        return None
    ticket.transcription_pending = True
    return AppliedChange("updated", store.save(ticket), rec)


def _apply_silent(
    store: IntakeStore, rec: records.CallSilent, ctx: ApplyContext
) -> AppliedChange | None:
    ticket = store.by_call_id(rec.call_id)
    if ticket is None or ticket.state is not State.DRAFT or ticket.transcript_words:
        return None
    if ticket.history and any(h.command in ("mark_invalid", TAKE_OVER) for h in ticket.history):
        return None  # an operator restored it once already, or took the call: theirs
    assert ticket.id is not None
    if ticket.transcription_pending:
        ticket.transcription_pending = False
        ticket = store.save(ticket)
        assert ticket.id is not None
    ticket = store.apply_command(ticket.id, MarkInvalid(reason=rec.reason))
    return AppliedChange("updated", ticket, rec)


def _apply_quality(
    store: IntakeStore, rec: records.CallQualityMeasured, ctx: ApplyContext
) -> AppliedChange | None:
    ticket = store.by_call_id(rec.call_id)
    if ticket is None or ticket.call_quality == rec.quality:
        return None  # no draft (cancelled) or replayed
    ticket.call_quality = dict(rec.quality)
    return AppliedChange("updated", store.save(ticket), rec)


def _apply_taken_over(
    store: IntakeStore, rec: records.CallTakenOver, ctx: ApplyContext
) -> AppliedChange | None:
    ticket = store.by_call_id(rec.call_id)
    if ticket is None or any(h.command == TAKE_OVER and h.at == rec.at for h in ticket.history):
        return None  # no draft, or replayed
    asked = rec.by == "caller"
    how = "转接" if rec.method == "refer" else "桥接"
    ticket.history.append(
        HistoryEntry(
            at=rec.at,
            actor=rec.by,
            actor_role="system" if asked else "operator",
            command=TAKE_OVER,
            from_state=ticket.state,
            to_state=ticket.state,
            reason=("来电人要求人工服务，" if asked else "")
            + f"{how}至 {rec.target}，录音截至转接时刻",
            details={"target": rec.target, "method": rec.method},
        )
    )
    return AppliedChange("updated", store.save(ticket), rec)


_APPLY: dict[
    type[IntakeRecord], Callable[[IntakeStore, Any, ApplyContext], AppliedChange | None]
] = {
    records.DraftOpened: _apply_draft_opened,
    records.PartialHeard: _apply_partial,
    records.CallTranscribed: _apply_transcribed,
    records.TranscriptionQueued: _apply_queued,
    records.CallSilent: _apply_silent,
    records.CallQualityMeasured: _apply_quality,
    records.CallTakenOver: _apply_taken_over,
}
