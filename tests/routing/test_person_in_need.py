"""A person or an animal in need, told by whoever found them (person_in_need.py): a child
lost now and an animal shut in a car in the sun are the police's, someone sleeping in a
public place is civil affairs' shelter, over the place's units; the near misses are not
read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.person_in_need import (
    animal_shut_in,
    child_lost,
    need_readings,
    sleeping_out,
)

POLICE = "public_security"
RELIEF = "civil_affairs"


@pytest.mark.parametrize(
    ("text", "unit", "setting"),
    [
        (
            "在海边浴场捡到个走丢的小男孩，五岁，问啥都不说，救生员说不归他们管",
            POLICE,
            "culture_tourism",
        ),
        ("我闺女在学校门口走丢了，一个多小时了，穿个粉棉袄", POLICE, "education"),
        ("高铁站出站口的地下通道里睡着个老头，这么冷的天就穿个单衣", RELIEF, POLICE),
        ("我们单元楼道里住了个不认识的人，咳嗽发烧，问他家在哪说不明白", RELIEF, "health"),
        ("商场停车场一台车里锁着只猫，太阳晒着，车主找不着", POLICE, "market_supervision"),
    ],
)
def test_the_need_is_read_over_the_place(text: str, unit: str, setting: str) -> None:
    compact = text.replace(" ", "")
    readings = {u: s for u, _, s in need_readings(compact)}
    assert unit in readings
    assert setting in readings[unit]
    assert any(o.unit == unit and not o.setting_counts for o in duty_objects(compact))


@pytest.mark.parametrize(
    "text",
    [
        # a suggestion for a meeting point on the beach: the scenic area's
        "建议浴场多设几个走失儿童的集合点，广播也多喊喊",
        # a child's paper lost: the paper's unit
        "孩子的预防接种本让卫生院给弄丢了，上小学要查",
        # a crowd that nearly lost one: the scenic area's crowding
        "景区人太多了，孩子差点挤丢了，也不限流",
        # a son's e-bike stolen: not a child lost
        "我儿子的电动车在楼下丢了，监控也是坏的",
    ],
)
def test_no_child_lost_now(text: str) -> None:
    assert child_lost(text.replace(" ", "")) == ""


@pytest.mark.parametrize(
    "text",
    [
        # a pipe frozen in the stairwell, a group rental, a queue on the stairs
        "楼道里的上水管冻住了，整个单元都没水",
        "十二楼有人搞群租，隔了九个单间，住了十几口子，楼道里全是鞋",
        "接种点一打疫苗人都排到楼道里去了",
        # a hotel stay near a square, residents who put up the stairwell's lights
        "我们一家住山海广场附近的海景酒店，前台要补差价",
        "老旧小区没人管，楼道灯都是住户自己安的",
        # workers left on a site by their contractor: the wage
        "包工头跑了，工地那个大棚子底下还住着我们十来个人",
    ],
)
def test_no_one_sleeping_out(text: str) -> None:
    assert sleeping_out(text.replace(" ", "")) == ""


def test_an_animal_in_a_car_needs_the_heat_told() -> None:
    assert animal_shut_in("车里锁着条狗太阳这么晒") != ""
    # a dog kept in a car overnight in a garage, no heat: not read
    assert animal_shut_in("邻居天天把狗关在车里过夜，叫唤得睡不着") == ""


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("在望海浴场的沙滩上捡着个走丢的小男孩 四五岁 哭着找妈 救生员说不归他们管", POLICE),
        ("海边浴场那儿有个小丫头走丢了 问她啥也不说 景区的人说不归他们管", POLICE),
        ("我在海水浴场门口捡到个小孩 三岁多 说不出家在哪 景区广播喊了也没人来", POLICE),
        ("我是开饭店的 有个大哥天天晚上睡我们楼道里 问他家在哪说不明白 这么冷的天", RELIEF),
        ("车站候车室里躺着个老头 两宿了 发烧咳嗽 问啥也说不清", RELIEF),
        ("公园长椅上睡了个小伙子 两宿了 说话说不清楚 夜里挺冷 你们谁能来看看", RELIEF),
        ("商场停车场一台车里关着条狗 太阳晒着 狗直喘 车主找不着", POLICE),
        ("小区门口一台车里锁着只猫 大太阳底下晒半天了 物业也找不着车主", POLICE),
    ],
)
def test_the_rules_route_someone_in_need_by_the_need(
    rules_only_router: Router, text: str, lead: str
) -> None:
    # Without the reading the rules follow the place: the beach's, the stairwell's
    # (housing), the fever's (health), the supermarket's (the market regulator).
    assert rules_only_router.suggest(text).department == lead


@pytest.mark.parametrize(
    "text",
    [
        "海边浴场那儿有个小丫头走丢了 问她啥也不说 景区的人说不归他们管",
        "我在海水浴场门口捡到个小孩 三岁多 说不出家在哪 景区广播喊了也没人来",
    ],
)
def test_a_child_lost_on_the_beach_is_the_polices_with_the_classifier(
    router: Router, text: str
) -> None:
    # The seed classifier reads the beach as culture and tourism's without the reading.
    assert router.suggest(text).department == POLICE
