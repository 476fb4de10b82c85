"""Care asked for someone at home, a hepatitis B carrier refused a job and a birth
certificate written wrong (care_asked.py) lead to their duty's unit, not the area, the
police or the health words in the story; a village collecting its households' medical
insurance is the town's (village_own.py)."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.care_asked import (
    birth_paper_wrong,
    care_asked_readings,
    carrier_refused,
    home_doctor,
)
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.village_own import village_own


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("我爸瘫炕上了 尿管该换了 家庭医生能不能上门给换一下", "医生能不能上门"),
        ("想请卫生院派个医生来家里给看看", "卫生院派个医生来家"),
        ("签了家庭医生 说好每季度上门量血压 一次没来过", "医生说好每季度上门"),
    ],
)
def test_a_doctor_asked_to_the_home_is_read(text: str, words: str) -> None:
    assert home_doctor(_compact(text)) == words
    found = [o for o in duty_objects(_compact(text)) if o.unit == "health"]
    assert any("civil_affairs" in o.setting_units for o in found)


@pytest.mark.parametrize(
    "text",
    [
        # The visit's payment is the insurer's; care homes organised by civil affairs.
        "家庭医生上门打针换药收的钱 医保能报吗",
        "建议民政局组织养老院跟社区卫生服务中心签约 让医生每周上门看看",
        # No doctor comes: a neighbour asks the community to look in.
        "楼上独居老太太好几天没见出门了 敲门没人应 社区能不能来个人看看",
    ],
)
def test_other_visits_are_not_read(text: str) -> None:
    assert home_doctor(_compact(text)) == ""


def test_a_carrier_refused_a_job_is_read_and_a_health_certificate_is_not() -> None:
    assert carrier_refused("入职体检查出乙肝表面抗原阳性公司当场就说不录用了") != ""
    assert carrier_refused("体检查出乙肝小三阳健康证就不给办了饭店的活也黄了") == ""
    assert carrier_refused("孩子体检查出乙肝表面抗原阳性学校说不让住校") == ""


def test_a_birth_certificate_wrong_is_read_and_one_merely_asked_is_not() -> None:
    assert birth_paper_wrong("出生医学证明上孩子名字打错了一个字") != ""
    assert birth_paper_wrong("孩子出生证明拿到了上户口要啥材料") == ""
    assert care_asked_readings("孩子出生证明拿到了上户口要啥材料") == []


def test_a_village_collecting_medical_insurance_is_its_own_errand() -> None:
    assert village_own("红旗镇我们村会计挨家挨户收医保钱一查根本没给参上保") == "村会计…收"
    # The insurer's own premium with no village collecting it stays the bureau's.
    assert village_own("城乡居民医保今年多少钱一个人手机上咋交") is None


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("红海这儿 我有糖尿病 腿上的伤口烂了 想请社区卫生服务中心的大夫上门换个药", "health"),
        ("入职体检查出乙肝表面抗原阳性 公司当场就说不录用了 是不是违法", "human_resources"),
        ("妇产医院的出生医学证明上孩子名字打错了一个字 派出所上户口给退回来了", "health"),
        ("红旗镇我们村 会计挨家挨户收医保钱 钱交了 一查根本没给参上保 找他退钱他也不退", "hongqi"),
    ],
)
def test_the_duty_leads_end_to_end(router: Router, text: str, unit: str) -> None:
    assert router.suggest(text).department == unit
