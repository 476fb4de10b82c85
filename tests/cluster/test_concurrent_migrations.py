"""Nodes started at once on an empty PostgreSQL database all migrate it: one after the
other (an advisory lock), not into each other's CREATE TYPE/TABLE."""

from __future__ import annotations

import threading

import pytest

from hotline.migrations import current_heads, upgrade

pytestmark = [pytest.mark.postgres]


def test_nodes_migrating_at_once_all_succeed(postgres_url: str) -> None:
    errors: list[BaseException] = []
    start = threading.Barrier(3)

    def node() -> None:
        start.wait()
        try:
            upgrade(postgres_url)
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=node) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert len(current_heads(postgres_url)) == 1
