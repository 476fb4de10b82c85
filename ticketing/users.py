"""Who may act on tickets: users, their roles, and the actor that signs each history entry."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


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
