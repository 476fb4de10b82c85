"""A trade carried on without its permit or inspection (permit_missing.py) is reported,
whoever tells it — not where the caller asks their own money back, and the consult asking
how to check a permit keeps its type."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing.harm import caller_harmed
from hotline.ticketing.routing.permit_missing import permit_missing
from hotline.ticketing.routing.public_wrong import public_wrong
from hotline.ticketing.routing.suggest import Router


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("早市上有个三轮车卖猪肉的肉上一个检疫章都没有", "检疫章都没有"),
        ("菜市场外边来了几个摊子卖蛤蜊也没有检疫票", "没有检疫"),
        ("小区里开了个少儿舞蹈班门口没挂办学许可", "没挂办学许可"),
        ("举报某楼盘未取得预售许可证就收认筹金", "未取得预售许可"),
        ("我们村有人收了一车猪没有检疫证明直接拉去屠宰了", "没有检疫"),
        ("村西头有个屠宰点也不检疫半夜杀猪早上拉市场", "不检疫"),
    ],
)
def test_a_permit_or_an_inspection_missing_is_read(text: str, words: str) -> None:
    assert permit_missing(text) == words
    assert public_wrong(text) == words


@pytest.mark.parametrize(
    "text",
    [
        # The caller's own fee asked back: their loss, a complaint.
        "给孩子报了个美术班交了三千后来才知道没有办学许可老师也跑了要求退钱",
        # A permit held, or no permit at all told.
        "楼下饭店的卫生许可证挂在墙上但后厨苍蝇乱飞",
        "许可证没问题就是油烟太大",
        "早市上卖猪肉的天天占着道吆喝",
        # Whether an inspection is needed, the caller's own question.
        "腊月杀年猪自个家养的要不要找人来检疫不检疫肉能拿集上卖不",
    ],
)
def test_no_permit_missing_is_read(text: str) -> None:
    assert permit_missing(text) == ""


def test_the_callers_family_named_does_not_make_it_their_grievance() -> None:
    # The caller's household bought the uninspected meat: the public's wrong all the same.
    assert caller_harmed("大集上卖羊肉的上边检疫章都没有我家买了一块都不敢吃") == ""


@pytest.mark.parametrize(
    "said",
    [
        "大集上卖羊肉的 一扇一扇挂着 上边检疫章都没有 我家买了一块都不敢吃",
        "我家楼下新开了个游泳馆 墙上没挂卫生许可证 孩子游完眼睛通红",
    ],
)
def test_routed_end_to_end_as_a_report(router: Router, said: str) -> None:
    assert router.suggest(said).category == "report"


def test_the_fee_asked_back_stays_a_complaint(router: Router) -> None:
    said = "给孩子报了个美术班交了三千 后来才知道没有办学许可 老师也跑了 要求退钱"
    assert router.suggest(said).category == "complaint"


def test_asking_how_to_check_a_permit_stays_a_consult(router: Router) -> None:
    assert router.suggest("想问问怎么查一个托管班有没有办学许可").category == "consult"
