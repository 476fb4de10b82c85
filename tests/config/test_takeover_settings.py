"""sip.takeover (转人工): off by default (no phones, nobody for 0 / 人工), set in YAML by the
admin or through the environment, and the bridge's dialer follows sip.outbound."""

from __future__ import annotations

from pathlib import Path

import pytest

from hotline.intake_wiring import bridge_dialer_options, listener_options
from hotline.settings import ConfigError, load_settings
from tests.config.test_settings import _clean_env  # noqa: F401 - autouse: no HOTLINE_* env


def test_packaged_defaults_offer_no_takeover() -> None:
    settings = load_settings()
    assert settings.sip.takeover.operator_phones == {}
    assert settings.sip.takeover.person_phone is None


def test_yaml_and_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "site.yaml"
    config.write_text(
        "sip:\n  outbound:\n    proxy: sip:10.0.0.5:5060\n    username: hl\n"
        "    password: pw\n  takeover:\n    operator_phones:\n      wang: sip:8001@10.0.0.5\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("HOTLINE_SIP__TAKEOVER__PERSON_PHONE", "sip:8000@10.0.0.5")
    settings = load_settings(config)
    assert settings.sip.takeover.operator_phones == {"wang": "sip:8001@10.0.0.5"}
    assert settings.sip.takeover.person_phone == "sip:8000@10.0.0.5"
    bridge = listener_options(settings).bridge_dialer
    assert bridge == bridge_dialer_options(settings)
    assert (bridge.proxy, bridge.username, bridge.password) == ("sip:10.0.0.5:5060", "hl", "pw")


def test_unknown_key_is_named(tmp_path: Path) -> None:
    config = tmp_path / "bad.yaml"
    config.write_text("sip:\n  takeover:\n    operator_phone: {}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="operator_phone"):
        load_settings(config)
