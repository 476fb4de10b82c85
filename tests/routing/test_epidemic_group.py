"""A counted group fevered at once, told loosely (epidemic_group.py): who reported the
fevers or what they looked like between the count and the fever, or the fever as it came
on; and being away beside the recalled epidemic (epidemic_dated.AWAY), no weak cue."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.epidemic_group import group_fevers


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("幼儿园一个班昨天晚上群里七八个家长说孩子发烧今儿早上园里照常收", "七八个家长说孩子发烧"),
        ("班上这几天一下子七八个同学腮帮子肿了发烧请假", "七八个同学腮帮子肿了发烧"),
        ("面包厂宿舍我们一屋四个后半夜全烧起来了", "四个后半夜全烧起来"),
        ("车间夜班十来个工友这两天陆续都烧到三十九度", "十来个工友这两天陆续都烧到"),
    ],
)
def test_a_counted_group_fevered_told_loosely_is_read(text: str, read: str) -> None:
    assert group_fevers(text) == [read]


@pytest.mark.parametrize(
    "text",
    [
        # one of the group is the ill one, the fever denied, a count of time
        "我家两个孩子昨天晚上一个发烧一个咳嗽",
        "宿舍六个人昨晚都吃的烧烤都没发烧就是拉肚子",
        "孩子三个月了后半夜一直发烧",
        "我两个多小时前开始发高烧",
        "跑了三个医院 孩子还是高烧",
        # the count and the fever in two sentences
        "楼里住了五个老人。昨晚我发烧了",
    ],
)
def test_one_fevered_a_denied_fever_or_a_time_is_not_read(text: str) -> None:
    assert group_fevers(text) == []


def test_a_kindergarten_class_fevered_overnight_raises_the_flag(router: Router) -> None:
    text = "孩子幼儿园一个班 昨天晚上群里七八个家长说孩子发烧 今儿早上园里照常收 你们查查"
    suggestion = router.suggest(text)
    assert suggestion.epidemic
    assert suggestion.department == "health"


def test_a_dormitory_fevered_after_midnight_raises_the_flag(router: Router) -> None:
    assert router.suggest("面包厂宿舍 我们一屋四个 后半夜全烧起来了 你们能派人来看看不").epidemic


def test_a_herds_count_raises_no_flag(router: Router) -> None:
    # beside an animal the loose reading is not asked (epidemic.py's guards read the herd)
    assert not router.suggest("我家养的猪 五六个头天晚上到今天都发烧不吃食 咋整").epidemic


def test_being_away_in_the_recalled_epidemic_raises_no_flag(router: Router) -> None:
    text = "疫情那阵子我们一家在外地回不来，房子空着，那一年的暖气费能不能申请退"
    assert not router.suggest(text).epidemic
    # being away with no recalled time is still a weak cue beside another (the seed's line)
    assert router.suggest("我在外地打工，过年回熊岳镇老家，需要跟村里报备啥不？").epidemic
    # a measure beside the recalled epidemic still raises it
    assert router.suggest("疫情那阵子村口设卡 我在外地回不来 家里老人没人管").epidemic


def test_an_animal_bitten_with_a_when_word_is_the_animals_shot(router: Router) -> None:
    # the dog bitten at night and its own shot asked: agriculture's, no flag
    assert not router.suggest("我家狗半夜让野狗咬了 狗得打啥疫苗 上哪打").epidemic
    # a person bitten at night still raises it
    assert router.suggest("我下夜班往家走 半夜让野狗给咬了 腿上俩牙印 打针还来得及不").epidemic
