"""`cluster_node(name)`: a configured `hotline serve` node (not started) on this test's
PostgreSQL schema, with its own working directory and node id, one shared recordings folder,
the same secret key and the seed routing cache; every node is stopped after the test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hotline.ticketing.routing import Router

from tests.fixtures.routing import copy_seed_cache
from tests.fixtures.service import HotlineServer, make_server

NodeFactory = Callable[..., HotlineServer]


@pytest.fixture
def cluster_node(
    postgres_url: str, router: Router, tmp_path: Path, vosk_model_dir: Path
) -> Iterator[NodeFactory]:
    nodes: list[HotlineServer] = []

    def node(name: str, **env: str) -> HotlineServer:
        copy_seed_cache(router, tmp_path / name / "var")
        env = {
            "HOTLINE_CLUSTER__NODE_ID": name,
            "HOTLINE_SECRET_KEY": "k" * 40,
            # The recordings volume every node mounts: any node serves and transcribes any.
            "HOTLINE_RECORDINGS_DIR": str(tmp_path / "recordings"),
            **env,
        }
        srv = make_server(
            tmp_path / name, database_url=postgres_url, model_dir=vosk_model_dir, extra_env=env
        )
        nodes.append(srv)
        return srv

    try:
        yield node
    finally:
        for srv in nodes:
            srv.terminate()
