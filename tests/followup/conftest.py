"""The 回访 web API served for the tests of this folder, and the survey-call fixtures
(`make_dialer`, `survey`: tests/fixtures/survey.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from hotline.ticketing.followup.service import FollowupService
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.web.followup_api import followup_web_extension

from tests.fixtures.survey import make_dialer, survey  # noqa: F401 (fixtures for this folder)
from tests.fixtures.web import WebEnv, served_web


@pytest.fixture
async def env(
    database: Database, followup_service: FollowupService, tmp_path: Path
) -> AsyncIterator[WebEnv]:
    """The web app with the follow-up extension on the test FollowupService."""
    extensions = [followup_web_extension(followup_service)]
    async with served_web(database, tmp_path, extensions=extensions) as env:
        yield env
