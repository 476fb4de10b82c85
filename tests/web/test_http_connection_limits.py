"""The console's HTTP listener under connection floods, on the wire: raw sockets against a
real `hotline serve` with small limits (hotline/http_listener.py)."""

from __future__ import annotations

import contextlib
import socket
import time
import urllib.request
from collections.abc import Iterator

import pytest
from hotline.ticketing.routing import Router

from hotline.http_listener import ConnectionBudget
from tests.fixtures.routing import copy_seed_cache
from tests.fixtures.service import HotlineServer, make_server

PER_SOURCE = 4
TOTAL = 6
IDLE_SECONDS = 2


def test_budget_counts_per_source_and_in_all() -> None:
    budget = ConnectionBudget(max_total=3, max_per_source=2)
    assert budget.admit("a") and budget.admit("a")
    assert not budget.admit("a")  # its own ceiling
    assert budget.admit("b")
    assert not budget.admit("c")  # the total ceiling, whoever asks
    budget.release("a")
    assert budget.admit("c")
    assert budget.refused == 2
    for source in ("a", "b", "c"):
        budget.release(source)
    assert budget.total == 0 and not budget.open_by_source


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, router: Router) -> Iterator[HotlineServer]:
    workdir = tmp_path_factory.mktemp("http-limits")
    node = make_server(
        workdir,
        database_url=f"sqlite:///{workdir / 'var' / 'hotline.db'}",
        model_dir=workdir / "no-model",  # not needed here: the service starts degraded
        extra_env={
            "HOTLINE_WEB__MAX_CONNECTIONS_PER_SOURCE": str(PER_SOURCE),
            "HOTLINE_WEB__MAX_CONNECTIONS": str(TOTAL),
            "HOTLINE_WEB__IDLE_TIMEOUT_SECONDS": str(IDLE_SECONDS),
        },
    )
    copy_seed_cache(router, workdir / "var")
    node.start(280)
    node.wait_healthz()
    try:
        yield node
    finally:
        assert node.terminate() == 0


def _connect(port: int, source: str = "127.0.0.1") -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((source, 0))
    sock.connect(("127.0.0.1", port))
    return sock


def _closed_by_server(sock: socket.socket, within: float) -> bool:
    """True when the server ends the connection (EOF or reset) within `within` seconds."""
    sock.settimeout(within)
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def _healthz_from(port: int, source: str) -> int:
    with contextlib.closing(_connect(port, source)) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        sock.settimeout(10)
        head = sock.recv(64)
    return int(head.split()[1])


@pytest.mark.slow
@pytest.mark.timeout(400)
def test_one_address_cannot_hold_every_connection(server: HotlineServer) -> None:
    held = [_connect(server.http_port) for _ in range(PER_SOURCE)]
    try:
        extra = _connect(server.http_port)
        assert _closed_by_server(extra, within=5), "a connection over the per-source limit"
        extra.close()
        # Another address still gets the console.
        assert _healthz_from(server.http_port, "127.0.0.2") in (200, 503)
        # Up to the total: two more from a second address, then nobody.
        others = [_connect(server.http_port, "127.0.0.2") for _ in range(TOTAL - PER_SOURCE)]
        late = _connect(server.http_port, "127.0.0.3")
        assert _closed_by_server(late, within=5), "a connection over the total limit"
        late.close()
        for sock in others:
            sock.close()
    finally:
        for sock in held:
            sock.close()
    time.sleep(0.5)  # the server sees the closes
    # Closed connections give their places back.
    with urllib.request.urlopen(f"http://127.0.0.1:{server.http_port}/healthz", timeout=10):
        pass


@pytest.mark.slow
@pytest.mark.timeout(400)
def test_idle_and_slowly_dripped_heads_are_closed(server: HotlineServer) -> None:
    idle = _connect(server.http_port)
    drip = _connect(server.http_port)
    try:
        drip.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        deadline = time.monotonic() + IDLE_SECONDS * 5
        dripped_until_closed = False
        while time.monotonic() < deadline:
            try:
                drip.sendall(b"X-Slow: 1\r\n")  # a header line, never the blank line
            except (BrokenPipeError, ConnectionResetError):
                dripped_until_closed = True
                break
            if _closed_by_server(drip, within=0.5):
                dripped_until_closed = True
                break
        assert dripped_until_closed, "a head dripped for 5× the idle timeout stayed open"
        assert _closed_by_server(idle, within=IDLE_SECONDS * 3), "an idle connection stayed open"
    finally:
        idle.close()
        drip.close()


@pytest.mark.slow
@pytest.mark.timeout(400)
def test_keep_alive_connection_serves_requests_then_idles_out(server: HotlineServer) -> None:
    with contextlib.closing(_connect(server.http_port)) as sock:
        for _ in range(2):  # a complete request resets nothing but is answered every time
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            sock.settimeout(10)
            answer = b""
            while b"\r\n\r\n" not in answer:
                answer += sock.recv(4096)
            assert answer.startswith(b"HTTP/1.1 "), answer
            head, _, body = answer.partition(b"\r\n\r\n")
            length = int(
                next(
                    line.split(b":")[1]
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
            )
            while len(body) < length:
                body += sock.recv(4096)
        assert _closed_by_server(sock, within=IDLE_SECONDS * 3)
