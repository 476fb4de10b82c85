"""Re-routing a corrected text keeps the name of the model that heard the call: the ASR
quality figures (per model) are computed from the stored suggestion after the correction."""

from __future__ import annotations

from datetime import UTC, datetime

from hotline.ticketing.model import Ticket
from hotline.ticketing.rerouting import rederive


def _derived() -> dict[str, object]:
    return {
        "routing_suggestion": {"lead_unit": "heating", "confidence": 0.9},
        "request_type": "help",
        "area_id": None,
        "epidemic": False,
        "callback_number": None,
    }


def test_rerouting_keeps_the_hearing_model() -> None:
    ticket = Ticket(received_at=datetime(2026, 12, 1, tzinfo=UTC))
    ticket.routing_suggestion = {"lead_unit": None, "asr_model": "vosk-model-small-cn-0.22"}
    rederive(ticket, _derived(), duplicates=None)
    assert ticket.routing_suggestion["lead_unit"] == "heating"
    assert ticket.routing_suggestion["asr_model"] == "vosk-model-small-cn-0.22"


def test_a_typed_ticket_gets_no_model_name() -> None:
    ticket = Ticket(received_at=datetime(2026, 12, 1, tzinfo=UTC))
    rederive(ticket, _derived(), duplicates=None)
    assert "asr_model" not in ticket.routing_suggestion
