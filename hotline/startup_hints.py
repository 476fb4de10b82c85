"""What `hotline serve` tells the administrator at start-up: the console's URL, and how to
create the first account when nobody can log in yet."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

from hotline.service_context import ServiceContext
from hotline.ticketing import services

log = logging.getLogger("hotline.serve")

# Roles that can log in to the console and act on tickets or accounts.
CONSOLE_ROLES = frozenset({"admin", "operator", "lead"})


def console_url(ctx: ServiceContext) -> str:
    if ctx.settings.web.base_url:
        return ctx.settings.web.base_url.rstrip("/") + "/console"
    host = ctx.http_host
    if host in ("", "0.0.0.0", "::"):  # listening everywhere: this machine answers too
        host = "127.0.0.1"
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{ctx.http_port}/console"


def account_hint(users: Sequence[Any], url: str) -> str | None:
    """What to do when nobody can log in to the console yet (None when someone can)."""
    if any(u.active and str(u.role) in CONSOLE_ROLES for u in users):
        return None
    return (
        "尚无可登录控制台的账号（坐席 operator、班长 lead 或管理员 admin）。"
        f"请创建：hotline user add 姓名 --role operator，然后打开 {url}\n"
        "No operator, lead or admin account yet: nobody can log in to the console. "
        f"Create one with: hotline user add NAME --role operator (or lead, admin), then open {url}"
    )


async def log_account_hint(ctx: ServiceContext) -> None:
    try:
        users = await asyncio.to_thread(services.list_users, ctx.database.read_uow())
    except Exception as exc:  # a hint is not worth failing the start for
        log.warning("cannot list user accounts: %s", exc)
        return
    hint = account_hint(users, console_url(ctx))
    if hint is not None:
        log.warning("%s", hint)
