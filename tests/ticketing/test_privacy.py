"""The masking of dictated phone numbers in free text (ticketing/privacy.py), table-driven."""

from __future__ import annotations

import pytest
from hotline.ticketing.privacy import has_digit, mask_phone_numbers, mask_values

CASES = [
    # (text, masked)
    ("我的电话是13812345678谢谢", "我的电话是***********谢谢"),
    ("回拨 138-1234-5678", "回拨 ***-****-****"),
    ("回拨 138 1234 5678 找王先生", "回拨 *** **** **** 找王先生"),
    ("座机0571-88881234", "座机****-********"),
    ("全角１３８１２３４５６７８", "全角***********"),
    # Vosk writes spoken digits as Chinese characters, one space apart.
    ("电话 一 三 八 幺 二 三 四 五 六 七 八", "电话 * * * * * * * * * * *"),
    ("号码幺三八洞洞幺二两两三四", "号码***********"),
    ("七位 1234567", "七位 *******"),
    # Not numbers: too short, dates, ordinary words with a digit character.
    ("六位 123456 不是号码", "六位 123456 不是号码"),
    ("2024-03-15 来电", "2024-03-15 来电"),
    ("3号楼2单元501室", "3号楼2单元501室"),
    ("一个人两个孩子三楼", "一个人两个孩子三楼"),
    ("电梯停运三天", "电梯停运三天"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "masked"), CASES)
def test_mask_phone_numbers(text: str, masked: str) -> None:
    assert mask_phone_numbers(text) == masked


def test_mask_values_reaches_nested_strings() -> None:
    data = {"a": "号码13812345678", "b": ["x 13912345678"], "n": 13812345678, "t": ("1234567",)}
    assert mask_values(data) == {
        "a": "号码***********",
        "b": ["x ***********"],
        "n": 13812345678,
        "t": ("*******",),
    }


@pytest.mark.parametrize(
    ("query", "digit"),
    [("电话是138", True), ("一三", True), ("3号楼", True), ("电梯", False), ("物业费", False)],
)
def test_has_digit(query: str, digit: bool) -> None:
    assert has_digit(query) is digit
