"""Ticket text search: the same answers as a plain substring search on every database.

On PostgreSQL the search first narrows by the GIN index of two-character runs
(ticketing/persistence/search_sql.py, migration store_0003); the index may only narrow,
never lose a row. Each case is checked against a substring search done here in Python.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hotline.ticketing import services
from hotline.ticketing.persistence.database import Database, UnitOfWork
from hotline.ticketing.persistence.repository import TicketQuery

from tests.fixtures.db import SettableClock

TEXTS = [
    ("我家暖气不热，室温只有十二度", "熊岳温泉小区", "13912345678"),
    ("井盖没了，晚上特别危险", "红海街道滨海路", None),
    ("楼下烧烤油烟太大 A座3单元", "海星街道", "0417-6251234"),
    ("商家卖过期食品100%假货_真的", "望海街道", None),
    ("停水两天了，井 盖也坏了", "芦屯镇", "13800000000"),
    ("路灯坏了一个多月。", "熊岳镇", None),
]
QUERIES = [
    "井盖",
    "熊岳温泉",
    "熊岳",
    "温泉小区",
    "暖气不热，室温",
    "A座3",
    "3单元",
    "0417",
    "1391234",
    "6251234",
    "100%",
    "%假",
    "_真",
    "井",
    "。",
    "，",
    "过期食品100%假货_真的",
    "龙卷风",
    "井 盖",
    "A座",
    "街道",
    "12",
]


@pytest.fixture
def stored(database: Database, clock: SettableClock) -> list[int]:
    ids = []
    for text, place, number in TEXTS:
        clock.advance(minutes=1)
        ticket = services.create_draft(
            database.uow(),
            services.NewTicket(
                received_at=clock(),
                machine_text=text,
                location_text=place,
                callback_number=number,
                summary=text[:6],
            ),
        )
        assert ticket.id is not None
        ids.append(ticket.id)
    return ids


def _expected(query: str, ids: list[int], numbers: bool) -> set[int]:
    found = set()
    for ticket_id, (text, place, number) in zip(ids, TEXTS, strict=True):
        fields = [text, place, text[:6]] + ([number or ""] if numbers else [])
        if any(query in value for value in fields):
            found.add(ticket_id)
    return found


@pytest.mark.parametrize("numbers", [True, False])
def test_search_finds_exactly_the_substring_matches(
    uow_factory: Callable[[], UnitOfWork], stored: list[int], numbers: bool
) -> None:
    for query in QUERIES:
        with uow_factory() as uow:
            got = {
                t.id
                for t in uow.tickets.list(
                    TicketQuery(text=query, search_numbers=numbers, limit=100)
                )
            }
            counted = uow.tickets.count(TicketQuery(text=query, search_numbers=numbers))
        assert got == _expected(query, stored, numbers), query
        assert counted == len(got), query


def test_count_stops_at_the_cap(uow_factory: Callable[[], UnitOfWork], stored: list[int]) -> None:
    with uow_factory() as uow:
        assert uow.tickets.count(TicketQuery(), cap=3) == 4  # cap + 1: "more than 3"
        assert uow.tickets.count(TicketQuery(), cap=100) == len(stored)
        assert uow.tickets.count(TicketQuery(text="街道"), cap=1) == 2
