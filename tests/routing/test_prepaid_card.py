"""A shop's or a club's prepaid card whose money is refused or lost (prepaid_card.py): the
market regulator's, over the trade's overseers; a utility's card, a training school's fees
with no card, wages owed and an internet café's card are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.prepaid_card import (
    SCENE_UNITS,
    paid_ahead_lost,
    prepaid_card_lost,
    prepaid_card_readings,
)


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    "text",
    [
        "给闺女在早教中心办了八千的年卡，现在说要搬到市里去，剩下的课时费不给退。",
        "儿童游泳馆 办的卡 还剩二十多节 门上贴个条说装修 老板电话关机了",
        "小区门口那个美甲店 我充了两千 还没用完 店就关门了",
        "瑜伽馆换老板了，新老板说原来的会员卡不认，让我们找原来的老板。",
    ],
)
def test_a_prepaid_cards_money_is_the_market_regulators(text: str) -> None:
    words = prepaid_card_lost(_compact(text))
    assert words
    assert prepaid_card_readings(_compact(text)) == [("market_supervision", words, SCENE_UNITS)]
    assert any(
        o.unit == "market_supervision" and not o.setting_counts
        for o in duty_objects(_compact(text))
    )


@pytest.mark.parametrize(
    "text",
    [
        # A utility's card: the gas company's.
        "燃气卡充了三百，插到表上不显示，还是打不着火",
        # A training school's fees with no card: education's.
        "孩子的英语培训班交了一年八千，上了三个月老板就关门跑了",
        # Wages owed by the vanished owner: human resources'.
        "饭店老板关门跑了，欠我们两个月工资，顾客充的储值卡也没处退",
        # An internet café's top-up card: culture and tourism's.
        "网吧充值卡里还有三百，网吧换老板了说不认，能退吗",
        # A card with nothing lost.
        "健身房的年卡怎么办，多少钱一年",
    ],
)
def test_no_reading_where_the_labels_go_elsewhere(text: str) -> None:
    assert prepaid_card_lost(_compact(text)) == ""
    assert prepaid_card_readings(_compact(text)) == []


def test_a_routed_request_leads_to_the_market_regulator(
    rules_only_router: Router, router: Router
) -> None:
    text = "我家孩子三岁半，在早教中心办了一万的年卡，现在中心要搬走，剩下的课时费不给退。"
    assert rules_only_router.suggest(text).department == "market_supervision"
    assert router.suggest(text).department == "market_supervision"


@pytest.mark.parametrize(
    "text",
    [
        "做烤瓷牙交了六千 说好两个月做完 现在牙科诊所要关门了 钱也不给退",
        "婚宴在那家酒店交了五千定金，上礼拜说酒店不干了，定金不退",
        "在建材城订的橱柜付了全款，三个月没送货，现在说公司倒闭了",
    ],
)
def test_money_paid_ahead_to_a_business_gone_is_the_market_regulators(text: str) -> None:
    words = paid_ahead_lost(_compact(text))
    assert words
    assert prepaid_card_lost(_compact(text)) == ""
    assert prepaid_card_readings(_compact(text)) == [("market_supervision", words, SCENE_UNITS)]


@pytest.mark.parametrize(
    "text",
    [
        # A training class's fees: education's.
        "给孩子报的舞蹈班交了五千，上了一个月就关门了",
        # A job's deposit: human resources'.
        "入职交了五百块押金，说怕我干两天跑了，现在辞职也不退",
        # A lift's builders gone: housing's.
        "加装电梯交了四万，施工队干了一半不干了",
        # Paid, but the business still open.
        "在诊所交了三千镶牙，做得不好，要求退钱",
    ],
)
def test_no_paid_ahead_reading_where_the_labels_go_elsewhere(text: str) -> None:
    assert paid_ahead_lost(_compact(text)) == ""


def test_a_dentists_money_paid_ahead_is_routed_to_the_market_regulator(router: Router) -> None:
    text = "种牙交了一万二 说好半年弄完 现在口腔诊所要关门了 钱也不退"
    assert router.suggest(text).department == "market_supervision"
