"""One data directory: made absolute once at load, relative data paths resolved against it;
read commands started elsewhere say where they looked instead of creating an empty database."""

from __future__ import annotations

from pathlib import Path

import pytest

from hotline.settings import load_settings
from tests.fixtures.cli import HotlineCli


def test_relative_data_paths_resolve_against_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HOTLINE_DATA_DIR", "HOTLINE_CONFIG", "HOTLINE_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "elsewhere" / "data"
    monkeypatch.setenv("HOTLINE_DATA_DIR", str(data))
    settings = load_settings()
    assert settings.storage.data_dir == data
    assert settings.storage.database_url == f"sqlite:///{data}/hotline.db"
    assert settings.storage.recordings_dir == data / "recordings"
    assert settings.storage.prompts_dir == data / "prompts"
    assert settings.asr.model_path == data / "models" / "vosk-model-small-cn-0.22"
    # Absolute paths and server URLs are left alone.
    monkeypatch.setenv("HOTLINE_RECORDINGS_DIR", "/srv/rec")
    monkeypatch.setenv("HOTLINE_DATABASE_URL", "postgresql+psycopg://u:p@db/hotline")
    settings = load_settings()
    assert settings.storage.recordings_dir == Path("/srv/rec")
    assert settings.storage.database_url == "postgresql+psycopg://u:p@db/hotline"


def test_relative_data_dir_is_made_absolute_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOTLINE_DATA_DIR", "state")
    monkeypatch.delenv("HOTLINE_DATABASE_URL", raising=False)
    settings = load_settings()
    monkeypatch.chdir("/")  # moving later changes nothing
    assert settings.storage.data_dir == tmp_path / "state"
    assert settings.storage.database_url == f"sqlite:///{tmp_path}/state/hotline.db"


def test_read_commands_elsewhere_fail_instead_of_creating_a_database(
    hotline_cli: HotlineCli, tmp_path: Path
) -> None:
    assert hotline_cli("db", "upgrade").exit_code == 0
    data = hotline_cli.cwd / "var"
    assert (data / "hotline.db").is_file()

    other = tmp_path / "other"
    other.mkdir()
    elsewhere = HotlineCli(other, {})
    for args in (
        ("tickets", "list"),
        ("tickets", "show", "1"),
        ("user", "list"),
        ("followup", "list"),
    ):
        result = elsewhere.run(*args)
        assert result.exit_code == 3, (args, result.stdout, result.stderr)
        assert f"no database: {other / 'var' / 'hotline.db'} does not exist" in result.stderr
        assert "HOTLINE_DATA_DIR" in result.stderr
    current = elsewhere.run("db", "current")
    assert current.exit_code == 0 and "no database at" in current.stdout
    assert not (other / "var").exists()  # nothing created

    # Pointed at the real data directory, the same command works from anywhere.
    pointed = HotlineCli(other, {"HOTLINE_DATA_DIR": str(data)})
    listed = pointed.run("tickets", "list")
    assert listed.exit_code == 0, listed.stderr
    assert not (other / "var").exists()


def test_user_add_creates_the_database(hotline_cli: HotlineCli) -> None:
    added = hotline_cli("user", "add", "admin1", "--role", "admin", input="pw-123456789\n")
    assert added.exit_code == 0, added.stderr
    assert (hotline_cli.cwd / "var" / "hotline.db").is_file()
    listed = hotline_cli("user", "list")
    assert "admin1\tadmin" in listed.stdout
