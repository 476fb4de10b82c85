"""Group-chat robot notices for new drafts (WeCom / DingTalk webhooks).

Off unless `notify.webhook_url` is set. Posting never blocks intake: notices go
into a bounded in-memory queue that one background task drains, retrying each
notice with exponential backoff. A notice that still fails is logged and
dropped — the ticket itself is safe in the database, the chat is a courtesy.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

import aiohttp
from hotline.ticketing.model import mask_number

from hotline.plumbing import cancel_and_wait

log = logging.getLogger(__name__)

WebhookFormat = Literal["wecom", "dingtalk"]
DISPLAY_TZ = ZoneInfo("Asia/Shanghai")
EXCERPT_CHARS = 80


@dataclass(frozen=True)
class DraftNotice:
    """What the chat sees of a new draft. The caller number is masked: the chat is not private."""

    ticket_id: int
    received_at: datetime
    caller_number: str | None
    text: str
    suggested_unit: str | None = None
    transcription_pending: bool = False
    invalid: bool = False


def ticket_link(base_url: str, ticket_id: int) -> str:
    """The ticket page of the operator console (ticketing/web: /console#/ticket/ID)."""
    return f"{base_url.rstrip('/')}/console#/ticket/{ticket_id}"


def _lines(notice: DraftNotice, link: str) -> tuple[str, list[str]]:
    title = f"新来电工单 #{notice.ticket_id}"
    when = notice.received_at.astimezone(DISPLAY_TZ).strftime("%m-%d %H:%M")
    caller = mask_number(notice.caller_number) or "未知号码"
    if notice.invalid:
        content = "（无声来电，已标为无效，可恢复）"
    elif notice.transcription_pending:
        content = "（录音待转写）"
    else:
        text = notice.text.strip()
        content = text[:EXCERPT_CHARS] + ("…" if len(text) > EXCERPT_CHARS else "") or "（无内容）"
    lines = [f"受理时间：{when}", f"来电号码：{caller}", f"内容：{content}"]
    if notice.suggested_unit:
        lines.append(f"建议承办：{notice.suggested_unit}")
    lines.append(f"[查看工单]({link})")
    return title, lines


def build_payload(fmt: WebhookFormat, notice: DraftNotice, link: str) -> dict[str, Any]:
    """The JSON body each robot expects (both accept a markdown message)."""
    title, lines = _lines(notice, link)
    if fmt == "wecom":
        # WeCom markdown: one string; a blank line is not needed between lines.
        return {"msgtype": "markdown", "markdown": {"content": f"**{title}**\n" + "\n".join(lines)}}
    if fmt == "dingtalk":
        # DingTalk markdown needs a title and two-space line breaks.
        body = f"#### {title}\n\n" + "  \n".join(lines)
        return {"msgtype": "markdown", "markdown": {"title": title, "text": body}}
    raise ValueError(f"unknown webhook format {fmt!r} (wecom or dingtalk)")


class WebhookError(Exception):
    pass


class DraftNotifier:
    """Posts `DraftNotice`s to one robot webhook in the background."""

    def __init__(
        self,
        url: str,
        fmt: WebhookFormat,
        base_url: str,
        *,
        max_attempts: int = 5,
        first_delay: float = 1.0,
        max_delay: float = 60.0,
        timeout: float = 10.0,
        queue_size: int = 1000,
    ) -> None:
        self.url = url
        self.fmt = fmt
        self.base_url = base_url
        self.max_attempts = max_attempts
        self.first_delay = first_delay
        self.max_delay = max_delay
        self.timeout = timeout
        self.sent = 0
        self.failed = 0
        self._queue: asyncio.Queue[DraftNotice] = asyncio.Queue(maxsize=queue_size)
        self._task: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout))
        self._task = asyncio.create_task(self._run(), name="draft-notifier")

    def submit(self, notice: DraftNotice) -> None:
        """Queue a notice; never blocks, never raises (a full queue drops and logs)."""
        try:
            self._queue.put_nowait(notice)
        except asyncio.QueueFull:
            self.failed += 1
            log.warning("notify queue full: notice for ticket %s dropped", notice.ticket_id)

    async def drain(self) -> None:
        """Wait until every queued notice has been sent or given up (tests, shutdown)."""
        await self._queue.join()

    async def close(self) -> None:
        await cancel_and_wait(self._task)
        if self._session is not None:
            await self._session.close()

    async def _run(self) -> None:
        while True:
            notice = await self._queue.get()
            try:
                await self._deliver(notice)
            finally:
                self._queue.task_done()

    async def _deliver(self, notice: DraftNotice) -> None:
        payload = build_payload(self.fmt, notice, ticket_link(self.base_url, notice.ticket_id))
        delay = self.first_delay
        for attempt in range(1, self.max_attempts + 1):
            try:
                await self._post(payload)
            except (aiohttp.ClientError, TimeoutError, WebhookError) as exc:
                log.warning(
                    "notify ticket %s: attempt %d/%d failed: %s",
                    notice.ticket_id,
                    attempt,
                    self.max_attempts,
                    exc,
                )
                if attempt == self.max_attempts:
                    self.failed += 1
                    log.error("notify ticket %s: giving up", notice.ticket_id)
                    return
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.max_delay)
            else:
                self.sent += 1
                return

    async def _post(self, payload: dict[str, Any]) -> None:
        assert self._session is not None, "start() first"
        async with self._session.post(self.url, json=payload) as resp:
            if resp.status != 200:
                raise WebhookError(f"HTTP {resp.status}")
            # Both robots answer 200 with {"errcode": 0, "errmsg": "ok"}; non-zero is a failure.
            body = await resp.json(content_type=None)
            errcode = body.get("errcode", 0) if isinstance(body, dict) else 0
            if errcode != 0:
                raise WebhookError(f"errcode {errcode}: {body.get('errmsg')}")


def notifier_from_settings(
    webhook_url: str | None, fmt: WebhookFormat, base_url: str
) -> DraftNotifier | None:
    """None when no webhook is configured (the default)."""
    if not webhook_url:
        return None
    return DraftNotifier(webhook_url, fmt, base_url)
