"""Nuisances between neighbours read by their source (neighbour_nuisance.py): a catering
kitchen's fumes and a structure on a roof are urban management's, a threat between
neighbours the police's, a private burial civil affairs'; a barking dog is the police's
unless the area is asked (duty_police.py). The near misses the labels give to another unit
are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.duty_police import loose_dog
from hotline.ticketing.routing.neighbour_nuisance import (
    burial,
    kitchen_fumes,
    neighbour_readings,
    neighbour_violence,
    structure_built,
)

CITY = "urban_management"
POLICE = "public_security"
RELIEF = "civil_affairs"


@pytest.mark.parametrize(
    ("text", "unit", "setting"),
    [
        ("楼下新开的麻辣烫馆子，排风口冲着我家卧室，一到饭点油烟呛得人直咳嗽", CITY, "environment"),
        ("小区门口的烤串摊子天天晚上冒烟，顺着窗户往屋里灌", CITY, "environment"),
        ("五楼那户在楼顶上搭了个阳光房，还把楼梯口锁上了", CITY, "housing"),
        ("后楼那家把自家车库又加盖了一层，这是违建吧", CITY, "housing"),
        ("跟对门为了楼道放鞋柜的事吵了几句，他昨天拿着刀在门口比划，说要弄死我", POLICE, "housing"),
        ("邻居把他家老太太偷着土葬在我家房后的菜地边上了", RELIEF, "agriculture"),
        ("楼上那家办丧事，在单元门口搭了灵棚，放了两天哀乐", RELIEF, "urban_management"),
    ],
)
def test_the_source_is_read_over_the_scene(text: str, unit: str, setting: str) -> None:
    readings = {u: s for u, _, s in neighbour_readings(text)}
    assert unit in readings
    assert setting in readings[unit]
    assert any(o.unit == unit and not o.setting_counts for o in duty_objects(text))


@pytest.mark.parametrize(
    "text",
    [
        # a gas smell in a restaurant's kitchen: the gas company's
        "楼下饭店后厨一股煤气味，他们还在炒菜",
        # a factory's chimney: the environment bureau's
        "村东头那个塑料厂烟囱天天冒黑烟",
        # a neighbour's home cooking in a shared corridor
        "对门在楼道里做饭，味儿大得很",
    ],
)
def test_fumes_not_from_a_catering_kitchen_are_not_read(text: str) -> None:
    assert kitchen_fumes(text) == ""


@pytest.mark.parametrize(
    "text",
    [
        # a roof leaking, a storm tearing a shed's roof, a roof water tank
        "顶楼防水坏了，下雨屋里直漏",
        "昨晚大风把好几户的彩钢房顶都掀了",
        # farmland built on: natural resources'; a village's roadside shed: the town's
        "有人在基本农田上盖了一排彩钢房当仓库",
        "我们村里的路边有人私搭乱建，村委会不管",
    ],
)
def test_structures_that_are_not_a_citys_illegal_building_are_not_read(text: str) -> None:
    assert structure_built(text) == ""


@pytest.mark.parametrize(
    "text",
    [
        # the community asked to mediate: the area's
        "楼上楼下因为漏水差点动手，社区能不能来人给调解一下",
        # a shop owner, a school's pupils: their units'
        "在菜市场买肉少了秤，回去找他，老板还要动手",
        "孩子在学校跟同学打架，老师也不管",
        # a vaccine's 打, a phone call's 打
        "孩子乙肝第二针上哪打，我这片归哪个服务中心",
    ],
)
def test_quarrels_asked_of_the_area_or_at_a_business_are_not_read(text: str) -> None:
    assert neighbour_violence(text) == ""


@pytest.mark.parametrize(
    "text",
    [
        # a fire among the graves: the emergency bureau's; an old tomb: culture's
        "清明上坟有人在坟头烧纸，山上都是干草",
        "工地挖出来好多墓砖，像是古墓",
        # the bus to the cemetery
        "清明去公墓的专线车能不能多开几趟",
    ],
)
def test_graves_of_other_duties_are_not_read(text: str) -> None:
    assert burial(text) == ""


def test_a_barking_dog_is_the_polices_unless_the_area_is_asked() -> None:
    assert loose_dog("隔壁养的两条大狗半夜一直叫，敲门说了也不管")
    assert loose_dog("对门的狗天天叫，去年社区调解过一回，现在又这样")
    assert not loose_dog("楼下那家的狗天天半夜叫，请社区来给调解调解")
    assert not loose_dog("社区贴了告示说不让养大狗，我家狗有狗证")
    assert not loose_dog("村里把老仓库租给人养狗，几十条狗天天叫")
    assert not loose_dog("这狗叫啥名，上哪打疫苗")


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("楼下烧烤店的烟囱正对我家窗户，天天熏得睡不着", CITY),
        ("顶楼那户把楼顶圈起来种菜，土都渗到我家顶棚了", CITY),
        ("两家为车位吵了好几天，今天他家儿子扬言要收拾我", POLICE),
        ("邻居把老人埋在我家承包地的地头上，还修了个坟头", RELIEF),
        ("海星街道我们楼对门的狗一宿一宿地叫，社区调解过一回也没用", POLICE),
        # the community's people asked to judge a quarrel over a shared window: the area's
        ("对门嫌他家做饭油烟大非要开楼道窗户，我家冷。望海街道社区的同志给评评理", "wanghai"),
    ],
)
def test_the_router_follows_the_source(rules_only_router: Router, text: str, unit: str) -> None:
    assert rules_only_router.suggest(text).department == unit
