"""A recogniser's sound-alike slip of a word the rules know is read as that word
(ticketing/routing/respell.py); words said as words stay as said."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router, RoutingRules
from hotline.ticketing.routing.matching import rule_words
from hotline.ticketing.routing.respell import Respeller


@pytest.fixture(scope="module")
def respeller(routing_rules: RoutingRules, router: Router) -> Respeller:
    return Respeller(rule_words(routing_rules), router.phonetic)


@pytest.mark.parametrize(
    ("heard", "meant"),
    [
        # One word no dictionary knows, glued by the segmenter: a slip.
        ("买的二手房 垫彪还是原房主的名", "买的二手房 电表还是原房主的名"),
        ("找了物野三回", "找了物业三回"),
        # A longer duty word with most of its characters as written.
        ("共想单车 堆了一大堆", "共享单车 堆了一大堆"),
        ("那个育儿不贴在哪申请", "那个育儿补贴在哪申请"),
        ("没有营业知照", "没有营业执照"),
        ("旺骇街道那个网格员", "望海街道那个网格员"),
        # A slip glued to the word after it (鸡孔|肯雅热) is respelt whole, not as 疾控.
        ("可能是那个鸡孔肯雅热", "可能是那个基孔肯雅热"),
        # A recogniser's space inside the slip.
        ("门口共想 单车乱停", "门口共享单车乱停"),
    ],
)
def test_a_sound_alike_slip_is_respelt(respeller: Respeller, heard: str, meant: str) -> None:
    assert respeller.respell(heard) == meant


@pytest.mark.parametrize(
    "said",
    [
        "这个谁管啊",  # 谁|管: two words, not 水管
        "签了合同又不给钱",  # 签了 (signed), not 欠了
        "俺们楼顶漏雨 漏到屋里了",  # 漏到, not 楼道
        "找住建局也没用",  # 住建局 holds no 检举
        "医院挂号 老是排大队",  # 老是, not 老师
        "孩子明年上小学 户口不在这",  # 户口不在, not 户口簿
        "网还 望海那边",  # 还 is a particle, not 海
        "划到老远那个学校去了",  # 那个, not 哪个
    ],
)
def test_words_said_as_words_stay(respeller: Respeller, said: str) -> None:
    assert respeller.respell(said) == said


def test_a_respelt_duty_word_counts_as_written(rules_only_router: Router) -> None:
    heard = rules_only_router.suggest("小区门口共想单车乱停 堆了一大片 出不去门")
    written = rules_only_router.suggest("小区门口共享单车乱停 堆了一大片 出不去门")
    assert heard.department == written.department == "urban_management"
    assert "共享单车" in heard.phrases
    assert "(音近)" not in heard.explanation
    assert heard.confidence == written.confidence
