"""The ticket list filters by area (区域), as leads and operators narrow a city's tickets."""

from __future__ import annotations


async def test_area_filter_lists_only_that_areas_tickets(web_env, draft):
    here = [draft(area_id="honghai").id, draft(area_id="honghai").id]
    draft(area_id="xiongyue")
    draft()  # no area yet
    op = await web_env.client("op1")

    listed = await (await op.get("/api/v1/tickets?view=all&area=honghai")).json()
    assert sorted(i["id"] for i in listed["items"]) == sorted(here)
    assert listed["total"] == 2
    everything = await (await op.get("/api/v1/tickets?view=all")).json()
    assert everything["total"] == 4


async def test_unknown_area_is_a_clear_error(web_env, draft):
    draft(area_id="honghai")
    op = await web_env.client("op1")
    resp = await op.get("/api/v1/tickets?area=nowhere")
    assert resp.status == 422
    body = await resp.json()
    assert "区域不存在" in str(body)
