"""A person hurt at work (work_injury.py): a work injury named, or the hurt told at work with
the employer failing, read as human resources' over the hurt's setting (health, the
police, agriculture); a fall, a bite or a bill away from work, an employer's wages alone,
and a hazard with nobody hurt are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.work_injury import work_injury

LABOUR = "human_resources"


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("送快递的时候让客户家狗咬了，打针的钱算不算工伤？", "工伤"),
        ("在冷库搬货手冻伤了 老板说不算公伤", "公伤"),
        (
            "半夜浇筑的时候师傅从脚手架上掉下来了，包工头送到医院人就不见了",
            "脚手架上掉下…包工头送到医院人就不见",
        ),
        (
            "在厂里冲压的时候手指头压断了一截，厂里给了两千块就打发了",
            "厂里冲压的时候手指头压断…厂里给了两千块就打发",
        ),
        ("我在码头上夜班手让钢丝绳绞了，单位说不管", "码头上夜班手让钢丝绳绞了…单位说不管"),
    ],
)
def test_a_person_hurt_at_work_is_read(text: str, read: str) -> None:
    assert work_injury(text) == read


@pytest.mark.parametrize(
    "text",
    [
        # hurt away from work: the fall, the bite, the bill are not the employer's
        "我妈在小区门口冰上摔了，胳膊骨折了，物业也不管",
        "孩子放学路上让流浪狗咬了，狂犬疫苗打完了医保不给报",
        # the employer's wages alone, nobody hurt
        "在工地干了三个月，老板跑了，工钱一分不给",
        # a hazard told, nobody hurt
        "车间机器的防护罩都拆了，工人干活也不戴安全帽，万一砸着人谁管",
        # the market registry, not an injury
        "这家店没去工商登记就开业了",
    ],
)
def test_a_hurt_away_from_work_wages_a_hazard_or_the_registry_are_not_read(text: str) -> None:
    assert work_injury(text) == ""


def test_the_reading_is_a_labour_object_over_the_hurts_setting() -> None:
    objects = duty_objects("送外卖时被顾客家的狗咬了，打针花了不少钱，这算不算工伤？")
    hurt = [o for o in objects if o.unit == LABOUR]
    assert len(hurt) == 1
    assert hurt[0].words == "工伤"
    assert hurt[0].setting_units == ("health", "public_security", "agriculture")


@pytest.mark.parametrize(
    "text",
    [
        # the bite and the shots are health's words, the work injury leads
        "我在小区送快递的时候被业主家的狗咬了，狂犬疫苗打了五针花了好几百，这个算工伤吗？",
        # the fall, the hospital and its bill, the boss gone
        "半夜浇筑的时候我们一个师傅从脚手架上掉下来了 包工头送到医院人就不见了 电话不接"
        " 医院催着交押金",
    ],
)
def test_the_rules_send_a_work_injury_to_human_resources(
    rules_only_router: Router, text: str
) -> None:
    # Without the reading the rules follow the hospital and the shots (health).
    assert rules_only_router.suggest(text).department == LABOUR
