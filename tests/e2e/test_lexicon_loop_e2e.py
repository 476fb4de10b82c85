"""Acceptance: the correction lexicon closes the loop on the real test model. A real
`hotline serve` answers three sipp calls with the same speech, read by the real Vosk
Korean model (no Chinese model can be fetched here; it hears the same words every time).
An operator corrects what it heard in the first two; the admin approves the proposed
entry; the third call's routed text carries the correction, its machine text does not."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from hotline.ticketing.asr_quality import normalise
from hotline.ticketing.routing import Router

from tests.fixtures.service import ConsoleSession, make_server
from tests.fixtures.sip import speech_pcap
from tests.fixtures.sipp import needs_sipp
from tests.fixtures.web import PASSWORD

pytestmark = [needs_sipp, pytest.mark.slow, pytest.mark.timeout(420)]

MEANT = "熊岳"


def test_a_correction_made_twice_changes_the_next_calls_routed_text(
    tmp_path: Path, vosk_model_dir: Path, speech_pcm: Any, router: Router, sqlite_url: str
) -> None:
    pcm = speech_pcm(8000)
    pcap = speech_pcap(tmp_path, pcm)
    srv = make_server(
        tmp_path / "srv", database_url=sqlite_url, model_dir=vosk_model_dir, router=router
    )
    srv.start()
    try:
        srv.add_user("op1", "operator", PASSWORD)
        srv.add_user("boss", "admin", PASSWORD)
        op, admin = ConsoleSession(srv, "op1", PASSWORD), ConsoleSession(srv, "boss", PASSWORD)
        seen: set[int] = set()
        heard = ""
        for _ in range(2):
            t = srv.speech_ticket(tmp_path, pcap, len(pcm) / 16000, seen)
            words = t["machine_text"].split()
            heard = heard or next(w for w in words if len(normalise(w)) >= 2)
            assert heard in words, t["machine_text"]  # the model hears the same each time
            corrected = t["machine_text"].replace(heard, MEANT, 1)
            op.call(
                "POST",
                f"/tickets/{t['id']}/correct",
                {"version": t["version"], "corrected_text": corrected},
            )
        assert admin.call("GET", "/quality/tickets/" + str(t["id"]))["model"] == (
            vosk_model_dir.name
        )
        (entry,) = admin.call("GET", "/quality/lexicon?status=proposed")["entries"]
        assert (entry["heard"], entry["meant"], entry["seen"]) == (normalise(heard), MEANT, 2)
        admin.call("POST", f"/quality/lexicon/{entry['id']}/approve")
        time.sleep(2.5)  # intake reloads the approved entries every 2 s

        third = srv.speech_ticket(tmp_path, pcap, len(pcm) / 16000, seen)
        assert heard in third["machine_text"].split()  # the stored machine text is untouched
        suggestion = third["routing_suggestion"]
        assert MEANT in suggestion["routed_text"] and heard not in suggestion["routed_text"]
        assert suggestion["lexicon"] == [{"heard": normalise(heard), "meant": MEANT}]
        assert MEANT in third["corrected_text"]  # the draft shows the rewritten text
        assert suggestion["asr_model"] == vosk_model_dir.name
    finally:
        srv.terminate()
