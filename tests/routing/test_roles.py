"""Which unit a shared-duty request asks to act, which only helps (roles.py, assist.py)."""

from __future__ import annotations

from hotline.ticketing.routing import Router
from hotline.ticketing.routing.auto import AutoDispatchSettings, decide
from hotline.ticketing.routing.roles import Role, mention_role


def _role(text: str, mention: str) -> Role:
    start = text.index(mention)
    return mention_role(text, start, start + len(mention))


def test_a_mention_is_asked_plain_on_the_side_or_a_place() -> None:
    assert _role("楼道里漏气燃气公司赶紧来修", "燃气公司") is Role.ASKED
    assert _role("城管来管管", "城管") is Role.ASKED
    assert _role("学校门口的黑车拉学生", "学校") is Role.PLACE
    assert _role("飞线充电物业也不管", "物业") is Role.SIDE
    assert _role("后厨存放液化气罐还卖过期的食品", "过期") is Role.SIDE
    assert _role("停电好几天了家里的暖气也不热", "暖气") is Role.SIDE
    assert _role("停电好几天了家里的暖气也不热", "停电") is Role.PLAIN


def test_the_unit_named_on_the_side_assists_the_one_the_request_is_about(router: Router) -> None:
    s = router.suggest("停电好几天了，家里的暖气也不热，老人冻得够呛")
    assert s.department == "power"
    assert "heating" in dict(s.assisting)
    s = router.suggest("小区里有人飞线充电，楼道里堆满杂物，物业也不管")
    assert s.department == "emergency"
    assert "housing" in dict(s.assisting)


def test_the_unit_asked_to_act_leads_and_the_explanation_says_why(router: Router) -> None:
    s = router.suggest("小区地下车库的充电桩一直装不上，物业说不让装，供电公司赶紧来处理")
    assert s.department == "power"
    assert "housing" in dict(s.assisting)
    assert s.alternatives and s.alternatives[0].department == "housing"


def test_a_unit_named_only_as_a_place_does_not_assist(router: Router) -> None:
    s = router.suggest("学校门口有人摆摊卖烤肠，占道经营，城管来管管")
    assert s.department == "urban_management"
    assert "education" not in dict(s.assisting)


def test_a_single_duty_request_keeps_its_lead(router: Router) -> None:
    for text, unit in (("停电了，啥时候来电", "power"), ("屋里冷，暖气不热", "heating")):
        s = router.suggest(text)
        assert s.department == unit and not s.assisting


def test_a_unit_asked_by_its_own_name_leads(router: Router) -> None:
    s = router.suggest("燃气管道入户安检不合格，燃气公司说是开发商装的，请住建局管管")
    assert s.department == "housing"  # gas without the ask
    assert "gas" in dict(s.assisting)
    s = router.suggest("暖气不热，热力公司说是开发商的管道问题，请住建局管管开发商")
    assert s.department == "housing"  # heating without the ask
    assert "heating" in dict(s.assisting)


def test_one_incidental_phrase_is_no_assisting_unit(router: Router) -> None:
    # 医院 and 加油站 (weight 3 alone) are where the matter happened, not a second duty.
    for text in ("定点药店的药价比医院贵", "加油站加了两百块钱的油，油表才走了一点"):
        assert not router.suggest(text).assisting, text


def test_an_unshown_second_duty_still_holds_automatic_dispatch_back(router: Router) -> None:
    s = router.suggest("定点药店的药价比医院贵")
    assert s.other_duties == ("health",) and not s.assisting
    settings = AutoDispatchSettings(enabled=True, threshold=0.5)
    assert not decide(s, settings, "区医疗保障局").dispatch
