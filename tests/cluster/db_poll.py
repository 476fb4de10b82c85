"""The tickets of a cluster test, read straight from its PostgreSQL schema."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine


def tickets_in_db(engine: Engine) -> list[dict[str, Any]]:
    """Every ticket, read straight from the database: polling through the CLI would start a
    Python process per look, CPU the nodes need on a 2-core machine."""
    query = text(
        "SELECT id, call_id, recording_ref, transcript_words, transcription_pending,"
        " satisfaction = 'satisfied' AS satisfied FROM tickets ORDER BY id"
    )
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def max_ticket_id(engine: Engine) -> int:
    return max((t["id"] for t in tickets_in_db(engine)), default=0)


def wait_tickets(
    engine: Engine, ready: Callable[[list[dict[str, Any]]], bool], timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        tickets = tickets_in_db(engine)
        if ready(tickets):
            return
        time.sleep(0.5)
    raise AssertionError(f"{len(tickets)} tickets: {tickets}")
