"""Whether a database error means the database is unreachable (wait and retry) rather than
a bug or a refused write."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError


def is_outage(exc: BaseException) -> bool:
    """The database is unreachable (as opposed to a bug or a domain error)."""
    if isinstance(exc, OperationalError | InterfaceError):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)
