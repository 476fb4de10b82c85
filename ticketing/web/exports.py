"""Dashboard figures and report-up rows as CSV and Excel (openpyxl).

Every text cell is written as text: callers' words end up in these files, and a cell
starting with = + - @ (or a tab/CR) would run as a formula in Excel or LibreOffice.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from typing import Any

from hotline.ticketing.stats import DashboardStats, Rate
from openpyxl import Workbook
from openpyxl.styles import Font

Name = Callable[[str], str]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as typed: formula-like text gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _pct(rate: Rate) -> str:
    return "" if rate.value is None else f"{rate.value * 100:.1f}%"


def sections(
    stats: DashboardStats, unit: Name, area: Name, kind: Name
) -> list[tuple[str, list[str], list[list[object]]]]:
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
            "" if stats.average_close_hours is None else round(stats.average_close_hours, 1),
        ],
    ]
    return [
        ("概览", ["指标", "数值"], overview),
        ("每日受理", ["日期", "数量"], [[d, n] for d, n in stats.by_day.items()]),
        ("诉求类型", ["类型", "数量"], [[kind(k), n] for k, n in stats.by_type.items()]),
        ("主办单位", ["单位", "数量"], [[unit(k), n] for k, n in stats.by_unit.items()]),
        ("区域", ["区域", "数量"], [[area(k), n] for k, n in stats.by_area.items()]),
        (
            "督办员积压",
            ["督办员", "在办", "超时"],
            [[k, v.open, v.overdue] for k, v in stats.backlog_by_supervisor.items()],
        ),
    ]


def to_csv(tables: Iterable[tuple[str, list[str], list[list[object]]]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    for title, header, rows in tables:
        writer.writerow([f"【{title}】"])
        writer.writerow([safe_cell(h) for h in header])
        writer.writerows([safe_cell(v) for v in row] for row in rows)
        writer.writerow([])
    # UTF-8 with BOM: Excel on Windows opens it with the right encoding.
    return buf.getvalue().encode("utf-8-sig")


def to_xlsx(tables: Iterable[tuple[str, list[str], list[list[object]]]]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for title, header, rows in tables:
        ws = wb.create_sheet(title[:31])
        ws.append(header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append(row)
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # openpyxl would store "=…" as a formula
        ws.column_dimensions["A"].width = 32
        ws.column_dimensions["B"].width = 18
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


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
