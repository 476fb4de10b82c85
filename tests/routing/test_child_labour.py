"""A child put to work (child_labour.py) is the labour bureau's, whatever trade employs the
child; a minor at a café's screens, a child out of school or a kitchen's hygiene is not
read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.child_labour import LABOUR_UNIT, child_labour
from hotline.ticketing.routing.duty_object import duty_objects


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("我家楼下网吧招了个看着也就十五岁的孩子当网管天天通宵上班", "十五岁的孩子当"),
        ("电子厂招了很多十五六岁的孩子在流水线上干活", "十五六岁的孩子在流水线上干活"),
        ("快递驿站招了好几个初中生分拣快递，看着也就十四五岁", "初中生分拣快递，看着也就十四"),
        ("港口边那个加工厂雇童工", "童工"),
    ],
)
def test_a_child_put_to_work_is_read(text: str, words: str) -> None:
    assert child_labour(text) == words


def test_the_trade_is_only_the_setting() -> None:
    found = [o for o in duty_objects("网吧招了个十五岁的孩子当网管") if o.unit == LABOUR_UNIT]
    assert any("culture_tourism" in o.setting_units for o in found)


@pytest.mark.parametrize(
    "text",
    [
        # A minor let in to play: the café's licence, culture and tourism's.
        "网吧让十五岁的孩子进去上网通宵打游戏",
        # A child out of school: education's.
        "我家孩子十五岁了不想上学了怎么办",
        # A kitchen's teenagers beside its missing health certificates: the market's.
        "饭店后厨招了两个十五六岁的孩子干活后厨脏得没法看没有健康证",
    ],
)
def test_no_child_at_work_or_a_kitchens_hygiene_is_not_read(text: str) -> None:
    assert child_labour(text) == ""


def test_a_cafes_child_worker_goes_to_the_labour_bureau(router: Router) -> None:
    text = (
        "我家楼下网吧招了个看着也就十五岁的孩子当网管，天天通宵上班，"
        "听说是老板老乡家的孩子，没上学了"
    )
    assert router.suggest(text).department == LABOUR_UNIT
