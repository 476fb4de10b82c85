"""Who may act on tickets: users, their roles, and the actor that signs each history entry."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from importlib import resources


class Role(StrEnum):
    OPERATOR = "operator"  # 督办员: claims, registers, dispatches, supervises, reviews
    LEAD = "lead"  # 中心负责人: everything an operator does, plus reporting up
    LIAISON = "liaison"  # 承办单位联络员: accepts/returns/replies for one unit
    ADMIN = "admin"  # configuration and accounts; no ticket commands
    SYSTEM = "system"  # machine steps: intake drafts, survey answers, upstream push


ROLE_LABELS: dict[Role, str] = {
    Role.OPERATOR: "督办员",
    Role.LEAD: "中心负责人",
    Role.LIAISON: "承办单位联络员",
    Role.ADMIN: "系统管理员",
    Role.SYSTEM: "系统",
}

# Roles a person can be given; SYSTEM is reserved for the machine.
HUMAN_ROLES: tuple[Role, ...] = (Role.OPERATOR, Role.LEAD, Role.LIAISON, Role.ADMIN)


@dataclass(frozen=True)
class Actor:
    """The identity a command is issued under; copied into history entries."""

    name: str
    role: Role
    unit_id: str | None = None  # liaisons only


SYSTEM_ACTOR = Actor(name="system", role=Role.SYSTEM)


@dataclass
class User:
    name: str  # login name, unique
    role: Role
    display_name: str = ""
    unit_id: str | None = None  # the one unit a liaison speaks for
    portfolio: tuple[str, ...] = ()  # units an operator supervises (for lists, not permissions)
    active: bool = True
    # An account for a machine (city platform, 市长信箱…): an admin may mint its API tokens.
    integration: bool = False
    password_hash: str = field(default="", repr=False)
    created_at: datetime | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        self.role = Role(self.role)
        self.portfolio = tuple(self.portfolio)
        if self.role is Role.SYSTEM:
            raise ValueError("the system role is reserved for machine steps")
        if self.role is Role.LIAISON and not self.unit_id:
            raise ValueError("a liaison must be bound to a unit")
        if self.role is not Role.LIAISON and self.unit_id:
            raise ValueError("only liaisons are bound to a unit")

    def as_actor(self) -> Actor:
        return Actor(name=self.name, role=self.role, unit_id=self.unit_id)


# --- Password policy ------------------------------------------------------------------------

MIN_PASSWORD_LENGTH = 8


@functools.cache
def common_passwords() -> frozenset[str]:
    """The packaged list of frequently used passwords (lower case)."""
    text = resources.files("hotline.ticketing").joinpath("common_passwords.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def password_problem(name: str, password: str) -> tuple[str, str] | None:
    """Why `password` may not be used by user `name`, as (Chinese, English); None if fine."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return (
            f"密码至少需要{MIN_PASSWORD_LENGTH}个字符",
            f"password shorter than {MIN_PASSWORD_LENGTH} characters",
        )
    lowered = password.strip().lower()
    if name.strip() and lowered == name.strip().lower():
        return "密码不能与用户名相同", "password equals the user name"
    if lowered in common_passwords():
        return "密码过于常见，请换一个不易猜到的密码", "password is on the common-password list"
    return None
