"""Readings see the text after the speech normaliser, which writes 啥 as 什么: a pattern
written with the spoken word alone never matched a caller who said it. Each reading here is
fed the normalised text, as the router feeds it."""

from __future__ import annotations

import pytest
from hotline.ticketing.catalog import Catalog
from hotline.ticketing.routing.disclaimed import area_disclaimed
from hotline.ticketing.routing.duty_object import tourist_price
from hotline.ticketing.routing.own_class_outbreak import own_class_outbreak
from hotline.ticketing.routing.place_hesitation import PlaceHesitation
from hotline.ticketing.routing.speech import normalise_speech


@pytest.mark.parametrize(
    "said",
    ["我闺女班上十几个孩子发烧 老师啥也不说", "我家孩子班里好几个都发烧了 学校啥也不说"],
)
def test_a_school_saying_nothing_of_a_class_ill_together_is_its_handling(said: str) -> None:
    heard = normalise_speech(said)
    assert "什么也不说" in heard
    assert own_class_outbreak(heard.replace(" ", "")).endswith("什么也不说")


def test_a_tourist_lodging_with_no_licence_of_any_kind_is_read() -> None:
    assert tourist_price(normalise_speech("海边那个民宿啥照都没有")) == "什么照都没"


def test_an_area_disclaiming_and_the_papers_asked_is_read() -> None:
    assert area_disclaimed(normalise_speech("社区说不归他们管 办这个要啥"))
    assert not area_disclaimed(normalise_speech("社区说不归他们管"))


def test_a_name_broken_by_na_sha_is_read_as_the_normaliser_writes_it(
    routing_catalog: Catalog,
) -> None:
    reader = PlaceHesitation({area.name: area.id for area in routing_catalog.areas})
    heard = normalise_speech("我在红那啥旗派出所门口")
    assert reader.find(heard) == [(heard.index("红"), "红旗", "hongqi")]
