"""A unit's words that only say what the caller has, does or went through, or a thing of
the scene (assist.INCIDENTAL: 果园 beside a wage claim, 烟囱 beside a community's help, 保修
beside a new flat's defect): they name no 协办 and no lighter second duty, so they hold
nothing back; the unit's other words still do, and the words still count for the lead."""

from __future__ import annotations

from dataclasses import replace

from hotline.ticketing.routing import Router
from hotline.ticketing.routing.assist import INCIDENTAL
from hotline.ticketing.routing.auto import held_back_by


def _others(router: Router, text: str) -> tuple[str, set[str]]:
    got = router.suggest(text)
    return got.department or "", {u for u, _ in got.assisting} | set(got.other_duties)


def test_the_orchard_a_wage_was_earned_in_is_no_agriculture_duty(router: Router) -> None:
    text = "红旗镇我们几个给一家果园干了一冬天剪枝，老板说年底一块结，现在说没钱了"
    lead, others = _others(router, text)
    assert lead == "human_resources" and "agriculture" not in others


def test_a_blocked_chimney_is_the_community_s_help_not_the_environment_s(
    router: Router,
) -> None:
    on = replace(router.rules.auto_dispatch, enabled=True)
    text = "海星街道社区一楼的老大爷独居，家里烧炉子烟囱堵了，社区能不能找个人帮他掏一掏"
    got = router.suggest(text)
    assert got.department == "haixing" and "environment" not in got.other_duties
    assert held_back_by(got, on) not in ("assisting", "other_duties")


def test_a_warranty_beside_a_developer_names_no_market_regulator(router: Router) -> None:
    text = "新房交了不到一年，墙皮开裂，开发商说过了保修期不管了，请住建部门管管"
    lead, others = _others(router, text)
    assert lead == "housing" and "market_supervision" not in others
    # The regulator's own duty words still make it a second unit.
    lead, others = _others(router, text + "，售楼处当初还虚假宣传，广告上写的精装修")
    assert lead == "housing" and "market_supervision" in others


def test_the_words_still_lead_and_were_chosen_only_where_no_shared_duty_used_them(
    router: Router,
) -> None:
    # Left out of the 协办 evidence only: 打零工 and 退休金 still lead human resources.
    assert router.suggest("我打零工干了两个月老板不给钱").department == "human_resources"
    assert router.suggest("退休金这个月怎么少发了三百").department == "human_resources"
    # Words that once held a shared-duty request back are not among them.
    assert not {"看病", "取暖", "电线", "公交站", "医院"} & set().union(*INCIDENTAL.values())
