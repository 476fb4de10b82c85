"""The town or subdistrict called by its full name to act, or quoted from its notice,
leads (area_named.py); a bare stem in an address and a property company's notice do not."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.area_named import area_named_acts, area_notice

_XIONGYUE = ("熊岳镇", "熊岳城", "熊岳")


@pytest.mark.parametrize(
    "text",
    ["熊岳镇能不能派人把树枝清了", "请熊岳镇政府出面协调", "熊岳镇上组织的那个培训班还办不办"],
)
def test_the_full_name_as_the_one_to_act(text: str) -> None:
    assert area_named_acts(text, _XIONGYUE)


@pytest.mark.parametrize(
    "text",
    [
        "熊岳那边山上能不能派人找找",  # a bare stem: where, not who
        "熊岳镇我们村后边新开了个养猪场",  # the full name as an address
        "熊岳城能不能派人来",  # a name that is no town's office
    ],
)
def test_an_address_is_not_the_area_asked(text: str) -> None:
    assert not area_named_acts(text, _XIONGYUE)


def test_a_notice_of_a_level_of_government_and_not_of_a_compound() -> None:
    assert area_notice("【海星街道幸福社区通知】“下周开展义诊。”——请问在哪？")
    assert area_notice("【镇里公众号通知】“招募志愿者……”请问怎么报名？")
    assert not area_notice("【转自小区通知】“各位业主：下周停水。”请问几点来水？")
    assert not area_notice("社区通知下周义诊")  # no quoted notice, no question about it


def test_a_town_asked_by_its_full_name_leads_over_the_scene(router: Router) -> None:
    s = router.suggest("我们村小学门口那个桥 栏杆让车撞断了 孩子天天过 芦屯镇能不能派人先给拦上")
    assert s.department == "lutun"
    assert "点名" in s.explanation


def test_a_question_about_a_subdistricts_notice_goes_to_it(router: Router) -> None:
    s = router.suggest(
        "【望海街道海滨社区通知】“本月开展老年人免费体检，请携带身份证。”"
        "——请问体检在哪个医院做？要不要提前预约？"
    )
    assert s.department == "wanghai"


@pytest.mark.parametrize(
    "text",
    [
        "我们住熊岳镇能不能派人上门给认证一下",  # where the caller lives; the hotline is asked
        "我在熊岳镇帮我找找车主",  # where the caller is
    ],
)
def test_the_full_name_said_as_where_one_lives_is_an_address(text: str) -> None:
    assert not area_named_acts(text, _XIONGYUE)


@pytest.mark.parametrize(
    "text",
    [
        "海星街道社区的低保公示贴在哪了",
        "村里分红的名单在哪能看着",
        "门上贴的那个街道通知 字太小 看不清",
    ],
)
def test_a_question_about_a_list_or_notice_the_area_posted(text: str) -> None:
    assert area_notice(text)


@pytest.mark.parametrize(
    "text",
    [
        "小区物业贴通知说明天停水",  # a property company's notice
        "望海街道那个规划公示我看了 要盖高楼",  # the planning bureau's notice
        "镇上说低保名单不归他们管 到底归谁",  # the area disclaimed it
        "社区通知六十岁以上老人免费打疫苗 打完有啥反应",  # asked about its subject
    ],
)
def test_not_a_question_about_the_areas_own_paper(text: str) -> None:
    assert not area_notice(text)


def test_where_an_areas_list_hangs_is_the_areas_to_answer(router: Router) -> None:
    s = router.suggest("海星街道社区的低保公示 到底贴哪了 我转了两圈也没看着")
    assert s.department == "haixing"
