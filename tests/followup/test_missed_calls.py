"""未接来电回拨 (issue #14 item 5): the sans-I/O rules, the list and 已回拨 through /api/v1
on SQLite and PostgreSQL, and the statistics.

Silent calls are made as intake makes them (a draft, then MarkInvalid by the system with
intake's reason); the whole path from a real SIP call is in test_missed_calls_sipp.py.
Clock: 2026-01-05 08:00 UTC = 16:00 Asia/Shanghai.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from hotline.ticketing import commands as cmd
from hotline.ticketing import services
from hotline.ticketing.errors import WorkflowError
from hotline.ticketing.missed.service import MissedCallService
from hotline.ticketing.missed.states import (
    MissedEvent,
    MissedState,
    initial_state,
    is_missed_call_reason,
    next_state,
    timeliness,
)
from hotline.ticketing.model import Ticket
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.users import SYSTEM_ACTOR
from hotline.ticketing.web.missed_api import missed_web_extension

from hotline.settings import Settings
from tests.fixtures.db import SettableClock
from tests.fixtures.web import (
    csrf,
    json_body,
    login,
    make_draft,
    served_web,
    service_context,
)

BASE = "/api/v1/missed-calls"
T0 = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


def silent_call(
    database: Database, caller: str | None, reason: str = "无声来电（未检测到语音）"
) -> Ticket:
    """What intake leaves for a call nobody spoke in: an invalid draft, by the system."""
    draft = make_draft(
        database, caller_number=caller, machine_text="", call_id=f"c-{caller}-{reason}"
    )
    assert draft.id is not None
    return services.apply_command(
        database.uow(), draft.id, cmd.MarkInvalid(reason=reason), SYSTEM_ACTOR
    )


def test_rules_without_a_database() -> None:
    assert is_missed_call_reason("无声来电（未检测到语音）")
    assert is_missed_call_reason("来电人未说话即挂机（问候语中或问候后）")
    assert not is_missed_call_reason("骚扰电话")
    assert initial_state("13800000000") is MissedState.PENDING
    assert initial_state(None) is MissedState.NOT_CALLABLE
    assert initial_state("anonymous") is MissedState.NOT_CALLABLE
    assert next_state(MissedState.PENDING, MissedEvent.CALL_BACK) is MissedState.CALLED_BACK
    with pytest.raises(WorkflowError):
        next_state(MissedState.CALLED_BACK, MissedEvent.CALL_BACK)
    due = T0 + timedelta(minutes=30)
    assert timeliness(MissedState.PENDING, due, None, T0).minutes_left == 30
    assert timeliness(MissedState.PENDING, due, None, due + timedelta(minutes=5)).overdue
    assert timeliness(MissedState.CALLED_BACK, due, due, due + timedelta(hours=1)).in_time
    assert timeliness(MissedState.CALLED_BACK, due, due + timedelta(seconds=1), due).overdue


def test_deadline_is_a_setting_with_default_30_minutes(tmp_path: Path) -> None:
    assert Settings().deadlines.missed_callback_minutes == 30
    config = tmp_path / "hotline.yaml"
    config.write_text("deadlines:\n  missed_callback_minutes: 10\n", encoding="utf-8")
    from hotline.startup import load_settings_or_exit

    assert load_settings_or_exit(config).deadlines.missed_callback_minutes == 10


@pytest.fixture
def missed_service(database: Database) -> MissedCallService:
    return MissedCallService(engine=database.engine, clock=database.clock)


@pytest.fixture
async def client_for(
    database: Database, missed_service: MissedCallService, tmp_path: Path
) -> AsyncIterator:  # type: ignore[type-arg]
    extensions = [missed_web_extension(missed_service)]
    async with served_web(database, tmp_path, extensions=extensions) as env:
        yield env.client


async def test_silent_calls_are_listed_with_a_deadline_and_called_back(
    client_for,
    database: Database,
    clock: SettableClock,  # type: ignore[no-untyped-def]
) -> None:
    first = silent_call(database, "13800000001", "来电人未说话即挂机（问候语中或问候后）")
    silent_call(database, None)  # withheld number: listed, nobody to call
    make_draft(database, caller_number="13800000003")  # a real draft: not a missed call
    operator_invalid = make_draft(database, caller_number="13800000004", call_id="x4")
    services.apply_command(
        database.uow(), operator_invalid.id, cmd.MarkInvalid(reason="骚扰电话"), SYSTEM_ACTOR
    )
    clock.advance(minutes=10)
    op = await client_for("op1")
    data = await json_body(await op.get(BASE))
    assert data["counts"]["all"] == 2 and data["counts"]["pending"] == 1
    assert data["counts"]["not_callable"] == 1
    pending = await json_body(await op.get(f"{BASE}?state=pending"))
    [item] = pending["items"]
    assert item["ticket_id"] == first.id and item["caller_masked"] == "138****0001"
    assert item["reason"].startswith("来电人未说话即挂机")
    assert item["received_local"] == "2026-01-05 16:00" and item["due_local"] == "2026-01-05 16:30"
    assert item["deadline_label"] == "剩余20分钟" and not item["overdue"] and item["can_call_back"]
    # The draft stays an (invalid, restorable) ticket: a missed call is not a ticket.
    assert services.get_ticket(database.uow(), first.id).state.value == "invalid"

    clock.advance(minutes=25)  # 35 minutes after the call
    op = await client_for("op1")
    late = await json_body(await op.get(f"{BASE}?state=overdue"))
    assert [i["id"] for i in late["items"]] == [item["id"]]
    assert late["items"][0]["deadline_label"] == "已超时5分钟"
    assert late["stats"]["overdue"] == 1 and late["stats"]["pending"] == 1

    url = f"{BASE}/{item['id']}/called-back"
    assert (await op.post(url, json={"note": "x"})).status == 403  # no CSRF token
    too_long = await json_body(await op.post(url, json={"note": "长" * 501}, headers=csrf(op)), 400)
    assert too_long["message"] == "提交的数据不符合要求：备注"
    done = await json_body(
        await op.post(url, json={"note": "已联系，来电人说打错了"}, headers=csrf(op))
    )
    assert done["item"]["state_label"] == "已回拨" and done["item"]["called_back_by"] == "op1"
    assert done["message"] == "已标记为已回拨（超时回拨）"
    again = await json_body(await op.post(url, json={}, headers=csrf(op)), 409)
    assert "不能再标记已回拨" in again["message"]
    assert (await op.post(f"{BASE}/99999/called-back", json={}, headers=csrf(op))).status == 404

    lead = await client_for("lead")
    stats = await json_body(await lead.get(f"{BASE}/stats"))
    assert stats["missed"] == 2 and stats["callable"] == 1
    assert stats["called_back"] == 1 and stats["called_back_late"] == 1
    assert stats["called_back_in_time"] == 0 and stats["overdue"] == 0
    assert stats["deadline_minutes"] == 30
    audit = await json_body(await lead.get(f"/api/v1/audit?ticket_id={first.id}"))
    assert any(e["action"] == "missed_call_called_back" and e["actor"] == "op1" for e in audit)

    liaison = await client_for("housing_liaison")
    assert (await liaison.get(BASE)).status == 403
    bad = await json_body(await lead.get(f"{BASE}?state=nonsense"), 400)
    assert bad["message"].startswith("状态无效：nonsense")


async def test_called_back_in_time_counts_in_time(
    missed_service: MissedCallService, database: Database, clock: SettableClock
) -> None:
    silent_call(database, "13800000009")
    assert missed_service.sweep() == 1 and missed_service.sweep() == 0  # registered once
    [call] = missed_service.list_calls()
    clock.advance(minutes=29)
    from hotline.ticketing.users import Actor, Role

    missed_service.call_back(call.id, Actor("op1", Role.OPERATOR), "已回拨，无人接听")
    stats = missed_service.stats()
    assert stats.called_back_in_time == 1 and stats.in_time_rate == 1.0


async def test_out_of_range_parameters_are_a_chinese_400(client_for) -> None:  # type: ignore[no-untyped-def]
    huge = 2**63  # one past what a BIGINT holds
    op = await client_for("op1")
    for path in (f"{BASE}?days={huge}", f"{BASE}?days=0", f"{BASE}/stats?days={huge}"):
        body = await json_body(await op.get(path), 400)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"]), path
    resp = await op.post(f"{BASE}/{huge}/called-back", json={}, headers=csrf(op))
    assert resp.status == 400
    resp = await op.post(f"{BASE}/1/called-back", json={"extra": 1}, headers=csrf(op))
    assert resp.status == 400


async def test_hotline_serve_mounts_the_missed_call_list(
    database: Database, catalog, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from hotline.web_wiring import web_app_for_service

    ctx = service_context(database, catalog, tmp_path)
    client = TestClient(TestServer(web_app_for_service(ctx)))
    await client.start_server()
    try:
        await login(client, "op1")
        body = await json_body(await client.get(BASE))
        assert body["stats"]["deadline_minutes"] == 30
        session = (await json_body(await client.get("/api/v1/session")))["user"]
        assert "/static/missed.js" in session["console_scripts"]
        assert {"label": "未接来电", "href": "#/missed", "view": "missed"} in session["nav"]
    finally:
        await client.close()
