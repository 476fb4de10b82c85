"""Searches and statistics get room for their bitmaps and groups on PostgreSQL, for their
own transaction only (a lossy bitmap re-checks every row of its pages by recomputing the
bigram document: seconds at a city's size). SQLite has no such setting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hotline.ticketing.deadlines import DeadlinePolicy
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.persistence.repository import TicketQuery
from sqlalchemy import text

pytestmark = pytest.mark.postgres


@pytest.fixture
def db_url(postgres_url: str) -> str:  # PostgreSQL only
    return postgres_url


def _work_mem(uow) -> str:  # type: ignore[no-untyped-def]
    return str(uow.session.execute(text("SHOW work_mem")).scalar_one())


def test_text_search_and_statistics_raise_work_mem_for_their_transaction(
    database: Database,
) -> None:
    now = datetime(2026, 1, 5, tzinfo=UTC)
    with database.uow() as uow:
        default = _work_mem(uow)
        uow.tickets.list(TicketQuery(text="熊岳"))
        assert _work_mem(uow) == "64MB" != default
    with database.uow() as uow:
        assert _work_mem(uow) == default  # SET LOCAL: gone with the transaction
        uow.tickets.count(TicketQuery(text="井盖"), cap=10)
        assert _work_mem(uow) == "64MB"
    with database.uow() as uow:
        uow.tickets.list(TicketQuery(text="井"))  # one character: no index, no room needed
        uow.tickets.list(TicketQuery(states=["draft"]))
        assert _work_mem(uow) == default
        uow.tickets.period_counts(
            lo=now - timedelta(days=365),
            hi=now,
            tz="Asia/Shanghai",
            policy=DeadlinePolicy(),
            now=now,
        )
        assert _work_mem(uow) == "64MB"
