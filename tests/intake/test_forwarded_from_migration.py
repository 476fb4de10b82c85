"""Revision intake_0001: the forwarding number gets a column, and drafts stored before it
(number kept in routing_suggestion["call"]) get it copied over — SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from hotline.ticketing.model import Ticket
from hotline.ticketing.persistence.database import make_engine
from hotline.ticketing.persistence.repository import _ticket_values

from hotline.migrations import alembic_config, current_heads, upgrade

OLD_HEADS = ("asr_0001", "followup_0001", "web_0001")


def _old_draft(call_id: str, suggestion: dict[str, object]) -> dict[str, object]:
    values = _ticket_values(Ticket(received_at=datetime(2026, 3, 1, tzinfo=UTC), call_id=call_id))
    values.pop("forwarded_from")
    return {**values, "routing_suggestion": suggestion, "version": 1}


def test_forwarding_number_moves_into_its_column(db_url: str) -> None:
    for head in OLD_HEADS:
        upgrade(db_url, head)
    engine = make_engine(db_url)
    try:
        tickets = sa.Table("tickets", sa.MetaData(), autoload_with=engine)
        assert "forwarded_from" not in tickets.c
        with engine.begin() as connection:
            connection.execute(
                sa.insert(tickets),
                [
                    _old_draft("a", {"call": {"forwarded_from": "041112345"}, "lead": "water"}),
                    _old_draft("b", {"lead": "water"}),
                ],
            )
        upgrade(db_url)
        assert current_heads(db_url) == set(
            ScriptDirectory.from_config(alembic_config(db_url)).get_heads()
        )
        tickets = sa.Table("tickets", sa.MetaData(), autoload_with=engine)
        with engine.connect() as connection:
            rows = connection.execute(
                sa.select(tickets.c.call_id, tickets.c.forwarded_from).order_by(tickets.c.call_id)
            ).all()
        assert [tuple(r) for r in rows] == [("a", "041112345"), ("b", None)]
    finally:
        engine.dispose()
