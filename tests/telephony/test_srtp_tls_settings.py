"""The settings of SRTP and outbound TLS: defaults, overrides and what reaches the
listener and the survey dialer's options."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pydantic import ValidationError

from hotline.intake_wiring import listener_options
from hotline.settings import Settings, load_settings
from hotline.survey_dialer import build_survey_dialer
from tests.fixtures.certs import make_ca


@pytest.fixture
def clean_env(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    for name in [n for n in os.environ if n.startswith("HOTLINE_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def test_srtp_defaults_and_overrides(clean_env, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings()
    assert settings.sip.srtp == "optional" and settings.sip.outbound.srtp is None
    assert listener_options(settings).srtp == "optional"
    monkeypatch.setenv("HOTLINE_SIP__SRTP", "required")
    monkeypatch.setenv("HOTLINE_SIP__OUTBOUND__SRTP", "off")
    settings = load_settings()
    assert listener_options(settings).srtp == "required"
    assert settings.sip.outbound.srtp == "off"


def test_srtp_rejects_unknown_policies() -> None:
    with pytest.raises(ValidationError, match="srtp"):
        Settings.model_validate({"sip": {"srtp": "sometimes"}})


async def test_survey_dialer_takes_the_outbound_policy(
    clean_env, monkeypatch: pytest.MonkeyPatch
) -> None:
    """sip.outbound.srtp when set, else sip.srtp."""
    monkeypatch.setenv("HOTLINE_SIP__SRTP", "required")
    for outbound, expected in ((None, "required"), ("optional", "optional")):
        if outbound:
            monkeypatch.setenv("HOTLINE_SIP__OUTBOUND__SRTP", outbound)
        dialer = await build_survey_dialer(load_settings(), sip_port=0, listener_port=1)
        try:
            assert dialer.sip.options.srtp == expected
        finally:
            await dialer.sip.close()


async def test_survey_dialer_over_tls(
    clean_env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """sip.outbound.transport tls or a sips: proxy: TLS with sip.tls_ca_file's CAs; the
    survey's target URIs name the proxy's host."""
    settings = load_settings()
    assert settings.sip.outbound.transport == "udp" and settings.sip.tls_ca_file is None
    monkeypatch.setenv("HOTLINE_SIP__OUTBOUND__PROXY", "sips:pbx.example:5061")
    monkeypatch.setenv("HOTLINE_SIP__TLS_CA_FILE", str(tmp_path / "ca.pem"))
    with pytest.raises(ValueError, match="cannot load the TLS CA file"):
        await build_survey_dialer(load_settings(), sip_port=0, listener_port=1)
    make_ca(tmp_path, "ca")
    dialer = await build_survey_dialer(load_settings(), sip_port=0, listener_port=1)
    try:
        assert dialer.sip.transport == "tls"
        assert dialer.sip.options.tls_ca_file == tmp_path / "ca.pem"
        assert dialer.sip.endpoint.transport.client_tls is not None
        assert dialer.target_for("13800000000") == "sip:13800000000@pbx.example:5061"
    finally:
        await dialer.sip.close()
    with pytest.raises(ValidationError, match="transport"):
        Settings.model_validate({"sip": {"outbound": {"transport": "sctp"}}})
