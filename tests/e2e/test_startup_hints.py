"""Start-up tells the administrator how to get into the console: its URL, and how to create
the first account when nobody can log in yet."""

from __future__ import annotations

from pathlib import Path

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.users import Role, User

from hotline.service_context import ServiceContext
from hotline.settings import Settings
from hotline.startup_hints import account_hint, console_url
from tests.fixtures.service import make_server

HINT = "hotline user add NAME --role operator"


def _user(role: Role, active: bool = True) -> User:
    unit = "water" if role is Role.LIAISON else None
    return User(name=f"u-{role}", role=role, password_hash="x", active=active, unit_id=unit)


@pytest.mark.parametrize(
    ("users", "hinted"),
    [
        ([], True),
        ([_user(Role.LIAISON)], True),  # a unit liaison cannot administer or dispatch
        ([_user(Role.OPERATOR, active=False)], True),
        ([_user(Role.LIAISON), _user(Role.OPERATOR)], False),
        ([_user(Role.LEAD)], False),
        ([_user(Role.ADMIN)], False),
    ],
)
def test_hint_only_when_nobody_can_log_in(users: list[User], hinted: bool) -> None:
    hint = account_hint(users, "http://127.0.0.1:8080/console")
    assert (hint is not None) == hinted
    if hint is not None:
        assert HINT in hint and "hotline user add 姓名 --role operator" in hint
        assert "http://127.0.0.1:8080/console" in hint


@pytest.mark.parametrize(
    ("web", "url"),
    [
        ({"host": "127.0.0.1"}, "http://127.0.0.1:9000/console"),
        ({"host": "0.0.0.0"}, "http://127.0.0.1:9000/console"),
        ({"host": "::1"}, "http://[::1]:9000/console"),
        ({"base_url": "https://hotline.example.cn/"}, "https://hotline.example.cn/console"),
    ],
)
def test_console_url(web: dict[str, str], url: str) -> None:
    settings = Settings(web=web)
    ctx = ServiceContext(
        settings=settings,
        database=None,  # type: ignore[arg-type]
        catalog=None,  # type: ignore[arg-type]
        http_host=settings.web.host,
        http_port=9000,
    )
    assert console_url(ctx) == url


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_serve_says_how_to_create_the_first_account(
    sqlite_url: str, tmp_path: Path, router: Router
) -> None:
    # `router`: the seed model's cache in the data directory, so the start does not train
    # it (minutes of CPU on a loaded two-core machine, and nothing this test is about).
    srv = make_server(
        tmp_path / "srv", database_url=sqlite_url, model_dir=tmp_path / "no-model", router=router
    )
    console = f"http://127.0.0.1:{srv.http_port}/console"
    try:
        srv.start()
        log = srv.wait_log("hotline user add")
        assert HINT in log and console in log
        assert f"控制台 / console: {console}" in log
    finally:
        assert srv.terminate() == 0
    srv.add_user("wang", "operator", "pass-word-1")
    offset = len(srv.log_text())
    try:
        srv.start()
        srv.wait_healthz()  # up: the hint, if any, was logged before
    finally:
        assert srv.terminate() == 0
    again = srv.log_text()[offset:]
    assert f"控制台 / console: {console}" in again
    assert "hotline user add" not in again  # an operator exists now
