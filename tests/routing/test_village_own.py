"""A village's own public thing (village_own.py): its lamps, loudspeaker, patrol, rubbish and
the money it collects are read as the village's, and with a town named the town leads over
the city bureau whose kind of thing it is; a bureau's duty the village only suffers or
relays, and a village with no town named, keep the bureau."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.gazetteer import AreaHit
from hotline.ticketing.routing.rules import Hit
from hotline.ticketing.routing.village_own import (
    VILLAGE_OWN_WEIGHT,
    village_own,
    village_share,
    with_village_own,
)


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("熊岳镇村里往中学去那段道的路灯半个月没亮过孩子下晚自习摸黑走", "路灯"),
        ("红旗镇我们屯子那几盏道灯入冬就不亮了", "道灯"),
        ("芦屯镇我们村的大喇叭天一亮就放歌上夜班的根本睡不了", "大喇叭"),
        ("芦屯镇村委会那个值班电话半夜打过去没人接", "值班"),
        ("红旗镇建议村里冬天晚上组织人巡逻最近老丢东西", "巡逻"),
        ("熊岳镇我们村的垃圾点一个多月没人拉了", "垃圾"),
        ("红旗镇村里向赶集摆摊的每家收两百块钱这个合理吗", "每家收"),
        ("芦屯镇村干部让每户交一百五说是安路灯", "路灯"),
    ],
)
def test_the_villages_own_thing_is_read(text: str, thing: str) -> None:
    read = village_own(text)
    assert read is not None
    assert read.endswith(thing)


@pytest.mark.parametrize(
    "text",
    [
        # a factory's smoke over a village: environment's, the village only suffers it
        "红旗镇那个厂子半夜冒黑烟全村都是味",
        # a vet's vaccine fee, the insurer's premium the village only collects
        "熊岳镇村里防疫员给狗打疫苗一条收五十",
        "芦屯镇村里收医保三百八交了系统里没有",
        # the village clinic and roads: the labels split, not read
        "村卫生室晚上锁门了孩子发烧上哪看",
        "红旗镇我们村通镇上的水泥道裂了大口子",
        # construction waste dumped by a trade; a city's 城中村
        "芦屯镇有车往我们村地里倒建筑垃圾",
        "红海城中村出租房的垃圾箱满了没人拉",
        # someone buying corn in the village is not the village collecting money
        "红旗镇外地人来村里收玉米说好一块一斤钱到现在没给",
        # a lamp with no village: the city's
        "我们小区门口的路灯坏了一个礼拜",
    ],
)
def test_a_bureaus_matter_in_a_village_is_not_read(text: str) -> None:
    assert village_own(text) is None


def test_the_village_lamps_on_the_road_to_school_go_to_the_town(
    rules_only_router: Router,
) -> None:
    # 学校 and 孩子 are education's words; the lamps are the village's, the town named.
    text = "熊岳镇 村里去中学那条道 路灯一个都不亮 孩子早上六点多摸黑走"
    assert rules_only_router.suggest(text).department == "xiongyue"


def test_the_village_lamps_electricity_shared_by_households_go_to_the_town(
    router: Router,
) -> None:
    text = "芦屯镇我们村路灯的电费每户摊八十 用了多少度电村里从来不公开"
    suggestion = router.suggest(text)
    assert suggestion.department == "lutun"


def test_a_village_loudspeaker_with_no_town_named_is_not_a_towns(router: Router) -> None:
    suggestion = router.suggest("我们村那个大喇叭对着我家窗户早上五点就放能不能往那边转转")
    assert suggestion.area is None
    assert suggestion.department not in {"xiongyue", "lutun", "hongqi"}


def test_the_reading_adds_to_the_written_phrase_of_the_same_words() -> None:
    text = "芦屯镇我们村路灯坏了一冬天"
    written = [Hit("我们村", 2.0), Hit("村…路灯", 2.0)]
    hits = with_village_own(written, text)
    assert [h.phrase for h in hits] == ["我们村", "村…路灯"]
    assert hits[1].weight == 2.0 + VILLAGE_OWN_WEIGHT
    assert with_village_own(written, "我们小区路灯坏了一冬天") == written


def test_the_classifiers_bureau_share_moves_to_the_town_named() -> None:
    # A classifier that read 学校 as education's: half of its share goes to the town.
    proba = {"education": 0.8, "xiongyue": 0.1, "urban_management": 0.1}
    area = AreaHit("xiongyue", ("熊岳镇",))
    moved = village_share(proba, area, "熊岳镇村里去学校那条道路灯一个都不亮")
    assert moved["xiongyue"] == pytest.approx(0.1 + 0.4 + 0.05)
    assert moved["education"] == pytest.approx(0.4)
    assert sum(moved.values()) == pytest.approx(1.0)
    # no village thing, or no area named: the classifier's vote as it was
    assert village_share(proba, area, "熊岳镇学校门口那条道路灯一个都不亮") == proba
    assert village_share(proba, None, "村里去学校那条道路灯一个都不亮") == proba
