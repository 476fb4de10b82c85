"""A village's clinic, its doctor or a person's shot in the village (village_clinic.py): read
as health's duty, the area named only its setting; an animal's shot, the clinic's insurance
card, and the town's name 芦屯 alone (not a hamlet) are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.reading import AREA_UNITS
from hotline.ticketing.routing.village_clinic import village_clinic


@pytest.mark.parametrize(
    ("text", "care"),
    [
        ("芦屯镇村里的村医给我爸打针，打完胳膊肿了一大块", "村医"),
        ("红旗镇我们村的卫生室一到晚上就锁门，孩子半夜发烧找不着人", "卫生室"),
        ("熊岳镇我们屯子的老人想打流感疫苗，能不能在村部设个点", "疫苗"),
        ("芦屯镇村里通知打疫苗，排了一上午队，村部门口连个凳子都没有", "疫苗"),
    ],
)
def test_the_villages_clinic_or_shot_is_read(text: str, care: str) -> None:
    assert village_clinic(text).endswith(care)


@pytest.mark.parametrize(
    "text",
    [
        # an animal's shot: agriculture's
        "熊岳镇村里的羊该打口蹄疫疫苗了，防疫员一直没来",
        "红旗镇我们村给狗打狂犬疫苗一条收五十",
        # the clinic's insurance card: medical insurance's
        "红旗镇我们村的卫生室能不能刷医保",
        # 芦屯 is the town's name, not a hamlet; no village told
        "芦屯镇这边打流感疫苗在哪打",
        # a village with no clinic, doctor or shot
        "熊岳镇我们村的路灯坏了一个月",
    ],
)
def test_an_animal_insurance_or_no_village_is_not_read(text: str) -> None:
    assert village_clinic(text) == ""


def test_the_reading_is_a_health_object_over_the_areas() -> None:
    objects = duty_objects("芦屯镇村里的村医给我爸打针，打完胳膊肿了一大块")
    clinic = [o for o in objects if o.words == "村…村医"]
    assert len(clinic) == 1
    assert clinic[0].unit == "health"
    assert clinic[0].setting_units == AREA_UNITS


def test_a_village_doctors_shot_goes_to_health_not_the_town(router: Router) -> None:
    # 村里 is the town's area word; the doctor and the shot are the health commission's.
    suggestion = router.suggest("芦屯镇村里的村医给我爸打针，打完胳膊肿了一大块")
    assert suggestion.department == "health"
    assert suggestion.area == "lutun"
