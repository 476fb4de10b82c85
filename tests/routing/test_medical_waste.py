"""A clinic's or hospital's medical waste dumped or burnt (medical_waste.py) is the
environment bureau's, not health's; an unlicensed practice, health's inspectors asked alone,
a needle-stick asked about or waste stored are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.medical_waste import ENVIRONMENT_UNIT, medical_waste


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("诊所后头 针头 输液瓶子 就扔在垃圾箱边上 小孩捡着玩 举报", "针头输液瓶子就扔"),
        ("门诊后院 天天烧医疗垃圾 黑烟直往窗户里灌", "烧医疗垃圾"),
        ("医院的人把带血的纱布、针头跟生活垃圾混着倒", "带血的纱布、针头跟生活垃圾混"),
        ("河边有人扔了一大堆医疗垃圾 顺着水往下漂", "扔了一大堆医疗垃圾"),
    ],
)
def test_medical_waste_dumped_is_read(text: str, words: str) -> None:
    assert medical_waste(_compact(text)) == words
    found = [o for o in duty_objects(_compact(text)) if o.unit == ENVIRONMENT_UNIT]
    assert any("health" in o.setting_units for o in found)


@pytest.mark.parametrize(
    "text",
    [
        # An unlicensed practice: 非法行医 is health's point, the needles only its mess.
        "村里有个女的在自己家给人挂吊瓶 也没个诊所牌子 针头用完就扔院子里",
        # Health's inspectors asked, the environment not named.
        "楼下私人诊所 输液瓶、针头用完就扔在楼道垃圾桶边上 请卫生监督的来查",
        # A needle-stick injury asked about.
        "扫大街的 垃圾袋里一个针头扎了 扔了袋子 这得打啥针 会不会传上乙肝",
        # Waste stored, no act of dumping; a fever beside an infusion.
        "我们开了一家小诊所 医疗废物暂存要有专门的地方 多久拉走一次",
        "孩子发烧 输液管扎了三回才扎上 护士态度还差",
    ],
)
def test_other_needles_are_not_read(text: str) -> None:
    assert medical_waste(_compact(text)) == ""


@pytest.mark.parametrize(
    "text",
    [
        # Each of these went to health without the reading (the clinic's words).
        "镇卫生院把用过的注射器和输液管倒在后面的河沟里 医生护士天天从那过也不管",
        "牙科诊所天天晚上把针头和带血的棉签扔进楼下垃圾桶 大夫说没事",
        "社区医院的医疗垃圾跟生活垃圾混在一起扔 大夫护士都这么干",
        "卫生院后院烧医疗垃圾 病人在病房里都呛得咳嗽",
    ],
)
def test_the_environment_leads_end_to_end(router: Router, text: str) -> None:
    assert router.suggest(text).department == ENVIRONMENT_UNIT
