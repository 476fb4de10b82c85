"""Who calls sets the scene (我开网约车的, 我是物业的): the caller's own trade neither
scores for its unit nor reaches the unit classifier, the duty asked about does."""

from __future__ import annotations

from hotline.ticketing.routing import Router
from hotline.ticketing.routing.phonetic import TextSound
from hotline.ticketing.routing.rule_votes import SCENE_FACTOR, scene_spans, without_scene
from hotline.ticketing.routing.text import chunks


def _said(text: str) -> list[str]:
    return [text[a:b] for a, b in scene_spans(text)]


def test_a_self_introduction_is_the_scene() -> None:
    assert _said("我开网约车的昨天拉了个乘客") == ["我开网约车的"]
    assert _said("我是送外卖的送单到小区") == ["我是送外卖的"]
    assert _said("我在化工厂上班罐区干活") == ["我在化工厂上班"]
    # The community's worker calling for others: a post follows where the caller lives.
    assert _said("我是海杏街道幸福社区的社工组织老人打疫苗") == ["我是海杏街道幸福社区的"]


def test_an_ask_an_errand_or_where_the_caller_lives_is_no_self_introduction() -> None:
    assert _said("我是想问一下学校的事") == []
    assert _said("我是替我儿媳妇打的孩子上二年级") == []
    assert _said("我在大连回不去") == []
    # 我是X社区的 says where the caller lives: that area's matter may be theirs.
    assert _said("你好我是望海街道海港社区的我们楼一楼独居的张大爷") == []


def test_the_classifier_reads_the_request_without_who_calls() -> None:
    assert without_scene("我开网约车的昨天拉了个乘客") == " 昨天拉了个乘客"
    assert without_scene("我开网约车的") == "我开网约车的"  # nothing else said: kept
    assert without_scene("暖气不热") == "暖气不热"


def test_the_trades_own_platform_makes_the_trade_the_matter() -> None:
    # 平台 said without whose is the caller's trade's: the classifier reads the trade too.
    text = "我开网约车的平台这个月乱扣我钱抽成太高了"
    assert without_scene(text) == text
    assert without_scene("我是送外卖的站点老板扣我全勤") == " 站点老板扣我全勤"


def test_a_phrase_said_only_in_the_self_introduction_counts_less(
    rules_only_router: Router,
) -> None:
    reader = rules_only_router._rules

    def scores(text: str) -> dict[str, float]:
        return reader.unit_scores(text, TextSound(chunks(text)), None).scores

    full = scores("网约车一路咳嗽")["transport"]
    assert scores("我开网约车的一路咳嗽")["transport"] == SCENE_FACTOR * full
    # Named again outside it, the trade is the matter: full weight.
    assert scores("我开网约车的网约车平台乱扣钱")["transport"] >= full


def test_a_driver_asking_about_a_passengers_flu_is_the_health_bureaus(router: Router) -> None:
    text = "我开网约车的 昨天拉了个乘客 一路咳嗽 下车了跟我说他是甲流 我这要不要去查一下 车咋消毒"
    assert router.suggest(text).department == "health"
    assert router.suggest("我开网约车的 平台这个月乱扣我钱 抽成太高了").department == "transport"


def test_where_or_how_something_was_done_is_no_self_introduction() -> None:
    assert _said("我在一家健身房办了三千多的年卡") == []
    assert _said("我是在健身房办的卡") == []
    assert _said("我是从超市买的奶粉") == []
