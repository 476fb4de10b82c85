"""Automatic dispatch and who the caller asks to act (roles.named_units, roles.asked_alone,
roles.other_units_named, roles.unnamed_second_duty; auto.held_back_by): a caller who asks the
lead alone by name has said who is to act; a unit asked in a clause of its own after the
first ask assists; another unit named by its name, or a utility's line broken by a third
party, sends the request past a person."""

from __future__ import annotations

from dataclasses import replace

from hotline.ticketing.routing import Router
from hotline.ticketing.routing.auto import AutoDispatchSettings, decide, held_back_by
from hotline.ticketing.routing.roles import (
    asked_alone,
    first_named,
    named_units,
    other_units_named,
    unnamed_second_duty,
)
from hotline.ticketing.routing.text import normalise

from tests.fixtures.routing import make_suggestion

ON = AutoDispatchSettings(enabled=True, threshold=0.9)


def _compact(text: str) -> str:
    return normalise(text).replace(" ", "")


def test_a_unit_asked_in_a_clause_of_its_own_is_named_but_never_leads() -> None:
    text = _compact("请市场监管局查处虚假宣传，公安机关查一查是不是诈骗。")
    assert list(named_units(text)) == ["market_supervision", "public_security"]
    # Short names are read only there: after an ask, followed by what the unit is to do.
    text = _compact("这种非法行医的请卫健查处，市场监管也查查他们的药从哪来的")
    assert list(named_units(text)) == ["health", "market_supervision"]
    # 卫健 right after 请 is the unit asked first; the later clause names 协办, never the lead.
    assert first_named(text) == "health"
    # Quoted, or with no task of its own, a later unit is not asked.
    assert named_units(_compact("请尽快处理，环保局说不归他们管")) == {}
    assert list(named_units(_compact("请城管来看看，公安的车也停这"))) == ["urban_management"]


def test_a_caller_who_asks_the_lead_alone_by_name() -> None:
    text = _compact("烧烤店占道经营至深夜，噪音扰民，存在安全隐患，希望城管部门依法整治。")
    assert asked_alone(text, "urban_management", lead_is_area=False)
    assert not asked_alone(text, "public_security", lead_is_area=False)
    # A second ask, or another unit named by its name, and it is not the lead alone.
    also = _compact("请城管部门依法整治，也请督促物业管理。")
    assert not asked_alone(also, "urban_management", lead_is_area=False)
    other = _compact("请城管部门依法整治，环保局也不管。")
    assert not asked_alone(other, "urban_management", lead_is_area=False)
    # A unit only recalled from before is back-story.
    before = _compact("打过环保局电话。请城管部门依法整治。")
    assert asked_alone(before, "urban_management", lead_is_area=False)
    # 麻烦 asks too; 一起 asks for more than one unit only with a task (一起处理, not 聚在一起).
    gamble = _compact("一帮人聚在一起赌钱。麻烦派出所去查一查。")
    assert asked_alone(gamble, "public_security", lead_is_area=False)
    both = _compact("麻烦派出所和社区一起处理。")
    assert not asked_alone(both, "public_security", lead_is_area=False)
    # A town asked by name for a town's matter.
    town = _compact("村里抽水泵坏了四天，请镇里和村委会赶紧找人来修。")
    assert asked_alone(town, "xiongyue", lead_is_area=True)
    assert not asked_alone(_compact("村里抽水泵坏了四天"), "xiongyue", lead_is_area=True)


def test_asked_alone_keeps_duty_word_units_on_the_ticket_without_holding_it() -> None:
    helped = make_suggestion(
        department="power",
        assisting=(("emergency", "协办：区应急管理局，其职责明确提到“安全隐患”"),),
        other_duties=("housing",),
    )
    assert held_back_by(helped, ON) == "assisting"
    decision = decide(replace(helped, asked_alone=True), ON, "供电公司")
    assert decision.dispatch
    assert "只点名请主办单位" in decision.reason
    # Joint cues still hold (they are never set together with asked_alone by the router).
    joint = make_suggestion(joint_cues=("燃气公司",))
    assert held_back_by(joint, ON) == "joint"
    assert "“燃气公司”" in decide(joint, ON, "热力公司").reason  # the operator sees why


def test_another_unit_named_by_its_name_is_a_joint_cue() -> None:
    text = _compact("请问这个资助怎么申请，是民政部门还是医保部门办理？")
    assert other_units_named(text, "medical_insurance") == ("民政部门",)
    assert other_units_named(_compact("热力公司说明天来修"), "housing") == ()  # quoted
    assert other_units_named(_compact("就在派出所门口"), "urban_management") == ()  # a place
    assert other_units_named(_compact("应急灯坏了"), "housing") == ()  # an everyday word


def test_a_utilitys_line_broken_by_a_third_party_needs_a_second_unit() -> None:
    assert unnamed_second_duty(_compact("小区外面修路把自来水管挖断了，全楼停水"), "water")
    assert unnamed_second_duty(_compact("大风把大树刮倒了，正好压在电线上"), "power")
    assert unnamed_second_duty(_compact("暖气管道漏水，路面结冰好几个老人摔了"), "heating")
    # The utility's own burst line, a fear of harm, or a lead that is no utility: no cue.
    assert unnamed_second_duty(_compact("马路边上那个水管子爆了，水哗哗往外冒"), "water") == ""
    assert unnamed_second_duty(_compact("路面开始结冰，怕有人滑倒"), "water") == ""
    assert unnamed_second_duty(_compact("施工队把路挖坏了"), "transport") == ""


def test_the_router_holds_a_dug_up_gas_main_back_and_lets_a_named_ask_go(
    router: Router,
) -> None:
    on = replace(router.rules.auto_dispatch, enabled=True)
    dug = router.suggest("小区门口修道的挖掘机把燃气管道挖破了，呲呲往外冒气，赶紧来人")
    assert dug.department == "gas"
    assert dug.joint_cues and held_back_by(dug, on) == "joint"
    asked = router.suggest(
        "楼下有施工队挖沟，把小区的燃气管道挖破了，现在气味很大，请燃气公司立即派人抢修！"
    )
    assert asked.department == "gas" and asked.asked_alone and not asked.joint_cues
    shared = router.suggest(
        "举报：楼下美容院没有医生却给人打针。请卫健查处，市场监管也查查他们的药从哪来的。"
    )
    assert "market_supervision" in dict(shared.assisting)
    assert "点名" in dict(shared.assisting)["market_supervision"]
