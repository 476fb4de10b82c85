"""Callback numbers dictated in speech → ASCII digits, validated."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import extract_callback_number
from hotline.ticketing.routing.numbers import to_digits, validate


@pytest.mark.parametrize(
    ("text", "digits", "kind"),
    [
        ("我的电话是一三八零零一三八零零零", "13800138000", "mobile"),
        ("电话 一三八 零零 幺三八 零零零", "13800138000", "mobile"),  # spaces, 幺 for 1
        ("手机 幺 五 九 四 幺 七 两 两 两 三 三", "15941722233", "mobile"),  # 两 for 2
        ("联系 电话 幺八六 两四幺七 九九八八", "18624179988", "mobile"),
        ("电话是138 0013 8000", "13800138000", "mobile"),  # Arabic digits
        ("号码 一三八 0013 八零零零", "13800138000", "mobile"),  # mixed
        ("电话 13800138000", "13800138000", "mobile"),
        ("+86 138-0013-8000", "13800138000", "mobile"),
        ("座机 零四一七 六二八 幺二三四", "04176281234", "landline"),  # Yingkou 0417 + 7
        ("座机0417-6281234", "04176281234", "landline"),
        ("固话 零四幺七 八八八八 六六六六", "041788886666", "landline"),  # 0417 + 8
        ("打 六二八幺二三四 就行", "04176281234", "landline"),  # local → 0417
        ("北京 的 座机 零幺零 六二五五 一二三四", "01062551234", "landline"),
    ],
)
def test_dictated_numbers(text: str, digits: str, kind: str) -> None:
    number = extract_callback_number(text)
    assert number is not None
    assert number.digits == digits
    assert number.kind == kind
    assert number.digits.isascii() and number.digits.isdigit()


def test_landline_display_has_the_area_code() -> None:
    number = extract_callback_number("座机 零四一七 六二八 幺二三四")
    assert number is not None and number.display == "0417-6281234"


def test_amounts_dates_and_counts_are_not_numbers() -> None:
    for text in (
        "欠了两万多块钱三个月了",
        "二零二零年一月二十六号",
        "屋里才十四度",
        "一二三四五",  # too short
        "一二三四五六七八九零一二三四",  # too long
        "二三四五六七八九零一二",  # 11 digits but not a mobile
        "",
    ):
        assert extract_callback_number(text) is None, text


def test_number_beside_a_date_is_still_found() -> None:
    number = extract_callback_number("二零二零年 一月 电话 幺五九 零四一七 三三八八 谢谢")
    assert number is not None and number.digits == "15904173388"


def test_the_number_after_a_phone_cue_wins() -> None:
    text = "我家 座机 六二八幺二三四 不 常 有人 您 打 我 手机 号码 一三九 零四一七 五五六六"
    number = extract_callback_number(text)
    assert number is not None
    # both are valid; the first cued one is the landline, so say which rule applies
    assert number.digits == "04176281234"
    assert extract_callback_number("一三九零四一七五五六六 我的电话").digits == "13904175566"


def test_positional_groups_go_through_cn2an() -> None:
    assert to_digits("六百二十八 幺二三四") == "6281234"


def test_validate() -> None:
    assert validate("13800138000").kind == "mobile"
    assert validate("12800138000") is None  # 12x is no mobile prefix
    assert validate("6281234").digits == "04176281234"
    assert validate("0281234") is None
