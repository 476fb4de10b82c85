"""A ticket as plain JSON-safe data: every field, the transcript words and the history."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from enum import Enum
from typing import Any

from hotline.ticketing.model import STATE_LABELS, HistoryEntry, Ticket, mask_number


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def history_to_dict(entry: HistoryEntry) -> dict[str, Any]:
    return _plain(entry)  # type: ignore[no-any-return]


def ticket_to_dict(ticket: Ticket, *, mask_caller: bool = False) -> dict[str, Any]:
    """All fields; `mask_caller` hides numbers as a unit liaison must see them (138****0000)."""
    data: dict[str, Any] = _plain(ticket)
    data["state_label"] = STATE_LABELS[ticket.state]
    data["text"] = ticket.text
    if mask_caller or ticket.caller_confidential:
        for key in ("caller_number", "callback_number"):
            data[key] = mask_number(data[key])
        if ticket.caller_confidential:
            data["caller_name"] = "***" if data["caller_name"] else ""
    return data
