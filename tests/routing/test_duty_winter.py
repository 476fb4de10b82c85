"""Winter duties over their setting (duty_winter.py): each object is read with the unit the
catalogue gives it and the units whose words only set its scene; the near misses the retired
labels give to another unit are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing.duty_object import duty_objects, tourist_price
from hotline.ticketing.routing.duty_winter import winter_readings


def _units(text: str) -> set[str]:
    return {unit for unit, _, _ in winter_readings(text)}


@pytest.mark.parametrize(
    ("text", "unit", "setting"),
    [
        ("海边冰排上有几个孩子在跳着玩有一块已经漂出去了快找人来", "emergency", "culture_tourism"),
        ("浴场那边海面冻上了好多人在冰上走冰边都裂了也没人劝", "emergency", "culture_tourism"),
        ("工地彩钢板房里工人用电暖气和煤炉子一个灭火器都没有", "emergency", "heating"),
        ("养老院房间里插线板串着插线板还用电炉子烧水这要着火了", "emergency", "civil_affairs"),
        ("住房公积金能不能提出来交取暖费要啥手续", "housing", "heating"),
        ("群里有人发假通知说学校明天停课这是造谣吧", "public_security", "education"),
        ("腊月杀年猪自己家养的要不要找人检疫", "agriculture", "market_supervision"),
        ("集上卖活鸡的笼子里死了好几只摊主还拿出来卖", "agriculture", "market_supervision"),
        ("车站有个老人钱让人偷了回不了家能不能帮帮他", "civil_affairs", "public_security"),
        ("过期的身份证能不能用下礼拜想去登记结婚", "civil_affairs", "public_security"),
        ("劳务中介招短期工收了每人三百报名费人没了", "human_resources", "public_security"),
        ("放完的烟花满街都是纸屑派人来扫扫", "urban_management", "emergency"),
        ("元宵节烟花晚会在哪放几点开始", "culture_tourism", "emergency"),
        ("水管冻了化冻的师傅烤了一会儿就要三百", "water", "human_resources"),
        ("村里冬天烧煤取暖以后是不是不让烧了会不会罚", "environment", "heating"),
    ],
)
def test_the_winter_object_is_read_with_its_unit_over_its_setting(
    text: str, unit: str, setting: str
) -> None:
    readings = {u: s for u, _, s in winter_readings(text)}
    assert unit in readings
    assert setting in readings[unit]
    assert any(o.unit == unit and not o.setting_counts for o in duty_objects(text))


def test_a_poor_households_festival_allowance_is_civil_affairs() -> None:
    assert "civil_affairs" in _units("我是低保户春节的慰问金今年啥时候发")


@pytest.mark.parametrize(
    "text",
    [
        # frostbite after fishing on the ice: the health bureau's
        "我爸在海边冰上钓了一宿鱼脚冻伤了上哪个科看",
        # ice on a road or in a ditch, a village asked about its own pond
        "水管爆了路面冻成冰车和人都在冰上打滑",
        "小河冻上了孩子在上面滑冰希望村里立个牌子",
        # a heater bought that caught fire: the product's quality
        "商场买的电暖器用了三天插头差点着火商场不给换",
        # the home's regulator asked by name
        "养老院走廊里用小太阳取暖着了火跑都跑不出去请民政局管管这家养老院",
        # a boiler that will not light
        "壁挂炉打不着火这是炉子的事还是你们的事",
        # meat of a sick animal sold: food safety
        "集上卖羊肉的会不会是病死的羊你们查查",
        # the police asked for a certificate
        "身份证让人偷了钱也没了回不去了求派出所给开个身份证明",
        # the community's own hand-out
        "社区发的慰问品说是给困难户的我家是低保户一回也没领着",
        # seafood thawed, a village well frozen
        "海边市场买的海蛎子回家一解冻全是冰碴子要求退钱",
        "村里的井冻住了等开春化冻再说没钱修",
        # a rental agency, not a job
        "租房中介收了押金人找不着了",
    ],
)
def test_near_misses_are_not_read(text: str) -> None:
    assert winter_readings(text) == []


def test_a_tickets_price_raised_without_notice_is_price_supervision() -> None:
    assert tourist_price("温泉景区门票从一百五涨到二百六售票处没有任何公示")
    # a ticket refunded or refused stays the scenic spot's
    assert tourist_price("景区门票网上买的下雨没去成不给退") == ""
