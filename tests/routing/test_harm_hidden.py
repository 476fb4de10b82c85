"""An illness or an injury hidden by whoever is in charge (harm_hidden.py) is reported —
a worker of the dormitory or a parent telling it — unless someone is asked to come and
look at the sick (help), and only with an illness, an injury or a fire told."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing.harm_hidden import harm_hidden
from hotline.ticketing.routing.public_wrong import public_wrong
from hotline.ticketing.routing.suggest import Router


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("我们宿舍一屋住十个人倒了四个发烧咳嗽的老板不让去医院", "不让去医院"),
        ("车间里好几个女工出了疹子厂里瞒着不让往外说", "瞒着"),
        ("托管班这礼拜七八个孩子发烧老师让家长别往外说照常收孩子", "别往外说"),
        ("幼儿园一个班十几个孩子发烧园里不吱声还照常上课", "不吱声"),
        ("养老院好几个老人咳嗽发烧院长不让往上报", "不让往上报"),
        ("车间上礼拜着了一回火老板不让往外说", "不让往外说"),
    ],
)
def test_a_harm_hidden_is_read(text: str, words: str) -> None:
    assert harm_hidden(text) == words
    assert public_wrong(text) == words


@pytest.mark.parametrize(
    "text",
    [
        # Someone asked to come and look at the sick: help.
        "我们宿舍六个人四个发烧了工头不让往外说能不能派人来给看看",
        "养老院七八个老人发烧院长不让往外说请卫生部门赶紧来人看看",
        # Nothing harmful hidden: an application not passed on, a village keeping quiet.
        "我申请低保材料都交齐了社区三个月也不往上报",
        "有人在苞米地里盖房子村里都不吱声",
        # Parents not told: counted apart, not read (complaints 21 of 25).
        "孩子班里好几个出水痘学校也不通知家长",
    ],
)
def test_no_harm_hidden_is_read(text: str) -> None:
    assert harm_hidden(text) == ""


@pytest.mark.parametrize(
    "said",
    [
        "我是在冷库上班的 我们宿舍一屋住十个人 这两天倒了四个发烧咳嗽的 老板不让去医院"
        " 让吃点药接着干",
        "我们那个托管班这礼拜七八个孩子发烧 老师让家长别往外说 照常收孩子",
    ],
)
def test_routed_end_to_end_as_a_report(router: Router, said: str) -> None:
    assert router.suggest(said).category == "report"


def test_a_doctor_asked_for_stays_help(router: Router) -> None:
    said = "我们宿舍六个人四个发烧了 工头不让往外说 能不能派人来给看看"
    assert router.suggest(said).category == "help"
