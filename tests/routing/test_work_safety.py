"""Work safety (work_safety.py): a factory's, warehouse's or port's safety failing and an
eatery's gas cylinders are read as the emergency bureau's 安全生产 over the employer's, the
accident's and the eatery's words; a work injury or pay asked, a building site, goods
bought, a leak and piped gas are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.work_safety import eatery_cylinders, workplace_failing

SAFETY = "emergency"


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("我们车间冲床的护罩早让老板拆了，说碍事", "车间…护罩早让老板拆"),
        (
            "物流园里开叉车的都是刚招来的，一个叉车证都没有，天天在人堆里转",
            "物流园…叉车的都是刚招来的，一个叉车证都没",
        ),
        ("码头那台吊车刹车不灵好几天了，照样装卸", "码头…刹车不灵"),
        (
            "石料厂上个月砸死一个人，老板拿钱把家属打发了，让大伙都瞒着",
            "厂…砸死一个人，老板拿钱把家属打发了，让大伙都瞒",
        ),
    ],
)
def test_a_workplaces_safety_failing_is_read(text: str, read: str) -> None:
    assert workplace_failing(text) == read


@pytest.mark.parametrize(
    "text",
    [
        # a work injury asked: human resources' (work_injury.py)
        "在厂里干活机器护罩拆了，手让卷进去了，厂里不给报工伤",
        # pay asked over the hazard
        "车间一点防护没有，我不干了，老板扣着工钱不给",
        # a building site: housing's (site_safety.py)
        "工地上的人都不戴安全帽，塔吊司机也没有操作证",
        # goods bought, not a workplace's failing
        "在五金店买的安全帽一砸就裂，厂家都没有",
        # a factory without a failing told
        "厂里天天加班到半夜，周末也不休息",
    ],
)
def test_an_injury_pay_a_site_goods_or_no_failing_are_not_read(text: str) -> None:
    assert workplace_failing(text) == ""


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("楼下烧烤店后门摞了十几个液化气罐，旁边就是炭火", "烧烤…液化气罐"),
        ("小饭馆厨房里煤气罐就贴着灶眼，好几个串着用", "饭馆…煤气罐"),
    ],
)
def test_an_eaterys_gas_cylinders_are_read(text: str, read: str) -> None:
    assert eatery_cylinders(text) == read


@pytest.mark.parametrize(
    "text",
    [
        # a leak or a smell: the gas company's
        "饭店后厨一股煤气味，门口还放着两个气罐",
        # piped gas asked: the gas company's
        "我们饭店想把液化气罐换成管道天然气，咋办",
        # a childcare class's kitchen: the class's licence is asked
        "小区里有个托管班，厨房里用煤气罐给孩子做饭，有没有资质",
        # cylinders at home, no eatery or kitchen
        "煤气罐用完了上哪换",
    ],
)
def test_a_leak_piped_gas_a_childcare_class_or_a_home_cylinder_are_not_read(text: str) -> None:
    assert eatery_cylinders(text) == ""


def test_the_reading_is_a_safety_object_over_the_employers_words() -> None:
    objects = duty_objects("仓库里开叉车的都是临时工，没一个有叉车证，老板说没事")
    safety = [o for o in objects if o.unit == SAFETY]
    assert len(safety) == 1
    assert safety[0].setting_units == ("human_resources", "public_security", "market_supervision")


@pytest.mark.parametrize(
    "text",
    [
        # the boss, the workers and the hush are human resources' words
        "钢结构厂前几天有个工人从行车上掉下来没了，老板让工友们别声张，给家里点钱就完了",
        # the restaurant's kitchen is the market regulator's food
        "饭店后厨的钢瓶就放在炒菜的灶边上，服务员说老板不让挪",
    ],
)
def test_the_rules_send_work_safety_to_the_emergency_bureau(
    rules_only_router: Router, text: str
) -> None:
    # Without the reading the rules follow the employer (human resources) and the
    # restaurant (market supervision).
    assert rules_only_router.suggest(text).department == SAFETY
