"""A farmer's animals or crops dying and what to do now asked is help (farm_loss_ask.py),
over a guess put as a question; the harm alone, or 咋办 alone, is not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.farm_loss_ask import farm_loss_ask

from tests.fixtures.routing import rule_category

# A classifier torn between the call for help and the guess asked.
TORN = {"help": 0.35, "consult": 0.3, "complaint": 0.25, "report": 0.1}


@pytest.mark.parametrize(
    "text",
    [
        "我家猪圈半夜死了两头猪身上发紫是不是猪瘟剩下的咋办",
        "大雪把大棚压塌了棚里的黄瓜全冻死了这损失咋整",
        "半夜停电增氧机全停了池子里的参苗都快憋死了怎么办",
    ],
)
def test_animals_or_crops_lost_and_what_now_asked_is_read(text: str) -> None:
    assert farm_loss_ask(text)


@pytest.mark.parametrize(
    "text",
    [
        "邻居把病死的猪扔到河沟里了臭得不行",  # the harm alone: a report
        "护照过期了咋办",  # what now, no farm harm
        "孩子上学户口得迁过来房本还没下来咋整",
    ],
)
def test_the_harm_alone_or_what_now_alone_is_not_read(text: str) -> None:
    assert farm_loss_ask(text) == ""


def test_the_rules_type_the_loss_help_over_a_guess_asked(router: Router) -> None:
    text = "我家猪圈半夜死了两头猪 身上发紫 兽医站晚上没人接电话 是不是猪瘟 剩下的咋办"
    asked = "我家猪圈半夜死了两头猪，身上发紫，兽医站晚上没人接电话，是不是猪瘟？剩下的咋办"
    assert rule_category(router, text, TORN, asked) == "help"


def test_the_router_types_the_loss_help(router: Router) -> None:
    text = "我家猪圈半夜死了两头猪，身上发紫，兽医站晚上没人接电话，是不是猪瘟？剩下的咋办"
    assert router.suggest(text).category == "help"
