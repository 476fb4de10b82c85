"""The caller's post where they are from (我是芦屯镇一个村的网格员) speaking for one household
says who calls: the post's words give the area no vote, the household's matter leads."""

from __future__ import annotations

from hotline.ticketing.routing import Router
from hotline.ticketing.routing.caller_post import post_spans, without_post, without_post_area
from hotline.ticketing.routing.phonetic import TextSound
from hotline.ticketing.routing.rule_votes import without_scene
from hotline.ticketing.routing.text import chunks


def _posts(text: str) -> list[str]:
    return [text[a:b] for a, b in post_spans(text)]


def test_a_post_speaking_for_one_household_is_read() -> None:
    assert _posts("我是芦屯镇一个村的网格员有户人家房顶塌了半拉想申请危房改造") == ["网格员"]
    assert _posts("我是红旗镇一个村的支书村里一户孩子十岁了一直没上学") == ["支书"]
    assert _posts("我是红旗镇那个村的妇女主任替村里一个哑巴媳妇问问") == ["妇女主任"]
    assert _posts("我是望海街道的网格员帮我们楼一户年轻人问问育儿补贴") == ["网格员"]
    assert _posts("我是红旗镇那个村的网格员老张家的羊一宿死了七八只") == ["网格员"]


def test_a_post_for_the_whole_grid_or_village_is_not() -> None:
    # The grid's flood relief is the area's own (r21's storm week): 三十一户 is no household.
    assert _posts("我是芦屯镇后营村的网格员我们网格三十一户进水的十二户缺抽水泵") == []
    assert _posts("我是熊岳镇一个村的村主任村里想在村部院里建个小锅炉房") == []


def test_no_post_or_no_self_introduction_by_place_is_not() -> None:
    # Where the caller lives, without a post: that area's matter may be theirs.
    assert _posts("我是芦屯镇那个村的我们村有个老太太仨儿女谁都不管") == []
    # The grid worker asked to act, not the caller.
    assert _posts("俺是独居老人腿脚不好社区网格员能上门帮俺把药捎回来不") == []


def test_the_classifier_reads_neither_the_place_nor_the_post() -> None:
    text = "我是芦屯镇一个村的网格员有户人家房顶塌了"
    assert without_post(text) == "我是芦屯镇一个村的 有户人家房顶塌了"
    assert "网格员" not in without_scene(text)
    assert "房顶塌了" in without_scene(text)


def test_the_post_gives_the_area_no_points(rules_only_router: Router) -> None:
    reader = rules_only_router._rules

    def area_score(text: str) -> float:
        area = rules_only_router.gazetteer.find(text, TextSound(chunks(text)))
        assert area is not None and area.area_id == "lutun"
        return reader.unit_scores(text, TextSound(chunks(text)), area).scores.get("lutun", 0.0)

    told = "我是芦屯镇一个村的网格员有户人家房顶漏雨"
    grid = "我是芦屯镇后营村的网格员我们网格三十一户房顶漏雨"
    assert area_score(told) == 0.0
    assert area_score(grid) >= 3.0  # 网格员 and 网格: the grid's own matter


def test_the_post_still_names_the_area_as_assisting(rules_only_router: Router) -> None:
    text = "我是芦屯镇一个村的网格员有户人家房顶塌了半拉老两口还住着想给申请危房改造"
    reader = rules_only_router._rules
    area = rules_only_router.gazetteer.find(text, TextSound(chunks(text)))
    hits = reader.unit_scores(text, TextSound(chunks(text)), area).area_hits
    assert "网格员" in [h.phrase for h in hits]


def test_a_grid_worker_for_one_household_goes_to_the_bureau(rules_only_router: Router) -> None:
    text = "我是芦屯镇一个村的网格员，有户人家房顶塌了半拉，老两口还住着，想给申请危房改造"
    assert rules_only_router.suggest(text).department == "housing"


def test_the_classifier_share_of_the_area_is_dropped_only_for_a_post(router: Router) -> None:
    told = "我是红旗镇一个村的支书村里一户孩子十岁了一直没上学"
    place = router.gazetteer.find(told, TextSound(chunks(told)))
    proba = {"hongqi": 0.6, "education": 0.3}
    assert without_post_area(proba, place, told) == {"education": 0.3}
    resident = "我是红旗镇那个村的村里一户孩子十岁了一直没上学"
    assert without_post_area(proba, place, resident) == proba
    assert without_post_area(proba, None, told) == proba
