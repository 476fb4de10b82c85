"""Area names with a character lost in transit (海□街道, 红?街道, 熊□镇) or sent as a web form's
character entity (望&#28023;街道): a mark is read as the lost character only where exactly one
of the six names fits with its kind word; a real question mark, a mark where two names fit
(□海街道, 红□) or with no kind word is never read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.place_placeholder import PlacePlaceholders
from hotline.ticketing.routing.text import chunks, decoded, normalise

from tests.fixtures.routing import official_areas

OFFICIAL = official_areas()


def spelt(text: str) -> str:
    return PlacePlaceholders(OFFICIAL).spelt(text)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("海□街道那边一个装修公司欠了我三个月工资", "海星街道那边"),
        ("熊■镇有个板材厂夜里开工", "熊岳镇有个"),
        ("红�镇的砖厂窑口没有防护", "红旗镇的"),
        ("红?街道有家快餐店的后厨", "红海街道有家"),
        ("？星街道这边半夜过渣土车", "海星街道这边"),
        ("芦锟斤拷镇一个汽修厂", "芦屯镇一个"),
        ("住在□屯镇的老人低保停了", "芦屯镇的"),
        ("〓岳镇回迁楼工地欠薪", "熊岳镇回迁楼"),
        ("海??街道办事处不给盖章", "海星街道办事处"),  # a character's bytes, a mark each
        ("望■办事处门口的路灯不亮", "望海办事处"),  # a subdistrict's office
    ],
)
def test_a_mark_where_one_name_fits_before_its_kind_word_is_that_name(text: str, read: str) -> None:
    assert read in spelt(text)


@pytest.mark.parametrize(
    "text",
    [
        "□海街道有个工地晚上施工",  # 望海 or 红海
        "?海街道的公厕没人打扫",  # 望海 or 红海
        "红□那边有个砖厂冒黑烟",  # 红旗 or 红海, and no kind word
        "海□那边的菜市场",  # no kind word
        "请问是海星街道吗？",  # a question after a name
        "暖气坏了四天？？红海街道的供热站不管",  # questions before a name in full
        "能报销吗?芦屯镇卫生院说不行",  # a question before a name in full
        "望海?街道",  # 望海 written in full, then a mark
        "我在□□镇打工",  # no character of a name kept
        "厂里说星期天加班？街道也不管",  # a question before 街道: no name's character kept
    ],
)
def test_no_mark_is_read_where_no_single_name_fits(text: str) -> None:
    assert spelt(text) == text


def test_entities_are_decoded_before_any_reader() -> None:
    assert decoded("望&#28023;街道的零工市场") == "望海街道的零工市场"
    assert decoded("&#x718a;岳镇") == "熊岳镇"
    assert decoded("工资&amp;社保") == "工资&社保"
    assert decoded("R&D中心") == "R&D中心"  # no entity: as written
    assert normalise("在&#33446;屯镇一个葡萄园") == "在芦屯镇一个葡萄园"
    assert chunks("&#29066;岳镇 回迁楼") == ["熊岳镇", "回迁楼"]


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("海□街道那边一个装修公司欠了我三个月工资，老板说公司没钱，让我等。", "haixing"),
        ("望&#28023;街道的零工市场旁边连个厕所都没有，建议在那修个公厕", "wanghai"),
        ("红?街道有家快餐店的后厨，切菜的都没办健康证，举报一下", "honghai"),
        ("熊□镇有个板材厂夜里开工，机器轰隆隆响到后半夜", "xiongyue"),
        ("&#x82a6;屯镇一个汽修厂的学徒工都住在村里租的民房里", "lutun"),
    ],
)
def test_the_router_places_a_name_with_a_character_lost(
    router: Router, text: str, area: str
) -> None:
    assert router.suggest(text).area == area


def test_the_router_places_nothing_where_two_names_fit(router: Router) -> None:
    assert router.suggest("□海街道有个工地，半夜还在打桩，吵得睡不着。").area is None


def test_a_question_after_a_name_keeps_its_name(router: Router) -> None:
    assert router.suggest("社区让我去开证明，是海星街道？还是去社保局？").area == "haixing"
