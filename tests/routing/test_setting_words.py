"""Another unit's words that only set the scene of the lead's matter (assist.SETTING): the
hospital where medical insurance is used, the holidays a wage was earned in, the bus stop
under a loose sign, the ID card in a lost bag, the stall a seller cheats from. They name no
协办 and hold nothing back; the same words beside another lead, or a stall blocking the way,
still do. A vehicle's seats counted against the people packed in is the traffic police's
overload duty, with the school leading too (shared_duty.DUTIES)."""

from __future__ import annotations

from dataclasses import replace

from hotline.ticketing.routing import Router
from hotline.ticketing.routing.assist import setting_words
from hotline.ticketing.routing.auto import held_back_by
from hotline.ticketing.routing.shared_duty import unnamed_duties
from hotline.ticketing.routing.text import normalise


def _compact(text: str) -> str:
    return normalise(text).replace(" ", "")


def _others(router: Router, text: str) -> tuple[str, set[str]]:
    got = router.suggest(text)
    return got.department or "", {u for u, _ in got.assisting} | set(got.other_duties)


def test_the_hospital_is_where_medical_insurance_is_used(router: Router) -> None:
    on = replace(router.rules.auto_dispatch, enabled=True)
    bill = "我爸住院半个月，出院结算的时候医院说有两种药医保不给报，可是别的医院都能报"
    lead, others = _others(router, bill + "，医保局能不能给查一下")
    assert lead == "medical_insurance" and "health" not in others
    assert held_back_by(router.suggest(bill + "，医保局能不能给查一下"), on) is None
    # A health duty beyond the setting (a nurse's wrong drip) is still another unit's.
    lead, others = _others(router, bill + "，医院的护士还给输错了药，医保局能不能给查一下")
    assert lead == "medical_insurance" and "health" in others


def test_holidays_and_school_fees_set_a_wage_claim_not_a_school_duty(router: Router) -> None:
    lead, others = _others(
        router,
        "暑假在超市理货干了一个半月，说好一个月两千五，开学了老板还是一分不给，请劳动部门帮忙要工资",
    )
    assert lead == "human_resources" and "education" not in others
    # Only beside the leads they set the scene for: the school fees of a family in need.
    assert "学费" in setting_words("human_resources", "孩子学费")
    assert "学费" not in setting_words("civil_affairs", "孩子学费")


def test_a_bus_stop_under_a_loose_sign_is_where_not_who(router: Router) -> None:
    lead, others = _others(
        router, "路边大广告牌让风刮得快掉下来了，底下就是公交站，一堆人等车，快派人来弄弄"
    )
    assert lead == "urban_management" and "transport" not in others
    # The typhoon that blew a tree down is the cause, not the emergency bureau's task.
    lead, others = _others(
        router, "前天台风把小区门口道边的大杨树刮倒了，横在马路上，麻烦园林的来给锯了"
    )
    assert lead == "urban_management" and "emergency" not in others


def test_a_wedding_is_the_occasion_of_a_restaurant_meal(router: Router) -> None:
    lead, others = _others(
        router, "我表妹结婚那天在开发区一个酒店办的席，吃完一桌人都拉肚子，酒店说跟他们没关系"
    )
    assert lead == "market_supervision" and "civil_affairs" not in others


def test_a_stall_is_the_sellers_scene_unless_it_blocks_the_way(router: Router) -> None:
    lead, others = _others(router, "早市有个卖水果的摊子，二斤苹果回家一称差三两")
    assert lead == "market_supervision" and "urban_management" not in others
    assert "摊子" in setting_words("market_supervision", "早市有个摊子秤不准")
    # Occupying the road (占道经营) is the city's duty too.
    assert setting_words("market_supervision", "摊子占了半条道秤还不准") == frozenset()


def test_seats_counted_against_people_is_an_overload(router: Router) -> None:
    def units(text: str, lead: str) -> list[str]:
        return [d.unit for d, _ in unnamed_duties(_compact(text), lead)]

    assert units("七座的面包车天天塞了十三四个孩子", "education") == ["public_security"]
    assert units("三十五座的大巴里坐了四十多人", "transport") == ["public_security"]
    # Told both ways, one duty; a class is 超员 too, so not 超员 with the school.
    assert units("十九座的车超员，能塞三十多人", "transport") == ["public_security"]
    assert units("我们班超员了，四十五个人挤一个教室", "education") == []
    on = replace(router.rules.auto_dispatch, enabled=True)
    van = router.suggest("学校让我们坐的接送车是辆七座面包车，天天塞十三四个孩子，司机还开得飞快")
    assert van.department == "education"
    assert "public_security" in {u for u, _ in van.assisting}
    assert held_back_by(van, on) is not None


def test_a_taxis_plate_says_which_car_not_a_police_matter(router: Router) -> None:
    lead, others = _others(
        router,
        "昨晚从万达打了个出租车回家，司机绕路还不打表，要了我八十，车牌号我记下了，请交通局查查",
    )
    assert lead == "transport" and "public_security" not in others


def test_a_unit_that_said_not_ours_is_no_second_unit(router: Router) -> None:
    on = replace(router.rules.auto_dispatch, enabled=True)
    matter = "楼后那个石材厂天天切石头，粉尘满天飞，窗户都不敢开"
    went = router.suggest(matter + "，我给城管打了电话，城管说不归他们管")
    assert went.department == "environment" and "城管" not in went.joint_cues
    assert held_back_by(went, on) != "joint"
    # Asked to act as well, the same unit is a second unit again.
    both = router.suggest(matter + "，城管也得来管管")
    assert held_back_by(both, on) is not None
