"""`hotline serve` binds its HTTP port before start-up loads the speech model and trains the
router: a taken port ends the start at once with a clear message, and while start-up runs
the port is held (no outgoing connection is given it) but refuses connections."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from hotline.http_listener import reserve_http_port
from hotline.startup import EXIT_STARTUP
from tests.fixtures.common import free_port


def test_a_taken_http_port_ends_the_start_before_anything_loads(tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:  # listening, like a running server
        port = taken.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if not k.startswith("HOTLINE_")}
        result = subprocess.run(
            [sys.executable, "-m", "hotline", "serve", "--http-port", str(port)]
            + ["--sip-port", str(free_port())],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=120,
            check=False,
        )
    assert result.returncode == EXIT_STARTUP, result.stderr
    assert f"启动失败 / cannot start: http 127.0.0.1:{port}" in result.stderr
    assert "hotline serving" not in result.stderr  # ended before the app was built


def test_a_reserved_port_refuses_until_it_serves_then_answers() -> None:
    (sock,) = reserve_http_port("127.0.0.1", 0)
    port = sock.getsockname()[1]
    try:
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
        with socket.socket() as other, pytest.raises(OSError):  # held: bound to us
            other.bind(("127.0.0.1", port))

        async def serve_once() -> bytes:
            async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
                writer.write(b"ready")
                await writer.drain()
                writer.close()

            server = await asyncio.start_server(answer, sock=sock)
            async with server:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                data = await reader.read()
                writer.close()
                return data

        assert asyncio.run(serve_once()) == b"ready"
    finally:
        sock.close()


def test_an_unbindable_address_closes_what_it_opened() -> None:
    with pytest.raises(OSError):
        reserve_http_port("192.0.2.1", 0)  # TEST-NET: not an address of this host
