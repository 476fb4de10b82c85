"""Which unit a shared-duty request asks to act, which only helps (roles.py, assist.py)."""

from __future__ import annotations

from hotline.ticketing.routing import Router
from hotline.ticketing.routing.area_roles import area_asked
from hotline.ticketing.routing.auto import AutoDispatchSettings, decide
from hotline.ticketing.routing.roles import (
    Role,
    asked_instead,
    mention_role,
    named_units,
    unit_role,
)
from hotline.ticketing.routing.rules import Hit


def _role(text: str, mention: str) -> Role:
    start = text.index(mention)
    return mention_role(text, start, start + len(mention))


def test_a_mention_is_asked_plain_on_the_side_or_a_place() -> None:
    assert _role("楼道里漏气燃气公司赶紧来修", "燃气公司") is Role.ASKED
    assert _role("城管来管管", "城管") is Role.ASKED
    assert _role("学校门口的黑车拉学生", "学校") is Role.PLACE
    assert _role("飞线充电物业也不管", "物业") is Role.SIDE
    assert _role("后厨存放液化气罐还卖过期的食品", "过期") is Role.SIDE
    assert _role("停电好几天了家里的暖气也不热", "暖气") is Role.SIDE
    assert _role("停电好几天了家里的暖气也不热", "停电") is Role.PLAIN


def test_the_unit_named_on_the_side_assists_the_one_the_request_is_about(router: Router) -> None:
    s = router.suggest("停电好几天了，家里的暖气也不热，老人冻得够呛")
    assert s.department == "power"
    assert "heating" in dict(s.assisting)
    s = router.suggest("小区里有人飞线充电，楼道里堆满杂物，物业也不管")
    assert s.department == "emergency"
    assert "housing" in dict(s.assisting)


def test_the_unit_asked_to_act_leads_and_the_explanation_says_why(router: Router) -> None:
    s = router.suggest("小区地下车库的充电桩一直装不上，物业说不让装，供电公司赶紧来处理")
    assert s.department == "power"
    assert "housing" in dict(s.assisting)
    assert s.alternatives and s.alternatives[0].department == "housing"


def test_a_unit_named_only_as_a_place_does_not_assist(router: Router) -> None:
    s = router.suggest("学校门口有人摆摊卖烤肠，占道经营，城管来管管")
    assert s.department == "urban_management"
    assert "education" not in dict(s.assisting)


def test_a_single_duty_request_keeps_its_lead(router: Router) -> None:
    for text, unit in (("停电了，啥时候来电", "power"), ("屋里冷，暖气不热", "heating")):
        s = router.suggest(text)
        assert s.department == unit and not s.assisting


def test_a_unit_asked_by_its_own_name_leads(router: Router) -> None:
    s = router.suggest("燃气管道入户安检不合格，燃气公司说是开发商装的，请住建局管管")
    assert s.department == "housing"  # gas without the ask
    assert "gas" in dict(s.assisting)
    s = router.suggest("暖气不热，热力公司说是开发商的管道问题，请住建局管管开发商")
    assert s.department == "housing"  # heating without the ask
    assert "heating" in dict(s.assisting)


def test_one_incidental_phrase_is_no_assisting_unit(router: Router) -> None:
    # 医院 and 加油站 (weight 3 alone) are where the matter happened, not a second duty.
    for text in ("定点药店的药价比医院贵", "加油站加了两百块钱的油，油表才走了一点"):
        assert not router.suggest(text).assisting, text


def test_an_unshown_second_duty_still_holds_automatic_dispatch_back(router: Router) -> None:
    # (医院 itself is where medical insurance is used: assist.SETTING; 卫生院 is incidental
    # beside another unit's lead: assist.INCIDENTAL; 卫生所 still names health.)
    s = router.suggest("定点药店的药价比卫生所贵")
    assert s.other_duties == ("health",) and not s.assisting
    settings = AutoDispatchSettings(enabled=True, threshold=0.5)
    assert not decide(s, settings, "区医疗保障局").dispatch


def test_units_asked_by_name_are_read_from_the_ask() -> None:
    assert named_units("请教育局和市场监管部门帮我们追回学费") == {
        "education": "请教育局和市场监管部门",
        "market_supervision": "请教育局和市场监管部门",
    }
    assert list(named_units("请环保部门查处排污也请农业部门管管")) == ["environment", "agriculture"]
    assert named_units("请问民政部门能不能给点救助") == {}  # a question asks no one to act
    assert named_units("民政部门说不归他们管") == {}


def test_a_second_unit_asked_by_name_assists_and_the_first_leads(router: Router) -> None:
    s = router.suggest(
        "孩子在校外培训班交了一年学费，班关门了老板跑了，请教育局和市场监管部门帮我们追回"
    )
    assert s.department == "education"
    assert "点名" in dict(s.assisting)["market_supervision"]
    # The care home's own failings (civil affairs' duty) outweigh one resident's illness for
    # the ranking; the caller asks the health bureau first, so it leads and says why. (Several
    # residents ill with the health side asked is health's by rule: test_care_home_outbreak.)
    s = router.suggest(
        "养老院伙食差，护工还打老人，老人病了也不送医，请卫生部门来检查，也请民政部门管管这家养老院"
    )
    assert s.department == "health"
    assert "civil_affairs" in dict(s.assisting)
    assert "首先点名" in s.explanation


def test_a_town_or_village_assists_only_as_an_actor(router: Router) -> None:
    where = router.suggest("芦屯镇村里那条道坑坑洼洼的一下雨全是泥车都进不去")
    assert where.area == "lutun" and not where.assisting  # 村里 says where
    actor = router.suggest("熊岳镇有人在耕地上盖房子村里也不管")
    assert "xiongyue" in dict(actor.assisting)  # 村里也不管: the village failed to act
    gate = router.suggest("红海街道我们社区门口的暖气管道漏水了")  # 社区门口 says where
    assert "honghai" not in dict(gate.assisting)


def test_the_epidemic_cues_name_no_assisting_unit(router: Router) -> None:
    # 肺结核/手足口 raise the 涉疫 flag, which sends the request past a person already;
    # they say what the matter is, not that the health bureau is to act as well.
    for text in (
        "学校有学生得肺结核了，家长都不知道",
        "幼儿园好几个孩子得了手足口病，幼儿园也不管",
    ):
        s = router.suggest(text)
        assert s.epidemic and "health" not in dict(s.assisting), text
    s = router.suggest("小区停水两天了，物业说是供水公司的事，供水公司说是加压泵坏了归物业管")
    assert "housing" in dict(s.assisting)  # 小区 is part of a cue (封小区) only when one is said
    # The cues still decide which unit the request is about (the school is where).
    s = router.suggest("学校好几个孩子上吐下泻 老师说可能是诺如 能不能派人去学校给消消毒查一查")
    assert s.department == "health"


def test_the_health_bureau_asked_by_its_short_name_keeps_the_lead() -> None:
    # 卫健 alone (你们卫健得下去查查) names the health bureau: an outbreak kept quiet in a
    # kindergarten is not moved to education because the disease was misheard.
    text = "幼儿园班里好几个孩子病了园里还照常上课也不消毒你们卫健得下去查查"
    hits = {"health": [Hit("消毒", 2.0)], "education": [Hit("幼儿园", 3.0), Hit("上课", 3.0)]}
    assert unit_role(text, "health", hits) is Role.ASKED
    assert asked_instead(text, "health", ["education"], hits) is None
    side = text.replace("你们卫健得下去查查", "")
    assert asked_instead(side, "health", ["education"], hits) == "education"


def test_the_town_or_village_asked_to_act_leads(rules_only_router: Router) -> None:
    hits = [Hit("村里", 2.0)]
    assert area_asked("屋里冻得够呛村里能不能给送点煤", hits, "civil_affairs")
    assert area_asked("楼道灯全坏了请村里帮忙协调解决", hits, "housing")
    assert not area_asked("村里那条道坑坑洼洼", hits, "transport")  # only where
    # The lead unit asked by its own name along with the town keeps the lead.
    assert not area_asked("请村里和民政部门帮忙", hits, "civil_affairs")
    told = "红旗镇我们村有个老太太一个人过，低保停了，家里烧的煤没了"
    assert rules_only_router.suggest(told).department == "civil_affairs"
    s = rules_only_router.suggest(told + "，村里能不能给送点煤")
    assert s.department == "hongqi"
    assert s.alternatives[0].department == "civil_affairs"


def test_a_village_offering_or_asked_to_help_assists(router: Router) -> None:
    # The village offers its help or is asked along with the lead: it acts too.
    offers = router.suggest("熊岳镇后山有人夜里偷挖古墓，请文物部门赶紧管管，村里也可以帮着守着")
    assert "xiongyue" in dict(offers.assisting)
    asked = router.suggest(
        "红旗镇我们屯有个孤寡老人摔伤了没人管，请民政给办救助，村里也麻烦常去看看"
    )
    assert "hongqi" in dict(asked.assisting)
    # The village only as where the matter is: no 属地协办.
    where = router.suggest("红旗镇我们村里那个孤寡老人摔伤了没人照顾，请民政给办救助")
    assert "hongqi" not in dict(where.assisting)


def test_the_town_body_asked_by_a_light_word_leads() -> None:
    # 镇上 alone is too light to make a local matter (去镇上卫生院 says where), but asked
    # (让镇上管管, 镇上能不能派人) the town is to act.
    hits = [Hit("镇上", 1.0)]
    assert area_asked("村会计收了医保钱没交上让镇上管管这个会计", hits, "medical_insurance")
    assert area_asked("赶集那条街上全是冰镇上能不能派人撒点沙子", hits, "urban_management")
    assert not area_asked("去镇上卫生院拍个片子都拍不了", hits, "health")


def test_a_unit_asked_by_its_short_name_or_whether_it_can_act() -> None:
    # 交警 names the traffic police; 交警能不能… asks them, 让交警拦了 is about them.
    hits = {"public_security": [Hit("交警", 4.0)], "education": [Hit("学校", 3.0)]}
    asked = "建议学校放学的时候交警能不能在门口那段路多站一会儿"
    assert unit_role(asked, "public_security", hits) is Role.ASKED
    rescue = {"civil_affairs": [Hit("救助站", 4.0)], "human_resources": [Hit("工钱", 4.0)]}
    fare = "工钱的事我已经去劳动监察那儿告了人家说在办救助站能帮着买张车票吗"
    assert asked_instead(fare, "human_resources", ["civil_affairs"], rescue) == "civil_affairs"
    assert asked_instead(asked, "education", ["public_security"], hits) == "public_security"
    # A school asked whether it can do something is not asked by its name: no change.
    assert unit_role("学校能不能晚点放学", "education", hits) is not Role.ASKED
    # What the caller once said (我说找交警) reports, it does not ask.
    told = "司机没打表到地方要一百五我说找交警他说找谁都没用"
    assert unit_role(told, "public_security", hits) is not Role.ASKED
    # 说 then 请 is a sentence break the punctuation no longer shows: the ask stands.
    broke = "养老院不隔离还瞒着家属不说请卫生部门来检查"
    assert unit_role(broke, "health", {"health": [Hit("隔离", 4.0)]}) is Role.ASKED
