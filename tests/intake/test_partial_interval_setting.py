"""`asr.partial_interval` sets how often a call's live transcript reaches the console: the
value from settings is the interval intake's throttle uses, the shipped default.yaml says
0.5 s, and a value outside 0.1–10 s is refused with the key named."""

from __future__ import annotations

from pathlib import Path

import pytest
from hotline.ticketing.persistence.database import Database
from pydantic import ValidationError

from hotline.intake_wiring import build_intake_runtime
from hotline.settings import DEFAULT_CONFIG_FILE, Settings, load_settings
from tests.fixtures.runtime import database_url, runtime_settings


async def test_the_setting_is_the_throttle_interval(tmp_path: Path, database: Database) -> None:
    settings = runtime_settings(tmp_path, database_url(database))
    settings.asr.partial_interval = 0.3
    runtime = build_intake_runtime(settings, database, sip_port=0)
    throttle = runtime.service.throttle
    assert throttle.interval == 0.3
    assert throttle.allow("c1", "一")
    assert not throttle.allow("c1", "一 二")  # inside the interval: held, not sent


def test_the_shipped_default_is_half_a_second() -> None:
    assert load_settings(DEFAULT_CONFIG_FILE).asr.partial_interval == 0.5


@pytest.mark.parametrize("value", [0, 0.05, 11])
def test_an_interval_out_of_range_is_refused(value: float) -> None:
    with pytest.raises(ValidationError, match="partial_interval"):
        Settings(asr={"partial_interval": value})
