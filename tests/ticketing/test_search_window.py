"""A newest-first text search looks in the last month first (PostgreSQL) and must give the
same pages as the search over everything: pages wholly inside the month, pages crossing
its start, pages before it, a date range, and a term the month does not hold enough of."""

from __future__ import annotations

from datetime import timedelta

from hotline.ticketing import services
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.persistence.repository import TicketQuery

from tests.fixtures.db import SettableClock

TERMS = ("熊岳温泉", "井盖")


def test_pages_are_those_of_the_whole_search(database: Database, clock: SettableClock) -> None:
    start = clock()
    stored: list[tuple[object, int, str]] = []
    for n in range(90):  # one every 1.5 days over 135 days; 井盖 mostly in the oldest part
        clock.now = start + timedelta(hours=36 * n)
        text = f"我在熊岳温泉，问题{n}" + ("，井盖没了" if n % 9 == 0 else "")
        ticket = services.create_draft(
            database.uow(),
            services.NewTicket(received_at=clock(), machine_text=text, summary=text[:8]),
        )
        assert ticket.id is not None
        stored.append((ticket.received_at, ticket.id, text))
    newest_first = sorted(stored, key=lambda s: (s[0], s[1]), reverse=True)
    cut = start + timedelta(days=40)  # a range ending before the newest tickets

    for term in TERMS:
        matching = [t_id for _, t_id, text in newest_first if term in text]
        before_cut = [t_id for at, t_id, text in newest_first if term in text and at < cut]
        for limit in (3, 7, 25):
            for offset in range(0, len(matching) + limit, limit):
                with database.uow() as uow:
                    page = uow.tickets.list(TicketQuery(text=term, limit=limit, offset=offset))
                    ranged = uow.tickets.list(
                        TicketQuery(text=term, limit=limit, offset=offset, received_before=cut)
                    )
                assert [t.id for t in page] == matching[offset : offset + limit], (term, limit)
                assert [t.id for t in ranged] == before_cut[offset : offset + limit], term
