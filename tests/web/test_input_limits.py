"""Out-of-range and oversized input is a 400 with a Chinese message, never a 500 and never
stored: integers past 2^63 in paths and queries, dates in year 1 or 9999, NUL characters,
texts past their field's limit; export cells that would run as formulas are text.

The real app on SQLite and PostgreSQL (web_env); the 回访 routes with their extension.
"""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from pathlib import Path

import openpyxl
import pytest
from aiohttp.test_utils import TestClient
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.web import exports
from hotline.ticketing.web.followup_api import followup_web_extension

from tests.fixtures.web import csrf, registered, served_web

HUGE = 2**63  # one past what a BIGINT holds
CJK = "\u4e00-\u9fff"


def chinese_400(status: int, body: dict) -> bool:
    import re

    return status == 400 and bool(re.search(f"[{CJK}]", body.get("message", "")))


async def test_huge_integers_in_paths_and_queries_are_400(web_env, draft):
    op, t, version = await registered(web_env, draft)
    for path in (
        f"/api/v1/tickets/{HUGE}",
        f"/api/v1/tickets/{HUGE * 10}/caller",
        f"/api/v1/tickets/{HUGE}/recording",
        f"/api/v1/tickets/{t.id}/attachments/{HUGE}",
        f"/api/v1/tickets?offset={HUGE}",
        f"/api/v1/tickets?limit={HUGE}&offset=-{HUGE}",
    ):
        resp = await op.get(path)
        assert chinese_400(resp.status, await resp.json()), path
    for body in ({"version": HUGE}, {"version": version, "duplicate_candidates": [HUGE]}):
        resp = await op.post(f"/api/v1/tickets/{t.id}/correct", json=body, headers=csrf(op))
        assert chinese_400(resp.status, await resp.json()), body
    resp = await op.post(f"/api/v1/tickets/{HUGE}/supervise", json={"version": 1}, headers=csrf(op))
    assert chinese_400(resp.status, await resp.json())


async def test_far_dates_are_400(web_env, draft):
    draft()
    op = await web_env.client("op1")
    lead = await web_env.client("lead")
    for client, path in (
        (op, "/api/v1/tickets?date_from=0001-01-01"),
        (op, "/api/v1/tickets?date_to=9999-12-31"),
        (op, "/api/v1/stats?start=0001-01-01&end=0001-01-02"),
        (op, "/api/v1/stats?start=9999-12-30&end=9999-12-31"),
        (op, "/api/v1/stats/export.csv?start=9999-12-30&end=9999-12-31"),
        (lead, "/api/v1/reporting/export?start=9999-12-30&end=9999-12-31"),
    ):
        resp = await client.get(path)
        assert chinese_400(resp.status, await resp.json()), path
    for received_at in ("0001-01-01T00:00:00+08:00", "9999-12-31T23:59:59-08:00"):
        resp = await op.post(
            "/api/v1/tickets",
            json={"text": "路灯不亮", "received_at": received_at},
            headers=csrf(op),
        )
        assert chinese_400(resp.status, await resp.json()), received_at


async def test_nul_characters_are_400_and_nothing_is_stored(web_env, draft):
    op, t, version = await registered(web_env, draft)
    resp = await op.post(
        f"/api/v1/tickets/{t.id}/correct",
        json={"version": version, "corrected_text": "电梯\x00坏了"},
        headers=csrf(op),
    )
    assert chinese_400(resp.status, await resp.json())
    resp = await op.post("/api/v1/tickets", json={"text": "路灯\x00不亮"}, headers=csrf(op))
    assert chinese_400(resp.status, await resp.json())
    resp = await op.get("/api/v1/tickets", params={"q": "电梯\x00"})
    assert chinese_400(resp.status, await resp.json())
    page = await (await op.get(f"/api/v1/tickets/{t.id}")).json()
    assert page["version"] == version and "\x00" not in page["text"]


async def test_nul_in_an_uploaded_file_name_is_400(web_env, draft):
    op, t, version = await registered(web_env, draft)
    resp = await op.post(
        f"/api/v1/tickets/{t.id}/dispatch",
        json={"version": version, "lead_unit": "housing"},
        headers=csrf(op),
    )
    assert resp.status == 200
    liaison = await web_env.client("housing_liaison")
    # aiohttp's client refuses to send a NUL in a part header: the body is built by hand.
    boundary = "b0undary"
    for name in ("报告\x00.pdf".encode(), b"%E6%8A%A5%E5%91%8A%00.pdf"):
        raw = (
            f"--{boundary}\r\n".encode()
            + b'Content-Disposition: form-data; name="file"; filename="'
            + name
            + b'"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n'
            + f"--{boundary}--\r\n".encode()
        )
        resp = await liaison.post(
            f"/api/v1/tickets/{t.id}/attachments",
            data=raw,
            headers={**csrf(liaison), "Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        assert chinese_400(resp.status, await resp.json()), name
    page = await (await liaison.get(f"/api/v1/tickets/{t.id}")).json()
    assert page["attachments"] == []


async def test_workflow_text_fields_have_length_limits(web_env, draft):
    op, t, version = await registered(web_env, draft)
    cases = [
        ("correct", {"corrected_text": "字" * 20_001}, "诉求内容"),
        ("correct", {"summary": "字" * 2_001}, "摘要"),
        ("correct", {"caller_name": "名" * 101}, "来电人姓名"),
        ("supervise", {"reason": "催" * 5_001}, "原因说明"),
    ]
    for command, fields, label in cases:
        resp = await op.post(
            f"/api/v1/tickets/{t.id}/{command}",
            json={"version": version, **fields},
            headers=csrf(op),
        )
        body = await resp.json()
        assert chinese_400(resp.status, body) and label in body["message"], (command, body)
        assert "过长" in body["message"]
    # At the limit it is accepted.
    resp = await op.post(
        f"/api/v1/tickets/{t.id}/correct",
        json={"version": version, "corrected_text": "字" * 20_000},
        headers=csrf(op),
    )
    assert resp.status == 200, await resp.text()


@pytest.fixture
async def followup_client(database: Database, tmp_path: Path) -> AsyncIterator[TestClient]:
    async with served_web(database, tmp_path, extensions=[followup_web_extension()]) as env:
        yield await env.client("op1")


async def test_followup_parameters_out_of_range_are_400(followup_client):
    op = followup_client
    for path in (
        f"/api/v1/followup/jobs/{HUGE}/attempts",
        f"/api/v1/followup/tickets/{HUGE}",
        f"/api/v1/followup/jobs?ticket_id={HUGE}",
        f"/api/v1/followup/jobs?offset={HUGE}",
        "/api/v1/followup/jobs?state=open%00",
    ):
        resp = await op.get(path)
        assert chinese_400(resp.status, await resp.json()), path
    resp = await op.post(f"/api/v1/followup/tickets/{HUGE}/call-now", json={}, headers=csrf(op))
    assert chinese_400(resp.status, await resp.json())


def test_csv_cells_that_look_like_formulas_are_text():
    rows = [
        {
            "ticket_id": 1,
            "received_at": "2024-01-01",
            "caller": {"number": "+8613812345678"},
            "request_type": "complaint",
            "area_id": None,
            "content": '=HYPERLINK("http://evil","点我")',
            "lead_unit": {"name": "@SUM(1+1)"},
            "reply": "-1+2",
            "closed_at": "\tx",
            "satisfaction": "\r=1",
        }
    ]
    [_, row] = list(csv.reader(io.StringIO(exports.report_csv(rows).decode("utf-8-sig"))))
    assert row[0] == "1"
    assert row[2] == "'+8613812345678"
    assert [row[5], row[6], row[7], row[8]] == [
        '\'=HYPERLINK("http://evil","点我")',
        "'@SUM(1+1)",
        "'-1+2",
        "'\tx",
    ]
    tables = [("表", ["名称", "数量"], [["=1+1", 3], ["+cmd", -2]])]
    lines = exports.to_csv(tables).decode("utf-8-sig").splitlines()
    assert lines[2] == "'=1+1,3" and lines[3] == "'+cmd,-2"


def test_excel_cells_that_look_like_formulas_are_text():
    tables = [("表", ["名称", "数量"], [["=1+1", 3], ["@SUM(A1)", 4]])]
    sheet = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(tables)))["表"]
    assert [(c.value, c.data_type) for c in sheet["A"]][1:] == [("=1+1", "s"), ("@SUM(A1)", "s")]
    assert sheet["B2"].value == 3
