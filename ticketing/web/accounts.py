"""Account management shared by `hotline user …` and the console's 用户管理 page.

Each change is audited under `by` (name, role) — the CLI passes ("cli", "admin") —
and whatever takes access away (disable, password reset, role or unit change) ends
the user's console sessions on every node at once. Synchronous: the web app runs
these in a worker thread.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from hotline.ticketing import services
from hotline.ticketing.errors import InvalidInputError, NotFoundError
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.users import HUMAN_ROLES, Role, User
from hotline.ticketing.web import auth_store

By = tuple[str, str]  # (name, role) of whoever makes the change
CLI_ADMIN: By = ("cli", "admin")


@dataclass(frozen=True)
class Account:
    """One row of the user list: the user plus what the auth tables know about them."""

    user: User
    locked: bool
    last_login_at: datetime | None

    def to_json(self, unit_name: str | None) -> dict[str, Any]:
        u = self.user
        return {
            "name": u.name,
            "display_name": u.display_name or u.name,
            "role": str(u.role),
            "unit_id": u.unit_id,
            "unit_name": unit_name,
            "portfolio": list(u.portfolio),
            "active": u.active,
            "locked": self.locked,
            "integration": u.integration,
            "created_at": u.created_at.isoformat() if u.created_at else None,
            "last_login_at": self.last_login_at.isoformat() if self.last_login_at else None,
        }


def list_accounts(db: Database) -> list[Account]:
    locked = set(auth_store.locked_users(db))
    logins = auth_store.last_logins(db)
    return [
        Account(u, u.name.lower() in locked, logins.get(u.name))
        for u in services.list_users(db.uow())
    ]


def _audit(db: Database, by: By, action: str, remote: str, **details: Any) -> None:
    auth_store.audit_now(db, by[0], by[1], action, remote=remote, details=details)


def _not_yourself(by: By, name: str, what_zh: str) -> None:
    # An admin locking themselves out (or demoting the last admin by accident) needs the CLI.
    if by != CLI_ADMIN and by[0] == name:
        raise InvalidInputError("own_account", f"不能{what_zh}自己的账号", f"cannot {what_zh} self")


def add_account(
    db: Database,
    name: str,
    role: str,
    password: str,
    *,
    unit_id: str | None = None,
    portfolio: list[str] | tuple[str, ...] = (),
    display_name: str = "",
    integration: bool = False,
    by: By = CLI_ADMIN,
    remote: str = "",
) -> User:
    """Create a user (password policy: length and the common-password list)."""
    created = services.add_user(
        db.uow(),
        name,
        role,
        password,
        unit_id=unit_id or None,
        portfolio=portfolio,
        display_name=display_name,
    )
    if integration:
        created, _ = _update(db, created.name, integration=True)
    _audit(
        db,
        by,
        "user_added",
        remote,
        user=created.name,
        role=str(created.role),
        unit=created.unit_id,
        integration=created.integration,
    )
    return created


def _update(db: Database, name: str, reason: str = "", **changes: Any) -> tuple[User, int]:
    """Apply `changes` to user `name`; with a `reason`, their sessions end in the same
    transaction. Returns the changed user and how many sessions ended."""
    with db.uow() as uow:
        found = uow.users.get(name)
        if found is None:
            raise NotFoundError("user", name, "用户")
        try:
            changed = dataclasses.replace(found, **changes)  # re-runs User's checks
        except ValueError as exc:
            raise InvalidInputError("invalid_input", "角色与单位不匹配", str(exc)) from None
        uow.users.save(changed)
        ended = 0
        if reason:
            assert uow.session is not None
            ended = auth_store.end_sessions_of(uow.session, name, db.clock(), reason)
        uow.commit()
        return changed, ended


def set_active(
    db: Database, name: str, active: bool, *, by: By = CLI_ADMIN, remote: str = ""
) -> int:
    """Enable or disable `name`; disabling ends every console session (and API tokens stop
    working, since they check the account). Returns the number of sessions ended."""
    if not active:
        _not_yourself(by, name, "停用")
    _, ended = _update(db, name, "" if active else "disabled", active=active)
    _audit(db, by, "user_enabled" if active else "user_disabled", remote, user=name)
    return ended


def reset_password(
    db: Database, name: str, password: str, *, by: By = CLI_ADMIN, remote: str = ""
) -> int:
    """Set a new password (policy-checked) and end the user's sessions; how many ended."""
    services.set_password(db.uow(), name, password)
    ended = auth_store.end_user_sessions(db, name, db.clock(), "password")
    _audit(db, by, "password_changed", remote, user=name)
    return ended


def unlock_account(db: Database, name: str, *, by: By = CLI_ADMIN, remote: str = "") -> bool:
    """Clear the login limiter's lock and counts for `name`; True if anything was held."""
    with db.uow() as uow:
        if uow.users.get(name) is None:
            raise NotFoundError("user", name, "用户")
    held = auth_store.unlock(db, name)
    _audit(db, by, "account_unlocked", remote, user=name, was_locked=held)
    return held


def change_role(
    db: Database,
    name: str,
    role: str,
    unit_id: str | None,
    *,
    by: By = CLI_ADMIN,
    remote: str = "",
) -> User:
    """Give `name` a new role (and, for a liaison, the unit they speak for). Their sessions
    end: pages and permissions follow the role they logged in with."""
    _not_yourself(by, name, "修改角色")
    try:
        new_role = Role(role)
    except ValueError:
        new_role = Role.SYSTEM
    if new_role not in HUMAN_ROLES:
        raise InvalidInputError("invalid_input", f"角色无效：{role}", f"unknown role {role!r}")
    unit_id = unit_id or None
    if new_role is Role.LIAISON and unit_id is None:
        raise InvalidInputError(
            "unit_required", "联络员必须绑定一个承办单位", "a liaison needs a unit"
        )
    if new_role is not Role.LIAISON:
        unit_id = None
    if unit_id is not None and not db.catalog.has_unit(unit_id):
        raise InvalidInputError(
            "unknown_unit", f"单位不存在：{unit_id}", f"unknown unit {unit_id!r}"
        )
    changes: dict[str, Any] = {"role": new_role, "unit_id": unit_id}
    if new_role is not Role.OPERATOR:
        changes["portfolio"] = ()  # only operators supervise a portfolio of units
    changed, _ = _update(db, name, "role_changed", **changes)
    _audit(db, by, "user_role_changed", remote, user=name, role=str(new_role), unit=unit_id)
    return changed
