"""/healthz tells the truth: per-check ok/degraded/failed, the worst wins, 200 for ok and
degraded, 503 for failed; anonymous callers see status + counts only; operators get the
details and the console banners."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from hotline.ticketing.web.app import create_web_app
from hotline.ticketing.web.events import EventHub
from sqlalchemy import create_engine

from hotline import health_checks
from hotline.database_gate import DatabaseGate
from hotline.health_checks import NO_ASR_BANNER_ZH, service_checks
from tests.fixtures.web import add_web_users, login, web_settings


def _intake(engine: Any = None, port: int = 5060) -> SimpleNamespace:
    """What the checks read of a started intake runtime: listener port, ASR engine."""
    asr = SimpleNamespace(engine=engine) if engine is not None else None
    return SimpleNamespace(listener=SimpleNamespace(port=port, active_calls=0), asr=asr)


async def _client(database, settings, checks) -> TestClient:
    app = create_web_app(database, settings, hub=EventHub(), health_checks=checks)
    client = TestClient(TestServer(app))
    await client.start_server()
    return client


async def _status(check) -> dict[str, Any]:
    result = check()
    return await result if hasattr(result, "__await__") else result


async def test_no_model_is_degraded_with_operator_banner_and_details_need_login(
    database, tmp_path: Path
) -> None:
    add_web_users(database)
    settings = web_settings(tmp_path)
    no_model = SimpleNamespace(ready=False, name="vosk")
    intake = _intake(no_model)
    checks = service_checks(settings, database, DatabaseGate(""), lambda: intake)
    client = await _client(database, settings, checks)
    try:
        resp = await client.get("/healthz")
        body = await resp.json()
        assert resp.status == 200  # calls are still answered and recorded
        assert body["status"] == "degraded"
        assert set(body) == {"status", "counts"}  # anonymous: nothing else
        assert body["counts"]["failed"] == 0 and body["counts"]["degraded"] >= 1

        await login(client, "op1")
        body = await (await client.get("/healthz")).json()
        asr = body["checks"]["asr_engine"]
        assert asr["status"] == "degraded" and asr["ready"] is False
        assert NO_ASR_BANNER_ZH in body["banners"]
        assert body["checks"]["database"] == {"status": "ok", "ok": True, "writable": True}
        assert body["checks"]["sip"]["status"] == "ok"
    finally:
        await client.close()


async def test_health_details_setting_opens_details_to_everyone(database, tmp_path: Path) -> None:
    settings = web_settings(tmp_path, health_details=True)
    client = await _client(database, settings, {"sip": lambda: {"status": "ok", "port": 1}})
    try:
        body = await (await client.get("/healthz")).json()
        assert body["checks"]["sip"]["port"] == 1
    finally:
        await client.close()


async def test_read_only_database_fails_the_write_probe(database, tmp_path: Path) -> None:
    """A read-only SQLite connection (mode=ro): SELECT 1 works, a write does not."""
    if database.engine.url.get_backend_name() != "sqlite":
        pytest.skip("the read-only case is a SQLite file here")
    path = database.engine.url.database
    read_only = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    probe = health_checks.database_check(SimpleNamespace(engine=read_only), DatabaseGate(""))
    settings = web_settings(tmp_path, health_details=True)
    client = await _client(database, settings, {"database": probe})
    try:
        result = await _status(probe)
        assert result["status"] == "failed" and result["writable"] is False
        assert "readonly" in result["error"]
        resp = await client.get("/healthz")
        assert resp.status == 503  # Kamailio's probe takes the node out
        assert (await resp.json())["status"] == "failed"
    finally:
        await client.close()
        read_only.dispose()


async def test_korean_model_is_flagged_in_health(vosk_engine, tmp_path: Path) -> None:
    settings = web_settings(tmp_path)
    intake = _intake(vosk_engine)
    check = health_checks.asr_engine_check(lambda: intake, settings)
    result = await _status(check)
    assert result["status"] == "degraded"
    assert result["language"] == "ko"
    assert result["graph"] == "lookahead"  # no static graph compiled for it
    assert "韩语" in result["banner_zh"] and "来电照常录音" in result["banner_zh"]


async def test_recordings_space_threshold_and_full_disk(tmp_path: Path) -> None:
    settings = web_settings(tmp_path)
    settings.storage.recordings_warn_free_mb = 10**9  # more than any disk here has
    low = await _status(health_checks.recordings_space_check(settings))
    assert low["status"] == "degraded" and low["free_mb"] < 10**9

    # Below storage.min_free_mb new calls are refused (503), so the node has failed. A full
    # volume is made for real in tests/telephony/test_disk_full.py (it needs root to mount a
    # tmpfs); here the free-space floor is simply set above what the disk has.
    settings.storage.min_free_mb = 10**9
    full = await _status(health_checks.recordings_space_check(settings))
    assert full["status"] == "failed" and full["banner_zh"].startswith("录音磁盘已满")


async def test_outbound_route_and_intake_journal(tmp_path: Path) -> None:
    settings = web_settings(tmp_path)
    settings.storage.data_dir = tmp_path / "data"
    assert (await _status(health_checks.outbound_check(settings)))["status"] == "degraded"
    settings.sip.outbound.proxy = "sip:pbx.local:5060"
    assert (await _status(health_checks.outbound_check(settings)))["status"] == "ok"

    journal = health_checks.journal_check(settings)
    assert (await _status(journal))["status"] == "ok"
    settings.storage.data_dir.mkdir()
    (settings.storage.data_dir / "intake-journal.jsonl").write_text('{"a": 1}\n{"b": 2}\n')
    pending = await _status(journal)
    assert pending["status"] == "degraded" and pending["pending"] == 2
