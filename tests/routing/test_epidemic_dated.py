"""A time named by the epidemic's routines (daily tests, sealed buildings, health codes, masks)
dates another matter: one weak cue, not the flag; a measure said beside it still raises it."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.epidemic_dated import routine_dated


@pytest.mark.parametrize(
    ("text", "dated"),
    [
        ("核酸天天做那年装修的房子暖气到现在不热", "核酸天天做那年"),
        ("封楼那会儿就开始拖我的承包费", "封楼那会"),
        ("低保从健康码不用了那会儿就停了", "健康码不用了那会"),
        ("口罩那几年办的健身卡", "口罩那几年"),
        ("行程码还查的那时候买的车位", "行程码还查的那时"),
    ],
)
def test_a_routine_named_as_a_time_is_read(text: str, dated: str) -> None:
    assert routine_dated(text) == dated


@pytest.mark.parametrize(
    "text",
    [
        "小区门口又开始做核酸了 排了一里地",  # the routine now, no time word
        "隔离那阵酒店收的房费",  # a quarantine's own bill: not read
        "那年买的房子到现在没有房本",  # a time word with no routine
    ],
)
def test_a_routine_without_a_time_word_or_a_quarantine_is_not_read(text: str) -> None:
    assert routine_dated(text) == ""


@pytest.mark.parametrize(
    "text",
    [
        "核酸天天做 那年 装修 燃气 开户费 收了 两千八 这是 啥钱",
        "我家 那地 转包 给人家了 封楼 那会儿 就开始 不给 承包费",
        "我家 老爷子 高龄补贴 从 健康码 不用了 那会儿 就没到账",
        "老板 从 口罩 那几年 就欠我 工资 一万二",
        # the seed corpus's line, labelled not 涉疫
        "芦屯镇封村那阵子我家白菜烂地里了，村里说帮联系收购，结果就没影了。",
    ],
)
def test_a_matter_the_routines_only_date_raises_no_flag(router: Router, text: str) -> None:
    assert not router.suggest(text).epidemic


def test_a_measure_said_beside_the_dated_routine_still_raises_the_flag(router: Router) -> None:
    # the dated routine is one weak cue; 居家隔离 and 发烧 say the matter is the epidemic's
    text = "封楼那会儿 我们楼 好几个人 发烧 居家隔离 社区 也不给送药"
    assert router.suggest(text).epidemic
