"""The blind sets in bench/blind/ are labelled with catalogue ids and nothing else.

Only their labels are checked here: the router is never run on them in the tests, so
the sets stay blind (they are measured by `bench/routing_eval.py --blind`, and
bench/RESULTS.md says how often each was measured).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hotline.ticketing.catalog import Catalog

BLIND = Path(__file__).resolve().parents[2] / "bench" / "blind"
FIELDS = {"text", "unit", "type", "area", "epidemic"}


@pytest.mark.parametrize("path", sorted(BLIND.glob("*.jsonl")), ids=lambda p: p.stem)
def test_every_blind_request_carries_catalogue_ids(routing_catalog: Catalog, path: Path) -> None:
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    assert len(items) >= 40
    shared_duty = path.stem.endswith("_assist")
    types = set(routing_catalog.category_ids())
    areas = {a.id for a in routing_catalog.areas}
    for item in items:
        optional = {"id"} | ({"assist"} if shared_duty else set())  # round 2 numbered them
        assert FIELDS <= set(item) <= FIELDS | optional, item
        assert not shared_duty or "assist" in item, item
        assert item["text"].strip(), item
        assert routing_catalog.has_unit(item["unit"]), item
        assert item["type"] in types, item
        assert item["area"] is None or item["area"] in areas, item
        assert isinstance(item["epidemic"], bool), item
        if shared_duty:
            # Round 8 added controls that look shared but are not: an empty list.
            assert item["unit"] not in item["assist"], item
            assert all(routing_catalog.has_unit(u) for u in item["assist"]), item
    if shared_duty:
        assert sum(bool(i["assist"]) for i in items) >= 0.75 * len(items), "mostly shared duty"
    texts = [i["text"] for i in items]
    assert len(set(texts)) == len(texts), "a request appears twice"
