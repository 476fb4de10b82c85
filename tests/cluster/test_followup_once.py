"""Nothing is dialled twice across the cluster: two `hotline serve` nodes on one PostgreSQL
both run the follow-up (回访) scheduler over the same closed tickets; one sipp UAS plays every
citizen (answers, presses 1) and its message log is the count — each citizen gets exactly
one INVITE dialog, whichever node placed it, and both nodes placed some.
"""

from __future__ import annotations

import asyncio
import re
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from hotline.migrations import upgrade
from tests.cluster.conftest import NodeFactory
from tests.cluster.db_poll import wait_tickets
from tests.fixtures.common import free_port
from tests.fixtures.followup import closed_tickets_at
from tests.fixtures.sipp import SIPP, answer_then_keys, needs_sipp, wait_for_udp_listener

pytestmark = [needs_sipp, pytest.mark.slow, pytest.mark.postgres, pytest.mark.timeout(600)]

CITIZENS = [f"1380000{n:04d}" for n in range(1, 9)]


def _close_tickets(url: str) -> dict[str, int]:
    """One closed ticket per citizen: each is due for its survey at once."""
    return closed_tickets_at(url, CITIZENS, "井盖缺失", "urban_management", "已补装井盖")


def _dialogs(messages: str) -> dict[str, set[str]]:
    """Dialled number → the Call-IDs of the INVITEs that reached the UAS (retransmissions
    and re-INVITEs of one dialog share its Call-ID)."""
    found: dict[str, set[str]] = {}
    for block in re.split(r"^-{20,}.*$", messages, flags=re.M):
        if "message received" not in block:
            continue
        invite = re.search(r"^INVITE sip:(\+?\d+)@", block, re.M)
        call_id = re.search(r"^(?:Call-ID|i):\s*(\S+)", block, re.M | re.I)
        if invite and call_id:
            found.setdefault(invite.group(1), set()).add(call_id.group(1))
    return found


def test_each_follow_up_is_dialled_once_cluster_wide(
    postgres_url: str, cluster_node: NodeFactory, tmp_path: Path
) -> None:
    upgrade(postgres_url)
    tickets = _close_tickets(postgres_url)
    uas_port = free_port()
    media_port = free_port(span=4, avoid={uas_port, uas_port + 1})
    workdir = tmp_path / "sipp-citizens"
    workdir.mkdir()
    (workdir / "uas.xml").write_text(answer_then_keys("1"))
    assert SIPP is not None
    uas = subprocess.Popen(
        [SIPP, "-sf", "uas.xml", "-nostdin", "-trace_msg", "-i", "127.0.0.1"]
        + ["-p", str(uas_port), "-mi", "127.0.0.1", "-mp", str(media_port), "-m", "100"],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    env = {
        "HOTLINE_DEADLINES__FOLLOWUP_DELAY_HOURS": "0",
        "HOTLINE_FOLLOWUP__WINDOW_START": "00:00",  # start == end: all day
        "HOTLINE_FOLLOWUP__WINDOW_END": "00:00",
        "HOTLINE_SIP__OUTBOUND__PROXY": f"sip:127.0.0.1:{uas_port}",
    }
    a, b = cluster_node("node-a", **env), cluster_node("node-b", **env)
    engine = create_engine(postgres_url)

    async def both() -> None:
        await wait_for_udp_listener(uas_port)
        await asyncio.gather(asyncio.to_thread(a.start, 280), asyncio.to_thread(b.start, 280))

    try:
        asyncio.run(both())
        ids = set(tickets.values())
        wait_tickets(engine, lambda ts: ids <= {t["id"] for t in ts if t["satisfied"]}, 300)
        time.sleep(35)  # one more scheduler pass on each node (every 30 s): no second dial
    finally:
        a.terminate()
        b.terminate()
        uas.terminate()
        uas.wait(30)
    messages = "\n".join(p.read_text(errors="replace") for p in workdir.glob("*_messages.log"))
    dialogs = _dialogs(messages)
    assert {n: len(calls) for n, calls in dialogs.items()} == dict.fromkeys(CITIZENS, 1), messages[
        -3000:
    ]
    try:
        with engine.connect() as conn:
            attempts = conn.execute(
                text("SELECT job_id, actor FROM followup_attempts WHERE channel = 'auto'")
            ).all()
    finally:
        engine.dispose()
    assert len(attempts) == len(CITIZENS) == len({job for job, _ in attempts})
    assert {actor for _, actor in attempts} == {"node-a", "node-b"}  # both nodes dialled
