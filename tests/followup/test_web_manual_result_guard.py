"""手工录入结果 through /api/v1 (issue #14 item 4): the same code path as
`hotline followup record`, audited, with role, CSRF and size checks answered in Chinese."""

from __future__ import annotations

from hotline.ticketing import services
from hotline.ticketing.followup.results import MANUAL_RESULT_NAMES
from hotline.ticketing.followup.service import FollowupService
from hotline.ticketing.model import Satisfaction, State
from hotline.ticketing.persistence.database import Database

from tests.fixtures.followup import FOLLOWUP_API, CloseTicket
from tests.fixtures.web import WebEnv, csrf, json_body


async def test_manual_result_is_audited_and_guarded(
    env: WebEnv,
    followup_service: FollowupService,
    close_ticket: CloseTicket,
    database: Database,
) -> None:
    ticket = close_ticket()
    followup_service.sweep()
    url = f"{FOLLOWUP_API}/tickets/{ticket.id}/manual-result"
    op = await env.client("op1")

    no_csrf = await op.post(url, json={"result": "satisfied"})
    assert no_csrf.status == 403
    liaison = await env.client("housing_liaison")
    denied = await liaison.post(url, json={"result": "satisfied"}, headers=csrf(liaison))
    assert denied.status == 403 and "无权" in (await denied.json())["message"]
    too_long = await json_body(
        await op.post(url, json={"result": "satisfied", "note": "很" * 501}, headers=csrf(op)),
        400,
    )
    assert too_long["message"] == "提交的数据不符合要求：备注"
    unknown = await json_body(await op.post(url, json={"result": "happy"}, headers=csrf(op)), 400)
    assert unknown["message"].startswith("回访结果无效，应为：满意(satisfied)")
    assert "无法联系(no_answer)" in unknown["message"]
    broken = await op.post(
        url, data="{not json", headers={**csrf(op), "Content-Type": "application/json"}
    )
    assert broken.status == 400 and (await broken.json())["message"]
    # Nothing of the refused requests reached the ticket.
    assert services.get_ticket(database.uow(), ticket.id).satisfaction is None

    done = await json_body(
        await op.post(
            url, json={"result": "no_answer", "note": "三次拨打无人接听"}, headers=csrf(op)
        )
    )
    assert done["job"]["satisfaction"] == "no_answer"
    stored = services.get_ticket(database.uow(), ticket.id)
    assert stored.satisfaction is Satisfaction.NO_ANSWER and stored.state is State.CLOSED

    lead = await env.client("lead")
    audit = await json_body(await lead.get(f"/api/v1/audit?ticket_id={ticket.id}"))
    entry = next(e for e in audit if e["action"] == "followup_manual_result")
    assert entry["actor"] == "op1" and entry["details"]["result"] == "no_answer"
    assert entry["details"]["job_id"] == done["job"]["id"]


def test_cli_and_api_accept_the_same_result_names() -> None:
    from hotline.ticketing.web.followup_views import MANUAL_RESULT_LABELS, ManualResult

    from hotline.commands.followup import RESULTS

    assert RESULTS is MANUAL_RESULT_NAMES
    assert set(ManualResult.__args__) == set(MANUAL_RESULT_NAMES)  # type: ignore[attr-defined]
    assert set(MANUAL_RESULT_LABELS) <= set(MANUAL_RESULT_NAMES)
    assert MANUAL_RESULT_LABELS["no_answer"] == "无法联系"
