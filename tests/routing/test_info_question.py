"""A written request asking a plain question (marked ？) and demanding nothing is a consult;
a rhetorical question, a report's "is this a wrong", or an ask to act is not read as one."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.info_question import information_question
from hotline.ticketing.routing.text import normalise


def _plain(text: str) -> str:
    return information_question(text, normalise(text).replace(" ", ""))


@pytest.mark.parametrize(
    ("text", "question"),
    [
        # The question first, the story after it.
        ("居住证是不是只能在派出所办？我租的房子房东在外地。", "居住证是不是只能在派出所办"),
        # The question in the middle of the story.
        ("社保断了两个月。断缴会影响孩子上学吗？我现在没工作。", "断缴会影响孩子上学吗"),
        ("社区服务中心搬哪去了？原来的门锁着。", "社区服务中心搬哪去了"),
        ("合同到期了押金还没退回来。", ""),  # no question
    ],
)
def test_a_plain_question_anywhere_is_read(text: str, question: str) -> None:
    assert _plain(text) == question


@pytest.mark.parametrize(
    "text",
    [
        "物业收了三年停车费，凭什么现在又要涨？",  # a charge
        "报修五次了，这事到底谁管？",
        "楼顶有人在盖阳光房，这是违建吧？",  # a report's question
        "路灯坏了一个礼拜，能不能派人来修一下？",  # an ask to act
        "多收了两百块，这钱能退吗？我要求退还。",  # a demand in the request
    ],
)
def test_no_plain_question_where_it_charges_reports_or_asks_to_act(text: str) -> None:
    assert _plain(text) == ""


def test_spoken_text_without_question_marks_reads_none() -> None:
    assert _plain("我想问问那个居住证在哪办") == ""


@pytest.mark.parametrize(
    "text",
    [
        "营业执照一直没注销，后来被列进了经营异常。我人在外地，注销能网上办吗？",
        "退休金这个月少了三百，社保局说在核算。核算一般要多长时间？",
    ],
)
def test_the_router_types_a_plain_written_question_a_consult(router: Router, text: str) -> None:
    assert router.suggest(text).category == "consult"


@pytest.mark.parametrize(
    "text",
    [
        "居委会把我家的欠费名单贴在楼下了，连电话都写上了，我要求马上撤下来，给我道歉。",
        "村里公示的补贴名单把我家漏了，我要求村里纠正过来。",
    ],
)
def test_a_wrong_demanded_undone_is_a_complaint(router: Router, text: str) -> None:
    assert router.suggest(text).category == "complaint"


@pytest.mark.parametrize(
    ("text", "question"),
    [
        # A demand asked about (may I demand it? where do I settle it?) is no demand.
        ("我收到两张罚单，车刚过户。这两个我得去哪一块处理？", "这两个我得去哪一块处理"),
        ("种子出苗不到一半。种子质量有问题该找谁鉴定？能要求赔吗？", "种子质量有问题该找谁鉴定"),
    ],
)
def test_a_demand_asked_about_inside_the_question_is_no_demand(text: str, question: str) -> None:
    assert _plain(text) == question


@pytest.mark.parametrize(
    "text",
    [
        "农资店涨价，种子啥都没写。要求退钱，这种子谁敢种？",  # the demand before the comma
        "老人高烧不退，能否派人协助送医？附近的发热门诊晚上还开吗？",  # help asked as a question
    ],
)
def test_a_demand_told_or_a_call_for_help_asked_still_blocks(text: str) -> None:
    assert _plain(text) == ""
