"""The seed corpus and the classifier trained on it, voting next to the rules."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hotline.ticketing.catalog import Catalog
from hotline.ticketing.routing import (
    DEFAULT_RULES_FILE,
    Router,
    RulesError,
    build_router,
    parse_rules,
    train,
)
from hotline.ticketing.routing import seed as seed_module
from hotline.ticketing.routing.seed import (
    SeedCorpusError,
    seed_examples,
    seed_model,
    seed_records,
)
from hotline.ticketing.routing.segment import words as segment_words
from hotline.ticketing.routing.text import normalise

DATA = Path(__file__).parent / "data"


def test_the_corpus_covers_every_unit_and_area(routing_catalog: Catalog) -> None:
    examples = seed_examples()
    counts = Counter(unit for _, unit in examples)
    assert set(counts) == {u.id for u in routing_catalog.units}  # areas are units too
    assert min(counts.values()) >= 30
    texts = [t for t, _ in examples]
    assert len(set(texts)) == len(texts)


def test_the_corpus_shares_no_sentence_with_the_labelled_sets() -> None:
    seen: set[str] = set()
    for path in DATA.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            seen |= {normalise(item[k]) for k in ("text", "clean") if k in item}
    assert not [t for t, _ in seed_examples() if normalise(t) in seen]


def test_the_classifier_decides_where_no_phrase_matches(
    router: Router, rules_only_router: Router
) -> None:
    text = "我家的羊不吃草一直拉稀"
    assert rules_only_router.suggest(text).department is None
    s = router.suggest(text)
    assert s.department == "agriculture" and s.decided_by == "classifier"
    assert "分类模型：与「" in s.explanation and "」类工单相似" in s.explanation
    assert 0.0 < s.confidence < 1.0


def test_the_classifier_agreeing_with_the_rules_is_mentioned(router: Router) -> None:
    s = router.suggest("我家暖气不热，屋里才十二度")
    assert s.department == "heating" and s.decided_by == "rules"
    assert "分类模型同意" in s.explanation


def test_garbage_gets_no_classifier_vote(router: Router) -> None:
    for text in ("asdkjh qwe zzz", "12345 abc 678 xyz", "的" * 500):
        assert router.suggest(text).department is None


def test_area_votes_go_to_the_area_named(router: Router) -> None:
    s = router.suggest("芦屯镇我们那疙瘩的村干部把集体的鱼塘偷偷包出去了")
    assert s.department == "lutun" and s.area == "lutun"


def test_switched_off_in_the_rules(routing_catalog: Catalog) -> None:
    data = yaml.safe_load(DEFAULT_RULES_FILE.read_text(encoding="utf-8"))
    data["classifier"]["seed_corpus"] = False
    router = build_router(parse_rules(data, routing_catalog), routing_catalog)
    assert router.classifier() is None
    assert router.suggest("我家的羊不吃草一直拉稀").department is None
    data["classifier"]["seed_corpus"] = "yes"
    with pytest.raises(RulesError, match="classifier.seed_corpus"):
        parse_rules(data, routing_catalog)
    data["classifier"] = {"seed_weight": 5}
    with pytest.raises(RulesError, match="classifier.seed_weight"):
        parse_rules(data, routing_catalog)


def test_a_best_guess_below_the_floor_stays_silent(router: Router) -> None:
    text = "收音机一个台都收不到了"  # no rule reads a radio (a TV's lost picture is tv_signal.py's)
    assert router.suggest(text).decided_by == "classifier"
    rules = replace(
        router.rules, classifier=replace(router.rules.classifier, seed_min_probability=0.95)
    )
    assert Router(rules, router.catalog, seed=router.classifier()).suggest(text).department is None


def test_history_is_trained_on_top_of_the_corpus(router: Router) -> None:
    history = [("小区门口的滑板车倒了一片", "urban_management")] * 3 + [
        ("滑板车把盲道堵了", "urban_management"),
        ("水压太低", "water"),
    ]
    model = train(
        history,
        place_names=router.gazetteer.names(),
        area_ids=[a.id for a in router.catalog.areas],
        seed_corpus=seed_records(),
    )
    assert model.includes_seed and model.seed_examples == len(seed_examples())
    assert model.examples_per_unit == {"urban_management": 4, "water": 1}  # history only
    trained = router.with_model(model)
    assert trained.classifier() is model
    s = trained.suggest("楼下滑板车倒了一大片")
    assert s.department == "urban_management" and s.decided_by == "classifier"
    # A history trained without the corpus is evidence only; the seed model still votes.
    bare = train(history, place_names=router.gazetteer.names(), seed_corpus=())
    assert not bare.includes_seed
    assert router.with_model(bare).classifier() is router.classifier()


def test_the_model_is_cached_and_reloaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus.jsonl"
    lines = [
        {"text": "暖气不热屋里冷", "unit": "heating"},
        {"text": "暖气片漏水了", "unit": "heating"},
        {"text": "停水了没有水", "unit": "water"},
        {"text": "自来水发黄", "unit": "water"},
    ]
    corpus.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    monkeypatch.setattr(seed_module, "_models", {})
    first = seed_model(cache_dir=tmp_path / "var", path=corpus, retired=None)
    cached = list((tmp_path / "var").glob("routing-seed-*.joblib"))
    assert len(cached) == 1
    monkeypatch.setattr(seed_module, "_models", {})  # as a new process would
    again = seed_model(cache_dir=tmp_path / "var", path=corpus, retired=None)
    assert again is not first
    text = normalise("家里暖气不热")
    assert again.probabilities(text) == pytest.approx(first.probabilities(text))
    cached[0].write_bytes(b"damaged")  # a damaged cache is retrained, not fatal
    monkeypatch.setattr(seed_module, "_models", {})
    assert seed_model(cache_dir=tmp_path / "var", path=corpus, retired=None).seed_examples == 4


def test_a_broken_corpus_names_the_line(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"text": "停水", "unit": "water"}\n{"text": "x"}\n', "utf-8")
    with pytest.raises(SeedCorpusError, match=r"corpus.jsonl:2"):
        seed_examples(corpus)
    with pytest.raises(SeedCorpusError, match="cannot read"):
        seed_examples(tmp_path / "missing.jsonl")


def test_the_third_blind_set_is_labelled_with_catalogue_ids(routing_catalog: Catalog) -> None:
    lines = (DATA / "holdout3.jsonl").read_text(encoding="utf-8").splitlines()
    items = [json.loads(line) for line in lines]
    assert len(items) >= 40
    units = {u.id for u in routing_catalog.units}
    assert {i["department"] for i in items} == units
    areas = {a.id for a in routing_catalog.areas}
    categories = {c.id for c in routing_catalog.categories}
    for item in items:
        assert item["area"] is None or item["area"] in areas
        assert item["category"] in categories and isinstance(item["epidemic"], bool)


def test_pets_vaccinations_are_animal_health(rules_only_router: Router) -> None:
    # 动物防疫 is agriculture's duty; people's vaccines (九价 HPV included) are health's.
    assert rules_only_router.suggest("家里的猫该打猫三联了上哪打").department == "agriculture"
    assert rules_only_router.suggest("九价上哪能约上").department == "health"


def test_one_off_word_pairs_are_no_features_and_both_classifiers_share_them() -> None:
    # A word pair in a single training text teaches nothing that carries over (MIN_DF) and
    # only costs fitting time; a single word is kept however rare; the type classifier
    # reads the unit classifier's features.
    from hotline.ticketing.routing.classifier import MIN_DF, PlaceMask, train_seed

    records = [(t, u, c) for t, u, c in seed_records() if c][:400]
    model = train_seed(records)
    features = dict(model.pipeline.named_steps["features"].transformer_list)
    mask = PlaceMask()
    tokens = [segment_words(mask(normalise(t))) for t, _, _ in records]
    words = Counter(w for ws in tokens for w in set(ws))
    pairs = Counter(p for ws in tokens for p in {f"{a} {b}" for a, b in itertools.pairwise(ws)})
    assert MIN_DF == 2
    assert set(features["words"].vocabulary_) == set(words)
    assert set(features["word_pairs"].vocabulary_) == {p for p, n in pairs.items() if n >= 2}
    assert any(n == 1 for n in pairs.values())  # so some pair was left out
    assert model.category_pipeline is not None
    assert model.category_pipeline.named_steps["features"] is model.pipeline.named_steps["features"]
    assert set(model.category_probabilities("暖气不热咋整")) == {c for _, _, c in records}


def test_segmentation_is_cached_but_never_shared() -> None:
    first = segment_words("暖气不热咋整")
    first.append("被改")
    assert "被改" not in segment_words("暖气不热咋整")
