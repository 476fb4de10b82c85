"""用户管理 as an admin, and the dashboard's axis text and Excel export as the centre lead, in
Debian's Chromium (headless, Playwright). Screenshots go to test-artifacts/."""

from __future__ import annotations

import io
from datetime import timedelta

from hotline.ticketing import services
from hotline.ticketing.commands import Dispatch, Register
from hotline.ticketing.users import Actor, Role
from hotline.ticketing.web import auth_store
from openpyxl import load_workbook

from tests.fixtures.browser import log_in, shot
from tests.fixtures.web import make_draft

OP = Actor("op1", Role.OPERATOR)
NEW_PASSWORD = "Zhao-Unit-2026"


def row(page, name: str):  # noqa: ANN201 - playwright Locator
    return page.locator(f'#users tr[data-name="{name}"]')


async def session_status(page) -> int:  # noqa: ANN001
    return int(await page.evaluate("fetch('/api/v1/session').then(r => r.status)"))


async def test_admin_manages_users_in_the_console(live_server, browser):
    base, database = live_server.url, live_server.database
    ctx_admin, admin = await log_in(browser, base, "admin")
    assert admin.url.endswith("/dashboard")  # the admin's landing page …
    await admin.click("#nav >> text=用户管理")  # … links to user management
    await admin.wait_for_url(base + "/users")
    await admin.wait_for_selector('#users tr[data-name="housing_liaison"]')
    assert "区住房和城乡建设局" in await row(admin, "housing_liaison").inner_text()
    assert await admin.locator("#users tbody tr").count() == 6

    # Add a liaison: the unit list comes from the catalogue; the policy refuses a common password.
    form = admin.locator("#add-user")
    await form.locator("[name=name]").fill("zhao")
    await form.locator("[name=display_name]").fill("赵联络")
    await form.locator("[name=role]").select_option("liaison")
    await form.locator("[name=unit_id]").select_option("housing")
    await form.locator("[name=password]").fill("password123")
    await admin.click("#add-button")
    await admin.wait_for_selector("#add-msg .msg.error")
    assert "密码过于常见" in await admin.inner_text("#add-msg")
    await form.locator("[name=password]").fill(NEW_PASSWORD)
    await admin.click("#add-button")
    await admin.wait_for_selector('#users tr[data-name="zhao"]')
    assert "赵联络" in await row(admin, "zhao").inner_text()
    await shot(admin, "users-added")

    # The new liaison logs in; the admin disables the account: the open session ends.
    ctx_zhao = await browser.new_context(locale="zh-CN")
    zhao = await ctx_zhao.new_page()
    await zhao.goto(base + "/login")
    await zhao.fill("#username", "zhao")
    await zhao.fill("#password", NEW_PASSWORD)
    await zhao.click("#login-button")
    await zhao.wait_for_url(base + "/portal")
    assert await session_status(zhao) == 200
    await row(admin, "zhao").locator("button[data-act=disable]").click()
    await admin.wait_for_selector('#users tr[data-name="zhao"] >> text=已停用')
    assert await session_status(zhao) == 401
    await row(admin, "zhao").locator("button[data-act=enable]").click()
    await admin.wait_for_selector('#users tr[data-name="zhao"] button[data-act=disable]')

    # A locked account shows as locked and is unlocked with one click.
    limits = auth_store.Limits(timedelta(minutes=15), per_pair=5, per_address=30, lock_at=2)
    for address in ("10.0.0.1", "10.0.0.2"):
        auth_store.reserve_login(database, "op2", address, database.clock(), limits)
        auth_store.login_failed(database, "op2", address, limits)
    await admin.reload()
    await admin.wait_for_selector('#users tr[data-name="op2"] >> text=已锁定')
    await shot(admin, "users-locked")
    await row(admin, "op2").locator("button[data-act=unlock]").click()
    await admin.wait_for_selector("#users-msg >> text=已解锁：op2")
    await admin.wait_for_function(  # the list is redrawn after the message
        "() => !document.querySelector('#users tr[data-name=op2]').innerText.includes('已锁定')"
    )
    assert auth_store.locked_users(database) == []

    # Reset zhao's password, then make zhao an operator: each ends zhao's session.
    await zhao.goto(base + "/login")
    await zhao.fill("#username", "zhao")
    await zhao.fill("#password", NEW_PASSWORD)
    await zhao.click("#login-button")
    await zhao.wait_for_url(base + "/portal")
    await row(admin, "zhao").locator("button[data-act=edit]").click()
    await admin.fill("#password-form [name=password]", "Zhao-Unit-2027")
    await admin.click("#password-form button[type=submit]")
    await admin.wait_for_selector("#users-msg >> text=密码已重置：zhao")
    assert await session_status(zhao) == 401
    await row(admin, "zhao").locator("button[data-act=edit]").click()
    await admin.select_option("#role-form [name=role]", "operator")
    assert await admin.is_disabled("#role-form [name=unit_id]")  # only liaisons have a unit
    await admin.click("#role-form button[type=submit]")
    await admin.wait_for_selector("#users-msg >> text=角色已修改：zhao")
    # The message comes first, the list is redrawn after it: wait for the new row.
    await admin.wait_for_selector('#users tr[data-name="zhao"] >> text=督办员')
    assert "区住房和城乡建设局" not in await row(admin, "zhao").inner_text()
    # The admin cannot disable their own account from here.
    assert await row(admin, "admin").locator("button[data-act=disable]").is_disabled()
    await shot(admin, "users-after-changes")
    with database.uow() as uow:
        zhao_user = uow.users.get("zhao")
    assert zhao_user.role == Role.OPERATOR and zhao_user.unit_id is None and zhao_user.active
    await ctx_zhao.close()
    await ctx_admin.close()


async def test_lead_reads_dashboard_axes_and_downloads_the_ticket_list(live_server, browser):
    database = live_server.database
    units = ["housing", "urban_management", "environment", "human_resources", "heating"]
    for i, unit in enumerate(units * 2):
        t = make_draft(database, caller_number=f"1391234{i:04d}")
        t = services.apply_command(database.uow(), t.id, Register(request_type="complaint"), OP)
        services.apply_command(database.uow(), t.id, Dispatch(lead_unit=unit), OP)
    context, page = await log_in(browser, live_server.url, "lead")
    await page.goto(live_server.url + "/dashboard")
    await page.wait_for_selector("svg.axis-chart text.label")
    assert await page.locator("#nav >> text=用户管理").count() == 0  # admins only

    # Axis text is readable on screen (≥ 12 px tall after the chart is scaled into its card),
    # the 30 day labels do not overlap, and nothing is cut off at the chart's edge.
    boxes = await page.evaluate(
        """() => [...document.querySelectorAll('svg.axis-chart')].map(svg => {
              const frame = svg.getBoundingClientRect();
              return [...svg.querySelectorAll('text.tick, text.label')].map(t => {
                const b = t.getBoundingClientRect();
                const lines = [...t.querySelectorAll('tspan')].map(s => s.textContent);
                return {text: lines.length ? lines.join('') : t.textContent,
                        label: t.classList.contains('label'),
                        left: b.left - frame.left, right: frame.right - b.right,
                        top: b.top - frame.top, bottom: frame.bottom - b.bottom,
                        x: b.left, w: b.width, h: b.height,
                        size: parseFloat(t.getAttribute('font-size')) * frame.width /
                              svg.viewBox.baseVal.width};
              });
            })"""
    )
    texts = [t for chart in boxes for t in chart]
    assert texts and min(t["size"] for t in texts) >= 12, min(t["size"] for t in texts)
    assert all(min(t["left"], t["right"], t["top"], t["bottom"]) >= -1 for t in texts), texts
    day_labels = sorted((t for t in boxes[0] if not t["text"].isdigit()), key=lambda t: t["x"])
    assert len(day_labels) >= 10
    for a, b in zip(day_labels, day_labels[1:], strict=False):
        # Slanted 45° labels are parallel: apart by (Δx · sin 45°), which must exceed a line.
        gap = (b["x"] + b["w"] - a["x"] - a["w"]) * 0.7071
        assert gap >= a["size"] * 0.9, (a, b)
    unit_labels = [t["text"] for chart in boxes for t in chart if t["label"]]
    for name in (
        "营口市生态环境局鲅鱼圈分局",
        "区城市管理综合行政执法局",
        "区人力资源和社会保障局",
    ):
        assert name in unit_labels, unit_labels  # long names wrap, they are not cut
    await shot(page, "dashboard-axes")

    async with page.expect_download() as download_info:
        await page.click("#xlsx")
    download = await download_info.value
    wb = load_workbook(io.BytesIO(open(await download.path(), "rb").read()))  # noqa: SIM115
    listed = list(wb["工单列表"].iter_rows(min_row=2, values_only=True))
    assert len(listed) == 10 and all(r[1] is not None and r[6] == 1 for r in listed)
    assert wb["概览"]["B6"].number_format == "0.0%"
    await context.close()
