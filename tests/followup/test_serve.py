"""`hotline serve` runs the follow-up scheduler: a ticket closed in its database is
surveyed by the running service through a sipp UAS that presses 1."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from hotline.ticketing.routing import Router

from tests.fixtures.common import free_port
from tests.fixtures.followup import surveyable_database, surveying_server
from tests.fixtures.sipp import answer_one_call, answer_then_keys, needs_sipp

pytestmark = [needs_sipp, pytest.mark.timeout(600), pytest.mark.slow]


async def test_serve_surveys_a_closed_ticket(
    tmp_path: Path, vosk_model_dir: Path, router: Router
) -> None:
    url, ticket_id = surveyable_database(tmp_path)
    uas_port = free_port()
    server = surveying_server(
        tmp_path / "node",
        url,
        vosk_model_dir,
        router,
        HOTLINE_SIP__OUTBOUND__PROXY=f"sip:127.0.0.1:{uas_port}",
    )
    sipp = asyncio.create_task(
        answer_one_call(tmp_path, answer_then_keys("1"), uas_port, name="serve", timeout=150)
    )
    await asyncio.to_thread(server.start, 280)  # the first start loads the models
    try:
        log = await asyncio.to_thread(server.wait_log, "follow-up scheduler running", 60)
        # The Korean test model lacks the Chinese answer words: the check names them.
        assert "满意" in server.log_text() and "spoken answers off" in server.log_text(), log
        result = await sipp
        assert result.returncode == 0, str(result)
        shown = await asyncio.to_thread(
            lambda: server.wait_ticket(
                lambda t: t["id"] == ticket_id and t.get("satisfaction") == "satisfied", 60
            )
        )
        assert shown["state"] == "closed"
        jobs = await asyncio.to_thread(server.cli, "followup", "list")
        assert "已回访" in jobs
    finally:
        await asyncio.to_thread(server.terminate)
