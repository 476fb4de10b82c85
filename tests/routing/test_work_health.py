"""A worker's health at work (work_health.py): occupational disease, its check and a
workshop's noise harming hearing, and the caller's own health certificate, read as the
health commission's over the employer's, the workplace's or the fee's words."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.work_health import (
    certificate_sought,
    infectious_food,
    occupational_health,
)


@pytest.mark.parametrize(
    "text",
    [
        "在砂轮厂干了九年 这阵子老喘 大夫说像矽肺 职业病诊断去哪做",
        "我们是喷漆车间的 厂里好几年没给做过职业健康检查了",
        "锻造车间锤一落耳朵嗡嗡的 干了三年听力明显不行了 厂里连耳塞都没有",
        "厂里不给开接触史证明 我这个病没法诊断 想做职业病鉴定上哪去",
    ],
)
def test_occupational_health_is_read(text: str) -> None:
    assert occupational_health(text)


@pytest.mark.parametrize(
    "text",
    [
        # A work-injury claim with no diagnosis sought: work_injury.py's.
        "尘肺已经确诊了 厂里不给报工伤 工伤认定找谁",
        # A factory's noise keeping neighbours awake: the environment's.
        "小区后面那个厂晚上机器轰轰响 吵得睡不着觉",
        # A factory's dust over a village: the environment's.
        "石料厂粉尘飘得满院子都是 晾的衣服没法穿",
    ],
)
def test_no_occupational_reading_for_an_injury_claim_or_a_neighbours_nuisance(
    text: str,
) -> None:
    assert occupational_health(text) == ""


@pytest.mark.parametrize(
    "text",
    [
        "去大石桥办个健康证 体检中心要了一百八 是不是多收了",
        "健康证过期了 换证体检上哪做",
        "我想办健康证 社区医院能不能办",
    ],
)
def test_the_callers_own_certificate_is_read(text: str) -> None:
    assert certificate_sought(text)


@pytest.mark.parametrize(
    "text",
    [
        # Staff without one: the market regulator's food-safety check.
        "举报 路口那家烧烤店 串串的伙计都没有健康证",
        "小区门口卖凉皮的 做饭的人没办健康证",
        # A job's terms asked, the certificate one of them: the labour side's.
        "饭店让我先自己花钱办健康证 试用期还不签合同 这合法吗",
    ],
)
def test_no_certificate_reading_for_staff_without_one_or_a_jobs_terms(text: str) -> None:
    assert certificate_sought(text) == ""


@pytest.mark.parametrize(
    "text",
    [
        "在翻砂厂干了十来年 现在喘不上气 医院说可能是尘肺 厂里不给开职业史证明 咋整",
        "老板说今年不给工人做职业健康体检了 省钱 这归谁管",
        "办健康证 那个体检中心收一百六 正常价是多少",
    ],
)
def test_a_routed_work_health_request_leads_to_health(router: Router, text: str) -> None:
    assert router.suggest(text).department == "health"


@pytest.mark.parametrize(
    "text",
    [
        "我们厂食堂那个掌勺的师傅查出来甲肝了 还照常在后厨炒菜",
        "小区门口早点摊的摊主得了肺结核 咳得厉害 还天天在那卖包子",
        "在那个快餐摊吃过饭的工友有三个查出甲肝 摊子还在卖",
        "饭店后厨一个帮厨得了伤寒 老板让他接着切菜",
    ],
)
def test_food_handled_by_the_infectious_is_read(text: str) -> None:
    assert infectious_food(text)


@pytest.mark.parametrize(
    "text",
    [
        # Staff without a health certificate: the market regulator's food-safety check.
        "饭店后厨的厨师得了肺结核 还天天上灶 健康证都没有",
        # The education bureau asked over a school canteen and its fees.
        "学校食堂的师傅得了甲肝还在上灶 伙食费也涨了 请教育局管管",
        # Ill, but not at the food any more.
        "我在面馆后厨干活 查出肺结核了 现在在家吃药 想问免费药在哪领",
        # A rumour.
        "群里造谣说夜市摊主得了甲肝还在卖 请公安查查",
    ],
)
def test_no_reading_without_the_handler_still_at_the_food(text: str) -> None:
    assert infectious_food(text) == ""


@pytest.mark.parametrize(
    "text",
    [
        "我们厂食堂那个掌勺的师傅查出来甲肝了 还照常在后厨炒菜",
        "在那个快餐摊吃过饭的工友有三个查出甲肝 摊子还在卖",
        "饭店后厨一个帮厨得了伤寒 老板让他接着切菜",
    ],
)
def test_a_routed_infectious_food_handler_leads_to_health(router: Router, text: str) -> None:
    assert router.suggest(text).department == "health"
