"""Written web-form messages (tests/routing/data/written_dev.jsonl): long back-stories
that name other units or places, the ask at the end, formal phrases (恳请、望相关部门、
特此反映). A unit named only in the back-story does not take the lead, and the type
follows the catalogue's 标志 as they are written."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router


def test_where_the_caller_is_registered_is_no_household_registration_matter(
    router: Router,
) -> None:
    s = router.suggest(
        "本人今年七十九岁，户籍在熊岳镇，去年起每月的高龄补贴就没有发过，望相关部门核查。"
    )
    assert s.department == "civil_affairs"


def test_a_missing_person_written_as_not_back_yet_goes_to_the_police(router: Router) -> None:
    s = router.suggest(
        "我母亲患有老年痴呆，今天上午从家中出门买菜至今未归，穿红色外套，"
        "社区也帮着发了群消息。恳请帮忙寻找。"
    )
    assert s.department == "public_security"


@pytest.mark.parametrize(
    ("text", "type_id"),
    [
        (
            "我们楼里有两户私自把暖气管接到自家的地热上，导致末端住户一直不热。"
            "特此反映，望热力公司查处私接行为。",
            "report",
        ),
        (
            "芦屯镇我们这片从昨晚十一点停电到现在，冰箱里的东西都化了，恳请尽快抢修。",
            "help",
        ),
        (
            "我家卫生间顶棚渗水半年，物业和开发商互相推，恳请住建部门督促开发商履行保修责任。",
            "complaint",
        ),
    ],
)
def test_written_asks_give_the_catalogue_type(router: Router, text: str, type_id: str) -> None:
    assert router.suggest(text).category == type_id


def test_an_earlier_matter_in_the_back_story_does_not_lead(router: Router) -> None:
    s = router.suggest(
        "本人此前就拖欠工资问题多次反映过，劳动部门已经处理完毕。现在反映的是另一件事："
        "厂区门口新开了一家快餐店，没有营业执照和卫生许可证，后厨老鼠乱跑。请相关部门查一下。"
    )
    assert s.department == "market_supervision"
    assert s.category == "report"


def test_the_area_of_the_back_story_still_counts(router: Router) -> None:
    from hotline.ticketing.routing.backstory import current_matter

    text = "我是红海街道居民，之前反映过路灯。现在反映的是小区门口有人占道摆摊卖菜。"
    assert current_matter(text) == "小区门口有人占道摆摊卖菜。"
    s = router.suggest(text)
    assert s.area == "honghai"  # said only in the back-story
    assert s.department == "urban_management"  # 占道摆摊
    assert current_matter("另一件事：好") == "另一件事：好"  # too short to be a matter
    assert current_matter("暖气不热") == "暖气不热"


def test_a_first_matter_set_aside_gives_way_to_the_ask(router: Router) -> None:
    from hotline.ticketing.routing.backstory import current_matter

    said = "我先说一下 我们小区路灯不亮 那个不着急 主要是饭店老板欠我俩月工资一分钱没给"
    assert current_matter(said) == "饭店老板欠我俩月工资一分钱没给"
    assert router.suggest(said).category == "complaint"  # the wages, not the street light
    written = "两个问题：1.路灯不亮；2.最主要的是地下车库天天有人烧烤喝酒乱扔烟头"
    assert current_matter(written) == "地下车库天天有人烧烤喝酒乱扔烟头"
    # "着急" alone sets nothing aside: the whole call is the matter.
    assert current_matter("兽医站能来个人看看吗 着急") == "兽医站能来个人看看吗 着急"


def test_a_caller_counting_off_questions_is_routed_on_the_one_named_main(
    router: Router,
) -> None:
    from hotline.ticketing.routing.backstory import current_matter

    said = (
        "我先问一下 学生开学体检 学校组织还是自己去 行 "
        "问完这个我主要是想问 孩子的接种证差一针 上哪补"
    )
    assert current_matter(said) == " 孩子的接种证差一针 上哪补"
    assert router.suggest(said).department == "health"  # the vaccination, not the school
    small = "楼道灯坏了那个不要紧 主要是我家燃气表充了钱也不走 做不了饭"
    assert current_matter(small) == "我家燃气表充了钱也不走 做不了饭"
    # 主要 in a description turns to nothing: the whole call is the matter.
    plain = "我们小区主要是老人住 电梯坏了一个礼拜没人修"
    assert current_matter(plain) == plain


def test_a_forms_tag_does_not_type_the_request(router: Router) -> None:
    from hotline.ticketing.routing.backstory import current_matter

    text = "【投诉】请问孩子班里一半发烧了停不停课，是学校说了算还是教育局说了算？"
    assert current_matter(text) == text.removeprefix("【投诉】")
    assert router.suggest(text).category == "consult"  # a question, whatever the form


def test_a_unit_asked_by_its_department_name_leads_over_the_back_story(router: Router) -> None:
    s = router.suggest(
        "我们小区供暖一直不错，热力公司服务也好。小区门口的黑车天天拉客，望交通部门查处。"
    )
    assert s.department == "transport"
