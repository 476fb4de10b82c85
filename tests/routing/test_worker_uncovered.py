"""A worker left without a labour contract or social insurance (worker_uncovered.py) is the
labour bureau's, whatever institution employs them; a lease, a builder's job or a care home
resident's contract is not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.worker_uncovered import LABOUR_UNIT, worker_uncovered


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("举报 敬老院 那些护工 一个也没签合同 保险也不给上", "没签合同"),
        ("我在私立幼儿园当保育员 干了一年了 园里一直不给签劳动合同", "不给签劳动合同"),
        ("民营医院的护士都说是实习的 社保一个都没给交", "社保一个都没给交"),
        ("老板说我是临时工 从来没给我交过社保", "没给我交过社保"),
    ],
)
def test_a_contract_not_signed_or_insurance_not_paid_is_read(text: str, words: str) -> None:
    assert worker_uncovered(_compact(text)) == words
    found = [o for o in duty_objects(_compact(text)) if o.unit == LABOUR_UNIT]
    assert any("civil_affairs" in o.setting_units for o in found)


@pytest.mark.parametrize(
    "text",
    [
        # A lease and a builder's job not put in writing: housing's and the market's.
        "租房子的时候没签合同 现在房东说不退押金",
        "装修公司没签合同 干到一半人跑了",
        # A care home resident's contract and its fees: civil affairs'.
        "我妈住的养老院 合同上写的一年不涨价 这才半年又涨了五百",
        # Contracts signed and insurance paid: nothing is missing.
        "养老院的护工都签了合同 也交了社保 就是人手不够",
    ],
)
def test_other_contracts_and_covered_workers_are_not_read(text: str) -> None:
    assert worker_uncovered(_compact(text)) == ""


@pytest.mark.parametrize(
    "text",
    [
        "举报 那个养老院 护工都没签合同 也不给交保险",
        "我在一家私立幼儿园当老师 园长说试用期不签合同 也不交社保",
    ],
)
def test_the_labour_bureau_leads_end_to_end(router: Router, text: str) -> None:
    assert router.suggest(text).department == LABOUR_UNIT
