"""A crime at a hospital or clinic (clinic_crime.py) — a tout, a relative striking staff or
besieging the clinic, a caller's things stolen — is the police's, not health's; black cabs
touting, a hospital's own booking system and a robbed caller asking for relief are not read.
Stray dogs to be caught are read with the loose dogs (duty_police.py)."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.clinic_crime import (
    POLICE_UNIT,
    clinic_crime_readings,
    staff_struck,
    things_stolen,
    tout,
)
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.duty_police import loose_dog


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("人民医院挂号大厅有几个号贩子 一个号加两百", "号贩子"),
        ("儿童医院门口那几个黄牛倒卖专家号", "黄牛倒卖"),
        ("火车站出口有医托 把外地人往小诊所领", "医托"),
    ],
)
def test_a_tout_is_read(text: str, words: str) -> None:
    assert tout(_compact(text)) == words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("我是卫生院的大夫 昨晚被病人家属打了 鼻子出血", "被病人家属打"),
        ("口腔诊所那家 有个患者家属天天来堵门 还砸了玻璃", "患者家属天天来堵门"),
    ],
)
def test_a_relative_striking_the_staff_is_read(text: str, words: str) -> None:
    assert staff_struck(_compact(text)) == words


def test_a_callers_phone_stolen_is_read() -> None:
    assert things_stolen("在门诊楼交费的时候手机叫人偷了") == "手机叫人偷"


@pytest.mark.parametrize(
    "text",
    [
        # Black cabs touting for fares beside the touts: transport leads.
        "医院门口黑车拉客 还有号贩子喊专家号加急",
        # A cow, and an online booking grabbed: no tout at a hospital.
        "我们屯子谁家的黄牛没拴 跑地里啃苗",
        # The hospital's own booking system: health's.
        "手机上挂号天天约满 医院门口倒号的手里有的是 是不是串通好的",
        # A relative given a shot, not striking anyone.
        "护士说病人家属打针得排队",
        # A robbed caller stranded and asking for relief: civil affairs'.
        "来看病在医院门口钱包被偷了 饭钱都没了 请问哪里能给点救助",
        # A teacher's slap seen at a hospital: education's.
        "孩子被老师扇了耳光 去医院看了 耳朵嗡嗡响",
    ],
)
def test_what_the_labels_give_elsewhere_is_not_read(text: str) -> None:
    assert clinic_crime_readings(_compact(text)) == []


def test_the_hospital_only_sets_the_scene() -> None:
    found = [o for o in duty_objects("举报号贩子") if o.unit == POLICE_UNIT]
    assert any("health" in o.setting_units for o in found)


@pytest.mark.parametrize(
    "text",
    [
        "举报号贩子",
        "中心医院门诊楼天天那几个黄牛倒号 一个专家号加三百 举报他们",
        "我们诊所的医生被一个喝醉的病人家属打了，眼角缝了四针，打人的跑了。",
        "在医院排队挂号 手机让人给偷了 能不能帮着查查监控",
    ],
)
def test_the_police_lead_end_to_end(router: Router, text: str) -> None:
    assert router.suggest(text).department == POLICE_UNIT


@pytest.mark.parametrize(
    "text",
    [
        "小区里那几条流浪狗咬了两个人了 赶紧派人来把狗抓走",
        "我想问问 专门捉流浪狗的 谁管这个",
    ],
)
def test_stray_dogs_to_be_caught_are_the_polices(router: Router, text: str) -> None:
    assert loose_dog(_compact(text))
    assert router.suggest(text).department == POLICE_UNIT


def test_strays_bitten_with_the_shot_asked_are_not_read() -> None:
    assert loose_dog("让流浪狗咬了狂犬疫苗上哪打这些狗谁来抓") == ""
