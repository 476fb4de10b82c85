"""Place names half in characters, half in pinyin (芦tun镇), and a character heard in another
of its readings (熊哕镇: 哕 is hui and yue)."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.latin_place import LatinPlaces
from hotline.ticketing.routing.phonetic import TextSound, char_readings
from hotline.ticketing.routing.text import chunks

NAMES = {
    "芦屯": "lutun",
    "芦屯镇": "lutun",
    "红旗镇": "hongqi",
    "熊岳": "xiongyue",
    "熊岳镇": "xiongyue",
}


def _mixed(text: str) -> list[tuple[str, str]]:
    found = LatinPlaces(NAMES).find_mixed(TextSound(chunks(text)))
    return [(name, area) for _, name, area in found]


@pytest.mark.parametrize(
    ("text", "name", "area"),
    [
        ("芦tun镇后岭村那段村路压出好几个大坑", "芦屯镇", "lutun"),
        ("红qi镇三道沟村一到晚上就停电", "红旗镇", "hongqi"),
        ("hong旗镇的集市", "红旗镇", "hongqi"),  # the first syllable in pinyin
        ("我家在Lu屯那边", "芦屯", "lutun"),  # capitals, a short form
        ("熊yue2镇那家饲料厂", "熊岳镇", "xiongyue"),  # a tone digit
    ],
)
def test_a_name_half_in_pinyin_is_read_as_the_name(text: str, name: str, area: str) -> None:
    assert _mixed(text) == [(name, area)]


@pytest.mark.parametrize(
    "text",
    [
        "红qiang镇",  # the letters run on: qiang is no qi
        "xiongyue镇的路灯",  # the letters are a whole name: LatinPlaces.find reads it
        "芦屯镇的路灯",  # all characters: the gazetteer's own match
        "hongqi zhen",  # all letters
    ],
)
def test_only_a_name_half_in_letters_and_whole_words_is_mixed(text: str) -> None:
    assert _mixed(text) == []


def test_a_name_in_whole_pinyin_before_its_suffix_is_one_mention(router: Router) -> None:
    hit = router.gazetteer.find("xiongyue镇的路灯", TextSound(chunks("xiongyue镇的路灯")))
    assert hit is not None and hit.area_id == "xiongyue" and hit.names == ("xiongyue",)


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("芦tun镇后岭村那段村路，秋收拉玉米的大车来回压，压出好几个大坑", "lutun"),
        ("红qi镇三道沟村这两天一到晚上就停电，烘干机一停粮食要坏了", "hongqi"),
        ("熊yue镇那家饲料厂烘干塔一开，整个屯子都是粉尘", "xiongyue"),
    ],
)
def test_a_request_naming_its_town_half_in_pinyin_is_placed(
    rules_only_router: Router, text: str, area: str
) -> None:
    assert rules_only_router.suggest(text).area == area


def test_a_character_has_all_its_readings() -> None:
    assert char_readings("哕") == {"hui", "yue"}
    assert char_readings("岳") == {"yue"}
    assert char_readings("a") == {"a"}


@pytest.mark.parametrize(
    "text",
    [
        "我是熊哕镇东关村的 村里修文化广场每户收三百",
        "熊哕 我们那地 苞米得了大斑病 这有没有保险",
    ],
)
def test_a_name_heard_in_another_reading_of_its_character_is_placed(
    rules_only_router: Router, text: str
) -> None:
    suggestion = rules_only_router.suggest(text)
    assert suggestion.area == "xiongyue"


def test_a_particle_in_another_reading_places_nothing(rules_only_router: Router) -> None:
    # 还 reads hai (as 海) and huan; 了 le and liao: particles, no place's syllable.
    assert rules_only_router.suggest("这事儿了还没办 我都问了三回了").area is None
