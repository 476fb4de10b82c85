"""Dashboard figures, the period's ticket list and report-up rows as CSV and Excel (openpyxl).

Every text cell is written as text: callers' words end up in these files, and a cell
starting with = + - @ (or a tab/CR) would run as a formula in Excel or LibreOffice.
In Excel, cells are typed: dates and times (local, the catalogue's time zone) carry a
date format, yes/no figures are 1/0 numbers, rates are fractions with a % format.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from hotline.ticketing import deadlines
from hotline.ticketing.deadlines import DeadlinePolicy
from hotline.ticketing.model import SATISFACTION_LABELS, Ticket
from hotline.ticketing.stats import EXCLUDED_STATES, DashboardStats, Rate, TicketFigures
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

Name = Callable[[str], str]
Table = tuple[str, list[str], list[list[object]]]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PERCENT_FORMAT = "0.0%"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


class Percent(float):
    """A share (0.25 = 25 %): a number with a % format in Excel, "25.0%" in CSV."""


def safe_cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as typed: formula-like text gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, Percent):
        return f"{value * 100:.1f}%"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value


def _pct(rate: Rate) -> Percent | None:
    return None if rate.value is None else Percent(rate.value)


def sections(stats: DashboardStats, unit: Name, area: Name, kind: Name) -> list[Table]:
    """(sheet title, header, rows) for every table of the dashboard."""
    overview = [
        ["统计区间", f"{stats.start.isoformat()} 至 {stats.end.isoformat()}"],
        ["受理总量", stats.total],
        ["涉疫数量", stats.epidemic.numerator],
        ["涉疫占比", _pct(stats.epidemic)],
        ["30分钟内派单率", _pct(stats.dispatch_on_time)],
        ["按时办结率", _pct(stats.close_on_time)],
        ["满意率（满意+基本满意/已回访）", _pct(stats.satisfaction)],
        [
            "平均办结时长（小时）",
            None if stats.average_close_hours is None else round(stats.average_close_hours, 1),
        ],
    ]
    return [
        ("概览", ["指标", "数值"], overview),
        (
            "每日受理",
            ["日期", "数量"],
            [[date.fromisoformat(d), n] for d, n in stats.by_day.items()],
        ),
        ("诉求类型", ["类型", "数量"], [[kind(k), n] for k, n in stats.by_type.items()]),
        ("主办单位", ["单位", "数量"], [[unit(k), n] for k, n in stats.by_unit.items()]),
        ("区域", ["区域", "数量"], [[area(k), n] for k, n in stats.by_area.items()]),
        (
            "督办员积压",
            ["督办员", "在办", "超时"],
            [[k, v.open, v.overdue] for k, v in stats.backlog_by_supervisor.items()],
        ),
    ]


TICKET_HEADER = [
    "工单编号",
    "受理时间",
    "诉求类型",
    "主办单位",
    "区域",
    "状态",
    "按时派单（1=是）",
    "按时办结（1=是）",
    "回访结果",
]


def _yes_no(value: bool | None) -> int | None:
    return None if value is None else int(value)


def ticket_table(
    tickets: Iterable[Ticket | TicketFigures],
    *,
    tz: str,
    policy: DeadlinePolicy,
    unit: Name,
    area: Name,
    kind: Name,
    state: Name,
) -> Table:
    """One row per ticket counted in the figures (merged/invalid ones are not), oldest
    first. No caller numbers or words: the list is for counting, not for reading."""
    zone = ZoneInfo(tz)
    rows: list[list[object]] = []
    for t in sorted(tickets, key=lambda t: (t.received_at, t.id or 0)):
        if t.state in EXCLUDED_STATES:
            continue
        rows.append(
            [
                t.id,
                t.received_at.astimezone(zone).replace(tzinfo=None),
                kind(t.request_type) if t.request_type else "",
                unit(t.lead_unit) if t.lead_unit else "",
                area(t.area_id) if t.area_id else "",
                state(str(t.state)),
                _yes_no(deadlines.dispatched_on_time(t, policy)),
                _yes_no(deadlines.closed_on_time(t, policy)),
                SATISFACTION_LABELS[t.satisfaction] if t.satisfaction else "",
            ]
        )
    return ("工单列表", TICKET_HEADER, rows)


def to_csv(tables: Iterable[Table]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    for title, header, rows in tables:
        writer.writerow([f"【{title}】"])
        writer.writerow([safe_cell(h) for h in header])
        writer.writerows([safe_cell(v) for v in row] for row in rows)
        writer.writerow([])
    # UTF-8 with BOM: Excel on Windows opens it with the right encoding.
    return buf.getvalue().encode("utf-8-sig")


def _type_cell(cell: Any, value: object) -> None:
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would store "=…" as a formula
    elif isinstance(value, Percent):
        cell.number_format = PERCENT_FORMAT
    elif isinstance(value, datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT


def to_xlsx(tables: Iterable[Table]) -> bytes:
    """Write-only workbook: rows go out as they are appended. (Typing each cell through
    ws[ws.max_row] rescanned the sheet per row: a month of a city's tickets took minutes.)"""
    wb = Workbook(write_only=True)
    for title, header, rows in tables:
        ws = wb.create_sheet(title[:31])
        ws.freeze_panes = "A2"
        ws.column_dimensions["A"].width = 32 if len(header) <= 3 else 10
        for column in "BCDEFGHI"[: max(1, len(header) - 1)]:
            ws.column_dimensions[column].width = 18
        bold = Font(bold=True)
        ws.append([_cell(ws, h, bold) for h in header])
        for row in rows:
            ws.append([_cell(ws, v) for v in row])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cell(ws: Any, value: object, font: Font | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, float(value) if isinstance(value, Percent) else value)
    _type_cell(cell, value)
    if font is not None:
        cell.font = font
    return cell


REPORT_HEADER = [
    "工单编号",
    "受理时间",
    "来电号码",
    "类型",
    "区域",
    "内容",
    "主办单位",
    "答复",
    "办结时间",
    "回访结果",
]


def report_csv(rows: Iterable[dict[str, Any]]) -> bytes:
    """The manual report-up export (reporting.export_closed rows) as CSV."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(REPORT_HEADER)
    for r in rows:
        cells = [
            r["ticket_id"],
            r["received_at"],
            r["caller"]["number"] or "",
            r["request_type"] or "",
            r["area_id"] or "",
            r["content"],
            r["lead_unit"]["name"] or "",
            r["reply"],
            r["closed_at"],
            r["satisfaction"] or "",
        ]
        writer.writerow([safe_cell(v) for v in cells])
    return buf.getvalue().encode("utf-8-sig")
