"""Acceptance: the correction lexicon closes the loop on the real test model. A real
`hotline serve` answers three sipp calls with the same speech, read by the real Vosk
Korean model (no Chinese model can be fetched here; it hears the same words every time).
An operator corrects what it heard in the first two; the admin approves the proposed
entry; the third call's routed text carries the correction, its machine text does not."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from hotline.ticketing.asr_quality import normalise
from hotline.ticketing.routing import Router

from tests.fixtures.routing import copy_seed_cache
from tests.fixtures.service import HotlineServer, make_server
from tests.fixtures.sip import speech_pcap
from tests.fixtures.sipp import needs_sipp, sipp_call

pytestmark = [needs_sipp, pytest.mark.slow, pytest.mark.timeout(420)]

PASSWORD = "correct-horse-9"
MEANT = "熊岳"


class Console:
    """A logged-in console session over HTTP (cookie + CSRF token), as the browser has."""

    def __init__(self, srv: HotlineServer, name: str) -> None:
        self.base = f"http://127.0.0.1:{srv.http_port}/api/v1"
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        self.csrf = ""
        self.csrf = self.call("POST", "/session/login", {"username": name, "password": PASSWORD})[
            "csrf_token"
        ]

    def call(self, method: str, path: str, body: Any = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if self.csrf:
            request.add_header("X-CSRF-Token", self.csrf)
        with self.opener.open(request, timeout=30) as response:
            return json.loads(response.read())


def _call(srv: HotlineServer, tmp_path: Path, pcap: Path, seconds: float, seen: set) -> dict:
    result = asyncio.run(sipp_call(tmp_path, srv.sip_port, pcap, seconds, name="speech"))
    assert result.returncode == 0, str(result)
    t = srv.wait_ticket(lambda t: t["id"] not in seen and bool(t["transcript_words"]))
    seen.add(t["id"])
    return t


def test_a_correction_made_twice_changes_the_next_calls_routed_text(
    tmp_path: Path, vosk_model_dir: Path, speech_pcm: Any, router: Router, sqlite_url: str
) -> None:
    copy_seed_cache(router, tmp_path / "srv" / "var")
    pcm = speech_pcm(8000)
    pcap = speech_pcap(tmp_path, pcm)
    srv = make_server(tmp_path / "srv", database_url=sqlite_url, model_dir=vosk_model_dir)
    srv.start()
    try:
        srv.add_user("op1", "operator", PASSWORD)
        srv.add_user("boss", "admin", PASSWORD)
        op, admin = Console(srv, "op1"), Console(srv, "boss")
        seen: set[int] = set()
        heard = ""
        for _ in range(2):
            t = _call(srv, tmp_path, pcap, len(pcm) / 16000, seen)
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

        third = _call(srv, tmp_path, pcap, len(pcm) / 16000, seen)
        assert heard in third["machine_text"].split()  # the stored machine text is untouched
        suggestion = third["routing_suggestion"]
        assert MEANT in suggestion["routed_text"] and heard not in suggestion["routed_text"]
        assert suggestion["lexicon"] == [{"heard": normalise(heard), "meant": MEANT}]
        assert MEANT in third["corrected_text"]  # the draft shows the rewritten text
        assert suggestion["asr_model"] == vosk_model_dir.name
    finally:
        srv.terminate()
