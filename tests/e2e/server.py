"""`hotline serve` as a real subprocess, and the `hotline tickets` CLI to look at its work."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
import wave
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.fixtures.cli import hotline_argv
from tests.fixtures.sip import free_port, tone_pcm

READY_LINE = "SIP listener on"


def write_tone_wav(path: Path, seconds: float = 0.3) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(tone_pcm(seconds))
    return path


@dataclass
class HotlineServer:
    workdir: Path
    env: dict[str, str]
    sip_port: int
    http_port: int
    log_path: Path
    proc: subprocess.Popen[bytes] | None = None
    starts: int = 0
    extra_args: list[str] = field(default_factory=list)

    # ---- process ------------------------------------------------------------------------

    def start(self, timeout: float = 120) -> HotlineServer:
        """Start `hotline serve` and wait until its SIP listener is up."""
        self.starts += 1
        offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        log = open(self.log_path, "ab")  # noqa: SIM115 - the child keeps it open
        argv = hotline_argv("serve", "--sip-port", str(self.sip_port))
        argv += ["--http-port", str(self.http_port), *self.extra_args]
        self.proc = subprocess.Popen(
            argv, cwd=self.workdir, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        log.close()
        self.wait_log(READY_LINE, timeout, offset=offset)
        return self

    def wait_log(self, text: str, timeout: float = 60, offset: int = 0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            content = self.log_text()[offset:]
            if text in content:
                return content
            if self.proc is not None and self.proc.poll() is not None:
                raise AssertionError(f"hotline serve exited ({self.proc.returncode}):\n{content}")
            time.sleep(0.2)
        raise AssertionError(f"{text!r} not logged within {timeout} s:\n{self.log_text()[-4000:]}")

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kill9(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(30)

    def terminate(self, timeout: float = 90) -> int:
        """SIGTERM and wait: the graceful shutdown path."""
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else 0
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise

    # ---- the CLI ------------------------------------------------------------------------

    def cli(self, *args: str, input: str | None = None) -> str:
        result = subprocess.run(
            hotline_argv(*args),
            cwd=self.workdir,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            input=input,
        )
        if result.returncode != 0:
            raise AssertionError(f"hotline {' '.join(args)}: {result.stderr}")
        return result.stdout

    def add_user(self, name: str, role: str, password: str) -> None:
        self.cli("user", "add", name, "--role", role, input=password + "\n")

    # ---- HTTP ---------------------------------------------------------------------------

    def http_json(self, path: str, *, login: tuple[str, str] | None = None) -> tuple[int, Any]:
        """GET `path` (after logging in to the console API as `login`): status and JSON."""
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        base = f"http://127.0.0.1:{self.http_port}"
        try:
            if login is not None:
                body = json.dumps({"username": login[0], "password": login[1]}).encode()
                request = urllib.request.Request(
                    base + "/api/v1/session/login",
                    data=body,
                    headers={"Content-Type": "application/json"},
                )
                opener.open(request, timeout=30).close()
            with opener.open(base + path, timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())

    def tickets(self) -> list[dict[str, Any]]:
        out = self.cli("tickets", "list", "--json", "--limit", "1000")
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def show(self, ticket_id: int) -> dict[str, Any]:
        return json.loads(self.cli("tickets", "show", str(ticket_id), "--json"))

    def wait_ticket(
        self, ready: Callable[[dict[str, Any]], bool], timeout: float = 90
    ) -> dict[str, Any]:
        """Poll `hotline tickets list --json` until a ticket matches; return it in full."""
        deadline = time.monotonic() + timeout
        seen: list[dict[str, Any]] = []
        while time.monotonic() < deadline:
            seen = self.tickets()
            for t in seen:
                if ready(t):
                    return self.show(int(t["id"]))
            time.sleep(0.5)
        raise AssertionError(
            f"no matching ticket in {timeout} s: {seen}\n{self.log_text()[-4000:]}"
        )


def make_server(
    workdir: Path,
    *,
    database_url: str,
    model_dir: Path,
    extra_env: dict[str, str] | None = None,
) -> HotlineServer:
    """A configured (not started) server in `workdir` with free SIP/HTTP/RTP ports."""
    workdir.mkdir(parents=True, exist_ok=True)
    rtp = free_port()
    env = dict(os.environ)
    for key in list(env):
        if key.startswith("HOTLINE_") and key != "HOTLINE_TEST_POSTGRES_URL":
            del env[key]
    env.update(
        {
            "HOTLINE_DATABASE_URL": database_url,
            "HOTLINE_RECORDINGS_DIR": str(workdir / "var" / "recordings"),
            "HOTLINE_MODEL_PATH": str(model_dir),
            "HOTLINE_SIP__GREETING_WAV": str(write_tone_wav(workdir / "greeting.wav")),
            "HOTLINE_SIP__RTP_PORT_MIN": str(max(10000, rtp - 1000)),
            "HOTLINE_SIP__RTP_PORT_MAX": str(min(65000, rtp + 1000)),
            "HOTLINE_SIP__TRANSPORTS": '["udp"]',
            "HOTLINE_STORAGE__PROMPTS_DIR": str(workdir / "var" / "prompts"),
            "HOTLINE_SIP__SHUTDOWN_GRACE_SECONDS": "30",
            **(extra_env or {}),
        }
    )
    return HotlineServer(
        workdir=workdir,
        env=env,
        sip_port=free_port(),
        http_port=free_port(),
        log_path=workdir / "serve.log",
    )
