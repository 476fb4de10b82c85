"""A second problem added in a clause of its own (还 / 也) that reads as another unit's
duty names that unit as 协办 (clause_duty.added_duties), and holds the request back."""

from __future__ import annotations

from dataclasses import replace

from hotline.ticketing.routing import Router
from hotline.ticketing.routing.auto import held_back_by
from hotline.ticketing.routing.clause_duty import ADDED, added_duties, clauses, setting_only


def _reader(table: dict[str, dict[str, float]]):  # type: ignore[no-untyped-def]
    """A stand-in for the unit classifier: each clause's probabilities, by a word in it."""

    def read(clause: str) -> dict[str, float]:
        return next((p for word, p in table.items() if word in clause), {})

    return read


def test_clauses_cut_at_punctuation_and_pauses_and_join_short_pieces() -> None:
    assert clauses("工厂夜里烧油漆桶，路边还堆了木屑。") == ["工厂夜里烧油漆桶", "路边还堆了木屑"]
    # Spoken fragments shorter than a clause join the next one.
    assert clauses("喂 你好 我们家 停电了一上午") == ["喂你好我们家", "停电了一上午"]
    assert clauses("短") == ["短"]


def test_only_an_added_problem_is_read_not_still_can_or_must() -> None:
    for added in ("路边还堆了一大堆木屑", "门口还占了半条人行道", "树也倒在路中间", "另外路灯坏了"):
        assert ADDED.search(added), added
    for same in (
        "电闸还在底下呢",
        "孩子还要上学",
        "上学还得跑老远",
        "督促医院退还",
        "也不管",
        "还没修",
        "晚上谁也睡不着",
    ):
        assert not ADDED.search(same), same


def test_an_added_clause_read_as_another_units_duty_names_it() -> None:
    read = _reader(
        {
            "木屑": {"urban_management": 0.84, "environment": 0.05},
            "烧": {"environment": 0.9},
        }
    )
    text = "木材厂夜里在院里烧油漆桶，路边还堆了一大堆木屑没人收拾。"
    assert added_duties(text, "environment", read, set()) == [
        ("urban_management", "路边还堆了一大堆木屑没人收拾")
    ]
    # The same clause without 还 is the scene, not an added problem.
    plain = "木材厂夜里在院里烧油漆桶，路边堆的木屑就是他家的。"
    assert added_duties(plain, "environment", read, set()) == []
    # Not when the lead keeps a share of the clause, nor when the reading is unsure,
    # nor for an area (a village named in passing), nor without a lead.
    shared = _reader({"木屑": {"urban_management": 0.7, "environment": 0.2}})
    assert added_duties(text, "environment", shared, set()) == []
    unsure = _reader({"木屑": {"urban_management": 0.5, "housing": 0.4}})
    assert added_duties(text, "environment", unsure, set()) == []
    area = _reader({"木屑": {"@area": 0.9}})
    assert added_duties(text, "environment", area, {"@area"}) == []
    assert added_duties(text, None, read, set()) == []
    # 还 in a comparison adds nothing (比城里还贵).
    dear = _reader({"还贵": {"market_supervision": 0.9}})
    assert added_duties("村里的水一方三块，比城里还贵", "hongqi", dear, set()) == []


def test_the_router_suggests_the_added_duty_and_holds_the_request(router: Router) -> None:
    on = replace(router.rules.auto_dispatch, enabled=True)
    text = (
        "台风把路边一棵大柳树刮倒了，正好压在电线上，电线都快被压断了，"
        "我们这一片全停电了，树还横在路中间。"
    )
    got = router.suggest(text)
    assert got.department == "power"
    reasons = dict(got.assisting)
    assert "urban_management" in reasons and "树还横在路中间" in reasons["urban_management"]
    assert held_back_by(got, on) == "assisting"
    # The power cut alone names no second unit.
    alone = router.suggest("我们这一片全停电了，都停了一上午了，赶紧来修吧。")
    assert alone.department == "power" and "urban_management" not in dict(alone.assisting)


def test_words_only_in_clauses_read_as_the_leads_matter_set_the_scene() -> None:
    read = _reader(
        {
            "研学": {"culture_tourism": 0.9, "education": 0.01},
            "学校": {"education": 0.8, "culture_tourism": 0.1},
        }
    )

    def compact(clause: str) -> str:
        return clause

    text = "报了个研学，是个旅行社组织的，交了两千八，现在说取消了钱不退"
    assert setting_only(text, ["研学"], "culture_tourism", "education", read, compact)
    # A clause of its own that reads as the second unit's keeps it.
    both = "报了个研学，是个旅行社组织的，交了两千八，学校还在群里推"
    assert not setting_only(both, ["研学", "学校"], "culture_tourism", "education", read, compact)
    # A request told in one breath (one clause) is not told apart.
    assert not setting_only("报了个研学", ["研学"], "culture_tourism", "education", read, compact)
    # Words written nowhere in the text say nothing.
    assert not setting_only(text, ["幼儿园"], "culture_tourism", "education", read, compact)


def test_a_unit_that_only_sets_the_scene_is_not_shown_but_still_holds(router: Router) -> None:
    on = replace(router.rules.auto_dispatch, enabled=True)
    text = (
        "一个APP报了个研学营，是个旅行社组织的，去大连三天，交了两千八，"
        "现在说取消了，钱不退，客服电话也打不通。"
    )
    got = router.suggest(text)
    assert got.department == "culture_tourism"
    assert "education" not in dict(got.assisting)
    assert held_back_by(got, on) is not None
