"""Round 32's rites (street_offering.py, price_unmarked.py, and the widened readings of
duty_police.py and neighbour_nuisance.py): paper burnt at a crossroads is urban
management's, a price left unmarked the market regulator's whatever is sold, a square
dance's loudspeaker till eleven the police's, graves built on farmland civil affairs'. The
near misses the labels give to another unit are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.duty_police import dance_noise
from hotline.ticketing.routing.neighbour_nuisance import burial
from hotline.ticketing.routing.price_unmarked import price_unmarked, price_unmarked_readings
from hotline.ticketing.routing.street_offering import street_offering, street_offering_readings

CITY = "urban_management"
MARKET = "market_supervision"
POLICE = "public_security"
RELIEF = "civil_affairs"


@pytest.mark.parametrize(
    "text",
    [
        "冬至那几天我们小区门口的十字路口一到晚上全是烧纸的，灰飞得满街都是",
        "路口天天有人烧纸钱，昨天把旁边超市门口的纸壳子点着了，消防车都来了",
        "马路边上一帮人在烧包袱，车都不敢过",
    ],
)
def test_paper_burnt_on_a_street_is_the_citys(text: str) -> None:
    readings = street_offering_readings(text)
    assert [u for u, _, _ in readings] == [CITY]
    assert "emergency" in readings[0][2]
    assert any(o.unit == CITY and not o.setting_counts for o in duty_objects(text))


@pytest.mark.parametrize(
    "text",
    [
        # a fire on a hill at the graves: the emergency bureau's
        "清明上坟有人在路边的坟头烧纸，山上全是干草",
        # a funeral's shed in the street: civil affairs'
        "楼下那家办丧事，在路边搭灵棚烧纸，占了半条道",
        # the fire cut the power: the power company's
        "有人在路口烧纸，火星子飘到变压器上，现在一片都没电了",
        # its price: the market regulator's
        "清明前路边卖的烧纸多少钱一捆，怎么涨价这么多",
        # paper burnt with no street told
        "我妈说要去给我爸烧纸",
    ],
)
def test_paper_of_other_duties_is_not_read(text: str) -> None:
    assert street_offering(text) == ""


@pytest.mark.parametrize(
    "text",
    [
        "墓园卖墓穴一个比一个贵，价签也不挂，问多少钱就说看位置",
        "早市卖海鲜的都不标价，看人要价",
        "景区里的矿泉水十块一瓶，标价牌都没有",
        "药店退烧药卖得贼贵，也没有明码标价",
    ],
)
def test_an_unmarked_price_is_the_market_regulators(text: str) -> None:
    assert [u for u, _, _ in price_unmarked_readings(text)] == [MARKET]
    assert burial(text) == ""


@pytest.mark.parametrize(
    "text",
    [
        # a cemetery's management fee without a basis: civil affairs' (the labels: 17 of 18)
        "公墓管理费一次要交二十年的，也不出示收费依据",
        # a price tag asked for, not missing
        "建议超市给老年人弄个大字的价签",
        "加油站明码标价和实际收的不一样",
    ],
)
def test_a_price_marked_or_a_fee_is_not_read(text: str) -> None:
    assert price_unmarked(text) == ""


def test_a_dance_till_eleven_is_read_and_a_village_loudspeaker_is_not() -> None:
    assert dance_noise("公园里广场舞一晚上放到十一点，音箱就架在我们楼窗户底下")
    assert dance_noise("跳广场舞的天天晚上放到十点，孩子写不了作业")
    assert not dance_noise("跳广场舞的晚上七点就散了，能不能给划块地方")
    assert not dance_noise("村里的大喇叭晚上放到十一点")


def test_graves_built_on_farmland_are_read_and_a_tomb_is_not() -> None:
    assert burial("芦屯镇有户人家在基本农田里修了好几座水泥坟，还圈地种柏树")
    assert not burial("工地挖出来一座古墓，砖都往车上装")


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("十字路口天天有人烧纸，一到节上更厉害，有人在路当间就点火", CITY),
        ("墓园卖墓穴价签也不挂，问价就说看位置，这价钱有人管吗", MARKET),
        ("公园里广场舞一晚上放到十一点，公园管理的也不管，老人都睡不着觉", POLICE),
        ("有户人家在基本农田里修了好几座水泥坟，举报他们乱埋乱葬", RELIEF),
    ],
)
def test_the_router_follows_the_duty(rules_only_router: Router, text: str, unit: str) -> None:
    assert rules_only_router.suggest(text).department == unit
