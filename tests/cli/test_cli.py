"""The `hotline` command as an administrator uses it."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from typing import Any

import click
import pytest
from hotline.ticketing import commands as cmd
from hotline.ticketing import services
from hotline.ticketing.model import TranscriptWord
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.routing import Router
from hotline.ticketing.users import Actor, Role

from hotline.catalog_loader import load_catalog
from hotline.cli import main
from tests.fixtures.cli import HotlineCli, free_tcp_port
from tests.fixtures.routing import copy_seed_cache
from tests.fixtures.service import first_healthz, get_json


def _all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _all_commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


@pytest.mark.parametrize("path", _all_commands(main), ids=lambda p: " ".join(p) or "hotline")
def test_help_everywhere(hotline_cli: HotlineCli, path: tuple[str, ...]) -> None:
    result = hotline_cli(*path, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.stdout


def test_config_check_on_defaults_exits_0(hotline_cli: HotlineCli) -> None:
    result = hotline_cli("config", "check")
    assert result.exit_code == 0, result.stderr
    assert "dispatch_minutes: 30" in result.stdout
    assert "change-me-in-production" not in result.stdout  # secrets masked


def test_config_check_on_a_broken_file_names_the_key(hotline_cli: HotlineCli) -> None:
    broken = hotline_cli.cwd / "broken.yaml"
    broken.write_text("deadlines:\n  close_hours: soon\n", encoding="utf-8")
    result = hotline_cli("--config", str(broken), "config", "check")
    assert result.exit_code != 0
    assert "deadlines.close_hours" in result.stderr and "soon" in result.stderr


def test_db_upgrade_is_repeatable(hotline_cli: HotlineCli, db_url: str) -> None:
    hotline_cli.env["HOTLINE_DATABASE_URL"] = db_url
    first = hotline_cli("db", "upgrade")
    assert first.exit_code == 0, first.stderr
    assert "0001" in first.stdout or "revision" in first.stdout
    again = hotline_cli("db", "upgrade")
    assert again.exit_code == 0
    current = hotline_cli("db", "current")
    assert current.exit_code == 0 and current.stdout.strip()


def test_default_database_file_is_created_in_var(hotline_cli: HotlineCli) -> None:
    result = hotline_cli("db", "upgrade")
    assert result.exit_code == 0, result.stderr
    assert (hotline_cli.cwd / "var" / "hotline.db").is_file()


def test_user_add_reads_the_password_from_stdin(hotline_cli: HotlineCli, db_url: str) -> None:
    hotline_cli.env["HOTLINE_DATABASE_URL"] = db_url
    ok = hotline_cli(
        "user",
        "add",
        "wang",
        "--role",
        "operator",
        "--portfolio",
        "water,gas",
        input="pass-word-1\n",
    )
    assert ok.exit_code == 0, ok.stderr
    liaison = hotline_cli(
        "user", "add", "water-li", "--role", "liaison", "--unit", "water", input="pass-word-2\n"
    )
    assert liaison.exit_code == 0, liaison.stderr

    bad_unit = hotline_cli(
        "user", "add", "x", "--role", "liaison", "--unit", "no_such_unit", input="pass-word-3\n"
    )
    assert bad_unit.exit_code != 0 and "no_such_unit" in bad_unit.stderr
    twice = hotline_cli("user", "add", "wang", "--role", "lead", input="pass-word-4\n")
    assert twice.exit_code != 0 and "已存在" in twice.stderr
    short = hotline_cli("user", "add", "y", "--role", "admin", input="short\n")
    assert short.exit_code != 0 and "密码" in short.stderr
    bad_role = hotline_cli("user", "add", "z", "--role", "king", input="pass-word-5\n")
    assert bad_role.exit_code != 0

    listing = hotline_cli("user", "list")
    assert listing.stdout.splitlines() == ["wang\toperator\twater,gas", "water-li\tliaison\twater"]
    database = Database.open(db_url, catalog=load_catalog())
    try:
        user = services.authenticate(database.uow(), "wang", "pass-word-1")
        assert user is not None and user.password_hash.startswith("$argon2")
    finally:
        database.close()


def test_tickets_list_and_show_json(hotline_cli: HotlineCli, db_url: str) -> None:
    hotline_cli.env["HOTLINE_DATABASE_URL"] = db_url
    assert hotline_cli("db", "upgrade").exit_code == 0
    database = Database.open(db_url, catalog=load_catalog())
    try:
        ticket = services.create_draft(
            database.uow(),
            services.NewTicket(
                received_at=datetime(2026, 1, 5, 8, 0, tzinfo=UTC),
                caller_number="13800000000",
                call_id="call-1",
                recording_ref="2026/01/05/call-1.wav",
                machine_text="停水",
                transcript_words=[TranscriptWord("停水", 0.2, 0.8, 0.7)],
                routing_suggestion={"unit": "water", "score": 0.9},
            ),
        )
        assert ticket.id is not None
        op = Actor("wang", Role.OPERATOR)
        services.apply_command(
            database.uow(), ticket.id, cmd.Register(summary="小区停水", request_type="help"), op
        )
        services.apply_command(
            database.uow(), ticket.id, cmd.Dispatch(lead_unit="water", assisting_units=("gas",)), op
        )
        services.create_draft(
            database.uow(),
            services.NewTicket(received_at=datetime(2026, 1, 5, 9, 0, tzinfo=UTC), call_id="c2"),
        )
    finally:
        database.close()

    listed = hotline_cli("tickets", "list", "--json")
    assert listed.exit_code == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [r["state"] for r in rows] == ["draft", "dispatched"]
    only = hotline_cli("tickets", "list", "--state", "dispatched", "--json")
    assert [json.loads(line)["id"] for line in only.stdout.splitlines()] == [ticket.id]
    text = hotline_cli("tickets", "list")
    assert "已派单" in text.stdout and "小区停水" in text.stdout

    shown = hotline_cli("tickets", "show", str(ticket.id), "--json")
    assert shown.exit_code == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["transcript_words"] == [{"word": "停水", "start": 0.2, "end": 0.8, "conf": 0.7}]
    assert data["recording_path"].endswith("var/recordings/2026/01/05/call-1.wav")
    assert data["routing_suggestion"] == {"unit": "water", "score": 0.9}
    assert (data["lead_unit"], data["assisting_units"]) == ("water", ["gas"])
    assert data["received_at"] == "2026-01-05T08:00:00+00:00"
    assert [h["command"] for h in data["history"]] == ["create", "register", "dispatch"]
    assert data["history"][1]["actor"] == "wang"
    assert data["version"] == 3

    human = hotline_cli("tickets", "show", str(ticket.id))
    assert human.exit_code == 0 and "dispatch" in human.stdout
    missing = hotline_cli("tickets", "show", "9999")
    assert missing.exit_code != 0 and "9999" in missing.stderr


def _first_healthz(process: subprocess.Popen[str], port: int) -> tuple[int | None, Any]:
    """The first /healthz answer of a starting `hotline serve`; the process must still be
    running."""
    status, body = first_healthz(port, lambda: process.poll() is None)
    assert process.poll() is None, process.stdout.read() if process.stdout else ""
    return status, body


def test_serve_creates_the_database_and_answers_healthz(
    hotline_cli: HotlineCli, router: Router
) -> None:
    copy_seed_cache(router, hotline_cli.cwd / "var")
    port = free_tcp_port()
    hotline_cli.env["HOTLINE_WEB__HEALTH_DETAILS"] = "true"  # every check's details
    # SIP on a free port too, in case the SIP part is wired in.
    process = hotline_cli.spawn(
        "serve", "--http-port", str(port), "--sip-port", str(free_tcp_port())
    )
    try:
        status, body = _first_healthz(process, port)
        assert status == 200, body
        # No Vosk model in a fresh working directory: calls are still taken (degraded).
        assert body["status"] == "degraded"
        assert body["checks"]["database"]["ok"] is True
        assert body["checks"]["asr_engine"]["status"] == "degraded"
        assert body["checks"]["asr_engine"]["ready"] is False
        assert (hotline_cli.cwd / "var" / "hotline.db").is_file()
    finally:
        process.terminate()
        process.wait(timeout=60)


def test_serve_with_bad_config_exits_2(hotline_cli: HotlineCli) -> None:
    broken = hotline_cli.cwd / "hotline.yaml"  # picked up from the working directory
    broken.write_text("web:\n  port: 99999\n", encoding="utf-8")
    result = hotline_cli.run("serve")
    assert result.exit_code == 2
    assert "web.port" in result.stderr and "99999" in result.stderr


def test_serve_with_an_unusable_database_url_exits_3(hotline_cli: HotlineCli) -> None:
    # A driver that does not exist can never work: no point in waiting for it.
    hotline_cli.env["HOTLINE_DATABASE_URL"] = "postgresql+nosuchdriver://nobody:secret@127.0.0.1/x"
    result = hotline_cli.run("serve", "--http-port", str(free_tcp_port()))
    assert result.exit_code == 3
    assert "database error" in result.stderr and "secret" not in result.stderr


def test_serve_with_unreachable_database_keeps_answering(
    hotline_cli: HotlineCli, router: Router
) -> None:
    """A database server that does not answer: the service runs (calls are journaled, see
    tests/e2e), /healthz says the database is down, the API answers 503 in Chinese."""
    copy_seed_cache(router, hotline_cli.cwd / "var")
    hotline_cli.env["HOTLINE_DATABASE_URL"] = (
        f"postgresql+psycopg://nobody:secret@127.0.0.1:{free_tcp_port()}/none"
    )
    hotline_cli.env["HOTLINE_WEB__HEALTH_DETAILS"] = "true"
    port = free_tcp_port()
    process = hotline_cli.spawn(
        "serve", "--http-port", str(port), "--sip-port", str(free_tcp_port())
    )
    try:
        status, body = _first_healthz(process, port)
        assert status == 503, body
        assert body["checks"]["database"]["ok"] is False
        assert "secret" not in json.dumps(body)
        status, body = get_json(f"http://127.0.0.1:{port}/api/v1/session")
        assert status == 503
        assert body["message"] == "数据库暂时不可用，请稍后重试"
    finally:
        process.terminate()
        assert process.wait(timeout=60) == 0
    output = process.stdout.read() if process.stdout else ""
    assert "database unreachable" in output and "secret" not in output
