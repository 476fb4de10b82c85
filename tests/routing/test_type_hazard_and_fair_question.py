"""Report vs complaint and consult vs complaint (round 21): a hazard to others told by a
witness is a report; a request ending on whether something is fair, with no demand, asks
the rule (a consult).

The rules alone are asked (no classifier), so the cue itself is what is tested; each case
has a look-alike that keeps its other type.
"""

from __future__ import annotations

import pytest
from hotline.ticketing.routing.closing_question import (
    closing_fairness_question,
    closing_where_question,
)
from hotline.ticketing.routing.suggest import Router


def test_the_closing_question_is_read_only_at_the_end_and_without_a_demand() -> None:
    assert closing_fairness_question("检查的来了罚我五千这么罚合理吗") == "合理吗"
    assert closing_fairness_question("殡仪馆接一趟人两千四这合不合理") == "合不合理"
    assert closing_fairness_question("这合理吗要求退钱") == ""  # not the last words
    assert closing_fairness_question("多收了三百要求退这合理吗") == ""  # a demand
    assert closing_fairness_question("药店这么干对吗") == ""  # 对吗 closes complaints too


def test_a_closing_where_or_how_much_question_is_read_without_a_demand_or_a_call() -> None:
    assert closing_where_question("门上贴了通知让关闭室内阀门这让我关哪个阀门啊") == "哪个阀门啊"
    assert closing_where_question("有说四十九的有说五十五的到底多少吨") == "多少吨"
    assert closing_where_question("垃圾扔得哪儿都是") == ""  # everywhere: no question
    assert closing_where_question("站牌让车撞倒了派人来看看到底在哪") == ""  # a call for help
    assert closing_where_question("多收了我三百要求退这钱上哪要") == ""  # a demand


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A fine or a fee, and the caller asks only whether it is fair.
        ("我开个小超市 来检查说一袋挂面过期两天 罚我五千 我说我不知道 这么罚合理吗", "consult"),
        ("我开个小超市 来检查说一袋挂面过期两天 罚我五千 要求退回罚款", "complaint"),
        # A notice or a rule the caller cannot follow, asked where or how much.
        ("门上贴了个通知 因供热管网打压 请住户关闭室内阀门 这让我关哪个阀门啊", "consult"),
        # A hazard at the caller's workplace that will hurt someone.
        ("我在化工厂上班 车间那个报警器坏了俩月 一响领导就让关了 早晚得出事", "report"),
        ("我们厂车间机器护罩都拆了 上礼拜有个工友手让卷进去了", "report"),
        ("那个大超市的安全出口让货给堵死了", "report"),
    ],
)
def test_hazard_or_fair_question(rules_only_router: Router, text: str, expected: str) -> None:
    assert rules_only_router.suggest(text).category == expected
