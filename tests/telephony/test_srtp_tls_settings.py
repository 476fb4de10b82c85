"""The settings of SRTP and outbound TLS: defaults, overrides and what reaches the
listener and the survey dialer's options."""

from __future__ import annotations

import os

import pytest
from pydantic import ValidationError

from hotline.intake_wiring import listener_options
from hotline.settings import Settings, load_settings
from hotline.survey_dialer import build_survey_dialer


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
