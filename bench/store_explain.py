"""The database's side of bench/store_scale.py: EXPLAIN (ANALYZE, BUFFERS) of the very
statements the measured requests send, and the size of every table and index.

    python bench/store_explain.py --database store1m_1m [--plans]

The execution time EXPLAIN ANALYZE reports is the database's work alone (no HTTP, no
Python on the server side): on a shared machine it is the steadier figure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from psycopg.types.json import Jsonb
from sqlalchemy import Engine, create_engine, func, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hotline.ticketing import stats  # noqa: E402
from hotline.ticketing.deadlines import DeadlinePolicy  # noqa: E402
from hotline.ticketing.model import OPEN_STATES, State  # noqa: E402
from hotline.ticketing.persistence import figures_sql, search_sql  # noqa: E402
from hotline.ticketing.persistence.repository import TicketQuery, TicketRepository  # noqa: E402
from hotline.ticketing.persistence.tables import HistoryRow, TicketRow  # noqa: E402
from hotline.ticketing.stats import FIGURE_FIELDS  # noqa: E402

TZ = "Asia/Shanghai"
DEFAULT_SERVER = "postgresql+psycopg://hotline:hotline@127.0.0.1:5432/postgres"


def _listed(query: TicketQuery) -> Any:
    """The list endpoint's statement (TicketRepository.list)."""
    return (
        TicketRepository._filtered(  # noqa: SLF001 - the very SQL the API sends
            TicketRow.__table__.select(), query, "postgresql"
        )
        .order_by(TicketRow.received_at.desc(), TicketRow.id.desc())
        .limit(query.limit)
        .offset(query.offset)
    )


def _counted(query: TicketQuery, cap: int = 10_000) -> Any:
    """The list endpoint's total, counted up to the cap (TicketRepository.count)."""
    matching = TicketRepository._filtered(  # noqa: SLF001
        select(TicketRow.id), query, "postgresql"
    ).limit(cap + 1)
    return select(func.count()).select_from(matching.subquery())


def _stats(now: datetime, days: int) -> Any:
    end = now.astimezone(stats.ZoneInfo(TZ)).date()
    lo, hi = stats.period_bounds(end - timedelta(days=days - 1), end, TZ)
    return figures_sql.period_statement("postgresql", DeadlinePolicy(), lo, hi, TZ, now)


def statements(now: datetime, count: int) -> dict[str, Any]:
    month = now - timedelta(days=30)
    end = now.astimezone(stats.ZoneInfo(TZ)).date()
    lo, hi = stats.period_bounds(end - timedelta(days=29), end, TZ)
    recent_from = now - timedelta(days=8)
    queries = {
        "queue": TicketQuery(states=[State.DRAFT, State.REGISTERED], limit=50),
        "overdue": TicketQuery(overdue_at=now, limit=50),
        "all, newest 100": TicketQuery(limit=100),
        "filter state": TicketQuery(states=[State.DISPATCHED], limit=50),
        "filter unit": TicketQuery(units=["heating"], limit=50),
        "filter area": TicketQuery(area_id="xiongyue", limit=50),
        "filter unit + month": TicketQuery(units=["heating"], received_from=month, limit=50),
        "page 200 of all": TicketQuery(limit=50, offset=10_000),
        "search 井盖": TicketQuery(text="井盖", limit=50),
        "search 熊岳温泉": TicketQuery(text="熊岳温泉", limit=50),
        "search, no hit": TicketQuery(text="龙卷风", limit=50),
    }
    for term in ("井盖", "熊岳温泉"):  # what TicketRepository.list tries first: the last 30 days
        queries[f"search {term}, last 30 days"] = TicketQuery(
            text=term, received_from=now - search_sql.SEARCH_WINDOW, limit=50
        )
    out: dict[str, Any] = {}
    for name, query in queries.items():
        out[f"{name}: rows"] = _listed(query)
        if "last 30 days" not in name:  # the total is always counted over everything
            out[f"{name}: total"] = _counted(query)
    out["ticket page: row"] = select(TicketRow).where(TicketRow.id == count // 2)
    out["ticket page: history"] = (
        select(HistoryRow).where(HistoryRow.ticket_id == count // 2).order_by(HistoryRow.seq)
    )
    out["duplicate candidates: open tickets"] = _listed(
        TicketQuery(states=sorted(OPEN_STATES), received_from=recent_from, limit=500)
    )
    out["stats: a month"] = _stats(now, 30)
    out["stats: a year"] = _stats(now, 365)
    out["stats: backlog"] = figures_sql.backlog_statement("postgresql", DeadlinePolicy(), now)
    out["export a month: ticket list"] = select(
        *(getattr(TicketRow, f) for f in FIGURE_FIELDS)
    ).where(TicketRow.received_at >= lo, TicketRow.received_at < hi)
    return out


def explain(
    engine: Engine, stmt: Any, runs: int = 3, work_mem: str | None = None
) -> tuple[float, list[str]]:
    """(median execution ms of `runs` EXPLAIN ANALYZE, the last plan)."""
    compiled = stmt.compile(engine, compile_kwargs={"render_postcompile": True})
    params = {  # a JSONB containment's list goes to the driver as JSON
        key: Jsonb(value) if isinstance(value, list) else value
        for key, value in compiled.construct_params().items()
    }
    times, plan = [], []
    with engine.connect() as conn:
        if work_mem:  # as figures_sql.count_period sets it for its transaction
            conn.exec_driver_sql(f"SET work_mem = '{work_mem}'")
        for _ in range(runs):
            rows = conn.exec_driver_sql(
                f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {compiled}", params
            ).fetchall()
            plan = [line for (line,) in rows]
            times.append(float(plan[-1].split(":")[1].split()[0]))
    return statistics.median(times), plan


SIZES = """
SELECT c.relname, c.relkind, pg_relation_size(c.oid),
       pg_total_relation_size(c.oid)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i')
  AND (c.relname LIKE 'ticket%%' OR c.relname LIKE 'ix_ticket%%' OR c.relname LIKE 'pk_ticket%%'
       OR c.relname LIKE 'uq_ticket%%')
ORDER BY c.relkind DESC, pg_relation_size(c.oid) DESC
"""


def sizes(engine: Engine) -> list[tuple[str, str, int, int]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(SIZES)]  # type: ignore[misc]


def main(argv: list[str] | None = None, out: Callable[[str], None] = print) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--plans", action="store_true", help="print every plan in full")
    parser.add_argument("--slow-ms", type=float, default=50.0, help="print plans above this")
    parser.add_argument(
        "--server", default=os.environ.get("HOTLINE_BENCH_POSTGRES_URL", DEFAULT_SERVER)
    )
    args = parser.parse_args(argv)
    engine = create_engine(args.server.rsplit("/", 1)[0] + "/" + args.database)
    with engine.connect() as conn:
        count = int(conn.exec_driver_sql("SELECT max(id) FROM tickets").scalar() or 0)
    now = datetime.now(UTC)
    out(f"{args.database}: {count} tickets; database time (EXPLAIN ANALYZE, median of 3)")
    plans = {}
    for name, stmt in statements(now, count).items():
        roomy = name.startswith(("stats", "search"))  # as the repository sets it for them
        ms, plan = explain(engine, stmt, work_mem="64MB" if roomy else None)
        plans[name] = (ms, plan)
        out(f"  {name:40} {ms:9.1f} ms")
    for name, (ms, plan) in plans.items():
        if args.plans or ms >= args.slow_ms:
            out(f"\n-- {name} ({ms:.1f} ms)\n" + "\n".join(plan))
    out("\nsizes (MB): relation, with TOAST and indexes")
    for name, kind, size, total in sizes(engine):
        extra = f"  {total / 2**20:9.1f}" if kind == "r" else ""
        out(f"  {name:40} {kind} {size / 2**20:9.1f}{extra}")
    engine.dispose()


if __name__ == "__main__":
    main()
