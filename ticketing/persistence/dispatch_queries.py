"""The dashboard's 自动派单 figures: how many dispatches in a period the machine made, how
many people made, and how many automatic ones the centre took back (收回) — counted from
the ticket history, by when each step happened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from hotline.ticketing.commands import CommandName
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.persistence.tables import HistoryRow
from sqlalchemy import func, select

COUNTED = (CommandName.DISPATCH, CommandName.AUTO_DISPATCH, CommandName.TAKE_BACK)


@dataclass(frozen=True)
class AutoDispatchFigures:
    by_people: int  # 派单 by an operator (a reassignment is not a new dispatch)
    automatic: int  # 自动派单
    taken_back: int  # 收回自动派单

    @property
    def rate(self) -> float | None:
        """Share of the period's dispatches the machine made (None: no dispatch at all)."""
        total = self.by_people + self.automatic
        return self.automatic / total if total else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "dispatched_by_people": self.by_people,
            "dispatched_automatically": self.automatic,
            "taken_back": self.taken_back,
            "auto_rate": self.rate,
        }


def auto_dispatch_figures(db: Database, start: datetime, end: datetime) -> AutoDispatchFigures:
    """Counts for history entries at start <= at < end (one GROUP BY on the indexed time)."""
    query = (
        select(HistoryRow.command, func.count())
        .where(
            HistoryRow.at >= start,
            HistoryRow.at < end,
            HistoryRow.command.in_([str(c) for c in COUNTED]),
        )
        .group_by(HistoryRow.command)
    )
    with db.engine.connect() as conn:
        counts = {str(command): int(n) for command, n in conn.execute(query)}
    return AutoDispatchFigures(
        by_people=counts.get(CommandName.DISPATCH, 0),
        automatic=counts.get(CommandName.AUTO_DISPATCH, 0),
        taken_back=counts.get(CommandName.TAKE_BACK, 0),
    )
