"""The epidemic flag on outbreaks told with a few words between the count and the fever,
and on the catalogue's near misses: a meal blamed for many people's upset stomachs, a
neighbour's home or a home-care job (居家), an animal bitten (把羊咬了)."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router

RAISE = [
    # a counted group, a few words of one clause, then the fevers
    "我们车间这几天九个工友陆陆续续都发烧了 厂里也不管",
    "敬老院里五六个老人先后发烧咳嗽 院里不让家属探视也不说咋回事",
    "宿舍十个人前后脚发高烧 宿管说扛扛就好了",
    # many people vomiting, the food ruled out by the caller
    "小学一个年级二十多个孩子上吐下泻 都在家吃的饭 不像是吃坏了 学校还照常上课",
    # 把 names a person bitten: the person's rabies shot
    "下班路上一条大黄狗把我小腿咬了 狂犬疫苗上哪打",
    "我闺女让楼上养的猫挠了一道血印子 狂犬疫苗现在打还来得及不",
]

DO_NOT_RAISE = [
    # a count of time, not of people
    "我家老人三个多月反复低烧 大医院也没查明白 想问问能不能转诊",
    # one of the group, or none of them, with the fever
    "家里两个孩子就我家老大发烧 学校让回家歇着 这个病假条去哪开",
    "双胞胎两个孩子老二发烧 幼儿园不给退伙食费",
    "宿舍四个人有个发烧了 宿管让他自己去医院",
    "工地宿舍十几个人都没发烧 就是伙食太差 老板克扣伙食费",
    # the meal blamed for many people's upset: food safety, not an outbreak
    "单位聚餐的凉拌菜变质了 回来三十多个人上吐下泻 饭店不认账",
    "学校食堂的豆角没煮熟 中午吃完二十来个学生都吐了 要求查查食堂",
    # 居家 as a neighbour's home and as home care
    "邻居家装修天天砸墙 我上夜班的白天睡不了觉 家里还有个发烧的孩子",
    "我在做居家护理 给瘫痪老人上门擦身 人在外地的家属一直拖着不给钱",
    # 和 ("and") before 算术 is no misheard 核酸 (和算)
    "培训班在居民楼里教孩子拼音和算术 一学期六千块 没有办学许可",
    # an animal bitten: the animal's shot
    "村里野狗把我家两只羊咬伤了 羊用不用打狂犬疫苗",
    "昨天我家的狗被野猫抓破了鼻子 狗要不要补一针狂犬疫苗",
]


@pytest.mark.parametrize("text", RAISE)
def test_outbreaks_raise_the_flag(router: Router, text: str) -> None:
    assert router.suggest(text).epidemic


@pytest.mark.parametrize("text", DO_NOT_RAISE)
def test_near_misses_do_not_raise_the_flag(router: Router, text: str) -> None:
    assert not router.suggest(text).epidemic
