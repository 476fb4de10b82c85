"""`hotline config status`: the short block scripts/start.sh prints before serving — where
data lives and what is missing, with the command that fixes each."""

from __future__ import annotations

from pathlib import Path

from tests.fixtures.cli import HotlineCli

ROOT = Path(__file__).resolve().parents[2]


def test_fresh_machine_lists_what_is_missing_with_fixes(hotline_cli: HotlineCli) -> None:
    result = hotline_cli("config", "status")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    data = hotline_cli.cwd / "var"
    assert f"data directory:  {data}" in out
    assert "speech model:    missing" in out and "fix: hotline model install" in out
    assert "accounts:        nobody can log in" in out
    assert "fix: hotline user add admin --role admin" in out
    assert "outbound route:  none" in out and "sip.outbound.proxy" in out
    assert not data.exists()  # read-only: nothing created

    added = hotline_cli("user", "add", "admin", "--role", "admin", input="pw-123456789\n")
    assert added.exit_code == 0, added.stderr
    hotline_cli.env["HOTLINE_SIP__OUTBOUND__PROXY"] = "sip:127.0.0.1:5070"
    out = hotline_cli("config", "status").stdout
    assert "accounts:" not in out and "outbound route:" not in out
    assert "speech model:    missing" in out


def test_start_script_sets_the_data_dir_and_prints_the_block_before_serving() -> None:
    script = (ROOT / "scripts" / "start.sh").read_text(encoding="utf-8")
    assert 'export HOTLINE_DATA_DIR="${HOTLINE_DATA_DIR:-$ROOT/var}"' in script
    status = script.index('"$VENV/bin/hotline" config status')
    serve = script.index('exec "$VENV/bin/hotline" serve')
    assert status < serve
