"""`hotline user disable|enable|unlock|add --integration|passwd` and `hotline token …` on
SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from hotline.ticketing.persistence.database import Database
from hotline.ticketing.web import auth_store, store
from hotline.ticketing.web.auth import hash_token

from hotline.catalog_loader import load_catalog
from tests.fixtures.cli import HotlineCli


def _open(db_url: str) -> Database:
    return Database.open(db_url, catalog=load_catalog())


def test_tokens_only_for_integration_accounts_listed_without_secret(
    hotline_cli: HotlineCli, db_url: str
) -> None:
    hotline_cli.env["HOTLINE_DATABASE_URL"] = db_url
    add = hotline_cli(
        "user", "add", "mailbox", "--role", "operator", "--integration", input="Mailbox-Bot-2026\n"
    )
    assert add.exit_code == 0, add.stderr
    assert (
        hotline_cli("user", "add", "wang", "--role", "operator", input="Wang-Desk-77\n").exit_code
        == 0
    )
    assert "(integration)" in hotline_cli("user", "list").stdout

    refused = hotline_cli("token", "create", "wang")
    assert refused.exit_code != 0 and "集成账号" in refused.stderr
    too_long = hotline_cli("token", "create", "mailbox", "--days", "1000")
    assert too_long.exit_code != 0

    made = hotline_cli("token", "create", "mailbox", "--scope", "intake", "--label", "市长信箱")
    assert made.exit_code == 0, made.stderr
    secret = made.stdout.strip()
    assert secret.startswith("hl_")
    listing = hotline_cli("token", "list").stdout
    assert secret[:10] in listing and secret not in listing
    assert "\tmailbox\t" in listing and "\tintake\tactive\t" in listing

    database = _open(db_url)
    try:
        record = auth_store.token_by_hash(database, hash_token(secret))
        assert record is not None and record.scopes == ("intake",)
        assert record.expires_at is not None
        assert record.expires_at - record.created_at == timedelta(days=90)
        revoked = hotline_cli("token", "revoke", str(record.id))
        assert revoked.exit_code == 0, revoked.stderr
        assert hotline_cli("token", "revoke", str(record.id)).exit_code != 0
        assert "\trevoked\t" in hotline_cli("token", "list", "--user", "mailbox").stdout
        actions = [e["action"] for e in store.audit_entries(database)]
        assert "token_created" in actions and "token_revoked" in actions
    finally:
        database.close()


def test_unlock_disable_enable_and_passwd(hotline_cli: HotlineCli, db_url: str) -> None:
    hotline_cli.env["HOTLINE_DATABASE_URL"] = db_url
    assert (
        hotline_cli("user", "add", "li", "--role", "lead", input="Li-Centre-2026\n").exit_code == 0
    )
    database = _open(db_url)
    try:
        limits = auth_store.Limits(timedelta(minutes=15), per_pair=5, per_address=30, lock_at=2)
        for address in ("10.0.0.1", "10.0.0.2"):
            auth_store.reserve_login(database, "li", address, database.clock(), limits)
            auth_store.login_failed(database, "li", address, limits)
        assert auth_store.locked_users(database) == ["li"]
        assert "(locked)" in hotline_cli("user", "list").stdout
        unlocked = hotline_cli("user", "unlock", "li")
        assert unlocked.exit_code == 0 and "已解锁" in unlocked.stdout
        assert auth_store.locked_users(database) == []
        assert hotline_cli("user", "unlock", "nobody").exit_code != 0

        now = database.clock()
        session = auth_store.SessionRecord(
            "h" * 64, "li", "csrf", "cred", now, now, now + timedelta(hours=1), None, ""
        )
        auth_store.create_session(database, session, "127.0.0.1")
        weak = hotline_cli("user", "passwd", "li", input="password123\n")
        assert weak.exit_code != 0 and "常见" in weak.stderr
        changed = hotline_cli("user", "passwd", "li", input="Li-Centre-2027\n")
        assert changed.exit_code == 0, changed.stderr
        ended = auth_store.load_session(database, "h" * 64)
        assert ended is not None and ended.end_reason == "password"

        assert hotline_cli("user", "disable", "li").exit_code == 0
        assert "(disabled)" in hotline_cli("user", "list").stdout
        assert hotline_cli("user", "enable", "li").exit_code == 0
        assert "(disabled)" not in hotline_cli("user", "list").stdout
        named = hotline_cli("user", "add", "zhao123456", "--role", "lead", input="ZHAO123456\n")
        assert named.exit_code != 0 and "用户名" in named.stderr
    finally:
        database.close()
