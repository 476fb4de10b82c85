"""`hotline serve` with the database away: answer calls anyway, catch up when it returns.

What start-up does with the database (decided in `first_attempt`):

| database URL / first migration              | result                                         |
|---------------------------------------------|------------------------------------------------|
| unknown driver, unparsable URL              | exit 3: it can never work, fix the settings    |
| SQLite file that cannot be migrated         | exit 3: a local file, no server to wait for    |
| server answers, migration succeeds          | ready: every part starts at once               |
| server unreachable (refused, timeout, auth) | start without it: calls are answered, recorded |
|                                             | and journaled; `DatabaseGate.run` retries      |
| server answers but refuses the migration    | exit 3: a bug or missing rights, not an outage |

Waiting (`DatabaseGate.run`, a background task): retry the migration with backoff
(1 s doubling up to storage.database_retry_max_seconds), then run the parts that need
the database in the order they registered (`when_ready`: journal replay + ASR backlog
worker, follow-up scheduler, start-up hints), then open the web API. Until then the web
side answers 503 with a Chinese message (see hotline/database_guard.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import make_url

from hotline.ticketing.persistence.database import normalise_url
from hotline.ticketing.persistence.outage import is_outage

log = logging.getLogger("hotline.database")

Hook = Callable[[], Awaitable[None]]
UNAVAILABLE_ZH = "数据库暂时不可用，请稍后重试"


@dataclass
class Backoff:
    """Delays of 1, 2, 4 … seconds, capped; `reset()` after a success."""

    initial: float = 1.0
    maximum: float = 30.0
    _next: float = 0.0

    def next(self) -> float:
        delay = self._next or self.initial
        self._next = min(delay * 2, self.maximum)
        return min(delay, self.maximum)

    def reset(self) -> None:
        self._next = 0.0


def describe(exc: BaseException) -> str:
    """One line saying why, without the SQL or SQLAlchemy's help link."""
    original = getattr(exc, "orig", None) or exc
    text = str(original).strip().splitlines()
    return text[0] if text else type(original).__name__


class StartupError(Exception):
    """The database can never work as configured: `hotline serve` exits with code 3."""


def first_attempt(url: str, migrate: Callable[[str], None]) -> str | None:
    """Migrate once at start-up. None: ready. A string: why the server cannot be reached
    (start without it). Raises StartupError when waiting cannot help."""
    try:
        backend = make_url(normalise_url(url)).get_backend_name()
    except Exception as exc:  # ArgumentError, ValueError: not a URL we can read
        raise StartupError(f"invalid database URL: {describe(exc)}") from exc
    try:
        migrate(url)
    except Exception as exc:
        if backend == "sqlite" or not is_outage(exc):
            raise StartupError(describe(exc)) from exc
        return describe(exc)
    return None


class DatabaseGate:
    """Whether the database is usable yet, and what to start when it becomes so."""

    def __init__(
        self,
        url: str,
        *,
        problem: str | None = None,
        migrate: Callable[[str], None] | None = None,
        backoff: Backoff | None = None,
    ) -> None:
        self.url = url
        self.problem = problem  # why the database is not usable; None once ready
        self.migrate = migrate
        self.backoff = backoff or Backoff()
        self.attempts = 0
        self._ready = problem is None
        self._hooks: list[tuple[str, Hook]] = []

    @property
    def ready(self) -> bool:
        return self._ready

    async def when_ready(self, name: str, hook: Hook) -> None:
        """Run `hook` now if the database is ready, else once it is (in registration order)."""
        if self._ready:
            await hook()
        else:
            self._hooks.append((name, hook))

    async def run(self) -> None:
        """Retry the migration until it succeeds, start the waiting parts, open the gate."""
        if self._ready:
            return
        assert self.migrate is not None, "a gate that waits needs a migrate function"
        while True:
            self.attempts += 1
            try:
                await asyncio.to_thread(self.migrate, self.url)
                break
            except Exception as exc:
                await self._wait_after(exc, "数据库仍不可用 / database still unreachable")
        log.warning("数据库已恢复，迁移完成 / database is back: schema migrated; catching up")
        self.backoff.reset()
        for name, hook in self._hooks:
            while True:
                try:
                    await hook()
                    break
                except Exception as exc:
                    await self._wait_after(exc, f"starting {name} failed")
            log.info("database ready: %s started", name)
        self._hooks.clear()
        self.problem = None
        self._ready = True
        log.warning("数据库已就绪，网页与接口恢复服务 / database ready: web API open")

    async def _wait_after(self, exc: BaseException, what: str) -> None:
        self.problem = describe(exc)
        delay = self.backoff.next()
        level = logging.WARNING if is_outage(exc) else logging.ERROR
        log.log(
            level,
            "%s (%s); retrying in %.0f s — calls are still answered, recorded and journaled",
            what,
            self.problem,
            delay,
        )
        await asyncio.sleep(delay)

    def health(self) -> dict[str, Any]:
        """The /healthz database check while waiting."""
        return {
            "ok": False,
            "error": f"{UNAVAILABLE_ZH} / database unavailable: {self.problem}",
            "attempts": self.attempts,
        }
