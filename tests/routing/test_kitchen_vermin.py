"""A food kitchen overrun by rats, cockroaches or flies is reported whoever saw it
(kitchen_vermin.py); the caller's own meal there, or money asked back, is their grievance,
and vermin at a rubbish point are not a kitchen's."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.kitchen_vermin import kitchen_vermin
from hotline.ticketing.routing.public_wrong import public_wrong


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("那家烤肉店后厨门口就是泔水桶苍蝇嗡嗡的", "烤肉店后厨门口就是泔水桶苍蝇"),
        ("夜市边上那个小饭店后厨老鼠乱窜菜就在地上摆着", "饭店后厨老鼠"),
        ("熟食作坊里案板上爬蟑螂", "熟食作坊里案板上爬蟑螂"),
        ("亲眼看见耗子从案板上跑过去", "耗子从案板"),
    ],
)
def test_a_kitchen_with_vermin_is_read(text: str, words: str) -> None:
    assert kitchen_vermin(text) == words
    assert public_wrong(text) == words


@pytest.mark.parametrize(
    "text",
    [
        "在饭店吃饭吃出个苍蝇老板说送一盘花生米我要他退钱",  # the caller's own meal, a remedy
        "小区门口垃圾桶三天没人拉苍蝇嗡嗡的",  # a rubbish point: the service's failure
        "地下室全是耗子电线都咬了物业就放两包药",  # a basement, no kitchen
        "饭店门口人行道上堆了一溜泔水桶",  # swill on the pavement, no vermin
        "敬老院厨房里有老鼠在案板边上跑跟院长说了他还不高兴",  # an institution's own kitchen
        "学校食堂灶台上爬蟑螂学校不让声张",  # a school's canteen: its conduct toward the pupils
    ],
)
def test_no_kitchen_vermin_is_read(text: str) -> None:
    assert kitchen_vermin(text) == ""


def test_routed_end_to_end_as_a_report(router: Router) -> None:
    # Without the reading the classifier takes 老板也不管 for a grievance (complaint).
    said = "夜市那个炸串摊 案板上爬蟑螂 老板也不管"
    assert router.suggest(said).category == "report"


def test_the_callers_own_meal_stays_a_complaint(router: Router) -> None:
    said = "在饭店吃饭吃出个苍蝇 找服务员 他说给换一盘 我要求免单 老板还骂骂咧咧的"
    assert router.suggest(said).category == "complaint"
