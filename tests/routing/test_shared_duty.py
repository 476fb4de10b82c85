"""A second duty the caller touches without naming its unit (shared_duty.py): suggested
as 协办 with its reason, and the request is held back from automatic dispatch."""

from __future__ import annotations

from dataclasses import replace

from hotline.ticketing.routing import Router
from hotline.ticketing.routing.auto import decide, held_back_by
from hotline.ticketing.routing.shared_duty import jointly_asked, unnamed_duties
from hotline.ticketing.routing.text import normalise


def _units(text: str, lead: str) -> list[str]:
    return [d.unit for d, _ in unnamed_duties(normalise(text).replace(" ", ""), lead)]


def test_tied_selling_is_the_market_regulators_duty_whoever_leads() -> None:
    assert _units("燃气公司入户安检还强制卖燃气报警器", "gas") == ["market_supervision"]
    assert _units("学校让家长去指定的店买教辅书", "education") == ["market_supervision"]
    assert _units("殡仪馆要求必须在他们那买骨灰盒", "civil_affairs") == ["market_supervision"]
    # The regulator itself leading, or a plain complaint about a price: no second duty.
    assert _units("超市强制搭售", "market_supervision") == []
    assert _units("殡仪馆收费太高", "civil_affairs") == []


def test_a_duty_read_only_for_the_leads_it_concerns() -> None:
    assert _units("热力管道爆了道上全是水", "heating") == ["urban_management"]
    assert _units("道上全是水", "transport") == []  # a road's own matter, no utility
    assert _units("换热站的噪音太大", "heating") == ["environment"]
    assert _units("工地噪音太大", "housing") == []  # building works: the lead's own duty
    assert _units("客运班车天天超员", "transport") == ["public_security"]
    assert _units("校车超员", "education") == []
    assert _units("强制卖报警器", None) == []


def test_the_router_suggests_the_unnamed_unit_and_holds_the_request(router: Router) -> None:
    on = replace(router.rules.auto_dispatch, enabled=True)
    got = router.suggest("燃气公司上门安检，说我家软管不合格，强制卖给我一个报警器，收了三百块")
    assert got.department == "gas"
    reasons = dict(got.assisting)
    assert "market_supervision" in reasons and "“强制卖”" in reasons["market_supervision"]
    assert held_back_by(got, on) in ("assisting", "joint")
    # A question touching it is held back too, and shows the 协办 as well.
    asked = router.suggest("请问燃气公司上门强制推销报警器合法吗")
    assert asked.joint_cues and held_back_by(asked, on) is not None
    assert "market_supervision" in dict(asked.assisting)
    # Without such words the lead alone stands.
    plain = router.suggest("燃气表充值充不进去，营业厅也不给办")
    assert "market_supervision" not in dict(plain.assisting) and not plain.joint_cues


def test_prepaid_money_gone_with_the_business_is_the_market_regulators_too() -> None:
    text = "孩子报的英语培训班一次交了一万二，上礼拜门一锁人没了"
    assert _units(text, "education") == ["market_supervision"]
    # A business gone without prepaid money (wages owed): no such duty.
    assert _units("老板跑了，欠我们三个月工资", "human_resources") == []


def test_a_longer_phrase_around_the_leads_names_a_second_duty(router: Router) -> None:
    on = replace(router.rules.auto_dispatch, enabled=True)
    got = router.suggest("楼下饭店地下室里摆了十来个液化气罐，闻着有气味，赶紧来人查查")
    # 液化气罐 (a hazardous store) holds 液化气 (the gas company's word) inside it.
    assert got.department == "gas"
    assert "emergency" in (*dict(got.assisting), *got.other_duties)
    assert held_back_by(got, on) is not None


def test_a_work_injurys_bills_touch_both_insurers() -> None:
    text = "我在单位受了工伤，请问这钱是找单位要，医保能不能先报"
    assert _units(text, "human_resources") == ["medical_insurance"]
    assert _units("工伤认定下来之前看病能走医保吗", "medical_insurance") == ["human_resources"]
    assert _units("医保能报多少", "human_resources") == []  # no work injury: no pair


def test_bad_tap_water_beside_a_discharging_factory_is_the_environments_too() -> None:
    text = "村里自来水有怪味，怀疑是那个厂子往地下排东西"
    assert _units(text, "water") == ["environment"]
    assert _units("自来水发黄有味", "water") == []


def test_a_unit_named_by_its_bare_short_name_is_a_joint_cue() -> None:
    from hotline.ticketing.routing.roles import other_units_named

    text = normalise("这个是找学校申请，还是得先找民政开证明").replace(" ", "")
    assert other_units_named(text, "education") == ("民政",)
    assert other_units_named(normalise("得住建那边批").replace(" ", ""), "wanghai") == ("住建",)
    assert other_units_named("民政局说材料不全", "education") == ()  # only quoted


def test_who_is_affected_names_no_second_unit(router: Router) -> None:
    # The caller's child on the way to school, an electric heater, a venue checking IDs:
    # words of another unit's phrases that say who or what, not its duty.
    road = router.suggest(
        "学校旁边那段人行道上的树杈被雪压断了横在道上，孩子上学得绕着走，请派人清走"
    )
    assert "education" not in dict(road.assisting)
    heater = router.suggest("家里电压太低，电暖气一开就跳闸，灯也一闪一闪的，请供电公司来看看")
    assert heater.department == "power" and "heating" not in dict(heater.assisting)
    venue = router.suggest("楼下网吧让好几个初中生进去上网，老板也不查身份证，请文化执法来查")
    assert not {"education", "public_security"} & set(dict(venue.assisting))
    # 存在安全隐患 qualifies the lead's own matter; it names no emergency bureau duty.
    for text in (
        "我们单元门口的配电箱门掉了，里面的电线裸露在外，孩子们天天在旁边玩，存在安全隐患，请尽快处理。",
        "村口那座小桥的护栏断了好几根，晚上没有灯，存在安全隐患，请尽快修复。",
    ):
        assert "emergency" not in dict(router.suggest(text).assisting)
    # District heating itself beside the power company is still a second duty.
    both = router.suggest(
        "小区停电了，热力公司的换热站也停了，暖气不热，供电公司和热力公司都得来人"
    )
    assert {both.department, *dict(both.assisting)} >= {"power", "heating"}


def test_a_stall_set_out_on_the_way_is_the_citys_too() -> None:
    # 占道经营 is the city's, whoever oversees what is sold or the traffic.
    text = "年货市场好几个摊子卖假名牌羽绒服，摊位还一直摆到机动车道上"
    assert _units(text, "market_supervision") == ["urban_management"]
    assert _units("学校门口一溜卖早点的推车占着人行道", "public_security") == ["urban_management"]
    # The city itself leading: its own duty, no second one.
    assert _units(text, "urban_management") == []
    # The way occupied by no seller (a car, a fallen tree), or a seller on no way: none.
    assert _units("家长的车乱停，堵在人行道上", "public_security") == []
    assert _units("大树刮倒了横在人行道上", "power") == []
    assert _units("超市卖过期的牛奶", "market_supervision") == []


def test_a_held_shared_duty_names_its_units(router: Router) -> None:
    on = replace(router.rules.auto_dispatch, enabled=True)
    got = router.suggest("年货市场那条街上好几个摊子卖假名牌羽绒服，摊位还一直摆到机动车道上")
    assert got.department == "market_supervision"
    assert "urban_management" in dict(got.assisting)
    assert held_back_by(got, on) == "assisting"
    why = decide(got, on, "市场监管局")
    assert not why.dispatch
    assert why.reason.startswith("涉及多个单位职责")
    assert "协办：区城市管理综合行政执法局" in why.reason


def test_units_asked_to_act_together_each_assist(router: Router) -> None:
    on = replace(router.rules.auto_dispatch, enabled=True)
    text = "总包拖着农民工工资不给，我们是甲方，钱早付给总包了，请人社和住建一起来处理"
    got = router.suggest(text)
    assert got.department == "human_resources"
    assert "housing" in dict(got.assisting)
    assert decide(got, on, "人社局").reason.startswith("涉及多个单位职责")
    # The same matter asked of one unit only: no second unit.
    alone = router.suggest("总包拖着农民工工资不给，请人社局来处理")
    assert "housing" not in dict(alone.assisting)


def test_a_joint_ask_reads_only_the_units_named() -> None:
    compact = "请人社和住建一起来处理"
    assert jointly_asked(compact, "human_resources", ("住建",)) == ("housing",)
    # No joint ask, or the only unit named is the lead: nothing.
    assert jointly_asked("请住建局来处理", "human_resources", ("住建局",)) == ()
    assert jointly_asked(compact, "housing", ("住建",)) == ()
    # A unit that turned the matter down is where the caller went, not one to act.
    turned = "城管说不归他们管请社区一块来处理"
    assert jointly_asked(turned, "haixing", ("城管",)) == ()
