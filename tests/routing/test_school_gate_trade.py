"""Trade at a school's gate (school_gate_trade.py): stalls blocking the way, fireworks sold
to pupils, a shop's goods and a canteen's spoilt food go to the seller's regulator over the
school's bureau (the food at a double weight, heavy_readings.py); parked cars, extortion,
cigarettes, an illness and fees are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.heavy_readings import MEAL_WEIGHT
from hotline.ticketing.routing.school_gate_trade import school_gate_readings, school_meal_readings


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("中心小学门口下午一放学就来一排卖糖葫芦烤地瓜的推车，把路占了一大半", "urban_management"),
        ("幼儿园门口天天有小贩摆摊卖玩具 接孩子的人都过不去", "urban_management"),
        ("学校后门那个小卖店偷着卖擦炮 专门卖给小学生", "emergency"),
        ("有人在小学门口支个桌子卖烟花 一放学孩子都围上去", "emergency"),
        ("初中门口那家文具店卖的那种带刀片的转笔刀 孩子拿着划手", "market_supervision"),
        ("学校附近的零食店卖的辣条没有生产日期 全是卖给学生的", "market_supervision"),
        # Cigarettes sold with a few firecrackers: the shop's goods, not read as fireworks.
        ("小学旁边的小卖部卖烟给学生 论根卖 还卖小鞭炮", "market_supervision"),
    ],
)
def test_the_things_regulator_is_read_over_the_school(text: str, unit: str) -> None:
    assert [u for u, _, _ in school_gate_readings(_compact(text))] == [unit]
    found = [o for o in duty_objects(_compact(text)) if o.unit == unit]
    assert any("education" in o.setting_units for o in found)


@pytest.mark.parametrize(
    "text",
    [
        # Parents' cars beside the carts: the traffic police's.
        "学校门口卖早点的推车占着人行道 家长的车又停两排 交警来了就走",
        # The market's stalls in a list of matters on the way to school.
        "上学这一路：菜市场门口摊子占道，学校门口减速带没了",
        # Extortion at the shop: the police's.
        "学校后门那个小卖部门口 有几个小青年堵着学生要钱",
        # An illness after the canteen's meal and the canteen's fees: read elsewhere.
        "学校食堂饭菜有股味 吃完十几个孩子上吐下泻",
        "学校食堂伙食费一个月四百 菜里还有头发",
        # No school: a stall on the road is the phrase rules' matter.
        "小区门口的推车把路堵了",
    ],
)
def test_other_duties_and_other_scenes_are_not_read(text: str) -> None:
    assert school_gate_readings(_compact(text)) == []
    assert school_meal_readings(_compact(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "孩子说学校食堂的包子里吃出了虫子 学校说会注意",
        # Many of the school's words around the food (初中, 学校食堂, 老师, 家长).
        "孩子在芦屯上初中 说学校食堂的汤里喝出了蟑螂 老师让别往外说 家长都担心",
    ],
)
def test_a_schools_spoilt_meal_is_the_markets_at_a_double_weight(text: str) -> None:
    assert [u for u, _, _ in school_meal_readings(_compact(text))] == ["market_supervision"]
    found = [o for o in duty_objects(_compact(text)) if o.unit == "market_supervision"]
    assert [o.weight for o in found] == [MEAL_WEIGHT]
    assert "education" in found[0].setting_units


# Each routed to education with the reading off (the classifier reads the school's scene).
@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("中心小学门口下午一放学就来一排卖糖葫芦烤地瓜的推车，把路占了一大半", "urban_management"),
        ("小卖部卖那种摔炮 窜天猴 专卖给小学生 店里也没有卖烟花爆竹的证", "emergency"),
        ("孩子说学校食堂的包子里吃出了虫子 学校说会注意", "market_supervision"),
        (
            "孩子在芦屯上初中 说学校食堂的汤里喝出了蟑螂 老师让别往外说 家长都担心",
            "market_supervision",
        ),
    ],
)
def test_the_regulator_leads_end_to_end(router: Router, text: str, unit: str) -> None:
    assert router.suggest(text).department == unit
