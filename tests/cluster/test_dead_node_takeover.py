"""A node that dies and does NOT come back: another node takes over what it left on the
shared volume.

Two real `hotline serve` nodes on one PostgreSQL share the recordings volume and the data
directory (journals are named per node). Node B is SIGKILLed mid-call (sipp caller) and never
restarted; node A, running all along, once B's heartbeat is older than the lease repairs B's
recording, keeps the one draft of that call and transcribes it. A third node, "node-c", that
died long before (a stale heartbeat row, a journal with a draft the database never saw, a
recording whose header was never written) is taken over in the same way.
Vosk: the Korean test model.
"""

from __future__ import annotations

import os
import time
import wave
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hotline.telephony.audio import wav_header
from hotline.ticketing.intake.journal import IntakeJournal
from hotline.ticketing.intake.records import DraftOpened
from hotline.ticketing.routing import Router
from sqlalchemy import create_engine, insert, text

from hotline.node_registry import cluster_nodes
from tests.cluster.conftest import NodeFactory
from tests.cluster.db_poll import tickets_in_db, wait_tickets
from tests.fixtures.routing import copy_seed_cache
from tests.fixtures.sip import speech_pcap
from tests.fixtures.sipp import needs_sipp, start_sipp_call

pytestmark = [needs_sipp, pytest.mark.slow, pytest.mark.postgres, pytest.mark.timeout(420)]

LEASE = "8"  # B counts as dead 8 s after its last heartbeat (every 8/3 s while up)


def _plant_long_dead_node(postgres_url: str, tmp_path: Path, pcm: bytes) -> str:
    """node-c: died an hour ago leaving a journaled draft and a header-less recording."""
    ref = "node-c/2026/03/01/c-journaled.wav"
    wav = tmp_path / "recordings" / ref
    wav.parent.mkdir(parents=True)
    wav.write_bytes(wav_header(0) + pcm)  # killed before the header was ever updated
    old = time.time() - 3600
    os.utime(wav, (old, old))
    received = datetime.now(UTC) - timedelta(hours=1)
    IntakeJournal(tmp_path / "shared" / "intake-journal-node-c.jsonl").append(
        DraftOpened(
            call_id="c-journaled",
            received_at=received,
            caller="13800000003",
            called="12345",
            forwarded_from=None,
            recording_ref=ref,
            transcription_pending=False,
        )
    )
    engine = create_engine(postgres_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                insert(cluster_nodes).values(node_id="node-c", state="up", last_seen=received)
            )
    finally:
        engine.dispose()
    return ref


def test_a_dead_node_that_never_returns_is_taken_over(
    postgres_url: str,
    cluster_node: NodeFactory,
    router: Router,
    tmp_path: Path,
    speech_pcm: Callable[..., bytes],
) -> None:
    shared = tmp_path / "shared"  # the data directory on the shared volume: journals
    copy_seed_cache(router, shared)
    env = {"HOTLINE_DATA_DIR": str(shared), "HOTLINE_CLUSTER__LEASE_SECONDS": LEASE}
    a, b = cluster_node("node-a", **env), cluster_node("node-b", **env)
    with ThreadPoolExecutor(2) as pool:  # both up at once: A sees B die
        list(pool.map(lambda node: node.start(), (a, b)))
    engine = create_engine(postgres_url)
    long_pcm = speech_pcm(8000) * 8
    pcap = speech_pcap(tmp_path, long_pcm)
    caller = start_sipp_call(tmp_path, b.sip_port, pcap, len(long_pcm) / 16000, name="killed")
    try:
        wait_tickets(engine, bool, 60)
        draft = tickets_in_db(engine)[0]
        recording = tmp_path / "recordings" / draft["recording_ref"]
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (
            not recording.exists() or recording.stat().st_size < 8000 * 2 * 3
        ):
            time.sleep(0.1)  # ≥ 3 s of audio on disk
        b.kill9()  # and never started again
    finally:
        caller.kill()
        caller.wait()
    assert recording.is_relative_to(tmp_path / "recordings" / "node-b")
    _plant_long_dead_node(postgres_url, tmp_path, speech_pcm(8000) * 2)

    # Node A, once B's heartbeat is older than the lease, and node-c at once.
    wait_tickets(engine, lambda ts: len(ts) == 2 and all(t["transcript_words"] for t in ts), 240)
    t, c = (a.show(int(x["id"])) for x in tickets_in_db(engine))
    assert t["call_id"] == draft["call_id"] and c["call_id"] == "c-journaled"
    assert not t["transcription_pending"] and t["machine_text"].strip()
    assert c["caller_number"] == "13800000003"  # the journaled draft, not one made up
    a.wait_log("node node-b taken over")
    for path in (recording, Path(c["recording_path"])):
        with wave.open(str(path)) as w:  # headers repaired: every sample is counted
            assert w.getnframes() * 2 + 44 == path.stat().st_size > 8000 * 2 * 3
    assert not (shared / "intake-journal-node-c.jsonl").exists()
    assert not (shared / "intake-journal-node-c.recovering.jsonl").exists()
    a.terminate()

    try:
        with engine.connect() as conn:
            nodes = dict(conn.execute(text("SELECT node_id, state FROM cluster_nodes")).all())
            claimers = conn.execute(
                text("SELECT DISTINCT recovered_by FROM cluster_nodes WHERE node_id != 'node-a'")
            ).scalars()
            jobs = dict(conn.execute(text("SELECT key, owner FROM asr_jobs")).all())
            writer = conn.execute(
                text("SELECT node_id FROM recordings WHERE call_id = :c"), {"c": draft["call_id"]}
            ).scalar_one()
    finally:
        engine.dispose()
    assert nodes == {"node-a": "stopped", "node-b": "recovered", "node-c": "recovered"}
    assert list(claimers) == ["node-a"]
    assert jobs == {draft["call_id"]: "node-a", "c-journaled": "node-a"}
    assert writer == "node-b"  # which node wrote the recording stays on record
