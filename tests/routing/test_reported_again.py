"""A service asked more than once and the thing still not done (reported_again.py): the
complaint, not help — unless someone's life hangs on it or mediation is sought."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing.reported_again import help_to_complaint, reported_again
from hotline.ticketing.routing.suggest import Router

from tests.fixtures.routing import rule_category


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("我们这片一到晚上电压就低灯跟蜡烛似的报过好几回了来人看看就走", "报过好几回"),
        ("有线电视一直雪花没信号打了三次报修电话没人来", "打了三次"),
        ("小区门口路灯坏了一个月了跟社区反映过多少次了", "反映过多少次"),
        ("楼道灯不亮找了好几趟物业", "找了好几趟"),
        # The body asked named between the asking and the count.
        ("我爸一个人在家屋里才十二度打了热力公司三次电话说派人到今天没来", "打了热力公司三次"),
        ("机井坏了快半个月了桃树叶子都蔫了找了村主任三回一直推", "找了村主任三回"),
        ("申请低保四个月了给民政打了五个电话都说在审核", "打了五个电话"),
        ("杨树枝杈快伸进窗户了打过不下五次电话每次都说列入计划", "打过不下五次"),
    ],
)
def test_a_service_asked_again_is_read(text: str, words: str) -> None:
    assert reported_again(text) == words


@pytest.mark.parametrize(
    "text",
    [
        # Asked once, or not at all.
        "暖气不热打了95598说在排查",
        "停电了说俩小时来电这都六个钟头了",
        # A pesticide sprayed twice: the crop's plight.
        "梨树起了梨木虱药打了两遍不好使能派个技术员来看看不",
        "西红柿得了病毒病打了好几遍药都不管用",
        # A shot between, or someone alone rung over there: not a service asked again.
        "孩子让狗咬了打了狂犬疫苗两次卫生院说第三针没货了",
        "我爸一个人住八十三了电话打过去好几次没人接能不能去家里看看",
        # A neighbour asked before, mediation now sought: help.
        "楼上鸽子粪往我家窗台掉跟他说了好几回不听请社区来调解一下",
    ],
)
def test_nothing_is_read(text: str) -> None:
    assert reported_again(text) == ""


def test_helps_share_goes_to_the_complaint() -> None:
    moved = help_to_complaint({"help": 0.6, "complaint": 0.2, "report": 0.2})
    assert moved == pytest.approx({"complaint": 0.8, "report": 0.2})


# A classifier leaning to help, as it does on a cut or a fault told.
LEANS_HELP = {"help": 0.7, "complaint": 0.2, "consult": 0.1}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("红旗这边一到晚上电压就低 电饭锅都煮不熟饭 报过好几回了 来人看看就走", "complaint"),
        # The same fault asked once stays help.
        ("红旗这边一到晚上电压就低 电饭锅都煮不熟饭 来人给看看", "help"),
        # Someone living on an oxygen machine: a plight, help whatever was reported before.
        ("我爸用制氧机 停电了 打了好几次电话都说在排查", "help"),
        # The body named between: the service judged.
        ("我爸八十六 屋里才十二度 打了热力公司三次电话 说派人 到今天没来", "complaint"),
        # The same cold told with no call made stays help.
        ("我爸八十六 屋里才十二度 你们给看看", "help"),
    ],
)
def test_the_type_read(rules_only_router: Router, text: str, expected: str) -> None:
    assert rule_category(rules_only_router, text, LEANS_HELP) == expected


def test_routed_end_to_end_as_a_complaint(router: Router) -> None:
    said = "红旗这边一到晚上七八点电压就低 灯跟蜡烛似的 电饭锅都煮不熟饭 报过好几回了 来人看看就走"
    assert router.suggest(said).category == "complaint"


def test_a_named_body_asked_again_routed_end_to_end_as_a_complaint(router: Router) -> None:
    said = "望海街道 我爸八十六 一个人在家 屋里才十二度 打了热力公司三次电话 说派人 到今天没来"
    assert router.suggest(said).category == "complaint"
