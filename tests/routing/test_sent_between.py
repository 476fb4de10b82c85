"""The other body of a dispute the caller is sent between (sent_between.py)."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing.sent_between import quoted_units, sent_between
from hotline.ticketing.routing.shared_duty import unnamed_duties


@pytest.mark.parametrize(
    ("text", "lead", "unit"),
    [
        ("楼里一半人家停电了物业说楼里线是供电的供电的来了说是物业的线", "power", "housing"),
        (
            "我是低保户医保照全额扣的问医保说系统里没有我这低保问民政说早报上去了",
            "medical_insurance",
            "civil_affairs",
        ),
        ("换热站泡了热力公司说得物业先把水抽干物业说等热力公司来", "heating", "housing"),
        ("学校说要本地户口派出所说要先有学校接收证明两头卡", "education", "public_security"),
    ],
)
def test_the_other_quoted_body_assists(text: str, lead: str, unit: str) -> None:
    found = sent_between(text, lead)
    assert found is not None and found[0].unit == unit
    assert unit in {d.unit for d, _ in unnamed_duties(text, lead)}


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("物业说不知道原因让我们等着", "heating"),  # one body quoted tells the story
        ("派出所让我找城管城管说不归他管", "civil_affairs"),  # the lead is neither
        ("医院说是医保不给报医保说是医院报的项目不对", "medical_insurance"),  # a hospital
    ],
)
def test_no_dispute_of_the_lead_names_no_body(text: str, lead: str) -> None:
    assert sent_between(text, lead) is None


def test_quoted_units_in_order() -> None:
    assert quoted_units("热力让我找不动产不动产说过户管不着") == ["heating", "natural_resources"]
