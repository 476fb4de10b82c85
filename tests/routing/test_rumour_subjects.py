"""A rumour the caller calls one (造谣, 谣言) is the police's whatever it is about
(duty_winter.py's RUMOUR_SUBJECTS): its subject's unit only sets the scene. A rumour only
asked about, or a teacher's 别传谣, is not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_winter import RUMOUR_SUBJECTS, winter_readings


def _rumour_setting(text: str) -> tuple[str, ...] | None:
    for unit, _, setting in winter_readings(text):
        if unit == "public_security":
            return setting
    return None


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("楼栋群里有人天天说咱这片自来水有毒喝了得癌这不是造谣吗", "water"),
        ("业主群有人发消息说这片要拆迁房价要掉一半这人是不是在造谣", "housing"),
        ("朋友圈有人说明年取暖费翻倍还贴了个盖章的通知这是造谣吧", "heating"),
        ("村里群里有人说粮库今年不收玉米了明显是谣言请查一查", "agriculture"),
    ],
)
def test_a_rumour_is_read_over_its_subject(text: str, subject: str) -> None:
    setting = _rumour_setting(text)
    assert setting is not None
    assert subject in setting


@pytest.mark.parametrize(
    "text",
    [
        # only asked whether it is true: the subject's unit answers
        "新小区业主群里有人说开发商欠了一屁股债楼要烂尾这事儿真的假的上哪能查着",
        "群里都传疯了说营口有人得霍乱了让谁也别喝自来水这是真的假的",
        # the school's own silence over an outbreak, the teacher saying 别传谣
        "班里十几个孩子发烧请假学校不通知家长班主任还在群里说别传谣",
    ],
)
def test_a_rumour_not_called_one_is_not_read(text: str) -> None:
    assert _rumour_setting(text) is None


def test_the_police_are_no_subject() -> None:
    assert "public_security" not in RUMOUR_SUBJECTS


@pytest.mark.parametrize(
    "text",
    [
        "我是刚搬来的 小区微信群里有个人天天发 说咱这片自来水有重金属 喝了得癌 老人都不敢喝水了"
        " 水务都出来说没事了 他还发 这不是造谣吗 得有人管管",
        "新小区业主群有人天天发消息说这片要拆迁，房价要掉一半，好多刚搬来的慌着卖房，"
        "这人是不是在造谣，能不能查一下",
    ],
)
def test_a_rumour_about_water_or_housing_is_routed_to_the_police(router: Router, text: str) -> None:
    assert router.suggest(text).department == "public_security"
