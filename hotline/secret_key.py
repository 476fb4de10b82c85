"""The console's session key: configured, or generated once into the data directory.

A packaged default key would let anyone forge a session cookie for any user, so there
is none. `HOTLINE_SECRET_KEY` / `web.secret_key` win when set (placeholders are refused
by hotline.settings); otherwise `hotline serve` generates a random key into
`<data_dir>/secret_key` (mode 0600, created atomically) and reuses it on every start,
so sessions survive restarts. Several nodes behind one balancer must share one key:
set HOTLINE_SECRET_KEY on all of them.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from pydantic import SecretStr

from hotline.settings import (
    GENERATE_KEY_HINT,
    SECRET_KEY_FILE,
    ConfigError,
    Settings,
    secret_origin,
    weak_secret_key,
)

KEY_FILE_MODE = 0o600


def key_file(settings: Settings) -> Path:
    return settings.storage.data_dir / SECRET_KEY_FILE


def mask(value: str) -> str:
    return f"{value[:2]}…({len(value)} characters)"


def secret_key_source(settings: Settings) -> str:
    """Where the session key comes from, for `hotline config check` (the value masked)."""
    if settings.web.secret_key is not None:
        value = settings.web.secret_key.get_secret_value()
        return f"{secret_origin(settings._source_file)}: {mask(value)}"
    path = key_file(settings)
    if path.is_file():
        return f"generated file {path}: {mask(_read_key(path))}"
    return f"not generated yet: `hotline serve` creates {path} (mode 0600) on first start"


def _read_key(path: Path) -> str:
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        raise ConfigError(
            f"{path} is readable by other users (mode {mode:o}): run `chmod 600 {path}`"
        )
    value = path.read_text(encoding="utf-8").strip()
    problem = weak_secret_key(value)
    if problem is not None:
        raise ConfigError(
            f"{path} {problem}: delete it to have a new one generated (everyone is logged "
            f"out), or set HOTLINE_SECRET_KEY, e.g. to $({GENERATE_KEY_HINT})"
        )
    return value


def _create_key_file(path: Path) -> None:
    """Write a new key next to `path`, then link it into place: readers never see a half
    file, and when two processes race the first link wins and both use that key."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, KEY_FILE_MODE)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(secrets.token_urlsafe(48) + "\n")
            f.flush()
            os.fsync(f.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def ensure_secret_key(settings: Settings) -> Settings:
    """`settings` with web.secret_key set: the configured one, else the generated file's
    (created on first call). Raises ConfigError when the file is unusable."""
    if settings.web.secret_key is not None:
        return settings
    path = key_file(settings)
    if not path.exists():
        _create_key_file(path)
    settings.web.secret_key = SecretStr(_read_key(path))
    return settings
