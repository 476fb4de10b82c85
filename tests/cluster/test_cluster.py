"""The cluster: Kamailio's dispatcher (OPTIONS probing, failover on 503 and timeouts) in
front of two `hotline serve` nodes on one PostgreSQL, all on loopback, with sipp callers.

40 calls over both nodes; node A gets SIGTERM with a call in progress (drains, answers new
INVITEs 503, Kamailio fails over to B), node B gets SIGKILL mid-call and restarts. Then
every call has exactly one ticket with its recording and transcript, no follow-up was
dialled twice, and an operator logged in on B saw every ticket on the live queue.
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
    result = await call_listener(
        tmp_path, kam.port, xml, "-mi", "127.0.0.1", "-l", "3", calls=n, name=name, timeout=240
    )
    assert result.returncode == 0, str(result)


def _max_id(srv: HotlineServer) -> int:
    return max((int(t["id"]) for t in srv.tickets()), default=0)


def _all_transcribed(srv: HotlineServer, count: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        tickets = srv.tickets()
        if sum(bool(t["transcript_words"]) for t in tickets) >= count:
            return
        time.sleep(1)
    raise AssertionError(f"{len(tickets)} tickets: {tickets}\n{srv.log_text()[-3000:]}")


def test_two_nodes_behind_kamailio_survive_sigterm_and_sigkill(
    postgres_url: str, cluster_node: NodeFactory, tmp_path: Path, speech_pcm: Callable[..., bytes]
) -> None:
    grace = {"HOTLINE_SIP__SHUTDOWN_GRACE_SECONDS": "60"}
    a, b = cluster_node("node-a", **grace), cluster_node("node-b", **grace)
    a.start()
    b.start()
    pcm = speech_pcm(8000)
    seconds = len(pcm) / 16000
    pcap = speech_pcap(tmp_path, pcm)
    long_pcap = speech_pcap(tmp_path, pcm * 8, "long.pcap")  # outlasts slow polling
    seen: list[dict[str, Any]] = []

    async def scenario() -> None:
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
                before = await asyncio.to_thread(_max_id, b)
                draining = start_sipp_call(
                    tmp_path, a.sip_port, long_pcap, seconds * 8, name="draining"
                )
                await asyncio.to_thread(b.wait_ticket, lambda t: t["id"] > before, 60)
                assert a.proc is not None
                a.proc.send_signal(15)
                await asyncio.to_thread(a.wait_log, "shutting down: new calls get 503")
                await _calls(tmp_path, kam, pcap, seconds, 10, "failover")
                assert await asyncio.to_thread(draining.wait, 90) == 0
                assert await asyncio.to_thread(a.proc.wait, 90) == 0
                # 3. SIGKILL on B mid-call, then B restarts
                last = await asyncio.to_thread(_max_id, b)
                killed = start_sipp_call(tmp_path, b.sip_port, long_pcap, seconds * 8, name="kill")
                await asyncio.to_thread(b.wait_ticket, lambda t: t["id"] > last, 60)
                await asyncio.sleep(2)  # some audio on disk
                b.kill9()
                killed.kill()
                killed.wait()
                await asyncio.to_thread(b.start)
                await _wait_flags(kam, [b.sip_port], "AP")
                # 4. the rest of the 40 calls on the surviving node
                await _calls(tmp_path, kam, pcap, seconds, 10, "after")
                await asyncio.to_thread(_all_transcribed, b, 40, 900)
                await asyncio.sleep(1)  # the last live events
            finally:
                watcher.cancel()

    asyncio.run(scenario())
    a.terminate()
    b.terminate()
    tickets = [b.show(int(t["id"])) for t in b.tickets()]
    assert len(tickets) == 40
    assert len({t["call_id"] for t in tickets}) == 40  # one ticket per call
    for t in tickets:
        assert t["transcript_words"] and not t["transcription_pending"], t
        assert Path(t["recording_path"]).is_file(), t
    engine = create_engine(postgres_url)
    try:
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
