"""A return promised on money or a house handed over (以房养老, a 理财 company's 年息, 每月返钱)
is an illegal fundraising scheme: the police's, and a report whoever lost by it."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import classifier_setting, duty_objects
from hotline.ticketing.routing.impostor import POLICE_UNIT, impostor
from hotline.ticketing.routing.promised_return import promised_return, scheme_readings


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("那个以房养老的让我妈把房子抵押了 说每月给她返钱 现在不给了", "以房养老"),
        ("有个理财公司专门找老人 说年息百分之十二 我们楼好几个都投了", "理财"),
        ("一家投资公司让老人把存款交给他们 说每个月给返利息", "每个月给返利息"),
        ("说是保本的 月息两分 我爸投了五万", "月息"),
    ],
)
def test_a_promised_return_is_read(text: str, words: str) -> None:
    assert promised_return(text) == words


@pytest.mark.parametrize(
    "text",
    [
        "我们村年底分红说好的每人八百到现在一分没发",  # a village's dividend
        "村里修路每户集资五百不交就不给开证明",  # a village's levy
        "物业把停车费这些公共收益从来不公开",  # an estate's common income
        "小区里有人放高利贷 借一万一个月利息两千",  # a loan shark: 利息 alone
        "健身房办的年卡三千八 练了俩月老板跑了 电话也打不通",  # a prepaid card, gone
        "超市搞老年会员卡 充一千送二百 现在关门了",  # a shop's card, no return promised
    ],
)
def test_no_promised_return_is_read_from_a_dividend_a_levy_a_loan_or_a_card(text: str) -> None:
    assert promised_return(text) == ""


def test_the_scheme_is_a_fraud_told() -> None:
    assert impostor("那个以房养老让我把房子抵押了 三个月就不给了") == ("以房养老", None)


@pytest.mark.parametrize(
    "text",
    [
        "有个以房养老的公司让我姑把房子押上 说每个月给她返钱 现在公司找不着人了",
        "理财公司先领老人吃饭发米发油 说年息百分之十五 好几个老人把养老钱投进去了 现在门市关了",
    ],
)
def test_a_promised_return_goes_to_the_police_as_a_report(router: Router, text: str) -> None:
    suggestion = router.suggest(text)
    assert (suggestion.department, suggestion.category) == (POLICE_UNIT, "report")


def test_a_prepaid_card_gone_stays_with_the_market_regulator(router: Router) -> None:
    text = "健身房办的年卡三千八 练了俩月 上个月门一锁 老板电话打不通 我就要把剩的钱退回来"
    suggestion = router.suggest(text)
    assert (suggestion.department, suggestion.category) == ("market_supervision", "complaint")


def test_the_scheme_is_the_polices_over_the_pension_and_the_house() -> None:
    readings = scheme_readings("打着以房养老旗号的中介让老人把房子抵押了 说每月返钱")
    assert readings == [
        (POLICE_UNIT, "以房养老", ("human_resources", "housing", "market_supervision"))
    ]
    assert scheme_readings("社区发的老年人理发券过期了还能用吗") == []


def test_a_classifier_reading_the_pension_is_moved_to_the_police() -> None:
    text = "有家公司搞以房养老 让我二舅把房子押上 说每个月给他返钱 现在人没了"
    proba = {"human_resources": 0.6, "housing": 0.25, POLICE_UNIT: 0.15}
    moved = classifier_setting(proba, duty_objects(text))
    assert max(moved, key=moved.__getitem__) == POLICE_UNIT
    # a pension asked about with no scheme keeps the classifier's vote
    plain = "我二舅的养老金这个月少了二百 想问问咋回事"
    assert classifier_setting(proba, duty_objects(plain)) == proba
