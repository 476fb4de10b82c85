"""Second duties the catalogue states for a second unit, told without naming it
(shared_duty.py, round 19): a utility kept from its pipe by the property manager's key,
pupils sick from the school canteen's food."""

from __future__ import annotations

from dataclasses import replace

from hotline.ticketing.routing import Router
from hotline.ticketing.routing.auto import held_back_by
from hotline.ticketing.routing.shared_duty import asked_side_by_side, unnamed_duties
from hotline.ticketing.routing.text import normalise


def _units(text: str, lead: str) -> list[str]:
    return [d.unit for d, _ in unnamed_duties(normalise(text).replace(" ", ""), lead)]


def test_a_utility_kept_from_its_pipe_by_the_property_managers_key_is_housings_too() -> None:
    text = "热力公司师傅说得上楼顶放气，可楼顶门让物业锁了，物业说钥匙在经理手里"
    assert _units(text, "heating") == ["housing"]
    assert _units("楼上暖气片爆了，物业说没有钥匙，赶紧派人关阀门", "heating") == ["housing"]
    assert _units("水管冻了，物业说钥匙在老板那", "water") == ["housing"]
    # Only beside a utility's lead: a lock on a stairwell is the property manager's own matter.
    assert _units("物业把楼道门锁了不让进", "housing") == []
    # A utility's matter without the property manager's key or lock.
    assert _units("暖气不热，物业说找热力", "heating") == []


def test_pupils_sick_from_the_school_canteen_are_the_market_regulators_too() -> None:
    text = "学校食堂中午吃完，孩子们年级里二十多个又吐又拉，食堂今天照样开"
    assert _units(text, "health") == ["market_supervision"]
    # The canteen's fees are the school's alone; a works canteen's outbreak is health's.
    assert _units("学校食堂一个月伙食费四百，孩子说吃不饱", "education") == []
    assert _units("学校食堂饭菜太贵，学生都吃不起", "health") == []
    assert _units("我们单位食堂好几个人上吐下泻", "health") == []


def test_the_router_names_the_property_managers_unit_and_holds_the_request(
    router: Router,
) -> None:
    on = replace(router.rules.auto_dispatch, enabled=True)
    got = router.suggest(
        "我家楼上暖气管子半夜爆了，水顺着天棚往我家流，楼上没人住锁着门，物业说没有钥匙，"
        "热力公司赶紧来人关阀门"
    )
    assert got.department == "heating"
    assert "housing" in dict(got.assisting)
    assert held_back_by(got, on) is not None


def test_a_trade_without_a_licence_is_the_market_regulators_whoever_oversees_it() -> None:
    text = "集上有个三轮车卖玉米种子，袋子上什么都没印，卖的人也没执照"
    assert _units(text, "agriculture") == ["market_supervision"]
    assert _units("小区会所里有人办游泳班，连执照都没有", "education") == ["market_supervision"]
    # A clinic's licence is the health bureau's own matter; the regulator itself leading.
    assert _units("小区底商新开了个牙科诊所，没有执照", "health") == []
    assert _units("这家店没有营业执照", "market_supervision") == []


def _side(text: str, lead: str) -> tuple[str, ...]:
    return asked_side_by_side(normalise(text).replace(" ", ""), lead)


def test_two_bodies_named_side_by_side_as_the_ones_to_come_are_both_asked() -> None:
    assert _side("麻烦镇上和住建的来鉴定一下这是不是危房", "hongqi") == ("housing",)
    assert _side("施工队说等供水和电业来", "housing") == ("water", "power")
    assert _side("请应急和劳动部门都来查查这个厂", "emergency") == ("human_resources",)
    assert _side("请人社和住建一起处理", "human_resources") == ("housing",)
    # A unit named alone, or not as one to come; the lead itself.
    assert _side("请住建局来处理", "hongqi") == ()
    assert _side("我和城管说过了", "haixing") == ()
    assert _side("我跟热力来回打了好几次电话", "housing") == ()  # back and forth, not asked
    assert _side("和城管来的人吵起来了", "haixing") == ()  # those who came
    assert _side("请社区和城管一块来", "urban_management") == ()


def test_the_router_shows_a_unit_asked_side_by_side_and_holds_the_request(
    router: Router,
) -> None:
    on = replace(router.rules.auto_dispatch, enabled=True)
    got = router.suggest(
        "红旗镇我们村有个老人住的土坯房，暴雨后房梁裂了还不肯搬，麻烦镇上和住建的来看看给想想办法"
    )
    assert got.department == "hongqi"
    assert "housing" in dict(got.assisting)
    assert held_back_by(got, on) is not None
