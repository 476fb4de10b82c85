"""Acceptance: the labelled evaluation set (tests/routing/data/eval.jsonl).

Every request exists as the clean text and as an ASR-style variant (spaces
between words, no punctuation, numbers in Chinese characters, homophones and
dropped characters). Target: lead unit ≥ 0.90 on both.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hotline.ticketing.catalog import Catalog
from hotline.ticketing.routing import Router

DATA = Path(__file__).parent / "data" / "eval.jsonl"
ITEMS = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]


def test_the_set_covers_every_unit_and_area_in_both_styles(routing_catalog: Catalog) -> None:
    assert len(ITEMS) >= 150
    assert {i["unit"] for i in ITEMS} == {u.id for u in routing_catalog.units}
    assert {i["area"] for i in ITEMS if i["area"]} == {a.id for a in routing_catalog.areas}
    assert {i["category"] for i in ITEMS} == set(routing_catalog.category_ids())
    assert sum(i["epidemic"] for i in ITEMS) >= 10
    for item in ITEMS:
        assert re.search(r"[，。？！、]", item["clean"]), item["id"]
        asr = item["asr"]
        assert " " in asr and not re.search(r"[，。？！、,.?!0-9]", asr), item["id"]


@pytest.mark.parametrize("variant", ["clean", "asr"])
def test_accuracy(router: Router, variant: str) -> None:
    right = {"department": 0, "category": 0, "area": 0, "epidemic": 0}
    labels = {"department": "unit", "category": "category", "area": "area", "epidemic": "epidemic"}
    for item in ITEMS:
        got = router.suggest(item[variant]).to_dict()
        for field, label in labels.items():
            right[field] += got[field] == item[label]
    share = {k: v / len(ITEMS) for k, v in right.items()}
    assert share["department"] >= 0.90, share
    assert share["category"] >= 0.80, share
    assert share["area"] >= 0.90, share
    assert share["epidemic"] >= 0.90, share
