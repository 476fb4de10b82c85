"""Chinese post-processing: display text and numbers beside (never instead of) the words."""

from __future__ import annotations

from hotline.asr.chinese import build_transcript, display_text, find_numbers, transcript_from_dict
from hotline.asr.transcript import Word


def words(text: str) -> list[Word]:
    return [Word(w, i * 0.5, i * 0.5 + 0.4, 0.9) for i, w in enumerate(text.split())]


def test_cjk_words_join_without_spaces_latin_keeps_them() -> None:
    assert display_text(["我", "家", "楼下", "的", "路灯", "坏了"]) == "我家楼下的路灯坏了"
    assert display_text(["我", "用", "wifi", "hot", "spot", "上网"]) == "我用wifi hot spot上网"
    # Hangul is written with spaces between words: kept.
    assert display_text(["안녕", "하세요"]) == "안녕 하세요"


def test_phone_number_read_digit_by_digit_is_normalised() -> None:
    ws = words("我 的 电话 是 幺 三 八 一二 三四 五六 七八 谢谢")
    spans = find_numbers(ws)
    assert [s.value for s in spans] == ["13812345678"]
    assert spans[0].raw == "幺三八一二三四五六七八"
    assert spans[0].start == ws[4].start and spans[0].end == ws[10].end


def test_house_number_and_leading_zero() -> None:
    spans = find_numbers(words("住 在 二十六 号 楼 三百零五 室 区号 零 四 一 七"))
    assert [s.value for s in spans] == ["26", "305", "0417"]


def test_single_digit_words_are_not_reported_as_numbers() -> None:
    assert find_numbers(words("一 个 人 在 家")) == []


def test_transcript_keeps_raw_words_and_round_trips() -> None:
    ws = words("电话 一 三 八 一 二 三 四 五 六 七 八")
    t = build_transcript([ws[:4], ws[4:]], duration=7.0)
    assert t.text == "电话一三八一二三四五六七八"
    assert t.numbers == ("13812345678",)
    assert [w.word for w in t.words] == [w.word for w in ws]
    again = transcript_from_dict(t.to_dict())
    assert again == t
