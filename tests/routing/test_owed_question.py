"""A request asking whether a payment is owed, or to whom, with no demand beside the question,
is a consult; a demand outside the question, a reason demanded (凭啥) or who received the money
are not read."""

from __future__ import annotations

import re

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.owed_question import owed_question


def _compact(text: str) -> str:
    return re.sub(r"[^\w]", "", text)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("小区 物业 说 明年 起 电梯费 涨一倍 这钱 到底 该不该 交", "该不该交"),
        ("孩子冻病了花了八百，物业该不该赔医药费？", "该不该赔"),  # 赔 asked about
        ("村里 挨家 收 修桥钱 一户 三百 这钱 是该 交给谁的", "交给谁"),
        ("车位管理费 开发商收一遍 物业又收一遍 该谁收", "该谁收"),
        ("医保 交了 二十年了 还用 接着交不 社区 说 不交 就断了", "用接着交不"),
        ("我家住一楼不坐电梯，电梯费一楼也要交吗？", "要交吗"),
        ("租房 押金 一千 扣了 六百 说是 清洁费 这么算 对不对", "这么算对不对"),
        ("开户 那年 燃气 公司 收了 一千五 这是 啥钱", "是啥钱"),
        # a fee's name is no demand: 处理 in 污水处理费
        ("物业收了污水处理费，供水公司又收一遍，到底该交给谁？", "交给谁"),
    ],
)
def test_a_payment_asked_owed_or_to_whom_is_read(text: str, question: str) -> None:
    assert owed_question(_compact(text)) == question


@pytest.mark.parametrize(
    "text",
    [
        # a demand outside the question keeps the complaint or report
        "殡仪馆加收节日服务费八百，这个钱到底该不该收？要求民政局查一查，多收的退回来。",
        "卫生院 打流感疫苗 一个人 收二十 到底 该不该收 给查查",
        # a reason demanded: the labels' complaint
        "物业凭什么在水费里每吨加两毛？",
        # who received the money, who goes first: no payment asked about
        "村里卖了两块集体地，钱多少、给谁了，谁也不知道。",
        "停水以后送水车别谁嗓门大先给谁",
        "社区收了停车费，钱交给谁了也不公示",
        # 得交不少: "not a little", no question
        "孩子上个补习班 一学期 得交不少钱",
    ],
)
def test_a_demand_a_reason_demanded_or_no_payment_asked_is_not_read(text: str) -> None:
    assert owed_question(_compact(text)) == ""


def test_the_router_types_a_charge_told_then_asked_owed_a_consult(router: Router) -> None:
    text = "厂里 组织 安全培训 每人 收了 三百 说是 上边 让收的 这钱 到底 该不该 我们 出"
    assert router.suggest(text).category == "consult"


def test_the_router_keeps_a_charge_with_a_refund_demanded_a_complaint(router: Router) -> None:
    text = "幼儿园多收了两个月伙食费，这钱该不该交？要求退回来。"
    assert router.suggest(text).category == "complaint"
