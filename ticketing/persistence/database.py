"""Engines and the unit of work. SQLite by default, PostgreSQL in production."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from hotline.ticketing.catalog import Catalog
from hotline.ticketing.deadlines import Clock, DeadlinePolicy, utc_now
from hotline.ticketing.persistence.repository import TicketRepository, UserRepository
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker


def normalise_url(url: str) -> str:
    """`postgresql://…` means psycopg 3 here (psycopg2 is not installed)."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for `url`; for a SQLite file its folder is created on first use."""
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # A host that drops packets must not stall intake for the kernel's TCP timeout:
        # after 10 s the write falls back to the journal (and the web side answers 503).
        connect_args = dict(kwargs.pop("connect_args", {}))
        if "connect_timeout" not in parsed.query:  # the URL's own value wins
            connect_args.setdefault("connect_timeout", 10)
        return create_engine(url, pool_pre_ping=True, connect_args=connect_args, **kwargs)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
    _sqlite_write_serialisation(engine)
    return engine


SQLITE_BEGIN = "hotline_sqlite_begin"


def _sqlite_write_serialisation(engine: Engine) -> None:
    # pysqlite's own transaction handling starts transactions late and lets two
    # writers deadlock on lock upgrade ("database is locked"). Take the write
    # lock at BEGIN instead: concurrent writers queue (busy timeout 30 s), and
    # the version check then tells the later one it lost. WAL keeps readers free.
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # Read-only units of work (lists, detail views) take no write lock.
        mode = connection.get_execution_options().get(SQLITE_BEGIN, "IMMEDIATE")
        connection.exec_driver_sql(f"BEGIN {mode}")


class UnitOfWork:
    """One transaction plus the domain context handlers need (catalogue, deadlines, clock).

    Use as a context manager; nothing is written unless `commit()` is called.
    """

    tickets: TicketRepository
    users: UserRepository

    def __init__(
        self,
        session_factory: Callable[..., Session],
        *,
        catalog: Catalog,
        policy: DeadlinePolicy,
        clock: Clock,
    ) -> None:
        self._session_factory = session_factory
        self._read_bind: Engine | None = None
        self.catalog = catalog
        self.policy = policy
        self.clock = clock
        self.session: Session | None = None

    def __enter__(self) -> UnitOfWork:
        if self._read_bind is not None:
            self.session = self._session_factory(bind=self._read_bind)
        else:
            self.session = self._session_factory()
        self.tickets = TicketRepository(self.session)
        self.users = UserRepository(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self.session is not None
        try:
            self.session.rollback()  # no-op after commit(); discards anything uncommitted
        finally:
            self.session.close()
            self.session = None

    def reading(self, engine: Engine) -> UnitOfWork:
        """Mark this unit of work read-only (used by `Database.read_uow`)."""
        self._read_bind = engine.execution_options(**{SQLITE_BEGIN: "DEFERRED"})
        return self

    def commit(self) -> None:
        assert self.session is not None, "use the unit of work inside `with`"
        self.session.commit()

    def rollback(self) -> None:
        assert self.session is not None
        self.session.rollback()


@dataclass
class Database:
    """The engine plus a factory of units of work; one per process."""

    engine: Engine
    catalog: Catalog
    policy: DeadlinePolicy
    clock: Clock = utc_now

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def open(
        cls,
        url: str,
        *,
        catalog: Catalog,
        policy: DeadlinePolicy | None = None,
        clock: Clock = utc_now,
    ) -> Database:
        return cls(make_engine(url), catalog, policy or DeadlinePolicy(), clock)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(
            self._sessions, catalog=self.catalog, policy=self.policy, clock=self.clock
        )

    def read_uow(self) -> UnitOfWork:
        """A unit of work for reads only: on SQLite it does not queue behind writers."""
        return self.uow().reading(self.engine)

    def ping(self) -> None:
        """Raise if the database cannot be reached (for /healthz)."""
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    def close(self) -> None:
        self.engine.dispose()
