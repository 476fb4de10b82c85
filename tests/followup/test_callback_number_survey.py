"""#14.2: a phone ticket whose caller withheld the number but spoke or gave one is
surveyed on that number after closure, not marked 无法回访 — whether the operator typed the
number in or the corrected text dictated it (re-routing after the correction)."""

from __future__ import annotations

import pytest
from hotline.ticketing import commands as cmd
from hotline.ticketing import rerouting, services
from hotline.ticketing.followup.service import FollowupService
from hotline.ticketing.followup.states import JobState
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.routing import Router

from tests.fixtures.followup import OPERATOR, closing_steps

SPOKEN = "我家暖气不热，室温只有十二度，我的电话是13912345678。"


def _close(database: Database, ticket_id: int, first: cmd.Command, routing=None) -> None:
    services.apply_command(database.uow(), ticket_id, first, OPERATOR, routing=routing)
    for step in closing_steps("暖气不热", "heating", "已派人检修"):
        services.apply_command(database.uow(), ticket_id, step, OPERATOR)


@pytest.mark.parametrize("how", ["typed", "dictated"])
def test_withheld_caller_with_a_callback_number_is_surveyed(
    followup_service: FollowupService, database: Database, router: Router, how: str
) -> None:
    draft = services.create_draft(
        database.uow(),
        services.NewTicket(received_at=database.clock(), caller_number=None, machine_text="暖气"),
    )
    assert draft.id is not None
    if how == "typed":
        _close(database, draft.id, cmd.Correct(callback_number="139-1234-5678"))
    else:
        routing = rerouting.TextRouting(lambda text: router.suggest(text).to_dict())
        _close(database, draft.id, cmd.Correct(corrected_text=SPOKEN), routing)
    [job] = followup_service.sweep()
    assert job.state is JobState.PLANNED, job.note
    assert job.phone == "13912345678"
