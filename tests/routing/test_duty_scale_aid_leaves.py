"""Round 19's stated duties over their setting (duty_scale_aid_leaves.py, read through
duty_object.duty_objects): a buyer's scale or a dryer's moisture meter that cheats is the
market regulator's although the grain is agriculture's; a poor household's subsidy is the
duty of whoever pays what it subsidises (the medical insurance contribution: medical
insurance; the heating fee's relief: civil affairs); leaves burnt in town are urban
management's, beside gas the emergency bureau's. And the outbreak at a school told as one
(cases counted, a shot to catch up on, whether to close) is the health bureau's unless the
ask is the school's own handling (exams, attendance, fees)."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects, school_outbreak
from hotline.ticketing.routing.duty_scale_aid_leaves import (
    HAZARD_UNIT,
    INSURANCE_UNIT,
    MARKET_UNIT,
    RELIEF_UNIT,
    TOWN_UNIT,
    heating_aid,
    insurance_aid,
    leaves_burnt,
    scale_cheats,
)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("收苞米的车过秤那秤有鬼一车少了四百来斤", "秤那秤有鬼"),
        ("苞米送到烘干塔他扣水扣了百分之二十他那个水分仪肯定有毛病", "水分仪肯定有毛病"),
        ("收玉米的用他自己带的秤他秤上肯定做了手脚", "秤他秤上肯定做了手脚"),
        ("粮贩子拉走一车这就是坑称", "坑称"),
    ],
)
def test_a_scale_or_moisture_meter_that_cheats_is_read(text: str, words: str) -> None:
    assert scale_cheats(text) == words


@pytest.mark.parametrize(
    "text",
    [
        "热计量表的显示屏黑了一直不走字",  # a utility's meter: the heating company's
        "新换的水表计量不准水费涨了三倍",  # the water company's
        "粮库不收湿苞米说水分大让晾干了再来",  # moisture, no instrument cheating
        "建议大集上设几个公平秤",  # a scale, no cheat
    ],
)
def test_no_cheating_scale_is_read_elsewhere(text: str) -> None:
    assert scale_cheats(text) == ""


def test_insurance_aid_for_a_poor_household_is_the_insurers() -> None:
    assert insurance_aid("我爸妈都是低保明年的城乡居民医保听说低保户有资助在哪办")
    assert insurance_aid("明年城乡居民医保每人交多少我们家是低保户是不是有补贴")
    # Medical relief after a bill is civil affairs' relief, not the contribution.
    assert insurance_aid("我家是低保户医保报完了还要掏十万能不能申请医疗救助") == ""
    assert insurance_aid("明年城乡居民医保每人交多少") == ""  # no poor household


def test_heating_fee_relief_for_a_poor_household_is_civil_affairs() -> None:
    assert heating_aid("我家是低保户今年采暖费两千四实在拿不出来听说能减免")
    assert heating_aid("低保户听说能减免采暖费找民政还是热力公司")
    # A school's heating charge is the school's fee.
    assert heating_aid("我家是特困户学校这学期让交取暖费三百多实在拿不出来") == ""
    assert heating_aid("今年采暖费交不起能不能分期") == ""  # no poor household


def test_leaves_burnt_in_town_and_beside_gas() -> None:
    assert leaves_burnt("邻居天天烧落叶烟呛得窗户都不敢开") == ("烧落叶", False)
    words, hazard = leaves_burnt("物业把扫的落叶堆一块儿点火烧就挨着燃气调压箱烧火星子乱飞")
    assert words and hazard
    assert leaves_burnt("地里有人烧秸秆烟大得看不着道") == ("", False)  # straw: air pollution


@pytest.mark.parametrize(
    ("text", "unit", "setting"),
    [
        (
            "收玉米的贩子用他车上的地秤，再过秤差了三百四十斤，这就是坑称",
            MARKET_UNIT,
            "agriculture",
        ),
        ("我家是低保户，明年城乡居民医保听说低保户有资助，在哪办", INSURANCE_UNIT, RELIEF_UNIT),
        ("我家是低保户，今年采暖费两千四实在拿不出来，听说能减免", RELIEF_UNIT, "heating"),
        ("院里邻居天天烧落叶，烟呛得窗户都不敢开", TOWN_UNIT, "environment"),
        ("物业把落叶堆一块儿点火烧，挨着燃气调压箱，火星子乱飞", HAZARD_UNIT, "gas"),
    ],
)
def test_each_reading_is_an_object_over_its_setting(text: str, unit: str, setting: str) -> None:
    compact = text.replace("，", "")
    objects = [o for o in duty_objects(compact) if o.unit == unit]
    assert objects and setting in objects[0].setting_units
    assert not objects[0].setting_counts


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("我们种地的苞米送到烘干塔，他扣水扣了百分之二十，他那个水分仪肯定有毛病", MARKET_UNIT),
        ("我家是低保户，今年采暖费两千四实在拿不出来，听说低保户能减免采暖费", RELIEF_UNIT),
        ("我们院里那个邻居天天烧落叶，烧那个树叶子，烟呛得窗户都不敢开", TOWN_UNIT),
    ],
)
def test_the_stated_duty_leads(rules_only_router: Router, text: str, lead: str) -> None:
    assert rules_only_router.suggest(text).department == lead


@pytest.mark.parametrize(
    "text",
    [
        "孩子班里这礼拜七八个发烧请假的学校说是流感教室也不消毒这能行吗",  # cases counted
        "水痘班里出了三个了孩子还没打过水痘疫苗现在补打来得及不",  # a shot to catch up on
        "孩子班上有四个出水痘的了请问学校需不需要停课",  # whether to close
        "幼儿园一个班好几个孩子拉肚子吐还发烧园里不让往外说瞒着不报",  # hidden cases
    ],
)
def test_an_outbreak_told_as_one_is_read_without_a_health_ask(text: str) -> None:
    assert school_outbreak(text)


@pytest.mark.parametrize(
    "text",
    [
        "班里十几个孩子甲流学校还非让去期末考试说不去就算零分",  # the school's exams
        "孩子班里三个出水痘学校停课一周伙食费退不退",  # the school's fees
        "建议幼儿园早上晨检看看手和嘴别一个传一班",  # a suggestion for its routine
        "群里传某小学流感死了两个学生学校瞒着根本没这回事请查谁造谣",  # a rumour
    ],
)
def test_the_schools_own_handling_is_not_an_outbreak_read(text: str) -> None:
    assert school_outbreak(text) == ""


def test_an_alarm_device_is_no_call_to_the_police(rules_only_router: Router) -> None:
    # 报警 (call the police) inside 报警器 (an alarm): the rules file cancels it.
    text = "建议冬天多搞点煤炉子的宣传，一氧化碳报警器给老人发几个"
    assert rules_only_router.suggest(text).department != "public_security"
    assert rules_only_router.suggest("邻居家天天打架我要报警").department == "public_security"
