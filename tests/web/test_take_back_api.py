"""收回自动派单 over HTTP (window, roles, CSRF, twice) and the dashboard's 自动派单 figures,
on the real app and database (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio

from hotline.ticketing import services
from hotline.ticketing.commands import AutoDispatch, Dispatch, Register
from hotline.ticketing.model import Ticket
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.users import SYSTEM_ACTOR, Actor, Role

from tests.fixtures.db import SettableClock
from tests.fixtures.web import WebEnv, csrf, make_draft

REASON = "自动派单：住建局，置信度 0.95 ≥ 阈值 0.60，依据 “物业”"


def auto_dispatched(database: Database, minutes: int = 30) -> Ticket:
    """A draft the machine dispatched to housing (as intake does with auto dispatch on)."""
    draft = make_draft(database, request_type="complaint")
    command = AutoDispatch(
        lead_unit="housing",
        reason=REASON,
        confidence=0.95,
        source="rules",
        take_back_minutes=minutes,
    )
    return services.apply_command(database.uow(), draft.id or 0, command, SYSTEM_ACTOR)


def dispatched_by_hand(database: Database) -> Ticket:
    """A draft op1 registered and dispatched to housing."""
    draft = make_draft(database)
    op_actor = Actor("op1", Role.OPERATOR)
    services.apply_command(database.uow(), draft.id or 0, Register(request_type="help"), op_actor)
    return services.apply_command(
        database.uow(), draft.id or 0, Dispatch(lead_unit="housing"), op_actor
    )


def path(ticket: Ticket) -> str:
    return f"/api/v1/tickets/{ticket.id}/take-back"


async def test_operator_takes_it_back_within_the_window_and_the_unit_is_told(
    web_env: WebEnv, clock: SettableClock
) -> None:
    ticket = auto_dispatched(web_env.database)
    op = await web_env.client("op1")
    page = await (await op.get(f"/api/v1/tickets/{ticket.id}")).json()
    assert page["auto_dispatched"] is True and page["take_back_until"]
    assert page["history"][-1]["command_label"] == "自动派单"
    assert page["history"][-1]["reason"] == REASON
    assert "take_back" not in page["allowed_commands"]  # its own button, not a generic one
    clock.advance(minutes=29)
    async with web_env.hub.subscribe("housing") as unit_events:
        resp = await op.post(path(ticket), json={"version": ticket.version}, headers=csrf(op))
        assert resp.status == 200, await resp.text()
        _, event = await asyncio.wait_for(unit_events.get(), 5)  # type: ignore[misc]
    body = await resp.json()
    assert body["state"] == "draft" and body["lead_unit"] is None
    assert body["history"][-1]["command_label"] == "收回自动派单"
    assert body["history"][-1]["actor"] == "op1"
    assert body["take_back_until"] is None
    assert event.kind == "ticket.withdrawn" and event.ticket_id == ticket.id
    assert "收回" in event.data["message"]
    queue = await (await op.get("/api/v1/tickets?view=queue")).json()
    assert ticket.id in [t["id"] for t in queue["items"]]
    again = await op.post(path(ticket), json={}, headers=csrf(op))
    assert again.status == 409
    assert "不能" in (await again.json())["message"]


async def test_after_the_window_409_in_chinese(web_env: WebEnv, clock: SettableClock) -> None:
    ticket = auto_dispatched(web_env.database)
    lead = await web_env.client("lead")
    clock.advance(minutes=31)
    page = await (await lead.get(f"/api/v1/tickets/{ticket.id}")).json()
    assert page["auto_dispatched"] is True and page["take_back_until"] is None
    resp = await lead.post(path(ticket), json={}, headers=csrf(lead))
    assert resp.status == 409
    error = await resp.json()
    assert error["code"] == "take_back_expired" and "收回时限" in error["message"]


async def test_liaison_and_admin_get_403_and_csrf_is_required(web_env: WebEnv) -> None:
    ticket = auto_dispatched(web_env.database)
    for name in ("housing_liaison", "admin"):
        client = await web_env.client(name)
        resp = await client.post(path(ticket), json={}, headers=csrf(client))
        assert resp.status == 403, name
    liaison_page = await (
        await (await web_env.client("housing_liaison")).get(f"/api/v1/tickets/{ticket.id}")
    ).json()
    assert liaison_page["take_back_until"] is None
    op = await web_env.client("op1")
    no_token = await op.post(path(ticket), json={})
    assert no_token.status == 403
    stored = services.get_ticket(web_env.database.uow(), ticket.id or 0)
    assert str(stored.state) == "dispatched" and stored.lead_unit == "housing"


async def test_a_persons_dispatch_cannot_be_taken_back(web_env: WebEnv) -> None:
    draft = dispatched_by_hand(web_env.database)
    op = await web_env.client("op1")
    resp = await op.post(f"/api/v1/tickets/{draft.id}/take-back", json={}, headers=csrf(op))
    assert resp.status == 409
    assert (await resp.json())["code"] == "not_auto_dispatched"
    generic = await op.post(f"/api/v1/tickets/{draft.id}/take_back", json={}, headers=csrf(op))
    assert generic.status in (404, 405)  # no generic endpoint for the machine's commands
    auto = await op.post(
        f"/api/v1/tickets/{draft.id}/auto_dispatch", json={"version": 3}, headers=csrf(op)
    )
    assert auto.status in (404, 405)


async def test_dashboard_counts_automatic_dispatches_and_take_backs(web_env: WebEnv) -> None:
    auto_dispatched(web_env.database)  # kept
    taken = auto_dispatched(web_env.database)
    dispatched_by_hand(web_env.database)
    op = await web_env.client("op1")
    assert (await op.post(path(taken), json={}, headers=csrf(op))).status == 200
    figures = (await (await op.get("/api/v1/stats")).json())["auto_dispatch"]
    assert figures == {
        "dispatched_by_people": 1,
        "dispatched_automatically": 2,
        "taken_back": 1,
        "auto_rate": 2 / 3,
    }


async def test_the_ticket_page_says_why_a_draft_was_not_dispatched_automatically(
    web_env: WebEnv,
) -> None:
    why = {"dispatch": False, "reason": "置信度 0.58 低于阈值 0.60", "source": "rules"}
    draft = make_draft(
        web_env.database, routing_suggestion={"lead": "housing", "auto_dispatch": why}
    )
    op = await web_env.client("op1")
    page = await (await op.get(f"/api/v1/tickets/{draft.id}")).json()
    assert page["routing_suggestion"]["auto_dispatch"]["reason"] == "置信度 0.58 低于阈值 0.60"
    assert page["auto_dispatched"] is False and page["take_back_until"] is None
