"""A body named only for what it did last time (past_actor.py), and the time of an ask read
in roles.py: a unit that came before is the story of the call, not what is asked now."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.past_actor import (
    past_actors,
    set_aside_spans,
    without_past_actors,
)
from hotline.ticketing.routing.roles import Role, mention_role


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("去年供水公司铺管道挖了一道沟现在沟还敞着", "water"),
        ("上回供电的来剪树剪完了树根子还在道上", "power"),
        ("物业找人锯走了树冠剩下的树干还横着", "housing"),
        ("城管上个月疏通过这两天又返臭水", "urban_management"),
        ("派出所上回来没收了一批这回又摆出来了", "public_security"),
        ("派出所来查过一次现在照旧营业", "public_security"),
        # The time said first: the work needs no perfect of its own.
        ("上次供电的来剪树说挡着线树根留了一截", "power"),
    ],
)
def test_a_body_named_for_what_it_did_before(text: str, unit: str) -> None:
    assert list(past_actors(text)) == [unit]


@pytest.mark.parametrize(
    "text",
    [
        # Asked now, whatever it did before.
        "燃气公司来临时包过一回现在还有味请燃气公司派人来修",
        "请城管派人来把断树锯走",
        "麻烦园林的来给锯了",
        # Nobody came: no act to set aside.
        "也没见燃气公司的人来过",
        # The act complained of is the matter itself, not a work done before.
        "城管罚了我二百块钱",
        "燃气停了刚充的钱",
        # What a dug pipe belongs to is an object, not the one who dug.
        "施工队把燃气管道挖破了",
        # Its own work left half done: still its duty.
        "热力公司修管子挖的沟到现在没填",
        # A bare visit: as often its own duty that failed.
        "城管来过一回第二天照样",
    ],
)
def test_no_body_acted_before(text: str) -> None:
    assert past_actors(text) == {}


def test_every_name_of_the_body_is_set_aside_with_the_disclaimers() -> None:
    text = "供水公司换管子挖了沟供水公司说管子的活干完了找城管城管说不归他们管"
    spans = set_aside_spans(text)
    assert set(spans) == {"water", "urban_management"}
    assert len(spans["water"]) == 2


def test_the_classifier_reads_the_request_without_the_body() -> None:
    kept = without_past_actors("上回 供电的来剪树 树墩子没刨 你们派人给刨了吧")
    assert "供电" not in kept
    assert "树墩子没刨" in kept and "你们派人给刨了吧" in kept


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("派出所来查过一次", Role.PLAIN),  # what it did last time
        ("派出所来查查", Role.ASKED),  # asked now
    ],
)
def test_an_ask_in_the_perfect_is_no_ask(text: str, role: Role) -> None:
    assert mention_role(text, 0, 3) is role


def test_the_trunk_a_property_company_left_is_the_city_s(router: Router) -> None:
    s = router.suggest(
        "上个月台风刮断的那棵柳树 物业找人锯走了上半截 剩下的树干连根还横在人行道上 "
        "轮椅过不去 麻烦派人拉走"
    )
    assert s.department == "urban_management"


def test_fireworks_sold_again_after_a_seizure_are_emergency_s(router: Router) -> None:
    s = router.suggest("村头小卖部又偷偷卖烟花了 上回派出所来没收过一批 这回藏在后屋卖")
    assert s.department == "emergency"
