"""查一下 asks a unit to look into something more often than it asks a question: alone it
is no consult cue (config/routing.yaml, categories.cues.consult)."""

from __future__ import annotations

from hotline.ticketing.routing import Router


def test_an_inspection_asked_is_not_typed_a_consult(router: Router) -> None:
    text = "小区门口那家早餐铺，油是从桶里舀的，桶上一个字都没有。请市场监管去查一下。"
    assert router.suggest(text).category != "consult"


def test_a_question_with_a_look_up_is_still_a_consult(router: Router) -> None:
    assert router.suggest("请问怎么查一下我家的采暖费交到哪年了").category == "consult"
