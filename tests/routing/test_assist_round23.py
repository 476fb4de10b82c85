"""Round 23: second duties the catalogue states, told without naming the unit — the power
company's equipment endangered, a chemical leak beside the emergency bureau's lead, a crash
blocking the road — a unit asked with 也 and no 请 before it, and a unit asked jointly whose
own words weigh too little assists."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.document_holder import document_holder
from hotline.ticketing.routing.roles import named_units
from hotline.ticketing.routing.shared_duty import unnamed_duties
from hotline.ticketing.routing.text import normalise


def _compact(text: str) -> str:
    return normalise(text).replace(" ", "")


def _duties(text: str, lead: str) -> list[str]:
    return [d.unit for d, _ in unnamed_duties(_compact(text), lead)]


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("楼道里暖气管子漏了 热水正好浇在一楼那排电表箱子上 电表箱子都冒白气了", "heating"),
        ("地下室进水了，配电箱就在地下室，现在还泡在水里，物业一直不抽水。", "housing"),
        ("工棚里住了三十来号人 线都是从配电箱私拉的 乱七八糟搭在铁架子上 我怕着火", "emergency"),
        ("冰雹把大棚的棚膜全打漏了，棚里的电线也砸断了一根，耷拉在水里。", "agriculture"),
    ],
)
def test_power_equipment_endangered_is_the_power_companys_duty(text: str, lead: str) -> None:
    assert "power" in _duties(text, lead)


@pytest.mark.parametrize(
    "text",
    [
        "租客在屋里私拉电线给电瓶车充电 插排都烧黑了",  # a tenant's fire risk, no box
        "楼道里让人贴满了小广告 单元门 电表箱上全是 撕都撕不下来",
        "停电了 家里冰箱里的东西都化了 啥时候来电",
    ],
)
def test_no_power_duty_without_its_equipment_in_danger(text: str) -> None:
    assert "power" not in _duties(text, "emergency")


def test_a_chemical_leak_beside_emergencys_lead_is_environments() -> None:
    text = "一个化工仓库台风时进水了，里面堆着好几十桶化学品，有的桶倒了在漏，水沟里的水都变色了。"
    assert "environment" in _duties(text, "emergency")
    # a chemical only stored, or a drill proposed, is no leak
    assert "environment" not in _duties("有个厂子储存危化品，就挨着学校", "emergency")
    assert "environment" not in _duties("建议化工园区边上的村子搞一次泄漏演练", "emergency")
    # only beside emergency's lead
    assert "environment" not in _duties(text, "water")


def test_a_crash_blocking_the_road_is_traffic_management() -> None:
    text = "高速出口下来那个大转盘 一辆拉化工桶的货车翻了 桶滚了一地 路都堵死了 快派人来"
    assert "public_security" in _duties(text, "emergency")
    assert "public_security" not in _duties("货车翻了 拉的苹果撒了一地 司机没事", "emergency")


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("包工头欠我们三个月工资 这工地是盖楼的 住建那边能不能也管管", "housing"),
        ("河边有人倒垃圾 环保也得来查查", "environment"),
        ("学校门口天天有人打架 派出所能不能也介入", "public_security"),
    ],
)
def test_a_unit_asked_with_ye_and_no_qing_is_named(text: str, unit: str) -> None:
    assert unit in named_units(_compact(text))


def test_a_unit_only_said_to_act_is_not_named() -> None:
    assert named_units(_compact("住建那边说这不归他们管 让找劳动局")) == {}
    assert "housing" not in named_units(_compact("去住建说他们早推了，两边都让我去问对方"))


def test_a_unit_asked_jointly_is_shown_though_its_words_are_light(router: Router) -> None:
    got = router.suggest(
        "老小区一楼，下大雨那天下水道往上反，马桶、地漏全往外冒脏水，屋里臭得没法待。"
        "物业来看了一眼，说外面市政的管子也满了，光通楼里的不顶用。"
        "请物业和城管一起来通一通，外头那个雨水井也该掏了。"
    )
    assert got.department == "housing"
    assert "urban_management" in [u for u, _ in got.assisting]


def test_the_power_company_assists_on_a_flooded_meter_box(router: Router) -> None:
    got = router.suggest(
        "哎呀 你好 我们老楼楼道里那个暖气管子漏了 滋滋往外冒热水 "
        "正好浇在一楼那排电表箱子上 电表箱子都冒白气了 我都不敢碰 你快找人来"
    )
    assert got.department == "heating"
    assert "power" in [u for u, _ in got.assisting]


@pytest.mark.parametrize(
    ("text", "lead", "unit"),
    [
        # the body requiring the proof, when it does not lead
        (
            "孩子要在这边上初中，学校说要本地户口，派出所说要先有学校接收证明，两头卡",
            "education",
            "public_security",
        ),
        # the body issuing it, when the one requiring it leads
        (
            "孩子八岁想上公立小学。学校说要看居留证件和住宿登记证明。要什么材料？",
            "education",
            "public_security",
        ),
        (
            "想把户口落到鲅鱼圈。派出所说要有人事档案的接收证明，接收证明找谁开？",
            "public_security",
            "human_resources",
        ),
    ],
)
def test_the_other_body_of_a_required_proof_assists(text: str, lead: str, unit: str) -> None:
    assert unit in _duties(text, lead)


def test_no_body_without_a_proof_required() -> None:
    assert document_holder(_compact("社区让开个居住证明 上哪开"), "honghai") is None
    assert document_holder(_compact("派出所说要先有学校接收证明"), None) is None


def test_a_gas_leak_is_no_spill_for_the_environment() -> None:
    # round 24: the shared chemical words read 氨气漏了; the poisoned are health's, no spill
    assert "environment" not in _duties("冷库的氨气漏了 附近的人都被熏得头晕", "emergency")
    assert "environment" not in _duties(
        "路边有辆拉危险化学品的罐车停了好几天了，还漏着味", "emergency"
    )
