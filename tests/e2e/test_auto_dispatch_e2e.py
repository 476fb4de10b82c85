"""Acceptance: 自动派单 on a real call. A real `hotline serve` with `auto_dispatch.enabled`
answers sipp calls read by the real Vosk model (Korean: no Chinese model can be fetched
here). The first call's words route nowhere: it stays a draft. An approved correction-
lexicon entry then turns a word the model hears into 暖气不热 (what an operator would
have taught it), so the second call is routed to the heating company with confidence and
dispatched by the machine; an operator takes it back (收回) over HTTP."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from hotline.ticketing.asr_quality import normalise
from hotline.ticketing.quality_store import LexiconRow
from hotline.ticketing.routing import Router
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from hotline.settings import CONFIG_DIR
from tests.fixtures.service import ConsoleSession, make_server
from tests.fixtures.sip import speech_pcap
from tests.fixtures.sipp import needs_sipp
from tests.fixtures.web import PASSWORD

pytestmark = [needs_sipp, pytest.mark.slow, pytest.mark.timeout(420)]


def _rules_with_auto_dispatch(folder: Path) -> Path:
    rules = yaml.safe_load((CONFIG_DIR / "routing.yaml").read_text(encoding="utf-8"))
    rules["auto_dispatch"]["enabled"] = True
    path = folder / "routing.yaml"
    path.write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")
    return path


def test_a_clear_call_is_dispatched_by_the_machine_and_taken_back(
    tmp_path: Path, vosk_model_dir: Path, speech_pcm: Any, router: Router, sqlite_url: str
) -> None:
    pcm = speech_pcm(8000)
    pcap = speech_pcap(tmp_path, pcm)
    rules = _rules_with_auto_dispatch(tmp_path)
    srv = make_server(
        tmp_path / "srv",
        database_url=sqlite_url,
        model_dir=vosk_model_dir,
        extra_env={"HOTLINE_ROUTING_RULES_PATH": str(rules)},
        router=router,
    )
    srv.start()
    try:
        srv.add_user("op1", "operator", PASSWORD)
        op = ConsoleSession(srv, "op1", PASSWORD)
        seen: set[int] = set()
        first = srv.speech_ticket(tmp_path, pcap, len(pcm) / 16000, seen)
        assert first["state"] == "draft"  # nothing routable was said
        assert first["routing_suggestion"]["auto_dispatch"]["dispatch"] is False
        heard = next(w for w in first["machine_text"].split() if len(normalise(w)) >= 2)
        # The operator marks it invalid (else the next call from the same number would be a
        # suspected duplicate, which always waits for a person).
        op.call(
            "POST",
            f"/tickets/{first['id']}/mark_invalid",
            {"version": first["version"], "reason": "测试来电"},
        )
        with Session(create_engine(sqlite_url)) as session:
            now = datetime.now(UTC)
            session.add(
                LexiconRow(
                    heard=normalise(heard),
                    meant="暖气不热",
                    seen=2,
                    status="approved",
                    created_at=now,
                    decided_at=now,
                    decided_by="boss",
                )
            )
            session.commit()
        time.sleep(2.5)  # intake reloads the approved entries every 2 s

        second = srv.speech_ticket(tmp_path, pcap, len(pcm) / 16000, seen)
        second = srv.wait_ticket(lambda t: t["id"] == second["id"] and t["state"] != "draft")
        assert second["state"] == "dispatched" and second["lead_unit"] == "heating"
        auto = [h for h in second["history"] if h["command"] == "auto_dispatch"]
        assert len(auto) == 1 and auto[0]["actor"] == "system"
        assert auto[0]["reason"].startswith("自动派单：") and "置信度" in auto[0]["reason"]

        page = op.call("POST", f"/tickets/{second['id']}/take-back", {})
        assert page["state"] == "draft" and page["history"][-1]["command"] == "take_back"
    finally:
        srv.terminate()
