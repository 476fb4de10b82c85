"""PostgreSQL's indexed text search and unit filter (migration store_0003 makes the
functions and indexes named here); other databases use the plain LIKE scans.

A search for a substring of two or more characters first asks the GIN index of
two-character runs (熊岳温泉 → 熊岳 & 岳温 & 温泉): every row holding the substring holds
all its runs, so the index only narrows, and the caller's LIKE decides. Runs are split by
the same `simple` parser on both sides, each run on its own, so a run the parser splits
(a character and a digit, punctuation) is split the same way in the text and the query.
"""

from __future__ import annotations

import re
from datetime import timedelta

from hotline.ticketing.persistence.tables import TicketRow
from sqlalchemy import ColumnElement, Text, cast, func, literal_column
from sqlalchemy.dialects.postgresql import JSONB

# Made by migration store_0003 on PostgreSQL; expression indexes the ORM model leaves out.
POSTGRES_ONLY_INDEXES = frozenset({"ix_tickets_search", "ix_tickets_assisting_units"})

# A query the index can narrow: at least one run of two word characters, so that its
# tsquery is never empty (an empty one matches nothing).
_TWO_WORD_CHARACTERS = re.compile(r"\w\w")


# A common two-character term (井盖) is in a fifth of a city's tickets: with the default
# 4 MB the bitmap of its matches goes lossy, and every row on a lossy page is re-checked by
# computing its bigram document (a millisecond each): 12 s instead of 0.5 s at 1 000 000
# tickets. Enough memory keeps the bitmap exact; for the searching transaction only.
SEARCH_WORK_MEM = "SET LOCAL work_mem = '64MB'"


# A newest-first search looks in this last stretch first (TicketRepository.list).
SEARCH_WINDOW = timedelta(days=30)


def indexed(dialect: str, text: str) -> bool:
    return dialect == "postgresql" and _TWO_WORD_CHARACTERS.search(text) is not None


def text_may_contain(text: str) -> ColumnElement[bool]:
    """Rows whose texts or numbers may contain `text` (a superset: the caller's LIKE decides)."""
    document = func.hotline_search_document(
        TicketRow.summary,
        TicketRow.machine_text,
        TicketRow.corrected_text,
        TicketRow.location_text,
        TicketRow.caller_number,
        TicketRow.callback_number,
    )
    runs = func.plainto_tsquery(
        literal_column("'simple'::regconfig"), func.hotline_bigrams(cast(text, Text))
    )
    return document.op("@@")(runs)


def has_assisting_unit(unit: str) -> ColumnElement[bool]:
    """`unit` is in the ticket's assisting units (GIN index on the jsonb form)."""
    return cast(TicketRow.assisting_units, JSONB).contains([unit])
