"""`hotline db backup` / `hotline db restore` on SQLite (online backup API) and PostgreSQL
(pg_dump / pg_restore): what was there at the backup comes back, what came after goes."""

from __future__ import annotations

from pathlib import Path

from tests.fixtures.cli import HotlineCli


def test_backup_then_restore_brings_the_database_back(
    hotline_cli: HotlineCli, db_url: str, tmp_path: Path
) -> None:
    hotline_cli.env["HOTLINE_DATABASE_URL"] = db_url
    assert hotline_cli("db", "upgrade").exit_code == 0
    added = hotline_cli("user", "add", "wang", "--role", "operator", input="pass-word-1\n")
    assert added.exit_code == 0, added
    target = tmp_path / "hotline.backup"
    done = hotline_cli.run("db", "backup", str(target))  # a real process
    assert done.exit_code == 0, done
    assert target.stat().st_size > 0
    assert hotline_cli("user", "add", "li", "--role", "lead", input="pass-word-2\n").exit_code == 0

    restored = hotline_cli.run("db", "restore", str(target), "--yes")
    assert restored.exit_code == 0, restored
    users = hotline_cli("user", "list").stdout
    assert "wang" in users and "li" not in users


def test_restore_of_a_missing_backup_says_so(hotline_cli: HotlineCli, tmp_path: Path) -> None:
    result = hotline_cli.run("db", "restore", str(tmp_path / "nope.backup"), "--yes")
    assert result.exit_code == 3 and "no backup at" in result.stderr
