"""Retraining reads a bounded window of the dispatch history: the newest N dispatched
tickets, handed over oldest first (the champion/challenger split takes the newest share
as its held-out judge), across page boundaries and with the machine's own dispatches
left out page by page."""

from __future__ import annotations

import pytest
from hotline.ticketing.catalog import Catalog
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.routing import history
from hotline.ticketing.routing.rules import RulesError, parse_rules

from tests.fixtures.routing import store_dispatches
from tests.routing.test_rules_file import _packaged

TEXTS = [(f"第{i}号 暖气不热", "heating") for i in range(7)]


def test_the_newest_n_come_oldest_first(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history, "PAGE", 2)  # several pages with seven tickets
    store_dispatches(database, TEXTS)
    texts = [text for text, _, _ in history.dispatch_history(database, 5)]
    assert texts == [text for text, _ in TEXTS[2:]]
    everything = [text for text, _, _ in history.dispatch_history(database)]
    assert everything == [text for text, _ in TEXTS]


def test_the_window_is_a_checked_routing_setting(routing_catalog: Catalog) -> None:
    data = _packaged()
    assert parse_rules(data, routing_catalog).classifier.retrain_max_history == 50000
    data["classifier"]["retrain_max_history"] = 5
    with pytest.raises(RulesError, match="classifier.retrain_max_history"):
        parse_rules(data, routing_catalog)
