"""The town, community or village asked too with 也 (shared_duty.area_also_asked): the
area assists (属地协办) beside the lead, and the request goes past a person."""

from __future__ import annotations

from dataclasses import replace

from hotline.ticketing.routing import Router
from hotline.ticketing.routing.auto import held_back_by
from hotline.ticketing.routing.shared_duty import area_also_asked
from hotline.ticketing.routing.suggestion import JOINT_TYPES
from hotline.ticketing.routing.text import normalise


def _asked(text: str) -> str:
    return area_also_asked(normalise(text).replace(" ", ""))


def test_the_area_asked_too_with_ye() -> None:
    assert _asked("请热力公司来修管子，社区也找人把门窗堵上") == "社区也找"
    assert _asked("请来查查是啥猪 村里也问问这几天谁家死了猪") == "村里也问"
    assert _asked("请给派个大夫来，村里也得把卫生室的事管起来") == "村里也得"


def test_a_negation_or_a_report_after_ye_asks_nothing() -> None:
    assert _asked("吵了好几回，村里也调解不了") == ""
    assert _asked("我们没车 镇上也打不着车") == ""
    assert _asked("今年还没动静，村里也说不知道") == ""
    assert _asked("找了好几回，社区也不管") == ""
    assert _asked("社区也给不了什么办法") == ""


HEATING = "红海街道渤海小区的老楼，楼道里的暖气管冻裂了，水顺着楼梯淌。请热力公司赶紧来修管子"


def test_the_area_asked_too_assists_and_holds_the_request_back(router: Router) -> None:
    on = replace(router.rules.auto_dispatch, enabled=True)
    alone = router.suggest(HEATING + "。")
    assert alone.department == "heating"
    assert "honghai" not in [u for u, _ in alone.assisting]
    both = router.suggest(HEATING + "，社区也找人把楼道的破窗户堵上。")
    assert both.department == "heating"
    assert "honghai" in [u for u, _ in both.assisting]
    # The caller asked the heating company by name, but the area too: not asked alone.
    assert not both.asked_alone
    assert held_back_by(both, on) == "assisting"


def test_the_area_asked_too_assists_on_a_question_as_well(router: Router) -> None:
    got = router.suggest(
        "熊岳镇我们村道边的沟里扔了好几头死猪，不知道是不是病死的，请来查查，"
        "村里也问问这几天谁家死了猪。"
    )
    assert got.department == "agriculture"
    assert got.category not in JOINT_TYPES  # a second unit's duty words would not show here
    assert "xiongyue" in [u for u, _ in got.assisting]
