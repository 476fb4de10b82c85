"""The epidemic told in everyday words (epidemic_told.py): a positive test said another
way, a named vaccine's dose, people struck down counted with a fever, several households
sharing a stomach upset; the bite phrases added in round 26 (config `bitten`); and goods
with nothing printed on them, the market regulator's (duty_act.no_maker); the ill at home
without medicine or food, health's (duty_trade.fever_ask)."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_act import no_maker
from hotline.ticketing.routing.duty_trade import fever_ask
from hotline.ticketing.routing.epidemic_told import (
    dose,
    positive,
    same_in_several,
    shared_gut,
    struck,
)

ANIMALS = ("猪", "牛", "羊", "鸡", "狗", "猫")
FOOD = ("食物中毒", "没熟", "变质", "吃坏")


def test_a_positive_test_said_another_way_is_read() -> None:
    assert positive("我们这栋楼里都有阳的了 物业也不管") == ["阳的"]
    assert positive("同屋那个阳了 我也两道杠了") == ["两道杠"]
    # the sun, a town, a hepatitis B carrier, the epidemic as a time, a pregnancy test
    assert positive("朝阳的那面墙都晒裂了") == []
    assert positive("去沈阳的大巴天天晚点") == []
    assert positive("体检说我是小三阳的 单位不让上班") == []
    assert positive("房子是阳的那阵买的") == []
    assert positive("验孕棒两道杠 社区建档上哪建") == []


def test_a_numbered_dose_of_a_named_vaccine_is_read() -> None:
    assert dose("孩子刚满月 乙肝第二针上哪打", ANIMALS) == ["乙肝第二针"]
    assert dose("九价前两针在市里打的 第三针能在区里打不", ANIMALS) == ["九价前两针"]
    # a check-up's 乙肝, stitches, a herd's shots
    assert dose("体检查出乙肝 单位就把我辞了", ANIMALS) == []
    assert dose("手划了个口子 缝了三针", ANIMALS) == []
    assert dose("羊的布病第二针村里啥时候打", ANIMALS) == []


def test_people_struck_down_counted_with_a_fever_are_read() -> None:
    assert struck("工棚里倒下六个了 都发烧咳嗽 工头不让去医院") == ["倒下六个"]
    assert struck("宿舍一屋八个 一下发烧了五个 主任还让上班") == ["发烧了五个"]
    # a fall, a fence, a fever of one person counted in time
    assert struck("台阶上结冰 老人摔倒了两个") == []
    assert struck("风把隔离网刮倒了一长溜 孩子在边上玩") == []
    assert struck("孩子发烧了两个月了 查不出原因") == []


def test_households_sharing_a_stomach_upset_with_no_meal_named_are_read() -> None:
    text = "楼顶那个水箱不干净 这礼拜楼里好几家上吐下泻 都是喝的那个水"
    assert shared_gut(text, ANIMALS, FOOD) == ["好几家上吐下泻"]
    # a meal named, an animal's, one family after dinner
    assert shared_gut("托管班中午吃完盒饭 好几个孩子拉肚子", ANIMALS, FOOD) == []
    assert shared_gut("村里好几家的羊拉稀 站不起来", ANIMALS, FOOD) == []
    assert shared_gut("自来水发黄 喝了一家子都拉肚子", ANIMALS, FOOD) == []


def test_a_counted_class_with_fever_and_vomiting_is_read() -> None:
    # Round 28: 又烧又吐 and a count of three or more people before it (十来个孩子).
    text = "班里十来个孩子都请假了 又烧又吐 老师说是着凉".replace(" ", "")
    assert shared_gut(text, ANIMALS, FOOD) == ["十来个孩子都请假了又烧又吐"]
    # a count of time, two people, a meal named
    assert shared_gut("三个月拉肚子好不了", ANIMALS, FOOD) == []
    assert shared_gut("两个孩子又烧又吐", ANIMALS, FOOD) == []
    assert shared_gut("吃完盒饭十来个孩子又烧又吐", ANIMALS, FOOD) == []


def test_several_said_to_have_the_same_illness_are_read() -> None:
    # Round 28: the illness told, then several others the same (7 of 7 涉疫, rounds 2–27).
    text = "我妈这两天拉肚子拉得起不来炕村里好几个老太太都这样"
    assert same_in_several(text, ANIMALS, FOOD) == ["好几个老太太都这样"]
    text = "孩子手上起泡大夫说是手足口同一个班还有三个孩子也这样了"
    assert same_in_several(text, ANIMALS, FOOD) == ["三个孩子也这样"]
    # no illness before it, a meal named, an animal's
    assert same_in_several("楼道灯不亮好几户都这样", ANIMALS, FOOD) == []
    assert same_in_several("吃完饭拉肚子好几个人都这样", ANIMALS, FOOD) == []
    assert same_in_several("我家羊拉稀村里好几户都这样", ANIMALS, FOOD) == []


@pytest.mark.parametrize(
    "text",
    [
        "我是幼儿园中班的家长 班里十几个孩子请假 又烧又吐 园里也不说是啥病",
        "我爸在乡下 这几天发烧咳嗽 屯子里好几个老头都这样 能不能来人看看",
        "电梯按钮一天到晚都是人摸 楼里都有阳的了 物业也不消毒",
        "我家孩子刚满月 乙肝第二针上哪打 我们这片归哪个卫生服务中心",
        "学校宿舍我们一个屋六个人 烧倒了四个 宿管说挺挺就好了 快派人来看看",
        "我们单元五户人家这两天都有人上吐下泻 都用地下室那个水箱的水",
        "对门那家的狗 把我孙子手给挠了 出血了 这个狂犬疫苗上哪打",
        "我孙子被一条大狗扑倒，胳膊上咬出两个牙印见了血，现在得去打狂犬疫苗",
    ],
)
def test_told_requests_raise_the_flag_end_to_end(router: Router, text: str) -> None:
    assert router.suggest(text).epidemic


@pytest.mark.parametrize(
    "text",
    [
        "台阶结了冰没人扫 来办事的老人摔倒了两个",
        "我们村好几家的羊拉稀 站不起来 兽医站能来个人看看不",
        "托管班中午吃完那个盒饭 好几个孩子都吐了 拉肚子 那饭是哪来的",
        "我家狗该打狂犬疫苗第二针了 上哪打",
    ],
)
def test_look_alikes_of_told_requests_do_not_raise_it(router: Router, text: str) -> None:
    assert not router.suggest(text).epidemic


def test_goods_with_nothing_printed_are_the_market_regulators() -> None:
    # duty_act.no_maker, round 26: repacked tests with nothing printed, not a farm input's.
    assert no_maker("有人在楼下卖抗原 自己拿袋子分装的 一块钱一个 啥也没印") == "啥也没印"
    assert no_maker("团购群里卖的散装熟食没标签没日期") == "没标签"
    assert no_maker("大集上卖的玉米种子袋子上什么都没印") == ""
    assert no_maker("有人卖百草枯装在没标签的瓶子里") == ""


def test_repacked_tests_sold_go_to_the_market_regulator(router: Router) -> None:
    text = "有个人在我们楼下卖抗原 自己家拿袋子分装的 一块钱一个 啥也没印"
    assert router.suggest(text).department == "market_supervision"


def test_the_ill_at_home_without_medicine_or_food_are_healths(router: Router) -> None:
    # duty_trade.fever_ask, round 26: a positive test and the ill stranded (not a rent matter).
    assert fever_ask("合租的那个阳了 我也两道杠了 出不去门 没吃的 退烧药也没了") != ""
    assert fever_ask("阳了那阵房东涨了房租 现在还不降") == ""
    text = "隔壁屋合租那小伙子阳了 我也两道杠了 俩人就一个厨房 出不去门 没吃的 退烧药也没了"
    assert router.suggest(text).department == "health"
