"""The image's commands, run outside Docker the way the image runs them (no Docker engine
here): the Dockerfile's ENV with /data and /models mapped to temporary folders, the working
directory the image's WORKDIR, then `hotline config check`, `hotline db upgrade` and the CMD
`hotline serve`, which must answer /healthz."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from hotline.ticketing.routing import Router

from tests.fixtures.cli import free_tcp_port
from tests.fixtures.routing import copy_seed_cache

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "docker" / "Dockerfile"


def image_env() -> dict[str, str]:
    """The ENV instruction's variables (one ENV block, `KEY=VALUE \\` lines)."""
    text = DOCKERFILE.read_text(encoding="utf-8")
    block = re.search(r"^ENV (.+?)(?<!\\)\n", text, flags=re.M | re.S)
    assert block is not None
    return dict(re.findall(r"(HOTLINE_\w+)=(\S+)", block.group(1)))


def image_cmd() -> list[str]:
    match = re.search(r"^CMD (\[.*\])$", DOCKERFILE.read_text(encoding="utf-8"), flags=re.M)
    assert match is not None
    return list(json.loads(match.group(1)))


def _env(data: Path, models: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOTLINE_")}
    for key, value in image_env().items():
        env[key] = value.replace("/data", str(data)).replace("/models", str(models))
    env.update(extra)
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    assert args[0] == "hotline"
    return subprocess.run(
        [sys.executable, "-m", "hotline", *args[1:]],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_image_commands_outside_docker(router: Router, tmp_path: Path) -> None:
    data = tmp_path / "data"  # WORKDIR /data, HOTLINE_DATA_DIR=/data
    copy_seed_cache(router, data)
    models = tmp_path / "models"
    http, sip = free_tcp_port(), free_tcp_port()
    env = _env(data, models, HOTLINE_HTTP_PORT=str(http), HOTLINE_SIP_PORT=str(sip))

    checked = _run(["hotline", "config", "check"], data, env)
    assert checked.returncode == 0, checked.stderr
    assert f"# data directory: {data}" in checked.stdout
    assert "not generated yet" in checked.stdout  # no secret baked into the image

    upgraded = _run(["hotline", "db", "upgrade"], data, env)
    assert upgraded.returncode == 0, upgraded.stderr
    assert (data / "hotline.db").is_file()  # in the data volume, not the image

    process = subprocess.Popen(
        [sys.executable, "-m", "hotline", *image_cmd()[1:]],
        cwd=data,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        status = None
        for _ in range(1800):  # a loaded machine may take a while to start
            if process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{http}/healthz", timeout=5) as r:
                    status, body = r.status, json.loads(r.read())
                break
            except urllib.error.HTTPError as exc:
                status, body = exc.code, json.loads(exc.read())
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        assert process.poll() is None, process.stdout.read() if process.stdout else ""
        # No model in the models volume yet: degraded, still in rotation.
        assert status == 200, body
        assert body["status"] == "degraded" and "checks" not in body
        key = data / "secret_key"
        assert stat.S_IMODE(key.stat().st_mode) == 0o600  # generated into the data volume
    finally:
        process.terminate()
        process.wait(timeout=60)
