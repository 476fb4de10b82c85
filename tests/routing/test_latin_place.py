"""Place names written in Latin letters: pinyin with or without tones, digits or spaces."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.latin_place import LatinPlaces, romanised
from hotline.ticketing.routing.phonetic import TextSound
from hotline.ticketing.routing.text import chunks


def _found(text: str) -> list[str]:
    places = LatinPlaces(
        {"望海": "wanghai", "红海": "honghai", "熊岳镇": "xiongyue", "望儿山": "xiongyue"}
    )
    return [area for _, _, area in places.find(TextSound(chunks(text)))]


def test_a_name_is_read_as_its_toneless_pinyin() -> None:
    assert romanised("熊岳镇") == "xiongyuezhen"
    assert _found("staying near Wanghai. Yesterday a taxi") == ["wanghai"]
    assert _found("Xióngyuèzhèn beach") == ["xiongyue"]  # tone marks dropped
    assert _found("xiong2yue4zhen4 hotel") == ["xiongyue"]  # tone digits dropped
    assert _found("the Wangershan scenic area") == ["xiongyue"]  # a landmark's pinyin
    assert _found("Hong-hai") == _found("xiong-yue") == []  # spaced, nothing around


@pytest.mark.parametrize(
    "text",
    [
        "I met Wang Hai yesterday, he sells fish",  # a person's name, spaced
        "Mr. Wang Hai said the price was fixed",
        "Wanghaixiang restaurant",  # inside a longer word
    ],
)
def test_a_spaced_or_longer_word_without_a_place_around_it_is_no_place(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "my hotel in Wang Hai has no hot water",  # a place preposition before it
        "Wang Hai Street is flooded",  # a kind of place after it
        "wang hai街道的路灯不亮",  # Chinese right after it
    ],
)
def test_a_spaced_name_next_to_a_place_word_is_a_place(text: str) -> None:
    assert _found(text) == ["wanghai"]


@pytest.mark.parametrize(
    ("text", "area"),
    [
        (
            "Hello, I am a tourist staying near Wanghai. Yesterday a taxi from the railway "
            "station charged me 150 yuan, no meter.",
            "wanghai",
        ),
        ("Hi, I left my passport in a taxi from the station to Honghai this morning.", "honghai"),
        ("Our hotel in Xióngyuè Town has no hot water since yesterday.", "xiongyue"),
        ("lu2tun2 镇 我们村的路灯坏了一个月了", "lutun"),
    ],
)
def test_an_english_message_naming_the_area_in_pinyin_is_placed(
    router: Router, text: str, area: str
) -> None:
    assert router.suggest(text).area == area


def test_a_person_named_like_an_area_places_nothing(router: Router) -> None:
    assert router.suggest("Mr. Hong Hai sold me a fake phone charger at the mall.").area is None
