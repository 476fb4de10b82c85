"""The retired blind sets as training data: provenance, weights, and what the classifiers
learn from them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hotline.ticketing.catalog import Catalog
from hotline.ticketing.routing import seed as seed_module
from hotline.ticketing.routing.classifier import train_seed
from hotline.ticketing.routing.seed import (
    RETIRED_FILE,
    RETIRED_WEIGHTS,
    cache_file,
    retired_records,
    seed_model,
    seed_records,
    training_records,
)
from hotline.ticketing.routing.text import normalise

BLIND = Path(__file__).resolve().parents[2] / "bench" / "blind"
SOURCE = re.compile(r"^r([2-9]|1[0-9]|2[0-9]|3[0-6])_(spoken|written|assist):(\d+)$")


def _retired_lines() -> list[dict[str, object]]:
    lines = RETIRED_FILE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_every_retired_line_names_its_set_and_line_of_rounds_2_to_10(
    routing_catalog: Catalog,
) -> None:
    units = {u.id for u in routing_catalog.units}
    types = set(routing_catalog.category_ids())
    lines = _retired_lines()
    assert len(lines) > 1000
    for item in lines:
        match = SOURCE.match(str(item["source"]))
        assert match, item["source"]  # never a set of round 11 on: those stay blind
        assert item["unit"] in units and item["category"] in types
        number = int(match.group(3))
        blind = BLIND / f"r{match.group(1)}_{match.group(2)}.jsonl"
        original = json.loads(blind.read_text(encoding="utf-8").splitlines()[number - 1])
        assert (original["text"], original["unit"], original["type"]) == (
            item["text"],
            item["unit"],
            item["category"],
        )


def test_the_retired_lines_are_no_seed_corpus_lines() -> None:
    seed = {normalise(text) for text, _, _ in seed_records()}
    assert not [i for i in _retired_lines() if normalise(str(i["text"])) in seed]


def test_retired_records_are_weighted_by_kind_and_filtered_by_source() -> None:
    every = retired_records()
    assert len(every) == len(_retired_lines())
    assert {w for *_, w in every} <= set(RETIRED_WEIGHTS.values())
    spoken_only = retired_records(weights={"spoken": 2.0, "written": 0.0, "assist": 0.0})
    assert spoken_only and {w for *_, w in spoken_only} == {2.0}
    spoken = [i for i in _retired_lines() if "_spoken:" in str(i["source"])]
    assert len(spoken_only) == len(spoken)
    without_r3 = retired_records(keep=lambda source: not source.startswith("r3_"))
    r3 = [i for i in _retired_lines() if str(i["source"]).startswith("r3_")]
    assert r3 and len(without_r3) == len(every) - len(r3)


def test_the_classifiers_train_on_the_seed_corpus_and_the_retired_sets() -> None:
    records = training_records()
    assert len(records) == len(seed_records()) + len(retired_records())
    assert records[: len(seed_records())] == seed_records()


def test_a_weight_pulls_both_classifiers_towards_its_lines() -> None:
    # Two words said with two units and two types; the weighted lines win the tie.
    heavy = [("渠道堵了没人管", "water", "complaint", 3.0)] * 10
    light = [("渠道堵了没人管", "agriculture", "help", 1.0)] * 10
    filler = [
        (f"{word}的事情", unit, kind)
        for word, unit, kind in (
            ("自来水", "water", "help"),
            ("庄稼", "agriculture", "consult"),
            ("停水", "water", "complaint"),
            ("种子", "agriculture", "help"),
        )
    ] * 3
    text = normalise("渠道堵了没人管")
    for first, second in ((heavy, light), (light, heavy)):
        model = train_seed(first + second + filler)
        p = model.probabilities(text)
        kinds = model.category_probabilities(text)
        assert p["water"] > p["agriculture"]
        assert kinds["complaint"] > kinds["help"]


def test_the_cached_model_follows_the_retired_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus.jsonl"
    retired = tmp_path / "retired.jsonl"
    lines = [
        {"text": "暖气不热屋里冷", "unit": "heating"},
        {"text": "停水了没有水", "unit": "water"},
    ]
    corpus.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    heard = {"text": "暖器冰凉", "unit": "heating", "category": "help", "source": "r9_spoken:1"}
    retired.write_text(json.dumps(heard, ensure_ascii=False) + "\n", "utf-8")
    monkeypatch.setattr(seed_module, "_models", {})
    cache = tmp_path / "var"
    first = seed_model(cache_dir=cache, path=corpus, retired=retired)
    assert first.seed_examples == 3
    before = cache_file(cache_dir=cache, path=corpus, retired=retired)
    heard["text"] = "暖器拔凉拔凉的"
    retired.write_text(json.dumps(heard, ensure_ascii=False) + "\n", "utf-8")
    assert cache_file(cache_dir=cache, path=corpus, retired=retired) != before
    assert seed_model(cache_dir=cache, path=corpus, retired=None).seed_examples == 2
