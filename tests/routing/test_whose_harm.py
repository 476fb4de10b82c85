"""Whose harm: the caller's own home or family harmed turns a report into a complaint
(harm.py and RuleReader.category); a landmark, a fraud, a wrong done to many or the act
named 举报 leave the report alone."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing.harm import OWN_HARM_SHIFT, caller_harmed, toward_complaint
from hotline.ticketing.routing.suggest import Router

from tests.fixtures.routing import rule_category


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("楼下饭店油烟直接往我家窗户冒", "我家"),
        ("有人在我们家承包地边上挖沙子", "我们家"),
        ("养老院不送医也不隔开我爸也传上了", "我爸"),
        ("我孩子所在的小学班主任让去她亲戚的辅导班", "我孩子"),
        # The caller's home as a landmark: where a wrong is done to others.
        ("我家楼下那个小诊所没挂牌子", ""),
        ("我家附近有个黑诊所", ""),
        ("我们家门前那个绿化带有个大坑", ""),
        # A fraud on the family is a crime to report; so is a wrong done to many.
        ("直播间卖特效药我妈都买了这是骗人的", ""),
        ("药店给老头老太太抽血挂吊瓶我妈去了三回了", ""),
        ("托管班好几个孩子发烧我家孩子也在那", ""),
        # The household's own (家里孩子), and the caller's windows or laundry disturbed.
        ("化工厂天天冒黑烟家里孩子老咳嗽", "家里孩子"),
        ("新开的饭店油烟机直接对着我们窗户排", "我们窗户"),
        ("搅拌站灰特别大衣服都没法晾", "衣服都没法晾"),
        # Not 家里人 (said of others too), nor windows shut against a factory's covert smoke,
        # nor sleep: both come with reports as often as with complaints.
        ("家里人口多的能不能申请调整", ""),
        ("厂子一到晚上偷着冒黄烟窗户都不敢开", ""),
        ("歌厅半夜吵得睡不着听说里面还有人吸毒", ""),
        # No one of the caller's named.
        ("有人在河边挖沙子往外卖", ""),
    ],
)
def test_caller_harmed(text: str, words: str) -> None:
    assert caller_harmed(text) == words


def test_toward_complaint_moves_the_reports_share() -> None:
    moved = toward_complaint({"report": 0.8, "complaint": 0.1, "help": 0.1})
    assert moved["report"] == pytest.approx(0.8 * (1 - OWN_HARM_SHIFT))
    assert moved["complaint"] == pytest.approx(0.1 + 0.8 * OWN_HARM_SHIFT)
    assert moved["help"] == 0.1
    assert toward_complaint({"help": 1.0}) == {"help": 1.0}


# A classifier leaning to report, as it does on a nuisance or a wrong it has seen reported.
LEANS_REPORT = {"report": 0.6, "complaint": 0.3, "help": 0.1}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The caller's own home harmed: the complaint.
        ("楼下饭店油烟直接往我家窗户冒 熏得屋里全是味儿", "complaint"),
        ("有人往我家承包地里倒建筑垃圾 麦苗全压死了", "complaint"),
        ("望海这边有个搅拌站 灰特别大 衣服都没法晾", "complaint"),
        ("楼下新开了个饭店 油烟机直接对着我们窗户排", "complaint"),
        # The same wrong with no one of the caller's harmed, or the home as a landmark.
        ("楼下饭店油烟直接往窗户冒 熏得楼道全是味儿", "report"),
        ("我家楼下饭店油烟直接往窗户冒 熏得楼道全是味儿", "report"),
        ("望海这边有个搅拌站 灰特别大 路上全是土", "report"),
        # The caller names the act: the report stands.
        ("我要举报楼下饭店 油烟直接往我家窗户冒", "report"),
    ],
)
def test_whose_harm_decides_report_or_complaint(
    rules_only_router: Router, text: str, expected: str
) -> None:
    assert rule_category(rules_only_router, text, LEANS_REPORT) == expected


def test_own_harm_does_not_lift_the_complaint_over_another_type(rules_only_router: Router) -> None:
    # Only where the report would win: a help stays a help although the home is named.
    leans_help = {"help": 0.5, "report": 0.3, "complaint": 0.2}
    assert rule_category(rules_only_router, "我们家羊圈里的羊拉稀死了好几只", leans_help) == "help"


def test_a_report_said_by_cues_alone_yields_to_the_callers_own_grievance(
    rules_only_router: Router,
) -> None:
    # Rules only: 私自 (report 2) against 找过 (complaint 2) ties, and the tie goes to the
    # report; the caller's father harmed moves half of the report's points.
    said = "楼下烧烤店私自占道 油烟往窗户里灌 {}找过物业"
    assert rules_only_router.suggest(said.format("")).category == "report"
    assert rules_only_router.suggest(said.format("我爸哮喘都犯了 ")).category == "complaint"
