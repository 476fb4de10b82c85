"""Tickets as JSON for the console and the portal, shaped by who is looking.

Caller numbers are always masked here (138****0000); the full number comes only
from GET /tickets/{id}/caller, which centre staff may call and which is audited.
A liaison also gets every free text with dictated numbers masked (ticketing/privacy.py):
the number columns being masked is worth nothing if the transcript spells it out.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from hotline.ticketing import deadlines, workflow
from hotline.ticketing.commands import COMMAND_LABELS, CommandName
from hotline.ticketing.deadlines import DeadlinePolicy
from hotline.ticketing.model import (
    CHANNEL_LABELS,
    MISSING_INFO_LABELS,
    STATE_LABELS,
    Ticket,
    mask_number,
)
from hotline.ticketing.privacy import mask_optional, mask_phone_numbers
from hotline.ticketing.users import Role, User
from hotline.ticketing.web.store import Attachment

# Words below this confidence are highlighted for the operator to check.
LOW_CONFIDENCE = 0.6


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _clock(
    label: str,
    start: datetime | None,
    due: datetime | None,
    done_at: datetime | None,
    now: datetime,
    warn_fraction: float,
) -> dict[str, Any] | None:
    if start is None or due is None:
        return None
    status = deadlines.status(start, due, now, done_at=done_at, warn_fraction=warn_fraction)
    return {
        "label": label,
        "start": _iso(start),
        "due": _iso(due),
        "done_at": _iso(done_at),
        "status": str(status),
        "warn_fraction": warn_fraction,
    }


def clocks(ticket: Ticket, policy: DeadlinePolicy, now: datetime) -> dict[str, Any]:
    limits = policy.limits(ticket.request_type, str(ticket.urgency))
    dispatch_due = ticket.received_at + limits.dispatch
    close = None
    if ticket.dispatched_at is not None:
        close = _clock(
            "办结时限",
            ticket.dispatched_at,
            ticket.dispatched_at + limits.close,
            ticket.closed_at or ticket.replied_at,
            now,
            policy.warn_fraction,
        )
    return {
        "dispatch": _clock(
            "派单时限",
            ticket.received_at,
            dispatch_due,
            ticket.first_dispatched_at,
            now,
            policy.warn_fraction,
        ),
        "close": close,
    }


def routing_view(suggestion: dict[str, Any]) -> dict[str, Any]:
    """One shape for the UI, whatever keys the suggestion was stored with."""
    if not suggestion:
        return {}
    explanation = suggestion.get("explanation") or []
    if isinstance(explanation, str):
        explanation = [line for line in explanation.splitlines() if line.strip()]
    alternatives = suggestion.get("alternatives") or []  # other candidates for the lead unit
    assisting = suggestion.get("assisting_units") or []
    return {
        "lead_unit": suggestion.get("lead_unit")
        or suggestion.get("lead")
        or suggestion.get("department"),
        "assisting_units": list(assisting),
        "request_type": suggestion.get("request_type")
        or suggestion.get("type")
        or suggestion.get("category"),
        "area_id": suggestion.get("area_id") or suggestion.get("area"),
        "epidemic": bool(suggestion.get("epidemic", False)),
        "confidence": suggestion.get("confidence"),
        # The number the text dictates (centre only): offered as a one-click fill.
        "callback_number": suggestion.get("callback_number"),
        "explanation": list(explanation),
        "alternatives": alternatives,
        # 自动派单 on: whether the machine dispatched it, and why (or why a person must).
        "auto_dispatch": suggestion.get("auto_dispatch"),
    }


def ticket_summary(
    ticket: Ticket, policy: DeadlinePolicy, now: datetime, *, liaison: bool = False
) -> dict[str, Any]:
    """A list row; `liaison`: free texts with dictated numbers masked."""
    shown = mask_phone_numbers if liaison else _same
    return {
        "id": ticket.id,
        "version": ticket.version,
        "state": str(ticket.state),
        "state_label": STATE_LABELS[ticket.state],
        "channel": str(ticket.channel),
        "received_at": _iso(ticket.received_at),
        "dispatched_at": _iso(ticket.dispatched_at),
        "caller_number_masked": mask_number(ticket.reachable_number),
        "summary": shown(ticket.summary),
        "text": shown(ticket.text),
        "request_type": ticket.request_type,
        "area_id": ticket.area_id,
        "lead_unit": ticket.lead_unit,
        "assisting_units": list(ticket.assisting_units),
        "urgency": str(ticket.urgency),
        "epidemic": ticket.epidemic,
        "claimed_by": ticket.claimed_by,
        "transcription_pending": ticket.transcription_pending,
        "clocks": clocks(ticket, policy, now),
    }


# Commands without a generic button: the machine's, and 收回 (shown from take_back_until).
_NO_BUTTON = frozenset(
    str(c)
    for c in (CommandName.ATTACH_TRANSCRIPT, CommandName.AUTO_DISPATCH, CommandName.TAKE_BACK)
)


def ticket_detail(
    ticket: Ticket,
    user: User,
    policy: DeadlinePolicy,
    now: datetime,
    attachments: list[Attachment],
) -> dict[str, Any]:
    """The ticket page: everything the role may see, plus what it may do next."""
    centre = user.role in (Role.OPERATOR, Role.LEAD, Role.ADMIN)
    liaison = user.role is Role.LIAISON
    shown = mask_phone_numbers if liaison else _same
    shown_optional = mask_optional if liaison else _same
    allowed = [str(c) for c in workflow.allowed_commands(ticket.state, user.role)]
    if user.role is Role.LIAISON and ticket.lead_unit != user.unit_id:
        allowed = []  # assisting units read; the lead unit answers
    until = workflow.take_back_until(ticket)
    may_take_back = (
        until is not None
        and now <= until
        and str(CommandName.TAKE_BACK) in allowed
        and user.role in (Role.OPERATOR, Role.LEAD)
    )
    allowed = [c for c in allowed if c not in _NO_BUTTON]
    data = ticket_summary(ticket, policy, now, liaison=liaison)
    data.update(
        {
            "caller_name": "" if ticket.caller_confidential and not centre else ticket.caller_name,
            "caller_confidential": ticket.caller_confidential,
            "has_caller_number": bool(ticket.reachable_number),
            "can_reveal_number": centre,
            "callback_number_masked": mask_number(ticket.callback_number),
            "forwarded_from": ticket.forwarded_from,  # the number dialled, not the caller's
            "channel_label": CHANNEL_LABELS[ticket.channel],
            "location_text": shown(ticket.location_text),
            "machine_text": ticket.machine_text,
            "corrected_text": shown_optional(ticket.corrected_text),
            "missing_info": list(ticket.missing_info),
            "missing_info_labels": MISSING_INFO_LABELS,
            "duplicate_candidates": list(ticket.duplicate_candidates),
            "manual_fields": list(ticket.manual_fields),
            "merged_into": ticket.merged_into,
            "reply_text": shown_optional(ticket.reply_text),
            "replied_by": ticket.replied_by,
            "satisfaction": str(ticket.satisfaction) if ticket.satisfaction else None,
            "satisfaction_note": shown_optional(ticket.satisfaction_note),
            "upstream_ref": ticket.upstream_ref,
            "registered_at": _iso(ticket.registered_at),
            "replied_at": _iso(ticket.replied_at),
            "closed_at": _iso(ticket.closed_at),
            "reported_at": _iso(ticket.reported_at),
            "allowed_commands": allowed,
            # 收回: an automatic dispatch the centre may still take back, and until when.
            "auto_dispatched": until is not None,
            "take_back_until": _iso(until) if may_take_back else None,
            "attachments": [
                {
                    "id": a.id,
                    "name": shown(a.file_name),
                    "size": a.size,
                    "content_type": a.content_type,
                    "uploaded_by": a.uploaded_by,
                    "url": f"/api/v1/tickets/{ticket.id}/attachments/{a.id}",
                }
                for a in attachments
            ],
            "history": [
                {
                    "at": _iso(h.at),
                    "actor": h.actor,
                    "actor_role": h.actor_role,
                    "command": h.command,
                    "command_label": _command_label(h.command),
                    "from_state": str(h.from_state) if h.from_state else None,
                    "to_state": str(h.to_state),
                    "reason": shown_optional(h.reason),
                }
                for h in ticket.history
            ],
        }
    )
    if centre:
        # The call itself (voice, words) stays with the centre.
        data.update(
            {
                "recording_url": f"/api/v1/tickets/{ticket.id}/recording"
                if ticket.recording_ref
                else None,
                "transcript_words": [w.to_dict() for w in ticket.transcript_words],
                "low_confidence": LOW_CONFIDENCE,
                "routing_suggestion": routing_view(ticket.routing_suggestion),
                # Loss, jitter, RTT, MOS of the caller's audio; `poor`: 音质差.
                "call_quality": ticket.call_quality,
            }
        )
    else:
        data.update(
            {
                "recording_url": None,
                "transcript_words": [],
                "low_confidence": LOW_CONFIDENCE,
                "routing_suggestion": {},
                "machine_text": "",
                "call_quality": None,
            }
        )
    return data


def _same(value: Any) -> Any:
    return value


def _command_label(command: str) -> str:
    if command == "create":
        return "创建"
    if command == "take_over":  # intake: an operator took the live call (转人工)
        return "转人工"
    try:
        return COMMAND_LABELS[CommandName(command)]
    except ValueError:
        return command
