"""Character error rate, corrected runs and the lexicon rewrite (pure functions)."""

from __future__ import annotations

import pytest
from hotline.ticketing.asr_quality import (
    Correction,
    LexiconEntry,
    apply_lexicon,
    character_error_rate,
    lexicon_candidates,
    normalise,
)
from hotline.ticketing.lexicon import LexiconCache, lexicon_route


def test_normalise_drops_spaces_and_punctuation_and_folds_full_width() -> None:
    assert normalise("我 家，暖气 不热！ １３９") == "我家暖气不热139"


def test_identical_text_apart_from_spaces_and_punctuation_has_no_errors() -> None:
    result = character_error_rate("我 家 暖气 不 热", "我家暖气不热。")
    assert (result.errors, result.length, result.cer, result.corrections) == (0, 6, 0.0, ())


def test_place_name_substitution_is_one_run() -> None:
    result = character_error_rate("我 住 在 胸 约 镇 幸福 小区", "我住在熊岳镇幸福小区。")
    assert result.errors == 2
    assert result.length == 10
    assert result.cer == pytest.approx(0.2)
    assert result.corrections == (Correction("胸约", "熊岳"),)


def test_numbers_and_insertions_and_deletions() -> None:
    result = character_error_rate("电话 一 三 九 嗯 我 家", "电话139我家停水")
    assert result.corrections == (
        Correction("一三九嗯", "139"),
        Correction("", "停水"),
    )
    assert result.corrections[0].kind == "number"
    assert result.corrections[1].kind == "word"
    assert result.errors == 4 + 2
    assert result.cer == pytest.approx(6 / 9)


def test_empty_reference() -> None:
    assert character_error_rate("", "").cer == 0.0
    assert character_error_rate("喂", "").cer == 1.0


def test_lexicon_candidates_are_word_substitutions_of_two_or_more_characters() -> None:
    runs = [
        Correction("胸约", "熊岳"),
        Correction("的", "地"),  # one character: would rewrite everything
        Correction("一三九", "139"),  # dictated numbers differ per call
        Correction("", "停水"),  # nothing heard: nothing to replace
        Correction("暖期", ""),
    ]
    assert lexicon_candidates(runs) == [Correction("胸约", "熊岳")]


def test_apply_lexicon_matches_across_vosk_word_spaces_longest_first() -> None:
    entries = [
        LexiconEntry("胸约", "熊岳"),
        LexiconEntry("胸约镇", "熊岳镇"),
        LexiconEntry("鲅鱼", "x"),
    ]
    text, applied = apply_lexicon("我 住 在 胸 约 镇 胸约", entries)
    assert text == "我 住 在 熊岳镇 熊岳"
    assert applied == [LexiconEntry("胸约镇", "熊岳镇"), LexiconEntry("胸约", "熊岳")]


def test_lexicon_route_routes_the_rewritten_text_and_says_so() -> None:
    seen: list[str] = []

    def route(text: str) -> dict:
        seen.append(text)
        return {"department": "heating"}

    cache = LexiconCache(lambda: [LexiconEntry("暖期", "暖气")])
    routed = lexicon_route(route, cache, "vosk-model-x")
    out = routed("我 家 暖 期 不 热")
    assert seen == ["我 家 暖气 不 热"]
    assert out["asr_model"] == "vosk-model-x"
    assert out["routed_text"] == "我 家 暖气 不 热"
    assert out["lexicon"] == [{"heard": "暖期", "meant": "暖气"}]
    untouched = routed("我 家 停 水")
    assert "routed_text" not in untouched and untouched["asr_model"] == "vosk-model-x"


def test_lexicon_cache_reloads_after_ttl_and_keeps_the_last_list_on_failure() -> None:
    now = [0.0]
    answers: list = [[LexiconEntry("ab", "cd")], RuntimeError("database away")]

    def load() -> list[LexiconEntry]:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    cache = LexiconCache(load, ttl=5, clock=lambda: now[0])
    assert cache.entries() == [LexiconEntry("ab", "cd")]
    now[0] = 1
    assert cache.entries() == [LexiconEntry("ab", "cd")]  # not reloaded yet
    now[0] = 6
    assert cache.entries() == [LexiconEntry("ab", "cd")]  # reload failed: last list kept
    assert answers == []
