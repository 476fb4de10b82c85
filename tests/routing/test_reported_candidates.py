"""Which unit a request is about, read from the words around its mentions (roles.py): a unit
only quoted (医院说…) tells the story and does not displace the lead, and 公安 alone after an
ask word names the police."""

from __future__ import annotations

from hotline.ticketing.routing.roles import asked_instead, first_named, named_units
from hotline.ticketing.routing.rules import Hit


def test_a_unit_only_quoted_does_not_take_the_lead() -> None:
    text = "年夜饭在饭店吃的回来一家人上吐下泻医院说是食物中毒饭店说不是他家的事"
    hits = {
        "market_supervision": [Hit("食物中毒", 3.0), Hit("饭店", 1.0)],
        "health": [Hit("医院", 3.0)],
    }
    assert asked_instead(text, "market_supervision", ["health"], hits) is None
    # the same unit named plainly still displaces a lead named only on the side
    plain = "年夜饭在饭店吃的回来一家人上吐下泻还说是食物中毒我们去医院看病"
    assert asked_instead(plain, "market_supervision", ["health"], hits) == "health"


def test_gongan_alone_after_an_ask_names_the_police() -> None:
    text = "有人在好几个群里发语音说洗浴中心出了猴痘请公安查查是谁造的谣也请卫健给出个说法"
    assert first_named(text) == "public_security"
    assert list(named_units(text))[:2] == ["public_security", "health"]
    assert first_named("到现在电话打不通求公安帮我们找人要钱") == "public_security"
