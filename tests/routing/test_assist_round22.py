"""Round 22: a storm or its relief named as the occasion, water endangering lives beside
another lead, and a phone or lift the caller lacks name no 协办; a unit asked as an addition
(也请交警…, 请供电公司也来…) assists and does not take the lead."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.roles import first_named, named_units
from hotline.ticketing.routing.text import normalise


def _compact(text: str) -> str:
    return normalise(text).replace(" ", "")


@pytest.mark.parametrize(
    "text",
    [
        "社区发救灾的米面油 说按户发 我家五口人 就给一袋米 隔壁三口人 给了三袋 红海街道滨海社区的",
        "往害街道那个 救灾补助登记 我家那两天在我闺女家躲台风 回来社区说登记完了 不给补登 凭啥呀",
        "热力公司夏天在我们楼下挖开查管道，台风前没回填，现在成了一个大水坑，孩子差点掉进去。",
        "芦屯镇东村的村干部把今年村里的防汛物资拉回自己家院子里用了，真下大雨了村里啥也没有。",
    ],
)
def test_a_storm_or_its_relief_as_the_occasion_names_no_emergency_assist(
    router: Router, text: str
) -> None:
    got = router.suggest(text)
    assert got.department != "emergency"
    assert "emergency" not in [u for u, _ in got.assisting]


def test_a_storm_word_still_counts_for_the_lead(router: Router) -> None:
    got = router.suggest("台风要来了 我们村海边那几户的房子是危房 得赶紧组织转移")
    assert "emergency" in (got.department, *got.alternatives)


def test_a_flooded_underpass_beside_the_citys_lead_is_its_scene(router: Router) -> None:
    got = router.suggest(
        "下雨天港城大街下穿桥又积水了，半米多深，刚才一个送外卖的电动车在里面熄火了，"
        "人推着车往外蹚。赶紧派人来抽水！"
    )
    assert got.department == "urban_management"
    assert "emergency" not in [u for u, _ in got.assisting]


def test_water_endangering_lives_still_leads_to_emergency(router: Router) -> None:
    got = router.suggest("村东头水库边上天天有半大孩子去游泳 去年就淹死过一个 你们赶紧来管管")
    assert got.department == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "我是替对门张大娘打的 她家没电话 红海街道海滨社区 她这两天门也不开 社区能不能来人看看",
        "海星街道便民服务中心在二楼，没电梯也没坡道。我坐轮椅去办事，只能在楼下喊人。",
    ],
)
def test_no_phone_or_no_lift_is_no_power_cut(router: Router, text: str) -> None:
    got = router.suggest(text)
    assert "power" not in [u for u, _ in got.assisting]


@pytest.mark.parametrize(
    ("text", "added"),
    [
        ("请赶紧来抽水，也请交警过来把路口封一下、把车拖走", "public_security"),
        ("物业不作为，配电箱泡着也不安全，请供电公司也来看看", "power"),
        ("要求处理旅行社，也请交通部门查查这辆车", "transport"),
    ],
)
def test_a_unit_asked_as_an_addition_does_not_lead(text: str, added: str) -> None:
    compact = _compact(text)
    assert first_named(compact) is None
    assert added in named_units(compact)  # still asked: it assists


def test_a_plain_ask_by_name_still_leads() -> None:
    assert first_named(_compact("请供电公司赶紧来看看")) == "power"
    # The first plain ask leads even after an added one.
    assert first_named(_compact("也请交警看看 请城管来把摊子清了")) == "urban_management"


def test_the_underpass_with_police_asked_too_is_led_by_the_city(router: Router) -> None:
    got = router.suggest(
        "望海街道那个铁路下穿桥又淹了，水有一米多深，中间泡着一台出租车，司机自己游出来了。"
        "后面的车还有往里开的，没人拦。请赶紧来抽水，也请交警过来把路口封一下、把车拖走。"
    )
    assert got.department == "urban_management"
    assisting = [u for u, _ in got.assisting]
    assert "public_security" in assisting
    assert "emergency" not in assisting
