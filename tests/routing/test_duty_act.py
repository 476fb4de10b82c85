"""The act asked about over the body it is told through, and a storm's loud setting
(duty_act.py): each act is read with the unit the catalogue gives it and the units whose
words only set its scene; the near misses the retired labels give to another unit are not
read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_act import act_readings
from hotline.ticketing.routing.duty_object import duty_objects


@pytest.mark.parametrize(
    ("text", "unit", "setting"),
    [
        ("街口那家大药房退烧药一盒卖到九十块以前才二十", "market_supervision", "health"),
        ("停水了门口小卖部矿泉水平时十五一箱现在卖六十爱买不买", "market_supervision", "water"),
        ("台风都预警了旁边工地的塔吊还没放倒", "housing", "emergency"),
        ("暴雨后地下车库进水半米物业说没有泵不管", "housing", "power"),
        ("小区门口有人卖消毒喷雾瓶子上没厂名也没生产日期", "market_supervision", "health"),
        ("我是外省来打工的孩子住院医院说外地医保不能直接结算", "medical_insurance", "health"),
        ("我发高烧请了两天病假公司扣了我半个月工资", "human_resources", "health"),
        ("马路边的热力井盖子丢了晚上看不见", "heating", "urban_management"),
        ("我们这栋老楼外墙裂了好几道缝一下雨往里渗", "housing", "emergency"),
        ("台风蓝色预警了海边还有快艇拉着游客出海", "culture_tourism", "emergency"),
        ("大水漫上来了村里两户老人困在屋顶上下不来", "emergency", "power"),
        ("那个化工厂的几个储罐离我们小区太近了能不能挪走", "emergency", "environment"),
        ("建议安置点多备些被褥和常用药", "emergency", "market_supervision"),
        ("河水漫上来了我们两家让水困在二楼了", "emergency", "power"),
        ("仓房里进水泡了几瓶农药这东西该怎么处理", "environment", "agriculture"),
        ("能不能给独居老人装个一键呼叫的设备", "civil_affairs", "power"),
        ("我家老人去世了路冲断了遗体送不到殡仪馆", "civil_affairs", "emergency"),
        ("台风过后海水水质怎么样什么时候能下海", "environment", "water"),
        ("幼儿园门口那棵大柳树让风刮断了一根大杈子耷拉着", "urban_management", "education"),
        ("敬老院说有流感不让探视我爸半个月没见着了", "civil_affairs", "health"),
        ("家里进水房产证泡烂了字都看不清怎么补", "natural_resources", "emergency"),
        ("发烧要去医院可医保卡让大水冲走了", "medical_insurance", "health"),
        ("麦子让大风刮得倒伏了保险公司说只赔绝收", "agriculture", "human_resources"),
        ("晚上有人在近海下地笼抓鱼苗", "agriculture", "public_security"),
        ("群里说上游水库要泄洪让我们转移是真的吗", "emergency", "public_security"),
    ],
)
def test_the_act_is_read_with_its_unit_over_its_setting(text: str, unit: str, setting: str) -> None:
    readings = {u: s for u, _, s in act_readings(text)}
    assert unit in readings
    assert setting in readings[unit]
    assert any(o.unit == unit and not o.setting_counts for o in duty_objects(text))


@pytest.mark.parametrize(
    "text",
    [
        # a medical insurance card's price at a designated pharmacy: the insurer's
        "定点药店刷医保卡买药比现金贵了二十块",
        # a pesticide without a Chinese label: agriculture's farm input
        "网上买的除草剂没有中文标签打完苗全死了",
        # a pupil's sick leave marked down, a tour's refund cut
        "孩子发烧请假学校说请假要扣分",
        # snow cracking a roof beam, a house to be rebuilt by the village (a slope's crack
        # dropping stones is the emergency bureau's: test_roadside.py)
        "大雪把房梁压裂了人没地方住",
        "村里那个危房要拆房梁都裂了",
        # a rescue team offering its boats
        "我们志愿队有两条冲锋舟想去帮忙",
        # a batteries thief; farm film and pesticide bottles in the fields
        "过年那几天我们这片丢了好几个电瓶",
        "建议收一收地头上扔的地膜和农药瓶子",
        # a hospital's call button unanswered; a community's own call buttons
        "住院的时候呼叫器按了半小时护士也不来",
        "建议社区给独居老人安个一键呼叫",
        # a death certificate asked before cremation
        "老人在家去世了火化前要开死亡证明去哪开",
        # a tree on power lines (no spark: storm_relief.py reads one sparking), a fruit
        # tree broken by hail, a leg broken by a tree
        "大风把树刮倒了压在电线上",
        "冰雹把果树枝子都打断了",
        "抢险的时候被倒下的树砸断了腿医保不给报",
        # a chemical plant's fumes beside homes: the environment's
        "化工厂的储罐挨着小区天天往外排放废气",
        # an internet cafe not checking identity cards
        "网吧根本不查身份证孩子们丢了魂似的天天去",
        # a power bill tripled; a worker fallen from a scaffold
        "这个月电费翻了三倍电表是不是有问题",
        "工地上有人从脚手架上摔下来了老板不给算工伤",
        # a doctor asked at a shelter; gambling there
        "安置点好几个孩子发烧能不能派个大夫",
        "安置点晚上有人打麻将赌钱",
        # a flooded basement in a block with no property manager: the community's
        "我们是没物业的老楼地下室一下雨就进水找社区",
        # a flood ditch full of rubbish
        "村里的泄洪沟让人倒满了垃圾",
    ],
)
def test_near_misses_are_not_read(text: str) -> None:
    assert act_readings(text) == []


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("流感这么厉害药店把感冒药从十几块涨到五十多这合理吗", "market_supervision"),
        ("我请了三天病假厂里按旷工扣了我八百块钱这合法吗", "human_resources"),
        ("人行道上那个热力井的盖子让大水冲跑了就剩个黑窟窿", "heating"),
        ("我们家那栋老楼墙上的裂缝越来越宽能塞进手指头了", "housing"),
    ],
)
def test_the_router_follows_the_act_over_its_setting(
    rules_only_router: Router, text: str, unit: str
) -> None:
    assert rules_only_router.suggest(text).department == unit
