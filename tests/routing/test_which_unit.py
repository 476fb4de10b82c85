"""A caller asking which unit handles the matter (shared_duty.which_unit): the units it
names are alternatives to the lead, so no 协办 is suggested and nothing is held back for
them; a measuring instrument said to measure wrong is the market regulator's 计量 duty;
必须 and 想办法 / 清洗 make a second ask too."""

from __future__ import annotations

from dataclasses import replace

from hotline.ticketing.routing import Router
from hotline.ticketing.routing.auto import decide, held_back_by
from hotline.ticketing.routing.shared_duty import second_ask, unnamed_duties, which_unit
from hotline.ticketing.routing.text import normalise


def _compact(text: str) -> str:
    return normalise(text).replace(" ", "")


def test_units_named_as_alternatives_are_a_which_unit_question() -> None:
    assert which_unit(_compact("这事找城管还是找环保？")) == "找城管还是"
    assert which_unit(_compact("不知道该找市场监管、公安还是应急")) == "找市场监管公安还是"
    assert which_unit(_compact("这个找物价局还是教育局啊")) == "找物价局还是"
    # 还是 meaning "still", after a unit already turned to, asks nothing.
    assert which_unit(_compact("找了物业好几回还是没人管")) == ""
    assert which_unit(_compact("找物业说了还是不给修")) == ""
    assert which_unit(_compact("请城管来管管")) == ""
    # Alternatives that are no unit (who pays) are no such question.
    assert which_unit(_compact("这钱是找单位要 还是工伤保险给报 医保能不能先报")) == ""


def test_a_which_unit_question_shows_no_assisting_unit_and_holds_nothing_back(
    router: Router,
) -> None:
    on = replace(router.rules.auto_dispatch, enabled=True)
    matter = "海边那个烧烤摊又是烟又是占道，桌子都摆到马路牙子上了，烟顺着我家窗户往里灌。"
    asked = router.suggest(matter + "这事找城管还是找环保？")
    assert asked.department == "urban_management" and asked.which_unit
    assert asked.assisting == () and not asked.joint_cues
    assert held_back_by(asked, on) is None
    assert "来电询问应由哪个单位处理" in decide(asked, on, "城管局").reason
    # Asking the environment bureau too (…也请环保来测测) is a second unit to act: held back.
    both = router.suggest(matter + "请城管来管管，也请环保来测测")
    assert both.which_unit == "" and held_back_by(both, on) is not None


def test_a_scale_or_pump_measuring_short_is_the_market_regulators_duty() -> None:
    def units(text: str, lead: str) -> list[str]:
        return [d.unit for d, _ in unnamed_duties(_compact(text), lead)]

    assert units("私自卖柴油，加油枪的表也不准，加100升实际八十几", "emergency") == [
        "market_supervision"
    ]
    assert units("摊子占道，秤还不对", "urban_management") == ["market_supervision"]
    # The regulator leading, or a utility's own meter: no second duty.
    assert units("水果摊的秤不准", "market_supervision") == []
    assert units("新装的电表计量不准", "power") == []


def test_bijiu_and_xiang_banfa_make_a_second_ask(router: Router) -> None:
    assert second_ask(_compact("请供水公司来测测水质，物业也必须清洗")) == "也必须清洗"
    assert second_ask(_compact("杨絮得有人扫，树也该想想办法")) == "也该想想办法"
    assert second_ask(_compact("我们也想办法了，还是不行")) == ""  # no modal: a report
    on = replace(router.rules.auto_dispatch, enabled=True)
    got = router.suggest(
        "加油站后墙根底下的杨絮堆了能有半尺厚，前两天有人扔烟头已经着过一回了。"
        "请来人看看，杨絮得有人扫，树也该想想办法。"
    )
    assert held_back_by(got, on) is not None


def test_the_area_asked_to_act_together_with_a_unit_assists(router: Router) -> None:
    text = (
        "我爸瘫在炕上好几年了 在红旗镇村里住 今年养老金要认证 他那手机刷脸咋也过不去 "
        "社保那边说得本人来 能不能让村里跟社保的人一块上门给认证一下"
    )
    got = router.suggest(text)
    assert got.department == "human_resources" and "hongqi" in dict(got.assisting)
    alone = router.suggest(text.replace("让村里跟社保的人一块上门", "让社保的人上门"))
    assert "hongqi" not in dict(alone.assisting)
