"""The ask over the caller's trade or workplace, and duties new to the corpus (duty_trade.py):
each ask is read with the unit the catalogue gives it and the units whose words only set its
scene; the near misses the retired labels give to another unit are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.duty_trade import trade_readings
from hotline.ticketing.routing.duty_winter import winter_readings
from hotline.ticketing.routing.employer import employer_act


@pytest.mark.parametrize(
    ("text", "unit", "setting"),
    [
        ("我在卫生院当护工合同工单位俩月没发工资了", "human_resources", "health"),
        ("我们几个是养老中心的护理员四个月没发工资了", "human_resources", "civil_affairs"),
        ("我们港口装卸的加班费一个月才给两百合理吗", "human_resources", "environment"),
        ("我送快递的今天烧到三十九度站里让拿核酸报告才能上班上哪测", "health", "human_resources"),
        ("我是初一的班主任班上九个学生发烧要不要上报", "health", "education"),
        ("跑货运的在疏港路被查超限罚了两千扣六分这合理吗", "public_security", "transport"),
        ("我是司机想问问五轴挂车总重限多少吨", "public_security", "transport"),
        ("我开网约车在医院门口停了半分钟就被贴了罚单", "public_security", "transport"),
        ("港口门外集卡排了好几里把路堵死了快来疏导一下", "public_security", "transport"),
        ("硕士毕业来这边工作人才补贴怎么申请", "human_resources", "civil_affairs"),
        ("毕业的时候档案学校说转到人才中心了现在查不到", "human_resources", "education"),
        ("能不能多盖点人才公寓现在租房太贵", "housing", "market_supervision"),
        ("希望给外卖骑手弄个歇脚的屋子冬天太冷了", "human_resources", "market_supervision"),
        ("建议在商业街附近多装几个电动车充电柜", "power", "emergency"),
        ("对门那套房子搞群租住了十几个人天天吵", "housing", "emergency"),
        ("我们车间的有毒气体报警器坏了半年了没人修", "emergency", "gas"),
        ("休渔期能不能给我们组织组织技能培训", "human_resources", "agriculture"),
        ("我的渔船证到期了去哪换", "agriculture", "public_security"),
        ("想在自家院里开个民宿要办哪些手续", "culture_tourism", "public_security"),
        ("码头加油站给渔船加的柴油我一量少了一百多升", "market_supervision", "emergency"),
        ("药店卖一种冲剂说喝了保准不得流感一盒两百", "market_supervision", "health"),
    ],
)
def test_the_ask_is_read_with_its_unit_over_the_trade_or_setting(
    text: str, unit: str, setting: str
) -> None:
    readings = {u: s for u, _, s in trade_readings(text)}
    assert unit in readings
    assert setting in readings[unit]
    assert any(o.unit == unit and not o.setting_counts for o in duty_objects(text))


@pytest.mark.parametrize(
    "text",
    [
        # a prepaid card's shop closed, its staff owed too: the consumer's matter
        "办的预付卡充值三千店关门了员工也说被拖欠工资",
        # overtime beside an unsafe boiler: the danger leads
        "厂里锅炉没年检就用工人天天加班也不给加班费",
        # a test kit's price, a clinic's bill, a care home not reporting its residents' fevers
        "孩子发烧抗原试剂一盒涨到五十了",
        "发烧去发热门诊花了三百医保能报多少",
        "养老院好几个老人发烧也不往上报",
        # a road crushed by overloaded trucks, a school bus packed
        "拉沙子的大货车超载把村道压得稀碎罚不罚",
        "幼儿园的校车超载司机还不管罚他",
        # a market inspector's fine; a clinic's queue, an early market's stalls to be directed
        "市场监管局来检查开了张罚单罚五千",
        "早市的摊子摆到路上车都过不去派人疏导一下",
        # a graduate's file asked for settling the household registration
        "毕业了想落户派出所要档案接收证明",
        # a community's own rest room for riders
        "社区给外卖骑手弄的歇脚的地方天天锁门",
        # a charger the property manager refuses; chargers in a corridor as a fire risk
        "想在车位上装充电桩物业不让建议你们管管",
        # 群租 told as a fire risk, or a community's check of it
        "地下室改成群租房用电炉子做饭消防隐患太大",
        "社区说要入户排查群租这是谁安排的",
        # a 民宿 run without a licence
        "海边有家民宿没有营业执照手续也不全",
        # a sure cure paid with a medical insurance card, a pesticide sold as one
        "药房用医保卡刷特效药一盒三百",
        "卖农药的说是特效药打完菜全蔫了",
    ],
)
def test_near_misses_are_not_read(text: str) -> None:
    assert trade_readings(text) == []


def test_a_stranded_job_seeker_wanting_home_is_civil_affairs() -> None:
    # duty_winter.py's stranded traveller, told as 想回家 rather than 回不了家
    units = {u for u, _, _ in winter_readings("车站有个外地人找工作被人骗了想回家买不起票")}
    assert "civil_affairs" in units


def test_fevers_with_a_test_asked_are_not_the_employers_act() -> None:
    docked = "宿舍里六个工友发烧厂里说请假就扣全勤"
    assert employer_act(docked)
    assert employer_act(docked + "能不能来人给测一下") == ""


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("我是医院的护士合同制的医院俩月没发工资了一问就说等财政", "human_resources"),
        ("我跑集卡的在港区被查超限罚了两千扣六分这规定是哪来的", "public_security"),
        ("我们工厂宿舍一屋八个人有四个发烧厂里请假就扣全勤能不能来人给测一下", "health"),
    ],
)
def test_the_router_follows_the_ask_over_the_trade(
    rules_only_router: Router, text: str, unit: str
) -> None:
    assert rules_only_router.suggest(text).department == unit


def test_a_villages_orchard_fee_is_the_towns_matter(rules_only_router: Router) -> None:
    text = "熊岳镇我们村的果园承包费村里今年说涨就涨合同还没到期"
    assert rules_only_router.suggest(text).department == "xiongyue"
