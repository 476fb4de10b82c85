"""A fraud told is never a complaint (fraud_type.py and RuleReader.category): help when the
caller asks the money back or what to do, else a report; the other types keep their share."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing.fraud_type import complaint_moved, false_claim, fraud_type
from hotline.ticketing.routing.suggest import Router

from tests.fixtures.routing import rule_category


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("接到电话说我医保卡被冻结要转账解冻我转了六千能帮我把钱追回来吗", "help"),
        ("我妈接个电话说是医保局的让她转钱转了八千这咋整啊", "help"),
        ("刚才有个自称客服的打电话让我共享屏幕前后转了3800怎么办", "help"),
        # the bank's answer, not an ask; others' money lost; nothing sent yet
        ("我妈接了个电话说是公检法的让她转钱转了三万银行说钱追不回来了", "report"),
        ("有人挨家打电话说养老金要认证好几个退休的都转了钱", "report"),
        ("有人打电话说他是医保局的让我把钱转过去解冻我没转这得管管", "report"),
    ],
)
def test_fraud_type(text: str, expected: str) -> None:
    assert fraud_type(text) == expected


def test_complaint_moved_moves_the_complaints_whole_share() -> None:
    moved = complaint_moved({"report": 0.2, "complaint": 0.7, "help": 0.1}, "report")
    assert moved == pytest.approx({"report": 0.9, "help": 0.1})
    assert complaint_moved({"help": 1.0}, "report") == {"help": 1.0}


def _category(router: Router, text: str, p_clf: dict[str, float], fraud: str) -> str:
    return rule_category(router, text, p_clf, asked=text, fraud=fraud)


# A classifier leaning to complaint, as it does on the family's own money lost.
LEANS_COMPLAINT = {"complaint": 0.6, "report": 0.3, "help": 0.1}


def test_a_fraud_told_is_reported_not_complained_of(rules_only_router: Router) -> None:
    text = "我妈接了个电话 说是公检法的 让她转钱 转了三万"
    assert _category(rules_only_router, text, LEANS_COMPLAINT, "") == "complaint"
    assert _category(rules_only_router, text, LEANS_COMPLAINT, "说是公检法") == "report"


def test_a_fraud_asking_the_money_back_is_help(rules_only_router: Router) -> None:
    # 追回 is a complaint's cue; with a fraud told it asks help
    text = "接到电话说我医保卡被冻结 要转账解冻 我转了六千 能帮我把钱追回来吗"
    leans_help = {"help": 0.4, "complaint": 0.4, "report": 0.2}
    assert _category(rules_only_router, text, leans_help, "") == "complaint"
    assert _category(rules_only_router, text, leans_help, "接到电话") == "help"


def test_a_fraud_asked_about_stays_a_consult(rules_only_router: Router) -> None:
    text = "接到个电话说是公安局的 让我转到安全账户 我没转 这个是真的假的"
    leans_consult = {"consult": 0.6, "complaint": 0.3, "report": 0.1}
    assert _category(rules_only_router, text, leans_consult, "说是公安局") == "consult"


def test_a_fraud_is_routed_as_a_report_end_to_end(router: Router) -> None:
    text = "我妈 接了个电话 说是 社保局的 说她养老金 要停发 让她 转钱 转了 两万"
    assert router.suggest(text).category == "report"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("早市上有人挨个收摊位费说是城管让收的一问城管根本没这事", "根本没这事"),
        ("群里有人发通知说明天停课我问了学校根本没有这回事", "根本没有这回事"),
        ("学校说没这事让找社区", ""),  # a runaround, not a denial of a claim
    ],
)
def test_false_claim(text: str, words: str) -> None:
    assert false_claim(text) == words


def test_a_fee_the_body_denies_is_reported(rules_only_router: Router) -> None:
    text = "早市上有人挨个收摊位费 一个摊一天十块 说是城管让收的 一问城管根本没这事"
    assert _category(rules_only_router, text, LEANS_COMPLAINT, "") == "report"
    said = text.replace(" 一问城管根本没这事", "")
    assert _category(rules_only_router, said, LEANS_COMPLAINT, "") == "complaint"


@pytest.mark.parametrize(
    "text",
    [
        "有人打电话 说他是 医保局的 说我 医保卡 冻结了 让我 把钱 转过去 解冻 我没转 这得 管管",
        "早市上有人挨个收摊位费 一个摊一天十块 说是城管让收的 一问城管根本没这事",
    ],
)
def test_a_fraud_with_no_type_cue_is_reported_without_the_classifier(
    rules_only_router: Router, text: str
) -> None:
    # The default complaint's whole share moves (the rules-only router once raised here).
    assert rules_only_router.suggest(text).category == "report"
