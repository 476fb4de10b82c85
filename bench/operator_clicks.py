"""Operator effort from a new draft to 已派单, in Debian's Chromium driven by Playwright.

The real app (SQLite, the shipped router with the cached seed classifier, routing's 并单
search) runs in this process; a draft arrives the way intake makes it (routed at intake,
published on the event hub) while the operator watches the queue. Each path counts what
the operator does on the page — clicks (choosing from a drop-down = 2: open, pick) and
characters typed — and measures the wall seconds of the page work and the CPU seconds of
this process (server + Playwright's Python side; the browser is another process).

Paths:
  right      the suggestion is right: open the ticket, 确认派单
  old-right  the same with the step-by-step buttons: open, 登记, 派单
  wrong      the suggestion is wrong: open, choose another 主办单位, 确认派单
  wrong-alternative   the same, the right unit being one of routing's runners-up: open,
             click it under 改选主办, 确认派单
  garbled    ASR missed the words: open, retype the request (the suggestion follows the
             text while typing), 确认派单

Also printed: a keystroke-level-model estimate of a person's seconds (Card, Moran & Newell:
point+click 1.3 s, keystroke 0.28 s, one 1.35 s decision per screen) — a model, not a
measurement of people.

    python bench/operator_clicks.py [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hotline.ticketing import rerouting  # noqa: E402
from hotline.ticketing.routing import build_router, load_rules  # noqa: E402
from playwright.async_api import Page, async_playwright  # noqa: E402

from hotline.catalog_loader import load_catalog  # noqa: E402
from hotline.routing_wiring import routing_duplicates  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, LiveServer, serve_live  # noqa: E402
from tests.fixtures.web import PASSWORD, make_draft  # noqa: E402

RIGHT = "我家暖气不热，室温只有十二度，我的电话是13912345678。"
WRONG = "我们小区的暖气管道在楼道里漏水了，物业一直不来修，电话13812345678。"
WRONG_UNIT = "housing"  # 物业 in a residential compound: the housing bureau, not heating
GARBLED = "我家 那 起 不 热 是 温 只有 十二 度"
KLM_CLICK, KLM_KEY, KLM_THINK = 1.3, 0.28, 1.35


@dataclass
class Effort:
    page: Page
    clicks: int = 0
    keys: int = 0
    screens: int = 0
    log: list[str] = field(default_factory=list)

    async def click(self, selector: str) -> None:
        await self.page.click(selector)
        self.clicks += 1
        self.log.append(f"click {selector}")

    async def choose(self, selector: str, value: str) -> None:
        await self.page.select_option(selector, value)
        self.clicks += 2  # open the list, pick the entry
        self.log.append(f"choose {value}")

    async def type(self, selector: str, text: str) -> None:
        await self.page.fill(selector, "")
        await self.page.type(selector, text)  # one input event per character
        self.keys += len(text)
        self.log.append(f"type {len(text)} chars")

    def klm_seconds(self) -> float:
        return self.clicks * KLM_CLICK + self.keys * KLM_KEY + self.screens * KLM_THINK


async def open_ticket(e: Effort, ticket_id: int) -> None:
    e.screens += 1  # read the queue
    await e.click(f'tr[data-id="{ticket_id}"]')
    await e.page.wait_for_selector("#corrected-text")
    e.screens += 1  # read the ticket and its suggestion


async def right(e: Effort, ticket_id: int) -> None:
    await open_ticket(e, ticket_id)
    await e.click("#confirm-dispatch")


async def old_right(e: Effort, ticket_id: int) -> None:
    await open_ticket(e, ticket_id)
    await e.click("button[data-cmd=register]")
    await e.page.wait_for_selector("#dispatch-button")
    await e.click("#dispatch-button")


async def wrong(e: Effort, ticket_id: int) -> None:
    await open_ticket(e, ticket_id)
    await e.choose("#lead-unit", WRONG_UNIT)
    await e.click("#confirm-dispatch")


async def wrong_alternative(e: Effort, ticket_id: int) -> None:
    await open_ticket(e, ticket_id)
    await e.click(f'#suggestion .alt-unit[data-unit="{WRONG_UNIT}"]')
    await e.click("#confirm-dispatch")


async def garbled(e: Effort, ticket_id: int) -> None:
    await open_ticket(e, ticket_id)
    await e.type("#corrected-text", RIGHT)
    await e.page.wait_for_selector("#suggestion:has-text('热力公司')")
    e.screens += 1  # check the new suggestion
    await e.click("#confirm-dispatch")


PATHS: dict[str, tuple[str, Callable[[Effort, int], Awaitable[None]]]] = {
    "right": (RIGHT, right),
    "old-right": (RIGHT, old_right),
    "wrong": (WRONG, wrong),
    "wrong-alternative": (WRONG, wrong_alternative),
    "garbled": (GARBLED, garbled),
}


async def run_path(
    server: LiveServer, browser, suggest, name: str
) -> tuple[Effort, float, float, str]:
    text, steps = PATHS[name]
    context = await browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(60_000)
    await page.goto(server.url + "/login")
    await page.fill("#username", "op1")
    await page.fill("#password", PASSWORD)
    await page.click("#login-button")
    await page.wait_for_selector("#live.live:not(.off)")
    routed = rerouting.derived_fields(suggest(text), server.database.catalog)
    fields = {k: v for k, v in routed.items() if v is not None}
    if name == "garbled":  # intake found nothing to route on
        fields = {"routing_suggestion": {"explanation": "未匹配到承办单位规则"}}
    ticket = make_draft(
        server.database, server.hub, machine_text=text, caller_number=None, **fields
    )
    await page.wait_for_selector(f'tr[data-id="{ticket.id}"]')
    effort = Effort(page)
    wall, cpu = time.perf_counter(), time.process_time()
    await steps(effort, ticket.id)
    await page.wait_for_selector("#ticket-state:has-text('已派单')")
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    with server.database.uow() as uow:
        done = uow.tickets.get(ticket.id)
    await context.close()
    suggested = (done.routing_suggestion or {}).get("lead") or "—"
    return effort, wall, cpu, f"{suggested} → {done.lead_unit}"


async def main(runs: int) -> None:
    catalog = load_catalog()
    router = build_router(load_rules(catalog), catalog, cache_dir=ROOT / "var")
    router.classifier()

    def suggest(text: str) -> dict:
        return router.suggest(text).to_dict()

    with tempfile.TemporaryDirectory() as tmp:
        async with (
            serve_live(
                Path(tmp), suggest=suggest, find_duplicates=routing_duplicates(router)
            ) as server,
            async_playwright() as p,
        ):
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            print(
                "| path | suggested → dispatched | clicks | characters typed "
                "| page seconds (median) | CPU s (median) | KLM person seconds |"
            )
            print("|---|---|---|---|---|---|---|")
            for name in PATHS:
                results = [await run_path(server, browser, suggest, name) for _ in range(runs)]
                effort, units = results[0][0], results[0][3]
                walls = [r[1] for r in results]
                cpus = [r[2] for r in results]
                print(
                    f"| {name} | {units} | {effort.clicks} | {effort.keys} | "
                    f"{statistics.median(walls):.2f} | {statistics.median(cpus):.2f} | "
                    f"{effort.klm_seconds():.1f} |",
                    flush=True,
                )
            await browser.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per path (median reported)")
    args = parser.parse_args()
    asyncio.run(main(args.runs))
