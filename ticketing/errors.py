"""Domain errors: a stable code, a Chinese message for the UI, an English one for logs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

S = TypeVar("S")
E = TypeVar("E")


class DomainError(Exception):
    """Base of every error the ticket domain raises on purpose.

    `code` is stable (API clients switch on it), `message_zh` is shown to
    operators as is, `str(error)` is the English text for logs.
    """

    http_status = 400

    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message_zh, "detail": self.message_en}


class WorkflowError(DomainError):
    """A command is not allowed: wrong state, wrong role, wrong unit, missing input."""

    http_status = 409


class ForbiddenError(WorkflowError):
    """The actor's role or unit may not issue this command."""

    http_status = 403


class InvalidInputError(DomainError):
    """A command or a new ticket carries bad data (unknown unit, empty reason...)."""

    http_status = 400


class ConflictError(DomainError):
    """Someone else changed the ticket since the caller read it (optimistic locking)."""

    http_status = 409

    def __init__(self, ticket_id: int, expected_version: int) -> None:
        super().__init__(
            "conflict",
            "该工单已被他人修改，请刷新后重试",
            f"ticket {ticket_id} changed since version {expected_version}; reload and retry",
        )
        self.ticket_id = ticket_id
        self.expected_version = expected_version


class NotFoundError(DomainError):
    http_status = 404

    def __init__(self, what: str, key: object, what_zh: str = "记录") -> None:
        super().__init__("not_found", f"{what_zh}不存在：{key}", f"{what} {key!r} not found")


def table_move(
    table: Mapping[tuple[S, E], S], state: S, event: E, *, code: str, what: str, message_zh: str
) -> S:
    """The state `table` leads to from `state` by `event`; WorkflowError(`code`,
    `message_zh`) when it has no such move (`what` names the thing in the English text)."""
    try:
        return table[(state, event)]
    except KeyError:
        raise WorkflowError(
            code, message_zh, f"{what} in state {state!s} does not accept {event!s}"
        ) from None
