"""Illness told through an institution (institution_illness.py), a town said as where the
caller is (area_roles.area_asked), and the round-25 epidemic readings (epidemic.py)."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.area_roles import area_asked
from hotline.ticketing.routing.institution_illness import institution_readings
from hotline.ticketing.routing.rules import Hit


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        # A care home's own handling, no health side asked: civil affairs (养老机构).
        ("敬老院里我爸那层好几个老人咳嗽发烧 院里也不跟家属说一声", "civil_affairs"),
        ("养老院说今年统一给老人打流感疫苗 到现在也没动静 还打不打了", "civil_affairs"),
        # A tour group driven on while feverish: culture and tourism (旅行社, 导游).
        ("跟团出去玩 团里好几个人发烧 导游照样拉着跑景点 要求旅行社退钱", "culture_tourism"),
        # A sick worker called back or refused leave: human resources.
        ("我甲流烧着呢 车间主任非叫回来上班 不来就算旷工", "human_resources"),
        # A 托育 is the health commission's institution, ill or not.
        ("小区里那家托育园 一个阿姨看十几个一岁多的孩子", "health"),
        ("托育园里三个孩子出水痘了 园长还不停园", "health"),
    ],
)
def test_the_body_over_the_institution_is_read(text: str, unit: str) -> None:
    assert [r[0] for r in institution_readings(text)] == [unit]


@pytest.mark.parametrize(
    "text",
    [
        # The health side asked: a doctor or someone to come, the health bureau to act
        # (a care home's residents so told are health's: care_home_outbreak.py).
        "旅游团里好几个孩子发烧拉肚子 能不能派医生来酒店给看看",
        "厂里宿舍五个人发烧 还不让请假 你们卫生的能不能来个人给看看",
        # A school's conduct with the health side asked: health's (the reading stays silent).
        "孩子班里好几个出水痘的 学校照常上课 请卫生部门来查查",
        # A school's conduct with no health side asked: split, education 28 of 37 on rounds
        # 2–29, round 29 health 3 of 3 (round 30 removed the education reading).
        "孩子班里好几个出水痘的 学校照常上课 也不通知家长",
        "幼儿园和小区共用一个院 出了四个手足口的 既没停课也没通知我们",
        "我们新小区那个幼儿园 一个班十几个孩子发烧 园里不吱声 还照常上课",
        # No illness told.
        "养老院伙食太差了 一个月三千多就给吃咸菜",
    ],
)
def test_no_reading_where_health_is_asked_or_the_labels_split(text: str) -> None:
    assert institution_readings(text) == []


def test_a_health_body_only_reported_is_no_ask() -> None:
    # 找卫健 … 卫健说归文旅: what happened last time, not the health side asked now.
    text = "团里五六个人发烧 导游照样带着逛 找卫健 卫健说旅行社的事归文旅 要求旅行社赔偿"
    assert [r[0] for r in institution_readings(text)] == ["culture_tourism"]


def test_a_town_said_as_where_the_caller_is_is_not_asked() -> None:
    hits = [Hit("村里", 2.0)]
    assert not area_asked("我在红旗这边村里 能不能来人给看看", hits, "health")
    assert not area_asked("腿脚不好 去不了镇上 能不能派人下来", [Hit("镇上", 1.0)], "health")
    # The village body itself asked still is.
    assert area_asked("道上全是冰 村里能不能派人撒点沙子", hits, "urban_management")
    assert area_asked("现在村里能不能派人来看看", hits, "urban_management")


def test_a_care_homes_flu_shots_lead_to_civil_affairs(router: Router) -> None:
    s = router.suggest("老年公寓说给老人统一打流感疫苗 家属都签字了 两个月了也没打 到底还打不打")
    assert s.department == "civil_affairs"


def test_a_villages_old_people_asking_a_doctor_lead_to_health(router: Router) -> None:
    s = router.suggest("我在熊岳这边村里 老伴烧了两天了 起不来炕 能不能来个大夫给看看")
    assert s.department == "health"


@pytest.mark.parametrize(
    "text",
    ["狂犬疫苗第二针过了三天才想起来 还管用不", "镇卫生院狂犬疫苗没货了 第四针上哪打"],
)
def test_a_persons_rabies_course_raises_the_flag(router: Router, text: str) -> None:
    assert router.suggest(text).epidemic


@pytest.mark.parametrize(
    "text",
    [
        "家里的狗该打狂犬疫苗了 上哪打",
        "封控那阵办的健身卡 现在店关了 钱不给退",
        "车是阳了那阵买的 现在发动机老响",
    ],
)
def test_a_pets_shot_or_a_dated_epidemic_does_not(router: Router, text: str) -> None:
    assert not router.suggest(text).epidemic


def test_a_school_carrying_on_through_an_outbreak_is_not_forced_to_education(
    router: Router,
) -> None:
    # Round 30: no reading puts education over health's words; the votes and the classifier
    # decide, and the outbreak still raises the flag.
    text = "镇中心小学的校车全村孩子都坐 这礼拜车上好几个孩子发烧咳嗽 学校说没事照常跑 也不通风"
    assert institution_readings(text) == []
    suggestion = router.suggest(text)
    assert suggestion.department in {"health", "education"}
    assert suggestion.epidemic
