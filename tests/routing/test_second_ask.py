"""A second ask (shared_duty.second_ask): after its first request the caller asks for
another thing with 也得 / 顺便; another unit may have to act, so no automatic dispatch."""

from __future__ import annotations

from dataclasses import replace

from hotline.ticketing.routing import Router
from hotline.ticketing.routing.auto import decide, held_back_by
from hotline.ticketing.routing.shared_duty import second_ask
from hotline.ticketing.routing.text import normalise


def _ask(text: str) -> str:
    return second_ask(normalise(text).replace(" ", ""))


def test_a_second_thing_asked_with_ye_and_a_modal_or_shunbian() -> None:
    assert _ask("请社区来人把楼道清一清，那个小饭馆的卫生也得查查。") == "也得查"
    assert _ask("先把路灯修好 欠的补助也给问问") == "也给问"
    assert _ask("请派人来，坏了的摄像头也得让物业修") == "也得让物业修"
    assert _ask("清雪车再来一趟吧 顺便把乱停的车挪挪") == "顺便把乱停的车挪"
    assert _ask("建议主办方多开出口，现场也得多派点保安") == "也得多派"


def test_someone_must_do_the_second_thing_or_it_is_asked_with_zai() -> None:
    # 也 + a modal + 有人: whatever the verb, someone else is to act.
    assert _ask("请热力公司查查管沟，路面的冰也得有人天天来撒盐") == "也得有人"
    # 再 after the first ask, asking whether there is (or can be) a second thing.
    assert _ask("能不能帮忙把钱要回来，再看看有没有返乡的包车") == "再看看有没有"
    assert _ask("先给送上电，再看看他能不能申请点救助") == "再看看他"
    # 再看看 as a wait, and 也 + 有人 as a report, are not a second ask.
    assert _ask("师傅说过两天再看看，到现在也没来") == ""
    assert _ask("楼上也有人反映过，请物业来修") == ""


def test_one_ask_and_complaints_about_no_one_acting_are_not_a_second_ask() -> None:
    assert _ask("找了好几回也没人管，请来人看看") == ""  # a complaint, not a second ask
    assert _ask("问了物业也不给修，麻烦热力公司来人") == ""
    assert _ask("我把阀门关了窗户也开了赶紧派人来") == ""  # 也 closes the previous clause
    # Compact text has no punctuation: 退还 + 请…, 还要 + 请问 are not 还 + a modal.
    assert _ask("收了看房费拒不退还，请有关部门查处") == ""
    assert _ask("下个礼拜还要坐飞机，请问补办身份证要多久") == ""


def test_the_router_holds_a_second_ask_back_even_when_the_lead_was_asked_by_name(
    router: Router,
) -> None:
    on = replace(router.rules.auto_dispatch, enabled=True)
    once = "我家楼下的路灯坏了一个礼拜了，晚上黑乎乎的，请城管来修一下"
    twice = once + "，路边那几辆僵尸车也得让人查查"
    first, second = router.suggest(once), router.suggest(twice)
    assert first.second_ask == "" and held_back_by(first, on) != "second_ask"
    assert second.second_ask and held_back_by(second, on) == "second_ask"
    reason = decide(second, on, "城管局").reason
    assert not decide(second, on, "城管局").dispatch and "“也得让人查”" in reason


def test_a_second_ask_shows_a_lighter_second_duty_as_assisting(router: Router) -> None:
    once = "饭店吃完全家拉肚子，上医院挂的水，找饭店不认"
    first = router.suggest(once)
    second = router.suggest(once + "，医院的账也得给问问")
    # Asked once, the hospital's duty is too light to show (it still holds dispatch back).
    assert "health" in first.other_duties and "health" not in dict(first.assisting)
    # Asked twice, it is shown as 协办 with its reason.
    assert first.department == second.department == "market_supervision"
    assert "health" in dict(second.assisting) and "health" not in second.other_duties
