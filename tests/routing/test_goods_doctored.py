"""Goods doctored by their seller (a date changed, water added, a counterfeit) are reported
whoever bought them (goods_doctored.py); a product merely found expired, or a fake seed the
caller bought, is not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.goods_doctored import goods_doctored
from hotline.ticketing.routing.harm import caller_harmed
from hotline.ticketing.routing.public_wrong import public_wrong


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("超市卖的面包是过期的日期让人给改了", "日期让人给改"),
        ("药店把过期的抗原试剂改了日期卖", "改了日期"),
        ("熟食摊把过期的肘子撕了标签重新贴日期", "撕了标签"),
        ("早市上卖的牛肉是注水的一按一股水", "注水"),
        ("网上买的电暖器怀疑是假冒伪劣插上就冒烟", "假冒伪劣"),
        ("镇上有家兽药店卖的驱虫药是假的给羊灌了一点用没有", "卖的驱虫药是假"),
        ("大集上有人卖假化肥一袋比正规的便宜一半", "卖假"),
    ],
)
def test_doctored_goods_are_read(text: str, words: str) -> None:
    assert goods_doctored(text) == words
    assert public_wrong(text) == words


@pytest.mark.parametrize(
    "text",
    [
        "超市买的酸奶过期了三天还在架子上卖",  # found expired, no date changed
        "买的苞米种子是假的出来一半就不长了",  # a fake seed bought: split, not read
        "在商场买的隔离霜是假货擦完过敏了要求退一赔三",  # the caller's own purchase, a remedy
        "这个短信是真的假的",  # a question whether a message is genuine
        "这个奶粉的生产日期在哪看",  # a date asked about
        "下大雨地下室灌水了",  # water, but no goods
    ],
)
def test_goods_not_doctored_are_not_read(text: str) -> None:
    assert goods_doctored(text) == ""


def test_the_callers_child_harmed_does_not_make_it_their_grievance() -> None:
    assert caller_harmed("母婴店卖的奶粉是过期的日期让人给改了我家孩子喝完吐了") == ""


def test_routed_end_to_end_as_a_report(router: Router) -> None:
    # The caller's child harmed (我家孩子): without the reading harm.py moved it to a complaint.
    said = "海星街道有家母婴店 卖的奶粉 是过期的 日期让人给改了 我家孩子喝完吐了"
    assert router.suggest(said).category == "report"
