"""Ticket endpoints: lists and search, the ticket page, workflow commands, the caller's
number (audited), the recording (Range), reply attachments, intake from other channels."""

from __future__ import annotations

import functools
import mimetypes
import re
import uuid
from dataclasses import fields as dc_fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from aiohttp import web
from aiohttp_pydantic.decorator import inject_params
from aiohttp_pydantic.oas.typing import r200, r201, r400, r403, r404, r409, r413, r422
from hotline.ticketing import privacy, quality_store, rerouting, services, stats
from hotline.ticketing.commands import COMMAND_LABELS, COMMAND_TYPES, Command, CommandName, Correct
from hotline.ticketing.errors import InvalidInputError
from hotline.ticketing.model import OPEN_STATES, Channel, State, Ticket
from hotline.ticketing.persistence.repository import TicketQuery
from hotline.ticketing.services import NewTicket
from hotline.ticketing.users import Role
from hotline.ticketing.web import params, presenter, search, store
from hotline.ticketing.web.auth import CENTRE_ROLES, Principal, current, require_role
from hotline.ticketing.web.context import WebContext, ctx
from hotline.ticketing.web.errors import ApiError, validation_error_response
from hotline.ticketing.web.events import TicketEvent
from hotline.ticketing.web.params import DbInt
from hotline.ticketing.web.schemas import (
    WEB_COMMANDS,
    CallerOut,
    ErrorOut,
    NewTicketBody,
    SuggestBody,
    TicketListOut,
    TicketOut,
    command_body_model,
)

routes = web.RouteTableDef()


async def _invalid(exc: Any, context: str) -> web.StreamResponse:
    return validation_error_response(exc, context)


api = inject_params(on_validation_error=_invalid).and_request

READ_ROLES = (Role.OPERATOR, Role.LEAD, Role.ADMIN, Role.LIAISON)
# What "the queue" holds: everything waiting for the centre's hand.
QUEUE_STATES = (State.DRAFT, State.REGISTERED, State.RETURNED, State.REPLIED)
MAX_LIST = 500
COUNT_CAP = 10_000  # a list's total is counted up to here, then shown as 10000+


def _forbidden_unit() -> ApiError:
    return ApiError(403, "forbidden_unit", "无权查看其他单位的工单", "ticket not for your unit")


async def load_visible(c: WebContext, principal: Principal, ticket_id: int) -> Ticket:
    """The ticket, if this caller may see it (liaisons: lead or assisting unit only)."""
    ticket = await c.run(services.get_ticket, c.db.uow(), ticket_id)
    if principal.role is Role.LIAISON and principal.user.unit_id not in ticket.units():
        raise _forbidden_unit()
    return ticket


def publish(c: WebContext, kind: str, ticket: Ticket, **data: Any) -> None:
    c.hub.publish(
        TicketEvent(
            kind=kind, ticket_id=ticket.id, state=str(ticket.state), units=ticket.units(), data=data
        )
    )


async def detail(c: WebContext, principal: Principal, ticket: Ticket) -> dict[str, Any]:
    assert ticket.id is not None
    files = await c.run(store.attachments, c.db, ticket.id)
    return presenter.ticket_detail(ticket, principal.user, c.policy, c.now(), files)


@routes.get("/api/v1/tickets")
@api
async def list_tickets(
    request: web.Request,
    view: str = "all",
    q: str | None = None,
    number: str | None = None,
    state: str | None = None,
    unit: str | None = None,
    area: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: DbInt = 100,
    offset: DbInt = 0,
) -> r200[TicketListOut] | r400[ErrorOut] | r403[ErrorOut]:
    """Ticket lists: view=queue (待处理), mine (我的), overdue (超时), unit (本单位), all (查询).

    Filters: q (text), number (caller/callback number, centre only), state, unit, area,
    date_from/date_to (local dates, inclusive). Liaisons always get their own unit's
    tickets only. Numbers are masked in lists.

    Tags: tickets
    """
    c = ctx(request)
    principal = require_role(request, *READ_ROLES)
    limit = max(1, min(limit, MAX_LIST))
    offset = max(0, offset)
    now = c.now()
    filters: dict[str, Any] = {"limit": limit, "offset": offset}
    if state:
        try:
            filters["states"] = [State(state)]
        except ValueError:
            raise ApiError(400, "invalid_input", f"状态无效：{state}", "bad state") from None
    if unit:
        if not c.catalog.has_unit(unit):
            raise ApiError(422, "unknown_unit", f"单位不存在：{unit}", f"unknown unit {unit!r}")
        filters["units"] = [unit]
    if area:
        if area not in {a.id for a in c.catalog.areas}:
            raise ApiError(422, "unknown_area", f"区域不存在：{area}", f"unknown area {area!r}")
        filters["area_id"] = area
    text = params.text_param(q, "q", "查询内容")
    liaison = principal.role is Role.LIAISON
    searched_number = None
    if number:
        if principal.role not in CENTRE_ROLES:
            raise ApiError(403, "forbidden", "您的角色无权按来电号码查询", "number search")
        digits = re.sub(r"\D", "", params.text_param(number, "number", "来电号码"))
        if not digits:
            raise ApiError(400, "invalid_input", "来电号码应为数字", "bad number")
        filters["text"] = searched_number = digits
    if text and "text" not in filters:
        if liaison and re.fullmatch(r"[\d\s\-+]+", text):
            raise ApiError(403, "forbidden", "您的角色无权按来电号码查询", "number search")
        filters["text"] = text
        if not liaison and re.fullmatch(r"[\d\s\-+]+", text) and len(re.sub(r"\D", "", text)) >= 4:
            searched_number = re.sub(r"\D", "", text)  # a number typed into the text search
        elif not liaison and privacy.has_number_like(text):
            searched_number = text  # a number inside a text search
    if liaison:
        filters["search_numbers"] = False
    start, end = params.day_param(date_from, "date_from"), params.day_param(date_to, "date_to")
    tz = c.catalog.timezone
    if start:
        filters["received_from"] = stats.period_bounds(start, start, tz)[0]
    if end:
        filters["received_before"] = stats.period_bounds(end, end, tz)[1]
    if view == "queue":
        filters.setdefault("states", list(QUEUE_STATES))
    elif view == "overdue":
        filters["overdue_at"] = now
    elif view in ("mine", "unit"):
        filters.setdefault("states", sorted(OPEN_STATES))
    elif view != "all":
        raise ApiError(400, "invalid_input", f"未知的列表：{view}", f"unknown view {view!r}")
    if principal.role is Role.LIAISON:
        if unit and unit != principal.user.unit_id:
            raise _forbidden_unit()
        filters["units"] = [principal.user.unit_id]

    if searched_number is not None:
        await c.run(
            store.audit,
            c.db,
            principal.actor,
            "search_caller_number",
            remote=request.remote or "",
            details={"number": search.masked_search(searched_number), "via": principal.via},
        )
    if liaison and text and privacy.has_digit(text):
        # Digits in a liaison's search are matched against what the liaison sees (numbers
        # masked): otherwise hits and misses would spell out a dictated number digit by digit.
        filters.update(limit=MAX_LIST * 4, offset=0)
        candidates = await c.run(services.list_tickets, c.db.uow(), TicketQuery(**filters))
        seen = [t for t in candidates if search.visible_match(t, text)]
        items, total = seen[offset : offset + limit], len(seen)
    elif view == "mine" and not liaison:
        # Portfolio units or claimed by me; the repository has no OR across the two.
        filters.update(limit=MAX_LIST * 4, offset=0)
        everything = await c.run(services.list_tickets, c.db.uow(), TicketQuery(**filters))
        me, portfolio = principal.user.name, set(principal.user.portfolio)
        mine = [t for t in everything if t.claimed_by == me or t.lead_unit in portfolio]
        items, total = mine[offset : offset + limit], len(mine)
    else:
        query = TicketQuery(**filters)
        items = await c.run(services.list_tickets, c.db.uow(), query)
        total = await c.run(services.count_tickets, c.db.uow(), query, COUNT_CAP)
    rows = [presenter.ticket_summary(t, c.policy, now, liaison=liaison) for t in items]
    capped = {"total": COUNT_CAP, "total_capped": True} if total > COUNT_CAP else {"total": total}
    return web.json_response({**capped, "items": rows})


@routes.post("/api/v1/tickets")
@api
async def create_ticket(
    request: web.Request, body: NewTicketBody
) -> r201[TicketOut] | r400[ErrorOut] | r403[ErrorOut]:
    """Intake from other channels (web form, mayor's mailbox, walk-in): a new draft with
    the same routing suggestion as a call. `external_ref` makes resubmission a no-op.

    Tags: tickets
    """
    c = ctx(request)
    principal = require_role(request, *CENTRE_ROLES)
    try:
        channel = Channel(body.channel)
    except ValueError:
        raise ApiError(400, "invalid_input", f"渠道无效：{body.channel}", "bad channel") from None
    if channel is Channel.PHONE:
        raise ApiError(400, "invalid_input", "电话来电由语音受理自动建单", "phone is SIP intake")
    received_at = c.now()
    if body.received_at:
        try:
            received_at = datetime.fromisoformat(body.received_at)
        except ValueError:
            raise ApiError(400, "invalid_input", "受理时间格式有误", "bad received_at") from None
        if received_at.tzinfo is None:
            raise ApiError(400, "invalid_input", "受理时间缺少时区", "naive received_at")
        params.check_time(received_at, "received_at")
        received_at = received_at.astimezone(UTC)
    routed = await c.run(suggest_fields, c, body.text)
    new = NewTicket(
        received_at=received_at,
        channel=channel,
        caller_number=(body.caller_number or "").strip() or None,
        call_id=f"{channel}:{body.external_ref}" if body.external_ref else None,
        machine_text=body.text.strip(),
        summary=body.summary.strip(),
        location_text=body.location_text.strip(),
        **routed,
    )
    ticket = await c.run(services.create_draft, c.db.uow(), new, principal.actor)
    if body.caller_name.strip() and not ticket.caller_name and ticket.state is State.DRAFT:
        assert ticket.id is not None
        ticket = await c.run(
            services.apply_command,
            c.db.uow(),
            ticket.id,
            Correct(caller_name=body.caller_name.strip()),
            principal.actor,
            ticket.version,
        )
    publish(c, "ticket.created", ticket, channel=str(channel))
    return web.json_response(await detail(c, principal, ticket), status=201)


def suggest_fields(c: WebContext, text: str) -> dict[str, Any]:
    """Routing for a typed-in request: the same suggestion and field mapping as a call."""
    if c.suggest is None:
        return {}
    try:
        suggestion = c.suggest(text)
    except Exception:  # no suggestion beats no ticket
        return {}
    derived = rerouting.derived_fields(suggestion, c.catalog)
    return {k: v for k, v in derived.items() if v is not None}


@routes.post("/api/v1/routing/suggest")
@api
async def suggest(request: web.Request, body: SuggestBody) -> r200[dict] | r403[ErrorOut]:
    """The routing suggestion for a text (what the ticket page shows after an edit).

    Tags: tickets
    """
    c = ctx(request)
    require_role(request, *CENTRE_ROLES)
    if c.suggest is None:
        return web.json_response({})
    raw = await c.run(c.suggest, body.text)
    from hotline.ticketing.intake.routing_fields import routing_fields

    return web.json_response(presenter.routing_view(routing_fields(raw)["suggestion"]))


@routes.get("/api/v1/tickets/{ticket_id}")
@api
async def get_ticket(
    request: web.Request, ticket_id: DbInt, /
) -> r200[TicketOut] | r403[ErrorOut] | r404[ErrorOut]:
    """One ticket with its history, clocks, attachments and the commands the caller may issue.

    Tags: tickets
    """
    c = ctx(request)
    principal = require_role(request, *READ_ROLES)
    ticket = await load_visible(c, principal, ticket_id)
    return web.json_response(await detail(c, principal, ticket))


@routes.get("/api/v1/tickets/{ticket_id}/caller")
@api
async def get_caller(
    request: web.Request, ticket_id: DbInt, /
) -> r200[CallerOut] | r403[ErrorOut] | r404[ErrorOut]:
    """The caller's full number (centre staff only). Every read goes to the audit log.

    Tags: tickets
    """
    c = ctx(request)
    principal = require_role(request, *CENTRE_ROLES)
    ticket = await c.run(services.get_ticket, c.db.uow(), ticket_id)
    await c.run(
        store.audit,
        c.db,
        principal.actor,
        "read_caller_number",
        ticket_id=ticket_id,
        remote=request.remote or "",
        details={"via": principal.via},
    )
    return web.json_response(
        {
            "ticket_id": ticket_id,
            "caller_number": ticket.caller_number,
            "callback_number": ticket.callback_number,
        }
    )


@routes.get("/api/v1/tickets/{ticket_id}/recording")
async def get_recording(request: web.Request) -> web.StreamResponse:
    """The call recording (WAV), with HTTP Range support for seeking. Centre staff only."""
    c = ctx(request)
    require_role(request, *CENTRE_ROLES)
    ticket_id = _int_param(request, "ticket_id")
    ticket = await c.run(services.get_ticket, c.db.uow(), ticket_id)
    if not ticket.recording_ref:
        raise ApiError(404, "not_found", "该工单没有录音", "no recording")
    base = c.recordings_dir.resolve()
    path = (base / ticket.recording_ref).resolve()
    if not path.is_relative_to(base) or not path.is_file():
        raise ApiError(404, "not_found", "录音文件不存在", f"missing {ticket.recording_ref}")
    return web.FileResponse(path, headers={"Cache-Control": "private, no-store"})


def _int_param(request: web.Request, name: str) -> int:
    return params.int_param(request.match_info[name], name)


@routes.post("/api/v1/tickets/{ticket_id}/attachments")
async def upload_attachment(request: web.Request) -> web.StreamResponse:
    """A reply attachment (multipart field `file`), stored on disk under the data dir.

    The lead unit's liaison or centre staff; at most `web.max_body_bytes`.
    """
    c = ctx(request)
    principal = require_role(request, Role.LIAISON, *CENTRE_ROLES)
    ticket_id = _int_param(request, "ticket_id")
    ticket = await load_visible(c, principal, ticket_id)
    if principal.role is Role.LIAISON and ticket.lead_unit != principal.user.unit_id:
        raise ApiError(403, "forbidden_unit", "只有主办单位可以上传答复附件", "not lead unit")
    if ticket.state not in (State.DISPATCHED, State.ACCEPTED, State.REPLIED):
        raise ApiError(409, "invalid_state", "当前状态不能上传附件", f"state {ticket.state}")
    if not request.content_type.startswith("multipart/"):
        raise ApiError(400, "invalid_input", "请以 multipart/form-data 上传文件", "not multipart")
    reader = await request.multipart()
    part = await reader.next()
    while part is not None and getattr(part, "name", None) != "file":
        part = await reader.next()
    if part is None or not getattr(part, "filename", None):
        raise ApiError(400, "invalid_input", "请选择要上传的文件", "no file part")
    name = params.file_name_param(part.filename or "附件")
    folder = c.attachments_dir / str(ticket_id)
    folder.mkdir(parents=True, exist_ok=True)
    stored = folder / f"{uuid.uuid4().hex}{Path(name).suffix[:10]}"
    size = 0
    try:
        with stored.open("wb") as out:
            while chunk := await part.read_chunk(64 * 1024):  # type: ignore[union-attr]
                size += len(chunk)
                if size > c.max_attachment_bytes:
                    raise ApiError(
                        413,
                        "body_too_large",
                        f"附件过大，单个文件不能超过 {c.max_attachment_bytes // (1024 * 1024)} MB",
                        "attachment too large",
                    )
                out.write(chunk)
    except BaseException:
        stored.unlink(missing_ok=True)
        raise
    content_type = part.headers.get("Content-Type") or mimetypes.guess_type(name)[0]
    attachment = await c.run(
        store.add_attachment,
        c.db,
        ticket_id=ticket_id,
        file_name=name,
        content_type=content_type or "application/octet-stream",
        size=size,
        stored_path=str(stored.relative_to(c.attachments_dir)),
        actor=principal.actor,
    )
    publish(c, "ticket.updated", ticket, attachment=attachment.id)
    return web.json_response(
        {
            "id": attachment.id,
            "name": _shown_name(principal, attachment.file_name),
            "size": attachment.size,
            "url": f"/api/v1/tickets/{ticket_id}/attachments/{attachment.id}",
        },
        status=201,
    )


def _shown_name(principal: Principal, name: str) -> str:
    return privacy.mask_phone_numbers(name) if principal.role is Role.LIAISON else name


@routes.get("/api/v1/tickets/{ticket_id}/attachments/{attachment_id}")
async def download_attachment(request: web.Request) -> web.StreamResponse:
    """A reply attachment; same visibility as the ticket."""
    c = ctx(request)
    principal = require_role(request, *READ_ROLES)
    ticket_id = _int_param(request, "ticket_id")
    await load_visible(c, principal, ticket_id)
    attachment = await c.run(store.attachment, c.db, _int_param(request, "attachment_id"))
    if attachment is None or attachment.ticket_id != ticket_id:
        raise ApiError(404, "not_found", "附件不存在", "no such attachment")
    path = (c.attachments_dir / attachment.stored_path).resolve()
    if not path.is_relative_to(c.attachments_dir.resolve()) or not path.is_file():
        raise ApiError(404, "not_found", "附件文件不存在", "file missing")
    return web.FileResponse(
        path,
        headers={
            "Content-Type": "application/octet-stream",
            "Content-Disposition": "attachment; filename*=UTF-8''"
            + quote(_shown_name(principal, attachment.file_name)),
            "X-Content-Type-Options": "nosniff",
        },
    )


# --- workflow commands: one endpoint per command, bodies generated from the command types ------


def _command_handler(name: CommandName) -> Any:
    model = command_body_model(name)
    cls = COMMAND_TYPES[name]
    field_names = [f.name for f in dc_fields(cls)]

    async def handler(request: web.Request, ticket_id: DbInt, /, body: Any) -> Any:
        c = ctx(request)
        principal = current(request)
        if principal.role is Role.ADMIN:
            raise ApiError(403, "forbidden_role", "系统管理员不能办理工单", "admin")
        ticket = await load_visible(c, principal, ticket_id)
        del ticket
        values = {k: getattr(body, k) for k in field_names if getattr(body, k) is not None}
        try:
            command: Command = cls(**values)
        except (TypeError, ValueError) as exc:
            raise InvalidInputError("invalid_input", "操作数据有误", str(exc)) from None
        updated = await c.run(
            functools.partial(services.apply_command, routing=c.text_routing()),
            c.db.uow(),
            ticket_id,
            command,
            principal.actor,
            body.version,
        )
        if "corrected_text" in values:  # an operator's correction: ASR quality learns from it
            await c.run(quality_store.after_correction, c.db, updated, c.settings.asr)
        publish(c, "ticket.updated", updated, command=str(name), actor=principal.user.name)
        if name is CommandName.CLOSE and c.reporter is not None:
            c.reporter.wake()
        return web.json_response(await detail(c, principal, updated))

    handler.__name__ = f"command_{name}"
    handler.__qualname__ = handler.__name__
    handler.__doc__ = (
        f"{COMMAND_LABELS[name]}（{name}）: apply the workflow command to the ticket.\n\n"
        "`version` is the ticket version the caller saw; if someone changed the ticket "
        "since, 409 with 该工单已被他人修改，请刷新后重试. Roles and states: the workflow "
        "table (ticketing/workflow.py).\n\nTags: workflow"
    )
    handler.__annotations__ = {
        "request": web.Request,
        "ticket_id": DbInt,
        "body": model,
        "return": r200[TicketOut]
        | r400[ErrorOut]
        | r403[ErrorOut]
        | r404[ErrorOut]
        | r409[ErrorOut]
        | r413[ErrorOut]
        | r422[ErrorOut],
    }
    return api(handler)


for _name in WEB_COMMANDS:
    routes.post(f"/api/v1/tickets/{{ticket_id}}/{_name}")(_command_handler(_name))
