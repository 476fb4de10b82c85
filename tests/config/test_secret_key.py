"""web.secret_key has no usable default: placeholders are refused, a missing key is generated
once into the data directory (0600) and reused, and a cookie signed with the old packaged
placeholder no longer logs anyone in."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from hotline.ticketing.web.app import create_web_app
from hotline.ticketing.web.auth import SESSION_COOKIE
from hotline.ticketing.web.events import EventHub

from hotline.secret_key import ensure_secret_key, key_file, secret_key_source
from hotline.settings import ConfigError, load_settings
from tests.fixtures.web import add_web_users, login

OLD_PLACEHOLDER = "change-me-in-production"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith("HOTLINE_") and not name.startswith("HOTLINE_TEST_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def _hotline(cwd: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 120):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("HOTLINE_")}
    return subprocess.run(
        [sys.executable, "-m", "hotline", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**clean, **(env or {})},
        timeout=timeout,
        check=False,
    )


@pytest.mark.parametrize(
    ("value", "why"),
    [
        (OLD_PLACEHOLDER, "known placeholder"),
        ("Change-Me-please-this-is-long-enough-to-pass-length", "known placeholder"),
        ("secret", "known placeholder"),
        ("", "is empty"),
        ("x9TqLw3v", "shorter than 32 characters"),
    ],
)
def test_config_check_refuses_placeholder_from_environment(
    tmp_path: Path, value: str, why: str
) -> None:
    result = _hotline(tmp_path, "config", "check", env={"HOTLINE_SECRET_KEY": value})
    assert result.returncode == 2, result.stdout
    assert "web.secret_key (from environment HOTLINE_SECRET_KEY)" in result.stderr
    assert why in result.stderr
    assert "HOTLINE_SECRET_KEY to a random value" in result.stderr  # how to fix
    if len(value) > 6:  # ("secret" is part of the key's name)
        assert value not in result.stderr + result.stdout  # never echoed


def test_config_check_refuses_placeholder_from_file(tmp_path: Path) -> None:
    site = tmp_path / "site.yaml"
    site.write_text(f"web:\n  secret_key: {OLD_PLACEHOLDER}\n", encoding="utf-8")
    result = _hotline(tmp_path, "--config", str(site), "config", "check")
    assert result.returncode == 2
    assert f"from config file {site}" in result.stderr
    assert OLD_PLACEHOLDER not in result.stderr


def test_serve_refuses_placeholder_before_starting(tmp_path: Path) -> None:
    result = _hotline(tmp_path, "serve", "--http-port", "0", env={"HOTLINE_SECRET_KEY": "secret"})
    assert result.returncode == 2
    assert "configuration error: web.secret_key" in result.stderr
    assert "known placeholder" in result.stderr
    assert not (tmp_path / "var" / "hotline.db").exists()  # refused before anything else


def test_other_secrets_refuse_placeholders_and_report_up_stays_off_without_one(
    tmp_path: Path,
) -> None:
    result = _hotline(tmp_path, "config", "check", env={"HOTLINE_UPSTREAM__SECRET": "change-me"})
    assert result.returncode == 2
    assert "upstream.secret is a known placeholder" in result.stderr
    url_only = _hotline(
        tmp_path, "config", "check", env={"HOTLINE_UPSTREAM__URL": "https://up.example/api"}
    )
    assert url_only.returncode == 0, url_only.stderr
    assert "report-up (上报) stays off" in url_only.stdout
    assert load_settings().upstream.secret is None  # no default HMAC key


def test_generated_key_is_private_atomic_and_reused(tmp_path: Path) -> None:
    settings = load_settings()
    assert settings.web.secret_key is None
    assert "not generated yet" in secret_key_source(settings)
    ensure_secret_key(settings)
    path = key_file(settings)
    assert path == tmp_path / "var" / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["secret_key"]  # no temp file left
    first = settings.web.secret_key.get_secret_value()
    assert len(first) >= 32 and first == path.read_text(encoding="utf-8").strip()

    again = ensure_secret_key(load_settings())  # next start: same key, sessions survive
    assert again.web.secret_key.get_secret_value() == first
    source = secret_key_source(load_settings())
    assert source.startswith(f"generated file {path}") and first not in source

    checked = _hotline(tmp_path, "config", "check")
    assert checked.returncode == 0
    assert f"# web.secret_key: generated file {path}" in checked.stdout
    assert first not in checked.stdout


def test_configured_key_wins_and_is_reported_masked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    value = "k" * 20 + "configured-by-the-operator"
    monkeypatch.setenv("HOTLINE_SECRET_KEY", value)
    settings = ensure_secret_key(load_settings())
    assert settings.web.secret_key.get_secret_value() == value
    assert not key_file(settings).exists()
    assert secret_key_source(settings).startswith("environment HOTLINE_SECRET_KEY: kk…")


def test_key_file_readable_by_others_is_refused(tmp_path: Path) -> None:
    settings = ensure_secret_key(load_settings())
    key_file(settings).chmod(0o644)
    with pytest.raises(ConfigError, match="chmod 600"):
        ensure_secret_key(load_settings())


def _forged_cookie(secret: str, user: str, now: float) -> str:
    """What an attacker who knows `secret` sent to the old console: an aiohttp-session
    encrypted cookie carrying the session itself (the key derived as the old code did)."""
    import base64
    import hashlib

    from cryptography.fernet import Fernet

    fernet = Fernet(base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest()))
    payload = {"created": int(now), "session": {"user": user, "csrf": "x", "last_seen": now}}
    return fernet.encrypt(json.dumps(payload).encode()).decode()


async def test_cookie_signed_with_old_placeholder_is_rejected(database, tmp_path: Path) -> None:
    """Sessions live in the database now: a cookie is only a random id, so knowing the key
    (let alone the old placeholder) forges nothing."""
    add_web_users(database)
    settings = ensure_secret_key(load_settings())  # what serve does with no key configured
    app = create_web_app(database, settings, hub=EventHub(), data_dir=tmp_path / "data")
    client = TestClient(TestServer(app))
    await client.start_server()
    try:
        now = database.clock().timestamp()
        for key in (OLD_PLACEHOLDER, settings.web.secret_key.get_secret_value()):
            forged = _forged_cookie(key, "admin", now)
            resp = await client.get("/api/v1/tickets", cookies={SESSION_COOKIE: forged})
            assert resp.status == 401
        # Control: a real login gets through, so the 401s are the forgery's doing.
        await login(client, "admin")
        assert (await client.get("/api/v1/tickets")).status == 200
    finally:
        await client.close()
