"""A child left without care (child_without_care.py): the parents away or gone and the one
carer old or ill is civil affairs' over the school, the hospital and the town; either told
alone is not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.child_without_care import (
    care_readings,
    child_to_look_after,
    child_without_care,
)
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.plight_help import plight_help

RELIEF = "civil_affairs"


@pytest.mark.parametrize(
    ("text", "setting"),
    [
        (
            "我是小学老师 班上有个女孩 爸妈在外地打工好几年没回来"
            " 跟着姥姥 姥姥住院了 孩子天天饿着来上学",
            "education",
        ),
        (
            "隔壁小孩才七岁 他爹没了 他妈改嫁走了 跟着爷爷过 爷爷瘫在炕上 孩子自己煮挂面",
            "health",
        ),
        (
            "芦屯镇我们村有户人家 父母离婚了谁都不管 孩子跟着八十多岁的太奶奶"
            " 房子漏风 请村里给看看",
            "lutun",
        ),
    ],
)
def test_a_child_without_care_is_read_over_its_scene(text: str, setting: str) -> None:
    compact = text.replace(" ", "")
    assert child_without_care(compact) != ""
    readings = {u: s for u, _, s in care_readings(compact)}
    assert setting in readings[RELIEF]
    assert any(o.unit == RELIEF and not o.setting_counts for o in duty_objects(compact))


@pytest.mark.parametrize(
    "text",
    [
        # the parents away, the grandfather well: the catchment is the school's matter
        "孩子他爸妈在外地打工 孩子跟着我 划片给划到老远的学校去了 我家就在学校对过",
        # a teenager's own fever with the parents away: a clinic question
        "我是高二的 爸妈去外地打工了 我自己在家发烧三十九度 能自己去发热门诊吗",
        # the grandmother old and ill, the parents at work in town: a fee refunded
        "幼儿园停课一周 我们俩都上班 孩子只能放奶奶那儿 奶奶也有病 保育费能退不",
        # a father dead, no child to look after: the house's title
        "我爸去世了 房本上就他一个名 我们几个孩子想过户到我妈名下 咋办",
    ],
)
def test_either_alone_is_not_read(text: str) -> None:
    compact = text.replace(" ", "")
    assert child_without_care(compact) == ""
    assert care_readings(compact) == []


@pytest.mark.parametrize(
    ("text", "looked_after"),
    [
        # someone asked to look after the child now: help
        ("邻居家孩子八岁 爸妈出去打工了 跟着奶奶 奶奶脑血栓下不了地 能不能来人帮帮", True),
        # the relief asked how or whether to apply: a consult, not read as help
        ("我们村有个孩子 爹没了 娘走了 跟着姥爷 姥爷也病了 能给孩子办个低保不", False),
        ("我是班主任 班上有个孩子爸妈都在外地 奶奶瘫了 学校想帮他申请救助 咋申请", False),
    ],
)
def test_help_only_where_the_child_is_to_be_looked_after(text: str, looked_after: bool) -> None:
    compact = text.replace(" ", "")
    assert child_without_care(compact) != ""
    assert (child_to_look_after(compact) != "") is looked_after
    assert (plight_help(compact) != "") is looked_after


@pytest.mark.parametrize(
    "text",
    [
        "我们楼下有个小男孩 爸妈都在南方打工 跟着奶奶 奶奶前几天中风住院了 "
        "孩子一个人在家 谁能来管管",
        "我是个老师 班里有个孩子 爹妈离婚了都不管 跟着太姥 太姥九十了 糊涂了 孩子大冬天穿个单鞋 "
        "能不能有个部门管管",
        "邻居家孩子八岁 爸妈出去打工了 跟着奶奶 奶奶脑血栓下不了地 能不能来人帮帮",
    ],
)
def test_the_rules_route_a_child_without_care_to_civil_affairs_for_help(
    rules_only_router: Router, text: str
) -> None:
    # Without the readings the rules follow the stroke (health), the teacher (education)
    # and the parents' work (human resources), and read the complaint of 不管.
    got = rules_only_router.suggest(text)
    assert (got.department, got.category) == (RELIEF, "help")
