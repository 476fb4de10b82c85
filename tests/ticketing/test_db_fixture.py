"""The PostgreSQL test switch: skipped locally without a server, a failure on CI."""

from __future__ import annotations

import pytest

from tests.fixtures.db import POSTGRES_ENV, _postgres_base_url


def test_missing_postgres_fails_on_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(POSTGRES_ENV, raising=False)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=POSTGRES_ENV):
        _postgres_base_url()


def test_missing_postgres_skips_locally(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(POSTGRES_ENV, raising=False)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        _postgres_base_url()


def test_postgres_url_is_normalised_to_psycopg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(POSTGRES_ENV, "postgresql://u:p@127.0.0.1:5432/db")
    assert _postgres_base_url().startswith("postgresql+psycopg://")
