"""A property company's own charge on a utility's bill is housing's (duty_bill.py)."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_bill import bill_readings, property_charge


@pytest.mark.parametrize(
    "text",
    [
        "电费单上多了一项公摊损耗费 供电公司说他们不收这个 是物业自己加的",
        "物业代收的水费每吨比供水公司的价高了五毛",
        "物业每户多收了三十块钱垃圾清运费",
    ],
)
def test_the_property_company_added_a_charge(text: str) -> None:
    assert property_charge(text)
    assert bill_readings(text)[0][0] == "housing"


@pytest.mark.parametrize(
    "text",
    [
        # Asked as a choice: who added it is not known.
        "这个管网费是热力公司收的还是物业自己加的",
        # The utility's own bill, no property company.
        "这个月电费比上个月多了一百多",
    ],
)
def test_no_charge_of_the_property_companys_own(text: str) -> None:
    assert not property_charge(text)


def test_a_surcharge_on_the_water_bill_is_housings(router: Router) -> None:
    s = router.suggest("物业收水费 每吨比自来水公司的价高了六毛 说是加压费 这个合理吗 要求退回")
    assert s.department == "housing"
