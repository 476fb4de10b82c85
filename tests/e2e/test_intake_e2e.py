"""Acceptance: `hotline serve` as a real process answers real callers (sipp playing a pcap,
baresip playing a WAV) and leaves draft tickets, read back with `hotline tickets show --json`.

Speech is espeak-ng Korean read by the real Vosk Korean test model (no Chinese model can be
fetched on CI machines). One model copy is shared by every server of the session.
"""

from __future__ import annotations

import asyncio
import socket
import subprocess
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hotline.ticketing.routing import Router
from sqlalchemy.engine import make_url

from tests.e2e.tcp_proxy import CuttableProxy
from tests.fixtures.baresip import BARESIP, baresip_call
from tests.fixtures.routing import copy_seed_cache
from tests.fixtures.service import HotlineServer, make_server
from tests.fixtures.sip import speech_pcap
from tests.fixtures.sipp import needs_sipp, sipp_call, start_sipp_call

pytestmark = [needs_sipp, pytest.mark.slow, pytest.mark.timeout(420)]

CALLER = "13900001111"  # P-Asserted-Identity in the sipp scenario


def assert_playable(path: Path) -> float:
    """A complete, consistent WAV header (a crash must not leave a broken file)."""
    assert path.is_file(), path
    with wave.open(str(path)) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (8000, 1, 2)
        frames = w.getnframes()
    assert frames > 0
    assert path.stat().st_size >= 44 + frames * 2
    return frames / 8000


def assert_transcribed_draft(t: dict[str, Any]) -> None:
    assert t["state"] == "draft", t
    assert t["received_at"] and t["dispatch_due_at"], t
    assert t["call_id"], t
    assert not t["transcription_pending"], t
    words = t["transcript_words"]
    assert words, t
    assert all(0 <= w["start"] <= w["end"] and 0 <= w["conf"] <= 1 for w in words), words
    assert t["machine_text"].strip(), t
    suggestion = t["routing_suggestion"]
    for key in ("type", "lead", "alternatives", "area", "epidemic", "explanation"):
        assert key in suggestion, suggestion
    assert t["request_type"], t
    assert_playable(Path(t["recording_path"]))


@pytest.fixture
def speech(speech_wav: Callable[..., Path], speech_pcm: Callable[..., bytes]) -> tuple[bytes, Path]:
    """Korean speech as 8 kHz PCM (for sipp pcaps) and as a WAV led by 1 s of silence
    (baresip starts sending at once; what the caller says during the greeting is recorded
    but not transcribed)."""
    pcm = speech_pcm(8000)
    wav = speech_wav(8000)
    padded = wav.with_name("padded-" + wav.name)
    if not padded.exists():
        subprocess.run(["sox", str(wav), str(padded), "pad", "1", "0"], check=True)
    return pcm, padded


@pytest.fixture(autouse=True)
def _seeded_data_dir(router: Router, tmp_path: Path) -> None:
    copy_seed_cache(router, tmp_path / "srv" / "var")  # `_server`'s data directory


def _server(tmp_path: Path, url: str, model: Path, **env: str) -> HotlineServer:
    # baresip writes its interface address into the SDP but sends from 127.0.0.1: the NAT
    # case, where strict RTP accepts media only from a trusted media network.
    env = {
        "HOTLINE_SIP__TRUSTED_MEDIA": '["127.0.0.0/8"]',
        "HOTLINE_CLUSTER__NODE_ID": "e2e",  # names the intake journal
        **env,
    }
    return make_server(tmp_path / "srv", database_url=url, model_dir=model, extra_env=env)


def _invite_status(port: int) -> str:
    """Send one bare INVITE over UDP and return the final status line. Like a real UAC it
    resends the INVITE (RFC 3261 Timer A: 0.5 s, doubling) until something answers and
    gives up after Timer B (32 s): a busy CI machine may be slow to answer the first one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        local = s.getsockname()[1]
        sdp = (
            "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            "m=audio 40000 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n"
        )
        msg = (
            f"INVITE sip:12345@127.0.0.1:{port} SIP/2.0\r\n"
            f"Via: SIP/2.0/UDP 127.0.0.1:{local};branch=z9hG4bK-e2e-{time.time_ns()};rport\r\n"
            f"From: <sip:13500000000@127.0.0.1>;tag=e2e\r\nTo: <sip:12345@127.0.0.1>\r\n"
            f"Call-ID: e2e-{time.time_ns()}@127.0.0.1\r\nCSeq: 1 INVITE\r\n"
            f"Contact: <sip:13500000000@127.0.0.1:{local}>\r\nMax-Forwards: 70\r\n"
            f"Content-Type: application/sdp\r\nContent-Length: {len(sdp)}\r\n\r\n{sdp}"
        )
        deadline = time.monotonic() + 32.0
        interval, resend = 0.5, True
        s.sendto(msg.encode(), ("127.0.0.1", port))
        while (left := deadline - time.monotonic()) > 0:
            s.settimeout(min(interval, left) if resend else left)
            try:
                line = s.recv(65535).decode(errors="replace").split("\r\n", 1)[0]
            except TimeoutError:
                if resend:
                    s.sendto(msg.encode(), ("127.0.0.1", port))
                    interval *= 2
                continue
            if not line.startswith("SIP/2.0 1"):
                return line
            resend = False  # a provisional answer: the server has it, stop resending
        raise AssertionError("no final answer to the INVITE within 32 s")


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_calls_become_drafts_and_sigterm_drains(
    backend: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    vosk_model_dir: Path,
    speech: tuple[bytes, Path],
) -> None:
    url = str(request.getfixturevalue("sqlite_url" if backend == "sqlite" else "postgres_url"))
    pcm, padded_wav = speech
    seconds = len(pcm) / 16000
    pcap = speech_pcap(tmp_path, pcm)
    silence = speech_pcap(tmp_path, b"\x00\x00" * 8000 * 2, "silence.pcap")
    srv = _server(tmp_path, url, vosk_model_dir).start()
    try:
        # 1. sipp with speech → a transcribed draft
        result = asyncio.run(sipp_call(tmp_path, srv.sip_port, pcap, seconds, name="speech"))
        assert result.returncode == 0, str(result)
        first = srv.wait_ticket(lambda t: bool(t["transcript_words"]))
        assert_transcribed_draft(first)
        assert first["caller_number"] == CALLER and first["called_number"] == "12345"
        assert first["forwarded_from"] == "041112345"  # the Diversion header of the call

        # 2. a silent call → invalid draft (restorable by an operator)
        result = asyncio.run(sipp_call(tmp_path, srv.sip_port, silence, 2.0, name="silent"))
        assert result.returncode == 0, str(result)
        silent = srv.wait_ticket(lambda t: t["state"] == "invalid")
        assert silent["history"][-1]["command"] == "mark_invalid"
        assert_playable(Path(silent["recording_path"]))

        # 3. baresip playing a WAV → a transcribed draft
        if BARESIP is not None:
            out = asyncio.run(baresip_call(tmp_path, srv.sip_port, padded_wav))
            bs = srv.wait_ticket(
                lambda t: t["caller_number"] == "13700001234" and bool(t["transcript_words"])
            )
            assert bs["recording_path"], out[-2000:]
            assert_transcribed_draft(bs)

        # 4. SIGTERM during a call: new INVITEs get 503, the call finishes and is stored
        before = {t["id"] for t in srv.tickets()}
        long_pcap = speech_pcap(tmp_path, pcm * 3, "long.pcap")
        caller = start_sipp_call(tmp_path, srv.sip_port, long_pcap, seconds * 3, name="draining")
        srv.wait_ticket(lambda t: t["id"] not in before, timeout=60)
        assert srv.proc is not None
        srv.proc.send_signal(15)
        # sip.shutdown_grace_seconds is 30 (HOTLINE_SIP__SHUTDOWN_GRACE_SECONDS: make_server)
        assert "waiting up to 30 s" in srv.wait_log("shutting down: new calls get 503")
        assert _invite_status(srv.sip_port).startswith("SIP/2.0 503")
        assert caller.wait(60) == 0
        assert srv.proc.wait(90) == 0
        last = srv.wait_ticket(lambda t: t["id"] not in before and bool(t["transcript_words"]))
        assert_transcribed_draft(last)
        # A repeated call from the same number is linked to the open ticket.
        assert first["id"] in last["duplicate_candidates"]
    finally:
        srv.terminate()


def test_sigkill_mid_call_recording_repaired_and_transcribed(
    sqlite_url: str, tmp_path: Path, vosk_model_dir: Path, speech: tuple[bytes, Path]
) -> None:
    pcm, _ = speech
    long_pcm = pcm * 3  # long enough to kill the server while the caller still speaks
    srv = _server(tmp_path, sqlite_url, vosk_model_dir).start()
    draft, recording = srv.kill9_mid_call(tmp_path, long_pcm)
    assert draft["transcript_words"] == []
    srv.start()  # restart: repair, recovery, backlog
    assert "repaired the header" in srv.log_text() or "interrupted call" in srv.log_text()
    t = srv.wait_ticket(lambda t: t["id"] == draft["id"] and bool(t["transcript_words"]))
    assert t["call_id"] == draft["call_id"]
    assert not t["transcription_pending"]
    assert any(h["command"] == "attach_transcript" for h in t["history"])
    seconds = assert_playable(recording)
    assert seconds >= 3
    assert len(srv.tickets()) == 1  # no second draft for the same call
    srv.terminate()


@pytest.mark.postgres
def test_database_outage_calls_recorded_and_written_when_it_returns(
    postgres_url: str, tmp_path: Path, vosk_model_dir: Path, speech: tuple[bytes, Path]
) -> None:
    pcm, _ = speech
    pg = make_url(postgres_url)
    proxy = CuttableProxy((pg.host or "127.0.0.1", pg.port or 5432))
    proxy.up()
    url = pg.set(port=proxy.port).render_as_string(hide_password=False)
    srv = _server(tmp_path, url, vosk_model_dir).start()
    try:
        proxy.down()  # the database is unreachable for this service only
        pcap = speech_pcap(tmp_path, pcm)
        result = asyncio.run(sipp_call(tmp_path, srv.sip_port, pcap, len(pcm) / 16000))
        assert result.returncode == 0, str(result)  # answered while the database was down
        journal = srv.workdir / "var" / "intake-journal-e2e.jsonl"
        _wait_for(journal, "call_transcribed")
        assert "draft_opened" in _read(journal) and "call_transcribed" in _read(journal)
        recordings = list((srv.workdir / "var" / "recordings").rglob("*.wav"))
        assert len(recordings) == 1
        assert_playable(recordings[0])
        # The web side says so in Chinese rather than failing with a 500.
        status, body = srv.http_json("/api/v1/tickets", login=("wang", "pass-word-1"))
        assert (status, body["message"]) == (503, "数据库暂时不可用，请稍后重试"), body
        # The HTTP site opens a moment after the SIP listener (start-up ends with a
        # collection): wait for its first answer rather than assume it is already up.
        status, health = srv.wait_healthz()
        assert status == 503 and health["checks"]["database"]["ok"] is False, health
        proxy.up()  # the database is back: the journal is replayed
        srv.wait_log("journaled intake records written", timeout=60)
        t = srv.wait_ticket(lambda t: bool(t["transcript_words"]))
        assert_transcribed_draft(t)
        assert Path(t["recording_path"]).resolve() == recordings[0].resolve()
        assert len(srv.tickets()) == 1
        assert _read(journal).strip() == ""
    finally:
        srv.terminate()
        proxy.down()


@pytest.mark.postgres
def test_database_down_at_start_calls_answered_then_written_when_it_comes(
    postgres_url: str, tmp_path: Path, vosk_model_dir: Path, speech: tuple[bytes, Path]
) -> None:
    pcm, _ = speech
    pg = make_url(postgres_url)
    proxy = CuttableProxy((pg.host or "127.0.0.1", pg.port or 5432))  # closed: not up yet
    url = pg.set(port=proxy.port).render_as_string(hide_password=False)
    srv = _server(tmp_path, url, vosk_model_dir, HOTLINE_STORAGE__DATABASE_RETRY_MAX_SECONDS="2")
    try:
        srv.start()  # no exit 3: the SIP listener comes up without the database
        assert "database unreachable" in srv.log_text()
        # The HTTP site opens a moment after the SIP listener (start-up ends with a
        # collection): wait for its first answer rather than assume it is already up.
        status, health = srv.wait_healthz()
        assert status == 503 and health["checks"]["database"]["ok"] is False, health
        status, body = srv.http_json("/api/v1/session")
        assert (status, body["message"]) == (503, "数据库暂时不可用，请稍后重试"), body

        pcap = speech_pcap(tmp_path, pcm)
        result = asyncio.run(sipp_call(tmp_path, srv.sip_port, pcap, len(pcm) / 16000))
        assert result.returncode == 0, str(result)  # answered without a database
        recordings = list((srv.workdir / "var" / "recordings").rglob("*.wav"))
        assert len(recordings) == 1
        assert_playable(recordings[0])
        journal = srv.workdir / "var" / "intake-journal-e2e.jsonl"
        _wait_for(journal, "call_transcribed")
        assert "draft_opened" in _read(journal) and "call_transcribed" in _read(journal)

        proxy.up()  # the database arrives: migrate, replay the journal, open the web side
        srv.wait_log("web API open", timeout=90)
        t = srv.wait_ticket(lambda t: bool(t["transcript_words"]))
        assert_transcribed_draft(t)
        assert t["caller_number"] == CALLER
        assert t["forwarded_from"] == "041112345"  # kept through the journal
        assert Path(t["recording_path"]).resolve() == recordings[0].resolve()
        assert len(srv.tickets()) == 1
        assert _read(journal).strip() == ""
        status, health = srv.http_json("/healthz")
        assert status == 200 and health["checks"]["database"]["ok"] is True, health
        srv.add_user("wang", "operator", "pass-word-1")
        status, page = srv.http_json(f"/api/v1/tickets/{t['id']}", login=("wang", "pass-word-1"))
        assert status == 200, page  # the API answers again
        assert page["forwarded_from"] == "041112345"  # shown as 转接号码 on the ticket page
    finally:
        srv.terminate()
        proxy.down()


def _read(path: Path) -> str:
    return path.read_text() if path.exists() else ""


def _wait_for(path: Path, text: str, timeout: float = 60) -> None:
    """Until `text` is in the file at `path` (or `timeout`: the caller asserts)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and text not in _read(path):
        time.sleep(0.2)
