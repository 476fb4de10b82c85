"""City 12345 forwards (【市12345转办】市民来电反映：… 诉求：… 建议承办单位：… 请核实处理。):
the city's pick of a unit is its own guess, often wrong, and no part of the caller's
matter; the units and the request type are read without it (backstory.current_matter)."""

from __future__ import annotations

from hotline.ticketing.routing import Router
from hotline.ticketing.routing.backstory import current_matter

_HEAD = "【市12345转办】市民来电反映："


def test_the_forwarders_pick_and_closing_formula_are_not_the_matter() -> None:
    text = f"{_HEAD}其小区楼下烧烤店油烟直排。诉求：督促整改。建议承办单位：区教育局。请核实处理。"
    matter = current_matter(text)
    assert "教育局" not in matter and "建议" not in matter and "核实" not in matter
    assert "油烟直排" in matter and "诉求：督促整改。" in matter


def test_a_pick_alone_with_too_little_matter_is_kept() -> None:
    # Nothing else to read: the pick is all there is, so it stays.
    assert current_matter("建议承办单位：区教育局。") == "建议承办单位：区教育局。"


def test_a_wrong_unit_picked_by_the_city_does_not_lead(router: Router) -> None:
    s = router.suggest(
        f"{_HEAD}其住某小区，楼下饭店油烟直排入户，多次协商未果。诉求：督促整改。"
        "建议承办单位：区文化旅游和广播电视局。请核实处理。"
    )
    # Not the city's pick; a restaurant's fumes are urban management's (the retired labels
    # 26 of 27, neighbour_nuisance.py), no longer the environment bureau's.
    assert s.department == "urban_management"


def test_the_picks_jianyi_does_not_make_a_suggestion(router: Router) -> None:
    s = router.suggest(
        f"{_HEAD}其在某美容院办理会员卡，充值五千元，现该店关门，老板电话无法接通。"
        "诉求：退还余款。建议承办单位：区卫生健康局。请核实处理。"
    )
    assert s.department == "market_supervision"
    assert s.category == "complaint"


def test_a_callers_own_suggestion_is_still_one(router: Router) -> None:
    s = router.suggest(
        f"{_HEAD}建议在海滨公园多设几处公共厕所，节假日游客多，现有厕所排长队。请核实处理。"
    )
    assert s.category == "suggestion"
