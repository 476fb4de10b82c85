"""A disputed charge is read by the duty over its price or the thing paid for (duty_fee.py)."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_fee import (
    car_park_price,
    charging_post,
    clinic_charge,
    fee_readings,
    fire_kit_fee,
    heating_fee_disputed,
    hired_deposit,
    property_fee_cut,
    vaccine_fee,
)
from hotline.ticketing.routing.medical_fees import medical_fee_readings


def test_a_utility_cut_over_the_property_fee_is_read() -> None:
    text = "我家欠了半年物业费，物业就把我家的电闸给断了，电费我都是交给供电公司的"
    assert property_fee_cut(text)
    assert fee_readings(text)[0][0] == "housing"


@pytest.mark.parametrize(
    "text",
    [
        # The water fee is the one said to be owed: the water's own matter.
        "物业说我家欠水费给停水了，可我家水费一分没欠",
        # The property fee disputed, nothing cut.
        "物业费今年涨了三百，也没开业主大会",
    ],
)
def test_no_cut_over_the_property_companys_own_fee(text: str) -> None:
    assert not property_fee_cut(text)


def test_the_heating_fee_collected_by_the_property_company_is_read() -> None:
    text = "物业发的取暖费单子按一百一十平米算的，我家房本才九十五平，多算的得退给我"
    assert heating_fee_disputed(text)
    assert fee_readings(text)[0][0] == "heating"


@pytest.mark.parametrize(
    "text",
    [
        # Cannot pay: relief, not the fee's amount.
        "物业催交取暖费，我是低保户实在交不起，能不能减免",
        # The property company's own surcharge stays housing's (duty_bill.py).
        "采暖费单子上多了一行滞纳金，热力公司说他们没收，是物业自己加的",
        # No property company in it.
        "采暖费报停了还收百分之二十，这个标准是谁定的",
    ],
)
def test_no_heating_fee_read(text: str) -> None:
    assert not heating_fee_disputed(text)


def test_a_car_parks_price_outside_a_compound_is_read() -> None:
    text = "体育馆旁边的停车场牌子上写一次五块，出来收了我二十，也不给票"
    assert car_park_price(text)
    assert fee_readings(text)[0][0] == "market_supervision"


@pytest.mark.parametrize(
    "text",
    [
        # A compound's parking is the property company's.
        "小区停车场物业一个月收三百，也没公示",
        # A car park only told, its price not disputed.
        "景区停车场一天收五十还满了，车都停到公路上，堵了两个小时",
        # A car park planned, no charge.
        "这块地规划图上是公园，现在围起来说要建停车场，也没公示",
    ],
)
def test_no_car_park_price_read(text: str) -> None:
    assert not car_park_price(text)


def test_a_vaccines_charge_is_read() -> None:
    text = "社区卫生服务站给孩子打麻腮风收了八十块，说是材料费，这不是免费的吗"
    assert vaccine_fee(text)
    assert fee_readings(text)[0][0] == "health"


@pytest.mark.parametrize(
    "text",
    [
        # Only the price asked: a consult, not read.
        "带状疱疹疫苗自费多少钱，医保能报吗",
        # Collected by a kindergarten: labels split, not read.
        "幼儿园让每个孩子交一百块统一打流感疫苗",
        # An animal's shot.
        "宠物医院给狗打疫苗收了三百",
        # A ride to the shots, not the shot.
        "社区组织老人打流感疫苗，每人收二十块车费",
    ],
)
def test_no_vaccine_fee_read(text: str) -> None:
    assert not vaccine_fee(text)


def test_a_clinics_own_charge_is_read() -> None:
    text = "在镇卫生院拍了个片子，收费单上多了一项换药费，根本没换过药，要求退掉"
    assert clinic_charge(text)
    assert fee_readings(text)[0][0] == "health"


@pytest.mark.parametrize(
    "text",
    [
        # Reimbursement: medical insurance's.
        "住院结账的时候说这几样药医保不给报，让我们自己掏钱",
        # Relief: the caller cannot pay.
        "孩子住院押金交不起，能不能帮着申请点救助",
        # A meal that made people ill: food safety.
        "在饭店吃完全家拉肚子，去医院花了一千多，饭店说不关他们的事",
    ],
)
def test_no_clinic_charge_read(text: str) -> None:
    assert not clinic_charge(text)


@pytest.mark.parametrize(
    "text",
    [
        # An ambulance's charge: medical_fees.ambulance_service's, read there once.
        "救护车从村里拉到医院才四公里，收了四百多，有没有个收费标准",
        # A doctor's pharmacy referral: medical_fees.sent_to_pharmacy's.
        "医院大夫让我们去门口那家指定药房买药，收了三百多",
    ],
)
def test_a_charge_medical_fees_reads_is_not_read_twice(text: str) -> None:
    assert not clinic_charge(text)
    assert medical_fee_readings(text)[0][0] == "health"


def test_a_hired_things_deposit_is_read() -> None:
    text = "公园门口租自行车的押金两百，还车的时候说车胎是我扎的，扣了一百五"
    assert hired_deposit(text)
    assert fee_readings(text)[0][0] == "market_supervision"


@pytest.mark.parametrize(
    "text",
    [
        # A rented flat's deposit: the agency, housing's.
        "租房子的押金三千，退房时中介说墙脏了扣了两千",
        # Shared bikes in the way, no deposit: urban management's.
        "公交站门口共享单车堆了一地，人都走不过去",
    ],
)
def test_no_hired_deposit_read(text: str) -> None:
    assert not hired_deposit(text)


def test_a_charging_posts_installation_is_read() -> None:
    text = "想在自家车位装个充电桩，物业说得先交两千管理费，供电公司报装收不收钱"
    assert charging_post(text)
    assert fee_readings(text)[0][0] == "power"


def test_a_charging_post_the_property_company_refuses_is_not_read() -> None:
    assert not charging_post("想在车位装充电桩，物业死活不给盖章，说怕着火")


def test_fire_safety_kit_charged_for_is_read() -> None:
    text = "物业让每户交八十块钱换楼道的灭火器，说是上面要求的"
    assert fire_kit_fee(text)
    assert fee_readings(text)[-1][0] == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        # A fire lane let as parking: split.
        "物业把消防通道划成收费车位，一个月收两百，消防栓也没水",
        # The property company's yearly fee, the kit among what it leaves broken: housing's.
        "楼道灯、灭火器、消防栓全是坏的，物业一年收我们两千多，啥也不修",
    ],
)
def test_no_fire_kit_fee_read(text: str) -> None:
    assert not fire_kit_fee(text)


# Each of these is routed to the collector's unit without the reading (checked by switching
# duty_fee.py off): the property company, medical insurance, urban management.
@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("物业代收的取暖费，说报停的户还得交三成，这钱该不该交", "heating"),
        ("孩子刚满月，社区卫生站让交五十块建卡费，说有的疫苗要自费，医保能报吗", "health"),
        ("共享单车押金一百九十九，退押金一直显示处理中，城管说只管停车", "market_supervision"),
        ("物业说装充电桩得先交物业两千管理费，这钱该交吗", "power"),
    ],
)
def test_a_disputed_charge_is_routed_to_the_duty(router: Router, text: str, unit: str) -> None:
    assert router.suggest(text).department == unit
