"""Several people of one workplace or workers' dormitory ill together
(workplace_outbreak.py): health's, whoever runs the place, unless pay or leave is lost."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.workplace_outbreak import workplace_outbreak


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
