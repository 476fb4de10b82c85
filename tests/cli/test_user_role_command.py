"""`hotline user role NAME --role … [--unit …]`: the same account code as the console's
用户管理 page (ticketing.web.accounts), on SQLite and PostgreSQL."""

from __future__ import annotations

from hotline.ticketing.persistence.database import Database
from hotline.ticketing.web import store

from hotline.catalog_loader import load_catalog
from tests.fixtures.cli import HotlineCli


def test_role_change_checks_the_unit_and_is_audited(hotline_cli: HotlineCli, db_url: str) -> None:
    hotline_cli.env["HOTLINE_DATABASE_URL"] = db_url
    assert (
        hotline_cli("user", "add", "sun", "--role", "operator", input="Sun-Desk-2026\n").exit_code
        == 0
    )
    no_unit = hotline_cli("user", "role", "sun", "--role", "liaison")
    assert no_unit.exit_code != 0 and "联络员必须绑定" in no_unit.stderr
    unknown = hotline_cli("user", "role", "sun", "--role", "liaison", "--unit", "nowhere")
    assert unknown.exit_code != 0 and "单位不存在" in unknown.stderr
    changed = hotline_cli("user", "role", "sun", "--role", "liaison", "--unit", "heating")
    assert changed.exit_code == 0, changed.stderr
    assert "sun\tliaison\theating" in hotline_cli("user", "list").stdout
    missing = hotline_cli("user", "role", "nobody", "--role", "lead")
    assert missing.exit_code != 0 and "用户不存在" in missing.stderr
    database = Database.open(db_url, catalog=load_catalog())
    try:
        actions = [(e["actor"], e["action"]) for e in store.audit_entries(database)]
    finally:
        database.close()
    assert ("cli", "user_role_changed") in actions and ("cli", "user_added") in actions
