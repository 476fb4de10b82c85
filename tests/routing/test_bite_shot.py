"""A person's shot after a bite or a scratch (bite_shot.py): read as health's, agriculture's
animal words only its setting; an animal bitten by another, the biting animal's own
observation, and the money asked of a bite (insurance, work injury, the owner) are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.bite_shot import bite_shot, person_bitten
from hotline.ticketing.routing.duty_object import duty_objects


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("让邻居家猫给挠了一下 用不用打针啊", "让邻居家猫给挠…打针"),
        ("我让自个儿家的狗咬了一口 自家狗咬的也得打针吗", "让自个儿家的狗咬…打针"),
        ("野狗把我闺女手咬了 狂犬疫苗上哪打", "把我闺女手咬…狂犬"),
        ("昨天下午被流浪猫抓出血了，免疫球蛋白要不要打？", "被流浪猫抓…免疫球蛋白"),
    ],
)
def test_a_person_bitten_with_a_shot_is_read(text: str, read: str) -> None:
    assert bite_shot(text) == read


@pytest.mark.parametrize(
    "text",
    [
        # an animal bitten by another: the bitten animal's own shot
        "我家狗昨晚让野狗咬了 狗得打啥疫苗",
        "流浪狗把我家兔子咬了 兔子要打针吗",
        # the biting animal's own observation asked
        "孩子让邻居家狗咬了正打着针呢 那狗得关起来观察十天 主人不干",
        # the money asked: insurance, a work injury, the owner's payment
        "让狗咬了打了四针疫苗 这个医保能报不",
        "送快递被客户家的狗咬了 打针的钱算不算工伤",
        "老人让邻居家狗咬了 打针花了一千多 邻居一分钱不出 给调解调解",
        # a person bitten to death in a rumour, no shot
        "网上说有人被疯狗咬死了 狂犬病传开了 是不是造谣",
        # a bite with no shot
        "被蚊子咬了一身包 小区也不打药",
    ],
)
def test_an_animal_bitten_its_observation_or_money_is_not_read(text: str) -> None:
    assert bite_shot(text) == ""


def test_the_bitten_is_the_one_before_the_passive() -> None:
    assert person_bitten("我儿子让狗咬了") == "让狗咬"
    assert person_bitten("我家猫让狗咬了") == ""


def test_the_reading_is_a_health_object_over_agriculture() -> None:
    objects = duty_objects("让邻居家猫给挠了一下 用不用打针啊")
    shot = [o for o in objects if o.words == "让邻居家猫给挠…打针"]
    assert len(shot) == 1
    assert shot[0].unit == "health"
    assert shot[0].setting_units == ("agriculture",)


def test_a_scratched_persons_shot_goes_to_health_not_agriculture(router: Router) -> None:
    # 猫 … 打针 reads as the cat's vaccine (duty_object.animal_shot); the person was scratched.
    suggestion = router.suggest("被猫挠了用打针不")
    assert suggestion.department == "health"
    assert suggestion.epidemic is True


def test_a_dogs_own_shot_after_a_fight_stays_agriculture(router: Router) -> None:
    suggestion = router.suggest("我家狗半夜让野狗咬了 狗得打啥疫苗 上哪打")
    assert suggestion.department == "agriculture"
    assert suggestion.epidemic is False
