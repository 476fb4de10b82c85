"""The console's HTTP listener: aiohttp's runner behind a per-connection guard.

aiohttp alone accepts every TCP connection and keeps each one (a parser, a handler task,
buffers: ~60 KB) until its keep-alive timer fires, so a few thousand idle sockets or
half-sent request heads from one address exhaust the node. The guard here:

- admits at most `web.max_connections` connections, `web.max_connections_per_source` of
  them from one client address; any other connection is aborted at once, before aiohttp
  sees a byte of it;
- sets aiohttp's keep-alive timer to `web.idle_timeout_seconds`. aiohttp arms that timer
  when a connection opens and after every response, and closes the connection when it fires
  while no complete request head has arrived — an idle socket and a slowly dripped head
  (slowloris) both end there. Requests being handled (the live queue's event stream
  included) are not affected.

`run_http` replaces `aiohttp.web.run_app` (which has no hook for the connection factory)
and keeps its behaviour: SIGINT/SIGTERM end the loop, then the runner's cleanup runs the
application's shutdown and cleanup steps (the SIP listener drains its calls there).

`reserve_http_port` binds the port before start-up loads the speech model and trains the
router (tens of seconds): a port that is taken fails the start at once, and no outgoing
connection can be given the port meanwhile. The sockets listen only once the app is ready,
so until then a client is refused, as before, rather than left waiting.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import web

log = logging.getLogger("hotline.http")


@dataclass
class ConnectionBudget:
    """How many connections are open, in all and per client address. No I/O."""

    max_total: int
    max_per_source: int
    open_by_source: Counter[str] = field(default_factory=Counter)
    total: int = 0
    refused: int = 0

    def admit(self, source: str) -> bool:
        if self.total >= self.max_total or self.open_by_source[source] >= self.max_per_source:
            self.refused += 1
            return False
        self.total += 1
        self.open_by_source[source] += 1
        return True

    def release(self, source: str) -> None:
        self.total -= 1
        self.open_by_source[source] -= 1
        if self.open_by_source[source] <= 0:
            del self.open_by_source[source]


class _GuardedConnection(asyncio.Protocol):
    """Asks the budget before handing the connection to aiohttp's protocol."""

    def __init__(self, inner: asyncio.Protocol, budget: ConnectionBudget) -> None:
        self._inner = inner
        self._budget = budget
        self._source: str | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        peer = transport.get_extra_info("peername")
        source = str(peer[0]) if isinstance(peer, tuple) and peer else "?"
        if not self._budget.admit(source):
            if self._budget.refused % 100 == 1:  # a flood logs a line per hundred
                log.warning(
                    "HTTP 连接数已达上限，已拒绝 %s 的连接 / connection limit reached: "
                    "refused %s (%d refused so far)",
                    source,
                    source,
                    self._budget.refused,
                )
            transport.abort()  # type: ignore[attr-defined]
            return
        self._source = source
        self._inner.connection_made(transport)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._source is None:
            return  # refused: aiohttp never saw it
        self._budget.release(self._source)
        self._source = None
        self._inner.connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._source is not None:
            self._inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self._inner.eof_received() if self._source is not None else None

    def pause_writing(self) -> None:
        self._inner.pause_writing()

    def resume_writing(self) -> None:
        self._inner.resume_writing()


def reserve_http_port(host: str, port: int) -> list[socket.socket]:
    """One bound, not yet listening socket per address `host` resolves to; OSError (the
    sockets closed) when any cannot be bound."""
    sockets: list[socket.socket] = []
    try:
        infos = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP, flags=socket.AI_PASSIVE
        )
        for family, kind, proto, _, address in dict.fromkeys(infos):
            sock = socket.socket(family, kind, proto)
            sockets.append(sock)
            # As asyncio's create_server: a restart may bind while old connections linger.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            sock.bind(address)
            sock.setblocking(False)
    except OSError:
        for sock in sockets:
            sock.close()
        raise
    return sockets


class _GuardedSite(web.BaseSite):
    def __init__(
        self, runner: web.BaseRunner, sock: socket.socket, budget: ConnectionBudget
    ) -> None:
        super().__init__(runner)
        self._sock = sock
        self._budget = budget

    @property
    def name(self) -> str:
        host, port = self._sock.getsockname()[:2]
        return (
            f"http://[{host}]:{port}"
            if self._sock.family == socket.AF_INET6
            else (f"http://{host}:{port}")
        )

    async def start(self) -> None:
        await super().start()
        server = self._runner.server
        assert server is not None  # the runner is set up before its sites start
        factory: Callable[[], asyncio.Protocol] = lambda: _GuardedConnection(  # noqa: E731
            server(), self._budget
        )
        # BaseSite.stop closes what is kept in _server; listening starts here.
        self._server = await asyncio.get_running_loop().create_server(
            factory, sock=self._sock, backlog=128
        )


async def _serve(
    app: web.Application, sockets: list[socket.socket], budget: ConnectionBudget, idle: float
) -> None:
    runner = web.AppRunner(app, handle_signals=True, keepalive_timeout=idle)
    await runner.setup()
    try:
        for sock in sockets:
            await _GuardedSite(runner, sock, budget).start()
        await asyncio.Event().wait()  # until a signal raises GracefulExit
    finally:
        await runner.cleanup()


def run_http(
    app: web.Application,
    *,
    sockets: list[socket.socket],
    max_connections: int,
    max_connections_per_source: int,
    idle_timeout_seconds: float,
    loop: asyncio.AbstractEventLoop,
) -> None:
    """Serve `app` on the sockets of `reserve_http_port` until SIGINT/SIGTERM, then run its
    shutdown and cleanup; OSError when they cannot listen."""
    budget = ConnectionBudget(max_connections, max_connections_per_source)
    asyncio.set_event_loop(loop)
    main = loop.create_task(_serve(app, sockets, budget, idle_timeout_seconds))
    try:
        loop.run_until_complete(main)
    except (web.GracefulExit, KeyboardInterrupt):
        pass
    finally:
        try:
            if not main.done():
                main.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    loop.run_until_complete(main)
        finally:
            _cancel_remaining(loop)
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()


def _cancel_remaining(loop: asyncio.AbstractEventLoop) -> None:
    tasks = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in tasks:
        task.cancel()
    if tasks:
        loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
