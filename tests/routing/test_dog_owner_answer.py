"""A dog's harm and its owner's answer asked (dog_owner_answer.py): the police's mediation,
over the shots' health words and the payment's labour words; a shot asked now, a bite at
work and a dog to be watched are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.dog_owner_answer import dog_owner_answer, dog_owner_readings
from hotline.ticketing.routing.duty_object import duty_objects

POLICE = "public_security"


@pytest.mark.parametrize(
    "text",
    [
        "楼下那家的狗把我闺女腿咬了 他家一分钱不给 还说我们逗狗 能给调解一下不",
        "我家狗把邻居家孩子撵倒了 人家要我赔钱 该赔多少",
        "隔壁的大狗把我家鸡咬死了五只 他说跟我没关系 这个咋整",
        "狗咬人 主人不管",
        # the shot already paid for is only the cost the owner refuses
        "我妈让对门的狗咬了 打针花了一千多 对门死活不认 说他家狗拴着呢",
    ],
)
def test_the_owners_answer_is_read_for_the_police(text: str) -> None:
    compact = text.replace(" ", "")
    assert dog_owner_answer(compact) != ""
    readings = {u: s for u, _, s in dog_owner_readings(compact)}
    assert "health" in readings[POLICE]
    assert any(o.unit == POLICE and not o.setting_counts for o in duty_objects(compact))


@pytest.mark.parametrize(
    "text",
    [
        # a person's shot asked now: health's
        "被邻居家狗咬了 邻居说打针的钱他出 现在上哪打狂犬疫苗",
        "孩子让楼下的狗咬了 医院说免疫球蛋白得等 狗主人还一口咬定不是他家狗 调解也没用",
        # a bite at work: human resources'
        "送外卖被顾客家狗咬了 打针的钱谁赔 算不算工伤",
        # the dog to be watched: agriculture's
        "儿子让邻居家狗咬了 大夫说狗得关起来观察十天 狗主人不干 请给协调一下",
        # a dog loose with no harm's answer asked, a dispute over a dog's price
        "小区里有人遛狗不拴绳 大狗到处跑",
        "买的狗没几天死了 卖狗的不给退钱 让调解",
    ],
)
def test_no_owners_answer(text: str) -> None:
    assert dog_owner_answer(text.replace(" ", "")) == ""


@pytest.mark.parametrize(
    "text",
    [
        "那个 我家狗咬了送快递的 人家要我赔钱 我该赔多少",
        "我家老人让邻居家狗咬了 去医院打针花了两千多 邻居一分钱不拿 能不能给调解调解",
        "隔壁的大狗把我家鸡咬死了五只 他说跟我没关系 这个咋整",
    ],
)
def test_the_rules_route_the_owners_answer_to_the_police(
    rules_only_router: Router, text: str
) -> None:
    # Without the reading the rules follow the payment (human resources), the shots
    # (health) or nothing at all.
    assert rules_only_router.suggest(text).department == POLICE
