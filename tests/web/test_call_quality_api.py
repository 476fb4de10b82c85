"""The call's audio figures on GET /api/v1/tickets/{id}: operators and leads see them (with
`poor` for 音质差); a unit liaison's view of the same ticket has none."""

from __future__ import annotations

from hotline.ticketing.persistence.database import Database

from tests.fixtures.web import csrf

POOR = {"loss_percent": 9.5, "jitter_ms": 62.0, "rtt_ms": 410.0, "mos": 2.31, "poor": True}


def _store_quality(database: Database, ticket_id: int, quality: dict) -> None:
    with database.uow() as uow:
        t = uow.tickets.get(ticket_id)
        t.call_quality = quality
        uow.tickets.save(t)
        uow.commit()


async def test_centre_sees_the_quality_liaison_does_not(web_env, draft) -> None:
    t = draft(call_id="quality-call-1")
    assert t.id is not None
    _store_quality(web_env.database, t.id, POOR)
    op = await web_env.client("op1")
    page = await (await op.get(f"/api/v1/tickets/{t.id}")).json()
    assert page["call_quality"] == POOR
    lead = await web_env.client("lead")
    assert (await (await lead.get(f"/api/v1/tickets/{t.id}")).json())["call_quality"] == POOR

    for cmd, body in (
        ("register", {"request_type": "complaint"}),
        ("dispatch", {"lead_unit": "housing"}),
    ):
        resp = await op.post(
            f"/api/v1/tickets/{t.id}/{cmd}",
            json={"version": page["version"], **body},
            headers=csrf(op),
        )
        assert resp.status == 200, await resp.text()
        page = await resp.json()
    liaison = await web_env.client("housing_liaison")
    resp = await liaison.get(f"/api/v1/tickets/{t.id}")
    assert resp.status == 200
    assert (await resp.json())["call_quality"] is None


async def test_a_ticket_without_a_call_has_no_quality(web_env, draft) -> None:
    t = draft()
    op = await web_env.client("op1")
    assert (await (await op.get(f"/api/v1/tickets/{t.id}")).json())["call_quality"] is None
