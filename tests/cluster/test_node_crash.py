"""A named node on PostgreSQL killed with SIGKILL mid-call: on restart it repairs its own
recording and transcribes it; the database says which node wrote the recording and
/healthz which node answers. Real `hotline serve`, sipp caller, Vosk (Korean test model)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.cluster.conftest import NodeFactory
from tests.fixtures.sipp import needs_sipp

pytestmark = [needs_sipp, pytest.mark.slow, pytest.mark.postgres, pytest.mark.timeout(420)]


def test_sigkill_mid_call_on_postgres_node_repairs_and_transcribes(
    postgres_url: str, cluster_node: NodeFactory, tmp_path: Path, speech_pcm: Callable[..., bytes]
) -> None:
    srv = cluster_node("node-a").start()
    status, health = srv.wait_healthz()
    assert health["checks"]["node"]["id"] == "node-a", health
    long_pcm = speech_pcm(8000) * 8  # long enough to kill the node while the caller speaks
    draft, recording = srv.kill9_mid_call(tmp_path, long_pcm)
    assert draft["transcript_words"] == []
    # The node writes into its own folder of the (shareable) recordings volume.
    assert recording.is_relative_to(tmp_path / "recordings" / "node-a")

    srv.start()  # the same node again: repair, recovery, backlog
    assert "repaired the header" in srv.log_text() or "interrupted call" in srv.log_text()
    t = srv.wait_ticket(lambda t: t["id"] == draft["id"] and bool(t["transcript_words"]))
    assert not t["transcription_pending"] and t["machine_text"].strip()
    assert any(h["command"] == "attach_transcript" for h in t["history"])
    assert len(srv.tickets()) == 1  # no second draft for the same call
    srv.terminate()

    engine = create_engine(postgres_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT call_id, node_id FROM recordings")).all()
            jobs = conn.execute(text("SELECT state, owner FROM asr_jobs")).all()
    finally:
        engine.dispose()
    assert [tuple(r) for r in rows] == [(draft["call_id"], "node-a")]
    assert [tuple(j) for j in jobs] == [("done", "node-a")]
