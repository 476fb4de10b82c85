"""The seed corpus's labels follow the catalogue's rules, as the retired blind sets' do.

The corpus was written for the router; the blind sets by people who never saw it, labelled
by the catalogue (config/bayuquan-catalog.yaml: the request types' definitions and 标志,
the epidemic rule). Where a rule can be read from the words alone, every seed line is
checked against it here, so that labels which contradict it (found by bench/seed_audit.py
and relabelled in round 14) do not come back with new lines.
"""

from __future__ import annotations

import json
import re

import pytest
from hotline.ticketing.routing.seed import SEED_FILE
from hotline.ticketing.routing.suggest import Router

# The catalogue's consult: asking whether a charge or rule is fair or lawful (合不合理,
# 合法吗, 有权…吗, 该不该) without asking that it be refunded or dealt with is a question.
FAIRNESS = re.compile(r"合理吗|合不合理|合法吗|合规吗|符合规定吗|有权.{0,8}吗|该不该")
# …and the demand that makes it a complaint or a report (要求退还或处理).
DEMAND = re.compile(
    r"要求|管管|管一管|查查|查一查|处理|给个说法|举报|投诉|赔|给退|退给|退还|能不能退|给我退"
)
# The catalogue's suggestion: a wish or proposal (建议, 希望, 提个意见, 应该, 最好,
# 能不能多设, 增加, 加装, 改成), said as such; a concrete problem reported with no wish is
# a help, complaint or report.
WISH = re.compile(
    r"建议|希望|意见|应该|该|最好|能不能|能否|可不可以|可以|增加|加装|改成|多[设安建开派跑搞放配装]"
)


def _typed_lines() -> list[dict[str, object]]:
    lines = SEED_FILE.read_text(encoding="utf-8").splitlines()
    return [item for item in map(json.loads, lines) if item.get("category")]


def test_a_seed_line_asking_only_whether_a_thing_is_fair_is_a_consult() -> None:
    asked = [i for i in _typed_lines() if FAIRNESS.search(str(i["text"]))]
    undemanding = [i for i in asked if not DEMAND.search(str(i["text"]))]
    assert len(undemanding) >= 20  # the rule is exercised, not vacuous
    assert [i["text"] for i in undemanding if i["category"] != "consult"] == []


@pytest.mark.parametrize(
    ("text", "undemanding"),
    [
        ("景区说过期不退，这合理吗？", True),
        ("社区有权收这个钱吗？", True),
        ("这么收费合法吗？要求退还多收的钱", False),
        ("多收了五十，这合理吗，你们给查查", False),
    ],
)
def test_the_fairness_reading_tells_a_question_from_a_demand(text: str, undemanding: bool) -> None:
    assert FAIRNESS.search(text)
    assert (DEMAND.search(text) is None) == undemanding


def test_a_seed_suggestion_says_a_wish_or_a_proposal() -> None:
    suggestions = [i for i in _typed_lines() if i["category"] == "suggestion"]
    assert len(suggestions) >= 100
    assert [i["text"] for i in suggestions if not WISH.search(str(i["text"]))] == []


def test_every_epidemic_seed_line_raises_the_flag(rules_only_router: Router) -> None:
    """A line labelled 涉疫 says a cue of the epidemic rule; the epidemic recalled only as
    the time of another matter (疫情那会儿借的车, 疫情那时候停了的低保审核) is no cue,
    as every blind set that says it labels it."""
    lines = SEED_FILE.read_text(encoding="utf-8").splitlines()
    flagged = [str(i["text"]) for i in map(json.loads, lines) if i.get("epidemic") is True]
    assert len(flagged) >= 50
    assert [t for t in flagged if not rules_only_router.suggest(t).epidemic] == []
