"""The login page's `next=` in Debian's Chromium: browsers read `/\\host` and `/<tab>/host`
as `//host`, so such targets must land on the console, never on another site."""

from __future__ import annotations

import pytest

from tests.fixtures.web import PASSWORD

TIMEOUT = 30_000  # ms; generous for a loaded 2-core machine


async def login_with_next(browser, base_url: str, next_param: str) -> tuple[str, list[str]]:
    """Log in as op1 from /login?next=…; where the browser ended up and every foreign URL
    it tried to open (answered locally: nothing leaves the machine)."""
    context = await browser.new_context(locale="zh-CN")
    foreign: list[str] = []

    async def trap(route) -> None:  # noqa: ANN001 - playwright Route
        foreign.append(route.request.url)
        await route.fulfill(status=200, content_type="text/html", body="<h1>evil</h1>")

    await context.route(lambda url: not url.startswith(base_url), trap)
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT)
    await page.goto(f"{base_url}/login?next={next_param}")
    await page.fill("#username", "op1")
    await page.fill("#password", PASSWORD)
    await page.click("#login-button")
    await page.wait_for_url(lambda url: "/login" not in url)
    await page.wait_for_load_state()
    url = page.url
    await context.close()
    return url, foreign


@pytest.mark.parametrize(
    "next_param",
    ["/%5Cevil.example/", "/%09/evil.example/", "/%5C%5Cevil.example", "//evil.example"],
)
async def test_next_cannot_send_the_browser_to_another_site(live_server, browser, next_param):
    url, foreign = await login_with_next(browser, live_server.url, next_param)
    assert foreign == []
    assert url == live_server.url + "/console"


async def test_next_to_a_console_page_is_followed(live_server, browser):
    url, foreign = await login_with_next(browser, live_server.url, "/dashboard")
    assert foreign == [] and url == live_server.url + "/dashboard"
