"""Automatic dispatch when the caller asks the town, community or village itself to act
(area_ask.area_asked_words, auto.held_back_by "area_asked"): the local government is then
the likely lead, so a suggestion that leads with a county department waits for a person."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.area_ask import area_asked_words
from hotline.ticketing.routing.auto import AutoDispatchSettings, decide, held_back_by

from tests.fixtures.routing import make_suggestion

ON = AutoDispatchSettings(enabled=True, threshold=0.9)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("医保上查不着让镇上管管这个会计", "让镇上管"),
        ("我老舅一个人住能不能让社区给他送送饭", "让社区给"),
        ("排水沟被冰雪堵死了麻烦村委会派人来疏通", "麻烦村委会派人"),
        ("路灯坏了好几个月请镇政府协调维修", "请镇政府协调"),
        # A modal or an adverb of haste before the deed.
        ("水库边上连个牌子都没有最好村里能派人在那看着点", "最好村里能派人"),
        ("楼道堵了麻烦社区赶紧派人来看看", "麻烦社区赶紧派人"),
    ],
)
def test_an_ask_to_the_area_in_any_spoken_form_is_read(text: str, words: str) -> None:
    assert area_asked_words(text) == words


@pytest.mark.parametrize(
    "text",
    [
        "社区门口的路灯坏了好几天了",  # the community only says where
        "找社区也不管找物业也不管",  # the community reported as failing, asked nothing
        "村里那条道冻得溜滑",
        "请供电公司赶紧来人修一下",  # a department asked, not the area
        "最好村里那条道能修修",  # the village only says where
    ],
)
def test_a_place_or_a_failed_area_is_no_ask(text: str) -> None:
    assert area_asked_words(text) == ""


def test_a_department_lead_with_the_area_asked_waits_for_a_person() -> None:
    asked = make_suggestion(department="medical_insurance", area_asked="让镇上管")
    assert held_back_by(asked, ON) == "area_asked"
    decision = decide(asked, ON, "区医保局")
    assert not decision.dispatch and "属地" in decision.reason and "“让镇上管”" in decision.reason
    assert held_back_by(make_suggestion(), ON) is None


def test_the_router_marks_the_ask_only_when_a_department_leads(router: Router) -> None:
    # The area leads itself (the ask is what the lead read): nothing to hold back.
    led = router.suggest("红海街道我们楼有个独居老太太好几天没见人了，能不能让社区来人看看")
    assert led.department == "honghai" and led.area_asked == ""
    # A department leads by its own words; the ask to the village says a person must look.
    text = "我家暖气不热，屋里才十二度，让村里给协调一下热力公司"
    got = router.suggest(text)
    assert got.department == "heating"
    assert got.area_asked == "让村里给" and held_back_by(got, ON) == "area_asked"
