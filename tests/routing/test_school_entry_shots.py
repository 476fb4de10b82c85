"""A school's entry check with where or which shot asked (school_entry_shots.py): the
health commission's vaccination service over the school's words."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.roles import Role, mention_role
from hotline.ticketing.routing.school_entry_shots import school_entry_shot


@pytest.mark.parametrize(
    "text",
    [
        "孩子从山东转学过来，学校要查预防接种证，老家的本子这边不认，要补打什么疫苗，去哪补？",
        "孩子下个月上一年级 老师说接种证上差一针麻腮风 上哪补啊",
        "幼儿园入园查验 说少了两针 周末在哪能补种",
        "转学过来学校说没有水痘疫苗接种记录 到底要不要补种",
    ],
)
def test_the_entry_checks_shot_asked_where_or_which_is_read(text: str) -> None:
    assert school_entry_shot(text)


@pytest.mark.parametrize(
    "text",
    [
        # The school's own rule asked: education's (4 of 4).
        "幼儿园入园要查预防接种证 我家缺一针水痘疫苗 不补就不让入园 这合理吗",
        "幼儿园说孩子的接种证上少两针，必须补完才能入园。这段时间孩子能不能先去上？",
        # Where a shot is asked, but no school's check: not this reading.
        "孩子两岁半 疫苗本上还差一针乙脑 社区能接着打吗",
        # A dog's shots.
        "学校门口流浪狗多 狂犬疫苗缺一针 去哪补",
    ],
)
def test_no_reading_for_the_schools_rule_or_no_school(text: str) -> None:
    assert school_entry_shot(text) == ""


def test_a_move_here_is_no_ask_to_come() -> None:
    text = "孩子从河北转学过来学校要查接种证"
    start = text.index("转学")
    assert mention_role(text, start, start + 2) is not Role.ASKED
    # A unit asked to come still is (供电公司赶紧过来).
    text = "供电公司赶紧过来看看"
    assert mention_role(text, 0, 4) is Role.ASKED


@pytest.mark.parametrize(
    "text",
    [
        "我们刚从河北搬来 孩子转学过来 学校要那个预防接种证 老家那本不认 上哪补",
        "孩子从外地转学过来，学校说要查预防接种证，缺一针乙脑，要补打什么疫苗，去哪补？",
    ],
)
def test_a_routed_entry_check_leads_to_health(router: Router, text: str) -> None:
    assert router.suggest(text).department == "health"
