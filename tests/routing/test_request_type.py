"""The request type follows the catalogue's definitions (config/bayuquan-catalog.yaml,
`categories`): every example written under a type gets that type from the shipped router,
as written and as a recogniser writes it (no punctuation, words apart)."""

from __future__ import annotations

import pytest
from hotline.ticketing.catalog import Catalog
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.segment import words
from hotline.ticketing.routing.text import normalise

from hotline.catalog_loader import load_catalog

EXAMPLES = [(c.id, text) for c in load_catalog().categories for text in c.examples]


def test_every_type_has_examples(routing_catalog: Catalog) -> None:
    assert {c.id for c in routing_catalog.categories} == {t for t, _ in EXAMPLES}
    assert all(len(c.examples) >= 5 for c in routing_catalog.categories)


@pytest.mark.parametrize(("type_id", "text"), EXAMPLES)
def test_the_router_gives_each_catalogue_example_its_own_type(
    router: Router, type_id: str, text: str
) -> None:
    assert router.suggest(text).category == type_id
    heard = " ".join(words(normalise(text)))
    assert router.suggest(heard).category == type_id
