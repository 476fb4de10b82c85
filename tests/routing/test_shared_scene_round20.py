"""Shared scenes read in round 20: wages owed told without 工资, the area asked beside a
unit named by the caller, an overload counted per vehicle, and a utility beside an
emergency lead's fire hazard read as the scene (assist.SCENE_UNITS)."""

from __future__ import annotations

from dataclasses import replace

from hotline.ticketing.routing import Router
from hotline.ticketing.routing.auto import held_back_by
from hotline.ticketing.routing.shared_duty import area_also_asked, unnamed_duties
from hotline.ticketing.routing.text import normalise


def _compact(text: str) -> str:
    return normalise(text).replace(" ", "")


def test_the_area_asked_beside_a_unit_the_caller_names() -> None:
    assert area_also_asked(_compact("请派出所查骗子，也让社区赶紧在群里提醒大家"))
    assert area_also_asked(_compact("请住建局和社区催一催，先找个人管着"))
    # Where the caller already went is no ask; nor the area's own words.
    assert not area_also_asked(_compact("我也找社区了，社区说管不了"))
    assert not area_also_asked(_compact("我也找社区说过这事"))
    assert not area_also_asked(_compact("住建局和社区说了都不管"))


def test_an_overload_packed_into_each_vehicle_is_traffic_managements_too() -> None:
    def units(text: str) -> list[str]:
        return [d.unit for d, _ in unnamed_duties(_compact(text), "transport")]

    assert units("客运站门口的私家面包车，一车塞十一二个人，行李捆车顶上") == ["public_security"]
    assert units("那种小面包一车挤了十几个学生") == ["public_security"]
    # Carrying people says no overload; the traffic police leading need no second self.
    assert units("一车拉了三个人去镇上，要价太高") == []
    assert unnamed_duties(_compact("一车塞十一二个人"), "public_security") == []


def test_wages_owed_told_as_not_a_cent_paid_lead_to_human_resources(router: Router) -> None:
    got = router.suggest(
        "我们在一个老旧小区改造的工地上干保温和外墙，十四个人，从十月干到腊月，"
        "老板说甲方没拨款，一分钱没给。快过年了，车票都买不起。"
    )
    assert got.department == "human_resources"
    assert "housing" in dict(got.assisting)  # 老旧小区改造 is the housing bureau's project


def test_the_area_asked_beside_the_lead_assists_and_holds(router: Router) -> None:
    on = replace(router.rules.auto_dispatch, enabled=True)
    got = router.suggest(
        "社区居民微信群里有人冒充网格员发链接，要填身份证号和银行卡号，好几个老人都填了。"
        "请派出所查骗子，也让社区赶紧在群里提醒大家。海星街道锦华社区。"
    )
    assert got.department == "public_security"
    assert "haixing" in dict(got.assisting)
    assert not got.asked_alone
    assert held_back_by(got, on) == "assisting"


def test_a_utility_next_to_a_fire_hazard_is_the_scene_not_a_shown_unit(router: Router) -> None:
    on = replace(router.rules.auto_dispatch, enabled=True)
    got = router.suggest(
        "我们楼地下室有家把储藏间改成了仓库，存了几十箱烟花，物业也不管，"
        "地下室就是整栋楼的暖气管道和电缆。"
    )
    assert got.department == "emergency"
    assert "heating" not in dict(got.assisting)
    assert held_back_by(got, on) is not None  # still past a person
    # A utility the caller names is still asked to act.
    named = router.suggest("液化气站违规储存气罐，离居民楼太近了，燃气公司也不管")
    assert named.department == "emergency"
    assert "gas" in dict(named.assisting)
