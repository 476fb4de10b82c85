"""The epidemic flag's round-30 cues (config/routing.yaml `epidemic`, rabies30): human
immunoglobulin, the shot told right after a bite, and a whole family's fevers beside an
animal; a flock's bird flu and a dog's own shot stay unflagged."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router


@pytest.mark.parametrize(
    "text",
    [
        # immunoglobulin is a person's, its price asked alone
        "免疫球蛋白一针得多少钱",
        # the shot right after the bite, asked of the insurance
        "猫挠了打针能报销吗",
        # a family feverish after a live bird, feared as bird flu
        "前天市场买了只活鸭子 回来全家都发烧了 会不会是禽流感",
    ],
)
def test_a_persons_shot_or_a_familys_fevers_raise_the_flag(router: Router, text: str) -> None:
    assert router.suggest(text).epidemic is True


@pytest.mark.parametrize(
    "text",
    [
        # a flock's bird flu with no person ill
        "我家鸡场的鸡一天死几十只 怀疑是禽流感 家里人都好好的",
        # the dog's own shot
        "我家狗该打狂犬疫苗了 上哪打",
    ],
)
def test_a_flocks_illness_or_a_dogs_shot_does_not(router: Router, text: str) -> None:
    assert router.suggest(text).epidemic is False
