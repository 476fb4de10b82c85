"""Request-type readings from the catalogue's 标志 as callers say them (rounds 14 and 15).

Each pair shows the reading and the look-alike it must leave alone; the rules alone are
asked (no classifier), so the cue itself is what is tested.
"""

from __future__ import annotations

import pytest
from hotline.ticketing.routing.suggest import Router


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The A-not-A question (给不给, 退不退, 收不收, 办不办) asks what the rule is; the
        # 不给/不退 inside it blames no one.
        ("我养了几十头猪 村里防疫员给不给打疫苗 是自己花钱还是免费的", "consult"),
        ("幼儿园停课一个礼拜 这一个礼拜的伙食费退不退", "consult"),
        ("燃气公司给装报警器 收不收钱", "consult"),
        ("结婚登记 礼拜六办不办", "consult"),
        ("物业就是不给修 找了好几回了", "complaint"),
        # The unit's excuse quoted (说还在走流程) is a grievance about a delay; asking how
        # the procedure goes is a question.
        ("充电桩资料一个月前就交了 现在问 说还在走流程 车只能趴楼下", "complaint"),
        ("楼顶漏雨要动维修资金 得咋走流程 要多少户签字", "consult"),
        # A unit that came once and changed nothing (来说了一回, 来过一回): 找过 in the
        # catalogue's complaint, although 派出所来 holds help's 派…来.
        ("小广场跳舞的音箱天天响到九点多 派出所来说了一回 人家换个地儿接着跳", "complaint"),
        ("楼下烧烤摊天天占道 城管来过一回 第二天照样摆", "complaint"),
        ("有人天天往我家门上泼油漆 请派出所来看看", "help"),
        # 吓坏了 is fright, not a thing broken; a thing broken is still help's.
        ("群里有人造谣说水库要开闸 让大伙赶紧往山上跑 老人都吓坏了", "report"),
        ("楼道的灯坏了 赶紧派人来修", "help"),
        # 帮一把: the 标志 "帮" as callers say it.
        ("有个小姑娘跟家里吵架跑出来了 兜里没钱 天快黑了 你们能帮一把不", "help"),
        # A fairness question (合法吗, 合理吗) followed by the caller's own demand is a
        # complaint; without a demand, or with a party's demand told before it, a consult.
        ("公司说病假一律扣全月绩效 这合法吗 要求补发", "complaint"),
        ("订的时候一晚二百八 到了前台要六百 这合理吗 要求退差价", "complaint"),
        ("车间主任说发烧不来就按旷工扣钱 这合法吗 请劳动部门管管", "complaint"),
        ("公司说病假一律扣全月绩效 这合法吗", "consult"),
        ("中介要求买方交成交价的百分之二 这个合理吗", "consult"),
        # Asking the hotline to look into what someone does (你们查查, 你们不查查吗) is a
        # report; an ask to come and repair (派人, 来个人) still outweighs it.
        ("班主任让家委会收钱给老师过节 一家二百 你们查查这事", "report"),
        ("月饼礼盒里就四块月饼 卖八百八 你们不查查吗", "report"),
        ("楼道里一股子臭鸡蛋味儿 你们快来个人查查", "help"),
        # "能不能给" + what to do for the caller is the 标志 "帮" as a question.
        ("我家的羊春防的针还没打 防疫员说药没到 能不能给催催", "help"),
        ("老太太一个人过 家里烧的煤没了 能不能给送点煤", "help"),
        ("包工头跑了 你们能不能给我们做个主", "complaint"),
    ],
)
def test_type_readings(rules_only_router: Router, text: str, expected: str) -> None:
    assert rules_only_router.suggest(text).category == expected
