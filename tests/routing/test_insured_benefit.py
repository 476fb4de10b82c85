"""A social insurance's own benefit (insured_benefit.py): long-term care insurance is medical
insurance's, the residents' pension insurance and a dead person's pension drawn on are human
resources', whatever office the caller went to; and a 津贴 beside a 户口 act is the
allowance's matter, not the police's (duty_paper.py)."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.bureau_allowance import allowance_readings
from hotline.ticketing.routing.duty_paper import hukou_act
from hotline.ticketing.routing.insured_benefit import (
    benefit_readings,
    care_insurance,
    dead_pension_drawn,
    residents_pension,
)


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("我妈在红海街道住 长期护理保险申请了俩月 社区说材料交上去了", "长期护理保险"),
        ("老爷子瘫床上三年了 长护险能报多少 要找谁评定", "长护险"),
        ("那家护理站给我们楼的老人报长护险 根本没来过 单子上写天天来", "长护险"),
    ],
)
def test_long_term_care_insurance_is_read(text: str, words: str) -> None:
    assert care_insurance(_compact(text)) == words
    units = [u for u, _, _ in allowance_readings(_compact(text))]
    assert "medical_insurance" in units


def test_care_insurance_asked_beside_an_allowance_is_not_read() -> None:
    # What money a carer at home may have: the civil-affairs allowance is asked too.
    text = "我爸失能了 在家请保姆 长护险能报多少 高龄补贴还能领不"
    assert care_insurance(_compact(text)) == ""
    assert "medical_insurance" not in [u for u, _, _ in benefit_readings(_compact(text))]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("村里说我家老头的新农保断缴了两年 可我年年交钱的", "新农保"),
        ("交了十五年城乡居民养老保险 到岁数了说身份证号对不上领不了", "城乡居民养老保险"),
    ],
)
def test_residents_pension_insurance_is_read(text: str, words: str) -> None:
    assert residents_pension(_compact(text)) == words
    readings = benefit_readings(_compact(text))
    assert [u for u, _, _ in readings] == ["human_resources"]
    # The police's 身份证号 and the village only set the scene.
    assert {"public_security", "lutun"} <= set(readings[0][2])


def test_residents_medical_insurance_is_not_a_pension() -> None:
    assert residents_pension("城乡居民医保今年交多少钱") == ""


@pytest.mark.parametrize(
    "text",
    [
        "我们楼有户人家 老太太走了两年了 闺女还拿着她的卡照领退休金",
        "举报 邻村有个老头死了好几年了 家里一直冒领养老金",
    ],
)
def test_a_dead_persons_pension_drawn_is_read(text: str) -> None:
    assert dead_pension_drawn(_compact(text))
    assert [u for u, _, _ in benefit_readings(_compact(text))] == ["human_resources"]


@pytest.mark.parametrize(
    "text",
    [
        # A widow's own pension told as her hardship: relief is asked, not the fund.
        "老伴去年去世了 我就靠一千多的养老金 冬天取暖费交不起",
        # The pension's next step asked, not drawn on after the death.
        "老伴上个月没了 他的退休金咋停",
    ],
)
def test_a_pension_with_a_death_but_not_drawn_is_not_read(text: str) -> None:
    assert dead_pension_drawn(_compact(text)) == ""


def test_an_allowance_beside_a_hukou_act_is_not_the_polices() -> None:
    text = "高龄津贴从三月份停了 去问说系统显示户口迁走了 可他一直在家躺着呢"
    assert hukou_act(_compact(text)) == ""
    assert hukou_act("我家老头户口迁走了想迁回来") != ""


def test_care_insurance_relayed_by_the_street_goes_to_medical_insurance(router: Router) -> None:
    got = router.suggest(
        "我妈在红海街道住，长期护理保险申请了俩月，社区说材料交上去了，一直没人来评估"
    )
    assert got.department == "medical_insurance"


def test_an_elder_allowance_stopped_by_a_wrong_hukou_is_civil_affairs(router: Router) -> None:
    got = router.suggest(
        "我爸九十一岁，高龄津贴以前月月有，从三月份停了，去问说系统显示户口迁走了，"
        "可他一直在家躺着呢。社区说找民政，民政说找社区，三个月了没个说法。"
    )
    assert got.department == "civil_affairs"


def test_a_dead_persons_pension_drawn_goes_to_human_resources(router: Router) -> None:
    got = router.suggest("我们楼有户人家，老太太走了两年了，闺女还拿着她的卡照领退休金")
    assert got.department == "human_resources"
