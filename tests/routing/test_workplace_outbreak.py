"""Several people of one workplace or workers' dormitory ill together
(workplace_outbreak.py): health's, whoever runs the place, unless pay or leave is lost."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import food_made_ill
from hotline.ticketing.routing.workplace_outbreak import canteen_outbreak, workplace_outbreak


@pytest.mark.parametrize(
    "text",
    [
        "我们在果库干活 一个屋住十个 这礼拜倒下四个发高烧 老板说是累的",
        "举报 工地宿舍一屋八个人 六个发烧咳嗽 包工头不让去医院 也不让往外说",
        "我们厂一个车间二十来人 一半都发烧 厂里瞒着 还照常上班",
        "物流园宿舍新来的工人五六个发烧 老板说是水土不服",
    ],
)
def test_a_workplaces_group_ill_together_is_read(text: str) -> None:
    assert workplace_outbreak(text)


@pytest.mark.parametrize(
    "text",
    [
        # Pay or leave lost over it: the labour side's (15 to 6 on the retired labels).
        "车间一下子七八个发烧的 老板不让请假 说请假就扣钱",
        "新来的工人 公司让我们在宿舍隔离十四天 这几天一分钱不给",
        # One worker ill, no group.
        "我发烧三十九度 厂里让我在宿舍躺着",
        # A school's or a kindergarten's: institution_illness.py's.
        "幼儿园一个班十几个孩子发烧 园里照常上课",
        # Fumes, not an illness that spreads.
        "工地宿舍三个工人烧炭取暖 早上都头晕呕吐",
    ],
)
def test_no_reading_for_pay_one_person_a_school_or_fumes(text: str) -> None:
    assert workplace_outbreak(text) == ""


@pytest.mark.parametrize(
    "text",
    [
        "熊岳镇我们新来的 在果库干活 一个屋住十二个 这礼拜倒下五个发高烧 老板说是累的",
        "我是物流园的 宿舍里新来的工人 这两天六七个发烧 老板不让去医院 说吃点药扛扛",
    ],
)
def test_a_routed_workplace_outbreak_leads_to_health(router: Router, text: str) -> None:
    assert router.suggest(text).department == "health"


@pytest.mark.parametrize(
    "text",
    [
        "单位食堂吃完晚饭 一个科室十来个人上吐下泻 有人说是诺如 能不能派人来看看",
        "工地食堂吃了午饭 一下子倒了十几个工人 又吐又拉 工头说是着凉 我看不对劲",
        "孩子学校食堂吃完饭 班里八九个孩子拉肚子 学校说没事 请卫生部门来查查到底怎么回事",
    ],
)
def test_a_canteens_eaters_ill_with_the_cause_in_doubt_are_read(text: str) -> None:
    assert canteen_outbreak(text)
    assert food_made_ill(text) == ""


@pytest.mark.parametrize(
    "text",
    [
        # The food blamed: the market regulator's (duty_object.food_made_ill).
        "厂里食堂中午的菜馊了 吃完一车间十几个人拉肚子 派人来查查这个食堂",
        "单位食堂吃完十多个人上吐下泻 医生说是食物中毒 请市场监管来查",
        # A restaurant's, and a 老年食堂's.
        "在饭店吃喜酒 一桌十个人八个上吐下泻 医生说像诺如",
        "老年食堂吃完饭十几个老人闹肚子 社区说在调查 派人来看看",
        # A rumour.
        "有人造谣说厂食堂吃倒了二十多个人 是诺如 请公安查",
        # The school asked to act: education's.
        "班里诺如 好几个孩子吐了 食堂照常开 要求学校通知家长",
    ],
)
def test_no_canteen_reading_for_food_blamed_a_restaurant_or_a_rumour(text: str) -> None:
    assert canteen_outbreak(text) == ""


@pytest.mark.parametrize(
    "text",
    [
        "厂食堂吃完午饭 车间倒了十几个人 又吐又拉 班长说是吃坏了 我觉得不对劲 请派人来看看",
        "单位食堂吃完晚饭 一个科室十来个人上吐下泻 有人说是诺如 能不能派人来看看",
        "工地食堂吃了午饭 一下子倒了十几个工人 又吐又拉 工头说是着凉 我看不对劲",
    ],
)
def test_a_routed_canteen_outbreak_leads_to_health(router: Router, text: str) -> None:
    assert router.suggest(text).department == "health"
