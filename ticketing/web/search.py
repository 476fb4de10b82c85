"""Ticket search helpers for the list endpoint: what the audit keeps of a number search,
and matching a liaison's search against the texts as the liaison sees them."""

from __future__ import annotations

from hotline.ticketing import privacy
from hotline.ticketing.model import Ticket, mask_number


def masked_search(searched: str) -> str | None:
    """What the audit keeps of a number search: never the number itself."""
    return mask_number(searched) if searched.isdigit() else privacy.mask_phone_numbers(searched)


def visible_match(ticket: Ticket, text: str) -> bool:
    shown = (ticket.summary, ticket.text, ticket.location_text)
    return any(text in privacy.mask_phone_numbers(value or "") for value in shown)
