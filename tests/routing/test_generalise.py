"""What was built so that the router generalises beyond the sets it was measured on:
place names hidden from the classifier, area matters as one class, a request-type
classifier, a classifier that can outvote a weak phrase, nested phrases counted once,
and sound-alikes of recognition slips."""

from __future__ import annotations

import pickle
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from hotline.ticketing.catalog import Catalog
from hotline.ticketing.routing import DEFAULT_RULES_FILE, Router, build_router, parse_rules
from hotline.ticketing.routing.classifier import AREA_CLASS, PlaceMask, train_seed
from hotline.ticketing.routing.seed import seed_records
from hotline.ticketing.routing.text import normalise

from tests.fixtures.cli import run_hotline


def _packaged() -> dict[str, Any]:
    return yaml.safe_load(DEFAULT_RULES_FILE.read_text(encoding="utf-8"))


def test_place_names_are_masked_with_their_kind_and_generic_place_words() -> None:
    mask = PlaceMask(["熊岳", "望海", "望儿山"])
    assert mask("熊岳镇有人收死鸭子").strip() == "有人收死鸭子"
    assert mask("望海街道的路灯").strip() == "的路灯"
    assert mask("望儿山下我们村的电很弱").replace(" ", "") == "下的电很弱"
    assert mask("村委会不公开账目") == "村委会不公开账目"  # a matter word, not a place


def test_place_names_heard_by_sound_are_masked_like_names_as_written() -> None:
    mask = PlaceMask(["熊岳", "熊岳镇", "望海", "望海街道", "芦屯", "芦屯镇", "海星", "红旗镇"])
    assert mask(normalise("旺海 街道 我们 这 停 睡 两天 了")).strip() == "我们这停睡两天了"
    assert mask("熊药镇那个从早上就停电").strip() == "那个从早上就停电"  # 东北 yue → yao
    assert mask("我是芦存镇的燃气灶打不着火").replace(" ", "") == "我是的燃气灶打不着火"
    assert mask("芦镇那边停电").strip() == "那边停电"  # a syllable of the stem lost
    # Said twice, or beside a name as written: every mention goes.
    assert "万海" not in mask("万海那块儿就是万海街道万福路上冒水")
    assert mask("我家在红旗镇亲戚在熊药镇").replace(" ", "") == "我家在亲戚在"
    # An everyday word that sounds like a place stays.
    assert mask("我买的海信电视才用半年就黑屏了") == "我买的海信电视才用半年就黑屏了"
    assert mask("我晚还得接孩子") == "我晚还得接孩子"
    assert PlaceMask(["望海"], by_sound=False)("旺海停水") == "旺海停水"


def test_a_model_pickled_before_sound_masking_reads_names_as_written_only() -> None:
    old = PlaceMask(["望海"])
    del old.names, old.by_sound  # what a PlaceMask of MODEL_FORMAT 4 pickled
    loaded = pickle.loads(pickle.dumps(old))
    assert loaded("旺海停水望海停电") == "旺海停水 停电"
    assert pickle.loads(pickle.dumps(PlaceMask(["望海"])))("旺海停水") == " 停水"


def test_the_classifier_learns_no_sound_alike_of_a_place(routing_catalog: Catalog) -> None:
    # 旺海 (望海 as a recogniser writes it) is neither a word, a character pair nor a sound
    # of the fitted features, nor a content word of the support index.
    records = [(t, u, c) for t, u, c in seed_records() if c][:300]
    records += [("旺海街道俺们是弃管楼楼道灯全不亮", "wanghai", "help")] * 3
    records += [("熊药镇那个从早上就停电了", "power", "help")] * 3
    model = train_seed(records, ["望海", "望海街道", "熊岳", "熊岳镇"], ["wanghai"])
    features = dict(model.pipeline.named_steps["features"].transformer_list)
    learned = " ".join(v for f in features.values() for v in f.vocabulary_)
    assert "旺" not in learned and "熊药" not in learned and "wang hai" not in learned
    assert "弃管" in learned
    assert not any("旺" in w for w in model.support_vectorizer.vocabulary_)


def test_the_classifier_cannot_tell_one_place_from_another(router: Router) -> None:
    model = router.classifier()
    assert model is not None
    assert AREA_CLASS in model.pipeline.classes_
    assert not {a.id for a in router.catalog.areas} & set(model.pipeline.classes_)
    one = model.probabilities(normalise("熊岳镇那边有人收死鸭子往外卖"))
    other = model.probabilities(normalise("红旗镇那边有人收死鸭子往外卖"))
    assert one == pytest.approx(other)


def test_an_area_matter_goes_to_the_area_the_text_names(router: Router) -> None:
    for name, area in (("红旗镇", "hongqi"), ("望海街道", "wanghai")):
        s = router.suggest(f"{name}我们那疙瘩的村干部把集体的鱼塘偷偷包出去了")
        assert s.department == area and s.area == area


def test_an_unplaced_local_matter_is_named_in_the_explanation(router: Router) -> None:
    s = router.suggest("村里的路灯坏了好几个月了一直没人修")
    assert s.area is None
    assert "未听出所属镇街" in s.explanation and "请问清地点" in s.explanation


def test_a_confident_classifier_outvotes_a_weak_phrase(routing_catalog: Catalog) -> None:
    data = _packaged()
    data["units"] = {**data["units"], "education": {"学校": 1}}
    # (not 没有生产日期: duty_act.py reads goods without a maker's label as a stated duty;
    # not 学校门口小卖部卖的: school_gate_trade.py reads a shop by a school selling to pupils)
    text = "学校小卖部的辣条过期了"
    data["units"]["market_supervision"] = {}  # only the classifier knows the duty
    strong = build_router(parse_rules(data, routing_catalog), routing_catalog)
    s = strong.suggest(text)
    assert s.department == "market_supervision" and s.decided_by == "classifier"
    assert "分类模型：与「" in s.explanation
    data["classifier"]["seed_weight"] = 0.0  # the classifier never votes on its own
    quiet = Router(parse_rules(data, routing_catalog), routing_catalog, seed=strong.classifier())
    assert quiet.suggest(text).department == "education"


def test_the_request_type_classifier_decides_where_no_cue_does(router: Router) -> None:
    text = "我家孩子的学籍能不能转到这边来"
    s = router.suggest(text)
    assert s.category == "help" or s.category == "consult"
    assert "类型：" in s.explanation and "分类模型" in s.explanation.split("类型：")[1]
    rules = replace(router.rules, classifier=replace(router.rules.classifier, category_weight=0))
    cues_only = Router(rules, router.catalog, phonetic=router.phonetic, seed=router.classifier())
    assert cues_only.suggest(text).category == router.rules.category_default


def test_a_phrase_inside_a_longer_one_counts_once(routing_catalog: Catalog) -> None:
    data = _packaged()
    data["units"] = {"water": {"水管": 2, "水管爆裂": 3}, "power": {"停电": 4}}
    data["classifier"]["seed_corpus"] = False
    router = build_router(parse_rules(data, routing_catalog), routing_catalog)
    # (停电 first: "水管爆裂了还停电" would name 停电 on the side, see roles.py.)
    assert router.suggest("停电了水管爆裂").department == "power"  # 3 < 4, not 2 + 3
    assert router.suggest("水管爆裂了，另一根水管也漏，还停电").department == "water"  # 2 + 3


def test_a_recognition_slip_matches_by_sound_a_real_word_does_not(
    rules_only_router: Router,
) -> None:
    s = rules_only_router.suggest("我 在 外地 交 的 一保 回来 能 用 吗")
    assert s.department == "medical_insurance" and "“医保”(音近)" in s.explanation
    assert rules_only_router.suggest("买 了 一包 烟").department != "medical_insurance"


def test_a_long_phrase_heard_as_one_unknown_word_counts_in_full(
    rules_only_router: Router,
) -> None:
    # 深份证 (身份证 misheard) is that phrase, not a coincidence: its full weight, while a
    # two-syllable sound-alike (城惯 for 城管) keeps the sound share.
    from hotline.ticketing.routing.matching import SOUND_FACTOR, find_hits
    from hotline.ticketing.routing.phonetic import TextSound
    from hotline.ticketing.routing.text import chunks

    phrases = rules_only_router.rules.units["public_security"]
    full = next(p.weight for p in phrases.phrases if p.text == "身份证")
    text = "孩子十六了头一回办深份证 学校报名急着用"
    hits = find_hits(
        phrases, text.replace(" ", ""), TextSound(chunks(text)), rules_only_router.phonetic
    )
    heard = next(h for h in hits if h.phrase == "身份证")
    assert heard.by_sound and heard.weight == full
    phrases = rules_only_router.rules.units["urban_management"]
    text = "卖水果的 城惯天天来"
    hits = find_hits(
        phrases, text.replace(" ", ""), TextSound(chunks(text)), rules_only_router.phonetic
    )
    short = next(h for h in hits if h.phrase == "城管")
    assert short.weight == pytest.approx(
        SOUND_FACTOR * next(p.weight for p in phrases.phrases if p.text == "城管")
    )


def test_the_typed_corpus_requests_are_labelled_with_catalogue_ids(
    routing_catalog: Catalog,
) -> None:
    records = seed_records()
    typed = Counter(category for _, _, category in records if category)
    assert set(typed) == set(routing_catalog.category_ids())
    assert sum(typed.values()) >= 600


def test_a_typed_history_trains_the_request_type_classifier() -> None:
    from hotline.ticketing.routing import train

    asks = [
        (f"想问问{x}怎么办理", "civil_affairs", "consult") for x in ["结婚", "离婚", "低保", "救助"]
    ]
    helps = [(f"家里{x}了快来人帮忙", "water", "help") for x in ["跑水", "漏水", "没水", "水管爆"]]
    untyped = [("暖气不热", "heating")]
    model = train((asks + helps) * 3 + untyped, seed_corpus=())
    assert model.category_pipeline is not None
    p = model.category_probabilities(normalise("想问问收养孩子怎么办理"))
    assert max(p, key=p.__getitem__) == "consult"
    assert train(untyped + [("停水了", "water")], seed_corpus=()).category_pipeline is None


def test_a_history_file_with_an_unknown_type_names_the_line(tmp_path: Path) -> None:
    history = tmp_path / "history.jsonl"
    history.write_text(
        '{"text": "停水了", "unit": "water", "category": "help"}\n'
        '{"text": "暖气不热", "unit": "heating", "category": "grumble"}\n',
        "utf-8",
    )
    result = run_hotline(
        tmp_path, "routing", "train", "--history", str(history), "--model", "m.joblib"
    )
    assert result.returncode != 0
    assert "history.jsonl:2" in result.stderr and "grumble" in result.stderr


@pytest.mark.parametrize("text", ["我想说个事儿", "有个事情能不能管管", "这事到底为啥不行"])
def test_a_request_of_filler_words_alone_gets_no_unit(router: Router, text: str) -> None:
    # The classifier's similarity gate reads content words only: words every request
    # has ("a matter", "can you", "why") must not make a text look like a training one.
    s = router.suggest(text)
    assert s.department is None, s.explanation
    assert s.alternatives == ()


def test_a_duty_word_garbled_inside_unknown_words_is_heard_a_known_pair_is_not(
    rules_only_router: Router,
) -> None:
    # The segmenter glues a two-syllable slip to its neighbours (伊保能, 说迪|保要), so no
    # word boundary frames it; inside words no dictionary knows, sharing a character with
    # the duty word, it is that word. Real words that sound alike (谁 管) stay unheard.
    from hotline.ticketing.routing.matching import find_hits
    from hotline.ticketing.routing.phonetic import TextSound
    from hotline.ticketing.routing.text import chunks

    def heard(unit: str, text: str) -> dict[str, float]:
        phrases = rules_only_router.rules.units[unit]
        sound, compact = TextSound(chunks(text)), text.replace(" ", "")
        phonetic = rules_only_router.phonetic
        return {h.phrase: h.weight for h in find_hits(phrases, compact, sound, phonetic, True)}

    def weight(unit: str, phrase: str) -> float:
        return next(
            p.weight for p in rules_only_router.rules.units[unit].phrases if p.text == phrase
        )

    assert heard("medical_insurance", "这个伊保能报多少")["医保"] == weight(
        "medical_insurance", "医保"
    )
    assert heard("civil_affairs", "社区说迪保要复核")["低保"] == weight("civil_affairs", "低保")
    phonetic = rules_only_router.phonetic
    key = phonetic.any_sound_of("水管")
    assert key is not None and TextSound(["这个谁管啊"]).glued(key, "水管", phonetic.is_word) == ""
    assert "医保" not in heard("medical_insurance", "买了一包烟")
    # Without `glued` (request type, area matters), only boundary-aligned sounds count.
    phrases = rules_only_router.rules.units["civil_affairs"]
    text = "社区说迪保要复核"
    plain = find_hits(phrases, text, TextSound(chunks(text)), rules_only_router.phonetic)
    assert "低保" not in {h.phrase for h in plain}


def test_a_garbled_duty_word_leads_where_the_rules_alone_decide(
    rules_only_router: Router,
) -> None:
    assert rules_only_router.suggest("不冻产证 丢了 去哪补").department == "natural_resources"
    assert rules_only_router.suggest("社区说迪保要复核 让交银行流水").department == "civil_affairs"


def test_a_garbled_phrase_inside_a_longer_one_heard_counts_once(
    rules_only_router: Router,
) -> None:
    from hotline.ticketing.routing.matching import find_hits
    from hotline.ticketing.routing.phonetic import TextSound
    from hotline.ticketing.routing.text import chunks

    phrases = rules_only_router.rules.units["heating"]
    text = "财暖费的户名怎么改成我的"
    hits = find_hits(phrases, text, TextSound(chunks(text)), rules_only_router.phonetic, True)
    assert [h.phrase for h in hits] == ["采暖费"]
