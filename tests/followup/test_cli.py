"""`hotline followup list / call-now / record` against a real SQLite database."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from hotline.ticketing import services
from hotline.ticketing.followup.service import FollowupService
from hotline.ticketing.model import Satisfaction, State
from hotline.ticketing.persistence.database import Database

from hotline.cli import main
from tests.fixtures.db import SettableClock
from tests.fixtures.followup import CloseTicket

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def config_file(tmp_path: Path, migrated_url: str) -> Path:
    path = tmp_path / "hotline.yaml"
    path.write_text(f"storage:\n  database_url: {migrated_url}\n", encoding="utf-8")
    return path


def _run(config_file: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--config", str(config_file), "followup", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_list_call_now_and_manual_record(
    config_file: Path,
    followup_service: FollowupService,
    close_ticket: CloseTicket,
    clock: SettableClock,
    database: Database,
) -> None:
    ticket = close_ticket()
    no_number = close_ticket(number=None)
    followup_service.sweep()

    lines = [json.loads(line) for line in _run(config_file, "list", "--json").splitlines()]
    by_ticket = {row["ticket_id"]: row for row in lines}
    assert by_ticket[ticket.id]["state"] == "planned"
    assert by_ticket[no_number.id]["state"] == "not_callable"
    assert by_ticket[no_number.id]["state_label"] == "无法回访"
    assert "待回访" in _run(config_file, "list")

    # call-now moves the due time to the present, or to the window's next opening
    # (the CLI runs on the real clock).
    [before] = followup_service.list_jobs(ticket_id=ticket.id)
    before_cli = datetime.now(UTC)
    _run(config_file, "call-now", str(ticket.id), "--operator", "op7")
    [planned] = followup_service.list_jobs(ticket_id=ticket.id)
    assert planned.state == "planned" and planned.due_at != before.due_at
    window = followup_service.policy.window
    assert window.next_open(before_cli) <= planned.due_at <= window.next_open(datetime.now(UTC))
    assert "op7要求立即回访" in planned.note

    out = _run(config_file, "record", str(ticket.id), "--result", "basic", "--operator", "op7")
    assert "基本满意" in out
    stored = services.get_ticket(database.uow(), ticket.id)
    assert stored.state is State.CLOSED
    assert stored.satisfaction is Satisfaction.BASICALLY_SATISFIED
    assert stored.history[-1].actor == "op7"


def test_bad_input_is_a_clear_error(config_file: Path) -> None:
    result = CliRunner().invoke(
        main, ["--config", str(config_file), "followup", "record", "999", "--result", "basic"]
    )
    assert result.exit_code == 1
    assert "工单不存在" in result.output
    result = CliRunner().invoke(
        main, ["--config", str(config_file), "followup", "record", "1", "--result", "great"]
    )
    assert result.exit_code == 2
