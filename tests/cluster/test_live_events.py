"""Live ticket events across nodes: PostgreSQL LISTEN/NOTIFY between EventHubs (one per
node), and between two real `hotline serve` nodes (a call answered on A shows on B)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path

import aiohttp
import pytest
from hotline.ticketing.web.event_relay import PgEventRelay, encode
from hotline.ticketing.web.events import EventHub, TicketEvent

from tests.cluster.conftest import NodeFactory
from tests.fixtures.service import HotlineServer
from tests.fixtures.sip import speech_pcap
from tests.fixtures.sipp import needs_sipp, sipp_call


async def _next(queue: asyncio.Queue, timeout: float = 20) -> TicketEvent:  # type: ignore[type-arg]
    item = await asyncio.wait_for(queue.get(), timeout)
    assert item is not None
    return item[1]


@pytest.mark.postgres
async def test_event_published_on_one_node_reaches_the_other_once(postgres_url: str) -> None:
    a, b = EventHub(), EventHub()
    relay_a, relay_b = PgEventRelay(postgres_url, a), PgEventRelay(postgres_url, b)
    await relay_a.start()
    await relay_b.start()
    assert relay_a.listening.is_set() and relay_b.listening.is_set()
    try:
        async with a.subscribe() as on_a, b.subscribe() as on_b, b.subscribe("housing") as unit:
            a.publish(
                TicketEvent("ticket.created", 7, "draft", ("housing",), {"machine_text": "x"})
            )
            got = await _next(on_b)
            assert (got.kind, got.ticket_id, got.units) == ("ticket.created", 7, ("housing",))
            assert got.data["machine_text"] == "x"
            assert "machine_text" not in (await _next(unit)).data  # liaison rules still apply
            assert (await _next(on_a)).ticket_id == 7
            b.publish(TicketEvent("ticket.updated", 8, "registered"))
            assert (await _next(on_a)).ticket_id == 8
            await asyncio.sleep(0.5)
            assert on_a.empty() and on_b.qsize() == 1  # each node got each event once
    finally:
        await relay_a.stop()
        await relay_b.stop()


def test_oversized_event_drops_the_transcript_not_the_event() -> None:
    event = TicketEvent("ticket.updated", 1, "draft", (), {"machine_text": "话" * 5000, "x": 1})
    body = json.loads(encode("me", event))
    assert body["event"]["data"] == {"x": 1} and body["event"]["ticket_id"] == 1


async def _sse_events(srv: HotlineServer, login: tuple[str, str], seen: list[dict]) -> None:  # type: ignore[type-arg]
    base = f"http://127.0.0.1:{srv.http_port}"
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        body = {"username": login[0], "password": login[1]}
        async with session.post(base + "/api/v1/session/login", json=body) as resp:
            assert resp.status == 200, await resp.text()
        async with session.get(base + "/api/v1/events") as resp:
            assert resp.status == 200
            async for raw in resp.content:
                line = raw.decode().strip()
                if line.startswith("data:"):
                    seen.append(json.loads(line[5:]))


@needs_sipp
@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.timeout(420)
def test_call_answered_on_node_a_shows_on_node_b(
    cluster_node: NodeFactory, tmp_path: Path, speech_pcm: Callable[..., bytes]
) -> None:
    a, b = cluster_node("node-a"), cluster_node("node-b")
    a.start()
    b.start()
    b.add_user("wang", "operator", "pass-word-1")
    pcm = speech_pcm(8000)
    pcap = speech_pcap(tmp_path, pcm)

    async def scenario() -> list[dict]:  # type: ignore[type-arg]
        seen: list[dict] = []  # type: ignore[type-arg]
        watcher = asyncio.create_task(_sse_events(b, ("wang", "pass-word-1"), seen))
        while not any(e.get("kind") == "hello" for e in seen):
            assert not watcher.done(), watcher
            await asyncio.sleep(0.1)
        result = await sipp_call(tmp_path, a.sip_port, pcap, len(pcm) / 16000)
        assert result.returncode == 0, str(result)
        for _ in range(600):
            if any(e.get("data", {}).get("intake") == "call_transcribed" for e in seen):
                break
            await asyncio.sleep(0.1)
        watcher.cancel()
        return seen

    seen = asyncio.run(scenario())
    kinds = [(e["kind"], e.get("data", {}).get("intake")) for e in seen]
    assert ("ticket.created", "draft_opened") in kinds, kinds
    assert ("ticket.updated", "call_transcribed") in kinds, kinds
    [ticket] = b.tickets()
    created = next(e for e in seen if e["kind"] == "ticket.created")
    assert created["ticket_id"] == ticket["id"]
