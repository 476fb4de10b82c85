"""Round 35 (papers35): a paper asked for itself or used elsewhere (duty_paper.py) — a 居住证
made or renewed is the police's whatever school or employer wants it; an identity card
kept by an employer is the labour bureau's; the hospital's registration app or a specialist's
number is health's whatever 身份证 is bound in it; 出身证明 is a birth certificate misheard."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_paper import paper_readings


def _read(text: str) -> dict[str, tuple[str, ...]]:
    return {u: s for u, _, s in paper_readings(text.replace(" ", ""))}


@pytest.mark.parametrize(
    ("text", "unit", "setting"),
    [
        ("孩子上小学 学校让带居住证 这个居住证去哪办", "public_security", "education"),
        ("想续居住证，要带什么材料，几天能下来", "public_security", "education"),
        ("进厂要居住证 办居住证得交几个月社保", "public_security", "human_resources"),
        ("饭店老板把我身份证扣着不给，说干满三个月才还", "human_resources", "public_security"),
        ("刚进厂人事就把身份证收走了 这合法吗", "human_resources", "public_security"),
        ("医院挂号软件上说我的身份证被人绑定了，注册不了", "health", "public_security"),
        ("专家号挂不上 天天显示约满", "health", "public_security"),
        ("出身证明弄丢了 上哪补", "health", "public_security"),
    ],
)
def test_the_ask_is_read_over_the_papers_words(text: str, unit: str, setting: str) -> None:
    readings = _read(text)
    assert unit in readings
    assert setting in readings[unit]


@pytest.mark.parametrize(
    "text",
    [
        # a community's 居住证明: the town's or subdistrict's; the school's own enrolment
        "社区开居住证明要房东到场，房东在外地咋办",
        "学校说居住证得满半年才能报名，差一个月行不行",
        # a landlord or a hotel holding a card; a lost card is the police's (read as such)
        "房东把我身份证扣了不退押金",
        "酒店前台把身份证押着不给",
        # touts selling numbers, a phone stolen in the queue: the police's
        "医院门口有号贩子倒卖专家号",
        "在医院排队挂号手机让人给偷了",
        # a registered letter is no hospital's number
        "挂号信寄丢了，网上查不到",
    ],
)
def test_near_misses_are_not_read(text: str) -> None:
    readings = _read(text)
    assert not {"human_resources", "health"} & set(readings)
    assert not (
        "public_security" in readings
        and readings["public_security"] == ("education", "human_resources")
    )


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("闺女转学过来 学校要看居住证 这居住证咋办 多久能下来", "public_security"),
        ("在厂里上班的外地人，想办个居住证，社保得交满多久，去哪办", "public_security"),
        ("工地老板扣着身份证不还 我想走都走不了", "human_resources"),
        ("给我妈在手机上挂号，说她身份证已经绑定到别的号上了，咋解开", "health"),
        ("孩子的出身证明找不着了 能补办不", "health"),
    ],
)
def test_the_router_follows_the_ask_over_the_paper(router: Router, text: str, unit: str) -> None:
    assert router.suggest(text).department == unit
