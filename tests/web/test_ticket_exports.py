"""The dashboard exports carry the period's ticket list for the lead and admins: real typed
Excel cells (local times as dates, yes/no as 1/0, rates as numbers with a % format), the
same list in CSV, never a caller number, formula-like text kept as text; audited."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hotline.ticketing import services
from hotline.ticketing.commands import Register
from hotline.ticketing.deadlines import DeadlinePolicy
from hotline.ticketing.model import Satisfaction
from hotline.ticketing.web import exports, store
from openpyxl import load_workbook

from tests.fixtures.web import make_draft
from tests.web.test_ops_stats_reporting import OP, closed_ticket

XLSX = "/api/v1/stats/export.xlsx"
CSV = "/api/v1/stats/export.csv"


def three_tickets(database, clock):
    on_time = closed_ticket(database, clock, epidemic=True, minutes_to_dispatch=10)
    late = closed_ticket(database, clock, minutes_to_dispatch=45)
    with database.uow() as uow:
        t = uow.tickets.get(on_time.id)
        t.satisfaction = Satisfaction.BASICALLY_SATISFIED
        uow.tickets.save(t)
        uow.commit()
    draft = make_draft(database)
    services.apply_command(database.uow(), draft.id, Register(request_type="complaint"), OP)
    return on_time, late, draft


@pytest.mark.parametrize("who", ["lead", "admin"])
async def test_excel_has_the_ticket_list_as_typed_cells(web_env, clock, who):
    database = web_env.database
    on_time, late, draft = three_tickets(database, clock)
    client = await web_env.client(who)
    day = clock().date().isoformat()
    resp = await client.get(f"{XLSX}?start={day}&end={day}")
    assert resp.status == 200, await resp.text()
    wb = load_workbook(io.BytesIO(await resp.read()))
    sheet = wb["工单列表"]
    rows = list(sheet.iter_rows(values_only=False))
    assert [c.value for c in rows[0]] == exports.TICKET_HEADER
    body = {r[0].value: r for r in rows[1:]}
    assert set(body) == {on_time.id, late.id, draft.id}

    zone = ZoneInfo(database.catalog.timezone)
    first = body[on_time.id]
    received = first[1]
    assert received.is_date and received.number_format == exports.DATETIME_FORMAT
    assert received.value == on_time.received_at.astimezone(zone).replace(tzinfo=None)
    assert first[0].data_type == "n"
    assert [c.value for c in first[2:6]] == ["投诉", "区住房和城乡建设局", None, "已办结"]
    assert (first[6].value, first[6].data_type) == (1, "n")  # dispatched within 30 min
    assert (first[7].value, first[7].data_type) == (1, "n")  # closed within 24 h
    assert first[8].value == "基本满意"
    assert body[late.id][6].value == 0
    assert body[draft.id][6].value is None and body[draft.id][7].value is None
    assert body[draft.id][5].value == "已登记"

    overview = {r[0].value: r[1] for r in wb["概览"].iter_rows(min_row=2)}
    share = overview["涉疫占比"]
    assert isinstance(share.value, float) and share.value == pytest.approx(1 / 3)
    assert share.number_format == exports.PERCENT_FORMAT
    assert overview["30分钟内派单率"].value == pytest.approx(0.5)
    assert overview["受理总量"].value == 3 and overview["受理总量"].data_type == "n"
    days = wb["每日受理"]
    assert days["A2"].is_date and days["A2"].value == datetime.fromisoformat(day)
    assert days["A2"].number_format == exports.DATE_FORMAT

    actions = [a for a in store.audit_entries(database) if a["action"] == "export_stats"]
    assert len(actions) == 1 and actions[0]["actor"] == who


async def test_csv_has_the_ticket_list_and_no_caller_numbers(web_env, clock):
    on_time, late, draft = three_tickets(web_env.database, clock)
    lead = await web_env.client("lead")
    day = clock().date().isoformat()
    resp = await lead.get(f"{CSV}?start={day}&end={day}")
    assert resp.status == 200
    text = (await resp.read()).decode("utf-8-sig")
    assert "13812345678" not in text and "5678" not in text
    lines = list(csv.reader(io.StringIO(text)))
    start = lines.index(["【工单列表】"])
    assert lines[start + 1] == exports.TICKET_HEADER
    listed = {int(r[0]): r for r in lines[start + 2 : start + 5]}
    assert set(listed) == {on_time.id, late.id, draft.id}
    local = on_time.received_at.astimezone(ZoneInfo(web_env.database.catalog.timezone))
    assert listed[on_time.id][1] == local.strftime("%Y-%m-%d %H:%M")
    assert listed[on_time.id][6:] == ["1", "1", "基本满意"]
    assert listed[late.id][6] == "0"
    assert ["涉疫占比", "33.3%"] in lines


async def test_operators_get_the_figures_only_and_liaisons_nothing(web_env, clock):
    three_tickets(web_env.database, clock)
    day = clock().date().isoformat()
    op = await web_env.client("op1")
    resp = await op.get(f"{XLSX}?start={day}&end={day}")
    assert resp.status == 200
    assert "工单列表" not in load_workbook(io.BytesIO(await resp.read())).sheetnames
    text = (await (await op.get(f"{CSV}?start={day}&end={day}")).read()).decode("utf-8-sig")
    assert "工单列表" not in text and "受理总量,3" in text
    liaison = await web_env.client("housing_liaison")
    for path in (XLSX, CSV):
        resp = await liaison.get(f"{path}?start={day}&end={day}")
        assert resp.status == 403 and (await resp.json())["message"] == "您的角色无权执行此操作"


def test_ticket_list_names_that_look_like_formulas_stay_text(database, clock):
    t = make_draft(database)
    services.apply_command(database.uow(), t.id, Register(request_type="complaint"), OP)
    with database.uow() as uow:
        ticket = uow.tickets.get(t.id)
    table = exports.ticket_table(
        [ticket],
        tz="Asia/Shanghai",
        policy=DeadlinePolicy(),
        unit=str,
        area=str,
        kind=lambda _: '=HYPERLINK("http://evil","x")',
        state=lambda _: "@SUM(A1)",
    )
    sheet = load_workbook(io.BytesIO(exports.to_xlsx([table])))["工单列表"]
    assert (sheet["C2"].value, sheet["C2"].data_type) == ('=HYPERLINK("http://evil","x")', "s")
    assert (sheet["F2"].value, sheet["F2"].data_type) == ("@SUM(A1)", "s")
    row = list(csv.reader(io.StringIO(exports.to_csv([table]).decode("utf-8-sig"))))[2]
    assert row[2] == '\'=HYPERLINK("http://evil","x")' and row[5] == "'@SUM(A1)"
