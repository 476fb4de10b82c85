"""Requests typed in traditional script are routed as their simplified twins (OpenCC)."""

from __future__ import annotations

import json

import opencc
import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.seed import RETIRED_FILE
from hotline.ticketing.routing.speech import normalise_speech
from hotline.ticketing.routing.traditional import simplified, traditional_only


def _retired(sources: set[str]) -> list[dict[str, object]]:
    lines = RETIRED_FILE.read_text(encoding="utf-8").splitlines()
    return [item for item in map(json.loads, filter(None, lines)) if item["source"] in sources]


def test_simplified_text_is_left_unchanged() -> None:
    # GB 2312 characters OpenCC's tables could rewrite (著名, 乾隆, 于) are no sign.
    for text in ("他是著名的作家，乾隆年间于此建庙", "熊岳镇东关村的路灯坏了", "Wanghai 酒店"):
        assert simplified(text) is text
    items = map(json.loads, filter(None, RETIRED_FILE.read_text(encoding="utf-8").splitlines()))
    texts = [str(item["text"]) for item in items]
    changed = [t for t in texts if simplified(t) != t]
    # Only the few retired lines typed (partly) in traditional script are converted (sixteen
    # after round 19); every line in simplified script is kept as it is.
    assert changed and all(any(map(traditional_only, t)) for t in changed)
    assert len(changed) <= 20


def test_traditional_only_characters() -> None:
    assert traditional_only("鎮") and traditional_only("區") and traditional_only("說")
    assert not traditional_only("镇") and not traditional_only("著")
    assert not traditional_only("乾") and not traditional_only("a")


@pytest.mark.parametrize("table", ["s2t", "s2tw", "s2hk"])
def test_a_traditional_text_is_read_in_simplified(table: str) -> None:
    text = "熊岳镇东关村的路灯坏了一个月了，晚上黑得看不见路，请尽快派人来修理。"
    converted = opencc.OpenCC(table).convert(text)
    assert converted != text
    assert simplified(converted) == text
    assert normalise_speech(converted) == normalise_speech(text)


SOURCES = {f"r18_written:{n}" for n in (1, 5, 10, 20, 40, 60, 80, 100, 120)}
SOURCES |= {f"r18_spoken:{n}" for n in (3, 30, 90, 150)} | {"r17_written:17"}


@pytest.mark.parametrize("table", ["s2t", "s2tw", "s2hk"])
def test_a_traditional_request_routes_as_its_simplified_twin(router: Router, table: str) -> None:
    converter = opencc.OpenCC(table)
    for item in _retired(SOURCES):
        text = simplified(str(item["text"]))  # r17_written:17 is a Taiwanese visitor's
        twin, got = router.suggest(text), router.suggest(converter.convert(text))
        assert (got.department, got.category, got.area) == (
            twin.department,
            twin.category,
            twin.area,
        ), item["source"]


def test_a_place_in_traditional_script_is_placed(rules_only_router: Router) -> None:
    assert rules_only_router.suggest("蘆屯鎮中心幼兒園大班一半孩子出水痘").area == "lutun"
    assert rules_only_router.suggest("紅旗鎮三道溝村停電了").area == "hongqi"
    assert rules_only_router.suggest("熊嶽鎮北街的路燈壞了").area == "xiongyue"
