"""One chemical-leak pattern read by the emergency bureau's lead and the environment's 协办."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import duty_object, hazard_duties
from hotline.ticketing.routing.chemical_leak import CHEMICAL_LEAK


def test_the_lead_and_the_assist_share_one_pattern() -> None:
    environment = next(d for d in hazard_duties.HAZARD_DUTIES if d.unit == "environment")
    assert environment.pattern is CHEMICAL_LEAK
    assert duty_object.hazard("隔壁那个化工仓库 有个大铁桶倒了 往外淌东西")


@pytest.mark.parametrize(
    "text",
    [
        "一辆拉化工品的罐车侧翻了 罐子底下往外渗东西",  # the lead's word 翻了
        "仓库里存放了大量化工桶，院里地上有液体渗出来",  # the assist's word 渗出
        "有的危险化学品桶倒了在漏",
    ],
)
def test_either_list_word_is_read(text: str) -> None:
    assert CHEMICAL_LEAK.search(text)


@pytest.mark.parametrize(
    "text",
    [
        "河沟里被人倒了很多废油桶和化工桶",  # dumped, told before the chemical
        "村边上开了个小化工厂 怀疑是它渗下去的",  # a guessed source, no leak seen
        "有个厂子储存危化品，就挨着学校",  # only stored
    ],
)
def test_no_leak_is_not_read(text: str) -> None:
    assert not CHEMICAL_LEAK.search(text)
