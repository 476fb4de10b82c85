"""未接来电回拨 end to end: a real SIP caller (sipp) hangs up during the greeting of a real
`hotline serve`; the call lands on the call-back list (/api/v1/missed-calls) with its
deadline, and 已回拨 takes it off the pending list."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

import pytest
from hotline.ticketing.routing import Router

from tests.fixtures.service import HotlineServer, make_server, write_tone_wav
from tests.fixtures.sip import speech_pcap
from tests.fixtures.sipp import needs_sipp, sipp_call

pytestmark = [needs_sipp, pytest.mark.slow, pytest.mark.timeout(420)]
OPERATOR = ("wang", "pass-word-1")


def _missed(server: HotlineServer, timeout: float = 60) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout
    body: Any = None
    while time.monotonic() < deadline:
        status, body = server.http_json("/api/v1/missed-calls", login=OPERATOR)
        assert status == 200, body
        if body["items"]:
            return list(body["items"])
        time.sleep(0.5)
    raise AssertionError(f"no missed call listed: {body}\n{server.log_text()[-3000:]}")


def _call_back(server: HotlineServer, missed_id: int, note: str) -> tuple[int, Any]:
    """Log in, read the CSRF token from the session, POST 已回拨 (as the console does)."""
    base = f"http://127.0.0.1:{server.http_port}/api/v1"
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    login = json.dumps({"username": OPERATOR[0], "password": OPERATOR[1]}).encode()
    headers = {"Content-Type": "application/json"}
    opener.open(urllib.request.Request(base + "/session/login", login, headers), timeout=30)
    with opener.open(base + "/session", timeout=30) as resp:
        token = json.loads(resp.read())["csrf_token"]
    request = urllib.request.Request(
        f"{base}/missed-calls/{missed_id}/called-back",
        json.dumps({"note": note}).encode(),
        {**headers, "X-CSRF-Token": token},
    )
    with opener.open(request, timeout=30) as resp:
        return resp.status, json.loads(resp.read())


def test_caller_hanging_up_during_the_greeting_is_a_missed_call(
    tmp_path: Path, vosk_model_dir: Path, router: Router
) -> None:
    url = f"sqlite:///{tmp_path / 'srv' / 'var' / 'hotline.db'}"
    greeting = write_tone_wav(tmp_path / "long-greeting.wav", seconds=6.0)
    server = make_server(
        tmp_path / "srv",
        database_url=url,
        model_dir=vosk_model_dir,
        extra_env={"HOTLINE_SIP__GREETING_WAV": str(greeting)},
        router=router,
    )
    silence = speech_pcap(tmp_path, b"\x00\x00" * 1600, "short-silence.pcap")
    server.start(280)
    try:
        server.add_user("wang", "operator", OPERATOR[1])
        # Answered, 0.2 s of silence, BYE about 1 s after the ACK: well inside the 6 s greeting.
        result = asyncio.run(sipp_call(tmp_path, server.sip_port, silence, 0.2, wait_ms=0))
        assert result.returncode == 0, result
        [item] = _missed(server)
        assert item["state"] == "pending" and item["caller_masked"] == "139****1111"
        assert item["reason"].startswith("来电人未说话即挂机"), item
        assert item["can_call_back"] and not item["overdue"]
        # The draft intake made is invalid (restorable) — no ticket in the operators' queue.
        assert server.show(item["ticket_id"])["state"] == "invalid"
        status, done = _call_back(server, item["id"], "已回拨，来电人说信号不好，稍后再打")
        assert status == 200 and done["item"]["state"] == "called_back", done
        status, stats = server.http_json("/api/v1/missed-calls/stats", login=OPERATOR)
        assert stats["missed"] == 1 and stats["called_back_in_time"] == 1, stats
    finally:
        assert server.terminate() == 0
