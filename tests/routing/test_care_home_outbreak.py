"""A care home's or a day centre's residents ill together: health over the home
(care_home_outbreak.py, read through institution_illness.py)."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.care_home_outbreak import care_home_outbreak
from hotline.ticketing.routing.institution_illness import institution_readings


@pytest.mark.parametrize(
    "text",
    [
        # A contagious disease told present, no health side asked.
        "举报 我舅住的敬老院 有个老头得了肺结核 还跟别人一个屋睡",
        "老人院闹诺如了 我们还能进去看老人吗",
        "日间照料中心有个老太太查出肺结核了 中心还照常开门",
        # Residents ill together with the health side asked.
        "我妈那个养老院十来个老人一块发烧 能不能派人来给查查",
        "老年公寓这礼拜接连好几个老人咳嗽发烧 要不要隔离啊",
    ],
)
def test_residents_ill_together_are_health_s(text: str) -> None:
    assert [(r[0], r[2]) for r in institution_readings(text)] == [("health", ("civil_affairs",))]


@pytest.mark.parametrize(
    "text",
    [
        # No health side asked and no contagious disease named: civil affairs 6, health 4.
        "养老院里好几个老人发烧 院长也不告诉家属",
        # One resident, not residents together, with a health side asked.
        "我爸在养老院发烧了 能不能派人来看看",
        # Food served that made them ill: the market regulator's.
        "养老院食堂的饭不干净 吃完好几个老人拉肚子 请来查查",
        # The home's admission check, no one ill.
        "养老院说入住前得拍胸片查肺结核 没报告不收",
        # Shots: shots_brought.py's.
        "建议给养老院好几个老人上门打流感疫苗 请卫生院来人",
        # A count of time, not of residents (as the router reads 俩礼拜), the health bureau named.
        "你给我转卫生局 养老院贴的通知说流感高发 暂停一切探视 我妈在里头都两个礼拜没见着了",
        # Not a care home.
        "我们小区好几个老人发烧 能不能派人来看看",
    ],
)
def test_other_matters_are_not_read(text: str) -> None:
    assert ("health", ("civil_affairs",)) not in [(r[0], r[2]) for r in institution_readings(text)]


def test_a_group_needs_the_health_side_asked_a_disease_does_not() -> None:
    assert care_home_outbreak("养老院里好几个老人发烧", health_asked=False) == ""
    assert care_home_outbreak("养老院里好几个老人发烧", health_asked=True) == "养老院…好几个"
    assert care_home_outbreak("养老院出了诺如", health_asked=False) == "养老院…诺如"


@pytest.mark.parametrize(
    "text",
    [
        "举报 我舅住的敬老院 有个老头得了肺结核 还跟别人一个屋睡",
        "老人院里七八个老人发烧 是不是甲流 能不能派人来给测测",
    ],
)
def test_health_leads_end_to_end(router: Router, text: str) -> None:
    suggestion = router.suggest(text)
    assert suggestion.department == "health"
    assert suggestion.epidemic
