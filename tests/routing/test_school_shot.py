"""A child's shot told with a school or kindergarten (school_shot.py): the health
commission's, unless the school's own rule is asked."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.school_entry_shots import school_entry_readings
from hotline.ticketing.routing.school_shot import school_shot


@pytest.mark.parametrize(
    "text",
    [
        "建议开学的时候学校和社区卫生服务中心一起给新生查一遍疫苗本，缺的针当场约上",
        "孩子要上幼儿园了 老师说入园要查验 到底都查哪些针",
        "幼儿园要查验证明，孩子对鸡蛋过敏一针麻腮风没打，有医院的禁忌证明，园里还是不收",
        "学校说下礼拜统一给孩子打流感疫苗，家长要不要去签字？打完能上体育课吗",
    ],
)
def test_a_childs_shot_with_a_school_is_read(text: str) -> None:
    assert school_shot(text)
    assert school_entry_readings(text)[0][:1] == ("health",)
    assert school_entry_readings(text)[0][2] == ("education",)


@pytest.mark.parametrize(
    "text",
    [
        # The school's own rule asked: education's or split, not read.
        "幼儿园说不补完那针乙脑就不让入园 这合理吗",
        "孩子的接种证少一针，补种排到下个月，能不能先让孩子入园上着？",
        "班主任让没打流感疫苗的孩子写承诺书还点名，要求学校别这么干了",
        # An animal's shot, a forged notice, no school at all.
        "学校旁边有条野狗咬了孩子 狂犬疫苗哪打",
        "群里有人发假通知说没打疫苗不让进校，这是造谣吧",
        "孩子两岁了 社区卫生服务中心说乙脑疫苗没货",
        # A class's illness with no shot: split between health and education, not read.
        "孩子班里好几个出水痘的 老师还照常上课",
    ],
)
def test_no_reading_for_the_schools_rule_an_animal_or_no_school(text: str) -> None:
    assert school_shot(text) == ""


@pytest.mark.parametrize(
    "text",
    [
        "建议每学期开学学校和卫生院一起查孩子的接种本，少哪针统一通知家长去补",
        "幼儿园开学要交接种查验证明，孩子一针百白破有禁忌没打，医院开了证明，园长还是不让来，咋办",
    ],
)
def test_a_routed_childs_shot_with_a_school_leads_to_health(router: Router, text: str) -> None:
    assert router.suggest(text).department == "health"
