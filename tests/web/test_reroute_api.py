"""#14.1/#14.2 through /api/v1: routing follows the corrected text (live preview, stored on
save and register, hand-set fields kept), and a phone ticket can be completed (caller
name, callback number, 保密) so that its survey call is placed.

The app is the real one with the shipped router (rules + seed classifier from the cached
model) and routing's own 并单 search, as `hotline serve` wires it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.routing import Router
from hotline.ticketing.web.context import WEB_CONTEXT

from hotline.routing_wiring import routing_duplicates
from tests.fixtures.web import (
    WebEnv,
    make_draft,
    post_json,
    served_web,
)

# A cold radiator after repairs that never came is a complaint (the catalogue's definitions).
HEATING = "我家暖气不热，报修三次了也没人来，室温只有十二度，我的电话是13912345678。"
# What the recogniser made of it: nothing routing can place.
GARBLED = "我家 那 起 不 热 是 温 只有 十二 度"


@pytest.fixture
async def routed_web(database: Database, router: Router, tmp_path) -> AsyncIterator[WebEnv]:
    async with served_web(
        database,
        tmp_path,
        suggest=lambda text: router.suggest(text).to_dict(),
        find_duplicates=routing_duplicates(router),
        duplicate_window=timedelta(days=7),
    ) as env:
        yield env


def garbled_draft(env: WebEnv, **fields: Any):
    return make_draft(
        env.database,
        machine_text=GARBLED,
        caller_number=None,
        routing_suggestion={"explanation": "未匹配到承办单位规则"},
        **fields,
    )


async def test_saved_correction_reroutes_and_stores_the_derived_fields(routed_web):
    t = garbled_draft(routed_web)
    op = await routed_web.client("op1")
    status, saved = await post_json(
        op, f"/api/v1/tickets/{t.id}/correct", {"version": t.version, "corrected_text": HEATING}
    )
    assert status == 200, saved
    assert saved["routing_suggestion"]["lead_unit"] == "heating"
    assert saved["routing_suggestion"]["callback_number"] == "13912345678"
    assert saved["request_type"] == "complaint"
    assert saved["callback_number_masked"] == "139****5678"
    # Stored, not just shown: a reload says the same.
    again = await (await op.get(f"/api/v1/tickets/{t.id}")).json()
    assert again["routing_suggestion"]["lead_unit"] == "heating"
    assert "未匹配" not in " ".join(again["routing_suggestion"]["explanation"])


async def test_preview_follows_the_text_and_stores_nothing(routed_web):
    t = garbled_draft(routed_web)
    op = await routed_web.client("op1")
    status, shown = await post_json(op, f"/api/v1/tickets/{t.id}/route-preview", {"text": HEATING})
    assert status == 200, shown
    assert shown["routing_suggestion"]["lead_unit"] == "heating"
    assert shown["callback_number"] == "13912345678"
    assert shown["request_type"] == "complaint"
    stored = await (await op.get(f"/api/v1/tickets/{t.id}")).json()
    assert stored["version"] == t.version
    assert stored["routing_suggestion"].get("lead_unit") is None
    assert stored["callback_number_masked"] is None


async def test_preview_finds_the_open_ticket_on_the_dictated_number(routed_web):
    earlier = make_draft(routed_web.database, caller_number="13912345678", machine_text="暖气不热")
    t = garbled_draft(routed_web)
    op = await routed_web.client("op1")
    _, shown = await post_json(op, f"/api/v1/tickets/{t.id}/route-preview", {"text": HEATING})
    assert earlier.id in shown["duplicate_candidates"]


async def test_hand_set_fields_survive_rerouting(routed_web):
    t = garbled_draft(routed_web)
    op = await routed_web.client("op1")
    status, first = await post_json(
        op,
        f"/api/v1/tickets/{t.id}/correct",
        {"version": t.version, "request_type": "help", "callback_number": "0417-5550000"},
    )
    assert status == 200, first
    assert set(first["manual_fields"]) == {"request_type", "callback_number"}
    _, shown = await post_json(op, f"/api/v1/tickets/{t.id}/route-preview", {"text": HEATING})
    assert shown["request_type"] == "help" and shown["callback_number"] == "04175550000"
    assert shown["routing_suggestion"]["lead_unit"] == "heating"
    status, saved = await post_json(
        op,
        f"/api/v1/tickets/{t.id}/register",
        {"version": first["version"], "corrected_text": HEATING},
    )
    assert status == 200, saved
    assert saved["state"] == "registered"
    assert saved["request_type"] == "help"
    assert saved["callback_number_masked"] == "041****0000"
    assert saved["routing_suggestion"]["lead_unit"] == "heating"


async def test_preview_is_for_centre_staff_and_bounded(routed_web):
    t = garbled_draft(routed_web)
    liaison = await routed_web.client("housing_liaison")
    status, body = await post_json(
        liaison, f"/api/v1/tickets/{t.id}/route-preview", {"text": HEATING}
    )
    assert status == 403, body
    op = await routed_web.client("op1")
    status, body = await post_json(
        op, f"/api/v1/tickets/{t.id}/route-preview", {"text": "暖" * 20_001}
    )
    assert status == 400 and body["code"] == "invalid_input", body
    status, body = await post_json(op, "/api/v1/tickets/999999/route-preview", {"text": HEATING})
    assert status == 404, body
    anonymous = await routed_web.client()  # not logged in
    resp = await anonymous.post(f"/api/v1/tickets/{t.id}/route-preview", json={"text": HEATING})
    assert resp.status == 401


async def test_caller_fields_complete_a_phone_ticket(routed_web):
    t = garbled_draft(routed_web)
    op = await routed_web.client("op1")
    status, body = await post_json(
        op, f"/api/v1/tickets/{t.id}/correct", {"version": t.version, "callback_number": "打我电话"}
    )
    assert status == 400, body
    assert "回拨号码格式有误" in body["message"]
    status, saved = await post_json(
        op,
        f"/api/v1/tickets/{t.id}/correct",
        {
            "version": t.version,
            "caller_name": "刘女士",
            "callback_number": "139 1234 5678",
            "caller_confidential": True,
        },
    )
    assert status == 200, saved
    assert saved["caller_name"] == "刘女士" and saved["caller_confidential"] is True
    caller = await (await op.get(f"/api/v1/tickets/{t.id}/caller")).json()
    assert caller["callback_number"] == "13912345678"
    # 保密: the unit does not learn the name.
    liaison = await routed_web.client("housing_liaison")
    status, _ = await post_json(
        op,
        f"/api/v1/tickets/{t.id}/register",
        {"version": saved["version"], "request_type": "complaint"},
    )
    assert status == 200
    t2 = await (await op.get(f"/api/v1/tickets/{t.id}")).json()
    status, _ = await post_json(
        op, f"/api/v1/tickets/{t.id}/dispatch", {"version": t2["version"], "lead_unit": "housing"}
    )
    assert status == 200
    seen = await (await liaison.get(f"/api/v1/tickets/{t.id}")).json()
    assert seen["caller_name"] == ""


async def test_a_failing_router_loses_no_correction(routed_web):
    def broken(text: str) -> dict[str, Any]:
        raise RuntimeError("model file unreadable")

    routed_web.server.app[WEB_CONTEXT].suggest = broken
    t = garbled_draft(routed_web)
    op = await routed_web.client("op1")
    status, body = await post_json(op, f"/api/v1/tickets/{t.id}/route-preview", {"text": HEATING})
    assert status == 503 and body["message"] == "派单建议暂不可用", body
    status, saved = await post_json(
        op, f"/api/v1/tickets/{t.id}/correct", {"version": t.version, "corrected_text": HEATING}
    )
    assert status == 200, saved
    assert saved["corrected_text"] == HEATING


async def test_preview_is_in_the_openapi_document(routed_web):
    op = await routed_web.client("op1")
    doc = await (await op.get("/api/v1/openapi.json")).json()
    preview = doc["paths"]["/api/v1/tickets/{ticket_id}/route-preview"]["post"]
    assert "requestBody" in preview and "200" in preview["responses"]
