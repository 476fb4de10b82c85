"""The cluster: Kamailio's dispatcher (OPTIONS probing, failover on 503 and timeouts) in
front of two `hotline serve` nodes on one PostgreSQL, all on loopback, with sipp callers.

40 calls over both nodes; node A gets SIGTERM with a call in progress (drains, answers new
INVITEs 503, Kamailio fails over to B), node B gets SIGKILL mid-call and restarts. Then
every call has exactly one ticket with its recording and transcript, no follow-up was
dialled twice, and an operator logged in on B saw every ticket on the live queue.
(Follow-up calls placed by both nodes, counted at the citizen's UAS: test_followup_once.py;
a node that never comes back: test_dead_node_takeover.py.)

Cost on a 2-core machine: both nodes start at once, 6 callers at a time, and the test
polls the database directly (a CLI poll is a Python start-up of CPU the nodes need).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import create_engine, text

from tests.cluster.conftest import NodeFactory
from tests.cluster.db_poll import max_ticket_id, tickets_in_db, wait_tickets
from tests.fixtures.kamailio import CLUSTER_DISPATCHER, Kamailio, kamailio, needs_kamailio
from tests.fixtures.service import HotlineServer
from tests.fixtures.sip import speech_pcap
from tests.fixtures.sipp import call_listener, needs_sipp, start_sipp_call, uac_audio

pytestmark = [
    needs_sipp,
    needs_kamailio,
    pytest.mark.slow,
    pytest.mark.postgres,
    pytest.mark.timeout(1500),  # a shared 2-core machine needs ~12 min; CI far less
]

LOGIN = ("wang", "pass-word-1")


async def _watch(srv: HotlineServer, seen: list[dict[str, Any]]) -> None:
    """The live queue of an operator on `srv`, reconnecting while the node restarts."""
    base = f"http://127.0.0.1:{srv.http_port}"
    while True:
        try:
            jar = aiohttp.CookieJar(unsafe=True)
            async with aiohttp.ClientSession(cookie_jar=jar) as session:
                body = {"username": LOGIN[0], "password": LOGIN[1]}
                async with session.post(base + "/api/v1/session/login", json=body) as resp:
                    resp.raise_for_status()
                async with session.get(base + "/api/v1/events") as resp:
                    resp.raise_for_status()
                    async for raw in resp.content:
                        line = raw.decode().strip()
                        if line.startswith("data:"):
                            seen.append(json.loads(line[5:]))
        except (aiohttp.ClientError, OSError):
            await asyncio.sleep(0.5)


async def _wait_flags(kam: Kamailio, ports: list[int], flag: str, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        blocks = (await kam.rpc("dispatcher.list")).split("DEST:")[1:]
        states = [next((b for b in blocks if f":{p}" in b), "") for p in ports]
        if all(f"FLAGS: {flag}" in b for b in states):
            return
        await asyncio.sleep(0.3)
    raise AssertionError(await kam.rpc("dispatcher.list"))


async def _calls(tmp_path: Path, kam: Kamailio, pcap: Path, seconds: float, n: int, name: str):  # type: ignore[no-untyped-def]
    xml = uac_audio(pcap, seconds, wait_ms=800)
    result = await call_listener(  # 6 callers at once: 40 calls in a few rounds
        tmp_path, kam.port, xml, "-mi", "127.0.0.1", "-l", "6", calls=n, name=name, timeout=240
    )
    assert result.returncode == 0, str(result)


def _all_transcribed(tickets: list[dict[str, Any]]) -> bool:
    return len(tickets) >= 40 and all(t["transcript_words"] for t in tickets)


def test_two_nodes_behind_kamailio_survive_sigterm_and_sigkill(
    postgres_url: str, cluster_node: NodeFactory, tmp_path: Path, speech_pcm: Callable[..., bytes]
) -> None:
    grace = {"HOTLINE_SIP__SHUTDOWN_GRACE_SECONDS": "60"}
    a, b = cluster_node("node-a", **grace), cluster_node("node-b", **grace)
    pcm = speech_pcm(8000)
    seconds = len(pcm) / 16000
    pcap = speech_pcap(tmp_path, pcm)
    long_pcap = speech_pcap(tmp_path, pcm * 5, "long.pcap")  # outlasts the failover calls
    seen: list[dict[str, Any]] = []
    engine = create_engine(postgres_url)

    async def scenario() -> None:
        await asyncio.gather(asyncio.to_thread(a.start), asyncio.to_thread(b.start))
        await asyncio.to_thread(b.add_user, LOGIN[0], "operator", LOGIN[1])
        listfile = tmp_path / "dispatcher.list"
        listfile.write_text(f"1 sip:127.0.0.1:{a.sip_port}\n1 sip:127.0.0.1:{b.sip_port}\n")
        async with kamailio(tmp_path / "kam", CLUSTER_DISPATCHER, listfile=listfile) as kam:
            await _wait_flags(kam, [a.sip_port, b.sip_port], "AP")
            watcher = asyncio.create_task(_watch(b, seen))
            try:
                # 1. 18 calls spread over both nodes
                await _calls(tmp_path, kam, pcap, seconds, 18, "spread")
                # 2. SIGTERM on A during a call: A drains, Kamailio sends new calls to B
                before = await asyncio.to_thread(max_ticket_id, engine)
                draining = start_sipp_call(
                    tmp_path, a.sip_port, long_pcap, seconds * 5, name="draining"
                )
                await asyncio.to_thread(wait_tickets, engine, lambda ts: ts[-1]["id"] > before, 60)
                assert a.proc is not None
                a.proc.send_signal(15)
                await asyncio.to_thread(a.wait_log, "shutting down: new calls get 503")
                await _calls(tmp_path, kam, pcap, seconds, 10, "failover")
                assert await asyncio.to_thread(draining.wait, 90) == 0
                assert await asyncio.to_thread(a.proc.wait, 90) == 0
                # 3. SIGKILL on B mid-call, then B restarts
                last = await asyncio.to_thread(max_ticket_id, engine)
                killed = start_sipp_call(tmp_path, b.sip_port, long_pcap, seconds * 5, name="kill")
                await asyncio.to_thread(wait_tickets, engine, lambda ts: ts[-1]["id"] > last, 60)
                await asyncio.sleep(2)  # some audio on disk
                b.kill9()
                killed.kill()
                killed.wait()
                await asyncio.to_thread(b.start)
                await _wait_flags(kam, [b.sip_port], "AP")
                # 4. the rest of the 40 calls on the surviving node
                await _calls(tmp_path, kam, pcap, seconds, 10, "after")
                await asyncio.to_thread(wait_tickets, engine, _all_transcribed, 900)
                await asyncio.sleep(1)  # the last live events
            finally:
                watcher.cancel()

    try:
        asyncio.run(scenario())
        a.terminate()
        b.terminate()
        tickets = tickets_in_db(engine)
        assert len(tickets) == 40
        assert len({t["call_id"] for t in tickets}) == 40  # one ticket per call
        for t in tickets:
            assert t["transcript_words"] and not t["transcription_pending"], t
            assert (tmp_path / "recordings" / t["recording_ref"]).is_file(), t
        with engine.connect() as conn:
            writers = dict(conn.execute(text("SELECT call_id, node_id FROM recordings")).all())
            twice = conn.execute(
                text(
                    "SELECT job_id FROM followup_attempts GROUP BY job_id, attempt"
                    " HAVING count(*) > 1"
                )
            ).all()
    finally:
        engine.dispose()
    assert set(writers.values()) == {"node-a", "node-b"}  # both nodes took calls
    assert set(writers) == {t["call_id"] for t in tickets}
    assert twice == []
    shown = {e["ticket_id"] for e in seen if e.get("kind", "").startswith("ticket.")}
    assert {t["id"] for t in tickets} <= shown
