"""The object of the ask over its setting (duty_object.py): food served by a business that
made people ill is the market regulator's although a hospital treated them; an animal's own
shot is agriculture's although 疫苗 is a person's vaccination word too; a leaking chemical or
a wood on fire is the emergency bureau's although the fumes are the environment's words.
Outbreaks, a bitten person's shot, meat, a pet clinic's price, burning straw and a discharge
are not read so."""

from __future__ import annotations

import pytest
from hotline.ticketing.catalog import Catalog
from hotline.ticketing.routing import Router, RoutingRules
from hotline.ticketing.routing.classifier import train_seed
from hotline.ticketing.routing.duty_object import (
    ANIMAL_UNIT,
    FOOD_UNIT,
    HAZARD_UNIT,
    SETTING_FACTOR,
    animal_shot,
    classifier_setting,
    duty_objects,
    food_made_ill,
    hazard,
)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("饭店吃完拉肚子一家三口都拉", "饭店吃完拉肚子"),
        ("工地食堂吃了晚饭半夜三十多个工人都上吐下泻", "食堂吃了晚饭半夜三十多个工人都上吐下泻"),
        ("在村部大院里摆的流水席吃完了四十多口子人上吐下泻", "流水席吃完了四十多口子人上吐下泻"),
        ("早市熟食摊买的猪头肉回家吃完全家拉肚子", "熟食摊买的猪头肉回家吃完全家拉肚子"),
    ],
)
def test_food_served_then_people_taken_ill_is_read(text: str, words: str) -> None:
    assert food_made_ill(text) == words


@pytest.mark.parametrize(
    "text",
    [
        # the illness told first, the canteen only suspected: an outbreak
        "一家幼儿园十几个孩子上吐下泻园里说是诺如可家长们都怀疑是食堂不干净",
        # the ask is to disinfect: the health bureau's outbreak
        "我们单位食堂好几个人上吐下泻都说是那个诺如病毒能不能来人给消消毒",
        # whether it is the food or a contagion
        "学校中午吃完食堂晚上二十多个孩子上吐下泻请查查到底是饭的问题还是传染的",
        # a wedding dinner with no server named, the ask for doctors
        "我们昨天吃喜酒回来一桌人上吐下泻大夫说是食物中毒医院说人太多大夫不够",
        "孩子上吐下泻一天了家里老人也开始拉肚子",
        # norovirus among a school's pupils, the name misheard
        "望海那个中学食堂好几十个孩子上吐下泻说是诺入病毒学校也不通知家长",
    ],
)
def test_no_food_made_ill_is_read_elsewhere(text: str) -> None:
    assert food_made_ill(text) == ""


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("我家养的小狗今年的狂犬疫苗该打了", "狗今年的狂犬疫苗"),
        ("村里防疫员上门给狗打狂犬疫苗一条狗收五十", "狗打狂犬疫苗"),
        ("流浪狗把我家羊咬了羊要不要打狂犬疫苗", "羊要不要打狂犬疫苗"),
        ("大夫说那条狗得关起来观察十天", "狗得关起来观察"),
    ],
)
def test_an_animals_own_shot_is_read(text: str, words: str) -> None:
    assert animal_shot(text) == words


@pytest.mark.parametrize(
    "text",
    [
        "被狗咬了打狂犬疫苗一针一百多",  # the bitten person's shot
        "狂犬疫苗在哪打孩子让狗咬了",  # 犬 of 狂犬 is no animal here
        "这大半夜的框犬疫苗用不用打",  # 狂犬 misheard
        "那个牛感疫苗社区医院打电话说到了",  # 流感 misheard
        "社区医院打加牛疫苗得先在手机上预约",  # 甲流 misheard
        "熊岳镇那个市场里卖的猪肉没检疫章",  # the meat: food safety
        "宠物医院给我家猫打疫苗说好一百二结账收我三百六",  # a pet clinic's price
    ],
)
def test_no_animal_shot_is_read_elsewhere(text: str) -> None:
    assert animal_shot(text) == ""


def test_the_setting_unit_counts_less_unless_a_person_was_bitten() -> None:
    (food,) = duty_objects("饭店吃完拉肚子")
    assert (food.unit, food.setting_counts) == (FOOD_UNIT, False)
    (pet,) = duty_objects("我家小狗的狂犬疫苗该打了")
    assert (pet.unit, pet.setting_counts) == (ANIMAL_UNIT, False)
    (bitten,) = duty_objects("我儿子让邻居家的狗给咬了大夫说那条狗得关起来观察十天")
    assert (bitten.unit, bitten.setting_counts) == (ANIMAL_UNIT, True)


@pytest.mark.parametrize(
    ("text", "lead", "setting"),
    [
        # the hospital that told the diagnosis and the clinic that treated them set the scene
        (
            "年夜饭在饭店吃的 回来一家人上吐下泻 医院说是食物中毒 四个人花了两千多 "
            "饭店说不是他家的事 一分不管",
            FOOD_UNIT,
            "health",
        ),
        (
            "我家那口子在一个工地上干活，工地食堂吃了晚饭，半夜三十多个工人都上吐下泻发烧，"
            "好几个送医院了，食堂连个卫生许可都没有",
            FOOD_UNIT,
            "health",
        ),
        # the pet's vaccine, not a person's
        (
            "我家养的小狗今年的狂犬疫苗该打了，听说村里有动物防疫员能打，是免费的吗？"
            "还是得去宠物医院",
            ANIMAL_UNIT,
            "health",
        ),
    ],
)
def test_the_object_leads_over_its_setting(
    rules_only_router: Router, text: str, lead: str, setting: str
) -> None:
    got = rules_only_router.suggest(text)
    assert got.department == lead
    assert setting in {a.department for a in got.alternatives}


def test_a_person_bitten_keeps_the_shot_with_the_health_bureau(rules_only_router: Router) -> None:
    text = (
        "村里这两天组织给狗打狂犬疫苗，我家狗挣脱了把来打针的防疫员咬了一口，他要去哪儿打人的疫苗"
    )
    assert rules_only_router.suggest(text).department == "health"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("隔壁那个化工仓库有个大铁桶倒了往外淌东西", "化工仓库有个大铁桶倒了"),
        ("一辆拉化工品的罐车侧翻了罐子底下往外渗东西", "化工品的罐车侧翻了"),
        ("望儿山后身那片松树林冒烟了烟老大了", "松树林冒烟"),
        ("山上全是干草，刚才有一处冒烟了", "山上全是干草，刚才有一处冒烟"),
    ],
)
def test_a_chemical_leaking_or_a_wood_on_fire_is_read(text: str, words: str) -> None:
    assert hazard(text) == words


@pytest.mark.parametrize(
    "text",
    [
        "村边地里天天烧秸秆冒烟呛得睡不着",  # burning straw: air pollution
        "化工厂半夜往河里排污水一股味",  # a discharge, not a leak
        "楼下烧烤店冒烟呛人",  # no wild vegetation
    ],
)
def test_no_hazard_is_read_elsewhere(text: str) -> None:
    assert hazard(text) == ""


def test_a_chemical_leak_leads_over_the_environments_words(rules_only_router: Router) -> None:
    text = (
        "我们厂在海星街道工业园 隔壁那个化工仓库 有个大铁桶倒了 往外淌东西 一股酸味儿 "
        "呛得眼睛睁不开 人都跑出来了 你们赶紧来人"
    )
    got = rules_only_router.suggest(text)
    assert got.department == HAZARD_UNIT
    assert "environment" in {a.department for a in got.alternatives}


def test_an_animal_bitten_by_another_keeps_its_shot_with_agriculture() -> None:
    # the cat bitten, not a person: the health bureau's words only set the scene
    (pet,) = duty_objects("我家那小猫让邻居家狗咬了一口猫用不用打狂犬疫苗上哪打")
    assert (pet.unit, pet.setting_counts) == (ANIMAL_UNIT, False)
    # a person bitten beside it still keeps the shot a person's (bite_shot.py reads it too)
    objects = duty_objects("猫让狗咬了以后又把我儿子咬了猫用不用打狂犬疫苗")
    (bitten,) = [o for o in objects if o.unit == ANIMAL_UNIT]
    assert bitten.setting_counts
    assert [o.unit for o in objects if o.unit != ANIMAL_UNIT] == ["health"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("家里的狗一岁了，去年打的狂犬疫苗，今年还得接着打吗", "狗一岁了，去年打的狂犬疫苗"),
        ("家里散养了二十多只鸡，要不要打新城疫疫苗", "鸡，要不要打新城疫疫苗"),
    ],
)
def test_an_animals_shot_in_the_next_clause_is_read_when_no_one_was_bitten(
    text: str, words: str
) -> None:
    assert animal_shot(text) == words


@pytest.mark.parametrize(
    "text",
    [
        "被流浪猫抓了一下，去医院打了狂犬疫苗和免疫球蛋白",  # a person scratched
        "家里的狗，上礼拜把邻居孩子咬了，孩子打了疫苗",  # a child bitten
        "养了条狗，我去社区医院打的疫苗",  # a person's own shot at a hospital
    ],
)
def test_no_shot_across_clauses_is_read_for_a_person(text: str) -> None:
    assert animal_shot(text) == ""


def test_the_classifier_share_of_the_setting_moves_to_the_object() -> None:
    proba = {"health": 0.9, "agriculture": 0.05, "public_security": 0.05}
    (pet,) = duty_objects("我家小狗的狂犬疫苗该打了")
    moved = classifier_setting(proba, [pet])
    assert moved["health"] == pytest.approx(0.9 * SETTING_FACTOR)
    assert moved["agriculture"] == pytest.approx(0.05 + 0.9 * (1 - SETTING_FACTOR))
    assert moved["public_security"] == proba["public_security"]
    assert sum(moved.values()) == pytest.approx(1.0)
    # a bitten person's shot: the setting counts, the classifier's vote stands
    (bitten,) = duty_objects("我儿子让邻居家的狗给咬了大夫说那条狗得关起来观察十天")
    assert classifier_setting(proba, [bitten]) == proba


def test_a_confident_classifier_does_not_take_an_animals_shot_back(
    routing_rules: RoutingRules, routing_catalog: Catalog
) -> None:
    # A classifier that learnt 狂犬疫苗 only as a person's vaccination (as one that has not
    # seen these requests does): the object reading moves its share to agriculture.
    people = [
        "孩子被狗咬了狂犬疫苗在哪打",
        "狂犬疫苗打几针",
        "被猫抓了要不要打狂犬疫苗",
        "狂犬疫苗社区医院有没有",
        "打了狂犬疫苗能不能喝酒",
        "流感疫苗在哪打",
        "疫苗接种门诊几点开门",
        "孩子的疫苗本丢了怎么补",
    ]
    others = [
        ("小区垃圾没人清", "urban_management"),
        ("工资拖欠三个月", "human_resources"),
        ("楼上漏水物业不管", "housing"),
        ("超市卖过期牛奶", "market_supervision"),
        ("停电一天了", "power"),
        ("村里的羊口蹄疫防疫员没来", "agriculture"),
        ("猪场病死猪乱扔", "agriculture"),
        ("公交车不按点", "transport"),
    ]
    corpus = [(t, "health", "consult") for t in people]
    corpus += [(t, unit, "complaint") for t, unit in others]
    router = Router(routing_rules, routing_catalog, seed=train_seed(corpus))
    for text in (
        "我家那小猫让邻居家狗咬了一口 猫用不用打狂犬疫苗 上哪打",
        "家里的狗一岁了，去年打的狂犬疫苗，今年还得接着打吗？在哪打，收费吗",
    ):
        assert router.suggest(text).department == ANIMAL_UNIT
