"""The catalogue's duty items train the unit classifier (duty_examples.py, seed.py)."""

from __future__ import annotations

from dataclasses import replace

from hotline.ticketing.catalog import Catalog, Unit
from hotline.ticketing.routing.duty_examples import duty_examples, duty_items
from hotline.ticketing.routing.seed import (
    DUTY_WEIGHT,
    cache_file,
    retired_records,
    seed_records,
    training_records,
)


def test_a_duty_list_is_read_item_by_item_with_its_brackets() -> None:
    items = duty_items("拖欠工资、社会保险（养老、失业、工伤）、园林绿化（含台风后倒伏树木清理）")
    assert items == [
        *("拖欠工资", "社会保险", "园林绿化"),
        *("养老", "失业", "工伤", "台风后倒伏树木清理"),
    ]


def test_every_item_is_an_example_of_its_unit_without_a_type() -> None:
    units = [Unit(id="water", name="水务", duties="供水停水、水压"), Unit(id="lutun", name="芦屯")]
    assert duty_examples(units, 2.0) == [
        ("供水停水", "water", None, 2.0),
        ("水压", "water", None, 2.0),
    ]


def test_the_classifiers_train_on_every_unit_duty_of_the_catalogue(
    routing_catalog: Catalog,
) -> None:
    records = training_records(units=routing_catalog.units)
    corpus = len(seed_records()) + len(retired_records())
    added = records[corpus:]
    assert {unit for _, unit, *_ in added} == {u.id for u in routing_catalog.units if u.duties}
    assert {r[3] for r in added} == {DUTY_WEIGHT}  # type: ignore[misc]
    assert training_records() == records[:corpus]


def test_the_cached_model_follows_the_duties(routing_catalog: Catalog) -> None:
    units = list(routing_catalog.units)
    before = cache_file(units=units)
    units[0] = replace(units[0], duties=units[0].duties + "、新的职责")
    assert cache_file(units=units) != before
