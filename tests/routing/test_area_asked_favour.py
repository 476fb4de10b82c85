"""The town, subdistrict or community asked to act by a suggestion or a favour (建议海星街道
社区办个…, 麻烦社区派个人…, 这个证明社区能开吗) leads over the unit whose topic set the scene
(the holidays, the flu, a student grant)."""

from __future__ import annotations

from hotline.ticketing.routing import Router
from hotline.ticketing.routing.area_roles import area_asked
from hotline.ticketing.routing.rules import Hit


def test_a_suggestion_or_a_favour_asks_the_area() -> None:
    hits = [Hit("社区", 2.0)]
    assert area_asked("孩子没人看建议海星街道社区办个托管班", hits, "education")
    assert area_asked("他下不了楼麻烦社区派个人帮他送点药", hits, "health")
    assert area_asked("学校要个困难证明这个证明社区能开吗", hits, "education")
    # Where, or what the community did, asks nothing of it.
    assert not area_asked("建议在社区门口多设几个垃圾桶", hits, "urban_management")
    assert not area_asked("社区说组织老人打疫苗车没来", hits, "health")


def test_the_area_asked_by_a_suggestion_leads(rules_only_router: Router) -> None:
    scene = "放暑假了 双职工家孩子没人看 开个托管班吧"
    assert rules_only_router.suggest(scene).department == "education"
    got = rules_only_router.suggest("放暑假了 双职工家孩子没人看 建议望海街道社区办个托管班")
    assert got.department == "wanghai"
    assert got.alternatives[0].department == "education"
