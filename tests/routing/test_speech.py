"""Spoken and 东北 dialect Chinese is rewritten before routing (ticketing/routing/speech.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.speech import normalise_speech

CATALOG_FILE = Path(__file__).resolve().parents[2] / "config/bayuquan-catalog.yaml"


@pytest.mark.parametrize(
    ("said", "plain"),
    [
        ("这可咋整", "这可怎么办"),
        ("需要带啥", "需要带什么"),
        ("嘎哈呢这是", "干什么呢这是"),
        ("后厨埋汰得要命", "后厨脏得要命"),
        ("电表走得贼快", "电表走得很快"),
        ("干了仨月", "干了三个月"),
        ("我们那疙瘩", "我们那里"),
        ("给整整呗", "给修修呗"),
        ("俺们村俺家", "我们村我家"),
        ("物业跟供电公司踢皮球", "物业跟供电公司推诿"),
        ("窗口的人甩脸子", "窗口的人态度差"),
        ("收了老些钱", "收了很多钱"),
        ("俺们那旮", "我们那里"),
        ("晚上嘎嘎吵", "晚上很吵"),
    ],
)
def test_dialect_words_become_plain_chinese(said: str, plain: str) -> None:
    assert normalise_speech(said) == plain


def test_a_thief_stays_a_thief() -> None:
    assert normalise_speech("小区里有贼") == "小区里有贼"


def test_fillers_and_openers_are_dropped() -> None:
    assert normalise_speech("喂喂，嗯，那个啥，就是那个低保") == "，，，低保"
    assert normalise_speech("哎呀妈呀我跟你说，停水了") == "，停水了"


def test_a_phrase_said_twice_counts_once() -> None:
    assert normalise_speech("井盖没了，井盖没了，晚上黑") == "井盖没了，晚上黑"
    assert normalise_speech("好几回了好几回了") == "好几回了"
    # Doubled single characters are words, not repetitions.
    assert normalise_speech("哗哗的，修修") == "哗哗的，修修"


def test_a_clause_final_question_not_is_written_as_ma() -> None:
    assert normalise_speech("医保能报不") == "医保能报吗"
    assert normalise_speech("门票多少钱，老年人免票不？") == "门票多少钱，老年人免票吗？"
    # 不 inside a clause, or before a recogniser's space, is a negation.
    assert normalise_speech("物业也不管") == "物业也不管"
    assert normalise_speech("账目 从来不 公开") == "账目 从来不 公开"


def test_digit_by_digit_numbers_become_digits_but_counts_stay_words() -> None:
    assert normalise_speech("二单元五零二") == "二单元502"
    assert normalise_speech("说好二零二五年交房") == "说好2025年交房"
    assert normalise_speech("屋里十四五度，电费七八十") == "屋里十四五度，电费七八十"


def test_dialect_request_routes_like_its_plain_form(router: Router) -> None:
    spoken = router.suggest("哎呀妈呀，我家那暖器贼拉不热，暖器贼拉不热，你们给整整呗，这咋整啊")
    assert spoken.department == "heating"
    assert spoken.category == "help"
    asked = router.suggest("身份证丢了咋补")
    assert (asked.department, asked.category) == ("public_security", "consult")


def test_the_callback_number_is_read_from_the_callers_words(router: Router) -> None:
    s = router.suggest("我电话幺三八幺二三四五六七八，楼道里那个井盖没了")
    assert s.callback_number == "13812345678"


def test_request_types_in_the_catalogue_have_definitions_and_examples() -> None:
    data = yaml.safe_load(CATALOG_FILE.read_text(encoding="utf-8"))
    ids = [c["id"] for c in data["categories"]]
    assert ids == ["consult", "help", "complaint", "report", "suggestion"]
    for category in data["categories"]:
        assert category["description"]
        assert len(category["examples"]) >= 3
