"""A village's dogs (village_dogs.py): strays, a neighbour's dog, a household breeding dogs
are read as the village's, and with a town named the town leads over the police's 养狗 and
the city's 野狗; a bite's shot, a dog's jab, a dog farm's sewage and a dog in a city keep
their bureau."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.area_share import area_share
from hotline.ticketing.routing.gazetteer import AreaHit
from hotline.ticketing.routing.rules import Hit
from hotline.ticketing.routing.village_dogs import (
    VILLAGE_DOGS_WEIGHT,
    village_dogs,
    village_dogs_share,
    with_village_dogs,
)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("红旗镇我们村最近来了一群野狗，晚上在道上窜，孩子不敢出门", "村…野狗"),
        ("熊岳镇我们屯子 前院那家的狗天天不拴 见人就撵", "我们屯…那家的狗"),
        ("芦屯镇村里有户人家养了二十多条狗 卖狗崽子 一宿一宿地叫", "村…养了二十多条狗"),
        ("我们村头那块 流浪狗越来越多了 村里能不能管管", "村…流浪狗"),
    ],
)
def test_a_villages_dogs_are_read(text: str, said: str) -> None:
    assert village_dogs(text) == said


@pytest.mark.parametrize(
    "text",
    [
        # a bite's shot is health's, a dog's jab agriculture's
        "熊岳镇我们村的野狗把我孙子咬了，卫生院说没有狂犬疫苗",
        "村里防疫员上门给狗打针，一条狗收五十，红旗镇的",
        # a dog farm's sewage is environment's
        "芦屯镇村后面有家狗场，养了一百多条狗，粪水全冲进沟里",
        # a dog only passing in the scene, or 狗熊 spelling the town's name
        "芦屯镇某村村委会西边的废猪场有人往里倒液体，味道呛人，狗都不敢过去",
        "我是胸乐镇的 狗熊的熊 我们村小卖部卖过期的果冻",
        # a dog in a city compound: no village
        "海星街道我们小区有人养了三条大狗，天天不拴绳",
    ],
)
def test_a_shot_a_farms_sewage_or_a_city_dog_is_not_read(text: str) -> None:
    assert village_dogs(text) is None


def test_the_reading_adds_its_weight_as_a_phrase_of_its_own() -> None:
    text = "红旗镇我们村来了一群野狗"
    written = [Hit("村里", 1.0)]
    hits = with_village_dogs(written, text)
    assert hits[-1] == Hit("村…野狗", VILLAGE_DOGS_WEIGHT)
    assert with_village_dogs(written, "红旗镇我们村的路灯坏了") == written


def test_the_classifiers_bureau_share_moves_to_the_area_named() -> None:
    proba = {"public_security": 0.8, "lutun": 0.2}
    area = AreaHit("lutun", ("芦屯镇",))
    text = "芦屯镇村里有户人家养了三十多条狗，白天黑夜叫"
    moved = village_dogs_share(proba, area, text)
    assert moved["public_security"] == pytest.approx(0.4)
    assert moved["lutun"] == pytest.approx(0.6)
    assert area_share(proba, area, text) == moved
    # no area named: nobody to lead, the classifier's vote as it was
    assert village_dogs_share(proba, None, text) == proba


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("我家在芦屯镇那块 村里有个人家 养了三十多条狗 白天黑夜叫唤 村里说了也白搭", "lutun"),
        ("红旗镇我们村这阵子来了一群野狗，把邻居家的鸡咬死了两只，孩子上学都得大人送", "hongqi"),
    ],
)
def test_a_villages_dogs_go_to_the_town_named(router: Router, text: str, area: str) -> None:
    suggestion = router.suggest(text)
    assert suggestion.department == area
    assert suggestion.area == area


def test_a_dog_bite_and_its_shot_in_a_village_stays_healths(router: Router) -> None:
    text = "熊岳镇我们村的野狗把我儿子腿咬了，卫生院说没有狂犬疫苗，让上区里打，区里哪能打"
    assert router.suggest(text).department == "health"
