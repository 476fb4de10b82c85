"""The request type follows the catalogue's definitions (config/bayuquan-catalog.yaml,
`categories`): every example written under a type gets that type from the shipped router,
as written and as a recogniser writes it (no punctuation, words apart)."""

from __future__ import annotations

import pytest
from hotline.ticketing.catalog import Catalog
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.segment import words
from hotline.ticketing.routing.text import normalise

from hotline.catalog_loader import load_catalog

EXAMPLES = [(c.id, text) for c in load_catalog().categories for text in c.examples]


def test_every_type_has_examples(routing_catalog: Catalog) -> None:
    assert {c.id for c in routing_catalog.categories} == {t for t, _ in EXAMPLES}
    assert all(len(c.examples) >= 5 for c in routing_catalog.categories)


@pytest.mark.parametrize(("type_id", "text"), EXAMPLES)
def test_the_router_gives_each_catalogue_example_its_own_type(
    router: Router, type_id: str, text: str
) -> None:
    assert router.suggest(text).category == type_id
    heard = " ".join(words(normalise(text)))
    assert router.suggest(heard).category == type_id


def _cue_type(router: Router, text: str) -> str:
    """The type the cues alone give (no type classifier), as `Router.suggest` reads text."""
    from hotline.ticketing.routing.phonetic import TextSound
    from hotline.ticketing.routing.speech import normalise_speech
    from hotline.ticketing.routing.text import apply_corrections, chunks

    said = normalise_speech(text)
    compact = apply_corrections(normalise(said), router.rules.corrections).replace(" ", "")
    return router._rules.category(compact, TextSound(chunks(said)), {}).category


@pytest.mark.parametrize(
    ("text", "type_id"),
    [
        # A loss to be made good is the catalogue's complaint ("要求纠正或赔偿").
        ("停电把冰箱里的肉都坏了，要求供电公司赔偿损失", "complaint"),
        ("健身房老板跑了，请市场监管部门帮我们追回预付款", "complaint"),
        # A promise to the caller still not kept.
        ("说好上周来换水表，到现在也没动静，家里停水了", "complaint"),
        # Written asks to repair or restore, and failures said plainly, are help.
        ("某路口信号灯故障，请交警部门尽快修复", "help"),
        ("家里水管子冻裂了", "help"),
        ("暖气片一点都不热", "help"),
        # Someone else named as the doer, and an institution hiding an outbreak, are reports.
        ("有一家饭店天天往河沟里倒泔水", "report"),
        ("养老院好几个老人发烧，院里还瞒着家属", "report"),
        # Asking for a service to be different from now on is a suggestion.
        ("以后供暖能不能提前几天开", "suggestion"),
        # A spoken yes/no question on a procedure is a consult.
        ("出生证明丢了，上户口要医院开证明不", "consult"),
        # A unit's excuse quoted back, and asking the centre to take the caller's side,
        # are grievances; asking someone to come and look is help.
        ("窗口说系统坏了让明天再来", "complaint"),
        ("物业费涨了一倍，这合法吗，你们给做个主", "complaint"),
        ("苹果树叶子发黄了，有没有人能来给看看", "help"),
        ("楼道灯坏一个月了，什么时候能修", "help"),
        ("店里卖我的鞋是假的，我去找过了", "complaint"),
        ("路灯不亮，我都反映过了", "complaint"),
        # Asking whether a fee or a rule is fair, or may I still, is a consult (标志 合不合理).
        ("小区物业费从一块二涨到一块八，这合不合理", "consult"),
        ("打完第一针过了六个月，第二针还能打吗", "consult"),
        ("过年客车初几开始跑", "consult"),
        ("社区上门要捐款，这是强制的吗", "consult"),
        # Getting back what is owed is a grievance, though put as a plea for help.
        ("包工头一分钱没给，求你们帮我把钱要回来", "complaint"),
        # A repair quoted as the unit's excuse, a promise to come not kept, and cold
        # suffered on a bus are grievances, not asks to repair.
        ("这个月停了三回水，每回都说是抢修", "complaint"),
        ("垃圾箱满了好几天，打电话说马上来就是不来", "complaint"),
        ("公交车等了一个小时都不来，冻得够呛", "complaint"),
        # A repairman asked to come, and hardship the caller cannot pay for, are help.
        ("暖气片上边热下边凉，我自己不会弄，能来个师傅吗", "help"),
        ("我一个人带孩子，取暖费实在交不起，屋里都结冰了", "help"),
        # An inspection asked at once, and someone working without a licence, are reports.
        ("饭店地下室摆了十来个液化气罐，赶紧来人查查", "report"),
        ("跑网约车的司机根本没证，借别人的号拉活", "report"),
    ],
)
def test_the_cues_follow_the_catalogues_definitions(
    router: Router, text: str, type_id: str
) -> None:
    assert _cue_type(router, text) == type_id


@pytest.mark.parametrize(
    ("text", "not_type"),
    [
        ("自来水公司的抄表员态度差", "help"),  # 自来水 holds 来水, no outage
        # A forward's 来电反映 / 来电人称 is the call itself, not power back on.
        ("来电人称其小区门前的公交站牌被撞歪", "help"),
        ("来电称区政务大厅周六是否上班", "help"),
        ("请医保局调查处理并给我答复", "report"),  # 调查处理 holds 查处, nobody to punish
        ("希望交通部门严查这个司机", "suggestion"),  # an inspection asked, not a better service
        ("孩子能不能在这边学校念书", "suggestion"),  # 能不能在 sounds like the cue 能不能再
        # The caller's own home harmed is a grievance, though someone else did it.
        ("村干部把救灾物资先给亲戚，我家房子淹了一半一点没分到", "report"),
    ],
)
def test_a_word_that_holds_or_sounds_like_a_cue_is_not_that_cue(
    router: Router, text: str, not_type: str
) -> None:
    assert _cue_type(router, text) != not_type
