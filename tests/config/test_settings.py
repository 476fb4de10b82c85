"""Settings: defaults, YAML file, environment overrides, precise errors."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from hotline.catalog_loader import load_catalog
from hotline.settings import ConfigError, load_settings, masked_dump
from tests.fixtures.cli import hotline_argv


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("HOTLINE_"):
            monkeypatch.delenv(name)
    # No ./hotline.yaml from the developer's working directory.
    monkeypatch.chdir(tmp_path)


def test_packaged_defaults() -> None:
    settings = load_settings()
    assert settings.deadlines.dispatch_minutes == 30
    assert settings.deadlines.close_hours == 24
    assert settings.storage.database_url == "sqlite:///var/hotline.db"
    assert settings.sip.trusted_peers == ["127.0.0.0/8", "::1/128"]
    assert settings.followup.window_start.hour == 8 and settings.followup.window_end.hour == 20
    assert settings.catalog_path.is_file()


def test_yaml_file_then_environment_override(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_file = tmp_path / "site.yaml"
    config_file.write_text(
        "sip:\n  port: 5070\ndeadlines:\n  rules:\n    - {category: consult, close_hours: 8}\n",
        encoding="utf-8",
    )
    settings = load_settings(config_file)
    assert settings.sip.port == 5070
    assert settings.deadlines.rules[0].close_hours == 8
    monkeypatch.setenv("HOTLINE_SIP__PORT", "5080")
    monkeypatch.setenv("HOTLINE_DATABASE_URL", "postgresql+psycopg://u:p@db/hotline")
    settings = load_settings(config_file)
    assert settings.sip.port == 5080
    assert settings.storage.database_url == "postgresql+psycopg://u:p@db/hotline"


def test_local_hotline_yaml_is_picked_up(tmp_path: Path) -> None:
    (tmp_path / "hotline.yaml").write_text("web:\n  port: 9090\n", encoding="utf-8")
    assert load_settings().web.port == 9090


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sip:\n  port: 99999\n", "sip.port: invalid value 99999"),
        ("sip:\n  trusted_peers: [pbx.local]\n", "sip.trusted_peers"),
        (
            "storage:\n  database_url: mysql://x\n",
            "storage.database_url: invalid value 'mysql://x'",
        ),
        ("sip:\n  colour: blue\n", "sip.colour: unknown setting"),
        ("followup:\n  window_start: '25:00'\n", "followup.window_start"),
        ("sip:\n  rtp_port_min: 30000\n  rtp_port_max: 20000\n", "sip.rtp_port_min (30000)"),
        ("- just\n- a list\n", "top level must be a mapping"),
        ("sip: [unclosed\n", "not valid YAML"),
    ],
)
def test_errors_name_key_and_value(tmp_path: Path, text: str, expected: str) -> None:
    config_file = tmp_path / "bad.yaml"
    config_file.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as excinfo:
        load_settings(config_file)
    assert expected in str(excinfo.value)


def test_environment_error_names_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOTLINE_SIP__PORT", "abc")
    with pytest.raises(ConfigError, match=r"sip\.port: invalid value 'abc'"):
        load_settings()


def test_missing_file() -> None:
    with pytest.raises(ConfigError, match="config file not found: nowhere.yaml"):
        load_settings("nowhere.yaml")


def test_secrets_are_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOTLINE_SECRET_KEY", "s3cret-value")
    dumped = masked_dump(load_settings())
    assert dumped["web"]["secret_key"] == "********"
    assert "s3cret-value" not in repr(dumped)


def test_config_check_command(tmp_path: Path) -> None:
    ok = subprocess.run(
        hotline_argv("config", "check"),
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert "dispatch_minutes: 30" in ok.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("asr:\n  max_live_streams: -1\n", encoding="utf-8")
    failed = subprocess.run(
        hotline_argv("--config", str(bad), "config", "check"),
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert failed.returncode == 2
    assert "asr.max_live_streams: invalid value -1" in failed.stderr


def test_default_catalogue_loads() -> None:
    catalog = load_catalog(load_settings().catalog_path)
    assert catalog.district_name == "营口市鲅鱼圈区"
    assert len(catalog.areas) == 6
    assert catalog.unit("heating").name == "鲅鱼圈区热力公司"
    assert catalog.unit("xiongyue").is_area
    assert set(catalog.category_ids()) == {"consult", "help", "complaint", "report", "suggestion"}
