"""Request and response bodies of the REST API (pydantic); the OpenAPI document is
generated from these and the handler signatures by aiohttp-pydantic."""

from __future__ import annotations

import dataclasses
import typing
from typing import Annotated, Any

from hotline.ticketing.commands import COMMAND_LABELS, COMMAND_TYPES, MAX_ID, CommandName
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, create_model


def _no_nul(value: str) -> str:
    # PostgreSQL refuses NUL in text; refuse it here as bad input instead.
    if "\x00" in value:
        raise ValueError("NUL character")
    return value


Text = Annotated[str, AfterValidator(_no_nul)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class UserOut(BaseModel):
    name: str
    display_name: str
    role: str
    unit_id: str | None = None
    unit_name: str | None = None
    portfolio: list[str] = []


class NavItem(BaseModel):
    label: str
    href: str
    view: str = ""


class SessionOut(BaseModel):
    user: UserOut
    csrf_token: str | None = None


class Clock(BaseModel):
    label: str
    start: str
    due: str
    done_at: str | None = None
    status: str
    warn_fraction: float


class Clocks(BaseModel):
    dispatch: Clock | None = None
    close: Clock | None = None


class TicketSummaryOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: int
    version: int
    state: str
    state_label: str
    received_at: str
    caller_number_masked: str | None = None
    summary: str
    text: str
    request_type: str | None = None
    area_id: str | None = None
    lead_unit: str | None = None
    assisting_units: list[str] = []
    clocks: Clocks


class TicketOut(TicketSummaryOut):
    """The ticket page (see ticketing/web/presenter.py for every field)."""

    allowed_commands: list[str]
    history: list[dict[str, Any]]
    attachments: list[dict[str, Any]]
    routing_suggestion: dict[str, Any]


class TicketListOut(BaseModel):
    total: int
    total_capped: bool = False  # True: more than `total` match (counting stops there)
    items: list[TicketSummaryOut]


class CallerOut(BaseModel):
    ticket_id: int
    caller_number: str | None = None
    callback_number: str | None = None


class NewTicketBody(_Strict):
    """A request from another channel (web form, mayor's mailbox, walk-in)."""

    text: Text = Field(min_length=1, max_length=20000, description="诉求内容")
    channel: str = Field(
        default="online", max_length=20, description="online | platform | walk_in | other"
    )
    caller_number: Text | None = Field(default=None, max_length=40)
    caller_name: Text = Field(default="", max_length=100)
    summary: Text = Field(default="", max_length=2000)
    location_text: Text = Field(default="", max_length=500)
    received_at: str | None = Field(
        default=None, max_length=40, description="ISO 8601; default now"
    )
    external_ref: Text | None = Field(
        default=None, max_length=200, description="The source's own id: resubmitting is a no-op"
    )


class TakeBackBody(_Strict):
    version: int | None = Field(
        default=None, ge=1, le=MAX_ID, description="The ticket version the caller saw"
    )
    reason: Text = Field(default="", max_length=5000, description="为何收回（可选）")


class SuggestBody(_Strict):
    text: Text = Field(min_length=1, max_length=20000)


class TokenOut(BaseModel):
    id: int
    token: str = Field(description="Shown once; only its hash is stored")
    user_name: str


class ErrorOut(BaseModel):
    code: str
    message: str = Field(description="Chinese, shown to operators")
    detail: str = ""


class HealthOut(BaseModel):
    status: str
    checks: dict[str, dict[str, Any]]


def _pydantic_type(annotation: Any) -> Any:
    """Command fields use tuples; JSON sends lists — pydantic accepts both for tuple[...]."""
    return annotation


# Commands the web API exposes; the machine-only ones stay with their owners.
# Machine-only commands have no endpoint; 收回 has its own (take-back, with the window).
WEB_COMMANDS: tuple[CommandName, ...] = tuple(
    c
    for c in CommandName
    if c not in (CommandName.ATTACH_TRANSCRIPT, CommandName.AUTO_DISPATCH, CommandName.TAKE_BACK)
)


def command_body_model(name: CommandName) -> type[BaseModel]:
    """`{version, ...command fields}` for one workflow command, from the command dataclass."""
    cls = COMMAND_TYPES[name]
    hints = typing.get_type_hints(cls)
    fields: dict[str, Any] = {
        "version": (
            int,
            Field(ge=1, le=MAX_ID, description="The ticket version the caller saw"),
        ),
    }
    for f in dataclasses.fields(cls):
        default = f.default if f.default is not dataclasses.MISSING else None
        fields[f.name] = (_pydantic_type(hints[f.name]), default)
    model_name = "".join(part.capitalize() for part in str(name).split("_")) + "Body"
    return create_model(
        model_name,
        __config__=ConfigDict(extra="forbid", title=model_name),
        __doc__=f"{COMMAND_LABELS[name]}（{name}）",
        **fields,
    )
