"""A school's rule over a pupil's health questioned (school_health_rule.py): education over
the health words the rule is told in."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.school_health_rule import (
    school_health_rule,
    school_health_rule_readings,
)


@pytest.mark.parametrize(
    "text",
    [
        "孩子查出来是乙肝携带者 学校说得拿医院的复查报告才让住宿舍 这合理吗",
        "学校说班里有流感 每个孩子都得交三十块去指定诊所测抗原 不交不让进教室 凭啥让家长出钱",
        "孩子低烧了半天 幼儿园非要开无传染病证明才让回园 这样规定合理吗",
        "班主任说全班都要做结核筛查 不做就别来上课 学校有这个权力吗",
    ],
)
def test_a_schools_health_rule_questioned_is_read(text: str) -> None:
    assert school_health_rule(text)
    assert [r[0] for r in school_health_rule_readings(text)] == ["education"]


@pytest.mark.parametrize(
    "text",
    [
        # Where the paper is made, no fairness asked: left to the router (health 11 of 13).
        "孩子得了水痘 好了以后学校要复课证明 这个证明去哪开",
        # The entry check's missing shot asked where: school_entry_shots.py's (health).
        "孩子转学过来 学校要查接种证 少一针乙脑 去哪补 这合理吗",
        # An employer's docking over a child's illness: the labour side's.
        "孩子幼儿园出水痘 我请假照顾 公司扣了我全月绩效 这合法吗",
        # A school's rule with no health matter.
        "学校让每个孩子交一百块资料费 不交不让领书 这合理吗",
        # The school's demand told, its fairness not asked.
        "学校说外地来的孩子得交乙肝复查单才让住校 复查单在哪开",
    ],
)
def test_no_reading_without_a_schools_health_rule_questioned(text: str) -> None:
    assert school_health_rule(text) == ""


@pytest.mark.parametrize(
    "text",
    [
        "孩子查出来是乙肝携带者 学校说得拿医院的复查报告才让住宿舍 这合理吗",
        "孩子甲流好了 学校非要医院开的痊愈证明才让进班 医院说不开这个 学校这么要求合理吗",
    ],
)
def test_a_routed_health_rule_question_leads_to_education(router: Router, text: str) -> None:
    # Both led to health before the reading (the illness and the paper are health's words).
    assert router.suggest(text).department == "education"


def test_the_rules_alone_read_the_school_over_the_recheck(rules_only_router: Router) -> None:
    text = "孩子体检查出乙肝表面抗原阳性 学校说外地来的得交复查单才让住校 这合理吗"
    assert rules_only_router.suggest(text).department == "education"
